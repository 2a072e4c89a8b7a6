"""Analyses of the processed NEC tables: tidy frames in, tidy frames (and plain notes) out.

Every public analysis takes ``tables`` (the dict from :func:`nec_analysis.io.load_tables`,
or synthetic frames with the canonical columns) and returns a :class:`Result`: a tidy
``table`` plus ``notes``, sentences saying what could not be computed and why, and which
figure was used where sources disagree. Analyses never raise for an election in the data:
where nothing can be computed they return an empty table and a note.

Conventions
-----------
* **Figures.** By default the dataset's *preferred* figures (``preferred`` column).
  ``source_id=`` computes with one source's own figures instead (its own table; for an
  earlier election, the figures it printed in brackets), so a claim is checked against
  the figures its author had.
* **Percentages** are kept unrounded; :func:`round_half_up` rounds for display (the way
  articles round: 0.5 goes up). A change in points is the difference of the unrounded
  shares.
* **Ranks** are competition ranks (``1, 2, 2, 4``) by figure, highest first.
* **Denominators.** A candidate's share of CLPs divides by the stated number of CLPs that
  nominated. A share of *nominations* divides by ``denominator="stated"`` (the published
  total; the summed figures where none is published, with a note) or ``"summed"`` (the
  sum of the per-candidate figures used).
* **Gender** is never imputed: unknown is counted and shown as unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

Tables = dict[str, pd.DataFrame]

FAMILY_NAMES = {
    "grassroots_left": "the Grassroots left slate",
    "labour_right": "the Labour right slates",
    "open_labour": "Open Labour",
    "independent": "independents",
    "unknown": "candidates of unknown slate",
    "contested": "candidates whose slate sources disagree on",
}


@dataclass
class Result:
    """An analysis' tidy table and plain-language notes on what it could not do."""

    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def round_half_up(x: float, ndigits: int = 0) -> float:
    """Round as articles do (``0.5`` up, not to even); NA stays NA."""
    if x is None or pd.isna(x):
        return np.nan
    factor = 10.0**ndigits
    return float(np.floor(float(x) * factor + 0.5) / factor)


def election_ids(tables: Tables) -> list[str]:
    """Every election in the data, in year order."""
    el = tables["elections"].sort_values(["year", "section", "election_type"])
    return list(el["election_id"])


def election_row(tables: Tables, election_id: str) -> pd.Series | None:
    """The ``elections`` row of ``election_id`` (None when it is not in the data)."""
    el = tables["elections"]
    rows = el[el["election_id"] == election_id]
    return None if rows.empty else rows.iloc[0]


def _value(row: pd.Series | None, column: str) -> float | None:
    """``row[column]`` as a number, or None when missing."""
    if row is None or pd.isna(row[column]):
        return None
    return float(row[column])


def previous_election(tables: Tables, election_id: str) -> str | None:
    """The regular election of the same section two years earlier, if it is in the data.

    By-elections have no previous cycle; nor has an election whose predecessor is missing
    (2022's predecessor, 2020, is not in the data: comparing with 2014 would mislead).
    """
    row = election_row(tables, election_id)
    if row is None or row["election_type"] != "regular":
        return None
    el = tables["elections"]
    prev = el[(el["section"] == row["section"]) & (el["election_type"] == "regular")
              & (el["year"] == row["year"] - 2)]
    return None if prev.empty else str(prev.iloc[0]["election_id"])


def names(tables: Tables) -> dict[str, str]:
    """candidate_id → display name."""
    cand = tables["candidates"]
    return dict(zip(cand["candidate_id"], cand["display_name"]))


def _name(tables: Tables, candidate_id: str) -> str:
    return names(tables).get(candidate_id, candidate_id)


def _points(change: float) -> str:
    """'up 1.5 points', 'down 2.2 points', 'level' (one decimal)."""
    if round(abs(change), 1) == 0:
        return "level"
    word = "up" if change > 0 else "down"
    return f"{word} {abs(change):.1f} {'point' if round(abs(change), 1) == 1 else 'points'}"


def _date(value: object) -> str:
    """'2022-05-17' → '17 May 2022', '2022-05' → 'May 2022'; anything else as it is."""
    text = str(value)
    for fmt, out in (("%Y-%m-%d", "{d.day} {d:%B %Y}"), ("%Y-%m", "{d:%B %Y}")):
        try:
            return out.format(d=pd.to_datetime(text, format=fmt))
        except ValueError:
            continue
    return text


