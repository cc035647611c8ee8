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

import html
import json
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote

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
    """A map ready to place: the deck (or the SVG), the legend rows (low to high, then no data), a
    title (indicator name and unit) and a note saying which end of the ramp is better."""

    deck: pdk.Deck | None
    legend: list[LegendItem] = field(default_factory=list)
    title: str = ""
    note: str = ""
    svg: str = ""  # the map as one SVG image, from :func:`drawing`


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
        a, b = _fmt(lowers[i], decimals, lang), _fmt(breaks[i + 1], decimals, lang)
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
    drawn = _prepare(areas, indicator=indicator, lang=lang, method=method, k=k)
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(shapely.to_geojson(geom)),
            "properties": {"name": name, "code": code, "value_label": label, "unit": unit, "fill": _hex_to_rgb(fill)},
        }
        for geom, name, code, label, unit, fill in drawn.rows
    ]

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
        initial_view_state=pdk.ViewState(**_fit_view(drawn.bounds, venue_records)),
        map_provider=None,  # no basemap; do NOT pass map_style (see the module docstring)
        tooltip={
            "html": "<b>{name}</b><br/>{value_label} {unit}",
            "style": {"backgroundColor": "#222222", "color": "#ffffff", "fontSize": "14px"},
        },
    )
    return MapResult(deck=deck, legend=drawn.legend, title=drawn.title, note=drawn.note)


def drawing(
    areas: pd.DataFrame,
    *,
    indicator,
    lang: str = "da",
    method: str = "quantiles",
    k: int = 5,
    venues: pd.DataFrame | None = None,
    link: str | None = None,
    label: str = "",
) -> MapResult:
    """The same choropleth drawn as one SVG image (in :attr:`MapResult.svg`) instead of a deck.

    The browser shows an SVG at once, where deck.gl first loads 3 MB of script and starts
    WebGL (about 3 seconds in a browser without a graphics card). Each area is a path with
    its name and value as a hover title; with ``link`` (a URL holding ``{code}``) a click on
    an area opens that link. The links are a mouse shortcut and stay out of the tab order (2.150
    tab stops would trap a keyboard user; the table below the map and the area page's own
    chooser reach the same areas); with links the picture is a named group of named links
    (an image may not hold links), without it is one named image. Coordinates are Web Mercator
    like the deck, fitted to a 1.000-unit-wide box, simplified to a tenth of a unit and written
    as whole tenths.
    """
    drawn = _prepare(areas, indicator=indicator, lang=lang, method=method, k=k)
    geoms = np.array([row[0] for row in drawn.rows], dtype=object)
    venue_records = _venue_records(venues)
    points = _positions(venue_records)
    project = _svg_projection(drawn.bounds, points)
    paths = _svg_paths(geoms, project)
    # Thin outlines when there are many small areas, or the white lines drown the colours.
    outline = 1 if len(drawn.rows) <= 300 else 0.4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lokal-kort" '
        f'viewBox="0 0 {project.width * 10} {project.height * 10}" role="{"group" if link else "img"}" '
        f'aria-label="{_esc(label or drawn.title)}" preserveAspectRatio="xMidYMid meet" '
        'style="width:100%;height:auto;max-height:620px;display:block">',
        f"<style>.lokal-kort path{{stroke:#fff;stroke-width:{outline}px;vector-effect:non-scaling-stroke;"
        "stroke-linejoin:round;fill-rule:evenodd}.lokal-kort a:hover path,.lokal-kort path:hover{stroke:#000;"
        "stroke-width:2.5px}.lokal-kort circle{stroke:#fff;stroke-width:1.5px;vector-effect:non-scaling-stroke}"
        f".lokal-kort text{{font-family:sans-serif;font-size:{_label_size(project)}px;fill:#111;stroke:#fff;"
        "stroke-width:3px;paint-order:stroke;vector-effect:non-scaling-stroke;pointer-events:none;"
        "text-anchor:middle;dominant-baseline:middle}@media (max-width:640px){.lokal-kort text{display:none}}"
        "</style>",
    ]
    for (_, name, code, value_label, unit, fill), d in zip(drawn.rows, paths, strict=True):
        text = _esc(f"{name}: {value_label}{(' ' + unit) if unit else ''}")
        if link:  # the link's title is its accessible name and the hover text
            href = _esc(link.replace("{code}", quote(code)))
            parts.append(f'<a href="{href}" target="_self" tabindex="-1"><title>{text}</title><path fill="{fill}" '
                         f'd="{d}"/></a>')
        else:
            parts.append(f'<path fill="{fill}" d="{d}"><title>{text}</title></path>')
    # Area names where they fit (not on a phone, where they would be too small: the table names them).
    if len(drawn.rows) <= _LABEL_MAX_AREAS:
        for x, y, name in _svg_labels(geoms, [row[1] for row in drawn.rows], project):
            parts.append(f'<text x="{x}" y="{y}" aria-hidden="true">{_esc(name)}</text>')
    if len(points):
        xy = np.rint(project(points) * 10).astype(np.int64)
        for (x, y), record in zip(xy, venue_records, strict=True):
            text = f"{record['name']}: {record['value_label']} {record['unit']}".strip()
            parts.append(f'<circle cx="{x}" cy="{y}" r="{_SVG_DOT}" fill="{VENUE_COLOR}">'
                         f"<title>{_esc(text)}</title></circle>")
    parts.append("</svg>")
    return MapResult(deck=None, legend=drawn.legend, title=drawn.title, note=drawn.note, svg="".join(parts))


