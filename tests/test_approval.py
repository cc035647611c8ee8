"""Approval, snapshots and data freshness (issue 17), on the hand-made fixture database.

Expected figures are written out from lokal/fixtures.py: in 2025 area A (Aby) held 2 municipal
offers (Rygestop forår, gennemført; Rygestop efterår, igangværende — Livsstil was cancelled),
B and C none, the kommune 2. A later offer in A makes it 3.
"""

from __future__ import annotations

import hashlib
import math
import shutil
from datetime import date

import pytest

from lokal import access, approval, db, handouts, meeting, release, suppress, views, writes
from lokal.indicators import Period

YEAR = Period("2025", date(2025, 1, 1), date(2025, 12, 31))
OFFERS = "kommunale_tilbud_afholdt"
LEADER = access.User("lone@k.dk", "Lone Leder", "leder")
ADMIN = access.User("anne@k.dk", "Anne Admin", "admin")
COORD = access.User("karen@k.dk", "Karen Koordinator", "koordinator", frozenset({"A"}))
COUNCIL = access.User("bo@k.dk", "Bo Byråd", "byraad")


def _unapprove(con, period: str) -> None:
    for a in approval.current(con, None, period).values():
        approval.withdraw(con, "fixture", a.id, a.version)


@pytest.fixture
def fresh(con):
    """The fixture with 2025 not approved (the fixture approves every ended period)."""
    _unapprove(con, "2025")
    return con


def _council(con, indicator=OFFERS) -> dict[str, float | None]:
    r = views.area_results(con, YEAR, viewer=COUNCIL, indicator_ids=[indicator])
    out = {u: (None if math.isnan(v) else v) for u, v in zip(r.unit, r.value)}
    out["kommune"] = None if math.isnan(r.kommune_value.iloc[0]) else r.kommune_value.iloc[0]
    return out


def _leader(con, indicator=OFFERS) -> dict[str, float]:
    r = views.area_results(con, YEAR, viewer=LEADER, indicator_ids=[indicator])
    return {**dict(zip(r.unit, r.value)), "kommune": r.kommune_value.iloc[0]}


def _add_offer(con, user="koordinator-test") -> int:
    return writes.insert(con, "offers", {"offer_type_id": 1, "area_id": 1, "title": "Rygestop vinter",
                                         "status": "gennemført", "start_date": date(2025, 11, 1),
                                         "end_date": date(2025, 12, 15), "planned_sessions": 6}, user)


def test_council_sees_nothing_of_a_period_before_approval_and_the_approved_figures_after(fresh):
    assert _council(fresh) == {"A": None, "B": None, "C": None, "kommune": None}
    assert _leader(fresh) == {"A": 2, "B": 0, "C": 0, "kommune": 2}  # leaders see today's figures
    aid = approval.approve(fresh, LEADER, "2025")
    assert _council(fresh) == {"A": 2, "B": 0, "C": 0, "kommune": 2}
    assert not approval.overview(fresh).set_index("period").loc["2025", "written_since"]
    st = approval.state(fresh, "2025")
    assert st.approval.id == aid and st.approval.who == "Lone Leder" and st.changed == 0
    assert approval.approved_text(st.approval).startswith("Godkendt ") and st.approval.who in approval.approved_text(
        st.approval)
    # 2025 is approved; 2025K4 was not withdrawn and stays approved; nothing else changed.
    assert "2025" in approval.approved_labels(fresh)


def test_a_later_write_marks_the_period_changed_and_the_council_keeps_the_approved_figures(fresh):
    first = approval.approve(fresh, LEADER, "2025")
    _add_offer(fresh)
    assert _leader(fresh) == {"A": 3, "B": 0, "C": 0, "kommune": 3}
    assert _council(fresh) == {"A": 2, "B": 0, "C": 0, "kommune": 2}  # as approved
    st = approval.state(fresh, "2025")
    assert st.approval.id == first and st.changed >= 2
    row = approval.overview(fresh, compare=True).set_index("period").loc["2025"]
    assert row.written_since and row.changed == st.changed
    diff = approval.changed_since(fresh, st.approval)
    mine = diff[(diff.indicator == OFFERS) & (diff.category == "")].set_index("unit")
    assert mine.value_before.to_dict() == {"A": 2, "kommune": 2, "fokus": 2}
    assert mine.value_after.to_dict() == {"A": 3, "kommune": 3, "fokus": 3}
    # Re-approval: the council now sees 3; withdrawing it brings back the first approval's 2.
    second = approval.approve(fresh, LEADER, "2025")
    assert _council(fresh) == {"A": 3, "B": 0, "C": 0, "kommune": 3}
    assert approval.state(fresh, "2025").changed == 0
    a2 = approval.current(fresh, None, "2025")[""]
    assert a2.id == second
    approval.withdraw(fresh, LEADER, second, a2.version)
    assert approval.current(fresh, None, "2025")[""].id == first
    assert _council(fresh) == {"A": 2, "B": 0, "C": 0, "kommune": 2}