def _join_names(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def competition_rank(values: pd.Series) -> pd.Series:
    """Rank highest first, ties sharing the best place (``1, 2, 2, 4``); NA stays NA."""
    return values.astype("Float64").rank(method="min", ascending=False).astype("Int64")


def _true(v: object) -> bool:
    """True only for a real True (NA and False are not)."""
    return v is not None and not pd.isna(v) and bool(v)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 seat', '2 seats', '1,377 nominations' (``many`` defaults to ``one`` + 's')."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def election_name(tables: Tables, election_id: str) -> str:
    """'the 2014 CLP-section election' for a reader (the report's wording)."""
    from .report import election_name as name

    return name(tables, election_id)


def _in(tables: Tables, election_id: str) -> str:
    """'In the 2014 CLP-section election' (starts a sentence)."""
    return f"In {election_name(tables, election_id)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bodies(tables: Tables, election_id: str) -> str:
    """What nominates in ``election_id``: 'CLPs', or 'Labour groups' in the councillors' section."""
    row = election_row(tables, election_id)
    return "Labour groups" if row is not None and row["section"] == "local_government" else "CLPs"


#: Short reader-facing names of slate families, for counts ('4 Labour right').
FAMILY_SHORT = {
    "grassroots_left": "Grassroots left",
    "labour_right": "Labour right",
    "open_labour": "Open Labour",
    "independent": "independent",
    "unknown": "slate not known",
    "contested": "sources disagree on the slate",
}


def _source_meta(tables: Tables, source_id: str) -> pd.Series | None:
    src = tables["sources"]
    rows = src[src["source_id"] == source_id]
    return None if rows.empty else rows.iloc[0]


def source_label(tables: Tables, source_id: str | None) -> str:
    """'LabourList (2014-06)' for a source id; 'the preferred figures' for None."""
    if source_id is None:
        return "the preferred figures"
    meta = _source_meta(tables, source_id)
    return source_id if meta is None else f"{meta['publisher']} ({meta['published']})"


def _quality_notes(tables: Tables, source_ids: Iterable[str], what: str) -> list[str]:
    """Notes for sources that are interim, partial or cut off."""
    notes = []
    for sid in sorted(set(source_ids)):
        meta = _source_meta(tables, sid)
        if meta is None:
            continue
        flags = [word for word, on in (("interim", meta["status"] == "interim"),
                                       ("partial (it leaves some candidates out)", _true(meta["partial"])),
                                       ("cut off in the stored copy", _true(meta["truncated"]))) if on]
        if flags:
            notes.append(f"{what} come from {source_label(tables, sid)}, as they stood on"
                         f" {_date(meta['as_of'])}; that list is {' and '.join(flags)}.")
    return notes


def candidacies(tables: Tables, election_id: str) -> pd.DataFrame:
    """Candidacies of one election with display names and gender."""
    cands = tables["candidacies"][tables["candidacies"]["election_id"] == election_id]
    people = tables["candidates"][["candidate_id", "display_name", "gender"]]
    return cands.merge(people, on="candidate_id", how="left")


def results(tables: Tables, election_id: str) -> pd.DataFrame:
    """Preferred results of one election (votes, elected, position)."""
    res = tables["results"]
    res = res[(res["election_id"] == election_id) & (res["preferred"] == True)]  # noqa: E712
    return res[["election_id", "candidate_id", "votes", "elected", "position", "source_id"]]


def slate_families(tables: Tables, election_id: str, source_id: str | None = None) -> pd.Series:
    """candidate_id → slate family: the candidacies' family, or one source's own labels.

    With ``source_id``, candidates that source labelled get the family of its labels
    (``contested`` if its labels map to more than one); others keep the candidacies' family.
    """
    cands = tables["candidacies"]
    fam = cands[cands["election_id"] == election_id].set_index("candidate_id")["slate_family"]
    if source_id is not None:
        lab = tables["slate_labels"]
        lab = lab[(lab["election_id"] == election_id) & (lab["source_id"] == source_id)]
        own = lab.groupby("candidate_id")["slate_family"].agg(
            lambda s: s.iloc[0] if s.nunique() == 1 else "contested")
        fam = own.combine_first(fam)
    return fam.astype("string")


# --------------------------------------------------------------------------- 1. nominations


def nomination_figures(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """The nomination figure per candidate used for ``election_id``.

    Preferred rows by default; with ``source_id`` that source's own table, or, for an
    earlier election, the figures it printed in brackets.
    """
    cols = ["election_id", "candidate_id", "nominations", "rank_stated", "status", "source_id", "origin"]
    nom = tables["nominations"]
    nom = nom[(nom["election_id"] == election_id) & nom["nominations"].notna()]
    notes: list[str] = []
    if source_id is None:
        out = nom[nom["preferred"] == True]  # noqa: E712
    else:
        own = nom[nom["source_id"] == source_id]
        out = own[own["origin"] == "table"]
        if out.empty:
            out = own[own["origin"] == "bracket"]
    if out.empty:
        who = "no source" if source_id is None else source_label(tables, source_id)
        notes.append(f"{_in(tables, election_id)}, {who} gives nomination figures.")
    else:
        notes += _quality_notes(tables, out["source_id"],
                                _cap(f"{election_name(tables, election_id)}'s nomination figures"))
    return Result(out[cols].reset_index(drop=True), notes)


def _previous_figures(tables: Tables, prev_id: str, source_id: str | None) -> pd.DataFrame:
    """Previous-cycle figures: preferred, overridden by what ``source_id`` printed in brackets."""
    base = nomination_figures(tables, prev_id).table.set_index("candidate_id")
    if source_id is not None:
        nom = tables["nominations"]
        br = nom[(nom["election_id"] == prev_id) & (nom["source_id"] == source_id)
                 & (nom["origin"] == "bracket") & nom["nominations"].notna()].set_index("candidate_id")
        base.loc[br.index.intersection(base.index), "nominations"] = br["nominations"]
        base["rank_stated"] = br["rank_stated"].reindex(base.index)
    else:
        base["rank_stated"] = pd.NA
    base["rank"] = competition_rank(base["nominations"])
    return base


def _nominations_denominator(tables: Tables, election_id: str, figures: pd.DataFrame,
                             denominator: str) -> tuple[float | None, str, list[str]]:
    """(value, kind, notes) of the total that shares of nominations divide by."""
    if denominator not in ("stated", "summed"):
        raise ValueError(f"denominator must be 'stated' or 'summed', not {denominator!r}")
    summed = float(figures["nominations"].sum()) if not figures.empty else None
    stated = _value(election_row(tables, election_id), "nominations_total_stated")
    if denominator == "stated" and stated is not None:
        note = [] if summed is None or summed == stated else [
            f"{_in(tables, election_id)}, shares of nominations are of the published total of"
            f" {stated:,.0f}; the candidates' own figures add up to {summed:,.0f}."]
        return stated, "stated", note
    if denominator == "stated":
        return summed, "summed", [f"{_in(tables, election_id)}, no total of nominations was published, so"
                                  f" shares are of the {summed or 0:,.0f} the candidates' figures add up to."]
    return summed, "summed", [] if summed is None else [
        f"{_in(tables, election_id)}, shares of nominations are of the {summed:,.0f} the candidates'"
        " figures add up to."]


def nomination_shares(tables: Tables, election_id: str, source_id: str | None = None,
                      denominator: str = "stated") -> Result:
    """Each candidate's nominations, rank, share of CLPs and of nominations, and change.

    ``share_of_clps_pct`` = nominations / CLPs that nominated (stated); ``share_of_nominations_pct``
    divides by the ``denominator`` total. ``change_pts`` and ``change_places`` compare with
    the previous cycle (positive = up); ``prev_rank`` is computed from the previous
    election's full table, ``prev_rank_stated`` is what the source printed.
    """
    fig = nomination_figures(tables, election_id, source_id)
    notes = list(fig.notes)
    out = fig.table.copy()
    if out.empty:
        return Result(out, notes)
    out["display_name"] = out["candidate_id"].map(names(tables))
    out["slate_family"] = out["candidate_id"].map(slate_families(tables, election_id, source_id))
    out["rank"] = competition_rank(out["nominations"])
    clps = _value(election_row(tables, election_id), "clps_nominating_stated")
    if clps is None:
        bodies = _bodies(tables, election_id)
        notes.append(f"{_in(tables, election_id)}, no source says how many {bodies} nominated, so no"
                     f" candidate's share of the nominating {bodies} can be given.")
    out["share_of_clps_pct"] = out["nominations"].astype("Float64") / clps * 100 if clps else pd.NA
    total, kind, more = _nominations_denominator(tables, election_id, out, denominator)
    notes += more
    out["denominator"] = kind
    out["denominator_value"] = total
    out["share_of_nominations_pct"] = out["nominations"].astype("Float64") / total * 100 if total else pd.NA
    out = _add_previous(tables, election_id, out, source_id, notes)
    cols = ["election_id", "candidate_id", "display_name", "slate_family", "nominations", "rank",
            "rank_stated", "share_of_clps_pct", "share_of_nominations_pct", "denominator",
            "denominator_value", "prev_election_id", "prev_nominations", "prev_rank", "prev_rank_stated",
            "prev_share_of_clps_pct", "change_pts", "change_places", "status", "source_id"]
    return Result(out[cols].sort_values(["rank", "candidate_id"]).reset_index(drop=True), notes)


def _add_previous(tables: Tables, election_id: str, out: pd.DataFrame, source_id: str | None,
                  notes: list[str]) -> pd.DataFrame:
    """Add previous-cycle figures, ranks, shares and changes to ``out``."""
    prev_id = previous_election(tables, election_id)
    out["prev_election_id"] = prev_id
    for col in ("prev_nominations", "prev_rank", "prev_rank_stated"):
        out[col] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["prev_share_of_clps_pct"] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    if prev_id is None:
        notes.append(f"{_in(tables, election_id)}, there is no previous election of the same section"
                     " in the data to compare with, so no changes since last time.")
    else:
        prev = _previous_figures(tables, prev_id, source_id)
        ids = out["candidate_id"]
        out["prev_nominations"] = ids.map(prev["nominations"]).astype("Int64")
        out["prev_rank"] = ids.map(prev["rank"]).astype("Int64")
        out["prev_rank_stated"] = ids.map(prev["rank_stated"]).astype("Int64")
        prev_clps = _value(election_row(tables, prev_id), "clps_nominating_stated")
        if prev_clps:
            out["prev_share_of_clps_pct"] = out["prev_nominations"].astype("Float64") / prev_clps * 100
        else:
            notes.append(f"{_in(tables, prev_id)}, no source says how many {_bodies(tables, prev_id)}"
                         " nominated, so changes in share cannot be given.")
    out["change_pts"] = out["share_of_clps_pct"].astype("Float64") - out["prev_share_of_clps_pct"]
    out["change_places"] = (out["prev_rank"] - out["rank"]).astype("Int64")
    return out


def slate_nomination_shares(tables: Tables, election_id: str, source_id: str | None = None,
                            denominator: str = "stated") -> Result:
    """Each slate family's nominations, share of all nominations, and change since last cycle.

    Slate families come from ``source_id``'s own labels where it gave them; the previous
    cycle uses the candidacies' families and preferred figures (with the source's
    bracketed figures where it printed them).
    """
    shares = nomination_shares(tables, election_id, source_id, denominator)
    notes = list(shares.notes)
    now = shares.table
    if now.empty:
        return Result(pd.DataFrame(), notes)
    out = _family_totals(now, "nominations", "candidates")
    total = float(now["denominator_value"].iloc[0])
    out["share_pct"] = out["nominations"] / total * 100
    out["denominator"] = now["denominator"].iloc[0]
    out["denominator_value"] = total
    prev_id = previous_election(tables, election_id)
    out["prev_election_id"] = prev_id
    out["prev_nominations"] = pd.NA
    out["prev_share_pct"] = np.nan
    if prev_id is not None:
        prev = _previous_figures(tables, prev_id, source_id).reset_index()
        prev["slate_family"] = prev["candidate_id"].map(slate_families(tables, prev_id))
        prev_tot = _family_totals(prev, "nominations", "candidates").set_index("slate_family")
        prev_total, _, more = _nominations_denominator(tables, prev_id, prev, out["denominator"].iloc[0])
        notes += more
        out["prev_nominations"] = out["slate_family"].map(prev_tot["nominations"])
        out["prev_share_pct"] = out["prev_nominations"].astype(float) / prev_total * 100
    out["change_pts"] = out["share_pct"] - out["prev_share_pct"]
    out.insert(0, "election_id", election_id)
    out["figures"] = source_id or "preferred"
    return Result(out.sort_values("nominations", ascending=False).reset_index(drop=True), notes)


def _family_totals(frame: pd.DataFrame, column: str, count_name: str) -> pd.DataFrame:
    """Sum ``column`` and count candidates per slate family (unknown families as 'unknown')."""
    fam = frame.assign(slate_family=frame["slate_family"].fillna("unknown"))
    out = fam.groupby("slate_family", as_index=False).agg(
        **{count_name: ("candidate_id", "size"), column: (column, "sum")})
    out[column] = out[column].astype(float)
    return out


def nomination_sources(tables: Tables, election_id: str) -> list[str | None]:
    """``None`` (preferred) plus every final, complete source with its own table for ``election_id``.

    Partial tables (a few names only) are left out: their ranks are not comparable.
    """
    nom = tables["nominations"]
    own = nom[(nom["election_id"] == election_id) & (nom["origin"] == "table") & (nom["status"] == "final")]
    partial = {sid for sid in own["source_id"].unique()
               if (meta := _source_meta(tables, sid)) is not None and _true(meta["partial"])}
    return [None, *sorted(set(own["source_id"]) - partial)]


def claim_under_each_source(tables: Tables, election_id: str, claim: Callable[[pd.DataFrame], object],
                            analysis: Callable[..., Result] = nomination_shares,
                            denominators: Iterable[str] = ("stated", "summed")) -> pd.DataFrame:
    """Evaluate ``claim`` (a function of an analysis table) under each source and denominator.

    Returns one row per (figures, denominator) with the claim's ``value``: shows where the
    preferred figures, or another source's, would change a published claim.
    """
    rows = []
    for sid in nomination_sources(tables, election_id):
        for den in denominators:
            table = analysis(tables, election_id, source_id=sid, denominator=den).table
            rows.append({"election_id": election_id, "figures": sid or "preferred",
                         "denominator": den, "value": claim(table) if not table.empty else None})
    return pd.DataFrame(rows)


def rank_differences(tables: Tables, election_id: str) -> Result:
    """Candidates whose nomination rank differs between the final sources of ``election_id``."""
    frames = []
    for sid in nomination_sources(tables, election_id)[1:]:
        t = nomination_shares(tables, election_id, sid).table
        frames.append(t[["candidate_id", "display_name", "nominations", "rank"]].assign(source_id=sid))
    if len(frames) < 2:
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, fewer than two sources give final"
                                       " nomination figures, so there is nothing to compare."])
    both = pd.concat(frames, ignore_index=True)
    varies = both.groupby("candidate_id")["rank"].transform("nunique") > 1
    out = both[varies].sort_values(["candidate_id", "source_id"]).reset_index(drop=True)
    return Result(out.assign(election_id=election_id), [])


