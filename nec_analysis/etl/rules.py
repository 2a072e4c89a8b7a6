"""The rules that turn figures from several sources into one dataset — documented here, once.

* **Preferred value.** Where several rows give a figure for the same election and
  candidate (or the same stated total), the preferred one is the first by: the election's
  own table before a figure a source printed in brackets about an earlier election (a
  bracketed count never outranks the table of the election it is about); named for *that*
  election in ``preferred_sources.csv`` (its year, section and election type are read: a
  preference for 2014 changes nothing in 2010 or 2012); a known figure before an unknown
  one; final before interim; the most recently published; source id. Interim figures are
  preferred only for an election that has no final figures of that kind at all.
* **Incumbency.** An override in ``incumbency_overrides.csv`` wins; else a candidate is
  an incumbent if they won the previous regular election of the section (the year before
  when the data holds a regular election then — annual until 2001 — else two years
  earlier) or a by-election since; unknown where the previous election is not in the
  data or its winners are not known.
* **Candidacies.** On the ballot if a results table lists the candidate, not on it if a
  complete results table does not, on it if their nominations reach the election's ballot
  threshold, else unknown. Elected as the preferred results say (a results row with votes is
  preferred to one without); not elected when every seat is accounted for by others or a
  complete results table leaves them out. A complete table that marks no winner leaves
  elected unknown for those it lists. Slate family:
  the one family all their labels map to (``unknown`` labels aside), ``contested`` when
  sources name different families.
* **Discrepancies.** Every final figure that differs from the preferred one, every stated
  total that differs from another or from the sum of the preferred figures, every
  per-body list whose stated count differs from the bodies listed, and every candidacy
  whose slate labels map to different families.

Plausibility (a figure no real table could print) is checked in :mod:`.checks`.
"""

from __future__ import annotations

import bisect
from collections import Counter

import pandas as pd

from ..ids import election_id
from ..tables import COLUMNS
from .rows import na


def prefer(df: pd.DataFrame, group: list[str], sources: pd.DataFrame, prefs: pd.DataFrame, holds: str) -> pd.Series:
    """Boolean Series: the preferred row of each group, by the documented rule.

    ``prefs`` are the rows of ``preferred_sources.csv``; each names one election (year,
    section, election type) and applies to that election's rows only. Worked out on the rows as
    Python records: the tables are small, and pandas' sort, group and transform cost more.
    """
    if df.empty:
        return pd.Series([], dtype="boolean")
    published = dict(zip(sources.source_id, sources.published))
    explicit = {(election_id(p["year"], p["section"], p["election_type"]), p["source_id"])
                for p in prefs.to_dict("records") if p["holds"] == holds}
    value_col = {"nominations": "nominations", "results": "votes", "totals": "value"}[holds]
    rows = df.to_dict("records")
    status = [r.get("status", "final") for r in rows]
    missing = [pd.isna(r[value_col]) for r in rows]
    interim = [s != "final" for s in status]
    # the order of preference: known, final, the election's own table, named in preferred_sources.csv,
    # most recently published, source id (stable sorts, the last key first)
    order = sorted(range(len(rows)), key=lambda i: rows[i]["source_id"])
    order.sort(key=lambda i: published[rows[i]["source_id"]], reverse=True)
    order.sort(key=lambda i: (missing[i], interim[i], rows[i].get("origin", "table") != "table",
                              (rows[i]["election_id"], rows[i]["source_id"]) not in explicit))
    has_final = {r["election_id"] for r, s in zip(rows, status) if s == "final"}
    first, seen = [False] * len(rows), set()
    for i in order:
        key = tuple(rows[i][c] for c in group)
        if key in seen:
            continue
        seen.add(key)
        first[i] = (not (interim[i] and rows[i]["election_id"] in has_final)
                    and (holds == "results" or not missing[i]))  # a results row with no votes still says who won
    return pd.Series(first, index=df.index, dtype="boolean")


def overrides_map(ov: pd.DataFrame) -> dict[tuple[str, str], tuple[bool, str]]:
    """(election, candidate) → (incumbent, basis) from ``incumbency_overrides.csv`` (read by .registries)."""
    out = {}
    for r in ov.itertuples():
        eid = election_id(r.year, r.section, r.election_type or "regular")
        out[(eid, r.candidate_id)] = (r.incumbent == "yes", f"override: {r.reason} ({r.source_url})")
    return out


