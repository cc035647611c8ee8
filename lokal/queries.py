"""Named SQL for the pages (everything that is not an indicator). Small frames out, values bound.

Every function takes a DuckDB connection (a cursor) first. Periods are
:class:`lokal.indicators.Period`; ``category`` is None or an offer category.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from lokal import access, db
from lokal.indicators import Period, latest_data_date

AREAS = """
SELECT code, name, kind, kommunekode, adults, adults_40_60,
       focus_start IS NOT NULL AS is_focus, focus_start, focus_end, centroid_lon, centroid_lat
FROM areas ORDER BY name
"""

# The map draws the simplified boundary where the area import stored one (migration 0003).
AREA_SHAPES = """
SELECT code, name, kommunekode, coalesce(boundary_simplified, boundary_geojson) AS geojson
FROM areas WHERE boundary_geojson IS NOT NULL
"""

# The quarters offered run from the first to the last date of any recorded fact: offer starts (a
# planned offer stretches the range ahead), sessions, enrolments, knowledge activities,
# collaborations and log entries.
DATA_RANGE = """
SELECT least(
         (SELECT min(start_date) FROM offer_facts),
         (SELECT min(s.session_date) FROM live_sessions s JOIN offer_facts o ON o.id = s.offer_id),
         (SELECT min(least(inquiry_date, start_date)) FROM enrolments WHERE deleted_at IS NULL),
         (SELECT min(activity_date) FROM live_knowledge_activities),
         (SELECT min(start_date) FROM live_collaborations),
         (SELECT min(entry_date) FROM live_log_entries)),
       greatest(
         (SELECT max(start_date) FROM offer_facts),
         (SELECT max(s.session_date) FROM live_sessions s JOIN offer_facts o ON o.id = s.offer_id),
         (SELECT max(greatest(inquiry_date, start_date)) FROM enrolments WHERE deleted_at IS NULL),
         (SELECT max(activity_date) FROM live_knowledge_activities),
         (SELECT max(start_date) FROM live_collaborations),
         (SELECT max(entry_date) FROM live_log_entries))
"""

KOMMUNER = "SELECT code, name FROM kommuner WHERE deleted_at IS NULL ORDER BY code"

VENUES = """
SELECT o.title, o.venue_name, o.venue_lon AS lon, o.venue_lat AS lat, a.name AS area_name, o.status
FROM offer_facts o JOIN areas a ON a.id = o.area_id
WHERE o.venue_lon IS NOT NULL AND o.venue_lat IS NOT NULL AND o.held
  AND o.start_date <= $end AND o.active_end >= $start
  AND ($category IS NULL OR o.category = $category)
  AND (NOT $focus_only OR EXISTS (SELECT 1 FROM focus_periods f WHERE f.area_id = a.id AND f.deleted_at IS NULL
                                  AND f.start_date <= $end AND coalesce(f.end_date, DATE '9999-12-31') >= $start))
  AND ($kommune IS NULL OR a.kommunekode = $kommune)
ORDER BY a.name, o.start_date
"""

# Sessions and attendance within the period (like the key figures above the table), not all-time.
OFFERS_FOR_AREA = """
SELECT o.title, t.name AS offer_type, o.category, o.status, o.start_date, o.end_date,
       o.planned_sessions, count(s.id) AS sessions_held, sum(s.attendance) AS attendance,
       o.seats, pa.name AS partner, o.venue_name, o.recruitment, o.cost
FROM offer_facts o
JOIN offer_types t ON t.id = o.offer_type_id
JOIN areas a ON a.id = o.area_id
LEFT JOIN live_partners pa ON pa.id = o.partner_id
LEFT JOIN live_sessions s ON s.offer_id = o.id AND s.session_date BETWEEN $start AND $end
WHERE a.code = $code AND o.start_date <= $end AND o.active_end >= $start
  AND ($category IS NULL OR o.category = $category)
GROUP BY ALL
ORDER BY o.start_date DESC, o.title
"""

FUNNEL = """
SELECT count(*) AS enrolled,
       count(*) FILTER (WHERE e.completed) AS completed,
       count(*) FILTER (WHERE e.has_outcome) AS with_outcome_measure,
       count(*) FILTER (WHERE e.outcome_end) AS outcome_end,
       count(*) FILTER (WHERE e.outcome_followup) AS outcome_followup
