"""Parsed clipping lines → rows of the tidy tables (sources, figures, slate labels, totals)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import NamedTuple

import pandas as pd

from ..ids import election_id
from ..parsers import Clipping, ClippingError, Problem
from ..tables import COLUMNS
from .checks import figure_problem
from .parsed import FIGURE_KINDS
from .people import NearMatchError, Registry


def clip_election(clip: Clipping) -> str:
    """The election a clipping's table is about."""
    return election_id(clip.get("year"), clip.get("section"), clip.get("election_type") or "regular")



def na(v: object) -> object:
    return pd.NA if v is None or (not isinstance(v, str) and pd.isna(v)) or v == "" else v



class Parsed(NamedTuple):
    """One clipping read: its header, its rows (``etl.parsed`` dicts, a line each) and the table's kind."""

    clip: Clipping
    rows: list[dict[str, object]]
    kind: str


def _as_read(row: dict[str, object]) -> SimpleNamespace:
    """A parsed row's values as attributes, None (not printed) as <NA>, as the build reads them."""
    return SimpleNamespace(**{k: pd.NA if v is None else v for k, v in row.items()})


def share_pct(share: object) -> object:
    """The percentage printed beside a figure (``'11.19%'`` → 11.19), else NA."""
    if na(share) is pd.NA:
        return pd.NA
    return float(str(share).rstrip("% "))


def sources_table(parsed: list[Parsed]) -> pd.DataFrame:
    rows = []
    for clip, *_ in parsed:
        h = clip.header
        rows.append({
            "source_id": clip.source_id, "publisher": h["publisher"], "title": h["title"],
            "url": h["url"], "published": h["published"], "year": int(h["year"]),
            "section": h["section"], "election_type": h.get("election_type") or "regular",
            "holds": h["holds"], "status": h.get("status") or "final",
            "as_of": h.get("as_of") or h["published"], "partial": h.get("partial") == "yes",
            "truncated": h.get("truncated") == "yes", "file": clip.file, "note": h.get("note", ""),
        })
    return pd.DataFrame(rows, columns=COLUMNS["sources"]).map(na)


def _earlier_values(earlier: object) -> list[int]:
    """The bracketed earlier-election counts of a parsed line (``"333|275"``; ``""`` for a dash)."""
    return [] if na(earlier) is pd.NA else [int(v) for v in str(earlier).split("|") if v]


def figure_rows(parsed: list[Parsed], reg: Registry,
                 known_labels: set[str]) -> dict[str, list[dict]]:
    """Nominations, per-body, results, slate-label and totals rows, with candidate ids.

    Raises ClippingError (file, line, text, what was expected) for a name close to a known
    one, a slate label missing from ``slate_families.csv``, two printed names in one table
    that the registry resolves to the same person, and a figure too large to be real. Each
    row carries the ``file``, ``line`` and ``text`` it came from (for the plausibility checks).
    """
    out: dict[str, list[dict]] = {k: [] for k in ("nominations", "clp_nominations", "results", "slate_labels", "totals", "per_body")}
    problems: list[Problem] = []
    reg.prepare(str(r["name"]) for p in parsed for r in p.rows if r["row_kind"] in ("candidate", "body"))
    for clip, table, kind in parsed:
        seen: dict[str, tuple[int, str]] = {}  # candidate id -> (line, name as printed) in this table
        eid, holds, sid = clip_election(clip), clip.get("holds"), clip.source_id
        status = clip.get("status") or "final"
        as_of = clip.get("as_of") or clip.get("published")
        brackets = [y.strip() for y in clip.get("brackets").split(",") if y.strip()]
        for line in table:
            if line["row_kind"] not in FIGURE_KINDS:  # a sub-header, or a line the header accounts for
                continue
            r = _as_read(line)
            where = {"file": clip.file, "line": int(r.line), "text": str(r.text)}
            too_large = [m for m in map(figure_problem, [r.figure, *_earlier_values(r.earlier)]) if m]
            if too_large:
                problems.append(Problem(clip.file, int(r.line), str(r.text), too_large[0]))
                continue
            if r.row_kind == "total":
                out["totals"].append({"election_id": eid, "measure": r.name, "value": float(r.figure),
                                      "approximate": str(r.label) == "approximate", "source_id": sid, **where})
                continue
            try:
                cid = reg.resolve(str(r.name))
            except NearMatchError as err:
                problems.append(Problem(clip.file, int(r.line), str(r.text), str(err)))
                continue
            if r.row_kind == "candidate":
                if cid in seen:
                    first_line, first_name = seen[cid]
                    problems.append(Problem(clip.file, int(r.line), str(r.text),
                                            f"each candidate once per table; {r.name!r} is {cid} ({reg.display(cid)}), "
                                            f"already on line {first_line} as {first_name!r}"))
                    continue
                seen[cid] = (int(r.line), str(r.name))
            if na(r.label) is not pd.NA and r.label not in known_labels:
                problems.append(Problem(clip.file, int(r.line), str(r.text),
                                        f"a slate label listed in data/raw/slate_families.csv; {r.label!r} is not: "
                                        f"add it there with its slate family"))
                continue
            if r.row_kind == "body":
                out["clp_nominations"].append({"election_id": eid, "candidate_id": cid, "body": r.body,
                                               "body_type": clip.get("body_type") or "clp", "status": status,
                                               "as_of": as_of, "source_id": sid, **where})
                continue
            if na(r.label) is not pd.NA:
                out["slate_labels"].append({"election_id": eid, "candidate_id": cid, "label": r.label, "source_id": sid})
            if holds == "nominations":
                out["nominations"].append({"election_id": eid, "candidate_id": cid, "nominations": r.figure,
                                           "rank_stated": r.rank, "status": status, "as_of": as_of,
                                           "source_id": sid, "origin": "table", **where})
                earlier = [] if na(r.earlier) is pd.NA else str(r.earlier).split("|")
                if earlier and len(earlier) != len(brackets):
                    problems.append(Problem(clip.file, int(r.line), str(r.text),
                                            f"{len(brackets)} bracketed counts (header 'brackets: {clip.get('brackets')}')"))
                    continue
                for year, value in zip(brackets, earlier):
                    rank = r.prev_rank if clip.get("prev_rank") == year else pd.NA
                    if value or na(rank) is not pd.NA:
                        out["nominations"].append({
                            "election_id": election_id(year, clip.get("section")), "candidate_id": cid,
                            "nominations": int(value) if value else pd.NA, "rank_stated": rank,
                            "status": "final", "as_of": pd.NA, "source_id": sid, "origin": "bracket", **where})
                if kind == "per_body":
                    out["per_body"].append({"election_id": eid, "candidate_id": cid, "stated": r.figure,
                                            "source_id": sid, "truncated": clip.get("truncated") == "yes", **where})
            elif holds == "results":
                out["results"].append({"election_id": eid, "candidate_id": cid, "votes": r.figure,
                                       "share_pct": share_pct(getattr(r, "share", None)), "elected": r.elected,
                                       "rank_stated": r.rank, "position": pd.NA, "first_preferences": pd.NA,
                                       "final_round": pd.NA, "source_id": sid, **where})
    if problems:
        raise ClippingError(problems)
    return out
