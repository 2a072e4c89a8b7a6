"""House style for every chart in the notebooks and reports.

One palette with meaningful names (a colour per slate family, used the same in every
chart; a colour per gender), thousands separators, a left-aligned title that states the
finding, a ``Source: …`` line under every chart, and alt text that reaches the HTML.

Typical use in a notebook::

    from nec_analysis import charts
    charts.apply_style()
    fig, ax = charts.figure("Left slate took four of six seats", source="LabourList, 2014-08-20")
    ax.bar(...)
    charts.show(fig, alt="Bar chart: seats won by slate family in 2014 ...")

``show`` displays the figure as an HTML ``<img alt="…" src="data:image/png;base64,…">`` so
that nbconvert keeps the alt text in the report. Figures made elsewhere (``maps.py``) can use
``add_title`` / ``add_source`` and then ``show``.

Where a year has no data for a chart, call ``no_data("…why…")`` instead of drawing an
empty chart: it displays the sentence.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from . import vocab
from .vocab import labels

# ---------------------------------------------------------------------------------------
# Palette
# ---------------------------------------------------------------------------------------

#: One colour per slate family (colour-blind-safe; the left red, the right blue).
SLATE_COLOURS: dict[str, str] = {
    "grassroots_left": "#c0392b",   # red
    "labour_right": "#2166ac",      # blue
    "open_labour": "#1b9e77",       # green
    "independent": "#7b3294",       # purple
    "unknown": "#9e9e9e",           # grey
    "contested": "#e08214",         # orange: sources disagree on the slate
}
PALETTE = SLATE_COLOURS  # alias

#: Reader-facing names of the slate families, in the order legends use.
SLATE_LABELS: dict[str, str] = labels(vocab.SLATE_FAMILIES)
SLATE_ORDER: list[str] = list(SLATE_LABELS)

#: Gender as recorded in the candidate registry (only where a source states it).
GENDER_COLOURS: dict[str, str] = {
    "F": "#8e44ad",        # women
    "M": "#16a085",        # men
    "unknown": "#bdbdbd",  # not stated by any source
}
GENDER_LABELS: dict[str, str] = {"F": "Women", "M": "Men", "unknown": "Not stated"}
GENDER_ORDER: list[str] = list(GENDER_LABELS)

#: Other named colours.
INK = "#222222"
MUTED = "#666666"
GRID = "#e3e3e3"
ELECTED = "#333333"      # outline / marker for elected candidates
HIGHLIGHT = "#e08214"

TITLE_SIZE = 13
SOURCE_SIZE = 7.5


def slate_colour(family: object) -> str:
    """Colour of a slate family (``unknown`` for missing or unrecognised values)."""
    key = "unknown" if family is None or _isna(family) else str(family)
    return SLATE_COLOURS.get(key, SLATE_COLOURS["unknown"])


def slate_label(family: object) -> str:
    """Reader-facing name of a slate family."""
    key = "unknown" if family is None or _isna(family) else str(family)
    return SLATE_LABELS.get(key, key.replace("_", " ").capitalize())


def gender_colour(gender: object) -> str:
    key = "unknown" if gender is None or _isna(gender) else str(gender)
    return GENDER_COLOURS.get(key, GENDER_COLOURS["unknown"])


def gender_label(gender: object) -> str:
    key = "unknown" if gender is None or _isna(gender) else str(gender)
    return GENDER_LABELS.get(key, key)


def is_yes(v: object) -> bool:
    """True for a true boolean of any kind (Python, numpy, pandas); False for false or missing."""
    return v is not None and not _isna(v) and bool(v)


def _isna(v: object) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------

def fmt_int(n: object) -> str:
    """``1234`` → ``"1,234"``; missing → ``"not stated"``."""
    if n is None or _isna(n):
        return "not stated"
    return f"{int(round(float(n))):,}"


def fmt_pct(x: object, digits: int = 0) -> str:
    """``0.331`` → ``"33%"`` (a share, 0–1)."""
    if x is None or _isna(x):
        return "not stated"
    return f"{float(x) * 100:.{digits}f}%"


THOUSANDS = FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def thousands(ax, axis: str = "y") -> None:
    """Thousands separators on an axis's tick labels (``"x"``, ``"y"`` or ``"both"``)."""
    if axis in ("y", "both"):
        ax.yaxis.set_major_formatter(THOUSANDS)
    if axis in ("x", "both"):
        ax.xaxis.set_major_formatter(THOUSANDS)


