"""Sentences on where nominations came from and where those elected live."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...analysis.regions import (
    SMALL_N,
    _elections_of_year,
    boundary_set_for,
    clp_rows,
    concentration,
    election_year,
    family_label,
    home_regions,
    home_regions_of_year,
    locate_nominations,
    no_clp_data_reason,
    regional_profile,
)
from ..format import date, join_names, pct, plural
from ..labels import elections_named, in_election
from ..labels import sources_in_words as source_words

# How a sentence about a family starts.
FAMILY_LEADS = {"grassroots_left": "Grassroots left slate", "labour_right": "Labour right slates",
                "open_labour": "Open Labour slate", "independent": "Independent candidates",
                "unknown": "Candidates with no known slate",
                "contested": "Candidates whose slate the sources disagree on"}
BOUNDARY_WORDS = {"2010": "2010–2024 boundaries", "2024": "boundaries first used in 2024"}


def describe_labour_groups(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """Sentences on the per-body lists of Labour groups (councils) in ``year``'s elections.

    Labour groups are councils, not constituencies: they are named, counted and left off the
    constituency map (no council-to-region table is in the data, so they are not counted by
    region either). Empty where the year has no such list.
    """
    cn = tables["clp_nominations"]
    out = []
    for eid in sorted(set(cn.election_id)):
        if election_year(eid) != int(year):
            continue
        rows = clp_rows(tables, eid)
        grp = rows[rows.body_type.fillna("clp") != "clp"]
        if grp.empty:
            continue
        status = sorted(set(grp.status.dropna()))
        as_of = join_names(date(d) for d in sorted(set(grp.as_of.dropna())))
        when = (f"an interim list as it stood on {as_of}" if status == ["interim"]
                else f"the {'/'.join(status) or 'published'} list")
        names = ", ".join(sorted(set(grp.body)))
        out.append(f"{in_election(tables, eid)}, nominations came from councillors' Labour groups, not "
                   f"CLPs: {plural(len(grp), 'nomination')} from {plural(grp.body.nunique(), 'Labour group')} "
                   f"in {when} ({source_words(tables, grp.source_id, sep=', ')}): {names}. A council is not a "
                   "Westminster seat, so these are not drawn on the constituency maps, and the data "
                   "hold no table placing councils in regions, so they are not counted by region.")
    return out


def describe_home_regions(tables: dict[str, pd.DataFrame], election_id: str) -> list[str]:
    """Sentences on where the elected candidates of ``election_id`` live, and what is unknown."""
    df = home_regions(tables, election_id)
    el = df[df.elected.fillna(False).astype(bool)]
    if df.empty:
        return [f"{in_election(tables, election_id)}, no candidacies in the data."]
    if el.empty:
        return [f"{in_election(tables, election_id)}, no result in the data says who was elected, so home regions of "
                "those elected cannot be described."]
    n = len(el)
    known = el[el.home_region.notna()]
    stated = known[known.home_region_strength == "stated"]
    weak = known[known.home_region_strength != "stated"]
    out = []
    if known.empty:
        who = ("the one person elected has no home region in the data, so nothing can be said about where they live"
               if n == 1 else f"none of the {plural(n, 'person', 'people')} elected has a home region in the data, so"
               " nothing can be said about where they live")
        out.append(f"{in_election(tables, election_id)}, {who}.")
        return out + _south_claim_sentence(tables, election_id)
    parts = ", ".join(f"{name} ({region}{'' if s == 'stated' else ', weak source'})"
                      for name, region, s in known[["display_name", "home_region", "home_region_strength"]]
                      .itertuples(index=False))
    # the counts that are not nothing (never '0 from a weak source; 0 unknown')
    how = [f"{len(stated)} stated by a source" if not weak.empty else "",
           f"{len(weak)} from a weak source such as a reader comment" if not weak.empty else "",
           f"{n - len(known)} unknown" if n > len(known) else ""]
    how = f" ({', '.join(h for h in how if h)})" if any(how) else ""
    out.append(f"{in_election(tables, election_id)}, home region known for {len(known)} of the {n} elected{how}: "
               f"{parts}.")
    outside = known[~known.in_south.astype(bool)]
    outside_e = known[~known.in_south_with_eastern.astype(bool)]
    unknown = n - len(known)
    sentence = (f"Outside London, the South East and the South West: {len(outside)} of those with a "
                f"known region ({len(outside_e)} if Eastern also counts as the South)")
    if unknown:
        sentence += (f"; with {plural(unknown, 'home region')} unknown, the data can neither confirm nor "
                     "rule out a claim about all of those elected")
    out.append(sentence + ".")
    if weak.shape[0]:
        verb = "rests" if len(weak) == 1 else "rest"
        out.append(f"Of those elected, {plural(len(weak), 'home region')} {verb} on a weak source "
                   f"({', '.join(weak.display_name)}): treat {'it' if len(weak) == 1 else 'them'} as "
                   "an indication, not a fact.")
    return out + _south_claim_sentence(tables, election_id)


SOUTH_CLAIM_2014 = (
    "LabourList, 20 August 2014 ('NEC results – what does it all mean?'): 'it appears at first "
    "glance that only one candidate (Jim McMahon …) lives outside London or the South' — of the "
    "eight elected that day, six constituency and two local government representatives")


def south_claim_2014(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, str]:
    """Check LabourList's 2014 claim against the data: everyone elected at the 2014 regular
    elections (CLP and local government sections pooled, as the article pooled them), with
    home regions; and one sentence with the verdict."""
    el = tables["elections"] if "elections" in tables else None
    ids = (list(el[(el.year == 2014) & (el.election_type == "regular")].election_id)
           if el is not None else ["2014-clp", "2014-local_government"])
    df = pd.concat([home_regions(tables, e) for e in ids], ignore_index=True)
    df = df[df.elected.fillna(False).astype(bool)].reset_index(drop=True)
    known = df[df.home_region.notna()]
    outside = known[~known.in_south.astype(bool)]
    outside_e = known[~known.in_south_with_eastern.astype(bool)]
    unknown = len(df) - len(known)
    named = ", ".join(f"{r.display_name} ({r.home_region})" for r in outside.itertuples()) or "none"
    sentence = (f"{SOUTH_CLAIM_2014}. In the data, {len(df)} were elected; home region known for "
                f"{len(known)}, of whom outside London and the South: {named}. Verdict: "
                + _check_south_claim(len(outside), len(outside_e), unknown) + ".")
    return df, sentence


def _south_claim_sentence(tables: dict[str, pd.DataFrame], election_id: str) -> list[str]:
    if election_year(election_id) == 2014 and "by-election" not in election_id:
        return [south_claim_2014(tables)[1]]
    return []


def describe_home_regions_of_year(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """``describe_home_regions`` for every election of ``year``, with LabourList's 2014 claim
    (which pools the sections) said once, at the end."""
    out: list[str] = []
    claim: list[str] = []
    for eid in _elections_of_year(tables, year):
        for sentence in describe_home_regions(tables, eid):
            if sentence.startswith(SOUTH_CLAIM_2014):
                claim = [sentence]
            else:
                out.append(sentence)
    return out + claim


def home_regions_headline(tables: dict[str, pd.DataFrame], year: int) -> str:
    """What is known of where ``year``'s winners live, as a headline ('' when nothing is):
    'Home regions are known for 2 of the 8 elected in the 2014 CLP-section and local-government-section
    elections: Alice Perry (London) and Jim McMahon (North West)'."""
    df = home_regions_of_year(tables, year)
    won = df[df.elected.fillna(False).astype(bool)]
    known = won[won.home_region.notna()]
    if known.empty:
        return ""
    named = join_names(f"{n} ({r}{'' if s == 'stated' else ', weak source'})" for n, r, s in
                       known[["display_name", "home_region", "home_region_strength"]].itertuples(index=False))
    where = elections_named(tables, list(_elections_of_year(tables, year)))
    return (f"Home region{'s are' if len(known) > 1 else ' is'} known for {len(known)} of the {len(won)} elected in "
            f"{where}: {named}")


