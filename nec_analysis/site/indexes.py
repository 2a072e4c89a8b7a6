"""Contents pages: each year's index (findings, who was elected, pages, sources) and the site index."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .. import charts
from ..analysis.core import misprinted_votes
from ..io import load_tables
from ..notebook import (
    candidate_table,
    describe_election,
    election_name,
    elections_of_year,
    plain,
    public_text,
    table_html,
    write_download,
)
from ..notebook import cap_election as _cap
from ..vocab import SECTIONS, VOTING_SYSTEMS, labels
from ..words.describe import describe_changes
from ..words.format import date, join_names
from ..words.labels import cell_words, family_short, finding_in
from . import pages
from .candidates import href as candidate_href
from .pages import notebook_title, page_lead, year_nav
from .render import SITE_TITLE, render
from .sections import links as section_links

_SECTION_WORDS = labels(SECTIONS)
#: The dataset's tables as a reader would name them (download links on a year's index).
TABLE_WORDS = {"elections": "elections", "candidacies": "who stood", "candidates": "the people",
               "nominations": "nominations", "results": "results", "clp_nominations": "nominations by local party",
               "clps": "local parties (CLPs) and their seats",
               "slate_labels": "slates as printed", "sources": "sources", "totals": "totals as published",
               "discrepancies": "where sources disagree"}


#: Headlines that say only what is not known lead no year's findings (their pages still say it).
ABSENCE = ("No ", "None of ")


def year_tables(tables: dict[str, pd.DataFrame], year: int) -> dict[str, pd.DataFrame]:
    """Every processed table cut down to ``year``'s elections (candidates: those who stood)."""
    ids = set(elections_of_year(tables, year))
    out = {}
    for name, df in tables.items():
        if "election_id" in df.columns:
            out[name] = df[df["election_id"].isin(ids)]
        elif name == "sources":
            out[name] = df[df["year"] == int(year)]
        elif name == "candidates":
            stood = set(tables["candidacies"].loc[tables["candidacies"]["election_id"].isin(ids), "candidate_id"])
            out[name] = df[df["candidate_id"].isin(stood)]
        else:
            out[name] = df
    return out


def copy_data(year: int, out_dir: Path, data_dir: Path | None = None) -> list[Path]:
    """Write ``year``'s rows of every processed table to ``out_dir/data/<table>.csv`` (safe downloads)."""
    tables = load_tables(data_dir)
    return [write_download(df, out_dir / "data" / f"{name}.csv") for name, df in year_tables(tables, year).items()]


def _link(url: object, text: str) -> str:
    if isinstance(url, str) and re.match(r"^https?://", url):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
    return html.escape(text)


