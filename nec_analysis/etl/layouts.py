"""Header keys that say how to read a table the line reader cannot read by itself.

* ``caption_lines`` / ``heading_lines`` / ``footnote_lines`` — ``N: reason; N: reason``:
  table lines that are a caption, column headings or a footnote. Each is counted in the
  line accounting as a row of that kind with its reason; none is silently skipped.
* ``template`` — the parts of every candidate line, in order, e.g.
  ``{figure} {name} ({label})`` or ``{rank}. {name} – {figure}[ – {marker}]``. Fields:
  see ``FIELDS``; ``[...]`` marks an optional part; a space stands for any run of spaces.
  A candidate line the template does not match is an error at that line. ``{names}`` in
  place of ``{name}`` reads a list of people in one sentence (``A, B and C``): a row each,
  with the line's label or description but no figure (a figure belongs to one person).
* ``layout: columns`` (with ``columns: name, figure, share`` if there are more columns
  than names and figures) — a table flattened column by column: every name line, then
  every line of the next column in the same order, and so on. The columns must pair one
  to one; a column that cannot be paired is an error at its first unpaired line.
* ``layout: cells`` with ``cells: name, figure, share`` — a table with one cell per line:
  each candidate takes that many consecutive lines, in that order. ``Elected`` /
  ``Not elected`` sub-header lines may stand between candidates.

In a column or cell that the header calls ``share``, a bare decimal (``9.17``, ``(9.17)``)
is a percentage: the header says so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clippings import Clipping, Problem
from .names import Anchors, footnote_note, name_problem, normalise_name, split_footnote
from .parsed import candidate, row
from .reading import (
    MARKERS,
    NUM_RE,
    SHARE_RE,
    SUBHEADER_RE,
    UNITS,
    UNKNOWN_FIGURES,
    LineError,
    Reading,
    earlier_counts,
    parse_figure,
    read_line,
)

LINE_KEYS = {"caption_lines": "caption", "heading_lines": "heading", "footnote_lines": "footnote"}
LAYOUTS = ("lines", "columns", "cells")
CELL_FIELDS = ("name", "figure", "share", "label", "marker")
SHARE_CELL_RE = re.compile(r"^\(?(?P<share>\d+(?:\.\d+)?)\s*%?\)?$")
FIELDS = {  # template field → what it matches
    "name": r".+?", "figure": r"[^\s()]+", "rank": r"\d+=?", "prev_rank": r"\d+|[-–—]", "label": r".+?",
    "description": r".+?", "change": r".+?", "unit": r"[^\s()]+(?:\s[^\s()]+)?", "share": r"\d+(?:\.\d+)?\s*%",
    "earlier": r"[^()]*", "marker": r"(?i:not elected|re-elected|elected|unsuccessful)",
    "names": r".+?",  # several names in one run of prose: 'A, B and C'
}
#: Between the names of a ``{names}`` field: a comma, 'and', or both ('A, B, and C').
NAMES_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
#: Fields that belong to one person, so not to the several of ``{names}``.
ONE_PERSON_FIELDS = ("figure", "rank", "prev_rank", "share", "earlier", "change", "marker", "unit")


def header_problems(clip: Clipping) -> list[Problem]:
    """Problems with the layout keys, each at its header line."""
    out: list[Problem] = []

    def bad(key: str, expected: str) -> None:
        n, text = clip.header_lines[key]
        out.append(Problem(clip.file, n, text, expected))

    layout = clip.get("layout") or "lines"
    if layout not in LAYOUTS:
        bad("layout", f"layout one of {', '.join(LAYOUTS)}")
    for key in ("cells", "columns"):
        if layout == key:
            fields = fields_of(clip)
            if fields[0] != "name" or any(f not in CELL_FIELDS for f in fields) or len(set(fields)) != len(fields):
                bad(key if key in clip.header else "layout",
                    f"'{key}: name, figure, …' starting with name and naming each once, from {', '.join(CELL_FIELDS)}")
        elif key in clip.header:
            bad(key, f"'{key}:' only with 'layout: {key}'")
    if clip.get("template"):
        try:
            compile_template(clip.get("template"))
        except ValueError as err:
            bad("template", str(err))
        if layout != "lines":
            bad("template", "a template only with the default layout (one candidate per line)")
    try:
        marked_lines(clip)
    except ValueError as err:
        key, _, message = str(err).partition("|")
        bad(key, message)
    return out


def fields_of(clip: Clipping) -> list[str]:
    """The fields of ``cells:`` / ``columns:`` (default ``name, figure``)."""
    layout = clip.get("layout") or "lines"
    return [f.strip() for f in (clip.get(layout) or "name, figure").split(",")]


def marked_lines(clip: Clipping) -> dict[int, tuple[str, str]]:
    """Line number → (caption / heading / footnote, reason); ValueError ``key|message`` if malformed."""
    table = {n: t for n, t in clip.lines if t.strip()}
    out: dict[int, tuple[str, str]] = {}
    for key, kind in LINE_KEYS.items():
        for part in filter(None, (p.strip() for p in clip.get(key).split(";"))):
            m = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?\s*:\s*(\S.*)", part)
            if not m:
                raise ValueError(f"{key}|'{key}: N: reason; N-M: reason' — a line number (or range) and why; "
                                 f"{part!r} is not")
            first, last = int(m.group(1)), int(m.group(2) or m.group(1))
            for n in (first, last):
                if n not in table:
                    raise ValueError(f"{key}|line numbers of non-blank table lines; line {n} is not one")
            for n in (n for n in range(first, last + 1) if n in table):  # blank lines in a range are blank
                if n in out:
                    raise ValueError(f"{key}|each line listed once; line {n} is already a {out[n][0]}")
                out[n] = (kind, m.group(3).strip())
    return out


@lru_cache(maxsize=256)
def compile_template(template: str) -> re.Pattern[str]:
    """The regular expression of a header template; ValueError saying what is wrong.

    Kept per template text: the header check and the reader both need it, and several
    clippings of one source share a template."""
    out, depth, names = "", 0, []
    for token in re.findall(r"\{[^{}]*\}|\[|\]|\s+|[^\s{}\[\]]", template):
        if token.startswith("{"):
            field = token[1:-1]
            if field not in FIELDS:
                raise ValueError(f"template fields from {', '.join('{' + f + '}' for f in FIELDS)}; "
                                 f"{token} is not one")
            if field in names:
                raise ValueError(f"each template field once; {token} is there twice")
            names.append(field)
            out += f"(?P<{field}>{FIELDS[field]})"
        elif token == "[":
            depth, out = depth + 1, out + "(?:"
        elif token == "]":
            depth, out = depth - 1, out + ")?"
            if depth < 0:
                raise ValueError("template brackets [ ] for optional parts, balanced")
        elif token.isspace():
            out += r"\s+"
        else:
            out += re.escape(token)
    if depth:
        raise ValueError("template brackets [ ] for optional parts, balanced")
    if ("name" in names) == ("names" in names):
        raise ValueError("a template with a {name} (one person a line) or a {names} (several: 'A, B and C'), "
                         "not both")
    if "names" in names and set(names) & set(ONE_PERSON_FIELDS):
        raise ValueError("a {names} template without a person's own figures ("
                         + ", ".join("{" + f + "}" for f in ONE_PERSON_FIELDS) + "): one line's figure cannot "
                         "belong to several names")
    return re.compile(f"^{out}$")


def read_templated_all(s: str, pattern: re.Pattern[str], anchors: Anchors, holds: str,
                       template: str) -> list[Reading]:
    """Every person a line names by the header's template: one, or each of a ``{names}`` list."""
    m = pattern.match(s)
    if not m:
        raise LineError(f"a line in the form of the header's template {template!r}; this line is not")
    g = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
    if "names" not in g:
        return [read_templated(s, pattern, anchors, holds, template)]
    names = [n for n in NAMES_SPLIT_RE.split(g.pop("names")) if n]
    out = []
    for name in names:
        r = _reading({**g, "name": name}, anchors, holds, template)
        r.notes.append(f"one of {len(names)} names listed on the line")
        out.append(r)
    return out


