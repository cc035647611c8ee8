"""The one audited write path: every insert, update, delete and restore goes through here.

Each call is one transaction that changes the record and writes an ``audit_log`` row (who,
when, table, key, before and after as JSON) together; the data version is bumped after the
commit, so cached pages show the change at once. Records carry a version: an update or delete
names the version it started from, and is refused with a :class:`StaleRecord` (showing what
changed) when someone else saved in between — nothing is overwritten silently.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import duckdb
import pandas as pd

from lokal import access, db, rollups
from lokal.access import PermissionDenied, User
from lokal.records import WRITABLE

# One writer at a time per process. DuckDB's own optimistic concurrency would refuse clashing
# transactions, but concurrent updates through cursors of one connection hit an internal error
# in DuckDB 1.4.4 ("Unaligned fetch in validity and main column data for update") that
# invalidates the database; writes are short, so serialising them costs little.
WRITE_LOCK = threading.RLock()

# References without a database foreign key (migration 0007: DuckDB refuses to update such a
# column in a row that others reference, so an offer could never move to another area). Every
# write checks them here, inside its transaction: (table, column) → (referenced table, field).
MOVABLE = {
    ("offers", "offer_type_id"): ("offer_types", "Tilbudstype"),
    ("offers", "area_id"): ("areas", "Område"),
    ("offers", "partner_id"): ("partners", "Partner"),
    ("participants", "home_area_id"): ("areas", "Bopælsområde"),
    ("partners", "area_id"): ("areas", "Område"),
    ("interpretations", "area_id"): ("areas", "Område"),
}


# areas.focus_start / focus_end summarise an area's live focus periods (migration 0008): the first
# start, and the last end unless a period is still open. The indicators and rollups read them.
FOCUS_SUMMARY = """
UPDATE areas SET focus_start = f.first, focus_end = f.last
FROM (SELECT a.id, min(p.start_date) AS first,
             CASE WHEN bool_or(p.id IS NOT NULL AND p.end_date IS NULL) THEN NULL ELSE max(p.end_date) END AS last
      FROM areas a LEFT JOIN focus_periods p ON p.area_id = a.id AND p.deleted_at IS NULL
      GROUP BY a.id) f
