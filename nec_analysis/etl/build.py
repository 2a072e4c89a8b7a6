"""Build the tidy tables in ``data/processed/`` from ``data/raw/``.

Rules (also in ``data/processed/README.md``):

* **Preferred value.** Where several rows give a figure for the same election and
  candidate, the preferred one is the first by: named in ``preferred_sources.csv``;
  final before interim; the source's own table before a figure it printed in brackets
  about an earlier election; the most recently published; source id. Interim figures are
  preferred only for an election that has no final figures of that kind at all.
* **Discrepancies.** Every final figure that differs from the preferred one, every stated
  total that differs from another or from the sum of the preferred figures, every
  per-body list whose stated count differs from the bodies listed, and every candidacy
  whose slate labels map to different families.
* **Incumbency.** An override in ``incumbency_overrides.csv`` wins; else a candidate is
  an incumbent if they won the previous regular election of the section (two years
  earlier) or a by-election since; unknown where the previous election is not in the data.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import geography, schemas, vocab
from ..ids import election_id
from ..io import coerce, processed_dir, project_root, raw_dir, write_table
from ..parsers import Clipping, ClippingError, Problem, parse_clipping, read_clipping
from ..tables import COLUMNS
from ..vocab import codes
from .people import NearMatchError, Registry

# Families a registry row may name ("contested" is computed, never registered).
SLATE_FAMILIES = tuple(c for c in codes(vocab.SLATE_FAMILIES) if c != "contested")


def clip_election(clip: Clipping) -> str:
    """The election a clipping's table is about."""
    return election_id(clip.get("year"), clip.get("section"), clip.get("election_type") or "regular")


@dataclass
class Built:
    """The processed tables and what the build noticed."""

    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)


def _na(v: object) -> object:
    return pd.NA if v is None or (not isinstance(v, str) and pd.isna(v)) or v == "" else v


# --------------------------------------------------------------------------- reading


def read_raw(raw: Path, root: Path) -> tuple[list[tuple[Clipping, pd.DataFrame]], dict[str, pd.DataFrame]]:
    """Parse every clipping and read the registries; raise ClippingError listing every bad line."""
    csv = {name: pd.read_csv(raw / f"{name}.csv", dtype=str, keep_default_na=False)
           for name in ("elections", "slate_families", "incumbency_overrides", "preferred_sources")}
    unknown = sorted(set(csv["slate_families"].slate_family) - set(SLATE_FAMILIES))
    if unknown:
        raise ValueError(f"{raw / 'slate_families.csv'}: unknown families {unknown}; use {SLATE_FAMILIES}")
    labels = list(csv["slate_families"].label)
    parsed: list[tuple[Clipping, pd.DataFrame]] = []
    problems: list[Problem] = []
    for path in sorted((raw / "clippings").glob("*.txt")):
        try:
            clip = read_clipping(path, root)
            parsed.append((clip, parse_clipping(clip, labels)))
        except ClippingError as err:
            problems += err.problems
    if problems:
        raise ClippingError(problems)
    return parsed, csv


# --------------------------------------------------------------------------- tables


def _sources(parsed: list[tuple[Clipping, pd.DataFrame]]) -> pd.DataFrame:
    rows = []
    for clip, _ in parsed:
        h = clip.header
        rows.append({
            "source_id": clip.source_id, "publisher": h["publisher"], "title": h["title"],
            "url": h["url"], "published": h["published"], "year": int(h["year"]),
            "section": h["section"], "election_type": h.get("election_type") or "regular",
            "holds": h["holds"], "status": h.get("status") or "final",
            "as_of": h.get("as_of") or h["published"], "partial": h.get("partial") == "yes",
            "truncated": h.get("truncated") == "yes", "file": clip.file, "note": h.get("note", ""),
        })
    return pd.DataFrame(rows, columns=COLUMNS["sources"]).map(_na)


