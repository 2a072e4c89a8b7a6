"""The base modules: election ids round-trip and refuse what is not one; vocabularies are single."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_analysis import paths, vocab
from nec_analysis.ids import ElectionId


@pytest.mark.parametrize("text", ["2014-clp", "2014-local_government", "2020-clp-by-election",
                                  "2021-local_government-by-election-2"])
def test_election_ids_round_trip(text: str) -> None:
    assert str(ElectionId.parse(text)) == text


@pytest.mark.parametrize("text", ["2014", "14-clp", "2014-CLP", "2014-clp-by-election-1", "2014-clp-2",
                                  "2014-youth", "2014-clp-by-election ", " 2014-clp"])
def test_what_is_not_an_election_id_is_refused_saying_what_was_expected(text: str) -> None:
    with pytest.raises(ValueError, match="expected <year>-<section>"):
        ElectionId.parse(text)
    assert not ElectionId.is_valid(text)


def test_every_election_in_the_data_has_a_valid_id_and_its_parts_agree() -> None:
    elections = pd.read_csv(paths.processed_dir() / "elections.csv", dtype=str)
    for row in elections.itertuples():
        e = ElectionId.parse(row.election_id)
        assert (e.year, e.section, e.election_type) == (int(row.year), row.section, row.election_type)


def test_ids_sort_by_year_then_regular_before_by_election() -> None:
    got = sorted(map(ElectionId.parse, ["2020-clp-by-election", "2014-local_government", "2020-clp", "2014-clp"]),
                 key=ElectionId.sort_key)
    assert [str(e) for e in got] == ["2014-clp", "2014-local_government", "2020-clp", "2020-clp-by-election"]


def test_a_regular_election_cannot_be_numbered() -> None:
    with pytest.raises(ValueError):
        ElectionId(2014, "clp", "regular", 2)


def test_vocabularies_have_unique_codes_and_labels() -> None:
    for name in dir(vocab):
        terms = getattr(vocab, name)
        if isinstance(terms, tuple) and terms and all(isinstance(t, vocab.Term) for t in terms):
            assert len(set(vocab.codes(terms))) == len(terms), name
            assert len(set(vocab.labels(terms).values())) == len(terms), name


def test_slate_families_in_the_registry_are_declared_families() -> None:
    families = pd.read_csv(paths.raw_dir() / "slate_families.csv", dtype=str)["slate_family"]
    assert set(families) <= set(vocab.codes(vocab.SLATE_FAMILIES))


def test_term_lookup_names_the_allowed_codes() -> None:
    with pytest.raises(KeyError, match="clp, local_government"):
        vocab.term(vocab.SECTIONS, "youth")
