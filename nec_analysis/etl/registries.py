"""The hand-kept tables in ``data/raw/`` (every ``*.csv``, ``geography/`` included), read strictly.

Every file is declared here once: its columns, what each column may hold, which columns
must be unique together. A CSV under ``data/raw/`` that is declared nowhere is itself an
error (a table the build would silently ignore). :func:`read_registries` reads them all and reports *every*
malformed row as a :class:`Problem` naming file, line, column and what was expected — a
missing or unknown column, a row with the wrong number of fields, a misspelt vocabulary
word or id, a bad yes/no, a key given twice (a slate label listed twice, even with the
same family), an invisible or control character. Nothing is silently accepted and
nothing ends in a traceback. References *between* registries (an override naming a
candidate that ``candidates.csv`` does not list) are checked here too; references to
clippings and elections are checked by the build, which knows them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import vocab
from ..vocab import codes
from .clippings import ClippingError, Problem  # not ..parsers: places reads geography/ without the reader

#: The column that carries each row's line number in the frames read here.
LINE = "csv_line"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
YEAR = re.compile(r"(19|20)\d\d")
COUNT = re.compile(r"[1-9]\d{0,5}")
SLUG_OR_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Column:
    """One column of a registry: what it may hold, in words and as a test."""

    name: str
    expected: str                                # e.g. "one of yes, no"
    ok: Callable[[str], bool] = lambda v: True   # the value is allowed (empty values: see ``required``)
    required: bool = False                       # an empty cell is an error


def _col(name: str, expected: str, ok: Callable[[str], bool] = lambda v: True, required: bool = False) -> Column:
    return Column(name, expected, ok, required)


def _vocab_col(name: str, terms: tuple[str, ...], required: bool = True) -> Column:
    return Column(name, f"one of {', '.join(terms)}", lambda v: v in terms, required)


def _text(name: str) -> Column:
    return Column(name, "some text (it may not be empty)", required=True)


def _free(name: str) -> Column:
    return Column(name, "any text")


@dataclass(frozen=True)
class Spec:
    """A registry file: its columns in order, the columns unique together, whether it may be absent.

    ``name`` is the path under ``data/raw`` without ``.csv`` (``geography/regions``);
    ``unique`` lists further column sets that must each be unique (beside ``key``).
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional: bool = False
    rows: Callable[[dict[str, str]], list[tuple[str, str]]] = lambda row: []  # (column, expected) across columns
    unique: tuple[tuple[str, ...], ...] = ()

    @property
    def file(self) -> str:
        return f"data/raw/{self.name}.csv"


def _election_cols() -> tuple[Column, ...]:
    return (
        _col("year", "a four-digit year such as 2014", YEAR.fullmatch, True),
        _vocab_col("section", codes(vocab.SECTIONS)),
        _vocab_col("election_type", codes(vocab.ELECTION_TYPES), required=False),
    )