def read_templated(s: str, pattern: re.Pattern[str], anchors: Anchors, holds: str, template: str) -> Reading:
    """Read a line by the header's template; LineError if it does not match or a part is wrong."""
    m = pattern.match(s)
    if not m:
        raise LineError(f"a line in the form of the header's template {template!r}; this line is not")
    g = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
    return _reading(g, anchors, holds, template)


def _reading(g: dict[str, str], anchors: Anchors, holds: str, template: str) -> Reading:
    """The reading of one person from a template's matched fields ``g``."""
    name, star = split_footnote(normalise_name(g["name"]))
    r = Reading(name=name, label=g.get("label"), description=g.get("description"),
                change=g.get("change"), share=g.get("share"))
    if star:
        r.notes.append(footnote_note(star) or "")
    try:
        if "figure" in g:
            if g["figure"].casefold() in UNKNOWN_FIGURES | {"-", "–", "—"}:
                r.figure_note = g["figure"]
            else:
                r.figure = parse_figure(g["figure"])
        if "rank" in g:
            r.rank, r.rank_tie = int(g["rank"].rstrip("=")), g["rank"].endswith("=") or None
        if "prev_rank" in g:
            r.prev_rank = int(g["prev_rank"]) if g["prev_rank"].isdigit() else None
        if "earlier" in g:
            r.earlier = earlier_counts(g["earlier"])
    except ValueError as err:
        raise LineError(f"a line in the form of the header's template {template!r}: {err}") from None
    if "unit" in g:
        if UNITS.get(g["unit"].casefold()) != holds:
            raise LineError(f"a unit of {holds} ({', '.join(u for u, h in UNITS.items() if h == holds)}); "
                            f"{g['unit']!r} is not one")
        r.unit = g["unit"]
    if "marker" in g:
        r.elected, r.marker = MARKERS[g["marker"].casefold()], g["marker"]
    problem = name_problem(r.name, anchors)
    if problem:
        raise LineError(problem)
    return r


