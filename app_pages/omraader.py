"""Områder (admin): the areas in the database; import boundaries from GeoJSON and population and
health profile from CSV/Excel (dry run first, then an explicit import); venues outside their area."""

from datetime import date

import streamlit as st

from lokal import areas, i18n, population
from lokal.db import LokalDbError
from lokal.ui import data, state, widgets
from lokal.ui.state import lang, t

_, info = state.current()
state.keep_only_params([])
lg = lang()
st.title(t("Områder"))
st.caption(t("Til administratorer: importér lokalområdernes grænser, befolkningstal og sundhedsprofil. Hver import "
             "vises først som en prøvekørsel; intet skrives, før du trykker Importér."))

message = st.session_state.pop("omraader.besked", None)
if message:
    st.success(message)


def report_table(frame, alt: str) -> None:
    widgets.table(frame, {"status": "Status", "feature": "Objekt", "code": "Kode", "name": "Navn",
                          "message": "Besked"}, translate=("status",), alt=alt,
                  height=min(420, 38 + 35 * len(frame)), name="omraader-geojson-kontrol")


# --- The areas in the database ---------------------------------------------------------------
st.header(t("Områderne i databasen"))
overview = data.fetch(areas.overview)
if overview.empty:
    st.info(t("Der er ingen områder endnu. Importér dem fra en GeoJSON-fil nedenfor."))
else:
    widgets.metric_grid([
        {"label": t("Områder"), "value": i18n.fmt_num(len(overview), 0, lg)},
        {"label": t("Kommuner"), "value": i18n.fmt_num(overview.kommunekode.nunique(), 0, lg)},
        {"label": t("Med grænse"), "value": i18n.fmt_num(int(overview.has_boundary.sum()), 0, lg)},
        {"label": t("Areal i alt (km²)"), "value": i18n.fmt_num(overview.area_km2.sum(min_count=1), 0, lg)},
    ])
    with st.expander(t("Alle områder som tabel")):
        widgets.table(overview, {"code": "Kode", "name": "Navn", "kind": "Type", "kommunekode": "Kommunekode",
                                 "area_km2": "Areal (km²)", "adults": "Voksne", "adults_40_60": "Voksne 40–60 år",
                                 "adults_men": "Mænd", "adults_women": "Kvinder"},
                      numbers={"area_km2": 2, "adults": 0, "adults_40_60": 0, "adults_men": 0, "adults_women": 0},
                      translate=("kind",), alt=t("Alle områder som tabel"), height=400, name="omraader")

# --- Boundaries from GeoJSON ------------------------------------------------------------------
st.header(t("Importér områdegrænser (GeoJSON)"))
st.caption(t("GeoJSON eller en zip-fil med én GeoJSON-fil. Koordinater i ETRS89/UTM32 (EPSG:25832) omregnes til "
             "længde og bredde; ugyldige geometrier repareres. Områder med en kendt kode opdateres, så deres "
             "tilbud og historik bevares; områder, der mangler i filen, rapporteres, men slettes ikke."))
uploaded = st.file_uploader(t("Vælg GeoJSON- eller zip-fil"), type=["geojson", "json", "zip"], key="omraader.geojson")
if uploaded is not None:
    try:
        area_file = areas.read_area_file(uploaded.getvalue(), uploaded.name)
    except areas.AreaImportError as exc:
        st.error(exc.message.text(lg))
        area_file = None