@dataclass
class _Prepared:
    """Classified areas ready to draw: rows of (geometry, name, code, value label, unit, fill)."""

    rows: list[tuple]
    legend: list[LegendItem]
    bounds: np.ndarray | None
    title: str
    note: str


def _prepare(areas: pd.DataFrame | None, *, indicator, lang: str, method: str, k: int) -> _Prepared:
    """Classify the values, make the legend and pair every readable geometry with its colour and labels."""
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
    palette = {i: item.color for i, item in enumerate(legend[:-1])}

    # "12 antal" reads wrong; a count needs no unit after the number.
    unit = "" if indicator.kind == "count" else indicator.unit(lang)
    geoms, bounds = _read_geometries(areas["geojson"] if "geojson" in areas else pd.Series([None] * n, dtype=object))

    names, codes, labels = (_column(areas, c) for c in ("name", "code", "value_label"))
    raw = _as_float(values)
    rows = []
    for pos, (geom, cls) in enumerate(zip(geoms, classes.to_numpy(), strict=True)):
        if geom is None:
            continue
        has_value = cls >= 0
        label = (_text(labels[pos]) or _fmt(raw[pos], 1, lang)) if has_value else ""
        rows.append((geom, _text(names[pos]), _text(codes[pos]), label or words["no_data"],
                     unit if has_value else "", palette[cls] if has_value else NO_DATA_COLOR))
    title = indicator.name(lang)
    if unit and unit.lower() not in title.lower():
        title = f"{title} ({unit})"
    return _Prepared(rows=rows, legend=legend, bounds=bounds, title=title, note=words["darker"])


# --- SVG ----------------------------------------------------------------------------------

_SVG_WIDTH = 1000  # viewBox units; the coordinates are written in tenths of a unit
_SVG_DOT = 45  # venue dot radius in tenths: 4,5 units


@dataclass(frozen=True)
class _Projection:
    """Longitude/latitude to viewBox units (Web Mercator, north up, fitted with a margin)."""

    x0: float
    y1: float
    scale: float
    width: int
    height: int

    def __call__(self, lonlat: np.ndarray) -> np.ndarray:
        lonlat = np.asarray(lonlat, dtype=float).reshape(-1, 2)
        x = (np.radians(lonlat[:, 0]) - self.x0) * self.scale
        y = (self.y1 - _merc_y_array(lonlat[:, 1])) * self.scale
        return np.column_stack([x, y]) + _SVG_MARGIN


_SVG_MARGIN = 8.0


def _svg_projection(bounds, points: np.ndarray) -> _Projection:
    minx, miny, maxx, maxy = _extent(bounds, points) or (8.0, 54.5, 15.2, 57.8)  # Denmark, for an empty map
    x0, x1 = math.radians(minx), math.radians(maxx)
    y0, y1 = _merc_y(miny), _merc_y(maxy)
    inner = _SVG_WIDTH - 2 * _SVG_MARGIN
    scale = inner / max(x1 - x0, y1 - y0, 1e-9)
    # As wide as the box allows; as tall as the areas need (a tall kommune gets a narrower map).
    width = math.ceil((x1 - x0) * scale + 2 * _SVG_MARGIN)
    height = math.ceil((y1 - y0) * scale + 2 * _SVG_MARGIN)
    return _Projection(x0=x0, y1=y1, scale=scale, width=width, height=height)


# Names are written on the quick map when there are this many areas or fewer, each only where it fits.
_LABEL_MAX_AREAS = 300


def _label_size(project: _Projection) -> int:
    """The names' font size in the SVG's units: about 10 px when the map is drawn 550 px wide."""
    return max(1, round(project.width * 10 / 55))


