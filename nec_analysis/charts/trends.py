"""Across the years: seats by slate, women elected, incumbents, the winning threshold.

Each chart is ``("figure", fig, alt)``; where the data cannot give one, ``("note", text)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..vocab import SECTIONS
from ..words.format import at_least
from .style import (
    SLATE_ORDER,
    figure,
    fmt_int,
    gender_colour,
    gender_label,
    label_bars,
    people,
    slate_colour,
    slate_label,
    thousands,
)

_SHORT = {"clp": "CLP", "local_government": "local gov."}


def short_name(election_id: str) -> str:
    """'2014 CLP', '2014 local gov.', '2020 CLP by-el.' (chart labels)."""
    from ..ids import ElectionId

    e = ElectionId.parse(election_id)
    label = _SHORT.get(e.section, next((t.label for t in SECTIONS if t.code == e.section), e.section))
    return f"{e.year} {label}" + (" by-el." if e.is_by_election else "")


#: A section as a title names its seats: 'the 53 CLP seats', 'the 4 local-government seats'.
_SECTION_WORDS = {"clp": "CLP", "local_government": "local-government"}


def _sections_of(tables, ids: list[str]) -> dict[str, str]:
    el = tables["elections"].set_index("election_id")["section"]
    return {e: str(el.get(e)) for e in ids}


def seats_title(piv: pd.DataFrame, sections: dict[str, str]) -> str:
    """Who won the most seats, each section apart (a CLP seat and a councillors' seat are
    different contests, never added together): 'Labour right candidates won the most seats in each
    section: 23 of the 53 CLP seats and 2 of the 4 local-government seats whose winners are named'."""
    said, leaders = [], []
    for sec in dict.fromkeys(sections.values()):
        sub = piv.loc[[e for e in piv.index if sections.get(e) == sec]]
        total = int(sub.to_numpy().sum())
        won = sub.sum().drop(["unknown", "contested"], errors="ignore")
        if not total or won.empty or not won.max():
            continue
        top = [f for f in won.index if won[f] == won.max()]
        leaders.append(tuple(top))
        said.append((sec, top, int(won.max()), total))
    if not said:
        return "No seat's winner is named with a slate"
    if len(set(leaders)) == 1 and len(leaders[0]) == 1:
        where = "in each section" if len(said) > 1 else f"in the {_SECTION_WORDS.get(said[0][0], said[0][0])} section"
        return (f"{slate_label(leaders[0][0])} candidates won the most seats {where}: "
                + " and ".join(f"{n} of the {t} {_SECTION_WORDS.get(sec, sec)} seats" for sec, _f, n, t in said)
                + " whose winners are named")
    return "; ".join(f"{' and '.join(slate_label(f) for f in top)} won the most {_SECTION_WORDS.get(sec, sec)} seats "
                     f"({n} of {t}{' each' if len(top) > 1 else ''})" for sec, top, n, t in said)


