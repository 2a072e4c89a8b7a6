"""Data tests: what a journalist knows to be true, checked against a fresh build.

The build runs once per session into a temporary folder; a further test checks that the
committed ``data/processed/`` equals that fresh build byte for byte.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cited_passages  # tests/cited_passages.py
import pandas as pd
import pytest

from nec_analysis.etl.build import build, build_tables
from nec_analysis.io import load_tables, processed_dir, project_root, read_table
from nec_analysis.parsers import ClippingError
from nec_analysis.tables import COLUMNS

ROOT = project_root()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def t(fresh: Path) -> dict[str, pd.DataFrame]:
    return load_tables(fresh)


def _cand(t: dict[str, pd.DataFrame], eid: str) -> pd.DataFrame:
    c = t["candidacies"][t["candidacies"].election_id == eid]
    return c.merge(t["candidates"][["candidate_id", "display_name"]], on="candidate_id")


def _results(t: dict[str, pd.DataFrame], eid: str) -> pd.DataFrame:
    r = t["results"]
    return r[(r.election_id == eid) & r.preferred].merge(t["candidates"], on="candidate_id")


def test_committed_tables_equal_a_fresh_build(fresh: Path) -> None:
    names = [f"{n}.csv" for n in COLUMNS]
    match, mismatch, errors = filecmp.cmpfiles(processed_dir(ROOT), fresh, names, shallow=False)
    assert not mismatch and not errors, f"run `make data` and commit: differs {mismatch}, missing {errors}"


def test_rebuild_is_byte_identical(fresh: Path, tmp_path: Path) -> None:
    build(ROOT, tmp_path)
    assert all(filecmp.cmp(fresh / f"{n}.csv", tmp_path / f"{n}.csv", shallow=False) for n in COLUMNS)


def test_2014_clp(t: dict[str, pd.DataFrame]) -> None:
    e = t["elections"].set_index("election_id").loc["2014-clp"]
    assert (e.n_candidates, e.n_elected, e.seats) == (13, 6, 6)
    r = _results(t, "2014-clp").sort_values("position")
    assert (r.iloc[0].display_name, r.iloc[0].votes) == ("Ken Livingstone", 39548)
    n = t["nominations"]
    black = n[(n.election_id == "2014-clp") & n.preferred & (n.candidate_id == "ann-black")]
    assert black.nominations.tolist() == [220]


def test_prose_totals_are_data_with_their_source(t: dict[str, pd.DataFrame]) -> None:
    tot = t["totals"].set_index(["election_id", "measure", "source_id"])
    assert tot.loc[("2014-clp", "nominations_total", "2014_clp_totals_leftfutures"), "value"] == 1377
    assert tot.loc[("2014-clp", "clps_nominating", "2014_clp_totals_leftfutures"), "value"] == 288
    assert tot.loc[("2012-clp", "clps_nominating", "2012_clp_totals_leftfutures-2014"), "value"] == 431
    assert tot.loc[("2010-clp", "ballots_cast", "2010_clp_totals_kenyon"), "value"] == 127331
    turnout = tot.xs("turnout_pct", level="measure").droplevel("source_id")
    assert (turnout.loc["2014-clp", "value"], turnout.loc["2014-clp", "approximate"]) == (33.1, False)
    assert (turnout.loc["2014-local_government", "value"], turnout.loc["2014-local_government", "approximate"]) == (55, True)


def test_data_dictionary_documents_every_column() -> None:
    """data/processed/README.md has a section per table whose rows name every canonical column."""
    sections = (ROOT / "data/processed/README.md").read_text(encoding="utf-8").split("\n### ")
    for name, cols in COLUMNS.items():
        [sec] = [s for s in sections if s.startswith(f"`{name}.csv`")]
        documented = {c.strip(" `") for line in sec.splitlines()[1:] if line.startswith("| ")
                      for c in line.split("|")[1].split(",")}
        assert set(cols) <= documented, f"{name}: undocumented {set(cols) - documented}"
        assert "(`" in sec.splitlines()[0], f"{name}: heading does not name the code that makes it"


def test_2014_local_government(t: dict[str, pd.DataFrame]) -> None:
    r = _results(t, "2014-local_government")
    assert sorted(r[r.elected].display_name) == ["Alice Perry", "Jim McMahon"]
    assert len(r) == 4


@pytest.mark.parametrize("eid, candidates, elected", [
    ("2010-clp", 20, 6), ("2012-clp", 19, 6), ("2020-clp-by-election", 18, 2)])
def test_candidate_and_winner_counts(t: dict[str, pd.DataFrame], eid: str, candidates: int, elected: int) -> None:
    e = t["elections"].set_index("election_id").loc[eid]
    assert (e.n_candidates, e.n_elected) == (candidates, elected)


def test_2022_rolling_list_nine_reach_five(t: dict[str, pd.DataFrame]) -> None:
    n = t["nominations"]
    rolling = n[(n.election_id == "2022-clp") & (n.as_of == "2022-05-17")]
    assert rolling.source_id.nunique() == 1
    assert (rolling.nominations >= 5).sum() == 9
    per_clp = t["clp_nominations"]
    listed = per_clp[per_clp.source_id.isin(rolling.source_id)].groupby("candidate_id").size()
    assert (listed >= 5).sum() == 9


def test_name_variants_resolve_to_one_person(t: dict[str, pd.DataFrame]) -> None:
    c = t["candidacies"]
    assert set(c[c.candidate_id == "gurinder-singh-josan"].election_id) >= {"2020-clp-by-election", "2022-clp"}
    assert set(c[c.candidate_id == "rajwant-singh-sidhu"].election_id) >= {"2010-clp", "2012-clp"}
    assert set(c[c.candidate_id == "peter-willsman"].election_id) >= {"2010-clp", "2012-clp", "2014-clp"}
    assert "yasmine-dar" in set(c[c.election_id == "2022-clp"].candidate_id)
    names = set(t["candidates"].display_name)
    assert not {"Yasmin Dar", "Jess Barnard", "Pete Willsman", "Rajwant Sidhu", "Neeraj Patil Dr"} & names


@pytest.mark.parametrize("eid, cid, measure, values", [
    ("2014-clp", "ellie-reeves", "nominations", {"116", "115"}),
    ("2014-clp", "peter-willsman", "nominations", {"115", "116"}),
    ("2014-clp", None, "nominations_total", {"1377", "1385"}),
    ("2012-clp", None, "nominations_total", {"2105", "2079"}),
    ("2012-clp", None, "nominations_total", {"2104", "2079"}),
    ("2010-clp", "ellie-reeves", "nominations", {"182", "181"}),
    ("2010-clp", "luke-akehurst", "nominations", {"83", "82"}),
])
def test_known_disagreements_are_reported(t: dict[str, pd.DataFrame], eid: str, cid: str | None,
                                          measure: str, values: set[str]) -> None:
    d = t["discrepancies"]
    d = d[(d.election_id == eid) & (d.measure == measure)]
    d = d[d.candidate_id.isna()] if cid is None else d[d.candidate_id == cid]
    assert any({a, b} == values for a, b in zip(d.value_a, d.value_b)), d.to_string()


def test_every_per_body_count_mismatch_is_reported(t: dict[str, pd.DataFrame]) -> None:
    n, b = t["nominations"], t["clp_nominations"]
    listed = b.groupby(["source_id", "candidate_id"]).size().rename("listed").reset_index()
    stated = n[n.source_id.isin(b.source_id)].merge(listed, on=["source_id", "candidate_id"], how="left")
    stated["listed"] = stated.listed.fillna(0)
    bad = stated[stated.nominations != stated.listed]
    d = t["discrepancies"]
    reported = set(zip(d[d.measure == "bodies_listed"].source_a, d[d.measure == "bodies_listed"].candidate_id))
    assert set(zip(bad.source_id, bad.candidate_id)) == reported


def test_incumbency_uses_the_override_for_mid_term_replacement(t: dict[str, pd.DataFrame]) -> None:
    c = t["candidacies"].set_index(["election_id", "candidate_id"])
    assert c.loc[("2012-clp", "johanna-baxter"), "incumbent"]
    assert "override" in c.loc[("2012-clp", "johanna-baxter"), "incumbent_basis"]
    assert c.loc[("2014-clp", "peter-wheeler"), "incumbent"]          # won 2012
    assert not c.loc[("2014-clp", "kate-osamor"), "incumbent"]        # lost 2012
    assert c.loc[("2014-clp", "peter-wheeler"), "incumbent_basis"] == "won 2012-clp"


def test_gender_is_never_filled_without_a_source(t: dict[str, pd.DataFrame]) -> None:
    c = t["candidates"]
    assert c[c.gender.notna()].gender_source.notna().all()
    assert c[c.home_region.notna()].home_region_source.notna().all()


GENDERED = re.compile(r"\b(he|his|him|she|her|hers|male|female|man|woman|women|men|mr|mrs|ms|miss|lord|baroness)\b", re.I)


def test_every_gender_cites_a_publication_and_the_passage_that_states_it() -> None:
    """Each filled gender cites a publication (date, address or 'address not known') and quotes
    words that speak to gender (a pronoun, 'women', 'male', a title); words from a publication
    the project holds a copy of must be in that copy. No gender rests on research notes alone,
    and none is deduced."""
    raw = pd.read_csv(ROOT / "data/raw/candidates.csv", dtype=str, keep_default_na=False)
    bad = []
    for c in raw.itertuples():
        if not c.gender:
            continue
        if re.search(r"deduc|infer|guess", c.gender_source, re.I):
            bad.append(f"{c.candidate_id}: gender is deduced, not stated by the source")
        wrong = cited_passages.problems(c.gender_source)
        if wrong or not any(GENDERED.search(f) for f in cited_passages.quoted(c.gender_source)):
            bad.append(f"{c.candidate_id}: {wrong or 'the quoted words say nothing of gender'}")
    assert not bad, "\n".join(bad)


def test_the_citation_check_can_fail() -> None:
    stored = ("labourlist nec results - what does it all mean? ... 5/6 of the candidates elected are women",)
    good = "LabourList 2014-08-20 'NEC results – what does it all mean?' (address not known): '5/6 of the candidates elected are women'"
    assert cited_passages.problems(good, stored) == []
    assert cited_passages.problems(good.replace("are women", "are men"), stored)   # not what the copy says
    assert cited_passages.problems("shared/sources/facts.csv gender column", stored)  # a folder, not a publication
    assert cited_passages.problems("LabourList 2022-09, https://example.org/x: 'lost his seat'", stored) == []


def test_no_processed_row_cites_the_source_folder(t: dict[str, pd.DataFrame]) -> None:
    """Issue 10.9: data/processed cites publications, never a path into ../shared/sources."""
    for name, df in t.items():
        assert "shared/sources" not in df.astype("string").fillna("").to_csv(index=False), name


def test_every_slate_label_keeps_its_source(t: dict[str, pd.DataFrame]) -> None:
    s = t["slate_labels"]
    assert s.source_id.isin(t["sources"].source_id).all()
    assert set(s[(s.election_id == "2012-clp") & (s.candidate_id == "ann-black")].label) >= {"Grassroots Alliance - GRA"}


# --------------------------------------------------------------------------- a journalist adds a year


def _copy_raw(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    return root


NEW_YEAR = """publisher: Test Desk
title: NEC nominations 2030
url: https://example.org/2030
published: 2030-06-01
year: 2030
section: clp
holds: nominations

  • Ann Black – 120
  • Zed Newperson – 7
