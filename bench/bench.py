"""`make bench`: how long set-up and report builds take, against references timed in the same run.

Every figure is the wall-clock time of a whole command, repeated (``--repeat``, default 3),
printed as min / median / max, with the median CPU seconds beside it; budgets are checked
on ratios of medians measured in this one run, because these machines are shared and noisy
(the CPU seconds, and the machine load printed at the end, say how noisy). Everything runs in a fresh clone of
the committed project under a temporary folder; nothing is written to the project itself.

  setup    `make setup data` on a fresh clone (the README's report command up to its first
           notebook), against `python3 -m venv` + `pip install -r requirements.lock`, and
           against `python3 -m venv` + `pip install six` (an empty venv and one small package).
           Package caches are warmed once first, for every tool alike.
  report   `make report YEAR=2014` with the environment ready and reports/ absent, against the
           floor (bench/floor.py: one process, the notebooks' code, no notebooks) and the
           usual way (each notebook through the papermill command, then nbconvert's, in turn).
           Also (not a budget) with the kept site pages removed too (build/site-cache: the
           cross-year, section and candidate pages, kept between builds keyed by their inputs),
           as after a change to the data or the code.
  noop     `make report YEAR=2014` again, nothing changed.
  all      `make reports` from nothing, against the sum of `make report YEAR=y` for each year
           (each builds the site index and the candidate pages too, as `make reports` does once).
  scale    the data build on the real clippings and on synthetic ones 10x and 100x the real
           table lines (bench/synthetic.py, written under the temporary folder).
  read     `python -m nec_analysis read FILE` (the preview of ``make check``) on a 100-line
           clipping of made-up names; budget under 0.5 s.
  data     `make data` on the real clippings (forced to rebuild), against `python -c "import
           pandas"` in the same run (budget 1.3x); and the data build of the real clippings plus
           one table of 10,000 new names (bench/synthetic.py; budget 5 s). Then (not a budget)
           the same ratio with Python's bytecode cache allowed, as on a machine that does not set
           PYTHONDONTWRITEBYTECODE: both commands then skip compiling, and the ratio is higher.

    python bench/bench.py [--repeat 3] [--only setup,report,noop,all,scale,read,data] [--keep]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("setup", "report", "noop", "all", "scale", "read", "data")
RESULTS: dict[str, list[float]] = {}
CPU: dict[str, list[float]] = {}  # CPU seconds of the same runs (user + system, the command and its children)
LAST_CPU = 0.0


def _cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd: str, cwd: Path, env: dict | None = None) -> float:
    """Seconds ``cmd`` (a bash command) took; raise if it failed. Its CPU seconds go to ``LAST_CPU``."""
    global LAST_CPU
    start, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run(["bash", "-c", cmd], cwd=cwd, env={**os.environ, **(env or {})},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    took = time.perf_counter() - start
    LAST_CPU = _cpu() - cpu
    if proc.returncode:
        raise SystemExit(f"bench: `{cmd}` failed in {cwd}:\n{proc.stdout[-3000:]}")
    return took


def measure(name: str, repeat: int, cmd: str, cwd: Path, before: str | None = None, **kw) -> list[float]:
    """Time ``cmd`` ``repeat`` times (``before`` runs untimed each time); keep and print the times.

    The CPU seconds of each run are kept too (``CPU``) and their median printed: on a shared,
    loaded machine a command's wall time grows with everyone else's work, its CPU time much less.
    """
    times, cpus = [], []
    for _ in range(repeat):
        if before:
            run(before, cwd)
        times.append(run(cmd, cwd, **kw))
        cpus.append(LAST_CPU)
    RESULTS[name], CPU[name] = times, cpus
    print(f"  {name:<44} {_stats(times)}  cpu median {statistics.median(cpus):6.2f}s", flush=True)
    return times


def _stats(times: list[float]) -> str:
    return f"min {min(times):7.2f}s  median {statistics.median(times):7.2f}s  max {max(times):7.2f}s  (n={len(times)})"


def med(name: str) -> float:
    return statistics.median(RESULTS[name])


def ratio(label: str, a: str, b: str, budget: str, ok: bool) -> None:
    print(f"  {label:<58} {med(a) / med(b):6.2f}x   budget {budget:<14} {'OK' if ok else 'OVER'}", flush=True)


def clone(dest: Path) -> Path:
    """A fresh clone of the committed project."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)], check=True)
    return dest


