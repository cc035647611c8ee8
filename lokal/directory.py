"""The offer directory (Tilbudsoversigt): what runs in an area, or in the kommune, in a window of time.

For GPs and frontline staff who refer citizens (issue 16): per area the offers that run now or start
in the window, with type, dates, weekday and time, venue and address, who it is for and how to sign up
or refer, and the area's contact people (its coordinator and the local partners' contacts). It holds no
person data about participants: offers and staff or organisation contacts only, so every role may read it.

The rules, in one place:

* An offer is **current** when it is running or planned (status igangværende or planlagt), started on
  or before the window's first day and is active on or after it (``offer_facts.active_end``: a running
  offer without an end date runs until further notice). It is **upcoming** when it starts inside the
  window. Finished offers (gennemført) are over.
* Cancelled offers (aflyst) never appear. Postponed offers (udskudt) are left out too: a postponed
  offer has no date to refer to, and a GP should not send a patient to something that is not held.
  It comes back when the coordinator gives it its new date and sets it to planlagt again.
* The window starts today, on the real calendar (a GP asks "what runs next month?"), except in the
  demo, whose invented offers are dated around its data date (:func:`reference_day`).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import duckdb

from lokal import db, i18n

ALL = "*"  # the whole kommune (or every kommune in the database)
WINDOWS = ("naeste_2_maaneder", "naeste_maaned", "denne_maaned", "naeste_3_maaneder")
DEFAULT_WINDOW = "naeste_2_maaneder"
OPEN_END = date(9999, 12, 31)  # offer_facts' active_end of a running offer without an end date
MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")

OFFERS = """
SELECT a.code AS area_code, o.id, o.title, t.name AS type_name, o.category, o.status, o.start_date, o.end_date,
       o.active_end, o.schedule_text, o.venue_name, o.venue_address, o.target_group, o.signup_text,
       pa.name AS partner_name, pa.contact_name AS partner_contact, pa.contact_phone AS partner_phone,
       pa.contact_email AS partner_email, pa.kind AS partner_kind
FROM offer_facts o
JOIN areas a ON a.id = o.area_id
JOIN offer_types t ON t.id = o.offer_type_id
LEFT JOIN live_partners pa ON pa.id = o.partner_id
WHERE o.status IN ('igangværende', 'planlagt')
  AND o.start_date <= $end AND o.active_end >= $start
  AND ($code IS NULL OR a.code = $code)
  AND ($kommune IS NULL OR a.kommunekode = $kommune)
  AND ($category IS NULL OR o.category = $category)
ORDER BY a.name, o.start_date > $start, o.start_date, o.title
"""

AREAS = """
SELECT code, name, kommunekode, coordinator_name, coordinator_phone, coordinator_email
FROM areas
WHERE ($code IS NULL OR code = $code) AND ($kommune IS NULL OR kommunekode = $kommune)
ORDER BY name
"""

# An area's local partners with a contact (a name, phone or e-mail), besides those of its offers.
PARTNER_CONTACTS = """
SELECT a.code AS area_code, p.name, p.kind, p.contact_name, p.contact_phone, p.contact_email
FROM live_partners p JOIN areas a ON a.id = p.area_id
WHERE (p.contact_name IS NOT NULL OR p.contact_phone IS NOT NULL OR p.contact_email IS NOT NULL)
  AND ($code IS NULL OR a.code = $code) AND ($kommune IS NULL OR a.kommunekode = $kommune)
