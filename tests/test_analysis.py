"""Unit tests of nec_analysis.analysis on small synthetic tables (hand-computed answers),
plus a smoke test that every analysis runs on every election in data/processed/."""

from __future__ import annotations

import inspect
import math
import re

import pandas as pd
import pytest

from nec_analysis import analysis as A
from nec_analysis.io import coerce, processed_dir
from nec_analysis.tables import COLUMNS


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows).reindex(columns=COLUMNS[name]), name)


def _nom(eid, cid, n, sid, preferred, origin="table", status="final", rank=None):
    return dict(election_id=eid, candidate_id=cid, nominations=n, rank_stated=rank, status=status,
                source_id=sid, origin=origin, preferred=preferred)


def _cand(eid, cid, slate, inc, elected, on_ballot=True):
    return dict(election_id=eid, candidate_id=cid, slate_family=slate, incumbent=inc,
                on_ballot=on_ballot, elected=elected)


def _res(eid, cid, votes, elected, pos):
    return dict(election_id=eid, candidate_id=cid, votes=votes, elected=elected, position=pos,
                source_id="r", preferred=True)


@pytest.fixture()
def t() -> dict[str, pd.DataFrame]:
    """2000-clp (block, 2 seats, votes, two nomination sources), 2002-clp (STV, outcomes only,
    per-body lists), 2002-local_government (votes only) and a 2001 by-election."""
    el = [dict(election_id="2000-clp", year=2000, section="clp", election_type="regular", seats=2,
               voting_system="block", nominations_total_summed=20, nominations_total_stated=21,
               clps_nominating_stated=10),
          dict(election_id="2001-clp-by-election", year=2001, section="clp", election_type="by-election",
               seats=1),
          dict(election_id="2002-clp", year=2002, section="clp", election_type="regular", seats=2,
               voting_system="stv", ballot_threshold=2, clps_nominating_stated=12),
          dict(election_id="2002-local_government", year=2002, section="local_government",
               election_type="regular", seats=1)]
    people = [dict(candidate_id=c, display_name=c.upper(), gender=g)
              for c, g in [("a", "F"), ("b", "M"), ("c", None), ("d", "F"), ("e", "M"), ("f", "F"),
                           ("g", "F"), ("h", None)]]
    src = [dict(source_id=s, publisher=p, published="2000", status=st, as_of="2000", partial=False,
                truncated=False) for s, p, st in [("s1", "Pub One", "final"), ("s2", "Pub Two", "final"),
                                                   ("s3", "Pub Three", "final"), ("s4", "Pub Four", "interim")]]
    noms = [_nom("2000-clp", c, n, "s1", True) for c, n in [("a", 8), ("b", 6), ("c", 3), ("d", 2), ("f", 1)]]
    noms += [_nom("2000-clp", c, n, "s2", False) for c, n in [("a", 8), ("b", 5), ("c", 6), ("d", 2), ("f", 1)]]
    noms += [_nom("2000-clp", "b", 7, "s3", False, origin="bracket", rank=1)]
    noms += [_nom("2002-clp", c, n, "s3", True) for c, n in [("a", 9), ("b", 4), ("e", 5)]]
    noms += [_nom("2002-clp", c, n, "s4", False, status="interim") for c, n in [("a", 3), ("c", 1), ("b", 2), ("e", 3)]]
    bodies = {"a": "XYZ", "c": "X", "b": "PQ", "e": "PQR"}
    clp = [dict(election_id="2002-clp", candidate_id=c, body=f"{b} CLP", body_type="clp", status="interim",
                as_of="2002-05", source_id="s4") for c, bs in bodies.items() for b in bs]
    cands = [_cand("2000-clp", *r) for r in [("a", "grassroots_left", True, True), ("b", "labour_right", True, False),
                                               ("c", "grassroots_left", False, True), ("d", "independent", False, False),
                                               ("f", "labour_right", False, False)]]
    cands += [_cand("2002-clp", *r) for r in [("a", "grassroots_left", True, True), ("b", "labour_right", False, False),
                                                ("e", "labour_right", False, True)]]
    cands += [_cand("2002-clp", "c", "grassroots_left", None, None, on_ballot=None)]
    cands += [_cand("2002-local_government", c, "unknown", None, el_) for c, el_ in [("g", True), ("h", False)]]
    cands += [_cand("2001-clp-by-election", c, "unknown", None, el_) for c, el_ in [("d", True), ("e", False)]]
    res = [_res("2000-clp", *r) for r in [("a", 100, True, 1), ("c", 90, True, 2), ("b", 80, False, 3),
                                           ("d", 10, False, 4), ("f", 5, False, 5)]]
    res += [_res("2002-clp", c, None, e, None) for c, e in [("a", True), ("e", True), ("b", False)]]
    res += [_res("2002-local_government", *r) for r in [("g", 30, True, 1), ("h", 20, False, 2)]]
    res += [_res("2001-clp-by-election", *r) for r in [("d", 50, True, 1), ("e", 40, False, 2)]]
    totals = [dict(election_id="2000-clp", measure="nominations_total", value=21, source_id="s1", preferred=True)]
    return {"elections": _frame("elections", el), "candidates": _frame("candidates", people),
            "sources": _frame("sources", src), "nominations": _frame("nominations", noms),
            "clp_nominations": _frame("clp_nominations", clp), "candidacies": _frame("candidacies", cands),
            "results": _frame("results", res), "totals": _frame("totals", totals),
            "slate_labels": _frame("slate_labels", []), "discrepancies": _frame("discrepancies", [])}


