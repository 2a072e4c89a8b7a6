"""What a notebook calls to put things on its page, and the downloads it writes.

A notebook opens with ``open_notebook`` (tables, the election), computes with
``nec_analysis.analysis``, draws with ``nec_analysis.charts`` and shows the results with
the helpers here::

    from nec_analysis import notebook as nb
    tables, election_id = nb.open_notebook(year, section, data_dir, report_dir)
    for election_id in nb.each_election(tables, year, section):   # a by-election beside the regular one too
        ...
    nb.lead("The left gained one seat", "Kate Osamor replaced Peter Wheeler. ...")  # the page's headline
    nb.show_table(df, "candidates-2014", "Who stood")   # sortable table + link to its CSV
    nb.headline(n_candidates=13)                       # plain scalars for the tests

Downloads: every CSV a reader can download goes through :func:`write_download`, which
neutralises cells a spreadsheet would run as a formula and writes a world-readable file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .. import charts
from ..charts import no_data  # noqa: F401  (what notebooks call, with the rest of this module)
from ..io import load_tables, processed_dir
from ..words.describe.leader import leader  # noqa: F401  (notebooks call nb.leader)
from ..words.labels import candidate_href, family_in_figure, family_short, gender_words, sources_for
from .downloads import (  # noqa: F401
    FILE_MODE,
    FORMULA_STARTS,
    neutralise,
    safe_for_spreadsheets,
    write_download,
    write_file,
)
from .table import table_html
from .wording import _SCOPE, _beside, kicker_of, plain, public_text  # noqa: F401  (notebooks call plain)

# ---------------------------------------------------------------------------------------
# The page: tables, sentences, figures
# ---------------------------------------------------------------------------------------

_OUTPUT: dict[str, Path | None] = {"dir": None}
_TABLES: dict[str, dict[str, pd.DataFrame]] = {}  # the notebook's tables (open_notebook), for words


def set_output(report_dir: str | Path | None) -> None:
    """Tables shown with ``show_table`` are also written to ``<report_dir>/data/`` ("" = not)."""
    _OUTPUT["dir"] = Path(report_dir) if report_dir else None


def data_folder(data_dir: str | Path | None) -> Path:
    """The processed-tables folder a notebook reads: ``data_dir`` or the project's."""
    return Path(data_dir) if data_dir else processed_dir()


def elections_of_year(tables: dict[str, pd.DataFrame], year: int) -> list[str]:
    """Election ids of ``year``: regular elections first, then by-elections; CLP first."""
    el = tables["elections"]
    el = el[el["year"] == int(year)].sort_values(["election_type", "section"], ascending=[False, True])
    return [str(e) for e in el["election_id"]]


def elections_in(tables: dict[str, pd.DataFrame], year: int, section: str = "clp") -> list[str]:
    """Every election of ``section`` in ``year``: the regular election first, then by-elections.

    A year can hold a by-election and a regular election in one section; a page shows each.
    """
    el = tables["elections"]
    ids = set(el.loc[el["section"] == section, "election_id"])
    return [e for e in elections_of_year(tables, year) if e in ids]


def pick_election(tables: dict[str, pd.DataFrame], year: int, section: str = "clp") -> str | None:
    """The election a page leads with: ``<year>-<section>``, else that section's first by-election."""
    ids = elections_in(tables, year, section)
    return ids[0] if ids else None


def each_election(tables: dict[str, pd.DataFrame], year: int, section: str = "clp") -> Iterator[str]:
    """Each election of ``section`` in ``year``, for a notebook cell to analyse and show in turn::

        for election_id in nb.each_election(tables, year, section):
            ...   # this election's tables, sentences and chart (crediting its own sources)

    Where the year holds several (a by-election beside the regular election) each part opens
    with a heading naming its election, so no election is hidden behind another.
    """
    ids = elections_in(tables, year, section)
    for eid in ids:
        if len(ids) > 1:
            election_heading(tables, eid)
        else:
            set_scope(tables, eid)
        yield eid


def election_name(tables: dict[str, pd.DataFrame], election_id: str) -> str:
    """'the 2014 CLP-section election' for a reader (one wording: ``words.labels.election_name``)."""
    from ..words.labels import election_name as name

    return name(tables, election_id) if election_id in set(tables["elections"]["election_id"]) else election_id


def cap_election(name: str) -> str:
    """'2014 CLP-section election' from 'the 2014 CLP-section election' (as a label; case kept)."""
    name = name[4:] if name.startswith("the ") else name
    return name[:1].upper() + name[1:]


