"""A page per candidate (every person in the registry) and the list of them all.

Each page: the candidate's record in every election they stood in (nominations, votes,
place, slate as printed, elected, incumbent) and a small chart of it. The record comes from
:func:`records`, a small reading of the tidy tables that the cross-year analysis
(``analysis.history.records``) replaces when it is there.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .. import charts
from ..notebook import cap_election as _cap
from ..notebook import election_name, table_html
from ..words.describe.candidate import candidate_headline, candidate_standfirst, record_title
from ..words.labels import candidate_href, yes_no
from .render import SITE_TITLE, render


def _preferred(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["preferred"].fillna(False).astype(bool)] if "preferred" in df else df


def records(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per candidacy: election, year, section, slate, nominations, votes, place, elected, incumbent."""
    try:  # the cross-year analysis, where it has landed
        from ..analysis import history  # type: ignore[attr-defined]

        rec = history.records(tables).table
        return rec.rename(columns={"share_of_clps_pct": "share_pct"})
    except (ImportError, AttributeError):
        pass
    c = tables["candidacies"].merge(tables["elections"][["election_id", "year", "section", "election_type"]],
                                    on="election_id", how="left")
    noms = _preferred(tables["nominations"])
    noms = noms[noms["status"] == "final"].drop_duplicates(["election_id", "candidate_id"])
    res = _preferred(tables["results"]).drop_duplicates(["election_id", "candidate_id"])
    out = (c.merge(noms[["election_id", "candidate_id", "nominations"]], on=["election_id", "candidate_id"], how="left")
            .merge(res[["election_id", "candidate_id", "votes", "position"]], on=["election_id", "candidate_id"],
                   how="left"))
    out = out.merge(tables["candidates"][["candidate_id", "display_name"]], on="candidate_id", how="left")
    out["display_name"] = out["display_name"].fillna(out["candidate_id"])
    return out.sort_values(["year", "section", "election_type", "candidate_id"]).reset_index(drop=True)


def href(candidate_id: object, prefix: str = "../") -> str:
    """The page of a candidate, relative to a year's folder (``prefix=""``: to the site root)."""
    return candidate_href(candidate_id, prefix)


def record_table(tables: dict[str, pd.DataFrame], rec: pd.DataFrame,
                 names: dict[str, str] | None = None) -> pd.DataFrame:
    """The record as a reader reads it: election in words, slate as printed, figures, outcome.

    ``names``: each election in words, if already known (:func:`election_names`)."""
    names = names or election_names(tables, rec["election_id"])
    return pd.DataFrame({  # headings: words.labels.HEADINGS
        "election": election_labels(rec, names),
        "slate_labels": [s if isinstance(s, str) and s else charts.slate_label(f)
                         for s, f in zip(rec.get("slate_labels", [None] * len(rec)), rec["slate_family"])],
        "nominations": rec["nominations"], "votes": rec["votes"], "position": rec["position"],
        "elected": [yes_no(v) for v in rec["elected"]], "incumbent": [yes_no(v) for v in rec["incumbent"]],
    })


