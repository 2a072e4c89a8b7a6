"""Names as printed: order, honorifics, the matching key, and what a name may not contain.

The anchors the reader leans on are here too: the registered people
(``candidates.csv`` names and aliases, ``name_decisions.csv`` aliases) and the
registered slate labels (``slate_families.csv``). They are read with the csv module, so
the preview starts without pandas.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .clippings import normalise_text

HONORIFICS = re.compile(r"^(?:dr|cllr|councillor|mr|mrs|ms|miss|prof|sir|dame|lord|baroness)\.?\s+", re.I)
#: Letters printed after a name for an office or an honour ('Dawn Butler MP', 'Ann Black OBE'): no part of it.
POST_NOMINALS = re.compile(r"\s+(?:MP|MEP|MSP|MS|AM|MLA|OBE|MBE|CBE|QC|KC|JP)\.?$")
#: An initial standing for a forename: 'A.', 'J'.
INITIAL = re.compile(r"^[^\W\d_]\.?$")
PARTICLES = {"de", "da", "das", "do", "dos", "van", "von", "der", "den", "del", "della", "di", "du", "la", "le",
             "bin", "bint", "al", "el", "ibn", "ben", "ap", "y", "e", "st"}
TOTAL_WORDS = {"total", "totals", "turnout", "ballots", "spoilt", "spoiled", "void", "electorate", "valid",
               "invalid", "quota", "majority", "abstentions"}
NOT_NAME_WORDS = TOTAL_WORDS | {"elected", "re-elected", "unsuccessful", "votes", "vote", "clps", "clp",
                                "nominations", "nomination", "noms", "candidate", "candidates", "name", "share"}
MAX_NAME_WORDS = 6
NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
FOOTNOTE_RE = re.compile(r"(?<=[^\W\d_.])(?P<star>[*†‡]+)$")  # 'Black*': a footnote marker after a name


def split_footnote(name: str) -> tuple[str, str | None]:
    """``'Ann Black*'`` → ``('Ann Black', '*')``: a footnote marker printed after a name is no part of it."""
    m = FOOTNOTE_RE.search(name)
    return (name[: m.start()].rstrip(), m.group("star")) if m else (name, None)


def footnote_note(star: str | None) -> str | None:
    """The note a row keeps for a footnote marker printed after the name."""
    return f"footnote marker {star!r} after the name" if star else None


def normalise_name(raw: str) -> str:
    """``'SURNAME, Forename'`` → ``'Forename SURNAME'``; drop honorifics and post-nominal letters
    (``MP``, ``OBE``); fold whitespace.

    Case is kept as printed: matching against the registry is case-insensitive.
    """
    name = " ".join(normalise_text(raw).split())
    if "," in name:
        surname, _, forename = name.partition(",")
        if POST_NOMINALS.search(forename) and len(forename.split()) > 1:  # 'LOPEZ, Maria MEP'
            forename = POST_NOMINALS.sub("", forename)
        name = f"{forename.strip()} {surname.strip()}"
    while HONORIFICS.match(name) and len(name.split()) > 2:  # 'Baroness Gould' keeps its title
        name = HONORIFICS.sub("", name, count=1)
    while POST_NOMINALS.search(name) and len(name.split()) > 2:
        name = POST_NOMINALS.sub("", name)
    return name.strip()


def name_key(name: str) -> str:
    """Matching key: normalised, case-folded, hyphens and dots kept, whitespace folded."""
    return " ".join(normalise_name(name).casefold().replace("’", "'").split())


def shouty(word: str) -> bool:
    """True for a surname printed in capitals (``BLACK``, ``McMAHON``, ``SINGH JOSAN``)."""
    upper = sum(c.isupper() for c in word)
    return upper >= 2 and upper > sum(c.islower() for c in word)


@dataclass
class Anchors:
    """What the reader knows already: registered people (name key → id) and slate labels."""

    people: dict[str, str] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)  # longest first

    @classmethod
    def load(cls, raw: Path, labels: Iterable[str] | None = None) -> "Anchors":
        """Read the registries in ``raw`` (``data/raw``); ``labels`` overrides slate_families.csv.

        Rows a registry check would refuse (no id, no name) are passed over here: the
        registries are checked, with file, line and column, by the data build itself.
        """
        people: dict[str, str] = {}
        for row in _rows(raw / "candidates.csv"):
            for variant in [row.get("display_name") or "", *(row.get("aliases") or "").split("|")]:
                if variant.strip() and row.get("candidate_id"):
                    people.setdefault(name_key(variant), row["candidate_id"])
        for row in _rows(raw / "name_decisions.csv"):
            if row.get("decision") == "alias" and row.get("candidate_id") and row.get("name"):
                people.setdefault(name_key(row["name"]), row["candidate_id"])
        if labels is None:
            labels = [row["label"] for row in _rows(raw / "slate_families.csv") if row.get("label")]
        return cls(people, sorted(set(labels), key=lambda x: (-len(x), x)))

    def person(self, name: str) -> str | None:
        """The registered candidate id ``name`` resolves to exactly, else None."""
        return self.people.get(name_key(name))

    def contained_person(self, name: str) -> str | None:
        """A registered person's full name found inside ``name`` with other words around it."""
        words = name_key(name).split()
        for size in range(len(words) - 1, 1, -1):
            for start in range(len(words) - size + 1):
                key = " ".join(words[start:start + size])
                if key in self.people:
                    return key
        return None

    @cached_property
    def label_set(self) -> frozenset[str]:
        """The registered labels, for look-ups."""
        return frozenset(self.labels)

    @cached_property
    def _label_by_fold(self) -> dict[str, str]:
        return {label.casefold(): label for label in reversed(self.labels)}  # the first listed wins

    def registered_as(self, text: str) -> str | None:
        """The registered label ``text`` is, in any case (``'LABOUR FIRST'`` → ``'Labour First'``), else None."""
        return self._label_by_fold.get(text.strip().casefold())

    @cached_property
    def _label_re(self) -> re.Pattern[str]:
        alternation = "|".join(re.escape(label) for label in self.labels) or "(?!)"
        return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.I)

    def contained_label(self, text: str) -> str | None:
        """A registered slate label printed inside ``text`` as whole words, in any case (``LABOUR FIRST``).

        The reader takes a label off a line only as registered; a label in another case
        left inside a name is found here, so it is an error, never part of a new person's name.
        """
        m = self._label_re.search(text)
        return m.group(0) if m else None


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a registry CSV, or none if it is missing or unreadable (the build reports that)."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [{k: v for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
                    for row in csv.DictReader(f)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def name_problem(name: str, anchors: Anchors) -> str | None:
    """Why ``name`` (as the reader split it) cannot be a person's name, or None if it can."""
    if not name:
        return "a candidate's name; the reader found none on this line"
    if re.search(r"\d", name):
        return f"a name without figures; {name!r} holds a digit"
    if ":" in name:
        return (f"a name without a colon; {name!r} holds one — a description or label before the name? "
                f"The reader takes a description only after the name ('Forename Surname, description'); "
                f"for any other order give the header a 'template:'")
    if re.match(r"^[-–—]|.*[-–—]$", name):
        return f"a name without a dash at either end; {name!r} has one — a separator the name swallowed"
    if any(c in name for c in "()[]"):
        return f"a name without brackets; {name!r} holds one"
    label = anchors.contained_label(name)
    if label and anchors.person(name) is None:
        registered = anchors.registered_as(label)
        case = "" if registered == label else (f" (registered as {registered!r}: if the source prints this label "
                                               f"as {label!r}, register that spelling too)")
        return (f"a name without a slate label; {name!r} contains {label!r}, a slate label registered in "
                f"data/raw/slate_families.csv{case} — where does the name end? Give the header a 'template:'")
    if anchors.person(name) is None:
        inner = anchors.contained_person(name)
        if inner:
            return (f"a name; {name!r} is a registered person ({inner!r}, {anchors.people[inner]}) plus other "
                    f"words — a label or description the reader does not know? Give the header a 'template:'")
    words = name.split()
    odd = [w for w in words if w.casefold().strip(".:") in NOT_NAME_WORDS]
    if odd and len(words) > 1:
        if odd[0].casefold() in {"elected", "re-elected", "unsuccessful"}:
            return (f"a person's name; {name!r} holds the marker {odd[0]!r} — the reader takes a marker at the "
                    f"end of the line only: give the header a 'template:' for this order")
        return (f"a person's name; {name!r} holds {odd[0]!r}, a word of a unit, total or column heading — "
                f"list such a line in the header ('heading_lines:', 'footnote_lines:') with a reason")
    if sum(not INITIAL.match(w) for w in words) < 2 and len(words) > 1 and anchors.person(name) is None:
        initial = next(w for w in words if INITIAL.match(w))
        return (f"a forename and a surname in full; {name!r} gives the initial {initial!r}, which names no one the "
                f"registry knows. If the text says who this is, add {name!r} as an alias of that person in "
                f"data/raw/name_decisions.csv (decision 'alias', with the passage); else capture the name in full "
                f"as the source prints it elsewhere")
    if len(words) == 2 and HONORIFICS.match(name) and anchors.person(name) is None:
        return (f"a forename and a surname; {name!r} is a title and a surname alone, which names no one the "
                f"registry knows. If the text says who this is, add {name!r} as an alias of that person in "
                f"data/raw/name_decisions.csv (decision 'alias', with the passage); else capture the full name")
    if len(words) == 1:
        if words[0].casefold().strip(".") in TOTAL_WORDS:
            return (f"a candidate line; {name!r} is a total or a note, not a person: list this line in the "
                    f"header's 'footnote_lines:' with a reason (totals go in a totals clipping)")
        return f"a forename and a surname; {name!r} is one word"
    if len(words) > MAX_NAME_WORDS:
        return f"a name of at most {MAX_NAME_WORDS} words; {name!r} has {len(words)}"
    if not name.islower():
        for w in words:
            if not NAME_WORD.match(w):
                return f"a name of letters, hyphens and apostrophes; {w!r} in {name!r} is not"
            if w[0].islower() and w.casefold() not in PARTICLES and not re.match(r"^[a-z]['’]", w):
                return (f"a name of capitalised words; {w!r} in {name!r} is not a name — a description of the "
                        f"person? Print it after the name and a comma, or give the header a 'template:'")
    return None
