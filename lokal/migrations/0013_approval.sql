-- 0013_approval: approval of a period's figures before the council sees them, and snapshots of what
-- was shown (issue 17).
--
-- * snapshots: one frozen set of figures — made when a leader approves a period (kind 'godkendelse')
--   or when someone downloads a meeting handout (kind 'udlevering'). The figures are the council's
--   protected figures as they were (snapshot_figures); a handout's file is kept as it was sent, so
--   "what did the council see on 12 January" has one answer. digest: SHA-256 of the snapshot's
--   summary table (lokal.approval.summary_csv), so a regenerated table can be checked byte for byte.
-- * approvals: a leader's approval of a kommune's (area_code '') or one area's figures for one period
--   (a release label: '2025' or '2025K3'). The newest approval that is not withdrawn is the one the
--   council sees; a re-approval adds a row. Nothing here is ever deleted.
-- kommune '' is a database with one kommune (the views' kommune None).

CREATE SEQUENCE seq_snapshots START 1;
CREATE TABLE snapshots (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_snapshots'),
    kind VARCHAR NOT NULL CHECK (kind IN ('godkendelse', 'udlevering')),
    kommune VARCHAR NOT NULL DEFAULT '',
    period VARCHAR NOT NULL,
    made_by VARCHAR NOT NULL,
    made_at TIMESTAMP NOT NULL,
    data_version BIGINT NOT NULL,
    data_date DATE,
    min_count INTEGER NOT NULL,
    figures INTEGER NOT NULL,
    digest VARCHAR NOT NULL,
    file_name VARCHAR,
    file_bytes BLOB,
    note VARCHAR
);

CREATE TABLE snapshot_figures (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id),
    period VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    unit_name VARCHAR,
    indicator VARCHAR NOT NULL,
    numerator DOUBLE,
    denominator DOUBLE,
    value DOUBLE,
    status VARCHAR NOT NULL,
    PRIMARY KEY (snapshot_id, period, category, unit, indicator)
);

CREATE SEQUENCE seq_approvals START 1;
CREATE TABLE approvals (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_approvals'),
    kommune VARCHAR NOT NULL DEFAULT '',
    area_code VARCHAR NOT NULL DEFAULT '',
    period VARCHAR NOT NULL,
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id),
    approved_by VARCHAR NOT NULL,
    approver_name VARCHAR,
    approved_at TIMESTAMP NOT NULL,
    withdrawn_by VARCHAR,
    withdrawn_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX approvals_period ON approvals (kommune, period);
