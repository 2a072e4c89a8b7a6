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

import textwrap
from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from .. import vocab
from ..vocab import labels

# ---------------------------------------------------------------------------------------
# Palette
# ---------------------------------------------------------------------------------------

#: One colour per slate family: Okabe & Ito's colour-blind-safe set (the left vermilion, the
#: right blue, independents reddish purple: told apart under every common colour blindness).
SLATE_COLOURS: dict[str, str] = {
    "grassroots_left": "#D55E00",   # vermilion
    "labour_right": "#0072B2",      # blue
    "open_labour": "#009E73",       # bluish green
    "independent": "#CC79A7",       # reddish purple
    "unknown": "#999999",           # grey
    "contested": "#E69F00",         # orange: sources disagree on the slate
}
PALETTE = SLATE_COLOURS  # alias

#: Reader-facing names of the slate families, in the order legends use.
SLATE_LABELS: dict[str, str] = labels(vocab.SLATE_FAMILIES)
SLATE_ORDER: list[str] = list(SLATE_LABELS)

#: Gender as recorded in the candidate registry (only where a source states it).
GENDER_COLOURS: dict[str, str] = {
    "F": "#AA3377",        # women (Paul Tol's colour-blind-safe purple)
    "M": "#4477AA",        # men (Tol's blue)
    "unknown": "#DDDDDD",  # not stated by any source
}
GENDER_LABELS: dict[str, str] = {"F": "Women", "M": "Men", "unknown": "Not stated"}
GENDER_ORDER: list[str] = list(GENDER_LABELS)

#: Other named colours.
INK = "#222222"
MUTED = "#666666"
GRID = "#e3e3e3"
ELECTED = "#333333"      # outline / marker for elected candidates
HIGHLIGHT = "#e08214"

