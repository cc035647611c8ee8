"""Area boundaries from GeoJSON: read, validate, repair, reproject, simplify and upsert by code.

Municipalities' GIS departments send their local areas as GeoJSON (sometimes zipped), often in
ETRS89 / UTM zone 32N (EPSG:25832), sometimes with broken rings, multipolygons, Danish letters
and codes typed in different ways. :func:`plan_import` checks a whole file without writing and
says what would be new, updated, unchanged, repaired, rejected or disappear;
:func:`import_areas` does the same inside one transaction and writes it, with one audit row.

Re-importing updates areas in place by code, so offers, targets and profiles that point at an
area keep pointing at it; areas missing from the file are reported, never deleted.

The module also places points in areas (:func:`area_of_point`, :func:`check_venue`), so a
venue can be checked against its offer's area.

Messages are Danish first (:class:`Message`; English in :mod:`lokal.i18n`) and name the
feature and the field, e.g. "Objekt 3 (kode 'A12'): geometrien er en LineString; ...".
"""

from __future__ import annotations

import json
import math
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from lokal import access, db, files, geo, messages, rollups
from lokal.writes import WRITE_LOCK  # one writer per process (see lokal/writes.py)

KINDS = ("landsby", "boligområde", "bydel", "sogn", "andet")
DEFAULT_KIND = "andet"
WGS84 = "EPSG:4326"
UTM32 = "EPSG:25832"
EQUAL_AREA = "EPSG:3035"  # ETRS89-LAEA Europe: areas in m² anywhere in Denmark
GRID = geo.GRID  # 1e-5 degrees, about a metre: the grid boundaries are stored on

# Simplified boundaries for drawing: the tolerance follows the area's size (1 % of the side of
# a square of the same area), capped at 0.0005° (about 30–55 m), so a housing estate keeps its
# shape while a large rural parish loses vertices nobody sees at kommune or national zoom.
SIMPLIFY_REL = 0.01
SIMPLIFY_MAX = 0.0005

# Roughly Denmark (with Christiansø): reprojected areas far from it point at a wrong CRS.
DENMARK_BOUNDS = (7.5, 54.4, 15.5, 58.0)

FIELD_GUESSES = {
    "code": ("kode", "code", "omraadekode", "områdekode", "sognekode", "id", "fid"),
    "name": ("navn", "name", "omraadenavn", "områdenavn", "sognenavn", "titel"),
    "kommunekode": ("kommunekode", "komkode", "kommune_kode", "kommunenr", "kommunenummer"),
}

# --- messages ------------------------------------------------------------------------------

# Danish templates; English in lokal.i18n.EN (a test checks every template has one).
TEXTS: dict[str, str] = {
    "no_population": "befolkning mangler for {n} områder efter importen; de indgår ikke i satserne pr. 1.000 voksne, "
                     "før befolkningen er importeret (python -m lokal population import, eller siden Områder).",
    # where a message points
    "where_feature_code": "Objekt {n} (kode '{code}')",
    "where_feature": "Objekt {n}",
    "where_area": "Området '{code}' ({name})",
    # the file as a whole
    "file_not_geojson": "Filen '{file}' er ikke GeoJSON: den skal være en FeatureCollection eller en Feature, "
                        "men er '{type}'.",
    "file_bare_geometry": "Filen '{file}' indeholder en enkelt geometri uden egenskaber; områder skal komme som "
                          "en FeatureCollection med navn og kode for hvert område.",
    "file_no_features": "Filen '{file}' indeholder ingen objekter.",
    "file_features_not_list": "Filen '{file}' er ikke GeoJSON: 'features' skal være en liste af objekter, men er "
                              "'{type}'.",
    "file_too_many_features": "Filen '{file}' har {n} objekter; højst {limit}. Del den op i flere filer.",
    "encoding_cp1252": "Filen var ikke UTF-8; den er læst som Windows-1252 (tjek æ, ø og å i navnene).",
    "crs_unknown_member": "Filens referencesystem '{crs}' kendes ikke; angiv det, fx EPSG:25832.",
    "crs_unknown_option": "Referencesystemet '{crs}' kendes ikke; skriv fx EPSG:25832.",
    "crs_guess_failed": "Koordinaternes referencesystem kan ikke gættes (x fra {x0} til {x1}, y fra {y0} til "
                        "{y1}); angiv det, fx EPSG:25832.",
    "field_missing": "Egenskaben '{field}' findes ikke i filen; vælg blandt: {fields}.",
    "no_kommunekode": "Angiv kommunekoden: filen har ingen egenskab med kommunekoden, og databasen kender "
                      "ingen kommune.",
    "bad_kind": "Områdetypen '{kind}' findes ikke; vælg blandt: {kinds}.",
    "bad_kommunekode_option": "Kommunekoden '{value}' er ugyldig; den skal være 3–4 cifre.",
    "outside_denmark": "Områderne ligger ikke i Danmark (længde {x0} til {x1}, bredde {y0} til {y1}); er "
                       "referencesystemet rigtigt?",
    # one feature, rejected
    "no_code": "mangler en kode (egenskaben '{field}' er tom)",
    "no_name": "mangler et navn (egenskaben '{field}' er tom)",
    "code_too_long": "koden har {n} tegn; højst {limit}",
    "name_too_long": "navnet har {n} tegn; højst {limit}",
    "bad_kommunekode": "kommunekoden '{value}' i egenskaben '{field}' er ugyldig; den skal være 3–4 cifre",
    "no_geometry": "har ingen geometri",
    "wrong_type": "geometrien er en {type}; kun Polygon og MultiPolygon kan bruges",
    "too_few_points": "geometrien kan ikke læses: en ring har færre end 4 punkter",
    "bad_coordinates": "geometrien kan ikke læses: koordinaterne skal være par af tal",
    "no_area": "geometrien har intet areal, heller ikke efter reparation",
    "not_projectable": "koordinaterne kan ikke omregnes til længde- og breddegrad med {crs}",
    "duplicate_code": "koden '{code}' findes også i objekt {others}; hver kode må kun forekomme én gang",
    # one feature, repaired
    "repaired": "geometrien er repareret: {reason}",
    "ring_closed": "en ring var ikke lukket; den er lukket",
    "name_fixed": "navnet var forkert kodet og er rettet fra '{old}' til '{new}'",
    "reason_self_intersection": "selvoverskæring ved punktet ({at})",
    "reason_ring_self_intersection": "en ring skærer sig selv ved punktet ({at})",
    "reason_hole_outside": "et hul ligger uden for den ydre ring ved punktet ({at})",
    "reason_nested_holes": "et hul ligger inden i et andet hul ved punktet ({at})",
    "reason_disconnected": "det indre er delt i flere stykker ved punktet ({at})",
    "reason_nested_shells": "to dele ligger inden i hinanden ved punktet ({at})",
    "reason_duplicate_rings": "den samme ring står to gange ved punktet ({at})",
    "reason_too_few_points": "en ring har for få forskellige punkter ved punktet ({at})",
    "reason_invalid_coordinate": "en koordinat er ugyldig ved punktet ({at})",
    "reason_other": "ugyldig geometri ({reason})",
    # an area in the database that the file does not have
    "disappeared": "findes i databasen, men ikke i filen; området og dets data er bevaret",
    # venues
    "venue_outside_all": "Mødestedet '{venue}' ligger uden for alle områder; tilbuddet hører til {area}",
    "venue_other_area": "Mødestedet '{venue}' ligger i {other}, ikke i tilbuddets område {area}",
    "venue_swapped": "Mødestedet '{venue}' ligger uden for {area}, men inde i det, hvis længde- og breddegrad "
                     "byttes om; er de byttet om?",
}

