"""Shared test fixtures: real DuckDB files built in temporary folders, never mocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lokal import db, fixtures

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="session")
def small_db(tmp_path_factory):
    """The hand-made fixture database (lokal/fixtures.py) as a closed file."""
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    con = db.connect(path)
    fixtures.build_small(con)
    con.close()
    return path


@pytest.fixture
def small_copy(small_db, tmp_path):
    """A writable copy of the hand-made fixture database, for tests that change it."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(small_db, path)
    return path


@pytest.fixture
def con(small_copy):
    """An open (migrated) connection to a writable copy of the fixture database."""
    c = db.open_db(small_copy)
    yield c
    c.close()


@pytest.fixture
def app(monkeypatch):
    """An AppTest factory for a database file (and URL parameters).

    Streamlit's caches live for the whole pytest process, so they are cleared around each test
    (the cached connection closes on release and the next test can open its own file).
    """

    def make(path, params: dict | None = None) -> AppTest:
        monkeypatch.setenv("LOKAL_DB", str(path))
        monkeypatch.setenv("LOKAL_DEMO", "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in (params or {}).items():
            at.query_params[k] = v
        return at

    yield make
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory):
    """A migrated database with no data: a fresh install without demo data."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    db.open_db(path).close()
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo data set (seed 42) as a closed file, built once per test run."""
    from lokal import demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build_demo_db(path, seed=42)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright: use Debian's Chromium, headless, with no network chatter."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }
