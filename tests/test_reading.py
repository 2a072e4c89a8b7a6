"""The general line reader: each layout class in printed variants written for these tests.

The lines here are made up in the style of newspaper and blog tables (not copied from
the captured clippings); each test asserts the parts the reader found. The misreads
reported in issue 10 are here too: each must now read right or stop with file:line.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from nec_analysis.etl.clippings import ClippingError, read_clipping
from nec_analysis.etl.names import Anchors
from nec_analysis.etl.table import parse_clipping
from nec_analysis.paths import raw_dir

REGISTRY = Anchors.load(raw_dir())
EXTRA_LABELS = ["Momentum", "Open Labour", "Labour to Win"]  # labels these made-up tables print bare
ANCHORS = Anchors(REGISTRY.people, sorted(set(REGISTRY.labels) | set(EXTRA_LABELS), key=lambda x: (-len(x), x)))
HEADER = ("publisher: Test Desk\ntitle: A made-up table\nurl: https://example.org/t\npublished: 2031-06-01\n"
          "year: 2031\nsection: clp\nholds: {holds}\n{extra}")


def read(tmp_path: Path, table: str, holds: str = "nominations", extra: str = "") -> pd.DataFrame:
    path = tmp_path / "2031_clp_test.txt"
    path.write_text(HEADER.format(holds=holds, extra=extra) + "\n" + table, encoding="utf-8")
    return parse_clipping(read_clipping(path), anchors=ANCHORS)


def refused(tmp_path: Path, table: str, holds: str = "nominations", extra: str = "") -> list:
    with pytest.raises(ClippingError) as err:
        read(tmp_path, table, holds, extra)
    return err.value.problems


def first_line(extra: str = "") -> int:
    return HEADER.format(holds="x", extra=extra).count("\n") + 2


def cands(df: pd.DataFrame) -> pd.DataFrame:
    return df[df.row_kind == "candidate"]


def every_candidate_noted(df: pd.DataFrame, note: str) -> bool:
    """Every candidate row's notes say ``note`` (how the reader read a printed form)."""
    return all(note in str(n) for n in cands(df)["notes"])


def values(df: pd.DataFrame, *cols: str) -> list[list[object]]:
    return [[None if pd.isna(v) else v for v in row] for row in cands(df)[list(cols)].values.tolist()]


# --------------------------------------------------------------------------- layout classes

@pytest.mark.parametrize("table", [
    "* Maria Lopez – 1,204\n* Tom Okafor – 987\n",
    "Maria Lopez - 1,204\nTom Okafor - 987\n",
    "— Maria Lopez, 1,204\n— Tom Okafor, 987\n",
    "Maria Lopez: 1,204.\nTom Okafor: 987.\n",
])
def test_name_dash_count(tmp_path: Path, table: str) -> None:
    assert values(read(tmp_path, table), "name", "figure") == [["Maria Lopez", 1204], ["Tom Okafor", 987]]


@pytest.mark.parametrize("table, names", [
    ("OKAFOR, Tom 8,101 Elected\nLOPEZ, Maria 7,550\n", ["Tom OKAFOR", "Maria LOPEZ"]),
    ("Okafor, Tom – 8,101 – elected\nLopez, Maria – 7,550\n", ["Tom Okafor", "Maria Lopez"]),
    ("O'NEILL-BROWN, Tom  8,101  ELECTED\nDE SOUZA, Maria 7,550\n", ["Tom O'NEILL-BROWN", "Maria DE SOUZA"]),
])
def test_surname_first_results(tmp_path: Path, table: str, names: list[str]) -> None:
    df = read(tmp_path, table, holds="results")
    assert values(df, "name", "figure", "elected") == [[names[0], 8101, True], [names[1], 7550, False]]


@pytest.mark.parametrize("table, unit", [
    ("Maria Lopez 204 CLPs\nTom Okafor 98 CLPs\n", "CLPs"),
    ("Maria Lopez – 204 nominations\nTom Okafor – 98 nominations\n", "nominations"),
    ("Maria Lopez 204 noms.\nTom Okafor 98 noms.\n", "noms"),
])
def test_units_after_the_count(tmp_path: Path, table: str, unit: str) -> None:
    assert values(read(tmp_path, table), "name", "figure", "unit") == [["Maria Lopez", 204, unit],
                                                                       ["Tom Okafor", 98, unit]]


def test_votes_in_a_nominations_table_is_refused(tmp_path: Path) -> None:
    [p] = refused(tmp_path, "Maria Lopez 204\nTom Okafor 98 votes\n")
    assert p.line == first_line() + 1 and "'votes'" in p.expected and "holds" in p.expected


