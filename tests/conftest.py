"""Shared test set-up: tests marked ``browser`` skip when no Chromium is installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Debian's chromium (`.ci/run` installs it). Playwright is launched with this
# executable_path; `playwright install` is never needed (nor possible offline).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Headless, offline-friendly flags (as root Chromium also needs --no-sandbox).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the Chromium binary for Playwright's ``executable_path``."""
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium_args() -> list[str]:
    """Launch ``args`` for Playwright: ``p.chromium.launch(executable_path=..., args=...)``."""
    return list(CHROMIUM_ARGS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).is_file():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
