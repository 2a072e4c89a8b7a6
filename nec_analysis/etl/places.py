"""Places: CLP as printed → Westminster seat → region and nation (the ``clps`` table).

Inputs (all in ``data/raw/geography/``, see its README):

* ``constituencies.hexjson`` — the ``2010`` boundary set (seats of 2010–2024), used for NEC
  elections up to 2022; ``uk-constituencies-2023.hexjson`` — the ``2024`` set, used after.
* ``regions.csv`` — region codes: short code, GSS code, ONS name, Labour's name, nation.
* ``clp_aliases.csv`` — CLP names the normaliser cannot match, with the seat and a reason.

How a CLP is placed (``Resolver``): a trailing `` CLP`` is dropped and the name normalised
(accents folded, casefolded, ``&`` → ``and``, punctuation and hyphens to spaces, whitespace
collapsed); the key must equal the normalised name of exactly one seat *in the election's
boundary set*. Failing that, ``clp_aliases.csv`` is consulted. Failing that,
``UnknownCLPError`` lists the closest seat names (``difflib`` — suggestions only, never a
match) and asks for a row in ``clp_aliases.csv``. Labour groups (councils) are not
constituencies and are never placed on a seat: in ``clps_table`` they keep their name and
their place columns stay empty.

Part of the data build: imports only pandas, the base modules and the strict reader of
``data/raw``'s tables (``registries``, which never imports the clipping reader), so a report
that places CLPs does not load the reader. ``regions.csv`` and ``clp_aliases.csv`` are read
by that strict reader: a malformed row is an error naming file, line and column.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..ids import year_of
from ..paths import geography_dir, project_root
from ..schema import COLUMNS
from .clippings import ClippingError, Problem

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


ALIAS_COLUMNS = ["boundary_set", "clp_name", "constituency_name", "reason"]


election_year = year_of


def boundary_set_for(election: str | int) -> str:
    """Boundary set whose seats the CLPs of ``election`` follow.

    ``2010`` (seats of 2010–2024) for elections up to 2022, ``2024`` after. Labour moved its
    CLPs onto the new seats for the 2024 general election, so the first NEC election on the
    new set is 2024.
    """
    return "2010" if election_year(election) <= LAST_YEAR_OF_2010_SET else "2024"


def _strict(root: Path, spec_name: str) -> pd.DataFrame:
    """A table of ``data/raw/geography/`` read by the strict reader (``registries``), with ``csv_line``.

    A malformed row is a ``ClippingError`` naming file, line and column, as for every registry.
    """
    from .registries import CLP_ALIASES, REGIONS, read_registry

    spec = {"regions": REGIONS, "clp_aliases": CLP_ALIASES}[spec_name]
    frame, problems = read_registry(geography_dir(root).parent, spec)
    if problems:
        raise ClippingError(problems)
    return frame


@lru_cache(maxsize=None)
def _regions(root: Path) -> pd.DataFrame:
    from .registries import LINE

    df = _strict(root, "regions").drop(columns=LINE)
    df["has_clps"] = (df["has_clps"] == "True").astype(bool)
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
_APOSTROPHES = re.compile(r"['’‘`]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Matching key for a CLP or seat name.

    ``Enfield Southgate CLP`` and ``Enfield, Southgate`` both give ``enfield southgate``;
    ``Ynys Môn`` gives ``ynys mon``; ``Weston-Super-Mare`` gives ``weston super mare``;
    ``Kensington & Chelsea`` gives ``kensington and chelsea``.
    """
    s = str(name)
    plain = s.isascii()  # ASCII is its own NFKC and NFKD form: no accents to take off
    s = _CLP_SUFFIX.sub("", (s if plain else unicodedata.normalize("NFKC", s)).strip())
    if not plain:
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.casefold().replace("&", " and ")
    s = _APOSTROPHES.sub("", s)               # Queen's → queens
    s = _PUNCTUATION.sub(" ", s)              # commas, hyphens, brackets, dots → space
    return _SPACES.sub(" ", s).strip()


# ---------------------------------------------------------------------------------------
# Seats
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _seats(boundary_set: str, root: Path) -> pd.DataFrame:
    return pd.DataFrame(seat_records(boundary_set, root))


