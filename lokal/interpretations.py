"""Interpretations: a leader's or coordinator's few sentences on an area (or the kommune) in a period.

They show beside the figures on Område and Møde and in the handouts, signed with the author and
the date. Writes go through :mod:`lokal.writes` (audited, versioned); who may write, edit and
remove is decided in :func:`lokal.access.check_write`. :func:`person_data_warning` warns (it does
not refuse) when a text looks like it holds person data: the council reads these texts and they go
into the meeting handouts. Pure: no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from lokal import filters as flt
from lokal import i18n, writes
from lokal import indicators as ind
from lokal.access import User

MAX_LENGTH = 1000
TABLE = "interpretations"
_LABEL = re.compile(r"^\d{4}(K[1-4])?$")

NOTES = """
SELECT i.id, i.version, i.kommunekode, a.code AS area_code, a.name AS area_name, i.period, i.indicator, i.body,
       i.author, coalesce(i.author_name, i.author) AS author_name, i.created_at, i.updated_at
FROM interpretations i LEFT JOIN areas a ON a.id = i.area_id
WHERE i.deleted_at IS NULL
  AND ($kommune IS NULL OR i.kommunekode = $kommune)
  AND (($whole AND i.area_id IS NULL) OR a.code IN (SELECT unnest($areas::VARCHAR[])))
  AND i.period IN (SELECT unnest($periods::VARCHAR[]))
  AND ($indicator IS NULL OR i.indicator = $indicator)
