"""The dataset's schema: one declaration per column and one per table.

Every fact about a column of ``data/processed/`` lives in its ``Column`` below: type,
allowed values or checks, unit and meaning. Every fact about a table lives in its
``Table``: its columns in order, which must always be given, its key, what it joins to and
which code builds it. Everything else is generated from here:

* the dtypes used to read and write the CSVs (``dtypes``, used by ``store``);
* the checks every table the data build writes must pass (``violations``: the column set
  and order, dtypes, required values, vocabularies, patterns, ranges and the unique key,
  vectorised, so the build needs no validation library at run time);
* the same checks as a pandera schema (``pandera_schema``), which the tests hold the
  committed tables and every planted fault to, so the two can never drift apart;
* the column tables of ``data/processed/README.md``, ``data/processed/datapackage.json``
  and Datasette's ``metadata.yml`` (``nec_analysis.etl.publish``).

Add a column here (and to the table's ``columns``) and nowhere else; a test fails when a
table on disk has a column not declared here, or the other way round. Vocabularies come
from ``vocab`` and the election-id pattern from ``ids``.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import ids, vocab
from .vocab import codes

if TYPE_CHECKING:  # pandas and pandera are imported only when needed (the build never imports pandera)
    import pandas as pd
    import pandera.pandas as pa

# Column types (Table Schema names) → pandas dtypes that keep <NA> for unknown.
PANDAS_DTYPES: dict[str, str] = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


@dataclass(frozen=True)
class Column:
    """One column wherever it appears: what it holds and the checks every value passes."""

    name: str
    type: str                      # a key of PANDAS_DTYPES
    description: str
    values: tuple[str, ...] = ()   # the only values allowed (a vocabulary)
    pattern: str = ""              # a regular expression every value matches in full
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""

    def __post_init__(self) -> None:
        if self.type not in PANDAS_DTYPES:
            raise ValueError(f"column {self.name}: type {self.type!r} is not one of {sorted(PANDAS_DTYPES)}")


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table are ``fields`` (or ``ref_fields``) of table ``table``."""

    fields: tuple[str, ...]
    table: str
    ref_fields: tuple[str, ...] = ()

    @property
    def reference(self) -> tuple[str, ...]:
        """The referenced columns (the same names unless ``ref_fields`` says otherwise)."""
        return self.ref_fields or self.fields


@dataclass(frozen=True)
class Table:
    """One tidy table: its columns in order, key, joins and what builds it."""

    name: str
    title: str
    description: str
    built_by: str
    columns: tuple[str, ...]
    required: tuple[str, ...]            # never empty
    primary_key: tuple[str, ...] = ()    # unique and required; empty where no column set is
    sort_key: tuple[str, ...] = ()       # rows are written in this order (default: primary key)
    foreign_keys: tuple[ForeignKey, ...] = ()
    meaning: dict[str, str] = field(default_factory=dict)  # what a column means in this table, if narrower

    @property
    def order(self) -> list[str]:
        """Columns the rows are sorted on when written."""
        return list(self.sort_key or self.primary_key)

    def description_of(self, column: str) -> str:
        """The column's meaning in this table."""
        return self.meaning.get(column) or COLUMN_BY_NAME[column].description


def _c(name: str, type: str, description: str, **kw) -> Column:
    return Column(name, type, description, **kw)


_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
_FILE = r"data/raw/clippings/[^/]+\.txt"

