"""Analyses of the processed NEC tables: tidy frames in, ``Result(table, notes)`` out.

One module per topic (see :mod:`.core` for the conventions every analysis follows):
:mod:`.nominations`, :mod:`.slates`, :mod:`.gender`, :mod:`.incumbency`, :mod:`.votes`,
:mod:`.totals`, :mod:`.co_nomination`, :mod:`.regions`, :mod:`.history`. No matplotlib and
no page wording here: sentences live in :mod:`nec_analysis.words`.

This package also re-exports, under their old names, the words helpers and ``describe_*``
sentences that ``nec_analysis/analysis.py`` used to hold, so notebooks and pages keep
working while they move to :mod:`nec_analysis.words` (the ``describe_*`` and ``findings``
names load lazily, so importing this package loads no sentence code).
"""

from __future__ import annotations

from importlib import import_module

from ..words.format import ordinal, plural, round_half_up
from ..words.labels import FAMILY_NAMES, FAMILY_SHORT, MEASURE_NAMES, election_name, source_label
from .co_nomination import (
    _body_sets,  # noqa: F401  (tests of published claims read the per-body lists)
    ballot_threshold_status,
    co_nomination,
    co_nomination_matrix,
    infer_slates,
    rand_index,
)
from .core import (
    Result,
    Tables,
    candidacies,
    competition_rank,
    election_ids,
    election_row,
    misprint_table,
    misprinted_votes,
    names,
    previous_election,
    results,
    slate_families,
)
from .gender import gender_summary, gender_within_slates, men_above_women_on_slate
from .incumbency import incumbency, incumbent_outcomes, replacements
from .nominations import (
    claim_under_each_source,
    nomination_figures,
    nomination_shares,
    nomination_sources,
    rank_differences,
    slate_nomination_shares,
)
from .slates import slate_mates, slate_summary
from .totals import stated_vs_derived
from .votes import nominations_vs_votes, rank_correlation, top_n_elected, winning_margins

#: Topic modules, in the order a page reads them (tests discover the analyses from these).
TOPICS = ("nominations", "slates", "gender", "incumbency", "votes", "totals", "co_nomination", "regions")

_WORDS = {"describe_nominations", "describe_slates", "describe_gender", "describe_incumbency",
          "describe_nominations_vs_votes", "describe_totals", "describe_co_nomination", "findings"}


def __getattr__(name: str) -> object:
    """The sentences' old home: ``analysis.describe_slates`` is ``words.describe.describe_slates``."""
    if name in _WORDS:
        return getattr(import_module("nec_analysis.words.describe"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FAMILY_NAMES", "FAMILY_SHORT", "MEASURE_NAMES", "Result", "Tables", "TOPICS",
    "ballot_threshold_status", "candidacies", "claim_under_each_source", "co_nomination",
    "co_nomination_matrix", "competition_rank", "election_ids", "election_name", "election_row",
    "gender_summary", "gender_within_slates", "incumbency", "incumbent_outcomes", "infer_slates",
    "men_above_women_on_slate", "misprint_table", "misprinted_votes", "names", "nomination_figures", "nomination_shares", "nomination_sources",
    "nominations_vs_votes", "ordinal", "plural", "previous_election", "rand_index", "rank_correlation",
    "rank_differences", "replacements", "results", "round_half_up", "slate_families", "slate_mates",
    "slate_nomination_shares", "slate_summary", "source_label", "stated_vs_derived", "top_n_elected",
    "winning_margins", *sorted(_WORDS),
]
