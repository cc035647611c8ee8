"""Aktivitetslog: coordinators record their week — quick attendance, new records, corrections, import, history."""

import dataclasses
from datetime import date

import pandas as pd
import streamlit as st

from lokal import access, directory, i18n, pseudonyms, queries, records, validate, views, writes
from lokal import changes as changes_text
from lokal.changes import names as reference_names
from lokal.ui import data, forms, importer, state, widgets
from lokal.ui.state import lang, t

filters, info = state.current()
state.keep_only_params(["omraade"])
lg = lang()
st.title(t("Aktivitetslog"))
if info["is_empty"]:
    widgets.empty_state()
    st.stop()

user = state.user()
areas = data.fetch(queries.areas)
# Coordinators record activity in their own areas only (the write path checks it again).
areas = areas[areas.code.isin(access.writable_areas(user, areas.code))]
if areas.empty:
    st.warning(t("Du har ingen områder at registrere i. Kontakt administratoren."))
    st.stop()
code = state.area_choice(areas, t("Område"))
st.caption(t("Dine ændringer står i historikken som {who}.").format(who=t(user.name)))
today = date.today()
options = data.fetch(queries.form_options, code, viewer=user)


def save(changes: list[writes.Change], started: dict | None = None) -> list[int] | None:
    """Write through the audited path; show a refusal politely instead of failing."""
    cur = data.connection().cursor()
    try:
        return writes.apply(cur, changes, user, started)
    except access.PermissionDenied as exc:
        st.error(validate.say(str(exc), lg))
    except writes.StaleRecord as exc:
        st.error(validate.say(str(exc), lg))
        if exc.changes:
            st.table(pd.DataFrame([{t("Felt"): changes_text.label_of(changes[0].table, k, lg) if changes else k,
                                    t("Din udgave"): changes_text.value_text(a, lg),
                                    t("Nu i databasen"): changes_text.value_text(b, lg)}
                                   for k, (a, b) in exc.changes.items()]))
    except writes.WriteError as exc:
        st.error(validate.say(str(exc), lg))
    finally:
        cur.close()
    return None


def audit_ids(history: pd.DataFrame) -> tuple[int, ...]:
    """The ids that audit rows name, so only those records are looked up for their names."""
    return changes_text.ids_of(*history.before_json, *history.after_json)


def checked(kind_id: str, items: list[dict], first_row: int | None = None) -> validate.Checked:
    cur = data.connection().cursor()
    try:
        return validate.check(cur, kind_id, items, first_row=first_row)
    finally:
        cur.close()


def confirm_and_save(result: validate.Checked, accept_warnings: bool, changes_for) -> list[int] | None:
    forms.show_problems(result.problems)
    if not result.ok:
        return None
    if result.warnings and not accept_warnings:
        st.info(t("Sæt flueben i »Gem trods advarsler« for at gemme alligevel."))
        return None
    return save(changes_for(result))


message = st.session_state.pop("log.besked", None)
if message:
    st.success(message)
# A key keeps the chosen tab across the reruns of a confirmed save.
quick, new, edit, batch, upload, history, contacts = st.tabs([
    t("Hurtig registrering"), t("Ny post"), t("Ret eller slet"), t("Fremmøde for flere gange"), t("Import"),
    t("Historik"), t("Kontakter"),
], key="log.fane")