@pytest.mark.parametrize("table", [
    "Maria Lopez Momentum 204\nTom Okafor Labour to Win 98\n",
    "Maria Lopez (Momentum) 204\nTom Okafor (Labour to Win) 98\n",
    "Maria Lopez – Momentum – 204\nTom Okafor – Labour to Win – 98\n",
    "Maria Lopez 204 (Momentum)\nTom Okafor 98 (Labour to Win)\n",
    "Maria Lopez, 204, Momentum\nTom Okafor, 98, Labour to Win\n",
])
def test_slate_labels_bare_bracketed_or_between_dashes(tmp_path: Path, table: str) -> None:
    assert values(read(tmp_path, table), "name", "label", "figure") == [
        ["Maria Lopez", "Momentum", 204], ["Tom Okafor", "Labour to Win", 98]]


@pytest.mark.parametrize("table, marker", [
    ("Maria Lopez [Momentum] 8,101 [elected]\nTom Okafor [Labour to Win] 7,550\n", "(elected)"),
    ("LOPEZ, Maria – 8,101 votes [Momentum] – ELECTED\nOKAFOR, Tom – 7,550 votes [Labour to Win]\n", "ELECTED"),
    ("1. Maria Lopez [Momentum] 8,101 [+712] elected.\n2. Tom Okafor [Labour to Win] 7,550 [down 40]\n", "elected"),
])
def test_square_brackets_hold_what_round_ones_do(tmp_path: Path, table: str, marker: str) -> None:
    df = read(tmp_path, table, holds="results")
    assert [n.casefold() for n in cands(df)["name"]] == ["maria lopez", "tom okafor"]
    assert values(df, "label", "figure", "elected", "marker") == [
        ["Momentum", 8101, True, marker], ["Labour to Win", 7550, False, None]]
    assert every_candidate_noted(df, "square brackets read as round ones")
    if "+712" in table:
        assert values(df, "change") == [["+712"], ["down 40"]]


@pytest.mark.parametrize("table", [
    "Maria Lopez – 8,101 (41.2 per cent)\nTom Okafor – 7,550 (38.5 per cent)\n",
    "Maria Lopez 8,101 votes, 41.2 percent\nTom Okafor 7,550 votes, 38.5 percent\n",
    "Maria Lopez 8,101 (41.2pc)\nTom Okafor 7,550 (38.5pc)\n",
])
def test_a_share_printed_in_words_is_the_line_s_share(tmp_path: Path, table: str) -> None:
    df = read(tmp_path, table, holds="results")
    assert values(df, "name", "figure", "share") == [["Maria Lopez", 8101, "41.2%"], ["Tom Okafor", 7550, "38.5%"]]
    assert every_candidate_noted(df, "'per cent' read as %")


@pytest.mark.parametrize("line", ["Maria Lopez 8,101 (−12 on 2029)", "Maria Lopez 8,101 (1st time standing)",
                                  "Maria Lopez 8,101 (3 CLPs withdrew)"])
def test_a_part_holding_figures_is_never_offered_as_a_slate_label(tmp_path: Path, line: str) -> None:
    [p] = refused(tmp_path, line + "\n", holds="results")
    assert "slate_families.csv" not in p.expected and "template" in p.expected


@pytest.mark.parametrize("line", ["Maria Lopez (Leeds CLP, Momentum) 8,101", "Maria Lopez, Momentum organiser: 8,101",
                                  "Maria Lopez (backed by Labour to Win) 8,101"])
def test_a_description_holding_a_registered_label_is_an_error_not_a_silent_description(tmp_path: Path,
                                                                                        line: str) -> None:
    [p] = refused(tmp_path, line + "\n", holds="results")
    assert "holds" in p.expected and "registered" in p.expected and "{label}" in p.expected


@pytest.mark.parametrize("table, ranks", [
    ("1) Maria Lopez 204\n2) Tom Okafor 98\n", [1, 2]),
    ("• 1) Maria Lopez – 204\n• 2) Tom Okafor – 98\n", [1, 2]),
    ("3=) Maria Lopez 204 (+12)\n3=) Tom Okafor 98 (down 4)\n", [3, 3]),
])
def test_a_rank_closed_by_a_bracket_is_a_rank_not_an_open_bracket(tmp_path: Path, table: str, ranks: list) -> None:
    df = read(tmp_path, table)
    assert values(df, "name", "figure", "rank") == [["Maria Lopez", 204, ranks[0]], ["Tom Okafor", 98, ranks[1]]]


@pytest.mark.parametrize("table, star", [
    ("Maria Lopez 204*\nTom Okafor 98\n", "*"),
    ("Maria Lopez – 1,204† (Momentum)\nTom Okafor – 98\n", "†"),
    ("Maria Lopez 204** CLPs\nTom Okafor 98 CLPs\n", "**"),
])
def test_a_footnote_marker_after_a_figure_is_a_note(tmp_path: Path, table: str, star: str) -> None:
    df = read(tmp_path, table)
    assert values(df, "name", "figure")[1] == ["Tom Okafor", 98] and values(df, "name")[0] == ["Maria Lopez"]
    assert values(df, "figure")[0][0] in (204, 1204)
    assert f"footnote marker {star!r} after the figure" in cands(df)["notes"].iloc[0]


