"""Evaluation of health profiles: did the health of the focus areas move more than elsewhere?

KL and Danske Bioanalytikere/BL recommend measuring a local health profile before an effort and
again after it. For a focus area (or all focus areas together) and each health measure this module
takes

* the **baseline**: the area's latest profile year no later than the year its focus period starts
  (a profile from the start year counts: it is the survey the effort starts from);
* the **follow-up**: the first profile year no earlier than the year the focus period ends, or,
  while there is none (the period runs, or no survey since), the latest year after the baseline
  (said to be interim);

and the same years for **comparison areas**: by default the kommune's areas with no focus period
overlapping the focus area's, or the areas a leader chooses. Several areas are pooled by weighting
each area's share by its respondents where every share has them, otherwise by its adults (said so).

The **difference-in-differences** is (focus follow-up − focus baseline) − (comparison follow-up −
comparison baseline), in percentage points. Where every share has its respondents, its 95 %
interval is DiD ± 1,96 · √(Σ p(1−p)/n) over the four shares (pooled shares count their summed
respondents), the normal approximation for independent samples. Without respondents the changes
are shown without an interval, and the result says why.

Only areas with a value at both their baseline and their follow-up count, per measure; the areas
left out are named with the reason. Pure: no Streamlit; named SQL, values bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from lokal import i18n, queries

Z95 = 1.959964  # the 97,5 % quantile of the normal distribution

PROFILES = """
SELECT a.code, h.year, h.measure, h.value, h.respondents
FROM area_health_profile h JOIN areas a ON a.id = h.area_id
WHERE $kommune IS NULL OR a.kommunekode = $kommune
ORDER BY a.code, h.year, h.measure
"""
AREAS = """
SELECT code, name, kommunekode, coalesce(adults, 0) AS adults FROM areas
WHERE $kommune IS NULL OR kommunekode = $kommune
ORDER BY name
"""
FOCUS_PERIODS = """
SELECT a.code, f.start_date, f.end_date
FROM focus_periods f JOIN areas a ON a.id = f.area_id
WHERE f.deleted_at IS NULL AND ($kommune IS NULL OR a.kommunekode = $kommune)
ORDER BY a.code, f.start_date
"""
MEASURES = "SELECT code, name_da, name_en, higher_is_better FROM health_measures ORDER BY sort_order"

ALL = "alle"  # all focus areas together (the same code as lokal.meeting.ALL)
BETTER, SIMILAR, WORSE = "better", "similar", "worse"

# How a measure reads in a sentence: 'Andelen af dagligrygere faldt fra …'.
SUBJECTS = {
    "dagligrygning": ("Andelen af dagligrygere", "The share of daily smokers"),
    "svaer_overvaegt": ("Andelen med svær overvægt", "The share with obesity"),
    "fysisk_inaktiv": ("Andelen af fysisk inaktive", "The share of physically inactive adults"),
    "daarligt_mentalt": ("Andelen med dårligt mentalt helbred", "The share with poor mental health"),
    "type2_diabetes": ("Andelen med type 2-diabetes", "The share with type 2 diabetes"),
    "kol": ("Andelen med KOL", "The share with COPD"),
    "hjertesygdom": ("Andelen med hjerte-kar-sygdom", "The share with cardiovascular disease"),
    "muskel_skelet": ("Andelen med muskel- og skeletlidelser", "The share with musculoskeletal disorders"),
    "beskaeftigelse": ("Beskæftigelsesfrekvensen", "The employment rate"),
}


@dataclass(frozen=True)
class Profiles:
    """Everything the evaluation reads, loaded once (a meeting evaluates several units from it)."""

    values: dict  # (code, year, measure) → (value %, respondents or None)
    years: dict  # code → the sorted years with a profile
    areas: tuple  # (code, name, kommunekode, adults) in name order
    periods: dict  # code → [(start, end or None)] in start order
    measures: tuple  # (code, name_da, name_en, higher_is_better) in the registry's order
    data_date: date | None = None

    @property
    def names(self) -> dict[str, str]:
        return {a[0]: a[1] for a in self.areas}


def load(con: duckdb.DuckDBPyConnection, kommune: str | None = None, data_date: date | None = None) -> Profiles:
    """The profiles, areas, focus periods and measures of one kommune (or all)."""
    params = {"kommune": kommune}
    values, years = {}, {}
    for code, year, measure, value, n in con.execute(PROFILES, params).fetchall():
        values[(code, int(year), measure)] = (float(value), None if n is None else int(n))
        years.setdefault(code, set()).add(int(year))
    periods = {}
    for code, start, end in con.execute(FOCUS_PERIODS, params).fetchall():
        periods.setdefault(code, []).append((start, end))
    return Profiles(values, {c: sorted(y) for c, y in years.items()}, tuple(con.execute(AREAS, params).fetchall()),
                    periods, tuple(con.execute(MEASURES).fetchall()), data_date)


@dataclass(frozen=True)
class Group:
    """One side (focus or comparison) for one measure: the pooled shares in percent."""

    areas: tuple[str, ...]  # names of the areas that count
    baseline: float | None
    followup: float | None
    n_baseline: int | None  # summed respondents; None when any is missing
    n_followup: int | None

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.followup is None:
            return None
        return self.followup - self.baseline

    @property
    def variance(self) -> float | None:
        """The variance of the change in percentage points², None without respondents."""
        if self.n_baseline is None or self.n_followup is None or self.baseline is None or self.followup is None:
            return None
        return sum(_binomial(p, n) for p, n in ((self.baseline, self.n_baseline), (self.followup, self.n_followup)))


def _binomial(p_pct: float, n: int) -> float:
    p = p_pct / 100
    return 1e4 * p * (1 - p) / n


@dataclass(frozen=True)
class MeasureResult:
    measure: str
    name_da: str
    name_en: str
    higher_is_better: bool
    focus: Group
    comparison: Group
    weighting: str  # 'respondents', 'adults' or 'equal'
    left_out: tuple[tuple[str, str], ...] = ()  # (area name, reason key)

    def name(self, lang: str = "da") -> str:
        return self.name_da if lang == "da" else self.name_en

    @property
    def did(self) -> float | None:
        """Difference-in-differences in percentage points."""
        if self.focus.change is None or self.comparison.change is None:
            return None
        return self.focus.change - self.comparison.change

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95 % interval of the DiD, None without respondents."""
        if self.did is None or self.focus.variance is None or self.comparison.variance is None:
            return None
        half = Z95 * math.sqrt(self.focus.variance + self.comparison.variance)
        return self.did - half, self.did + half

    @property
    def verdict(self) -> str | None:
        """'better', 'similar' or 'worse' for the focus areas, taking the measure's direction into
        account; None when there is no interval to judge by."""
        if self.interval is None:
            return None
        lo, hi = self.interval
        if lo <= 0 <= hi:
            return SIMILAR
        up = lo > 0
        return BETTER if up == self.higher_is_better else WORSE