def describe_nominations(tables: Tables, election_id: str, source_id: str | None = None) -> list[str]:
    """Sentences on the nomination leaders, movers and slate shares of ``election_id``."""
    res = nomination_shares(tables, election_id, source_id)
    t = res.table
    if t.empty:
        return res.notes
    out = []
    top = t.iloc[0]
    bodies = _bodies(tables, election_id)
    share = ("" if pd.isna(top["share_of_clps_pct"])
             else f" ({round_half_up(top['share_of_clps_pct']):.0f}% of the {bodies} that nominated)")
    by = _join_names(sorted({source_label(tables, sid) for sid in t["source_id"].dropna()}))
    out.append(f"{_in(tables, election_id)}, {top['display_name']} led the nominations with"
               f" {top['nominations']:,}{share}, according to {by or 'the sources'}.")
    moved = t.dropna(subset=["change_places"])
    if not moved.empty:
        up = moved.sort_values("change_places", ascending=False).iloc[0]
        down = moved.sort_values("change_places").iloc[0]
        for row, word in ((up, "rose"), (down, "fell")):
            if row["change_places"] != 0:
                out.append(f"{row['display_name']} {word} {plural(abs(int(row['change_places'])), 'place', 'places')}"
                           f" to {ordinal(int(row['rank']))} in nominations (from {ordinal(int(row['prev_rank']))}"
                           f" in {election_name(tables, row['prev_election_id'])}).")
    slates = slate_nomination_shares(tables, election_id, source_id).table
    for _, s in slates.iterrows():
        change = ("" if pd.isna(s["change_pts"]) else
                  f", {_points(s['change_pts'])} on {election_name(tables, s['prev_election_id'])}")
        family = FAMILY_NAMES.get(s["slate_family"], s["slate_family"])
        of = (f"the published total of {s['denominator_value']:,.0f}" if s["denominator"] == "stated"
              else f"the {s['denominator_value']:,.0f} the candidates' figures add up to")
        out.append(f"{_cap(family)} had {s['share_pct']:.1f}% of nominations"
                   f" ({s['nominations']:,.0f} of {of}){change}.")
    diffs = rank_differences(tables, election_id).table
    for cid, grp in diffs.groupby("candidate_id") if not diffs.empty else []:
        places = "; ".join(f"{ordinal(int(r['rank']))} by {source_label(tables, r['source_id'])}"
                           for _, r in grp.iterrows())
        out.append(f"Sources disagree on {grp['display_name'].iloc[0]}'s place in nominations: {places}.")
    return out + res.notes


