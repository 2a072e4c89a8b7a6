"""Compatibility shim: clippings are read by ``nec_analysis.etl.clippings`` and ``.etl.reading``.

Kept so code that imports ``nec_analysis.parsers`` keeps working while it moves to
``nec_analysis.etl``; import from there in new code.
"""

from __future__ import annotations

from .etl.clippings import Clipping, ClippingError, Problem, decode, normalise_text, read_clipping
from .etl.reading import normalise_name, parse_clipping, parse_figure, parse_file

__all__ = ["Clipping", "ClippingError", "Problem", "decode", "normalise_name", "normalise_text",
           "parse_clipping", "parse_figure", "parse_file", "read_clipping"]
