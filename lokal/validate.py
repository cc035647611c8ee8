"""Validation in one place: forms, the batch editor and imports all check records here.

:func:`check` parses raw values (Danish decimal commas, Danish and ISO dates, Excel date
serials, ja/nej), resolves references (area, offer type, partner, offer, participant) to ids,
and applies the rules. Every problem names the row and the field in Danish. Errors stop a
save; warnings (attendance above seats, a venue outside the area, a likely duplicate) are
shown and may be accepted.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb

from lokal import i18n, records
from lokal.i18n_entry import MESSAGES
from lokal.records import Field, Kind

ERROR, WARNING = "fejl", "advarsel"
INT32_MAX = 2_147_483_647  # every count column is an INTEGER
# What the decimal columns hold: cost is DECIMAL(12, 2); coordinates are checked by the database too.
DECIMAL_RANGES = {"cost": (0, 9_999_999_999.99, " kr."), "venue_lon": (-180, 180, " grader"),
                  "venue_lat": (-90, 90, " grader")}
NOT_HELD = ("planlagt", "aflyst", "udskudt")  # statuses whose sessions and enrolments are not participation
MAX_TEXT = 2000
DENMARK = (8.0, 54.5, 15.3, 57.8)  # lon/lat box around Denmark incl. Bornholm
_CPR = re.compile(r"^\d{6}-?\d{4}$")
_DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y")
_DMY = re.compile(r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})$")
_YMD = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_FORMULA_LIKE = re.compile(r"^[+\-@]([A-Za-z_][\w.]*\(|.*\|.*!)")


@dataclass
class Problem:
    row: int | None
    field: str | None
    message: str
    level: str = ERROR

    def text(self, lang: str = "da") -> str:
        where = []
        if self.row is not None:
            where.append(say(f"Række {self.row}", lang))
        if self.field:
            where.append(say(f"felt '{self.field}'", lang))
        prefix = ", ".join(where)
        body = self.body(lang)
        return f"{prefix[:1].upper() + prefix[1:]}: {body}" if prefix else body

    def body(self, lang: str = "da") -> str:
        """The message without its row and field, in the language (for the report's table)."""
        return say(self.message, lang)

    def field_text(self, lang: str = "da") -> str:
        """The field's name in the language (a column of the file that is no field stays as it is)."""
        return field_name(self.field, lang) if self.field else "–"


def field_name(name: str, lang: str = "da") -> str:
    """A field's Danish name (its import header) in the language: Field.label_en in English."""
    if lang == "da":
        return name
    return _LABELS_EN.get(name) or i18n.t(name, lang)


# Danish field name → English, from every kind (a name means the same in every kind that has it).
_LABELS_EN = {f.name: f.label_en for k in records.ALL_KINDS.values() for f in k.fields}


# A date placeholder holds a Danish date or words ('uden slutdato'); a number placeholder a number.
_PLACEHOLDER = {"d_": r"\d{2}-\d{2}-\d{4}|[^\d–]+?", "n_": r"-?[\d.,]+"}


def _template(text: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", text)
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_PLACEHOLDER.get(p[:2], '.+?')})"
                      for i, p in enumerate(parts))
    return re.compile(pattern, re.DOTALL)


# Most specific first: the template with the most fixed text wins ('… ligger før år 2000' before '… ligger før …').
_TEMPLATES = sorted(((_template(da), en) for da, en in MESSAGES.items() if "{" in da),
                    key=lambda te: -len(re.sub(r"\(\?P<\w+>\.\+\?\)", "", te[0].pattern)))
_DA_DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")
_DA_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def say(text: str, lang: str = "da") -> str:
    """A Danish message from this module or lokal.importing in the language: English from the
    catalogue (lokal.i18n_entry.MESSAGES), with dates, numbers and words inside it in English too.
    A message no template matches is shown as it is (Danish)."""
    if lang == "da" or not text:
        return text
    if text in i18n.EN:
        return i18n.EN[text]
    for pattern, english in _TEMPLATES:
        m = pattern.fullmatch(text)
        if m:
            return english.format(**{k: _arg(k, v, lang) for k, v in m.groupdict().items()})
    return text