WHERE areas.id = f.id AND (areas.focus_start IS DISTINCT FROM f.first OR areas.focus_end IS DISTINCT FROM f.last)
"""


class WriteError(db.LokalDbError):
    """A write that was refused; the message is for the user."""


class StaleRecord(WriteError):
    """Someone else saved the record after you opened it."""

    def __init__(self, message: str, changes: dict[str, tuple]):
        super().__init__(message)
        self.changes = changes  # column → (value you started from, value now)


class Busy(WriteError):
    """Another save of the same record was committing at the same moment; try again."""


@dataclass(frozen=True)
class Ref:
    """In a batch, the id that an earlier insert (by position) returned."""

    index: int


@dataclass
class Change:
    """One change in a batch: ``op`` is insert | update | delete | restore."""

    table: str
    op: str
    values: dict = field(default_factory=dict)
    id: int | None = None
    version: int | None = None


def _json(row: dict | None) -> str | None:
    def conv(v):
        if v is None or v is pd.NaT or (isinstance(v, float) and v != v):  # pandas' missing values: no NaN in JSON
            return None
        if isinstance(v, (date, datetime)):
            return v.isoformat()
        if isinstance(v, Decimal):
            return float(v)
        return v

    return None if row is None else json.dumps({k: conv(v) for k, v in row.items()}, ensure_ascii=False)


def _check(table: str, columns: Iterable[str]) -> None:
    allowed = WRITABLE.get(table)
    if allowed is None:
        raise WriteError(f"Tabellen {table!r} kan ikke redigeres.")
    bad = [c for c in columns if c not in allowed]
    if bad:
        raise WriteError(f"Feltet {bad[0]!r} findes ikke i {table}.")


def _check_references(con, table: str, values: dict) -> None:
    """Refuse a value of a movable reference (see :data:`MOVABLE`) that points at no record."""
    for column, value in values.items():
        target = MOVABLE.get((table, column))
        if target is None or value is None:
            continue
        if con.execute(f"SELECT count(*) FROM {target[0]} WHERE id = ?", [value]).fetchone()[0] == 0:
            raise WriteError(f'Feltet "{target[1]}" peger på nr. {value}, som ikke findes. Intet er gemt.')


def _check_references_of(con, table: str, frame: str, columns: Iterable[str], rows: list[int]) -> None:
    """The same check for rows being inserted from a registered frame (``_row`` numbers them)."""
    for column in columns:
        target = MOVABLE.get((table, column))
        if target is None:
            continue
        bad = con.execute(
            f"SELECT min(_row), arg_min({column}, _row)::BIGINT FROM {frame} "
            f"WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT id FROM {target[0]})").fetchone()
        if bad[0] is not None:
            raise WriteError(f'Post {rows[bad[0]] + 1} i importen: feltet "{target[1]}" peger på nr. {bad[1]}, '
                             "som ikke findes. Intet er importeret.")


def fetch_row(con: duckdb.DuckDBPyConnection, table: str, record_id: int) -> dict | None:
    _check(table, [])
    cur = con.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row))


def _audit(con, user: str, action: str, table: str, key, before: dict | None, after: dict | None) -> None:
    con.execute(
        "INSERT INTO audit_log (user_name, action, table_name, record_key, before_json, after_json) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [user, action, table, None if key is None else str(key), _json(before), _json(after)],
    )


audit = _audit  # for the other audited writers (lokal.approval)


def _stale(con, table: str, started: dict | None, now: dict, version: int | None) -> StaleRecord:
    changes = {
        k: ((started or {}).get(k), v)
        for k, v in now.items()
        if k != "version" and started is not None and started.get(k) != v
    }
    who = con.execute(
        "SELECT user_name, changed_at FROM audit_log WHERE table_name = ? AND record_key = ? ORDER BY id DESC LIMIT 1",
        [table, str(now["id"])],
    ).fetchone()
    by = f"{who[0]} ({who[1]:%d-%m-%Y %H:%M})" if who else "en anden"
    return StaleRecord(
        f"Posten er blevet ændret af {by}, siden du åbnede den (din version {version}, nu version "
        f"{now.get('version')}). Intet er gemt; se ændringerne og prøv igen.",
        changes,
    )


def _apply_one(con, user: str, ch: Change, started: dict | None = None) -> int:
    table = ch.table
    _check(table, ch.values)
    _check_references(con, table, ch.values)
    if ch.op == "insert":
        cols = list(ch.values)
        placeholders = ", ".join("?" for _ in cols)
        (new_id,) = con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({placeholders}) RETURNING id",
            [ch.values[c] for c in cols],
        ).fetchone()
        _audit(con, user, "insert", table, new_id, None, fetch_row(con, table, new_id))
        return new_id
    before = fetch_row(con, table, ch.id)
    if before is None:
        raise WriteError(f"Posten {table} nr. {ch.id} findes ikke.")
    if ch.version is not None and before["version"] != ch.version:
        raise _stale(con, table, started, before, ch.version)
    if ch.op == "update":
        sets = dict(ch.values)
    elif ch.op == "delete":
        if table == "offer_types":
            raise WriteError("En tilbudstype slettes ikke, for dens tilbud skal beholde deres historik. "
                             "Markér den som udgået i stedet. Intet er gemt.")
        if table == "areas":
            raise WriteError("Et område slettes ikke her; kun dets kontaktoplysninger rettes. Intet er gemt.")
        if before["deleted_at"] is not None:
            raise WriteError(f"Posten {table} nr. {ch.id} er allerede slettet.")
        sets = {"deleted_at": datetime.now()}
    elif ch.op == "restore":
        sets = {"deleted_at": None}
    else:
        raise WriteError(f"Ukendt handling: {ch.op!r}")
    assignments = ", ".join(f"{c} = ?" for c in sets)
    # No RETURNING here: in DuckDB it turns the update into delete + insert, which a row that
    # other tables reference cannot survive.
    con.execute(
        f"UPDATE {table} SET {assignments}, version = version + 1 WHERE id = ? AND version = ?",
        [*sets.values(), ch.id, before["version"]],
    )
    after = fetch_row(con, table, ch.id)
    if after["version"] != before["version"] + 1:
        raise _stale(con, table, started, after, ch.version)
    _audit(con, user, ch.op, table, ch.id, before, after)
    return after["version"]


def apply(con: duckdb.DuckDBPyConnection, changes: list[Change], user: User | str,
          started: dict[int, dict] | None = None) -> list[int]:
    """Apply changes as one transaction (all or nothing); returns new ids (insert) or versions.

    ``user`` is the logged-in :class:`~lokal.access.User` (its role and areas are checked for
    every change; a refusal rolls everything back, is audited and raises
    :class:`~lokal.access.PermissionDenied`) or, for the CLI and the demo builder, a name.
    ``started`` may map a record id to the row as the user first saw it, so that a refusal can
    show exactly which fields someone else changed.
    """
    if not user:
        raise WriteError("Angiv, hvem du er, før du gemmer.")
    name = access.actor_name(user)
    current: Change | None = None
    try:
        with WRITE_LOCK, db.transaction(con):
            results: list[int] = []
            for ch in changes:
                values = {k: results[v.index] if isinstance(v, Ref) else v for k, v in ch.values.items()}
                ch = current = Change(ch.table, ch.op, values, ch.id, ch.version)
                access.check_write(con, user, ch.table, ch.op, values, ch.id)
                results.append(_apply_one(con, name, ch, (started or {}).get(ch.id)))
            rollups.refresh(con, [(c.table, r if c.op == "insert" else c.id) for c, r in zip(changes, results)])
            _after(con, {c.table for c in changes})
    except PermissionDenied as exc:
        _denied(con, user, current, exc)
        raise
    except duckdb.ConstraintException as exc:
        raise WriteError(_constraint_message(str(exc))) from exc
    except duckdb.Error as exc:
        raise refused(exc, "Intet er gemt", "den samme post") from exc
    db.bump_data_version(con)
    return results


def _after(con, tables: set[str]) -> None:
    """What a write to some tables implies, in the same transaction: a focus period changes the
    area's focus summary, and the rollups then follow the new focus flag."""
    if "focus_periods" in tables:
        con.execute(FOCUS_SUMMARY)
        rollups.refresh_areas(con)