ORDER BY i.period DESC, a.code NULLS FIRST, i.created_at, i.id
"""
AREA = "SELECT id, kommunekode FROM areas WHERE code = ?"


@dataclass(frozen=True)
class Note:
    id: int
    version: int
    kommunekode: str
    area_code: str | None  # None: the kommune as a whole
    area_name: str | None
    period: str
    indicator: str | None
    body: str
    author: str
    author_name: str
    created_at: datetime
    updated_at: datetime | None


def notes(con: duckdb.DuckDBPyConnection, *, periods: list[str], areas: list[str] | tuple[str, ...] = (),
          kommune: str | None = None, whole: bool = False, indicator: str | None = None) -> list[Note]:
    """The live interpretations on these areas (and on the kommune as a whole when ``whole``) in these
    periods, newest period first, the kommune's before the areas'."""
    cur = con.execute(NOTES, {"kommune": kommune, "whole": whole, "areas": list(areas), "periods": list(periods),
                              "indicator": indicator})
    return [Note(*row) for row in cur.fetchall()]


def periods_in(first: str, last: str) -> list[str]:
    """The period labels a quarter range covers: its quarters and the calendar years it touches."""
    quarters = [q.label for q in flt.quarters_between(first, last)]
    years = sorted({q[:4] for q in quarters})
    return [*years, *quarters]


def signature(note: Note, lang: str = "da") -> str:
    """'— Anne Jensen, 12-01-2027' (with 'rettet' and the date of the last edit when it was edited)."""
    text = f"— {note.author_name}, {i18n.fmt_date(note.created_at, lang)}"
    if note.updated_at is not None:
        text += f" ({i18n.t('rettet', lang)} {i18n.fmt_date(note.updated_at, lang)})"
    return text


def about(note: Note, lang: str = "da") -> str:
    """What the text is about: the period, and the indicator when it is on one."""
    parts = [i18n.fmt_quarter(note.period, lang)]
    if note.indicator:
        parts.append(indicator_name(note.indicator, lang))
    return " · ".join(parts)


def indicator_name(indicator_id: str, lang: str = "da") -> str:
    try:
        return ind.get(indicator_id).name(lang)
    except KeyError:
        return indicator_id


def handout_lines(con: duckdb.DuckDBPyConnection, period: str, unit_codes: list[str], *, kommune: str | None = None,
                  lang: str = "da") -> dict[str, list[str]]:
    """The interpretations for a meeting's handouts: unit code (an area code, or ``meeting.ALL`` for the
    kommune as a whole) → lines of text ('2025 · indicator: text — author, date')."""
    from lokal.meeting import ALL

    areas = [c for c in unit_codes if c != ALL]
    out: dict[str, list[str]] = {}
    for note in notes(con, periods=[period], areas=areas, kommune=kommune, whole=ALL in unit_codes):
        out.setdefault(note.area_code or ALL, []).append(f"{about(note, lang)}: {note.body} {signature(note, lang)}")
    return out


# --- who may do what (the page's view of lokal.access; the write path decides) -----------------


def may_write(user: User | str) -> bool:
    return not isinstance(user, User) or user.role in ("admin", "leder", "koordinator")


def may_write_in(user: User | str, area_code: str | None) -> bool:
    """Whether ``user`` may write on this area (None: the kommune as a whole)."""
    if not may_write(user) or not isinstance(user, User) or user.role != "koordinator":
        return may_write(user)
    return area_code is not None and user.has_area(area_code)


def may_edit(user: User | str, note: Note) -> bool:
    return isinstance(user, User) and user.id == note.author and may_write_in(user, note.area_code)


def may_remove(user: User | str) -> bool:
    return not isinstance(user, User) or user.role == "admin"


# --- writes --------------------------------------------------------------------------------------


def _clean(body: str, period: str, indicator: str | None) -> dict:
    body = (body or "").strip()
    if not body:
        raise writes.WriteError("Skriv en tekst, før du gemmer.")
    if len(body) > MAX_LENGTH:
        raise writes.WriteError(f"Teksten er {len(body)} tegn; en fortolkning må højst være {MAX_LENGTH} tegn. "
                                "Intet er gemt.")
    if not _LABEL.match(period or ""):
        raise writes.WriteError(f"Perioden {period!r} findes ikke; vælg et år eller et kvartal. Intet er gemt.")
    if indicator:
        try:
            ind.get(indicator)
        except KeyError:
            raise writes.WriteError(f"Indikatoren {indicator!r} findes ikke. Intet er gemt.") from None
    return {"body": body, "period": period, "indicator": indicator or None}


def write(con: duckdb.DuckDBPyConnection, user: User | str, *, period: str, body: str, area_code: str | None = None,
          kommune: str | None = None, indicator: str | None = None) -> int:
    """Save a new interpretation on an area (or, with ``kommune`` and no area, on the kommune as a
    whole); the author is the user. Returns its id."""
    values = _clean(body, period, indicator)
    area_id = None
    if area_code is not None:
        row = con.execute(AREA, [area_code]).fetchone()
        if row is None:
            raise writes.WriteError(f"Området {area_code!r} findes ikke. Intet er gemt.")
        area_id, kommune = row
    if not kommune:
        raise writes.WriteError("Vælg et område eller en kommune. Intet er gemt.")
    author = user.id if isinstance(user, User) else user
    name = user.name if isinstance(user, User) else user
    return writes.insert(con, TABLE, {"kommunekode": kommune, "area_id": area_id, **values, "author": author,
                                      "author_name": name}, user)


def edit(con: duckdb.DuckDBPyConnection, user: User | str, note_id: int, version: int, *, body: str, period: str,
         indicator: str | None = None) -> int:
    """Change the text (and period, indicator) of one's own interpretation; returns the new version."""
    values = {**_clean(body, period, indicator), "updated_at": datetime.now()}
    return writes.update(con, TABLE, note_id, values, version, user)


def remove(con: duckdb.DuckDBPyConnection, user: User | str, note_id: int, version: int) -> int:
    """Remove an interpretation (an admin's; soft delete, so it can be restored)."""
    return writes.delete(con, TABLE, note_id, version, user)


