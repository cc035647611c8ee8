-- 0005_rollups: rollups for the eight enrolment indicators (issue 7), kept in step with every write
-- by lokal/rollups.py in the write's own transaction. This migration creates and fills them from the
-- data already there, so an upgraded database has correct rollups at once. A later migration that
-- changes what enrolment_facts returns must rebuild them (python -m lokal rollups rebuild).
--
-- Months are year * 12 + month - 1 of enrol_date. "prev" is the previous month in which the same
-- participant has a row in the same scope (-1: none), so the number of DISTINCT participants of a
-- scope in the months m1..m2 is the number of rows with month BETWEEN m1 AND m2 AND prev < m1: of a
-- participant's rows in that range, only the first has its previous month before m1 (rows in the same
-- month get prev = that month; ties go by enrolment id, so a build is reproducible). That count is
-- additive, so it can be summed per (area, month).
-- Scopes: area (prev within the home area), all (within the whole kommune), focus (within the focus
-- areas or within the others); each with its own prev for one offer category (category filter) and
-- one over both categories (a participant in both in one month counts once).

-- One row per live enrolment (a row of enrolment_facts), with the columns the indicators read and the
-- prev months. It is what the rollups were built from: a refresh takes the old rows from here.
CREATE TABLE rollup_enrolments (
    id               INTEGER NOT NULL,  -- enrolments.id
    participant_id   INTEGER NOT NULL,
    offer_id         INTEGER NOT NULL,
    home_area_id     INTEGER NOT NULL,
    offer_area_id    INTEGER NOT NULL,
    home_focus       BOOLEAN NOT NULL,  -- the home area's focus flag when the row was built
    month            INTEGER NOT NULL,
    category         VARCHAR NOT NULL,
    has_outcome      BOOLEAN NOT NULL,
    age_band         VARCHAR,
    sex              VARCHAR,
    completed        BOOLEAN,
    outcome_end      BOOLEAN,
    outcome_followup BOOLEAN,
    wait_days        INTEGER,           -- start_date - inquiry_date
    prev_area        INTEGER NOT NULL,
    prev_area_cat    INTEGER NOT NULL,
    prev_all         INTEGER NOT NULL,
    prev_all_cat     INTEGER NOT NULL,
    prev_focus       INTEGER NOT NULL,
    prev_focus_cat   INTEGER NOT NULL
);

-- Distinct participants by home area (scope 'area', scope_key = area id), the kommune ('all', 0)
-- and focus/other areas ('focus', 1/0); category '*' = both categories. Counts of rows as above:
-- all participants, those aged 40–60 (the target group of maalgruppe_pr_1000), men, known sex.
-- Additive: a refresh appends signed changes, and the sums stay right.
CREATE TABLE rollup_participants (
    scope     VARCHAR NOT NULL,
    scope_key INTEGER NOT NULL,
    category  VARCHAR NOT NULL,
    month     INTEGER NOT NULL,
    prev      INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    n_target  INTEGER NOT NULL,
    n_men     INTEGER NOT NULL,
    n_sex     INTEGER NOT NULL
);

-- Enrolment counts by the offer's area, category and month (additive, as above).
CREATE TABLE rollup_offer_months (
    area_id                INTEGER NOT NULL,
    category               VARCHAR NOT NULL,
    month                  INTEGER NOT NULL,
    completed              INTEGER NOT NULL,
    completed_known        INTEGER NOT NULL,
    outcome_end            INTEGER NOT NULL,  -- offers with an outcome measure only
    outcome_end_known      INTEGER NOT NULL,
    outcome_followup       INTEGER NOT NULL,
    outcome_followup_known INTEGER NOT NULL,
    within_3_days          INTEGER NOT NULL,
    wait_known             INTEGER NOT NULL
);

-- Response times as a histogram, so that the median stays exact: enrolments per days from inquiry
-- to start, by the offer's area, category and month.
CREATE TABLE rollup_wait_days (
    area_id  INTEGER NOT NULL,
    category VARCHAR NOT NULL,
    month    INTEGER NOT NULL,
    days     INTEGER NOT NULL,
    n        INTEGER NOT NULL
);

-- The rows of rollup_enrolments as the data stands now, for the participants in ids (NULL: all).
-- The prev months look at all of a participant's rows, so ids must name whole participants.
-- few (a literal true/false): for a few ids a scan filter, which DuckDB applies to enrolments and
-- participants before joining them; for many a semi-join (list_contains is linear in the list).
CREATE MACRO rollup_enrolment_rows(ids, few) AS TABLE
SELECT *,
    coalesce(lag(month) OVER (PARTITION BY participant_id, home_area_id ORDER BY month, id), -1) AS prev_area,
    coalesce(lag(month) OVER (PARTITION BY participant_id, home_area_id, category ORDER BY month, id), -1) AS prev_area_cat,
    coalesce(lag(month) OVER (PARTITION BY participant_id ORDER BY month, id), -1) AS prev_all,
    coalesce(lag(month) OVER (PARTITION BY participant_id, category ORDER BY month, id), -1) AS prev_all_cat,
    coalesce(lag(month) OVER (PARTITION BY participant_id, home_focus ORDER BY month, id), -1) AS prev_focus,
    coalesce(lag(month) OVER (PARTITION BY participant_id, home_focus, category ORDER BY month, id), -1) AS prev_focus_cat
