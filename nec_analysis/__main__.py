"""Command line: ``python -m nec_analysis build`` (what ``make data`` runs) and
``python -m nec_analysis read FILE`` (what ``make check FILE=…`` runs: how each line of a
clipping is read, before anything is built)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Dispatch the sub-command."""
    parser = argparse.ArgumentParser(prog="nec-analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="parse data/raw and write the tidy tables to data/processed")
    b.add_argument("--root", type=Path, default=None,
                   help="the project folder holding data/raw (default: this project)")
    r = sub.add_parser("read", help="show how each table line of a clipping is read; builds nothing")
    r.add_argument("file", type=Path, help="a clipping, e.g. data/raw/clippings/2014_clp_nominations_labourlist.txt")
    m = sub.add_parser("readme", help="rewrite README.md's Sources table from data/processed/sources.csv")
    m.add_argument("--check", action="store_true", help="only say whether the table is out of date (exit 1)")
    args = parser.parse_args(argv)
    if args.command == "read":
        from .etl.preview import preview

        try:
            return preview(args.file, sys.stdout)
        except BrokenPipeError:  # `read FILE | head`: the reader stopped listening
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the exit-time flush does not fail
            return 0
    if args.command == "build":
        from .etl.build import main as build_main

        return build_main(args.root.resolve() if args.root else None)
    if args.command == "readme":
        from .etl.readme import main as readme_main

        return readme_main(check=args.check)
    return 2


if __name__ == "__main__":
    sys.exit(main())
