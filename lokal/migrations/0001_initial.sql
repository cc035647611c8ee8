-- 0001_initial: Lokal's first schema. Applied once by lokal.db.migrate().
-- Conventions: surrogate integer ids from sequences, natural keys as UNIQUE constraints,
-- Danish enumerations as CHECK constraints, dates as DATE.
-- Offers and partners have no UNIQUE natural key here: other tables reference them, and
-- DuckDB cannot update a UNIQUE column of a referenced row (it deletes and re-inserts it),
-- so a title or name could never be corrected. lokal.writes keeps their keys unique instead.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE SEQUENCE seq_areas;
CREATE TABLE areas (
    id               INTEGER PRIMARY KEY DEFAULT nextval('seq_areas'),
    code             VARCHAR NOT NULL UNIQUE,
    name             VARCHAR NOT NULL,
    kommunekode      VARCHAR NOT NULL CHECK (regexp_full_match(kommunekode, '[0-9]{3,4}')),
    kind             VARCHAR NOT NULL CHECK (kind IN ('landsby', 'boligområde', 'bydel', 'sogn', 'andet')),
    boundary_geojson VARCHAR,
    centroid_lon     DOUBLE CHECK (centroid_lon BETWEEN -180 AND 180),
    centroid_lat     DOUBLE CHECK (centroid_lat BETWEEN -90 AND 90),
    adults           INTEGER NOT NULL DEFAULT 0 CHECK (adults >= 0),
    adults_40_60     INTEGER NOT NULL DEFAULT 0 CHECK (adults_40_60 >= 0 AND adults_40_60 <= adults),
    focus_start      DATE,
    focus_end        DATE,
    CHECK (focus_end IS NULL OR (focus_start IS NOT NULL AND focus_end >= focus_start))
);

CREATE TABLE health_measures (
    code             VARCHAR PRIMARY KEY,
    name_da          VARCHAR NOT NULL,
    name_en          VARCHAR NOT NULL,
    higher_is_better BOOLEAN NOT NULL,
    sort_order       INTEGER NOT NULL
);
INSERT INTO health_measures VALUES
    ('dagligrygning',      'Dagligrygere',                 'Daily smokers',                 false, 1),
    ('svaer_overvaegt',    'Svær overvægt (BMI ≥ 30)',     'Obesity (BMI ≥ 30)',            false, 2),
    ('fysisk_inaktiv',     'Fysisk inaktive',              'Physically inactive',           false, 3),
    ('daarligt_mentalt',   'Dårligt mentalt helbred',      'Poor mental health',            false, 4),
    ('type2_diabetes',     'Type 2-diabetes',              'Type 2 diabetes',               false, 5),
    ('kol',                'KOL',                          'COPD',                          false, 6),
    ('hjertesygdom',       'Hjerte-kar-sygdom',            'Cardiovascular disease',        false, 7),
    ('muskel_skelet',      'Muskel- og skeletlidelser',    'Musculoskeletal disorders',     false, 8),
    ('beskaeftigelse',     'Beskæftigelsesfrekvens',       'Employment rate',               true,  9);

-- An area's own measurements (baseline and later), in percent of adults.
CREATE TABLE area_health_profile (
    area_id  INTEGER NOT NULL REFERENCES areas (id),
    year     INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    measure  VARCHAR NOT NULL REFERENCES health_measures (code),
    value    DOUBLE NOT NULL CHECK (value >= 0 AND value <= 100),
    source   VARCHAR NOT NULL,
    PRIMARY KEY (area_id, year, measure)
);

-- The kommune's figure for the same measures (e.g. Danskernes Sundhed): the benchmark.
CREATE TABLE kommune_health_profile (
    kommunekode VARCHAR NOT NULL,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    measure     VARCHAR NOT NULL REFERENCES health_measures (code),
    value       DOUBLE NOT NULL CHECK (value >= 0 AND value <= 100),
    source      VARCHAR NOT NULL,
    PRIMARY KEY (kommunekode, year, measure)
);

