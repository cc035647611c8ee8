"""Rekruttering: which strategy and which channel reach the target group, and at what cost (issue 16)."""

import streamlit as st

from lokal import access, approval, charts, i18n, queries, recruitment, release, views
from lokal import filters as flt
from lokal.ui import data, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
viewer = state.user()
state.keep_only_params(["udsnit"])
lg = lang()
st.title(t("Rekruttering"))
if info["is_empty"]:
    widgets.empty_state()
    st.stop()

council = access.sees_release_only(viewer)
areas = views.in_kommune(data.fetch(queries.areas), filters.kommune)
names = dict(zip(areas.code, areas.name))
if council:  # one ended calendar year, the whole kommune, all offers (lokal.recruitment.council_view)
    years = [p for p in data.fetch(approval.approved_labels, filters.kommune) if len(p) == 4]  # approved years
    year = recruitment.council_period(years, filters.first)
    if year is None:
        st.info(t("Der er endnu intet afsluttet kalenderår at vise."), icon=":material/shield:")
        st.stop()
    period = flt.Filters(f"{year}K1", f"{year}K4").period
    choice, chosen, category = "kommune", None, None
    frame = data.fetch(recruitment.council_view, period, kommune=filters.kommune)
    k = data.fetch(release.threshold)
    st.caption(f"{t('Periode')}: {year} · {t('Hele kommunen')} · {t('Alle tilbud')}")
    st.info(t("Som byrådsmedlem ser du rekruttering for ét afsluttet kalenderår for hele kommunen og alle tilbud. "
              "Et antal under {k} vises som <{k}, og flere tal skjules (x), så et lille tal ikke kan regnes ud ved at "
              "trække rækker fra hinanden eller fra i alt.").format(k=k), icon=":material/shield:")
else:
    period, category, k = filters.period, filters.category, None
    focus_codes = data.fetch(recruitment.focus_areas, period, filters.kommune)
    options = (["fokus"] if filters.focus_only else ["kommune", "fokus"]) + \
        [c for c in areas.code if not filters.focus_only or c in focus_codes]
    labels = {"kommune": t("Hele kommunen"), "fokus": t("Fokusområderne"), **names}
    choice = state.persistent(st.selectbox, t("Udsnit"), options, key="rekruttering.udsnit", param="udsnit",
                              format_func=lambda c: labels[c])
    chosen = None if choice == "kommune" else focus_codes if choice == "fokus" else [choice]
    frame = data.fetch(recruitment.view, period, areas=chosen, category=category, kommune=filters.kommune,
                       viewer=viewer)
    st.caption(f"{t('Periode')}: {i18n.fmt_period(filters.first, filters.last, lg)} · {labels[choice]} · "
               f"{t({None: 'Alle tilbud', 'kommunalt': 'Kommunale tilbud', 'civilsamfund': 'Civilsamfundsaktiviteter'}[category])}")

total = frame[frame.dimension == recruitment.TOTAL].iloc[0]
if not total.enquiries or total.enquiries != total.enquiries:
    st.write(t("Ingen henvendelser i perioden."))
    st.stop()

# --- The answer: which strategy brought the most 40–60-year-olds per krone ----------------------
sentence = recruitment.answer(frame, lg)
if sentence:
    st.success(sentence, icon=":material/target:")
if category is None and not council:
    st.caption(t("Civilsamfundsaktiviteter koster langt mindre pr. deltager end kommunale tilbud og rekrutteres "
                 "mest åbent; vælg en tilbudstype i filtrene for at sammenligne strategierne inden for én slags tilbud."))

strategies = frame[frame.dimension == recruitment.STRATEGY].assign(label=lambda d: d.group.map(t))
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('Andel i målgruppen (40–60 år) pr. strategi')}**")
    st.plotly_chart(charts.interval_bars(strategies, value="target_share", low="target_share_lo",
                                         high="target_share_hi", x_title=t("% af deltagerne"), lang=lg),
                    config={"displayModeBar": False}, key="rekruttering.andel")
with right:
    st.markdown(f"**{t('40–60-årige pr. 100.000 kr. pr. strategi')}**")
    st.plotly_chart(charts.interval_bars(strategies, value="target_per_kr", low="target_per_kr_lo",
                                         high="target_per_kr_hi", x_title=t("deltagere 40–60 år pr. 100.000 kr."),
                                         decimals=1, lang=lg),
                    config={"displayModeBar": False}, key="rekruttering.pr_kr")
