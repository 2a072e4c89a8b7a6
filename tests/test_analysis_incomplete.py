"""Years as the data really holds them (issue 11): an election with no candidacies yet, a
previous election without nominations, partial results, two elections in one section and
year, unknown genders, interim nominations. Each case failed or overclaimed before the move
to nec_analysis/analysis/ (KeyError 'elected'; a division by a total that was None; 'the last
seat went to ...' from 5 of 9 winners; charts crediting both elections' sources)."""

from __future__ import annotations

import pandas as pd
import pytest
from synthetic_elections import Spec, build, frame
from test_analysis import FUNCTIONS, _not_plain

from nec_analysis import analysis as A
from nec_analysis.io import processed_dir
from nec_analysis.words import describe as D
from nec_analysis.words.labels import sources_for

HAVE_DATA = (processed_dir() / "elections.csv").is_file()


@pytest.fixture(scope="module")
def real() -> dict[str, pd.DataFrame]:
    from nec_analysis.io import load_tables

    return load_tables()


def _add_election(tables, **row) -> dict[str, pd.DataFrame]:
    out = dict(tables)
    out["elections"] = pd.concat([tables["elections"], frame("elections", [row])], ignore_index=True)
    return out


def _everything(tables, eid, every_election: bool = False) -> None:
    """Every analysis of ``eid`` runs and says why when empty; ``every_election``: also the
    analyses over all elections at once (once per new row is enough: they are the slowest)."""
    for name, f in FUNCTIONS.items():
        out = f(tables, eid)
        notes = out.notes if isinstance(out, A.Result) else out
        if isinstance(out, A.Result) and out.table.empty:
            assert notes, name
        assert _not_plain(notes) == [], (name, notes)
    if every_election:
        for res in (A.slate_summary(tables), A.incumbency(tables), A.gender_summary(tables),
                    A.winning_margins(tables), A.rank_correlation(tables), A.stated_vs_derived(tables)):
            assert isinstance(res.table, pd.DataFrame)
    assert D.findings(eid, tables)


@pytest.mark.skipif(not HAVE_DATA, reason="data/processed not built yet")
def test_an_election_row_with_no_candidacies_yet(real):
    """README tells a journalist to add the elections.csv row first: every analysis must still run."""
    t = _add_election(real, election_id="2024-clp", year=2024, section="clp", election_type="regular", seats=9,
                      voting_system="stv")
    _everything(t, "2024-clp", every_election=True)
    assert D.describe_slates(t, "2024-clp") == ["In the 2024 CLP-section election, no candidates are recorded."]
    assert A.slate_summary(t, "2024-clp").table.columns.tolist() == A.slates.SUMMARY_COLUMNS


@pytest.mark.skipif(not HAVE_DATA, reason="data/processed not built yet")
def test_a_previous_election_without_nominations_does_not_break_the_next(real):
    """Adding 2020 (candidates, no nomination figures) made 2022 divide by a previous total of None."""
    t = _add_election(real, election_id="2020-clp", year=2020, section="clp", election_type="regular", seats=9,
                      voting_system="stv")
    some = real["candidacies"][real["candidacies"]["election_id"] == "2022-clp"].head(3)
    t["candidacies"] = pd.concat([real["candidacies"], some.assign(election_id="2020-clp")], ignore_index=True)
    res = A.slate_nomination_shares(t, "2022-clp")
    assert not res.table.empty and res.table["prev_share_pct"].isna().all()
    assert any("2020 CLP-section election, no source gives nomination figures" in n for n in res.notes)
    _everything(t, "2022-clp")
    _everything(t, "2020-clp")


def test_partial_results_claim_nothing_about_every_seat():
    """5 of 9 winners listed: no last seat, no margin, no seats not defended; shares of those listed."""
    t = build(Spec(seats=9, n=14, results="partial", families=("grassroots_left", "labour_right"),
                   incumbents=(True, False)))
    assert A.winning_margins(t, "2030-clp").table.empty
    assert "the results list is partial" in A.winning_margins(t, "2030-clp").notes[0]
    inc = A.incumbency(t, "2030-clp").table.iloc[0]
    assert pd.isna(inc["seats_not_defended"]) and inc["incumbents_outcome_unknown"] > 0
    text = " ".join(D.describe_nominations_vs_votes(t, "2030-clp") + D.describe_incumbency(t, "2030-clp")
                    + D.describe_slates(t, "2030-clp"))
    assert "the last seat went to" not in text and "not defended" not in text
    assert "incumbents whose result is known" in text
    listed = int(t["results"]["candidate_id"].nunique())
    assert f"of the votes of the {listed} candidates listed" in text
    assert "at least" in " ".join(D.describe_slates(t, "2030-clp"))  # seats: some outcomes unknown


def test_two_elections_in_one_section_and_year_are_analysed_and_credited_apart():
    t = build(Spec(by_election=True))
    by, regular = "2030-clp-by-election", "2030-clp"
    assert set(A.slate_summary(t, by).table["candidates"]) == {2}
    assert A.slate_summary(t, regular).table["candidates"].sum() == 8
    assert sources_for(t, [by]) == "By Pub (February 2030)"
    assert "By Pub" not in sources_for(t, [regular]) and "Res Pub (September 2030)" in sources_for(t, [regular])
    assert sources_for(t, [regular], "results") == "Res Pub (September 2030)"


def test_unknown_genders_give_at_least():
    t = build(Spec(n=6, genders=("F", None, "M")))
    text = " ".join(D.describe_gender(t, "2030-clp"))
    assert "at least 2 of the 6 candidates on the ballot paper were women and at least 2 were men;" \
           " no source states the gender of 2" in text


def test_interim_nominations_are_called_interim_with_their_date():
    t = build(Spec(nominations="interim"))
    lead = D.describe_nominations(t, "2030-clp")[0]
    assert "the interim figures, as they stood on 1 June 2030" in lead


def test_votes_per_seat_adds_only_winners_votes():
    t = build(Spec(seats=2, n=4, families=("grassroots_left",), figures=(40, 30, 20, 10)))
    row = A.slate_summary(t, "2030-clp").table.set_index("slate_family").loc["grassroots_left"]
    assert row["votes"] == 10000 and row["elected"] == 2
    assert row["votes_per_seat"] == (4000 + 3000) / 2  # not 10,000 / 2


@pytest.mark.skipif(not HAVE_DATA, reason="data/processed not built yet")
def test_slate_figures_are_numbers_even_where_none_were_published(real):
    """2022 published no votes: the chart reads votes_share_pct as floats (NaN), never pd.NA objects."""
    for eid in real["elections"]["election_id"]:
        table = A.slate_summary(real, eid).table
        assert all(table[c].dtype == float for c in A.slates.FIGURE_COLUMNS), eid
