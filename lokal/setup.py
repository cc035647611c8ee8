"""Day one: what a kommune has set up and what comes next, and the set-up writes that are not records.

:func:`checklist` reads the database and says, step by step, what is done (kommune, areas,
population, offer types, focus periods, targets, users, first data, the last backup). The kommuner, the data
date and the catalogue of offer types are changed here, through the one audited write path
(:mod:`lokal.writes`), by admins only. Focus periods and offer types are ordinary records
(:mod:`lokal.records`, ``SETUP_KINDS``): forms and imports write them like any other record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from lokal import access, areas, backup, db, queries, writes
from lokal.access import User
from lokal.validate import ERROR, Problem


@dataclass(frozen=True)
class Step:
    id: str
    title: str  # Danish; the page translates
    done: bool
    detail: str  # Danish, with the figures
    page: str  # url path of the page where it is done
    optional: bool = False


COUNTS = """
SELECT
  (SELECT count(*) FROM kommuner WHERE deleted_at IS NULL),
  (SELECT count(*) FROM areas),
  (SELECT count(*) FROM areas WHERE adults > 0),
  (SELECT count(DISTINCT area_id) FROM area_health_profile),
  (SELECT count(*) FROM offer_types WHERE NOT coalesce(retired, false)),
  (SELECT count(*) FROM focus_periods WHERE deleted_at IS NULL),
  (SELECT count(*) FROM targets WHERE deleted_at IS NULL),
  (SELECT count(*) FROM role_assignments WHERE deleted_at IS NULL),
  (SELECT count(*) FROM offer_facts),
  (SELECT count(*) FROM live_sessions) + (SELECT count(*) FROM enrolment_facts)
    + (SELECT count(*) FROM live_knowledge_activities) + (SELECT count(*) FROM live_collaborations),
  (SELECT count(DISTINCT a.kommunekode) FROM areas a
   WHERE a.kommunekode NOT IN (SELECT code FROM kommuner WHERE deleted_at IS NULL))
