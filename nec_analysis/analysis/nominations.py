"""Nominations: each candidate's figure, rank, shares of CLPs and of nominations, and change.

Shares of *nominations* divide by ``denominator="stated"`` (the published total; the summed
figures where none is published, with a note) or ``"summed"``; a candidate's share of CLPs
divides by the stated number of CLPs that nominated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from ..words.format import cap as _cap
from ..words.labels import bodies as _bodies
from ..words.labels import election_name, source_label
from ..words.labels import in_election as _in
from ..words.labels import source_meta as _source_meta
from .core import (
    Result,
    Tables,
    competition_rank,
    election_row,
    empty,
    names,
    previous_election,
    slate_families,
)
from .core import is_true as _true
from .core import quality_notes as _quality_notes
from .core import value as _value


def nomination_figures(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """The nomination figure per candidate used for ``election_id``.

    Preferred rows by default; with ``source_id`` that source's own table, or, for an
    earlier election, the figures it printed in brackets.
    """
    cols = ["election_id", "candidate_id", "nominations", "rank_stated", "status", "source_id", "origin"]
    nom = tables["nominations"]
    nom = nom[(nom["election_id"] == election_id) & nom["nominations"].notna()]
    notes: list[str] = []
    if source_id is None:
        out = nom[nom["preferred"] == True]  # noqa: E712
    else:
        own = nom[nom["source_id"] == source_id]
        out = own[own["origin"] == "table"]
        if out.empty:
            out = own[own["origin"] == "bracket"]
    if out.empty:
        who = "no source" if source_id is None else source_label(tables, source_id)
        notes.append(f"{_in(tables, election_id)}, {who} gives nomination figures.")
    else:
        notes += _quality_notes(tables, out["source_id"],
                                _cap(f"{election_name(tables, election_id)}'s nomination figures"))
    return Result(out[cols].reset_index(drop=True), notes)


def _previous_figures(tables: Tables, prev_id: str, source_id: str | None) -> pd.DataFrame:
    """Previous-cycle figures: preferred, overridden by what ``source_id`` printed in brackets."""
    base = nomination_figures(tables, prev_id).table.set_index("candidate_id")
    if source_id is not None:
        nom = tables["nominations"]
        br = nom[(nom["election_id"] == prev_id) & (nom["source_id"] == source_id)
                 & (nom["origin"] == "bracket") & nom["nominations"].notna()].set_index("candidate_id")
        base.loc[br.index.intersection(base.index), "nominations"] = br["nominations"]
        base["rank_stated"] = br["rank_stated"].reindex(base.index)
    else:
        base["rank_stated"] = pd.NA
    base["rank"] = competition_rank(base["nominations"])
    return base


def _nominations_denominator(tables: Tables, election_id: str, figures: pd.DataFrame,
                             denominator: str) -> tuple[float | None, str, list[str]]:
    """(value, kind, notes) of the total that shares of nominations divide by."""
    if denominator not in ("stated", "summed"):
        raise ValueError(f"denominator must be 'stated' or 'summed', not {denominator!r}")
    summed = float(figures["nominations"].sum()) if not figures.empty else None
    stated = _value(election_row(tables, election_id), "nominations_total_stated")
    if denominator == "stated" and stated is not None:
        note = [] if summed is None or summed == stated else [
            f"{_in(tables, election_id)}, shares of nominations are of the published total of"
            f" {stated:,.0f}; the candidates' own figures add up to {summed:,.0f}."]
        return stated, "stated", note
    if denominator == "stated":
        return summed, "summed", [f"{_in(tables, election_id)}, no total of nominations was published, so"
                                  f" shares are of the {summed or 0:,.0f} the candidates' figures add up to."]
    return summed, "summed", [] if summed is None else [
        f"{_in(tables, election_id)}, shares of nominations are of the {summed:,.0f} the candidates'"
        " figures add up to."]


def nomination_shares(tables: Tables, election_id: str, source_id: str | None = None,
                      denominator: str = "stated") -> Result:
    """Each candidate's nominations, rank, share of CLPs and of nominations, and change.

    ``share_of_clps_pct`` = nominations / CLPs that nominated (stated); ``share_of_nominations_pct``
    divides by the ``denominator`` total. ``change_pts`` and ``change_places`` compare with
    the previous cycle (positive = up); ``prev_rank`` is computed from the previous
    election's full table, ``prev_rank_stated`` is what the source printed.
    """
    fig = nomination_figures(tables, election_id, source_id)
    notes = list(fig.notes)
    out = fig.table.copy()
    if out.empty:
        return Result(out, notes)
    out["display_name"] = out["candidate_id"].map(names(tables))
    out["slate_family"] = out["candidate_id"].map(slate_families(tables, election_id, source_id))
    out["rank"] = competition_rank(out["nominations"])
    clps = _value(election_row(tables, election_id), "clps_nominating_stated")
    if clps is None:
        bodies = _bodies(tables, election_id)
        notes.append(f"{_in(tables, election_id)}, no source says how many {bodies} nominated, so no"
                     f" candidate's share of the nominating {bodies} can be given.")
    out["share_of_clps_pct"] = out["nominations"].astype("Float64") / clps * 100 if clps else pd.NA
    total, kind, more = _nominations_denominator(tables, election_id, out, denominator)
    notes += more
    out["denominator"] = kind
    out["denominator_value"] = total
    out["share_of_nominations_pct"] = out["nominations"].astype("Float64") / total * 100 if total else pd.NA
    out = _add_previous(tables, election_id, out, source_id, notes)
    cols = ["election_id", "candidate_id", "display_name", "slate_family", "nominations", "rank",
            "rank_stated", "share_of_clps_pct", "share_of_nominations_pct", "denominator",
            "denominator_value", "prev_election_id", "prev_nominations", "prev_rank", "prev_rank_stated",
            "prev_share_of_clps_pct", "change_pts", "change_places", "status", "source_id"]
    return Result(out[cols].sort_values(["rank", "candidate_id"]).reset_index(drop=True), notes)


def _add_previous(tables: Tables, election_id: str, out: pd.DataFrame, source_id: str | None,
                  notes: list[str]) -> pd.DataFrame:
    """Add previous-cycle figures, ranks, shares and changes to ``out``."""
    prev_id = previous_election(tables, election_id)
    out["prev_election_id"] = prev_id
    for col in ("prev_nominations", "prev_rank", "prev_rank_stated"):
        out[col] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["prev_share_of_clps_pct"] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    if prev_id is None:
        notes.append(f"{_in(tables, election_id)}, there is no previous election of the same section"
                     " in the data to compare with, so no changes since last time.")
    else:
        prev = _previous_figures(tables, prev_id, source_id)
        ids = out["candidate_id"]
        out["prev_nominations"] = ids.map(prev["nominations"]).astype("Int64")
        out["prev_rank"] = ids.map(prev["rank"]).astype("Int64")
        out["prev_rank_stated"] = ids.map(prev["rank_stated"]).astype("Int64")
        prev_clps = _value(election_row(tables, prev_id), "clps_nominating_stated")
        if prev_clps:
            out["prev_share_of_clps_pct"] = out["prev_nominations"].astype("Float64") / prev_clps * 100
        else:
            notes.append(f"{_in(tables, prev_id)}, no source says how many {_bodies(tables, prev_id)}"
                         " nominated, so changes in share cannot be given.")
    out["change_pts"] = out["share_of_clps_pct"].astype("Float64") - out["prev_share_of_clps_pct"]
    out["change_places"] = (out["prev_rank"] - out["rank"]).astype("Int64")
    return out


#: Columns of :func:`slate_nomination_shares` (also when it has no rows).
SLATE_SHARE_COLUMNS = ["election_id", "slate_family", "candidates", "nominations", "share_pct", "denominator",
                       "denominator_value", "prev_election_id", "prev_nominations", "prev_share_pct",
                       "change_pts", "figures"]


def slate_nomination_shares(tables: Tables, election_id: str, source_id: str | None = None,
                            denominator: str = "stated") -> Result:
    """Each slate family's nominations, share of all nominations, and change since last cycle.

    Slate families come from ``source_id``'s own labels where it gave them; the previous
    cycle uses the candidacies' families and preferred figures (with the source's
    bracketed figures where it printed them).
    """
    shares = nomination_shares(tables, election_id, source_id, denominator)
    notes = list(shares.notes)
    now = shares.table
    if now.empty:
        return empty(SLATE_SHARE_COLUMNS, *notes)
    out = _family_totals(now, "nominations", "candidates")
    total = now["denominator_value"].iloc[0]
    total = float(total) if total is not None and not pd.isna(total) and total > 0 else None
    out["share_pct"] = out["nominations"] / total * 100 if total else np.nan
    out["denominator"] = now["denominator"].iloc[0]
    out["denominator_value"] = total
    prev_id = previous_election(tables, election_id)
    out["prev_election_id"] = prev_id
    out["prev_nominations"] = pd.NA
    out["prev_share_pct"] = np.nan
    prev = _previous_figures(tables, prev_id, source_id).reset_index() if prev_id is not None else None
    if prev is not None and prev.empty:
        notes.append(f"{_in(tables, prev_id)}, no source gives nomination figures, so shares by slate"
                     " cannot be compared with it.")
    elif prev is not None:
        prev["slate_family"] = prev["candidate_id"].map(slate_families(tables, prev_id))
        prev_tot = _family_totals(prev, "nominations", "candidates").set_index("slate_family")
        prev_total, _, more = _nominations_denominator(tables, prev_id, prev, out["denominator"].iloc[0])
        notes += more
        out["prev_nominations"] = out["slate_family"].map(prev_tot["nominations"])
        if prev_total:
            out["prev_share_pct"] = out["prev_nominations"].astype(float) / prev_total * 100
    out["change_pts"] = out["share_pct"] - out["prev_share_pct"]
    out.insert(0, "election_id", election_id)
    out["figures"] = source_id or "preferred"
    out = out.sort_values(["nominations", "slate_family"], ascending=[False, True])
    return Result(out[SLATE_SHARE_COLUMNS].reset_index(drop=True), notes)


def _family_totals(frame: pd.DataFrame, column: str, count_name: str) -> pd.DataFrame:
    """Sum ``column`` and count candidates per slate family (unknown families as 'unknown')."""
    fam = frame.assign(slate_family=frame["slate_family"].fillna("unknown"))
    out = fam.groupby("slate_family", as_index=False).agg(
        **{count_name: ("candidate_id", "size"), column: (column, "sum")})
    out[column] = out[column].astype(float)
    return out


def nomination_sources(tables: Tables, election_id: str) -> list[str | None]:
    """``None`` (preferred) plus every final, complete source with its own table for ``election_id``.

    Partial tables (a few names only) are left out: their ranks are not comparable.
    """
    nom = tables["nominations"]
    own = nom[(nom["election_id"] == election_id) & (nom["origin"] == "table") & (nom["status"] == "final")]
    partial = {sid for sid in own["source_id"].unique()
               if (meta := _source_meta(tables, sid)) is not None and _true(meta["partial"])}
    return [None, *sorted(set(own["source_id"]) - partial)]


def claim_under_each_source(tables: Tables, election_id: str, claim: Callable[[pd.DataFrame], object],
                            analysis: Callable[..., Result] = nomination_shares,
                            denominators: Iterable[str] = ("stated", "summed")) -> pd.DataFrame:
    """Evaluate ``claim`` (a function of an analysis table) under each source and denominator.

    Returns one row per (figures, denominator) with the claim's ``value``: shows where the
    preferred figures, or another source's, would change a published claim.
    """
    rows = []
    for sid in nomination_sources(tables, election_id):
        for den in denominators:
            table = analysis(tables, election_id, source_id=sid, denominator=den).table
            rows.append({"election_id": election_id, "figures": sid or "preferred",
                         "denominator": den, "value": claim(table) if not table.empty else None})
    return pd.DataFrame(rows)


def rank_differences(tables: Tables, election_id: str) -> Result:
    """Candidates whose nomination rank differs between the final sources of ``election_id``."""
    frames = []
    for sid in nomination_sources(tables, election_id)[1:]:
        t = nomination_shares(tables, election_id, sid).table
        frames.append(t[["candidate_id", "display_name", "nominations", "rank"]].assign(source_id=sid))
    if len(frames) < 2:
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, fewer than two sources give final"
                                       " nomination figures, so there is nothing to compare."])
    both = pd.concat(frames, ignore_index=True)
    varies = both.groupby("candidate_id")["rank"].transform("nunique") > 1
    out = both[varies].sort_values(["candidate_id", "source_id"]).reset_index(drop=True)
    return Result(out.assign(election_id=election_id), [])