COLUMNS_DECLARED: tuple[Column, ...] = (
    # --- identities
    _c("election_id", "string", "the election: `<year>-<section>` (`2014-clp`) or `<year>-<section>-by-election`",
       pattern=ids.PATTERN),
    _c("candidate_id", "string", "the candidate: a stable slug of the registry's display name (`ann-black`)",
       pattern=r"[a-z0-9]+(-[a-z0-9]+)*"),
    _c("source_id", "string", "the clipping the row was read from: its file stem in `data/raw/clippings/`"),
    _c("year", "integer", "the election year", minimum=1900, maximum=2100),
    _c("section", "string", "NEC section: `clp` or `local_government`", values=codes(vocab.SECTIONS)),
    _c("election_type", "string", "`regular` or `by-election`", values=codes(vocab.ELECTION_TYPES)),
    # --- provenance
    _c("publisher", "string", "publisher, as in the clipping header"),
    _c("title", "string", "headline or title, as in the clipping header"),
    _c("url", "string", "address of the published source, where it has one"),
    _c("published", "string", "date published (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)", pattern=_DATE),
    _c("holds", "string", "what the clipping's table holds", values=codes(vocab.HOLDS)),
    _c("status", "string", "`final`, or `interim` for figures so far (a rolling list)", values=codes(vocab.STATUSES)),
    _c("as_of", "string", "date the figures stood (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)", pattern=_DATE),
    _c("partial", "boolean", "the table does not list every candidate"),
    _c("truncated", "boolean", "the stored copy of the source is cut off"),
    _c("file", "string", "path of the clipping, relative to the project folder", pattern=_FILE),
    _c("line", "integer", "line of the clipping the figure was read from", minimum=1, unit="line number"),
    _c("note", "string", "the capture's note"),
    # --- people
    _c("display_name", "string", "name shown in reports"),
    _c("aliases", "string", "`|`-separated printed variants of the name that resolve to this person"),
    _c("gender", "string", "`F` or `M` where a published source states it; empty = unknown (never guessed)",
       values=codes(vocab.GENDERS)),
    _c("gender_source", "string", "the source that states the gender, and its wording"),
    _c("home_region", "string", "Labour region where a source says the candidate lives or is based"),
    _c("home_region_source", "string", "the source of `home_region`"),
    _c("home_region_strength", "string", "`stated` (an article says so) or `weak` (e.g. a reader comment)",
       values=codes(vocab.HOME_REGION_STRENGTHS)),
    # --- elections
    _c("seats", "integer", "seats filled (from `data/raw/elections.csv`)", minimum=1, unit="seats"),
    _c("voting_system", "string", "`block` or `stv`; empty where no source says", values=codes(vocab.VOTING_SYSTEMS)),
    _c("ballot_threshold", "integer", "nominations needed to reach the ballot, where stated", minimum=0,
       unit="nominations"),
    _c("n_candidates", "integer", "candidates on the ballot (rows of a complete results table)", minimum=0,
       unit="candidates"),
    _c("n_elected", "integer", "candidacies with `elected` true", minimum=0, unit="candidates"),
    _c("nominations_total_summed", "integer",
       "sum of the preferred final nominations (only from one complete table)", minimum=0, unit="nominations"),
    _c("nominations_total_stated", "integer", "preferred stated total of nominations", minimum=0, unit="nominations"),
    _c("clps_nominating_stated", "integer", "preferred stated number of CLPs that nominated", minimum=0,
       unit="CLPs"),
    _c("ballots_cast_stated", "integer", "preferred stated number of ballots returned", minimum=0, unit="ballots"),
    _c("turnout_pct_stated", "number", "preferred stated turnout", minimum=0, maximum=100, unit="per cent"),
    # --- totals
    _c("measure", "string", "what is measured"),
    _c("value", "number", "the figure as stated", minimum=0),
    _c("approximate", "boolean", "the source gave the figure as approximate (`~`); `False` when stated exactly"),
    _c("preferred", "boolean", "the figure analyses use, of several for the same thing (rule in README)"),
    # --- candidacies and slates
    _c("slate_family", "string", "slate family: `grassroots_left`, `labour_right`, `open_labour`, `independent`, "
       "`unknown`, or `contested` when a candidacy's labels disagree", values=codes(vocab.SLATE_FAMILIES)),
    _c("slate_labels", "string", "every slate label sources used, ` | `-joined (`slate_labels.csv` says who said which)"),
    _c("label", "string", "slate label as the source printed or worded it"),
    _c("incumbent", "boolean", "held a seat of this section when the election began; empty = unknown"),
    _c("incumbent_basis", "string", "why: `won 2012-clp`, `override: …` or `unknown: …`"),
    _c("on_ballot", "boolean", "reached the ballot (rule in README); empty = unknown"),
    _c("elected", "boolean", "elected; empty = no result known"),
    # --- figures
    _c("nominations", "integer", "nominations by CLPs (or, in the local government section, Labour groups)",
       minimum=0, unit="nominations"),
    _c("rank_stated", "integer", "position the source printed (for `bracket` rows: the bracketed previous rank)",
       minimum=1),
    _c("origin", "string", "`table` (the source's own election) or `bracket` (an earlier election's figure "
       "printed in brackets)", values=("table", "bracket")),
    _c("votes", "integer", "votes (block vote) or the figure published; empty for STV outcomes without figures",
       minimum=0, unit="votes"),
    _c("share_pct", "number", "percentage of the votes the source printed beside the figure", minimum=0,
       maximum=100, unit="per cent"),
    _c("position", "integer", "place in the election: the place a source states (`rank_stated`), else the place "
       "by votes among the preferred results where those list every candidate and their votes and printed "
       "shares agree in order (ties share the higher place); empty where neither is known",
       minimum=1),
    _c("first_preferences", "integer", "first-preference votes (STV); none published in the sources so far",
       minimum=0, unit="votes"),
    _c("final_round", "integer", "votes in the final round (STV); none published in the sources so far",
       minimum=0, unit="votes"),
    # --- nominating bodies and places
    _c("body", "string", "nominating CLP or council Labour group, exactly as printed"),
    _c("body_type", "string", "`clp` (Constituency Labour Party) or `labour_group` (a council's Labour group)",
       values=codes(vocab.BODY_TYPES)),
    _c("boundary_set", "string", "Westminster boundaries the CLP follows: `2010` (seats of 2010–2024, NEC "
       "elections to 2022) or `2024`; empty for a Labour group", values=codes(vocab.BOUNDARY_SETS)),
    _c("seat_code", "string", "ONS (GSS) code of the Westminster constituency the CLP is named after; "
       "empty for a Labour group (councils are never put on seats)", pattern=r"[ENSW]\d{8}"),
    _c("seat_name", "string", "the constituency's official name"),
    _c("region_code", "string", "short code of the seat's region or nation (`NW`, `WA`)"),
    _c("region", "string", "Labour's name for the seat's region or nation (`North West`, `Wales`)"),
    _c("nation", "string", "`England`, `Scotland` or `Wales`"),
    _c("match", "string", "how the name was placed: `exact` (same name once normalised) or `alias` "
       "(a row of `data/raw/geography/clp_aliases.csv`)", values=("exact", "alias")),
    # --- discrepancies
    _c("value_a", "string", "the preferred (or stated) value"),
    _c("source_a", "string", "the source of `value_a`"),
    _c("value_b", "string", "the other value"),
    _c("source_b", "string", "the source of `value_b` (`sum:<source>` for a sum of that source's figures)"),
    _c("description", "string", "the disagreement in words"),
)
COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS_DECLARED}


