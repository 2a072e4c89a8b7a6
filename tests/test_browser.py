"""The built site as a reader's browser shows it (headless Debian Chromium via Playwright).

Builds, into a temporary folder, the 2014 report from a fixture copy of the processed data in
which one candidate's name contains ``<script>``, ``&`` and ``$…$``, the 2022 report from the
real data, the site index and the candidate pages; then opens every year page, the indexes
and a sample of candidate pages at 1280 px and at 390 px (a phone) and checks what a reader
meets: no horizontal overflow, no console errors, every link and image resolves, charts have
alt text, the headline is the first thing under the title, no id, field name or internal
path in the visible text, and tables sort and filter by mouse and by keyboard.

Set ``NEC_SCREENSHOTS=/some/folder`` to save a full-page screenshot of every page at both
widths (none are committed). Skipped, with a message, where Chromium is absent.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from nec_analysis.io import processed_dir
from nec_analysis.site import build as site_build
from nec_analysis.site import pages as site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = "Ken <script>window.__nec_pwned = 1</script> Livingstone & Sons $x^2$"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """reports/ built from fixture data: 2014 with a hostile name, 2022 as it is, site index, candidates."""
    root = tmp_path_factory.mktemp("site")
    data = root / "fixture-data"
    shutil.copytree(processed_dir(), data)
    cand = pd.read_csv(data / "candidates.csv", dtype=str, keep_default_na=False)
    assert (cand["candidate_id"] == "ken-livingstone").sum() == 1
    cand.loc[cand["candidate_id"] == "ken-livingstone", "display_name"] = HOSTILE
    cand.to_csv(data / "candidates.csv", index=False, lineterminator="\n")
    out = root / "reports"
    site_build.build({2014: out / "2014", 2022: out / "2022"}, data, site=out, force=True)
    return out


def _pages(site: Path) -> list[Path]:
    years = [p for y in ("2014", "2022") for p in sorted((site / y).glob("*.html"))]
    people = sorted((site / "candidates").glob("*.html"))
    sample = [p for p in people if p.stem in ("index", "ken-livingstone", "kate-osamor", "ann-black", "ann-lucas")]
    sections = [site / "clp-section.html", site / "local-government-section.html"]
    return [site / "index.html", *sections, *years, *sample]


@pytest.fixture(scope="module")
def browser(chromium_path: str, chromium_args: list[str]):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=chromium_args, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def tab(browser):
    """One tab that every visit navigates (a new tab per visit starts a renderer process each:
    three times the CPU), and the console errors, page errors and failed requests it reports."""
    page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900}, device_scale_factor=1)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url[:80]}"))
    yield page, problems
    page.close()


SEEN_JS = """() => {
  const main = document.querySelector('main');
  const h1 = main && main.querySelector('h1');
  const after = h1 && h1.nextElementSibling;
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    images: Array.from(document.images).map(i => ({alt: i.getAttribute('alt'), w: i.naturalWidth,
                                                   shown: i.getBoundingClientRect().width})),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    text: document.body.innerText,
    code: document.querySelectorAll('.jp-InputArea, .input_area, .jp-InputPrompt, div.input').length,
    pwned: window.__nec_pwned === 1,
    leadFirst: !!(after && after.matches('section.lead') && after.querySelector('p.headline')
                  && after.querySelector('p.headline').textContent.trim().length > 10),
    wide: Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right
            > window.innerWidth + 1 && !e.closest('.table-wrap')).map(e => e.tagName + '.' + e.className).slice(0, 5),
  };
}"""


def _visit(tab, path: Path, width: int) -> dict:
    """Open ``path`` at ``width`` px in the shared tab (a new document: nothing of the last
    page survives) and read what a reader meets (SEEN_JS) and the problems it reported."""
    page, problems = tab
    problems.clear()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    seen = page.evaluate(SEEN_JS)
    shots = os.environ.get("NEC_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{path.parent.name}-{path.stem}-{width}.png"), full_page=True)
    seen["problems"] = list(problems)
    return seen


def _internal_words(site: Path) -> list[re.Pattern]:
    """What must never be visible: ids (elections, candidates, sources), field names, paths, file names."""
    data = processed_dir()
    ids = set(pd.read_csv(data / "candidates.csv", usecols=["candidate_id"])["candidate_id"])
    sources = set(pd.read_csv(data / "sources.csv", usecols=["source_id"])["source_id"])
    return [re.compile(r"\b\d{4}-(?:clp|local_government)\b"), re.compile(r"\b[a-z]+_[a-z_]+\b"),
            re.compile(r"data/processed|shared/sources|nec_analysis|\.csv\b|\.py\b"),
            re.compile(r"\b(?:" + "|".join(re.escape(i) for i in sorted(ids | sources)) + r")\b")]


TABLE_CELLS_JS = """tds => tds.map(td => [td.innerText.trim(), Array.from(td.querySelectorAll('a'))
  .some(a => a.href.includes('/candidates/'))])"""


@pytest.fixture(scope="module")
def seen_pages(site: Path, tab) -> dict[tuple[Path, int], dict]:
    """Every page of ``_pages`` visited once at each width, read for the three checks below:
    SEEN_JS at both widths, the charts' text at 390 px (CHART_TEXT_JS, after SEEN_JS has
    measured the page), the table headings and cells at 1280 px."""
    page, _ = tab
    seen = {}
    for path in _pages(site):
        for width in WIDTHS:
            seen[path, width] = got = _visit(tab, path, width)
            if width == 390:
                got["charts"] = page.evaluate(CHART_TEXT_JS)
            if width == 1280:
                got["heads"] = page.locator("main th").all_inner_texts()
                got["cells"] = page.locator("main td").evaluate_all(TABLE_CELLS_JS)
    return seen


def test_every_page_reads_cleanly_on_a_desktop_and_a_phone(site: Path, seen_pages) -> None:
    pages = _pages(site)
    assert len(pages) >= 1 + 2 * (1 + len(site_pages.notebook_paths())) + 4
    forbidden = _internal_words(site)
    n_images = 0
    for path in pages:
        for width in WIDTHS:
            seen = seen_pages[path, width]
            where = f"{path.parent.name}/{path.name} at {width} px"
            assert seen["problems"] == [], where
            assert seen["overflow"] <= 0 and seen["wide"] == [], f"{where}: wider than the screen {seen['wide']}"
            assert seen["leadFirst"], f"{where}: the headline is not the first thing under the title"
            assert seen["code"] == 0 and seen["pwned"] is False, where
            for pattern in forbidden:
                hit = pattern.search(seen["text"])
                assert hit is None, f"{where}: {hit.group(0)!r} is visible"
            assert "Traceback" not in seen["text"], where
            for img in seen["images"]:
                assert img["w"] > 0, f"{where}: an image did not load"
                assert img["alt"] and len(img["alt"].split()) >= 5, f"{where}: chart without useful alt text"
                assert img["shown"] <= width, f"{where}: an image is wider than the screen"
            for href in seen["links"]:
                url = urlparse(href)
                if url.scheme == "file":
                    assert Path(unquote(url.path)).exists(), f"{where}: broken link {href}"
            n_images += len(seen["images"])
    assert n_images >= 30  # the pages do have charts to check


CHART_TEXT_JS = """async () => {
  // Every chart's text as the phone shows it. An SVG chart (an <img> of a data: URI) is read
  // back, laid out at the width the page gives its <img>, and each of its text elements
  // measured: computed font size times the scale on screen (the SVG's own transforms and
  // its scaling to that width). A raster chart's text cannot be measured: it is reported.
  const out = [];
  const charts = Array.from(document.querySelectorAll('figure img, img.chart'));
  for (const [i, img] of charts.entries()) {
    const shown = img.getBoundingClientRect().width;
    if (!img.src.startsWith('data:image/svg+xml')) {
      out.push({chart: i, raster: img.src.slice(0, 20), shown: shown, natural: img.naturalWidth});
      continue;
    }
    const text = await (await fetch(img.src)).text();
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    const box = document.createElement('div');
    box.style.cssText = `position:absolute;left:0;top:0;visibility:hidden;width:${shown}px`;
    svg.setAttribute('width', `${shown}px`);
    svg.removeAttribute('height');
    box.appendChild(document.importNode(svg, true));
    document.body.appendChild(box);
    const sizes = Array.from(box.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
      const m = t.getScreenCTM();
      return {px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), text: t.textContent.trim(),
              height: t.getBoundingClientRect().height};
    });
    box.remove();
    out.push({chart: i, shown: shown, texts: sizes.length,
              smallest: sizes.reduce((a, b) => (a && a.px <= b.px ? a : b), null)});
  }
  // charts drawn in HTML (the candidate pages' record bars)
  for (const fig of document.querySelectorAll('figure.record')) {
    const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
    let smallest = null;
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!walker.currentNode.textContent.trim() || !el.getClientRects().length) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (!smallest || px < smallest.px) smallest = {px: px, text: walker.currentNode.textContent.trim()};
    }
    if (smallest) out.push({chart: 'record', texts: 1, smallest: smallest});
  }
  return out;
}"""

#: The least a chart's text may measure on a phone, in CSS pixels.
MIN_CHART_TEXT_PX = 11


def test_chart_text_is_at_least_11_px_on_a_phone(site: Path, seen_pages) -> None:
    """At 390 px, every text of every chart on every page measures at least 11 CSS px."""
    too_small, measured = [], 0
    for path in _pages(site):
        charts = seen_pages[path, 390]["charts"]
        where = f"{path.parent.name}/{path.name}"
        for chart in charts:
            if "raster" in chart:
                too_small.append(f"{where}, chart {chart['chart']}: a raster image ({chart['raster']}…, "
                                 f"{chart['natural']} px drawn, shown at {chart['shown']:.0f} px) whose text "
                                 "cannot be measured")
                continue
            assert chart["texts"] > 0, f"{where}, chart {chart['chart']}: no text in the chart (title? labels?)"
            measured += 1
            small = chart["smallest"]
            if small["px"] < MIN_CHART_TEXT_PX:
                too_small.append(f"{where}, chart {chart['chart']}: {small['text'][:40]!r} is {small['px']:.1f} px")
    assert too_small == [], "chart text under 11 px at 390 px:\n" + "\n".join(too_small)
    assert measured >= 15  # the pages do have charts, and their text was measured


def test_every_table_heading_is_reader_words_and_every_name_in_a_table_is_a_link(site: Path, seen_pages) -> None:
    """Headings come from words/labels.py (never a field name); a candidate's name in any table
    cell is a link to their page (names from the registry, the hostile one included)."""
    from nec_analysis.words.labels import HEADINGS

    names = set(pd.read_csv(site.parent / "fixture-data" / "candidates.csv", dtype=str)["display_name"])
    declared = set(HEADINGS.values()) | {"Publisher", "Title", "Published", "What it gives", "Name",
                                         "Years they stood"}
    for path in _pages(site):
        heads, cells = seen_pages[path, 1280]["heads"], seen_pages[path, 1280]["cells"]
        where = f"{path.parent.name}/{path.name}"
        assert not [h for h in heads if h.strip() not in declared], f"{where}: undeclared headings"
        unlinked = [text for text, linked in cells if text in names and not linked]
        assert unlinked == [], f"{where}: names that are not links {unlinked[:5]}"


def test_the_site_and_each_year_index_link_to_each_section_over_the_years(site: Path) -> None:
    for index, prefix in ((site / "index.html", ""), (site / "2014" / "index.html", "../"),
                          (site / "2022" / "index.html", "../")):
        text = index.read_text(encoding="utf-8")
        for name in ("clp-section.html", "local-government-section.html"):
            assert f'href="{prefix}{name}"' in text, f"{index}: no link to {name}"


def test_the_hostile_name_is_text_never_markup(site: Path, tab) -> None:
    for path in (site / "2014" / "10-overview-election.html", site / "candidates" / "ken-livingstone.html"):
        seen = _visit(tab, path, 1280)
        assert seen["pwned"] is False
        assert HOSTILE in seen["text"], f"{path.name}: the name is not shown as written"


def test_tables_sort_by_mouse_and_keyboard_and_filter_as_you_type(site: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto((site / "2014" / "10-overview-election.html").as_uri())
    table = page.locator("table.sortable").first
    heads = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    votes_col = heads.index("Votes")

    def column() -> list[float]:
        cells = table.locator(f"tbody tr:not([hidden]) td:nth-child({votes_col + 1})").all_inner_texts()
        return [float(c.replace(",", "")) for c in cells if c.strip() not in ("", "—")]

    table.locator("thead th").nth(votes_col).click()
    assert column() == sorted(column()) and len(column()) >= 10
    table.locator("thead th").nth(votes_col).focus()
    page.keyboard.press("Enter")
    assert column() == sorted(column(), reverse=True)
    page.keyboard.press(" ")
    assert column() == sorted(column())
    box = page.locator(".table-filter input").first
    box.focus()
    page.keyboard.type("Osamor")
    rows = table.locator("tbody tr:not([hidden])")
    assert rows.count() == 1 and "Osamor" in rows.first.inner_text()
    assert "1 of" in page.locator(".table-filter output").first.inner_text()
    box.fill("")
    assert table.locator("tbody tr:not([hidden])").count() >= 10
    page.close()


def test_any_candidate_is_two_clicks_from_the_site_index(site: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name="Kate Osamor").first.click()
    assert page.url.endswith("candidates/kate-osamor.html")
    assert "2014" in page.locator("main").inner_text()
    page.close()


def test_each_page_names_its_election_once_and_the_overview_gives_every_sections_result(site: Path) -> None:
    for path in sorted((site / "2014").glob("[0-9][0-9]-*.html")):
        text = path.read_text(encoding="utf-8")
        for election in ("CLP-section", "local-government-section"):
            n = text.count(f'<p class="finding">In the 2014 {election} election, ')
            assert n <= 1, f"{path.name}: {n} findings open 'In the 2014 {election} election'"
    overview = (site / "2014" / "10-overview-election.html").read_text(encoding="utf-8")
    local = overview.split("The 2014 local-government-section election</h3>")[1]
    assert "Ann Lucas was defeated; Jim McMahon and Alice Perry were newly elected." in local
    assert "1,894" in local and 'href="../candidates/ann-lucas.html"' in local  # votes, and who stood
    regions = (site / "2014" / "60-map-regions.html").read_text(encoding="utf-8")
    headline = re.search(r'<p class="headline">([^<]*)</p>', regions).group(1)
    assert "Alice Perry (London)" in headline  # what is known, not what is not
