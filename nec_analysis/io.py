"""Compatibility shim: paths come from ``nec_analysis.paths``, tables from ``nec_analysis.store``."""

from __future__ import annotations

from .paths import processed_dir, project_root, raw_dir
from .store import coerce, load_tables, read_table, write_table

__all__ = ["coerce", "load_tables", "processed_dir", "project_root", "raw_dir", "read_table", "write_table"]