def winning_thresholds(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Election id → the votes of its last winner, where every winner's votes are known."""
    from ..analysis import across

    out: dict[str, int] = {}
    for section in sorted(set(tables["elections"]["section"].dropna())):
        h = across.section_history(tables, section).table
        out.update({e: int(v) for e, v in zip(h["election_id"], h["threshold_votes"]) if not pd.isna(v)})
    return out


def election_labels(rec: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """Each election of a record as a row label: the year alone ('2014', '2020 by-election') where
    every one is of the same section (the standfirst names it), else in full ('2014 CLP-section election')."""
    if rec["section"].nunique() <= 1:
        return [f"{int(y)} by-election" if t == "by-election" else str(int(y))
                for y, t in zip(rec["year"], rec["election_type"])]
    return [_cap(names[e]) for e in rec["election_id"]]


def election_names(tables: dict[str, pd.DataFrame], election_ids) -> dict[str, str]:
    """Each of ``election_ids`` in words ('the 2014 CLP-section election'), each worked out once."""
    return {e: election_name(tables, e) for e in dict.fromkeys(election_ids)}


def record_chart(name: str, tables: dict[str, pd.DataFrame], rec: pd.DataFrame,
                 names: dict[str, str] | None = None) -> Markup:
    """A small chart of the record: votes (or nominations) per election, elected marked; HTML bars.

    Drawn in HTML rather than as an image so that it stays sharp and legible at any width.
    """
    names = names or election_names(tables, rec["election_id"])
    measure = "votes" if rec["votes"].notna().any() else ("nominations" if rec["nominations"].notna().any() else None)
    if measure is None:
        title = candidate_headline(name, rec)
        return Markup(f'<figure class="record"><figcaption><strong>{html.escape(title)}</strong></figcaption>'
                      '<p class="no-data">No source in the data gives their nominations or votes.</p></figure>')
    title = record_title(name, rec, measure, charts.fmt_int)
    top = float(rec[measure].max())
    rows, alt = [], []
    for (_, r), label in zip(rec.iterrows(), election_labels(rec, names)):
        v = r[measure]
        mark = " ✓" if charts.is_yes(r["elected"]) else ""
        if pd.isna(v):
            rows.append(f'<div class="bar-row"><span class="bar-label">{html.escape(label)}{mark}</span>'
                        f'<span class="bar-none">not published</span></div>')
            alt.append(f"{label}: not published")
            continue
        width = 100 * float(v) / top if top else 0
        colour = charts.slate_colour(r["slate_family"])
        rows.append(f'<div class="bar-row"><span class="bar-label">{html.escape(label)}{mark}</span>'
                    f'<span class="bar-track"><span class="bar" style="width:{width:.1f}%;background:{colour}"></span>'
                    f'</span><span class="bar-value">{charts.fmt_int(v)}</span></div>')
        alt.append(f"{label}: {charts.fmt_int(v)} {measure}{' (elected)' if mark else ''}")
    return Markup(f'<figure class="record" role="img" aria-label="{html.escape("Bar chart of " + measure + " in each election: " + "; ".join(alt), quote=True)}">'
                  f'<figcaption><strong>{html.escape(title)}</strong><br><small>{measure.capitalize()} in each election; '
                  f'✓ elected</small></figcaption>{"".join(rows)}'
                  f'<p class="source">Source: the published results and nominations listed on each year\'s contents page</p></figure>')


def build_candidates(out_root: Path, tables: dict[str, pd.DataFrame]) -> list[dict]:
    """A page per person in the registry, under ``out_root/candidates/``; the list for the site index."""
    rec = records(tables)
    names = election_names(tables, rec["election_id"])
    thresholds = winning_thresholds(tables)
    by_person = dict(tuple(rec.groupby("candidate_id", sort=False)))
    folder = Path(out_root) / "candidates"
    people = []
    reg = tables["candidates"].sort_values("display_name")
    for _, person in reg.iterrows():
        cid, name = person["candidate_id"], person["display_name"] if isinstance(person["display_name"], str) else person["candidate_id"]
        mine = by_person.get(cid, rec.iloc[0:0])
        years = sorted({int(y) for y in mine["year"]}) if not mine.empty else []
        lead = {"headline": candidate_headline(name, mine), "standfirst": candidate_standfirst(name, mine, thresholds)}
        dest = folder / href(cid, "").split("/", 1)[1]
        render("candidate.html.j2", dest, title=f"{name} — {SITE_TITLE}", heading=name,
               nav=[("../index.html", "All years"), ("index.html", "All candidates")], home="../index.html",
               home_label=SITE_TITLE, lead=lead, name=name,
               figure=record_chart(name, tables, mine, names) if len(mine) else None,
               table=Markup(table_html(record_table(tables, mine, names), f"{name}'s record")) if len(mine) else
               Markup('<p class="no-data">No candidacy in the data.</p>'),
               about=["Every figure is as the sources printed it; a blank means no source in the data gives it. "
                      "Incumbency means holding a seat when the election began."])
        people.append({"name": name, "href": href(cid, ""), "page": dest.name,
                       "years": ", ".join(map(str, years)) or "none"})
    render("candidates_index.html.j2", folder / "index.html", title=f"Candidates — {SITE_TITLE}",
           heading="Every candidate in the data", nav=[("../index.html", "All years")], home="../index.html",
           home_label=SITE_TITLE, lead={"headline": f"{len(people)} people stood for Labour's NEC in these elections",
                                        "standfirst": "Each has a page with every election they stood in. "
                                                      "Use the filter box to find a name."},
           people=people)
    return people
