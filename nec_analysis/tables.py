"""Canonical column lists: one per table, declared once.

Every parser and builder returns exactly these columns in this order, and
``nec_analysis.schemas`` validates them.  Change a table here and nowhere else.

Identifiers used across tables
------------------------------
* ``election_id``  ``<year>-<section>`` for regular elections (``2014-clp``,
  ``2014-local_government``) and ``<year>-<section>-by-election`` for
  by-elections (``2020-clp-by-election``).
* ``section``      ``clp`` or ``local_government``.
* ``candidate_id`` slug of the registry's display name (``ann-black``).
* ``source_id``    the clipping's file stem (``2014_clp_nominations_labourlist``).
"""

from __future__ import annotations

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

SOURCES_COLUMNS: list[str] = [
    "source_id", "publisher", "title", "url", "published", "year", "section",
    "election_type", "holds", "status", "as_of", "partial", "truncated", "file", "note",
]

CANDIDATES_COLUMNS: list[str] = [
    "candidate_id", "display_name", "aliases", "gender", "gender_source",
    "home_region", "home_region_source", "home_region_strength",
]

ELECTIONS_COLUMNS: list[str] = [
    "election_id", "year", "section", "election_type", "seats", "voting_system",
    "ballot_threshold", "n_candidates", "n_elected",
    "nominations_total_summed", "nominations_total_stated", "clps_nominating_stated",
    "ballots_cast_stated", "turnout_pct_stated",
]

# Every stated total, one row per (election, measure, source).
TOTALS_COLUMNS: list[str] = [
    "election_id", "measure", "value", "approximate", "source_id", "preferred",
]

CANDIDACIES_COLUMNS: list[str] = [
    "election_id", "candidate_id", "slate_family", "slate_labels", "incumbent",
    "incumbent_basis", "on_ballot", "elected",
]

SLATE_LABELS_COLUMNS: list[str] = [
    "election_id", "candidate_id", "label", "slate_family", "source_id",
]

NOMINATIONS_COLUMNS: list[str] = [
    "election_id", "candidate_id", "nominations", "rank_stated", "status", "as_of",
    "source_id", "origin", "preferred", "file", "line",
]

CLP_NOMINATIONS_COLUMNS: list[str] = [
    "election_id", "candidate_id", "body", "body_type", "status", "as_of",
    "source_id", "file", "line",
]

RESULTS_COLUMNS: list[str] = [
    "election_id", "candidate_id", "votes", "elected", "position",
    "first_preferences", "final_round", "source_id", "preferred", "file", "line",
]

DISCREPANCIES_COLUMNS: list[str] = [
    "election_id", "candidate_id", "measure", "value_a", "source_a", "value_b",
    "source_b", "description",
]

# Sort keys: outputs are sorted on these so a rebuild is byte-identical.
KEYS: dict[str, list[str]] = {
    "sources": ["source_id"],
    "candidates": ["candidate_id"],
    "elections": ["election_id"],
    "totals": ["election_id", "measure", "source_id"],
    "candidacies": ["election_id", "candidate_id"],
    "slate_labels": ["election_id", "candidate_id", "source_id", "label"],
    "nominations": ["election_id", "candidate_id", "source_id", "origin"],
    "clp_nominations": ["election_id", "candidate_id", "body", "source_id"],
    "results": ["election_id", "candidate_id", "source_id"],
    "discrepancies": ["election_id", "measure", "candidate_id", "source_a", "source_b"],
}

COLUMNS: dict[str, list[str]] = {
    "sources": SOURCES_COLUMNS,
    "candidates": CANDIDATES_COLUMNS,
    "elections": ELECTIONS_COLUMNS,
    "totals": TOTALS_COLUMNS,
    "candidacies": CANDIDACIES_COLUMNS,
    "slate_labels": SLATE_LABELS_COLUMNS,
    "nominations": NOMINATIONS_COLUMNS,
    "clp_nominations": CLP_NOMINATIONS_COLUMNS,
    "results": RESULTS_COLUMNS,
    "discrepancies": DISCREPANCIES_COLUMNS,
}

# Column types on disk → pandas dtypes on load ("Int64"/"boolean" keep <NA>).
INT_COLUMNS: set[str] = {
    "year", "seats", "ballot_threshold", "n_candidates", "n_elected",
    "nominations_total_summed", "nominations_total_stated", "clps_nominating_stated",
    "ballots_cast_stated", "nominations", "rank_stated", "votes", "position",
    "first_preferences", "final_round", "line",
}
FLOAT_COLUMNS: set[str] = {"turnout_pct_stated", "value"}
BOOL_COLUMNS: set[str] = {
    "incumbent", "on_ballot", "elected", "preferred", "approximate", "partial", "truncated",
}
