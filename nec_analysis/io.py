"""Stable reading and writing of the tidy tables (paths come from ``paths``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import processed_dir, project_root, raw_dir  # noqa: F401  (re-exported)
from .tables import BOOL_COLUMNS, COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, KEYS


def _dtypes(columns: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for col in columns:
        if col in INT_COLUMNS:
            out[col] = "Int64"
        elif col in FLOAT_COLUMNS:
            out[col] = "Float64"
        elif col in BOOL_COLUMNS:
            out[col] = "boolean"
        else:
            out[col] = "string"
    return out


def read_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Read processed table ``name`` (e.g. ``"results"``) with its canonical dtypes."""
    path = (folder or processed_dir()) / f"{name}.csv"
    cols = COLUMNS[name]
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    if list(df.columns) != cols:
        raise ValueError(f"{path}: columns {list(df.columns)} are not the canonical {cols}")
    return coerce(df, name)


def coerce(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return ``df`` with table ``name``'s canonical columns, order and dtypes."""
    cols = COLUMNS[name]
    out = df.loc[:, cols].copy()
    for col, dtype in _dtypes(cols).items():
        if dtype == "boolean" and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = [_to_bool(v) for v in out[col]]
        out[col] = out[col].astype(dtype)
        if dtype == "string":
            out[col] = out[col].replace("", pd.NA)  # empty and unknown are one thing on disk
    return out


def _to_bool(v: object) -> object:
    """``True``/``False`` (as bools or as the strings written to disk) or <NA>."""
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return pd.NA
    return {"True": True, "False": False}.get(v, v) if isinstance(v, str) else bool(v)


def write_table(df: pd.DataFrame, name: str, folder: Path | None = None) -> Path:
    """Write ``df`` sorted on its keys with stable formatting (byte-identical on rebuild)."""
    out = coerce(df, name).sort_values(KEYS[name], kind="mergesort").reset_index(drop=True)
    path = (folder or processed_dir()) / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


def load_tables(folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every processed table, keyed by name."""
    return {name: read_table(name, folder) for name in COLUMNS}