# --- Quick: "held the smoking course tonight in Vadum, 11 came" -----------------------------
with quick:
    offers = data.fetch(queries.offers_in_area, code, today, viewer=user)
    if offers.empty:
        st.write(t("Der er ingen tilbud i området endnu. Opret et under »Ny post«."))
    else:
        labels = {r.id: f"{r.title} ({i18n.fmt_date(r.start_date, lg)})" for r in offers.itertuples()}
        with st.form("log.hurtig", clear_on_submit=False):
            offer_id = st.selectbox(t("Tilbud"), list(labels), format_func=labels.get)
            c1, c2 = st.columns(2)
            day = c1.date_input(t("Dato"), value=today, format="DD-MM-YYYY")
            attendance = c2.number_input(t("Fremmøde"), min_value=0, step=1, value=None, placeholder="0")
            c3, c4 = st.columns([1, 3])
            at_time = c3.text_input(t("Tidspunkt (valgfrit)"), placeholder=t("fx 17:00"),
                                    help=t("Kun når tilbuddet har flere gange samme dag"))
            note = c4.text_input(t("Note (valgfri)"))
            accept = st.checkbox(t("Gem trods advarsler"))
            go = st.form_submit_button(t("Gem fremmøde"), type="primary")
        if go:
            item = {"Område": code, "Tilbud": offer_id, "Dato": day, "Fremmøde": attendance, "Note": note,
                    "Tidspunkt": at_time}
            result = checked("sessions", [item])
            cur = data.connection().cursor()
            try:
                # A session already logged for that day is corrected rather than duplicated.
                changes = writes.upsert_changes(cur, "sessions", result.rows[0], records.get("sessions").natural_key) \
                    if result.ok else []
            finally:
                cur.close()
            if changes and changes[0].op == "update":
                # A session already logged for that day: show what is there and ask before correcting it.
                cur = data.connection().cursor()
                try:
                    logged = writes.fetch_row(cur, "sessions", changes[0].id)
                finally:
                    cur.close()
                forms.show_problems(result.problems)
                if result.ok and (accept or not result.warnings):
                    when = f"{labels[offer_id]} · {i18n.fmt_date(day, lg)}"
                    lines = [f"{t('Fremmøde')}: {logged['attendance']} → {attendance}"]
                    if (logged.get("note") or "") != (result.rows[0].get("note") or ""):
                        lines.append(f"{t('Note')}: {logged.get('note') or '–'} → {result.rows[0].get('note') or '–'}")
                    st.warning(t("Der er allerede registreret {n} fremmødte den dag. Vil du rette det?").format(
                        n=logged["attendance"]) + " " + t("Var det en gang mere samme dag, så skriv et tidspunkt for "
                                                          "den nye gang og gem igen."))
                    done_text = (t("Rettet") + f": {logged['attendance']} → {attendance} {t('fremmødte')} · {when}")
                    widgets.propose("log.hurtig", when, lines, lambda c, ch=changes, d=done_text: (
                        writes.apply(c, ch, user), d)[1], done_key="log.besked")
                elif result.ok:
                    st.info(t("Sæt flueben i »Gem trods advarsler« for at gemme alligevel."))
            else:
                done = confirm_and_save(result, accept, lambda r: changes) if changes or not result.ok else None
                if done:
                    st.success(f"{t('Gemt')}: {attendance} {t('fremmødte')} · {labels[offer_id]} · "
                               f"{i18n.fmt_date(day, lg)}")
                elif result.ok and not changes:
                    st.info(t("Fremmødet var allerede registreret sådan; intet er ændret."))
        widgets.confirm_box("log.hurtig")

# --- New record of any kind -----------------------------------------------------------------
with new:
    kind_id = st.selectbox(t("Posttype"), list(records.KINDS), key="log.ny.type",
                           format_func=lambda k: records.KINDS[k].name_da if lg == "da" else records.KINDS[k].name_en)
    kind = records.get(kind_id)
    area_id = options["area_ids"][code]
    defaults = {"Område": area_id, "Dato": today, "Startdato": today, "Forfatter": user.name, "Start": today}
    if kind_id == "enrolments":
        # A new person gets the next free pseudonym; an existing one is found by searching first.
        running = data.fetch(queries.offers_in_area, code, today, viewer=user)
        defaults.update({"Deltager": data.fetch(pseudonyms.next_free), "Bopælsområde": area_id,
                         "Tilbud": int(running.id.iloc[0]) if not running.empty else None})
        with st.expander(t("Find en deltager (pseudonym)"), expanded=False):
            text = st.text_input(t("Søg efter pseudonym"), key="log.ny.soeg",
                                 help=t("Skriv en del af pseudonymet. Skriv det fundne pseudonym i feltet Deltager."))
            if text.strip():
                found = data.fetch(pseudonyms.search, text, viewer=user)
                if found.empty:
                    st.write(t("Ingen deltager har et pseudonym, der passer. Brug det nye pseudonym i formularen."))
                else:
                    widgets.table(found, {"pseudonym": "Pseudonym", "age_band": "Aldersgruppe", "sex": "Køn",
                                          "home_area": "Bopælsområde", "enrolments": "Tilmeldinger"},
                                  numbers={"enrolments": 0}, translate=("sex",), name="deltagere")
    with st.form(f"log.ny.{kind_id}"):
        raw = forms.record_form(kind, options, key=f"log.ny.{kind_id}", defaults=defaults)
        accept = st.checkbox(t("Gem trods advarsler"), key=f"log.ny.{kind_id}.ok")
        go = st.form_submit_button(t("Gem"), type="primary")
    if go:
        result = checked(kind_id, [raw])
        forms.show_problems(result.problems)
        existing = None
        if result.ok and not result.participants:  # the same record (natural key) may be there already
            cur = data.connection().cursor()
            try:
                plan = writes.plan_upsert(cur, kind.table, result.rows, kind.natural_key)
            finally:
                cur.close()
            existing = plan.updates or plan.unchanged
        if existing:
            st.error(t("Posten findes allerede (samme {key}). Ret den under »Ret eller slet« i stedet.").format(
                key=", ".join(f.name if lg == "da" else f.label_en for f in kind.fields
                              if f.column in kind.natural_key)))
        elif result.ok and (accept or not result.warnings):
            # What will be saved, and a new participant with it, before it is saved.
            names = data.fetch(reference_names, changes_text.ids_of(result.rows[0], *result.participants.values()))
            lines = changes_text.describe(kind_id, None, result.rows[0], lg, names)
            for pseudonym, attrs in result.participants.items():
                lines.insert(0, f"{t('Ny deltager')}: {pseudonym} ("
                                + "; ".join(changes_text.lines("participants", None, attrs, lg, names)) + ")")
            kind_name = kind.name_da if lg == "da" else kind.name_en
            widgets.propose("log.ny", t("Ny post") + f": {kind_name}", lines,
                            lambda c, r=result, k=kind_name, tb=kind.table: t("Gemt") + f" ({k} nr. " + str(
                                writes.apply(c, writes.new_record(tb, r.rows[0], r.participants), user)[-1]) + ").",
                            done_key="log.besked")
        elif result.ok:
            st.info(t("Sæt flueben i »Gem trods advarsler« for at gemme alligevel."))
    widgets.confirm_box("log.ny")

