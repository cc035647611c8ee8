"""What a change does, in words: 'Fremmøde: 13 → 7', with names instead of ids and Danish formats.

Used before a write (the set-up forms, the import's preview, the quick entry's correction) and
after it (the history), so a user reads the same description in both places.
"""

from __future__ import annotations

import json
import numbers
from collections.abc import Iterable
from datetime import date, datetime

import duckdb
import pandas as pd

from lokal import i18n, records

# The reference columns and where their names come from.
NAMES = {
    "area_id": "SELECT id, name FROM areas",
    "home_area_id": "SELECT id, name FROM areas",
    "offer_type_id": "SELECT id, name FROM offer_types",
    "partner_id": "SELECT id, name FROM partners",
    "offer_id": "SELECT id, title FROM offers",
    "participant_id": "SELECT id, pseudonym FROM participants",
}


def names(con: duckdb.DuckDBPyConnection, ids: Iterable[int] | None = None) -> dict[str, dict]:
    """{column: {id: name}} for every reference column (areas, types, partners, offers, participants).
    ``ids`` (see :func:`ids_of`) limits the lookup to the records in view: nationally there are
    almost a million participants, and a history of a hundred rows names a handful of them."""
    wanted = None if ids is None else sorted(ids)
    cache: dict[str, dict] = {}
    out = {}
    for column, sql in NAMES.items():
        if sql not in cache:
            cache[sql] = dict(con.execute(sql + " WHERE id IN (SELECT unnest($ids))", {"ids": wanted}).fetchall()
                              if wanted is not None else con.execute(sql).fetchall())
        out[column] = cache[sql]
    return out


def ids_of(*rows) -> tuple[int, ...]:
    """The whole numbers in rows (dicts, or audit JSON texts): the ids :func:`names` has to look up."""
    found: set[int] = set()
    for row in rows:
        if isinstance(row, str):
            row = json.loads(row)
        if isinstance(row, dict):
            found |= {int(v) for v in row.values() if isinstance(v, numbers.Integral) and not isinstance(v, bool)}
    return tuple(sorted(found))


def value_text(value, lang: str = "da", names: dict | None = None) -> str:
    """A stored value as a user reads it: '–' for nothing, ja/nej, 23-11-2026, a name for an id."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang == "da" else ("yes" if value else "no")
    if isinstance(value, datetime):  # (also pandas' Timestamp of a DATE column: midnight reads as a date)
        day = i18n.fmt_date(value, lang)
        return day if (value.hour, value.minute, value.second) == (0, 0, 0) else f"{day} {value:%H:%M}"
    if isinstance(value, date):
        return i18n.fmt_date(value, lang)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:  # an ISO date from the audit JSON
            return i18n.fmt_date(date.fromisoformat(value[:10]), lang)
        except ValueError:
            pass
    if names and value in names:
        return str(names[value])
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",") if lang == "da" else f"{value:.2f}"
    return str(value)


def _plain(value):
    if value is not None and not isinstance(value, (str, list, dict)) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):  # a DATE column read through pandas
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def label_of(table: str, column: str, lang: str = "da") -> str:
    """A column's field name in the user's language (its Danish import header), else the column."""
    for kind in records.ALL_KINDS.values():
        if kind.table == table:
            for f in kind.fields:
                if f.column == column:
                    return f.name if lang == "da" else f.label_en
    return {"pseudonym": "Pseudonym", "age_band": "Aldersgruppe" if lang == "da" else "Age band",
            "sex": "Køn" if lang == "da" else "Sex", "home_area_id": "Bopælsområde" if lang == "da" else "Home area",
            "indicator": "Indikator" if lang == "da" else "Indicator", "year": "År" if lang == "da" else "Year",
            "value": "Værdi" if lang == "da" else "Value", "has_outcome": "Har effektmål" if lang == "da" else
            "Has outcome"}.get(column, column)


_SKIP = {"id", "version", "deleted_at"}


def _is_choice(table: str, column: str) -> bool:
    """Whether a column holds one of a fixed set of Danish words (a status, a channel, a kind …),
    shown translated; the stored value stays Danish (it is the database's CHECK value)."""
    if table == "participants" or column in records.PARTICIPANT_COLUMNS:
        return column == "sex"
    return any(f.column == column and f.type == "enum"
               for k in records.ALL_KINDS.values() if k.table == table for f in k.fields)


def _shown(table: str, column: str, value, lang: str, names: dict | None) -> str:
    text = value_text(_plain(value), lang, names)
    return i18n.t(text, lang) if lang != "da" and isinstance(_plain(value), str) and _is_choice(table, column) \
        else text


def describe(kind_id: str, before: dict | None, clean: dict, lang: str = "da",
             names: dict[str, dict] | None = None) -> list[str]:
    """The changes a save of ``clean`` makes to ``before`` (None: a new record), one line per field:
    'Navn: Rygestop → Rygestopkursus'. ``names`` maps a column to {id: name} for references."""
    return lines(records.get(kind_id).table, before, clean, lang, names)


def lines(table: str, before: dict | None, after: dict | None, lang: str = "da",
          names: dict[str, dict] | None = None) -> list[str]:
    """The same for any table's rows (the audit log's before and after)."""
    names = names or {}
    after = after or {}
    out = []
    for column, new_raw in after.items():
        if column in _SKIP:
            continue
        new = _shown(table, column, new_raw, lang, names.get(column))
        label = label_of(table, column, lang)
        if before is None:
            if _plain(new_raw) not in (None, "", False):
                out.append(f"{label}: {new}")
            continue
        old = _shown(table, column, before.get(column), lang, names.get(column))
        if old != new:
            out.append(f"{label}: {old} → {new}")
    return out


def audit_lines(table: str, before_json: str | None, after_json: str | None, lang: str = "da",
                names: dict[str, dict] | None = None) -> list[str]:
    """What one audit row did, from its JSON (a deletion or restore says only that)."""
    before = json.loads(before_json) if isinstance(before_json, str) else None
    after = json.loads(after_json) if isinstance(after_json, str) else None
    if before and after and set(k for k in after if before.get(k) != after.get(k)) <= _SKIP:
        return []
    if after is None:
        return lines(table, None, before, lang, names)
    return lines(table, before, after, lang, names)
