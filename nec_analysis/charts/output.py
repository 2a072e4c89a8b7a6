"""A chart on the page: SVG with alt text, sentences and "no data" notes (escaped).

Charts are SVG with their text kept as text (``svg.fonttype: none``): sharp at any zoom,
found by the browser's search, and small (a bar chart is a few kilobytes). The image is
inlined as a ``data:`` URI, so a page still works offline from ``file://``. An SVG scales with
the column it is shown in, so the drawing is sized for a phone (``style.CHART_WIDTH_IN`` and
``style.TEXT_PT``): :func:`figure_html` refuses a chart whose smallest text would be under
``style.MIN_TEXT_PX`` CSS pixels on a 390 px phone.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable

import matplotlib.pyplot as plt

from .style import MIN_TEXT_PX, PHONE_COLUMN_PX, _finish_layout

_PT_TO_PX = 96 / 72  # a CSS pixel is 0.75 pt
_WIDTH = re.compile(rb'<svg[^>]*?\swidth="([0-9.]+)pt"')


def to_svg(fig) -> bytes:
    """SVG bytes of ``fig`` (house layout applied; text as text; reproducible ids, no date)."""
    _finish_layout(fig)
    buf = io.BytesIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "nec-analysis"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.05, facecolor="white",
                    metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def to_png(fig) -> bytes:
    """PNG bytes of ``fig`` (house layout applied), for a chart saved as a file."""
    _finish_layout(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", pad_inches=0.12, facecolor="white",
                metadata={"Software": None})
    return buf.getvalue()


def svg_width_px(svg: bytes) -> float:
    """The natural width of an SVG written by matplotlib, in CSS pixels."""
    m = _WIDTH.search(svg)
    if not m:
        raise ValueError("no width in pt on the <svg> element")
    return float(m.group(1)) * _PT_TO_PX


def smallest_text_pt(fig) -> float:
    """The size of the smallest visible text drawn on ``fig``, in points."""
    sizes = [t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
             if t.get_visible() and str(t.get_text()).strip()]
    return min(sizes, default=float("inf"))


def drawn_texts(fig) -> list:
    """Every visible, non-empty text of ``fig`` as laid out for the page (titles, tick labels, value
    labels, legend entries, axis labels), drawn so that each has its place."""
    from matplotlib.text import Text

    _finish_layout(fig)
    fig.canvas.draw()
    hidden = {id(t) for ax in fig.axes if not ax.axison  # an axis turned off draws none of its labels
              for axis in (ax.xaxis, ax.yaxis) for t in [*axis.get_ticklabels(which="both"), axis.label]}
    return [t for t in fig.findobj(Text) if t.get_visible() and str(t.get_text()).strip()
            and t.get_figure() is fig and id(t) not in hidden]


def overlapping_texts(fig, tolerance_px: float = 0.5, gap_px: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of texts on ``fig`` whose boxes overlap (each as its text): labels a reader cannot
    read. The boxes scale together with the chart, so what overlaps here overlaps at any width.
    ``gap_px``: also pairs closer than that (labels that touch read as one)."""
    renderer = fig.canvas.get_renderer()
    return close_pairs([(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)],
                       gap_px, tolerance_px)


def close_pairs(boxes: list, gap_px: float = 0.0, tolerance_px: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of ``(text, box)`` whose boxes overlap or stand less than ``gap_px`` apart (side by side
    or one above the other); ``tolerance_px`` forgives rounding."""
    out = []
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1:]:
            w = min(ba.x1, bb.x1) - max(ba.x0, bb.x0) + gap_px
            h = min(ba.y1, bb.y1) - max(ba.y0, bb.y0) + gap_px
            if w > tolerance_px and h > tolerance_px:
                out.append((a, b))
    return out


def phone_text_px(text_pt: float, width_px: float) -> float:
    """CSS pixels of ``text_pt`` text in a chart ``width_px`` wide, shown in a phone's column."""
    return text_pt * _PT_TO_PX * min(1.0, PHONE_COLUMN_PX / width_px)


def figure_html(fig, alt: str) -> str:
    """``<figure><img alt=… src=data:image/svg+xml…></figure>`` for ``fig``; ``alt`` must say what it shows.

    Raises ValueError when the smallest text of the chart would be under ``MIN_TEXT_PX`` on a phone.
    """
    if not alt or not str(alt).strip():
        raise ValueError("every chart needs alt text describing what it shows")
    svg = to_svg(fig)
    width = svg_width_px(svg)
    smallest = phone_text_px(smallest_text_pt(fig), width)
    if smallest < MIN_TEXT_PX:
        title = getattr(fig, "_nec_title", "a chart")
        raise ValueError(f"{title!r}: its smallest text would be {smallest:.1f} px on a 390 px phone "
                         f"(at least {MIN_TEXT_PX} px): draw it narrower or with larger text")
    data = base64.b64encode(svg).decode("ascii")
    return (f'<figure class="chart"><img class="chart" alt="{html.escape(str(alt).strip(), quote=True)}" '
            f'src="data:image/svg+xml;base64,{data}" style="max-width:100%;width:{width:.0f}px;height:auto">'
            f'</figure>')


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
