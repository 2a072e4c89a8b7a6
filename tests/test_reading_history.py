"""Layouts met in the elections of 1998-2006, each in printed variants written for these tests.

The tables are made up in the style of the old newspaper, bulletin and leaflet tables
(not copies of the captured clippings): lists of winners with no figures
(``elected: all``), slate leaflets that print the label once (``label:``), tables that
mark no winner, a column that cannot be paired to names, lists of changes from the
previous election, footnote stars after names, and a title with a surname alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_reading import HEADER, first_line, values  # noqa: E402 (the made-up tables' header and helpers)
from test_reading import read as read_as
from test_reading import refused as refused_as

from nec_analysis.etl.clippings import ClippingError, read_clipping
from nec_analysis.etl.names import Anchors
from nec_analysis.etl.table import parse_clipping
from nec_analysis.paths import raw_dir

REGISTRY = Anchors.load(raw_dir())


def read(tmp_path: Path, table: str, holds: str = "results", extra: str = "") -> pd.DataFrame:
    """The made-up ``table`` read as a results table unless ``holds`` says otherwise."""
    return read_as(tmp_path, table, holds, extra)


def refused(tmp_path: Path, table: str, holds: str = "results", extra: str = "") -> list:
    """The problems of the made-up ``table`` (a results table unless ``holds`` says otherwise)."""
    return refused_as(tmp_path, table, holds, extra)


# --------------------------------------------------------------------------- elected: all


CAPTION = "caption_lines: {n}: heading over the list\n"


@pytest.mark.parametrize("table, extra, names", [
    ("Members' section\nMaria Lopez\nTom Okafor\nRuth Adeyemi\n", CAPTION,
     ["Maria Lopez", "Tom Okafor", "Ruth Adeyemi"]),
    ("LOPEZ, Maria (GA)\nOKAFOR, Tom (MT)\n", "", ["Maria LOPEZ", "Tom OKAFOR"]),
    ("• Maria Lopez\n• Tom Okafor.\n", "", ["Maria Lopez", "Tom Okafor"]),
])
def test_elected_all_marks_every_listed_name_a_winner(tmp_path: Path, table: str, extra: str, names: list) -> None:
    extra = extra.format(n=first_line("elected: all\n" + extra))  # the line numbers where the key is there
    df = read(tmp_path, table, extra="elected: all\n" + extra)
    assert values(df, "name", "elected") == [[n, True] for n in names]
    without = read(tmp_path, table, extra=extra.replace(f"{first_line('elected: all' + chr(10) + extra)}:",
                                                        f"{first_line(extra)}:"))  # the same list without the key: who won is not known
    assert values(without, "elected") == [[None]] * len(names)


def test_elected_all_refuses_a_line_marked_not_elected(tmp_path: Path) -> None:
    [p] = refused(tmp_path, "Maria Lopez\nTom Okafor - not elected\n", extra="elected: all\n")
    assert p.line == first_line("elected: all\n") + 1 and "elected: all" in p.expected


@pytest.mark.parametrize("holds, value, words", [("nominations", "all", "results table"),
                                                 ("results", "some", "elected one of all")])
def test_elected_key_only_all_and_only_for_results(tmp_path: Path, holds: str, value: str, words: str) -> None:
    [p] = refused(tmp_path, "Maria Lopez 12\n", holds=holds, extra=f"elected: {value}\n")
    assert p.line == 8 and words in p.expected


# --------------------------------------------------------------------------- label: once for every line


@pytest.mark.parametrize("table, extra", [
    ("Maria Lopez\nTom Okafor\nRuth Adeyemi\n", ""),
    ("VOTE for the candidates\nsupported by the Left\n• Maria Lopez\n• Tom Okafor\n• Ruth Adeyemi\n",
     "caption_lines: {n}-{m}: the leaflet's call, which names the slate\n"),
    ("Maria Lopez.\n\nTom Okafor*\n\nRuth Adeyemi\n", ""),
])
def test_a_slate_label_given_once_in_the_header(tmp_path: Path, table: str, extra: str) -> None:
    n = first_line("label: Left\n" + extra)
    df = read(tmp_path, table, holds="slates", extra="label: Left\n" + extra.format(n=n, m=n + 1))
    assert values(df, "name", "label") == [["Maria Lopez", "Left"], ["Tom Okafor", "Left"], ["Ruth Adeyemi", "Left"]]


def test_without_the_header_label_a_bare_name_in_a_slates_table_is_an_error(tmp_path: Path) -> None:
    [p, _] = refused(tmp_path, "Maria Lopez\nTom Okafor\n", holds="slates")
    assert p.line == first_line() and "label:" in p.expected


def test_a_line_printing_another_label_contradicts_the_header(tmp_path: Path) -> None:
    [p] = refused(tmp_path, "Maria Lopez 1,204\nTom Okafor 987 (LF)\n", extra="label: GA\n")
    assert p.line == first_line("label: GA\n") + 1 and "'GA'" in p.expected and "'LF'" in p.expected


# --------------------------------------------------------------------------- what is not a name


@pytest.mark.parametrize("line", ["Jane Doe LABOUR FIRST 1,204", "Jane Doe INDEPENDENT 1,204",
                                  "Jane Doe left 1,204", "Jane Doe, OPEN LABOUR 88"])
def test_an_unregistered_person_plus_a_label_in_another_case_is_no_new_person(tmp_path: Path, line: str) -> None:
    labels = sorted(set(REGISTRY.labels) | {"Open Labour"}, key=lambda x: (-len(x), x))
    path = tmp_path / "2031_clp_test.txt"
    path.write_text(HEADER.format(holds="results", extra="") + "\nMaria Lopez 2,001\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ClippingError) as err:
        parse_clipping(read_clipping(path), anchors=Anchors(REGISTRY.people, labels))
    [p] = err.value.problems
    assert p.line == first_line() + 1 and "slate label" in p.expected and "register that spelling" in p.expected


@pytest.mark.parametrize("table, extra, notes", [
    ("Maria Lopez* 1,204\nTom Okafor 987\n", "", ["footnote marker '*' after the name", None]),
    ("LOPEZ†, Maria 1,204\nOKAFOR, Tom** 987\n", "", ["footnote marker '†' after the name",
                                                     "footnote marker '**' after the name"]),
    ("1,204 Maria Lopez*\n987 Tom Okafor\n", "template: {figure} {name}\n",
     ["footnote marker '*' after the name", None]),
])
def test_a_footnote_star_after_a_name_is_kept_not_named(tmp_path: Path, table: str, extra: str, notes: list) -> None:
    df = read(tmp_path, table, extra=extra)
    assert [n.casefold() for n, _ in values(df, "name", "figure")] == ["maria lopez", "tom okafor"]
    assert [r[0] for r in values(df, "notes")] == notes


@pytest.mark.parametrize("line", ["Mr Okafor 987", "Dr Okafor, 987", "Baroness Lopez (MT) 987"])
def test_a_title_and_one_unregistered_word_is_no_name(tmp_path: Path, line: str) -> None:
    [p] = refused(tmp_path, f"Maria Lopez 1,204\n{line}\n")
    assert p.line == first_line() + 1 and "title and a surname alone" in p.expected


def test_a_title_and_one_word_registered_as_an_alias_is_that_person(tmp_path: Path) -> None:
    title_aliases = [k for k in REGISTRY.people if len(k.split()) == 2 and k.split()[0] in ("mr", "lord", "baroness")]
    assert title_aliases, "the registry holds a title-and-surname alias (e.g. 'Lord Sawyer')"
    df = read(tmp_path, f"{title_aliases[0].title()} 987\n")
    assert values(df, "figure") == [[987]]


@pytest.mark.parametrize("line, shown", [("Okafor -1096 votes", "'-1096'"), ("Okafor + 452", "'+ 452'"),
                                         ("Tom Okafor −25", "'−25'")])
def test_a_list_of_changes_is_refused_never_read_as_votes(tmp_path: Path, line: str, shown: str) -> None:
    [p] = refused(tmp_path, f"Maria Lopez 1,204\n{line}\n")
    assert p.line == first_line() + 1 and "signed" in p.expected and shown in p.expected


def test_a_change_in_brackets_beside_its_count_is_still_its_change_note(tmp_path: Path) -> None:
    df = read(tmp_path, "Maria Lopez 1,204 (+452)\nTom Okafor 987 (-1,096)\n")
    assert values(df, "figure", "change") == [[1204, "+452"], [987, "-1,096"]]


# --------------------------------------------------------------------------- columns that cannot be paired


@pytest.mark.parametrize("earlier", [
    "\n51,220\n\n30,118\n(60.0)\n\n(40.0)\n",        # an earlier year's column with blank cells
    "51,220\n30,118\n(60.0)\n(40.0)\n",               # the same without its blanks
    "\n\n51,220\n(60.0)\n",                            # one figure only
])
def test_an_earlier_column_that_cannot_be_paired_stops_at_its_first_line(tmp_path: Path, earlier: str) -> None:
    table = ("  2031 % 2030 %\nMaria Lopez (GA)\nTom Okafor (MT)\n\nSam Reid (MT)\n40,112\n38,977\n12,004\n"
             "(44.1)\n(42.7)\n\n(13.2)\n")
    keys = "layout: columns\ncolumns: name, figure, share\nheading_lines: {h}: the years over the columns\n{f}"
    extra = keys.format(h=first_line(keys), f="")
    [p] = refused(tmp_path, table + earlier, extra=extra)
    offset = next(i for i, t in enumerate(earlier.split("\n")) if t)  # blank lines before the column's first
    assert p.line == first_line(extra) + table.count("\n") + offset
    assert "cannot be paired" in p.expected and "footnote_lines" in p.expected
    # Listed as footnotes with the reason, the earlier column is accounted for and the rest reads.
    last = (table + earlier).rstrip("\n").count("\n")
    with_notes = keys.replace("{f}", "footnote_lines: {a}-{b}: the 2030 column, which cannot be paired to names\n")
    top = first_line(with_notes)
    extra = with_notes.format(h=top, a=top + table.count("\n") + offset, b=top + last)
    df = read(tmp_path, table + earlier, extra=extra)
    assert values(df, "figure", "share") == [[40112, "44.1%"], [38977, "42.7%"], [12004, "13.2%"]]
    assert (df.row_kind == "footnote").sum() == len([t for t in earlier.split("\n") if t])


# --------------------------------------------------------------------------- through the data build


def test_old_layouts_through_the_build(tmp_path: Path) -> None:
    """A complete table marking no winner leaves elected unknown; a winners list marks them; a leaflet's label maps."""
    from nec_analysis.etl.build import build_tables

    root = tmp_path / "proj"
    shutil.copytree(raw_dir(), root / "data" / "raw")
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    with (root / "data" / "raw" / "elections.csv").open("a", encoding="utf-8") as f:
        f.write("2031,clp,regular,2,block,,https://example.org/t,made up\n"
                "2032,clp,regular,2,block,,https://example.org/t,made up\n")
    head = "publisher: Test Desk\ntitle: A made-up table\nurl: https://example.org/t\nsection: clp\n"
    clippings = root / "data" / "raw" / "clippings"
    (clippings / "2031_clp_results_test.txt").write_text(
        head + "published: 2031-06-01\nyear: 2031\nholds: results\n\n"
               "Ann Black 8,101\nJohanna Baxter 7,550\nPeter Willsman 3,020\n", encoding="utf-8")
    (clippings / "2032_clp_results_test-winners.txt").write_text(
        head + "published: 2032-06-01\nyear: 2032\nholds: results\nelected: all\npartial: yes\n\n"
               "Ann Black\nPeter Willsman\n", encoding="utf-8")
    (clippings / "2032_clp_results_test-top.txt").write_text(  # an earlier report: one figure, no winner marked
        head + "published: 2032-05-30\nyear: 2032\nholds: results\npartial: yes\n\nPeter Willsman 9,120\n",
        encoding="utf-8")
    (clippings / "2032_clp_slates_test.txt").write_text(
        head + "published: 2032-05-01\nyear: 2032\nholds: slates\nlabel: GA\n\nAnn Black\nPeter Willsman\n",
        encoding="utf-8")
    tables = build_tables(root).tables
    c = tables["candidacies"].set_index(["election_id", "candidate_id"])
    assert c.loc[("2031-clp", "ann-black"), "elected"] is pd.NA  # top by votes, but the table marks no winner
    assert c.loc[("2031-clp", "peter-willsman"), "elected"] is pd.NA
    assert c.loc[("2032-clp", "peter-willsman"), "elected"] == True  # noqa: E712
    assert c.loc[("2032-clp", "peter-willsman"), "slate_family"] == "grassroots_left"
    res = tables["results"].set_index(["election_id", "candidate_id", "source_id"])
    # The row with votes is preferred, though the winners list is newer; the list still says who won.
    assert res.loc[("2032-clp", "peter-willsman", "2032_clp_results_test-top"), "preferred"] == True  # noqa: E712
    assert res.loc[("2032-clp", "peter-willsman", "2032_clp_results_test-winners"), "preferred"] == False  # noqa: E712
    # 2031 (the year before) is the previous election: its winners are unknown, so incumbency is too.
    assert c.loc[("2032-clp", "ann-black"), "incumbent"] is pd.NA
    assert "2031-clp" in c.loc[("2032-clp", "ann-black"), "incumbent_basis"]