_GEOS_REASONS = {
    "Self-intersection": "reason_self_intersection",
    "Ring Self-intersection": "reason_ring_self_intersection",
    "Hole lies outside shell": "reason_hole_outside",
    "Holes are nested": "reason_nested_holes",
    "Interior is disconnected": "reason_disconnected",
    "Nested shells": "reason_nested_shells",
    "Duplicate Rings": "reason_duplicate_rings",
    "Too few points in geometry component": "reason_too_few_points",
    "Invalid Coordinate": "reason_invalid_coordinate",
}


@dataclass(frozen=True)
class Message(messages.Message):
    """A :class:`lokal.messages.Message` whose templates are this module's :data:`TEXTS` unless told
    otherwise, e.g. "Objekt 3 (kode 'A12'): ..."."""

    texts: dict = field(default_factory=lambda: TEXTS, repr=False, compare=False)


class AreaImportError(files.FileProblem):
    """The file as a whole cannot be imported; :attr:`message` says why (Danish first)."""


def _where(n: int, code: str | None) -> Message:
    if code and len(code) > 40:
        code = code[:40] + "…"
    return Message("where_feature_code", {"n": n, "code": code}) if code else Message("where_feature", {"n": n})


# --- reading -------------------------------------------------------------------------------


@dataclass
class AreaFile:
    """A GeoJSON file read into memory: its features (properties and geometry as parsed JSON),
    the CRS it declares (the legacy ``crs`` member), and notes about how it was read."""

    filename: str
    features: list[dict]
    declared_crs: str | None = None
    notes: list[Message] = field(default_factory=list)

    @property
    def properties(self) -> list[str]:
        """All property names, in the order they first appear."""
        seen: dict[str, None] = {}
        for f in self.features:
            for k in f.get("properties") or {}:
                seen.setdefault(str(k), None)
        return list(seen)

    def samples(self, prop: str, k: int = 3) -> list[str]:
        """The first ``k`` distinct non-empty values of a property, as text (to help pick fields)."""
        out: list[str] = []
        for f in self.features:
            value = _clean_text((f.get("properties") or {}).get(prop))
            if value and value not in out:
                out.append(value)
                if len(out) == k:
                    break
        return out

    def guess(self, role: str) -> str | None:
        """The property most likely to hold ``role`` ('code', 'name' or 'kommunekode'), or None."""
        props = self.properties
        lowered = {p.lower(): p for p in props}
        for candidate in FIELD_GUESSES[role]:
            if candidate in lowered:
                return lowered[candidate]
        hints = {"code": ("kode", "code"), "name": ("navn", "name"), "kommunekode": ("kommunekode", "komkode")}[role]
        for p in props:
            low = p.lower()
            if any(h in low for h in hints) and (role == "kommunekode" or "kommune" not in low):
                return p
        return None


