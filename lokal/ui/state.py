"""Shared UI state: language, the sidebar filters, and their mirror in the URL.

Values live under namespaced session keys (``"filter.fra"``, ``"kort.indikator"``) that
survive page switches; widgets use a ``"_w."`` copy of the key, because Streamlit forgets the
state of widgets that a run does not draw. On a session's first run the values are read from
``st.query_params``, so a link reproduces the view, also as the first request after a start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import streamlit as st

from lokal import filters as flt
from lokal import i18n, meeting

_SHARED_PARAMS = ("fra", "til", "omraader", "kategori", "kommune", "lang")


def lang() -> str:
    value = st.session_state.get("lang")
    if value is None:
        value = st.query_params.get("lang", "da")
        value = value if value in i18n.LANGS else "da"
        st.session_state["lang"] = value
    return value


def t(text: str) -> str:
    """Translate a Danish UI text into the session's language."""
    return i18n.t(text, lang())


def _initial(key: str, param: str | None, options: Sequence, default):
    """The session value for ``key``: kept, else from the URL parameter, else the default."""
    if key not in st.session_state:
        raw = st.query_params.get(param) if param else None
        st.session_state[key] = raw if raw in options else default
    if st.session_state[key] not in options:
        st.session_state[key] = default
    return st.session_state[key]


def persistent(widget: Callable, label: str, options: Sequence, *, key: str, param: str | None = None,
               default=None, widget_key: str | None = None, **kwargs):
    """Draw a choice widget whose value persists across pages and is mirrored in URL parameter ``param``.
    ``widget_key`` lets a second widget on the same run share the value (e.g. Møde's period picker and
    the council's sidebar period)."""
    options = list(options)
    if not options:
        return None
    value = _initial(key, param, options, options[0] if default is None else default)
    wkey = widget_key or f"_w.{key}"
    st.session_state[wkey] = value

    def _keep():
        st.session_state[key] = st.session_state[wkey]

    widget(label, options, key=wkey, on_change=_keep, **kwargs)
    if param:
        st.query_params[param] = str(st.session_state[key])
    return st.session_state[key]


def language_switch() -> str:
    """The Dansk/English switch (sidebar); mirrored as ``?lang=en``."""
    lang()
    value = persistent(
        st.sidebar.radio, "Sprog / Language", list(i18n.LANGS), key="lang", param=None,
        format_func=lambda v: {"da": "Dansk", "en": "English"}[v], horizontal=True,
    )
    if value == "da":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = value
    return value


# The shared filters a page reads (by url path; "" is the start page). A page that reads none shows none,
# so a filter in the sidebar never looks as if it changed a page that ignores it; its value is kept.
ALL_FILTERS = frozenset({"kommune", "period", "areas", "category"})
PAGE_FILTERS = {"": ALL_FILTERS, "kort": ALL_FILTERS, "omraade": ALL_FILTERS, "rekruttering": ALL_FILTERS,
                "moede": frozenset({"kommune", "areas", "category"}),  # Møde has its own period
                "tilbudsoversigt": frozenset({"kommune", "category"})}  # its window is its own


def sidebar_filters(quarters: list[str], default: flt.Filters, kommuner: dict[str, str] | None = None,
                    published: list[str] | None = None, data_date=None,
                    shown: frozenset[str] = ALL_FILTERS, approved: set[str] | None = None) -> flt.Filters:
    """The shared filters in the sidebar; they persist across pages and are mirrored in the URL.
    ``kommuner`` (code → name): where there are several, a kommune is chosen and each area is
    compared with it. ``published`` (a council member's periods, see lokal.release): one quarter
    or calendar year instead of a from–to range; ``approved``: those of them a leader approved
    (lokal.approval), the others are marked. Only the filters in ``shown`` are drawn (see
    PAGE_FILTERS); the others keep their values."""
    codes = sorted(kommuner or {})
    if not quarters:
        quarters = [default.first, default.last]
    if "filter.fra" not in st.session_state:
        start = flt.from_params(dict(st.query_params), quarters, default, codes)
        moved = flt.out_of_range(dict(st.query_params), quarters)
        if moved:
            lg = lang()
            st.warning(t("Data dækker {first}–{last}. {moved} ligger uden for; viser i stedet {shown}.").format(
                first=i18n.fmt_quarter(quarters[0], lg), last=i18n.fmt_quarter(quarters[-1], lg),
                moved=", ".join(i18n.fmt_quarter(a, lg) for a, _ in moved),
                shown=", ".join(i18n.fmt_quarter(b, lg) for _, b in moved)), icon=":material/date_range:")
        st.session_state.update({
            "filter.fra": start.first,
            "filter.til": start.last,
            "filter.omraader": "fokus" if start.focus_only else "alle",
            "filter.kategori": start.category or "alle",
            "filter.kommune": start.kommune,
        })
    sb = st.sidebar
    lg = lang()
    if published is not None:
        shown = shown | ({"period"} if "areas" in shown else set())  # the council's one period, also on Møde
    if shown & ({"period", "areas", "category"} | ({"kommune"} if len(codes) > 1 else set())):
        sb.subheader(t("Filtre"))

    def choose(part: str, widget, label: str, options, key: str, **kwargs):
        if part in shown:
            return persistent(widget, label, options, key=key, **kwargs)
        return _initial(key, None, list(options), list(options)[0])  # not drawn here: the value is kept

    kommune = None
    if len(codes) > 1:
        kommune = choose("kommune", sb.selectbox, t("Kommune"), codes, "filter.kommune",
                         format_func=lambda c: f"{kommuner[c]} ({c})")
    if published is not None:
        first, last = _one_period(published, data_date, "period" in shown, approved)
    else:
        first = choose("period", sb.selectbox, t("Fra kvartal"), quarters, "filter.fra",
                       format_func=lambda q: i18n.fmt_quarter(q, lg))
        last = choose("period", sb.selectbox, t("Til kvartal"), quarters, "filter.til",
                      format_func=lambda q: i18n.fmt_quarter(q, lg))
    scope = choose(
        "areas", sb.radio, t("Områder"), ["alle", "fokus"], "filter.omraader",
        format_func=lambda v: i18n.t({"alle": "Alle områder", "fokus": "Fokusområder"}[v], lg),
    )
    category = choose(
        "category", sb.radio, t("Tilbudstype"), ["alle", *flt.CATEGORIES], "filter.kategori",
        format_func=lambda v: i18n.t({"alle": "Alle tilbud", "kommunalt": "Kommunale tilbud",
                                 "civilsamfund": "Civilsamfundsaktiviteter"}[v], lg),
    )
    if first > last:
        first, last = last, first
    chosen = flt.Filters(first, last, scope == "fokus", None if category == "alle" else category, kommune)
    for param in ("fra", "til", "omraader", "kategori", "kommune"):
        st.query_params.pop(param, None)
    st.query_params.update(flt.to_params(chosen))
    return chosen


