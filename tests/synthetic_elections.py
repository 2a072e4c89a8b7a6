"""Synthetic elections with any mix of missing parts, for the property-based tests.

Built from the canonical columns (nec_analysis.tables.COLUMNS), so the analyses see the
same shapes and dtypes as the real tables. Used by tests/test_analysis_properties.py and
tests/test_analysis_sentences.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nec_analysis.io import coerce
from nec_analysis.tables import COLUMNS

FAMILIES = ["grassroots_left", "labour_right", "open_labour", "independent", None]


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows).reindex(columns=COLUMNS[name]), name)


@dataclass
class Spec:
    """One synthetic election and what it lacks.

    ``nominations``: none | final | interim; ``results``: none | winners (who was elected, no
    figures) | full | partial (a list leaving some candidates out); ``previous``: none |
    with_nominations | without_nominations (an earlier election of the section two years
    before); ``by_election``: a by-election in the same section and year.
    """

    seats: int = 6
    system: str = "block"
    n: int = 8
    nominations: str = "final"
    results: str = "full"
    previous: str = "with_nominations"
    by_election: bool = False
    stated_total: bool = True
    stated_clps: bool = True
    genders: tuple = ()
    families: tuple = ()
    incumbents: tuple = ()
    figures: tuple = ()


def build(spec: Spec) -> dict[str, pd.DataFrame]:
    """The ten tables of a synthetic year 2030 (and 2028 / a by-election as the spec says)."""
    el, people, src, noms, cands, res, totals = [], [], [], [], [], [], []
    n = spec.n
    ids = [f"p{i:02d}" for i in range(n)]
    figs = [spec.figures[i % len(spec.figures)] if spec.figures else 10 * (n - i) for i in range(n)]
    for i, cid in enumerate(ids):
        g = spec.genders[i % len(spec.genders)] if spec.genders else ("F" if i % 2 else "M")
        people.append(dict(candidate_id=cid, display_name=f"Person {chr(65 + i % 26)}{i}", gender=g))
    eid = "2030-clp"
    summed = sum(figs) if spec.nominations != "none" and n else None
    el.append(dict(election_id=eid, year=2030, section="clp", election_type="regular", seats=spec.seats,
                   voting_system=spec.system, n_candidates=n or None,
                   nominations_total_summed=summed,
                   nominations_total_stated=(summed + 3) if spec.stated_total and summed else None,
                   clps_nominating_stated=(max(figs) + 7) if spec.stated_clps and n else None))
    src.append(dict(source_id="nom30", publisher="Nom Pub", published="2030-06", year=2030, section="clp",
                    election_type="regular", holds="nominations", status=spec.nominations
                    if spec.nominations != "none" else "final", as_of="2030-06-01", partial=False, truncated=False))
    src.append(dict(source_id="res30", publisher="Res Pub", published="2030-09", year=2030, section="clp",
                    election_type="regular", holds="results", status="final", as_of="2030-09-01",
                    partial=spec.results == "partial", truncated=False))
    listed = n if spec.results != "partial" else max(1, min(n, spec.seats) // 2 + 1)
    votes = [f * 100 if spec.system == "block" or spec.results == "full" else None for f in figs]
    order = sorted(range(n), key=lambda i: -figs[i])
    elected = set(order[:spec.seats])
    for rank, i in enumerate(order):
        cid = ids[i]
        fam = spec.families[i % len(spec.families)] if spec.families else FAMILIES[i % len(FAMILIES)]
        inc = spec.incumbents[i % len(spec.incumbents)] if spec.incumbents else (i % 3 == 0)
        won = None if spec.results == "none" else (i in elected)
        if spec.results == "partial" and rank >= listed:
            won = None
        cands.append(dict(election_id=eid, candidate_id=cid, slate_family=fam, incumbent=inc, on_ballot=True,
                          elected=won))
        if spec.nominations != "none":
            noms.append(dict(election_id=eid, candidate_id=cid, nominations=figs[i], status=spec.nominations,
                             as_of="2030-06-01", source_id="nom30", origin="table", preferred=True))
        if spec.results == "winners" and i in elected:
            res.append(dict(election_id=eid, candidate_id=cid, votes=None, elected=True, position=None,
                            source_id="res30", preferred=True))
        elif spec.results in ("full", "partial") and (spec.results == "full" or rank < listed):
            pos = 1 + sum(figs[j] > figs[i] for j in range(n))
            res.append(dict(election_id=eid, candidate_id=cid, votes=votes[i], elected=i in elected,
                            position=pos if votes[i] is not None else None, source_id="res30", preferred=True))
    if spec.stated_total and summed:
        totals.append(dict(election_id=eid, measure="nominations_total", value=summed + 3, source_id="nom30",
                           preferred=True))
    if spec.previous != "none":
        el.append(dict(election_id="2028-clp", year=2028, section="clp", election_type="regular", seats=spec.seats,
                       voting_system=spec.system, clps_nominating_stated=50))
        src.append(dict(source_id="nom28", publisher="Old Pub", published="2028-06", year=2028, section="clp",
                        election_type="regular", holds="nominations", status="final", as_of="2028-06",
                        partial=False, truncated=False))
        for i, cid in enumerate(ids[: max(1, n // 2)] if n else []):
            cands.append(dict(election_id="2028-clp", candidate_id=cid, slate_family="labour_right",
                              incumbent=None, on_ballot=True, elected=i % 2 == 0))
            if spec.previous == "with_nominations":
                noms.append(dict(election_id="2028-clp", candidate_id=cid, nominations=5 + i, status="final",
                                 source_id="nom28", origin="table", preferred=True))
    if spec.by_election:
        by = "2030-clp-by-election"
        el.append(dict(election_id=by, year=2030, section="clp", election_type="by-election", seats=1,
                       voting_system="stv"))
        src.append(dict(source_id="by30", publisher="By Pub", published="2030-02", year=2030, section="clp",
                        election_type="by-election", holds="results", status="final", as_of="2030-02",
                        partial=False, truncated=False))
        people.append(dict(candidate_id="q1", display_name="Quinn One", gender=None))
        for cid, won in (("q1", True), (ids[0] if ids else "q1", False)):
            if cid == "q1" and not won:
                continue
            cands.append(dict(election_id=by, candidate_id=cid, slate_family=None, incumbent=False, on_ballot=True,
                              elected=won))
            res.append(dict(election_id=by, candidate_id=cid, votes=None, elected=won, position=None,
                            source_id="by30", preferred=True))
    return {"elections": frame("elections", el), "candidates": frame("candidates", people),
            "sources": frame("sources", src), "nominations": frame("nominations", noms),
            "clp_nominations": frame("clp_nominations", []), "candidacies": frame("candidacies", cands),
            "results": frame("results", res), "totals": frame("totals", totals),
            "slate_labels": frame("slate_labels", []), "discrepancies": frame("discrepancies", [])}
