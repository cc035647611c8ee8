"""Evaluation of health profiles (issue 16): baseline and follow-up, the difference-in-differences and
its 95 % interval, worked out by hand on a small database; the respondents in the profile import and
migration 0011; Område, Møde and the handouts on the demo."""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pytest

from lokal import db
from lokal import evaluation as ev

NB = "\u00a0"  # the evaluation never breaks a number from its '%'

# Four areas in kommune 0851 and one in 0101. F and G are focus areas in 2025; C and D are not.
# Daily smoking: F 20 % → 15 % (1.600 respondents each year), G 30 % → 28 % (400), C 10 % → 9 % (3.600),
# D only 2024 (left out). Employment (better high): F 50 → 46, C 70 → 72. Physical inactivity without
# respondents: F 30 → 25, G 40 → 38, C 28 → 28.
_ROWS = """
INSERT INTO areas (id, code, name, kommunekode, kind, adults, focus_start, focus_end) VALUES
    (1, 'F', 'Fby', '0851', 'landsby', 3000, DATE '2025-01-01', DATE '2025-12-31'),
    (2, 'G', 'Gby', '0851', 'landsby', 1000, DATE '2025-01-01', DATE '2025-12-31'),
    (3, 'C', 'Cby', '0851', 'bydel', 9000, NULL, NULL),
    (4, 'D', 'Dby', '0851', 'bydel', 2000, NULL, NULL),
    (5, 'X', 'Xby', '0101', 'bydel', 5000, NULL, NULL);
INSERT INTO focus_periods (area_id, start_date, end_date) VALUES
    (1, DATE '2025-01-01', DATE '2025-12-31'), (2, DATE '2025-01-01', DATE '2025-12-31');
INSERT INTO area_health_profile (area_id, year, measure, value, source, respondents) VALUES
    (1, 2023, 'dagligrygning', 25, 's', 1000),
    (1, 2024, 'dagligrygning', 20, 's', 1600), (1, 2026, 'dagligrygning', 15, 's', 1600),
    (1, 2024, 'beskaeftigelse', 50, 's', 1600), (1, 2026, 'beskaeftigelse', 46, 's', 1600),
    (1, 2024, 'fysisk_inaktiv', 30, 's', NULL), (1, 2026, 'fysisk_inaktiv', 25, 's', NULL),
    (2, 2024, 'dagligrygning', 30, 's', 400), (2, 2026, 'dagligrygning', 28, 's', 400),
    (2, 2024, 'fysisk_inaktiv', 40, 's', NULL), (2, 2026, 'fysisk_inaktiv', 38, 's', NULL),
    (3, 2024, 'dagligrygning', 10, 's', 3600), (3, 2026, 'dagligrygning', 9, 's', 3600),
    (3, 2024, 'beskaeftigelse', 70, 's', 3600), (3, 2026, 'beskaeftigelse', 72, 's', 3600),
    (3, 2024, 'fysisk_inaktiv', 28, 's', NULL), (3, 2026, 'fysisk_inaktiv', 28, 's', NULL),
    (4, 2024, 'dagligrygning', 12, 's', 500),
    (5, 2024, 'dagligrygning', 5, 's', 100), (5, 2026, 'dagligrygning', 4, 's', 100);
"""


@pytest.fixture(scope="module")
def profiles(tmp_path_factory):
    con = db.open_db(tmp_path_factory.mktemp("evaluation") / "e.duckdb", catalogue=False)
    for statement in _ROWS.split(";"):
        if statement.strip():
            con.execute(statement)
    yield ev.load(con, data_date=date(2026, 11, 23))
    con.close()


def test_baseline_is_the_last_survey_by_the_start_year_and_follow_up_the_first_from_the_end_year():
    start, end = date(2024, 9, 1), date(2026, 8, 31)
    assert ev._years([2022, 2024, 2026, 2027], start, end, date(2026, 11, 23)) == (2024, 2026, False)
    assert ev._years([2022, 2023, 2027], start, end, date(2027, 6, 1)) == (2023, 2027, False)
    # The period has not ended by the data date, or there is no survey after it: the latest, interim.
    assert ev._years([2024, 2026], start, end, date(2026, 6, 1)) == (2024, 2026, True)
    assert ev._years([2024, 2025], start, end, date(2026, 11, 23)) == (2024, 2025, True)
    assert ev._years([2024, 2027], start, None, None) == (2024, 2027, True)  # an open period
    assert ev._years([2025, 2026], start, end, None) == (None, None, False)  # nothing before the start
    assert ev._years([2024], start, end, None) == (2024, None, True)