# --------------------------------------------------------------------------- 2. slates


def slate_summary(tables: Tables, election_id: str | None = None) -> Result:
    """Candidates, nominations, votes and seats by slate family, per election (all if None).

    Shares are of the election's candidates' summed figures; ``*_per_seat`` divide a
    family's nominations or votes by the seats it won.
    """
    ids = election_ids(tables) if election_id is None else [election_id]
    frames, notes = [], []
    for eid in ids:
        cands = candidacies(tables, eid)
        cands = cands[cands["on_ballot"] != False]  # noqa: E712  (True or unknown)
        if cands.empty:
            notes.append(f"{_in(tables, eid)}, no candidates are recorded.")
            continue
        noms = nomination_figures(tables, eid).table.set_index("candidate_id")["nominations"]
        res = results(tables, eid).set_index("candidate_id")
        c = cands.assign(nominations=cands["candidate_id"].map(noms).astype("Float64"),
                         votes=cands["candidate_id"].map(res["votes"]).astype("Float64"),
                         won=cands["elected"].fillna(False).astype(bool),
                         slate_family=cands["slate_family"].fillna("unknown"))
        g = c.groupby("slate_family").agg(candidates=("candidate_id", "size"), elected=("won", "sum"),
                                          nominations=("nominations", lambda s: s.sum(min_count=1)),
                                          votes=("votes", lambda s: s.sum(min_count=1))).reset_index()
        for col in ("nominations", "votes"):
            g[f"{col}_share_pct"] = g[col] / g[col].sum() * 100
            g[f"{col}_per_seat"] = g[col] / g["elected"].where(g["elected"] > 0)
        g["seats_share_pct"] = g["elected"] / max(int(g["elected"].sum()), 1) * 100
        frames.append(g.assign(election_id=eid))
        if c["votes"].isna().all():
            notes.append(f"{_in(tables, eid)}, no vote figures were published (only who was elected),"
                         " so votes by slate cannot be given.")
        if c["nominations"].isna().all():
            notes.append(f"{_in(tables, eid)}, no source gives nomination figures, so nominations by"
                         " slate cannot be given.")
        elif c["nominations"].isna().any():
            missing = c.loc[c["nominations"].isna(), "display_name"]
            notes.append(f"{_in(tables, eid)}, no nomination figure is known for {_join_names(missing)};"
                         " shares of nominations are of the candidates with figures.")
    if not frames:
        return Result(pd.DataFrame(), notes)
    out = pd.concat(frames, ignore_index=True)
    first = ["election_id", "slate_family"]
    return Result(out[first + [c for c in out.columns if c not in first]], notes)


def slate_mates(tables: Tables, election_id: str) -> Result:
    """Each candidate's votes and place against the others on the same slate.

    ``place_in_slate`` is the order by votes within the family; ``votes_vs_mates_pct`` the
    candidate's votes as a percentage of the mean of their slate-mates'.
    """
    c = _with_results(tables, election_id)
    if c.empty or c["votes"].isna().all():
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, no vote figures were published, so"
                                       " candidates cannot be compared with their slate-mates."])
    c = c.dropna(subset=["votes"])
    notes = []
    solo = c[c["slate_family"].isin(["unknown", "independent"])]
    if not solo.empty:
        notes.append(f"{_in(tables, election_id)}, {plural(len(solo), 'candidate', 'candidates')} on no"
                     " slate, or on a slate not known, had no slate-mates to compare with.")
    c = c[~c["slate_family"].isin(["unknown", "independent"])].copy()
    grp = c.groupby("slate_family")["votes"]
    c["place_in_slate"] = grp.rank(method="min", ascending=False).astype("Int64")
    c["slate_size"] = grp.transform("size")
    others = (grp.transform("sum") - c["votes"]) / (c["slate_size"] - 1).where(c["slate_size"] > 1)
    c["votes_vs_mates_pct"] = c["votes"] / others * 100
    cols = ["election_id", "slate_family", "candidate_id", "display_name", "gender", "votes", "position",
            "elected", "place_in_slate", "slate_size", "votes_vs_mates_pct"]
    return Result(c[cols].sort_values(["slate_family", "place_in_slate"]).reset_index(drop=True), notes)


