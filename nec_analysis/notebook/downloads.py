"""Every file a page build writes: whole or not at all, world-readable, safe in a spreadsheet.

Every CSV a reader can download goes through :func:`write_download`, which neutralises
cells a spreadsheet would run as a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pandas as pd

#: A spreadsheet runs a cell that begins with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?([eE][+-]?\d+)?%?$")
#: Mode of every page and download: readable by everyone (a web server, another user).
FILE_MODE = 0o644


def neutralise(value: object) -> object:
    """``value``, with a leading ``'`` if it is text a spreadsheet would read as a formula.

    Numbers (``-4`` as a number or as the text ``"-4"``, ``"+712"``) are left as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value.strip()):
        return "'" + value
    return value


def safe_for_spreadsheets(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) cannot run as spreadsheet formulas."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def write_file(dest: Path, text: str | bytes) -> Path:
    """Write ``dest`` whole or not at all (a temporary file moved into place), mode 0644."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".tmp-{dest.stem}-", suffix=dest.suffix, dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.chmod(name, FILE_MODE)
        os.replace(name, dest)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return dest


def write_download(df: pd.DataFrame, dest: Path) -> Path:
    """``df`` as a CSV a reader can open in a spreadsheet safely (see :func:`neutralise`)."""
    text = safe_for_spreadsheets(df).to_csv(index=False, lineterminator="\n", float_format="%.10g")
    return write_file(dest, text)
