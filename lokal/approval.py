"""Approval: the council sees a period's figures once a leader has approved them, as they were then.

A leader (or an admin) approves a kommune's figures — or one area's — for one period of the
release (an ended quarter or year, :mod:`lokal.release`). Approving keeps a *snapshot*: every
figure the council can open for that period (each area, the kommune, the focus and the other
areas; all offers and each category; every indicator), protected as the release protects it.
From then on the council's views read the snapshot, not today's data: a later write that changes
the period marks it "ændret efter godkendelse" for leaders, and the council keeps seeing the
approved figures until a leader approves again. A period nobody has approved is shown to the
council as not approved — never with its unapproved figures.

A handout downloaded from Møde is kept as a snapshot too (its figures and the file itself), so
"what did the council see on 12 January" has one answer.

Every approval, withdrawal and snapshot is one transaction with its audit rows (table
``approvals``/``snapshots``, actions insert/update). Pure: no Streamlit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import threading
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from lokal import access, db, i18n, queries, release, suppress, writes
from lokal import indicators as ind

ALL, FOCUS, OTHERS = release.ALL, release.FOCUS, release.OTHERS
KOMMUNE_UNITS = (ALL, FOCUS, OTHERS)
APPROVAL, HANDOUT = "godkendelse", "udlevering"
FIGURE_COLUMNS = ["period", "category", "unit", "unit_name", "indicator", "numerator", "denominator", "value", "status"]


class ApprovalError(writes.WriteError):
    """An approval that was refused; the message is for the user."""


@dataclass(frozen=True)
class Approval:
    id: int
    kommune: str
    area_code: str  # '' = the whole kommune
    period: str
    snapshot_id: int
    approved_by: str
    approver_name: str | None
    approved_at: datetime
    withdrawn_by: str | None
    withdrawn_at: datetime | None
    version: int

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def who(self) -> str:
        return self.approver_name or self.approved_by


def _kommune(kommune: str | None) -> str:
    return kommune or ""


def _path(con) -> str:
    return con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]


# --- the figures of a period, as the council would see them today ------------------------------


def live_figures(con: duckdb.DuckDBPyConnection, label: str, kommune: str | None = None) -> pd.DataFrame:
    """Every figure the council can open for one release period, protected as today: one row per
    category ('' = all offers) × unit × indicator. Kept while the data are the same."""
    return _live(con, [label], kommune)[label]


def _live(con, labels: list[str], kommune: str | None) -> dict[str, pd.DataFrame]:
    """:func:`live_figures` of several periods, computed together (one pass per category)."""
    base = (_path(con), db.data_version(con), ind.latest_data_date(con)[0], kommune, release.threshold(con))
    out, missing = {}, []
    with _LOCK:
        for label in labels:
            hit = _CACHE.get(("live", *base, label))
            if hit is None:
                missing.append(label)
            else:
                out[label] = hit
    if not missing:
        return out
    published = {p.label: p for p in release.periods(con)}
    unknown = [label for label in missing if label not in published]
    if unknown:
        raise release.NotPublished(f"Perioden {unknown[0]} er ikke et afsluttet kvartal eller kalenderår og kan ikke "
                                   "godkendes.")
    periods = [published[label] for label in missing]
    frames = []
    for cat in release.CATEGORIES:
        ids = [i.id for i in ind.INDICATORS if cat is None or i.uses_category]
        areas, bench = ind.compute_with_benchmark(con, periods, category=cat, indicator_ids=ids, kommune=kommune)
        focus = ind.compute(con, periods, by="focus", category=cat, indicator_ids=ids, kommune=kommune)
        scope = dict(kommune=kommune, category=cat)
        frames += [release.apply(con, f, by=by, **scope).assign(category=cat or "")
                   for f, by in ((areas, "area"), (bench, "area"), (focus, "focus"))]
    every = pd.concat(frames, ignore_index=True).rename(columns={"area_name": "unit_name"})
    every["unit_name"] = every["unit_name"].where(~every.unit.isin(KOMMUNE_UNITS), None)
    every = every[FIGURE_COLUMNS].sort_values(["period", "category", "unit", "indicator"], kind="stable")
    for label, frame in every.groupby("period", sort=False):
        out[label] = frame.reset_index(drop=True)
        _remember(("live", *base, label), out[label])
    return out


_CACHE: dict[tuple, object] = {}
_LOCK = threading.Lock()


def _remember(key, value) -> None:
    if key[1] is None:  # an in-memory database has no path to tell it from another: not kept
        return
    with _LOCK:
        if len(_CACHE) >= 64:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = value


# --- reading approvals and snapshots ------------------------------------------------------------

_APPROVAL_COLS = ("id, kommune, area_code, period, snapshot_id, approved_by, approver_name, approved_at, "
                  "withdrawn_by, withdrawn_at, version")


def approvals(con: duckdb.DuckDBPyConnection, kommune: str | None = None, period: str | None = None) -> list[Approval]:
    """Every approval of the kommune (of one period), newest first, withdrawn ones too."""
    rows = con.execute(f"SELECT {_APPROVAL_COLS} FROM approvals WHERE kommune = ? AND (? IS NULL OR period = ?) "
                       "ORDER BY approved_at DESC, id DESC", [_kommune(kommune), period, period]).fetchall()
    return [Approval(*r) for r in rows]


def current(con: duckdb.DuckDBPyConnection, kommune: str | None, period: str) -> dict[str, Approval]:
    """The approvals in force for a period: area code ('' = the kommune) → the newest not withdrawn.

    An approval whose figures were protected with another threshold than today's (``LOKAL_MIN_COUNT``
    changed since) is not in force: its snapshot could show a count the kommune now hides, so the
    period waits for a new approval."""
    k = release.threshold(con)
    rows = con.execute(
        f"SELECT {', '.join('a.' + c for c in _APPROVAL_COLS.split(', '))} FROM approvals a "
        "JOIN snapshots s ON s.id = a.snapshot_id WHERE a.kommune = ? AND a.period = ? AND a.withdrawn_at IS NULL "
        "AND s.min_count = ? ORDER BY a.approved_at DESC, a.id DESC", [_kommune(kommune), period, k]).fetchall()
    out: dict[str, Approval] = {}
    for a in (Approval(*r) for r in rows):
        out.setdefault(a.area_code, a)
    return out


def covering(approved: dict[str, Approval], unit: str) -> Approval | None:
    """The approval the council's figure of ``unit`` comes from: the kommune's totals need the
    kommune's approval; an area takes the newer of its own approval and the kommune's."""
    whole = approved.get("")
    if unit in KOMMUNE_UNITS:
        return whole
    own = approved.get(unit)
    if own is None or (whole is not None and (whole.approved_at, whole.id) > (own.approved_at, own.id)):
        return whole
    return own


def snapshot_figures(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> pd.DataFrame:
    return con.execute(f"SELECT {', '.join(FIGURE_COLUMNS)} FROM snapshot_figures WHERE snapshot_id = ? "
                       "ORDER BY category, unit, indicator, period", [snapshot_id]).df()


def _frozen(con, kommune: str | None, labels: list[str]) -> tuple[dict, dict]:
    """For the periods asked: (period, unit) → approval id, and (snapshot, period, category, unit,
    indicator) → (numerator, denominator, value, status). Kept while the data are the same."""
    key = ("frozen", _path(con), db.data_version(con), kommune, tuple(sorted(set(labels))))
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None:
        return hit
    by_period = {label: current(con, kommune, label) for label in set(labels)}
    snaps = sorted({a.snapshot_id for ap in by_period.values() for a in ap.values()})
    values: dict[tuple, tuple] = {}
    if snaps:
        rows = con.execute("SELECT snapshot_id, period, category, unit, indicator, numerator, denominator, value, status "
                           "FROM snapshot_figures WHERE list_contains(?, snapshot_id)", [snaps]).fetchall()
        values = {r[:5]: r[5:] for r in rows}
    out = (by_period, values)
    _remember(key, out)
    return out


def freeze(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, kommune: str | None = None,
           category: str | None = None, by: str = "area", focus_only: bool = False,
           fallback: bool = False) -> pd.DataFrame:
    """The approved figures in place of a protected frame's (see :func:`lokal.release.apply`).

    Each row (period, unit, indicator) takes its numbers and status from the snapshot of the
    approval that covers it (:func:`covering`). A row without one is hidden (``fallback`` False,
    the council) or kept as it is, today's protected figure (``fallback`` True: Møde for a
    leader, marked as a draft). Adds ``approval_id`` (0 = not approved)."""
    out = frame.copy()
    if out.empty:
        return out.assign(approval_id=pd.Series(dtype="int64"))
    periods = out.period.tolist()
    by_period, values = _frozen(con, kommune, periods)
    units = out.unit.tolist()
    if by == "kommune" and focus_only:
        units = [FOCUS if u == ALL else u for u in units]
    ids = out.indicator.tolist()
    cats = [(category or "") if ind.get(i).uses_category else "" for i in ids]
    cols = {c: out[c].astype("float64").tolist() for c in ("numerator", "denominator", "value") if c in out}
    status = out["status"].tolist() if "status" in out else [suppress.SHOWN] * len(out)
    approval_ids = []
    for n, (p, u, i, c) in enumerate(zip(periods, units, ids, cats)):
        a = covering(by_period.get(p, {}), u)
        if a is None:
            approval_ids.append(0)
            if not fallback:
                status[n] = suppress.HIDDEN
                for col in cols.values():
                    col[n] = math.nan
            continue
        approval_ids.append(a.id)
        got = values.get((a.snapshot_id, p, c, u, i))
        num, den, val, st = got if got is not None else (None, None, None, suppress.HIDDEN)
        status[n] = st
        for col, v in (("numerator", num), ("denominator", den), ("value", val)):
            if col in cols:
                cols[col][n] = math.nan if v is None else float(v)
    for col, vals in cols.items():
        out[col] = vals
    out["status"] = status
    out["approval_id"] = approval_ids
    return out


# --- what an approval would change, and what changed since -------------------------------------


def differences(before: pd.DataFrame, after: pd.DataFrame, units: set[str] | None = None) -> pd.DataFrame:
    """Figures that differ between two sets (a snapshot and today, or two snapshots): category,
    unit, unit_name, indicator, status and value before and after. ``units``: only these."""
    keys = ["period", "category", "unit", "indicator"]
    cols = [*keys, "unit_name", "value", "status"]
    both = before[cols].merge(after[cols], on=keys, how="outer", suffixes=("_before", "_after"))
    if units is not None:
        both = both[both.unit.isin(units)]

    def same(x, y) -> bool:
        if _nan(x) and _nan(y):
            return True
        return not (_nan(x) or _nan(y)) and abs(float(x) - float(y)) < 1e-9

    changed = [not (sb == sa and same(vb, va)) for sb, sa, vb, va in
               zip(both.status_before, both.status_after, both.value_before, both.value_after)]
    out = both[pd.Series(changed, index=both.index, dtype=bool)].copy()
    out["unit_name"] = out.unit_name_before.fillna(out.unit_name_after)
    return out[["period", "category", "unit", "unit_name", "indicator", "status_before", "value_before",
                "status_after", "value_after"]].reset_index(drop=True)


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _covered_units(approval: Approval, figures: pd.DataFrame) -> set[str]:
    return set(figures.unit) if approval.area_code == "" else {approval.area_code}


def changed_since(con: duckdb.DuckDBPyConnection, approval: Approval) -> pd.DataFrame:
    """The figures of the approval's units that today's data would show differently."""
    key = ("changed", _path(con), db.data_version(con), approval.id)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None:
        return hit
    if not _written_since(con, approval):  # nothing but approvals and snapshots since: nothing changed
        out = differences(pd.DataFrame(columns=FIGURE_COLUMNS), pd.DataFrame(columns=FIGURE_COLUMNS))
        _remember(key, out)
        return out
    snap = snapshot_figures(con, approval.snapshot_id)
    live = live_figures(con, approval.period, approval.kommune or None)
    out = differences(snap, live, _covered_units(approval, snap))
    _remember(key, out)
    return out


def _written_since(con, approval: Approval) -> bool:
    """Whether anything but approvals and snapshots was written after the approval's snapshot."""
    version = con.execute("SELECT data_version FROM snapshots WHERE id = ?", [approval.snapshot_id]).fetchone()[0]
    if db.data_version(con) <= version + 1:  # the approval's own bump
        return False
    return con.execute("SELECT count(*) FROM audit_log WHERE changed_at >= ? AND action <> 'denied' "
                       "AND table_name NOT IN ('approvals', 'snapshots')", [approval.approved_at]).fetchone()[0] > 0


