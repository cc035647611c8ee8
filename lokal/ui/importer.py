"""The import panel: template, upload, column mapping, validation report, then import all or nothing.

Used by Aktivitetslog (the coordinators' records) and Opsætning (offer types, focus periods);
the work is done by :mod:`lokal.importing`, which writes through :mod:`lokal.writes`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lokal import access, db, importing
from lokal.records import Kind
from lokal.ui import data, forms, widgets
from lokal.ui.state import lang, t


def panel(kinds: dict[str, Kind], key: str, user) -> None:
    """Draw the panel for a choice of record kinds; ``key`` prefixes every widget key."""
    lg = lang()
    ids = list(kinds)
    kind_id = st.selectbox(t("Posttype"), ids, key=f"{key}.type",
                           format_func=lambda k: kinds[k].name_da if lg == "da" else kinds[k].name_en) \
        if len(ids) > 1 else ids[0]
    kind = kinds[kind_id]
    c1, c2, _ = st.columns([1, 1, 3])
    c1.download_button(t("Skabelon (Excel)"), lambda: importing.template(kind_id, "xlsx"),
                       file_name=f"skabelon_{kind_id}.xlsx", on_click="ignore", icon=":material/download:",
                       key=f"{key}.skabelon.xlsx.{kind_id}")
    c2.download_button(t("Skabelon (CSV)"), lambda: importing.template(kind_id, "csv"),
                       file_name=f"skabelon_{kind_id}.csv", on_click="ignore", icon=":material/download:",
                       key=f"{key}.skabelon.csv.{kind_id}")
    file = st.file_uploader(t("Vælg en CSV- eller Excel-fil"), type=["csv", "txt", "xlsx"], key=f"{key}.fil")
    if file is None:
        return
    try:
        table = importing.read_table(file.getvalue(), file.name)
    except importing.ImportError_ as exc:
        st.error(exc.text(lang()))
        return
    mapping, map_problems = importing.map_columns(table, kind_id)
    with st.expander(t("Kolonner"), expanded=any(p.level == "fejl" for p in map_problems)):
        chosen = {}
        for f in kind.fields:
            cols = ["", *table.columns]
            current = mapping.get(f.name, "")
            chosen[f.name] = st.selectbox(forms.field_label(f), cols, index=cols.index(current),
                                          key=f"{key}.map.{kind_id}.{f.name}")
    mapping, map_problems = importing.map_columns(table, kind_id, chosen)
    cur = data.connection().cursor()
    try:
        result = importing.preview(cur, kind_id, table, mapping, map_problems, user, lg)
    finally:
        cur.close()
    st.markdown(f"**{t('Valideringsrapport')}** · {len(table.rows)} {t('række') if len(table.rows) == 1 else t('rækker')}"
                + (f" · {t('tegnsæt')}: {table.encoding}" if table.encoding else ""))
    if result.problems:
        report = pd.DataFrame([{"row": "–" if p.row is None else str(p.row), "field": p.field_text(lg),
                                "level": p.level, "message": p.body(lg)} for p in result.problems])
        widgets.table(report, {"level": "Niveau", "row": "Række", "field": "Felt", "message": "Besked"},
                      translate=("level",), name="valideringsrapport", height=260)
    if not result.ok:
        st.error(t("Filen har fejl. Intet er importeret; ret rækkerne ovenfor og prøv igen."))
        return
    st.success(t("Klar til import") + ": " + (importing.counts_text(result.counts) if lg == "da" else
               f"{result.counts.get('nye', 0)} new, {result.counts.get('opdateres', 0)} to update, "
               f"{result.counts.get('uændrede', 0)} unchanged") + ".")
    if result.updates:
        # What an update overwrites, field by field, before anything is written.
        st.markdown(f"**{t('Det ændres ved importen')}**")
        widgets.table(pd.DataFrame([{"row": row, "change": "; ".join(lines)} for row, lines in result.updates]),
                      {"row": "Række", "change": "Ændring (før → efter)"}, name="aendringer",
                      height=min(320, 38 + 35 * len(result.updates)))
    accept = True
    if result.checked.warnings:
        accept = st.checkbox(t("Importér trods advarsler"), key=f"{key}.ok")
    if st.button(t("Importér alt"), type="primary", disabled=not accept, key=f"{key}.go"):
        bar = st.progress(0.0, text=t("Importerer …"))
        cur = data.connection().cursor()
        try:
            done = importing.run(cur, result, user, progress=lambda f: bar.progress(f, text=t("Importerer …")))
            st.success(t("Importeret") + ": " + (importing.counts_text(
                {"nye": done["inserted"], "opdateres": done["updated"], "uændrede": done["unchanged"]}).replace(
                "opdateres", "opdateret") if lg == "da" else f"{done['inserted']} new, {done['updated']} updated, "
                f"{done['unchanged']} unchanged") + ".")
        except db.LokalDbError as exc:  # refused, or the disk or the file failed: nothing is written
            st.error(exc.text(lang()))
        except access.PermissionDenied as exc:
            st.error(str(exc))
        finally:
            cur.close()