# --- Edit, delete, restore ------------------------------------------------------------------
with edit:
    c1, c2 = st.columns([2, 1])
    kind_id = c1.selectbox(t("Posttype"), list(records.KINDS), key="log.ret.type",
                           format_func=lambda k: records.KINDS[k].name_da if lg == "da" else records.KINDS[k].name_en)
    show_deleted = c2.toggle(t("Vis slettede"), key="log.ret.slettede")
    kind = records.get(kind_id)
    rows = data.fetch(queries.records_for_area, kind_id, code, show_deleted, viewer=user)
    if rows.empty:
        st.write(t("Ingen poster i perioden."))
    else:
        by_id = {int(r["id"]): r for r in rows.to_dict("records")}
        record_id = st.selectbox(t("Post"), list(by_id), key=f"log.ret.post.{kind_id}",
                                 format_func=lambda i: ("🗑 " if by_id[i]["deleted_at"] is not None
                                                        and not pd.isna(by_id[i]["deleted_at"]) else "")
                                 + views.record_label(kind_id, by_id[i], lg))
        row = by_id[record_id]
        # The version the user started from is kept until they save or pick another record.
        started_key = f"log.ret.start.{kind.table}.{record_id}"
        started = st.session_state.setdefault(started_key, row)
        deleted = row["deleted_at"] is not None and not pd.isna(row["deleted_at"])
        if deleted:
            st.warning(t("Posten er slettet. Du kan gendanne den."))
            restore = st.button(t("Gendan"), key="log.ret.gendan")
            if restore and save([writes.Change(kind.table, "restore", {}, record_id, int(row["version"]))]):
                st.session_state.pop(started_key, None)
                st.rerun()
        else:
            values = dict(started)
            if kind_id == "enrolments":
                values["participant_id"] = started["pseudonym"]
            with st.form(f"log.ret.{kind_id}.{record_id}"):
                raw = forms.record_form(kind, options, key=f"log.ret.{kind_id}.{record_id}", values=values,
                                        defaults={"Område": options["area_ids"][code]})
                accept = st.checkbox(t("Gem trods advarsler"), key=f"log.ret.{kind_id}.{record_id}.ok")
                go = st.form_submit_button(t("Gem ændringer"), type="primary")
            if go:
                result = checked(kind_id, [raw])
                forms.show_problems(result.problems)
                if result.ok and (accept or not result.warnings):
                    clean = result.rows[0]
                    change = writes.Change(kind.table, "update", clean, record_id, int(started["version"]))
                    lines = changes_text.describe(kind_id, dict(started), clean, lg,
                                                  data.fetch(reference_names, changes_text.ids_of(dict(started), clean)))
                    if not lines:
                        st.info(t("Intet er ændret."))
                    else:  # old → new, saved on confirmation; the page then runs again with the new values
                        widgets.propose("log.ret", views.record_label(kind_id, row, lg), lines,
                                        lambda c, ch=change, k=started_key, s0=started: (
                                            writes.apply(c, [ch], user, {ch.id: s0}), st.session_state.pop(k, None),
                                            t("Ændringerne er gemt."))[2], done_key="log.besked")
                elif result.ok:
                    st.info(t("Sæt flueben i »Gem trods advarsler« for at gemme alligevel."))
            widgets.confirm_box("log.ret")
            # Deleting is kept apart from saving, and asks first.
            with st.expander(t("Slet posten")):
                st.caption(t("Posten forsvinder fra alle tal og kan gendannes under »Vis slettede«."))
                if st.button(t("Slet"), key=f"log.ret.slet.{kind_id}.{record_id}"):
                    widgets.propose("log.slet", views.record_label(kind_id, row, lg), [t("Posten slettes (kan gendannes).")],
                                    lambda c, i=record_id, v=int(started["version"]), k=started_key, tb=kind.table: (
                                        writes.apply(c, [writes.Change(tb, "delete", {}, i, v)], user),
                                        st.session_state.pop(k, None),
                                        t("Posten er slettet. Du kan gendanne den under »Vis slettede«."))[2],
                                    done_key="log.besked")
                widgets.confirm_box("log.slet", confirm="Slet")
        with st.expander(t("Postens historik")):
            raw = data.fetch(queries.record_history, kind.table, record_id, viewer=user).assign(table_name=kind.table)
            hist = views.describe_history(raw, lg, data.fetch(reference_names, audit_ids(raw)))
            widgets.table(hist, {"changed_text": "Tidspunkt", "user_name": "Bruger", "action_text": "Handling",
                                 "summary": "Ændring"}, name="historik")

