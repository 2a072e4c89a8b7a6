"""How a printed table line is read (the shapes of the tables captured so far)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..tables import PARSED_COLUMNS
from .clippings import TOTAL_MEASURES, Clipping, ClippingError, Problem, normalise_text, read_clipping

# --------------------------------------------------------------------------- names and figures

HONORIFICS = re.compile(r"^(?:dr|cllr|councillor|mr|mrs|ms|miss|prof|sir|dame|lord|baroness)\.?\s+", re.I)


def normalise_name(raw: str) -> str:
    """``'SURNAME, Forename'`` → ``'Forename SURNAME'``; drop honorifics; fold whitespace.

    Case is kept as printed: matching against the registry is case-insensitive.
    """
    name = " ".join(normalise_text(raw).split())
    if "," in name:
        surname, _, forename = name.partition(",")
        name = f"{forename.strip()} {surname.strip()}"
    while HONORIFICS.match(name):
        name = HONORIFICS.sub("", name, count=1)
    return name.strip()


FIGURE_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")


def parse_figure(token: str) -> int:
    """``'39,548'`` → 39548; a clear ValueError for a letter O, a minus sign or anything else."""
    token = token.strip()
    if FIGURE_RE.match(token):
        return int(token.replace(",", ""))
    if re.fullmatch(r"[\dOo,]+", token) and re.search(r"\d", token) and re.search(r"[Oo]", token):
        raise ValueError(f"a number; {token!r} has a letter O where a zero belongs")
    if re.fullmatch(r"[-−–]\s*[\d,]+", token):
        raise ValueError(f"a count of zero or more; {token!r} is negative")
    if re.fullmatch(r"\d[\d,]*", token):
        raise ValueError(f"a number with commas between groups of three digits; {token!r} is not")
    raise ValueError(f"a whole number; {token!r} is not a number")


def _decimal(token: str) -> float:
    """``'33.1'`` → 33.1 (totals only: a percentage may have a decimal point)."""
    if re.fullmatch(r"\d+\.\d+", token):
        return float(token)
    raise ValueError(f"a number such as 33.1; {token!r} is not one")


# --------------------------------------------------------------------------- line shapes

SUBHEADER_RE = re.compile(r"^(?P<sub>elected|not elected|unsuccessful)\s*:?$", re.I)
MARK = r"(?P<mark>(?i:not\s+elected|elected))"
FIG = r"(?P<fig>[^\s()]+)"  # loose: validated by parse_figure so errors say what is wrong


@dataclass(frozen=True)
class Shape:
    """One printed table shape: a line regex and a description for error messages."""

    name: str
    pattern: str
    expected: str
    needs_labels: bool = False

    def regex(self, labels: Iterable[str]) -> re.Pattern[str]:
        alternation = "|".join(re.escape(x) for x in sorted(set(labels), key=len, reverse=True)) or "(?!)"
        return re.compile(self.pattern.replace("LABELS", alternation))


SHAPES: dict[str, Shape] = {s.name: s for s in [
    Shape("dash",
          rf"^(?:[•·*]\s*|-\s+)?(?P<name>[^\d•][^\d]*?)(?:\s+-\s+|\s*[–—]\s*|,\s*)"
          rf"(?:{MARK.replace('mark', 'mark2')}|{FIG}(?:\s*[–—-]\s*{MARK})?)$",
          "'Name – 220', '• Name - 88,235', '- Name, 207' or 'SURNAME, Forename – 57,361 – ELECTED'"),
    Shape("surname_first",
          rf"^(?P<name>[^\d,]+,[^\d,]+?)\s+{FIG}(?:\s+{MARK})?$",
          "'SURNAME, Forename 39,548' optionally followed by 'Elected'"),
    Shape("name_count",
          rf"^(?P<name>[^\d,()]+?)\s+{FIG}(?:\s+CLPs?)?(?:\s*\((?P<label>[^()\d][^()]*)\))?(?:\s+{MARK})?$",
          "'Name 275', 'Name 333 CLPs (Slate - TAG)', 'Name 203 (TAG)' or 'Name 30,240 Elected'"),
    Shape("ranked",
          rf"^(?P<rank>\d+)\s+(?P<name>.+?)\s+\((?P<prev>\d+|[-–—])\)\s+(?P<label>LABELS)\s+{FIG}"
          rf"\s*\((?P<earlier>[^()]*)\)$",
          "'3 Name (3) Label 131 (195, 235)': position, name, (previous rank or -), a slate label "
          "from slate_families.csv, count, (earlier counts)", needs_labels=True),
    Shape("label_count",
          rf"^(?P<name>.+?)\s+(?P<label>LABELS)\s+{FIG}(?:\s*\((?P<earlier>[^()]*)\))?$",
          "'Name Label 54 (275)': name, a slate label from slate_families.csv, count, optional (earlier count)",
          needs_labels=True),
    Shape("per_body",
          rf"^(?P<name>[^\d,]+?),\s*{FIG}\s+nominations?$",
          "'Name, 13 nominations' followed by one nominating CLP or Labour group per line"),
    Shape("slates",
          r"^(?P<name>[^:]+?)\s*:\s*(?P<label>\S.*)$",
          "'Name: slate label as the source put it'"),
    Shape("totals",
          rf"^(?P<name>{'|'.join(TOTAL_MEASURES)})\s*:\s*(?P<approx>~)?(?P<fig>\S+)$",
          f"'measure: value' with measure one of {', '.join(TOTAL_MEASURES)} (prefix ~ for approximate)"),
]}
DETECTABLE = ("ranked", "label_count", "surname_first", "dash", "name_count", "per_body")


def _strict_figure_match(m: re.Match[str] | None) -> bool:
    return bool(m) and (m.group("fig") is None or bool(FIGURE_RE.match(m.group("fig"))))


def detect_shape(lines: list[str], labels: Iterable[str]) -> str:
    """The detectable shape whose strict pattern matches the most lines (first on ties)."""
    labels = list(labels)
    if lines and SHAPES["per_body"].regex(labels).match(lines[0]):
        return "per_body"
    scores = {}
    for name in DETECTABLE:
        rx = SHAPES[name].regex(labels)
        scores[name] = sum(_strict_figure_match(rx.match(t)) for t in lines)
    return max(DETECTABLE, key=lambda n: scores[n])


def _diagnose(text: str, shape: Shape) -> str:
    if text.count("(") != text.count(")"):
        return f"balanced brackets — the line looks truncated. Expected {shape.expected}"
    if shape.needs_labels:
        return f"{shape.expected}. If the slate label is new, add it to data/raw/slate_families.csv"
    return f"{shape.expected}"


def _earlier(text: str | None) -> str:
    if text is None:
        return ""
    parts = [p.strip() for p in text.split(",")]
    out = []
    for p in parts:
        if p in ("", "-", "–", "—"):
            out.append("")
        else:
            out.append(str(parse_figure(p)))
    return "|".join(out)


def _row(clip: Clipping, n: int, text: str, kind: str, **values: object) -> dict[str, object]:
    row: dict[str, object] = {c: pd.NA for c in PARSED_COLUMNS}
    row.update(file=clip.file, line=n, text=text, row_kind=kind)
    row.update({k: v for k, v in values.items() if v is not None})
    return row


def _mark(m: re.Match[str]) -> bool | None:
    mark = m.groupdict().get("mark") or m.groupdict().get("mark2")
    if not mark:
        return None
    return not mark.lower().startswith("not")


def parse_clipping(clip: Clipping, labels: Iterable[str] = ()) -> pd.DataFrame:
    """Parse ``clip``'s table into rows with ``PARSED_COLUMNS``; raise ClippingError on any bad line.

    ``labels`` are the known slate labels (from ``slate_families.csv``), needed by the
    shapes that print a label between the name and the count.
    """
    labels = list(labels)
    numbered = [(n, t, normalise_text(t).strip()) for n, t in clip.lines]
    numbered = [(n, t, s) for n, t, s in numbered if s]
    holds = clip.get("holds")
    shape_name = clip.get("format") or {"totals": "totals", "slates": "slates"}.get(holds) \
        or detect_shape([s for _, _, s in numbered if not SUBHEADER_RE.match(s)], labels)
    shape = SHAPES[shape_name]
    parser: Callable[..., tuple[list[dict[str, object]], list[Problem]]] = (
        _parse_per_body if shape_name == "per_body" else _parse_lines)
    rows, problems = parser(clip, numbered, shape, shape.regex(labels))
    problems += _duplicates(clip, rows)
    if problems:
        problems.sort(key=lambda p: p.line)
        raise ClippingError(problems)
    if holds == "results":
        _resolve_elected(rows)
    frame = pd.DataFrame(rows, columns=PARSED_COLUMNS)
    frame.attrs["shape"] = shape_name
    return frame


def _parse_lines(clip: Clipping, numbered: list[tuple[int, str, str]], shape: Shape,
                 rx: re.Pattern[str]) -> tuple[list[dict[str, object]], list[Problem]]:
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    under: bool | None = None  # elected status set by the last sub-header
    for n, text, s in numbered:
        sub = SUBHEADER_RE.match(s)
        if sub and shape.name not in ("slates", "totals"):
            under = not sub.group("sub").lower().startswith(("not", "unsuccessful"))
            rows.append(_row(clip, n, text, "subheader", name=sub.group("sub"), elected=under))
            continue
        m = rx.match(s)
        if not m:
            problems.append(Problem(clip.file, n, text, _diagnose(s, shape)))
            continue
        g = m.groupdict()
        try:
            figure: float | int | None = None
            if g.get("fig") is not None:
                figure = _decimal(g["fig"]) if shape.name == "totals" and "." in g["fig"] else parse_figure(g["fig"])
            earlier = _earlier(g.get("earlier")) if g.get("earlier") is not None else None
        except ValueError as err:
            problems.append(Problem(clip.file, n, text, str(err)))
            continue
        if shape.name == "totals":
            rows.append(_row(clip, n, text, "total", name=g["name"], figure=figure,
                             label="approximate" if g.get("approx") else None))
            continue
        mark = _mark(m)
        prev = g.get("prev")
        rows.append(_row(
            clip, n, text, "candidate", name=normalise_name(g["name"]), figure=figure,
            elected=mark if mark is not None else under,
            label=g["label"].strip() if g.get("label") else None,
            rank=int(g["rank"]) if g.get("rank") else None,
            prev_rank=int(prev) if prev and prev.isdigit() else None,
            earlier=earlier,
        ))
    return rows, problems


def _parse_per_body(clip: Clipping, numbered: list[tuple[int, str, str]], shape: Shape,
                    rx: re.Pattern[str]) -> tuple[list[dict[str, object]], list[Problem]]:
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    current: str | None = None
    for n, text, s in numbered:
        m = rx.match(s)
        if m:
            try:
                figure = parse_figure(m.group("fig"))
            except ValueError as err:
                problems.append(Problem(clip.file, n, text, str(err)))
                current = None
                continue
            current = normalise_name(m.group("name"))
            rows.append(_row(clip, n, text, "candidate", name=current, figure=figure))
        elif re.search(r"\bnominations?\b", s, re.I) or re.search(r"\d", s):
            problems.append(Problem(clip.file, n, text, _diagnose(s, shape)))
        elif current is None:
            problems.append(Problem(clip.file, n, text, "a candidate line 'Name, N nominations' before the first nominating body"))
        else:
            rows.append(_row(clip, n, text, "body", name=current, body=" ".join(s.split())))
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
            out.append(Problem(clip.file, int(row["line"]), str(row["text"]),
                               f"each {what} once per table; already on line {seen[key]}"))
        else:
            seen[key] = int(row["line"])  # type: ignore[arg-type]
    return out


def _resolve_elected(rows: list[dict[str, object]]) -> None:
    """Fill unmarked results lines from the table's own convention.

    * A table with ``Elected`` marks: unmarked candidates were not elected.
    * A table with a ``Not Elected:`` sub-header and no marks above it: those above were elected.
    """
    cands = [r for r in rows if r["row_kind"] == "candidate"]
    marked = any(r["elected"] is True for r in cands)
    subs = [r for r in rows if r["row_kind"] == "subheader"]
    if subs and subs[0]["elected"] is False:
        first_sub = int(subs[0]["line"])  # type: ignore[arg-type]
        for r in cands:
            if r["elected"] is pd.NA and int(r["line"]) < first_sub:  # type: ignore[arg-type]
                r["elected"] = True
    elif marked:
        for r in cands:
            if r["elected"] is pd.NA:
                r["elected"] = False


def parse_file(path: Path, root: Path | None = None, labels: Iterable[str] = ()) -> tuple[Clipping, pd.DataFrame]:
    """Read and parse one clipping file."""
    clip = read_clipping(path, root)
    return clip, parse_clipping(clip, labels)
