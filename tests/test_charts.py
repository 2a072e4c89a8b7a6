"""House chart style: elected marks from any boolean, alt text required, sentences escaped."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nec_analysis import charts
from nec_analysis import notebook as report
from nec_analysis.io import load_tables


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables()


@pytest.mark.parametrize("value, expected", [(True, True), (np.bool_(True), True), (np.bool_(False), False),
                                             (pd.NA, False), (None, False), (False, False)])
def test_is_yes_reads_every_kind_of_boolean(value: object, expected: bool) -> None:
    assert charts.is_yes(value) is expected


def test_candidate_bars_mark_exactly_the_elected(tables: dict[str, pd.DataFrame]) -> None:
    cand = report.candidate_table(tables, "2014-clp")
    assert cand["elected"].dtype.name == "boolean"  # numpy booleans reach the chart
    fig, alt = charts.candidate_bars(cand, "votes", "t", "s", "votes")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    charts.plt.close(fig)
    assert sum(lab.endswith("✓") for lab in labels) == 6
    assert "Ken Livingstone (elected), Grassroots left: 39,548" in alt
    assert "Peter Willsman (elected)" not in alt and "Peter Willsman, Grassroots left: 23,362" in alt


def test_a_chart_without_alt_text_is_refused() -> None:
    fig, _ax = charts.figure("A title", "a source")
    with pytest.raises(ValueError, match="alt text"):
        charts.figure_html(fig, "  ")
    charts.plt.close(fig)


def test_figure_html_escapes_alt_text() -> None:
    fig, _ax = charts.figure("A title", "a source")
    out = charts.figure_html(fig, 'Bars for "A & B" <script>')
    charts.plt.close(fig)
    assert 'alt="Bars for &quot;A &amp; B&quot; &lt;script&gt;"' in out


def test_dollar_signs_from_the_data_are_text_not_mathtext(tables: dict[str, pd.DataFrame]) -> None:
    cand = report.candidate_table(tables, "2014-clp")
    name = r"Ann $\notacommand{1}$ Lee $5"  # unbalanced and unknown mathtext: an error if parsed
    cand.loc[0, "display_name"] = name
    fig, alt = charts.candidate_bars(cand, "votes", f"{name} tops the poll", "s", "votes")
    svg = charts.to_svg(fig)  # draws every text: mathtext parsing would raise here
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    charts.plt.close(fig)
    assert b"<svg" in svg and any(lab.startswith(name) for lab in labels) and name in alt


@pytest.mark.parametrize("election_id", ["2010-clp", "2012-clp", "2014-clp"])
def test_scatter_name_labels_never_overlap(tables: dict[str, pd.DataFrame], election_id: str) -> None:
    from nec_analysis import analysis as an
    from nec_analysis.charts import output, scatter

    nv = an.nominations_vs_votes(tables, election_id).table
    nvt = nv.merge(tables["candidacies"].loc[tables["candidacies"]["election_id"] == election_id,
                                             ["candidate_id", "slate_family"]], on="candidate_id", how="left")
    fig, _alt = charts.nominations_votes_scatter(nvt, election_id, "s", 0.5)
    renderer = fig.canvas.get_renderer()
    names = set(nvt["display_name"])
    boxes = [scatter.text_box(t, renderer) for t in fig.axes[0].texts if t.get_text().replace("\n", " ") in names]
    charts.plt.close(fig)
    assert len(boxes) == len(nvt) >= 8
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert overlaps == []
    # and a visible gap between any two names (touching labels read as one name)
    gap = charts.LABEL_GAP_PT * fig.dpi / 72
    assert output.close_pairs(list(zip(map(str, range(len(boxes))), boxes)), gap_px=gap) == []


def test_close_pairs_finds_labels_that_touch_though_they_do_not_overlap() -> None:
    from matplotlib.transforms import Bbox

    from nec_analysis.charts import output

    a, b = Bbox([[0, 0], [50, 10]]), Bbox([[51, 0], [90, 10]])  # 1 px apart side by side
    c = Bbox([[0, 30], [50, 40]])  # 20 px above a
    assert output.close_pairs([("a", a), ("b", b), ("c", c)]) == []
    assert output.close_pairs([("a", a), ("b", b), ("c", c)], gap_px=4) == [("a", "b")]
    assert output.close_pairs([("a", a), ("c", c)], gap_px=25) == [("a", "c")]


def test_text_on_every_palette_colour_is_readable() -> None:
    from nec_analysis.charts import style

    colours = {**style.SLATE_COLOURS, **{f"gender {k}": v for k, v in style.GENDER_COLOURS.items()}}
    for name, colour in colours.items():
        assert charts.contrast(charts.text_on(colour), colour) >= 4.5, name
    assert charts.contrast("#FFFFFF", style.GENDER_COLOURS["unknown"]) < 4.5  # why white is not always right


@pytest.mark.parametrize("families, seats, expected", [
    (["grassroots_left", "labour_right"], [4, 2], "Grassroots left candidates won 4 of 6 seats in E"),
    (["grassroots_left", "labour_right"], [3, 3], "Grassroots left and Labour right candidates won 3 of the 6 seats each in E"),
    (["unknown"], [6], "No source in the data gives the slate of the 6 candidates elected in E"),
])
def test_the_slates_chart_title_states_the_finding_the_seats_support(families, seats, expected) -> None:
    from nec_analysis.charts import style

    summary = pd.DataFrame({"slate_family": families, "elected": seats, "nominations_share_pct": [50.0] * len(seats),
                            "votes_share_pct": [50.0] * len(seats)})
    fig, _alt = charts.slate_shares(summary, "E", "s")
    charts.plt.close(fig)
    assert style.title_of(fig).startswith(expected)


def _phone_px(fig) -> float:
    """The smallest text of ``fig`` in CSS px on a 390 px phone, from the SVG the page shows."""
    from nec_analysis.charts import output

    svg = output.to_svg(fig)
    return output.phone_text_px(output.smallest_text_pt(fig), output.svg_width_px(svg))


LONG = "Ann-Marie Featherstonehaugh-Cholmondeley of the Very Long Name"


@pytest.mark.parametrize("election_id", ["2010-clp", "2014-clp", "2022-clp", "2022-local_government"])
def test_every_chart_of_an_election_reads_at_11_px_on_a_phone_even_with_a_very_long_name(
        tables: dict[str, pd.DataFrame], election_id: str) -> None:
    from nec_analysis import analysis as an

    cand = report.candidate_table(tables, election_id)
    cand.loc[cand.index[0], "display_name"] = LONG
    figs = [charts.candidate_bars(cand, v, "A title", "a source", v)[0]
            for v in ("votes", "nominations") if cand[v].notna().any()]
    nv = an.nominations_vs_votes(tables, election_id).table
    if not nv.empty:
        nv.loc[nv.index[0], "display_name"] = LONG
        nvt = nv.merge(tables["candidacies"].loc[tables["candidacies"]["election_id"] == election_id,
                                                 ["candidate_id", "slate_family"]], on="candidate_id", how="left")
        figs.append(charts.nominations_votes_scatter(nvt, election_id, "s", 0.5)[0])
    co = an.infer_slates(tables, election_id).table
    if not co.empty:
        order = list(co["candidate_id"])
        names = {**dict(zip(tables["candidates"]["candidate_id"], tables["candidates"]["display_name"])), order[0]: LONG}
        figs.append(charts.co_nomination_heatmap(an.co_nomination_matrix(tables, election_id, min_bodies=2), names,
                                                 dict(zip(co["candidate_id"], co["slate_family"])), order, election_id,
                                                 "s")[0])
    assert figs
    sizes = [_phone_px(f) for f in figs]
    for f in figs:
        charts.plt.close(f)
    assert min(sizes) >= charts.style.MIN_TEXT_PX, sizes


def test_a_chart_drawn_too_wide_for_a_phone_is_refused() -> None:
    fig, ax = charts.figure("A title", "a source", figsize=(10.0, 4.0))
    ax.bar(["a", "b"], [1, 2])
    with pytest.raises(ValueError, match="px on a 390 px phone"):
        charts.figure_html(fig, "Bar chart of a and b, two bars.")
    charts.plt.close(fig)


def test_a_chart_is_svg_with_its_title_source_and_labels_as_text() -> None:
    import base64
    import re

    fig, ax = charts.figure("Left won four seats", "LabourList, 2014-08-20")
    ax.barh(["Ann Black", "Ken Livingstone"], [1, 2])
    out = charts.figure_html(fig, "Bar chart of two candidates: Ann Black 1, Ken Livingstone 2.")
    charts.plt.close(fig)
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', out).group(1)).decode()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for words in ("Left won four seats", "Source: LabourList, 2014-08-20", "Ann Black", "Ken Livingstone"):
        assert words in texts
    assert "<path" in svg and "data:image/png" not in out


# --- charts across the years: rows a reader can tell apart, labels that never overlap ----------

def _row_pitch_px(fig) -> float:
    """Distance between two neighbouring bars' centres, in drawn pixels."""
    ax = fig.axes[0]
    ys = sorted({round(p.get_y() + p.get_height() / 2, 6) for p in ax.patches})
    return abs(ax.transData.transform((0, ys[1]))[1] - ax.transData.transform((0, ys[0]))[1])


