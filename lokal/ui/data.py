"""Cached data access for pages: one shared connection, a cursor per call, caches keyed on the data version.

Pages call :func:`fetch` with a function from :mod:`lokal.queries` or :mod:`lokal.indicators`;
the result is cached under the database path and the data version that every write bumps,
so a saved change shows at once without a restart.
"""

from __future__ import annotations

import os

import streamlit as st

from lokal import db


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


def connection():
    """The shared connection for this database file (opened and migrated once per process)."""
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
    return _cached(key, str(db.db_path()), version(), args, tuple(sorted(kwargs.items())), fn)
