"""A clipping's whole table read line by line: every non-blank line one row or one Problem.

The kinds of table (``holds:``) and how they are read:

* ``nominations`` / ``results`` — candidate lines (``reading.read_line``), with
  ``Elected:`` / ``Not Elected:`` sub-headers; or per-body lists: a candidate line whose
  count is ``N nominations`` followed by one nominating CLP or Labour group per line;
* ``slates`` — ``Name: label as the source put it``;
* ``totals`` — ``measure: value`` (``~`` for approximate).

What a source says once for every line is in the header (:func:`apply_header_facts`):
``elected: all`` (a list of winners: every name listed was elected) and ``label: …``
(one slate label for every line, e.g. a slate's leaflet that lists only names).

Rows are ``nec_analysis.etl.parsed`` rows: what the build uses and every other printed part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..paths import raw_dir
from ..tables import PARSED_COLUMNS
from .clippings import TOTAL_MEASURES, Clipping, ClippingError, Problem, normalise_text, read_clipping
from .layouts import (
    compile_template,
    header_problems,
    marked_lines,
    read_cells,
    read_columns,
    read_templated_all,
)
from .names import Anchors, footnote_note, name_problem, normalise_name, split_footnote
from .parsed import READING_COLUMNS, candidate
from .parsed import row as new_row
from .reading import BULLETS, SUBHEADER_RE, LineError, parse_figure, read_line

TOTALS_RE = re.compile(rf"^(?P<name>{'|'.join(TOTAL_MEASURES)})\s*:\s*(?P<approx>~)?(?P<fig>\S+)$")
SLATES_RE = re.compile(r"^(?P<name>[^:]+?)\s*:\s*(?P<label>\S.*)$")


def read_rows(clip: Clipping, anchors: Anchors) -> tuple[list[dict[str, object]], list[Problem], str]:
    """Every non-blank table line of ``clip`` as a row, the problems, and the table's kind."""
    numbered = [(n, t, normalise_text(t).strip()) for n, t in clip.lines]
    numbered = [(n, t, s) for n, t, s in numbered if s]
    problems = header_problems(clip)
    if problems:
        return [], problems, "lines"
    marked = marked_lines(clip)
    accounted = [new_row(clip, n, t, marked[n][0], notes=marked[n][1]) for n, t, _ in numbered if n in marked]
    numbered = [line for line in numbered if line[0] not in marked]
    rows, problems, kind = _read_kind(clip, numbered, anchors)
    problems += apply_header_facts(clip, rows)
    return sorted(rows + accounted, key=lambda r: int(r["line"])), problems, kind  # type: ignore[call-overload]


def _read_kind(clip: Clipping, numbered: list[tuple[int, str, str]],
               anchors: Anchors) -> tuple[list[dict[str, object]], list[Problem], str]:
    holds, fmt, layout = clip.get("holds"), clip.get("format"), clip.get("layout") or "lines"
    if holds == "totals" or fmt == "totals":
        return *_totals(clip, numbered), "totals"
    if holds == "slates" or fmt == "slates":
        return *_slates(clip, numbered, anchors), "slates"
    if layout == "columns":
        return *read_columns(clip, numbered, anchors, holds), "columns"
    if layout == "cells":
        return *read_cells(clip, numbered, anchors, holds), "cells"
    if fmt == "per_body" or _looks_per_body(numbered, anchors, holds):
        return *_per_body(clip, numbered, anchors, holds), "per_body"
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    ranked = bool(clip.get("prev_rank"))
    template = clip.get("template")
    pattern = compile_template(template) if template else None
    for n, text, s in numbered:
        sub = SUBHEADER_RE.match(s)
        if sub:
            under = not sub.group("sub").lower().startswith(("not", "unsuccessful"))
            rows.append(new_row(clip, n, text, "subheader", name=sub.group("sub"), elected=under))
            continue
        try:
            if pattern is not None:
                readings = read_templated_all(s, pattern, anchors, holds, template)
            else:
                readings = [read_line(s, anchors, holds, ranked)]
        except LineError as err:
            problems.append(Problem(clip.file, n, text, str(err)))
            continue
        rows += [candidate(clip, n, text, reading) for reading in readings]
    _under_subheaders(rows)
    return rows, problems, "template" if pattern is not None else "lines"