def _with_results(tables: Tables, election_id: str) -> pd.DataFrame:
    """On-ballot candidacies of one election joined to their preferred results."""
    cands = candidacies(tables, election_id)
    cands = cands[cands["on_ballot"] == True]  # noqa: E712
    res = results(tables, election_id)[["candidate_id", "votes", "position"]]
    out = cands.merge(res, on="candidate_id", how="left")
    out["slate_family"] = out["slate_family"].fillna("unknown")
    return out


def describe_slates(tables: Tables, election_id: str) -> list[str]:
    """Sentences on each slate's seats, nominations and votes in ``election_id``."""
    res = slate_summary(tables, election_id)
    out = []
    for _, r in res.table.sort_values("elected", ascending=False).iterrows():
        bits = [f"{plural(int(r['candidates']), 'candidate', 'candidates')}, {int(r['elected'])} elected"]
        if not pd.isna(r["nominations_share_pct"]):
            bits.append(f"{r['nominations_share_pct']:.0f}% of nominations")
        if not pd.isna(r["votes_share_pct"]):
            bits.append(f"{r['votes_share_pct']:.0f}% of votes")
        if not pd.isna(r["votes_per_seat"]):
            bits.append(f"{r['votes_per_seat']:,.0f} votes per seat won")
        out.append(f"{_in(tables, election_id)}, {FAMILY_NAMES.get(r['slate_family'], r['slate_family'])}: "
                   + ", ".join(bits) + ".")
    return out + res.notes


# --------------------------------------------------------------------------- 3. gender


def gender_summary(tables: Tables, elections: Iterable[str] | None = None,
                   by_slate: bool = False) -> Result:
    """Women, men and unknown among candidates on the ballot and among the elected.

    One row per (scope, slate_family, group): scope is an election, or ``<year> all
    sections`` where a year has several regular elections. ``women_pct_of_known`` excludes
    unknown gender; ``unknown`` counts it (gender is never imputed).
    """
    ids = list(elections) if elections is not None else election_ids(tables)
    frames, notes = [], []
    scopes = {eid: [eid] for eid in ids}
    el = tables["elections"][tables["elections"]["election_id"].isin(ids)]
    for year, grp in el[el["election_type"] == "regular"].groupby("year"):
        if len(grp) > 1:
            scopes[f"{year} all sections"] = list(grp["election_id"])
    for scope, members in scopes.items():
        c = pd.concat([candidacies(tables, e) for e in members], ignore_index=True)
        unknown_ballot = c["on_ballot"].isna().sum()
        if unknown_ballot and scope in ids:
            notes.append(f"{_in(tables, scope)}, {plural(int(unknown_ballot), 'nominee', 'nominees')} not"
                         " known to have reached the ballot paper are left out of the counts of candidates.")
        c = c[c["on_ballot"] == True]  # noqa: E712
        if c.empty:
            continue
        c = c.assign(slate_family=c["slate_family"].fillna("unknown") if by_slate else "all")
        for group, sub in (("candidates", c), ("elected", c[c["elected"] == True])):  # noqa: E712
            g = sub.groupby("slate_family").agg(
                n=("candidate_id", "size"), women=("gender", lambda s: int((s == "F").sum())),
                men=("gender", lambda s: int((s == "M").sum())),
                unknown=("gender", lambda s: int(s.isna().sum()))).reset_index()
            if g.empty and not by_slate:
                g = pd.DataFrame([{"slate_family": "all", "n": 0, "women": 0, "men": 0, "unknown": 0}])
            frames.append(g.assign(scope=scope, group=group))
    if not frames:
        return Result(pd.DataFrame(), notes + ["No candidacies on the ballot."])
    out = pd.concat(frames, ignore_index=True)
    known = (out["women"] + out["men"]).where(lambda s: s > 0)
    out["women_pct_of_known"] = out["women"] / known * 100
    cols = ["scope", "slate_family", "group", "n", "women", "men", "unknown", "women_pct_of_known"]
    return Result(out[cols], notes)


def gender_within_slates(tables: Tables, election_id: str) -> Result:
    """Women and men on the same slate: how many, how many elected, mean place and votes."""
    c = _with_results(tables, election_id)
    if c.empty:
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, no candidates on the ballot paper"
                                       " are recorded."])
    c["gender"] = c["gender"].fillna("unknown")
    g = c.groupby(["slate_family", "gender"]).agg(
        candidates=("candidate_id", "size"), elected=("elected", lambda s: int((s == True).sum())),  # noqa: E712
        mean_position=("position", lambda s: s.astype("Float64").mean()),
        mean_votes=("votes", lambda s: s.astype("Float64").mean())).reset_index()
    notes = []
    if c["votes"].isna().all():
        notes.append(f"{_in(tables, election_id)}, no vote figures or places were published; only who"
                     " was elected is compared.")
    if (c["gender"] == "unknown").any():
        n_unknown = int((c["gender"] == "unknown").sum())
        notes.append(f"{_in(tables, election_id)}, no source states the gender of"
                     f" {plural(n_unknown, 'candidate', 'candidates')}; they are shown as 'unknown'.")
    return Result(g.assign(election_id=election_id), notes)


