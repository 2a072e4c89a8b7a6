"""Sentences on gender, computed from the analyses' Results."""

from __future__ import annotations

from ...analysis.core import Tables
from ...analysis.core import name as _name
from ...analysis.core import same_year as _same_year
from ...analysis.gender import gender_summary, men_above_women_on_slate
from ..format import at_least
from ..format import join_names as _join_names
from ..labels import in_election as _in


def describe_gender(tables: Tables, election_id: str) -> list[str]:
    """Sentences on women among candidates and elected in ``election_id`` (and its year)."""
    res = gender_summary(tables, [election_id, *_same_year(tables, election_id)])
    out = []
    for _, r in res.table.iterrows():
        if r["scope"] == election_id:
            where = _in(tables, election_id)
        elif r["scope"].endswith("all sections"):
            where = f"Across all sections in {r['scope'].split()[0]}"
        else:
            continue
        who = "candidates on the ballot paper" if r["group"] == "candidates" else "elected"
        women, men, unknown = int(r["women"]), int(r["men"]), int(r["unknown"])
        if not r["n"]:
            continue
        if women + men == 0:
            one = "candidate on the ballot paper" if r["group"] == "candidates" else "person elected"
            out.append(f"{where}, no source states the gender of the one {one}." if r["n"] == 1 else
                       f"{where}, no source states the gender of any of the {r['n']:,} {who}.")
            continue
        if r["n"] == 1:
            one = "candidate on the ballot paper" if r["group"] == "candidates" else "person elected"
            out.append(f"{where}, the one {one} was {'a woman' if women else 'a man'}.")
            continue
        # 'at least 0 were men' says nothing: a count of 0 that unknowns might raise is left out
        said = [(k, one, many) for k, one, many in ((women, "a woman", "women"), (men, "a man", "men"))
                if k or not unknown]
        of = f" of the {r['n']:,} {who}"
        clauses = [f"{at_least(k, unknown)}{of if i == 0 else ''} {'was ' + one if k == 1 else 'were ' + many}"
                   for i, (k, one, many) in enumerate(said)]
        out.append(f"{where}, {' and '.join(clauses)}"
                   + (f"; no source states the gender of {unknown:,}" if unknown else "") + ".")
    pairs = men_above_women_on_slate(tables, election_id)
    if "position_man" in pairs.table:
        men = sorted(set(pairs.table["candidate_id_man"]))
        if men:
            who = _join_names(_name(tables, m) for m in men)
            out.append(f"{_in(tables, election_id)}, {who} finished above a woman on his own slate." if len(men) == 1
                       else f"{_in(tables, election_id)}, men who finished above a woman on their own slate: {who}.")
    own = [n for n in res.notes if n.startswith(_in(tables, election_id))]
    return out + own + pairs.notes