def _label_height_px(fig) -> float:
    renderer = fig.canvas.get_renderer()
    return max(t.get_window_extent(renderer).height for t in fig.axes[0].get_yticklabels() if t.get_text())


def test_section_charts_give_every_election_a_row_of_its_own_and_no_label_overlaps(tables) -> None:
    """The CLP section's elections of 1998, 1999, 2000 and 2001 sit close together: each gets a row
    taller than its label, the long list of sources does not squash them, and on a 390 px phone
    (figure_html checks the text size there) no two texts of the chart overlap."""
    from nec_analysis.analysis import across
    from nec_analysis.charts import output
    from nec_analysis.charts import sections as section_charts

    history = across.section_history(tables, "clp").table
    seats = across.seats_by_slate(tables, "clp").table
    source = report.sources_used(tables, list(history["election_id"]), "results")
    assert len(source) > 400  # the real list: a dozen sources, several lines under the chart
    drawn = [section_charts.seats_by_slate(history, seats, "A title the length of a real finding, "
                                           "from 1998 to 2022, wrapped over two lines", source),
             section_charts.threshold(history[history["election_type"] == "regular"], "The last seat", source)]
    for fig, alt in drawn:
        try:
            charts.figure_html(fig, alt)  # text of at least 11 px on a phone
            assert output.overlapping_texts(fig) == [], output.overlapping_texts(fig)
            assert _row_pitch_px(fig) >= 1.8 * _label_height_px(fig)
        finally:
            charts.plt.close(fig)


