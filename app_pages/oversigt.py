"""Oversigt: the kommune's headline figures, the three capacities per area, trend, need vs participation, ranking."""

import streamlit as st

from lokal import charts, i18n, queries, views
from lokal import filters as flt
from lokal import indicators as ind
from lokal.ui import data, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
viewer = state.user()
state.keep_only_params(["sorter"])
lg = lang()
st.title(t("Oversigt"))
st.caption(f"{t('Periode')}: {i18n.fmt_period(filters.first, filters.last, lg)}")
if info["is_empty"]:
    widgets.empty_state()
    st.stop()

scope = dict(category=filters.category, focus_only=filters.focus_only, kommune=filters.kommune)
results = data.fetch(views.area_results, filters.period, **scope, viewer=viewer)
areas = views.in_kommune(data.fetch(queries.areas), filters.kommune)
widgets.population_note(areas)
if filters.focus_only:  # the focus areas as one unit
    headline = data.fetch(views.kommune_results, filters.period, **scope, indicator_ids=list(views.HEADLINE),
                          viewer=viewer)
else:  # the kommune values are already in the area results (their benchmark): no second computation
    headline = results.groupby("indicator", as_index=False).kommune_value.first().rename(
        columns={"kommune_value": "value"})

# --- Headline figures -----------------------------------------------------------------------
st.header(t("Nøgletal for fokusområderne") if filters.focus_only else t("Nøgletal for kommunen"))
values = headline.set_index("indicator").value
widgets.metric_grid([
    {"label": ind.get(i).short(lg), "value": views.with_unit(i18n.fmt_value(values.get(i), ind.get(i).kind, lg), i, lg),
     "help": f"**{ind.get(i).name(lg)}**. {ind.get(i).definition(lg)}"}
    for i in views.HEADLINE
])

st.page_link("app_pages/rekruttering.py", label=t("Rekruttering: hvilke strategier og kanaler når målgruppen"),
             icon=":material/campaign:")

# --- The three capacities per area ----------------------------------------------------------
st.header(t("De tre kapaciteter pr. område"))
st.caption(t("Farven og tegnet viser, om området ligger bedre (▲), som (=) eller dårligere (▼) end kommunen – mere "
             "end tilfældig variation kan forklare. Tallet er områdets værdi. Et antal sammenlignes med det antal, "
             "områdets størrelse ville give (kommunens antal fordelt efter voksne); det står, når du peger på feltet, "
             "og i tabellen under. –: ingen data."))
widgets.method_link()
scatter, need_ref, part_ref = views.need_vs_participation(results, areas)
shown = results
names = sorted(results.area_name.dropna().unique())
if len(names) > views.HEAT_MAX_AREAS:
    # A heat table of hundreds or thousands of areas cannot be read: show the areas with the greatest
    # need (or the ones the user searches for); the ranking below lists them all.
    top = views.neediest(scatter, views.HEAT_DEFAULT_AREAS)
    chosen = st.multiselect(
        t("Vis områder (søg efter navn)"), names, default=top, key="oversigt.heat_areas",
        help=t("Der er {n} områder. Som udgangspunkt vises de {k} med størst behov.").format(n=len(names), k=len(top)),
    )
    shown = results[results.area_name.isin(chosen)]  # shaped for the table only for the areas shown
heat = views.heat_frame(shown, lg, adults=dict(zip(areas.code, areas.adults)))
with widgets.wide_only("oversigt-heat"):  # a phone gets the grid below, which scrolls sideways
    st.plotly_chart(charts.heat_table(heat, lang=lg), config={"displayModeBar": False})
with widgets.narrow_only("oversigt-heat-phone"):
    widgets.pinned_grid(views.heat_grid(heat, lg))
with st.expander(t("Vis som tabel")):
    heat["comparison_text"] = heat.comparison.map(widgets.comparison_text)
    widgets.table(heat, {"area_name": "Område", "indicator_name": "Indikator", "value": "Værdi",
                         "expected": "Ventet ud fra områdets størrelse", "comparison_text": "Sammenligning med kommunen"},
                  numbers={"value": 1, "expected": 1}, name="kapaciteter-pr-omraade")

