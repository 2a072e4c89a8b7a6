"""Incumbency: who held a seat when the election began, and what became of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..words.format import join_names as _join_names
from ..words.format import plural
from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    candidacies,
    election_ids,
    election_row,
    empty,
    is_partial,
    results,
)
from .core import value as _value

#: Columns of :func:`incumbent_outcomes`, :func:`incumbency` and :func:`replacements` (also with no rows).
OUTCOME_COLUMNS = ["election_id", "candidate_id", "display_name", "slate_family", "incumbent", "elected",
                   "position", "outcome"]
INCUMBENCY_COLUMNS = ["election_id", "seats", "incumbents_standing", "re_elected", "defeated", "newly_elected",
                      "incumbency_unknown", "incumbents_outcome_unknown", "results_partial", "seats_not_defended",
                      "reelection_rate_pct"]
REPLACEMENT_COLUMNS = ["election_id", "left", "replaced_by"]


def incumbent_outcomes(tables: Tables, election_id: str) -> Result:
    """Each candidate's incumbency and outcome: re-elected, defeated, newly elected, not elected."""
    c = candidacies(tables, election_id)
    c = c[c["on_ballot"] != False]  # noqa: E712
    if c.empty:
        return empty(OUTCOME_COLUMNS, f"{_in(tables, election_id)}, no candidates are recorded.")

    def outcome(r: pd.Series) -> str:
        if pd.isna(r["elected"]):
            return "outcome unknown"
        if pd.isna(r["incumbent"]):
            return "elected, incumbency unknown" if r["elected"] else "not elected, incumbency unknown"
        if r["incumbent"]:
            return "re-elected" if r["elected"] else "defeated"
        return "newly elected" if r["elected"] else "not elected"

    c = c.assign(outcome=c.apply(outcome, axis=1))
    res = results(tables, election_id).set_index("candidate_id")
    c["position"] = c["candidate_id"].map(res["position"]).astype("Int64")
    notes = []
    if c["incumbent"].isna().any():
        unknown = int(c["incumbent"].isna().sum())
        notes.append(f"{_in(tables, election_id)}, whether {plural(unknown, 'candidate', 'candidates')}"
                     f" already held a seat is not known (the previous election of the section is not in"
                     " the data).")
    cols = ["election_id", "candidate_id", "display_name", "slate_family", "incumbent", "elected",
            "position", "outcome"]
    return Result(c[cols].reset_index(drop=True), notes)


def incumbency(tables: Tables, election_id: str | None = None) -> Result:
    """Per election: seats, incumbents standing, re-elected, defeated, newcomers, re-election rate.

    ``incumbents_standing`` counts incumbents whose outcome is known;
    ``incumbents_outcome_unknown`` those whose outcome is not in the data (a partial results
    list). ``seats_not_defended`` is given only where every candidate's incumbency and
    outcome are known and the results list is complete.
    """
    rows, notes = [], []
    for eid in election_ids(tables) if election_id is None else [election_id]:
        oc = incumbent_outcomes(tables, eid)
        notes += oc.notes
        t = oc.table
        n = (lambda k: int((t["outcome"] == k).sum())) if not t.empty else (lambda k: 0)
        standing = n("re-elected") + n("defeated")
        seats = _value(election_row(tables, eid), "seats")
        partial = is_partial(tables, results(tables, eid)["source_id"])
        open_outcome = int(((t["incumbent"] == True) & t["elected"].isna()).sum()) if not t.empty else 0  # noqa: E712
        complete = not partial and not t.empty and t["incumbent"].notna().all() and t["elected"].notna().all()
        rows.append({"election_id": eid, "seats": seats, "incumbents_standing": standing,
                     "re_elected": n("re-elected"), "defeated": n("defeated"),
                     "newly_elected": n("newly elected"),
                     "incumbency_unknown": int(t["incumbent"].isna().sum()) if not t.empty else 0,
                     "incumbents_outcome_unknown": open_outcome, "results_partial": partial,
                     "seats_not_defended": (seats - standing) if seats is not None and standing and complete
                     else np.nan,
                     "reelection_rate_pct": n("re-elected") / standing * 100 if standing else np.nan})
        if not standing:
            notes.append(f"{_in(tables, eid)}, no candidate is known to have held a seat already and to"
                         " have stood again with a known result, so there is no re-election rate.")
    return Result(pd.DataFrame(rows, columns=INCUMBENCY_COLUMNS), notes)


def replacements(tables: Tables, election_id: str) -> Result:
    """Who replaced whom: defeated incumbents beside newly elected candidates, in order of place.

    With one change the pairing is exact; with several it pairs by place, and newcomers
    beyond the defeated incumbents took seats whose holders did not stand (``left`` empty).
    """
    t = incumbent_outcomes(tables, election_id).table
    if t.empty or t["incumbent"].isna().all():
        return empty(REPLACEMENT_COLUMNS, f"{_in(tables, election_id)}, who already held a seat is not known,"
                     " so who replaced whom cannot be said.")
    if is_partial(tables, results(tables, election_id)["source_id"]):
        return empty(REPLACEMENT_COLUMNS, f"{_in(tables, election_id)}, the results list is partial, so who"
                     " replaced whom cannot be said.")
    seats = _value(election_row(tables, election_id), "seats")
    won = int((t["elected"] == True).sum())  # noqa: E712
    if seats is not None and won < seats and t["elected"].isna().any():
        # a winner no source names may have replaced anyone: 'no seat changed hands' would be a guess
        named = "no winner" if won == 0 else f"only {won} of the {int(seats)} winners"
        return empty(REPLACEMENT_COLUMNS, f"{_in(tables, election_id)}, the sources name {named}, so who"
                     " replaced whom cannot be said.")
    key = ["position", "display_name"]
    gone = t[t["outcome"] == "defeated"].sort_values(key)["candidate_id"].tolist()
    new = t[t["outcome"] == "newly elected"].sort_values(key)["candidate_id"].tolist()
    n = max(len(gone), len(new))
    gone += [pd.NA] * (n - len(gone))
    new += [pd.NA] * (n - len(new))
    out = pd.DataFrame({"election_id": election_id, "left": gone, "replaced_by": new}, columns=REPLACEMENT_COLUMNS)
    unknown = t[t["incumbent"].isna() & (t["elected"] == True)]  # noqa: E712
    # 'no seat changed hands' only where every winner's incumbency is known
    notes = ([f"{_in(tables, election_id)}, no seat changed hands."] if unknown.empty else []) if n == 0 \
        else [] if n == 1 else [f"{_in(tables, election_id)}, {n} seats changed hands; the table pairs"
                                " those who left with newcomers by place, not as one-to-one replacements."]
    if not unknown.empty:
        notes.append(f"{_in(tables, election_id)}, it is not known whether"
                     f" {_join_names(unknown['display_name'])} already held a seat, so other changes"
                     " may be missing.")
    return Result(out, notes)