_FK_CANDIDACY = ForeignKey(("election_id", "candidate_id"), "candidacies")
_FK_ELECTION = ForeignKey(("election_id",), "elections")
_FK_CANDIDATE = ForeignKey(("candidate_id",), "candidates")
_FK_SOURCE = ForeignKey(("source_id",), "sources")
_ROWS = "`nec_analysis/etl/rows.py`"
_RULES = "`nec_analysis/etl/rules.py`"

TABLES: tuple[Table, ...] = (
    Table("sources", "Sources", "one row per clipping: a published table and where it came from",
          f"{_ROWS} `sources_table`, from each clipping's header",
          ("source_id", "publisher", "title", "url", "published", "year", "section", "election_type", "holds",
           "status", "as_of", "partial", "truncated", "file", "note"),
          required=("source_id", "publisher", "title", "published", "year", "section", "holds", "status", "file"),
          primary_key=("source_id",),
          meaning={"year": "election year the table is about", "status": "`final` or `interim` (the header's)"}),
    Table("candidates", "Candidates", "the candidate registry: one row per person",
          "`nec_analysis/etl/people.py` `Registry`, from `data/raw/candidates.csv`",
          ("candidate_id", "display_name", "aliases", "gender", "gender_source", "home_region",
           "home_region_source", "home_region_strength"),
          required=("candidate_id", "display_name"), primary_key=("candidate_id",)),
    Table("elections", "Elections", "one row per election of one section",
          f"{_RULES} `elections_table`, from `data/raw/elections.csv` and the clippings",
          ("election_id", "year", "section", "election_type", "seats", "voting_system", "ballot_threshold",
           "n_candidates", "n_elected", "nominations_total_summed", "nominations_total_stated",
           "clps_nominating_stated", "ballots_cast_stated", "turnout_pct_stated"),
          required=("election_id", "year", "section", "election_type"), primary_key=("election_id",)),
    Table("totals", "Stated totals", "every stated total, one row per election, measure and source",
          f"{_ROWS} `figure_rows`; {_RULES} `prefer`",
          ("election_id", "measure", "value", "approximate", "source_id", "preferred"),
          required=("election_id", "measure", "value", "source_id", "preferred"),
          primary_key=("election_id", "measure", "source_id"),
          foreign_keys=(_FK_ELECTION, _FK_SOURCE),
          meaning={"preferred": "the value used in `elections.csv`",
                   "measure": "`nominations_total`, `clps_nominating`, `ballots_cast` or `turnout_pct`"}),
    Table("candidacies", "Candidacies", "one row per election and candidate",
          f"{_RULES} `candidacies`, `incumbency`",
          ("election_id", "candidate_id", "slate_family", "slate_labels", "incumbent", "incumbent_basis",
           "on_ballot", "elected"),
          required=("election_id", "candidate_id", "slate_family", "incumbent_basis"),
          primary_key=("election_id", "candidate_id"), foreign_keys=(_FK_ELECTION, _FK_CANDIDATE)),
    Table("slate_labels", "Slate labels", "each slate label a source used for a candidate",
          f"{_ROWS} `figure_rows`, with families from `data/raw/slate_families.csv`",
          ("election_id", "candidate_id", "label", "slate_family", "source_id"),
          required=("election_id", "candidate_id", "label", "slate_family", "source_id"),
          primary_key=("election_id", "candidate_id", "source_id", "label"),
          foreign_keys=(_FK_CANDIDACY, _FK_SOURCE),
          meaning={"slate_family": "the label's family, from `data/raw/slate_families.csv`"}),
    Table("nominations", "Nominations", "nominations per candidate, one row per election, candidate, source "
          "and origin", f"{_ROWS} `figure_rows`; {_RULES} `prefer`",
          ("election_id", "candidate_id", "nominations", "rank_stated", "status", "as_of", "source_id", "origin",
           "preferred", "file", "line"),
          required=("election_id", "candidate_id", "status", "source_id", "origin", "preferred", "file", "line"),
          primary_key=("election_id", "candidate_id", "source_id", "origin"),
          foreign_keys=(_FK_CANDIDACY, _FK_SOURCE),
          meaning={"as_of": "date the figure stood (empty for bracketed back-references)"}),
    Table("clp_nominations", "Nominations body by body", "who each CLP or Labour group nominated, from "
          "sources that list them", f"{_ROWS} `figure_rows`",
          ("election_id", "candidate_id", "body", "body_type", "status", "as_of", "source_id", "file", "line"),
          required=("election_id", "candidate_id", "body", "body_type", "source_id", "file", "line"),
          primary_key=("election_id", "candidate_id", "body", "source_id"),
          foreign_keys=(_FK_CANDIDACY, _FK_SOURCE, ForeignKey(("election_id", "body"), "clps"))),
    Table("clps", "Nominating bodies and places", "every body in `clp_nominations.csv`, once per election: a "
          "CLP with its seat, region and nation; a council Labour group with its name only",
          "`nec_analysis/etl/places.py` `clps_table`, from `data/raw/geography/`",
          ("election_id", "body", "body_type", "boundary_set", "seat_code", "seat_name", "region_code", "region",
           "nation", "match"),
          required=("election_id", "body", "body_type"), primary_key=("election_id", "body"),
          foreign_keys=(_FK_ELECTION,)),
    Table("results", "Results", "votes and outcomes, one row per election, candidate and source",
          f"{_ROWS} `figure_rows`; {_RULES} `prefer`, `positions`",
          ("election_id", "candidate_id", "votes", "share_pct", "elected", "rank_stated", "position",
           "first_preferences", "final_round", "source_id", "preferred", "file", "line"),
          required=("election_id", "candidate_id", "source_id", "preferred", "file", "line"),
          primary_key=("election_id", "candidate_id", "source_id"),
          foreign_keys=(_FK_CANDIDACY, _FK_SOURCE),
          meaning={"elected": "elected, as printed (marks, `Not Elected:` sub-headers)"}),
    Table("discrepancies", "Discrepancies", "where sources disagree, one row per pair of figures",
          f"{_RULES} `discrepancies`",
          ("election_id", "candidate_id", "measure", "value_a", "source_a", "value_b", "source_b", "description"),
          required=("election_id", "measure", "value_a", "source_a", "value_b", "source_b", "description"),
          sort_key=("election_id", "measure", "candidate_id", "source_a", "source_b"),
          foreign_keys=(_FK_ELECTION, _FK_CANDIDATE),
          meaning={"candidate_id": "the candidate; empty for a total",
                   "measure": "what disagrees: `nominations`, `votes`, `nominations_total`, `bodies_listed`, "
                              "`slate_family`, `votes_against_share` (one table's votes and printed share, "
                              "kept as printed: `printed_as_is.csv`), …"}),
)
TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
#: Column names of every table, in order (what ``tables.COLUMNS`` used to be).
COLUMNS: dict[str, list[str]] = {t.name: list(t.columns) for t in TABLES}
#: Sort order of every table's rows (what ``tables.KEYS`` used to be).
KEYS: dict[str, list[str]] = {t.name: t.order for t in TABLES}


