"""Område: one area — capacities against targets, offers, participation, partners, knowledge, profile, log."""

import streamlit as st

from lokal import access, charts, i18n, queries, release, views
from lokal import evaluation as ev
from lokal import indicators as ind
from lokal.ui import data, health, interpretations, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
viewer = state.user()
state.keep_only_params(["omraade", "sammenligning"])
st.title(t("Område"))
if info["is_empty"]:
    widgets.empty_state()
    st.stop()

lg = lang()
areas = views.in_kommune(data.fetch(queries.areas), filters.kommune)  # the chosen kommune's areas
size_share = views.size_share(areas)  # each area's share of the kommune's adults (counts are judged by it)
if filters.focus_only:
    areas = areas[areas.is_focus]
code = state.area_choice(areas, t("Vælg område"))
area = areas.set_index("code").loc[code]
period = filters.period
cat = filters.category

focus_text = (f"{t('Fokusperiode')}: {i18n.fmt_date(area.focus_start, lg)} – {i18n.fmt_date(area.focus_end, lg)}"
              if area.is_focus else t("Intet fokusområde"))
st.caption(f"{t(area.kind)} · {t('Voksne')}: {i18n.fmt_num(area.adults, 0, lg)} · "
           f"{t('Voksne 40–60 år')}: {i18n.fmt_num(area.adults_40_60, 0, lg)} · {focus_text} · "
           f"{t('Periode')}: {i18n.fmt_period(filters.first, filters.last, lg)}")

# --- Key figures against the kommune --------------------------------------------------------
# Each area is compared with its own kommune (where the database holds several).
own = area.kommunekode if len(info["area_kommuner"]) > 1 else None
results = data.fetch(views.area_results, period, category=cat, areas=[code], kommune=own, viewer=viewer)
mine = views.label(results[results.unit == code], lg).set_index("indicator")


def key_figure(i: str) -> dict:
    row, meta = mine.loc[i], ind.get(i)
    kommune = views.with_unit(i18n.fmt_value(row.kommune_value, meta.kind, lg), i, lg)
    if meta.kind == "count":  # judged against what the area's size would give, which is what the caption says
        expected = views.expected_count(row.kommune_value, size_share.get(code))
        reference = (f"{t('ventet ud fra områdets størrelse')}: {i18n.fmt_num(expected, 1, lg)} "
                     f"({t('kommunen i alt')}: {kommune})")
    else:
        reference = f"{t('Kommunen')}: {kommune}"
    return {"label": meta.short(lg), "value": views.with_unit(row.value_label, i, lg),
            "help": f"**{meta.name(lg)}**. {meta.definition(lg)}",
            "caption": f"{views.VERDICT_SYMBOL.get(row.comparison, '')} {widgets.comparison_text(row.comparison)} · "
                       f"{reference}".strip()}


widgets.metric_grid([key_figure(i) for i in views.HEADLINE])
st.markdown(f"**{t('Forløbenes resultater og svartid')}**")
widgets.metric_grid([key_figure(i) for i in views.RESULTS])
interpretations.show({code: area["name"]}, area.kommunekode, (filters.first, filters.last), key="omraade")

# --- Capacities over time against targets ---------------------------------------------------
st.header(t("Kapaciteter over tid mod mål"))
progress = data.fetch(views.targets_vs_values, code, filters.years, cat, viewer=viewer)
if progress.empty:
    st.write(t("Ingen mål sat for området."))