def short_name(election_id: str) -> str:
    """'2014 CLP', '2014 local gov.', '2020 CLP by-el.' (chart labels)."""
    parts = election_id.split("-")
    label = {"clp": "CLP", "local_government": "local gov."}.get(parts[1], parts[1])
    return f"{parts[0]} {label}" + (" by-el." if election_id.endswith("by-election") else "")


def open_notebook(year: int, section: str = "clp", data_dir: str | Path | None = "",
                  report_dir: str | Path | None = "") -> tuple[dict[str, pd.DataFrame], str | None]:
    """The first cell of every notebook: ``(tables, election_id)`` for ``year`` and ``section``.

    Loads the processed tables (``data_dir`` or the project's), sends shown tables' CSVs to
    ``report_dir``, applies the chart style, and picks the election the page leads with
    (``<year>-<section>``, else that section's by-election; :func:`each_election` gives every
    one). Where there is none, it says so on the page and returns ``None``.
    """
    tables = load_tables(data_folder(data_dir))
    _TABLES["tables"] = tables
    _OUTPUT.pop("lead_shown", None)
    _OUTPUT.pop("lead_said", None)
    _OUTPUT.pop("lead_head", None)
    _OUTPUT.pop("scope", None)
    set_output(report_dir)
    charts.apply_style()
    election_id = pick_election(tables, year, section)
    set_scope(tables, election_id)
    if election_id is None:
        section_name = {"clp": "CLP-section", "local_government": "local-government-section"}.get(section, section)
        lead(f"No {section_name} NEC election in {year} is in the data",
             "The pages for other sections and years are listed on the contents page.")
        charts.no_data(f"No {section_name} NEC election in {year} is in the data.")
    return tables, election_id


def headline(**values: object) -> None:
    """Print headline figures as plain scalars, one ``name = value`` a line (for the tests)."""
    for name, value in values.items():
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            value = "NA"
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif hasattr(value, "item"):
            value = value.item()
        print(f"{name} = {value}")


def show_table(df: pd.DataFrame, name: str, caption: str, columns: list[str] | None = None,
               empty: str | None = None, rows: pd.Series | None = None) -> None:
    """Display ``df`` as a sortable table with a link to its tidy CSV (``data/<name>.csv``).

    The CSV (every row and column of ``df``) is written to ``<report_dir>/data/`` when an
    output folder is set; the page shows ``columns`` and the ``rows`` mask (default: all).
    An empty frame displays ``empty`` (or a plain "no rows") instead of an empty table.
    """
    from IPython.display import HTML, display

    shown = None if df is None else (df[rows] if rows is not None else df)
    if shown is None or shown.empty:
        charts.no_data(empty or f"{caption}: no rows for this election in the data.")
        return
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if _OUTPUT["dir"] is not None:
        path = _OUTPUT["dir"] / "data" / f"{slug}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_download(df, path)
    links = name_links(shown)
    if columns:
        shown = shown[columns]
    else:  # ids a reader does not need: one election per table, names beside candidate ids
        drop = [c for c in ("election_id",) if c in shown and shown[c].nunique() <= 1]
        drop += ["candidate_id"] if {"candidate_id", "display_name"} <= set(shown.columns) else []
        shown = shown.drop(columns=drop)
    shown = shown.loc[:, shown.notna().any()]  # a column of dashes tells a reader nothing (the CSV keeps it)
    shown = _in_words(shown)
    links = {c: links[c] for c in shown.columns if c in links}
    part = f"; {len(shown):,} shown here" if len(shown) < len(df) else ""
    link = (f'<p class="csv-link"><a href="data/{slug}.csv" download>Download this table</a> '
            f"(spreadsheet file, {len(df):,} row{'s' if len(df) != 1 else ''}{part}; "
            "click a column heading to sort)</p>")
    display(HTML(table_html(shown.reset_index(drop=True), caption, links) + link))


