"""One section across the years: seats by slate, poll-toppers, the winning threshold, turnout, women elected.

The data behind the cross-year page of a section (the CLP section, the local-government
section), from the earliest election in the data. Years differ in what their sources give:
some list only the winners, some a partial list, some no votes at all. Nothing is filled in:

* the poll-topper is the candidate placed first (``position`` 1: a place a source states, such
  as "topped the poll", or the place by votes in a complete table whose figures agree), with
  their votes where published; the threshold (votes of the last elected) is given only where
  every elected candidate's votes were published and the last one's place is certain;
* seats whose winner's slate no source states are counted as such, never given a slate;
* women elected are counted from stated genders, with the number whose gender is not stated
  beside them (the page says "at least");
* turnout is the preferred published figure, flagged when the source gave it as approximate.
"""

from __future__ import annotations

import pandas as pd

from .core import Result, Tables, candidacies, election_ids, empty, is_partial, results
from .gender import gender_summary
from .slates import slate_summary

#: Columns of :func:`section_history`.
HISTORY_COLUMNS = [
    "election_id", "year", "election_type", "seats", "elected_known", "elected_votes_known", "poll_topper",
    "top_votes", "last_elected", "threshold_votes", "turnout_pct", "turnout_approximate", "women_elected",
    "men_elected", "elected_gender_unknown", "results_partial",
]
#: Columns of :func:`seats_by_slate`.
SEATS_COLUMNS = ["election_id", "year", "slate_family", "elected"]


def section_elections(tables: Tables, section: str) -> list[str]:
    """The elections of ``section`` in the data, oldest first (by-elections after their year's election)."""
    el = tables["elections"].set_index("election_id")
    return [e for e in election_ids(tables) if el.loc[e, "section"] == section]


def _turnout(tables: Tables, election_id: str) -> tuple[float | None, bool | None]:
    t = tables["totals"]
    row = t[(t["election_id"] == election_id) & (t["measure"] == "turnout_pct") & t["preferred"].fillna(False)]
    if row.empty:
        return None, None
    return float(row["value"].iloc[0]), bool(row["approximate"].fillna(False).iloc[0])


def _row(tables: Tables, election_id: str) -> dict:
    el = tables["elections"].set_index("election_id").loc[election_id]
    won = candidacies(tables, election_id)
    won = won[won["elected"].fillna(False).astype(bool)]
    res = results(tables, election_id)
    votes = won["candidate_id"].map(res.dropna(subset=["votes"]).set_index("candidate_id")["votes"])
    every = len(won) > 0 and votes.notna().all() and (pd.isna(el["seats"]) or len(won) == int(el["seats"]))
    place = res.set_index("candidate_id")["position"] if not res.empty else pd.Series(dtype="Int64")
    first = res[res["position"].eq(1).fillna(False)] if not res.empty else res
    top = first.iloc[0] if len(first) == 1 else None  # a tie for first names no single poll-topper
    last = None
    if every:
        order = won.assign(votes=votes.astype(float)).sort_values(["votes", "candidate_id"], ascending=[False, True])
        if pd.notna(place.get(order.iloc[-1]["candidate_id"], pd.NA)):
            last = order.iloc[-1]  # the last elected's place is certain (not a partial list, no misprint)
    gender = gender_summary(tables, [election_id]).table
    g = gender[(gender["group"] == "elected") & (gender["scope"] == election_id)]
    turnout, approx = _turnout(tables, election_id)
    return {
        "election_id": election_id, "year": int(el["year"]), "election_type": el["election_type"],
        "seats": el["seats"], "elected_known": len(won), "elected_votes_known": int(votes.notna().sum()),
        "poll_topper": None if top is None else top["candidate_id"],
        # the topper's votes, unless missing or (a misprint kept as printed) below another's
        "top_votes": None if top is None or pd.isna(top["votes"]) or top["votes"] < res["votes"].max()
        else int(top["votes"]),
        "last_elected": None if last is None else last["candidate_id"],
        "threshold_votes": None if last is None else int(last["votes"]),
        "turnout_pct": turnout, "turnout_approximate": approx,
        "women_elected": int(g["women"].iloc[0]) if not g.empty else 0,
        "men_elected": int(g["men"].iloc[0]) if not g.empty else 0,
        "elected_gender_unknown": int(g["unknown"].iloc[0]) if not g.empty else len(won),
        "results_partial": is_partial(tables, res["source_id"]) if not res.empty else None,
    }


