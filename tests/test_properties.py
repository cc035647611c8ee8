"""Invariants on random small databases (hypothesis): several kommuner, areas without population,
cancelled and postponed offers, enquiries without a start, deleted and restored records.

Every database is built through the public write path. The invariants:
* additive indicators summed over a kommune's areas equal that kommune's figure;
* participants, attendance and offers held equal a direct count from the raw tables;
* the rollups give the base SQL's figures;
* activity in another kommune never changes a kommune's figures;
* deleting and restoring a record leaves every figure as it was.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokal import db, writes
from lokal import indicators as ind
from lokal.indicators import Period

ME = "test"
PERIODS = [Period("2025", date(2025, 1, 1), date(2025, 12, 31)), Period("2025K2", date(2025, 4, 1), date(2025, 6, 30))]
STATUSES = ("planlagt", "igangværende", "gennemført", "aflyst", "udskudt")
KOMMUNER = ("0851", "0813")
DAY = st.integers(min_value=0, max_value=364).map(lambda n: date(2025, 1, 1) + timedelta(days=n))

area_st = st.tuples(st.sampled_from(KOMMUNER), st.sampled_from([0, 0, 400, 1500]), st.booleans())
offer_st = st.tuples(st.integers(0, 9), st.sampled_from([1, 11, 16]), st.sampled_from(STATUSES), DAY,
                     st.integers(0, 120), st.one_of(st.none(), st.integers(0, 9)))
enrol_st = st.tuples(st.integers(0, 19), st.integers(0, 9), st.one_of(st.none(), DAY), st.integers(0, 6),
                     st.one_of(st.none(), st.integers(0, 9)), st.booleans())
world_st = st.fixed_dictionaries({
    "areas": st.lists(area_st, min_size=2, max_size=5),
    "partners": st.integers(0, 3),
    "offers": st.lists(offer_st, min_size=1, max_size=6),
    "sessions": st.lists(st.tuples(st.integers(0, 9), DAY, st.integers(0, 20)), max_size=10),
    "enrolments": st.lists(enrol_st, max_size=14),
    "collaborations": st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), DAY), max_size=4),
    "deleted": st.lists(st.tuples(st.sampled_from(["offers", "partners", "participants", "enrolments", "sessions",
                                                   "collaborations"]), st.integers(0, 9)), max_size=4),
})


def build(world) -> tuple:
    con = db.open_db(":memory:")  # with the standard catalogue: 1 Rygestopkursus, 11 Floorball, 16 Gåhold
    areas = []
    for n, (kk, adults, focus) in enumerate(world["areas"]):
        con.execute("INSERT INTO areas (code, name, kommunekode, kind, adults, adults_40_60) "
                    "VALUES (?, ?, ?, 'bydel', ?, ?)", [f"X{n}", f"Område {n}", kk, adults, adults // 3])
        aid = con.execute("SELECT id FROM areas WHERE code = ?", [f"X{n}"]).fetchone()[0]
        areas.append(aid)
        if focus:
            writes.insert(con, "focus_periods", {"area_id": aid, "start_date": date(2025, 3, 1),
                                                 "end_date": date(2025, 9, 30)}, ME)
    pick = lambda seq, i: seq[i % len(seq)]  # noqa: E731
    partners = [writes.insert(con, "partners", {"name": f"Aktør {n}", "kind": "forening",
                                                "area_id": pick(areas, n)}, ME) for n in range(world["partners"])]
    offers = []
    for n, (a, type_id, status, start, length, partner) in enumerate(world["offers"]):
        offers.append(writes.insert(con, "offers", {
            "offer_type_id": type_id, "area_id": pick(areas, a), "title": f"Tilbud {n}", "status": status,
            "start_date": start, "end_date": start + timedelta(days=length), "seats": 10, "volunteers": n % 3,
            "partner_id": pick(partners, partner) if partners and partner is not None else None}, ME))
    for o, day, attendance in world["sessions"]:
        offer = pick(offers, o)
        if not con.execute("SELECT count(*) FROM sessions WHERE offer_id = ? AND session_date = ?",
                           [offer, day]).fetchone()[0]:
            writes.insert(con, "sessions", {"offer_id": offer, "session_date": day, "attendance": attendance}, ME)
    people: dict[int, int] = {}
    for p, o, start, wait, home, man in world["enrolments"]:
        if p not in people:
            people[p] = writes.insert(con, "participants", {
                "pseudonym": f"P{p}", "home_area_id": pick(areas, home) if home is not None else None,
                "sex": "mand" if man else "kvinde", "age_band": "40-49"}, ME)
        offer = pick(offers, o)
        if con.execute("SELECT count(*) FROM enrolments WHERE participant_id = ? AND offer_id = ?",
                       [people[p], offer]).fetchone()[0]:
            continue
        inquiry = (start - timedelta(days=wait)) if start else date(2025, 6, 1)
        writes.insert(con, "enrolments", {"participant_id": people[p], "offer_id": offer, "start_date": start,
                                          "inquiry_date": inquiry, "completed": man}, ME)
    for pa, a, start in world["collaborations"]:
        key = [pick(partners, pa), pick(areas, a), start] if partners else None
        if key and not con.execute("SELECT count(*) FROM collaborations WHERE partner_id = ? AND area_id = ? "
                                   "AND kind = 'netværk' AND start_date = ?", key).fetchone()[0]:
            writes.insert(con, "collaborations", {"partner_id": pick(partners, pa), "area_id": pick(areas, a),
                                                  "kind": "netværk", "start_date": start}, ME)
    for table, i in world["deleted"]:
        row = con.execute(f"SELECT id, version FROM {table} WHERE deleted_at IS NULL ORDER BY id").fetchall()
        if row:
            record_id, version = row[i % len(row)]
            writes.delete(con, table, record_id, version, ME)
    return con, areas


def figures(con, kommune=None, _rollups=None) -> dict:
    out = {}
    for by in ("area", "kommune", "focus"):
        df = ind.compute(con, PERIODS, by=by, kommune=kommune, _rollups=_rollups)
        out.update({(by, r.unit, r.period, r.indicator): None if r.value != r.value else round(r.value, 6)
                    for r in df.itertuples()})
    return out


DIRECT = {
    # Distinct participants from the kommune's populated areas (home, else the offer's area) who started
    # in the period on a live offer that was held, the participant and enrolment live.
    "deltagere": """
        SELECT count(DISTINCT e.participant_id) FROM enrolments e JOIN offers o ON o.id = e.offer_id
        JOIN participants p ON p.id = e.participant_id JOIN areas a ON a.id = coalesce(p.home_area_id, o.area_id)
        WHERE e.deleted_at IS NULL AND o.deleted_at IS NULL AND p.deleted_at IS NULL AND e.start_date IS NOT NULL
          AND o.status IN ('igangværende', 'gennemført') AND e.start_date BETWEEN $s AND $e
          AND a.kommunekode = $k AND a.adults > 0""",
    "fremmoede": """
        SELECT coalesce(sum(s.attendance), 0) FROM sessions s JOIN offers o ON o.id = s.offer_id
        JOIN areas a ON a.id = o.area_id WHERE s.deleted_at IS NULL AND o.deleted_at IS NULL
          AND o.status IN ('igangværende', 'gennemført') AND s.session_date BETWEEN $s AND $e AND a.kommunekode = $k""",
    "kommunale_tilbud_afholdt": """
        SELECT count(*) FROM offers o JOIN offer_types t ON t.id = o.offer_type_id JOIN areas a ON a.id = o.area_id
        WHERE o.deleted_at IS NULL AND o.status IN ('igangværende', 'gennemført') AND t.category = 'kommunalt'
          AND a.kommunekode = $k AND o.start_date <= $e AND coalesce(o.end_date, DATE '9999-12-31') >= $s""",
}


# Deterministic in the test run (the same 15 databases each time); a longer random search is
# `LOKAL_HYPOTHESIS=300 python -m pytest tests/test_properties.py`.
@settings(max_examples=int(os.environ.get("LOKAL_HYPOTHESIS", 15)), deadline=None,
          derandomize="LOKAL_HYPOTHESIS" not in os.environ, suppress_health_check=[HealthCheck.too_slow],
          database=None)
@given(world_st, st.integers(0, 50))
def test_figures_hold_on_random_real_shaped_data(world, which):
    con, areas = build(world)
    try:
        # The rollups give the base SQL's figures (a quick form of `rollups check` for these periods).
        assert figures(con, _rollups=True) == figures(con, _rollups=False)
        additive = [i.id for i in ind.INDICATORS if i.additive]
        for k in KOMMUNER:
            if not con.execute("SELECT count(*) FROM areas WHERE kommunekode = ?", [k]).fetchone()[0]:
                continue
            per_area, bench = ind.compute_with_benchmark(con, PERIODS, kommune=k)
            codes = {r[0] for r in con.execute("SELECT code FROM areas WHERE kommunekode = ?", [k]).fetchall()}
            assert set(per_area.unit) <= codes  # no area of another kommune
            for period in PERIODS:
                for i in additive:
                    total = per_area[(per_area.indicator == i) & (per_area.period == period.label)].value.sum()
                    ref = bench[(bench.indicator == i) & (bench.period == period.label)].value.sum()
                    assert total == ref, (k, period.label, i)
                got = bench[bench.period == period.label].set_index("indicator")
                params = {"s": period.start, "e": period.end, "k": k}
                assert got.loc["deltagere_pr_1000", "numerator"] == con.execute(DIRECT["deltagere"], params).fetchone()[0]
                assert got.loc["fremmoede", "value"] == con.execute(DIRECT["fremmoede"], params).fetchone()[0]
                assert got.loc["kommunale_tilbud_afholdt", "value"] == \
                    con.execute(DIRECT["kommunale_tilbud_afholdt"], params).fetchone()[0]
        # Activity in 0813 never moves 0851's figures.
        before = figures(con, "0851")
        other = con.execute("SELECT id FROM areas WHERE kommunekode = '0813' LIMIT 1").fetchone()
        if other:
            offer = writes.insert(con, "offers", {"offer_type_id": 1, "area_id": other[0], "title": "Andetsteds",
                                                  "status": "gennemført", "start_date": date(2025, 5, 1)}, ME)
            writes.insert(con, "sessions", {"offer_id": offer, "session_date": date(2025, 5, 1), "attendance": 7}, ME)
            person = writes.insert(con, "participants", {"pseudonym": "Q1", "home_area_id": other[0]}, ME)
            writes.insert(con, "enrolments", {"participant_id": person, "offer_id": offer,
                                              "start_date": date(2025, 5, 1)}, ME)
            assert figures(con, "0851") == before
        # Deleting and restoring a record leaves every figure as it was.
        everything = figures(con)
        live = con.execute("SELECT 'offers', id, version FROM offers WHERE deleted_at IS NULL UNION ALL "
                           "SELECT 'enrolments', id, version FROM enrolments WHERE deleted_at IS NULL UNION ALL "
                           "SELECT 'partners', id, version FROM partners WHERE deleted_at IS NULL UNION ALL "
                           "SELECT 'focus_periods', id, version FROM focus_periods WHERE deleted_at IS NULL "
                           "ORDER BY 1, 2").fetchall()
        if live:
            table, record_id, version = live[which % len(live)]
            writes.delete(con, table, record_id, version, ME)
            writes.restore(con, table, record_id, ME)
            assert figures(con) == everything, (table, record_id)
    finally:
        con.close()
