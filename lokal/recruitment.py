"""Recruitment figures by strategy and by channel: who was reached, who started and completed, at what cost.

One job: the page Rekruttering's figures (issue 16). For a period, a kommune and a set of areas (by the
offer's area) and an offer category, every enquiry on an offer that was held is followed from enquiry to
start, completion and outcome, grouped by the offer's recruitment strategy (``offers.recruitment``) and by
the enrolment's channel.

Definitions (the page states them):

* An enquiry is an enrolment on a held offer (status igangværende or gennemført); it counts in the period
  of its enquiry date (without one: its start date), so each enquiry is followed to its start, completion
  and outcome. A participant is an enquiry that started (it has a start date).
* Target group: participants aged 40–60; men: participants who are men. Both are shares of all
  participants (an unknown age or sex counts as not in the target group / not a man).
* Lives in a focus area: the participant's home area (else the offer's area) is a focus area in the
  period. Lives in a high-need area: that area's need index (``behovsindeks``) is above 110 (more than
  10 % above the kommune, the registry's rule for "worse") in the period.
* Cost: an offer's cost is shared equally by its participants (all who ever started on it), so a period
  carries the share of the participants who enquired in it; a strategy's cost is the sum of those shares
  over its offers. Cost per participant and per participant aged 40–60 divide it by those counted on
  offers *with* a cost; cost per completer divides the part on participants whose completion is known by
  the completers (as the registry's ``pris_pr_gennemfoert``), cost per positive outcome the part on
  participants whose outcome is recorded by those with a positive outcome. Offers without a cost are counted and named (:func:`without_cost`), never silently
  dropped. A channel has no cost of its own: channel rows carry no cost.

Intervals: Wilson for a share, Newcombe's hybrid score interval for the difference of two shares, and for
"40–60-year-olds per krone" the ratio of two Poisson rates conditional on their sum (see
:mod:`lokal.compare`). A council member (``byraad``) sees :func:`council_view`: one ended calendar year,
the whole kommune, all offers, its counts protected as one problem (:func:`protect`). Pure: no Streamlit.
"""

from __future__ import annotations

import math
from itertools import combinations

import duckdb
import pandas as pd

from lokal import access, compare, i18n, suppress
from lokal.indicators import Period

STRATEGIES = ("åben", "afgrænset", "målrettet")
UNKNOWN = "ukendt"
STRATEGY, CHANNEL, TOTAL = "strategi", "kanal", "i alt"
TARGET_AGES = ("40-49", "50-60")  # the target group 40–60, as the registry's maalgruppe_pr_1000
HIGH_NEED = 110.0  # need index above this: "worse than the kommune" by the registry's ±10 % rule for indices
BEST_DAYS = 3  # best practice: at most three days from enquiry to start

# The counts behind every figure, per group. The *_c counts are on offers with a cost.
COUNTS = ("enquiries", "participants", "target", "men", "home_focus", "home_need", "completed",
          "completion_known", "positive", "outcome_known", "within_3", "wait_known",
          "participants_c", "target_c", "completed_c", "positive_c")

