"""The choropleth builders: classification, legend, deck JSON without a basemap, the SVG map, sizes."""

import json
import math
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from lokal import indicators, maps

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}
RATE = next(i for i in indicators.INDICATORS if i.kind == "rate" and i.higher_is_better)


def square(x: float, y: float, d: float = 0.01) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]})


def areas_frame(values, **extra) -> pd.DataFrame:
    n = len(values)
    frame = pd.DataFrame(
        {
            "code": [f"A{i}" for i in range(n)],
            "name": [f"Område {i}" for i in range(n)],
            "geojson": [square(9.9 + 0.01 * i, 57.0) for i in range(n)],
            "value": pd.Series(values, dtype="float64"),
            "value_label": ["" if pd.isna(v) else f"{v:.1f}".replace(".", ",") for v in values],
        }
    )
    return frame.assign(**extra)


# --- classify -----------------------------------------------------------------------------


def test_quantiles_of_one_to_ten_put_two_values_in_each_of_five_classes():
    breaks, classes = maps.classify(pd.Series(range(1, 11), dtype=float), "quantiles", 5)
    assert breaks == [1, 2, 4, 6, 8, 10]
    assert classes.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_equal_intervals_split_the_range_evenly():
    breaks, classes = maps.classify(pd.Series([0, 1, 2.5, 5, 7.5, 9, 10.0]), "equal", 4)
    assert breaks == [0, 2.5, 5, 7.5, 10]
    # A value on a bound belongs to the class below it; the minimum to the first class.
    assert classes.tolist() == [0, 0, 0, 1, 2, 3, 3]


def test_equal_intervals_have_no_float_noise():
    breaks, _ = maps.classify(pd.Series([1, 10.0]), "equal", 5)
    assert breaks == [1, 5.5, 10]  # two distinct values give at most two classes
    breaks, _ = maps.classify(pd.Series([1, 2, 3, 4, 10.0]), "equal", 5)
    assert breaks == [1, 2.8, 4.6, 6.4, 8.2, 10]


def test_nan_gets_class_minus_one():
    breaks, classes = maps.classify(pd.Series([np.nan, 1.0, 2.0, np.nan]), "quantiles", 5)
    assert classes.tolist() == [-1, 0, 1, -1]
    assert breaks == [1, 1, 2]


def test_all_nan_gives_no_breaks():
    breaks, classes = maps.classify(pd.Series([np.nan, np.nan]), "equal")
    assert breaks == []
    assert classes.tolist() == [-1, -1]


def test_empty_series_gives_no_breaks():
    breaks, classes = maps.classify(pd.Series([], dtype=float))
    assert breaks == [] and classes.empty


@pytest.mark.parametrize("method", ["quantiles", "equal"])
def test_a_single_distinct_value_is_one_class(method):
    breaks, classes = maps.classify(pd.Series([3.0, 3.0, np.nan]), method)
    assert breaks == [3, 3]
    assert classes.tolist() == [0, 0, -1]


def test_fewer_distinct_values_than_k_gives_one_class_per_value_for_quantiles():
    breaks, classes = maps.classify(pd.Series([5.0, 1.0, 3.0, 3.0]), "quantiles", 5)
    assert breaks == [1, 1, 3, 5]  # deduped: three classes, not five
    assert classes.tolist() == [2, 0, 1, 1]


def test_fewer_distinct_values_than_k_limits_equal_intervals():
    breaks, classes = maps.classify(pd.Series([0.0, 6.0, 3.0]), "equal", 5)
    assert breaks == [0, 2, 4, 6]
    assert classes.tolist() == [0, 2, 1]


def test_negative_values_are_classified():
    breaks, classes = maps.classify(pd.Series([-10.0, -5.0, 0.0, 10.0]), "equal", 2)
    assert breaks == [-10, 0, 10]
    assert classes.tolist() == [0, 0, 0, 1]


def test_nullable_float_dtype_with_na_is_no_data():
    _, classes = maps.classify(pd.Series([1.0, None, 2.0], dtype="Float64"))
    assert classes.tolist() == [0, -1, 1]


def test_unknown_method_is_refused():
    with pytest.raises(ValueError):
        maps.classify(pd.Series([1.0]), "jenks")


# --- legend -------------------------------------------------------------------------------


def test_legend_ends_with_ingen_data_in_grey_outside_the_ramp():
    result = maps.choropleth(areas_frame([1.0, 2.0, np.nan]), indicator=RATE)
    assert result.legend[-1].label == "Ingen data"
    assert result.legend[-1].count == 1
    assert result.legend[-1].color == maps.NO_DATA_COLOR
    assert maps.NO_DATA_COLOR not in maps.class_colors(5)


