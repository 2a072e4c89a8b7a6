"""The notebooks, run by nbval for 2014, print the headline figures the sources published.

Each notebook in ``notebooks/`` (jupytext ``.py``) is turned into an ``.ipynb`` whose
``headline`` cell carries, as its expected output, the figures published for 2014 (each
with its source, below). nbval then executes every cell in the project's environment:
any cell that raises fails the test, and the headline cell's printed figures must equal
the published ones. The other cells' outputs (charts, tables) are not compared.

Also here: the notebooks stay reviewable (one ``parameters`` cell, no outputs or volatile
metadata in the committed files, no analysis logic typed into them).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py"))

LL_RESULTS = "LabourList, 'Labour NEC elections: the results', 2014-08 (labourlist.org/2014/08/labour-nec-elections-the-results/)"

# Published 2014 figures each notebook's headline cell must print (name -> (value, source)).
# Values are the sources' own numbers; where a figure is arithmetic on them it is written out.
EXPECTED_2014: dict[str, dict[str, tuple[object, str]]] = {
    "10-overview-election": {
        "n_elections": (2, "two sections elected in 2014: CLP and local government (LabourList results)"),
        "n_candidates": (13, LL_RESULTS + ": 13 CLP-section candidates"),
        "n_elected": (6, LL_RESULTS + ": six CLP places"),
        "top_candidate": ("Ken Livingstone", LL_RESULTS),
        "top_votes": (39548, LL_RESULTS),
    },
    "20-compare-slates": {
        # Livingstone, Black, Shawcroft and Osamor, each labelled CLGA in the results coverage
        "seats_grassroots_left": (4, LL_RESULTS + "; slate labels per Left Futures 2014-06"),
    },
    "30-count-gender": {
        "women_elected": (5, LL_RESULTS + ": five of the six CLP representatives elected are women"),
        "men_elected": (1, LL_RESULTS + ": Livingstone the only man"),
    },
    "40-track-incumbency": {
        "incumbents_standing": (6, LL_RESULTS + ": all six sitting members stood again"),
        "re_elected": (5, LL_RESULTS + ": five of six incumbents re-elected"),
        "defeated": (1, LL_RESULTS + ": Wheeler replaced by Osamor"),
    },
    "50-compare-nominations-votes": {
        "threshold_votes": (24325, LL_RESULTS + ": Baxter, sixth and last elected"),
        "margin_votes": (24325 - 23362, LL_RESULTS + ": Baxter 24,325 against Willsman, seventh, 23,362"),
    },
    "60-map-regions": {
        # 2014's nominations were published as totals only: no source lists CLP by CLP.
        "clps_listed": (0, "no 2014 source lists nominating CLPs one by one (data/raw/README.md)"),
    },
}


def _expected_text(values: dict[str, tuple[object, str]]) -> str:
    return "".join(f"{name} = {value}\n" for name, (value, _source) in values.items())


def nbval_notebook(py: Path, year: int, expected: dict[str, tuple[object, str]]) -> nbformat.NotebookNode:
    """``py`` as an .ipynb for nbval: parameters set to ``year``; the headline cell expects
    ``expected``; every other cell's output is ignored (it still has to run)."""
    nb = jupytext.read(py)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if "parameters" in tags:
            cell.source = f"year = {year}\ndata_dir = ''\nreport_dir = ''\n" + (
                "section = 'clp'\n" if "section" in cell.source else "")
        if "headline" in tags:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=_expected_text(expected))]
            cell.execution_count = 1
        else:
            cell.metadata["tags"] = [*tags, "nbval-ignore-output"]
    return nb


def run_nbval(paths: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    (cwd / "pytest.ini").write_text("[pytest]\n")  # keep the project's pytest options out
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-cell-timeout=300", *map(str, paths)],
        cwd=cwd, capture_output=True, text=True, timeout=1200)


WRONG = "wrong-headline"  # the 2014 overview with a deliberately wrong expected winner


