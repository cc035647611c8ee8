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


def test_indicators_are_computed_only_where_the_council_protection_is_applied():
    # A council figure must pass lokal.release: the views and the meeting model apply it; the
    # release itself and the rollups' self-check compute raw figures that never reach a page; the
    # approval's snapshot applies the release to every figure it keeps.
    allowed = {"indicators.py", "views.py", "meeting.py", "release.py", "rollups.py", "approval.py"}
    call = re.compile(r"\b(ind|indicators)\.(compute|compute_with_benchmark)\(")
    for path in [*UI_FILES, *sorted((ROOT / "lokal").rglob("*.py"))]:
        if path.name not in allowed:
            assert not call.search(path.read_text(encoding="utf-8")), f"{path.name} computes indicators itself"
    assert "release.apply" in (ROOT / "lokal" / "meeting.py").read_text(encoding="utf-8")
    assert (ROOT / "lokal" / "approval.py").read_text(encoding="utf-8").count("release.apply") >= 1
    assert (ROOT / "lokal" / "views.py").read_text(encoding="utf-8").count("release.apply") >= 3
