"""The evaluation of health profiles on a page (Område and Møde): sentences, a chart with intervals,
a table, what to know, and how it is computed (:mod:`lokal.evaluation`)."""

from __future__ import annotations

import streamlit as st

from lokal import charts
from lokal import evaluation as ev
from lokal.evaluation import Evaluation
from lokal.ui.state import lang, t


def show(e: Evaluation, *, key: str, k: int | None = None, name_areas: bool = True) -> None:
    """Draw one evaluation. ``k``: show the respondents (fewer than ``k`` as '<k'); None: not at all.
    ``name_areas``: list the comparison areas (not where a multiselect above shows them)."""
    lg = lang()
    if e.problem in ("not_focus", "no_focus") or not e.results:
        st.info(" ".join(ev.notes(e, lg)) or t("Ingen sundhedsprofil for området."), icon=":material/info:")
        return
    who = ev.comparison_label(e, lg)
    listed = f": {', '.join(e.comparison_areas) or '–'}" if name_areas else ""
    st.caption(f"{t('Sammenlignet med')} {who} ({len(e.comparison_areas)}){listed}")
    if e.problem:
        st.info(" ".join(ev.notes(e, lg)), icon=":material/info:")
        for s in ev.sentences(e, lg):
            st.markdown(f"- {s}")
        return
    headline = ev.headline_measures(e)
    st.markdown("\n".join(f"- {s}" for s in ev.sentences(e, lg, headline)))
    rest = [r.measure for r in e.results if r.measure not in headline]
    if rest:
        with st.expander(t("De øvrige målinger i sætninger")):
            st.markdown("\n".join(f"- {s}" for s in ev.sentences(e, lg, rest)))
    st.plotly_chart(charts.did_intervals(ev.chart_frame(e, lg), x_title=t("Forskel i forskelle (pp.)"),
                                         names=ev.verdict_names(lg), lang=lg),
                    config={"displayModeBar": False}, key=f"{key}-did")
    st.caption(t("Punktet er forskellen mellem fokus og sammenligning i ændringen; stregen er 95 %-intervallet. "
                 "Til venstre for 0: andelen faldt mere i fokus (bedre, når målingen er bedst lav; "
                 "for beskæftigelse er højre bedre)."))
    st.dataframe(ev.table(e, lg, k), hide_index=True)
    for note in ev.notes(e, lg):
        st.caption(note)
    with st.expander(t("Sådan er det beregnet")):
        st.markdown(ev.method_text(lg))
