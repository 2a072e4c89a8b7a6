"""The HTML report site: notebook helpers (tables, headline figures) and the site builder.

Notebook side (imported by ``notebooks/*.py``)::

    report.set_output(report_dir)                     # where tables' CSVs go ("" = nowhere)
    report.show_table(df, "candidates-2014", "Who stood")   # sortable table + link to its CSV
    report.headline(n_candidates=13)                  # plain scalars for the tests

Builder side (what ``reports.mk`` runs; every page is a papermill run of a notebook)::

    python -m nec_analysis.report build --site --year 2014    # out-of-date pages, index, site index
    python -m nec_analysis.report build --site --all          # every year (what `make reports` runs)
    python -m nec_analysis.report page --year 2014 notebooks/10-overview-election.py [--kernel]
    python -m nec_analysis.report site                        # only reports/index.html

``build`` runs every out-of-date page of the years asked for in one process, a forked clean
papermill run per notebook on both cores (``nec_analysis.site.engine``). Pages are written to a
temporary file and moved into place, so a failing notebook never leaves a half-written or
stale page: its page and its year's index are removed and the error names the failing cell.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from . import charts
from .io import load_tables, processed_dir, project_root
from .notebook import FILE_MODE, write_download
from .site.engine import DEFAULT_TIMEOUT, JobFailed, NotebookFailed
from .site.engine import execute as run_notebook
from .tables import COLUMNS

KERNEL = "nec-analysis"
ENGINE = "inprocess"  # papermill engine for report pages (nec_analysis.site.engine)


class BuildFailed(RuntimeError):
    """Some pages failed; the message lists every failure (the other pages were built)."""

    def __init__(self, failures: list[str]):
        self.failures = failures
        super().__init__(f"{len(failures)} page(s) failed:\n" + "\n".join(failures))
SITE_TITLE = "Labour NEC elections"

# ---------------------------------------------------------------------------------------
# Notebook side
# ---------------------------------------------------------------------------------------

_OUTPUT: dict[str, Path | None] = {"dir": None}
_TABLES: dict[str, dict[str, pd.DataFrame]] = {}  # the notebook's tables (open_notebook), for words


def set_output(report_dir: str | Path | None) -> None:
    """Tables shown with ``show_table`` are also written to ``<report_dir>/data/`` ("" = not)."""
    _OUTPUT["dir"] = Path(report_dir) if report_dir else None


def data_folder(data_dir: str | Path | None) -> Path:
    """The processed-tables folder a notebook reads: ``data_dir`` or the project's."""
    return Path(data_dir) if data_dir else processed_dir()


def elections_of_year(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """Election ids of ``year``: regular elections first, then by-elections; CLP first."""
    el = tables["elections"]
    el = el[el["year"] == int(year)].sort_values(["election_type", "section"], ascending=[False, True])
    return [str(e) for e in el["election_id"]]


def pick_election(tables: dict[str, pd.DataFrame], year: int, section: str = "clp") -> str | None:
    """The election a notebook is about: ``<year>-<section>``, else that section's by-election."""
    ids = elections_of_year(tables, year)
    for eid in (f"{year}-{section}", f"{year}-{section}-by-election"):
        if eid in ids:
            return eid
    return None


def election_name(tables: dict[str, pd.DataFrame], election_id: str) -> str:
    """'the 2014 CLP-section election' for a reader (one wording: ``words.labels.election_name``)."""
    from .words.labels import election_name as name

    return name(tables, election_id) if election_id in set(tables["elections"]["election_id"]) else election_id


def short_name(election_id: str) -> str:
    """'2014 CLP', '2014 local gov.', '2020 CLP by-el.' (chart labels)."""
    parts = election_id.split("-")
    label = {"clp": "CLP", "local_government": "local gov."}.get(parts[1], parts[1])
    return f"{parts[0]} {label}" + (" by-el." if election_id.endswith("by-election") else "")


def open_notebook(year: int, section: str = "clp", data_dir: str | Path | None = "",
                  report_dir: str | Path | None = "") -> tuple[dict[str, pd.DataFrame], str | None]:
    """The first cell of every notebook: ``(tables, election_id)`` for ``year`` and ``section``.

    Loads the processed tables (``data_dir`` or the project's), sends shown tables' CSVs to
    ``report_dir``, applies the chart style, and picks ``<year>-<section>`` (else that
    section's by-election). Where there is none, it says so on the page and returns ``None``.
    """
    tables = load_tables(data_folder(data_dir))
    _TABLES["tables"] = tables
    set_output(report_dir)
    charts.apply_style()
    election_id = pick_election(tables, year, section)
    if election_id is None:
        section_name = {"clp": "CLP-section", "local_government": "local-government-section"}.get(section, section)
        charts.no_data(f"No {section_name} NEC election in {year} is in the data.")
    return tables, election_id


def headline(**values: object) -> None:
    """Print headline figures as plain scalars, one ``name = value`` a line (for the tests)."""
    for name, value in values.items():
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            value = "NA"
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif hasattr(value, "item"):
            value = value.item()
        print(f"{name} = {value}")


def _cell(v: object) -> str:
    if v is None or v is pd.NA or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return "—"
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}" if abs(int(v)) >= 10000 or not _is_year_like(v) else str(int(v))
    if isinstance(v, (float, np.floating)):
        return f"{float(v):,.0f}" if float(v).is_integer() else f"{float(v):,.1f}"
    return str(v)


def _is_year_like(v: object) -> bool:
    return 1900 <= int(v) <= 2100


