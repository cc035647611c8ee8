"""The bad-input corpus (issue 21): malformed, awkward and hostile files through the command line.

For every case: the exit code, a Danish message that names the problem (row and column where there
is one), no traceback, and every table — and every sequence — exactly as before (a checksum of all
rows). Small files live in ``tests/fixtures/bad/``; large and binary ones are made by the generators
in ``tests/hostile_files.py``. The command line is run in this process (``lokal.cli.main``, which is
what ``python -m lokal`` calls), so an exception that escaped it would fail the test; a few cases run
as real processes in ``tests/test_faults.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from lokal import cli, db
from tests import hostile_files as gen

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "bad"
SESSIONS, POPULATION, AREAS = ("import", "sessions"), ("population", "import"), ("areas", "import")
ROW_ERRORS, UNUSABLE = 2, 1


@dataclass(frozen=True)
class Case:
    source: str  # a file in tests/fixtures/bad, or the name of a generator in tests/hostile_files.py
    command: tuple[str, ...]
    exit: int
    message: str

    @property
    def id(self) -> str:
        return self.source


def records(kind: str) -> tuple[str, str]:
    return ("import", kind)


CASES = [
    # --- records import (CSV and Excel) ------------------------------------------------------------------
    Case("fremmoede_3_mia.csv", SESSIONS, ROW_ERRORS,
         "Række 2, felt 'Fremmøde': 3.000.000.000 er for stort (højst 2.147.483.647)"),
    Case("fremmoede_negativt.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': -3 kan ikke være negativ"),
    Case("dato_31-02-2026.csv", SESSIONS, ROW_ERRORS,
         "Række 2, felt 'Dato': '31-02-2026' er ikke en gyldig dato (skriv fx 23-11-2026)"),
    Case("dato_tekst.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Dato': 'i morgen' er ikke en gyldig dato"),
    Case("dato_1899.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Dato': 01-01-1899 ligger før år 2000"),
    Case("fremmoede_1e400.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': '1e400' er ikke et tal, der kan gemmes"),
    Case("fremmoede_nan.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': 'NaN' er ikke et tal, der kan gemmes"),
    Case("fremmoede_infinity.csv", SESSIONS, ROW_ERRORS, "'-Infinity' er ikke et tal, der kan gemmes"),
    Case("fremmoede_hex.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': '0x1F' er ikke et tal"),
    Case("tom.csv", SESSIONS, UNUSABLE, "Filen er tom."),
    Case("kun_linjeskift.csv", SESSIONS, UNUSABLE, "Filen er tom."),
    Case("kun_bom.csv", SESSIONS, UNUSABLE, "Filen er tom."),
    Case("kun_overskrift.csv", SESSIONS, ROW_ERRORS, "filen har ingen rækker med data"),
    Case("dobbelt_overskrift.csv", SESSIONS, UNUSABLE,
         "Række 1: kolonnen 'Fremmøde' står flere gange i overskriften (kolonne 4, 5)"),
    Case("dobbelt_overskrift_store_bogstaver.csv", SESSIONS, UNUSABLE, "står flere gange i overskriften (kolonne 4, 5)"),
    Case("formel_hyperlink.csv", SESSIONS, ROW_ERRORS,
         "Række 2, felt 'Note': cellen indeholder en formel (=HYPERLINK(\"http://example.inv); skriv værdien i stedet"),
    Case("formel_dde.csv", records("log_entries"), ROW_ERRORS, "Række 2, felt 'Tekst': cellen indeholder en formel"),
    Case("formel_at_sum.csv", records("log_entries"), ROW_ERRORS,
         "Række 2, felt 'Tekst': cellen ligner en formel (@SUM(1+1)*cmd|' /C calc'!A0); skriv teksten uden '@' foran"),
    Case("formel_plus.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Note': cellen ligner en formel"),
    Case("nul_tegn.csv", SESSIONS, UNUSABLE, "indeholder binære data og kan ikke læses som en CSV- eller Excel-fil"),
    Case("binaert_affald.csv", SESSIONS, UNUSABLE, "Filen 'binaert_affald.csv' indeholder binære data"),
    Case("png_omdoebt.csv", SESSIONS, UNUSABLE, "Filen 'png_omdoebt.csv' er et billede, ikke en CSV- eller Excel-fil"),
    Case("pdf_omdoebt.csv", SESSIONS, UNUSABLE, "er en PDF-fil, ikke en CSV- eller Excel-fil (.xlsx)."),
    Case("html_side.csv", SESSIONS, UNUSABLE, "Filen 'html_side.csv' er en HTML-side"),
    Case("xml.csv", SESSIONS, UNUSABLE, "Filen 'xml.csv' er en XML-fil"),
    Case("utf16_bom_ugyldig_dato.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Dato': '32-01-2025' er ikke en gyldig dato"),
    Case("utf16_uden_bom_tekst_i_antal.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': 'elleve' er ikke et tal"),
    Case("cp1252_ukendt_omraade.csv", SESSIONS, ROW_ERRORS,
         "Række 2, felt 'Område': området 'Nørre Ålby' findes ikke"),
    Case("dobbelt_bom_tekst_i_antal.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': 'elleve' er ikke et tal"),
    Case("nulbredde_overskrift.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Fremmøde': 'elleve' er ikke et tal"),
    Case("kun_cr_linjeskift.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Dato': '30-02-2025' er ikke en gyldig dato"),
    Case("uafsluttet_anfoerselstegn.csv", SESSIONS, UNUSABLE,
         "Linje 3: linjen kan ikke læses som CSV (et felt i anførselstegn er ikke lukket)"),
    Case("tegn_efter_anfoerselstegn.csv", SESSIONS, UNUSABLE,
         "Linje 2: linjen kan ikke læses som CSV (der står tegn efter et afsluttende anførselstegn)"),
    Case("600_celler.csv", SESSIONS, UNUSABLE, "Række 2: rækken har 600 celler; højst 500"),
    Case("pipe_separeret.csv", SESSIONS, ROW_ERRORS, "Felt 'Område': kolonnen mangler i filen"),
    Case("ukendt_omraade.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Område': området 'Xby' findes ikke"),
    Case("ukendt_tilbud.csv", SESSIONS, ROW_ERRORS, "Række 2, felt 'Tilbud': tilbuddet 'Zumba' findes ikke i Aby"),
    Case("gentagne_raekker.csv", SESSIONS, ROW_ERRORS, "Række 3: rækken er en gentagelse af række 2"),
    Case("geojson_som_poster.geojson", SESSIONS, UNUSABLE, "Filtypen '.geojson' kan ikke bruges her"),
    Case("gammel_excel.xls", SESSIONS, UNUSABLE, "Det gamle Excel-format (.xls) kan ikke læses"),
    Case("gammel_excel_som_xlsx.xlsx", SESSIONS, UNUSABLE, "Det gamle Excel-format (.xls) kan ikke læses"),
    Case("excel_med_adgangskode.xlsx", SESSIONS, UNUSABLE, "er beskyttet med adgangskode; gem en kopi uden"),
    Case("ikke_zip.xlsx", SESSIONS, UNUSABLE, "Excel-filen kan ikke åbnes: den er ikke en Excel-fil (.xlsx)"),
    Case("tilmeldinger_cpr.csv", records("enrolments"), ROW_ERRORS, "Række 2, felt 'Deltager': ligner et CPR-nummer"),
    Case("tilmeldinger_email.csv", records("enrolments"), ROW_ERRORS,
         "Række 2, felt 'Deltager': ligner en e-mailadresse"),
    Case("tilmeldinger_fremmoedte_gange_5_mia.csv", records("enrolments"), ROW_ERRORS,
         "Række 2, felt 'Fremmødte gange': 5.000.000.000 er for stort (højst 2.147.483.647)"),
    Case("tilbud_pris_1e15.csv", records("offers"), ROW_ERRORS,
         "Række 2, felt 'Pris (kr.)': 1e15 ligger ikke mellem 0 og 9.999.999.999,99 kr."),
    Case("tilbud_laengdegrad_500.csv", records("offers"), ROW_ERRORS,
         "Række 2, felt 'Længdegrad': 500 ligger ikke mellem -180 og 180 grader"),
    Case("tilbud_pladser_99_mia.csv", records("offers"), ROW_ERRORS,
         "Række 2, felt 'Pladser': 99.999.999.999 er for stort"),
    Case("tilbud_ukendt_status.csv", records("offers"), ROW_ERRORS, "Række 2, felt 'Status': 'færdig' er ikke en af"),
    Case("tilbud_slut_foer_start.csv", records("offers"), ROW_ERRORS,
         "Række 2, felt 'Slutdato': 01-02-2025 ligger før startdato 01-03-2025"),
    Case("vidensaktiviteter_deltagere_1e12.csv", records("knowledge_activities"), ROW_ERRORS,
         "Række 2, felt 'Deltagere': 1.000.000.000.000 er for stort"),
    Case("logbog_uden_tekst.csv", records("log_entries"), ROW_ERRORS, "Række 2, felt 'Tekst': skal udfyldes"),
    Case("field_over_10_mb", SESSIONS, UNUSABLE, "Række 2, kolonne 'Note': cellen har 10.485.761 tegn; højst 1.048.576"),
    Case("enormous_line", SESSIONS, UNUSABLE, "Række 1, kolonne 'nr. 2': cellen har 12.582.912 tegn"),
    Case("csv_60_mb", SESSIONS, UNUSABLE, "Filen '60_mb.csv' fylder 60 MB; højst 50 MB"),
    Case("rows_200_001", SESSIONS, UNUSABLE, "har mere end 200.000 rækker med data; del den op i flere filer"),
    Case("missing", SESSIONS, UNUSABLE, "fil.csv' findes ikke. Tjek stien og filnavnet."),
    Case("directory", SESSIONS, UNUSABLE, "en_mappe.csv' er en mappe, ikke en fil."),
    Case("device", SESSIONS, UNUSABLE, "'/dev/zero' er ikke en almindelig fil (men fx en enhed eller en pipe)"),
    Case("pipe", POPULATION, UNUSABLE, "pipe.csv' er ikke en almindelig fil"),
    Case("xlsx_zip_of_junk", SESSIONS, UNUSABLE, "zip-filen indeholder intet Excel-regneark (xl/workbook.xml mangler)"),
    Case("xlsx_truncated", SESSIONS, UNUSABLE, "Excel-filen kan ikke åbnes: den er ikke en Excel-fil (.xlsx), eller den "
                                               "er beskadiget"),
    Case("xlsx_claims_2_million_rows", SESSIONS, UNUSABLE,
         "siger, at det har 2.000.000 rækker og 4 kolonner, men Excel har højst 1.048.576 rækker"),
    Case("xlsx_row_past_excel", SESSIONS, UNUSABLE, "siger, at det har 1.048.577 rækker"),
    Case("xlsx_chartsheet_only", SESSIONS, UNUSABLE, "har intet regneark med celler"),
    Case("xlsx_formula_without_value", SESSIONS, ROW_ERRORS,
         "Række 2, felt 'Fremmøde': cellen indeholder en formel (=D1+1); skriv værdien i stedet"),
    Case("xlsx_2_million_characters", SESSIONS, ROW_ERRORS,  # Excel (and openpyxl) keep 32.767 of them
         "Række 2, felt 'Note': teksten er for lang (32.767 tegn; højst 2.000)"),
    Case("xlsx_bomb", SESSIONS, UNUSABLE, "Zip-filen 'excel_bombe.xlsx' fylder 300 MB pakket ud; højst 200 MB"),
    Case("xlsx_lying_bomb", SESSIONS, UNUSABLE, "Zip-filen 'excel_bombe_loegn.xlsx' er beskadiget (xl/worksheets/"
                                                "sheet1.xml: Bad CRC-32"),
    Case("xlsx_impossible_date", SESSIONS, ROW_ERRORS, "Række 2, felt 'Dato': '31-02-2026' er ikke en gyldig dato"),
    # --- population and health profile --------------------------------------------------------------------
    Case("befolkning_kæmpetal.csv", POPULATION, ROW_ERRORS,
         "Række 2, kolonne 'voksne': '1e30' er for stort; højst 2.147.483.647"),
    Case("population_200k_cell", POPULATION, ROW_ERRORS,
         "Række 2, kolonne 'voksne': '7777777777777777777777777777777777777777…' er ikke et helt tal"),
    Case("befolkning_binaert_affald.csv", POPULATION, UNUSABLE, "indeholder binære data"),
    Case("missing", POPULATION, UNUSABLE, "findes ikke. Tjek stien og filnavnet."),
    Case("befolkning_negativ.csv", POPULATION, ROW_ERRORS, "Række 2, kolonne 'voksne': '-1000' er negativt"),
    Case("befolkning_procent_over_100.csv", POPULATION, ROW_ERRORS,
         "Række 2, kolonne 'dagligrygning': '140,5' ligger uden for 0–100"),
    Case("befolkning_aar_1800.csv", POPULATION, ROW_ERRORS, "Række 2, kolonne 'år': '1800' er ikke et årstal"),
    Case("befolkning_ukendt_kode.csv", POPULATION, ROW_ERRORS, "Række 2, kolonne 'kode': koden 'Z9' findes ikke"),
    Case("befolkning_dobbelt_kode.csv", POPULATION, ROW_ERRORS, "Række 3, kolonne 'kode': koden 'A' står også i række 2"),
    Case("befolkning_40-60_flere_end_voksne.csv", POPULATION, ROW_ERRORS,
         "Række 2: voksne 40–60 år (3000) er flere end voksne i alt (1000)"),
    Case("befolkning_dobbelt_overskrift.csv", POPULATION, UNUSABLE, "kolonnen 'voksne' står flere gange i overskriften"),
    Case("befolkning_tom.csv", POPULATION, UNUSABLE, "Filen er tom."),
    Case("befolkning_kun_overskrift.csv", POPULATION, UNUSABLE, "har ingen rækker med tal"),
    Case("befolkning.pdf", POPULATION, UNUSABLE, "Filtypen '.pdf' kan ikke bruges"),
    Case("befolkning.geojson", POPULATION, UNUSABLE, "Filtypen '.geojson' kan ikke bruges"),
    Case("befolkning_gammel_excel.xls", POPULATION, UNUSABLE, "Det gamle Excel-format (.xls) kan ikke læses"),
    Case("befolkning_nan_procent.csv", POPULATION, ROW_ERRORS, "Række 2, kolonne 'dagligrygning': 'NaN' er ikke et tal"),
    Case("befolkning_decimal_i_antal.csv", POPULATION, ROW_ERRORS, "'1000,5' er ikke et helt tal"),
    Case("befolkning_utf16_negativ.csv", POPULATION, ROW_ERRORS, "Række 2, kolonne 'voksne': '-5' er negativt"),
    Case("befolkning_uden_kodekolonne.csv", POPULATION, UNUSABLE, "findes ikke; vælg blandt: navn, voksne."),
    Case("befolkning_ingen_kendte_kolonner.csv", POPULATION, UNUSABLE, "Filen har ingen kolonner, der kan bruges"),
    Case("befolkning_maal_uden_aar.csv", POPULATION, UNUSABLE, "Sundhedsmålene kræver et år"),
    Case("population_20_001_rows", POPULATION, UNUSABLE, "har mere end 20.000 rækker med data"),
    Case("population_claims_2_million_rows", POPULATION, UNUSABLE, "siger, at det har 2.000.000 rækker"),
    # --- area boundaries (GeoJSON and zip) ----------------------------------------------------------------
    Case("missing", AREAS, UNUSABLE, "findes ikke. Tjek stien og filnavnet."),
    Case("directory", AREAS, UNUSABLE, "er en mappe, ikke en fil."),
    Case("zip_bomb_600_mb", AREAS, UNUSABLE,
         "Zip-filen 'zipbombe_600_mb.zip' fylder 600 MB pakket ud; højst 200 MB. Intet er pakket ud."),
    Case("zip_bomb_lying", AREAS, UNUSABLE, "Zip-filen 'zipbombe_loegn.zip' er beskadiget (omraader.geojson: Bad CRC-32"),
    Case("zip_60_mb_member", AREAS, UNUSABLE,
         "'omraader.geojson' i zip-filen 'zip_60_mb.zip' fylder mere end 50 MB pakket ud; udpakningen er stoppet."),
    Case("zip_several", AREAS, UNUSABLE, "indeholder flere GeoJSON-filer (a.geojson, b/omraader.json)"),
    Case("zip_traversal", AREAS, UNUSABLE, "et filnavn, der peger uden for zip-filen ('../../etc/omraader.geojson')"),
    Case("zip_absolute", AREAS, UNUSABLE, "et filnavn, der peger uden for zip-filen ('/tmp/omraader.geojson')"),
    Case("zip_nested", AREAS, UNUSABLE, "Zip-filen 'zip_i_zip.zip' indeholder en anden zip-fil ('omraader.zip')"),
    Case("zip_nested_named_geojson", AREAS, UNUSABLE, "indeholder en anden zip-fil ('omraader.geojson')"),
    Case("zip_encrypted", AREAS, UNUSABLE, "Zip-filen 'krypteret.zip' er krypteret med adgangskode"),
    Case("zip_shapefile", AREAS, UNUSABLE, "indeholder en shapefil (omr.shp)"),
    Case("zip_empty", AREAS, UNUSABLE, "Zip-filen 'tom.zip' indeholder ingen GeoJSON-fil"),
    Case("zip_truncated", AREAS, UNUSABLE, "Filen 'afkortet.zip' er ikke en gyldig zip-fil."),
    Case("zip_1001_members", AREAS, UNUSABLE, "Zip-filen '1001_filer.zip' indeholder 1.001 filer; højst 1.000."),
    Case("zip_deflate64", AREAS, UNUSABLE, "er pakket på en måde, Lokal ikke kan læse (omraader.geojson)"),
    Case("geojson_deep_lists", AREAS, UNUSABLE, "er indlejret for dybt til at være GeoJSON"),
    Case("geojson_deep_objects", AREAS, UNUSABLE, "er indlejret for dybt til at være GeoJSON"),
    Case("geojson_million_coordinates", AREAS, UNUSABLE, "har omkring 1.000.003 koordinater; højst 500.000. Forenkl"),
    Case("geojson_name_100k", AREAS, ROW_ERRORS, "Objekt 1 (kode 'N100K'): navnet har 100.000 tegn; højst 200"),
    Case("geojson_20_001_features", AREAS, UNUSABLE, "har 20.001 objekter; højst 20.000"),
    Case("geojson_60_mb", AREAS, UNUSABLE, "Filen '60_mb.geojson' fylder 60 MB; højst 50 MB"),
    Case("omraader_kaempeheltal.geojson", AREAS, UNUSABLE, "indeholder et tal med over 4.300 cifre"),
    Case("omraader_ugyldig_json.geojson", AREAS, UNUSABLE, "er ikke gyldig JSON (linje 1, kolonne 64)"),
    Case("omraader_tom.geojson", AREAS, UNUSABLE, "Filen er tom."),
    Case("omraader_binaert.geojson", AREAS, UNUSABLE, "indeholder binære data og kan ikke læses som GeoJSON"),
    Case("omraader_pdf.geojson", AREAS, UNUSABLE, "er en PDF-fil, ikke GeoJSON"),
    Case("omraader_linjer.geojson", AREAS, ROW_ERRORS, "Objekt 1 (kode 'L1'): geometrien er en LineString; kun "
                                                       "Polygon og MultiPolygon kan bruges"),
    Case("omraader_utf16_linjer.geojson", AREAS, ROW_ERRORS, "Objekt 1 (kode 'L1'): geometrien er en LineString"),
    Case("omraader_punkter.geojson", AREAS, ROW_ERRORS, "Objekt 1 (kode 'P1'): geometrien er en Point"),
    Case("omraader_geometrisamling.geojson", AREAS, ROW_ERRORS, "geometrien er en GeometryCollection"),
    Case("omraader_forkert_crs.geojson", AREAS, ROW_ERRORS,
         "Objekt 1 (kode 'U1'): koordinaterne kan ikke omregnes til længde- og breddegrad med EPSG:4326"),
    Case("omraader_ukendt_crs.geojson", AREAS, UNUSABLE, "Filens referencesystem 'EPSG:999999' kendes ikke"),
    Case("omraader_features_er_tekst.geojson", AREAS, UNUSABLE, "'features' skal være en liste af objekter, men er 'str'"),
    Case("omraader_egenskaber_er_liste.geojson", AREAS, UNUSABLE, "Egenskaben 'navn' findes ikke i filen"),
    Case("omraader_uden_geometri.geojson", AREAS, ROW_ERRORS, "Objekt 1 (kode 'N1'): har ingen geometri"),
    Case("omraader_for_faa_punkter.geojson", AREAS, ROW_ERRORS,
         "Objekt 1 (kode 'F1'): geometrien har intet areal, heller ikke efter reparation"),
    Case("omraader_koordinater_som_tekst.geojson", AREAS, ROW_ERRORS, "koordinaterne skal være par af tal"),
    Case("omraader_nan_koordinater.geojson", AREAS, ROW_ERRORS,
         "Objekt 1 (kode 'NaN1'): geometrien kan ikke læses: koordinaterne skal være par af tal"),
    Case("omraader_tom_polygon.geojson", AREAS, ROW_ERRORS, "Objekt 1 (kode 'E1'): geometrien har intet areal"),
    Case("omraader_dubletkoder.geojson", AREAS, ROW_ERRORS, "koden 'D1' findes også i objekt 2"),
    Case("omraader_kode_for_lang.geojson", AREAS, ROW_ERRORS, "koden har 80 tegn; højst 50"),
    Case("omraader_enkelt_geometri.geojson", AREAS, UNUSABLE, "indeholder en enkelt geometri uden egenskaber"),
    Case("omraader_ingen_objekter.geojson", AREAS, UNUSABLE, "indeholder ingen objekter"),
    Case("omraader_liste.geojson", AREAS, UNUSABLE, "er ikke GeoJSON: den skal være en FeatureCollection"),
    Case("omraader_ugyldig_kommunekode.geojson", AREAS, ROW_ERRORS, "kommunekoden '85a' i egenskaben 'kommunekode' er "
                                                                    "ugyldig"),
    Case("omraader_uden_kode.geojson", AREAS, ROW_ERRORS, "Objekt 1: mangler en kode (egenskaben 'kode' er tom)"),
]


def test_the_corpus_has_the_issues_82_cases_and_more():
    assert len(CASES) >= 82
    kept = [c for c in CASES if (FIX / c.source).is_file() or hasattr(gen, c.source)]
    assert len(kept) == len(CASES)  # every case is a fixture file or a generator
    unused = sorted(p.name for p in FIX.iterdir() if p.name not in {c.source for c in CASES} and p.suffix != ".md")
    assert not unused, unused


@pytest.fixture(scope="module")
def corpus(small_db, tmp_path_factory):
    """A copy of the fixture database that every case runs against, its checksum, and a folder for the
    generated files (each made when a case needs it)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    shutil.copy(small_db, path)
    # Held open for the module, so that each command's connection shares the open database instead of
    # reading the file again (as the app's pages share its connection); what a case changed would show.
    holder = db.open_db(path)
    yield path, gen.checksum(path), tmp_path_factory.mktemp("generated")
    holder.close()