def _previous_regular(year: int, section: str, regular_years: set[tuple[int, str]]) -> str | None:
    """The previous regular election: the year before if the data holds one (the CLP section was
    elected every year from 1998 to 2001), else two years before (every other year since 2002)."""
    prev = year - 1 if (year - 1, section) in regular_years else year - 2
    return election_id(prev, section)


def _all_seats_known(eid: str, winners: dict[str, set[str]], seats_of: dict[str, object]) -> bool:
    """Whether the data names a winner for every seat of ``eid`` (seats unknown: as before, yes)."""
    seats = seats_of.get(eid, "")
    return not str(seats).strip() or pd.isna(seats) or len(winners[eid]) >= int(seats)


def incumbency(cands: pd.DataFrame, elections: pd.DataFrame, results: pd.DataFrame,
                overrides: dict[tuple[str, str], tuple[bool, str]]) -> pd.DataFrame:
    won = [k for k, v in stated_outcomes(results).items() if pd.notna(v) and bool(v)]
    winners: dict[str, set[str]] = {}
    for eid, cid in won:
        winners.setdefault(eid, set()).add(cid)
    info = {e["election_id"]: e for e in elections.to_dict("records")}  # a dict per election, not iterrows
    seats_of = {eid: e.get("seats", "") for eid, e in info.items()}
    before: dict[str, tuple[str | None, list[str]]] = {}  # election -> (previous regular, by-elections since)
    regular_years = {(int(x["year"]), x["section"]) for x in info.values() if x["election_type"] == "regular"}
    for eid, e in info.items():
        year, section = int(e["year"]), e["section"]
        prev = _previous_regular(year, section, regular_years) if e["election_type"] == "regular" else None
        before[eid] = (prev, [b for b, x in info.items() if x["section"] == section
                              and x["election_type"] == "by-election"
                              and b != eid and (year - 2 < int(x["year"]) <= year) and b in winners])
    inc, basis = [], []
    for r in cands.itertuples():
        if (r.election_id, r.candidate_id) in overrides:
            flag, why = overrides[(r.election_id, r.candidate_id)]
            inc.append(flag), basis.append(why)
            continue
        prev, bys = before[r.election_id]
        by_won = [eid for eid in bys if r.candidate_id in winners[eid]]
        if by_won:
            inc.append(True), basis.append(f"won the {by_won[-1]}")
        elif prev is not None and r.candidate_id in winners.get(prev, set()):
            inc.append(True), basis.append(f"won {prev}")
        elif prev is not None and prev in winners and _all_seats_known(prev, winners, seats_of):
            inc.append(False), basis.append(f"did not win {prev}")
        elif prev is not None and prev in info:
            inc.append(pd.NA), basis.append(f"unknown: the data does not name every winner of {prev}")
        else:
            inc.append(pd.NA), basis.append("unknown: the previous election is not in the data")
    out = cands.copy()
    out["incumbent"], out["incumbent_basis"] = inc, basis
    return out


def positions(res: pd.DataFrame, sources: pd.DataFrame, in_doubt: set[tuple[str, str]]) -> pd.DataFrame:
    """Each preferred results row's place in its election: the place a source states, else by votes.

    A stated place (``rank_stated``: a printed rank, or the header's ``rank:`` for "topped the
    poll") wins, from the preferred row first. A place by votes (ties share the higher place) is
    given only where it is certain: the election's preferred results come from no partial source
    and give every candidate's votes, and the candidacy is not one whose votes and printed share
    disagree in order (``in_doubt``, from :func:`nec_analysis.etl.checks.in_doubt`). Otherwise the
    place is unknown: a partial list's order says nothing of the candidates it leaves out.
    """
    partial = _partial_sources(sources)
    rows = res.to_dict("records")
    keys = [(r["election_id"], r["candidate_id"]) for r in rows]
    pref = [_flag(r["preferred"]) for r in rows]
    stated: dict[tuple[str, str], int] = {}
    preferred_first = sorted(range(len(rows)), key=lambda i: 0 if pref[i] else 1 if rows[i]["preferred"] is False else 2)
    for i in preferred_first:
        if not pd.isna(rows[i]["rank_stated"]):
            stated.setdefault(keys[i], int(rows[i]["rank_stated"]))
    votes_of: dict[str, list[object]] = {}
    sources_of: dict[str, set[str]] = {}
    for r, p in zip(rows, pref):
        if p:
            votes_of.setdefault(r["election_id"], []).append(r["votes"])
            sources_of.setdefault(r["election_id"], set()).add(r["source_id"])
    certain = {eid for eid, votes in votes_of.items()
               if not sources_of[eid] & partial and not any(pd.isna(v) for v in votes)}
    descending = {eid: sorted(-v for v in votes_of[eid]) for eid in certain}
    place = {k: 1 + bisect.bisect_left(descending[k[0]], -r["votes"])  # those with more votes; ties share a place
             for k, r, p in zip(keys, rows, pref) if p and k[0] in certain}
    res = res.copy()
    res["position"] = pd.array([stated.get(k, pd.NA if k in in_doubt else place.get(k, pd.NA)) if p else pd.NA
                                for k, p in zip(keys, pref)], dtype="Int64")
    return res


