"""Scaled demo data (issue 7): proportions and invariants at a small scale (5 = 1/20 of national).

The national build itself (scale 100) is measured by ``bench/pages.py``, not here.
"""

from __future__ import annotations

import pytest

from lokal import cli, db, demo, demo_scale, views
from lokal import indicators as ind
from lokal.filters import Filters

SCALE = 5


@pytest.fixture(scope="module")
def scaled_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "scaled.duckdb"
    counts = demo.build_demo_db(path, seed=7, scale=SCALE)
    return path, counts


@pytest.fixture
def con(scaled_db):
    c = db.connect(scaled_db[0], read_only=True)
    yield c
    c.close()


def test_counts_are_national_figures_times_the_scale(scaled_db):
    _, counts = scaled_db
    share = SCALE / demo_scale.NATIONAL_SCALE
    assert counts["areas"] == round(2150 * share)
    assert counts["offers"] == pytest.approx(50_000 * share, rel=0.05)
    assert counts["enrolments"] == pytest.approx(1_000_000 * share, rel=0.15)
    assert counts["attendance"] == pytest.approx(10_000_000 * share, rel=0.15)


def test_attendance_rows_agree_with_sessions_and_enrolments(con):
    per_session = con.execute(
        "SELECT count(*) FROM sessions s LEFT JOIN (SELECT session_id, count(*) AS n FROM attendance GROUP BY 1) a "
        "ON a.session_id = s.id WHERE coalesce(a.n, 0) <> s.attendance").fetchone()[0]
    assert per_session == 0
    per_enrolment = con.execute(
        "SELECT count(*) FROM enrolments e LEFT JOIN (SELECT s.offer_id, a.participant_id, count(*) AS n "
        "FROM attendance a JOIN sessions s ON s.id = a.session_id GROUP BY ALL) x "
        "ON x.offer_id = e.offer_id AND x.participant_id = e.participant_id "
        "WHERE coalesce(x.n, 0) <> e.sessions_attended").fetchone()[0]
    assert per_enrolment == 0
    orphans = con.execute("SELECT count(*) FROM attendance a LEFT JOIN sessions s ON s.id = a.session_id "
                          "WHERE s.id IS NULL").fetchone()[0]
    assert orphans == 0


def test_enrolments_and_sessions_belong_to_held_offers_in_time(con):
    assert con.execute("SELECT count(*) FROM enrolments e JOIN offer_facts o ON o.id = e.offer_id "
                       "WHERE NOT o.held").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM sessions s JOIN offers o ON o.id = s.offer_id "
                       "WHERE s.session_date < o.start_date OR s.session_date > o.end_date "
                       "OR s.session_date > DATE '2026-11-23'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM sessions s JOIN offers o ON o.id = s.offer_id "
                       "WHERE o.status NOT IN ('igangværende', 'gennemført')").fetchone()[0] == 0


def test_areas_have_boundaries_kommuner_and_health(con):
    n, with_shape, kommuner, inside = con.execute(
        "SELECT count(*), count(boundary_simplified), count(DISTINCT kommunekode), "
        "count(*) FILTER (WHERE centroid_lon BETWEEN 8 AND 15.2 AND centroid_lat BETWEEN 54.5 AND 57.8) FROM areas"
    ).fetchone()
    assert n == with_shape == inside
    assert kommuner > 10
    missing = con.execute("SELECT count(*) FROM areas a WHERE NOT EXISTS (SELECT 1 FROM kommune_health_profile k "
                          "WHERE k.kommunekode = a.kommunekode)").fetchone()[0]
    assert missing == 0


def test_same_seed_same_data(tmp_path, scaled_db):
    again = demo.build_demo_db(tmp_path / "again.duckdb", seed=7, scale=SCALE)
    assert again == scaled_db[1]


def test_every_indicator_computes_and_the_oversigt_frames_build(con):
    f = Filters("2024K1", "2026K4")
    results = views.area_results(con, f.period, viewer="test")
    assert set(results.indicator) == set(ind.BY_ID)
    assert results[results.indicator == "deltagere_pr_1000"].value.notna().all()
    areas = con.execute("SELECT code, focus_start IS NOT NULL AS is_focus FROM areas").df()
    scatter, _, _ = views.need_vs_participation(results, areas)
    assert len(scatter) == len(areas)  # one row per area, not per unit × name pair


def test_venue_points_merge_offers_at_one_place():
    import pandas as pd

    venues = pd.DataFrame({"title": ["A", "B", "C"], "venue_name": ["Hal", "Hal", "Skole"],
                           "lon": [10.0, 10.0, 11.0], "lat": [56.0, 56.0, 55.0], "area_name": ["X", "X", "Y"]})
    points = views.venue_points(venues, "da").set_index("venue_name")
    assert points.loc["Hal", "title"] == "2 tilbud"
    assert points.loc["Skole", "title"] == "C"


def test_cli_scale(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    assert cli.main(["demo", "--scale", "0.5", "--path", str(path)]) == 0
    assert "skala 0.5" in capsys.readouterr().out
    assert cli.main(["demo", "--scale", "0", "--path", str(path), "--force"]) == 1
