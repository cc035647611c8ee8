"""Day one (issue 12): a kommune goes from an empty file to its first council handout without SQL.

Everything goes through the public paths: the command line (``python -m lokal …``) for the kommune,
the areas, the population and the records, and the pages (AppTest) for what an admin clicks. The
figures are worked out by hand below.

Ishøj Kommune (0183), two areas:
* ISH-1 Vejleåparken: 2.000 adults, 700 aged 40–60; a focus area from 01-01-2026 to 31-12-2027.
* ISH-2 Strandparken: 1.000 adults, 300 aged 40–60.
The admin adds the offer type "Rygestop i boligområdet" (municipal, smoking, outcome "røgfri") on
Opsætning. One course in ISH-1 starts 02-03-2026 and runs 8 weekly sessions to 20-04-2026:
attendance 10, 9, 10, 8, 9 in 2026K1 (46) and 8, 8, 9 in 2026K2 (25). Twenty participants start on
02-03-2026 after an enquiry 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10 and 12 days
before (median (4 + 4) / 2 = 4,0 days; 9 of 20 within 3 days = 45,0 %); 15 of 20 complete (75,0 %);
10 of 20 are smoke-free at the end (50,0 %) and 8 of 20 after six months (40,0 %). Every share has
at least 5 persons on both sides, so the council sees them too.
In ISH-2 a walking group (Gåhold, from the standard catalogue) starts 10-03-2026 with 6 participants
and two sessions (6 and 5).
In 2026K1: 1 municipal offer held (ISH-1); participants per 1.000 adults 20 / 2.000 = 10,0 in ISH-1
and 26 / 3.000 = 8,7 in the kommune. The data date is the last session, 20-04-2026.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta

import duckdb
import pytest

from lokal import cli, db, handouts, meeting, targets

SQUARE = [[0, 0], [0.02, 0], [0.02, 0.01], [0, 0.01], [0, 0]]


def _square(lon: float, lat: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon + x, lat + y] for x, y in SQUARE]]}


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return str(path)


def _click(at, label: str):
    """Press the (form submit) button with this label and run the page."""
    buttons = [b for b in at.button if b.label == label]
    assert buttons, (label, [b.label for b in at.button])
    buttons[0].click()
    return at.run()


@pytest.fixture(scope="module")
def kommune(tmp_path_factory):
    """The database after the command-line steps: kommune, areas, population, focus period, records."""
    folder = tmp_path_factory.mktemp("day_one")
    path = folder / "ishoej.duckdb"

    def run(*args) -> int:
        return cli.main([*args, "--path", str(path)])

    assert run("kommune", "add", "183", "Ishøj Kommune") == 0
    features = [{"type": "Feature", "properties": {"kode": code, "navn": name, "kommunekode": "0183"},
                 "geometry": _square(12.33 + 0.02 * i, 55.61)}
                for i, (code, name) in enumerate((("ISH-1", "Vejleåparken"), ("ISH-2", "Strandparken")))]
    geojson = _write(folder / "omraader.geojson", json.dumps({"type": "FeatureCollection", "features": features}))
    assert run("areas", "import", geojson) == 0
    assert run("population", "import", _write(folder / "befolkning.csv",
                                              "kode;voksne;voksne 40-60\nISH-1;2000;700\nISH-2;1000;300\n")) == 0
    return folder, path, run


def test_an_empty_database_starts_with_the_standard_catalogue_and_a_checklist(kommune, app):
    _, path, _ = kommune
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM offer_types").fetchall()}
        assert {"Rygestopkursus", "Gåhold", "Digitalt tilbud ved let stress"} <= names
        assert len(names) == 19
        assert con.execute("SELECT code, name FROM kommuner").fetchall() == [("0183", "Ishøj Kommune")]
    finally:
        con.close()


def test_day_one_from_an_empty_file_to_the_first_council_handout(kommune, app, tmp_path):
    folder, path, run = kommune
    # 1. The admin adds the course's offer type on Opsætning: shown first, saved on confirmation.
    at = app(path).run()
    at.switch_page("app_pages/opsaetning.py").run()
    assert not at.exception, [e.message for e in at.exception]
    key = "opsaetning.typer.None"
    at.text_input(key=f"{key}.Navn").input("Rygestop i boligområdet")
    at.selectbox(key=f"{key}.Kategori").select("kommunalt")
    at.selectbox(key=f"{key}.Rygning").select(True)
    at.text_input(key=f"{key}.Effektmål").input("røgfri")
    _click(at, "Vis ændringen")
    shown = " ".join(m.value for m in at.markdown)
    assert "Navn: Rygestop i boligområdet" in shown and "Effektmål: røgfri" in shown
    con = db.connect(path)  # the same process as the app: a second read-write connection to its file
    assert con.execute("SELECT count(*) FROM offer_types WHERE name = 'Rygestop i boligområdet'").fetchone()[0] == 0
    con.close()  # nothing is written before the admin confirms
    st_app = _click(at, "Bekræft og gem")
    assert not st_app.exception, [e.message for e in st_app.exception]
    assert "Tilbudstypen er gemt." in [s.value for s in st_app.success]
    # 2. The focus period and the records through the command-line imports.
    assert run("import", "focus_periods", _write(folder / "fokus.csv", "Område;Fokus fra;Fokus til\n"
                                                                       "ISH-1;01-01-2026;31-12-2027\n")) == 0
    assert run("import", "offers", _write(folder / "tilbud.csv", (
        "Område;Tilbudstype;Titel;Status;Startdato;Slutdato;Planlagte gange;Pladser\n"
        "Vejleåparken;Rygestop i boligområdet;Rygestop i Vejleåparken;gennemført;02-03-2026;20-04-2026;8;20\n"))) == 0
    days = [date(2026, 3, 2) + timedelta(weeks=w) for w in range(8)]
    attendance = [10, 9, 10, 8, 9, 8, 8, 9]
    assert run("import", "sessions", _write(folder / "gange.csv", "Område;Tilbud;Dato;Fremmøde\n" + "".join(
        f"ISH-1;Rygestop i Vejleåparken;{d:%d-%m-%Y};{n}\n" for d, n in zip(days, attendance)))) == 0
    waits = [1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 12]
    rows = []
    for n, wait in enumerate(waits):
        inquiry = date(2026, 3, 2) - timedelta(days=wait)
        rows.append(f"ISH-{n:02d};{'40-49' if n < 10 else '50-60'};{'mand' if n < 8 else 'kvinde'};ISH-1;ISH-1;"
                    f"Rygestop i Vejleåparken;{inquiry:%d-%m-%Y};02-03-2026;egen læge;"
                    f"{'ja' if n < 15 else 'nej'};{'ja' if n < 10 else 'nej'};{'ja' if n < 8 else 'nej'}\n")
    rows += [f"STR-{n};61-74;kvinde;ISH-2;ISH-2;Gåhold i Strandparken;;10-03-2026;plakat;;;\n" for n in range(6)]
    assert run("import", "offers", _write(folder / "gaahold.csv", (
        "Område;Tilbudstype;Titel;Status;Startdato\nStrandparken;Gåhold;Gåhold i Strandparken;igangværende;"
        "10-03-2026\n"))) == 0
    assert run("import", "sessions", _write(folder / "gaahold_gange.csv", (
        "Område;Tilbud;Dato;Fremmøde\nISH-2;Gåhold i Strandparken;10-03-2026;6\n"
        "ISH-2;Gåhold i Strandparken;17-03-2026;5\n"))) == 0
    assert run("import", "enrolments", _write(folder / "tilmeldinger.csv", (
        "Deltager;Aldersgruppe;Køn;Bopælsområde;Område;Tilbud;Henvendelse;Start;Kanal;Gennemført;"
        "Effekt ved afslutning;Effekt ved opfølgning\n" + "".join(rows)))) == 0
    con = db.connect(path)
    try:
        assert targets.save(con, "leder@ishoej.dk", "ISH-1", 2026, targets.for_editing(con, "ISH-1", 2026, viewer="t"),
                            {"kommunale_tilbud_afholdt": 2.0}) == 1
        focus = con.execute("SELECT focus_start, focus_end FROM areas WHERE code = 'ISH-1'").fetchone()
        assert focus == (date(2026, 1, 1), date(2027, 12, 31))
    finally:
        con.close()

    # 3. The pages show the hand-computed figures.
    at = app(path, {"fra": "2026K1", "til": "2026K1"}).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Data til og med 20-04-2026" in " ".join(m.value for m in at.markdown)
    figures = {m.label.replace("\u00ad", ""): m.value for m in at.metric}
    assert figures["Kommunale tilbud afholdt"] == "1"
    assert figures["Deltagere pr. 1.000 voksne"] == "8,7"  # 26 of the kommune's 3.000 adults

    at.query_params["omraade"] = "ISH-1"
    at.switch_page("app_pages/omraade.py").run()
    assert not at.exception, [e.message for e in at.exception]
    figures = {m.label.replace("\u00ad", ""): m.value for m in at.metric}
    assert figures["Kommunale tilbud afholdt"] == "1"
    assert figures["Deltagere pr. 1.000 voksne"] == "10,0"
    assert figures["Fremmøde i alt"] == "46"
    assert figures["Gennemførelse"] == "75,0 %"
    assert figures["Effekt ved afslutning"] == "50,0 %"
    assert figures["Effekt efter 6 måneder"] == "40,0 %"
    assert figures["Svartid (typisk antal dage)"] == "4,0 dage"
    assert figures["Startet inden for 3 dage"] == "45,0 %"

    at.switch_page("app_pages/moede.py").run()
    assert not at.exception, [e.message for e in at.exception]
    said = " ".join(m.value for m in at.markdown)
    assert "10,0 ud af hver 1.000 voksne deltog" in said
    assert "75,0 % af tilmeldingerne blev gennemført" in said
    assert "50,0 % af deltagerne effekt ved afslutningen, og 40,0 % efter 6 måneder" in said
    assert "typisk 4,0 dage; 45,0 % startede inden for 3 dage" in said

    # 4. The PDF handout for the council holds the same figures.
    con = db.connect(path)
    try:
        m = meeting.build(con, "2026K1")
    finally:
        con.close()
    pdf = tmp_path / "moede.pdf"
    pdf.write_bytes(handouts.pdf(m, "da"))
    handouts.stop_image_server()
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "Ishøj Kommune" in text
    assert "10,0 ud af hver 1.000 voksne deltog" in text
    assert "50,0 % af deltagerne effekt ved afslutningen" in text
    assert "typisk 4,0 dage" in text


def test_a_period_outside_the_data_says_so_and_shows_the_nearest(kommune, app):
    _, path, _ = kommune
    at = app(path, {"fra": "2026K1", "til": "2027K4"}).run()
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    assert "Data dækker 2026K1–2026K2. 2027K4 ligger uden for; viser i stedet 2026K2." in warned
    assert at.query_params["til"] == "2026K2"