def _in_words(df: pd.DataFrame) -> pd.DataFrame:
    """Id columns a page shows, in words: slates, genders, sources, elections, candidates, measures.

    The CSV behind the table keeps the ids; a column of candidate ids becomes their names (headed
    by ``words.labels.column_heading``, linked by :func:`name_links`).
    """
    out = df.copy()
    if "slate_family" in out:
        out["slate_family"] = out["slate_family"].map(lambda f: charts.slate_label(f) if isinstance(f, str) else f)
    if "gender" in out:
        out["gender"] = out["gender"].map(gender_words)
    tables = _TABLES.get("tables")
    if tables is None:
        return out
    from ..analysis import MEASURE_NAMES

    names = dict(zip(tables["candidates"]["candidate_id"], tables["candidates"]["display_name"]))
    elections = set(tables["elections"]["election_id"])
    for col in list(out.columns):
        values = set(out[col].dropna()) if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]) else set()
        if col == "measure":
            out[col] = [MEASURE_NAMES.get(m, m.replace("_", " ")) if isinstance(m, str) else m for m in out[col]]
        elif col in ("source_id", "source_a", "source_b"):
            out[col] = [source_words(tables, x) if isinstance(x, str) else x for x in out[col]]
        elif col in ("election_id", "scope"):
            out[col] = [cap_election(election_name(tables, e)) if isinstance(e, str) and re.match(r"^\d{4}-", e)
                        and e in elections else e for e in out[col]]
        elif col.startswith("candidate_id") and "display_name" not in out:
            out[col] = [names.get(c, c) if isinstance(c, str) else c for c in out[col]]
        elif values and values <= set(names) and col != "candidate_id":  # any column of candidate ids
            out[col] = [names.get(c, c) if isinstance(c, str) else c for c in out[col]]
        elif values and values <= elections:  # any column of election ids (e.g. the previous election)
            out[col] = [cap_election(election_name(tables, e)) if isinstance(e, str) else e for e in out[col]]
        elif col in ("value_a", "value_b"):  # a slate family a source gave: 'Labour right (leadership slate)'
            out[col] = [family_in_figure(v) if isinstance(v, str) else v for v in out[col]]
        elif values and col not in ("display_name",):
            out[col] = [public_text(v) if isinstance(v, str) else v for v in out[col]]
    return out  # headings: words.labels.column_heading (one declaration per column)


def name_links(df: pd.DataFrame) -> dict[str, list[str | None]]:
    """Each column of ``df`` that names candidates → the address of each row's candidate page.

    A ``display_name`` (``unit_name``) column links through the row's ``candidate_id`` (``unit_id``,
    where it is a candidate); any column of candidate ids (``left``, ``replaced_by``,
    ``candidate_id_man`` ...) links through its own values.
    """
    tables = _TABLES.get("tables")
    known = set(tables["candidates"]["candidate_id"]) if tables is not None else set()
    out: dict[str, list[str | None]] = {}
    paired = []
    for name_col, id_col in (("display_name", "candidate_id"), ("unit_name", "unit_id")):  # a name beside its id
        if {name_col, id_col} <= set(df.columns):
            paired.append(id_col)
            out[name_col] = [candidate_href(c) if isinstance(c, str) and (c in known or not known and
                                                                       id_col == "candidate_id") else None
                             for c in df[id_col]]
    for col in df.columns:
        if col in out or col in paired or not known:
            continue
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            values = set(df[col].dropna())
            if values and values <= known:
                out[col] = [candidate_href(c) if isinstance(c, str) else None for c in df[col]]
    return out


def heading(text: str, level: int = 2) -> None:
    """A heading generated from data (escaped)."""
    from IPython.display import HTML, display

    display(HTML(f"<h{level}>{html.escape(text)}</h{level}>"))


def candidate_table(tables: dict[str, pd.DataFrame], election_id: str) -> pd.DataFrame:
    """One row per candidate: slate, gender, incumbency, nominations, votes, place, elected."""
    from .. import analysis as an

    c = an.candidacies(tables, election_id)
    noms = an.nomination_figures(tables, election_id).table
    res = an.results(tables, election_id)
    out = c.merge(noms[["candidate_id", "nominations"]], on="candidate_id", how="left") if not noms.empty \
        else c.assign(nominations=pd.NA)
    out = out.merge(res[["candidate_id", "votes", "position"]], on="candidate_id", how="left")
    out["slate"] = out["slate_family"].map(charts.slate_label)
    cols = ["election_id", "candidate_id", "display_name", "slate_family", "slate", "gender", "incumbent",
            "on_ballot", "nominations", "votes", "position", "elected"]
    return out[cols].sort_values(["position", "nominations", "display_name"],
                                 ascending=[True, False, True], na_position="last").reset_index(drop=True)


def sources_used(tables: dict[str, pd.DataFrame], election_ids: list[str], holds: str | None = None) -> str:
    """'LabourList (2014-08-20); Left Futures (2014-06)' for the chart source line: these elections'
    own sources only, by election type too (one wording: ``words.labels.sources_for``)."""
    return public_text(sources_for(tables, election_ids, holds))