def _figure_line(s: str, holds: str) -> Reading | None:
    """A line that is only a figure (with a unit or share after it), else None."""
    parts = s.split()
    if not parts or not (NUM_RE.match(parts[0]) or parts[0].casefold() in UNKNOWN_FIGURES | {"–", "—"}):
        return None
    r = Reading()
    if NUM_RE.match(parts[0]):
        r.figure = parse_figure(parts[0])
    else:
        r.figure_note = parts[0]
    rest = " ".join(parts[1:]).strip("()")
    if rest and UNITS.get(rest.casefold()) == holds:
        r.unit = rest
    elif rest and SHARE_RE.match(rest):
        r.share = rest
    elif rest:
        return None
    return r


def _cell(field: str, n: int, s: str, r: Reading, holds: str) -> None:
    """Put the ``field`` cell on line ``n`` (text ``s``) into ``r``; LineError if it is not one."""
    if field == "figure":
        fig = _figure_line(s, holds)
        if fig is None or fig.share:
            raise LineError(f"a figure on line {n}; {s!r} is not one")
        r.figure, r.figure_note, r.unit = fig.figure, fig.figure_note, fig.unit
    elif field == "share":
        m = SHARE_CELL_RE.match(s)
        if not m:
            raise LineError(f"a share such as 41.2 or (41.2%) on line {n}; {s!r} is not one")
        r.share = f"{m.group('share')}%"
    elif field == "label":
        r.label = s
    elif field == "marker":
        if s.casefold() not in MARKERS:
            raise LineError(f"a marker ({', '.join(MARKERS)}) on line {n}; {s!r} is not one")
        r.elected, r.marker = MARKERS[s.casefold()], s


