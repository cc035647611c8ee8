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


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_the_handout_prints_the_approved_figures_and_who_approved_them(fresh, tmp_path):
    import re
    import subprocess

    approval.approve(fresh, LEADER, "2025")
    _add_offer(fresh)  # today 3 offers in Aby; the council's approved figure stays 2
    m = meeting.build(fresh, "2025", figures="approved")
    path = tmp_path / "h.pdf"
    path.write_bytes(handouts.pdf(m, "da", "A"))
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                              capture_output=True, text=True).stdout)
    assert "af Lone Leder" in text and "Godkendt " in text
    assert "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby" in text


# --- the pages (AppTest), on a copy of the demo: its last quarter 2026K3 waits for approval -------------

from tests.test_roles_app import AUTH, CLAIMS, ROLE_TOML  # noqa: E402


@pytest.fixture
def as_role(app, demo_db, tmp_path, monkeypatch):
    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, copy)
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLE_TOML, encoding="utf-8")
    monkeypatch.setenv("LOKAL_ROLES", str(roles))

    def make(role: str, params: dict | None = None):
        at = app(copy, params)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, **CLAIMS[role]}
        return at.run()

    return make


def _texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
                     + [w.value for w in at.warning] + [s.value for s in at.success])


def test_the_council_is_offered_the_waiting_quarter_as_not_approved_and_sees_no_figure_of_it(as_role):
    at = as_role("byraad")
    assert not at.exception
    box = at.sidebar.selectbox(key="_w.filter.periode")
    assert box.value == "2025"  # the last whole year, approved (never the waiting 2026K3)
    assert box.format_func("2026K3").endswith("(ikke godkendt)") and "ikke godkendt" not in box.format_func("2026K2")
    assert at.metric, "Oversigt shows the approved quarter's key figures"
    at = as_role("byraad", {"periode": "2026K3"})
    assert "Tallene for" in _texts(at) and "er ikke godkendt endnu" in _texts(at)
    assert not at.metric and not at.get("plotly_chart") and not at.get("deck_gl_json_chart")
    at.switch_page("app_pages/kort.py").run()
    assert "er ikke godkendt endnu" in _texts(at) and not at.get("deck_gl_json_chart")
    at.switch_page("app_pages/moede.py").run()
    assert "er ikke godkendt endnu" in _texts(at) and not at.get("download_button")


def test_a_coordinator_sees_the_periods_state_but_cannot_approve(as_role):
    at = as_role("koordinator")
    at.switch_page("app_pages/moede.py").run()
    at.selectbox(key="_w.moede.periode").set_value("2026K3").run()
    assert not at.exception
    assert "Godkendelse" in [h.value for h in at.header]
    assert "Udkast – ikke godkendt" in _texts(at)
    assert not [b for b in at.button if b.key == "godkend.knap"]


def test_a_leader_approves_on_moede_after_seeing_what_it_holds(as_role):
    at = as_role("leder")
    at.switch_page("app_pages/moede.py").run()
    at.selectbox(key="_w.moede.periode").set_value("2026K3").run()
    assert "Udkast – ikke godkendt" in _texts(at)
    at.button(key="godkend.knap").click().run()
    assert "dette ændres, når du bekræfter" in _texts(at)
    assert "1.400 tal for Hele kommunen i 2026K3" in _texts(at)
    assert "Udkast – ikke godkendt" in _texts(at)  # nothing approved before the confirmation
    at.button(key="godkend.bekraeft").click().run()
    assert not at.exception
    assert "Hele kommunen er godkendt for 2026K3." in _texts(at)
    assert "Godkendt " in _texts(at) and "af Lone Leder" in _texts(at)
