"""Geography: CLP → seat → region, regional profiles, hex maps.

What a journalist knows to be true: there are 650 seats in each layout, 632 of them in Great
Britain; Aberconwy is in Wales, Enfield Southgate in London, Liverpool West Derby and City of
Chester in the North West; a CLP that is not a seat is an error, never a guess.
"""

from __future__ import annotations

import hashlib
import io
import math
import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from nec_analysis import geography as geo  # noqa: E402
from nec_analysis import maps  # noqa: E402
from nec_analysis.io import processed_dir, read_table  # noqa: E402
from nec_analysis.tables import COLUMNS  # noqa: E402

GEO = geo.geography_dir()

# Every CLP in LabourList's 2022 per-CLP list (17 May 2022), as printed.
CLPS_2022 = [
    "Aberconwy CLP", "Bassetlaw CLP", "Bexhill and Battle CLP", "Bosworth CLP",
    "Chipping Barnet CLP", "City of Chester CLP", "Enfield Southgate CLP", "Exeter CLP",
    "Finchley and Golders Green CLP", "Grantham and Stamford CLP", "Hartlepool CLP",
    "Huntingdon CLP", "Hyndburn CLP", "Ipswich CLP", "Lancaster and Fleetwood CLP",
    "Liverpool West Derby CLP", "Mansfield CLP", "New Forest West CLP",
    "North West Leicestershire CLP", "Runnymede and Weybridge CLP", "Scunthorpe CLP",
    "Sedgefield CLP", "Wythenshawe and Sale East CLP",
]


# ------------------------------------------------------------------ the raw files

@pytest.mark.parametrize("name, sha256", [
    ("constituencies.hexjson", "11c73aee6daec55de06a5dc18e3baabc7c85e9f45333300140f6c55e32e7820e"),
    ("uk-constituencies-2023.hexjson", "c751a1b4d5709e2f2dfdefa18f1df342dcda14eb275e2b564431747814d16e87"),
])
def test_hexjson_files_are_the_upstream_bytes(name: str, sha256: str) -> None:
    assert hashlib.sha256((GEO / name).read_bytes()).hexdigest() == sha256


@pytest.mark.parametrize("bset, counts", [
    ("2010", {"NE": 29, "NW": 75, "YH": 54, "EM": 46, "WM": 59, "EA": 58, "LO": 73, "SE": 84,
              "SW": 55, "SC": 59, "WA": 40, "NI": 18}),
    ("2024", {"NE": 27, "NW": 73, "YH": 54, "EM": 47, "WM": 57, "EA": 61, "LO": 75, "SE": 91,
              "SW": 58, "SC": 57, "WA": 32, "NI": 18}),
])
def test_650_seats_per_file_and_official_region_counts(bset: str, counts: dict[str, int]) -> None:
    s = geo.seats(bset)
    assert len(s) == 650
    assert s.hex_id.is_unique and s.key.is_unique
    assert s.groupby("region").size().to_dict() == counts
    assert int(s.has_clps.sum()) == 632
    assert geo.seats_per_region(bset).sum() == 632
    assert "NI" not in geo.seats_per_region(bset).index


def test_stale_2024_scottish_codes_are_remapped() -> None:
    s = geo.seats("2024").set_index("hex_id")
    assert s.loc["S14000058", "ons_code"] == "S14000111"
    assert s.loc["S14000058", "constituency"] == "West Aberdeenshire and Kincardine"
    assert (geo.seats("2010").hex_id == geo.seats("2010").ons_code).all()


def test_regions_table_and_labour_names() -> None:
    r = geo.regions()
    assert len(r) == 12 and r.short_code.is_unique and r.gss_code.is_unique
    assert list(r[~r.has_clps].short_code) == ["NI"]
    assert geo.region_code("Eastern") == "EA"
    assert geo.region_code("East of England") == "EA"
    assert geo.region_code("E12000006") == "EA"
    assert geo.region_code("Yorkshire and the Humber") == "YH"
    assert geo.region_code("Yorkshire and The Humber") == "YH"
    assert geo.region_code("Scotland") == "SC" and geo.region_code("Wales") == "WA"
    assert geo.region_name("E12000003") == "Yorkshire and the Humber"
    with pytest.raises(KeyError):
        geo.region_code("Wessex")


