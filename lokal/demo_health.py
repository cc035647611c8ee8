"""The number of respondents behind the demo's health profiles (issue 16: evaluation).

The demo's profiles (:mod:`lokal.demo`, ``build_area_health``) are surveys in 2024, the year the focus
period starts, and 2026, the year it ends; the focus areas improve more on daily smoking and physical
inactivity than the rest. This module adds how many answered, so that the evaluation can give
intervals: the kommune's survey oversamples the focus areas (about 14 % of their adults answer, about
9 % elsewhere), and a few answer fewer questions than others. So the story is one a leader can check:
all focus areas together fell clearly more on daily smoking and physical inactivity than the comparison
areas (intervals wholly below 0), while each focus area on its own moved the same way but with an interval
too wide to tell (Aalborg Øst only just: −5,1 to +0,1 percentage points for smoking).

Drawn from its own random stream (``[seed, STREAM]``), so every other demo figure is unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STREAM = 16  # issue 16
RESPONSE = {True: 0.14, False: 0.09}  # share of adults answering, focus areas and others


def with_respondents(profile: pd.DataFrame, adults: list[int], focus: list[bool], seed: int) -> pd.DataFrame:
    """``profile`` (area_id 1.. in the order of ``adults``) with a column ``respondents`` per row."""
    rng = np.random.default_rng([seed, STREAM])
    out = profile.copy()
    answered = {}
    for (area_id, year), _ in out.groupby(["area_id", "year"], sort=True):
        i = int(area_id) - 1
        answered[(area_id, year)] = adults[i] * RESPONSE[focus[i]] * float(rng.uniform(0.9, 1.1))
    item = rng.uniform(0.96, 1.0, len(out))  # some leave a question unanswered
    out["respondents"] = [max(30, int(round(answered[(a, y)] * f)))
                          for a, y, f in zip(out.area_id, out.year, item)]
    return out


def kommune_respondents(kommune: pd.DataFrame, profile: pd.DataFrame) -> pd.DataFrame:
    """The kommune's figure rests on all the areas' respondents together."""
    sums = profile.groupby(["year", "measure"]).respondents.sum()
    out = kommune.copy()
    out["respondents"] = [int(sums.get((y, m), 0)) or None for y, m in zip(out.year, out.measure)]
    return out