MAX_FEATURES = 20_000  # Denmark has 2.148 parishes
MAX_NAME, MAX_CODE = 200, 50


def read_area_file(source: str | Path | bytes, filename: str | None = None) -> AreaFile:
    """Read GeoJSON (or a zip holding one GeoJSON file) from a path or bytes, through the readers of
    :mod:`lokal.files` and their limits (size, unpacked size, coordinates, nesting).

    Raises :class:`AreaImportError` with a Danish message when the file cannot be used.
    """
    try:
        if isinstance(source, (str, Path)):
            path = Path(source)
            data, filename = files.read_path(path), filename or path.name
        else:
            data, filename = bytes(source), filename or "fil"
        doc, encoding, filename = files.read_geojson(data, filename)
    except files.FileProblem as exc:
        raise AreaImportError(exc.message) from None
    return area_file(doc, filename, encoding)


def area_file(doc, filename: str, encoding: str = "UTF-8") -> AreaFile:
    """The features of a parsed GeoJSON document (from :func:`lokal.files.read_geojson`), or a Danish
    :class:`AreaImportError` when it is not a collection of features Lokal can use."""
    notes = [Message("encoding_cp1252")] if encoding == "Windows-1252" else []
    kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
    if kind == "FeatureCollection":
        features = doc.get("features") or []
    elif kind == "Feature":
        features = [doc]
    elif kind in ("Polygon", "MultiPolygon", "GeometryCollection", "Point", "LineString", "MultiPoint",
                  "MultiLineString"):
        raise AreaImportError(Message("file_bare_geometry", {"file": filename}))
    else:
        raise AreaImportError(Message("file_not_geojson", {"file": filename, "type": kind}))
    if not isinstance(features, list):
        raise AreaImportError(Message("file_features_not_list", {"file": filename, "type": type(features).__name__}))
    if len(features) > MAX_FEATURES:
        raise AreaImportError(Message("file_too_many_features", {"file": filename, "n": messages.Count(len(features)),
                                                                 "limit": messages.Count(MAX_FEATURES)}))
    # A feature that is not an object, or whose properties are not one, is kept (and rejected by number).
    features = [{**f, "properties": f.get("properties") if isinstance(f.get("properties"), dict) else {}}
                if isinstance(f, dict) else {} for f in features]
    if not features:
        raise AreaImportError(Message("file_no_features", {"file": filename}))
    return AreaFile(filename, features, _declared_crs(doc), notes)


def _declared_crs(doc: dict) -> str | None:
    crs = doc.get("crs")
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties") or {}
    name = props.get("name") or props.get("code")
    return str(name) if name else None


# --- cleaning values -----------------------------------------------------------------------


def _clean_text(value) -> str | None:
    """Text from a property: numbers without a spurious '.0', NFC-normalised (Å as one letter,
    not A + ring), whitespace collapsed; empty → None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        value = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = str(int(value)) if value.is_integer() else repr(value)
    text = unicodedata.normalize("NFC", str(value))
    text = " ".join(text.split())
    return text or None


def _fix_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 ('Ã†' for 'Æ') turned back; other text unchanged."""
    if not re.search("[ÃÂ]", text):
        return text
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    return unicodedata.normalize("NFC", fixed)


def normalise_kommunekode(value) -> str | None:
    """'851', 851 and '0851' → '0851'; None when it is not 1–4 digits."""
    text = _clean_text(value)
    if text is None or not re.fullmatch(r"[0-9]{1,4}", text):
        return None
    return text.zfill(4)


def code_key(code: str) -> str:
    """How codes are matched: spacing and letter case do not matter ('a 12' = 'A12')."""
    return "".join(code.split()).casefold()


# --- CRS -----------------------------------------------------------------------------------


def _crs(text: str, key: str) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError as exc:
        raise AreaImportError(Message(key, {"crs": text})) from exc


def _crs_label(crs: pyproj.CRS) -> str:
    if crs.equals(pyproj.CRS(WGS84), ignore_axis_order=True):
        return WGS84
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _guess_crs(bounds) -> str | None:
    """WGS84 when the coordinates are degrees, UTM32 when they look like Danish metres."""
    x0, y0, x1, y1 = bounds
    if -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90:
        return WGS84
    if 0 <= x0 <= x1 <= 1_000_000 and 5_000_000 <= y0 <= y1 <= 7_000_000:
        return UTM32
    return None


def _transform(geoms: np.ndarray, source: str | pyproj.CRS, target: str) -> np.ndarray:
    transformer = pyproj.Transformer.from_crs(source, target, always_xy=True)

    def fn(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1], errcheck=False)
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


# --- the plan ------------------------------------------------------------------------------


@dataclass
class AreaOptions:
    """What the user picked: which properties hold the name, the code and the kommunekode (or one
    kommunekode for the whole file), the area kind (None: new areas get 'andet', existing ones
    keep theirs) and the CRS (None: from the file or guessed from the coordinates)."""

    name_field: str | None = None
    code_field: str | None = None
    kommunekode_field: str | None = None
    kommunekode: str | None = None
    kind: str | None = None
    crs: str | None = None


@dataclass
class AreaItem:
    """One line of the report: the feature (1-based, None for an area only in the database),
    the area's code and name, and a message when there is something to say."""

    feature: int | None
    code: str | None
    name: str | None
    message: Message | None = None