def test_every_labour_region_name_in_the_registry_has_a_code() -> None:
    labour = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
              "Eastern", "London", "South East", "South West", "Scotland", "Wales"]
    assert [geo.region_code(n) for n in labour] == ["NE", "NW", "YH", "EM", "WM", "EA", "LO", "SE",
                                                    "SW", "SC", "WA"]
    path = processed_dir() / "candidates.csv"
    if path.exists():
        for name in read_table("candidates").home_region.dropna().unique():
            geo.region_code(name)  # raises if a registry region is not a Labour region


def test_every_home_region_cites_a_passage_found_in_its_article() -> None:
    """Each home region in the registry cites its publication and quotes the passage (after
    ``): '``); words from a publication the project holds a copy of must be in that copy
    (tests/cited_passages.py); a reader comment must be marked weak."""
    import cited_passages

    cands = pd.read_csv(GEO.parent / "candidates.csv", dtype=str, keep_default_na=False)
    with_region = cands[cands.home_region != ""]
    assert {"jim-mcmahon", "simon-henig", "ann-lucas", "alice-perry"} <= set(with_region.candidate_id)
    checked = 0
    for row in with_region.itertuples(index=False):
        assert row.home_region_strength in {"stated", "weak"}, row.candidate_id
        assert geo.region_code(row.home_region)
        for part in re.split(r";\s+also", row.home_region_source):
            assert not cited_passages.problems(part), (row.candidate_id, part, cited_passages.problems(part))
            checked += cited_passages.publication_is_stored(part)
        if row.home_region_source.startswith("reader comment"):
            assert row.home_region_strength == "weak", row.candidate_id
    if cited_passages.stored_texts():
        assert checked >= 7  # most are checked word for word against a stored copy


# ------------------------------------------------------------------ names and boundary sets

@pytest.mark.parametrize("raw, key", [
    ("Enfield Southgate CLP", "enfield southgate"),
    ("Enfield, Southgate", "enfield southgate"),
    ("Ynys Môn", "ynys mon"),
    ("Weston-Super-Mare", "weston super mare"),
    ("Kensington & Chelsea", "kensington and chelsea"),
    ("  Queen's Park and Maida Vale  CLP", "queens park and maida vale"),
    ("Richmond (Yorks)", "richmond yorks"),
])
def test_normalise_name(raw: str, key: str) -> None:
    assert geo.normalise_name(raw) == key


@pytest.mark.parametrize("election, bset", [
    ("2010-clp", "2010"), ("2014-clp", "2010"), ("2020-clp-by-election", "2010"),
    ("2022-clp", "2010"), ("2022-local_government", "2010"), (2022, "2010"),
    ("2023-clp-by-election", "2024"), ("2024-clp", "2024"), (2026, "2024"),
])
def test_boundary_set_by_year(election, bset: str) -> None:
    assert geo.boundary_set_for(election) == bset


@pytest.mark.parametrize("clp, seat, region", [
    ("Aberconwy CLP", "Aberconwy", "Wales"),
    ("Enfield Southgate CLP", "Enfield, Southgate", "London"),
    ("Liverpool West Derby CLP", "Liverpool, West Derby", "North West"),
    ("City of Chester CLP", "City of Chester", "North West"),
])
def test_named_2022_clps(clp: str, seat: str, region: str) -> None:
    found = geo.resolve_clp(clp, "2022-clp")
    assert (found.constituency, found.region_name, found.boundary_set, found.match) == \
        (seat, region, "2010", "exact")


def test_every_clp_of_the_2022_list_resolves() -> None:
    got = geo.Resolver("2010").resolve_many(CLPS_2022)
    assert len(got) == len(CLPS_2022)
    assert got.region.notna().all() and (got.region != "NI").all()


