"""Where support comes from: CLP → Westminster seat → region, and regional profiles.

Inputs (all in ``data/raw/geography/``, see its README):

* ``constituencies.hexjson`` — the ``2010`` boundary set (seats of 2010–2024), used for NEC
  elections up to 2022; ``uk-constituencies-2023.hexjson`` — the ``2024`` set, used after.
* ``regions.csv`` — region codes: short code, GSS code, ONS name, Labour's name.
* ``clp_aliases.csv`` — CLP names the normaliser cannot match, with the seat and a reason.

How a CLP is placed (``Resolver``): a trailing `` CLP`` is dropped and the name normalised
(accents folded, casefolded, ``&`` → ``and``, punctuation and hyphens to spaces, whitespace
collapsed); the key must equal the normalised name of exactly one seat *in the election's
boundary set*. Failing that, ``clp_aliases.csv`` is consulted. Failing that,
``UnknownCLPError`` lists the closest seat names (``difflib`` — suggestions only, never a
match) and asks for a row in ``clp_aliases.csv``. Labour groups (councils) are not
constituencies and are never placed on a seat.

Public API for the region notebook (every function works for every election; where no
CLP-by-CLP list exists the frames are empty and the sentences say why):

* ``regional_profile(tables, election_id)`` — tidy frame, one row per (level, unit, region).
* ``concentration(tables, election_id)`` — one row per candidate / slate family / all.
* ``home_regions(tables, election_id=None)`` — elected (and not) by home region.
* ``describe_regions(tables, election_id)`` — plain sentences for the notebook.
* ``locate_nominations(tables, election_id)`` — the CLP rows with seat and region attached.

Measures (documented once, here):

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

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import vocab
from .analysis import plural
from .ids import year_of
from .paths import geography_dir, project_root, raw_dir  # noqa: F401  (re-exported)
from .vocab import labels

# ---------------------------------------------------------------------------------------
# Boundary sets and regions
# ---------------------------------------------------------------------------------------

BOUNDARY_SETS: dict[str, str] = {
    "2010": "constituencies.hexjson",          # seats of 2010–2024
    "2024": "uk-constituencies-2023.hexjson",  # seats first used at GE2024
}
LAST_YEAR_OF_2010_SET = 2022  # NEC elections up to and including 2022 use the 2010 set

# 2024 file: five Scottish seats keep codes ONS later replaced (see the geography README).
STALE_2024_CODES: dict[str, str] = {
    "S14000006": "S14000107", "S14000008": "S14000108", "S14000010": "S14000109",
    "S14000040": "S14000110", "S14000058": "S14000111",
}

# Slate families for readers (the same names as charts.SLATE_LABELS, which owns colours and
# chart labels; repeated here so that the data build need not import matplotlib).
FAMILY_LABELS = labels(vocab.SLATE_FAMILIES)
# How a sentence about a family starts.
FAMILY_LEADS = {"grassroots_left": "Grassroots left slate", "labour_right": "Labour right slates",
                "open_labour": "Open Labour slate", "independent": "Independent candidates",
                "unknown": "Candidates with no known slate",
                "contested": "Candidates whose slate the sources disagree on"}
BOUNDARY_WORDS = {"2010": "2010–2024 boundaries", "2024": "boundaries first used in 2024"}

SMALL_N = 5  # below this many CLPs, concentration measures say little

SOUTH_LABOUR_REGIONS = ("London", "South East", "South West")
SOUTH_WITH_EASTERN = (*SOUTH_LABOUR_REGIONS, "Eastern")

ALIAS_COLUMNS = ["boundary_set", "clp_name", "constituency_name", "reason"]

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


def family_label(family: object) -> str:
    """Reader-facing name of a slate family (``grassroots_left`` → ``Grassroots left``)."""
    key = "unknown" if family is None or pd.isna(family) else str(family)
    return FAMILY_LABELS.get(key, key.replace("_", " ").capitalize())


def election_words(election_id: str) -> str:
    """An election id for readers: ``2022-clp`` → ``2022 CLP section``,
    ``2020-clp-by-election`` → ``2020 CLP-section by-election``."""
    year, _, rest = str(election_id).partition("-")
    by = rest.endswith("by-election")
    section = rest.removesuffix("-by-election")
    name = {"clp": "CLP", "local_government": "local government"}.get(section, section.replace("_", " "))
    return f"{year} {name}-section by-election" if by else f"{year} {name} section"


def source_words(tables: dict[str, pd.DataFrame], source_ids, sep: str = " (") -> str:
    """``LabourList (2022-05-17)`` for each source id, from the ``sources`` table
    (``sep=", "``: ``LabourList, 2022-05-17``, for use inside brackets)."""
    src = tables.get("sources")
    parts = []
    for sid in sorted(set(pd.Series(list(source_ids)).dropna())):
        row = src[src.source_id == sid] if src is not None and "source_id" in src else pd.DataFrame()
        if not row.empty and pd.notna(row.iloc[0].get("publisher")):
            r = row.iloc[0]
            close = ")" if sep == " (" else ""
            parts.append(f"{r.publisher}{sep}{r.published}{close}" if pd.notna(r.get("published"))
                         else str(r.publisher))
        else:
            parts.append(str(sid))
    return "; ".join(dict.fromkeys(parts))


election_year = year_of


def boundary_set_for(election: str | int) -> str:
    """Boundary set whose seats the CLPs of ``election`` follow.

    ``2010`` (seats of 2010–2024) for elections up to 2022, ``2024`` after. Labour moved its
    CLPs onto the new seats for the 2024 general election, so the first NEC election on the
    new set is 2024.
    """
    return "2010" if election_year(election) <= LAST_YEAR_OF_2010_SET else "2024"


@lru_cache(maxsize=None)
def _regions(root: Path) -> pd.DataFrame:
    df = pd.read_csv(geography_dir(root) / "regions.csv", dtype=str, keep_default_na=False)
    df["has_clps"] = df["has_clps"].map({"True": True, "False": False}).astype(bool)
    return df


def regions(root: Path | None = None) -> pd.DataFrame:
    """The 12 regions/nations: short_code, gss_code, nuts1_code, ons_name, labour_name, nation, has_clps."""
    return _regions((root or project_root()).resolve()).copy()


def region_code(name: str, root: Path | None = None) -> str:
    """Short code (``EA``) of a region given by short code, GSS or NUTS1 code, ONS name or
    Labour's name (``Eastern``, ``East of England``, ``E12000006`` all give ``EA``)."""
    key = normalise_name(name)
    for _, row in regions(root).iterrows():
        if key in {normalise_name(row[c]) for c in
                   ("short_code", "gss_code", "nuts1_code", "ons_name", "labour_name")}:
            return row["short_code"]
    raise KeyError(f"unknown region {name!r}; known Labour names: "
                   f"{', '.join(regions(root)['labour_name'])}")


