"""Build the tidy tables in ``data/processed/`` from ``data/raw/``.

Reads every clipping and registry, turns lines into rows (:mod:`.rows`), applies the
preference, incumbency and discrepancy rules (:mod:`.rules`, where they are documented)
and the plausibility checks (:mod:`.checks`), validates each table and writes them all.
Any problem anywhere stops the build with file:line and writes nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import schemas, store
from ..ids import election_id
from ..io import coerce, processed_dir, project_root, raw_dir
from ..parsers import ClippingError, Problem, read_clipping
from ..tables import COLUMNS
from . import checks, places
from .lock import data_lock
from .people import NearMatchError, Registry
from .readme import write_if_changed
from .registries import LINE, read_registries
from .rows import Parsed, clip_election, figure_rows, sources_table
from .rules import candidacies, discrepancies, elections_table, incumbency, overrides_map, positions, prefer
from .table import default_anchors, read_table


@dataclass
class Built:
    """The processed tables and what the build noticed."""

    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_raw(raw: Path, root: Path) -> tuple[list[Parsed], dict[str, pd.DataFrame]]:
    """Read the registries, then parse every clipping; raise ClippingError listing every bad row and line.

    Each clipping's rows stay the reader's dicts (``etl.parsed``): the build walks them once,
    and a DataFrame per clipping cost more than reading the lines did.
    """
    csv = read_registries(raw)
    labels = list(csv["slate_families"].label)
    parsed: list[Parsed] = []
    problems: list[Problem] = []
    anchors = None  # the registered people and labels: one look-up for every clipping of the folder
    for path in sorted((raw / "clippings").glob("*.txt")):
        try:
            clip = read_clipping(path, root)
            anchors = anchors or default_anchors(clip, labels)
            parsed.append(Parsed(clip, *read_table(clip, anchors)))
        except ClippingError as err:
            problems += err.problems
    if problems:
        raise ClippingError(problems)
    return parsed, csv


def _row_text(row: dict) -> str:
    return ",".join(str(v) for k, v in row.items() if k != LINE)


def _check_references(csv: dict[str, pd.DataFrame], elections: set[str], rows: dict[str, list[dict]],
                      source_ids: set[str], files: set[str]) -> list[Problem]:
    """Registry rows naming an election, a source or a clipping the data does not have (a typo)."""
    problems = []
    for r in csv["printed_as_is"].to_dict("records"):
        if r["file"] not in files:
            problems.append(Problem("data/raw/printed_as_is.csv", r[LINE], _row_text(r),
                                    f"column file: a clipping in data/raw/clippings; {r['file']!r} is not one"))
    for r in csv["incumbency_overrides"].to_dict("records"):
        if election_id(r["year"], r["section"], r["election_type"]) not in elections:
            problems.append(Problem("data/raw/incumbency_overrides.csv", r[LINE], _row_text(r),
                                    "columns year, section, election_type: an election in the data"))
    origins: dict[tuple[str, str, str], set[str]] = {}  # (holds, election, source) -> origins of its rows
    for holds in ("nominations", "results", "totals"):
        for row in rows[holds]:
            origins.setdefault((holds, row["election_id"], row["source_id"]), set()).add(row.get("origin", "table"))
    for r in csv["preferred_sources"].to_dict("records"):
        eid = election_id(r["year"], r["section"], r["election_type"])
        where = ("data/raw/preferred_sources.csv", r[LINE], _row_text(r))
        own = origins.get((r["holds"], eid, r["source_id"]), set())
        tables = {s for (h, e, s), o in origins.items() if h == r["holds"] and e == eid and "table" in o}
        if r["source_id"] not in source_ids:
            problems.append(Problem(*where, f"column source_id: a source_id of a clipping in data/raw/clippings; "
                                            f"{r['source_id']!r} is not one"))
        elif not own:
            problems.append(Problem(*where, f"column source_id: a source with {r['holds']} for {eid}, the election this "
                                            f"row names; {r['source_id']} has none"))
        elif "table" not in own and tables:
            problems.append(Problem(*where, f"column source_id: a source with its own table of {r['holds']} for {eid}; "
                                            f"{r['source_id']} gives them only in brackets, about an earlier election, "
                                            f"and those never outrank {eid}'s own table ({', '.join(sorted(tables))})"))
    return problems


def build_tables(root: Path | None = None) -> Built:
    """Parse ``data/raw`` under ``root`` and return every processed table, validated."""
    root = root or project_root()
    raw = raw_dir(root)
    parsed, csv = read_raw(raw, root)
    reg = Registry.from_frames(csv["candidates"], csv["name_decisions"])
    warnings: list[str] = []
    sources = sources_table(parsed)
    rows = figure_rows(parsed, reg, set(csv["slate_families"].label))
    prefs = csv["preferred_sources"]

    # elections: from elections.csv, plus any election a clipping is about
    el = csv["elections"].drop(columns=LINE)
    el["election_type"] = el.election_type.replace("", "regular")
    el["election_id"] = [election_id(y, s, t) for y, s, t in zip(el.year, el.section, el.election_type)]
    seen = {clip_election(p.clip) for p in parsed} | {r["election_id"] for r in rows["nominations"]}
    for eid in sorted(seen - set(el.election_id)):
        warnings.append(f"{eid} is not in data/raw/elections.csv: seats, voting system and threshold unknown")
        year, _, rest = eid.partition("-")
        section = rest.replace("-by-election", "")
        el.loc[len(el)] = {"year": year, "section": section, "election_id": eid,
                           "election_type": "by-election" if rest.endswith("by-election") else "regular"}
    el = el.fillna("")

    noms = pd.DataFrame(rows["nominations"], columns=[c for c in COLUMNS["nominations"] if c != "preferred"])
    noms["preferred"] = prefer(noms, ["election_id", "candidate_id"], sources, prefs, "nominations") if len(noms) else []
    res = pd.DataFrame(rows["results"], columns=[c for c in COLUMNS["results"] if c != "preferred"])
    res["preferred"] = prefer(res, ["election_id", "candidate_id"], sources, prefs, "results") if len(res) else []
    res = coerce(res, "results")
    noms = coerce(noms, "nominations")
    tot = pd.DataFrame(rows["totals"], columns=[c for c in COLUMNS["totals"] if c != "preferred"])
    tot["preferred"] = prefer(tot, ["election_id", "measure"], sources, prefs, "totals") if len(tot) else []
    tot = coerce(tot, "totals")

    fam = dict(zip(csv["slate_families"].label, csv["slate_families"].slate_family))
    labels = pd.DataFrame(rows["slate_labels"], columns=["election_id", "candidate_id", "label", "source_id"])
    missing = sorted(set(labels.label) - set(fam))
    if missing:
        raise ValueError(f"slate labels not in data/raw/slate_families.csv: {missing}")
    labels["slate_family"] = labels.label.map(fam)
    labels = labels.drop_duplicates()

    cands = candidacies(noms, res, labels, rows["clp_nominations"], el, sources)
    problems = _check_references(csv, set(el.election_id), rows, set(sources.source_id), set(sources.file))
    found: list[checks.Violation] = []
    if not problems:
        found = checks.violations(rows["results"], rows["nominations"], rows["totals"], el)
        problems, excused = checks.unexcused(found, csv["printed_as_is"], LINE)
        warnings += excused
    if problems:
        raise ClippingError(problems)
    res = coerce(positions(res, sources, checks.in_doubt(found)), "results")
    cands = coerce(incumbency(cands, el, res, overrides_map(csv["incumbency_overrides"])), "candidacies")
    elections = elections_table(el, cands, noms, res, tot, sources)
    disc = discrepancies(noms, res, tot, elections, labels, rows["per_body"], rows["clp_nominations"],
                         checks.misprints(found, csv["printed_as_is"], rows["results"]))
    clp = pd.DataFrame(rows["clp_nominations"], columns=COLUMNS["clp_nominations"])
    clps = places.clps_table(clp, root)  # a CLP that is no seat stops the build

    tables = {
        "sources": sources, "candidates": reg.candidates, "elections": elections, "totals": tot,
        "candidacies": cands, "slate_labels": labels, "nominations": noms, "clp_nominations": clp,
        "clps": clps,
        "results": res, "discrepancies": disc,
    }
    if reg.added:
        warnings.append(f"new candidates (not yet in candidates.csv): {', '.join(reg.added)}")
    for name, df in tables.items():
        tables[name] = schemas.validate(name, df)
    return Built(tables, warnings)


# --------------------------------------------------------------------------- command


def build(root: Path | None = None, out: Path | None = None) -> Built:
    """Build every table and write them all at once (``store.write_tables``: the folder is
    replaced as a whole, so a kill leaves the old complete set or the new one); return them."""
    root = root or project_root()
    built = build_tables(root)
    store.write_tables(built.tables, out or processed_dir(root))
    return built


def summary(built: Built) -> str:
    """A short summary per election, for the command line."""
    t = built.tables
    count = {name: t[name].election_id.value_counts().to_dict()
             for name in ("candidacies", "discrepancies", "nominations", "clp_nominations")}
    lines = []
    for e in t["elections"].to_dict("records"):
        eid = e["election_id"]
        lines.append(
            f"{eid:28} candidates {_s(e['n_candidates']):>3}  elected {_s(e['n_elected']):>2}/{_s(e['seats']):<2} "
            f"nomination rows {count['nominations'].get(eid, 0):>3}  "
            f"per-body rows {count['clp_nominations'].get(eid, 0):>3}  "
            f"discrepancies {count['discrepancies'].get(eid, 0):>2}  candidacies {count['candidacies'].get(eid, 0)}")
    lines += [f"warning: {w}" for w in built.warnings]
    return "\n".join(lines)


def _s(v: object) -> str:
    return "?" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else str(v)


def main(root: Path | None = None) -> int:
    """``python -m nec_analysis build [--root DIR]``: build data/processed and print a summary.

    Holds the data lock (:mod:`.lock`) throughout, so no report build reads the tables meanwhile.
    """
    try:
        with data_lock(root or project_root()):
            built = build(root)
            if write_if_changed(root or project_root(), built.tables["sources"]):
                print("README.md: Sources table rewritten from data/processed/sources.csv")
    except ClippingError as err:
        print(f"data/raw has {len(err.problems)} problem(s); nothing was written:\n{err}", file=sys.stderr)
        return 1
    except (NearMatchError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(summary(built))
    return 0