def describe_election(tables: dict[str, pd.DataFrame], election_id: str) -> list[str]:
    """Plain sentences: seats, system, candidates, who was elected, threshold, turnout."""
    el = tables["elections"].set_index("election_id")
    if election_id not in el.index:
        return [f"{election_id} is not in the data."]
    r = el.loc[election_id]
    cand = candidate_table(tables, election_id)
    system = {"block": "a block vote (the top candidates by votes are elected)",
              "stv": "the single transferable vote"}.get(r["voting_system"], None)
    from ..analysis import plural, results
    from ..analysis.core import is_partial

    seats = "an unstated number of seats" if pd.isna(r["seats"]) else plural(int(r["seats"]), "seat", "seats")
    out = [f"{report_name(tables, election_id)} filled {seats}"
           + (f" by {system}." if system else "; the sources do not say which voting system was used.")]
    on = cand[cand["on_ballot"] != False]  # noqa: E712
    off = int((cand["on_ballot"] == False).sum())  # noqa: E712
    partial = is_partial(tables, results(tables, election_id)["source_id"])
    out.append(("At least " if partial else "") + f"{plural(len(on), 'candidate is', 'candidates are')} recorded as"
               " standing" + (f" ({plural(off, 'more was', 'more were')} nominated but did not reach the ballot)."
                              if off else "."))
    won = cand[cand["elected"] == True]  # noqa: E712
    if not won.empty:
        out.append(("Elected, of those the partial results list names: " if partial else "Elected: ") + ", ".join(
            f"{n} ({family_short(f)})" for n, f in zip(won["display_name"], won["slate_family"])) + ".")
    if partial:
        out.append("The results list is partial: it leaves some candidates out, so who won the other seats "
                   "is not in the data.")
    if pd.isna(r["ballot_threshold"]):
        out.append("No source states how many nominations were needed to reach the ballot.")
    else:
        out.append(f"Reaching the ballot needed {plural(int(r['ballot_threshold']), 'nomination', 'nominations')}.")
    if cand["votes"].isna().all():
        out.append("No vote figures were published for this election: only who was elected is known"
                   + (" (for those listed)." if partial else "."))
    turnout = stated_total(tables, election_id, "turnout_pct")
    if turnout is None:
        out.append("No source states the turnout.")
    else:
        value, approximate = turnout
        out.append(f"Turnout was stated as {'about ' if approximate else ''}{value:g}%.")
    return out


def stated_total(tables: dict[str, pd.DataFrame], election_id: str, measure: str) -> tuple[float, bool] | None:
    """The preferred published figure for ``measure`` (e.g. ``turnout_pct``): (value, approximate)."""
    t = tables["totals"]
    row = t[(t["election_id"] == election_id) & (t["measure"] == measure) & t["preferred"].fillna(False)]
    if row.empty:
        return None
    return float(row["value"].iloc[0]), bool(row["approximate"].fillna(False).iloc[0])


def source_words(tables: dict[str, pd.DataFrame], source_id: object) -> str:
    """A source id in words: 'LabourList (2014-06)'; a ``sum:`` id as the sum of its sources."""
    from ..analysis import source_label

    if not isinstance(source_id, str):
        return "—"
    if source_id.startswith("sum:"):
        parts = ", ".join(source_label(tables, s) for s in source_id[4:].split("+"))
        return f"sum of the candidates' figures in {parts}"
    return public_text(source_label(tables, source_id))


def report_name(tables: dict[str, pd.DataFrame], election_id: str) -> str:
    name = election_name(tables, election_id)
    return name[0].upper() + name[1:]


def say_elections(tables: dict[str, pd.DataFrame], year: int) -> None:
    """Sentences listing the year's elections (or saying there are none)."""
    ids = elections_of_year(tables, year)
    if not ids:
        charts.no_data(f"No NEC election in {year} is in the data.")
        return
    el = tables["elections"].set_index("election_id")
    from ..analysis import plural

    charts.say(f"{plural(len(ids), 'election', 'elections')} in {year}: " + "; ".join(
        f"{election_name(tables, e)} ({_seats(el.loc[e, 'seats'])}, "
        + (f"{charts.fmt_int(el.loc[e, 'n_candidates'])} candidates)" if not pd.isna(el.loc[e, "n_candidates"])
           else "number of candidates on the ballot not stated by the sources)") for e in ids) + ".")


def _seats(n: object) -> str:
    """'1 seat', '6 seats', 'seats not stated'."""
    return "seats not stated" if pd.isna(n) else f"{charts.fmt_int(n)} seat{'' if int(n) == 1 else 's'}"


