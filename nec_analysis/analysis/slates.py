"""Slates: candidates, nominations, votes and seats by slate family; slate-mates compared.
"""

from __future__ import annotations

import pandas as pd

from ..words.format import join_names as _join_names
from ..words.format import plural
from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    candidacies,
    election_ids,
    results,
)
from .core import with_results as _with_results
from .nominations import nomination_figures


def slate_summary(tables: Tables, election_id: str | None = None) -> Result:
    """Candidates, nominations, votes and seats by slate family, per election (all if None).

    Shares are of the election's candidates' summed figures; ``*_per_seat`` divide a
    family's nominations or votes by the seats it won.
    """
    ids = election_ids(tables) if election_id is None else [election_id]
    frames, notes = [], []
    for eid in ids:
        cands = candidacies(tables, eid)
        cands = cands[cands["on_ballot"] != False]  # noqa: E712  (True or unknown)
        if cands.empty:
            notes.append(f"{_in(tables, eid)}, no candidates are recorded.")
            continue
        noms = nomination_figures(tables, eid).table.set_index("candidate_id")["nominations"]
        res = results(tables, eid).set_index("candidate_id")
        c = cands.assign(nominations=cands["candidate_id"].map(noms).astype("Float64"),
                         votes=cands["candidate_id"].map(res["votes"]).astype("Float64"),
                         won=cands["elected"].fillna(False).astype(bool),
                         slate_family=cands["slate_family"].fillna("unknown"))
        g = c.groupby("slate_family").agg(candidates=("candidate_id", "size"), elected=("won", "sum"),
                                          nominations=("nominations", lambda s: s.sum(min_count=1)),
                                          votes=("votes", lambda s: s.sum(min_count=1))).reset_index()
        for col in ("nominations", "votes"):
            g[f"{col}_share_pct"] = g[col] / g[col].sum() * 100
            g[f"{col}_per_seat"] = g[col] / g["elected"].where(g["elected"] > 0)
        g["seats_share_pct"] = g["elected"] / max(int(g["elected"].sum()), 1) * 100
        frames.append(g.assign(election_id=eid))
        if c["votes"].isna().all():
            notes.append(f"{_in(tables, eid)}, no vote figures were published (only who was elected),"
                         " so votes by slate cannot be given.")
        if c["nominations"].isna().all():
            notes.append(f"{_in(tables, eid)}, no source gives nomination figures, so nominations by"
                         " slate cannot be given.")
        elif c["nominations"].isna().any():
            missing = c.loc[c["nominations"].isna(), "display_name"]
            notes.append(f"{_in(tables, eid)}, no nomination figure is known for {_join_names(missing)};"
                         " shares of nominations are of the candidates with figures.")
    if not frames:
        return Result(pd.DataFrame(), notes)
    out = pd.concat(frames, ignore_index=True)
    first = ["election_id", "slate_family"]
    return Result(out[first + [c for c in out.columns if c not in first]], notes)


def slate_mates(tables: Tables, election_id: str) -> Result:
    """Each candidate's votes and place against the others on the same slate.

    ``place_in_slate`` is the order by votes within the family; ``votes_vs_mates_pct`` the
    candidate's votes as a percentage of the mean of their slate-mates'.
    """
    c = _with_results(tables, election_id)
    if c.empty or c["votes"].isna().all():
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, no vote figures were published, so"
                                       " candidates cannot be compared with their slate-mates."])
    c = c.dropna(subset=["votes"])
    notes = []
    solo = c[c["slate_family"].isin(["unknown", "independent"])]
    if not solo.empty:
        notes.append(f"{_in(tables, election_id)}, {plural(len(solo), 'candidate', 'candidates')} on no"
                     " slate, or on a slate not known, had no slate-mates to compare with.")
    c = c[~c["slate_family"].isin(["unknown", "independent"])].copy()
    grp = c.groupby("slate_family")["votes"]
    c["place_in_slate"] = grp.rank(method="min", ascending=False).astype("Int64")
    c["slate_size"] = grp.transform("size")
    others = (grp.transform("sum") - c["votes"]) / (c["slate_size"] - 1).where(c["slate_size"] > 1)
    c["votes_vs_mates_pct"] = c["votes"] / others * 100
    cols = ["election_id", "slate_family", "candidate_id", "display_name", "gender", "votes", "position",
            "elected", "place_in_slate", "slate_size", "votes_vs_mates_pct"]
    return Result(c[cols].sort_values(["slate_family", "place_in_slate"]).reset_index(drop=True), notes)