def _by(frame: pd.DataFrame, key: str = "candidate_id") -> pd.DataFrame:
    return frame.set_index(key)


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("x,expected", [(0.5, 1), (2.5, 3), (1.49, 1), (-0.4, 0), (54.61, 55)])
def test_round_half_up(x, expected):
    assert A.round_half_up(x) == expected


def test_round_half_up_keeps_na():
    assert math.isnan(A.round_half_up(float("nan")))


def test_competition_rank_shares_ties():
    assert A.competition_rank(pd.Series([5, 9, 5, 1])).tolist() == [2, 1, 2, 4]


def test_previous_election(t):
    assert A.previous_election(t, "2002-clp") == "2000-clp"
    assert A.previous_election(t, "2000-clp") is None
    assert A.previous_election(t, "2001-clp-by-election") is None
    assert A.previous_election(t, "2002-local_government") is None


# --------------------------------------------------------------------------- nominations


def test_nomination_figures_preferred_and_by_source(t):
    pref = _by(A.nomination_figures(t, "2000-clp").table)["nominations"]
    assert pref["c"] == 3
    own = _by(A.nomination_figures(t, "2000-clp", "s2").table)["nominations"]
    assert own["c"] == 6
    bracket = A.nomination_figures(t, "2000-clp", "s3").table  # s3 printed 2000 only in brackets
    assert bracket["candidate_id"].tolist() == ["b"] and (bracket["origin"] == "bracket").all()


def test_nomination_shares_of_clps_and_of_nominations(t):
    res = A.nomination_shares(t, "2000-clp")
    a = _by(res.table).loc["a"]
    assert a["share_of_clps_pct"] == pytest.approx(80.0)          # 8 of 10 CLPs
    assert a["share_of_nominations_pct"] == pytest.approx(800 / 21)  # stated total 21
    assert any("21" in n and "20" in n for n in res.notes)          # says stated vs summed
    summed = _by(A.nomination_shares(t, "2000-clp", denominator="summed").table).loc["a"]
    assert summed["share_of_nominations_pct"] == pytest.approx(40.0)  # 8 of 20


def test_nomination_shares_rank_by_source(t):
    pref = _by(A.nomination_shares(t, "2000-clp").table)["rank"]
    own = _by(A.nomination_shares(t, "2000-clp", "s2").table)["rank"]
    assert (pref["c"], own["c"]) == (3, 2)