#: What a line marked the other way is told, for ``elected: all`` (True) and ``elected: none`` (False).
ELECTED_KEY_CONTRADICTED = {
    True: "a winner: the header's 'elected: all' says every name listed was elected, but this line is marked "
          "not elected — drop the key or check the capture",
    False: "a candidate who lost: the header's 'elected: none' says no name listed was elected, but this line is "
           "marked elected — drop the key or check the capture",
}


def apply_header_facts(clip: Clipping, rows: list[dict[str, object]]) -> list[Problem]:
    """Give every candidate row what the header states once for all lines; a line that says otherwise is a Problem.

    * ``elected: all`` — the table is a list of winners: each candidate row is elected.
      A line marked not elected (or under a ``Not elected`` sub-header) contradicts it.
    * ``elected: none`` — the table lists only people who lost ("came bottom of the poll",
      "runner-up"): each candidate row is not elected. A line marked elected contradicts it.
    * ``label: …`` — every line's slate label, printed once (a caption such as "VOTE for
      candidates supported by the Centre-Left Grassroots Alliance"). A line printing a
      different label of its own contradicts it.
    * ``rank: N`` — the place every line's candidate took, when the text states it in words
      ("topped the poll", "headed the voting" are rank 1). A line printing another rank contradicts it.
    """
    problems: list[Problem] = []
    label = clip.get("label") or None
    rank = int(clip.get("rank")) if clip.get("rank") else None
    for r in rows:
        if r["row_kind"] != "candidate":
            continue
        said = {"all": True, "none": False}.get(clip.get("elected") or "")
        if said is not None:
            if r["elected"] is (not said):
                problems.append(Problem(clip.file, int(r["line"]), str(r["text"]),  # type: ignore[call-overload]
                                        ELECTED_KEY_CONTRADICTED[said]))
            r["elected"] = said
        if rank is not None:
            if r["rank"] is not None and r["rank"] != rank:
                problems.append(Problem(clip.file, int(r["line"]), str(r["text"]),  # type: ignore[call-overload]
                                        f"the header's rank {rank} for every line; this line prints rank {r['rank']} "
                                        f"— drop 'rank:' from the header"))
            r["rank"] = rank
        if label:
            if r["label"] not in (None, label):
                problems.append(Problem(clip.file, int(r["line"]), str(r["text"]),  # type: ignore[call-overload]
                                        f"the header's label {label!r} for every line; this line prints its own "
                                        f"label {r['label']!r} — drop 'label:' from the header if lines differ"))
            r["label"] = label
    return problems


def _under_subheaders(rows: list[dict[str, object]]) -> None:
    under: bool | None = None
    for row in rows:
        if row["row_kind"] == "subheader":
            under = bool(row["elected"])
        elif row["elected"] is None and under is not None:
            row["elected"] = under


def _looks_per_body(numbered: list[tuple[int, str, str]], anchors: Anchors, holds: str) -> bool:
    """First line 'Name, N nominations' and a line with no figure after it."""
    if len(numbered) < 2 or re.search(r"\d", numbered[1][2]):
        return False
    try:
        first = read_line(numbered[0][2], anchors, holds)
    except LineError:
        return False
    return first.figure is not None and (first.unit or "").casefold() in ("nominations", "nomination")


