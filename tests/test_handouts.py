"""Handouts: the PDF (read back with pdftotext/pdfimages from poppler-utils) and the PowerPoint deck
(read back with python-pptx) hold the expected numbers, the protected cells, formats and labels.

Chart images are drawn by kaleido in the system Chromium; the server is stopped after the module.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation

from lokal import db, handouts, meeting, meeting_charts

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


def test_pdf_has_a_summary_a_table_and_two_pages_per_area_with_a_chart_each(pdf_da, tmp_path):
    text = _pdf_text(pdf_da, tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 9  # summary (2 pages), table, Aby, Bby, Cby (2 pages each)
    assert "Alle områder · 2025" in pages[0]
    assert "Alle områder · De tre kapaciteter" in pages[1]  # the charts, large enough to read, on their own page
    assert "Områderne i tal" in pages[2]
    for n, name in enumerate(("Aby", "Bby", "Cby")):
        assert f"{name} · 2025" in pages[3 + 2 * n] and f"{name} · De tre kapaciteter" in pages[4 + 2 * n]
    assert _pdf_images(pdf_da, tmp_path) == 4  # one chart image per unit


def test_pdf_says_the_period_the_data_date_and_the_numbers_in_danish(pdf_da, tmp_path):
    flat = _flat(_pdf_text(pdf_da, tmp_path))
    assert "Periode: 2025 (01-01-2025 – 31-12-2025)" in flat
    assert "Sammenlignet med 2024" in flat
    assert "Data til og med 31-12-2025" in flat
    assert "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3)." in flat
    assert "3,3 ud af hver 1.000 voksne deltog i et tilbud eller en aktivitet." in flat
    assert "3 – ikke nået" in flat
    assert "Demodata" not in flat  # the fixture is not demo data


def test_pdf_shows_suppressed_cells_and_never_the_small_numbers(pdf_da, tmp_path):
    text = _pdf_text(pdf_da, tmp_path)
    table_page = text.split("\f")[2]
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


def _pictures(slide) -> list:
    return [sh for sh in slide.shapes if sh.shape_type == 13]


def test_deck_has_the_summary_a_table_slide_and_one_message_a_slide_for_each_area(deck_da):
    titles = [s.shapes.title.text for s in deck_da.slides]
    unit = ["{} · 2025", "{} · De tre kapaciteter", "{} · Kort fortalt"]
    assert titles == [*(t.format("Alle områder") for t in unit), "Områderne i tal",
                      *(t.format(name) for name in ("Aby", "Bby", "Cby") for t in unit)]
    slides = list(deck_da.slides)
    for first in (0, 4, 7, 10):
        numbers, charts, sentences = slides[first:first + 3]
        assert not _pictures(numbers) and not _pictures(sentences)
        assert len(_pictures(charts)) == 1
        assert _pictures(charts)[0]._element.nvPicPr.cNvPr.get("descr").startswith(
            "Søjlediagram over de tre kapaciteter")
        assert "•" in _slide_text(sentences) and "•" not in _slide_text(numbers) + _slide_text(charts)


def test_deck_holds_the_numbers_and_the_protected_cells(deck_da):
    aby = _slide_text(deck_da.slides[4])
    assert "▲ Op fra 0 i 2024" in aby and "Mål: 3 – ikke nået" in aby
    assert "Periode: 2025 (01-01-2025 – 31-12-2025)" in aby
    assert "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3)." in _slide_text(
        deck_da.slides[6])
    table = deck_da.slides[3].shapes
    cells = next(sh for sh in table if sh.has_table).table
    grid = {row.cells[0].text: [c.text for c in row.cells][1:] for row in cells.rows}
    # The areas are columns (so that the table fits a slide at 14 pt), ending with the total.
    assert grid["Indikator"] == ["Aby", "Bby", "Cby", "I alt"]
    assert grid["Frontpersonale og frivillige uddannet"] == ["8", "<5", "<5", "8"]
    assert grid["Deltagere pr. 1.000 voksne"][-1] == "3,3"


def test_deck_in_english_uses_english_words_and_formats(small_meeting):
    deck = Presentation(io.BytesIO(handouts.pptx(small_meeting, "en", code="A")))
    assert [s.shapes.title.text for s in deck.slides] == ["Aby · 2025", "Aby · The three capacities", "Aby · In short"]
    text = "\n".join(_slide_text(s) for s in deck.slides)
    assert "In the period, 2 municipal health offers were held locally in Aby (target: 3)." in text
    assert "Period: 2025 (1 Jan 2025 – 31 Dec 2025)" in text
    assert "Target: 3 – not reached" in text


def test_handouts_show_the_evaluation_of_health_profiles_of_a_focus_area(demo_meeting, tmp_path):
    original = handouts._chart
    handouts._chart = lambda *args, **kwargs: None  # this test reads the evaluation, not the charts
    try:
        pdf = handouts.pdf(demo_meeting, "da", code="AAL-02")
        deck = Presentation(io.BytesIO(handouts.pptx(demo_meeting, "en", code="AAL-02")))
    finally:
        handouts._chart = original
    flat = _flat(_pdf_text(pdf, tmp_path))
    assert "Aalborg Øst · Sundhed før og efter fokusperioden" in flat
    assert "Dagligrygere 20,3 % → 17,5 % 11,9 % → 11,5 % −2,5 −5,1 til +0,1 Ingen tydelig forskel" in flat
    assert ("Andelen af dagligrygere faldt fra 20,3 % til 17,5 % i Aalborg Øst og fra 11,9 % til 11,5 % i "
            "sammenligningsområderne.") in flat
    texts = [_slide_text(slide) for slide in deck.slides]
    table = next(t for t in texts if t.startswith("Aalborg Øst · Health before and after the focus period\n"))
    assert "Daily smokers\n20.3% → 17.5%\n11.9% → 11.5%\n−2.5\n−5.1 to +0.1\nNo clear difference" in table
    assert any("The share of daily smokers fell from 20.3% to 17.5% in Aalborg Øst" in t for t in texts)
    assert handouts.health_rows(demo_meeting, demo_meeting.unit("AAL-03"), "da") is None  # Vejgaard: no focus


def test_handouts_of_demo_data_say_demodata_and_the_data_date(demo_meeting, tmp_path):
    pdf = handouts.pdf(demo_meeting, "da", code="AAL-09")
    flat = _flat(_pdf_text(pdf, tmp_path))
    assert "Demodata" in flat and "Data til og med 23-11-2026" in flat
    assert "Vadum · 2025" in flat
    deck = Presentation(io.BytesIO(handouts.pptx(demo_meeting, "da", code="AAL-09")))
    assert "Demodata" in _slide_text(deck.slides[0])
    assert handouts.filename(demo_meeting, "pptx", "AAL-09") == "lokal-moede-2025-aal-09.pptx"


# --- issue 15: the Mål column, the legend, readable text on paper and on the projector --------


def _lines_with(page: str, label: str) -> str:
    return next(line for line in page.splitlines() if label in line)


def test_pdf_target_column_holds_the_areas_targets_once_named_and_a_dash_where_none(pdf_da, tmp_path):
    pages = _pdf_text(pdf_da, tmp_path).split("\f")
    aby = pages[3]
    assert re.search(r"Mål\s*$", _lines_with(aby, "Indikator"))  # the header says it once
    assert "Mål:" not in aby
    assert _lines_with(aby, "Vidensaktiviteter afholdt").rstrip().endswith("2 – nået")  # 3 held, target 2
    assert _lines_with(aby, "Nye civilsamfundsaktiviteter").rstrip().endswith("–")  # no target set
    assert _lines_with(aby, "Aktive lokale partnere").rstrip().endswith("–")
    # The total has no target of its own: it says how many of the areas with one reached it.
    summary = pages[0]
    assert _lines_with(summary, "Vidensaktiviteter afholdt").rstrip().endswith("nået i 1 af 1 områder")
    assert "nået i 0 af 1 områder" in _flat(summary)  # Aby's 2 of 3 offers
    assert _lines_with(summary, "Aktive lokale partnere").rstrip().endswith("–")


def test_target_cell_of_a_year_in_progress_names_the_year_without_a_verdict():
    offers = "kommunale_tilbud_afholdt"
    aby = meeting.Unit("A", "Aby", {offers: meeting.Number(offers, 2.0, "shown", None, "shown", target=3.0)})
    total = meeting.Unit(meeting.ALL, "", {offers: meeting.Number(offers, 2.0, "shown", None, "shown")})
    m = meeting.Meeting(meeting.meeting_period("2025", date(2025, 6, 30)), total, (aby,), k=5)
    assert meeting.target_cell(m, aby, offers) == "3 (hele 2025)"
    assert meeting.target_cell(m, total, offers, "en") == "1 areas have a target"


def test_the_legend_explains_every_symbol_on_the_page_in_the_pdf_and_on_every_slide(small_meeting, pdf_da,
                                                                                      deck_da, tmp_path):
    assert "–: ingen data." in meeting.legend_text(small_meeting, "da")  # the page's caption too
    assert "–: no data." in meeting.legend_text(small_meeting, "en")
    for page in _pdf_text(pdf_da, tmp_path).split("\f")[:-1]:
        assert "–: ingen data." in _flat(page) and "x: skjult" in page and "<5: færre end 5" in page
    for slide in deck_da.slides:
        assert meeting.legend_text(small_meeting, "da") in _slide_text(slide)


def _font_sizes(spec) -> list[float]:
    """Every font size set anywhere in a plotly figure dict (font, tickfont, textfont, title fonts)."""
    if isinstance(spec, dict):
        own = [v["size"] for k, v in spec.items() if k.endswith("font") and "size" in v]
        return own + [x for v in spec.values() for x in _font_sizes(v)]
    if isinstance(spec, list):
        return [x for v in spec for x in _font_sizes(v)]
    return []


@pytest.mark.parametrize("chart, least_pt", [(handouts.PDF_CHART, 9), (handouts.SLIDE_CHART, 14)])
def test_chart_text_is_at_least_9_pt_on_paper_and_14_pt_on_a_slide(small_meeting, chart, least_pt):
    spec = handouts.chart_spec(small_meeting, small_meeting.unit("A"), "da", chart)
    assert spec["layout"]["width"] == chart["width"]
    sizes = _font_sizes(spec)
    assert spec["layout"]["font"]["size"] in sizes and len(sizes) > 5  # base, ticks, bar labels, legend, titles
    assert handouts.text_pt(min(sizes), chart) >= least_pt
    # 16 px in a 900 px image 180 mm wide: 16 × 180 / 900 mm = 3,2 mm = 9,07 pt.
    assert handouts.text_pt(16, handouts.PDF_CHART) == pytest.approx(9.07, abs=0.01)


def test_the_chart_images_are_placed_at_the_width_their_text_size_assumes(pdf_da, deck_da, tmp_path):
    path = tmp_path / "placed.pdf"
    path.write_bytes(pdf_da)
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    chart = handouts.PDF_CHART
    ppi = chart["width"] * chart["scale"] / (chart["placed_mm"] / 25.4)
    rows = [line.split() for line in listing.splitlines()[2:] if " image " in line]
    assert rows and all(abs(int(r[12]) - ppi) <= 2 for r in rows)  # x-ppi: 1980 px over 180 mm
    for slide in deck_da.slides:
        for picture in _pictures(slide):
            assert picture.width.inches == pytest.approx(handouts.SLIDE_CHART["placed_mm"] / 25.4)


def test_count_axes_have_whole_number_ticks(small_meeting):
    assert [meeting_charts.count_step(t) for t in (1.3, 6, 7, 13, 40, 130)] == [1, 1, 2, 5, 10, 50]
    spec = handouts.chart_spec(small_meeting, small_meeting.summary, "da", handouts.PDF_CHART)
    axes = [v for k, v in spec["layout"].items() if k.startswith("yaxis")]
    assert len(axes) == 3
    for axis in axes:
        assert axis["tickmode"] == "linear" and axis["tick0"] == 0 and axis["tickformat"] == "d"
        assert isinstance(axis["dtick"], int) and axis["dtick"] >= 1
    figure = meeting_charts.capacity_figure(small_meeting, small_meeting.unit("A"), "udbud")  # the page's charts too
    assert figure.layout.yaxis.dtick == 1 and figure.layout.yaxis.tickformat == "d"


@pytest.fixture(scope="module")
def demo_deck(demo_meeting):
    """The demo's whole deck (22 areas), without chart images: this test reads the tables and the shapes."""
    original = handouts._chart
    handouts._chart = lambda *args, **kwargs: None
    try:
        return Presentation(io.BytesIO(handouts.pptx(demo_meeting, "da")))
    finally:
        handouts._chart = original