_SQL = """
WITH off AS MATERIALIZED (
    SELECT o.id, o.title, o.area_id, o.category, o.has_outcome, o.cost::DOUBLE AS cost,
           coalesce(o.recruitment, 'ukendt') AS strategy,
           (SELECT count(*) FROM enrolment_facts f WHERE f.offer_id = o.id) AS started_all
    FROM offer_facts o WHERE o.held AND ($category IS NULL OR o.category = $category)
),
in_focus AS (
    SELECT DISTINCT f.area_id FROM focus_periods f
    WHERE f.deleted_at IS NULL AND f.start_date <= $end AND coalesce(f.end_date, DATE '9999-12-31') >= $start
),
r AS MATERIALIZED (
    SELECT o.strategy, coalesce(e.channel, 'ukendt') AS channel, o.id AS offer_id,
           e.start_date IS NOT NULL AS started,
           e.start_date IS NOT NULL AND p.age_band IN ('40-49', '50-60') AS target,
           e.start_date IS NOT NULL AND p.sex = 'mand' AS man,
           e.start_date IS NOT NULL AND coalesce(p.home_area_id, o.area_id) IN (SELECT area_id FROM in_focus) AS home_focus,
           e.start_date IS NOT NULL AND list_contains($need, h.code) AS home_need,
           e.start_date IS NOT NULL AND e.completed AS completed,
           e.start_date IS NOT NULL AND e.completed IS NOT NULL AS completion_known,
           e.start_date IS NOT NULL AND o.has_outcome AND e.outcome_end AS positive,
           e.start_date IS NOT NULL AND o.has_outcome AND e.outcome_end IS NOT NULL AS outcome_known,
           e.start_date - e.inquiry_date AS wait,
           o.cost IS NOT NULL AS has_cost, o.has_outcome,
           CASE WHEN e.start_date IS NOT NULL THEN o.cost / nullif(o.started_all, 0) END AS cost_share
    FROM enrolments e
    JOIN participants p ON p.id = e.participant_id AND p.deleted_at IS NULL
    JOIN off o ON o.id = e.offer_id
    JOIN areas a ON a.id = o.area_id
    JOIN areas h ON h.id = coalesce(p.home_area_id, o.area_id)
    WHERE e.deleted_at IS NULL AND coalesce(e.inquiry_date, e.start_date) BETWEEN $start AND $end
      AND ($kommune IS NULL OR a.kommunekode = $kommune) AND ($areas IS NULL OR list_contains($areas, a.code))
)
SELECT CASE WHEN grouping(strategy) = 0 THEN 'strategi' WHEN grouping(channel) = 0 THEN 'kanal' ELSE 'i alt' END
           AS dimension,
       coalesce(CASE WHEN grouping(strategy) = 0 THEN strategy END, CASE WHEN grouping(channel) = 0 THEN channel END,
                'i alt') AS "group",
       count(*) AS enquiries, count(*) FILTER (WHERE started) AS participants,
       count(*) FILTER (WHERE target) AS target, count(*) FILTER (WHERE man) AS men,
       count(*) FILTER (WHERE home_focus) AS home_focus, count(*) FILTER (WHERE home_need) AS home_need,
       count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE completion_known) AS completion_known,
       count(*) FILTER (WHERE positive) AS positive, count(*) FILTER (WHERE outcome_known) AS outcome_known,
       count(*) FILTER (WHERE started AND wait <= 3) AS within_3, count(*) FILTER (WHERE started AND wait IS NOT NULL)
           AS wait_known,
       median(wait) FILTER (WHERE started) AS wait_median,
       count(*) FILTER (WHERE started AND has_cost) AS participants_c,
       count(*) FILTER (WHERE target AND has_cost) AS target_c,
       count(*) FILTER (WHERE completed AND has_cost) AS completed_c,
       count(*) FILTER (WHERE positive AND has_cost) AS positive_c,
       coalesce(sum(cost_share), 0) AS cost,
       coalesce(sum(cost_share) FILTER (WHERE completion_known), 0) AS cost_done,
       coalesce(sum(cost_share) FILTER (WHERE outcome_known), 0) AS cost_outcome,
       count(DISTINCT offer_id) AS offers,
       count(DISTINCT offer_id) FILTER (WHERE NOT has_cost) AS offers_without_cost
FROM r
GROUP BY GROUPING SETS ((strategy), (channel), ())
"""

_WITHOUT_COST = """
SELECT o.title, a.name AS area, coalesce(o.recruitment, 'ukendt') AS strategy, count(*) AS enquiries,
       count(*) FILTER (WHERE e.start_date IS NOT NULL) AS participants
FROM offer_facts o
JOIN areas a ON a.id = o.area_id
JOIN enrolments e ON e.offer_id = o.id AND e.deleted_at IS NULL
JOIN participants p ON p.id = e.participant_id AND p.deleted_at IS NULL
WHERE o.held AND o.cost IS NULL AND ($category IS NULL OR o.category = $category)
  AND coalesce(e.inquiry_date, e.start_date) BETWEEN $start AND $end
  AND ($kommune IS NULL OR a.kommunekode = $kommune) AND ($areas IS NULL OR list_contains($areas, a.code))
GROUP BY ALL ORDER BY o.title
"""