def read_columns(clip: Clipping, numbered: list[tuple[int, str, str]], anchors: Anchors,
                 holds: str) -> tuple[list[dict[str, object]], list[Problem]]:
    """Every name line, then each further column's lines in the same order."""
    fields = fields_of(clip)
    first_value = next((i for i, (_, _, s) in enumerate(numbered) if _figure_line(s, holds) is not None
                        or SHARE_CELL_RE.match(s)), len(numbered))
    names, values = numbered[:first_value], numbered[first_value:]
    problems: list[Problem] = []
    readings = []
    for n, text, s in names:
        try:
            readings.append(read_line(s, anchors, holds, bare=True))
        except LineError as err:
            problems.append(Problem(clip.file, n, text, str(err)))
    want = len(names) * (len(fields) - 1)
    if len(values) != want:
        short = names[min(len(values), len(names) - 1)] if names else numbered[0]
        n, text, _ = values[want] if len(values) > want else short
        said = (f"{len(fields) - 1} column(s) ({', '.join(fields[1:])}) of {len(names)} lines each after the "
                f"{len(names)} names; there are {len(values)} lines: the columns cannot be paired")
        if len(values) > want:
            said += (f". This line is the first of {len(values) - want} beyond them, so no name can be paired with "
                     f"it; if these lines are a further column (an earlier year's, with blank cells for candidates "
                     f"who did not stand), the text cannot say which name each belongs to: list them under "
                     f"'footnote_lines:' with that reason")
        problems.append(Problem(clip.file, n, text, said))
    if problems:
        return [], problems
    rows: list[dict[str, object]] = []
    cells: list[dict[str, object]] = []
    for k, field in enumerate(fields[1:]):
        column = values[k * len(names):(k + 1) * len(names)]
        for (n, _, _), r, (cn, ctext, cs) in zip(names, readings, column):
            try:
                _cell(field, cn, cs, r, holds)
            except LineError as err:
                problems.append(Problem(clip.file, cn, ctext, f"{err} (the {field} of line {n})"))
            cells.append(row(clip, cn, ctext, "cell", name=r.name, notes=f"{field} of line {n}"))
    rows = [candidate(clip, n, text, r) for (n, text, _), r in zip(names, readings)]
    return ([], problems) if problems else (rows + cells, [])


def read_cells(clip: Clipping, numbered: list[tuple[int, str, str]], anchors: Anchors,
               holds: str) -> tuple[list[dict[str, object]], list[Problem]]:
    """Each candidate on ``len(cells)`` consecutive lines, one cell per line; sub-headers between."""
    fields = fields_of(clip)
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    group: list[tuple[int, str, str]] = []
    under: bool | None = None
    for i, (n, text, s) in enumerate(numbered):
        sub = SUBHEADER_RE.match(s)
        if sub and not group:
            under = not sub.group("sub").lower().startswith(("not", "unsuccessful"))
            rows.append(row(clip, n, text, "subheader", name=sub.group("sub"), elected=under))
            continue
        group.append((n, text, s))
        if len(group) < len(fields) and i < len(numbered) - 1:
            continue
        n0, text0, s0 = group[0]
        try:
            if len(group) < len(fields):
                raise LineError(f"{len(fields)} lines per candidate ({', '.join(fields)}); the candidate from "
                                f"this line has {len(group)}")
            r = read_line(s0, anchors, holds, bare=True)
            for field, (cn, _ctext, cs) in zip(fields[1:], group[1:]):
                _cell(field, cn, cs, r, holds)
            if r.elected is None:
                r.elected = under
        except LineError as err:
            problems.append(Problem(clip.file, n0, text0, str(err)))
            group = []
            continue
        rows.append(candidate(clip, n0, text0, r))
        for field, (cn, ctext, _cs) in zip(fields[1:], group[1:]):
            rows.append(row(clip, cn, ctext, "cell", name=r.name, notes=f"{field} of line {n0}"))
        group = []
    return rows, problems
