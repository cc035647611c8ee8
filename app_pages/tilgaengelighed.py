"""Tilgængelighedserklæring: the accessibility statement a Danish public-sector web solution must publish."""

from datetime import date

import streamlit as st

from lokal import accessibility, i18n
from lokal.ui import state
from lokal.ui.state import lang

_, info = state.current()
state.keep_only_params([])
lg = lang()
org = " og ".join(info["area_kommuner"].values()) if lg == "da" else " and ".join(info["area_kommuner"].values())
reviewed = i18n.fmt_date(date.fromisoformat(accessibility.REVIEWED), lg)
for n, (heading, paragraphs) in enumerate(accessibility.statement(lg, org or None, reviewed)):
    (st.title if n == 0 else st.header)(heading)
    for paragraph in paragraphs:
        st.markdown(paragraph)
