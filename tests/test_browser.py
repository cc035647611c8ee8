"""The running app in headless Chromium: every page loads, shows its title and no error; the map draws."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

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


# Streamlit's own interface words that lokal.ui.chrome puts in Danish (in text and screen-reader labels).
_STREAMLIT_ENGLISH = ("Choose an option", "Drag and drop", "Browse files", "per file", "Press Enter", "Help for ",
                      "Skip to main content", "Choose date", "Download as CSV", "Fullscreen", "Page not found")
_CUT = """() => [...document.querySelectorAll("[data-testid='stMetricLabel'] *, [data-testid='stMetricValue'] *")]
    .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 40))"""
_HSCROLL = """() => { const m = document.querySelector("[data-testid='stMain']");
    return m.scrollWidth - m.clientWidth; }"""


def _settled(page, timeout: int = 10_000) -> None:
    """After a resize, give the page time to reflow (charts redraw for the new width; under load, in
    parallel workers, that can take seconds): wait until nothing is cut or scrolls sideways, or the
    timeout; the caller then asserts."""
    page.wait_for_timeout(400)
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"() => ({_HSCROLL})() <= 1 && ({_CUT})().length === 0", timeout=timeout)


@pytest.mark.parametrize("path,title", [
    ("/", "Oversigt"), ("/oversigt?fra=2025K1&til=2025K4", "Oversigt"), ("/kort", "Kort"), ("/omraade", "Område"),
    ("/indikatorer", "Indikatorer"), ("/moede", "Møde"), ("/maal", "Mål"), ("/aktivitetslog", "Aktivitetslog"),
    ("/omraader", "Områder"), ("/opsaetning", "Opsætning"), ("/tilgaengelighed", "Tilgængelighedserklæring for Lokal"),
    ("/rekruttering", "Rekruttering"), ("/tilbudsoversigt", "Tilbudsoversigt"),
    ("/?lang=en", "Overview"), ("/omraade?lang=en", "Area"), ("/moede?lang=en", "Meeting"),
])
def test_every_page_loads_with_title_and_no_error(server, page, path, title):
    """Every page, at a projector's, a tablet's and a phone's width: its title, no error, no key figure cut
    and no sideways scrolling; the document in the page's language, Streamlit's own words included."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + path)
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == title
    assert page.locator("[data-testid='stException']").count() == 0
    text = page.locator("[data-testid='stMain']").inner_text()
    for bad in ("Traceback", "Error", "Fejl"):
        assert bad not in text
    assert "Demodata" in text or "Demo data" in text
    english = "lang=en" in path
    # lokal.ui.chrome sets the language when its element mounts, which may be a moment after the title.
    page.wait_for_function(f"() => document.documentElement.lang === '{'en' if english else 'da'}'", timeout=15_000)
    for width in (1280, 1024, 390):
        page.set_viewport_size({"width": width, "height": 844 if width == 390 else 720})
        _settled(page)
        assert page.evaluate(_CUT) == [], (path, width)
        assert page.evaluate(_HSCROLL) <= 1, (path, width)
    if not english:
        shown = page.evaluate("""() => [document.body.innerText, ...[...document.querySelectorAll(
            '[aria-label],[title],[placeholder]')].flatMap(e => ['aria-label', 'title', 'placeholder']
            .map(a => e.getAttribute(a) || ''))].join('\\n')""")
        assert [w for w in _STREAMLIT_ENGLISH if w in shown] == [], path


def test_printing_a_page_leaves_out_the_sidebar_and_fits_the_charts_on_a4(server, page):
    """The browser's print: no sidebar or buttons, and the content (charts included) within A4's width."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + "/")
    wait_until_idle(page)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # what the browser fires on Ctrl+P
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 portrait less 12 mm margins, in CSS pixels
    page.wait_for_timeout(300)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.locator("[data-testid='stDownloadButton']").first.is_visible() is False
    right = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        "[data-testid='stPlotlyChart'], [data-testid='stMainBlockContainer']")].map(e => e.getBoundingClientRect().right))""")
    assert right <= 720, right
    page.emulate_media(media="screen")


def test_offer_directory_reads_on_a_desktop_and_a_phone_in_both_languages(server, page, tmp_path):
    # What a GP is sent: Aalborg Øst next month. Screenshots are kept in /tmp/shots to look at.
    shots = Path("/tmp/shots")
    shots.mkdir(parents=True, exist_ok=True)
    for lang, title, running in (("da", "Tilbudsoversigt", "Kører nu"), ("en", "Offer directory", "Running now")):
        for width, height in ((1280, 720), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{server}/tilbudsoversigt?omraade=AAL-02&vindue=naeste_maaned"
                      + ("&lang=en" if lang == "en" else ""))
            wait_until_idle(page)
            assert page.locator("h1").first.inner_text() == title
            main = page.locator("[data-testid='stMain']")
            assert running in main.inner_text() and "Livsstilskursus i Aalborg Øst, hold 1" in main.inner_text()
            assert page.locator("[data-testid='stException']").count() == 0
            # Nothing sticks out sideways on a phone: the page is as wide as the screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(shots / f"tilbudsoversigt-{lang}-{width}x{height}.png"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF to print").click()
    assert download.value.suggested_filename == "tilbudsoversigt-aalborg-oest-2026-12.pdf"
    path = tmp_path / "directory.pdf"
    download.value.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"


def test_the_evaluation_of_health_profiles_draws_on_omraade_in_danish_and_english(server, page):
    """Issue 16: a leader reads, with intervals, whether daily smoking fell more in the focus area."""
    page.set_viewport_size({"width": 1280, "height": 720})
    for query, heading, words in (
        ("", "Evaluering: sundhed før og efter fokusperioden", "95\u00a0%-interval −5,1 til +0,1"),
        ("&lang=en", "Evaluation: health before and after the focus period", "95% interval −5.1 to +0.1"),
    ):
        page.goto(f"{server}/omraade?omraade=AAL-02{query}")
        wait_until_idle(page)
        section = page.get_by_role("heading", name=heading)
        section.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        assert words in page.locator("[data-testid='stMain']").inner_text()
        # The chart of the differences draws one marker per measure (nine), each with its interval.
        chart = page.locator(".js-plotly-plot").filter(has=page.locator("g.errorbar")).first
        chart.scroll_into_view_if_needed()
        assert chart.locator("g.errorbar").count() == 9 and chart.locator("g.points path.point").count() == 9
        assert len(chart.screenshot()) > 10_000  # drawn, not blank


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