@dataclass
class AreaReport:
    """What an import did (or, in a dry run, would do)."""

    filename: str
    crs: str = ""
    crs_how: str = ""  # 'fil', 'valgt' or 'koordinater'
    features: int = 0
    new: list[AreaItem] = field(default_factory=list)
    updated: list[AreaItem] = field(default_factory=list)
    unchanged: list[AreaItem] = field(default_factory=list)
    repaired: list[AreaItem] = field(default_factory=list)
    rejected: list[AreaItem] = field(default_factory=list)
    disappeared: list[AreaItem] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False
    seconds: float = 0.0
    unpopulated: int = 0  # areas without population after the import (left out of the rates per 1.000)

    STATUSES = ("ny", "opdateret", "uændret", "repareret", "afvist", "forsvundet")

    def counts(self) -> dict[str, int]:
        return {"features": self.features, "new": len(self.new), "updated": len(self.updated),
                "unchanged": len(self.unchanged), "repaired": len(self.repaired),
                "rejected": len(self.rejected), "disappeared": len(self.disappeared)}

    @property
    def changes(self) -> int:
        return len(self.new) + len(self.updated)

    def frame(self, lang: str = "da", statuses: Iterable[str] | None = None) -> pd.DataFrame:
        """The report as rows (status, feature, code, name, message without the feature), for a table;
        missing values are '–' (st.dataframe shows a missing number as 'None')."""
        groups = dict(zip(self.STATUSES, (self.new, self.updated, self.unchanged, self.repaired, self.rejected,
                                          self.disappeared), strict=True))
        rows = [
            {"status": status, "feature": "–" if item.feature is None else str(item.feature),
             "code": item.code or "–", "name": item.name or "–",
             "message": item.message.body(lang) if item.message else ""}
            for status in (statuses or self.STATUSES) for item in groups[status]
        ]
        return pd.DataFrame(rows, columns=["status", "feature", "code", "name", "message"])

    def lines(self, lang: str = "da", limit: int = 10) -> list[str]:
        """The report as text lines (the CLI prints them): a summary, then repairs, rejections,
        disappeared areas in full, and the first ``limit`` new and updated areas."""
        c = self.counts()
        how = {"fil": "fra filen", "valgt": "valgt", "koordinater": "gættet ud fra koordinaterne"}.get(self.crs_how, "")
        head = ("Prøvekørsel (intet skrevet)" if self.dry_run else "Importeret" if self.written
                else "Intet importeret (ingen nye eller ændrede områder)")
        out = [f"{head}: {self.filename} · {c['features']} objekter · referencesystem {self.crs} ({how})",
               f"  nye {c['new']} · opdaterede {c['updated']} · uændrede {c['unchanged']} · "
               f"reparerede {c['repaired']} · afviste {c['rejected']} · forsvundne {c['disappeared']}"]
        out += [f"  Bemærk: {m.text(lang)}" for m in self.notes]
        if self.unpopulated:
            out.append(f"  Bemærk: {Message('no_population', {'n': self.unpopulated}).text(lang)}")
        for title, items, full in (("Afvist", self.rejected, True), ("Repareret", self.repaired, True),
                                   ("Forsvundet", self.disappeared, True), ("Ny", self.new, False),
                                   ("Opdateret", self.updated, False)):
            shown = items if full else items[:limit]
            for item in shown:
                text = item.message.text(lang) if item.message else f"{item.code} {item.name}"
                out.append(f"  {title}: {text}")
            if len(items) > len(shown):
                out.append(f"  {title}: … og {len(items) - len(shown)} flere")
        return out


@dataclass
class AreaPlan:
    """A checked file: the report and the rows to insert and update (as frames)."""

    report: AreaReport
    inserts: pd.DataFrame
    updates: pd.DataFrame
    before: dict[str, dict]


_WRITE_COLUMNS = ["code", "name", "kommunekode", "kind", "boundary_geojson", "boundary_simplified",
                  "centroid_lon", "centroid_lat", "area_km2"]

EXISTING_AREAS = "SELECT id, code, name, kommunekode, kind, boundary_geojson FROM areas"
INSERT_AREAS = """
INSERT INTO areas (code, name, kommunekode, kind, boundary_geojson, boundary_simplified,
                   centroid_lon, centroid_lat, area_km2)
SELECT code, name, kommunekode, kind, boundary_geojson, boundary_simplified, centroid_lon, centroid_lat, area_km2
FROM lokal_area_inserts
"""
# Only non-key columns: DuckDB cannot update an indexed column of a row that a foreign key references.
UPDATE_AREAS = """
UPDATE areas SET name = u.name, kommunekode = u.kommunekode, kind = u.kind,
       boundary_geojson = u.boundary_geojson, boundary_simplified = u.boundary_simplified,
       centroid_lon = u.centroid_lon, centroid_lat = u.centroid_lat, area_km2 = u.area_km2
FROM lokal_area_updates u
WHERE areas.id = u.id
"""
INSERT_AUDIT = """
INSERT INTO audit_log (user_name, action, table_name, record_key, before_json, after_json)
VALUES (?, 'import', ?, ?, ?, ?)
"""