def test_every_clp_in_the_processed_data_resolves() -> None:
    """Every CLP body of every election in data/processed/clp_nominations.csv finds a seat."""
    path = processed_dir() / "clp_nominations.csv"
    if not path.exists():
        pytest.fail("data/processed/clp_nominations.csv is missing: run `make data`")
    cn = read_table("clp_nominations")
    clps = cn[cn.body_type == "clp"]
    for eid, rows in clps.groupby("election_id"):
        got = geo.Resolver(geo.boundary_set_for(eid)).resolve_many(rows.body)
        assert len(got) == rows.body.nunique(), eid
    in_2022 = set(clps[clps.election_id.str.startswith("2022")].body)
    assert {"Aberconwy CLP", "Enfield Southgate CLP", "Liverpool West Derby CLP",
            "City of Chester CLP"} <= in_2022


def test_unknown_clp_raises_with_suggestions_and_is_never_guessed() -> None:
    r = geo.Resolver("2010")
    with pytest.raises(geo.UnknownCLPError) as err:
        r.resolve("Enfield Southgte CLP")  # a typo: close, but not a match
    assert "Enfield, Southgate" in err.value.suggestions["Enfield Southgte CLP"]
    msg = str(err.value)
    assert "clp_aliases.csv" in msg and "Enfield, Southgate" in msg and "2010" in msg
    with pytest.raises(geo.UnknownCLPError) as err:  # all problems reported at once
        r.resolve_many(["Exeter CLP", "Atlantis CLP", "Liverpool Derby West CLP"])
    assert err.value.names == ["Atlantis CLP", "Liverpool Derby West CLP"]


def test_names_never_cross_boundary_sets() -> None:
    assert geo.Resolver("2024").resolve("Barnsley North CLP").constituency == "Barnsley North"
    with pytest.raises(geo.UnknownCLPError):
        geo.Resolver("2010").resolve("Barnsley North CLP")  # a 2024 seat only
    e10 = geo.Resolver("2010").resolve("Exeter CLP").hex_id
    e24 = geo.Resolver("2024").resolve("Exeter CLP").hex_id
    assert e10 != e24  # same name, different areas: joined on (boundary set, name)


def test_alias_table_works() -> None:
    aliases = pd.DataFrame([
        {"boundary_set": "2010", "clp_name": "Liverpool Derby West CLP",
         "constituency_name": "Liverpool, West Derby", "reason": "test: words printed in another order"},
        {"boundary_set": "2024", "clp_name": "Somewhere Else CLP",
         "constituency_name": "Exeter", "reason": "test: other boundary set, must not apply to 2010"},
    ])
    r = geo.Resolver("2010", aliases=aliases)
    seat = r.resolve("Liverpool Derby West CLP")
    assert (seat.constituency, seat.region_name, seat.match) == \
        ("Liverpool, West Derby", "North West", "alias")
    assert r.resolve("Liverpool West Derby CLP").match == "exact"
    with pytest.raises(geo.UnknownCLPError):
        r.resolve("Somewhere Else CLP")
    bad = aliases.assign(constituency_name="Liverpool West Derby")  # not the file's spelling
    with pytest.raises(ValueError, match="not a seat name"):
        geo.Resolver("2010", aliases=bad.iloc[:1])
    clash = pd.DataFrame([{"boundary_set": "2010", "clp_name": "Exeter CLP",
                           "constituency_name": "Tiverton and Honiton", "reason": "test"}])
    with pytest.raises(ValueError, match="contradicts"):
        geo.Resolver("2010", aliases=clash)


def test_committed_alias_table_is_valid() -> None:
    al = geo.load_aliases()
    assert list(al.columns) == geo.ALIAS_COLUMNS
    assert set(al.boundary_set) <= set(geo.BOUNDARY_SETS)
    for bset in geo.BOUNDARY_SETS:
        r = geo.Resolver(bset)  # validates every row of its set
        for row in al[al.boundary_set == bset].itertuples():
            assert r.resolve(row.clp_name).constituency == row.constituency_name


# ------------------------------------------------------------------ profiles on a small known example

