"""Generators for the bad-input corpus: files too large to keep in git, or binary ones (Excel, zip)
that are clearer as the code that makes them. Each takes a folder and returns the file it wrote.
:func:`checksum` is what the corpus and the fault tests compare before and after.

The zip bombs are written by hand (:func:`zip_file`): deflate data that inflates to hundreds of
megabytes, with an honest header or one that claims a few bytes — in a fraction of a second,
because a block of identical bytes after a full flush compresses to the same bytes every time.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
import zlib
from pathlib import Path

S = "Område;Tilbud;Dato;Fremmøde\n"


def checksum(path) -> dict:
    """Every table's row count and the sum of its rows' hashes, and every sequence's value."""
    from lokal import db

    con = db.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        union = " UNION ALL ".join(f"SELECT '{t}', count(*), sum(hash(t)) FROM \"{t}\" t" for t in tables)
        sums = {name: (n, h) for name, n, h in con.execute(union).fetchall()}
        sums["(sekvenser)"] = con.execute(
            "SELECT list((sequence_name, last_value) ORDER BY sequence_name) FROM duckdb_sequences()").fetchone()
        return sums
    finally:
        con.close()


def deflate_repeated(chunk: bytes, times: int) -> tuple[bytes, int, int]:
    """Raw deflate data for ``chunk`` repeated ``times`` times, its CRC-32 and its unpacked size."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return first + again * (times - 1) + c.flush(), crc, len(chunk) * times


def zip_file(members: list[tuple[str, bytes, int, int]], *, declared: int | None = None, method: int = 8,
             flags: int = 0) -> bytes:
    """A zip archive from (name, raw data, crc, size) members, written by hand so the header can lie
    (``declared`` size), name another compression ``method`` or set the encryption flag."""
    out, central = bytearray(), bytearray()
    for name, body, crc, size in members:
        n = name.encode()
        stated = size if declared is None else declared
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0, crc, len(body), stated, len(n), 0)
        out += n + body
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0, crc, len(body), stated,
                               len(n), 0, 0, 0, 0, 0, offset) + n
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def _zip(folder: Path, name: str, files: dict[str, bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for member, content in files.items():
            z.writestr(member, content)
    return _write(folder / name, buf.getvalue())


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room (the size limit refuses it before reading)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def _area(code="Z1", name="Zby", coordinates=None) -> dict:
    ring = coordinates or [[9.9, 57.0], [9.91, 57.0], [9.91, 57.01], [9.9, 57.01], [9.9, 57.0]]
    return {"type": "Feature", "properties": {"kode": code, "navn": name, "kommunekode": "0851"},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEOJSON = json.dumps({"type": "FeatureCollection", "features": [_area()]}).encode()


def _xlsx(rows: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, member: str, change) -> bytes:
    """An .xlsx with one member's XML changed by ``change(text) -> text``."""
    src, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            content = src.read(info)
            out.writestr(info.filename, change(content.decode()).encode() if info.filename == member else content)
    return buf.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["Område", "Tilbud", "Dato", "Fremmøde"]


# --- the generators ------------------------------------------------------------------------------------


def field_over_10_mb(folder):
    return _write(folder / "felt_over_10_mb.csv", S.replace("\n", ";Note\n") + "Aby;Rygestop forår;15-02-2025;11;"
                  + "x" * (10 * 1024 * 1024 + 1) + "\n")


def enormous_line(folder):
    return _write(folder / "enorm_linje.csv", "Område;" + "y" * (12 * 1024 * 1024))  # one line, no line break


def csv_60_mb(folder):
    return _sparse(folder / "60_mb.csv", 60 * 1024 * 1024)


def rows_200_001(folder):
    return _write(folder / "200001_raekker.csv", S + "Aby;Rygestop forår;15-02-2025;9\n" * 200_001)


def xlsx_zip_of_junk(folder):
    return _zip(folder, "zip_med_affald.xlsx", {"readme.txt": b"ikke et regneark", "data.bin": os.urandom(64)})


