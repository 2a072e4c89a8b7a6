"""Election ids: built and parsed here and nowhere else.

An election id names one election of one section:

* ``<year>-<section>`` for the regular election (``2014-clp``, ``2014-local_government``);
* ``<year>-<section>-by-election`` for a by-election (``2020-clp-by-election``), with a
  ``-<n>`` suffix from the second by-election of a section in one year on
  (``2021-clp-by-election-2``).

``ElectionId.parse`` refuses anything else with a message saying what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import ELECTION_TYPES, SECTIONS, codes

_SECTIONS = "|".join(re.escape(c) for c in codes(SECTIONS))
#: The whole pattern of an election id (also used by the schema's check).
PATTERN = rf"^(?P<year>\d{{4}})-(?P<section>{_SECTIONS})(?P<by>-by-election(?:-(?P<n>[2-9]|[1-9]\d+))?)?$"
_RE = re.compile(PATTERN)


@dataclass(frozen=True, order=True)
class ElectionId:
    """One election: year, section, type and (for a second by-election in a year) its number."""

    year: int
    section: str
    election_type: str = "regular"
    number: int = 1

    def __post_init__(self) -> None:
        if self.section not in codes(SECTIONS):
            raise ValueError(f"section {self.section!r}: expected one of {', '.join(codes(SECTIONS))}")
        if self.election_type not in codes(ELECTION_TYPES):
            raise ValueError(f"election type {self.election_type!r}: expected one of {', '.join(codes(ELECTION_TYPES))}")
        if not 1000 <= int(self.year) <= 9999:
            raise ValueError(f"year {self.year!r}: expected a four-digit year")
        if self.number < 1 or (self.number > 1 and self.election_type == "regular"):
            raise ValueError(f"number {self.number}: only a by-election can be the second of its year")

    @classmethod
    def parse(cls, text: object) -> "ElectionId":
        """Read an id such as ``2020-clp-by-election``; ``ValueError`` saying what was expected."""
        m = _RE.match(str(text))
        if not m:
            raise ValueError(f"election id {text!r}: expected <year>-<section>[-by-election[-<n>]], "
                             f"section one of {', '.join(codes(SECTIONS))}")
        return cls(int(m["year"]), m["section"], "by-election" if m["by"] else "regular", int(m["n"] or 1))

    @classmethod
    def is_valid(cls, text: object) -> bool:
        """Whether ``text`` is an election id."""
        return bool(_RE.match(str(text)))

    @property
    def is_by_election(self) -> bool:
        """Whether this is a by-election."""
        return self.election_type == "by-election"

    def __str__(self) -> str:
        text = f"{self.year}-{self.section}"
        if self.is_by_election:
            text += "-by-election" + (f"-{self.number}" if self.number > 1 else "")
        return text

    def sort_key(self) -> tuple[int, bool, int, int]:
        """Chronological-ish order within a year: regular first, CLP before local government."""
        return (self.year, self.is_by_election, codes(SECTIONS).index(self.section), self.number)


def election_id(year: int | str, section: str, election_type: str = "regular", number: int = 1) -> str:
    """The id string of an election (``2014-clp``; ``2020-clp-by-election``)."""
    return str(ElectionId(int(year), section, election_type or "regular", number))


def year_of(election: str | int) -> int:
    """Year of an election id (``2022-clp`` → 2022), or of a year given directly (2022, "2022")."""
    if isinstance(election, int):
        return election
    if re.fullmatch(r"\d{4}", str(election)):
        return int(str(election))
    return ElectionId.parse(election).year


def section_of(election: str) -> str:
    """Section of an election id (``2020-clp-by-election`` → ``clp``)."""
    return ElectionId.parse(election).section