def _printed_votes(tables: Tables, election_id: str, candidate_id: str) -> int | None:
    """The preferred printed votes of one candidacy, or None."""
    res = results(tables, election_id)
    v = res.loc[res["candidate_id"] == candidate_id, "votes"].dropna()
    return None if v.empty else int(v.iloc[0])


def section_history(tables: Tables, section: str) -> Result:
    """One row per election of ``section``: seats, who topped the poll, the votes of the last
    elected (the winning threshold), turnout, and women elected (stated genders only).

    ``poll_topper`` is empty unless a candidate's first place is known; ``threshold_votes`` unless
    every seat's winner and their votes are known; ``elected_known`` below ``seats`` means the
    sources do not name every winner.
    """
    ids = section_elections(tables, section)
    if not ids:
        return empty(HISTORY_COLUMNS, "No election of this section is in the data.")
    out = pd.DataFrame([_row(tables, e) for e in ids], columns=HISTORY_COLUMNS)
    for col in ("seats", "top_votes", "threshold_votes"):
        out[col] = out[col].astype("Int64")
    out["turnout_pct"] = out["turnout_pct"].astype("Float64")
    notes = []
    short = out[out["elected_known"] < out["seats"].fillna(0)]
    if not short.empty:
        notes.append("The sources name only some winners in " + ", ".join(map(str, short["year"])) + ".")
    no_top = out[out["poll_topper"].isna()]
    if not no_top.empty:
        notes.append("No source states who came first, and the published votes cannot show it, in "
                     + ", ".join(map(str, no_top["year"])) + ".")
    below = [int(r["year"]) for _, r in out.iterrows() if pd.notna(r["poll_topper"]) and pd.isna(r["top_votes"])
             and _printed_votes(tables, r["election_id"], r["poll_topper"]) is not None]
    if below:
        notes.append("The poll-topper's votes as printed are below another candidate's in "
                     + ", ".join(map(str, below)) + " (a misprint kept as printed), so they are not shown.")
    no_votes = out[out["threshold_votes"].isna()]
    if not no_votes.empty:
        notes.append("No winning threshold where some winners' votes were not published: "
                     + ", ".join(map(str, no_votes["year"])) + ".")
    return Result(out, notes)


def seats_by_slate(tables: Tables, section: str) -> Result:
    """Seats won by each slate family in each election of ``section`` (the winners the sources name;
    ``unknown`` where no source states a winner's slate)."""
    ids = section_elections(tables, section)
    parts = [t for t in (slate_summary(tables, e).table for e in ids) if not t.empty]  # this section's only
    s = pd.concat(parts, ignore_index=True) if parts else None
    if s is not None:
        s = s[s["elected"] > 0]
    if s is None or s.empty:
        return empty(SEATS_COLUMNS, "No winner of this section is in the data.")
    years = tables["elections"].set_index("election_id")["year"]
    out = s.assign(year=s["election_id"].map(years).astype(int))[SEATS_COLUMNS]
    return Result(out.reset_index(drop=True), [])


def poll_toppers(history: pd.DataFrame) -> pd.DataFrame:
    """Who topped the poll, how often and when (elections where the first place is known)."""
    known = history.dropna(subset=["poll_topper"])
    if known.empty:
        return pd.DataFrame(columns=["candidate_id", "times", "years"])
    g = known.groupby("poll_topper", sort=False)["year"]
    out = pd.DataFrame({"candidate_id": g.size().index, "times": g.size().to_numpy(),
                        "years": [", ".join(map(str, ys)) for ys in g.apply(list)]})
    return out.sort_values(["times", "candidate_id"], ascending=[False, True]).reset_index(drop=True)
