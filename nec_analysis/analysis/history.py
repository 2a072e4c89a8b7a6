"""Across elections: each candidate's record, runs of defeats or poll-toppings, who replaced whom.

The data behind candidate pages and the cross-year page. API:

* :func:`records` — every candidacy of every election, one row each (compute once per page build);
* :func:`candidate_record` — one candidate's rows of :func:`records`, in election order;
* :func:`runs` — runs of two or more consecutive defeats, or of poll-toppings, per candidate;
* :func:`replacements` — who replaced whom in one election, with names;
* :func:`all_replacements` — the same for every election of both sections.

Nothing is inferred: a figure no source published stays empty (``<NA>``), and a run is
broken by a candidacy whose outcome (or place) is not known, so a run never spans a gap.
"""

from __future__ import annotations

import pandas as pd

from ..words.format import join_names
from ..words.labels import election_name, in_election
from .core import Result, Tables, candidacies, election_ids, empty, is_partial, names, results
from .incumbency import replacements as _pairs
from .nominations import nomination_shares

#: Columns of :func:`records` / :func:`candidate_record`.
RECORD_COLUMNS = [
    "candidate_id", "display_name", "election_id", "year", "section", "election_type", "slate_family",
    "slate_labels", "incumbent", "on_ballot", "nominations", "nominations_status", "nomination_rank",
    "share_of_clps_pct", "votes", "position", "elected", "results_partial",
]
RUN_COLUMNS = ["candidate_id", "display_name", "section", "kind", "length", "first_election",
               "last_election", "elections"]
REPLACEMENT_COLUMNS = ["election_id", "section", "left", "left_name", "replaced_by", "replaced_by_name",
                       "paired_by_place"]


def _labels(tables: Tables, election_id: str) -> pd.Series:
    """candidate_id → the slate labels the sources printed, ' / '-joined (as printed, deduplicated)."""
    lab = tables["slate_labels"]
    lab = lab[lab["election_id"] == election_id].dropna(subset=["label"])
    return lab.groupby("candidate_id")["label"].agg(lambda s: " / ".join(dict.fromkeys(s))).astype("string")


def _election_records(tables: Tables, election_id: str) -> pd.DataFrame:
    """One row per candidacy of ``election_id`` (RECORD_COLUMNS)."""
    c = candidacies(tables, election_id)
    if c.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    el = tables["elections"].set_index("election_id").loc[election_id]
    noms = nomination_shares(tables, election_id).table
    noms = noms.set_index("candidate_id") if not noms.empty else pd.DataFrame(
        columns=["nominations", "status", "rank", "share_of_clps_pct"])
    res = results(tables, election_id).set_index("candidate_id")
    ids = c["candidate_id"]
    out = pd.DataFrame({
        "candidate_id": ids, "display_name": c["display_name"].fillna(ids),
        "election_id": election_id, "year": int(el["year"]), "section": el["section"],
        "election_type": el["election_type"], "slate_family": c["slate_family"],
        "slate_labels": ids.map(_labels(tables, election_id)),
        "incumbent": c["incumbent"], "on_ballot": c["on_ballot"],
        "nominations": ids.map(noms["nominations"]).astype("Int64"),
        "nominations_status": ids.map(noms["status"]).astype("string"),
        "nomination_rank": ids.map(noms["rank"]).astype("Int64"),
        "share_of_clps_pct": ids.map(noms["share_of_clps_pct"]).astype("Float64"),
        "votes": ids.map(res["votes"]).astype("Int64"),
        "position": ids.map(res["position"]).astype("Int64"),
        "elected": c["elected"],
        "results_partial": is_partial(tables, res["source_id"]) if not res.empty else pd.NA,
    })
    return out[RECORD_COLUMNS]


def records(tables: Tables) -> Result:
    """Every candidacy of every election: nominations (figure, status, rank, share of nominating
    CLPs), votes, position, slate family and printed labels, elected, incumbent.

    ``nominations_status`` is ``interim`` where only a list before the close exists;
    ``results_partial`` is True where the results list leaves some candidates out.
    """
    frames = [f for f in (_election_records(tables, e) for e in election_ids(tables)) if not f.empty]
    if not frames:
        return empty(RECORD_COLUMNS, "No candidacies are recorded in the data.")
    out = pd.concat(frames, ignore_index=True)
    order = {e: i for i, e in enumerate(election_ids(tables))}
    out = out.sort_values(["candidate_id", "election_id"], key=lambda s: s.map(order) if s.name == "election_id"
                          else s, kind="mergesort")
    return Result(out.reset_index(drop=True), [])