ORDER BY a.name, p.name
"""


@dataclass(frozen=True)
class Window:
    """A closed date interval the directory covers, and the choice it came from."""

    choice: str
    start: date
    end: date


@dataclass(frozen=True)
class Offer:
    title: str
    type_name: str
    category: str
    status: str
    upcoming: bool  # starts inside the window (else it runs already)
    start_date: date
    end_date: date | None  # None: runs until further notice
    schedule_text: str | None
    venue_name: str | None
    venue_address: str | None
    target_group: str | None
    signup_text: str | None
    partner_name: str | None


@dataclass(frozen=True)
class Contact:
    """A staff or organisation contact (never a participant): the area's coordinator or a partner's person."""

    role: str  # 'koordinator' or the partner's kind (samråd, forening, …)
    organisation: str | None
    name: str | None
    phone: str | None
    email: str | None


@dataclass
class AreaDirectory:
    code: str
    name: str
    offers: list[Offer] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    @property
    def current(self) -> list[Offer]:
        return [o for o in self.offers if not o.upcoming]

    @property
    def upcoming(self) -> list[Offer]:
        return [o for o in self.offers if o.upcoming]


@dataclass
class Directory:
    window: Window
    areas: list[AreaDirectory]
    code: str  # ALL or one area's code
    kommune_name: str | None
    is_demo: bool
    made: date  # the reference day the window was counted from

    @property
    def offer_count(self) -> int:
        return sum(len(a.offers) for a in self.areas)

    @property
    def with_offers(self) -> list[AreaDirectory]:
        return [a for a in self.areas if a.offers]

    @property
    def without_offers(self) -> list[AreaDirectory]:
        return [a for a in self.areas if not a.offers]


def reference_day(con: duckdb.DuckDBPyConnection, today: date | None = None) -> date:
    """The day the window counts from: today (a GP needs the real calendar), or in the demo its data date."""
    if db.is_demo(con):
        value = db.get_meta(con, "data_date")
        if value:
            return date.fromisoformat(value)
    return today or date.today()


def _add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def window(choice: str, day: date) -> Window:
    """The window a choice means, counted from ``day``: the next two or three months, the rest of this
    month, or the whole next calendar month."""
    if choice == "naeste_2_maaneder":
        return Window(choice, day, _add_months(day, 2))
    if choice == "naeste_3_maaneder":
        return Window(choice, day, _add_months(day, 3))
    if choice == "denne_maaned":
        return Window(choice, day, date(day.year, day.month, calendar.monthrange(day.year, day.month)[1]))
    if choice == "naeste_maaned":
        first = _add_months(date(day.year, day.month, 1), 1)
        return Window(choice, first, date(first.year, first.month, calendar.monthrange(first.year, first.month)[1]))
    raise KeyError(f"Ukendt periode: {choice!r}")


def month_name(d: date, lang: str = "da") -> str:
    """'december 2026' / 'December 2026'."""
    return f"{(MONTHS_DA if lang == 'da' else MONTHS_EN)[d.month - 1]} {d.year}"


def window_choice_text(choice: str, day: date, lang: str = "da") -> str:
    """The label of a window choice in the picker: 'Næste måned (december 2026)'."""
    if choice == "naeste_maaned":
        return f"{i18n.t('Næste måned', lang)} ({month_name(window(choice, day).start, lang)})"
    return i18n.t({"naeste_2_maaneder": "De næste 2 måneder", "naeste_3_maaneder": "De næste 3 måneder",
                   "denne_maaned": "Resten af denne måned"}[choice], lang)


def window_text(w: Window, lang: str = "da") -> str:
    """'December 2026 (01-12-2026–31-12-2026)' for a calendar month, else '23-11-2026–23-01-2027'."""
    span = f"{i18n.fmt_date(w.start, lang)}–{i18n.fmt_date(w.end, lang)}"
    if w.choice == "naeste_maaned":
        name = month_name(w.start, lang)
        return f"{name[:1].upper()}{name[1:]} ({span})"
    return span


def build(con: duckdb.DuckDBPyConnection, w: Window, code: str = ALL, kommune: str | None = None,
          category: str | None = None, made: date | None = None) -> Directory:
    """The directory for one area (``code``) or every area (of one kommune, or all): each area's offers
    in the window (current first, then upcoming by start; municipal or civil-society ones only with
    ``category``) and its contacts."""
    params = {"code": None if code == ALL else code, "kommune": kommune}
    areas: dict[str, AreaDirectory] = {}
    for area_code, name, _kommune, coordinator, phone, email in con.execute(AREAS, params).fetchall():
        areas[area_code] = AreaDirectory(area_code, name)
        if coordinator or phone or email:
            areas[area_code].contacts.append(Contact("koordinator", None, coordinator, phone, email))
    seen: dict[str, set[str]] = {c: set() for c in areas}
    cur = con.execute(OFFERS, {**params, "start": w.start, "end": w.end, "category": category})
    names = [d[0] for d in cur.description]
    for row in cur.fetchall():
        r = dict(zip(names, row))
        area = areas.get(r["area_code"])
        if area is None:
            continue
        area.offers.append(Offer(
            title=r["title"], type_name=r["type_name"], category=r["category"], status=r["status"],
            upcoming=r["start_date"] > w.start, start_date=r["start_date"],
            end_date=None if r["active_end"] == OPEN_END else r["active_end"],
            schedule_text=r["schedule_text"], venue_name=r["venue_name"], venue_address=r["venue_address"],
            target_group=r["target_group"], signup_text=r["signup_text"], partner_name=r["partner_name"]))
        # A partner that co-organises an offer here is a contact of the area, even a kommune-wide one.
        if r["partner_name"] and (r["partner_contact"] or r["partner_phone"] or r["partner_email"]) \
                and r["partner_name"] not in seen[area.code]:
            seen[area.code].add(r["partner_name"])
            area.contacts.append(Contact(r["partner_kind"], r["partner_name"], r["partner_contact"],
                                         r["partner_phone"], r["partner_email"]))
    for r in con.execute(PARTNER_CONTACTS, params).fetchall():
        area = areas.get(r[0])
        if area is not None and r[1] not in seen[area.code]:
            seen[area.code].add(r[1])
            area.contacts.append(Contact(r[2], r[1], r[3], r[4], r[5]))
    kommuner = con.execute("SELECT code, name FROM kommuner WHERE deleted_at IS NULL ORDER BY code").fetchall()
    kommune_name = dict(kommuner).get(kommune) if kommune else (
        kommuner[0][1] if len(kommuner) == 1 else db.get_meta(con, "kommune_name"))
    return Directory(w, list(areas.values()), code, kommune_name, db.is_demo(con), made or reference_day(con))


def when_text(o: Offer, lang: str = "da") -> str:
    """When an offer runs, for a reader who refers someone: 'starter 11-01-2027, slutter 15-03-2027',
    'til 04-01-2027', 'løbende' (no end date), 'den 04-01-2027' (one day)."""
    d = lambda x: i18n.fmt_date(x, lang)  # noqa: E731
    if o.end_date is not None and o.end_date == o.start_date:
        return i18n.t("den {day}", lang).format(day=d(o.start_date))
    if o.upcoming:
        text = i18n.t("starter {day}", lang).format(day=d(o.start_date))
        return text + (i18n.t(", slutter {day}", lang).format(day=d(o.end_date)) if o.end_date else
                       i18n.t(", løbende", lang))
    if o.end_date is None:
        return i18n.t("løbende", lang)
    return i18n.t("til {day}", lang).format(day=d(o.end_date))


def line_text(o: Offer, lang: str = "da") -> str:
    """The offer's type, weekday and time, and dates on one line:
    'Livsstilskursus (kommunalt tilbud) · mandage kl. 17–19 · til 04-01-2027'."""
    return " · ".join(x for x in (type_text(o, lang), o.schedule_text, when_text(o, lang)) if x)


def venue_text(o: Offer) -> str:
    """The venue and its address: 'Medborgerhuset i Vadum, Vadum Kirkevej 10, 9430 Vadum'."""
    return ", ".join(x for x in (o.venue_name, o.venue_address) if x)


def type_text(o: Offer, lang: str = "da") -> str:
    """'Livsstilskursus (kommunalt tilbud)' / 'Yoga (civilsamfundsaktivitet)'."""
    kind = i18n.t("kommunalt tilbud" if o.category == "kommunalt" else "civilsamfundsaktivitet", lang)
    return f"{o.type_name} ({kind})"


def contact_who(c: Contact, lang: str = "da") -> str:
    """'Koordinator' or 'Vadum Samråd (samråd)'."""
    return i18n.t("Koordinator", lang) if c.role == "koordinator" else f"{c.organisation} ({i18n.t(c.role, lang)})"


def contact_how(c: Contact) -> str:
    """'Mette Sørensen · 99 31 20 00 · mette@aalborg.dk'."""
    return " · ".join(x for x in (c.name, c.phone, c.email) if x)


def contact_text(c: Contact, lang: str = "da") -> str:
    """'Koordinator: Mette Sørensen · 99 31 20 00 · mette@aalborg.dk'."""
    how = contact_how(c)
    return f"{contact_who(c, lang)}: {how}" if how else contact_who(c, lang)


def slug(text: str) -> str:
    """A file-name part: 'Aalborg Øst' → 'aalborg-oest', 'Nørresundby' → 'noerresundby'."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "omraade"


def filename(d: Directory) -> str:
    """'tilbudsoversigt-vadum-2026-12.pdf' (an area), 'tilbudsoversigt-aalborg-kommune-2026-12.pdf' (all)."""
    name = (d.kommune_name or "kommunen") if d.code == ALL else (d.areas[0].name if d.areas else d.code)
    what = slug(name)
    return f"tilbudsoversigt-{what}-{d.window.start:%Y-%m}.pdf"


def title(d: Directory, lang: str = "da") -> str:
    """'Tilbudsoversigt · Vadum' / 'Offer directory · Aalborg Kommune'."""
    where = d.areas[0].name if d.code != ALL and d.areas else (d.kommune_name or i18n.t("Alle områder", lang))
    return f"{i18n.t('Tilbudsoversigt', lang)} · {where}"


AREA_CONTACT = """
SELECT id, version, code, name, coordinator_name, coordinator_phone, coordinator_email FROM areas WHERE code = $code
"""


def area_contact(con: duckdb.DuckDBPyConnection, code: str) -> dict | None:
    """An area's own contact as a record to edit (id, version and the coordinator's fields)."""
    cur = con.execute(AREA_CONTACT, {"code": code})
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row))
