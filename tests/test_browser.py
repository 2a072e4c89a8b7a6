"""The built report as a reader's browser shows it (headless Debian Chromium via Playwright).

Builds, into a temporary folder, the 2014 report from a fixture copy of the processed data in
which one candidate's name contains ``<script>`` and ``&``, the 2022 report from the real data
(its region page has the hex maps) and the site index; then opens every page and checks that
every image loads, the console shows no errors, no code is visible, every image has alt text
that says what it shows, and the hostile name is shown as text and never executed.

Set ``NEC_SCREENSHOTS=/some/folder`` to save a full-page screenshot of every page (none are
committed). Skipped, with a message, where Chromium is absent (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from nec_analysis.io import processed_dir
from nec_analysis.site import build as report
from nec_analysis.site import pages as site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = "Ken <script>window.__nec_pwned = 1</script> Livingstone & Sons"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """reports/ built from fixture data: 2014 with a hostile name, 2022 as it is, site index."""
    root = tmp_path_factory.mktemp("site")
    data = root / "fixture-data"
    shutil.copytree(processed_dir(), data)
    cand = pd.read_csv(data / "candidates.csv", dtype=str, keep_default_na=False)
    assert (cand["candidate_id"] == "ken-livingstone").sum() == 1
    cand.loc[cand["candidate_id"] == "ken-livingstone", "display_name"] = HOSTILE
    cand.to_csv(data / "candidates.csv", index=False, lineterminator="\n")
    out = root / "reports"
    for year in (2014, 2022):
        report.build_year(year, out / str(year), data, site=True)
    return out


def _pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted((site / "2014").glob("*.html")), *sorted((site / "2022").glob("*.html"))]


@pytest.fixture(scope="module")
def browser(chromium_path: str, chromium_args: list[str]):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=chromium_args, headless=True)
        yield b
        b.close()


def _visit(browser, path: Path) -> dict:
    """Open ``path``; what a reader's browser saw (console errors, images, text, code blocks)."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url[:80]}"))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    seen = page.evaluate("""() => ({
        images: Array.from(document.images).map(i => ({alt: i.getAttribute('alt'), w: i.naturalWidth,
                                                        h: i.naturalHeight})),
        code: document.querySelectorAll('.jp-InputArea, .input_area, .jp-InputPrompt, div.input').length,
        text: document.body.innerText,
        pwned: window.__nec_pwned === 1,
        scripts: Array.from(document.scripts).map(s => s.textContent),
        sortable: document.querySelectorAll('table.sortable').length,
    })""")
    shots = os.environ.get("NEC_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{path.parent.name}-{path.stem}.png"), full_page=True)
    page.close()
    seen["problems"] = problems
    return seen


def test_every_page_loads_cleanly_with_described_charts_and_no_code(site: Path, browser) -> None:
    pages = _pages(site)
    assert len(pages) == 1 + 2 * (1 + len(site_pages.notebook_paths()))
    n_images = 0
    for path in pages:
        seen = _visit(browser, path)
        where = f"{path.parent.name}/{path.name}"
        assert seen["problems"] == [], where
        assert seen["code"] == 0, f"{where}: a code cell is visible"
        for marker in ("import ", "report.", "charts.", "open_notebook"):
            assert marker not in seen["text"], f"{where}: code text {marker!r} visible"
        for img in seen["images"]:
            assert img["w"] > 0 and img["h"] > 0, f"{where}: an image did not load"
            assert img["alt"] and len(img["alt"].split()) >= 5, f"{where}: chart without useful alt text"
        n_images += len(seen["images"])
        assert "Traceback" not in seen["text"] and "Error" not in seen["text"], where
    assert n_images >= 15  # the pages do have charts to check


def test_the_hostile_name_is_text_never_markup(site: Path, browser) -> None:
    for path in (site / "2014" / "10-overview-election.html", site / "2014" / "30-count-gender.html"):
        seen = _visit(browser, path)
        assert seen["pwned"] is False
        assert HOSTILE in seen["text"], f"{path.name}: the name is not shown as written"
        assert not any("__nec_pwned" in s for s in seen["scripts"])
        assert any(HOSTILE in (img["alt"] or "") for img in seen["images"]) or path.stem != "10-overview-election"


def test_the_2022_region_page_shows_hex_maps(site: Path, browser) -> None:
    seen = _visit(browser, site / "2022" / "60-map-regions.html")
    maps = [i for i in seen["images"] if "hex" in (i["alt"] or "").lower()]
    assert len(maps) >= 2, [i["alt"][:80] for i in seen["images"]]
    assert all(i["w"] > 300 for i in maps)
    assert "Open Innovations" in seen["text"] or any("Open Innovations" in i["alt"] for i in maps)
    assert seen["sortable"] >= 1


def test_tables_sort_when_a_heading_is_clicked(site: Path, browser) -> None:
    page = browser.new_page()
    page.goto((site / "2014" / "10-overview-election.html").as_uri())
    table = page.locator("table.sortable").first
    votes_col = [t.strip() for t in table.locator("thead th").all_inner_texts()].index("votes")

    def column() -> list[float]:
        cells = table.locator(f"tbody tr td:nth-child({votes_col + 1})").all_inner_texts()
        return [float(c.replace(",", "")) for c in cells if c.strip() not in ("", "—")]

    table.locator("thead th").nth(votes_col).click()
    assert column() == sorted(column())
    table.locator("thead th").nth(votes_col).click()
    assert column() == sorted(column(), reverse=True)
    page.close()
