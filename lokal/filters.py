"""The shared filters (period, areas, offer category) and how they read from and write to a URL.

Pure Python: :mod:`lokal.ui.state` holds them in Streamlit's session and query parameters.
Periods are whole quarters, written like ``2025K3``, so a link stays short and readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from lokal.indicators import Period

CATEGORIES = ("kommunalt", "civilsamfund")
_QUARTER = re.compile(r"^(\d{4})K([1-4])$")


def quarter_of(d: date) -> str:
    return f"{d.year}K{(d.month - 1) // 3 + 1}"


def quarter_period(label: str) -> Period:
    """The quarter ``2025K3`` as a period (1 July – 30 September 2025)."""
    m = _QUARTER.match(label)
    if not m:
        raise ValueError(f"Ugyldigt kvartal: {label!r} (skriv fx 2025K3)")
    year, q = int(m.group(1)), int(m.group(2))
    start = date(year, 3 * q - 2, 1)
    nxt = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return Period(label, start, nxt - timedelta(days=1))


def quarters_between(first: str, last: str) -> list[Period]:
    """Every quarter from ``first`` to ``last``, both included."""
    out = []
    p = quarter_period(first)
    end = quarter_period(last).end
    while p.start <= end:
        out.append(p)
        p = quarter_period(quarter_of(p.end + timedelta(days=1)))
    return out


def years_between(start: date, end: date) -> list[Period]:
    """Calendar years overlapping [start, end], each cut to that interval."""
    return [
        Period(str(y), max(start, date(y, 1, 1)), min(end, date(y, 12, 31)))
        for y in range(start.year, end.year + 1)
    ]


def unfinished(periods: list[Period], data_date: date | None) -> list[str]:
    """The labels of the periods that end after the data date: the one the data stop in and any
    after it. Their figures are provisional (seven of thirteen weeks look like a fall)."""
    if data_date is None:
        return []
    return [p.label for p in periods if p.end > data_date]


@dataclass(frozen=True)
class Filters:
    first: str  # first quarter, e.g. "2024K1"
    last: str  # last quarter, e.g. "2026K4"
    focus_only: bool = False
    category: str | None = None
    kommune: str | None = None  # the kommunekode chosen where the database holds several; None: the only one

    @property
    def period(self) -> Period:
        start, end = quarter_period(self.first).start, quarter_period(self.last).end
        return Period(f"{self.first}–{self.last}", start, end)

    @property
    def quarters(self) -> list[Period]:
        return quarters_between(self.first, self.last)

    @property
    def years(self) -> list[Period]:
        return years_between(self.period.start, self.period.end)


def single_period(label: str) -> tuple[str, str]:
    """(first, last) quarter of one published period: the quarter itself, or a calendar year's four."""
    return (f"{label}K1", f"{label}K4") if len(label) == 4 else (label, label)


def single_label(first: str, last: str) -> str | None:
    """The one published period (a quarter, or a calendar year) that ``first``–``last`` covers, or None."""
    if first == last:
        return first
    if first.endswith("K1") and last == f"{first[:4]}K4":
        return first[:4]
    return None


def trend_quarters(f: Filters, first: date | None) -> list[Period]:
    """The quarters a trend draws: the chosen ones, or for one chosen quarter the four up to it (not
    before the first data), so a trend is never a single dot."""
    chosen = f.quarters
    if len(chosen) > 1:
        return chosen
    start = chosen[0].start
    for _ in range(3):
        before = quarter_period(quarter_of(start - timedelta(days=1)))
        if first is not None and before.end < first:
            break
        start = before.start
    return quarters_between(quarter_of(start), f.last)


def quarter_options(first: date | None, last: date | None, data_date: date | None,
                    today: date | None = None) -> tuple[list[str], Filters]:
    """The quarters to choose from and the default filters (all data up to the data date)."""
    today = today or date.today()
    end_default = data_date or last or today
    first = first or date(end_default.year, 1, 1)
    last = max(d for d in (last, data_date, end_default) if d is not None)
    options = [p.label for p in quarters_between(quarter_of(first), quarter_of(last))]
    return options, Filters(quarter_of(first), quarter_of(end_default))


def nearest(label: str | None, options: list[str]) -> str | None:
    """``label`` if it is offered, else the nearest offered quarter (the first or the last) for a
    well-formed quarter outside the range; None for a missing or malformed one."""
    if label in options:
        return label
    if not label or not options or not _QUARTER.match(label):
        return None
    return options[0] if label < options[0] else options[-1]


def out_of_range(params: dict[str, str], options: list[str]) -> list[tuple[str, str]]:
    """The quarters a URL asks for that the data do not cover, as (asked, shown instead)."""
    out = []
    for name in ("fra", "til"):
        asked = params.get(name)
        shown = nearest(asked, options)
        if asked and shown is not None and shown != asked:
            out.append((asked, shown))
    return out


def from_params(params: dict[str, str], options: list[str], default: Filters,
                kommuner: list[str] | tuple[str, ...] = ()) -> Filters:
    """Filters from URL parameters. A quarter outside the data is moved to the nearest one offered
    (:func:`out_of_range` says which, so the page can say so); malformed values give the default."""
    first = nearest(params.get("fra"), options) or default.first
    last = nearest(params.get("til"), options) or default.last
    if first > last:
        first, last = last, first
    category = params.get("kategori")
    return Filters(
        first=first,
        last=last,
        focus_only=params.get("omraader") == "fokus" if "omraader" in params else default.focus_only,
        category=category if category in CATEGORIES else None,
        kommune=(params.get("kommune") if params.get("kommune") in kommuner else kommuner[0]) if len(kommuner) > 1
        else None,
    )


def to_params(f: Filters) -> dict[str, str]:
    """The URL parameters that reproduce these filters (defaults left out to keep links short)."""
    out = {"fra": f.first, "til": f.last}
    if f.focus_only:
        out["omraader"] = "fokus"
    if f.category:
        out["kategori"] = f.category
    if f.kommune:
        out["kommune"] = f.kommune
    return out