@pytest.fixture(scope="module")
def nbval_2014(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, list[str]]:
    """One nbval run (one pytest process; a kernel per notebook) over every notebook for 2014,
    plus a copy of the overview up to its headline cell expecting a wrong winner, to show the
    check can fail.
    Returns the run and the names of the notebooks with a failing cell (from nbval's summary)."""
    assert [p.stem for p in NOTEBOOKS] == list(EXPECTED_2014), "a notebook has no expected 2014 headline"
    tmp = tmp_path_factory.mktemp("nbval")
    paths = []
    for py in NOTEBOOKS:
        out = tmp / f"{py.stem}.ipynb"
        nbformat.write(nbval_notebook(py, 2014, EXPECTED_2014[py.stem]), out)
        paths.append(out)
    overview = NOTEBOOKS[0]
    wrong = dict(EXPECTED_2014[overview.stem], top_candidate=("Ann Black", "deliberately wrong"))
    wrong_nb = nbval_notebook(overview, 2014, wrong)
    headline = next(i for i, c in enumerate(wrong_nb.cells) if "headline" in c.metadata.get("tags", []))
    wrong_nb.cells = wrong_nb.cells[:headline + 1]  # the cells after the headline cannot change what it printed
    nbformat.write(wrong_nb, tmp / f"{WRONG}.ipynb")
    proc = run_nbval([*paths, tmp / f"{WRONG}.ipynb"], tmp)
    failed = sorted({line.split("FAILED ", 1)[1].split(".ipynb", 1)[0]
                     for line in proc.stdout.splitlines() if line.startswith("FAILED ")})
    return proc, failed


@pytest.mark.slow
def test_every_notebook_prints_the_published_2014_headlines(nbval_2014) -> None:
    proc, failed = nbval_2014
    assert " passed" in proc.stdout, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert failed == [WRONG], proc.stdout[-6000:] + proc.stderr[-2000:]


@pytest.mark.slow
def test_nbval_fails_when_a_headline_differs_from_the_published_figure(nbval_2014) -> None:
    """The check above can fail: a wrong expected winner makes nbval report a mismatch."""
    proc, failed = nbval_2014
    assert proc.returncode != 0 and WRONG in failed
    assert "Ann Black" in proc.stdout and "Ken Livingstone" in proc.stdout


@pytest.mark.parametrize("py", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_reviewable(py: Path) -> None:
    """One parameters cell first among code cells, a headline cell, no stored outputs or
    volatile metadata, findings generated by nec_analysis rather than typed in."""
    text = py.read_text(encoding="utf-8")
    nb = jupytext.reads(text, fmt="py:percent")
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and code[0] is tagged[0]
    assert "year = " in tagged[0].source
    assert sum("headline" in c.metadata.get("tags", []) for c in code) == 1
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for volatile in ("execution_count", "outputs", "jupytext_version", "widgets", "last_modified"):
        assert volatile not in text, f"{py.name} carries {volatile}"
    # analysis logic lives in the library: notebooks call it, they define no functions
    assert "\ndef " not in text and "import pandas" not in text
    assert "nb.open_notebook(" in text


def test_a_year_without_data_is_refused_with_the_years_available() -> None:
    # 2003: no NEC election was held (the 2002 term ran to 2004), so no clipping will ever hold it.
    proc = subprocess.run(["make", "--no-print-directory", "report", "YEAR=2003"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "YEAR=2003" in proc.stderr and "2014" in proc.stderr and "2022" in proc.stderr


@pytest.mark.slow
def test_a_failing_notebook_names_its_cell_and_leaves_no_page(tmp_path: Path) -> None:
    from nec_analysis.site import engine, pages

    broken = tmp_path / "99-break-things.py"
    broken.write_text(
        "# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python (nec-analysis)\n#     language: python\n"
        "#     name: nec-analysis\n# ---\n\n"
        '# %% [markdown]\n# # Broken\n\n# %% tags=["parameters"]\nyear = 2014\n\n'
        "# %%\ntotal = 1\n\n# %%\nraise ValueError(f'no column called votes_{year}')\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    stale = out / "99-break-things.html"
    stale.write_text("an old page that must not survive a failed rebuild")
    with pytest.raises(engine.NotebookFailed) as err:
        pages.build_page(broken, 2014, out, work_dir=tmp_path / "work", site=False, engine_name=None)
    message = str(err.value)
    assert "99-break-things.py" in message and "ValueError: no column called votes_2014" in message
    assert "raise ValueError" in message  # the failing cell's source is shown
    assert not stale.exists()
    assert list(out.glob("*.html")) == [] and list((tmp_path / "work").glob("*.ipynb")) == []


@pytest.mark.slow
def test_make_lab_serves_the_notebooks_on_the_project_kernel(tmp_path: Path) -> None:
    """`make lab` starts JupyterLab with the `nec-analysis` kernel, and a notebook .py opens as a notebook."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(8)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def get(path: str) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=10) as r:
            return json.loads(r.read())

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                kernels = get("/api/kernelspecs")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"make lab did not serve: {proc.stdout.read() if proc.poll() is not None else ''}")
                time.sleep(1)
        assert "nec-analysis" in kernels["kernelspecs"]
        nb = get("/api/contents/notebooks/10-overview-election.py")
        assert nb["type"] == "notebook"
        assert nb["content"]["metadata"]["kernelspec"]["name"] == "nec-analysis"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
