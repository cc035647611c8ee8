-- 0011_profile_respondents: how many answered each health measure (issue 16, evaluation). A survey's
-- share has an interval only when its number of respondents is known, so the profiles gain a nullable
-- column `respondents` (NULL: not known, e.g. an older import or a register extract). DuckDB 1.4 cannot
-- add a column with a CHECK, and nothing references the two tables, so each is copied into one with the
-- new column, keeping every row.
CREATE TEMP TABLE keep_area_profile AS SELECT * FROM area_health_profile;
DROP TABLE area_health_profile;
CREATE TABLE area_health_profile (
    area_id     INTEGER NOT NULL REFERENCES areas (id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    measure     VARCHAR NOT NULL REFERENCES health_measures (code),
    value       DOUBLE NOT NULL CHECK (value >= 0 AND value <= 100),
    source      VARCHAR NOT NULL,
    respondents INTEGER CHECK (respondents > 0),
    PRIMARY KEY (area_id, year, measure)
);
INSERT INTO area_health_profile (area_id, year, measure, value, source)
SELECT area_id, year, measure, value, source FROM keep_area_profile ORDER BY area_id, year, measure;
DROP TABLE keep_area_profile;

CREATE TEMP TABLE keep_kommune_profile AS SELECT * FROM kommune_health_profile;
DROP TABLE kommune_health_profile;
CREATE TABLE kommune_health_profile (
    kommunekode VARCHAR NOT NULL,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    measure     VARCHAR NOT NULL REFERENCES health_measures (code),
    value       DOUBLE NOT NULL CHECK (value >= 0 AND value <= 100),
    source      VARCHAR NOT NULL,
    respondents INTEGER CHECK (respondents > 0),
    PRIMARY KEY (kommunekode, year, measure)
);
INSERT INTO kommune_health_profile (kommunekode, year, measure, value, source)
SELECT kommunekode, year, measure, value, source FROM keep_kommune_profile ORDER BY kommunekode, year, measure;
DROP TABLE keep_kommune_profile;
