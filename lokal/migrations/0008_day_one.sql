-- 0008_day_one: what a kommune needs to start from an empty database without SQL (issue 12).
--
-- * kommuner: the kommuner the database holds (code and name); several are allowed (a region, KL).
--   The demo's single kommune (meta kommunekode / kommune_name) becomes its first row.
-- * offer_types become editable records for admins: a version, a soft delete (never used: a type
--   is retired instead, so its offers keep their history) and "retired" (not offered for new records).
--   offer_types has no UNIQUE-referenced rows since 0007 dropped offers.offer_type_id's foreign key,
--   so a type can be renamed.
-- * focus_periods: an area may be a focus area more than once; each period is a record. The
--   columns areas.focus_start / focus_end stay as a summary the write path keeps in step (first
--   start, last end; NULL end while a period is open), because the indicators and rollups read them.
-- * role_assignments: who has which role and areas, edited by admins in the app (the source of
--   truth); the role file seeds it at start (lokal/roles.py).

CREATE SEQUENCE seq_kommuner;
CREATE TABLE kommuner (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_kommuner'),
    code       VARCHAR NOT NULL UNIQUE CHECK (regexp_full_match(code, '[0-9]{3,4}')),
    name       VARCHAR NOT NULL CHECK (length(name) > 0),
    version    INTEGER DEFAULT 1,
    deleted_at TIMESTAMP
);
INSERT INTO kommuner (code, name)
SELECT c.value, coalesce(n.value, 'Kommune ' || c.value)
FROM meta c LEFT JOIN meta n ON n.key = 'kommune_name'
WHERE c.key = 'kommunekode' AND regexp_full_match(c.value, '[0-9]{3,4}');

ALTER TABLE offer_types ADD COLUMN retired BOOLEAN DEFAULT false;
ALTER TABLE offer_types ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE offer_types ADD COLUMN deleted_at TIMESTAMP;
UPDATE offer_types SET retired = false, version = 1;

CREATE SEQUENCE seq_focus_periods;
CREATE TABLE focus_periods (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_focus_periods'),
    area_id    INTEGER NOT NULL REFERENCES areas (id),
    start_date DATE NOT NULL,
    end_date   DATE,
    version    INTEGER DEFAULT 1,
    deleted_at TIMESTAMP,
    CHECK (end_date IS NULL OR end_date >= start_date),
    UNIQUE (area_id, start_date)
);
INSERT INTO focus_periods (area_id, start_date, end_date)
SELECT id, focus_start, focus_end FROM areas WHERE focus_start IS NOT NULL ORDER BY id;

CREATE SEQUENCE seq_role_assignments;
CREATE TABLE role_assignments (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_role_assignments'),
    kind       VARCHAR NOT NULL CHECK (kind IN ('bruger', 'gruppe')),
    who        VARCHAR NOT NULL CHECK (length(who) > 0),
    role       VARCHAR NOT NULL CHECK (role IN ('admin', 'leder', 'koordinator', 'byraad')),
    areas      VARCHAR,
    note       VARCHAR,
    version    INTEGER DEFAULT 1,
    deleted_at TIMESTAMP,
    UNIQUE (kind, who)
);