def test_nomination_shares_change_on_previous_cycle(t):
    table = _by(A.nomination_shares(t, "2002-clp").table)
    assert table.loc["a", "change_pts"] == pytest.approx(9 / 12 * 100 - 80)
    assert table.loc["a", "change_places"] == 0
    assert table.loc["b", "change_places"] == -1       # 2nd in 2000, 3rd in 2002
    assert pd.isna(table.loc["e", "prev_rank"])        # did not stand in 2000


def test_nomination_shares_use_the_sources_bracketed_figures(t):
    table = _by(A.nomination_shares(t, "2002-clp", "s3").table)
    assert table.loc["b", "prev_nominations"] == 7     # s3's bracket, not the preferred 6
    assert table.loc["b", "prev_rank"] == 2            # recomputed: 7 is still behind a's 8
    assert table.loc["b", "prev_rank_stated"] == 1     # what s3 printed


def test_stated_denominator_falls_back_to_summed_with_a_note(t):
    res = A.nomination_shares(t, "2002-clp")
    assert (res.table["denominator"] == "summed").all()
    assert (res.table["denominator_value"] == 18).all()
    assert any("no total of nominations was published" in n for n in res.notes)


def test_bad_denominator_is_refused(t):
    with pytest.raises(ValueError):
        A.nomination_shares(t, "2000-clp", denominator="guess")


def test_slate_nomination_shares(t):
    table = _by(A.slate_nomination_shares(t, "2000-clp", denominator="summed").table, "slate_family")
    assert table.loc["grassroots_left", "nominations"] == 11
    assert table.loc["grassroots_left", "share_pct"] == pytest.approx(55.0)
    assert table["share_pct"].sum() == pytest.approx(100.0)
    nxt = _by(A.slate_nomination_shares(t, "2002-clp", denominator="summed").table, "slate_family")
    assert nxt.loc["labour_right", "change_pts"] == pytest.approx(9 / 18 * 100 - 7 / 20 * 100)


def test_claim_under_each_source(t):
    out = A.claim_under_each_source(t, "2000-clp", lambda tb: int(_by(tb).loc["c", "rank"]),
                                    denominators=("stated",))
    assert dict(zip(out["figures"], out["value"])) == {"preferred": 3, "s1": 3, "s2": 2}


def test_rank_differences(t):
    diffs = A.rank_differences(t, "2000-clp").table
    assert set(diffs["candidate_id"]) == {"b", "c"}


# --------------------------------------------------------------------------- slates


def test_slate_summary_votes_and_seats(t):
    s = _by(A.slate_summary(t, "2000-clp").table, "slate_family")
    left = s.loc["grassroots_left"]
    assert (left["candidates"], left["elected"], left["votes"]) == (2, 2, 190)
    assert left["votes_per_seat"] == pytest.approx(95)
    assert left["votes_share_pct"] == pytest.approx(190 / 285 * 100)
    assert pd.isna(s.loc["labour_right", "votes_per_seat"])  # no seat won


def test_slate_summary_without_votes_says_so(t):
    res = A.slate_summary(t, "2002-clp")
    assert res.table["votes"].isna().all()
    assert any("no vote figures" in n for n in res.notes)


def test_slate_mates(t):
    table = _by(A.slate_mates(t, "2000-clp").table)
    assert table.loc["c", "place_in_slate"] == 2
    assert table.loc["a", "votes_vs_mates_pct"] == pytest.approx(100 / 90 * 100)
    assert "d" not in table.index  # independent: no slate-mates


# --------------------------------------------------------------------------- gender


def test_gender_summary_counts_unknown_never_imputes(t):
    g = A.gender_summary(t, ["2000-clp"]).table.set_index("group")
    assert g.loc["candidates", ["n", "women", "men", "unknown"]].tolist() == [5, 3, 1, 1]
    assert g.loc["elected", ["n", "women", "men", "unknown"]].tolist() == [2, 1, 0, 1]
    # 1 woman and 1 unknown elected: between 50% and 100% women; no "100% of known" claim
    assert g.loc["elected", ["women_pct_at_least", "women_pct_at_most"]].tolist() == [50.0, 100.0]
    assert pd.isna(g.loc["elected", "women_pct_of_known"])


