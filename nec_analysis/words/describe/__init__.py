"""Sentences on one election, topic by topic; :func:`findings` gathers them all."""

from __future__ import annotations

import pandas as pd

from ...analysis.core import election_ids, election_row
from .co_nomination import describe_co_nomination
from .gender import describe_gender
from .incumbency import describe_changes, describe_incumbency
from .nominations import describe_nominations
from .slates import describe_slates
from .totals import describe_totals
from .votes import describe_nominations_vs_votes

__all__ = ["describe_changes", "describe_co_nomination", "describe_gender", "describe_incumbency", "describe_nominations",
           "describe_nominations_vs_votes", "describe_slates", "describe_totals", "findings"]

Tables = dict[str, pd.DataFrame]

def findings(election_id: str, tables: Tables | None = None) -> list[str]:
    """Every describe_* sentence for ``election_id``, generated from the data (for notebooks)."""
    if tables is None:
        from ...io import load_tables

        tables = load_tables()
    if election_row(tables, election_id) is None:
        return [f"There is no election {election_id!r} in the data (there are:"
                f" {', '.join(election_ids(tables))})."]
    out: list[str] = []
    for describe in (describe_nominations, describe_slates, describe_gender, describe_incumbency,
                     describe_nominations_vs_votes, describe_totals, describe_co_nomination):
        out += describe(tables, election_id)
    return list(dict.fromkeys(out))  # drop repeated notes, keep order
