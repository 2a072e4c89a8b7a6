"""The site index: every year, the charts across the years, and every candidate."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .. import charts
from ..charts.trends import site_charts
from ..io import load_tables
from ..notebook import election_name, elections_of_year, write_download
from ..words.labels import continued
from .candidates import build_candidates
from .pages import page_headline
from .render import SITE_TITLE, render
from .sections import build_sections


def cross_year_frames(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tidy frames for the site charts: seats by slate, women elected, incumbents, threshold."""
    from .. import analysis as an

    ids = an.election_ids(tables)
    slates = an.slate_summary(tables).table
    seats = (slates[["election_id", "slate_family", "elected"]] if not slates.empty
             else pd.DataFrame(columns=["election_id", "slate_family", "elected"]))
    gender = an.gender_summary(tables, ids).table
    women = gender[(gender["group"] == "elected") & gender["scope"].isin(ids)][
        ["scope", "n", "women", "men", "unknown"]].rename(columns={"scope": "election_id"})
    inc = an.incumbency(tables).table[["election_id", "seats", "incumbents_standing", "re_elected",
                                       "defeated", "newly_elected", "incumbency_unknown"]]
    thr = an.winning_margins(tables).table
    el = tables["elections"].set_index("election_id")
    thr_all = pd.DataFrame({"election_id": ids})
    thr_all["voting_system"] = thr_all["election_id"].map(el["voting_system"])
    if not thr.empty:
        thr_all = thr_all.merge(thr[["election_id", "last_elected", "threshold_votes", "first_loser",
                                     "first_loser_votes", "margin"]], on="election_id", how="left")
    else:
        thr_all["threshold_votes"] = pd.NA
    return {"seats-by-slate": seats, "women-elected": women, "incumbents": inc, "winning-threshold": thr_all}


def available_years(tables: dict[str, pd.DataFrame]) -> list[int]:
    """Years with an election in the data."""
    return sorted(int(y) for y in tables["elections"]["year"].dropna().unique())


def prepare_site(out_root: Path, data_dir: Path | None = None, indexed: list[int] | None = None) -> dict:
    """What the site index shows that no year's page changes: the cross-year charts (HTML),
    their downloads and the candidate pages (written); the rest of the index comes from the
    year indexes (:func:`build_site`). The site build runs this beside the notebook pages.

    ``indexed``: the years that will have an index when the build ends; given, the section
    pages (which link to those years) are written too, and :func:`build_site` keeps them if
    the years turn out to be those (else it writes them again)."""
    tables = load_tables(data_dir)
    out_root = Path(out_root)
    charts.apply_style()
    frames = cross_year_frames(tables)
    for name, df in frames.items():
        write_download(df, out_root / "data" / f"{name}.csv")
    parts = []
    for part in site_charts(frames, tables):
        if part[0] == "figure":
            try:
                parts.append({"figure": Markup(charts.figure_html(part[1], part[2])), "note": None})
            finally:
                charts.plt.close(part[1])
        else:
            parts.append({"figure": None, "note": part[1]})
    return {"charts": parts, "people": build_candidates(out_root, tables), "downloads": list(frames),
            "indexed": indexed,
            "sections": build_sections(out_root, tables, indexed) if indexed is not None else None}


def build_site(out_root: Path, data_dir: Path | None = None, prepared: dict | None = None) -> Path:
    """``out_root/index.html`` (every year with an index, the cross-year charts) and the candidate
    pages (``prepared``: what :func:`prepare_site` returned for these tables, else made now)."""
    out_root = Path(out_root)
    prepared = prepared or prepare_site(out_root, data_dir)
    tables = load_tables(data_dir)
    all_years = available_years(tables)
    years = [y for y in all_years if (out_root / str(y) / "index.html").exists()]
    year_rows = [{"year": y, "href": f"{y}/index.html",
                  "elections": year_line(y, page_headline(out_root / str(y) / "index.html"),
                                         [election_name(tables, e) for e in elections_of_year(tables, y)])}
                 for y in years]
    sections = (prepared["sections"] if prepared.get("indexed") is not None
                and set(prepared["indexed"]) == set(years) else build_sections(out_root, tables))
    latest = next((page_headline(out_root / str(y) / "index.html") for y in reversed(years)), None)
    lead = site_lead(tables, all_years, [s["headline"] for s in sections], latest)
    nav = ([(f"{y}/index.html", str(y)) for y in years] + [(x["href"], x["title"]) for x in sections]
           + [("candidates/index.html", "Candidates")])
    dest = out_root / "index.html"
    render("site_index.html.j2", dest, title=SITE_TITLE, heading=f"{SITE_TITLE}: nominations, slates and results",
           nav=nav, home="index.html", home_label=SITE_TITLE, lead=lead, years=year_rows, charts=prepared["charts"],
           downloads=[{"file": f"{n}.csv", "label": n.replace("-", " ")} for n in prepared["downloads"]],
           candidates=prepared["people"], sections=sections)
    print(f"[report] site index -> {dest}", flush=True)
    return dest


def year_line(year: int, headline: str | None, elections: list[str]) -> str:
    """What the site index says beside a year's link: that year's lead finding ('CLP-section
    election: Ken Livingstone topped the ballot with 39,548 votes'), else which elections it held."""
    if headline and not headline.startswith("Labour's NEC elections"):
        return headline.removeprefix(f"{year} ")
    return "; ".join(elections)


def site_lead(tables: dict[str, pd.DataFrame], years: list[int], section_headlines: list[str],
              latest: str | None) -> dict[str, str]:
    """The site index's headline and standfirst: each section's own finding (a section's seats are
    never added to another's: a CLP seat and a councillors' seat are different contests), then the
    latest year's."""
    span = f"from {years[0]} to {years[-1]}" if years else "year by year"
    heads = [h.rstrip(".") for h in section_headlines if h]
    intro = (f"{len(tables['elections'])} elections to Labour's National Executive Committee {span}: who was "
             "nominated, who was elected and on which slate.")
    more = [f"{h}." for h in heads[1:]] + ([f"Most recently, {continued(latest.rstrip('.'))}."] if latest else [])
    return {"headline": heads[0] if heads else "Labour's NEC elections, year by year",
            "standfirst": " ".join([intro, *more]) if heads else intro}
