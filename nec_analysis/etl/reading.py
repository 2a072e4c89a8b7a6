"""How a printed table line is read: split into parts, with the registries as anchors.

A candidate line is read as, in order (every part but the name optional)::

    [bullet] [rank] NAME [, description] [(previous rank)] [slate label] [separator]
    FIGURE [unit] [rank] [(slate label)] [(earlier counts)] [(change)] [share] [– marker] [.]

* the **figure** is the one number outside brackets (``39,548``); ``n/a``, ``*`` or a
  lone dash in its place mean "not printed"; a line of bare names has none;
* a **unit** after it (``CLPs``, ``nominations``, ``votes``) must suit the table;
* **markers** ``Elected`` / ``NOT ELECTED`` in any case, with or without a dash;
* **slate labels** bare, between dashes or in brackets are the ones registered in
  ``data/raw/slate_families.csv`` — the anchor that says where a name ends;
* **ranks** before the name (``3``, ``3.``, ``5=``) or after the figure (``3rd``);
* **change notes** in brackets, in digits or words (``(+712)``, ``(down 4)``);
* a **description** after the name and a comma (``Yasmine Dar, Manchester councillor:``).

Nothing is guessed: a part that could be read two ways, or a name that swallows a
label, a dash, a digit, a colon or a registered person plus other words, raises
:class:`LineError` saying what was expected (see ``names.name_problem``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import (
    NOT_NAME_WORDS,
    Anchors,
    footnote_note,
    name_problem,
    normalise_name,
    shouty,
    split_footnote,
)

UNITS = {  # unit words printed after a count → the kind of table they belong in
    "clps": "nominations", "clp": "nominations", "nominations": "nominations", "nomination": "nominations",
    "noms": "nominations", "clp nominations": "nominations", "labour groups": "nominations",
    "groups": "nominations", "votes": "results", "vote": "results",
}
MARKERS = {"elected": True, "re-elected": True, "not elected": False, "unsuccessful": False}
BULLETS = {"•", "·", "*", "▪", "‣", "◦", "●", "-", "–", "—", ">"}
DASHES = {"-", "–", "—"}
#: Dot leaders between a name (or label) and its figure, read as a dash: '.....', '…', '·····', '____'.
LEADER_RE = re.compile(r"(?<=\S)\s*(?:\.{2,}|…+|·{2,}|_{2,})\s*(?=\d|n/a\b|\*|[–—-]\s*$)")
UNKNOWN_FIGURES = {"n/a", "*", "?", "n.a."}
CHANGE_RE = re.compile(r"^(?:[+−\-–]\s*\d[\d,]*|(?:up|down|new|same|unchanged|no change|non-mover|=)\b.*|.*\bsince\b.*)$",
                       re.I)
NUM_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
SHARE_RE = re.compile(r"^\d+(?:\.\d+)?\s*%$")
ORDINAL_RE = re.compile(r"^(?P<n>\d+)(?:st|nd|rd|th)?(?P<tie>=)?$", re.I)
RANK_BEFORE_RE = re.compile(r"^(?P<n>\d+)(?:(?P<tie>=)|[.)]|st|nd|rd|th)?$", re.I)
SUBHEADER_RE = re.compile(r"^(?P<sub>elected|not elected|unsuccessful)\s*:?$", re.I)  # a line over a group
#: A share in words straight after its number: '11.1 per cent', '12 percent', '40pc' (read as '%').
PER_CENT_RE = re.compile(r"(?<=\d)\s*(?:per\s*cent|percent|pc)\b\.?", re.I)
#: Words of a table's column headings ('Name | Slate | Votes | %'): two on a line with no figure make it a heading.
HEADING_WORDS = NOT_NAME_WORDS | {"slate", "%", "rank", "position", "percentage"}
#: A rank before the name closed by a bracket: '1) Ann Black'.
RANK_PAREN_RE = re.compile(r"^\s*(?:[•·*▪‣◦●>]\s*)?\d+=?\)\s")
#: A count printed in brackets with its unit: '(13 nominations)', '(2,001 votes)'.
BRACKETED_COUNT_RE = re.compile(r"^\((?P<fig>\d[\d,]*)\s+(?P<unit>[^\d()]+?)\)$")
#: A footnote marker straight after a figure: '120*', '1,204†'.
FIGURE_FOOTNOTE_RE = re.compile(r"^(?P<fig>\d[\d,]*)(?P<star>\*{1,3}|†|‡)$")
#: A part in square brackets with no bracket inside it: read as if printed in round ones.
SQUARE_RE = re.compile(r"\[([^\[\]()]*)\]")
TOKEN_RE = re.compile(r"\([^()]*\)|[–—]|[,:;]|(?:[^\s()–—,:;]|(?<=\d),(?=\d))+")


class LineError(ValueError):
    """A line the reader cannot read with confidence; the message says what was expected."""


@dataclass
class Reading:
    """The parts of one printed candidate line."""

    name: str = ""
    figure: int | None = None
    figure_note: str | None = None  # printed in place of a figure not known: 'n/a', '*', '–'
    unit: str | None = None
    elected: bool | None = None
    marker: str | None = None
    label: str | None = None
    rank: int | None = None
    rank_tie: bool | None = None
    prev_rank: int | None = None
    earlier: str | None = None
    change: str | None = None
    description: str | None = None
    share: str | None = None
    notes: list[str] = field(default_factory=list)


SIGNED_RE = re.compile(r"^[+−\-]\s*\d[\d,]*$")  # '-1096', '+452', '−3': a change, never a count


def signed_problem(token: str) -> str:
    """The message for a signed number where a count belongs (a list of changes is not a table of counts)."""
    return (f"a count; {token!r} is signed — a change from an earlier election, which the reader never stores "
            f"as a count. A change printed beside its count goes in brackets after it ('1,204 (+452)') and is kept "
            f"as the line's change note; a list of changes alone is no table of votes: keep it out of the data "
            f"(or quote it in a clipping's note)")


def parse_figure(token: str) -> int:
    """``'39,548'`` → 39548; a clear ValueError for a letter O, a minus sign or anything else."""
    token = token.strip()
    if NUM_RE.match(token):
        return int(token.replace(",", ""))
    if re.fullmatch(r"[\dOo,]+", token) and re.search(r"\d", token) and re.search(r"[Oo]", token):
        raise ValueError(f"a number; {token!r} has a letter O where a zero belongs")
    if re.fullmatch(r"[-−–]\s*[\d,]+", token):
        raise ValueError(f"a count of zero or more; {token!r} is negative")
    if re.fullmatch(r"\d[\d,]*", token):
        raise ValueError(f"a number with commas between groups of three digits; {token!r} is not")
    raise ValueError(f"a whole number; {token!r} is not a number")


def earlier_counts(inner: str) -> str:
    """``'333, 275'`` → ``'333|275'``; a dash for none → ``''``; a comma with no space is ambiguous."""
    if re.search(r"\d,\d", inner.replace(" ", "")) and not re.search(r",\s", inner):
        raise LineError(f"bracketed counts separated by ', '; ({inner}) reads two ways: one count "
                        f"{inner.replace(',', '')} or counts {' and '.join(inner.split(','))}")
    out = []
    for part in inner.split(","):
        part = part.strip()
        out.append("" if part in ("", "-", "–", "—") else str(parse_figure(part)))
    return "|".join(out)


def _is_earlier(inner: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:[\d,]+|[-–—])?\s*(?:,\s*(?:[\d,]+|[-–—])?\s*)*", inner)) and \
        bool(re.search(r"[\d–—-]", inner)) and not re.fullmatch(r"\s*[-–—]\s*\d.*", inner)


def _take_label(text: str, anchors: Anchors, at_end: bool) -> tuple[str | None, str]:
    """The longest registered label at the end (or start) of ``text``, as whole words, and what is
    left of ``text``. Tried only where a label can begin (end) — after (before) a character that
    is not a letter or digit — so a line costs a few look-ups, not one per registered label."""
    labels = anchors.label_set
    if at_end:
        for i in range(1, len(text)):
            if not text[i - 1].isalnum() and text[i:] in labels:
                return text[i:], text[:i]
    else:
        for j in range(len(text), 0, -1):
            if (j == len(text) or not text[j].isalnum()) and text[:j] in labels:
                return text[:j], text[j:]
    return None, text


def _bracket(inner: str, reading: Reading, anchors: Anchors, after_figure: bool, ranked: bool = False) -> str | None:
    """Give a bracketed part its meaning on ``reading``; return it back if none fits."""
    bare = inner.strip()
    if bare.casefold() in MARKERS:
        reading.elected, reading.marker = MARKERS[bare.casefold()], f"({bare})"
    elif bare in anchors.labels or f"({bare})" in anchors.labels:
        if reading.label:
            raise LineError(f"one slate label per line; this one has {reading.label!r} and {bare!r}")
        reading.label = bare if bare in anchors.labels else f"({bare})"
    elif SHARE_RE.match(bare):
        reading.share = bare
    elif CHANGE_RE.match(bare):
        reading.change = bare
    elif after_figure and _is_earlier(inner):
        reading.earlier = earlier_counts(inner)
    elif not after_figure and re.fullmatch(r"\d+|[-–—]", bare):
        if reading.rank is None and not ranked:
            raise LineError(f"a bracketed number after the name only in a ranked table; ({bare}) could be a "
                            f"previous rank or a count — give the header a 'template:' saying which")
        reading.prev_rank = int(bare) if bare.isdigit() else None
    elif ORDINAL_RE.match(bare) and not bare.isdigit():
        _set_rank(reading, bare)
    else:
        return inner
    return None


def _set_rank(reading: Reading, token: str) -> None:
    m = ORDINAL_RE.match(token) or RANK_BEFORE_RE.match(token)
    assert m is not None
    if reading.rank is not None:
        raise LineError(f"one rank per line; this one has {reading.rank} and {token!r}")
    reading.rank, reading.rank_tie = int(m.group("n")), bool(m.group("tie")) or None


def _plain_line(text: str) -> tuple[str, list[str]]:
    """``text`` with the printed forms that mean what plainer ones do rewritten, and a note for each:
    cells between ``|`` as parts between dashes, square brackets as round ones, a share in words
    ('41.2 per cent') as ``41.2%``. LineError for a table's rule or heading line, or an open or
    nested square bracket."""
    notes: list[str] = []
    if text.strip().startswith("|") or " | " in text:  # '| Ann Black | Open Labour | 1,234 |': a table's cells
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-+:?|", c) for c in cells):
            raise LineError("a candidate line; this is a table's rule (dashes between '|'): list its line in the "
                            "header's heading_lines: with a reason")
        text = " – ".join(c for c in cells if c)
        notes.append("cells between '|' read as separated by dashes")
    heading = [w for w in re.findall(r"[^\s–—|:,()]+", text) if w.casefold().strip(".") in HEADING_WORDS]
    if len(heading) > 1 and not re.search(r"\d", text):
        raise LineError(f"a candidate line; this reads as a table's column headings ({', '.join(heading)}): list its "
                        f"line in the header's heading_lines: with a reason")
    if "[" in text or "]" in text:  # '[Labour to Win]', '[elected]': square brackets hold what round ones do
        text = SQUARE_RE.sub(r"(\1)", text)
        if "[" in text or "]" in text:
            raise LineError("balanced square brackets [ ], each around a part with no bracket inside it — "
                            "the line looks truncated or garbled")
        notes.append("square brackets read as round ones")
    if PER_CENT_RE.search(text):
        text = PER_CENT_RE.sub("%", text)
        notes.append("'per cent' read as %")
    return text, notes


def read_line(text: str, anchors: Anchors, holds: str = "nominations", ranked: bool = False,
              bare: bool = False) -> Reading:
    """Read one candidate line (already normalised) into its parts; LineError if it cannot be.

    ``ranked``: the header says bracketed numbers after names are previous ranks.
    ``bare``: the line holds a name and no figure (its figure is on another line).
    """
    text, notes = _plain_line(text)
    body = RANK_PAREN_RE.sub("", text)  # '1) Ann Black 120': a rank, not an open bracket
    if body.count("(") != body.count(")") or re.search(r"\([^)]*\(", body):
        raise LineError("balanced brackets — the line looks truncated or garbled")
    if text.rstrip().endswith(":") and not re.search(r"\d", text):
        raise LineError("a candidate line, or a sub-header over a group ('Elected:', 'Not elected:', "
                        "'Unsuccessful:'); this ends with a colon like a sub-header but is none of them — "
                        "if it is a caption or heading, list its line under caption_lines or heading_lines")
    reading = Reading(notes=notes)
    s = text.strip()
    while s and s[-1] in ".;,!" and not s.lower().endswith("n.a."):
        reading.notes.append(f"ends with {s[-1]!r}")
        s = s[:-1].rstrip()
    if LEADER_RE.search(s):  # 'Ann Black ........ 21,344': dot leaders join a name to its figure
        reading.notes.append("dot leaders before the figure")
        s = LEADER_RE.sub(" – ", s)
    tokens = TOKEN_RE.findall(s)
    for i, t in enumerate(tokens):
        m = FIGURE_FOOTNOTE_RE.match(t)
        if m and i > 0:  # '120*': the footnote marker is kept as a note, the figure read
            tokens[i] = m.group("fig")
            reading.notes.append(f"footnote marker {m.group('star')!r} after the figure")
    if tokens and tokens[0] in BULLETS and len(tokens) > 1:
        tokens = tokens[1:]
    counted = [i for i, t in enumerate(tokens) if (m := BRACKETED_COUNT_RE.match(t)) and m["unit"].casefold() in UNITS]
    if len(counted) == 1 and not any(NUM_RE.match(t) for t in tokens):  # 'Ann Black (13 nominations):'
        m = BRACKETED_COUNT_RE.match(tokens[counted[0]])
        tokens[counted[0]:counted[0] + 1] = [m["fig"], *m["unit"].split()]
        reading.notes.append("count printed in brackets with its unit")
    if len(tokens) > 1 and RANK_BEFORE_RE.match(tokens[0]) and not NUM_RE.match(tokens[1]):
        if not any(NUM_RE.match(t) or t.casefold() in UNKNOWN_FIGURES for t in tokens[1:]) \
                and NUM_RE.match(tokens[0]):
            raise LineError(f"a count after the name; the only number, {tokens[0]!r}, comes before it and reads "
                            f"two ways: a rank or the count — give the header a 'template:' saying which")
        _set_rank(reading, tokens[0])
        tokens = tokens[1:]
    elif tokens and re.fullmatch(r"\(\d+=?\)", tokens[0]) and len(tokens) > 1:
        _set_rank(reading, tokens[0][1:-1])
        tokens = tokens[1:]
    # a marker at the end, with the separator before it
    low = [t.casefold() for t in tokens]
    for words, value in (("not elected", False), ("re-elected", True), ("elected", True), ("unsuccessful", False)):
        n = len(words.split())
        if len(tokens) > n and " ".join(low[-n:]) == words:
            reading.elected, reading.marker = value, " ".join(tokens[-n:])
            tokens = tokens[:-n]
            if tokens and tokens[-1] in DASHES | {",", ":"}:
                tokens = tokens[:-1]
            break
    figures = [i for i, t in enumerate(tokens) if NUM_RE.match(t)]
    for i, t in enumerate(tokens):
        if SIGNED_RE.match(t) or (t == "+" and i + 1 < len(tokens) and NUM_RE.match(tokens[i + 1])):
            raise LineError(signed_problem(t if t != "+" else f"+ {tokens[i + 1]}"))
    for t in tokens:
        if re.search(r"\d", t) and not t.startswith("(") and not (NUM_RE.match(t) or SHARE_RE.match(t)
                                                                 or ORDINAL_RE.match(t)):
            try:
                parse_figure(t)
            except ValueError as err:
                raise LineError(str(err)) from None
    unknown = [i for i, t in enumerate(tokens) if t.casefold() in UNKNOWN_FIGURES and i > 0]
    if len(tokens) > 1 and tokens[-1] in DASHES and not figures:
        unknown.append(len(tokens) - 1)
    if bare and (figures or unknown):
        raise LineError(f"a name line with no figure (the header's layout puts figures on lines of their own); "
                        f"this line has {tokens[(figures + unknown)[0]]!r}")
    if len(figures) + len(unknown) > 1:
        shown = ", ".join(repr(tokens[i]) for i in sorted(figures + unknown))
        raise LineError(f"one count per line; this line has {len(figures) + len(unknown)}: {shown}")
    if figures:
        at = figures[0]
        reading.figure = parse_figure(tokens[at])
    elif unknown:
        at = unknown[0]
        reading.figure_note = tokens[at]
    elif holds == "nominations" and not bare:
        last = tokens[-1] if tokens else ""
        raise LineError(f"a count of nominations after the name; no number on this line ({last!r} is not a number)")
    else:
        at = len(tokens)
    head, tail = tokens[:at], tokens[at + 1:]
    _read_tail(tail, reading, anchors, holds)
    _read_head(head, s, reading, anchors, ranked)
    return reading


def _read_tail(tail: list[str], reading: Reading, anchors: Anchors, holds: str) -> None:
    i = 0
    while i < len(tail):
        t = tail[i]
        two = " ".join(tail[i:i + 2]).casefold()
        if two in UNITS or t.casefold() in UNITS:
            unit = two if two in UNITS else t.casefold()
            if UNITS[unit] != holds:
                raise LineError(f"a count of {holds}; the unit {' '.join(tail[i:i + len(unit.split())])!r} "
                                f"says the figure is {UNITS[unit]} — check the header's 'holds:'")
            reading.unit = " ".join(tail[i:i + len(unit.split())])
            i += len(unit.split())
            continue
        if t in DASHES or t in {",", ":", ";"}:
            i += 1
            continue
        if t.startswith("("):
            left = _bracket(t[1:-1], reading, anchors, after_figure=True)
            if left is not None:
                raise LineError(f"after the count only a unit, a slate label, earlier counts, a change or a "
                                f"marker; the reader does not know {t!r}. " + _unknown_part_advice(left, anchors))
            i += 1
            continue
        if SHARE_RE.match(t):
            reading.share = t
            i += 1
            continue
        if ORDINAL_RE.match(t):
            _set_rank(reading, t)
            i += 1
            continue
        label, rest = _take_label(" ".join(tail[i:]), anchors, at_end=False)
        if label and not reading.label:
            reading.label = label
            i = len(tail) - len(TOKEN_RE.findall(rest))
            continue
        raise LineError(f"after the count only a unit, a slate label, earlier counts, a change or a marker; "
                        f"the reader does not know {' '.join(tail[i:])!r}")


def _read_head(head: list[str], line: str, reading: Reading, anchors: Anchors, ranked: bool) -> None:
    """The name and what stands between it and the count."""
    while head and head[-1] in DASHES | {",", ":", ";"}:
        head = head[:-1]
    text = _join(head)
    label, rest = _take_label(text, anchors, at_end=True)
    if label:
        if reading.label:
            raise LineError(f"one slate label per line; this one has {reading.label!r} and {label!r}")
        reading.label, head = label, TOKEN_RE.findall(rest)
        while head and head[-1] in DASHES | {",", ":", ";"}:
            head = head[:-1]
    while head and head[-1].startswith("("):
        left = _bracket(head[-1][1:-1], reading, anchors, after_figure=False, ranked=ranked)
        if left is not None:
            reading.description = left.strip() if not reading.description else f"{left.strip()}; {reading.description}"
        head = head[:-1]
    inner = [i for i, t in enumerate(head) if t.startswith("(")]
    if inner:
        after = _join(head[inner[-1] + 1:])
        prose = re.search(r"\b[a-z]{2,}\b", after) and not re.search(r"[A-Z]", after)  # 'came third with'
        raise LineError(f"a name, then a slate label registered in data/raw/slate_families.csv; {after!r} stands "
                        f"where the label goes (after {head[inner[-1]]!r}) but is not registered. "
                        + ("It reads as words of a sentence, not a label: give the header a 'template:' "
                           "naming the parts of the line" if prose else
                           "If it is a slate or endorsement label, add it there"))
    dashes = [i for i, t in enumerate(head) if t in DASHES]
    if dashes:
        between = _join(head[dashes[0] + 1:])
        raise LineError(f"a name, then the count; between dashes is {between!r}, which is no registered slate "
                        f"label. " + _unknown_part_advice(between, anchors))
    head = _footnote_off(head, reading)
    _name_and_description(head, reading, anchors)


def _unknown_part_advice(part: str, anchors: Anchors) -> str:
    """What to do about a part of a line the reader does not know: register it as a slate label
    only if it could be one (a label holds no figures, and is not words of a sentence: no
    capital letter, or an elected marker in it)."""
    registered = anchors.registered_as(part)
    if registered:
        return (f"It is the registered slate label {registered!r} printed as {part.strip()!r}: if the source "
                f"prints it so, register that spelling too in data/raw/slate_families.csv, with the same family")
    if re.search(r"\d", part):
        return ("It holds figures, so it is no slate label: data/raw/README.md lists the changes, shares and "
                "earlier counts the reader knows; for any other part give the header a 'template:' naming the "
                "parts of the line")
    if not re.search(r"[A-Z]", part) or any(w.casefold() in MARKERS for w in part.split()):
        return ("It reads as words of a sentence, not a slate label: give the header a 'template:' naming the "
                "parts of the line")
    return ("If it is a slate or endorsement label as the source prints it, add it to "
            "data/raw/slate_families.csv; if not, give the header a 'template:' naming the parts of the line")


def _footnote_off(head: list[str], reading: Reading) -> list[str]:
    """A footnote marker after the name (``Ann Black*``, ``BLACK*, Ann``) kept as a note, not in the name."""
    out = list(head)
    for i, t in enumerate(out):
        word, star = split_footnote(t)
        if star and (i == len(out) - 1 or out[i + 1] == ","):
            out[i] = word
            reading.notes.append(footnote_note(star) or "")
            break
    return out


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        out += t if t in {",", ":", ";"} or not out else f" {t}"
    return out.strip()


def _name_and_description(head: list[str], reading: Reading, anchors: Anchors) -> None:
    commas = [i for i, t in enumerate(head) if t == ","]
    if len(commas) > 1:
        raise LineError(f"a name with at most one comma ('SURNAME, Forename' or 'Name, description'); "
                        f"{_join(head)!r} has {len(commas)}")
    if not commas:
        reading.name = normalise_name(_join(head))
    else:
        before, after = _join(head[: commas[0]]), _join(head[commas[0] + 1:])
        surname_first = normalise_name(f"{before}, {after}")
        if shouty(before) or anchors.person(surname_first):
            reading.name = surname_first
        elif anchors.person(before):
            reading.name, reading.description = normalise_name(before), after
        else:
            sf_ok = len(after.split()) <= 3 and name_problem(surname_first, anchors) is None
            nd_ok = len(before.split()) > 1 and name_problem(before, anchors) is None
            if sf_ok and nd_ok:
                raise LineError(f"one reading; {_join(head)!r} reads as the name {surname_first!r} or as "
                                f"{before!r} described as {after!r}")
            if nd_ok:
                reading.name, reading.description = normalise_name(before), after
            else:
                reading.name = surname_first
    if reading.description:
        same = anchors.registered_as(reading.description)
        if same:
            raise LineError(f"a slate label as registered; {reading.description!r} after the name is the registered "
                            f"label {same!r} in another case — if the source prints it so, register that spelling "
                            f"too in data/raw/slate_families.csv")
        inside = anchors.contained_label(reading.description)
        if inside:
            raise LineError(f"one reading; the description {reading.description!r} holds {inside!r}, a slate label "
                            f"registered in data/raw/slate_families.csv — the person's slate, or words about them? "
                            f"Give the header a 'template:' naming the parts, such as "
                            f"'{{name}} ({{description}}, {{label}}) {{figure}}'")
    problem = name_problem(reading.name, anchors)
    if problem:
        raise LineError(problem)
