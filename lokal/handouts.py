"""Handouts for the council: the meeting view as a PDF (agenda appendix) and a PowerPoint deck.

Both are built from a :class:`lokal.meeting.Meeting`, whose person numbers are already
protected (:mod:`lokal.suppress`), so a handout can show nothing the page would not. Each
holds a summary for all areas in scope, a table of every area, and one page or slide per
area: big numbers with the change since the previous period and the target, the generated
sentences, and the three capacity charts as one image. Danish number and date formats, the
period, the data date and "Demodata" when it is.

Chart images come from plotly through kaleido, which drives the system Chromium
(``/usr/bin/chromium``). The first image starts a kaleido server (a few seconds); after that
an image takes well under a second, and images are cached by content, so the PDF and the
deck of the same meeting share them. Pure: no Streamlit.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

import plotly.graph_objects as go

from lokal import approval, evaluation, i18n, meeting, meeting_charts
from lokal import indicators as ind
from lokal.meeting import Meeting, Unit

IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1500, 420, 1.5  # chart_png's defaults
# The capacity charts' layout size (CSS px), smallest font (px) and the width the image is placed at
# (mm): the text's printed size is font × placed width / layout width. On A4 the image fills the
# text width (180 mm), the three charts one above the other: 16 px → 9,1 pt. On a slide it is 12,3 in wide: 20 px → 14,8 pt.
PDF_CHART = {"width": 900, "height": 980, "font_size": 16, "wrap": 40, "scale": 2.2, "placed_mm": 180.0,
             "stacked": True}
SLIDE_CHART = {"width": 1200, "height": 500, "font_size": 20, "wrap": 14, "scale": 1.6, "placed_mm": 12.3 * 25.4,
               "stacked": False}
AREAS_PER_SLIDE = 5  # area columns on one table slide, beside the indicator names and the total
TABLE_PT = 14  # the smallest text in a slide table
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

_W = {
    "da": {
        "title": "Lokale sundhedsindsatser", "handout": "Mødeoplæg", "period": "Periode",
"data_date": "Data til og med", "demo": "Demodata",
        "demo_note": "Demodata: tallene er opdigtede og viser kun, hvordan Lokal ser ud.",
        "in_short": "Kort fortalt", "table": "Områderne i tal", "indicator": "Indikator",
        "value": "Perioden", "change": "Udvikling", "target": "Mål", "page": "Side {n} af {total}",
        "total": "I alt",
        "chart_alt": "Søjlediagram over de tre kapaciteter: ", "made": "Lavet med Lokal", "lokal": "Lokal",
        "health": "Sundhed før og efter fokusperioden", "notes": "Fortolkninger",
    },
    "en": {
        "title": "Local health initiatives", "handout": "Meeting handout", "period": "Period",
"data_date": "Data up to", "demo": "Demo data",
        "demo_note": "Demo data: the figures are made up and only show what Lokal looks like.",
        "in_short": "In short", "table": "The areas in figures", "indicator": "Indicator",
        "value": "The period", "change": "Change", "target": "Target", "page": "Page {n} of {total}",
        "total": "Total",
        "chart_alt": "Bar chart of the three capacities: ", "made": "Made with Lokal", "lokal": "Lokal",
        "health": "Health before and after the focus period", "notes": "Interpretations",
    },
}


def _w(lang: str) -> dict:
    return _W.get(lang, _W["da"])


def filename(m: Meeting, ext: str, code: str = meeting.ALL) -> str:
    """A file name that says what it is: 'lokal-moede-2025.pdf', 'lokal-moede-2025K3-vadum.pptx'."""
    part = "" if code == meeting.ALL else f"-{code.lower()}"
    return f"lokal-moede-{m.period.label}{part}.{ext}"


def header_lines(m: Meeting, lang: str = "da", code: str = meeting.ALL) -> list[str]:
    """Period, comparison, data date, the demo flag and the approval, as short lines."""
    w = _w(lang)
    lines = [f"{w['period']}: {meeting.period_text(m.period, lang)}"]
    lines.append(meeting.comparison_text(m, lang)[:1].upper() + meeting.comparison_text(m, lang)[1:])
    if m.data_date:
        lines.append(f"{w['data_date']} {i18n.fmt_date(m.data_date, lang)}")
    if m.is_demo:
        lines.append(w["demo"])
    if m.figures != "live":  # who approved the figures, or that they are a draft (lokal.approval)
        lines.append(approval.approved_text(m.approvals.get(code), lang))
    return lines


def _units(m: Meeting, code: str) -> list[Unit]:
    """The summary and every area, or only the chosen area."""
    return [m.summary, *m.areas] if code == meeting.ALL else [m.unit(code)]


# --- chart images -----------------------------------------------------------------------------

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_server_started = False
_cache: OrderedDict[str, bytes] = OrderedDict()
_CACHE_SIZE = 128


def chart_png(fig: go.Figure, width: int = IMAGE_WIDTH, height: int = IMAGE_HEIGHT, scale: float = IMAGE_SCALE,
              *, key: str | None = None) -> bytes:
    """A plotly figure as PNG bytes through kaleido and the system Chromium (cached by content or ``key``)."""
    key = _key(f"{width}x{height}x{scale}", key or fig.to_json())
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return _render(fig.to_dict(), key, width, height, scale)


def _key(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()


def _render(spec: dict, key: str, width: int, height: int, scale: float) -> bytes:
    global _server_started
    import kaleido

    with _lock:
        if key in _cache:
            return _cache[key]
        if not _server_started:
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True
        png = kaleido.calc_fig_sync(spec, opts={"format": "png", "width": width, "height": height, "scale": scale})
        _cache[key] = png
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return png


def stop_image_server() -> None:
    """Stop kaleido's Chromium (tests call this; the app keeps it for the next handout)."""
    global _server_started
    import kaleido

    with _lock:
        if _server_started:
            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