st.caption(t("Søjlerne viser værdien, stregerne 95 %-intervallet: Wilson for andele, Poisson for antal 40–60-årige "
             "pr. krone. Tallene står i tabellen nedenfor."))

# --- Strategies -----------------------------------------------------------------------------------
st.header(t("Strategier"))
st.caption(t("Åben: informationsmateriale via fagforeninger og boligforeninger. Afgrænset: temadage og "
             "informationsmøder. Målrettet: direkte sms eller telefon til borgere, der har vist interesse. "
             "Procenter med 95 %-interval (Wilson) i parentes."))
widgets.table(recruitment.shown_table(frame, recruitment.STRATEGY, lg, k), recruitment.headers(recruitment.STRATEGY),
              name="rekruttering-strategier")

# --- Comparisons in plain words -------------------------------------------------------------------
st.header(t("Sammenligning af strategierne"))
pairs = recruitment.comparisons(frame, lg)
figure_names = {"target_share": "Målgruppen (40–60 år)", "target_per_kr": "40–60-årige pr. krone",
                "start_rate": "Fra henvendelse til start", "completion": "Gennemførelse"}
for figure in ("target_share", "target_per_kr", "start_rate", "completion"):
    lines = pairs[pairs.figure == figure].sentence
    st.markdown(f"**{t(figure_names[figure])}**  \n" + "  \n".join(f"- {s}" for s in lines))
st.caption(t("Forskellen mellem to andele har et 95 %-interval efter Newcombes metode (ud fra de to Wilson-intervaller); "
             "forholdet mellem to strategiers 40–60-årige pr. krone et interval ud fra de to antal (betinget binomialt). "
             "Rummer intervallet 0 (eller forholdet 1), kan strategierne ikke skelnes."))

# --- Channels -------------------------------------------------------------------------------------
st.header(t("Kanaler"))
st.caption(t("Kanalen er, hvor borgeren hørte om tilbuddet. En kanal har ingen pris for sig selv: prisen hører til "
             "tilbuddet, så tabellen over kanaler viser ingen priser."))
widgets.table(recruitment.shown_table(frame, recruitment.CHANNEL, lg, k), recruitment.headers(recruitment.CHANNEL),
              name="rekruttering-kanaler", height=420)

# --- Offers without a cost ------------------------------------------------------------------------
st.header(t("Tilbud uden pris"))
missing = data.fetch(recruitment.offers_without_cost, period, areas=chosen, category=category,
                     kommune=filters.kommune, viewer=viewer)
if missing.empty:
    st.write(t("Alle tilbud med henvendelser i udsnittet har en pris."))
else:
    st.write(t("{n} tilbud har ingen pris. Deres deltagere tæller med i alt andet, men ikke i priserne pr. person:")
             .format(n=len(missing)))
    cols = {"title": "Titel", "area": "Område", "strategy": "Strategi"}
    if not council:
        cols.update({"enquiries": "Henvendelser", "participants": "Deltagere"})
    widgets.table(missing, cols, numbers={c: 0 for c in ("enquiries", "participants") if c in cols},
                  translate=("strategy",), name="rekruttering-uden-pris")

with st.expander(t("Sådan regnes tallene")):
    st.markdown(t(
        "- **Henvendelse**: en tilmelding på et tilbud, der blev holdt. Den tæller i perioden for sin henvendelsesdato "
        "(uden en: startdatoen), så hver henvendelse følges til start, gennemførelse og effekt.\n"
        "- **Deltager**: en henvendelse, der førte til en start.\n"
        "- **I målgruppen** og **mænd**: andel af deltagerne (ukendt alder eller køn tæller ikke med i tælleren).\n"
        "- **Bor i et fokusområde / et område med stort behov**: deltagerens bopælsområde (ellers tilbuddets) er "
        "fokusområde i perioden / har et sundhedsbehov (indeks) over 110.\n"
        "- **Gennemførte**: af deltagerne, hvor det vides; **effekt**: af deltagerne i tilbud med effektmål, hvor "
        "effekten er registreret. **Svartid**: dage fra henvendelse til start; god praksis er højst 3 dage.\n"
        "- **Pris**: et tilbuds pris deles ligeligt mellem alle, der startede på det; en strategis pris er summen "
        "over dens tilbud. Pris pr. deltager, pr. 40–60-årig, pr. gennemført og pr. positiv effekt regnes kun over "
        "tilbud med en pris; tilbud uden pris nævnes ovenfor. Kanaler har ingen pris.\n"
        "- **Intervaller**: 95 %; Wilson for andele, Newcombe for forskellen mellem to andele, Poisson for antal "
        "40–60-årige pr. krone."))
