"""Sentences on slates, computed from the analyses' Results."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables
from ...analysis.slates import slate_summary
from ..format import plural
from ..labels import FAMILY_NAMES
from ..labels import in_election as _in


def describe_slates(tables: Tables, election_id: str) -> list[str]:
    """Sentences on each slate's seats, nominations and votes in ``election_id``."""
    res = slate_summary(tables, election_id)
    out = []
    for _, r in res.table.sort_values("elected", ascending=False).iterrows():
        bits = [f"{plural(int(r['candidates']), 'candidate', 'candidates')}, {int(r['elected'])} elected"]
        if not pd.isna(r["nominations_share_pct"]):
            bits.append(f"{r['nominations_share_pct']:.0f}% of nominations")
        if not pd.isna(r["votes_share_pct"]):
            bits.append(f"{r['votes_share_pct']:.0f}% of votes")
        if not pd.isna(r["votes_per_seat"]):
            bits.append(f"{r['votes_per_seat']:,.0f} votes per seat won")
        out.append(f"{_in(tables, election_id)}, {FAMILY_NAMES.get(r['slate_family'], r['slate_family'])}: "
                   + ", ".join(bits) + ".")
    return out + res.notes
