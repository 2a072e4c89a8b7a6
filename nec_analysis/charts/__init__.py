"""House style for every chart on the pages; one module per kind of chart, each ``(fig, alt)`` out.

* :mod:`.style` — palette (a colour per slate family and gender), numbers, figures with a
  title that states the finding and a ``Source:`` line;
* :mod:`.output` — a figure on the page as an SVG (text kept as text, sized for a phone) with alt text (``show``), sentences (``say``)
  and "no data" notes, all escaped;
* :mod:`.bars`, :mod:`.scatter`, :mod:`.heatmap`, :mod:`.maps`, :mod:`.trends` — the charts.

Typical use in a notebook::

    from nec_analysis import charts
    fig, alt = charts.candidate_bars(table, "votes", "Livingstone topped the poll", "LabourList", "votes")
    charts.show(fig, alt)

Text from the data is never read as matplotlib mathtext (``text.parse_math`` is off), so a
``$`` in a name is drawn as written.
"""

from __future__ import annotations

from . import style  # noqa: F401  (charts.style: the palette and sizes, for callers and tests)
from .bars import OUTCOME_COLOURS, candidate_bars, gender_bars, outcome_bars, slate_shares
from .heatmap import co_nomination_heatmap
from .output import figure_html, no_data, say, show, to_png, to_svg
from .scatter import nominations_votes_scatter
from .style import (
                    ELECTED,
                    GENDER_COLOURS,
                    GENDER_LABELS,
                    GENDER_ORDER,
                    GRID,
                    HIGHLIGHT,
                    INK,
                    LABEL_GAP_PT,
                    MUTED,
                    PALETTE,
                    SLATE_COLOURS,
                    SLATE_LABELS,
                    SLATE_ORDER,
                    SOURCE_SIZE,
                    STYLE,
                    THOUSANDS,
                    TITLE_SIZE,
                    add_source,
                    add_title,
                    apply_style,
                    contrast,
                    figure,
                    fmt_int,
                    fmt_pct,
                    gender_colour,
                    gender_label,
                    is_yes,
                    label_bars,
                    legend_slates,
                    plt,
                    slate_colour,
                    slate_label,
                    text_on,
                    thousands,
                    title_of,
)

__all__ = [
    "ELECTED", "GENDER_COLOURS", "GENDER_LABELS", "GENDER_ORDER", "GRID", "HIGHLIGHT", "INK", "LABEL_GAP_PT", "MUTED",
    "OUTCOME_COLOURS", "PALETTE", "SLATE_COLOURS", "SLATE_LABELS", "SLATE_ORDER", "SOURCE_SIZE", "STYLE",
    "THOUSANDS", "TITLE_SIZE", "add_source", "add_title", "apply_style", "candidate_bars", "co_nomination_heatmap",
    "contrast", "figure", "figure_html", "fmt_int", "fmt_pct", "gender_bars", "gender_colour", "gender_label",
    "is_yes", "label_bars", "legend_slates", "no_data", "nominations_votes_scatter", "outcome_bars", "plt",
    "say", "show", "slate_colour", "slate_label", "slate_shares", "text_on", "thousands", "title_of", "to_png", "to_svg",
]
