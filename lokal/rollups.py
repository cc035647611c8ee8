"""Rollups for the eight enrolment indicators, kept in step with the data in each write's transaction.

The tables and the SQL that fills them are in migration ``0005_rollups`` (read its header for the
"previous month" trick that makes distinct participant counts additive):

* ``rollup_enrolments``: one row per live enrolment, with the months in which the participant was
  seen before (in the same home area, anywhere, in the focus group). What the rollups were built
  from, so a refresh can take a participant's old rows back out.
* ``rollup_participants``, ``rollup_offer_months``, ``rollup_wait_days``: additive counts by area,
  category and month that :mod:`lokal.indicators` reads for month-aligned periods.

A write calls :func:`refresh` at the end of its transaction with the records it touched: the
participants concerned get their rows recomputed, and the signed difference (old rows -1, new rows
+1) is appended to the three count tables, whose sums then follow the data. When the appended rows
have grown the count tables by half, they are compacted (summed again from ``rollup_enrolments``).
A change that concerns very many participants (a big import) rebuilds everything instead.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

import duckdb
import pandas as pd

from lokal import db

# A refresh that concerns more participants than REBUILD_SHARE of the enrolments (and at least
# REBUILD_MIN) rebuilds everything instead. Measured at national scale (1 million enrolments):
# recomputing 20.000 participants takes 0,9 s, 50.000 1,8 s, 100.000 3,5 s (then 1,1 s compaction),
# a rebuild 4,5 s; both grow with the data.
REBUILD_SHARE = 0.1
REBUILD_MIN = 20_000
# The count tables are compacted when appended changes have made them this much bigger.
COMPACT_GROWTH = 0.5
_COMPACT_MIN_ROWS = 20_000
_META_ROWS = "rollup_rows"  # rows of the count tables after the last compaction

# Table → the macro (migration 0005) that gives its rows from rollup_enrolments or from the signed
# changes, and the count columns (a change whose counts are all zero is not appended).
OFFER_COUNTS = ("completed", "completed_known", "outcome_end", "outcome_end_known", "outcome_followup",
                "outcome_followup_known", "within_3_days", "wait_known")  # rollup_offer_months' counts
COUNTS = {
    "rollup_participants": ("rollup_participant_counts", ("n", "n_target", "n_men", "n_sex")),
    "rollup_offer_months": ("rollup_offer_counts", OFFER_COUNTS),
    "rollup_wait_days": ("rollup_wait_counts", ("n",)),
}
TABLES = ("rollup_enrolments", *COUNTS)
# Tables whose changes can change what enrolment_facts returns.
_TRACKED = ("enrolments", "offers", "participants")

# The participants whose rows a change of these enrolments or offers concerns: as the rollups saw
# them (the old participant of a moved enrolment, the old enrolments of an offer) and as they are now.
CONCERNED = {
    "enrolments": "SELECT participant_id FROM enrolments WHERE id IN (SELECT unnest($enrolments)) UNION "
                  "SELECT participant_id FROM rollup_enrolments WHERE id IN (SELECT unnest($enrolments))",
    "offers": "SELECT participant_id FROM enrolments WHERE offer_id IN (SELECT unnest($offers)) UNION "
              "SELECT participant_id FROM rollup_enrolments WHERE offer_id IN (SELECT unnest($offers))",
}
# A participant's rows as the rollups have them (-1) and as the data is now (+1). Up to FEW
# participants the new rows come through a scan filter, above through a semi-join (at national
# scale: 22 ms for one participant, 160 ms for 200 scattered ones; 260–330 ms whatever the number).
FEW = 256
_CHANGES = ("INSERT INTO rollup_changes BY NAME SELECT -1 AS sign, * FROM rollup_enrolments "
            "WHERE participant_id IN (SELECT unnest($ids)) UNION ALL BY NAME "
            "SELECT 1 AS sign, * FROM rollup_enrolment_rows($ids, {few})")
CHANGES = {True: _CHANGES.format(few="true"), False: _CHANGES.format(few="false")}
DROP_OLD = "DELETE FROM rollup_enrolments WHERE participant_id IN (SELECT unnest($ids))"
KEEP_NEW = "INSERT INTO rollup_enrolments SELECT * EXCLUDE (sign) FROM rollup_changes WHERE sign = 1"
FILL_ENROLMENTS = ("INSERT INTO rollup_enrolments BY NAME SELECT * FROM rollup_enrolment_rows(NULL, false) "
                   "ORDER BY participant_id, id")
# Whether every row was built with its home area's current focus flag (and the area still exists).
FOCUS_CHANGED = """
SELECT EXISTS (SELECT 1 FROM rollup_enrolments r LEFT JOIN areas a ON a.id = r.home_area_id
               WHERE a.id IS NULL OR r.home_focus <> (a.focus_start IS NOT NULL))
"""


def _counts_sql(table: str, changes: bool) -> str:
    macro, columns = COUNTS[table]
    sql = f"INSERT INTO {table} BY NAME SELECT * FROM {macro}({'true' if changes else 'false'})"
    if changes:
        sql += " WHERE " + " OR ".join(f"{c} <> 0" for c in columns)
    return sql


_ROWS = " + ".join(f"(SELECT count(*) FROM {t})" for t in COUNTS)
# The count tables' rows now, and after the last compaction.
_GROWTH = f"SELECT {_ROWS}, (SELECT value FROM meta WHERE key = '{_META_ROWS}')::BIGINT"


def _count_rows(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute(f"SELECT {_ROWS}").fetchone()[0])


def _fill_counts(con: duckdb.DuckDBPyConnection) -> None:
    for table in COUNTS:
        con.execute(f"DELETE FROM {table}")
        con.execute(_counts_sql(table, changes=False))
    db.set_meta(con, _META_ROWS, str(_count_rows(con)))


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Build every rollup again from the data (inside the caller's transaction, if any)."""
    con.execute("DELETE FROM rollup_changes")
    con.execute("DELETE FROM rollup_enrolments")
    con.execute(FILL_ENROLMENTS)
    _fill_counts(con)


