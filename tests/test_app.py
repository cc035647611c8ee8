"""Every page through Streamlit's AppTest, on the demo, the hand-made and an empty database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = {
    "app_pages/oversigt.py": "Oversigt",
    "app_pages/kort.py": "Kort",
    "app_pages/omraade.py": "Område",
    "app_pages/rekruttering.py": "Rekruttering",
    "app_pages/indikatorer.py": "Indikatorer",
    "app_pages/maal.py": "Mål",
}


def run_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label.replace("\u00ad", "") == label)  # soft hyphens: widgets.hyphenate


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_demo_data(app, demo_db, page):
    at = app(demo_db)
    at.run()
    run_page(at, page)
    assert at.title[0].value == PAGES[page]
    assert any("Demodata" in m.value for m in at.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_empty_state_on_empty_database(app, empty_db, page):
    at = app(empty_db)
    at.run()
    run_page(at, page)
    assert at.title[0].value == PAGES[page]
    if page != "app_pages/indikatorer.py":
        assert "Der er ingen data endnu" in at.info[0].value


def test_overview_shows_hand_computed_kommune_figures(app, small_db):
    at = app(small_db, {"fra": "2025K1", "til": "2025K4"})
    at.run()
    # 2025 in the fixture: 2 municipal offers held, 4 active partners, 3,3 participants per 1.000 adults.
    assert metric(at, "Kommunale tilbud afholdt") == "2"
    assert metric(at, "Aktive lokale partnere") == "4"
    assert metric(at, "Deltagere pr. 1.000 voksne") == "3,3"


def test_changing_the_category_filter_changes_the_numbers(app, small_db):
    at = app(small_db, {"fra": "2025K1", "til": "2025K4"})
    at.run()
    assert metric(at, "Deltagere pr. 1.000 voksne") == "3,3"
    at.radio(key="_w.filter.kategori").set_value("civilsamfund").run()
    assert not at.exception
    # Civil-society only: participant 1 (A) and 6 (B) = 2 of 1.500 adults.
    assert metric(at, "Deltagere pr. 1.000 voksne") == "1,3"
    assert at.query_params["kategori"] == "civilsamfund"


def test_filters_persist_across_pages(app, small_db):
    at = app(small_db)
    at.run()
    at.selectbox(key="_w.filter.fra").set_value("2025K1").run()
    run_page(at, "app_pages/kort.py")
    assert at.selectbox(key="_w.filter.fra").value == "2025K1"
    assert at.query_params["fra"] == "2025K1"


def test_deep_link_reproduces_the_map_view(app, small_db):
    at = app(small_db, {"fra": "2025K2", "til": "2025K3", "indikator": "aktive_partnere", "omraader": "fokus"})
    at.switch_page("app_pages/kort.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Kort"
    assert at.selectbox(key="_w.kort.indikator").value == "aktive_partnere"
    assert (at.selectbox(key="_w.filter.fra").value, at.selectbox(key="_w.filter.til").value) == ("2025K2", "2025K3")
    assert at.radio(key="_w.filter.omraader").value == "fokus"
    assert len(svg_maps(at)) == 1 and not at.get("deck_gl_json_chart")  # the quick map by default


def svg_maps(at) -> list[str]:
    return [m.value for m in at.markdown if 'class="lokal-kort"' in m.value]


def test_quick_map_titles_every_area_and_links_it_to_its_area_page(app, small_db):
    at = app(small_db, {"fra": "2025K1", "til": "2025K4", "indikator": "aktive_partnere"})
    at.switch_page("app_pages/kort.py")
    at.run()
    assert not at.exception
    (svg,) = svg_maps(at)
    # Active partners in 2025 (lokal/fixtures.py): Aby has Samrådet and Boligforeningen (collaborations)
    # and Idrætsforeningen (runs the walking group); Bby has Aftenskolen (offer 5) and Idrætsforeningen
    # (collaboration 3); Cby none.
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    assert sorted(titles) == ["Aby: 3", "Bby: 2", "Cby: 0"]
    links = re.findall(r'<a href="([^"]*)"', svg)
    assert sorted(links) == [f"omraade?fra=2025K1&amp;til=2025K4&amp;omraade={c}" for c in "ABC"]


def test_map_with_zoom_is_the_deck(app, small_db):
    at = app(small_db, {"visning": "zoom"})
    at.switch_page("app_pages/kort.py")
    at.run()
    assert not at.exception
    assert len(at.get("deck_gl_json_chart")) == 1 and not svg_maps(at)
    at.radio(key="_w.kort.visning").set_value("hurtig").run()
    assert len(svg_maps(at)) == 1 and not at.get("deck_gl_json_chart")
    assert at.query_params["visning"] == "hurtig"


def test_area_page_shows_the_chosen_area_from_the_link(app, small_db):
    at = app(small_db, {"omraade": "B", "fra": "2025K1", "til": "2025K4"})
    at.switch_page("app_pages/omraade.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="_w.omraade.kode").value == "B"
    # B in 2025: 2 active partners, the kommune has 4.
    assert metric(at, "Aktive lokale partnere") == "2"


def test_english_switch_translates_the_frame_and_pages(app, small_db):
    at = app(small_db, {"lang": "en"})
    at.run()
    assert at.title[0].value == "Overview"
    for page, title in [("app_pages/kort.py", "Map"), ("app_pages/omraade.py", "Area"),
                        ("app_pages/indikatorer.py", "Indicators")]:
        run_page(at, page)
        assert at.title[0].value == title
    at.radio(key="_w.lang").set_value("da").run()
    assert at.title[0].value == "Indikatorer"


def test_definitions_page_lists_every_indicator(app, small_db):
    from lokal import indicators as ind

    at = app(small_db)
    at.run()
    run_page(at, "app_pages/indikatorer.py")
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    for indicator in ind.INDICATORS:
        assert indicator.name_da in shown and indicator.id in shown, indicator.id


def test_first_start_without_a_database_builds_the_demo(monkeypatch, tmp_path):
    path = tmp_path / "new" / "lokal.duckdb"
    monkeypatch.setenv("LOKAL_DB", str(path))
    monkeypatch.delenv("LOKAL_DEMO", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert path.exists()
    assert at.title[0].value == "Oversigt"
    assert any("Demodata" in m.value for m in at.markdown)
    st.cache_resource.clear()


def test_a_saved_session_shows_on_oversigt_and_omraade_without_restart(app, small_copy):
    from datetime import date

    at = app(small_copy, {"fra": "2025K1", "til": "2025K4"})
    at.run()
    assert metric(at, "Fremmøde i alt") == "35"
    run_page(at, "app_pages/aktivitetslog.py")
    assert at.title[0].value == "Aktivitetslog"
    form_offer = next(s for s in at.selectbox if s.label == "Tilbud")
    assert form_offer.value == 2  # the smoking course running in Aby is the default
    next(d for d in at.date_input if d.label == "Dato").set_value(date(2025, 10, 6))
    next(n for n in at.number_input if n.label == "Fremmøde").set_value(9)
    next(b for b in at.button if b.label == "Gem fremmøde").click()
    at.run()
    assert not at.exception
    assert any("Gemt: 9 fremmødte" in s.value for s in at.success), [e.value for e in at.error]
    run_page(at, "app_pages/oversigt.py")
    assert metric(at, "Fremmøde i alt") == "44"
    run_page(at, "app_pages/omraade.py")
    assert metric(at, "Fremmøde i alt") == "44"


def test_activity_log_refuses_bad_input_with_a_danish_message(app, small_copy):
    at = app(small_copy)
    at.run()
    run_page(at, "app_pages/aktivitetslog.py")
    next(b for b in at.button if b.label == "Gem fremmøde").click()
    at.run()
    assert "Felt 'Fremmøde': skal udfyldes" in at.error[0].value
    # Attendance above the seats is a warning: nothing is saved until the user accepts it.
    next(n for n in at.number_input if n.label == "Fremmøde").set_value(30)
    next(b for b in at.button if b.label == "Gem fremmøde").click()
    at.run()
    assert any("30 fremmødte er flere end tilbuddets 10 pladser" in w.value for w in at.warning)
    assert not at.success


def test_database_held_by_another_process_gives_a_message_and_retry(app, small_copy):
    import subprocess
    import sys

    path = small_copy
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        at = app(path)
        at.run()
        assert not at.exception
        assert "bruges af et andet program" in at.error[0].value
        assert any(b.label == "Prøv igen" for b in at.button)
    finally:
        holder.kill()
        holder.wait()
    # Once the other program is done, "Prøv igen" opens the page (a failed open is not cached).
    next(b for b in at.button if b.label == "Prøv igen").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Oversigt"


def test_a_coordinator_moves_an_offer_with_participants_to_another_area(app, small_copy):
    # "Rygestop forår" was registered in Aby but ran in Bby: its sessions and enrolments come along.
    at = app(small_copy, {"fra": "2025K1", "til": "2025K4"})
    at.run()
    run_page(at, "app_pages/omraade.py")
    at.selectbox(key="_w.omraade.kode").set_value("B").run()
    assert metric(at, "Kommunale tilbud afholdt") == "0"
    run_page(at, "app_pages/aktivitetslog.py")
    at.selectbox(key="_w.omraade.kode").set_value("A").run()  # the offer is still in Aby
    at.selectbox(key="log.ret.type").set_value("offers").run()
    at.selectbox(key="log.ret.post.offers").set_value(1).run()
    at.selectbox(key="log.ret.offers.1.Område").set_value(2)
    next(b for b in at.button if b.label == "Gem ændringer").click()
    at.run()
    assert not at.exception
    # First what the save will change, old → new; nothing is written before the confirmation.
    assert any("Område: Aby → Bby" in m.value for m in at.markdown), [m.value for m in at.markdown]
    next(b for b in at.button if b.label == "Bekræft og gem").click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert any("Ændringerne er gemt" in s.value for s in at.success)
    run_page(at, "app_pages/omraade.py")
    at.selectbox(key="_w.omraade.kode").set_value("B").run()
    assert metric(at, "Kommunale tilbud afholdt") == "1"
