"""The page's chrome that Streamlit does not offer: the document's language, Streamlit's own words in
Danish, a print stylesheet, and blocks shown only on a wide screen or only on a phone.

Placed once per run by ``app.py`` (:func:`install`). The script runs in the page (``st.html`` with
JavaScript); it only sets ``lang``, swaps Streamlit's English interface words for Danish ones and
fits the page to A4 when the browser prints. It reads no data and sends nothing.
"""

from __future__ import annotations

import json

import streamlit as st

# Streamlit's own interface words (they are not translatable through its API) → Danish. Exact
# texts; aria-labels, titles and placeholders too. Checked in Chromium against Streamlit 1.67.
STREAMLIT_DA = {
    "Choose an option": "Vælg",
    "Choose options": "Vælg",
    "No results": "Ingen resultater",
    "Drag and drop file here": "Træk en fil hertil",
    "Drag and drop files here": "Træk filer hertil",
    "Browse files": "Vælg fil",
    "Upload": "Vælg fil",
    "Press Enter to submit form": "Tryk Enter for at sende",
    "Press Enter to apply": "Tryk Enter for at bruge",
    "Press ⌘+Enter to apply": "Tryk ⌘+Enter for at bruge",
    "Press Ctrl+Enter to apply": "Tryk Ctrl+Enter for at bruge",
    "Skip to main content": "Gå til sidens indhold",
    "Choose date": "Vælg dato",
    "Choose a date": "Vælg dato",
    "Select a date.": "Vælg en dato.",
    "Print": "Udskriv",
    "Record a screencast": "Optag skærmen",
    "Record screen": "Optag skærmen",
    "Clear all": "Ryd alle",
    "Clear value": "Ryd",
    "Select all": "Vælg alle",
    "Open": "Åbn",
    "Close": "Luk",
    "Download as CSV": "Hent som CSV",
    "Download": "Hent",
    "Search": "Søg",
    "Fullscreen": "Fuld skærm",
    "Close fullscreen": "Luk fuld skærm",
    "Show/hide columns": "Vis/skjul kolonner",
    "Collapse sidebar": "Skjul sidepanel",
    "Expand sidebar": "Vis sidepanel",
    "Main menu": "Hovedmenu",
    "Running...": "Arbejder …",
    "Stop": "Stop",
    "View more": "Vis flere",
    "View less": "Vis færre",
    "Show password text": "Vis adgangskode",
    "Hide password text": "Skjul adgangskode",
    "Increment": "Op",
    "Decrement": "Ned",
    "Copy to clipboard": "Kopiér",
    "Sort ascending": "Sortér stigende",
    "Sort descending": "Sortér faldende",
    "Page not found": "Siden findes ikke",
    "The page that you have requested does not seem to exist. Running the app's main page.":
        "Siden findes ikke, eller du har ikke adgang til den. Du ser forsiden i stedet.",
}
# Beginnings of texts that carry a name after them ("Help for Vælg område", "Remove Aalborg Øst").
STREAMLIT_DA_PREFIX = {"Help for ": "Hjælp til ", "Remove ": "Fjern ", "Delete ": "Slet ",
                       "Limit ": "Højst ", "Download as CSV: ": "Hent som CSV: ", "Fullscreen: ": "Fuld skærm: ",
                       "Search: ": "Søg: ", "Close fullscreen: ": "Luk fuld skærm: "}