def _figure_rows(parsed: list[tuple[Clipping, pd.DataFrame]], reg: Registry,
                 known_labels: set[str]) -> dict[str, list[dict]]:
    """Nominations, per-body, results, slate-label and totals rows, with candidate ids.

    Raises ClippingError (file, line, text, what was expected) for a name close to a known
    one, a slate label missing from ``slate_families.csv``, and two printed names in one
    table that the registry resolves to the same person.
    """
    out: dict[str, list[dict]] = {k: [] for k in ("nominations", "clp_nominations", "results", "slate_labels", "totals", "per_body")}
    problems: list[Problem] = []
    for clip, frame in parsed:
        seen: dict[str, tuple[int, str]] = {}  # candidate id -> (line, name as printed) in this table
        eid, holds, sid = clip_election(clip), clip.get("holds"), clip.source_id
        status = clip.get("status") or "final"
        as_of = clip.get("as_of") or clip.get("published")
        brackets = [y.strip() for y in clip.get("brackets").split(",") if y.strip()]
        for r in frame.itertuples(index=False):
            if r.row_kind == "subheader":
                continue
            if r.row_kind == "total":
                out["totals"].append({"election_id": eid, "measure": r.name, "value": float(r.figure),
                                      "approximate": str(r.label) == "approximate", "source_id": sid})
                continue
            try:
                cid = reg.resolve(str(r.name))
            except NearMatchError as err:
                problems.append(Problem(clip.file, int(r.line), str(r.text), str(err)))
                continue
            where = {"file": clip.file, "line": int(r.line)}
            if r.row_kind == "candidate":
                if cid in seen:
                    first_line, first_name = seen[cid]
                    problems.append(Problem(clip.file, int(r.line), str(r.text),
                                            f"each candidate once per table; {r.name!r} is {cid} ({reg.display(cid)}), "
                                            f"already on line {first_line} as {first_name!r}"))
                    continue
                seen[cid] = (int(r.line), str(r.name))
            if _na(r.label) is not pd.NA and r.label not in known_labels:
                problems.append(Problem(clip.file, int(r.line), str(r.text),
                                        f"a slate label listed in data/raw/slate_families.csv; {r.label!r} is not: "
                                        f"add it there with its slate family"))
                continue
            if r.row_kind == "body":
                out["clp_nominations"].append({"election_id": eid, "candidate_id": cid, "body": r.body,
                                               "body_type": clip.get("body_type") or "clp", "status": status,
                                               "as_of": as_of, "source_id": sid, **where})
                continue
            if _na(r.label) is not pd.NA:
                out["slate_labels"].append({"election_id": eid, "candidate_id": cid, "label": r.label, "source_id": sid})
            if holds == "nominations":
                out["nominations"].append({"election_id": eid, "candidate_id": cid, "nominations": r.figure,
                                           "rank_stated": r.rank, "status": status, "as_of": as_of,
                                           "source_id": sid, "origin": "table", **where})
                earlier = [] if _na(r.earlier) is pd.NA else str(r.earlier).split("|")
                if earlier and len(earlier) != len(brackets):
                    problems.append(Problem(clip.file, int(r.line), str(r.text),
                                            f"{len(brackets)} bracketed counts (header 'brackets: {clip.get('brackets')}')"))
                    continue
                for year, value in zip(brackets, earlier):
                    rank = r.prev_rank if clip.get("prev_rank") == year else pd.NA
                    if value or _na(rank) is not pd.NA:
                        out["nominations"].append({
                            "election_id": election_id(year, clip.get("section")), "candidate_id": cid,
                            "nominations": int(value) if value else pd.NA, "rank_stated": rank,
                            "status": "final", "as_of": pd.NA, "source_id": sid, "origin": "bracket", **where})
                if frame.attrs.get("shape") == "per_body":
                    out["per_body"].append({"election_id": eid, "candidate_id": cid, "stated": r.figure,
                                            "source_id": sid, "truncated": clip.get("truncated") == "yes", **where})
            elif holds == "results":
                out["results"].append({"election_id": eid, "candidate_id": cid, "votes": r.figure,
                                       "elected": r.elected, "position": pd.NA, "first_preferences": pd.NA,
                                       "final_round": pd.NA, "source_id": sid, **where})
    if problems:
        raise ClippingError(problems)
    return out


def _prefer(df: pd.DataFrame, group: list[str], sources: pd.DataFrame, prefs: pd.DataFrame, holds: str) -> pd.Series:
    """Boolean Series: the preferred row of each group, by the documented rule."""
    if df.empty:
        return pd.Series([], dtype="boolean")
    src = sources.set_index("source_id")
    explicit = set(prefs.loc[prefs.holds == holds, "source_id"])
    d = df.copy()
    d["_explicit"] = ~d.source_id.isin(explicit)
    d["_interim"] = d.get("status", pd.Series("final", index=d.index)).ne("final")
    d["_bracket"] = d.get("origin", pd.Series("table", index=d.index)).ne("table")
    d["_published"] = d.source_id.map(src.published)
    value_col = {"nominations": "nominations", "results": "votes", "totals": "value"}[holds]
    d["_missing"] = d[value_col].isna() if holds != "results" else False
    d = d.sort_values(["_explicit", "_missing", "_interim", "_bracket", "_published", "source_id"],
                      ascending=[True, True, True, True, False, True], kind="mergesort")
    first = ~d.duplicated(group)
    if "status" in d:
        has_final = d.groupby("election_id").status.transform(lambda s: (s == "final").any())
        first &= ~(has_final & d._interim)
    first &= ~d._missing
    return first.reindex(df.index).astype("boolean")


