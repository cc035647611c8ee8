"""Small drawing helpers shared by pages: tables in Danish formats, empty state, badges, legend."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from lokal import access, db, export, i18n, writes
from lokal.ui import data
from lokal.ui.state import lang, t, user

# Møde and the council's views show whole quarters and years that have ended (lokal.release).
NO_PUBLISHED_PERIOD = ("Møde og byrådets visninger viser hele kvartaler og kalenderår, der er afsluttet. Der er "
                       "endnu ikke et afsluttet kvartal med data; tallene kommer, når det første kvartal er slut.")


def table(df: pd.DataFrame, columns: dict[str, str], *, numbers: dict[str, int] | None = None,
          dates: tuple[str, ...] = (), translate: tuple[str, ...] = (), alt: str | None = None,
          height: int | str = "auto", name: str) -> None:
    """Show ``df`` with Danish (or English) headers, number and date formats.

    ``columns`` maps source column → Danish header (translated here); ``numbers`` maps column →
    decimals; ``translate`` lists columns whose values are Danish words to translate. Sorting
    in the browser still works on the underlying values. ``name`` names the downloads
    ('lokal-rangering.csv'), so a folder of them can be told apart.
    """
    lg = lang()
    view = df[list(columns)].copy()
    for col in translate:
        view[col] = view[col].map(lambda v: i18n.t(v, lg) if isinstance(v, str) else v)
    for col in view.columns:
        if view[col].dtype == bool:
            view[col] = view[col].map({True: t("ja"), False: t("nej")})
    headers = {c: t(h) for c, h in columns.items()}
    fmt = {}
    for col, decimals in (numbers or {}).items():
        fmt[headers[col]] = lambda v, d=decimals: i18n.fmt_num(v, d, lg)
    for col in dates:
        fmt[headers[col]] = lambda v: i18n.fmt_date(v, lg)
    for col in columns:  # st.dataframe ignores na_rep: spell missing values out everywhere
        fmt.setdefault(headers[col], _missing_as_dash)
    view = view.rename(columns=headers)
    st.dataframe(view.style.format(fmt, na_rep="–"), hide_index=True, height=height, alt=alt)
    downloads(view, f"lokal-{name}")


def _missing_as_dash(value):
    return "–" if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def downloads(df: pd.DataFrame, name: str) -> None:
    """CSV and Excel download buttons for a table; the files are made only when clicked.

    Not for roles without raw exports (council members): they get the meeting page's handouts.
    """
    if not access.can(user(), access.EXPORT):
        return
    n = st.session_state.get("_tables", 0) + 1
    st.session_state["_tables"] = n
    row = st.container(horizontal=True)
    row.download_button(t("Hent CSV"), lambda: export.to_csv(df), file_name=f"{name}.csv", mime="text/csv",
                         key=f"dl.csv.{n}", on_click="ignore", type="tertiary", icon=":material/download:")
    row.download_button(t("Hent Excel"), lambda: export.to_xlsx(df), file_name=f"{name}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"dl.xlsx.{n}", on_click="ignore", type="tertiary", icon=":material/download:")


def empty_state() -> None:
    """What every page shows when the database holds no areas yet: the way in for an admin
    (the checklist on Opsætning), whom to ask for everyone else."""
    if access.can(user(), access.ADMIN):
        st.info(f"**{t('Der er ingen data endnu')}**\n\n"
                + t("Start med egne data på siden Opsætning: den viser, hvad der er sat op, og hvad der kommer "
                    "næst (kommune, områder, befolkning, tilbudstyper, fokusområder, brugere og de første data). "
                    "Vil I se Lokal med demodata først, så kør `python -m lokal demo`."))
        st.page_link("app_pages/opsaetning.py", label=t("Gå til Opsætning"), icon=":material/checklist:")
    else:
        st.info(f"**{t('Der er ingen data endnu')}**\n\n"
                + t("Lokal er ikke sat op med kommunens data endnu. Spørg jeres administrator, som sætter Lokal op "
                    "på siden Opsætning."))


def population_note(areas) -> None:
    """Say which areas have no population: they are left out of the rates per 1.000 adults."""
    missing = areas[areas.adults <= 0]
    if missing.empty:
        return
    names = ", ".join(missing.name.head(5)) + (" …" if len(missing) > 5 else "")
    st.caption(":material/info: " + t("Befolkning mangler for {n} områder ({names}). De indgår ikke i satserne pr. "
                                      "1.000 voksne – hverken for området eller for kommunen; antal tæller med. "
                                      "Befolkningen importeres på siden Områder.").format(n=len(missing), names=names))


def demo_badge(info: dict) -> None:
    parts = []
    if info.get("is_demo"):
        parts.append(":orange-badge[:material/science: " + t("Demodata") + "]")
    if info.get("data_date"):
        parts.append(f"{t('Data til og med')} {i18n.fmt_date(info['data_date'], lang())}")
    if parts:
        st.markdown(" · ".join(parts))


def legend(items) -> None:
    """A map legend: one coloured square and label per class."""
    rows = "".join(
        f"<div role='listitem' style='display:flex;align-items:center;gap:.5rem;margin:.15rem 0'>"
        f"<span style='width:1.1rem;height:1.1rem;background:{i.color};border:1px solid #555;"
        f"display:inline-block'></span><span>{i.label}</span></div>"
        for i in items
    )
    st.markdown(f"<div role='list' aria-label='{t('Signaturforklaring')}'>{rows}</div>", unsafe_allow_html=True)


COMPARISON_TEXT = {
    "bedre": "Bedre end kommunen",
    "som": "Som kommunen",
    "dårligere": "Dårligere end kommunen",
    None: "Kan ikke vurderes",
}


def comparison_text(value) -> str:
    """'Bedre end kommunen' etc. in the session's language; missing → 'Kan ikke vurderes'."""
    return t(COMPARISON_TEXT[value if isinstance(value, str) else None])


