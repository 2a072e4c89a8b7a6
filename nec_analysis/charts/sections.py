"""One section across the years: seats won by slate, and the votes of the last elected.

Drawn at the house width (``style.CHART_WIDTH_IN``) so that on a phone the text stays readable,
one election a row, each row ``style.ROW_IN`` tall whatever the title and source take (so close
years such as 1998–2001 never crowd), and value axes with a few ticks only. Each
function returns ``(fig, alt)``; where the data give nothing to draw, ``(None, reason)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .style import (
    GENDER_COLOURS,
    SLATE_ORDER,
    figure,
    fmt_int,
    label_bars,
    slate_colour,
    slate_label,
    thousands,
)


def election_label(year: int, election_type: str) -> str:
    """'2014', '2020 by-election' (an axis label)."""
    return f"{year} by-election" if election_type == "by-election" else str(year)


def seats_by_slate(history: pd.DataFrame, seats: pd.DataFrame, title: str, source: str):
    """Stacked bars: seats won by each slate family per election; seats whose winner no source names, grey."""
    if seats.empty:
        return None, "No winner of this section is named in the data."
    ids = list(history["election_id"])
    labels = [election_label(y, t) for y, t in zip(history["year"], history["election_type"])]
    piv = seats.pivot_table(index="election_id", columns="slate_family", values="elected", aggfunc="sum",
                            fill_value=0).reindex(ids, fill_value=0)
    fams = [f for f in SLATE_ORDER if f in piv.columns]
    unnamed = (history.set_index("election_id")["seats"].astype(float)
               - history.set_index("election_id")["elected_known"]).clip(lower=0).fillna(0)
    legend = len(fams) + bool(unnamed.any())
    fig, ax = figure(title, source, "Seats won in each election, by slate",
                     rows=len(ids), legend_rows=(legend + 1) // 2)
    left = np.zeros(len(ids))
    for f in fams:
        ax.barh(labels, piv[f], left=left, color=slate_colour(f), label=slate_label(f))
        left += piv[f].to_numpy()
    if unnamed.any():
        ax.barh(labels, unnamed.to_numpy(), left=left, color=GENDER_COLOURS["unknown"], hatch="//",
                edgecolor="#777777", label="Winner not named")
    ax.invert_yaxis()
    ax.set_xlabel("seats")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1.01), ncols=2)
    alt = "Stacked bar chart of seats won by slate in each election: " + "; ".join(
        f"{lab}: " + (", ".join(f"{slate_label(f)} {int(piv.loc[e, f])}" for f in fams if piv.loc[e, f]) or "none named")
        + (f", {int(unnamed[e])} winner{'s' if unnamed[e] != 1 else ''} not named" if unnamed[e] else "")
        for e, lab in zip(ids, labels)) + "."
    return fig, alt


def threshold(history: pd.DataFrame, title: str, source: str):
    """Bars: votes of the last elected candidate in each election where every winner's votes were published."""
    have = history[history["threshold_votes"].notna()]
    if have.empty:
        return None, "No election here has votes published for every winner, so there is no winning threshold to chart."
    labels = [election_label(y, t) for y, t in zip(have["year"], have["election_type"])]
    values = have["threshold_votes"].astype(float)
    fig, ax = figure(title, source, "Votes of the last candidate elected",
                     rows=len(have))
    bars = ax.barh(labels, values, color="#555555")
    label_bars(ax, bars, values)
    thousands(ax, "x")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))  # each bar carries its value: a few ticks, never crowded
    ax.set_xlim(0, float(values.max()) * 1.18)
    ax.invert_yaxis()
    ax.set_xlabel("votes")
    missing = [election_label(y, t) for y, t, v in zip(history["year"], history["election_type"],
                                                       history["threshold_votes"]) if pd.isna(v)]
    alt = ("Bar chart of the votes won by the last candidate elected: "
           + "; ".join(f"{lab}: {fmt_int(v)}" for lab, v in zip(labels, values)) + "."
           + (f" Not known for {', '.join(missing)}." if missing else ""))
    return fig, alt