# --- Several sessions at once ---------------------------------------------------------------
with batch:
    offers = data.fetch(queries.offers_in_area, code, today, viewer=user)
    if offers.empty:
        st.write(t("Der er ingen tilbud i området endnu. Opret et under »Ny post«."))
    else:
        labels = {r.id: f"{r.title} ({i18n.fmt_date(r.start_date, lg)})" for r in offers.itertuples()}
        offer_id = st.selectbox(t("Tilbud"), list(labels), format_func=labels.get, key="log.flere.tilbud")
        existing = data.fetch(queries.sessions_of_offer, offer_id, viewer=user)
        base_key = f"log.flere.start.{offer_id}"
        base = st.session_state.setdefault(base_key, existing)
        st.caption(t("Ret tallene, tilføj rækker for nye gange, eller slet rækker. Alt gemmes samlet."))
        edited = st.data_editor(
            base[["id", "session_date", "session_time", "attendance", "note"]], num_rows="dynamic", hide_index=True,
            key=f"log.flere.editor.{offer_id}",
            column_config={
                "id": None,
                "session_date": st.column_config.DateColumn(t("Dato"), format="DD-MM-YYYY", required=True),
                "session_time": st.column_config.TextColumn(t("Tidspunkt"), max_chars=5),
                "attendance": st.column_config.NumberColumn(t("Fremmøde"), min_value=0, step=1, required=True),
                "note": st.column_config.TextColumn(t("Note"), max_chars=2000),
            },
        )
        accept = st.checkbox(t("Gem trods advarsler"), key="log.flere.ok")
        if st.button(t("Gem alle"), type="primary", key="log.flere.gem"):
            items = [{"Område": code, "Tilbud": offer_id, "Dato": r.session_date, "Fremmøde": r.attendance,
                      "Note": r.note, "Tidspunkt": r.session_time} for r in edited.itertuples()]
            result = checked("sessions", items, first_row=1)
            versions = dict(zip(base.id, base.version))
            old_rows = {int(r.id): r._asdict() for r in base.itertuples()}

            def batch_changes(r: validate.Checked) -> list[writes.Change]:
                out = []
                kept = set()
                for clean, row_id in zip(r.rows, edited.id):
                    if pd.isna(row_id):
                        out.append(writes.Change("sessions", "insert", clean))
                    else:
                        kept.add(int(row_id))
                        # Only the fields that changed, and only rows that changed (no empty history rows).
                        old = old_rows[int(row_id)]
                        diff = {c: v for c, v in clean.items() if c != "offer_id"
                                and changes_text.value_text(v) != changes_text.value_text(old.get(c))
                                and not (c in ("note", "session_time") and not v and not old.get(c))}
                        if diff:
                            out.append(writes.Change("sessions", "update", diff, int(row_id), int(versions[row_id])))
                out += [writes.Change("sessions", "delete", {}, int(i), int(versions[i]))
                        for i in base.id if int(i) not in kept]
                return out

            forms.show_problems(result.problems)
            if result.ok and (accept or not result.warnings):
                # Every session added, changed (old → new) or removed, shown before anything is saved.
                planned = batch_changes(result)
                lines = []
                for ch in planned:
                    if ch.op == "insert":
                        lines.append(f"{t('Ny')}: " + "; ".join(changes_text.lines("sessions", None, {
                            k: v for k, v in ch.values.items() if k != "offer_id"}, lg)))
                    elif ch.op == "update":
                        diff = changes_text.lines("sessions", old_rows[ch.id], ch.values, lg)
                        if diff:
                            lines.append(f"{i18n.fmt_date(old_rows[ch.id]['session_date'], lg)}: " + "; ".join(diff))
                    else:
                        lines.append(f"{t('Slettes')}: {i18n.fmt_date(old_rows[ch.id]['session_date'], lg)} "
                                     f"({old_rows[ch.id]['attendance']} {t('fremmødte')})")
                if not lines:
                    st.info(t("Intet er ændret."))
                else:
                    widgets.propose("log.flere", labels[offer_id], lines,
                                    lambda c, ch=planned, k=base_key: (writes.apply(c, ch, user), st.session_state.pop(
                                        k, None), t("Alle ændringer er gemt."))[2], done_key="log.besked")
            elif result.ok:
                st.info(t("Sæt flueben i »Gem trods advarsler« for at gemme alligevel."))
        widgets.confirm_box("log.flere")

