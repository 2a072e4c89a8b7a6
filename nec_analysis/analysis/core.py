"""What every analysis shares: the Result, the lookups of one election, ranks and flags.

Every public analysis takes ``tables`` (the dict from :func:`nec_analysis.io.load_tables`,
or synthetic frames with the canonical columns) and returns a :class:`Result`: a tidy
``table`` (with its columns even when it has no rows) plus ``notes``, plain sentences
saying what could not be computed and why. Analyses never raise for an election the data
can hold.

Conventions
-----------
* **Figures.** By default the dataset's *preferred* figures (``preferred`` column).
  ``source_id=`` computes with one source's own figures instead (its own table; for an
  earlier election, the figures it printed in brackets), so a claim is checked against
  the figures its author had.
* **Percentages** are kept unrounded in tables; :mod:`nec_analysis.words.format` rounds
  them for readers (one rule). A change in points is the difference of the unrounded shares.
* **Ranks** are competition ranks (``1, 2, 2, 4``) by figure, highest first.
* **Gender and slate** are never imputed: unknown is counted and shown as unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from ..words.format import date
from ..words.labels import source_label, source_meta

Tables = dict[str, pd.DataFrame]


@dataclass
class Result:
    """An analysis' tidy table and plain-language notes on what it could not do."""

    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def empty(columns: Iterable[str], *notes: str) -> Result:
    """A Result with no rows but every column (so code reading it never meets a KeyError)."""
    return Result(pd.DataFrame(columns=list(columns)), list(notes))


def is_partial(tables: Tables, source_ids: Iterable[object]) -> bool:
    """Whether any of ``source_ids`` is a partial list (it leaves some candidates out)."""
    return any(is_true(m["partial"]) for s in set(pd.Series(list(source_ids), dtype=object).dropna())
               if (m := source_meta(tables, s)) is not None)


def election_ids(tables: Tables) -> list[str]:
    """Every election in the data, in year order."""
    el = tables["elections"].sort_values(["year", "section", "election_type"])
    return list(el["election_id"])


def election_row(tables: Tables, election_id: str) -> pd.Series | None:
    """The ``elections`` row of ``election_id`` (None when it is not in the data)."""
    el = tables["elections"]
    rows = el[el["election_id"] == election_id]
    return None if rows.empty else rows.iloc[0]


def value(row: pd.Series | None, column: str) -> float | None:
    """``row[column]`` as a number, or None when missing."""
    if row is None or pd.isna(row[column]):
        return None
    return float(row[column])


def previous_election(tables: Tables, election_id: str) -> str | None:
    """The previous regular election of the same section, if it is in the data.

    The year before when the data holds a regular election then (the CLP section was elected
    every year until 2001), else two years before: the rule the data build uses for incumbency
    (``etl/rules.py``). By-elections have no previous cycle; nor has an election whose
    predecessor is missing (2022's predecessor, 2020, is not in the data: comparing with 2014
    would mislead), nor one whose predecessor's row has no candidacies yet (a journalist adds
    the ``elections.csv`` row before the clippings: until then the years around it read as before).
    """
    row = election_row(tables, election_id)
    if row is None or row["election_type"] != "regular":
        return None
    el = tables["elections"]
    regular = el[(el["section"] == row["section"]) & (el["election_type"] == "regular")]
    for gap in (1, 2):
        prev = regular[regular["year"] == row["year"] - gap]
        if not prev.empty:
            prev_id = str(prev.iloc[0]["election_id"])
            return prev_id if (tables["candidacies"]["election_id"] == prev_id).any() else None
    return None


def names(tables: Tables) -> dict[str, str]:
    """candidate_id → display name."""
    cand = tables["candidates"]
    return dict(zip(cand["candidate_id"], cand["display_name"]))


def name(tables: Tables, candidate_id: str) -> str:
    return names(tables).get(candidate_id, candidate_id)


def competition_rank(values: pd.Series) -> pd.Series:
    """Rank highest first, ties sharing the best place (``1, 2, 2, 4``); NA stays NA."""
    return values.astype("Float64").rank(method="min", ascending=False).astype("Int64")


def is_true(v: object) -> bool:
    """True only for a real True (NA and False are not)."""
    return v is not None and not pd.isna(v) and bool(v)


def quality_notes(tables: Tables, source_ids: Iterable[str], what: str) -> list[str]:
    """Notes for sources that are interim, partial or cut off."""
    notes = []
    for sid in sorted(set(source_ids)):
        meta = source_meta(tables, sid)
        if meta is None:
            continue
        flags = [word for word, on in (("interim", meta["status"] == "interim"),
                                       ("partial (it leaves some candidates out)", is_true(meta["partial"])),
                                       ("cut off in the stored copy", is_true(meta["truncated"]))) if on]
        if flags:
            notes.append(f"{what} come from {source_label(tables, sid)}, as they stood on"
                         f" {date(meta['as_of'])}; that list is {' and '.join(flags)}.")
    return notes


