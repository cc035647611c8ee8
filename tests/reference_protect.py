"""The small-number rule as it was before it was made linear (session 8): the reference the fast
:func:`lokal.suppress.protect` must agree with, cell for cell (tests/test_protect_reference.py).

A verbatim copy of ``protect``, ``_determined`` and ``_bounds`` from lokal/suppress.py at commit fec6225.
Quadratic in the size of a line (every visit of the kommune's line summed all its members, every
round started the audit from scratch over every cell): use it on small and scale-1 problems only.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import lsqr

from lokal.suppress import HIDDEN, SHOWN, SMALL


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def protect(values: Mapping[Hashable, float | None], lines: Iterable[tuple[Hashable, Sequence[Hashable]]] = (),
            *, k: int, primary: Iterable[Hashable] | None = None,
            virtual: Iterable[Hashable] = (), subs: Iterable[tuple[Hashable, Sequence[Hashable]]] = (),
            ties: Iterable[Sequence[Hashable]] = ()) -> dict[Hashable, str]:
    """Primary and secondary suppression of person counts; the status of every cell.

    ``values`` maps a cell to its count of persons. ``lines`` lists each total with the cells
    that add up to it (``total = sum(members)``; a total may be a member of another line).
    ``subs`` lists totals that are at most the sum of their members and at least each of them
    (distinct persons: a year's participants against its quarters, where one person may start
    in two quarters). ``primary`` names cells to hide whatever their value (e.g. a share whose
    complement is small); by default a cell is primary when its count is below ``k``.
    ``virtual`` cells are never shown but can be derived (e.g. "the other areas" = total −
    shown areas, or "not completed" = enrolled − completed); when small they are protected like
    any other cell. ``ties`` are groups of cells shown or hidden together (a share's numerator
    and its complement: the share is one figure).

    Returns ``SHOWN``, ``SMALL`` (primary: ``<k`` for a count) or ``HIDDEN`` (secondary, or a
    virtual cell) per cell. With ``k <= 1`` nothing is hidden.
    """
    counts = {c: (0.0 if _missing(v) else float(v)) for c, v in values.items()}
    eq = [(total, list(members)) for total, members in lines]
    sub = [(total, list(members)) for total, members in subs]
    ties = [list(group) for group in ties]
    virtual = set(virtual)
    if k <= 1:
        return {c: (HIDDEN if c in virtual else SHOWN) for c in counts}
    forced = set(primary) if primary is not None else None
    status: dict[Hashable, str] = {}
    for cell, n in counts.items():
        small = (cell in forced) if forced is not None else n < k
        status[cell] = SMALL if small else (HIDDEN if cell in virtual else SHOWN)
    tie_of = {c: group for group in ties for c in group}
    for group in ties:
        if any(status[c] != SHOWN for c in group):
            for c in group:
                status[c] = SMALL if status[c] == SMALL or c in (forced or ()) else HIDDEN
    # The cells whose value must not be worked out: the small ones with at least one person. A zero
    # is labelled '<k' like them, but that nobody is in a group may be derived (it is nobody's data).
    # In the order of ``values`` (never a set's order), so the same data give the same cells hidden.
    protected = [c for c, s in status.items() if s == SMALL and counts[c] >= 1]
    needs = set(protected)
    every = [(t, m, True) for t, m in eq] + [(t, m, False) for t, m in sub]
    lines_of: dict[Hashable, list[int]] = {}
    for i, (total, members, _) in enumerate(every):
        for c in (total, *members):
            lines_of.setdefault(c, []).append(i)

    def hide(cell: Hashable) -> None:
        for c in tie_of.get(cell, [cell]):
            if status[c] == SHOWN:
                status[c] = HIDDEN

    def hide_one(i: int) -> bool:
        """Hide the smallest shown cell of a line (members before the total)."""
        total, members, _ = every[i]
        shown = [c for c in members if status[c] == SHOWN] or ([total] if status[total] == SHOWN else [])
        if not shown:
            return False
        hide(min(shown, key=lambda c: counts[c]))
        return True

    for _ in range(len(counts) + 1):
        changed = False
        # The classic rule: no line with exactly one hidden cell that needs protecting.
        for i, (total, members) in enumerate(eq):
            hidden = [c for c in (total, *members) if status[c] != SHOWN]
            if len(hidden) == 1 and (hidden[0] in needs or (hidden[0] not in virtual and status[hidden[0]] == HIDDEN)):
                changed |= hide_one(i)
        if changed:
            continue
        # The audit: what can still be worked out by arithmetic over all lines? Interval narrowing
        # line by line, then linear algebra: a cell that the sums fix whatever the hidden cells
        # hold (a combination of lines gives it alone) is pinned too, even where no single line does.
        bounds = _bounds(counts, status, every, lines_of, k, virtual)
        if not any(bounds[c][0] == bounds[c][1] for c in protected):
            for c in _determined(status, eq, protected):
                bounds[c] = (counts[c], counts[c])
        touched: set[int] = set()  # lines that lost a cell this round: their cells wait for the next audit
        for cell in protected:
            lo, hi = bounds[cell]
            if lo != hi or touched.intersection(lines_of.get(cell, [])):
                continue
            # Hide the smallest shown cell next to it: a member of one of its lines if there is one
            # (a total, e.g. the kommune's, only when no line has a shown member left).
            near = [every[i] for i in lines_of.get(cell, [])]
            members = [c for _, ms, _ in near for c in ms if status[c] == SHOWN]
            totals = [t for t, _, _ in near if status[t] == SHOWN]
            if members or totals:
                chosen = min(members or totals, key=lambda c: counts[c])
                hide(chosen)
                for c in tie_of.get(chosen, [chosen]):
                    touched.update(lines_of.get(c, []))
                changed = True
        if not changed:
            break
    return status


def _determined(status, eq, cells) -> list[Hashable]:
    """The ``cells`` whose value the equations (``eq`` lines) fix from the shown cells alone.

    A hidden cell is fixed when its unit vector lies in the row space of the lines over the hidden
    cells, i.e. when every solution of the homogeneous system leaves it at 0: its row of a null-space
    basis is 0. Computed per connected group of hidden cells,
    so the problems stay small; the null space is sampled by projecting random vectors with sparse
    least squares (LSQR). Catches what interval narrowing misses: a cell given by the sum of
    a year line minus its quarters' category lines, say.
    """
    hidden = {c for c, s in status.items() if s != SHOWN}
    rows = [[c for c in (total, *members) if c in hidden] for total, members in eq]
    signs = [{c: (-1.0 if c == total else 1.0) for c in (total, *members) if c in hidden}
             for total, members in eq]
    parent: dict[Hashable, Hashable] = {}

    def find(c):
        while parent.get(c, c) != c:
            parent[c] = parent.get(parent[c], parent[c])
            c = parent[c]
        return c

    for row in rows:
        for c in row[1:]:
            a, b = find(row[0]), find(c)
            if a != b:
                parent[a] = b
    wanted = [c for c in cells if c in hidden]
    groups: dict[Hashable, list[Hashable]] = {}
    for c in {c for row in rows for c in row}:
        groups.setdefault(find(c), []).append(c)
    line_root = [find(s_row[0]) if s_row else None for s_row in rows]
    out = []
    rng = np.random.default_rng(0)  # the same cells every run
    for root, members in groups.items():
        member_set = set(members)
        targets = [c for c in wanted if c in member_set]
        if not targets:
            continue
        index = {c: i for i, c in enumerate(members)}
        data, row_ix, col_ix = [], [], []
        r = 0
        for s, lr in zip(signs, line_root):
            if lr != root:
                continue
            for c, v in s.items():
                data.append(v)
                row_ix.append(r)
                col_ix.append(index[c])
            r += 1
        a = sparse.csr_matrix((data, (row_ix, col_ix)), shape=(r, len(members)))
        # Project random vectors onto the null space (z minus the least-squares solution of a·w = a·z):
        # a cell the lines fix has 0 there in every one of them.
        spread = np.zeros(len(members))
        for _ in range(3):
            z = rng.standard_normal(len(members))
            w = lsqr(a, a @ z, atol=1e-14, btol=1e-14, iter_lim=20 * len(members) + 100)[0]
            spread = np.maximum(spread, np.abs(z - w))
        out += [c for c in targets if spread[index[c]] < 1e-6]
    return out


def _bounds(counts, status, every, lines_of, k, virtual) -> dict[Hashable, tuple[float, float]]:
    """What an attacker knows about each cell: an interval, narrowed over all lines to a fixpoint.

    Every starting interval holds the true value and is at most as wide as what the labels tell
    (a number, ``<k``, ``x``), and whole numbers are rounded inwards, so a value the attacker
    could pin down is pinned down here as well. Only lines with an unknown cell are visited,
    and a line again only when one of its cells narrowed (a worklist).
    """
    inf = math.inf
    b: dict[Hashable, list[float]] = {}
    for cell, n in counts.items():
        s = status[cell]
        if s == SHOWN:
            b[cell] = [n, n]
        elif cell in virtual:
            b[cell] = [0.0, inf]
        elif s == SMALL:
            b[cell] = [0.0, float(k - 1)] if n < k else [0.0, inf]
        else:  # secondary: a shown cell hidden, so at least k (a tied cell may be smaller)
            b[cell] = [float(k), inf] if n >= k else [0.0, float(k - 1)]
    queue = [i for i, (t, m, _) in enumerate(every) if any(status[c] != SHOWN for c in (t, *m))]
    queued = set(queue)
    budget = 50 * len(every) + 1000

    def narrow(cell, lo, hi) -> None:
        lo = math.ceil(lo - 1e-9) if lo != -inf else lo
        hi = math.floor(hi + 1e-9) if hi != inf else hi
        cur = b[cell]
        lo, hi = max(cur[0], lo), min(cur[1], hi)
        if (lo, hi) != (cur[0], cur[1]):
            b[cell] = [lo, hi]
            for j in lines_of.get(cell, []):
                if j not in queued:
                    queued.add(j)
                    queue.append(j)

    while queue and budget > 0:
        budget -= 1
        i = queue.pop()
        queued.discard(i)
        total, members, is_sum = every[i]
        lo_sum = sum(b[m][0] for m in members)
        his = [b[m][1] for m in members]
        n_inf = sum(1 for h in his if h == inf)
        hi_fin = sum(h for h in his if h != inf)
        hi_sum = inf if n_inf else hi_fin
        if is_sum:
            narrow(total, lo_sum, hi_sum)
        else:
            narrow(total, max((b[m][0] for m in members), default=0.0), hi_sum)
        t_lo, t_hi = b[total]
        for m in members:
            m_lo, m_hi = b[m]
            if m_lo == m_hi:
                continue  # known exactly: nothing to narrow
            others_hi = inf if n_inf - (m_hi == inf) else hi_fin - (0.0 if m_hi == inf else m_hi)
            upper = t_hi - (lo_sum - m_lo) if is_sum else t_hi
            narrow(m, t_lo - others_hi, upper)
    return {c: (v[0], v[1]) for c, v in b.items()}