# ---------------------------------------------------------------------------------------
# Sizes: drawn for a phone
# ---------------------------------------------------------------------------------------
#: A chart is an SVG that scales with the page column, so text is legible on a phone only if
#: the drawing is sized for one. On a 390 px phone the column is PHONE_COLUMN_PX wide (the
#: viewport less the page's 1rem margins, site.css); a chart CHART_WIDTH_IN wide (its natural
#: size on a desktop, 480 CSS px, and a little more where labels reach past the axes) is shown
#: there at about 358/490 of its size, so text of TEXT_PT points (16 px) reads at about 11.7 px,
#: above MIN_TEXT_PX. ``output.figure_html`` checks it.
PHONE_COLUMN_PX = 358
MIN_TEXT_PX = 11
#: The least space (points) between two name labels of a chart: closer, they read as one.
LABEL_GAP_PT = 4
CHART_WIDTH_IN = 5.0
TEXT_PT = 12
TITLE_SIZE = 14.5
SOURCE_SIZE = TEXT_PT


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


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    c = colour.lstrip("#")
    rgb = [int(c[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21; text needs at least 4.5)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(background: str) -> str:
    """The colour for text written on ``background``: black or white, whichever reads better
    (one of the two always reaches WCAG's 4.5:1)."""
    return "#000000" if contrast("#000000", background) >= contrast("#FFFFFF", background) else "#FFFFFF"


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


def people(n: object, one: str, many: str) -> str:
    """'1 woman', '3 women', '0 men' (missing counts as 0; alt text in correct English)."""
    k = 0 if n is None or _isna(n) else int(n)
    return f"{k} {one if k == 1 else many}"


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
    "font.size": TEXT_PT,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#999999",
    "axes.titlelocation": "left",
    "axes.titlesize": TEXT_PT,
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
    "legend.fontsize": TEXT_PT,
    "legend.title_fontsize": TEXT_PT,
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


#: Characters of a name on one line of a chart label (about 1.9 in at TEXT_PT): a longer name
#: wraps, so no label can widen a chart past what a phone shows legibly.
LABEL_CHARS = 22


def wrap_label(text: object, chars: int = LABEL_CHARS) -> str:
    """``text`` in lines of at most ``chars`` characters (a word longer than that is broken)."""
    return "\n".join(textwrap.wrap(str(text), chars, break_long_words=True, break_on_hyphens=False)) or str(text)


def _title_lines(title: str, subtitle: str | None, width_in: float) -> tuple[str, str | None, float]:
    """(wrapped title, wrapped subtitle, lines in title-size units) for a figure ``width_in`` wide."""
    text = _wrap(title, width_in - 0.2, TITLE_SIZE, bold=True)
    lines = text.count("\n") + 1
    sub = _wrap(subtitle, width_in - 0.2, TEXT_PT) if subtitle else None
    if sub:
        lines += TEXT_PT / TITLE_SIZE * (sub.count("\n") + 1)
    return text, sub, lines


def title_height_in(title: str, subtitle: str | None = None, width_in: float = CHART_WIDTH_IN) -> float:
    """Inches the title and subtitle take at the top of a figure ``width_in`` wide."""
    return (_title_lines(title, subtitle, width_in)[2] * TITLE_SIZE * 1.3 + 10) / 72


def _source_text(source: str, width_in: float) -> str:
    text = str(source).strip()
    if not text.lower().startswith("source"):
        text = f"Source: {text}"
    return _wrap(text, width_in - 0.2, SOURCE_SIZE)


def source_height_in(source: str, width_in: float = CHART_WIDTH_IN) -> float:
    """Inches the ``Source:`` line takes at the bottom of a figure ``width_in`` wide."""
    return ((_source_text(source, width_in).count("\n") + 1) * SOURCE_SIZE * 1.35 + 8) / 72


def add_title(fig, title: str, subtitle: str | None = None) -> None:
    """Left-aligned title (the finding, as a sentence) and optional subtitle, top of ``fig``."""
    width = fig.get_figwidth()
    fig._nec_title = str(title)
    text, sub, _lines = _title_lines(title, subtitle, width)
    fig.text(0.01, 0.995, text, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold", color=INK)
    if sub:
        y = 0.995 - ((text.count("\n") + 1) * TITLE_SIZE * 1.3 + 4) / 72 / fig.get_figheight()
        fig.text(0.01, y, sub, ha="left", va="top", fontsize=TEXT_PT, color=MUTED)
    fig._nec_title_in = title_height_in(title, subtitle, width)


def title_of(fig) -> str | None:
    """The finding a chart's title states (for the page's headline)."""
    return getattr(fig, "_nec_title", None)


def add_source(fig, source: str) -> None:
    """``Source: …`` line (wrapped) at the bottom-left of ``fig``."""
    text = _source_text(source, fig.get_figwidth())
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=SOURCE_SIZE, color=MUTED)
    fig._nec_source_in = source_height_in(source, fig.get_figwidth())


#: What a chart's ``figsize`` height is drawn for: a title of two lines, a subtitle of one, a
#: ``Source:`` line of one; more lines than that make the figure taller (:func:`extra_chrome_in`).
_USUAL_TITLE_IN = ((2 + TEXT_PT / TITLE_SIZE) * TITLE_SIZE * 1.3 + 10) / 72
_USUAL_SOURCE_IN = (SOURCE_SIZE * 1.35 + 8) / 72


def extra_chrome_in(title: str, source: str, subtitle: str | None, width_in: float = CHART_WIDTH_IN) -> float:
    """Inches the title, subtitle and source take beyond the usual (0 when they fit): a source line
    listing a dozen articles must not squash the plot it sits under."""
    return (max(0.0, title_height_in(title, subtitle, width_in) - _USUAL_TITLE_IN)
            + max(0.0, source_height_in(source, width_in) - _USUAL_SOURCE_IN))


#: Height of one bar's row in a chart of one bar per row (12 pt labels, 0.17 in, with air
#: between them), of one legend row, and of the value axis with its label under the bars.
ROW_IN = 0.4
LEGEND_ROW_IN = 0.3
AXIS_IN = 0.6


def rows_height_in(title: str, source: str, subtitle: str | None, rows: int, legend_rows: int = 0,
                   width_in: float = CHART_WIDTH_IN) -> float:
    """The height of a figure whose plot holds ``rows`` bars, each ``ROW_IN`` tall, whatever room the
    title, subtitle, legend and ``Source:`` line take: a long source list never squashes the bars."""
    return (title_height_in(title, subtitle, width_in) + source_height_in(source, width_in)
            + legend_rows * LEGEND_ROW_IN + AXIS_IN + max(rows, 1) * ROW_IN)


def figure(title: str, source: str, subtitle: str | None = None, *, nrows: int = 1, ncols: int = 1,
           figsize: tuple[float, float] = (CHART_WIDTH_IN, 4.5), n: int | None = None,
           rows: int | None = None, legend_rows: int = 0, **subplot_kw):
    """A house-style figure: ``(fig, ax)`` (or ``(fig, axes)`` for several panels).

    ``title`` states the finding; ``source`` names where the figures come from (``Source:``
    is prefixed); ``n`` adds ``N=…`` to the subtitle. ``rows`` (a chart of one bar per row)
    sets the height from the rows and ``legend_rows`` (:func:`rows_height_in`) instead of
    ``figsize``'s. Finish with ``show(fig, alt=…)``.
    """
    apply_style()
    if n is not None:
        subtitle = f"{subtitle} (N={n:,})" if subtitle else f"N={n:,}"
    if rows is not None:
        figsize = (figsize[0], rows_height_in(title, source, subtitle, rows, legend_rows, figsize[0]))
    else:  # a longer title or source than the chart was sized for adds height, never takes it from the plot
        figsize = (figsize[0], figsize[1] + extra_chrome_in(title, source, subtitle, figsize[0]))
    fig, ax = plt.subplots(nrows, ncols, figsize=figsize, **subplot_kw)
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
    fig.tight_layout(rect=(0, bottom, 1, top), w_pad=getattr(fig, "_nec_w_pad", None))  # panels may ask for room
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
                        fontsize=TEXT_PT, color=MUTED)
        else:
            ax.annotate(fmt(v), (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()),
                        xytext=(0, 2), textcoords="offset points", va="bottom", ha="center",
                        fontsize=TEXT_PT, color=MUTED)


