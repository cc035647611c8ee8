"""Interpretations (issue 17): who may write, edit and remove them, the person-data warning, the pages
and the handouts — on real DuckDB files (the hand-made fixture, and the demo for the app)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lokal import db, handouts, meeting, writes
from lokal import interpretations as ip
from lokal.access import PermissionDenied, User

ADMIN = User("admin@k.dk", "Anne Admin", "admin")
LEDER = User("leder@k.dk", "Lone Leder", "leder")
LEDER2 = User("leder2@k.dk", "Lars Leder", "leder")
KOORD_A = User("karen@k.dk", "Karen Koordinator", "koordinator", frozenset({"A"}))
KOORD_B = User("kim@k.dk", "Kim Koordinator", "koordinator", frozenset({"B"}))
BYRAAD = User("bo@k.dk", "Bo Byråd", "byraad")


def _denied(con) -> int:
    return con.execute("SELECT count(*) FROM audit_log WHERE action = 'denied' AND table_name = 'interpretations'"
                       ).fetchone()[0]


def _count(con) -> int:
    return con.execute("SELECT count(*) FROM interpretations WHERE deleted_at IS NULL").fetchone()[0]


def _note(con, note_id: int) -> dict:
    return writes.fetch_row(con, "interpretations", note_id)


# --- role × action ------------------------------------------------------------------------------

INSERTS = [  # (user, area code or None for the kommune as a whole, allowed)
    (ADMIN, "A", True), (ADMIN, None, True),
    (LEDER, "A", True), (LEDER, "C", True), (LEDER, None, True),
    (KOORD_A, "A", True), (KOORD_A, "B", False), (KOORD_A, None, False),
    (BYRAAD, "A", False), (BYRAAD, None, False),
]


@pytest.mark.parametrize(("user", "area", "allowed"), INSERTS,
                         ids=[f"{u.role}-{u.id.split('@')[0]}-{a or 'kommune'}" for u, a, _ in INSERTS])
def test_who_may_write_an_interpretation(con, user, area, allowed):
    before = _denied(con)
    if allowed:
        note_id = ip.write(con, user, period="2025", body="Flere deltog efter temadagen.", area_code=area,
                           kommune="0851")
        row = _note(con, note_id)
        assert (row["author"], row["author_name"], row["version"]) == (user.id, user.name, 1)
        assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'insert' AND table_name = 'interpretations' "
                           "AND record_key = ? AND user_name = ?", [str(note_id), user.id]).fetchone()[0] == 1
    else:
        with pytest.raises(PermissionDenied):
            ip.write(con, user, period="2025", body="Flere deltog efter temadagen.", area_code=area, kommune="0851")
        assert _count(con) == 0
        assert _denied(con) == before + 1


def test_the_author_is_the_user_not_a_value_from_the_form(con):
    with pytest.raises(PermissionDenied, match="dit eget navn"):
        writes.insert(con, "interpretations", {"kommunekode": "0851", "area_id": 1, "period": "2025",
                                               "body": "x", "author": "someone@else.dk"}, LEDER)
    assert _count(con) == 0 and _denied(con) == 1


@pytest.fixture
def written(con):
    """Three interpretations on 2025: Lone Leder's on area A and on the kommune, Karen's on area A."""
    return {
        "leder": ip.write(con, LEDER, period="2025", body="Lone om A.", area_code="A"),
        "kommune": ip.write(con, LEDER, period="2025", body="Lone om kommunen.", kommune="0851"),
        "koord": ip.write(con, KOORD_A, period="2025", body="Karen om A.", area_code="A"),
    }


UPDATES = [  # (user, whose note, allowed): only the author edits
    (LEDER, "leder", True), (LEDER, "kommune", True), (KOORD_A, "koord", True),
    (LEDER2, "leder", False), (LEDER, "koord", False), (KOORD_A, "leder", False), (KOORD_B, "koord", False),
    (ADMIN, "leder", False), (BYRAAD, "leder", False),
]


@pytest.mark.parametrize(("user", "which", "allowed"), UPDATES,
                         ids=[f"{u.id.split('@')[0]}-edits-{w}" for u, w, _ in UPDATES])
def test_only_the_author_edits_an_interpretation(con, written, user, which, allowed):
    note_id, before = written[which], _denied(con)
    if allowed:
        assert ip.edit(con, user, note_id, 1, body="Rettet tekst.", period="2025K4") == 2
        row = _note(con, note_id)
        assert (row["body"], row["period"], row["author"]) == ("Rettet tekst.", "2025K4", user.id)
        assert row["updated_at"] is not None
    else:
        with pytest.raises(PermissionDenied):
            ip.edit(con, user, note_id, 1, body="Rettet tekst.", period="2025")
        assert _note(con, note_id)["version"] == 1
        assert _denied(con) == before + 1


def test_an_author_cannot_hand_the_text_to_someone_else(con, written):
    with pytest.raises(PermissionDenied):
        writes.update(con, "interpretations", written["leder"], {"author": LEDER2.id}, 1, LEDER)
    assert _note(con, written["leder"])["author"] == LEDER.id


def test_a_coordinator_cannot_move_their_text_to_another_area(con, written):
    with pytest.raises(PermissionDenied):
        writes.update(con, "interpretations", written["koord"], {"area_id": 2}, 1, KOORD_A)
    assert _denied(con) == 1


DELETES = [(ADMIN, True), (LEDER, False), (KOORD_A, False), (BYRAAD, False)]


@pytest.mark.parametrize(("user", "allowed"), DELETES, ids=[u.role for u, _ in DELETES])
def test_only_an_admin_removes_an_interpretation(con, written, user, allowed):
    note_id = written["koord"] if user.role == "koordinator" else written["leder"]  # even one's own
    before = _denied(con)
    if allowed:
        ip.remove(con, user, note_id, 1)
        assert _note(con, note_id)["deleted_at"] is not None
        assert [n.id for n in ip.notes(con, periods=["2025"], areas=["A"])] == [written["koord"]]
        assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'delete' AND table_name = 'interpretations'"
                           ).fetchone()[0] == 1
    else:
        with pytest.raises(PermissionDenied, match="byrådsmedlem" if user.role == "byraad" else "administrator"):
            ip.remove(con, user, note_id, 1)
        assert _note(con, note_id)["deleted_at"] is None
        assert _denied(con) == before + 1


def test_a_stale_edit_is_refused(con, written):
    ip.edit(con, LEDER, written["leder"], 1, body="Første rettelse.", period="2025")
    with pytest.raises(writes.StaleRecord):
        ip.edit(con, LEDER, written["leder"], 1, body="Anden rettelse fra en gammel side.", period="2025")
    assert _note(con, written["leder"])["body"] == "Første rettelse."


@pytest.mark.parametrize(("body", "period", "indicator", "message"), [
    ("   ", "2025", None, "Skriv en tekst"),
    ("x" * 1001, "2025", None, "højst være 1000 tegn"),
    ("God tekst.", "2025K5", None, "Perioden"),
    ("God tekst.", "2025", "ikke_en_indikator", "Indikatoren"),
], ids=["empty", "too-long", "bad-period", "bad-indicator"])
def test_bad_input_is_refused_with_a_message(con, body, period, indicator, message):
    with pytest.raises(writes.WriteError, match=message):
        ip.write(con, LEDER, period=period, body=body, area_code="A", indicator=indicator)
    assert _count(con) == 0


def test_the_database_refuses_a_text_over_1000_characters(con):
    with pytest.raises(writes.WriteError):
        writes.insert(con, "interpretations", {"kommunekode": "0851", "area_id": 1, "period": "2025",
                                               "body": "x" * 1001, "author": "system"}, "system")


def test_listing_by_area_kommune_period_and_indicator(con, written):
    on_indicator = ip.write(con, LEDER, period="2025K3", body="Om deltagerne.", area_code="B",
                            indicator="deltagere_pr_1000")
    assert [n.id for n in ip.notes(con, periods=["2025"], areas=["A"])] == [written["leder"], written["koord"]]
    assert [n.id for n in ip.notes(con, periods=["2025"], whole=True)] == [written["kommune"]]
    assert ip.notes(con, periods=["2024"], areas=["A"], whole=True) == []
    found = ip.notes(con, periods=ip.periods_in("2025K3", "2025K3"), areas=["B"])
    assert [n.id for n in found] == [on_indicator]
    assert ip.about(found[0]) == "2025K3 · Deltagere pr. 1.000 voksne"
    assert ip.notes(con, periods=["2025K3"], areas=["B"], indicator="gennemfoerelse") == []
    assert ip.signature(found[0]).startswith("— Lone Leder, ")
    assert ip.periods_in("2025K1", "2025K4") == ["2025", "2025K1", "2025K2", "2025K3", "2025K4"]


# --- the person-data warning --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    ("Anne Jensen kom til alle gange.", "name"),
    ("Vi talte med Mette om forløbet.", "name"),
    ("Fru Hansen stoppede med at ryge.", "name"),
    ("Deltager 010190-1234 udeblev.", "cpr"),
    ("CPR 0101901234 stod på listen.", "cpr"),
    ("Ring på 98 12 34 56 for at høre mere.", "phone"),
    ("Kontakt +45 22334455.", "phone"),
    ("Skriv til jens.p@gmail.com.", "email"),
])
def test_person_data_is_warned_about(text, kind):
    assert kind in [k for k, _ in ip.person_data_found(text)]
    warning = ip.person_data_warning(text)
    assert warning.startswith("Teksten ser ud til at indeholde personoplysninger")
    assert "The text seems to hold personal data" in ip.person_data_warning(text, "en")


@pytest.mark.parametrize("text", [
    "Aalborg Øst havde flere deltagere i Q3 end i Q2.",
    "Sundhedshuset og Vadum Samråd holdt temadag i 2025K3.",
    "Deltagelsen steg fra 1.234 til 1.456, og 320000 kr. gik til rygestop.",
    "Hans bror og Per uge er ikke navne her; Bo i området.",
    "Andelen, der gennemførte, var 92 % (12 af 13 hold).",
    "Tallene for 2024 2025 viser en stigning.",
    "",
])
def test_ordinary_texts_get_no_warning(text):
    assert ip.person_data_warning(text) is None, ip.person_data_found(text)


def test_a_number_with_an_impossible_date_is_not_a_cpr_number():
    assert "cpr" not in [k for k, _ in ip.person_data_found("Sag 3213991234 er lukket.")]


# --- the handouts -------------------------------------------------------------------------------------

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@needs_pdftotext
def test_the_handout_pdf_holds_the_interpretations(con, tmp_path):
    ip.write(con, LEDER, period="2025", body="Aby fik flere partnere efter sommerfesten.", area_code="A")
    ip.write(con, LEDER, period="2025", body="Hele kommunen rykkede sig.", kommune="0851")
    ip.write(con, LEDER, period="2024", body="Et andet år.", area_code="A")
    m = meeting.build(con, "2025", k=5)
    notes = ip.handout_lines(con, "2025", [meeting.ALL, *(u.code for u in m.areas)])
    assert set(notes) == {meeting.ALL, "A"}
    try:
        data = handouts.pdf(m, "da", meeting.ALL, notes=notes)
    finally:
        handouts.stop_image_server()
    path = tmp_path / "h.pdf"
    path.write_bytes(data)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "Fortolkninger" in text
    assert "Aby fik flere partnere efter sommerfesten. — Lone Leder," in text
    assert "Hele kommunen rykkede sig." in text
    assert "Et andet år." not in text


def test_the_handout_deck_holds_the_interpretations(con):
    from io import BytesIO

    from pptx import Presentation

    ip.write(con, LEDER, period="2025", body="Aby fik flere partnere.", area_code="A")
    m = meeting.build(con, "2025", k=5)
    notes = ip.handout_lines(con, "2025", ["A"], lang="en")
    try:
        data = handouts.pptx(m, "en", "A", notes=notes)
    finally:
        handouts.stop_image_server()
    texts = [s.text_frame.text for slide in Presentation(BytesIO(data)).slides for s in slide.shapes
             if s.has_text_frame]
    assert any(t.endswith("· Interpretations") for t in texts)
    assert any("Aby fik flere partnere. — Lone Leder," in t for t in texts)


# --- the pages --------------------------------------------------------------------------------------------

ROLE_TOML = """
[[users]]
email = "leder@aalborg.dk"
role = "leder"