# ---------------------------------------------------------------------------------------
# Style and figures
# ---------------------------------------------------------------------------------------

STYLE: dict[str, object] = {
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#999999",
    "axes.titlelocation": "left",
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "legend.frameon": False,
    "legend.fontsize": 9,
    # Text on a chart comes from the data (names, slate labels as printed): never read it as
    # mathtext, so "$" in a name is shown as written instead of failing the chart.
    "text.parse_math": False,
}


def apply_style() -> None:
    """Set matplotlib's defaults to the house style (call once per notebook)."""
    plt.rcParams.update(STYLE)


def _wrap(text: str, width_in: float, size: float, bold: bool = False) -> str:
    chars = max(20, int(width_in * 72 / (size * (0.62 if bold else 0.55))))
    return "\n".join(textwrap.fill(part, chars) for part in str(text).split("\n"))


def add_title(fig, title: str, subtitle: str | None = None) -> None:
    """Left-aligned title (the finding, as a sentence) and optional subtitle, top of ``fig``."""
    width = fig.get_figwidth()
    text = _wrap(title, width - 0.2, TITLE_SIZE, bold=True)
    fig.text(0.01, 0.995, text, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold", color=INK)
    lines = text.count("\n") + 1
    if subtitle:
        sub = _wrap(subtitle, width - 0.2, 9.5)
        y = 0.995 - (lines * TITLE_SIZE * 1.3 + 4) / 72 / fig.get_figheight()
        fig.text(0.01, y, sub, ha="left", va="top", fontsize=9.5, color=MUTED)
        lines += 0.75 * (sub.count("\n") + 1)
    fig._nec_title_in = (lines * TITLE_SIZE * 1.3 + 10) / 72


def add_source(fig, source: str) -> None:
    """``Source: …`` line (wrapped) at the bottom-left of ``fig``."""
    text = str(source).strip()
    if not text.lower().startswith("source"):
        text = f"Source: {text}"
    text = _wrap(text, fig.get_figwidth() - 0.2, SOURCE_SIZE)
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=SOURCE_SIZE, color=MUTED)
    fig._nec_source_in = ((text.count("\n") + 1) * SOURCE_SIZE * 1.35 + 8) / 72


def figure(title: str, source: str, subtitle: str | None = None, *, nrows: int = 1, ncols: int = 1,
           figsize: tuple[float, float] = (8.0, 4.5), n: int | None = None, **subplot_kw):
    """A house-style figure: ``(fig, ax)`` (or ``(fig, axes)`` for several panels).

    ``title`` states the finding; ``source`` names where the figures come from (``Source:``
    is prefixed); ``n`` adds ``N=…`` to the subtitle. Finish with ``show(fig, alt=…)``.
    """
    apply_style()
    fig, ax = plt.subplots(nrows, ncols, figsize=figsize, **subplot_kw)
    if n is not None:
        subtitle = f"{subtitle} (N={n:,})" if subtitle else f"N={n:,}"
    add_title(fig, title, subtitle)
    add_source(fig, source)
    fig._nec_layout = True
    return fig, ax


def _finish_layout(fig) -> None:
    if not getattr(fig, "_nec_layout", False) or getattr(fig, "_nec_laid_out", False):
        return
    h = fig.get_figheight()
    top = 1 - getattr(fig, "_nec_title_in", 0.4) / h
    bottom = getattr(fig, "_nec_source_in", 0.25) / h
    fig.tight_layout(rect=(0, bottom, 1, top))
    fig._nec_laid_out = True


def legend_slates(ax, families: Iterable[str], **kw) -> None:
    """A legend with one patch per slate family, in the house order."""
    from matplotlib.patches import Patch

    fams = [f for f in SLATE_ORDER if f in set(families)]
    handles = [Patch(facecolor=slate_colour(f), label=slate_label(f)) for f in fams]
    ax.legend(handles=handles, **kw)