def sources_html(sources: pd.DataFrame) -> Markup:
    """The sources table: publisher, title (linked), published, what it holds."""
    rows = []
    for _, s in sources.sort_values(["published", "source_id"]).iterrows():
        title = public_text(s["title"]) if isinstance(s["title"], str) else ""
        title = title.strip() or "Title not recorded"
        publisher = public_text(str(s["publisher"]))
        url = s["url"] if isinstance(s["url"], str) else None
        flags = [w for w, on in (("interim", s["status"] == "interim"), ("partial", charts.is_yes(s["partial"])),
                                 ("cut off", charts.is_yes(s["truncated"]))) if on]
        holds = (f"{s['holds']} ({_SECTION_WORDS.get(s['section'], s['section'])})"
                 + (f"; {', '.join(flags)}" if flags else ""))
        rows.append("<tr>" + "".join([
            f"<td>{html.escape(publisher)}</td>",
            f"<td>{_link(url, title)}{'' if url else ' <em>(address not known)</em>'}</td>",
            f'<td data-sort-text="{html.escape(str(s["published"]), quote=True)}">{html.escape(date(s["published"]))}</td>',
            f"<td>{html.escape(cell_words(holds))}</td>"]) + "</tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Publisher", "Title", "Published", "What it gives"))
    return Markup(f'<div class="table-wrap"><table class="sortable"><caption>Sources for this year</caption>'
                  f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def glance(tables: dict[str, pd.DataFrame], year: int) -> Markup:
    """Elections at a glance, in words: election, seats, voting system, candidates, elected, turnout."""
    el = tables["elections"].set_index("election_id")
    systems = labels(VOTING_SYSTEMS)
    rows = [{"election": _cap(election_name(tables, e)),  # headings: words.labels.HEADINGS
             "seats": el.loc[e, "seats"], "voting_system": systems.get(el.loc[e, "voting_system"], "not stated"),
             "n_candidates": el.loc[e, "n_candidates"], "n_elected": el.loc[e, "n_elected"],
             "turnout_pct_stated": el.loc[e, "turnout_pct_stated"]} for e in elections_of_year(tables, year)]
    return Markup(table_html(pd.DataFrame(rows), f"Elections held in {year}"))


def elected(tables: dict[str, pd.DataFrame], year: int) -> list[dict]:
    """Per election of ``year``: its name and who was elected (linked to their pages)."""
    out = []
    el = tables["elections"].set_index("election_id")
    for e in elections_of_year(tables, year):
        cand = candidate_table(tables, e)
        won = cand[cand["elected"].fillna(False).astype(bool)]
        changes = [plain(x) for x in describe_changes(tables, e)]
        section = next((t.words for t in SECTIONS if t.code == el.loc[e, "section"]), el.loc[e, "section"]) + (
            " by-election" if el.loc[e, "election_type"] == "by-election" else "")
        seats = el.loc[e, "seats"]
        missing = None if pd.isna(seats) or len(won) >= int(seats) else (
            f"The sources in the data name {len(won)} of the {int(seats)} winners.")
        misprinted = set(misprinted_votes(tables, e)["candidate_id"])
        out.append({"name": _cap(election_name(tables, e)), "changes": changes, "section": section,
                    "missing": missing, "people": [
            {"name": r["display_name"], "href": candidate_href(r["candidate_id"]), "slate": family_short(r["slate_family"]),
             "votes": None if pd.isna(r["votes"]) else charts.fmt_int(r["votes"]),
             "misprint": r["candidate_id"] in misprinted} for _, r in won.iterrows()]})
    return out


def build_index(year: int, out_dir: Path, data_dir: Path | None = None, site: bool = True) -> Path:
    """``out_dir/index.html``: three findings, who was elected, the pages, elections, sources, data."""
    everything = load_tables(data_dir)
    tables = year_tables(everything, year)
    listed, findings = [], []
    for p in pages.notebook_paths():
        title, question = notebook_title(p)
        listed.append({"href": f"{p.stem}.html", "title": title, "question": question})
        over, head = page_lead(Path(out_dir) / f"{p.stem}.html")
        found = finding_in(over, head) if head else None
        if found and found not in findings and not head.startswith(ABSENCE):
            findings.append(found)
    # how an election was run ('... filled 6 seats by a block vote') is no finding to lead a year with
    procedure = {describe_election(tables, e)[0].rstrip(".") for e in elections_of_year(tables, year)}
    findings.sort(key=lambda f: f.rstrip(".") in procedure)
    data_files = sorted(f.name for f in (Path(out_dir) / "data").glob("*.csv")) if (Path(out_dir) / "data").is_dir() else []
    processed = [{"file": f, "label": TABLE_WORDS.get(f[:-4], f[:-4].replace("_", " "))}
                 for f in data_files if f[:-4] in tables]
    who = elected(tables, year)
    sections = [e for e in who if e["people"]]
    names = "; ".join(join_names(p["name"] for p in e["people"])
                      + (f" in the {e['section']}" if len(sections) > 1 else "")
                      + (" (the winners the sources name)" if e["missing"] else "") for e in sections)
    lead = {"headline": findings[0] if findings else f"Labour's NEC elections in {year}",
            "standfirst": (f"Elected in {year}: {names}." if names else f"No source in the data says who was elected in {year}.")
            + " Each page below answers one question about the year, with the figures behind it."}
    dest = Path(out_dir) / "index.html"
    render("year_index.html.j2", dest, title=f"{SITE_TITLE}, {year}", heading=f"Labour NEC elections, {year}",
           nav=year_nav(year, site=site), current="index.html", home="index.html",
           home_label=f"{SITE_TITLE}: {year}", lead=lead, findings=findings[1:4], elected=who, pages=listed,
           glance=glance(tables, year), sources=sources_html(tables["sources"]), year=year,
           processed=processed, sections=section_links(everything, "../") if site else [])
    print(f"[report {year}] index -> {dest}", flush=True)
    return dest
