"""Accessibility and language: axe-core in headless Chromium on every page, and every page walked in
English (no Danish UI words from the catalogue) and in Danish (no English ones).

The pages are read from app.py, so a page added there is checked without touching this file.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lokal import catalogue, i18n, indicators
from tests.server import start_server

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
# (page file, url path) for every page in app.py: page("oversigt.py", "Oversigt", icon, "oversigt", …).
PAGES = [(f"app_pages/{script}", url) for script, url in
         re.findall(r'page\(\s*"(\w+\.py)",\s*"[^"]*",\s*"[^"]*",\s*"(\w+)"', (ROOT / "app.py").read_text())]


def test_app_py_lists_the_meeting_page():
    assert ("app_pages/moede.py", "moede") in PAGES and len(PAGES) >= 5


# --- every visible string in the chosen language ---------------------------------------------

# The language switch is bilingual on purpose ("Sprog / Language", "Dansk", "English").
_BILINGUAL = ("Sprog / Language",)
# English catalogue words that are also ordinary Danish words (e.g. a Danish tab called "Import").
_ALSO_DANISH = {"Import"}


def _visible_texts(node) -> list[str]:
    """Titles, headings, markdown, captions, alerts, metric labels and values, widget labels and options,
    table headers: everything a person reads (charts and table cells are data, checked elsewhere)."""
    out = []
    kind = getattr(node, "type", "")
    if "lokal-chrome" in str(getattr(getattr(node, "proto", None), "body", "")):
        return out  # the page's invisible chrome (lokal.ui.chrome): its word list is for the browser
    if kind in ("dataframe", "arrow_data_frame", "table"):
        with contextlib.suppress(Exception):  # an element without a frame has no headers
            out.extend(str(c) for c in node.value.columns)
    elif kind not in ("plotly_chart", "deck_gl_json_chart"):
        # A widget's value is what the code gets back, not what is shown: read its label and options.
        attrs = ("label", "options", "placeholder", "help") if hasattr(node, "label") else ("value", "body")
        for attr in attrs:
            try:
                value = getattr(node, attr)
            except Exception:  # not every element has every attribute
                continue
            if isinstance(value, str):
                # Markup in markdown (the SVG map) is not read; its texts (hover titles) are.
                shown = re.sub(r"<style.*?</style>", " ", value, flags=re.S)  # a stylesheet is not read
                out.append(re.sub(r"<[^>]*>", " ", shown) if attr in ("value", "body") else value)
            elif isinstance(value, list | tuple):
                out.extend(v for v in value if isinstance(v, str))
        if kind == "metric":
            out.append(str(node.value))
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else ():
        out.extend(_visible_texts(child))
    return out


def _data_strings(path: Path) -> list[str]:
    """Names and free text that come from the data and may stay Danish (areas, offers, partners, log …)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("""
            SELECT name FROM areas UNION SELECT title FROM offers UNION SELECT name FROM offer_types
            UNION SELECT name FROM partners UNION SELECT title FROM knowledge_activities
            UNION SELECT author FROM log_entries UNION SELECT text FROM log_entries
            UNION SELECT venue_name FROM offers WHERE venue_name IS NOT NULL
        """).fetchall()
    finally:
        con.close()
    names = {r[0] for r in rows if r[0]} | {t.name for t in catalogue.STANDARD}  # type names are data too
    names |= {f"`{i.id}`" for i in indicators.INDICATORS}  # the ids shown on Indikatorer are code, not words
    return sorted(names, key=len, reverse=True)


def _words(lang: str) -> list[str]:
    """Catalogue words of one language that the other language does not share."""
    pairs = [(da, en) for da, en in i18n.EN.items() if da != en and "{" not in da]
    words = [da for da, _ in pairs] if lang == "da" else [en for _, en in pairs]
    other = {en for _, en in pairs} if lang == "da" else {da for da, _ in pairs} | _ALSO_DANISH
    return [w for w in words if w not in other]


