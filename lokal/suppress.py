"""Small-number protection: no citizen may be identifiable from what Lokal shows a council.

One rule, used by the meeting page, every handout and every view for the ``byraad`` role:

* **Primary suppression.** A count of persons below the threshold ``k`` (default 5) is shown
  as ``<5``. A rate is hidden when its person numerator or its denominator is below ``k``; a
  share also when the persons *not* counted (denominator − numerator) are below ``k``
  (otherwise "100 %" or "95 %" of a small group tells something about each of them); a
  median over persons when fewer than ``k`` persons lie behind it. Zero is shown as ``<5``
  too, so a reader cannot tell nobody from a few; but that a group had nobody may be worked out
  from the other figures (it discloses no one), so secondary suppression protects 1 to k − 1.
* **Secondary suppression.** In a table with a total (areas and the kommune total, funnel
  steps, channels) a hidden cell must not be computable from the total and the other cells.
  Every *line* (a total and the cells that add up to it) therefore has either no hidden cell
  or at least two; when exactly one is hidden, the smallest shown cell of the line is hidden
  as well (shown as ``x``). An audit then works out, by interval arithmetic over all lines,
  what an attacker can still derive from the shown numbers, ``<5`` labels and ``x`` cells,
  and hides more until no primary-suppressed value of 1 to k − 1 persons is pinned to a single number.

The threshold comes from the environment variable ``LOKAL_MIN_COUNT``, else from the
database's ``meta`` row ``min_count``, else 5 (see :func:`threshold`). Pure Python: no
Streamlit, no SQL.
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.linalg import lsqr

from lokal import indicators as ind

DEFAULT_THRESHOLD = 5
ENV_VAR = "LOKAL_MIN_COUNT"
META_KEY = "min_count"

SHOWN, SMALL, HIDDEN = "vist", "lille", "skjult"
HIDDEN_LABEL = "x"

# Indicators whose numbers are about persons (participants, people reached, staff trained,
# volunteers). Offers, partners, collaborations and seats are not persons.
PERSON_COUNTS = frozenset({"personer_naaet", "uddannede", "frivillige"})
PERSON_RATES = frozenset({"deltagere_pr_1000", "maalgruppe_pr_1000"})
PERSON_SHARES = frozenset({"andel_maend", "andel_maalgruppe", "gennemfoerelse", "effekt_slut", "effekt_opfoelgning",
                           "andel_svar_3_dage"})
# A median over enrolments: hidden when fewer than k persons lie behind it (its denominator).
PERSON_MEDIANS = frozenset({"svartid_median"})
# A cost per person: hidden, like a median, when fewer than k persons lie behind it (its denominator).
PERSON_COSTS = frozenset({"pris_pr_gennemfoert"})
PERSONS = PERSON_COUNTS | PERSON_RATES | PERSON_SHARES | PERSON_MEDIANS | PERSON_COSTS
# Indicators whose person numerator can be read off what is shown (a count, or a rate per a
# public population) and adds up over areas to the total: these get secondary suppression.
# Shares are shown without their denominators, so their numerators cannot be worked out.
ADDITIVE_PERSONS = PERSON_COUNTS | PERSON_RATES


def is_persons(indicator_id: str) -> bool:
    """Whether an indicator's numbers are about persons (and so protected)."""
    return indicator_id in PERSONS


def threshold(meta_value: str | None = None) -> int:
    """The smallest count of persons that may be shown.

    ``LOKAL_MIN_COUNT`` wins over the database's ``meta`` row ``min_count`` (pass its value),
    which wins over the default 5. A value that is not a whole number of at least 1 is ignored,
    so a typo never weakens the protection below the default. 1 turns protection off.
    """
    for raw in (os.environ.get(ENV_VAR), meta_value):
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = int(str(raw).strip())
        except ValueError:
            continue
        if value >= 1:
            return value
    return DEFAULT_THRESHOLD


