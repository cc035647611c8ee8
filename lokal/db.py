"""Storage: the one place that opens the database and migrates its schema.

Everything else in Lokal gets a connection from :func:`connect` and runs named SQL
on it. Keeping storage behind this module is what lets a PostgreSQL-backed
deployment (DuckDB's ``ATTACH ... (TYPE postgres)``) come later without touching pages.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "lokal.duckdb"


class LokalDbError(Exception):
    """A storage problem, phrased for the user (Danish first)."""


class DatabaseLocked(LokalDbError):
    """Another process holds the database file open for writing."""


def db_path() -> Path:
    """The database file: env var ``LOKAL_DB`` or ``data/lokal.duckdb``."""
    return Path(os.environ.get("LOKAL_DB") or DEFAULT_PATH)


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (``":memory:"`` allowed) and turn DuckDB's errors into Lokal's own."""
    target = str(path if path is not None else db_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(
                f"Databasen {target} bruges af et andet program lige nu. Prøv igen om lidt."
            ) from exc
        raise LokalDbError(f"Databasen {target} kunne ikke åbnes: {exc}") from exc


def migrations() -> list[tuple[str, str]]:
    """The named migrations in order, as (name, sql)."""
    folder = resources.files("lokal") / "migrations"
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def migrate(con: duckdb.DuckDBPyConnection, *, before: str | None = None) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names.

    ``before`` stops at the first migration whose name sorts at or after it (a database as an older
    Lokal left it, e.g. to test the next migration on it)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, sql in migrations():
        if before is not None and name >= before:
            break
        if name in done:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?)", [name, datetime.now()]
            )
        applied.append(name)
    return applied


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """Run a block as one transaction: all of it is written, or none of it."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def open_db(path: str | Path | None = None, *, catalogue: bool = True) -> duckdb.DuckDBPyConnection:
    """Connect and bring the schema up to date. A brand-new database gets the standard catalogue
    of offer types (:mod:`lokal.catalogue`), so a kommune can record its first course at once
    (``catalogue=False``: not, for the demo builder, which writes its own)."""
    con = connect(path)
    if "0001_initial" in migrate(con) and catalogue:
        from lokal import catalogue  # the catalogue writes through lokal.writes, which imports this module

        catalogue.seed(con)
    return con


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def advance_sequence(con: duckdb.DuckDBPyConnection, sequence: str, max_id: int) -> None:
    """Advance ``sequence`` so that its next value is above ``max_id`` (rows were given explicit ids).

    DuckDB cannot replace a sequence that a column default uses, so draw the values in one query.
    """
    row = con.execute(
        "SELECT coalesce(last_value, start_value - 1) FROM duckdb_sequences() WHERE sequence_name = ?",
        [sequence],
    ).fetchone()
    if row is None:
        raise ValueError(f"Ukendt sekvens: {sequence!r}")
    missing = max_id - int(row[0])
    if missing > 0:
        con.execute(f"SELECT max(nextval('{sequence}')) FROM range(?)", [missing]).fetchone()


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A number that every committed write bumps; caches are keyed on it."""
    row = con.execute(
        "SELECT coalesce(last_value, 0) FROM duckdb_sequences() WHERE sequence_name = 'seq_data_version'"
    ).fetchone()
    return int(row[0]) if row else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> int:
    """Bump the data version; call it after a write commits, so no reader caches old data as new.

    DuckDB 1.4.4: after the file is reopened, ``last_value`` already reports the value the next
    ``nextval`` returns, so the first bump would leave :func:`data_version` unchanged (and every
    cached page stale until a second write). Draw again until the version has moved.
    """
    before = data_version(con)
    value = int(con.execute("SELECT nextval('seq_data_version')").fetchone()[0])
    while data_version(con) <= before:
        value = int(con.execute("SELECT nextval('seq_data_version')").fetchone()[0])
    return value


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    return get_meta(con, "is_demo") == "true"


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has no areas yet (a fresh install without demo data)."""
    return con.execute("SELECT count(*) FROM areas").fetchone()[0] == 0
