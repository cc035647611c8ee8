"""Opsætning (admin): day one with the kommune's own data — a checklist of what is set up and what
comes next, and the set-up itself: kommuner, offer types, focus periods, the data date, users and roles.
Every change is shown before it is saved, goes through the one audited write path, and can be followed
in the audit log."""

from datetime import date

import pandas as pd
import streamlit as st

from lokal import access, backup, catalogue, changes, db, i18n, queries, records, roles, setup, validate, writes
from lokal.ui import auth, data, forms, importer, state, widgets
from lokal.ui.state import lang, t

_, info = state.current()
state.keep_only_params([])
lg = lang()
user = state.user()
st.title(t("Opsætning"))
st.caption(t("Til administratorer: alt, hvad kommunen skal sætte op for at komme i gang med egne data — uden SQL. "
             "Hver ændring vises, før den gemmes, og står bagefter i revisionsloggen."))
message = st.session_state.pop("opsaetning.besked", None)
if message:
    st.success(message)


def run_write(fn, *args) -> None:
    """Run a write now (no preview needed: nothing is overwritten), showing a refusal as a message."""
    cur = data.connection().cursor()
    try:
        st.session_state["opsaetning.besked"] = fn(cur, *args)
        st.rerun()
    except (writes.WriteError, access.PermissionDenied) as exc:
        st.error(str(exc))
    finally:
        cur.close()


# --- Checklist ------------------------------------------------------------------------------------
steps = data.fetch(setup.checklist, auth.login_configured(), lg)
links = {"omraader": "app_pages/omraader.py", "maal": "app_pages/maal.py", "aktivitetslog": "app_pages/aktivitetslog.py"}
tab_of = {"kommune": "Kommune", "tilbudstyper": "Tilbudstyper", "fokus": "Fokusområder", "brugere": "Brugere og roller",
          "sikkerhedskopi": "Sikkerhedskopi"}
done = sum(s.done for s in steps)
st.header(t("Tjekliste") + f" · {done}/{len(steps)}")
nxt = setup.next_step(steps)
if nxt is not None:
    st.info(f"**{t('Næste skridt')}: {t(nxt.title)}.** {nxt.detail}")
for n, step in enumerate(steps, start=1):
    c1, c2, c3 = st.columns([3, 6, 2], vertical_alignment="center")
    mark = ":green[:material/check_circle:]" if step.done else (":gray[:material/radio_button_unchecked:]")
    c1.markdown(f"{mark} **{n}. {t(step.title)}**" + (f" ({t('valgfrit')})" if step.optional else ""))
    c2.caption(step.detail)
    if step.page in links:
        c3.page_link(links[step.page], label=t("Gå til siden"), icon=":material/arrow_forward:")
    elif step.id in tab_of:
        c3.caption(t("Fanen »{tab}« nedenfor").format(tab=t(tab_of[step.id])))

# A key keeps the chosen tab across the reruns of a save.
kommune_tab, types_tab, focus_tab, date_tab, users_tab, backup_tab = st.tabs(
    [t("Kommune"), t("Tilbudstyper"), t("Fokusområder"), t("Datadato"), t("Brugere og roller"), t("Sikkerhedskopi")],
    key="opsaetning.fane")

# --- Kommune --------------------------------------------------------------------------------------
with kommune_tab:
    st.caption(t("Kommunen, områderne hører til (kommunekoden fra områdeimporten). En database kan rumme flere "
                 "kommuner; hvert område sammenlignes med sin egen kommune."))
    kommuner = data.fetch(setup.kommuner)
    if kommuner.empty:
        st.write(t("Ingen kommune er oprettet endnu."))
    else:
        widgets.table(kommuner, {"code": "Kommunekode", "name": "Navn", "areas": "Områder", "adults": "Voksne"},
                      numbers={"areas": 0, "adults": 0}, alt=t("Kommuner"), name="kommuner")
    with st.form("opsaetning.kommune"):
        c1, c2 = st.columns([1, 3])
        code = c1.text_input(t("Kommunekode"), placeholder=t("fx 0851"), key="opsaetning.kommune.kode")
        name = c2.text_input(t("Navn"), placeholder=t("fx Aalborg Kommune"), key="opsaetning.kommune.navn")
        go = st.form_submit_button(t("Gem kommune"), type="primary")
    if go:
        clean, problems = setup.check_kommune(code, name)
        if problems:
            forms.show_problems(problems)
        else:
            old = kommuner.set_index("code").name.get(clean["code"]) if not kommuner.empty else None
            lines = ([f"{t('Navn')}: {old} → {clean['name']}"] if old else
                     [f"{t('Kommunekode')}: {clean['code']}", f"{t('Navn')}: {clean['name']}"])
            widgets.propose("kommune", t("Ny kommune") if old is None else t("Ret kommune"), lines,
                            lambda cur, c=clean: setup.save_kommune(cur, user, c["code"], c["name"]))
    widgets.confirm_box("kommune")