@dataclass(frozen=True)
class Evaluation:
    """The evaluation of one focus area (or all together) against its comparison areas."""

    unit: str  # an area code or ALL
    unit_name: str  # the area's name ('' for ALL)
    focus_start: date | None
    focus_end: date | None
    baseline_years: tuple[int, ...]
    followup_years: tuple[int, ...]
    interim: bool  # a follow-up before the focus period ended (or while it runs)
    comparison_chosen: bool  # areas a leader chose, not the default
    focus_areas: tuple[str, ...]
    comparison_areas: tuple[str, ...]
    results: tuple[MeasureResult, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()  # (area name, reason key) over all measures
    problem: str | None = None  # why there is nothing to show (a key of _W)

    @property
    def has_results(self) -> bool:
        return any(r.did is not None for r in self.results)

    def result(self, measure: str) -> MeasureResult | None:
        return next((r for r in self.results if r.measure == measure), None)

    @property
    def without_interval(self) -> tuple[str, ...]:
        return tuple(r.measure for r in self.results if r.did is not None and r.interval is None)


# --- choosing years and areas ------------------------------------------------------------------


def _window(periods: list[tuple[date, date | None]]) -> tuple[date | None, date | None]:
    """The span of the given focus periods: first start, last end (None while one is open)."""
    if not periods:
        return None, None
    open_ = any(end is None for _, end in periods)
    return min(s for s, _ in periods), None if open_ else max(e for _, e in periods)


def _years(years: list[int], start: date, end: date | None, data_date: date | None) -> tuple[int | None, int | None,
                                                                                             bool]:
    """(baseline, follow-up, interim) from the years an area has a profile."""
    base = max((y for y in years if y <= start.year), default=None)
    if base is None:
        return None, None, False
    ended = end is not None and (data_date is None or end <= data_date)
    if end is not None:
        after = [y for y in years if y >= end.year and y > base]
        if after:
            return base, min(after), not ended
    later = [y for y in years if y > base]
    return base, (max(later) if later else None), True


def focus_areas(p: Profiles) -> list[str]:
    """Codes of the areas with a focus period, in name order."""
    return [a[0] for a in p.areas if a[0] in p.periods]


def default_comparison(p: Profiles, unit: str) -> list[str]:
    """The kommune's areas with no focus period overlapping the unit's (codes, in name order)."""
    chosen = focus_areas(p) if unit == ALL else [unit]
    start, end = _window([w for c in chosen for w in p.periods.get(c, [])])
    if start is None:
        return []
    kommuner = {a[2] for a in p.areas if a[0] in chosen}
    far = date(9999, 12, 31)

    def overlaps(code: str) -> bool:
        return any(s <= (end or far) and (e or far) >= start for s, e in p.periods.get(code, []))

    return [a[0] for a in p.areas if a[2] in kommuner and a[0] not in chosen and not overlaps(a[0])]


def evaluate(p: Profiles, unit: str = ALL, comparison: list[str] | None = None) -> Evaluation:
    """Baseline, follow-up, change and difference-in-differences per measure for a focus area or ALL.

    ``comparison``: area codes to compare with (None: :func:`default_comparison`)."""
    names = p.names
    focus = focus_areas(p) if unit == ALL else ([unit] if unit in p.periods else [])
    base = dict(unit=unit, unit_name="" if unit == ALL else names.get(unit, unit))
    if not focus:
        return Evaluation(**base, focus_start=None, focus_end=None, baseline_years=(), followup_years=(),
                          interim=False, comparison_chosen=comparison is not None, focus_areas=(),
                          comparison_areas=(), problem="not_focus" if unit != ALL else "no_focus")
    chosen = comparison is not None
    comparison = [c for c in (comparison if chosen else default_comparison(p, unit)) if c in names and c not in focus]
    years_of, lookup = p.years, p.values
    adults = {a[0]: a[3] for a in p.areas}

    # Each focus area by its own (latest) focus period; the comparison areas by the span of them all.
    windows = {code: _window(p.periods[code][-1:]) for code in focus}
    g_start = min(w[0] for w in windows.values())
    g_end = None if any(w[1] is None for w in windows.values()) else max(w[1] for w in windows.values())
    picks, left, interim = {}, {}, False
    for code in [*focus, *comparison]:
        start, end = windows.get(code, (g_start, g_end))
        b, f, provisional = _years(years_of.get(code, []), start, end, p.data_date)
        if b is None:
            left[code] = "no_baseline" if years_of.get(code) else "no_profile"
        elif f is None:
            left[code] = "no_followup"
        else:
            picks[code] = (b, f)
            interim = interim or (provisional and code in focus)

    results, left_any = [], dict(left)
    for m_code, name_da, name_en, higher_is_better in p.measures:
        missing: list[str] = []
        f_rows = _pairs(focus, picks, lookup, m_code, missing)
        c_rows = _pairs(comparison, picks, lookup, m_code, missing)
        if not f_rows and not c_rows:
            continue
        rows = f_rows + c_rows
        if all(vb[1] is not None and vf[1] is not None for _, vb, vf in rows):
            weighting = "respondents"
        elif all(adults.get(c, 0) > 0 for c, _, _ in rows):
            weighting = "adults"
        else:
            weighting = "equal"
        results.append(MeasureResult(
            measure=m_code, name_da=name_da, name_en=name_en, higher_is_better=bool(higher_is_better),
            focus=_pool(f_rows, weighting, adults, names), comparison=_pool(c_rows, weighting, adults, names),
            weighting=weighting, left_out=tuple((names[c], "missing_measure") for c in missing)))
        for c in missing:
            left_any.setdefault(c, "missing_some")
    ordered = [c for c in [*focus, *comparison] if c in left_any]
    f_picks = [picks[c] for c in focus if c in picks]
    problem = None
    if not any(r.did is not None for r in results):
        problem = "no_comparison" if any(r.focus.change is not None for r in results) else "no_pairs"
    return Evaluation(
        **base,
        focus_start=g_start if unit == ALL else windows[unit][0],
        focus_end=g_end if unit == ALL else windows[unit][1],
        baseline_years=tuple(sorted({b for b, _ in f_picks})),
        followup_years=tuple(sorted({f for _, f in f_picks})),
        interim=interim,
        comparison_chosen=chosen,
        focus_areas=tuple(names[c] for c in focus if c in picks),
        comparison_areas=tuple(names[c] for c in comparison if c in picks),
        results=tuple(results),
        left_out=tuple((names[c], left_any[c]) for c in ordered),
        problem=problem,
    )


def _pairs(codes: list[str], picks: dict, lookup: dict, measure: str, missing: list[str]) -> list:
    """(code, (baseline value, n), (follow-up value, n)) of the areas with the measure in both years;
    areas with it in only one of them are added to ``missing``."""
    rows = []
    for c in codes:
        if c not in picks:
            continue
        b, f = picks[c]
        vb, vf = lookup.get((c, b, measure)), lookup.get((c, f, measure))
        if vb is None or vf is None:
            if vb is not None or vf is not None:
                missing.append(c)
            continue
        rows.append((c, vb, vf))
    return rows


def _pool(rows: list, weighting: str, adults: dict, names: dict) -> Group:
    """Pool areas' shares: weighted by respondents (then the pooled share is that of all respondents
    together), by adults, or equally."""
    if not rows:
        return Group((), None, None, None, None)

    def weight(c, n):
        return n if weighting == "respondents" else adults.get(c, 0) if weighting == "adults" else 1

    out = []
    for k in (1, 2):  # baseline, follow-up
        ws = [weight(r[0], r[k][1]) for r in rows]
        out.append(sum(w * r[k][0] for w, r in zip(ws, rows)) / sum(ws))
    n = [sum(r[k][1] for r in rows) if weighting == "respondents" else None for k in (1, 2)]
    return Group(tuple(names[r[0]] for r in rows), out[0], out[1], n[0], n[1])


def run(con: duckdb.DuckDBPyConnection, unit: str = ALL, comparison: tuple[str, ...] | None = None,
        kommune: str | None = None) -> Evaluation:
    """Load and evaluate one unit (the pages call this through their cache)."""

    data_date = queries.info(con)["data_date"]
    return evaluate(load(con, kommune, data_date), unit, list(comparison) if comparison is not None else None)


def candidates(con: duckdb.DuckDBPyConnection, unit: str = ALL, kommune: str | None = None) -> pd.DataFrame:
    """The areas a leader may compare with (code, name, default) for the multiselect."""
    p = load(con, kommune)
    focus = set(focus_areas(p)) if unit == ALL else {unit}
    default = set(default_comparison(p, unit))
    return pd.DataFrame([(a[0], a[1], a[0] in default) for a in p.areas if a[0] not in focus],
                        columns=["code", "name", "default"])


def evaluate_units(p: Profiles, units: list[str]) -> dict[str, Evaluation]:
    """The default evaluation of each focus area among ``units`` (and of ALL when listed)."""
    focus = set(focus_areas(p))
    return {u: evaluate(p, u) for u in units if u == ALL or u in focus}


# --- words -------------------------------------------------------------------------------------

_W = {
    "da": {
        "fell": "faldt", "rose": "steg", "same": "var uændret", "fell_": "fra {a} til {b}", "rose_": "fra {a} til {b}",
        "same_": "på {a}",
        "in": "i {name}", "in_focus": "i fokusområderne", "in_comparison": "i sammenligningsområderne",
        "sentence": "{subject} {focus} {where} og {comp} {in_comparison}.",
        "only_focus": "{subject} {focus} {where}; ingen sammenligningsområder har målt før og efter.",
        "did": "Forskellen mellem de to udviklinger er {did} procentpoint (95\u00a0%-interval {lo} til {hi}): {verdict}.",
        "did_plain": "Forskellen mellem de to udviklinger er {did} procentpoint; der er intet interval, fordi "
                     "antallet af svarpersoner mangler.",
        BETTER: "tydeligt bedre end i sammenligningsområderne",
        SIMILAR: "ingen tydelig forskel fra sammenligningsområderne",
        WORSE: "tydeligt dårligere end i sammenligningsområderne",
        "v_" + BETTER: "Tydeligt bedre", "v_" + SIMILAR: "Ingen tydelig forskel", "v_" + WORSE: "Tydeligt dårligere",
        "v_none": "Kan ikke vurderes (ingen svarpersoner)",
        "pp": "procentpoint", "interval": "{lo} til {hi}",
        "no_baseline": "ingen måling før fokusperioden", "no_profile": "ingen sundhedsprofil",
        "no_followup": "ingen måling efter baseline", "missing_some": "mangler nogle målinger før eller efter",
        "missing_measure": "mangler målingen før eller efter",
        "not_focus": "{name} er ikke et fokusområde; evalueringen sammenligner et fokusområdes sundhed før og "
                     "efter fokusperioden.",
        "no_focus": "Ingen områder har en fokusperiode endnu.",
        "no_comparison": "Der er ingen sammenligningsområder med målinger før og efter fokusperioden.",
        "no_pairs": "Der er ingen sundhedsprofil målt både før og efter fokusperioden.",
        "weights_adults": "Flere områder er lagt sammen vægtet med antal voksne, fordi antallet af svarpersoner "
                          "mangler for {measures}.",
        "weights_equal": "Flere områder er lagt sammen med lige vægt, fordi både svarpersoner og befolkning mangler "
                         "for {measures}.",
        "no_interval": "Uden interval (antallet af svarpersoner mangler): {measures}.",
        "left_out": "Ikke med: {areas}.",
        "years": "Baseline {base}, opfølgning {follow}",
        "interim": " (foreløbig: fokusperioden er ikke slut, eller der er ikke målt efter den)",
        "chosen": "valgte sammenligningsområder", "default": "kommunens øvrige områder uden fokusperiode",
    },
    "en": {
        "fell": "fell", "rose": "rose", "same": "was unchanged", "fell_": "from {a} to {b}", "rose_": "from {a} to {b}",
        "same_": "at {a}",
        "in": "in {name}", "in_focus": "in the focus areas", "in_comparison": "in the comparison areas",
        "sentence": "{subject} {focus} {where} and {comp} {in_comparison}.",
        "only_focus": "{subject} {focus} {where}; no comparison area was measured before and after.",
        "did": "The difference between the two changes is {did} percentage points (95% interval {lo} to {hi}): "
               "{verdict}.",
        "did_plain": "The difference between the two changes is {did} percentage points; there is no interval, "
                     "because the number of respondents is missing.",
        BETTER: "clearly better than in the comparison areas",
        SIMILAR: "no clear difference from the comparison areas",
        WORSE: "clearly worse than in the comparison areas",
        "v_" + BETTER: "Clearly better", "v_" + SIMILAR: "No clear difference", "v_" + WORSE: "Clearly worse",
        "v_none": "Cannot be judged (no respondents)",
        "pp": "percentage points", "interval": "{lo} to {hi}",
        "no_baseline": "no survey before the focus period", "no_profile": "no health profile",
        "no_followup": "no survey after the baseline", "missing_some": "some measures missing before or after",
        "missing_measure": "the measure is missing before or after",
        "not_focus": "{name} is not a focus area; the evaluation compares a focus area's health before and after "
                     "its focus period.",
        "no_focus": "No area has a focus period yet.",
        "no_comparison": "No comparison area was surveyed before and after the focus period.",
        "no_pairs": "No health profile was surveyed both before and after the focus period.",
        "weights_adults": "Several areas are pooled weighted by their adults, because the number of respondents is "
                          "missing for {measures}.",
        "weights_equal": "Several areas are pooled with equal weights, because both respondents and population are "
                         "missing for {measures}.",
        "no_interval": "Without an interval (the number of respondents is missing): {measures}.",
        "left_out": "Left out: {areas}.",
        "years": "Baseline {base}, follow-up {follow}",
        "interim": " (interim: the focus period has not ended, or there is no survey after it)",
        "chosen": "chosen comparison areas", "default": "the kommune's other areas without a focus period",
    },
}


def _w(lang: str) -> dict:
    return _W.get(lang, _W["da"])


def pct(value: float | None, lang: str = "da") -> str:
    """A share: '19,4 %' / '19.4%'."""
    if value is None:
        return "–"
    return i18n.fmt_num(value, 1, lang) + ("\u00a0%" if lang == "da" else "%")  # never broken from its number


def signed(value: float | None, lang: str = "da") -> str:
    """Percentage points with a sign: '−2,1', '+0,4', '0,0'."""
    if value is None:
        return "–"
    text = i18n.fmt_num(abs(value), 1, lang)
    if text.strip("0,.") == "":
        return text
    return ("−" if value < 0 else "+") + text


def interval_text(r: MeasureResult, lang: str = "da") -> str:
    if r.interval is None:
        return "–"
    return _w(lang)["interval"].format(lo=signed(r.interval[0], lang), hi=signed(r.interval[1], lang))


def verdict_text(r: MeasureResult, lang: str = "da") -> str:
    return _w(lang)["v_" + r.verdict] if r.verdict else _w(lang)["v_none"]


def _way(a: float, b: float) -> str:
    return "same" if round(a, 1) == round(b, 1) else "fell" if b < a else "rose"


def _move(a: float, b: float, lang: str, verb: bool = True) -> str:
    """'faldt fra 24,0 % til 19,0 %' (without the verb when the sentence has just said it)."""
    w, way = _w(lang), _way(a, b)
    rest = w[way + "_"].format(a=pct(a, lang), b=pct(b, lang))
    return f"{w[way]} {rest}" if verb else rest


def subject(r: MeasureResult, lang: str = "da") -> str:
    da, en = SUBJECTS.get(r.measure, (f"Andelen for {r.name_da.lower()}", f"The share for {r.name_en.lower()}"))
    return da if lang == "da" else en


def where(e: Evaluation, lang: str = "da") -> str:
    w = _w(lang)
    return w["in_focus"] if e.unit == ALL else w["in"].format(name=e.unit_name)


def sentences(e: Evaluation, lang: str = "da", measures: list[str] | None = None) -> list[str]:
    """Plain sentences per measure: 'Andelen af dagligrygere faldt fra 24,0 % til 19,0 % i Aalborg Øst og fra
    17,0 % til 16,0 % i sammenligningsområderne.' and the difference with its interval and verdict."""
    w, out = _w(lang), []
    for r in e.results:
        if measures is not None and r.measure not in measures:
            continue
        if r.focus.change is None:
            continue
        focus = _move(r.focus.baseline, r.focus.followup, lang)
        if r.comparison.change is None:
            out.append(w["only_focus"].format(subject=subject(r, lang), focus=focus, where=where(e, lang)))
            continue
        same_way = _way(r.focus.baseline, r.focus.followup) == _way(r.comparison.baseline, r.comparison.followup)
        comp = _move(r.comparison.baseline, r.comparison.followup, lang, verb=not same_way)
        text = w["sentence"].format(subject=subject(r, lang), focus=focus, where=where(e, lang), comp=comp,
                                    in_comparison=w["in_comparison"])
        if r.interval is not None:
            text += " " + w["did"].format(did=signed(r.did, lang), lo=signed(r.interval[0], lang),
                                          hi=signed(r.interval[1], lang), verdict=w[r.verdict])
        else:
            text += " " + w["did_plain"].format(did=signed(r.did, lang))
        out.append(text)
    return out


def notes(e: Evaluation, lang: str = "da") -> list[str]:
    """What the reader must know: years, weighting, measures without an interval, areas left out."""
    w, out = _w(lang), []
    if e.problem:
        if e.problem == "not_focus":
            return [w["not_focus"].format(name=e.unit_name)]
        out.append(w[e.problem])
    if e.baseline_years:
        years = w["years"].format(base=", ".join(map(str, e.baseline_years)),
                                  follow=", ".join(map(str, e.followup_years)))
        out.append(years + (w["interim"] if e.interim else "") + ".")

    def listed(measures: list[MeasureResult]) -> str:
        if measures and len(measures) == len(e.results):
            return "alle målinger" if lang == "da" else "every measure"
        return ", ".join(r.name(lang) for r in measures)

    def names(kind: str) -> str:
        return listed([r for r in e.results
                       if r.weighting == kind and (len(r.focus.areas) > 1 or len(r.comparison.areas) > 1)])
    for kind, key in (("adults", "weights_adults"), ("equal", "weights_equal")):
        if names(kind):
            out.append(w[key].format(measures=names(kind)))
    if e.without_interval:
        out.append(w["no_interval"].format(measures=listed([e.result(m) for m in e.without_interval])))
    if e.left_out:
        out.append(w["left_out"].format(areas="; ".join(f"{n} ({w[reason]})" for n, reason in e.left_out)))
    return out


def headline_measures(e: Evaluation) -> list[str]:
    """The measures said first: daily smoking and every measure with a clear verdict (in the registry's order)."""
    return [r.measure for r in e.results if r.focus.change is not None
            and (r.measure == "dagligrygning" or r.verdict in (BETTER, WORSE))]


def verdict_names(lang: str = "da") -> dict[str | None, str]:
    w = _w(lang)
    return {BETTER: w["v_" + BETTER], SIMILAR: w["v_" + SIMILAR], WORSE: w["v_" + WORSE], None: w["v_none"]}


def chart_frame(e: Evaluation, lang: str = "da") -> pd.DataFrame:
    """measure_name, did, lo, hi, verdict per measure with a difference (for :func:`lokal.charts.did_intervals`)."""
    rows = [{"measure_name": r.name(lang), "did": r.did, "lo": r.interval[0] if r.interval else math.nan,
             "hi": r.interval[1] if r.interval else math.nan, "verdict": r.verdict}
            for r in e.results if r.did is not None]
    return pd.DataFrame(rows, columns=["measure_name", "did", "lo", "hi", "verdict"])


def comparison_label(e: Evaluation, lang: str = "da") -> str:
    w = _w(lang)
    return w["chosen"] if e.comparison_chosen else w["default"]


def table(e: Evaluation, lang: str = "da", k: int | None = None, changes: bool = True) -> pd.DataFrame:
    """The evaluation as a table of texts, one row per measure: before → after in both groups (with the
    change in brackets unless ``changes`` is False), the difference, its interval and the verdict.
    Respondents only when ``k`` is given; fewer than ``k`` read '<k', so the council never sees a small count."""
    da = lang == "da"
    cols = {
        "measure": "Måling" if da else "Measure",
        "focus": "Fokus før → efter" if da else "Focus before → after",
        "comparison": "Sammenligning før → efter" if da else "Comparison before → after",
        "did": "Forskel (pp.)" if da else "Difference (pp)",
        "interval": "95 %-interval" if da else "95% interval",
        "verdict": "Vurdering" if da else "Verdict",
    }

    def side(g: Group) -> str:
        if g.change is None:
            return "–"
        text = f"{pct(g.baseline, lang)} → {pct(g.followup, lang)}"
        return f"{text} ({signed(g.change, lang)})" if changes else text

    rows = []
    for r in e.results:
        if r.focus.change is None:
            continue
        row = {
            cols["measure"]: r.name(lang),
            cols["focus"]: side(r.focus),
            cols["comparison"]: side(r.comparison),
            cols["did"]: signed(r.did, lang),
            cols["interval"]: interval_text(r, lang),
            cols["verdict"]: verdict_text(r, lang) if r.did is not None else "–",
        }
        if k is not None:
            label = "Svarpersoner (fokus)" if da else "Respondents (focus)"
            row[label] = _count(r.focus.n_baseline, k, lang) + " / " + _count(r.focus.n_followup, k, lang)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*cols.values()] if not rows else None)


