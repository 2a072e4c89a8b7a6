"""Gender: women, men and unknown among candidates and the elected (never imputed).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..words.format import join_names as _join_names
from ..words.format import plural
from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    candidacies,
    election_ids,
    empty,
)
from .core import with_results as _with_results

#: Columns of :func:`gender_summary` (also when it has no rows).
GENDER_COLUMNS = ["scope", "slate_family", "group", "n", "women", "men", "unknown", "women_pct_at_least",
                  "women_pct_at_most", "women_pct_of_known"]
WITHIN_COLUMNS = ["slate_family", "gender", "candidates", "elected", "mean_position", "mean_votes", "election_id"]
PAIR_COLUMNS = ["slate_family", "candidate_id_man", "position_man", "candidate_id_woman", "position_woman",
                "election_id"]


def gender_summary(tables: Tables, elections: Iterable[str] | None = None,
                   by_slate: bool = False) -> Result:
    """Women, men and unknown among candidates on the ballot and among the elected.

    One row per (scope, slate_family, group): scope is an election, or ``<year> all
    sections`` where a year has several regular elections. ``unknown`` counts those whose
    gender no source states (never imputed), so ``women`` and ``men`` are lower bounds:
    ``women_pct_at_least`` / ``women_pct_at_most`` are the share of women if none / all of
    the unknown are women. ``women_pct_of_known`` is given only where every gender is known.
    """
    ids = list(elections) if elections is not None else election_ids(tables)
    frames, notes = [], []
    scopes = {eid: [eid] for eid in ids}
    el = tables["elections"][tables["elections"]["election_id"].isin(ids)]
    for year, grp in el[el["election_type"] == "regular"].groupby("year"):
        if len(grp) > 1:
            scopes[f"{year} all sections"] = list(grp["election_id"])
    for scope, members in scopes.items():
        c = pd.concat([candidacies(tables, e) for e in members], ignore_index=True)
        unknown_ballot = c["on_ballot"].isna().sum()
        if unknown_ballot and scope in ids:
            notes.append(f"{_in(tables, scope)}, {plural(int(unknown_ballot), 'nominee', 'nominees')} not"
                         " known to have reached the ballot paper are left out of the counts of candidates.")
        c = c[c["on_ballot"] == True]  # noqa: E712
        if c.empty:
            continue
        c = c.assign(slate_family=c["slate_family"].fillna("unknown") if by_slate else "all")
        for group, sub in (("candidates", c), ("elected", c[c["elected"] == True])):  # noqa: E712
            g = sub.groupby("slate_family").agg(
                n=("candidate_id", "size"), women=("gender", lambda s: int((s == "F").sum())),
                men=("gender", lambda s: int((s == "M").sum())),
                unknown=("gender", lambda s: int(s.isna().sum()))).reset_index()
            if g.empty and not by_slate:
                g = pd.DataFrame([{"slate_family": "all", "n": 0, "women": 0, "men": 0, "unknown": 0}])
            frames.append(g.assign(scope=scope, group=group))
    if not frames:
        return empty(GENDER_COLUMNS, *notes, "No candidacies on the ballot.")
    out = pd.concat(frames, ignore_index=True)
    n = out["n"].where(out["n"] > 0)
    out["women_pct_at_least"] = out["women"] / n * 100
    out["women_pct_at_most"] = (out["women"] + out["unknown"]) / n * 100
    out["women_pct_of_known"] = (out["women"] / n * 100).where(out["unknown"] == 0)
    return Result(out[GENDER_COLUMNS], notes)


def gender_within_slates(tables: Tables, election_id: str) -> Result:
    """Women and men on the same slate: how many, how many elected, mean place and votes."""
    c = _with_results(tables, election_id)
    if c.empty:
        return empty(WITHIN_COLUMNS, f"{_in(tables, election_id)}, no candidates on the ballot paper"
                     " are recorded.")
    c["gender"] = c["gender"].fillna("unknown")
    g = c.groupby(["slate_family", "gender"]).agg(
        candidates=("candidate_id", "size"), elected=("elected", lambda s: int((s == True).sum())),  # noqa: E712
        mean_position=("position", lambda s: s.astype("Float64").mean()),
        mean_votes=("votes", lambda s: s.astype("Float64").mean())).reset_index()
    notes = []
    if c["votes"].isna().all():
        notes.append(f"{_in(tables, election_id)}, no vote figures or places were published; only who"
                     " was elected is compared.")
    if (c["gender"] == "unknown").any():
        n_unknown = int((c["gender"] == "unknown").sum())
        notes.append(f"{_in(tables, election_id)}, no source states the gender of"
                     f" {plural(n_unknown, 'candidate', 'candidates')}; they are shown as 'unknown'.")
    return Result(g.assign(election_id=election_id), notes)


def men_above_women_on_slate(tables: Tables, election_id: str) -> Result:
    """Every (man, woman) pair on the same slate where the man finished above the woman."""
    c = _with_results(tables, election_id).dropna(subset=["position"])
    if c.empty:
        return Result(pd.DataFrame(columns=PAIR_COLUMNS), [f"{_in(tables, election_id)}, no places by votes were published,"
                                       " so women and men on the same slate cannot be compared."])
    c = c[~c["slate_family"].isin(["unknown", "independent"])]
    men, women = c[c["gender"] == "M"], c[c["gender"] == "F"]
    pairs = men.merge(women, on="slate_family", suffixes=("_man", "_woman"))
    pairs = pairs[pairs["position_man"] < pairs["position_woman"]]
    cols = ["slate_family", "candidate_id_man", "position_man", "candidate_id_woman", "position_woman"]
    unknown = c[c["gender"].isna()]
    notes = [] if unknown.empty else [
        f"{_in(tables, election_id)}, no source states the gender of {_join_names(unknown['display_name'])},"
        " so they are left out of the comparison of women and men on the same slate."]
    if c.empty:
        notes.append(f"{_in(tables, election_id)}, no candidate is known to have stood on a slate, so"
                     " women and men on the same slate cannot be compared.")
    elif pairs.empty:
        notes.append(f"{_in(tables, election_id)}, no man of known gender finished above a woman on"
                     " his own slate.")
    return Result(pairs[cols].assign(election_id=election_id).reset_index(drop=True), notes)
