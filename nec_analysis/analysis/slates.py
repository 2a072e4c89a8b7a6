"""Slates: candidates, nominations, votes and seats by slate family; slate-mates compared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..words.format import join_names as _join_names
from ..words.format import plural
from ..words.labels import FAMILY_NAMES
from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    candidacies,
    election_ids,
    empty,
    is_partial,
    misprint_words,
    misprinted_votes,
    results,
)
from .core import with_results as _with_results
from .nominations import nomination_figures, slate_nomination_shares

#: Columns of :func:`slate_summary` (also when it has no rows).
SUMMARY_COLUMNS = [
    "election_id", "slate_family", "candidates", "elected", "elected_unknown", "nominations",
    "nominations_share_pct", "nominations_denominator", "nominations_denominator_value", "votes", "with_votes",
    "votes_share_pct", "votes_per_seat", "nominations_per_seat", "seats_share_pct", "results_partial",
]


#: The figure columns of :func:`slate_summary`: floats, NaN where not known.
FIGURE_COLUMNS = ["nominations", "nominations_share_pct", "nominations_denominator_value", "votes",
                  "votes_share_pct", "votes_per_seat", "nominations_per_seat", "seats_share_pct"]


def slate_summary(tables: Tables, election_id: str | None = None) -> Result:
    """Candidates, nominations, votes and seats by slate family, per election (all if None).

    ``nominations`` and ``nominations_share_pct`` are exactly those of
    :func:`~nec_analysis.analysis.nominations.slate_nomination_shares` (every nominee with a
    figure; one denominator, the published total where there is one), so a page showing both
    shows one number per family. ``votes_share_pct`` is of the votes of the candidates listed
    (``with_votes`` of them; ``results_partial``: the results list leaves some out). ``votes_per_seat`` and
    ``nominations_per_seat`` add only the *winners'* figures, divided by the seats won.
    ``elected_unknown`` counts candidates whose outcome is not in the data.

    A printed vote the data records as contradicted by its own printed share (a misprint kept
    as printed, :func:`~nec_analysis.analysis.core.misprinted_votes`) is never added up: every
    family's ``votes_share_pct`` (their denominator holds it) and its own family's ``votes`` and
    ``votes_per_seat`` are left unknown, and a note says why.
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
        res = results(tables, eid)
        partial = is_partial(tables, res["source_id"])
        res = res.set_index("candidate_id")
        c = cands.assign(nominations=cands["candidate_id"].map(noms).astype("Float64"),
                         votes=cands["candidate_id"].map(res["votes"]).astype("Float64"),
                         won=cands["elected"].fillna(False).astype(bool),
                         unknown=cands["elected"].isna(),
                         slate_family=cands["slate_family"].fillna("unknown"))
        c["won_votes"] = c["votes"].where(c["won"])
        c["won_nominations"] = c["nominations"].where(c["won"])
        total = lambda s: s.sum(min_count=1)  # noqa: E731  (NA when no figure at all)
        g = c.groupby("slate_family").agg(candidates=("candidate_id", "size"), elected=("won", "sum"),
                                          elected_unknown=("unknown", "sum"),
                                          votes=("votes", total), with_votes=("votes", "count"),
                                          won_votes=("won_votes", total), won_with_votes=("won_votes", "count"),
                                          won_nominations=("won_nominations", total),
                                          won_with_nominations=("won_nominations", "count")).reset_index()
        shares = slate_nomination_shares(tables, eid)
        fam = (shares.table.set_index("slate_family") if not shares.table.empty
               else pd.DataFrame(columns=["nominations", "share_pct", "denominator", "denominator_value"]))
        g = g.merge(fam[["nominations", "share_pct", "denominator", "denominator_value"]], how="outer",
                    left_on="slate_family", right_index=True)
        for col in ("candidates", "elected", "elected_unknown", "with_votes"):
            g[col] = g[col].fillna(0).astype(int)
        g = g.rename(columns={"share_pct": "nominations_share_pct", "denominator": "nominations_denominator",
                              "denominator_value": "nominations_denominator_value"})
        for col in FIGURE_COLUMNS[:4]:  # plain floats, NaN where unknown (charts read them as numbers)
            g[col] = pd.to_numeric(g[col], errors="coerce").astype(float)
        g["votes_share_pct"] = g["votes"] / g["votes"].sum() * 100 if g["votes"].notna().any() else np.nan
        hit = _misprinted_families(tables, eid, c)
        if hit:  # a total holding a misprinted vote is no figure at all
            g.loc[g["slate_family"].isin(hit), ["votes", "won_votes"]] = np.nan
            g["votes_share_pct"] = np.nan
            notes.append(votes_withheld(tables, eid))
        seats = g["elected"].where(g["elected"] > 0)
        # Per seat only when every winner's figure is known: 1998 names four winners of one
        # family but prints one's votes, and 75,584 / 4 is no family's votes per seat.
        g["votes_per_seat"] = (g["won_votes"] / seats).where(g["won_with_votes"] == g["elected"])
        g["nominations_per_seat"] = (g["won_nominations"] / seats).where(g["won_with_nominations"] == g["elected"])
        g["seats_share_pct"] = g["elected"] / max(int(g["elected"].sum()), 1) * 100
        g["results_partial"] = partial
        frames.append(g.assign(election_id=eid))
        if c["votes"].isna().all():
            notes.append(f"{_in(tables, eid)}, no vote figures were published (only who was elected),"
                         " so votes by slate cannot be given.")
        elif partial:
            listed = int(c["votes"].notna().sum())
            notes.append(f"{_in(tables, eid)}, the results list is partial: shares of votes are of the"
                         f" {plural(listed, 'candidate')} listed, not of every candidate.")
        if c["unknown"].any():
            notes.append(f"{_in(tables, eid)}, whether {plural(int(c['unknown'].sum()), 'candidate')}"
                         " won a seat is not in the data, so seats by slate may be more than shown.")
        if fam.empty:
            notes.append(f"{_in(tables, eid)}, no source gives nomination figures, so nominations by"
                         " slate cannot be given.")
        elif c["nominations"].isna().any():
            missing = c.loc[c["nominations"].isna(), "display_name"].fillna(c["candidate_id"])
            notes.append(f"{_in(tables, eid)}, no nomination figure is known for {_join_names(missing)}.")
    if not frames:
        return empty(SUMMARY_COLUMNS, *notes)
    out = pd.concat(frames, ignore_index=True)
    out[FIGURE_COLUMNS] = out[FIGURE_COLUMNS].astype(float)
    return Result(out[SUMMARY_COLUMNS], notes)


