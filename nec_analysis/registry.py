"""Compatibility shim: the candidate registry lives in :mod:`nec_analysis.etl.people`."""

from .etl.people import *  # noqa: F401,F403
from .etl.people import NearMatchError, Registry, name_key, slugify  # noqa: F401
