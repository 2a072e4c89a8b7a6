"""The dependency rule of ../shared/ARCHITECTURE.md, enforced.

A module's layer is decided by its path:

    base      nec_analysis/{__init__,paths,vocab,ids,schema,store}.py
    etl       nec_analysis/etl/
    analysis  nec_analysis/analysis/
    words     nec_analysis/words/
    charts    nec_analysis/charts/
    notebook  nec_analysis/notebook/
    site      nec_analysis/site/
    cli       nec_analysis/__main__.py (the command line may start anything)

A module may import (directly, or through the modules it imports, at top level or inside
a function) only modules of its own layer or of layers above it in this list. Modules
not yet moved into their layer are listed in LEGACY with the layer they are going to: as
importers they are not checked yet; as something a layered module imports they count at
that layer. When a module moves, delete its LEGACY line (a test fails while a listed file
no longer exists), so the list only shrinks. LEAVES are modules any layer may import (they import only
base modules). A module that is in no layer and not in LEGACY
fails the test: place new code in its layer.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "nec_analysis"
LAYERS = ["base", "etl", "analysis", "words", "charts", "notebook", "site", "cli"]
BASE_FILES = {"__init__.py", "paths.py", "vocab.py", "ids.py", "schema.py", "store.py"}
PACKAGES = {"etl", "analysis", "words", "charts", "notebook", "site"}

LEGACY: dict[str, str] = {  # file (relative to nec_analysis/) → the layer it is moving to
    "build.py": "etl",
    "geography.py": "analysis",
    "io.py": "base",        # shim over paths and store
    "maps.py": "charts",
    "parsers.py": "etl",
    "registry.py": "etl",
    "schemas.py": "base",   # shim over schema and store
    "tables.py": "base",    # shim over schema
}
# Leaf modules any layer may use (words/__init__.py says so: ids and numbers in words, for the
# notes of an analysis' Result as much as for pages). A leaf may import only base modules and
# other leaves, so using one never drags a later layer in.
LEAVES = {"words/__init__.py", "words/format.py", "words/labels.py"}
# The files `make data` reads: the data build and everything it imports.
BUILD_ENTRY = ("etl/build.py", "build.py")


def layer_of(rel: str) -> str | None:
    """The layer of a module file (``rel`` relative to nec_analysis/); None if it is in none."""
    parts = Path(rel).parts
    if len(parts) > 1 and parts[0] in PACKAGES:
        return parts[0]
    if rel in BASE_FILES:
        return "base"
    return {"__main__.py": "cli"}.get(rel)


def _module_name(rel: str) -> str:
    parts = list(Path(rel).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _files(src: Path) -> dict[str, str]:
    """Module name → file relative to the package, for every module of the package at ``src``."""
    pkg = src / PACKAGE
    return {_module_name(p.relative_to(pkg).as_posix()): p.relative_to(pkg).as_posix()
            for p in sorted(pkg.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, (ast.Name, ast.Attribute)) and ast.unparse(node.test).endswith("TYPE_CHECKING")


def _imports(src: Path, rel: str, modules: dict[str, str]) -> set[str]:
    """Package modules the file imports anywhere (not under ``if TYPE_CHECKING:``), with parents."""
    here = _module_name(rel).split(".")
    package = here if rel.endswith("__init__.py") else here[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(stem)
            found.update(f"{stem}.{a.name}" for a in node.names)  # `from . import geography`
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse((src / PACKAGE / rel).read_text(encoding="utf-8")))
    out = set()
    for name in found:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__
            if ".".join(parts[:i]) in modules:
                out.add(".".join(parts[:i]))
    out.discard(_module_name(rel))
    return out


@lru_cache(maxsize=None)
def graph(src: Path = ROOT) -> dict[str, set[str]]:
    """Module → package modules it imports (directly)."""
    modules = _files(src)
    return {m: _imports(src, rel, modules) for m, rel in modules.items()}


def reachable(g: dict[str, set[str]], start: str) -> dict[str, list[str]]:
    """Every module loaded by importing ``start``, with one import chain to it."""
    chains = {start: [start]}
    todo = [start]
    while todo:
        m = todo.pop()
        for n in sorted(g[m]):
            if n not in chains:
                chains[n] = [*chains[m], n]
                todo.append(n)
    return chains


def violations(src: Path = ROOT, legacy: dict[str, str] = LEGACY) -> list[str]:
    """Every import that breaks the rule, and every module in no layer."""
    g, files = graph(src), _files(src)
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    out = []
    for m, rel in files.items():
        if layer_of(rel) is None and rel not in legacy:
            out.append(f"{rel}: in no layer and not in LEGACY: move it into its layer's folder")
    for m, rel in files.items():
        mine = layer_of(rel)
        if mine is None:
            continue
        for n, chain in reachable(g, m).items():
            theirs = layer_of(files[n]) or legacy.get(files[n])
            if rel in LEAVES and files[n] not in LEAVES and theirs != "base":
                out.append(f"{rel} (a leaf) loads {files[n]} ({theirs}): {' → '.join(chain)}")
            elif theirs and rank[theirs] > rank[mine] and files[n] not in LEAVES:
                out.append(f"{rel} ({mine}) loads {files[n]} ({theirs}): {' → '.join(chain)}")
    return out


def test_every_module_keeps_to_its_layer() -> None:
    assert violations() == []


def test_legacy_lists_only_files_that_still_exist() -> None:
    gone = [f for f in LEGACY if not (ROOT / PACKAGE / f).is_file()]
    assert gone == [], f"moved: delete {gone} from LEGACY in tests/test_layers.py"
    placed = [f for f in LEGACY if layer_of(f)]
    assert placed == [], f"{placed} are in their layer's folder now: delete them from LEGACY"


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / PACKAGE, tmp_path / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _plant(src: Path, rel: str, line: str) -> None:
    path = src / PACKAGE / rel
    path.write_text(path.read_text(encoding="utf-8") + f"\n\ndef _planted():\n    {line}\n", encoding="utf-8")


@pytest.mark.parametrize("rel, line, expected", [
    ("store.py", "from .etl import places", "store.py (base) loads etl/places.py (etl)"),
    ("etl/places.py", "import nec_analysis.site", "etl/places.py (etl) loads site/__init__.py (site)"),
    # through a legacy module: the etl code imports a shim that (planted) imports analysis code
    ("io.py", "from . import analysis", "etl/places.py (etl) loads analysis/__init__.py (analysis)"),
])
def test_a_planted_bad_import_is_caught(copy: Path, rel: str, line: str, expected: str) -> None:
    if rel == "io.py":
        _plant(copy, "etl/places.py", "from .. import io")
    _plant(copy, rel, line)
    found = violations(copy)
    assert any(v.startswith(expected) for v in found), found


def test_a_leaf_that_imports_a_later_layer_is_caught(copy: Path) -> None:
    _plant(copy, "words/format.py", "from ..analysis import core")
    assert any(v.startswith("words/format.py (a leaf) loads analysis/core.py") for v in violations(copy))


def test_a_module_outside_every_layer_is_caught(copy: Path) -> None:
    (copy / PACKAGE / "helpers.py").write_text("X = 1\n")
    assert violations(copy) == ["helpers.py: in no layer and not in LEGACY: move it into its layer's folder"]


def test_an_import_under_type_checking_is_not_a_dependency(copy: Path) -> None:
    path = copy / PACKAGE / "schema.py"
    path.write_text(path.read_text().replace("if TYPE_CHECKING:", "if TYPE_CHECKING:\n    from .etl import places", 1))
    assert violations(copy) == []


def test_the_base_and_the_data_build_load_no_charting_or_notebook_code() -> None:
    """In a fresh interpreter: importing the base and etl modules loads no matplotlib,
    seaborn, nbconvert or papermill (what the AST rule implies, checked at run time)."""
    mods = [m for m, rel in _files(ROOT).items() if layer_of(rel) in ("base", "etl")]
    code = (f"import sys\nfor m in {mods!r}: __import__(m)\n"
            "heavy = {'matplotlib', 'seaborn', 'nbconvert', 'papermill', 'IPython'}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def _make_variable(name: str) -> list[str]:
    out = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "_print_var"],
                         input=f"_print_var:\n\t@echo $({name})\n", capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return out.stdout.split()


def test_make_data_depends_on_the_build_and_what_it_imports_only() -> None:
    files = _files(ROOT)
    entry = next(f for f in BUILD_ENTRY if (ROOT / PACKAGE / f).is_file())
    g = graph(ROOT)
    needed = {f"{PACKAGE}/{files[m]}" for m in reachable(g, _module_name(entry))} | {f"{PACKAGE}/__main__.py"}
    prerequisites = {p for p in _make_variable("DATA_SRC") if p.endswith(".py")}
    assert needed <= prerequisites, f"add to DATA_SRC in the Makefile: {sorted(needed - prerequisites)}"
    allowed = {"base", "etl", "cli"}
    extra = [p for p in prerequisites
             if (layer_of(p.removeprefix(f"{PACKAGE}/")) or LEGACY.get(p.removeprefix(f"{PACKAGE}/"))) not in allowed]
    assert extra == [], f"`make data` should not depend on {extra}"


#: Issue 12: no Python file of the package is over this many lines (small modules with one job each).
MAX_MODULE_LINES = 500


def test_no_module_of_the_package_is_over_500_lines() -> None:
    long = {p.relative_to(ROOT).as_posix(): n for p in sorted((ROOT / PACKAGE).rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these modules (lines): {long}"
