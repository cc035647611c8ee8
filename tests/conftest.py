"""Shared test fixtures: real DuckDB files built in temporary folders, never mocks."""

from __future__ import annotations

import pytest

from lokal import db, fixtures


@pytest.fixture(scope="session")
def small_db(tmp_path_factory):
    """The hand-made fixture database (lokal/fixtures.py) as a closed file."""
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    con = db.connect(path)
    fixtures.build_small(con)
    con.close()
    return path


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