@dataclass(frozen=True)
class PeriodState:
    """Where one period stands for one kommune (or one area of it)."""

    period: str
    approval: Approval | None  # the approval the council's figures come from
    changed: int  # figures today's data would show differently (0 when not approved)

    @property
    def approved(self) -> bool:
        return self.approval is not None


def state(con: duckdb.DuckDBPyConnection, period: str, *, kommune: str | None = None, unit: str = ALL,
          compare: bool = True) -> PeriodState:
    """The period's approval for the unit (the kommune's for ALL) and, when ``compare``, how many of
    its figures have changed since."""
    a = covering(current(con, kommune, period), unit)
    n = 0
    if a is not None and compare:
        diff = changed_since(con, a)
        n = len(diff if unit in KOMMUNE_UNITS else diff[diff.unit == unit])
    return PeriodState(period, a, n)


def overview(con: duckdb.DuckDBPyConnection, kommune: str | None = None, *, compare: bool = False) -> pd.DataFrame:
    """Every release period, newest first, with the kommune's approval (who, when), how many areas
    have an approval of their own, whether anything was written after the approval (cheap: the
    audit log) and, when ``compare``, how many figures changed (today's figures of each such
    period are computed: seconds per period at national scale)."""
    rows = []
    for label in release.labels(con):
        approved = current(con, kommune, label)
        whole = approved.get("")
        written = whole is not None and _written_since(con, whole)
        changed = len(changed_since(con, whole)) if written and compare else None
        rows.append({"period": label, "approved": whole is not None,
                     "approved_by": whole.who if whole else None, "approved_at": whole.approved_at if whole else None,
                     "areas_approved": len([c for c in approved if c]), "written_since": written, "changed": changed})
    return pd.DataFrame(rows, columns=["period", "approved", "approved_by", "approved_at", "areas_approved",
                                       "written_since", "changed"])