def label_bars(ax, bars, values, horizontal: bool = True, fmt=fmt_int) -> None:
    """Write each bar's value (thousands separators) just past its end."""
    for bar, v in zip(bars, values):
        if horizontal:
            ax.annotate(fmt(v), (bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        xytext=(3, 0), textcoords="offset points", va="center", ha="left",
                        fontsize=8, color=MUTED)
        else:
            ax.annotate(fmt(v), (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()),
                        xytext=(0, 2), textcoords="offset points", va="bottom", ha="center",
                        fontsize=8, color=MUTED)


# ---------------------------------------------------------------------------------------
# Output: figures with alt text, sentences, "no data"
# ---------------------------------------------------------------------------------------

def to_png(fig) -> bytes:
    """PNG bytes of ``fig`` (house layout applied)."""
    _finish_layout(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", pad_inches=0.12, facecolor="white",
                metadata={"Software": None})
    return buf.getvalue()


def figure_html(fig, alt: str) -> str:
    """``<figure><img alt=… src=data:…></figure>`` for ``fig``; ``alt`` must say what it shows."""
    if not alt or not str(alt).strip():
        raise ValueError("every chart needs alt text describing what it shows")
    data = base64.b64encode(to_png(fig)).decode("ascii")
    width = int(round(fig.get_figwidth() * 96))
    return (f'<figure class="chart"><img class="chart" alt="{html.escape(str(alt).strip(), quote=True)}" '
            f'src="data:image/png;base64,{data}" style="max-width:100%;width:{width}px;height:auto"></figure>')


def show(fig, alt: str) -> None:
    """Display ``fig`` as an HTML image carrying ``alt`` (kept by nbconvert), then close it."""
    from IPython.display import HTML, display

    try:
        display(HTML(figure_html(fig, alt)))
    finally:
        plt.close(fig)


def say(*sentences: str | Iterable[str]) -> None:
    """Display sentences (escaped: names from the data can never inject markup)."""
    from IPython.display import HTML, display

    flat: list[str] = []
    for s in sentences:
        if isinstance(s, str):
            flat.append(s)
        else:
            flat.extend(str(x) for x in s)
    flat = [s for s in flat if s and s.strip()]
    if flat:
        display(HTML("".join(f'<p class="finding">{html.escape(s)}</p>' for s in flat)))


def no_data(message: str) -> None:
    """Say plainly why there is no chart or table here (instead of an empty one)."""
    from IPython.display import HTML, display

    display(HTML(f'<p class="no-data"><strong>No data:</strong> {html.escape(message)}</p>'))


def candidate_bars(df, value: str, title: str, source: str, what: str, subtitle: str | None = None):
    """Horizontal bars, one per candidate (``display_name``), coloured by ``slate_family``;
    elected candidates (``elected`` True) are outlined and marked ✓. Returns ``(fig, alt)``."""
    d = df.dropna(subset=[value]).sort_values(value, ascending=False)
    height = max(2.6, 0.32 * len(d) + 1.6)
    fig, ax = figure(title, source, subtitle, figsize=(8.0, height), n=len(d))
    names = [f"{n} ✓" if is_yes(e) else str(n) for n, e in zip(d["display_name"], d.get("elected", [None] * len(d)))]
    colours = [slate_colour(f) for f in d["slate_family"]]
    bars = ax.barh(names, d[value].astype(float), color=colours,
                   edgecolor=[ELECTED if is_yes(e) else "none" for e in d.get("elected", [None] * len(d))],
                   linewidth=1.2)
    label_bars(ax, bars, d[value].astype(float))
    ax.invert_yaxis()
    ax.set_xlabel(what)
    thousands(ax, "x")
    ax.margins(x=0.12)
    legend_slates(ax, d["slate_family"].fillna("unknown"), loc="lower right", title="✓ elected")
    items = "; ".join(f"{n}{' (elected)' if is_yes(e) else ''}, {slate_label(f)}: {fmt_int(v)}"
                      for n, e, f, v in zip(d["display_name"], d.get("elected", [None] * len(d)),
                                            d["slate_family"], d[value]))
    alt = f"Bar chart of {what} by candidate, highest first. {items}."
    return fig, alt


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
    lead = d.sort_values("elected", ascending=False).iloc[0]
    title = (f"{slate_label(lead['slate_family'])} candidates won {int(lead['elected'])} of "
             f"{int(seats.sum())} seats in {election}")
    panels = [("nominations_share_pct", "% of nominations"), ("votes_share_pct", "% of votes"),
              ("elected", "seats won")]
    fig, axes = figure(title, source, "By slate family", ncols=3, figsize=(9.0, max(2.8, 0.45 * len(d) + 1.9)),
                       sharey=True)
    alt_parts = []
    for ax, (col, what) in zip(axes, panels):
        vals = d[col].astype(float)
        ax.set_title(what, fontsize=10)
        if vals.isna().all():
            ax.text(0.02, 0.5, "not published", transform=ax.transAxes, color=MUTED, fontsize=9)
            ax.set_xticks([])
            ax.grid(False)
            alt_parts.append(f"{what}: not published")
            ax.barh(labels, np.zeros(len(d)), color=colours)
            continue
        bars = ax.barh(labels, vals.fillna(0), color=colours)
        fmt = fmt_int if col == "elected" else (lambda v: "—" if _isna(v) else f"{float(v):.0f}%")
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
    title = f"{w_e} of the {n_e} elected were women, from {w_c} women among {n_c} candidates ({election})"
    fig, ax = figure(title, source, "Candidates on the ballot and those elected, by gender", figsize=(8.0, 3.0))
    left = [0.0, 0.0]
    rows = ["Candidates", "Elected"]
    for key, col in (("F", "women"), ("M", "men"), ("unknown", "unknown")):
        vals = [float(d.loc["candidates", col]), float(d.loc["elected", col])]
        bars = ax.barh(rows, vals, left=left, color=gender_colour(key), label=gender_label(key))
        for b, v in zip(bars, vals):
            if v:
                ax.text(b.get_x() + b.get_width() / 2, b.get_y() + b.get_height() / 2, fmt_int(v),
                        ha="center", va="center", color="white", fontsize=9, fontweight="bold")
        left = [a + b for a, b in zip(left, vals)]
    ax.invert_yaxis()
    ax.set_xlabel("people")
    ax.legend(loc="lower right", ncols=3, bbox_to_anchor=(1, 1.0))
    unk = int(d.loc["candidates", "unknown"])
    alt = (f"Stacked bar chart for {election}: candidates {w_c} women, {int(d.loc['candidates', 'men'])} men"
           f"{f', {unk} not stated' if unk else ''}; elected {w_e} women, {int(d.loc['elected', 'men'])} men"
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
    fig, ax = figure(title, source, "Candidates by incumbency and outcome", figsize=(8.0, 0.45 * len(order) + 2.0),
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


def nominations_votes_scatter(nv, election: str, source: str, rho: float | None = None):
    """Nominations (x) against votes (y), one dot per candidate coloured by slate; elected ringed."""
    title = (f"Nominations and votes ranked candidates alike (Spearman's rho {rho:.2f}) in {election}"
             if rho is not None and rho >= 0.7 else
             f"Nominations were a loose guide to votes in {election}"
             + (f" (Spearman's rho {rho:.2f})" if rho is not None else ""))
    fig, ax = figure(title, source, "Each dot is a candidate; ringed = elected", figsize=(8.0, 5.2), n=len(nv))
    ax.grid(True, axis="both")
    for _, r in nv.iterrows():
        el = is_yes(r.get("elected"))
        ax.scatter(float(r["nominations"]), float(r["votes"]), s=70 if el else 45, color=slate_colour(r["slate_family"]),
                   edgecolor=ELECTED if el else "white", linewidth=1.6 if el else 0.5, zorder=3)
        ax.annotate(str(r["display_name"]), (float(r["nominations"]), float(r["votes"])), xytext=(5, 3),
                    textcoords="offset points", fontsize=7.5, color=MUTED)
    ax.set_xlabel("CLP nominations")
    ax.set_ylabel("members' votes")
    thousands(ax, "both")
    legend_slates(ax, nv["slate_family"].fillna("unknown"), loc="lower right")
    alt = (f"Scatter plot of CLP nominations against members' votes for {election}, one dot per candidate. "
           + "; ".join(f"{r['display_name']}{' (elected)' if is_yes(r.get('elected')) else ''}: "
                       f"{fmt_int(r['nominations'])} nominations, {fmt_int(r['votes'])} votes"
                       for _, r in nv.sort_values("votes", ascending=False).iterrows()) + ".")
    return fig, alt


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
