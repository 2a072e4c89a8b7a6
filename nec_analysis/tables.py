"""Compatibility shim: table columns and keys now come from ``nec_analysis.schema``.

Only ``PARSED_COLUMNS`` (the reader's frame of one clipping, never written to disk) is
still declared here, for the parser; the rest is re-exported from the schema.
"""

from __future__ import annotations

from .schema import COLUMNS, KEYS

# One line of a clipping's table, as a parser read it (not written to disk).
PARSED_COLUMNS: list[str] = [
    "file",        # clipping path relative to the project root
    "line",        # 1-based line number in that file
    "text",        # the line as published (after encoding normalisation)
    "row_kind",    # candidate | body | subheader | total
    "name",        # person as printed, reordered to "Forename Surname"; measure name for totals
    "figure",      # the count on the line (nominations, votes, total), or <NA>
    "elected",     # True/False when the line (or its sub-header) says so, else <NA>
    "label",       # slate label printed on the line, else <NA>
    "rank",        # position printed on the line, else <NA>
    "prev_rank",   # bracketed previous-cycle rank, else <NA>
    "earlier",     # bracketed earlier-cycle counts, "|"-joined, "" for a dash (e.g. "333|275", "103|")
    "body",        # nominating CLP / Labour group for row_kind == body, else <NA>
]

CANDIDATES_COLUMNS: list[str] = COLUMNS["candidates"]

__all__ = ["COLUMNS", "KEYS", "PARSED_COLUMNS", "CANDIDATES_COLUMNS"]