def small_label(k: int) -> str:
    """How a count below the threshold is shown: ``<5``."""
    return f"<{k}"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


# --- the one rule for tables with totals -----------------------------------------------------


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

    The work grows with the number of cells and of hidden cells, not with a line's length times
    the rounds: each line keeps its hidden members and the sum of its shown ones (see
    :class:`_Lines`), so a visit of the kommune's line of 2.150 areas costs its few hidden cells.
    It decides cell for cell as the straightforward rule did (``tests/reference_protect.py``).
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
    net = _Lines(every, counts, status)
    lines_of = net.lines_of

    def hide(cell: Hashable) -> None:
        for c in tie_of.get(cell, [cell]):
            if status[c] == SHOWN:
                net.hide(c)

    def hide_one(i: int) -> bool:
        """Hide the smallest shown cell of a line (members before the total)."""
        total = every[i][0]
        cell = net.smallest_shown(i)
        if cell is None:
            if status[total] != SHOWN:
                return False
            cell = total
        hide(cell)
        return True

    for _ in range(len(counts) + 1):
        changed = False
        # The classic rule: no line with exactly one hidden cell that needs protecting.
        for i, (total, _members) in enumerate(eq):
            hidden_members = net.hidden[i]
            n_hidden = len(hidden_members) + (status[total] != SHOWN)
            if n_hidden != 1:
                continue
            cell = total if status[total] != SHOWN else next(iter(hidden_members))
            if cell in needs or (cell not in virtual and status[cell] == HIDDEN):
                changed |= hide_one(i)
        if changed:
            continue
        # The audit: what can still be worked out by arithmetic over all lines? Interval narrowing
        # line by line, then linear algebra: a cell that the sums fix whatever the hidden cells
        # hold (a combination of lines gives it alone) is pinned too, even where no single line does.
        bounds = _bounds(counts, status, net, k, virtual)
        if not any(bounds[c][0] == bounds[c][1] for c in protected):
            for c in _determined(status, eq, protected, net):
                bounds[c] = (counts[c], counts[c])
        touched: set[int] = set()  # lines that lost a cell this round: their cells wait for the next audit
        for cell in protected:
            lo, hi = bounds[cell]
            if lo != hi or touched.intersection(lines_of.get(cell, [])):
                continue
            # Hide the smallest shown cell next to it: a member of one of its lines if there is one
            # (a total, e.g. the kommune's, only when no line has a shown member left).
            near = lines_of.get(cell, [])
            members = [c for c in (net.smallest_shown(i) for i in near) if c is not None]
            totals = [every[i][0] for i in near if status[every[i][0]] == SHOWN]
            if members or totals:
                chosen = min(members or totals, key=lambda c: counts[c])
                hide(chosen)
                for c in tie_of.get(chosen, [chosen]):
                    touched.update(lines_of.get(c, []))
                changed = True
        if not changed:
            break
    return status


class _Lines:
    """The lines of one problem with what changes as cells are hidden, kept up to date by :meth:`hide`:
    per line its hidden members (in the order they were hidden) and the sum of its shown members,
    and per line its members sorted by count (the smallest shown one is the next to hide)."""

    def __init__(self, every, counts, status) -> None:
        self.every, self.counts, self.status = every, counts, status
        self.lines_of: dict[Hashable, list[int]] = {}
        self.member_of: dict[Hashable, list[int]] = {}
        for i, (total, members, _) in enumerate(every):
            for c in (total, *members):
                self.lines_of.setdefault(c, []).append(i)
            for c in members:
                self.member_of.setdefault(c, []).append(i)
        self.hidden: list[dict[Hashable, None]] = []
        self.shown_sum: list[float] = []
        for _, members, _ in every:
            self.hidden.append({m: None for m in members if status[m] != SHOWN})
            self.shown_sum.append(sum(counts[m] for m in members if status[m] == SHOWN))
        self._sorted: dict[int, list[Hashable]] = {}
        self._next: dict[int, int] = {}

    def hide(self, cell: Hashable) -> None:
        """A shown cell becomes hidden (secondary suppression)."""
        self.status[cell] = HIDDEN
        for i in self.member_of.get(cell, ()):
            self.hidden[i][cell] = None
            self.shown_sum[i] -= self.counts[cell]

    def smallest_shown(self, i: int) -> Hashable | None:
        """The shown member of line ``i`` with the smallest count (the first such in the line's order)."""
        order = self._sorted.get(i)
        if order is None:  # a stable sort: among equal counts the line's own order decides, as min() did
            order = self._sorted[i] = sorted(self.every[i][1], key=self.counts.__getitem__)
        j = self._next.get(i, 0)
        while j < len(order) and self.status[order[j]] != SHOWN:
            j += 1  # a hidden cell is never shown again, so the scan never goes back
        self._next[i] = j
        return order[j] if j < len(order) else None