FROM enrolment_facts e JOIN areas a ON a.id = e.offer_area_id
WHERE ($code IS NULL OR a.code = $code) AND e.enrol_date BETWEEN $start AND $end
  AND ($category IS NULL OR e.category = $category)
"""

CHANNELS = """
SELECT coalesce(e.channel, 'ukendt') AS channel, count(*) AS enrolments,
       count(*) FILTER (WHERE e.completed) AS completed
FROM enrolment_facts e JOIN areas a ON a.id = e.offer_area_id
WHERE ($code IS NULL OR a.code = $code) AND e.enrol_date BETWEEN $start AND $end
  AND ($category IS NULL OR e.category = $category)
GROUP BY ALL ORDER BY enrolments DESC, channel
"""

COLLABORATIONS_FOR_AREA = """
SELECT pa.name AS partner, pa.kind AS partner_kind, c.kind, c.start_date, c.end_date, c.carried_by_area
FROM live_collaborations c JOIN live_partners pa ON pa.id = c.partner_id JOIN areas a ON a.id = c.area_id
WHERE a.code = $code AND c.start_date <= $end AND coalesce(c.end_date, DATE '9999-12-31') >= $start
ORDER BY c.start_date DESC, pa.name
"""

KNOWLEDGE_FOR_AREA = """
SELECT k.activity_date, k.kind, k.title, k.audience, k.attendees, k.trained
FROM live_knowledge_activities k JOIN areas a ON a.id = k.area_id
WHERE a.code = $code AND k.activity_date BETWEEN $start AND $end
ORDER BY k.activity_date DESC, k.title
"""

HEALTH_PROFILE = """
SELECT m.code AS measure, m.name_da, m.name_en, m.higher_is_better, h.year, h.value AS area,
       k.value AS kommune, h.source
