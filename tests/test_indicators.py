"""Indicators on the hand-made fixture (lokal/fixtures.py); every expected number is worked out by hand.

Period 2025 unless a test says otherwise. Areas: A (1.000 adults, 300 aged 40–60), B (500, 200),
C (no offers, zero population).
"""

from datetime import date

import pytest

from lokal import db, fixtures, views
from lokal import indicators as ind

Y2025 = ind.Period("2025", date(2025, 1, 1), date(2025, 12, 31))
NAN = None  # no value


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("ind") / "small.duckdb"
    c = fixtures.build_small(db.connect(path))
    yield c
    c.close()


def values(con, indicator_id, period=Y2025, by="area", **kw):
    df = ind.compute(con, period, by=by, indicator_ids=[indicator_id], **kw)
    return {row.unit: (None if row.value != row.value else round(row.value, 4)) for row in df.itertuples()}


# Expected per indicator: area A, B, C and the kommune (all three areas as one unit).
EXPECTED_2025 = {
    # A: offers 1 and 2 held; 3 cancelled. B: its only municipal offer ended in 2024.
    "kommunale_tilbud_afholdt": (2, 0, 0, 2),
    # A: the walking group started 2025-04. B's walking group started in 2024.
    "nye_civilsamfundsaktiviteter": (1, 0, 0, 1),
    # A: 12 + 10 + 20 seats / 1.000 adults. B: 15 seats (offer spanning the year start) / 500. C: no adults.
    # Kommune: 57 / 1.500 * 1.000.
    "pladser_pr_1000": (42.0, 30.0, NAN, 38.0),
    # A: 3 of 4 started in 2025 held (1 cancelled). B: the postponed one; the planned 2026 one is left out.
    "andel_planlagte_afholdt": (75.0, 0.0, NAN, 60.0),
    # A: the walking group without end date runs on. B's ended in February.
    "aktiviteter_fortsat": (1, 0, 0, 1),
    # A: partners 1, 2 (collaborations) and 1, 4 (co-run offers) = {1, 2, 4}. B: {4, 3}.
    # Kommune counts each partner once: {1, 2, 3, 4}, not 3 + 2.
    "aktive_partnere": (3, 2, 0, 4),
    "nye_samarbejder": (1, 1, 0, 2),
    # A: collaboration 2 carried on. B's carried-on one ended in 2024.
    "samarbejder_baaret_lokalt": (1, 0, 0, 1),
    # A: 2 of 3 held offers have a partner. B: 1 of 1. Kommune 3 of 4.
    "tilbud_med_lokal_aktoer": (66.6667, 100.0, NAN, 75.0),
    "frivillige": (3, 2, 0, 5),
    # B's theme day on 2024-12-31 is outside; its evaluation on 2025-12-31 inside.
    "vidensaktiviteter": (3, 1, 0, 4),
    "personer_naaet": (33, 5, 0, 38),
    "uddannede": (8, 0, 0, 8),
    "sundhedsprofil_evaluering": (1, 1, 0, 2),
    # A: participants 1, 2, 3 and 5 (no home area, counted in the offer's area A) / 1.000. B: 6 / 500.
    "deltagere_pr_1000": (4.0, 2.0, NAN, 3.3333),
    # A: participants 1, 2, 5 are 40–60, / 300. B: none / 200. Kommune 3 / 500.
    "maalgruppe_pr_1000": (10.0, 0.0, NAN, 6.0),
    # A: participants 1 (40–49), 2 (50–60), 3 (30–39) and 5 (40–49, no home area, counted in A): 3 of 4.
    # B: participant 6 (18–29) only: 0 of 1. Kommune: 3 of the 5 distinct participants.
    "andel_maalgruppe": (75.0, 0.0, NAN, 60.0),
    # A: the spring course (12.000 kr., 3 started) gives 4.000 kr. per participant; all 3 have a known
    # completion, 2 completed: 12.000 / 2. The autumn course's participant is still going (completion
    # unknown) and the walking group has no cost. B: Gåhold B (3.000 kr., 2 started, one in 2024) gives
    # 1.500 kr. to participant 6, who completed: 1.500 / 1. Kommune: (12.000 + 1.500) / 3 = 4.500.
    "pris_pr_gennemfoert": (6000.0, 1500.0, NAN, 4500.0),
    # A: 1 man among 3 of known sex (participant 5's sex unknown). B: 0 of 1. Kommune 1 of 4.
    "andel_maend": (33.3333, 0.0, NAN, 25.0),
    # A: sessions of the spring course (11 + 10) and the walking group (14). B: none logged.
    "fremmoede": (35, 0, 0, 35),
    # A: 2 of 3 known (two ongoing enrolments have no completion yet). B: 1 of 1.
    "gennemfoerelse": (66.6667, 100.0, NAN, 75.0),
    # A: smoking course outcomes recorded for 2 (1 smoke-free). B's walking group has no outcome measure.
    "effekt_slut": (50.0, NAN, NAN, 50.0),
    "effekt_opfoelgning": (100.0, NAN, NAN, 100.0),
    # A: days 4, 2, 1, 0 (one without inquiry date) -> 1,5. B: 5. Kommune 0, 1, 2, 4, 5 -> 2.
    "svartid_median": (1.5, 5.0, NAN, 2.0),
    "andel_svar_3_dage": (75.0, 0.0, NAN, 60.0),
    # A: smoking 15/10 and inactivity 30/20 -> 1,5 -> 150 (employment is not a need measure;
    # the 2026 profile is after the period). B: 5/10 and 20/20 -> 0,75 -> 75.
    # Kommune: weighted by adults (1,5 * 1.000 + 0,75 * 500) / 1.500 -> 125.
    "behovsindeks": (150.0, 75.0, NAN, 125.0),
}


