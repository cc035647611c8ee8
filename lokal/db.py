"""Storage: the one place that opens the database and migrates its schema.

Everything else in Lokal gets a connection from :func:`connect` and runs named SQL
on it. Keeping storage behind this module is what lets a PostgreSQL-backed
deployment (DuckDB's ``ATTACH ... (TYPE postgres)``) come later without touching pages.

DuckDB's errors about the file and its disk are told apart here (:func:`storage_error`): a lock
held by another program, a full disk, a read-only or corrupt file — each its own exception with
a Danish message saying what happened and what to do. :func:`transaction` raises them for a
failed block or commit, after rolling back, so nothing is half-written.
"""

from __future__ import annotations

import os
from contextlib import contextmanager, suppress
from datetime import datetime
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "lokal.duckdb"


class LokalDbError(Exception):
    """A storage problem, phrased for the user (Danish first; :meth:`text` gives it in a language).

    The message is a Danish template; with ``values`` it is formatted after translation, so the
    English catalogue (:mod:`lokal.i18n`) holds the template once."""

    def __init__(self, message: str, **values):
        self.template, self.values = message, values
        super().__init__(message.format(**values) if values else message)

    def text(self, lang: str = "da") -> str:
        from lokal import i18n

        template = i18n.t(self.template, lang)
        return template.format(**self.values) if self.values else template


class DatabaseLocked(LokalDbError):
    """Another process holds the database file open for writing."""


class StorageError(LokalDbError):
    """The database file or its disk cannot be used right now; whatever was being saved is not saved."""


class DiskFull(StorageError):
    """The disk with the database (or its write-ahead log) has no room."""


class ReadOnlyDatabase(StorageError):
    """The file, or the file system it lies on, can only be read."""


class DatabaseCorrupt(StorageError):
    """The file is not a DuckDB database, is cut short, or a block fails its checksum."""


class DatabaseUnreadable(StorageError):
    """The file cannot be opened for another reason (no access, a folder, a newer DuckDB's file)."""


class DatabaseInvalidated(StorageError):
    """DuckDB stopped the database after a fatal error; it must be opened again."""


LOCKED = "Databasen {path} bruges af et andet program lige nu. Prøv igen om lidt."
DISK_FULL = ("Disken med databasen {path} er fuld, så ændringen kunne ikke gemmes. Intet er gemt, og databasen er "
             "som før. Frigør plads på disken (eller bed IT om det), og prøv igen.")
READ_ONLY = ("Databasefilen {path} kan kun læses (filen eller drevet er skrivebeskyttet), så intet kan gemmes. Intet "
             "er gemt. Bed IT om at give Lokal lov til at skrive i filen og dens mappe.")
CORRUPT = ("Databasefilen {path} er beskadiget og kan ikke læses ({detail}). Intet er ændret. Gendan den seneste "
           "sikkerhedskopi (python -m lokal restore), eller bed IT om det.")
UNREADABLE = "Databasefilen {path} kan ikke åbnes ({detail}). Bed IT om at tjekke filen og Lokals adgang til den."
NEWER = ("Databasefilen {path} er gemt af en nyere version af DuckDB end den, Lokal kører med. Opdatér Lokal "
         "(pip install -r requirements.txt), eller gendan en sikkerhedskopi.")
INVALIDATED = ("Databasen er stoppet efter en alvorlig fejl ({detail}) og skal åbnes igen. Det, der var ved at blive "
               "gemt, er ikke gemt. Prøv igen; sker det igen, så genstart Lokal, og bed IT se på disken.")

_FAILURES = [0]  # storage errors seen by this process; the app opens its connection again after one


def storage_failures() -> int:
    """How many storage errors this process has met (the app reconnects when the number moves: after a
    failed commit DuckDB may show rows in memory that never reached the disk)."""
    return _FAILURES[0]