"""


def checklist(con: duckdb.DuckDBPyConnection, login_configured: bool = False, lang: str = "da") -> list[Step]:
    """The set-up steps in the order a kommune takes them, each with whether it is done and a
    detail with the figures in ``lang`` (titles are Danish; the page translates them)."""
    (kommuner, n_areas, with_pop, with_profile, types, focus, targets, people, offers, facts,
     unnamed) = con.execute(COUNTS).fetchone()
    names = ", ".join(f"{n} ({c})" for c, n in con.execute(queries.KOMMUNER).fetchall())
    da = lang == "da"

    def say(danish: str, english: str) -> str:
        return danish if da else english

    kommune_detail = names or say("Ingen kommune er oprettet.", "No kommune has been added.")
    if unnamed:
        kommune_detail += say(f" {unnamed} kommunekode(r) i områderne har intet navn endnu.",
                              f" {unnamed} kommune code(s) of the areas have no name yet.")
    login = "" if login_configured else say(" Login er ikke sat op (se README, »Login og roller«).",
                                            " Login is not set up (see the README, 'Login and roles').")
    return [
        Step("kommune", "Kommune", kommuner > 0 and not unnamed, kommune_detail, "opsaetning"),
        Step("omraader", "Områder", n_areas > 0,
             say(f"{n_areas} områder.", f"{n_areas} areas.") if n_areas else
             say("Importér områdernes grænser fra en GeoJSON-fil.", "Import the areas' boundaries from a GeoJSON file."),
             "omraader"),
        Step("befolkning", "Befolkning", n_areas > 0 and with_pop == n_areas,
             say(f"{with_pop} af {n_areas} områder har befolkningstal.",
                 f"{with_pop} of {n_areas} areas have a population.")
             if n_areas else say("Importér befolkningstal pr. område fra CSV eller Excel.",
                                 "Import the population per area from CSV or Excel."), "omraader"),
        Step("sundhedsprofil", "Sundhedsprofil", n_areas > 0 and with_profile == n_areas,
             say(f"{with_profile} af {n_areas} områder har en lokal sundhedsprofil (behov og deltagelse "
                 "sammenholdes med den).", f"{with_profile} of {n_areas} areas have a local health profile (need "
                 "is set against participation with it).") if n_areas else
             say("Importér områdernes sundhedsprofil fra CSV eller Excel.",
                 "Import the areas' health profile from CSV or Excel."), "omraader", optional=True),
        Step("tilbudstyper", "Tilbudstyper", types > 0,
             say(f"{types} tilbudstyper i brug.", f"{types} offer types in use.") if types else
             say("Indlæs standardkataloget, eller opret jeres egne.", "Load the standard catalogue, or add your own."),
             "opsaetning"),
        Step("fokus", "Fokusområder", focus > 0,
             say(f"{focus} fokusperiode{'r' if focus != 1 else ''}.", f"{focus} focus period{'s' if focus != 1 else ''}.")
             if focus else
             say("Vælg de områder, indsatsen flyttes ud i, og hvornår.",
                 "Choose the areas the initiative moves into, and when."), "opsaetning"),
        Step("maal", "Mål", targets > 0,
             say(f"{targets} mål sat.", f"{targets} targets set.") if targets else
             say("Sæt mål pr. område og år.", "Set targets per area and year."), "maal", optional=True),
        Step("brugere", "Brugere og roller", people > 0 and login_configured,
             (say(f"{people} personer eller grupper har en rolle.", f"{people} people or groups have a role.")
              if people else say("Ingen har en rolle endnu.", "Nobody has a role yet.")) + login, "opsaetning"),
        Step("data", "Første data", offers > 0 and facts > 0,
             say(f"{offers} tilbud og aktiviteter med {facts} registreringer (afholdte gange, tilmeldinger, samarbejder, "
                 "vidensaktiviteter).", f"{offers} offers and activities with {facts} records (sessions, enrolments, "
                 "collaborations, knowledge activities).") if offers else
             say("Registrér det første tilbud, eller importér jeres regneark.",
                 "Record the first offer, or import your spreadsheets."), "aktivitetslog"),
        _backup_step(con, say),
    ]


BACKUP_DAYS = 7  # a backup older than this no longer counts as done


def _backup_step(con, say) -> Step:
    """When the last backup was taken and where it lies (meta ``last_backup``, see :mod:`lokal.backup`)."""
    last = backup.last(con)
    hours = backup.auto_hours()
    auto = say(f" Appen tager en automatisk kopi hver {hours:g}. time.", f" The app takes a copy every {hours:g} "
               "hours.") if hours else say(" Automatisk kopi: sæt LOKAL_BACKUP_HOURS (README, »Sikkerhedskopi«).",
                                            " Automatic copies: set LOKAL_BACKUP_HOURS (README, 'Backups').")
    if last is None:
        return Step("sikkerhedskopi", "Sikkerhedskopi", False,
                    say("Ingen sikkerhedskopi endnu: tag en på fanen »Sikkerhedskopi« nedenfor.",
                        "No backup yet: take one on the tab 'Backup' below.") + auto, "opsaetning")
    when = last["at"].strftime("%d-%m-%Y %H:%M")
    gone = "" if last["exists"] else say(" Filen findes ikke længere.", " The file no longer exists.")
    fresh = last["exists"] and datetime.now() - last["at"] <= timedelta(days=BACKUP_DAYS)
    old = "" if fresh or not last["exists"] else say(f" Den er over {BACKUP_DAYS} dage gammel.",
                                                      f" It is more than {BACKUP_DAYS} days old.")
    return Step("sikkerhedskopi", "Sikkerhedskopi", fresh,
                say(f"Seneste sikkerhedskopi: {when} ({last['file']}).", f"Last backup: {when} ({last['file']}).")
                + gone + old + auto, "opsaetning")


def next_step(steps: list[Step]) -> Step | None:
    """The first step that is not done (optional steps last)."""
    todo = [s for s in steps if not s.done]
    return next((s for s in todo if not s.optional), todo[0] if todo else None)


# --- Kommuner ------------------------------------------------------------------------------------


def check_kommune(code: str, name: str) -> tuple[dict, list[Problem]]:
    """Clean values for a kommune and the problems (field Kommunekode or Navn)."""
    problems = []
    clean_code = areas.normalise_kommunekode(code)
    if clean_code is None:
        problems.append(Problem(None, "Kommunekode", f"'{code}' er ikke en kommunekode (3–4 cifre, fx 0851)", ERROR))
    name = (name or "").strip()
    if not name:
        problems.append(Problem(None, "Navn", "skal udfyldes (fx Aalborg Kommune)", ERROR))
    elif len(name) > 120:
        problems.append(Problem(None, "Navn", "navnet er for langt (højst 120 tegn)", ERROR))
    return {"code": clean_code, "name": name}, problems


def save_kommune(con: duckdb.DuckDBPyConnection, user: User | str, code: str, name: str) -> str:
    """Add a kommune or rename it (by code); audited. Returns what was done, in Danish."""
    clean, problems = check_kommune(code, name)
    if problems:
        raise writes.WriteError("; ".join(p.text() for p in problems))
    row = con.execute("SELECT id, version, name, deleted_at FROM kommuner WHERE code = ?", [clean["code"]]).fetchone()
    if row is None:
        writes.insert(con, "kommuner", clean, user)
        return f"Kommunen {clean['name']} ({clean['code']}) er oprettet."
    changes = []
    if row[3] is not None:
        changes.append(writes.Change("kommuner", "restore", {}, row[0], row[1]))
    if row[2] != clean["name"]:
        changes.append(writes.Change("kommuner", "update", {"name": clean["name"]}, row[0], row[1] + len(changes)))
    if not changes:
        return f"Kommunen {clean['name']} ({clean['code']}) er uændret."
    writes.apply(con, changes, user)
    return f"Kommunen {clean['code']} hedder nu {clean['name']}."


def kommuner(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The kommuner with how many areas and adults each has."""
    return con.execute("""
        SELECT k.id, k.code, k.name, k.version, count(a.id) AS areas, coalesce(sum(a.adults), 0) AS adults
        FROM kommuner k LEFT JOIN areas a ON a.kommunekode = k.code
        WHERE k.deleted_at IS NULL GROUP BY ALL ORDER BY k.code""").df()