"""


def test_a_new_year_needs_no_code_change(tmp_path: Path) -> None:
    root = _copy_raw(tmp_path)
    (root / "data/raw/clippings/2030_clp_nominations_test.txt").write_text(NEW_YEAR)
    built = build_tables(root)
    n = built.tables["nominations"]
    assert set(n[n.election_id == "2030-clp"].candidate_id) == {"ann-black", "zed-newperson"}
    assert any("2030-clp" in w for w in built.warnings)  # not in elections.csv: said, not hidden


@pytest.mark.parametrize("holds, table, shape", [
    ("results", "BLACK, Ann 30,240 Elected\nNEWPERSON, Zed 7\n", "surname_first"),
    ("results", "  • Ann Black - 88,235\n\nNot Elected:\n\n  • Zed Newperson - 7\n", "dash"),
    ("nominations", "Ann Black, 2 nominations\nExeter CLP\nBassetlaw CLP\nZed Newperson, 1 nomination\n", "per_body"),
    ("nominations", "Ann Black 333 CLPs (Grassroots Alliance - GRA)\nZed Newperson 7 (IND)\n", "name_count"),
])
def test_a_new_year_in_other_printed_shapes_needs_no_code_change(tmp_path: Path, holds: str, table: str,
                                                                 shape: str) -> None:
    root = _copy_raw(tmp_path)
    head = NEW_YEAR.split("\n\n")[0].replace("holds: nominations", f"holds: {holds}")
    (root / f"data/raw/clippings/2030_clp_{holds}_test.txt").write_text(f"{head}\n\n{table}")
    t = build_tables(root).tables
    rows = t[holds][t[holds].election_id == "2030-clp"].set_index("candidate_id")
    assert set(rows.index) == {"ann-black", "zed-newperson"}, shape
    figure = "votes" if holds == "results" else "nominations"
    assert rows.loc["zed-newperson", figure] in (7, 1)
    if holds == "results":
        assert rows.loc[["ann-black", "zed-newperson"], "elected"].tolist() == [True, False]
    if shape == "per_body":
        clp = t["clp_nominations"]
        assert sorted(clp[clp.election_id == "2030-clp"].body) == ["Bassetlaw CLP", "Exeter CLP"]


def test_a_near_match_name_is_an_error_until_the_registry_rules(tmp_path: Path) -> None:
    root = _copy_raw(tmp_path)
    (root / "data/raw/clippings/2030_clp_nominations_test.txt").write_text(
        NEW_YEAR.replace("Zed Newperson", "Ann Blacke"))
    with pytest.raises(ClippingError) as err:
        build_tables(root)
    assert "ann-black" in str(err.value) and "2030_clp_nominations_test.txt:10" in str(err.value)
    with (root / "data/raw/name_decisions.csv").open("a") as f:
        f.write("Ann Blacke,different,,a different person (test)\n")
    assert "ann-blacke" in set(build_tables(root).tables["candidates"].candidate_id)


def test_two_printed_names_for_one_person_in_one_table_is_an_error(tmp_path: Path) -> None:
    """'Jess Barnard' and 'Jessica Barnard' are one registry person: twice in a table is an error."""
    root = _copy_raw(tmp_path)
    (root / "data/raw/clippings/2030_clp_nominations_test.txt").write_text(
        NEW_YEAR.replace("Zed Newperson – 7", "Jess Barnard – 7\n  • Jessica Barnard – 9"))
    with pytest.raises(ClippingError) as err:
        build_tables(root)
    [p] = err.value.problems
    assert (p.line, p.text) == (11, "  • Jessica Barnard – 9")
    assert "jessica-barnard" in p.expected and "already on line 10 as 'Jess Barnard'" in p.expected


def test_a_slate_label_missing_from_the_families_table_names_file_and_line(tmp_path: Path) -> None:
    root = _copy_raw(tmp_path)
    (root / "data/raw/clippings/2030_clp_slates_test.txt").write_text(
        NEW_YEAR.replace("holds: nominations", "holds: slates").replace(
            "  • Ann Black – 120\n  • Zed Newperson – 7\n", "Ann Black: Open Labour\nZed Newperson: Purple Alliance\n"))
    with pytest.raises(ClippingError) as err:
        build_tables(root)
    [p] = err.value.problems
    assert p.file == "data/raw/clippings/2030_clp_slates_test.txt" and p.line == 10
    assert "'Purple Alliance'" in p.expected and "slate_families.csv" in p.expected
    with (root / "data/raw/slate_families.csv").open("a") as f:
        f.write("Purple Alliance,unknown,test label\n")
    labels = build_tables(root).tables["slate_labels"]
    assert labels[labels.source_id == "2030_clp_slates_test"].label.tolist() == ["Open Labour", "Purple Alliance"]


def test_a_typo_in_the_hand_kept_tables_is_an_error_not_ignored(tmp_path: Path) -> None:
    root = _copy_raw(tmp_path)
    with (root / "data/raw/incumbency_overrides.csv").open("a") as f:
        f.write("2014,clp,regular,ann-blak,yes,typo,\n2014,clp,regular,ann-black,maybe,bad flag,\n")
    with (root / "data/raw/preferred_sources.csv").open("a") as f:
        f.write("2014,clp,regular,nominations,2014_clp_nominations_labourlst,typo\n")
    with pytest.raises(ClippingError) as err:
        build_tables(root)
    n_overrides = len(pd.read_csv(ROOT / "data/raw/incumbency_overrides.csv"))
    found = {(Path(p.file).name, p.line): p.expected for p in err.value.problems}
    assert set(found) == {("incumbency_overrides.csv", n_overrides + 2), ("incumbency_overrides.csv", n_overrides + 3),
                          ("preferred_sources.csv", len(pd.read_csv(ROOT / "data/raw/preferred_sources.csv")) + 2)}
    assert "'ann-blak' is not one" in found[("incumbency_overrides.csv", n_overrides + 2)]
    assert "'maybe'" in found[("incumbency_overrides.csv", n_overrides + 3)]


def test_read_table_rejects_non_canonical_columns(tmp_path: Path) -> None:
    (tmp_path / "results.csv").write_text("election_id,votes\n2014-clp,1\n")
    with pytest.raises(ValueError, match="canonical"):
        read_table("results", tmp_path)



def test_readme_sources_table_is_generated_from_sources_csv() -> None:
    """The README's Sources table is what ``python -m nec_analysis readme`` makes from sources.csv."""
    from nec_analysis.etl.readme import updated_readme

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sources = read_table("sources")
    assert updated_readme(readme, sources) == readme, "run `python -m nec_analysis readme` (make data does)"
    assert all(f"`{s}`" in readme for s in sources.source_id)
    changed = updated_readme(readme, sources.iloc[1:])  # a source dropped: the table changes
    assert f"`{sources.source_id.iloc[0]}`" not in changed.split("## Sources")[1].split("## Licences")[0]


def test_a_misspelt_clp_in_a_new_clipping_stops_the_build_with_the_closest_seats(tmp_path: Path) -> None:
    """The journalist's command, on a copy: `python -m nec_analysis build --root COPY` exits 1, writes nothing."""
    root = _copy_raw(tmp_path)
    head = NEW_YEAR.split("\n\n")[0].replace("year: 2030", "year: 2022").replace("2030", "2022")
    (root / "data/raw/clippings/2022_clp_nominations_test.txt").write_text(
        f"{head}\n\nAnn Black, 2 nominations\nExeter CLP\nEnfeld Southgate CLP\n")
    proc = subprocess.run([sys.executable, "-m", "nec_analysis", "build", "--root", str(root)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2022_clp_nominations_test.txt:11" in proc.stderr and "Enfeld Southgate" in proc.stderr
    assert "Enfield, Southgate" in proc.stderr  # the closest seat name, for the alias table
    assert not (root / "data" / "processed").exists()
