"""Sentences on co-nomination, computed from the analyses' Results."""

from __future__ import annotations

from ...analysis.co_nomination import ballot_threshold_status, infer_slates
from ...analysis.core import Tables
from ...analysis.core import name as _name
from ..format import date as _date
from ..format import join_names as _join_names
from ..format import pct, plural
from ..labels import FAMILY_SHORT, source_label
from ..labels import in_election as _in
from ..labels import source_meta as _source_meta


def describe_co_nomination(tables: Tables, election_id: str) -> list[str]:
    """Sentences on inferred slates and the ballot threshold for ``election_id``."""
    inf = infer_slates(tables, election_id)
    where = _in(tables, election_id)
    out = []
    for cl, grp in inf.table.groupby("cluster") if not inf.table.empty else []:
        fams = grp["slate_family"].value_counts()
        declared = ", ".join(f"{n} {FAMILY_SHORT.get(f, f)}" for f, n in fams.items())
        out.append(f"{where}, group {cl} by co-nomination:"
                   f" {_join_names(_name(tables, c) for c in grp['candidate_id'])} (declared slates: {declared}).")
    sources = sorted(tables["clp_nominations"].query("election_id == @election_id")["source_id"].unique())
    for sid in sources:
        st = ballot_threshold_status(tables, election_id, sid)
        t = st.table
        if t["reached"].notna().any():
            meta = _source_meta(tables, sid)
            when = f"by {_date(meta['as_of'])}," if meta is not None else "in the source's list,"
            reached = int(t["reached"].sum())
            out.append(f"{where}, {when} {plural(reached, 'candidate', 'candidates')}"
                       f" had reached the ballot threshold of"
                       f" {plural(int(t['threshold'].iloc[0]), 'nomination', 'nominations')},"
                       f" according to {source_label(tables, sid)}.")
    return out + inf.notes


def shared_nominators(first: str, second: str, share: float, election: str) -> str:
    """The pair of candidates most often nominated by the same CLPs, in words (a chart's title):
    'Gemma Bolton and Jessica Barnard were nominated by exactly the same CLPs in the 2022
    CLP-section election'. ``share`` is of the CLPs nominating either that nominated both (the
    Jaccard similarity, named only in the page's "About this page")."""
    if share >= 1:
        return f"{first} and {second} were nominated by exactly the same CLPs in {election}"
    return (f"{first} and {second} shared the most nominating CLPs in {election}: {pct(100 * share)} of the CLPs "
            "that nominated either nominated both")
