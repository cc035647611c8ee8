"""Kort: a choropleth of the areas by any indicator, with venues, legend and a table alternative."""

import streamlit as st

from lokal import i18n, maps, queries, views
from lokal import indicators as ind
from lokal.ui import auth, data, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
state.keep_only_params(["indikator", "klasser", "steder", "visning"])
st.title(t("Kort"))
if info["is_empty"]:
    widgets.empty_state()
    st.stop()

lg = lang()
c1, c2, c3, c4 = st.columns([3, 2, 1, 2])
with c1:
    indicator_id = state.persistent(
        st.selectbox, t("Indikator"), [i.id for i in ind.INDICATORS], key="kort.indikator", param="indikator",
        default=views.PARTICIPATION, format_func=lambda i: f"{i18n.t(views.GROUP_NAMES[ind.get(i).group], lg)}: "
                                                           f"{ind.get(i).name(lg)}",
    )
with c2:
    method = state.persistent(
        st.radio, t("Farveinddeling"), ["kvantiler", "lige"], key="kort.klasser", param="klasser", horizontal=True,
        format_func=lambda m: i18n.t({"kvantiler": "Lige mange områder i hver farve", "lige": "Lige brede intervaller"}[m], lg),
    )
with c3:
    # With hundreds of areas the venue dots would cover the map: off until asked for.
    many = len(views.in_kommune(data.fetch(queries.areas), filters.kommune)) > views.HEAT_MAX_AREAS
    show_venues = state.persistent(
        st.radio, t("Vis mødesteder"), ["ja", "nej"], key="kort.steder", param="steder", horizontal=True,
        default="nej" if many else "ja", format_func=lambda v: i18n.t(v, lg),
    )
with c4:
    # The quick map is an SVG the browser shows at once; zoom needs deck.gl (WebGL, seconds to start).
    view = state.persistent(
        st.radio, t("Kortvisning"), ["hurtig", "zoom"], key="kort.visning", param="visning", horizontal=True,
        format_func=lambda v: i18n.t({"hurtig": "Hurtigt kort", "zoom": "Kort med zoom"}[v], lg),
    )

indicator = ind.get(indicator_id)
results = data.fetch(views.area_results, filters.period, category=filters.category, focus_only=filters.focus_only,
                     indicator_ids=[indicator_id], kommune=filters.kommune, viewer=state.user())
shapes = views.in_kommune(data.fetch(queries.area_shapes), filters.kommune)
widgets.population_note(views.in_kommune(data.fetch(queries.areas), filters.kommune))
frame = views.map_frame(shapes, results, lg)
venues = (data.fetch(queries.venues, filters.period, filters.category, filters.focus_only, filters.kommune)
          if show_venues == "ja" else None)
options = dict(indicator=indicator, lang=lg, method={"kvantiler": "quantiles", "lige": "equal"}[method],
               venues=views.venue_points(venues, lg))
opens_areas = "omraade" in auth.pages_for(state.user())
if view == "zoom":
    result = maps.choropleth(frame, **options)
    hint = t("Zoom med musehjulet eller to fingre; hold musen over et område for navn og værdi.")
else:
    result = maps.drawing(frame, **options, link=state.link_to("omraade", omraade="{code}") if opens_areas else None,
                          label=f"{t('Kort')}: {indicator.name(lg)}")
    hint = t("Navnene står på kortet, hvor der er plads; hold musen over et område for dets værdi, klik for at "
             "åbne det. Tabellen under kortet har alle områder.") if opens_areas \
        else t("Navnene står på kortet, hvor der er plads; hold musen over et område for dets værdi. Tabellen under "
               "kortet har alle områder.")

unit = "" if indicator.unit(lg).lower() in indicator.name(lg).lower() else f" ({indicator.unit(lg)})"
st.caption(f"{t('Kortet viser')}: **{indicator.name(lg)}**{unit}, "
           f"{t('Periode').lower()} {i18n.fmt_period(filters.first, filters.last, lg)}. {indicator.definition(lg)}")
left, right = st.columns([4, 1])
with left:
    if result.deck is not None:
        st.pydeck_chart(result.deck, height=560, alt=f"{t('Kort')}: {indicator.name(lg)}")
    else:
        widgets.svg(result.svg)
    st.caption(hint)
with right:
    st.markdown(f"**{t('Signaturforklaring')}**")
    st.caption(indicator.unit(lg))
    widgets.legend(result.legend)
    st.caption(result.note)
    if venues is not None:
        st.caption(t("Mødesteder vises som sorte prikker med hvid kant."))

with st.expander(t("Kortets tal som tabel")):
    table = views.ranking(results, indicator_id, lg)
    table["comparison_text"] = table.comparison.map(widgets.comparison_text)
    widgets.table(table, {"area_name": "Område", "value": "Værdi", "unit_name": "Enhed",
                          "comparison_text": "Sammenligning med kommunen"}, numbers={"value": 1}, name="kort-tal")
