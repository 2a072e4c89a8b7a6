"""Read and write the tidy tables of ``data/processed/``.

Reading gives every column its declared dtype (``schema.dtypes``); writing sorts rows on
the table's key and formats values the same way every time, so a rebuild from the same
raw data is byte-identical and a diff shows only real changes.

``write_tables`` is all or nothing: the tables are written to a new folder beside the
target (``.processed.new``), the target is renamed aside (``.processed.old``), the new
folder renamed in, and the old one removed. A build killed at any moment leaves either the
old complete set or the new complete set; a kill between the two renames leaves only the
aside copy, which the next read or write puts back (``recover``). Files in the folder that
are not tables being written (README.md, datapackage.json, other tables) are carried over.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
from pathlib import Path

import pandas as pd

from .paths import processed_dir
from .schema import COLUMNS, KEYS, declared_dtypes

try:  # POSIX: one writer at a time per folder
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def is_missing(v: object) -> bool:
    """<NA>, None or NaN: a value not known."""
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _na_to_bool(v: object) -> object:
    """``True``/``False`` (as bools or as the strings written to disk) or <NA>."""
    if is_missing(v):
        return pd.NA
    return {"True": True, "False": False}.get(v, v) if isinstance(v, str) else bool(v)


def coerce(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return ``df`` with table ``name``'s declared columns, order and dtypes (a new frame, same index).

    Empty text is unknown (<NA>) in a text column; ``"True"``/``"False"`` are flags. Each column
    is built once from its values (``pd.array``): on small tables a frame-wide ``astype`` and
    ``replace`` cost several times as much.
    """
    columns = {}
    for col, dtype in declared_dtypes(name).items():
        s = df[col]
        kind = str(dtype)
        if s.dtype == dtype and not (kind == "string" and _has_empty_text(s)):
            columns[col] = s.array.copy()
            continue
        # empty and unknown are one thing on disk
        values = [None if is_missing(v) or (isinstance(v, str) and v == "") else v for v in s.tolist()]
        if kind == "boolean":
            values = [_na_to_bool(v) for v in values]
        columns[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(columns, index=df.index)


def _has_empty_text(s: pd.Series) -> bool:
    """A text column holding ``""`` (which the tables write as unknown, like <NA>)."""
    return any(v == "" for v in s.tolist() if isinstance(v, str))


def is_declared(df: pd.DataFrame, name: str) -> bool:
    """``df`` already has table ``name``'s declared columns in order, their dtypes and no empty
    text (a validated table): :func:`coerce` would give it back unchanged."""
    declared = declared_dtypes(name)
    if list(df.columns) != list(declared) or any(a != d for a, d in zip(df.dtypes, declared.values())):
        return False
    return not any(str(d) == "string" and _has_empty_text(df[c]) for c, d in declared.items())


def read_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Read table ``name`` (e.g. ``"results"``) with its declared dtypes."""
    folder = Path(folder) if folder is not None else processed_dir()
    recover(folder)
    path = folder / f"{name}.csv"
    cols = COLUMNS[name]
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    if list(df.columns) != cols:
        raise ValueError(f"{path}: columns {list(df.columns)} are not the canonical {cols} "
                         "declared in nec_analysis/schema.py")
    return coerce(df, name)


#: Tables read in this process, by folder and the files' versions: a report build reads them once
#: in its parent process and every notebook it forks gets them without reading them again.
_READ: dict[tuple, dict[str, pd.DataFrame]] = {}


def load_tables(folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table declared in ``schema``, keyed by name, read from ``folder``.

    Read once per version of the files (each file's time and size) in a process; every call
    gets its own copies, so a caller changing a table changes no one else's.
    """
    folder = Path(folder) if folder is not None else processed_dir()
    recover(folder)
    try:
        key = (str(folder.resolve()), *((n, st.st_mtime_ns, st.st_size) for n in COLUMNS
                                        for st in [(folder / f"{n}.csv").stat()]))
    except OSError:  # a table is missing: read_table says which
        return {name: read_table(name, folder) for name in COLUMNS}
    if key not in _READ:
        _READ.clear()
        _READ[key] = {name: read_table(name, folder) for name in COLUMNS}
    return {name: df.copy() for name, df in _READ[key].items()}


def _cell(v: object) -> str:
    """A value as the CSV prints it: empty for <NA>, ``True``/``False``, numbers to 10 significant figures."""
    if is_missing(v):
        return ""
    if isinstance(v, float):
        return "%.10g" % v
    return str(v)


def to_csv_text(df: pd.DataFrame, name: str) -> str:
    """The exact text ``name``.csv holds for ``df``: declared dtypes, sorted on the key (stable;
    an empty key sorts last), numbers to 10 significant figures, empty for unknown.

    Written with the csv module from each column's values: on tables of a few hundred rows,
    pandas' sort and ``to_csv`` cost several times the work.
    """
    out = df if is_declared(df, name) else coerce(df, name)
    columns = list(out.columns)
    rows = list(zip(*(out[c].tolist() for c in columns))) if columns else []
    keys = [columns.index(k) for k in KEYS[name]]

    def order(row: tuple) -> tuple:
        return tuple((True, "") if is_missing(row[i]) else (False, row[i]) for i in keys)

    rows.sort(key=order)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def _write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def write_table(df: pd.DataFrame, name: str, folder: Path | None = None) -> Path:
    """Write one table into ``folder`` (not atomic with other tables: see ``write_tables``)."""
    folder = Path(folder) if folder is not None else processed_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    tmp = path.with_name(f".{path.name}.tmp")
    _write_file(tmp, to_csv_text(df, name))
    os.replace(tmp, path)
    return path


def _aside(folder: Path, what: str) -> Path:
    return folder.parent / f".{folder.name}.{what}"


def recover(folder: Path) -> None:
    """Finish or undo a ``write_tables`` that was killed part-way.

    Killed between the renames (no folder, an aside copy): the aside copy is put back.
    Killed after the new folder went in: the aside copy is removed. A half-written new
    folder is left for the next ``write_tables`` to discard.
    """
    folder = Path(folder)
    old = _aside(folder, "old")
    if old.is_dir():
        if folder.exists():
            shutil.rmtree(old)
        else:
            os.rename(old, folder)


@contextlib.contextmanager
def _locked(folder: Path):
    folder.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(_aside(folder, "lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem allows it
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_tables(frames: dict[str, pd.DataFrame], folder: Path | None = None) -> Path:
    """Write every frame of ``frames`` (name → table) into ``folder``, all or nothing.

    Every name must be a declared table. Other files already in ``folder`` are kept. If
    anything fails (a bad frame, a full disk, a kill) the folder keeps its old contents.
    Returns the folder.
    """
    folder = Path(folder) if folder is not None else processed_dir()
    unknown = sorted(set(frames) - set(COLUMNS))
    if unknown:
        raise KeyError(f"not declared in nec_analysis/schema.py: {', '.join(unknown)}")
    texts = {name: to_csv_text(df, name) for name, df in frames.items()}  # fail before touching disk
    with _locked(folder):
        recover(folder)
        new, old = _aside(folder, "new"), _aside(folder, "old")
        if new.exists():
            shutil.rmtree(new)  # left by a killed write
        new.mkdir()
        try:
            if folder.is_dir():
                for item in folder.iterdir():
                    if item.name in {f"{n}.csv" for n in texts}:
                        continue
                    if item.is_dir():
                        shutil.copytree(item, new / item.name)
                    else:
                        shutil.copy2(item, new / item.name)
            for name, text in texts.items():
                _write_file(new / f"{name}.csv", text)
            _fsync_dir(new)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        if folder.exists():
            os.rename(folder, old)
        os.rename(new, folder)
        _fsync_dir(folder.parent)
        if old.exists():
            shutil.rmtree(old)
    return folder
