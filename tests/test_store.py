"""store.write_tables is all or nothing: whatever happens, the folder holds the old complete
set of tables or the new complete set, never a mixture."""

from __future__ import annotations

import filecmp
import os
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

from nec_analysis import store
from nec_analysis.paths import processed_dir
from nec_analysis.schema import COLUMNS


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return store.load_tables()


def _shorter(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """A second, different complete set: every table without its last row."""
    return {name: df.iloc[:-1] for name, df in tables.items()}


def _texts(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    return {name: store.to_csv_text(df, name) for name, df in tables.items()}


def _version(folder: Path, versions: dict[str, dict[str, str]]) -> str:
    """Which complete set ``folder`` holds; fails on a mixture or a missing table."""
    on_disk = {n: (folder / f"{n}.csv").read_text(encoding="utf-8") for n in COLUMNS}
    found = [v for v, texts in versions.items() if texts == on_disk]
    assert found, {n: [v for v, t in versions.items() if t[n] == on_disk[n]] for n in COLUMNS}
    return found[0]


def test_write_then_load_gives_the_committed_bytes(tables, tmp_path: Path) -> None:
    folder = store.write_tables(tables, tmp_path / "processed")
    names = [f"{n}.csv" for n in COLUMNS]
    _, mismatch, errors = filecmp.cmpfiles(processed_dir(), folder, names, shallow=False)
    assert mismatch == errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".processed.lock", "processed"]


def test_other_files_in_the_folder_are_kept(tables, tmp_path: Path) -> None:
    folder = tmp_path / "processed"
    folder.mkdir()
    (folder / "README.md").write_text("dictionary\n")
    store.write_tables({"sources": tables["sources"]}, folder)
    store.write_tables({"totals": tables["totals"]}, folder)
    assert (folder / "README.md").read_text() == "dictionary\n"
    assert (folder / "sources.csv").is_file() and (folder / "totals.csv").is_file()


def test_a_bad_table_changes_nothing(tables, tmp_path: Path) -> None:
    folder = store.write_tables(tables, tmp_path / "processed")
    before = _texts(tables)
    bad = dict(_shorter(tables))
    bad["results"] = bad["results"].drop(columns=["votes"])
    with pytest.raises(KeyError):
        store.write_tables(bad, folder)
    with pytest.raises(KeyError, match="not declared"):
        store.write_tables({"ballots": tables["results"]}, folder)
    assert _version(folder, {"old": before}) == "old"


def test_a_failure_while_writing_leaves_the_old_set(tables, tmp_path: Path, monkeypatch) -> None:
    folder = store.write_tables(tables, tmp_path / "processed")
    calls = []
    real = store._write_file

    def failing(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 4:
            raise OSError("disk full")
        real(path, text)

    monkeypatch.setattr(store, "_write_file", failing)
    with pytest.raises(OSError, match="disk full"):
        store.write_tables(_shorter(tables), folder)
    assert _version(folder, {"old": _texts(tables)}) == "old"
    assert not (tmp_path / ".processed.new").exists()


def test_a_kill_between_the_renames_is_undone_on_the_next_read(tables, tmp_path: Path) -> None:
    folder = store.write_tables(tables, tmp_path / "processed")
    os.rename(folder, tmp_path / ".processed.old")  # what a kill after the first rename leaves
    assert store.read_table("totals", folder).equals(tables["totals"])
    assert not (tmp_path / ".processed.old").exists()


def _write_forever(versions: list[dict[str, pd.DataFrame]], folder: Path) -> None:
    """The child: write the versions in turn until killed, slowly enough to be caught mid-write."""
    real = store._write_file

    def slow(path: Path, text: str) -> None:
        real(path, text)
        time.sleep(0.002)

    store._write_file = slow
    while True:
        for v in versions:
            store.write_tables(v, folder)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_build_killed_at_any_moment_leaves_one_complete_set(tables, tmp_path: Path) -> None:
    """SIGKILL a writer at 15 moments; each time the folder holds one complete set."""
    folder = store.write_tables(tables, tmp_path / "processed")
    short = _shorter(tables)
    versions = {"full": _texts(tables), "short": _texts(short)}
    seen = []
    for i in range(15):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                _write_forever([short, tables], folder)
            finally:
                os._exit(1)
        time.sleep(0.02 + 0.013 * i)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        store.recover(folder)
        seen.append(_version(folder, versions))
    assert len(seen) == 15