def xlsx_truncated(folder):
    data = _xlsx([HEADER, ["Aby", "Rygestop forår", "15-02-2025", 11]])
    return _write(folder / "afkortet.xlsx", data[: len(data) // 2])


def xlsx_claims_2_million_rows(folder):
    data = _xlsx([HEADER, ["Aby", "Rygestop forår", "15-02-2025", 11]])
    return _write(folder / "paastaar_2_mio_raekker.xlsx",
                  _rewrite(data, SHEET, lambda x: x.replace('<dimension ref="A1:D2"/>', '<dimension ref="A1:D2000000"/>')))


def xlsx_row_past_excel(folder):
    data = _xlsx([HEADER, ["Aby", "Rygestop forår", "15-02-2025", 11]])
    far = '<row r="1500000"><c r="A1500000" t="inlineStr"><is><t>Aby</t></is></c></row></sheetData>'
    return _write(folder / "raekke_1500000.xlsx", _rewrite(
        data, SHEET, lambda x: x.replace('<dimension ref="A1:D2"/>', "").replace("</sheetData>", far)))


def xlsx_chartsheet_only(folder):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.create_chartsheet("Diagram")
    wb.remove(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    return _write(folder / "kun_diagram.xlsx", buf.getvalue())


def xlsx_formula_without_value(folder):
    return _write(folder / "formel_uden_vaerdi.xlsx", _xlsx([HEADER, ["Aby", "Rygestop forår", "15-02-2025", "=D1+1"]]))


def xlsx_2_million_characters(folder):
    return _write(folder / "celle_2_mio_tegn.xlsx", _xlsx([[*HEADER, "Note"], ["Aby", "Rygestop forår", "15-02-2025",
                                                                              11, "z" * 2_000_000]]))


def xlsx_bomb(folder):
    body, crc, size = deflate_repeated(b"<row/>" * 174763, 300)  # 300 MB of sheet XML
    workbook = b"<workbook/>"
    return _write(folder / "excel_bombe.xlsx", zip_file([("xl/workbook.xml", zlib.compress(workbook)[2:-4],
                                                          zlib.crc32(workbook), len(workbook)), (SHEET, body, crc, size)]))


def xlsx_lying_bomb(folder):
    body, crc, size = deflate_repeated(b" " * (1 << 20), 300)
    workbook = b"<workbook/>"
    members = [("xl/workbook.xml", zlib.compress(workbook)[2:-4], zlib.crc32(workbook), len(workbook)),
               (SHEET, body, crc, size)]
    data = zip_file(members, declared=11)  # both members claim 11 bytes; the sheet inflates to 300 MB
    return _write(folder / "excel_bombe_loegn.xlsx", data)


def xlsx_impossible_date(folder):
    return _write(folder / "umulig_dato.xlsx", _xlsx([HEADER, ["Aby", "Rygestop forår", "31-02-2026", 11]]))


def population_200k_cell(folder):
    return _write(folder / "befolkning_celle_200000.csv", "kode;voksne\nA;" + "7" * 100_000 + "x" * 100_000 + "\n")


def population_20_001_rows(folder):
    return _write(folder / "befolkning_20001_raekker.csv", "kode;voksne\n" + "A;1000\n" * 20_001)


def population_claims_2_million_rows(folder):
    data = _xlsx([["kode", "voksne"], ["A", 1000]])
    return _write(folder / "befolkning_2_mio.xlsx", _rewrite(
        data, SHEET, lambda x: x.replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:B2000000"/>')))


def zip_bomb_600_mb(folder):
    """The issue's bomb: one GeoJSON that inflates to 600 MB, its size stated honestly."""
    body, crc, size = deflate_repeated(b" " * (1 << 20), 600)
    return _write(folder / "zipbombe_600_mb.zip", zip_file([("omraader.geojson", body, crc, size)]))


def zip_bomb_lying(folder):
    body, crc, size = deflate_repeated(b" " * (1 << 20), 600)
    return _write(folder / "zipbombe_loegn.zip", zip_file([("omraader.geojson", body, crc, size)], declared=1000))


def zip_60_mb_member(folder):
    body, crc, size = deflate_repeated(b" " * (1 << 20), 60)
    return _write(folder / "zip_60_mb.zip", zip_file([("omraader.geojson", body, crc, size)]))


def zip_several(folder):
    return _zip(folder, "flere.zip", {"a.geojson": GEOJSON, "b/omraader.json": GEOJSON})


def zip_traversal(folder):
    return _zip(folder, "sti_ud.zip", {"../../etc/omraader.geojson": GEOJSON})


def zip_absolute(folder):
    body = zlib.compress(GEOJSON)[2:-4]
    return _write(folder / "absolut_sti.zip", zip_file([("/tmp/omraader.geojson", body, zlib.crc32(GEOJSON),
                                                         len(GEOJSON))]))


def zip_nested(folder):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("omraader.geojson", GEOJSON)
    return _zip(folder, "zip_i_zip.zip", {"omraader.zip": inner.getvalue()})


def zip_nested_named_geojson(folder):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("omraader.geojson", GEOJSON)
    return _zip(folder, "zip_forklaedt.zip", {"omraader.geojson": inner.getvalue()})


def zip_encrypted(folder):
    return _write(folder / "krypteret.zip", zip_file([("omraader.geojson", os.urandom(200), 0, 150)], flags=0x1))


def zip_shapefile(folder):
    return _zip(folder, "shapefil.zip", {"omr.shp": b"\x00\x00\x27\x0a", "omr.dbf": b"", "omr.shx": b""})


def zip_empty(folder):
    return _zip(folder, "tom.zip", {})


def zip_truncated(folder):
    data = _zip(folder, "hel.zip", {"omraader.geojson": GEOJSON}).read_bytes()
    return _write(folder / "afkortet.zip", data[: len(data) - 30])


def zip_1001_members(folder):
    return _zip(folder, "1001_filer.zip", {f"f{i}.txt": b"" for i in range(1001)})


def zip_deflate64(folder):
    return _write(folder / "deflate64.zip", zip_file([("omraader.geojson", b"\x00" * 40, 0, 100)], method=9))


def geojson_deep_lists(folder):
    return _write(folder / "dybe_lister.geojson", '{"type": "FeatureCollection", "features": ' + "[" * 100_000
                  + "]" * 100_000 + "}")


def geojson_deep_objects(folder):
    return _write(folder / "dybe_objekter.geojson", '{"type": "Feature", "properties": ' + '{"a": ' * 50_000 + "1"
                  + "}" * 50_000 + ', "geometry": null}')


def geojson_million_coordinates(folder):
    ring = ",".join(f"[{9.9 + (i % 1000) * 1e-5:.5f},{57.0 + (i // 1000) * 1e-5:.5f}]" for i in range(1_000_000))
    return _write(folder / "en_million_koordinater.geojson",
                  '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"M","navn":"M",'
                  '"kommunekode":"0851"},"geometry":{"type":"Polygon","coordinates":[[' + ring + "]]}}]}")


def geojson_name_100k(folder):
    return _write(folder / "navn_100000_tegn.geojson", json.dumps({"type": "FeatureCollection", "features": [
        _area("N100K", "Å" * 100_000)]}, ensure_ascii=False))


def geojson_20_001_features(folder):
    return _write(folder / "20001_objekter.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": None}] * 20_001}))


def geojson_60_mb(folder):
    return _sparse(folder / "60_mb.geojson", 60 * 1024 * 1024)


def missing(folder):
    return folder / "findes_ikke" / "fil.csv"


def directory(folder):
    path = folder / "en_mappe.csv"
    path.mkdir(exist_ok=True)
    return path


def device(folder):
    return Path("/dev/zero")  # endless: read without a limit, it would fill the memory


def pipe(folder):
    path = folder / "pipe.csv"
    if not path.exists():
        os.mkfifo(path)  # opening it would wait for a writer forever
    return path