# --- person data -----------------------------------------------------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The most common Danish first names (Danmarks Statistik's lists, women and men), and some common
# surnames. A first name followed by a capitalised word, a capitalised word followed by a common
# surname, or a first name alone, looks like a person.
FIRST_NAMES = _words("""
Anne Kirsten Mette Hanne Anna Helle Susanne Lene Maria Marianne Lone Camilla Pia Louise Charlotte Inge Tina Bente
Gitte Karen Jette Ida Emma Julie Sofie Christina Birgitte Dorte Lis Rikke Ulla Lisbeth Maja Laura Caroline Jytte
Ruth Nina Tanja Katrine Anja Annette Ellen Mia Malene Birthe Eva Bodil Sara Cecilie Signe Line Anette Kristina
Peter Michael Jens Lars Thomas Henrik Søren Christian Martin Jan Morten Jesper Anders Niels Mads Rasmus Per Kim
Hans Jørgen Ole Poul Erik Frederik Mikkel Niklas Kasper Jakob Carsten Torben Kenneth Bent Brian Allan Flemming
Steen Johannes Oliver William Lucas Emil Noah Victor Magnus Jonas Simon Tobias Daniel Kristian Bo Finn Knud Preben
Karl Carl Aksel Arne Svend Leif John Mogens Gunnar Klaus Claus Ib Tage Villy Johan
""")
SURNAMES = _words("""
Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen
Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen Jacobsen Mikkelsen
Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm Kristiansen Clausen Simonsen Svendsen Andreasen
Iversen Jeppesen Mogensen Jespersen Nissen Lauridsen Frandsen Østergaard Jepsen Kjær Carlsen Vestergaard
""")
# First names that are also ordinary Danish words (bo, per, hans, …): a person only with a surname.
_WORDLIKE = frozenset({"Bo", "Per", "Hans", "Ole", "Bent", "Jan", "Kim", "Karl", "Lis", "Line", "Ruth", "Ib",
                       "Tage", "Johannes", "Maria", "Emil"})

# Not a part of a longer number (1.234.567, 12,5): no digit, nor a digit and a separator, on either side.
_CPR = re.compile(r"(?<!\d)(?<!\d[.,])(\d{2})(\d{2})(\d{2})[- ]?\d{4}(?!\d|[.,]\d)")
_PHONE = re.compile(r"(?<!\d)(?<!\d[.,])(?:\+45[ ]?)?[2-9]\d[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}(?!\d|[.,]\d)")
_YEARS = re.compile(r"^(?:19|20)\d\d (?:19|20)\d\d$")  # "2024 2025" is two years, not a phone number
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?")


def _valid_cpr_date(day: str, month: str, year: str) -> bool:
    d, m = int(day), int(month)
    if d > 40:  # a replacement number (erstatningspersonnummer) adds 60 to the day
        d -= 60
    try:
        date(2000 + int(year), m, d)
    except ValueError:
        return d == 29 and m == 2
    return True


def _names(text: str) -> list[str]:
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    found = []
    for n, (word, _start, end) in enumerate(words):
        following = words[n + 1] if n + 1 < len(words) and words[n + 1][1] == end + 1 else None
        if following is not None and (word in FIRST_NAMES or following[0] in SURNAMES):
            found.append(f"{word} {following[0]}")
        elif word in FIRST_NAMES and word not in _WORDLIKE:
            found.append(word)
    return found


def person_data_found(text: str) -> list[tuple[str, str]]:
    """What in ``text`` looks like person data: (kind, the text found); kinds: cpr, phone, email, name."""
    text = text or ""
    found: list[tuple[str, str]] = []
    cprs = [m for m in _CPR.finditer(text) if _valid_cpr_date(*m.groups())]
    found += [("cpr", m.group(0)) for m in cprs]
    spans = [m.span() for m in cprs]
    found += [("phone", m.group(0)) for m in _PHONE.finditer(text)
              if not any(s <= m.start() < e for s, e in spans) and not _YEARS.match(m.group(0))]
    found += [("email", m.group(0)) for m in _EMAIL.finditer(text)]
    found += [("name", name) for name in dict.fromkeys(_names(_EMAIL.sub(" ", text)))]
    return found


_KINDS = {"cpr": "et CPR-nummer", "phone": "et telefonnummer", "email": "en e-mailadresse", "name": "et navn"}


def person_data_warning(text: str, lang: str = "da") -> str | None:
    """A warning (Danish, or English) when the text looks like it holds person data; None when it does not."""
    found = person_data_found(text)
    if not found:
        return None
    parts = [f"{i18n.t(_KINDS[kind], lang)} ({value})" for kind, value in found[:4]]
    return i18n.t("Teksten ser ud til at indeholde personoplysninger: {found}. Byrådet læser fortolkningerne, og de "
                  "kommer med i mødeoplæggene: skriv om grupper og tal, ikke om enkeltpersoner.",
                  lang).format(found=", ".join(parts))
