"""The meeting view model and page: periods, arrows, targets, sentences, protection; the page via AppTest.

Expected numbers come from the hand-made fixture (lokal/fixtures.py; see tests/test_indicators.py):
in 2025 area A (Aby) held 2 municipal offers (target 3), started 1 civil-society activity, had 3
active partners, 1 collaboration carried on by the area, 3 knowledge activities (target 2) and
trained 8; 2024 had none of these in A.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lokal import db, meeting, meeting_charts, suppress
from lokal.meeting import Number

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "app_pages/moede.py"


@pytest.fixture(scope="module")
def models(small_db):
    """The 2025 meeting on the fixture, protected (threshold 5) and raw (threshold 1).

    The connection is closed again at once: the page tests below open the same file read-write.
    """
    con = db.connect(small_db, read_only=True)
    try:
        return meeting.build(con, "2025", k=5), meeting.build(con, "2025", k=1)
    finally:
        con.close()


@pytest.fixture(scope="module")
def protected(models):
    return models[0]


@pytest.fixture(scope="module")
def raw(models):
    return models[1]


# --- periods ----------------------------------------------------------------------------------


def test_a_whole_year_is_compared_with_the_year_before():
    p = meeting.meeting_period("2025", date(2025, 12, 31))
    assert (p.current.start, p.current.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert (p.previous.start, p.previous.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert not p.partial and p.year == 2025
    assert meeting.previous_text(p) == "2024"
    assert meeting.period_text(p) == "2025 (01-01-2025 – 31-12-2025)"


def test_the_year_in_progress_is_cut_at_the_data_date_and_compared_with_the_same_stretch():
    p = meeting.meeting_period("2026", date(2026, 11, 23))
    assert (p.current.start, p.current.end) == (date(2026, 1, 1), date(2026, 11, 23))
    assert (p.previous.start, p.previous.end) == (date(2025, 1, 1), date(2025, 11, 23))
    assert p.partial
    assert meeting.previous_text(p) == "samme periode 2025"
    assert meeting.period_name(p, "en") == "2026 up to 23 Nov 2026"


def test_a_quarter_is_compared_with_the_quarter_before():
    p = meeting.meeting_period("2025K1", date(2026, 1, 31))
    assert (p.previous.start, p.previous.end) == (date(2024, 10, 1), date(2024, 12, 31))
    assert p.year is None
    assert meeting.previous_text(p, "en") == "2024 Q4"


def test_the_default_period_is_the_last_whole_year():
    options = ["2025", "2024", "2025K4", "2025K3", "2025K2", "2025K1", "2024K4"]  # release.labels' order
    assert meeting.default_period(options, date(2025, 12, 31)) == "2025"
    assert meeting.default_period(options, date(2025, 11, 30)) == "2024"


# --- sentences --------------------------------------------------------------------------------


def test_sentences_in_danish_say_the_fixture_numbers_with_targets(raw):
    aby = raw.unit("A")
    assert meeting.sentences(raw, aby, "da") == [
        "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3).",
        "Der kom 1 ny civilsamfundsaktivitet i gang.",
        "Der var 3 aktive lokale partnere, og 1 samarbejde bæres nu videre af området selv.",
        "Der blev holdt 3 vidensaktiviteter (mål: 2), og 8 frontmedarbejdere og frivillige blev uddannet.",
        "4,0 ud af hver 1.000 voksne deltog i et tilbud eller en aktivitet.",
        "66,7 % af tilmeldingerne blev gennemført.",
        # Rygestop forår: smoke-free at the end 1 of 2 recorded, at follow-up 1 of 1.
        "I forløb med et effektmål (fx røgfri) havde 50,0 % af deltagerne effekt ved afslutningen, og 100,0 % "
        "efter 6 måneder.",
        # Days from enquiry to start in A in 2025: 4, 2, 1, 0 → median 1,5; 3 of 4 within 3 days.
        "Fra henvendelse til start gik der typisk 1,5 dage; 75,0 % startede inden for 3 dage (god praksis).",
    ]


def test_sentences_in_english_use_english_number_formats(raw):
    assert meeting.sentences(raw, raw.summary, "en") == [
        "In the period, 2 municipal health offers were held locally in all areas.",
        "1 new civil-society activity started.",
        "There were 4 active local partners, and 1 collaboration is now carried on by the areas themselves.",
        "4 knowledge activities were held, and 8 frontline staff and volunteers were trained.",
        "3.3 of every 1,000 adults took part in an offer or activity.",
        "75.0% of enrolments were completed.",
        "In courses with an outcome measure (e.g. smoke-free), 50.0% of participants had the outcome at the end, "
        "and 100.0% after 6 months.",
        # A's 4, 2, 1, 0 and B's 5 days (Gåhold B, 05-01 → 10-01-2025): median 2; 3 of 5 within 3 days.
        "From enquiry to start took typically 2.0 days; 60.0% started within 3 days (good practice).",
    ]


def test_sentences_never_say_a_protected_number(protected):
    assert meeting.sentences(protected, protected.unit("A"), "da") == [
        "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3).",
        "Der kom 1 ny civilsamfundsaktivitet i gang.",
        "Der var 3 aktive lokale partnere, og 1 samarbejde bæres nu videre af området selv.",
        # Aby trained 8, Bby and Cby nobody: that they had nobody may be worked out, so Aby's 8 is shown.
        "Der blev holdt 3 vidensaktiviteter (mål: 2), og 8 frontmedarbejdere og frivillige blev uddannet.",
        "Deltagelsen pr. 1.000 voksne vises ikke af hensyn til små tal.",
        "Andelen af gennemførte forløb vises ikke af hensyn til små tal.",
        "Effekten ved forløbenes afslutning vises ikke af hensyn til små tal.",
        "Svartiden vises ikke af hensyn til små tal.",
    ]
    assert "Der blev holdt 1 vidensaktivitet, og færre end 5 frontmedarbejdere og frivillige blev uddannet." in \
        meeting.sentences(protected, protected.unit("B"), "da")


def test_the_year_in_progress_shows_the_full_year_target_without_a_verdict(protected):
    m = meeting.Meeting(**{**protected.__dict__, "period": meeting.meeting_period("2025", date(2025, 11, 30))})
    aby = m.unit("A")
    assert meeting.sentences(m, aby)[0] == \
        "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål for hele 2025: 3)."
    assert meeting.card(m, aby.numbers["kommunale_tilbud_afholdt"])["target"] == "Mål for hele 2025: 3"


# --- cards: arrows against the previous period and the target ----------------------------------


def test_cards_show_the_change_since_last_year_and_the_target(protected):
    aby = protected.unit("A")
    offers = meeting.card(protected, aby.numbers["kommunale_tilbud_afholdt"])
    assert offers["value"] == "2"
    assert offers["change"] == "▲ Op fra 0 i 2024" and offers["change_tone"] == "better"
    assert offers["target"] == "Mål: 3 – ikke nået" and offers["target_tone"] == "worse"
    knowledge = meeting.card(protected, aby.numbers["vidensaktiviteter"], "en")
    assert knowledge["change"] == "▲ Up from 0 in 2024"
    assert knowledge["target"] == "Target: 2 – reached"
    bby = meeting.card(protected, protected.unit("B").numbers["kommunale_tilbud_afholdt"])
    assert bby["change"] == "▼ Ned fra 1 i 2024" and bby["change_tone"] == "worse"


def test_arrows_reveal_nothing_the_labels_do_not():
    shown, small, hidden = suppress.SHOWN, suppress.SMALL, suppress.HIDDEN
    # A count below the threshold against a shown count (>= 5): the direction is plain.
    assert meeting.direction(Number("uddannede", 13, shown, None, small)) == "up"
    assert meeting.direction(Number("uddannede", None, small, 13, shown)) == "down"
    # Two small counts, or a hidden rate: the arrow would tell which is larger.
    assert meeting.direction(Number("uddannede", None, small, None, small)) is None
    assert meeting.direction(Number("uddannede", None, hidden, 13, shown)) is None
    assert meeting.direction(Number("deltagere_pr_1000", None, small, 9.5, shown)) is None


def test_the_model_holds_no_value_that_is_protected(protected):
    m = protected
    for unit in (m.summary, *m.areas):
        for n in unit.numbers.values():
            if n.status != suppress.SHOWN:
                assert n.value is None
            if n.previous_status != suppress.SHOWN:
                assert n.previous is None


def test_area_table_shows_less_than_five_and_x_and_keeps_the_total(protected):
    table = meeting_charts.area_table(protected).set_index("Område")
    col = "Frontpersonale og frivillige uddannet"
    # Bby and Cby trained nobody ('<5'; that it is 0 may be worked out, it discloses no one), so Aby shows.
    assert table[col].to_dict() == {"Aby": "8", "Bby": "<5", "Cby": "<5", "Alle områder": "8"}
    assert table.at["Aby", "Deltagere pr. 1.000 voksne"] == "x"
    assert table.at["Alle områder", "Deltagere pr. 1.000 voksne"] == "3,3"
    assert table.at["Cby", "Deltagere pr. 1.000 voksne"] == "–"  # no adults: no data, not hidden


def test_no_line_of_the_demo_meeting_has_exactly_one_hidden_area(demo_db):
    con = db.connect(demo_db, read_only=True)
    try:
        m = meeting.build(con, "2025", k=5)
    finally:
        con.close()
    for i in suppress.ADDITIVE_PERSONS & set(meeting.IDS):
        for previous in (False, True):
            statuses = [(u.numbers[i].previous_status if previous else u.numbers[i].status) for u in m.areas]
            total = m.summary.numbers[i].previous_status if previous else m.summary.numbers[i].status
            hidden = sum(s != suppress.SHOWN for s in statuses) + (total != suppress.SHOWN)
            assert hidden != 1, (i, previous)


def test_capacity_charts_carry_the_protected_labels(protected):
    fig = meeting_charts.capacity_figure(protected, protected.unit("B"), "viden")
    assert [list(t.text) for t in fig.data if t.type == "bar"] == [["1", "<5"], ["1", "<5"]]
    assert meeting_charts.capacity_text(protected, protected.unit("B"), "viden") == (
        "Vidensaktiviteter afholdt: 1 (2024: 1) · Frontpersonale og frivillige uddannet: <5 (2024: <5)")


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def app(monkeypatch):
    def make(path, params: dict | None = None) -> AppTest:
        monkeypatch.setenv("LOKAL_DB", str(path))
        monkeypatch.setenv("LOKAL_DEMO", "0")
        monkeypatch.delenv(suppress.ENV_VAR, raising=False)
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in (params or {}).items():
            at.query_params[k] = v
        at.switch_page(PAGE)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    yield make
    st.cache_data.clear()
    st.cache_resource.clear()


def _text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_meeting_page_shows_an_area_with_protected_numbers_and_sentences(app, small_db):
    at = app(small_db, {"omraade": "A", "periode": "2025"})
    assert at.title[0].value == "Møde"
    text = _text(at)
    assert "I perioden blev 2 kommunale sundhedstilbud afholdt lokalt i Aby (mål: 3)." in text
    assert "Mål: 3 – ikke nået" in text
    assert "<5: færre end 5 personer (0–4)" in text
    assert "Deltagelsen pr. 1.000 voksne vises ikke af hensyn til små tal." in text
    assert len(at.get("plotly_chart")) == 3
    # The handouts; below them the approval panel's tables (an admin here) have their own downloads.
    assert [b.proto.label for b in at.get("download_button")][:2] == ["Hent PDF", "Hent PowerPoint"]


def test_meeting_page_for_all_areas_shows_the_table_of_areas(app, small_db):
    at = app(small_db)
    assert at.selectbox(key="_w.moede.omraade").value == meeting.ALL
    assert at.selectbox(key="_w.moede.periode").value == "2025"  # the last whole year at the data date
    assert "Områderne i tal" in [h.value for h in at.header]
    # The table of areas, then the approval panel's tables (the periods, the areas' data freshness, snapshots).
    assert len(at.dataframe) == 4
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["Aby", "Bby", "Cby", "Alle områder"]


def test_meeting_page_runs_on_demo_data_in_english_in_presentation_view(app, demo_db):
    at = app(demo_db, {"lang": "en", "visning": "praesentation", "omraade": "AAL-09"})
    assert at.title[0].value == "Meeting"
    text = _text(at)
    assert "Demo data" in text
    assert "held locally in Vadum" in text
    assert "display:none" in text  # the sidebar is put away for the projector
    # Issue 16: the evaluation of Vadum's health profile, without respondent counts for the council.
    assert "Health before and after the focus period" in [h.value for h in at.header]
    assert ("The share of daily smokers fell from 13.2% to 11.1% in Vadum and from 11.9% to 11.5% in the comparison "
            "areas. The difference between the two changes is −1.8 percentage points (95% interval −6.9 to +3.4): no "
            "clear difference from the comparison areas.") in text
    assert not any("Respondents (focus)" in df.value.columns for df in at.dataframe)
    at.radio(key="_w.moede.visning").set_value("normal").run()
    assert "display:none" not in _text(at)


def test_meeting_page_shows_the_empty_state_on_an_empty_database(app, empty_db):
    at = app(empty_db)
    assert at.title[0].value == "Møde"
    assert "Der er ingen data endnu" in at.info[0].value


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_better_worse_and_neutral_text_has_at_least_4_5_to_1_contrast_on_white():
    for tone, colour in meeting.TONE_COLORS.items():
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, tone
    # The bars' outline sets them off from the white background (3:1 for graphics).
    assert 1.05 / (_luminance(meeting.OUTLINE) + 0.05) >= 3
