"""The notebooks' own code, run on synthetic elections (tests/notebook_run.py runs their cells
in this process): every cell path runs on any election the data can hold, every sentence a
page shows agrees with the tables that page shows, and a year with a by-election beside the
regular election in one section shows both, each chart crediting only its own sources.

Bounded: two explicit examples (the emptiest election; a partial STV list without votes beside
a by-election, after an election without nominations, with tied figures) and one generated
(derandomized, so the suite's time is stable); NEC_HYPOTHESIS_EXAMPLES=N searches wider, with
fresh examples each run (N=15 passed when this was written).
"""

from __future__ import annotations

import contextlib
import io

import pandas as pd
from hypothesis import example, given, settings
from notebook_run import NOTEBOOKS, Page, run_all, run_notebook
from sentence_check import numbers_not_in_tables, page_contradictions
from synthetic_elections import Spec, build
from test_analysis_properties import SETTINGS, WIDE, specs

from nec_analysis import notebook as nb

YEAR = 2030
PAGES_BY_ELECTION = ["20-compare-slates", "30-count-gender", "40-track-incumbency", "50-compare-nominations-votes",
                     "60-map-regions"]
#: Each synthetic election's own sources (tests/synthetic_elections.py): publishers on a chart's source line.
OWN_SOURCES = {"2030-clp": {"Nom Pub", "Res Pub"}, "2030-clp-by-election": {"By Pub"}}


def _quiet_run_all(tables: dict[str, pd.DataFrame]) -> dict[str, Page]:
    with contextlib.redirect_stdout(io.StringIO()):  # the headline cells print for nbval
        return run_all(tables, YEAR)


def _stated(tables: dict[str, pd.DataFrame], page: Page) -> dict[str, pd.DataFrame]:
    """What a page's sentences may quote: the tables it shows, and the year's elections (seats,
    candidates) its overview names."""
    el = tables["elections"]
    return {**page.tables, "elections": el[el["year"] == YEAR].drop(columns=["year"])}


def test_two_elections_in_one_section_and_year_each_have_their_part_of_every_page():
    """A by-election and the regular election of the CLP section in one year: each page that
    analyses one election shows each under its own heading, with its own tables, and each
    chart's source line names only that election's sources. (Before, each page showed the
    regular election only.)"""
    tables = build(Spec(by_election=True))
    names = {nb.report_name(tables, eid): eid for eid in OWN_SOURCES}
    charted: dict[str, set[str]] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        pages = {stem: run_notebook(p, tables, YEAR) for p in NOTEBOOKS if (stem := p.stem) in PAGES_BY_ELECTION}
    for stem, page in pages.items():
        assert set(page.headings) == set(names), stem
        assert all(any(t.endswith(eid) for t in page.tables) for eid in OWN_SOURCES
                   if stem != "60-map-regions"), (stem, list(page.tables))
        for chart in page.charts:
            eid = names[chart.under]
            publishers = {p for own in OWN_SOURCES.values() for p in own if p in chart.source}
            assert publishers and publishers <= OWN_SOURCES[eid], (stem, eid, chart.source)
            charted.setdefault(stem, set()).add(eid)
    # the slates, gender and incumbency pages draw a chart for each election
    assert {k: v for k, v in charted.items() if k != "50-compare-nominations-votes"} == {
        stem: set(OWN_SOURCES) for stem in PAGES_BY_ELECTION[:3]}


def _per_election(shown: dict[str, pd.DataFrame], eid: str) -> dict[str, pd.DataFrame]:
    """The tables a page shows for ``eid``, by their name without the election ('slate-summary')."""
    return {name.removesuffix(f"-{eid}"): df for name, df in shown.items() if name.endswith(f"-{eid}")}


@settings(SETTINGS, max_examples=WIDE or 1)
@example(Spec(n=0, nominations="none", results="none", previous="none"))  # a row, nothing else yet
@example(Spec(seats=9, n=12, system="stv", nominations="interim", results="partial", previous="without_nominations",
              by_election=True, figures=(30, 30, 12, 7)))
@given(specs)
def test_every_notebook_cell_runs_and_its_sentences_agree_with_its_tables(spec):
    """Any mix of missing parts: every cell of every notebook runs; every number in a sentence
    is a cell (or column total) of a table the page shows; two tables of a page agree on a
    measure; every chart has a title, a source line and alt text; a partial results list
    makes no claim about every seat and the page says the list is partial."""
    tables = build(spec)
    pages = _quiet_run_all(tables)  # an exception in any cell fails the example
    for stem, page in pages.items():
        assert page.sentences(), stem
        assert numbers_not_in_tables(page.sentences(), _stated(tables, page), tables) == [], (stem, spec)
        for eid in tables["elections"]["election_id"]:
            assert page_contradictions(_per_election(page.tables, eid)) == [], (stem, eid, spec)
        for chart in page.charts:
            assert chart.title and chart.source.startswith("Source: ") and chart.alt, (stem, chart)
    said = " ".join(s for page in pages.values() for s in page.sentences())
    if spec.results == "partial" and spec.n > 1:
        assert "the last seat went to" not in said and "not defended" not in said, spec
        assert "partial" in said, spec