def test_gender_summary_year_scope_joins_sections(t):
    g = A.gender_summary(t, ["2002-clp", "2002-local_government"]).table
    year = g[(g["scope"] == "2002 all sections") & (g["group"] == "elected")].iloc[0]
    assert (year["n"], year["women"], year["men"]) == (3, 2, 1)


def test_gender_by_slate(t):
    g = A.gender_summary(t, ["2000-clp"], by_slate=True).table
    right = g[(g["slate_family"] == "labour_right") & (g["group"] == "candidates")].iloc[0]
    assert (right["women"], right["men"]) == (1, 1)


def test_men_above_women_on_slate(t):
    res = A.men_above_women_on_slate(t, "2000-clp")
    assert res.table[["candidate_id_man", "candidate_id_woman"]].values.tolist() == [["b", "f"]]
    assert any("C" in n for n in res.notes)  # c's gender is unknown and said so


def test_gender_within_slates(t):
    g = A.gender_within_slates(t, "2000-clp").table.set_index(["slate_family", "gender"])
    assert g.loc[("labour_right", "M"), "mean_position"] == 3
    assert g.loc[("grassroots_left", "unknown"), "candidates"] == 1


# --------------------------------------------------------------------------- incumbency


def test_incumbency_and_replacements(t):
    row = A.incumbency(t, "2000-clp").table.iloc[0]
    assert (row["incumbents_standing"], row["re_elected"], row["defeated"], row["newly_elected"]) == (2, 1, 1, 1)
    assert row["reelection_rate_pct"] == pytest.approx(50)
    rep = A.replacements(t, "2000-clp").table
    assert rep[["left", "replaced_by"]].values.tolist() == [["b", "c"]]


def test_incumbency_unknown_is_not_a_rate(t):
    res = A.incumbency(t, "2001-clp-by-election")
    assert math.isnan(res.table.iloc[0]["reelection_rate_pct"])
    assert res.notes
    assert A.replacements(t, "2001-clp-by-election").table.empty


# --------------------------------------------------------------------------- nominations vs votes


def test_nominations_vs_votes(t):
    table = _by(A.nominations_vs_votes(t, "2000-clp").table)
    assert table.loc["c", "places_gained"] == 1 and table.loc["c", "performance"] == "over"
    assert table.loc["b", "performance"] == "under"
    assert table.loc["a", "votes_per_nomination"] == pytest.approx(12.5)


def test_rank_correlation_hand_computed(t):
    row = A.rank_correlation(t, "2000-clp").table.iloc[0]
    assert row["spearman_rho"] == pytest.approx(1 - 6 * 2 / (5 * (25 - 1)))  # ranks differ by 1 twice


def test_rank_correlation_without_votes_says_why(t):
    res = A.rank_correlation(t, "2002-clp")
    assert res.table.empty and any("no vote figures" in n for n in res.notes)


def test_top_n_elected_with_and_without_votes(t):
    first = A.top_n_elected(t, "2000-clp").table
    assert int(((first["in_top_n"] == True) & (first["elected"] == True)).sum()) == 1  # noqa: E712
    stv = A.top_n_elected(t, "2002-clp").table
    assert set(stv.loc[stv["in_top_n"] == True, "candidate_id"]) == {"a", "e"}  # noqa: E712
    assert (stv["elected"] == True).all()  # noqa: E712


def test_winning_margins(t):
    m = A.winning_margins(t).table.set_index("election_id")
    assert m.loc["2000-clp", ["last_elected", "threshold_votes", "first_loser", "margin"]].tolist() == [
        "c", 90, "b", 10]
    assert "2002-clp" not in m.index


# --------------------------------------------------------------------------- totals


def test_stated_vs_derived(t):
    sd = A.stated_vs_derived(t, "2000-clp").table.set_index("measure")
    assert (sd.loc["nominations_total", "stated"], sd.loc["nominations_total", "derived"]) == (21, 20)
    assert sd.loc["votes_total", "derived"] == 285


# --------------------------------------------------------------------------- co-nomination