INCUMBENT_VALUES = {"yes": True, "true": True, "no": False, "false": False}


def _overrides_map(ov: pd.DataFrame) -> dict[tuple[str, str], tuple[bool, str]]:
    out = {}
    for r in ov.itertuples():
        eid = election_id(r.year, r.section, r.election_type or "regular")
        flag = INCUMBENT_VALUES[r.incumbent.strip().lower()]
        out[(eid, r.candidate_id)] = (flag, f"override: {r.reason} ({r.source_url})")
    return out


def _check_registries(csv: dict[str, pd.DataFrame], elections: set[str], candidate_ids: set[str],
                      source_ids: set[str]) -> list[Problem]:
    """Rows of the hand-kept tables that would otherwise be silently ignored (a typo'd id)."""
    problems = []
    for r in csv["incumbency_overrides"].itertuples():
        where = ("data/raw/incumbency_overrides.csv", int(r.Index) + 2, ",".join(map(str, r[1:])))
        if r.incumbent.strip().lower() not in INCUMBENT_VALUES:
            problems.append(Problem(*where, f"incumbent 'yes' or 'no', not {r.incumbent!r}"))
        elif not r.reason.strip():
            problems.append(Problem(*where, "a reason for the override"))
        elif r.candidate_id not in candidate_ids:
            problems.append(Problem(*where, f"a candidate_id from data/raw/candidates.csv; {r.candidate_id!r} is not one"))
        elif not (str(r.year).isdigit() and election_id(r.year, r.section, r.election_type or "regular") in elections):
            problems.append(Problem(*where, "year, section and election_type of an election in the data"))
    for r in csv["preferred_sources"].itertuples():
        if r.source_id not in source_ids:
            problems.append(Problem("data/raw/preferred_sources.csv", int(r.Index) + 2, ",".join(map(str, r[1:])),
                                    f"a source_id of a clipping in data/raw/clippings; {r.source_id!r} is not one"))
    return problems


def _incumbency(cands: pd.DataFrame, elections: pd.DataFrame, results: pd.DataFrame,
                overrides: dict[tuple[str, str], tuple[bool, str]]) -> pd.DataFrame:
    won = results[results.preferred.fillna(False) & results.elected.fillna(False)]
    winners = won.groupby("election_id").candidate_id.agg(set).to_dict()
    info = elections.set_index("election_id")
    before: dict[str, tuple[str | None, list[str]]] = {}  # election -> (previous regular, by-elections since)
    for eid, e in info.iterrows():
        year, section = int(e.year), e.section
        prev = election_id(year - 2, section) if e.election_type == "regular" else None
        before[eid] = (prev, [b for b, x in info.iterrows() if x.section == section and x.election_type == "by-election"
                              and b != eid and (year - 2 < int(x.year) <= year) and b in winners])
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
        elif prev is not None and prev in winners:
            flag = r.candidate_id in winners[prev]
            inc.append(flag), basis.append(f"{'won' if flag else 'did not win'} {prev}")
        else:
            inc.append(pd.NA), basis.append("unknown: the previous election is not in the data")
    out = cands.copy()
    out["incumbent"], out["incumbent_basis"] = inc, basis
    return out


