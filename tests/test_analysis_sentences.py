"""Sentences agree with the tables beside them, and the tables of one page with each other.

Every number in every sentence of a topic page is regenerated from the tables that page
shows (tests/sentence_check.py: percentages under the one rounding rule, counts as whole
cells or column totals), for every election in data/processed/. Issue 11 found 2014 Slates
saying 54.2% in its table and 54.5% in its text, and 2012 giving the left 1,067 and 1,116
nominations; those are the cases the checks below would catch.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sentence_check import PAGES, numbers_not_in_tables, page_contradictions

from nec_analysis.io import processed_dir

REAL = processed_dir() / "elections.csv"
REAL_IDS = list(pd.read_csv(REAL)["election_id"]) if REAL.is_file() else []


@pytest.fixture(scope="module")
def real() -> dict[str, pd.DataFrame]:
    from nec_analysis.io import load_tables

    return load_tables()


@pytest.mark.skipif(not REAL_IDS, reason="data/processed not built yet")
@pytest.mark.parametrize("eid", REAL_IDS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.__name__)
def test_every_number_in_a_sentence_comes_from_the_tables_shown(real, page, eid):
    shown, sentences = page(real, eid)
    assert numbers_not_in_tables(sentences, shown, real) == []
    assert page_contradictions(shown) == []


def test_the_check_catches_a_percentage_rounded_another_way():
    shown = {"slate-summary": pd.DataFrame({"slate_family": ["left"], "nominations_share_pct": [54.23]})}
    assert numbers_not_in_tables(["The left had 54.2% of nominations."], shown) == []
    assert numbers_not_in_tables(["The left had 54% of nominations."], shown) == [
        "54% in: The left had 54% of nominations."]
    assert numbers_not_in_tables(["The left had 54.5% of nominations."], shown) != []


def test_the_check_catches_two_tables_disagreeing():
    """2012 as issue 11 found it: 1,067 nominations for the left in one table, 1,116 in the other."""
    shown = {"slate-summary": pd.DataFrame({"slate_family": ["grassroots_left"], "nominations": [1067],
                                            "nominations_share_pct": [35.0]}),
             "slate-nomination-shares": pd.DataFrame({"slate_family": ["grassroots_left"], "nominations": [1116],
                                                      "share_pct": [33.8]})}
    assert len(page_contradictions(shown)) == 2