def approved_labels(con: duckdb.DuckDBPyConnection, kommune: str | None = None, *,
                    any_kommune: bool = False) -> list[str]:
    """The release periods with an approval in force (for the kommune, or in any kommune of the
    database), newest first: what a council member can open."""
    rows = con.execute("SELECT DISTINCT a.period FROM approvals a JOIN snapshots s ON s.id = a.snapshot_id "
                       "WHERE a.withdrawn_at IS NULL AND s.min_count = ? AND (? OR a.kommune = ?)",
                       [release.threshold(con), any_kommune, _kommune(kommune)]).fetchall()
    found = {r[0] for r in rows}
    return [label for label in release.labels(con) if label in found]


# --- words --------------------------------------------------------------------------------------

_W = {
    "da": {"approved": "Godkendt {date} af {who}", "draft": "Udkast – ikke godkendt",
           "changed": "ændret efter godkendelse"},
    "en": {"approved": "Approved {date} by {who}", "draft": "Draft – not approved", "changed": "changed after approval"},
}


def approved_text(a: Approval | None, lang: str = "da") -> str:
    """'Godkendt 12-01-2027 af Lene Leder', or 'Udkast – ikke godkendt'."""
    w = _W.get(lang, _W["da"])
    if a is None:
        return w["draft"]
    return w["approved"].format(date=i18n.fmt_date(a.approved_at, lang), who=a.who)