def region_name(code: str, root: Path | None = None) -> str:
    """Labour's name for a region code or name (``EA`` → ``Eastern``)."""
    short = region_code(code, root)
    r = regions(root)
    return r.loc[r.short_code == short, "labour_name"].iloc[0]


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------

_CLP_SUFFIX = re.compile(r"\s+(clp|constituency labour party)\s*$", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """Matching key for a CLP or seat name.

    ``Enfield Southgate CLP`` and ``Enfield, Southgate`` both give ``enfield southgate``;
    ``Ynys Môn`` gives ``ynys mon``; ``Weston-Super-Mare`` gives ``weston super mare``;
    ``Kensington & Chelsea`` gives ``kensington and chelsea``.
    """
    s = unicodedata.normalize("NFKC", str(name)).strip()
    s = _CLP_SUFFIX.sub("", s)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.casefold().replace("&", " and ")
    s = re.sub(r"['’‘`]", "", s)              # Queen's → queens
    s = re.sub(r"[^\w\s]|_", " ", s)          # commas, hyphens, brackets, dots → space
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------------------------------
# Seats
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _seats(boundary_set: str, root: Path) -> pd.DataFrame:
    if boundary_set not in BOUNDARY_SETS:
        raise ValueError(f"unknown boundary set {boundary_set!r}; known: {sorted(BOUNDARY_SETS)}")
    path = geography_dir(root) / BOUNDARY_SETS[boundary_set]
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("layout") != "odd-r":
        raise ValueError(f"{path}: layout {data.get('layout')!r}, expected 'odd-r'")
    reg = _regions(root)
    by_short = reg.set_index("short_code")
    by_gss = reg.set_index("gss_code")
    rows = []
    for hex_id, h in data["hexes"].items():
        if "a" in h:  # 2010 file: short code
            short = h["a"]
            gss = by_short.loc[short, "gss_code"]
        else:         # 2024 file: GSS region code
            gss = h["region"]
            short = by_gss.loc[gss, "short_code"]
        rows.append({
            "boundary_set": boundary_set, "hex_id": hex_id,
            "ons_code": STALE_2024_CODES.get(hex_id, hex_id) if boundary_set == "2024" else hex_id,
            "constituency": h["n"], "key": normalise_name(h["n"]),
            "q": int(h["q"]), "r": int(h["r"]),
            "region": short, "region_gss": gss,
            "region_name": by_short.loc[short, "labour_name"],
            "has_clps": bool(by_short.loc[short, "has_clps"]),
        })
    df = pd.DataFrame(rows)
    dup = df[df.key.duplicated(keep=False)]
    if not dup.empty:  # the exact-match rule needs one seat per key
        raise ValueError(f"{path}: names collide after normalisation: {sorted(dup.constituency)}")
    return df.sort_values("hex_id", kind="mergesort").reset_index(drop=True)


def seats(boundary_set: str, root: Path | None = None) -> pd.DataFrame:
    """The 650 seats of a boundary set: hex_id (the file's key), ons_code (current ONS code),
    constituency, key (normalised name), q, r, region (short code), region_gss, region_name
    (Labour's), has_clps (False in Northern Ireland)."""
    return _seats(str(boundary_set), (root or project_root()).resolve()).copy()


def seats_per_region(boundary_set: str, root: Path | None = None) -> pd.Series:
    """Seats (≈ CLPs) per GB region, indexed by short code, in regions.csv order."""
    s = seats(boundary_set, root)
    gb = regions(root)
    gb = gb[gb.has_clps]
    return s[s.has_clps].groupby("region").size().reindex(gb.short_code, fill_value=0)


# ---------------------------------------------------------------------------------------
# Aliases and the resolver
# ---------------------------------------------------------------------------------------

def load_aliases(root: Path | None = None) -> pd.DataFrame:
    """``clp_aliases.csv`` as a frame (columns boundary_set, clp_name, constituency_name, reason)."""
    path = geography_dir(root or project_root()) / "clp_aliases.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(df.columns) != ALIAS_COLUMNS:
        raise ValueError(f"{path}: columns {list(df.columns)}, expected {ALIAS_COLUMNS}")
    return df


class UnknownCLPError(KeyError, ValueError):
    """A CLP name that matches no seat of the boundary set and has no alias.

    Also a ``ValueError``, so that a data build that reports ``ValueError``s reports this one
    the same way. ``where`` (optional) maps a name to the places it was printed
    (``file:line``), shown in the message.
    """

    def __init__(self, problems: list[tuple[str, list[str]]], boundary_set: str,
                 where: dict[str, list[str]] | None = None):
        self.problems = problems
        self.boundary_set = boundary_set
        self.names = [p[0] for p in problems]
        self.suggestions = {name: sugg for name, sugg in problems}
        self.where = where or {}
        lines = [f"{len(problems)} CLP name(s) match no seat of the {boundary_set} boundary set "
                 f"({BOUNDARY_SETS.get(boundary_set, '?')}):"]
        for name, sugg in problems:
            hint = ", ".join(repr(s) for s in sugg) if sugg else "no close seat names"
            places = self.where.get(name, [])
            at = f"{', '.join(places)}: " if places else ""
            lines.append(f"  {at}{name!r} — closest seat names: {hint}")
        lines.append(
            "Nothing is matched by similarity. If the CLP is one of these seats, add a row "
            "to data/raw/geography/clp_aliases.csv:\n"
            f"  {boundary_set},<CLP name as printed>,<seat name exactly as in the hexjson>,<why>\n"
            "or, if the name was mistyped when the table was copied, correct the clipping to match "
            "the source.")
        super().__init__("\n".join(lines))

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


@dataclass(frozen=True)
class Seat:
    """Where one CLP name resolved to."""
    clp_name: str
    boundary_set: str
    hex_id: str
    constituency: str
    region: str
    region_name: str
    match: str  # "exact" (normalised name) or "alias"


class Resolver:
    """Resolve CLP names to seats of one boundary set (exact normalised key, then alias)."""

    def __init__(self, boundary_set: str, root: Path | None = None,
                 aliases: pd.DataFrame | None = None):
        self.boundary_set = str(boundary_set)
        self.root = (root or project_root()).resolve()
        self.seats = seats(self.boundary_set, self.root)
        self._by_key = self.seats.set_index("key")
        al = load_aliases(self.root) if aliases is None else aliases.loc[:, ALIAS_COLUMNS]
        al = al[al.boundary_set.astype(str) == self.boundary_set]
        by_name = self.seats.set_index("constituency")
        self._alias: dict[str, str] = {}
        for row in al.itertuples(index=False):
            if row.constituency_name not in by_name.index:
                raise ValueError(
                    f"clp_aliases.csv: {row.clp_name!r} → {row.constituency_name!r}, which is not a "
                    f"seat name of the {self.boundary_set} set (use the name exactly as in "
                    f"{BOUNDARY_SETS[self.boundary_set]})")
            if not str(row.reason).strip():
                raise ValueError(f"clp_aliases.csv: {row.clp_name!r} has no reason")
            key = normalise_name(row.clp_name)
            if key in self._by_key.index and self._by_key.loc[key, "constituency"] != row.constituency_name:
                raise ValueError(
                    f"clp_aliases.csv: {row.clp_name!r} already matches the seat "
                    f"{self._by_key.loc[key, 'constituency']!r}; the alias to "
                    f"{row.constituency_name!r} contradicts it")
            if key in self._alias and self._alias[key] != row.constituency_name:
                raise ValueError(f"clp_aliases.csv: {row.clp_name!r} is aliased twice")
            self._alias[key] = row.constituency_name

    def suggestions(self, name: str, n: int = 5) -> list[str]:
        """Closest seat names (for the error message only)."""
        keys = difflib.get_close_matches(normalise_name(name), list(self._by_key.index), n=n, cutoff=0.6)
        return [self._by_key.loc[k, "constituency"] for k in keys]

    def _lookup(self, name: str) -> Seat | None:
        key = normalise_name(name)
        if key in self._by_key.index:
            row, how = self._by_key.loc[key], "exact"
        elif key in self._alias:
            row, how = self._by_key[self._by_key.constituency == self._alias[key]].iloc[0], "alias"
        else:
            return None
        return Seat(clp_name=name, boundary_set=self.boundary_set, hex_id=row["hex_id"],
                    constituency=row["constituency"], region=row["region"],
                    region_name=row["region_name"], match=how)

    def resolve(self, name: str) -> Seat:
        """The seat of one CLP; ``UnknownCLPError`` (with suggestions) if none."""
        seat = self._lookup(name)
        if seat is None:
            raise UnknownCLPError([(name, self.suggestions(name))], self.boundary_set)
        return seat

    def resolve_many(self, names) -> pd.DataFrame:
        """Seats of many CLP names; one error listing *every* unresolved name."""
        out, problems = [], []
        for name in dict.fromkeys(names):
            seat = self._lookup(name)
            if seat is None:
                problems.append((name, self.suggestions(name)))
            else:
                out.append(seat.__dict__)
        if problems:
            raise UnknownCLPError(problems, self.boundary_set)
        return pd.DataFrame(out, columns=list(Seat.__dataclass_fields__))


def resolve_clp(name: str, election: str | int, root: Path | None = None) -> Seat:
    """Seat of CLP ``name`` in the boundary set of ``election`` (id like ``2022-clp`` or a year)."""
    return Resolver(boundary_set_for(election), root).resolve(name)


def check_clp_nominations(clp_nominations: pd.DataFrame, root: Path | None = None) -> pd.DataFrame:
    """Place every CLP of a ``clp_nominations`` table (all elections, all lists) on a seat.

    Meant for the data build, before anything is written: a CLP name in a clipping that
    matches no seat of its election's boundary set raises ``UnknownCLPError`` naming each
    such CLP with the clipping lines it is on (``file:line``) and the closest seat names.
    Labour groups (``body_type`` other than ``clp``) are councils and are not checked.
    Returns one row per (election_id, body) placed: boundary_set, hex_id, constituency,
    region, region_name, match.
    """
    cols = ["election_id", "body", "boundary_set", "hex_id", "constituency", "region",
            "region_name", "match"]
    cn = clp_nominations
    clps = cn[cn["body_type"].fillna("clp").astype(str) == "clp"] if not cn.empty else cn
    if clps.empty:
        return pd.DataFrame(columns=cols)
    bsets = clps["election_id"].map(boundary_set_for)
    errors: list[UnknownCLPError] = []
    frames = []
    for bset, rows in clps.groupby(bsets, sort=True):
        resolver = Resolver(bset, root)
        try:
            found = resolver.resolve_many(rows["body"])
        except UnknownCLPError as err:
            where: dict[str, list[str]] = {}
            for r in rows[rows["body"].isin(err.names)].itertuples(index=False):
                place = f"{r.file}:{r.line}" if "file" in rows and pd.notna(r.file) else str(r.election_id)
                where.setdefault(r.body, []).append(place)
            errors.append(UnknownCLPError(err.problems, bset, where))
            continue
        placed = rows[["election_id", "body"]].drop_duplicates().merge(
            found.rename(columns={"clp_name": "body"}), on="body", how="left")
        frames.append(placed)
    if errors:
        first = errors[0]
        if len(errors) > 1:  # CLPs of elections on both boundary sets: one message for all
            first.problems = [p for e in errors for p in e.problems]
            first.names = [n for e in errors for n in e.names]
            first.suggestions = {k: v for e in errors for k, v in e.suggestions.items()}
            first.where = {k: v for e in errors for k, v in e.where.items()}
            first.args = ("\n\n".join(str(e) for e in errors),)
        raise first
    out = pd.concat(frames, ignore_index=True).loc[:, cols]
    return out.sort_values(["election_id", "body"], kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Picking and placing an election's CLP-by-CLP list
# ---------------------------------------------------------------------------------------

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
        return (f"{election_words(election_id)}: the only per-body lists are of Labour groups (councils), which are "
                "not constituencies, so nominations cannot be placed on the map.")
    return (f"{election_words(election_id)}: no source in the data lists nominations CLP by CLP, only totals per "
            "candidate, so there is no regional breakdown of where nominations came from.")


def describe_labour_groups(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """Sentences on the per-body lists of Labour groups (councils) in ``year``'s elections.

    Labour groups are councils, not constituencies: they are named, counted and left off the
    constituency map (no council-to-region table is in the data, so they are not counted by
    region either). Empty where the year has no such list.
    """
    cn = tables["clp_nominations"]
    out = []
    for eid in sorted(set(cn.election_id)):
        if election_year(eid) != int(year):
            continue
        rows = clp_rows(tables, eid)
        grp = rows[rows.body_type.fillna("clp") != "clp"]
        if grp.empty:
            continue
        status = sorted(set(grp.status.dropna()))
        as_of = ", ".join(sorted(set(grp.as_of.dropna())))
        when = (f"an interim list as it stood on {as_of}" if status == ["interim"]
                else f"the {'/'.join(status) or 'published'} list")
        names = ", ".join(sorted(set(grp.body)))
        out.append(f"{election_words(eid)}: nominations came from councillors' Labour groups, not "
                   f"CLPs: {plural(len(grp), 'nomination')} from {plural(grp.body.nunique(), 'Labour group')} "
                   f"in {when} ({source_words(tables, grp.source_id, sep=', ')}): {names}. A council is not a "
                   "Westminster seat, so these are not drawn on the constituency maps, and the data "
                   "hold no table placing councils in regions, so they are not counted by region.")
    return out


READER_COLUMNS = {
    "unit_name": "who", "region": "region code", "region_name": "region",
    "clps_in_region": "seats in region", "clps": "nominating CLPs", "per_100_clps": "per 100 seats",
    "share_pct": "% of their CLPs", "n_regions": "regions", "top_region": "top region",
    "top_region_pct": "% from top region", "effective_regions": "as spread as N equal regions",
    "dissimilarity_pct": "% mismatch with seats",
}


# ---------------------------------------------------------------------------------------
# Regional profiles and concentration
# ---------------------------------------------------------------------------------------

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


def describe_home_regions(tables: dict[str, pd.DataFrame], election_id: str) -> list[str]:
    """Sentences on where the elected candidates of ``election_id`` live, and what is unknown."""
    df = home_regions(tables, election_id)
    el = df[df.elected.fillna(False).astype(bool)]
    if df.empty:
        return [f"{election_words(election_id)}: no candidacies in the data."]
    if el.empty:
        return [f"{election_words(election_id)}: no result in the data says who was elected, so home regions of "
                "those elected cannot be described."]
    n = len(el)
    known = el[el.home_region.notna()]
    stated = known[known.home_region_strength == "stated"]
    weak = known[known.home_region_strength != "stated"]
    out = []
    if known.empty:
        out.append(f"{election_words(election_id)}: none of the {plural(n, 'person', 'people')} elected has a home "
                   "region in the data, so nothing can be said about where they live.")
        return out + _south_claim_sentence(tables, election_id)
    parts = ", ".join(f"{name} ({region}{'' if s == 'stated' else ', weak source'})"
                      for name, region, s in known[["display_name", "home_region", "home_region_strength"]]
                      .itertuples(index=False))
    out.append(f"{election_words(election_id)}: home region known for {len(known)} of the {n} elected "
               f"({len(stated)} stated by a source, {len(weak)} from a weak source such as a reader "
               f"comment; {n - len(known)} unknown): {parts}.")
    outside = known[~known.in_south.astype(bool)]
    outside_e = known[~known.in_south_with_eastern.astype(bool)]
    unknown = n - len(known)
    sentence = (f"Outside London, the South East and the South West: {len(outside)} of those with a "
                f"known region ({len(outside_e)} if Eastern also counts as the South)")
    if unknown:
        sentence += (f"; with {plural(unknown, 'home region')} unknown, the data can neither confirm nor "
                     "rule out a claim about all of those elected")
    out.append(sentence + ".")
    if weak.shape[0]:
        verb = "rests" if len(weak) == 1 else "rest"
        out.append(f"{plural(len(weak), 'home region')} of those elected {verb} on a weak source "
                   f"({', '.join(weak.display_name)}): treat {'it' if len(weak) == 1 else 'them'} as "
                   "an indication, not a fact.")
    return out + _south_claim_sentence(tables, election_id)


SOUTH_CLAIM_2014 = (
    "LabourList, 20 August 2014 ('NEC results – what does it all mean?'): 'it appears at first "
    "glance that only one candidate (Jim McMahon …) lives outside London or the South' — of the "
    "eight elected that day, six constituency and two local government representatives")


def south_claim_2014(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, str]:
    """Check LabourList's 2014 claim against the data: everyone elected at the 2014 regular
    elections (CLP and local government sections pooled, as the article pooled them), with
    home regions; and one sentence with the verdict."""
    el = tables["elections"] if "elections" in tables else None
    ids = (list(el[(el.year == 2014) & (el.election_type == "regular")].election_id)
           if el is not None else ["2014-clp", "2014-local_government"])
    df = pd.concat([home_regions(tables, e) for e in ids], ignore_index=True)
    df = df[df.elected.fillna(False).astype(bool)].reset_index(drop=True)
    known = df[df.home_region.notna()]
    outside = known[~known.in_south.astype(bool)]
    outside_e = known[~known.in_south_with_eastern.astype(bool)]
    unknown = len(df) - len(known)
    named = ", ".join(f"{r.display_name} ({r.home_region})" for r in outside.itertuples()) or "none"
    sentence = (f"{SOUTH_CLAIM_2014}. In the data, {len(df)} were elected; home region known for "
                f"{len(known)}, of whom outside London and the South: {named}. Verdict: "
                + _check_south_claim(len(outside), len(outside_e), unknown) + ".")
    return df, sentence


def _south_claim_sentence(tables: dict[str, pd.DataFrame], election_id: str) -> list[str]:
    if election_year(election_id) == 2014 and "by-election" not in election_id:
        return [south_claim_2014(tables)[1]]
    return []


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


def describe_home_regions_of_year(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """``describe_home_regions`` for every election of ``year``, with LabourList's 2014 claim
    (which pools the sections) said once, at the end."""
    out: list[str] = []
    claim: list[str] = []
    for eid in _elections_of_year(tables, year):
        for sentence in describe_home_regions(tables, eid):
            if sentence.startswith(SOUTH_CLAIM_2014):
                claim = [sentence]
            else:
                out.append(sentence)
    return out + claim


def _check_south_claim(outside: int, outside_with_eastern: int, unknown: int) -> str:
    """Verdict on 'only one of those elected lives outside London and the South'."""
    if min(outside, outside_with_eastern) > 1:
        return (f"the data contradict it ({outside} of those elected with a known home region live "
                "outside London, the South East and the South West"
                + (f"; {outside_with_eastern} if Eastern counts as the South"
                   if outside_with_eastern != outside else "")
                + ")")
    if unknown:
        return (f"the data cannot settle it ({outside} known to live outside the South so far, "
                f"{plural(unknown, 'home region')} unknown)")
    if outside == 1 or outside_with_eastern == 1:
        extra = "" if outside == outside_with_eastern else \
            f" (only if Eastern {'does not count' if outside == 1 else 'counts'} as the South)"
        return f"the data agree{extra}"
    return f"the data do not match it exactly ({outside} live outside the South in the data)"


# ---------------------------------------------------------------------------------------
# Sentences for the notebook
# ---------------------------------------------------------------------------------------

def _fmt_share(x: float) -> str:
    return f"{100 * x:.0f}%"


def _top_words(top_region: str, share: float) -> str:
    """``top region North West (28%)``; ties: ``top regions North West and London (26% each)``."""
    tops = top_region.split(" / ")
    if len(tops) == 1:
        return f"top region {tops[0]} ({_fmt_share(share)})"
    return f"top regions {', '.join(tops[:-1])} and {tops[-1]} ({_fmt_share(share)} each)"


def describe_regions(tables: dict[str, pd.DataFrame], election_id: str,
                     root: Path | None = None, home: bool = True) -> list[str]:
    """Plain sentences on where an election's nominations came from (and, with ``home``, on
    the home regions of those elected: ``describe_home_regions``).

    Works for every election: where there is no CLP-by-CLP list it says so.
    """
    out: list[str] = []
    homes = describe_home_regions(tables, election_id) if home else []
    reason = no_clp_data_reason(tables, election_id)
    if reason:
        out.append(reason)
        return out + homes

    located = locate_nominations(tables, election_id, root)
    bset = boundary_set_for(election_id)
    clp = located[located.mapped]
    groups = located[~located.mapped]
    n_clps = clp.body.nunique()
    status = sorted(set(located.status.dropna()))
    as_of = sorted(set(located.as_of.dropna()))
    when = (f"an interim list as it stood on {', '.join(as_of)}, before nominations closed"
            if status == ["interim"] else f"the {'/'.join(status) or 'published'} list")
    n_alias = int((clp.match == "alias").sum())
    aliases = ("none needed a hand-made alias" if n_alias == 0 else
               f"{plural(n_alias, 'CLP')} needed a hand-made alias (listed in the project's alias table)")
    out.append(f"{election_words(election_id)}: {plural(n_clps, 'CLP')} appear in the CLP-by-CLP "
               f"nominations ({plural(len(clp), 'nomination')}), from {when} "
               f"({source_words(tables, located.source_id, sep=', ')}). Each CLP was placed on its Westminster "
               f"seat ({BOUNDARY_WORDS.get(bset, bset)}) by exact name; {aliases}.")
    if not groups.empty:
        n_groups = groups.body.nunique()
        out.append(f"{plural(len(groups), 'nomination')} from {plural(n_groups, 'Labour group')} "
                   "(councils) are not constituencies and are not mapped.")
    # coverage against the candidates' final totals, where the data has them
    noms = tables.get("nominations")
    if noms is not None and not noms.empty:
        pref = noms[(noms.election_id == election_id) & noms.preferred.fillna(False).astype(bool)]
        if not pref.empty and pref.nominations.notna().any():
            listed = clp.groupby("candidate_id").size()
            covered = pref[pref.candidate_id.isin(listed.index)]
            total_pref = int(covered.nominations.sum())
            if total_pref > len(clp):
                kinds = "/".join(sorted(set(covered.status.dropna())))
                which = "final figures" if kinds == "final" else f"later ({kinds}) figures"
                out.append(f"The list holds {len(clp):,} of the {total_pref:,} nominations the same "
                           f"candidates had in the {which}, so it shows where early support came "
                           "from, not the final picture.")

    prof = regional_profile(tables, election_id, root)
    conc = concentration(tables, election_id, root)
    allp = prof[prof.level == "all"]
    per_region = allp.set_index("region_name")
    top = per_region.sort_values(["per_100_clps", "clps"], ascending=False)
    present = top[top.clps > 0]
    absent = list(top[top.clps == 0].index)
    rates = "; ".join(f"{name} {int(r.clps)} of {int(r.clps_in_region)} ({r.per_100_clps:.1f} per 100)"
                      for name, r in present.iterrows())
    out.append(f"Nominating CLPs per 100 seats in each GB region: {rates}."
               + (f" None from {', '.join(absent)}." if absent else ""))
    out.append("How spread out each group's CLPs are: 'as spread as N equal regions' is 1 divided by "
               "the Herfindahl index of its regional shares (1 = every CLP from one region, 11 = the "
               "same number from each GB region); the mismatch with seats is the share of its CLPs "
               "that would have to come from other regions for them to be spread like the seats.")
    # slate families
    fam = conc[conc.level == "slate_family"].sort_values("clps", ascending=False)
    for r in fam.itertuples(index=False):
        note = " (few CLPs: read with care)" if r.small_n else ""
        top = (_top_words(r.top_region, r.top_region_share)
               if r.top_region.count(" / ") < 2 else
               f"no region stands out (at most {plural(int(r.top_region_clps), 'CLP')} from any one)")
        lead = FAMILY_LEADS.get(r.unit_id, f"{family_label(r.unit_id)} slate")
        out.append(f"{lead}: {plural(r.clps, 'CLP')} across "
                   f"{plural(r.n_regions, 'region')}; {top}; as spread as {r.effective_regions:.1f} "
                   f"equal regions; mismatch with seats {_fmt_share(r.dissimilarity)}{note}.")
    cand = conc[(conc.level == "candidate") & ~conc.small_n].sort_values(
        ["top_region_share", "clps"], ascending=[False, False])
    if not cand.empty:
        c0 = cand.iloc[0]
        each = " each" if " / " in c0.top_region else ""
        out.append(f"Most concentrated candidate with at least {SMALL_N} CLPs: {c0.unit_name}, "
                   f"{_fmt_share(c0.top_region_share)}{each} of {int(c0.clps)} CLPs from "
                   f"{' and '.join(c0.top_region.split(' / '))}.")
        c1 = cand.sort_values(["n_regions", "clps"], ascending=False).iloc[0]
        out.append(f"Most widely spread: {c1.unit_name}, CLPs in {plural(int(c1.n_regions), 'region')} "
                   f"(as spread as {c1.effective_regions:.1f} equal regions).")
    small = conc[(conc.level == "candidate") & conc.small_n]
    if not small.empty:
        out.append(f"{plural(len(small), 'candidate')} had fewer than {SMALL_N} CLPs in the list; "
                   "their regional shares rest on too few nominations to say much.")
    return out + homes