def _check_south_claim(outside: int, outside_with_eastern: int, unknown: int) -> str:
    """Verdict on 'only one of those elected lives outside London and the South'."""
    if min(outside, outside_with_eastern) > 1:
        return (f"the data contradict it ({outside} of those elected with a known home region live "
                "outside London, the South East and the South West"
                + (f"; {outside_with_eastern} if Eastern counts as the South"
                   if outside_with_eastern != outside else "")
                + ")")
    if unknown:
        return (f"the data cannot settle it ({outside} known to live outside the South so far, "
                f"{plural(unknown, 'home region')} unknown)")
    if outside == 1 or outside_with_eastern == 1:
        extra = "" if outside == outside_with_eastern else \
            f" (only if Eastern {'does not count' if outside == 1 else 'counts'} as the South)"
        return f"the data agree{extra}"
    return f"the data do not match it exactly ({outside} live outside the South in the data)"


# ---------------------------------------------------------------------------------------
# Sentences for the notebook
# ---------------------------------------------------------------------------------------

def _fmt_share(x: float) -> str:
    """A share (0–1) as a percentage under the pages' one rounding rule (``words.format.pct``)."""
    return pct(100 * x)


def _top_words(top_region: str, share: float) -> str:
    """``top region North West (28%)``; ties: ``top regions North West and London (26% each)``."""
    tops = top_region.split(" / ")
    if len(tops) == 1:
        return f"top region {tops[0]} ({_fmt_share(share)})"
    return f"top regions {', '.join(tops[:-1])} and {tops[-1]} ({_fmt_share(share)} each)"