def _tables() -> dict[str, pd.DataFrame]:
    """A 2022 election with known answers: A nominated by 3 North West CLPs and 1 London CLP,
    B by Aberconwy (Wales) and Enfield Southgate (London); one Labour group for B."""
    rows = [("cand-a", "Liverpool West Derby CLP"), ("cand-a", "City of Chester CLP"),
            ("cand-a", "Hyndburn CLP"), ("cand-a", "Enfield Southgate CLP"),
            ("cand-b", "Aberconwy CLP"), ("cand-b", "Enfield Southgate CLP")]
    cn = pd.DataFrame([{"election_id": "2022-clp", "candidate_id": c, "body": b, "body_type": "clp",
                        "status": "interim", "as_of": "2022-05-17", "source_id": "test_src",
                        "file": "x", "line": i} for i, (c, b) in enumerate(rows, 1)],
                      columns=COLUMNS["clp_nominations"])
    group = cn.iloc[[0]].assign(candidate_id="cand-b", body="Kensington And Chelsea",
                                body_type="labour_group", line=99)
    older = cn.iloc[[0]].assign(candidate_id="cand-b", body="Exeter CLP", as_of="2022-04-01")
    cn = pd.concat([cn, group, older], ignore_index=True)
    cands = pd.DataFrame({"candidate_id": ["cand-a", "cand-b"], "display_name": ["Ann A", "Bob B"],
                          "home_region": ["South East", pd.NA], "home_region_strength": ["stated", pd.NA]})
    cands = cands.reindex(columns=COLUMNS["candidates"])
    cy = pd.DataFrame({"election_id": "2022-clp", "candidate_id": ["cand-a", "cand-b"],
                       "slate_family": ["labour_right", "grassroots_left"], "elected": [True, True]})
    cy = cy.reindex(columns=COLUMNS["candidacies"])
    return {"clp_nominations": cn, "candidates": cands, "candidacies": cy,
            "nominations": pd.DataFrame(columns=COLUMNS["nominations"])}


def test_locate_keeps_labour_groups_off_the_map_and_uses_the_latest_list() -> None:
    loc = geo.locate_nominations(_tables(), "2022-clp")
    assert "Exeter CLP" not in set(loc.body)  # older interim list dropped
    grp = loc[loc.body_type == "labour_group"]
    assert len(grp) == 1 and not grp.mapped.any() and grp.constituency.isna().all()
    assert "not a constituency" in grp.match.iloc[0]
    assert loc[loc.body_type == "clp"].mapped.all()


def test_regional_profile_and_concentration_values() -> None:
    t = _tables()
    p = geo.regional_profile(t, "2022-clp")
    assert len(p) == (1 + 2 + 2) * 11  # all, 2 families, 2 candidates × 11 GB regions
    a = p[(p.level == "candidate") & (p.unit_id == "cand-a")].set_index("region")
    assert a.loc["NW", "clps"] == 3 and a.loc["LO", "clps"] == 1 and a.clps.sum() == 4
    assert a.loc["NW", "per_100_clps"] == pytest.approx(100 * 3 / 75)
    assert a.loc["NW", "index"] == pytest.approx((3 / 4) / (75 / 632))
    allp = p[p.level == "all"].set_index("region")
    assert allp.clps.sum() == 5 and allp.nominations.sum() == 6  # Enfield Southgate counted once
    c = geo.concentration(t, "2022-clp").set_index("unit_id")
    assert c.loc["cand-a", "top_region"] == "North West"
    assert c.loc["cand-a", "top_region_share"] == pytest.approx(0.75)
    assert c.loc["cand-a", "hhi"] == pytest.approx(0.75 ** 2 + 0.25 ** 2)
    assert c.loc["cand-b", "top_region"] == "London / Wales"
    assert c.loc["cand-b", "hhi"] == pytest.approx(0.5)
    assert bool(c.loc["cand-b", "small_n"])
    seat_share = geo.seats_per_region("2010") / 632
    expect = 0.5 * (abs(0.75 - seat_share["NW"]) + abs(0.25 - seat_share["LO"])
                    + seat_share.drop(["NW", "LO"]).sum())
    assert c.loc["cand-a", "dissimilarity"] == pytest.approx(expect)