def plan_import(con, area_file: AreaFile, options: AreaOptions | None = None) -> AreaPlan:
    """Check every feature of ``area_file`` against the database without writing anything.

    Raises :class:`AreaImportError` for problems with the file as a whole (unknown property,
    unknown CRS, no kommunekode); problems with single features end up in the report.
    """
    started = time.perf_counter()
    options = options or AreaOptions()
    props = area_file.properties
    name_field = options.name_field or area_file.guess("name")
    code_field = options.code_field or area_file.guess("code")
    for chosen, fallback in ((name_field, "navn"), (code_field, "kode"), (options.kommunekode_field, None)):
        if (chosen is None and fallback) or (chosen is not None and chosen not in props):
            raise AreaImportError(Message("field_missing", {"field": chosen or fallback,
                                                            "fields": ", ".join(props) or "–"}))
    if options.kind is not None and options.kind not in KINDS:
        raise AreaImportError(Message("bad_kind", {"kind": options.kind, "kinds": ", ".join(KINDS)}))
    kommune_field, fixed_kommune = _kommune_source(con, area_file, options)

    report = AreaReport(area_file.filename, features=len(area_file.features), notes=list(area_file.notes))
    rejected: dict[int, Message] = {}
    repairs: dict[int, list[Message]] = defaultdict(list)
    rows: dict[int, dict] = {}
    geoms: dict[int, BaseGeometry] = {}

    for i, feature in enumerate(area_file.features):
        n = i + 1
        p = feature.get("properties") or {}
        code = _clean_text(p.get(code_field))
        name = _clean_text(p.get(name_field))
        where = _where(n, code)
        rows[i] = {"feature": n, "code": code, "name": name}
        if code is None:
            rejected[i] = Message("no_code", {"field": code_field}, where)
            continue
        if name is None:
            rejected[i] = Message("no_name", {"field": name_field}, where)
            continue
        if len(code) > MAX_CODE or len(name) > MAX_NAME:
            what, limit, text = ("code", MAX_CODE, code) if len(code) > MAX_CODE else ("name", MAX_NAME, name)
            rejected[i] = Message(f"{what}_too_long", {"n": messages.Count(len(text)), "limit": limit}, where)
            continue
        fixed = _fix_mojibake(name)
        if fixed != name:
            repairs[i].append(Message("name_fixed", {"old": name, "new": fixed}, where))
            rows[i]["name"] = fixed
        if kommune_field:
            raw = p.get(kommune_field)
            kk = normalise_kommunekode(raw)
            if kk is None:
                rejected[i] = Message("bad_kommunekode", {"value": _clean_text(raw) or "", "field": kommune_field},
                                      where)
                continue
        else:
            kk = fixed_kommune
        rows[i]["kommunekode"] = kk
        geom, problem = _parse_geometry(feature.get("geometry"))
        if problem is not None:
            rejected[i] = Message(problem[0], problem[1], where)
            continue
        if _has_open_ring(feature["geometry"]):
            repairs[i].append(Message("ring_closed", {}, where))
        geoms[i] = geom

    # Duplicate codes: every feature that shares a code is rejected; the file must say which is right.
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, row in rows.items():
        if row["code"] is not None:
            by_key[code_key(row["code"])].append(i)
    for members in by_key.values():
        if len(members) > 1:
            for i in members:
                others = ", ".join(str(j + 1) for j in members if j != i)
                rejected[i] = Message("duplicate_code", {"code": rows[i]["code"], "others": others},
                                      _where(i + 1, rows[i]["code"]))
                geoms.pop(i, None)

    ok = [i for i in sorted(geoms) if i not in rejected]
    source_crs, report.crs_how = _source_crs(area_file, options, [geoms[i] for i in ok])
    report.crs = _crs_label(source_crs)
    final = _prepare_geometries(ok, [geoms[i] for i in ok], source_crs, rows, rejected, repairs)

    existing = con.execute(EXISTING_AREAS).df()
    by_code = {c: k for k, c in enumerate(existing["code"])}
    by_folded: dict[str, int] = {}
    for k, c in enumerate(existing["code"]):
        by_folded.setdefault(code_key(c), k)

    inserts, updates, before, matched = [], [], {}, set()
    for i in sorted(final):
        row = rows[i]
        k = by_code.get(row["code"], by_folded.get(code_key(row["code"])))
        values = {**final[i], "name": row["name"], "kommunekode": row["kommunekode"]}
        item = AreaItem(row["feature"], row["code"], row["name"])
        if k is None:
            values.update(code=row["code"], kind=options.kind or DEFAULT_KIND)
            inserts.append(values)
            report.new.append(item)
            continue
        old = existing.iloc[k]
        matched.add(k)
        values.update(id=int(old["id"]), code=old["code"], kind=options.kind or old["kind"])
        item.code = old["code"]
        same = (old["name"] == values["name"] and old["kommunekode"] == values["kommunekode"]
                and old["kind"] == values["kind"] and old["boundary_geojson"] == values["boundary_geojson"])
        if same:
            report.unchanged.append(item)
        else:
            updates.append(values)
            report.updated.append(item)
            before[old["code"]] = {c: (None if pd.isna(old[c]) else old[c])
                                   for c in ("name", "kommunekode", "kind", "boundary_geojson")}

    # Areas of the file's kommuner that the file no longer has (rejected features still count as present).
    present = {code_key(r["code"]) for r in rows.values() if r["code"]}
    kommuner = {rows[i]["kommunekode"] for i in final}
    for k, old in existing.iterrows():
        if k not in matched and old["kommunekode"] in kommuner and code_key(old["code"]) not in present:
            where = Message("where_area", {"code": old["code"], "name": old["name"]})
            report.disappeared.append(AreaItem(None, old["code"], old["name"], Message("disappeared", {}, where)))

    for i in sorted(repairs):
        for msg in repairs[i]:
            report.repaired.append(AreaItem(rows[i]["feature"], rows[i]["code"], rows[i]["name"], msg))
    for i in sorted(rejected):
        report.rejected.append(AreaItem(rows[i]["feature"], rows[i]["code"], rows[i]["name"], rejected[i]))
    if final:
        lons = [v["centroid_lon"] for v in final.values()]
        lats = [v["centroid_lat"] for v in final.values()]
        b = (min(lons), min(lats), max(lons), max(lats))
        dx0, dy0, dx1, dy1 = DENMARK_BOUNDS
        if b[2] < dx0 or b[0] > dx1 or b[3] < dy0 or b[1] > dy1:
            report.notes.append(Message("outside_denmark", {"x0": f"{b[0]:.3f}", "x1": f"{b[2]:.3f}",
                                                            "y0": f"{b[1]:.3f}", "y1": f"{b[3]:.3f}"}))
    # New areas have no population yet: say so, since the rates per 1.000 leave them out until it comes.
    report.unpopulated = len(inserts) + sum(1 for r in con.execute("SELECT adults FROM areas").fetchall() if not r[0])
    report.seconds = time.perf_counter() - started
    columns = _WRITE_COLUMNS
    return AreaPlan(report, pd.DataFrame(inserts, columns=columns), pd.DataFrame(updates, columns=["id", *columns]),
                    before)


