"""nec-analysis: a tidy, sourced dataset of Labour NEC elections, and its analyses."""

__version__ = "0.1.0"