def men_above_women_on_slate(tables: Tables, election_id: str) -> Result:
    """Every (man, woman) pair on the same slate where the man finished above the woman."""
    c = _with_results(tables, election_id).dropna(subset=["position"])
    if c.empty:
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, no places by votes were published,"
                                       " so women and men on the same slate cannot be compared."])
    c = c[~c["slate_family"].isin(["unknown", "independent"])]
    men, women = c[c["gender"] == "M"], c[c["gender"] == "F"]
    pairs = men.merge(women, on="slate_family", suffixes=("_man", "_woman"))
    pairs = pairs[pairs["position_man"] < pairs["position_woman"]]
    cols = ["slate_family", "candidate_id_man", "position_man", "candidate_id_woman", "position_woman"]
    unknown = c[c["gender"].isna()]
    notes = [] if unknown.empty else [
        f"{_in(tables, election_id)}, no source states the gender of {_join_names(unknown['display_name'])},"
        " so they are left out of the comparison of women and men on the same slate."]
    if c.empty:
        notes.append(f"{_in(tables, election_id)}, no candidate is known to have stood on a slate, so"
                     " women and men on the same slate cannot be compared.")
    elif pairs.empty:
        notes.append(f"{_in(tables, election_id)}, no man of known gender finished above a woman on"
                     " his own slate.")
    return Result(pairs[cols].assign(election_id=election_id).reset_index(drop=True), notes)


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
        women, men = int(r["women"]), int(r["men"])
        out.append(f"{where}, {women} of the {r['n']:,} {who} {'was a woman' if women == 1 else 'were women'}"
                   f" and {men} {'was a man' if men == 1 else 'were men'}"
                   + (f"; no source states the gender of {r['unknown']:,}" if r["unknown"] else "") + ".")
    pairs = men_above_women_on_slate(tables, election_id)
    if "position_man" in pairs.table:
        men = sorted(set(pairs.table["candidate_id_man"]))
        if men:
            out.append(f"{_in(tables, election_id)}, men who finished above a woman on their own slate: "
                       f"{_join_names(_name(tables, m) for m in men)}.")
    own = [n for n in res.notes if n.startswith(_in(tables, election_id))]
    return out + own + pairs.notes


def _same_year(tables: Tables, election_id: str) -> list[str]:
    row = election_row(tables, election_id)
    if row is None or row["election_type"] != "regular":
        return []
    el = tables["elections"]
    return list(el[(el["year"] == row["year"]) & (el["election_type"] == "regular")
                   & (el["election_id"] != election_id)]["election_id"])


# --------------------------------------------------------------------------- 4. incumbency


def incumbent_outcomes(tables: Tables, election_id: str) -> Result:
    """Each candidate's incumbency and outcome: re-elected, defeated, newly elected, not elected."""
    c = candidacies(tables, election_id)
    c = c[c["on_ballot"] != False]  # noqa: E712
    if c.empty:
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, no candidates are recorded."])

    def outcome(r: pd.Series) -> str:
        if pd.isna(r["elected"]):
            return "outcome unknown"
        if pd.isna(r["incumbent"]):
            return "elected, incumbency unknown" if r["elected"] else "not elected, incumbency unknown"
        if r["incumbent"]:
            return "re-elected" if r["elected"] else "defeated"
        return "newly elected" if r["elected"] else "not elected"

    c = c.assign(outcome=c.apply(outcome, axis=1))
    res = results(tables, election_id).set_index("candidate_id")
    c["position"] = c["candidate_id"].map(res["position"]).astype("Int64")
    notes = []
    if c["incumbent"].isna().any():
        unknown = int(c["incumbent"].isna().sum())
        notes.append(f"{_in(tables, election_id)}, whether {plural(unknown, 'candidate', 'candidates')}"
                     f" already held a seat is not known (the previous election of the section is not in"
                     " the data).")
    cols = ["election_id", "candidate_id", "display_name", "slate_family", "incumbent", "elected",
            "position", "outcome"]
    return Result(c[cols].reset_index(drop=True), notes)


def incumbency(tables: Tables, election_id: str | None = None) -> Result:
    """Per election: seats, incumbents standing, re-elected, defeated, newcomers, re-election rate."""
    rows, notes = [], []
    for eid in election_ids(tables) if election_id is None else [election_id]:
        oc = incumbent_outcomes(tables, eid)
        notes += oc.notes
        t = oc.table
        n = (lambda k: int((t["outcome"] == k).sum())) if not t.empty else (lambda k: 0)
        standing = n("re-elected") + n("defeated")
        seats = _value(election_row(tables, eid), "seats")
        rows.append({"election_id": eid, "seats": seats, "incumbents_standing": standing,
                     "re_elected": n("re-elected"), "defeated": n("defeated"),
                     "newly_elected": n("newly elected"),
                     "incumbency_unknown": int(t["incumbent"].isna().sum()) if not t.empty else 0,
                     "seats_not_defended": (seats - standing) if seats is not None and standing
                     and t["incumbent"].notna().all() else np.nan,
                     "reelection_rate_pct": n("re-elected") / standing * 100 if standing else np.nan})
        if not standing:
            notes.append(f"{_in(tables, eid)}, no candidate is known to have held a seat already, so"
                         " there is no re-election rate.")
    return Result(pd.DataFrame(rows), notes)


def replacements(tables: Tables, election_id: str) -> Result:
    """Who replaced whom: defeated incumbents beside newly elected candidates, in order of place.

    With one change the pairing is exact; with several it pairs by place, and newcomers
    beyond the defeated incumbents took seats whose holders did not stand (``left`` empty).
    """
    t = incumbent_outcomes(tables, election_id).table
    if t.empty or t["incumbent"].isna().all():
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, who already held a seat is not known,"
                                       " so who replaced whom cannot be said."])
    key = ["position", "display_name"]
    gone = t[t["outcome"] == "defeated"].sort_values(key)["candidate_id"].tolist()
    new = t[t["outcome"] == "newly elected"].sort_values(key)["candidate_id"].tolist()
    n = max(len(gone), len(new))
    gone += [pd.NA] * (n - len(gone))
    new += [pd.NA] * (n - len(new))
    out = pd.DataFrame({"election_id": election_id, "left": gone, "replaced_by": new})
    notes = [] if n <= 1 else [f"{_in(tables, election_id)}, {n} seats changed hands; the table pairs"
                               " those who left with newcomers by place, not as one-to-one replacements."]
    unknown = t[t["incumbent"].isna() & (t["elected"] == True)]  # noqa: E712
    if not unknown.empty:
        notes.append(f"{_in(tables, election_id)}, it is not known whether"
                     f" {_join_names(unknown['display_name'])} already held a seat, so other changes"
                     " may be missing.")
    return Result(out, notes)


