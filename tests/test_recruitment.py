"""Recruitment by strategy and channel (lokal/recruitment.py, page Rekruttering): hand-computed figures,
intervals, verdicts, and the council's protected view.

The hand-made fixture (lokal/fixtures.py) plus three enquiries that never started. In 2025 (enquiry date,
else start date, in the year; offers that were held):

    enrolment  participant (age, sex, home)  offer (strategy, cost)        enquiry     start       channel
    1          P1 40–49 mand  A              1 Rygestop forår (målrettet, 12.000)  28-01  01-02  egen læge   completed, smoke-free
    2          P2 50–60 kvinde A             1                                      30-01  01-02  lokalavis   completed, not smoke-free
    3          P3 30–39 kvinde A             1                                      31-01  01-02  lokalavis   not completed
    11         P4 61–74 mand  B              1                                      20-01  –      egen læge   never started
    4          P1                            4 Gåhold (åben, no cost)               –      01-04  mund-til-mund
    10         P2                            4                                      25-03  –      plakat      never started
    6          P5 40–49 ?     (A)            2 Rygestop efterår (åben, 10.000)      01-09  01-09  sms/telefon ongoing
    9          P3                            2                                      20-08  –      lokalavis   never started
    7          P6 18–29 kvinde B             5 Gåhold B (afgrænset, 3.000)          05-01  10-01  boligforening completed

Enrolments 5 and 8 enquired in 2024. A is the focus area in 2025 and the only high-need area (need index 150).
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from lokal import access, compare, db, i18n, recruitment, release, suppress
from lokal.indicators import Period

Y2025 = Period("2025", date(2025, 1, 1), date(2025, 12, 31))
K = 5
ENQUIRIES = """
INSERT INTO enrolments (id, participant_id, offer_id, inquiry_date, start_date, channel) VALUES
    (9, 3, 2, DATE '2025-08-20', NULL, 'lokalavis'),
    (10, 2, 4, DATE '2025-03-25', NULL, 'plakat'),
    (11, 4, 1, DATE '2025-01-20', NULL, 'egen læge')