def test_co_nomination_jaccard(t):
    long = A.co_nomination(t, "2002-clp").table.set_index(["candidate_a", "candidate_b"])
    assert long.loc[("b", "e"), "jaccard"] == pytest.approx(2 / 3)
    assert long.loc[("a", "c"), "jaccard"] == pytest.approx(1 / 3)
    assert long.loc[("a", "b"), "jaccard"] == 0
    mat = A.co_nomination_matrix(t, "2002-clp")
    assert (mat.to_numpy() == mat.to_numpy().T).all()


def test_infer_slates_recovers_declared_slates(t):
    res = A.infer_slates(t, "2002-clp", k=2, min_bodies=1)
    cl = _by(res.table)["cluster"]
    assert cl["a"] == cl["c"] and cl["b"] == cl["e"] and cl["a"] != cl["b"]
    assert any("100.0% of pairs" in n for n in res.notes)


def test_rand_index():
    assert A.rand_index([1, 1, 2], ["x", "x", "y"]) == 1.0
    assert A.rand_index([1, 1, 1], ["x", "y", "z"]) == 0.0


def test_ballot_threshold_status(t):
    st = _by(A.ballot_threshold_status(t, "2002-clp", "s4").table)
    assert st["reached"].to_dict() == {"a": True, "e": True, "b": True, "c": False}
    assert st.loc["e", "bodies_listed"] == 3


def test_no_threshold_means_unknown(t):
    res = A.ballot_threshold_status(t, "2000-clp")
    assert res.table["reached"].isna().all() and res.notes


def test_no_body_data_says_so(t):
    res = A.co_nomination(t, "2000-clp")
    assert res.table.empty and "one by one" in res.notes[0]
    assert A.infer_slates(t, "2000-clp").table.empty


# --------------------------------------------------------------------------- findings


@pytest.mark.parametrize("eid", ["2000-clp", "2001-clp-by-election", "2002-clp", "2002-local_government"])
def test_findings_are_sentences_for_every_election(t, eid):
    out = A.findings(eid, t)
    assert out and all(isinstance(s, str) and s.endswith(".") for s in out)


def test_findings_come_from_the_data(t):
    before = A.findings("2000-clp", t)
    assert any("C was replaced by" in s or "B was replaced by C" in s for s in before)
    t["results"].loc[t["results"]["candidate_id"] == "c", "votes"] = 95
    after = A.findings("2000-clp", t)
    assert any("95 votes" in s for s in after) and before != after


def test_findings_for_unknown_election(t):
    assert "no election '1999-clp' in the data" in A.findings("1999-clp", t)[0]


# --------------------------------------------------------------------------- plain English

#: What must not reach a reader: election ids, code identifiers (snake_case, source ids),
#: keyword arguments, "(s)" plurals, and "1 seats"-style disagreement.
NOT_PLAIN = re.compile(r"\b\d{4}-(clp|local_government)\b|\b\w+_\w+\b|\w=|\(s\)"
                       r"|\b1 (candidates|seats|places|votes|nominations|incumbents)\b"
                       r"|\b([02-9]|\d{2,}) (candidate|seat|place|vote|nomination|incumbent)\b")


def _not_plain(sentences: list[str]) -> list[str]:
    return [s for s in sentences if NOT_PLAIN.search(s) or not s[:1].isupper() or not s.endswith(".")]


def test_plain_english_check_can_fail():
    assert _not_plain(["2014-clp: 2 seat(s) went to grassroots_left.", "1 seats changed."]) == [
        "2014-clp: 2 seat(s) went to grassroots_left.", "1 seats changed."]
    assert _not_plain(["In the 2014 CLP-section election, 1 seat changed hands."]) == []


@pytest.mark.parametrize("eid", ["2000-clp", "2001-clp-by-election", "2002-clp", "2002-local_government"])
def test_findings_read_as_plain_english(t, eid):
    out = A.findings(eid, t)
    assert out and _not_plain(out) == []
    assert any(A.election_name(t, eid) in s for s in out)


# --------------------------------------------------------------------------- real data


REAL = processed_dir() / "elections.csv"
REAL_IDS = list(pd.read_csv(REAL)["election_id"]) if REAL.is_file() else []