def text_pt(font_px: float, chart: dict) -> float:
    """The printed size in points of ``font_px`` text in a chart image of the given kind (PDF_CHART, SLIDE_CHART)."""
    return font_px * chart["placed_mm"] / chart["width"] / 25.4 * 72


def chart_spec(m: Meeting, unit: Unit, lang: str, chart: dict) -> dict:
    """The unit's capacity charts as a plotly dict, sized for a page (PDF_CHART) or a slide (SLIDE_CHART)."""
    return meeting_charts.handout_spec(m, unit, lang, width=chart["width"], height=chart["height"],
                                font_size=chart["font_size"], wrap=chart["wrap"], stacked=chart["stacked"])


def _chart(m: Meeting, unit: Unit, lang: str, chart: dict) -> bytes | None:
    """The unit's capacity charts as one image (the figure is built only when not cached).

    None when no image can be drawn (e.g. no Chromium on the machine): the handout then carries
    the charts' figures as text, rather than failing.
    """
    size = (chart["width"], chart["height"], chart["scale"])
    key = _key(repr(sorted(chart.items())), repr((m.period, m.k, m.focus_only, lang, unit)))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    try:
        return _render(chart_spec(m, unit, lang, chart), key, *size)
    except Exception:  # noqa: BLE001 - kaleido raises several kinds (no Chromium, a crashed tab)
        _log.exception("Diagrammet til mødeoplægget kunne ikke tegnes; teksten bruges i stedet")
        return None


def _chart_alt(m: Meeting, unit: Unit, lang: str) -> str:
    return _w(lang)["chart_alt"] + " · ".join(meeting_charts.capacity_text(m, unit, g, lang) for g in meeting.CAPACITIES)


# --- PDF --------------------------------------------------------------------------------------


def _font_files() -> tuple[Path, Path] | None:
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


_LATIN1 = str.maketrans({"–": "-", "—": "-", "▲": "^", "▼": "v", "·": "-", "≥": ">=", "’": "'", "…": "...",
                         "−": "-", "→": "->"})