def test_slide_tables_have_at_most_10_rows_at_14_pt_with_every_word_fitting_its_column(demo_deck, demo_meeting):
    from PIL import ImageFont

    # Liberation Sans has Arial's widths, wider than Calibri (PowerPoint's default): a safe measure.
    fonts = {bold: ImageFont.truetype(f"/usr/share/fonts/truetype/liberation/LiberationSans-{kind}.ttf", 140)
             for bold, kind in ((False, "Regular"), (True, "Bold"))}
    titled = [(slide.shapes.title.text, sh) for slide in demo_deck.slides for sh in slide.shapes if sh.has_table]
    tables = [sh for title, sh in titled if title.startswith("Områderne i tal")]
    health = [sh for title, sh in titled if "Sundhed før og efter fokusperioden" in title]
    assert len(titled) == len(tables) + len(health)
    assert [len(sh.table.columns) - 2 for sh in tables] == [4, 5, 4, 5, 4]  # 22 areas, at most 5 a slide
    assert len(health) == 7  # the focus areas together and each of the six (issue 16)
    areas = set()
    for shape in tables:
        areas |= {c.text for c in list(shape.table.rows[0].cells)[1:-1]}
    for shape in tables + health:
        table = shape.table
        assert len(table.rows) <= 10
        for row in table.rows:
            for j, cell in enumerate(row.cells):
                room = table.columns[j].width.inches - cell.margin_left.inches - cell.margin_right.inches
                for p in cell.text_frame.paragraphs:
                    for run in p.runs:
                        assert run.font.size.pt >= 14
                        for word in run.text.split():
                            width = fonts[bool(run.font.bold)].getlength(word) / 10 * run.font.size.pt / 14 / 72
                            assert width <= room, (word, width, room)
    assert areas == {a.name for a in demo_meeting.areas}


