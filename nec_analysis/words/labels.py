"""Ids in words: an election, a source, a slate family, a measure, the bodies that nominate.

Leaf module: it reads the ``elections`` and ``sources`` tables it is given and imports
nothing from the project but the vocabulary, so the analyses' notes and the pages' sentences name an
election or a source the same way (one declaration of each wording).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..vocab import GENDER_NOT_STATED, SLATE_FAMILIES, YES_NO
from ..vocab import labels as _labels
from .format import cap, date

Tables = dict[str, pd.DataFrame]

#: How a sentence names a slate family ('the Grassroots left slate had ...'), from the vocabulary.
FAMILY_NAMES = {t.code: t.words for t in SLATE_FAMILIES}

#: A slate family as a label (a table cell, a legend): 'Grassroots left', 'Slate not known'.
FAMILY_LABELS = _labels(SLATE_FAMILIES)

#: Short reader-facing names of slate families, for counts ('4 Labour right').
FAMILY_SHORT = {
    "grassroots_left": "Grassroots left",
    "labour_right": "Labour right",
    "open_labour": "Open Labour",
    "independent": "independent",
    "unknown": "slate not known",
    "contested": "sources disagree on the slate",
}

#: Reader-facing names of the measures in ``totals`` and ``stated_vs_derived``.
MEASURE_NAMES = {
    "nominations_total": "the total number of nominations",
    "clps_nominating": "the number of nominating bodies",
    "ballots_cast": "the number of ballots cast",
    "turnout_pct": "turnout",
    "votes_total": "the total of votes",
    "votes_per_ballot": "votes per ballot",
    # measures of the discrepancies table
    "nominations": "nominations",
    "votes": "votes",
    "bodies_listed": "nominating CLPs: stated count against those listed",
    "slate_family": "slate",
    "votes_against_share": "votes against the share printed beside them (a misprint, kept as printed)",
}

_SECTIONS = {"clp": "CLP-section", "local_government": "local-government-section"}


def _row(frame: pd.DataFrame | None, key: str, value: object) -> pd.Series | None:
    if frame is None or key not in frame:
        return None
    rows = frame[frame[key] == value]
    return None if rows.empty else rows.iloc[0]


def election_name(tables: Tables, election_id: str) -> str:
    """'the 2014 CLP-section election', 'the 2020 CLP-section by-election' for a reader.

    An id the ``elections`` table does not hold is put in words from the id itself.
    """
    r = _row(tables.get("elections"), "election_id", election_id)
    if r is None:
        return f"the {election_words(election_id)} election"
    section = _SECTIONS.get(r["section"], str(r["section"]).replace("_", " "))
    kind = "by-election" if r["election_type"] == "by-election" else "election"
    return f"the {r['year']} {section} {kind}"


def kicker(election: str) -> str:
    """The line over a headline naming what it is about: '2014 CLP-section election' from 'the 2014
    CLP-section election' (or from 'In the 2014 CLP-section election, ')."""
    words = election.strip().removesuffix(",").strip()
    if words.startswith("Across all sections in "):
        return f"Every section, {words.removeprefix('Across all sections in ')}"
    words = words.removeprefix("In ").removeprefix("the ")
    return words[:1].upper() + words[1:]


def without_election(about: str | None, finding: str) -> str:
    """A finding without its closing ' in the 2014 CLP-section election' where ``about`` (the line
    over it) names that election already: 'Grassroots left candidates won 4 of 6 seats'."""
    if not about:
        return finding
    tail = f" in the {about}"
    return finding[: -len(tail)].rstrip(",") if finding.lower().endswith(tail.lower()) else finding


#: Words that open a finding and lose their capital when it goes on after a comma (names keep theirs).
_OPENERS = ("The ", "No ", "None ", "At ", "All ", "Every ", "Each ", "Both ", "Turnout ", "Women ", "Men ")


def continued(finding: str) -> str:
    """A finding carried on after 'Most recently, ': '2022 CLP-section election: No source ...' →
    'in the 2022 CLP-section election, no source ...'; 'The 2022 ... filled 9 seats' → 'the 2022 ...'."""
    about, sep, rest = finding.partition(": ")
    if sep and re.match(r"^\d{4} .*election$", about):
        return f"in the {about}, {continued(rest)}"
    return finding[:1].lower() + finding[1:] if finding.startswith(_OPENERS) else finding