# --- Import ---------------------------------------------------------------------------------
with upload:
    importer.panel(records.KINDS, "log.import", user)

# --- History and undo -----------------------------------------------------------------------
with history:
    if st.button(t("Fortryd min seneste ændring"), key="log.fortryd"):
        # Show exactly what the undo will take back, and undo only on confirmation.
        cur = data.connection().cursor()
        try:
            last = writes.last_change(cur, user)
        finally:
            cur.close()
        if last is None:
            st.info(t("Du har ingen ændringer at fortryde."))
        else:
            # What the undo does: the change run backwards (after → before).
            undo = {**last, "before_json": last["after_json"], "after_json": last["before_json"]} \
                if last["action"] == "update" else last
            raw = pd.DataFrame([{**undo, "changed_at": pd.Timestamp.now()}])
            what = views.describe_history(raw, lg, data.fetch(reference_names, audit_ids(raw))).iloc[0]
            subject = f"{what.action_text} · {what.table_text} {t('nr.')} {last['record_key']}"
            widgets.propose("log.fortryd", f"{t('Fortryd ændring')}: {subject}",
                            what.summary.split("; ") if what.summary else [],
                            lambda c, tt=subject: (writes.undo_last(c, user), t("Fortrudt") + ": " + tt)[1],
                            done_key="log.besked")
    widgets.confirm_box("log.fortryd", confirm="Fortryd ændringen")
    raw = data.fetch(queries.area_history, code, 200, viewer=user)
    hist = views.describe_history(raw, lg, data.fetch(reference_names, audit_ids(raw)))
    if hist.empty:
        st.write(t("Ingen ændringer registreret endnu."))
    else:
        widgets.table(hist, {"changed_text": "Tidspunkt", "user_name": "Bruger", "action_text": "Handling",
                             "table_text": "Posttype", "record_key": "Nr.", "summary": "Ændring"}, name="historik")

# --- The area's contact person, shown in Tilbudsoversigt --------------------------------------
with contacts:
    st.caption(t("Områdets koordinator står i Tilbudsoversigt, som læger og frontpersonale bruger til at henvise. "
                 "Skriv en medarbejders kontaktoplysninger — aldrig en deltagers. Lokale aktørers kontaktperson rettes "
                 "under »Ret eller slet« (Lokale aktører)."))
    contact_kind = records.get("area_contacts")
    current = data.fetch(directory.area_contact, code)
    form_kind = dataclasses.replace(contact_kind, fields=contact_kind.fields[1:])  # the area is the one chosen
    with st.form(f"log.kontakt.{code}"):
        raw = forms.record_form(form_kind, options, key=f"log.kontakt.{code}", values=current)
        go = st.form_submit_button(t("Gem kontaktoplysninger"), type="primary")
    if go:
        result = checked("area_contacts", [{**raw, "Område": code}])
        forms.show_problems(result.problems)
        if result.ok:
            clean = {k: v or None for k, v in result.rows[0].items() if k != "id"}
            change = writes.Change("areas", "update", clean, int(current["id"]), int(current["version"]))
            lines = changes_text.describe("area_contacts", current, clean, lg)
            if not lines:
                st.info(t("Intet er ændret."))
            else:
                widgets.propose("log.kontakt", f"{t('Kontaktperson')} · {current['name']}", lines,
                                lambda c, ch=change, s0=current: (writes.apply(c, [ch], user, {ch.id: s0}),
                                                                  t("Kontaktoplysningerne er gemt."))[1],
                                done_key="log.besked")
    widgets.confirm_box("log.kontakt")
