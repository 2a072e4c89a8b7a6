"""The floor for one year's report: the notebooks' code, run in one Python process, no notebooks.

Imports the libraries the notebooks use, then runs every code cell of every report notebook
(split on jupytext's ``# %%`` markers) for the year, in a fresh namespace per notebook, one
after another. ``display()`` output — the tables and the charts as PNG — is written to one
HTML fragment per notebook under ``--out``. No kernel, no papermill, no nbconvert: what is
left is the work itself, the least a report build could cost.

    python bench/floor.py --year 2014 --out /tmp/floor
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def code_cells(path: Path) -> list[tuple[str, bool]]:
    """(source, is the parameters cell) of each code cell of a jupytext percent-format notebook."""
    cells, current, marker = [], [], ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), "# %% [markdown] (end)"]:
        if line.startswith("# %%"):
            if marker and "[markdown]" not in marker:
                cells.append(("\n".join(current), '"parameters"' in marker))
            current, marker = [], line
        elif marker:
            current.append(line)
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2014)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    import IPython.display

    import nec_analysis.analysis  # noqa: F401  the libraries the notebooks import
    import nec_analysis.charts  # noqa: F401
    import nec_analysis.maps  # noqa: F401
    import nec_analysis.site.build  # noqa: F401

    shown: list[str] = []

    def display(*objs, **_kw) -> None:
        for obj in objs:
            shown.append(getattr(obj, "data", None) or repr(obj))

    IPython.display.display = display  # the notebooks' tables and charts land in `shown`
    os.chdir(ROOT)
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py")):
        out = args.out / str(args.year)
        namespace = {"__name__": "__main__"}
        shown.clear()
        for i, (source, parameters) in enumerate(code_cells(nb)):
            if parameters:  # papermill would inject these after it
                source += f"\nyear = {args.year}\nreport_dir = {str(out)!r}\n"
            exec(compile(source, f"{nb.name}[{i}]", "exec"), namespace)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{nb.stem}.html").write_text("\n".join(shown), encoding="utf-8")
        print(f"floor: {nb.stem} ({len(shown)} outputs)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

