"""Who was nominated together: the co-nomination heatmap; returns ``(fig, alt)``."""

from __future__ import annotations

from .style import figure, legend_slates, slate_colour


def co_nomination_heatmap(matrix, names: dict, families: dict, order: list, election: str, source: str):
    """Seaborn heatmap of the co-nomination (Jaccard) matrix, candidates in ``order`` (e.g. by
    inferred group); tick labels coloured by declared slate family. Returns ``(fig, alt)``."""
    import seaborn as sns

    m = matrix.reindex(index=order, columns=order).astype(float)
    pairs = [(a, b, m.loc[a, b]) for i, a in enumerate(order) for b in order[i + 1:]]
    a, b, top = max(pairs, key=lambda p: p[2])
    title = (f"{names[a]} and {names[b]} were the pair most often nominated by the same CLPs "
             f"(Jaccard {top:.2f}) in {election}")
    size = max(5.0, 0.36 * len(order) + 2.5)
    fig, ax = figure(title, source, "Share of the CLPs nominating either candidate that nominated both "
                     "(Jaccard similarity); labels coloured by declared slate family", figsize=(size + 1.2, size))
    labels = [names[c] for c in order]
    sns.heatmap(m.to_numpy(), ax=ax, cmap="Greys", vmin=0, vmax=1, square=True, linewidths=0.4,
                linecolor="white", xticklabels=labels, yticklabels=labels,
                cbar_kws={"label": "Jaccard similarity", "shrink": 0.6})
    ax.grid(False)
    ax.tick_params(labelsize=7.5)
    for tick_labels in (ax.get_xticklabels(), ax.get_yticklabels()):
        for lab, c in zip(tick_labels, order):
            lab.set_color(slate_colour(families.get(c)))
    legend_slates(ax, [families.get(c) or "unknown" for c in order], loc="upper left", bbox_to_anchor=(1.25, 1.0))
    strongest = sorted(pairs, key=lambda p: p[2], reverse=True)[:5]
    alt = (f"Heatmap of co-nomination similarity between {len(order)} candidates in {election}, darker meaning "
           "more of the same CLPs nominated both. Strongest pairs: "
           + "; ".join(f"{names[x]} and {names[y]} {v:.2f}" for x, y, v in strongest) + ".")
    return fig, alt
