"""Lokal — the frame: page config, language switch, shared filters, navigation."""

import streamlit as st

from lokal import filters as flt
from lokal import queries
from lokal.db import DatabaseLocked
from lokal.ui import data, state, widgets
from lokal.ui.state import t

st.set_page_config(page_title="Lokal", page_icon=":material/diversity_3:", layout="wide")

pages = [
    st.Page("app_pages/oversigt.py", title=t("Oversigt"), icon=":material/dashboard:", url_path="oversigt",
            default=True),
    st.Page("app_pages/kort.py", title=t("Kort"), icon=":material/map:", url_path="kort"),
    st.Page("app_pages/omraade.py", title=t("Område"), icon=":material/home_pin:", url_path="omraade"),
    st.Page("app_pages/indikatorer.py", title=t("Indikatorer"), icon=":material/menu_book:",
            url_path="indikatorer"),
    # --- more pages ---
    st.Page("app_pages/moede.py", title=t("Møde"), icon=":material/co_present:", url_path="moede"),
    st.Page("app_pages/aktivitetslog.py", title=t("Aktivitetslog"), icon=":material/edit_note:",
            url_path="aktivitetslog"),
    st.Page("app_pages/omraader.py", title=t("Områder"), icon=":material/upload_file:", url_path="omraader"),
]
page = st.navigation(pages)
state.language_switch()

try:
    data.ensure_database()
    info = data.fetch(queries.info)
    first, last = data.fetch(queries.data_range)
except DatabaseLocked:
    st.error(t("Databasen bruges af et andet program lige nu. Prøv igen om lidt."))
    st.button(t("Prøv igen"))
    st.stop()

quarters, default = flt.quarter_options(first, last, info["data_date"])
state.set_frame(state.sidebar_filters(quarters, default), info)
widgets.demo_badge(info)
page.run()
