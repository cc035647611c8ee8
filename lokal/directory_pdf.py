"""The offer directory as a printable A4 PDF: one page per area when it fits, the kommune on several.

Built from a :class:`lokal.directory.Directory` with fpdf2 (as the meeting handouts are), A4 portrait,
every text at 10 pt or more so it reads on paper at a GP's desk or on a staff room's notice board.
An area's page: the window, what runs now, what starts, and whom to call. The kommune's directory
runs the areas one after another and ends with the areas that have nothing in the window. Danish or
English; Danish dates. Pure: no Streamlit.
"""

from __future__ import annotations

from pathlib import Path

from lokal import directory as dr
from lokal import i18n

BODY_PT = 10.0  # the smallest text on the page
LINE_MM = 4.8  # a 10 pt line
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_LATIN1 = str.maketrans({"–": "-", "—": "-", "·": "-", "’": "'", "…": "...", "•": "-"})


def _font_files() -> tuple[Path, Path] | None:
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


def pdf(d: dr.Directory, lang: str = "da") -> bytes:
    """The directory as PDF bytes (see the module docstring for the layout)."""
    from fpdf import FPDF

    t = lambda s: i18n.t(s, lang)  # noqa: E731
    fonts = _font_files()
    family = "DejaVu" if fonts else "Helvetica"

    def txt(s: str) -> str:
        # Without DejaVu (a Unicode font) fall back to a core font and Latin-1 text.
        return s if fonts else s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    made = i18n.fmt_date(d.made, lang)

    class Directory(FPDF):
        def footer(self):
            self.set_y(-14)
            self.set_font(family, "", BODY_PT)
            self.set_text_color(60, 60, 60)
            left = " · ".join(x for x in (t("Lavet med Lokal"), d.kommune_name, t("Demodata") if d.is_demo else None,
                                          t("Udskrevet {day}").format(day=made)) if x)
            self.cell(0, 5, txt(left), align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, txt(t("Side {n} af {total}").format(n=self.page_no(), total="{nb}")), align="R")

    doc = Directory(orientation="P", unit="mm", format="A4")
    if fonts:
        doc.add_font(family, "", str(fonts[0]))
        doc.add_font(family, "B", str(fonts[1]))
    doc.set_title(txt(f"{dr.title(d, lang)} – {dr.window_text(d.window, lang)}"))
    doc.set_author(txt(d.kommune_name or "Lokal"))
    doc.set_creator("Lokal")
    doc.set_lang("da-DK" if lang == "da" else "en-GB")
    doc.set_margins(16, 14, 16)
    doc.set_auto_page_break(True, margin=18)

    def para(text: str, size: float = BODY_PT, *, bold: bool = False, height: float = LINE_MM,
             grey: bool = False) -> None:
        doc.set_font(family, "B" if bold else "", size)
        doc.set_text_color(*((60, 60, 60) if grey else (17, 17, 17)))
        doc.multi_cell(0, height, txt(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def labelled(label: str, value: str, indent: float = 4, own_line: float = 0.45) -> None:
        """'Sted: …' with the label in bold and the value wrapping under itself."""
        doc.set_x(doc.l_margin + indent)
        doc.set_font(family, "B", BODY_PT)
        doc.set_text_color(17, 17, 17)
        width = doc.get_string_width(txt(label)) + 1.5
        if width > doc.epw * own_line:  # a long label (an organisation's name) stands on its own line
            doc.multi_cell(0, LINE_MM, txt(label), align="L", new_x="LMARGIN", new_y="NEXT")
            doc.set_x(doc.l_margin + indent + 4)
        else:
            doc.cell(width, LINE_MM, txt(label))
        doc.set_font(family, "", BODY_PT)
        doc.multi_cell(0, LINE_MM, txt(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def offer_block(o: dr.Offer) -> None:
        lines = 2 + sum(1 for x in (dr.venue_text(o), o.target_group, o.signup_text) if x)
        if doc.get_y() + lines * LINE_MM + 6 > doc.page_break_trigger:
            doc.add_page()
        para(o.title, 11, bold=True, height=5.6)
        doc.set_x(doc.l_margin + 4)
        doc.set_font(family, "", BODY_PT)
        doc.multi_cell(0, LINE_MM, txt(dr.line_text(o, lang)), align="L", new_x="LMARGIN", new_y="NEXT")
        if dr.venue_text(o):
            labelled(t("Sted:"), dr.venue_text(o))
        if o.target_group:
            labelled(t("For hvem:"), o.target_group)
        if o.signup_text:
            labelled(t("Tilmelding og henvisning:"), o.signup_text)
        if o.partner_name:
            labelled(t("Arrangør:"), o.partner_name)
        doc.ln(2.2)

    def heading(text: str, size: float = 12.5) -> None:
        if doc.get_y() + 20 > doc.page_break_trigger:
            doc.add_page()
        doc.ln(1)
        para(text, size, bold=True, height=6.5)
        doc.set_draw_color(150, 160, 170)
        doc.line(doc.l_margin, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
        doc.ln(1.5)

    def subheading(text: str) -> None:
        if doc.get_y() + 18 > doc.page_break_trigger:  # never a heading alone at the foot of a page
            doc.add_page()
        para(text, 11.5, bold=True, height=6)

    def area_section(a: dr.AreaDirectory, own_page: bool) -> None:
        if not own_page:
            heading(a.name, 14)
        if not a.offers:
            para(t("Ingen tilbud i perioden i {area}. Kontakt koordinatoren for at høre om kommende tilbud.")
                 .format(area=a.name))
        for label, offers in ((t("Kører nu"), a.current), (t("Starter i perioden"), a.upcoming)):
            if not offers:
                continue
            if own_page:
                heading(label)
            else:
                subheading(label)
            for o in offers:
                offer_block(o)
        if a.contacts:
            if own_page:
                heading(t("Kontakter"))
            else:
                subheading(t("Kontakter"))
            for c in a.contacts:
                labelled(dr.contact_who(c, lang) + ":", dr.contact_how(c) or "–", indent=0, own_line=0.25)
            doc.ln(1)

    doc.add_page()
    para(dr.title(d, lang), 19, bold=True, height=9)
    para(" · ".join(x for x in (d.kommune_name, dr.window_text(d.window, lang)) if x), 11, grey=True, height=5.6)
    doc.ln(1)
    para(t("Sundhedstilbud og lokale aktiviteter, som borgere kan henvises til eller selv møde op til. "
           "Oversigten rummer ingen oplysninger om deltagere."), grey=True)
    if d.is_demo:
        doc.ln(1)
        doc.set_fill_color(255, 228, 181)
        doc.set_font(family, "B", BODY_PT)
        doc.set_text_color(17, 17, 17)
        doc.multi_cell(0, 5.5, txt(t("Demodata: tilbud, adresser og kontakter er opdigtede.")), fill=True,
                       padding=(1, 2), new_x="LMARGIN", new_y="NEXT")
        doc.set_fill_color(255, 255, 255)
    doc.ln(1)
    if d.code != dr.ALL:
        if d.areas:
            area_section(d.areas[0], own_page=True)
    else:
        if not d.with_offers:
            para(t("Ingen tilbud i perioden."))
        for a in d.with_offers:
            area_section(a, own_page=False)
        if d.without_offers and d.with_offers:
            heading(t("Områder uden tilbud i perioden"))
            para(", ".join(a.name for a in d.without_offers))
    return bytes(doc.output())