def _candidate_rows(row: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for fact in ("gender", "home_region"):
        if row[fact] and not row[f"{fact}_source"].strip():
            out.append((f"{fact}_source", f"the published source that states the {fact.replace('_', ' ')} "
                                          f"{row[fact]!r} (the publication and the passage)"))
        if row[f"{fact}_source"].strip() and not row[fact]:
            out.append((fact, f"a {fact.replace('_', ' ')} for the source given in {fact}_source, or no source"))
    if row["home_region"] and not row["home_region_strength"]:
        out.append(("home_region_strength", "how strongly the source states the region: stated or weak"))
    if any(not a.strip() for a in row["aliases"].split("|")) and row["aliases"]:
        out.append(("aliases", "names separated by '|' with none empty"))
    return out


def _decision_rows(row: dict[str, str]) -> list[tuple[str, str]]:
    if row["decision"] == "alias" and not row["candidate_id"]:
        return [("candidate_id", "the candidate_id the name is an alias of (decision 'alias')")]
    if row["decision"] == "different" and row["candidate_id"]:
        return [("candidate_id", "no candidate_id for a 'different' person (the name becomes a new candidate)")]
    return []


#: The regions and nations (``places`` reads it; candidates' home regions are its Labour names).
REGIONS = Spec("geography/regions", (
    _col("short_code", "a region code of two capital letters such as NW", re.compile(r"[A-Z]{2}").fullmatch, True),
    _col("gss_code", "an ONS region code such as E12000002", re.compile(r"[ENSW]\d{8}").fullmatch, True),
    _col("nuts1_code", "a NUTS1 code such as UKD", re.compile(r"UK[C-N]").fullmatch, True),
    _text("ons_name"),
    _text("labour_name"),
    _vocab_col("nation", ("England", "Scotland", "Wales", "Northern Ireland")),
    _vocab_col("has_clps", ("True", "False")),
), ("short_code",), unique=(("gss_code",), ("nuts1_code",), ("labour_name",)))

#: CLP names the normaliser cannot place, with their seat (``places`` checks the seat exists).
CLP_ALIASES = Spec("geography/clp_aliases", (
    _vocab_col("boundary_set", codes(vocab.BOUNDARY_SETS)),
    _text("clp_name"),
    _text("constituency_name"),
    _text("reason"),
), ("boundary_set", "clp_name"))


def _regions(raw: Path) -> tuple[str, ...]:
    """Labour's names of the regions (the well-formed rows; the malformed are reported with the file)."""
    frame, _ = read_registry(raw, REGIONS)
    return tuple(frame.labour_name)


def specs(raw: Path) -> dict[str, Spec]:
    """Every registry of ``data/raw`` (``raw``), by its path under ``data/raw`` without ``.csv``."""
    yes_no = codes(vocab.YES_NO)
    figure_holds = tuple(h for h in codes(vocab.HOLDS) if h in ("nominations", "results", "totals"))
    regions = _regions(raw)
    from .checks import CHECKS  # the plausibility checks an override may name

    return {s.name: s for s in (
        REGIONS,
        CLP_ALIASES,
        Spec("candidates", (
            _col("candidate_id", "an id in lower case with hyphens, such as ann-black", SLUG.fullmatch, True),
            _text("display_name"),
            _free("aliases"),
            _vocab_col("gender", codes(vocab.GENDERS), required=False),
            _free("gender_source"),
            Column("home_region", f"one of {', '.join(regions)}", lambda v: v in regions),
            _free("home_region_source"),
            _vocab_col("home_region_strength", codes(vocab.HOME_REGION_STRENGTHS), required=False),
        ), ("candidate_id",), rows=_candidate_rows),
        Spec("elections", (
            *_election_cols(),
            _col("seats", "a number of seats such as 6", COUNT.fullmatch),
            _vocab_col("voting_system", codes(vocab.VOTING_SYSTEMS), required=False),
            _col("ballot_threshold", "a number of nominations such as 5", COUNT.fullmatch),
            _free("source_url"),
            _free("note"),
        ), ("year", "section", "election_type")),
        Spec("slate_families", (
            _text("label"),
            _vocab_col("slate_family", tuple(c for c in codes(vocab.SLATE_FAMILIES) if c != "contested")),
            _free("note"),
        ), ("label",)),
        Spec("incumbency_overrides", (
            *_election_cols(),
            _col("candidate_id", "a candidate id such as ann-black", SLUG.fullmatch, True),
            _vocab_col("incumbent", yes_no),
            _text("reason"),
            _free("source_url"),
        ), ("year", "section", "election_type", "candidate_id")),
        Spec("preferred_sources", (
            *_election_cols(),
            _vocab_col("holds", figure_holds),
            _col("source_id", "a clipping's source id (its file name without .txt)", SLUG_OR_STEM.fullmatch, True),
            _text("reason"),
        ), ("year", "section", "election_type", "holds")),
        Spec("name_decisions", (
            _text("name"),
            _vocab_col("decision", ("alias", "different")),
            _col("candidate_id", "a candidate id such as ann-black", SLUG.fullmatch),
            _text("reason"),
        ), ("name",), optional=True, rows=_decision_rows),
        Spec("printed_as_is", (
            _col("file", "a clipping such as data/raw/clippings/2001_clp_results_whatnext.txt",
                 lambda v: v.startswith("data/raw/clippings/") and v.endswith(".txt"), True),
            _col("line", "a line number of that file", COUNT.fullmatch, True),
            _vocab_col("check", tuple(CHECKS)),
            _text("reason"),
            _text("source"),
        ), ("file", "line", "check"), optional=True),
    )}



def _bad_characters(value: str) -> str:
    """The first invisible or control character in ``value``, named, or ''."""
    if value.isprintable():  # no character of Other or Separator (but the space): none of those below
        return ""
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs"):
            name = unicodedata.name(ch, "a control character")
            return f"U+{ord(ch):04X} ({name})"
    return ""


def read_registry(raw: Path, spec: Spec) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one registry: its rows (strings, plus ``csv_line``) and every problem in it."""
    path = raw / f"{spec.name}.csv"
    names = [c.name for c in spec.columns]
    empty = pd.DataFrame(columns=[*names, LINE])
    if not path.is_file():
        if spec.optional:
            return empty, []
        return empty, [Problem(spec.file, 1, "", f"this file, with the columns {', '.join(names)}: it is missing")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return empty, [Problem(spec.file, line, "", "text in UTF-8 (re-save the file as UTF-8)")]
    problems: list[Problem] = []
    rows: list[dict[str, str | int]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    header: list[str] | None = None
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            shown = ",".join(record)
            if header is None:
                header = [h.strip() for h in record]
                missing = [c for c in names if c not in header]
                unknown = [c for c in header if c not in names]
                if missing or unknown:
                    said = "; ".join(filter(None, [
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unknown {', '.join(repr(c) for c in unknown)}" if unknown else ""]))
                    problems.append(Problem(spec.file, line, shown,
                                            f"a header row with the columns {', '.join(names)} ({said})"))
                    return empty, problems
                continue
            if not any(v.strip() for v in record):
                continue  # a blank line
            if len(record) != len(header):
                where = (f"column {header[len(record)]}: missing" if len(record) < len(header)
                         else f"nothing after column {header[-1]}")
                problems.append(Problem(spec.file, line, shown,
                                        f"{where} — {len(header)} fields, one per column ({', '.join(header)}); this "
                                        f"row has {len(record)} (a comma inside a value needs \"double quotes\" around it)"))
                continue
            row = dict(zip(header, record))
            problems += _check_row(spec, line, shown, row)
            rows.append({**{c: row[c] for c in names}, LINE: line})
    except csv.Error as err:
        problems.append(Problem(spec.file, reader.line_num, "", f"well-formed CSV ({err})"))
    if header is None:
        problems.append(Problem(spec.file, 1, "", f"a header row with the columns {', '.join(names)}: the file is empty"))
    problems += _duplicates(spec, rows)
    return (pd.DataFrame(rows, columns=[*names, LINE]) if rows else empty), problems


def _check_row(spec: Spec, line: int, shown: str, row: dict[str, str]) -> list[Problem]:
    out = []
    for col in spec.columns:
        value = row[col.name]
        bad = _bad_characters(value)
        if bad:
            out.append(Problem(spec.file, line, shown, f"column {col.name}: no invisible or control characters; "
                                                       f"{value!r} has {bad}"))
        elif value == "" and col.required:
            out.append(Problem(spec.file, line, shown, f"column {col.name}: {col.expected}; it is empty"))
        elif value != "" and not col.ok(value):
            out.append(Problem(spec.file, line, shown, f"column {col.name}: {col.expected}; {value!r} is not"))
    if not out:
        out += [Problem(spec.file, line, shown, f"column {col}: {expected}") for col, expected in spec.rows(row)]
    return out


def _duplicates(spec: Spec, records: list[dict[str, str | int]]) -> list[Problem]:
    """A row repeating another's key (or a column declared unique), at the later line."""
    out = []
    for cols in (spec.key, *spec.unique):
        seen: dict[tuple[str, ...], int] = {}
        for row in records:
            key = tuple(str(row[c]) for c in cols)
            if key in seen:
                what = ", ".join(f"{c} {v!r}" for c, v in zip(cols, key))
                out.append(Problem(spec.file, int(row[LINE]), ",".join(str(v) for c, v in row.items() if c != LINE),
                                   f"column {cols[-1]}: each {what} once; already on line {seen[key]}"))
            else:
                seen[key] = int(row[LINE])
    return out


def undeclared(raw: Path, declared: dict[str, Spec]) -> list[Problem]:
    """A CSV under ``raw`` that no Spec declares: the build would ignore it, so it is an error."""
    names = ", ".join(f"data/raw/{n}.csv" for n in declared)
    return [Problem(f"data/raw/{p.relative_to(raw).as_posix()}", 1, "",
                    f"one of the tables the build reads ({names}): this file is read by nothing, so what it says "
                    f"would be ignored; move it out of data/raw, or put its rows in the table they belong to")
            for p in sorted(raw.rglob("*.csv"))
            if p.relative_to(raw).with_suffix("").as_posix() not in declared]


def read_registries(raw: Path) -> dict[str, pd.DataFrame]:
    """Every registry of ``raw`` by name; raise ClippingError listing every malformed row of every file."""
    frames, problems = {}, []
    declared = specs(raw)
    for name, spec in declared.items():
        frames[name], found = read_registry(raw, spec)
        problems += found
    problems += undeclared(raw, declared)
    problems += _references(frames)
    if problems:
        raise ClippingError(problems)
    return frames


def _references(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Ids one registry takes from another (candidate ids from candidates.csv)."""
    known = set(frames["candidates"].candidate_id)
    out = []
    for name in ("incumbency_overrides", "name_decisions"):
        for row in frames[name].to_dict("records"):
            if row["candidate_id"] and row["candidate_id"] not in known:
                out.append(Problem(f"data/raw/{name}.csv", int(row[LINE]),
                                   ",".join(str(v) for k, v in row.items() if k != LINE),
                                   f"column candidate_id: a candidate_id from data/raw/candidates.csv; "
                                   f"{row['candidate_id']!r} is not one"))
    return out