def finding_in(about: str | None, finding: str) -> str:
    """A finding as a contents page lists it, its election first, as every other finding there:
    '2014 CLP-section election: 5 of the 6 elected were women' (also from '... in the 2014
    CLP-section election')."""
    short = without_election(about, finding)
    if not about or (short == finding and about.lower() in finding.lower()):
        return finding
    return f"{about}: {short}"


def elections_named(tables: Tables, election_ids: list[str]) -> str:
    """Several elections of one year in words: 'the 2014 CLP-section and local-government-section
    elections' (one election: :func:`election_name`)."""
    if len(election_ids) == 1:
        return election_name(tables, election_ids[0])
    names = [election_name(tables, e).removeprefix("the ") for e in election_ids]
    years = {n.split(" ", 1)[0] for n in names}
    if len(years) == 1:
        parts = [n.split(" ", 1)[1].removesuffix(" election") for n in names]
        return f"the {years.pop()} {', '.join(parts[:-1])} and {parts[-1]} elections"
    return "the " + ", ".join(names[:-1]) + " and " + names[-1]


def in_election(tables: Tables, election_id: str) -> str:
    """'In the 2014 CLP-section election' (starts a sentence)."""
    return f"In {election_name(tables, election_id)}"


def election_words(election_id: str) -> str:
    """An election id for readers without the tables: ``2022-clp`` → ``2022 CLP section``,
    ``2020-clp-by-election`` → ``2020 CLP-section by-election``."""
    year, _, rest = str(election_id).partition("-")
    by = rest.endswith("by-election")
    section = rest.removesuffix("-by-election")
    name = {"clp": "CLP", "local_government": "local government"}.get(section, section.replace("_", " "))
    return f"{year} {name}-section by-election" if by else f"{year} {name} section"


def bodies(tables: Tables, election_id: str) -> str:
    """What nominates in ``election_id``: 'CLPs', or 'Labour groups' in the councillors' section."""
    r = _row(tables.get("elections"), "election_id", election_id)
    return "Labour groups" if r is not None and r["section"] == "local_government" else "CLPs"


def source_meta(tables: Tables, source_id: str) -> pd.Series | None:
    """The ``sources`` row of ``source_id`` (None when it is not in the data)."""
    return _row(tables.get("sources"), "source_id", source_id)


def source_label(tables: Tables, source_id: str | None) -> str:
    """'LabourList (June 2014)' for a source id; 'the preferred figures' for None."""
    if source_id is None:
        return "the preferred figures"
    meta = source_meta(tables, source_id)
    return source_id if meta is None else f"{meta['publisher']} ({date(meta['published'])})"


def sources_in_words(tables: Tables, source_ids: Iterable[object], sep: str = " (") -> str:
    """``LabourList (17 May 2022); ...`` for each distinct source id
    (``sep=", "``: ``LabourList, 17 May 2022``, for use inside brackets)."""
    parts = []
    for sid in sorted(set(pd.Series(list(source_ids), dtype=object).dropna())):
        meta = source_meta(tables, sid)
        if meta is not None and pd.notna(meta.get("publisher")):
            close = ")" if sep == " (" else ""
            parts.append(f"{meta['publisher']}{sep}{date(meta['published'])}{close}" if pd.notna(meta.get("published"))
                         else str(meta["publisher"]))
        else:
            parts.append(str(sid))
    return "; ".join(dict.fromkeys(parts))


def family_name(family: object) -> str:
    """How a sentence names a slate family ('the Grassroots left slate')."""
    key = "unknown" if family is None or pd.isna(family) else str(family)
    return FAMILY_NAMES.get(key, key.replace("_", " "))


def family_in_figure(text: str) -> str:
    """A figure naming a slate family by its code ('labour_right (leadership slate)', as the
    disagreements table keeps it) with the family in words: 'Labour right (leadership slate)'."""
    code, sep, rest = text.partition(" ")
    return f"{FAMILY_LABELS[code]}{sep}{rest}" if code in FAMILY_LABELS else text


def family_short(family: object) -> str:
    """A slate family in a count ('4 Labour right')."""
    key = "unknown" if family is None or pd.isna(family) else str(family)
    return FAMILY_SHORT.get(key, key.replace("_", " "))