@pytest.mark.parametrize("table", [
    "Maria Lopez MP 204\nTom Okafor OBE 98\n",
    "LOPEZ, Maria MEP – 204\nOKAFOR, Tom – 98\n",
    "Dr Maria Lopez MSP 204\nCllr Tom Okafor JP 98\n",
])
def test_post_nominal_letters_are_no_part_of_the_name(tmp_path: Path, table: str) -> None:
    names = [n.casefold() for n in cands(read(tmp_path, table))["name"]]
    assert names == ["maria lopez", "tom okafor"]


@pytest.mark.parametrize("line", ["Lopez M. 204", "M. Lopez – 204", "LOPEZ, M 204"])
def test_an_initial_for_a_forename_stops_instead_of_making_a_new_person(tmp_path: Path, line: str) -> None:
    [p] = refused(tmp_path, line + "\n")
    assert "initial" in p.expected and "in full" in p.expected


@pytest.mark.parametrize("table", [
    "| Maria Lopez | Momentum | 8,101 | 41.2% |\n| Tom Okafor | Labour to Win | 7,550 | 38.5% |\n",
    "Maria Lopez | Momentum | 8,101 | 41.2%\nTom Okafor | Labour to Win | 7,550 | 38.5%\n",
    "|LOPEZ, Maria|Momentum|8,101|41.2%|\n|OKAFOR, Tom|Labour to Win|7,550|38.5%|\n",
])
def test_cells_between_pipes(tmp_path: Path, table: str) -> None:
    df = read(tmp_path, table, holds="results")
    assert [[n.casefold(), *rest] for n, *rest in values(df, "name", "label", "figure", "share")] == [
        ["maria lopez", "Momentum", 8101, "41.2%"], ["tom okafor", "Labour to Win", 7550, "38.5%"]]
    assert every_candidate_noted(df, "cells between '|'")


@pytest.mark.parametrize("line", ["| Name | Slate | Votes | % |", "|---|---|---:|", "Candidate | CLPs | Share",
                                  "Name     Nominations"])
def test_a_column_heading_or_rule_line_asks_for_heading_lines(tmp_path: Path, line: str) -> None:
    [p] = refused(tmp_path, line + "\nMaria Lopez | 204\n")
    assert p.line == first_line() and "heading_lines" in p.expected and "slate_families" not in p.expected
    at = first_line("heading_lines: 0: x\n")
    extra = f"heading_lines: {at}: the column headings\n"
    df = read(tmp_path, line + "\nMaria Lopez | 204\n", extra=extra)
    assert df["row_kind"].tolist() == ["heading", "candidate"] and values(df, "name", "figure") == [["Maria Lopez", 204]]


@pytest.mark.parametrize("table, holds, unit", [
    ("Maria Lopez (204 nominations)\nTom Okafor (98 nominations)\n", "nominations", "nominations"),
    ("Maria Lopez (8,101 votes) – elected\nTom Okafor (7,550 votes)\n", "results", "votes"),
    ("LOPEZ, Maria – Momentum (204 CLPs)\nOKAFOR, Tom – Labour to Win (98 CLPs)\n", "nominations", "CLPs"),
])
def test_a_count_printed_in_brackets_with_its_unit(tmp_path: Path, table: str, holds: str, unit: str) -> None:
    df = read(tmp_path, table, holds=holds)
    assert [n.casefold() for n in cands(df)["name"]] == ["maria lopez", "tom okafor"]
    assert values(df, "unit") == [[unit], [unit]] and values(df, "figure")[1] == [98 if holds == "nominations" else 7550]
    assert every_candidate_noted(df, "count printed in brackets")


@pytest.mark.parametrize("line, advice, not_advice", [
    ("Maria Lopez — elected with 8,101 votes", "words of a sentence", "slate_families"),
    ("Maria Lopez 8,101 (first round)", "words of a sentence", "slate_families"),
    ("Maria Lopez – tipped to win – 8,101", "words of a sentence", "slate_families"),
    ("Maria Lopez 8,101 (momentum)", "register that spelling too", "template"),
    ("Maria Lopez – LABOUR TO WIN – 8,101", "register that spelling too", "template"),
    ("Maria Lopez 8,101 (Unison Left)", "If it is a slate or endorsement label", "words of a sentence"),
])
def test_advice_on_a_part_the_reader_does_not_know_fits_what_the_part_is(tmp_path: Path, line: str, advice: str,
                                                                          not_advice: str) -> None:
    [p] = refused(tmp_path, line + "\n", holds="results")
    assert advice in p.expected and not_advice not in p.expected


