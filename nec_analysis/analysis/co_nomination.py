"""Co-nomination: which candidates the same CLPs nominated, slates inferred from it, ballot threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import pandas as pd

from ..words.format import cap as _cap
from ..words.format import pct, plural
from ..words.labels import bodies as _bodies
from ..words.labels import election_name
from ..words.labels import in_election as _in
from .core import (
    Result,
    Tables,
    election_row,
    names,
    slate_families,
)
from .core import quality_notes as _quality_notes
from .core import value as _value
from .nominations import nomination_figures


def _body_sets(tables: Tables, election_id: str, source_id: str | None) -> tuple[dict[str, set[str]], str | None]:
    """candidate_id → set of nominating bodies, from one per-body source (the latest by default)."""
    b = tables["clp_nominations"]
    b = b[b["election_id"] == election_id]
    if b.empty:
        return {}, None
    if source_id is None:
        source_id = str(b.sort_values("as_of")["source_id"].iloc[-1])
    b = b[b["source_id"] == source_id]
    return {cid: set(g["body"]) for cid, g in b.groupby("candidate_id")}, source_id


def co_nomination(tables: Tables, election_id: str, source_id: str | None = None,
                  min_bodies: int = 1) -> Result:
    """Jaccard similarity of candidates by the bodies that nominated them (long form).

    One row per ordered pair (including each candidate with itself): ``shared`` bodies,
    ``union`` of bodies, ``jaccard`` = shared / union. Candidates with fewer than
    ``min_bodies`` listed bodies are left out.
    """
    sets, sid = _body_sets(tables, election_id, source_id)
    if not sets:
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, no source lists the nominating"
                                       f" {_bodies(tables, election_id)} one by one, so who was nominated"
                                       " together cannot be said."])
    sets = {k: v for k, v in sets.items() if len(v) >= min_bodies}
    rows = [{"election_id": election_id, "candidate_a": a, "candidate_b": b, "shared": len(sets[a] & sets[b]),
             "union": len(sets[a] | sets[b]), "jaccard": len(sets[a] & sets[b]) / len(sets[a] | sets[b])}
            for a in sorted(sets) for b in sorted(sets)]
    notes = _quality_notes(tables, [sid], _cap(f"{election_name(tables, election_id)}'s lists of"
                                               f" nominating {_bodies(tables, election_id)}"))
    return Result(pd.DataFrame(rows).assign(source_id=sid), notes)


def co_nomination_matrix(tables: Tables, election_id: str, source_id: str | None = None,
                         min_bodies: int = 1) -> pd.DataFrame:
    """The Jaccard similarity matrix (candidates × candidates); empty without per-body data."""
    long = co_nomination(tables, election_id, source_id, min_bodies).table
    if long.empty:
        return pd.DataFrame()
    return long.pivot(index="candidate_a", columns="candidate_b", values="jaccard")


def infer_slates(tables: Tables, election_id: str, k: int | None = None, source_id: str | None = None,
                 min_bodies: int = 2) -> Result:
    """Slates inferred from co-nomination: average-linkage clustering on 1 − Jaccard, cut into k.

    ``k`` defaults to the number of declared families (other than unknown) among the
    candidates clustered. Returns each candidate's ``cluster`` beside their declared
    ``slate_family``; the notes give the Rand index of agreement between the two on
    candidates with a known family.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    co = co_nomination(tables, election_id, source_id, min_bodies)
    if co.table.empty:
        return Result(pd.DataFrame(), co.notes)
    mat = co.table.pivot(index="candidate_a", columns="candidate_b", values="jaccard")
    if len(mat) < 3:
        return Result(pd.DataFrame(), co.notes + [f"{_in(tables, election_id)}, fewer than 3 candidates have at least"
                                       f" {plural(min_bodies, 'listed nominating body', 'listed nominating bodies')},"
                                       " too few to group candidates by who nominated them."])
    fam = slate_families(tables, election_id).reindex(mat.index).fillna("unknown")
    if k is None:
        k = max(2, int(fam[~fam.isin(["unknown", "contested"])].nunique()))
    dist = squareform(1.0 - mat.to_numpy(dtype=float), checks=False)
    clusters = fcluster(linkage(dist, method="average"), t=k, criterion="maxclust")
    sets, _ = _body_sets(tables, election_id, source_id)
    out = pd.DataFrame({"election_id": election_id, "candidate_id": mat.index, "cluster": clusters,
                        "slate_family": fam.to_numpy()})
    out["bodies"] = out["candidate_id"].map(lambda c: len(sets[c]))
    known = out[~out["slate_family"].isin(["unknown", "contested"])]
    bodies = _bodies(tables, election_id)
    notes = co.notes + [f"{_in(tables, election_id)}, the {len(out)} candidates with at least {min_bodies} listed"
             f" nominating {bodies} were put into {k} groups by how often the same {bodies} nominated"
             " them (the method is under \"About this page\")."]
    if len(known) >= 2:
        notes.append(f"{_in(tables, election_id)}, the groups agree with the declared slates for"
                     f" {pct(100 * rand_index(known['cluster'], known['slate_family']))} of pairs of candidates"
                     f" (over the {len(known)} candidates whose slate is known).")
    return Result(out.sort_values(["cluster", "candidate_id"]).reset_index(drop=True), notes)


def rand_index(a: Iterable[object], b: Iterable[object]) -> float:
    """Share of item pairs on which two groupings agree (same group in both, or different in both)."""
    pairs = list(combinations(list(zip(a, b)), 2))
    if not pairs:
        return float("nan")
    return sum((x[0] == y[0]) == (x[1] == y[1]) for x, y in pairs) / len(pairs)


def ballot_threshold_status(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """Who had reached the ballot threshold, by the preferred figures or one source's.

    ``bodies_listed`` counts the bodies a per-body source listed; ``reached`` compares the
    nomination figure with ``elections.ballot_threshold``.
    """
    fig = nomination_figures(tables, election_id, source_id)
    threshold = _value(election_row(tables, election_id), "ballot_threshold")
    notes = list(fig.notes)
    out = fig.table[["election_id", "candidate_id", "nominations", "status", "source_id"]].copy()
    b = tables["clp_nominations"]
    b = b[(b["election_id"] == election_id) & b["source_id"].isin(out["source_id"].unique())]
    out["bodies_listed"] = out["candidate_id"].map(b.groupby("candidate_id")["body"].nunique()).astype("Int64")
    out["threshold"] = threshold
    if threshold is None:
        notes.append(f"{_in(tables, election_id)}, no source states how many nominations were needed to"
                     " reach the ballot paper, so who reached it is not known.")
        out["reached"] = pd.array([pd.NA] * len(out), dtype="boolean")
    else:
        out["reached"] = (out["nominations"] >= threshold).astype("boolean")
    out["display_name"] = out["candidate_id"].map(names(tables))
    return Result(out.sort_values("nominations", ascending=False).reset_index(drop=True), notes)