def bench_setup(tmp: Path, repeat: int) -> None:
    print("\nFresh set-up", flush=True)
    py = shutil.which("python3") or sys.executable
    lock = ROOT / "requirements.lock"
    warm = clone(tmp / "warm")
    run("make setup data", warm)  # warms uv's cache
    run(f"rm -rf v && {py} -m venv v && v/bin/pip install -q --disable-pip-version-check -r {lock}", tmp)  # pip's
    run(f"rm -rf e && {py} -m venv e && e/bin/pip install -q --disable-pip-version-check six", tmp)
    n = [0]

    def fresh() -> str:
        n[0] += 1
        return f"rm -rf c{n[0]} && git clone --quiet {ROOT} c{n[0]}"

    times = []
    for _ in range(repeat):
        run(fresh(), tmp)
        times.append(run("make setup data", tmp / f"c{n[0]}"))
    RESULTS["setup: make setup data (fresh clone)"] = times
    print(f"  {'setup: make setup data (fresh clone)':<44} {_stats(times)}", flush=True)
    measure("setup: venv + pip install -r lock", repeat,
            f"{py} -m venv v && v/bin/pip install -q --disable-pip-version-check -r {lock}", tmp, before="rm -rf v")
    measure("setup: venv + pip install six", repeat,
            f"{py} -m venv e && e/bin/pip install -q --disable-pip-version-check six", tmp, before="rm -rf e")


def usual_way(project: Path, out: Path) -> str:
    """Each notebook through the papermill command, then the nbconvert command, in turn."""
    steps = []
    for nb in sorted((project / "notebooks").glob("[0-9][0-9]-*.py")):
        ipynb, done = out / f"{nb.stem}.ipynb", out / f"{nb.stem}.run.ipynb"
        steps.append(f".venv/bin/papermill --no-progress-bar -k nec-analysis --cwd {project} {ipynb} {done} "
                     f"-p year 2014 -p report_dir {out} >/dev/null 2>&1")
        steps.append(f".venv/bin/jupyter nbconvert --to html --no-input --log-level ERROR {done} "
                     f"--output-dir {out}/html")
    return " && ".join(steps)


def bench_reports(project: Path, repeat: int, parts: set[str]) -> None:
    run("make setup data", project)
    if "report" in parts:
        print("\nOne year's report (2014), environment ready, outputs absent", flush=True)
        measure("report: make report YEAR=2014", repeat, "make report YEAR=2014", project,
                before="rm -rf reports build/notebooks")
        measure("report: make report, site pages not kept", repeat, "make report YEAR=2014", project,
                before="rm -rf reports build/notebooks build/site-cache")
        measure("report: floor (bench/floor.py)", repeat, f".venv/bin/python bench/floor.py --out {project}/floor",
                project, before="rm -rf floor")
        usual = project / "usual"
        prep = (f"rm -rf {usual} && mkdir -p {usual} && for nb in notebooks/[0-9][0-9]-*.py; do "
                f".venv/bin/jupytext --quiet --to ipynb -o {usual}/$(basename $nb .py).ipynb $nb; done")
        measure("report: usual way (papermill, nbconvert)", repeat, usual_way(project, usual), project, before=prep)
    if "noop" in parts:
        print("\nNo-op rebuild", flush=True)
        run("make report YEAR=2014", project)
        measure("noop: make report YEAR=2014 again", max(repeat, 5), "make report YEAR=2014", project)
    if "all" in parts:
        print("\nEvery year", flush=True)
        years = subprocess.run(["bash", "-c", "awk -F, 'NR>1{print $2}' data/processed/elections.csv | sort -u"],
                               cwd=project, capture_output=True, text=True, check=True).stdout.split()
        measure("all: make reports", repeat, "make reports", project, before="rm -rf reports build/notebooks")
        sums = []
        for _ in range(repeat):
            total = 0.0
            for y in years:
                run("rm -rf reports build/notebooks", project)
                total += run(f"make report YEAR={y}", project)
            sums.append(total)
        RESULTS["all: sum of make report YEAR=y"] = sums
        print(f"  {'all: sum of make report YEAR=y (' + ' '.join(years) + ')':<44} {_stats(sums)}", flush=True)