def lead_from(sentences: list[str], headline_at: int = 0, fallback: str = "") -> None:
    """The page's lead from sentences made from the data: one is the headline, the next two the standfirst.

    The election the headline's sentence opens with ('In the 2014 CLP-section election, ') is
    put over the headline (:func:`lead`'s ``about``), so the headline can say only what was found.
    """
    raw = [x.strip() for x in sentences if x and x.strip()]
    if not raw:
        lead(fallback or "No figures for this page in the data", "The sources in the data do not give them.")
        return
    at = min(headline_at, len(raw) - 1)
    scope = _SCOPE.match(raw[at])
    first, *more = re.split(r"(?<=[a-z0-9)])\. (?=[A-Z])", plain(raw[at]), maxsplit=1)
    head = first.rstrip(".")
    rest = (more + [x for i, x in enumerate(raw) if i != at])[:2]
    lead(head, rest or ["The figures behind this are below."], about=scope.group(0) if scope else None)


def lead(headline_text: str, standfirst: str | list[str], about: str | None = None) -> None:
    """The page's headline (its main finding) and a two-sentence standfirst, from the data.

    ``about`` names the election the headline is about (an election id, or its words such as
    'In the 2014 CLP-section election, '); it is shown over the headline unless the headline
    names it already, so that a headline copied to a contents page still says which election.
    Shown first under the page title (the site moves it there); both are escaped. Only the
    first call of a notebook run shows anything: a page has one headline.
    """
    from IPython.display import HTML, display

    from ..words.labels import kicker, without_election

    if _OUTPUT.get("lead_shown"):
        return
    _OUTPUT["lead_shown"] = True  # type: ignore[assignment]
    tables = _TABLES.get("tables")
    if about is not None and tables is not None and about in set(tables["elections"]["election_id"]):
        about = election_name(tables, about)
    over = kicker(about) if about else ""
    headline_text = without_election(over, headline_text)  # the line over it names the election
    given = [standfirst] if isinstance(standfirst, str) else [x.strip() for x in standfirst if x and x.strip()]
    text = " ".join(_beside(x, over) for x in given)
    # the sentences below need not say again what the standfirst said: say() leaves them out
    _OUTPUT["lead_said"] = set(given)  # type: ignore[assignment]
    _OUTPUT["lead_head"] = headline_text  # type: ignore[assignment]  (nor the headline, word for word)
    over_html = (f'<p class="kicker">{html.escape(over)}</p>'
                 if over and over.lower() not in headline_text.lower() else "")
    display(HTML(f'<section class="lead">{over_html}<p class="headline">{html.escape(headline_text)}</p>'
                 f'<p class="standfirst">{html.escape(text)}</p></section>'))


def say(*sentences: str | list[str]) -> None:
    """Display sentences made from the data (escaped, internal paths put in words).

    A sentence opening with the election the page (or the heading above it) is about --
    'In the 2014 CLP-section election, ...' -- keeps that opening only the first time: the
    findings that follow say what they found, not which election again.
    """
    flat: list[str] = []
    for x in sentences:
        flat.extend([x] if isinstance(x, str) else [str(y) for y in x])
    said = _OUTPUT.get("lead_said") or set()
    flat = [x for x in flat if x.strip() not in said  # the standfirst (or the headline) said it
            and plain(x).rstrip(".") != _OUTPUT.get("lead_head")]
    charts.say([public_text(_unscoped(x)) for x in flat])


def _unscoped(sentence: str) -> str:
    """``sentence`` without its 'In <the page's election>, ' opening once that election is named."""
    opening = _OUTPUT.get("scope")
    if not isinstance(opening, str) or not sentence.startswith(opening):
        return sentence
    if not _OUTPUT.get("scope_named"):
        _OUTPUT["scope_named"] = True  # type: ignore[assignment]
        return sentence
    return plain(sentence)


def set_scope(tables: dict[str, pd.DataFrame], election_id: str | None, named: bool = False) -> None:
    """The election the sentences that follow are about (``named``: a heading already names it)."""
    from ..words.labels import in_election

    opening = f"{in_election(tables, election_id)}, " if election_id else None
    if opening == _OUTPUT.get("scope") and not named:
        return  # the same election as before: named already, or still to be named once
    _OUTPUT["scope"] = opening  # type: ignore[assignment]
    _OUTPUT["scope_named"] = named  # type: ignore[assignment]


def election_heading(tables: dict[str, pd.DataFrame], election_id: str, level: int = 3) -> None:
    """A heading naming ``election_id``; the sentences under it need not name it again."""
    heading(report_name(tables, election_id), level)
    set_scope(tables, election_id, named=True)