def import_areas(con, area_file: AreaFile, options: AreaOptions | None = None, *, user: access.User | str = "cli",
                 dry_run: bool = False) -> AreaReport:
    """Check ``area_file`` and, unless ``dry_run``, write it in one transaction.

    New codes are inserted; known codes are updated in place (never deleted and inserted again,
    so what points at an area keeps pointing at it); areas missing from the file are only
    reported. One ``audit_log`` row records the import; the data version is bumped after the commit.
    """
    access.require(con, user, access.ADMIN, what="areas")
    user = access.actor_name(user)
    if dry_run:
        return plan_import(con, area_file, options).report
    started = time.perf_counter()
    with WRITE_LOCK:
        with db.transaction(con):
            plan = plan_import(con, area_file, options)
            report = plan.report
            report.dry_run = False
            if report.changes:
                _write(con, plan, user)
                rollups.refresh_areas(con)
                report.written = True
        if report.written:
            db.bump_data_version(con)
    report.seconds = time.perf_counter() - started
    return report


def _write(con, plan: AreaPlan, user: str) -> None:
    for view, frame, sql in (("lokal_area_inserts", plan.inserts, INSERT_AREAS),
                             ("lokal_area_updates", plan.updates, UPDATE_AREAS)):
        if frame.empty:
            continue
        con.register(view, frame)
        try:
            con.execute(sql)
        finally:
            con.unregister(view)
    r = plan.report
    after = {"file": r.filename, "crs": r.crs, **r.counts(),
             "new_codes": [i.code for i in r.new], "updated_codes": [i.code for i in r.updated],
             "disappeared_codes": [i.code for i in r.disappeared]}
    con.execute(INSERT_AUDIT, [user, "areas", r.filename,
                               json.dumps(plan.before, ensure_ascii=False) if plan.before else None,
                               json.dumps(after, ensure_ascii=False)])


def _kommune_source(con, area_file: AreaFile, options: AreaOptions) -> tuple[str | None, str | None]:
    """Where the kommunekode comes from: a property, one code for the file, or the database's kommune."""
    if options.kommunekode_field:
        return options.kommunekode_field, None
    if options.kommunekode:
        kk = normalise_kommunekode(options.kommunekode)
        if kk is None:
            raise AreaImportError(Message("bad_kommunekode_option", {"value": options.kommunekode}))
        return None, kk
    guessed = area_file.guess("kommunekode")
    if guessed:
        return guessed, None
    kk = normalise_kommunekode(db.get_meta(con, "kommunekode"))
    if kk is None:
        raise AreaImportError(Message("no_kommunekode"))
    return None, kk


def _parse_geometry(geometry) -> tuple[BaseGeometry | None, tuple[str, dict] | None]:
    if not isinstance(geometry, dict) or not geometry.get("type"):
        return None, ("no_geometry", {})
    kind = str(geometry.get("type"))
    if kind not in ("Polygon", "MultiPolygon"):
        return None, ("wrong_type", {"type": kind})
    try:
        geom = shape(geometry)
    except ValueError as exc:
        if "at least 4 coordinates" in str(exc):
            return None, ("too_few_points", {})
        return None, ("bad_coordinates", {})
    except (TypeError, IndexError, KeyError, AttributeError, shapely.errors.ShapelyError):
        return None, ("bad_coordinates", {})  # also GEOS refusing NaN or unclosed rings
    if geom.is_empty:
        return None, ("no_area", {})
    return shapely.force_2d(geom), None


