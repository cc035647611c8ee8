-- 0012_offer_directory: what the offer directory (Tilbudsoversigt, issue 16) needs to tell a GP or a
-- frontline worker where, when and for whom an offer runs, how to sign up or refer, and whom to call.
--
-- * offers: the venue's address, when it meets ("tirsdage kl. 17–19"), who it is for, and how to sign
--   up or refer (phone, e-mail or a web address, as text).
-- * areas: the area's coordinator (name, phone, e-mail), edited through the audited write path; areas
--   get a version for it (optimistic locking, like every other edited record) and a deleted_at that is
--   never set (like offer_types in 0008: the write path refuses to delete an area; the area import owns them).
-- * partners: the local partner's contact person (name, phone, e-mail).
-- These are staff and organisation contacts, never participants. All nullable.
-- The views over offers and partners with * are created again so they carry the new columns.

ALTER TABLE offers ADD COLUMN venue_address VARCHAR;
ALTER TABLE offers ADD COLUMN schedule_text VARCHAR;
ALTER TABLE offers ADD COLUMN target_group VARCHAR;
ALTER TABLE offers ADD COLUMN signup_text VARCHAR;

ALTER TABLE areas ADD COLUMN coordinator_name VARCHAR;
ALTER TABLE areas ADD COLUMN coordinator_phone VARCHAR;
ALTER TABLE areas ADD COLUMN coordinator_email VARCHAR;
ALTER TABLE areas ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE areas ADD COLUMN deleted_at TIMESTAMP;
UPDATE areas SET version = 1;

ALTER TABLE partners ADD COLUMN contact_name VARCHAR;
ALTER TABLE partners ADD COLUMN contact_phone VARCHAR;
ALTER TABLE partners ADD COLUMN contact_email VARCHAR;

CREATE OR REPLACE VIEW live_partners AS SELECT * FROM partners WHERE deleted_at IS NULL;

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