# --- Offer types ----------------------------------------------------------------------------------
with types_tab:
    kind = records.SETUP_KINDS["offer_types"]
    st.caption(t("Kataloget over kommunale tilbud og civilsamfundsaktiviteter, som koordinatorerne vælger imellem. "
                 "En udgået type beholder sine tilbud og sin historik, men kan ikke vælges til nye."))
    types = data.fetch(setup.offer_types)
    missing = data.fetch(catalogue.missing)
    if missing:
        st.write(t("{n} typer fra standardkataloget mangler: {names}.").format(
            n=len(missing), names=", ".join(m.name for m in missing[:8]) + (" …" if len(missing) > 8 else "")))
        if st.button(t("Tilføj standardkatalogets manglende typer"), key="opsaetning.typer.standard"):
            run_write(lambda cur: t("{n} tilbudstyper er tilføjet.").format(n=catalogue.seed(cur, user)))
    shown = types.assign(
        category=types.category.map(lambda c: t({"kommunalt": "Kommunale tilbud",
                                                  "civilsamfund": "Civilsamfundsaktiviteter"}[c])),
        kramm=types.apply(lambda r: ", ".join(t(k) for k, col in (
            ("Kost", "kramm_kost"), ("Rygning", "kramm_rygning"), ("Alkohol", "kramm_alkohol"),
            ("Motion", "kramm_motion"), ("Mental sundhed", "kramm_mental")) if r[col]), axis=1),
        status=types.retired.map(lambda r: t("udgået") if r else t("i brug")),
        outcome_label=types.outcome_label.fillna(""))
    widgets.table(shown, {"name": "Navn", "category": "Kategori", "kramm": "KRAMM", "outcome_label": "Effektmål",
                          "status": "Status", "offers": "Antal tilbud"}, numbers={"offers": 0},
                  alt=t("Tilbudstyper"), name="tilbudstyper", height=min(420, 38 + 35 * max(len(types), 1)))
    by_id = {int(r["id"]): r for r in types.to_dict("records")}
    choice = st.selectbox(t("Ret en tilbudstype, eller opret en ny"), [None, *by_id], key="opsaetning.typer.valg",
                          format_func=lambda i: t("Ny tilbudstype") if i is None else by_id[i]["name"])
    before = by_id.get(choice)
    with st.form(f"opsaetning.typer.{choice}"):
        raw = forms.record_form(kind, {}, key=f"opsaetning.typer.{choice}", values=before)
        go = st.form_submit_button(t("Vis ændringen"), type="primary")
    if go:
        cur = data.connection().cursor()
        try:
            result = validate.check(cur, "offer_types", [raw], first_row=None)
        finally:
            cur.close()
        forms.show_problems(result.problems)
        if result.ok:
            clean = result.rows[0]
            lines = changes.describe("offer_types", before, clean, lg)
            if before is not None and not lines:
                st.info(t("Intet er ændret."))
            elif before is None:
                change = writes.Change("offer_types", "insert", clean)
            else:
                change = writes.Change("offer_types", "update", clean, choice, int(before["version"]))
            if before is None or lines:
                widgets.propose("typer", t("Ny tilbudstype") if before is None else before["name"], lines,
                                lambda cur, c=change: (writes.apply(cur, [c], user), t("Tilbudstypen er gemt."))[1])
    widgets.confirm_box("typer")
    with st.expander(t("Importér tilbudstyper fra CSV eller Excel")):
        importer.panel({"offer_types": kind}, "opsaetning.typer.import", user)

