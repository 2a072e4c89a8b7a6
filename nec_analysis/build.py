"""Compatibility shim: the data build lives in :mod:`nec_analysis.etl.build`."""

from .etl.build import *  # noqa: F401,F403
from .etl.build import build, build_tables, main  # noqa: F401
