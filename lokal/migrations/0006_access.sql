-- 0006_access: login and roles (issue 5). A refused attempt (a write outside one's areas, a
-- read the role does not allow) is written to the audit log with action 'denied'. DuckDB cannot
-- change a CHECK constraint in place, so the table is copied into one that allows the new action.
-- Targets become editable records (leaders set them): version and soft delete like the others.
CREATE TABLE audit_log_new (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
    changed_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    user_name   VARCHAR NOT NULL,
    action      VARCHAR NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore', 'import', 'demo',
                                                    'migrate', 'denied')),
    table_name  VARCHAR NOT NULL,
    record_key  VARCHAR,
    before_json VARCHAR,
    after_json  VARCHAR
);
INSERT INTO audit_log_new SELECT id, changed_at, user_name, action, table_name, record_key, before_json, after_json
FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;

ALTER TABLE targets ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE targets ADD COLUMN deleted_at TIMESTAMP;