def describe_incumbency(tables: Tables, election_id: str) -> list[str]:
    """Sentences on incumbents re-elected and who replaced whom."""
    res = incumbency(tables, election_id)
    r = res.table.iloc[0]
    if not r["incumbents_standing"]:
        return res.notes
    standing, back = int(r["incumbents_standing"]), int(r["re_elected"])
    if standing == 1:
        line = f"the one incumbent who stood {'was' if back else 'was not'} re-elected"
    else:
        line = (f"{back} of the {standing} incumbents who stood {'was' if back == 1 else 'were'}"
                f" re-elected ({r['reelection_rate_pct']:.0f}%)")
    out = [f"{_in(tables, election_id)}, {line}."]
    rep = replacements(tables, election_id)
    pairs = rep.table.dropna(subset=["left", "replaced_by"]) if not rep.table.empty else rep.table
    if len(rep.table) == 1 and len(pairs) == 1:
        p = pairs.iloc[0]
        out.append(f"{_in(tables, election_id)}, {_name(tables, p['left'])} was replaced by"
                   f" {_name(tables, p['replaced_by'])}.")
    elif not rep.table.empty:
        gone = [_name(tables, c) for c in rep.table["left"].dropna()]
        new = [_name(tables, c) for c in rep.table["replaced_by"].dropna()]
        out.append(f"{_in(tables, election_id)}, {_join_names(gone) or 'no incumbent'}"
                   f" {'was' if len(gone) <= 1 else 'were'} defeated and"
                   f" {_join_names(new) or 'nobody'} {'was' if len(new) <= 1 else 'were'} newly elected.")
    out += rep.notes
    if not pd.isna(r["seats_not_defended"]) and r["seats_not_defended"] > 0:
        out.append(f"{_in(tables, election_id)}, {plural(int(r['seats_not_defended']), 'seat was', 'seats were')}"
                   " not defended by a sitting member.")
    return out + res.notes


# --------------------------------------------------------------------------- 5. nominations vs votes