def _found(texts: list[str], words: list[str], data: list[str]) -> set[str]:
    """The catalogue words of the other language in ``texts``: a whole text equal to a word, or a word of four
    letters or more (or with a space) standing as a whole word in a text. One compiled pattern for all words."""
    exact = set(words)
    long_words = sorted((w for w in words if len(w) >= 4 or " " in w), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, long_words)) + r")(?![\w-])") if long_words else None
    hits = set()
    for text in texts:
        for d in (*_BILINGUAL, *data):
            text = text.replace(d, " ")
        plain = text.strip()
        if plain in exact:
            hits.add(plain)
        if pattern is not None:
            hits.update(m.group(0) for m in pattern.finditer(text))
    return hits


@pytest.fixture
def walk(monkeypatch, small_db):
    monkeypatch.setenv("LOKAL_DB", str(small_db))
    monkeypatch.setenv("LOKAL_DEMO", "0")

    def run(lang: str) -> dict[str, list[str]]:
        st.cache_data.clear()
        st.cache_resource.clear()
        texts = {}
        for page, _ in PAGES:
            # A fresh session per page: a widget of the page before (e.g. a role chooser whose options are
            # translated) is not carried into the next page's run.
            at = AppTest.from_file(APP, default_timeout=60)
            if lang == "en":
                at.query_params["lang"] = "en"
            at.switch_page(page)
            at.run()
            assert not at.exception, (page, [e.message for e in at.exception])
            texts[page] = _visible_texts(at._tree)
        return texts

    yield run
    st.cache_data.clear()
    st.cache_resource.clear()


def test_every_page_in_english_shows_no_danish_ui_words(walk, small_db):
    data = _data_strings(small_db)
    pages = walk("en")
    found = {page: sorted(_found(texts, _words("da"), data)) for page, texts in pages.items()}
    assert not {p: w for p, w in found.items() if w}, found


def test_every_page_in_danish_shows_no_english_ui_words(walk, small_db):
    data = _data_strings(small_db)
    pages = walk("da")
    found = {page: sorted(_found(texts, _words("en"), data)) for page, texts in pages.items()}
    assert not {p: w for p, w in found.items() if w}, found


# --- axe-core in headless Chromium ----------------------------------------------------------

# Violations that come from Streamlit's own widgets and cannot be fixed from the app. Each entry is
# (rule id, a CSS selector fragment of the node) with the reason; nothing is excluded today.
KNOWN_STREAMLIT_ISSUES: list[tuple[str, str]] = []


# WCAG 2.1 level A and AA, the level the Danish web-accessibility law asks for.
# Best practice too (headings in order, landmarks, …), and moderate findings count as well as serious ones.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
               "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def server(demo_db):
    yield from start_server(demo_db)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(300)


def _serious(results: dict) -> list[str]:
    out = []
    for v in results["violations"]:
        if v["impact"] not in ("moderate", "serious", "critical"):
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            if any(v["id"] == rule and part in target for rule, part in KNOWN_STREAMLIT_ISSUES):
                continue
            out.append(f"{v['impact']} {v['id']}: {target} — {node['failureSummary'][:200]}")
    return out


@pytest.mark.browser
# The meeting page is checked below in its presentation view with all areas (big numbers and table).
@pytest.mark.parametrize("path", ["/", *[f"/{url}" for _, url in PAGES if url not in ("oversigt", "moede")]])
def test_axe_finds_no_serious_or_critical_violations(server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, server + path)
    results = Axe().run(page, options=AXE_OPTIONS).response
    assert not _serious(results), "\n".join(_serious(results))


@pytest.mark.browser
def test_meeting_key_view_fits_a_projector_without_scrolling_and_passes_axe(server, page):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, f"{server}/moede?visning=praesentation&periode=2025")
    sections = page.locator("[data-testid='stMain'] section[aria-label]")
    # The first council-ready view builds the release (a second or two on a loaded machine): wait for
    # the cards themselves, not only for the status widget, which Streamlit shows after a delay.
    page.wait_for_function("() => document.querySelectorAll(\"[data-testid='stMain'] section[aria-label]\").length == 4",
                           timeout=60_000)
    assert sections.count() == 4
    bottom = max(b["y"] + b["height"] for b in (sections.nth(i).bounding_box() for i in range(4)))
    assert bottom <= 720, f"the big numbers end at {bottom}px"
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert "Alle områder · 2025" in page.locator("[data-testid='stMain']").inner_text()
    results = Axe().run(page, options=AXE_OPTIONS).response
    assert not _serious(results), "\n".join(_serious(results))
