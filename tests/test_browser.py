"""The running app in headless Chromium: every page loads, shows its title and no error; the map draws."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.server import start_server, wait_until_idle

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mapped_areas(demo_db) -> int:
    """How many demo areas have a boundary (read before the server holds the file)."""
    import duckdb

    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM areas WHERE boundary_geojson IS NOT NULL").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def server(demo_db, mapped_areas):
    """A fresh Streamlit server on the demo database; the URL to it."""
    yield from start_server(demo_db)


def _coloured_pixels(png: bytes) -> int:
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB").resize((200, 140))).astype(int)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 40).sum())


def test_deep_link_to_the_map_is_the_first_request_after_start(server, page, mapped_areas):
    # Opened first on the fresh server: the map with an indicator and a period chosen.
    page.goto(f"{server}/kort?indikator=aktive_partnere&fra=2025K1&til=2025K4&omraader=fokus")
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == "Kort"
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Oversigt").count() >= 1 and sidebar.get_by_text("Indikatorer").count() >= 1
    main = page.locator("[data-testid='stMain']")
    assert "Kortet viser: Aktive lokale partnere" in main.inner_text()
    assert "periode 2025" in main.inner_text()  # 2025K1–2025K4 is the calendar year 2025
    assert sidebar.get_by_role("radio", name="Fokusområder").is_checked()
    # The quick map (SVG) draws every area with colour, without basemap tiles.
    svg = page.locator("svg.lokal-kort")
    svg.wait_for(timeout=30_000)
    assert svg.locator("path").count() == mapped_areas > 0
    assert _coloured_pixels(svg.screenshot()) > 500


def test_clicking_an_area_on_the_map_opens_its_page_with_the_same_period(server, page):
    page.goto(f"{server}/kort?fra=2025K1&til=2025K4")
    area = page.locator("svg.lokal-kort a").nth(2)
    area.wait_for(timeout=30_000)
    name = area.locator("title").text_content().split(":")[0]
    area.click()
    page.wait_for_url("**/omraade?**")
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == "Område"
    chosen = page.locator("[data-testid='stSelectbox']").filter(has_text="Vælg område")
    assert chosen.locator("input").first.input_value() == name
    sidebar = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input")
    assert [sidebar.nth(i).input_value() for i in range(2)] == ["2025K1", "2025K4"]


def test_map_with_zoom_draws_the_areas_in_webgl(server, page):
    page.goto(f"{server}/kort?visning=zoom")
    wait_until_idle(page)
    canvas = page.locator("#deckgl-overlay, canvas").first
    canvas.wait_for(timeout=30_000)
    page.wait_for_timeout(2500)
    # The area polygons draw without basemap tiles: the map canvas holds coloured pixels.
    assert _coloured_pixels(canvas.screenshot()) > 500


@pytest.mark.parametrize("path,title", [
    ("/", "Oversigt"), ("/kort", "Kort"), ("/omraade", "Område"), ("/indikatorer", "Indikatorer"),
    ("/?lang=en", "Overview"), ("/omraade?lang=en", "Area"),
])
def test_every_page_loads_with_title_and_no_error(server, page, path, title):
    page.goto(server + path)
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == title
    assert page.locator("[data-testid='stException']").count() == 0
    text = page.locator("[data-testid='stMain']").inner_text()
    for bad in ("Traceback", "Error", "Fejl"):
        assert bad not in text
    assert "Demodata" in text or "Demo data" in text


def test_recruitment_page_answers_the_leaders_question_in_danish_and_english(server, page, tmp_path):
    # Municipal offers in 2025: the page says which strategy brought the most 40–60-year-olds per krone,
    # with the interval, in both languages (screenshots in tmp_path to look at).
    for lang, title, answer in (("da", "Rekruttering", "Flest 40–60-årige pr. krone: målrettet"),
                                ("en", "Recruitment", "Most 40–60-year-olds per krone: targeted")):
        for width in (1280,):
            page.goto(f"{server}/rekruttering?fra=2025K1&til=2025K4&kategori=kommunalt" + ("&lang=en" if lang == "en" else ""))
            wait_until_idle(page)
            assert page.locator("h1").first.inner_text() == title
            main = page.locator("[data-testid='stMain']")
            assert answer in main.inner_text()
            assert page.locator("[data-testid='stException']").count() == 0
            page.screenshot(path=tmp_path / f"rekruttering-{lang}-{width}.png", animations="disabled", timeout=120_000)