CREATE SEQUENCE seq_offer_types;
CREATE TABLE offer_types (
    id            INTEGER PRIMARY KEY DEFAULT nextval('seq_offer_types'),
    name          VARCHAR NOT NULL UNIQUE,
    category      VARCHAR NOT NULL CHECK (category IN ('kommunalt', 'civilsamfund')),
    kramm_kost    BOOLEAN NOT NULL DEFAULT false,
    kramm_rygning BOOLEAN NOT NULL DEFAULT false,
    kramm_alkohol BOOLEAN NOT NULL DEFAULT false,
    kramm_motion  BOOLEAN NOT NULL DEFAULT false,
    kramm_mental  BOOLEAN NOT NULL DEFAULT false,
    has_outcome   BOOLEAN NOT NULL DEFAULT false,
    outcome_label VARCHAR,
    CHECK (NOT has_outcome OR outcome_label IS NOT NULL)
);

CREATE SEQUENCE seq_partners;
CREATE TABLE partners (
    id      INTEGER PRIMARY KEY DEFAULT nextval('seq_partners'),
    name    VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL CHECK (kind IN ('samråd', 'boligforening', 'forening', 'aftenskole',
                'arbejdsplads', 'fagforening', 'lægepraksis', 'apotek', 'frivillige',
                'kommunal forvaltning', 'andet')),
    area_id INTEGER REFERENCES areas (id)
);

CREATE SEQUENCE seq_offers;
CREATE TABLE offers (
    id               INTEGER PRIMARY KEY DEFAULT nextval('seq_offers'),
    offer_type_id    INTEGER NOT NULL REFERENCES offer_types (id),
    area_id          INTEGER NOT NULL REFERENCES areas (id),
    title            VARCHAR NOT NULL,
    venue_name       VARCHAR,
    venue_lon        DOUBLE CHECK (venue_lon BETWEEN -180 AND 180),
    venue_lat        DOUBLE CHECK (venue_lat BETWEEN -90 AND 90),
    partner_id       INTEGER REFERENCES partners (id),
    start_date       DATE NOT NULL,
    end_date         DATE,
    planned_sessions INTEGER CHECK (planned_sessions >= 0),
    seats            INTEGER CHECK (seats >= 0),
    volunteers       INTEGER NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
    status           VARCHAR NOT NULL CHECK (status IN ('planlagt', 'igangværende', 'gennemført', 'aflyst', 'udskudt')),
    cost             DECIMAL(12, 2) CHECK (cost >= 0),
    recruitment      VARCHAR CHECK (recruitment IN ('åben', 'afgrænset', 'målrettet')),
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE SEQUENCE seq_sessions;
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY DEFAULT nextval('seq_sessions'),
    offer_id     INTEGER NOT NULL REFERENCES offers (id),
    session_date DATE NOT NULL,
    attendance   INTEGER NOT NULL CHECK (attendance >= 0),
    note         VARCHAR,
    UNIQUE (offer_id, session_date)
);

-- Pseudonymous: never a name or CPR number.
CREATE SEQUENCE seq_participants;
CREATE TABLE participants (
    id           INTEGER PRIMARY KEY DEFAULT nextval('seq_participants'),
    pseudonym    VARCHAR NOT NULL UNIQUE,
    age_band     VARCHAR CHECK (age_band IN ('18-29', '30-39', '40-49', '50-60', '61-74', '75+')),
    sex          VARCHAR CHECK (sex IN ('kvinde', 'mand', 'andet')),
    home_area_id INTEGER REFERENCES areas (id)
);

CREATE SEQUENCE seq_enrolments;
CREATE TABLE enrolments (
    id                INTEGER PRIMARY KEY DEFAULT nextval('seq_enrolments'),
    participant_id    INTEGER NOT NULL REFERENCES participants (id),
    offer_id          INTEGER NOT NULL REFERENCES offers (id),
    inquiry_date      DATE,
    start_date        DATE,
    channel           VARCHAR CHECK (channel IN ('annonce', 'lokalavis', 'sociale medier', 'plakat',
                          'husstandsomdeling', 'frontpersonale', 'egen læge', 'jobcenter',
                          'fagforening', 'boligforening', 'mund-til-mund', 'sms/telefon', 'andet')),
    sessions_attended INTEGER CHECK (sessions_attended >= 0),
    completed         BOOLEAN,
    outcome_end       BOOLEAN,
    outcome_followup  BOOLEAN,
    CHECK (inquiry_date IS NULL OR start_date IS NULL OR start_date >= inquiry_date),
    UNIQUE (participant_id, offer_id)
);

