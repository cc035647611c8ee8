"""Who has which role: kept in the database, edited by admins on the page Opsætning.

The database (table ``role_assignments``) is the source of truth. The role file
(``.streamlit/roles.toml``, :mod:`lokal.access`) is an optional seed: at start, every entry of
the file that the database does not know yet (by e-mail or group, deleted ones included) is
added, audited as ``rollefil``; an entry the database already has is left as the database has
it, so a change made in the app is never undone by the file. ``require_login`` stays in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from lokal import access, writes
from lokal.access import ROLES, RoleFile, Rule, User
from lokal.validate import ERROR, Problem

KINDS = ("bruger", "gruppe")
SEED_USER = "rollefil"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

LIVE = """
SELECT id, kind, who, role, coalesce(areas, '') AS areas, coalesce(note, '') AS note, version
FROM role_assignments WHERE deleted_at IS NULL ORDER BY kind, role, who
"""
BY_WHO = "SELECT id, version, deleted_at FROM role_assignments WHERE kind = ? AND who = ?"


def _areas(text: str | None) -> frozenset[str]:
    return frozenset(a.strip() for a in re.split(r"[,;\s]+", text or "") if a.strip())


def book(con: duckdb.DuckDBPyConnection, require_login: bool = False) -> RoleFile:
    """The live assignments as a :class:`~lokal.access.RoleFile`, which resolves a login to a user."""
    users: dict[str, Rule] = {}
    groups: dict[str, Rule] = {}
    for _id, kind, who, role, areas, _note, _v in con.execute(LIVE).fetchall():
        rule = Rule(role, _areas(areas) if role == "koordinator" else None)
        (users if kind == "bruger" else groups)[who.lower() if kind == "bruger" else who] = rule
    return RoleFile(users, groups, require_login, "databasen")


@access.guarded(access.ADMIN)
def listing(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every live assignment, for the admin page."""
    return con.execute(LIVE).df()


@dataclass
class Entry:
    """One assignment as the admin typed it (before checking)."""

    kind: str
    who: str
    role: str
    areas: str = ""
    note: str = ""


def check(con: duckdb.DuckDBPyConnection, entry: Entry, record_id: int | None = None) -> tuple[dict, list[Problem]]:
    """Clean values for ``role_assignments`` and the problems, each naming the entry and the field."""
    who = (entry.who or "").strip()
    kind = entry.kind
    if kind == "bruger":
        who = who.lower()  # logins are matched on the e-mail whatever its case
    label = "E-mail" if kind == "bruger" else "Gruppe"
    name = f"{'Bruger' if kind == 'bruger' else 'Gruppe'} {who or '(uden navn)'}"
    problems: list[Problem] = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(None, field, f"{name}: {message}", ERROR))

    if kind not in KINDS:
        bad("Type", f"skal være bruger eller gruppe, ikke {kind!r}")
    if not who:
        bad(label, "skal udfyldes")
    elif kind == "bruger":
        if not _EMAIL.match(who):
            bad(label, f"'{who}' er ikke en e-mailadresse (fx karen@kommune.dk)")
    elif len(who) > 200:
        bad(label, "gruppens id er for langt (højst 200 tegn)")
    if entry.role not in ROLES:
        bad("Rolle", f"skal være en af {', '.join(ROLES)}, ikke {entry.role!r}")
    codes = _areas(entry.areas)
    if entry.role == "koordinator":
        known = {r[0] for r in con.execute("SELECT code FROM areas").fetchall()}
        if not codes:
            bad("Områder", "en koordinator skal have mindst ét område (områdekoder, fx AAL-09)")
        elif codes - known:
            bad("Områder", f"områdekoden {', '.join(sorted(codes - known))} findes ikke (se siden Områder)")
    else:
        codes = frozenset()
    if who and kind in KINDS:
        row = con.execute(BY_WHO, [kind, who]).fetchone()
        if row and row[2] is None and row[0] != record_id:
            bad(label, f"{who} har allerede en rolle; ret den i stedet for at tilføje en ny")
    clean = {"kind": kind, "who": who, "role": entry.role, "areas": ", ".join(sorted(codes)) or None,
             "note": (entry.note or "").strip() or None}
    return clean, problems


def _admins_left(con, record_id: int | None, new_role: str | None) -> int:
    """How many live admin assignments there would be if ``record_id`` got ``new_role`` (None: removed)."""
    rows = con.execute("SELECT id, role FROM role_assignments WHERE deleted_at IS NULL").fetchall()
    return sum(1 for i, role in rows if (new_role if i == record_id else role) == "admin") + (
        1 if record_id is None and new_role == "admin" else 0)


def _keep_an_admin(con, record_id: int | None, new_role: str | None) -> None:
    had = _admins_left(con, -1, None)
    if had and not _admins_left(con, record_id, new_role):
        raise writes.WriteError("Der skal være mindst én administrator; giv en anden rollen admin først. "
                                "Intet er gemt.")


def save(con: duckdb.DuckDBPyConnection, user: User | str, clean: dict, record_id: int | None = None,
         version: int | None = None) -> int:
    """Add (``record_id`` None) or change an assignment, audited; a deleted one with the same
    e-mail or group is restored and changed. Returns the record id."""
    _keep_an_admin(con, record_id, clean["role"])
    if record_id is not None:
        writes.update(con, "role_assignments", record_id, clean, version, user)
        return record_id
    row = con.execute(BY_WHO, [clean["kind"], clean["who"]]).fetchone()
    if row is None:
        return writes.insert(con, "role_assignments", clean, user)
    writes.apply(con, [writes.Change("role_assignments", "restore", {}, row[0], row[1]),
                       writes.Change("role_assignments", "update", clean, row[0], row[1] + 1)], user)
    return row[0]


def remove(con: duckdb.DuckDBPyConnection, user: User | str, record_id: int, version: int) -> None:
    """Take someone's role away (soft delete, audited; can be restored by adding them again)."""
    _keep_an_admin(con, record_id, None)
    writes.delete(con, "role_assignments", record_id, version, user)


def seed_from_file(con: duckdb.DuckDBPyConnection, roles: RoleFile) -> int:
    """Add the role file's entries that the database does not know; returns how many were added."""
    known = {(k, w) for k, w in con.execute("SELECT kind, who FROM role_assignments").fetchall()}
    changes = []
    for kind, entries in (("bruger", roles.users), ("gruppe", roles.groups)):
        for who, rule in entries.items():
            if (kind, who) in known:
                continue
            changes.append(writes.Change("role_assignments", "insert", {
                "kind": kind, "who": who, "role": rule.role,
                "areas": ", ".join(sorted(rule.areas)) if rule.areas else None,
                "note": f"fra {roles.path or 'rollefilen'}"}))
    if changes:
        writes.apply(con, changes, SEED_USER)
    return len(changes)


def differences(con: duckdb.DuckDBPyConnection, roles: RoleFile) -> list[str]:
    """Entries where the role file says something else than the database (the database applies)."""
    mine = book(con)
    out = []
    for kind, file_entries, db_entries in (("Bruger", roles.users, mine.users), ("Gruppe", roles.groups, mine.groups)):
        for who, rule in file_entries.items():
            have = db_entries.get(who)
            if have is not None and have != rule:
                out.append(f"{kind} {who}: rollefilen siger {rule.role}"
                           f"{' (' + ', '.join(sorted(rule.areas)) + ')' if rule.areas else ''}, databasen "
                           f"{have.role}{' (' + ', '.join(sorted(have.areas)) + ')' if have.areas else ''}; "
                           "databasen gælder.")
    return out
