"""Benchmark (issue 7): each page's data calls, each whole page run, and indicators vs pandas.

    python bench/pages.py --db /tmp/national.duckdb [--runs 7] [--pages oversigt,kort]
    python bench/pages.py --build 100 --db /tmp/national.duckdb   # build the data first

Not part of the test run. For every page it times the data calls the page makes (the same
``lokal`` functions, on a fresh cursor, cache bypassed), then the whole page through
Streamlit's AppTest, cold (each run in a fresh process: nothing cached) and warm (cached on the
data version, as a second visitor sees it). It reports median and p95 over the runs and the
process's peak memory, the Kort page's deck JSON size, the indicator computation beside a
straightforward pandas build (load the tables, group in pandas) as a ratio, in the same run (both
builds are checked to give the same numbers), and each indicator on its own.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from lokal import db, maps, queries, views  # noqa: E402
from lokal import indicators as ind  # noqa: E402
from lokal.filters import Filters, quarter_of  # noqa: E402


def stats(times: list[float]) -> str:
    arr = np.array(times)
    return f"median {np.median(arr) * 1000:8.0f} ms   p95 {np.percentile(arr, 95) * 1000:8.0f} ms   (n={len(arr)})"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def default_filters(con) -> Filters:
    data_date = db.get_meta(con, "data_date")
    last = quarter_of(pd.Timestamp(data_date).date()) if data_date else "2026K4"
    first, _ = con.execute(queries.DATA_RANGE).fetchone()
    return Filters(quarter_of(first), last)


def page_data_calls(con, f: Filters) -> dict:
    """The data work of each page, as the page does it (see app_pages/*.py)."""
    code = con.execute("SELECT code FROM areas ORDER BY name LIMIT 1").fetchone()[0]
    ranked_id = views.PARTICIPATION

    def oversigt():
        results = views.area_results(con.cursor(), f.period, viewer="bench")
        areas = queries.areas(con.cursor())
        results.groupby("indicator").kommune_value.first()  # the headline figures
        views.kommune_results(con.cursor(), f.quarters, by="focus", indicator_ids=[views.PARTICIPATION], viewer="bench")
        scatter, _, _ = views.need_vs_participation(results, areas)
        shown = results
        if results.unit.nunique() > views.HEAT_MAX_AREAS:  # as the page: the heat table for the areas shown
            shown = results[results.area_name.isin(views.neediest(scatter, views.HEAT_DEFAULT_AREAS))]
        views.heat_frame(shown, "da")
        views.ranking(results, ranked_id, "da")

    def kort():
        results = views.area_results(con.cursor(), f.period, indicator_ids=[ranked_id], viewer="bench")
        shapes = queries.area_shapes(con.cursor())
        # As the page: venue dots only up to HEAT_MAX_AREAS areas (off by default above).
        many = len(queries.areas(con.cursor())) > views.HEAT_MAX_AREAS
        venues = None if many else queries.venues(con.cursor(), f.period, None, False)
        frame = views.map_frame(shapes, results, "da")
        # The page's default view: the quick map (SVG); the deck is drawn only for "Kort med zoom".
        result = maps.drawing(frame, indicator=ind.get(ranked_id), venues=views.venue_points(venues, "da"),
                              link="omraade?omraade={code}")
        return len(result.svg.encode())

    def kort_zoom():
        results = views.area_results(con.cursor(), f.period, indicator_ids=[ranked_id], viewer="bench")
        frame = views.map_frame(queries.area_shapes(con.cursor()), results, "da")
        result = maps.choropleth(frame, indicator=ind.get(ranked_id))
        return len(result.deck.to_json().encode())

    def omraade():
        views.area_results(con.cursor(), f.period, areas=[code], viewer="bench")
        views.targets_vs_values(con.cursor(), code, f.years, None, viewer="bench")
        queries.offers_for_area(con.cursor(), code, f.period, None, viewer="bench")
        queries.funnel(con.cursor(), code, f.period, None, viewer="bench")
        queries.channels(con.cursor(), code, f.period, None, viewer="bench")
        queries.collaborations_for_area(con.cursor(), code, f.period, viewer="bench")
        queries.knowledge_for_area(con.cursor(), code, f.period, viewer="bench")
        queries.health_profile(con.cursor(), code)
        queries.log_entries(con.cursor(), code, f.period, 8, viewer="bench")

    return {"oversigt": oversigt, "kort": kort, "kort_zoom": kort_zoom, "omraade": omraade}


def cold_runs(path: Path, page: str, runs: int) -> list[float]:
    """Whole page runs in a fresh process each (nothing cached: a first visitor after a write)."""
    import subprocess

    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--db", str(path), "--one-cold", page],
                              capture_output=True, text=True, check=True)
        out.append(float(done.stdout.strip().splitlines()[-1]))
    return out


def app_runs(path: Path, page: str, runs: int, warm: bool) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["LOKAL_DB"] = str(path)
    os.environ["LOKAL_DEMO"] = "0"
    out = []
    for i in range(runs + (1 if warm else 0)):
        if not warm:
            st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        if warm:
            at.run()  # the app's first run draws Oversigt, the default page
        at.switch_page(f"app_pages/{page}.py")
        started = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - started
        if at.exception:
            raise RuntimeError([e.message for e in at.exception])
        if warm and i == 0:
            continue  # fills the cache
        out.append(elapsed)
    return out


# --- the straightforward pandas build --------------------------------------------------------------


def pandas_indicators(con, period) -> pd.DataFrame:
    """The participation and offer indicators per area the plain way: load tables, merge, group."""
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    areas = con.execute("SELECT id, code, adults FROM areas").df()
    types = con.execute("SELECT id, category, has_outcome FROM offer_types").df()
    offers = con.execute("SELECT * FROM offers WHERE deleted_at IS NULL").df()
    enrol = con.execute("SELECT * FROM enrolments WHERE deleted_at IS NULL").df()
    parts = con.execute("SELECT * FROM participants WHERE deleted_at IS NULL").df()
    sessions = con.execute("SELECT * FROM sessions WHERE deleted_at IS NULL").df()
    offers = offers.merge(types, left_on="offer_type_id", right_on="id", suffixes=("", "_t"))
    offers["held"] = offers.status.isin(["igangværende", "gennemført"])
    far = pd.Timestamp("2262-04-01")
    offers["active_end"] = offers.end_date.fillna(
        offers.start_date.where(offers.status != "igangværende", far))
    e = enrol.merge(offers[["id", "area_id", "category", "has_outcome", "start_date"]], left_on="offer_id",
                    right_on="id", suffixes=("", "_o")).merge(
        parts[["id", "home_area_id", "age_band", "sex"]], left_on="participant_id", right_on="id",
        suffixes=("", "_p"))
    e["home"] = e.home_area_id.fillna(e.area_id)
    e["enrol_date"] = e.start_date.fillna(e.inquiry_date).fillna(e.start_date_o)
    e = e[(e.enrol_date >= start) & (e.enrol_date <= end)]
    out = pd.DataFrame(index=areas.id)
    out["deltagere"] = e.groupby("home").participant_id.nunique()
    out["maalgruppe"] = e[e.age_band.isin(["40-49", "50-60"])].groupby("home").participant_id.nunique()
    out["gennemfoert"] = e[e.completed.fillna(False).astype(bool)].groupby("area_id").size()
    out["kendt"] = e[e.completed.notna()].groupby("area_id").size()
    wait = (e.start_date - e.inquiry_date).dt.days
    out["svartid"] = wait.groupby(e.area_id).median()
    active = offers[offers.held & (offers.start_date <= end) & (offers.active_end >= start)]
    out["kommunale"] = active[active.category == "kommunalt"].groupby("area_id").size()
    out["pladser"] = active.groupby("area_id").seats.sum()
    s = sessions.merge(offers[["id", "area_id"]], left_on="offer_id", right_on="id", suffixes=("", "_o"))
    s = s[(s.session_date >= start) & (s.session_date <= end)]
    out["fremmoede"] = s.groupby("area_id").attendance.sum()
    return out.fillna(0).join(areas.set_index("id"))


# The indicators both builds compute, and the pandas column that holds each one's numerator.
PANDAS_IDS = {"deltagere_pr_1000": "deltagere", "maalgruppe_pr_1000": "maalgruppe", "gennemfoerelse": "gennemfoert",
              "svartid_median": "svartid", "kommunale_tilbud_afholdt": "kommunale", "pladser_pr_1000": "pladser",
              "fremmoede": "fremmoede"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--build", type=float, help="build demo data at this scale first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--app-runs", type=int, default=5)
    parser.add_argument("--pages", default="oversigt,kort,kort_zoom,omraade")
    parser.add_argument("--no-app", action="store_true")
    parser.add_argument("--one-cold", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = Path(args.db)
    if args.one_cold:
        # Warm the process (imports, the connection) on another period, so that the timed run
        # finds nothing cached for its own: a visitor after a write, on a running server.
        from streamlit.testing.v1 import AppTest

        os.environ["LOKAL_DB"], os.environ["LOKAL_DEMO"] = str(path), "0"
        warmup = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        warmup.query_params["fra"], warmup.query_params["til"] = "2025K1", "2025K1"
        warmup.run()
        print(app_runs(path, args.one_cold, 1, warm=False)[0])
        return 0
    if args.build is not None:
        from lokal import demo

        started = time.perf_counter()
        counts = demo.build_demo_db(path, scale=args.build)
        print(f"built scale {args.build:g} in {time.perf_counter() - started:.1f} s, peak {peak_mb():.0f} MB: {counts}")
    con = db.connect(path, read_only=True)
    n_areas, n_enrol, n_att = con.execute(
        "SELECT (SELECT count(*) FROM areas), (SELECT count(*) FROM enrolments), "
        "(SELECT count(*) FROM attendance)").fetchone()
    f = default_filters(con)
    print(f"{path}: {n_areas} areas, {n_enrol} enrolments, {n_att} attendance rows; period {f.first}–{f.last}; "
          f"{os.cpu_count()} CPUs")
    pages = args.pages.split(",")
    calls = page_data_calls(con, f)
    print("\nPage data calls (no cache):")
    for page in pages:
        if page in calls:
            calls[page]()  # warm the OS and DuckDB buffers once
            print(f"  {page:<10} {stats(timed(calls[page], args.runs))}")
    print(f"  kort quick map SVG: {calls['kort']() / 1e6:.2f} MB; map with zoom, deck JSON: "
          f"{calls['kort_zoom']() / 1e6:.2f} MB")

    print("\nIndicators vs pandas (same period, same indicators, per area):")
    sql_t = timed(lambda: ind.compute(con.cursor(), f.period, indicator_ids=list(PANDAS_IDS)), args.runs)
    pd_t = timed(lambda: pandas_indicators(con, f.period), max(3, args.runs // 2))
    check = pandas_indicators(con, f.period).set_index("code")
    sql = ind.compute(con.cursor(), f.period, indicator_ids=list(PANDAS_IDS))
    for indicator_id, column in PANDAS_IDS.items():  # both builds compute the same figures
        got = sql[sql.indicator == indicator_id].set_index("unit").numerator.fillna(0)
        want = check[column].reindex(got.index).fillna(0)
        assert np.allclose(got.to_numpy(), want.to_numpy()), f"pandas and SQL disagree on {indicator_id}"
    print(f"  SQL (DuckDB)    {stats(sql_t)}")
    print(f"  pandas          {stats(pd_t)}")
    print(f"  ratio pandas/SQL (medians): {statistics.median(pd_t) / statistics.median(sql_t):.1f}x")
    all_t = timed(lambda: ind.compute(con.cursor(), f.period), args.runs)
    print(f"  all {len(ind.INDICATORS)} indicators by area (SQL): {stats(all_t)}")
    print("\nEach indicator, areas and the kommune benchmark (compute_with_benchmark):")
    for i in ind.INDICATORS:
        t = timed(lambda ids=[i.id]: ind.compute_with_benchmark(con.cursor(), f.period, indicator_ids=ids), args.runs)
        print(f"  {i.id:<30} {'rollup' if i.rollup_sql else '':<7}{stats(t)}")
    con.close()

    if not args.no_app:
        print("\nWhole page runs (AppTest):")
        for page in pages:
            if not (ROOT / "app_pages" / f"{page}.py").exists():
                continue  # kort_zoom is a view of the Kort page, timed above as data calls
            cold = cold_runs(path, page, args.app_runs)
            warm = app_runs(path, page, args.app_runs, warm=True)
            print(f"  {page:<10} cold {stats(cold)}")
            print(f"  {page:<10} warm {stats(warm)}")
    print(f"\npeak memory (RSS) of this process: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
