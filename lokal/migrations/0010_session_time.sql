-- 0010_session_time: two sessions of one offer on one day (a morning and an evening class). A session
-- may have a time (HH:MM; '' for none, so that one day still has at most one session without a time);
-- the natural key becomes offer, date and time. Nothing references sessions
-- by a foreign key (attendance has none on purpose, 0004), so the table is copied into one with the
-- new column and key, keeping every id and version; the views over it bind by name.
CREATE TEMP TABLE keep_sessions AS SELECT * FROM sessions;
DROP TABLE sessions;
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY DEFAULT nextval('seq_sessions'),
    offer_id     INTEGER NOT NULL REFERENCES offers (id),
    session_date DATE NOT NULL,
    session_time VARCHAR NOT NULL DEFAULT '' CHECK (session_time = '' OR regexp_full_match(session_time, '([01][0-9]|2[0-3]):[0-5][0-9]')),
    attendance   INTEGER NOT NULL CHECK (attendance >= 0),
    note         VARCHAR,
    version      INTEGER DEFAULT 1,
    deleted_at   TIMESTAMP,
    UNIQUE (offer_id, session_date, session_time)
);
INSERT INTO sessions (id, offer_id, session_date, session_time, attendance, note, version, deleted_at)
SELECT id, offer_id, session_date, '', attendance, note, version, deleted_at FROM keep_sessions ORDER BY id;
DROP TABLE keep_sessions;
-- A view over sessions with * must be created again for the new column.
CREATE OR REPLACE VIEW live_sessions AS SELECT * FROM sessions WHERE deleted_at IS NULL;
