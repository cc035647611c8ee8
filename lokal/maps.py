"""Choropleth maps of the local areas as pure pydeck builders (no Streamlit here).

The maps draw *without a basemap*: Lokal must work on machines that cannot reach a tile
server. What that takes with pydeck 0.9 and ``st.pydeck_chart`` (Streamlit 1.67):

* ``pdk.Deck(map_provider=None)`` and **no** ``map_style`` argument. pydeck then writes its
  placeholder ``"mapStyle": "__MAP_STYLE__"``, which Streamlit's frontend reads as "no
  basemap". Passing ``map_style=None`` or ``""`` is *not* the same: the key disappears or is
  empty and Streamlit fills in a CARTO basemap URL, which an offline machine cannot load.
* Layer data as plain lists/dicts (not DataFrames): pydeck 0.9's serialiser trips over
  pandas 3 frames.
* Stable layer ids, so a rerun does not remount the map.

The page draws the legend itself from :attr:`MapResult.legend` (no HTML from ``lokal``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize

# Viridis in five steps, light to dark: colour-blind safe, monotone in lightness, no grey.
_RAMP = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_DATA_COLOR = "#d4d4d4"  # light grey, not in the ramp
VENUE_COLOR = "#111111"  # near-black dot with a white rim: visible on every class colour
_OUTLINE = [255, 255, 255]

# Denmark, for an empty map.
_DEFAULT_VIEW = {"latitude": 56.0, "longitude": 10.5, "zoom": 5.6}
# The size st.pydeck_chart usually gets (its default height is 500 px).
_VIEW_W, _VIEW_H = 700, 500

_WORDS = {
    "da": {"no_data": "Ingen data", "darker": "Mørkere farve = bedre"},
    "en": {"no_data": "No data", "darker": "Darker colour = better"},
}

METHODS = ("quantiles", "equal")


@dataclass(frozen=True)
class LegendItem:
    """One legend row: a colour swatch, its label and how many areas it holds."""

    color: str  # hex, e.g. "#21918c"
    label: str  # e.g. "12,0 – 15,5" or "Ingen data"
    count: int = 0

    @property
    def rgb(self) -> tuple[int, int, int]:
        return _hex_to_rgb(self.color)


@dataclass
class MapResult:
    """A map ready to place: the deck, the legend rows (low to high, then no data), a
    title (indicator name and unit) and a note saying which end of the ramp is better."""

    deck: pdk.Deck
    legend: list[LegendItem] = field(default_factory=list)
    title: str = ""
    note: str = ""


class _CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by default, which makes the
    coordinates of 2,000 areas several times larger on the wire than they need to be."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


# --- classification ---------------------------------------------------------------------


def classify(values: pd.Series, method: str = "quantiles", k: int = 5) -> tuple[list[float], pd.Series]:
    """Class breaks and a class index (0-based; -1 for no data) for every value.

    ``breaks`` is ``[minimum, upper bound of class 0, upper bound of class 1, ...]``, so there
    are ``len(breaks) - 1`` classes; class 0 is ``[breaks[0], breaks[1]]`` and class i is
    ``(breaks[i], breaks[i+1]]``. Quantile bounds are data values, so with fewer distinct
    values than ``k`` each value gets its own class (and ``breaks[0] == breaks[1]`` when the
    minimum is a class by itself). Equal intervals use at most as many classes as there are
    distinct values. All NaN gives ``[]``; a single distinct value gives ``[v, v]``.
    """
    if method not in METHODS:
        raise ValueError(f"unknown classification method {method!r}; use one of {METHODS}")
    if k < 1:
        raise ValueError("k must be at least 1")
    arr = _as_float(values)
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(arr))
    finite = np.isfinite(arr)
    classes = np.full(len(arr), -1, dtype="int64")
    if not finite.any():
        return [], pd.Series(classes, index=index, name="klasse")

    data = arr[finite]
    distinct = np.unique(data)
    lo, hi = float(distinct[0]), float(distinct[-1])
    if len(distinct) == 1:
        classes[finite] = 0
        return [lo, lo], pd.Series(classes, index=index, name="klasse")

    if method == "quantiles":
        q = np.linspace(0, 1, k + 1)[1:]
        uppers = np.unique(np.quantile(data, q, method="lower"))
        uppers[-1] = hi  # the last bound is the maximum, whatever the rounding
        uppers = np.unique(uppers)
    else:
        n = min(k, len(distinct))
        uppers = np.linspace(lo, hi, n + 1)[1:]
        uppers[-1] = hi

    # Round away float noise (2.8000000000000003) so breaks read and compare cleanly.
    breaks = [lo, *(round(float(u), 10) for u in uppers)]
    # side="left": a value equal to an upper bound belongs to that bound's class.
    classes[finite] = np.searchsorted(uppers, data, side="left")
    return breaks, pd.Series(classes, index=index, name="klasse")


def class_colors(n: int) -> list[str]:
    """``n`` colours from the ramp, light to dark, spread over the whole ramp."""
    if n <= 0:
        return []
    if n == 1:
        return [_RAMP[2]]
    idx = np.rint(np.linspace(0, len(_RAMP) - 1, n)).astype(int)
    return [_RAMP[i] for i in idx]


def legend_items(
    breaks: list[float],
    classes: pd.Series,
    *,
    higher_is_better: bool = True,
    lang: str = "da",
    values: pd.Series | None = None,
) -> list[LegendItem]:
    """Legend rows from low to high value, then the no-data row (always present).

    The darker end of the ramp is the better end: for a "lower is better" indicator the
    ramp runs dark to light as values grow. With ``values`` (used for quantiles, whose
    bounds are data values) a class's label starts at its smallest value, so labels do not
    overlap ("1 – 2", "3 – 4"); without, labels are the class bounds (equal intervals).
    """
    words = _WORDS.get(lang, _WORDS["da"])
    n = max(len(breaks) - 1, 0)
    colors = class_colors(n)
    if not higher_is_better:
        colors = colors[::-1]
    decimals = _decimals(breaks)
    counts = classes.value_counts()
    lowers = list(breaks[:-1])
    if values is not None and n:
        mins = pd.Series(_as_float(values), index=classes.index).groupby(classes).min()
        lowers = [float(mins.get(i, lowers[i])) for i in range(n)]
    items = []
    for i in range(n):
        a, b = _fmt(lowers[i], decimals), _fmt(breaks[i + 1], decimals)
        label = a if a == b else f"{a} – {b}"
        items.append(LegendItem(colors[i], label, int(counts.get(i, 0))))
    items.append(LegendItem(NO_DATA_COLOR, words["no_data"], int(counts.get(-1, 0))))
    return items


# --- the map ------------------------------------------------------------------------------


def choropleth(
    areas: pd.DataFrame,
    *,
    indicator,
    lang: str = "da",
    method: str = "quantiles",
    k: int = 5,
    venues: pd.DataFrame | None = None,
) -> MapResult:
    """A choropleth of ``indicator`` over ``areas`` with optional venue dots, no basemap.

    ``areas``: ``code, name, geojson`` (GeoJSON geometry text, WGS84), ``value`` (NaN = no
    data) and ``value_label`` (pre-formatted). ``venues``: ``title, venue_name, lon, lat,
    area_name``. Areas whose geometry cannot be read are left out of the map (still counted
    in the legend).
    """
    words = _WORDS.get(lang, _WORDS["da"])
    areas = areas if areas is not None else pd.DataFrame()
    n = len(areas)
    values = areas["value"] if "value" in areas else pd.Series([np.nan] * n, index=areas.index, dtype="float64")
    breaks, classes = classify(values, method=method, k=k)
    legend = legend_items(
        breaks,
        classes,
        higher_is_better=indicator.higher_is_better,
        lang=lang,
        values=values if method == "quantiles" else None,
    )
    palette = {i: _hex_to_rgb(item.color) for i, item in enumerate(legend[:-1])}
    no_data_rgb = _hex_to_rgb(NO_DATA_COLOR)

    # "12 antal" reads wrong; a count needs no unit after the number.
    unit = "" if indicator.kind == "count" else indicator.unit(lang)
    geoms = _read_geometries(areas["geojson"] if "geojson" in areas else pd.Series([None] * n, dtype=object))

    names, codes, labels = (_column(areas, c) for c in ("name", "code", "value_label"))
    raw = _as_float(values)
    features = []
    for pos, (geom_json, cls) in enumerate(zip(geoms["json"], classes.to_numpy(), strict=True)):
        if geom_json is None:
            continue
        has_value = cls >= 0
        label = (_text(labels[pos]) or _fmt(raw[pos], 1)) if has_value else ""
        features.append(
            {
                "type": "Feature",
                "geometry": geom_json,
                "properties": {
                    "name": _text(names[pos]),
                    "code": _text(codes[pos]),
                    "value_label": label or words["no_data"],
                    "unit": unit if has_value else "",
                    "fill": palette[cls] if has_value else no_data_rgb,
                },
            }
        )

    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data={"type": "FeatureCollection", "features": features},
            id="lokal-omraader",
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=_OUTLINE,
            line_width_min_pixels=1,
            auto_highlight=True,
            highlight_color=[0, 0, 0, 60],
        )
    ]

    venue_records = _venue_records(venues)
    if venue_records:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=venue_records,
                id="lokal-steder",
                pickable=True,
                stroked=True,
                filled=True,
                get_position="position",
                get_fill_color=list(_hex_to_rgb(VENUE_COLOR)),
                get_line_color=_OUTLINE,
                radius_units="'pixels'",
                get_radius=5,
                line_width_units="'pixels'",
                get_line_width=1.5,
            )
        )

    deck = _CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**_fit_view(geoms["bounds"], venue_records)),
        map_provider=None,  # no basemap; do NOT pass map_style (see the module docstring)
        tooltip={
            "html": "<b>{name}</b><br/>{value_label} {unit}",
            "style": {"backgroundColor": "#222222", "color": "#ffffff", "fontSize": "14px"},
        },
    )
    title = indicator.name(lang)
    if unit and unit.lower() not in title.lower():
        title = f"{title} ({unit})"
    return MapResult(deck=deck, legend=legend, title=title, note=words["darker"])


# --- helpers ------------------------------------------------------------------------------


def _read_geometries(texts: pd.Series) -> dict:
    """Parse GeoJSON geometry texts; return 2-D geometries rounded to 5 decimals (about a
    metre) as dicts, and the overall bounds. Unreadable or empty geometries become None."""
    raw = np.array([t if isinstance(t, str) and t.strip() else None for t in texts], dtype=object)
    geoms = shapely.from_geojson(raw, on_invalid="ignore") if len(raw) else np.array([], dtype=object)
    geoms = shapely.force_2d(geoms)
    geoms = shapely.transform(geoms, lambda c: np.round(c, 5))
    out: list[dict | None] = []
    for g in geoms:
        if g is None or g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon"):
            out.append(None)
        else:
            out.append(json.loads(shapely.to_geojson(g)))
    kept = [g for g, o in zip(geoms, out, strict=True) if o is not None]
    bounds = shapely.total_bounds(np.array(kept, dtype=object)) if kept else None
    return {"json": out, "bounds": bounds}


def _column(df: pd.DataFrame, col: str) -> list:
    return df[col].tolist() if col in df.columns else [None] * len(df)


def _venue_records(venues: pd.DataFrame | None) -> list[dict]:
    if venues is None or len(venues) == 0 or not {"lon", "lat"} <= set(venues.columns):
        return []
    records = []
    for row in venues.to_dict(orient="records"):
        lon, lat = _float(row.get("lon")), _float(row.get("lat"))
        if not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        area = _text(row.get("area_name"))
        # Same keys as the area features, so one tooltip template serves both layers.
        records.append(
            {
                "name": _text(row.get("title")),
                "value_label": _text(row.get("venue_name")),
                "unit": f"({area})" if area else "",
                "position": [round(lon, 5), round(lat, 5)],
            }
        )
    return records


def _fit_view(bounds, venue_records: list[dict]) -> dict:
    """Centre and zoom so that all geometries and venues fit."""
    boxes = [] if bounds is None else [tuple(bounds)]
    if venue_records:
        pts = np.array([r["position"] for r in venue_records], dtype=float)
        boxes.append((*pts.min(axis=0), *pts.max(axis=0)))
    if not boxes:
        return dict(_DEFAULT_VIEW)
    b = np.array(boxes, dtype=float)
    minx, miny = b[:, 0].min(), b[:, 1].min()
    maxx, maxy = b[:, 2].max(), b[:, 3].max()
    lon = (minx + maxx) / 2
    y_lo, y_hi = _merc_y(miny), _merc_y(maxy)
    lat = math.degrees(math.atan(math.sinh((y_lo + y_hi) / 2)))
    dx = max(maxx - minx, 1e-9)
    dy = max(y_hi - y_lo, 1e-9)
    # deck.gl's Web Mercator: at zoom z the world is 512 * 2**z px wide (360 deg; 2*pi in y).
    zoom_x = math.log2(_VIEW_W * 360 / (512 * dx))
    zoom_y = math.log2(_VIEW_H * 2 * math.pi / (512 * dy))
    zoom = min(zoom_x, zoom_y) - 0.25  # a little padding
    return {"latitude": round(lat, 5), "longitude": round(lon, 5), "zoom": round(max(1.0, min(zoom, 15.0)), 2)}


def _merc_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _as_float(values) -> np.ndarray:
    s = pd.to_numeric(pd.Series(values), errors="coerce")
    return s.to_numpy(dtype="float64", na_value=np.nan)


def _decimals(breaks: list[float]) -> int:
    """Whole numbers get no decimals; otherwise the fewest (1-3) that keep distinct breaks
    distinct in the legend."""
    distinct = sorted(set(breaks))
    if all(float(b).is_integer() for b in distinct):
        return 0
    for d in (1, 2):
        if len({_fmt(b, d) for b in distinct}) == len(distinct):
            return d
    return 3


def _fmt(x: float, decimals: int) -> str:
    """Danish number format, rounding half up as people do: 1.234,5; 30,15 -> 30,2."""
    q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no "-0,0"
    return f"{q:,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _float(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return ""
    return str(x)


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
