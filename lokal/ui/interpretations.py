"""The interpretations beside the figures (Område, Møde): the texts, and a small form for those who write.

A page calls :func:`show` in one line. Everyone who sees the page reads the texts; leaders,
coordinators (their own areas) and admins get the form; the author edits their own text, an
admin removes one. The write path (:mod:`lokal.writes`, :func:`lokal.access.check_write`)
decides in the end, so a refusal is shown as its message.
"""

from __future__ import annotations

import html
from datetime import datetime

import streamlit as st

from lokal import db, i18n, release
from lokal import indicators as ind
from lokal import interpretations as ip
from lokal.ui import data, state
from lokal.ui.state import lang, t

WHOLE = "__kommune__"  # the selectbox value for the kommune as a whole


def show(places: dict[str | None, str], kommune: str | None, period: str | tuple[str, str], *, key: str) -> None:
    """The interpretations on these places (area code → name; None → the kommune as a whole) in a
    period (one label, or a (first, last) quarter range), with the form for those who may write."""
    lg, user = lang(), state.user()
    published = data.fetch(release.labels)
    if isinstance(period, tuple):
        periods = ip.periods_in(*period)
        single = period[0][:4] if period[0][:4] == period[1][:4] and period[0].endswith("K1") \
            and period[1].endswith("K4") else (period[0] if period[0] == period[1] else None)
    else:
        periods, single = [period], period
    areas = tuple(c for c in places if c is not None)
    found = data.fetch(ip.notes, periods=periods, areas=areas, kommune=kommune, whole=None in places)
    st.header(t("Fortolkninger"))
    if not found:
        st.caption(t("Ingen fortolkninger for perioden endnu."))
    for note in found:
        _note(note, places, published, key, lg, user)
    writable = [c for c in places if ip.may_write_in(user, c)]
    if writable and published:
        _form(writable, places, kommune, published, single, key, lg, user)


def _note(note: ip.Note, places, published, key: str, lg: str, user) -> None:
    where = places.get(note.area_code, note.area_name or "") if len(places) > 1 else ""
    head = " · ".join(x for x in (where, ip.about(note, lg)) if x)
    st.markdown(f"**{html.escape(head)}**  \n{html.escape(note.body)}  \n"
                f"<span style='color:#404040'>{html.escape(ip.signature(note, lg))}</span>", unsafe_allow_html=True)
    edit, remove = ip.may_edit(user, note), ip.may_remove(user)
    if not (edit or remove):
        return
    with st.expander(t("Ret eller fjern fortolkningen")):
        if edit:
            with st.form(f"{key}.ret.{note.id}", border=False):
                body = st.text_area(t("Tekst"), value=note.body, max_chars=ip.MAX_LENGTH, key=f"{key}.ret.tekst.{note.id}")
                options = published if note.period in published else [note.period, *published]
                period = st.selectbox(t("Periode"), options, index=options.index(note.period),
                                      format_func=lambda p: _period_name(p, lg), key=f"{key}.ret.periode.{note.id}")
                indicator = _indicator_box(f"{key}.ret.indikator.{note.id}", note.indicator, lg)
                warned = _warning_gate(f"{key}.ret.{note.id}", body, lg)
                if st.form_submit_button(t("Gem rettelsen")) and warned:
                    _run(lambda cur: ip.edit(cur, user, note.id, note.version, body=body, period=period,
                                             indicator=indicator), t("Fortolkningen er rettet."))
        if remove and st.button(t("Fjern fortolkningen"), key=f"{key}.fjern.{note.id}", type="secondary"):
            _run(lambda cur: ip.remove(cur, user, note.id, note.version), t("Fortolkningen er fjernet."))


