"""Indikatorer: every definition from the registry, grouped like the capacities."""

import streamlit as st

from lokal import indicators as ind
from lokal import views
from lokal.ui import state
from lokal.ui.state import lang, t

state.keep_only_params([])
lg = lang()
st.title(t("Indikatorer"))
st.caption(t("Hver indikator er defineret ét sted og bruges ens på alle sider, kort og tabeller."))

for group in ind.GROUPS:
    st.subheader(t(views.GROUP_NAMES[group]))
    for indicator in ind.by_group(group):
        with st.container(border=True):
            st.markdown(f"**{indicator.name(lg)}**")
            st.write(indicator.definition(lg))
            st.caption(
                f"{t('Enhed')}: {indicator.unit(lg)} · {t('Bedst når')}: "
                f"{t('højere') if indicator.higher_is_better else t('lavere')} · "
                f"{t('Beregning')}: {t(views.KIND_NAMES[indicator.kind])} · {t('Id')}: `{indicator.id}`"
            )

st.divider()
st.caption(t("Sammenligning med kommunen: et område er bedre eller dårligere, når hele dets 95 %-"
             "sikkerhedsinterval ligger på den ene side af kommunens værdi (Wilson-interval for andele, "
             "Poisson-interval for rater og antal pr. voksen); medianer og indeks skal afvige mere end 10 %."))