def test_every_election_gets_an_explanation_not_an_error() -> None:
    t = _tables()
    p = geo.regional_profile(t, "2014-clp")
    assert p.empty and list(p.columns) == geo.PROFILE_COLUMNS
    assert "no source" in p.attrs["explanation"]
    assert geo.concentration(t, "2014-clp").empty
    text = geo.describe_regions(t, "2014-clp")
    assert text and "CLP by CLP" in text[0]
    fig, alt = maps.hex_map_small_multiples(t, "2014-clp")
    assert fig is None and "no source" in alt


def test_describe_regions_sentences() -> None:
    text = geo.describe_regions(_tables(), "2022-clp")
    joined = " ".join(text)
    assert "5 CLPs" in joined and "interim" in joined
    assert "Labour group" in joined and "not mapped" in joined
    assert "North West 3 of 75" in joined


def test_home_regions() -> None:
    h = geo.home_regions(_tables(), "2022-clp").set_index("candidate_id")
    assert bool(h.loc["cand-a", "in_south"]) and pd.isna(h.loc["cand-b", "in_south"])
    text = " ".join(geo.describe_home_regions(_tables(), "2022-clp"))
    assert "known for 1 of the 2 elected" in text and "1 unknown" in text and "Ann A (South East)" in text
    assert "neither confirm nor rule out" in text


@pytest.mark.parametrize("outside, outside_e, unknown, verdict", [
    (1, 1, 0, "the data agree"),
    (2, 1, 0, "only if Eastern counts"),
    (1, 0, 0, "only if Eastern does not count"),
    (3, 2, 2, "contradict"),
    (1, 1, 3, "cannot settle"),
    (0, 0, 0, "do not match"),
])
def test_south_claim_verdicts(outside: int, outside_e: int, unknown: int, verdict: str) -> None:
    assert verdict in geo._check_south_claim(outside, outside_e, unknown)


def test_2014_claim_is_checked_against_home_regions() -> None:
    t = _tables()
    cy = pd.concat([t["candidacies"].assign(election_id="2014-clp")], ignore_index=True)
    t = {**t, "candidacies": cy}
    t["candidates"] = t["candidates"].assign(home_region=["South East", "North West"],
                                             home_region_strength=["stated", "weak"])
    text = " ".join(geo.describe_regions(t, "2014-clp"))
    assert "CLP by CLP" in text  # no per-CLP list for 2014
    assert "LabourList, 20 August 2014" in text and "Verdict: the data agree" in text
    assert "weak source (Bob B)" in text


def test_2014_claim_on_the_processed_data_pools_both_sections() -> None:
    from nec_analysis.io import load_tables
    df, sentence = geo.south_claim_2014(load_tables())
    assert len(df) == 8  # six CLP and two local government representatives
    assert set(df.election_id) == {"2014-clp", "2014-local_government"}
    assert "Jim McMahon (North West)" in sentence  # Oldham: the one the article names
    assert "Alice Perry" not in sentence.split("outside London and the South:")[1]  # Islington


# ------------------------------------------------------------------ maps

def test_hex_geometry_is_odd_r_pointy_top() -> None:
    x, y = maps.hex_centres([0, 0, 1], [0, 1, -1])
    assert x[0] == 0 and x[1] == pytest.approx(math.sqrt(3) / 2) and y[1] == pytest.approx(1.5)
    assert x[2] == pytest.approx(math.sqrt(3) * 1.5) and y[2] == pytest.approx(-1.5)  # r = -1 is odd
    s = geo.seats("2010")
    xs, ys = maps.hex_centres(s.q, s.r)
    d = ((xs[:, None] - xs[None, :]) ** 2 + (ys[:, None] - ys[None, :]) ** 2) ** 0.5
    d[d == 0] = 99
    assert d.min() == pytest.approx(math.sqrt(3))  # neighbours touch, none overlap
    assert len(maps.region_borders(s)) > 100


