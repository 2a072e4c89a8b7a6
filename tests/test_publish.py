"""The published dataset: README tables, datapackage.json and Datasette metadata are
generated from nec_analysis/schema.py, and the data package validates with frictionless."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from nec_analysis import schema
from nec_analysis.etl import publish
from nec_analysis.paths import processed_dir, project_root
from nec_analysis.store import load_tables

ROOT = project_root()
PROCESSED = processed_dir()
REGENERATE = "run `python -m nec_analysis.etl.publish docs` and commit"


def test_committed_readme_tables_are_the_generated_ones() -> None:
    text = (PROCESSED / "README.md").read_text(encoding="utf-8")
    assert text.count(publish.GENERATED) == 1
    assert text.split(publish.GENERATED, 1)[1] == publish.readme_tables().split(publish.GENERATED, 1)[1], REGENERATE


def test_readme_names_every_column_of_every_table() -> None:
    text = publish.readme_tables()
    for t in schema.TABLES:
        section = text.split(f"### `{t.name}.csv`", 1)[1].split("\n### ", 1)[0]
        rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")][1:]
        assert rows == list(t.columns)


def test_committed_datapackage_is_the_generated_one() -> None:
    assert (PROCESSED / "datapackage.json").read_text(encoding="utf-8") == publish.datapackage_json(), REGENERATE


def test_datapackage_version_and_licence() -> None:
    package = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    changelog = (PROCESSED / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"(?m)^## (\d+\.\d+\.\d+)", changelog)
    assert newest and package["version"] == newest.group(1)
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    assert "CC BY 4.0" in (ROOT / "LICENSE-data").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (PROCESSED / "README.md").read_text(encoding="utf-8")
    assert {r["path"] for r in package["resources"]} == {p.name for p in PROCESSED.glob("*.csv")}


def test_changelog_version_is_read_from_the_newest_heading(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Changelog\n\n## 1.2.0 — 2027-01-01\n\n## 1.1.3 — 2026-12-01\n")
    assert publish.changelog_version(path) == "1.2.0"
    path.write_text("# Changelog\n\nnothing yet\n")
    with pytest.raises(ValueError, match="no '## "):
        publish.changelog_version(path)


def _validate(descriptor: Path):
    frictionless = pytest.importorskip("frictionless")
    return frictionless.validate(str(descriptor))


def test_datapackage_validates_with_frictionless() -> None:
    report = _validate(PROCESSED / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]
    assert report.stats["tasks"] == len(schema.TABLES)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    out = tmp_path / "processed"
    shutil.copytree(PROCESSED, out)
    return out


def _error_types(copy: Path) -> set[str]:
    return {e[0] for e in _validate(copy / "datapackage.json").flatten(["type"])}


def test_frictionless_catches_a_body_with_no_place(copy: Path) -> None:
    path = copy / "clp_nominations.csv"
    path.write_text(path.read_text().replace("Aberconwy CLP", "Aberconway CLP", 1))
    assert "foreign-key" in _error_types(copy)


def test_frictionless_catches_a_value_outside_the_vocabulary_and_a_duplicate_key(copy: Path) -> None:
    path = copy / "candidacies.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("slate_family")] = "far_left"
    rows.append(rows[2])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    assert {"constraint-error", "primary-key"} <= _error_types(copy)


def test_built_by_names_code_that_exists() -> None:
    """Each table's `built_by` names files and functions that exist (so it cannot drift)."""
    for t in schema.TABLES:
        names = re.findall(r"`([^`]+)`", t.built_by)
        files = [n for n in names if n.endswith(".py")]
        assert files, f"{t.name}: built_by names no module"
        code = "".join((ROOT / f).read_text(encoding="utf-8") for f in files)
        for fn in (n for n in names if re.fullmatch(r"_?[A-Za-z]\w*", n)):
            assert re.search(rf"(def|class) {fn}\b", code), f"{t.name}: built_by names {fn}, not in {files}"


def test_datasette_metadata_describes_every_table_and_column() -> None:
    meta = publish.datasette_metadata()
    tables = meta["databases"]["nec"]["tables"]
    assert list(tables) == [t.name for t in schema.TABLES]
    for t in schema.TABLES:
        assert list(tables[t.name]["columns"]) == list(t.columns)
        assert all(tables[t.name]["columns"].values())
    assert meta["license"].startswith("Creative Commons Attribution 4.0")


def test_changelog_names_every_election_year_in_the_data() -> None:
    """A new year of data comes with a changelog entry (and a new version) that says so."""
    changelog = (PROCESSED / "CHANGELOG.md").read_text(encoding="utf-8")
    years = sorted({str(y) for y in load_tables(PROCESSED)["elections"].year})
    missing = [y for y in years if not re.search(rf"\b{y}\b", changelog)]
    assert missing == [], (f"elections of {missing} are in elections.csv but not in data/processed/CHANGELOG.md: "
                           "add a version entry saying what they bring")