[[users]]
email = "admin@aalborg.dk"
role = "admin"

[[groups]]
group = "lokal-byraad"
role = "byraad"
"""
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret-not-used",
        "client_id": "lokal", "client_secret": "x",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}
CLAIMS = {"leder": {"email": "leder@aalborg.dk", "name": "Lone Leder"},
          "admin": {"email": "admin@aalborg.dk", "name": "Anne Admin"},
          "byraad": {"email": "bo@aalborg.dk", "name": "Bo Byråd", "groups": ["lokal-byraad"]}}


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture
def login(app, demo_copy, tmp_path, monkeypatch):
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLE_TOML, encoding="utf-8")
    monkeypatch.setenv("LOKAL_ROLES", str(roles))

    def make(role: str, params: dict | None = None):
        at = app(demo_copy, params)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, **CLAIMS[role]}
        return at

    return make


def _texts(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_a_leader_adds_an_interpretation_on_omraade_and_the_council_reads_it_on_moede(login, demo_copy):
    at = login("leder").run()
    at.switch_page("app_pages/omraade.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Fortolkninger" in [h.value for h in at.header]
    area = at.selectbox(key="_w.omraade.kode").value
    at.selectbox(key="omraade.ny.periode").select("2025")
    at.text_area(key="omraade.ny.tekst").input("Flere kom til rygestop efter temadagen i fælleshuset.")
    next(b for b in at.button if b.label == "Gem fortolkningen").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Flere kom til rygestop efter temadagen i fælleshuset." in _texts(at)
    assert "— Lone Leder, " in _texts(at)
    con = db.connect(demo_copy)
    try:
        row = con.execute("SELECT i.author, a.code, i.period FROM interpretations i JOIN areas a ON a.id = i.area_id"
                          ).fetchall()
    finally:
        con.close()
    assert row == [("leder@aalborg.dk", area, "2025")]

    council = login("byraad").run()
    council.switch_page("app_pages/moede.py").run()
    assert not council.exception, [e.message for e in council.exception]
    council.selectbox(key="_w.moede.periode").select("2025").run()
    council.selectbox(key="_w.moede.omraade").select(area).run()
    assert not council.exception, [e.message for e in council.exception]
    assert "Flere kom til rygestop efter temadagen i fælleshuset." in _texts(council)
    assert not [f for f in council.get("form")], "no form for the council"
    assert not [b for b in council.button if "fortolkning" in b.label.lower()]


def test_a_text_with_a_name_needs_a_confirmation_before_it_is_saved(login, demo_copy):
    at = login("leder").run()
    at.switch_page("app_pages/omraade.py").run()
    at.text_area(key="omraade.ny.tekst").input("Anne Jensen kom til alle gange.")
    next(b for b in at.button if b.label == "Gem fortolkningen").click().run()
    assert any("personoplysninger" in w.value for w in at.warning)
    con = db.connect(demo_copy)
    assert con.execute("SELECT count(*) FROM interpretations").fetchone()[0] == 0
    con.close()
    at.checkbox(key="omraade.ny.bekraeft").check()
    next(b for b in at.button if b.label == "Gem fortolkningen").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Anne Jensen kom til alle gange." in _texts(at)


def test_an_admin_removes_an_interpretation_on_moede_and_it_is_gone(login, demo_copy):
    con = db.connect(demo_copy)
    try:
        ip.write(con, LEDER, period="2025", body="Hele kommunen fik flere aktører.", kommune="0851")
    finally:
        con.close()
    at = login("admin").run()
    at.switch_page("app_pages/moede.py").run()
    at.selectbox(key="_w.moede.periode").select("2025").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Hele kommunen fik flere aktører." in _texts(at)
    assert at.get("form"), "the admin writes too"
    assert not [b for b in at.button if b.label == "Gem rettelsen"], "an admin does not edit a leader's text"
    next(b for b in at.button if b.label == "Fjern fortolkningen").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Hele kommunen fik flere aktører." not in _texts(at)
    con = db.connect(demo_copy)
    try:
        assert con.execute("SELECT user_name FROM audit_log WHERE action = 'delete' AND table_name = 'interpretations'"
                           ).fetchall() == [("admin@aalborg.dk",)]
    finally:
        con.close()


def test_the_activity_logs_undo_passes_over_an_interpretation(con):
    """Undo on Aktivitetslog would delete it, which only an admin may: it undoes the change before instead."""
    ip.write(con, KOORD_A, period="2025", body="Karen om A.", area_code="A")
    assert writes.last_change(con, KOORD_A) is None