def test_a_long_run_of_close_years_still_gets_readable_rows_and_value_ticks() -> None:
    """Thirty elections, one a year, with thresholds in the hundreds of thousands (long tick labels)."""
    from nec_analysis.charts import output
    from nec_analysis.charts import sections as section_charts

    years = list(range(1990, 2020))
    history = pd.DataFrame({"election_id": [f"{y}-clp" for y in years], "year": years,
                            "election_type": ["regular"] * len(years), "seats": 6, "elected_known": 6,
                            "threshold_votes": [100_000 + 9_999 * i for i in range(len(years))]})
    seats = pd.DataFrame({"election_id": [f"{y}-clp" for y in years], "slate_family": "grassroots_left",
                          "elected": 6})
    for fig, _alt in (section_charts.seats_by_slate(history, seats, "t", "s " * 300),
                      section_charts.threshold(history, "t", "s " * 300)):
        try:
            assert output.overlapping_texts(fig) == [], output.overlapping_texts(fig)
            assert _row_pitch_px(fig) >= 1.8 * _label_height_px(fig)
        finally:
            charts.plt.close(fig)


def test_overlapping_texts_finds_labels_drawn_on_top_of_each_other() -> None:
    from nec_analysis.charts import output

    fig, ax = charts.figure("A title", "a source")
    ax.set_xticks([]), ax.set_yticks([])
    ax.text(0.5, 0.5, "one label")
    ax.text(0.52, 0.5, "another label")
    ax.text(0.5, 0.1, "apart")
    try:
        assert output.overlapping_texts(fig) == [("one label", "another label")]
    finally:
        charts.plt.close(fig)


@pytest.fixture(scope="module")
def site_charts_drawn(tables):
    """The site index's charts drawn once from the real tables: (the frames they came from, the parts)."""
    from nec_analysis.charts.trends import site_charts
    from nec_analysis.site.home import cross_year_frames

    frames = cross_year_frames(tables)
    parts = site_charts(frames, tables)
    yield frames, parts
    for part in parts:
        if part[0] == "figure":
            charts.plt.close(part[1])


def test_the_site_charts_across_the_years_have_no_overlapping_labels(site_charts_drawn) -> None:
    from nec_analysis.charts import output

    figs = [p[1] for p in site_charts_drawn[1] if p[0] == "figure"]
    assert len(figs) == 4
    for fig in figs:
        assert output.overlapping_texts(fig) == [], (charts.title_of(fig), output.overlapping_texts(fig))
        assert _row_pitch_px(fig) >= 1.8 * _label_height_px(fig)


def _plot_height_in(fig) -> float:
    return min(ax.get_position().height for ax in fig.axes) * fig.get_figheight()