else:
    ids = list(dict.fromkeys(progress.indicator))
    # A year still running is only part of a year, set against a whole year's target: the label says so.
    running = views.year_in_progress(info["data_date"])
    if running:
        progress["period"] = progress.period.map(lambda y: f"{y} ({t('del af året')})" if y == running else y)
        st.caption(t("{year} er ikke slut: søjlen viser året til og med {date} mod hele årets mål.").format(
            year=running, date=i18n.fmt_date(info["data_date"], lg)))
    grid = st.columns(min(3, len(ids)))
    for n, indicator_id in enumerate(ids):
        indicator = ind.get(indicator_id)
        with grid[n % len(grid)]:
            st.markdown(f"**{indicator.name(lg)}**")
            st.plotly_chart(charts.against_target(progress[progress.indicator == indicator_id],
                                                  value_name=t("Værdi"), target_name=i18n.t_in("Mål", "værdi", lg),
                                                  y_title=indicator.unit(lg), lang=lg),
                            config={"displayModeBar": False}, key=f"target-{indicator_id}")
    with st.expander(t("Vis som tabel")):
        progress["indicator_name"] = progress.indicator.map(lambda i: ind.get(i).name(lg))
        widgets.table(progress, {"indicator_name": "Indikator", "period": "År", "value": "Værdi",
                                  "target": i18n.t_in("Mål", "værdi", lg)},
                      numbers={"value": 1, "target": 1}, name="omraade-maal")

# --- Offers and their status ----------------------------------------------------------------
st.header(t("Tilbud og aktiviteter"))
offers = data.fetch(queries.offers_for_area, code, period, cat, viewer=viewer)
if offers.empty:
    st.write(t("Ingen poster i perioden."))
else:
    left, right = st.columns([1, 3])
    with left:
        status = offers.status.value_counts().rename_axis("label").reset_index(name="value")
        status["label"] = status.label.map(t)
        st.plotly_chart(charts.hbar(status, x_title=t("Antal"), lang=lg), config={"displayModeBar": False})
    with right:
        widgets.table(
            offers,
            {"title": "Titel", "offer_type": "Type", "category": "Kategori", "status": "Status", "start_date": "Start",
             "end_date": "Slut", "planned_sessions": "Planlagte gange (hele forløbet)",
             "sessions_held": "Afholdte gange i perioden", "attendance": "Fremmøde i perioden", "seats": "Pladser", "partner": "Partner", "venue_name": "Mødested",
             "recruitment": "Rekruttering", "cost": "Pris (kr.)"},
            numbers={"planned_sessions": 0, "sessions_held": 0, "attendance": 0, "seats": 0, "cost": 0},
            dates=("start_date", "end_date"), translate=("category", "status", "recruitment"), height=320,
            name="omraade-tilbud",
        )

# --- Participation funnel and recruitment channels ------------------------------------------
st.header(t("Deltagelse og effekt"))
funnel = data.fetch(queries.funnel, code, period, cat, viewer=viewer)
if funnel["enrolled"] == 0:
    st.write(t("Ingen tilmeldinger i perioden."))
else:
    left, right = st.columns(2)
    steps = [(t("Tilmeldt"), funnel["enrolled"]), (t("Gennemført"), funnel["completed"])]
    if funnel["with_outcome_measure"]:  # outcomes as a share of those in offers that measure one
        steps += [(t("Tilmeldt tilbud med effektmål"), funnel["with_outcome_measure"]),
                  (t("Effekt ved afslutning"), funnel["outcome_end"], 2),
                  (t("Effekt ved opfølgning"), funnel["outcome_followup"], 2)]
    with left:
        st.plotly_chart(charts.funnel(steps, lang=lg), config={"displayModeBar": False})
        st.caption(" · ".join(f"{name}: {i18n.fmt_num(n, 0, lg)}" for name, n, *_ in steps)
                   + (f". {t('Effekten er regnet af dem, der var tilmeldt et tilbud med effektmål.')}"
                      if funnel["with_outcome_measure"] else ""))
    with right:
        st.markdown(f"**{t('Rekrutteringskanaler')}**")
        channels = data.fetch(queries.channels, code, period, cat, viewer=viewer)
        bars = channels.rename(columns={"channel": "label", "enrolments": "value"})
        bars["label"] = bars.label.map(lambda v: t(v) if isinstance(v, str) else v)  # stored in Danish
        st.plotly_chart(charts.hbar(bars, x_title=t("Tilmeldinger"), lang=lg), config={"displayModeBar": False})
        st.page_link("app_pages/rekruttering.py", label=t("Rekruttering i området: strategier, kanaler og pris"),
                     icon=":material/campaign:", query_params={"udsnit": code})