def nominations_vs_votes(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """Per candidate: nomination rank against vote position, votes per nomination.

    ``places_gained`` = nomination rank − vote position (positive: did better in the
    ballot than in nominations); ``performance`` labels it over/under/as ranked.
    """
    fig = nomination_figures(tables, election_id, source_id)
    res = results(tables, election_id)
    notes = list(fig.notes)
    if fig.table.empty or res.empty or res["votes"].isna().all():
        what = "nomination figures" if fig.table.empty else "vote figures"
        return Result(pd.DataFrame(), notes + [f"{_in(tables, election_id)}, no {what} were published, so"
                                               " nominations cannot be set against votes."])
    both = fig.table[["candidate_id", "nominations"]].merge(
        res[["candidate_id", "votes", "position", "elected"]], on="candidate_id", how="inner")
    both = both.dropna(subset=["votes"])
    both["nomination_rank"] = competition_rank(both["nominations"])
    both["vote_rank"] = competition_rank(both["votes"])
    both["votes_per_nomination"] = both["votes"].astype(float) / both["nominations"].astype(float)
    both["places_gained"] = (both["nomination_rank"] - both["vote_rank"]).astype("Int64")
    both["performance"] = np.select([both["places_gained"] > 0, both["places_gained"] < 0],
                                    ["over", "under"], "as ranked")
    both["display_name"] = both["candidate_id"].map(names(tables))
    missing = set(res["candidate_id"]) ^ set(fig.table["candidate_id"])
    if missing:
        notes.append(f"{_in(tables, election_id)}, {_join_names(sorted(_name(tables, m) for m in missing))}"
                     f" {'has' if len(missing) == 1 else 'have'} a nomination figure or a vote figure"
                     " but not both, so " + ("is" if len(missing) == 1 else "are")
                     + " left out of the comparison.")
    return Result(both.assign(election_id=election_id).sort_values("vote_rank").reset_index(drop=True), notes)


def rank_correlation(tables: Tables, election_id: str | None = None, source_id: str | None = None) -> Result:
    """Spearman rank correlation of nominations and votes, per election (scipy)."""
    from scipy.stats import spearmanr

    rows, notes = [], []
    for eid in election_ids(tables) if election_id is None else [election_id]:
        nv = nominations_vs_votes(tables, eid, source_id)
        if len(nv.table) < 3:
            notes += nv.notes or [f"{_in(tables, eid)}, fewer than 3 candidates have both nomination and"
                                  " vote figures, too few for a rank correlation."]
            continue
        rho, p = spearmanr(nv.table["nominations"].astype(float), nv.table["votes"].astype(float))
        rows.append({"election_id": eid, "n": len(nv.table), "spearman_rho": float(rho), "p_value": float(p)})
        notes += nv.notes
    return Result(pd.DataFrame(rows, columns=["election_id", "n", "spearman_rho", "p_value"]), notes)


def top_n_elected(tables: Tables, election_id: str, source_id: str | None = None) -> Result:
    """Whether the nomination top N (N = seats) became the elected N; works without votes."""
    fig = nomination_figures(tables, election_id, source_id).table
    seats = _value(election_row(tables, election_id), "seats")
    c = candidacies(tables, election_id)
    if fig.empty or seats is None or c["elected"].isna().all():
        missing = [what for what, gone in (("nomination figures", fig.empty), ("the number of seats", seats is None),
                                           ("who was elected", c["elected"].isna().all())) if gone]
        return Result(pd.DataFrame(), [f"{_in(tables, election_id)}, whether the leaders in nominations were"
                                       f" elected cannot be said: the data lack {_join_names(missing)}."])
    fig = fig.assign(nomination_rank=competition_rank(fig["nominations"]))
    out = c[["candidate_id", "display_name", "elected"]].merge(
        fig[["candidate_id", "nominations", "nomination_rank"]], on="candidate_id", how="outer")
    out["in_top_n"] = out["nomination_rank"] <= seats
    out = out[(out["in_top_n"] == True) | (out["elected"] == True)]  # noqa: E712
    notes = []
    no_fig = out[out["nominations"].isna()]
    if not no_fig.empty:
        notes.append(f"{_in(tables, election_id)}, {_join_names(no_fig['display_name'])}"
                     f" {'was' if len(no_fig) == 1 else 'were'} elected without a nomination figure in"
                     " the source used.")
    return Result(out.assign(election_id=election_id, seats=int(seats)).reset_index(drop=True), notes)


def winning_margins(tables: Tables, election_id: str | None = None) -> Result:
    """Votes of the last elected candidate (the winning threshold) and margin to the first loser."""
    rows, notes = [], []
    for eid in election_ids(tables) if election_id is None else [election_id]:
        r = results(tables, eid).dropna(subset=["votes"])
        won, lost = r[r["elected"] == True], r[r["elected"] == False]  # noqa: E712
        if won.empty or lost.empty:
            notes.append(f"{_in(tables, eid)}, no vote figures were published for both elected and"
                         " defeated candidates, so there is no winning threshold or margin.")
            continue
        last = won.sort_values("votes").iloc[0]
        first = lost.sort_values("votes", ascending=False).iloc[0]
        rows.append({"election_id": eid, "seats": int(len(won)), "last_elected": last["candidate_id"],
                     "last_elected_position": last["position"], "threshold_votes": int(last["votes"]),
                     "first_loser": first["candidate_id"], "first_loser_votes": int(first["votes"]),
                     "margin": int(last["votes"] - first["votes"]),
                     "margin_pct": float((last["votes"] - first["votes"]) / last["votes"] * 100)})
    return Result(pd.DataFrame(rows), notes)


def describe_nominations_vs_votes(tables: Tables, election_id: str) -> list[str]:
    """Sentences on how nominations translated into votes and seats."""
    out, notes = [], []
    where = _in(tables, election_id)
    corr = rank_correlation(tables, election_id)
    notes += corr.notes
    for _, r in corr.table.iterrows():
        p = "p < 0.001" if r["p_value"] < 0.001 else f"p = {r['p_value']:.3f}"
        out.append(f"{where}, the order by nominations and the order by votes agreed to a rank"
                   f" correlation (Spearman's) of {r['spearman_rho']:.2f} across {r['n']} candidates ({p}).")
    nv = nominations_vs_votes(tables, election_id).table
    if not nv.empty and (nv["places_gained"] != 0).any():
        best = nv.sort_values("places_gained", ascending=False).iloc[0]
        worst = nv.sort_values("places_gained").iloc[0]
        out.append(f"{where}, {best['display_name']} did best against the nominations, finishing"
                   f" {plural(int(best['places_gained']), 'place', 'places')} higher in the vote than in"
                   f" nominations; {worst['display_name']} did worst,"
                   f" {plural(-int(worst['places_gained']), 'place', 'places')} lower.")
    elif not nv.empty:
        out.append(f"{where}, every candidate finished in the same order by votes as by nominations.")
    top = top_n_elected(tables, election_id)
    notes += top.notes
    if not top.table.empty:
        t = top.table
        hit = int(((t["in_top_n"] == True) & (t["elected"] == True)).sum())  # noqa: E712
        out.append(f"{where}, {hit} of the top {t['seats'].iloc[0]} by nominations"
                   f" {'was' if hit == 1 else 'were'} elected.")
    mar = winning_margins(tables, election_id)
    notes += mar.notes
    for _, m in mar.table.iterrows():
        out.append(f"{where}, the last seat went to {_name(tables, m['last_elected'])} with"
                   f" {plural(int(m['threshold_votes']), 'vote', 'votes')},"
                   f" {plural(int(m['margin']), 'vote', 'votes')} ahead of {_name(tables, m['first_loser'])}.")
    return out + notes


# --------------------------------------------------------------------------- 6. totals


def stated_vs_derived(tables: Tables, election_id: str | None = None) -> Result:
    """Every published total beside the figure derived from the data, where one can be.

    Derived: ``nominations_total`` = sum of the preferred per-candidate figures (complete
    tables only); ``clps_nominating`` = distinct bodies in per-body lists; ``votes_total`` =
    sum of preferred votes; ``votes_per_ballot`` = votes_total / ballots cast.
    """
    rows = []
    ids = election_ids(tables) if election_id is None else [election_id]
    tot = tables["totals"]
    for eid in ids:
        row = election_row(tables, eid)
        derived = _derived_totals(tables, eid, row)
        stated = tot[tot["election_id"] == eid]
        for measure in sorted(set(stated["measure"]) | set(derived)):
            st = stated[stated["measure"] == measure]
            if st.empty:
                rows.append({"election_id": eid, "measure": measure, "stated": np.nan, "approximate": pd.NA,
                             "source_id": pd.NA, "preferred": pd.NA, "derived": derived.get(measure)})
            for _, s in st.iterrows():
                rows.append({"election_id": eid, "measure": measure, "stated": float(s["value"]),
                             "approximate": s["approximate"], "source_id": s["source_id"],
                             "preferred": s["preferred"], "derived": derived.get(measure, np.nan)})
    out = pd.DataFrame(rows, columns=["election_id", "measure", "stated", "approximate", "source_id",
                                      "preferred", "derived"])
    out["difference"] = out["stated"] - out["derived"].astype(float)
    notes = [f"{_in(tables, eid)}, no source published a total (of nominations, nominating bodies or"
             " ballots) or a turnout." for eid in ids
             if eid not in set(out.loc[out["stated"].notna(), "election_id"])]
    return Result(out, notes)


def _derived_totals(tables: Tables, eid: str, row: pd.Series | None) -> dict[str, float]:
    out: dict[str, float] = {}
    summed = _value(row, "nominations_total_summed")
    if summed is not None:
        out["nominations_total"] = summed
    bodies = tables["clp_nominations"]
    bodies = bodies[(bodies["election_id"] == eid) & (bodies["status"] == "final")]
    if not bodies.empty:
        out["clps_nominating"] = float(bodies["body"].nunique())
    votes = results(tables, eid)["votes"].dropna()
    if not votes.empty:
        out["votes_total"] = float(votes.sum())
        ballots = _value(row, "ballots_cast_stated")
        if ballots:
            out["votes_per_ballot"] = out["votes_total"] / ballots
    return out


#: Reader-facing names of the measures in ``totals`` and ``stated_vs_derived``.
MEASURE_NAMES = {
    "nominations_total": "the total number of nominations",
    "clps_nominating": "the number of nominating bodies",
    "ballots_cast": "the number of ballots cast",
    "turnout_pct": "turnout",
    "votes_total": "the total of votes",
    "votes_per_ballot": "votes per ballot",
    # measures of the discrepancies table
    "nominations": "nominations",
    "votes": "votes",
    "bodies_listed": "nominating CLPs: stated count against those listed",
    "slate_family": "slate",
}


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


# --------------------------------------------------------------------------- 7. co-nomination


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
             " them (hierarchical clustering, average linkage on the Jaccard distance)."]
    if len(known) >= 2:
        notes.append(f"{_in(tables, election_id)}, the groups agree with the declared slates for"
                     f" {rand_index(known['cluster'], known['slate_family']):.0%} of pairs of candidates"
                     f" (Rand index, over the {len(known)} candidates whose slate is known).")
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


# --------------------------------------------------------------------------- findings


def findings(election_id: str, tables: Tables | None = None) -> list[str]:
    """Every describe_* sentence for ``election_id``, generated from the data (for notebooks)."""
    if tables is None:
        from .io import load_tables

        tables = load_tables()
    if election_row(tables, election_id) is None:
        return [f"There is no election {election_id!r} in the data (there are:"
                f" {', '.join(election_ids(tables))})."]
    out: list[str] = []
    for describe in (describe_nominations, describe_slates, describe_gender, describe_incumbency,
                     describe_nominations_vs_votes, describe_totals, describe_co_nomination):
        out += describe(tables, election_id)
    return list(dict.fromkeys(out))  # drop repeated notes, keep order