if uploaded is not None and area_file is not None:
    props = area_file.properties

    def prop_label(p):
        samples = area_file.samples(p)
        return f"{p} ({', '.join(samples)})" if samples else p

    def index_of(options, value):
        return options.index(value) if value in options else 0

    c1, c2, c3 = st.columns(3)
    name_field = c1.selectbox(t("Egenskab med navn"), props, index=index_of(props, area_file.guess("name")),
                              format_func=prop_label, key="omraader.navn")
    code_field = c2.selectbox(t("Egenskab med kode"), props, index=index_of(props, area_file.guess("code")),
                              format_func=prop_label, key="omraader.kode")
    # "" stands for "not from a property" / "keep" / "automatic" (a None option shows a clear button).
    kk_options = ["", *props]
    kk_field = c3.selectbox(t("Kommunekode"), kk_options, index=index_of(kk_options, area_file.guess("kommunekode")),
                            format_func=lambda p: prop_label(p) if p else t("Én kode for hele filen"),
                            key="omraader.kommunekodefelt")
    c1, c2, c3 = st.columns(3)
    kind = c1.selectbox(t("Områdetype"), ["", *areas.KINDS], key="omraader.type",
                        format_func=lambda k: t(k) if k else t("Nye: andet; kendte beholder deres"))
    crs = c2.selectbox(t("Referencesystem"), ["", areas.UTM32, "EPSG:25833", areas.WGS84], key="omraader.crs",
                       format_func=lambda c: c or t("Automatisk (fra filen eller koordinaterne)"))
    kommunekode = None
    if not kk_field:
        kommunekode = c3.text_input(t("Kommunekode for hele filen"), key="omraader.kommunekode",
                                    placeholder="0851") or None
    options = areas.AreaOptions(name_field=name_field, code_field=code_field, kommunekode_field=kk_field or None,
                                kommunekode=kommunekode, kind=kind or None, crs=crs or None)
    cur = data.connection().cursor()
    try:
        report = areas.import_areas(cur, area_file, options, dry_run=True, user=state.user())
    except areas.AreaImportError as exc:
        st.error(exc.message.text(lg))
        report = None
    finally:
        cur.close()
    if report is not None:
        how = {"fil": t("fra filen"), "valgt": t("valgt"), "koordinater": t("gættet ud fra koordinaterne")}
        st.markdown(f"**{t('Prøvekørsel')}** · {uploaded.name} · {i18n.fmt_num(report.features, 0, lg)} "
                    f"{t('objekter')} · {t('referencesystem')} {report.crs} ({how[report.crs_how]})")
        c = report.counts()
        widgets.metric_grid([{"label": t(label), "value": i18n.fmt_num(c[key], 0, lg)} for key, label in (
            ("new", "Nye"), ("updated", "Opdaterede"), ("unchanged", "Uændrede"), ("repaired", "Reparerede"),
            ("rejected", "Afviste"), ("disappeared", "Forsvundne"))], per_row=6)
        for note in report.notes:
            st.warning(note.text(lg))
        if report.unpopulated:
            st.info(areas.Message("no_population", {"n": report.unpopulated}).text(lg))
        if report.rejected:
            st.error(t("Afviste objekter importeres ikke. Ret dem i filen, og importér den igen."))
        frame = report.frame(lg, ["afvist", "repareret", "forsvundet", "ny", "opdateret", "uændret"])
        report_table(frame, t("Prøvekørslens rapport"))
        if st.button(t("Importér"), type="primary", disabled=report.changes == 0, key="omraader.importer"):
            cur = data.connection().cursor()
            try:
                done = areas.import_areas(cur, area_file, options, user=state.user())
            except areas.AreaImportError as exc:
                st.error(exc.message.text(lg))
            except LokalDbError as exc:  # a full or read-only disk: nothing is written
                st.error(exc.text(lg))
            else:
                d = done.counts()
                st.session_state["omraader.besked"] = (
                    f"{t('Importeret')}: {uploaded.name} · {t('nye')} {d['new']} · {t('opdaterede')} "
                    f"{d['updated']} · {t('afviste')} {d['rejected']} · {t('forsvundne')} {d['disappeared']}")
                st.rerun()
            finally:
                cur.close()
        if report.changes == 0 and not report.rejected:
            st.caption(t("Intet at importere: alle områder i filen er uændrede."))

# --- Population and health profile -------------------------------------------------------------
st.header(t("Importér befolkning og sundhedsprofil (CSV eller Excel)"))
st.caption(t("Én række pr. område: en kolonne med områdekoden og fx voksne, voksne 40-60, mænd, kvinder, mænd 40-60, "
             "kvinder 40-60 og sundhedsmålene (fx dagligrygning) i procent. Dansk decimalkomma er i orden. Er der "
             "fejl i en celle, skrives intet."))
st.caption(t("Antal svarpersoner (valgfrit): en kolonne 'svarpersoner' gælder alle rækkens sundhedsmål, eller én pr. "
             "mål ('dagligrygning svarpersoner'). Uden dem viser evalueringen på Område og Møde ændringerne uden "
             "et 95 %-interval."))
