"""A clipping file: a header of ``key: value`` lines, a blank line, then the table as published.

This module knows the file, not the table: decoding, the header and its checks, the
numbered table lines, and how a bad line is reported (:class:`Problem`,
:class:`ClippingError`). How a table line is read is ``nec_analysis.etl.reading``.

Text is checked here once for every line, header and table alike:

* invisible format characters (zero-width spaces and joiners, word joiners, direction
  marks, soft hyphens, BOMs) are removed; no-break and other spaces become spaces;
* control characters (NUL, backspace, …) are refused: they mean a damaged capture;
* only ASCII digits, and the full-width digits that look the same, are figures; any
  other digit (``৪`` looks like 8 and means 4) is refused, naming the character.

Nothing here imports pandas, so ``python -m nec_analysis read FILE`` starts fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import vocab
from ..vocab import codes

REQUIRED_KEYS = ("publisher", "title", "url", "published", "year", "section", "holds")
OPTIONAL_KEYS = (
    "election_type", "status", "as_of", "brackets", "prev_rank", "body_type", "partial",
    "truncated", "format", "captured_from", "note",
    # how to read a layout the line reader cannot read alone (nec_analysis.etl.layouts)
    "template", "caption_lines", "heading_lines", "footnote_lines", "layout", "cells", "columns",
    # what the source says once for every line (nec_analysis.etl.table.apply_header_facts)
    "elected", "label", "rank",
)
ALLOWED_VALUES = {
    "section": codes(vocab.SECTIONS),
    "election_type": codes(vocab.ELECTION_TYPES),
    "holds": codes(vocab.HOLDS),
    "status": codes(vocab.STATUSES),
    "body_type": codes(vocab.BODY_TYPES),
    "partial": codes(vocab.YES_NO),
    "truncated": codes(vocab.YES_NO),
    # every name the table lists was elected (a list of winners), or none was (a list of losers)
    "elected": ("all", "none"),
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
MAX_LINE = 1_000  # characters: a longer table line is no printed table row (a paste gone wrong)
QUOTE_LIMIT = 200  # characters of a line quoted in a message (a 5 MB line is quoted in part)


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``repr(text)``, cut to ``limit`` characters with the length said when it is longer."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters in all)"


@dataclass(frozen=True)
class Problem:
    """A line that could not be read: where, what it says, and what was expected."""

    file: str
    line: int
    text: str
    expected: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.expected}\n    line was: {quote(self.text)}"


class ClippingError(ValueError):
    """One or more problems in one or more clippings."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Clipping:
    """A clipping file split into its header and its numbered table lines."""

    path: Path
    file: str  # path as shown in messages and tables (relative to the project root)
    header: dict[str, str]
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    header_lines: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (line number, text)
    header_end: int = 1  # line number of the blank line that ends the header

    @property
    def source_id(self) -> str:
        return self.path.stem

    def get(self, key: str, default: str = "") -> str:
        return self.header.get(key, default)


# --------------------------------------------------------------------------- characters

_SPACES = {"\u00a0", "\u202f", "\t", "\u2007", "\u2009", "\u200a", "\u3000"} | {chr(c) for c in range(0x2000, 0x2007)}
_FULL_WIDTH_DIGITS = {chr(0xFF10 + d): str(d) for d in range(10)}
_FOLD = str.maketrans({**{s: " " for s in _SPACES}, **_FULL_WIDTH_DIGITS})


def normalise_text(text: str) -> str:
    """Fold the invisible differences of scraped text.

    Spaces of every width become a space, full-width digits ASCII digits, invisible
    format characters (category Cf: zero-width space, word joiner, BOM, direction marks,
    soft hyphen) are removed; the result is NFC. Control characters are left for
    :func:`character_problem` to refuse.
    """
    if text.isascii():
        return text.replace("\t", " ")
    text = text.translate(_FOLD)
    if any(unicodedata.category(c) == "Cf" for c in set(_NON_ASCII.findall(text))):  # each character once
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", text)


def _name(c: str) -> str:
    return f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})"


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # category Cc, but the tab


def character_problem(text: str) -> str | None:
    """What is wrong with the characters of ``text`` (a control character or a foreign digit), if anything."""
    if not _CONTROL.search(text) and not any(unicodedata.digit(c, None) is not None and c not in _FULL_WIDTH_DIGITS
                                             for c in set(_NON_ASCII.findall(text))):
        return None  # the usual line: looked at in C, and each non-ASCII character once
    for c in text:
        if c == "\t":
            continue
        cat = unicodedata.category(c)
        if cat == "Cc":
            return (f"printable text; the line holds the control character {_name(c)}, which a published "
                    f"table does not print: re-capture the line from the source")
        if unicodedata.digit(c, None) is not None and not ("0" <= c <= "9") and c not in _FULL_WIDTH_DIGITS:
            return (f"figures in the digits 0-9; {_name(c)} is a digit of another kind, which the reader "
                    f"does not take for a figure: check the source and type the figure it shows with 0-9")
    return None


