"""Lokal — the frame: page config, login, the pages of the user's role, language switch, shared filters."""

import streamlit as st

from lokal import access, approval, queries, release
from lokal import filters as flt
from lokal.ui import approval as approval_ui
from lokal.ui import auth, chrome, data, state, widgets
from lokal.ui.state import t

st.set_page_config(page_title="Lokal", page_icon=":material/diversity_3:", layout="wide")

with data.guard(None, frame=True):  # the roles are in the database: a broken file stops here, before anyone is known
    user = auth.current_user()  # the login screen stops the run here when someone must log in
state.set_user(user)
allowed = auth.pages_for(user)  # the pages of the user's role (the data layer checks again)


def page(script: str, title: str, icon: str, url: str, **kwargs) -> st.Page | None:
    # The start page is served at "/" but Streamlit still reserves its url_path; "/oversigt" is a hidden
    # page below that leads to "/" with the link's parameters (a bookmarked /oversigt?… keeps working).
    path = "forside" if kwargs.get("default") else url
    return st.Page(f"app_pages/{script}", title=t(title), icon=icon, url_path=path, **kwargs) \
        if url in allowed else None


pages = [
    page("oversigt.py", "Oversigt", ":material/dashboard:", "oversigt", default=True),
    page("kort.py", "Kort", ":material/map:", "kort"),
    page("omraade.py", "Område", ":material/home_pin:", "omraade"),
    page("rekruttering.py", "Rekruttering", ":material/campaign:", "rekruttering"),
    page("indikatorer.py", "Indikatorer", ":material/menu_book:", "indikatorer"),
    # --- more pages ---
    page("moede.py", "Møde", ":material/co_present:", "moede"),
    page("tilbudsoversigt.py", "Tilbudsoversigt", ":material/event_note:", "tilbudsoversigt"),
    page("maal.py", "Mål", ":material/flag:", "maal"),
    page("aktivitetslog.py", "Aktivitetslog", ":material/edit_note:", "aktivitetslog"),
    page("omraader.py", "Områder", ":material/upload_file:", "omraader"),
    page("opsaetning.py", "Opsætning", ":material/checklist:", "opsaetning"),
    page("tilgaengelighed.py", "Tilgængelighedserklæring", ":material/accessibility_new:", "tilgaengelighed",
         visibility="hidden"),  # linked at the foot of the sidebar on every page
]
pages = [p for p in pages if p is not None]
if pages and pages[0].url_path == "":
    start = pages[0]
    pages.append(st.Page(lambda: st.switch_page(start, query_params=dict(st.query_params)), title=start.title,
                         url_path="oversigt", visibility="hidden"))
page = st.navigation(pages)
chrome.install(state.language_switch())
auth.sidebar(user)

with data.guard(user, frame=True):  # locked, a full or read-only disk, a corrupt or unreadable file: say which
    data.ensure_database()
    info = data.fetch(queries.info)
    first, last = data.fetch(queries.data_range)
    council = access.sees_release_only(user)
    published = data.fetch(release.labels) if council else None  # the council's periods
    approved = set(data.fetch(approval.approved_labels, any_kommune=True)) if council else None  # ... those a leader approved
    data.start_auto_backup()

quarters, default = flt.quarter_options(first, last, info["data_date"])
if published == [] and not info["is_empty"]:
    st.info(t(widgets.NO_PUBLISHED_PERIOD), icon=":material/shield:")
    st.stop()
shown = state.PAGE_FILTERS.get(page.url_path, frozenset())  # only the filters this page reads
state.set_frame(state.sidebar_filters(quarters, default, info["area_kommuner"], published, info["data_date"],
                                      shown, approved), info)
st.sidebar.page_link("app_pages/tilgaengelighed.py", label=t("Tilgængelighedserklæring"),
                     icon=":material/accessibility_new:")  # the statement, at the foot of the sidebar on every page
widgets.demo_badge(info)
data.pending_problem(user)
if council and "period" in shown and not approval_ui.council_may_see(state.current()[0]):
    st.stop()  # a period no leader has approved: said so, never shown with unapproved figures
with data.guard(user):
    page.run()