def _has_open_ring(geometry: dict) -> bool:
    coords = geometry.get("coordinates") or []
    polygons = coords if geometry.get("type") == "MultiPolygon" else [coords]
    try:
        return any(len(ring) > 0 and list(ring[0])[:2] != list(ring[-1])[:2] for poly in polygons for ring in poly)
    except (TypeError, IndexError):
        return False


def _source_crs(area_file: AreaFile, options: AreaOptions, geoms: list[BaseGeometry]) -> tuple[pyproj.CRS, str]:
    if options.crs:
        return _crs(options.crs, "crs_unknown_option"), "valgt"
    if area_file.declared_crs:
        return _crs(area_file.declared_crs, "crs_unknown_member"), "fil"
    if not geoms:
        return pyproj.CRS(WGS84), "koordinater"
    bounds = shapely.total_bounds(np.array(geoms, dtype=object))
    guessed = _guess_crs(bounds)
    if guessed is None:
        x0, y0, x1, y1 = (f"{v:.0f}" if abs(v) > 1000 else f"{v:.3f}" for v in bounds)
        raise AreaImportError(Message("crs_guess_failed", {"x0": x0, "x1": x1, "y0": y0, "y1": y1}))
    return pyproj.CRS(guessed), "koordinater"


def _reason(geom: BaseGeometry, projected: bool) -> Message:
    """GEOS's reason for invalidity, in words."""
    reason = shapely.is_valid_reason(geom)
    m = re.match(r"([^\[]+)\[([-0-9.eE+]+) ([-0-9.eE+]+)\]", reason)
    if not m:
        return Message("reason_other", {"reason": reason})
    what, x, y = m.group(1).strip(), float(m.group(2)), float(m.group(3))
    at = f"{x:.0f} {y:.0f}" if projected else f"{x:.5f} {y:.5f}"
    key = _GEOS_REASONS.get(what)
    return Message(key, {"at": at}) if key else Message("reason_other", {"reason": reason})


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a repaired geometry (make_valid may return a collection)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def _prepare_geometries(index: list[int], geoms: list[BaseGeometry], source: pyproj.CRS, rows: dict,
                        rejected: dict, repairs: dict) -> dict[int, dict]:
    """Repair (in the file's own coordinates), reproject to WGS84, snap to the storage grid, and
    compute centroid, km² and the simplified boundary. Returns the values per feature index;
    features that cannot be used are added to ``rejected``."""
    if not index:
        return {}
    arr = np.array(geoms, dtype=object)
    invalid = ~shapely.is_valid(arr)
    projected = not source.is_geographic
    for pos in np.flatnonzero(invalid):
        i = index[pos]
        reason = _reason(arr[pos], projected)
        arr[pos] = _polygonal(shapely.make_valid(arr[pos], method="structure", keep_collapsed=False))
        repairs[i].append(Message("repaired", {"reason": reason}, _where(i + 1, rows[i]["code"])))

    if not source.equals(pyproj.CRS(WGS84), ignore_axis_order=True):
        arr = _transform(arr, source, WGS84)
    coords_ok = np.array([np.isfinite(shapely.get_coordinates(g)).all() for g in arr])
    b = np.where(coords_ok[:, None], shapely.bounds(arr), 0.0)
    # A geometry that the repair left empty has no area (below), not coordinates out of range.
    coords_ok &= ((b[:, 0] >= -180) & (b[:, 2] <= 180) & (b[:, 1] >= -90) & (b[:, 3] <= 90)) | shapely.is_empty(arr)
    # Snapping to the grid keeps the geometry valid (GEOS re-nodes it) and is what gets stored.
    arr = np.where(coords_ok, arr, None)
    arr = shapely.set_precision(arr, GRID)

    out: dict[int, dict] = {}
    keep = []
    for pos, i in enumerate(index):
        where = _where(i + 1, rows[i]["code"])
        if not coords_ok[pos]:
            rejected[i] = Message("not_projectable", {"crs": _crs_label(source)}, where)
        elif arr[pos] is None or arr[pos].is_empty or arr[pos].area == 0:
            rejected[i] = Message("no_area", {}, where)
        else:
            keep.append(pos)
    if not keep:
        return out
    final = arr[keep]
    km2 = shapely.area(_transform(final, WGS84, EQUAL_AREA)) / 1e6
    centroids = shapely.centroid(final)
    lon, lat = np.round(shapely.get_x(centroids), 5), np.round(shapely.get_y(centroids), 5)
    outside = ~shapely.contains_xy(final, lon, lat)
    for pos in np.flatnonzero(outside):
        pt = final[pos].point_on_surface()
        lon[pos], lat[pos] = round(pt.x, 5), round(pt.y, 5)
    tolerance = np.minimum(SIMPLIFY_MAX, SIMPLIFY_REL * np.sqrt(shapely.area(final)))
    simplified = shapely.simplify(final, tolerance, preserve_topology=True)
    smaller = shapely.get_num_coordinates(simplified) < shapely.get_num_coordinates(final)
    texts = _geojson_texts(final)
    simple_texts = _geojson_texts(simplified)
    for k, pos in enumerate(keep):
        out[index[pos]] = {
            "boundary_geojson": texts[k],
            "boundary_simplified": simple_texts[k] if smaller[k] else None,
            "centroid_lon": float(lon[k]),
            "centroid_lat": float(lat[k]),
            "area_km2": round(float(km2[k]), 4),
        }
    return out


