"""Sentences on slates, computed from the analyses' Results."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables
from ...analysis.core import is_true as _true
from ...analysis.slates import slate_summary, votes_withheld
from ..format import at_least, pct, plural, round_half_up
from ..labels import family_name, family_short
from ..labels import in_election as _in


def describe_slates(tables: Tables, election_id: str) -> list[str]:
    """Sentences on each slate's seats, nominations and votes in ``election_id``.

    Seats are 'at least' where some outcomes are not in the data; shares of votes are of the
    candidates listed where the results list is partial; votes per seat add winners' votes only.
    """
    res = slate_summary(tables, election_id)
    t = res.table
    out = []
    if t.empty:
        return res.notes
    listed = int(t["with_votes"].sum())
    for _, r in t.sort_values(["elected", "candidates", "slate_family"], ascending=[False, False, True]).iterrows():
        if not r["candidates"]:
            continue  # nominees who did not reach the ballot: in the nominations sentences
        unknown = int(t["elected_unknown"].sum())
        seats = ("none known to be elected" if unknown and not int(r["elected"])  # not 'at least 0'
                 else f"{at_least(int(r['elected']), unknown)} elected")
        bits = [f"{plural(int(r['candidates']), 'candidate')}, {seats}"]
        if not pd.isna(r["nominations_share_pct"]):
            bits.append(f"{pct(r['nominations_share_pct'])} of nominations")
        if not pd.isna(r["votes_share_pct"]):
            of = f" of the {plural(listed, 'candidate')} listed" if _true(r["results_partial"]) else ""
            bits.append(f"{pct(r['votes_share_pct'])} of the votes{of}")
        if not pd.isna(r["votes_per_seat"]):
            bits.append(f"{round_half_up(r['votes_per_seat']):,.0f} votes per seat won (its winners' votes)")
        out.append(f"{_in(tables, election_id)}, {family_name(r['slate_family'])}: " + ", ".join(bits) + ".")
    return out + res.notes


def slates_standfirst(tables: Tables, election_id: str) -> list[str]:
    """A standfirst for the slates page that the sentences below it do not repeat: each slate's
    share of the seats beside its share of the votes (of nominations where no votes were
    published), largest first: 'Grassroots left candidates took 66.7% of the seats with 55.2% of
    the votes; Labour right 16.7% of the seats with 33.4% of the votes; ...'. Where some winners
    are not known (a share of seats would be a guess) or no slate has either share, the first two
    of :func:`describe_slates` (the page then leaves them out below). Where shares of the votes are
    withheld because a printed vote is a misprint, the standfirst says so (the reader would otherwise
    meet the gap unexplained)."""
    t = slate_summary(tables, election_id).table
    withheld = votes_withheld(tables, election_id)
    if t.empty or int(t["elected_unknown"].sum()) or t["seats_share_pct"].isna().all():
        return ([withheld] if withheld else []) + describe_slates(tables, election_id)[:1 if withheld else 2]
    partial = bool(t["results_partial"].map(_true).any())
    parts = []
    for _, r in t.sort_values(["elected", "slate_family"], ascending=[False, True]).iterrows():
        if r["slate_family"] == "unknown" or not int(r["candidates"]) or pd.isna(r["seats_share_pct"]):
            continue
        if not pd.isna(r["votes_share_pct"]) and not partial:
            of = f"{pct(r['votes_share_pct'])} of the votes"
        elif not pd.isna(r["nominations_share_pct"]):
            of = f"{pct(r['nominations_share_pct'])} of the nominations"
        else:
            continue
        parts.append((family_short(r["slate_family"]), f"{pct(r['seats_share_pct'])} of the seats with {of}"))
    if not parts:
        return [withheld] if withheld else describe_slates(tables, election_id)[:2]
    said = [f"{who[:1].upper()}{who[1:]} candidates took {what}" if i == 0 else f"{who} {what}"
            for i, (who, what) in enumerate(parts)]
    return [f"{_in(tables, election_id)}, " + "; ".join(said) + "."] + ([withheld] if withheld else [])
