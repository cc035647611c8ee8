"""The offer directory (Tilbudsoversigt, issue 16 part 3): which offers, which contacts, the A4 PDF, the page."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from lokal import access, db, directory_pdf, i18n, validate, writes
from lokal import directory as dr

ROOT = Path(__file__).resolve().parent.parent
KAREN_A = access.User("karen@aalborg.dk", "Karen", "koordinator", frozenset({"A"}))
BO_B = access.User("bo@aalborg.dk", "Bo", "koordinator", frozenset({"B"}))


def add_offer(con, area_id: int, title: str, status: str, start: date, end: date | None, **extra) -> int:
    values = {"offer_type_id": 3, "area_id": area_id, "title": title, "status": status, "start_date": start,
              "end_date": end, "volunteers": 0, **extra}
    return writes.insert(con, "offers", values, "test")


# --- which offers: current, upcoming, never cancelled or postponed ------------------------------


def test_windows_are_counted_on_the_calendar():
    day = date(2026, 11, 23)
    assert dr.window("naeste_maaned", day) == dr.Window("naeste_maaned", date(2026, 12, 1), date(2026, 12, 31))
    assert dr.window("naeste_2_maaneder", day).end == date(2027, 1, 23)
    assert dr.window("denne_maaned", day).end == date(2026, 11, 30)
    assert dr.window("naeste_3_maaneder", date(2026, 11, 30)).end == date(2027, 2, 28)  # no 30 February
    assert dr.window("naeste_maaned", date(2026, 12, 15)).start == date(2027, 1, 1)
    assert dr.window_choice_text("naeste_maaned", day) == "Næste måned (december 2026)"
    assert dr.window_choice_text("naeste_maaned", day, "en") == "Next month (December 2026)"


def test_running_and_planned_offers_in_the_window_appear_cancelled_and_postponed_never(con):
    # The fixture's offers (lokal/fixtures.py) in 01-10-2025 … 01-12-2025: A runs 'Gåhold' (since 01-04-2025) and
    # 'Rygestop efterår' (since 01-09-2025), both without an end date. Not shown: finished ones, 'Livsstil'
    # (aflyst), 'Livsstil B' (udskudt, 01-10 … 30-11-2025), 'Livsstil B 2026' (starts after the window).
    add_offer(con, 2, "Oplæg B", "planlagt", date(2025, 10, 20), date(2025, 10, 20))
    add_offer(con, 2, "Kursus B", "planlagt", date(2025, 11, 10), date(2025, 12, 15),
              schedule_text="tirsdage kl. 17–19", venue_name="Bby Skole", venue_address="Skolevej 1, 9000 Bby",
              target_group="Voksne med KOL", signup_text="Ring 98 12 34 56")
    add_offer(con, 2, "Aflyst B", "aflyst", date(2025, 11, 1), date(2025, 11, 30))
    add_offer(con, 2, "Senere B", "planlagt", date(2025, 12, 5), date(2025, 12, 20))
    add_offer(con, 2, "Slut før B", "igangværende", date(2025, 6, 1), date(2025, 9, 30))
    d = dr.build(con, dr.window("naeste_2_maaneder", date(2025, 10, 1)))
    by_area = {a.code: a for a in d.areas}
    assert [o.title for o in by_area["A"].current] == ["Gåhold", "Rygestop efterår"]
    assert by_area["A"].upcoming == []
    assert by_area["B"].current == []
    assert [o.title for o in by_area["B"].upcoming] == ["Oplæg B", "Kursus B"]
    assert by_area["C"].offers == []
    assert d.offer_count == 4 and [a.code for a in d.without_offers] == ["C"]
    one_day, course = by_area["B"].upcoming
    assert dr.when_text(one_day) == "den 20-10-2025"
    assert dr.line_text(course) == "Livsstilskursus (kommunalt tilbud) · tirsdage kl. 17–19 · starter 10-11-2025, " \
                                   "slutter 15-12-2025"
    assert dr.when_text(by_area["A"].current[0], "en") == "ongoing"
    assert dr.venue_text(course) == "Bby Skole, Skolevej 1, 9000 Bby"
    # One area, and one category only (the sidebar's filter).
    assert [a.code for a in dr.build(con, d.window, "B").areas] == ["B"]
    civil = dr.build(con, d.window, category="civilsamfund")
    assert [o.title for a in civil.areas for o in a.offers] == ["Gåhold"]


def test_reference_day_is_today_except_in_the_demo(con, demo_ro):
    assert dr.reference_day(con, date(2026, 12, 2)) == date(2026, 12, 2)
    assert dr.reference_day(demo_ro, date(2026, 12, 2)) == date(2026, 11, 23)  # the demo's data date


# --- contacts: validated, audited, only in one's own area ---------------------------------------


def test_phone_and_email_are_checked_with_a_message_naming_the_field(con):
    ok = validate.check(con, "area_contacts", [{"Område": "Aby", "Koordinator": "Mette Sørensen",
                                                "Koordinators telefon": "+45 9931-2000",
                                                "Koordinators e-mail": " mette@aalborg.dk "}], first_row=None)
    assert ok.ok and ok.rows[0] == {"id": 1, "coordinator_name": "Mette Sørensen",
                                    "coordinator_phone": "+45 99 31 20 00", "coordinator_email": "mette@aalborg.dk"}
    bad = validate.check(con, "partners", [{"Navn": "Samrådet", "Type": "samråd", "Område": "Aby",
                                            "Telefon": "1234", "E-mail": "mette(at)aalborg"}])
    assert [p.text() for p in bad.errors] == [
        "Række 2, felt 'Telefon': '1234' er ikke et dansk telefonnummer; skriv 8 cifre, fx 98 12 34 56 (gerne med "
        "+45 foran)",
        "Række 2, felt 'E-mail': 'mette(at)aalborg' er ikke en e-mailadresse; skriv fx navn@kommune.dk",
    ]


def test_a_coordinator_edits_the_contact_of_an_own_area_only_and_it_is_audited(con):
    clean = validate.check(con, "area_contacts", [{"Område": "A", "Koordinator": "Mette Sørensen",
                                                   "Koordinators telefon": "99312000"}], first_row=None).rows[0]
    changes = writes.upsert_changes(con, "areas", clean, ("id",))
    assert [(c.op, c.id, c.values) for c in changes] == [
        ("update", 1, {"coordinator_name": "Mette Sørensen", "coordinator_phone": "99 31 20 00"})]
    with pytest.raises(access.PermissionDenied):
        writes.apply(con, changes, BO_B)
    writes.apply(con, changes, KAREN_A)
    assert con.execute("SELECT coordinator_name, coordinator_phone, version FROM areas WHERE id = 1").fetchone() == \
        ("Mette Sørensen", "99 31 20 00", 2)
    audit = con.execute("SELECT user_name, action FROM audit_log WHERE table_name = 'areas' ORDER BY id").fetchall()
    assert audit == [("bo@aalborg.dk", "denied"), ("karen@aalborg.dk", "update")]
    with pytest.raises(writes.WriteError, match="Et område slettes ikke"):
        writes.delete(con, "areas", 1, 2, "test")
    # A partner's contact person; both are the area's contacts in the directory (the coordinator first).
    writes.update(con, "partners", 1, {"contact_name": "Hans Holm", "contact_phone": "98 12 34 56"}, 1, KAREN_A)
    d = dr.build(con, dr.window("naeste_2_maaneder", date(2025, 10, 1)), "A")
    assert [dr.contact_text(c) for c in d.areas[0].contacts] == [
        "Koordinator: Mette Sørensen · 99 31 20 00", "Samrådet (samråd): Hans Holm · 98 12 34 56"]
    assert dr.contact_text(d.areas[0].contacts[1], "en") == "Samrådet (local council): Hans Holm · 98 12 34 56"


# --- the PDF -------------------------------------------------------------------------------------


def _font_sizes(pdf: bytes) -> set[float]:
    sizes = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            continue
        sizes |= {float(s) for s in re.findall(rb"/F\d+ ([\d.]+) Tf", text)}
    return sizes


def _pdf_text(tmp_path, pdf: bytes, name: str) -> tuple[str, int]:
    path = tmp_path / name
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text, pages


@pytest.fixture(scope="module")
def demo_ro(demo_db, tmp_path_factory):
    """The demo read from a copy (the app tests open the demo file itself, which a reader would lock)."""
    path = tmp_path_factory.mktemp("demo_directory") / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_a_gp_gets_one_page_of_what_runs_in_their_area_next_month(demo_ro, tmp_path):
    # The demo's data date is 23-11-2026, so next month is December 2026; Aalborg Øst (AAL-02).
    d = dr.build(demo_ro, dr.window("naeste_maaned", dr.reference_day(demo_ro)), "AAL-02")
    assert dr.filename(d) == "tilbudsoversigt-aalborg-oest-2026-12.pdf"
    pdf = directory_pdf.pdf(d, "da")
    text, pages = _pdf_text(tmp_path, pdf, "oest.pdf")
    assert pages == 1
    assert min(_font_sizes(pdf)) >= 10
    flat = " ".join(text.split())
    assert "Tilbudsoversigt · Aalborg Øst" in flat and "December 2026 (01-12-2026–31-12-2026)" in flat
    assert "Demodata" in flat and "Side 1 af 1" in flat
    offers = d.areas[0].offers
    assert [o.title for o in offers] == ["Fællesspisning i Aalborg Øst", "Yoga i Aalborg Øst",
                                         "Livsstilskursus i Aalborg Øst, hold 1"]
    for o in offers:
        assert o.title in flat and dr.venue_text(o) in flat and o.schedule_text in flat and o.signup_text in flat
    assert "til 04-01-2027" in flat  # the course ends in January
    coordinator = demo_ro.execute("SELECT coordinator_name, coordinator_phone, coordinator_email FROM areas "
                                  "WHERE code = 'AAL-02'").fetchone()
    assert f"Koordinator: {' · '.join(coordinator)}" in flat
    # In English the same page, with English words around the recorded (Danish) texts.
    text, pages = _pdf_text(tmp_path, directory_pdf.pdf(d, "en"), "oest-en.pdf")
    flat = " ".join(text.split())
    assert pages == 1 and "Offer directory · Aalborg Øst" in flat and "Running now" in flat
    assert "until 4 Jan 2027" in flat and "Page 1 of 1" in flat


def test_the_kommune_directory_runs_over_several_pages_and_names_every_area(demo_ro, tmp_path):
    d = dr.build(demo_ro, dr.window("naeste_2_maaneder", dr.reference_day(demo_ro)))
    text, pages = _pdf_text(tmp_path, directory_pdf.pdf(d, "da"), "kommune.pdf")
    flat = " ".join(text.split())
    assert pages > 1 and dr.filename(d) == "tilbudsoversigt-aalborg-kommune-2026-11.pdf"
    for a in d.with_offers:
        assert a.name in flat and all(o.title in flat for o in a.offers)
    assert "Områder uden tilbud i perioden" in flat and all(a.name in flat for a in d.without_offers)
    # Upcoming offers are there too: LIVA in Aalborg Øst starts 11-01-2027.
    assert "starter 11-01-2027" in flat


def test_the_directory_texts_have_english():
    missing = []
    for name in ("directory.py", "directory_pdf.py"):
        for node in ast.walk(ast.parse((ROOT / "lokal" / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) \
                    and (getattr(node.func, "id", None) == "t" or getattr(node.func, "attr", None) == "t") \
                    and node.args[0].value not in i18n.EN:
                missing.append((name, node.args[0].value))
    for choice in dr.WINDOWS:
        text = dr.window_choice_text(choice, date(2026, 11, 23))
        assert dr.window_choice_text(choice, date(2026, 11, 23), "en") != text
    assert not missing, missing


# --- the page ------------------------------------------------------------------------------------


def test_page_shows_an_area_in_danish_and_english_with_its_pdf(app, demo_db):
    at = app(demo_db, {"omraade": "AAL-02", "vindue": "naeste_maaned"})  # a link a coordinator sends
    at.switch_page("app_pages/tilbudsoversigt.py").run()
    assert not at.exception, [e.message for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    assert "Tilbudsoversigt · Aalborg Øst" in text and "#### Kører nu" in text and "#### Kontakter" in text
    assert "Livsstilskursus i Aalborg Øst, hold 1" in text
    assert [b.proto.label for b in at.get("download_button")] == ["Hent PDF til udskrift"]
    at.sidebar.radio(key="_w.lang").set_value("en").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Offer directory"
    text = " ".join(m.value for m in at.markdown)
    assert "#### Running now" in text and "#### Contacts" in text
    assert [b.proto.label for b in at.get("download_button")] == ["Download PDF to print"]


def test_page_whole_kommune_lists_areas_and_an_empty_area_is_friendly(app, demo_db):
    at = app(demo_db, {"vindue": "naeste_2_maaneder"})
    at.run()
    at.switch_page("app_pages/tilbudsoversigt.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Aalborg Øst · 4 tilbud, 1 starter i perioden" in [e.label for e in at.expander]
    at.selectbox(key="_w.tilbud.omraade").set_value("AAL-16").run()  # Klarup: nothing until 04-02-2027
    assert not at.exception
    assert "Ingen tilbud i perioden i Klarup" in at.info[0].value


def test_page_on_an_empty_database_shows_the_empty_state(app, empty_db):
    at = app(empty_db)
    at.run()
    at.switch_page("app_pages/tilbudsoversigt.py").run()
    assert not at.exception
    assert at.title[0].value == "Tilbudsoversigt" and "Der er ingen data endnu" in at.info[0].value


def test_migration_0012_keeps_existing_rows_and_adds_empty_contacts(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    db.migrate(con, before="0012")
    con.execute("INSERT INTO areas (code, name, kommunekode, kind) VALUES ('X', 'Xby', '0851', 'landsby')")
    assert "0012_offer_directory" in db.migrate(con)
    assert con.execute("SELECT name, coordinator_name, version FROM areas").fetchall() == [("Xby", None, 1)]
    assert {"venue_address", "schedule_text", "target_group", "signup_text"} <= {
        r[0] for r in con.execute("DESCRIBE offer_facts").fetchall()}
    con.close()


def test_aktivitetslog_saves_the_area_contact_after_showing_the_change(app, small_copy):
    at = app(small_copy)
    at.switch_page("app_pages/aktivitetslog.py").run()
    at.selectbox(key="_w.omraade.kode").set_value("A").run()
    at.text_input(key="log.kontakt.A.Koordinator").set_value("Mette Sørensen")
    at.text_input(key="log.kontakt.A.Koordinators telefon").set_value("1234")
    next(b for b in at.button if b.label == "Gem kontaktoplysninger").click()
    at.run()
    assert any("Felt 'Koordinators telefon'" in e.value for e in at.error), [e.value for e in at.error]
    at.text_input(key="log.kontakt.A.Koordinators telefon").set_value("99312000")
    next(b for b in at.button if b.label == "Gem kontaktoplysninger").click()
    at.run()
    assert any("Koordinator: – → Mette Sørensen" in m.value and "99 31 20 00" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Bekræft og gem").click()
    at.run()
    assert not at.exception and any("Kontaktoplysningerne er gemt" in s.value for s in at.success)
    at.switch_page("app_pages/tilbudsoversigt.py").run()
    at.selectbox(key="_w.tilbud.omraade").set_value("A").run()
    assert any("**Koordinator:** Mette Sørensen · 99 31 20 00" in m.value for m in at.markdown)