_FOCUS_AREAS = """
SELECT DISTINCT a.code FROM areas a JOIN focus_periods f ON f.area_id = a.id AND f.deleted_at IS NULL
WHERE f.start_date <= $end AND coalesce(f.end_date, DATE '9999-12-31') >= $start
  AND ($kommune IS NULL OR a.kommunekode = $kommune)
ORDER BY 1
"""


def focus_areas(con: duckdb.DuckDBPyConnection, period: Period, kommune: str | None = None) -> list[str]:
    """The codes of the areas that are focus areas in the period (a focus period overlaps it)."""
    return [r[0] for r in con.execute(_FOCUS_AREAS, {"start": period.start, "end": period.end,
                                                     "kommune": kommune}).fetchall()]


def high_need_areas(con: duckdb.DuckDBPyConnection, period: Period, *, viewer: access.User | str,
                    kommune: str | None = None) -> list[str]:
    """The codes of the areas whose need index in the period is above :data:`HIGH_NEED` (through
    :func:`lokal.views.area_results`, like every indicator a page shows; the index is not a person figure)."""
    from lokal import views

    need = views.area_results(con, period, viewer=viewer, indicator_ids=["behovsindeks"], kommune=kommune)
    return sorted(need[need.value > HIGH_NEED].unit)


def _params(con, period: Period, areas: list[str] | None, category: str | None, kommune: str | None) -> dict:
    if category not in (None, "kommunalt", "civilsamfund"):
        raise ValueError(f"Ukendt kategori: {category!r}")
    return {"start": period.start, "end": period.end, "areas": areas, "category": category, "kommune": kommune}


def counts(con: duckdb.DuckDBPyConnection, period: Period, *, areas: list[str] | None = None,
           category: str | None = None, kommune: str | None = None, need: list[str] = ()) -> pd.DataFrame:
    """The counts per strategy, per channel and in total (columns ``dimension``, ``group`` and
    :data:`COUNTS`, ``wait_median``, ``cost`` (and ``cost_done``, ``cost_outcome``: the part on participants
    whose completion, outcome is known), ``offers``, ``offers_without_cost``).
    ``areas``: codes of the offers' areas (None: every area of the kommune); ``need``: the codes of the
    high-need areas (:func:`high_need_areas`). Every strategy has a row, also one without enquiries."""
    params = _params(con, period, areas, category, kommune)
    params["need"] = list(need)
    out = con.execute(_SQL, params).df()
    have = set(out.loc[out.dimension == STRATEGY, "group"])
    missing = [s for s in STRATEGIES if s not in have]
    if missing:
        zero = {c: 0 for c in (*COUNTS, "cost", "cost_done", "cost_outcome", "offers",
                                    "offers_without_cost")}
        out = pd.concat([out, pd.DataFrame([{"dimension": STRATEGY, "group": s, **zero, "wait_median": math.nan}
                                            for s in missing])], ignore_index=True)
    if not (out.dimension == TOTAL).any():
        out = pd.concat([out, pd.DataFrame([{"dimension": TOTAL, "group": TOTAL, **{c: 0 for c in COUNTS},
                                             "cost": 0.0, "cost_done": 0.0, "cost_outcome": 0.0, "offers": 0,
                                             "offers_without_cost": 0, "wait_median": math.nan}])],
                        ignore_index=True)
    order = {STRATEGY: 0, CHANNEL: 1, TOTAL: 2}
    rank = {s: i for i, s in enumerate((*STRATEGIES, UNKNOWN))}
    out["_d"] = out.dimension.map(order)
    out["_s"] = [rank.get(g, 9) if d == STRATEGY else -p for d, g, p in zip(out.dimension, out.group, out.participants)]
    out = out.sort_values(["_d", "_s", "group"]).drop(columns=["_d", "_s"]).reset_index(drop=True)
    for c in COUNTS:
        out[c] = out[c].astype("float64")
    return out


