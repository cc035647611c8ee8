"""Import of CSV and Excel files: a corpus of bad inputs, re-import without duplicates, all or nothing."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from lokal import db, importing, writes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def con(small_copy):
    c = db.open_db(small_copy)
    yield c
    c.close()


def xlsx(rows: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def load(con, kind: str, data: bytes, filename: str = "fil.csv", overrides=None) -> importing.Preview:
    table = importing.read_table(data, filename)
    mapping, problems = importing.map_columns(table, kind, overrides)
    return importing.preview(con, kind, table, mapping, problems)


def texts(preview: importing.Preview, level: str | None = None) -> list[str]:
    return [p.text() for p in preview.problems if level is None or p.level == level]


def counts(con) -> tuple:
    tables = ("sessions", "offers", "enrolments", "participants", "partners", "log_entries", "collaborations",
              "knowledge_activities", "audit_log")
    return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


S = "Område;Tilbud;Dato;Fremmøde\n"  # sessions header
OFFER_HEADER = "Område;Tilbudstype;Titel;Status;Startdato;Slutdato;Pladser;Pris (kr.);Længdegrad;Breddegrad;Partner\n"
FUTURE = (date.today() + timedelta(days=400)).strftime("%d-%m-%Y")

# (name, kind, file bytes, file name, expected error text — or None when the file must import cleanly)
BAD = [
    ("text in a count", "sessions", csv_bytes(S + "Aby;Rygestop forår;08-02-2025;elleve\n"), "a.csv",
     "Række 2, felt 'Fremmøde': 'elleve' er ikke et tal"),
    ("empty required cell", "sessions", csv_bytes(S + "Aby;Rygestop forår;;11\n"), "a.csv",
     "Række 2, felt 'Dato': skal udfyldes"),
    ("decimal in a count", "sessions", csv_bytes(S + "Aby;Rygestop forår;08-02-2025;11,5\n"), "a.csv",
     "Række 2, felt 'Fremmøde': '11,5' skal være et helt tal"),
    ("negative count", "sessions", csv_bytes(S + "Aby;Rygestop forår;08-02-2025;-3\n"), "a.csv",
     "Række 2, felt 'Fremmøde': -3 kan ikke være negativ"),
    ("impossible date", "sessions", csv_bytes(S + "Aby;Rygestop forår;31-02-2025;11\n"), "a.csv",
     "Række 2, felt 'Dato': '31-02-2025' er ikke en gyldig dato (skriv fx 23-11-2026)"),
    ("unknown area", "sessions", csv_bytes(S + "Xby;Rygestop forår;08-02-2025;11\n"), "a.csv",
     "Række 2, felt 'Område': området 'Xby' findes ikke (brug områdets navn eller kode)"),
    ("unknown offer", "sessions", csv_bytes(S + "Aby;Zumba;08-02-2025;11\n"), "a.csv",
     "Række 2, felt 'Tilbud': tilbuddet 'Zumba' findes ikke i Aby"),
    ("duplicated row", "sessions", csv_bytes(S + "Aby;Rygestop forår;15-02-2025;11\nAby;Rygestop forår;15-02-2025;9\n"),
     "a.csv", "Række 3: rækken er en gentagelse af række 2 (samme Tilbud, Dato, Tidspunkt)"),
    ("missing column", "sessions", csv_bytes("Område;Tilbud;Fremmøde\nAby;Rygestop forår;11\n"), "a.csv",
     "Felt 'Dato': kolonnen mangler i filen; vælg den under Kolonner, eller ret overskriften i filen"),
    ("1 MB cell", "sessions", csv_bytes("Område;Tilbud;Dato;Fremmøde;Note\nAby;Rygestop forår;15-02-2025;11;"
                                        + "x" * 1_000_000 + "\n"), "a.csv",
     "Række 2, felt 'Note': teksten er for lang (1.000.000 tegn; højst 2.000)"),
    ("formula cell", "sessions", xlsx([["Område", "Tilbud", "Dato", "Fremmøde"],
                                       ["Aby", "Rygestop forår", "15-02-2025", "=B2+1"]]), "a.xlsx",
     "Række 2, felt 'Fremmøde': cellen indeholder en formel (=B2+1); skriv værdien i stedet"),
    ("date in the far future", "sessions", csv_bytes(S + f"Aby;Rygestop forår;{FUTURE};11\n"), "a.csv",
     f"Række 2, felt 'Dato': {FUTURE} ligger mere end et år ude i fremtiden"),
    ("unknown status", "offers", csv_bytes(OFFER_HEADER + "Aby;Rygestopkursus;Nyt kursus;færdig;01-03-2025;;12;;;;\n"), "a.csv",
     "Række 2, felt 'Status': 'færdig' er ikke en af: planlagt, igangværende, gennemført, aflyst, udskudt"),
    ("end before start", "offers", csv_bytes(OFFER_HEADER + "Aby;Rygestopkursus;Nyt kursus;planlagt;01-03-2025;01-02-2025;;;;;\n"),
     "a.csv", "Række 2, felt 'Slutdato': 01-02-2025 ligger før startdato 01-03-2025"),
    ("unknown offer type", "offers", csv_bytes(OFFER_HEADER + "Aby;Zumba;Nyt kursus;planlagt;01-03-2025;;;;;;\n"), "a.csv",
     "Række 2, felt 'Tilbudstype': tilbudstypen 'Zumba' findes ikke. En administrator opretter den på siden "
     "Opsætning → Tilbudstyper eller med 'python -m lokal import offer_types FIL'; ret ellers navnet til en kendt type."),
    ("unknown partner", "offers", csv_bytes(OFFER_HEADER + "Aby;Gåhold;Nyt hold;planlagt;01-03-2025;;;;;;Ukendt Forening\n"),
     "a.csv", "Række 2, felt 'Partner': partneren 'Ukendt Forening' findes ikke; opret den først under Lokale aktører"),
    ("only one coordinate", "offers", csv_bytes(OFFER_HEADER + "Aby;Gåhold;Nyt hold;planlagt;01-03-2025;;;;9,9;;\n"), "a.csv",
     "Række 2, felt 'Breddegrad': angiv både længdegrad og breddegrad"),
    ("cpr number as pseudonym", "enrolments", csv_bytes(
        "Deltager;Område;Tilbud;Start\n010190-1234;Aby;Rygestop forår;01-02-2025\n"), "a.csv",
     "Række 2, felt 'Deltager': ligner et CPR-nummer; brug et pseudonym (fx P000123), aldrig CPR"),
    ("not a yes or no", "collaborations", csv_bytes(
        "Partner;Område;Type;Startdato;Bæres af området\nSamrådet;Aby;netværk;01-01-2025;måske\n"), "a.csv",
     "Række 2, felt 'Bæres af området': 'måske' skal være ja eller nej"),
    ("non-numeric attendees", "knowledge_activities", csv_bytes(
        "Område;Type;Titel;Dato;Deltagere\nAby;oplæg;Søvn;01-05-2025;mange\n"), "a.csv",
     "Række 2, felt 'Deltagere': 'mange' er ikke et tal"),
    ("log without text", "log_entries", csv_bytes("Område;Dato;Forfatter;Kategori;Tekst\nAby;01-05-2025;Mette;andet;\n"),
     "a.csv", "Række 2, felt 'Tekst': skal udfyldes"),
    ("decimal comma in whole-number float", "sessions", csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9.5\n"), "a.csv",
     "Række 2, felt 'Fremmøde': '9.5' skal være et helt tal"),
    ("row numbers follow the file past blank lines", "sessions",
     csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9\n;;;\nAby;Rygestop forår;22-02-2025;x\n"), "a.csv",
     "Række 4, felt 'Fremmøde': 'x' er ikke et tal"),
]

GOOD = [
    ("danish date", "sessions", csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9\n"), "a.csv",
     ("session_date", date(2025, 2, 15))),
    ("iso date", "sessions", csv_bytes(S + "Aby;Rygestop forår;2025-02-15;9\n"), "a.csv", ("session_date", date(2025, 2, 15))),
    ("dotted date", "sessions", csv_bytes(S + "Aby;Rygestop forår;15.02.2025;9\n"), "a.csv",
     ("session_date", date(2025, 2, 15))),
    ("date with time", "sessions", csv_bytes(S + "Aby;Rygestop forår;2025-02-15 00:00:00;9\n"), "a.csv",
     ("session_date", date(2025, 2, 15))),
    ("excel date serial", "sessions", xlsx([["Område", "Tilbud", "Dato", "Fremmøde"],
                                            ["Aby", "Rygestop forår", 45703, 9]]), "a.xlsx",
     ("session_date", date(2025, 2, 15))),
    ("excel real date", "sessions", xlsx([["Område", "Tilbud", "Dato", "Fremmøde"],
                                          ["Aby", "Rygestop forår", date(2025, 2, 15), 9.0]]), "a.xlsx",
     ("attendance", 9)),
    ("whole number with comma", "sessions", csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9,0\n"), "a.csv", ("attendance", 9)),
    ("utf-8 with bom", "sessions", b"\xef\xbb\xbf" + csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9\n"), "a.csv",
     ("attendance", 9)),
    ("latin-1 file", "sessions", csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9\n", "latin-1"), "a.csv",
     ("attendance", 9)),
    ("comma separated", "sessions", csv_bytes("Område,Tilbud,Dato,Fremmøde\nAby,Rygestop forår,15-02-2025,9\n"), "a.csv",
     ("attendance", 9)),
    ("tab separated", "sessions", csv_bytes("Område\tTilbud\tDato\tFremmøde\nAby\tRygestop forår\t15-02-2025\t9\n"),
     "a.csv", ("attendance", 9)),
    ("english headers", "sessions", csv_bytes("Area;Offer;Date;Attendance\nA;Rygestop forår;15-02-2025;9\n"), "a.csv",
     ("attendance", 9)),
    ("extra column is ignored", "sessions", csv_bytes("Område;Tilbud;Dato;Fremmøde;Vejret\nAby;Rygestop forår;"
                                                      "15-02-2025;9;regn\n"), "a.csv", ("attendance", 9)),
    ("danish thousands and decimals", "offers", csv_bytes(OFFER_HEADER + "Aby;Rygestopkursus;Nyt kursus;planlagt;01-03-2025;;12;"
                                                          "12.500,50;;;\n"), "a.csv", ("cost", 12500.5)),
    ("status without æøå", "offers", csv_bytes(OFFER_HEADER + "Aby;Rygestopkursus;Nyt kursus;Gennemfort;01-03-2025;;;;;;\n"), "a.csv",
     ("status", "gennemført")),
    ("area by code and case", "log_entries", csv_bytes("område;DATO;forfatter;kategori;tekst\na;01-05-2025;Mette;Andet;"
                                                       "Note\n"), "a.csv", ("area_id", 1)),
    ("yes as x", "collaborations", csv_bytes("Partner;Område;Type;Startdato;Bæres af området\nSamrådet;Aby;videndeling;"
                                             "01-01-2025;x\n"), "a.csv", ("carried_by_area", True)),
]


@pytest.mark.parametrize("name,kind,data,filename,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gets_a_precise_message_and_nothing_is_written(con, name, kind, data, filename, expected):
    before = counts(con)
    result = load(con, kind, data, filename)
    assert not result.ok
    assert expected in texts(result, "fejl"), texts(result)
    with pytest.raises(writes.WriteError, match="Intet er skrevet"):
        importing.run(con, result, "mette")
    assert counts(con) == before


@pytest.mark.parametrize("name,kind,data,filename,expected", GOOD, ids=[g[0] for g in GOOD])
def test_awkward_but_valid_input_is_parsed_correctly(con, name, kind, data, filename, expected):
    result = load(con, kind, data, filename)
    assert result.ok, texts(result)
    column, value = expected
    assert result.checked.rows[0][column] == value
    assert importing.run(con, result, "mette")["inserted"] == 1


@pytest.mark.parametrize("data,filename,message", [
    (b"", "tom.csv", "Filen er tom."),
    (b"\x00\x01\x02binary", "x.csv", "binære data"),
    (b"whatever", "gammel.xls", "gamle Excel-format"),
    (b"not a zip", "x.xlsx", "Excel-filen kan ikke åbnes"),
])
def test_unreadable_files_are_refused_with_a_reason(data, filename, message):
    with pytest.raises(importing.ImportError_, match=message):
        importing.read_table(data, filename)


def test_warnings_are_reported_but_do_not_stop_the_import(con):
    data = csv_bytes(OFFER_HEADER + "Aby;Rygestopkursus;Rygestop forår 2;planlagt;01-02-2025;;12;;18,6;55,7;\n")
    result = load(con, "offers", data)
    assert result.ok
    warnings = texts(result, "advarsel")
    assert any("ligger uden for Danmark" in w for w in warnings)
    assert any("ligner tilbuddet 'Rygestop forår'" in w for w in warnings)  # same type, area and start date
    sessions = load(con, "sessions", csv_bytes(S + "Aby;Rygestop forår;15-02-2025;30\n"))
    assert "Række 2, felt 'Fremmøde': 30 fremmødte er flere end tilbuddets 12 pladser" in texts(sessions, "advarsel")


def test_reimporting_the_same_file_creates_no_duplicates(con):
    data = csv_bytes(S + "Aby;Rygestop forår;15-02-2025;9\nAby;Rygestop forår;22-02-2025;8\n")
    first = load(con, "sessions", data)
    assert first.counts == {"nye": 2, "opdateres": 0, "uændrede": 0}
    assert importing.run(con, first, "mette") == {"inserted": 2, "updated": 0, "unchanged": 0}
    again = load(con, "sessions", data)
    assert again.counts == {"nye": 0, "opdateres": 0, "uændrede": 2}
    importing.run(con, again, "mette")
    corrected = load(con, "sessions", data.replace(b";8\n", b";10\n"))
    assert corrected.counts == {"nye": 0, "opdateres": 1, "uændrede": 1}
    importing.run(con, corrected, "mette")
    assert con.execute("SELECT count(*), sum(attendance) FROM sessions WHERE offer_id = 1").fetchone() == (4, 11 + 10 + 9 + 10)


def test_enrolment_import_creates_pseudonymous_participants_once(con):
    data = csv_bytes("Deltager;Aldersgruppe;Køn;Bopælsområde;Område;Tilbud;Start;Gennemført\n"
                     "P900;40-49;mand;Aby;Aby;Rygestop efterår;01-09-2025;\n"
                     "P901;50-60;kvinde;;Aby;Rygestop efterår;01-09-2025;nej\n")
    result = load(con, "enrolments", data)
    assert result.ok, texts(result)
    assert importing.run(con, result, "mette")["inserted"] == 2
    assert con.execute("SELECT age_band, sex FROM participants WHERE pseudonym = 'P900'").fetchone() == ("40-49", "mand")
    again = load(con, "enrolments", data)
    assert again.counts["nye"] == 0
    importing.run(con, again, "mette")
    assert con.execute("SELECT count(*) FROM participants WHERE pseudonym LIKE 'P90%'").fetchone() == (2,)


def test_a_header_that_does_not_match_is_one_message_about_the_column_with_a_suggestion(con):
    # 'Antal fremmødte' is not the template's 'Fremmøde': one error about the column, offering it.
    table = importing.read_table(csv_bytes("Område;Tilbud;Dato;Antal fremmødte\nAby;Rygestop forår;15-02-2025;9\n"
                                           "Aby;Rygestop forår;22-02-2025;8\n"), "a.csv")
    mapping, problems = importing.map_columns(table, "sessions")
    result = importing.preview(con, "sessions", table, mapping, problems)
    assert [p.text() for p in result.problems if p.level == "fejl"] == [
        "Felt 'Fremmøde': kolonnen mangler i filen (måske kolonnen 'Antal fremmødte'?); vælg den under Kolonner, "
        "eller ret overskriften i filen"]
    assert all(p.row is None for p in result.problems)  # no row errors


def test_column_mapping_when_headers_differ(con):
    data = csv_bytes("Sted;Kursus;Hvornår;Antal\nAby;Rygestop forår;15-02-2025;9\n")
    table = importing.read_table(data, "a.csv")
    _, problems = importing.map_columns(table, "sessions")
    texts = [p.text() for p in problems]
    assert any(x.startswith("Felt 'Tilbud': kolonnen mangler i filen") for x in texts), texts
    mapping, problems = importing.map_columns(table, "sessions", {"Område": "Sted", "Tilbud": "Kursus",
                                                                   "Dato": "Hvornår", "Fremmøde": "Antal"})
    assert not [p for p in problems if p.level == "fejl"]
    assert importing.preview(con, "sessions", table, mapping).ok


@pytest.mark.parametrize("kind", ["offers", "sessions", "enrolments", "partners", "collaborations",
                                  "knowledge_activities", "log_entries"])
def test_templates_have_danish_headers_and_an_example_row(kind):
    from lokal import records

    table = importing.read_table(importing.template(kind, "xlsx"), "t.xlsx")
    assert table.columns == [f.name for f in records.get(kind).fields]
    assert len(table.rows) == 1
    assert importing.read_table(importing.template(kind, "csv"), "t.csv").columns == table.columns


KILL_SCRIPT = """
import sys
from lokal import db, importing
con = db.open_db(sys.argv[1])
data = open(sys.argv[2], 'rb').read()
table = importing.read_table(data, 'big.csv')
mapping, problems = importing.map_columns(table, 'log_entries')
result = importing.preview(con, 'log_entries', table, mapping, problems)
assert result.ok, [p.text() for p in result.problems][:3]
print('writing', flush=True)
importing.run(con, result, 'cli', progress=lambda f: print(f'progress {f:.2f}', flush=True))
print('done', flush=True)
"""


def test_import_killed_midway_leaves_all_or_nothing(small_db, tmp_path):
    path = tmp_path / "kill.duckdb"
    shutil.copy(small_db, path)
    rows = "".join(f"Aby;{1 + i % 28:02d}-0{1 + i % 9}-2025;Mette;andet;Note nr. {i}\n" for i in range(50_000))
    big = tmp_path / "big.csv"
    big.write_bytes(csv_bytes("Område;Dato;Forfatter;Kategori;Tekst\n" + rows))
    before = counts_in(path)
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(path), str(big)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if line.startswith("progress"):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, (seen, proc.stderr.read())
    after = counts_in(path)  # the file opens cleanly
    assert after in (before, (before[0] + 50_000, before[1] + 50_000)), (before, after)
    assert after == before  # killed inside the transaction: nothing of it is there


def counts_in(path) -> tuple[int, int]:
    c = db.open_db(path)
    try:
        return (c.execute("SELECT count(*) FROM log_entries").fetchone()[0],
                c.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    finally:
        c.close()


def _cli(*args, db_path):
    return subprocess.run([sys.executable, "-m", "lokal", *args, "--path", str(db_path)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_cli_imports_a_file_and_refuses_a_bad_one(small_db, tmp_path):
    path = tmp_path / "cli.duckdb"
    shutil.copy(small_db, path)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(S + "Aby;Rygestop forår;15-02-2025;9\n", encoding="utf-8")
    bad.write_text(S + "Aby;Rygestop forår;31-02-2025;9\n", encoding="utf-8")
    refused = _cli("import", "sessions", str(bad), db_path=path)
    assert refused.returncode == 2
    assert "Række 2, felt 'Dato': '31-02-2025' er ikke en gyldig dato" in refused.stdout
    done = _cli("import", "sessions", str(good), db_path=path)
    assert done.returncode == 0, done.stderr
    assert "Importeret: 1 ny" in done.stdout
    assert counts_in(path)[0] == 1  # log entries untouched; the session is there:
    c = db.open_db(path)
    assert c.execute("SELECT attendance FROM sessions WHERE session_date = DATE '2025-02-15'").fetchone() == (9,)
    c.close()


def test_cli_import_while_the_app_holds_the_database_says_so(small_db, tmp_path):
    path = tmp_path / "held.duckdb"
    shutil.copy(small_db, path)
    good = tmp_path / "good.csv"
    good.write_text(S + "Aby;Rygestop forår;15-02-2025;9\n", encoding="utf-8")
    holder = db.open_db(path)  # like a running app
    try:
        result = _cli("import", "sessions", str(good), db_path=path)
    finally:
        holder.close()
    assert result.returncode == 3
    assert "bruges af et andet program lige nu." in result.stderr
    assert "stop appen, eller importér filen i appen (Aktivitetslog → Importér" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_command_does_not_overwrite_real_data(small_db, tmp_path):
    path = tmp_path / "real.duckdb"
    shutil.copy(small_db, path)
    result = _cli("demo", db_path=path)
    assert result.returncode == 1
    assert "indeholder rigtige data" in result.stderr
