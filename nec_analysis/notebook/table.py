"""A table on a page: sortable HTML, every value escaped, numbers in the pages' one format."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..words.format import PCT_DIGITS, round_half_up  # the one rounding rule of every page
from ..words.labels import cell_words, column_heading, yes_no


def _cell(v: object, column: object = None) -> str:
    """A value as its table cell shows it; words as ``words.labels.cell_words`` puts them."""
    if v is None or v is pd.NA or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return "—"
    if isinstance(v, (bool, np.bool_)):
        return yes_no(v)
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}" if abs(int(v)) >= 10000 or not _is_year_like(v) else str(int(v))
    if isinstance(v, (float, np.floating)):
        return f"{float(v):,.0f}" if float(v).is_integer() else f"{round_half_up(float(v), PCT_DIGITS):,.1f}"
    return cell_words(str(v), column)


def _is_year_like(v: object) -> bool:
    return 1900 <= int(v) <= 2100


def table_html(df: pd.DataFrame, caption: str | None = None,
               links: dict[str, list[str | None]] | None = None) -> str:
    """A sortable HTML table of ``df`` (every value escaped; numbers with separators).

    Headings are the reader's words for each column (``words.labels.column_heading``);
    ``links`` maps a column to one address per row (None: no link), e.g. candidates' pages.
    """
    head = "".join(f'<th scope="col">{html.escape(column_heading(c))}</th>' for c in df.columns)
    hrefs = [(links or {}).get(c) for c in df.columns]
    rows = []
    for i, rec in enumerate(df.itertuples(index=False, name=None)):
        cells = []
        for v, col_links, col in zip(rec, hrefs, df.columns):
            numeric = (isinstance(v, (int, float, np.integer, np.floating))
                       and not isinstance(v, (bool, np.bool_)) and not pd.isna(v))
            attr = f' data-sort="{float(v)!r}" class="num"' if numeric else ""
            text = html.escape(_cell(v, col))
            href = col_links[i] if col_links is not None else None
            if href and text != "—":
                text = f'<a href="{html.escape(href, quote=True)}">{text}</a>'
            cells.append(f"<td{attr}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'<div class="table-wrap"><table class="sortable">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')