def table_html(df: pd.DataFrame, caption: str | None = None) -> str:
    """A sortable HTML table of ``df`` (every value escaped; numbers with separators)."""
    head = "".join(f'<th scope="col">{html.escape(str(c).replace("_", " "))}</th>' for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False, name=None):
        cells = []
        for v in rec:
            numeric = (isinstance(v, (int, float, np.integer, np.floating))
                       and not isinstance(v, (bool, np.bool_)) and not pd.isna(v))
            attr = f' data-sort="{float(v)!r}" class="num"' if numeric else ""
            cells.append(f"<td{attr}>{html.escape(_cell(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'<div class="table-wrap"><table class="sortable">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def show_table(df: pd.DataFrame, name: str, caption: str, columns: list[str] | None = None,
               empty: str | None = None, rows: pd.Series | None = None) -> None:
    """Display ``df`` as a sortable table with a link to its tidy CSV (``data/<name>.csv``).

    The CSV (every row and column of ``df``) is written to ``<report_dir>/data/`` when an
    output folder is set; the page shows ``columns`` and the ``rows`` mask (default: all).
    An empty frame displays ``empty`` (or a plain "no rows") instead of an empty table.
    """
    from IPython.display import HTML, display

    shown = None if df is None else (df[rows] if rows is not None else df)
    if shown is None or shown.empty:
        charts.no_data(empty or f"{caption}: no rows for this election in the data.")
        return
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if _OUTPUT["dir"] is not None:
        path = _OUTPUT["dir"] / "data" / f"{slug}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_download(df, path)
    if columns:
        shown = shown[columns]
    else:  # ids a reader does not need: one election per table, names beside candidate ids
        drop = [c for c in ("election_id",) if c in shown and shown[c].nunique() <= 1]
        drop += ["candidate_id"] if {"candidate_id", "display_name"} <= set(shown.columns) else []
        shown = shown.drop(columns=drop)
    shown = _in_words(shown)
    part = f"; {len(shown):,} shown here" if len(shown) < len(df) else ""
    link = (f'<p class="csv-link">Data: <a href="data/{slug}.csv" download>{slug}.csv</a> '
            f"(tidy CSV, {len(df):,} rows{part}; click a column heading to sort)</p>")
    display(HTML(table_html(shown.reset_index(drop=True), caption) + link))


def _in_words(df: pd.DataFrame) -> pd.DataFrame:
    """Id columns a page shows, in words: slates, genders, sources, elections, candidates, measures.

    The CSV behind the table keeps the ids; ``candidate_id_man`` becomes a ``man`` column of names.
    """
    out = df.copy()
    if "slate_family" in out:
        out["slate_family"] = out["slate_family"].map(lambda f: charts.slate_label(f) if isinstance(f, str) else f)
        out = out.rename(columns={"slate_family": "slate"} if "slate" not in out else {})
    if "gender" in out:
        out["gender"] = out["gender"].map(lambda g: {"F": "woman", "M": "man"}.get(g, "not stated")
                                          if isinstance(g, str) or pd.isna(g) else g)
    tables = _TABLES.get("tables")
    if tables is None:
        return out
    from .analysis import MEASURE_NAMES

    names = dict(zip(tables["candidates"]["candidate_id"], tables["candidates"]["display_name"]))
    for col in list(out.columns):
        if col == "measure":
            out[col] = [MEASURE_NAMES.get(m, m.replace("_", " ")) if isinstance(m, str) else m for m in out[col]]
        elif col in ("source_id", "source_a", "source_b"):
            out[col] = [source_words(tables, x) if isinstance(x, str) else x for x in out[col]]
        elif col in ("election_id", "scope"):
            out[col] = [election_name(tables, e) if isinstance(e, str) and re.match(r"^\d{4}-", e)
                        and e in set(tables["elections"]["election_id"]) else e for e in out[col]]
        elif col.startswith("candidate_id") and "display_name" not in out:
            out[col] = [names.get(c, c) if isinstance(c, str) else c for c in out[col]]
    renames = {"source_id": "source", "source_a": "source of a", "source_b": "source of b",
               "election_id": "election", "scope": "election", "measure": "what"}
    renames.update({c: c.replace("candidate_id_", "").replace("candidate_id", "candidate")
                    for c in out.columns if c.startswith("candidate_id") and "display_name" not in out})
    return out.rename(columns={k: v for k, v in renames.items() if v not in out.columns})


def heading(text: str, level: int = 2) -> None:
    """A heading generated from data (escaped)."""
    from IPython.display import HTML, display

    display(HTML(f"<h{level}>{html.escape(text)}</h{level}>"))


def candidate_table(tables: dict[str, pd.DataFrame], election_id: str) -> pd.DataFrame:
    """One row per candidate: slate, gender, incumbency, nominations, votes, place, elected."""
    from . import analysis as an

    c = an.candidacies(tables, election_id)
    noms = an.nomination_figures(tables, election_id).table
    res = an.results(tables, election_id)
    out = c.merge(noms[["candidate_id", "nominations"]], on="candidate_id", how="left") if not noms.empty \
        else c.assign(nominations=pd.NA)
    out = out.merge(res[["candidate_id", "votes", "position"]], on="candidate_id", how="left")
    out["slate"] = out["slate_family"].map(charts.slate_label)
    cols = ["election_id", "candidate_id", "display_name", "slate_family", "slate", "gender", "incumbent",
            "on_ballot", "nominations", "votes", "position", "elected"]
    return out[cols].sort_values(["position", "nominations", "display_name"],
                                 ascending=[True, False, True], na_position="last").reset_index(drop=True)


def sources_used(tables: dict[str, pd.DataFrame], election_ids: list[str], holds: str | None = None) -> str:
    """'LabourList (2014-08-20); Left Futures (2014-06)' for the chart source line."""
    src = tables["sources"]
    years = {int(e.split("-")[0]) for e in election_ids}
    sections = {e.split("-")[1] for e in election_ids}
    s = src[src["year"].isin(years) & src["section"].isin(sections)]
    if holds:
        s = s[s["holds"] == holds]
    items = sorted({f"{p} ({d})" for p, d in zip(s["publisher"], s["published"])})
    return "; ".join(items) if items else "data/processed"


