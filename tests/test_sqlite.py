"""`make db`: the SQLite database holds every row of every table, typed, and its keys hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("sqlite_utils", reason="sqlite-utils is in the test and db extras")

from nec_analysis import schema  # noqa: E402
from nec_analysis.etl.sqlite import creation_order, write_sqlite  # noqa: E402
from nec_analysis.store import load_tables  # noqa: E402

JOURNALIST_QUERY = """
select candidates.display_name, elections.year, elections.section, elections.election_type,
       results.votes, results.elected
from results
join candidates using (candidate_id)
join elections using (election_id)
where results.preferred
order by candidates.display_name, elections.year
"""


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables()


@pytest.fixture(scope="module")
def db(tables, tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("db") / "nec.sqlite"
    counts = write_sqlite(path, tables)
    assert counts == {n: len(df) for n, df in tables.items()} | {}
    return sqlite3.connect(path)


def _rows(df: pd.DataFrame) -> list[tuple]:
    """The rows as tuples with every kind of missing value as None, in a fixed order."""
    rows = [tuple(None if pd.isna(v) else int(v) if isinstance(v, bool) else v for v in row)
            for row in df.astype(object).values.tolist()]
    return sorted(rows, key=repr)


def test_every_row_of_every_table_is_in_the_database(db, tables) -> None:
    for name, df in tables.items():
        back = pd.read_sql(f'select * from "{name}"', db)
        assert list(back.columns) == schema.COLUMNS[name]
        assert _rows(back) == _rows(df), name  # booleans are 0/1 in SQLite: 1 == True


def test_columns_are_typed_and_keys_declared(db) -> None:
    cols = {r[1]: (r[2], r[3], r[5]) for r in db.execute('pragma table_info("results")')}
    assert cols["votes"] == ("INTEGER", 0, 0)
    assert cols["candidate_id"] == ("TEXT", 1, 2)
    fks = {(r[2], r[3]) for r in db.execute('pragma foreign_key_list("clp_nominations")')}
    assert ("clps", "body") in fks and ("candidacies", "candidate_id") in fks


def test_foreign_keys_hold_and_a_broken_one_is_seen(db) -> None:
    assert db.execute("pragma foreign_key_check").fetchall() == []
    db.execute("pragma foreign_keys = off")
    db.execute("insert into results (election_id, candidate_id, source_id, preferred, file, line) "
               "values ('2014-clp', 'nobody', '2014_clp_results_labourlist', 0, 'x', 1)")
    assert [r[0] for r in db.execute("pragma foreign_key_check")] == ["results"]
    db.rollback()


def test_full_text_search_finds_candidates_and_clps(db) -> None:
    assert db.execute("select display_name from candidates_fts where candidates_fts match 'black'"
                      ).fetchall() == [("Ann Black",)]
    assert ("Enfield Southgate CLP",) in db.execute(
        "select body from clps_fts where clps_fts match 'southgate'").fetchall()


def test_the_readme_query_gives_every_candidates_votes_across_years(db, tables) -> None:
    rows = pd.read_sql(JOURNALIST_QUERY, db)
    black = rows[rows.display_name == "Ann Black"].set_index("year")
    res = tables["results"]
    mine = res[res.preferred & (res.candidate_id == "ann-black")].merge(tables["elections"], on="election_id")
    assert sorted(black.index) == sorted(mine.year) and len(black) >= 4
    assert black.loc[2014, "votes"] == 36496 and pd.isna(black.loc[2022, "votes"])  # as LabourList printed
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert " ".join(JOURNALIST_QUERY.split()) in " ".join(readme.split())
    assert len(rows) == int(tables["results"].preferred.sum())


def test_referenced_tables_are_created_first() -> None:
    order = [t.name for t in creation_order()]
    for t in schema.TABLES:
        for fk in t.foreign_keys:
            assert order.index(fk.table) < order.index(t.name)


def test_a_failed_write_keeps_the_old_database(tmp_path: Path, tables) -> None:
    path = tmp_path / "nec.sqlite"
    write_sqlite(path, tables)
    results = tables["results"].copy()
    results.loc[results.index[0], "candidate_id"] = "nobody"
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        write_sqlite(path, dict(tables, results=results))
    assert sqlite3.connect(path).execute("select count(*) from results").fetchone()[0] == len(tables["results"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nec.sqlite"]
