"""The kept site pages (nec_analysis/site/cache.py): reused only for the very same inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

from nec_analysis.paths import processed_dir
from nec_analysis.site import cache


def _make(calls: list[str]):
    def make(out_root: Path, data_dir: Path, indexed: list[int]) -> dict:
        text = (Path(data_dir) / "elections.csv").read_text(encoding="utf-8")
        calls.append(text)
        (Path(out_root) / "candidates").mkdir(parents=True)
        (Path(out_root) / "candidates" / "index.html").write_text(f"{len(text)} {indexed}", encoding="utf-8")
        return {"people": len(text), "indexed": indexed}

    return make


def test_the_same_inputs_reuse_the_kept_pages_and_any_change_makes_them_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(processed_dir(), data)
    calls: list[str] = []
    make, kept = _make(calls), tmp_path / "kept"

    first = cache.prepared_site(make, tmp_path / "a", data, [2014], folder=kept)
    again = cache.prepared_site(make, tmp_path / "b", data, [2014], folder=kept)
    assert len(calls) == 1 and first == again
    assert (tmp_path / "b" / "candidates" / "index.html").read_text() == (
        tmp_path / "a" / "candidates" / "index.html").read_text()

    cache.prepared_site(make, tmp_path / "c", data, [2012, 2014], folder=kept)  # other years linked
    assert len(calls) == 2
    with (data / "elections.csv").open("a", encoding="utf-8") as f:  # the data changed
        f.write("\n")
    changed = cache.prepared_site(make, tmp_path / "d", data, [2014], folder=kept)
    assert len(calls) == 3 and changed["people"] == first["people"] + 1
    assert (tmp_path / "d" / "candidates" / "index.html").read_text().startswith(str(changed["people"]))


def test_the_key_covers_the_package_code(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(processed_dir(), data)
    before = cache.key(data, [2014])
    extra = tmp_path / "extra.py"
    extra.write_text("x = 1\n", encoding="utf-8")
    real = cache.inputs
    monkeypatch.setattr(cache, "inputs", lambda d=None: [*real(d), extra])
    assert cache.key(data, [2014]) != before
    extra.write_text("x = 2\n", encoding="utf-8")
    with_two = cache.key(data, [2014])
    extra.write_text("x = 1\n", encoding="utf-8")
    assert cache.key(data, [2014]) != with_two
    assert cache.inputs(data)[:-1] == real(data)
    assert any(p.name == "home.py" for p in real(data)) and any(p.suffix == ".j2" for p in real(data))
