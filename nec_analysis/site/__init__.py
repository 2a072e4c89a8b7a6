"""The report site: run notebooks (engine), render pages, build indexes and the site."""
