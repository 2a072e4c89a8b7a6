"""Corrupt real clippings and check the reader never lands in between.

A seeded loop (bounded: a few hundred mutations, a few seconds) damages one captured
clipping at a time — a character, a digit, a look-alike digit of another script, an
invisible or control character, a header key given twice, a stray total line — and
asserts one of two outcomes only:

* the clipping stops with problems that each name the file, a line of it and that
  line's text; or
* every table line reads, every line the mutation did not touch reads exactly as
  before, and the touched line's figure is a number printed on it.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from nec_analysis.etl.clippings import ClippingError, normalise_text, read_clipping
from nec_analysis.etl.names import Anchors
from nec_analysis.etl.table import read_table
from nec_analysis.paths import clippings_dir, raw_dir

ANCHORS = Anchors.load(raw_dir())
# Tables printed one candidate per line. In a `layout: cells` or `layout: columns` table a
# candidate's figure stands on another line than its name, so "the touched line's figure is
# printed on it" cannot be asserted line by line; tests/test_reading.py covers those layouts.
CLIPPINGS = [p for p in sorted(clippings_dir().glob("*.txt"))
             if not re.search(r"^layout:\s*(cells|columns)\s*$", p.read_text(encoding="utf-8"), re.M)]
LOOK_ALIKES = ["\u09ea", "\u0664", "\u06f8", "\u0968", "\u00b3", "\u2463"]  # ৪ ٤ ۸ २ ³ ④
INVISIBLE = ["\u2060", "\u200b", "\u061c", "\u200d", "\u00ad", "\ufeff"]
CONTROL = ["\x00", "\x07", "\x1b", "\x7f"]
KEYS = ["holds", "year", "section", "status", "brackets"]
ROUNDS = 400


def _table_start(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if not line.strip()) + 1


def mutate(text: str, rng: random.Random) -> tuple[str, str, int | None]:
    """A damaged copy of ``text``, what was done, and the 1-based line touched (None: header)."""
    lines = text.split("\n")
    start = _table_start(lines)
    body = [i for i in range(start, len(lines)) if lines[i].strip()]
    i = rng.choice(body)
    line = lines[i]
    kind = rng.choice(["char", "digit", "look-alike", "invisible", "control", "key-twice", "total"])
    pos = rng.randrange(len(line))
    digits = [k for k, c in enumerate(line) if c.isdigit()]
    if kind == "digit" and digits:
        k = rng.choice(digits)
        lines[i] = line[:k] + rng.choice("0123456789") + line[k + 1:]
    elif kind == "look-alike" and digits:
        k = rng.choice(digits)
        lines[i] = line[:k] + rng.choice(LOOK_ALIKES) + line[k + 1:]
    elif kind == "invisible":
        lines[i] = line[:pos] + rng.choice(INVISIBLE) + line[pos:]
    elif kind == "control":
        lines[i] = line[:pos] + rng.choice(CONTROL) + line[pos:]
    elif kind == "key-twice":
        header = [k for k in range(start - 1) if lines[k].split(":")[0] in KEYS]
        k = rng.choice(header)
        lines.insert(k + 1, lines[k])
        return "\n".join(lines), kind, None
    elif kind == "total":
        lines.insert(i + 1, rng.choice(["Total 295", "TOTAL – 1,377", "Total: 2,079", "Turnout 33.1%"]))
        return "\n".join(lines), kind, i + 2
    else:
        kind = "char"
        lines[i] = line[:pos] + rng.choice("abcXYZ 0123456789,.-–()*:;'/") + line[pos + 1:]
    return "\n".join(lines), kind, i + 1


def _rows(path: Path) -> dict[int, dict[str, object]]:
    rows, _ = read_table(read_clipping(path), ANCHORS)
    return {int(r["line"]): r for r in rows}  # type: ignore[call-overload]


SAME = ("row_kind", "name", "figure", "elected", "label", "rank", "prev_rank", "earlier", "body")


@pytest.mark.parametrize("seed", range(4))
def test_a_damaged_clipping_reads_right_or_stops_at_file_and_line(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    outcomes = {"stopped": 0, "read": 0}
    for _ in range(ROUNDS // 4):
        original = rng.choice(CLIPPINGS)
        text = original.read_text(encoding="utf-8")
        damaged, kind, touched = mutate(text, rng)
        path = tmp_path / "clippings" / original.name
        path.parent.mkdir(exist_ok=True)
        path.write_text(damaged, encoding="utf-8")
        lines = damaged.split("\n")
        try:
            rows = _rows(path)
        except ClippingError as err:
            outcomes["stopped"] += 1
            assert err.problems
            for p in err.problems:
                assert p.file == str(path) and 1 <= p.line <= len(lines), (kind, p)
                assert p.text in ("", lines[p.line - 1]), (kind, p)
                assert f"{p.file}:{p.line}:" in str(err)
            continue
        outcomes["read"] += 1
        assert kind not in ("look-alike", "control", "key-twice"), (kind, damaged)
        before = _rows(original)
        shift = 1 if kind == "total" else 0
        table = [n for n in range(_table_start(lines) + 1, len(lines) + 1) if normalise_text(lines[n - 1]).strip()]
        assert sorted(rows) == table, (kind, "line accounting")
        owner = None  # the candidate a per-body line belongs to, as read now
        for n, row in sorted(rows.items()):
            old_n = n - shift if touched is not None and n > touched else n
            if row["row_kind"] == "candidate":
                owner = row["name"]
            if n != touched:
                same = [c for c in SAME if not (c == "name" and row["row_kind"] == "body")]
                assert [row[c] for c in same] == [before[old_n][c] for c in same], (kind, n, damaged)
                assert row["row_kind"] != "body" or row["name"] == owner, (kind, n, damaged)
            elif row["figure"] is not None:
                shown = normalise_text(lines[n - 1])
                printed = {float(t.replace(",", "")) for t in re.findall(r"(?<![\d.])(?<!\d,)(?:\d[\d,.]*\d|\d)(?!\d)", shown)
                           if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", t)}
                assert row["figure"] in printed, (kind, shown, row["figure"])
    assert outcomes["stopped"] and outcomes["read"], outcomes  # both outcomes were exercised
