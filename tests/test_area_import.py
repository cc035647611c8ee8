"""Area boundaries, population and health profile imports on real DuckDB files (issue #6).

Fixtures are small hand-made files in tests/fixtures/areas/; expected values are worked out by
hand in the comments.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import time
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely
import streamlit as st
from streamlit.testing.v1 import AppTest

from lokal import areas, db, geo, i18n, queries
from lokal import population as pop
from lokal.areas import AreaOptions

FIX = Path(__file__).resolve().parent / "fixtures" / "areas"
APP = str(Path(__file__).resolve().parent.parent / "app.py")
DAGI = Path(__file__).resolve().parents[2] / "shared" / "data" / "dagi_sogne_2014.geojson"


@pytest.fixture
def con(tmp_path):
    c = db.open_db(tmp_path / "areas.duckdb")
    yield c
    c.close()


def load(name: str) -> areas.AreaFile:
    return areas.read_area_file(FIX / name)


def texts(items) -> list[str]:
    return [i.message.text() for i in items]


def area(con, code: str) -> dict:
    cur = con.execute("SELECT * FROM areas WHERE code = ?", [code])
    cols = [d[0] for d in cur.description]
    row = cur.fetchone()
    return dict(zip(cols, row, strict=True)) if row else {}


def audit_rows(con) -> list[tuple]:
    # Leaves out the standard offer types a new database starts with (lokal.catalogue).
    return con.execute("SELECT user_name, action, table_name, record_key, before_json, after_json "
                       "FROM audit_log WHERE table_name <> 'offer_types' ORDER BY id").fetchall()


def _utm32_northing_on_central_meridian(lat: float) -> float:
    """Northing of a point on UTM zone 32's central meridian (9° E): 0.9996 × the meridian arc
    length on GRS80, M(φ) = a(1 − e²) ∫₀^φ (1 − e² sin² t)^(−3/2) dt, integrated numerically."""
    a, f = 6378137.0, 1 / 298.257222101
    e2 = f * (2 - f)
    t = np.linspace(0.0, math.radians(lat), 20001)
    y = (1 - e2 * np.sin(t) ** 2) ** -1.5
    return 0.9996 * a * (1 - e2) * float(np.sum((y[1:] + y[:-1]) / 2) * (t[1] - t[0]))


# --- GeoJSON: each fixture imports or fails with a precise message ---------------------------


def test_utm32_file_is_reprojected_to_wgs84(con):
    report = areas.import_areas(con, load("utm32.geojson"))
    assert (report.crs, report.crs_how) == ("EPSG:25832", "fil")
    assert [i.code for i in report.new] == ["U1", "U2"] and not report.rejected
    u1 = geo.from_geojson(area(con, "U1")["boundary_geojson"])
    # The corner E 500000, N 6200000 lies on the zone's central meridian: longitude exactly 9°.
    corner = min(u1.exterior.coords, key=lambda c: (abs(c[0] - 9.0), c[1]))
    assert corner[0] == pytest.approx(9.0, abs=1e-5)
    lo, hi = 55.0, 57.0  # latitude whose northing is 6 200 000 m, by bisection on the arc length
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _utm32_northing_on_central_meridian(mid) < 6_200_000 else (lo, mid)
    metres_off = abs(corner[1] - lo) * 111_300
    assert metres_off < 3, metres_off


def test_area_in_km2_is_hand_computed_for_squares(con):
    areas.import_areas(con, load("utm32.geojson"))
    # U1 is 1000 m × 1000 m in UTM; UTM shrinks lengths by 0.9996 on the central meridian, so the
    # true area is 1 / 0.9996² = 1,0008 km². U2 is 2 km × 2 km with a 1 km × 1 km hole: about 3 km².
    assert area(con, "U1")["area_km2"] == pytest.approx(1.0008, abs=0.0005)
    assert area(con, "U2")["area_km2"] == pytest.approx(3.0, rel=0.002)
    ring = geo.from_geojson(area(con, "U2")["boundary_geojson"])
    assert len(ring.interiors) == 1


def test_utm32_without_crs_member_is_recognised_by_its_coordinates(con, tmp_path):
    doc = json.loads((FIX / "utm32.geojson").read_text(encoding="utf-8"))
    del doc["crs"]
    path = tmp_path / "uden_crs.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = areas.import_areas(con, areas.read_area_file(path))
    assert (report.crs, report.crs_how) == ("EPSG:25832", "koordinater")
    assert area(con, "U1")["area_km2"] == pytest.approx(1.0008, abs=0.0005)


def test_a_chosen_crs_overrides_the_file(con):
    report = areas.import_areas(con, load("sommerfugl.geojson"), AreaOptions(crs="EPSG:4326"), dry_run=True)
    assert (report.crs, report.crs_how) == ("EPSG:4326", "valgt")
    with pytest.raises(areas.AreaImportError, match="Referencesystemet 'EPSG:99999' kendes ikke"):
        areas.import_areas(con, load("sommerfugl.geojson"), AreaOptions(crs="EPSG:99999"))


def test_bow_tie_is_repaired_and_reported(con):
    report = areas.import_areas(con, load("sommerfugl.geojson"))
    assert texts(report.repaired) == [
        "Objekt 1 (kode 'B1'): geometrien er repareret: selvoverskæring ved punktet (10.00500 56.00500)",
        "Objekt 2 (kode 'B2'): en ring var ikke lukket; den er lukket",
    ]
    assert [i.code for i in report.new] == ["B1", "B2"]
    bow = geo.from_geojson(area(con, "B1")["boundary_geojson"])
    # Two triangles, each a quarter of the 0.01° square: half the square together.
    assert bow.is_valid and bow.geom_type == "MultiPolygon" and len(bow.geoms) == 2
    assert bow.area == pytest.approx(0.5 * 0.01 * 0.01, rel=1e-3)
    assert report.frame()["status"].tolist().count("repareret") == 2
    assert "self-intersection at the point (10.00500 56.00500)" in report.repaired[0].message.text("en")


def test_multipolygon_island_keeps_both_parts_and_its_centroid_lies_inside(con):
    areas.import_areas(con, load("oe.geojson"))
    row = area(con, "M1")
    geom = geo.from_geojson(row["boundary_geojson"])
    assert geom.geom_type == "MultiPolygon" and len(geom.geoms) == 2
    # The plain centroid (10.04, 56.01) lies in the water between the two parts; the stored one is inside.
    assert geom.centroid.x == pytest.approx(10.04)
    assert not geo.contains(geom, 10.04, 56.01)
    assert geo.contains(geom, row["centroid_lon"], row["centroid_lat"])


def test_duplicate_codes_and_bad_features_are_rejected_with_precise_messages(con):
    report = areas.import_areas(con, load("dubletter.geojson"))
    assert texts(report.rejected) == [
        "Objekt 1 (kode 'A12'): koden 'A12' findes også i objekt 2; hver kode må kun forekomme én gang",
        "Objekt 2 (kode 'A12'): koden 'A12' findes også i objekt 1; hver kode må kun forekomme én gang",
        "Objekt 3 (kode 'A13'): geometrien er en LineString; kun Polygon og MultiPolygon kan bruges",
        "Objekt 4 (kode 'A14'): har ingen geometri",
        "Objekt 5: mangler en kode (egenskaben 'kode' er tom)",
    ]
    assert [i.code for i in report.new] == ["A15"]
    assert con.execute("SELECT list(code ORDER BY code) FROM areas").fetchone()[0] == ["A15"]
    assert report.rejected[2].message.text("en") == (
        "Feature 3 (code 'A13'): the geometry is a LineString; only Polygon and MultiPolygon can be used")


def test_danish_letters_are_preserved_and_codes_tidied(con):
    report = areas.import_areas(con, load("aeoeaa.geojson"))
    assert not report.rejected and not report.notes
    rows = con.execute("SELECT code, name, kommunekode FROM areas ORDER BY code").fetchall()
    # The file writes Å in 'Ålykke' as A + combining ring; it is stored as the one letter Å.
    assert rows == [("LA-01", "Æblehaven", "0851"), ("LA-02", "Østerbro Nord", "0851"),
                    ("LA-03", "Ålykke & Sønderå", "0851")]
    assert unicodedata.is_normalized("NFC", rows[2][1])


def test_a_windows_1252_file_is_read_and_said_so(con):
    report = areas.import_areas(con, load("aeoeaa_cp1252.geojson"))
    assert area(con, "LA-04")["name"] == "Ærøskøbing Syd"
    assert [m.text() for m in report.notes] == [
        "Filen var ikke UTF-8; den er læst som Windows-1252 (tjek æ, ø og å i navnene)."]


def test_zipped_geojson_imports_like_the_plain_file(con, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.write(FIX / "aeoeaa.geojson", "omraader/aeoeaa.geojson")
        z.writestr("__MACOSX/._aeoeaa.geojson", b"junk")
    report = areas.import_areas(con, areas.read_area_file(buf.getvalue(), "omraader.zip"))
    assert report.filename == "omraader.zip/omraader/aeoeaa.geojson"
    assert [i.code for i in report.new] == ["LA-01", "LA-02", "LA-03"]


@pytest.mark.parametrize(("members", "message"), [
    ({"a.geojson": b"{}", "b.geojson": b"{}"},
     "Zip-filen 'x.zip' indeholder flere GeoJSON-filer (a.geojson, b.geojson); pak kun én fil ad gangen."),
    ({"omr.shp": b"", "omr.dbf": b""},
     "Zip-filen 'x.zip' indeholder en shapefil (omr.shp); gem den som GeoJSON i jeres GIS-program, og importér den."),
    ({"readme.txt": b"hej"}, "Zip-filen 'x.zip' indeholder ingen GeoJSON-fil (.geojson eller .json)."),
])
def test_zip_files_without_exactly_one_geojson_are_refused(members, message):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    with pytest.raises(areas.AreaImportError) as err:
        areas.read_area_file(buf.getvalue(), "x.zip")
    assert err.value.message.text() == message


@pytest.mark.parametrize(("content", "message"), [
    (b'{"type": "FeatureCollection", "features": [', "Filen 'f.geojson' er ikke gyldig JSON (linje 1, kolonne 44)."),
    (b'{"type": "Polygon", "coordinates": []}', "Filen 'f.geojson' indeholder en enkelt geometri uden egenskaber; "
                                                "områder skal komme som en FeatureCollection med navn og kode for "
                                                "hvert område."),
    (b'{"type": "FeatureCollection", "features": []}', "Filen 'f.geojson' indeholder ingen objekter."),
    (b'[1, 2]', "Filen 'f.geojson' er ikke GeoJSON: den skal være en FeatureCollection eller en Feature, men er "
                "'list'."),
])
def test_unusable_files_are_refused_with_a_message(content, message):
    with pytest.raises(areas.AreaImportError) as err:
        areas.read_area_file(content, "f.geojson")
    assert err.value.message.text() == message


def test_file_level_choices_are_checked_before_anything_else(con):
    f = load("aeoeaa.geojson")
    with pytest.raises(areas.AreaImportError, match="Egenskaben 'navnet' findes ikke i filen; vælg blandt: kode, "
                                                    "navn, kommunekode."):
        areas.plan_import(con, f, AreaOptions(name_field="navnet"))
    with pytest.raises(areas.AreaImportError, match="Områdetypen 'planet' findes ikke"):
        areas.plan_import(con, f, AreaOptions(kind="planet"))
    with pytest.raises(areas.AreaImportError, match="Kommunekoden '85a' er ugyldig"):
        areas.plan_import(con, f, AreaOptions(kommunekode_field=None, kommunekode="85a"))


def test_coordinates_in_an_unknown_system_ask_for_the_crs(con):
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "W", "navn": "W",
           "kommunekode": "0851"}, "geometry": {"type": "Polygon", "coordinates": [[[1100000, 7700000],
           [1101000, 7700000], [1101000, 7701000], [1100000, 7700000]]]}}]}
    f = areas.read_area_file(json.dumps(doc).encode(), "webmercator.geojson")
    with pytest.raises(areas.AreaImportError) as err:
        areas.plan_import(con, f)
    assert err.value.message.text() == ("Koordinaternes referencesystem kan ikke gættes (x fra 1100000 til 1101000, "
                                        "y fra 7700000 til 7701000); angiv det, fx EPSG:25832.")
    # With the right CRS it lands in Denmark (around 9.9° E, 56.7° N).
    report = areas.import_areas(con, f, AreaOptions(crs="EPSG:3857"))
    assert not report.notes and report.new
    assert area(con, "W")["centroid_lon"] == pytest.approx(9.885, abs=0.01)


def test_areas_outside_denmark_give_a_warning(con):
    report = areas.import_areas(con, load("utm32.geojson"), AreaOptions(crs="EPSG:4326"), dry_run=True)
    # Read as degrees, the UTM metres are nowhere on Earth: the features cannot be used at all.
    assert len(report.rejected) == 2
    assert report.rejected[0].message.text() == ("Objekt 1 (kode 'U1'): koordinaterne kan ikke omregnes til længde- "
                                                 "og breddegrad med EPSG:4326")
    doc = json.loads((FIX / "oe.geojson").read_text(encoding="utf-8"))
    doc["crs"] = {"type": "name", "properties": {"name": "EPSG:25833"}}
    doc["features"][0]["geometry"]["coordinates"] = [[[[500000, 6100000], [501000, 6100000], [501000, 6101000],
                                                       [500000, 6100000]]]]
    report = areas.import_areas(con, areas.read_area_file(json.dumps(doc).encode(), "x.geojson"), dry_run=True)
    assert not report.notes  # UTM33 around 15° E is Bornholm: in Denmark
    doc["crs"]["properties"]["name"] = "EPSG:32760"  # UTM 60 south: New Zealand's waters
    report = areas.import_areas(con, areas.read_area_file(json.dumps(doc).encode(), "x.geojson"), dry_run=True)
    assert report.notes[0].text().startswith("Områderne ligger ikke i Danmark")


def test_dry_run_writes_nothing(con):
    version = db.data_version(con)
    report = areas.import_areas(con, load("aeoeaa.geojson"), dry_run=True)
    assert len(report.new) == 3 and report.dry_run and not report.written
    assert con.execute("SELECT count(*) FROM areas").fetchone()[0] == 0
    assert audit_rows(con) == [] and db.data_version(con) == version


# --- Re-import ----------------------------------------------------------------------------------


def _offer_on(con, code: str) -> int:
    con.execute("INSERT INTO offer_types (name, category) VALUES ('Rygestop', 'kommunalt')")
    con.execute("INSERT INTO offers (offer_type_id, area_id, title, start_date, status) "
                "SELECT 1, id, 'Rygestop i Æblehaven', DATE '2025-03-01', 'gennemført' FROM areas WHERE code = ?",
                [code])
    con.execute("INSERT INTO targets (area_id, indicator, year, value) SELECT id, 'x', 2025, 1 FROM areas "
                "WHERE code = ?", [code])
    return area(con, code)["id"]


def test_reimport_updates_in_place_keeps_offers_and_reports_disappeared_areas(con, tmp_path):
    areas.import_areas(con, load("aeoeaa.geojson"))
    area_id = _offer_on(con, "LA-01")
    doc = json.loads((FIX / "aeoeaa.geojson").read_text(encoding="utf-8"))
    first, second, _third = doc["features"]
    first["properties"].update(kode="la-01", navn="Æblehaven Nord")  # same area, code typed differently
    first["geometry"]["coordinates"][0][2] = [9.915, 57.035]  # one corner moved
    new = json.loads(json.dumps(second))
    new["properties"].update(kode="LA-05", navn="Søbredden")
    new["geometry"]["coordinates"] = [[[9.95, 57.02], [9.96, 57.02], [9.96, 57.03], [9.95, 57.03], [9.95, 57.02]]]
    doc["features"] = [first, second, new]
    path = tmp_path / "aeoeaa_v2.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    report = areas.import_areas(con, areas.read_area_file(path), user="admin")
    assert [i.code for i in report.updated] == ["LA-01"]
    assert [i.code for i in report.unchanged] == ["LA-02"]
    assert [i.code for i in report.new] == ["LA-05"]
    assert texts(report.disappeared) == [
        "Området 'LA-03' (Ålykke & Sønderå): findes i databasen, men ikke i filen; området og dets data er bevaret"]
    row = area(con, "LA-01")
    assert (row["id"], row["code"], row["name"]) == (area_id, "LA-01", "Æblehaven Nord")
    assert con.execute("SELECT area_id FROM offers").fetchone()[0] == area_id
    assert con.execute("SELECT area_id FROM targets").fetchone()[0] == area_id
    assert area(con, "LA-03")["name"] == "Ålykke & Sønderå"  # kept
    audits = audit_rows(con)
    assert [(u, a, t) for u, a, t, *_ in audits] == [("cli", "import", "areas"), ("admin", "import", "areas")]
    before, after = json.loads(audits[1][4]), json.loads(audits[1][5])
    assert before["LA-01"]["name"] == "Æblehaven"
    assert (after["new"], after["updated"], after["disappeared"], after["disappeared_codes"]) == (1, 1, 1, ["LA-03"])


def test_identical_reimport_changes_nothing(con):
    areas.import_areas(con, load("aeoeaa.geojson"))
    version = db.data_version(con)
    report = areas.import_areas(con, load("aeoeaa.geojson"))
    assert len(report.unchanged) == 3 and not report.written and not report.dry_run
    assert report.lines()[0].startswith("Intet importeret")
    assert len(audit_rows(con)) == 1 and db.data_version(con) == version


def test_reimport_keeps_the_kind_unless_one_is_chosen(con):
    areas.import_areas(con, load("aeoeaa.geojson"), AreaOptions(kind="boligområde"))
    areas.import_areas(con, load("aeoeaa.geojson"))
    assert area(con, "LA-01")["kind"] == "boligområde"
    report = areas.import_areas(con, load("aeoeaa.geojson"), AreaOptions(kind="landsby"))
    assert len(report.updated) == 3 and area(con, "LA-01")["kind"] == "landsby"


def test_import_bumps_the_data_version_and_writes_one_audit_row(con):
    version = db.data_version(con)
    areas.import_areas(con, load("utm32.geojson"), user="admin")
    assert db.data_version(con) == version + 1
    [(user, action, table, key, before, after)] = audit_rows(con)
    assert (user, action, table, key, before) == ("admin", "import", "areas", "utm32.geojson", None)
    assert json.loads(after)["new_codes"] == ["U1", "U2"]


# --- Drawing ------------------------------------------------------------------------------------


def test_simplified_geometry_is_smaller_and_the_map_uses_it(con, tmp_path):
    # A circle of radius 0.01° drawn with 2,000 vertices: far more than a map needs.
    angles = np.linspace(0, 2 * np.pi, 2000, endpoint=False)
    ring = [[round(10.5 + 0.01 * math.cos(a), 6), round(56.2 + 0.01 * math.sin(a), 6)] for a in angles]
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "kode": "RUND", "navn": "Rundingen", "kommunekode": "0851"},
        "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}]}
    areas.import_areas(con, areas.read_area_file(json.dumps(doc).encode(), "rund.geojson"))
    row = area(con, "RUND")
    full, simple = geo.from_geojson(row["boundary_geojson"]), geo.from_geojson(row["boundary_simplified"])
    assert shapely.get_num_coordinates(simple) < shapely.get_num_coordinates(full) / 4
    assert len(row["boundary_simplified"]) < len(row["boundary_geojson"]) / 4
    assert simple.is_valid and simple.area == pytest.approx(full.area, rel=0.02)
    shapes = queries.area_shapes(con)
    assert shapes.set_index("code").at["RUND", "geojson"] == row["boundary_simplified"]


def test_a_square_needs_no_simplified_copy(con):
    areas.import_areas(con, load("aeoeaa.geojson"))
    assert area(con, "LA-01")["boundary_simplified"] is None
    assert queries.area_shapes(con).set_index("code").at["LA-01", "geojson"] == area(con, "LA-01")["boundary_geojson"]


# --- Venues in areas ----------------------------------------------------------------------------


def test_a_point_is_placed_in_its_area(con):
    areas.import_areas(con, load("aeoeaa.geojson"))
    shapes = areas.area_shapes(con)
    assert areas.area_of_point(shapes, 9.905, 57.025) == "LA-01"
    assert areas.area_of_point(con, 9.915, 57.025) == "LA-02"
    assert areas.area_of_point(shapes, 9.91, 57.025) in ("LA-01", "LA-02")  # on the shared edge
    assert areas.area_of_point(shapes, 12.0, 55.0) is None


def test_venue_outside_its_offers_area_gets_a_danish_warning(con):
    areas.import_areas(con, load("aeoeaa.geojson"))
    shapes = areas.area_shapes(con)
    assert areas.check_venue(shapes, "LA-01", 9.905, 57.025, "Fælleshuset") is None
    assert areas.check_venue(shapes, "LA-01", 9.915, 57.025, "Fælleshuset") == (
        "Mødestedet 'Fælleshuset' ligger i Østerbro Nord, ikke i tilbuddets område Æblehaven")
    assert areas.check_venue(shapes, "LA-01", 12.0, 55.0) == (
        "Mødestedet '55.00000, 12.00000' ligger uden for alle områder; tilbuddet hører til Æblehaven")
    assert areas.check_venue(shapes, "LA-01", 57.025, 9.905, "Hallen").endswith("er de byttet om?")
    assert areas.check_venue(shapes, "LA-01", 9.915, 57.025, "Hallen", lang="en") == (
        "The venue 'Hallen' lies in Østerbro Nord, not in the offer's area Æblehaven")
    assert areas.check_venue(shapes, "UKENDT", 9.9, 57.0) is None  # no boundary to check against


def test_venues_outside_lists_only_misplaced_venues(con):
    areas.import_areas(con, load("aeoeaa.geojson"))
    _offer_on(con, "LA-01")
    assert areas.venues_outside(con).empty
    con.execute("UPDATE offers SET venue_name = 'Hallen', venue_lon = 9.915, venue_lat = 57.025")
    outside = areas.venues_outside(con)
    assert outside[["title", "area_code", "warning"]].values.tolist() == [
        ["Rygestop i Æblehaven", "LA-01", "Mødestedet 'Hallen' ligger i Østerbro Nord, ikke i tilbuddets område "
                                          "Æblehaven"]]


def test_demo_venues_lie_in_their_areas(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    c = db.open_db(path)
    assert areas.venues_outside(c).empty
    c.close()


# --- Population and health profile ---------------------------------------------------------------


@pytest.fixture
def with_areas(con):
    areas.import_areas(con, load("aeoeaa.geojson"))
    return con


def test_population_csv_with_danish_thousands_is_imported(with_areas):
    con = with_areas
    report = pop.import_population(con, pop.read_table(FIX / "befolkning.csv"))
    assert report.written and not report.errors and report.areas == ["LA-01", "LA-02", "LA-03"]
    assert [m.text() for m in report.notes] == ["Kolonnerne 'navn' bruges ikke."]
    row = area(con, "LA-02")
    assert (row["adults"], row["adults_40_60"], row["adults_men"], row["adults_women"],
            row["adults_40_60_men"], row["adults_40_60_women"]) == (2050, 700, 1000, 1050, 345, 355)
    [(user, action, table, key, before, after)] = audit_rows(con)[1:]
    assert (user, action, table, key) == ("cli", "import", "areas", "befolkning.csv")
    assert json.loads(before)["LA-02"]["adults"] == 0 and json.loads(after)["population"]["LA-02"]["adults"] == 2050


def test_population_errors_name_row_and_column_and_nothing_is_written(with_areas):
    con = with_areas
    version = db.data_version(con)
    report = pop.import_population(con, pop.read_table(FIX / "befolkning_fejl.csv"))
    assert [m.text() for m in report.errors] == [
        "Række 3, kolonne 'voksne': '2050,5' er ikke et helt tal",
        "Række 4, kolonne 'kode': koden 'LA-99' findes ikke blandt områderne",
        "Række 5, kolonne 'voksne': '-5' er negativt; et antal kan ikke være negativt",
    ]
    assert not report.written
    assert con.execute("SELECT sum(adults) FROM areas").fetchone()[0] == 0  # not even row 2, which was fine
    assert len(audit_rows(con)) == 1 and db.data_version(con) == version
    assert report.errors[0].text("en") == "Row 3, column 'voksne': '2050,5' is not a whole number"


def test_parts_may_not_exceed_the_whole(with_areas):
    table = pop.Table("t.csv", ["kode", "voksne", "voksne 40-60", "mænd", "kvinder"],
                      [(2, ["LA-01", "100", "120", "60", "50"])])
    report = pop.import_population(with_areas, table)
    assert [m.text() for m in report.errors] == [
        "Række 2: voksne 40–60 år (120) er flere end voksne i alt (100)",
        "Række 2: mænd og kvinder (110) er flere end voksne i alt (100)",
    ]


def test_health_profile_with_decimal_comma_is_upserted(with_areas):
    con = with_areas
    report = pop.import_population(con, pop.read_table(FIX / "sundhedsprofil.csv"))
    assert report.written and report.profile_values == 6 and not report.areas
    rows = con.execute("SELECT a.code, h.year, h.measure, h.value, h.source FROM area_health_profile h "
                       "JOIN areas a ON a.id = h.area_id WHERE h.measure = 'dagligrygning' ORDER BY 1").fetchall()
    assert rows == [("LA-01", 2025, "dagligrygning", 23.4, "Lokal sundhedsprofil 2025"),
                    ("LA-02", 2025, "dagligrygning", 17.9, "Lokal sundhedsprofil 2025")]
    # Importing a corrected value again updates it in place.
    table = pop.Table("rettet.csv", ["kode", "dagligrygning"], [(2, ["LA-01", "22,0"])])
    pop.import_population(con, table, year=2025, source="Rettet")
    assert con.execute("SELECT count(*), max(value) FILTER (WHERE source = 'Rettet') FROM area_health_profile "
                       "WHERE measure = 'dagligrygning'").fetchone() == (2, 22.0)


def test_health_profile_needs_a_year_and_percentages(with_areas):
    table = pop.Table("p.csv", ["kode", "dagligrygning"], [(2, ["LA-01", "23,4"])])
    with pytest.raises(pop.PopulationImportError, match="Sundhedsmålene kræver et år"):
        pop.import_population(with_areas, table)
    table = pop.Table("p.csv", ["kode", "år", "KOL"], [(2, ["LA-01", "2025", "123"]), (3, ["LA-02", "20xx", "4"])])
    report = pop.import_population(with_areas, table)
    assert [m.text() for m in report.errors] == [
        "Række 2, kolonne 'KOL': '123' ligger uden for 0–100 (procent af de voksne)",
        "Række 3, kolonne 'år': '20xx' er ikke et årstal mellem 1990 og 2100",
    ]


def test_health_profile_takes_respondents_for_the_row_or_per_measure(with_areas):
    con = with_areas
    table = pop.Table("p.csv", ["kode", "år", "dagligrygning", "KOL", "svarpersoner", "KOL svarpersoner"],
                      [(2, ["LA-01", "2025", "23,4", "5,1", "1.250", "1.190"]), (3, ["LA-02", "2025", "17,9", "4,0", "", ""])])
    report = pop.import_population(con, table)
    assert report.written and not report.errors and report.profile_values == 4
    assert report.columns["svarpersoner"] == ("Svarpersoner", "Respondents")
    assert report.columns["KOL svarpersoner"] == ("Svarpersoner: KOL", "Respondents: COPD")
    rows = con.execute("SELECT a.code, h.measure, h.respondents FROM area_health_profile h JOIN areas a "
                       "ON a.id = h.area_id ORDER BY 1, 2").fetchall()
    assert rows == [("LA-01", "dagligrygning", 1250), ("LA-01", "kol", 1190),
                    ("LA-02", "dagligrygning", None), ("LA-02", "kol", None)]
    # A corrected value from a file without respondents keeps the respondents recorded.
    pop.import_population(con, pop.Table("r.csv", ["kode", "dagligrygning"], [(2, ["LA-01", "22,0"])]), year=2025)
    assert con.execute("SELECT value, respondents FROM area_health_profile WHERE measure = 'dagligrygning' "
                       "AND area_id = (SELECT id FROM areas WHERE code = 'LA-01')").fetchone() == (22.0, 1250)


def test_bad_respondents_name_row_and_column_and_nothing_is_written(with_areas):
    table = pop.Table("p.csv", ["kode", "år", "dagligrygning", "svarpersoner"],
                      [(2, ["LA-01", "2025", "23,4", "0"]), (3, ["LA-02", "2025", "17,9", "12,5"]),
                       (4, ["LA-03", "2025", "19,0", "mange"])])
    report = pop.import_population(with_areas, table)
    assert [m.text() for m in report.errors] == [
        "Række 2, kolonne 'svarpersoner': '0' er ikke et antal svarpersoner; skriv et helt tal på mindst 1 "
        "(eller lad feltet stå tomt)",
        "Række 3, kolonne 'svarpersoner': '12,5' er ikke et antal svarpersoner; skriv et helt tal på mindst 1 "
        "(eller lad feltet stå tomt)",
        "Række 4, kolonne 'svarpersoner': 'mange' er ikke et antal svarpersoner; skriv et helt tal på mindst 1 "
        "(eller lad feltet stå tomt)",
    ]
    assert report.errors[0].text("en").startswith("Row 2, column 'svarpersoner': '0' is not a number of respondents")
    assert not report.written
    assert with_areas.execute("SELECT count(*) FROM area_health_profile").fetchone() == (0,)


def test_excel_and_statistics_denmark_labels_work(with_areas, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Område", "Voksne", "Voksne 40-60"])
    ws.append(["LA-01 Æblehaven", 1234, 410])
    ws.append(["la-02", 2050.0, 700])
    ws.append([None, None, None])
    ws.append(["LA-03", "856", "300"])
    path = tmp_path / "befolkning.xlsx"
    wb.save(path)
    table = pop.read_table(path)
    assert table.guess_code_column() == "Område"
    report = pop.import_population(with_areas, table)
    assert not report.errors, [m.text() for m in report.errors]
    assert con_values(with_areas) == [("LA-01", 1234, 410), ("LA-02", 2050, 700), ("LA-03", 856, 300)]


def con_values(con):
    return con.execute("SELECT code, adults, adults_40_60 FROM areas ORDER BY code").fetchall()


def test_duplicate_and_unknown_rows(with_areas):
    table = pop.Table("d.csv", ["kode", "voksne"], [(2, ["LA-01", "10"]), (3, ["", "5"]), (4, ["LA-01", "11"])])
    report = pop.import_population(with_areas, table)
    assert [m.text() for m in report.errors] == [
        "Række 3, kolonne 'kode': mangler en områdekode",
        "Række 4, kolonne 'kode': koden 'LA-01' står også i række 2",
    ]


def test_population_file_level_errors(con):
    with pytest.raises(pop.PopulationImportError, match="Filtypen '.pdf' kan ikke bruges"):
        pop.read_table(b"x", "tal.pdf")
    with pytest.raises(pop.PopulationImportError, match="Databasen har ingen områder endnu"):
        pop.import_population(con, pop.read_table(FIX / "befolkning.csv"))


def test_population_needs_known_columns(with_areas):
    table = pop.Table("x.csv", ["kode", "farve"], [(2, ["LA-01", "rød"])])
    with pytest.raises(pop.PopulationImportError, match="Filen har ingen kolonner, der kan bruges"):
        pop.import_population(with_areas, table)
    with pytest.raises(pop.PopulationImportError, match="Kolonnen 'nr' findes ikke; vælg blandt: kode, farve."):
        pop.import_population(with_areas, table, code_column="nr")


def test_number_parsing():
    assert [pop.parse_int(v) for v in ("1.234", "1 234", "12", "", 7.0, "-3")] == [1234, 1234, 12, None, 7, -3]
    for bad in ("12,5", "1.2", "12a"):
        with pytest.raises(ValueError):
            pop.parse_int(bad)
    assert [pop.parse_decimal(v) for v in ("23,4", "1.234,5", "23.4", "12 %", "")] == [23.4, 1234.5, 23.4, 12.0, None]


# --- Messages, schema, CLI ------------------------------------------------------------------------


def test_every_message_template_has_an_english_translation_with_the_same_fields():
    import re

    for key, text in {**areas.TEXTS, **pop.TEXTS}.items():
        assert text in i18n.EN, key
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", i18n.EN[text])), key


def test_migration_0003_adds_the_area_columns(tmp_path):
    names = [n for n, _ in db.migrations()]
    assert "0003_area_geometry" in names and names.index("0003_area_geometry") > names.index("0001_initial")
    c = db.open_db(tmp_path / "m.duckdb")
    cols = {r[0] for r in c.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'areas'")
            .fetchall()}
    assert {"area_km2", "boundary_simplified", "adults_men", "adults_women", "adults_40_60_men",
            "adults_40_60_women"} <= cols
    c.close()


def test_migration_0003_upgrades_a_database_with_areas_and_offers(tmp_path):
    # A database from before 0003: only the first migration, with an area that an offer points at.
    c = db.connect(tmp_path / "old.duckdb")
    c.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    name, sql = db.migrations()[0]
    c.execute(sql)
    c.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp)", [name])
    c.execute("INSERT INTO areas (code, name, kommunekode, kind, adults) VALUES ('A', 'Aby', '0851', 'landsby', 10)")
    c.execute("INSERT INTO offer_types (name, category) VALUES ('Rygestop', 'kommunalt')")
    c.execute("INSERT INTO offers (offer_type_id, area_id, title, start_date, status) "
              "VALUES (1, 1, 'x', DATE '2025-01-01', 'planlagt')")
    assert "0003_area_geometry" in db.migrate(c)
    assert c.execute("SELECT adults, area_km2, boundary_simplified, adults_men FROM areas").fetchone() == (
        10, None, None, None)
    c.close()


def test_cli_imports_areas_and_population(tmp_path, capsys):
    from lokal import cli

    path = str(tmp_path / "cli.duckdb")
    assert cli.main(["areas", "import", str(FIX / "aeoeaa.geojson"), "--path", path, "--kind", "boligområde"]) == 0
    out = capsys.readouterr().out
    assert "nye 3 · opdaterede 0" in out
    assert cli.main(["areas", "import", str(FIX / "dubletter.geojson"), "--path", path, "--dry-run"]) == 2
    assert "Afvist: Objekt 3 (kode 'A13'): geometrien er en LineString" in capsys.readouterr().out
    assert cli.main(["areas", "import", str(FIX / "befolkning.csv"), "--path", path]) == 1
    assert "Fejl: Filen 'befolkning.csv' er ikke gyldig JSON" in capsys.readouterr().err
    assert cli.main(["population", "import", str(FIX / "befolkning_fejl.csv"), "--path", path]) == 2
    assert "Fejl: Række 4, kolonne 'kode': koden 'LA-99' findes ikke blandt områderne" in capsys.readouterr().out
    assert cli.main(["population", "import", str(FIX / "befolkning.csv"), "--path", path]) == 0
    c = db.connect(path, read_only=True)
    assert c.execute("SELECT sum(adults), min(kind), max(kind) FROM areas").fetchone() == (4140, "boligområde",
                                                                                           "boligområde")
    c.close()


# --- The admin page and the map (AppTest) ---------------------------------------------------------


def _run(at: AppTest, page: str = "app_pages/omraader.py") -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label.replace("\u00ad", "") == label)  # soft hyphens: widgets.hyphenate


def test_admin_page_runs_on_demo_and_empty_databases(app, demo_db, empty_db):
    at = _run(app(demo_db))
    assert at.title[0].value == "Områder"
    assert _metric(at, "Områder") == "22"
    at = _run(app(empty_db))
    assert any("Der er ingen områder endnu" in i.value for i in at.info)
    at = _run(app(demo_db, {"lang": "en"}))
    assert at.title[0].value == "Areas"


def test_admin_page_upload_dry_run_then_import(app, tmp_path):
    path = tmp_path / "page.duckdb"
    db.open_db(path).close()
    at = _run(app(path))
    at.file_uploader(key="omraader.geojson").upload("aeoeaa.geojson", (FIX / "aeoeaa.geojson").read_bytes()).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="omraader.kode").value == "kode"
    assert _metric(at, "Nye") == "3"
    c = db.connect(path)  # the dry run wrote nothing (same process: share the app's instance)
    assert c.execute("SELECT count(*) FROM areas").fetchone()[0] == 0
    c.close()
    at.selectbox(key="omraader.type").set_value("boligområde")
    at.button(key="omraader.importer").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[0].value.startswith("Importeret: aeoeaa.geojson · nye 3")
    assert _metric(at, "Uændrede") == "3"  # the file is still chosen: a new dry run finds nothing to do

    at.file_uploader(key="omraader.befolkning").upload("befolkning.csv", (FIX / "befolkning.csv").read_bytes()).run()
    assert not at.exception, [e.message for e in at.exception]
    at.button(key="omraader.importer_befolkning").click().run()
    assert not at.exception, [e.message for e in at.exception]
    st.cache_resource.clear()  # close the app's connection before reading the file here
    c = db.connect(path, read_only=True)
    assert c.execute("SELECT sum(adults), min(kind) FROM areas").fetchone() == (4140, "boligområde")
    assert c.execute("SELECT list(user_name ORDER BY id) FROM audit_log WHERE table_name <> 'offer_types'").fetchone()[0] == ["demo", "demo"]  # the (demo-mode) user who did it
    c.close()


def test_admin_page_shows_errors_for_a_bad_population_file(app, tmp_path):
    path = tmp_path / "bad.duckdb"
    c = db.open_db(path)
    areas.import_areas(c, load("aeoeaa.geojson"))
    c.close()
    at = _run(app(path, {"lang": "en"}))
    at.file_uploader(key="omraader.befolkning").upload("befolkning_fejl.csv",
                                                       (FIX / "befolkning_fejl.csv").read_bytes()).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.button(key="omraader.importer_befolkning").disabled
    assert at.error[0].value.startswith("Errors in the file")


def test_map_draws_areas_without_any_activity(app, tmp_path):
    path = tmp_path / "only_areas.duckdb"
    c = db.open_db(path)
    report = areas.import_areas(c, load("aeoeaa.geojson"))
    c.close()
    at = _run(app(path), "app_pages/kort.py")
    maps = [m.value for m in at.markdown if 'class="lokal-kort"' in m.value]
    assert len(maps) == 1 and maps[0].count("<path ") == len(report.new) > 0
    assert not at.info  # not the empty state: the areas are there


@pytest.mark.skipif(not (os.environ.get("LOKAL_SLOW") and DAGI.exists()),
                    reason="national scale: set LOKAL_SLOW=1 (bench/area_import.py measures the same)")
def test_all_danish_parishes_import_in_under_30_seconds(con):
    started = time.perf_counter()
    report = areas.import_areas(con, areas.read_area_file(DAGI), AreaOptions(kind="sogn"))
    seconds = time.perf_counter() - started
    assert len(report.new) == 2148 and not report.rejected
    assert seconds < 30, seconds