def _per_body(clip: Clipping, numbered: list[tuple[int, str, str]], anchors: Anchors,
              holds: str) -> tuple[list[dict[str, object]], list[Problem]]:
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    current: str | None = None
    for n, text, s in numbered:
        if re.search(r"\d", s) or re.search(r"\bnominations?\b", s, re.I):
            try:
                reading = read_line(s, anchors, holds)
                if reading.figure is None or (reading.unit or "").casefold() not in ("nominations", "nomination"):
                    raise LineError("a candidate line 'Name, N nominations' (count and the word nominations); "
                                    "a nominating body's line holds no figure")
            except LineError as err:
                problems.append(Problem(clip.file, n, text, f"{err} (expected 'Name, 13 nominations' followed by "
                                                            f"one nominating CLP or Labour group per line)"))
                current = None
                continue
            current = reading.name
            rows.append(candidate(clip, n, text, reading))
            continue
        body = " ".join(s.split())
        if current is None:
            problems.append(Problem(clip.file, n, text, "a candidate line 'Name, N nominations' before the first "
                                                        "nominating body"))
        elif anchors.person(body):
            problems.append(Problem(clip.file, n, text, f"a nominating CLP or Labour group; {body!r} is a registered "
                                                        f"candidate ({anchors.person(body)}) — a candidate line "
                                                        f"without its count?"))
        else:
            rows.append(new_row(clip, n, text, "body", name=current, body=body))
    return rows, problems


def _totals(clip: Clipping, numbered: list[tuple[int, str, str]]) -> tuple[list[dict[str, object]], list[Problem]]:
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for n, text, s in numbered:
        m = TOTALS_RE.match(s)
        if not m:
            problems.append(Problem(clip.file, n, text, f"'measure: value' with measure one of "
                                                        f"{', '.join(TOTAL_MEASURES)} (prefix ~ for approximate)"))
            continue
        fig, notes = m.group("fig"), None
        if m.group("name") == "turnout_pct" and fig.endswith("%"):  # 'turnout_pct: 22.1%': the unit the key names
            fig, notes = fig[:-1], "printed with %"
        try:
            if "." in fig:
                if not re.fullmatch(r"\d+\.\d+", fig):
                    raise ValueError(f"a number such as 33.1; {fig!r} is not one")
                figure: float | int = float(fig)
            else:
                figure = parse_figure(fig)
        except ValueError as err:
            problems.append(Problem(clip.file, n, text, str(err)))
            continue
        rows.append(new_row(clip, n, text, "total", name=m.group("name"), figure=figure,
                         label="approximate" if m.group("approx") else None, notes=notes))
    return rows, problems


def _slates(clip: Clipping, numbered: list[tuple[int, str, str]],
            anchors: Anchors) -> tuple[list[dict[str, object]], list[Problem]]:
    """``Name: label as the source put it``; or, with ``label:`` in the header, a bare name a line;
    or, with ``template:``, the line in the template's form (a leaflet's prose naming a candidate)."""
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    header_label = clip.get("label")
    template = clip.get("template")
    pattern = compile_template(template) if template else None
    for n, text, s in numbered:
        if pattern is not None:
            try:
                readings = read_templated_all(s, pattern, anchors, "slates", template)
            except LineError as err:
                problems.append(Problem(clip.file, n, text, str(err)))
                continue
            if any(r.figure is not None for r in readings):
                problems.append(Problem(clip.file, n, text, "a slate list names people and slates; drop "
                                                            "{figure} from the template"))
                continue
            rows += [candidate(clip, n, text, r) for r in readings]
            continue
        m = None if header_label else SLATES_RE.match(s)
        bare = s[1:].strip() if header_label and s[:1] in BULLETS and len(s) > 1 else s
        name, star = split_footnote(normalise_name(m.group("name") if m else bare.rstrip(".;,")))
        if header_label:
            problem = name_problem(name, anchors)
        else:
            problem = ("'Name: slate label as the source put it' (or, when the source prints the label once "
                       "for all names, a bare name a line and 'label: …' in the header)") if not m \
                else name_problem(name, anchors)
        if problem:
            problems.append(Problem(clip.file, n, text, problem))
            continue
        rows.append(new_row(clip, n, text, "candidate", name=name, label=m.group("label").strip() if m else None,
                            notes=footnote_note(star)))
    return rows, problems


