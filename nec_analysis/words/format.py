"""Numbers and lists in words, with one rounding rule for every page.

Leaf module: imports nothing from the project, so every layer may use it.

**The rounding rule.** A percentage is rounded half up (as articles round: 54.45 → 54.5,
0.5 → 1) to one decimal (:data:`PCT_DIGITS`) wherever a page shows it: sentence, table,
chart label and alt text all go through :func:`pct`, so the same share reads the same
everywhere. Changes in points are differences of the unrounded shares, rounded the same way.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

#: Decimal places of every percentage a reader sees.
PCT_DIGITS = 1


def round_half_up(x: float, ndigits: int = 0) -> float:
    """Round as articles do (``0.5`` up, not to even); NA stays NA."""
    if x is None or pd.isna(x):
        return np.nan
    factor = 10.0**ndigits
    return float(np.floor(float(x) * factor + 0.5) / factor)


def points(change: float) -> str:
    """'up 1.5 points', 'down 2.2 points', 'level' (one decimal)."""
    if round(abs(change), 1) == 0:
        return "level"
    word = "up" if change > 0 else "down"
    return f"{word} {round_half_up(abs(change), PCT_DIGITS):.1f} {'point' if round(abs(change), 1) == 1 else 'points'}"


def date(value: object) -> str:
    """A date as a reader reads it, however precisely the source gives it: '2022-05-17' →
    '17 May 2022', '2022-05' → 'May 2022', '1998' → '1998'; anything else as it is (the one
    way every page prints a date)."""
    text = str(value).strip()
    for fmt, out in (("%Y-%m-%d", "{d.day} {d:%B %Y}"), ("%Y-%m", "{d:%B %Y}")):
        try:
            return out.format(d=_dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    return text


def join_names(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 seat', '2 seats', '1,377 nominations' (``many`` defaults to ``one`` + 's')."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def pct(x: float, ndigits: int = PCT_DIGITS) -> str:
    """A percentage for a reader: ``54.45`` → ``'54.5%'`` (half up); NA → ``'not known'``."""
    if x is None or pd.isna(x):
        return "not known"
    return f"{round_half_up(x, ndigits):.{ndigits}f}%"


def at_least(n: int, unknown: int) -> str:
    """``'at least 17'`` when ``unknown`` more might also count, else ``'17'``."""
    return f"at least {n:,}" if unknown else f"{n:,}"


# Old private names, for code moved from nec_analysis/analysis.py.
_points, _date, _join_names, _cap = points, date, join_names, cap