def test_map_renders_with_alt_text() -> None:
    fig, alt = maps.hex_map_small_multiples(_tables(), "2022-clp")
    assert fig is not None
    drawn = [ax for ax in fig.axes if ax.collections]
    assert len(drawn) == 2
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=40)
    assert buf.getvalue()[:4] == b"\x89PNG"
    assert "Ann A" in alt and "Bob B" in alt and "3" in alt and "North West" in alt
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Hex layout: Open Innovations (MIT)" in texts
    fig2, alt2 = maps.hex_map_small_multiples(_tables(), "2022-clp", by="slate_family")
    assert fig2 is not None and "families" not in alt2 and "slate family" in alt2
    import matplotlib.pyplot as plt
    plt.close("all")


# ------------------------------------------------------------------ a new clipping, end to end

MISSPELT = """publisher: LabourList
title: test clipping with a misspelt CLP
url: https://example.org/test
published: 2022-06-01
year: 2022
section: clp
holds: nominations
status: interim
as_of: 2022-06-01
body_type: clp

Luke Akehurst, 2 nominations

Enfeld Southgate CLP

Liverpool West Derby CLP
"""


def test_a_misspelt_clp_in_a_new_clipping_stops_with_the_closest_seats(tmp_path) -> None:
    """A journalist adds a clipping to a copy of data/raw with 'Enfeld Southgate CLP': the
    data build's CLP check names the clipping line and offers 'Enfield, Southgate'; the
    committed raw data passes the same check."""
    import shutil

    from nec_analysis import build
    from nec_analysis.io import raw_dir

    shutil.copytree(raw_dir(), tmp_path / "data" / "raw")
    clean = build.build_tables(tmp_path).tables["clp_nominations"]
    placed = geo.check_clp_nominations(clean, tmp_path)
    in_2022 = placed[placed.election_id == "2022-clp"]
    assert len(in_2022) == 23 and in_2022.region_name.notna().all()
    assert placed.set_index("body").loc["Aberconwy CLP", "region_name"] == "Wales"

    clip = tmp_path / "data" / "raw" / "clippings" / "2022_clp_nominations_test-misspelt.txt"
    clip.write_text(MISSPELT, encoding="utf-8")
    with pytest.raises(ValueError) as err:  # the data build stops on it (a ValueError, as it reports them)
        build.build_tables(tmp_path)
    assert isinstance(err.value, geo.UnknownCLPError)
    assert err.value.names == ["Enfeld Southgate CLP"]
    assert err.value.suggestions["Enfeld Southgate CLP"][0] == "Enfield, Southgate"
    msg = str(err.value)
    assert "2022_clp_nominations_test-misspelt.txt:14: 'Enfeld Southgate CLP'" in msg
    assert "clp_aliases.csv" in msg
    # the report would stop on it too, and nothing was matched by similarity
    misspelt = clean.iloc[[0]].assign(election_id="2022-clp", body="Enfeld Southgate CLP")
    with pytest.raises(geo.UnknownCLPError):
        geo.locate_nominations({"clp_nominations": misspelt}, "2022-clp", tmp_path)


def test_check_reports_every_boundary_set_at_once() -> None:
    cn = pd.DataFrame([
        {"election_id": "2022-clp", "body": "Atlantis CLP", "body_type": "clp", "file": "a.txt", "line": 3},
        {"election_id": "2024-clp", "body": "Lyonesse CLP", "body_type": "clp", "file": "b.txt", "line": 5},
        {"election_id": "2024-clp", "body": "Barnsley North CLP", "body_type": "clp", "file": "b.txt", "line": 6},
        {"election_id": "2022-local_government", "body": "Atlantis", "body_type": "labour_group",
         "file": "c.txt", "line": 1},
    ])
    with pytest.raises(geo.UnknownCLPError) as err:
        geo.check_clp_nominations(cn)
    assert err.value.names == ["Atlantis CLP", "Lyonesse CLP"]  # the Labour group is not a CLP
    msg = str(err.value)
    assert "a.txt:3: 'Atlantis CLP'" in msg and "b.txt:5: 'Lyonesse CLP'" in msg
    assert "2010 boundary set" in msg and "2024 boundary set" in msg
    ok = geo.check_clp_nominations(cn[cn.body.isin(["Barnsley North CLP"])])
    assert list(ok.boundary_set) == ["2024"] and list(ok.region_name) == ["Yorkshire and the Humber"]


