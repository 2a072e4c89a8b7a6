"""The data build refuses what it cannot stand behind, and is safe to run and to interrupt.

Each test works on a copy of ``data/raw`` (never the project's own) and changes one thing
a journalist could get wrong, or a source could misprint.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from nec_analysis.etl.build import build_tables
from nec_analysis.etl.lock import data_lock
from nec_analysis.io import project_root
from nec_analysis.parsers import ClippingError

ROOT = project_root()


def copy_raw(tmp_path: Path) -> Path:
    """A project folder holding a copy of ``data/raw`` (what ``build --root`` reads)."""
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    return root


def problems_of(root: Path) -> list[str]:
    """The build's problems as ``file:line: expected`` strings (an empty list if it builds)."""
    try:
        build_tables(root)
    except ClippingError as err:
        return [f"{p.file}:{p.line}: {p.expected}" for p in err.problems]
    return []


# --------------------------------------------------------------------------- preferred sources


def _prefer(root: Path, rows: str) -> None:
    (root / "data/raw/preferred_sources.csv").write_text(
        "year,section,election_type,holds,source_id,reason\n" + rows)


def test_a_preference_applies_only_to_the_election_it_names(tmp_path: Path) -> None:
    """Issue 10: preferring Left Futures for 2014 changed 2012's summed total to 275 instead of 2,079.

    Left Futures' 2014 table prints 2012 and 2010 counts in brackets; naming it for 2014 must
    change nothing about 2012 or 2010, whose own tables stay preferred.
    """
    before = build_tables(ROOT).tables
    root = copy_raw(tmp_path)
    _prefer(root, "2014,clp,regular,nominations,2014_clp_nominations_leftfutures,test: Left Futures for 2014\n")
    after = build_tables(root).tables
    summed = after["elections"].set_index("election_id").nominations_total_summed
    assert summed["2012-clp"] == 2079 and summed["2010-clp"] == 1730
    n = after["nominations"]
    for eid in ("2010-clp", "2012-clp"):
        preferred = n[(n.election_id == eid) & n.preferred]
        assert set(preferred.origin) == {"table"}, eid
        old = before["nominations"]
        assert preferred.source_id.tolist() == old[(old.election_id == eid) & old.preferred].source_id.tolist()
    y2014 = n[(n.election_id == "2014-clp") & n.preferred]
    assert set(y2014.source_id) == {"2014_clp_nominations_leftfutures"}  # the preference does act on 2014
    assert y2014.set_index("candidate_id").nominations["peter-willsman"] == 116


def test_bracketed_counts_never_outrank_the_elections_own_table(tmp_path: Path) -> None:
    """A preference naming a source for an election it prints only in brackets is an error, not a switch."""
    root = copy_raw(tmp_path)
    _prefer(root, "2012,clp,regular,nominations,2014_clp_nominations_leftfutures,test: brackets for 2012\n")
    [msg] = problems_of(root)
    assert msg.startswith("data/raw/preferred_sources.csv:2: column source_id:")
    assert "only in brackets" in msg and "2012_clp_nominations_akehurst" in msg


def test_a_preference_for_a_source_with_nothing_for_that_election_is_an_error(tmp_path: Path) -> None:
    root = copy_raw(tmp_path)
    _prefer(root, "2010,clp,regular,nominations,2014_clp_nominations_labourlist,test: wrong year\n")
    [msg] = problems_of(root)
    assert msg.startswith("data/raw/preferred_sources.csv:2:") and "has none" in msg and "2010-clp" in msg


def test_the_real_preference_still_picks_labourlist_for_2014() -> None:
    n = build_tables(ROOT).tables["nominations"]
    pref = n[(n.election_id == "2014-clp") & n.preferred].set_index("candidate_id")
    assert pref.nominations["ellie-reeves"] == 116 and set(pref.source_id) == {"2014_clp_nominations_labourlist"}
    assert pd.api.types.is_bool_dtype(n.preferred)


# --------------------------------------------------------------------------- registries fail clearly


def _append(root: Path, name: str, row: str) -> int:
    """Append ``row`` to ``data/raw/<name>.csv``; return its line number."""
    path = root / f"data/raw/{name}.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def _replace(root: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in ``data/raw/<name>.csv``; return the line it is on."""
    path = root / f"data/raw/{name}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


