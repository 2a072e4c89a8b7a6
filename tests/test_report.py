"""Report page helpers: what a reader sees in place of the dataset's ids."""

from __future__ import annotations

import pandas as pd

from nec_analysis import notebook as report
from nec_analysis.io import load_tables


def test_page_tables_show_names_not_ids(monkeypatch) -> None:
    tables = load_tables()
    monkeypatch.setitem(report._TABLES, "tables", tables)
    df = pd.DataFrame({"scope": ["2014-clp", "2014 all sections"], "candidate_id_man": ["ken-livingstone", None],
                       "slate_family": ["grassroots_left", "labour_right"], "gender": ["F", None],
                       "source_id": ["2014_clp_results_labourlist", None]})
    shown = report._in_words(df)
    assert list(shown.columns) == ["election", "man", "slate", "gender", "source"]
    assert shown.loc[0, "election"] == "the 2014 CLP-section election"
    assert shown.loc[1, "election"] == "2014 all sections"  # not an election id: left as it is
    assert shown.loc[0, "man"] == "Ken Livingstone"
    assert list(shown["slate"]) == ["Grassroots left", "Labour right"]
    assert list(shown["gender"]) == ["woman", "not stated"]
    assert shown.loc[0, "source"].startswith("LabourList (2014-08")
    assert list(df.columns)[0] == "scope"  # the caller's frame (and so its CSV) keeps the ids


def test_disagreements_name_both_sources_and_the_measure_in_words(monkeypatch) -> None:
    tables = load_tables()
    monkeypatch.setitem(report._TABLES, "tables", tables)
    d = tables["discrepancies"]
    shown = report._in_words(d[(d["election_id"] == "2014-clp") & (d["measure"] == "nominations_total")])
    total = shown.iloc[0]
    assert total["what"] == "the total number of nominations"
    assert total["source of b"].startswith("sum of the candidates' figures in LabourList")
    assert "Left Futures" in total["source of a"]
    assert total["election"] == "the 2014 CLP-section election"


# --- safe downloads and commands -------------------------------------------------------------

import stat  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from nec_analysis import notebook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd", "'-2+3+cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("\tTab", "'\tTab"), ("\rCR", "'\rCR"),
    ("Ann Black", "Ann Black"), ("-4", "-4"), ("+712", "+712"), ("-1,234.5", "-1,234.5"), (-4, -4), (None, None),
])
def test_a_download_cell_a_spreadsheet_would_run_is_neutralised(cell: object, expected: object) -> None:
    assert notebook.neutralise(cell) == expected


def test_downloads_keep_numbers_and_are_world_readable(tmp_path: Path) -> None:
    df = pd.DataFrame({"display_name": ["=1+1", "Ann Black", "@me"], "change": [-4, 3, 0], "=col": ["a", "b", "c"]})
    path = notebook.write_download(df, tmp_path / "data" / "t.csv")
    back = pd.read_csv(path)
    assert list(back["display_name"]) == ["'=1+1", "Ann Black", "'@me"]
    assert list(back["change"]) == [-4, 3, 0] and list(back.columns) == ["display_name", "change", "'=col"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert list(df["display_name"]) == ["=1+1", "Ann Black", "@me"]  # the caller's frame is untouched


def test_pages_are_world_readable(tmp_path: Path) -> None:
    import os
    import tempfile

    from nec_analysis.site import render

    fd, name = tempfile.mkstemp(dir=tmp_path)  # what the page writer starts from ...
    os.close(fd)
    assert stat.S_IMODE(Path(name).stat().st_mode) == 0o600
    dest = render.render("base.html.j2", tmp_path / "p.html", title="t", heading="h", nav=[], home="index.html",
                         home_label="home")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o644  # ... is not what a reader's server gets


@pytest.mark.parametrize("year", ["2014 ; touch {marker} #", "2014`touch {marker}`", "$(shell touch {marker})",
                                  '2014"; touch {marker}; echo "', "2014 2012", "20145", "201a", "", "%"])
def test_make_report_accepts_only_one_four_digit_year(year: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    run = subprocess.run(["make", "--no-print-directory", "report", f"YEAR={year.format(marker=marker)}"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stdout[-500:]
    assert "YEAR must be one four-digit year" in run.stderr
    assert run.stdout == "" and not marker.exists()  # stopped before any recipe ran


def test_make_report_names_the_available_years_for_a_year_not_in_the_data() -> None:
    run = subprocess.run(["make", "--no-print-directory", "report", "YEAR=1999"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "YEAR=1999: no NEC election in that year" in run.stderr
    assert "2014" in run.stderr.split("Available years:")[1]


# --- story first: leads and words a reader can read ---------------------------------------


def test_a_finding_loses_its_scope_and_a_long_one_is_cut_to_its_first_sentence(monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    monkeypatch.setitem(notebook._OUTPUT, "lead_shown", False)
    notebook.lead_from(["In the 2014 CLP-section election, 5 of the 6 incumbents who stood were re-elected (83%).",
                        "In the 2014 CLP-section election, Peter Wheeler was replaced by Kate Osamor. More text.",
                        "Across all sections in 2014, 7 of the 17 candidates were women."], headline_at=1)
    notebook.lead("A second lead", "is not shown: a page has one headline")
    assert len(shown) == 1
    page = shown[0]
    assert '<p class="headline">Peter Wheeler was replaced by Kate Osamor</p>' in page
    assert "More text. 5 of the 6 incumbents who stood were re-elected (83%)." in page
    assert "In the 2014" not in page and "Across all" not in page


def test_internal_paths_never_reach_a_reader() -> None:
    assert notebook.public_text("facts.csv research notes (shared/sources) (2014)") == "the project's research notes (2014)"
    assert notebook.public_text("Labour NEC (headline not in stored copy; URL slug: rolling-list-2022)") == "Labour NEC"
    assert notebook.public_text("LabourList 2014-08-20 'Results' (shared/sources/articles/002_5d.txt): 'The'") \
        == "LabourList 2014-08-20 'Results': 'The'"
    assert notebook.public_text("Ann Black led with 220") == "Ann Black led with 220"


def test_a_chart_credits_only_its_own_elections_sources() -> None:
    tables = load_tables()
    src = tables["sources"]
    by = src[src["election_type"] == "by-election"]
    assert not by.empty  # the data has a by-election to tell apart
    year, section = int(by["year"].iloc[0]), by["section"].iloc[0]
    regular = notebook.sources_used(tables, [f"{year}-{section}"])
    by_only = set(by.loc[(by["year"] == year) & (by["section"] == section), "publisher"])
    regular_only = set(src.loc[(src["year"] == year) & (src["section"] == section)
                               & (src["election_type"] == "regular"), "publisher"])
    assert all(p in regular for p in regular_only)
    assert not any(p in regular for p in by_only - regular_only)
    assert "shared/sources" not in notebook.sources_used(tables, ["2014-clp"])