def health_rows(m: Meeting, unit: Unit, lang: str = "da") -> list[list[str]] | None:
    """The unit's evaluation as table rows (a header first), or None when it has none to show."""
    e = m.health.get(unit.code)
    if e is None or not e.has_results:
        return None
    df = evaluation.table(e, lang, changes=False)
    return [list(df.columns), *([str(v) for v in row] for row in df.itertuples(index=False))]


def health_name(m: Meeting, unit: Unit, lang: str = "da") -> str:
    """Whom the evaluation is about: the area, or the focus areas together (not all areas)."""
    return meeting.unit_name(m, unit, lang) if unit.code != meeting.ALL else meeting._w(lang)["focus"]


def health_lines(m: Meeting, unit: Unit, lang: str = "da") -> tuple[list[str], list[str]]:
    """The sentences said first (smoking and every clear verdict) and the notes, for a handout."""
    e = m.health.get(unit.code)
    if e is None:
        return [], []
    return evaluation.sentences(e, lang, evaluation.headline_measures(e)), evaluation.notes(e, lang)


def pdf(m: Meeting, lang: str = "da", code: str = meeting.ALL, notes: dict[str, list[str]] | None = None) -> bytes:
    """The meeting as an A4 PDF: summary, table of areas, one page per area (or one area only).
    ``notes``: unit code → the interpretations' lines (:func:`lokal.interpretations.handout_lines`)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    from PIL import Image

    w = _w(lang)
    fonts = _font_files()
    family = "DejaVu" if fonts else "Helvetica"

    def txt(s: str) -> str:
        # Without DejaVu (a Unicode font) fall back to a core font and Latin-1 text.
        return s if fonts else s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    class Handout(FPDF):
        def footer(self):
            # Every page explains '<5', 'x' and '–' and says whether the figures are demo data.
            self.set_y(-15)
            self.set_font(family, "", 8)
            self.set_text_color(60, 60, 60)
            self.multi_cell(0, 4, txt(meeting.legend_text(m, lang)), new_x="LMARGIN", new_y="NEXT")
            left = f"{w['made']} · {m.kommune_name or ''}" + (f" · {w['demo']}" if m.is_demo else "")
            self.cell(0, 5, txt(left), align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, txt(w["page"].format(n=self.page_no(), total="{nb}")), align="R")

    doc = Handout(orientation="P", unit="mm", format="A4")
    if fonts:
        doc.add_font("DejaVu", "", str(fonts[0]))
        doc.add_font("DejaVu", "B", str(fonts[1]))
    doc.set_title(txt(f"{w['title']} – {w['handout']} {meeting.period_name(m.period, lang)}"))
    doc.set_author(txt(m.kommune_name or w["lokal"]))
    doc.set_creator("Lokal")
    doc.set_lang("da-DK" if lang == "da" else "en-GB")
    doc.set_margins(15, 14, 15)
    doc.set_auto_page_break(True, margin=19)
    heading = FontFace(family=family, emphasis="BOLD", fill_color=(230, 236, 242))
    group_row = FontFace(family=family, emphasis="BOLD", fill_color=(245, 245, 245))

    def para(text: str, size: float, *, bold: bool = False, height: float = 5.0, grey: bool = False) -> None:
        doc.set_font(family, "B" if bold else "", size)
        doc.set_text_color(*((60, 60, 60) if grey else (17, 17, 17)))
        doc.multi_cell(0, height, txt(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def unit_page(unit: Unit) -> None:
        from lokal import views

        doc.add_page()
        para(f"{meeting.unit_name(m, unit, lang)} · {meeting.period_name(m.period, lang)}", 18, bold=True,
             height=9)
        para(f"{m.kommune_name or ''} · {w['title']} · " + " · ".join(header_lines(m, lang, unit.code)), 9.5,
             grey=True)
        if m.is_demo:
            doc.ln(1)
            doc.set_fill_color(255, 228, 181)
            doc.set_font(family, "B", 9.5)
            doc.set_text_color(17, 17, 17)
            doc.multi_cell(0, 6, txt(w["demo_note"]), fill=True, padding=(1, 2), new_x="LMARGIN", new_y="NEXT")
            doc.set_fill_color(255, 255, 255)
        doc.ln(3)
        doc.set_font(family, "", 9.5)
        with doc.table(col_widths=(62, 22, 50, 46), headings_style=heading, line_height=5.2,
                       text_align=("LEFT", "RIGHT", "LEFT", "LEFT"), padding=1.2) as table:
            table.row([txt(x) for x in (w["indicator"], w["value"], w["change"], w["target"])])
            for group in meeting.GROUPS:
                row = table.row(style=group_row)
                row.cell(txt(i18n.t(views.GROUP_NAMES[group], lang)), colspan=4)
                for i in meeting.HEADLINE[group]:
                    c = meeting.card(m, unit.numbers[i], lang)
                    target = meeting.target_cell(m, unit, i, lang)  # the header says "Mål" once
                    table.row([txt(x) for x in (c["label"], c["value"], c["change"], target)])
        doc.ln(4)
        para(w["in_short"], 12, bold=True, height=7)
        for sentence in meeting.sentences(m, unit, lang):
            para(("• " if fonts else "- ") + sentence, 10.5, height=5.5)
            doc.ln(0.8)
        if (notes or {}).get(unit.code):
            doc.ln(2)
            para(w["notes"], 12, bold=True, height=7)
            for line in notes[unit.code]:
                para(line, 10.5, height=5.5)
                doc.ln(0.8)
        doc.ln(2)
        png = _chart(m, unit, lang, PDF_CHART)
        if png is None:
            para(_chart_alt(m, unit, lang), 9.5)
            return
        if doc.get_y() + 12 + doc.epw * PDF_CHART["height"] / PDF_CHART["width"] > doc.page_break_trigger:
            doc.add_page()
        para(f"{meeting.unit_name(m, unit, lang)} · {i18n.t('De tre kapaciteter', lang)}", 12, bold=True, height=7)
        # Flatten kaleido's RGBA PNG onto white: fpdf2 then stores no separate alpha mask.
        image = Image.open(io.BytesIO(png)).convert("RGB")
        doc.image(image, w=doc.epw, alt_text=txt(_chart_alt(m, unit, lang)))

    def health_section(unit: Unit) -> None:
        """The small table of the evaluation and its sentences, on a page of their own."""
        rows = health_rows(m, unit, lang)
        said, notes = health_lines(m, unit, lang)
        if rows is None:  # nothing measured before and after in both groups: Møde says why
            return
        doc.add_page()
        para(f"{health_name(m, unit, lang)} · {w['health']}", 14, bold=True, height=8)
        doc.ln(1)
        if rows is not None:
            doc.set_font(family, "", 8.5)
            with doc.table(col_widths=(40, 28, 30, 19, 29, 34), headings_style=heading, line_height=4.6,
                           text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"), padding=1.0) as table:
                for values in rows:
                    table.row([txt(v) for v in values])
            doc.ln(3)
        for sentence in said:
            para(("• " if fonts else "- ") + sentence, 10.5, height=5.5)
            doc.ln(0.8)
        doc.ln(1)
        for note in notes:
            para(note, 8.5, grey=True, height=4.4)

    def table_page() -> None:
        doc.add_page(orientation="L")
        para(f"{w['table']} · {meeting.period_text(m.period, lang)}", 16, bold=True, height=9)
        doc.ln(2)
        df = meeting_charts.area_table(m, lang)
        size = 8.0
        doc.set_font(family, "B", size)
        # Columns as wide as their longest word, so no header word is split; the area column takes the rest.
        widths = [max(20.0, max(doc.get_string_width(txt(word)) for word in str(c).split()) + 4)
                  for c in df.columns[1:]]
        first = max(30.0, doc.epw - sum(widths))
        scale = doc.epw / (first + sum(widths))
        doc.set_font(family, "", size)
        with doc.table(col_widths=[first * scale, *(x * scale for x in widths)], headings_style=heading,
                       line_height=4.3, text_align=("LEFT", *(["RIGHT"] * len(widths))), padding=0.8) as table:
            table.row([txt(str(c)) for c in df.columns])
            for values in df.itertuples(index=False):
                table.row([txt(str(v)) for v in values])

    units = _units(m, code)
    unit_page(units[0])
    health_section(units[0])
    if code == meeting.ALL and m.areas:
        table_page()
    for unit in units[1:]:
        unit_page(unit)
        health_section(unit)
    return bytes(doc.output())


# --- PowerPoint ------------------------------------------------------------------------------


TEMPLATE_ENV = "LOKAL_PPTX_TEMPLATE"
_WIDE = 12192000  # EMU: the 13,333 in width of a 16:9 slide, which the deck's geometry is drawn for
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def _template_deck(path: str | Path):
    """The kommune's own .pptx or .potx as the base presentation, its slides removed; None if unusable.

    A .potx differs from a .pptx only in its main part's content type, so it is opened as one. A
    template that is not 16:9 is not used (the slides are laid out for 16:9), nor one that cannot
    be read: the handout is then made on Lokal's plain design rather than not at all.
    """
    import zipfile

    from pptx import Presentation

    try:
        source = io.BytesIO(Path(path).read_bytes())
        patched = io.BytesIO()
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(_TEMPLATE.encode(), _PRESENTATION.encode())
                zout.writestr(item, data)
        deck = Presentation(patched)
    except Exception:  # noqa: BLE001 - a missing file, not a zip, not a presentation: all mean "not usable"
        _log.warning("PowerPoint-skabelonen %s kan ikke bruges; Lokals eget layout bruges i stedet", path,
                     exc_info=True)
        return None
    if abs(deck.slide_height / deck.slide_width - 0.5625) > 0.01:
        _log.warning("PowerPoint-skabelonen %s er ikke 16:9; Lokals eget layout bruges i stedet", path)
        return None
    ids = deck.slides._sldIdLst
    for slide_id in list(ids):  # the template's example slides
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
    return deck


def _title_only_layout(deck):
    """The layout with a title and no other content placeholder (PowerPoint's 'Title Only'), else one with a title."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    titles = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    furniture = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    with_title = [lay for lay in deck.slide_layouts
                  if any(ph.placeholder_format.type in titles for ph in lay.placeholders)]
    only = [lay for lay in with_title if all(ph.placeholder_format.type in titles + furniture
                                             for ph in lay.placeholders)]
    return (only or with_title or list(deck.slide_layouts))[0]


