"""Nominations against votes, one labelled dot per candidate; returns ``(fig, alt)``.

Name labels are placed by :func:`place_labels`: each label tries positions around its dot
and takes the first that overlaps no label already placed and no other dot, so names never
collide (tests/test_charts.py checks the drawn boxes).
"""

from __future__ import annotations

import math

from matplotlib.text import Text

from .style import (
    ELECTED,
    MUTED,
    _finish_layout,
    figure,
    fmt_int,
    is_yes,
    legend_slates,
    slate_colour,
    thousands,
)

#: Offsets (points) tried around a dot, nearest first: 12 directions at growing distances.
_OFFSETS = [(round(r * math.cos(a)), round(r * math.sin(a)) - 4)
            for r in (7, 16, 28, 42, 58) for a in [k * math.pi / 6 for k in (0, 6, 3, 9, 1, 5, 7, 11, 2, 4, 8, 10)]]


def text_box(ann, renderer):
    """The box of an annotation's text alone (its leader line left out), where it is drawn."""
    ann.update_positions(renderer)
    return Text.get_window_extent(ann, renderer)


def place_labels(ax, xs, ys, texts, fontsize: float = 9.0) -> list:
    """Annotate each point with its text where it overlaps no other label or dot; the annotations."""
    fig = ax.figure
    _finish_layout(fig)
    renderer = fig.canvas.get_renderer()
    dots = [ax.transData.transform((x, y)) for x, y in zip(xs, ys)]
    taken: list = []
    out = []
    for i, (x, y, text) in enumerate(zip(xs, ys, texts)):
        best, best_cost = None, None
        for dx, dy in _OFFSETS:
            ha = "left" if dx > 2 else ("right" if dx < -2 else "center")
            far = abs(dx) + abs(dy) > 20  # a thin line leads from a distant label to its dot
            ann = ax.annotate(str(text), (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                              va="bottom", fontsize=fontsize, color=MUTED,
                              arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "lw": 0.6} if far else None)
            box = text_box(ann, renderer).expanded(1.04, 1.1)
            cost = sum(box.overlaps(b) for b in taken)
            cost += sum(box.contains(px, py) for j, (px, py) in enumerate(dots) if j != i)
            cost += 0 if ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1) else 0.5
            if best_cost is None or cost < best_cost:
                if best is not None:
                    best[0].remove()
                best, best_cost = (ann, box), cost
            else:
                ann.remove()
            if cost == 0:
                break
        taken.append(best[1])
        out.append(best[0])
    return out


def nominations_votes_scatter(nv, election: str, source: str, rho: float | None = None):
    """Nominations (x) against votes (y), one dot per candidate coloured by slate; elected ringed."""
    title = (f"Nominations and votes ranked candidates alike (Spearman's rho {rho:.2f}) in {election}"
             if rho is not None and rho >= 0.7 else
             f"Nominations were a loose guide to votes in {election}"
             + (f" (Spearman's rho {rho:.2f})" if rho is not None else ""))
    fig, ax = figure(title, source, "Each dot is a candidate; ringed = elected", figsize=(8.0, 5.6), n=len(nv))
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
    legend_slates(ax, nv["slate_family"].fillna("unknown"), loc="lower right")
    place_labels(ax, xs, ys, [str(n) for n in nv["display_name"]])
    alt = (f"Scatter plot of CLP nominations against members' votes for {election}, one dot per candidate. "
           + "; ".join(f"{r['display_name']}{' (elected)' if is_yes(r.get('elected')) else ''}: "
                       f"{fmt_int(r['nominations'])} nominations, {fmt_int(r['votes'])} votes"
                       for _, r in nv.sort_values("votes", ascending=False).iterrows()) + ".")
    return fig, alt
