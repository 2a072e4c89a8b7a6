"""Sentences on a page: a finding without its election's opening, and no internal paths."""

from __future__ import annotations

import re

_SCOPE = re.compile(r"^(?:In|Across) (?:the \d{4} [^,]*?(?:election|by-election)|all sections in \d{4}), ")


def plain(sentence: str) -> str:
    """A finding without its 'In the 2014 CLP-section election, ' opening (the page names the election)."""
    s = _SCOPE.sub("", str(sentence).strip())
    return s[:1].upper() + s[1:] if s else s


def _beside(sentence: str, over: str) -> str:
    """A standfirst sentence: without its opening where that names the election over the
    headline (``over``), else as it is ('Across all sections in 2014, ...' keeps its scope)."""
    scope = _SCOPE.match(sentence.strip())
    if scope and over and kicker_of(scope.group(0)) == over:
        return plain(sentence)
    return sentence.strip()


def kicker_of(opening: str) -> str:
    """'2014 CLP-section election' from 'In the 2014 CLP-section election, ' (one wording: words.labels)."""
    from ..words.labels import kicker

    return kicker(opening)


#: Internal references some source records carry (research notes, stored copies, URL slugs),
#: put in words a reader can use. The records themselves keep them.
_INTERNAL = [
    (re.compile(r"facts\.csv research notes \(shared/sources\)"), "the project's research notes"),
    (re.compile(r"\s*\((?:no article|headline not in stored copy)[^()]*\)"), ""),
    (re.compile(r"\s*\([^()]*(?:shared/sources|data/raw|data/processed)[^()]*\)"), ""),
    (re.compile(r"(?:shared/sources|data/raw|data/processed)/\S+"), "the project's records"),
]


#: A date written as the data keep it ('2014-08-20', '2014-06'), standing alone (not inside an address).
_ISO_DATE = re.compile(r"(?<![\w/.-])\d{4}-\d{2}(?:-\d{2})?(?![\w/-])")


def public_text(text: str) -> str:
    """``text`` without internal paths or storage notes (see ``_INTERNAL``), its dates as a reader
    reads them ('LabourList 20 August 2014 ...': ``words.format.date``)."""
    from ..words.format import date

    for pattern, words in _INTERNAL:
        text = pattern.sub(words, text)
    return _ISO_DATE.sub(lambda m: date(m.group(0)), text)