def test_difference_in_differences_and_its_interval_for_one_focus_area(profiles):
    e = ev.evaluate(profiles, "F")
    assert (e.baseline_years, e.followup_years, e.interim) == ((2024,), (2026,), False)
    assert e.comparison_areas == ("Cby",)  # Gby is a focus area at the same time; Xby another kommune
    assert e.left_out == (("Dby", "no_followup"),)
    smoking = e.result("dagligrygning")
    assert (smoking.focus.baseline, smoking.focus.followup, smoking.focus.change) == (20.0, 15.0, -5.0)
    assert (smoking.comparison.baseline, smoking.comparison.followup) == (10.0, 9.0)
    assert smoking.did == pytest.approx(-4.0)
    # Var (pp²) = 10⁴ · (0,2·0,8/1600 + 0,15·0,85/1600 + 0,1·0,9/3600 + 0,09·0,91/3600)
    #           = 10⁴ · (0,0001 + 0,0000796875 + 0,000025 + 0,00002275) = 2,274375; SE = 1,508103
    assert smoking.focus.variance + smoking.comparison.variance == pytest.approx(2.274375)
    lo, hi = smoking.interval  # −4,0 ∓ 1,959964 · 1,508103 = −4,0 ∓ 2,955828
    assert (lo, hi) == (pytest.approx(-6.955828, abs=1e-5), pytest.approx(-1.044172, abs=1e-5))
    assert smoking.verdict == ev.BETTER  # lower is better and the whole interval lies below 0
    # Employment is better high: it fell 4 points in Fby and rose 2 in Cby. DiD −6,0;
    # Var = 10⁴ · (0,25/1600 + 0,2484/1600 + 0,21/3600 + 0,2016/3600) = 4,258333 → −6,0 ∓ 4,044529.
    jobs = e.result("beskaeftigelse")
    assert jobs.did == pytest.approx(-6.0)
    assert jobs.interval == (pytest.approx(-10.044529, abs=1e-5), pytest.approx(-1.955471, abs=1e-5))
    assert jobs.verdict == ev.WORSE
    # Without respondents: the changes, no interval, no verdict, and the notes say why.
    inactive = e.result("fysisk_inaktiv")
    assert (inactive.did, inactive.interval, inactive.verdict) == (pytest.approx(-5.0), None, None)
    assert ev.notes(e) == ["Baseline 2024, opfølgning 2026.",
                           "Uden interval (antallet af svarpersoner mangler): Fysisk inaktive.",
                           "Ikke med: Dby (ingen måling efter baseline)."]


def test_all_focus_areas_are_pooled_by_respondents_else_by_adults(profiles):
    e = ev.evaluate(profiles, ev.ALL)
    assert e.focus_areas == ("Fby", "Gby") and e.comparison_areas == ("Cby",)
    smoking = e.result("dagligrygning")
    # Pooled by respondents: (0,20·1600 + 0,30·400) / 2000 = 22,0 % and (0,15·1600 + 0,28·400) / 2000 = 17,6 %.
    assert (smoking.focus.baseline, smoking.focus.followup) == (pytest.approx(22.0), pytest.approx(17.6))
    assert (smoking.focus.n_baseline, smoking.focus.n_followup, smoking.weighting) == (2000, 2000, "respondents")
    # DiD = −4,4 − (−1,0) = −3,4; Var = 10⁴ · (0,22·0,78/2000 + 0,176·0,824/2000 + 0,000025 + 0,00002275)
    #     = 2,06062; SE = 1,435486 → −3,4 ∓ 2,813500.
    assert smoking.did == pytest.approx(-3.4)
    assert smoking.interval == (pytest.approx(-6.213501, abs=1e-5), pytest.approx(-0.586499, abs=1e-5))
    # Inactivity has no respondents: weighted by adults, (30·3000 + 40·1000) / 4000 = 32,5 → 28,25.
    inactive = e.result("fysisk_inaktiv")
    assert inactive.weighting == "adults"
    assert (inactive.focus.baseline, inactive.focus.followup) == (pytest.approx(32.5), pytest.approx(28.25))
    assert inactive.did == pytest.approx(-4.25) and inactive.interval is None
    assert "Flere områder er lagt sammen vægtet med antal voksne, fordi antallet af svarpersoner mangler for " \
           "Fysisk inaktive." in ev.notes(e)


