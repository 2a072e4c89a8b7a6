"""Every controlled vocabulary of the dataset, declared once.

A word used as a value in a table (a section, an election type, what a clipping holds, a
slate family …) is declared here with the words a reader sees for it. Parsers check
clipping headers against these, the schema checks columns against them, the pages take
their labels from them. Add a value here and nowhere else.

This module imports nothing from the project, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: the code stored in data, and how a reader reads it."""

    code: str
    label: str          # for tables, legends and headings ("Grassroots left")
    phrase: str = ""    # in running text, where it differs from the label
    note: str = ""      # what it means, for the data dictionary

    @property
    def words(self) -> str:
        """The phrase for running text (the label when no phrase is given)."""
        return self.phrase or self.label


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    """The codes of a vocabulary, in declaration order."""
    return tuple(t.code for t in terms)


def labels(terms: tuple[Term, ...]) -> dict[str, str]:
    """Code → label for a vocabulary."""
    return {t.code: t.label for t in terms}


def term(terms: tuple[Term, ...], code: str) -> Term:
    """The term of ``code``; ``KeyError`` naming the allowed codes if it is not one."""
    for t in terms:
        if t.code == code:
            return t
    raise KeyError(f"{code!r} is not one of {', '.join(codes(terms))}")


SECTIONS: tuple[Term, ...] = (
    Term("clp", "CLP section", "constituency (CLP) section",
         "seats elected by party members; candidates nominated by Constituency Labour Parties"),
    Term("local_government", "Local government section", "local-government section",
         "seats elected by Labour councillors"),
)

ELECTION_TYPES: tuple[Term, ...] = (
    Term("regular", "election", "election", "the election held every two years for all the section's seats"),
    Term("by-election", "by-election", "by-election", "an election to fill vacancies or new seats mid-term"),
)

VOTING_SYSTEMS: tuple[Term, ...] = (
    Term("block", "block vote", "block vote", "each member votes for up to N; the top N are elected"),
    Term("stv", "single transferable vote", "single transferable vote",
         "preferential ballot counted in rounds; first-preference votes are often not published"),
)

HOLDS: tuple[Term, ...] = (
    Term("nominations", "nominations", note="how many nominating bodies backed each candidate"),
    Term("results", "results", note="votes and who was elected"),
    Term("slates", "slates", note="which slate or endorsement each candidate stood on"),
    Term("totals", "totals", note="whole-election figures: nominations, ballots cast, turnout"),
)

STATUSES: tuple[Term, ...] = (
    Term("final", "final", note="the figures after nominations closed or the count ended"),
    Term("interim", "interim", note="figures so far, as of a date (a rolling list)"),
)

BODY_TYPES: tuple[Term, ...] = (
    Term("clp", "Constituency Labour Party", "CLP", "named after a Westminster constituency"),
    Term("labour_group", "Labour group", "council Labour group", "a council's Labour councillors; never put on a seat"),
)

YES_NO: tuple[Term, ...] = (Term("yes", "Yes"), Term("no", "No"))

SLATE_FAMILIES: tuple[Term, ...] = (
    Term("grassroots_left", "Grassroots left", "the Grassroots left slate",
         "Grassroots Alliance / Centre-Left Grassroots Alliance / Grassroots Voice and the Left slates"),
    Term("labour_right", "Labour right", "the Labour right slates",
         "Members First, Labour First, Progress, Labour to Win and allied tickets"),
    Term("open_labour", "Open Labour", "Open Labour", "Open Labour's endorsed candidates"),
    Term("independent", "Independent", "independents", "candidates on no slate"),
    Term("unknown", "Slate not known", "candidates of unknown slate", "no source states a slate"),
    Term("contested", "Sources disagree", "candidates whose slate sources disagree on",
         "sources name different slate families"),
)

GENDERS: tuple[Term, ...] = (
    Term("F", "Women", "women", "a woman, as a published source states"),
    Term("M", "Men", "men", "a man, as a published source states"),
)
#: How a reader reads a gender no source states (blank in the data).
GENDER_NOT_STATED = Term("unknown", "Not stated", "gender not stated", "no published source states it")

HOME_REGION_STRENGTHS: tuple[Term, ...] = (
    Term("stated", "stated", "stated by a source", "a published source states where the candidate is based"),
    Term("weak", "weak source", "from a weak source", "a weaker source (such as a reader's comment) says so"),
)

BOUNDARY_SETS: tuple[Term, ...] = (
    Term("2010", "2010–2024 boundaries", "the seats of 2010–2024",
         "Westminster seats of 2010–2024: the CLPs of NEC elections up to 2022"),
    Term("2024", "boundaries first used in 2024", "the seats first used in 2024",
         "Westminster seats first used at the 2024 general election: the CLPs of NEC elections after 2022"),
)
