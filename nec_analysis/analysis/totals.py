"""Totals: every published total beside the figure derived from the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    election_ids,
    election_row,
    misprint_words,
    misprinted_votes,
    results,
)
from .core import value as _value


def stated_vs_derived(tables: Tables, election_id: str | None = None) -> Result:
    """Every published total beside the figure derived from the data, where one can be.

    Derived: ``nominations_total`` = sum of the preferred per-candidate figures (complete
    tables only); ``clps_nominating`` = distinct bodies in per-body lists; ``votes_total`` =
    sum of preferred votes; ``votes_per_ballot`` = votes_total / ballots cast. No total of votes is
    derived where one of the printed votes is a known misprint (a note says so).
    """
    rows = []
    ids = election_ids(tables) if election_id is None else [election_id]
    tot = tables["totals"]
    for eid in ids:
        row = election_row(tables, eid)
        derived = _derived_totals(tables, eid, row)
        stated = tot[tot["election_id"] == eid]
        for measure in sorted(set(stated["measure"]) | set(derived)):
            st = stated[stated["measure"] == measure]
            if st.empty:
                rows.append({"election_id": eid, "measure": measure, "stated": np.nan, "approximate": pd.NA,
                             "source_id": pd.NA, "preferred": pd.NA, "derived": derived.get(measure)})
            for _, s in st.iterrows():
                rows.append({"election_id": eid, "measure": measure, "stated": float(s["value"]),
                             "approximate": s["approximate"], "source_id": s["source_id"],
                             "preferred": s["preferred"], "derived": derived.get(measure, np.nan)})
    out = pd.DataFrame(rows, columns=["election_id", "measure", "stated", "approximate", "source_id",
                                      "preferred", "derived"])
    out["difference"] = out["stated"] - out["derived"].astype(float)
    notes = [f"{_in(tables, eid)}, {said}, so no total of votes is derived from the printed votes."
             for eid in ids if (said := misprint_words(tables, eid))]
    notes += [f"{_in(tables, eid)}, no source published a total (of nominations, nominating bodies or"
             " ballots) or a turnout." for eid in ids
             if eid not in set(out.loc[out["stated"].notna(), "election_id"])]
    return Result(out, notes)


def _derived_totals(tables: Tables, eid: str, row: pd.Series | None) -> dict[str, float]:
    out: dict[str, float] = {}
    summed = _value(row, "nominations_total_summed")
    if summed is not None:
        out["nominations_total"] = summed
    bodies = tables["clp_nominations"]
    bodies = bodies[(bodies["election_id"] == eid) & (bodies["status"] == "final")]
    if not bodies.empty:
        out["clps_nominating"] = float(bodies["body"].nunique())
    votes = results(tables, eid)["votes"].dropna()
    if not votes.empty and misprinted_votes(tables, eid).empty:  # a sum holding a misprint is no figure
        out["votes_total"] = float(votes.sum())
        ballots = _value(row, "ballots_cast_stated")
        if ballots:
            out["votes_per_ballot"] = out["votes_total"] / ballots
    return out
