"""Small-number protection: hand-made tables prove that no suppressed value can be worked out.

The proof is by exhaustion: for every hidden cell, try every value it could take and keep the
ones for which the whole table (the shown numbers, the '<5' and 'x' labels and every total)
still adds up. A protected cell is safe when more than one value remains.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from lokal import db, fixtures, suppress
from lokal import indicators as ind
from lokal.suppress import HIDDEN, SHOWN, SMALL

K = 5
Y2025 = ind.Period("2025", date(2025, 1, 1), date(2025, 12, 31))


def feasible_values(values, status, lines, k, virtual=(), cell=None):
    """Every value ``cell`` can take that keeps the table consistent with what is shown.

    What an attacker knows: shown cells exactly; '<k' cells lie in 0..k-1; 'x' cells (a shown
    cell hidden to protect another) are at least k; virtual cells (never shown) at least 0.
    """
    virtual = set(virtual)
    top = int(max(values.values())) + k
    ranges = {}
    for c, v in values.items():
        if status[c] == SHOWN:
            ranges[c] = [int(v)]
        elif c in virtual:
            ranges[c] = range(0, top + 1)
        elif status[c] == SMALL:
            ranges[c] = range(0, k) if v < k else range(0, top + 1)
        else:
            ranges[c] = range(k, top + 1)
    unknown = [c for c in values if len(ranges[c]) > 1]
    found = set()

    def consistent(assigned):
        for total, members in lines:
            cells = [total, *members]
            if all(c in assigned for c in cells):
                if assigned[total] != sum(assigned[m] for m in members):
                    return False
            else:
                known = sum(assigned[m] for m in members if m in assigned)
                if total in assigned and known > assigned[total]:
                    return False
        return True

    def search(i, assigned):
        if i == len(unknown):
            found.add(assigned[cell])
            return
        c = unknown[i]
        for v in ranges[c]:
            assigned[c] = v
            if consistent(assigned):
                search(i + 1, assigned)
            del assigned[c]

    start = {c: ranges[c][0] for c in values if len(ranges[c]) == 1}
    if consistent(start):
        search(0, start)
    return found


def assert_nothing_recoverable(values, status, lines, k=K, virtual=()):
    """No small cell with 1 to k − 1 persons can be worked out (that a cell holds nobody may be)."""
    for c, s in status.items():
        if values[c] == 0:
            continue
        if s == SMALL or (c in set(virtual) and values[c] < k):
            options = feasible_values(values, status, lines, k, virtual, cell=c)
            assert values[c] in options, f"the true value of {c} must stay possible"
            assert len(options) > 1, f"{c} = {values[c]} can be worked out from the table"


# --- the threshold ------------------------------------------------------------------------------


def test_threshold_defaults_to_five(monkeypatch):
    monkeypatch.delenv(suppress.ENV_VAR, raising=False)
    assert suppress.threshold() == 5


def test_threshold_comes_from_the_environment_before_the_database(monkeypatch):
    monkeypatch.setenv(suppress.ENV_VAR, "10")
    assert suppress.threshold("3") == 10
    monkeypatch.delenv(suppress.ENV_VAR)
    assert suppress.threshold("3") == 3


@pytest.mark.parametrize("bad", ["", "fem", "0", "-2", "2.5"])
def test_a_bad_threshold_setting_never_weakens_the_default(monkeypatch, bad):
    monkeypatch.setenv(suppress.ENV_VAR, bad)
    assert suppress.threshold() == 5


def test_threshold_is_read_from_the_meta_table(tmp_path, monkeypatch):
    monkeypatch.delenv(suppress.ENV_VAR, raising=False)
    con = db.open_db(tmp_path / "meta.duckdb")
    db.set_meta(con, suppress.META_KEY, "7")
    assert suppress.threshold(db.get_meta(con, suppress.META_KEY)) == 7
    con.close()


# --- primary suppression ----------------------------------------------------------------------


def test_counts_below_the_threshold_show_as_less_than_five():
    status = suppress.protect({"a": 4, "b": 5, "c": 0, "d": 12}, k=K)
    assert status == {"a": SMALL, "b": SHOWN, "c": SMALL, "d": SHOWN}
    assert suppress.label(4, "count", SMALL, K) == "<5"
    assert suppress.label(12, "count", SHOWN, K) == "12"
    assert suppress.label(1234, "count", SHOWN, K) == "1.234"


@pytest.mark.parametrize("indicator,num,den,hidden", [
    ("deltagere_pr_1000", 4, 1000, True),  # 4 persons
    ("deltagere_pr_1000", 12, 1000, False),
    ("deltagere_pr_1000", 0, 0, False),  # no adults: no value, nothing to hide
    ("gennemfoerelse", 3, 4, True),  # denominator below 5
    ("gennemfoerelse", 15, 20, False),
    ("gennemfoerelse", 17, 20, True),  # 3 did not complete
    ("gennemfoerelse", 19, 20, True),  # only one did not complete
    ("gennemfoerelse", 20, 20, True),  # "100 %" tells about every one of them
    ("svartid_median", 2.0, 4, True),  # a median over 4 persons
    ("svartid_median", 2.0, 9, False),
    ("uddannede", 4, None, True),
    ("kommunale_tilbud_afholdt", 1, None, False),  # offers are not persons
    ("aktive_partnere", 2, None, False),
])
def test_rates_and_shares_are_hidden_when_few_persons_lie_behind_them(indicator, num, den, hidden):
    assert suppress.primary_hidden(indicator, num, den, K) is hidden


def test_every_protected_indicator_exists_and_offers_and_partners_are_not_persons():
    assert set(ind.BY_ID) >= suppress.PERSONS
    for not_persons in ("kommunale_tilbud_afholdt", "aktive_partnere", "nye_samarbejder", "pladser_pr_1000",
                        "andel_planlagte_afholdt", "tilbud_med_lokal_aktoer", "vidensaktiviteter"):
        assert not suppress.is_persons(not_persons)


def test_threshold_one_turns_protection_off():
    assert suppress.protect({"t": 3, "a": 1, "b": 2}, [("t", ["a", "b"])], k=1) == {"t": SHOWN, "a": SHOWN,
                                                                                   "b": SHOWN}


# --- secondary suppression: hand-made tables ----------------------------------------------------


def test_one_small_area_beside_a_total_hides_the_next_smallest_area():
    # Areas and the kommune total: without more, Bby = 30 − 12 − 15 = 3.
    values = {"kommune": 30, "Aby": 12, "Bby": 3, "Cby": 15}
    lines = [("kommune", ["Aby", "Bby", "Cby"])]
    status = suppress.protect(values, lines, k=K)
    assert status == {"kommune": SHOWN, "Aby": HIDDEN, "Bby": SMALL, "Cby": SHOWN}
    assert_nothing_recoverable(values, status, lines)


def test_areas_with_nobody_are_shown_as_less_than_five_but_may_add_up_to_nothing():
    # Aby 8, Bby 0, Cby 0, total 8: Bby + Cby = 0 tells that nobody from either took part, which
    # discloses no one; the two '<5' cells need no more cover, so Aby stays shown.
    values = {"kommune": 8, "Aby": 8, "Bby": 0, "Cby": 0}
    lines = [("kommune", ["Aby", "Bby", "Cby"])]
    assert suppress.protect(values, lines, k=K) == {"kommune": SHOWN, "Aby": SHOWN, "Bby": SMALL, "Cby": SMALL}
    assert suppress.protect({"kommune": 5, "Aby": 5, "Bby": 0}, [("kommune", ["Aby", "Bby"])], k=K) == {
        "kommune": SHOWN, "Aby": SHOWN, "Bby": SMALL}


def test_a_table_with_no_small_cells_is_shown_whole():
    values = {"kommune": 40, "Aby": 12, "Bby": 13, "Cby": 15}
    status = suppress.protect(values, [("kommune", ["Aby", "Bby", "Cby"])], k=K)
    assert set(status.values()) == {SHOWN}


def test_the_other_areas_behind_a_total_are_protected_when_only_some_areas_are_shown():
    # Focus areas Aby and Bby beside the kommune total: "the others" = 40 − 20 − 17 = 3.
    values = {"kommune": 40, "Aby": 20, "Bby": 17, "others": 3}
    lines = [("kommune", ["Aby", "Bby", "others"])]
    status = suppress.protect(values, lines, k=K, virtual={"others"})
    assert status["Bby"] == HIDDEN and status["Aby"] == SHOWN
    assert_nothing_recoverable(values, status, lines, virtual={"others"})


def test_funnel_steps_do_not_give_away_how_many_did_not_complete():
    funnel = pd.DataFrame({"enrolled": [20], "completed": [17]}, index=["Aby"])
    out = suppress.protect_counts(funnel, ["enrolled", "completed"], k=K, complements=[("enrolled", "completed")])
    # 20 − 17 = 3 did not complete, so "completed" is hidden.
    assert out.loc["Aby"].tolist() == ["20", "x"]


def test_channels_with_totals_both_ways_hide_enough_cells():
    # Enrolments and completions per recruitment channel, with a total row; "not completed" is
    # derivable per channel. Every line (each column, each channel) is checked by exhaustion.
    table = pd.DataFrame(
        {"enrolled": [9, 6, 3, 18], "completed": [7, 6, 2, 15]},
        index=["lokalavis", "egen læge", "plakat", "i alt"],
    )
    out = suppress.protect_counts(table, ["enrolled", "completed"], k=K, total_row="i alt",
                                  complements=[("enrolled", "completed")])
    assert out.at["plakat", "enrolled"] == "<5" and out.at["plakat", "completed"] == "<5"
    assert out.at["i alt", "enrolled"] == "18"
    values, lines, virtual = {}, [], set()
    for r in table.index:
        values[(r, "enrolled")], values[(r, "completed")] = table.at[r, "enrolled"], table.at[r, "completed"]
        values[(r, "rest")] = table.at[r, "enrolled"] - table.at[r, "completed"]
        virtual.add((r, "rest"))
        lines.append(((r, "enrolled"), [(r, "completed"), (r, "rest")]))
    for c in ("enrolled", "completed", "rest"):
        lines.append((("i alt", c), [(r, c) for r in table.index if r != "i alt"]))
    status = {**out.attrs["status"]}
    for r in table.index:
        status[(r, "rest")] = SMALL if values[(r, "rest")] < K else HIDDEN
    assert_nothing_recoverable(values, status, lines, virtual=virtual)


@pytest.mark.parametrize("areas", [
    [1, 7, 9, 12], [0, 0, 0, 30], [4, 4, 6, 6], [2, 5, 5, 5], [3, 9, 0, 11], [6, 0, 8, 1],
])
def test_no_hand_made_areas_table_leaks_a_suppressed_value(areas):
    values = {"kommune": sum(areas), **{f"a{i}": n for i, n in enumerate(areas)}}
    lines = [("kommune", [f"a{i}" for i in range(len(areas))])]
    status = suppress.protect(values, lines, k=K)
    hidden = [c for c in lines[0][1] if status[c] != SHOWN]
    assert len(hidden) != 1
    assert_nothing_recoverable(values, status, lines)


# --- indicator frames from the fixture database -----------------------------------------------


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    con = fixtures.build_small(db.connect(tmp_path_factory.mktemp("sup") / "small.duckdb"))
    ids = ["uddannede", "deltagere_pr_1000", "gennemfoerelse", "kommunale_tilbud_afholdt"]
    frame = pd.concat([ind.compute(con, Y2025, by="area", indicator_ids=ids),
                       ind.compute(con, Y2025, by="kommune", indicator_ids=ids)], ignore_index=True)
    con.close()
    return frame


def _status(out, indicator):
    rows = out[out.indicator == indicator]
    return dict(zip(rows.unit, rows.status))


def test_fixture_trained_staff_show_the_one_area_beside_two_with_nobody(results):
    # 2025: A trained 8, B 0, C 0, kommune 8. B and C are '<5'; that they are 0 may be worked out
    # (nobody was trained there), so A and the kommune stay shown.
    out = suppress.protect_results(results, k=K)
    assert _status(out, "uddannede") == {"A": SHOWN, "B": SMALL, "C": SMALL, "kommune": SHOWN}
    hidden = out[(out.indicator == "uddannede") & (out.status != SHOWN)]
    assert hidden.value.isna().all() and hidden.numerator.isna().all()


def test_fixture_participation_rates_are_hidden_but_the_kommune_rate_stays(results):
    # A: 4 participants, B: 1 → both hidden; C has no adults (no value, nothing to hide);
    # the kommune's 5 participants per 1.500 adults are shown.
    out = suppress.protect_results(results, k=K)
    assert _status(out, "deltagere_pr_1000") == {"A": SMALL, "B": SMALL, "C": SHOWN, "kommune": SHOWN}
    kommune = out[(out.indicator == "deltagere_pr_1000") & (out.unit == "kommune")].value.iloc[0]
    assert math.isclose(kommune, 1000 * 5 / 1500)


def test_fixture_shares_over_few_enrolments_are_hidden_and_offers_are_untouched(results):
    out = suppress.protect_results(results, k=K)
    # Completion: A 2 of 3, B 1 of 1, kommune 3 of 4 — all too few.
    assert set(_status(out, "gennemfoerelse").values()) <= {SMALL, SHOWN}
    assert _status(out, "gennemfoerelse")["kommune"] == SMALL
    assert set(_status(out, "kommunale_tilbud_afholdt").values()) == {SHOWN}


def test_fixture_numbers_are_all_shown_when_the_threshold_is_one(results):
    out = suppress.protect_results(results, k=1)
    assert set(out.status) == {SHOWN}
    assert out.value.equals(results.value.astype("float64")) or out.value.fillna(-1).equals(
        results.value.astype("float64").fillna(-1))
