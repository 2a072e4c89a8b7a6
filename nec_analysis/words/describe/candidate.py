"""A candidate's record in words: the headline and standfirst of their page, the title of its chart.

``rec`` is one person's rows of ``site.candidates.records`` (one row per election they stood in:
``year``, ``section``, ``elected``, ``position``, ``votes``, ``nominations``). Outcomes and places
no source gives stay unknown: a headline never counts them as lost or as won.
"""

from __future__ import annotations

import pandas as pd

from ...vocab import SECTIONS
from ..format import join_names, plural

#: The sections in running text ('the constituency (CLP) section'), from the vocabulary.
_SECTION_WORDS = {t.code: t.words for t in SECTIONS}
_TIMES = {1: "once", 2: "twice"}


def times(n: int) -> str:
    """'once', 'twice', '3 times'."""
    return _TIMES.get(n, f"{n} times")


def _counts(rec: pd.DataFrame) -> tuple[int, int, int, int]:
    """(elections stood in, won, outcome not known, times first)."""
    elected = rec["elected"]
    won = int(elected.fillna(False).astype(bool).sum())
    unknown = int(elected.isna().sum())
    first = int((pd.to_numeric(rec["position"], errors="coerce") == 1).sum())
    return len(rec), won, unknown, first


def candidate_headline(name: str, rec: pd.DataFrame) -> str:
    """What a reader most wants to know about a candidate, in one line: 'Ken Livingstone topped the
    poll in all 3 NEC elections in the data'; 'Peter Willsman stood 3 times and was never elected';
    'Kate Osamor was elected in 1 of the 2 NEC elections in the data'."""
    stood, won, unknown, first = _counts(rec)
    if not stood:
        return f"{name}: no candidacy in the data"
    years = sorted({int(y) for y in rec["year"]})
    topped = f", topping the poll {times(first)}" if first else ""
    if stood == 1:
        if unknown:
            return f"{name} stood in {years[0]}; no source in the data says whether they were elected"
        if not won and rec["incumbent"].fillna(False).astype(bool).any():
            return f"{name} was defeated in {years[0]} while holding a seat"
        return (f"{name} topped the poll in {years[0]}" if first else
                f"{name} was elected in {years[0]}" if won else f"{name} stood in {years[0]} and was not elected")
    topped += _losing_run(rec)
    if unknown:
        return (f"{name} was elected at least {times(won)} in {stood} NEC elections{topped}"
                if won else f"{name} stood in {stood} NEC elections; no source in the data says they won any")
    if won == stood:
        return (f"{name} topped the poll in all {stood} NEC elections in the data" if first == stood
                else f"{name} was elected in all {stood} NEC elections in the data{topped}")
    if not won:
        return f"{name} stood {times(stood)} and was never elected"
    return f"{name} was elected in {won} of the {stood} NEC elections in the data{topped}"


def _losing_run(rec: pd.DataFrame, at_least: int = 3) -> str:
    """', losing 3 in a row (2010–2014)' for the longest run of known defeats, if that long."""
    best: list[int] = []
    run: list[int] = []
    for year, elected in sorted(zip(rec["year"], rec["elected"]), key=lambda x: x[0]):
        run = run + [int(year)] if elected is False or (not pd.isna(elected) and not bool(elected)) else []
        best = run if len(run) > len(best) else best
    return f", losing {len(best)} in a row ({best[0]}–{best[-1]})" if len(best) >= at_least else ""


def closest_miss(rec: pd.DataFrame, thresholds: dict[str, int]) -> str | None:
    """'Closest miss: 2012, 123 votes behind the last person elected' — the smallest gap between a
    defeat's votes and the votes of that election's last winner (``thresholds``: election id → those
    votes, where every winner's votes are known); None where no defeat can be measured so."""
    if not thresholds or "election_id" not in rec:
        return None
    gaps = [(int(thresholds[e]) - int(v), int(y)) for e, y, v, won in
            zip(rec["election_id"], rec["year"], rec["votes"], rec["elected"])
            if e in thresholds and not pd.isna(v) and not pd.isna(won) and not bool(won)]
    gaps = [g for g in gaps if g[0] > 0]
    if not gaps:
        return None
    gap, year = min(gaps)
    return f"Closest miss: {year}, {plural(gap, 'vote')} behind the last person elected."


def candidate_standfirst(name: str, rec: pd.DataFrame, thresholds: dict[str, int] | None = None) -> str:
    """Where and when they stood, how near they came to a seat they lost, and what the table shows:
    'Kate Osamor stood in the constituency (CLP) section in 2012 and 2014. Closest miss: 2012, 123
    votes behind the last person elected. The table gives ...'."""
    stood, _won, unknown, _first = _counts(rec)
    if not stood:
        return "The registry names them, but no election in the data lists them."
    sections = join_names(sorted({_SECTION_WORDS.get(s, str(s)) for s in rec["section"]}))
    years = join_names([str(y) for y in sorted({int(y) for y in rec["year"]})])
    out = [f"{name} stood in the {sections} in {years}."]
    miss = closest_miss(rec, thresholds or {})
    if miss:
        out.append(miss)
    if unknown and stood > 1:
        out.append(f"No source in the data gives the outcome of {plural(unknown, 'election')}.")
    out.append("The table gives each result as the sources printed it.")
    return " ".join(out)


def record_title(name: str, rec: pd.DataFrame, measure: str, fmt) -> str:
    """The chart's finding: 'Ken Livingstone's most votes: 88,235, in 2010' (``fmt`` formats a figure)."""
    have = rec.dropna(subset=[measure])
    top = have.loc[pd.to_numeric(have[measure]).astype(float).idxmax()]
    if len(have) == 1:
        return f"{name} had {fmt(top[measure])} {measure} in {int(top['year'])}"
    return f"{name}'s most {measure}: {fmt(top[measure])}, in {int(top['year'])}"
