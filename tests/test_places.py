"""The clps table: every nominating body of every election, and where a CLP is."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_analysis import geography
from nec_analysis.etl import places
from nec_analysis.store import load_tables


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return load_tables()


def test_every_nominating_body_of_every_election_is_in_clps(t) -> None:
    cn = t["clp_nominations"][["election_id", "body", "body_type"]].drop_duplicates()
    joined = cn.merge(t["clps"], on=["election_id", "body"], how="left", suffixes=("", "_clps"),
                      indicator=True)
    assert (joined._merge == "both").all(), joined[joined._merge != "both"]
    assert (joined.body_type == joined.body_type_clps).all()
    assert len(t["clps"]) == len(cn)


def test_every_nominating_clp_has_a_seat_region_and_nation(t) -> None:
    clps = t["clps"][t["clps"].body_type == "clp"]
    assert len(clps) > 0
    for col in ("boundary_set", "seat_code", "seat_name", "region_code", "region", "nation", "match"):
        assert clps[col].notna().all(), clps[clps[col].isna()]


def test_labour_groups_keep_their_names_and_are_never_put_on_seats(t) -> None:
    groups = t["clps"][t["clps"].body_type == "labour_group"]
    assert len(groups) > 0
    assert set(groups.body) <= set(t["clp_nominations"].body)
    for col in ("boundary_set", "seat_code", "seat_name", "region_code", "region", "nation", "match"):
        assert groups[col].isna().all()


@pytest.mark.parametrize("body, region, nation", [
    ("Aberconwy CLP", "Wales", "Wales"),
    ("Enfield Southgate CLP", "London", "England"),
    ("Liverpool West Derby CLP", "North West", "England"),
    ("City of Chester CLP", "North West", "England"),
])
def test_known_clps_are_in_their_regions(t, body: str, region: str, nation: str) -> None:
    row = t["clps"][(t["clps"].election_id == "2022-clp") & (t["clps"].body == body)]
    assert row[["region", "nation"]].values.tolist() == [[region, nation]]


def test_clps_table_places_a_clp_it_is_given_and_refuses_an_unknown_one() -> None:
    cn = pd.DataFrame({"election_id": ["2022-clp", "2022-clp", "2022-local_government"],
                       "candidate_id": ["a", "b", "c"],
                       "body": ["Ynys Môn CLP", "Ynys Mon", "Gwynedd"],
                       "body_type": ["clp", "clp", "labour_group"],
                       "file": ["x.txt"] * 3, "line": [1, 2, 3]})
    out = places.clps_table(cn)
    assert out.body.tolist() == ["Ynys Mon", "Ynys Môn CLP", "Gwynedd"]
    assert out.region.tolist()[:2] == ["Wales", "Wales"] and pd.isna(out.region.iloc[2])
    assert out.seat_code.iloc[0] == out.seat_code.iloc[1]
    bad = cn.assign(body=["Aberconway CLP", "Ynys Mon", "Gwynedd"])
    with pytest.raises(places.UnknownCLPError, match="x.txt:1.*Aberconwy"):
        places.clps_table(bad)


def test_geography_re_exports_the_resolver_of_the_data_build() -> None:
    assert geography.Resolver is places.Resolver
    assert geography.check_clp_nominations is places.check_clp_nominations
