"""Schema and migrations on real DuckDB files."""

import duckdb
import pytest

from lokal import db


def test_migrate_twice_changes_nothing(tmp_path):
    path = tmp_path / "l.duckdb"
    con = db.connect(path)
    assert db.migrate(con) == [name for name, _ in db.migrations()]
    tables = con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    assert db.migrate(con) == []
    assert con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall() == tables
    con.close()
    # And again after reopening the file.
    con = db.connect(path)
    assert db.migrate(con) == []
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(db.migrations())


def test_migrations_are_named_and_ordered():
    names = [name for name, _ in db.migrations()]
    assert names[0] == "0001_initial"
    assert names == sorted(names)


@pytest.mark.parametrize("statement", [
    "INSERT INTO areas (code, name, kommunekode, kind) VALUES ('X', 'X', '0851', 'planet')",
    "INSERT INTO areas (code, name, kommunekode, kind, adults) VALUES ('X', 'X', '0851', 'landsby', -1)",
    "INSERT INTO areas (code, name, kommunekode, kind, adults, adults_40_60) VALUES ('X', 'X', '0851', 'landsby', 5, 9)",
    "INSERT INTO areas (code, name, kommunekode, kind) VALUES ('A', 'Dublet', '0851', 'landsby')",
    "INSERT INTO offers (offer_type_id, area_id, title, start_date, status) VALUES (1, 1, 'x', DATE '2025-01-01', 'ukendt')",
    "INSERT INTO offers (offer_type_id, area_id, title, start_date, end_date, status) "
    "VALUES (1, 1, 'x', DATE '2025-02-01', DATE '2025-01-01', 'planlagt')",
    # An offer's area, type and partner are checked by the write path (migration 0007, test_writes.py);
    # what points at offers and participants keeps its foreign key.
    "INSERT INTO sessions (offer_id, session_date, attendance) VALUES (99, DATE '2025-03-01', 3)",
    "INSERT INTO enrolments (participant_id, offer_id) VALUES (99, 1)",
    "INSERT INTO sessions (offer_id, session_date, attendance) VALUES (1, DATE '2025-03-01', -3)",
    "INSERT INTO enrolments (participant_id, offer_id, channel) VALUES (1, 1, 'due')",
    "INSERT INTO participants (pseudonym, age_band) VALUES ('P9', '12-17')",
    "INSERT INTO offer_types (name, category, has_outcome) VALUES ('Uden mål', 'kommunalt', true)",
])
def test_constraints_refuse_bad_rows(small_db, tmp_path, statement):
    import shutil

    path = tmp_path / "copy.duckdb"
    shutil.copy(small_db, path)
    con = db.connect(path)
    with pytest.raises(duckdb.ConstraintException):
        con.execute(statement)
    con.close()


def test_transaction_writes_all_or_nothing(tmp_path):
    con = db.open_db(tmp_path / "t.duckdb")
    with pytest.raises(duckdb.ConstraintException), db.transaction(con):
        con.execute("INSERT INTO areas (code, name, kommunekode, kind) VALUES ('Q', 'Q', '0851', 'landsby')")
        con.execute("INSERT INTO areas (code, name, kommunekode, kind) VALUES ('Q', 'Q2', '0851', 'landsby')")
    assert con.execute("SELECT count(*) FROM areas").fetchone()[0] == 0


def test_second_writer_gets_a_clear_danish_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "locked.duckdb"
    db.open_db(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
                               "time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(db.DatabaseLocked, match="bruges af et andet program"):
            db.connect(path)
    finally:
        holder.kill()
        holder.wait()


def test_data_version_bumps(tmp_path):
    con = db.open_db(tmp_path / "v.duckdb")
    assert db.data_version(con) == 1  # a new database was given the standard offer types
    assert db.bump_data_version(con) == 2
    assert db.data_version(con) == 2


def test_the_first_write_after_reopening_the_file_changes_the_data_version(tmp_path):
    # DuckDB 1.4.4 reports a reopened sequence's next value as its last one; caches keyed on the
    # version would then miss the first write after every server start.
    path = tmp_path / "v.duckdb"
    con = db.open_db(path)
    db.bump_data_version(con)
    db.bump_data_version(con)
    con.close()
    for _ in range(3):
        con = db.open_db(path)
        before = db.data_version(con)
        db.bump_data_version(con)
        assert db.data_version(con) > before
        con.close()