def area_km2(geom) -> float:
    """A WGS84 polygon's area in km² (computed in ETRS89-LAEA, as the import does)."""
    return round(float(shapely.area(_transform(np.array([geom]), WGS84, EQUAL_AREA))[0]) / 1e6, 4)


def _geojson_texts(geoms: np.ndarray) -> list[str]:
    """The same text as :func:`lokal.geo.to_geojson` (RFC 7946 orientation, 5 decimals, compact),
    for many geometries at once: GEOS writes them, Python's float repr makes the numbers short."""
    rounded = shapely.transform(shapely.orient_polygons(geoms), lambda c: np.round(c, geo.DECIMALS))
    return [json.dumps(json.loads(t), separators=(",", ":")) for t in shapely.to_geojson(rounded)]


# --- what is in the database ----------------------------------------------------------------

AREA_OVERVIEW = """
SELECT code, name, kind, kommunekode, area_km2, adults, adults_40_60,
       adults_men, adults_women, boundary_geojson IS NOT NULL AS has_boundary
FROM areas ORDER BY kommunekode, name
"""


def overview(con) -> pd.DataFrame:
    """Every area with its kind, kommune, km² and population (for the admin page)."""
    return con.execute(AREA_OVERVIEW).df()


# --- points in areas -----------------------------------------------------------------------

AREA_BOUNDARIES = "SELECT code, name, boundary_geojson FROM areas WHERE boundary_geojson IS NOT NULL ORDER BY code"


@dataclass
class AreaShapes:
    """The areas' full boundaries with a spatial index, for placing many points quickly."""

    codes: list[str]
    names: list[str]
    geoms: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> AreaShapes:
        geoms = shapely.from_geojson(frame["boundary_geojson"].to_numpy(dtype=object), on_invalid="ignore")
        ok = ~shapely.is_missing(geoms)
        frame, geoms = frame[ok], geoms[ok]
        return cls(list(frame["code"]), list(frame["name"]), geoms, shapely.STRtree(geoms))

    def name_of(self, code: str | None) -> str | None:
        return self.names[self.codes.index(code)] if code in self.codes else None

    def geometry_of(self, code: str) -> BaseGeometry | None:
        return self.geoms[self.codes.index(code)] if code in self.codes else None


def area_shapes(con) -> AreaShapes:
    """The areas with a boundary, read from the database."""
    return AreaShapes.from_frame(con.execute(AREA_BOUNDARIES).df())


def _shapes(con_or_shapes) -> AreaShapes:
    return con_or_shapes if isinstance(con_or_shapes, AreaShapes) else area_shapes(con_or_shapes)


def area_of_point(con_or_shapes, lon: float, lat: float) -> str | None:
    """The code of the area that holds the point (on its edge counts), or None.

    Where areas overlap, the smallest one wins (a housing estate inside a parish).
    """
    shapes = _shapes(con_or_shapes)
    if not (math.isfinite(lon) and math.isfinite(lat)) or not len(shapes.codes):
        return None
    hits = shapes.tree.query(shapely.Point(lon, lat), predicate="intersects")
    if len(hits) == 0:
        return None
    best = min(hits, key=lambda k: shapes.geoms[k].area)
    return shapes.codes[int(best)]


def check_venue(con_or_shapes, area_code: str, lon: float, lat: float, venue: str | None = None,
                lang: str = "da") -> str | None:
    """A warning when the venue at (lon, lat) lies outside the offer's area ``area_code``; None
    when it lies inside, or when the area has no boundary to check against."""
    shapes = _shapes(con_or_shapes)
    area = shapes.geometry_of(area_code)
    if area is None or not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    if area.intersects(shapely.Point(lon, lat)):
        return None
    label = venue or f"{lat:.5f}, {lon:.5f}"
    area_name = shapes.name_of(area_code)
    if area.intersects(shapely.Point(lat, lon)):
        return Message("venue_swapped", {"venue": label, "area": area_name}).text(lang)
    other = area_of_point(shapes, lon, lat)
    if other is None:
        return Message("venue_outside_all", {"venue": label, "area": area_name}).text(lang)
    return Message("venue_other_area", {"venue": label, "other": shapes.name_of(other), "area": area_name}).text(lang)


VENUES_WITH_AREA = """
SELECT o.id, o.title, o.venue_name, o.venue_lon AS lon, o.venue_lat AS lat, a.code AS area_code, a.name AS area_name
FROM offer_facts o JOIN areas a ON a.id = o.area_id
WHERE o.venue_lon IS NOT NULL AND o.venue_lat IS NOT NULL
ORDER BY a.name, o.title
"""


def venues_outside(con, lang: str = "da") -> pd.DataFrame:
    """Offers whose venue lies outside the offer's own area, with the warning for each."""
    shapes = area_shapes(con)
    venues = con.execute(VENUES_WITH_AREA).df()
    warnings = [check_venue(shapes, r.area_code, r.lon, r.lat, r.venue_name, lang) for r in venues.itertuples()]
    venues["warning"] = warnings
    return venues[venues["warning"].notna()].reset_index(drop=True)
