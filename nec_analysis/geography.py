"""Compatibility shim: CLP → Westminster seat → region now lives in the data build,
``nec_analysis.etl.places`` (which also writes the ``clps`` table); re-exported here.

How a CLP is placed, and from which inputs, is documented once, in ``nec_analysis.etl.places``.

The regional analyses that use the resolver (profiles, concentration, home regions) and
their measures are in ``nec_analysis.analysis.regions``; their sentences in
``nec_analysis.words.describe.regions``. The old names stay readable here meanwhile.

Denominators are Westminster seats of the boundary set (632 in Great Britain), taken as the
number of CLPs. Where Labour's local units do not follow Westminster seats one for one (for
example if a Scottish CLP follows a Holyrood constituency), the name will not match and must
be given an alias to the seat it mostly covers, with that reason; the per-100 rates for that
region are then approximate.
"""

from __future__ import annotations

from .etl.places import (  # noqa: F401  (re-exported)
    ALIAS_COLUMNS,
    BOUNDARY_SETS,
    LAST_YEAR_OF_2010_SET,
    STALE_2024_CODES,
    Resolver,
    Seat,
    UnknownCLPError,
    boundary_set_for,
    check_clp_nominations,
    clps_table,
    election_year,
    load_aliases,
    normalise_name,
    region_code,
    region_name,
    regions,
    resolve_clp,
    seats,
    seats_per_region,
)
from .paths import geography_dir, project_root, raw_dir  # noqa: F401  (re-exported)

# ---------------------------------------------------------------------------------------
# Moved: the regional analyses now live in nec_analysis.analysis.regions and their sentences
# in nec_analysis.words.describe.regions; these names stay readable here meanwhile.
# ---------------------------------------------------------------------------------------

_MOVED_ANALYSES = {
    "SMALL_N", "SOUTH_LABOUR_REGIONS", "SOUTH_WITH_EASTERN", "PROFILE_COLUMNS", "CONCENTRATION_COLUMNS",
    "LOCATED_COLUMNS", "HOME_COLUMNS", "FAMILY_LABELS", "family_label", "clp_rows", "locate_nominations",
    "has_clp_data", "no_clp_data_reason", "_units", "unit_name_of_family", "regional_profile",
    "concentration", "home_regions", "home_region_summary", "_elections_of_year", "home_regions_of_year"}
_MOVED_WORDS = {"election_words": "nec_analysis.words.labels", "source_words": "nec_analysis.words.labels"}


def __getattr__(name: str) -> object:
    """Names that moved to nec_analysis.analysis.regions / nec_analysis.words (re-exported lazily:
    the regional analyses import this module for the resolver)."""
    from importlib import import_module

    if name.startswith("__"):  # the import system asks for __path__ and the like
        raise AttributeError(name)
    if name in _MOVED_ANALYSES:
        return getattr(import_module("nec_analysis.analysis.regions"), name)
    if name == "source_words":
        return import_module("nec_analysis.words.labels").sources_in_words
    if name == "election_words":
        return import_module("nec_analysis.words.labels").election_words
    describe = import_module("nec_analysis.words.describe.regions")
    if hasattr(describe, name):
        return getattr(describe, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
