"""Who may see and change what: users, roles, the role file, and the checks the data layer runs.

Four roles (see the README, "Login og roller"):

* ``admin`` — everything: all areas, every record, area and population import.
* ``leder`` — reads everything in all areas (also person-level rows and history) and sets the
  yearly targets; records no activity.
* ``koordinator`` — reads all aggregated figures; reads person-level rows (records, history) and
  writes only in their own areas. Partners are shared by all areas: a coordinator may add and
  correct them, but only an admin deletes one.
* ``byraad`` — council members: aggregated figures after small-number protection only; no
  person-level rows, no data entry, no raw exports.

Interpretations (migration 0014) are written by leaders (any area, or the kommune as a whole) and
coordinators (their own areas), edited only by their author and removed only by an admin.

The checks live here and are called by the data layer (:mod:`lokal.writes`, the guarded
functions in :mod:`lokal.queries`, :mod:`lokal.views`), so a page that forgets to hide
something still cannot get it: a refused call raises :class:`PermissionDenied`, whose message
is for the user, and leaves an ``audit_log`` row with action ``denied``.

A local system actor (the CLI, the demo builder, tests) is passed as a plain string and has
admin rights: it is whoever can already open the database file.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lokal import db
from lokal.records import ADMIN_TABLES

ROLES = ("admin", "leder", "koordinator", "byraad")
ROLE_NAMES = {"admin": "Administrator", "leder": "Leder", "koordinator": "Koordinator", "byraad": "Byrådsmedlem"}
_RANK = {role: i for i, role in enumerate(ROLES)}  # lower is more

# What a guarded read needs (see :func:`guarded`).
DETAILS = "detaljer"  # an area's operational details: offers, funnel, channels, log notes, targets
PERSONS = "personer"  # person-level rows: records with pseudonyms, history with before/after values
EXPORT = "eksport"  # raw downloads of tables (CSV/Excel)
ADMIN = "admin"  # areas, population, the role overview
RECORD = "registrering"  # record activity (coordinators in their own areas, see check_write)
TARGETS = "maal"  # set the yearly targets
APPROVE = "godkend"  # approve a period's figures for the council (lokal.approval)
_ALLOWED = {
    DETAILS: {"admin", "leder", "koordinator"},
    PERSONS: {"admin", "leder", "koordinator"},  # coordinators: own areas only
    EXPORT: {"admin", "leder", "koordinator"},
    ADMIN: {"admin"},
    RECORD: {"admin", "koordinator"},
    TARGETS: {"admin", "leder"},
    APPROVE: {"admin", "leder"},
}
_AREA_SCOPED = {PERSONS}  # permissions a coordinator has in their own areas only

# What each table's rows belong to, for the write check: an area column, or the offer's area.
_AREA_OF = {
    "offers": "SELECT area_id FROM offers WHERE id = ?",
    "sessions": "SELECT o.area_id FROM sessions s JOIN offers o ON o.id = s.offer_id WHERE s.id = ?",
    "enrolments": "SELECT o.area_id FROM enrolments e JOIN offers o ON o.id = e.offer_id WHERE e.id = ?",
    "collaborations": "SELECT area_id FROM collaborations WHERE id = ?",
    "knowledge_activities": "SELECT area_id FROM knowledge_activities WHERE id = ?",
    "log_entries": "SELECT area_id FROM log_entries WHERE id = ?",
    "targets": "SELECT area_id FROM targets WHERE id = ?",
    "participants": "SELECT home_area_id FROM participants WHERE id = ?",
    "areas": "SELECT id FROM areas WHERE id = ?",  # an area's own contact (migration 0012)
    "interpretations": "SELECT area_id FROM interpretations WHERE id = ?",  # migration 0014
}


class PermissionDenied(db.LokalDbError):
    """A call the user's role does not allow; the message is for the user (Danish)."""


@dataclass(frozen=True)
class User:
    """A logged-in person (or the local demo user). ``areas`` are area codes; None means all areas."""

    id: str  # the e-mail (or subject) from the login; what the audit log records
    name: str
    role: str
    areas: frozenset[str] | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"Ukendt rolle: {self.role!r}")

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]

    def has_area(self, code: str | None) -> bool:
        return self.areas is None or (code is not None and code in self.areas)


DEMO_USER = User("demo", "Administrator (uden login)", "admin")


def actor_name(user: User | str) -> str:
    """What the audit log records as the one who did it."""
    return user.id if isinstance(user, User) else user


