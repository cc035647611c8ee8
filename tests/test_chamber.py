"""Fit for the council chamber (issue 15): what the heat table and key figures compare, the verdict
symbols, the funnel's shares, labels on the quick map, hyphenation, and the accessibility statement.
Hand-computed expectations, written out."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import shapely

from lokal import accessibility, charts, compare, maps, views
from lokal.ui import chrome, widgets


def _results() -> pd.DataFrame:
    """Two areas of one kommune with 10.000 and 30.000 adults; the kommune held 40 offers and had 8 partners.
    Area A held 4 offers (expected from its size: 40 × 10.000 / 40.000 = 10), B 36 (expected 30)."""
    rows = [
        ("A", "Aalby", "kommunale_tilbud_afholdt", 4.0, 4, None, 40.0, compare.WORSE),
        ("B", "Bstrup", "kommunale_tilbud_afholdt", 36.0, 36, None, 40.0, compare.SIMILAR),
        ("A", "Aalby", "andel_planlagte_afholdt", 80.0, 4, 5, 75.0, compare.SIMILAR),
        ("B", "Bstrup", "andel_planlagte_afholdt", 90.0, 36, 40, 75.0, compare.BETTER),
    ]
    return pd.DataFrame(rows, columns=["unit", "area_name", "indicator", "value", "numerator", "denominator",
                                       "kommune_value", "comparison"]).assign(period="2025")


def test_heat_table_judges_a_count_against_what_the_areas_size_would_give():
    heat = views.heat_frame(_results(), "da", adults={"A": 10_000, "B": 30_000})
    offers = heat[heat.indicator == "kommunale_tilbud_afholdt"].set_index("unit")
    assert offers.expected.to_dict() == pytest.approx({"A": 10.0, "B": 30.0})
    assert offers.value_label.to_dict() == {"A": "▼ 4", "B": "= 36"}
    assert offers.loc["A", "hover"] == "▼ 4 · ventet ud fra områdets størrelse: 10,0 · Dårligere end kommunen"
    shares = heat[heat.indicator == "andel_planlagte_afholdt"].set_index("unit")
    assert shares.expected.isna().all()  # a share is compared as it is
    assert shares.value_label.to_dict() == {"A": "= 80,0", "B": "▲ 90,0"}


def test_heat_table_colours_differ_in_lightness_so_greyscale_keeps_the_verdict():
    def luminance(hex_colour: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    better, similar, worse = (luminance(charts.HEAT_COLORS[k]) for k in ("bedre", "som", "dårligere"))
    assert better < 0.2 < worse < 0.5 < similar  # dark blue, orange, light grey
    fig = charts.heat_table(views.heat_frame(_results(), "da", adults={"A": 10_000, "B": 30_000}))
    assert list(fig.data[0].colorbar.ticktext) == ["▼ Dårligere", "= Som kommunen", "▲ Bedre"]


def test_phone_grid_keeps_the_symbols_with_area_names_first():
    grid = views.heat_grid(views.heat_frame(_results(), "en", adults={"A": 10_000, "B": 30_000}), "en")
    assert list(grid.columns)[0] == "Area"
    assert grid.iloc[0].tolist()[:2] == ["Aalby", "▼ 4"]


def test_expected_count_and_size_share():
    share = views.size_share(pd.DataFrame({"code": ["A", "B"], "adults": [10_000, 30_000]}))
    assert share == {"A": 0.25, "B": 0.75}
    assert views.expected_count(40, share["B"]) == 30.0
    assert views.expected_count(None, 0.5) != views.expected_count(None, 0.5)  # NaN without a count


def test_funnel_takes_outcomes_of_those_in_offers_with_an_outcome_measure():
    # 100 enrolled, 80 completed, 40 in offers that measure an outcome, 10 of them smoke-free at the end.
    fig = charts.funnel([("Tilmeldt", 100), ("Gennemført", 80), ("Med effektmål", 40), ("Røgfri", 10, 2)])
    assert list(fig.data[0].customdata) == ["100 %", "80 %", "40 %", "25 %"]  # 10 of 40, not 10 of 100


def test_a_running_year_is_named_part_of_a_year():
    assert views.year_in_progress(date(2026, 11, 23)) == "2026"
    assert views.year_in_progress(date(2025, 12, 31)) is None


def test_key_figure_labels_break_at_a_compound_joint():
    assert widgets.hyphenate("Nye civilsamfundsaktiviteter") == "Nye civilsamfunds\u00adaktiviteter"
    assert widgets.hyphenate("Fremmøde i alt") == "Fremmøde i alt"  # a stem that ends its word gets none


def test_quick_map_names_areas_only_where_the_name_fits():
    big = shapely.box(9.80, 57.00, 10.00, 57.10)  # about 12 × 11 km
    small = shapely.box(10.000, 57.000, 10.004, 57.002)  # a few hundred metres
    frame = pd.DataFrame({"code": ["B", "S"], "name": ["Storeby", "Lilleby"],
                          "geojson": [shapely.to_geojson(big), shapely.to_geojson(small)],
                          "value": [1.0, 2.0], "value_label": ["1,0", "2,0"]})
    from lokal import indicators as ind

    svg = maps.drawing(frame, indicator=ind.get("deltagere_pr_1000")).svg
    assert ">Storeby</text>" in svg
    assert ">Lilleby</text>" not in svg


def test_streamlit_words_are_swapped_only_in_danish():
    assert chrome.STREAMLIT_DA["Choose an option"] == "Vælg"
    assert chrome.STREAMLIT_DA_PREFIX["Help for "] == "Hjælp til "


@pytest.mark.parametrize("lang", ["da", "en"])
def test_accessibility_statement_has_the_templates_sections(lang, monkeypatch):
    monkeypatch.setenv(accessibility.CONTACT_ENV, "tilgaengelighed@ishoj.dk")
    sections = accessibility.statement(lang, "Ishøj Kommune", "02-12-2026")
    assert len(sections) == 1 + len(accessibility.HEADINGS_DA)
    if lang == "da":
        assert tuple(h for h, _ in sections[1:]) == ("Overholdelsesstatus", "Indhold, der ikke er tilgængeligt",
                                                     "Udarbejdelse af denne tilgængelighedserklæring",
                                                     "Feedback og kontaktoplysninger", "Håndhævelsesprocedure")
    text = " ".join(p for _, ps in sections for p in ps)
    assert "Ishøj Kommune" in text and "tilgaengelighed@ishoj.dk" in text and "02-12-2026" in text
    assert "was.digst.dk" in text
