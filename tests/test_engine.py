"""The in-process papermill engine that builds report pages (nec_analysis/engine.py).

Report pages are notebooks run by papermill on the ``inprocess`` engine, each in a freshly
forked process; JupyterLab and nbval use the real ``nec-analysis`` kernel. These tests check
that the two give a reader the same page, that outputs keep their order and kinds, that a
failure is reported by papermill naming the cell, and that a chart shown without alt text
(a figure left open) fails the build instead of vanishing from the page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nec_analysis.site import build as site_build
from nec_analysis.site import engine, pages

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python (nec-analysis)\n#     language: python\n"
          "#     name: nec-analysis\n# ---\n\n# %% [markdown]\n# # Test\n\n# %% tags=[\"parameters\"]\nyear = 2014\n\n")


def _notebook(tmp_path: Path, body: str, name: str = "90-test-engine.py") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _run(nb: Path, tmp_path: Path, engine_name: str | None, tag: str, **kw) -> nbformat.NotebookNode:
    """Execute ``nb`` in a forked child (never in the pytest process) and read the result."""
    out = tmp_path / f"{tag}.ipynb"
    [(ok, err)] = engine.run_jobs([(pages.execute, (nb, 2014, out, None),
                                    {"engine_name": engine_name, **kw})])
    if not ok:
        raise err
    return nbformat.read(out, as_version=4)


def _outputs(nb: nbformat.NotebookNode) -> list[list[tuple]]:
    """Per code cell: (output type, stream name or sorted mime types, text content)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outs = []
        for o in cell.outputs:
            if o.output_type == "stream":
                outs.append(("stream", o.name, o.text))
            elif o.output_type in ("display_data", "execute_result"):
                outs.append((o.output_type, tuple(sorted(o.data)), o.data.get("text/html") or o.data.get("text/plain")))
            else:
                outs.append((o.output_type, o.ename, o.evalue))
        cells.append(outs)
    return cells


def test_outputs_keep_their_order_and_kind(tmp_path: Path) -> None:
    nb = _notebook(tmp_path, "# %%\nfrom IPython.display import HTML, display\nprint('one')\n"
                             "display(HTML('<b>two</b>'))\nprint('three')\n1 + 1\n")
    out = _outputs(_run(nb, tmp_path, engine.ENGINE_NAME, "order"))
    assert out[-1] == [("stream", "stdout", "one\n"), ("display_data", ("text/html", "text/plain"), "<b>two</b>"),
                       ("stream", "stdout", "three\n"), ("execute_result", ("text/plain",), "2")]


@pytest.mark.slow
def test_a_report_notebook_gives_the_same_outputs_on_the_kernel_and_in_process(tmp_path: Path) -> None:
    notebook = ROOT / "notebooks" / "40-track-incumbency.py"
    kernel = _outputs(_run(notebook, tmp_path, None, "kernel"))
    inproc = _outputs(_run(notebook, tmp_path, engine.ENGINE_NAME, "inprocess"))
    assert any(any(kind == "display_data" for kind, *_ in cell) for cell in inproc)  # it did show things
    assert inproc == kernel


def test_a_failing_cell_is_named_by_papermill(tmp_path: Path) -> None:
    nb = _notebook(tmp_path, "# %%\nok = 1\n\n# %%\nraise KeyError('votes_2014')\n\n# %%\nnever = 1\n")
    with pytest.raises(engine.NotebookFailed) as err:
        _run(nb, tmp_path, engine.ENGINE_NAME, "fails")
    assert "KeyError" in str(err.value) and "votes_2014" in str(err.value)
    assert "raise KeyError" in str(err.value)  # the failing cell's source
    assert "code cell 3 of 4" in str(err.value)  # counted as in the .py: parameters, ok, raise, never
    assert not (tmp_path / "fails.ipynb").exists()


def test_a_notebook_past_its_time_limit_fails_naming_the_cell(tmp_path: Path) -> None:
    nb = _notebook(tmp_path, "# %%\nok = 1\n\n# %%\nimport time\ntime.sleep(60)\n")
    started = os.times().elapsed
    with pytest.raises(engine.NotebookFailed, match="NotebookTimeout") as err:
        # The limit covers the whole notebook; 5 s leaves room for a loaded machine to fork the job
        # and run the first cell (milliseconds when quiet), and the test waits it out in full.
        _run(nb, tmp_path, engine.ENGINE_NAME, "slow", timeout=5)
    assert os.times().elapsed - started < 45
    assert "time.sleep(60)" in str(err.value) and "90-test-engine.py (year 2014)" in str(err.value)


def _raise_unpicklable() -> None:
    class Unpicklable(Exception):  # a local class cannot be pickled
        pass

    raise Unpicklable("the notebook said why")


def test_an_error_that_cannot_be_sent_back_still_reaches_the_parent_as_text() -> None:
    [(ok, err)] = engine.run_jobs([(_raise_unpicklable, (), {})])
    assert not ok and isinstance(err, engine.JobFailed)
    assert str(err) == "Unpicklable: the notebook said why"


def test_a_figure_left_open_fails_instead_of_leaving_a_chart_without_alt_text(tmp_path: Path) -> None:
    nb = _notebook(tmp_path, "# %%\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n")
    with pytest.raises(engine.NotebookFailed, match="UnshownFigureError"):
        _run(nb, tmp_path, engine.ENGINE_NAME, "figure")


