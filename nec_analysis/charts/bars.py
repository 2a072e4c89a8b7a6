"""Bar charts: candidates, slate shares, gender, incumbency outcomes; each returns ``(fig, alt)``."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..words.format import pct
from .style import (
    CHART_WIDTH_IN,
    ELECTED,
    HIGHLIGHT,
    MUTED,
    SLATE_ORDER,
    TEXT_PT,
    _isna,
    figure,
    fmt_int,
    gender_colour,
    gender_label,
    is_yes,
    label_bars,
    legend_slates,
    people,
    slate_colour,
    slate_label,
    text_on,
    thousands,
    wrap_label,
)


def candidate_bars(df, value: str, title: str, source: str, what: str, subtitle: str | None = None):
    """Horizontal bars, one per candidate (``display_name``), coloured by ``slate_family``;
    elected candidates (``elected`` True) are outlined and marked ✓. Returns ``(fig, alt)``."""
    d = df.dropna(subset=[value]).sort_values(value, ascending=False)
    names = [wrap_label(f"{n} ✓" if is_yes(e) else str(n))
             for n, e in zip(d["display_name"], d.get("elected", [None] * len(d)))]
    lines = sum(n.count("\n") + 1 for n in names)
    families = d["slate_family"].fillna("unknown")
    fig, ax = figure(title, source, subtitle, n=len(d), rows=max(lines, 3),
                     legend_rows=(families.nunique() + 1) // 2 + 1)  # the legend (and its title) above the bars
    colours = [slate_colour(f) for f in d["slate_family"]]
    bars = ax.barh(names, d[value].astype(float), color=colours,
                   edgecolor=[ELECTED if is_yes(e) else "none" for e in d.get("elected", [None] * len(d))],
                   linewidth=1.2)
    label_bars(ax, bars, d[value].astype(float))
    ax.invert_yaxis()
    ax.set_xlabel(what)
    thousands(ax, "x")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))  # "100,000" beside "75,000" would touch
    ax.margins(x=0.12)
    legend_slates(ax, families, loc="lower right", bbox_to_anchor=(1, 1.01), ncols=2, title="✓ elected")
    items = "; ".join(f"{n}{' (elected)' if is_yes(e) else ''}, {slate_label(f)}: {fmt_int(v)}"
                      for n, e, f, v in zip(d["display_name"], d.get("elected", [None] * len(d)),
                                            d["slate_family"], d[value]))
    alt = f"Bar chart of {what} by candidate, highest first. {items}."
    return fig, alt


_PANEL_TITLES = {"nominations_share_pct": "% of\nnominations", "votes_share_pct": "% of\nvotes",
                 "elected": "seats\nwon"}


def slate_shares(summary, election: str, source: str):
    """Three panels per slate family: share of nominations, share of votes, seats won.

    ``summary`` is ``analysis.slate_summary(...).table`` for one election. Returns ``(fig, alt)``.
    """
    import numpy as np

    d = summary.copy()
    d["order"] = d["slate_family"].map({f: i for i, f in enumerate(SLATE_ORDER)})
    d = d.sort_values("order")
    labels = [slate_label(f) for f in d["slate_family"]]
    colours = [slate_colour(f) for f in d["slate_family"]]
    seats = d["elected"].astype(int)
    known = [(f, int(n)) for f, n in zip(d["slate_family"], seats) if f not in ("unknown", "contested")]
    most = max((n for _, n in known), default=0)
    leaders = [slate_label(f) for f, n in known if n == most]
    won = int(seats.sum())
    # a partial results list leaves some outcomes unknown: the seats counted are those whose winners are known
    unknown = "elected_unknown" in d and pd.to_numeric(d["elected_unknown"], errors="coerce").fillna(0).sum() > 0
    of = f"the {won} seats whose winners are known" if unknown else f"{won} seats"
    if won == 0 and unknown:  # no winner named at all (1999: the table marks none)
        title = f"The sources in the data name no winner of {election}"
    elif most == 0:  # no seat went to a candidate whose slate a source states
        who = "the one candidate" if won == 1 else f"the {won} candidates"
        title = f"No source in the data gives the slate of {who} elected in {election}"
    elif len(leaders) == 1:
        title = f"{leaders[0]} candidates won {most} of {of} in {election}"
    else:
        the = of if unknown else f"the {of}"  # 'won 3 of the 6 seats each'
        title = f"{' and '.join(leaders)} candidates won {most} of {the} each in {election}"
    panels = [("nominations_share_pct", "% of nominations"), ("votes_share_pct", "% of votes"),
              ("elected", "seats won")]
    fig, axes = figure(title, source, "By slate family", ncols=3, figsize=(CHART_WIDTH_IN, max(3.6, 0.5 * len(d) + 2.8)),
                       sharey=True)
    fig._nec_w_pad = 2.5  # the panels' two-line titles ('% of / nominations') are wider than an empty panel
    alt_parts = []
    for ax, (col, what) in zip(axes, panels):
        vals = d[col].astype(float)
        ax.set_title(_PANEL_TITLES[col], fontsize=TEXT_PT)  # two short lines: three fit a phone
        if vals.isna().all():
            # votes were printed but no share is given (one of them is a misprint: analysis.slates)
            withheld = col == "votes_share_pct" and "with_votes" in d and int(d["with_votes"].sum()) > 0
            gap = "not given:\na printed\nvote is a\nmisprint" if withheld else "not\npublished"
            ax.text(0.02, 0.5, gap, transform=ax.transAxes, color=MUTED, fontsize=TEXT_PT, va="center")
            ax.set_xticks([])
            ax.grid(False)
            alt_parts.append(f"{what}: " + ("not given, as one printed vote is a misprint" if withheld
                                            else "not published"))
            ax.barh(labels, np.zeros(len(d)), color=colours)
            continue
        bars = ax.barh(labels, vals.fillna(0), color=colours)
        fmt = fmt_int if col == "elected" else (lambda v: "—" if _isna(v) else pct(v))  # the pages' one rounding
        label_bars(ax, bars, vals, fmt=fmt)
        ax.margins(x=0.25)
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        ax.grid(False)
        alt_parts.append(f"{what}: " + ", ".join(f"{lab} {fmt(v)}" for lab, v in zip(labels, vals)))
    axes[0].invert_yaxis()
    alt = f"Three bar charts by slate family for {election}. " + "; ".join(alt_parts) + "."
    return fig, alt


def gender_bars(gender, election: str, source: str):
    """Stacked bars (candidates, elected) by gender from ``analysis.gender_summary`` rows."""
    d = gender[gender["slate_family"] == "all"] if "slate_family" in gender else gender
    d = d.groupby("group", sort=False)[["women", "men", "unknown", "n"]].sum().reindex(["candidates", "elected"])
    d = d.fillna(0)
    w_c, n_c = int(d.loc["candidates", "women"]), int(d.loc["candidates", "n"])
    w_e, n_e = int(d.loc["elected", "women"]), int(d.loc["elected", "n"])
    u_c, u_e = int(d.loc["candidates", "unknown"]), int(d.loc["elected", "unknown"])
    if u_c and u_c == n_c:  # no gender stated at all: no count of women to give
        title = f"No source states the gender of the {n_c} candidates ({election})"
    else:  # a gender no source states could be a woman's: "at least"
        elected = (f"{w_e} of the {n_e} elected were women" if not u_e
                   else f"at least {w_e} of the {n_e} elected were women" if w_e
                   else f"no woman is known to be among the {n_e} elected")
        among = f"{'at least ' if u_c else ''}{w_c} women among {n_c} candidates"
        title = f"{elected[0].upper()}{elected[1:]}, from {among} ({election})"
    fig, ax = figure(title, source, "Candidates on the ballot and those elected, by gender", rows=4, legend_rows=1)
    left = [0.0, 0.0]
    rows = ["Candidates", "Elected"]
    for key, col in (("F", "women"), ("M", "men"), ("unknown", "unknown")):
        vals = [float(d.loc["candidates", col]), float(d.loc["elected", col])]
        bars = ax.barh(rows, vals, left=left, color=gender_colour(key), label=gender_label(key))
        for b, v in zip(bars, vals):
            if v:
                ax.text(b.get_x() + b.get_width() / 2, b.get_y() + b.get_height() / 2, fmt_int(v),
                        ha="center", va="center", color=text_on(gender_colour(key)), fontsize=TEXT_PT, fontweight="bold")
        left = [a + b for a, b in zip(left, vals)]
    ax.invert_yaxis()
    ax.set_xlabel("people")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # people come whole: no '2.5'
    ax.legend(loc="lower right", ncols=3, bbox_to_anchor=(1, 1.0))
    unk = int(d.loc["candidates", "unknown"])
    alt = (f"Stacked bar chart for {election}: candidates {people(w_c, 'woman', 'women')}, "
           f"{people(d.loc['candidates', 'men'], 'man', 'men')}"
           f"{f', {unk} not stated' if unk else ''}; elected {people(w_e, 'woman', 'women')}, "
           f"{people(d.loc['elected', 'men'], 'man', 'men')}"
           f"{', ' + str(int(d.loc['elected', 'unknown'])) + ' not stated' if d.loc['elected', 'unknown'] else ''}.")
    return fig, alt


OUTCOME_COLOURS = {"re-elected": "#333333", "defeated": "#bbbbbb", "newly elected": HIGHLIGHT,
                   "not elected": "#e6e6e6"}


def outcome_bars(outcomes, election: str, source: str):
    """Counts of re-elected / defeated / newly elected / not elected (``incumbent_outcomes``)."""
    counts = outcomes["outcome"].value_counts()
    order = [k for k in OUTCOME_COLOURS if k in counts] + [k for k in counts.index if k not in OUTCOME_COLOURS]
    re_el, stood = int(counts.get("re-elected", 0)), int(counts.get("re-elected", 0) + counts.get("defeated", 0))
    title = (f"{re_el} of {stood} incumbents standing again were re-elected in {election}" if stood
             else f"No incumbent stood again in {election}")
    fig, ax = figure(title, source, "Candidates by incumbency and outcome", figsize=(CHART_WIDTH_IN, 0.5 * len(order) + 2.8),
                     n=int(counts.sum()))
    bars = ax.barh([o.capitalize() for o in order], [counts[o] for o in order],
                   color=[OUTCOME_COLOURS.get(o, "#999999") for o in order], edgecolor="#999999", linewidth=0.5)
    label_bars(ax, bars, [counts[o] for o in order])
    ax.invert_yaxis()
    ax.set_xlabel("candidates")
    ax.xaxis.get_major_locator().set_params(integer=True)
    alt = f"Bar chart of candidates by outcome in {election}: " + ", ".join(
        f"{o} {int(counts[o])}" for o in order) + "."
    return fig, alt


