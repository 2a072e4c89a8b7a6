"""data/raw → data/processed: reading clippings and registries, building the tidy tables."""