def _svg_labels(geoms: np.ndarray, names: list[str], project: _Projection) -> list[tuple[int, int, str]]:
    """(x, y, name) for every area whose name fits inside its outline's box, at a point inside it."""
    if not len(geoms):
        return []
    coords = shapely.get_coordinates(geoms)
    flat = shapely.set_coordinates(geoms.copy(), project(coords) * 10)
    size = _label_size(project)
    bounds = shapely.bounds(flat)
    inside = shapely.get_coordinates(shapely.point_on_surface(flat))
    out = []
    for (minx, miny, maxx, maxy), (x, y), name in zip(bounds, inside, names, strict=True):
        if maxx - minx >= 0.6 * size * len(name) and maxy - miny >= 1.6 * size:
            out.append((round(x), round(y), name))
    return out


def _svg_paths(geoms: np.ndarray, project: _Projection) -> list[str]:
    """One SVG path text per geometry: every ring as ``M x y x y …Z`` in whole tenths of a unit."""
    if not len(geoms):
        return []
    coords = shapely.get_coordinates(geoms)
    flat = shapely.set_coordinates(geoms.copy(), project(coords) * 10)
    flat = shapely.simplify(flat, 1.0, preserve_topology=True)
    parts, part_of = shapely.get_parts(flat, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    xy, point_of = shapely.get_coordinates(rings, return_index=True)
    xy = np.rint(xy).astype(np.int64)
    starts = np.searchsorted(point_of, np.arange(len(rings)))
    ends = np.append(starts[1:], len(point_of))
    texts = [""] * len(geoms)
    owner = part_of[ring_of]
    for r in range(len(rings)):
        ring = xy[starts[r]:ends[r] - 1]  # the closing point is implied by Z
        if len(ring) < 3:
            continue
        numbers = " ".join(map(str, ring.ravel().tolist()))
        texts[owner[r]] += f"M{numbers}Z"
    return texts


def _merc_y_array(lat: np.ndarray) -> np.ndarray:
    lat = np.clip(lat, -85.0, 85.0)
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def _esc(text: str) -> str:
    """Escaped for XML, on one line: the SVG goes through markdown, where a blank line inside a
    title (a multi-line cell in an imported sheet) would end the HTML block."""
    return html.escape(" ".join(str(text).split()), quote=True)


# --- helpers ------------------------------------------------------------------------------


def _read_geometries(texts: pd.Series) -> tuple[list, np.ndarray | None]:
    """Parse GeoJSON geometry texts into 2-D (multi)polygons rounded to 5 decimals (about a
    metre), and their overall bounds. Unreadable, empty or non-areal geometries become None."""
    raw = np.array([t if isinstance(t, str) and t.strip() else None for t in texts], dtype=object)
    geoms = shapely.from_geojson(raw, on_invalid="ignore") if len(raw) else np.array([], dtype=object)
    geoms = shapely.force_2d(geoms)
    geoms = shapely.transform(geoms, lambda c: np.round(c, 5))
    out = [None if g is None or g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon") else g for g in geoms]
    kept = [g for g in out if g is not None]
    bounds = shapely.total_bounds(np.array(kept, dtype=object)) if kept else None
    return out, bounds


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


def _positions(venue_records: list[dict]) -> np.ndarray:
    """The venues' (lon, lat) as an n x 2 array."""
    return np.array([r["position"] for r in venue_records], dtype=float).reshape(-1, 2)


def _extent(bounds, points: np.ndarray) -> tuple[float, float, float, float] | None:
    """(minx, miny, maxx, maxy) around the geometries' bounds and the points; None for neither."""
    boxes = [] if bounds is None else [tuple(bounds)]
    if len(points):
        boxes.append((*points.min(axis=0), *points.max(axis=0)))
    if not boxes:
        return None
    b = np.array(boxes, dtype=float)
    return b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()


def _fit_view(bounds, venue_records: list[dict]) -> dict:
    """Centre and zoom so that all geometries and venues fit."""
    extent = _extent(bounds, _positions(venue_records))
    if extent is None:
        return dict(_DEFAULT_VIEW)
    minx, miny, maxx, maxy = extent
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
    return float(_merc_y_array(np.array([lat]))[0])


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


def _fmt(x: float, decimals: int, lang: str = "da") -> str:
    """Danish (or English) number format, rounding half up as people do: 1.234,5; 30,15 -> 30,2."""
    q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no "-0,0"
    text = f"{q:,.{decimals}f}"
    return text if lang == "en" else text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


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