# --- Partners and collaborations, knowledge activities --------------------------------------
left, right = st.columns(2)
with left:
    st.header(t("Partnere og samarbejder"))
    collab = data.fetch(queries.collaborations_for_area, code, period, viewer=viewer)
    if collab.empty:
        st.write(t("Ingen poster i perioden."))
    else:
        widgets.table(collab, {"partner": "Aktør", "partner_kind": "Aktørtype", "kind": "Samarbejde",
                               "start_date": "Start", "end_date": "Slut", "carried_by_area": "Bæres af området"},
                      dates=("start_date", "end_date"), translate=("partner_kind", "kind"), name="omraade-samarbejder")
with right:
    st.header(t("Vidensaktiviteter"))
    knowledge = data.fetch(queries.knowledge_for_area, code, period, viewer=viewer)
    if knowledge.empty:
        st.write(t("Ingen poster i perioden."))
    else:
        widgets.table(knowledge, {"activity_date": "Dato", "kind": "Type", "title": "Titel", "audience": "Målgruppe",
                                  "attendees": "Deltagere", "trained": "Uddannet"},
                      numbers={"attendees": 0, "trained": 0}, dates=("activity_date",), translate=("kind", "audience"),
                      name="omraade-vidensaktiviteter")

# --- Health profile against the kommune -----------------------------------------------------
st.header(t("Sundhedsprofil mod kommunen"))
profile = data.fetch(queries.health_profile, code)
if profile.empty:
    st.write(t("Ingen sundhedsprofil for området."))
else:
    baseline = profile[profile.year == profile.year.min()].copy()
    baseline["measure_name"] = baseline.name_da if lg == "da" else baseline.name_en
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(charts.profile_vs_kommune(baseline, area_name=area["name"], kommune_name=t("Kommunen"),
                                                  x_title=t("Andel af voksne (%)"), lang=lg),
                        config={"displayModeBar": False})
    with right:
        profile["measure_name"] = profile.name_da if lg == "da" else profile.name_en
        widgets.table(profile, {"measure_name": "Måling", "year": "År", "area": "Område", "kommune": "Kommunen"},
                      numbers={"area": 1, "kommune": 1}, height=300, name="omraade-sundhedsprofil")

# --- Evaluation: did the health of the focus area move, compared with similar areas? ---------
st.subheader(t("Evaluering: sundhed før og efter fokusperioden"))
if not area.is_focus:
    st.write(t("Området er ikke et fokusområde; evalueringen sammenligner et fokusområdes sundhedsprofil før og "
               "efter fokusperioden med andre områder."))
else:
    comparison, chooses = None, access.can(viewer, access.TARGETS)
    if chooses:  # leaders and admins may choose the comparison areas
        options = data.fetch(ev.candidates, code, kommune=area.kommunekode)
        labels = dict(zip(options.code, options.name))
        default = list(options.code[options["default"]])
        asked = [c for c in st.query_params.get("sammenligning", "").split(",") if c in labels]
        key = f"omraade.sammenligning.{code}"
        if key not in st.session_state:
            st.session_state[key] = asked or default
        chosen = st.multiselect(t("Sammenligningsområder"), list(labels), key=key, format_func=labels.get,
                                help=t("Som standard kommunens områder uden fokusperiode i samme tidsrum."))
        if sorted(chosen) != sorted(default):
            comparison = tuple(sorted(chosen))
            st.query_params["sammenligning"] = ",".join(comparison)
        else:
            st.query_params.pop("sammenligning", None)
    evaluation = data.fetch(ev.run, code, comparison, kommune=area.kommunekode)
    health.show(evaluation, key="omraade-evaluering", k=data.fetch(release.threshold), name_areas=not chooses)

# --- Latest log entries ---------------------------------------------------------------------
st.header(t("Seneste logbog"))
log = data.fetch(queries.log_entries, code, period, 8, viewer=viewer)
if log.empty:
    st.write(t("Ingen poster i perioden."))
for entry in log.itertuples():
    st.markdown(f"**{i18n.fmt_date(entry.entry_date, lg)}** · {t(entry.category)} · {entry.author}  \n{entry.text}")
