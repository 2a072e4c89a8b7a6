"""pandera schemas: one per processed table, built from the canonical column lists."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from . import ids, vocab
from .io import coerce
from .tables import COLUMNS, KEYS
from .vocab import codes

SECTIONS = list(codes(vocab.SECTIONS))
FAMILIES = list(codes(vocab.SLATE_FAMILIES))
ELECTION_ID = ids.PATTERN

# Per-column checks beyond type and nullability; columns not named here are nullable.
_NOT_NULL = {
    "sources": ["source_id", "publisher", "title", "published", "year", "section", "holds", "status", "file"],
    "candidates": ["candidate_id", "display_name"],
    "elections": ["election_id", "year", "section", "election_type"],
    "totals": ["election_id", "measure", "value", "source_id", "preferred"],
    "candidacies": ["election_id", "candidate_id", "slate_family", "incumbent_basis"],
    "slate_labels": ["election_id", "candidate_id", "label", "slate_family", "source_id"],
    "nominations": ["election_id", "candidate_id", "status", "source_id", "origin", "preferred", "file", "line"],
    "clp_nominations": ["election_id", "candidate_id", "body", "body_type", "source_id", "file", "line"],
    "results": ["election_id", "candidate_id", "source_id", "preferred", "file", "line"],
    "discrepancies": ["election_id", "measure", "value_a", "source_a", "value_b", "source_b", "description"],
}
_CHECKS: dict[str, list[pa.Check]] = {
    "election_id": [pa.Check.str_matches(ELECTION_ID)],
    "section": [pa.Check.isin(SECTIONS)],
    "election_type": [pa.Check.isin(codes(vocab.ELECTION_TYPES))],
    "status": [pa.Check.isin(codes(vocab.STATUSES))],
    "holds": [pa.Check.isin(codes(vocab.HOLDS))],
    "origin": [pa.Check.isin(["table", "bracket"])],
    "slate_family": [pa.Check.isin(FAMILIES)],
    "gender": [pa.Check.isin(codes(vocab.GENDERS))],
    "voting_system": [pa.Check.isin(codes(vocab.VOTING_SYSTEMS))],
    "body_type": [pa.Check.isin(codes(vocab.BODY_TYPES))],
    "year": [pa.Check.in_range(1900, 2100)],
    "nominations": [pa.Check.ge(0)],
    "votes": [pa.Check.ge(0)],
    "seats": [pa.Check.gt(0)],
    "position": [pa.Check.ge(1)],
    "line": [pa.Check.ge(1)],
    "value": [pa.Check.ge(0)],
}
_DTYPES = {"Int64": "Int64", "Float64": "Float64", "boolean": "boolean", "string": "string"}


def schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema of processed table ``name``."""
    from .io import _dtypes

    not_null = set(_NOT_NULL[name])
    columns = {
        col: pa.Column(dtype, checks=_CHECKS.get(col, []), nullable=col not in not_null)
        for col, dtype in _dtypes(COLUMNS[name]).items()
    }
    unique = KEYS[name] if name not in ("discrepancies", "slate_labels") else None
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=unique, name=name)


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Coerce ``df`` to table ``name``'s canonical dtypes and validate it (raises on failure)."""
    out = coerce(df, name)
    out = schema(name).validate(out, lazy=True)
    if name in ("nominations", "results"):
        pref = out[out.preferred]
        dup = pref.duplicated(["election_id", "candidate_id"])
        if dup.any():
            raise ValueError(f"{name}: more than one preferred row for {pref[dup][['election_id', 'candidate_id']].values.tolist()}")
    return out
