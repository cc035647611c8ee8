"""Language: the Danish→English catalogue and Danish/English number and date formats.

Danish is the source language: UI code writes Danish text and calls ``t(text, lang)``; the
catalogue gives the English. A test checks that every text passed to ``t`` in the code has
an English entry. Formats follow PRODUCT.md: 1.234,5 and 23-11-2026 in Danish.
"""

from __future__ import annotations

import math
from datetime import date, datetime

LANGS = ("da", "en")

EN: dict[str, str] = {
    # Frame and navigation
    "Oversigt": "Overview",
    "Kort": "Map",
    "Område": "Area",
    "Indikatorer": "Indicators",
    "Sprog": "Language",
    "Filtre": "Filters",
    "Fra kvartal": "From quarter",
    "Til kvartal": "To quarter",
    "Områder": "Areas",
    "Alle områder": "All areas",
    "Fokusområder": "Focus areas",
    "Tilbudstype": "Offer category",
    "Alle tilbud": "All offers",
    "Kommunale tilbud": "Municipal offers",
    "Civilsamfundsaktiviteter": "Civil-society activities",
    "Demodata": "Demo data",
    "Data til og med": "Data up to",
    "Periode": "Period",
    "Lokale sundhedsindsatser": "Local health initiatives",
    "Bygger demodata første gang …": "Building demo data for the first time …",
    "Databasen bruges af et andet program lige nu. Prøv igen om lidt.":
        "The database is in use by another program right now. Try again in a moment.",
    "Prøv igen": "Try again",
    # Empty state
    "Der er ingen data endnu": "There is no data yet",
    "Databasen er tom. Hent demodata med `python -m lokal demo`, eller importér jeres egne områder "
    "og aktiviteter, når importen er på plads.":
        "The database is empty. Load demo data with `python -m lokal demo`, or import your own areas "
        "and activities once importing is available.",
    # Groups
    "Udbudskapacitet": "Offer capacity",
    "Relationel kapacitet": "Relational capacity",
    "Vidensmæssig kapacitet": "Knowledge capacity",
    "Deltagelse": "Participation",
    "Behov": "Need",
    # Comparison
    "bedre": "better",
    "som": "similar",
    "dårligere": "worse",
    "Bedre end kommunen": "Better than the kommune",
    "Som kommunen": "Similar to the kommune",
    "Dårligere end kommunen": "Worse than the kommune",
    "Kan ikke vurderes": "Cannot be assessed",
    "Kommunen": "The kommune",
    "Kommunen i alt": "The kommune in total",
    "Sammenligning med kommunen": "Comparison with the kommune",
    # Overview
    "Nøgletal for kommunen": "Key figures for the kommune",
    "Nøgletal for fokusområderne": "Key figures for the focus areas",
    "De tre kapaciteter pr. område": "The three capacities by area",
    "Farven viser, om området ligger bedre, som eller dårligere end kommunen (95 %-sikkerhedsinterval); "
    "tallet er områdets værdi.":
        "The colour shows whether the area is better than, similar to or worse than the kommune "
        "(95 % confidence interval); the number is the area's value.",
    "Udvikling pr. kvartal": "Trend by quarter",
    "Indikator": "Indicator",
    "Fokusområder mod øvrige områder": "Focus areas against other areas",
    "fokus": "focus",
    "øvrige": "others",
    "Behov og deltagelse": "Need and participation",
    "Områder med stort behov og lav deltagelse": "Areas with high need and low participation",
    "Stort behov, lav deltagelse": "High need, low participation",
    "Områder med et sundhedsbehov over kommunens og færre deltagere pr. 1.000 voksne end kommunen.":
        "Areas with a health need above the kommune's and fewer participants per 1,000 adults than the "
        "kommune.",
    "Ingen områder har både større behov og lavere deltagelse end kommunen i perioden.":
        "No area has both a greater need and lower participation than the kommune in the period.",
    "Rangering af områder": "Ranking of areas",
    "Sortér efter": "Sort by",
    "Vis som tabel": "Show as table",
    "Rang": "Rank",
    "Værdi": "Value",
    "Enhed": "Unit",
    "Fokusområde": "Focus area",
    "Voksne": "Adults",
    "Voksne 40–60 år": "Adults aged 40–60",
    "ja": "yes",
    "nej": "no",
    # Map
    "Klassedeling": "Classification",
    "Kvantiler": "Quantiles",
    "Lige store intervaller": "Equal intervals",
    "Vis mødesteder": "Show venues",
    "Signaturforklaring": "Legend",
    "Kortet viser": "The map shows",
    "Mødesteder vises som mørke prikker.": "Venues are shown as dark dots.",
    "Kortets tal som tabel": "The map's figures as a table",
    "Ingen data": "No data",
    # Area page
    "Vælg område": "Choose area",
    "Kapaciteter over tid mod mål": "Capacities over time against targets",
    "Mål": "Target",
    "Tilbud og aktiviteter": "Offers and activities",
    "Status": "Status",
    "Deltagelse og effekt": "Participation and outcome",
    "Tilmeldt": "Enrolled",
    "Gennemført": "Completed",
    "Effekt ved afslutning": "Outcome at end",
    "Effekt ved opfølgning": "Outcome at follow-up",
    "Rekrutteringskanaler": "Recruitment channels",
    "Tilmeldinger": "Enrolments",
    "Partnere og samarbejder": "Partners and collaborations",
    "Vidensaktiviteter": "Knowledge activities",
    "Sundhedsprofil mod kommunen": "Health profile against the kommune",
    "Seneste logbog": "Latest log entries",
    "Ingen poster i perioden.": "No entries in the period.",
    "Ingen tilmeldinger i perioden.": "No enrolments in the period.",
    "Ingen sundhedsprofil for området.": "No health profile for the area.",
    "Ingen mål sat for området.": "No targets set for the area.",
    "Andel af voksne (%)": "Share of adults (%)",
    "Antal": "Count",
    "Fokusperiode": "Focus period",
    "Intet fokusområde": "Not a focus area",
    "Måling": "Measurement",
    "År": "Year",
    # Tables
    "Titel": "Title",
    "Type": "Type",
    "Kategori": "Category",
    "Start": "Start",
    "Slut": "End",
    "Planlagte gange": "Planned sessions",
    "Afholdte gange": "Sessions held",
    "Fremmøde i alt": "Total attendance",
    "Pladser": "Seats",
    "Partner": "Partner",
    "Mødested": "Venue",
    "Rekruttering": "Recruitment",
    "Pris (kr.)": "Cost (DKK)",
    "Aktør": "Actor",
    "Aktørtype": "Actor type",
    "Samarbejde": "Collaboration",
    "Bæres af området": "Carried on by the area",
    "Dato": "Date",
    "Målgruppe": "Audience",
    "Deltagere": "Attendees",
    "Uddannet": "Trained",
    "Forfatter": "Author",
    "Tekst": "Text",
    "Kanal": "Channel",
    # Indicators page
    "Definitioner af alle indikatorer": "Definitions of all indicators",
    "Hver indikator er defineret ét sted og bruges ens på alle sider, kort og tabeller.":
        "Each indicator is defined in one place and used the same way on every page, map and table.",
    "Definition": "Definition",
    "Bedst når": "Better when",
    "højere": "higher",
    "lavere": "lower",
    "Id": "Id",
    "Beregning": "Calculation",
    "antal": "count",
    "andel": "share",
    "rate": "rate",
    "median": "median",
    "indeks": "index",
    "Sammenligning med kommunen: et område er bedre eller dårligere, når hele dets 95 %-"
    "sikkerhedsinterval ligger på den ene side af kommunens værdi (Wilson-interval for andele, "
    "Poisson-interval for rater og antal pr. voksen); medianer og indeks skal afvige mere end 10 %.":
        "Comparison with the kommune: an area is better or worse when its whole 95 % confidence "
        "interval lies on one side of the kommune's value (Wilson interval for shares, Poisson interval "
        "for rates and counts per adult); medians and indices must differ by more than 10 %.",
    # Statuses and categories (data values shown in the UI)
    "planlagt": "planned",
    "igangværende": "running",
    "gennemført": "completed",
    "aflyst": "cancelled",
    "udskudt": "postponed",
    "kommunalt": "municipal",
    "landsby": "village",
    "boligområde": "housing area",
    "bydel": "city district",
    "sogn": "parish",
    "andet": "other",
    "tilbud": "offer",
    "deltagelse": "participation",
    "samarbejde": "collaboration",
    "viden": "knowledge",
    "civilsamfund": "civil society",
    # --- Aktivitetslog (data entry, import, history) ---
    "Ingen ændringer registreret endnu.": "No changes recorded yet.",
    "Rettet": "Corrected",
    "Fremmødet var allerede registreret sådan; intet er ændret.": "That attendance was already recorded; nothing changed.",
    "Aktivitetslog": "Activity log",
    "Alle ændringer er gemt.": "All changes are saved.",
    "Decimaler med komma, fx 12,5": "Decimals with a comma, e.g. 12,5",
    'Der er ingen tilbud i området endnu. Opret et under »Ny post«.': 'There are no offers in the area yet. Create one under "New record".',
    "Din udgave": "Your version",
    "Dit navn": "Your name",
    "Felt": "Field",
    "Filen har fejl. Intet er importeret; ret rækkerne ovenfor og prøv igen.": "The file has errors. Nothing was imported; correct the rows above and try again.",
    "Fortryd min seneste ændring": "Undo my last change",
    "Fremmøde": "Attendance",
    "Fremmøde for flere gange": "Attendance for several sessions",
    "Gem": "Save",
    "Gem alle": "Save all",
    "Gem fremmøde": "Save attendance",
    "Gem trods advarsler": "Save despite warnings",
    "Gem ændringer": "Save changes",
    "Gemt": "Saved",
    "Gendan": "Restore",
    "Hent CSV": "Download CSV",
    "Hent Excel": "Download Excel",
    "Historik": "History",
    "Hurtig registrering": "Quick entry",
    "Import": "Import",
    "Importerer …": "Importing …",
    "Importér alt": "Import all",
    "Importér trods advarsler": "Import despite warnings",
    "Klar til import": "Ready to import",
    "Kolonner": "Columns",
    "Note": "Note",
    "Note (valgfri)": "Note (optional)",
    "Nu i databasen": "Now in the database",
    "Ny post": "New record",
    "Post": "Record",
    'Posten er slettet. Du kan gendanne den under »Vis slettede«.': 'The record is deleted. You can restore it under "Show deleted".',
    "Posten er slettet. Du kan gendanne den.": "The record is deleted. You can restore it.",
    "Postens historik": "The record's history",
    "Posttype": "Record type",
    "Ret eller slet": "Edit or delete",
    "Ret tallene, tilføj rækker for nye gange, eller slet rækker. Alt gemmes samlet.": "Correct the numbers, add rows for new sessions, or delete rows. Everything is saved together.",
    "Skabelon (CSV)": "Template (CSV)",
    "Skabelon (Excel)": "Template (Excel)",
    "Slet": "Delete",
    "Står i historikken ved hver ændring, du gemmer.": "Shown in the history next to every change you save.",
    'Sæt flueben i »Gem trods advarsler« for at gemme alligevel.': 'Tick "Save despite warnings" to save anyway.',
    "Tilbud": "Offer",
    "Valideringsrapport": "Validation report",
    "Vis slettede": "Show deleted",
    "Vælg en CSV- eller Excel-fil": "Choose a CSV or Excel file",
    "fremmødte": "attended",
    "opdateres": "to update",
    "rækker": "rows",
    "tegnsæt": "encoding",
    "uændrede": "unchanged",
    "Ændringerne er gemt.": "The changes are saved.",
    "oprettet": "created",
    "rettet": "edited",
    "slettet": "deleted",
    "gendannet": "restored",
    "importeret": "imported",
    "demodata": "demo data",
    "Tidspunkt": "Time",
    "Bruger": "User",
    "Handling": "Action",
    "Ændring": "Change",
    "Nr.": "No.",
    "Niveau": "Level",
    "Række": "Row",
    "fejl": "error",
    "advarsel": "warning",
    "nye": "new",
    "opdateret": "updated",
    "Besked": "Message",
    "Importeret": "Imported",
    # --- Møde (meeting mode, handouts, small-number protection) ---
    # --- Områder (area import, population, admin) ---
}