def build_tables(root: Path | None = None) -> Built:
    """Parse ``data/raw`` under ``root`` and return every processed table, validated."""
    root = root or project_root()
    raw = raw_dir(root)
    parsed, csv = read_raw(raw, root)
    reg = Registry.load(raw)
    warnings: list[str] = []
    sources = _sources(parsed)
    rows = _figure_rows(parsed, reg, set(csv["slate_families"].label))
    prefs = csv["preferred_sources"]

    # elections: from elections.csv, plus any election a clipping is about
    el = csv["elections"].copy()
    el["election_type"] = el.election_type.replace("", "regular")
    el["election_id"] = [election_id(y, s, t) for y, s, t in zip(el.year, el.section, el.election_type)]
    seen = {clip_election(c) for c, _ in parsed} | {r["election_id"] for r in rows["nominations"]}
    for eid in sorted(seen - set(el.election_id)):
        warnings.append(f"{eid} is not in data/raw/elections.csv: seats, voting system and threshold unknown")
        year, _, rest = eid.partition("-")
        section = rest.replace("-by-election", "")
        el.loc[len(el)] = {"year": year, "section": section, "election_id": eid,
                           "election_type": "by-election" if rest.endswith("by-election") else "regular"}
    el = el.fillna("")

    noms = pd.DataFrame(rows["nominations"], columns=[c for c in COLUMNS["nominations"] if c != "preferred"])
    noms["preferred"] = _prefer(noms, ["election_id", "candidate_id"], sources, prefs, "nominations") if len(noms) else []
    res = pd.DataFrame(rows["results"], columns=[c for c in COLUMNS["results"] if c != "preferred"])
    res["preferred"] = _prefer(res, ["election_id", "candidate_id"], sources, prefs, "results") if len(res) else []
    res = coerce(_positions(res), "results")
    noms = coerce(noms, "nominations")
    tot = pd.DataFrame(rows["totals"], columns=[c for c in COLUMNS["totals"] if c != "preferred"])
    tot["preferred"] = _prefer(tot, ["election_id", "measure"], sources, prefs, "totals") if len(tot) else []
    tot = coerce(tot, "totals")

    fam = dict(zip(csv["slate_families"].label, csv["slate_families"].slate_family))
    labels = pd.DataFrame(rows["slate_labels"], columns=["election_id", "candidate_id", "label", "source_id"])
    missing = sorted(set(labels.label) - set(fam))
    if missing:
        raise ValueError(f"slate labels not in data/raw/slate_families.csv: {missing}")
    labels["slate_family"] = labels.label.map(fam)
    labels = labels.drop_duplicates()

    cands = _candidacies(noms, res, labels, rows["clp_nominations"], el, sources)
    problems = _check_registries(csv, set(el.election_id), set(reg.candidates.candidate_id), set(sources.source_id))
    if problems:
        raise ClippingError(problems)
    cands = coerce(_incumbency(cands, el, res, _overrides_map(csv["incumbency_overrides"])), "candidacies")
    elections = _elections(el, cands, noms, res, tot, sources)
    disc = _discrepancies(noms, res, tot, elections, labels, rows["per_body"], rows["clp_nominations"])
    clp = pd.DataFrame(rows["clp_nominations"], columns=COLUMNS["clp_nominations"])
    geography.check_clp_nominations(clp, root)  # a CLP that is no seat stops the build

    tables = {
        "sources": sources, "candidates": reg.candidates, "elections": elections, "totals": tot,
        "candidacies": cands, "slate_labels": labels, "nominations": noms, "clp_nominations": clp,
        "results": res, "discrepancies": disc,
    }
    if reg.added:
        warnings.append(f"new candidates (not yet in candidates.csv): {', '.join(reg.added)}")
    for name, df in tables.items():
        tables[name] = schemas.validate(name, df)
    return Built(tables, warnings)


def _positions(res: pd.DataFrame) -> pd.DataFrame:
    """Position by votes within each election's preferred results (ties share the higher place)."""
    res = res.copy()
    pref = res.preferred.fillna(False) & res.votes.notna()
    ranks = res[pref].groupby("election_id").votes.rank(method="min", ascending=False)
    res["position"] = pd.array([pd.NA] * len(res), dtype="Int64")
    res.loc[ranks.index, "position"] = ranks.astype("Int64")
    return res