OVERRIDE = "2014,clp,regular,ann-black,{flag},a reason,https://example.org"
CANDIDATE = "zed-test,Zed Test,,{gender},{gsrc},{region},{rsrc},{strength}"

# (file, a row appended to it — or an edit returning the line it made bad —, what the message must name)
MALFORMED = {
    "slate label twice, two families": ("slate_families", "Left,labour_right,dup", "label"),
    "slate label twice, one family": ("slate_families", "Left,grassroots_left,dup", "label"),
    "misspelt slate family": ("slate_families", "Purple,grasroots_left,x", "slate_family"),
    "empty slate label": ("slate_families", ",independent,x", "label"),
    "missing column": ("slate_families", lambda r: _replace(r, "slate_families", "label,slate_family,note", "label,note"), "slate_family"),
    "unknown column": ("slate_families", lambda r: _replace(r, "slate_families", "label,slate_family,note", "label,slate_famly,note"), "slate_famly"),
    "a field too many": ("slate_families", "Purple,independent,x,extra", "after column note"),
    "a field too few": ("slate_families", "Purple", "column slate_family: missing"),
    "bad boolean maybe": ("incumbency_overrides", OVERRIDE.format(flag="maybe"), "incumbent"),
    "bad boolean Yes": ("incumbency_overrides", OVERRIDE.format(flag="Yes"), "incumbent"),
    "bad boolean 1": ("incumbency_overrides", OVERRIDE.format(flag="1"), "incumbent"),
    "bad boolean empty": ("incumbency_overrides", OVERRIDE.format(flag=""), "incumbent"),
    "id not a slug": ("incumbency_overrides", OVERRIDE.format(flag="no").replace("ann-black", "Ann Black"), "candidate_id"),
    "misspelt id": ("incumbency_overrides", OVERRIDE.format(flag="no").replace("ann-black", "ann-blak"), "candidate_id"),
    "two-digit year": ("incumbency_overrides", OVERRIDE.format(flag="no").replace("2014,", "14,", 1), "year"),
    "section in capitals": ("incumbency_overrides", OVERRIDE.format(flag="no").replace(",clp,", ",CLP,"), "section"),
    "misspelt election type": ("incumbency_overrides", OVERRIDE.format(flag="no").replace("regular", "regualr"), "election_type"),
    "no reason": ("incumbency_overrides", OVERRIDE.format(flag="no").replace("a reason", ""), "reason"),
    "override for an election not in the data": ("incumbency_overrides", OVERRIDE.format(flag="no").replace("2014", "2016"), "year"),
    "override given twice": ("incumbency_overrides", "2010,clp,regular,ann-black,no,again,", "candidate_id"),
    "seats in words": ("elections", "2030,clp,regular,six,block,,,", "seats"),
    "seats of zero": ("elections", "2030,clp,regular,0,block,,,", "seats"),
    "voting system in capitals": ("elections", "2030,clp,regular,6,Block,,,", "voting_system"),
    "threshold not a number": ("elections", "2030,clp,regular,6,block,five,,", "ballot_threshold"),
    "election twice": ("elections", "2014,clp,regular,6,block,,,again", "election_type"),
    "candidate id twice": ("candidates", "ann-black,Ann Black Two,,,,,,", "candidate_id"),
    "gender word": ("candidates", CANDIDATE.format(gender="female", gsrc="x", region="", rsrc="", strength=""), "gender"),
    "gender without a source": ("candidates", CANDIDATE.format(gender="F", gsrc="", region="", rsrc="", strength=""), "gender_source"),
    "gender source without a gender": ("candidates", CANDIDATE.format(gender="", gsrc="The Paper, 2030: 'she'", region="", rsrc="", strength=""), "gender"),
    "misspelt region": ("candidates", CANDIDATE.format(gender="", gsrc="", region="Londn", rsrc="x", strength="stated"), "home_region"),
    "region without strength": ("candidates", CANDIDATE.format(gender="", gsrc="", region="London", rsrc="x", strength=""), "home_region_strength"),
    "alias of someone else": ("candidates", "zed-test,Zed Test,Ann Black,,,,,", "aliases"),
    "empty alias": ("candidates", "zed-test,Zed Test,Zed|,,,,,", "aliases"),
    "invisible character": ("candidates", "zed-test,Zed\u2060Test,,,,,,", "display_name"),
    "control character": ("candidates", "zed-test,Zed\x00Test,,,,,,", "display_name"),
    "misspelt decision": ("name_decisions", "Ann Blacke,maybe,,why", "decision"),
    "alias without an id": ("name_decisions", "Ann Blacke,alias,,why", "candidate_id"),
    "alias of an unknown id": ("name_decisions", "Ann Blacke,alias,ann-blak,why", "candidate_id"),
    "decision without a reason": ("name_decisions", "Ann Blacke,different,,", "reason"),
    "preference for slates": ("preferred_sources", "2014,clp,regular,slates,2014_clp_slates_labourlist,x", "holds"),
    "preference for a misspelt source": ("preferred_sources", "2014,clp,regular,results,2014_clp_results_labourlst,x", "source_id"),
    "two preferences for one election": ("preferred_sources", "2014,clp,regular,nominations,2014_clp_nominations_leftfutures,x", "holds"),
    "override of an unknown check": ("printed_as_is", "data/raw/clippings/2014_clp_results_labourlist.txt,12,bogus,x,y", "check"),
    "override without a source": ("printed_as_is", "data/raw/clippings/2014_clp_results_labourlist.txt,12,block_order,x,", "source"),
    # data/raw/geography/: read by the same strict reader
    "region flag not True or False": ("geography/regions", lambda r: _replace(r, "geography/regions", "England,True\nNW", "England,yes\nNW"), "has_clps"),
    "misspelt nation": ("geography/regions", lambda r: _replace(r, "geography/regions", "Wales,Wales,Wales", "Wales,Wales,Whales"), "nation"),
    "region code twice": ("geography/regions", lambda r: _replace(r, "geography/regions", "NW,E12000002", "NE,E12000002") , "short_code"),
    "GSS code that is no code": ("geography/regions", lambda r: _replace(r, "geography/regions", "E12000007", "E1200007"), "gss_code"),
    "region name with an invisible character": ("geography/regions", lambda r: _replace(r, "geography/regions", "London,London,", "London,Lon\u200bdon,"), "labour_name"),
    "region row cut short": ("geography/regions", lambda r: _replace(r, "geography/regions", "SC,S92000003,UKM,Scotland,Scotland,Scotland,True", "SC,S92000003,UKM,Scotland"), "column labour_name: missing"),
    "alias for an unknown boundary set": ("geography/clp_aliases", "2015,Exeter City CLP,Exeter,printed with City", "boundary_set"),
    "alias without a reason": ("geography/clp_aliases", "2010,Exeter City CLP,Exeter,", "reason"),
    "alias with a control character": ("geography/clp_aliases", "2010,Exeter\x07City CLP,Exeter,printed with City", "clp_name"),
    "alias with a field too many": ("geography/clp_aliases", "2010,Exeter City CLP,Exeter,printed with City,extra", "after column reason"),
    "alias given twice": ("geography/clp_aliases", lambda r: [_append(r, "geography/clp_aliases", f"2010,Exeter City CLP,Exeter,{w}") for w in ("a", "b")][-1], "clp_name"),
    "alias to a seat that does not exist": ("geography/clp_aliases", "2010,Exeter City CLP,Exeter City,printed with City", "constituency_name"),
    "alias contradicting a seat's own name": ("geography/clp_aliases", "2010,Exeter CLP,Tiverton and Honiton,why", "clp_name"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_every_malformed_registry_row_is_an_error_naming_file_line_and_column(tmp_path: Path, case: str) -> None:
    name, breakit, column = MALFORMED[case]
    root = copy_raw(tmp_path)
    if not (root / f"data/raw/{name}.csv").exists():  # an optional registry: start it with its header
        (root / f"data/raw/{name}.csv").write_text("file,line,check,reason,source\n")
    line = _append(root, name, breakit) if isinstance(breakit, str) else breakit(root)
    found = problems_of(root)
    assert found, f"{case}: accepted silently"
    assert any(m.startswith(f"data/raw/{name}.csv:{line}:") and column in m for m in found), found


def test_a_csv_in_data_raw_that_nothing_reads_is_an_error(tmp_path: Path) -> None:
    """A table a journalist adds under a name the build does not read would be silently ignored."""
    root = copy_raw(tmp_path)
    (root / "data/raw/candidate_genders.csv").write_text("candidate_id,gender\nann-black,F\n")
    (root / "data/raw/geography/wards.csv").write_text("ward\nAbbey\n")
    found = problems_of(root)
    assert [m.split(": ")[0] for m in found] == ["data/raw/candidate_genders.csv:1", "data/raw/geography/wards.csv:1"]
    assert all("read by nothing" in m for m in found)


def test_every_csv_under_data_raw_is_read_by_the_strict_reader() -> None:
    from nec_analysis.etl.registries import specs

    raw = ROOT / "data/raw"
    on_disk = {p.relative_to(raw).with_suffix("").as_posix() for p in raw.rglob("*.csv")}
    assert on_disk <= set(specs(raw)), on_disk - set(specs(raw))
    assert {"geography/regions", "geography/clp_aliases"} <= on_disk


@pytest.mark.parametrize("damage", ["not utf-8", "empty", "missing", "unclosed quote"])
def test_a_damaged_registry_file_is_an_error_naming_it(tmp_path: Path, damage: str) -> None:
    root = copy_raw(tmp_path)
    path = root / "data/raw/slate_families.csv"
    if damage == "not utf-8":
        path.write_bytes(path.read_bytes() + "Caf\u00e9,independent,x\n".encode("cp1252"))
    elif damage == "empty":
        path.write_text("")
    elif damage == "missing":
        path.unlink()
    else:
        path.write_text(path.read_text() + '"Purple,independent,x\n')
    found = problems_of(root)
    assert found and all(m.startswith("data/raw/slate_families.csv:") for m in found), found


def test_the_command_reports_malformed_registries_without_a_traceback(tmp_path: Path) -> None:
    """Several files broken at once: every one reported, exit 1, no traceback, nothing written."""
    root = copy_raw(tmp_path)
    bad = [MALFORMED[c] for c in ("slate label twice, two families", "bad boolean maybe", "seats in words",
                                  "gender without a source", "misspelt decision")]
    lines = {name: _append(root, name, row) for name, row, _ in bad}
    proc = subprocess.run([sys.executable, "-m", "nec_analysis", "build", "--root", str(root)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    for name, line in lines.items():
        assert f"data/raw/{name}.csv:{line}:" in proc.stderr, (name, proc.stderr)
    assert not (root / "data/processed").exists()


# --------------------------------------------------------------------------- plausibility

RESULTS_2014 = "data/raw/clippings/2014_clp_results_labourlist.txt"


def _edit(root: Path, file: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in clipping ``file``; return the line it is on."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


# (what a source could misprint, clipping, printed text, misprint, check the message must name)
IMPLAUSIBLE = {
    "7 elected for 6 seats": (RESULTS_2014, "WILLSMAN, Peter 23,362", "WILLSMAN, Peter 23,362 Elected", "elected_over_seats"),
    "an elected candidate outpolled by a loser": (RESULTS_2014, "BAXTER, Johanna 24,325", "BAXTER, Johanna 22,325", "block_order"),
    "turnout of 133.1%": ("data/raw/clippings/2014_clp_totals_labourlist.txt", "turnout_pct: 33.1", "turnout_pct: 133.1", "turnout_over_100"),
    "votes above ballots cast": ("data/raw/clippings/2010_clp_results_akehurst.txt", "Livingstone - 88,235", "Livingstone - 188,235", "votes_over_ballots"),
    "more nominations than CLPs nominating": ("data/raw/clippings/2014_clp_nominations_labourlist.txt", "Ann Black – 220", "Ann Black – 290", "nominations_over_clps"),
    "a bracketed count above that year's CLPs": ("data/raw/clippings/2014_clp_nominations_leftfutures.txt", "(333, 275)", "(433, 275)", "nominations_over_clps"),
}


@pytest.mark.parametrize("case", list(IMPLAUSIBLE))
def test_an_implausible_figure_stops_the_build_at_its_line(tmp_path: Path, case: str) -> None:
    file, old, new, check = IMPLAUSIBLE[case]
    root = copy_raw(tmp_path)
    line = _edit(root, file, old, new)
    found = problems_of(root)
    assert any(m.startswith(f"{file}:{line}:") and check in m for m in found), found


def test_a_sourced_override_lets_a_printed_misprint_through_and_a_stale_one_is_an_error(tmp_path: Path) -> None:
    root = copy_raw(tmp_path)
    file, old, new, check = IMPLAUSIBLE["an elected candidate outpolled by a loser"]
    line = _edit(root, file, old, new)
    overrides = root / "data/raw/printed_as_is.csv"
    n = len(overrides.read_text().splitlines()) + 1  # the line the new override lands on
    with overrides.open("a") as f:
        f.write(f"{file},{line},{check},test: the table prints it so,The Test Desk 2014-08-20\n")
    built = build_tables(root)
    r = built.tables["results"].set_index(["election_id", "candidate_id"])
    assert r.loc[("2014-clp", "johanna-baxter"), "votes"] == 22325  # kept as printed
    assert any(f"{file}:{line}" in w and "printed as is" in w for w in built.warnings)
    _edit(root, file, new, old)  # the clipping corrected: the override now excuses nothing
    [msg] = problems_of(root)
    assert msg.startswith(f"data/raw/printed_as_is.csv:{n}:") and "passes" in msg


@pytest.mark.parametrize("figure", ["9223372036854775808", "10,000,000", "99999999999999999999999"])
def test_a_figure_too_large_to_be_real_is_an_error_not_a_traceback(tmp_path: Path, figure: str) -> None:
    root = copy_raw(tmp_path)
    line = _edit(root, RESULTS_2014, "FLINTOFF, Crispin 12,539", f"FLINTOFF, Crispin {figure}")
    found = problems_of(root)
    assert any(m.startswith(f"{RESULTS_2014}:{line}:") and "below 10,000,000" in m for m in found), found



# --------------------------------------------------------------------------- the data lock and the Makefile


def _build_process(root: Path) -> "subprocess.Popen[str]":
    return subprocess.Popen([sys.executable, "-m", "nec_analysis", "build", "--root", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_data_build_waits_for_a_report_build_reading_the_tables(tmp_path: Path) -> None:
    """`make report` reads under the shared lock: a data build started meanwhile writes nothing until it ends."""
    root = copy_raw(tmp_path)
    with data_lock(root, shared=True):
        proc = _build_process(root)
        ready, _, _ = select.select([proc.stderr], [], [], 120)
        said = proc.stderr.readline() if ready else ""
        assert "waiting" in said, said
        time.sleep(2)
        assert proc.poll() is None and not (root / "data/processed").exists()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert (root / "data/processed/results.csv").is_file()


def test_a_report_build_waits_for_the_data_build(tmp_path: Path) -> None:
    """What reports.mk runs (`python -m nec_analysis.etl.lock --shared -- …`) starts only once no build writes."""
    marker = tmp_path / "report-ran"
    with data_lock(tmp_path):
        proc = subprocess.Popen([sys.executable, "-m", "nec_analysis.etl.lock", "--shared", "--root", str(tmp_path),
                                 "--", sys.executable, "-c", f"open({str(marker)!r}, 'w')"],
                                stderr=subprocess.PIPE, text=True)
        time.sleep(2)
        assert proc.poll() is None and not marker.exists()
    assert proc.wait(timeout=60) == 0 and marker.exists()


def _make_data(project: Path) -> bool:
    """Run `make data` in ``project``; whether it ran the build."""
    proc = subprocess.run(["make", "data", f"PY={sys.executable}", "SETUP=.setup-done"], cwd=project,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return "nec_analysis build" in proc.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_deleting_or_renaming_a_clipping_makes_make_data_rebuild(tmp_path: Path) -> None:
    project = copy_raw(tmp_path)
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "nec_analysis", project / "nec_analysis", ignore=shutil.ignore_patterns("__pycache__"))
    uv = re.search(r"^UV_VERSION := (\S+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    (project / ".venv").mkdir()
    (project / f".venv/.uv-{uv}").touch()  # set-up counts as done: the stamps, newest last
    time.sleep(0.05)
    (project / ".setup-done").touch()
    clips = project / "data/raw/clippings"
    assert _make_data(project)
    assert not _make_data(project)  # nothing changed: nothing to do
    (clips / "2010_clp_totals_lobbydog.txt").rename(clips / "2010_clp_totals_lobby-dog.txt")
    assert _make_data(project)      # renamed: no file is newer, but the list changed
    assert not _make_data(project)
    (clips / "2010_clp_totals_lobby-dog.txt").unlink()
    assert _make_data(project)      # deleted
    totals = pd.read_csv(project / "data/processed/totals.csv")
    assert not totals.source_id.str.startswith("2010_clp_totals_lobby").any()


# --------------------------------------------------------------------------- names resolve fast, by the same rule


def test_the_batched_near_match_search_finds_exactly_what_a_pairwise_scan_finds() -> None:
    """rapidfuzz only pre-selects; every pair a full difflib scan calls close is found, and no other."""
    import random

    from nec_analysis.etl.people import Registry, _close, name_key

    rng = random.Random(7)
    reg = Registry.load(ROOT / "data/raw")
    known = list(reg.keys)
    printed = []
    for _ in range(400):  # variants of real names (a letter dropped, doubled or changed) and strangers
        base = rng.choice(known)
        i = rng.randrange(len(base))
        printed.append(rng.choice([base[:i] + base[i + 1:], base[:i] + base[i] + base[i:],
                                   base[:i] + rng.choice("aeioust") + base[i + 1:],
                                   "".join(rng.sample(base, len(base)))]).title())
    reg.prepare(printed)
    for name in printed:
        key = name_key(name)
        if key in reg.keys or key in reg.different:
            continue
        expected = sorted({reg.keys[k] for k in reg.keys if _close(key, k)})
        assert reg.near(key) == expected, name


def test_the_batched_search_over_many_new_names_answers_as_one_search_per_name() -> None:
    """Blocks of new names, a window of lengths, each pair of new names compared once: resolving
    1,500 names (close pairs among the new ones, across blocks and lengths) gives the same ids and
    the same near-match errors as resolving them one search at a time."""
    import random

    from nec_analysis.etl.people import NearMatchError, Registry

    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = []
    for _ in range(1200):
        fore = "".join(rng.choice(letters) for _ in range(rng.randint(3, 9))).title()
        sur = "".join(rng.choice(letters) for _ in range(rng.randint(3, 12))).title()
        names.append(f"{fore} {sur}")
    for name in rng.sample(names, 300):  # a letter dropped, one or two added: a close name of another length
        i = rng.randrange(1, len(name))
        names.append(rng.choice([name[:i] + name[i + 1:], name[:i] + rng.choice(letters) + name[i:],
                                 name[:i] + rng.choice(letters) + name[i:] + rng.choice(letters)]))
    names += ["Ann Blacke", "Jess Barnard", "Peter Wilsman"]
    rng.shuffle(names)

    def outcomes(batched: bool) -> list[str]:
        reg = Registry.load(ROOT / "data/raw")
        if batched:
            reg.prepare(names)
        out = []
        for name in names:
            try:
                out.append(reg.resolve(name))
            except NearMatchError as err:
                out.append(f"error: {err}")
        return out

    batched, one_by_one = outcomes(True), outcomes(False)
    assert sum(o.startswith("error") for o in one_by_one) > 100  # the close pairs really are found
    assert batched == one_by_one


def test_two_close_new_names_in_one_table_are_an_error(tmp_path: Path) -> None:
    root = copy_raw(tmp_path)
    (root / "data/raw/clippings/2030_clp_nominations_test.txt").write_text(
        "publisher: Test Desk\ntitle: t\nurl: https://example.org\npublished: 2030-06\nyear: 2030\n"
        "section: clp\nholds: nominations\n\n  • Zedekiah Quorn – 12\n  • Zedekiah Quornn – 7\n")
    [msg] = problems_of(root)
    assert msg.startswith("data/raw/clippings/2030_clp_nominations_test.txt:10:") and "zedekiah-quorn" in msg


def test_the_readme_journalist_path_names_every_registry_and_step() -> None:
    """Every registry the build reads (etl/registries.py declares them) and every command a journalist
    runs is in README's 'Adding a new clipping', so no step a test demands is undocumented."""
    from nec_analysis.etl.registries import specs

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a new clipping", 1)[1].split("\n## ", 1)[0]
    missing = [f"data/raw/{name}.csv" for name in specs(ROOT / "data/raw") if f"{name}.csv" not in section]
    missing += [cmd for cmd in ("make data", "make test", "data/processed/") if cmd not in section]
    assert not missing, f"README 'Adding a new clipping' does not mention {missing}"


# --------------------------------------------------------------------------- interrupted builds


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


def _disk_state(data: Path) -> tuple[list[str], list[str]]:
    """The names in ``data/`` and ``data/processed/``: a write adds one (a temporary file or folder)."""
    try:
        return sorted(os.listdir(data)), sorted(os.listdir(data / "processed"))
    except FileNotFoundError:  # a folder is being swapped: something is being written
        return ["changing"], []


def _build_command(root: Path) -> int:
    """`python -m nec_analysis build --root ROOT`, in this process."""
    from nec_analysis.__main__ import main

    return main(["build", "--root", str(root)])


class _ForkedBuild:
    """``run()`` (by default the build command: the data lock, the build, the README check, the
    summary) in a forked copy of this process, without starting an interpreter and importing
    pandas again for each of the twenty builds. Output goes to /dev/null; ``poll``, ``kill``
    and ``wait`` as on a ``Popen``."""

    def __init__(self, root: Path, run: Callable[[], int] | None = None) -> None:
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:  # the child: run it, then leave without running the parent's exit code
            rc = 70
            try:
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                rc = run() if run else _build_command(root)
            finally:
                os._exit(rc)

    def _reap(self, flags: int) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, flags)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def poll(self) -> int | None:
        return self._reap(os.WNOHANG)

    def wait(self) -> int:
        return self._reap(0)

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, 9)


def test_a_build_killed_at_random_points_leaves_the_old_or_the_new_tables(tmp_path: Path) -> None:
    """Issue 10.7: `build --root COPY` killed 20 times, half at random moments, half just after it
    starts writing; each time data/processed holds the old complete set or the new one (after the
    recovery the next read or build makes).

    The builds killed while writing are forked once the new tables are computed, and run the
    build's write (``store.write_tables`` under the data lock, as ``build`` does): until its
    first write a build changes nothing on disk, so computing the same tables ten more times
    would only spend time before the moment that matters."""
    import random

    from nec_analysis import store
    from nec_analysis.store import recover

    root = copy_raw(tmp_path)
    processed = root / "data/processed"
    clips = root / "data/raw/clippings"
    moved = tmp_path / "2014_clp_nominations_leftfutures.txt"
    (clips / moved.name).rename(moved)  # the old set: without one clipping
    start = time.perf_counter()
    assert _ForkedBuild(root).wait() == 0
    took = time.perf_counter() - start
    old = _snapshot(processed)
    moved.rename(clips / moved.name)  # the new set: with it
    new_dir = tmp_path / "new"

    tables = build_tables(root).tables  # what `build` writes (build_tables, then store.write_tables)
    store.write_tables(tables, new_dir)
    new = _snapshot(new_dir)

    def write() -> int:
        with data_lock(root):
            store.write_tables(tables, processed)
        return 0

    assert old != new and set(old) == set(new)
    rng = random.Random(20)
    deadline = time.perf_counter() + 20 * 2 * took + 120  # bounded: twenty builds' time, with room
    outcomes = []
    for i in range(20):
        assert time.perf_counter() < deadline, "the interrupt test ran past its time budget"
        before = _disk_state(root / "data")
        proc = _ForkedBuild(root, None if i % 2 else write)
        if i % 2:  # at any moment of the build
            time.sleep(rng.uniform(0.3 * took, 1.1 * took))
        else:  # while it writes: from the first change on disk, a few milliseconds on
            while proc.poll() is None and _disk_state(root / "data") == before:
                assert time.perf_counter() < deadline, "the build neither wrote nor ended"
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.03))
        proc.kill()
        outcomes.append(proc.wait())
        recover(processed)
        now = _snapshot(processed)
        assert now in (old, new), f"a kill left a mixed or partial set: {sorted(k for k in now if now[k] != old.get(k))}"
        if now == new:  # put the old set back, so the next kill can be told apart
            shutil.rmtree(processed)
            processed.mkdir()
            for name, data in old.items():
                (processed / name).write_bytes(data)
    # each build was killed (-9) or had finished (0); none failed on its own, and kills did land
    assert set(outcomes) <= {0, -9} and -9 in outcomes, outcomes