@pytest.mark.parametrize("line", ["Maria Lopez [Momentum 8,101", "Maria Lopez Momentum] 8,101",
                                  "Maria Lopez [Momentum (left)] 8,101"])
def test_unbalanced_or_nested_square_brackets_stop_at_their_line(tmp_path: Path, line: str) -> None:
    [p] = refused(tmp_path, line + "\n", holds="results")
    assert p.line == first_line() and "square brackets" in p.expected


@pytest.mark.parametrize("table, extra", [
    ("1 Maria Lopez (2) Momentum 204 (180, 150)\n2 Tom Okafor (-) Labour to Win 98 ( – , 12 )\n",
     "brackets: 2029, 2027\nprev_rank: 2029\n"),
    ("1. Maria Lopez (2) Momentum 204 (180, 150)\n2. Tom Okafor (–) Labour to Win 98 (–, 12)\n",
     "brackets: 2029, 2027\nprev_rank: 2029\n"),
    ("1= Maria Lopez (2) Momentum 204 (180, 150)\n1= Tom Okafor (-) Labour to Win 98 (-, 12)\n",
     "brackets: 2029, 2027\nprev_rank: 2029\n"),
])
def test_ranked_tables_with_previous_rank_and_earlier_counts(tmp_path: Path, table: str, extra: str) -> None:
    df = read(tmp_path, table, extra=extra)
    assert values(df, "name", "prev_rank", "label", "figure", "earlier") == [
        ["Maria Lopez", 2, "Momentum", 204, "180|150"], ["Tom Okafor", None, "Labour to Win", 98, "|12"]]
    assert [r for r in cands(df)["rank"]] == ([1, 1] if "=" in table else [1, 2])
    assert cands(df)["rank_tie"].fillna(False).tolist() == (["=" in table] * 2)


@pytest.mark.parametrize("table", [
    "Maria Lopez 204 1st\nTom Okafor 98 2nd\n",
    "Maria Lopez – 204 (1st)\nTom Okafor – 98 (2nd)\n",
    "(1) Maria Lopez 204\n(2) Tom Okafor 98\n",
])
def test_ranks_after_the_count_or_bracketed_before(tmp_path: Path, table: str) -> None:
    assert values(read(tmp_path, table), "name", "figure", "rank") == [["Maria Lopez", 204, 1], ["Tom Okafor", 98, 2]]


@pytest.mark.parametrize("table, changes", [
    ("Maria Lopez 204 (+12)\nTom Okafor 98 (−3)\n", ["+12", "−3"]),
    ("Maria Lopez – 204 (up 12)\nTom Okafor – 98 (down 3)\n", ["up 12", "down 3"]),
    ("Maria Lopez 204 (up 12 since last time)\nTom Okafor 98 (new)\n", ["up 12 since last time", "new"]),
])
def test_change_notes_are_kept_not_taken_for_labels(tmp_path: Path, table: str, changes: list[str]) -> None:
    df = read(tmp_path, table)
    assert values(df, "name", "figure", "change", "label") == [["Maria Lopez", 204, changes[0], None],
                                                               ["Tom Okafor", 98, changes[1], None]]


@pytest.mark.parametrize("table, descriptions", [
    ("Maria Lopez, Leeds councillor: 204\nTom Okafor, Unison rep: 98\n", ["Leeds councillor", "Unison rep"]),
    ("Maria Lopez, Leeds councillor – 204\nTom Okafor, Unison rep – 98\n", ["Leeds councillor", "Unison rep"]),
    ("Maria Lopez (Leeds) 204\nTom Okafor (Bristol) 98\n", ["Leeds", "Bristol"]),
])
def test_a_description_after_the_name_stays_out_of_the_name(tmp_path: Path, table: str, descriptions: list[str]) -> None:
    df = read(tmp_path, table)
    assert values(df, "name", "description", "figure") == [["Maria Lopez", descriptions[0], 204],
                                                           ["Tom Okafor", descriptions[1], 98]]


@pytest.mark.parametrize("table", [
    "Maria Lopez – ELECTED\nTom Okafor – elected\nSam Reid – NOT ELECTED\n",
    "Maria Lopez (elected)\nTom Okafor (Elected)\nSam Reid\n",
    "Elected:\nMaria Lopez\nTom Okafor\nNot elected:\nSam Reid\n",
])
def test_bare_names_with_markers_or_subheaders(tmp_path: Path, table: str) -> None:
    df = read(tmp_path, table, holds="results")
    assert values(df, "name", "figure", "elected") == [["Maria Lopez", None, True], ["Tom Okafor", None, True],
                                                       ["Sam Reid", None, False]]


