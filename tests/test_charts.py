"""The plotly builders: traces and points on tiny frames, Danish separators, empty frames."""

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from lokal import charts


def heat_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Øst", "Øst", "Vest", "Vest"],
            "indicator_name": ["Deltagere", "Partnere", "Deltagere", "Partnere"],
            "value_label": ["12,5", "3", "8,0", ""],
            "score": [1.0, 0.5, 0.0, np.nan],
        }
    )


def trend_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2025K2", "2025K1", "2025K1", "2025K2", "2025K3"],
            "value": [2.0, 1.0, 3.0, 4.0, 5.0],
            "series": ["Fokus", "Fokus", "Øvrige", "Øvrige", "Øvrige"],
        }
    )


def scatter_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["A", "B", "C", "D"],
            "need": [30.0, 10.0, 25.0, np.nan],
            "participation": [2.0, 8.0, 9.0, 1.0],
            "flagged": [True, False, False, False],
            "is_focus": [True, True, False, False],
        }
    )


def bars_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["A", "B", "C", "D"],
            "value": [5.0, 12.5, 8.0, np.nan],
            "value_label": ["5,0", "12,5", "8,0", "–"],
            "comparison": ["dårligere", "bedre", "som", None],
        }
    )


def assert_house_style(fig: go.Figure) -> None:
    assert isinstance(fig, go.Figure)
    assert fig.layout.separators == ",."
    fig.to_json()  # serialisable (what st.plotly_chart sends)