# --- The data date -------------------------------------------------------------------------------


def set_data_date(con: duckdb.DuckDBPyConnection, user: User | str, value: date | None) -> None:
    """Set the data date ("Data til og med"), or clear it (None) so it follows the latest recorded
    fact. Admins only; audited (table ``meta``) and the data version bumped, so pages follow."""
    if isinstance(user, User):
        access.require(con, user, access.ADMIN, what="data_date")
    before = db.get_meta(con, "data_date")
    after = value.isoformat() if value else None
    if before == after:
        return
    with writes.WRITE_LOCK, db.transaction(con):
        if after is None:
            con.execute("DELETE FROM meta WHERE key = 'data_date'")
        else:
            db.set_meta(con, "data_date", after)
        con.execute(
            "INSERT INTO audit_log (user_name, action, table_name, record_key, before_json, after_json) "
            "VALUES (?, 'update', 'meta', 'data_date', ?, ?)",
            [access.actor_name(user), json.dumps({"data_date": before}), json.dumps({"data_date": after})])
    db.bump_data_version(con)


# --- Lists for the page ----------------------------------------------------------------------------

OFFER_TYPES = """
SELECT t.id, t.version, t.name, t.category, t.kramm_kost, t.kramm_rygning, t.kramm_alkohol, t.kramm_motion,
       t.kramm_mental, t.outcome_label, coalesce(t.retired, false) AS retired,
       (SELECT count(*) FROM offer_facts o WHERE o.offer_type_id = t.id) AS offers
FROM offer_types t ORDER BY coalesce(t.retired, false), t.category, t.name
"""

FOCUS_PERIODS = """
SELECT p.id, p.version, p.area_id, a.code, a.name, p.start_date, p.end_date
FROM focus_periods p JOIN areas a ON a.id = p.area_id
WHERE p.deleted_at IS NULL ORDER BY a.name, p.start_date
"""


def area_names(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """{area id: name}, for the focus-period form's area choice."""
    return dict(con.execute("SELECT id, name FROM areas ORDER BY name").fetchall())


def offer_types(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(OFFER_TYPES).df()


def focus_periods(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(FOCUS_PERIODS).df()