def stated_outcomes(res: pd.DataFrame) -> dict[tuple[str, str], object]:
    """(election, candidate) → elected as the preferred results row says; where it says nothing
    (a table of votes that marks no winner), as the other final rows say when they agree
    (a list of winners), else unknown."""
    # plain loops over columns: a groupby per candidacy cost a fifth of the whole data build
    pref = res[res.preferred.fillna(False)].drop_duplicates(["election_id", "candidate_id"])
    outcome = dict(zip(zip(pref.election_id, pref.candidate_id), pref.elected))
    final = res[res.get("status", pd.Series("final", index=res.index)).eq("final")]
    said: dict[tuple[str, str], set] = {}
    for key, v in zip(zip(final.election_id, final.candidate_id), final.elected):
        said.setdefault(key, set())
        if not pd.isna(v):
            said[key].add(bool(v))
    for k, v in outcome.items():
        if pd.isna(v) and len(said.get(k, set())) == 1:
            outcome[k] = next(iter(said[k]))
    return outcome


def candidacies(noms: pd.DataFrame, res: pd.DataFrame, labels: pd.DataFrame, clp_rows: list[dict],
                el: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per (election, candidate) any source names, with slate family, on-ballot and elected."""
    keys = {*zip(noms.election_id, noms.candidate_id), *zip(res.election_id, res.candidate_id),
            *zip(labels.election_id, labels.candidate_id), *((r["election_id"], r["candidate_id"]) for r in clp_rows)}
    partial = _partial_sources(sources)
    # Every look-up is made once, as a dict: no frame is filtered or grouped per candidacy.
    pref_sources: dict[str, set[str]] = {}
    for eid, sid, p in zip(res.election_id, res.source_id, res.preferred):
        if _flag(p):
            pref_sources.setdefault(eid, set()).add(sid)
    complete = {eid: not sids & partial for eid, sids in pref_sources.items()}
    outcome = stated_outcomes(res)
    n_elected: dict[str, int] = {}
    for (eid, _), v in outcome.items():
        n_elected[eid] = n_elected.get(eid, 0) + int(pd.notna(v) and bool(v))
    label_sets: dict[tuple[str, str], set[str]] = {}
    family_sets: dict[tuple[str, str], set[str]] = {}
    for key, label, family in zip(zip(labels.election_id, labels.candidate_id), labels.label, labels.slate_family):
        label_sets.setdefault(key, set()).add(label)
        family_sets.setdefault(key, set()).update({family} - {"unknown"})
    best_of: dict[tuple[str, str], int] = {}
    for key, n in zip(zip(noms.election_id, noms.candidate_id), noms.nominations):
        if not pd.isna(n):
            best_of[key] = max(best_of.get(key, n), n)
    threshold_of = dict(zip(el.election_id, el.ballot_threshold)) if "ballot_threshold" in el else {}
    seats_of = dict(zip(el.election_id, el.seats)) if "seats" in el else {}
    out = []
    for eid, cid in sorted(keys):
        key = (eid, cid)
        stood = key in outcome
        is_complete = complete.get(eid, False)
        fams = sorted(family_sets.get(key, set()))
        family = fams[0] if len(fams) == 1 else ("contested" if fams else "unknown")
        threshold = threshold_of.get(eid, "")
        best = best_of.get(key, pd.NA)
        if stood:
            on_ballot: object = True
        elif is_complete:
            on_ballot = False
        elif threshold and pd.notna(best) and best >= int(threshold):
            on_ballot = True
        else:
            on_ballot = pd.NA
        elected = outcome[key] if stood else pd.NA
        seats = seats_of.get(eid, "")
        if elected is pd.NA and seats and n_elected.get(eid, 0) == int(seats):
            elected = False  # every seat is accounted for by others
        if elected is pd.NA and is_complete and not stood:
            elected = False  # a complete results table leaves them out
        # A candidate a complete table lists with no winner marked anywhere stays unknown: the
        # table does not say who won (CLPD 1999 prints votes and shares only), never "not elected".
        out.append({"election_id": eid, "candidate_id": cid, "slate_family": family,
                    "slate_labels": " | ".join(sorted(label_sets.get(key, set()))), "on_ballot": on_ballot,
                    "elected": elected})
    return pd.DataFrame(out, columns=["election_id", "candidate_id", "slate_family", "slate_labels", "on_ballot", "elected"])


def elections_table(el: pd.DataFrame, cands: pd.DataFrame, noms: pd.DataFrame, res: pd.DataFrame,
               tot: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per election: what elections.csv says, and what the figures count, sum and state.

    Plain loops over the tables' records, each split by election once: the tables are small,
    and a pandas filter per election cost a tenth of the data build.
    """
    partial = _partial_sources(sources)
    by_res: dict[str, list[dict]] = {}
    for r in res[res.preferred.fillna(False)].to_dict("records"):
        by_res.setdefault(r["election_id"], []).append(r)
    elected: dict[str, list[object]] = {}
    for eid, v in zip(cands.election_id, cands.elected):
        elected.setdefault(eid, []).append(v)
    by_noms: dict[str, list[dict]] = {}
    for r in noms[noms.preferred.fillna(False) & (noms.origin == "table")].to_dict("records"):
        by_noms.setdefault(r["election_id"], []).append(r)
    stated: dict[str, dict[str, object]] = {}
    for eid, measure, value in zip(*(tot[tot.preferred.fillna(False)][c] for c in ("election_id", "measure", "value"))):
        stated.setdefault(eid, {})[measure] = value
    rows = []
    for e in el.to_dict("records"):
        eid = e["election_id"]
        e_res = by_res.get(eid, [])
        complete = bool(e_res) and not {r["source_id"] for r in e_res} & partial
        won = [v for v in elected.get(eid, []) if not pd.isna(v)]
        table_noms = by_noms.get(eid, [])
        src = {r["source_id"] for r in table_noms}
        summed = (int(sum(r["nominations"] for r in table_noms if not pd.isna(r["nominations"])))
                  if len(src) == 1 and not src & partial and all(r["status"] == "final" for r in table_noms)
                  else pd.NA)
        t = stated.get(eid, {})
        rows.append({
            "election_id": eid, "year": int(e["year"]), "section": e["section"], "election_type": e["election_type"],
            "seats": na(e.get("seats")), "voting_system": na(e.get("voting_system")),
            "ballot_threshold": na(e.get("ballot_threshold")),
            "n_candidates": len(e_res) if complete else pd.NA,
            "n_elected": sum(bool(v) for v in won) if won else pd.NA,
            "nominations_total_summed": summed,
            "nominations_total_stated": t.get("nominations_total", pd.NA),
            "clps_nominating_stated": t.get("clps_nominating", pd.NA),
            "ballots_cast_stated": t.get("ballots_cast", pd.NA),
            "turnout_pct_stated": t.get("turnout_pct", pd.NA),
        })
    return pd.DataFrame(rows, columns=COLUMNS["elections"])


def discrepancies(noms: pd.DataFrame, res: pd.DataFrame, tot: pd.DataFrame, elections: pd.DataFrame,
                   labels: pd.DataFrame, per_body: list[dict], clp_rows: list[dict],
                   printed_as_is: list[dict] | None = None) -> pd.DataFrame:
    """Every pair of figures that disagree: between sources, a stated total against the sum, a
    CLP list against its count, two slates, and a table's own votes against its printed shares
    where ``printed_as_is.csv`` keeps a misprint (``printed_as_is``, from ``checks.misprints``)."""
    out: list[dict] = list(printed_as_is or [])

    def add(eid, cid, measure, a, sa, b, sb, desc):
        out.append({"election_id": eid, "candidate_id": cid, "measure": measure, "value_a": str(a),
                    "source_a": sa, "value_b": str(b), "source_b": sb, "description": desc})

    # Plain loops over each table's records: a pandas merge, filter or group per check cost a
    # tenth of the data build on tables of a few hundred rows.
    for df, col, measure in ((noms, "nominations", "nominations"), (res, "votes", "votes")):
        final = [r for r in df.to_dict("records") if r.get("status", "final") is not pd.NA
                 and r.get("status", "final") == "final" and not pd.isna(r[col])]
        pref = {(r["election_id"], r["candidate_id"]): r for r in final if _flag(r["preferred"])}
        for o in final:
            p = pref.get((o["election_id"], o["candidate_id"]))
            if _flag(o["preferred"]) or p is None or o[col] == p[col]:
                continue
            a, b = int(p[col]), int(o[col])
            add(o["election_id"], o["candidate_id"], measure, a, p["source_id"], b, o["source_id"],
                f"{p['source_id']} gives {a:,} (preferred), {o['source_id']} gives {b:,}")
    tot_rows = tot.to_dict("records")
    stated: dict[tuple[str, str], list[dict]] = {}
    for r in tot_rows:
        stated.setdefault((r["election_id"], r["measure"]), []).append(r)
    for (eid, measure), g in sorted(stated.items(), key=lambda kv: kv[0]):
        pref = next(r for r in g if _flag(r["preferred"]))
        for o in g:
            if not _flag(o["preferred"]) and o["value"] != pref["value"]:
                add(eid, pd.NA, measure, _fmt(pref["value"]), pref["source_id"], _fmt(o["value"]), o["source_id"],
                    f"stated {measure.replace('_', ' ')}: {pref['source_id']} says {_fmt(pref['value'])} (preferred), "
                    f"{o['source_id']} says {_fmt(o['value'])}")
    table_sources: dict[str, set[str]] = {}
    for eid, sid, preferred, origin in zip(noms.election_id, noms.source_id, noms.preferred, noms.origin):
        if _flag(preferred) and origin == "table":
            table_sources.setdefault(eid, set()).add(sid)
    for eid, summed in zip(elections.election_id, elections.nominations_total_summed):
        if pd.isna(summed):
            continue
        srcs = sorted(table_sources.get(eid, set()))
        for o in stated.get((eid, "nominations_total"), []):
            if o["value"] != summed:
                add(eid, pd.NA, "nominations_total", _fmt(o["value"]), o["source_id"], int(summed),
                    "sum:" + "+".join(srcs),
                    f"{o['source_id']} states {_fmt(o['value'])} nominations in all; the per-candidate figures "
                    f"({', '.join(srcs)}) sum to {int(summed):,}")
    if per_body:
        listed = Counter((r["source_id"], r["candidate_id"]) for r in clp_rows)
        for pb in per_body:
            n = listed.get((pb["source_id"], pb["candidate_id"]), 0)
            if n != pb["stated"]:
                why = " (the stored copy is truncated)" if pb["truncated"] else ""
                add(pb["election_id"], pb["candidate_id"], "bodies_listed", pb["stated"], pb["source_id"], n,
                    pb["source_id"], f"{pb['file']}:{pb['line']} states {pb['stated']} nominations but lists {n}{why}")
    # Each candidacy's first label of each known family, in the labels' order; two or more families disagree.
    first_of: dict[tuple[str, str], dict[str, dict]] = {}
    for r in labels.to_dict("records"):
        if r["slate_family"] != "unknown":
            first_of.setdefault((r["election_id"], r["candidate_id"]), {}).setdefault(r["slate_family"], r)
    for (eid, cid), by_family in sorted(first_of.items(), key=lambda kv: kv[0]):
        if len(by_family) > 1:
            a, b = list(by_family.values())[:2]
            add(eid, cid, "slate_family", f"{a['slate_family']} ({a['label']})", a["source_id"],
                f"{b['slate_family']} ({b['label']})", b["source_id"], "sources put this candidate on different slates")
    return pd.DataFrame(out, columns=COLUMNS["discrepancies"])


def _partial_sources(sources: pd.DataFrame) -> set[str]:
    """The sources whose header says ``partial: yes`` (their table leaves candidates out)."""
    return set(sources.source_id[sources.partial.fillna(False).astype(bool)])


def _flag(v: object) -> bool:
    """A nullable flag as a plain bool (<NA> is not set)."""
    return not pd.isna(v) and bool(v)


def _fmt(v: float) -> str:
    return f"{v:g}"
