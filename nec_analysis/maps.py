"""Moved to :mod:`nec_analysis.charts.maps`; this name stays for code not yet switched."""

import sys

from .charts import maps as _maps

sys.modules[__name__] = _maps
