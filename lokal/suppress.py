"""Small-number protection: no citizen may be identifiable from what Lokal shows a council.

One rule, used by the meeting page, every handout and every view for the ``byraad`` role:

* **Primary suppression.** A count of persons below the threshold ``k`` (default 5) is shown
  as ``<5``. A rate is hidden when its person numerator or its denominator is below ``k``; a
  share also when the persons *not* counted (denominator − numerator) are below ``k``
  (otherwise "100 %" or "95 %" of a small group tells something about each of them); a
  median over persons when fewer than ``k`` persons lie behind it. Zero counts too: "nobody
  from the area" is also a statement about people, and the rule stays one comparison.
* **Secondary suppression.** In a table with a total (areas and the kommune total, funnel
  steps, channels) a hidden cell must not be computable from the total and the other cells.
  Every *line* (a total and the cells that add up to it) therefore has either no hidden cell
  or at least two; when exactly one is hidden, the smallest shown cell of the line is hidden
  as well (shown as ``x``). An audit then works out, by interval arithmetic over all lines,
  what an attacker can still derive from the shown numbers, ``<5`` labels and ``x`` cells,
  and hides more until no primary-suppressed value is pinned to a single number.

The threshold comes from the environment variable ``LOKAL_MIN_COUNT``, else from the
database's ``meta`` row ``min_count``, else 5 (see :func:`threshold`). Pure Python: no
Streamlit, no SQL.
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence

import pandas as pd

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
PERSON_SHARES = frozenset({"andel_maend", "gennemfoerelse", "effekt_slut", "effekt_opfoelgning",
                           "andel_svar_3_dage"})
# A median over enrolments: hidden when fewer than k persons lie behind it (its denominator).
PERSON_MEDIANS = frozenset({"svartid_median"})
PERSONS = PERSON_COUNTS | PERSON_RATES | PERSON_SHARES | PERSON_MEDIANS
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
            virtual: Iterable[Hashable] = ()) -> dict[Hashable, str]:
    """Primary and secondary suppression of person counts; the status of every cell.

    ``values`` maps a cell to its count of persons. ``lines`` lists each total with the cells
    that add up to it (``total = sum(members)``; a total may be a member of another line).
    ``primary`` names cells to hide whatever their value (e.g. a share whose complement is
    small); by default a cell is primary when its count is below ``k``. ``virtual`` cells are
    never shown but can be derived (e.g. "the other areas" = total − shown areas, or "not
    completed" = enrolled − completed); when small they are protected like any other cell.

    Returns ``SHOWN``, ``SMALL`` (primary: ``<k`` for a count) or ``HIDDEN`` (secondary, or a
    virtual cell) per cell. With ``k <= 1`` nothing is hidden.
    """
    counts = {c: (0.0 if _missing(v) else float(v)) for c, v in values.items()}
    lines = [(total, list(members)) for total, members in lines]
    virtual = set(virtual)
    if k <= 1:
        return {c: (HIDDEN if c in virtual else SHOWN) for c in counts}
    forced = set(primary) if primary is not None else None
    status: dict[Hashable, str] = {}
    for cell, n in counts.items():
        small = (cell in forced) if forced is not None else n < k
        status[cell] = SMALL if small else (HIDDEN if cell in virtual else SHOWN)
    protected = {c for c, s in status.items() if s == SMALL}

    def hide_one(line: list[Hashable]) -> bool:
        """Hide the smallest shown cell of a line (members before the total)."""
        total, members = line[0], line[1:]
        shown = [c for c in members if status[c] == SHOWN] or ([total] if status[total] == SHOWN else [])
        if not shown:
            return False
        status[min(shown, key=lambda c: counts[c])] = HIDDEN
        return True

    for _ in range(len(counts) + 1):
        changed = False
        # The classic rule: no line with exactly one hidden cell that needs protecting.
        for total, members in lines:
            line = [total, *members]
            hidden = [c for c in line if status[c] != SHOWN]
            if len(hidden) == 1 and (hidden[0] in protected or hidden[0] not in virtual):
                changed |= hide_one(line)
        if changed:
            continue
        # The audit: what can still be worked out by arithmetic over all lines?
        bounds = _bounds(counts, status, lines, k, virtual)
        for cell in (c for c in protected if bounds[c][0] == bounds[c][1]):
            if any(cell in (total, *members) and hide_one([total, *members]) for total, members in lines):
                changed = True
                break
        if not changed:
            break
    return status


def _bounds(counts, status, lines, k, virtual) -> dict[Hashable, tuple[float, float]]:
    """What an attacker knows about each cell: an interval, narrowed over all lines to a fixpoint."""
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
        else:  # secondary: a shown cell hidden, so at least k
            b[cell] = [float(k), inf]
    for _ in range(100):
        changed = False
        for total, members in lines:
            lo_sum = sum(b[m][0] for m in members)
            hi_sum = sum(b[m][1] for m in members)
            t = [max(b[total][0], lo_sum), min(b[total][1], hi_sum)]
            changed |= t != b[total]
            b[total] = t
            for j, m in enumerate(members):
                # inf - inf never occurs: lower bounds are finite.
                others_lo = lo_sum - b[m][0]
                others_hi = sum(b[o][1] for i, o in enumerate(members) if i != j)
                new = [max(b[m][0], t[0] - others_hi), min(b[m][1], t[1] - others_lo)]
                if new != b[m]:
                    b[m], changed = new, True
                    lo_sum = sum(b[x][0] for x in members)
                    hi_sum = sum(b[x][1] for x in members)
        if not changed:
            break
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
    if indicator_id in PERSON_MEDIANS:
        return den is None or den < k
    if den is None or den == 0:
        return False  # no value to hide: it shows as "no data"
    if indicator_id in PERSON_RATES:
        return num < k or den < k
    return num < k or den < k or den - num < k  # shares


def protect_results(results: pd.DataFrame, *, k: int, total_unit: str = "kommune",
                    complete: bool = True) -> pd.DataFrame:
    """Apply the rule to a tidy indicator frame (unit, period, indicator, numerator, denominator, value).

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