def test_key_figure_labels_fit_their_box_in_both_languages():
    # A metric box in a row of four is cut off after about 29 characters at 1.440 px.
    for i in views.HEADLINE:
        for lang in ("da", "en"):
            label = ind.get(i).short(lang)
            assert len(label) <= 29, (i, lang, label)
            assert len(label) <= len(ind.get(i).name(lang))


def test_every_indicator_has_a_hand_computed_expectation():
    assert set(EXPECTED_2025) == {i.id for i in ind.INDICATORS}


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED_2025))
def test_indicator_matches_hand_computed_value(con, indicator_id):
    a, b, c, kommune = EXPECTED_2025[indicator_id]
    assert values(con, indicator_id) == {"A": a, "B": b, "C": c}
    assert values(con, indicator_id, by="kommune") == {"kommune": kommune}


def test_cancelled_and_postponed_offers_do_not_count_as_held(con):
    df = ind.compute(con, ind.Period("H2", date(2025, 5, 1), date(2025, 11, 30)), indicator_ids=[
        "kommunale_tilbud_afholdt"])
    # Only the autumn smoking course in A; cancelled (A) and postponed (B) ones are left out.
    assert dict(zip(df.unit, df.value)) == {"A": 1, "B": 0, "C": 0}


def test_offer_spanning_two_periods_counts_in_both(con):
    periods = [
        ind.Period("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ind.Period("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ]
    df = ind.compute(con, periods, indicator_ids=["pladser_pr_1000"], areas=["B"])
    # B's walking group (2024-11 to 2025-02, 15 seats) counts in both years; in 2024 the 2024
    # smoking course (8 seats) is held too: (15 + 8) / 500 * 1.000 = 46.
    assert dict(zip(df.period, df.value)) == {"2024": 46.0, "2025": 30.0}


def test_quarterly_periods_split_the_year(con):
    quarters = [
        ind.Period(f"2025K{q}", date(2025, 3 * q - 2, 1), date(2025, 3 * q, [31, 30, 30, 31][q - 1]))
        for q in range(1, 5)
    ]
    df = ind.compute(con, quarters, indicator_ids=["kommunale_tilbud_afholdt", "aktive_partnere"], areas=["A"])
    got = {(r.indicator, r.period): r.value for r in df.itertuples()}
    # Spring course in Q1, autumn course from Q3 on.
    assert [got[("kommunale_tilbud_afholdt", f"2025K{q}")] for q in range(1, 5)] == [1, 0, 1, 1]
    # Q1: collaborations 1 and 2 (from March). Q2 on: + partner 4 of the walking group. Q3 on: partner 1 also
    # co-runs the autumn course, but is already counted.
    assert [got[("aktive_partnere", f"2025K{q}")] for q in range(1, 5)] == [2, 3, 3, 3]


def test_category_filter_applies_only_to_indicators_that_use_it(con):
    assert values(con, "pladser_pr_1000", category="kommunalt") == {"A": 22.0, "B": 0.0, "C": None}
    assert values(con, "deltagere_pr_1000", category="civilsamfund") == {"A": 1.0, "B": 2.0, "C": None}
    # A category-bound indicator ignores the filter.
    assert values(con, "kommunale_tilbud_afholdt", category="civilsamfund") == {"A": 2, "B": 0, "C": 0}


def test_focus_only_and_focus_grouping(con):
    assert values(con, "kommunale_tilbud_afholdt", focus_only=True) == {"A": 2}
    assert values(con, "deltagere_pr_1000", by="focus") == {"fokus": 4.0, "øvrige": 2.0}


def test_area_with_no_offers_and_zero_population_gives_zero_counts_and_no_rates(con):
    df = ind.compute(con, Y2025, areas=["C"])
    for row in df.itertuples():
        if ind.get(row.indicator).kind == "count":
            assert row.value == 0, row.indicator
        else:
            assert row.value != row.value, row.indicator  # NaN: no value, not an error


def test_health_profile_before_any_measurement_has_no_need_index(con):
    assert values(con, "behovsindeks", ind.Period("2023", date(2023, 1, 1), date(2023, 12, 31))) == {
        "A": None, "B": None, "C": None}


def test_additive_indicators_sum_to_the_kommune_value(con):
    areas = ind.compute(con, Y2025)
    total = ind.compute(con, Y2025, by="kommune").set_index("indicator").value
    for i in ind.INDICATORS:
        if i.additive:
            assert areas[areas.indicator == i.id].value.sum() == total[i.id], i.id


def test_unknown_indicator_and_grouping_are_refused(con):
    with pytest.raises(KeyError, match="Ukendt indikator"):
        ind.compute(con, Y2025, indicator_ids=["drop table areas"])
    with pytest.raises(ValueError, match="Ukendt gruppering"):
        ind.compute(con, Y2025, by="a.code; --")


def test_every_indicator_is_fully_described():
    for i in ind.INDICATORS:
        assert i.group in ind.GROUPS
        assert i.kind in ("count", "share", "rate", "median", "index", "cost")
        for text in (i.name_da, i.name_en, i.definition_da, i.definition_en, i.unit_da, i.unit_en):
            assert text.strip(), i.id


# --- On the demo data: additive indicators add up to what the database holds ------------------

ALL_DEMO = ind.Period("alt", date(2020, 1, 1), date(2030, 12, 31))


@pytest.fixture(scope="module")
def demo_con(demo_db):
    c = db.connect(demo_db, read_only=True)
    yield c
    c.close()


@pytest.mark.parametrize("indicator_id,independent_sql", [
    ("kommunale_tilbud_afholdt",
     "SELECT count(*) FROM offers o JOIN offer_types t ON t.id = o.offer_type_id "
     "WHERE t.category = 'kommunalt' AND o.status IN ('igangværende', 'gennemført')"),
    ("nye_civilsamfundsaktiviteter",
     "SELECT count(*) FROM offers o JOIN offer_types t ON t.id = o.offer_type_id "
     "WHERE t.category = 'civilsamfund' AND o.status IN ('igangværende', 'gennemført')"),
    ("nye_samarbejder", "SELECT count(*) FROM collaborations"),
    ("vidensaktiviteter", "SELECT count(*) FROM knowledge_activities"),
    ("personer_naaet", "SELECT sum(attendees) FROM knowledge_activities"),
    ("uddannede", "SELECT sum(trained) FROM knowledge_activities"),
    ("frivillige", "SELECT sum(volunteers) FROM offers WHERE status IN ('igangværende', 'gennemført')"),
    ("fremmoede", "SELECT sum(attendance) FROM sessions"),
])
def test_sum_over_areas_equals_the_rows_in_the_database(demo_con, indicator_id, independent_sql):
    per_area = ind.compute(demo_con, ALL_DEMO, indicator_ids=[indicator_id])
    kommune = ind.compute(demo_con, ALL_DEMO, by="kommune", indicator_ids=[indicator_id])
    (expected,) = demo_con.execute(independent_sql).fetchone()
    assert expected > 0
    assert per_area.value.sum() == expected == kommune.value.iloc[0]


def test_focus_areas_improve_in_the_demo_story(demo_con):
    before = ind.Period("før", date(2024, 1, 1), date(2024, 8, 31))
    during = ind.Period("under", date(2025, 1, 1), date(2025, 12, 31))
    # Focus is a period (01-09-2024 – 31-08-2026 in the demo): before it no area is a focus area,
    # so the areas chosen for focus are compared with the others by their codes.
    df = ind.compute(demo_con, [before, during], by="focus", indicator_ids=["deltagere_pr_1000"])
    assert set(df[df.period == "før"].unit) == {"øvrige"} and set(df[df.period == "under"].unit) == {"fokus", "øvrige"}
    chosen = [r[0] for r in demo_con.execute("SELECT code FROM areas WHERE focus_start IS NOT NULL").fetchall()]
    others = [r[0] for r in demo_con.execute("SELECT code FROM areas WHERE focus_start IS NULL").fetchall()]
    got = {(name, r.period): r.value for name, codes in (("fokus", chosen), ("øvrige", others))
           for r in ind.compute(demo_con, [before, during], by="kommune", areas=codes,
                                indicator_ids=["deltagere_pr_1000"]).itertuples()}
    # Before: the areas chosen for focus take part less than the others; during the focus period, more.
    assert got[("fokus", "før")] < got[("øvrige", "før")]
    assert got[("fokus", "under")] > got[("øvrige", "under")]
