"""Sentences on totals, computed from the analyses' Results."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables, election_row, previous_election
from ...analysis.core import is_true as _true
from ...analysis.totals import stated_vs_derived
from ..labels import MEASURE_NAMES, election_name, source_label
from ..labels import bodies as _bodies
from ..labels import in_election as _in


def _figure(measure: str, value: float) -> str:
    return f"{value:,g}%" if measure == "turnout_pct" else f"{value:,g}"


def describe_totals(tables: Tables, election_id: str) -> list[str]:
    """Sentences putting published totals beside derived ones, and saying what is missing."""
    res = stated_vs_derived(tables, election_id)
    out = []
    where = _in(tables, election_id)
    for _, r in res.table.iterrows():
        if pd.isna(r["stated"]):
            continue
        approx = "about " if _true(r["approximate"]) else ""
        measure = r["measure"]
        name = MEASURE_NAMES.get(measure, measure.replace("_", " "))
        if measure == "clps_nominating":
            name = f"the number of {_bodies(tables, election_id)} that nominated"
        line = (f"{where}, {source_label(tables, r['source_id'])} gave {name} as"
                f" {approx}{_figure(measure, r['stated'])}")
        differs = not pd.isna(r["derived"]) and r["derived"] != r["stated"]
        if differs:
            line += f"; the figures in the data add up to {_figure(measure, r['derived'])}"
        if _true(r["preferred"]) and differs:
            line += f" (shares in this report use the published {_figure(measure, r['stated'])})"
        out.append(line + ".")
    row = election_row(tables, election_id)
    if row is not None and pd.isna(row["turnout_pct_stated"]):
        out.append(f"{where}, no turnout is published in the sources.")
    prev = previous_election(tables, election_id)
    if prev and row is not None and not pd.isna(row["turnout_pct_stated"]):
        if pd.isna(election_row(tables, prev)["turnout_pct_stated"]):
            out.append(f"{where}, turnout cannot be compared with {election_name(tables, prev)}:"
                       " none is published for it.")
    return out + res.notes
