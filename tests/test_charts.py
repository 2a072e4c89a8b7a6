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
    png = charts.to_png(fig)  # draws every text: mathtext parsing would raise here
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    charts.plt.close(fig)
    assert png[:4] == b"\x89PNG" and any(lab.startswith(name) for lab in labels) and name in alt


@pytest.mark.parametrize("election_id", ["2010-clp", "2012-clp", "2014-clp"])
def test_scatter_name_labels_never_overlap(tables: dict[str, pd.DataFrame], election_id: str) -> None:
    from nec_analysis import analysis as an
    from nec_analysis.charts import scatter

    nv = an.nominations_vs_votes(tables, election_id).table
    nvt = nv.merge(tables["candidacies"].loc[tables["candidacies"]["election_id"] == election_id,
                                             ["candidate_id", "slate_family"]], on="candidate_id", how="left")
    fig, _alt = charts.nominations_votes_scatter(nvt, election_id, "s", 0.5)
    renderer = fig.canvas.get_renderer()
    names = set(nvt["display_name"])
    boxes = [scatter.text_box(t, renderer) for t in fig.axes[0].texts if t.get_text() in names]
    charts.plt.close(fig)
    assert len(boxes) == len(nvt) >= 8
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert overlaps == []


def test_text_on_every_palette_colour_is_readable() -> None:
    from nec_analysis.charts import style

    colours = {**style.SLATE_COLOURS, **{f"gender {k}": v for k, v in style.GENDER_COLOURS.items()}}
    for name, colour in colours.items():
        assert charts.contrast(charts.text_on(colour), colour) >= 4.5, name
    assert charts.contrast("#FFFFFF", style.GENDER_COLOURS["unknown"]) < 4.5  # why white is not always right


@pytest.mark.parametrize("families, seats, expected", [
    (["grassroots_left", "labour_right"], [4, 2], "Grassroots left candidates won 4 of 6 seats in E"),
    (["grassroots_left", "labour_right"], [3, 3], "Grassroots left and Labour right candidates won 3 seats each, of 6"),
    (["unknown"], [6], "No source in the data gives the slate of the 6 candidates elected in E"),
])
def test_the_slates_chart_title_states_the_finding_the_seats_support(families, seats, expected) -> None:
    from nec_analysis.charts import style

    summary = pd.DataFrame({"slate_family": families, "elected": seats, "nominations_share_pct": [50.0] * len(seats),
                            "votes_share_pct": [50.0] * len(seats)})
    fig, _alt = charts.slate_shares(summary, "E", "s")
    charts.plt.close(fig)
    assert style.title_of(fig).startswith(expected)
