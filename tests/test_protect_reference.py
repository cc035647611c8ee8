"""The fast small-number rule decides cell for cell as the straightforward one did (tests/reference_protect.py)."""

import numpy as np
import pytest

from lokal import suppress
from tests import reference_protect

K = 5


def problem(seed: int):
    """A kommune of areas × categories × two quarters and their year, counts often small."""
    rng = np.random.default_rng(seed)
    areas = [f"A{i}" for i in range(int(rng.integers(2, 9)))]
    cats = ["c1", "c2", "c3"][: int(rng.integers(1, 4))]
    values, lines, subs, ties, virtual = {}, [], [], [], set()
    for p in ("Q1", "Q2", "Y"):
        for a in areas:
            for c in cats:
                values[(p, a, c)] = float(rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]))
    for a in areas:  # a year's distinct persons: at most the quarters' sum, at least each quarter
        for c in cats:
            values[("Y", a, c)] = max(values[("Q1", a, c)], values[("Q2", a, c)],
                                      values[("Q1", a, c)] + values[("Q2", a, c)] - float(rng.integers(0, 3)))
            subs.append((("Y", a, c), [("Q1", a, c), ("Q2", a, c)]))
    for p in ("Q1", "Q2", "Y"):
        for a in areas:
            values[(p, a, "")] = sum(values[(p, a, c)] for c in cats)
            lines.append(((p, a, ""), [(p, a, c) for c in cats]))
        for c in [*cats, ""]:
            values[(p, "kommune", c)] = sum(values[(p, a, c)] for a in areas)
            lines.append(((p, "kommune", c), [(p, a, c) for a in areas]))
    if rng.random() < 0.5:  # "the other areas": derived, never shown
        rest = ("Q1", "rest", "")
        values[rest] = float(rng.integers(0, 8))
        virtual.add(rest)
        values[("Q1", "kommune+", "")] = values[("Q1", "kommune", "")] + values[rest]
        lines.append((("Q1", "kommune+", ""), [("Q1", "kommune", ""), rest]))
    if rng.random() < 0.5:  # a share's numerator and complement are one figure
        a = areas[0]
        ties.append([("Q2", a, cats[0]), ("Q2", areas[-1], cats[-1])])
    return values, lines, subs, ties, virtual


@pytest.mark.parametrize("seed", range(120))
def test_fast_rule_hides_the_same_cells_as_the_reference(seed):
    values, lines, subs, ties, virtual = problem(seed)
    args = dict(k=K, subs=subs, ties=ties, virtual=virtual)
    assert suppress.protect(values, lines, **args) == reference_protect.protect(values, lines, **args)