def _denied(con, user: User | str, ch: Change | None, exc: PermissionDenied) -> None:
    """Audit a refused write after its transaction was rolled back (so the refusal itself stays)."""
    if ch is not None:
        with WRITE_LOCK:
            access.record_denial(con, user, ch.table, ch.id, f"{ch.op}: {exc}")


def refused(exc: duckdb.Error, nothing: str, what: str) -> WriteError:
    """A DuckDB refusal that is not about the disk (:func:`lokal.db.transaction` has told those apart):
    a real clash with another save of ``what`` is :class:`Busy`, anything else a plain refusal."""
    if isinstance(exc, duckdb.TransactionException) and "conflict" in str(exc).lower():
        return Busy(f"En anden gemte {what} i samme øjeblik. {nothing}; prøv igen.")
    return WriteError(f"Databasen afviste ændringen ({str(exc).splitlines()[0][:160]}). {nothing}; ret værdierne, "
                      "eller prøv igen, og kontakt IT, hvis det sker igen.")


def _constraint_message(text: str) -> str:
    if "Duplicate key" in text or "unique" in text.lower():
        return "Posten findes allerede (samme nøglefelter). Intet er gemt."
    if "foreign key" in text.lower():
        return "Posten henviser til noget, der ikke findes, eller andre poster henviser til den. Intet er gemt."
    if "CHECK" in text:
        return "En værdi er uden for det tilladte. Intet er gemt."
    return f"Databasen afviste ændringen: {text}"


def new_record(table: str, clean: dict, new_participants: dict[str, dict] | None = None) -> list[Change]:
    """The changes that create one validated record; a new pseudonymous participant is created with it."""
    participant = clean.get("participant_id")
    if table == "enrolments" and isinstance(participant, str):
        attrs = (new_participants or {}).get(participant, {})
        return [Change("participants", "insert", {"pseudonym": participant, **attrs}),
                Change(table, "insert", {**clean, "participant_id": Ref(0)})]
    return [Change(table, "insert", clean)]


def upsert_changes(con, table: str, clean: dict, key: tuple[str, ...]) -> list[Change]:
    """The change that saves ``clean``: an update when a live record has the same natural key, else an insert."""
    plan = plan_upsert(con, table, [clean], key)
    if plan.updates:
        record_id, version, diff = plan.updates[0]
        return [Change(table, "update", diff, record_id, version)]
    if plan.unchanged:
        return []
    return new_record(table, clean)


