-- 0014_interpretations: short written interpretations beside the figures (issue 17).
--
-- A leader or a coordinator writes a few sentences on an area (area_id) or on a kommune as a whole
-- (area_id NULL) for one published period ('2025' or '2025K3', lokal.release.labels), optionally on
-- one indicator (an id of lokal.indicators). They show on Område and Møde and in the handouts with
-- the author and the date. Written through the audited write path (lokal.writes): versioned and
-- soft-deleted like every other record. area_id has no foreign key, like offers.area_id (0007): the
-- write path checks it (DuckDB refuses to update an area row that others reference).
-- author is the login (what the audit log records), author_name the name shown; both are set from
-- the logged-in user, never from the form.

CREATE SEQUENCE seq_interpretations;
CREATE TABLE interpretations (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_interpretations'),
    kommunekode VARCHAR NOT NULL CHECK (regexp_full_match(kommunekode, '[0-9]{3,4}')),
    area_id     BIGINT,
    period      VARCHAR NOT NULL CHECK (regexp_full_match(period, '[0-9]{4}(K[1-4])?')),
    indicator   VARCHAR,
    body        VARCHAR NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 1000),
    author      VARCHAR NOT NULL,
    author_name VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at  TIMESTAMP,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TIMESTAMP
);