def _misprinted_families(tables: Tables, election_id: str, cands: pd.DataFrame | None = None) -> list[str]:
    """The slate families of ``election_id`` holding a candidate whose printed votes are a known misprint."""
    bad = set(misprinted_votes(tables, election_id)["candidate_id"])
    if not bad:
        return []
    c = candidacies(tables, election_id) if cands is None else cands
    return sorted(set(c.loc[c["candidate_id"].isin(bad), "slate_family"].fillna("unknown")))


def votes_withheld(tables: Tables, election_id: str) -> str | None:
    """Why :func:`slate_summary` gives no shares of the votes for ``election_id`` (None: it gives them):
    'In the 2001 CLP-section election, What Next? journal (2001) printed Tony Robinson's votes as
    24,771 beside a share of 11.19%, and one of the two figures is a misprint. So no slate's share of
    the votes is given, nor the Labour right slates' total votes or votes per seat won.'"""
    hit = _misprinted_families(tables, election_id)
    if not hit:
        return None
    names = [str(FAMILY_NAMES.get(f, f)) for f in hit]
    owners = _join_names(f"{n}'" if n.endswith("s") else f"{n}'s" for n in names)
    return (f"{_in(tables, election_id)}, {misprint_words(tables, election_id)}. So no slate's share of the votes"
            f" is given, nor {owners} total votes or votes per seat won: each would be built on the misprint.")


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