def describe_election(tables: dict[str, pd.DataFrame], election_id: str) -> list[str]:
    """Plain sentences: seats, system, candidates, who was elected, threshold, turnout."""
    el = tables["elections"].set_index("election_id")
    if election_id not in el.index:
        return [f"{election_id} is not in the data."]
    r = el.loc[election_id]
    cand = candidate_table(tables, election_id)
    system = {"block": "a block vote (the top candidates by votes are elected)",
              "stv": "the single transferable vote"}.get(r["voting_system"], None)
    from .analysis import plural

    seats = "an unstated number of seats" if pd.isna(r["seats"]) else plural(int(r["seats"]), "seat", "seats")
    out = [f"{report_name(tables, election_id)} filled {seats}"
           + (f" by {system}." if system else "; the sources do not say which voting system was used.")]
    on = cand[cand["on_ballot"] != False]  # noqa: E712
    off = int((cand["on_ballot"] == False).sum())  # noqa: E712
    out.append(f"{plural(len(on), 'candidate is', 'candidates are')} recorded as standing"
               + (f" ({plural(off, 'more was', 'more were')} nominated but did not reach the ballot)." if off else "."))
    won = cand[cand["elected"] == True]  # noqa: E712
    if not won.empty:
        out.append("Elected: " + ", ".join(
            f"{n} ({charts.slate_label(f)})" for n, f in zip(won["display_name"], won["slate_family"])) + ".")
    if pd.isna(r["ballot_threshold"]):
        out.append("No source states how many nominations were needed to reach the ballot.")
    else:
        out.append(f"Reaching the ballot needed {plural(int(r['ballot_threshold']), 'nomination', 'nominations')}.")
    if cand["votes"].isna().all():
        out.append("No vote figures were published for this election: only who was elected is known.")
    turnout = stated_total(tables, election_id, "turnout_pct")
    if turnout is None:
        out.append("No source states the turnout.")
    else:
        value, approximate = turnout
        out.append(f"Turnout was stated as {'about ' if approximate else ''}{value:g}%.")
    return out


def stated_total(tables: dict[str, pd.DataFrame], election_id: str, measure: str) -> tuple[float, bool] | None:
    """The preferred published figure for ``measure`` (e.g. ``turnout_pct``): (value, approximate)."""
    t = tables["totals"]
    row = t[(t["election_id"] == election_id) & (t["measure"] == measure) & t["preferred"].fillna(False)]
    if row.empty:
        return None
    return float(row["value"].iloc[0]), bool(row["approximate"].fillna(False).iloc[0])


def source_words(tables: dict[str, pd.DataFrame], source_id: object) -> str:
    """A source id in words: 'LabourList (2014-06)'; a ``sum:`` id as the sum of its sources."""
    from .analysis import source_label

    if not isinstance(source_id, str):
        return "—"
    if source_id.startswith("sum:"):
        parts = ", ".join(source_label(tables, s) for s in source_id[4:].split("+"))
        return f"sum of the candidates' figures in {parts}"
    return source_label(tables, source_id)


def report_name(tables: dict[str, pd.DataFrame], election_id: str) -> str:
    name = election_name(tables, election_id)
    return name[0].upper() + name[1:]


def say_elections(tables: dict[str, pd.DataFrame], year: int) -> None:
    """Sentences listing the year's elections (or saying there are none)."""
    ids = elections_of_year(tables, year)
    if not ids:
        charts.no_data(f"No NEC election in {year} is in the data.")
        return
    el = tables["elections"].set_index("election_id")
    from .analysis import plural

    charts.say(f"{plural(len(ids), 'election', 'elections')} in {year}: " + "; ".join(
        f"{election_name(tables, e)} ({charts.fmt_int(el.loc[e, 'seats'])} seats, "
        + (f"{charts.fmt_int(el.loc[e, 'n_candidates'])} candidates)" if not pd.isna(el.loc[e, "n_candidates"])
           else "number of candidates on the ballot not stated by the sources)") for e in ids) + ".")


# ---------------------------------------------------------------------------------------
# Page shell: CSS and the table sorter (inline: the report works offline)
# ---------------------------------------------------------------------------------------

CSS = """
:root{--ink:#222;--muted:#666;--rule:#ddd;--accent:#c0392b;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.55 Georgia,"Times New Roman",serif}
header.site,main,footer.site{max-width:52rem;margin:0 auto;padding:0 1.2rem}
header.site{border-bottom:3px solid var(--accent);padding-top:1rem;padding-bottom:.4rem}
header.site a.home{font:600 .95rem/1.2 system-ui,sans-serif;color:var(--accent);text-decoration:none}
nav.pages{font:.85rem/1.6 system-ui,sans-serif;margin-top:.3rem}
nav.pages a{color:var(--muted);margin-right:.9rem;white-space:nowrap}
nav.pages a[aria-current]{color:var(--ink);font-weight:600;text-decoration:none}
a.anchor-link{display:none}
h1,h2,h3{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.25}
h1{font-size:1.9rem;margin:1.4rem 0 .6rem}
h2{font-size:1.35rem;margin:2.2rem 0 .5rem;border-top:1px solid var(--rule);padding-top:1rem}
h3{font-size:1.1rem;margin:1.6rem 0 .4rem}
a{color:#1f5f99}
p.finding{margin:.5rem 0;padding-left:.8rem;border-left:3px solid var(--accent)}
p.no-data{background:#f6f6f6;border-left:3px solid #999;padding:.5rem .8rem}
p.csv-link{font:.8rem/1.4 system-ui,sans-serif;color:var(--muted);margin:.2rem 0 1.2rem}
figure.chart{margin:1rem 0}
figure.chart img{display:block;max-width:100%;height:auto}
.table-wrap{overflow-x:auto;margin:.8rem 0 0}
table{border-collapse:collapse;font:.82rem/1.35 system-ui,sans-serif;min-width:50%}
caption{text-align:left;font-weight:600;padding:.3rem 0;color:var(--ink)}
th,td{padding:.3rem .6rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none;background:#f4f4f4;white-space:nowrap}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2";font-size:.7em}
table.sortable th[aria-sort=descending]::after{content:" \\25BC";font-size:.7em}
pre{font-size:.8rem;background:#f7f7f7;padding:.6rem;overflow-x:auto}
ul.pages li{margin:.4rem 0}
footer.site{color:var(--muted);font:.8rem/1.5 system-ui,sans-serif;border-top:1px solid var(--rule);
  margin-top:3rem;padding-top:.8rem;padding-bottom:2rem}
.jp-OutputArea-output,.output_area{overflow-x:auto}
"""

