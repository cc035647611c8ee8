"""Cached data access for pages: one shared connection, a cursor per call, caches keyed on the data version.

Pages call :func:`fetch` with a function from :mod:`lokal.queries` or :mod:`lokal.indicators`;
the result is cached under the database path and the data version that every write bumps,
so a saved change shows at once without a restart.

When the database file or its disk fails (:class:`lokal.db.StorageError`), the frame shows
:func:`problem_page` — what is wrong and what to do, for an admin where the file is and how to
restore a backup — instead of Streamlit's exception page, and the connection is opened afresh:
after a failed commit DuckDB may show rows in memory that never reached the disk.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import duckdb
import streamlit as st

from lokal import access, backup, db


def ensure_database() -> None:
    """Build the demo database on first start when no database exists (unless LOKAL_DEMO=0)."""
    path = db.db_path()
    if path.exists() or os.environ.get("LOKAL_DEMO", "1") == "0":
        return
    from lokal import demo
    from lokal.i18n import t
    from lokal.ui.state import lang

    with st.spinner(t("Bygger demodata første gang …", lang())):
        demo.build_demo_db(path)


@st.cache_resource(show_spinner=False, on_release=lambda c: c.close())
def _connection(path: str):
    return db.open_db(path)


_SEEN_FAILURES = [db.storage_failures()]


def connection():
    """The shared connection for this database file (opened and migrated once per process; opened
    again, with every cache dropped, after a storage error)."""
    if db.storage_failures() != _SEEN_FAILURES[0]:
        _SEEN_FAILURES[0] = db.storage_failures()
        _connection.clear()
        st.cache_data.clear()
    return _connection(str(db.db_path()))


def version() -> int:
    cur = connection().cursor()
    try:
        return db.data_version(cur)
    finally:
        cur.close()


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(key: str, path: str, data_version: int, args: tuple, kwargs: tuple, _fn):
    cur = _connection(path).cursor()
    try:
        return _fn(cur, *args, **dict(kwargs))
    finally:
        cur.close()


def fetch(fn, *args, **kwargs):
    """Call ``fn(cursor, *args, **kwargs)`` through the cache keyed on the data version."""
    key = f"{fn.__module__}.{fn.__qualname__}"
    try:
        return _cached(key, str(db.db_path()), version(), args, tuple(sorted(kwargs.items())), fn)
    except duckdb.Error as exc:  # a block that fails its checksum is only found when it is read
        problem = db.storage_error(exc, db.db_path())
        if problem is None:
            raise
        raise problem from exc


def start_auto_backup() -> None:
    """Start the automatic backup in the background when ``LOKAL_BACKUP_HOURS`` says one is due."""
    backup.start_auto(connection(), db.db_path())


# --- when the database cannot be used ----------------------------------------------------------------

_HEADLINES = {db.DiskFull: "Disken er fuld", db.ReadOnlyDatabase: "Databasen kan kun læses",
              db.DatabaseCorrupt: "Databasefilen er beskadiget", db.DatabaseUnreadable: "Databasen kan ikke åbnes",
              db.DatabaseInvalidated: "Databasen skal åbnes igen", db.DatabaseLocked: "Databasen er optaget"}
_PENDING, _SHOWN = "lokal.lagringsfejl", "lokal.lagringsfejl.vist"


def problem_of(exc: BaseException) -> db.LokalDbError | None:
    """Lokal's error for an exception a page let through (None: not a database problem)."""
    if isinstance(exc, db.LokalDbError):
        return exc
    if isinstance(exc, (duckdb.Error, OSError)):
        return db.storage_error(exc, db.db_path())
    return None


@contextmanager
def guard(user: access.User | None, *, frame: bool = False):
    """Around a page: a database problem it did not handle is shown at the top of the page after a rerun
    (a save failed, reads may still work) — or as the problem page, which stops the run, around the
    frame's own reads (``frame``) or when it happens again right after the rerun."""
    try:
        yield
    except (db.LokalDbError, duckdb.Error, OSError) as exc:
        problem = problem_of(exc)
        if problem is None:
            raise
        if frame or st.session_state.get(_SHOWN):
            problem_page(problem, user)
        st.session_state[_PENDING] = problem
        st.rerun()


def pending_problem(user: access.User | None) -> None:
    """Show, once, the database problem that stopped the previous run of this page."""
    problem = st.session_state.pop(_PENDING, None)
    st.session_state[_SHOWN] = problem is not None
    if problem is not None:
        _explain(problem, user)


def problem_page(exc: db.LokalDbError, user: access.User | None) -> None:
    """The page shown when the database cannot be used at all; stops the run."""
    from lokal.ui.state import t

    st.title("Lokal")
    _explain(exc, user)
    st.button(t("Prøv igen"), type="primary", key="lokal.proev_igen")
    st.stop()


def _explain(exc: db.LokalDbError, user: access.User | None) -> None:
    from lokal.ui.state import lang, t

    headline = next((h for cls, h in _HEADLINES.items() if isinstance(exc, cls)), "Databasen afviste handlingen")
    st.error(f"**{t(headline)}.** {exc.text(lang())}", icon=":material/error:")
    if not isinstance(exc, db.StorageError):
        return
    if user is not None and not access.can(user, access.ADMIN):
        st.info(t("Kontakt administratoren af Lokal, og fortæl, hvad der står ovenfor."))
        return
    path = db.db_path().resolve()
    found = backup.listing(backup.folder(path), path.stem)
    lines = [t("Databasefilen: `{path}`").format(path=path)]
    if isinstance(exc, db.DiskFull):
        lines.append(t("Se, hvad der fylder på disken (`df -h {folder}`), og frigør plads; databasen er, som den var "
                       "før den afviste ændring.").format(folder=path.parent))
    if found:
        lines.append(t("Nyeste sikkerhedskopi: `{file}`").format(file=found[0]))
    else:
        lines.append(t("Der er ingen sikkerhedskopier i `{folder}`.").format(folder=backup.folder(path)))
    if isinstance(exc, (db.DatabaseCorrupt, db.DatabaseUnreadable)):
        lines.append(t("Sådan gendanner du en sikkerhedskopi: stop Lokal, og kør `python -m lokal restore {file} "
                       "--path {path}` (kopien kontrolleres først, og den nuværende fil gemmes ved siden af som "
                       "`…erstattet-<tid>`); start så Lokal igen.").format(
            file=found[0] if found else t("SIKKERHEDSKOPI"), path=path))
    body = "\n".join(f"- {line}" for line in lines)
    if user is None:  # the roles live in the database, so who is admin cannot be read now
        with st.expander(t("Til administratoren"), expanded=False):
            st.markdown(body)
    else:
        st.markdown(f"**{t('Til administratoren')}**\n\n{body}")