def _arg(name: str, value: str, lang: str) -> str:
    if name.startswith("d_"):
        m = _DA_DATE.match(value)
        return i18n.fmt_date(date(int(m[3]), int(m[2]), int(m[1])), lang) if m else say(value, lang)
    if name.startswith("n_"):
        if not _DA_NUMBER.match(value):
            return value
        number = float(value.replace(".", "").replace(",", "."))
        decimals = len(value.split(",")[1]) if "," in value else 0
        return i18n.fmt_num(number, decimals, lang)
    if name.startswith("c_"):  # a file keeps the Danish values (the database's), so both are shown
        return ", ".join(c if i18n.t(c, lang) == c else f"{c} ({i18n.t(c, lang)})" for c in value.split(", "))
    if name.startswith("w_"):
        whole = field_name(value, lang) if value in _LABELS_EN else say(value, lang)
        if whole != value or ", " not in value:
            return whole
        return ", ".join(_arg(name, part, lang) for part in value.split(", "))
    return value


@dataclass
class Checked:
    kind: Kind
    rows: list[dict] = field(default_factory=list)  # table columns → clean values, one per input row
    row_numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    participants: dict[str, dict] = field(default_factory=dict)  # new pseudonym → columns (enrolments)
    unknown_types: dict[str, tuple[str, list]] = field(default_factory=dict)  # folded name → (name, rows)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


class ParseError(ValueError):
    pass


class UnknownOfferType(ParseError):
    """An offer names a type the catalogue does not have (reported once per distinct name)."""

    def __init__(self, raw):
        self.name = str(raw).strip()
        super().__init__(f"tilbudstypen '{_short(raw)}' findes ikke. {ADD_TYPE_HINT}")


ADD_TYPE_HINT = ("En administrator opretter den på siden Opsætning → Tilbudstyper eller med "
                 "'python -m lokal import offer_types FIL'; ret ellers navnet til en kendt type.")