def sources_for(tables: Tables, election_ids: Iterable[str], holds: str | None = None) -> str:
    """The sources of these elections only, for a chart's source line: 'LabourList (20 August 2014); ...'.

    A source counts for an election when a row of that election cites it, or when the source
    is of the election's own year, section *and type* (so a by-election's chart does not
    credit the regular election's sources of the same year, nor the other way round).
    ``holds`` keeps only sources of that kind (``results``, ``nominations`` ...).
    """
    ids = set(election_ids)
    src = tables["sources"]
    cited: set[str] = set()
    for name in ("nominations", "results", "slate_labels", "totals", "clp_nominations"):
        frame = tables.get(name)
        if frame is not None and "election_id" in frame and "source_id" in frame:
            cited |= set(frame.loc[frame["election_id"].isin(ids), "source_id"].dropna())
    el = tables["elections"]
    el = el[el["election_id"].isin(ids)]
    own = pd.Series(False, index=src.index)
    for _, e in el.iterrows():
        own |= (src["year"] == e["year"]) & (src["section"] == e["section"]) & (
            src["election_type"].fillna("regular") == e["election_type"])
    s = src[src["source_id"].isin(cited) | own]
    if holds:
        s = s[s["holds"] == holds]
    items = [f"{p} ({date(d)})" for p, d in sorted(set(zip(s["publisher"], s["published"].astype(str))))]
    return "; ".join(items) if items else "the project's processed tables"


#: The heading a reader sees above each column a page shows: one declaration per column.
#: Keys are the dataset's field names (the CSV behind a table keeps them); a table shows
#: only columns declared here or already in reader words (see :func:`column_heading`).
HEADINGS = {
    # who and where
    "display_name": "Candidate", "candidate_id": "Candidate", "name": "Candidate",
    "left": "Left the NEC", "replaced_by": "Replaced by", "last_elected": "Last elected", "first_loser": "First loser",
    "election_id": "Election", "scope": "Election", "election": "Election", "prev_election_id": "Last time",
    "slate_family": "Slate", "slate": "Slate", "label": "Slate as printed", "slate_labels": "Slate as printed",
    "gender": "Gender", "group": "Who", "incumbent": "Held a seat before", "on_ballot": "On the ballot",
    "source_id": "Source", "source_a": "Source A", "source_b": "Source B", "value_a": "Figure in A",
    "value_b": "Figure in B", "measure": "What", "home_region": "Home region",
    "home_region_strength": "How sure", "home_region_source": "Source of home region",
    # counts and results
    "candidates": "Candidates", "n": "Number", "women": "Women", "men": "Men", "unknown": "Gender not stated",
    "man": "Man", "woman": "Woman", "seats": "Seats", "elected": "Elected",
    "elected_unknown": "Outcome not known", "nominations": "Nominations", "votes": "Votes", "position": "Place",
    "with_votes": "With votes published", "rank": "Rank", "prev_rank": "Previous rank",
    "prev_nominations": "Nominations last time", "nomination_rank": "Rank by nominations",
    "vote_rank": "Rank by votes", "places_gained": "Places gained", "in_top_n": "Among the top by nominations",
    "votes_per_nomination": "Votes per nomination", "votes_per_seat": "Votes per seat won",
    "nominations_per_seat": "Nominations per seat won", "mean_position": "Average place",
    "mean_votes": "Average votes", "position_man": "Man's place", "position_woman": "Woman's place",
    "threshold_votes": "Votes of the last elected", "last_elected_position": "Place of the last elected",
    "first_loser_votes": "Votes of the first loser", "margin": "Margin (votes)", "margin_pct": "Margin (%)",
    "incumbents_standing": "Incumbents standing", "re_elected": "Re-elected", "defeated": "Defeated",
    "incumbents_outcome_unknown": "Incumbents' outcome not known", "newly_elected": "Newly elected",
    "reelection_rate_pct": "Re-elected (%)", "incumbency_unknown": "Incumbency not known",
    "seats_not_defended": "Seats not defended", "description": "Description", "preferred": "Preferred figure",
    "outcome": "Outcome", "performance": "Against nominations", "cluster": "Inferred group",
    "bodies": "Nominating bodies", "change_places": "Change (places)", "rank_stated": "Rank as printed",
    "prev_rank_stated": "Previous rank as printed", "prev_share_of_clps_pct": "Share of nominating CLPs last time (%)",
    "status": "Status", "origin": "Origin",
    # shares
    "share_of_clps_pct": "Share of nominating CLPs (%)", "share_pct": "Share (%)",
    "share_of_nominations_pct": "Share of nominations (%)", "prev_share_pct": "Share last time (%)",
    "change_pts": "Change (points)", "nominations_share_pct": "Share of nominations (%)",
    "votes_share_pct": "Share of votes (%)", "seats_share_pct": "Share of seats (%)",
    "women_pct_at_least": "Women, at least (%)", "women_pct_at_most": "Women, at most (%)",
    "women_pct_of_known": "Women, of those whose gender is stated (%)",
    "denominator": "Shares out of", "nominations_denominator": "Shares out of",
    "denominator_value": "Total of nominations", "nominations_denominator_value": "Total of nominations",
    "figures": "Figures used", "results_partial": "Results list partial",
    "printed_share": "Share as printed",
    # totals
    "voting_system": "Voting system", "n_candidates": "Candidates", "n_elected": "Elected",
    "turnout_pct_stated": "Turnout (%)", "turnout_pct": "Turnout", "elected_known": "Winners named",
    "poll_topper": "Topped the poll", "top_votes": "Poll-topper's votes", "seats_by_slate": "Seats by slate",
    "women_elected": "Women elected", "times": "Times", "years": "Years",
    "stated": "Stated", "approximate": "Approximate", "derived": "From the data", "difference": "Difference",
    # regions
    "unit_name": "Candidate or slate", "region": "Region code", "region_name": "Region",
    "clps_in_region": "Seats in region", "clps": "Nominating CLPs", "per_100_clps": "Per 100 seats",
    "n_regions": "Regions", "top_region": "Top region", "top_region_pct": "From the top region (%)",
    "effective_regions": "As spread as N equal regions", "dissimilarity_pct": "Mismatch with seats (%)",
}