def source(case: Case, folder: Path) -> Path:
    if (FIX / case.source).is_file():
        return FIX / case.source
    return getattr(gen, case.source)(folder)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.command[-1]}-{c.id}" for c in CASES])
def test_a_bad_file_gets_its_exit_code_and_a_message_and_changes_nothing(case, corpus, capsys):
    path, before, folder = corpus
    code = cli.main([*case.command, str(source(case, folder)), "--path", str(path)])
    out, err = capsys.readouterr()
    assert case.message in out + err, (out, err)
    assert code == case.exit, (out, err)
    assert "Traceback" not in err and "Uventet fejl" not in err
    assert gen.checksum(path) == before


# The peak resident memory is the process's own VmHWM: getrusage's ru_maxrss would also count the memory of the
# pytest process it was forked from (Linux carries the high-water mark across exec).
MEASURE = """
import re, sys, time
started = time.perf_counter()
from lokal import cli
code = cli.main(sys.argv[1:])
peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(f"MEASURED {time.perf_counter() - started:.3f} s {peak} KB", file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize(("generator", "command", "message"), [
    ("zip_bomb_600_mb", AREAS, "fylder 600 MB pakket ud; højst 200 MB. Intet er pakket ud."),
    ("zip_bomb_lying", AREAS, "er beskadiget (omraader.geojson: Bad CRC-32"),
    ("zip_60_mb_member", AREAS, "fylder mere end 50 MB pakket ud; udpakningen er stoppet"),
    ("missing", AREAS, "findes ikke. Tjek stien og filnavnet."),
    ("missing", POPULATION, "findes ikke. Tjek stien og filnavnet."),
])
def test_as_a_process_a_zip_bomb_or_a_missing_file_ends_in_a_second_with_a_message(generator, command, message,
                                                                                    corpus):
    """``python -m lokal`` as its own process: exit 1, the message, no traceback, and (measured inside the
    process, from the start of the command line to its end) under a second and 200 MB resident memory.
    Each is refused before the database is opened (which this module holds open)."""
    path, before, folder = corpus
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, *command, str(getattr(gen, generator)(folder)), "--path",
                             str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    seconds, _, kilobytes, _ = result.stderr.split("MEASURED ")[1].split()
    print(f"{generator} ({command[0]}): {float(seconds):.2f} s in the command, {wall:.2f} s with Python's start, "
          f"{int(kilobytes) / 1024:.0f} MB resident at most")
    assert float(seconds) < 1.0
    assert int(kilobytes) < 200 * 1024
    assert gen.checksum(path) == before


def test_uploads_go_through_the_same_readers_and_say_it_in_the_pages_language(corpus, app):
    """The upload panels on Områder and Aktivitetslog refuse the same files with the same messages."""
    path, before, folder = corpus
    bomb = gen.zip_bomb_600_mb(folder)
    for lang, expected in (("da", "fylder 600 MB pakket ud; højst 200 MB"), ("en", "is 600 MB unpacked; at most 200 MB")):
        at = app(path, {"lang": lang}).run()
        at.switch_page("app_pages/omraader.py").run()
        at.file_uploader(key="omraader.geojson").upload(bomb.name, bomb.read_bytes()).run()
        at.file_uploader(key="omraader.befolkning").upload(
            "befolkning.csv", (FIX / "befolkning_dobbelt_overskrift.csv").read_bytes()).run()
        assert not at.exception, [e.message for e in at.exception]
        errors = [e.value for e in at.error]
        assert any(expected in e for e in errors), errors
        assert any(("står flere gange i overskriften" if lang == "da" else "appears more than once") in e
                   for e in errors), errors
    at.switch_page("app_pages/aktivitetslog.py").run()
    at.file_uploader(key="log.import.fil").upload("fremmoede.csv", (FIX / "binaert_affald.csv").read_bytes()).run()
    assert not at.exception
    assert any("holds binary data and cannot be read as a CSV or Excel file" in e.value for e in at.error)
    assert gen.checksum(path) == before


def test_every_new_message_has_an_english_translation_with_the_same_fields():
    import re

    from lokal import backup, files, i18n

    texts = {**files.TEXTS, **{k: getattr(db, k) for k in ("LOCKED", "DISK_FULL", "READ_ONLY", "CORRUPT", "UNREADABLE",
                                                           "NEWER", "INVALIDATED")},
             **{k: getattr(backup, k) for k in ("NO_ROOM", "NOT_A_BACKUP", "NO_FILE", "RESTORE_LOCKED",
                                                "BACKUP_LOCKED")}}
    for key, text in texts.items():
        assert text in i18n.EN, key
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", i18n.EN[text])), key
