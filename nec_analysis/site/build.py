"""The site build: out-of-date pages of the years asked for, then their indexes and the site index.

What ``make report`` / ``make reports`` run (``reports.mk``)::

    python -m nec_analysis.site build --site --year 2014    # out-of-date pages, index, site index
    python -m nec_analysis.site build --site --all          # every year
    python -m nec_analysis.site page --year 2014 notebooks/10-overview-election.py [--kernel]
    python -m nec_analysis.site site                        # only reports/index.html and candidates

Every page to build, of every year, is one job; jobs run in forked processes, one per core,
each a clean papermill run on the ``inprocess`` engine (``engine``). A page is rebuilt when it
is missing or older than its notebook, the package (code, templates, static files) or the
processed tables. A notebook that fails, or runs past ``--timeout`` seconds, leaves neither
its page nor its year's index; every other page, year and the site index are still built,
then :class:`BuildFailed` lists every failure and the command exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

from ..notebook import write_file
from ..paths import build_dir, processed_dir, project_root, reports_dir
from ..store import load_tables
from . import cache, engine, imports, pages
from .engine import DEFAULT_TIMEOUT, JobFailed, NotebookFailed
from .home import build_site, prepare_site
from .indexes import build_index, copy_data


class BuildFailed(RuntimeError):
    """Some pages failed; the message lists every failure (the other pages were built)."""

    def __init__(self, failures: list[str]):
        self.failures = failures
        super().__init__(f"{len(failures)} page(s) failed:\n" + "\n".join(failures))


def available_years(folder: Path | None = None) -> list[int]:
    """Years with an election in ``elections.csv``."""
    el = pd.read_csv(Path(folder or processed_dir()) / "elections.csv", usecols=["year"])
    return sorted(int(y) for y in el["year"].dropna().unique())


def check_year(year: int, folder: Path | None) -> None:
    """Stop, naming the years there are, when ``year`` has no election in the data."""
    years = available_years(folder)
    if int(year) not in years:
        raise SystemExit(f"no election in {year} in the data; available years: {', '.join(map(str, years))}")


def page_inputs(notebook: Path, data_dir: Path | None = None) -> list[Path]:
    """What a page is made from: its notebook, the package (code, templates, static) and the tables."""
    pkg = project_root() / "nec_analysis"
    lib = sorted(p for p in pkg.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                 and (p.suffix == ".py" or {"templates", "static"} & set(p.parts)))
    return [Path(notebook), *lib, *sorted(Path(data_dir or processed_dir()).glob("*.csv"))]


def out_of_date(target: Path, inputs: list[Path]) -> bool:
    """make's rule: ``target`` is missing or older than one of ``inputs``."""
    if not target.exists():
        return True
    built = target.stat().st_mtime
    return any(p.stat().st_mtime > built for p in inputs)


def _seconds_file() -> Path:
    return build_dir() / "page-seconds.json"


def expected_seconds(names: list[tuple[int, str]], several_years: bool) -> list[float]:
    """The seconds each page (year, notebook) took the last time a build like this one (one year,
    or several) made that notebook's page; 0 where none is known. Only for the order the pages
    start in (the longest first, so that the last to finish is not a long one started late)."""
    import json

    try:
        known = json.loads(_seconds_file().read_text(encoding="utf-8")).get("several" if several_years else "one", {})
    except (OSError, ValueError, AttributeError):
        known = {}
    return [float(known.get(stem, 0.0)) if isinstance(known, dict) else 0.0 for _, stem in names]


def keep_seconds(names: list[tuple[int, str]], took: list[float], several_years: bool) -> None:
    """Keep the seconds each notebook's page took (the most of any year) for the next build's order."""
    import json

    path = _seconds_file()
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        kept = kept if isinstance(kept, dict) else {}
    except (OSError, ValueError):
        kept = {}
    now: dict[str, float] = {}
    for (_, stem), seconds in zip(names, took, strict=True):
        now[stem] = round(max(now.get(stem, 0.0), seconds), 3)
    kept["several" if several_years else "one"] = {**kept.get("several" if several_years else "one", {}), **now}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, json.dumps(kept, indent=1, sort_keys=True) + "\n")


