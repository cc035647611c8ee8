"""What a council member may see: one fixed set of published figures, protected as one.

A council member (role ``byraad``) could once ask for any range of quarters, all areas or the
focus areas, and each offer category, and subtract one table from another to find a figure that
each table hid on its own (the linked-tables problem). Now the council sees person figures only
from one fixed set of tables, *the release*:

* periods: every whole quarter and every calendar year that has ended by the data date — never
  an arbitrary range, nor a period still running;
* units: each area, the kommune, the focus areas and the other areas of that period;
* offers: all offers, and each category (kommunale tilbud, civilsamfundsaktiviteter).

Because the set is fixed, every relation between its figures is known and is protected at once
(:func:`lokal.suppress.protect`, one problem per indicator): the areas add up to the kommune,
the focus and other areas to the kommune, the quarters to their year, the two categories to
all offers. A relation that holds exactly in the data is a sum; one that holds only as "at most
the sum" (distinct persons: one person may start in two quarters or in both categories) is
checked as that. A rate counts as its numerator (the population is public); a share as its
numerator and its complement, hidden together. Then the audit works out what can be derived
over all of them and hides more until no small cell (1–4 persons) is pinned to one number.

Every council figure goes through :func:`apply`: the views, the meeting model and so the pages,
map tooltips, tables, downloads and handouts. A figure that is not in the release is refused
(:class:`NotPublished`); a cell that is missing from it is hidden (fail closed). Pure: no
Streamlit.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from datetime import date

import duckdb
import pandas as pd

from lokal import access, db, queries, suppress
from lokal import filters as flt
from lokal import indicators as ind
from lokal.indicators import Period

CATEGORIES = (None, *flt.CATEGORIES)
ALL, FOCUS, OTHERS = ind.BENCHMARK_UNIT, "fokus", "øvrige"
_PERSON_IDS = [i.id for i in ind.INDICATORS if i.id in suppress.PERSONS]
# Which areas of the kommune are focus areas in each period (the same rule as the indicators).
FOCUS_MEMBERS = (
    "WITH u AS (SELECT id AS area_id FROM areas WHERE ($kommune IS NULL OR kommunekode = $kommune)), "
    "p AS (SELECT unnest($labels) AS period, unnest($starts) AS p_start, unnest($ends) AS p_end), "
    + ind.FOCUS_IN_PERIOD.rstrip().rstrip(",")
    + " SELECT a.code, f.period, f.in_focus FROM focus_in_period f JOIN areas a ON a.id = f.area_id"
)


# A share the council could also work out from two rates it sees (the 40–60 rate's numerator over the
# participation rate's, both per public populations): shown only where both are shown, so it never tells
# what one of them hides.
DERIVED = {"andel_maalgruppe": ("maalgruppe_pr_1000", "deltagere_pr_1000")}


# What the council sees and why, as the page Indikatorer states it: (title, text) in Danish and English.
RULE = (
    "Hvad byrådet ser",
    "Byrådsmedlemmer ser tal om personer for ét afsluttet kvartal eller ét afsluttet kalenderår ad gangen – for "
    "hvert område, kommunen, fokusområderne og de øvrige områder, for alle tilbud og for hver tilbudstype. Alle disse "
    "tabeller beskyttes under ét: et antal under {k} vises som <{k}, og flere tal skjules (x), så et lille tal ikke "
    "kan regnes ud ved at lægge områder sammen, trække fokusområderne fra kommunen, trække et kvartal fra året eller "
    "en tilbudstype fra alle tilbud. Derfor viser byrådets visninger ikke et vilkårligt spænd af kvartaler eller en "
    "periode, der stadig kører. Møde og dens udleveringer viser de samme beskyttede tal for alle; på de øvrige sider "
    "ser ledere og koordinatorer de ubeskyttede tal.",
    "What the council sees",
    "Council members see figures about persons for one ended quarter or one ended calendar year at a time – for each "
    "area, the kommune, the focus areas and the other areas, for all offers and for each offer category. All these tables "
    "are protected as one: a count below {k} is shown as <{k}, and more figures are hidden (x), so that a small "
    "number cannot be worked out by adding areas up, subtracting the focus areas from the kommune, a quarter from "
    "its year or one offer category from all offers. That is why the council's views show no arbitrary range of "
    "quarters and no period that is still running. The Meeting page and its handouts show the same protected "
    "figures to everyone; on the other pages leaders and coordinators see the unprotected figures.",
)


class NotPublished(access.PermissionDenied):
    """A council member asked for figures outside the release (e.g. a range of quarters)."""


def threshold(con: duckdb.DuckDBPyConnection) -> int:
    """The smallest count of persons the council sees (``LOKAL_MIN_COUNT``, else the database's setting)."""
    return suppress.threshold(db.get_meta(con, suppress.META_KEY))


def periods(con: duckdb.DuckDBPyConnection) -> list[Period]:
    """The release's periods: every whole quarter and calendar year that has ended by the data date,
    oldest first, a year before its quarters. A period still running is not published: its figures
    would change from day to day, and its few days would have to be protected against the ended
    quarters (a small running quarter would hide the last whole one)."""
    data_date = ind.latest_data_date(con)[0]
    first, _ = queries.data_range(con)
    if data_date is None or first is None or first > data_date:
        return []
    quarters = [q for q in flt.quarters_between(flt.quarter_of(first), flt.quarter_of(data_date)) if q.end <= data_date]
    out = []
    for year in range(first.year, data_date.year + 1):
        if date(year, 12, 31) <= data_date:
            out.append(Period(str(year), date(year, 1, 1), date(year, 12, 31)))
        out += [q for q in quarters if q.start.year == year]
    return out


def labels(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The release's period labels, newest first, years before quarters (the council's choices)."""
    ps = periods(con)
    years = [p.label for p in ps if len(p.label) == 4]
    quarters = [p.label for p in ps if len(p.label) != 4]
    return [*reversed(years), *reversed(quarters)]


def resolve(con: duckdb.DuckDBPyConnection, requested: Period | list[Period]) -> list[Period]:
    """The release periods for the requested ones (a whole quarter or calendar year that has ended),
    in the same order. Raises :class:`NotPublished` for anything else (a range of quarters, a period
    still running)."""
    plist = [requested] if isinstance(requested, Period) else list(requested)
    published = {(p.start, p.end): p for p in periods(con)}
    out = []
    for p in plist:
        found = published.get((p.start, p.end))
        if found is None:
            raise NotPublished(
                "Som byrådsmedlem ser du tal for ét afsluttet kvartal eller ét afsluttet kalenderår ad gangen, "
                "så et lille antal borgere ikke kan regnes ud ved at trække to perioder fra hinanden. "
                f"Vælg et kvartal eller et år i stedet for {p.label}."
            )
        out.append(found)
    return out


# --- building the release ------------------------------------------------------------------------


def _scope_frames(con, plist: list[Period], kommune: str | None) -> pd.DataFrame:
    """Every person figure of the release, unprotected: one row per category × period × unit × indicator."""
    frames = []
    for cat in CATEGORIES:
        ids = [i for i in _PERSON_IDS if cat is None or ind.get(i).uses_category]
        areas, bench = ind.compute_with_benchmark(con, plist, category=cat, indicator_ids=ids, kommune=kommune)
        focus = ind.compute(con, plist, by="focus", category=cat, indicator_ids=ids, kommune=kommune)
        frames.append(pd.concat([areas, bench, focus], ignore_index=True).assign(category=cat or ""))
    out = pd.concat(frames, ignore_index=True)
    return out[["indicator", "category", "period", "unit", "numerator", "denominator", "value"]]


def _focus_members(con, plist: list[Period], kommune: str | None) -> dict[str, set[str]]:
    rows = con.execute(FOCUS_MEMBERS, {"kommune": kommune, "labels": [p.label for p in plist],
                                       "starts": [p.start for p in plist], "ends": [p.end for p in plist]}).fetchall()
    out: dict[str, set[str]] = {p.label: set() for p in plist}
    for code, period, in_focus in rows:
        if in_focus:
            out[period].add(code)
    return out


def _relations(cells: pd.DataFrame, plist: list[Period], focus: dict[str, set[str]], uses_category: bool):
    """The relations between the release's tables, over cell keys (category, period, unit): a list of
    (total, members), and the derived cells some of them need ({key: the areas it sums})."""
    present = set(zip(cells.category, cells.period, cells.unit))
    units = sorted(set(cells.unit) - {ALL, FOCUS, OTHERS})
    cats = [c or "" for c in CATEGORIES] if uses_category else [""]
    years = [p.label for p in plist if len(p.label) == 4]
    quarters_of = {y: [p.label for p in plist if len(p.label) != 4 and p.label[:4] == y] for y in years}

    def group(period: str, unit: str) -> frozenset:
        if unit == ALL:
            return frozenset(units)
        in_focus = focus.get(period, set())
        return frozenset(u for u in units if (u in in_focus) == (unit == FOCUS))

    out, derived = [], {}
    for cat in cats:
        for p in plist:
            for unit in (ALL, FOCUS, OTHERS):
                out.append(((cat, p.label, unit), [(cat, p.label, u) for u in sorted(group(p.label, unit))]))
            out.append(((cat, p.label, ALL), [(cat, p.label, FOCUS), (cat, p.label, OTHERS)]))
        for y in years:
            for u in units:
                out.append(((cat, y, u), [(cat, q, u) for q in quarters_of[y]]))
            # A group's year against its quarters: the same areas in each quarter, which is the
            # quarter's own group where focus did not change, else a derived sum of those areas.
            for unit in (ALL, FOCUS, OTHERS):
                areas = group(y, unit)
                members = []
                for q in quarters_of[y]:
                    same = next((g for g in (ALL, FOCUS, OTHERS) if group(q, g) == areas), None)
                    if same is not None:
                        members.append((cat, q, same))
                    else:
                        key = (cat, q, "Σ " + ",".join(sorted(areas)))
                        derived[key] = [(cat, q, a) for a in sorted(areas)]
                        out.append((key, derived[key]))
                        members.append(key)
                out.append(((cat, y, unit), members))
    if uses_category:
        for p in plist:
            for u in [*units, ALL, FOCUS, OTHERS]:
                out.append((("", p.label, u), [(c, p.label, u) for c in flt.CATEGORIES]))
    known = present | set(derived)
    return [(t, [m for m in ms if m in known]) for t, ms in out if t in known and ms], derived


def _protect_indicator(frame: pd.DataFrame, plist, focus, k: int) -> dict[tuple, str]:
    """The status of each cell (category, period, unit) of one indicator, protected over every relation."""
    indicator_id = frame.indicator.iloc[0]
    meta = ind.get(indicator_id)
    is_share = indicator_id in suppress.PERSON_SHARES
    linked = indicator_id in suppress.ADDITIVE_PERSONS or is_share
    parts = ("n", "c") if is_share else ("n",)
    values, primary, ties = {}, set(), []
    usable = set()  # cells with a value to relate (an area with no adults has no rate and holds nothing)
    for r in frame.itertuples(index=False):
        key = (r.category, r.period, r.unit)
        num = 0.0 if _nan(r.numerator) else float(r.numerator)
        den = None if _nan(r.denominator) else float(r.denominator)
        values[(*key, "n")] = num
        if is_share:
            values[(*key, "c")] = max(0.0, (den or 0.0) - num)
            ties.append([(*key, "n"), (*key, "c")])
        if not (_nan(r.value) and num == 0):
            usable.add(key)
        if suppress.primary_hidden(indicator_id, r.numerator, r.denominator, k):
            small = [p for p in parts if values[(*key, p)] < k] or list(parts)
            if den is not None and den < k:
                small = list(parts)
            primary.update((*key, p) for p in small)
    lines, subs, virtual = [], [], set()
    if linked:
        relations, derived = _relations(frame, plist, focus, meta.uses_category)
        for key, areas in derived.items():  # a derived sum of areas: protected when small, never shown
            for part in parts:
                n = sum(values.get((*a, part), 0.0) for a in areas)
                values[(*key, part)] = n
                virtual.add((*key, part))
                if n < k:
                    primary.add((*key, part))
            usable.add(key)
        for total, members in relations:
            if total not in usable:
                continue
            members = [m for m in members if m in usable]
            for part in parts:
                t = values[(*total, part)]
                ms = [(*m, part) for m in members]
                s = sum(values[m] for m in ms)
                if abs(t - s) < 0.5:
                    lines.append(((*total, part), ms))
                elif t <= s + 0.5 and all(values[m] <= t + 0.5 for m in ms):
                    subs.append(((*total, part), ms))
    status = suppress.protect(values, lines, k=k, primary=primary, subs=subs, ties=ties, virtual=virtual)
    out = {}
    for key in {c[:3] for c in values if c not in virtual}:
        states = {status[(*key, p)] for p in parts}
        out[key] = (suppress.SMALL if suppress.SMALL in states else suppress.HIDDEN if suppress.HIDDEN in states
                    else suppress.SHOWN)
    return out


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def build(con: duckdb.DuckDBPyConnection, *, kommune: str | None = None, k: int | None = None) -> pd.DataFrame:
    """The release of one kommune (None: every area of the database), protected: indicator, category
    ('' = all offers), period, unit, numerator, denominator, value, status. Values not shown are blank."""
    if k is None:
        k = threshold(con)
    plist = periods(con)
    cols = ["indicator", "category", "period", "unit", "numerator", "denominator", "value", "status"]
    if not plist:
        return pd.DataFrame(columns=cols)
    frame = _scope_frames(con, plist, kommune)
    focus = _focus_members(con, plist, kommune)
    status: dict[tuple, str] = {}
    for indicator_id, group in frame.groupby("indicator", sort=False):
        for key, s in _protect_indicator(group, plist, focus, k).items():
            status[(indicator_id, *key)] = s
    frame["status"] = [status.get(key, suppress.HIDDEN)
                       for key in zip(frame.indicator, frame.category, frame.period, frame.unit)]
    for derived, sources in DERIVED.items():  # shown only where the figures it follows from are shown
        ok = [all(status.get((src, c, p, u)) == suppress.SHOWN for src in sources)
              for c, p, u in zip(frame.category, frame.period, frame.unit)]
        frame.loc[(frame.indicator == derived) & ~pd.Series(ok, index=frame.index), "status"] = suppress.HIDDEN
    hidden = frame.status != suppress.SHOWN
    for col in ("numerator", "denominator", "value"):
        frame[col] = frame[col].astype("float64")
        frame.loc[hidden, col] = math.nan
    return frame[cols].reset_index(drop=True)


_CACHE: dict[tuple, tuple[pd.DataFrame, dict]] = {}
_LOCK = threading.Lock()


def _cached(con: duckdb.DuckDBPyConnection, kommune: str | None, k: int) -> tuple[pd.DataFrame, dict]:
    """The release and its status per (indicator, category, period, unit), kept while the data are
    the same (keyed on the file, the data version, the data date, the kommune and the threshold)."""
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    key = (path, db.data_version(con), ind.latest_data_date(con)[0], kommune, k)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None:
        return hit
    frame = build(con, kommune=kommune, k=k)
    entry = (frame, dict(zip(zip(frame.indicator.tolist(), frame.category.tolist(), frame.period.tolist(),
                                 frame.unit.tolist()), frame.status.tolist())))
    if path is None:  # an in-memory database has no path to tell it from another: not kept
        return entry
    with _LOCK:
        if len(_CACHE) >= 16:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = entry
    return entry


def table(con: duckdb.DuckDBPyConnection, *, kommune: str | None = None, k: int | None = None) -> pd.DataFrame:
    """:func:`build`, kept while the data are the same: every council view reads the same release."""
    if k is None:
        k = threshold(con)
    return _cached(con, kommune, k)[0]


def apply(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, kommune: str | None = None,
          category: str | None = None, by: str = "area", focus_only: bool = False,
          k: int | None = None) -> pd.DataFrame:
    """Protect a computed frame (unit, period, indicator, numerator, denominator, value) with the release.

    The frame's periods must be release labels (see :func:`resolve`). Rows of person indicators
    take their status from the release; one the release lacks is hidden. Other indicators are
    shown. Returns a copy with ``status`` and ``min_count``; values not shown are blank.
    """
    if k is None:
        k = threshold(con)
    out = frame.copy()
    out["status"] = suppress.SHOWN
    if out.empty:
        return out.assign(min_count=k)
    known = _cached(con, kommune, k)[1]
    units = out.unit.tolist()
    if by == "kommune" and focus_only:
        units = [FOCUS if u == ALL else u for u in units]
    ids = out.indicator.tolist()
    cats = [(category or "") if ind.get(i).uses_category else "" for i in ids]
    out["status"] = [known.get((i, c, p, u), suppress.HIDDEN) if i in suppress.PERSONS else suppress.SHOWN
                     for i, c, p, u in zip(ids, cats, out.period.tolist(), units)]
    hidden = out.status != suppress.SHOWN
    for col in ("value", "numerator", "denominator"):
        if col in out:
            out[col] = out[col].astype("float64")
            out.loc[hidden, col] = math.nan
    return out.assign(min_count=k)


def summary(rel: pd.DataFrame, indicator_ids: Iterable[str] | None = None) -> dict[str, int]:
    """How many person figures the release shows, shows as '<k' and hides (x)."""
    rel = rel if indicator_ids is None else rel[rel.indicator.isin(list(indicator_ids))]
    counts = rel.status.value_counts()
    return {s: int(counts.get(s, 0)) for s in (suppress.SHOWN, suppress.SMALL, suppress.HIDDEN)}


__all__ = ["RULE", "NotPublished", "threshold", "periods", "labels", "resolve", "build", "table", "apply", "summary"]