@pytest.mark.parametrize("table, note", [
    ("Maria Lopez – 204\nTom Okafor – n/a\n", "n/a"),
    ("Maria Lopez 204\nTom Okafor *\n", "*"),
    ("Maria Lopez – 204\nTom Okafor – –\n", "–"),
])
def test_a_figure_not_known_is_unknown_not_zero(tmp_path: Path, table: str, note: str) -> None:
    df = read(tmp_path, table)
    assert values(df, "name", "figure", "figure_note") == [["Maria Lopez", 204, None], ["Tom Okafor", None, note]]


@pytest.mark.parametrize("table", [
    "Maria Lopez, 2 nominations\nLeeds Central CLP\nBristol West CLP\nTom Okafor, 1 nomination\nHove CLP\n",
    "Maria Lopez – 2 nominations\n\nLeeds Central CLP\n\nBristol West CLP\n\nTom Okafor – 1 nomination\n\nHove CLP\n",
    "LOPEZ, Maria: 2 nominations\nLeeds Central\nBristol West\nOKAFOR, Tom: 1 nomination\nHove\n",
    "Maria Lopez (2 nominations):\nLeeds Central CLP\nBristol West CLP\nTom Okafor (1 nomination):\nHove CLP\n",
    "• Maria Lopez [2 nominations]\nLeeds Central\nBristol West\n• Tom Okafor [1 nomination]\nHove\n",
])
def test_per_body_lists_with_comma_dash_or_colon(tmp_path: Path, table: str) -> None:
    df = read(tmp_path, table)
    assert df.attrs["shape"] == "per_body"
    assert cands(df)["figure"].tolist() == [2, 1]
    bodies = df[df.row_kind == "body"]
    assert [n.casefold() for n in bodies["name"]] == ["maria lopez"] * 2 + ["tom okafor"]
    assert [b.replace(" CLP", "") for b in bodies["body"]] == ["Leeds Central", "Bristol West", "Hove"]


# --------------------------------------------------------------------------- the misreads of issue 10


def test_name_then_registered_label_then_count_reads_the_label(tmp_path: Path) -> None:
    df = read(tmp_path, "Laura Pidcock Momentum 150\nAnn Black Open Labour 54\n")
    assert values(df, "name", "label", "figure") == [["Laura Pidcock", "Momentum", 150], ["Ann Black", "Open Labour", 54]]


def test_a_description_before_the_name_never_becomes_a_name(tmp_path: Path) -> None:
    found = refused(tmp_path, "Manchester councillor: Yasmine Dar, 176\nAnn Black, 207\n")
    assert [p.line for p in found] == [first_line()] and "colon" in found[0].expected
    assert "slate_families" not in found[0].expected and "alias" not in found[0].expected


def test_a_description_after_a_registered_name(tmp_path: Path) -> None:
    df = read(tmp_path, "Yasmine Dar, Manchester councillor: 176\nAnn Black, Oxford: 207\n")
    assert values(df, "name", "description", "figure") == [["Yasmine Dar", "Manchester councillor", 176],
                                                           ["Ann Black", "Oxford", 207]]


def test_a_stray_total_line_stops_at_its_line_and_changes_no_other_line(tmp_path: Path) -> None:
    found = refused(tmp_path, "Ann Black – 220\nJohanna Baxter – 162\nTotal 382\n")
    assert [p.line for p in found] == [first_line() + 2] and "total" in found[0].expected
    assert "alias" not in found[0].expected


def test_a_change_note_is_never_offered_as_a_slate_label(tmp_path: Path) -> None:
    df = read(tmp_path, "Ann Black 220 (up 81 since 2014)\n")
    assert values(df, "change", "label") == [["up 81 since 2014", None]]


@pytest.mark.parametrize("line, words", [
    ("Ann Black Open Labourite 12", "registered person"),
    ("Ann Black Momentum Labour to Win 12", "'Momentum'"),
    ("Sue Bell Johnson 2nd 12", "digit"),
    ("Ken Livingstone 235 131", "one count"),
    ("220 Sue Bell", "two ways"),
    ("Sue Bell – Purple – 12", "between dashes"),
])
def test_lines_the_reader_cannot_read_with_confidence(tmp_path: Path, line: str, words: str) -> None:
    found = refused(tmp_path, f"Maria Lopez 204\n{line}\n")
    assert [p.line for p in found] == [first_line() + 1] and words in found[0].expected


def test_advice_to_register_an_alias_or_label_only_where_the_text_is_one(tmp_path: Path) -> None:
    lines = ["Ann Black: Oxford: 220", "Total 295", "Ann Black 220 (up 81 since 2014) extra", "Ann Black – 22O"]
    for line in lines:
        for p in refused(tmp_path, f"Maria Lopez 204\n{line}\n"):
            assert "alias" not in p.expected and "slate_families" not in p.expected, (line, p.expected)