def bench_scale(tmp: Path, project: Path, repeat: int) -> None:
    print("\nScale: the data build (python -m nec_analysis build, imports included)", flush=True)
    for k in (1, 10, 100):
        dest = tmp / f"synthetic-{k}x"
        lines = subprocess.run(
            [str(project / ".venv/bin/python"), "-c",
             f"import sys; sys.path.insert(0, 'bench'); import synthetic; from pathlib import Path; "
             f"print(synthetic.make_project(Path({str(dest)!r}), {k}, Path('.')))"],
            cwd=project, capture_output=True, text=True, check=True).stdout.split()[-1]
        cmd = (f"{project}/.venv/bin/python -c 'from pathlib import Path; from nec_analysis.etl.build import build; "
               f"build(Path(\".\"), Path(\"processed\"))'")
        measure(f"scale: {k}x ({int(lines):,} table lines)", repeat, cmd, dest)


def bench_read(tmp: Path, project: Path, repeat: int) -> None:
    print("\nRead: the preview of one clipping (python -m nec_analysis read FILE, start-up included)", flush=True)
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    names = synthetic._names(random.Random(1), 100)
    path = tmp / "2030_clp_nominations_bench.txt"
    path.write_text("publisher: Bench\ntitle: 100 lines\nurl: https://example.org\npublished: 2030\nyear: 2030\n"
                    "section: clp\nholds: nominations\n\n"
                    + "".join(f"  • {fore} {sur} – {1000 - i}\n" for i, (fore, sur) in enumerate(names)),
                    encoding="utf-8")
    measure("read: 100-line clipping", repeat, f"{project}/.venv/bin/python -m nec_analysis read {path}", project)