"""


@pytest.fixture(scope="module")
def fixture_db(small_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("rekruttering") / "small.duckdb"
    path.write_bytes(small_db.read_bytes())
    con = db.connect(path)
    con.execute(ENQUIRIES)
    db.bump_data_version(con)
    con.close()
    return path


@pytest.fixture(scope="module")
def frame(fixture_db):
    con = db.connect(fixture_db, read_only=True)
    try:
        return recruitment.view(con, Y2025, viewer="test").set_index("group")
    finally:
        con.close()


# Per strategy and in total: enquiries, participants, aged 40–60, men, home in the focus area, home in a
# high-need area, completed, completion known, positive outcome, outcome known, within 3 days, wait known.
EXPECTED_COUNTS = {
    # Offer 1: enrolments 1, 2, 3 started, 11 did not. 40–60: P1, P2. Men: P1 (P4 did not start). All live
    # in A. Waits 4, 2, 1 days (2 within 3). Smoking course: 1 smoke-free of 2 recorded.
    "målrettet": (4, 3, 2, 1, 3, 3, 2, 3, 1, 2, 2, 3),
    # Offers 2 and 4: enrolments 6 and 4 started, 9 and 10 did not. P5 (40–49, sex unknown, no home area:
    # counted in the offer's area A) and P1 (40–49, man). Neither has a completion yet; enrolment 4 has no
    # enquiry date, enrolment 6 started the same day (0 days).
    "åben": (4, 2, 2, 1, 2, 2, 0, 0, 0, 0, 1, 1),
    # Offer 5: enrolment 7, P6 (18–29, woman, home B), completed, 5 days, no outcome measure.
    "afgrænset": (1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1),
    "i alt": (9, 6, 4, 2, 5, 5, 3, 4, 1, 2, 3, 5),
}
_COUNT_COLUMNS = ("enquiries", "participants", "target", "men", "home_focus", "home_need", "completed",
                  "completion_known", "positive", "outcome_known", "within_3", "wait_known")


@pytest.mark.parametrize("group", sorted(EXPECTED_COUNTS))
def test_counts_per_strategy_match_the_hand_computed_table(frame, group):
    assert tuple(int(frame.at[group, c]) for c in _COUNT_COLUMNS) == EXPECTED_COUNTS[group]


def test_shares_and_response_time_per_strategy(frame):
    # målrettet: 3 of 4 started, 2 of 3 aged 40–60, 2 of 3 completed, median of 4, 2, 1 days = 2.
    assert frame.at["målrettet", "start_rate"] == 75.0
    assert round(frame.at["målrettet", "target_share"], 4) == 66.6667
    assert round(frame.at["målrettet", "completion"], 4) == 66.6667
    assert frame.at["målrettet", "wait_median"] == 2.0
    # åben: 2 of 4 started, both aged 40–60; no completion known yet (no value, not 0 %).
    assert frame.at["åben", "start_rate"] == 50.0 and frame.at["åben", "target_share"] == 100.0
    assert math.isnan(frame.at["åben", "completion"])
    # In total: 6 of 9 started; median of 4, 2, 1, 0, 5 days = 2; 3 of 5 within 3 days.
    assert round(frame.at["i alt", "start_rate"], 4) == 66.6667 and frame.at["i alt", "within_3_share"] == 60.0
    # The Wilson interval of 2 of 3 (worked out from the formula): 20,77 % to 93,85 %.
    assert (round(frame.at["målrettet", "target_share_lo"], 2), round(frame.at["målrettet", "target_share_hi"], 2)) \
        == (20.77, 93.85)


def test_costs_are_shared_by_an_offers_participants_and_offers_without_a_cost_are_left_out(frame):
    # målrettet: Rygestop forår 12.000 kr. over its 3 participants = 4.000 each. Per participant 4.000, per
    # participant aged 40–60 12.000 / 2 = 6.000, per completer 12.000 / 2 = 6.000, per positive outcome the
    # 8.000 kr. on the two with a recorded outcome / 1 smoke-free = 8.000. 40–60 per 100.000 kr.: 2 / 12.000.
    m = frame.loc["målrettet"]
    assert (m.cost, m.cost_per_participant, m.cost_per_target, m.cost_per_completer, m.cost_per_positive) == (
        12000.0, 4000.0, 6000.0, 6000.0, 8000.0)
    assert round(m.target_per_kr, 3) == 16.667
    # åben: only Rygestop efterår has a cost (10.000 kr., 1 participant); Gåhold has none and is counted and
    # named, not dropped: 1 of the 2 participants is on an offer with a cost. Nobody completed yet.
    a = frame.loc["åben"]
    assert (a.cost, a.participants_c, a.cost_per_participant, a.cost_per_target) == (10000.0, 1.0, 10000.0, 10000.0)
    assert math.isnan(a.cost_per_completer) and a.offers_without_cost == 1
    # afgrænset: Gåhold B 3.000 kr. over its 2 participants (one started in 2024) = 1.500 kr. in 2025.
    assert frame.at["afgrænset", "cost"] == 1500.0 and frame.at["afgrænset", "cost_per_completer"] == 1500.0
    # In total: 23.500 kr. over the 5 participants on offers with a cost = 4.700; per completer the 13.500 kr.
    # on participants whose completion is known / 3 completers = 4.500, as the registry's pris_pr_gennemfoert.
    assert frame.at["i alt", "cost"] == 23500.0 and frame.at["i alt", "cost_per_participant"] == 4700.0
    assert frame.at["i alt", "cost_per_completer"] == 4500.0


def test_channels_have_no_cost_of_their_own(frame):
    channels = frame[frame.dimension == recruitment.CHANNEL]
    assert dict(zip(channels.index, zip(channels.enquiries, channels.participants))) == {
        "lokalavis": (3, 2), "egen læge": (2, 1), "mund-til-mund": (1, 1), "sms/telefon": (1, 1),
        "boligforening": (1, 1), "plakat": (1, 0)}
    assert channels.cost_per_participant.isna().all() and channels.target_per_kr.isna().all()
    assert "cost_per_participant" not in recruitment.shown_table(frame.reset_index(), recruitment.CHANNEL)


def test_offers_without_a_cost_are_named(fixture_db):
    con = db.connect(fixture_db, read_only=True)
    try:
        out = recruitment.offers_without_cost(con, Y2025, viewer="test")
        council = recruitment.offers_without_cost(con, Y2025, viewer=_council())
    finally:
        con.close()
    assert out.to_dict("records") == [{"title": "Gåhold", "area": "Aby", "strategy": "åben", "enquiries": 2,
                                       "participants": 1}]
    assert list(council.columns) == ["title", "area", "strategy"]  # no person counts for the council


def test_newcombe_interval_matches_the_published_example():
    # Newcombe (1998), Statistics in Medicine 17: 873–890, table II example (56/70 − 48/80): 0,2000 (0,0524; 0,3339).
    d, lo, hi = compare.newcombe(56, 70, 48, 80)
    assert (round(d, 4), round(lo, 4), round(hi, 4)) == (0.2, 0.0524, 0.3339)


def test_rate_ratio_interval_is_the_wilson_interval_of_the_first_count_among_both():
    # 20 against 10 at equal cost: ratio 2. Wilson for 20 of 30 is 0,4878 to 0,8077, so the ratio lies in
    # 0,4878 / 0,5122 = 0,952 to 0,8077 / 0,1923 = 4,200; at half the cost for the first, twice as much.
    assert tuple(round(v, 3) for v in compare.rate_ratio(20, 1, 10, 1)) == (2.0, 0.952, 4.2)
    assert tuple(round(v, 3) for v in compare.rate_ratio(20, 1, 10, 2)) == (4.0, 1.905, 8.4)


def test_verdicts_say_in_plain_words_whether_strategies_differ(frame):
    pairs = recruitment.comparisons(frame.reset_index(), "da").set_index(["a", "b", "figure"])
    start = pairs.loc[("åben", "målrettet", "start_rate")]
    # 2 of 4 against 3 of 4: far too few to tell apart.
    assert start.verdict == "som"
    assert start.sentence.startswith("Åben og målrettet kan ikke skelnes på andel af henvendelserne, der startede: "
                                     "50 % mod 75 % (forskel -25 procentpoint; 95 %-interval")
    english = recruitment.comparisons(frame.reset_index(), "en").set_index(["a", "b", "figure"])
    assert english.loc[("åben", "målrettet", "start_rate")].sentence.startswith(
        "Open and targeted cannot be told apart on share of enquiries that started: 50 % against 75 %")
    # No completion known for åben: said, not guessed.
    assert pd.isna(pairs.loc[("åben", "afgrænset", "completion")].verdict)


def test_every_recruitment_text_has_an_english_translation():
    texts = [h for _, h, _ in recruitment.COLUMNS] + [w for *_, w in recruitment.COMPARED]
    texts += [*recruitment.STRATEGIES, "ukendt", "I alt", "Strategi", "Kanal"]
    assert [x for x in texts if x not in i18n.EN] == []


# --- the council -----------------------------------------------------------------------------------


def _council() -> access.User:
    return access.User("bo@aalborg.dk", "Bo Byråd", "byraad")


def test_a_council_member_is_refused_the_unprotected_view_and_a_period_that_is_not_an_ended_year(fixture_db):
    con = db.connect(fixture_db)
    try:
        with pytest.raises(access.PermissionDenied):
            recruitment.view(con, Y2025, viewer=_council())
        with pytest.raises(release.NotPublished):
            recruitment.council_view(con, Period("2025K1", date(2025, 1, 1), date(2025, 3, 31)))
    finally:
        con.close()


def test_on_the_fixture_the_council_sees_no_count_below_five(fixture_db):
    con = db.connect(fixture_db, read_only=True)
    try:
        out = recruitment.council_view(con, Y2025, k=K)
    finally:
        con.close()
    for c in recruitment.SHOWN_COUNTS:
        shown = out[out[f"status_{c}"] == suppress.SHOWN][c]
        assert (shown >= K).all(), c
    # The 9 enquiries in all are shown, but not the 6 participants: 9 − 6 = 3 who did not start would
    # follow. Every strategy and channel row is protected.
    total = out.set_index("group").loc["i alt"]
    assert total.enquiries == 9 and math.isnan(total.participants)
    assert total.status_participants == suppress.HIDDEN
    assert out[out.dimension != recruitment.TOTAL].participants.isna().all()


def _attack(true: pd.DataFrame, shown: pd.DataFrame, k: int, first: bool = False) -> list:
    """What a council member can derive by linear algebra from what the table shows: for every protected
    count of 1 to k − 1 persons, its least and greatest value over all non-negative tables that agree with
    every shown count, every '<k' and every relation the table states (strategies and channels add up to
    the total; within a row a whole is at least its part). Returns the cells pinned to one whole number
    (``first``: stop at the first)."""
    rows = list(zip(true.dimension, true.group))
    cells = [(r, c) for r in rows for c in recruitment.SHOWN_COUNTS]
    index = {cell: i for i, cell in enumerate(cells)}
    n = len(cells)
    a_eq, b_eq, a_ub, b_ub, bounds = [], [], [], [], []
    seen = shown.set_index(["dimension", "group"])
    for (r, c) in cells:
        s, v = seen.at[r, f"status_{c}"], seen.at[r, c]
        bounds.append((v, v) if s == suppress.SHOWN else (0, k - 1) if s == suppress.SMALL else (0, None))
    for dim in (recruitment.STRATEGY, recruitment.CHANNEL):
        for c in recruitment.SHOWN_COUNTS:
            row = np.zeros(n)
            row[index[((recruitment.TOTAL, recruitment.TOTAL), c)]] = 1
            for r in rows:
                if r[0] == dim:
                    row[index[(r, c)]] -= 1
            a_eq.append(row)
            b_eq.append(0)
    for r in rows:
        for whole, part in recruitment._COMPLEMENTS:
            row = np.zeros(n)
            row[index[(r, part)]], row[index[(r, whole)]] = 1, -1
            a_ub.append(row)
            b_ub.append(0)
    pinned = []
    truth = true.set_index(["dimension", "group"])
    for (r, c) in cells:
        value = truth.loc[r, c]
        if not 1 <= value < k or bounds[index[(r, c)]][0] == bounds[index[(r, c)]][1]:
            continue
        obj = np.zeros(n)
        obj[index[(r, c)]] = 1
        lo = linprog(obj, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds).fun
        hi = -linprog(-obj, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds).fun
        if math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) < 1:
            pinned.append((r, c, value, lo, hi))
            if first:
                break
    return pinned


def test_no_small_count_of_the_council_view_can_be_worked_out_by_subtraction(demo_db):
    # The demo's 2025: 3 strategies and 14 channels. The attacker knows every shown count and every '<5', and
    # that strategy rows and channel rows each add up to the total (e.g. the total minus two strategies).
    con = db.connect(demo_db, read_only=True)
    try:
        true = recruitment.counts(con, Y2025, need=recruitment.high_need_areas(con, Y2025, viewer="test"))
        shown = recruitment.council_view(con, Y2025, k=K)
    finally:
        con.close()
    protected = sum(int((shown[f"status_{c}"] != suppress.SHOWN).sum()) for c in recruitment.SHOWN_COUNTS)
    small = sum(int(((true[c] >= 1) & (true[c] < K)).sum()) for c in recruitment.SHOWN_COUNTS)
    assert protected > small > 0  # there are small cells, and secondary suppression hid more than them
    assert _attack(true, shown, K) == []
    # The naive protection (only the small cells) would give them away: the total minus the other rows.
    naive = shown.copy()
    for c in recruitment.SHOWN_COUNTS:
        naive[f"status_{c}"] = [suppress.SMALL if v < K else suppress.SHOWN for v in true[c]]
        naive[c] = true[c]
    assert _attack(true, naive, K, first=True) != []


# --- the page ----------------------------------------------------------------------------------------


def _page(app, path, lang="da"):
    at = app(path, {"fra": "2025K1", "til": "2025K4", **({"lang": lang} if lang != "da" else {})})
    at.run()
    at.switch_page("app_pages/rekruttering.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_page_shows_the_hand_computed_strategies_and_names_the_offer_without_a_cost(app, fixture_db):
    at = _page(app, fixture_db)
    assert at.title[0].value == "Rekruttering"
    strategies = at.dataframe[0].value
    assert list(strategies["Strategi"]) == ["åben", "afgrænset", "målrettet", "I alt"]
    assert list(strategies["Henvendelser"]) == ["4", "1", "4", "9"]
    assert strategies["Startede"].iloc[2].startswith("75 % (")
    assert list(strategies["Pris pr. gennemført (kr.)"]) == ["–", "1.500", "6.000", "4.500"]
    assert "Flest 40–60-årige pr. krone: målrettet med 16,7 pr. 100.000 kr." in at.success[0].value
    assert "1 tilbud har ingen pris." in " ".join(m.value for m in at.markdown)
    assert list(at.dataframe[2].value["Titel"]) == ["Gåhold"]


def test_page_in_english(app, fixture_db):
    at = _page(app, fixture_db, "en")
    assert at.title[0].value == "Recruitment"
    strategies = at.dataframe[0].value
    assert list(strategies["Strategy"]) == ["open", "limited", "targeted", "Total"]
    assert list(strategies["Cost per completer (DKK)"]) == ["–", "1,500", "6,000", "4,500"]
    assert at.success[0].value.startswith("Most 40–60-year-olds per krone: targeted with 16.7 per DKK 100,000")