# --- Trend by quarter -----------------------------------------------------------------------
st.header(t("Udvikling pr. kvartal"))
trend_id = state.persistent(
    st.selectbox, t("Indikator"), [i.id for i in ind.INDICATORS if i.group != "behov"],
    key="oversigt.trend", default=views.PARTICIPATION, format_func=lambda i: ind.get(i).name(lg),
)
trend_quarters = flt.trend_quarters(filters, data.fetch(queries.data_range)[0])
trend = data.fetch(views.kommune_results, trend_quarters, category=filters.category, by="focus",
                   indicator_ids=[trend_id], kommune=filters.kommune, viewer=viewer)
trend["series"] = trend.unit.map({"fokus": t("Fokusområder"), "øvrige": t("Øvrige områder")})
trend["period"] = trend.period.map(lambda q: i18n.fmt_quarter(q, lg))
unfinished = flt.unfinished(trend_quarters, info["data_date"])
st.plotly_chart(charts.trend(trend, y_title=ind.get(trend_id).unit(lg), lang=lg,
                             unfinished=[i18n.fmt_quarter(q, lg) for q in unfinished]),
                config={"displayModeBar": False})
st.caption(t("Fokusområder mod øvrige områder"))
if unfinished:
    st.caption(t("Data til og med {d}: tallene fra {q} er foreløbige (stiplet).").format(
        d=i18n.fmt_date(info["data_date"], lg), q=i18n.fmt_quarter(unfinished[0], lg)))
with st.expander(t("Vis som tabel")):
    widgets.table(trend, {"period": "Periode", "series": "Områder", "value": "Værdi"}, numbers={"value": 1},
                  name="udvikling-pr-kvartal")

# --- Need vs participation ------------------------------------------------------------------
st.header(t("Behov og deltagelse"))
if scatter.need.isna().all():  # no area has a health profile yet (a new kommune): nothing to set side by side
    st.info(t("Ingen områder har en sundhedsprofil endnu, så behov og deltagelse kan ikke sammenholdes. "
              "Sundhedsprofilen importeres på siden Områder."))
else:
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(
            charts.need_vs_participation(
                scatter, x_title=ind.get(views.NEED).name(lg), y_title=ind.get(views.PARTICIPATION).name(lg),
                x_ref=need_ref, y_ref=part_ref, flag_label=t("Stort behov, lav deltagelse"), lang=lg,
            ),
            config={"displayModeBar": False},
        )
    with right:
        st.markdown(f"**{t('Områder med stort behov og lav deltagelse')}**")
        st.caption(t("Områder med et sundhedsbehov over kommunens og færre deltagere pr. 1.000 voksne end kommunen."))
        flagged = scatter[scatter.flagged].sort_values("need", ascending=False)
        if flagged.empty:
            st.write(t("Ingen områder har både større behov og lavere deltagelse end kommunen i perioden."))
        else:
            # Short headers: the side column is narrow, and the caption above says what they measure.
            widgets.table(flagged, {"area_name": "Område", "need": "Behov", "participation": "Deltagelse"},
                          numbers={"need": 0, "participation": 1}, name="stort-behov-lav-deltagelse")

# --- Ranking --------------------------------------------------------------------------------
st.header(t("Rangering af områder"))
sort_id = state.persistent(
    st.selectbox, t("Sortér efter"), [i.id for i in ind.INDICATORS], key="oversigt.sorter", param="sorter",
    default=views.PARTICIPATION, format_func=lambda i: ind.get(i).name(lg),
)
ranked = views.ranking(results, sort_id, lg)
ranked["comparison_text"] = ranked.comparison.map(widgets.comparison_text)
ranked = ranked.merge(areas[["code", "adults", "is_focus"]], left_on="unit", right_on="code", how="left")
widgets.table(
    ranked,
    {"rank": "Rang", "area_name": "Område", "value": "Værdi", "unit_name": "Enhed",
     "comparison_text": "Sammenligning med kommunen", "is_focus": "Fokusområde", "adults": "Voksne"},
    numbers={"value": 1, "adults": 0}, name="rangering",
)