def test_each_run_starts_clean_and_leaves_the_caller_untouched(tmp_path: Path) -> None:
    first = _notebook(tmp_path, "# %%\nimport os\nos.environ['NEC_LEAK'] = 'yes'\nleak = 42\n", "91-a.py")
    second = _notebook(tmp_path, "# %%\nimport os\nprint(os.environ.get('NEC_LEAK'), 'leak' in globals())\n",
                       "92-b.py")
    jobs = [(pages.execute, (nb, 2014, tmp_path / f"{nb.stem}.ipynb", None), {"engine_name": engine.ENGINE_NAME})
            for nb in (first, second)]
    assert all(ok for ok, _ in engine.run_jobs(jobs, workers=1))
    printed = _outputs(nbformat.read(tmp_path / "92-b.ipynb", as_version=4))[-1]
    assert printed == [("stream", "stdout", "None False\n")]
    assert "NEC_LEAK" not in os.environ


@pytest.mark.slow
def test_build_rebuilds_only_out_of_date_pages_and_a_failure_leaves_no_page(tmp_path: Path, monkeypatch) -> None:
    good = _notebook(tmp_path, "# %%\nfrom nec_analysis import charts\ncharts.say(f'Year {year}.')\n", "91-good.py")
    bad = _notebook(tmp_path, "# %%\nraise ValueError('broken on purpose')\n", "92-bad.py")
    out = tmp_path / "site" / "2014"
    monkeypatch.setattr(pages, "notebook_paths", lambda root=None: [good])
    site_build.build({2014: out})
    page, index = out / "91-good.html", out / "index.html"
    assert "Year 2014." in page.read_text(encoding="utf-8") and index.exists()
    built = page.stat().st_mtime_ns
    site_build.build({2014: out})  # nothing changed: nothing rebuilt
    assert page.stat().st_mtime_ns == built
    os.utime(good, None)
    site_build.build({2014: out})  # its notebook changed: rebuilt
    assert page.stat().st_mtime_ns > built

    worse = _notebook(tmp_path, "# %%\nraise KeyError('also broken')\n", "93-worse.py")
    monkeypatch.setattr(pages, "notebook_paths", lambda root=None: [good, bad, worse])
    (out / "92-bad.html").write_text("a stale page")
    os.utime(out / "92-bad.html", (0, 0))  # older than its notebook
    with pytest.raises(site_build.BuildFailed) as err:
        site_build.build({2014: out})
    assert "92-bad.py" in str(err.value) and "ValueError: broken on purpose" in str(err.value)
    assert "93-worse.py" in str(err.value) and "also broken" in str(err.value)  # every failure, not the last
    assert not (out / "92-bad.html").exists() and not (out / "93-worse.html").exists() and not index.exists()


FAILS_IN_2014 = ("# %%\nif year == 2014:\n    raise KeyError('no 2014 column')\n"
                 "from nec_analysis import charts\ncharts.say(f'Fine in {year}.')\n")


@pytest.mark.slow
def test_make_style_build_reports_every_failure_and_still_builds_the_other_years(tmp_path: Path) -> None:
    """What `make reports` runs, as a command: no pickling error, other years built, exit 1."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks, "# %%\nfrom nec_analysis import charts\ncharts.say(f'Year {year}.')\n", "10-good.py")
    _notebook(notebooks, FAILS_IN_2014, "20-fails-in-2014.py")
    _notebook(notebooks, "# %%\nassert year != 2014, 'broken in 2014 too'\n", "30-also-fails.py")
    out = tmp_path / "reports"
    (out / "2014").mkdir(parents=True)
    (out / "2014" / "index.html").write_text("an index from an earlier build")
    run = subprocess.run([sys.executable, "-m", "nec_analysis.site", "build", "--site", "--year", "2014",
                          "--year", "2022", "--out", str(out), "--notebooks", str(notebooks)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Pickl" not in run.stderr and "MaybeEncodingError" not in run.stderr and "Traceback" not in run.stderr
    err = run.stderr
    assert "2 page(s) failed" in err  # every failure, not only the first
    assert "20-fails-in-2014.py (year 2014) failed in code cell 2 of 2: KeyError: 'no 2014 column'" in err
    assert "raise KeyError('no 2014 column')" in err  # the cell's source
    assert "30-also-fails.py (year 2014) failed in code cell 2 of 2: AssertionError: broken in 2014 too" in err
    # 2014: no index left to link to its missing pages; its good page is built
    assert not (out / "2014" / "index.html").exists() and not (out / "2014" / "20-fails-in-2014.html").exists()
    assert (out / "2014" / "10-good.html").exists()
    # 2022: every page and its index; the site index links to it and not to 2014
    assert all((out / "2022" / f"{n}.html").exists() for n in ("index", "10-good", "20-fails-in-2014"))
    site = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2022/index.html"' in site and 'href="2014/index.html"' not in site


def test_tables_are_read_once_per_version_and_every_caller_gets_its_own_copy(tmp_path: Path) -> None:
    """The build reads the tables once in its parent (every forked page job inherits them):
    a caller changing its copy changes no one else's, and a rewritten file is read again."""
    import shutil

    from nec_analysis.io import processed_dir
    from nec_analysis.store import load_tables

    data = tmp_path / "data"
    shutil.copytree(processed_dir(), data)
    first = load_tables(data)
    first["candidates"].loc[:, "display_name"] = "changed"
    second = load_tables(data)
    assert (second["candidates"]["display_name"] != "changed").all()
    cand = (data / "candidates.csv").read_text(encoding="utf-8")
    (data / "candidates.csv").write_text(cand.replace("Kate Osamor", "Kate Osamor-Test"), encoding="utf-8")
    assert "Kate Osamor-Test" in set(load_tables(data)["candidates"]["display_name"])
