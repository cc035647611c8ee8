-- 0009_what_happened: the facts views count what happened (issue 13).
--
-- * enrolment_facts: a participation is an enrolment that STARTED (it has a start date) on an offer
--   that was held or is running (status igangværende or gennemført). An enquiry that never led to a
--   start, and enrolments on planned, cancelled or postponed offers, are not participation; the
--   enrolment's own date is its start date.
-- * offer_facts: an offer's local co-organiser counts only while the partner is live (a soft-deleted
--   partner is gone from every figure, and comes back when it is restored).
-- * live_collaborations: a collaboration with a deleted partner is gone with it.
-- The enrolment rollups are built from enrolment_facts (migration 0005), so they are built again here.

CREATE OR REPLACE VIEW offer_facts AS
SELECT
    o.* REPLACE (CASE WHEN pa.id IS NOT NULL THEN o.partner_id END AS partner_id),
    t.category,
    t.has_outcome,
    o.status IN ('igangværende', 'gennemført') AS held,
    coalesce(o.end_date,
             CASE WHEN o.status = 'igangværende' THEN DATE '9999-12-31' ELSE o.start_date END) AS active_end
FROM offers o
JOIN offer_types t ON t.id = o.offer_type_id
LEFT JOIN partners pa ON pa.id = o.partner_id AND pa.deleted_at IS NULL
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
    e.start_date AS enrol_date
FROM enrolments e
JOIN offer_facts o ON o.id = e.offer_id AND o.held
JOIN participants p ON p.id = e.participant_id AND p.deleted_at IS NULL
WHERE e.deleted_at IS NULL AND e.start_date IS NOT NULL;

CREATE OR REPLACE VIEW live_collaborations AS
SELECT c.* FROM collaborations c JOIN partners pa ON pa.id = c.partner_id AND pa.deleted_at IS NULL
WHERE c.deleted_at IS NULL;

-- The rollups again from the new enrolment_facts (as lokal.rollups.rebuild does).
DELETE FROM rollup_changes;
DELETE FROM rollup_enrolments;
INSERT INTO rollup_enrolments BY NAME SELECT * FROM rollup_enrolment_rows(NULL, false) ORDER BY participant_id, id;
DELETE FROM rollup_participants;
INSERT INTO rollup_participants BY NAME SELECT * FROM rollup_participant_counts(false);
DELETE FROM rollup_offer_months;
INSERT INTO rollup_offer_months BY NAME SELECT * FROM rollup_offer_counts(false);
DELETE FROM rollup_wait_days;
INSERT INTO rollup_wait_days BY NAME SELECT * FROM rollup_wait_counts(false);
INSERT INTO meta VALUES ('rollup_rows', (SELECT ((SELECT count(*) FROM rollup_participants)
    + (SELECT count(*) FROM rollup_offer_months) + (SELECT count(*) FROM rollup_wait_days))::VARCHAR))
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
