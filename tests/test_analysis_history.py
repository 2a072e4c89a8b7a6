"""Cross-year analyses (nec_analysis.analysis.history) on the synthetic elections of test_analysis."""

from __future__ import annotations

import pandas as pd
import test_analysis
from test_analysis import _cand, _frame, _res

from nec_analysis.analysis import history as H

t = test_analysis.t  # the synthetic elections fixture of test_analysis, shared


def test_candidate_record_has_every_election_in_order(t):
    rec = H.candidate_record(t, "a")
    assert list(rec.table["election_id"]) == ["2000-clp", "2002-clp"]
    first = rec.table.iloc[0]
    assert (first["nominations"], first["nomination_rank"], first["votes"], first["position"]) == (8, 1, 100, 1)
    assert first["share_of_clps_pct"] == 80.0  # 8 of the 10 CLPs that nominated
    second = rec.table.iloc[1]
    assert pd.isna(second["votes"]) and bool(second["elected"])  # STV, outcomes only
    assert any("no vote figure is published for A" in n for n in rec.notes)


def test_candidate_record_of_nobody_says_so(t):
    rec = H.candidate_record(t, "zz")
    assert rec.table.empty and rec.notes == ["No candidacy of zz is recorded in the data."]


def test_records_keep_slate_labels_as_printed(t):
    t = dict(t)
    t["slate_labels"] = _frame("slate_labels", [
        dict(election_id="2000-clp", candidate_id="a", label="Left Slate", slate_family="grassroots_left",
             source_id="s1"),
        dict(election_id="2000-clp", candidate_id="a", label="CLGA", slate_family="grassroots_left", source_id="s2")])
    rec = H.records(t).table.set_index(["candidate_id", "election_id"])
    assert rec.loc[("a", "2000-clp"), "slate_labels"] == "Left Slate / CLGA"
    assert pd.isna(rec.loc[("b", "2000-clp"), "slate_labels"])


def test_runs_of_defeats_and_poll_toppings(t):
    t = dict(t)
    # 2004: b defeated again (a third defeat in a row); a tops the poll again
    t["elections"] = pd.concat([t["elections"], _frame("elections", [dict(
        election_id="2004-clp", year=2004, section="clp", election_type="regular", seats=1)])], ignore_index=True)
    t["candidacies"] = pd.concat([t["candidacies"], _frame("candidacies", [
        _cand("2004-clp", "a", "grassroots_left", True, True), _cand("2004-clp", "b", "labour_right", False, False)])],
        ignore_index=True)
    t["results"] = pd.concat([t["results"], _frame("results", [
        _res("2004-clp", "a", 10, True, 1), _res("2004-clp", "b", 5, False, 2)])], ignore_index=True)
    out = H.runs(t).table.set_index(["candidate_id", "kind"])
    assert out.loc[("b", "defeats"), "length"] == 3
    assert out.loc[("b", "defeats"), "elections"] == "2000-clp 2002-clp 2004-clp"
    # a topped the poll in 2000 and 2004, but 2002 published no places: no run of two
    assert ("a", "poll_toppings") not in out.index


def test_replacements_name_both_sides(t):
    rep = H.replacements(t, "2000-clp")
    assert rep.table[["left_name", "replaced_by_name"]].values.tolist() == [["B", "C"]]
    assert not rep.table["paired_by_place"].any()
    unknown = H.replacements(t, "2002-local_government")
    assert unknown.table.empty and "who already held a seat is not known" in unknown.notes[0]
    assert list(unknown.table.columns) == H.REPLACEMENT_COLUMNS


def test_all_replacements_cover_both_sections_and_say_where_unknown(t):
    out = H.all_replacements(t)
    assert set(out.table["election_id"]) == {"2000-clp", "2002-clp"}
    y2002 = out.table[out.table["election_id"] == "2002-clp"].iloc[0]  # c did not stand again: e took a free seat
    assert pd.isna(y2002["left_name"]) and y2002["replaced_by_name"] == "E"
    assert "the 2002 local-government-section election" in out.notes[0]


def test_history_runs_with_no_candidacies_at_all(t):
    t = dict(t)
    t["candidacies"] = t["candidacies"].iloc[0:0]
    t["results"] = t["results"].iloc[0:0]
    assert H.records(t).table.empty and H.records(t).notes
    assert H.runs(t).table.empty
    assert H.all_replacements(t).table.empty
