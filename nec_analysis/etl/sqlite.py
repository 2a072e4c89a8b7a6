"""The tidy tables as one SQLite database (``make db`` → ``build/nec.sqlite``).

Tables are created from ``nec_analysis.schema`` — typed columns (INTEGER, REAL, TEXT;
booleans as 0/1), NOT NULL for required columns, primary keys and (composite) foreign
keys — then filled with sqlite-utils, which also adds full-text search on names (candidates'
names and aliases, nominating bodies and seats, source titles and publishers). The file is
written beside its final path and renamed in, so a failed run leaves the old database.

sqlite-utils is an optional dependency (the ``db`` extra; the test extra has it too).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..paths import build_dir
from ..schema import COLUMN_BY_NAME, TABLE_BY_NAME, TABLES, Table
from ..store import load_tables

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
FULL_TEXT = {"candidates": ["display_name", "aliases"], "clps": ["body", "seat_name"],
             "sources": ["title", "publisher"]}


def default_path() -> Path:
    """``build/nec.sqlite``."""
    return build_dir() / "nec.sqlite"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_sql(t: Table) -> str:
    """``CREATE TABLE`` for one declared table."""
    parts = [f"{_q(c)} {SQL_TYPES[COLUMN_BY_NAME[c].type]}" + (" NOT NULL" if c in t.required else "")
             for c in t.columns]
    if t.primary_key:
        parts.append(f"PRIMARY KEY ({', '.join(map(_q, t.primary_key))})")
    for fk in t.foreign_keys:
        parts.append(f"FOREIGN KEY ({', '.join(map(_q, fk.fields))}) "
                     f"REFERENCES {_q(fk.table)} ({', '.join(map(_q, fk.reference))})")
    return f"CREATE TABLE {_q(t.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def creation_order() -> list[Table]:
    """Tables with every table a foreign key refers to before the tables that refer to it."""
    done: list[str] = []

    def visit(name: str, path: tuple[str, ...] = ()) -> None:
        if name in done:
            return
        if name in path:
            raise ValueError(f"foreign keys form a cycle: {' → '.join((*path, name))}")
        for fk in TABLE_BY_NAME[name].foreign_keys:
            visit(fk.table, (*path, name))
        done.append(name)

    for t in TABLES:
        visit(t.name)
    return [TABLE_BY_NAME[n] for n in done]


def _records(df: pd.DataFrame):
    for row in df.astype(object).itertuples(index=False, name=None):
        yield tuple(None if v is pd.NA or (isinstance(v, float) and pd.isna(v))
                    else int(v) if isinstance(v, bool) else v for v in row)


def write_sqlite(path: Path | None = None, tables: dict[str, pd.DataFrame] | None = None) -> dict[str, int]:
    """Write every table into a new SQLite file at ``path``; return rows per table."""
    import sqlite_utils

    path = Path(path) if path is not None else default_path()
    tables = tables if tables is not None else load_tables()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    counts = {}
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for t in creation_order():
            db.execute(create_sql(t))
            df = tables[t.name].loc[:, list(t.columns)]
            db[t.name].insert_all(({c: v for c, v in zip(t.columns, row)} for row in _records(df)),
                                  batch_size=500)
            counts[t.name] = db[t.name].count
        for name, cols in FULL_TEXT.items():
            db[name].enable_fts(cols, create_triggers=True)
        problems = list(db.execute("PRAGMA foreign_key_check").fetchall())
        if problems:
            raise ValueError(f"foreign keys do not hold in the database: {problems[:5]}")
        db.conn.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)
    return counts
