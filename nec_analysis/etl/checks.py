"""Plausibility checks the sources allow: a figure no real table could print stops the build.

Each check below is a fact about NEC elections, not a guess: a table cannot elect more
people than there are seats; a candidate cannot poll more votes than ballots were cast;
turnout cannot pass 100%; a candidate cannot be nominated by more CLPs than nominated at
all; under the block vote the elected are the top N, so each of them outpolls every
candidate not elected; in one table printing votes and shares, more votes mean a larger share. A violation is a :class:`Problem` at the file and line that printed
the figure.

When the source really printed it (a misprint kept as published, or a rule such as a
quota for women that overrides the order), a row of ``data/raw/printed_as_is.csv`` —
``file, line, check, reason, source`` — lets that one line through. An override whose
check passes is itself an error, so none outlives the figure it excused.

No figure reaches :data:`FIGURE_BOUND`: a larger one is refused and cannot be overridden
(it is a corrupted line, and the tables store counts as 64-bit integers).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..parsers import Problem

#: Larger than any NEC figure (the party's whole membership is well under a million).
FIGURE_BOUND = 10**7

#: The checks an override in ``data/raw/printed_as_is.csv`` may name, with what each asks.
CHECKS: dict[str, str] = {
    "elected_over_seats": "no more candidates marked elected than the election has seats",
    "votes_over_ballots": "no candidate polls more votes than the ballots cast",
    "turnout_over_100": "a turnout of at most 100%",
    "nominations_over_clps": "no candidate nominated by more CLPs than nominated at all",
    "block_order": "under the block vote, every elected candidate outpolls every candidate not elected",
    "vote_share_order": "in one table, more votes go with a larger printed share of the votes",
}


@dataclass(frozen=True)
class Violation:
    """A failed check at one printed line."""

    check: str
    problem: Problem
    #: (election, candidate) whose figures the failure puts in doubt (vote_share_order: both of the pair)
    subjects: tuple[tuple[str, str], ...] = ()


def figure_problem(value: object) -> str:
    """What is wrong with a printed figure that is too large to be real, or ''."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if abs(float(value)) >= FIGURE_BOUND:  # type: ignore[arg-type]
        return (f"a figure below {FIGURE_BOUND:,} (no NEC table prints one so large); {value:,} is not "
                f"— check the line for a run of digits that does not belong")
    return ""


def _stated(totals: Iterable[dict], measure: str) -> dict[str, float]:
    """Per election, the largest stated value of ``measure`` (a check fails only against every source)."""
    out: dict[str, float] = {}
    for t in totals:
        if t["measure"] == measure and pd.notna(t["value"]):
            out[t["election_id"]] = max(out.get(t["election_id"], 0.0), float(t["value"]))
    return out


def _where(row: dict, expected: str) -> Problem:
    return Problem(row["file"], int(row["line"]), str(row.get("text", "")), expected)


def violations(results: list[dict], nominations: list[dict], totals: list[dict],
               elections: pd.DataFrame) -> list[Violation]:
    """Every failed plausibility check, at the line that printed the figure."""
    out: list[Violation] = []
    info = elections.set_index("election_id")
    seats = {eid: int(s) for eid, s in info.seats.items() if str(s).isdigit()}
    block = {eid for eid, v in info.voting_system.items() if v == "block"}
    for t in totals:
        if t["measure"] == "turnout_pct" and float(t["value"]) > 100:
            out.append(Violation("turnout_over_100", _where(t, f"{CHECKS['turnout_over_100']}; "
                                                               f"this line gives {t['value']:g}%")))
    ballots = _stated(totals, "ballots_cast")
    for r in results:
        cast = ballots.get(r["election_id"])
        if cast is not None and pd.notna(r["votes"]) and r["votes"] > cast:
            out.append(Violation("votes_over_ballots", _where(
                r, f"{CHECKS['votes_over_ballots']}: {int(cast):,} ballots were cast in {r['election_id']} "
                   f"(stated total); this line gives {int(r['votes']):,} votes")))
    clps = _stated(totals, "clps_nominating")
    for n in nominations:
        most = clps.get(n["election_id"])
        if most is not None and pd.notna(n["nominations"]) and n["nominations"] > most:
            which = "" if n.get("origin", "table") == "table" else f" (the bracketed count for {n['election_id']})"
            out.append(Violation("nominations_over_clps", _where(
                n, f"{CHECKS['nominations_over_clps']}: {int(most):,} CLPs nominated in {n['election_id']} "
                   f"(stated total); this line gives {int(n['nominations']):,}{which}")))
    by_table: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in results:
        by_table[(r["source_id"], r["election_id"])].append(r)
    for (_, eid), rows in sorted(by_table.items()):
        elected = sorted((r for r in rows if r["elected"] is True), key=lambda r: int(r["line"]))
        if eid in seats and len(elected) > seats[eid]:
            for r in elected[seats[eid]:]:
                out.append(Violation("elected_over_seats", _where(
                    r, f"{CHECKS['elected_over_seats']}: {eid} has {seats[eid]} (data/raw/elections.csv), "
                       f"and this is elected candidate number {elected.index(r) + 1} in the table")))
        out += _share_order(rows)
        if eid in block:
            losers = [r for r in rows if r["elected"] is False and pd.notna(r["votes"])]
            for r in elected:
                above = [x for x in losers if pd.notna(r["votes"]) and x["votes"] > r["votes"]]
                if above:
                    shown = ", ".join(f"line {x['line']} ({int(x['votes']):,})" for x in above)
                    out.append(Violation("block_order", _where(
                        r, f"{CHECKS['block_order']}: this elected candidate has {int(r['votes']):,}, "
                           f"fewer than the not elected on {shown}")))
    return out


