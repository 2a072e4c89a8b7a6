"""What makes the report build cheaper without changing a page: the order pages start in, and
the modules a build process leaves out (site/imports.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import test_engine

from nec_analysis.site import build as site_build
from nec_analysis.site import engine, pages

ROOT = Path(__file__).resolve().parents[1]


def _note_start(log: Path, name: str, seconds: float) -> str:
    with log.open("a", encoding="utf-8") as fh:
        fh.write(name + "\n")
    time.sleep(seconds)
    return name


def test_the_job_expected_longest_starts_first_and_each_job_is_timed(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"
    jobs = [(_note_start, (log, name, pause), {}) for name, pause in (("short", 0.0), ("long", 0.3), ("mid", 0.0))]
    took: list[float] = []
    results = engine.run_jobs(jobs, workers=1, expected=[0.1, 5.0, 1.0], seconds=took)
    assert log.read_text(encoding="utf-8").split() == ["long", "mid", "short"]
    assert [value for _, value in results] == ["short", "long", "mid"]  # results stay in the jobs' order
    assert len(took) == 3 and took[1] >= 0.3 > took[0]


def test_jobs_with_nothing_expected_keep_their_order(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"
    jobs = [(_note_start, (log, name, 0.0), {}) for name in ("a", "b", "c")]
    engine.run_jobs(jobs, workers=1, expected=[0.0, 0.0, 0.0])
    assert log.read_text(encoding="utf-8").split() == ["a", "b", "c"]


def test_page_seconds_are_kept_per_notebook_and_per_kind_of_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(site_build, "build_dir", lambda: tmp_path)
    names = [(2014, "10-a"), (2012, "10-a"), (2014, "20-b")]
    site_build.keep_seconds(names, [1.0, 2.5, 0.5], several_years=True)
    site_build.keep_seconds([(2014, "20-b")], [0.7], several_years=False)
    asked = [(2016, "10-a"), (2016, "20-b"), (2016, "30-new")]
    assert site_build.expected_seconds(asked, several_years=True) == [2.5, 0.5, 0.0]  # the most of any year
    assert site_build.expected_seconds(asked, several_years=False) == [0.0, 0.7, 0.0]
    (tmp_path / "page-seconds.json").write_text("{not json", encoding="utf-8")
    assert site_build.expected_seconds(asked, several_years=True) == [0.0, 0.0, 0.0]
    site_build.keep_seconds([(2014, "10-a")], [1.5], several_years=False)  # a damaged file is replaced
    assert json.loads((tmp_path / "page-seconds.json").read_text(encoding="utf-8")) == {"one": {"10-a": 1.5}}


#: Builds a small notebook whose HTML output holds '&', renders it as a page (``path``), then uses
#: ``requests`` once; leaves what it saw in ``result``.
RENDER = """
import sys
import nbformat, papermill, jupytext, nbconvert
from nec_analysis.site import render
loaded = {m: type(sys.modules.get(m)).__name__ for m in ("requests", "click", "markdown_it", "urllib3")}
nb = jupytext.reads("# %% [markdown]\\n# # T\\n\\n# %% [markdown]\\n# Fish & *chips* <x>\\n\\n# %%\\n1 + 1\\n",
                    fmt="py:percent")
nb.cells[2].outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>A &amp; B &lt;C&gt;</p>",
                                                                      "text/plain": "A & B"})]
nbformat.write(nb, path)
lead, body = render.notebook_body(path)
import requests  # a use of a lazy module loads it
get = requests.get
result = {"loaded": loaded, "body": str(body), "urllib3": "urllib3" in sys.modules}
"""
#: The same in a build process of its own, trimmed as ``python -m nec_analysis.site`` trims itself.
TRIMMED = ("import json, sys\nfrom nec_analysis.site import imports\nimports.trim()\npath = sys.argv[1]\n"
           + RENDER + "print(json.dumps(result))\n")


def test_a_trimmed_build_process_renders_the_same_page_without_the_modules_it_leaves_out(tmp_path: Path) -> None:
    """The trimmed page is rendered by a process of its own; the untrimmed one here, in the test
    process, which nothing trims (only the build command does), to spare a second process."""
    run = subprocess.run([sys.executable, "-c", TRIMMED, str(tmp_path / "trim.ipynb")], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    runs = {"trim": json.loads(run.stdout.strip().splitlines()[-1])}
    here: dict[str, object] = {"path": str(tmp_path / "full.ipynb")}
    exec(RENDER, here)  # noqa: S102 - the same code as the trimmed process runs
    runs["full"] = here["result"]  # type: ignore[assignment]
    assert runs["trim"]["body"] == runs["full"]["body"] and "A &amp; B" in runs["trim"]["body"]
    trimmed, full = runs["trim"]["loaded"], runs["full"]["loaded"]
    assert trimmed["requests"] == "_OnFirstUse" and trimmed["urllib3"] == "NoneType"  # not imported
    assert full["requests"] == "module" and full["urllib3"] == "module"
    assert trimmed["markdown_it"] == "NoneType" and full["markdown_it"] == "module"
    assert runs["trim"]["urllib3"]  # requests.get loaded requests, whole, when it was used


@pytest.mark.slow
def test_a_years_index_is_made_when_its_last_page_is_not_after_every_other_year(tmp_path: Path, monkeypatch) -> None:
    """`make reports`: 2014's index is written while 2022's slow page still runs on the other core."""
    nb = tmp_path / "91-wait.py"
    nb.write_text(test_engine.HEADER + "# %%\nimport time\nfrom nec_analysis import charts\nif year == 2022:\n"
                  "    time.sleep(3)\ncharts.say(f'Year {year}.')\n", encoding="utf-8")
    monkeypatch.setattr(pages, "notebook_paths", lambda root=None: [nb])
    out = tmp_path / "site"
    site_build.build({2014: out / "2014", 2022: out / "2022"}, workers=2)
    index_2014, page_2022 = out / "2014" / "index.html", out / "2022" / "91-wait.html"
    assert "Year 2022." in page_2022.read_text(encoding="utf-8") and (out / "2022" / "index.html").exists()
    assert index_2014.stat().st_mtime_ns < page_2022.stat().st_mtime_ns
