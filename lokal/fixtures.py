"""A small hand-made database whose indicator values are worked out by hand in the tests.

Three areas: A (focus, 1.000 adults), B (500 adults) and C (no offers, no population).
The year 2025 is the period the tests mostly use; some rows lie just outside it or span
its start, so that period boundaries are exercised. Keep the expected numbers in
``tests/test_indicators.py`` in step with any change here.
"""

from __future__ import annotations

import duckdb

from lokal import approval, db, rollups

_ROWS = """
-- Three 0,02-degree squares side by side (A west, C east), so the map has something to draw.
INSERT INTO areas (id, code, name, kommunekode, kind, adults, adults_40_60, focus_start, focus_end,
                   boundary_geojson) VALUES
    (1, 'A', 'Aby', '0851', 'landsby', 1000, 300, DATE '2025-01-01', DATE '2025-12-31',
     '{"type":"Polygon","coordinates":[[[9.9,57.0],[9.92,57.0],[9.92,57.02],[9.9,57.02],[9.9,57.0]]]}'),
    (2, 'B', 'Bby', '0851', 'bydel', 500, 200, NULL, NULL,
     '{"type":"Polygon","coordinates":[[[9.92,57.0],[9.94,57.0],[9.94,57.02],[9.92,57.02],[9.92,57.0]]]}'),
    (3, 'C', 'Cby', '0851', 'boligområde', 0, 0, NULL, NULL,
     '{"type":"Polygon","coordinates":[[[9.94,57.0],[9.96,57.0],[9.96,57.02],[9.94,57.02],[9.94,57.0]]]}');

INSERT INTO offer_types (id, name, category, kramm_rygning, kramm_motion, has_outcome, outcome_label) VALUES
    (1, 'Rygestopkursus', 'kommunalt', true, false, true, 'røgfri'),
    (2, 'Gåhold', 'civilsamfund', false, true, false, NULL),
    (3, 'Livsstilskursus', 'kommunalt', false, true, false, NULL);

INSERT INTO partners (id, name, kind, area_id) VALUES
    (1, 'Samrådet', 'samråd', 1),
    (2, 'Boligforeningen', 'boligforening', 1),
    (3, 'Aftenskolen', 'aftenskole', 2),
    (4, 'Idrætsforeningen', 'forening', 1);

-- id, type, area, title, partner, start, end, seats, volunteers, status, sessions, cost (kr.), recruitment
INSERT INTO offers (id, offer_type_id, area_id, title, partner_id, start_date, end_date, seats, volunteers,
                    status, planned_sessions, cost, recruitment) VALUES
    (1, 1, 1, 'Rygestop forår', NULL, DATE '2025-02-01', DATE '2025-03-31', 12, 0, 'gennemført', 8, 12000, 'målrettet'),
    (2, 1, 1, 'Rygestop efterår', 1, DATE '2025-09-01', NULL, 10, 0, 'igangværende', 8, 10000, 'åben'),
    (3, 3, 1, 'Livsstil', NULL, DATE '2025-05-01', DATE '2025-06-30', 15, 0, 'aflyst', 6, 6000, 'åben'),
    (4, 2, 1, 'Gåhold', 4, DATE '2025-04-01', NULL, 20, 3, 'igangværende', 40, NULL, 'åben'),
    (5, 2, 2, 'Gåhold B', 3, DATE '2024-11-01', DATE '2025-02-28', 15, 2, 'gennemført', 16, 3000, 'afgrænset'),
    (6, 3, 2, 'Livsstil B', NULL, DATE '2025-10-01', DATE '2025-11-30', 10, 0, 'udskudt', 6, NULL, NULL),
    (7, 3, 2, 'Livsstil B 2026', NULL, DATE '2026-03-01', NULL, 10, 0, 'planlagt', 6, NULL, NULL),
    (8, 1, 2, 'Rygestop B 2024', NULL, DATE '2024-10-01', DATE '2024-12-15', 8, 0, 'gennemført', 8, 8000, 'målrettet');

INSERT INTO sessions (offer_id, session_date, attendance) VALUES
    (1, DATE '2025-02-01', 11), (1, DATE '2025-02-08', 10), (4, DATE '2025-04-01', 14);

INSERT INTO collaborations (id, partner_id, area_id, kind, start_date, end_date, carried_by_area) VALUES
    (1, 1, 1, 'netværk', DATE '2024-06-01', NULL, false),
    (2, 2, 1, 'lokaler', DATE '2025-03-01', NULL, true),
    (3, 4, 2, 'fælles aktivitet', DATE '2025-05-01', DATE '2025-08-31', false),
    (4, 3, 2, 'rekruttering', DATE '2023-01-01', DATE '2024-06-30', true);

INSERT INTO knowledge_activities (id, area_id, kind, title, activity_date, attendees, trained) VALUES
    (1, 1, 'oplæg', 'Oplæg om søvn', DATE '2025-03-10', 25, 0),
    (2, 1, 'uddannelse af frontpersonale', 'Den korte samtale', DATE '2025-06-01', 8, 8),
    (3, 1, 'sundhedsprofil', 'Lokal sundhedsprofil', DATE '2025-01-15', 0, 0),
    (4, 2, 'temadag', 'Temadag', DATE '2024-12-31', 40, 0),
    (5, 2, 'evaluering', 'Evaluering', DATE '2025-12-31', 5, 0);

INSERT INTO participants (id, pseudonym, age_band, sex, home_area_id) VALUES
    (1, 'P1', '40-49', 'mand', 1),
    (2, 'P2', '50-60', 'kvinde', 1),
    (3, 'P3', '30-39', 'kvinde', 1),
    (4, 'P4', '61-74', 'mand', 2),
    (5, 'P5', '40-49', NULL, NULL),
    (6, 'P6', '18-29', 'kvinde', 2);

INSERT INTO enrolments (id, participant_id, offer_id, inquiry_date, start_date, channel, completed,
                        outcome_end, outcome_followup) VALUES
    (1, 1, 1, DATE '2025-01-28', DATE '2025-02-01', 'egen læge', true, true, true),
    (2, 2, 1, DATE '2025-01-30', DATE '2025-02-01', 'lokalavis', true, false, NULL),
    (3, 3, 1, DATE '2025-01-31', DATE '2025-02-01', 'lokalavis', false, NULL, NULL),
    (4, 1, 4, NULL, DATE '2025-04-01', 'mund-til-mund', NULL, NULL, NULL),
    (5, 4, 5, DATE '2024-10-25', DATE '2024-11-01', 'plakat', true, NULL, NULL),
    (6, 5, 2, DATE '2025-09-01', DATE '2025-09-01', 'sms/telefon', NULL, NULL, NULL),
    (7, 6, 5, DATE '2025-01-05', DATE '2025-01-10', 'boligforening', true, NULL, NULL),
    (8, 4, 8, DATE '2024-09-20', DATE '2024-10-01', 'egen læge', true, true, NULL);

INSERT INTO kommune_health_profile (kommunekode, year, measure, value, source) VALUES
    ('0851', 2024, 'dagligrygning', 10, 'Danskernes Sundhed'),
    ('0851', 2024, 'fysisk_inaktiv', 20, 'Danskernes Sundhed'),
    ('0851', 2024, 'beskaeftigelse', 75, 'Danskernes Sundhed');

INSERT INTO area_health_profile (area_id, year, measure, value, source) VALUES
    (1, 2024, 'dagligrygning', 15, 'Lokal sundhedsprofil'),
    (1, 2024, 'fysisk_inaktiv', 30, 'Lokal sundhedsprofil'),
    (1, 2024, 'beskaeftigelse', 50, 'Lokal sundhedsprofil'),
    (1, 2026, 'dagligrygning', 10, 'Lokal sundhedsprofil'),
    (2, 2024, 'dagligrygning', 5, 'Lokal sundhedsprofil'),
    (2, 2024, 'fysisk_inaktiv', 20, 'Lokal sundhedsprofil');

INSERT INTO targets (area_id, indicator, year, value) VALUES
    (1, 'kommunale_tilbud_afholdt', 2025, 3),
    (1, 'vidensaktiviteter', 2025, 2);

INSERT INTO log_entries (area_id, entry_date, author, category, text) VALUES
    (1, DATE '2025-02-08', 'Koordinator Mette', 'tilbud', 'Rygestop i Aby, 10 mødte op.');
"""


# A's focus period as a record (migration 0008): areas.focus_start and focus_end above sum it up.
_FOCUS = "INSERT INTO focus_periods (id, area_id, start_date, end_date) VALUES (1, 1, DATE '2025-01-01', DATE '2025-12-31')"


def build_small(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Write the hand-made fixture into a migrated, empty database and return the connection."""
    db.migrate(con)
    with db.transaction(con):
        for statement in _ROWS.split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute(_FOCUS)
        for seq, table in _SEQUENCES:
            # Move the sequence past the explicit ids so later inserts without an id work.
            (top,) = con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
            db.advance_sequence(con, seq, top)
        db.set_meta(con, "data_date", "2025-12-31")
        rollups.rebuild(con)
    approval.approve_ended(con, "fixture")  # every ended period approved: the council sees them all
    return con


_SEQUENCES = (
    ("seq_areas", "areas"),
    ("seq_offer_types", "offer_types"),
    ("seq_focus_periods", "focus_periods"),
    ("seq_partners", "partners"),
    ("seq_offers", "offers"),
    ("seq_participants", "participants"),
    ("seq_enrolments", "enrolments"),
    ("seq_collaborations", "collaborations"),
    ("seq_knowledge", "knowledge_activities"),
)