@lru_cache(maxsize=None)
def seat_records(boundary_set: str, root: Path) -> tuple[dict, ...]:
    """The seats of a boundary set as records (the rows of :func:`seats`, in hex_id order); the
    resolver reads these rather than the frame (a frame's ``to_dict`` of 650 rows cost more than
    reading the file)."""
    if boundary_set not in BOUNDARY_SETS:
        raise ValueError(f"unknown boundary set {boundary_set!r}; known: {sorted(BOUNDARY_SETS)}")
    path = geography_dir(root) / BOUNDARY_SETS[boundary_set]
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("layout") != "odd-r":
        raise ValueError(f"{path}: layout {data.get('layout')!r}, expected 'odd-r'")
    reg = _regions(root).to_dict("records")
    by_short = {r["short_code"]: r for r in reg}
    by_gss = {r["gss_code"]: r for r in reg}
    rows = []
    for hex_id, h in data["hexes"].items():
        where = by_short.get(h["a"]) if "a" in h else by_gss.get(h.get("region"))  # 2010: short code; 2024: GSS
        if where is None:
            raise ValueError(f"{path}: seat {hex_id} is in region {h.get('a', h.get('region'))!r}, "
                             f"which data/raw/geography/regions.csv does not list")
        rows.append({
            "boundary_set": boundary_set, "hex_id": hex_id,
            "ons_code": STALE_2024_CODES.get(hex_id, hex_id) if boundary_set == "2024" else hex_id,
            "constituency": h["n"], "key": normalise_name(h["n"]),
            "q": int(h["q"]), "r": int(h["r"]),
            "region": where["short_code"], "region_gss": where["gss_code"],
            "region_name": where["labour_name"], "has_clps": bool(where["has_clps"]),
        })
    keys = Counter(r["key"] for r in rows)
    dup = sorted(r["constituency"] for r in rows if keys[r["key"]] > 1)
    if dup:  # the exact-match rule needs one seat per key
        raise ValueError(f"{path}: names collide after normalisation: {dup}")
    return tuple(sorted(rows, key=lambda r: r["hex_id"]))


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
    """``clp_aliases.csv`` as a frame (columns boundary_set, clp_name, constituency_name, reason),
    read strictly (a malformed row is a ``ClippingError`` naming file, line and column)."""
    return _strict(root or project_root(), "clp_aliases").loc[:, ALIAS_COLUMNS]


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
        self._by_key: dict[str, dict] = {r["key"]: r for r in seat_records(self.boundary_set, self.root)}
        by_name = {r["constituency"]: r for r in self._by_key.values()}
        if aliases is None:
            al = _strict(self.root, "clp_aliases")
        else:
            al = aliases.assign(csv_line=aliases["csv_line"] if "csv_line" in aliases else 0)
        al = al[al.boundary_set.astype(str) == self.boundary_set]
        self._alias: dict[str, dict] = {}
        problems = []
        for row in al.to_dict("records"):
            key = normalise_name(row["clp_name"])
            seat = self._by_key.get(key, {}).get("constituency")
            if row["constituency_name"] not in by_name:
                wrong = (f"column constituency_name: a seat name of the {self.boundary_set} set exactly as in "
                         f"{BOUNDARY_SETS[self.boundary_set]}; {row['constituency_name']!r} is not a seat name")
            elif not str(row["reason"]).strip():
                wrong = "column reason: why the CLP is that seat; it is empty"
            elif seat and seat != row["constituency_name"]:
                wrong = (f"column clp_name: a name no seat has already; {row['clp_name']!r} already matches the "
                         f"seat {seat!r}, and the alias to {row['constituency_name']!r} contradicts it")
            elif key in self._alias and self._alias[key]["constituency"] != row["constituency_name"]:
                wrong = f"column clp_name: each CLP aliased once; {row['clp_name']!r} is aliased twice"
            else:
                self._alias[key] = by_name[row["constituency_name"]]
                continue
            problems.append(Problem("data/raw/geography/clp_aliases.csv", int(row["csv_line"]),
                                    ",".join(str(row[c]) for c in ALIAS_COLUMNS), wrong))
        if problems:
            raise ClippingError(problems)

    def suggestions(self, name: str, n: int = 5) -> list[str]:
        """Closest seat names (for the error message only)."""
        keys = difflib.get_close_matches(normalise_name(name), list(self._by_key), n=n, cutoff=0.6)
        return [self._by_key[k]["constituency"] for k in keys]

    def _lookup(self, name: str) -> Seat | None:
        key = normalise_name(name)
        if key in self._by_key:
            row, how = self._by_key[key], "exact"
        elif key in self._alias:
            row, how = self._alias[key], "alias"
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



def clps_table(clp_nominations: pd.DataFrame, root: Path | None = None) -> pd.DataFrame:
    """The ``clps`` table: every body of ``clp_nominations``, once per election, placed.

    A CLP gets its boundary set, seat (ONS code and name), region and nation, and how its
    name was matched; every CLP must resolve (else ``UnknownCLPError`` naming each with the
    clipping lines it is on). A council's Labour group keeps its name as printed and is
    never put on a seat: its place columns are empty.
    """
    cols = COLUMNS["clps"]
    cn = clp_nominations
    if cn.empty:
        return pd.DataFrame(columns=cols)
    bodies = cn[["election_id", "body", "body_type"]].drop_duplicates(["election_id", "body"])
    placed = check_clp_nominations(cn, root)
    root = (root or project_root()).resolve()
    seat_codes = {bset: {r["hex_id"]: r["ons_code"] for r in seat_records(bset, root)}
                  for bset in placed["boundary_set"].unique()}
    reg = regions(root).set_index("short_code")
    placed = placed.assign(
        seat_code=[seat_codes[b][h] for b, h in zip(placed.boundary_set, placed.hex_id)],
        seat_name=placed.constituency, region_code=placed.region,
        nation=placed.region.map(reg["nation"]),
    ).drop(columns=["region"]).rename(columns={"region_name": "region"})
    out = bodies.merge(placed, on=["election_id", "body"], how="left")
    return out.loc[:, cols].sort_values(["election_id", "body"], kind="mergesort").reset_index(drop=True)