def table(name: str) -> Table:
    """The declaration of table ``name``; ``KeyError`` naming the tables if there is none."""
    try:
        return TABLE_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; tables: {', '.join(TABLE_BY_NAME)}") from None


def dtypes(name: str) -> dict[str, str]:
    """Column → pandas dtype of table ``name`` (``Int64``/``Float64``/``boolean`` keep <NA>)."""
    return {c: PANDAS_DTYPES[COLUMN_BY_NAME[c].type] for c in table(name).columns}


@functools.cache
def declared_dtypes(name: str) -> dict[str, object]:
    """Column → the pandas dtype object of table ``name`` (what ``df.dtypes`` holds for a declared table)."""
    import pandas as pd

    return {c: pd.api.types.pandas_dtype(d) for c, d in dtypes(name).items()}


def _rows(mask: list[bool], values: list | None = None, limit: int = 5) -> str:
    """The first rows where ``mask`` holds (0-based row numbers), with their values."""
    at = [i for i, bad in enumerate(mask) if bad]
    shown = [f"row {i}" + (f" {values[i]!r}" if values is not None else "") for i in at[:limit]]
    return ", ".join(shown) + (f" and {len(at) - limit} more" if len(at) > limit else "")


def violations(name: str, df: pd.DataFrame) -> list[str]:
    """Every way ``df`` breaks table ``name``'s declaration, in words; ``[]`` if none.

    The same rules as :func:`pandera_schema` (strict and ordered columns, each column's
    dtype, no empty value in a required column, declared values, pattern matched in full,
    minimum and maximum, the primary key unique), checked on each column's values as a
    Python list: the tables are small, and a pandas operation per rule and column cost
    more than the whole check in plain Python.
    """
    import re

    from .store import is_missing  # store imports this module: imported at call time

    t = table(name)
    if list(df.columns) != list(t.columns):
        return [f"{name}: columns {list(df.columns)}, declared {list(t.columns)} (in that order)"]
    out = []
    declared = declared_dtypes(name)
    columns: dict[str, list] = {}
    for c, actual in zip(df.columns, df.dtypes):
        col = COLUMN_BY_NAME[c]
        if actual != declared[c]:
            out.append(f"{name}.{c}: dtype {actual!r}, declared {dtypes(name)[c]}")
            continue
        values = columns[c] = df[c].tolist()
        present = [not is_missing(v) for v in values]
        if c in t.required and not all(present):
            out.append(f"{name}.{c}: required, empty at {_rows([not p for p in present])}")
        if col.values:
            allowed = set(col.values)
            bad = [p and v not in allowed for p, v in zip(present, values)]
            if any(bad):
                out.append(f"{name}.{c}: one of {', '.join(col.values)}; not at {_rows(bad, values)}")
        if col.pattern:
            rx = re.compile(col.pattern)
            wrong = [p and not rx.fullmatch(v) for p, v in zip(present, values)]
            if any(wrong):
                out.append(f"{name}.{c}: matches {col.pattern}; not at {_rows(wrong, values)}")
        if col.minimum is not None and any(low := [p and v < col.minimum for p, v in zip(present, values)]):
            out.append(f"{name}.{c}: at least {col.minimum:g}; below at {_rows(low, values)}")
        if col.maximum is not None and any(high := [p and v > col.maximum for p, v in zip(present, values)]):
            out.append(f"{name}.{c}: at most {col.maximum:g}; above at {_rows(high, values)}")
    if t.primary_key:
        keys = list(zip(*(columns.get(c) or df[c].tolist() for c in t.primary_key)))
        seen = Counter(keys)
        dup = [seen[k] > 1 for k in keys]
        if any(dup):
            out.append(f"{name}: key {', '.join(t.primary_key)} unique; repeated at {_rows(dup, keys)}")
    return out