_CSS = """
<style id="lokal-chrome">
/* This element itself takes no room. */
[data-testid='stElementContainer']:has(#lokal-chrome) { display: none !important; }
/* Key figures never lose their name or their number: they wrap (Streamlit cuts them with '…'). */
[data-testid='stMetricLabel'] *, [data-testid='stMetricValue'] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  hyphens: manual; }
[data-testid='stMetricValue'] { overflow-wrap: anywhere; }
/* Sections are h2 under the page's h1 (no jump to h3), drawn at the size Streamlit gives h3. */
[data-testid='stMain'] h2 { font-size: 1.75rem; }
[data-testid='stMain'] h3 { font-size: 1.35rem; }
/* Blocks for a wide screen or for a phone only (lokal.ui.widgets.wide_only / narrow_only). */
@media (max-width: 640px) { [class*='st-key-lokal-wide-'] { display: none !important; } }
@media (min-width: 641px) { [class*='st-key-lokal-narrow-'] { display: none !important; } }
/* Print: the page's content on A4 portrait, without sidebar, header or buttons. */
@page { size: A4 portrait; margin: 12mm; }
@media print {
  [data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stHeader'],
  [data-testid='stToolbar'], [data-testid='stDecoration'], [data-testid='stStatusWidget'],
  [data-testid='stDownloadButton'], [data-testid='stBaseButton-secondary'], [data-testid='stSkipLink'],
  [class*='st-key-lokal-noprint'], .stDownloadButton { display: none !important; }
  html, body, [data-testid='stApp'], [data-testid='stAppViewContainer'], [data-testid='stMain'],
  section.stMain, [data-testid='stMainBlockContainer'] {
    overflow: visible !important; height: auto !important; position: static !important; }
  [data-testid='stMain'] { margin-left: 0 !important; }
  [data-testid='stMainBlockContainer'] { padding: 0 !important; max-width: none !important;
    width: var(--lokal-print-width, auto) !important; zoom: var(--lokal-print-zoom, 1); }
  [data-testid='stElementContainer'], [data-testid='stPlotlyChart'], [data-testid='stVerticalBlockBorderWrapper'] {
    break-inside: avoid; }
}
</style>
"""

_SCRIPT = r"""
<script>
(() => {
  const cfg = JSON.parse(%(cfg)s);
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  doc.documentElement.lang = cfg.lang;
  const w = doc.defaultView;
  w.__lokalChrome = cfg;
  if (w.__lokalChromeObserver) return;          // installed once per page; cfg is read on each change
  const swap = (text) => {
    const c = w.__lokalChrome;
    if (c.lang !== 'da' || !text) return null;
    const plain = text.trim();
    if (Object.prototype.hasOwnProperty.call(c.words, plain)) return text.replace(plain, c.words[plain]);
    for (const [en, da] of Object.entries(c.prefix)) {
      if (plain.startsWith(en)) return text.replace(en, da).replace(/(\d+)\s*MB per file/, '$1 MB pr. fil');
    }
    if (/\d+\s*MB per file/.test(text)) return text.replace(/(\d+)\s*MB per file/, '$1 MB pr. fil');
    return null;
  };
  const fix = (root) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const v = swap(n.nodeValue);
      if (v !== null && v !== n.nodeValue) n.nodeValue = v;
    }
    const els = root.querySelectorAll ? root.querySelectorAll('[aria-label],[title],[placeholder]') : [];
    for (const el of els) for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = swap(el.getAttribute(a));
      if (v !== null && v !== el.getAttribute(a)) el.setAttribute(a, v);
    }
  };
  let queued = false;
  const observer = new w.MutationObserver(() => {
    if (queued) return;
    queued = true;
    w.requestAnimationFrame(() => { queued = false; fix(doc.body); });
  });
  observer.observe(doc.body, {subtree: true, childList: true, characterData: true,
                              attributes: true, attributeFilter: ['aria-label', 'title', 'placeholder']});
  w.__lokalChromeObserver = observer;
  fix(doc.body);
  // Print: the content keeps its screen width (charts are drawn for it) and is scaled to A4's width.
  w.addEventListener('beforeprint', () => {
    const box = doc.querySelector("[data-testid='stMainBlockContainer']");
    if (!box) return;
    const width = box.getBoundingClientRect().width;
    doc.documentElement.style.setProperty('--lokal-print-width', width + 'px');
    doc.documentElement.style.setProperty('--lokal-print-zoom', Math.min(1, 700 / width).toFixed(3));
  });
  w.addEventListener('afterprint', () => {
    doc.documentElement.style.removeProperty('--lokal-print-width');
    doc.documentElement.style.removeProperty('--lokal-print-zoom');
  });
})();
</script>
"""


def install(lang: str) -> None:
    """Put the chrome into this run's page (once, before the page draws)."""
    danish = lang == "da"
    cfg = json.dumps({"lang": lang, "words": STREAMLIT_DA if danish else {},
                      "prefix": STREAMLIT_DA_PREFIX if danish else {}})
    st.html(_CSS + _SCRIPT % {"cfg": json.dumps(cfg)}, unsafe_allow_javascript=True)
