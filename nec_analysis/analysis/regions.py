"""Regions: where an election's CLP nominations came from, and where candidates live.

CLPs are placed on Westminster seats and regions by :mod:`nec_analysis.geography` (the
resolver); this module turns the placed rows into tidy profiles. Every function works for
every election: where no CLP-by-CLP list exists the frames are empty (with the reason in
``.attrs["explanation"]``).

Measures (documented once, here; denominators are Westminster seats of the boundary set,
taken as the number of CLPs — see ``nec_analysis.geography``):

* ``clps`` — distinct CLPs nominating the unit (for a candidate: its nominations listed;
  for a slate family: CLPs nominating at least one of its candidates).
* ``nominations`` — CLP × candidate pairs (a CLP nominating two of a family counts twice).
* ``per_100_clps`` — ``clps`` per 100 CLPs (seats) in the region: normalises for region size
  (the South East has 84 seats of 2010–24, the North East 29).
* ``share`` — the region's share of the unit's ``clps`` (``share_pct``: the same in per cent).
* ``seat_share`` — the region's share of Great Britain's seats (632; Northern Ireland has no CLPs).
* ``index`` — ``share / seat_share``: 1 = as many as the region's size predicts, 2 = twice.
* ``top_region_share`` — share of the unit's CLPs from its top region (``top_region_pct``: per cent).
* ``hhi`` — Herfindahl index of regional shares, Σ share²: 1 = all from one region,
  1/11 ≈ 0.09 = spread evenly over the 11 GB regions. ``effective_regions`` = 1 / hhi.
* ``dissimilarity`` — ½ Σ |share − seat_share|: the fraction of the unit's CLPs that would
  have to come from another region for its spread to match the spread of seats
  (``dissimilarity_pct``: the same in per cent; 0 = same
  spread as the seats, near 1 = all from a small region). Unlike ``hhi`` it allows for regions
  being of different sizes.

With a handful of nominations every concentration measure is high by construction: the
frames carry ``clps`` so readers can see the base, and the sentences say when it is small.

Denominators are Westminster seats of the boundary set (632 in Great Britain), taken as the
number of CLPs. Where Labour's local units do not follow Westminster seats one for one (for
example if a Scottish CLP follows a Holyrood constituency), the name will not match and must
be given an alias to the seat it mostly covers, with that reason; the per-100 rates for that
region are then approximate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import vocab
from ..geography import Resolver, boundary_set_for, election_year, regions, seats_per_region
from ..vocab import labels
from ..words.labels import election_words, in_election

SMALL_N = 5  # below this many CLPs, concentration measures say little

SOUTH_LABOUR_REGIONS = ("London", "South East", "South West")
SOUTH_WITH_EASTERN = (*SOUTH_LABOUR_REGIONS, "Eastern")

PROFILE_COLUMNS = [
    "election_id", "level", "unit_id", "unit_name", "slate_family", "region", "region_name",
    "clps_in_region", "nominations", "clps", "share", "share_pct", "seat_share", "per_100_clps",
    "index",
]
CONCENTRATION_COLUMNS = [
    "election_id", "level", "unit_id", "unit_name", "slate_family", "clps", "nominations",
    "n_regions", "top_region", "top_region_clps", "top_region_share", "top_region_pct", "hhi",
    "effective_regions", "dissimilarity", "dissimilarity_pct", "small_n",
]
LOCATED_COLUMNS = [
    "election_id", "candidate_id", "body", "body_type", "status", "as_of", "source_id",
    "boundary_set", "hex_id", "constituency", "region", "region_name", "mapped", "match",
]
HOME_COLUMNS = [
    "election_id", "candidate_id", "display_name", "elected", "home_region",
    "home_region_strength", "home_region_source", "in_south", "in_south_with_eastern", "election",
]

#: Slate families for readers in the regional tables' unit names (from the vocabulary).
FAMILY_LABELS = labels(vocab.SLATE_FAMILIES)


def family_label(family: object) -> str:
    """Reader-facing name of a slate family (``grassroots_left`` → ``Grassroots left``)."""
    key = "unknown" if family is None or pd.isna(family) else str(family)
    return FAMILY_LABELS.get(key, key.replace("_", " ").capitalize())


def clp_rows(tables: dict[str, pd.DataFrame], election_id: str) -> pd.DataFrame:
    """The per-body rows used for ``election_id``: final lists if any, else the latest
    interim ``as_of``; one row per (candidate, body)."""
    cn = tables["clp_nominations"]
    rows = cn[cn.election_id == election_id]
    if rows.empty:
        return rows.copy()
    if (rows.status == "final").any():
        rows = rows[rows.status == "final"]
    else:
        latest = rows.as_of.fillna("").max()
        rows = rows[rows.as_of.fillna("") == latest]
    rows = rows.sort_values(["candidate_id", "body", "source_id"], kind="mergesort")
    return rows.drop_duplicates(["candidate_id", "body"]).reset_index(drop=True)


def locate_nominations(tables: dict[str, pd.DataFrame], election_id: str,
                       root: Path | None = None) -> pd.DataFrame:
    """The election's per-body rows with boundary set, seat and region attached.

    CLPs must all resolve (else ``UnknownCLPError``); Labour groups get ``mapped`` False and
    ``match`` = ``not mapped: Labour group (council), not a constituency``.
    """
    rows = clp_rows(tables, election_id)
    bset = boundary_set_for(election_id)
    out = rows.loc[:, [c for c in LOCATED_COLUMNS if c in rows.columns]].copy()
    out["boundary_set"] = bset
    for c in ("hex_id", "constituency", "region", "region_name", "match"):
        out[c] = pd.Series(pd.NA, index=out.index, dtype="string")
    out["mapped"] = False
    if rows.empty:
        return out.loc[:, LOCATED_COLUMNS]
    is_clp = out.body_type.fillna("clp") == "clp"
    if is_clp.any():
        found = Resolver(bset, root).resolve_many(out.loc[is_clp, "body"]).set_index("clp_name")
        for c in ("hex_id", "constituency", "region", "region_name", "match"):
            out.loc[is_clp, c] = out.loc[is_clp, "body"].map(found[c]).astype("string")
        out.loc[is_clp, "mapped"] = True
    out.loc[~is_clp, "match"] = "not mapped: Labour group (council), not a constituency"
    return out.loc[:, LOCATED_COLUMNS].reset_index(drop=True)


def has_clp_data(tables: dict[str, pd.DataFrame], election_id: str) -> bool:
    """Whether ``election_id`` has a CLP-by-CLP nominations list with at least one CLP."""
    rows = clp_rows(tables, election_id)
    return bool((rows.body_type.fillna("clp") == "clp").any()) if not rows.empty else False


def no_clp_data_reason(tables: dict[str, pd.DataFrame], election_id: str) -> str | None:
    """Plain-language reason there is no regional breakdown, or ``None`` if there is one."""
    if has_clp_data(tables, election_id):
        return None
    rows = clp_rows(tables, election_id)
    if not rows.empty:
        return (f"{in_election(tables, election_id)}, the only per-body lists are of Labour groups (councils), which are "
                "not constituencies, so nominations cannot be placed on the map.")
    return (f"{in_election(tables, election_id)}, no source in the data lists nominations CLP by CLP, only totals per "
            "candidate, so there is no regional breakdown of where nominations came from.")


def _units(located: pd.DataFrame, tables: dict[str, pd.DataFrame], election_id: str) -> pd.DataFrame:
    """located CLP rows with candidate display name and slate family attached."""
    cands = tables["candidates"][["candidate_id", "display_name"]]
    fam = tables["candidacies"]
    fam = fam[fam.election_id == election_id][["candidate_id", "slate_family"]]
    df = located[located.mapped].merge(cands, on="candidate_id", how="left") \
                                .merge(fam, on="candidate_id", how="left")
    df["display_name"] = df.display_name.fillna(df.candidate_id)
    df["slate_family"] = df.slate_family.fillna("unknown")
    return df


def unit_name_of_family(family: object) -> str:
    """Row label of a slate family in the regional tables: ``Slate: Grassroots left``."""
    label = family_label(family)
    return "Slate: not known" if label == FAMILY_LABELS["unknown"] else f"Slate: {label}"


def regional_profile(tables: dict[str, pd.DataFrame], election_id: str,
                     root: Path | None = None) -> pd.DataFrame:
    """Tidy regional profile of an election's CLP nominations.

    One row per (level, unit, GB region), zeros included, with ``level`` one of ``all``
    (every nominating CLP), ``slate_family`` and ``candidate``. Columns: see
    ``PROFILE_COLUMNS`` and the measures in the module docstring. Empty (with
    ``.attrs["explanation"]``) where the election has no CLP-by-CLP list.
    """
    reason = no_clp_data_reason(tables, election_id)
    if reason:
        out = pd.DataFrame(columns=PROFILE_COLUMNS)
        out.attrs["explanation"] = reason
        return out
    located = locate_nominations(tables, election_id, root)
    df = _units(located, tables, election_id)
    if (df.region == "NI").any():
        raise ValueError("a CLP resolved to Northern Ireland, where Labour has no CLPs")
    per_region = seats_per_region(boundary_set_for(election_id), root)
    seat_share = per_region / per_region.sum()
    names = regions(root).set_index("short_code")["labour_name"]

    groups = [("all", df.assign(unit_id="all", unit_name="All nominating CLPs", fam=pd.NA))]
    groups.append(("slate_family", df.assign(unit_id=df.slate_family,
                                             unit_name=df.slate_family.map(unit_name_of_family),
                                             fam=df.slate_family)))
    groups.append(("candidate", df.assign(unit_id=df.candidate_id, unit_name=df.display_name,
                                          fam=df.slate_family)))
    frames = []
    for level, g in groups:
        for (uid, uname), u in g.groupby(["unit_id", "unit_name"], sort=True):
            noms = u.groupby("region").size().reindex(per_region.index, fill_value=0)
            clps = u.drop_duplicates("body").groupby("region").size().reindex(per_region.index, fill_value=0)
            fam = u.fam.iloc[0] if level != "all" else pd.NA
            total = clps.sum()
            frames.append(pd.DataFrame({
                "election_id": election_id, "level": level, "unit_id": uid, "unit_name": uname,
                "slate_family": fam, "region": per_region.index,
                "region_name": names.reindex(per_region.index).values,
                "clps_in_region": per_region.values, "nominations": noms.values,
                "clps": clps.values, "share": (clps / total).values,
                "share_pct": (100 * clps / total).values,
                "seat_share": seat_share.values,
                "per_100_clps": (100 * clps / per_region).values,
                "index": ((clps / total) / seat_share).values,
            }))
    out = pd.concat(frames, ignore_index=True).loc[:, PROFILE_COLUMNS]
    order = {"all": 0, "slate_family": 1, "candidate": 2}
    out = out.sort_values(["level", "unit_id"], key=lambda s: s.map(order) if s.name == "level" else s,
                          kind="mergesort").reset_index(drop=True)
    out.attrs["explanation"] = None
    return out


def concentration(tables: dict[str, pd.DataFrame], election_id: str,
                  root: Path | None = None) -> pd.DataFrame:
    """One row per unit (all / slate family / candidate): how concentrated its CLPs are.

    ``top_region`` (ties joined with `` / ``), ``top_region_share``, ``hhi``,
    ``effective_regions``, ``dissimilarity`` (see the module docstring); ``small_n`` is True
    below ``SMALL_N`` CLPs, where the measures are high by construction.
    """
    prof = regional_profile(tables, election_id, root)
    if prof.empty:
        out = pd.DataFrame(columns=CONCENTRATION_COLUMNS)
        out.attrs["explanation"] = prof.attrs.get("explanation")
        return out
    rows = []
    for (level, uid), u in prof.groupby(["level", "unit_id"], sort=False):
        total = int(u.clps.sum())
        top = int(u.clps.max())
        hhi = float((u.share ** 2).sum())
        rows.append({
            "election_id": election_id, "level": level, "unit_id": uid,
            "unit_name": u.unit_name.iloc[0], "slate_family": u.slate_family.iloc[0],
            "clps": total, "nominations": int(u.nominations.sum()),
            "n_regions": int((u.clps > 0).sum()),
            "top_region": " / ".join(u.loc[u.clps == top, "region_name"]),
            "top_region_clps": top, "top_region_share": top / total,
            "top_region_pct": 100 * top / total, "hhi": hhi,
            "effective_regions": 1 / hhi,
            "dissimilarity": float(0.5 * (u.share - u.seat_share).abs().sum()),
            "dissimilarity_pct": float(50 * (u.share - u.seat_share).abs().sum()),
            "small_n": total < SMALL_N,
        })
    out = pd.DataFrame(rows, columns=CONCENTRATION_COLUMNS)
    out.attrs["explanation"] = None
    return out


# ---------------------------------------------------------------------------------------
# Home regions of candidates
# ---------------------------------------------------------------------------------------

def home_regions(tables: dict[str, pd.DataFrame], election_id: str | None = None) -> pd.DataFrame:
    """Candidacies (of one election, or all) with the candidate's home region and its strength.

    ``home_region`` empty = unknown (no source). ``in_south``: London, South East or South West;
    ``in_south_with_eastern`` also counts Eastern; both ``<NA>`` where the region is unknown.
    """
    c = tables["candidacies"]
    if election_id is not None:
        c = c[c.election_id == election_id]
    cols = ["candidate_id", "display_name", "home_region", "home_region_strength", "home_region_source"]
    df = c[["election_id", "candidate_id", "elected"]].merge(tables["candidates"][cols],
                                                            on="candidate_id", how="left")
    known = df.home_region.notna()
    df["in_south"] = pd.array([pd.NA] * len(df), dtype="boolean")
    df["in_south_with_eastern"] = pd.array([pd.NA] * len(df), dtype="boolean")
    df.loc[known, "in_south"] = df.loc[known, "home_region"].isin(SOUTH_LABOUR_REGIONS)
    df.loc[known, "in_south_with_eastern"] = df.loc[known, "home_region"].isin(SOUTH_WITH_EASTERN)
    df["election"] = df.election_id.map(election_words)
    return df.loc[:, HOME_COLUMNS].sort_values(["election_id", "candidate_id"]).reset_index(drop=True)


def home_region_summary(tables: dict[str, pd.DataFrame], election_id: str | None = None) -> pd.DataFrame:
    """Counts by (election, elected, home region, strength), unknown shown as ``unknown``."""
    df = home_regions(tables, election_id)
    df = df.assign(home_region=df.home_region.fillna("unknown"),
                   home_region_strength=df.home_region_strength.fillna("none"),
                   elected=df.elected.astype("string").fillna("unknown"))
    return (df.groupby(["election_id", "elected", "home_region", "home_region_strength"])
              .size().rename("candidates").reset_index())


def _elections_of_year(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """Election ids of ``year`` that have candidacies: regular before by-elections, CLP first."""
    ids = sorted(set(tables["candidacies"].election_id))
    ids = [e for e in ids if election_year(e) == int(year)]
    return sorted(ids, key=lambda e: ("by-election" in e, "local_government" in e, e))


def home_regions_of_year(tables: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """``home_regions`` for every election of ``year`` (both sections: the councillors'
    section is where most sourced home regions are)."""
    frames = [home_regions(tables, e) for e in _elections_of_year(tables, year)]
    if not frames:
        return pd.DataFrame(columns=HOME_COLUMNS)
    return pd.concat(frames, ignore_index=True)
