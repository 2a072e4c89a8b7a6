"""Sentences on nominations, computed from the analyses' Results."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables
from ...analysis.nominations import nomination_shares, rank_differences, slate_nomination_shares
from ..format import cap as _cap
from ..format import date as _date
from ..format import join_names as _join_names
from ..format import ordinal, pct, plural
from ..format import points as _points
from ..labels import bodies as _bodies
from ..labels import election_name, family_name, source_label, source_meta
from ..labels import in_election as _in


def _denominator(tables: Tables, election_id: str, slates: pd.DataFrame) -> str:
    """The one sentence naming what shares of nominations are of (said once per page)."""
    s = slates.iloc[0]
    sources = _join_names(sorted({source_label(tables, sid) for sid in slates.attrs.get("sources", [])}))
    if s["denominator"] == "stated":
        of = f"the published total of {s['denominator_value']:,.0f} nominations"
    else:
        of = f"the {s['denominator_value']:,.0f} nominations the candidates' figures add up to"
    return f"{_in(tables, election_id)}, shares of nominations below are of {of}" + (
        f" ({sources})." if sources else ".")


def describe_nominations(tables: Tables, election_id: str, source_id: str | None = None) -> list[str]:
    """Sentences on the nomination leaders, movers and slate shares of ``election_id``.

    The denominator of the shares is named once; every percentage goes through
    ``words.format.pct`` (the page's one rounding rule). Interim figures are called interim,
    with the date they stood at.
    """
    res = nomination_shares(tables, election_id, source_id)
    t = res.table
    if t.empty:
        return res.notes
    out = []
    bodies = _bodies(tables, election_id)
    interim = sorted({str(d) for d in _as_of(tables, t["source_id"], "interim")})
    figures = (f"the interim figures, as they stood on {_join_names(_date(d) for d in interim)}"
               if interim else "nominations")
    leaders = t[t["rank"] == 1]
    top = leaders.iloc[0]
    share = ("" if pd.isna(top["share_of_clps_pct"])
             else f" ({pct(top['share_of_clps_pct'])} of the {bodies} that nominated)")
    by = _join_names(sorted({source_label(tables, sid) for sid in t["source_id"].dropna()}))
    if len(leaders) == 1:
        out.append(f"{_in(tables, election_id)}, {top['display_name']} led {figures} with"
                   f" {top['nominations']:,}{share}, according to {by or 'the sources'}.")
    else:
        out.append(f"{_in(tables, election_id)}, {_join_names(leaders['display_name'])} shared the lead in"
                   f" {figures} with {top['nominations']:,} each{share}, according to {by or 'the sources'}.")
    moved = t.dropna(subset=["change_places", "prev_rank"])
    if not moved.empty:
        up = moved.sort_values("change_places", ascending=False).iloc[0]
        down = moved.sort_values("change_places").iloc[0]
        for row, word in ((up, "rose"), (down, "fell")):
            if row["change_places"] != 0:
                out.append(f"{row['display_name']} {word} {plural(abs(int(row['change_places'])), 'place', 'places')}"
                           f" to {ordinal(int(row['rank']))} in nominations (from {ordinal(int(row['prev_rank']))}"
                           f" in {election_name(tables, row['prev_election_id'])}).")
    slates = slate_nomination_shares(tables, election_id, source_id).table
    if not slates.empty and slates["share_pct"].notna().any():
        slates.attrs["sources"] = set(t["source_id"].dropna())
        out.append(_denominator(tables, election_id, slates))
    for _, s in slates.iterrows():
        if pd.isna(s["share_pct"]):
            continue
        change = ("" if pd.isna(s["change_pts"]) else
                  f", {_points(s['change_pts'])} on {election_name(tables, s['prev_election_id'])}")
        out.append(f"{_cap(family_name(s['slate_family']))} had {pct(s['share_pct'])} of nominations"
                   f" ({plural(int(s['nominations']), 'nomination')}){change}.")
    diffs = rank_differences(tables, election_id).table
    for cid, grp in diffs.groupby("candidate_id") if not diffs.empty else []:
        places = "; ".join(f"{ordinal(int(r['rank']))} by {source_label(tables, r['source_id'])}"
                           for _, r in grp.iterrows())
        out.append(f"Sources disagree on {grp['display_name'].iloc[0]}'s place in nominations: {places}.")
    return out + [n for n in res.notes if "shares of nominations are of" not in n]


def _as_of(tables: Tables, source_ids: pd.Series, status: str) -> list[str]:
    """The as-of dates of the ``status`` sources among ``source_ids``."""
    out = []
    for sid in set(source_ids.dropna()):
        meta = source_meta(tables, sid)
        if meta is not None and meta["status"] == status and not pd.isna(meta["as_of"]):
            out.append(meta["as_of"])
    return out
