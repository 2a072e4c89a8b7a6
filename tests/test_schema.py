"""The schema (nec_analysis/schema.py) is the one declaration of every column and table:
the files on disk, the pandera schemas and the dtypes all follow it."""

from __future__ import annotations

import csv
from dataclasses import replace

import pandas as pd
import pandera.errors
import pytest

from nec_analysis import schema
from nec_analysis.paths import processed_dir
from nec_analysis.schemas import validate
from nec_analysis.store import load_tables


def disk_headers() -> dict[str, list[str]]:
    """The header of every CSV in data/processed."""
    out = {}
    for path in sorted(processed_dir().glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            out[path.stem] = next(csv.reader(fh))
    return out


def test_declarations_agree_with_themselves_and_with_the_files() -> None:
    assert schema.problems(disk_headers()) == []
    assert set(disk_headers()) == set(schema.TABLE_BY_NAME), "every declared table is on disk, and only those"


def test_an_undeclared_column_on_disk_is_caught() -> None:
    headers = disk_headers()
    headers["results"] = [*headers["results"], "recount"]
    assert schema.problems(headers) == ["results.csv: column 'recount' is not declared"]


def test_a_declared_column_missing_from_disk_is_caught() -> None:
    headers = disk_headers()
    headers["sources"] = [c for c in headers["sources"] if c != "note"]
    assert schema.problems(headers) == ["sources.csv: declared column 'note' is missing"]


def test_a_table_file_with_no_declaration_is_caught() -> None:
    assert schema.problems({"ballots": ["election_id"]}) == ["ballots.csv is not a declared table"]


def test_a_column_declared_in_no_table_and_a_table_column_not_declared_are_caught(
        monkeypatch: pytest.MonkeyPatch) -> None:
    extra = schema.Column("recount", "boolean", "a recount was held")
    monkeypatch.setattr(schema, "COLUMN_BY_NAME", {**schema.COLUMN_BY_NAME, "recount": extra})
    assert schema.problems() == ["column 'recount' is declared but in no table"]
    monkeypatch.undo()
    results = schema.TABLE_BY_NAME["results"]
    wider = replace(results, columns=(*results.columns, "recount"))
    monkeypatch.setattr(schema, "TABLES", tuple(wider if t is results else t for t in schema.TABLES))
    assert schema.problems() == ["results: column 'recount' is not declared in COLUMNS_DECLARED"]


def test_keys_and_joins_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    noms = schema.TABLE_BY_NAME["nominations"]
    bad = replace(noms, foreign_keys=(schema.ForeignKey(("source_id",), "results"),))
    monkeypatch.setattr(schema, "TABLES", tuple(bad if t is noms else t for t in schema.TABLES))
    assert any("not results's primary key" in p for p in schema.problems())


def test_every_column_type_has_a_dtype_that_keeps_unknown() -> None:
    for name in schema.TABLE_BY_NAME:
        for col, dtype in schema.dtypes(name).items():
            assert pd.Series([None], dtype=dtype).isna().all(), (name, col, dtype)


def test_committed_tables_pass_their_generated_pandera_schemas() -> None:
    for name, df in load_tables().items():
        validate(name, df)


@pytest.mark.parametrize("table, column, value", [
    ("sources", "section", "youth"),                 # a value outside the vocabulary
    ("elections", "election_id", "2014-clp-extra"),  # not an election id
    ("clps", "seat_code", "Aberconwy"),              # not a GSS code
    ("results", "votes", -1),                        # below the minimum
    ("candidates", "display_name", None),            # a required column left empty
])
def test_generated_schemas_reject_a_bad_value(table: str, column: str, value: object) -> None:
    df = load_tables()[table].copy()
    row = df.index[df[column].notna()][0] if df[column].notna().any() else df.index[0]
    df[column] = df[column].astype(object)
    df.loc[row, column] = value
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(table, df)


def test_primary_keys_are_unique_in_the_pandera_schema() -> None:
    df = load_tables()["candidacies"]
    with pytest.raises(pandera.errors.SchemaErrors):
        validate("candidacies", pd.concat([df, df.iloc[:1]], ignore_index=True))
