"""Geometry helpers: Voronoi tiling of an outline, inside points and GeoJSON text.

Coordinates are WGS84 longitude/latitude. Boundaries are stored as GeoJSON geometry text
with a fixed number of decimals; the tiling is computed on that same grid so that
neighbouring areas share their edges exactly and still tile after rounding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

DECIMALS = 5
GRID = 10.0**-DECIMALS


def voronoi_tiles(
    centres: Sequence[tuple[float, float]], outline: Polygon, grid_size: float = GRID
) -> list[Polygon | MultiPolygon]:
    """Split ``outline`` into one tile per centre (its Voronoi cell), in the order of ``centres``.

    All cell edges and the outline are noded together on a ``grid_size`` grid and
    polygonized, so shared edges are the very same segments in both neighbours: the tiles
    cover the outline without gaps or overlaps, also after rounding to that grid.
    """
    points = MultiPoint([Point(lon, lat) for lon, lat in centres])
    if len(points.geoms) != len(centres) or len({(x, y) for x, y in centres}) != len(centres):
        raise ValueError("centres must be distinct points")
    cells = list(shapely.get_parts(shapely.voronoi_polygons(points, extend_to=outline, ordered=True)))
    outline_grid = shapely.set_precision(outline, grid_size)
    lines = [cell.boundary for cell in cells] + [outline_grid.boundary]
    noded = shapely.union_all(lines, grid_size=grid_size)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    pieces: list[list[Polygon]] = [[] for _ in cells]
    for face in faces:
        if face.area == 0:
            continue
        probe = face.point_on_surface()
        if not outline_grid.contains(probe):
            continue
        owner = next((i for i, cell in enumerate(cells) if cell.contains(probe)), None)
        if owner is None:  # on an edge after snapping: give it to the nearest centre
            owner = int(np.argmin([probe.distance(p) for p in points.geoms]))
        pieces[owner].append(face)
    tiles = []
    for i, parts in enumerate(pieces):
        if not parts:
            raise ValueError(f"centre {centres[i]} has no part inside the outline")
        merged = parts[0] if len(parts) == 1 else shapely.union_all(parts, grid_size=grid_size)
        tiles.append(shapely.orient_polygons(merged))
    return tiles


def inside_point(geom: BaseGeometry) -> Point:
    """The centroid when it lies inside ``geom``, else a point guaranteed to be inside."""
    centroid = geom.centroid
    return centroid if geom.contains(centroid) else geom.point_on_surface()


def _rounded(coords, decimals: int):
    if isinstance(coords, (int, float)):
        return round(float(coords), decimals)
    return [_rounded(c, decimals) for c in coords]


def to_geojson(geom: BaseGeometry, decimals: int = DECIMALS) -> str:
    """GeoJSON geometry text (RFC 7946 ring orientation) with coordinates rounded to ``decimals``."""
    mapped = mapping(shapely.orient_polygons(geom))
    mapped = {"type": mapped["type"], "coordinates": _rounded(mapped["coordinates"], decimals)}
    return json.dumps(mapped, separators=(",", ":"))


def from_geojson(text: str) -> BaseGeometry:
    """Parse GeoJSON geometry text (a geometry, not a Feature) into a shapely geometry."""
    return shape(json.loads(text))


def contains(geom: BaseGeometry, lon: float, lat: float) -> bool:
    """True when the point lies strictly inside ``geom``."""
    return bool(geom.contains(Point(lon, lat)))
