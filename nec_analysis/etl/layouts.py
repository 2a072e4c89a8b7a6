"""Header keys that say how to read a table the line reader cannot read by itself.

* ``caption_lines`` / ``heading_lines`` / ``footnote_lines`` — ``N: reason; N: reason``:
  table lines that are a caption, column headings or a footnote. Each is counted in the
  line accounting as a row of that kind with its reason; none is silently skipped.
* ``template`` — the parts of every candidate line, in order, e.g.
  ``{figure} {name} ({label})`` or ``{rank}. {name} – {figure}[ – {marker}]``. Fields:
  see ``FIELDS``; ``[...]`` marks an optional part; a space stands for any run of spaces.
  A candidate line the template does not match is an error at that line.
* ``layout: columns`` — a table flattened column by column: every name line, then every
  figure line in the same order. The two columns must pair one to one.
* ``layout: cells`` with ``cells: name, figure, share`` — a table with one cell per line:
  each candidate takes that many consecutive lines, in that order.
"""

from __future__ import annotations

import re

from .clippings import Clipping, Problem
from .names import Anchors, name_problem, normalise_name
from .parsed import candidate, row
from .reading import (
    MARKERS,
    NUM_RE,
    SHARE_RE,
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
FIELDS = {  # template field → what it matches
    "name": r".+?", "figure": r"[^\s()]+", "rank": r"\d+=?", "prev_rank": r"\d+|[-–—]", "label": r".+?",
    "description": r".+?", "change": r".+?", "unit": r"[^\s()]+(?:\s[^\s()]+)?", "share": r"\d+(?:\.\d+)?\s*%",
    "earlier": r"[^()]*", "marker": r"(?i:not elected|re-elected|elected|unsuccessful)",
}


def header_problems(clip: Clipping) -> list[Problem]:
    """Problems with the layout keys, each at its header line."""
    out: list[Problem] = []

    def bad(key: str, expected: str) -> None:
        n, text = clip.header_lines[key]
        out.append(Problem(clip.file, n, text, expected))

    layout = clip.get("layout") or "lines"
    if layout not in LAYOUTS:
        bad("layout", f"layout one of {', '.join(LAYOUTS)}")
    if layout == "cells":
        fields = [f.strip() for f in clip.get("cells").split(",")]
        if "name" not in fields or any(f not in CELL_FIELDS for f in fields) or len(set(fields)) != len(fields):
            bad("cells" if "cells" in clip.header else "layout",
                f"'cells: name, figure, …' naming each line of a candidate once, from {', '.join(CELL_FIELDS)}")
    elif "cells" in clip.header:
        bad("cells", "'cells:' only with 'layout: cells'")
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
            for n in range(first, last + 1):
                if n not in table:
                    raise ValueError(f"{key}|line numbers of non-blank table lines; line {n} is not one")
                if n in out:
                    raise ValueError(f"{key}|each line listed once; line {n} is already a {out[n][0]}")
                out[n] = (kind, m.group(3).strip())
    return out


def compile_template(template: str) -> re.Pattern[str]:
    """The regular expression of a header template; ValueError saying what is wrong."""
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
    if "name" not in names:
        raise ValueError("a template with a {name}")
    return re.compile(f"^{out}$")


def read_templated(s: str, pattern: re.Pattern[str], anchors: Anchors, holds: str, template: str) -> Reading:
    """Read a line by the header's template; LineError if it does not match or a part is wrong."""
    m = pattern.match(s)
    if not m:
        raise LineError(f"a line in the form of the header's template {template!r}; this line is not")
    g = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
    r = Reading(name=normalise_name(g["name"]), label=g.get("label"), description=g.get("description"),
                change=g.get("change"), share=g.get("share"))
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


def read_columns(clip: Clipping, numbered: list[tuple[int, str, str]], anchors: Anchors,
                 holds: str) -> tuple[list[dict[str, object]], list[Problem]]:
    """Every name line, then every figure line, paired in order."""
    problems: list[Problem] = []
    names: list[tuple[int, str, Reading]] = []
    figures: list[tuple[int, str, Reading]] = []
    for n, text, s in numbered:
        fig = _figure_line(s, holds)
        if fig is not None:
            figures.append((n, text, fig))
            continue
        if figures:
            problems.append(Problem(clip.file, n, text, "a figure line: in 'layout: columns' every name comes "
                                                        "before the first figure"))
            continue
        try:
            names.append((n, text, read_line(s, anchors, holds, bare=True)))
        except LineError as err:
            problems.append(Problem(clip.file, n, text, str(err)))
    if len(names) != len(figures) and not problems:
        n, text = (names[len(figures)][:2] if len(names) > len(figures) else figures[len(names)][:2])
        problems.append(Problem(clip.file, n, text, f"as many figure lines as name lines to pair them; "
                                                    f"{len(names)} names and {len(figures)} figures"))
    if problems:
        return [], problems
    rows = []
    for (n, text, r), (fn, ftext, f) in zip(names, figures):
        r.figure, r.figure_note, r.unit, r.share = f.figure, f.figure_note, f.unit, f.share
        rows.append(candidate(clip, n, text, r))
        rows.append(row(clip, fn, ftext, "cell", name=r.name, notes=f"figure of line {n}"))
    return rows, problems


def read_cells(clip: Clipping, numbered: list[tuple[int, str, str]], anchors: Anchors,
               holds: str) -> tuple[list[dict[str, object]], list[Problem]]:
    """Each candidate on ``len(cells)`` consecutive lines, one cell per line."""
    fields = [f.strip() for f in clip.get("cells").split(",")]
    k = len(fields)
    if len(numbered) % k:
        n, text, _ = numbered[len(numbered) - len(numbered) % k]
        return [], [Problem(clip.file, n, text, f"{k} lines per candidate ({', '.join(fields)}); the last "
                                                 f"candidate, from this line, has {len(numbered) % k}")]
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for i in range(0, len(numbered), k):
        group = dict(zip(fields, numbered[i:i + k]))
        n, text, s = group["name"]
        try:
            r = read_line(s, anchors, holds, bare=True)
            for field, (cn, _ctext, cs) in group.items():
                if field == "figure":
                    fig = _figure_line(cs, holds)
                    if fig is None or fig.share:
                        raise LineError(f"a figure on line {cn} (the {field} cell of the candidate on line {n})")
                    r.figure, r.figure_note, r.unit = fig.figure, fig.figure_note, fig.unit
                elif field == "share":
                    if not SHARE_RE.match(cs.strip("()")):
                        raise LineError(f"a share such as 41.2% on line {cn} (the share cell of line {n})")
                    r.share = cs.strip("()")
                elif field == "label":
                    r.label = cs
                elif field == "marker":
                    if cs.casefold() not in MARKERS:
                        raise LineError(f"a marker ({', '.join(MARKERS)}) on line {cn}")
                    r.elected, r.marker = MARKERS[cs.casefold()], cs
        except (LineError, ValueError) as err:
            problems.append(Problem(clip.file, n, text, str(err)))
            continue
        rows.append(candidate(clip, n, text, r))
        for field, (cn, ctext, _cs) in group.items():
            if field != "name":
                rows.append(row(clip, cn, ctext, "cell", name=r.name, notes=f"{field} of line {n}"))
    return rows, problems