def pptx(m: Meeting, lang: str = "da", code: str = meeting.ALL, template: str | Path | None = None,
         notes: dict[str, list[str]] | None = None) -> bytes:
    """The meeting as a 16:9 deck: the summary, the table of areas, then each area (numbers, charts, sentences).

    ``template`` (else the environment's ``LOKAL_PPTX_TEMPLATE``) is a kommune's .pptx or .potx:
    its masters, layouts, theme and slide size are used, its own slides dropped.
    """
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu
    from pptx.util import Pt as _Pt

    w = _w(lang)
    template = template or os.environ.get(TEMPLATE_ENV) or None
    deck = _template_deck(template) if template else None
    themed = deck is not None
    if deck is None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = Emu(_WIDE), Emu(6858000)
    f = deck.slide_width / _WIDE  # a 10 in wide 16:9 template: everything at 3/4, so it looks the same

    def Inches(v: float) -> Emu:  # noqa: N802 - python-pptx's name, scaled to the slide
        return Emu(round(v * 914400 * f))

    def Pt(v: float) -> Emu:  # noqa: N802
        return _Pt(v * f)

    deck.core_properties.title = f"{w['title']} – {w['handout']} {meeting.period_name(m.period, lang)}"
    deck.core_properties.author = m.kommune_name or "Lokal"
    deck.core_properties.language = "da-DK" if lang == "da" else "en-GB"
    title_only = _title_only_layout(deck)
    dark, grey = RGBColor(0x11, 0x11, 0x11), RGBColor(0x44, 0x44, 0x44)
    tones = {k: RGBColor.from_string(v.lstrip("#")) for k, v in meeting.TONE_COLORS.items()}

    def text_box(slide, left, top, width, height, paragraphs, *, wrap=True, space=3):
        """paragraphs: list of (text, size, bold, colour)."""
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = wrap
        for n, (text, size, bold, colour) in enumerate(paragraphs):
            p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            run = p.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = colour
            p.space_after = Pt(space)
        return box

    def titled(title: str):
        slide = deck.slides.add_slide(title_only)
        t = slide.shapes.title
        for ph in list(slide.placeholders):  # a template layout's empty body or picture placeholders
            if t is None or ph.shape_id != t.shape_id:
                ph._element.getparent().remove(ph._element)
        if t is None:
            t = slide.shapes.add_textbox(Inches(0.5), Inches(0.25), Inches(12.3), Inches(0.75))
        t.left, t.top, t.width, t.height = Inches(0.5), Inches(0.25), Inches(12.3), Inches(0.75)
        t.text = title
        for p in t.text_frame.paragraphs:
            p.alignment = 1  # left
            for r in p.runs:
                r.font.size, r.font.bold = Pt(30), True
                if not themed:  # a kommune's template keeps its own title colour
                    r.font.color.rgb = dark
        text_box(slide, 0.5, 1.0, 12.3, 0.4, [(" · ".join(header_lines(m, lang, code)), 14, False, grey)])
        if m.is_demo:
            badge = text_box(slide, 11.2, 0.3, 1.6, 0.45, [(w["demo"], 14, True, dark)])
            badge.fill.solid()
            badge.fill.fore_color.rgb = RGBColor(0xFF, 0xE4, 0xB5)
        text_box(slide, 0.5, 6.95, 12.3, 0.4, [(meeting.legend_text(m, lang), 12, False, grey)])
        return slide

    def unit_slides(unit: Unit) -> None:
        """One message a slide: the big numbers; the charts; the sentences."""
        from lokal import views

        name = meeting.unit_name(m, unit, lang)
        slide = titled(f"{name} · {meeting.period_name(m.period, lang)}")
        col_w = 3.0
        for col, group in enumerate(meeting.GROUPS):
            left = 0.5 + col * (col_w + 0.1)
            text_box(slide, left, 1.5, col_w, 0.4, [(i18n.t(views.GROUP_NAMES[group], lang), 16, True, dark)])
            for row, i in enumerate(meeting.HEADLINE[group]):
                c = meeting.card(m, unit.numbers[i], lang)
                paras = [(ind.get(i).short(lang), 16, False, grey), (c["value"], 40, True, dark),
                         (c["change"], 14, False, tones[c["change_tone"]])]
                if c["target"]:
                    paras.append((c["target"], 14, False, tones[c["target_tone"]]))
                text_box(slide, left, 2.0 + row * 2.5, col_w, 2.4, paras)

        slide = titled(f"{name} · {i18n.t('De tre kapaciteter', lang)}")
        png = _chart(m, unit, lang, SLIDE_CHART)
        if png is None:
            text_box(slide, 0.5, 1.6, 12.3, 5.0, [(_chart_alt(m, unit, lang), 16, False, dark)])
        else:
            pic = slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(1.55), width=Inches(12.3))
            pic._element.nvPicPr.cNvPr.set("descr", _chart_alt(m, unit, lang))

        slide = titled(f"{name} · {w['in_short']}")
        text_box(slide, 0.5, 1.6, 12.3, 5.3, [("• " + s, 20, False, dark) for s in meeting.sentences(m, unit, lang)],
                 space=10)
        if (notes or {}).get(unit.code):
            slide = titled(f"{name} · {w['notes']}")
            text_box(slide, 0.5, 1.6, 12.3, 5.3, [(line, 16, False, dark) for line in notes[unit.code]], space=10)
        health_slides(unit, name)

    def health_slides(unit: Unit, name: str) -> None:
        """The evaluation: its table on one slide, the sentences said first and the notes on the next."""
        rows = health_rows(m, unit, lang)
        said, notes = health_lines(m, unit, lang)
        if rows is None:
            return
        name = health_name(m, unit, lang)
        slide = titled(f"{name} · {w['health']}")
        widths = (3.0, 2.0, 2.2, 1.3, 1.9, 1.9)
        shape = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.5), Inches(1.5), Inches(sum(widths)),
                                       Inches(0.6 + 0.46 * (len(rows) - 1)))
        table = shape.table
        for j, width in enumerate(widths):
            table.columns[j].width = Inches(width)
        for i, values in enumerate(rows):
            table.rows[i].height = Inches(0.6 if i == 0 else 0.46)
            for j, value in enumerate(values):
                cell = table.cell(i, j)
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                cell.margin_left = cell.margin_right = Inches(0.05)
                cell.text = value
                for p in cell.text_frame.paragraphs:
                    if 0 < j < len(values) - 1:
                        p.alignment = 3  # right
                    for r in p.runs:
                        r.font.size = Pt(TABLE_PT)
                        r.font.bold = i == 0
        slide = titled(f"{name} · {w['health']} ({w['in_short'].lower()})")
        text_box(slide, 0.5, 1.6, 12.3, 5.3, [("• " + s, 16, False, dark) for s in said]
                 + [(note, 12, False, grey) for note in notes], space=8)

    def table_slides() -> None:
        """The areas in figures: the indicators as rows (short names) and at most AREAS_PER_SLIDE areas
        as columns a slide, each slide ending with the total, so that every cell is legible from the
        back of the room and no table has more than 10 rows."""
        # As even as can be (22 areas: 5, 5, 4, 4, 4), so no slide is left with one or two areas.
        slides = -(-len(m.areas) // AREAS_PER_SLIDE)
        bounds = [round(n * len(m.areas) / slides) for n in range(slides + 1)]
        chunks = [m.areas[a:b] for a, b in zip(bounds, bounds[1:])]
        for n, chunk in enumerate(chunks, start=1):
            part = f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""
            slide = titled(w["table"] + part)
            units = [*chunk, m.summary]
            rows = [[w["indicator"], *(u.name for u in chunk), w["total"]]]  # the total of the areas in scope
            rows += [[ind.get(i).short(lang), *(meeting.value_label(m, u.numbers[i], lang) for u in units)]
                     for i in meeting.CARD_IDS]
            # Every slide has the same column widths, so the columns do not jump from slide to slide.
            first, rest = 3.9, (12.3 - 3.9) / (AREAS_PER_SLIDE + 1)
            shape = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.5), Inches(1.5),
                                           Inches(first + rest * len(units)), Inches(0.75 + 0.52 * (len(rows) - 1)))
            table = shape.table
            table.columns[0].width = Inches(first)
            for j in range(1, len(rows[0])):
                table.columns[j].width = Inches(rest)
            table.rows[0].height = Inches(0.75)
            for i, values in enumerate(rows):
                if i:
                    table.rows[i].height = Inches(0.52)
                for j, value in enumerate(values):
                    cell = table.cell(i, j)
                    cell.margin_top = cell.margin_bottom = Inches(0.04)
                    cell.margin_left = cell.margin_right = Inches(0.05)
                    cell.text = str(value)
                    for p in cell.text_frame.paragraphs:
                        if j:
                            p.alignment = 3  # right
                        for r in p.runs:
                            r.font.size = Pt(TABLE_PT)
                            r.font.bold = i == 0 or j == len(values) - 1

    units = _units(m, code)
    unit_slides(units[0])
    if code == meeting.ALL and m.areas:
        table_slides()
    for unit in units[1:]:
        unit_slides(unit)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


__all__ = ["pdf", "pptx", "filename", "header_lines", "chart_png", "stop_image_server"]
