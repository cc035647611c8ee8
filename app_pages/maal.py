"""Mål: leaders set each area's yearly targets; they show on Område and in meeting mode."""

from datetime import date

import streamlit as st

from lokal import access, queries, writes
from lokal import indicators as ind
from lokal import targets as tg
from lokal.ui import data, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
user = state.user()
state.keep_only_params(["omraade"])
lg = lang()
st.title(t("Mål"))
st.caption(t("Årets mål for hvert område. De vises på siden Område og i mødetilstand."))
if info["is_empty"]:
    widgets.empty_state()
    st.stop()

areas = data.fetch(queries.areas)
left, right = st.columns([2, 1])
with left:
    code = state.area_choice(areas, t("Område"))
with right:
    this_year = date.today().year
    year = st.selectbox(t("År"), list(range(this_year - 2, this_year + 3)), index=2, key="maal.aar")

before = data.fetch(tg.for_editing, code, year, viewer=user)
table = before.assign(
    name=before.indicator.map(lambda i: ind.get(i).name(lg)),
    unit=before.indicator.map(lambda i: ind.get(i).unit(lg)),
)[["indicator", "name", "unit", "target"]]
edited = st.data_editor(
    table, key=f"maal.{code}.{year}", hide_index=True, width="stretch", disabled=["name", "unit"],
    height=35 * (len(table) + 1) + 3,
    column_order=["name", "unit", "target"],
    column_config={"name": st.column_config.TextColumn(t("Indikator")),
                   "unit": st.column_config.TextColumn(t("Enhed")),
                   "target": st.column_config.NumberColumn(t("Mål"), min_value=0.0, format="localized")},
    placeholder="–",
)
new = dict(zip(edited.indicator, edited.target))
if st.button(t("Gem mål"), type="primary"):
    cur = data.connection().cursor()
    try:
        n = tg.save(cur, user, code, year, before, new)
        if n:
            st.success(t("Gemt") + f": {n} {t('ændring') if n == 1 else t('ændringer')}.")
        else:
            st.info(t("Ingen ændringer at gemme."))
    except (writes.WriteError, access.PermissionDenied) as exc:
        st.error(str(exc))
    finally:
        cur.close()