def compact(con: duckdb.DuckDBPyConnection) -> None:
    """Sum the count tables again from ``rollup_enrolments`` (drops the appended changes)."""
    _fill_counts(con)


def refresh(con: duckdb.DuckDBPyConnection, changed: Iterable[tuple[str, int | None]],
            inserted: Iterable[tuple[str, dict]] = ()) -> int:
    """Bring the rollups in step with a write, inside the write's transaction.

    ``changed`` names the records written as (table, id); ``inserted`` gives records inserted
    without their ids at hand, as (table, values) (a bulk import). Enrolments, offers and
    participants matter, other tables are ignored. The old values come from ``rollup_enrolments``
    (the participant an enrolment had, an offer's enrolments), the new ones from the tables.
    Returns how many participants were recomputed (-1: everything was rebuilt).
    """
    ids: dict[str, set[int]] = {t: set() for t in _TRACKED}
    for table, record_id in changed:
        if table in ids and record_id is not None:
            ids[table].add(int(record_id))
    # A new offer or participant has no enrolments yet; a new enrolment concerns its participant.
    who = ids["participants"] | {int(row["participant_id"]) for table, row in inserted
                                 if table == "enrolments" and row.get("participant_id") is not None}
    for table, sql in CONCERNED.items():
        if ids[table]:
            who |= {r[0] for r in con.execute(sql, {table: sorted(ids[table])}).fetchall()}
    if not who:
        return 0
    if len(who) > REBUILD_MIN and len(who) > REBUILD_SHARE * con.execute(
            "SELECT count(*) FROM rollup_enrolments").fetchone()[0]:
        rebuild(con)
        return -1
    params = {"ids": sorted(who)}
    con.execute(CHANGES[len(who) <= FEW], params)
    con.execute(DROP_OLD, params)
    con.execute(KEEP_NEW)
    for table in COUNTS:
        con.execute(_counts_sql(table, changes=True))
    con.execute("DELETE FROM rollup_changes")
    rows, compacted = con.execute(_GROWTH).fetchone()
    if rows > int(compacted or 0) * (1 + COMPACT_GROWTH) + _COMPACT_MIN_ROWS:
        compact(con)
    return len(who)


def refresh_areas(con: duckdb.DuckDBPyConnection) -> bool:
    """After areas changed (an area import): rebuild when an area's focus flag is not what the
    rollups were built with. New areas need nothing (no enrolment points at them yet). Returns
    whether it rebuilt."""
    if con.execute(FOCUS_CHANGED).fetchone()[0]:
        rebuild(con)
        return True
    return False


# --- self-check --------------------------------------------------------------------------------


def _periods(con: duckdb.DuckDBPyConnection) -> list:
    """Whole years, quarters and a run of five quarters over the data's years (overlapping periods
    are fine: each is computed on its own)."""
    from lokal.indicators import Period

    row = con.execute("SELECT min(month), max(month) FROM rollup_enrolments").fetchone()
    first = row[0] // 12 if row[0] is not None else date.today().year
    last = row[1] // 12 if row[1] is not None else first
    years = [Period(str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(first, last + 1)]
    quarters = [Period(f"{y}K{q}", date(y, 3 * q - 2, 1), date(y, 3 * q, calendar.monthrange(y, 3 * q)[1]))
                for y in range(first, last + 1) for q in range(1, 5)]
    span = quarters[1:6] if len(quarters) > 5 else quarters
    return [*years, *quarters, Period(f"{span[0].label}–{span[-1].label}", span[0].start, span[-1].end)]


def check(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Compare every enrolment indicator computed from the rollups with its base SQL.

    All areas, the kommune (also as the benchmark beside the areas), focus/other; no category and
    each category; years, quarters and a run of quarters. Returns the differences found, in Danish
    (an empty list: the rollups are right).
    """
    from lokal import indicators as ind

    ids = [i.id for i in ind.INDICATORS if i.rollup_sql]
    periods = _periods(con)
    problems: list[str] = []
    for category in (None, "kommunalt", "civilsamfund"):
        for by in ("area", "kommune", "focus", "benchmark"):
            frames = []
            for use in (False, True):
                if by == "benchmark":
                    areas, kommune = ind.compute_with_benchmark(con, periods, category=category, indicator_ids=ids,
                                                                _rollups=use)
                    frames.append(pd.concat([areas, kommune], ignore_index=True))
                else:
                    frames.append(ind.compute(con, periods, by=by, category=category, indicator_ids=ids,
                                              _rollups=use))
            problems += _differences(*frames, f"{by}, kategori {category or 'alle'}")
    return problems


def _differences(base: pd.DataFrame, rolled: pd.DataFrame, where: str) -> list[str]:
    if not base.dtypes.equals(rolled.dtypes) or len(base) != len(rolled):
        return [f"{where}: {len(rolled)} rækker fra rollups, {len(base)} fra grunddata"]
    keys = ["indicator", "unit", "period"]
    if not base[keys].equals(rolled[keys]):
        return [f"{where}: rækkerne kommer i en anden rækkefølge eller med andre enheder"]
    out = []
    for column in ("numerator", "denominator", "value"):
        a, b = base[column], rolled[column]
        same = (a == b) | (a.isna() & b.isna())
        for i in same[~same].index[:5]:
            out.append(f"{where}: {base.indicator[i]} for {base.unit[i]} i {base.period[i]}: {column} "
                       f"{b[i]} fra rollups, {a[i]} fra grunddata")
    return out