def test_english_legend_uses_english_decimals():
    items = maps.legend_items([1.25, 2.5, 1234.5], pd.Series([0, 1]), lang="en")
    assert [i.label for i in items[:2]] == ["1.3 – 2.5", "2.5 – 1,234.5"]
    items = maps.legend_items([1.25, 2.5, 1234.5], pd.Series([0, 1]), lang="da")
    assert [i.label for i in items[:2]] == ["1,3 – 2,5", "2,5 – 1.234,5"]


def test_legend_says_no_data_in_english():
    result = maps.choropleth(areas_frame([1.0]), indicator=RATE, lang="en")
    assert result.legend[-1].label == "No data"


def test_quantile_legend_labels_are_danish_and_do_not_overlap():
    values = pd.Series([1.5, 2.25, 3.0, 4.0, 1234.5, np.nan])
    breaks, classes = maps.classify(values, "quantiles", 5)
    labels = [i.label for i in maps.legend_items(breaks, classes, values=values)]
    assert labels == ["1,5", "2,3", "3,0", "4,0", "1.234,5", "Ingen data"]


def test_equal_interval_legend_shows_the_class_bounds():
    values = pd.Series([0.0, 10.0, 20.0])
    breaks, classes = maps.classify(values, "equal", 2)
    items = maps.legend_items(breaks, classes)
    assert [i.label for i in items] == ["0 – 10", "10 – 20", "Ingen data"]
    assert [i.count for i in items] == [2, 1, 0]


def test_darker_end_is_better_for_both_directions():
    breaks, classes = maps.classify(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]), "quantiles", 5)
    up = maps.legend_items(breaks, classes, higher_is_better=True)
    down = maps.legend_items(breaks, classes, higher_is_better=False)
    assert up[0].color == down[4].color == "#fde725"  # lightest = worst
    assert up[4].color == down[0].color == "#440154"  # darkest = best


# --- deck ---------------------------------------------------------------------------------


def venues_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "title": ["Rygestopkursus", "Gåhold"],
            "venue_name": ["Fælleshuset", "Idrætshallen"],
            "lon": [9.905, np.nan],  # the second has no position and is left out
            "lat": [57.005, 57.0],
            "area_name": ["Område 0", "Område 1"],
        }
    )


def test_deck_json_holds_polygons_tooltip_and_venues_without_a_basemap():
    result = maps.choropleth(areas_frame([1.0, 2.0, np.nan]), indicator=RATE, venues=venues_frame())
    text = result.deck.to_json()
    spec = json.loads(text)
    areas_layer, venue_layer = spec["layers"]
    assert areas_layer["@@type"] == "GeoJsonLayer"
    features = areas_layer["data"]["features"]
    assert [f["properties"]["name"] for f in features] == ["Område 0", "Område 1", "Område 2"]
    assert features[0]["geometry"]["type"] == "Polygon"
    assert features[2]["properties"]["value_label"] == "Ingen data"
    assert features[2]["properties"]["fill"] == list(maps._hex_to_rgb(maps.NO_DATA_COLOR))
    assert venue_layer["@@type"] == "ScatterplotLayer"
    assert [v["name"] for v in venue_layer["data"]] == ["Rygestopkursus"]
    # Streamlit reads this placeholder as "no basemap"; anything else loads CARTO/Mapbox tiles.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec
    assert "mapbox://" not in text and "cartocdn" not in text
    tooltip = result.deck._tooltip["html"]
    assert "{name}" in tooltip and "{value_label}" in tooltip and "{unit}" in tooltip


def test_view_is_fitted_to_the_geometries():
    frame = areas_frame([1.0, 2.0])
    frame.loc[1, "geojson"] = square(12.0, 55.0, 0.5)
    view = maps.choropleth(frame, indicator=RATE).deck.initial_view_state
    assert 9.9 < view.longitude < 12.5
    assert 55.0 < view.latitude < 57.01
    assert 5 < view.zoom < 9


def test_coordinates_are_rounded_to_five_decimals():
    frame = areas_frame([1.0])
    frame.loc[0, "geojson"] = square(10.123456789, 56.987654321, 0.0123456789)
    features = json.loads(maps.choropleth(frame, indicator=RATE).deck.to_json())["layers"][0]["data"]["features"]
    assert features[0]["geometry"]["coordinates"][0][0] == [10.12346, 56.98765]


