"""Sentences on votes, computed from the analyses' Results."""

from __future__ import annotations

from ...analysis.core import Tables
from ...analysis.core import name as _name
from ...analysis.votes import nominations_vs_votes, rank_correlation, top_n_elected, winning_margins
from ..format import at_least, plural
from ..labels import in_election as _in


def rank_agreement(rho: float) -> str:
    """How far the order by nominations and the order by votes agreed, in words a reader knows
    (the measure, Spearman's rank correlation, is named in the page's "About this page")."""
    if rho >= 0.7:
        return "candidates with more nominations mostly got more votes"
    if rho >= 0.3:
        return "candidates with more nominations tended to get more votes, with many exceptions"
    if rho > -0.3:
        return "nominations were little guide to votes"
    return "candidates with more nominations tended to get fewer votes"


def rank_agreement_title(rho: float | None, election: str) -> str:
    """A chart title / headline: 'Candidates with more nominations mostly got more votes (rank
    correlation 0.85) in the 2014 CLP-section election' (the election last: a page puts it over
    the headline instead, ``words.labels.without_election``)."""
    if rho is None:
        return f"Nominations and votes of each candidate in {election}"
    words = rank_agreement(rho)
    return f"{words[:1].upper()}{words[1:]} (rank correlation {rho:.2f}) in {election}"


def describe_nominations_vs_votes(tables: Tables, election_id: str) -> list[str]:
    """Sentences on how nominations translated into votes and seats."""
    out, notes = [], []
    where = _in(tables, election_id)
    corr = rank_correlation(tables, election_id)
    notes += corr.notes
    for _, r in corr.table.iterrows():
        out.append(f"{where}, {rank_agreement(float(r['spearman_rho']))}: the {r['n']} candidates' order by"
                   f" nominations and order by votes had a rank correlation of {r['spearman_rho']:.2f}.")
    nv = nominations_vs_votes(tables, election_id).table
    if not nv.empty and (nv["places_gained"] != 0).any():
        best = nv.sort_values(["places_gained", "display_name"], ascending=[False, True]).iloc[0]
        worst = nv.sort_values(["places_gained", "display_name"]).iloc[0]
        if best["places_gained"] > 0:
            out.append(f"{where}, {best['display_name']} did best against the nominations, finishing"
                       f" {plural(int(best['places_gained']), 'place', 'places')} higher in the vote than in"
                       " nominations.")
        if worst["places_gained"] < 0:
            out.append(f"{where}, {worst['display_name']} did worst against the nominations, finishing"
                       f" {plural(-int(worst['places_gained']), 'place', 'places')} lower in the vote than in"
                       " nominations.")
    elif not nv.empty:
        out.append(f"{where}, every candidate finished in the same order by votes as by nominations.")
    top = top_n_elected(tables, election_id)
    notes += top.notes
    if not top.table.empty:
        t = top.table
        in_top = t[t["in_top_n"] == True]  # noqa: E712
        hit = int((in_top["elected"] == True).sum())  # noqa: E712
        seats, n_top = int(t["seats"].iloc[0]), len(in_top)
        unknown = int(in_top["elected"].isna().sum())
        who = (f"the top {seats} by nominations" if n_top == seats
               else f"the {n_top} candidates ranked in the top {seats} by nominations (ties included)")
        if n_top == 1:
            top1 = in_top.iloc[0]
            fate = ("was elected" if top1["elected"] == True  # noqa: E712
                    else "was not elected" if top1["elected"] == False else "may or may not have been elected")  # noqa: E712
            out.append(f"{where}, the one candidate ranked in the top {seats} by nominations,"
                       f" {top1['display_name']}, {fate}.")
        elif n_top:
            out.append(f"{where}, {at_least(hit, unknown)} of {who}"
                       f" {'was' if hit == 1 and not unknown else 'were'} elected.")
    mar = winning_margins(tables, election_id)
    notes += mar.notes
    for _, m in mar.table.iterrows():
        out.append(f"{where}, the last seat went to {_name(tables, m['last_elected'])} with"
                   f" {plural(int(m['threshold_votes']), 'vote', 'votes')},"
                   f" {plural(int(m['margin']), 'vote', 'votes')} ahead of {_name(tables, m['first_loser'])}.")
    return out + notes