def bench_data(tmp: Path, project: Path, repeat: int) -> None:
    print("\nThe data build: make data on the real clippings, and 10,000 new names in one table", flush=True)
    measure("data: python -c 'import pandas'", repeat, ".venv/bin/python -c 'import pandas'", project)
    measure("data: make data (real clippings)", repeat, "make data", project, before="rm -f build/.data-built")
    dest = tmp / "names"
    subprocess.run([str(project / ".venv/bin/python"), "-c",
                    f"import sys; sys.path.insert(0, 'bench'); import synthetic; from pathlib import Path; "
                    f"synthetic.make_names_project(Path({str(dest)!r}), 10000, Path('.'))"],
                   cwd=project, check=True)
    measure("data: build with 10,000 new names in one table", repeat,
            f"{project}/.venv/bin/python -m nec_analysis build --root {dest} >/dev/null", dest,
            before="rm -rf data/processed")
    # Last, as it writes .pyc files into the clone's environment: the same two commands where Python may
    # cache compiled modules (the environment here sets PYTHONDONTWRITEBYTECODE=1, so every run above
    # compiles pandas and the project from source; a machine without it pays far less for both imports).
    cached = {"PYTHONDONTWRITEBYTECODE": ""}
    run(".venv/bin/python -c 'import pandas' && rm -f build/.data-built && make data", project, env=cached)
    measure("data, bytecode cached: python -c 'import pandas'", repeat, ".venv/bin/python -c 'import pandas'",
            project, env=cached)
    measure("data, bytecode cached: make data", repeat, "make data", project, before="rm -f build/.data-built",
            env=cached)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    tmp = Path(tempfile.mkdtemp(prefix="nec-bench-"))
    print(f"nec-analysis benchmark, {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()}: "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, commit "
          f"{subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip()}"
          f"; work in {tmp}", flush=True)
    try:
        if "setup" in parts:
            bench_setup(tmp, args.repeat)
        project = clone(tmp / "project")
        if parts & {"report", "noop", "all"}:
            bench_reports(project, args.repeat, parts)
        if parts & {"scale", "read"}:
            run("make setup", project)
        if "scale" in parts:
            bench_scale(tmp, project, args.repeat)
        if "read" in parts:
            bench_read(tmp, project, args.repeat)
        if "data" in parts:
            run("make setup data", project)
            bench_data(tmp, project, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print("\nRatios of medians (this run)", flush=True)
    have = set(RESULTS)
    if {"setup: make setup data (fresh clone)", "setup: venv + pip install six"} <= have:
        ratio("set-up / (empty venv + one small package)", "setup: make setup data (fresh clone)",
              "setup: venv + pip install six", "<= 3x", med("setup: make setup data (fresh clone)")
              <= 3 * med("setup: venv + pip install six"))
        ratio("plain pip / set-up", "setup: venv + pip install -r lock", "setup: make setup data (fresh clone)",
              ">= 3x", med("setup: venv + pip install -r lock") >= 3 * med("setup: make setup data (fresh clone)"))
    if "report: make report YEAR=2014" in have:
        ratio("report / usual way", "report: make report YEAR=2014", "report: usual way (papermill, nbconvert)",
              "<= 0.5x", med("report: make report YEAR=2014") <= 0.5 * med("report: usual way (papermill, nbconvert)"))
        ratio("report / floor", "report: make report YEAR=2014", "report: floor (bench/floor.py)", "<= 1.3x",
              med("report: make report YEAR=2014") <= 1.3 * med("report: floor (bench/floor.py)"))
        cold = med("report: make report, site pages not kept") / med("report: floor (bench/floor.py)")
        print(f"  {'report, site pages not kept / floor (not a budget)':<58} {cold:6.2f}x")
        cpu = {k: statistics.median(v) for k, v in CPU.items()}
        print(f"  {'report / floor, in CPU seconds (not a budget)':<58} "
              f"{cpu['report: make report YEAR=2014'] / cpu['report: floor (bench/floor.py)']:6.2f}x")
    if "noop: make report YEAR=2014 again" in have:
        m = med("noop: make report YEAR=2014 again")
        print(f"  {'no-op rebuild, median':<58} {m:6.3f}s   budget {'< 1 s':<14} {'OK' if m < 1 else 'OVER'}")
    if "all: make reports" in have:
        ratio("every year / sum of single years", "all: make reports", "all: sum of make report YEAR=y", "<= 0.35x",
              med("all: make reports") <= 0.35 * med("all: sum of make report YEAR=y"))
    if "read: 100-line clipping" in have:
        m = med("read: 100-line clipping")
        print(f"  {'read FILE, 100 lines, median':<58} {m:6.3f}s   budget {'< 0.5 s':<14} {'OK' if m < 0.5 else 'OVER'}")
    if "data: make data (real clippings)" in have:
        ratio("make data / import pandas", "data: make data (real clippings)", "data: python -c 'import pandas'",
              "<= 1.3x", med("data: make data (real clippings)") <= 1.3 * med("data: python -c 'import pandas'"))
        cpu = {k: statistics.median(v) for k, v in CPU.items()}
        pandas_cpu = cpu["data: python -c 'import pandas'"]
        print(f"  {'make data / import pandas, in CPU seconds (not a budget)':<58} "
              f"{cpu['data: make data (real clippings)'] / pandas_cpu:6.2f}x")
        if "data, bytecode cached: make data" in RESULTS:
            cached = med("data, bytecode cached: make data") / med("data, bytecode cached: python -c 'import pandas'")
            print(f"  {'make data / import pandas, bytecode cached (not a budget)':<58} {cached:6.2f}x")
        m = med("data: build with 10,000 new names in one table")
        pandas_import = med("data: python -c 'import pandas'")
        print(f"  {'10,000 new names in one table (whole data build), median':<58} {m:6.2f}s   "
              f"budget {'< 5 s':<14} {'OK' if m < 5 else 'OVER'} "
              f"({m / pandas_import:.1f}x import pandas in this run; "
              f"{cpu['data: build with 10,000 new names in one table']:.2f} s of CPU)")
    print(f"  {'machine load (1, 5, 15 min) at the end':<58} {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    scale = [k for k in RESULTS if k.startswith("scale:")]
    if len(scale) == 3:
        one, ten, hundred = (med(k) for k in scale)
        lines = [int(k.split("(")[1].split()[0].replace(",", "")) for k in scale]
        per_10 = (ten - one) / (lines[1] - lines[0]) * 1e6  # ms per 1,000 lines
        per_100 = (hundred - ten) / (lines[2] - lines[1]) * 1e6
        print(f"  {'scale: ms per 1,000 extra lines, 1x->10x / 10x->100x':<58} {per_10:6.1f} / {per_100:.1f}   "
              f"budget {'not rising':<14} {'OK' if per_100 <= per_10 * 1.25 else 'OVER'}")
        print(f"  {'scale: 100x data build, median':<58} {hundred:6.2f}s   budget {'< 10 s':<14} "
              f"{'OK' if hundred < 10 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