def _form(writable, places, kommune, published, single, key: str, lg: str, user) -> None:
    with st.expander(t("Skriv en fortolkning"), expanded=False):
        st.caption(t("En kort tekst om, hvad tallene viser, og hvorfor. Den vises med dit navn og datoen for alle, der "
                     "ser siden, også byrådet, og kommer med i mødeoplæggene. Skriv aldrig om enkeltpersoner."))
        with st.form(f"{key}.ny", border=False):
            place = writable[0]
            if len(writable) > 1:
                options = [WHOLE if c is None else c for c in writable]
                chosen = st.selectbox(t("Fortolkningen handler om"), options, key=f"{key}.ny.sted",
                                      format_func=lambda c: t("Hele kommunen") if c == WHOLE else places[c])
                place = None if chosen == WHOLE else chosen
            period = st.selectbox(t("Periode"), published, index=published.index(single) if single in published else 0,
                                  format_func=lambda p: _period_name(p, lg), key=f"{key}.ny.periode")
            indicator = _indicator_box(f"{key}.ny.indikator", None, lg)
            body = st.text_area(t("Tekst"), max_chars=ip.MAX_LENGTH, key=f"{key}.ny.tekst",
                                placeholder=t("Fx: Deltagelsen steg efter temadagen i fælleshuset i september."))
            ok = _warning_gate(f"{key}.ny", body, lg)
            left, right = st.columns(2)
            preview = left.form_submit_button(t("Vis, hvad der gemmes"))
            save = right.form_submit_button(t("Gem fortolkningen"), type="primary")
        if preview and body.strip():
            st.markdown(f"**{t('Sådan vises den')}**")
            shown = ip.Note(0, 1, kommune or "", place, places.get(place), period, indicator, body.strip(),
                            user.id if hasattr(user, "id") else str(user), getattr(user, "name", str(user)),
                            datetime.now(), None)
            st.info(f"{ip.about(shown, lg)}  \n{shown.body}  \n{ip.signature(shown, lg)}")
        if save and ok:
            _run(lambda cur: ip.write(cur, user, period=period, body=body, area_code=place, kommune=kommune,
                                      indicator=indicator),
                 t("Fortolkningen er gemt."), clear=[f"{key}.ny.tekst", f"{key}.ny.bekraeft"])


def _warning_gate(key: str, body: str, lg: str) -> bool:
    """Show the person-data warning for the text last submitted and a confirm box; True when saving may go on."""
    warning = ip.person_data_warning(body, lg) if body else None
    if not warning:
        return True
    st.warning(warning, icon=":material/person_alert:")
    return st.checkbox(t("Jeg har læst advarslen, og teksten handler ikke om enkeltpersoner"), key=f"{key}.bekraeft")


def _indicator_box(key: str, current: str | None, lg: str) -> str | None:
    options = [None, *(i.id for i in ind.INDICATORS)]
    return st.selectbox(t("Indikator (valgfri)"), options, index=options.index(current) if current in options else 0,
                        format_func=lambda i: t("Ingen bestemt indikator") if i is None else ind.get(i).name(lg),
                        key=key)


def _period_name(label: str, lg: str) -> str:
    return i18n.fmt_quarter(label, lg)


def _run(action, done: str, clear: list[str] | None = None) -> None:
    cur = data.connection().cursor()
    try:
        action(cur)
    except db.LokalDbError as exc:
        st.error(t(str(exc)))
        return
    finally:
        cur.close()
    for k in clear or []:
        st.session_state.pop(k, None)
    st.toast(done)
    st.rerun()


def show_meeting(code: str, areas, label: str, *, all_code: str, key: str = "moede") -> dict[str, list[str]]:
    """Møde's interpretations: for all areas the kommune's and every area's, else the one area's.
    ``areas``: the page's area frame (code, name, kommunekode). Returns the lines for the handouts."""
    names = dict(zip(areas.code, areas.name))
    places = {None: t("Hele kommunen"), **names} if code == all_code else {code: names.get(code, code)}
    kommuner = sorted(set(areas.kommunekode))
    kommune = kommuner[0] if len(kommuner) == 1 else None
    show(places, kommune, label, key=key)
    units = [all_code, *names] if code == all_code else [code]
    return data.fetch(ip.handout_lines, label, units, kommune=kommune, lang=lang())