def column_checks(col: Column) -> list[pa.Check]:
    """pandera checks for a column's declared values, pattern and range."""
    import pandera.pandas as pa

    checks = []
    if col.values:
        checks.append(pa.Check.isin(list(col.values)))
    if col.pattern:
        checks.append(pa.Check.str_matches(f"^(?:{col.pattern})$"))
    if col.minimum is not None:
        checks.append(pa.Check.ge(col.minimum))
    if col.maximum is not None:
        checks.append(pa.Check.le(col.maximum))
    return checks


def pandera_schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema of table ``name``: strict, ordered, required columns, unique key."""
    import pandera.pandas as pa

    t = table(name)
    columns = {
        c: pa.Column(dtype, checks=column_checks(COLUMN_BY_NAME[c]), nullable=c not in t.required)
        for c, dtype in dtypes(name).items()
    }
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=list(t.primary_key) or None, name=name)


def problems(headers: dict[str, list[str]] | None = None) -> list[str]:
    """Every way the declarations disagree with themselves or with tables on disk.

    ``headers`` maps a table file's stem to its header (e.g. read from ``data/processed``):
    a file that is no declared table, a column not declared, a declared column missing or
    out of order. Also: a column declared but in no table, a table naming an undeclared
    column, keys and joins naming columns the tables do not have.
    """
    out = []
    used = {c for t in TABLES for c in t.columns}
    out += [f"column {c!r} is declared but in no table" for c in COLUMN_BY_NAME if c not in used]
    for t in TABLES:
        out += [f"{t.name}: column {c!r} is not declared in COLUMNS_DECLARED" for c in t.columns
                if c not in COLUMN_BY_NAME]
        for what, cols in (("required", t.required), ("primary key", t.primary_key), ("sort key", t.order)):
            out += [f"{t.name}: {what} names {c!r}, not one of its columns" for c in cols if c not in t.columns]
        out += [f"{t.name}: primary key column {c!r} is not required" for c in t.primary_key if c not in t.required]
        if not t.order:
            out.append(f"{t.name}: no primary key or sort key (rows would be written in no fixed order)")
        for fk in t.foreign_keys:
            ref = TABLE_BY_NAME.get(fk.table)
            if ref is None:
                out.append(f"{t.name}: foreign key to unknown table {fk.table!r}")
                continue
            out += [f"{t.name}: foreign key column {c!r} is not one of its columns" for c in fk.fields
                    if c not in t.columns]
            if tuple(fk.reference) != ref.primary_key:
                out.append(f"{t.name}: foreign key {fk.fields} → {fk.table}{fk.reference}, "
                           f"which is not {fk.table}'s primary key {ref.primary_key}")
    for stem, header in (headers or {}).items():
        if stem not in TABLE_BY_NAME:
            out.append(f"{stem}.csv is not a declared table")
            continue
        declared = list(TABLE_BY_NAME[stem].columns)
        out += [f"{stem}.csv: column {c!r} is not declared" for c in header if c not in declared]
        out += [f"{stem}.csv: declared column {c!r} is missing" for c in declared if c not in header]
        if set(header) == set(declared) and header != declared:
            out.append(f"{stem}.csv: columns in the order {header}, declared {declared}")
    return out