def _public(module_name: str) -> dict[str, object]:
    import importlib

    mod = importlib.import_module(module_name)
    return {name: f for name, f in inspect.getmembers(mod, inspect.isfunction)
            if f.__module__ == mod.__name__ and not name.startswith("_")
            and list(inspect.signature(f).parameters)[:2] == ["tables", "election_id"]
            and inspect.signature(f).return_annotation in ("Result", "list[str]")}


#: Every public analysis (topic modules of nec_analysis.analysis) and sentence maker
#: (nec_analysis.words.describe) that takes (tables, election_id) and returns a Result or sentences.
FUNCTIONS = {f"{mod.removeprefix('nec_analysis.')}.{name}": f
             for mod in ([f"nec_analysis.analysis.{t}" for t in (*A.TOPICS, "history")]
                         + [f"nec_analysis.words.describe.{t}" for t in A.TOPICS])
             for name, f in _public(mod).items()}
PER_ELECTION = sorted(FUNCTIONS)


@pytest.fixture(scope="module")
def real() -> dict[str, pd.DataFrame]:
    from nec_analysis.io import load_tables

    return load_tables()


def test_every_public_analysis_is_covered():
    """The list is discovered, not typed: a new analysis joins the run below by itself."""
    assert {"nomination_shares", "slate_summary", "infer_slates", "describe_totals", "top_n_elected",
            "ballot_threshold_status", "rank_differences", "nomination_figures",
            "replacements"} <= {name.rsplit(".", 1)[1] for name in PER_ELECTION}
    assert "analysis.history.replacements" in PER_ELECTION


@pytest.mark.skipif(not REAL_IDS, reason="data/processed not built yet")
@pytest.mark.parametrize("eid", REAL_IDS)
@pytest.mark.parametrize("name", PER_ELECTION)
def test_every_analysis_runs_for_every_election_in_the_data(real, name, eid):
    """No exception; what cannot be computed comes with a plain-language note saying why."""
    out = FUNCTIONS[name](real, eid)
    if isinstance(out, A.Result):
        if out.table.empty:
            assert out.notes, f"{name}({eid}): empty without a reason"
        assert _not_plain(out.notes) == [], name
    else:
        assert out, f"{name}({eid}): no sentence at all"
        assert _not_plain(out) == [], name


@pytest.mark.skipif(not REAL_IDS, reason="data/processed not built yet")
@pytest.mark.parametrize("eid", REAL_IDS)
def test_cross_election_analyses_and_findings_for_every_election(real, eid):
    for res in (A.gender_summary(real, [eid]), A.gender_summary(real, [eid], by_slate=True)):
        assert not res.table.empty or res.notes
        assert _not_plain(res.notes) == []
    out = A.findings(eid, real)
    assert out and _not_plain(out) == []


@pytest.mark.skipif(not REAL_IDS, reason="data/processed not built yet")
def test_analyses_across_every_election_run_on_the_real_data(real):
    """The analyses over all elections at once (computed once, not once per election)."""
    for res in (A.incumbency(real), A.winning_margins(real), A.rank_correlation(real), A.slate_summary(real),
                A.stated_vs_derived(real)):
        assert not res.table.empty or res.notes
        assert _not_plain(res.notes) == []


@pytest.mark.skipif(not REAL_IDS, reason="data/processed not built yet")
def test_2022_clp_says_plainly_what_cannot_be_computed(real):
    """2022: nominations and who was elected, but no votes (STV, figures not published)."""
    assert A.nominations_vs_votes(real, "2022-clp").table.empty
    text = " ".join(A.findings("2022-clp", real))
    assert "no vote figures were published" in text
    assert "8 of the top 9 by nominations were elected" in text  # computable without votes
    assert not A.infer_slates(real, "2022-clp").table.empty     # CLP-by-CLP lists exist


@pytest.mark.skipif(not REAL_IDS, reason="data/processed not built yet")
def test_elections_without_clp_lists_say_so(real):
    res = A.co_nomination(real, "2014-clp")
    assert res.table.empty and "no source lists the nominating CLPs one by one" in res.notes[0]
    assert res.notes == A.infer_slates(real, "2014-clp").notes