def can(user: User | str, permission: str, area_code: str | None = None) -> bool:
    """Whether ``user`` has ``permission`` (in ``area_code`` for area-scoped permissions)."""
    if not isinstance(user, User):
        return True  # local system actor
    if user.role not in _ALLOWED[permission]:
        return False
    if user.role == "koordinator" and permission in _AREA_SCOPED and area_code is not None:
        return user.has_area(area_code)
    return True


def sees_release_only(user: User | str) -> bool:
    """Whether this viewer sees person figures only from the council's protected release
    (:mod:`lokal.release`): whole quarters and calendar years, protected together."""
    return isinstance(user, User) and user.role == "byraad"


def writable_areas(user: User | str, codes: Iterable[str]) -> list[str]:
    """The areas (of ``codes``) where ``user`` may record activity."""
    if not can(user, RECORD):
        return []
    return [c for c in codes if not isinstance(user, User) or user.has_area(c)]


def record_denial(con: duckdb.DuckDBPyConnection, user: User | str, what: str, key=None, detail: str = "") -> None:
    """Write a refused attempt to the audit log (its own single-statement transaction)."""
    con.execute(
        "INSERT INTO audit_log (user_name, action, table_name, record_key, after_json) VALUES (?, 'denied', ?, ?, ?)",
        [actor_name(user), what, None if key is None else str(key),
         json.dumps({"rolle": user.role if isinstance(user, User) else None, "begrundelse": detail},
                    ensure_ascii=False)],
    )


def require(con: duckdb.DuckDBPyConnection, user: User | str, permission: str, area_code: str | None = None,
            what: str = "") -> None:
    """Raise :class:`PermissionDenied` (and audit it) unless ``user`` has ``permission``."""
    if can(user, permission, area_code):
        return
    message = _denied_message(user, permission, area_code)
    record_denial(con, user, what or permission, area_code, message)
    raise PermissionDenied(message)


def _denied_message(user: User, permission: str, area_code: str | None) -> str:
    if user.role == "koordinator" and area_code is not None and permission in _AREA_SCOPED:
        return (f"Du har ikke adgang til personoplysninger i område {area_code}: som koordinator ser og "
                "retter du kun data i dine egne områder. Forsøget er skrevet i loggen.")
    return {
        DETAILS: "Din rolle giver adgang til samlede, beskyttede tal, ikke til områdets detaljer.",
        PERSONS: "Din rolle giver ikke adgang til oplysninger om enkeltpersoner.",
        EXPORT: "Din rolle giver ikke adgang til at hente rå data.",
        ADMIN: "Kun en administrator kan gøre dette.",
        RECORD: "Din rolle kan ikke registrere eller rette data.",
        TARGETS: "Kun ledere og administratorer sætter mål.",
        APPROVE: "Kun ledere og administratorer godkender en periodes tal.",
    }[permission] + " Forsøget er skrevet i loggen."


def guarded(permission: str, area: str | None = None):
    """Decorate a data function so it needs ``viewer=`` and checks ``permission`` before running.

    ``area`` names the function's parameter that holds an area code (checked for area-scoped
    permissions), or ``"record"`` for functions taking ``(table, key)`` of a record.
    Forgetting ``viewer`` is an error, never a silent pass.
    """

    def decorate(fn):
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(con, *args, viewer: User | str, **kwargs):
            code = None
            if area is not None:
                bound = sig.bind(con, *args, **kwargs)
                bound.apply_defaults()
                if area == "record":
                    code = record_area(con, bound.arguments["table"], bound.arguments["key"])
                elif area == "offer":
                    code = record_area(con, "offers", bound.arguments["offer_id"])
                else:
                    code = bound.arguments[area]
            require(con, viewer, permission, code, what=fn.__name__)
            return fn(con, *args, **kwargs)

        wrapper.permission = permission
        return wrapper

    return decorate


def record_area(con: duckdb.DuckDBPyConnection, table: str, record_id) -> str | None:
    """The code of the area a record belongs to (None for partners and unknown records)."""
    sql = _AREA_OF.get(table)
    if sql is None or record_id is None:
        return None
    row = con.execute(f"SELECT a.code FROM areas a WHERE a.id = ({sql})", [record_id]).fetchone()
    return row[0] if row else None


def _area_code(con, area_id) -> str | None:
    row = con.execute("SELECT code FROM areas WHERE id = ?", [area_id]).fetchone()
    return row[0] if row else None


def row_area(con, table: str, values: Mapping) -> tuple[bool, str | None]:
    """(whether the values decide the area, the area code they put the record in)."""
    if table in ("offers", "collaborations", "knowledge_activities", "log_entries", "targets"):
        if "area_id" in values:
            return True, _area_code(con, values["area_id"])
    elif table in ("sessions", "enrolments") and "offer_id" in values:
        return True, record_area(con, "offers", values["offer_id"])
    return False, None