# --- writing ------------------------------------------------------------------------------------


def summary_csv(figures: pd.DataFrame, k: int, lang: str = "da") -> bytes:
    """The snapshot's summary table (all offers): unit, indicator, value as the council saw it.
    Deterministic: the same figures give the same bytes, so a snapshot can be checked against its digest."""
    rows = figures[figures.category == ""]
    order = {i.id: n for n, i in enumerate(ind.INDICATORS)}
    unit_order = {u: n for n, u in enumerate(KOMMUNE_UNITS)}
    rows = sorted(rows.itertuples(index=False),
                  key=lambda r: (r.period, unit_order.get(r.unit, 9), str(r.unit), order.get(r.indicator, 999)))
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow([i18n.t(h, lang) for h in ("Periode", "Enhed", "Område", "Indikator", "Værdi")])
    for r in rows:
        spec = ind.get(r.indicator)
        value = None if _nan(r.value) else r.value
        w.writerow([r.period, r.unit, r.unit_name if isinstance(r.unit_name, str) else "",
                    i18n.t(spec.name, lang), suppress.label(value, spec.kind, r.status, k, lang)])
    return buf.getvalue().encode("utf-8")


def digest(figures: pd.DataFrame, k: int) -> str:
    return hashlib.sha256(summary_csv(figures, k)).hexdigest()


