"""Run a report notebook's own code cells in this process, on tables given in memory.

What the page would show is captured instead of rendered: the HTML each cell displays (the
lead, headings, sentences, tables), the frames passed to ``nb.show_table`` and, for every
chart, its title, its ``Source:`` line and its alt text, each with the election heading it
stood under. No kernel, no papermill, no PNG: the tests that use this (property tests on
synthetic elections, the two-elections page test) exercise every cell path of the notebooks
in well under a second per notebook. The cells are the notebook's own (split by jupytext,
as the report engine reads them), with the parameters injected after the ``parameters`` cell
as papermill does.
"""

from __future__ import annotations

import html
import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from unittest import mock

import jupytext
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py"))


@dataclass
class Chart:
    """A chart as the page would show it: the texts drawn on it and its alt text."""

    title: str
    source: str
    alt: str
    under: str | None  # the election heading (h3) it was shown under, if any


@dataclass
class Page:
    """What one notebook showed, in order."""

    notebook: str
    html: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # name -> the frame shown
    headings: list[str] = field(default_factory=list)  # h3 election headings, in order

    def sentences(self) -> list[str]:
        """The findings, headline and standfirst the page shows, as text."""
        found = re.findall(r'<p class="(?:finding|headline|standfirst)">(.*?)</p>', "".join(self.html), re.S)
        return [html.unescape(s) for s in found]

    def text(self) -> str:
        return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(self.html)))


@cache
def code_cells(path: Path) -> tuple[tuple[str, bool], ...]:
    """(source, is the parameters cell) of each code cell, as jupytext reads the notebook."""
    nb = jupytext.read(path)
    return tuple((c.source, "parameters" in c.metadata.get("tags", [])) for c in nb.cells if c.cell_type == "code")


def _chart_texts(fig) -> tuple[str, str]:
    texts = [t.get_text() for t in fig.texts]
    source = next((t for t in texts if t.startswith("Source:")), "")
    title = getattr(fig, "_nec_title", None) or next((t for t in texts if not t.startswith("Source:")), "")
    return title, source.replace("\n", " ")


@contextmanager
def _capturing(page: Page, tables: dict[str, pd.DataFrame]):
    import IPython.display

    from nec_analysis import charts
    from nec_analysis import notebook as nb

    show_table = nb.show_table

    def display(*objs, **_kw) -> None:
        for obj in objs:
            text = getattr(obj, "data", None) or repr(obj)
            page.html.append(text)
            m = re.match(r"<h3>(.*)</h3>$", text, re.S)
            if m:
                page.headings.append(html.unescape(m.group(1)))

    def show(fig, alt: str) -> None:
        try:
            assert alt and str(alt).strip(), "every chart needs alt text"
            fig.canvas.draw()  # text from the data must not break the drawing (maths markup, ...)
            title, source = _chart_texts(fig)
            page.charts.append(Chart(title, source, str(alt), page.headings[-1] if page.headings else None))
        finally:
            plt.close(fig)

    def recorded_table(df, name, caption, *args, **kwargs) -> None:
        if df is not None:
            page.tables[name] = df
        show_table(df, name, caption, *args, **kwargs)

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(IPython.display, "display", display))
        stack.enter_context(mock.patch.object(charts, "show", show))
        stack.enter_context(mock.patch.object(nb, "show_table", recorded_table))
        stack.enter_context(mock.patch.object(nb, "load_tables", lambda _folder: tables))
        yield


def run_notebook(path: Path, tables: dict[str, pd.DataFrame], year: int, section: str = "clp") -> Page:
    """Run every code cell of ``path`` for ``year`` and ``section`` on ``tables``; what it showed.

    An exception in a cell propagates, with the notebook and cell number in its traceback.
    """
    page = Page(path.stem)
    namespace: dict[str, object] = {"__name__": "__main__"}
    with _capturing(page, tables):
        for i, (source, parameters) in enumerate(code_cells(path)):
            if parameters:  # papermill injects its parameters after this cell
                source += f"\nyear = {int(year)}\nsection = {section!r}\ndata_dir = ''\nreport_dir = ''\n"
            exec(compile(source, f"{path.name}[cell {i}]", "exec"), namespace)
    return page


def run_all(tables: dict[str, pd.DataFrame], year: int, section: str = "clp") -> dict[str, Page]:
    """Every report notebook run for ``year`` and ``section`` on ``tables``."""
    return {p.stem: run_notebook(p, tables, year, section) for p in NOTEBOOKS}
