"""The seeded demo data set: reproducible, consistent, and shaped like the reference figures."""

from __future__ import annotations

import hashlib
import itertools
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import shapely

from lokal import db, demo, geo

REPO = Path(__file__).resolve().parents[1]
DATA_DATE = demo.DATA_DATE


@pytest.fixture(scope="module")
def con(demo_db):
    """The shared demo database (conftest: seed 42), opened for reading."""
    connection = db.connect(demo_db)
    yield connection
    connection.close()


def rows(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def scalar(con, sql, params=None):
    return con.execute(sql, params or []).fetchone()[0]


def table_digests(con) -> dict[str, str]:
    """A hash of every table's content in a fixed order (the audit row's time of writing left out)."""
    digests = {}
    for (table,) in rows(
        con,
        "SELECT table_name FROM duckdb_tables() WHERE table_name <> 'schema_migrations' ORDER BY table_name",
    ):
        exclude = " EXCLUDE (changed_at)" if table == "audit_log" else ""
        if table == "snapshot_figures":  # sums over threads differ in their last bits from run to run
            exclude = (" REPLACE (round(numerator, 6) AS numerator, round(denominator, 6) AS denominator, "
                       "round(value, 6) AS value)")
        content = rows(con, f"SELECT *{exclude} FROM {table} ORDER BY ALL")
        digests[table] = hashlib.sha256(repr(content).encode()).hexdigest()
    return digests


def boundaries(con) -> dict[str, shapely.Geometry]:
    return {
        name: geo.from_geojson(text) for name, text in rows(con, "SELECT name, boundary_geojson FROM areas")
    }


# --- reproducibility and writing ---------------------------------------------------------------


def generated(seed: int):
    """A fresh in-memory database holding the demo data for ``seed``, and the returned counts."""
    mem = db.open_db(":memory:", catalogue=False)
    return mem, demo.generate(mem, seed=seed)


def test_same_seed_gives_identical_tables_and_another_seed_differs(tmp_path):
    demo.build_demo_db(tmp_path / "lokal.duckdb", seed=42)
    with db.connect(tmp_path / "lokal.duckdb") as on_disk:
        first = table_digests(on_disk)
    same, _ = generated(42)
    other, _ = generated(7)
    second, third = table_digests(same), table_digests(other)
    same.close()
    other.close()
    assert first == second
    assert first["offers"] != third["offers"]
    assert first["enrolments"] != third["enrolments"]


def test_returned_counts_match_the_rows_written_and_the_audit_row():
    mem, counts = generated(3)
    # One row for the data; the demo leader's approvals of the ended periods are audited on their own.
    audit = rows(mem, "SELECT user_name, action, table_name, after_json FROM audit_log WHERE action = 'demo'")
    assert len(audit) == 1
    approvals = rows(mem, "SELECT count(*) FROM audit_log WHERE table_name = 'approvals' AND action = 'insert'")
    assert approvals[0][0] == scalar(mem, "SELECT count(*) FROM approvals") > 0
    user, action, table, after = audit[0]
    assert (user, action, table) == ("demo", "demo", "*")
    assert json.loads(after) == counts
    for table_name, n in counts.items():
        assert scalar(mem, f"SELECT count(*) FROM {table_name}") == n, table_name
    mem.close()


def test_meta_marks_the_database_as_demo_data_up_to_the_data_date(con):
    meta = dict(rows(con, "SELECT key, value FROM meta"))
    assert meta["is_demo"] == "true"
    assert meta["data_date"] == "2026-11-23"
    assert meta["kommune_name"] == "Aalborg Kommune"
    assert meta["kommunekode"] == "0851"
    assert meta["seed"] == "42"
    assert db.data_version(con) >= 1
    assert db.is_demo(con)


def test_new_rows_without_id_get_fresh_ids_after_generation():
    mem, _ = generated(5)
    max_offer = scalar(mem, "SELECT max(id) FROM offers")
    new_offer = scalar(
        mem,
        "INSERT INTO offers (offer_type_id, area_id, title, start_date, status) "
        "VALUES (1, 1, 'Nyt hold', DATE '2027-01-05', 'planlagt') RETURNING id",
    )
    assert new_offer > max_offer
    for table, insert in [
        (
            "areas",
            "INSERT INTO areas (code, name, kommunekode, kind) "
            "VALUES ('NY-1', 'Nyt område', '0851', 'andet')",
        ),
        ("partners", "INSERT INTO partners (name, kind) VALUES ('Ny forening', 'forening')"),
        ("participants", "INSERT INTO participants (pseudonym) VALUES ('PNY0001')"),
        ("enrolments", f"INSERT INTO enrolments (participant_id, offer_id) VALUES (1, {new_offer})"),
        (
            "sessions",
            "INSERT INTO sessions (offer_id, session_date, attendance) "
            f"VALUES ({new_offer}, DATE '2027-01-05', 3)",
        ),
        (
            "log_entries",
            "INSERT INTO log_entries (area_id, entry_date, author, category, text) "
            "VALUES (1, DATE '2026-11-23', 'Test', 'andet', 'Ny note')",
        ),
        ("targets", "INSERT INTO targets (area_id, indicator, year, value) VALUES (1, 'x', 2027, 1)"),
        (
            "collaborations",
            "INSERT INTO collaborations (partner_id, area_id, kind, start_date) "
            "VALUES (1, 1, 'andet', DATE '2027-01-01')",
        ),
        (
            "knowledge_activities",
            "INSERT INTO knowledge_activities (area_id, kind, title, activity_date) "
            "VALUES (1, 'oplæg', 'Nyt oplæg', DATE '2027-01-01')",
        ),
        ("offer_types", "INSERT INTO offer_types (name, category) VALUES ('Nyt tilbud', 'kommunalt')"),
    ]:
        before = scalar(mem, f"SELECT max(id) FROM {table}")
        new_id = scalar(mem, insert + " RETURNING id")
        assert new_id > before, table
    mem.close()


def test_generate_refuses_a_database_that_already_has_areas(con):
    with pytest.raises(db.LokalDbError):
        demo.generate(con, seed=1)


def test_build_demo_db_replaces_an_existing_file(tmp_path):
    path = tmp_path / "lokal.duckdb"
    path.write_text("not a database")
    (tmp_path / "lokal.duckdb.wal").write_text("stale")
    counts = demo.build_demo_db(path, seed=11)
    with db.connect(path) as fresh:
        assert scalar(fresh, "SELECT count(*) FROM areas") == counts["areas"]


def test_cli_demo_command_creates_the_database_file(tmp_path):
    path = tmp_path / "cli" / "demo.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "lokal", "demo", "--seed", "3", "--path", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()
    with db.connect(path) as fresh:
        assert db.get_meta(fresh, "seed") == "3"
        assert scalar(fresh, "SELECT count(*) FROM offers") > 100


# --- areas and boundaries ----------------------------------------------------------------------


def test_about_twenty_areas_of_aalborg_six_of_them_in_focus(con):
    assert 18 <= scalar(con, "SELECT count(*) FROM areas") <= 24
    assert scalar(con, "SELECT count(*) FROM areas WHERE kommunekode <> '0851'") == 0
    focus = rows(con, "SELECT focus_start, focus_end FROM areas WHERE focus_start IS NOT NULL")
    assert len(focus) == 6
    assert set(focus) == {(date(2024, 9, 1), date(2026, 8, 31))}
    assert scalar(con, "SELECT count(*) FROM areas WHERE focus_start IS NULL AND focus_end IS NOT NULL") == 0


def test_area_populations_are_realistic(con):
    for kind, adults, adults_40_60 in rows(con, "SELECT kind, adults, adults_40_60 FROM areas"):
        if kind == "landsby":
            assert 1400 <= adults <= 5300
        else:
            assert 8000 <= adults <= 25000
        assert 0.29 <= adults_40_60 / adults <= 0.36


def test_area_boundaries_tile_the_kommune_outline_without_gaps_or_overlaps(con):
    shapes = boundaries(con)
    union = shapely.union_all(list(shapes.values()))
    assert abs(union.area - demo.OUTLINE.area) / demo.OUTLINE.area < 0.005
    overlap = sum(a.intersection(b).area for a, b in itertools.combinations(shapes.values(), 2))
    assert overlap < 1e-9 * demo.OUTLINE.area
    assert shapely.coverage_is_valid(list(shapes.values()))


def test_boundary_coordinates_are_rounded_to_five_decimals(con):
    for (text,) in rows(con, "SELECT boundary_geojson FROM areas"):
        parsed = json.loads(text)
        assert parsed["type"] in ("Polygon", "MultiPolygon")
        flat = shapely.get_coordinates(geo.from_geojson(text)).ravel()
        assert all(abs(v * 1e5 - round(v * 1e5)) < 1e-6 for v in flat)


def test_area_centroids_lie_inside_their_boundary(con):
    shapes = boundaries(con)
    for name, lon, lat in rows(con, "SELECT name, centroid_lon, centroid_lat FROM areas"):
        assert geo.contains(shapes[name], lon, lat), name


# --- offers, sessions, enrolments ----------------------------------------------------------------


def test_every_offer_points_at_an_existing_area_type_and_partner(con):
    assert scalar(con, "SELECT count(*) FROM offers o ANTI JOIN areas a ON a.id = o.area_id") == 0
    assert scalar(con, "SELECT count(*) FROM offers o ANTI JOIN offer_types t ON t.id = o.offer_type_id") == 0
    assert (
        scalar(
            con,
            "SELECT count(*) FROM offers o ANTI JOIN partners p ON p.id = o.partner_id "
            "WHERE o.partner_id IS NOT NULL",
        )
        == 0
    )


def test_venues_lie_inside_their_areas_boundary(con):
    shapes = boundaries(con)
    venues = rows(
        con, "SELECT a.name, o.venue_lon, o.venue_lat FROM offers o JOIN areas a ON a.id = o.area_id"
    )
    assert venues
    for name, lon, lat in venues:
        assert geo.contains(shapes[name], lon, lat), name


def test_offer_status_agrees_with_the_data_date(con):
    for status, start, end in rows(con, "SELECT status, start_date, end_date FROM offers"):
        if status == "gennemført":
            assert end is not None and end < DATA_DATE
        elif status == "igangværende":
            assert start <= DATA_DATE and (end is None or end >= DATA_DATE)
        elif status == "planlagt":
            assert DATA_DATE < start <= date(2027, 3, 31)
    assert {s for (s,) in rows(con, "SELECT DISTINCT status FROM offers")} == {
        "planlagt",
        "igangværende",
        "gennemført",
        "aflyst",
        "udskudt",
    }


def test_sessions_belong_to_held_offers_and_stop_at_the_data_date(con):
    assert scalar(con, "SELECT max(session_date) FROM sessions") <= DATA_DATE
    assert (
        scalar(
            con,
            "SELECT count(*) FROM sessions s JOIN offer_facts o ON o.id = s.offer_id "
            "WHERE NOT o.held OR s.session_date < o.start_date "
            "OR s.session_date > coalesce(o.end_date, DATE '9999-12-31')",
        )
        == 0
    )
    assert (
        scalar(
            con,
            "SELECT count(*) FROM sessions s JOIN offers o ON o.id = s.offer_id "
            "WHERE s.attendance > o.seats + 2",
        )
        == 0
    )
    too_many = rows(
        con,
        "SELECT o.id FROM sessions s JOIN offers o ON o.id = s.offer_id "
        "WHERE o.planned_sessions IS NOT NULL GROUP BY o.id, o.planned_sessions "
        "HAVING count(*) > o.planned_sessions",
    )
    assert too_many == []


def test_enrolments_are_consistent_with_their_offers(con):
    total = scalar(con, "SELECT count(*) FROM enrolments")
    assert 2000 <= total <= 5000
    # only held offers have participants, and attended sessions never exceed the sessions held
    assert (
        scalar(
            con,
            "SELECT count(*) FROM enrolment_facts e JOIN offer_facts o ON o.id = e.offer_id WHERE NOT o.held",
        )
        == 0
    )
    assert (
        scalar(
            con,
            "SELECT count(*) FROM enrolments e WHERE e.sessions_attended > "
            "(SELECT count(*) FROM sessions s WHERE s.offer_id = e.offer_id)",
        )
        == 0
    )
    gaps = rows(con, "SELECT min(start_date - inquiry_date), max(start_date - inquiry_date) FROM enrolments")
    assert gaps == [(0, 10)]
    assert (
        scalar(
            con,
            "SELECT count(*) FROM enrolments e JOIN offers o ON o.id = e.offer_id "
            "WHERE o.status = 'igangværende' AND e.completed IS NOT NULL",
        )
        == 0
    )
    assert (
        scalar(
            con,
            # An enquiry that never started (lokal/demo_recruitment.py) has no completion.
            "SELECT count(*) FROM enrolments e JOIN offers o ON o.id = e.offer_id "
            "WHERE o.status = 'gennemført' AND e.completed IS NULL AND e.start_date IS NOT NULL",
        )
        == 0
    )


def test_enrolment_outcomes_are_null_when_the_offer_type_has_no_outcome(con):
    assert (
        scalar(
            con,
            "SELECT count(*) FROM enrolment_facts WHERE NOT has_outcome "
            "AND (outcome_end IS NOT NULL OR outcome_followup IS NOT NULL)",
        )
        == 0
    )
    assert scalar(con, "SELECT count(*) FROM enrolment_facts WHERE has_outcome AND outcome_end IS NULL") > 0


def test_followup_outcome_only_once_six_months_have_passed(con):
    early = scalar(
        con,
        "SELECT count(*) FROM enrolments e JOIN offers o ON o.id = e.offer_id "
        "WHERE e.outcome_followup IS NOT NULL AND o.end_date + INTERVAL 6 MONTH > ?",
        [DATA_DATE],
    )
    assert early == 0
    assert scalar(con, "SELECT count(*) FROM enrolments WHERE outcome_followup IS NOT NULL") > 0


def test_pseudonyms_never_look_like_names_or_cpr_numbers(con):
    assert (
        scalar(con, "SELECT count(*) FROM participants WHERE NOT regexp_full_match(pseudonym, 'P[0-9]{6}')")
        == 0
    )


# --- the reference figures -----------------------------------------------------------------------

FOCUS_HELD = """
SELECT count(*) FROM offer_facts o JOIN areas a ON a.id = o.area_id
WHERE a.focus_start IS NOT NULL AND o.held AND o.category = ?
  AND o.start_date BETWEEN a.focus_start AND a.focus_end
"""


def test_focus_areas_held_about_forty_municipal_offers_in_the_focus_period(con):
    assert 35 <= scalar(con, FOCUS_HELD, ["kommunalt"]) <= 45


def test_focus_areas_started_about_twenty_five_civil_society_activities(con):
    assert 20 <= scalar(con, FOCUS_HELD, ["civilsamfund"]) <= 30
    co_run = scalar(
        con,
        "SELECT avg((o.partner_id IS NOT NULL)::INT) FROM offer_facts o JOIN areas a "
        "ON a.id = o.area_id WHERE a.focus_start IS NOT NULL AND o.category = 'civilsamfund' "
        "AND o.start_date BETWEEN a.focus_start AND a.focus_end",
    )
    assert co_run > 0.6


def test_focus_areas_held_only_a_few_offers_before_the_focus_period(con):
    before, during = rows(
        con,
        "SELECT count(*) FILTER (WHERE o.start_date < a.focus_start), "
        "       count(*) FILTER (WHERE o.start_date BETWEEN a.focus_start AND a.focus_end) "
        "FROM offer_facts o JOIN areas a ON a.id = o.area_id WHERE a.focus_start IS NOT NULL AND o.held",
    )[0]
    assert before <= 6  # eight months before, against about 65 in the two focus years
    assert during > 8 * before


def test_smoking_courses_match_the_aalborg_reference_figures(con):
    completion, smoke_free_end, smoke_free_followup = rows(
        con,
        """
        SELECT avg(completed::INT), avg(outcome_end::INT), avg(outcome_followup::INT)
        FROM enrolment_facts e JOIN offers o ON o.id = e.offer_id JOIN offer_types t ON t.id = o.offer_type_id
        WHERE t.outcome_label = 'røgfri'""",
    )[0]
    assert 0.85 <= completion <= 0.95
    assert 0.45 <= smoke_free_end <= 0.57
    assert 0.38 <= smoke_free_followup <= 0.58
    ost = scalar(
        con,
        "SELECT count(*) FROM enrolments e JOIN offers o ON o.id = e.offer_id "
        "JOIN areas a ON a.id = o.area_id JOIN offer_types t ON t.id = o.offer_type_id "
        "WHERE a.name = 'Aalborg Øst' AND t.name = 'Rygestopkursus' AND e.start_date IS NOT NULL "
        "AND o.start_date BETWEEN a.focus_start AND a.focus_end",
    )
    assert 140 <= ost <= 180  # the reference: 160 participants


def test_each_focus_area_carries_on_at_least_one_collaboration(con):
    carried = dict(
        rows(
            con,
            "SELECT a.name, count(*) FROM collaborations c JOIN areas a ON a.id = c.area_id "
            "WHERE c.carried_by_area GROUP BY a.name",
        )
    )
    focus = [n for (n,) in rows(con, "SELECT name FROM areas WHERE focus_start IS NOT NULL")]
    assert sorted(carried) == sorted(focus)
    assert 6 <= sum(carried.values()) <= 8


def test_knowledge_activities_include_training_profiles_and_evaluations(con):
    per_area = rows(
        con,
        """
        SELECT a.name,
               count(*) FILTER (WHERE k.kind = 'sundhedsprofil' AND year(k.activity_date) = 2024),
               count(*) FILTER (WHERE k.kind = 'evaluering' AND year(k.activity_date) = 2026),
               sum(k.trained)
        FROM areas a JOIN knowledge_activities k ON k.area_id = a.id
        WHERE a.focus_start IS NOT NULL GROUP BY a.name""",
    )
    assert len(per_area) == 6
    for name, profiles, evaluations, trained in per_area:
        assert profiles == 1 and evaluations == 1 and trained > 0, name
    assert scalar(con, "SELECT max(activity_date) FROM knowledge_activities") <= DATA_DATE


def test_focus_areas_start_with_a_worse_health_profile_and_improve(con):
    n_measures = scalar(con, "SELECT count(*) FROM health_measures")
    n_areas = scalar(con, "SELECT count(*) FROM areas")
    assert scalar(con, "SELECT count(*) FROM area_health_profile") == n_areas * n_measures * 2
    assert (
        scalar(con, "SELECT count(*) FROM kommune_health_profile WHERE kommunekode = '0851'")
        == n_measures * 2
    )
    smoking = dict(
        rows(
            con,
            """
        SELECT (a.focus_start IS NOT NULL)::VARCHAR || h.year, sum(h.value * a.adults) / sum(a.adults)
        FROM area_health_profile h JOIN areas a ON a.id = h.area_id WHERE h.measure = 'dagligrygning'
        GROUP BY ALL""",
        )
    )
    assert smoking["true2024"] > smoking["false2024"] + 3
    assert smoking["true2026"] < smoking["true2024"]
    employment = dict(
        rows(
            con,
            "SELECT a.name, h.value FROM area_health_profile h JOIN areas a ON a.id = h.area_id "
            "WHERE h.measure = 'beskaeftigelse' AND h.year = 2024",
        )
    )
    assert employment["Aalborg Øst"] < 50 < 74 < employment["Hasseris"]


def test_targets_cover_the_focus_areas_for_2025_and_2026(con):
    targets = rows(con, "SELECT a.name, t.indicator, t.year FROM targets t JOIN areas a ON a.id = t.area_id")
    indicators = {
        "kommunale_tilbud_afholdt",
        "nye_civilsamfundsaktiviteter",
        "aktive_partnere",
        "vidensaktiviteter",
        "deltagere_pr_1000",
    }
    assert {i for _, i, _ in targets} == indicators
    assert {y for _, _, y in targets} == {2025, 2026}
    assert len(targets) == 6 * 2 * len(indicators)


def test_log_entries_are_dated_danish_notes_with_valid_links(con):
    assert scalar(con, "SELECT max(entry_date) FROM log_entries") <= DATA_DATE
    per_area = dict(
        rows(
            con,
            "SELECT a.focus_start IS NOT NULL, count(*) / count(DISTINCT a.id) "
            "FROM log_entries l JOIN areas a ON a.id = l.area_id GROUP BY ALL",
        )
    )
    assert per_area[True] > 3 * per_area[False]
    tables = {"offers", "collaborations", "knowledge_activities"}
    for (link,) in rows(con, "SELECT link FROM log_entries WHERE link IS NOT NULL"):
        table, _, key = link.partition(":")
        assert table in tables
        assert scalar(con, f"SELECT count(*) FROM {table} WHERE id = ?", [int(key)]) == 1, link
