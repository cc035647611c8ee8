-- 0004_rollups: what national scale needs (issue 7).
-- attendance: one row per participant present at a held session (sessions × participants).
-- The coordinators' log records a session with a head count only (sessions.attendance); the
-- demo generator fills this table consistently (rows per session = sessions.attendance, rows per
-- enrolment = enrolments.sessions_attended). No foreign keys on purpose: DuckDB 1.4 cannot update
-- a row that a foreign key references, so a reference here would make every session edit fail.
CREATE TABLE attendance (
    session_id     INTEGER NOT NULL,
    participant_id INTEGER NOT NULL
);