def _user_name(user) -> str | None:
    return user.name if isinstance(user, access.User) else None


def _store_snapshot(con, user, kind: str, kommune: str | None, period: str, figures: pd.DataFrame, k: int,
                    version: int, file_name: str | None = None, file_bytes: bytes | None = None,
                    made_at: datetime | None = None) -> int:
    data_date = ind.latest_data_date(con)[0]
    rows = figures[FIGURE_COLUMNS].copy()
    for col in ("numerator", "denominator", "value"):  # the last bits of a sum depend on DuckDB's thread order
        rows[col] = rows[col].astype("float64").round(10)
    (sid,) = con.execute(
        "INSERT INTO snapshots (kind, kommune, period, made_by, made_at, data_version, data_date, min_count, figures, "
        "digest, file_name, file_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [kind, _kommune(kommune), period, access.actor_name(user), made_at or datetime.now(), version, data_date, k,
         len(rows), digest(rows, k), file_name, file_bytes]).fetchone()  # the digest of what is kept
    rows = rows.assign(snapshot_id=sid)
    rows["unit_name"] = rows["unit_name"].astype(object).where(rows["unit_name"].notna(), None)
    con.register("_lokal_snapshot_rows", rows)
    try:
        con.execute(f"INSERT INTO snapshot_figures (snapshot_id, {', '.join(FIGURE_COLUMNS)}) "
                    f"SELECT snapshot_id, {', '.join(FIGURE_COLUMNS)} FROM _lokal_snapshot_rows")
    finally:
        con.unregister("_lokal_snapshot_rows")
    after = con.execute("SELECT id, kind, kommune, period, made_by, made_at, data_version, data_date, min_count, "
                        "figures, digest, file_name FROM snapshots WHERE id = ?", [sid]).fetchone()
    writes.audit(con, access.actor_name(user), "insert", "snapshots", sid, None,
                 dict(zip(["id", "kind", "kommune", "period", "made_by", "made_at", "data_version", "data_date",
                           "min_count", "figures", "digest", "file_name"], after)))
    return int(sid)


def _written(con, fn):
    """Run ``fn`` as one transaction under the write lock; bump the data version after it commits."""
    try:
        with writes.WRITE_LOCK, db.transaction(con):
            result = fn()
    except (access.PermissionDenied, writes.WriteError):
        raise
    except duckdb.Error as exc:
        raise writes.refused(exc, "Intet er gemt", "godkendelsen") from exc
    db.bump_data_version(con)
    return result


def approve(con: duckdb.DuckDBPyConnection, user, period: str | list[str], *, kommune: str | None = None,
            area: str | None = None, at: datetime | None = None) -> int | list[int]:
    """Approve the kommune's (or one area's) figures for a period (or several); returns the
    approval's id (a list for several periods, approved in one transaction).

    Keeps a snapshot of every figure the council can open for the period, as protected today.
    Refused for a role that may not approve (audited), and when the data changed while the
    figures were being gathered (the snapshot must be what the leader looked at). ``at``: the
    time to record (the demo's approvals are dated, so the same seed gives the same database)."""
    labels = [period] if isinstance(period, str) else list(period)
    access.require(con, user, access.APPROVE, area, what=f"godkend {', '.join(labels)}")
    k = release.threshold(con)
    version = db.data_version(con)
    figures = _live(con, labels, kommune)
    if area and any(area not in set(f.unit) for f in figures.values()):
        raise ApprovalError(f"Området {area} findes ikke i kommunen. Intet er godkendt.")

    def write():
        if db.data_version(con) != version:
            raise ApprovalError("Data blev ændret, mens tallene blev samlet. Se tallene igen, og godkend derefter. "
                                "Intet er godkendt.")
        ids = []
        for label in labels:
            sid = _store_snapshot(con, user, APPROVAL, kommune, label, figures[label], k, version, made_at=at)
            (aid,) = con.execute(
                "INSERT INTO approvals (kommune, area_code, period, snapshot_id, approved_by, approver_name, "
                "approved_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [_kommune(kommune), area or "", label, sid, access.actor_name(user), _user_name(user),
                 at or datetime.now()]).fetchone()
            writes.audit(con, access.actor_name(user), "insert", "approvals", aid, None, _row(con, aid))
            ids.append(int(aid))
        return ids

    ids = _written(con, write)
    return ids[0] if isinstance(period, str) else ids


