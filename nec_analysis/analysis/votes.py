"""Nominations against votes: ranks, rank correlation, the top N, winning margins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..words.format import join_names as _join_names
from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    candidacies,
    competition_rank,
    election_ids,
    election_row,
    empty,
    is_partial,
    names,
    results,
)
from .core import name as _name
from .core import value as _value
from .nominations import nomination_figures

#: Columns of the analyses below (also when they have no rows).
VS_COLUMNS = ["candidate_id", "nominations", "votes", "position", "elected", "nomination_rank", "vote_rank",
              "votes_per_nomination", "places_gained", "performance", "display_name", "election_id"]
TOP_N_COLUMNS = ["candidate_id", "display_name", "elected", "nominations", "nomination_rank", "in_top_n",
                 "election_id", "seats"]
MARGIN_COLUMNS = ["election_id", "seats", "last_elected", "last_elected_position", "threshold_votes",
                  "first_loser", "first_loser_votes", "margin", "margin_pct"]


def nominations_vs_votes(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """Per candidate: nomination rank against vote position, votes per nomination.

    ``places_gained`` = nomination rank − vote position (positive: did better in the
    ballot than in nominations); ``performance`` labels it over/under/as ranked.
    """
    fig = nomination_figures(tables, election_id, source_id)
    res = results(tables, election_id)
    notes = list(fig.notes)
    if fig.table.empty or res.empty or res["votes"].isna().all():
        what = "nomination figures" if fig.table.empty else "vote figures"
        return empty(VS_COLUMNS, *notes, f"{_in(tables, election_id)}, no {what} were published, so"
                     " nominations cannot be set against votes.")
    both = fig.table[["candidate_id", "nominations"]].merge(
        res[["candidate_id", "votes", "position", "elected"]], on="candidate_id", how="inner")
    both = both.dropna(subset=["votes"])
    both["nomination_rank"] = competition_rank(both["nominations"])
    both["vote_rank"] = competition_rank(both["votes"])
    both["votes_per_nomination"] = both["votes"].astype(float) / both["nominations"].astype(float)
    both["places_gained"] = (both["nomination_rank"] - both["vote_rank"]).astype("Int64")
    both["performance"] = np.select([both["places_gained"] > 0, both["places_gained"] < 0],
                                    ["over", "under"], "as ranked")
    both["display_name"] = both["candidate_id"].map(names(tables))
    missing = set(res["candidate_id"]) ^ set(fig.table["candidate_id"])
    if missing:
        notes.append(f"{_in(tables, election_id)}, {_join_names(sorted(_name(tables, m) for m in missing))}"
                     f" {'has' if len(missing) == 1 else 'have'} a nomination figure or a vote figure"
                     " but not both, so " + ("is" if len(missing) == 1 else "are")
                     + " left out of the comparison.")
    if is_partial(tables, res["source_id"]):
        notes.append(f"{_in(tables, election_id)}, the results list is partial: the comparison covers the"
                     f" {len(both)} candidates listed with both figures, and places are among those listed.")
    return Result(both.assign(election_id=election_id)[VS_COLUMNS].sort_values("vote_rank").reset_index(drop=True), notes)


def rank_correlation(tables: Tables, election_id: str | None = None, source_id: str | None = None) -> Result:
    """Spearman rank correlation of nominations and votes, per election (scipy)."""
    from scipy.stats import spearmanr

    rows, notes = [], []
    for eid in election_ids(tables) if election_id is None else [election_id]:
        nv = nominations_vs_votes(tables, eid, source_id)
        if len(nv.table) < 3:
            notes += nv.notes or [f"{_in(tables, eid)}, fewer than 3 candidates have both nomination and"
                                  " vote figures, too few for a rank correlation."]
            continue
        rho, p = spearmanr(nv.table["nominations"].astype(float), nv.table["votes"].astype(float))
        if pd.isna(rho):
            notes.append(f"{_in(tables, eid)}, every candidate compared had the same nominations or the same"
                         " votes, so there is no rank correlation.")
            continue
        rows.append({"election_id": eid, "n": len(nv.table), "spearman_rho": float(rho), "p_value": float(p)})
        notes += nv.notes
    return Result(pd.DataFrame(rows, columns=["election_id", "n", "spearman_rho", "p_value"]), notes)


def top_n_elected(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """Whether the nomination top N (N = seats) became the elected N; works without votes."""
    fig = nomination_figures(tables, election_id, source_id).table
    seats = _value(election_row(tables, election_id), "seats")
    c = candidacies(tables, election_id)
    if fig.empty or seats is None or c["elected"].isna().all():
        missing = [what for what, gone in (("nomination figures", fig.empty), ("the number of seats", seats is None),
                                           ("who was elected", c["elected"].isna().all())) if gone]
        return empty(TOP_N_COLUMNS, f"{_in(tables, election_id)}, whether the leaders in nominations were"
                     f" elected cannot be said: the data lack {_join_names(missing)}.")
    fig = fig.assign(nomination_rank=competition_rank(fig["nominations"]))
    out = c[["candidate_id", "display_name", "elected"]].merge(
        fig[["candidate_id", "nominations", "nomination_rank"]], on="candidate_id", how="outer")
    out["in_top_n"] = out["nomination_rank"] <= seats
    out = out[(out["in_top_n"] == True) | (out["elected"] == True)]  # noqa: E712
    notes = []
    no_fig = out[out["nominations"].isna()]
    if not no_fig.empty:
        notes.append(f"{_in(tables, election_id)}, {_join_names(no_fig['display_name'])}"
                     f" {'was' if len(no_fig) == 1 else 'were'} elected without a nomination figure in"
                     " the source used.")
    return Result(out.assign(election_id=election_id, seats=int(seats)).reset_index(drop=True), notes)


def winning_margins(tables: Tables, election_id: str | None = None) -> Result:
    """Votes of the last elected candidate (the winning threshold) and margin to the first loser."""
    rows, notes = [], []
    for eid in election_ids(tables) if election_id is None else [election_id]:
        r = results(tables, eid)
        if is_partial(tables, r["source_id"]):
            notes.append(f"{_in(tables, eid)}, the results list is partial, so which seat was the last"
                         " and by how much it was won cannot be said.")
            continue
        r = r.dropna(subset=["votes"])
        won, lost = r[r["elected"] == True], r[r["elected"] == False]  # noqa: E712
        if won.empty or lost.empty:
            notes.append(f"{_in(tables, eid)}, no vote figures were published for both elected and"
                         " defeated candidates, so there is no winning threshold or margin.")
            continue
        last = won.sort_values("votes").iloc[0]
        first = lost.sort_values("votes", ascending=False).iloc[0]
        rows.append({"election_id": eid, "seats": int(len(won)), "last_elected": last["candidate_id"],
                     "last_elected_position": last["position"], "threshold_votes": int(last["votes"]),
                     "first_loser": first["candidate_id"], "first_loser_votes": int(first["votes"]),
                     "margin": int(last["votes"] - first["votes"]),
                     "margin_pct": float((last["votes"] - first["votes"]) / last["votes"] * 100)
                     if last["votes"] else np.nan})
    return Result(pd.DataFrame(rows, columns=MARGIN_COLUMNS), notes)