def check_write(con: duckdb.DuckDBPyConnection, user: User | str, table: str, op: str, values: Mapping,
                record_id=None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` may make this change (not audited here:
    the caller audits the refusal after rolling back, see :func:`lokal.writes.apply`)."""
    if table == "interpretations" and isinstance(user, User):
        return _check_interpretation(con, user, op, values, record_id)
    if not isinstance(user, User) or user.role == "admin":
        return
    if table in ADMIN_TABLES:
        raise PermissionDenied("Kun en administrator kan ændre opsætningen (tilbudstyper, fokusperioder, kommuner, "
                               "brugere og roller). Forsøget er skrevet i loggen.")
    needed = TARGETS if table == "targets" else RECORD
    if not can(user, needed):
        if user.role == "byraad":
            reason = "Din rolle kan ikke registrere eller rette data."
        elif needed == TARGETS:
            reason = "Kun ledere og administratorer sætter mål."
        else:
            reason = "Som leder kan du sætte mål, men ikke registrere aktiviteter."
        raise PermissionDenied(reason + " Forsøget er skrevet i loggen.")
    if table == "targets":
        return  # a leader's: targets are set for any area
    # koordinator
    if table == "partners":
        if op in ("delete", "restore"):
            raise PermissionDenied("Aktører deles af alle områder; kun en administrator kan slette dem. "
                                   "Forsøget er skrevet i loggen.")
        return
    if table == "participants":
        # A participant is created with the enrolment (checked on its own) and may live anywhere;
        # an existing participant may be changed from an area where they are enrolled or live.
        if op == "insert" or _participant_in_areas(con, user, record_id):
            return
        raise PermissionDenied(f"Deltager nr. {record_id} hører ikke til dine områder. Forsøget er skrevet i loggen.")
    places = []
    if record_id is not None:
        places.append(record_area(con, table, record_id))
    decides, code = row_area(con, table, values)
    if decides:
        places.append(code)
    for code in places:
        if not user.has_area(code):
            raise PermissionDenied(
                f"Du kan kun registrere og rette data i dine egne områder ({', '.join(sorted(user.areas or []))}); "
                f"posten hører til område {code or 'ukendt'}. Intet er gemt, og forsøget er skrevet i loggen."
            )


def _check_interpretation(con, user: User, op: str, values: Mapping, record_id) -> None:
    """Interpretations (migration 0014): leaders write on any area or kommune, coordinators on their own
    areas; only the author edits a text (it is signed with their name), only an admin removes one;
    the council never writes."""
    denied = " Intet er gemt, og forsøget er skrevet i loggen."
    if user.role == "byraad":
        raise PermissionDenied("Som byrådsmedlem læser du fortolkningerne, men skriver ikke selv." + denied)
    if op in ("delete", "restore"):
        if user.role != "admin":
            raise PermissionDenied("Kun en administrator kan fjerne en fortolkning." + denied)
        return
    if op == "insert" and values.get("author") != user.id:
        raise PermissionDenied("En fortolkning skrives i dit eget navn." + denied)
    if op == "update":
        row = con.execute("SELECT author FROM interpretations WHERE id = ?", [record_id]).fetchone()
        if row is None or row[0] != user.id or ("author" in values and values["author"] != user.id):
            raise PermissionDenied("Kun forfatteren kan rette sin fortolkning." + denied)
    if user.role != "koordinator":
        return  # admin and leder: any area and the kommune as a whole
    places = [record_area(con, "interpretations", record_id)] if record_id is not None else []
    if "area_id" in values or op == "insert":
        places.append(_area_code(con, values.get("area_id")) if values.get("area_id") is not None else None)
    for code in places:
        if code is None or not user.has_area(code):
            raise PermissionDenied(
                f"Som koordinator skriver du kun fortolkninger for dine egne områder "
                f"({', '.join(sorted(user.areas or []))})." + denied)


def _participant_in_areas(con, user: User, participant_id) -> bool:
    codes = {r[0] for r in con.execute(
        "SELECT a.code FROM participants p JOIN areas a ON a.id = p.home_area_id WHERE p.id = $id "
        "UNION SELECT a.code FROM enrolments e JOIN offers o ON o.id = e.offer_id JOIN areas a ON a.id = o.area_id "
        "WHERE e.participant_id = $id", {"id": participant_id}).fetchall()}
    return any(user.has_area(c) for c in codes)


# --- The role file -----------------------------------------------------------------------------


class RoleFileError(ValueError):
    """The role file cannot be read; the message names the entry and the field (Danish)."""


@dataclass(frozen=True)
class Rule:
    role: str
    areas: frozenset[str] | None


@dataclass(frozen=True)
class RoleFile:
    """Who has which role: by e-mail first, then by group (``groups`` claim of the login token)."""

    users: Mapping[str, Rule]
    groups: Mapping[str, Rule]
    require_login: bool = False
    path: str | None = None

    def resolve(self, claims: Mapping) -> User | None:
        """The user for these login claims, or None when the role file gives them no role."""
        email = str(claims.get("email") or claims.get("preferred_username") or claims.get("upn") or "").strip()
        ident = email or str(claims.get("sub") or "")
        name = str(claims.get("name") or email or ident)
        rule = self.users.get(email.lower()) if email else None
        if rule is None:
            groups = claims.get("groups") or []
            if isinstance(groups, str):
                groups = [groups]
            found = [self.groups[g] for g in map(str, groups) if g in self.groups]
            if found:
                best = min(_RANK[r.role] for r in found)
                same = [r for r in found if _RANK[r.role] == best]
                areas = None if any(r.areas is None for r in same) else frozenset().union(*(r.areas for r in same))
                rule = Rule(ROLES[best], areas)
        if rule is None or not ident:
            return None
        return User(ident, name, rule.role, rule.areas if rule.role == "koordinator" else None)


EMPTY_ROLES = RoleFile({}, {})
ROLES_ENV = "LOKAL_ROLES"
DEFAULT_ROLES_PATH = Path(".streamlit") / "roles.toml"


def roles_path() -> Path:
    return Path(os.environ.get(ROLES_ENV) or DEFAULT_ROLES_PATH)


def load_roles(path: str | Path | None = None) -> RoleFile | None:
    """Read the role file (``$LOKAL_ROLES`` or ``.streamlit/roles.toml``); None when there is none."""
    path = Path(path) if path else roles_path()
    if not path.exists():
        return None
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RoleFileError(f"Rollefilen {path} kan ikke læses: {exc}") from exc
    return parse_roles(doc, str(path))


def parse_roles(doc: Mapping, path: str | None = None) -> RoleFile:
    users: dict[str, Rule] = {}
    groups: dict[str, Rule] = {}
    for section, key, target in (("users", "email", users), ("groups", "group", groups)):
        entries = doc.get(section, [])
        if not isinstance(entries, list):
            raise RoleFileError(f"Rollefilen: »{section}« skal skrives som [[{section}]]-afsnit.")
        for n, entry in enumerate(entries, start=1):
            where = f"Rollefilen, [[{section}]] nr. {n}"
            name = str(entry.get(key, "")).strip()
            if not name:
                raise RoleFileError(f"{where}: feltet »{key}« mangler.")
            role = entry.get("role")
            if role not in ROLES:
                raise RoleFileError(f"{where} ({name}): feltet »role« skal være en af {', '.join(ROLES)}, "
                                    f"ikke {role!r}.")
            areas = entry.get("areas")
            if role == "koordinator":
                if not areas or not isinstance(areas, list):
                    raise RoleFileError(f"{where} ({name}): en koordinator skal have »areas« (områdekoder), "
                                        "fx areas = [\"0101\"].")
                areas = frozenset(str(a) for a in areas)
            else:
                areas = None
            k = name.lower() if section == "users" else name
            if k in target:
                raise RoleFileError(f"{where}: {name} står der to gange.")
            target[k] = Rule(role, areas)
    require_login = doc.get("require_login", False)
    if not isinstance(require_login, bool):
        raise RoleFileError("Rollefilen: »require_login« skal være true eller false.")
    return RoleFile(users, groups, require_login, path)


def unknown_areas(con: duckdb.DuckDBPyConnection, roles: RoleFile) -> list[str]:
    """Area codes in the role file that the database does not have (a typo locks a coordinator out)."""
    named = set().union(*(r.areas for r in [*roles.users.values(), *roles.groups.values()] if r.areas))
    known = {r[0] for r in con.execute("SELECT code FROM areas").fetchall()}
    return sorted(named - known)


def overview(roles: RoleFile) -> list[dict]:
    """The role file as rows for the admin page: who (e-mail or group), role, areas."""
    rows = [{"who": email, "kind": "bruger", "role": rule.role,
             "areas": ", ".join(sorted(rule.areas)) if rule.areas else ""} for email, rule in roles.users.items()]
    rows += [{"who": group, "kind": "gruppe", "role": rule.role,
              "areas": ", ".join(sorted(rule.areas)) if rule.areas else ""} for group, rule in roles.groups.items()]
    return rows
