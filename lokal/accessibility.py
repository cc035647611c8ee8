"""The accessibility statement (tilgængelighedserklæring) that Danish public-sector web solutions must
publish, under the headings of the Agency for Digital Government's template (was.digst.dk).

The statement says what Lokal meets and what it does not yet, as found in its own tests (axe-core in
Chromium on every page, WCAG 2.1 A/AA, the language walk, the width checks) and in manual review. A
kommune publishing Lokal fills in its own name and contact (``LOKAL_TILGAENGELIGHED_KONTAKT``).
"""

from __future__ import annotations

import os

# The date of the latest review of the statement against the app (day-month-year on the page).
REVIEWED = "2026-12-02"
CONTACT_ENV = "LOKAL_TILGAENGELIGHED_KONTAKT"
COMPLAINTS_URL = "https://was.digst.dk"

_DA = [
    ("Tilgængelighedserklæring for Lokal", [
        "{org} forpligter sig til at gøre Lokal tilgængelig i overensstemmelse med lov om tilgængelighed af "
        "offentlige organers websteder og mobilapplikationer. Denne tilgængelighedserklæring gælder for Lokal, "
        "kommunens værktøj til de lokale sundhedsindsatser (alle sider og de hentede PDF- og PowerPoint-filer).",
    ]),
    ("Overholdelsesstatus", [
        "Lokal er delvist i overensstemmelse med WCAG 2.1 niveau AA (EN 301 549) på grund af de manglende "
        "overholdelser, der er nævnt nedenfor.",
    ]),
    ("Indhold, der ikke er tilgængeligt", [
        "**Manglende overholdelse af lovgivningen.**",
        "- Datovælgeren (kalenderen i formularerne) bruger engelske måneds- og ugedagsnavne og kan ikke "
        "oversættes fra Lokal; datoen kan altid skrives direkte i feltet (dd-mm-åååå).",
        "- Tabellerne, der kan sorteres og redigeres, tegnes af Streamlit som et gitter, som skærmlæsere kun delvist "
        "kan læse op. Alle tal kan også hentes som CSV eller Excel, og hver figur har en tabel eller tekst ved siden af.",
        "- Områdekortet er et billede med links; områderne kan ikke nås med tabulatortasten. Tabellen under kortet "
        "og områdevælgeren på siden Område giver de samme tal og links.",
        "- PDF-udleveringerne er ikke mærkede (tagged) PDF-filer; de samme tal og sætninger står på siden Møde.",
        "**Uforholdsmæssig stor byrde.** Lokal påberåber sig ikke uforholdsmæssig stor byrde.",
        "**Indhold, der ikke er omfattet af lovgivningen.** Filer, som brugerne selv importerer (GeoJSON, CSV, Excel).",
    ]),
    ("Udarbejdelse af denne tilgængelighedserklæring", [
        "Erklæringen er udarbejdet {reviewed} på grundlag af en selvevaluering: automatiske test med axe-core "
        "(WCAG 2.1 A og AA) på hver side i Chromium, kontrol af hver side ved 390, 1.024 og 1.280 pixels bredde på "
        "dansk og engelsk, og en gennemgang med tastatur og skærmbilleder. Erklæringen gennemgås, når Lokal ændres.",
    ]),
    ("Feedback og kontaktoplysninger", [
        "Oplever du problemer med tilgængeligheden, eller har du brug for indholdet i en anden form, så kontakt "
        "{contact}. Vi svarer inden for 14 dage.",
    ]),
    ("Håndhævelsesprocedure", [
        "Du kan klage til Digitaliseringsstyrelsen, hvis du mener, at Lokal ikke lever op til lovens krav, eller hvis "
        "du ikke har fået et tilfredsstillende svar på en henvendelse om tilgængelighed. Klagen indgives via "
        f"[was.digst.dk]({COMPLAINTS_URL}).",
    ]),
]

_EN = [
    ("Accessibility statement for Lokal", [
        "{org} is committed to making Lokal accessible in accordance with the Danish act on the accessibility of "
        "public sector bodies' websites and mobile applications. This statement applies to Lokal, the kommune's tool "
        "for its local health initiatives (every page and the downloaded PDF and PowerPoint files).",
    ]),
    ("Compliance status", [
        "Lokal is partially compliant with WCAG 2.1 level AA (EN 301 549) due to the non-compliances listed below.",
    ]),
    ("Non-accessible content", [
        "**Non-compliance with the legislation.**",
        "- The date picker (the calendar in the forms) uses English month and weekday names and cannot be "
        "translated from Lokal; a date can always be typed into the field (dd-mm-yyyy).",
        "- The sortable and editable tables are drawn by Streamlit as a grid that screen readers read only in part. "
        "Every figure can also be downloaded as CSV or Excel, and every chart has a table or text beside it.",
        "- The area map is an image with links; the areas cannot be reached with the Tab key. The table below the "
        "map and the area chooser on the Area page give the same figures and links.",
        "- The PDF handouts are not tagged PDF files; the same figures and sentences are on the Meeting page.",
        "**Disproportionate burden.** Lokal does not claim a disproportionate burden.",
        "**Content outside the scope of the legislation.** Files that users import themselves (GeoJSON, CSV, Excel).",
    ]),
    ("Preparation of this accessibility statement", [
        "The statement was prepared on {reviewed} on the basis of a self-assessment: automatic tests with axe-core "
        "(WCAG 2.1 A and AA) on every page in Chromium, a check of every page at 390, 1,024 and 1,280 pixels wide in "
        "Danish and English, and a review with the keyboard and screenshots. It is reviewed when Lokal changes.",
    ]),
    ("Feedback and contact information", [
        "If you meet accessibility problems or need the content in another form, contact {contact}. "
        "We answer within 14 days.",
    ]),
    ("Enforcement procedure", [
        "You can complain to the Agency for Digital Government (Digitaliseringsstyrelsen) if you think Lokal does "
        "not meet the law's requirements, or if you have not had a satisfactory answer to an enquiry about "
        f"accessibility. Complaints are made at [was.digst.dk]({COMPLAINTS_URL}).",
    ]),
]

# The template's headings, in order (a test checks the statement keeps them).
HEADINGS_DA = tuple(h for h, _ in _DA[1:])


def contact(lang: str = "da") -> str:
    """Who to contact: the kommune's address from ``LOKAL_TILGAENGELIGHED_KONTAKT``, else its web officer."""
    given = os.environ.get(CONTACT_ENV, "").strip()
    if given:
        return given
    return "kommunens webansvarlige" if lang == "da" else "the kommune's web officer"


def statement(lang: str, org: str | None, reviewed: str) -> list[tuple[str, list[str]]]:
    """The statement's sections (heading, paragraphs in Markdown) in ``lang``; ``org`` names the kommune(s)
    and ``reviewed`` is the review date as the page writes dates."""
    body = _DA if lang == "da" else _EN
    who = org or ("Kommunen" if lang == "da" else "The kommune")
    fill = {"org": who, "contact": contact(lang), "reviewed": reviewed}
    return [(h, [p.format(**fill) for p in ps]) for h, ps in body]
