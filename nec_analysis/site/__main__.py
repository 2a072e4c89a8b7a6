"""``python -m nec_analysis.site build …``: see :mod:`nec_analysis.site.build`."""

import sys

from nec_analysis.site.build import main

if __name__ == "__main__":
    sys.exit(main())
