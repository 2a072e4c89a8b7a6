"""Synthetic clippings for the scale benchmark: the real data/raw plus made-up elections.

Never written into the project's data/: ``make_project(dest, scale)`` lays out a minimal
project (``pyproject.toml``, ``data/raw`` copied from the real one) under ``dest`` and adds
invented CLP-section elections (from 2030, every two years; ``scale / 5`` of them, so 20 at
100x), each with 40 candidates, a CLP-by-CLP nomination list over the 650 real
constituencies of the 2024 boundary set (so every CLP resolves), and a results table. CLPs per candidate are chosen
so the table lines total ``scale`` times the real volume: elections, candidacies and lines
all grow in proportion. Names are random syllables (seeded), far from each other and from real candidates.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

CANDIDATES = 40
SYLLABLES = ["ka", "zu", "mir", "tol", "vex", "qua", "lon", "dri", "sep", "gor", "hul", "yan", "bre", "fio",
             "nak", "pim", "rux", "sol", "tev", "wib", "xan", "jok", "cal", "dum"]


def real_lines(raw: Path) -> int:
    """Non-blank table lines (after each header) in ``raw/clippings``."""
    total = 0
    for path in (raw / "clippings").glob("*.txt"):
        parts = path.read_text(encoding="utf-8").split("\n\n", 1)
        total += sum(1 for line in parts[1].splitlines() if line.strip()) if len(parts) > 1 else 0
    return total


def _names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        fore = "".join(rng.sample(SYLLABLES, 2)).title()
        sur = "".join(rng.sample(SYLLABLES, 3)).title()
        if sur not in seen:
            seen.add(sur)
            out.append((fore, sur))
    return out


def _header(year: int, holds: str, title: str) -> str:
    return (f"publisher: nec-analysis benchmark (synthetic)\ntitle: {title}\nurl: not known\n"
            f"published: {year}-06-01\nyear: {year}\nsection: clp\nholds: {holds}\nstatus: final\n\n")


def make_project(dest: Path, scale: int, root: Path, seed: int = 1) -> int:
    """Lay out a project under ``dest`` with ``scale`` x the real table lines; lines written."""
    from nec_analysis import geography

    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root / "data" / "raw", dest / "data" / "raw")
    shutil.copy(root / "pyproject.toml", dest / "pyproject.toml")
    raw = dest / "data" / "raw"
    real = real_lines(raw)
    target = scale * real
    elections = max(1, scale // 5) if scale > 1 else 0
    per_election = max(target - real, 0) / max(elections, 1)
    per_candidate = max(1, round((per_election - 2 * CANDIDATES) / CANDIDATES))
    clps = sorted(geography.seats(geography.boundary_set_for(2030))["constituency"])  # the seats of its years
    people = _names(rng, CANDIDATES)
    written = real
    rows = []
    for i in range(elections):
        year = 2030 + 2 * i
        lines = []
        for fore, sur in people:
            bodies = rng.sample(clps, min(per_candidate, len(clps)))
            lines.append(f"{fore} {sur}, {len(bodies)} nominations")
            lines.extend(f"{b} CLP" for b in bodies)
        (raw / "clippings" / f"{year}_clp_nominations_synthetic.txt").write_text(
            _header(year, "nominations", "synthetic CLP-by-CLP list") + "\n".join(lines) + "\n", encoding="utf-8")
        votes = sorted(rng.sample(range(1000, 60000), CANDIDATES), reverse=True)
        results = [f"{sur.upper()}, {fore} {v:,}" + (" Elected" if k < 9 else "")
                   for k, ((fore, sur), v) in enumerate(zip(people, votes))]
        (raw / "clippings" / f"{year}_clp_results_synthetic.txt").write_text(
            _header(year, "results", "synthetic results") + "\n".join(results) + "\n", encoding="utf-8")
        written += len(lines) + len(results)
        rows.append(f"{year},clp,regular,9,stv,5,,synthetic (benchmark)")
    with open(raw / "elections.csv", "a", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))
    return written


def make_names_project(dest: Path, n: int, root: Path, seed: int = 1) -> int:
    """Lay out a project under ``dest``: the real data/raw plus one table of ``n`` new names.

    The names are random letters (seeded), so none is close to another or to a real
    candidate: every one is a new person the registry must check and create. Returns ``n``.
    """
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root / "data" / "raw", dest / "data" / "raw")
    shutil.copy(root / "pyproject.toml", dest / "pyproject.toml")
    letters = "abcdefghijklmnopqrstuvwxyz"
    names: set[str] = set()
    while len(names) < n:
        fore = "".join(rng.choice(letters) for _ in range(rng.randint(4, 8))).title()
        sur = "".join(rng.choice(letters) for _ in range(rng.randint(5, 9))).title()
        names.add(f"{fore} {sur}")
    lines = [f"  • {name} – {k % 300 + 1}" for k, name in enumerate(sorted(names))]
    (dest / "data/raw/clippings/2030_clp_nominations_names.txt").write_text(
        _header(2030, "nominations", f"{n:,} new names in one table") + "\n".join(lines) + "\n", encoding="utf-8")
    return n
