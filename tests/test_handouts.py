"""Handouts: the PDF (read back with pdftotext/pdfimages from poppler-utils) and the PowerPoint deck
(read back with python-pptx) hold the expected numbers, the protected cells, formats and labels.

Chart images are drawn by kaleido in the system Chromium; the server is stopped after the module.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation

from lokal import db, handouts, meeting

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(scope="module")
def small_meeting(small_db):
    con = db.connect(small_db, read_only=True)
    try:
        yield meeting.build(con, "2025", k=5)
    finally:
        con.close()
        handouts.stop_image_server()


@pytest.fixture(scope="module")
def demo_meeting(demo_db):
    con = db.connect(demo_db, read_only=True)
    try:
        return meeting.build(con, "2025", k=5)
    finally:
        con.close()


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "handout.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pdf_images(data: bytes, tmp_path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return len([line for line in out.splitlines()[2:] if " image " in line])


@pytest.fixture(scope="module")
def pdf_da(small_meeting):
    return handouts.pdf(small_meeting, "da")


@pytest.fixture(scope="module")
def deck_da(small_meeting):
    return Presentation(io.BytesIO(handouts.pptx(small_meeting, "da")))


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def test_pdf_has_a_summary_a_table_and_a_page_per_area_with_a_chart_each(pdf_da, tmp_path):
    text = _pdf_text(pdf_da, tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 5  # summary, table, Aby, Bby, Cby
    assert "Alle områder · 2025" in pages[0]
    assert "Områderne i tal" in pages[1]
    for name in ("Aby", "Bby", "Cby"):
        assert any(f"{name} · 2025" in p for p in pages[2:])
    assert _pdf_images(pdf_da, tmp_path) == 4  # one chart image per unit


def test_pdf_says_the_period_the_data_date_and_the_numbers_in_danish(pdf_da, tmp_path):
    flat = _flat(_pdf_text(pdf_da, tmp_path))
    assert "Periode: 2025 (01-01-2025 – 31-12-2025)" in flat
    assert "Sammenlignet med 2024" in flat
    assert "Data til og med 31-12-2025" in flat
    assert "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3)." in flat
    assert "3,3 ud af hver 1.000 voksne deltog i et tilbud eller en aktivitet." in flat
    assert "Mål: 3 – ikke nået" in flat
    assert "Demodata" not in flat  # the fixture is not demo data


def test_pdf_shows_suppressed_cells_and_never_the_small_numbers(pdf_da, tmp_path):
    text = _pdf_text(pdf_da, tmp_path)
    table_page = text.split("\f")[1]
    rows = {line.split()[0]: line.split() for line in table_page.splitlines() if line.strip()[:3] in ("Aby", "Bby",
                                                                                                      "Cby")}
    # Columns: 6 counts of offers/partners/knowledge, trained, participation, completion.
    assert rows["Aby"][-3:] == ["8", "x", "x"]  # trained 8 (Bby and Cby: nobody, '<5'), then hidden shares
    assert rows["Bby"][-3:] == ["<5", "x", "x"]
    assert rows["Cby"][-3:] == ["<5", "–", "–"]
    flat = _flat(text)
    assert "<5: færre end 5 personer (0–4)" in flat
    assert "færre end 5 frontmedarbejdere og frivillige blev uddannet" in flat  # Bby
    assert "8 frontmedarbejdere og frivillige blev uddannet" in flat  # Aby and the kommune total of 8
    assert "4,0 ud af hver" not in flat  # Aby's participation (4 persons) is hidden


def test_deck_has_a_summary_slide_a_table_slide_and_one_slide_per_area(deck_da):
    titles = [s.shapes.title.text for s in deck_da.slides]
    assert titles == ["Alle områder · 2025", "Områderne i tal", "Aby · 2025", "Bby · 2025", "Cby · 2025"]
    for slide in (deck_da.slides[0], *list(deck_da.slides)[2:]):
        pictures = [sh for sh in slide.shapes if sh.shape_type == 13]
        assert len(pictures) == 1
        assert pictures[0]._element.nvPicPr.cNvPr.get("descr").startswith("Søjlediagram over de tre kapaciteter")


def test_deck_holds_the_numbers_and_the_protected_cells(deck_da):
    aby = _slide_text(deck_da.slides[2])
    assert "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3)." in aby
    assert "▲ Op fra 0 i 2024" in aby and "Mål: 3 – ikke nået" in aby
    assert "Periode: 2025 (01-01-2025 – 31-12-2025)" in aby
    table = deck_da.slides[1].shapes
    cells = next(sh for sh in table if sh.has_table).table
    grid = [[c.text for c in row.cells] for row in cells.rows]
    header = grid[0]
    col = header.index("Frontpersonale og frivillige uddannet")
    assert {row[0]: row[col] for row in grid[1:]} == {"Aby": "8", "Bby": "<5", "Cby": "<5", "Alle områder": "8"}
    part = header.index("Deltagere pr. 1.000 voksne")
    assert grid[-1][part] == "3,3"


def test_deck_in_english_uses_english_words_and_formats(small_meeting):
    deck = Presentation(io.BytesIO(handouts.pptx(small_meeting, "en", code="A")))
    assert [s.shapes.title.text for s in deck.slides] == ["Aby · 2025"]
    text = _slide_text(deck.slides[0])
    assert "In the period, 2 municipal health offers were held locally in Aby (target: 3)." in text
    assert "Period: 2025 (1 Jan 2025 – 31 Dec 2025)" in text
    assert "Target: 3 – not reached" in text


def test_handouts_of_demo_data_say_demodata_and_the_data_date(demo_meeting, tmp_path):
    pdf = handouts.pdf(demo_meeting, "da", code="AAL-09")
    flat = _flat(_pdf_text(pdf, tmp_path))
    assert "Demodata" in flat and "Data til og med 23-11-2026" in flat
    assert "Vadum · 2025" in flat
    deck = Presentation(io.BytesIO(handouts.pptx(demo_meeting, "da", code="AAL-09")))
    assert "Demodata" in _slide_text(deck.slides[0])
    assert handouts.filename(demo_meeting, "pptx", "AAL-09") == "lokal-moede-2025-aal-09.pptx"
