"""The house rules that import-linter cannot see: no SQL and no duckdb in the UI files."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
SQL = re.compile(r"\b(select\s.+\sfrom|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+table)\b", re.I)


def test_pages_and_frame_hold_no_sql():
    for path in UI_FILES:
        text = path.read_text(encoding="utf-8")
        assert not SQL.search(text), f"SQL in {path.name}"


def test_pages_and_frame_do_not_import_duckdb():
    for path in UI_FILES:
        assert not re.search(r"^\s*(import|from)\s+duckdb", path.read_text(encoding="utf-8"), re.M), path.name


def test_there_is_no_legacy_pages_folder():
    # A folder named pages/ beside app.py switches Streamlit to legacy multipage mode.
    assert not (ROOT / "pages").exists()