def approve_ended(con: duckdb.DuckDBPyConnection, user, *, leave_open: int = 0, kommune: str | None = None,
                  at: datetime | None = None) -> list[int]:
    """Approve every release period of the kommune but the newest ``leave_open`` quarters (the demo
    and the test fixtures start with approved history and, in the demo, one quarter waiting)."""
    labels = [p.label for p in release.periods(con)]
    quarters = [label for label in labels if len(label) != 4]
    waiting = set(quarters[len(quarters) - leave_open:]) if leave_open else set()
    chosen = [label for label in labels if label not in waiting]
    return approve(con, user, chosen, kommune=kommune, at=at) if chosen else []


def _row(con, approval_id: int) -> dict | None:
    cur = con.execute(f"SELECT {_APPROVAL_COLS} FROM approvals WHERE id = ?", [approval_id])
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row))


def withdraw(con: duckdb.DuckDBPyConnection, user, approval_id: int, version: int) -> int:
    """Withdraw an approval (the council then sees the period as not approved, or an earlier
    approval still in force); returns the new version. Refused when someone changed it meanwhile."""
    before = _row(con, approval_id)
    area = before["area_code"] if before else None
    access.require(con, user, access.APPROVE, area or None, what=f"tilbagekald godkendelse {approval_id}")

    def write():
        now = _row(con, approval_id)
        if now is None:
            raise ApprovalError(f"Godkendelse nr. {approval_id} findes ikke.")
        if now["withdrawn_at"] is not None:
            raise ApprovalError("Godkendelsen er allerede tilbagekaldt. Intet er ændret.")
        if now["version"] != version:
            raise writes.StaleRecord("Godkendelsen er ændret af en anden, siden du åbnede den. Intet er ændret.", {})
        con.execute("UPDATE approvals SET withdrawn_by = ?, withdrawn_at = ?, version = version + 1 WHERE id = ?",
                    [access.actor_name(user), datetime.now(), approval_id])
        after = _row(con, approval_id)
        writes.audit(con, access.actor_name(user), "update", "approvals", approval_id, now, after)
        return after["version"]

    return _written(con, write)


def record_handout(con: duckdb.DuckDBPyConnection, user, period: str, figures: pd.DataFrame, *,
                   kommune: str | None, file_name: str, file_bytes: bytes, k: int) -> int:
    """Keep a downloaded handout: its figures and the file as it was sent."""

    def write():
        return _store_snapshot(con, user, HANDOUT, kommune, period, figures, k, db.data_version(con),
                               file_name, file_bytes)

    return _written(con, write)


def snapshots(con: duckdb.DuckDBPyConnection, kommune: str | None = None, period: str | None = None) -> pd.DataFrame:
    """The kommune's snapshots (of one period), newest first: what was approved and handed out."""
    return con.execute(
        "SELECT s.id, s.kind, s.period, s.made_by, s.made_at, s.data_date, s.figures, s.digest, s.file_name, "
        "a.id AS approval_id, a.area_code, a.withdrawn_at "
        "FROM snapshots s LEFT JOIN approvals a ON a.snapshot_id = s.id "
        "WHERE s.kommune = ? AND (? IS NULL OR s.period = ?) ORDER BY s.made_at DESC, s.id DESC",
        [_kommune(kommune), period, period]).df()