SORT_JS = """
(function(){
  function key(td){var v=td.getAttribute('data-sort');if(v!==null)return parseFloat(v);
    return td.textContent.trim().toLowerCase();}
  function sortBy(table,idx,th){
    var tbody=table.tBodies[0];if(!tbody)return;
    var asc=th.getAttribute('aria-sort')!=='ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var rows=Array.prototype.slice.call(tbody.rows);
    rows.sort(function(a,b){var x=key(a.cells[idx]),y=key(b.cells[idx]);
      var xn=typeof x==='number',yn=typeof y==='number';
      if(xn&&!yn)return -1;if(yn&&!xn)return 1;
      var r=x<y?-1:(x>y?1:0);return asc?r:-r;});
    rows.forEach(function(r){tbody.appendChild(r);});
  }
  document.querySelectorAll('table.sortable').forEach(function(table){
    if(!table.tHead)return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,idx){
      th.tabIndex=0;th.title='Sort by this column';
      th.addEventListener('click',function(){sortBy(table,idx,th);});
      th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(table,idx,th);}});
    });
  });
})();
"""


def page(title: str, body: str, nav: list[tuple[str, str]] | None = None, current: str | None = None,
         home: str = "index.html", home_label: str = SITE_TITLE) -> str:
    """A complete HTML page: header with navigation, ``body``, footer, CSS and the sorter."""
    links = "".join(
        f'<a href="{html.escape(href)}"{" aria-current=page" if href == current else ""}>{html.escape(text)}</a>'
        for href, text in (nav or []))
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header class="site"><a class="home" href="{html.escape(home)}">{html.escape(home_label)}</a>
<nav class="pages">{links}</nav></header>
<main>
{body}
</main>
<footer class="site">Every figure comes from a named, dated, published source (see the sources table on
the year's index page). Pages are notebooks run top to bottom with papermill; the code is in the
project's <code>notebooks/</code> and <code>nec_analysis/</code>.</footer>
<script>{SORT_JS}</script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------
# Builder
# ---------------------------------------------------------------------------------------

_NOTEBOOKS: dict[str, Path | None] = {"dir": None}  # ``build --notebooks DIR`` (tests: other notebooks)


def notebook_paths(root: Path | None = None) -> list[Path]:
    """``notebooks/NN-verb-object.py``, in order (or those of ``build --notebooks DIR``)."""
    folder = _NOTEBOOKS["dir"] if root is None and _NOTEBOOKS["dir"] else (root or project_root()) / "notebooks"
    return sorted(p for p in folder.glob("[0-9][0-9]-*.py"))


def notebook_title(path: Path) -> tuple[str, str]:
    """(title, first paragraph) from a notebook's opening markdown cell."""
    import jupytext

    nb = jupytext.read(path)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), path.stem)
        paras = [p.strip() for p in "\n".join(ln for ln in lines if not ln.startswith("#")).split("\n\n")]
        para = next((p for p in paras if p), "")
        return title, re.sub(r"\s+", " ", para)
    return path.stem, ""


def available_years(folder: Path | None = None) -> list[int]:
    """Years with an election in ``elections.csv``."""
    el = pd.read_csv((folder or processed_dir()) / "elections.csv", usecols=["year"])
    return sorted(int(y) for y in el["year"].dropna().unique())


def _check_year(year: int, folder: Path | None) -> None:
    years = available_years(folder)
    if int(year) not in years:
        raise SystemExit(f"no election in {year} in the data; available years: "
                         f"{', '.join(map(str, years))} (from data/processed/elections.csv)")


def _year_nav(year: int, root: Path | None = None, site: bool = True) -> list[tuple[str, str]]:
    nav = [("index.html", f"{year}: contents")]
    for p in notebook_paths(root):
        title, _ = notebook_title(p)
        nav.append((f"{p.stem}.html", title.split(":")[0]))
    if site:
        nav.append(("../index.html", "All years"))
    return nav