# --------------------------------------------------------------------------- header keys for layouts


@pytest.mark.parametrize("template, table", [
    ("{figure} {name}", "204 Maria Lopez\n98 Tom Okafor\n"),
    ("{rank}. {name} ({description}) – {figure}[ – {marker}]",
     "1. Maria Lopez (Leeds) – 204 – Elected\n2. Tom Okafor (Bristol) – 98\n"),
    ("{name} | {label} | {figure} {unit}", "Maria Lopez | Momentum | 204 CLPs\nTom Okafor | Labour to Win | 98 CLPs\n"),
])
def test_a_header_template_reads_what_the_reader_alone_cannot(tmp_path: Path, template: str, table: str) -> None:
    df = read(tmp_path, table, extra=f"template: {template}\n")
    assert values(df, "name", "figure") == [["Maria Lopez", 204], ["Tom Okafor", 98]]
    if "{description}" in template:
        assert values(df, "rank", "description", "marker") == [[1, "Leeds", "Elected"], [2, "Bristol", None]]
    if "{label}" in template:
        assert values(df, "label", "unit") == [["Momentum", "CLPs"], ["Labour to Win", "CLPs"]]


def test_a_line_the_template_does_not_match_is_an_error_at_that_line(tmp_path: Path) -> None:
    found = refused(tmp_path, "204 Maria Lopez\nTom Okafor 98\n", extra="template: {figure} {name}\n")
    assert [p.line for p in found] == [first_line("template: x\n") + 1] and "template" in found[0].expected


@pytest.mark.parametrize("template, words", [("{figure} {nme}", "{nme} is not one"), ("{figure}", "{name}"),
                                             ("{name} {figure}[ {marker}", "balanced")])
def test_a_malformed_template_is_an_error_at_its_header_line(tmp_path: Path, template: str, words: str) -> None:
    found = refused(tmp_path, "204 Maria Lopez\n", extra=f"template: {template}\n")
    assert [p.line for p in found] == [8] and words in found[0].expected


def test_captions_headings_and_footnotes_are_accounted_for_with_their_reasons(tmp_path: Path) -> None:
    extra = ("caption_lines: 12: the headline printed above the table\nheading_lines: 13: column names\n"
             "footnote_lines: 16-17: source line and total, not candidates\n")
    assert first_line(extra) == 12
    table = "NEC nominations so far\nCandidate  CLPs\nMaria Lopez 204\nTom Okafor 98\nSource: the party\nTotal 302\n"
    df = read(tmp_path, table, extra=extra)
    assert df["row_kind"].tolist() == ["caption", "heading", "candidate", "candidate", "footnote", "footnote"]
    assert df["line"].tolist() == list(range(first_line(extra), first_line(extra) + 6))
    assert df["notes"].tolist()[:2] == ["the headline printed above the table", "column names"]
    assert values(df, "name", "figure") == [["Maria Lopez", 204], ["Tom Okafor", 98]]


def test_a_footnote_range_may_hold_blank_lines(tmp_path: Path) -> None:
    extra = "footnote_lines: 12-14: an earlier year's column that cannot be paired with the names\n"
    df = read(tmp_path, "Maria Lopez 204\nTom Okafor 98\n75,584\n\n61,970\n", extra=extra)
    assert df["row_kind"].tolist() == ["candidate", "candidate", "footnote", "footnote"]


@pytest.mark.parametrize("value, words", [("9 the headline", "N: reason"), ("3: above the header", "line 3"),
                                          ("10: a; 10: b", "once")])
def test_malformed_line_lists_are_errors_at_their_header_line(tmp_path: Path, value: str, words: str) -> None:
    found = refused(tmp_path, "Maria Lopez 204\n", extra=f"caption_lines: {value}\n")
    assert [p.line for p in found] == [8] and words in found[0].expected


@pytest.mark.parametrize("table", [
    "Maria Lopez\nTom Okafor\nSam Reid\n204\n98\n12\n",
    "Maria Lopez\n\nTom Okafor\n\nSam Reid\n\n204\n\n98\n\n12\n",
    "LOPEZ, Maria\nOKAFOR, Tom\nREID, Sam\n204 CLPs\n98 CLPs\n12 CLPs\n",
])
def test_a_table_flattened_column_by_column(tmp_path: Path, table: str) -> None:
    df = read(tmp_path, table, extra="layout: columns\n")
    assert [n.casefold() for n in cands(df)["name"]] == ["maria lopez", "tom okafor", "sam reid"]
    assert cands(df)["figure"].tolist() == [204, 98, 12]
    assert (df.row_kind == "cell").sum() == 3