def without_cost(con: duckdb.DuckDBPyConnection, period: Period, *, areas: list[str] | None = None,
                 category: str | None = None, kommune: str | None = None) -> pd.DataFrame:
    """The held offers with enquiries in the period that have no cost: title, area, strategy, enquiries,
    participants. Their participants are left out of the costs per person, and the page names them."""
    return con.execute(_WITHOUT_COST, _params(con, period, areas, category, kommune)).df()


# --- figures from the counts ---------------------------------------------------------------------

# Share figures: (column, numerator, denominator). Percent, with a Wilson interval.
SHARES = (
    ("start_rate", "participants", "enquiries"),
    ("target_share", "target", "participants"),
    ("men_share", "men", "participants"),
    ("focus_share", "home_focus", "participants"),
    ("need_share", "home_need", "participants"),
    ("completion", "completed", "completion_known"),
    ("outcome", "positive", "outcome_known"),
    ("within_3_share", "within_3", "wait_known"),
)
# Cost figures: (column, cost column, denominator on offers with a cost).
COSTS = (
    ("cost_per_participant", "cost", "participants_c"),
    ("cost_per_target", "cost", "target_c"),
    ("cost_per_completer", "cost_done", "completed_c"),
    ("cost_per_positive", "cost_outcome", "positive_c"),
)
PER_KR = 100_000  # "40–60-year-olds per 100.000 kr."


def _share(num, den) -> tuple[float, float, float]:
    if den is None or not den > 0 or num is None or num != num:
        return math.nan, math.nan, math.nan
    lo, hi = compare.wilson(num, den)
    return 100 * num / den, 100 * lo, 100 * hi


def figures(table: pd.DataFrame) -> pd.DataFrame:
    """Add the shares (percent, with ``_lo``/``_hi`` Wilson limits), costs per person and 40–60-year-olds
    per 100.000 kr. (with a Poisson interval) to a frame of :func:`counts`. A missing count (NaN: hidden for
    the council) leaves the figures that need it blank. Channel rows get no costs."""
    out = table.copy()
    for name, num, den in SHARES:
        vals = [_share(n, d) for n, d in zip(out[num], out[den])]
        out[name] = [v[0] for v in vals]
        out[f"{name}_lo"] = [v[1] for v in vals]
        out[f"{name}_hi"] = [v[2] for v in vals]
    costed = out.dimension != CHANNEL
    for name, cost, den in COSTS:
        out[name] = [c / d if ok and d == d and d > 0 and c == c else math.nan
                     for ok, c, d in zip(costed, out[cost], out[den])]
    per = []
    for ok, c, n in zip(costed, out["cost"], out["target_c"]):
        if not ok or c != c or not c > 0 or n != n:
            per.append((math.nan, math.nan, math.nan))
            continue
        lo, hi = compare.poisson(n)
        per.append((PER_KR * n / c, PER_KR * lo / c, PER_KR * hi / c))
    out["target_per_kr"] = [p[0] for p in per]
    out["target_per_kr_lo"] = [p[1] for p in per]
    out["target_per_kr_hi"] = [p[2] for p in per]
    return out


# --- comparisons between strategies, in plain words ----------------------------------------------

# (figure, numerator, denominator, what it measures in a sentence, Danish)
COMPARED = (
    ("target_share", "target", "participants", "andel i målgruppen (40–60 år)"),
    ("start_rate", "participants", "enquiries", "andel af henvendelserne, der startede"),
    ("completion", "completed", "completion_known", "gennemførelse"),
)


def comparisons(table: pd.DataFrame, lang: str = "da") -> pd.DataFrame:
    """Every pair of strategies compared on the shares in :data:`COMPARED` (Newcombe interval for the
    difference) and on 40–60-year-olds per krone (rate ratio): one row per pair and figure with the
    difference, its interval, a verdict (``større``/``mindre``/``som``, or None when it cannot be said)
    and a plain sentence in ``lang``."""
    rows = table[table.dimension == STRATEGY].set_index("group")
    out = []
    for a, b in combinations([s for s in STRATEGIES if s in rows.index], 2):
        ra, rb = rows.loc[a], rows.loc[b]
        for figure, num, den, what in COMPARED:
            out.append(_share_pair(a, b, ra, rb, figure, num, den, what, lang))
        out.append(_per_kr_pair(a, b, ra, rb, lang))
    return pd.DataFrame(out, columns=["a", "b", "figure", "value_a", "value_b", "difference", "low", "high",
                                      "verdict", "sentence"])