def test_a_long_list_of_sources_never_squashes_a_page_chart(tables) -> None:
    """2006's and 2010's pages credit a dozen blog posts and articles: the Source line under the
    chart ran over the plot (gender, 2006), squashed the slate panels to a sliver (2010) and the
    legend sat on the bars (every candidate chart); 100,000 touched 75,000 on the 2010 votes axis."""
    from nec_analysis import analysis as an
    from nec_analysis.charts import output

    many = report.sources_used(tables, ["2010-clp"])
    assert many.count(";") >= 10
    drawn = [charts.gender_bars(an.gender_summary(tables, ["2006-clp"]).table, "the 2006 CLP-section election",
                                "candidate registry; " + report.sources_used(tables, ["2006-clp"], "results")),
             charts.slate_shares(an.slate_summary(tables, "2010-clp").table, "the 2010 CLP-section election", many),
             charts.candidate_bars(report.candidate_table(tables, "2010-clp"), "votes",
                                   "Ken Livingstone topped the ballot with 88,235 votes", many, "votes")]
    for fig, _alt in drawn:
        try:
            assert output.overlapping_texts(fig) == [], (charts.title_of(fig), output.overlapping_texts(fig))
            assert _plot_height_in(fig) >= 1.2, (charts.title_of(fig), _plot_height_in(fig))
        finally:
            charts.plt.close(fig)


def test_the_co_nomination_chart_says_its_measure_in_words(tables) -> None:
    """2022's chart title said '(Jaccard 1.00)' to readers."""
    from nec_analysis import analysis as an

    co = an.infer_slates(tables, "2022-clp").table
    order = list(co.sort_values(["cluster", "bodies"], ascending=[True, False])["candidate_id"])
    names = dict(zip(tables["candidates"]["candidate_id"], tables["candidates"]["display_name"]))
    fig, alt = charts.co_nomination_heatmap(an.co_nomination_matrix(tables, "2022-clp", min_bodies=2), names,
                                            dict(zip(co["candidate_id"], co["slate_family"])), order,
                                            "the 2022 CLP-section election", "s")
    texts = " ".join(t.get_text() for t in fig.texts)
    charts.plt.close(fig)
    assert "Jaccard" not in texts + alt
    assert charts.title_of(fig) == ("Gemma Bolton and Jessica Barnard were nominated by exactly the same CLPs in "
                                    "the 2022 CLP-section election")


def test_the_site_charts_give_each_section_its_own_figures_never_a_sum(tables, site_charts_drawn) -> None:
    """The site index's charts said 'Labour right candidates won 25 of 57 seats across the 12
    elections', adding councillors' seats to CLP seats."""
    import re

    from nec_analysis.charts.trends import seats_title

    frames, parts = site_charts_drawn
    titles = [charts.title_of(part[1]) for part in parts if part[0] == "figure"]
    el = tables["elections"].set_index("election_id")["section"]
    seats = frames["seats-by-slate"].assign(section=lambda d: d["election_id"].map(el))
    pooled = int(seats["elected"].sum())
    by_section = seats.groupby("section")["elected"].sum()
    assert f"of the {int(by_section['clp'])} CLP seats" in titles[0]
    assert f"of the {int(by_section['local_government'])} local-government seats" in titles[0]
    women = frames["women-elected"]
    for title in titles[:3]:
        assert re.search(r"\bCLP\b", title) and "local-government" in title, title
        assert f" {pooled} " not in f" {title} " and f" {int(women['n'].sum())} " not in f" {title} ", title
    piv = pd.DataFrame({"grassroots_left": [3, 1], "labour_right": [3, 0]}, index=["2030-clp", "2030-local_government"])
    assert seats_title(piv, {"2030-clp": "clp", "2030-local_government": "local_government"}) == (
        "Grassroots left and Labour right won the most CLP seats (3 of 6 each); "
        "Grassroots left won the most local-government seats (1 of 1)")


def test_no_two_texts_of_any_elections_slates_chart_touch(tables: dict[str, pd.DataFrame]) -> None:
    """2001's panels had no bars (no nomination figures; shares withheld for a misprint), and their
    two-line titles and 'not published' ran into the next panel's."""
    from nec_analysis import analysis as an
    from nec_analysis.charts import output

    for eid in an.election_ids(tables):
        summary = an.slate_summary(tables, eid).table
        if summary.empty:
            continue
        fig, _alt = charts.slate_shares(summary, eid, "s")
        try:
            assert output.overlapping_texts(fig, gap_px=2) == [], (eid, output.overlapping_texts(fig, gap_px=2))
        finally:
            charts.plt.close(fig)