def _share_order(rows: list[dict]) -> list[Violation]:
    """One violation per pair of lines of one table whose votes and printed shares run in opposite
    orders, at the pair's first line (What Next's 2001 table prints Tony Robinson's 24,771 votes
    beside 11.19%, and Ann Black's 24,947 beside 9.33%)."""
    both = sorted((r for r in rows if pd.notna(r["votes"]) and pd.notna(r.get("share_pct", pd.NA))),
                  key=lambda r: int(r["line"]))
    out = []
    for i, a in enumerate(both):
        for b in both[i + 1:]:
            if (a["votes"] - b["votes"]) * (a["share_pct"] - b["share_pct"]) < 0:
                out.append(Violation("vote_share_order", _where(
                    a, f"{CHECKS['vote_share_order']}: this line prints {int(a['votes']):,} votes and "
                       f"{a['share_pct']:g}%, line {b['line']} prints {int(b['votes']):,} and {b['share_pct']:g}% "
                       f"— one of the four figures is misread or misprinted"),
                    ((a["election_id"], a["candidate_id"]), (b["election_id"], b["candidate_id"]))))
    return out


def _by_line(overrides: pd.DataFrame) -> dict[tuple[str, int, str], dict]:
    """``printed_as_is.csv``'s rows by (file, line, check): what each override excuses."""
    return {(o["file"], int(o["line"]), o["check"]): o for o in overrides.to_dict("records")}


def misprints(found: list[Violation], overrides: pd.DataFrame, results: list[dict]) -> list[dict]:
    """A discrepancies row for each vote/share pair ``printed_as_is.csv`` excuses: the table's
    own two figures that cannot both be right, with the override's reason (so the page says so)."""
    excuse = _by_line(overrides)
    at = {(r["file"], int(r["line"])): r for r in results}
    out = []
    for v in found:
        o = excuse.get((v.problem.file, v.problem.line, v.check))
        r = at.get((v.problem.file, v.problem.line))
        if v.check != "vote_share_order" or o is None or r is None:
            continue
        out.append({"election_id": r["election_id"], "candidate_id": r["candidate_id"],
                    "measure": "votes_against_share", "value_a": f"{int(r['votes'])}", "source_a": r["source_id"],
                    "value_b": f"{r['share_pct']:g}%", "source_b": r["source_id"],
                    "description": f"printed as is: {o['reason']} ({o['source']})"})
    return out


def in_doubt(found: list[Violation]) -> set[tuple[str, str]]:
    """The (election, candidate) pairs whose order by votes a check put in doubt."""
    return {s for v in found for s in v.subjects}


def unexcused(found: list[Violation], overrides: pd.DataFrame, line_col: str) -> tuple[list[Problem], list[str]]:
    """Problems left after ``printed_as_is.csv``, and a note per excused line.

    An override that excuses nothing is a problem at its own line in ``printed_as_is.csv``.
    """
    excuse = _by_line(overrides)
    used: set[tuple[str, int, str]] = set()
    problems, notes = [], []
    for v in found:
        key = (v.problem.file, v.problem.line, v.check)
        if key in excuse:
            used.add(key)
            o = excuse[key]
            notes.append(f"{v.problem.file}:{v.problem.line}: printed as is ({v.check}): {o['reason']} ({o['source']})")
        else:
            hint = (f". Check the line against the publication; only if the publication really prints it, "
                    f"record that in data/raw/printed_as_is.csv: "
                    f"{v.problem.file},{v.problem.line},{v.check},<reason>,<the publication>")
            problems.append(Problem(v.problem.file, v.problem.line, v.problem.text, v.problem.expected + hint))
    for key, o in excuse.items():
        if key not in used:
            problems.append(Problem("data/raw/printed_as_is.csv", int(o[line_col]),
                                    ",".join(str(o[c]) for c in ("file", "line", "check", "reason", "source")),
                                    f"an override for a check that fails: {key[2]} passes at {key[0]}:{key[1]} "
                                    f"(remove the row, or correct its file, line or check)"))
    return problems, notes
