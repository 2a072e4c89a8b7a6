"""What a report build does not import: optional modules its libraries try, and modules they
import for a name they never use in a build.

Only for a process that builds pages (``python -m nec_analysis.site``), never for JupyterLab
or a test session. Every process compiles each module it imports from source on machines
that keep no bytecode (``PYTHONDONTWRITEBYTECODE``), so a module imported and never used
costs its whole compilation each run.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Iterable
from typing import Any

#: Optional imports of libraries the build uses that a report never needs; each library catches
#: the ImportError and works without them (pages byte-identical):
#: jsonschema (under nbformat) imports ``rfc3987_syntax`` when installed, which compiles about
#: forty lark grammars at import (seconds) to check IRI formats no notebook schema uses, and
#: ``isoduration`` (with arrow), ``fqdn``, ``webcolors`` and ``uri_template`` for other formats
#: no notebook schema uses; jupytext imports ``jupyter_server`` (tornado, zmq, ...) and
#: ``tornado.web`` for its JupyterLab contents manager, as nbconvert does for its ``--post serve``,
#: and ``markdown_it`` for its MyST format (the notebooks are in the percent format);
#: BeautifulSoup (under nbconvert, which parses with ``html.parser``) compiles its html5lib and lxml
#: tree builders before finding that neither library is installed.
OPTIONAL_IMPORTS = ("rfc3987_syntax", "jupyter_server", "tornado.web", "isoduration", "fqdn", "webcolors",
                    "uri_template", "markdown_it", "bs4.builder._html5lib", "bs4.builder._lxml")
#: Modules papermill imports at start-up for names that only its other uses reach: ``requests``
#: (notebooks read from or written to http:// addresses) and ``click`` (its command line).
#: Imported lazily: the module is imported, whole and as usual, the first time anything is looked
#: up on it, so nothing changes for a use that needs it.
LAZY_IMPORTS = ("requests", "click")


def skip_optional_imports(names: Iterable[str] = OPTIONAL_IMPORTS) -> list[str]:
    """Make ``import name`` fail in this process for each of ``names`` not yet imported; the names skipped."""
    skipped = [n for n in names if n not in sys.modules]
    for name in skipped:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ModuleNotFoundError
    return skipped


class _OnFirstUse(types.ModuleType):
    """Stands in ``sys.modules`` for a module until something looks a name up on it: then the
    module is imported as usual and the name (and every later one) comes from it."""

    def __getattr__(self, attr: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def import_lazily(names: Iterable[str] = LAZY_IMPORTS) -> list[str]:
    """Make each of ``names`` (top-level modules not yet imported, and installed) load only when
    first used; the names made lazy."""
    lazy = []
    for name in names:
        if name in sys.modules or "." in name:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        stub = _OnFirstUse(name)
        stub.__spec__ = spec  # what ``import name`` checks is there: the import itself loads nothing
        sys.modules[name] = stub
        lazy.append(name)
    return lazy


def trim() -> None:
    """Both, for a process that only builds pages."""
    skip_optional_imports()
    import_lazily()