def _duplicates(clip: Clipping, rows: list[dict[str, object]]) -> list[Problem]:
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for row in rows:
        if row["row_kind"] == "candidate":
            key: tuple[str, ...] = ("c", str(row["name"]).casefold())
        elif row["row_kind"] == "body":
            key = ("b", str(row["name"]).casefold(), str(row["body"]).casefold())
        elif row["row_kind"] == "total":
            key = ("t", str(row["name"]))
        else:
            continue
        if key in seen:
            what = "nominating body under one candidate" if key[0] == "b" else "entry"
            out.append(Problem(clip.file, int(row["line"]), str(row["text"]),  # type: ignore[call-overload]
                               f"each {what} once per table; already on line {seen[key]}"))
        else:
            seen[key] = int(row["line"])  # type: ignore[call-overload]
    return out


def _resolve_elected(rows: list[dict[str, object]]) -> None:
    """Fill unmarked results lines from the table's own convention.

    * A table with ``Elected`` marks: unmarked candidates were not elected.
    * A table with a ``Not Elected:`` sub-header and no marks above it: those above were elected.
    """
    cands = [r for r in rows if r["row_kind"] == "candidate"]
    subs = [r for r in rows if r["row_kind"] == "subheader"]
    if subs and subs[0]["elected"] is False:
        first_sub = int(subs[0]["line"])  # type: ignore[call-overload]
        for r in cands:
            if r["elected"] is None and int(r["line"]) < first_sub:  # type: ignore[call-overload]
                r["elected"] = True
    elif any(r["elected"] is True for r in cands):
        for r in cands:
            if r["elected"] is None:
                r["elected"] = False


def default_anchors(clip: Clipping, labels: Iterable[str] | None) -> Anchors:
    """The registries beside the clippings folder (``data/raw``), else the project's."""
    raw = clip.path.parent.parent
    if not (raw / "candidates.csv").exists():
        raw = raw_dir()
    stamps = tuple((raw / f).stat().st_mtime_ns if (raw / f).exists() else 0
                   for f in ("candidates.csv", "name_decisions.csv", "slate_families.csv"))
    return _anchors(raw, None if labels is None else tuple(labels), stamps)


@lru_cache(maxsize=8)
def _anchors(raw: Path, labels: tuple[str, ...] | None, stamps: tuple[int, ...]) -> Anchors:
    """Anchors.load, once per registry state (``stamps``: the files' modification times)."""
    return Anchors.load(raw, labels)


def read_table(clip: Clipping, anchors: Anchors) -> tuple[list[dict[str, object]], str]:
    """Rows of ``clip``'s table and its kind; ClippingError listing every line that cannot be read."""
    rows, problems, kind = read_rows(clip, anchors)
    problems += _duplicates(clip, rows)
    if problems:
        raise ClippingError(sorted(problems, key=lambda p: p.line))
    if clip.get("holds") == "results":
        _resolve_elected(rows)
    return rows, kind


def parse_clipping(clip: Clipping, labels: Iterable[str] | None = None, anchors: Anchors | None = None):  # noqa: ANN201
    """Parse ``clip``'s table into a DataFrame (``PARSED_COLUMNS`` then ``READING_COLUMNS``).

    ``labels`` are the registered slate labels (default: ``slate_families.csv``); the
    registered people come from ``candidates.csv`` beside the clippings folder unless
    ``anchors`` are given. ``frame.attrs['shape']`` is ``lines``, ``per_body``,
    ``slates`` or ``totals``. Raises ClippingError on any line that cannot be read.
    """
    import pandas as pd

    rows, kind = read_table(clip, anchors or default_anchors(clip, labels))
    columns = PARSED_COLUMNS + READING_COLUMNS
    frame = pd.DataFrame([[pd.NA if r[c] is None else r[c] for c in columns] for r in rows], columns=columns)
    frame.attrs["shape"] = kind
    return frame


def parse_file(path: Path, root: Path | None = None, labels: Iterable[str] | None = None):  # noqa: ANN201
    """Read and parse one clipping file."""
    clip = read_clipping(path, root)
    return clip, parse_clipping(clip, labels)