def build(out_dirs: dict[int, Path], data_dir: Path | None = None, site: Path | None = None,
          force: bool = False, workers: int | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> list[Path]:
    """Build the out-of-date pages of every year in ``out_dirs`` (year -> folder), then indexes.

    Raises :class:`BuildFailed` at the end, after everything else was built, if a page failed.
    """
    for year in out_dirs:
        check_year(year, data_dir)
    notebooks = pages.notebook_paths()
    jobs, names = [], []
    for year, out_dir in sorted(out_dirs.items()):
        for nb in notebooks:
            if force or out_of_date(Path(out_dir) / f"{nb.stem}.html", page_inputs(nb, data_dir)):
                jobs.append((pages.build_page, (nb, year, Path(out_dir), data_dir),
                             {"work_dir": build_dir() / "notebooks" / str(year), "site": site is not None,
                              "timeout": timeout}))
                names.append((year, nb.stem))
    pages_to_build = len(jobs)
    total = pages_to_build + (1 if jobs and site is not None else 0)
    start = time.monotonic()
    if jobs:
        print(f"[report] {pages_to_build} page(s) to build for {', '.join(map(str, sorted(out_dirs)))} "
              f"on {min(workers or os.cpu_count() or 1, len(jobs))} process(es)", flush=True)
    done = [0]
    built: list[Path] = []
    # A year's index is made as soon as its last page is (here, while other years' pages are still
    # running), not after every page of every year: `make reports` then ends with the site index only.
    left = {y: sum(1 for n, _ in names if n == y) for y in out_dirs}
    page_failed: set[int] = set()
    early: list[tuple[int, BaseException]] = []  # indexes that failed

    def progress(index: int, ok: bool, _result: object) -> None:
        done[0] += 1
        year, stem = names[index]
        print(f"[report] {done[0]}/{total} {'built' if ok else 'FAILED'}: {year} {stem}", flush=True)
        left[year] -= 1
        if not ok:
            page_failed.add(year)
        elif left[year] == 0 and year not in page_failed:
            try:
                copy_data(year, Path(out_dirs[year]), data_dir)
                built.append(build_index(year, Path(out_dirs[year]), data_dir, site=site is not None))
            except Exception as err:  # reported with the pages that failed, once every page is built
                early.append((year, err))

    site_job = None
    if jobs:
        load_tables(data_dir)  # read once here: every job forked from this process has them
    if jobs and site is not None:
        # The cross-year charts, section and candidate pages need no notebook machinery: they
        # start now, in a child of their own, while this process imports papermill and nbconvert
        # for the notebook pages. The section pages link to the years that will have an index
        # when the build ends (build_site writes them again if a year fails). They are kept
        # between builds, keyed by everything they are made from (cache.py).
        indexed = sorted(set(out_dirs) | {y for y in available_years(data_dir)
                                          if (Path(site) / str(y) / "index.html").exists()})
        site_job = engine.start((cache.prepared_site, (prepare_site, site, data_dir, indexed), {}))
    several_years = len({y for y, _ in names}) > 1
    took: list[float] = []
    results = engine.run_jobs(jobs, workers, on_result=progress,
                              also_preload=engine.PRELOAD_SHARED if several_years else (),
                              expected=expected_seconds(names, several_years), seconds=took)
    if jobs:
        keep_seconds(names, took, several_years)
    failed = [(names[i][0], err) for i, (ok, err) in enumerate(results) if not ok] + early
    prepared = None
    if site_job is not None:
        ok, value = site_job.result()
        done[0] += 1
        print(f"[report] {done[0]}/{total} {'built' if ok else 'FAILED'}: site the cross-year charts, "
              "section and candidate pages", flush=True)
        if ok:
            prepared = value
        else:
            failed.append((None, value))
    inputs = [p for nb in notebooks for p in page_inputs(nb, data_dir)]
    for year, out_dir in sorted(out_dirs.items()):
        index = Path(out_dir) / "index.html"
        if any(y == year for y, _ in failed):
            index.unlink(missing_ok=True)  # it would link to a page that is not there
            continue
        if any(y == year for y, _ in names):
            continue  # made when its last page was
        if force or out_of_date(index, inputs):
            copy_data(year, Path(out_dir), data_dir)
            built.append(build_index(year, Path(out_dir), data_dir, site=site is not None))
    if site is not None and not any(y is None for y, _ in failed):
        built.append(build_site(site, data_dir, prepared))
    if jobs:
        print(f"[report] {pages_to_build - sum(y is not None for y, _ in failed)} of {pages_to_build} page(s) "
              f"built in {time.monotonic() - start:.1f}s", flush=True)
    if failed:
        raise BuildFailed([str(err) if isinstance(err, (NotebookFailed, JobFailed))
                           else f"{f'year {y}' if y else 'site'}: {type(err).__name__}: {err}"
                           for y, err in failed])
    return built


def build_year(year: int, out_dir: Path, data_dir: Path | None = None, site: bool = False) -> Path:
    """Everything of one year in one call (tests, fixtures): data, every page, index."""
    build({int(year): Path(out_dir)}, data_dir, site=Path(out_dir).parent if site else None, force=True)
    return Path(out_dir) / "index.html"


def main(argv: list[str] | None = None) -> int:
    """``python -m nec_analysis.site build --year 2014`` (or ``--all --site``), and the parts."""
    parser = argparse.ArgumentParser(prog="python -m nec_analysis.site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    timeout_help = f"seconds a notebook may run before it fails (default {DEFAULT_TIMEOUT:g}; 0: no limit)"
    b = sub.add_parser("build", help="build the out-of-date pages of the years given, then their indexes")
    b.add_argument("--year", type=int, action="append", default=[], help="a year (repeatable)")
    b.add_argument("--all", action="store_true", help="every year in the data")
    b.add_argument("--site", action="store_true", help="also the site index and the candidate pages")
    b.add_argument("--force", action="store_true", help="rebuild every page, not only the out-of-date ones")
    b.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: one per core)")
    b.add_argument("--out", type=Path, default=None, help="the reports folder (default: reports)")
    b.add_argument("--data-dir", type=Path, default=None, help="default: data/processed")
    b.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=timeout_help)
    b.add_argument("--notebooks", type=Path, default=None, help="the notebooks folder (default: notebooks)")
    p = sub.add_parser("page", help="build one page (one notebook, one year)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, default=None, help="default: reports/<year>")
    p.add_argument("--data-dir", type=Path, default=None, help="default: data/processed")
    p.add_argument("--kernel", action="store_true", help="run on the Jupyter kernel, not in-process")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=timeout_help)
    p.add_argument("notebook", type=Path)
    s = sub.add_parser("site", help="only the site index and the candidate pages")
    s.add_argument("--out", type=Path, default=None, help="default: reports")
    s.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    imports.trim()  # this process only builds pages
    try:
        if args.command == "site":
            build_site(args.out or reports_dir(), args.data_dir)
        elif args.command == "page":
            check_year(args.year, args.data_dir)
            out = args.out or reports_dir() / str(args.year)
            kw = {"timeout": args.timeout, "engine_name": None if args.kernel else engine.ENGINE_NAME}
            [(ok, err)] = engine.run_jobs([(pages.build_page, (args.notebook, args.year, out, args.data_dir), kw)])
            if not ok:
                raise err
        else:
            years = available_years(args.data_dir) if args.all else args.year
            if not years:
                parser.error("build: give --year YEAR (repeatable) or --all")
            reports = args.out or reports_dir()
            pages._NOTEBOOKS["dir"] = args.notebooks
            build({y: reports / str(y) for y in years}, args.data_dir, reports if args.site else None,
                  args.force, args.jobs, args.timeout)
    except (NotebookFailed, JobFailed, BuildFailed) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
