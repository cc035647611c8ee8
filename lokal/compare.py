"""Compare each area with the kommune the way public-health profiles do: better, similar or worse.

A difference counts only when it is larger than chance would explain: the area's 95 %
confidence interval must lie entirely on one side of the kommune value. Shares use the
Wilson interval; rates and counts (as a rate per adult) use an exact-enough Poisson interval
(Byar's approximation). Medians and indices, which have no simple interval, count as
different when they are more than 10 % from the kommune value.
"""

from __future__ import annotations

import math

import pandas as pd

from lokal import indicators as ind

BETTER, SIMILAR, WORSE = "bedre", "som", "dårligere"
_Z = 1.959964


def wilson(num: float, den: float) -> tuple[float, float]:
    """95 % Wilson interval for a share num/den, as fractions."""
    p = num / den
    centre = (p + _Z**2 / (2 * den)) / (1 + _Z**2 / den)
    half = _Z * math.sqrt(p * (1 - p) / den + _Z**2 / (4 * den**2)) / (1 + _Z**2 / den)
    return centre - half, centre + half


def poisson(count: float) -> tuple[float, float]:
    """95 % interval for a Poisson count (Byar's approximation)."""
    if count <= 0:
        return 0.0, 3.689  # exact upper limit for zero events
    lo = count * (1 - 1 / (9 * count) - _Z / (3 * math.sqrt(count))) ** 3
    c1 = count + 1
    hi = c1 * (1 - 1 / (9 * c1) + _Z / (3 * math.sqrt(c1))) ** 3
    return lo, hi


def _side(lo: float, hi: float, ref: float) -> int:
    """+1 when the whole interval is above the reference, -1 below, 0 when it covers it."""
    if lo > ref:
        return 1
    if hi < ref:
        return -1
    return 0


def compare_one(indicator: ind.Indicator, num, den, value, ref_value, adults=None, ref_adults=None,
                ref_num=None) -> str | None:
    """Better / similar / worse than the kommune for one area, or None when it cannot be said."""
    if ref_value is None or pd.isna(ref_value) or value is None or pd.isna(value):
        return None
    kind = indicator.kind
    if kind == "share":
        if not den:
            return None
        lo, hi = wilson(num, den)
        side = _side(100 * lo, 100 * hi, ref_value)
    elif kind == "rate":
        if not den:
            return None
        lo, hi = poisson(num)
        side = _side(1000 * lo / den, 1000 * hi / den, ref_value)
    elif kind == "count":
        if not adults or not ref_adults or ref_num is None:
            return None
        lo, hi = poisson(num)
        side = _side(lo / adults, hi / adults, ref_num / ref_adults)
    else:
        if ref_value == 0:
            return None
        ratio = value / ref_value
        side = 1 if ratio > 1.1 else -1 if ratio < 1 / 1.1 else 0
    if side == 0:
        return SIMILAR
    return BETTER if (side > 0) == indicator.higher_is_better else WORSE


def add_comparison(areas: pd.DataFrame, kommune: pd.DataFrame, adults: dict[str, float]) -> pd.DataFrame:
    """Add a ``comparison`` column to a tidy per-area frame, against the matching kommune rows.

    ``kommune`` is the tidy frame for ``by="kommune"`` over the same periods; ``adults`` maps
    area code to adult population (used to compare counts as rates).
    """
    ref = kommune[["indicator", "period", "value", "numerator"]].rename(
        columns={"value": "ref_value", "numerator": "ref_num"})
    merged = areas.merge(ref, on=["indicator", "period"], how="left")
    total_adults = sum(adults.values())
    out = areas.copy()
    out["comparison"] = [
        compare_one(ind.get(i), num, den, value, ref_value, adults.get(unit), total_adults, ref_num)
        for i, num, den, value, ref_value, unit, ref_num in zip(
            merged.indicator, merged.numerator, merged.denominator, merged.value, merged.ref_value,
            merged.unit, merged.ref_num)
    ]
    return out