def _determined(status, eq, cells, net: _Lines) -> list[Hashable]:
    """The ``cells`` whose value the equations (``eq`` lines) fix from the shown cells alone.

    A hidden cell is fixed when its unit vector lies in the row space of the lines over the hidden
    cells, i.e. when every solution of the homogeneous system leaves it at 0: its row of a null-space
    basis is 0. Computed per connected group of hidden cells,
    so the problems stay small; the null space is sampled by projecting random vectors with sparse
    least squares (LSQR). Catches what interval narrowing misses: a cell given by the sum of
    a year line minus its quarters' category lines, say.
    """
    hidden = {c for c, s in status.items() if s != SHOWN}
    rows = [([total] if total in hidden else []) + list(net.hidden[i]) for i, (total, _) in enumerate(eq)]
    signs = [{c: (-1.0 if c == total else 1.0) for c in row} for row, (total, _) in zip(rows, eq)]
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


def _bounds(counts, status, net: _Lines, k, virtual) -> dict[Hashable, tuple[float, float]]:
    """What an attacker knows about each cell not shown: an interval, narrowed over all lines to a fixpoint.

    Every starting interval holds the true value and is at most as wide as what the labels tell
    (a number, ``<k``, ``x``), and whole numbers are rounded inwards, so a value the attacker
    could pin down is pinned down here as well. Only lines with an unknown cell are visited,
    and a line again only when one of its cells narrowed (a worklist). A shown cell is known
    exactly and never narrows, so a visit sums the line's shown members from the kept sum and
    looks only at its hidden cells. Narrowing is monotone, so the fixpoint does not depend on
    the order in which lines are visited.
    """
    inf = math.inf
    every = net.every
    b: dict[Hashable, list[float]] = {}
    for cell, s in status.items():
        if s == SHOWN:
            continue
        n = counts[cell]
        if cell in virtual:
            b[cell] = [0.0, inf]
        elif s == SMALL:
            b[cell] = [0.0, float(k - 1)] if n < k else [0.0, inf]
        else:  # secondary: a shown cell hidden, so at least k (a tied cell may be smaller)
            b[cell] = [float(k), inf] if n >= k else [0.0, float(k - 1)]
    queue = [i for i, (t, _, _) in enumerate(every) if net.hidden[i] or t in b]
    queued = set(queue)
    budget = 50 * len(every) + 1000
    lines_of = net.lines_of

    def narrow(cell, lo, hi) -> None:
        cur = b.get(cell)
        if cur is None:  # shown: known exactly
            return
        lo = math.ceil(lo - 1e-9) if lo != -inf else lo
        hi = math.floor(hi + 1e-9) if hi != inf else hi
        lo, hi = max(cur[0], lo), min(cur[1], hi)
        if lo != cur[0] or hi != cur[1]:
            cur[0], cur[1] = lo, hi
            for j in lines_of.get(cell, ()):
                if j not in queued:
                    queued.add(j)
                    queue.append(j)

    while queue and budget > 0:
        budget -= 1
        i = queue.pop()
        queued.discard(i)
        total, members, is_sum = every[i]
        hidden = [b[m] for m in net.hidden[i]]
        lo_sum = net.shown_sum[i] + sum(v[0] for v in hidden)
        n_inf = 0
        hi_fin = net.shown_sum[i]
        for v in hidden:
            if v[1] == inf:
                n_inf += 1
            else:
                hi_fin += v[1]
        hi_sum = inf if n_inf else hi_fin
        if is_sum:
            narrow(total, lo_sum, hi_sum)
        else:
            narrow(total, max((b[m][0] if m in b else counts[m] for m in members), default=0.0), hi_sum)
        t_lo, t_hi = b[total] if total in b else (counts[total], counts[total])
        for m in net.hidden[i]:
            m_lo, m_hi = b[m]
            if m_lo == m_hi:
                continue  # known exactly: nothing to narrow
            others_hi = inf if n_inf - (m_hi == inf) else hi_fin - (0.0 if m_hi == inf else m_hi)
            upper = t_hi - (lo_sum - m_lo) if is_sum else t_hi
            narrow(m, t_lo - others_hi, upper)
    return {c: (v[0], v[1]) for c, v in b.items()}