def _known(*values) -> bool:
    return all(v is not None and v == v for v in values)


def _share_pair(a, b, ra, rb, figure, num, den, what, lang) -> dict:
    row = {"a": a, "b": b, "figure": figure, "value_a": math.nan, "value_b": math.nan, "difference": math.nan,
           "low": math.nan, "high": math.nan, "verdict": None}
    t = lambda s: i18n.t(s, lang)  # noqa: E731
    names = {"a": t(a).capitalize(), "b": t(b), "what": t(what)}
    if not (_known(ra[num], ra[den], rb[num], rb[den]) and ra[den] > 0 and rb[den] > 0):
        row["sentence"] = t("{a} og {b} kan ikke sammenlignes på {what}: for få tal.").format(**names)
        return row
    d, lo, hi = compare.newcombe(ra[num], ra[den], rb[num], rb[den])
    row.update(value_a=100 * ra[num] / ra[den], value_b=100 * rb[num] / rb[den], difference=100 * d,
               low=100 * lo, high=100 * hi)
    verdict = "større" if lo > 0 else "mindre" if hi < 0 else "som"
    row["verdict"] = verdict
    # A smaller share is told as a positive difference the other way (8 points, interval 1 to 16).
    sign = -1 if verdict == "mindre" else 1
    low, high = sorted((sign * row["low"], sign * row["high"]))
    whole = lambda v: i18n.fmt_num(round(v) + 0.0, 0, lang)  # noqa: E731  (no "-0")
    nums = {"pa": f"{whole(row['value_a'])} %", "pb": f"{whole(row['value_b'])} %", "d": whole(sign * row["difference"]),
            "lo": whole(low), "hi": whole(high)}
    if verdict == "som":
        text = t("{a} og {b} kan ikke skelnes på {what}: {pa} mod {pb} (forskel {d} procentpoint; 95 %-interval "
                 "{lo} til {hi} rummer 0).")
    else:
        text = t("{a} havde en større {what} end {b}: {pa} mod {pb} (forskel {d} procentpoint; 95 %-interval "
                 "{lo} til {hi}).") if verdict == "større" else \
            t("{a} havde en mindre {what} end {b}: {pa} mod {pb} (forskel {d} procentpoint; 95 %-interval "
              "{lo} til {hi}).")
    row["sentence"] = text.format(**names, **nums)
    return row


def _per_kr_pair(a, b, ra, rb, lang) -> dict:
    row = {"a": a, "b": b, "figure": "target_per_kr", "value_a": math.nan, "value_b": math.nan,
           "difference": math.nan, "low": math.nan, "high": math.nan, "verdict": None}
    t = lambda s: i18n.t(s, lang)  # noqa: E731
    names = {"a": t(a).capitalize(), "b": t(b)}
    na, nb, ca, cb = ra["target_c"], rb["target_c"], ra["cost"], rb["cost"]
    if not (_known(na, nb, ca, cb) and ca > 0 and cb > 0 and na + nb > 0):
        row["sentence"] = t("{a} og {b} kan ikke sammenlignes på 40–60-årige pr. krone: for få tal eller ingen "
                            "pris.").format(**names)
        return row
    ratio, lo, hi = compare.rate_ratio(na, ca, nb, cb)
    row.update(value_a=PER_KR * na / ca, value_b=PER_KR * nb / cb, difference=ratio, low=lo, high=hi)
    verdict = "større" if lo > 1 else "mindre" if hi < 1 else "som"
    row["verdict"] = verdict
    fmt = lambda v: "∞" if math.isinf(v) else i18n.fmt_num(v, 2, lang)  # noqa: E731
    nums = {"pa": i18n.fmt_num(row["value_a"], 1, lang), "pb": i18n.fmt_num(row["value_b"], 1, lang),
            "r": fmt(ratio), "lo": fmt(lo), "hi": fmt(hi)}
    text = {
        "større": t("{a} gav flere 40–60-årige pr. krone end {b}: {pa} mod {pb} pr. 100.000 kr. (forhold {r}; "
                    "95 %-interval {lo} til {hi})."),
        "mindre": t("{a} gav færre 40–60-årige pr. krone end {b}: {pa} mod {pb} pr. 100.000 kr. (forhold {r}; "
                    "95 %-interval {lo} til {hi})."),
        "som": t("{a} og {b} kan ikke skelnes på 40–60-årige pr. krone: {pa} mod {pb} pr. 100.000 kr. (forhold "
                 "{r}; 95 %-interval {lo} til {hi} rummer 1)."),
    }[verdict]
    row["sentence"] = text.format(**names, **nums)
    return row