def site_charts(frames: dict[str, pd.DataFrame], tables) -> list[tuple]:
    """The cross-year charts: ``("figure", fig, alt)`` or ``("note", text)`` parts, in order."""
    parts: list[tuple] = []
    ids = list(tables["elections"].sort_values(["year", "section", "election_type"])["election_id"])
    labels = [short_name(e) for e in ids]
    src = "the published sources listed on each year's contents page"

    # seats by slate
    s = frames["seats-by-slate"]
    if s.empty:
        parts.append(("note", "No seats by slate: no candidacies in the data."))
    else:
        piv = s.pivot_table(index="election_id", columns="slate_family", values="elected", aggfunc="sum",
                            fill_value=0).reindex(ids, fill_value=0)
        fams = [f for f in SLATE_ORDER if f in piv.columns]
        title = seats_title(piv, _sections_of(tables, ids))
        fig, ax = figure(title, src, "Seats won, by slate family", rows=len(ids), legend_rows=(len(fams) + 1) // 2)
        left = np.zeros(len(ids))
        for f in fams:
            ax.barh(labels, piv[f], left=left, color=slate_colour(f), label=slate_label(f))
            left += piv[f].to_numpy()
        ax.invert_yaxis()
        ax.set_xlabel("seats won")
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1.01), ncols=2)
        alt = "Stacked bar chart of seats won by slate family in each election: " + "; ".join(
            f"{short_name(e)}: " + ", ".join(f"{slate_label(f)} {int(piv.loc[e, f])}"
                                             for f in fams if piv.loc[e, f]) for e in ids) + "."
        parts.append(("figure", fig, alt))

    # women elected
    w = frames["women-elected"].set_index("election_id").reindex(ids)
    if w["n"].fillna(0).sum() == 0:
        parts.append(("note", "No gender figures for the elected."))
    else:
        sections = _sections_of(tables, ids)
        each = [(sec, w.loc[[e for e in ids if sections[e] == sec]].fillna(0)) for sec in dict.fromkeys(sections.values())]
        said = [f"{at_least(int(g['women'].sum()), int(g['unknown'].sum()))} of the {int(g['n'].sum())} "
                f"{_SECTION_WORDS.get(sec, sec)} places" for sec, g in each if g["n"].sum()]
        # genders no source states: 'at least'; each section apart (never a sum across sections)
        fig, ax = figure(f"Women won {' and '.join(said)} filled in these elections",
                                "results; gender only where a published source states it",
                                "Elected, by gender", rows=len(ids), legend_rows=2)
        left = np.zeros(len(ids))
        for key, col in (("F", "women"), ("M", "men"), ("unknown", "unknown")):
            vals = w[col].fillna(0).to_numpy()
            ax.barh(labels, vals, left=left, color=gender_colour(key), label=gender_label(key))
            left += vals
        ax.invert_yaxis()
        ax.set_xlabel("candidates elected")
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1.01), ncols=2)
        alt = "Stacked bar chart of candidates elected by gender in each election: " + "; ".join(
            f"{short_name(e)}: {people(w.loc[e, 'women'], 'woman', 'women')}, {people(w.loc[e, 'men'], 'man', 'men')}"
            + (f", {int(w.loc[e, 'unknown'])} not stated" if w.loc[e, 'unknown'] else "")
            for e in ids if not pd.isna(w.loc[e, "n"])) + "."
        parts.append(("figure", fig, alt))

    # incumbents
    inc = frames["incumbents"].set_index("election_id").reindex(ids)
    known = inc[inc["incumbents_standing"].fillna(0) > 0]
    if known.empty:
        parts.append(("note", "No election has incumbency data."))
    else:
        sections = _sections_of(tables, list(known.index))
        said = [f"{int(g['re_elected'].sum())} of {int(g['incumbents_standing'].sum())} {_SECTION_WORDS.get(sec, sec)}"
                for sec in dict.fromkeys(sections.values())
                for g in [known.loc[[e for e in known.index if sections[e] == sec]]]]
        fig, ax = figure(f"{' and '.join(said)} incumbents who stood again were re-elected",
                                "results (incumbency from the previous result, or a source saying who held the seat)",
                                "Incumbents standing again: re-elected or defeated",
                                rows=len(known), legend_rows=1)
        kl = [short_name(e) for e in known.index]
        ax.barh(kl, known["re_elected"], color="#333333", label="Re-elected")
        ax.barh(kl, known["defeated"], left=known["re_elected"], color="#bbbbbb", label="Defeated")
        ax.invert_yaxis()
        ax.set_xlabel("incumbents")
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1.01), ncols=2)
        missing = [short_name(e) for e in ids if e not in known.index]
        alt = ("Stacked bar chart of incumbents re-elected and defeated: " + "; ".join(
            f"{short_name(e)}: {int(r['re_elected'])} re-elected, {int(r['defeated'])} defeated"
            for e, r in known.iterrows()) + "." + (f" Not known for {', '.join(missing)}." if missing else ""))
        parts.append(("figure", fig, alt))
        if missing:
            parts.append(("note", f"Incumbency is not known for {', '.join(missing)} "
                                  "(the previous election is not in the data)."))

    # threshold
    # Only regular CLP-section elections are comparable: a by-election for two seats and the
    # councillors' section (a few thousand electors) are different contests.
    el = tables["elections"].set_index("election_id")
    comparable = [e for e in ids if el.loc[e, "section"] == "clp" and el.loc[e, "election_type"] == "regular"]
    t = frames["winning-threshold"].set_index("election_id").reindex(comparable)
    have = t[t["threshold_votes"].notna()]
    if have.empty:
        parts.append(("note", "No CLP-section election has vote figures for both winners and losers."))
    else:
        hi, lo = have["threshold_votes"].astype(float).idxmax(), have["threshold_votes"].astype(float).idxmin()
        fig, ax = figure(
            f"The last CLP seat needed {fmt_int(have.loc[lo, 'threshold_votes'])} votes in "
            f"{lo[:4]} and {fmt_int(have.loc[hi, 'threshold_votes'])} in {hi[:4]}",
            "results as published (votes of the last candidate elected)",
            "Votes of the last candidate elected, regular CLP-section elections with published votes",
            rows=len(have))
        kl = [short_name(e) for e in have.index]
        bars = ax.barh(kl, have["threshold_votes"].astype(float), color="#555555")
        label_bars(ax, bars, have["threshold_votes"].astype(float))
        thousands(ax, "x")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3))  # each bar carries its value
        ax.set_xlim(0, float(have["threshold_votes"].astype(float).max()) * 1.18)
        ax.invert_yaxis()
        ax.set_xlabel("votes")
        missing = [short_name(e) for e in comparable if e not in have.index]
        alt = ("Bar chart of the votes won by the last candidate elected in regular CLP-section elections: " + "; ".join(
            f"{short_name(e)}: {fmt_int(r['threshold_votes'])}" for e, r in have.iterrows()) + "."
               + (f" No vote figures for {', '.join(missing)}." if missing else ""))
        parts.append(("figure", fig, alt))
        if missing:
            parts.append(("note", f"No winning threshold for {', '.join(missing)}: the sources give who was "
                                  "elected but not every candidate's votes (2022 was counted by single "
                                  "transferable vote)."))
    return parts
