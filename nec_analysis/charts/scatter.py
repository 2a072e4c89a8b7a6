"""Nominations against votes, one labelled dot per candidate; returns ``(fig, alt)``.

Name labels are placed by :func:`place_labels`: each label tries positions around its dot
and takes the first that comes no nearer than ``LABEL_GAP_PT`` to a label already placed and
covers no other dot, so names never collide or touch (tests/test_charts.py checks the drawn boxes).
"""

from __future__ import annotations

import math

from matplotlib.text import Text

from ..words.describe.votes import rank_agreement_title
from .style import (
    CHART_WIDTH_IN,
    ELECTED,
    LABEL_GAP_PT,
    MUTED,
    TEXT_PT,
    _finish_layout,
    figure,
    fmt_int,
    is_yes,
    legend_slates,
    slate_colour,
    thousands,
    wrap_label,
)

#: Offsets (points) tried around a dot, nearest first: 12 directions at growing distances.
_OFFSETS = [(round(r * math.cos(a)), round(r * math.sin(a)) - 4)
            for r in (7, 16, 28, 42, 58, 76, 96) for a in [k * math.pi / 12 for k in
                                                     (0, 12, 6, 18, 2, 10, 14, 22, 4, 8, 16, 20,
                                                      1, 11, 13, 23, 3, 9, 15, 21, 5, 7, 17, 19)]]


def text_box(ann, renderer):
    """The box of an annotation's text alone (its leader line left out), where it is drawn."""
    ann.update_positions(renderer)
    return Text.get_window_extent(ann, renderer)


def place_labels(ax, xs, ys, texts, fontsize: float = TEXT_PT) -> list:
    """Annotate each point with its text where it overlaps no other label or dot; the annotations."""
    fig = ax.figure
    _finish_layout(fig)
    renderer = fig.canvas.get_renderer()
    dots = [ax.transData.transform((x, y)) for x, y in zip(xs, ys)]
    half_gap = LABEL_GAP_PT * fig.dpi / 72 / 2  # each box padded by half the gap: two keep all of it
    # the axes' tick labels and titles are taken too: a name over a number would misread
    taken: list = [t.get_window_extent(renderer).padded(half_gap) for t in
                   [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, ax.yaxis.label]
                   if t.get_visible() and t.get_text()]
    out: list = [None] * len(dots)
    # the most crowded dots choose first, while there is room around them
    crowd = [sum(abs(px - qx) + abs(py - qy) < 80 for qx, qy in dots) for px, py in dots]
    for i in sorted(range(len(dots)), key=lambda k: -crowd[k]):
        x, y, text = xs[i], ys[i], texts[i]
        best, best_cost = None, None
        for dx, dy in _OFFSETS:
            ha = "left" if dx > 2 else ("right" if dx < -2 else "center")
            far = abs(dx) + abs(dy) > 20  # a thin line leads from a distant label to its dot
            ann = ax.annotate(str(text), (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                              va="bottom", fontsize=fontsize, color=MUTED,
                              arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "lw": 0.6} if far else None)
            box = text_box(ann, renderer).padded(half_gap)
            # another label: never (the test checks); then another dot, then the plot's edge,
            # and the figure's edge (past it the drawing widens, and every text shrinks on a phone)
            cost = 10 * sum(box.overlaps(b) for b in taken)
            cost += 3 * sum(box.contains(px, py) for j, (px, py) in enumerate(dots) if j != i)
            cost += 0 if ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1) else 2
            cost += 0 if fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1) else 5
            if best_cost is None or cost < best_cost:
                if best is not None:
                    best[0].remove()
                best, best_cost = (ann, box), cost
            else:
                ann.remove()
            if cost == 0:
                break
        taken.append(best[1])
        out[i] = best[0]
    return out


def nominations_votes_scatter(nv, election: str, source: str, rho: float | None = None):
    """Nominations (x) against votes (y), one dot per candidate coloured by slate; elected ringed."""
    title = rank_agreement_title(rho, election)
    fig, ax = figure(title, source, "Each dot is a candidate; ringed = elected", figsize=(CHART_WIDTH_IN, 8.0), n=len(nv))
    ax.grid(True, axis="both")
    xs, ys = nv["nominations"].astype(float).tolist(), nv["votes"].astype(float).tolist()
    for (_, r), x, y in zip(nv.iterrows(), xs, ys):
        el = is_yes(r.get("elected"))
        ax.scatter(x, y, s=70 if el else 45, color=slate_colour(r["slate_family"]),
                   edgecolor=ELECTED if el else "white", linewidth=1.6 if el else 0.5, zorder=3)
    ax.set_xlabel("CLP nominations")
    ax.set_ylabel("members' votes")
    ax.margins(x=0.15, y=0.1)
    thousands(ax, "both")
    legend_slates(ax, nv["slate_family"].fillna("unknown"), loc="lower right", bbox_to_anchor=(1, 1.01), ncols=2)
    place_labels(ax, xs, ys, [wrap_label(n) for n in nv["display_name"]])
    alt = (f"Scatter plot of CLP nominations against members' votes for {election}, one dot per candidate. "
           + "; ".join(f"{r['display_name']}{' (elected)' if is_yes(r.get('elected')) else ''}: "
                       f"{fmt_int(r['nominations'])} nominations, {fmt_int(r['votes'])} votes"
                       for _, r in nv.sort_values("votes", ascending=False).iterrows()) + ".")
    return fig, alt