# --- Focus areas and periods ----------------------------------------------------------------------
with focus_tab:
    kind = records.SETUP_KINDS["focus_periods"]
    st.caption(t("De områder, indsatsen flyttes ud i, og hvornår. Et område kan være fokusområde flere gange; "
                 "hver periode gemmes for sig."))
    if info["is_empty"]:
        st.write(t("Importér områderne først (siden Områder)."))
    else:
        area_ids = data.fetch(setup.area_names)
        periods = data.fetch(setup.focus_periods)
        if periods.empty:
            st.write(t("Ingen fokusperioder endnu."))
        else:
            widgets.table(periods.assign(start=periods.start_date.map(lambda d: i18n.fmt_date(d, lg)),
                                         end=periods.end_date.map(lambda d: i18n.fmt_date(d, lg) if pd.notna(d)
                                                                  else t("ingen slutdato"))),
                          {"name": "Område", "code": "Kode", "start": "Fokus fra", "end": "Fokus til"},
                          alt=t("Fokusperioder"), name="fokusperioder")
        by_id = {int(r["id"]): r for r in periods.to_dict("records")}
        choice = st.selectbox(t("Ret en fokusperiode, eller tilføj en ny"), [None, *by_id],
                              key="opsaetning.fokus.valg",
                              format_func=lambda i: t("Ny fokusperiode") if i is None else
                              f"{by_id[i]['name']} · {i18n.fmt_date(by_id[i]['start_date'], lg)}")
        before = by_id.get(choice)
        values = None
        if before is not None:
            values = {**before, "area_id": int(before["area_id"])}
        with st.form(f"opsaetning.fokus.{choice}"):
            raw = forms.record_form(kind, {"area": area_ids}, key=f"opsaetning.fokus.{choice}", values=values)
            b1, b2 = st.columns(2)
            go = b1.form_submit_button(t("Vis ændringen"), type="primary")
            remove = b2.form_submit_button(t("Slet perioden"), disabled=before is None)
        if go:
            cur = data.connection().cursor()
            try:
                look = validate.Lookups(cur)
                look.focus_periods = [p for p in look.focus_periods if p[0] != choice]  # not itself
                result = validate.check(cur, "focus_periods", [raw], first_row=None, lookups=look)
            finally:
                cur.close()
            forms.show_problems(result.problems)
            if result.ok:
                clean = result.rows[0]
                lines = changes.describe("focus_periods", values, clean, lg, names={"area_id": area_ids})
                change = (writes.Change("focus_periods", "insert", clean) if before is None else
                          writes.Change("focus_periods", "update", clean, choice, int(before["version"])))
                if before is not None and not lines:
                    st.info(t("Intet er ændret."))
                else:
                    widgets.propose("fokus", t("Ny fokusperiode") if before is None else t("Ret fokusperiode"), lines,
                                    lambda cur, c=change: (writes.apply(cur, [c], user),
                                                           t("Fokusperioden er gemt."))[1])
        if remove and before is not None:
            lines = [f"{before['name']}: {i18n.fmt_date(before['start_date'], lg)} – "
                     f"{i18n.fmt_date(before['end_date'], lg) if pd.notna(before['end_date']) else t('ingen slutdato')}"]
            widgets.propose("fokus", t("Slet fokusperiode"), lines,
                            lambda cur, i=choice, v=int(before["version"]): (
                                writes.delete(cur, "focus_periods", i, v, user), t("Fokusperioden er slettet."))[1])
        widgets.confirm_box("fokus")
        with st.expander(t("Importér fokusperioder fra CSV eller Excel")):
            importer.panel({"focus_periods": kind}, "opsaetning.fokus.import", user)

