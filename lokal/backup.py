"""Backups: a consistent copy of the database file while Lokal runs, a check of a copy, and restore.

A backup is the database file itself, copied right after a checkpoint while this process holds
the write lock (:data:`lokal.writes.WRITE_LOCK`): DuckDB's ``FORCE CHECKPOINT`` waits for running
transactions and writes everything into the file, and no write of Lokal's can start until the
copy is done, so the copy is the database as of one moment. Reads go on meanwhile. The copy is
opened and read through before it counts.

DuckDB lets one process at a time open the file for writing, and the running app is that
process: a backup is taken by the app (the button on Opsætning, or every ``LOKAL_BACKUP_HOURS``
hours on the first request after that) or by ``python -m lokal backup`` while the app is stopped.
(DuckDB 1.4.4's own ``EXPORT DATABASE`` cannot be restored into Lokal's schema — ``IMPORT DATABASE``
creates a view before the view it reads — and its sequences would start at the last id used;
``COPY FROM DATABASE`` stops on the foreign keys. Hence the file copy.)

:func:`restore` checks a backup (every table read, the rollups against their base data), keeps
the file it replaces beside it, and puts the copy in its place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from lokal import db
from lokal.writes import WRITE_LOCK

DIR_ENV, HOURS_ENV, KEEP_ENV = "LOKAL_BACKUP_DIR", "LOKAL_BACKUP_HOURS", "LOKAL_BACKUP_KEEP"
KEEP = 14  # backups kept in the folder (the oldest go first)
META_KEY = "last_backup"
_NAME = re.compile(r"-(\d{8}-\d{6})\.duckdb$")
_AUTO = threading.Lock()  # one automatic backup at a time per process


class BackupError(db.LokalDbError):
    """A backup or restore that could not be done; the message says why and what to do."""


NO_ROOM = ("Der er ikke plads til sikkerhedskopien i {folder} ({detail}). Intet er ændret i databasen. Frigør plads, "
           "eller vælg en anden mappe (LOKAL_BACKUP_DIR eller --to).")
NOT_A_BACKUP = "{file} kan ikke bruges som sikkerhedskopi: {detail}. Intet er ændret."
NO_FILE = "Databasen {path} findes ikke, så der er intet at tage en kopi af."
RESTORE_LOCKED = ("Databasen {path} bruges af et andet program (appen kører). Stop appen, og kør "
                  "'python -m lokal restore' igen; intet er ændret.")
BACKUP_LOCKED = ("Databasen {path} bruges af appen lige nu, så kopien kan ikke tages udefra (DuckDB lader kun ét "
                 "program åbne filen). Tag kopien i appen: Opsætning → Sikkerhedskopi → »Tag sikkerhedskopi nu«, "
                 "eller slå den automatiske kopi til (LOKAL_BACKUP_HOURS); eller stop appen, og kør kommandoen igen.")


@dataclass
class Backup:
    path: Path
    taken_at: datetime
    size: int
    seconds: float


def folder(db_file: Path, to: str | Path | None = None) -> Path:
    """Where backups go: ``to``, else ``LOKAL_BACKUP_DIR``, else ``backups/`` beside the database file."""
    return Path(to or os.environ.get(DIR_ENV) or db_file.parent / "backups")


def take(con: duckdb.DuckDBPyConnection, db_file: Path, to: str | Path | None = None, *,
         keep: int | None = None, now: datetime | None = None) -> Backup:
    """Copy the database file consistently into the backup folder, check the copy, record it and
    remove the oldest copies beyond ``keep``. ``con`` is a connection (or cursor) to ``db_file``."""
    started = time.perf_counter()
    now = now or datetime.now()
    target_dir = folder(db_file, to)
    target = target_dir / f"{db_file.stem}-{now:%Y%m%d-%H%M%S}.duckdb"
    partial = target.with_name(target.name + ".delvis")
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        with WRITE_LOCK:
            con.execute("FORCE CHECKPOINT")
            _copy(db_file, partial)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(NO_ROOM, folder=str(target_dir), detail=exc.strerror or str(exc)) from exc
    except duckdb.Error as exc:
        partial.unlink(missing_ok=True)
        raise db.storage_error(exc, db_file) or BackupError(NOT_A_BACKUP, file=str(db_file), detail=str(exc)) from exc
    try:
        check(partial, thorough=False)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    done = Backup(target, now, target.stat().st_size, time.perf_counter() - started)
    _record(con, done)
    prune(target_dir, db_file.stem, keep if keep is not None else int(os.environ.get(KEEP_ENV) or KEEP))
    return done


def _copy(source: Path, target: Path) -> None:
    """Copy a file and flush it to the disk before it is called a backup."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 22)
        dst.flush()
        os.fsync(dst.fileno())


def _record(con, done: Backup) -> None:
    """Remember the backup in the database (meta ``last_backup``) for the set-up checklist."""
    value = json.dumps({"at": done.taken_at.isoformat(timespec="seconds"), "file": str(done.path),
                        "bytes": done.size})
    try:
        with WRITE_LOCK, db.transaction(con):
            db.set_meta(con, META_KEY, value)
    except db.StorageError:
        return  # the copy is good; only the note of it could not be written (the disk filled meanwhile)
    db.bump_data_version(con)


def last(con) -> dict | None:
    """The last backup recorded in the database: {'at': datetime, 'file': Path, 'bytes': int, 'exists': bool}."""
    raw = db.get_meta(con, META_KEY)
    if not raw:
        return None
    try:
        value = json.loads(raw)
        at, file = datetime.fromisoformat(value["at"]), Path(value["file"])
    except (ValueError, KeyError, TypeError):
        return None
    return {"at": at, "file": file, "bytes": value.get("bytes"), "exists": file.exists()}


