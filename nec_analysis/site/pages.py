"""One page per notebook per year: run it (papermill, ``engine``) and render it (``render``)."""

from __future__ import annotations

import functools
import re
import time
from pathlib import Path

from ..paths import build_dir, notebooks_dir, project_root
from . import engine
from .render import SITE_TITLE, notebook_body, render

_NOTEBOOKS: dict[str, Path | None] = {"dir": None}  # ``build --notebooks DIR`` (tests: other notebooks)


def notebook_paths(root: Path | None = None) -> list[Path]:
    """``notebooks/NN-verb-object.py``, in order (or those of ``build --notebooks DIR``)."""
    folder = _NOTEBOOKS["dir"] if root is None and _NOTEBOOKS["dir"] else notebooks_dir(root)
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.py"))


def _plain(text: str) -> str:
    """Markdown emphasis and code marks removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"[`*_]{1,2}([^`*_]+)[`*_]{1,2}", r"\1", text)).strip()


def notebook_title(path: Path) -> tuple[str, str]:
    """(title, the question it answers) from a notebook's opening markdown cell.

    The question is the first paragraph; the editor's note on inputs and outputs (a paragraph
    starting ``**Inputs``) is for people editing the notebook and never reaches a page.
    Read once per version of the file (every page's navigation asks for every title).
    """
    path = Path(path)
    return _notebook_title(path.resolve(), path.stat().st_mtime_ns)


@functools.cache
def _notebook_title(path: Path, _mtime_ns: int) -> tuple[str, str]:
    nb = engine.read_notebook(path)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), path.stem)
        paras = [p.strip() for p in "\n".join(ln for ln in lines if not ln.startswith("#")).split("\n\n")]
        para = next((p for p in paras if p and not p.startswith(("**Inputs", "**Method"))), "")
        return title, _plain(para)
    return path.stem, ""


def notebook_method(path: Path) -> list[str]:
    """The opening cell's ``**Method:**`` paragraphs (how a measure on the page is worked out), for
    the page's "About this page" -- never its headline or findings, which say what was found in words."""
    nb = engine.read_notebook(Path(path))
    cell = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if cell is None:
        return []
    paras = [p.strip() for p in "\n".join(ln for ln in cell.source.strip().splitlines()
                                          if not ln.startswith("#")).split("\n\n")]
    return [_plain(p.removeprefix("**Method:**")) for p in paras if p.startswith("**Method:**")]


def nav_label(title: str) -> str:
    """'Incumbency' from 'Incumbency: who held on, …'."""
    return title.split(":")[0].strip()


def year_nav(year: int, site: bool = True) -> list[tuple[str, str]]:
    """The year's navigation: contents, one link per page, all years."""
    nav = [("index.html", f"{year}: contents")]
    nav += [(f"{p.stem}.html", nav_label(notebook_title(p)[0])) for p in notebook_paths()]
    if site:
        nav.append(("../index.html", "All years"))
    return nav


def about(question: str, year: int, method: list[str] | tuple[str, ...] = ()) -> list[str]:
    """'About this page': what it answers, how its measures are worked out, what it is made from,
    what to bear in mind."""
    return [p for p in (
        question, *method,
        f"Made from the figures published for {year}'s elections by the sources listed on the year's "
        "contents page; every table on this page can be downloaded as a spreadsheet file.",
        "Figures are as the sources printed them. Where sources disagree, both are kept and the page "
        "says which it uses; what no source states stays unknown, so counts of women, slates and "
        "incumbents are given as \"at least\" where some are not stated.") if p]


def execute(notebook: Path, year: int, out_ipynb: Path, report_dir: Path | None, data_dir: Path | None = None,
            section: str | None = None, engine_name: str | None = engine.ENGINE_NAME,
            timeout: float | None = engine.DEFAULT_TIMEOUT) -> Path:
    """Run ``notebook`` for ``year`` (papermill parameters ``year``, ``data_dir``, ``report_dir``)."""
    params: dict[str, object] = {"year": int(year)}
    if data_dir:
        params["data_dir"] = str(Path(data_dir).resolve())
    if report_dir:
        params["report_dir"] = str(Path(report_dir).resolve())
    if section:
        params["section"] = section
    return engine.execute(Path(notebook), Path(out_ipynb), params, cwd=project_root(), engine=engine_name,
                          timeout=timeout, label=f"year {year}")


def build_page(notebook: Path, year: int, out_dir: Path, data_dir: Path | None = None,
               work_dir: Path | None = None, site: bool = True, engine_name: str | None = engine.ENGINE_NAME,
               timeout: float | None = engine.DEFAULT_TIMEOUT) -> Path:
    """Execute ``notebook`` for ``year`` and write ``out_dir/<stem>.html`` (or fail, leaving none)."""
    notebook = Path(notebook)
    dest = Path(out_dir) / f"{notebook.stem}.html"
    work = work_dir or (build_dir() / "notebooks" / str(year))
    start = time.monotonic()
    try:
        executed = execute(notebook, year, work / f"{notebook.stem}.ipynb", out_dir, data_dir,
                           engine_name=engine_name, timeout=timeout)
        title, question = notebook_title(notebook)
        lead, body = notebook_body(executed)
        render("notebook_page.html.j2", dest, title=f"{title} — {year} — {SITE_TITLE}", heading=f"{title} — {year}",
               nav=year_nav(year, site=site), current=f"{notebook.stem}.html", home="index.html",
               home_label=f"{SITE_TITLE}: {year}", lead_html=lead, body=body,
               about=about(question, year, notebook_method(notebook)))
    except BaseException:
        dest.unlink(missing_ok=True)  # no stale page survives a failure
        raise
    print(f"[report {year}] {notebook.stem}: done in {time.monotonic() - start:.1f}s", flush=True)
    return dest


def page_lead(page: Path) -> tuple[str | None, str | None]:
    """(what the headline is about, the headline) of a built page, as text: the line over the
    headline naming its election (None where there is none) and its main finding (None if it has none)."""
    import html

    if not page.exists():
        return None, None
    text = page.read_text(encoding="utf-8")
    found = [re.search(rf'<p class="{c}">(.*?)</p>', text, re.S) for c in ("kicker", "headline")]
    over, head = (html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else None for m in found)
    return (over, head) if head else (None, None)


def page_headline(page: Path) -> str | None:
    """The headline a built page leads with (its main finding), naming its election where the
    page put it over the headline ('2014 CLP-section election: 5 of the 6 elected were women')."""
    from ..words.labels import finding_in

    over, head = page_lead(page)
    return finding_in(over, head) if head else None