# --- Data date --------------------------------------------------------------------------------------
with date_tab:
    st.caption(t("»Data til og med« er den seneste dato, data er registreret for. Den følger af sig selv den "
                 "seneste registrering (afholdt gang, tilmelding, vidensaktivitet, samarbejde, logbog), men kan "
                 "sættes fast, fx til den dag, et kvartal er tastet færdigt. Perioder efter datoen vises som "
                 "foreløbige."))
    current = info["data_date"]
    how = t("sat af en administrator") if info["data_date_set"] else t("seneste registrering")
    st.markdown(f"**{t('Data til og med')}:** {i18n.fmt_date(current, lg) if current else '–'} ({how})")
    with st.form("opsaetning.datadato"):
        chosen = st.date_input(t("Ny datadato"), value=current or date.today(), format="DD-MM-YYYY",
                               key="opsaetning.datadato.dato")
        b1, b2 = st.columns(2)
        fix = b1.form_submit_button(t("Sæt datadatoen"), type="primary")
        follow = b2.form_submit_button(t("Følg seneste registrering"), disabled=not info["data_date_set"])
    if fix or follow:
        new = chosen if fix else None
        old = i18n.fmt_date(current, lg) if info["data_date_set"] else t("seneste registrering")
        widgets.propose("datadato", t("Datadato"),
                        [f"{t('Data til og med')}: {old} → {i18n.fmt_date(new, lg) if new else t('seneste registrering')}"],
                        lambda cur, d=new: (setup.set_data_date(cur, user, d), t("Datadatoen er gemt."))[1])
    widgets.confirm_box("datadato")

# --- Users and roles --------------------------------------------------------------------------------
with users_tab:
    st.caption(t("Hvem har hvilken rolle. En person findes på e-mailen, de logger ind med; en gruppe på gruppens id "
                 "fra login (i Entra ID gruppens objekt-id). Det, der står her, gælder; en rollefil læses kun ind "
                 "som udgangspunkt."))
    if not auth.login_configured():
        st.warning(t("Login er ikke sat op, så alle er stadig administratorer. Rollerne gælder, når login er sat op "
                     "(se README, »Login og roller«)."))
    people = data.fetch(roles.listing, viewer=user)
    if people.empty:
        st.write(t("Ingen har en rolle endnu."))
    else:
        widgets.table(people.assign(role_text=people.role.map(lambda r: t(access.ROLE_NAMES[r]))),
                      {"who": "E-mail eller gruppe", "kind": "Type", "role_text": "Rolle", "areas": "Områder",
                       "note": "Note"}, translate=("kind",), alt=t("Brugere og roller"), name="roller")
    rolefile = auth.role_file() if access.roles_path().exists() else None
    cur = data.connection().cursor()
    try:
        unknown = access.unknown_areas(cur, roles.book(cur))
        for line in roles.differences(cur, rolefile) if rolefile is not None else []:
            st.info(line)
    finally:
        cur.close()
    if unknown:
        st.warning(t("Rollerne nævner områdekoder, som databasen ikke har: {codes}. De koordinatorer kan ikke "
                     "registrere noget dér.").format(codes=", ".join(unknown)))
    by_id = {int(r["id"]): r for r in people.to_dict("records")}
    choice = st.selectbox(t("Ret en person eller gruppe, eller tilføj en ny"), [None, *by_id],
                          key="opsaetning.roller.valg",
                          format_func=lambda i: t("Ny person eller gruppe") if i is None else by_id[i]["who"])
    before = by_id.get(choice)
    codes = list(data.fetch(queries.areas).code)
    with st.form(f"opsaetning.roller.{choice}"):
        c1, c2 = st.columns(2)
        kind_v = c1.selectbox(t("Type"), list(roles.KINDS), index=roles.KINDS.index(before["kind"]) if before else 0,
                              format_func=lambda k: t({"bruger": "Person (e-mail)", "gruppe": "Gruppe"}[k]),
                              key=f"opsaetning.roller.{choice}.type")
        who = c2.text_input(t("E-mail eller gruppe-id"), value=before["who"] if before else "",
                            key=f"opsaetning.roller.{choice}.hvem")
        role = c1.selectbox(t("Rolle"), list(access.ROLES), index=access.ROLES.index(before["role"]) if before else 1,
                            format_func=lambda r: t(access.ROLE_NAMES[r]), key=f"opsaetning.roller.{choice}.rolle")
        mine = [c.strip() for c in (before["areas"] if before else "").split(",") if c.strip()]
        chosen_areas = c2.multiselect(t("Områder (kun koordinatorer)"), codes, default=[c for c in mine if c in codes],
                                      key=f"opsaetning.roller.{choice}.omraader", placeholder=t("Vælg områder"))
        note = st.text_input(t("Note"), value=before["note"] if before else "", key=f"opsaetning.roller.{choice}.note")
        b1, b2 = st.columns(2)
        go = b1.form_submit_button(t("Vis ændringen"), type="primary")
        remove = b2.form_submit_button(t("Fjern rollen"), disabled=before is None)
    if go:
        cur = data.connection().cursor()
        try:
            clean, problems = roles.check(cur, roles.Entry(kind_v, who, role, ", ".join(chosen_areas), note), choice)
        finally:
            cur.close()
        if problems:
            forms.show_problems(problems)
        else:
            old = None if before is None else {k: (before[k] or None) for k in ("kind", "who", "role", "areas", "note")}
            labels = {"kind": t("Type"), "who": t("E-mail eller gruppe-id"), "role": t("Rolle"), "areas": t("Områder"),
                      "note": t("Note")}
            if old is None:
                lines = [f"{labels[k]}: {t(clean[k]) if k == 'kind' else clean[k]}" for k in labels if clean[k]]
            else:
                lines = [f"{labels[k]}: {old[k] or '–'} → {clean[k] or '–'}" for k in labels if old[k] != clean[k]]
            widgets.propose("roller", clean["who"], lines,
                            lambda cur, c=clean, i=choice, v=(int(before["version"]) if before else None): (
                                roles.save(cur, user, c, i, v), t("Rollen er gemt."))[1])
    if remove and before is not None:
        widgets.propose("roller", before["who"], [f"{t('Rolle')}: {t(access.ROLE_NAMES[before['role']])} → –"],
                        lambda cur, i=choice, v=int(before["version"]): (
                            roles.remove(cur, user, i, v), t("Rollen er fjernet."))[1])
    widgets.confirm_box("roller")