def insert(con, table: str, values: dict, user: User | str) -> int:
    return apply(con, [Change(table, "insert", values)], user)[0]


def update(con, table: str, record_id: int, values: dict, version: int, user: User | str,
           started: dict | None = None) -> int:
    return apply(con, [Change(table, "update", values, record_id, version)], user,
                 {record_id: started} if started else None)[0]


def delete(con, table: str, record_id: int, version: int, user: User | str) -> int:
    """Soft delete: the record is hidden everywhere but can be restored."""
    return apply(con, [Change(table, "delete", {}, record_id, version)], user)[0]


def restore(con, table: str, record_id: int, user: User | str) -> int:
    return apply(con, [Change(table, "restore", {}, record_id, None)], user)[0]


def last_change(con, user: User | str) -> dict | None:
    """The user's latest audited change that can be undone (inserts, updates, deletes, restores) of the
    records Aktivitetslog undoes: not an interpretation, which only an admin removes (lokal.access)."""
    user = access.actor_name(user)
    cur = con.execute(
        "SELECT id, action, table_name, record_key, before_json, after_json FROM audit_log "
        "WHERE user_name = ? AND action IN ('insert', 'update', 'delete', 'restore') "
        "AND table_name IN (SELECT unnest(?)) ORDER BY id DESC LIMIT 1",
        [user, [t for t in WRITABLE if t != "interpretations"]],
    )
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row))


def undo_last(con, user: User | str) -> str:
    """Undo the user's own last change (itself audited); returns what was done, in Danish."""
    last = last_change(con, user)
    if last is None:
        raise WriteError("Du har ingen ændringer at fortryde.")
    table, record_id = last["table_name"], int(last["record_key"])
    now = fetch_row(con, table, record_id)
    after = json.loads(last["after_json"]) if last["after_json"] else None
    if now is None or after is None or now["version"] != after["version"]:
        raise WriteError("Posten er ændret siden din sidste ændring og kan ikke fortrydes automatisk.")
    if last["action"] == "insert":
        apply(con, [Change(table, "delete", {}, record_id, now["version"])], user)
        return f"Oprettelsen af {table} nr. {record_id} er fortrudt (posten er slettet og kan gendannes)."
    if last["action"] == "delete":
        apply(con, [Change(table, "restore", {}, record_id, now["version"])], user)
        return f"Sletningen af {table} nr. {record_id} er fortrudt."
    if last["action"] == "restore":
        apply(con, [Change(table, "delete", {}, record_id, now["version"])], user)
        return f"Gendannelsen af {table} nr. {record_id} er fortrudt."
    before = json.loads(last["before_json"])
    values = {c: _from_json(before[c], now[c]) for c in WRITABLE[table] if c in before and before[c] != _to_json(now[c])}
    apply(con, [Change(table, "update", values, record_id, now["version"])], user)
    return f"Ændringen af {table} nr. {record_id} er fortrudt."


def _to_json(v):
    """A value as it is stored in the audit JSON (dates as ISO text, decimals as floats)."""
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    return v


def _from_json(value, like):
    if value is None:
        return None
    if isinstance(like, datetime):
        return datetime.fromisoformat(value)
    if isinstance(like, date):
        return date.fromisoformat(value)
    return value


@dataclass
class Plan:
    """What an upsert by natural key would do: new rows, (id, version, changed values), unchanged."""

    inserts: list[int] = field(default_factory=list)  # indexes into rows
    updates: list[tuple[int, int, dict]] = field(default_factory=list)
    unchanged: int = 0
    before: dict[int, dict] = field(default_factory=dict)  # record id → the live row an update changes
    updated_rows: list[int] = field(default_factory=list)  # index into rows of each update, in order


