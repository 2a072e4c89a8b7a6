"""Check that sentences agree with the tables shown beside them, and tables on one page with each other.

A *page* here is what a report page shows for one topic: the tables (by name) and the
sentences. :func:`numbers_not_in_tables` regenerates every number in every sentence from
those tables under the one rounding rule (``words.format.pct``); :func:`page_contradictions`
lists a measure that two tables of one page give different values for.
"""

from __future__ import annotations

import re

import pandas as pd

from nec_analysis import analysis as A
from nec_analysis.analysis.core import same_year
from nec_analysis.words import describe as D
from nec_analysis.words.format import round_half_up
from nec_analysis.words.labels import election_name, source_label

Shown = dict[str, pd.DataFrame]


def slates_page(tables, eid) -> tuple[Shown, list[str]]:
    shown = {"slate-summary": A.slate_summary(tables, eid).table,
             "slate-nomination-shares": A.slate_nomination_shares(tables, eid).table,
             "nominations": A.nomination_shares(tables, eid).table,  # the leader's figure, ranks
             "misprinted-votes": A.misprint_table(tables, eid)}  # the figures the withheld shares leave out
    return shown, D.describe_slates(tables, eid) + D.describe_nominations(tables, eid)


def gender_page(tables, eid) -> tuple[Shown, list[str]]:
    shown = {"gender-summary": A.gender_summary(tables, [eid, *same_year(tables, eid)]).table,
             "gender-within-slates": A.gender_within_slates(tables, eid).table}
    return shown, D.describe_gender(tables, eid)


def incumbency_page(tables, eid) -> tuple[Shown, list[str]]:
    shown = {"incumbency": A.incumbency(tables, eid).table, "outcomes": A.incumbent_outcomes(tables, eid).table}
    return shown, D.describe_incumbency(tables, eid)


def votes_page(tables, eid) -> tuple[Shown, list[str]]:
    shown = {"nominations-vs-votes": A.nominations_vs_votes(tables, eid).table,
             "rank-correlation": A.rank_correlation(tables, eid).table,
             "top-n": A.top_n_elected(tables, eid).table, "margins": A.winning_margins(tables, eid).table}
    return shown, D.describe_nominations_vs_votes(tables, eid)


PAGES = [slates_page, gender_page, incumbency_page, votes_page]

#: Measures two tables of one page both show: (key column, [(table, column), ...]).
SAME_MEASURE = [
    ("slate_family", [("slate-summary", "nominations"), ("slate-nomination-shares", "nominations")]),
    ("slate_family", [("slate-summary", "nominations_share_pct"), ("slate-nomination-shares", "share_pct")]),
]

_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(%|st|nd|rd|th)?(?![\w])")
_DATE = re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
                   r"November|December) \d{4}\b|\b(January|February|March|April|May|June|July|August|"
                   r"September|October|November|December) \d{4}\b")


#: The last tables' (elections frame, sources frame, names): every sentence of a run asks for the
#: same names, and putting each in words looks its row up (a few ms each, for ~70 names).
_NAMES_OF: list[tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, str]]]] = []


def _names(tables) -> list[tuple[str, str]]:
    """(election name or source label, its stand-in), in the order they are replaced."""
    el, src = tables["elections"], tables["sources"]
    if not (_NAMES_OF and _NAMES_OF[0][0] is el and _NAMES_OF[0][1] is src):
        names = [(election_name(tables, eid), "the election") for eid in el["election_id"]]
        names += [(source_label(tables, sid), "a source") for sid in src["source_id"]]
        _NAMES_OF[:] = [(el, src, names)]  # holding the frames keeps their ids from being reused
    return _NAMES_OF[0][2]


def _strip_names(text: str, tables) -> str:
    """Remove election names, source labels and dates (their digits are not figures)."""
    for name, stand_in in _names(tables):
        text = text.replace(name, stand_in)
    text = _DATE.sub("a date", text).replace("p < 0.001", "p below a thousandth")
    return re.sub(r"\b(19|20)\d\d\b", "a year", text)


def _by_election(df: pd.DataFrame) -> list[pd.DataFrame]:
    """A table listing several elections, split by election: a sentence about one election
    may count that election's rows ('none of the 5 people elected')."""
    col = next((c for c in ("election_id", "election", "scope") if c in df), None)
    if col is None or df[col].nunique() < 2:
        return []
    return [g for _, g in df.groupby(col, dropna=True)]


def _cells(shown: Shown) -> tuple[set[int], list[float]]:
    ints: set[int] = set()
    floats: list[float] = []
    for df in [part for df in shown.values() if df is not None for part in [df, *_by_election(df)]]:
        ints.add(len(df))
        for col in df.columns:
            s = pd.to_numeric(df[col], errors="coerce") if df[col].dtype != bool else df[col].astype(int)
            if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):  # a share kept as printed: '11.19%'
                printed = df[col].map(lambda v: v.removesuffix("%") if isinstance(v, str) and v.endswith("%") else None)
                s = s.fillna(pd.to_numeric(printed, errors="coerce"))
            s = s.dropna().astype(float)
            floats += list(s) + list(s.abs())  # "down 2.2 points" is a negative change
            ints |= {abs(int(round_half_up(v))) for v in s}
            if len(s) and all(float(v).is_integer() for v in s):
                ints.add(int(s.sum()))
    return ints, floats


def numbers_not_in_tables(sentences: list[str], shown: Shown, tables=None) -> list[str]:
    """Each number in ``sentences`` that no cell (or column total) of ``shown`` gives.

    ``54.5%`` must be some cell under the rounding rule (one decimal, half up) or a cell as
    printed; ``1,377`` / ``5th`` must be a whole-number cell (or a column total, or a row
    count); ``0.83`` a cell at that many decimals.
    """
    ints, floats = _cells(shown)
    bad = []
    for sentence in sentences:
        text = _strip_names(sentence, tables) if tables is not None else sentence
        for num, unit in _NUMBER.findall(text):
            value = num.replace(",", "")
            if unit == "%":
                ok = any(f"{round_half_up(v, 1):.1f}" == value or f"{v:g}" == value for v in floats)
            elif "." in value:
                places = len(value.split(".")[1])
                ok = any(f"{round_half_up(v, places):.{places}f}" == value for v in floats)
            else:
                ok = int(value) in ints
            if not ok:
                bad.append(f"{num}{unit or ''} in: {sentence}")
    return bad


def page_contradictions(shown: Shown) -> list[str]:
    """Measures two tables of the page give different values for (under the rounding rule)."""
    bad = []
    for key, pairs in SAME_MEASURE:
        (ta, ca), (tb, cb) = pairs
        a, b = shown.get(ta), shown.get(tb)
        if a is None or b is None or a.empty or b.empty or ca not in a or cb not in b:
            continue
        left = a.set_index(key)[ca].astype(float)
        right = b.set_index(key)[cb].astype(float)
        for k in left.index.intersection(right.index):
            x, y = round_half_up(left[k], 1), round_half_up(right[k], 1)
            if not (pd.isna(x) and pd.isna(y)) and x != y:
                bad.append(f"{key} {k}: {ta}.{ca} = {x} but {tb}.{cb} = {y}")
    return bad
