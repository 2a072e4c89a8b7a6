"""The candidate registry: one id per person, every printed variant resolved to it.

A printed name resolves when its key (case-folded, honorifics dropped, surname-first
reordered by the parser) equals the key of a display name or alias in
``data/raw/candidates.csv``, or a ruling in ``data/raw/name_decisions.csv``. A new name
*close* to a known one is an error naming the near match until the registry rules on it
(alias, or a different person); a name that is simply new becomes a new candidate.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..parsers import normalise_name
from ..tables import CANDIDATES_COLUMNS

NEAR_RATIO = 0.85  # difflib similarity at or above which two different keys count as "close"


def name_key(name: str) -> str:
    """Matching key: normalised, case-folded, hyphens and dots kept, whitespace folded."""
    return " ".join(normalise_name(name).casefold().replace("’", "'").split())


def slugify(name: str) -> str:
    """``'Gurinder Singh Josan'`` → ``'gurinder-singh-josan'``."""
    return re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")


class NearMatchError(ValueError):
    """A new name is close to a known candidate; the registry must say alias or different."""


def _close(a: str, b: str) -> bool:
    """True when keys ``a`` and ``b`` could be the same person written two ways."""
    if difflib.SequenceMatcher(None, a, b).ratio() >= NEAR_RATIO:
        return True
    pa, pb = a.split(), b.split()
    if len(pa) >= 2 and len(pb) >= 2 and pa[-1] == pb[-1]:
        fa, fb = pa[0], pb[0]
        return fa.startswith(fb) or fb.startswith(fa)  # Jess / Jessica, Pete / Peter
    return False


@dataclass
class Registry:
    """Known candidates and the keys that resolve to each."""

    candidates: pd.DataFrame
    keys: dict[str, str] = field(default_factory=dict)  # name key -> candidate_id
    different: set[str] = field(default_factory=set)   # keys ruled to be new people
    added: list[str] = field(default_factory=list)      # ids created during this build

    @classmethod
    def load(cls, raw: Path) -> "Registry":
        """Read ``candidates.csv`` and ``name_decisions.csv`` from ``raw``."""
        cands = pd.read_csv(raw / "candidates.csv", dtype=str, keep_default_na=False)
        missing = [c for c in CANDIDATES_COLUMNS if c not in cands.columns]
        if missing:
            raise ValueError(f"{raw / 'candidates.csv'}: missing columns {missing}")
        reg = cls(cands[CANDIDATES_COLUMNS].copy())
        for row in reg.candidates.itertuples():
            for variant in [row.display_name, *filter(None, row.aliases.split("|"))]:
                reg._add_key(name_key(variant), row.candidate_id, raw / "candidates.csv")
        decisions = raw / "name_decisions.csv"
        if decisions.exists():
            for row in pd.read_csv(decisions, dtype=str, keep_default_na=False).itertuples():
                key = name_key(row.name)
                if row.decision == "alias":
                    if row.candidate_id not in set(reg.candidates.candidate_id):
                        raise ValueError(f"{decisions}: {row.name!r} is an alias of unknown id {row.candidate_id!r}")
                    reg._add_key(key, row.candidate_id, decisions)
                elif row.decision == "different":
                    reg.different.add(key)
                else:
                    raise ValueError(f"{decisions}: decision for {row.name!r} must be 'alias' or 'different'")
        return reg

    def _add_key(self, key: str, cid: str, where: Path) -> None:
        if self.keys.get(key, cid) != cid:
            raise ValueError(f"{where}: the name {key!r} belongs to both {self.keys[key]} and {cid}")
        self.keys[key] = cid

    def resolve(self, printed: str) -> str:
        """The candidate id for ``printed``; creates a new candidate for a plainly new name."""
        key = name_key(printed)
        if key in self.keys:
            return self.keys[key]
        if key not in self.different:
            near = sorted({self.keys[k] for k in self.keys if _close(key, k)})
            if near:
                shown = ", ".join(f"{cid} ({self.display(cid)})" for cid in near)
                raise NearMatchError(
                    f"{printed!r} is new but close to {shown}: add it as an alias in "
                    f"data/raw/candidates.csv, or rule in data/raw/name_decisions.csv "
                    f"(decision 'alias' with the candidate_id, or 'different')")
        display = " ".join(w if not w.isupper() or len(w) < 3 else w.title() for w in normalise_name(printed).split())
        cid = slugify(display)
        if cid in set(self.candidates.candidate_id):
            raise NearMatchError(f"{printed!r} would take the id {cid!r}, which another candidate has")
        new = {c: "" for c in CANDIDATES_COLUMNS} | {"candidate_id": cid, "display_name": display}
        self.candidates = pd.concat([self.candidates, pd.DataFrame([new])], ignore_index=True)
        self.keys[key] = cid
        self.added.append(cid)
        return cid

    def display(self, cid: str) -> str:
        """Display name of ``cid``."""
        return str(self.candidates.loc[self.candidates.candidate_id == cid, "display_name"].iloc[0])