FROM area_health_profile h
JOIN areas a ON a.id = h.area_id
JOIN health_measures m ON m.code = h.measure
LEFT JOIN kommune_health_profile k ON k.kommunekode = a.kommunekode AND k.year = h.year AND k.measure = h.measure
WHERE a.code = $code
ORDER BY h.year, m.sort_order
"""

LOG_ENTRIES = """
SELECT l.entry_date, l.category, l.author, l.text, l.link
FROM live_log_entries l JOIN areas a ON a.id = l.area_id
WHERE a.code = $code AND l.entry_date <= $end
ORDER BY l.entry_date DESC, l.id DESC
LIMIT $limit
"""

TARGETS = """
SELECT t.indicator, t.year, t.value FROM targets t JOIN areas a ON a.id = t.area_id
WHERE a.code = $code AND t.deleted_at IS NULL ORDER BY t.indicator, t.year
"""


def _df(con: duckdb.DuckDBPyConnection, sql: str, **params) -> pd.DataFrame:
    return con.execute(sql, params).df()


def info(con: duckdb.DuckDBPyConnection) -> dict:
    """What the frame needs on every page: demo flag, data date (set by an admin, else the latest
    recorded fact), the kommuner, whether the database is empty."""
    data_date, set_by_admin = latest_data_date(con)
    kommuner = con.execute(KOMMUNER).fetchall()
    names = dict(kommuner)
    codes = [r[0] for r in con.execute("SELECT DISTINCT kommunekode FROM areas ORDER BY 1").fetchall()]
    return {
        # The kommuner the areas belong to (code → name; a code without a name is called by its code).
        "area_kommuner": {c: names.get(c, f"Kommune {c}") for c in codes},
        "is_demo": db.is_demo(con),
        "is_empty": db.is_empty(con),
        "data_date": data_date,
        "data_date_set": set_by_admin,
        "kommuner": dict(kommuner),
        "kommune_name": kommuner[0][1] if len(kommuner) == 1 else db.get_meta(con, "kommune_name"),
    }


def data_range(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    first, last = con.execute(DATA_RANGE).fetchone()
    return first, last


def areas(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, AREAS)


def area_shapes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, AREA_SHAPES)


def venues(con, period: Period, category: str | None = None, focus_only: bool = False,
           kommune: str | None = None) -> pd.DataFrame:
    """Venues of offers held in the period (focus areas: focus in the period; one kommune or all)."""
    return _df(con, VENUES, start=period.start, end=period.end, category=category, focus_only=focus_only,
               kommune=kommune)


@access.guarded(access.DETAILS)
def offers_for_area(con, code: str, period: Period, category: str | None = None) -> pd.DataFrame:
    return _df(con, OFFERS_FOR_AREA, code=code, start=period.start, end=period.end, category=category)


@access.guarded(access.DETAILS)
def funnel(con, code: str | None, period: Period, category: str | None = None) -> dict[str, int]:
    row = _df(con, FUNNEL, code=code, start=period.start, end=period.end, category=category)
    return {k: int(v) for k, v in row.iloc[0].items()}


@access.guarded(access.DETAILS)
def channels(con, code: str | None, period: Period, category: str | None = None) -> pd.DataFrame:
    return _df(con, CHANNELS, code=code, start=period.start, end=period.end, category=category)


@access.guarded(access.DETAILS)
def collaborations_for_area(con, code: str, period: Period) -> pd.DataFrame:
    return _df(con, COLLABORATIONS_FOR_AREA, code=code, start=period.start, end=period.end)


@access.guarded(access.DETAILS)
def knowledge_for_area(con, code: str, period: Period) -> pd.DataFrame:
    return _df(con, KNOWLEDGE_FOR_AREA, code=code, start=period.start, end=period.end)


def health_profile(con, code: str) -> pd.DataFrame:
    return _df(con, HEALTH_PROFILE, code=code)


@access.guarded(access.DETAILS)
def log_entries(con, code: str, period: Period, limit: int = 10) -> pd.DataFrame:
    return _df(con, LOG_ENTRIES, code=code, end=period.end, limit=limit)


def targets(con, code: str) -> pd.DataFrame:
    return _df(con, TARGETS, code=code)


# --- Activity log: records of an area for editing, and their history ------------------------

# One query per record kind, listing an area's records (newest first) with a readable label.
RECORDS_FOR_AREA = {
    "offers": """
        SELECT o.*, o.title AS label
        FROM offers o JOIN areas a ON a.id = o.area_id
        WHERE a.code = $code AND ($deleted OR o.deleted_at IS NULL) ORDER BY o.start_date DESC, o.id DESC""",
    "sessions": """
        SELECT s.*, o.title AS label
        FROM sessions s JOIN offers o ON o.id = s.offer_id JOIN areas a ON a.id = o.area_id
        WHERE a.code = $code AND ($deleted OR s.deleted_at IS NULL) ORDER BY s.session_date DESC, s.id DESC""",
    "enrolments": """
        SELECT e.*, p.pseudonym, p.pseudonym || ' — ' || o.title AS label
        FROM enrolments e JOIN offers o ON o.id = e.offer_id JOIN areas a ON a.id = o.area_id
        JOIN participants p ON p.id = e.participant_id
        WHERE a.code = $code AND ($deleted OR e.deleted_at IS NULL) ORDER BY e.id DESC""",
    "partners": """
        SELECT pa.*, pa.name || ' (' || pa.kind || ')' AS label
        FROM partners pa JOIN areas a ON a.id = pa.area_id
        WHERE a.code = $code AND ($deleted OR pa.deleted_at IS NULL) ORDER BY pa.name""",
    "collaborations": """
        SELECT c.*, pa.name || ' — ' || c.kind AS label
        FROM collaborations c JOIN partners pa ON pa.id = c.partner_id JOIN areas a ON a.id = c.area_id
        WHERE a.code = $code AND ($deleted OR c.deleted_at IS NULL) ORDER BY c.start_date DESC, c.id DESC""",
    "knowledge_activities": """
        SELECT k.*, k.title AS label
        FROM knowledge_activities k JOIN areas a ON a.id = k.area_id
        WHERE a.code = $code AND ($deleted OR k.deleted_at IS NULL) ORDER BY k.activity_date DESC, k.id DESC""",
    "log_entries": """
        SELECT l.*, left(l.text, 60) AS label
        FROM log_entries l JOIN areas a ON a.id = l.area_id
        WHERE a.code = $code AND ($deleted OR l.deleted_at IS NULL) ORDER BY l.entry_date DESC, l.id DESC""",
}

OFFERS_IN_AREA = """
SELECT o.id, o.title, o.start_date, o.active_end, o.seats, o.status,
       o.start_date <= $day AND o.active_end >= $day AS running
