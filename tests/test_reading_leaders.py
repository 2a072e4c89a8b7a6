"""Dot leaders between a name and its figure, and words of a sentence where a label would go.

Results boxes and contents-style tables often join a name to its figure with a run of dots
('Maria Lopez ........ 21,344'); the reader once took the dots for an unregistered slate
label and advised registering them. Made-up tables in that style.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reading import read, refused, values


@pytest.mark.parametrize("table, expected", [
    ("Maria Lopez ........ 21,344\nTom Okafor .......... 19,102\n", [["Maria Lopez", 21344, None], ["Tom Okafor", 19102, None]]),
    ("1st Maria Lopez (Grassroots Alliance) …… 21,344\n2nd Tom Okafor (Labour First) … 19,102\n",
     [["Maria Lopez", 21344, "Grassroots Alliance"], ["Tom Okafor", 19102, "Labour First"]]),
    ("Maria Lopez·········21,344 ELECTED\nTom Okafor ____ 19,102\n",
     [["Maria Lopez", 21344, None], ["Tom Okafor", 19102, None]]),
])
def test_dot_leaders_join_a_name_to_its_figure(tmp_path: Path, table: str, expected: list) -> None:
    df = read(tmp_path, table, "results")
    assert values(df, "name", "figure", "label") == expected
    assert all("dot leaders" in str(n) for n in values(df, "notes"))


def test_a_trailing_ellipsis_is_not_a_leader(tmp_path: Path) -> None:
    [p] = refused(tmp_path, "Maria Lopez 21,344 and Tom Okaf…\n", "results")
    assert p.line > 0  # a cut-off line stays an error, never a silent read


def test_words_of_a_sentence_where_a_label_goes_ask_for_a_template_not_a_label(tmp_path: Path) -> None:
    [p] = refused(tmp_path, "Tom Okafor (Labour First) came third with 17,960\n", "results")
    assert "template" in p.expected and "If it is a slate" not in p.expected
    [q] = refused(tmp_path, "Tom Okafor (Labour First) Tribune Slate 17,960\n", "results")
    assert "If it is a slate or endorsement label, add it there" in q.expected
