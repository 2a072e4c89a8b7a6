"""Sentences on nominations, computed from the analyses' Results."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables
from ...analysis.nominations import nomination_shares, rank_differences, slate_nomination_shares
from ..format import cap as _cap
from ..format import join_names as _join_names
from ..format import ordinal, plural, round_half_up
from ..format import points as _points
from ..labels import FAMILY_NAMES, election_name, source_label
from ..labels import bodies as _bodies
from ..labels import in_election as _in


def describe_nominations(tables: Tables, election_id: str, source_id: str | None = None) -> list[str]:
    """Sentences on the nomination leaders, movers and slate shares of ``election_id``."""
    res = nomination_shares(tables, election_id, source_id)
    t = res.table
    if t.empty:
        return res.notes
    out = []
    top = t.iloc[0]
    bodies = _bodies(tables, election_id)
    share = ("" if pd.isna(top["share_of_clps_pct"])
             else f" ({round_half_up(top['share_of_clps_pct']):.0f}% of the {bodies} that nominated)")
    by = _join_names(sorted({source_label(tables, sid) for sid in t["source_id"].dropna()}))
    out.append(f"{_in(tables, election_id)}, {top['display_name']} led the nominations with"
               f" {top['nominations']:,}{share}, according to {by or 'the sources'}.")
    moved = t.dropna(subset=["change_places"])
    if not moved.empty:
        up = moved.sort_values("change_places", ascending=False).iloc[0]
        down = moved.sort_values("change_places").iloc[0]
        for row, word in ((up, "rose"), (down, "fell")):
            if row["change_places"] != 0:
                out.append(f"{row['display_name']} {word} {plural(abs(int(row['change_places'])), 'place', 'places')}"
                           f" to {ordinal(int(row['rank']))} in nominations (from {ordinal(int(row['prev_rank']))}"
                           f" in {election_name(tables, row['prev_election_id'])}).")
    slates = slate_nomination_shares(tables, election_id, source_id).table
    for _, s in slates.iterrows():
        change = ("" if pd.isna(s["change_pts"]) else
                  f", {_points(s['change_pts'])} on {election_name(tables, s['prev_election_id'])}")
        family = FAMILY_NAMES.get(s["slate_family"], s["slate_family"])
        of = (f"the published total of {s['denominator_value']:,.0f}" if s["denominator"] == "stated"
              else f"the {s['denominator_value']:,.0f} the candidates' figures add up to")
        out.append(f"{_cap(family)} had {s['share_pct']:.1f}% of nominations"
                   f" ({s['nominations']:,.0f} of {of}){change}.")
    diffs = rank_differences(tables, election_id).table
    for cid, grp in diffs.groupby("candidate_id") if not diffs.empty else []:
        places = "; ".join(f"{ordinal(int(r['rank']))} by {source_label(tables, r['source_id'])}"
                           for _, r in grp.iterrows())
        out.append(f"Sources disagree on {grp['display_name'].iloc[0]}'s place in nominations: {places}.")
    return out + res.notes
