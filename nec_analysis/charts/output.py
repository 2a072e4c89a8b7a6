"""A chart on the page: PNG with alt text, sentences and "no data" notes (escaped)."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable

import matplotlib.pyplot as plt

from .style import _finish_layout


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