def plan_upsert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], key: tuple[str, ...]) -> Plan:
    """Match rows to live records on their natural key and work out what would change (reads only)."""
    plan = Plan()
    if not rows:
        return plan
    cols = list(rows[0])
    _check(table, [c for c in cols if c not in key])  # an area's contact is found by its id, never set
    keys = pd.DataFrame([{k: r.get(k) for k in key} for r in rows])
    keys.insert(0, "_row", range(len(rows)))
    # One string per key (NULL spelt out) so DuckDB can hash-join; IS NOT DISTINCT FROM on several
    # columns made it compare every pair (28 s for 50.000 rows instead of well under a second).
    def joined(alias: str) -> str:
        return " || '|' || ".join(f"coalesce(CAST({alias}.{k} AS VARCHAR), '∅')" for k in key)

    cond = f"{joined('t')} = {joined('n')}"
    con.register("_keys", keys)
    try:
        cur = con.execute(f"SELECT n._row, t.* FROM _keys n JOIN {table} t ON {cond} WHERE t.deleted_at IS NULL")
        names = [d[0] for d in cur.description]
        found = {r[0]: dict(zip(names[1:], r[1:])) for r in cur.fetchall()}
    finally:
        con.unregister("_keys")
    for i, new in enumerate(rows):
        old = found.get(i)
        if old is None:
            plan.inserts.append(i)
            continue
        diff = {c: new[c] for c in cols if _to_json(old.get(c)) != _to_json(new[c])}
        if diff:
            plan.updates.append((int(old["id"]), int(old["version"]), diff))
            plan.before[int(old["id"])] = old
            plan.updated_rows.append(i)
        else:
            plan.unchanged += 1
    return plan


def bulk_upsert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], key: tuple[str, ...], user: User | str,
                progress: Callable[[float], None] | None = None, chunk: int = 5000) -> dict[str, int]:
    """Insert or update many records by natural key in ONE transaction, audited row by row.

    Rows whose key exists (and is not deleted) are updated when a value differs, else left
    alone, so importing the same file twice creates no duplicates. ``progress`` gets 0–1.
    """
    if not rows:
        return {"inserted": 0, "updated": 0, "unchanged": 0}
    cols = list(rows[0])
    _check(table, [c for c in cols if c not in key])
    actor = user
    user = access.actor_name(actor)
    current: Change | None = None
    try:
        with WRITE_LOCK, db.transaction(con):
            plan = plan_upsert(con, table, rows, key)
            for i in plan.inserts:
                current = Change(table, "insert", rows[i])
                access.check_write(con, actor, table, "insert", rows[i])
            for record_id, _version, diff in plan.updates:
                current = Change(table, "update", diff, record_id)
                access.check_write(con, actor, table, "update", diff, record_id)
            total = max(1, len(plan.inserts) + len(plan.updates))
            done = 0
            for start in range(0, len(plan.inserts), chunk):
                part = pd.DataFrame([rows[i] for i in plan.inserts[start:start + chunk]], columns=cols)
                part.insert(0, "_row", range(len(part)))
                con.register("_new", part)
                _check_references_of(con, table, "_new", cols, plan.inserts[start:start + chunk])
                ids = con.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM _new ORDER BY _row "
                    "RETURNING id"
                ).fetchall()
                con.unregister("_new")
                audit = pd.DataFrame({
                    "user_name": user, "action": "import", "table_name": table,
                    "record_key": [str(i[0]) for i in ids],
                    "after_json": [_json(r) for r in part[cols].to_dict("records")],
                })
                con.register("_audit", audit)
                con.execute("INSERT INTO audit_log (user_name, action, table_name, record_key, after_json) "
                            "SELECT * FROM _audit")
                con.unregister("_audit")
                done += len(part)
                if progress:
                    progress(done / total)
            for record_id, version, diff in plan.updates:
                _apply_one(con, user, Change(table, "update", diff, record_id, version))
                done += 1
                if progress and done % 500 == 0:
                    progress(done / total)
            rollups.refresh(con, [(table, u[0]) for u in plan.updates], [(table, rows[i]) for i in plan.inserts])
            _after(con, {table})
    except PermissionDenied as exc:
        _denied(con, actor, current, exc)
        raise
    except duckdb.ConstraintException as exc:
        raise WriteError(_constraint_message(str(exc))) from exc
    except duckdb.Error as exc:
        raise refused(exc, "Intet er importeret", "de samme poster") from exc
    if progress:
        progress(1.0)
    db.bump_data_version(con)
    return {"inserted": len(plan.inserts), "updated": len(plan.updates), "unchanged": plan.unchanged}
