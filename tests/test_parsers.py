"""Reading clippings: printed lines, line accounting on the real clippings, malformed input and headers.

(The layouts in printed variants written for the tests are in test_reading.py.)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from nec_analysis.etl.clippings import ClippingError, normalise_text, read_clipping
from nec_analysis.etl.names import normalise_name
from nec_analysis.etl.reading import parse_figure
from nec_analysis.etl.table import parse_clipping
from nec_analysis.paths import project_root, raw_dir

ROOT = project_root()
LABELS = list(pd.read_csv(raw_dir() / "slate_families.csv", dtype=str).label)
HEADER = (
    "publisher: Test Desk\ntitle: A test table\nurl: https://example.org/t\npublished: 2030-06-01\n"
    "year: 2030\nsection: clp\nholds: {holds}\n"
)


def clip_file(tmp_path: Path, table: str, holds: str = "nominations", header: str | None = None,
              encoding: str = "utf-8", name: str = "2030_clp_nominations_test.txt") -> Path:
    """Write a clipping with a standard header (or ``header``) and ``table``."""
    path = tmp_path / name
    text = (header if header is not None else HEADER.format(holds=holds)) + "\n" + table
    path.write_bytes(text.encode(encoding))
    return path


def parse(tmp_path: Path, table: str, holds: str = "nominations", **kw: str) -> pd.DataFrame:
    return parse_clipping(read_clipping(clip_file(tmp_path, table, holds, **kw)), LABELS)


def problems(tmp_path: Path, table: str, holds: str = "nominations", **kw: str) -> list:
    """The problems ``table`` raises; each message must name file:line, the text and what was expected."""
    with pytest.raises(ClippingError) as err:
        parse(tmp_path, table, holds, **kw)
    lines = (HEADER.format(holds=holds) + "\n" + table).split("\n")
    for p in err.value.problems:
        assert p.file.endswith("2030_clp_nominations_test.txt") and p.text == lines[p.line - 1]
        assert f"{p.file}:{p.line}: {p.expected}" in str(err.value) and repr(p.text) in str(err.value)
    return err.value.problems


# --------------------------------------------------------------------------- shapes


@pytest.mark.parametrize("line, name, figure, label", [
    ("  • Ann Black – 220", "Ann Black", 220, None),
    ("  • Ken Livingstone - 88,235", "Ken Livingstone", 88235, None),
    ("- Ann Black, 207", "Ann Black", 207, None),
    ("Ann Black 275", "Ann Black", 275, None),
    ("Ann Black 333 CLPs (Grassroots Alliance - GRA)", "Ann Black", 333, "Grassroots Alliance - GRA"),
    ("Christine Shawcroft 203 (GRA)", "Christine Shawcroft", 203, "GRA"),
    ("Julian Ware-Lane - 7,722", "Julian Ware-Lane", 7722, None),
])
def test_single_line_shapes(tmp_path: Path, line: str, name: str, figure: int, label: str | None) -> None:
    row = parse(tmp_path, line + "\n").iloc[0]
    assert (row["name"], row["figure"]) == (name, figure)
    assert (None if pd.isna(row["label"]) else row["label"]) == label


def test_ranked_rows_keep_previous_rank_and_earlier_counts(tmp_path: Path) -> None:
    df = parse(tmp_path, "3 Ken Livingstone (3) Left  131 (195, 235)\n"
                         "7 Kate Osamor (9) Left 96 (103, – )\n"
                         "10 Kevin Peel (-) Right (Progress) 84 ( – , – )\n")
    assert df["rank"].tolist() == [3, 7, 10]
    assert df["prev_rank"].fillna(0).tolist() == [3, 9, 0]
    assert df["label"].tolist() == ["Left", "Left", "Right (Progress)"]
    assert df["earlier"].tolist() == ["195|235", "103|", "|"]


def test_surname_first_results(tmp_path: Path) -> None:
    df = parse(tmp_path, "LIVINGSTONE, Ken 39,548 Elected\nSHAWCROFT, Christine 22,236  Elected\n"
                         "McMAHON, Jim 1,894\nSINGH JOSAN, Gurinder 12,345\n", holds="results")
    assert df["name"].tolist() == ["Ken LIVINGSTONE", "Christine SHAWCROFT", "Jim McMAHON", "Gurinder SINGH JOSAN"]
    assert df["elected"].tolist() == [True, True, False, False]  # marks given: unmarked lines lost


def test_name_count_results_with_elected_marks(tmp_path: Path) -> None:
    df = parse(tmp_path, "Ann Black 30,240 Elected\nSam Tarry 6,855\n", holds="results")
    assert df[["name", "figure", "elected"]].values.tolist() == [["Ann Black", 30240, True], ["Sam Tarry", 6855, False]]


def test_a_malformed_decimal_total(tmp_path: Path) -> None:
    [p] = problems(tmp_path, "turnout_pct: 33.1\nnominations_total: 13.7.7\n", holds="totals")
    assert p.line == 10 and "'13.7.7' is not one" in p.expected


def test_not_elected_subheader_marks_lines_above_as_elected(tmp_path: Path) -> None:
    df = parse(tmp_path, "  • Ken Livingstone - 88,235\n\nNot Elected:\n\n  • Johanna Baxter - 30,653\n",
               holds="results")
    cands = df[df.row_kind == "candidate"]
    assert cands["elected"].tolist() == [True, False]
    assert (df.row_kind == "subheader").sum() == 1


def test_dash_results_with_and_without_votes(tmp_path: Path) -> None:
    df = parse(tmp_path, "JOSAN, Gurinder Singh – 57,361 – ELECTED\nLuke Akehurst – ELECTED\n"
                         "Mish Rahman – NOT ELECTED\nTOWNSEND, Lauren – 56,929\n", holds="results")
    assert df["name"].tolist() == ["Gurinder Singh JOSAN", "Luke Akehurst", "Mish Rahman", "Lauren TOWNSEND"]
    assert df["figure"].isna().tolist() == [False, True, True, False]
    assert df["elected"].tolist() == [True, True, False, False]


@pytest.mark.parametrize("blank", ["", "\n"])
def test_per_body_lists_with_or_without_blank_lines(tmp_path: Path, blank: str) -> None:
    table = blank.join(f"{line}\n" for line in [
        "Luke Akehurst, 2 nominations", "Bassetlaw CLP", "Exeter CLP",
        "Katherine Foy, 1 nomination", "Runnymede and Weybridge CLP"])
    df = parse(tmp_path, table)
    assert df.attrs["shape"] == "per_body"
    assert df[df.row_kind == "candidate"]["figure"].tolist() == [2, 1]
    assert df[df.row_kind == "body"][["name", "body"]].values.tolist() == [
        ["Luke Akehurst", "Bassetlaw CLP"], ["Luke Akehurst", "Exeter CLP"],
        ["Katherine Foy", "Runnymede and Weybridge CLP"]]


def test_totals_and_approximate_figures(tmp_path: Path) -> None:
    df = parse(tmp_path, "nominations_total: 1377\nturnout_pct: ~55\n", holds="totals")
    assert df["figure"].tolist() == [1377, 55]
    assert df["label"].fillna("").tolist() == ["", "approximate"]


@pytest.mark.parametrize("line, figure", [("turnout_pct: 22.1%", 22.1), ("turnout_pct: ~55%", 55),
                                          ("turnout_pct: 7.25 %", None)])
def test_a_turnout_printed_with_its_percent_sign(tmp_path: Path, line: str, figure: float | None) -> None:
    if figure is None:  # a space before the sign is no 'measure: value' line
        [p] = problems(tmp_path, line + "\n", holds="totals")
        assert "measure: value" in p.expected
        return
    df = parse(tmp_path, line + "\n", holds="totals")
    assert df["figure"].tolist() == [figure] and df["notes"].tolist() == ["printed with %"]


@pytest.mark.parametrize("line", ["ballots_cast: 123,456%", "nominations_total: 40%"])
def test_a_percent_sign_on_a_count_is_refused(tmp_path: Path, line: str) -> None:
    [p] = problems(tmp_path, line + "\n", holds="totals")
    assert "%" in p.expected


@pytest.mark.parametrize("printed, expected", [
    ("LIVINGSTONE, Ken", "Ken LIVINGSTONE"),
    ("SINGH JOSAN, Gurinder", "Gurinder SINGH JOSAN"),
    ("JOSAN, Gurinder Singh", "Gurinder Singh JOSAN"),
    ("Dr Neeraj Patil", "Neeraj Patil"),
    ("Baroness Gould", "Baroness Gould"),  # a peer known by title and one name keeps the title
    ("  Ann\u00a0 Black ", "Ann Black"),
])
def test_normalise_name(printed: str, expected: str) -> None:
    assert normalise_name(printed) == expected


# --------------------------------------------------------------------------- the real clippings


def _clippings() -> list[Path]:
    return sorted((raw_dir() / "clippings").glob("*.txt"))


@pytest.mark.parametrize("path", _clippings(), ids=lambda p: p.name)
def test_every_table_line_of_every_clipping_becomes_one_row(path: Path) -> None:
    """Line accounting: each non-blank table line gives one parsed row (several only for a
    ``{names}`` sentence, one per person it lists), and each row points at its own line."""
    clip = read_clipping(path, ROOT)
    df = parse_clipping(clip, LABELS)
    table_lines = {n: t for n, t in clip.lines if normalise_text(t).strip()}
    assert sorted(set(df["line"])) == sorted(table_lines)
    for n, rows in df.groupby("line"):
        if len(rows) > 1:
            assert (rows.row_kind == "candidate").all(), n
            assert rows.notes.str.contains(f"one of {len(rows)} names listed on the line").all(), n
    for row in df.itertuples():
        assert row.text == table_lines[row.line]


# --------------------------------------------------------------------------- malformed input


def test_truncated_line_names_file_line_and_text(tmp_path: Path) -> None:
    [p] = problems(tmp_path, "1  Ann Black (1) Left 220 (333, 275)\n2  Johanna Baxter (5) Independent 162 (+2434\n")
    assert p.file.endswith("2030_clp_nominations_test.txt") and p.line == 10
    assert "(+2434" in p.text and "truncated" in p.expected


def test_letter_o_for_a_zero(tmp_path: Path) -> None:
    [p] = problems(tmp_path, "Ann Black 275\nKen Livingstone 2O5\n")
    assert p.line == 10 and "letter O" in p.expected


@pytest.mark.parametrize("figure, words", [("-5", "signed"), ("many", "not a number"), ("12,34", "groups of three")])
def test_negative_or_non_numeric_figures(tmp_path: Path, figure: str, words: str) -> None:
    [p] = problems(tmp_path, f"Ann Black 275\nSam Tarry {figure}\n")
    assert p.line == 10 and words in p.expected


def test_candidate_twice_in_one_table(tmp_path: Path) -> None:
    [p] = problems(tmp_path, "Ann Black 275\nKen Livingstone 235\nANN BLACK 12\n")
    assert p.line == 11 and "already on line 9" in p.expected


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    found = problems(tmp_path, "Ann Black 2O5\nBob -1\nCarol Smith 3\n")
    assert [p.line for p in found] == [9, 10]


def test_bom_crlf_and_nbsp_parse_like_clean_text(tmp_path: Path) -> None:
    clean = parse(tmp_path, "  • Ann Black – 220\n  • Ken Livingstone – 131\n")
    dirty_text = "\ufeff" + (HEADER.format(holds="nominations") + "\n  •\u00a0Ann\u00a0Black – 220\n"
                             "  • Ken Livingstone –\u00a0131\n").replace("\n", "\r\n")
    path = tmp_path / "dirty.txt"
    path.write_bytes(dirty_text.encode("utf-8"))
    dirty = parse_clipping(read_clipping(path), LABELS)
    assert dirty[["name", "figure", "line"]].values.tolist() == clean[["name", "figure", "line"]].values.tolist()
    assert dirty.iloc[0]["text"] == "  •\u00a0Ann\u00a0Black – 220"  # the capture is kept as published


def test_windows_1252_text_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = clip_file(tmp_path, "Ann Black – 220\nKen Livingstone – 131\n", encoding="cp1252")
    with pytest.raises(ClippingError) as err:
        read_clipping(path)
    [p] = err.value.problems
    assert p.line == 9 and "Windows-1252" in p.expected and "UTF-8" in p.expected


def test_empty_table(tmp_path: Path) -> None:
    with pytest.raises(ClippingError) as err:
        read_clipping(clip_file(tmp_path, "\n\n"))
    assert "empty" in err.value.problems[0].expected


def test_header_without_a_year(tmp_path: Path) -> None:
    header = HEADER.format(holds="nominations").replace("year: 2030\n", "")
    with pytest.raises(ClippingError) as err:
        read_clipping(clip_file(tmp_path, "Ann Black 275\n", header=header))
    [p] = err.value.problems
    assert p.line == 7 and "'year: …'" in p.expected  # the blank line that ends the header
    assert str(err.value).startswith(f"{p.file}:7: a header line 'year: …'")


@pytest.mark.parametrize("key, value, line", [("section", "clp-byelection", 6), ("year", "14", 5),
                                              ("published", "June 2014", 4)])
def test_a_bad_header_value_is_reported_at_its_own_line(tmp_path: Path, key: str, value: str, line: int) -> None:
    header = "".join(f"{k}: {value if k == key else v}\n" for k, _, v in
                     (h.partition(": ") for h in HEADER.format(holds="nominations").splitlines()))
    with pytest.raises(ClippingError) as err:
        read_clipping(clip_file(tmp_path, "Ann Black 275\n", header=header))
    [p] = err.value.problems
    assert (p.line, p.text) == (line, f"{key}: {value}") and key in p.expected


def test_unknown_header_key_is_an_error(tmp_path: Path) -> None:
    header = HEADER.format(holds="nominations") + "satus: final\n"
    with pytest.raises(ClippingError) as err:
        read_clipping(clip_file(tmp_path, "Ann Black 275\n", header=header))
    assert "'satus'" in err.value.problems[0].expected


def test_unknown_slate_label_in_a_ranked_table_says_where_to_add_it(tmp_path: Path) -> None:
    found = problems(tmp_path, "1 Ann Black (1) Left 220 (333, 275)\n2 Bob Jones (-) Purple 12 ( – , – )\n")
    assert found[0].line == 10 and "slate_families.csv" in found[0].expected


def test_malformed_candidate_line_in_a_per_body_list(tmp_path: Path) -> None:
    found = problems(tmp_path, "Luke Akehurst, 1 nominations\nExeter CLP\nBob Smith, one nomination\n")
    assert found[0].line == 11


@pytest.mark.parametrize("token, value", [("0", 0), ("39,548", 39548), ("127,331", 127331)])
def test_parse_figure(token: str, value: int) -> None:
    assert parse_figure(token) == value


# --------------------------------------------------------------------------- header and characters


def test_a_header_key_given_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    header = HEADER.format(holds="results") + "holds: nominations\n"
    with pytest.raises(ClippingError) as err:
        read_clipping(clip_file(tmp_path, "Ann Black 275\n", header=header))
    [p] = err.value.problems
    assert p.line == 8 and "'holds' is already given on line 7" in p.expected


@pytest.mark.parametrize("char, words", [("\u09ea", "BENGALI DIGIT FOUR"), ("\u0664", "ARABIC-INDIC DIGIT FOUR"),
                                         ("\u00b2", "SUPERSCRIPT TWO")])
def test_a_digit_of_another_script_is_refused_naming_it(tmp_path: Path, char: str, words: str) -> None:
    [p] = problems(tmp_path, f"Ann Black 275\nKen Livingstone 2{char}5\n")
    assert p.line == 10 and words in p.expected and "0-9" in p.expected


def test_full_width_digits_read_as_the_figures_they_show(tmp_path: Path) -> None:
    df = parse(tmp_path, "Ann Black \uff12\uff17\uff15\n")
    assert df["figure"].tolist() == [275]


@pytest.mark.parametrize("char", ["\u2060", "\u061c", "\u200d", "\u00ad", "\u200e"])
def test_invisible_characters_are_removed_from_names_and_bodies(tmp_path: Path, char: str) -> None:
    df = parse(tmp_path, f"Luke Akehurst, 2 nomi{char}nations\nBass{char}etlaw CLP\nExeter CLP{char}\n")
    assert df[df.row_kind == "body"]["body"].tolist() == ["Bassetlaw CLP", "Exeter CLP"]
    assert df["name"].tolist() == ["Luke Akehurst"] * 3


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x1b"])
def test_control_characters_are_refused_in_table_and_header(tmp_path: Path, char: str) -> None:
    [p] = problems(tmp_path, f"Luke Akehurst, 2 nominations\nBass{char}etlaw CLP\nExeter CLP\n")
    assert p.line == 10 and "control character" in p.expected
    header = HEADER.format(holds="nominations").replace("A test", f"A{char} test")
    with pytest.raises(ClippingError) as err:
        read_clipping(clip_file(tmp_path, "Ann Black 275\n", header=header))
    assert [p.line for p in err.value.problems] == [2]


def test_a_huge_line_is_quoted_in_part(tmp_path: Path) -> None:
    line = "Ann Black " + "x" * 5_000_000 + " 12"
    with pytest.raises(ClippingError) as err:
        parse(tmp_path, line + "\n")
    message = str(err.value)
    assert len(message) < 1_000 and "5,000,013 characters" in message
