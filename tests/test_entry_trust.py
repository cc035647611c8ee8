"""Data entry a coordinator can trust (issue 14): on the hand-made fixture (areas Aby A, Bby B, Cby C;
participants P1–P6; Rygestop forår has sessions on 01-02-2025 (11) and 08-02-2025 (10))."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest

from lokal import changes, db, importing, population, pseudonyms, queries, validate, views, writes

ME = "test"


def enrolment(**kw) -> dict:
    return {"Deltager": "P1", "Område": "A", "Tilbud": "Gåhold", "Start": "01-05-2025", **kw}


# --- Participants ---------------------------------------------------------------------------------


def test_an_existing_pseudonym_with_other_attributes_is_a_warning_naming_both(con):
    # P1 is a man of 40-49 living in Aby; the coordinator types a woman of 61-74 from Bby.
    checked = validate.check(con, "enrolments", [enrolment(Aldersgruppe="61-74", Køn="kvinde", Bopælsområde="B")],
                             first_row=None)
    assert checked.ok
    assert [p.text() for p in checked.warnings] == [
        "Felt 'Deltager': deltageren P1 findes allerede (40-49 år, mand, Aby); du har skrevet 61-74 år, kvinde, Bby. "
        "Tilmeldingen knyttes til den eksisterende deltager, hvis oplysninger ikke ændres. Er det en anden person, "
        "så brug et nyt pseudonym"]
    same = validate.check(con, "enrolments", [enrolment(Aldersgruppe="40-49", Køn="mand")], first_row=None)
    assert same.ok and not same.warnings  # the same person typed the same way: nothing to say


@pytest.mark.parametrize("typed,why", [
    ("Jens Hansen", "ligner et navn"), ("Anne-Marie Holm Jensen", "ligner et navn"),
    ("jens@aalborg.dk", "ligner en e-mailadresse"), ("+45 20 30 40 50", "ligner et telefonnummer"),
    ("010203-1234", "ligner et CPR-nummer"),
])
def test_person_data_is_refused_as_a_pseudonym_in_the_form_and_the_import(con, typed, why):
    form = validate.check(con, "enrolments", [enrolment(Deltager=typed)], first_row=None)
    assert not form.ok and why in form.errors[0].text() and "Deltager" in form.errors[0].text()
    table = importing.read_table(("Deltager;Område;Tilbud;Start\n" f"{typed};A;Gåhold;01-05-2025\n").encode(), "t.csv")
    mapping, problems = importing.map_columns(table, "enrolments")
    result = importing.preview(con, "enrolments", table, mapping, problems)
    assert not result.ok and any(why in p.text() and "Række 2" in p.text() for p in result.problems)


def test_pseudonyms_are_generated_in_the_pattern_and_never_reused(con):
    assert pseudonyms.next_free(con) == "P000007"  # after the fixture's P1 … P6
    p = writes.insert(con, "participants", {"pseudonym": "P000007"}, ME)
    assert pseudonyms.next_free(con) == "P000008"
    writes.delete(con, "participants", p, 1, ME)
    assert pseudonyms.next_free(con) == "P000008"  # a deleted pseudonym is not handed out again
    db.set_meta(con, "pseudonym_pattern", "AAL-{nr:04d}")
    assert pseudonyms.next_free(con) == "AAL-0001"


def test_participants_are_found_by_pseudonym_with_their_attributes(con):
    found = pseudonyms.search(con, "p1", viewer=ME)
    assert found[["pseudonym", "age_band", "sex", "home_area", "enrolments"]].values.tolist() == [
        ["P1", "40-49", "mand", "Aby", 2]]


# --- No silent overwrite: the import shows its diff ---------------------------------------------


def test_an_update_import_shows_each_field_old_and_new_before_writing(con):
    text = ("Område;Tilbud;Dato;Fremmøde;Note\nAby;Rygestop forår;01-02-2025;9;\nAby;Rygestop forår;08-02-2025;10;\n"
            "Aby;Rygestop forår;15-02-2025;12;ny gang\n")
    table = importing.read_table(text.encode(), "s.csv")
    mapping, problems = importing.map_columns(table, "sessions")
    result = importing.preview(con, "sessions", table, mapping, problems)
    assert result.counts == {"nye": 1, "opdateres": 1, "uændrede": 1}
    assert result.updates == [(2, ["Fremmøde: 11 → 9"])]  # 01-02-2025 had 11
    assert importing.counts_text(result.counts) == "1 ny, 1 opdateres, 1 uændret"
    assert con.execute("SELECT attendance FROM sessions WHERE session_date = DATE '2025-02-01'").fetchone() == (11,)


def test_a_formula_cell_uses_its_saved_value_with_a_warning():
    # A sheet as LibreOffice Calc saves it: the formula =C2+7 and its computed value, 08-02-2025 (45696).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Område", "Tilbud", "Dato", "Fremmøde"])
    ws.append(["Aby", "Rygestop forår", date(2025, 2, 1), 11])
    ws.append(["Aby", "Rygestop forår", "=C2+7", 10])
    ws["C2"].number_format = ws["C3"].number_format = "DD-MM-YYYY"
    buf = io.BytesIO()
    wb.save(buf)
    data = _with_cached_value(buf.getvalue(), "C3", "45696")
    table = importing.read_table(data, "calc.xlsx")
    assert table.rows[1]["Dato"].date() == date(2025, 2, 8)
    assert [p.text() for p in table.problems] == [
        "Række 3, felt 'Dato': cellen er en formel (=C2+7); den gemte værdi 08-02-2025 bruges"]


def _with_cached_value(xlsx: bytes, cell: str, value: str) -> bytes:
    """Put a saved value beside a formula, as a spreadsheet program does (openpyxl writes none)."""
    src, out = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = body.decode()
                text = re.sub(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?', rf"\1<f>\2</f><v>{value}</v>", text)
                text = re.sub(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(?!<v>)', rf"\1<f>\2</f><v>{value}</v>", text)
                body = text.encode()
            dst.writestr(item, body)
    return out.getvalue()


# --- Readable history ------------------------------------------------------------------------------


def test_history_names_records_and_dates_not_ids_and_no_none(con):
    writes.update(con, "offers", 4, {"area_id": 2, "partner_id": 3}, 1, ME)
    history = views.describe_history(queries.area_history(con, "B", viewer=ME), "da", changes.names(con))
    moved = history[history.action == "update"].iloc[0]
    assert moved.summary == "Område: Aby → Bby; Partner: Idrætsforeningen → Aftenskolen"
    session = writes.insert(con, "sessions", {"offer_id": 4, "session_date": date(2025, 4, 8), "attendance": 9}, ME)
    history = views.describe_history(queries.record_history(con, "sessions", session, viewer=ME)
                                     .assign(table_name="sessions"), "en", changes.names(con))
    assert history.summary.tolist() == ["Offer: Gåhold; Date: 8 Apr 2025; Attendance: 9"]  # English dates in English (issue 15 item 6)
    assert "None" not in " ".join(history.summary)


# --- One number parser for every import ----------------------------------------------------------------


@pytest.mark.parametrize("text,count,share", [("9.858", 9858, 9.858), ("1.234,5", None, 1234.5), ("12,5", None, 12.5),
                                              ("2.000", 2000, 2.0), ("750", 750, 750.0)])
def test_the_records_and_population_imports_read_numbers_the_same_way(text, count, share):
    # Counts and money: a point before three digits is a thousands point. Shares and coordinates: a decimal point.
    if count is None:
        with pytest.raises(ValueError):
            population.parse_int(text)
    else:
        assert population.parse_int(text) == count
        assert validate.parse_number(text) == count
    assert population.parse_decimal(text) == share
    assert validate.parse_number(text, decimal_point=True) == share


def test_both_imports_detect_the_separator_the_same_way():
    for text, sep in (("kode;voksne\nA;1.000\n", ";"), ("kode,voksne\nA,1000\n", ","), ("kode\tvoksne\nA\t1\n", "\t")):
        assert importing.detect_delimiter(text) == sep
        assert population.read_table(text.encode(), "p.csv").columns == ["kode", "voksne"]
        assert importing.read_table(text.encode(), "r.csv").columns == ["kode", "voksne"]


# --- Every write path shows what it will change (AppTest on the activity log) ----------------------


def _page(app, path):
    at = app(path)
    at.run()
    at.switch_page("app_pages/aktivitetslog.py")
    return at.run()


def _press(at, label):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_a_new_enrolment_shows_what_it_saves_and_its_new_participant_first(app, small_copy):
    at = _page(app, small_copy)
    at.selectbox(key="log.ny.type").set_value("enrolments").run()
    assert at.text_input(key="log.ny.enrolments.Deltager").value == "P000007"  # the next free pseudonym
    at.selectbox(key="log.ny.enrolments.Aldersgruppe").set_value("40-49")
    at.selectbox(key="log.ny.enrolments.Køn").set_value("mand")
    _press(at, "Gem")
    shown = " ".join(m.value for m in at.markdown)
    assert "Ny deltager: P000007 (Aldersgruppe: 40-49; Køn: mand; Bopælsområde: Aby)" in shown
    assert "Tilbud: Rygestop efterår" in shown  # the offer running in Aby is the default
    con = db.connect(small_copy)
    assert con.execute("SELECT count(*) FROM participants WHERE pseudonym = 'P000007'").fetchone() == (0,)
    con.close()
    _press(at, "Bekræft og gem")
    assert not at.exception
    assert any("Gemt (Tilmeldinger nr." in s.value for s in at.success), [e.value for e in [*at.error, *at.warning, *at.info]]


def test_undo_shows_what_it_takes_back_and_asks(app, small_copy):
    con = db.connect(small_copy)
    writes.update(con, "sessions", 1, {"attendance": 12}, 1, "demo")  # the demo user's own last change
    con.close()
    at = _page(app, small_copy)
    _press(at, "Fortryd min seneste ændring")
    shown = " ".join(m.value for m in at.markdown)
    # What the undo does: the change run backwards.
    assert "Fortryd ændring: rettet · Afholdte gange med fremmøde nr. 1" in shown and "Fremmøde: 12 → 11" in shown
    _press(at, "Fortryd ændringen")
    assert any("Fortrudt: rettet · Afholdte gange med fremmøde nr. 1" in s.value for s in at.success)
    con = db.connect(small_copy)
    assert con.execute("SELECT attendance FROM sessions WHERE id = 1").fetchone() == (11,)
    con.close()


def test_a_target_change_is_described_old_to_new():
    import pandas as pd

    from lokal import targets

    before = pd.DataFrame({"indicator": ["kommunale_tilbud_afholdt", "gennemfoerelse"], "target": [3.0, float("nan")],
                           "id": [1, None], "version": [1, None], "deleted": [False, None]})
    assert targets.describe(before, {"kommunale_tilbud_afholdt": 4.0, "gennemfoerelse": 80.0}) == [
        "Kommunale sundhedstilbud afholdt lokalt: 3 → 4", "Gennemførelse: – → 80,0"]