def _one_period(published: list[str], data_date, draw: bool = True,
                approved: set[str] | None = None) -> tuple[str, str]:
    """A council member's period: one published quarter or calendar year (lokal.release). A link
    asking for a range (``?fra=2024K2&til=2025K3``) is answered politely with one period."""
    lg = lang()
    if "filter.periode" not in st.session_state:
        fra, til = st.query_params.get("fra"), st.query_params.get("til")
        asked = flt.single_label(fra or til, til or fra) if fra or til else None
        if st.query_params.get("periode") in published:  # a Møde link names its period
            asked, fra, til = st.query_params.get("periode"), None, None
        start = asked if asked in published else None
        if start is None and (fra or til):
            start = til if til in published else None
            st.info(t("Som byrådsmedlem ser du ét afsluttet kvartal eller kalenderår ad gangen, så små tal ikke "
                      "kan regnes ud ved at trække perioder fra hinanden. Linket bad om {asked}; viser {shown}.").format(
                asked=i18n.fmt_period(fra or til, til or fra, lg),
                shown=i18n.fmt_quarter(start or meeting.default_period(published, data_date), lg)),
                icon=":material/shield:")
        newest = [p for p in published if approved is None or p in approved] or published
        st.session_state["filter.periode"] = start or meeting.default_period(newest, data_date)
    if not draw:
        return flt.single_period(_initial("filter.periode", None, published, st.session_state["filter.periode"]))
    label = persistent(st.sidebar.selectbox, t("Periode"), published, key="filter.periode",
                       format_func=lambda q: period_choice(q, approved),
                       help=t("Byrådet ser ét afsluttet kvartal eller kalenderår ad gangen (se Indikatorer)."))
    return flt.single_period(label)


def period_choice(label: str, approved: set[str] | None) -> str:
    """A period as the council picks it: '3. kvartal 2026', or '… (ikke godkendt)'."""
    text = i18n.fmt_quarter(label, lang())
    return text if approved is None or label in approved else f"{text} ({t('ikke godkendt')})"


def keep_only_params(page_params: Sequence[str]) -> None:
    """Drop URL parameters that belong to other pages, so a copied link carries only this view."""
    for name in list(st.query_params.keys()):
        if name not in _SHARED_PARAMS and name not in page_params:
            st.query_params.pop(name, None)


def area_choice(areas, label: str) -> str:
    """The chosen area's code, one choice shared by Område, Aktivitetslog and Mål and mirrored in
    the URL parameter ``omraade``; at first the first focus area. ``areas``: code, name, is_focus."""
    names = dict(zip(areas.code, areas.name))
    default = next(iter(areas[areas.is_focus].code), None)
    return persistent(st.selectbox, label, list(names), key="omraade.kode", param="omraade", default=default,
                      format_func=lambda c: names[c])


def link_to(page: str, **params: str) -> str:
    """A relative link to another page that keeps the shared filters (period, areas, category,
    language); ``params`` are added as given, so ``omraade="{code}"`` stays a template."""
    shared = {name: st.query_params[name] for name in _SHARED_PARAMS if name in st.query_params}
    query = "&".join([urlencode(shared), *(f"{k}={v}" for k, v in params.items())]).strip("&")
    return f"{page}?{query}" if query else page


def set_frame(filters: flt.Filters, info: dict) -> None:
    """Hand the frame's filters and database facts to the page about to run."""
    st.session_state["app.filters"] = filters
    st.session_state["app.info"] = info
    st.session_state["_tables"] = 0  # numbers the tables drawn in this run (keys of their downloads)


def current() -> tuple[flt.Filters, dict]:
    """The shared filters and database facts (set by app.py before the page runs)."""
    return st.session_state["app.filters"], st.session_state["app.info"]


def set_user(user) -> None:
    """The logged-in user (a :class:`lokal.access.User`), set by app.py before the page runs."""
    st.session_state["app.user"] = user


def user():
    """The logged-in user of this session (see :mod:`lokal.ui.auth`)."""
    return st.session_state["app.user"]