FROM offer_facts o JOIN areas a ON a.id = o.area_id
WHERE a.code = $code AND o.status <> 'aflyst'
ORDER BY running DESC, o.start_date DESC
"""

# Newest first (this week's session is at the top, not after a year of rows); an empty note is '' (not 'None').
SESSIONS_OF_OFFER = """
SELECT id, session_date, coalesce(session_time, '') AS session_time, attendance, coalesce(note, '') AS note, version
FROM live_sessions WHERE offer_id = $offer ORDER BY session_date DESC, session_time DESC
"""

# Which area each recorded row belongs to (table t, id, area_id), for the audit trail of an area here and
# for "when was data last logged in this area" (lokal.approval.freshness).
AREA_OF_RECORD = """
    SELECT 'offers' AS t, id, area_id FROM offers
    UNION ALL SELECT 'sessions', s.id, o.area_id FROM sessions s JOIN offers o ON o.id = s.offer_id
    UNION ALL SELECT 'enrolments', e.id, o.area_id FROM enrolments e JOIN offers o ON o.id = e.offer_id
    UNION ALL SELECT 'partners', id, area_id FROM partners
    UNION ALL SELECT 'collaborations', id, area_id FROM collaborations
    UNION ALL SELECT 'knowledge_activities', id, area_id FROM knowledge_activities
    UNION ALL SELECT 'log_entries', id, area_id FROM log_entries
"""

# The audit trail of everything that belongs to an area (records are joined to find their area).
AREA_HISTORY = f"""
WITH keyed AS (
    SELECT l.*, TRY_CAST(l.record_key AS INTEGER) AS rid FROM audit_log l
    WHERE l.table_name IN ('offers', 'sessions', 'enrolments', 'partners', 'collaborations',
                           'knowledge_activities', 'log_entries')
),
area_of AS ({AREA_OF_RECORD})
SELECT k.id, k.changed_at, k.user_name, k.action, k.table_name, k.record_key, k.before_json, k.after_json
FROM keyed k JOIN area_of x ON x.t = k.table_name AND x.id = k.rid
JOIN areas a ON a.id = x.area_id
WHERE a.code = $code
ORDER BY k.id DESC
LIMIT $limit
"""

RECORD_HISTORY = """
SELECT id, changed_at, user_name, action, before_json, after_json FROM audit_log
WHERE table_name = $table AND record_key = $key ORDER BY id DESC
"""


@access.guarded(access.PERSONS, area="code")
def records_for_area(con, kind_id: str, code: str, deleted: bool = False) -> pd.DataFrame:
    return _df(con, RECORDS_FOR_AREA[kind_id], code=code, deleted=deleted)


@access.guarded(access.DETAILS)
def offers_in_area(con, code: str, day: date) -> pd.DataFrame:
    return _df(con, OFFERS_IN_AREA, code=code, day=day)


@access.guarded(access.PERSONS, area="offer")
def sessions_of_offer(con, offer_id: int) -> pd.DataFrame:
    return _df(con, SESSIONS_OF_OFFER, offer=offer_id)


@access.guarded(access.PERSONS, area="code")
def area_history(con, code: str, limit: int = 100) -> pd.DataFrame:
    return _df(con, AREA_HISTORY, code=code, limit=limit)


@access.guarded(access.PERSONS, area="record")
def record_history(con, table: str, key: int) -> pd.DataFrame:
    return _df(con, RECORD_HISTORY, table=table, key=str(key))


@access.guarded(access.DETAILS)
def form_options(con, code: str) -> dict[str, dict]:
    """Choices for the reference fields of record forms, for one area (offer labels get their date in the page)."""
    areas = con.execute("SELECT id, code, name FROM areas ORDER BY name").fetchall()
    return {
        "area": {i: n for i, _, n in areas},
        "area_ids": {c: i for i, c, _ in areas},
        # Retired types are not offered for new records (an existing record keeps its own, see the page).
        "offer_type": dict(con.execute(
            "SELECT id, name FROM offer_types WHERE NOT coalesce(retired, false) ORDER BY category, name").fetchall()),
        "offer_type_all": dict(con.execute("SELECT id, name FROM offer_types ORDER BY category, name").fetchall()),
        "partner": dict(con.execute(
            "SELECT p.id, p.name || coalesce(' (' || a.name || ')', '') FROM live_partners p "
            "LEFT JOIN areas a ON a.id = p.area_id ORDER BY (a.code = ?) DESC NULLS LAST, p.name", [code]).fetchall()),
        "offer": dict(con.execute(
            "SELECT o.id, o.title FROM offer_facts o "
            "JOIN areas a ON a.id = o.area_id WHERE a.code = ? ORDER BY o.start_date DESC", [code]).fetchall()),
    }