def decode(raw: bytes, file: str) -> str:
    """Decode UTF-8 (a BOM is allowed); any other encoding is an error naming the line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start : err.start + 1]
        line_text = raw.split(b"\n")[line - 1].decode("utf-8", errors="replace")
        hint = ""
        try:
            bad.decode("cp1252")
            hint = " It looks like Windows-1252 text: re-save the file as UTF-8."
        except UnicodeDecodeError:
            pass
        raise ClippingError([Problem(file, line, line_text,
                                     f"text in UTF-8; byte 0x{bad.hex()} is not UTF-8.{hint}")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- the file


def known_keys() -> tuple[str, ...]:
    """Every header key a clipping may use."""
    return REQUIRED_KEYS + OPTIONAL_KEYS


def read_clipping(path: Path, root: Path | None = None) -> Clipping:
    """Read ``path`` into a :class:`Clipping`, checking the header; raise ClippingError if bad."""
    file = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    text = decode(path.read_bytes(), file)
    lines = text.split("\n")
    header: dict[str, str] = {}
    header_lines: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    body_start = len(lines)
    for i, raw_line in enumerate(lines, start=1):
        bad_chars = character_problem(raw_line)
        if bad_chars:
            problems.append(Problem(file, i, raw_line, bad_chars))
        line = normalise_text(raw_line).strip()
        if not line:
            body_start = i
            break
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep:
            problems.append(Problem(file, i, raw_line, "a header line 'key: value' (the header ends at the first blank line)"))
        elif key not in known_keys():
            problems.append(Problem(file, i, raw_line, f"a known header key, not {key!r}; known: {', '.join(known_keys())}"))
        elif key in header_lines:
            problems.append(Problem(file, i, raw_line,
                                    f"each header key once; {key!r} is already given on line {header_lines[key][0]} "
                                    f"({header_lines[key][1].strip()!r}): keep the one the source supports"))
        else:
            header[key] = value.strip()
            header_lines[key] = (i, raw_line)
    table = [(n, lines[n - 1]) for n in range(body_start + 1, len(lines) + 1)]
    for n, line_text in table:
        if len(line_text) > MAX_LINE:
            problems.append(Problem(file, n, line_text,
                                    f"a table line of at most {MAX_LINE:,} characters; this one has "
                                    f"{len(line_text):,}: a paste gone wrong? Re-capture it from the source"))
            continue
        bad_chars = character_problem(line_text)
        if bad_chars:
            problems.append(Problem(file, n, line_text, bad_chars))
    clip = Clipping(path, file, header, table, header_lines, body_start)
    problems += _check_header(clip)
    if not any(normalise_text(t).strip() for _, t in clip.lines) and not problems:
        problems.append(Problem(file, body_start, "", "table lines after the header's blank line: this table is empty"))
    if problems:
        raise ClippingError(sorted(problems, key=lambda p: p.line))
    return clip


TOTAL_MEASURES = ("nominations_total", "clps_nominating", "ballots_cast", "turnout_pct")
FORMATS = ("dash", "name_count", "ranked", "label_count", "surname_first", "per_body", "slates", "totals")


def _check_header(clip: Clipping) -> list[Problem]:
    """Missing keys are reported at the blank line that ends the header; bad values at their own line."""
    out = []

    def bad(key: str, expected: str) -> None:
        n, text = clip.header_lines[key]
        out.append(Problem(clip.file, n, text, expected))

    for key in REQUIRED_KEYS:
        if key not in clip.header:
            out.append(Problem(clip.file, clip.header_end, "",
                               f"a header line '{key}: …' before the blank line that ends the header (required)"))
    for key, allowed in ALLOWED_VALUES.items():
        if key in clip.header and clip.header[key] not in allowed:
            bad(key, f"{key} one of {', '.join(allowed)}")
    if "year" in clip.header and not re.fullmatch(r"(19|20)\d\d", clip.header["year"]):
        bad("year", "year as four digits, e.g. 'year: 2014'")
    for key in ("published", "as_of"):
        if clip.header.get(key) and not DATE_RE.match(clip.header[key]):
            bad(key, f"{key} as YYYY, YYYY-MM or YYYY-MM-DD")
    if clip.header.get("format") and clip.header["format"] not in FORMATS:
        bad("format", f"format one of {', '.join(FORMATS)}")
    if "elected" in clip.header and clip.header.get("holds") != "results":
        bad("elected", "'elected: all' or 'elected: none' only in a results table (holds: results): it says who won")
    if "rank" in clip.header and (clip.header.get("holds") != "results"
                                  or not re.fullmatch(r"[1-9]\d?", clip.header["rank"])):
        bad("rank", "'rank: N' (a place from 1 to 99) only in a results table (holds: results), when the text "
                    "states the place in words ('topped the poll' is rank 1)")
    if "label" in clip.header and not clip.header["label"]:
        bad("label", "'label: …' with the slate label as the source printed it (registered in slate_families.csv)")
    return out
