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
from nec_analysis.schemas import SchemaViolation, validate, validate_with_pandera
from nec_analysis.store import coerce, load_tables


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


def test_committed_tables_pass_their_declarations_and_the_pandera_schemas() -> None:
    for name, df in load_tables().items():
        assert schema.violations(name, coerce(df, name)) == [], name
        validate(name, df)
        validate_with_pandera(name, df)


def _set(table: str, column: str, value: object) -> pd.DataFrame:
    """The committed ``table`` with ``value`` in ``column`` of its first filled row."""
    df = load_tables()[table].copy()
    row = df.index[df[column].notna()][0] if df[column].notna().any() else df.index[0]
    df[column] = df[column].astype(object)
    df.loc[row, column] = value
    return df


def _planted() -> dict[str, tuple[str, pd.DataFrame]]:
    """A fault of each kind the declarations rule out, planted in a committed table."""
    t = load_tables()
    dup = pd.concat([t["candidacies"], t["candidacies"].iloc[:1]], ignore_index=True)
    return {
        "value outside the vocabulary": ("sources", _set("sources", "section", "youth")),
        "not an election id": ("elections", _set("elections", "election_id", "2014-clp-extra")),
        "not a GSS code": ("clps", _set("clps", "seat_code", "Aberconwy")),
        "below the minimum": ("results", _set("results", "votes", -1)),
        "above the maximum": ("elections", _set("elections", "turnout_pct_stated", 133.1)),
        "year out of range": ("sources", _set("sources", "year", 1066)),
        "required string empty": ("candidates", _set("candidates", "display_name", None)),
        "required flag empty": ("results", _set("results", "preferred", None)),
        "required figure empty": ("nominations", _set("nominations", "line", None)),
        "pattern matched only in part": ("nominations", _set("nominations", "file", "data/raw/clippings/x.txt.bak")),
        "primary key repeated": ("candidacies", dup),
    }


@pytest.mark.parametrize("fault", list(_planted()))
def test_every_planted_fault_fails_the_build_s_validation_and_pandera(fault: str) -> None:
    """The build validates without pandera (schema.violations): each fault still fails, as it does in pandera."""
    table, df = _planted()[fault]
    with pytest.raises(SchemaViolation):
        validate(table, df)
    with pytest.raises(pandera.errors.SchemaErrors):
        validate_with_pandera(table, df)


@pytest.mark.parametrize("change", ["undeclared column", "declared column missing", "columns out of order"])
def test_columns_must_be_the_declared_ones_in_order(change: str) -> None:
    """What pandera's strict, ordered schema refuses (validate coerces to the declared columns first)."""
    df = coerce(load_tables()["totals"], "totals")
    bad = {"undeclared column": lambda d: d.assign(recount=1),
           "declared column missing": lambda d: d.drop(columns="approximate"),
           "columns out of order": lambda d: d[list(reversed(d.columns))]}[change](df)
    assert [v.split(":")[0] for v in schema.violations("totals", bad)] == ["totals"]
    with pytest.raises(pandera.errors.SchemaErrors):
        schema.pandera_schema("totals").validate(bad, lazy=True)


def test_a_wrong_dtype_is_a_violation() -> None:
    """Beyond coercion: a frame handed over with a column of another dtype (floats for a count) is refused."""
    df = coerce(load_tables()["results"], "results")
    assert schema.violations("results", df) == []
    df["votes"] = df["votes"].astype("float64")
    assert any("results.votes: dtype" in v for v in schema.violations("results", df))


def test_a_second_preferred_row_for_one_candidate_is_refused() -> None:
    df = load_tables()["results"].copy()
    first = df[df.preferred].iloc[0]
    twin = df[(df.election_id == first.election_id) & (df.candidate_id == first.candidate_id)].iloc[:1].copy()
    twin["source_id"] = "another-source"
    twin["preferred"] = True
    with pytest.raises(SchemaViolation, match="more than one preferred"):
        validate("results", pd.concat([df, twin], ignore_index=True))


def test_the_data_build_does_not_import_pandera(tmp_path) -> None:
    """pandera (with hypothesis under it) costs more than the whole build; the build's checks need neither."""
    import subprocess
    import sys

    code = ("import sys; from nec_analysis.etl.build import build_tables; build_tables(); "
            "print(sorted(m for m in ('pandera', 'hypothesis', 'frictionless', 'jinja2', 'sqlite_utils') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