def candidate_record(tables: Tables, candidate_id: str, all_records: pd.DataFrame | None = None) -> Result:
    """One candidate's record across every election, oldest first (see :func:`records`).

    Pass ``all_records`` (``records(tables).table``) when building many candidates' pages.
    """
    rec = records(tables).table if all_records is None else all_records
    mine = rec[rec["candidate_id"] == candidate_id].reset_index(drop=True)
    if mine.empty:
        who = names(tables).get(candidate_id, candidate_id)
        return Result(mine, [f"No candidacy of {who} is recorded in the data."])
    notes = []
    name = mine["display_name"].iloc[0]
    for _, r in mine.iterrows():
        where = in_election(tables, r["election_id"])
        if pd.isna(r["nominations"]):
            notes.append(f"{where}, no source gives {name}'s nominations.")
        elif r["nominations_status"] == "interim":
            notes.append(f"{where}, {name}'s nominations are from an interim list, before nominations closed.")
        if not _false(r["on_ballot"]) and pd.isna(r["votes"]) and not pd.isna(r["elected"]):
            notes.append(f"{where}, no vote figure is published for {name}; only whether elected is known.")
        if pd.isna(r["elected"]):
            notes.append(f"{where}, whether {name} was elected is not in the data.")
    return Result(mine, notes)


def _false(v: object) -> bool:
    """True only for a real False (NA is not False)."""
    return v is not None and not pd.isna(v) and not bool(v)


def _run_value(r: pd.Series, kind: str) -> bool | None:
    """Whether the candidacy continues a run of ``kind`` (None: not known, which breaks a run)."""
    if _false(r["on_ballot"]) or (pd.isna(r["on_ballot"]) and pd.isna(r["elected"])):
        return None
    if kind == "defeats":
        return None if pd.isna(r["elected"]) else not bool(r["elected"])
    return None if pd.isna(r["position"]) else int(r["position"]) == 1


def runs(tables: Tables, min_length: int = 2, all_records: pd.DataFrame | None = None) -> Result:
    """Runs of ``min_length`` or more consecutive defeats, or of poll-toppings, per candidate and section.

    Consecutive means the candidate's successive candidacies on the ballot in one section; a
    candidacy whose outcome (for defeats) or place (for poll-toppings, position 1, ties
    included) is not known ends the run. Places are only known where votes were published.
    """
    rec = records(tables).table if all_records is None else all_records
    rows = []
    for (cid, section), grp in rec.groupby(["candidate_id", "section"], sort=True):
        for kind in ("defeats", "poll_toppings"):
            streak: list[str] = []
            for _, r in [*grp.iterrows(), (None, None)]:
                on = None if r is None else _run_value(r, kind)
                if on is None and r is not None and _false(r["on_ballot"]):
                    continue  # not on the ballot: neither extends nor breaks a run
                if on:
                    streak.append(r["election_id"])
                    continue
                if len(streak) >= min_length:
                    rows.append({"candidate_id": cid, "display_name": grp["display_name"].iloc[0],
                                 "section": section, "kind": kind, "length": len(streak),
                                 "first_election": streak[0], "last_election": streak[-1],
                                 "elections": " ".join(streak)})
                streak = []
    out = pd.DataFrame(rows, columns=RUN_COLUMNS)
    notes = [] if not out.empty else [f"No candidate has {min_length} or more consecutive defeats or"
                                      " poll-toppings in the data."]
    if rec["position"].isna().any():
        notes.append("Poll-toppings are counted only where votes and places were published.")
    return Result(out.sort_values(["kind", "length", "candidate_id"], ascending=[True, False, True])
                  .reset_index(drop=True), notes)


def replacements(tables: Tables, election_id: str) -> Result:
    """Who replaced whom in ``election_id``, with names: defeated incumbents beside newcomers.

    ``paired_by_place`` is True where several seats changed hands and the pairs are by place
    in the result, not one-to-one replacements (see :func:`nec_analysis.analysis.incumbency.replacements`).
    """
    res = _pairs(tables, election_id)
    if res.table.empty:  # nobody changed, or who held a seat is not known: the notes say which
        return empty(REPLACEMENT_COLUMNS, *res.notes)
    n = names(tables)
    t = res.table.copy()
    row = tables["elections"].set_index("election_id").loc[election_id]
    t["section"] = row["section"]
    t["left_name"] = t["left"].map(lambda c: n.get(c, c) if isinstance(c, str) else pd.NA).astype("string")
    t["replaced_by_name"] = t["replaced_by"].map(lambda c: n.get(c, c) if isinstance(c, str) else pd.NA
                                                 ).astype("string")
    t["paired_by_place"] = len(t) > 1
    return Result(t[REPLACEMENT_COLUMNS], res.notes)


def all_replacements(tables: Tables) -> Result:
    """:func:`replacements` for every election of both sections (elections where it cannot be
    said are named in the notes)."""
    frames, unknown = [], []
    for eid in election_ids(tables):
        r = replacements(tables, eid)
        if r.table.empty and "cannot be said" in " ".join(r.notes):
            unknown.append(eid)
        else:
            frames.append(r.table)
    notes = [] if not unknown else [
        "Who replaced whom cannot be said for " + join_names([election_name(tables, e) for e in unknown])
        + ": who already held a seat, who was elected, or the full results list, is not in the data."]
    if not frames:
        return empty(REPLACEMENT_COLUMNS, *notes)
    return Result(pd.concat(frames, ignore_index=True), notes)
