"""Sentences on incumbency, computed from the analyses' Results."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables
from ...analysis.core import is_true as _true
from ...analysis.core import name as _name
from ...analysis.incumbency import incumbency, incumbent_outcomes, replacements
from ..format import join_names as _join_names
from ..format import pct, plural
from ..labels import in_election as _in


def describe_incumbency(tables: Tables, election_id: str) -> list[str]:
    """Sentences on incumbents re-elected and who replaced whom."""
    res = incumbency(tables, election_id)
    r = res.table.iloc[0]
    if not r["incumbents_standing"]:
        return res.notes
    standing, back = int(r["incumbents_standing"]), int(r["re_elected"])
    open_outcome = int(r["incumbents_outcome_unknown"])
    who = "whose result is known" if open_outcome else "who stood"
    if standing == 1:
        line = f"the one incumbent {who} {'was' if back else 'was not'} re-elected"
    else:
        line = (f"{back} of the {standing} incumbents {who} {'was' if back == 1 else 'were'}"
                f" re-elected ({pct(r['reelection_rate_pct'])})")
    if open_outcome:
        line += (f"; the result of {plural(open_outcome, 'more incumbent')} who stood is not in the data"
                 + (" (the results list is partial)" if _true(r["results_partial"]) else ""))
    out = [f"{_in(tables, election_id)}, {line}."]
    out += describe_changes(tables, election_id, table_shown=True)
    if not pd.isna(r["seats_not_defended"]) and r["seats_not_defended"] > 0:
        out.append(f"{_in(tables, election_id)}, {plural(int(r['seats_not_defended']), 'seat was', 'seats were')}"
                   " not defended by a sitting member.")
    return out + res.notes


def describe_changes(tables: Tables, election_id: str, table_shown: bool = False) -> list[str]:
    """Who replaced whom in ``election_id``, with names (or why it cannot be said); the notes on
    how the table of replacements pairs people only when that table is shown (``table_shown``)."""
    rep = replacements(tables, election_id)
    pairs = rep.table.dropna(subset=["left", "replaced_by"]) if not rep.table.empty else rep.table
    out = []
    if len(rep.table) == 1 and len(pairs) == 1:
        p = pairs.iloc[0]
        out.append(f"{_in(tables, election_id)}, {_name(tables, p['left'])} was replaced by"
                   f" {_name(tables, p['replaced_by'])}.")
    elif not rep.table.empty:
        gone = [_name(tables, c) for c in rep.table["left"].dropna()]
        new = [_name(tables, c) for c in rep.table["replaced_by"].dropna()]
        t = incumbent_outcomes(tables, election_id).table
        unsure = int((t["incumbent"].isna() & (t["elected"] == True)).sum())  # noqa: E712
        if new:
            newcomers = f"{_join_names(new)} {'was' if len(new) == 1 else 'were'} newly elected"
        elif unsure:  # winners whose incumbency no source gives may be new: never 'nobody'
            newcomers = (f"whether any of the other {plural(unsure, 'winner', 'winners')} already held a seat "
                         "is not known")
        else:
            newcomers = "nobody was newly elected"
        out.append(f"{_in(tables, election_id)}, {_join_names(gone) or 'no incumbent'}"
                   f" {'was' if len(gone) <= 1 else 'were'} defeated; {newcomers}.")
    return out + (rep.notes if table_shown or rep.table.empty else [])