def describe_regions(tables: dict[str, pd.DataFrame], election_id: str,
                     root: Path | None = None, home: bool = True) -> list[str]:
    """Plain sentences on where an election's nominations came from (and, with ``home``, on
    the home regions of those elected: ``describe_home_regions``).

    Works for every election: where there is no CLP-by-CLP list it says so.
    """
    out: list[str] = []
    homes = describe_home_regions(tables, election_id) if home else []
    reason = no_clp_data_reason(tables, election_id)
    if reason:
        out.append(reason)
        return out + homes

    located = locate_nominations(tables, election_id, root)
    bset = boundary_set_for(election_id)
    clp = located[located.mapped]
    groups = located[~located.mapped]
    n_clps = clp.body.nunique()
    status = sorted(set(located.status.dropna()))
    as_of = sorted(set(located.as_of.dropna()))
    when = (f"an interim list as it stood on {join_names(date(d) for d in as_of)}, before nominations closed"
            if status == ["interim"] else f"the {'/'.join(status) or 'published'} list")
    n_alias = int((clp.match == "alias").sum())
    aliases = ("none needed a hand-made alias" if n_alias == 0 else
               f"{plural(n_alias, 'CLP')} needed a hand-made alias (listed in the project's alias table)")
    out.append(f"{in_election(tables, election_id)}, {plural(n_clps, 'CLP')} appear in the CLP-by-CLP "
               f"nominations ({plural(len(clp), 'nomination')}), from {when} "
               f"({source_words(tables, located.source_id, sep=', ')}). Each CLP was placed on its Westminster "
               f"seat ({BOUNDARY_WORDS.get(bset, bset)}) by exact name; {aliases}.")
    if not groups.empty:
        n_groups = groups.body.nunique()
        out.append(f"In addition, {plural(len(groups), 'nomination')} from {plural(n_groups, 'Labour group')} "
                   "(councils) are not constituencies and are not mapped.")
    # coverage against the candidates' final totals, where the data has them
    noms = tables.get("nominations")
    if noms is not None and not noms.empty:
        pref = noms[(noms.election_id == election_id) & noms.preferred.fillna(False).astype(bool)]
        if not pref.empty and pref.nominations.notna().any():
            listed = clp.groupby("candidate_id").size()
            covered = pref[pref.candidate_id.isin(listed.index)]
            total_pref = int(covered.nominations.sum())
            if total_pref > len(clp):
                kinds = "/".join(sorted(set(covered.status.dropna())))
                which = "final figures" if kinds == "final" else f"later ({kinds}) figures"
                out.append(f"The list holds {len(clp):,} of the {total_pref:,} nominations the same "
                           f"candidates had in the {which}, so it shows where early support came "
                           "from, not the final picture.")

    prof = regional_profile(tables, election_id, root)
    conc = concentration(tables, election_id, root)
    allp = prof[prof.level == "all"]
    per_region = allp.set_index("region_name")
    top = per_region.sort_values(["per_100_clps", "clps"], ascending=False)
    present = top[top.clps > 0]
    absent = list(top[top.clps == 0].index)
    rates = "; ".join(f"{name} {int(r.clps)} of {int(r.clps_in_region)} ({r.per_100_clps:.1f} per 100)"
                      for name, r in present.iterrows())
    out.append(f"Nominating CLPs per 100 seats in each GB region: {rates}."
               + (f" None from {', '.join(absent)}." if absent else ""))
    out.append("How spread out each group's CLPs are: 'as spread as N equal regions' is 1 divided by "
               "the Herfindahl index of its regional shares (1 = every CLP from one region, 11 = the "
               "same number from each GB region); the mismatch with seats is the share of its CLPs "
               "that would have to come from other regions for them to be spread like the seats.")
    # slate families
    fam = conc[conc.level == "slate_family"].sort_values("clps", ascending=False)
    for r in fam.itertuples(index=False):
        note = " (few CLPs: read with care)" if r.small_n else ""
        top = (_top_words(r.top_region, r.top_region_share)
               if r.top_region.count(" / ") < 2 else
               f"no region stands out (at most {plural(int(r.top_region_clps), 'CLP')} from any one)")
        lead = FAMILY_LEADS.get(r.unit_id, f"{family_label(r.unit_id)} slate")
        out.append(f"{lead}: {plural(r.clps, 'CLP')} across "
                   f"{plural(r.n_regions, 'region')}; {top}; as spread as {r.effective_regions:.1f} "
                   f"equal regions; mismatch with seats {_fmt_share(r.dissimilarity)}{note}.")
    cand = conc[(conc.level == "candidate") & ~conc.small_n].sort_values(
        ["top_region_share", "clps"], ascending=[False, False])
    if not cand.empty:
        c0 = cand.iloc[0]
        each = " each" if " / " in c0.top_region else ""
        out.append(f"Most concentrated candidate with at least {SMALL_N} CLPs: {c0.unit_name}, "
                   f"{_fmt_share(c0.top_region_share)}{each} of {int(c0.clps)} CLPs from "
                   f"{' and '.join(c0.top_region.split(' / '))}.")
        c1 = cand.sort_values(["n_regions", "clps"], ascending=False).iloc[0]
        out.append(f"Most widely spread: {c1.unit_name}, CLPs in {plural(int(c1.n_regions), 'region')} "
                   f"(as spread as {c1.effective_regions:.1f} equal regions).")
    small = conc[(conc.level == "candidate") & conc.small_n]
    if not small.empty:
        out.append(f"Of those listed, {plural(len(small), 'candidate')} had fewer than {SMALL_N} CLPs in the list; "
                   "their regional shares rest on too few nominations to say much.")
    return out + homes
