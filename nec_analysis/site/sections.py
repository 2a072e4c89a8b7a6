"""A cross-year page per section (CLP, local government): seats by slate, poll-toppers, the
winning threshold, turnout and women elected, from the earliest election in the data.

Figures: :mod:`nec_analysis.analysis.across`; words: :mod:`nec_analysis.words.describe.across`;
charts: :mod:`nec_analysis.charts.sections`. Pages are written at the site root
(``clp-section.html``, ``local-government-section.html``) and linked from the site index and
every year's index.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .. import charts
from ..analysis import across
from ..charts import sections as section_charts
from ..notebook import sources_used, table_html, write_download
from ..vocab import SECTIONS
from ..words.describe.across import describe_section, section_words
from ..words.format import at_least, pct
from ..words.labels import candidate_href, family_short
from .render import SITE_TITLE, render


def page_name(section: str) -> str:
    """'clp-section.html', 'local-government-section.html'."""
    return f"{section.replace('_', '-')}-section.html"


def sections_in_data(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The sections with an election in the data, in the vocabulary's order."""
    have = set(tables["elections"]["section"])
    return [t.code for t in SECTIONS if t.code in have]


def links(tables: dict[str, pd.DataFrame], prefix: str = "") -> list[tuple[str, str]]:
    """(address, words) of each section's page, e.g. for a year's navigation (``prefix="../"``)."""
    return [(prefix + page_name(s), f"{section_words(s)[0]} over the years") for s in sections_in_data(tables)]


def history_table(tables: dict[str, pd.DataFrame], history: pd.DataFrame, seats: pd.DataFrame) -> Markup:
    """One row per election: seats by slate, poll-topper, last elected, turnout, women elected."""
    by = seats.groupby("election_id")
    slates = {e: ", ".join(f"{family_short(f)} {int(n)}" for f, n in zip(g["slate_family"], g["elected"]))
              for e, g in by}
    rows = pd.DataFrame({
        "election": [section_charts.election_label(y, t) for y, t in zip(history["year"], history["election_type"])],
        "seats": history["seats"],
        "elected_known": history["elected_known"],
        "seats_by_slate": [slates.get(e, "no winner named") for e in history["election_id"]],
        "poll_topper": [_name(tables, c) for c in history["poll_topper"]],
        "top_votes": history["top_votes"],
        "last_elected": [_name(tables, c) for c in history["last_elected"]],
        "threshold_votes": history["threshold_votes"],
        "women_elected": [_women(int(w), int(u), int(k)) for w, u, k in
                          zip(history["women_elected"], history["elected_gender_unknown"], history["elected_known"])],
        "turnout_pct": [("about " if a is True else "") + pct(float(t)) if not pd.isna(t) else "not stated"
                        for t, a in zip(history["turnout_pct"], history["turnout_approximate"])],
    })
    hrefs = {col: [candidate_href(c, "") if isinstance(c, str) else None for c in history[col]]
             for col in ("poll_topper", "last_elected")}
    return Markup(table_html(rows, "Every election of the section in the data", hrefs))


def _women(women: int, unknown: int, known: int) -> str:
    """'5 of 6', 'at least 2 of 9', 'no woman known of 2' (never 'at least 0'), '—' where no winner is named."""
    if not known:
        return "—"
    return f"no woman known of {known}" if unknown and not women else f"{at_least(women, unknown)} of {known}"


def _name(tables: dict[str, pd.DataFrame], candidate_id: object) -> object:
    if not isinstance(candidate_id, str):
        return None
    reg = tables["candidates"].set_index("candidate_id")["display_name"]
    return reg.get(candidate_id, candidate_id)


def build_section(out_root: Path, tables: dict[str, pd.DataFrame], section: str,
                  indexed: Collection[int] | None = None) -> tuple[Path, str]:
    """``out_root/<section>-section.html`` (and its figures as a download); (page, headline).

    ``indexed``: the years whose index the page may link to (default: those whose
    ``out_root/<year>/index.html`` exists now; the site build passes the years it is building).
    """
    hist = across.section_history(tables, section)
    history = hist.table
    seats = across.seats_by_slate(tables, section).table
    toppers = across.poll_toppers(history[history["election_type"] == "regular"])
    found = describe_section(tables, section, history, seats, toppers)
    title, in_words, _ = section_words(section)
    src = sources_used(tables, list(history["election_id"]), "results")
    parts = []
    for fig, alt in (section_charts.seats_by_slate(history, seats, found[0].rstrip("."), src),
                     section_charts.threshold(history[history["election_type"] == "regular"], next(
                         (s for s in found if s.startswith("The last")), "Votes of the last elected").rstrip("."), src)):
        if fig is None:
            parts.append({"figure": None, "note": alt})
            continue
        try:
            parts.append({"figure": Markup(charts.figure_html(fig, alt)), "note": None})
        finally:
            charts.plt.close(fig)
    slug = page_name(section)[:-5]
    write_download(history, Path(out_root) / "data" / f"{slug}.csv")
    years = sorted(set(history["year"]))
    if indexed is None:
        indexed = [y for y in years if (Path(out_root) / str(y) / "index.html").exists()]
    year_links = [(f"{y}/index.html", str(y)) for y in years if y in set(indexed)]
    lead = {"headline": found[0].rstrip("."), "standfirst": " ".join(found[1:3])}
    dest = Path(out_root) / page_name(section)
    render("section.html.j2", dest, title=f"{title} over the years — {SITE_TITLE}",
           heading=f"{title} of Labour's NEC, {years[0] if years else ''}–{years[-1] if years else ''}",
           nav=[("index.html", "All years"), *year_links, ("candidates/index.html", "Candidates")],
           home="index.html", home_label=SITE_TITLE, lead=lead, findings=found[3:], charts=parts,
           table=history_table(tables, history, seats) if not history.empty else None,
           notes=hist.notes, download=f"data/{slug}.csv",
           about=[f"Every election of {in_words} in the data, from the earliest. Some years' sources list only "
                  "the winners, some only part of the field, and some elections (counted by single transferable "
                  "vote) published no vote figures: a figure no source gives stays blank, a count that some "
                  "unknowns might add to says \"at least\".",
                  "Who topped the poll is given where a source says so (\"topped the poll\", \"headed the "
                  "voting\") or a complete table of votes shows it, and their votes only where no one else is "
                  "printed with more (a misprint kept as printed can put them below another's). The votes of the last elected "
                  "are given only where every winner's votes were published; by-elections are shown but not "
                  "compared with regular elections."])
    return dest, lead["headline"]


def build_sections(out_root: Path, tables: dict[str, pd.DataFrame],
                   indexed: Collection[int] | None = None) -> list[dict]:
    """Every section's page; ``[{"href", "title", "headline"}]`` for the site index."""
    out = []
    for section in sections_in_data(tables):
        dest, headline = build_section(out_root, tables, section, indexed)
        out.append({"href": dest.name, "title": f"{section_words(section)[0]} over the years", "headline": headline})
    return out
