"""Yearly targets per area and indicator: read them for editing, and turn edits into audited changes.

Leaders (and admins) set targets on the page Mål; the write path checks the role. A cleared
target is soft-deleted like any record, and setting it again restores and updates the same
row (the table keeps one row per area, indicator and year).
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from lokal import access, i18n, writes
from lokal import indicators as ind
from lokal.writes import Change, WriteError

FOR_EDITING = """
SELECT t.id, t.indicator, t.value, t.version, t.deleted_at IS NOT NULL AS deleted
FROM targets t JOIN areas a ON a.id = t.area_id
WHERE a.code = $code AND t.year = $year
"""


@access.guarded(access.DETAILS)
def for_editing(con: duckdb.DuckDBPyConnection, code: str, year: int) -> pd.DataFrame:
    """One row per indicator that can have a target (not the need index): current target or NaN."""
    rows = con.execute(FOR_EDITING, {"code": code, "year": year}).df().set_index("indicator")
    out = pd.DataFrame({"indicator": [i.id for i in ind.INDICATORS if i.group != "behov"]})
    for col in ("id", "value", "version", "deleted"):
        out[col] = out.indicator.map(rows[col]) if len(rows) else None
    live = [not pd.isna(v) and not bool(d) for v, d in zip(out.value, out.deleted)]  # no row: value is NaN
    out["target"] = pd.Series([float(v) if ok else math.nan for v, ok in zip(out.value, live)], dtype="float64")
    return out[["indicator", "target", "id", "version", "deleted"]]


def problems(edited: dict[str, float | None]) -> list[str]:
    """Danish messages for impossible targets, naming the indicator (the row) and the field."""
    out = []
    for indicator_id, value in edited.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        name = ind.get(indicator_id).name_da
        if value < 0:
            out.append(f"{name}, Mål: {value:g} er negativt; et mål er 0 eller mere.")
        elif ind.get(indicator_id).kind == "share" and value > 100:
            out.append(f"{name}, Mål: {value:g} % er mere end 100 %.")
    return out


def changes(before: pd.DataFrame, edited: dict[str, float | None], area_id: int, year: int) -> list[Change]:
    """The changes that make the targets of one area and year equal to ``edited`` (indicator → value/None)."""
    out: list[Change] = []
    for row in before.itertuples():
        new = edited.get(row.indicator, row.target)
        new = None if new is None or (isinstance(new, float) and math.isnan(new)) else float(new)
        old = None if pd.isna(row.target) else float(row.target)
        if new == old:
            continue
        if pd.isna(row.id):  # never set for this year
            out.append(Change("targets", "insert", {"area_id": area_id, "indicator": row.indicator,
                                                    "year": year, "value": new}))
        elif new is None:
            out.append(Change("targets", "delete", {}, int(row.id), int(row.version)))
        elif row.deleted:  # set again after being cleared: the same row comes back
            out.append(Change("targets", "restore", {}, int(row.id), int(row.version)))
            out.append(Change("targets", "update", {"value": new}, int(row.id), int(row.version) + 1))
        else:
            out.append(Change("targets", "update", {"value": new}, int(row.id), int(row.version)))
    return out


def describe(before: pd.DataFrame, edited: dict[str, float | None], lang: str = "da") -> list[str]:
    """What a save would change, one line per indicator: 'Kommunale sundhedstilbud …: 2 → 3' (– for none)."""
    out = []
    for row in before.itertuples():
        new = edited.get(row.indicator, row.target)
        new = None if new is None or (isinstance(new, float) and math.isnan(new)) else float(new)
        old = None if pd.isna(row.target) else float(row.target)
        if new != old:
            kind = ind.get(row.indicator).kind
            out.append(f"{ind.get(row.indicator).name(lang)}: {i18n.fmt_value(old, kind, lang)} → "
                       f"{i18n.fmt_value(new, kind, lang)}")
    return out


def save(con: duckdb.DuckDBPyConnection, user: access.User | str, code: str, year: int, before: pd.DataFrame,
         edited: dict[str, float | None]) -> int:
    """Check and save the targets of one area and year as one audited transaction; the number of changes."""
    errors = problems(edited)
    if errors:
        raise WriteError(" ".join(errors) + " Intet er gemt.")
    (area_id,) = con.execute("SELECT id FROM areas WHERE code = ?", [code]).fetchone()
    chosen = changes(before, edited, area_id, year)
    if chosen:
        writes.apply(con, chosen, user)
    return len(chosen)
