"""Report page helpers: what a reader sees in place of the dataset's ids."""

from __future__ import annotations

import pandas as pd

from nec_analysis import report
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
