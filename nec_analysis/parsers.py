"""Compatibility shim: clippings are read by ``nec_analysis.etl`` (clippings, names, reading, table).

Kept so code that imports ``nec_analysis.parsers`` keeps working while it moves to
``nec_analysis.etl``; import from there in new code.
"""

from __future__ import annotations

from .etl.clippings import Clipping, ClippingError, Problem, decode, normalise_text, read_clipping
from .etl.names import normalise_name
from .etl.reading import parse_figure
from .etl.table import parse_clipping, parse_file

__all__ = ["Clipping", "ClippingError", "Problem", "decode", "normalise_name", "normalise_text",
           "parse_clipping", "parse_figure", "parse_file", "read_clipping"]
