"""The site pages no year changes, kept between builds: keyed by everything they are made from.

The cross-year charts, the section pages and a page per candidate (:func:`..home.prepare_site`)
are the same for every year's report: ``make report YEAR=2014`` after ``make report
YEAR=2012`` (or after ``rm -rf reports``) would draw them again from the same tables with the
same code. :func:`prepared_site` keeps what they were (the files written and what the site
index needs) under ``build/site-cache/<key>/``, where the key is a hash of every input: the
processed tables' bytes, every file of the package (code, templates, static files) and of
the notebooks, the lock file of the libraries, the Python version and the years the section pages link to.
Any change to any of them is another key, so a kept copy is never stale; a build with a key
not kept makes the pages as usual and keeps them. The newest :data:`KEEP` copies are kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..paths import build_dir, processed_dir, project_root

#: How many versions of the site pages are kept.
KEEP = 16
#: Bump when what is kept changes shape.
FORMAT = 1


def inputs(data_dir: Path | None = None) -> list[Path]:
    """Every file the site pages are made from: the tables, the package, the library lock (and,
    to be safe, the notebooks, which the site pages do not read today)."""
    root = project_root()
    files = sorted(p for folder in (root / "nec_analysis", root / "notebooks") for p in folder.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"))
    files += sorted(Path(data_dir or processed_dir()).glob("*.csv"))
    lock = root / "requirements.lock"
    return files + ([lock] if lock.exists() else [])


def key(data_dir: Path | None, indexed: list[int]) -> str:
    """A hash of every input's name and bytes, the Python version and the years linked to."""
    from importlib.metadata import version

    versions = [version(n) for n in ("pandas", "numpy", "matplotlib", "jinja2", "markupsafe", "nbconvert")]
    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{versions}|{sorted(indexed)}".encode())
    root = project_root()
    for path in inputs(data_dir):
        name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def prepared_site(make: Callable[..., dict], out_root: Path, data_dir: Path | None,
                  indexed: list[int], folder: Path | None = None) -> dict:
    """``make(out_root, data_dir, indexed=indexed)``'s files and result, from the kept copy for
    these inputs if there is one, else made (in a fresh folder, then copied) and kept."""
    folder = Path(folder or build_dir() / "site-cache")
    entry = folder / key(data_dir, indexed)
    if not (entry / "prepared.pickle").exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
        try:
            prepared = make(tmp / "files", data_dir, indexed=indexed)
            (tmp / "prepared.pickle").write_bytes(pickle.dumps(prepared))
            try:
                os.rename(tmp, entry)  # whole or not at all; another build may have kept it first
            except OSError:
                pass
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        _forget_old(folder)
    prepared = pickle.loads((entry / "prepared.pickle").read_bytes())
    shutil.copytree(entry / "files", Path(out_root), dirs_exist_ok=True)
    os.utime(entry)  # recently used: kept longer
    return prepared


def _forget_old(folder: Path) -> None:
    entries = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
