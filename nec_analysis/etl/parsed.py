"""The parsed row: what one table line became, with every printed part kept.

``PARSED_COLUMNS`` (``nec_analysis.tables``) are what the build uses; ``READING_COLUMNS``
are every other part of the line, so nothing printed is lost. ``row_kind`` is
``candidate``, ``body``, ``subheader`` or ``total`` (data), or ``caption``, ``heading``,
``footnote`` or ``cell`` (a line accounted for that carries no row of its own: the
header says why, or it holds a cell of a candidate whose row is on another line).
"""

from __future__ import annotations

from ..tables import PARSED_COLUMNS
from .clippings import Clipping
from .reading import Reading

READING_COLUMNS: list[str] = [
    "unit",         # unit printed after the count: CLPs, nominations, votes
    "rank_tie",     # True when the rank is printed as a tie ('5=')
    "change",       # change note as printed inside its brackets: '+712', 'down 4'
    "description",  # description of the person printed after the name
    "share",        # percentage printed with the count
    "figure_note",  # what stood in place of a figure not known: 'n/a', '*', '–'
    "marker",       # elected marker as printed: 'ELECTED', '– elected', 'Not Elected'
    "notes",        # other printed details (trailing punctuation), or why a line carries no row
]
DATA_KINDS = ("candidate", "body", "subheader", "total")
FIGURE_KINDS = ("candidate", "body", "total")  # the rows the build turns into table rows
ACCOUNTED_KINDS = ("caption", "heading", "footnote", "cell")


def row(clip: Clipping, n: int, text: str, kind: str, **values: object) -> dict[str, object]:
    """A parsed row of ``kind`` for line ``n``; unset columns are None."""
    out: dict[str, object] = dict.fromkeys(PARSED_COLUMNS + READING_COLUMNS)
    out.update(file=clip.file, line=n, text=text, row_kind=kind)
    out.update({k: v for k, v in values.items() if v is not None})
    return out


def candidate(clip: Clipping, n: int, text: str, r: Reading) -> dict[str, object]:
    """The row of a candidate line read as ``r``."""
    return row(clip, n, text, "candidate", name=r.name, figure=r.figure, elected=r.elected, label=r.label,
               rank=r.rank, prev_rank=r.prev_rank, earlier=r.earlier, unit=r.unit, rank_tie=r.rank_tie,
               change=r.change, description=r.description, share=r.share, figure_note=r.figure_note,
               marker=r.marker, notes="; ".join(r.notes) or None)
