"""Indikatorer: every definition from the registry, grouped like the capacities."""

import streamlit as st

from lokal import access, release, views
from lokal import indicators as ind
from lokal.ui import data, state
from lokal.ui.state import lang, t

state.keep_only_params([])
lg = lang()
technical = not access.sees_release_only(state.user())  # the id is for those who build links and import files
st.title(t("Indikatorer"))
st.caption(t("Hver indikator er defineret ét sted og bruges ens på alle sider, kort og tabeller."))

with st.expander(t("Reglerne bag tallene"), expanded=True):
    k = data.fetch(release.threshold)
    for title_da, text_da, title_en, text_en in (*ind.RULES, release.RULE):
        text = (text_da if lg == "da" else text_en).replace("{k}", str(k))
        st.markdown(f"**{title_da if lg == 'da' else title_en}.** {text}")

for group in ind.GROUPS:
    st.header(t(views.GROUP_NAMES[group]))
    for indicator in ind.by_group(group):
        with st.container(border=True):
            st.markdown(f"**{indicator.name(lg)}**")
            st.write(indicator.definition(lg))
            st.caption(
                f"{t('Enhed')}: {indicator.unit(lg)} · {t('Bedst når')}: "
                f"{t('højere') if indicator.higher_is_better else t('lavere')} · "
                f"{t('Beregning')}: {t(views.KIND_NAMES[indicator.kind])}"
                + (f" · {t('Teknisk navn (i links og import)')}: `{indicator.id}`" if technical else "")
                + ("" if indicator.verdict else f" · {t('Ingen vurdering mod kommunen (gentagne besøg)')}")
            )

