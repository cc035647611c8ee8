"""Pure parts: quarters and URL parameters, the better/similar/worse rule, Danish formats, the catalogue."""

import ast
from datetime import date
from pathlib import Path

import pytest

from lokal import compare, i18n
from lokal import filters as flt
from lokal import indicators as ind

ROOT = Path(__file__).resolve().parent.parent


def test_quarter_period_and_range():
    q = flt.quarter_period("2025K3")
    assert (q.start, q.end) == (date(2025, 7, 1), date(2025, 9, 30))
    assert [p.label for p in flt.quarters_between("2024K4", "2025K2")] == ["2024K4", "2025K1", "2025K2"]
    with pytest.raises(ValueError, match="Ugyldigt kvartal"):
        flt.quarter_period("2025Q3")


def test_quarters_ending_after_the_data_date_are_unfinished():
    quarters = flt.quarters_between("2026K3", "2027K1")
    assert flt.unfinished(quarters, date(2026, 11, 23)) == ["2026K4", "2027K1"]  # 7 of 13 weeks; none
    assert flt.unfinished(quarters[:2], date(2026, 12, 31)) == []  # the last day: complete
    assert flt.unfinished(quarters, date(2027, 4, 1)) == []  # data beyond the chosen period
    assert flt.unfinished(quarters, date(2026, 8, 1)) == ["2026K3", "2026K4", "2027K1"]
    assert flt.unfinished(quarters, None) == [] and flt.unfinished([], date(2026, 11, 23)) == []


def test_filters_round_trip_through_url_parameters():
    options = ["2024K1", "2024K2", "2024K3", "2024K4"]
    default = flt.Filters("2024K1", "2024K4")
    chosen = flt.Filters("2024K2", "2024K3", focus_only=True, category="civilsamfund")
    assert flt.from_params(flt.to_params(chosen), options, default) == chosen


def test_malformed_url_parameters_fall_back_to_defaults():
    options = ["2024K1", "2024K2"]
    default = flt.Filters("2024K1", "2024K2")
    got = flt.from_params({"fra": "1999K1", "til": "x'; drop", "kategori": "alt"}, options, default)
    assert got == default
    # Swapped ends are put in order.
    assert flt.from_params({"fra": "2024K2", "til": "2024K1"}, options, default).first == "2024K1"


def test_filters_period_covers_whole_quarters_and_years_are_cut_to_it():
    f = flt.Filters("2024K4", "2025K1")
    assert (f.period.start, f.period.end) == (date(2024, 10, 1), date(2025, 3, 31))
    assert [(y.label, y.start, y.end) for y in f.years] == [
        ("2024", date(2024, 10, 1), date(2024, 12, 31)), ("2025", date(2025, 1, 1), date(2025, 3, 31))]


def test_quarter_options_default_to_all_data_up_to_the_data_date():
    options, default = flt.quarter_options(date(2024, 2, 1), date(2027, 3, 1), date(2026, 11, 23))
    assert options[0] == "2024K1" and options[-1] == "2027K1"
    assert (default.first, default.last) == ("2024K1", "2026K4")


def test_wilson_interval_matches_published_value():
    # 81 of 263: Wilson 95 % interval 0,2553–0,3662 (Newcombe 1998, table I, example).
    lo, hi = compare.wilson(81, 263)
    assert round(lo, 4) == 0.2553 and round(hi, 4) == 0.3662


def test_share_comparison_needs_more_than_chance():
    share = ind.get("gennemfoerelse")
    # 9 of 10 (90 %) against a kommune at 80 %: the interval covers 80 -> similar.
    assert compare.compare_one(share, 9, 10, 90.0, 80.0) == compare.SIMILAR
    # 900 of 1.000 against 80 %: better.
    assert compare.compare_one(share, 900, 1000, 90.0, 80.0) == compare.BETTER
    # Lower is better for response time: 10 % above the kommune's median is worse.
    assert compare.compare_one(ind.get("svartid_median"), 3, 50, 3.5, 3.0) == compare.WORSE
    assert compare.compare_one(share, 0, 0, None, 80.0) is None


def test_counts_are_compared_per_adult():
    count = ind.get("kommunale_tilbud_afholdt")
    # 10 offers for 1.000 adults against 20 for 10.000 adults in the kommune (2 per 1.000).
    assert compare.compare_one(count, 10, None, 10, 20, adults=1000, ref_adults=10000, ref_num=20) == compare.BETTER
    assert compare.compare_one(count, 2, None, 2, 20, adults=1000, ref_adults=10000, ref_num=20) == compare.SIMILAR
    assert compare.compare_one(count, 0, None, 0, 20, adults=0, ref_adults=10000, ref_num=20) is None


@pytest.mark.parametrize("value,decimals,lang,text", [
    (1234.5, 1, "da", "1.234,5"), (1234.5, 1, "en", "1,234.5"), (1234567, 0, "da", "1.234.567"),
    (0.25, 2, "da", "0,25"), (None, 0, "da", "–"), (float("nan"), 1, "en", "–"),
])
def test_number_formats(value, decimals, lang, text):
    assert i18n.fmt_num(value, decimals, lang) == text


def test_date_formats():
    assert i18n.fmt_date(date(2026, 11, 23), "da") == "23-11-2026"
    assert i18n.fmt_date(date(2026, 11, 3), "en") == "3 Nov 2026"
    assert i18n.fmt_date(None) == ""


def _texts_passed_to_t():
    files = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "lokal" / "ui").glob("*.py")),
             ROOT / "lokal" / "views.py"]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield path.name, node.args[0].value


def test_every_ui_text_has_an_english_translation():
    missing = sorted({(f, s) for f, s in _texts_passed_to_t() if s not in i18n.EN})
    assert not missing, missing


def test_group_and_comparison_words_are_translated():
    from lokal import views

    for text in [*views.GROUP_NAMES.values(), *views.KIND_NAMES.values()]:
        assert text in i18n.EN, text


def test_whole_column_comparison_agrees_with_the_one_row_rule(demo_db):
    from lokal import db

    con = db.connect(demo_db, read_only=True)
    try:
        periods = [ind.Period("2025", date(2025, 1, 1), date(2025, 12, 31)),
                   ind.Period("2025K3", date(2025, 7, 1), date(2025, 9, 30))]
        areas = ind.compute(con, periods)
        kommune = ind.compute(con, periods, by="kommune")
        adults = dict(con.execute("SELECT code, adults FROM areas").fetchall())
    finally:
        con.close()
    got = compare.add_comparison(areas, kommune, adults)
    ref = kommune.set_index(["indicator", "period"])
    total = sum(adults.values())
    expected = [
        compare.compare_one(ind.get(r.indicator), r.numerator, r.denominator, r.value,
                            ref.at[(r.indicator, r.period), "value"], adults.get(r.unit), total,
                            ref.at[(r.indicator, r.period), "numerator"])
        for r in areas.itertuples()
    ]
    assert [c if isinstance(c, str) else None for c in got.comparison] == expected
    assert {compare.BETTER, compare.SIMILAR, compare.WORSE} <= set(expected)
