"""What the council's release costs (issue 19): figures lost to linked protection, and build time.

    python bench/release.py --db /tmp/demo.duckdb
    python bench/release.py --db /tmp/national.duckdb --kommune 0851   # one kommune of the national data

Not part of the test run. It builds the release (lokal.release) of one kommune and counts its person
figures shown, shown as '<5' and hidden ('x'), beside the same figures protected table by table as
Lokal did before (each area table with its kommune total on its own, focus and other areas on their
own): the difference is what protecting the tables together costs. It also counts what Møde shows
for the default year (all areas, all offers), and times the build (cold) and a cached read.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from lokal import db, meeting, release, suppress  # noqa: E402


def per_table(rel_raw: pd.DataFrame, k: int) -> pd.Series:
    """The old rule: each (indicator, category, period) table of areas + kommune protected alone;
    fokus and øvrige each on its own (as kommune_results did)."""
    status = pd.Series(suppress.SHOWN, index=rel_raw.index)
    for _, group in rel_raw.groupby(["indicator", "category", "period"], sort=False):
        areas = group[~group.unit.isin([release.FOCUS, release.OTHERS])]
        out = suppress.protect_results(areas, k=k, total_unit=release.ALL)
        status.loc[out.index] = out.status
        split = group[group.unit.isin([release.FOCUS, release.OTHERS])]
        out = suppress.protect_results(split, k=k, total_unit="")
        status.loc[out.index] = out.status
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--kommune", default=None)
    args = parser.parse_args()
    con = db.connect(args.db, read_only=True)
    k = suppress.threshold(db.get_meta(con, suppress.META_KEY))
    periods = release.periods(con)
    t0 = time.perf_counter()
    rel = release.build(con, kommune=args.kommune, k=k)
    build = time.perf_counter() - t0
    release.table(con, kommune=args.kommune, k=k)
    t0 = time.perf_counter()
    release.table(con, kommune=args.kommune, k=k)
    cached = time.perf_counter() - t0
    raw = release._scope_frames(con, periods, args.kommune).reset_index(drop=True)
    old = per_table(raw, k)
    print(f"{args.db} kommune={args.kommune or 'alle'}: {len(periods)} periods, {len(rel)} person figures, k={k}")
    print(f"build {build:.1f} s, cached read {cached * 1000:.1f} ms")
    new = release.summary(rel)
    before = old.value_counts()
    print("                      shown    <5     x")
    print(f"table by table     {before.get(suppress.SHOWN, 0):7d} {before.get(suppress.SMALL, 0):5d} "
          f"{before.get(suppress.HIDDEN, 0):5d}")
    print(f"release (linked)   {new[suppress.SHOWN]:7d} {new[suppress.SMALL]:5d} {new[suppress.HIDDEN]:5d}")
    lost = before.get(suppress.SHOWN, 0) - new[suppress.SHOWN]
    print(f"lost to linking: {lost} of {before.get(suppress.SHOWN, 0)} shown figures "
          f"({100 * lost / max(1, before.get(suppress.SHOWN, 0)):.1f} %)")
    years = [p.label for p in periods if len(p.label) == 4]
    if years:
        m = meeting.build(con, meeting.default_period(release.labels(con), periods[-1].end), kommune=args.kommune, k=k)
        for name, unit in (("summary", [m.summary]), ("areas", list(m.areas))):
            numbers = [n for u in unit for n in u.numbers.values() if n.indicator in suppress.PERSONS]
            shown = sum(n.status == suppress.SHOWN for n in numbers)
            print(f"Møde {m.period.label} {name}: {shown} of {len(numbers)} person figures shown")
    con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
