"""Benchmark: import the 2,148 Danish parishes (DAGI 2014) as WGS84 and as UTM32, and measure
the Kort page's deck for them. Not part of the test run.

    python bench/area_import.py [path/to/dagi_sogne_2014.geojson]

The default path is ../shared/data/dagi_sogne_2014.geojson beside the repository (reference
data, not shipped). Everything is written to a temporary folder.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lokal import areas, db, maps, queries  # noqa: E402
from lokal import indicators as ind  # noqa: E402

DAGI = ROOT.parent / "shared" / "data" / "dagi_sogne_2014.geojson"


def to_utm32(src: Path, dst: Path) -> None:
    """Write a copy of ``src`` in ETRS89 / UTM 32N with a ``crs`` member, as GIS departments send it."""
    doc = json.loads(src.read_text(encoding="utf-8"))
    tr = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)

    def conv(coords):
        if isinstance(coords[0], (int, float)):
            x, y = tr.transform(coords[0], coords[1])
            return [round(x, 2), round(y, 2)]
        return [conv(c) for c in coords]

    for f in doc["features"]:
        f["geometry"]["coordinates"] = conv(f["geometry"]["coordinates"])
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    dst.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def timed_import(path: Path, db_file: Path) -> tuple[float, areas.AreaReport]:
    con = db.open_db(db_file)
    started = time.perf_counter()
    report = areas.import_areas(con, areas.read_area_file(path), areas.AreaOptions(kind="sogn"))
    seconds = time.perf_counter() - started
    con.close()
    return seconds, report


def deck_bytes(db_file: Path, simplified: bool) -> tuple[int, float]:
    con = db.open_db(db_file)
    shapes = queries.area_shapes(con) if simplified else con.execute(
        "SELECT code, name, boundary_geojson AS geojson FROM areas").df()
    con.close()
    frame = shapes.assign(value=np.nan, value_label="–")
    started = time.perf_counter()
    result = maps.choropleth(frame, indicator=ind.INDICATORS[0])
    text = result.deck.to_json()
    return len(text.encode("utf-8")), time.perf_counter() - started


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DAGI
    with tempfile.TemporaryDirectory(prefix="lokal-bench-") as tmp:
        tmp = Path(tmp)
        utm = tmp / "sogne_utm32.geojson"
        to_utm32(src, utm)
        rows = []
        for label, path, name in (("WGS84", src, "wgs.duckdb"), ("UTM32 (EPSG:25832)", utm, "utm.duckdb")):
            seconds, report = timed_import(path, tmp / name)
            c = report.counts()
            rows.append({"fil": label, "sekunder": round(seconds, 2), "nye": c["new"], "afviste": c["rejected"],
                         "reparerede": c["repaired"]})
            again, report = timed_import(path, tmp / name)
            rows.append({"fil": f"{label}, igen (uændret)", "sekunder": round(again, 2),
                         "nye": len(report.new), "afviste": len(report.rejected), "reparerede": len(report.repaired)})
        print(pd.DataFrame(rows).to_string(index=False))
        for simplified in (False, True):
            size, seconds = deck_bytes(tmp / "wgs.duckdb", simplified)
            kind = "forenklet" if simplified else "fuld"
            print(f"Kort-deck med {kind} geometri: {size / 1e6:.2f} MB JSON, bygget på {seconds:.2f} s")


if __name__ == "__main__":
    main()