def listing(target_dir: Path, stem: str | None = None) -> list[Path]:
    """The backups in a folder, newest first (by the time in their name)."""
    if not target_dir.is_dir():
        return []
    found = [p for p in target_dir.glob("*.duckdb") if _NAME.search(p.name) and (stem is None
                                                                                   or p.name.startswith(stem + "-"))]
    return sorted(found, key=lambda p: _NAME.search(p.name).group(1), reverse=True)


def prune(target_dir: Path, stem: str, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups of ``stem`` in the folder; returns the removed ones."""
    old = listing(target_dir, stem)[max(keep, 1):]
    for p in old:
        p.unlink(missing_ok=True)
    return old


def due(con, hours: float, now: datetime | None = None) -> bool:
    """Whether an automatic backup is due: none recorded, or the last is ``hours`` old or its file is gone."""
    previous = last(con)
    return previous is None or not previous["exists"] or \
        (now or datetime.now()) - previous["at"] >= timedelta(hours=hours)


def auto_hours() -> float | None:
    """``LOKAL_BACKUP_HOURS`` as a number of hours (None: automatic backups are off)."""
    try:
        hours = float(os.environ.get(HOURS_ENV) or 0)
    except ValueError:
        return None
    return hours if hours > 0 else None


def start_auto(con, db_file: Path) -> threading.Thread | None:
    """Take an automatic backup in the background when one is due (the app calls this on each run;
    the request does not wait). A failure is kept for the set-up page, never raised into a page."""
    hours = auto_hours()
    if hours is None or not _AUTO.acquire(blocking=False):
        return None
    try:
        cur = con.cursor()
        try:
            needed = due(cur, hours)
        finally:
            cur.close()
    except (duckdb.Error, db.LokalDbError):
        needed = False
    if not needed:
        _AUTO.release()
        return None

    def run():
        cur = con.cursor()
        try:
            take(cur, db_file)
            AUTO_FAILURE.pop("message", None)
        except (db.LokalDbError, duckdb.Error, OSError) as exc:
            AUTO_FAILURE["message"] = exc.text() if isinstance(exc, db.LokalDbError) else str(exc)
        finally:
            cur.close()
            _AUTO.release()

    thread = threading.Thread(target=run, name="lokal-backup", daemon=True)
    thread.start()
    return thread


AUTO_FAILURE: dict[str, str] = {}  # the last automatic backup's failure, for the set-up page


# --- checking and restoring ------------------------------------------------------------------------------

REQUIRED_TABLES = ("schema_migrations", "meta", "areas", "offers", "audit_log")


def check(path: Path, *, thorough: bool = True) -> dict:
    """Open a copy read-only and read every table through (DuckDB checks each block's checksum);
    ``thorough`` also compares the rollups with their base data. Returns what it found; raises
    :class:`BackupError` saying what is wrong."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise BackupError(NOT_A_BACKUP, file=str(path), detail=_first_line(exc)) from exc
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1").fetchall()]
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise BackupError(NOT_A_BACKUP, file=str(path), detail="den er ikke en Lokal-database (tabellen "
                                                                   f"{missing[0]} mangler)")
        rows = {}
        for table in tables:  # names from the catalogue, not from the user
            rows[table] = con.execute(f'SELECT count(*), sum(hash(t)) FROM "{table}" t').fetchone()[0]
        migrations = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        known = [name for name, _ in db.migrations()]
        newer = [m for m in migrations if m not in known]
        if newer:
            raise BackupError(NOT_A_BACKUP, file=str(path), detail=f"den er fra en nyere Lokal (migrering {newer[0]})")
        problems = []
        if thorough:
            from lokal import rollups

            problems = rollups.check(con) if "rollup_enrolments" in tables else []
        if problems:
            raise BackupError(NOT_A_BACKUP, file=str(path), detail=f"rollups og grunddata er uenige ({problems[0]})")
        return {"tables": len(tables), "rows": sum(rows.values()), "migrations": len(migrations)}
    except duckdb.Error as exc:
        raise BackupError(NOT_A_BACKUP, file=str(path), detail=_first_line(exc)) from exc
    finally:
        con.close()


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def restore(backup_file: Path, db_file: Path, now: datetime | None = None) -> Path | None:
    """Check ``backup_file`` and put a copy of it where ``db_file`` is; the file it replaces (and its
    write-ahead log) is kept beside it, named '….erstattet-<time>'. Returns that name (None when there
    was no file). Refused, with nothing changed, while another program has the database open."""
    if not backup_file.is_file():
        raise BackupError(NOT_A_BACKUP, file=str(backup_file), detail="filen findes ikke")
    check(backup_file)
    if db_file.exists():
        try:
            db.connect(db_file).close()
        except db.DatabaseLocked as exc:
            raise BackupError(RESTORE_LOCKED, path=str(db_file)) from exc
        except db.LokalDbError:
            pass  # a broken file is the usual reason to restore
    stamp = f"{now or datetime.now():%Y%m%d-%H%M%S}"
    incoming = db_file.with_name(db_file.name + ".gendannes")
    try:
        db_file.parent.mkdir(parents=True, exist_ok=True)
        _copy(backup_file, incoming)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise BackupError(NO_ROOM, folder=str(db_file.parent), detail=exc.strerror or str(exc)) from exc
    aside = None
    if db_file.exists():
        aside = db_file.with_name(f"{db_file.name}.erstattet-{stamp}")
        db_file.replace(aside)
    wal = db_file.with_name(db_file.name + ".wal")
    if wal.exists():  # the old file's log would be replayed into the restored one
        wal.replace(db_file.with_name(f"{db_file.name}.erstattet-{stamp}.wal"))
    incoming.replace(db_file)
    db.open_db(db_file).close()  # a backup from an older Lokal is migrated now
    return aside