FROM (
    SELECT e.id, e.participant_id, e.offer_id, e.home_area_id, e.offer_area_id,
           a.focus_start IS NOT NULL AS home_focus,
           (year(e.enrol_date) * 12 + month(e.enrol_date) - 1)::INTEGER AS month,
           e.category, e.has_outcome, e.age_band, e.sex, e.completed, e.outcome_end, e.outcome_followup,
           (e.start_date - e.inquiry_date)::INTEGER AS wait_days
    FROM enrolment_facts e JOIN areas a ON a.id = e.home_area_id
    WHERE ids IS NULL
       OR (few AND e.participant_id BETWEEN list_min(ids) AND list_max(ids) AND list_contains(ids, e.participant_id))
       OR (NOT few AND e.participant_id IN (SELECT unnest(ids)))
);

-- Signed rows for an incremental refresh: -1 for a participant's old rows, +1 for the new ones.
-- Filled and emptied inside the write's transaction.
CREATE TABLE rollup_changes AS SELECT 1::TINYINT AS sign, * FROM rollup_enrolments LIMIT 0;

-- The three rollups from rollup_enrolments (changes = false) or from the signed rows in
-- rollup_changes (changes = true: what to append so that the sums follow the change).
CREATE MACRO rollup_signed_rows(changes) AS TABLE
SELECT 1::TINYINT AS sign, * FROM rollup_enrolments WHERE NOT changes
UNION ALL
SELECT * FROM rollup_changes WHERE changes;

CREATE MACRO rollup_participant_counts(changes) AS TABLE
SELECT v.scope, v.scope_key, v.category, r.month, v.prev,
       sum(r.sign)::INTEGER AS n,
       sum(CASE WHEN r.age_band IN ('40-49', '50-60') THEN r.sign ELSE 0 END)::INTEGER AS n_target,
       sum(CASE WHEN r.sex = 'mand' THEN r.sign ELSE 0 END)::INTEGER AS n_men,
       sum(CASE WHEN r.sex IS NOT NULL THEN r.sign ELSE 0 END)::INTEGER AS n_sex
FROM rollup_signed_rows(changes) r,
     LATERAL (VALUES ('area', r.home_area_id, '*', r.prev_area),
                     ('area', r.home_area_id, r.category, r.prev_area_cat),
                     ('all', 0, '*', r.prev_all),
                     ('all', 0, r.category, r.prev_all_cat),
                     ('focus', r.home_focus::INTEGER, '*', r.prev_focus),
                     ('focus', r.home_focus::INTEGER, r.category, r.prev_focus_cat)) v(scope, scope_key, category, prev)
GROUP BY ALL;

CREATE MACRO rollup_offer_counts(changes) AS TABLE
SELECT r.offer_area_id AS area_id, r.category, r.month,
       sum(CASE WHEN r.completed THEN r.sign ELSE 0 END)::INTEGER AS completed,
       sum(CASE WHEN r.completed IS NOT NULL THEN r.sign ELSE 0 END)::INTEGER AS completed_known,
       sum(CASE WHEN r.has_outcome AND r.outcome_end THEN r.sign ELSE 0 END)::INTEGER AS outcome_end,
       sum(CASE WHEN r.has_outcome AND r.outcome_end IS NOT NULL THEN r.sign ELSE 0 END)::INTEGER AS outcome_end_known,
       sum(CASE WHEN r.has_outcome AND r.outcome_followup THEN r.sign ELSE 0 END)::INTEGER AS outcome_followup,
       sum(CASE WHEN r.has_outcome AND r.outcome_followup IS NOT NULL THEN r.sign ELSE 0 END)::INTEGER AS outcome_followup_known,
       sum(CASE WHEN r.wait_days <= 3 THEN r.sign ELSE 0 END)::INTEGER AS within_3_days,
       sum(CASE WHEN r.wait_days IS NOT NULL THEN r.sign ELSE 0 END)::INTEGER AS wait_known
FROM rollup_signed_rows(changes) r
GROUP BY ALL;

CREATE MACRO rollup_wait_counts(changes) AS TABLE
SELECT r.offer_area_id AS area_id, r.category, r.month, r.wait_days AS days, sum(r.sign)::INTEGER AS n
FROM rollup_signed_rows(changes) r
WHERE r.wait_days IS NOT NULL
GROUP BY ALL;

INSERT INTO rollup_enrolments BY NAME SELECT * FROM rollup_enrolment_rows(NULL, false) ORDER BY participant_id, id;
INSERT INTO rollup_participants BY NAME SELECT * FROM rollup_participant_counts(false);
INSERT INTO rollup_offer_months BY NAME SELECT * FROM rollup_offer_counts(false);
INSERT INTO rollup_wait_days BY NAME SELECT * FROM rollup_wait_counts(false);
-- The size after this build: lokal/rollups.py compacts the count tables when changes have grown them.
INSERT INTO meta VALUES ('rollup_rows', ((SELECT count(*) FROM rollup_participants)
    + (SELECT count(*) FROM rollup_offer_months) + (SELECT count(*) FROM rollup_wait_days))::VARCHAR)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