def test_rates_use_the_seats_of_the_elections_boundary_set() -> None:
    """After 2022 the 2024 seats are the denominators: London 75 and North West 73 (not 73/75)."""
    t = _tables()
    cn = pd.DataFrame([{"election_id": "2024-clp", "candidate_id": "cand-a", "body": b, "body_type": "clp",
                        "status": "final", "as_of": pd.NA, "source_id": "test_src", "file": "x", "line": i}
                       for i, b in enumerate(["Southgate and Wood Green CLP", "Liverpool West Derby CLP"], 1)],
                      columns=COLUMNS["clp_nominations"])
    t = {**t, "clp_nominations": cn, "candidacies": t["candidacies"].assign(election_id="2024-clp")}
    p = geo.regional_profile(t, "2024-clp").query("level == 'all'").set_index("region")
    assert p.loc["LO", "clps_in_region"] == 75 and p.loc["NW", "clps_in_region"] == 73
    assert p.loc["LO", "per_100_clps"] == pytest.approx(100 / 75)
    assert p.clps_in_region.sum() == 632
    assert p.loc["LO", "seat_share"] == pytest.approx(75 / 632)


def test_labour_groups_are_named_but_never_placed() -> None:
    text = " ".join(geo.describe_labour_groups(_tables(), 2022))
    assert "1 nomination from 1 Labour group" in text and "Kensington And Chelsea" in text
    assert "not drawn on the constituency maps" in text and "not counted by region" in text
    assert geo.describe_labour_groups(_tables(), 2014) == []


def test_reader_sentences_carry_no_ids() -> None:
    """What the page says: election and slate names as a reader knows them, no file names."""
    assert geo.election_words("2022-clp") == "2022 CLP section"
    assert geo.election_words("2020-clp-by-election") == "2020 CLP-section by-election"
    assert geo.election_words("2022-local_government") == "2022 local government section"
    t = _tables()
    t["sources"] = pd.DataFrame({"source_id": ["test_src"], "publisher": ["LabourList"],
                                 "published": ["2022-05-17"]})
    text = " ".join(geo.describe_regions(t, "2022-clp"))
    for raw in ("2022-clp", "test_src", "clp_aliases", "labour_right", "grassroots_left", "Herfindahl 0"):
        assert raw not in text, raw
    assert "(LabourList, 17 May 2022)" in text  # a date as a reader reads it (words.format.date)
    assert "Labour right slates: 4 CLPs" in text
    assert "Grassroots left slate: 2 CLPs across 2 regions; top regions London and Wales (50.0% each)" in text
    fam = geo.regional_profile(_tables(), "2022-clp").query("level == 'slate_family'")
    assert set(fam.unit_name) == {"Slate: Labour right", "Slate: Grassroots left"}
    assert geo._top_words("London / Wales", 0.5) == "top regions London and Wales (50.0% each)"


def test_home_regions_of_a_year_cover_both_sections_and_say_the_2014_claim_once() -> None:
    from nec_analysis.io import load_tables
    t = load_tables()
    h = geo.home_regions_of_year(t, 2014)
    assert set(h.election_id) == {"2014-clp", "2014-local_government"}
    lg = h[h.election_id == "2014-local_government"].set_index("candidate_id")
    assert lg.loc["jim-mcmahon", "home_region"] == "North West"
    assert lg.loc["alice-perry", "home_region"] == "London"
    assert lg.loc["simon-henig", "home_region"] == "North East"
    assert lg.loc["ann-lucas", "home_region"] == "West Midlands"
    assert set(lg.election) == {"2014 local government section"}
    text = geo.describe_home_regions_of_year(t, 2014)
    assert sum(geo.SOUTH_CLAIM_2014 in s for s in text) == 1 and geo.SOUTH_CLAIM_2014 in text[-1]
    assert "8 were elected; home region known for 2" in text[-1]
    assert any(s.startswith("In the 2014 local-government-section election, home region known for 2 of the 2") for s in text)
