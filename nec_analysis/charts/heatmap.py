"""Who was nominated together: the co-nomination heatmap; returns ``(fig, alt)``."""

from __future__ import annotations

from matplotlib.patches import Rectangle

from ..words.describe.co_nomination import shared_nominators
from ..words.format import pct
from .style import CHART_WIDTH_IN, INK, TEXT_PT, figure, legend_slates, slate_colour, wrap_label

#: Inches per candidate: a row (and a column, its name turned upright) holds a line of TEXT_PT text.
_CELL_IN = 0.24


def co_nomination_heatmap(matrix, names: dict, families: dict, order: list, election: str, source: str):
    """Seaborn heatmap of the co-nomination (Jaccard) matrix, candidates in ``order`` (e.g. by
    inferred group); tick labels coloured by declared slate family. Returns ``(fig, alt)``.

    Drawn for a phone's column: no colour bar (the subtitle gives the scale), the slate legend
    above the grid, the column names upright under it."""
    import seaborn as sns

    m = matrix.reindex(index=order, columns=order).astype(float)
    pairs = [(a, b, m.loc[a, b]) for i, a in enumerate(order) for b in order[i + 1:]]
    a, b, top = max(pairs, key=lambda p: p[2])
    title = shared_nominators(names[a], names[b], float(top), election)
    labels = [wrap_label(names[c]) for c in order]
    longest = max(len(line) for n in labels for line in n.split("\n"))
    name_in = longest * TEXT_PT * 0.6 / 72  # room for the longest name, across and upright
    fig, ax = figure(title, source, "Share of the CLPs nominating either candidate that nominated both: "
                     "white none, black all; the square by each name is its declared "
                     "slate family", figsize=(CHART_WIDTH_IN, len(order) * _CELL_IN + name_in + 2.8))
    sns.heatmap(m.to_numpy(), ax=ax, cmap="Greys", vmin=0, vmax=1, square=False, linewidths=0.4,
                linecolor="white", xticklabels=labels, yticklabels=labels, cbar=False)
    ax.grid(False)
    ax.tick_params(labelsize=TEXT_PT, labelcolor=INK, length=0, pad=14)
    ax.tick_params(axis="x", labelrotation=90)
    for i, c in enumerate(order):  # a slate square by each name (coloured text would be too faint)
        for xy in ((-0.55, i + 0.2), (i + 0.2, len(order) + 0.05)):
            ax.add_patch(Rectangle(xy, 0.6, 0.6, facecolor=slate_colour(families.get(c)), clip_on=False))
    legend_slates(ax, [families.get(c) or "unknown" for c in order], loc="lower right", bbox_to_anchor=(1, 1.01),
                  ncols=2)
    strongest = sorted(pairs, key=lambda p: p[2], reverse=True)[:5]
    alt = (f"Heatmap of co-nomination similarity between {len(order)} candidates in {election}, darker meaning "
           "more of the same CLPs nominated both. Strongest pairs: "
           + "; ".join(f"{names[x]} and {names[y]} {pct(100 * v)} of their CLPs in common"
                       for x, y, v in strongest) + ".")
    return fig, alt
