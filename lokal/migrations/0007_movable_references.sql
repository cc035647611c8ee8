-- 0007_movable_references: an offer can move to another area (or type, or partner), a participant to
-- another home area and a partner to another area, also after sessions and enrolments point at them.
--
-- DuckDB indexes every foreign-key column, and an UPDATE of an indexed column is carried out as
-- delete + insert; a row that other tables reference cannot be deleted, so such an update was
-- refused ("... is still referenced by a foreign key"). The references *from* these rows
-- (offers.offer_type_id, offers.area_id, offers.partner_id, participants.home_area_id,
-- partners.area_id) therefore lose their database foreign key; lokal/writes.py checks them in the
-- same transaction instead (writes.MOVABLE). The references *to* these rows (sessions and
-- enrolments to offers and participants, collaborations to partners) keep theirs.
--
-- DuckDB cannot drop a constraint in place: the six tables are copied out, dropped (referencing
-- tables first), created again with the same columns in the same order, and filled back with the
-- same ids. The views over them bind by name and keep working.
CREATE TEMP TABLE keep_partners AS SELECT * FROM partners;
CREATE TEMP TABLE keep_offers AS SELECT * FROM offers;
CREATE TEMP TABLE keep_participants AS SELECT * FROM participants;
CREATE TEMP TABLE keep_sessions AS SELECT * FROM sessions;
CREATE TEMP TABLE keep_enrolments AS SELECT * FROM enrolments;
CREATE TEMP TABLE keep_collaborations AS SELECT * FROM collaborations;

DROP TABLE enrolments;
DROP TABLE sessions;
DROP TABLE collaborations;
DROP TABLE offers;
DROP TABLE participants;
DROP TABLE partners;

CREATE TABLE partners (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_partners'),
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('samråd', 'boligforening', 'forening', 'aftenskole',
                   'arbejdsplads', 'fagforening', 'lægepraksis', 'apotek', 'frivillige',
                   'kommunal forvaltning', 'andet')),
    area_id    INTEGER,  -- areas (id), checked by lokal/writes.py
    version    INTEGER DEFAULT 1,
    deleted_at TIMESTAMP
);

CREATE TABLE offers (
    id               INTEGER PRIMARY KEY DEFAULT nextval('seq_offers'),
    offer_type_id    INTEGER NOT NULL,  -- offer_types (id), checked by lokal/writes.py
    area_id          INTEGER NOT NULL,  -- areas (id), checked by lokal/writes.py
    title            VARCHAR NOT NULL,
    venue_name       VARCHAR,
    venue_lon        DOUBLE CHECK (venue_lon BETWEEN -180 AND 180),
    venue_lat        DOUBLE CHECK (venue_lat BETWEEN -90 AND 90),
    partner_id       INTEGER,  -- partners (id), checked by lokal/writes.py
    start_date       DATE NOT NULL,
    end_date         DATE,
    planned_sessions INTEGER CHECK (planned_sessions >= 0),
    seats            INTEGER CHECK (seats >= 0),
    volunteers       INTEGER NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
    status           VARCHAR NOT NULL CHECK (status IN ('planlagt', 'igangværende', 'gennemført', 'aflyst', 'udskudt')),
    cost             DECIMAL(12, 2) CHECK (cost >= 0),
    recruitment      VARCHAR CHECK (recruitment IN ('åben', 'afgrænset', 'målrettet')),
    version          INTEGER DEFAULT 1,
    deleted_at       TIMESTAMP,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE participants (
    id           INTEGER PRIMARY KEY DEFAULT nextval('seq_participants'),
    pseudonym    VARCHAR NOT NULL UNIQUE,
    age_band     VARCHAR CHECK (age_band IN ('18-29', '30-39', '40-49', '50-60', '61-74', '75+')),
    sex          VARCHAR CHECK (sex IN ('kvinde', 'mand', 'andet')),
    home_area_id INTEGER,  -- areas (id), checked by lokal/writes.py
    version      INTEGER DEFAULT 1,
    deleted_at   TIMESTAMP
);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY DEFAULT nextval('seq_sessions'),
    offer_id     INTEGER NOT NULL REFERENCES offers (id),
    session_date DATE NOT NULL,
    attendance   INTEGER NOT NULL CHECK (attendance >= 0),
    note         VARCHAR,
    version      INTEGER DEFAULT 1,
    deleted_at   TIMESTAMP,
    UNIQUE (offer_id, session_date)
);

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
    version           INTEGER DEFAULT 1,
    deleted_at        TIMESTAMP,
    CHECK (inquiry_date IS NULL OR start_date IS NULL OR start_date >= inquiry_date),
    UNIQUE (participant_id, offer_id)
);

CREATE TABLE collaborations (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_collaborations'),
    partner_id      INTEGER NOT NULL REFERENCES partners (id),
    area_id         INTEGER NOT NULL REFERENCES areas (id),
    kind            VARCHAR NOT NULL CHECK (kind IN ('fælles aktivitet', 'rekruttering', 'lokaler',
                        'netværk', 'videndeling', 'andet')),
    start_date      DATE NOT NULL,
    end_date        DATE,
    carried_by_area BOOLEAN NOT NULL DEFAULT false,
    version         INTEGER DEFAULT 1,
    deleted_at      TIMESTAMP,
    CHECK (end_date IS NULL OR end_date >= start_date),
    UNIQUE (partner_id, area_id, kind, start_date)
);

INSERT INTO partners SELECT * FROM keep_partners;
INSERT INTO offers SELECT * FROM keep_offers;
INSERT INTO participants SELECT * FROM keep_participants;
INSERT INTO sessions SELECT * FROM keep_sessions;
INSERT INTO enrolments SELECT * FROM keep_enrolments;
INSERT INTO collaborations SELECT * FROM keep_collaborations;

DROP TABLE keep_partners;
DROP TABLE keep_offers;
DROP TABLE keep_participants;
DROP TABLE keep_sessions;
DROP TABLE keep_enrolments;
DROP TABLE keep_collaborations;