# --- indicator results ------------------------------------------------------------------------


def primary_hidden(indicator_id: str, numerator, denominator, k: int) -> bool:
    """Whether one indicator value must be hidden on its own (before secondary suppression)."""
    if indicator_id not in PERSONS or k <= 1:
        return False
    num = 0.0 if _missing(numerator) else float(numerator)
    den = None if _missing(denominator) else float(denominator)
    if indicator_id in PERSON_COUNTS:
        return num < k
    if indicator_id in PERSON_MEDIANS or indicator_id in PERSON_COSTS:
        return den is None or den < k
    if den is None or den == 0:
        return False  # no value to hide: it shows as "no data"
    if indicator_id in PERSON_RATES:
        return num < k or den < k
    return num < k or den < k or den - num < k  # shares


def protect_results(results: pd.DataFrame, *, k: int, total_unit: str = "kommune",
                    complete: bool = True) -> pd.DataFrame:
    """Apply the rule to one tidy indicator frame on its own (unit, period, indicator, numerator, denominator, value).

    Council figures do not come from here but from :mod:`lokal.release`, which protects every table
    the council can open together; this is the table-by-table rule, kept for single tables and as
    the baseline ``bench/release.py`` measures the release against.

    Rows with ``unit == total_unit`` are the total of the other rows of the same indicator and
    period; ``complete=False`` says the frame holds only some of the areas behind the total
    (e.g. focus areas against the kommune), so "the other areas" are a derivable cell too.
    Returns a copy with a ``status`` column (``SHOWN``/``SMALL``/``HIDDEN``); for every person
    indicator that is not shown, ``value``, ``numerator`` and ``denominator`` are blanked so
    that nothing downstream can show or leak them.
    """
    out = results.copy()
    out["status"] = SHOWN
    if out.empty:
        return out
    for (indicator_id, period), group in out.groupby(["indicator", "period"], sort=False):
        if indicator_id not in PERSONS:
            continue
        forced = {i for i, row in group.iterrows()
                  if primary_hidden(indicator_id, row.numerator, row.denominator, k)}
        values = {i: row.numerator for i, row in group.iterrows()}
        lines, virtual = [], set()
        totals = [i for i, row in group.iterrows() if row.unit == total_unit]
        if indicator_id in ADDITIVE_PERSONS and totals:
            total = totals[0]
            # Rows with no value (e.g. an area with no adults) hold nothing and stay out of the line.
            members = [i for i in group.index if i != total
                       and not (_missing(group.at[i, "value"]) and not (values[i] or 0))]
            if not complete:
                rest = ("rest", indicator_id, period)
                shown_sum = sum(0.0 if _missing(values[m]) else float(values[m]) for m in members)
                total_n = 0.0 if _missing(values[total]) else float(values[total])
                values[rest] = max(0.0, total_n - shown_sum)
                virtual.add(rest)
                if values[rest] < k:
                    forced.add(rest)
                members.append(rest)
            lines.append((total, members))
        # Counts are small by their own value; rates, shares and medians by their numerator,
        # denominator and complement (a value with no denominator is "no data", nothing to hide).
        status = protect(values, lines, k=k, primary=None if indicator_id in PERSON_COUNTS else forced,
                         virtual=virtual)
        for i in group.index:
            out.at[i, "status"] = status[i]
    hidden = out.status != SHOWN
    for col in ("value", "numerator", "denominator"):
        if col in out:
            out[col] = out[col].astype("float64")
            out.loc[hidden, col] = math.nan
    return out