def _count(n: int | None, k: int, lang: str) -> str:
    if n is None:
        return "–"
    return f"<{k}" if n < k else i18n.fmt_num(n, 0, lang)


METHOD = {
    "da": (
        "**Baseline** er områdets seneste sundhedsprofil fra året, fokusperioden begynder, eller før. "
        "**Opfølgning** er den første profil fra året, fokusperioden slutter, eller senere — findes den ikke endnu, "
        "den seneste efter baseline (foreløbig). Sammenligningsområderne måles i de samme år: som standard "
        "kommunens områder uden en fokusperiode i samme tidsrum.\n\n"
        "**Forskel i forskelle** = (fokus efter − fokus før) − (sammenligning efter − sammenligning før), i "
        "procentpoint. Negativ betyder, at andelen faldt mere (eller steg mindre) i fokusområdet.\n\n"
        "**95 %-interval**: forskellen ± 1,96 · √(Σ p(1−p)/n) over de fire andele p med deres antal svarpersoner n "
        "(normalfordelingstilnærmelse; de fire målinger regnes som uafhængige stikprøver). Flere områder lægges "
        "sammen vægtet med svarpersoner (den samlede andel af alle svarpersoner); mangler svarpersonerne, vægtes "
        "med antal voksne, og der gives intet interval.\n\n"
        "**Vurdering**: *tydeligt bedre* eller *tydeligt dårligere*, når hele intervallet ligger på den ene side "
        "af 0 (efter om målingen er bedst høj eller lav), ellers *ingen tydelig forskel*. Kun områder med en "
        "måling både før og efter tæller med. Forskellen viser, om fokusområdet flyttede sig mere end "
        "sammenligningen — ikke i sig selv, at indsatsen var årsagen. Tallene er regnet uden afrunding og afrundet "
        "hver for sig, så forskellen kan afvige 0,1 fra forskellen mellem de viste ændringer."
    ),
    "en": (
        "**Baseline** is the area's latest health profile from the year its focus period starts, or earlier. "
        "**Follow-up** is the first profile from the year the focus period ends, or later — while there is none, "
        "the latest after the baseline (interim). The comparison areas are taken in the same years: by default "
        "the kommune's areas without a focus period at the same time.\n\n"
        "**Difference-in-differences** = (focus after − focus before) − (comparison after − comparison before), in "
        "percentage points. Negative means the share fell more (or rose less) in the focus area.\n\n"
        "**95% interval**: the difference ± 1.96 · √(Σ p(1−p)/n) over the four shares p with their numbers of "
        "respondents n (normal approximation; the four surveys count as independent samples). Several areas are "
        "pooled weighted by respondents (the share among all their respondents); without respondents they are "
        "weighted by adults and no interval is given.\n\n"
        "**Verdict**: *clearly better* or *clearly worse* when the whole interval lies on one side of 0 (by "
        "whether the measure is better high or low), otherwise *no clear difference*. Only areas surveyed both "
        "before and after count. The difference shows whether the focus area moved more than the comparison — "
        "not by itself that the effort caused it. The figures are computed unrounded and rounded each on its own, "
        "so the difference may differ by 0.1 from the difference of the changes shown."
    ),
}


def method_text(lang: str = "da") -> str:
    return METHOD.get(lang, METHOD["da"])


__all__ = ["load", "evaluate", "evaluate_units", "default_comparison", "focus_areas", "sentences", "notes", "table",
           "method_text", "Evaluation", "MeasureResult", "Group", "Profiles"]