def answer(table: pd.DataFrame, lang: str = "da") -> str | None:
    """The leader's question in one sentence: which strategy brought the most 40–60-year-olds per krone,
    and how many of them completed. None when no strategy has participants aged 40–60 and a cost."""
    rows = table[(table.dimension == STRATEGY) & table.group.isin(STRATEGIES)]
    rows = rows[rows.target_per_kr.notna() & (rows.target_per_kr > 0)]
    if rows.empty:
        return None
    best = rows.sort_values("target_per_kr", ascending=False).iloc[0]
    t = lambda s: i18n.t(s, lang)  # noqa: E731
    text = t("Flest 40–60-årige pr. krone: {s} med {n} pr. 100.000 kr. (95 %-interval {lo}–{hi}); "
             "{c} af deltagerne gennemførte, og en deltager på 40–60 år kostede {k} kr.")
    completion = "–" if best.completion != best.completion else f"{i18n.fmt_num(best.completion, 0, lang)} %"
    return text.format(s=t(best.group), n=i18n.fmt_num(best.target_per_kr, 1, lang),
                       lo=i18n.fmt_num(best.target_per_kr_lo, 1, lang), hi=i18n.fmt_num(best.target_per_kr_hi, 1, lang),
                       c=completion, k=i18n.fmt_num(best.cost_per_target, 0, lang))


# --- the views: a leader's, and the council's protected one --------------------------------------


def view(con: duckdb.DuckDBPyConnection, period: Period, *, viewer: access.User | str,
         areas: list[str] | None = None, category: str | None = None, kommune: str | None = None) -> pd.DataFrame:
    """The figures for leaders, coordinators and admins (unprotected; a council member is refused and
    sees :func:`council_view`)."""
    access.require(con, viewer, access.DETAILS, what="rekruttering")
    need = high_need_areas(con, period, viewer=viewer, kommune=kommune)
    return figures(counts(con, period, areas=areas, category=category, kommune=kommune, need=need))


def offers_without_cost(con: duckdb.DuckDBPyConnection, period: Period, *, viewer: access.User | str,
                        areas: list[str] | None = None, category: str | None = None,
                        kommune: str | None = None) -> pd.DataFrame:
    """:func:`without_cost` for a viewer; a council member gets the offers' names and strategies only
    (their counts are person figures)."""
    out = without_cost(con, period, areas=areas, category=category, kommune=kommune)
    if access.sees_release_only(viewer):
        return out[["title", "area", "strategy"]]
    return out


# The counts the council's table shows, and the complements that can be derived from them: (whole, part).
# Each complement is a cell of its own, never shown, protected when small (e.g. enquiries − participants
# = those who did not start).
SHOWN_COUNTS = ("enquiries", "participants", "target", "men", "home_focus", "home_need", "completed",
                "completion_known", "positive", "outcome_known", "within_3", "wait_known")
_COMPLEMENTS = (("enquiries", "participants"), ("participants", "target"), ("participants", "men"),
                ("participants", "home_focus"), ("participants", "home_need"),
                ("completion_known", "completed"), ("participants", "completion_known"),
                ("outcome_known", "positive"), ("participants", "outcome_known"),
                ("wait_known", "within_3"), ("participants", "wait_known"))


