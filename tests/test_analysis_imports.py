"""The analyses stand alone: importing them loads no charting library and no page code."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache


@cache  # one fresh interpreter per statement: starting one costs seconds on a loaded machine
def _modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_analysis_loads_no_matplotlib_nor_site_code():
    loaded = _modules_loaded_by("import nec_analysis.analysis")
    assert "nec_analysis.analysis.core" in loaded  # the check sees what the import loaded
    bad = sorted(m for m in loaded if m.split(".")[0] in {"matplotlib", "seaborn", "IPython", "papermill",
                                                           "nbconvert", "jinja2"}
                 or m in {"nec_analysis.report", "nec_analysis.charts", "nec_analysis.maps", "nec_analysis.engine",
                          "nec_analysis.notebook"} or m.startswith("nec_analysis.site"))
    assert bad == []


def test_import_analysis_loads_no_sentences():
    loaded = _modules_loaded_by("import nec_analysis.analysis")
    assert not any(m.startswith("nec_analysis.words.describe") for m in loaded)


def test_the_check_would_see_matplotlib():
    assert "matplotlib" in _modules_loaded_by("import matplotlib")