def storage_error(exc: BaseException, path: str | Path | None = None) -> LokalDbError | None:
    """The Lokal error for a DuckDB or OS error that is about the file or its disk, or None (a
    constraint, a conflict or a bug is not a storage problem and is left to the caller)."""
    text = str(exc)
    low = text.lower()
    where = str(path) if path is not None else _path_in(text) or "?"
    detail = text.split("\n")[0][:200]
    errno = getattr(exc, "errno", None)
    if "could not set lock on file" in low or "conflicting lock is held" in low:
        return DatabaseLocked(LOCKED, path=where)
    if "no space left on device" in low or errno == 28 or "disk quota exceeded" in low:
        return DiskFull(DISK_FULL, path=where)
    if "read-only file system" in low or "attached in read-only mode" in low or errno == 30:
        return ReadOnlyDatabase(READ_ONLY, path=where)
    if "permission denied" in low or errno == 13:
        target = Path(where)
        if target.exists() and os.access(target, os.R_OK):
            return ReadOnlyDatabase(READ_ONLY, path=where)
        return DatabaseUnreadable(UNREADABLE, path=where, detail=detail)
    if "not a valid duckdb database file" in low or "corrupt database file" in low \
            or "could not read enough bytes" in low or "checksum" in low or "replaying wal" in low:
        return DatabaseCorrupt(CORRUPT, path=where, detail=detail)
    if "version number" in low and "can only read" in low:
        return DatabaseUnreadable(NEWER, path=where)
    if isinstance(exc, (duckdb.FatalException, duckdb.ConnectionException)) or "database has been invalidated" in low:
        # also a connection closed under a page because the app reopened it after a storage error
        return DatabaseInvalidated(INVALIDATED, detail=detail)
    if isinstance(exc, (duckdb.IOException, OSError)):
        return DatabaseUnreadable(UNREADABLE, path=where, detail=detail)
    return None


def _path_in(text: str) -> str | None:
    """The file a DuckDB message names ('Could not write file "/x/lokal.duckdb.wal": ...')."""
    start = text.find('"')
    end = text.find('"', start + 1)
    return text[start + 1:end].removesuffix(".wal") if 0 <= start < end else None


def _translated(exc: BaseException, path=None) -> LokalDbError | None:
    problem = storage_error(exc, path) if isinstance(exc, (duckdb.Error, OSError)) else None
    if isinstance(problem, StorageError):
        _FAILURES[0] += 1
    return problem


def db_path() -> Path:
    """The database file: env var ``LOKAL_DB`` or ``data/lokal.duckdb``."""
    return Path(os.environ.get("LOKAL_DB") or DEFAULT_PATH)


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (``":memory:"`` allowed) and turn DuckDB's errors into Lokal's own."""
    target = str(path if path is not None else db_path())
    try:
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(target, read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        problem = storage_error(exc, target)
        raise problem or LokalDbError(UNREADABLE, path=target, detail=str(exc)[:200]) from exc


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
    """Run a block as one transaction: all of it is written, or none of it.

    A full disk, a read-only or broken file — in the block or at the commit — becomes a
    :class:`StorageError` saying so; anything else (a constraint, a conflict) is raised as it came."""
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.Error as exc:
        problem = _translated(exc)
        if problem is not None:
            raise problem from exc
        raise
    try:
        yield con
    except BaseException as exc:
        _rollback(con)
        problem = _translated(exc)
        if problem is not None:
            raise problem from exc
        raise
    try:
        con.execute("COMMIT")
    except duckdb.Error as exc:
        _rollback(con)
        problem = _translated(exc)
        if problem is not None:
            raise problem from exc
        raise


def _rollback(con) -> None:
    """Roll back what is left of a transaction (after a failed commit DuckDB has already ended it)."""
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")


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
    try:
        before = data_version(con)
        value = int(con.execute("SELECT nextval('seq_data_version')").fetchone()[0])
        while data_version(con) <= before:
            value = int(con.execute("SELECT nextval('seq_data_version')").fetchone()[0])
        return value
    except duckdb.Error as exc:
        # The write itself was committed; a full disk may still refuse the bump. Saying "nothing saved"
        # would be wrong, so the failure is only counted: the app then drops its caches and connection.
        if _translated(exc) is None:
            raise
        return -1


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    return get_meta(con, "is_demo") == "true"


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has no areas yet (a fresh install without demo data)."""
    return con.execute("SELECT count(*) FROM areas").fetchone()[0] == 0