BUILDERS = {
    "heat_table": lambda df: charts.heat_table(df),
    "trend": lambda df: charts.trend(df, y_title="Antal"),
    "need_vs_participation": lambda df: charts.need_vs_participation(
        df, x_title="Behov", y_title="Deltagelse", x_ref=20.0, y_ref=5.0, flag_label="Stort behov", lang="da"
    ),
    "against_target": lambda df: charts.against_target(df, value_name="Værdi", target_name="Mål", y_title="%"),
    "hbar": lambda df: charts.hbar(df, x_title="Antal"),
    "profile_vs_kommune": lambda df: charts.profile_vs_kommune(
        df, area_name="Øst", kommune_name="Kommunen", x_title="%"
    ),
    "indicator_bars": lambda df: charts.indicator_bars(df, value_label_col="value_label", x_title="%", ref=7.0),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_shows_ingen_data_for_an_empty_frame(name):
    fig = BUILDERS[name](pd.DataFrame())
    assert_house_style(fig)
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "Ingen data"


def test_funnel_with_no_steps_is_an_empty_figure():
    fig = charts.funnel([])
    assert_house_style(fig)
    assert len(fig.data) == 0


def test_heat_table_colours_scores_and_draws_missing_cells_grey():
    fig = charts.heat_table(heat_df(), title="Overblik")
    assert_house_style(fig)
    scores, missing = fig.data
    assert list(scores.y) == ["Øst", "Vest"] and list(scores.x) == ["Deltagere", "Partnere"]
    assert list(scores.z[0]) == [1.0, 0.5] and scores.z[1][1] is None
    assert list(scores.text[0]) == ["12,5", "3"]
    assert missing.z[1][1] == 0.0 and missing.z[0][0] is None
    assert missing.text[1][1] == "–"  # an empty label for no data becomes a dash
    assert fig.layout.yaxis.autorange == "reversed"  # first area on top


def test_heat_table_without_missing_values_has_one_trace():
    df = heat_df().assign(score=[1.0, 0.5, 0.0, 0.25])
    assert len(charts.heat_table(df).data) == 1


def test_heat_table_treats_an_absent_cell_as_no_data():
    df = heat_df().iloc[:3]  # Vest x Partnere is not in the frame at all
    assert charts.heat_table(df).data[1].z[1][1] == 0.0


def test_trend_has_one_line_per_series_in_period_order():
    fig = charts.trend(trend_df(), y_title="Antal")
    assert_house_style(fig)
    assert [t.name for t in fig.data] == ["Fokus", "Øvrige"]
    assert list(fig.data[0].x) == ["2025K1", "2025K2"] and list(fig.data[0].y) == [1.0, 2.0]
    assert len(fig.data[1].x) == 3
    assert fig.data[0].mode == "lines+markers"
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert list(fig.layout.xaxis.categoryarray) == ["2025K1", "2025K2", "2025K3"]


def test_an_unfinished_last_quarter_is_drawn_dotted_and_hollow_and_labelled_provisional():
    fig = charts.trend(trend_df(), unfinished=["2025K3"])
    assert_house_style(fig)
    fokus, oevrige, oevrige_tail = fig.data  # Fokus has no 2025K3 point, so no dotted piece
    assert list(oevrige.x) == ["2025K1", "2025K2"]  # the solid line stops at the last whole quarter
    assert list(oevrige_tail.x) == ["2025K2", "2025K3"] and oevrige_tail.line.dash == "dot"
    assert list(oevrige_tail.marker.symbol) == [oevrige.marker.symbol, f"{oevrige.marker.symbol}-open"]
    # Only the unfinished point says provisional when hovered; 2025K2 reads as on the solid line.
    assert oevrige_tail.hovertemplate[0] == oevrige.hovertemplate
    assert "(foreløbigt)" in oevrige_tail.hovertemplate[1]
    assert oevrige_tail.showlegend is False and oevrige_tail.legendgroup == oevrige.legendgroup == "Øvrige"
    assert list(fig.layout.xaxis.ticktext) == ["2025K1", "2025K2", "2025K3<br>(foreløbigt)"]
    assert charts.trend(trend_df(), unfinished=["2025K3"], lang="en").layout.xaxis.ticktext[-1].endswith(
        "(provisional)")


def test_the_dotted_piece_does_not_bridge_a_missing_quarter():
    df = pd.DataFrame({"period": ["2025K1", "2025K3", "2025K4"], "value": [1.0, 2.0, 3.0],
                       "series": ["Øvrige"] * 3})
    df = pd.concat([df, pd.DataFrame({"period": ["2025K2"], "value": [5.0], "series": ["Fokus"]})])
    fig = charts.trend(df, unfinished=["2025K3", "2025K4"])
    tail = next(t for t in fig.data if t.showlegend is False)
    assert list(tail.x) == ["2025K3", "2025K4"]  # 2025K2 has no Øvrige point: no line from 2025K1
    assert list(fig.layout.xaxis.ticktext)[2:] == ["2025K3<br>(foreløbigt)", "2025K4<br>(foreløbigt)"]


def test_trend_without_series_column_is_one_line():
    fig = charts.trend(trend_df().drop(columns="series"))
    assert len(fig.data) == 1


def test_need_vs_participation_marks_flagged_areas_three_ways():
    fig = BUILDERS["need_vs_participation"](scatter_df())
    assert_house_style(fig)
    others, flagged, focus = fig.data
    assert list(others.customdata) == ["B", "C"]  # D has no need value and is left out
    assert list(flagged.customdata) == ["A"] and flagged.name == "Stort behov"
    assert flagged.marker.symbol != others.marker.symbol
    assert flagged.marker.color != others.marker.color
    assert "text" in flagged.mode and list(flagged.text) == ["A"]
    assert list(focus.customdata) == ["A", "B"] and focus.name == "Fokusområde"
    assert {s.type for s in fig.layout.shapes} == {"line"} and len(fig.layout.shapes) == 2


def test_need_vs_participation_skips_missing_reference_lines():
    fig = charts.need_vs_participation(
        scatter_df(), x_title="x", y_title="y", x_ref=None, y_ref=float("nan"), flag_label="f", lang="en"
    )
    assert len(fig.layout.shapes) == 0
    assert fig.data[0].name == "Other areas"


def test_against_target_draws_bars_and_target_dashes_where_set():
    df = pd.DataFrame({"period": [2025, 2026, 2027], "value": [10.0, 20.0, 5.0], "target": [15.0, np.nan, 15.0]})
    fig = charts.against_target(df, value_name="Værdi", target_name="Mål", y_title="%")
    assert_house_style(fig)
    bars, targets = fig.data
    assert bars.type == "bar" and list(bars.y) == [10.0, 20.0, 5.0]
    assert list(targets.x) == ["2025", "2027"] and targets.marker.symbol == "line-ew"


def test_against_target_without_any_target_has_only_bars():
    df = pd.DataFrame({"period": ["2025"], "value": [1.0], "target": [np.nan]})
    assert len(charts.against_target(df, value_name="v", target_name="t", y_title="").data) == 1


def test_funnel_shows_counts_and_share_of_the_first_step():
    fig = charts.funnel([("Tilmeldt", 160), ("Gennemført", 147), ("Røgfri", 82)])
    assert_house_style(fig)
    (trace,) = fig.data
    assert trace.type == "funnel"
    assert list(trace.x) == [160, 147, 82]
    assert list(trace.customdata) == ["100 %", "92 %", "51 %"]


def test_hbar_sorts_largest_on_top():
    df = pd.DataFrame({"label": ["SMS", "Plakat", "Egen læge"], "value": [5, 40, 12]})
    fig = charts.hbar(df, x_title="Tilmeldinger")
    assert_house_style(fig)
    # Horizontal bars draw the first category at the bottom.
    assert list(fig.data[0].y) == ["SMS", "Egen læge", "Plakat"]


def test_profile_vs_kommune_has_area_and_kommune_bars_per_measure():
    df = pd.DataFrame({"measure_name": ["Rygere", "Svær overvægt"], "area": [25.0, 20.0], "kommune": [15.0, 17.0]})
    fig = charts.profile_vs_kommune(df, area_name="Øst", kommune_name="Kommunen", x_title="%")
    assert_house_style(fig)
    assert {t.name for t in fig.data} == {"Øst", "Kommunen"}
    assert all(len(t.x) == 2 and t.orientation == "h" for t in fig.data)
    assert fig.layout.barmode == "group"
    assert list(fig.layout.yaxis.categoryarray) == ["Svær overvægt", "Rygere"]  # first measure on top


def test_indicator_bars_colour_and_name_the_comparison():
    fig = charts.indicator_bars(bars_df(), value_label_col="value_label", x_title="%", ref=7.0, ref_label="Kommunen")
    assert_house_style(fig)
    by_name = {t.name: t for t in fig.data}
    assert list(by_name) == ["Bedre", "Som kommunen", "Dårligere", "Ikke vurderet"]
    assert by_name["Bedre"].marker.color == charts.COMPARISON_COLORS["bedre"]
    assert list(by_name["Bedre"].customdata) == ["Bedre"]  # the word is in the hover
    assert "%{customdata}" in by_name["Bedre"].hovertemplate
    assert list(by_name["Dårligere"].text) == ["5,0"]
    assert list(fig.layout.yaxis.categoryarray) == ["D", "A", "C", "B"]  # highest on top
    assert fig.layout.shapes[0].x0 == 7.0 and fig.layout.annotations[0].text == "Kommunen"


def test_indicator_bars_comparison_colours_are_not_red_green():
    colours = set(charts.COMPARISON_COLORS.values())
    assert not colours & {"#FF0000", "#00FF00", "#008000", "#D62728", "#2CA02C"}
    assert len(colours) == 4


def test_indicator_bars_in_english_without_reference():
    fig = charts.indicator_bars(bars_df(), value_label_col="value_label", x_title="%", lang="en")
    assert [t.name for t in fig.data][0] == "Better"
    assert len(fig.layout.shapes) == 0


def test_danish_text_formatter():
    assert charts._fmt(1234.5) == "1.234,5"
    assert charts._fmt(float("nan")) == ""
    assert math.isclose(float(charts._fmt(0.25, 2).replace(",", ".")), 0.25)