def test_columns_that_cannot_be_paired_stop_at_the_first_unpaired_line(tmp_path: Path) -> None:
    found = refused(tmp_path, "Maria Lopez\nTom Okafor\nSam Reid\n204\n98\n", extra="layout: columns\n")
    assert [p.line for p in found] == [first_line("layout: columns\n") + 2] and "after the 3 names; there are 2 lines" in found[0].expected


@pytest.mark.parametrize("columns, table", [
    ("name, figure, share", "Maria Lopez (Leeds)\nTom Okafor (Hove)\n53,565\n52,699\n(9.17)\n(8.99)\n"),
    ("name, share, figure", "Maria Lopez (Leeds)\n\nTom Okafor (Hove)\n9.17%\n8.99%\n\n53,565\n52,699\n"),
    ("name, figure, share", "LOPEZ, Maria (Leeds)\nOKAFOR, Tom (Hove)\n53,565\n\n52,699\n9.17\n8.99\n"),
])
def test_columns_of_names_figures_and_shares(tmp_path: Path, columns: str, table: str) -> None:
    df = read(tmp_path, table, holds="results", extra=f"layout: columns\ncolumns: {columns}\n")
    assert values(df, "figure", "share", "description") == [[53565, "9.17%", "Leeds"], [52699, "8.99%", "Hove"]]
    assert (df.row_kind == "cell").sum() == 4


@pytest.mark.parametrize("cells, table, shares", [
    ("name, figure", "Maria Lopez\n8,101\nTom Okafor\n7,550\n", [None, None]),
    ("name, figure, share", "Maria Lopez\n8,101\n51.8%\nTom Okafor\n7,550\n48.2%\n", ["51.8%", "48.2%"]),
    ("name, figure, share", "LOPEZ, Maria\n\n8,101\n\n(51.8%)\n\nOKAFOR, Tom\n\n7,550\n\n(48.2%)\n", ["51.8%", "48.2%"]),
])
def test_a_cell_per_line(tmp_path: Path, cells: str, table: str, shares: list) -> None:
    df = read(tmp_path, table, holds="results", extra=f"layout: cells\ncells: {cells}\n")
    assert [n.casefold() for n in cands(df)["name"]] == ["maria lopez", "tom okafor"]
    assert values(df, "figure", "share") == [[8101, shares[0]], [7550, shares[1]]]


def test_cells_with_elected_subheaders_between_candidates(tmp_path: Path) -> None:
    table = "Elected\nMaria Lopez\n8,101\n11.19\nNot elected\nTom Okafor\n7,550\n9.33\n"
    df = read(tmp_path, table, holds="results", extra="layout: cells\ncells: name, figure, share\n")
    assert values(df, "name", "figure", "share", "elected") == [["Maria Lopez", 8101, "11.19%", True],
                                                                ["Tom Okafor", 7550, "9.33%", False]]


def test_a_cell_table_with_a_missing_cell_stops(tmp_path: Path) -> None:
    extra = "layout: cells\ncells: name, figure\n"
    found = refused(tmp_path, "Maria Lopez\n8,101\nTom Okafor\n", holds="results", extra=extra)
    assert [p.line for p in found] == [first_line(extra) + 2] and "2 lines per candidate" in found[0].expected


# --------------------------------------------------------------------------- the preview


