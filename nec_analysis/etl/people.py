"""The candidate registry: one id per person, every printed variant resolved to it.

A printed name resolves when its key (case-folded, honorifics dropped, surname-first
reordered by the parser) equals the key of a display name or alias in
``data/raw/candidates.csv``, or a ruling in ``data/raw/name_decisions.csv``. A new name
*close* to a known one is an error naming the near match until the registry rules on it
(alias, or a different person); a name that is simply new becomes a new candidate.

"Close" is decided without a pairwise scan in Python: rapidfuzz (``process.cdist`` over
all the names of a build at once, in C on every core, with a cut-off) finds the keys whose
similarity may reach :data:`NEAR_RATIO`, and :mod:`difflib` confirms each, so the rule is
exactly difflib's; a dictionary by surname finds the ``Jess``/``Jessica`` pairs. A table
of 10,000 new names resolves in about a second (``make bench``); the old scan took 43 s
for 2,000.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..tables import CANDIDATES_COLUMNS
from .names import name_key, normalise_name
from .registries import LINE, read_registry, specs

NEAR_RATIO = 0.85  # difflib similarity at or above which two different keys count as "close"



def slugify(name: str) -> str:
    """``'Gurinder Singh Josan'`` → ``'gurinder-singh-josan'``."""
    return re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")


class NearMatchError(ValueError):
    """A new name is close to a known candidate; the registry must say alias or different."""


# Indel similarity (rapidfuzz's ratio) is never below difflib's ratio, so this cut-off misses no close key.
_CUTOFF = NEAR_RATIO * 100 - 1e-6


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= NEAR_RATIO


def _same_surname_short_forename(a: str, b: str) -> bool:
    pa, pb = a.split(), b.split()
    if len(pa) >= 2 and len(pb) >= 2 and pa[-1] == pb[-1]:
        fa, fb = pa[0], pb[0]
        return fa.startswith(fb) or fb.startswith(fa)  # Jess / Jessica, Pete / Peter
    return False


def _close(a: str, b: str) -> bool:
    """True when keys ``a`` and ``b`` could be the same person written two ways."""
    return _similar(a, b) or _same_surname_short_forename(a, b)


@dataclass
class Registry:
    """Known candidates and the keys that resolve to each."""

    known: pd.DataFrame                                # candidates.csv's rows
    keys: dict[str, str] = field(default_factory=dict)  # name key -> candidate_id
    different: set[str] = field(default_factory=set)   # keys ruled to be new people
    added: list[str] = field(default_factory=list)      # ids created during this build
    _key_list: list[str] = field(default_factory=list, repr=False)  # keys in order, for rapidfuzz
    _by_surname: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list), repr=False)
    _new_rows: list[dict[str, str]] = field(default_factory=list, repr=False)
    _ids: set[str] = field(default_factory=set, repr=False)
    _display: dict[str, str] = field(default_factory=dict, repr=False)
    _candidates: dict[str, list[str]] = field(default_factory=dict, repr=False)  # from prepare()

    @classmethod
    def load(cls, raw: Path) -> "Registry":
        """Read ``candidates.csv`` and ``name_decisions.csv`` from ``raw`` (ClippingError if malformed)."""
        from ..parsers import ClippingError

        frames, problems = {}, []
        for name in ("candidates", "name_decisions"):
            frames[name], found = read_registry(raw, specs(raw)[name])
            problems += found
        if problems:
            raise ClippingError(problems)
        return cls.from_frames(frames["candidates"], frames["name_decisions"])

    @classmethod
    def from_frames(cls, cands: pd.DataFrame, decisions: pd.DataFrame) -> "Registry":
        """A registry from the rows of ``candidates.csv`` and ``name_decisions.csv`` (as read by .registries).

        A name that two candidates claim is a ClippingError at the second row's line.
        """
        from ..parsers import ClippingError, Problem

        reg = cls(cands[CANDIDATES_COLUMNS].reset_index(drop=True).copy())
        reg._ids = set(reg.known.candidate_id)
        reg._display = dict(zip(reg.known.candidate_id, reg.known.display_name))
        problems = []
        for row in cands.to_dict("records"):
            for variant in [row["display_name"], *filter(None, row["aliases"].split("|"))]:
                clash = reg._add_key(name_key(variant), row["candidate_id"])
                if clash:
                    problems.append(Problem("data/raw/candidates.csv", int(row[LINE]), variant,
                                            f"column aliases: a name of one candidate only; {variant!r} is also "
                                            f"{clash}'s"))
        for row in decisions.to_dict("records"):
            key = name_key(row["name"])
            if row["decision"] == "alias":
                clash = reg._add_key(key, row["candidate_id"])
                if clash:
                    problems.append(Problem("data/raw/name_decisions.csv", int(row[LINE]), row["name"],
                                            f"column name: a name not already another candidate's; it is {clash}'s"))
            else:
                reg.different.add(key)
        if problems:
            raise ClippingError(problems)
        return reg

    def _add_key(self, key: str, cid: str) -> str:
        """Register ``key`` for ``cid``; return the other candidate's id if ``key`` is already theirs."""
        if self.keys.get(key, cid) != cid:
            return self.keys[key]
        if key not in self.keys:
            self.keys[key] = cid
            self._key_list.append(key)
            parts = key.split()
            if len(parts) >= 2:
                self._by_surname[parts[-1]].append(key)
        return ""

    def prepare(self, printed_names: Iterable[str]) -> None:
        """Find, in one batch, every key close to each new name about to be resolved.

        One ``rapidfuzz.process.cdist`` over (new keys × known and new keys), in blocks, replaces
        a search per name; :meth:`near` then only filters and confirms. Keys are compared only
        with keys of a length that could reach the cut-off, and each pair of new keys once. Resolving without
        calling this first gives the same answers, one search at a time.
        """
        new = sorted({k for k in map(name_key, printed_names) if k not in self.keys and k not in self.different},
                     key=lambda k: (len(k), k))
        if not new:
            return
        from rapidfuzz import fuzz, process  # only a build with new names needs it

        known = sorted(self._key_list, key=len)
        known_len, new_len = np.array([len(k) for k in known]), np.array([len(k) for k in new])
        found: dict[str, list[str]] = {k: [] for k in new}
        for start in range(0, len(new), 500):
            block = new[start:start + 500]
            # Similarity 200·LCS/(la+lb) is at most 200·min(la, lb)/(la+lb): keys whose length is
            # outside this window can never reach the cut-off, so they are not compared.
            least = _CUTOFF * len(block[0]) / (200 - _CUTOFF) - 1
            most = len(block[-1]) * (200 - _CUTOFF) / _CUTOFF + 1
            k0, k1 = np.searchsorted(known_len, least), np.searchsorted(known_len, most, side="right")
            # Each pair of new keys once: this block against itself and the new keys after it.
            pool = known[k0:k1] + new[start:np.searchsorted(new_len, most, side="right")]
            scores = process.cdist(block, pool, scorer=fuzz.ratio, score_cutoff=_CUTOFF, dtype=np.uint8, workers=-1)
            rows, cols = np.nonzero(scores)
            for r, c in zip(rows.tolist(), cols.tolist()):
                if pool[c] != block[r]:
                    found[block[r]].append(pool[c])
                    if c >= k1 - k0:  # a new key: the pair is close both ways
                        found[pool[c]].append(block[r])
        self._candidates.update({k: sorted(set(v)) for k, v in found.items()})

    def near(self, key: str) -> list[str]:
        """Ids of the known candidates whose keys are close to ``key`` (see :func:`_close`)."""
        if key in self._candidates:
            hits = [k for k in self._candidates.pop(key) if k in self.keys]
        else:
            from rapidfuzz import fuzz, process

            hits = [k for k, _, _ in process.extract(key, self._key_list, scorer=fuzz.ratio, score_cutoff=_CUTOFF,
                                                     limit=None)]
        close = {k for k in hits if _similar(key, k)}
        parts = key.split()
        if len(parts) >= 2:
            close |= {k for k in self._by_surname.get(parts[-1], ()) if _same_surname_short_forename(key, k)}
        return sorted({self.keys[k] for k in close})

    def resolve(self, printed: str) -> str:
        """The candidate id for ``printed``; creates a new candidate for a plainly new name."""
        key = name_key(printed)
        if key in self.keys:
            return self.keys[key]
        if key not in self.different:
            near = self.near(key)
            if near:
                shown = ", ".join(f"{cid} ({self.display(cid)})" for cid in near)
                raise NearMatchError(
                    f"{printed!r} is new but close to {shown}: add it as an alias in "
                    f"data/raw/candidates.csv, or rule in data/raw/name_decisions.csv "
                    f"(decision 'alias' with the candidate_id, or 'different')")
        display = " ".join(w if not w.isupper() or len(w) < 3 else w.title() for w in normalise_name(printed).split())
        cid = slugify(display)
        if cid in self._ids:
            raise NearMatchError(f"{printed!r} would take the id {cid!r}, which another candidate has")
        self._new_rows.append({c: "" for c in CANDIDATES_COLUMNS} | {"candidate_id": cid, "display_name": display})
        self._ids.add(cid)
        self._display[cid] = display
        self._add_key(key, cid)
        self.added.append(cid)
        return cid

    @property
    def candidates(self) -> pd.DataFrame:
        """Every candidate: the registry's, then those new in this build (added in one step, not one by one)."""
        if self._new_rows:
            self.known = pd.concat([self.known, pd.DataFrame(self._new_rows)], ignore_index=True)
            self._new_rows = []
        return self.known

    def display(self, cid: str) -> str:
        """Display name of ``cid``."""
        return self._display[cid]
