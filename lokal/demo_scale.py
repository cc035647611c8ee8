"""Scaled demo data: many areas over Denmark, vectorised, for performance work (issue 7).

``python -m lokal demo --scale S``: S = 1 is the default municipality (:mod:`lokal.demo`);
any other S draws ``round(21.5 * S)`` synthetic areas (Voronoi cells over a coarse outline
of Denmark, grouped into kommuner) with about 500 offers, 10.000 enrolments and 100.000
attendance rows per S. S = 100 is the national setting: about 2.150 areas, 50.000 offers,
1.000.000 enrolments and 10.000.000 attendance rows.

Everything is numpy arrays handed to DuckDB as data frames, in chunks where they are big,
so the national build stays well under 4 GB. Seeded: the same seed and scale give the
same data. The invariants the tests check: attendance rows per session equal
``sessions.attendance``, rows per enrolment equal ``enrolments.sessions_attended``, every
enrolment is on a held offer, and sessions lie between the offer's start and the data date.
"""

from __future__ import annotations

import json
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Polygon

from lokal import db, geo, rollups
from lokal.demo import (
    AGE_BANDS,
    CHANNELS,
    DATA_DATE,
    FOCUS_END,
    FOCUS_FROM_AREAS,
    FOCUS_START,
    HEALTH_BASE,
    OFFER_TYPES,
    PERIOD_START,
    PLAN_END,
    SEQUENCES,
    _insert,
)

NATIONAL_SCALE = 100.0
AREAS_PER_SCALE = 21.5
OFFERS_PER_AREA = 50_000 / 2_150
KOMMUNER = 98
CHUNK = 2_000_000  # attendance rows inserted per statement

# Coarse outline of Denmark (WGS84 lon/lat): Jylland, Fyn, Sjælland, Lolland-Falster, Bornholm.
# fmt: off
DENMARK = shapely.union_all([
    Polygon([(8.66, 54.91), (9.42, 54.83), (9.95, 54.87), (9.60, 55.20), (9.75, 55.55), (10.00, 55.75),
             (10.25, 56.00), (10.95, 56.35), (10.60, 56.55), (10.30, 56.60), (10.35, 56.95), (10.55, 57.50),
             (10.60, 57.74), (10.40, 57.60), (9.95, 57.58), (9.40, 57.15), (8.60, 57.10), (8.20, 56.80),
             (8.10, 56.30), (8.15, 55.55), (8.60, 55.45), (8.60, 55.10)]),
    Polygon([(9.70, 55.50), (10.30, 55.62), (10.80, 55.30), (10.70, 55.05), (10.20, 55.05), (9.85, 55.20)]),
    Polygon([(10.95, 55.70), (11.00, 56.00), (11.80, 55.95), (12.25, 56.12), (12.60, 56.05), (12.65, 55.60),
             (12.20, 55.45), (12.45, 55.25), (12.10, 55.00), (11.70, 55.15), (11.20, 55.20)]),
    Polygon([(11.00, 54.80), (11.85, 54.80), (12.15, 54.65), (11.95, 54.55), (11.20, 54.60)]),
    Polygon([(14.70, 55.00), (14.90, 55.25), (15.15, 55.12), (15.10, 54.98)]),
], grid_size=0.0001)
# Towns where areas are denser: (lon, lat, share of the clustered centres).
CITIES = ((12.55, 55.68, 0.40), (10.20, 56.15, 0.22), (10.39, 55.40, 0.14), (9.92, 57.04, 0.14),
          (9.47, 55.49, 0.10))
PREFIX = ("Nørre", "Sønder", "Øster", "Vester", "Ny", "Gammel", "Store", "Lille", "Over", "Neder", "Midt", "Ud")
ROOT = ("bjerg", "lund", "holm", "skov", "dal", "strand", "mark", "høj", "kær", "vang", "løkke", "bro", "næs",
        "by", "vig", "hede", "enge", "toft", "sted", "rød")
KINDS = ("sogn", "bydel", "landsby", "boligområde")
PARTNER_KINDS = ("samråd", "boligforening", "forening", "aftenskole", "arbejdsplads", "fagforening",
                 "lægepraksis", "apotek", "frivillige", "kommunal forvaltning")