def test_multipolygons_and_bad_geometry():
    frame = areas_frame([1.0, 2.0, 3.0])
    multi = {
        "type": "MultiPolygon",
        "coordinates": [json.loads(square(10, 56))["coordinates"], json.loads(square(10.1, 56))["coordinates"]],
    }
    frame.loc[0, "geojson"] = json.dumps(multi)
    frame.loc[1, "geojson"] = "not geojson"
    frame.loc[2, "geojson"] = None
    result = maps.choropleth(frame, indicator=RATE)
    features = json.loads(result.deck.to_json())["layers"][0]["data"]["features"]
    assert [f["geometry"]["type"] for f in features] == ["MultiPolygon"]
    assert sum(i.count for i in result.legend) == 3  # unmapped areas still counted


def test_empty_frame_gives_an_empty_map_over_denmark():
    frame = areas_frame([]).iloc[:0]
    result = maps.choropleth(frame, indicator=RATE)
    spec = json.loads(result.deck.to_json())
    assert spec["layers"][0]["data"]["features"] == []
    assert [i.label for i in result.legend] == ["Ingen data"]
    assert math.isclose(spec["initialViewState"]["latitude"], 56.0)


def test_payload_for_2150_areas_is_under_5_mb():
    rng = np.random.default_rng(7)
    n = 2150
    xs = 8.0 + (np.arange(n) % 50) * 0.1 + rng.random(n) * 1e-3
    ys = 54.5 + (np.arange(n) // 50) * 0.08 + rng.random(n) * 1e-3
    frame = pd.DataFrame(
        {
            "code": [f"{i:04d}" for i in range(n)],
            "name": [f"Sogn nummer {i}" for i in range(n)],
            "geojson": [square(x, y, 0.0912345678) for x, y in zip(xs, ys, strict=True)],
            "value": rng.random(n) * 100,
        }
    )
    frame["value_label"] = frame["value"].map(lambda v: f"{v:.1f}".replace(".", ","))
    text = maps.choropleth(frame, indicator=RATE).deck.to_json()
    assert len(json.loads(text)["layers"][0]["data"]["features"]) == n
    assert len(text.encode("utf-8")) < 5_000_000


# --- the quick map (SVG) --------------------------------------------------------------------


def _svg(result) -> ET.Element:
    return ET.fromstring(result.svg)  # well-formed XML, or this raises


def _paths(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//svg:path", SVG_NS)


def _titles(root: ET.Element) -> list[str]:
    """The hover texts of the areas: a path's own title, or its link's."""
    return [t.text for t in root.iter(f"{{{SVG_NS['svg']}}}title")]


def test_svg_map_has_one_path_per_area_coloured_by_its_class_with_a_hover_title():
    result = maps.drawing(areas_frame([1.0, 2.0, np.nan]), indicator=RATE)
    assert result.deck is None
    paths = _paths(_svg(result))
    assert len(paths) == 3
    # Two values: the lower is the light end, the higher the dark end of the ramp; no data is grey.
    assert [p.get("fill") for p in paths] == [result.legend[0].color, result.legend[1].color, maps.NO_DATA_COLOR]
    assert _titles(_svg(result)) == [
        f"Område 0: 1,0 {RATE.unit('da')}", f"Område 1: 2,0 {RATE.unit('da')}", "Område 2: Ingen data"]


def test_svg_map_projects_north_up_and_fits_the_box():
    # Two 0,01-degree squares touching at a corner: the second lies north-east of the first.
    frame = areas_frame([1.0, 2.0])
    frame.loc[1, "geojson"] = square(9.91, 57.01)
    root = _svg(maps.drawing(frame, indicator=RATE))
    width, height = (int(v) for v in root.get("viewBox").split()[2:])
    # Web Mercator stretches latitude by 1/cos(57°) = 1,836: the 0,02 x 0,02-degree box is taller
    # than wide, so the height fills the 1.000 units (10.000 tenths) and the width is 984 / 1,836 + 16.
    assert height == 10_000 and width == 5_520
    first, second = ([int(n) for n in p.get("d").strip("MZ").split()] for p in _paths(root))
    xs1, ys1, xs2, ys2 = first[0::2], first[1::2], second[0::2], second[1::2]
    assert min(xs1) == 80 and min(ys2) == 80 and max(ys1) == height - 80  # the 8-unit margin
    assert min(xs2) == max(xs1)  # the squares share the meridian 9,91
    assert max(ys2) == min(ys1)  # and the parallel 57,01, the second above: north is up
    assert len(first) == 8  # four corners, the closing point implied by Z


def test_svg_map_draws_holes_and_every_part_of_a_multipolygon():
    outer = [[10, 56], [10.1, 56], [10.1, 56.1], [10, 56.1], [10, 56]]
    hole = [[10.04, 56.04], [10.06, 56.04], [10.06, 56.06], [10.04, 56.06], [10.04, 56.04]]
    frame = areas_frame([1.0, 2.0])
    frame.loc[0, "geojson"] = json.dumps({"type": "Polygon", "coordinates": [outer, hole]})
    frame.loc[1, "geojson"] = json.dumps({"type": "MultiPolygon", "coordinates": [
        json.loads(square(10.2, 56))["coordinates"], json.loads(square(10.3, 56))["coordinates"]]})
    result = maps.drawing(frame, indicator=RATE)
    donut, pair = (p.get("d") for p in _paths(_svg(result)))
    assert donut.count("M") == 2 and pair.count("M") == 2
    assert "fill-rule:evenodd" in result.svg  # the hole stays empty whichever way its ring runs


def test_svg_map_links_each_area_when_asked_and_escapes_names():
    frame = areas_frame([1.0, 2.0])
    frame.loc[0, ["code", "name"]] = ["A 1&2", 'Øst <script>alert("x")</script>']
    result = maps.drawing(frame, indicator=RATE, link="omraade?fra=2025K1&omraade={code}")
    assert "<script>" not in result.svg
    root = _svg(result)
    links = root.findall(".//svg:a", SVG_NS)
    assert [a.get("href") for a in links] == ["omraade?fra=2025K1&omraade=A%201%262", "omraade?fra=2025K1&omraade=A1"]
    assert all(a.get("target") == "_self" for a in links)
    assert links[0].find("svg:title", SVG_NS).text.startswith('Øst <script>alert("x")</script>: ')
    assert root.get("role") == "group"  # an image may not hold links
    assert not _svg(maps.drawing(frame, indicator=RATE)).findall(".//svg:a", SVG_NS)  # no link without one


def test_svg_map_stays_on_one_line_whatever_the_names_hold():
    # A blank line inside a title would end markdown's HTML block and turn the rest into markdown.
    frame = areas_frame([1.0])
    frame.loc[0, "name"] = "Øst\n\n[klik](javascript:x) **fed**"
    venues = venues_frame().assign(title=["Kursus\r\n\r\n![i](http://x/t.png)", "x"])
    svg = maps.drawing(frame, indicator=RATE, venues=venues, link="omraade?omraade={code}").svg
    assert "\n" not in svg and "\r" not in svg
    assert _titles(_svg(maps.drawing(frame, indicator=RATE)))[0].startswith("Øst [klik](javascript:x) **fed**: ")


def test_svg_map_draws_venues_as_dots_with_titles():
    root = _svg(maps.drawing(areas_frame([1.0, 2.0]), indicator=RATE, venues=venues_frame()))
    dots = root.findall(".//svg:circle", SVG_NS)
    assert len(dots) == 1  # the venue without a position is left out
    assert dots[0].find("svg:title", SVG_NS).text == "Rygestopkursus: Fælleshuset (Område 0)"
    assert dots[0].get("fill") == maps.VENUE_COLOR


def test_svg_map_of_no_areas_is_an_empty_picture_with_the_no_data_legend():
    result = maps.drawing(areas_frame([]).iloc[:0], indicator=RATE)
    assert _paths(_svg(result)) == [] and [i.label for i in result.legend] == ["Ingen data"]


def test_svg_map_names_itself_for_screen_readers():
    root = _svg(maps.drawing(areas_frame([1.0]), indicator=RATE, label="Kort: Deltagere"))
    assert root.get("role") == "img" and root.get("aria-label") == "Kort: Deltagere"


def test_svg_for_2150_areas_is_smaller_than_the_deck():
    rng = np.random.default_rng(7)
    n = 2150
    xs = 8.0 + (np.arange(n) % 50) * 0.1
    ys = 54.5 + (np.arange(n) // 50) * 0.08
    frame = pd.DataFrame({
        "code": [f"{i:04d}" for i in range(n)], "name": [f"Sogn nummer {i}" for i in range(n)],
        "geojson": [square(x, y, 0.0912345678) for x, y in zip(xs, ys, strict=True)], "value": rng.random(n) * 100})
    frame["value_label"] = frame["value"].map(lambda v: f"{v:.1f}".replace(".", ","))
    svg = maps.drawing(frame, indicator=RATE, link="omraade?omraade={code}").svg
    deck = maps.choropleth(frame, indicator=RATE).deck.to_json()
    assert len(_paths(ET.fromstring(svg))) == n
    assert len(svg.encode()) < 0.8 * len(deck.encode()) and len(svg.encode()) < 1_000_000