def candidacies(tables: Tables, election_id: str) -> pd.DataFrame:
    """Candidacies of one election with display names and gender."""
    cands = tables["candidacies"][tables["candidacies"]["election_id"] == election_id]
    people = tables["candidates"][["candidate_id", "display_name", "gender"]]
    return cands.merge(people, on="candidate_id", how="left")


def results(tables: Tables, election_id: str) -> pd.DataFrame:
    """Preferred results of one election (votes, elected, position)."""
    res = tables["results"]
    res = res[(res["election_id"] == election_id) & (res["preferred"] == True)]  # noqa: E712
    return res[["election_id", "candidate_id", "votes", "elected", "position", "source_id"]]


#: The discrepancies measure of a printed vote that the share printed beside it contradicts (one
#: of the two is a misprint, kept as printed: ``data/raw/printed_as_is.csv``).
MISPRINTED_VOTES = "votes_against_share"


def misprinted_votes(tables: Tables, election_id: str) -> pd.DataFrame:
    """The ``discrepancies`` rows of ``election_id`` whose printed votes are a known misprint (or
    stand beside one): a figure added up from them would carry the misprint."""
    d = tables.get("discrepancies")
    if d is None or d.empty:
        return pd.DataFrame(columns=["election_id", "candidate_id", "value_a", "value_b", "source_a"])
    return d[(d["election_id"] == election_id) & (d["measure"] == MISPRINTED_VOTES)]


def misprint_table(tables: Tables, election_id: str) -> pd.DataFrame:
    """The misprinted figures of ``election_id`` as a page shows them beside the sentence about them:
    candidate, votes and share as printed, source (no rows where nothing is misprinted)."""
    rows = misprinted_votes(tables, election_id)
    return pd.DataFrame({"candidate_id": list(rows["candidate_id"]),
                         "display_name": [name(tables, c) for c in rows["candidate_id"]],
                         "votes": [int(float(v)) for v in rows["value_a"]],
                         "printed_share": list(rows["value_b"]), "source_id": list(rows["source_a"])})


def misprint_words(tables: Tables, election_id: str) -> str | None:
    """'What Next? journal (2001) printed Tony Robinson's votes as 24,771 beside a share of 11.19%,
    and one of the two figures is a misprint' from the data; None where no vote is misprinted."""
    rows = misprinted_votes(tables, election_id)
    if rows.empty:
        return None
    parts = []
    for _, r in rows.iterrows():
        votes = f"{int(float(r['value_a'])):,}" if str(r["value_a"]).replace(".", "", 1).isdigit() else r["value_a"]
        parts.append(f"{source_label(tables, r['source_a'])} printed {name(tables, r['candidate_id'])}'s votes as"
                     f" {votes} beside a share printed as {r['value_b']}")
    return "; ".join(parts) + (", and one of the two figures is a misprint" if len(parts) == 1
                               else "; in each, one of the two figures is a misprint")


def slate_families(tables: Tables, election_id: str, source_id: str | None = None) -> pd.Series:
    """candidate_id → slate family: the candidacies' family, or one source's own labels.

    With ``source_id``, candidates that source labelled get the family of its labels
    (``contested`` if its labels map to more than one); others keep the candidacies' family.
    """
    cands = tables["candidacies"]
    fam = cands[cands["election_id"] == election_id].set_index("candidate_id")["slate_family"]
    if source_id is not None:
        lab = tables["slate_labels"]
        lab = lab[(lab["election_id"] == election_id) & (lab["source_id"] == source_id)]
        own = lab.groupby("candidate_id")["slate_family"].agg(
            lambda s: s.iloc[0] if s.nunique() == 1 else "contested")
        fam = own.combine_first(fam)
    return fam.astype("string")


def with_results(tables: Tables, election_id: str) -> pd.DataFrame:
    """On-ballot candidacies of one election joined to their preferred results."""
    cands = candidacies(tables, election_id)
    cands = cands[cands["on_ballot"] == True]  # noqa: E712
    res = results(tables, election_id)[["candidate_id", "votes", "position"]]
    out = cands.merge(res, on="candidate_id", how="left")
    out["slate_family"] = out["slate_family"].fillna("unknown")
    return out


def same_year(tables: Tables, election_id: str) -> list[str]:
    """The other regular elections of ``election_id``'s year (other sections)."""
    row = election_row(tables, election_id)
    if row is None or row["election_type"] != "regular":
        return []
    el = tables["elections"]
    return list(el[(el["year"] == row["year"]) & (el["election_type"] == "regular")
                   & (el["election_id"] != election_id)]["election_id"])