def protect(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """Small-number protection of a frame of :func:`counts`, as one problem: every count of
    :data:`SHOWN_COUNTS` in every strategy and channel row and the total, with the lines that tie them
    (strategies add up to the total, channels add up to the total, and within a row each whole is its
    part plus a derivable complement). Returns a copy whose hidden counts are NaN, with a ``status``
    column per count (``status_<count>``: SHOWN, SMALL or HIDDEN). A count on offers with a cost is kept
    only where it is the count shown, the median only beside a shown count; costs are not persons."""
    rows = list(zip(table.dimension, table.group))
    values: dict = {}
    lines: list = []
    virtual: set = set()
    for (dim, grp), r in zip(rows, table.itertuples(index=False)):
        for c in SHOWN_COUNTS:
            values[(dim, grp, c)] = float(getattr(r, c))
        for whole, part in _COMPLEMENTS:
            rest = (dim, grp, f"{whole}-{part}")
            values[rest] = max(0.0, float(getattr(r, whole)) - float(getattr(r, part)))
            virtual.add(rest)
            lines.append(((dim, grp, whole), [(dim, grp, part), rest]))
    names = [*SHOWN_COUNTS, *(f"{w}-{p}" for w, p in _COMPLEMENTS)]
    for dim in (STRATEGY, CHANNEL):
        members = [(d, g) for d, g in rows if d == dim]
        for c in names:
            lines.append(((TOTAL, TOTAL, c), [(d, g, c) for d, g in members]))
    status = suppress.protect(values, lines, k=k, virtual=virtual)
    out = table.copy()
    for c in SHOWN_COUNTS:
        out[f"status_{c}"] = [status[(d, g, c)] for d, g in rows]
        out[c] = [v if s == suppress.SHOWN else math.nan for v, s in zip(out[c], out[f"status_{c}"])]
    # A cost per person would give the count on offers with a cost away to whoever knows the cost, so the
    # council sees it only where that count is the count shown (every offer of the row has a cost).
    for col, by in (("participants_c", "participants"), ("target_c", "target"), ("completed_c", "completed"),
                    ("positive_c", "positive")):
        out[col] = [v if v == n else math.nan for v, n in zip(out[col], out[by])]
    out["wait_median"] = [m if s == suppress.SHOWN and n >= k else math.nan
                          for m, s, n in zip(out.wait_median, out.status_wait_known, table.wait_known)]
    return out


def council_period(years: list[str], asked: str | None) -> str | None:
    """The council's year: the asked period's year when that year has ended (is in ``years``), else the
    latest ended year."""
    if asked and asked[:4] in years:
        return asked[:4]
    return years[0] if years else None


def council_view(con: duckdb.DuckDBPyConnection, period: Period, *, kommune: str | None = None,
                 k: int | None = None) -> pd.DataFrame:
    """What a council member sees: the figures of one ended calendar year for the whole kommune and all
    offers, protected by :func:`protect`. Calendar years do not overlap (an enquiry belongs to the year of
    its enquiry date), and no area, focus or category choice is offered, so no two council tables can be
    subtracted from each other."""
    from lokal import release

    if k is None:
        k = release.threshold(con)
    years = [p for p in release.periods(con) if len(p.label) == 4]
    if not any(p.start == period.start and p.end == period.end for p in years):
        raise release.NotPublished("Som byrådsmedlem ser du rekruttering for ét afsluttet kalenderår ad gangen.")
    # The need index is no person figure (the release passes it unchanged), so it is read without building
    # the release: the same values, seconds sooner.
    need = high_need_areas(con, period, viewer="rekruttering", kommune=kommune)
    return figures(protect(counts(con, period, kommune=kommune, need=need), k))


# --- the tables as the page shows them -------------------------------------------------------------

# (column, Danish header, kind): count, share (with its interval), days, kr (whole kroner), per_kr.
COLUMNS = (
    ("enquiries", "Henvendelser", "count"),
    ("participants", "Antal deltagere", "count"),
    ("start_rate", "Startede", "share"),
    ("target_share", "I målgruppen (40–60 år)", "share"),
    ("men_share", "Mænd", "share"),
    ("focus_share", "Bor i et fokusområde", "share"),
    ("need_share", "Bor i et område med stort behov", "share"),
    ("completion", "Gennemførte", "share"),
    ("outcome", "Effekt ved afslutning", "share"),
    ("wait_median", "Svartid, median (dage)", "days"),
    ("within_3_share", "Startet inden for 3 dage", "share"),
    ("cost_per_participant", "Pris pr. deltager (kr.)", "kr"),
    ("cost_per_target", "Pris pr. deltager 40–60 år (kr.)", "kr"),
    ("cost_per_completer", "Pris pr. gennemført (kr.)", "kr"),
    ("cost_per_positive", "Pris pr. positiv effekt (kr.)", "kr"),
    ("target_per_kr", "40–60-årige pr. 100.000 kr.", "per_kr"),
)
_SHARE_PARTS = {name: (num, den) for name, num, den in SHARES}


def shown_table(frame: pd.DataFrame, dimension: str, lang: str = "da", k: int | None = None) -> pd.DataFrame:
    """The rows of one dimension (strategies with their total, or channels) as text for the page: counts
    as whole numbers (``<k`` and ``x`` where protected), shares as "43 % (39–48)" with the Wilson interval,
    kroner whole; ``–`` where there is nothing to show. Channels get no cost columns."""
    rows = frame[(frame.dimension == dimension) | (frame.dimension == TOTAL)]
    cols = [c for c in COLUMNS if dimension != CHANNEL or c[2] not in ("kr", "per_kr")]
    fmt = lambda v, d=0: i18n.fmt_num(v, d, lang)  # noqa: E731
    out = pd.DataFrame({"group": [i18n.t(g, lang) if g != TOTAL else i18n.t("I alt", lang) for g in rows.group]})
    for col, _, kind in cols:
        texts = []
        for _, r in rows.iterrows():
            v = r[col]
            if kind == "count":
                status = r.get(f"status_{col}", suppress.SHOWN)
                texts.append(suppress.small_label(k) if status == suppress.SMALL else
                             suppress.HIDDEN_LABEL if status == suppress.HIDDEN else fmt(v))
                continue
            hidden = "status_participants" in r and v != v and _protected(r, col)
            if v != v:
                texts.append(suppress.HIDDEN_LABEL if hidden else "–")
            elif kind == "share":
                texts.append(f"{fmt(v)} % ({fmt(r[f'{col}_lo'])}–{fmt(r[f'{col}_hi'])})")
            elif kind == "per_kr":
                texts.append(f"{fmt(v, 1)} ({fmt(r[f'{col}_lo'], 1)}–{fmt(r[f'{col}_hi'], 1)})")
            else:
                texts.append(fmt(v, 1 if kind == "days" else 0))
        out[col] = texts
    return out


def _protected(row, col: str) -> bool:
    """Whether a blank figure of a council row is blank because a count behind it is protected."""
    needs = {"wait_median": ("wait_known",), **{n: p for n, p in _SHARE_PARTS.items()}}.get(col, ("participants",))
    return any(row.get(f"status_{c}", suppress.SHOWN) != suppress.SHOWN for c in needs if f"status_{c}" in row) or \
        col.startswith("cost") or col == "target_per_kr"


def headers(dimension: str) -> dict[str, str]:
    """Column → Danish header for :func:`shown_table` (the page translates them)."""
    cols = [c for c in COLUMNS if dimension != CHANNEL or c[2] not in ("kr", "per_kr")]
    return {"group": "Strategi" if dimension == STRATEGY else "Kanal", **{c: h for c, h, _ in cols}}


__all__ = ["STRATEGIES", "COUNTS", "SHARES", "COSTS", "focus_areas", "high_need_areas", "counts", "without_cost",
           "figures", "comparisons", "answer", "view", "offers_without_cost", "protect", "council_period",
           "council_view", "COLUMNS", "shown_table", "headers"]
