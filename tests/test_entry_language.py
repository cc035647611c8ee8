"""Data entry in the chosen language: Aktivitetslog walked in English fails on any Danish word, and in
Danish on any English word — the import's validation report (its field names and messages, table
cells included), the history with its actions, values and timestamps, every record form's labels,
help texts and options, and a form's error message.

The words are the catalogue's (as in tests/test_accessibility.py) plus a short list of common words
of each language, so an untranslated message is caught even when none of its words is a UI label.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lokal import i18n, records, validate, writes
from lokal.writes import Change
from tests.test_accessibility import _BILINGUAL, APP, _data_strings, _visible_texts, _words

BAD_CSV = Path(__file__).parent / "fixtures" / "entry" / "tilbud_fejl_og_advarsler.csv"
# What the bad file holds that is data, not UI: its headers (offered in the column mapping), the values
# typed in it and its unknown column.
TYPED = [*BAD_CSV.read_text(encoding="utf-8").splitlines()[0].split(";"), "Ukendt partner", "Aby Hallen", "Bby Torv", "Rygestop vinter", "Rygestop sommer", "Gåtur", "Yoga i Aby",
         "Yoga 2", "Gåhold Bby", "'pauseret'", "'Ingenby'", "'Yoga'", "'abc'", "Ekstra", "tilbud.csv"]
# Words of each language that a message would show if it were left untranslated.
DANISH = ["er", "og", "ikke", "findes", "skal", "ligger", "eller", "før", "efter", "mellem", "uden", "række",
          "rækken", "rækker", "kolonnen", "felt", "tilbuddet", "udfyldes", "være", "gange", "dato", "fremmødte"]
ENGLISH = ["the", "is", "not", "does", "must", "and", "before", "after", "between", "without", "row", "rows",
           "column", "field", "offer", "filled", "exist", "date", "attending"]
# Allowed on an English page: a file must use the database's Danish values, so a message lists them with
# their English beside them ('planlagt (planned)'); the language switch's own words.
FILE_VALUES = sorted({f"{c} ({i18n.t(c, 'en')})" for k in records.ALL_KINDS.values() for f in k.fields
                      for c in f.choices if i18n.t(c, "en") != c}, key=len, reverse=True)


def _cells(node) -> list[str]:
    """Every text cell of every table (the report's messages, the history's changes)."""
    out = []
    if getattr(node, "type", "") in ("dataframe", "arrow_data_frame", "table"):
        with contextlib.suppress(Exception):
            out.extend(str(v) for v in node.value.astype(str).to_numpy().ravel())
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else ():
        out.extend(_cells(child))
    return out


def _history(path: Path) -> None:
    """Changes in area Aby: an offer's status and end date corrected, a partner and a session added, a log
    entry deleted — so the history shows actions, choice values, dates and field names."""
    con = duckdb.connect(str(path))
    try:
        offer = con.execute("SELECT id, version FROM offers WHERE title = 'Rygestop efterår'").fetchone()
        aby = con.execute("SELECT id FROM areas WHERE code = 'A'").fetchone()[0]
        writes.apply(con, [Change("offers", "update", {"status": "aflyst", "end_date": "2025-12-01"}, offer[0],
                                  offer[1])], "Koordinator Mette")
        writes.apply(con, [Change("partners", "insert", {"name": "Aby Bibliotek", "kind": "kommunal forvaltning",
                                                         "area_id": aby})], "Koordinator Mette")
        log = con.execute("SELECT id, version FROM log_entries WHERE area_id = ? LIMIT 1", [aby]).fetchone()
        if log:
            writes.apply(con, [Change("log_entries", "delete", {}, log[0], log[1])], "Koordinator Mette")
    finally:
        con.close()


def _every_form(db_path: str) -> None:
    """Every record form of Aktivitetslog and Opsætning at once (run by AppTest.from_function)."""
    import duckdb
    import streamlit as st

    from lokal import queries, records
    from lokal.ui import forms

    con = duckdb.connect(db_path, read_only=True)
    options = queries.form_options(con, "A", viewer="test")
    con.close()
    for kind in records.ALL_KINDS.values():
        with st.form(f"form.{kind.id}"):
            forms.record_form(kind, options, key=kind.id)
            st.form_submit_button("OK")


@pytest.fixture
def entry_walk(monkeypatch, small_copy):
    _history(small_copy)
    data = _data_strings(small_copy) + ["Aby Bibliotek", "Koordinator Mette"]
    monkeypatch.setenv("LOKAL_DB", str(small_copy))
    monkeypatch.setenv("LOKAL_DEMO", "0")

    def run(lang: str) -> list[str]:
        forms_at = AppTest.from_function(_every_form, args=(str(small_copy),), default_timeout=30)
        forms_at.session_state["lang"] = lang
        forms_at.run()
        assert not forms_at.exception, [e.message for e in forms_at.exception]
        # Every record form's labels, help texts and options (the OK buttons are the test's own).
        texts = [x for x in _visible_texts(forms_at._tree) if x != "OK"]
        assert len(forms_at.selectbox) > 20
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("app_pages/aktivitetslog.py").run()
        # A form's error message: a quick attendance with no attendance.
        next(b for b in at.button if b.label == i18n.t("Gem fremmøde", lang)).click().run()
        assert any(i18n.t("Fremmøde", lang) in e.value for e in at.error), [e.value for e in at.error]
        # The import of a file with errors and warnings: the validation report, cells included.
        at.file_uploader(key="log.import.fil").upload("tilbud.csv", BAD_CSV.read_bytes()).run()
        assert not at.exception, [e.message for e in at.exception]
        texts += _visible_texts(at._tree) + _cells(at._tree)
        report = next(d.value for d in at.dataframe if i18n.t("Besked", lang) in d.value.columns)
        assert len(report) >= 12, report
        history = next(d.value for d in at.dataframe if i18n.t("Handling", lang) in d.value.columns
                       and i18n.t("Posttype", lang) in d.value.columns)
        assert len(history) == 3, history
        return texts, report, history, data

    yield run
    st.cache_data.clear()
    st.cache_resource.clear()


def _found(texts: list[str], words: list[str], data: list[str]) -> set[str]:
    """tests/test_accessibility.py's rule (a whole text that is a word, or a word of 4 letters or more, or
    of several words, inside a text) with one compiled pattern: 600 words × 300 texts in a blink."""
    short = set(words)
    long_words = sorted({w for w in words if len(w) >= 4 or " " in w}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, long_words)) + r")(?![\w-])")
    hits = set()
    for text in texts:
        for d in data:
            text = text.replace(d, " ")
        if text.strip() in short:
            hits.add(text.strip())
        hits.update(pattern.findall(text))
    return hits


def _strip(texts: list[str], allowed: list[str]) -> list[str]:
    out = []
    for text in sorted(set(texts)):  # many options repeat from form to form
        for a in allowed:
            text = text.replace(a, " ")
        out.append(text)
    return out


def test_data_entry_in_english_shows_no_danish_words(entry_walk, small_copy):
    texts, report, history, data = entry_walk("en")
    texts = _strip(texts, [*_BILINGUAL, *FILE_VALUES, *TYPED])
    words = _words("da") + DANISH
    found = sorted(_found(texts, words, data))
    assert not found, (found, [t for t in texts if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", t)
                                                        for w in found)][:20])
    # What was translated, read back: field names, a message, a choice value, an action and an English date.
    assert {"End date", "Status", "Offer type", "Longitude"} <= set(report.Field)
    assert "1 Nov 2025 is before the start date 1 Dec 2025" in set(report.Message)
    assert any("planlagt (planned)" in m for m in report.Message)
    assert {"edited", "created", "deleted"} <= set(history.Action)
    assert any("Status: running → cancelled" in c and "End date:" in c and "1 Dec 2025" in c for c in history.Change)
    assert any("Type: municipal department" in c for c in history.Change)
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}", t) for t in history.Time)


def test_data_entry_in_danish_shows_no_english_words(entry_walk, small_copy):
    texts, report, history, data = entry_walk("da")
    texts = _strip(texts, [*_BILINGUAL, *TYPED])
    found = sorted(_found(texts, _words("en") + ENGLISH, data))
    assert not found, (found, [t for t in texts if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", t)
                                                        for w in found)][:20])
    # The Danish messages are the ones the validation writes, unchanged.
    assert "01-11-2025 ligger før startdato 01-12-2025" in set(report.Besked)
    assert {"rettet", "oprettet", "slettet"} <= set(history.Handling)
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", t) for t in history.Tidspunkt)


def test_every_validation_message_template_has_english_with_the_same_placeholders():
    from lokal.i18n_entry import MESSAGES

    for da, en in MESSAGES.items():
        assert sorted(re.findall(r"\{(\w+)\}", da)) == sorted(re.findall(r"\{(\w+)\}", en)), da
    # Dates, numbers and words inside a message follow the language; a field name of two words stays whole.
    assert validate.say("01-01-2024 ligger før fokus fra 01-01-2025", "en") == "1 Jan 2024 is before the focus start 1 Jan 2025"
    assert validate.say("12.500 er for stort (højst 2.147.483.647)", "en") == "12,500 is too large (at most 2,147,483,647)"
    assert validate.say("01-01-2026 ligger uden for tilbuddets periode (01-02-2026–løbende)", "en") == \
        "1 Jan 2026 lies outside the offer's period (1 Feb 2026–ongoing)"
    # A message the templates do not know stays Danish rather than breaking.
    assert validate.say("noget helt nyt", "en") == "noget helt nyt"
    assert validate.Problem(3, "Startdato", "skal udfyldes").text("en") == "Row 3, field 'Start date': must be filled in"
    assert validate.Problem(3, "Startdato", "skal udfyldes").text() == "Række 3, felt 'Startdato': skal udfyldes"


def test_one_english_word_for_each_thing_targets_and_kommune():
    """Mål is the page 'Targets' and a value's column 'Target'; the municipality is 'the kommune' throughout."""
    assert i18n.t("Mål", "en") == "Targets" and i18n.t_in("Mål", "værdi", "en") == "Target"
    assert i18n.t_in("Mål", "værdi", "da") == "Mål"
    from lokal import charts, indicators

    english = [*i18n.EN.values(), *charts._WORDS["en"].values(), *(i.definition_en for i in indicators.INDICATORS)]
    assert not [e for e in english if re.search(r"\bmunicipality\b|\bmunicipalities\b", e, re.I)]