def test_every_shape_lies_on_its_slide_and_no_text_boxes_overlap(demo_deck):
    width, height = demo_deck.slide_width, demo_deck.slide_height
    for slide in demo_deck.slides:
        boxes = []
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= width
            assert shape.top >= 0 and shape.top + shape.height <= height
            boxes.append((shape.left, shape.top, shape.left + shape.width, shape.top + shape.height, shape.name))
        for n, a in enumerate(boxes):
            for b in boxes[n + 1:]:
                overlap = min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
                # The demo badge sits in the title's empty right end.
                assert not overlap or {"Demodata"} & {_text(slide, a[4]), _text(slide, b[4])}, (a, b)


def _text(slide, name: str) -> str:
    shape = next(sh for sh in slide.shapes if sh.name == name)
    return shape.text_frame.text if shape.has_text_frame else ""


def _kommune_template(path, width_in=10.0, height_in=5.625):
    """A kommune's template: 10 in wide 16:9, a renamed 'Title Only' layout and an example slide."""
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(width_in), Inches(height_in)
    deck.slide_layouts[5]._element.cSld.set("name", "Aalborg titel")
    deck.slides.add_slide(deck.slide_layouts[1]).shapes.title.text = "Eksempel fra kommunen"
    deck.save(path)
    return path


