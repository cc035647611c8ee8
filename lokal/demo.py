"""Seeded demo data: Aalborg Kommune's local areas with almost three years of activity.

A new user sees a living dashboard at the first start. The data are invented but shaped
like the reference figures of Aalborg's programme (PRODUCT.md): six focus areas that get
about 40 municipal offers held locally and about 25 new civil-society activities in the
two-year focus period, smoking courses where about 90 % complete and half are smoke-free,
collaborations the areas carry on themselves, and so on.

Everything is drawn from ``numpy.random.default_rng(seed)`` and dated relative to
:data:`DATA_DATE`, never today, so the same seed always writes the same tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from shapely.geometry import Polygon

from lokal import access, approval, db, demo_directory, demo_health, demo_recruitment, geo, rollups
from lokal.areas import area_km2

DATA_DATE = date(2026, 11, 23)  # the data run up to this day
PERIOD_START = date(2024, 1, 1)
FOCUS_START = date(2024, 9, 1)
FOCUS_END = date(2026, 8, 31)
PLAN_END = date(2027, 3, 31)  # planned offers start no later than this
KOMMUNEKODE = "0851"
KOMMUNE_NAME = "Aalborg Kommune"
BASELINE_YEAR = 2024
FOLLOWUP_YEAR = 2026

# Hand-traced approximate outline of Aalborg Kommune (WGS84 lon/lat), Limfjorden included.
# fmt: off
OUTLINE = Polygon([
    (9.408, 56.936), (9.394, 57.012), (9.428, 57.017), (9.511, 57.013), (9.614, 56.976),
    (9.660, 57.004), (9.678, 57.034), (9.774, 57.054), (9.789, 57.091), (9.743, 57.132),
    (9.869, 57.147), (9.880, 57.184), (9.837, 57.222), (9.893, 57.231), (10.019, 57.193),
    (10.170, 57.116), (10.390, 57.088), (10.352, 57.011), (10.275, 56.938), (10.266, 56.858),
    (10.235, 56.850), (10.215, 56.813), (10.186, 56.818), (10.139, 56.868), (10.094, 56.870),
    (10.042, 56.905), (9.875, 56.887), (9.789, 56.960), (9.740, 56.962), (9.715, 56.921),
    (9.645, 56.923), (9.533, 56.878), (9.509, 56.885), (9.488, 56.920), (9.436, 56.918),
])
# fmt: on


@dataclass(frozen=True)
class AreaSpec:
    name: str
    kind: str
    lon: float  # the town or district centre; the Voronoi seed of the area's boundary
    lat: float
    adults: int
    deprivation: float  # 0 = kommune average, > 0 more health challenges
    focus: bool = False


AREAS = (
    AreaSpec("Aalborg Midtby", "bydel", 9.919, 57.048, 23000, 0.2),
    AreaSpec("Aalborg Øst", "boligområde", 10.000, 57.032, 15000, 1.5, True),
    AreaSpec("Vejgaard", "bydel", 9.955, 57.040, 12500, 0.2),
    AreaSpec("Hasseris", "bydel", 9.870, 57.038, 10500, -1.0),
    AreaSpec("Nørresundby", "bydel", 9.925, 57.062, 17000, 0.3),
    AreaSpec("Lindholm", "boligområde", 9.902, 57.080, 9000, 1.1, True),
    AreaSpec("Skalborg", "bydel", 9.885, 57.015, 8500, 0.1),
    AreaSpec("Gug", "bydel", 9.945, 57.020, 9000, -0.6),
    AreaSpec("Vadum", "landsby", 9.855, 57.118, 2300, 0.5, True),
    AreaSpec("Sulsted", "landsby", 9.965, 57.162, 1600, 0.2),
    AreaSpec("Vestbjerg", "landsby", 9.960, 57.128, 2400, -0.2),
    AreaSpec("Vodskov", "landsby", 10.025, 57.105, 3300, 0.0),
    AreaSpec("Vester Hassing", "landsby", 10.125, 57.070, 1700, 0.1),
    AreaSpec("Ulsted", "landsby", 10.245, 57.078, 1500, 0.3),
    AreaSpec("Hals", "landsby", 10.306, 56.996, 2300, 0.6, True),
    AreaSpec("Klarup", "landsby", 10.056, 57.012, 3600, -0.5),
    AreaSpec("Storvorde", "landsby", 10.100, 57.003, 2500, 0.1),
    AreaSpec("Gistrup", "landsby", 9.995, 56.990, 3400, -0.6),
    AreaSpec("Kongerslev", "landsby", 10.115, 56.897, 1600, 0.6, True),
    AreaSpec("Svenstrup", "landsby", 9.850, 56.975, 5000, 0.0),
    AreaSpec("Frejlev", "landsby", 9.820, 57.005, 1800, -0.4),
    AreaSpec("Nibe", "landsby", 9.637, 56.983, 4200, 0.5, True),
)

# Municipal offers held locally in each focus area during the focus period (≈ 40 in all).
FOCUS_MUNICIPAL = {"Aalborg Øst": 11, "Lindholm": 8, "Vadum": 5, "Hals": 6, "Nibe": 6, "Kongerslev": 4}
# New civil-society activities started in each focus area during the focus period (≈ 25).
FOCUS_CIVIL = {"Aalborg Øst": 6, "Lindholm": 5, "Vadum": 4, "Hals": 4, "Nibe": 3, "Kongerslev": 3}
AALBORG_OST_SMOKING_COURSES = 7  # ≈ 160 participants, as in the reference figures

COORDINATORS = {
    "Aalborg Øst": "Koordinator Mette",
    "Lindholm": "Koordinator Jonas",
    "Vadum": "Koordinator Sofie",
    "Hals": "Koordinator Lars",
    "Nibe": "Koordinator Hanne",
    "Kongerslev": "Koordinator Ahmad",
}
CONSULTANTS = ("Sundhedskonsulent Birgitte", "Sundhedskonsulent Peter")
PROJECT_LEAD = "Projektleder Karen"

# measure: (kommune-like base in %, relative change per unit of deprivation)
HEALTH_BASE = {
    "dagligrygning": (11.0, 0.55),
    "svaer_overvaegt": (18.0, 0.22),
    "fysisk_inaktiv": (28.0, 0.22),
    "daarligt_mentalt": (14.0, 0.25),
    "type2_diabetes": (5.5, 0.35),
    "kol": (4.5, 0.45),
    "hjertesygdom": (7.0, 0.18),
    "muskel_skelet": (21.0, 0.14),
}
# Relative change from baseline to follow-up: (focus areas, other areas).
HEALTH_TREND = {
    "dagligrygning": (-0.14, -0.04),
    "svaer_overvaegt": (-0.02, 0.01),
    "fysisk_inaktiv": (-0.08, -0.01),
    "daarligt_mentalt": (-0.05, 0.01),
    "type2_diabetes": (0.01, 0.02),
    "kol": (0.0, 0.0),
    "hjertesygdom": (0.0, 0.0),
    "muskel_skelet": (-0.03, 0.0),
}
EMPLOYMENT_ELSEWHERE = 77.0  # % employed outside social-housing areas (PRODUCT.md)

AGE_BANDS = ("18-29", "30-39", "40-49", "50-60", "61-74", "75+")
AGE_PROFILES = {
    "general": (0.07, 0.11, 0.17, 0.23, 0.29, 0.13),
    "target": (0.05, 0.09, 0.26, 0.34, 0.20, 0.06),  # the 40-60 target group, reached later
    "rehab": (0.01, 0.04, 0.14, 0.30, 0.37, 0.14),
    "working": (0.15, 0.21, 0.27, 0.30, 0.07, 0.00),
    "active": (0.16, 0.22, 0.25, 0.23, 0.12, 0.02),
    "senior": (0.00, 0.00, 0.02, 0.10, 0.55, 0.33),
}
CHANNELS = (
    "annonce", "lokalavis", "sociale medier", "plakat", "husstandsomdeling", "frontpersonale",
    "egen læge", "jobcenter", "fagforening", "boligforening", "mund-til-mund", "sms/telefon", "andet",
)  # fmt: skip


@dataclass(frozen=True)
class OfferTypeSpec:
    name: str
    category: str
    kramm: tuple[str, ...]
    sessions: tuple[int, int] | None  # None: runs weekly until further notice
    seats: tuple[int, int] | None  # None: no seat limit (an open-air event)
    cost: tuple[int, int]
    venues: tuple[str, ...]
    ages: str
    male: float
    completion: tuple[float, float]
    partner_kinds: tuple[str, ...] = ()
    outcome_label: str | None = None
    weight: float = 1.0


# fmt: off
OFFER_TYPES = (
    OfferTypeSpec(
        "Rygestopkursus", "kommunalt", kramm=("rygning",), sessions=(8, 8), seats=(12, 25),
        cost=(18000, 30000), venues=("fælleshus", "medborgerhus", "bibliotek"), ages="general", male=0.42,
        completion=(0.87, 0.96), partner_kinds=("boligforening", "lægepraksis", "apotek"),
        outcome_label="røgfri", weight=1.4),
    OfferTypeSpec(
        "Mobil genoptræning – type 2-diabetes", "kommunalt", kramm=("kost", "motion"), sessions=(12, 12),
        seats=(8, 14), cost=(40000, 70000), venues=("hal", "medborgerhus"), ages="rehab", male=0.50,
        completion=(0.76, 0.90), partner_kinds=("lægepraksis",)),
    OfferTypeSpec(
        "Hjerterehabilitering", "kommunalt", kramm=("kost", "motion", "rygning"), sessions=(10, 12),
        seats=(8, 14), cost=(45000, 75000), venues=("hal", "medborgerhus"), ages="rehab", male=0.58,
        completion=(0.76, 0.90), partner_kinds=("lægepraksis",)),
    OfferTypeSpec(
        "KOL-rehabilitering", "kommunalt", kramm=("motion", "rygning"), sessions=(10, 12), seats=(8, 14),
        cost=(40000, 65000), venues=("hal", "medborgerhus"), ages="rehab", male=0.48,
        completion=(0.72, 0.88), partner_kinds=("lægepraksis", "apotek")),
    OfferTypeSpec(
        "Livsstilskursus", "kommunalt", kramm=("kost", "motion", "mental"), sessions=(8, 10), seats=(12, 20),
        cost=(20000, 35000), venues=("fælleshus", "medborgerhus", "skole"), ages="general", male=0.36,
        completion=(0.72, 0.88), partner_kinds=("boligforening", "aftenskole")),
    OfferTypeSpec(
        "LIVA – digital livsstilscoaching", "kommunalt", kramm=("kost", "motion"), sessions=(10, 12),
        seats=(10, 20), cost=(15000, 25000), venues=("bibliotek", "medborgerhus"), ages="working", male=0.40,
        completion=(0.70, 0.86)),
    OfferTypeSpec(
        "Oplæg og kursus om rygsmerter", "kommunalt", kramm=("motion",), sessions=(4, 5), seats=(12, 25),
        cost=(8000, 15000), venues=("bibliotek", "hal", "medborgerhus"), ages="working", male=0.50,
        completion=(0.78, 0.92), partner_kinds=("fagforening", "arbejdsplads")),
    OfferTypeSpec(
        "Sundhedssamtaler på arbejdspladsen", "kommunalt",
        kramm=("kost", "rygning", "alkohol", "motion", "mental"), sessions=(1, 3), seats=(15, 25),
        cost=(10000, 25000), venues=("arbejdsplads",), ages="working", male=0.62, completion=(0.88, 0.98),
        partner_kinds=("arbejdsplads",)),
    OfferTypeSpec(
        "Oplæg om søvn", "kommunalt", kramm=("mental",), sessions=(1, 1), seats=(15, 25), cost=(3000, 6000),
        venues=("bibliotek", "medborgerhus", "fælleshus"), ages="general", male=0.38,
        completion=(0.85, 0.97)),
    OfferTypeSpec(
        "Digitalt tilbud ved let stress", "kommunalt", kramm=("mental",), sessions=(6, 8), seats=(10, 20),
        cost=(10000, 20000), venues=("bibliotek", "medborgerhus"), ages="working", male=0.30,
        completion=(0.70, 0.88), partner_kinds=("jobcenter",)),
    OfferTypeSpec(
        "Floorball", "civilsamfund", kramm=("motion",), sessions=None, seats=(12, 20), cost=(2000, 8000),
        venues=("hal",), ages="active", male=0.60, completion=(0.70, 0.90), partner_kinds=("forening",)),
    OfferTypeSpec(
        "Seniormotion", "civilsamfund", kramm=("motion",), sessions=None, seats=(12, 25), cost=(3000, 10000),
        venues=("hal", "medborgerhus"), ages="senior", male=0.35, completion=(0.75, 0.92),
        partner_kinds=("forening", "aftenskole")),
    OfferTypeSpec(
        "Udendørs koncert", "civilsamfund", kramm=("mental",), sessions=(1, 1), seats=None,
        cost=(8000, 20000), venues=("torv",), ages="general", male=0.45, completion=(1.0, 1.0),
        partner_kinds=("samråd", "andet"), weight=0.6),
    OfferTypeSpec(
        "Madværksted for seniorer", "civilsamfund", kramm=("kost",), sessions=(6, 8), seats=(8, 14),
        cost=(5000, 12000), venues=("skole", "fælleshus"), ages="senior", male=0.40, completion=(0.75, 0.92),
        partner_kinds=("aftenskole", "frivillige")),
    OfferTypeSpec(
        "Yoga", "civilsamfund", kramm=("motion", "mental"), sessions=None, seats=(10, 18), cost=(2000, 8000),
        venues=("medborgerhus",), ages="general", male=0.20, completion=(0.70, 0.90),
        partner_kinds=("aftenskole", "forening")),
    OfferTypeSpec(
        "Gåhold", "civilsamfund", kramm=("motion", "mental"), sessions=None, seats=(10, 25), cost=(0, 2000),
        venues=("bibliotek", "medborgerhus"), ages="general", male=0.40, completion=(0.70, 0.90),
        partner_kinds=("frivillige", "forening", "samråd"), weight=1.3),
    OfferTypeSpec(
        "Løbeklub for begyndere", "civilsamfund", kramm=("motion",), sessions=(10, 12), seats=(10, 25),
        cost=(0, 3000), venues=("hal",), ages="active", male=0.50, completion=(0.65, 0.85),
        partner_kinds=("forening",), weight=0.7),
    OfferTypeSpec(
        "Fællesspisning", "civilsamfund", kramm=("kost", "mental"), sessions=None, seats=(20, 25),
        cost=(3000, 10000), venues=("fælleshus", "medborgerhus"), ages="general", male=0.45,
        completion=(0.75, 0.92), partner_kinds=("frivillige", "boligforening", "andet")),
    OfferTypeSpec(
        "Mænds Mødested", "civilsamfund", kramm=("mental", "motion"), sessions=None, seats=(8, 15),
        cost=(2000, 6000), venues=("medborgerhus", "fælleshus"), ages="target", male=1.0,
        completion=(0.75, 0.92), partner_kinds=("frivillige", "forening"), weight=0.8),
)
# fmt: on
SMOKING = "Rygestopkursus"

VENUE_NAMES = {
    "fælleshus": "Fælleshuset {a}",
    "medborgerhus": "Medborgerhuset i {a}",
    "bibliotek": "{a} Bibliotek",
    "hal": "{a} Idrætscenter",
    "skole": "{a} Skole",
    "torv": "Torvet i {a}",
}

TABLES = (
    "areas", "area_health_profile", "kommune_health_profile", "offer_types", "partners", "offers", "sessions",
    "participants", "enrolments", "collaborations", "knowledge_activities", "log_entries", "targets",
)  # fmt: skip
SEQUENCES = {
    "areas": "seq_areas",
    "offer_types": "seq_offer_types",
    "partners": "seq_partners",
    "offers": "seq_offers",
    "sessions": "seq_sessions",
    "participants": "seq_participants",
    "enrolments": "seq_enrolments",
    "collaborations": "seq_collaborations",
    "knowledge_activities": "seq_knowledge",
    "log_entries": "seq_log",
    "targets": "seq_targets",
}


# Each demo focus area has one focus period (migration 0008 keeps them as records).
FOCUS_FROM_AREAS = """
INSERT INTO focus_periods (area_id, start_date, end_date)
SELECT id, focus_start, focus_end FROM areas WHERE focus_start IS NOT NULL ORDER BY id
"""


DEMO_LEADER = access.User("lene.holm@aalborg.demo", "Lene Holm (demo)", "leder")


def generate(con: duckdb.DuckDBPyConnection, seed: int = 42) -> dict[str, int]:
    """Write the whole demo data set into a freshly migrated, empty database in one transaction.

    Returns the number of rows written per table.
    """
    if not db.is_empty(con):
        raise db.LokalDbError("Demodata kan kun skrives i en tom database.")
    measures = [r[0] for r in con.execute("SELECT code FROM health_measures ORDER BY sort_order").fetchall()]
    tables = build_tables(seed, measures)
    demo_directory.fill(tables, seed)  # contacts, addresses and times for Tilbudsoversigt (own random stream)
    counts = {name: len(frame) for name, frame in tables.items()}
    with db.transaction(con):
        # A new database starts with the standard catalogue (lokal.catalogue); the demo writes the same
        # types with its own ids, so it replaces them (no offer points at them yet).
        con.execute("DELETE FROM offer_types")
        for name, frame in tables.items():
            _insert(con, name, frame)
        con.execute(FOCUS_FROM_AREAS)
        con.execute("INSERT INTO kommuner (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    [KOMMUNEKODE, KOMMUNE_NAME])
        for name, sequence in SEQUENCES.items():
            db.advance_sequence(con, sequence, int(tables[name]["id"].max()) if len(tables[name]) else 0)
        db.set_meta(con, "is_demo", "true")
        db.set_meta(con, "data_date", DATA_DATE.isoformat())
        db.set_meta(con, "kommune_name", KOMMUNE_NAME)
        db.set_meta(con, "kommunekode", KOMMUNEKODE)
        db.set_meta(con, "seed", str(seed))
        rollups.rebuild(con)
        db.bump_data_version(con)
        con.execute(
            "INSERT INTO audit_log (user_name, action, table_name, after_json) VALUES (?, ?, ?, ?)",
            ["demo", "demo", "*", json.dumps(counts, ensure_ascii=False)],
        )
    # The council sees approved periods only: the demo's leader has approved all but the last quarter.
    approval.approve_ended(con, DEMO_LEADER, leave_open=1, at=datetime.combine(DATA_DATE, time(9, 0)))
    return counts


def build_demo_db(path: str | Path, seed: int = 42, scale: float = 1.0) -> dict[str, int]:
    """Replace the database file at ``path`` with a new one holding the demo data; return row counts.

    ``scale`` 1 is Aalborg Kommune; any other scale draws synthetic areas over Denmark
    (:mod:`lokal.demo_scale`; 100 is national: about 2.150 areas and 10 million attendance rows).
    """
    if scale != 1:
        from lokal import demo_scale

        return demo_scale.build(path, scale, seed)
    path = Path(path)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = db.open_db(path, catalogue=False)
    try:
        return generate(con, seed)
    finally:
        con.close()


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if table not in TABLES:
        raise ValueError(f"unknown demo table {table!r}")
    view = f"demo_{table}"
    con.register(view, frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def build_tables(seed: int, measures: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The demo tables as data frames in foreign-key order, with explicit ids."""
    tables = _Builder(np.random.default_rng(seed), measures or list(HEALTH_BASE) + ["beskaeftigelse"]).run()
    # The profiles' respondents (for the evaluation's intervals) come from their own random stream.
    health = demo_health.with_respondents(tables["area_health_profile"], tables["areas"]["adults"].tolist(),
                                          [a.focus for a in AREAS], seed)
    tables["area_health_profile"] = health
    tables["kommune_health_profile"] = demo_health.kommune_respondents(tables["kommune_health_profile"], health)
    return demo_recruitment.shape(tables, seed)  # strategies that differ in reach and cost (issue 16)