def test_an_area_approval_shows_that_area_only(fresh):
    approval.approve(fresh, LEADER, "2025", area="A")
    assert _council(fresh) == {"A": 2, "B": None, "C": None, "kommune": None}
    assert approval.overview(fresh).set_index("period").loc["2025", "areas_approved"] == 1


def test_every_approval_and_withdrawal_is_audited(fresh):
    aid = approval.approve(fresh, LEADER, "2025")
    a = approval.current(fresh, None, "2025")[""]
    approval.withdraw(fresh, LEADER, aid, a.version)
    rows = fresh.execute("SELECT action, table_name, user_name, after_json FROM audit_log "
                         "WHERE table_name IN ('approvals', 'snapshots') AND user_name = 'lone@k.dk' ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("insert", "snapshots"), ("insert", "approvals"), ("update", "approvals")]
    assert '"withdrawn_by": "lone@k.dk"' in rows[2][3]
    with pytest.raises(approval.ApprovalError, match="allerede tilbagekaldt"):
        approval.withdraw(fresh, LEADER, aid, a.version + 1)


@pytest.mark.parametrize("user,allowed", [(ADMIN, True), (LEADER, True), (COORD, False), (COUNCIL, False)],
                         ids=["admin", "leder", "koordinator", "byraad"])
def test_role_by_action(fresh, user, allowed):
    def denials():
        return fresh.execute("SELECT count(*) FROM audit_log WHERE action = 'denied' AND user_name = ?",
                             [user.id]).fetchone()[0]

    if allowed:
        aid = approval.approve(fresh, user, "2025")
        a = approval.current(fresh, None, "2025")[""]
        approval.withdraw(fresh, user, aid, a.version)
        assert denials() == 0
        return
    with pytest.raises(access.PermissionDenied, match="Kun ledere og administratorer godkender"):
        approval.approve(fresh, user, "2025")
    assert approval.current(fresh, None, "2025") == {}  # nothing half-written
    aid = approval.approve(fresh, LEADER, "2025")
    with pytest.raises(access.PermissionDenied):
        approval.withdraw(fresh, user, aid, 1)
    assert approval.current(fresh, None, "2025")[""].active
    assert denials() == 2
    # Snapshots, comparisons and the freshness table are not the council's (today's figures).
    if user.role == "byraad":
        with pytest.raises(access.PermissionDenied):
            approval.compare_with_today(fresh, user, approval.current(fresh, None, "2025")[""].snapshot_id)
        with pytest.raises(access.PermissionDenied):
            approval.freshness(fresh, user)


def test_an_approval_of_a_running_period_is_refused(fresh):
    with pytest.raises(release.NotPublished):
        approval.approve(fresh, LEADER, "2026K1")


def test_a_snapshot_regenerates_a_byte_identical_summary_table(fresh):
    aid = approval.approve(fresh, LEADER, "2025")
    a = approval.current(fresh, None, "2025")[""]
    k = release.threshold(fresh)
    first = approval.summary_csv(approval.snapshot_figures(fresh, a.snapshot_id), k)
    stored = fresh.execute("SELECT digest FROM snapshots WHERE id = ?", [a.snapshot_id]).fetchone()[0]
    assert hashlib.sha256(first).hexdigest() == stored
    lines = first.decode("utf-8").splitlines()
    assert lines[0] == "Periode;Enhed;Område;Indikator;Værdi"
    assert any(line.startswith("2025;A;Aby;") and line.endswith(";2") and "ommunale tilbud" in line for line in lines)
    _add_offer(fresh)
    again = approval.summary_csv(approval.snapshot_figures(fresh, a.snapshot_id), k)
    assert again == first  # today's data changed; the snapshot did not
    assert approval.snapshot_csv(fresh, LEADER, a.snapshot_id) == first
    assert aid == a.id


def test_meeting_before_and_after_approval_and_its_handout(fresh):
    m = meeting.build(fresh, "2025", figures="approved")
    assert m.approvals[meeting.ALL] is None
    assert m.summary.numbers[OFFERS].value is None and m.summary.numbers[OFFERS].status == suppress.HIDDEN
    draft = meeting.build(fresh, "2025", figures="preferred")
    assert draft.summary.numbers[OFFERS].value == 2
    assert "Udkast – ikke godkendt" in handouts.header_lines(draft, "da")
    approval.approve(fresh, LEADER, "2025")
    _add_offer(fresh)
    m = meeting.build(fresh, "2025", figures="approved")
    assert m.summary.numbers[OFFERS].value == 2 and m.unit("A").numbers[OFFERS].value == 2
    assert meeting.build(fresh, "2025").summary.numbers[OFFERS].value == 3  # live
    line = handouts.header_lines(m, "da")[-1]
    assert line.startswith("Godkendt ") and line.endswith("af Lone Leder")
    assert handouts.header_lines(m, "en")[-1].startswith("Approved ")


def test_a_downloaded_handout_is_kept_and_compared_with_today(fresh, tmp_path):
    approval.approve(fresh, LEADER, "2025")
    m = meeting.build(fresh, "2025", figures="approved")
    content = b"%PDF-1.4 handout as sent"
    sid = approval.record_handout(fresh, LEADER, "2025", meeting.figures_frame(m), kommune=None,
                                  file_name="lokal-moede-2025.pdf", file_bytes=content, k=m.k)
    assert approval.snapshot_file(fresh, LEADER, sid) == ("lokal-moede-2025.pdf", content)
    assert approval.compare_with_today(fresh, LEADER, sid).empty
    _add_offer(fresh)
    diff = approval.compare_with_today(fresh, LEADER, sid)
    assert set(diff[diff.indicator == OFFERS].unit) == {"kommune", "A"}
    kinds = approval.snapshots(fresh, None, "2025").kind.tolist()
    assert kinds[:2] == ["udlevering", "godkendelse"]  # newest first (the fixture's own approval follows)


def test_freshness_says_which_areas_logged_nothing_this_month(fresh):
    _add_offer(fresh)
    f = approval.freshness(fresh, LEADER).set_index("code")
    assert f.loc["A", "this_month"] == 1 and f.loc["B", "this_month"] == 0 and f.loc["C", "this_month"] == 0
    assert f.loc["A", "last_logged"].date() == date.today()
    # The newest date of an offer's start, a session, a collaboration, a knowledge activity or a log note:
    # the new offer's start (A's knowledge activities end in June, its sessions in April).
    assert str(f.loc["A", "last_activity"])[:10] == "2025-11-01"
    assert str(f.loc["B", "last_activity"])[:10] == "2026-03-01"  # its planned course "Livsstil B 2026"
    assert f.loc["C", "last_activity"] != f.loc["C", "last_activity"]  # C has recorded nothing (NaT)


def test_approving_while_data_changes_is_refused(fresh, monkeypatch):
    real = approval._live

    def racing(con, labels, kommune):
        out = real(con, labels, kommune)
        _add_offer(con)  # someone saves while the figures are gathered
        return out

    monkeypatch.setattr(approval, "_live", racing)
    with pytest.raises(approval.ApprovalError, match="Data blev ændret"):
        approval.approve(fresh, LEADER, "2025")
    assert approval.current(fresh, None, "2025") == {}


def test_migration_adds_the_tables(small_db, tmp_path):
    path = tmp_path / "m.duckdb"
    shutil.copy(small_db, path)
    con = db.open_db(path)
    try:
        cols = {r[0] for r in con.execute("DESCRIBE approvals").fetchall()}
        assert {"period", "area_code", "snapshot_id", "approved_by", "withdrawn_at", "version"} <= cols
        assert con.execute("SELECT count(*) FROM approvals WHERE withdrawn_at IS NULL").fetchone()[0] > 0
    finally:
        con.close()