def _as_potx(pptx_path, potx_path):
    import zipfile

    with zipfile.ZipFile(pptx_path) as zin, zipfile.ZipFile(potx_path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    return potx_path


def test_a_kommunes_pptx_or_potx_template_gives_the_deck_its_layout_and_size(small_meeting, tmp_path,
                                                                              monkeypatch):
    pptx_path = _kommune_template(tmp_path / "aalborg.pptx")
    potx_path = _as_potx(pptx_path, tmp_path / "aalborg.potx")
    for path, by_env in ((pptx_path, False), (potx_path, True)):
        if by_env:
            monkeypatch.setenv(handouts.TEMPLATE_ENV, str(path))
        data = handouts.pptx(small_meeting, "da", code="A", template=None if by_env else path)
        deck = Presentation(io.BytesIO(data))
        assert round(deck.slide_width.inches, 2) == 10.0
        assert [s.shapes.title.text for s in deck.slides] == ["Aby · 2025", "Aby · De tre kapaciteter",
                                                              "Aby · Kort fortalt"]  # the example slide is gone
        assert {s.slide_layout.name for s in deck.slides} == {"Aalborg titel"}
        for slide in deck.slides:
            for shape in slide.shapes:
                assert shape.left + shape.width <= deck.slide_width
                assert shape.top + shape.height <= deck.slide_height
        picture = _pictures(deck.slides[1])[0]
        assert picture.width.inches == pytest.approx(12.3 * 10 / 13.333, abs=0.01)  # all drawn at 3/4


def test_a_template_that_cannot_be_used_gives_lokals_own_deck(small_meeting, tmp_path):
    square = _kommune_template(tmp_path / "4x3.pptx", height_in=7.5)
    broken = tmp_path / "broken.potx"
    broken.write_bytes(b"not a zip")
    for path in (square, broken, tmp_path / "missing.pptx"):
        deck = Presentation(io.BytesIO(handouts.pptx(small_meeting, "da", code="A", template=path)))
        assert round(deck.slide_width.inches, 2) == 13.33 and len(deck.slides) == 3
