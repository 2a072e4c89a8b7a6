"""Who led an election's votes or nominations, as a headline or chart title."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import is_partial, results
from ...analysis.nominations import nomination_figures


def _figure(value: object) -> str:
    return f"{int(round(float(value))):,}"


def leader(tables: dict[str, pd.DataFrame], election_id: str, cand: pd.DataFrame, measure: str = "votes") -> str:
    """Who led ``measure`` (``votes`` or ``nominations``) in ``cand`` (:func:`candidate_table`), as a
    chart title or headline: 'Ken Livingstone topped the ballot with 39,548 votes'. On a partial
    list the lead is only among those listed, and says so."""
    top = cand.dropna(subset=[measure]).sort_values(measure, ascending=False).iloc[0]
    figure = _figure(top[measure])
    if measure == "votes":
        if is_partial(tables, results(tables, election_id)["source_id"]):
            return f"{top['display_name']} had the most votes of those listed, {figure}"
        if pd.notna(top["position"]) and top["position"] == 1:
            return f"{top['display_name']} topped the ballot with {figure} votes"
        first = cand[cand["position"].eq(1).fillna(False)]
        if len(first) == 1:  # a stated first place the printed votes contradict (a misprint kept as printed)
            own, who = first["votes"].iloc[0], first["display_name"].iloc[0]
            return (f"{who} came first, though printed with fewer votes than {top['display_name']} "
                    f"({_figure(own)} to {figure})" if pd.notna(own)
                    else f"{who} came first; the most votes printed are {top['display_name']}'s, {figure}")
        return f"{top['display_name']} has the most votes as printed, {figure}"
    listed = " of those listed" if is_partial(tables, nomination_figures(tables, election_id).table["source_id"]) else ""
    return f"{top['display_name']} had the most nominations{listed}, {figure}"
