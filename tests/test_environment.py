"""The three dependency files agree: pyproject.toml (what), requirements.lock (which
versions, for every Python >= 3.10) and environment.yml (the same versions, for conda).

When one of these fails after a dependency change: `make lock`, then copy the pins the
failure names into environment.yml.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: tomli, which pytest itself requires there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
# Optional groups locked on their own (constrained by LOCK) and installed only by the make
# targets that need them, so `make setup` stays lean: `make db` / `make datasette`.
SEPARATE_LOCKS = {"db": ROOT / "requirements-db.lock"}
ENV_YML = ROOT / "environment.yml"

# `name==version` then an optional `; marker`, then an optional `\` (hashes follow).
LOCK_LINE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)"
                       r"\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?\s*$")


def marker_env(python: str) -> dict[str, str]:
    """A Linux CPython marker environment for Python ``python`` (``"3.11"``)."""
    return {
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "x86_64",
        "platform_release": "",
        "platform_version": "",
        "implementation_version": f"{python}.0",
        "extra": "",
    }


def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def named_requirements(separate: bool = False) -> dict[str, Requirement]:
    """Every dependency pyproject names: runtime and every optional group locked in LOCK
    (with ``separate``, the groups of SEPARATE_LOCKS too)."""
    project = pyproject()["project"]
    reqs = list(project["dependencies"])
    for name, group in project.get("optional-dependencies", {}).items():
        if separate or name not in SEPARATE_LOCKS:
            reqs.extend(group)
    out = {}
    for text in reqs:
        req = Requirement(text)
        out[canonicalize_name(req.name)] = req
    return out


def lock_entries(text: str | None = None) -> list[tuple[str, str, str | None]]:
    """(name, version, marker) for each pin in the lock."""
    text = LOCK.read_text(encoding="utf-8") if text is None else text
    out = []
    for line in text.splitlines():
        m = LOCK_LINE.match(line)
        if m:
            out.append((canonicalize_name(m["name"]), m["version"], m["marker"]))
    return out


def lock_pins(python: str, text: str | None = None) -> dict[str, str]:
    """The lock's pins that apply on Python ``python``."""
    env = marker_env(python)
    pins: dict[str, str] = {}
    for name, version, marker in lock_entries(text):
        if marker is None or Marker(marker).evaluate(env):
            assert name not in pins, f"lock pins {name} twice for Python {python}"
            pins[name] = version
    return pins


def environment(text: str | None = None) -> tuple[str, dict[str, str], list[str]]:
    """environment.yml's Python version, its pip pins (name → version) and its other lines."""
    doc = yaml.safe_load(ENV_YML.read_text(encoding="utf-8") if text is None else text)
    python = None
    pins: dict[str, str] = {}
    other: list[str] = []
    for dep in doc["dependencies"]:
        if isinstance(dep, dict):
            for line in dep["pip"]:
                if line.startswith("-"):
                    other.append(line)
                    continue
                req = Requirement(line)
                specs = list(req.specifier)
                assert len(specs) == 1 and specs[0].operator == "==", \
                    f"environment.yml: {line!r} is not pinned with =="
                pins[canonicalize_name(req.name)] = specs[0].version
        elif re.match(r"^python\s*=", dep):
            python = dep.split("=", 1)[1].strip().lstrip("=")
        else:
            other.append(dep)
    assert python, "environment.yml names no python=X.Y"
    return python, pins, other


def disagreements(env_text: str | None = None, lock_text: str | None = None) -> list[str]:
    """Every way environment.yml and the lock disagree on the packages pyproject names."""
    python, env_pins, _ = environment(env_text)
    pins = lock_pins(python, lock_text)
    for path in SEPARATE_LOCKS.values():  # constrained by LOCK: shared pins are equal
        pins = lock_pins(python, path.read_text(encoding="utf-8")) | pins
    problems = []
    named = named_requirements(separate=True)
    for name in sorted(named):
        if name not in env_pins:
            problems.append(f"{name}: named in pyproject.toml, missing from environment.yml")
        elif name not in pins:
            problems.append(f"{name}: named in pyproject.toml, not pinned in the lock for Python {python}")
        elif env_pins[name] != pins[name]:
            problems.append(f"{name}: environment.yml has {env_pins[name]}, the lock has {pins[name]}")
    for name in sorted(set(env_pins) - set(named)):
        problems.append(f"{name}: in environment.yml but not named in pyproject.toml")
    return problems


def test_environment_yml_agrees_with_lock() -> None:
    assert disagreements() == []


def test_a_disagreement_is_caught() -> None:
    """The comparison itself can fail: change one pin and one package, and it says so."""
    text = ENV_YML.read_text(encoding="utf-8")
    _, env_pins, _ = environment()
    version = env_pins["pandas"]
    wrong = text.replace(f"pandas=={version}", "pandas==0.0.1", 1)
    assert any(p.startswith("pandas:") for p in disagreements(env_text=wrong))
    dropped = re.sub(rf"(?m)^\s*- scipy=={re.escape(env_pins['scipy'])}\n", "", text, count=1)
    assert dropped != text
    assert any(p.startswith("scipy:") for p in disagreements(env_text=dropped))


def test_environment_python_satisfies_requires_python() -> None:
    python, _, other = environment()
    assert Version(python) in SpecifierSet(pyproject()["project"]["requires-python"])
    assert "-e ." in other, "environment.yml should install the project itself (-e .)"


@pytest.mark.parametrize("python", ["3.10", "3.11", "3.12", "3.13"])
def test_lock_covers_pyproject(python: str) -> None:
    """Each named dependency is pinned exactly once per Python, within pyproject's range."""
    pins = lock_pins(python)
    for name, req in named_requirements().items():
        if req.marker is not None and not req.marker.evaluate(marker_env(python)):
            continue
        assert name in pins, f"{name} is not in requirements.lock for Python {python}: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"lock pins {name}=={pins[name]}, outside pyproject's {req.specifier}: run `make lock`"


@pytest.mark.parametrize("group", sorted(SEPARATE_LOCKS))
@pytest.mark.parametrize("python", ["3.10", "3.11", "3.12", "3.13"])
def test_separate_lock_covers_its_group(group: str, python: str) -> None:
    """An optional group with its own lock is pinned there, at the main lock's versions."""
    text = SEPARATE_LOCKS[group].read_text(encoding="utf-8")
    pins, main = lock_pins(python, text), lock_pins(python)
    for req in map(Requirement, pyproject()["project"]["optional-dependencies"][group]):
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in {SEPARATE_LOCKS[group].name} for Python {python}: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True)
    shared = sorted(n for n in set(pins) & set(main) if pins[n] != main[n])
    assert shared == [], f"{SEPARATE_LOCKS[group].name} and requirements.lock disagree on {shared}: run `make lock`"


@pytest.mark.parametrize("lock", [LOCK, *SEPARATE_LOCKS.values()], ids=lambda p: p.name)
def test_lock_has_hashes_for_every_pin(lock: Path) -> None:
    text = lock.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        if LOCK_LINE.match(block.splitlines()[0]):
            assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"


def test_installed_versions_match_lock() -> None:
    """The interpreter running the tests has the lock's versions (is `make setup` current?)."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    pins = lock_pins(python)
    wrong = []
    for name in named_requirements():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}: not installed (lock: {pins.get(name)})")
            continue
        if canonicalize_name(name) in pins and Version(have) != Version(pins[name]):
            wrong.append(f"{name}: installed {have}, lock {pins[name]}")
    assert wrong == [], "environment differs from requirements.lock (run `make setup`): " + "; ".join(wrong)