def label(value, kind: str, status: str, k: int, lang: str = "da") -> str:
    """The text for one protected indicator value: ``<5`` for a small count, ``x`` when hidden."""
    from lokal import i18n

    if status == SMALL and kind == "count":
        return small_label(k)
    if status != SHOWN:
        return HIDDEN_LABEL
    return i18n.fmt_value(value, kind, lang)


def protect_counts(table: pd.DataFrame, columns: Sequence[str], *, k: int, total_row: Hashable | None = None,
                   total_col: str | None = None, complements: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """Protect a plain table of person counts (e.g. channels × enrolments/completed with totals).

    ``total_row`` is the index of a row that is the sum of the other rows; ``total_col`` a column
    that is the sum of ``columns``. ``complements`` lists (whole, part) column pairs where the
    difference is a derivable count, e.g. ("enrolled", "completed") → "not completed". Returns
    a frame of labels: the number (as a whole number), ``<k`` or ``x``.
    """
    cols = list(columns) + ([total_col] if total_col else [])
    values: dict[Hashable, float] = {}
    lines: list[tuple[Hashable, list[Hashable]]] = []
    virtual: set[Hashable] = set()
    for r in table.index:
        for c in cols:
            values[(r, c)] = table.at[r, c]
        if total_col:
            lines.append(((r, total_col), [(r, c) for c in columns]))
        for whole, part in complements:
            rest = (r, f"{whole}-{part}")
            values[rest] = max(0.0, float(table.at[r, whole]) - float(table.at[r, part]))
            virtual.add(rest)
            lines.append(((r, whole), [(r, part), rest]))
    if total_row is not None:
        for c in cols:
            lines.append(((total_row, c), [(r, c) for r in table.index if r != total_row]))
        for whole, part in complements:
            name = f"{whole}-{part}"
            lines.append(((total_row, name), [(r, name) for r in table.index if r != total_row]))
    status = protect(values, lines, k=k, virtual=virtual)
    out = pd.DataFrame(index=table.index, columns=cols, dtype=object)
    for r in table.index:
        for c in cols:
            s = status[(r, c)]
            n = values[(r, c)]
            out.at[r, c] = small_label(k) if s == SMALL else HIDDEN_LABEL if s == HIDDEN else f"{int(round(n))}"
    out.attrs["status"] = {key: s for key, s in status.items() if key not in virtual}
    return out


__all__ = [
    "DEFAULT_THRESHOLD", "ENV_VAR", "META_KEY", "SHOWN", "SMALL", "HIDDEN", "HIDDEN_LABEL", "PERSONS",
    "ADDITIVE_PERSONS", "is_persons", "threshold", "small_label", "protect", "primary_hidden",
    "protect_results", "label", "protect_counts",
]

# Every id above must be a real indicator (a renamed indicator would silently lose protection).
_unknown = PERSONS - set(ind.BY_ID)
if _unknown:
    raise RuntimeError(f"Ukendte indikatorer i lokal.suppress: {sorted(_unknown)}")
