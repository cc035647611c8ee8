-- 0002: what safe editing needs. Every editable record gets a version (optimistic locking:
-- a save names the version it started from) and a deleted_at (soft delete, restorable).
-- Readers use the live_* views and the facts views, which leave deleted rows out.
-- The data version that caches are keyed on becomes a sequence: bumping it never conflicts
-- between concurrent writers, unlike updating one shared row.

CREATE SEQUENCE seq_data_version;

ALTER TABLE offers ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE offers ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE sessions ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE sessions ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE participants ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE participants ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE enrolments ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE enrolments ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE partners ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE partners ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE collaborations ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE collaborations ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE knowledge_activities ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE knowledge_activities ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE log_entries ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE log_entries ADD COLUMN deleted_at TIMESTAMP;

CREATE VIEW live_sessions AS SELECT * FROM sessions WHERE deleted_at IS NULL;
CREATE VIEW live_participants AS SELECT * FROM participants WHERE deleted_at IS NULL;
CREATE VIEW live_partners AS SELECT * FROM partners WHERE deleted_at IS NULL;
CREATE VIEW live_collaborations AS SELECT * FROM collaborations WHERE deleted_at IS NULL;
CREATE VIEW live_knowledge_activities AS SELECT * FROM knowledge_activities WHERE deleted_at IS NULL;
CREATE VIEW live_log_entries AS SELECT * FROM log_entries WHERE deleted_at IS NULL;

CREATE OR REPLACE VIEW offer_facts AS
SELECT
    o.*,
    t.category,
    t.has_outcome,
    o.status IN ('igangværende', 'gennemført') AS held,
    coalesce(o.end_date,
             CASE WHEN o.status = 'igangværende' THEN DATE '9999-12-31' ELSE o.start_date END) AS active_end
FROM offers o
JOIN offer_types t ON t.id = o.offer_type_id
WHERE o.deleted_at IS NULL;

CREATE OR REPLACE VIEW enrolment_facts AS
SELECT
    e.*,
    o.area_id AS offer_area_id,
    coalesce(p.home_area_id, o.area_id) AS home_area_id,
    o.category,
    o.has_outcome,
    p.age_band,
    p.sex,
    coalesce(e.start_date, e.inquiry_date, o.start_date) AS enrol_date
FROM enrolments e
JOIN offer_facts o ON o.id = e.offer_id
JOIN live_participants p ON p.id = e.participant_id
WHERE e.deleted_at IS NULL;
