"""The meeting view model: what a council sees of one area or all areas in a period.

Big numbers for the three capacities and participation, with arrows against the previous
period of equal length and against the area's target, and short plain-Danish (or English)
sentences generated from the data (the table and charts: :mod:`lokal.meeting_charts`). Every
number about persons comes from the council's release (:mod:`lokal.release`) before it reaches
this model: the model holds no raw
small counts, so the page and the handouts cannot show one by mistake.

Periods: a calendar year (``"2025"``) or a quarter (``"2025K3"``) that has ended, as the
release publishes them; the previous period is the one before. (:func:`meeting_period` can still
cut a running period at the data date, with a year in progress showing its full-year target
without a verdict, but :func:`build` refuses a period the release does not hold.) Targets are
set per area, indicator and calendar year, so they are judged only for a whole calendar year.

Pure: no Streamlit; the one query (the year's targets) is a named constant, values bound.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pandas as pd

from lokal import approval, db, evaluation, i18n, queries, release, suppress
from lokal import filters as flt
from lokal import indicators as ind
from lokal.indicators import Period

GROUPS = ("udbud", "relationel", "viden", "deltagelse")
CAPACITIES = ("udbud", "relationel", "viden")
HEADLINE: dict[str, tuple[str, str]] = {
    "udbud": ("kommunale_tilbud_afholdt", "nye_civilsamfundsaktiviteter"),
    "relationel": ("aktive_partnere", "samarbejder_baaret_lokalt"),
    "viden": ("vidensaktiviteter", "uddannede"),
    "deltagelse": ("deltagere_pr_1000", "gennemfoerelse"),
}
CARD_IDS = tuple(i for g in GROUPS for i in HEADLINE[g])
# What the courses achieved, said in sentences beside the cards (and in the handouts).
RESULT_IDS = ("effekt_slut", "effekt_opfoelgning", "svartid_median", "andel_svar_3_dage")
IDS = CARD_IDS + RESULT_IDS
ALL = "alle"  # the unit code for all areas in scope
_CURRENT, _PREVIOUS = "current", "previous"
_YEAR = re.compile(r"^\d{4}$")

TARGETS_FOR_YEAR = """
SELECT a.code, t.indicator, t.value FROM targets t JOIN areas a ON a.id = t.area_id
WHERE t.year = $year AND t.deleted_at IS NULL ORDER BY a.code, t.indicator
"""

# Colours with at least 4.5:1 contrast on white, for text that says better / worse / neutral.
TONE_COLORS = {"better": "#005A8F", "worse": "#A63A00", "neutral": "#4A4A4A"}
PREVIOUS_COLOR, CURRENT_COLOR, OUTLINE = "#A6D3F0", "#0072B2", "#004C77"


# --- periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingPeriod:
    label: str  # "2025" or "2025K3"
    current: Period
    previous: Period
    partial: bool  # cut at the data date
    year: int | None  # the calendar year when the period is one (targets are per year)


def _full(label: str) -> Period:
    if _YEAR.match(label):
        y = int(label)
        return Period(label, date(y, 1, 1), date(y, 12, 31))
    return flt.quarter_period(label)


def _before(label: str) -> str:
    if _YEAR.match(label):
        return str(int(label) - 1)
    return flt.quarter_of(flt.quarter_period(label).start - timedelta(days=1))


def default_period(options: list[str], data_date: date | None) -> str | None:
    """The latest calendar year that is complete at the data date, else the newest option."""
    years = [o for o in options if _YEAR.match(o)]
    if data_date is not None:
        for y in years:
            if date(int(y), 12, 31) <= data_date:
                return y
    return years[0] if years else (options[0] if options else None)


def meeting_period(label: str, data_date: date | None = None) -> MeetingPeriod:
    """The chosen period (cut at the data date) and the previous period of equal length."""
    full = _full(label)
    end, partial = full.end, False
    if data_date is not None and full.start <= data_date < full.end:
        end, partial = data_date, True
    prev_full = _full(_before(label))
    prev_end = min(prev_full.end, prev_full.start + (end - full.start)) if partial else prev_full.end
    return MeetingPeriod(
        label=label,
        current=Period(_CURRENT, full.start, end),
        previous=Period(_PREVIOUS, prev_full.start, prev_end),
        partial=partial,
        year=full.start.year if _YEAR.match(label) else None,
    )


def _label_text(label: str, lang: str) -> str:
    return label if _YEAR.match(label) else i18n.fmt_quarter(label, lang)


def period_name(mp: MeetingPeriod, lang: str = "da") -> str:
    """The period in a few words: '2025', '2025K3' ('2025 Q3'), '2026 t.o.m. 23-11-2026'."""
    text = _label_text(mp.label, lang)
    if mp.partial:
        word = "t.o.m." if lang == "da" else "up to"
        return f"{text} {word} {i18n.fmt_date(mp.current.end, lang)}"
    return text


def period_text(mp: MeetingPeriod, lang: str = "da") -> str:
    """'2025 (01-01-2025 – 31-12-2025)'; a cut period says up to which date."""
    return (f"{_label_text(mp.label, lang)} ({i18n.fmt_date(mp.current.start, lang)} – "
            f"{i18n.fmt_date(mp.current.end, lang)})")


def comparison_text(m: Meeting, lang: str = "da") -> str:
    """'sammenlignet med 2024', or 'Ingen sammenligning: ingen data fra 2025K4' before the first data
    (Møde's periods have ended: the release publishes no running one)."""
    w, when = _w(lang), previous_text(m.period, lang)
    return w["compared" if m.has_previous else "no_history"].format(when=when)


def previous_text(mp: MeetingPeriod, lang: str = "da") -> str:
    """The previous period in a few words: '2024', '2025K2', 'samme periode 2025'."""
    text = _label_text(_before(mp.label), lang)
    if mp.partial:
        return f"samme periode {text}" if lang == "da" else f"the same period of {text}"
    return text


# --- the model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """One headline indicator for one unit, already protected."""

    indicator: str
    value: float | None  # None when hidden or missing
    status: str  # suppress.SHOWN / SMALL / HIDDEN
    previous: float | None
    previous_status: str
    target: float | None = None

    @property
    def kind(self) -> str:
        return ind.get(self.indicator).kind


@dataclass(frozen=True)
class Unit:
    code: str  # an area code, or ALL
    name: str  # the area's name ('' for ALL: see unit_name)
    numbers: dict[str, Number] = field(default_factory=dict)


@dataclass(frozen=True)
class Meeting:
    period: MeetingPeriod
    summary: Unit
    areas: tuple[Unit, ...]
    k: int
    focus_only: bool = False
    category: str | None = None
    kommune_name: str | None = None
    data_date: date | None = None
    is_demo: bool = False
    has_previous: bool = True  # False when the previous period lies before the first recorded data
    # The health profiles before and after the focus period (lokal.evaluation): ALL and each focus area.
    health: dict = field(default_factory=dict)
    figures: str = "live"  # live | approved | preferred (see build)
    # Which approval each unit's figures come from (ALL and area codes; None: not approved).
    approvals: dict = field(default_factory=dict)

    def unit(self, code: str) -> Unit:
        if code == ALL:
            return self.summary
        return next(u for u in self.areas if u.code == code)


def _nan_to_none(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def targets_for_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[tuple[str, str], float]:
    """Every area's targets for one calendar year, as {(area code, indicator): value}."""
    rows = con.execute(TARGETS_FOR_YEAR, {"year": year}).fetchall()
    return {(code, indicator): float(value) for code, indicator, value in rows}


def build(con: duckdb.DuckDBPyConnection, label: str, *, focus_only: bool = False, category: str | None = None,
          k: int | None = None, kommune: str | None = None, figures: str = "live") -> Meeting:
    """The meeting model for a period label: every area in scope and their total, protected together.

    The figures are the council's release (:mod:`lokal.release`): the period and the previous
    one are published periods, protected together with every other table the council can open,
    so that nothing the page and the handouts show lets a suppressed number be worked out. A
    period that runs past the data date is not compared (its previous stretch is not published).

    ``figures``: "live" — today's protected figures; "approved" — the figures as a leader approved
    them, a period (or area) nobody approved hidden (the council); "preferred" — the approved
    figures where there are some, else today's (a leader's draft). ``approvals`` then says which
    unit's figures come from which approval (:mod:`lokal.approval`).
    """
    info = queries.info(con)
    if k is None:
        k = suppress.threshold(db.get_meta(con, suppress.META_KEY))
    mp = meeting_period(label, info["data_date"])
    published = {p.label: p for p in release.periods(con)}
    if label not in published:
        raise release.NotPublished(f"Perioden {label} er ikke offentliggjort for byrådet: vælg et kvartal eller "
                                   "et kalenderår, der er begyndt før datadatoen.")
    current = published[label]
    previous = None if mp.partial else published.get(_before(label))
    has_previous = previous is not None  # else "0 then" would only mean "no data"
    periods = [current, *([previous] if previous else [])]
    as_named = {current.label: _CURRENT, **({previous.label: _PREVIOUS} if previous else {})}
    scope = dict(focus_only=focus_only, category=category, indicator_ids=list(IDS), kommune=kommune)
    protect = dict(kommune=kommune, category=category, k=k)
    areas = release.apply(con, ind.compute(con, periods, by="area", **scope), by="area", **protect)
    total = release.apply(con, ind.compute(con, periods, by="kommune", **scope), by="kommune",
                          focus_only=focus_only, **protect)
    approvals: dict[str, object] = {}
    if figures != "live":
        frozen = dict(kommune=kommune, category=category, fallback=figures == "preferred")
        areas = approval.freeze(con, areas, by="area", **frozen)
        total = approval.freeze(con, total, by="kommune", focus_only=focus_only, **frozen)
        approved = approval.current(con, kommune, current.label)
        approvals = {ALL: approval.covering(approved, release.FOCUS if focus_only else release.ALL),
                     **{code: approval.covering(approved, code) for code in areas.unit.unique().tolist()}}
    frame = pd.concat([areas, total], ignore_index=True)
    frame["period"] = frame.period.map(as_named)
    targets = targets_for_year(con, mp.year) if mp.year else {}

    def unit(code: str, name: str, rows: pd.DataFrame) -> Unit:
        numbers = {}
        by = {(r.period, r.indicator): r for r in rows.itertuples()}
        for i in IDS:
            cur, prev = by.get((_CURRENT, i)), by.get((_PREVIOUS, i))
            numbers[i] = Number(
                indicator=i,
                value=_nan_to_none(cur.value) if cur is not None else None,
                status=cur.status if cur is not None else suppress.SHOWN,
                previous=_nan_to_none(prev.value) if prev is not None and has_previous else None,
                previous_status=prev.status if prev is not None and has_previous else suppress.SHOWN,
                target=targets.get((code, i)),
            )
        return Unit(code, name, numbers)

    area_rows = frame[frame.unit != "kommune"]
    names = area_rows.drop_duplicates("unit").set_index("unit").area_name.to_dict()
    rows_of = dict(tuple(area_rows.groupby("unit", sort=False)))  # one pass, not one scan per area
    units = tuple(unit(code, names[code], rows_of[code]) for code in sorted(names, key=lambda c: str(names[c])))
    health = evaluation.evaluate_units(evaluation.load(con, kommune, info["data_date"]), [ALL, *names])
    return Meeting(
        period=mp,
        summary=unit(ALL, "", frame[frame.unit == "kommune"]),
        areas=units,
        k=k,
        focus_only=focus_only,
        category=category,
        kommune_name=info["area_kommuner"].get(kommune, info["kommune_name"]) if kommune else info["kommune_name"],
        data_date=info["data_date"],
        is_demo=bool(info["is_demo"]),
        has_previous=has_previous,
        health=health,
        figures=figures,
        approvals=approvals,
    )


def figures_frame(m: Meeting, code: str = ALL) -> pd.DataFrame:
    """The figures a handout of ``code`` (ALL: the summary and every area) shows, as a snapshot
    keeps them (lokal.approval.FIGURE_COLUMNS): the period's and the previous period's."""
    units = [m.summary, *m.areas] if code == ALL else [m.unit(code)]
    whole = release.FOCUS if m.focus_only else release.ALL
    previous = _before(m.period.label) if m.has_previous else None
    rows = []
    for u in units:
        unit = whole if u.code == ALL else u.code
        name = None if u.code == ALL else u.name
        for i, n in u.numbers.items():
            rows.append((m.period.label, m.category or "", unit, name, i, None, None, n.value, n.status))
            if previous is not None:
                rows.append((previous, m.category or "", unit, name, i, None, None, n.previous, n.previous_status))
    return pd.DataFrame(rows, columns=["period", "category", "unit", "unit_name", "indicator", "numerator",
                                       "denominator", "value", "status"])


# --- words -----------------------------------------------------------------------------------

_W = {
    "da": {
        "all": "Alle områder", "focus": "Fokusområderne", "where_all": "i alle områder",
        "where_focus": "i fokusområderne", "where": "i {name}",
        "target": " (mål: {t})", "target_year": " (mål for hele {year}: {t})",
        "up": "▲ Op fra {prev} i {when}", "down": "▼ Ned fra {prev} i {when}", "same": "= Som i {when} ({prev})",
        "no_prev": "Ingen tal for {when}", "no_compare": "Kan ikke sammenlignes med {when} (små tal)",
        "no_history": "Ingen sammenligning: ingen data fra {when}",
        "compared": "sammenlignet med {when}",
        "t_reached": "Mål: {t} – nået", "t_missed": "Mål: {t} – ikke nået", "t_year": "Mål for hele {year}: {t}",
        "t_plain": "Mål: {t}",
        "legend": "<{k}: færre end {k} personer (0–{k1}). x: skjult, så et lille antal personer ikke kan regnes ud. "
                  "–: ingen data.",
        "c_reached": "{t} – nået", "c_missed": "{t} – ikke nået", "c_year": "{t} (hele {year})",
        "c_areas": "nået i {r} af {n} områder", "c_areas_open": "{n} områder har et mål",
        "c_unknown": " ({u} uden tal)",
        "previous": "Forrige periode", "current": "Perioden", "target_name": "Mål", "count": "Antal",
    },
    "en": {
        "all": "All areas", "focus": "The focus areas", "where_all": "in all areas",
        "where_focus": "in the focus areas", "where": "in {name}",
        "target": " (target: {t})", "target_year": " (target for all of {year}: {t})",
        "up": "▲ Up from {prev} in {when}", "down": "▼ Down from {prev} in {when}",
        "same": "= Same as in {when} ({prev})", "no_prev": "No figure for {when}",
        "no_history": "No comparison: no data from {when}",
        "compared": "compared with {when}",
        "no_compare": "Cannot be compared with {when} (small numbers)",
        "t_reached": "Target: {t} – reached", "t_missed": "Target: {t} – not reached",
        "t_year": "Target for all of {year}: {t}", "t_plain": "Target: {t}",
        "legend": "<{k}: fewer than {k} persons (0–{k1}). x: hidden, so that a small number of persons cannot be "
                  "worked out. –: no data.",
        "c_reached": "{t} – reached", "c_missed": "{t} – not reached", "c_year": "{t} (all of {year})",
        "c_areas": "reached in {r} of {n} areas", "c_areas_open": "{n} areas have a target",
        "c_unknown": " ({u} without a figure)",
        "previous": "Previous period", "current": "The period", "target_name": "Target", "count": "Count",
    },
}


def _w(lang: str) -> dict:
    return _W.get(lang, _W["da"])


def unit_name(m: Meeting, unit: Unit, lang: str = "da") -> str:
    if unit.code != ALL:
        return unit.name
    return _w(lang)["focus"] if m.focus_only else _w(lang)["all"]


def legend_text(m: Meeting, lang: str = "da") -> str:
    """The footnote that explains every symbol a cell can hold: '<5', 'x' and '–'."""
    return _w(lang)["legend"].format(k=m.k, k1=m.k - 1)


def value_label(m: Meeting, number: Number, lang: str = "da", previous: bool = False) -> str:
    """A protected value as text: '12', '22,1', '75,0 %', '<5', 'x' or '–'."""
    value, status = (number.previous, number.previous_status) if previous else (number.value, number.status)
    text = suppress.label(value, number.kind, status, m.k, lang)
    if number.kind == "share" and status == suppress.SHOWN and value is not None:
        text += " %" if lang == "da" else "%"
    return text


def _target_label(number: Number, lang: str) -> str:
    return i18n.fmt_value(number.target, number.kind, lang)


def direction(number: Number) -> str | None:
    """'up', 'down' or 'same' against the previous period, when the protected numbers tell it.

    Both values shown: compare them. A count below the threshold against a shown count (which
    is at least the threshold) has an obvious direction. Anything else says nothing, so that
    the arrow never reveals more than the labels do.
    """
    s, ps = number.status, number.previous_status
    if s == suppress.SHOWN and ps == suppress.SHOWN:
        if number.value is None or number.previous is None:
            return None
        if math.isclose(number.value, number.previous, abs_tol=1e-9):
            return "same"
        return "up" if number.value > number.previous else "down"
    if number.kind == "count" and {s, ps} == {suppress.SHOWN, suppress.SMALL}:
        if (number.value if s == suppress.SHOWN else number.previous) is None:
            return None
        return "up" if s == suppress.SHOWN else "down"
    return None


def target_status(m: Meeting, number: Number) -> str | None:
    """'reached' or 'missed' for a whole calendar year with a target; None otherwise."""
    if number.target is None or m.period.year is None or m.period.partial:
        return None
    better_high = ind.get(number.indicator).higher_is_better
    if number.status == suppress.SHOWN and number.value is not None:
        ok = number.value >= number.target if better_high else number.value <= number.target
        return "reached" if ok else "missed"
    if number.status == suppress.SMALL and number.kind == "count" and better_high and number.target >= m.k:
        return "missed"  # fewer than k can never reach a target of k or more
    return None


def card(m: Meeting, number: Number, lang: str = "da") -> dict:
    """What one big-number card says: name, value, change and target lines with their tone."""
    w, indicator = _w(lang), ind.get(number.indicator)
    when = previous_text(m.period, lang)
    d = direction(number)
    prev = value_label(m, number, lang, previous=True)
    if d in ("up", "down"):
        change = w[d].format(prev=prev, when=when)
        good = (d == "up") == indicator.higher_is_better
        change_tone = "better" if good else "worse"
    elif d == "same":
        change, change_tone = w["same"].format(prev=prev, when=when), "neutral"
    elif not m.has_previous:
        change, change_tone = w["no_history"].format(when=when), "neutral"
    elif number.previous is None and number.previous_status == suppress.SHOWN:
        change, change_tone = w["no_prev"].format(when=when), "neutral"
    else:
        change, change_tone = w["no_compare"].format(when=when), "neutral"
    target, target_tone = "", "neutral"
    if number.target is not None:
        status = target_status(m, number)
        t = _target_label(number, lang)
        if status:
            target = w["t_reached" if status == "reached" else "t_missed"].format(t=t)
            target_tone = "better" if status == "reached" else "worse"
        elif m.period.year is not None and m.period.partial:
            target = w["t_year"].format(t=t, year=m.period.year)
        else:
            target = w["t_plain"].format(t=t)
    return {
        "indicator": number.indicator,
        "label": indicator.name(lang),
        "unit": indicator.unit(lang),
        "value": value_label(m, number, lang),
        "change": change,
        "change_tone": change_tone,
        "target": target,
        "target_tone": target_tone,
    }


def target_cell(m: Meeting, unit: Unit, indicator: str, lang: str = "da") -> str:
    """The Mål column of a handout's table: '3 – ikke nået', '3 (hele 2026)', '3' or '–' when none is set.

    Targets are set per area, so the total of all areas has none of its own: its cell says in how
    many of the areas with a target the target was reached (judged on the areas' protected values,
    so it tells nothing the area pages do not).
    """
    w, number = _w(lang), unit.numbers[indicator]
    if number.target is not None:
        t, status = _target_label(number, lang), target_status(m, number)
        if status:
            return w["c_reached" if status == "reached" else "c_missed"].format(t=t)
        if m.period.year is not None and m.period.partial:
            return w["c_year"].format(t=t, year=m.period.year)
        return t
    if unit.code != ALL:
        return "–"
    with_target = [a.numbers[indicator] for a in m.areas if a.numbers[indicator].target is not None]
    if not with_target:
        return "–"
    if m.period.partial:
        return w["c_areas_open"].format(n=len(with_target))
    statuses = [target_status(m, n) for n in with_target]
    text = w["c_areas"].format(r=statuses.count("reached"), n=len(with_target))
    unknown = statuses.count(None)  # hidden values: neither reached nor missed
    return text + (w["c_unknown"].format(u=unknown) if unknown else "")


# --- sentences --------------------------------------------------------------------------------


def _n(number: Number, lang: str) -> str:
    return i18n.fmt_num(number.value, 0, lang)


def _target_clause(m: Meeting, number: Number, lang: str) -> str:
    if number.target is None:
        return ""
    w, t = _w(lang), _target_label(number, lang)
    if m.period.partial and m.period.year is not None:
        return w["target_year"].format(t=t, year=m.period.year)
    return w["target"].format(t=t)


def _where(m: Meeting, unit: Unit, lang: str) -> str:
    w = _w(lang)
    if unit.code == ALL:
        return w["where_focus"] if m.focus_only else w["where_all"]
    return w["where"].format(name=unit.name)


def sentences(m: Meeting, unit: Unit, lang: str = "da") -> list[str]:
    """Short plain sentences about the unit's period, from the protected numbers.

    E.g. 'I perioden blev 12 kommunale sundhedstilbud afholdt lokalt i Vadum (mål: 10).'
    Numbers below the threshold read 'færre end 5'; hidden ones are said to be hidden.
    """
    da = lang == "da"
    nums = unit.numbers
    where, k = _where(m, unit, lang), m.k
    out = []

    offers = nums["kommunale_tilbud_afholdt"]
    if offers.value is not None:
        tc = _target_clause(m, offers, lang)
        if da:
            what = "kommunalt sundhedstilbud" if offers.value == 1 else "kommunale sundhedstilbud"
            out.append(f"I perioden blev {_n(offers, lang)} {what} afholdt lokalt {where}{tc}.")
        else:
            what = "municipal health offer was" if offers.value == 1 else "municipal health offers were"
            out.append(f"In the period, {_n(offers, lang)} {what} held locally {where}{tc}.")

    new = nums["nye_civilsamfundsaktiviteter"]
    if new.value is not None:
        tc = _target_clause(m, new, lang)
        if da:
            what = "ny civilsamfundsaktivitet" if new.value == 1 else "nye civilsamfundsaktiviteter"
            out.append(f"Der kom {_n(new, lang)} {what} i gang{tc}.")
        else:
            what = "new civil-society activity" if new.value == 1 else "new civil-society activities"
            out.append(f"{_n(new, lang)} {what} started{tc}.")

    partners, carried = nums["aktive_partnere"], nums["samarbejder_baaret_lokalt"]
    if partners.value is not None and carried.value is not None:
        tc = _target_clause(m, partners, lang)
        by = ("områderne" if unit.code == ALL else "området") if da else (
            "the areas themselves" if unit.code == ALL else "the area itself")
        if da:
            p = "aktiv lokal partner" if partners.value == 1 else "aktive lokale partnere"
            c = "samarbejde bæres" if carried.value == 1 else "samarbejder bæres"
            out.append(f"Der var {_n(partners, lang)} {p}{tc}, og {_n(carried, lang)} {c} nu videre af {by} selv.")
        else:
            p = "active local partner" if partners.value == 1 else "active local partners"
            c = "collaboration is" if carried.value == 1 else "collaborations are"
            out.append(f"There were {_n(partners, lang)} {p}{tc}, and {_n(carried, lang)} {c} now carried on by {by}.")

    knowledge, trained = nums["vidensaktiviteter"], nums["uddannede"]
    if knowledge.value is not None:
        tc = _target_clause(m, knowledge, lang)
        if da:
            head = f"Der blev holdt {_n(knowledge, lang)} " + (
                "vidensaktivitet" if knowledge.value == 1 else "vidensaktiviteter") + tc
            if trained.status == suppress.SMALL:
                out.append(f"{head}, og færre end {k} frontmedarbejdere og frivillige blev uddannet.")
            elif trained.status == suppress.HIDDEN or trained.value is None:
                out.append(f"{head}; antallet af uddannede frontmedarbejdere og frivillige vises ikke af hensyn "
                           "til små tal.")
            else:
                who = "frontmedarbejder eller frivillig" if trained.value == 1 else "frontmedarbejdere og frivillige"
                out.append(f"{head}, og {_n(trained, lang)} {who} blev uddannet.")
        else:
            head = f"{_n(knowledge, lang)} " + (
                "knowledge activity was held" if knowledge.value == 1 else "knowledge activities were held") + tc
            if trained.status == suppress.SMALL:
                out.append(f"{head}, and fewer than {k} frontline staff and volunteers were trained.")
            elif trained.status == suppress.HIDDEN or trained.value is None:
                out.append(f"{head}; the number of frontline staff and volunteers trained is not shown, to protect "
                           "small numbers.")
            else:
                who = "frontline staff member or volunteer was" if trained.value == 1 else \
                    "frontline staff and volunteers were"
                out.append(f"{head}, and {_n(trained, lang)} {who} trained.")

    part = nums["deltagere_pr_1000"]
    if part.status != suppress.SHOWN:
        out.append("Deltagelsen pr. 1.000 voksne vises ikke af hensyn til små tal." if da else
                   "Participation per 1,000 adults is not shown, to protect small numbers.")
    elif part.value is not None:
        x, tc = i18n.fmt_value(part.value, "rate", lang), _target_clause(m, part, lang)
        out.append(f"{x} ud af hver 1.000 voksne deltog i et tilbud eller en aktivitet{tc}." if da else
                   f"{x} of every 1,000 adults took part in an offer or activity{tc}.")

    done = nums["gennemfoerelse"]
    if done.status != suppress.SHOWN:
        out.append("Andelen af gennemførte forløb vises ikke af hensyn til små tal." if da else
                   "The share of completed enrolments is not shown, to protect small numbers.")
    elif done.value is not None:
        out.append(f"{value_label(m, done, lang)} af tilmeldingerne blev gennemført." if da else
                   f"{value_label(m, done, lang)} of enrolments were completed.")
    out += _result_sentences(m, nums, lang)
    return out


def _result_sentences(m: Meeting, nums: dict, lang: str) -> list[str]:
    """What the courses with an outcome achieved, and how fast enquiries became a start."""
    da, out = lang == "da", []
    end, later = nums["effekt_slut"], nums["effekt_opfoelgning"]
    if end.value is not None or end.status != suppress.SHOWN:
        if end.status != suppress.SHOWN:
            out.append("Effekten ved forløbenes afslutning vises ikke af hensyn til små tal." if da else
                       "The outcome at the end of the courses is not shown, to protect small numbers.")
        else:
            follow = ""
            if later.status != suppress.SHOWN:
                follow = (", og effekten ved opfølgningen vises ikke af hensyn til små tal" if da else
                          ", and the outcome at follow-up is not shown, to protect small numbers")
            elif later.value is not None:
                follow = (f", og {value_label(m, later, lang)} efter 6 måneder" if da else
                          f", and {value_label(m, later, lang)} after 6 months")
            out.append(f"I forløb med et effektmål (fx røgfri) havde {value_label(m, end, lang)} af deltagerne "
                       f"effekt ved afslutningen{follow}." if da else
                       f"In courses with an outcome measure (e.g. smoke-free), {value_label(m, end, lang)} of "
                       f"participants had the outcome at the end{follow}.")
    wait, fast = nums["svartid_median"], nums["andel_svar_3_dage"]
    if wait.status == suppress.SHOWN and wait.value is not None:
        days = i18n.fmt_value(wait.value, "median", lang)
        share = ""
        if fast.status == suppress.SHOWN and fast.value is not None:
            share = (f"; {value_label(m, fast, lang)} startede inden for 3 dage (god praksis)" if da else
                     f"; {value_label(m, fast, lang)} started within 3 days (good practice)")
        out.append(f"Fra henvendelse til start gik der typisk {days} dage{share}." if da else
                   f"From enquiry to start took typically {days} days{share}.")
    elif wait.status != suppress.SHOWN:
        out.append("Svartiden vises ikke af hensyn til små tal." if da else
                   "The response time is not shown, to protect small numbers.")
    return out