def row_list(rows: list[int]) -> str:
    """Row numbers as short ranges: 2–5, 9, 11–12."""
    parts, run = [], []
    for n in sorted(set(rows)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            parts.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        parts.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(parts)


def focus_overlap(periods, area_id: int, start: date, end: date | None, skip_id: int | None = None):
    """The first live focus period of the area that overlaps [start, end] (None: open), or None.
    A period with the same start is the same record (an update), not an overlap."""
    far = date(9999, 12, 31)
    for pid, aid, s, e in periods:
        if aid != area_id or pid == skip_id or s == start:
            continue
        if s <= (end or far) and start <= (e or far):
            return pid, s, e
    return None


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names ('Gennemfort' ~ 'gennemført')."""
    t = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.combining(c)).replace("oe", "o")


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, float) and math.isnan(raw)) or (isinstance(raw, str) and not raw.strip())


def parse_number(raw, *, decimal_point: bool = False) -> float:
    """A number from a cell: 12 · 12,5 · 1.234,5 · 1.234 (thousands) · 12.5; ``decimal_point`` reads '9.858' as 9,858."""
    if isinstance(raw, bool):
        raise ParseError("er ikke et tal")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ParseError("er ikke et tal")
        return float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text.startswith("="):
        raise ParseError(f"cellen indeholder en formel ({text[:30]}); skriv værdien i stedet")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif not decimal_point and _THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        number = float(text)
    except ValueError:
        raise ParseError(f"'{_short(raw)}' er ikke et tal") from None
    if not math.isfinite(number):  # 'inf', 'nan', or more digits than a float holds
        raise ParseError(f"'{_short(raw)}' er ikke et tal, der kan gemmes")
    return number


def parse_date(raw) -> date:
    """A date from 23-11-2026, 2026-11-23, 23.11.2026, a datetime, or an Excel date serial."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 20000 <= raw <= 80000:  # Excel's 1900 date system: 1954–2119
            return date(1899, 12, 30) + timedelta(days=int(raw))
        raise ParseError(f"'{_short(raw)}' er ikke en dato (skriv fx 23-11-2026)")
    text = str(raw).strip()
    m = _DMY.match(text) or _YMD.match(text)
    if m:  # the common cases without strptime, which is slow on 50.000 rows
        try:
            d = m.groupdict()
            return date(int(d["y"]), int(d["m"]), int(d["d"]))
        except ValueError:
            raise ParseError(f"'{_short(raw)}' er ikke en gyldig dato (skriv fx 23-11-2026)") from None
    if text.startswith("="):
        raise ParseError(f"cellen indeholder en formel ({text[:30]}); skriv værdien i stedet")
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return parse_date(float(text))
    text = text.split("T")[0].split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ParseError(f"'{_short(raw)}' er ikke en gyldig dato (skriv fx 23-11-2026)")


def parse_bool(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _fold(str(raw))
    if text in ("ja", "j", "yes", "y", "true", "sand", "1", "1.0", "x"):
        return True
    if text in ("nej", "n", "no", "false", "falsk", "0", "0.0"):
        return False
    raise ParseError(f"'{_short(raw)}' skal være ja eller nej")


def _thousands(value: float) -> str:
    """12500 → '12.500'; 9999999999.99 → '9.999.999.999,99' (Danish, as in messages)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _short(raw, n: int = 40) -> str:
    text = str(raw)
    return text if len(text) <= n else text[:n] + "…"


class Lookups:
    """Names and codes the references are resolved against, read once per check."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        areas = con.execute("SELECT id, code, name, boundary_geojson FROM areas").fetchall()
        self.area_by = {}
        for aid, code, name, _ in areas:
            self.area_by[_fold(code)] = aid
            self.area_by.setdefault(_fold(name), aid)
        self.area_name = {aid: name for aid, _, name, _ in areas}
        self.area_shape = {aid: g for aid, _, _, g in areas if g}
        self.offer_type_by = {_fold(n): i for i, n in con.execute("SELECT id, name FROM offer_types").fetchall()}
        self.partners = con.execute("SELECT id, name, area_id FROM live_partners").fetchall()
        self.offers = con.execute(
            "SELECT id, area_id, title, start_date, active_end, seats, offer_type_id, status FROM offer_facts"
        ).fetchall()
        self.offer_by_id = {o[0]: o for o in self.offers}
        self.participant_by = dict(con.execute("SELECT pseudonym, id FROM live_participants").fetchall())
        self._con = con
        self._people: dict[int, tuple] = {}
        self.focus_periods = con.execute(
            "SELECT id, area_id, start_date, end_date FROM focus_periods WHERE deleted_at IS NULL").fetchall()
        self._shapes = {}

    def area(self, raw) -> int:
        if isinstance(raw, int) and raw in self.area_name:
            return raw
        found = self.area_by.get(_fold(str(raw)))
        if found is None:
            raise ParseError(f"området '{_short(raw)}' findes ikke (brug områdets navn eller kode)")
        return found

    def offer_type(self, raw) -> int:
        if isinstance(raw, int) and raw in self.offer_type_by.values():
            return raw
        found = self.offer_type_by.get(_fold(str(raw)))
        if found is None:
            raise UnknownOfferType(raw)
        return found

    def partner(self, raw, area_id: int | None) -> int:
        if isinstance(raw, int) and any(p[0] == raw for p in self.partners):
            return raw
        matches = [p for p in self.partners if _fold(p[1]) == _fold(str(raw))]
        if not matches:
            raise ParseError(f"partneren '{_short(raw)}' findes ikke; opret den først under Lokale aktører")
        same_area = [p for p in matches if p[2] == area_id]
        return (same_area or matches)[0][0]

    def offer(self, raw, area_id: int | None, on: date | None) -> int:
        if isinstance(raw, int) and raw in self.offer_by_id:
            return raw
        matches = [o for o in self.offers if _fold(o[2]) == _fold(str(raw)) and (area_id is None or o[1] == area_id)]
        if not matches:
            where = f" i {self.area_name.get(area_id, '')}" if area_id else ""
            raise ParseError(f"tilbuddet '{_short(raw)}' findes ikke{where}")
        if on is not None:
            running = [o for o in matches if o[3] <= on <= o[4]]
            matches = running or matches
        return max(matches, key=lambda o: o[3])[0]

    def participant(self, participant_id: int) -> tuple[str, dict]:
        """An existing participant's pseudonym and attributes (read when needed: there may be a million)."""
        if participant_id not in self._people:
            row = self._con.execute("SELECT pseudonym, age_band, sex, home_area_id FROM participants WHERE id = ?",
                                    [participant_id]).fetchone()
            self._people[participant_id] = (row[0], {"age_band": row[1], "sex": row[2], "home_area_id": row[3]})
        return self._people[participant_id]

    def inside_area(self, area_id: int, lon: float, lat: float) -> bool | None:
        text = self.area_shape.get(area_id)
        if not text:
            return None
        if area_id not in self._shapes:
            import shapely

            self._shapes[area_id] = shapely.from_geojson(text)
        import shapely

        return bool(self._shapes[area_id].covers(shapely.Point(lon, lat)))


_EMAIL = re.compile(r"\S+@\S+\.\S+")
_PHONE = re.compile(r"^(\+|00)?[\d\s-]{8,}$")
_WORD = r"[A-ZÆØÅ][a-zæøåéü']+(-[A-ZÆØÅ]?[a-zæøåéü']+)*"
_NAME = re.compile(rf"^{_WORD}(\s+{_WORD})+$")  # two or more capitalised words of letters: a name


def check_pseudonym(pseudonym: str) -> None:
    """Refuse what is not a pseudonym: a CPR number, a name, an e-mail address or a phone number.
    Lokal holds no person data; the message says why."""
    compact = pseudonym.replace(" ", "")
    if _CPR.match(compact):
        raise ParseError("ligner et CPR-nummer; brug et pseudonym (fx P000123), aldrig CPR")
    if _EMAIL.search(pseudonym):
        raise ParseError("ligner en e-mailadresse; Lokal må ikke rumme personoplysninger, så brug et pseudonym "
                         "(fx P000123)")
    if _PHONE.match(pseudonym) and sum(c.isdigit() for c in pseudonym) >= 8:
        raise ParseError("ligner et telefonnummer; Lokal må ikke rumme personoplysninger, så brug et pseudonym "
                         "(fx P000123)")
    if _NAME.match(pseudonym):
        raise ParseError(f"'{_short(pseudonym)}' ligner et navn; Lokal må ikke rumme personoplysninger, så brug et "
                         "pseudonym (fx P000123)")
    if len(pseudonym) > 40:
        raise ParseError("pseudonymet er for langt (højst 40 tegn)")


def _parse(f: Field, raw):
    if f.type == "text":
        if not isinstance(raw, str):
            raw = str(raw) if not (isinstance(raw, float) and raw.is_integer()) else str(int(raw))
        text = raw.strip()
        if text.startswith("="):
            raise ParseError(f"cellen indeholder en formel ({text[:30]}); skriv værdien i stedet")
        if _FORMULA_LIKE.match(text):
            # A spreadsheet runs '+HYPERLINK(…)', '@SUM(…)' or '-cmd|…!' as a formula when the data is opened again.
            raise ParseError(f"cellen ligner en formel ({text[:30]}); skriv teksten uden '{text[0]}' foran")
        if len(text) > MAX_TEXT:
            raise ParseError(f"teksten er for lang ({len(text):,} tegn; højst {MAX_TEXT:,})".replace(",", "."))
        return text
    if f.type == "int":
        value = parse_number(raw)
        if not float(value).is_integer():
            raise ParseError(f"'{_short(raw)}' skal være et helt tal")
        if value < 0:
            raise ParseError(f"{_short(int(value))} kan ikke være negativ")
        if value > INT32_MAX:
            raise ParseError(f"{_thousands(int(value))} er for stort (højst {_thousands(INT32_MAX)})")
        return int(value)
    if f.type == "decimal":
        value = parse_number(raw, decimal_point=f.column in ("venue_lon", "venue_lat"))
        if f.column == "cost" and value < 0:
            raise ParseError("prisen kan ikke være negativ")
        low, high, unit = DECIMAL_RANGES.get(f.column, (-math.inf, math.inf, ""))
        if not low <= value <= high:
            raise ParseError(f"{_short(raw)} ligger ikke mellem {_thousands(low)} og {_thousands(high)}{unit}")
        return value
    if f.type == "date":
        return parse_date(raw)
    if f.type == "bool":
        return parse_bool(raw)
    if f.type == "enum":
        found = _choices(f.choices).get(_fold(str(raw)))
        if found is None:
            raise ParseError(f"'{_short(raw)}' er ikke en af: {', '.join(f.choices)}")
        return found
    if f.type == "phone":
        return parse_phone(raw)
    if f.type == "email":
        return parse_email(raw)
    raise AssertionError(f.type)


_CONTACT_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def parse_phone(raw) -> str:
    """A Danish phone number (8 digits, maybe +45 or 0045 first) written as '98 12 34 56' or '+45 98 12 34 56'."""
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
    compact = re.sub(r"[\s\-./()]", "", text)
    prefix = ""
    for lead in ("+45", "0045"):
        if compact.startswith(lead) and len(compact) == len(lead) + 8:
            prefix, compact = "+45 ", compact[len(lead):]
    if not re.fullmatch(r"\d{8}", compact):
        raise ParseError(f"'{_short(text)}' er ikke et dansk telefonnummer; skriv 8 cifre, fx 98 12 34 56 "
                         "(gerne med +45 foran)")
    return prefix + " ".join(compact[i:i + 2] for i in range(0, 8, 2))


def parse_email(raw) -> str:
    """An e-mail address (one @, a domain with a dot), without surrounding spaces."""
    text = str(raw).strip()
    if not _CONTACT_EMAIL.match(text):
        raise ParseError(f"'{_short(text)}' er ikke en e-mailadresse; skriv fx navn@kommune.dk")
    return text


@functools.lru_cache(maxsize=64)
def _choices(choices: tuple[str, ...]) -> dict[str, str]:
    return {_fold(c): c for c in choices}


def check(con: duckdb.DuckDBPyConnection, kind_id: str, items: list[dict], *, first_row: int | None = 2,
          today: date | None = None, lookups: Lookups | None = None) -> Checked:
    """Parse, resolve and validate records of one kind; ``items`` map field names to raw values.

    ``first_row`` is the number of the first item in messages (2 for a sheet with a header
    row; None for a single form, whose messages then name only the field).
    """
    kind = records.get(kind_id)
    today = today or date.today()
    look = lookups or Lookups(con)
    out = Checked(kind)
    seen_keys: dict[tuple, int] = {}
    for n, item in enumerate(items):
        row = None if first_row is None else first_row + n
        before = len(out.errors)
        clean = _check_row(kind, item, row, look, today, out)
        if len(out.errors) > before or clean is None:
            continue
        key = tuple(clean.get(c) for c in kind.natural_key)
        if key in seen_keys:
            out.problems.append(Problem(row, None, f"rækken er en gentagelse af række {seen_keys[key]} "
                                                   f"(samme {', '.join(_key_names(kind))})"))
            continue
        seen_keys[key] = row
        out.rows.append(clean)
        out.row_numbers.append(row)
    if kind.id == "offers":
        _likely_duplicate_offers(out, look)
    _one_message_per_unknown_type(out)
    return out


def _one_message_per_unknown_type(out: Checked) -> None:
    """Replace 'type X does not exist' on every row by one message per distinct name, naming its rows."""
    many = {k: v for k, v in out.unknown_types.items() if len(v[1]) > 1}
    if not many:
        return
    out.problems = [p for p in out.problems
                    if not (p.field == "Tilbudstype" and p.row is not None and p.message.startswith("tilbudstypen '")
                            and any(p.row in rows for _, rows in many.values()))]
    for name, rows in many.values():
        numbers = [r for r in rows if r is not None]
        out.problems.append(Problem(None, "Tilbudstype", f"tilbudstypen '{_short(name)}' findes ikke (rækkerne "
                                                         f"{row_list(numbers)}, {len(numbers)} rækker). {ADD_TYPE_HINT}"))


def _key_names(kind: Kind) -> list[str]:
    by_col = {f.column: f.name for f in kind.fields}
    return [by_col.get(c, "Deltager" if c == "participant_id" else "Tilbud") for c in kind.natural_key]


def _check_row(kind: Kind, item: dict, row, look: Lookups, today: date, out: Checked) -> dict | None:
    values: dict = {}
    problems = out.problems
    start = len(problems)

    def bad(f: Field, msg: str, level: str = ERROR):
        problems.append(Problem(row, f.name, msg, level))

    # First plain values, then references (an offer is found within its area, on its date).
    for f in kind.fields:
        raw = item.get(f.name)
        if _blank(raw):
            if f.required:
                bad(f, "skal udfyldes")
            values[f.name] = None
            continue
        if f.type == "ref":
            values[f.name] = raw
            continue
        try:
            values[f.name] = _parse(f, raw)
        except ParseError as exc:
            bad(f, str(exc))
            values[f.name] = None
    resolved: dict = {}
    area_id = None
    for f in kind.fields:
        raw = values.get(f.name)
        if f.type != "ref" or raw is None:
            continue
        try:
            if f.ref == "area":
                resolved[f.name] = look.area(raw)
                if f.name == "Område":
                    area_id = resolved[f.name]
            elif f.ref == "offer_type":
                resolved[f.name] = look.offer_type(raw)
        except UnknownOfferType as exc:
            problems.append(Problem(row, f.name, str(exc)))
            out.unknown_types.setdefault(exc.name.casefold(), (exc.name, []))[1].append(row)
        except ParseError as exc:
            bad(f, str(exc))
    for f in kind.fields:
        raw = values.get(f.name)
        if f.type != "ref" or raw is None or f.ref in ("area", "offer_type"):
            continue
        try:
            if f.ref == "partner":
                resolved[f.name] = look.partner(raw, area_id)
            elif f.ref == "offer":
                on = values.get("Dato") or values.get("Start")
                resolved[f.name] = look.offer(raw, area_id, on)
            elif f.ref == "participant":
                pseudonym = str(raw).strip()
                check_pseudonym(pseudonym)
                resolved[f.name] = look.participant_by.get(pseudonym, pseudonym)
        except ParseError as exc:
            bad(f, str(exc))
    values.update(resolved)
    if any(p.level == ERROR for p in problems[start:]):
        return None
    _rules(kind, values, row, look, today, bad)
    clean = {f.column: values.get(f.name) for f in kind.fields if f.column}
    if kind.id == "enrolments":
        participant = clean.get("participant_id")
        attrs = {c: clean.pop(c) for c in records.PARTICIPANT_COLUMNS}
        if isinstance(participant, str):
            out.participants.setdefault(participant, attrs)
        elif participant is not None:
            _participant_clash(kind, participant, attrs, row, look, out)
    if kind.id == "offers" and clean.get("volunteers") is None:
        clean["volunteers"] = 0
    for col in ("attendees", "trained"):
        if col in clean and clean[col] is None:
            clean[col] = 0
    if kind.id == "sessions" and clean.get("session_time") is None:
        clean["session_time"] = ""  # no time: at most one such session a day (migration 0010)
    if "carried_by_area" in clean and clean["carried_by_area"] is None:
        clean["carried_by_area"] = False
    if kind.id == "offer_types":
        for col in ("kramm_kost", "kramm_rygning", "kramm_alkohol", "kramm_motion", "kramm_mental", "retired"):
            clean[col] = bool(clean[col])
        clean["outcome_label"] = clean["outcome_label"] or None
        clean["has_outcome"] = clean["outcome_label"] is not None
    return clean


def _rules(kind: Kind, v: dict, row, look: Lookups, today: date, bad) -> None:
    fields = {f.name: f for f in kind.fields}
    for start_name, end_name in (("Startdato", "Slutdato"), ("Henvendelse", "Start"), ("Fokus fra", "Fokus til")):
        start, end = v.get(start_name), v.get(end_name)
        if start and end and end < start:
            bad(fields[end_name], f"{_d(end)} ligger før {start_name.lower()} {_d(start)}")
    for f in kind.fields:
        if kind.id == "focus_periods":
            break  # a focus period is planned years ahead
        if f.type == "date" and v.get(f.name) and v[f.name] > today + timedelta(days=365):
            bad(f, f"{_d(v[f.name])} ligger mere end et år ude i fremtiden")
        if f.type == "date" and v.get(f.name) and v[f.name] < date(2000, 1, 1):
            bad(f, f"{_d(v[f.name])} ligger før år 2000; er datoen rigtig?")
    if kind.id == "offers":
        lon, lat = v.get("Længdegrad"), v.get("Breddegrad")
        if (lon is None) != (lat is None):
            bad(fields["Længdegrad" if lon is None else "Breddegrad"], "angiv både længdegrad og breddegrad")
        elif lon is not None:
            if not (DENMARK[0] <= lon <= DENMARK[2] and DENMARK[1] <= lat <= DENMARK[3]):
                bad(fields["Længdegrad"], f"mødestedet ({lon:.4f}, {lat:.4f}) ligger uden for Danmark; "
                                          "er længde- og breddegrad byttet om?", WARNING)
            elif v.get("Område") and look.inside_area(v["Område"], lon, lat) is False:
                bad(fields["Længdegrad"], f"mødestedet ligger uden for {look.area_name[v['Område']]}", WARNING)
    if kind.id == "sessions" and v.get("Tidspunkt"):
        m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", v["Tidspunkt"])
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            bad(fields["Tidspunkt"], f"'{_short(v['Tidspunkt'])}' er ikke et tidspunkt (skriv fx 17:00)")
        else:
            v["Tidspunkt"] = f"{int(m.group(1)):02d}:{m.group(2)}"
    if kind.id == "focus_periods" and v.get("Område") and v.get("Fokus fra"):
        other = focus_overlap(look.focus_periods, v["Område"], v["Fokus fra"], v.get("Fokus til"))
        if other:
            until = _d(other[2]) if other[2] else "uden slutdato"
            bad(fields["Fokus fra"], f"perioden overlapper {look.area_name[v['Område']]}s fokusperiode "
                                     f"{_d(other[1])}–{until}; ret den i stedet for at tilføje en ny")
    if kind.id == "offer_types" and v.get("Navn") and len(v["Navn"]) > 120:
        bad(fields["Navn"], "navnet er for langt (højst 120 tegn)")
    if kind.id == "sessions" and v.get("Tilbud"):
        offer = look.offer_by_id[v["Tilbud"]]
        seats = offer[5]
        if seats is not None and v.get("Fremmøde") is not None and v["Fremmøde"] > seats:
            bad(fields["Fremmøde"], f"{v['Fremmøde']} fremmødte er flere end tilbuddets {seats} pladser", WARNING)
        if v.get("Dato") and not (offer[3] <= v["Dato"] <= offer[4]):
            bad(fields["Dato"], f"{_d(v['Dato'])} ligger uden for tilbuddets periode", WARNING)
    if kind.id == "enrolments" and v.get("Tilbud") and v.get("Start"):
        offer = look.offer_by_id[v["Tilbud"]]
        if not (offer[3] <= v["Start"] <= offer[4]):
            bad(fields["Start"], f"{_d(v['Start'])} ligger uden for tilbuddets periode "
                                 f"({_d(offer[3])}–{_d(offer[4]) if offer[4].year < 9999 else 'løbende'})", WARNING)
    if kind.id in ("sessions", "enrolments") and v.get("Tilbud"):
        status = look.offer_by_id[v["Tilbud"]][7]
        # Sign-ups before a planned offer starts are normal; attendance at one means its status is behind.
        if status in NOT_HELD and not (kind.id == "enrolments" and status == "planlagt"):
            what = "fremmøde" if kind.id == "sessions" else "tilmeldingen"
            bad(fields["Tilbud"], f"tilbuddet er {status}; {what} på et {status} tilbud tæller ikke som deltagelse. "
                                  "Ret tilbuddets status, hvis det blev holdt", WARNING)


def _attrs_text(attrs: dict, look: Lookups) -> str:
    parts = [f"{attrs['age_band']} år" if attrs.get("age_band") else None, attrs.get("sex"),
             look.area_name.get(attrs.get("home_area_id")) if attrs.get("home_area_id") else None]
    return ", ".join(p for p in parts if p) or "uden alder, køn og bopæl"


def _participant_clash(kind: Kind, participant_id: int, typed: dict, row, look: Lookups, out: Checked) -> None:
    """An existing pseudonym typed with other attributes: say so, never merge silently. The enrolment
    joins the existing participant, whose attributes stay as they are."""
    pseudonym, have = look.participant(participant_id)
    if all(v is None or v == have.get(c) for c, v in typed.items()):
        return
    out.problems.append(Problem(row, "Deltager", (
        f"deltageren {pseudonym} findes allerede ({_attrs_text(have, look)}); du har skrevet "
        f"{_attrs_text(typed, look)}. Tilmeldingen knyttes til den eksisterende deltager, hvis oplysninger ikke "
        "ændres. Er det en anden person, så brug et nyt pseudonym"), WARNING))


def _likely_duplicate_offers(out: Checked, look: Lookups) -> None:
    """Flag offers with the same type, area and start date as an existing one (or another row)."""
    existing = {(o[6], o[1], o[3]): o for o in look.offers}
    batch: dict[tuple, int] = {}
    for clean, row in zip(out.rows, out.row_numbers):
        key = (clean["offer_type_id"], clean["area_id"], clean["start_date"])
        other = existing.get(key)
        if other and _fold(other[2]) != _fold(clean["title"]):
            out.problems.append(Problem(row, "Titel", f"ligner tilbuddet '{other[2]}', der allerede findes (samme "
                                                     "type, område og startdato) — er det en dublet?", WARNING))
        elif key in batch:
            out.problems.append(Problem(row, "Titel", f"ligner række {batch[key]} (samme type, område og "
                                                     "startdato) — er det en dublet?", WARNING))
        batch.setdefault(key, row)


def _d(d: date) -> str:
    return d.strftime("%d-%m-%Y")
