"""One lock on ``data/processed``: the data build writes it alone; report builds read it together.

``python -m nec_analysis build`` holds the lock *exclusively* from reading ``data/raw`` to the
last table written; ``make report`` runs its builder under the *shared* lock
(``python -m nec_analysis.etl.lock --shared -- COMMAND``). So a page is never rendered from
tables a build is replacing, and a build never replaces tables a page is being rendered
from: ``make data`` and ``make report`` never interleave, whatever order they start in.
The lock is an ``flock`` on ``build/.data.lock`` (released by the kernel when a process
dies, so a killed build leaves no stale lock). Imports only the standard library.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = Path("build") / ".data.lock"


@contextmanager
def data_lock(root: Path, shared: bool = False, who: str = "") -> Iterator[None]:
    """Hold the data lock of project ``root`` (exclusive unless ``shared``); wait, saying so, if taken."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            what = who or ("a report build" if shared else "the data build")
            print(f"{what}: waiting for {'the data build' if shared else 'a data or report build'} "
                  f"to finish ({path})", file=sys.stderr, flush=True)
            fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def main(argv: list[str] | None = None) -> int:
    """``python -m nec_analysis.etl.lock [--shared] [--root DIR] -- COMMAND ...``: run COMMAND under the lock."""
    parser = argparse.ArgumentParser(prog="python -m nec_analysis.etl.lock", description=main.__doc__)
    parser.add_argument("--shared", action="store_true", help="a reader's lock (many at once; no writer)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run under the lock")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command to run under the lock")
    with data_lock(args.root, shared=args.shared, who=" ".join(command[:3])):
        return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