pop_file = st.file_uploader(t("Vælg CSV- eller Excel-fil"), type=["csv", "txt", "xlsx"], key="omraader.befolkning")
if pop_file is not None:
    try:
        table = population.read_table(pop_file.getvalue(), pop_file.name)
    except population.PopulationImportError as exc:
        st.error(exc.message.text(lg))
        table = None
    if table is not None:
        c1, c2, c3 = st.columns(3)
        guess = table.guess_code_column()
        code_column = c1.selectbox(t("Kolonne med områdekode"), table.columns,
                                   index=table.columns.index(guess) if guess in table.columns else 0,
                                   key="omraader.kodekolonne")
        year = c2.number_input(t("År for sundhedsmålene (hvis filen ikke har en kolonne 'år')"), min_value=1990,
                               max_value=2100, value=date.today().year - 1, step=1, key="omraader.aar")
        source = c3.text_input(t("Kilde (hvis filen ikke har en kolonne 'kilde')"), value=pop_file.name,
                               key="omraader.kilde")
        args = {"code_column": code_column, "year": int(year), "source": source or pop_file.name}
        cur = data.connection().cursor()
        try:
            preport = population.import_population(cur, table, dry_run=True, user=state.user(), **args)
        except population.PopulationImportError as exc:
            st.error(exc.message.text(lg))
            preport = None
        finally:
            cur.close()
        if preport is not None:
            st.markdown(f"**{t('Prøvekørsel')}** · {pop_file.name} · {t('befolkning for')} "
                        f"{i18n.fmt_num(len(preport.areas), 0, lg)} {t('områder')} · "
                        f"{i18n.fmt_num(preport.profile_values, 0, lg)} {t('værdier i sundhedsprofilen')}")
            st.markdown("\n".join(f"- `{col}` → {meaning[0] if lg == 'da' else meaning[1]}"
                                  for col, meaning in preport.columns.items()))
            for note in preport.notes:
                st.info(note.text(lg))
            if preport.errors:
                st.error(f"{t('Fejl i filen; intet bliver skrevet, før de er rettet')}: "
                         f"{i18n.fmt_num(len(preport.errors), 0, lg)}")
                st.dataframe({t("Fejl"): [m.text(lg) for m in preport.errors]}, hide_index=True,
                             height=min(420, 38 + 35 * len(preport.errors)))
            nothing = not preport.areas and not preport.profile_values
            if st.button(t("Importér"), type="primary", disabled=bool(preport.errors) or nothing,
                         key="omraader.importer_befolkning"):
                cur = data.connection().cursor()
                try:
                    done = population.import_population(cur, table, user=state.user(), **args)
                except LokalDbError as exc:  # a full or read-only disk: nothing is written
                    st.error(exc.text(lg))
                    done = None
                finally:
                    cur.close()
                if done is not None:
                    st.session_state["omraader.besked"] = (
                        f"{t('Importeret')}: {pop_file.name} · {t('befolkning for')} {len(done.areas)} "
                        f"{t('områder')} · {done.profile_values} {t('værdier i sundhedsprofilen')}")
                    st.rerun()
            if nothing and not preport.errors:
                st.caption(t("Intet at importere: tallene er de samme som i databasen."))

# --- Venues outside their offer's area ---------------------------------------------------------
st.header(t("Mødesteder uden for tilbuddets område"))
outside = data.fetch(areas.venues_outside, lg)
if outside.empty:
    st.write(t("Alle mødesteder med koordinater ligger i deres tilbuds område."))
else:
    widgets.table(outside, {"title": "Titel", "area_name": "Område", "venue_name": "Mødested", "warning": "Besked"},
                  alt=t("Mødesteder uden for tilbuddets område"), name="moedesteder-uden-for-omraadet")

# --- Users and roles -------------------------------------------------------------------------
st.header(t("Brugere og roller"))
st.write(t("Hvem der har hvilken rolle og hvilke områder, sættes på siden Opsætning."))
st.page_link("app_pages/opsaetning.py", label=t("Gå til Opsætning"), icon=":material/checklist:")