def column_heading(column: object) -> str:
    """The heading of a column a page shows: its declared heading (``HEADINGS``), a name column
    (``candidate_id_man`` → 'Man'), or the text itself where it is already in reader words."""
    text = str(column)
    if text in HEADINGS:
        return HEADINGS[text]
    if text.startswith("candidate_id_"):
        return column_heading(text.removeprefix("candidate_id_"))
    return text[:1].upper() + text[1:].replace("_", " ")


def candidate_href(candidate_id: object, prefix: str = "../") -> str:
    """The address of a candidate's page, relative to a year's folder (``prefix=""``: the site root)."""
    slug = re.sub(r"[^a-z0-9-]+", "-", str(candidate_id).lower()).strip("-") or "unnamed"
    return f"{prefix}candidates/{slug}.html"


# --- words in a table cell --------------------------------------------------------------
#: A true or false value in a table cell ('Yes', 'No'), from the vocabulary.
YES_NO_WORDS = {code == "yes": label for code, label in _labels(YES_NO).items()}
#: A cell whose value no source gives, where a dash would read as 'nothing' (an outcome, a past).
NOT_KNOWN = "Not known"
#: One person's gender in a table cell (the vocabulary's labels are plural, for counts).
GENDER_WORDS = {"F": "Woman", "M": "Man"}
#: Columns whose cells are text as a source printed it (a slate label, a title, a figure with its
#: note) or a name: shown exactly as they are, never re-cased.
AS_PRINTED = frozenset({"label", "slate_labels", "display_name", "name", "unit_name", "publisher", "title",
                        "value_a", "value_b", "home_region_source", "description"})


def yes_no(value: object) -> str:
    """'Yes' for a true value, 'No' for a false one, 'Not known' where the data have none."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return NOT_KNOWN
    return YES_NO_WORDS[bool(value)]


def gender_words(code: object) -> str:
    """'Woman', 'Man' or 'Not stated' (no source states it) for one person's gender code."""
    return GENDER_WORDS.get(code, GENDER_NOT_STATED.label) if isinstance(code, str) or pd.isna(code) else str(code)


def cell_words(text: str, column: object = None) -> str:
    """A word or phrase in a table cell as a reader expects it: a capital first letter, as a cell
    starts ('Not elected', 'At least 2 of 6', 'Block vote'); a cell of ``AS_PRINTED`` text as it is."""
    return text if str(column) in AS_PRINTED else cap(text)
