"""Mål: leaders set each area's yearly targets; they show on Område and in meeting mode."""

from datetime import date

import streamlit as st

from lokal import i18n, queries
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
    # The editable target right after the name, both narrow enough that a phone (390 px) shows it.
    column_order=["name", "target", "unit"],
    column_config={"name": st.column_config.TextColumn(t("Indikator"), width=230),
                   "target": st.column_config.NumberColumn(i18n.t_in("Mål", "værdi", lg), min_value=0.0, format="localized", width=90),
                   "unit": st.column_config.TextColumn(t("Enhed"))},
    placeholder="–",
)
new = dict(zip(edited.indicator, edited.target))
message = st.session_state.pop("maal.besked", None)
if message:
    st.success(message)
if st.button(t("Gem mål"), type="primary"):
    errors, lines = tg.problems(new), tg.describe(before, new, lg)
    if errors:
        st.error(" ".join(errors))
    elif not lines:
        st.info(t("Ingen ændringer at gemme."))
    else:  # the targets that change, old → new, saved on confirmation
        widgets.propose("maal", f"{t('Mål')} {year}", lines, lambda c, b=before, n=new: (
            lambda k: t("Gemt") + f": {k} {t('ændring') if k == 1 else t('ændringer')}.")(
            tg.save(c, user, code, year, b, n)), done_key="maal.besked")
widgets.confirm_box("maal")
