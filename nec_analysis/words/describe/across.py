"""A section across the years, in words: the findings of its cross-year page.

Made from :mod:`nec_analysis.analysis.across`; each sentence says what is not known
("at least", "where a source states it", "of the winners the sources name").
"""

from __future__ import annotations

import pandas as pd

from ...analysis.core import Tables, names
from ..format import at_least, join_names, pct, plural
from ..labels import family_short

#: A section as the cross-year page names it: (title words, 'the CLP section', seat words).
SECTION_WORDS = {
    "clp": ("CLP section", "the constituency (CLP) section", "CLP seats"),
    "local_government": ("Local-government section", "the local-government section", "local-government seats"),
}
_TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times"}


def section_words(section: str) -> tuple[str, str, str]:
    """(title, name in a sentence, seats) for ``section``."""
    return SECTION_WORDS.get(section, (section.replace("_", " ").capitalize(), f"the {section} section", "seats"))


def span(history: pd.DataFrame) -> str:
    """'from 2000 to 2022', or 'in 2014' for one year."""
    years = sorted(set(history["year"]))
    return f"in {years[0]}" if len(years) == 1 else f"from {years[0]} to {years[-1]}"


def describe_seats(seats: pd.DataFrame, history: pd.DataFrame, section: str) -> list[str]:
    """Which slate won most seats across the years, and what the sources leave out."""
    if seats.empty:
        return [f"No source in the data names a winner in {section_words(section)[1]}."]
    by = seats.groupby("slate_family")["elected"].sum().sort_values(ascending=False)
    named = int(by.sum())
    filled = int(history["seats"].fillna(0).sum())
    known = by.drop(labels=["unknown", "contested"], errors="ignore")
    n = len(history)
    scope = f"{plural(n, 'election')} {span(history)}"
    if known.empty:
        return [f"No source states the slate of any winner of the {n} {section_words(section)[2]} "
                f"elections {span(history)}."]
    top = known.index[0]
    ties = [f for f in known.index if known[f] == known.iloc[0]]
    unknown = named - int(known.sum())
    who = (join_names([family_short(f) for f in ties]) + " candidates each" if len(ties) > 1
           else f"{family_short(top)} candidates")
    seats_words = section_words(section)[2]
    whose = f"{seats_words} whose winners the sources name" if named < filled else f"{seats_words} filled"
    out = [f"{who[:1].upper() + who[1:]} won {at_least(int(known.iloc[0]), unknown)} of the {named} {whose}, "
           f"{span(history)}."]
    rest = [f"{family_short(f)} {int(known[f])}" for f in known.index if f not in ties]
    more = f"{filled} seats were filled in {scope}" + ("; " if rest or unknown else ".")
    if rest:
        more += "the others went to " + ", ".join(rest) + (f", and {plural(unknown, 'winner')} whose slate no source "
                                                           "states." if unknown else ".")
    elif unknown:
        more += f"no source states the slate of {plural(unknown, 'winner')}."
    out.append(more)
    return out


def describe_toppers(tables: Tables, history: pd.DataFrame, toppers: pd.DataFrame) -> list[str]:
    """Who topped the poll, and how often, where a source states it or a complete table shows it."""
    regular = history[history["election_type"] == "regular"]
    if toppers.empty:
        return ["No source here says who topped the poll, and no complete table of votes shows it."]
    who = names(tables)
    parts = [f"{who.get(c, c)} {_TIMES.get(int(t), f'{int(t)} times')} ({y})"
             for c, t, y in toppers[["candidate_id", "times", "years"]].itertuples(index=False)]
    unknown = regular[regular["poll_topper"].isna()]
    tail = ("" if unknown.empty else f"; not known for {join_names(map(str, unknown['year']))}, where no source "
            "says who came first and the published votes cannot show it")
    return ["Topped the poll: " + "; ".join(parts) + tail + "."]


def describe_threshold(history: pd.DataFrame, section: str) -> list[str]:
    """The votes the last elected candidate needed, lowest and highest (regular elections)."""
    have = history[(history["election_type"] == "regular") & history["threshold_votes"].notna()]
    if have.empty:
        return ["No regular election here has votes published for every winner, so the winning threshold "
                "is not known."]
    seat = section_words(section)[2][:-1]
    if len(have) == 1:
        r = have.iloc[0]
        return [f"The last {seat} went for {int(r['threshold_votes']):,} votes in {r['year']}, the only "
                "regular election here with every winner's votes published."]
    lo = have.loc[have["threshold_votes"].astype(float).idxmin()]
    hi = have.loc[have["threshold_votes"].astype(float).idxmax()]
    return [f"The last {seat} went for as few as {int(lo['threshold_votes']):,} votes ({lo['year']}) and as "
            f"many as {int(hi['threshold_votes']):,} ({hi['year']}), in the {len(have)} regular elections "
            "with every winner's votes published."]


def describe_turnout(history: pd.DataFrame) -> list[str]:
    """Turnout where a source states it."""
    have = history[history["turnout_pct"].notna()]
    if have.empty:
        return ["No source in the data states a turnout for this section."]

    def one(r: pd.Series) -> str:
        return f"{'about ' if r['turnout_approximate'] is True else ''}{pct(float(r['turnout_pct']))} in {r['year']}"

    missing = len(history) - len(have)
    tail = ("" if not missing else " No source states it for the other election." if missing == 1
            else f" No source states it for the other {missing} elections.")
    if len(have) == 1:
        return [f"Turnout is stated for one election: {one(have.iloc[0])}.{tail}"]
    lo = have.loc[have["turnout_pct"].astype(float).idxmin()]
    hi = have.loc[have["turnout_pct"].astype(float).idxmax()]
    return [f"Turnout, where a source states it, ranged from {one(lo)} to {one(hi)}.{tail}"]


def describe_women(history: pd.DataFrame) -> list[str]:
    """Women among the winners the sources name ('at least' where genders are not stated)."""
    named = int(history["elected_known"].sum())
    if not named:
        return []
    women = int(history["women_elected"].sum())
    unknown = int(history["elected_gender_unknown"].sum())
    out = f"{at_least(women, unknown).capitalize()} of the {named} winners the sources name were women"
    return [out + (f"; no source states the gender of {unknown}." if unknown else ".")]


def describe_section(tables: Tables, section: str, history: pd.DataFrame, seats: pd.DataFrame,
                     toppers: pd.DataFrame) -> list[str]:
    """Every finding of the section's cross-year page, the main one (seats by slate) first."""
    if history.empty:
        return [f"No election of {section_words(section)[1]} is in the data."]
    return (describe_seats(seats, history, section) + describe_toppers(tables, history, toppers)
            + describe_threshold(history, section) + describe_women(history) + describe_turnout(history))