# --- Backups ------------------------------------------------------------------------------------------
with backup_tab:
    st.caption(t("En sikkerhedskopi er en kopi af databasefilen, taget mens appen kører: lige før kopien skrives "
                 "alt gemt ned i filen, og ingen kan gemme, før kopien er færdig (det tager sekunder). Kopien "
                 "kontrolleres, før den tæller. Gendan en kopi med `python -m lokal restore FIL`, mens appen er "
                 "stoppet (README, »Sikkerhedskopi«)."))
    path = db.db_path().resolve()
    here = backup.folder(path)
    last = data.fetch(backup.last)
    if last is None:
        st.write(t("Der er ikke taget nogen sikkerhedskopi endnu."))
    else:
        st.markdown(f"**{t('Seneste sikkerhedskopi')}:** {last['at']:%d-%m-%Y %H:%M} · `{last['file']}`"
                    + ("" if last["exists"] else f" · {t('filen findes ikke længere')}"))
    hours = backup.auto_hours()
    st.caption(t("Automatisk sikkerhedskopi hver {hours} timer.").format(hours=f"{hours:g}") if hours else
               t("Automatisk sikkerhedskopi er slået fra (sæt LOKAL_BACKUP_HOURS, fx 24)."))
    if backup.AUTO_FAILURE.get("message"):
        st.error(t("Den seneste automatiske sikkerhedskopi mislykkedes") + ": " + backup.AUTO_FAILURE["message"])
    if st.button(t("Tag sikkerhedskopi nu"), type="primary", icon=":material/backup:", key="opsaetning.backup"):
        cur = data.connection().cursor()
        try:
            with st.spinner(t("Tager sikkerhedskopi …")):
                done = backup.take(cur, path)
            st.session_state["opsaetning.besked"] = t("Sikkerhedskopien er gemt: {file} ({size}, {seconds} s).").format(
                file=done.path, size=f"{i18n.fmt_num(done.size / 1024 / 1024, 1, lg)} MB",
                seconds=i18n.fmt_num(done.seconds, 1, lg))
            st.rerun()
        except db.LokalDbError as exc:
            st.error(exc.text(lg))
        finally:
            cur.close()
    found = backup.listing(here, path.stem)
    st.markdown(f"**{t('Sikkerhedskopier i')}** `{here}`")
    if found:
        widgets.table(pd.DataFrame([{"file": p.name, "size": p.stat().st_size / 1024 / 1024} for p in found]),
                      {"file": "Fil", "size": "Størrelse (MB)"}, numbers={"size": 1}, alt=t("Sikkerhedskopier"),
                      name="sikkerhedskopier")
    else:
        st.write(t("Ingen endnu."))