def test_sentences_say_the_change_in_both_groups_and_the_difference_with_its_interval(profiles):
    e = ev.evaluate(profiles, "F")
    assert ev.sentences(e, "da", ["dagligrygning"]) == [
        f"Andelen af dagligrygere faldt fra 20,0{NB}% til 15,0{NB}% i Fby og fra 10,0{NB}% til 9,0{NB}% i "
        f"sammenligningsområderne. Forskellen mellem de to udviklinger er −4,0 procentpoint (95{NB}%-interval "
        "−7,0 til −1,0): tydeligt bedre end i sammenligningsområderne."]
    assert ev.sentences(e, "en", ["beskaeftigelse", "fysisk_inaktiv"]) == [
        "The share of physically inactive adults fell from 30.0% to 25.0% in Fby and was unchanged at 28.0% in the "
        "comparison areas. The difference between the two changes is −5.0 percentage points; there is no interval, "
        "because the number of respondents is missing.",
        "The employment rate fell from 50.0% to 46.0% in Fby and rose from 70.0% to 72.0% in the comparison areas. "
        "The difference between the two changes is −6.0 percentage points (95% interval −10.0 to −2.0): clearly "
        "worse than in the comparison areas."]
    table = ev.table(e, "da", k=5)
    first = table.iloc[0].to_dict()
    assert first["Forskel (pp.)"] == "−4,0" and first["95 %-interval"] == "−7,0 til −1,0"
    assert first["Fokus før → efter"] == f"20,0{NB}% → 15,0{NB}% (−5,0)"
    assert first["Vurdering"] == "Tydeligt bedre" and first["Svarpersoner (fokus)"] == "1.600 / 1.600"


def test_chosen_comparison_areas_replace_the_default_and_a_non_focus_area_is_not_evaluated(profiles):
    e = ev.evaluate(profiles, "F", comparison=["D"])
    assert e.comparison_chosen and e.problem == "no_comparison" and e.left_out == (("Dby", "no_followup"),)
    assert ev.evaluate(profiles, "F", comparison=["X"]).result("dagligrygning").did == pytest.approx(-5.0 + 1.0)
    e = ev.evaluate(profiles, "C")
    assert e.problem == "not_focus" and ev.notes(e, "en")[0].startswith("Cby is not a focus area")


def test_migration_0011_keeps_the_profiles_and_refuses_zero_respondents(tmp_path):
    con = db.connect(tmp_path / "old.duckdb")
    db.migrate(con, before="0011")
    con.execute("INSERT INTO areas (id, code, name, kommunekode, kind) VALUES (1, 'A', 'Aby', '0851', 'landsby')")
    con.execute("INSERT INTO area_health_profile VALUES (1, 2024, 'kol', 4.5, 'Profil')")
    con.execute("INSERT INTO kommune_health_profile VALUES ('0851', 2024, 'kol', 4.0, 'DS')")
    assert db.migrate(con)[0] == "0011_profile_respondents"  # then any later migrations
    assert con.execute("SELECT * FROM area_health_profile").fetchall() == [(1, 2024, "kol", 4.5, "Profil", None)]
    assert con.execute("SELECT respondents FROM kommune_health_profile").fetchall() == [(None,)]
    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE area_health_profile SET respondents = 0")
    con.close()


def test_the_demo_tells_that_smoking_fell_more_in_the_focus_areas(demo_db):
    con = db.connect(demo_db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FILTER (WHERE respondents IS NULL) FROM area_health_profile").fetchone() \
            == (0,)
        e = ev.run(con, ev.ALL)
    finally:
        con.close()
    assert len(e.focus_areas) == 6 and len(e.comparison_areas) == 16 and not e.left_out
    smoking = e.result("dagligrygning")
    assert round(smoking.did, 1) == -1.9 and smoking.verdict == ev.BETTER
    assert [round(x, 1) for x in smoking.interval] == [-3.7, -0.2]
    assert {r.measure for r in e.results if r.verdict == ev.BETTER} == {"dagligrygning", "fysisk_inaktiv"}
    assert not any(r.verdict == ev.WORSE for r in e.results)
    assert math.isclose(smoking.focus.baseline, 17.4, abs_tol=0.05)


# --- the pages (AppTest on the demo) --------------------------------------------------------------


def test_omraade_shows_the_evaluation_and_a_leader_may_choose_the_comparison_areas(app, demo_db):
    at = app(demo_db, {"omraade": "AAL-02"})
    at.switch_page("app_pages/omraade.py").run()
    assert not at.exception
    assert "Evaluering: sundhed før og efter fokusperioden" in [s.value for s in at.subheader]
    said = " ".join(m.value for m in at.markdown)
    assert (f"Andelen af dagligrygere faldt fra 20,3{NB}% til 17,5{NB}% i Aalborg Øst og fra 11,9{NB}% til "
            f"11,5{NB}% i sammenligningsområderne. Forskellen mellem de to udviklinger er −2,5 procentpoint "
            f"(95{NB}%-interval −5,1 til +0,1): ingen tydelig forskel fra sammenligningsområderne.") in said
    [choice] = [m for m in at.multiselect if m.label == "Sammenligningsområder"]
    assert len(choice.value) == 16  # the kommune's areas without a focus period
    choice.set_value(["AAL-01", "AAL-05"]).run()  # Aalborg Midtby and Nørresundby
    assert at.query_params["sammenligning"] == "AAL-01,AAL-05"
    assert any("valgte sammenligningsområder (2)" in c.value for c in at.caption)

