"""Figures that hold on real data (issue 13): each case worked out by hand on the small fixture.

The fixture (lokal/fixtures.py): areas A (focus 2025, 1.000 adults, 300 aged 40–60), B (500, 200)
and C (no population), all kommune 0851. In 2025: participants by home area A = P1, P2, P3, P5 (4)
and B = P6 (1); attendance in A 11 + 10 + 14 = 35; days from enquiry to start in A 4, 2, 1, 0.
Active partners in 2025: A {1, 2, 4} (collaborations of 1 and 2, partner 4 co-runs Gåhold),
B {3, 4} (Gåhold B with 3, a collaboration with 4), the kommune {1, 2, 3, 4}.
Each test changes the fixture through the write path, as a coordinator or an admin would.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lokal import compare, meeting, rollups, setup, views, writes
from lokal import indicators as ind
from lokal.indicators import Period

Y2024 = Period("2024", date(2024, 1, 1), date(2024, 12, 31))
Y2025 = Period("2025", date(2025, 1, 1), date(2025, 12, 31))
K1, K2 = Period("2025K1", date(2025, 1, 1), date(2025, 3, 31)), Period("2025K2", date(2025, 4, 1), date(2025, 6, 30))
ME = "test"


def values(con, periods=Y2025, by="area", ids=None, **kw) -> dict[tuple[str, str], float | None]:
    """{(unit, indicator): value} for one period."""
    df = ind.compute(con, periods, by=by, indicator_ids=ids, **kw)
    return {(r.unit, r.indicator): (None if r.value != r.value else round(r.value, 4)) for r in df.itertuples()}


def results(con, **kw):
    df = views.area_results(con, Y2025, viewer=ME, **kw)
    return {(r.unit, r.indicator): r for r in df.itertuples()}


def add_area(con, code, name, kommunekode, adults=0, adults_40_60=0) -> int:
    con.execute("INSERT INTO areas (code, name, kommunekode, kind, adults, adults_40_60) VALUES (?, ?, ?, 'bydel', ?, ?)",
                [code, name, kommunekode, adults, adults_40_60])
    return con.execute("SELECT id FROM areas WHERE code = ?", [code]).fetchone()[0]


def enrol(con, pseudonym, offer, home=None, start=None, inquiry=None, sex=None, age=None) -> int:
    p = writes.insert(con, "participants", {"pseudonym": pseudonym, "home_area_id": home, "sex": sex,
                                           "age_band": age}, ME)
    return writes.insert(con, "enrolments", {"participant_id": p, "offer_id": offer, "start_date": start,
                                            "inquiry_date": inquiry}, ME)


# --- 1. Each area against its own kommune ----------------------------------------------------------


def test_the_kommune_is_the_areas_own_kommune_not_every_area_in_the_database(con):
    add_area(con, "D", "Dby", "0813", adults=10_000, adults_40_60=3_000)  # another kommune, no activity
    # All areas as one kommune: (4 + 1) / (1.000 + 500 + 10.000) × 1.000 = 0,4348 — the bug.
    assert values(con, by="kommune", ids=["deltagere_pr_1000"])[("kommune", "deltagere_pr_1000")] == 0.4348
    # Kommune 0851: (4 + 1) / 1.500 × 1.000 = 3,3333 (C has no population); kommune 0813: 0.
    aalborg = results(con, kommune="0851", indicator_ids=["deltagere_pr_1000"])
    assert round(aalborg[("A", "deltagere_pr_1000")].kommune_value, 4) == 3.3333
    assert ("D", "deltagere_pr_1000") not in aalborg
    dby = results(con, kommune="0813", indicator_ids=["deltagere_pr_1000"])
    assert list(dby) == [("D", "deltagere_pr_1000")] and dby[("D", "deltagere_pr_1000")].kommune_value == 0
    # Møde's total is the chosen kommune's.
    m = meeting.build(con, "2025", kommune="0851", k=1)
    assert round(m.summary.numbers["deltagere_pr_1000"].value, 4) == 3.3333
    assert [u.code for u in m.areas] == ["A", "B", "C"]


# --- 2. An area without population ------------------------------------------------------------------


def test_an_area_without_population_is_left_out_of_a_rate_for_itself_and_the_kommune(con):
    # P7 lives in C (no population) and starts on Gåhold (offer 4, A) on 01-05-2025.
    enrol(con, "P7", 4, home=3, start=date(2025, 5, 1), age="40-49", sex="mand")
    got = values(con, by="kommune", ids=["deltagere_pr_1000", "maalgruppe_pr_1000", "fremmoede"])
    # Before: (5 + 1) / 1.500 = 4,0 per 1.000; now P7 is out of the numerator as C is out of the denominator.
    assert got[("kommune", "deltagere_pr_1000")] == 3.3333
    # 40–60: P1 (40-49), P2 (50-60), P5 (40-49, counted in A) = 3; B none; P7 left out:
    # 3 / (300 + 200) × 1.000 = 6,0 (before 4 / 500 = 8,0).
    assert got[("kommune", "maalgruppe_pr_1000")] == 6.0
    area = values(con, ids=["deltagere_pr_1000"])
    assert area[("C", "deltagere_pr_1000")] is None  # no population: no rate, 'befolkning mangler'
    assert rollups.check(con) == []


# --- 3. Participation is what happened ---------------------------------------------------------------


def test_cancelled_offers_and_enquiries_without_a_start_are_not_participation(con):
    before = values(con)
    # Livsstil (offer 3, A) is cancelled: an enrolment (a man, 3 days' wait) and a session of 9 on it.
    enrol(con, "P8", 3, home=1, start=date(2025, 5, 1), inquiry=date(2025, 4, 28), sex="mand", age="40-49")
    writes.insert(con, "sessions", {"offer_id": 3, "session_date": date(2025, 5, 8), "attendance": 9}, ME)
    # An enquiry to Rygestop efterår (offer 2, A) that never led to a start.
    enrol(con, "P9", 2, home=1, inquiry=date(2025, 10, 1), sex="mand")
    after = values(con)
    assert after == before
    assert after[("A", "deltagere_pr_1000")] == 4.0  # P1, P2, P3, P5
    assert after[("A", "fremmoede")] == 35.0  # 11 + 10 + 14; the 9 on the cancelled offer do not count
    assert after[("A", "andel_maend")] == 33.3333  # P1 of P1, P2, P3 (P5's sex unknown)
    assert after[("A", "svartid_median")] == 1.5  # 4, 2, 1, 0 days
    assert after[("A", "kommunale_tilbud_afholdt")] == 2.0
    assert rollups.check(con) == []


def test_attendance_on_a_cancelled_offer_gets_a_warning(con):
    from lokal import validate

    checked = validate.check(con, "sessions", [{"Område": "A", "Tilbud": 3, "Dato": "08-05-2025", "Fremmøde": 9}],
                             first_row=None)
    assert [p.text() for p in checked.warnings] == [
        "Felt 'Tilbud': tilbuddet er aflyst; fremmøde på et aflyst tilbud tæller ikke som deltagelse. "
        "Ret tilbuddets status, hvis det blev holdt"]
    assert checked.ok  # a warning: it may still be saved


# --- 4. Deletion is complete ------------------------------------------------------------------------


def test_a_deleted_partner_is_gone_from_every_figure_and_back_when_restored(con):
    ids = ["aktive_partnere", "nye_samarbejder", "tilbud_med_lokal_aktoer", "samarbejder_baaret_lokalt"]
    before = {**values(con, ids=ids), **values(con, by="kommune", ids=ids)}
    assert (before[("A", "aktive_partnere")], before[("B", "aktive_partnere")],
            before[("kommune", "aktive_partnere")]) == (3.0, 2.0, 4.0)
    assert before[("A", "tilbud_med_lokal_aktoer")] == 66.6667  # offers 2 and 4 of 1, 2, 4
    assert before[("B", "nye_samarbejder")] == 1.0  # partner 4's collaboration from 01-05-2025
    writes.delete(con, "partners", 4, 1, ME)  # Idrætsforeningen
    after = {**values(con, ids=ids), **values(con, by="kommune", ids=ids)}
    assert (after[("A", "aktive_partnere")], after[("B", "aktive_partnere")],
            after[("kommune", "aktive_partnere")]) == (2.0, 1.0, 3.0)
    assert after[("A", "tilbud_med_lokal_aktoer")] == 33.3333  # only offer 2 (partner 1)
    assert after[("B", "nye_samarbejder")] == 0.0
    writes.restore(con, "partners", 4, ME)
    assert {**values(con, ids=ids), **values(con, by="kommune", ids=ids)} == before


# Every kind of record: delete one, every figure that depends on it moves, restore it, all are as before.
RECORDS = [("offers", 4), ("sessions", 3), ("participants", 1), ("enrolments", 1), ("partners", 1),
           ("collaborations", 2), ("knowledge_activities", 2), ("log_entries", 1), ("targets", 1),
           ("focus_periods", 1)]


@pytest.mark.parametrize("table,record_id", RECORDS, ids=[r[0] for r in RECORDS])
def test_deleting_and_restoring_any_record_leaves_every_figure_as_it_was(con, table, record_id):
    def everything():
        out = {}
        for by in ("area", "kommune", "focus"):
            df = ind.compute(con, [Y2024, Y2025, K1, K2], by=by)
            out.update({(by, r.unit, r.period, r.indicator): None if r.value != r.value else round(r.value, 6)
                        for r in df.itertuples()})
        out["targets"] = con.execute("SELECT count(*) FROM targets WHERE deleted_at IS NULL").fetchone()[0]
        out["log"] = con.execute("SELECT count(*) FROM live_log_entries").fetchone()[0]
        return out

    before = everything()
    version = writes.fetch_row(con, table, record_id)["version"]
    writes.delete(con, table, record_id, version, ME)
    assert everything() != before, f"deleting {table} {record_id} changed nothing"
    assert rollups.check(con) == []
    writes.restore(con, table, record_id, ME)
    assert everything() == before
    assert rollups.check(con) == []


# --- 5. Labels say what they count (Område's offer table) -------------------------------------------


def test_the_offer_table_counts_sessions_and_attendance_in_the_period(con):
    from lokal import queries

    writes.insert(con, "sessions", {"offer_id": 4, "session_date": date(2025, 7, 1), "attendance": 12}, ME)
    q2 = queries.offers_for_area(con, "A", K2, viewer=ME).set_index("title")
    assert (q2.loc["Gåhold", "sessions_held"], q2.loc["Gåhold", "attendance"]) == (1, 14)  # not 2 and 26
    q1 = queries.offers_for_area(con, "A", K1, viewer=ME).set_index("title")
    assert (q1.loc["Rygestop forår", "sessions_held"], q1.loc["Rygestop forår", "attendance"]) == (2, 21)


# --- 6. No comparison without a previous period ------------------------------------------------------


def test_meeting_says_no_comparison_when_the_previous_period_has_no_data(con):
    # The first recorded fact is 01-01-2023 (a collaboration); 2022 has no data at all.
    m = meeting.build(con, "2023", k=1)
    assert not m.has_previous
    card = meeting.card(m, m.summary.numbers["kommunale_tilbud_afholdt"])
    assert card["change"] == "Ingen sammenligning: ingen data fra 2022"
    assert "▲" not in card["change"] and "Op fra" not in card["change"]
    assert meeting.build(con, "2025", k=1).has_previous


# --- 7. Focus is a period ----------------------------------------------------------------------------


def test_focus_membership_follows_the_focus_period(con):
    # A is a focus area 01-01-2025 – 31-12-2025: in 2024 every area is 'øvrige'.
    y2024 = values(con, Y2024, by="focus", ids=["deltagere_pr_1000"])
    assert y2024 == {("øvrige", "deltagere_pr_1000"): 0.6667}  # P4 (B) / (1.000 + 500) × 1.000; before: A was fokus
    y2025 = values(con, Y2025, by="focus", ids=["deltagere_pr_1000"])
    assert y2025 == {("fokus", "deltagere_pr_1000"): 4.0, ("øvrige", "deltagere_pr_1000"): 2.0}
    assert values(con, Y2024, ids=["deltagere_pr_1000"], focus_only=True) == {}
    # A second focus period for B from 01-06-2025 makes B a focus area in 2025K3, not in 2025K1.
    writes.insert(con, "focus_periods", {"area_id": 2, "start_date": date(2025, 6, 1)}, ME)
    k3 = Period("2025K3", date(2025, 7, 1), date(2025, 9, 30))
    both = ind.compute(con, [K1, k3], by="area", focus_only=True, indicator_ids=["vidensaktiviteter"])
    assert sorted(zip(both.period, both.unit)) == [("2025K1", "A"), ("2025K3", "A"), ("2025K3", "B")]


# --- 8. Honest intervals ------------------------------------------------------------------------------


def test_repeat_counts_get_no_verdict_and_small_counts_the_exact_interval(con):
    got = results(con)
    for i in ("fremmoede", "personer_naaet", "frivillige", "pladser_pr_1000"):
        assert pd.isna(got[("A", i)].comparison), i
    assert got[("A", "deltagere_pr_1000")].comparison in ("bedre", "som", "dårligere")
    # Garwood's exact 95 % limits (tables of the Poisson distribution): Byar gives 0,0131 – 5,5622 for 1.
    assert [round(x, 4) for x in compare.poisson(1)] == [0.0253, 5.5716]
    assert [round(x, 4) for x in compare.poisson(5)] == [1.6235, 11.6683]
    assert [round(x, 4) for x in compare.poisson(10)] == [4.7954, 18.3904]


# --- 9. 'Still running' at the data date ---------------------------------------------------------------


def test_activities_still_running_are_counted_at_the_data_date_when_the_period_ends_after_it(con):
    writes.insert(con, "offers", {"offer_type_id": 2, "area_id": 2, "title": "Efterårsgåtur", "status": "gennemført",
                                  "start_date": date(2025, 9, 1), "end_date": date(2025, 11, 30)}, ME)
    # At 31-12-2025 (the fixture's data date) the walk has ended.
    assert values(con, ids=["aktiviteter_fortsat"])[("B", "aktiviteter_fortsat")] == 0.0
    setup.set_data_date(con, ME, date(2025, 10, 15))  # data entered up to mid-October
    assert values(con, ids=["aktiviteter_fortsat"])[("B", "aktiviteter_fortsat")] == 1.0