def t(text: str, lang: str = "da") -> str:
    """The text in the chosen language (Danish is the source; unknown texts are shown as they are)."""
    if lang == "da":
        return text
    return EN.get(text, text)


def fmt_num(value, decimals: int = 0, lang: str = "da") -> str:
    """1234.5 → '1.234,5' in Danish, '1,234.5' in English; missing → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_value(value, kind: str, lang: str = "da") -> str:
    """An indicator value with the decimals its kind calls for (counts whole, the rest one decimal)."""
    return fmt_num(value, 0 if kind == "count" else 1, lang)


def fmt_date(value, lang: str = "da") -> str:
    """23-11-2026 in Danish, 23 Nov 2026 in English; missing → ''."""
    if value is None or value != value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        value = date.fromisoformat(str(value)[:10])
    return value.strftime("%d-%m-%Y") if lang == "da" else value.strftime("%-d %b %Y")


def fmt_quarter(label: str, lang: str = "da") -> str:
    """'2025K3' → '2025K3' in Danish (kvartal), '2025 Q3' in English."""
    return label if lang == "da" else label.replace("K", " Q")


def fmt_period(first: str, last: str, lang: str = "da") -> str:
    """A quarter range for captions: '2024K1–2026K4' or '2024 Q1–2026 Q4'."""
    if first == last:
        return fmt_quarter(first, lang)
    return f"{fmt_quarter(first, lang)}–{fmt_quarter(last, lang)}"