# Long Danish compounds in key-figure labels break at a joint ('civilsamfunds-aktiviteter'), not
# before their last letter: a soft hyphen after these stems where a longer word goes on.
_JOINTS = ("samfunds", "udbuds", "videns", "sundheds", "gennemførelses", "rekrutterings", "fremmøde",
           "deltager", "aktivitets", "frivillig", "målgruppe")


def hyphenate(label: str) -> str:
    """The label with soft hyphens at the compound joints above (invisible unless the line breaks)."""
    return _JOINT.sub("\\1\u00ad", label)


_JOINT = re.compile(rf"({'|'.join(_JOINTS)})(?=\w)", re.IGNORECASE)


def metric_grid(items: list[dict], per_row: int = 4) -> None:
    """Big numbers in rows; each item has label, value (with its unit, see views.with_unit) and
    optionally help and caption (the comparison, below the box)."""
    for start in range(0, len(items), per_row):
        cols = st.columns(per_row)
        for col, item in zip(cols, items[start:start + per_row]):
            col.metric(hyphenate(item["label"]), item["value"], help=item.get("help"), border=True)
            if item.get("caption"):
                col.caption(item["caption"])


def wide_only(name: str):
    """A block shown on a screen wider than a phone (lokal.ui.chrome hides it at ≤ 640 px)."""
    return st.container(key=f"lokal-wide-{name}")


def narrow_only(name: str):
    """A block shown on a phone only (≤ 640 px), e.g. a grid instead of a wide chart."""
    return st.container(key=f"lokal-narrow-{name}")


def pinned_grid(frame: pd.DataFrame) -> None:
    """A grid whose first column (the area's name) stays put while the rest scrolls sideways."""
    first, *rest = frame.columns
    config = {first: st.column_config.TextColumn(pinned=True, width=110)}
    config |= {c: st.column_config.TextColumn(width=100) for c in rest}  # the name is in full on hover
    st.dataframe(frame, hide_index=True, column_config=config)


def method_link() -> None:
    """'Sådan er det beregnet': the definitions and the rules behind the figures on Indikatorer."""
    st.page_link("app_pages/indikatorer.py", label=t("Sådan er det beregnet"), icon=":material/menu_book:")


def svg(image: str) -> None:
    """Place an SVG drawn by :mod:`lokal.maps` (its texts are escaped there). ``st.html`` strips
    SVG, so it goes through markdown's HTML, which keeps paths, hover titles and links."""
    st.markdown(f'<div class="lokal-svg">{image}</div>', unsafe_allow_html=True)


_PENDING = "opsaetning.afventer"


def propose(key: str, title: str, lines: list[str], action, done_key: str = "opsaetning.besked") -> None:
    """Hold a change until the user has seen what it does: ``action(cursor)`` runs (and returns a
    message, kept under ``done_key`` for the page to show after the rerun) only when they press
    Bekræft in :func:`confirm_box` with the same ``key``."""
    st.session_state[_PENDING] = {"key": key, "title": title, "lines": lines, "action": action,
                                  "done_key": done_key}


def confirm_box(key: str, confirm: str = "Bekræft og gem") -> None:
    """Show the change proposed under ``key`` (what it will change) with a confirm button (``confirm``,
    Danish; e.g. 'Slet' for a deletion) and Annullér."""
    pending = st.session_state.get(_PENDING)
    if not pending or pending["key"] != key:
        return
    lines = "\n".join(f"- {line}" for line in pending["lines"]) or f"- {t('Ingen felter ændres.')}"
    with st.container(border=True):
        st.markdown(f"**{pending['title']}** — {t('dette ændres, når du bekræfter')}:\n\n{lines}")
        c1, c2, _ = st.columns([1, 1, 3])
        if c1.button(t(confirm), type="primary", key=f"{key}.bekraeft"):
            cur = data.connection().cursor()
            try:
                st.session_state[pending["done_key"]] = pending["action"](cur)
                st.session_state.pop(_PENDING, None)
                st.rerun()
            except writes.StaleRecord as exc:
                st.error(str(exc))
                st.session_state.pop(_PENDING, None)
            except (db.LokalDbError, ValueError) as exc:
                st.error(exc.text(lang()) if isinstance(exc, db.LokalDbError) else str(exc))
            finally:
                cur.close()
        if c2.button(t("Annullér"), key=f"{key}.fortryd"):
            st.session_state.pop(_PENDING, None)
            st.rerun()