def _candidacies(noms: pd.DataFrame, res: pd.DataFrame, labels: pd.DataFrame, clp_rows: list[dict],
                 el: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    keys = pd.concat([noms[["election_id", "candidate_id"]], res[["election_id", "candidate_id"]],
                      labels[["election_id", "candidate_id"]],
                      pd.DataFrame(clp_rows, columns=["election_id", "candidate_id"])]).drop_duplicates()
    info = el.set_index("election_id")
    partial = set(sources.loc[sources.partial, "source_id"])
    # look-ups made once (a filter per candidacy grows with candidacies x rows)
    pref = res[res.preferred.fillna(False)]
    by_election = {eid: g for eid, g in pref.groupby("election_id")}
    outcome = {k: g.elected.iloc[0] for k, g in pref.groupby(["election_id", "candidate_id"])}
    lab_of = {k: g for k, g in labels.groupby(["election_id", "candidate_id"])}
    best_of = noms.groupby(["election_id", "candidate_id"]).nominations.max().to_dict()
    no_labels = labels.iloc[0:0]
    out = []
    for r in keys.sort_values(["election_id", "candidate_id"]).itertuples():
        key = (r.election_id, r.candidate_id)
        e_res = by_election.get(r.election_id, pref.iloc[0:0])
        stood = key in outcome
        complete = not e_res.empty and not set(e_res.source_id) & partial
        lab = lab_of.get(key, no_labels)
        fams = sorted(set(lab.slate_family) - {"unknown"})
        family = fams[0] if len(fams) == 1 else ("contested" if fams else "unknown")
        threshold = info.loc[r.election_id, "ballot_threshold"] if r.election_id in info.index else ""
        best = best_of.get(key, pd.NA)
        if stood:
            on_ballot: object = True
        elif complete:
            on_ballot = False
        elif threshold and pd.notna(best) and best >= int(threshold):
            on_ballot = True
        else:
            on_ballot = pd.NA
        elected = outcome[key] if stood else pd.NA
        seats = info.loc[r.election_id, "seats"] if r.election_id in info.index else ""
        if elected is pd.NA and seats and int(e_res.elected.fillna(False).sum()) == int(seats):
            elected = False  # every seat is accounted for by others
        if elected is pd.NA and complete:
            elected = False
        out.append({"election_id": r.election_id, "candidate_id": r.candidate_id, "slate_family": family,
                    "slate_labels": " | ".join(sorted(set(lab.label))), "on_ballot": on_ballot, "elected": elected})
    return pd.DataFrame(out, columns=["election_id", "candidate_id", "slate_family", "slate_labels", "on_ballot", "elected"])


def _header_flag(sources: pd.DataFrame, source_id: str, key: str) -> bool:
    """Whether source ``source_id``'s header set ``key: yes`` (``partial``, ``truncated``)."""
    return bool(sources.loc[sources.source_id == source_id, key].any())


def _elections(el: pd.DataFrame, cands: pd.DataFrame, noms: pd.DataFrame, res: pd.DataFrame,
               tot: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for e in el.itertuples():
        eid = e.election_id
        e_res = res[(res.election_id == eid) & res.preferred.fillna(False)]
        complete = not e_res.empty and not any(_header_flag(sources, s, "partial") for s in set(e_res.source_id))
        c = cands[cands.election_id == eid]
        table_noms = noms[(noms.election_id == eid) & noms.preferred.fillna(False) & (noms.origin == "table")]
        src = set(table_noms.source_id)
        summed = (int(table_noms.nominations.sum()) if len(src) == 1 and not _header_flag(sources, src.pop(), "partial")
                  and (table_noms.status == "final").all() else pd.NA)
        t = tot[(tot.election_id == eid) & tot.preferred.fillna(False)].set_index("measure").value
        rows.append({
            "election_id": eid, "year": int(e.year), "section": e.section, "election_type": e.election_type,
            "seats": _na(e.seats), "voting_system": _na(e.voting_system), "ballot_threshold": _na(e.ballot_threshold),
            "n_candidates": len(e_res) if complete else pd.NA,
            "n_elected": int(c.elected.fillna(False).sum()) if c.elected.notna().any() else pd.NA,
            "nominations_total_summed": summed,
            "nominations_total_stated": t.get("nominations_total", pd.NA),
            "clps_nominating_stated": t.get("clps_nominating", pd.NA),
            "ballots_cast_stated": t.get("ballots_cast", pd.NA),
            "turnout_pct_stated": t.get("turnout_pct", pd.NA),
        })
    return pd.DataFrame(rows, columns=COLUMNS["elections"])


def _discrepancies(noms: pd.DataFrame, res: pd.DataFrame, tot: pd.DataFrame, elections: pd.DataFrame,
                   labels: pd.DataFrame, per_body: list[dict], clp_rows: list[dict]) -> pd.DataFrame:
    out: list[dict] = []

    def add(eid, cid, measure, a, sa, b, sb, desc):
        out.append({"election_id": eid, "candidate_id": cid, "measure": measure, "value_a": str(a),
                    "source_a": sa, "value_b": str(b), "source_b": sb, "description": desc})

    for df, col, measure in ((noms, "nominations", "nominations"), (res, "votes", "votes")):
        final = df[df.get("status", pd.Series("final", index=df.index)).eq("final") & df[col].notna()]
        is_pref = final.preferred.fillna(False).astype(bool)
        pref = final[is_pref][["election_id", "candidate_id", col, "source_id"]]
        differ = final[~is_pref].merge(pref, on=["election_id", "candidate_id"], suffixes=("", "_p"))
        for o in differ[differ[col] != differ[f"{col}_p"]].itertuples():
            a, b = int(getattr(o, f"{col}_p")), int(getattr(o, col))
            add(o.election_id, o.candidate_id, measure, a, o.source_id_p, b, o.source_id,
                f"{o.source_id_p} gives {a:,} (preferred), {o.source_id} gives {b:,}")
    for (eid, measure), g in tot.groupby(["election_id", "measure"]):
        pref = g[g.preferred.fillna(False)].iloc[0]
        for o in g[~g.preferred.fillna(False)].itertuples():
            if o.value != pref.value:
                add(eid, pd.NA, measure, _fmt(pref.value), pref.source_id, _fmt(o.value), o.source_id,
                    f"stated {measure.replace('_', ' ')}: {pref.source_id} says {_fmt(pref.value)} (preferred), "
                    f"{o.source_id} says {_fmt(o.value)}")
    for e in elections.itertuples():
        if pd.isna(e.nominations_total_summed):
            continue
        srcs = noms[(noms.election_id == e.election_id) & noms.preferred.fillna(False) & (noms.origin == "table")].source_id
        for o in tot[(tot.election_id == e.election_id) & (tot.measure == "nominations_total")].itertuples():
            if o.value != e.nominations_total_summed:
                add(e.election_id, pd.NA, "nominations_total", _fmt(o.value), o.source_id,
                    int(e.nominations_total_summed), "sum:" + "+".join(sorted(set(srcs))),
                    f"{o.source_id} states {_fmt(o.value)} nominations in all; the per-candidate figures "
                    f"({', '.join(sorted(set(srcs)))}) sum to {int(e.nominations_total_summed):,}")
    if per_body:
        listed = pd.DataFrame(clp_rows).groupby(["source_id", "candidate_id"]).size().to_dict() if clp_rows else {}
        for pb in per_body:
            n = listed.get((pb["source_id"], pb["candidate_id"]), 0)
            if n != pb["stated"]:
                why = " (the stored copy is truncated)" if pb["truncated"] else ""
                add(pb["election_id"], pb["candidate_id"], "bodies_listed", pb["stated"], pb["source_id"], n,
                    pb["source_id"], f"{pb['file']}:{pb['line']} states {pb['stated']} nominations but lists {n}{why}")
    for (eid, cid), g in labels.groupby(["election_id", "candidate_id"]):
        fams = g[g.slate_family != "unknown"].drop_duplicates("slate_family")
        if len(fams) > 1:
            a, b = fams.iloc[0], fams.iloc[1]
            add(eid, cid, "slate_family", f"{a.slate_family} ({a.label})", a.source_id,
                f"{b.slate_family} ({b.label})", b.source_id, "sources put this candidate on different slates")
    return pd.DataFrame(out, columns=COLUMNS["discrepancies"])


def _fmt(v: float) -> str:
    return f"{v:g}"


# --------------------------------------------------------------------------- command


def build(root: Path | None = None, out: Path | None = None) -> Built:
    """Build and write every table; return them."""
    root = root or project_root()
    built = build_tables(root)
    for name, df in built.tables.items():
        write_table(df, name, out or processed_dir(root))
    return built


def summary(built: Built) -> str:
    """A short summary per election, for the command line."""
    t = built.tables
    lines = []
    for e in t["elections"].itertuples():
        c = t["candidacies"][t["candidacies"].election_id == e.election_id]
        d = t["discrepancies"][t["discrepancies"].election_id == e.election_id]
        n = t["nominations"][(t["nominations"].election_id == e.election_id)]
        lines.append(
            f"{e.election_id:28} candidates {_s(e.n_candidates):>3}  elected {_s(e.n_elected):>2}/{_s(e.seats):<2} "
            f"nomination rows {len(n):>3}  per-body rows {int((t['clp_nominations'].election_id == e.election_id).sum()):>3}  "
            f"discrepancies {len(d):>2}  candidacies {len(c)}")
    lines += [f"warning: {w}" for w in built.warnings]
    return "\n".join(lines)


def _s(v: object) -> str:
    return "?" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else str(v)


def main(root: Path | None = None) -> int:
    """``python -m nec_analysis build [--root DIR]``: build data/processed and print a summary."""
    try:
        built = build(root)
    except ClippingError as err:
        print(f"data/raw has {len(err.problems)} problem(s); nothing was written:\n{err}", file=sys.stderr)
        return 1
    except (NearMatchError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(summary(built))
    return 0