def _replace(tmp: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600 files; pages are for everyone to read
    os.replace(tmp, dest)


def _tmp_for(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".tmp-{dest.stem}-", suffix=dest.suffix, dir=dest.parent)
    os.close(fd)
    return Path(name)


def execute(notebook: Path, year: int, out_ipynb: Path, report_dir: Path | None,
            data_dir: Path | None = None, section: str | None = None, engine: str | None = None,
            timeout: float | None = DEFAULT_TIMEOUT) -> Path:
    """Run ``notebook`` (jupytext .py) with papermill for ``year``; the executed .ipynb.

    ``engine``: papermill's engine name; ``None`` runs a Jupyter kernel (``nec-analysis``),
    ``"inprocess"`` runs the cells in this process (see ``nec_analysis.site.engine``).
    ``timeout``: seconds the notebook may run. A failure raises :class:`NotebookFailed`.
    """
    params: dict[str, object] = {"year": int(year)}
    if data_dir:
        params["data_dir"] = str(Path(data_dir).resolve())
    if report_dir:
        params["report_dir"] = str(Path(report_dir).resolve())
    if section:
        params["section"] = section
    return run_notebook(Path(notebook), Path(out_ipynb), params, cwd=project_root(), engine=engine,
                        timeout=timeout, label=f"year {year}")


def _strip_preprocessors():
    from nbconvert.preprocessors import Preprocessor

    class DropStderr(Preprocessor):
        """Warnings on stderr go to the build log, not to readers."""

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code":
                for out in cell.get("outputs", []):
                    if out.get("output_type") == "stream" and out.get("name") == "stderr":
                        sys.stderr.write(f"  (notebook stderr, cell {index}) {out.get('text', '')[:500]}\n")
                cell.outputs = [o for o in cell.get("outputs", [])
                                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            return cell, resources

    return DropStderr


@functools.cache
def _exporter():
    """nbconvert's HTML exporter, code hidden; made once (loading its templates is slow)."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    tags = TagRemovePreprocessor(remove_cell_tags={"headline", "remove-cell"},
                                 remove_all_outputs_tags={"remove-output"}, enabled=True)
    exporter.register_preprocessor(tags, enabled=True)
    exporter.register_preprocessor(_strip_preprocessors()(), enabled=True)
    return exporter


def render(executed: Path, dest: Path, title: str, nav: list[tuple[str, str]], current: str,
           home_label: str) -> Path:
    """HTML page of an executed notebook: code hidden, headline cells dropped."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    for i, cell in enumerate(nb.cells):  # jupytext and papermill make random ids: keep pages reproducible
        cell["id"] = f"cell-{i}"
    body, _ = _exporter().from_notebook_node(nb)
    tmp = _tmp_for(dest)
    tmp.write_text(page(title, body, nav, current, home="index.html", home_label=home_label),
                   encoding="utf-8")
    _replace(tmp, dest)
    return dest


def build_page(notebook: Path, year: int, out_dir: Path, data_dir: Path | None = None,
               work_dir: Path | None = None, site: bool = True, engine: str | None = None,
               timeout: float | None = DEFAULT_TIMEOUT) -> Path:
    """Execute ``notebook`` for ``year`` and write ``out_dir/<stem>.html`` (or fail, leaving none).

    ``engine`` as for :func:`execute` (``None``: a Jupyter kernel). :func:`build` runs pages
    with the ``inprocess`` engine, each in a freshly forked process.
    """
    notebook = Path(notebook)
    dest = out_dir / f"{notebook.stem}.html"
    work = work_dir or (project_root() / "build" / "notebooks" / str(year))
    start = time.monotonic()
    try:
        executed = execute(notebook, year, work / f"{notebook.stem}.ipynb", out_dir, data_dir, engine=engine,
                           timeout=timeout)
        title, _ = notebook_title(notebook)
        render(executed, dest, f"{title} — {year} — {SITE_TITLE}", _year_nav(year, site=site),
               f"{notebook.stem}.html", f"{SITE_TITLE}: {year}")
    except BaseException:
        dest.unlink(missing_ok=True)  # no stale page survives a failure
        raise
    print(f"[report {year}] {notebook.stem}: done in {time.monotonic() - start:.1f}s", flush=True)
    return dest


def year_tables(tables: dict[str, pd.DataFrame], year: int) -> dict[str, pd.DataFrame]:
    """Every processed table cut down to ``year``'s elections (candidates: those who stood)."""
    ids = set(elections_of_year(tables, year))
    out = {}
    for name, df in tables.items():
        if "election_id" in df.columns:
            out[name] = df[df["election_id"].isin(ids)]
        elif name == "sources":
            out[name] = df[df["year"] == int(year)]
        elif name == "candidates":
            stood = set(tables["candidacies"].loc[tables["candidacies"]["election_id"].isin(ids), "candidate_id"])
            out[name] = df[df["candidate_id"].isin(stood)]
        else:
            out[name] = df
    return out


def copy_data(year: int, out_dir: Path, data_dir: Path | None = None) -> list[Path]:
    """Write ``year``'s rows of every processed table to ``out_dir/data/<table>.csv``."""
    tables = load_tables(data_dir)
    return [write_download(df, out_dir / "data" / f"{name}.csv") for name, df in year_tables(tables, year).items()]


def _link(url: object, text: str) -> str:
    if isinstance(url, str) and re.match(r"^https?://", url):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
    return html.escape(text)


def sources_html(sources: pd.DataFrame) -> str:
    """The sources table: publisher, title (linked), published, what it holds, notes."""
    rows = []
    for _, s in sources.sort_values(["published", "source_id"]).iterrows():
        title = s["title"] if isinstance(s["title"], str) else s["source_id"]
        url = s["url"] if isinstance(s["url"], str) else None
        flags = [w for w, on in (("interim", s["status"] == "interim"), ("partial", charts.is_yes(s["partial"])),
                                 ("cut off", charts.is_yes(s["truncated"]))) if on]
        holds = f"{s['holds']} ({s['section'].replace('_', ' ')})" + (f"; {', '.join(flags)}" if flags else "")
        rows.append("<tr>" + "".join([
            f"<td>{html.escape(str(s['publisher']))}</td>",
            f"<td>{_link(url, title)}{'' if url else ' <em>(address not known)</em>'}</td>",
            f"<td>{html.escape(str(s['published']))}</td>",
            f"<td>{html.escape(holds)}</td>",
            f"<td><code>{html.escape(str(s['source_id']))}</code></td>"]) + "</tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("publisher", "title", "published", "holds", "source id"))
    return (f'<div class="table-wrap"><table class="sortable"><caption>Sources for this year</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def build_index(year: int, out_dir: Path, data_dir: Path | None = None, site: bool = True) -> Path:
    """``out_dir/index.html``: the year's pages, elections at a glance, data files and sources."""
    tables = year_tables(load_tables(data_dir), year)
    items = []
    for p in notebook_paths():
        title, para = notebook_title(p)
        items.append(f'<li><a href="{p.stem}.html">{html.escape(title)}</a><br>'
                     f"<small>{html.escape(para)}</small></li>")
    el = tables["elections"].copy()
    glance = el[["election_id", "seats", "voting_system", "n_candidates", "n_elected", "turnout_pct_stated"]]
    data_files = sorted((out_dir / "data").glob("*.csv")) if (out_dir / "data").is_dir() else []
    processed = [f for f in data_files if f.stem in COLUMNS]
    derived = [f for f in data_files if f.stem not in COLUMNS]

    def files(fs):
        return ", ".join(f'<a href="data/{html.escape(f.name)}">{html.escape(f.name)}</a>' for f in fs) or "none"

    body = (f"<h1>Labour NEC elections, {year}</h1>"
            f"<p>Who stood for the constituency (CLP) and local-government places on Labour's National "
            f"Executive Committee in {year}, who nominated them, how members voted and who was elected. "
            f"Each page below answers one question for {year}; every table links to the tidy CSV "
            f"behind it.</p>"
            f'<h2>Pages</h2><ul class="pages">{"".join(items)}</ul>'
            f"<h2>Elections at a glance</h2>{table_html(glance, f'Elections held in {year}')}"
            f'<p class="csv-link">Data: <a href="data/elections.csv">elections.csv</a></p>'
            f"<h2>Sources</h2>{sources_html(tables['sources'])}"
            f'<p class="csv-link">Data: <a href="data/sources.csv">sources.csv</a></p>'
            f"<h2>Data</h2><p>The {year} rows of every table in the tidy dataset: {files(processed)}.</p>"
            f"<p>The tables shown on the pages: {files(derived)}.</p>")
    dest = out_dir / "index.html"
    tmp = _tmp_for(dest)
    tmp.write_text(page(f"{SITE_TITLE}, {year}", body, _year_nav(year, site=site), "index.html",
                        home="index.html", home_label=f"{SITE_TITLE}: {year}"), encoding="utf-8")
    _replace(tmp, dest)
    print(f"[report {year}] index -> {dest}", flush=True)
    return dest


# ---------------------------------------------------------------------------------------
# Site index: cross-year charts
# ---------------------------------------------------------------------------------------

def cross_year_frames(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tidy frames for the site charts: seats by slate, women elected, incumbents, threshold."""
    from . import analysis as an

    ids = an.election_ids(tables)
    slates = an.slate_summary(tables).table
    seats = (slates[["election_id", "slate_family", "elected"]] if not slates.empty
             else pd.DataFrame(columns=["election_id", "slate_family", "elected"]))
    gender = an.gender_summary(tables, ids).table
    women = gender[(gender["group"] == "elected") & gender["scope"].isin(ids)][
        ["scope", "n", "women", "men", "unknown"]].rename(columns={"scope": "election_id"})
    inc = an.incumbency(tables).table[["election_id", "seats", "incumbents_standing", "re_elected",
                                       "defeated", "newly_elected", "incumbency_unknown"]]
    thr = an.winning_margins(tables).table
    el = tables["elections"].set_index("election_id")
    thr_all = pd.DataFrame({"election_id": ids})
    thr_all["voting_system"] = thr_all["election_id"].map(el["voting_system"])
    if not thr.empty:
        thr_all = thr_all.merge(thr[["election_id", "last_elected", "threshold_votes", "first_loser",
                                     "first_loser_votes", "margin"]], on="election_id", how="left")
    else:
        thr_all["threshold_votes"] = pd.NA
    return {"seats-by-slate": seats, "women-elected": women, "incumbents": inc, "winning-threshold": thr_all}


def _site_charts(frames: dict[str, pd.DataFrame], tables) -> list[str]:
    import numpy as np

    parts: list[str] = []
    ids = list(tables["elections"].sort_values(["year", "section", "election_type"])["election_id"])
    labels = [short_name(e) for e in ids]
    src = "data/processed (candidacies, results, candidates); published sources listed on each year's page"

    # seats by slate
    s = frames["seats-by-slate"]
    if s.empty:
        parts.append('<p class="no-data">No seats by slate: no candidacies in the data.</p>')
    else:
        piv = s.pivot_table(index="election_id", columns="slate_family", values="elected", aggfunc="sum",
                            fill_value=0).reindex(ids, fill_value=0)
        fams = [f for f in charts.SLATE_ORDER if f in piv.columns]
        lead = piv.sum().sort_values(ascending=False)
        title = (f"{charts.slate_label(lead.index[0])} candidates won {int(lead.iloc[0])} of "
                 f"{int(piv.to_numpy().sum())} seats across the {len(ids)} elections")
        fig, ax = charts.figure(title, src, "Seats won, by slate family", figsize=(8.5, 4.6))
        left = np.zeros(len(ids))
        for f in fams:
            ax.barh(labels, piv[f], left=left, color=charts.slate_colour(f), label=charts.slate_label(f))
            left += piv[f].to_numpy()
        ax.invert_yaxis()
        ax.set_xlabel("seats won")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        alt = "Stacked bar chart of seats won by slate family in each election: " + "; ".join(
            f"{short_name(e)}: " + ", ".join(f"{charts.slate_label(f)} {int(piv.loc[e, f])}"
                                             for f in fams if piv.loc[e, f]) for e in ids) + "."
        parts.append(charts.figure_html(fig, alt))
        charts.plt.close(fig)

    # women elected
    w = frames["women-elected"].set_index("election_id").reindex(ids)
    if w["n"].fillna(0).sum() == 0:
        parts.append('<p class="no-data">No gender figures for the elected.</p>')
    else:
        total_w, total_n = int(w["women"].fillna(0).sum()), int(w["n"].fillna(0).sum())
        fig, ax = charts.figure(f"{total_w} of the {total_n} places filled in these elections went to women",
                                "candidate registry (gender only where a source states it); results",
                                "Elected, by gender", figsize=(8.5, 4.6))
        left = np.zeros(len(ids))
        for key, col in (("F", "women"), ("M", "men"), ("unknown", "unknown")):
            vals = w[col].fillna(0).to_numpy()
            ax.barh(labels, vals, left=left, color=charts.gender_colour(key), label=charts.gender_label(key))
            left += vals
        ax.invert_yaxis()
        ax.set_xlabel("candidates elected")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        alt = "Stacked bar chart of candidates elected by gender in each election: " + "; ".join(
            f"{short_name(e)}: {int(w.loc[e, 'women'] or 0)} women, {int(w.loc[e, 'men'] or 0)} men"
            + (f", {int(w.loc[e, 'unknown'])} not stated" if w.loc[e, 'unknown'] else "")
            for e in ids if not pd.isna(w.loc[e, "n"])) + "."
        parts.append(charts.figure_html(fig, alt))
        charts.plt.close(fig)

    # incumbents
    inc = frames["incumbents"].set_index("election_id").reindex(ids)
    known = inc[inc["incumbents_standing"].fillna(0) > 0]
    if known.empty:
        parts.append('<p class="no-data">No election has incumbency data.</p>')
    else:
        re_el, standing = int(known["re_elected"].sum()), int(known["incumbents_standing"].sum())
        fig, ax = charts.figure(f"{re_el} of {standing} incumbents who stood again were re-elected",
                                "candidacies (incumbency from the previous result or a sourced override)",
                                "Incumbents standing again: re-elected or defeated", figsize=(8.5, 4.2))
        kl = [short_name(e) for e in known.index]
        ax.barh(kl, known["re_elected"], color="#333333", label="Re-elected")
        ax.barh(kl, known["defeated"], left=known["re_elected"], color="#bbbbbb", label="Defeated")
        ax.invert_yaxis()
        ax.set_xlabel("incumbents")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        missing = [short_name(e) for e in ids if e not in known.index]
        alt = ("Stacked bar chart of incumbents re-elected and defeated: " + "; ".join(
            f"{short_name(e)}: {int(r['re_elected'])} re-elected, {int(r['defeated'])} defeated"
            for e, r in known.iterrows()) + "." + (f" Not known for {', '.join(missing)}." if missing else ""))
        parts.append(charts.figure_html(fig, alt))
        charts.plt.close(fig)
        if missing:
            parts.append(f'<p class="no-data">Incumbency is not known for {html.escape(", ".join(missing))} '
                         "(the previous election is not in the data).</p>")

    # threshold
    # Only regular CLP-section elections are comparable: a by-election for two seats and the
    # councillors' section (a few thousand electors) are different contests.
    el = tables["elections"].set_index("election_id")
    comparable = [e for e in ids if el.loc[e, "section"] == "clp" and el.loc[e, "election_type"] == "regular"]
    t = frames["winning-threshold"].set_index("election_id").reindex(comparable)
    have = t[t["threshold_votes"].notna()]
    if have.empty:
        parts.append('<p class="no-data">No CLP-section election has vote figures for both winners and '
                     "losers.</p>")
    else:
        hi, lo = have["threshold_votes"].astype(float).idxmax(), have["threshold_votes"].astype(float).idxmin()
        fig, ax = charts.figure(
            f"The last CLP seat needed {charts.fmt_int(have.loc[lo, 'threshold_votes'])} votes in "
            f"{lo[:4]} and {charts.fmt_int(have.loc[hi, 'threshold_votes'])} in {hi[:4]}",
            "results (votes of the last candidate elected)",
            "Votes of the last candidate elected, regular CLP-section elections with published votes",
            figsize=(8.5, 3.6))
        kl = [short_name(e) for e in have.index]
        bars = ax.barh(kl, have["threshold_votes"].astype(float), color="#555555")
        charts.label_bars(ax, bars, have["threshold_votes"].astype(float))
        charts.thousands(ax, "x")
        ax.invert_yaxis()
        ax.set_xlabel("votes")
        missing = [short_name(e) for e in comparable if e not in have.index]
        alt = ("Bar chart of the votes won by the last candidate elected in regular CLP-section elections: " + "; ".join(
            f"{short_name(e)}: {charts.fmt_int(r['threshold_votes'])}" for e, r in have.iterrows()) + "."
               + (f" No vote figures for {', '.join(missing)}." if missing else ""))
        parts.append(charts.figure_html(fig, alt))
        charts.plt.close(fig)
        if missing:
            parts.append(f'<p class="no-data">No winning threshold for {html.escape(", ".join(missing))}: '
                         "the sources give who was elected but not every candidate's votes "
                         "(2022 was counted by single transferable vote).</p>")
    return parts


def build_site(out_root: Path, data_dir: Path | None = None) -> Path:
    """``out_root/index.html``: links to every year and the cross-year charts."""
    tables = load_tables(data_dir)
    charts.apply_style()
    frames = cross_year_frames(tables)
    (out_root / "data").mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        write_download(df, out_root / "data" / f"{name}.csv")
    years = available_years(data_dir)
    year_links = "".join(
        f'<li><a href="{y}/index.html">{y}</a> — '
        f"{html.escape(', '.join(election_name(tables, e) for e in elections_of_year(tables, y)))}</li>"
        for y in years if (out_root / str(y) / "index.html").exists())
    chart_html = _site_charts(frames, tables)
    csvs = ", ".join(f'<a href="data/{n}.csv">{n}.csv</a>' for n in frames)
    body = (f"<h1>{SITE_TITLE}: nominations, slates and results</h1>"
            "<p>How the nominations candidates gather from local parties relate to the members' votes "
            "they then win in the elections for Labour's National Executive Committee — which slates, "
            "which candidates, which parts of the country — and how that has changed from one election "
            "to the next. Every figure comes from a named, dated, published source.</p>"
            f'<h2>Reports by year</h2><ul class="pages">{year_links}</ul>'
            "<h2>Across the years</h2>" + "".join(chart_html)
            + f'<p class="csv-link">Data behind these charts: {csvs}</p>')
    nav = [(f"{y}/index.html", str(y)) for y in years if (out_root / str(y) / "index.html").exists()]
    dest = out_root / "index.html"
    tmp = _tmp_for(dest)
    tmp.write_text(page(SITE_TITLE, body, nav, None), encoding="utf-8")
    _replace(tmp, dest)
    print(f"[report] site index -> {dest}", flush=True)
    return dest


def page_inputs(notebook: Path, data_dir: Path | None = None) -> list[Path]:
    """What a page is made from: its notebook, the library and the processed tables."""
    lib = sorted(p for p in (project_root() / "nec_analysis").rglob("*") if p.is_file()
                 and (p.suffix == ".py" or {"templates", "static"} & set(p.parts)))
    return [Path(notebook), *lib, *sorted(data_folder(data_dir).glob("*.csv"))]


def out_of_date(target: Path, inputs: list[Path]) -> bool:
    """make's rule: ``target`` is missing or older than one of ``inputs``."""
    if not target.exists():
        return True
    built = target.stat().st_mtime
    return any(p.stat().st_mtime > built for p in inputs)


def build(out_dirs: dict[int, Path], data_dir: Path | None = None, site: Path | None = None,
          force: bool = False, workers: int | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> list[Path]:
    """Build the out-of-date pages of every year in ``out_dirs`` (year -> folder), then indexes.

    A page is rebuilt when it is missing or older than its notebook, the library or the
    processed tables (``force``: always). Every page to build, of every year, is one job;
    jobs run in forked processes, ``workers`` at a time (default: one per core), each a
    clean papermill run on the ``inprocess`` engine. Then each year with a rebuilt page
    gets its data copies and index, and ``site`` (the reports folder) its site index.

    A notebook that fails (or runs past ``timeout`` seconds) leaves neither its page nor its
    year's index behind; every other page, year and the site index (linking only to years
    that have an index) are still built, and then every failure is raised together as one
    :class:`BuildFailed`, each naming its notebook, year, cell and the cell's source.
    """
    from .site.engine import run_jobs

    for year in out_dirs:
        _check_year(year, data_dir)
    notebooks = notebook_paths()
    jobs, names = [], []
    for year, out_dir in sorted(out_dirs.items()):
        for nb in notebooks:
            if force or out_of_date(out_dir / f"{nb.stem}.html", page_inputs(nb, data_dir)):
                work = project_root() / "build" / "notebooks" / str(year)
                jobs.append((build_page, (nb, year, out_dir, data_dir),
                             {"work_dir": work, "site": site is not None, "engine": ENGINE, "timeout": timeout}))
                names.append((year, nb.stem))
    start = time.monotonic()
    if jobs:
        print(f"[report] {len(jobs)} page(s) to build for {', '.join(map(str, sorted(out_dirs)))} "
              f"on {min(workers or os.cpu_count() or 1, len(jobs))} process(es)", flush=True)
    done = [0]

    def progress(index: int, ok: bool, _result: object) -> None:
        done[0] += 1
        year, stem = names[index]
        print(f"[report] {done[0]}/{len(jobs)} {'built' if ok else 'FAILED'}: {year} {stem}", flush=True)

    results = run_jobs(jobs, workers, on_result=progress)
    failed = [(names[i][0], err) for i, (ok, err) in enumerate(results) if not ok]
    inputs = [p for nb in notebooks for p in page_inputs(nb, data_dir)]
    built = []
    for year, out_dir in sorted(out_dirs.items()):
        index = out_dir / "index.html"
        if any(y == year for y, _ in failed):
            index.unlink(missing_ok=True)  # it would link to a page that is not there
            continue
        if force or any(y == year for y, _ in names) or out_of_date(index, inputs):
            copy_data(year, out_dir, data_dir)
            built.append(build_index(year, out_dir, data_dir, site=site is not None))
    if site is not None:
        built.append(build_site(site, data_dir))
    if jobs:
        print(f"[report] {len(jobs) - len(failed)} of {len(jobs)} page(s) built in "
              f"{time.monotonic() - start:.1f}s", flush=True)
    if failed:
        raise BuildFailed([str(err) if isinstance(err, (NotebookFailed, JobFailed))
                           else f"year {y}: {type(err).__name__}: {err}" for y, err in failed])
    return built


def build_year(year: int, out_dir: Path, data_dir: Path | None = None, site: bool = False) -> Path:
    """Everything of one year in one call (tests, fixtures): data, every page, index."""
    build({int(year): Path(out_dir)}, data_dir, site=Path(out_dir).parent if site else None, force=True)
    return Path(out_dir) / "index.html"


def main(argv: list[str] | None = None) -> int:
    """``python -m nec_analysis.report build --year 2014`` (or ``--all --site``), and the parts."""
    parser = argparse.ArgumentParser(prog="python -m nec_analysis.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the out-of-date pages of the years given, then their indexes")
    b.add_argument("--year", type=int, action="append", default=[], help="a year (repeatable)")
    b.add_argument("--all", action="store_true", help="every year in the data")
    b.add_argument("--site", action="store_true", help="also the site index, reports/index.html")
    b.add_argument("--force", action="store_true", help="rebuild every page, not only the out-of-date ones")
    b.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: one per core)")
    b.add_argument("--out", type=Path, default=None, help="the reports folder (default: reports)")
    b.add_argument("--data-dir", type=Path, default=None, help="default: data/processed")
    timeout_help = f"seconds a notebook may run before it fails (default {DEFAULT_TIMEOUT:g}; 0: no limit)"
    b.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=timeout_help)
    b.add_argument("--notebooks", type=Path, default=None, help="the notebooks folder (default: notebooks)")
    p = sub.add_parser("page", help="build one page (one notebook, one year)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, default=None, help="default: reports/<year>")
    p.add_argument("--data-dir", type=Path, default=None, help="default: data/processed")
    p.add_argument("--kernel", action="store_true", help="run on the Jupyter kernel, not in-process")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=timeout_help)
    p.add_argument("notebook", type=Path)
    s = sub.add_parser("site", help="only the site index, reports/index.html")
    s.add_argument("--out", type=Path, default=None, help="default: reports")
    s.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    root = project_root()
    try:
        if args.command == "site":
            build_site(args.out or root / "reports", args.data_dir)
        elif args.command == "page":
            _check_year(args.year, args.data_dir)
            out = args.out or root / "reports" / str(args.year)
            if args.kernel:
                build_page(args.notebook, args.year, out, args.data_dir, timeout=args.timeout)
            else:
                from .site.engine import run_jobs

                [(ok, err)] = run_jobs([(build_page, (args.notebook, args.year, out, args.data_dir),
                                         {"engine": ENGINE, "timeout": args.timeout})])
                if not ok:
                    raise err
        else:
            years = available_years(args.data_dir) if args.all else args.year
            if not years:
                parser.error("build: give --year YEAR (repeatable) or --all")
            reports = args.out or root / "reports"
            _NOTEBOOKS["dir"] = args.notebooks
            build({y: reports / str(y) for y in years}, args.data_dir, reports if args.site else None,
                  args.force, args.jobs, args.timeout)
    except (NotebookFailed, JobFailed, BuildFailed) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    # Run the importable module's main, not this __main__ copy: jobs sent to the worker
    # processes and the errors they send back must name classes a process can import.
    from nec_analysis.report import main as _main

    sys.exit(_main())