# --- dates ---------------------------------------------------------------------------------------


def _holiday(d: date) -> bool:
    """Summer holiday and Christmas: no sessions those weeks."""
    return d.month == 7 or (d.month == 12 and d.day >= 22) or (d.month == 1 and d.day <= 3)


def _schedule(start: date, n: int | None, until: date | None = None) -> list[date]:
    """Weekly session dates from ``start`` (n of them, or all up to ``until``), skipping holidays."""
    dates: list[date] = []
    d = start
    while (n is None or len(dates) < n) and (until is None or d <= until):
        if not _holiday(d):
            dates.append(d)
        d += timedelta(days=7)
    return dates


def _add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _progress(d: date) -> float:
    """How far into the focus period ``d`` lies, 0..1."""
    span = (FOCUS_END - FOCUS_START).days
    return min(1.0, max(0.0, (d - FOCUS_START).days / span))


# --- the builder ---------------------------------------------------------------------------------


class _Builder:
    def __init__(self, rng: np.random.Generator, measures: list[str]):
        self.rng = rng
        self.measures = measures
        self.type_ids = {t.name: i + 1 for i, t in enumerate(OFFER_TYPES)}
        self.types = {t.name: t for t in OFFER_TYPES}

    # small helpers
    def day(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=int(self.rng.integers(0, (hi - lo).days + 1)))

    def start_day(self, lo: date, hi: date) -> date:
        """A weekday (Monday-Thursday) outside the holidays, on or after a day in [lo, hi]."""
        d = self.day(lo, hi)
        while d.weekday() > 3:
            d += timedelta(days=1)
        while _holiday(d):
            d += timedelta(days=7)
        return d

    def pick(self, options, p=None):
        """One of ``options``, uniformly or with probabilities ``p`` (which sum to 1)."""
        if p is None:
            return options[int(self.rng.integers(len(options)))]
        return options[min(len(options) - 1, int(np.searchsorted(np.cumsum(p), self.rng.random(), "right")))]

    def between(self, lo_hi: tuple[float, float]) -> float:
        return float(self.rng.uniform(lo_hi[0], lo_hi[1]))

    def run(self) -> dict[str, pd.DataFrame]:
        self.build_areas()
        self.build_partners()
        self.plan_offers()
        self.build_participation()
        self.build_collaborations()
        self.build_knowledge()
        self.build_log()
        return {
            "areas": self.areas,
            "area_health_profile": self.build_area_health(),
            "kommune_health_profile": self.build_kommune_health(),
            "offer_types": self.build_offer_types(),
            "partners": self.partners,
            "offers": self.offers,
            "sessions": self.sessions,
            "participants": self.participants,
            "enrolments": self.enrolments,
            "collaborations": self.collaborations,
            "knowledge_activities": self.knowledge,
            "log_entries": self.log,
            "targets": self.build_targets(),
        }

    # areas ----------------------------------------------------------------------------------
    def build_areas(self) -> None:
        tiles = geo.voronoi_tiles([(a.lon, a.lat) for a in AREAS], OUTLINE)
        # Rounding keeps the tiling: shared vertices lie on the same grid in both neighbours.
        self.tiles = [geo.from_geojson(geo.to_geojson(t)) for t in tiles]
        rows = []
        for i, (spec, tile) in enumerate(zip(AREAS, self.tiles, strict=True)):
            centre = geo.inside_point(tile)
            lon, lat = round(centre.x, 5), round(centre.y, 5)
            if not geo.contains(tile, lon, lat):
                centre = tile.point_on_surface()
                lon, lat = round(centre.x, 5), round(centre.y, 5)
            adults = int(round(spec.adults * self.rng.uniform(0.96, 1.04), -1))
            share = self.rng.uniform(0.30, 0.35)
            rows.append(
                {
                    "id": i + 1,
                    "code": f"AAL-{i + 1:02d}",
                    "name": spec.name,
                    "kommunekode": KOMMUNEKODE,
                    "kind": spec.kind,
                    "boundary_geojson": geo.to_geojson(tile),
                    "area_km2": area_km2(tile),
                    "centroid_lon": lon,
                    "centroid_lat": lat,
                    "adults": adults,
                    "adults_40_60": int(round(adults * share)),
                    "focus_start": FOCUS_START if spec.focus else None,
                    "focus_end": FOCUS_END if spec.focus else None,
                }
            )
        self.areas = pd.DataFrame(rows)
        self.adults = [r["adults"] for r in rows]
        centres = np.array([(a.lon, a.lat) for a in AREAS])
        dist = np.hypot(centres[:, None, 0] - centres[None, :, 0], centres[:, None, 1] - centres[None, :, 1])
        self.neighbours = [
            [int(j) for j in np.argsort(dist[i], kind="stable")[1:4]] for i in range(len(AREAS))
        ]
        self.venues = [self.area_venues(i) for i in range(len(AREAS))]

    def point_near_centre(self, i: int) -> tuple[float, float]:
        spec, tile = AREAS[i], self.tiles[i]
        spread = 0.006 if spec.kind != "landsby" else 0.004
        for _ in range(200):
            lon = round(spec.lon + float(self.rng.normal(0, spread * 1.7)), 5)
            lat = round(spec.lat + float(self.rng.normal(0, spread)), 5)
            if geo.contains(tile, lon, lat):
                return lon, lat
            spread *= 0.9
        raise AssertionError(f"no venue point inside {spec.name}")

    def area_venues(self, i: int) -> dict[str, tuple[str, float, float]]:
        name = AREAS[i].name
        return {
            kind: (pattern.format(a=name), *self.point_near_centre(i))
            for kind, pattern in VENUE_NAMES.items()
        }

    # partners -------------------------------------------------------------------------------
    def build_partners(self) -> None:
        rows: list[dict] = []
        self.area_partners: list[list[int]] = []
        self.partner_kind: dict[int, str] = {}
        self.partner_name: dict[int, str] = {}
        self.workplaces: dict[int, tuple[str, float, float]] = {}  # partner id -> venue

        def add(name: str, kind: str, area: int | None) -> int:
            pid = len(rows) + 1
            rows.append(
                {"id": pid, "name": name, "kind": kind, "area_id": None if area is None else area + 1}
            )
            self.partner_kind[pid] = kind
            self.partner_name[pid] = name
            return pid

        self.municipal_partners = [
            add(name, "kommunal forvaltning", None)
            for name in (
                "Sundheds- og Kulturforvaltningen",
                "Jobcenter Aalborg",
                "Ældre- og Handicapforvaltningen",
                "Familie- og Beskæftigelsesforvaltningen",
                "Skoleforvaltningen",
            )
        ]
        self.unions = [add(name, "fagforening", None) for name in ("3F Aalborg", "FOA Nordjylland")]
        companies = ("Maskinfabrik", "Transport", "Byg", "Fødevarer", "Plast", "Elektro")
        for i, spec in enumerate(AREAS):
            a = spec.name
            pool: list[tuple[str, str, float]] = [  # (name, kind, chance outside the focus areas)
                (f"{a} Samråd" if spec.kind == "landsby" else f"Samrådet i {a}", "samråd", 1.0),
                (f"{a} Idrætsforening", "forening", 0.8),
                (f"Lægehuset {a}", "lægepraksis", 0.5),
                (f"FOF Aalborg – {a}", "aftenskole", 0.3),
                (f"Ældre Sagen {a}", "forening", 0.3),
                (f"{a} Apotek", "apotek", 0.2),
                (f"Frivilliggruppen i {a}", "frivillige", 0.2),
                (f"{a} Kirke", "andet", 0.1),
                (f"AOF Nord – {a}", "aftenskole", 0.0),
                (f"Sundhedsambassadørerne i {a}", "frivillige", 0.0),
            ]
            if spec.kind == "boligområde":
                pool[1:1] = [
                    (f"Himmerland Boligforening, {a}", "boligforening", 0.0),
                    (f"Boligsocial helhedsplan {a}", "boligforening", 0.0),
                ]
            ids = []
            for name, kind, chance in pool:
                if spec.focus or self.rng.random() < chance:
                    ids.append(add(name, kind, i))
            for _ in range(int(self.rng.integers(1, 3)) if spec.focus else int(self.rng.random() < 0.3)):
                company = f"{a} {companies[int(self.rng.integers(len(companies)))]} A/S"
                if company not in [self.partner_name[p] for p in ids]:
                    pid = add(company, "arbejdsplads", i)
                    ids.append(pid)
                    self.workplaces[pid] = (company, *self.point_near_centre(i))
            self.area_partners.append(ids)
        self.partners = pd.DataFrame(rows).astype({"area_id": "Int64"})

    def local_partner(self, area: int, kinds: tuple[str, ...], fallback: bool = True) -> int | None:
        """A partner of one of ``kinds`` in the area (or a kommune-wide one), else any local partner."""
        ids = self.area_partners[area]
        preferred = [p for p in ids if self.partner_kind[p] in kinds]
        if not preferred and "fagforening" in kinds:
            preferred = self.unions
        if not preferred and "jobcenter" in kinds:
            preferred = self.municipal_partners[1:2]
        if not fallback:
            return self.pick(preferred) if preferred else None
        candidates = preferred or [p for p in ids if self.partner_kind[p] != "arbejdsplads"]
        return self.pick(candidates) if candidates else None

    # offers ---------------------------------------------------------------------------------
    def types_of(self, category: str) -> list[OfferTypeSpec]:
        return [t for t in OFFER_TYPES if t.category == category]

    def pick_type(self, category: str, exclude: str | None = None) -> OfferTypeSpec:
        options = [t for t in self.types_of(category) if t.name != exclude]
        weights = np.array([t.weight for t in options])
        return self.pick(options, weights / weights.sum())

    def adjusted(self, base: dict[str, int]) -> dict[str, int]:
        """The base allocation with an offer more or less here and there (never for the first area)."""
        counts = dict(base)
        names = list(counts)
        for _ in range(2):
            move = int(self.rng.integers(-1, 2))
            name = names[int(self.rng.integers(1, len(names)))]
            counts[name] = max(2, counts[name] + move)
        return counts

    def plan_offers(self) -> None:
        plans: list[dict] = []
        area_index = {a.name: i for i, a in enumerate(AREAS)}
        focus = [i for i, a in enumerate(AREAS) if a.focus]
        focus_last_start = FOCUS_END - timedelta(days=10)

        # The story: the focus areas get many offers during the focus period.
        for name, n in self.adjusted(FOCUS_MUNICIPAL).items():
            i = area_index[name]
            smoking = AALBORG_OST_SMOKING_COURSES if name == "Aalborg Øst" else int(self.rng.integers(1, 3))
            for k in range(n):
                kind = self.types[SMOKING] if k < smoking else self.pick_type("kommunalt", exclude=SMOKING)
                plans.append(self.plan(kind, i, self.start_day(FOCUS_START, focus_last_start)))
        for name, n in self.adjusted(FOCUS_CIVIL).items():
            i = area_index[name]
            for _ in range(n):
                # Civil society grows over the period: later starts are more likely.
                u = float(self.rng.random()) ** 0.7
                start = FOCUS_START + timedelta(days=int(u * (focus_last_start - FOCUS_START).days))
                plans.append(self.plan(self.pick_type("civilsamfund"), i, self.start_day(start, start)))
        for i in focus:  # a little before and after the focus period
            if self.rng.random() < 0.5:
                start = self.start_day(PERIOD_START, FOCUS_START - timedelta(days=40))
                plans.append(self.plan(self.pick_type("kommunalt"), i, start))
            if self.rng.random() < 0.6:
                start = self.start_day(FOCUS_END + timedelta(days=7), DATA_DATE - timedelta(days=14))
                plans.append(self.plan(self.pick_type("kommunalt"), i, start))

        # The other areas: a steady trickle over the whole period.
        for i, spec in enumerate(AREAS):
            if spec.focus:
                continue
            n_municipal = (
                int(self.rng.integers(4, 9)) if spec.kind != "landsby" else int(self.rng.integers(2, 5))
            )
            for _ in range(n_municipal):
                start = self.start_day(PERIOD_START, DATA_DATE - timedelta(days=14))
                plans.append(self.plan(self.pick_type("kommunalt"), i, start))
            for _ in range(int(self.rng.integers(1, 4))):
                start = self.start_day(PERIOD_START, DATA_DATE - timedelta(days=14))
                plans.append(self.plan(self.pick_type("civilsamfund"), i, start))

        # Cancelled, postponed and planned offers.
        others = [i for i, a in enumerate(AREAS) if not a.focus]
        for status, n in (
            ("aflyst", int(self.rng.integers(4, 7))),
            ("udskudt", int(self.rng.integers(1, 4))),
        ):
            for k in range(n):
                i = self.pick(focus) if k % 2 == 0 else self.pick(others)
                start = self.start_day(PERIOD_START, DATA_DATE - timedelta(days=30))
                plans.append(self.plan(self.pick_type("kommunalt"), i, start, status=status))
        for k in range(int(self.rng.integers(3, 7))):
            i = self.pick(focus) if k % 3 != 2 else self.pick(others)
            category = "kommunalt" if k % 2 == 0 else "civilsamfund"
            start = self.start_day(DATA_DATE + timedelta(days=7), PLAN_END - timedelta(days=7))
            plans.append(self.plan(self.pick_type(category), i, start, status="planlagt"))

        plans.sort(key=lambda p: (p["start_date"], p["area"], p["type"].name))
        counters: dict[tuple[int, str], int] = {}
        for oid, p in enumerate(plans, start=1):
            p["id"] = oid
            key = (p["area"], p["type"].name)
            counters[key] = counters.get(key, 0) + 1
            p["title"] = f"{p['type'].name} i {AREAS[p['area']].name}"
            if counters[key] > 1 or p["type"].category == "kommunalt":
                p["title"] += f", hold {counters[key]}"
        self.plans = plans
        self.offers = pd.DataFrame(
            [
                {
                    "id": p["id"],
                    "offer_type_id": self.type_ids[p["type"].name],
                    "area_id": p["area"] + 1,
                    "title": p["title"],
                    "venue_name": p["venue"][0],
                    "venue_lon": p["venue"][1],
                    "venue_lat": p["venue"][2],
                    "partner_id": p["partner"],
                    "start_date": p["start_date"],
                    "end_date": p["end_date"],
                    "planned_sessions": p["planned_sessions"],
                    "seats": p["seats"],
                    "volunteers": p["volunteers"],
                    "status": p["status"],
                    "cost": p["cost"],
                    "recruitment": p["recruitment"],
                }
                for p in plans
            ]
        ).astype({"partner_id": "Int64", "planned_sessions": "Int64", "seats": "Int64"})

    def plan(self, kind: OfferTypeSpec, area: int, start: date, status: str | None = None) -> dict:
        """One offer: dates, sessions, seats, venue, partner and status (from its dates, unless given)."""
        rng = self.rng
        spec = AREAS[area]
        in_focus = spec.focus and FOCUS_START <= start <= FOCUS_END
        later = in_focus and _progress(start) > 0.25
        if kind.sessions is None:  # a club: a season of 10-14 weeks, or weekly until further notice
            if rng.random() < 0.3:
                planned = int(rng.integers(10, 15))
                dates = _schedule(start, planned)
            else:
                planned = None
                stopped = status is None and rng.random() < 0.15  # some clubs fold again
                dates = _schedule(
                    start, int(rng.integers(15, 60)) if stopped else None, max(DATA_DATE, start)
                )
        else:
            planned = int(rng.integers(kind.sessions[0], kind.sessions[1] + 1))
            dates = _schedule(start, planned)
        running = planned is None and dates[-1] >= DATA_DATE - timedelta(days=7)
        end = None if running else dates[-1]
        if status is None:
            if end is not None and end < DATA_DATE:
                status = "gennemført"
            elif start <= DATA_DATE:
                status = "igangværende"
            else:
                status = "planlagt"
        if kind.seats is None:
            seats = None
        elif kind.name == SMOKING and spec.name == "Aalborg Øst" and in_focus:
            seats = int(rng.integers(22, 26))
        else:
            seats = int(rng.integers(kind.seats[0], kind.seats[1] + 1))

        partner = None
        chance = (
            0.85
            if kind.category == "civilsamfund" and spec.focus
            else (0.6 if kind.category == "civilsamfund" else (0.45 if in_focus else 0.1))
        )
        at_work = kind.venues == ("arbejdsplads",)
        if at_work:
            chance = 1.0
        if rng.random() < chance:
            partner = self.local_partner(area, kind.partner_kinds, fallback=not at_work)
        venue_kind = self.pick(kind.venues)
        if venue_kind == "arbejdsplads":
            venue = self.workplaces.get(partner) if partner is not None else None
            if venue is None:
                _, lon, lat = self.venues[area]["medborgerhus"]
                venue = (f"Virksomhed i {spec.name}", lon, lat)
        else:
            venue = self.venues[area][venue_kind]
        volunteers = 0
        if kind.category == "civilsamfund" and rng.random() < 0.65:
            volunteers = int(rng.integers(1, 7))
        elif in_focus and rng.random() < 0.15:
            volunteers = int(rng.integers(1, 3))
        if kind.category == "kommunalt":
            weights = (0.3, 0.3, 0.4) if later else ((0.4, 0.4, 0.2) if in_focus else (0.6, 0.3, 0.1))
            recruitment = self.pick(("åben", "afgrænset", "målrettet"), weights)
        else:
            recruitment = self.pick(("åben", "afgrænset", "målrettet"), (0.75, 0.2, 0.05))
        cost = round(float(rng.uniform(*kind.cost)) / 500) * 500.0
        return {
            "type": kind,
            "area": area,
            "start_date": start,
            "end_date": end,
            "dates": dates,
            "planned_sessions": planned,
            "seats": seats,
            "status": status,
            "partner": partner,
            "venue": venue,
            "volunteers": volunteers,
            "recruitment": recruitment,
            "cost": cost,
            "in_focus": in_focus,
        }

    # sessions, participants, enrolments -----------------------------------------------------
    def build_participation(self) -> None:
        self.session_rows: list[dict] = []
        self.participant_rows: list[dict] = []
        self.enrolment_rows: list[dict] = []
        self.pool: dict[tuple[int | None, str, str], list[int]] = {}
        notes = (
            "Instruktør syg – vikar fra Sundhedscentret",
            "Flyttet til andet lokale",
            "Ekstra gæster fra naboområdet",
            "Dårligt vejr, færre mødt op",
        )
        for p in self.plans:
            p["enrolled"] = 0
            if p["status"] not in ("igangværende", "gennemført"):
                continue
            held = [d for d in p["dates"] if d <= DATA_DATE]
            # An open-air event has no seats and no enrolments, only a head count.
            attendance = self.enrol(p, held) if p["seats"] is not None else self.head_count(held)
            for d, n in zip(held, attendance, strict=True):
                note = self.pick(notes) if self.rng.random() < 0.04 else None
                self.session_rows.append(
                    {"offer_id": p["id"], "session_date": d, "attendance": n, "note": note}
                )
        self.sessions = pd.DataFrame(self.session_rows)
        self.sessions.insert(0, "id", range(1, len(self.sessions) + 1))
        self.participants = pd.DataFrame(self.participant_rows).astype({"home_area_id": "Int64"})
        self.enrolments = pd.DataFrame(self.enrolment_rows)
        self.enrolments.insert(0, "id", range(1, len(self.enrolments) + 1))
        self.enrolments = self.enrolments.astype(
            {
                "sessions_attended": "Int64",
                "completed": "boolean",
                "outcome_end": "boolean",
                "outcome_followup": "boolean",
            }
        )

    def head_count(self, held: list[date]) -> list[int]:
        return [int(self.rng.integers(40, 160)) for _ in held]

    def participant(self, home: int | None, age: str, sex: str, taken: list[int]) -> int:
        """A participant id: sometimes someone already known from an earlier offer, else a new one."""
        key = (home, age, sex)
        known = [pid for pid in self.pool.get(key, []) if pid not in taken]
        if known and self.rng.random() < 0.15:
            return self.pick(known)
        pid = len(self.participant_rows) + 1
        self.participant_rows.append(
            {
                "id": pid,
                "pseudonym": f"P{pid:06d}",
                "age_band": age,
                "sex": sex,
                "home_area_id": None if home is None else home + 1,
            }
        )
        self.pool.setdefault(key, []).append(pid)
        return pid

    def enrol(self, p: dict, held: list[date]) -> list[int]:
        """Enrol participants in a held offer; return the attendance of each held session."""
        rng = self.rng
        kind: OfferTypeSpec = p["type"]
        area = p["area"]
        seats = p["seats"]
        focus_area = AREAS[area].focus
        later = p["in_focus"] and _progress(p["start_date"]) > 0.25
        if kind.name == SMOKING and AREAS[area].name == "Aalborg Øst" and p["in_focus"]:
            n = seats + int(rng.integers(-2, 2))
        elif focus_area:
            n = seats + int(rng.integers(-4, 2))
        else:
            n = seats + int(rng.integers(-7, 1))
        n = max(4, min(n, seats + 1))
        s = len(held)
        ongoing = p["status"] == "igangværende"

        # Who: age band, sex, home area.
        profile = np.array(AGE_PROFILES[kind.ages])
        male = kind.male
        if later:  # the focus areas reach the 40-60 target group and men better as time goes on
            if kind.ages != "senior":
                profile = 0.3 * profile + 0.7 * np.array(AGE_PROFILES["target"])
            male = min(1.0, male + 0.14)
        profile = profile / profile.sum()
        # Who attends what: rows are participants, columns are sessions.
        if kind.sessions is None:  # a club: a core group; members leave and others take their place
            joins: list[int] = []
            leaves: list[int] = []
            waiting = [
                0 if s <= 2 or rng.random() < 0.7 else int(rng.integers(1, min(s, 8))) for _ in range(n)
            ]
            while waiting:
                first = waiting.pop(0)
                last = min(s, first + int(rng.integers(6, 80))) if rng.random() < 0.5 else s
                joins.append(first)
                leaves.append(last)
                if last < s and rng.random() < 0.75 and last + 5 < s:
                    waiting.append(last + int(rng.integers(0, 6)))
            n = len(joins)
            join = np.array(joins, dtype=int)
            attend = np.zeros((n, s), dtype=bool)
            for j in range(n):
                attend[j, join[j] : leaves[j]] = rng.random(leaves[j] - join[j]) < rng.uniform(0.45, 0.9)
            completers = np.array([not ongoing and leaves[j] == s for j in range(n)], dtype=bool)
            p["enrolled"] = int((join == 0).sum())
        else:
            join = np.zeros(n, dtype=int)
            attend = np.zeros((n, s), dtype=bool)
            p["enrolled"] = n
            k_done = int(round(n * self.between(kind.completion)))
            completers = np.zeros(n, dtype=bool)
            completers[rng.permutation(n)[:k_done]] = True
            for j in range(n):
                if completers[j] or ongoing:
                    row = rng.random(s) < rng.uniform(0.8, 1.0)
                    need = int(np.ceil(0.75 * s)) if completers[j] and not ongoing else 0
                    missing = np.flatnonzero(~row)
                    rng.shuffle(missing)
                    row[missing[: max(0, need - int(row.sum()))]] = True
                else:
                    stop = int(rng.integers(0, max(1, int(0.6 * s))))
                    row = np.zeros(s, dtype=bool)
                    row[:stop] = rng.random(stop) < 0.75
                attend[j] = row

        # Outcomes (smoke-free at the end, after six months) for ended courses of a type that has one.
        has_outcome = kind.outcome_label is not None
        outcome_end = [None] * n
        outcome_followup = [None] * n
        if has_outcome and not ongoing:
            recorded = completers | (rng.random(n) < 0.5)
            k_free = int(round(recorded.sum() * rng.uniform(0.46, 0.56)))
            order = [int(j) for j in rng.permutation(n)]
            chosen = [j for j in order if completers[j]] + [
                j for j in order if recorded[j] and not completers[j]
            ]
            free = set(chosen[:k_free])
            followup_due = _add_months(p["end_date"], 6) <= DATA_DATE
            for j in range(n):
                if not recorded[j]:
                    continue
                outcome_end[j] = j in free
                if followup_due and rng.random() < 0.92:
                    outcome_followup[j] = bool(rng.random() < (0.88 if j in free else 0.07))

        taken: list[int] = []
        for j in range(n):
            u = rng.random()
            if u < 0.86:
                home = area
            elif u < 0.97:
                home = self.pick(self.neighbours[area])
            else:
                home = None
            sex = "mand" if rng.random() < male else ("andet" if rng.random() < 0.01 else "kvinde")
            age = self.pick(AGE_BANDS, profile)
            pid = self.participant(home, age, sex, taken)
            taken.append(pid)
            start = held[join[j]] if s else p["start_date"]
            if p["in_focus"]:  # response time shrinks over the focus period
                gap = min(10, int(rng.poisson(7.0 - 5.0 * _progress(p["start_date"]))))
            else:
                gap = int(rng.integers(1, 11))
            self.enrolment_rows.append(
                {
                    "participant_id": pid,
                    "offer_id": p["id"],
                    "inquiry_date": start - timedelta(days=gap),
                    "start_date": start,
                    "channel": self.channel(p, kind),
                    "sessions_attended": int(attend[j].sum()),
                    "completed": None if ongoing else bool(completers[j]),
                    "outcome_end": outcome_end[j],
                    "outcome_followup": outcome_followup[j],
                }
            )
        p["completed"] = int(completers.sum()) if not ongoing else None
        return [int(x) for x in attend.sum(axis=0)]

    def channel(self, p: dict, kind: OfferTypeSpec) -> str | None:
        if self.rng.random() < 0.03:
            return None
        w = dict.fromkeys(CHANNELS, 0.02)
        if kind.category == "civilsamfund":
            w.update(
                {
                    "mund-til-mund": 0.35,
                    "plakat": 0.12,
                    "sociale medier": 0.2,
                    "lokalavis": 0.1,
                    "husstandsomdeling": 0.08,
                }
            )
        else:
            w.update(
                {
                    "annonce": 0.15,
                    "lokalavis": 0.12,
                    "sociale medier": 0.18,
                    "plakat": 0.05,
                    "frontpersonale": 0.1,
                    "egen læge": 0.12,
                    "mund-til-mund": 0.08,
                }
            )
            if kind.ages == "rehab":
                w["egen læge"] = 0.45
            if kind.ages == "working":
                w.update({"fagforening": 0.08, "jobcenter": 0.08})
        if p["in_focus"]:
            w.update(
                {
                    "annonce": w["annonce"] * 0.5,
                    "frontpersonale": w["frontpersonale"] + 0.12,
                    "husstandsomdeling": w["husstandsomdeling"] + 0.08,
                    "jobcenter": w["jobcenter"] + 0.04,
                }
            )
            if AREAS[p["area"]].kind == "boligområde":
                w["boligforening"] += 0.12
        if p["recruitment"] == "målrettet":
            w["sms/telefon"] += 0.25
        elif p["recruitment"] == "afgrænset":
            w["frontpersonale"] += 0.08
        weights = np.array([w[c] for c in CHANNELS])
        return self.pick(CHANNELS, weights / weights.sum())

    # collaborations -------------------------------------------------------------------------
    def build_collaborations(self) -> None:
        rows: list[dict] = []
        seen: list[tuple] = []
        kinds = ("fælles aktivitet", "rekruttering", "lokaler", "netværk", "videndeling", "andet")
        kind_weights = np.array([0.3, 0.2, 0.2, 0.15, 0.1, 0.05])

        def add(partner: int, area: int, kind: str, start: date, end: date | None, carried: bool) -> None:
            key = (partner, area, kind, start)
            if key in seen:
                return
            seen.append(key)
            rows.append(
                {
                    "partner_id": partner,
                    "area_id": area + 1,
                    "kind": kind,
                    "start_date": start,
                    "end_date": end,
                    "carried_by_area": carried,
                }
            )

        for i, spec in enumerate(AREAS):
            local = [
                p for p in self.area_partners[i] if self.partner_kind[p] != "arbejdsplads"
            ] or self.area_partners[i]
            if spec.focus:
                carried_partner = self.pick(
                    [
                        p
                        for p in local
                        if self.partner_kind[p] in ("samråd", "forening", "frivillige", "boligforening")
                    ]
                    or local
                )
                start = self.day(FOCUS_START, FOCUS_START + timedelta(days=300))
                add(carried_partner, i, "fælles aktivitet", start, None, True)
                add(self.pick(local), i, "netværk", self.day(PERIOD_START, FOCUS_START), None, False)
                for _ in range(int(self.rng.integers(5, 9))):
                    u = float(self.rng.random()) ** 0.7  # more new collaborations as the work matures
                    start = FOCUS_START + timedelta(days=int(u * (FOCUS_END - FOCUS_START).days))
                    partner = (
                        self.pick(local) if self.rng.random() < 0.8 else self.pick(self.municipal_partners)
                    )
                    end = None
                    if self.rng.random() < 0.25 and start < DATA_DATE - timedelta(days=90):
                        end = self.day(start + timedelta(days=60), DATA_DATE)
                    add(partner, i, self.pick(kinds, kind_weights / kind_weights.sum()), start, end, False)
            else:
                for _ in range(int(self.rng.integers(0, 3))):
                    start = self.day(PERIOD_START, DATA_DATE - timedelta(days=30))
                    end = self.day(start + timedelta(days=30), DATA_DATE) if self.rng.random() < 0.3 else None
                    add(
                        self.pick(local),
                        i,
                        self.pick(kinds, kind_weights / kind_weights.sum()),
                        start,
                        end,
                        False,
                    )
        rows.sort(key=lambda r: (r["start_date"], r["area_id"], r["partner_id"], r["kind"]))
        self.collaborations = pd.DataFrame(rows)
        self.collaborations.insert(0, "id", range(1, len(rows) + 1))

    # knowledge activities -------------------------------------------------------------------
    def build_knowledge(self) -> None:
        rows: list[dict] = []
        talks = (
            "Oplæg: Sund mad på et stramt budget",
            "Oplæg: Bevægelse i hverdagen",
            "Oplæg: Rygestop – hvor starter man?",
            "Oplæg: Ensomhed og fællesskab",
            "Oplæg: Alkohol og sundhed",
            "Oplæg: Diabetes – kend dine tal",
            "Oplæg: Søvn og trivsel",
        )
        theme_days = ("Sundhedsdag i {a}", "Temadag: Bevæg dig glad", "Temadag: Sundhed i hverdagen")
        frontline = ("Kort rådgivning om rygestop for frontpersonale", "Den motiverende samtale")
        volunteer = ("Uddannelse af sundhedsambassadører", "Kursus for gåholdsledere")

        def add(i: int, kind: str, title: str, audience: str, when: date, attendees: int, trained: int = 0):
            rows.append(
                {
                    "area_id": i + 1,
                    "kind": kind,
                    "title": title,
                    "audience": audience,
                    "activity_date": when,
                    "attendees": attendees,
                    "trained": trained,
                }
            )

        def choose(titles: tuple[str, ...], k: int) -> list[str]:
            return [titles[int(j)] for j in self.rng.permutation(len(titles))[:k]]

        for i, spec in enumerate(AREAS):
            a = spec.name
            if spec.focus:
                add(
                    i,
                    "sundhedsprofil",
                    f"Lokal sundhedsprofil {BASELINE_YEAR} – {a}",
                    "partnere",
                    self.day(date(2024, 5, 1), date(2024, 8, 20)),
                    int(self.rng.integers(10, 30)),
                )
                add(
                    i,
                    "evaluering",
                    f"Evaluering af indsatsen i {a}",
                    "partnere",
                    self.day(date(2026, 9, 15), DATA_DATE - timedelta(days=7)),
                    int(self.rng.integers(10, 26)),
                )
                for title in choose(talks, int(self.rng.integers(3, 7))):
                    add(
                        i,
                        "oplæg",
                        title,
                        "borgere",
                        self.day(FOCUS_START, FOCUS_END),
                        int(self.rng.integers(12, 61)),
                    )
                for title in choose(theme_days, int(self.rng.integers(1, 3))):
                    add(
                        i,
                        "temadag",
                        title.format(a=a),
                        "borgere",
                        self.day(FOCUS_START, FOCUS_END),
                        int(self.rng.integers(40, 151)),
                    )
                for title in choose(frontline, int(self.rng.integers(1, 3))):
                    n = int(self.rng.integers(8, 21))
                    add(
                        i,
                        "uddannelse af frontpersonale",
                        title,
                        "frontpersonale",
                        self.day(FOCUS_START, FOCUS_END),
                        n,
                        n - int(self.rng.integers(0, 3)),
                    )
                for title in choose(volunteer, int(self.rng.integers(1, 3))):
                    n = int(self.rng.integers(5, 15))
                    add(
                        i,
                        "uddannelse af frivillige",
                        title,
                        "frivillige",
                        self.day(FOCUS_START, FOCUS_END),
                        n,
                        n,
                    )
            else:
                for title in choose(talks, int(self.rng.integers(0, 3))):
                    add(
                        i,
                        "oplæg",
                        title,
                        "borgere",
                        self.day(PERIOD_START, DATA_DATE),
                        int(self.rng.integers(10, 45)),
                    )
                if self.rng.random() < 0.25:
                    add(
                        i,
                        "temadag",
                        theme_days[0].format(a=a),
                        "borgere",
                        self.day(PERIOD_START, DATA_DATE),
                        int(self.rng.integers(30, 100)),
                    )
        rows.sort(key=lambda r: (r["activity_date"], r["area_id"], r["title"]))
        self.knowledge = pd.DataFrame(rows)
        self.knowledge.insert(0, "id", range(1, len(rows) + 1))

    # coordinator's log ----------------------------------------------------------------------
    def build_log(self) -> None:
        rows: list[dict] = []

        def author(i: int) -> str:
            spec = AREAS[i]
            if spec.focus:
                return PROJECT_LEAD if self.rng.random() < 0.1 else COORDINATORS[spec.name]
            return CONSULTANTS[i % 2]

        def add(i: int, when: date, category: str, text: str, link: str | None = None) -> None:
            when = min(when + timedelta(days=int(self.rng.integers(0, 3))), DATA_DATE)
            rows.append(
                {
                    "area_id": i + 1,
                    "entry_date": when,
                    "author": author(i),
                    "category": category,
                    "text": text,
                    "link": link,
                }
            )

        def logged(i: int) -> bool:
            return AREAS[i].focus or self.rng.random() < 0.4

        for p in self.plans:
            i, title, link = p["area"], p["title"], f"offers:{p['id']}"
            if not logged(i):
                continue
            venue = p["venue"][0]
            if p["status"] == "aflyst":
                add(
                    i,
                    p["start_date"] - timedelta(days=5),
                    "tilbud",
                    f"{title} er aflyst – for få tilmeldte.",
                    link,
                )
            elif p["status"] == "udskudt":
                add(
                    i,
                    p["start_date"] - timedelta(days=5),
                    "tilbud",
                    f"{title} er udskudt; vi finder en ny dato sammen med {venue}.",
                    link,
                )
            elif p["status"] == "planlagt":
                add(
                    i,
                    DATA_DATE - timedelta(days=int(self.rng.integers(5, 40))),
                    "tilbud",
                    f"{title} er planlagt med start {p['start_date']:%d-%m-%Y} i {venue}.",
                    link,
                )
            elif p["seats"] is None:
                people = int(self.sessions.loc[self.sessions["offer_id"] == p["id"], "attendance"].sum())
                add(i, p["start_date"], "tilbud", f"{title} samlede ca. {people} mennesker.", link)
            else:
                add(
                    i,
                    p["start_date"],
                    "tilbud",
                    f"{title} er startet i {venue} med {p['enrolled']} tilmeldte.",
                    link,
                )
                if p["status"] == "gennemført" and p.get("completed") is not None and self.rng.random() < 0.5:
                    add(
                        i,
                        p["end_date"],
                        "deltagelse",
                        f"{title} er afsluttet: {p['completed']} af {p['enrolled']} gennemførte.",
                        link,
                    )
        for r in self.collaborations.itertuples():
            i = r.area_id - 1
            if not logged(i):
                continue
            partner = self.partner_name[r.partner_id]
            link = f"collaborations:{r.id}"
            add(i, r.start_date, "samarbejde", f"Nyt samarbejde med {partner} om {r.kind}.", link)
            if r.carried_by_area:
                add(
                    i,
                    FOCUS_END - timedelta(days=int(self.rng.integers(0, 40))),
                    "samarbejde",
                    f"{partner} fortsætter det fælles arrangement på egen hånd efter projektperioden.",
                    link,
                )
        for r in self.knowledge.itertuples():
            i = r.area_id - 1
            if not logged(i):
                continue
            link = f"knowledge_activities:{r.id}"
            if r.trained:
                who = "frontmedarbejdere" if r.audience == "frontpersonale" else "frivillige"
                text = f"{r.title}: {r.trained} {who} uddannet."
            elif r.kind in ("sundhedsprofil", "evaluering"):
                text = f"{r.title} er færdig og fremlagt for {r.attendees} fra samråd og lokale partnere."
            else:
                text = f"{r.title} – {r.attendees} deltog."
            add(i, r.activity_date, "viden", text, link)
        extra_participation = (
            "Godt fremmøde i denne uge – flere nye ansigter.",
            "Færre deltagere end ventet; vi prøver SMS-påmindelse dagen før.",
            "Flere mænd end sidst – rekruttering via arbejdspladsen virker.",
            "Ventelisten er lang; vi overvejer et ekstra hold.",
        )
        extra_other = (
            "Stand ved sommerfesten – mange spørgsmål om rygestop.",
            "Møde med den boligsociale medarbejder om efterårets program.",
            "Programfolder omdelt til alle husstande af frivillige.",
            "Lokalavisen skrev om gåholdet.",
            "Møde i samrådet: ønsker flere aktiviteter for mænd.",
        )
        for i, spec in enumerate(AREAS):
            lo, hi = (FOCUS_START, DATA_DATE) if spec.focus else (PERIOD_START, DATA_DATE)
            n_part, n_other = (
                (int(self.rng.integers(4, 9)), int(self.rng.integers(3, 7)))
                if spec.focus
                else (0, int(self.rng.integers(1, 4)))
            )
            for _ in range(n_part):
                add(i, self.day(lo, hi), "deltagelse", self.pick(extra_participation))
            for _ in range(n_other):
                add(i, self.day(lo, hi), "andet", self.pick(extra_other))
        rows.sort(key=lambda r: (r["entry_date"], r["area_id"], r["category"], r["text"]))
        self.log = pd.DataFrame(rows)
        self.log.insert(0, "id", range(1, len(rows) + 1))

    # reference data, health, targets --------------------------------------------------------
    def build_offer_types(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "id": self.type_ids[t.name],
                    "name": t.name,
                    "category": t.category,
                    "kramm_kost": "kost" in t.kramm,
                    "kramm_rygning": "rygning" in t.kramm,
                    "kramm_alkohol": "alkohol" in t.kramm,
                    "kramm_motion": "motion" in t.kramm,
                    "kramm_mental": "mental" in t.kramm,
                    "has_outcome": t.outcome_label is not None,
                    "outcome_label": t.outcome_label,
                }
                for t in OFFER_TYPES
            ]
        )

    def build_area_health(self) -> pd.DataFrame:
        rows = []
        for i, spec in enumerate(AREAS):
            dep = spec.deprivation if spec.deprivation > 0 else 0.5 * spec.deprivation
            for measure in self.measures:
                if measure == "beskaeftigelse":
                    base = (
                        EMPLOYMENT_ELSEWHERE
                        - 21.0 * max(spec.deprivation, 0)
                        - 3.0 * min(spec.deprivation, 0)
                    )
                    value = base + float(self.rng.normal(0, 1.0))
                    later = value + (
                        float(self.rng.uniform(1.5, 3.0)) if spec.focus else float(self.rng.normal(0.5, 0.5))
                    )
                else:
                    if measure not in HEALTH_BASE:
                        raise KeyError(f"demo data has no figures for health measure {measure!r}")
                    level, effect = HEALTH_BASE[measure]
                    value = level * (1 + effect * dep) * (1 + float(self.rng.normal(0, 0.05)))
                    trend = HEALTH_TREND[measure][0 if spec.focus else 1]
                    later = value * (1 + trend + float(self.rng.normal(0, 0.015)))
                for year, v in ((BASELINE_YEAR, value), (FOLLOWUP_YEAR, later)):
                    rows.append(
                        {
                            "area_id": i + 1,
                            "year": year,
                            "measure": measure,
                            "value": round(min(99.0, max(0.1, v)), 1),
                            "source": f"Lokal sundhedsprofil {year}",
                        }
                    )
        self.area_health = pd.DataFrame(rows)
        return self.area_health

    def build_kommune_health(self) -> pd.DataFrame:
        weights = pd.Series(self.adults, index=range(1, len(AREAS) + 1), name="w")
        joined = self.area_health.join(weights, on="area_id")
        joined["wv"] = joined["value"] * joined["w"]
        sums = joined.groupby(["year", "measure"], sort=False)[["wv", "w"]].sum()
        rows = [
            {
                "kommunekode": KOMMUNEKODE,
                "year": int(year),
                "measure": measure,
                "value": round(float(r.wv / r.w) * (1 + float(self.rng.normal(0, 0.01))), 1),
                "source": "Danskernes Sundhed",
            }
            for (year, measure), r in sums.iterrows()
        ]
        return pd.DataFrame(rows)

    def build_targets(self) -> pd.DataFrame:
        """Targets for the focus areas near what they achieved, so some are met and some are not."""
        offers = self.offers.merge(
            self.build_offer_types()[["id", "category"]],
            left_on="offer_type_id",
            right_on="id",
            suffixes=("", "_type"),
        )
        offers["year"] = pd.to_datetime(offers["start_date"]).dt.year
        held = offers[offers["status"].isin(["igangværende", "gennemført"])]
        enrol = self.enrolments.merge(
            self.participants[["id", "home_area_id"]],
            left_on="participant_id",
            right_on="id",
            suffixes=("", "_p"),
        )
        enrol["year"] = pd.to_datetime(enrol["start_date"]).dt.year
        know = self.knowledge.assign(year=pd.to_datetime(self.knowledge["activity_date"]).dt.year)
        rows = []
        for i, spec in enumerate(AREAS):
            if not spec.focus:
                continue
            aid = i + 1
            for year in (2025, 2026):
                in_year = held[(held["area_id"] == aid) & (held["year"] == year)]
                active_partners = set(in_year["partner_id"].dropna().astype(int).tolist())
                c = self.collaborations
                c = c[
                    (c["area_id"] == aid)
                    & (pd.to_datetime(c["start_date"]).dt.year <= year)
                    & (c["end_date"].isna() | (pd.to_datetime(c["end_date"]).dt.year >= year))
                ]
                active_partners.update(c["partner_id"].astype(int).tolist())
                mine = enrol["home_area_id"].eq(aid).fillna(False) & (enrol["year"] == year)
                people = enrol.loc[mine, "participant_id"].nunique()
                actual = {
                    "kommunale_tilbud_afholdt": int((in_year["category"] == "kommunalt").sum()),
                    "nye_civilsamfundsaktiviteter": int((in_year["category"] == "civilsamfund").sum()),
                    "aktive_partnere": len(active_partners),
                    "vidensaktiviteter": int(((know["area_id"] == aid) & (know["year"] == year)).sum()),
                    "deltagere_pr_1000": 1000 * people / self.adults[i],
                }
                for indicator, value in actual.items():
                    target = value * float(self.rng.uniform(0.85, 1.25))
                    target = (
                        round(target, 1) if indicator == "deltagere_pr_1000" else float(max(1, round(target)))
                    )
                    rows.append({"area_id": aid, "indicator": indicator, "year": year, "value": target})
        frame = pd.DataFrame(rows)
        frame.insert(0, "id", range(1, len(rows) + 1))
        return frame