def test_the_preview_shows_each_line_new_people_and_problems(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from nec_analysis.__main__ import main

    path = tmp_path / "2031_clp_test.txt"
    path.write_text(HEADER.format(holds="nominations", extra="") + "\nAnn Black – 220 (+12)\nMaria Lopez – 98 CLPs\n"
                    "Total 318\n", encoding="utf-8")
    assert main(["read", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any("Ann Black → ann-black" in line and "220" in line and "change +12" in line for line in out)
    assert any("Maria Lopez → NEW" in line and "unit CLPs" in line for line in out)
    assert any(line.lstrip().startswith("11 ") and "✗" in line for line in out)
    assert f"{path}:11: " in "\n".join(out) and "1 NEW" in "\n".join(out)


def test_the_preview_of_a_100_line_clipping_loads_no_pandas(tmp_path: Path) -> None:
    """What keeps the preview quick: no pandas (its time is measured by make bench, part 'read')."""
    import subprocess
    import sys

    path = tmp_path / "2031_clp_test.txt"
    lines = "".join(f"Person{chr(65 + i // 26)}{chr(97 + i % 26)} Testname – {1000 - i}\n" for i in range(100))
    path.write_text(HEADER.format(holds="nominations", extra="") + "\n" + lines, encoding="utf-8")
    code = ("import sys; from nec_analysis.__main__ import main; rc = main(['read', "
            f"{str(path)!r}]); print('pandas' in sys.modules, rc, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.stderr.split() == ["False", "0"] and proc.stdout.count("→ NEW") == 100


@pytest.mark.parametrize("line", ["Singh Patel, Amrit 204", "Jane Doe, Oxford 204"])
def test_a_comma_that_reads_as_surname_first_or_as_a_description_is_an_error(tmp_path: Path, line: str) -> None:
    [p] = refused(tmp_path, f"{line}\nTom Okafor 98\n")
    assert p.line == first_line() and "reads as the name" in p.expected and "described as" in p.expected


def test_a_body_line_with_a_number_in_a_per_body_list_is_not_taken_for_a_candidate(tmp_path: Path) -> None:
    [p] = refused(tmp_path, "Maria Lopez, 2 nominations\nLeeds Central CLP\nBristol West CLP 2\n")
    assert p.line == first_line() + 2 and "nominations" in p.expected


# --------------------------------------------------------------------------- through the data build


def test_header_described_layouts_build_only_their_candidates(tmp_path: Path) -> None:
    """Captions, headings, footnotes and cell lines are accounted for, and never become rows of the data."""
    import shutil

    from nec_analysis.etl.build import build_tables

    root = tmp_path / "proj"
    shutil.copytree(raw_dir(), root / "data" / "raw")
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    head = ("publisher: Test Desk\ntitle: A made-up table\nurl: https://example.org/t\npublished: 2030-06-01\n"
            "year: 2030\nsection: clp\n")
    clippings = root / "data" / "raw" / "clippings"
    (clippings / "2030_clp_nominations_test.txt").write_text(
        head + "holds: nominations\nlayout: columns\ncaption_lines: 12: the headline above the table\n"
               "footnote_lines: 17: the total printed under the table\n\n"
               "NEC nominations so far\nAnn Black\nJohanna Baxter\n220\n162\nTotal 382\n", encoding="utf-8")
    (clippings / "2030_clp_results_test.txt").write_text(
        head + "holds: results\nlayout: cells\ncells: name, figure, share\nheading_lines: 12: Votes and share\n\n"
               "Candidate Votes %\nElected\nAnn Black\n8,101\n51.8\nNot elected\nJohanna Baxter\n7,550\n48.2\n",
        encoding="utf-8")
    tables = build_tables(root).tables
    noms = tables["nominations"][tables["nominations"].election_id == "2030-clp"]
    assert sorted(zip(noms.candidate_id, noms.nominations)) == [("ann-black", 220), ("johanna-baxter", 162)]
    res = tables["results"][tables["results"].election_id == "2030-clp"]
    assert sorted(zip(res.candidate_id, res.votes, res.elected)) == [("ann-black", 8101, True),
                                                                    ("johanna-baxter", 7550, False)]
    cands_2030 = tables["candidacies"][tables["candidacies"].election_id == "2030-clp"]
    assert sorted(cands_2030.candidate_id) == ["ann-black", "johanna-baxter"]  # no caption or total became a person


@pytest.mark.parametrize("line, words", [("Jane Doe ELECTED 220", "marker"), ("Total Votes Cast 295", "heading"),
                                         ("Candidate Votes", "heading")])
def test_marker_unit_and_heading_words_never_become_part_of_a_name(tmp_path: Path, line: str, words: str) -> None:
    [p] = refused(tmp_path, f"Maria Lopez 204\n{line}\n", holds="results")
    assert p.line == first_line() + 1 and words in p.expected


@pytest.mark.parametrize("damage", [b"garbage\x00\n", b"\xff\xfe\x00", b"candidate_id\nx,y,z\n", b""])
def test_damaged_registries_leave_the_reader_without_anchors_not_a_traceback(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / "candidates.csv").write_bytes(damage)
    assert Anchors.load(tmp_path).people == {}  # the build reports the damage with file, line and column


@pytest.mark.parametrize("damaged", ["Not Ele'ted:", "Not elekted:", "Unsucessful:", "The rest:"])
def test_a_damaged_sub_header_stops_the_table_instead_of_becoming_a_person(tmp_path: Path, damaged: str) -> None:
    # Read as a bare name, a damaged 'Not elected:' would silently drop every line's elected status.
    table = f"Elected:\nMaria Lopez 40,112\nTom Okafor 38,977\n{damaged}\nRuth Adeyemi 12,004\n"
    problems = refused(tmp_path, table, holds="results")
    assert [p.line for p in problems] == [first_line() + 3]
    assert "sub-header" in problems[0].expected and damaged in problems[0].text


def test_a_real_sub_header_still_marks_its_group(tmp_path: Path) -> None:
    df = read(tmp_path, "Elected:\nMaria Lopez 40,112\nNot elected:\nRuth Adeyemi 12,004\n", holds="results")
    assert values(df, "name", "elected") == [["Maria Lopez", True], ["Ruth Adeyemi", False]]