CREATE SEQUENCE seq_collaborations;
CREATE TABLE collaborations (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_collaborations'),
    partner_id      INTEGER NOT NULL REFERENCES partners (id),
    area_id         INTEGER NOT NULL REFERENCES areas (id),
    kind            VARCHAR NOT NULL CHECK (kind IN ('fælles aktivitet', 'rekruttering', 'lokaler',
                        'netværk', 'videndeling', 'andet')),
    start_date      DATE NOT NULL,
    end_date        DATE,
    carried_by_area BOOLEAN NOT NULL DEFAULT false,
    CHECK (end_date IS NULL OR end_date >= start_date),
    UNIQUE (partner_id, area_id, kind, start_date)
);

CREATE SEQUENCE seq_knowledge;
CREATE TABLE knowledge_activities (
    id            INTEGER PRIMARY KEY DEFAULT nextval('seq_knowledge'),
    area_id       INTEGER NOT NULL REFERENCES areas (id),
    kind          VARCHAR NOT NULL CHECK (kind IN ('oplæg', 'temadag', 'uddannelse af frontpersonale',
                      'uddannelse af frivillige', 'sundhedsprofil', 'evaluering')),
    title         VARCHAR NOT NULL,
    audience      VARCHAR CHECK (audience IN ('borgere', 'frontpersonale', 'frivillige', 'partnere')),
    activity_date DATE NOT NULL,
    attendees     INTEGER NOT NULL DEFAULT 0 CHECK (attendees >= 0),
    trained       INTEGER NOT NULL DEFAULT 0 CHECK (trained >= 0),
    UNIQUE (area_id, title, activity_date)
);

CREATE SEQUENCE seq_log;
CREATE TABLE log_entries (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_log'),
    area_id    INTEGER NOT NULL REFERENCES areas (id),
    entry_date DATE NOT NULL,
    author     VARCHAR NOT NULL,
    category   VARCHAR NOT NULL CHECK (category IN ('tilbud', 'deltagelse', 'samarbejde', 'viden', 'andet')),
    text       VARCHAR NOT NULL CHECK (length(text) > 0),
    link       VARCHAR
);

-- Targets per area, indicator and calendar year (indicator ids come from lokal.indicators).
CREATE SEQUENCE seq_targets;
CREATE TABLE targets (
    id        INTEGER PRIMARY KEY DEFAULT nextval('seq_targets'),
    area_id   INTEGER NOT NULL REFERENCES areas (id),
    indicator VARCHAR NOT NULL,
    year      INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    value     DOUBLE NOT NULL,
    UNIQUE (area_id, indicator, year)
);

CREATE SEQUENCE seq_audit;
CREATE TABLE audit_log (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
    changed_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    user_name   VARCHAR NOT NULL,
    action      VARCHAR NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore', 'import', 'demo', 'migrate')),
    table_name  VARCHAR NOT NULL,
    record_key  VARCHAR,
    before_json VARCHAR,
    after_json  VARCHAR
);

-- Derived facts that every indicator reads, so a rule ("held", "active until") lives in one place.
-- An offer counts as held when it ran (igangværende or gennemført). It is active from its start
-- to its end; a running offer without an end date is active until further notice, a finished
-- one without an end date only on its start date.
CREATE VIEW offer_facts AS
SELECT
    o.*,
    t.category,
    t.has_outcome,
    o.status IN ('igangværende', 'gennemført') AS held,
    coalesce(o.end_date,
             CASE WHEN o.status = 'igangværende' THEN DATE '9999-12-31' ELSE o.start_date END) AS active_end
FROM offers o
JOIN offer_types t ON t.id = o.offer_type_id;

-- One row per enrolment with what indicators group by. A participant belongs to their home
-- area, or to the offer's area when the home area is unknown.
CREATE VIEW enrolment_facts AS
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
JOIN participants p ON p.id = e.participant_id;