COLLAB_KINDS = ("fælles aktivitet", "rekruttering", "lokaler", "netværk", "videndeling")
KNOWLEDGE = (("oplæg", "borgere"), ("temadag", "borgere"), ("uddannelse af frontpersonale", "frontpersonale"),
             ("uddannelse af frivillige", "frivillige"), ("sundhedsprofil", "partnere"),
             ("evaluering", "partnere"))
LOG_CATEGORIES = ("tilbud", "deltagelse", "samarbejde", "viden", "andet")
# fmt: on
_EPOCH = np.datetime64("1970-01-01", "D")


def _day(d: date) -> int:
    return int((np.datetime64(d, "D") - _EPOCH).astype(int))


def _dates(days: np.ndarray) -> np.ndarray:
    return (_EPOCH + days.astype("timedelta64[D]")).astype("datetime64[ns]")


def n_areas(scale: float) -> int:
    return max(4, int(round(AREAS_PER_SCALE * scale)))


def generate(con: duckdb.DuckDBPyConnection, scale: float, seed: int = 42) -> dict[str, int]:
    """Write the scaled demo data into a freshly migrated, empty database in one transaction."""
    if not db.is_empty(con):
        raise db.LokalDbError("Demodata kan kun skrives i en tom database.")
    rng = np.random.default_rng(seed)
    measures = [r[0] for r in con.execute("SELECT code FROM health_measures ORDER BY sort_order").fetchall()]
    counts: dict[str, int] = {}

    def put(table: str, frame: pd.DataFrame) -> None:
        _insert(con, table, frame)
        counts[table] = counts.get(table, 0) + len(frame)

    with db.transaction(con):
        con.execute("DELETE FROM offer_types")  # the new database's standard catalogue; the demo writes its own
        areas = _areas(rng, n_areas(scale))
        put("areas", areas.drop(columns=["deprivation"]))
        put("area_health_profile", _health(rng, areas, measures))
        con.execute(KOMMUNE_HEALTH_SQL)
        counts["kommune_health_profile"] = con.execute("SELECT count(*) FROM kommune_health_profile").fetchone()[0]
        put("offer_types", _offer_types())
        partners = _partners(rng, areas)
        put("partners", partners)
        offers = _offers(rng, areas, partners)
        put("offers", offers.drop(columns=["category_code"]))
        sessions, participants, enrolments, attendance_chunks = _participation(rng, areas, offers)
        put("sessions", sessions)
        put("participants", participants)
        put("enrolments", enrolments)
        for chunk in attendance_chunks:
            con.register("demo_attendance", chunk)
            try:
                con.execute("INSERT INTO attendance SELECT session_id, participant_id FROM demo_attendance")
            finally:
                con.unregister("demo_attendance")
            counts["attendance"] = counts.get("attendance", 0) + len(chunk)
        put("collaborations", _collaborations(rng, areas, partners))
        put("knowledge_activities", _knowledge(rng, areas))
        put("log_entries", _log(rng, areas))
        con.execute(FOCUS_FROM_AREAS)
        con.execute("INSERT INTO kommuner (code, name) SELECT DISTINCT kommunekode, 'Demokommune ' || kommunekode "
                    "FROM areas ORDER BY 1")
        for table, sequence in SEQUENCES.items():
            if table == "targets":
                continue
            db.advance_sequence(con, sequence, con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        db.set_meta(con, "is_demo", "true")
        db.set_meta(con, "data_date", DATA_DATE.isoformat())
        db.set_meta(con, "kommune_name", "Danmark (demodata)" if scale >= NATIONAL_SCALE / 2 else "Region (demodata)")
        db.set_meta(con, "kommunekode", str(areas.kommunekode.iloc[0]))
        db.set_meta(con, "seed", str(seed))
        db.set_meta(con, "scale", str(scale))
        rollups.rebuild(con)
        db.bump_data_version(con)
        con.execute(
            "INSERT INTO audit_log (user_name, action, table_name, after_json) VALUES (?, ?, ?, ?)",
            ["demo", "demo", "*", json.dumps(counts, ensure_ascii=False)],
        )
    return counts


# --- areas ---------------------------------------------------------------------------------------


def _centres(rng: np.random.Generator, n: int) -> np.ndarray:
    minx, miny, maxx, maxy = DENMARK.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        k = 4 * n
        uniform = np.column_stack([rng.uniform(minx, maxx, k), rng.uniform(miny, maxy, k)])
        city = rng.choice(len(CITIES), size=k, p=[c[2] for c in CITIES])
        cx, cy = np.array([c[0] for c in CITIES])[city], np.array([c[1] for c in CITIES])[city]
        clustered = np.column_stack([rng.normal(cx, 0.12), rng.normal(cy, 0.07)])
        mix = np.where((rng.random(k) < 0.35)[:, None], clustered, uniform)
        mix = np.round(mix, 4)
        inside = shapely.contains_xy(DENMARK, mix[:, 0], mix[:, 1])
        out = np.unique(np.vstack([out, mix[inside]]), axis=0)
    return out[rng.permutation(len(out))[:n]]


def _names(rng: np.random.Generator, n: int) -> list[str]:
    combos = [f"{p}{r}" for p in PREFIX for r in ROOT]
    names = []
    for i in range(n):
        base = combos[i % len(combos)]
        round_ = i // len(combos)
        names.append(base if round_ == 0 else f"{base} {round_ + 1}")
    order = rng.permutation(n)
    return [names[j] for j in order]


def _areas(rng: np.random.Generator, n: int) -> pd.DataFrame:
    centres = _centres(rng, n)
    cells = shapely.get_parts(shapely.voronoi_polygons(MultiPoint(centres), extend_to=DENMARK, ordered=True))
    tiles = shapely.intersection(cells, DENMARK, grid_size=geo.GRID)
    simple = shapely.simplify(tiles, 0.002)
    # Kommuner: each area joins the nearest of KOMMUNER seed areas.
    k = min(KOMMUNER, n)
    seeds = centres[rng.choice(n, size=k, replace=False)]
    kommune = np.argmin(((centres[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2), axis=1)
    codes = np.array([f"{101 + 8 * j:03d}" for j in range(k)])
    adults = np.round(rng.lognormal(7.4, 0.7, n).clip(200, 30_000), -1).astype(int)
    share = rng.uniform(0.30, 0.35, n)
    focus = rng.random(n) < 0.12
    inside = shapely.point_on_surface(tiles)
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "code": [f"DK-{i + 1:04d}" for i in range(n)],
        "name": _names(rng, n),
        "kommunekode": codes[kommune],
        "kind": np.array(KINDS)[rng.integers(0, len(KINDS), n)],
        "boundary_geojson": [geo.to_geojson(t) for t in tiles],
        "boundary_simplified": [geo.to_geojson(t, 4) for t in simple],
        "area_km2": shapely.area(tiles) * 111.0 * 62.0,
        "centroid_lon": np.round(shapely.get_x(inside), 5),
        "centroid_lat": np.round(shapely.get_y(inside), 5),
        "adults": adults,
        "adults_40_60": np.round(adults * share).astype(int),
        "focus_start": pd.Series(np.where(focus, np.datetime64(FOCUS_START, "ns"), np.datetime64("NaT", "ns"))),
        "focus_end": pd.Series(np.where(focus, np.datetime64(FOCUS_END, "ns"), np.datetime64("NaT", "ns"))),
        "deprivation": rng.normal(0, 0.6, n),
    })


def _health(rng: np.random.Generator, areas: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    dep = areas.deprivation.to_numpy()
    frames = []
    for measure in measures:
        if measure == "beskaeftigelse":
            base = 77.0 - 21.0 * np.maximum(dep, 0) - 3.0 * np.minimum(dep, 0) + rng.normal(0, 1, len(dep))
            later = base + rng.normal(0.8, 0.6, len(dep))
        else:
            level, effect = HEALTH_BASE.get(measure, (10.0, 0.2))
            base = level * (1 + effect * dep) * (1 + rng.normal(0, 0.05, len(dep)))
            later = base * (1 + rng.normal(-0.02, 0.02, len(dep)))
        for year, value in ((2024, base), (2026, later)):
            frames.append(pd.DataFrame({"area_id": areas.id, "year": year, "measure": measure,
                                        "value": np.round(np.clip(value, 0.1, 99.0), 1),
                                        "source": f"Lokal sundhedsprofil {year}"}))
    return pd.concat(frames, ignore_index=True)


def _offer_types() -> pd.DataFrame:
    return pd.DataFrame([
        {"id": i + 1, "name": t.name, "category": t.category, "kramm_kost": "kost" in t.kramm,
         "kramm_rygning": "rygning" in t.kramm, "kramm_alkohol": "alkohol" in t.kramm,
         "kramm_motion": "motion" in t.kramm, "kramm_mental": "mental" in t.kramm,
         "has_outcome": t.outcome_label is not None, "outcome_label": t.outcome_label}
        for i, t in enumerate(OFFER_TYPES)
    ])


def _partners(rng: np.random.Generator, areas: pd.DataFrame) -> pd.DataFrame:
    per_area = rng.integers(4, 13, len(areas))
    area = np.repeat(areas.id.to_numpy(), per_area)
    kind = np.array(PARTNER_KINDS)[rng.integers(0, len(PARTNER_KINDS), len(area))]
    names = np.repeat(areas.name.to_numpy(), per_area)
    rank = np.arange(len(area)) - np.repeat(np.cumsum(per_area) - per_area, per_area)
    return pd.DataFrame({
        "id": np.arange(1, len(area) + 1),
        "name": [f"{k.capitalize()} {a} {r + 1}" for k, a, r in zip(kind, names, rank, strict=True)],
        "kind": kind,
        "area_id": area,
    })


def _offers(rng: np.random.Generator, areas: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    weights = areas.adults.to_numpy() ** 0.7
    per_area = rng.multinomial(int(round(OFFERS_PER_AREA * len(areas))), weights / weights.sum())
    n = int(per_area.sum())
    area_idx = np.repeat(np.arange(len(areas)), per_area)
    tw = np.array([t.weight for t in OFFER_TYPES])
    ttype = rng.choice(len(OFFER_TYPES), size=n, p=tw / tw.sum())
    cat = np.array([t.category for t in OFFER_TYPES])[ttype]
    start = rng.integers(_day(PERIOD_START), _day(PLAN_END) + 1, n)
    planned = rng.integers(8, 21, n)
    end = start + 7 * (planned - 1)
    data_day = _day(DATA_DATE)
    u = rng.random(n)
    status = np.where(start > data_day, "planlagt",
                      np.where(u < 0.07, "aflyst", np.where(u < 0.11, "udskudt",
                               np.where(end <= data_day, "gennemført", "igangværende"))))
    seats = rng.integers(18, 41, n)
    # A local partner co-runs half of the offers: one of the area's partners.
    p_first = partners.groupby("area_id").id.min().reindex(areas.id).to_numpy()
    p_count = partners.groupby("area_id").id.count().reindex(areas.id).to_numpy()
    pick = p_first[area_idx] + (rng.random(n) * p_count[area_idx]).astype(int)
    partner = np.where(rng.random(n) < 0.5, pick, 0)
    names = areas.name.to_numpy()[area_idx]
    type_names = np.array([t.name for t in OFFER_TYPES])[ttype]
    venue_kind = np.array(["Medborgerhuset i", "Fælleshuset", "Biblioteket i", "Hallen i"])[rng.integers(0, 4, n)]
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "offer_type_id": ttype + 1,
        "area_id": areas.id.to_numpy()[area_idx],
        "title": [f"{t} – {a} {i}" for t, a, i in zip(type_names, names, range(1, n + 1), strict=True)],
        "venue_name": [f"{v} {a}" for v, a in zip(venue_kind, names, strict=True)],
        "venue_lon": areas.centroid_lon.to_numpy()[area_idx],
        "venue_lat": areas.centroid_lat.to_numpy()[area_idx],
        "partner_id": pd.Series(partner, dtype="Int64").where(partner > 0),
        "start_date": _dates(start),
        "end_date": _dates(end),
        "planned_sessions": planned,
        "seats": seats,
        "volunteers": np.where(cat == "civilsamfund", rng.integers(0, 6, n), rng.integers(0, 2, n)),
        "status": status,
        "cost": np.round(rng.uniform(2_000, 60_000, n), -2),
        "recruitment": np.array(["åben", "afgrænset", "målrettet"])[rng.integers(0, 3, n)],
        "category_code": cat,
    })


def _participation(rng: np.random.Generator, areas: pd.DataFrame, offers: pd.DataFrame):
    """Sessions, participants, enrolments and the attendance rows, consistent with each other."""
    data_day = _day(DATA_DATE)
    held = offers.status.isin(["igangværende", "gennemført"]).to_numpy()
    start = ((offers.start_date.to_numpy().astype("datetime64[D]") - _EPOCH).astype(int))
    end = ((offers.end_date.to_numpy().astype("datetime64[D]") - _EPOCH).astype(int))
    n_held_sessions = np.where(held, np.minimum(offers.planned_sessions.to_numpy(),
                                                (np.minimum(end, data_day) - start) // 7 + 1), 0)
    n_held_sessions = np.maximum(n_held_sessions, 0)
    # Sessions: weekly from the start, contiguous ids per offer.
    offer_ids = offers.id.to_numpy()
    s_offer_idx = np.repeat(np.arange(len(offers)), n_held_sessions)
    s_base = np.cumsum(n_held_sessions) - n_held_sessions  # first session row of each offer
    s_k = np.arange(len(s_offer_idx)) - s_base[s_offer_idx]
    s_day = start[s_offer_idx] + 7 * s_k
    # Enrolments: held offers, a share of the seats.
    enrolled = np.where(held, rng.binomial(offers.seats.to_numpy(), 0.90), 0)
    e_offer_idx = np.repeat(np.arange(len(offers)), enrolled)
    area_idx = offers.area_id.to_numpy()[e_offer_idx] - 1
    # Participants: a pool per area about 0.8 of its enrolments (some take several offers).
    per_area = np.bincount(area_idx, minlength=len(areas))
    pool = np.maximum(1, np.round(per_area * 0.8)).astype(int)
    pool_base = np.cumsum(pool) - pool
    pid = pool_base[area_idx] + (rng.random(len(area_idx)) * pool[area_idx]).astype(int) + 1
    pairs = pd.DataFrame({"o": e_offer_idx, "p": pid}).drop_duplicates()
    e_offer_idx, pid = pairs.o.to_numpy(), pairs.p.to_numpy()
    n_part = int(pool.sum())
    part_area = np.repeat(areas.id.to_numpy(), pool)
    home_unknown = rng.random(n_part) < 0.04
    participants = pd.DataFrame({
        "id": np.arange(1, n_part + 1),
        "pseudonym": pd.Series(np.arange(1, n_part + 1)).map("P{:07d}".format),
        "age_band": np.array(AGE_BANDS)[rng.choice(6, n_part, p=[0.08, 0.12, 0.20, 0.25, 0.24, 0.11])],
        "sex": np.array(["kvinde", "mand", "andet"])[rng.choice(3, n_part, p=[0.6, 0.39, 0.01])],
        "home_area_id": pd.Series(part_area, dtype="Int64").where(~home_unknown),
    })
    # Attendance: each enrolment × each held session of its offer, present with the person's rate.
    ne = len(e_offer_idx)
    rate = rng.beta(5, 1.4, ne)
    per_e = n_held_sessions[e_offer_idx]
    attended = np.zeros(ne, dtype=np.int64)
    sess_att = np.zeros(len(s_offer_idx), dtype=np.int64)
    chunks: list[pd.DataFrame] = []
    step = max(1, CHUNK // 14)
    for lo in range(0, ne, step):
        hi = min(ne, lo + step)
        k = per_e[lo:hi]
        e_rep = np.repeat(np.arange(lo, hi), k)
        k_rep = np.arange(len(e_rep)) - np.repeat(np.cumsum(k) - k, k)
        present = rng.random(len(e_rep)) < rate[e_rep]
        e_rep, k_rep = e_rep[present], k_rep[present]
        sess_row = s_base[e_offer_idx[e_rep]] + k_rep
        attended += np.bincount(e_rep, minlength=ne)
        sess_att += np.bincount(sess_row, minlength=len(s_offer_idx))
        chunks.append(pd.DataFrame({"session_id": (sess_row + 1).astype(np.int32),
                                    "participant_id": pid[e_rep].astype(np.int32)}))
    sessions = pd.DataFrame({
        "id": np.arange(1, len(s_offer_idx) + 1),
        "offer_id": offer_ids[s_offer_idx],
        "session_date": _dates(s_day),
        "attendance": sess_att,
    })
    o_start = start[e_offer_idx]
    wait = rng.geometric(0.35, ne) - 1
    finished = offers.status.to_numpy()[e_offer_idx] == "gennemført"
    planned = offers.planned_sessions.to_numpy()[e_offer_idx]
    completed = attended >= np.ceil(0.75 * planned)
    has_outcome = np.array([t.outcome_label is not None for t in OFFER_TYPES])[
        offers.offer_type_id.to_numpy()[e_offer_idx] - 1]
    smoke_free = completed & (rng.random(ne) < 0.55)
    followup_known = finished & (end[e_offer_idx] <= data_day - 182)
    enrolments = pd.DataFrame({
        "id": np.arange(1, ne + 1),
        "participant_id": pid,
        "offer_id": offer_ids[e_offer_idx],
        "inquiry_date": pd.Series(_dates(o_start - wait)).where(rng.random(ne) > 0.05),
        "start_date": _dates(o_start),
        "channel": np.array(CHANNELS)[rng.integers(0, len(CHANNELS), ne)],
        "sessions_attended": attended,
        "completed": pd.Series(completed, dtype="boolean").where(finished),
        "outcome_end": pd.Series(smoke_free, dtype="boolean").where(finished & has_outcome),
        "outcome_followup": pd.Series(smoke_free & (rng.random(ne) < 0.9), dtype="boolean").where(
            followup_known & has_outcome),
    })
    return sessions, participants, enrolments, chunks


def _collaborations(rng: np.random.Generator, areas: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    pick = partners.sample(frac=0.45, random_state=int(rng.integers(1 << 31))).sort_values("id")
    n = len(pick)
    start = rng.integers(_day(PERIOD_START), _day(DATA_DATE) + 1, n)
    ends = start + rng.integers(90, 900, n)
    open_ = rng.random(n) < 0.6
    frame = pd.DataFrame({
        "partner_id": pick.id.to_numpy(),
        "area_id": pick.area_id.to_numpy(),
        "kind": np.array(COLLAB_KINDS)[rng.integers(0, len(COLLAB_KINDS), n)],
        "start_date": _dates(start),
        "end_date": pd.Series(_dates(ends)).where(~open_),
        "carried_by_area": rng.random(n) < 0.2,
    })
    frame.insert(0, "id", np.arange(1, n + 1))
    return frame


def _knowledge(rng: np.random.Generator, areas: pd.DataFrame) -> pd.DataFrame:
    per_area = rng.poisson(6, len(areas))
    n = int(per_area.sum())
    area = np.repeat(areas.id.to_numpy(), per_area)
    kind = rng.integers(0, len(KNOWLEDGE), n)
    attendees = rng.integers(8, 80, n)
    trained = np.where(np.isin(kind, [2, 3]), np.maximum(attendees // 3, 1), 0)
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "area_id": area,
        "kind": [KNOWLEDGE[k][0] for k in kind],
        "title": [f"{KNOWLEDGE[k][0].capitalize()} nr. {i + 1}" for i, k in enumerate(kind)],
        "audience": [KNOWLEDGE[k][1] for k in kind],
        "activity_date": _dates(rng.integers(_day(PERIOD_START), _day(DATA_DATE) + 1, n)),
        "attendees": attendees,
        "trained": trained,
    })


def _log(rng: np.random.Generator, areas: pd.DataFrame) -> pd.DataFrame:
    per_area = rng.poisson(8, len(areas))
    n = int(per_area.sum())
    cat = np.array(LOG_CATEGORIES)[rng.integers(0, len(LOG_CATEGORIES), n)]
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "area_id": np.repeat(areas.id.to_numpy(), per_area),
        "entry_date": _dates(rng.integers(_day(PERIOD_START), _day(DATA_DATE) + 1, n)),
        "author": "Koordinator (demo)",
        "category": cat,
        "text": [f"Notat om {c} (demodata)." for c in cat],
        "link": None,
    })


# The kommune benchmark: the adults-weighted mean of its areas.
KOMMUNE_HEALTH_SQL = """
INSERT INTO kommune_health_profile (kommunekode, year, measure, value, source)
SELECT a.kommunekode, h.year, h.measure, round(sum(h.value * a.adults) / sum(a.adults), 1), 'Danskernes Sundhed'
FROM area_health_profile h JOIN areas a ON a.id = h.area_id
GROUP BY ALL
"""


def build(path, scale: float, seed: int = 42) -> dict[str, int]:
    """Replace the database file at ``path`` with scaled demo data; return row counts."""
    from pathlib import Path

    path = Path(path)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = db.open_db(path, catalogue=False)
    try:
        counts = generate(con, scale, seed)
        con.execute("CHECKPOINT")
        return counts
    finally:
        con.close()

