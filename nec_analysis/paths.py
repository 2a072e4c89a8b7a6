"""Where the project's files are: every path resolves from the project root.

The project root is the folder holding ``pyproject.toml`` (found by walking up from this
file), so a notebook, a test or ``python -m nec_analysis`` finds the same files whatever
the working directory. Every function takes an optional ``root`` so that a copy of the
project (``python -m nec_analysis build --root DIR``, the tests) can be used instead.
"""

from __future__ import annotations

from pathlib import Path


def project_root(start: Path | None = None) -> Path:
    """Walk up from ``start`` (default: this file) to the folder holding ``pyproject.toml``."""
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        if (folder / "pyproject.toml").is_file():
            return folder
    raise FileNotFoundError(f"no pyproject.toml above {here}")


def raw_dir(root: Path | None = None) -> Path:
    """``data/raw``: what was captured from published sources, never computed."""
    return (root or project_root()) / "data" / "raw"


def clippings_dir(root: Path | None = None) -> Path:
    """``data/raw/clippings``: one published table per file."""
    return raw_dir(root) / "clippings"


def geography_dir(root: Path | None = None) -> Path:
    """``data/raw/geography``: hex layouts, regions and the CLP alias table."""
    return raw_dir(root) / "geography"


def processed_dir(root: Path | None = None) -> Path:
    """``data/processed``: the tidy dataset the data build writes."""
    return (root or project_root()) / "data" / "processed"


def notebooks_dir(root: Path | None = None) -> Path:
    """``notebooks``: the jupytext sources of the report pages."""
    return (root or project_root()) / "notebooks"


def build_dir(root: Path | None = None) -> Path:
    """``build``: stamps, locks and optional outputs (the SQLite database); not committed."""
    return (root or project_root()) / "build"


def reports_dir(root: Path | None = None) -> Path:
    """``reports``: the HTML site; not committed."""
    return (root or project_root()) / "reports"