def snapshot_file(con: duckdb.DuckDBPyConnection, viewer, snapshot_id: int) -> tuple[str, bytes] | None:
    """A kept handout's file (name, bytes), for leaders and coordinators."""
    access.require(con, viewer, access.DETAILS, what=f"øjebliksbillede {snapshot_id}")
    row = con.execute("SELECT file_name, file_bytes FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
    return None if row is None or row[1] is None else (row[0], bytes(row[1]))


def snapshot_csv(con: duckdb.DuckDBPyConnection, viewer, snapshot_id: int) -> bytes:
    """A snapshot's summary table, regenerated: the same bytes as when it was made (its digest)."""
    access.require(con, viewer, access.DETAILS, what=f"øjebliksbillede {snapshot_id}")
    k = con.execute("SELECT min_count FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
    if k is None:
        raise ApprovalError(f"Øjebliksbillede nr. {snapshot_id} findes ikke.")
    return summary_csv(snapshot_figures(con, snapshot_id), int(k[0]))


def compare_with_today(con: duckdb.DuckDBPyConnection, viewer, snapshot_id: int) -> pd.DataFrame:
    """A snapshot's figures that differ from today's (leaders, coordinators and admins: today's
    figures of an unapproved period are not the council's)."""
    access.require(con, viewer, access.DETAILS, what=f"sammenlign øjebliksbillede {snapshot_id}")
    row = con.execute("SELECT kommune, period FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise ApprovalError(f"Øjebliksbillede nr. {snapshot_id} findes ikke.")
    snap = snapshot_figures(con, snapshot_id)
    snap = snap[snap.period == row[1]]  # a handout also keeps the previous period's figures
    live = live_figures(con, row[1], row[0] or None)
    live = live[live.category.isin(set(snap.category)) & live.indicator.isin(set(snap.indicator))]
    return differences(snap, live, set(snap.unit))


# --- data freshness -----------------------------------------------------------------------------

FRESHNESS = f"""
WITH rec AS ({queries.AREA_OF_RECORD}),
logged AS (
    SELECT r.area_id, max(l.changed_at) AS last_logged,
           count(*) FILTER (WHERE l.changed_at >= date_trunc('month', $today::DATE)) AS this_month
    FROM audit_log l JOIN rec r ON r.t = l.table_name AND l.record_key = r.id::VARCHAR
    WHERE l.action IN ('insert', 'update', 'delete', 'restore', 'import')
    GROUP BY r.area_id
),
activity AS (
    SELECT area_id, max(d) AS last_activity FROM (
        SELECT area_id, least(start_date, $today::DATE) AS d FROM offer_facts
        UNION ALL SELECT o.area_id, s.session_date FROM live_sessions s JOIN offer_facts o ON o.id = s.offer_id
        UNION ALL SELECT area_id, start_date FROM live_collaborations
        UNION ALL SELECT area_id, activity_date FROM live_knowledge_activities
        UNION ALL SELECT area_id, entry_date FROM live_log_entries
    ) GROUP BY area_id
)
SELECT a.code, a.name, lg.last_logged, coalesce(lg.this_month, 0) AS this_month, ac.last_activity
FROM areas a LEFT JOIN logged lg ON lg.area_id = a.id LEFT JOIN activity ac ON ac.area_id = a.id
WHERE $kommune IS NULL OR a.kommunekode = $kommune
ORDER BY a.name
"""


def freshness(con: duckdb.DuckDBPyConnection, viewer, kommune: str | None = None,
              today: date | None = None) -> pd.DataFrame:
    """Per area: when data was last logged in Lokal, how many entries this month, and the newest
    activity date — so a period is not approved on half-entered data (leaders and coordinators)."""
    access.require(con, viewer, access.DETAILS, what="datafriskhed")
    return con.execute(FRESHNESS, {"kommune": kommune, "today": today or date.today()}).df()


__all__ = ["Approval", "ApprovalError", "PeriodState", "approvals", "current", "covering", "freeze", "live_figures",
           "differences", "changed_since", "state", "overview", "approved_labels", "approved_text", "summary_csv", "digest", "approve", "approve_ended",
           "withdraw", "record_handout", "snapshots", "snapshot_file", "snapshot_csv", "compare_with_today", "freshness",
           "snapshot_figures"]
