"""Property-based tests: every public analysis and sentence on synthetic elections with any
mix of missing parts (no candidacies; nominations only, final or interim; winners only;
partial results; STV without votes; a by-election in the same year; the first election of
a section; a previous election without nominations), 1–12 seats, block vote and STV, ties.

Each returns a Result or sentences, never an exception; an empty table comes with a note.
The notebooks' own cells run on the same synthetic elections in
tests/test_analysis_notebooks.py, which checks every sentence a page shows against the
tables that page shows (tests/sentence_check.py) and that partial lists claim no last seat.
Bounded (few examples, no deadline) so the whole suite stays within budget on 2 cores.
"""

from __future__ import annotations

import os

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from synthetic_elections import FAMILIES, Spec, build
from test_analysis import FUNCTIONS, _not_plain

from nec_analysis.analysis import Result, history

# No shrinking: a failure is reported at once (with its Spec), not after minutes of search.
# A few examples per run (derandomized: the same ones each run, so the suite's time is stable;
# NEC_HYPOTHESIS_EXAMPLES=200 searches wider, with fresh examples each run).
WIDE = int(os.environ.get("NEC_HYPOTHESIS_EXAMPLES", "0"))
SETTINGS = settings(max_examples=WIDE or 4, deadline=None, derandomize=not WIDE, database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

specs = st.builds(
    Spec,
    seats=st.integers(1, 12),
    system=st.sampled_from(["block", "stv"]),
    n=st.integers(0, 14),
    nominations=st.sampled_from(["none", "final", "interim"]),
    results=st.sampled_from(["none", "winners", "full", "partial"]),
    previous=st.sampled_from(["none", "with_nominations", "without_nominations"]),
    by_election=st.booleans(),
    stated_total=st.booleans(),
    stated_clps=st.booleans(),
    genders=st.lists(st.sampled_from(["F", "M", None]), min_size=1, max_size=4).map(tuple),
    families=st.lists(st.sampled_from(FAMILIES), min_size=1, max_size=4).map(tuple),
    incumbents=st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=3).map(tuple),
    figures=st.lists(st.integers(0, 40), min_size=1, max_size=5).map(tuple),  # small range: ties
)


def _election_ids(tables: dict[str, pd.DataFrame]) -> list[str]:
    return list(tables["elections"]["election_id"])


@SETTINGS
@given(specs)
def test_every_analysis_runs_and_says_why_when_empty(spec):
    tables = build(spec)
    for eid in _election_ids(tables):
        for name, f in FUNCTIONS.items():
            out = f(tables, eid)
            if isinstance(out, Result):
                assert isinstance(out.table, pd.DataFrame)
                if out.table.empty:
                    assert out.notes, f"{name}({eid}): empty without a reason ({spec})"
                assert _not_plain(out.notes) == [], (name, out.notes)
            else:
                assert out and _not_plain(out) == [], (name, out, spec)
    rec = history.records(tables)
    assert not rec.table.empty or rec.notes
    history.runs(tables)
    history.all_replacements(tables)
