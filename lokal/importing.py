"""Import of coordinators' CSV and Excel sheets: read, map columns, validate, then all or nothing.

The flow is :func:`read_table` → :func:`map_columns` → :func:`preview` (a validation report
and what would be new, updated or unchanged; nothing written) → :func:`run` (one transaction
through :mod:`lokal.writes`). Re-importing the same file changes nothing: records are matched
on their natural key. :func:`template` gives a sheet per record kind with Danish headers.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from lokal import access, changes, files, records, validate, writes
from lokal.validate import ERROR, WARNING, Problem


class ImportError_(Exception):
    """The file cannot be read at all; :attr:`message` says why, in Danish (English through :meth:`text`)."""

    def __init__(self, message: files.Message | str):
        self.message = message
        super().__init__(str(message))

    def text(self, lang: str = "da") -> str:
        return self.message.text(lang) if isinstance(self.message, files.Message) else str(self.message)


detect_delimiter = files.detect_delimiter  # the one separator detection of every import


@dataclass
class Table:
    columns: list[str]
    rows: list[dict]
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None


def read_table(data: bytes, filename: str) -> Table:
    """Read a CSV (UTF-8 with or without BOM, UTF-16, or Windows-1252; ';', ',' or tab) or .xlsx file
    through :mod:`lokal.files`, whose limits refuse a file too big, too long or too wide to import."""
    try:
        sheet = files.read_sheet(data, filename, formulas=True)
    except files.FileProblem as exc:
        raise ImportError_(exc.message) from None
    header, problems, rows = sheet.columns, [], []
    for n, cells in sheet.rows:
        if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header):] if c is not None):
            problems.append(Problem(n, None, f"rækken har {len(cells)} celler, men overskriften kun {len(header)} "
                                             "kolonner; de overskydende ignoreres", WARNING))
        row = {"_row": n}
        for i, h in enumerate(header):
            if not h:
                continue
            value = cells[i] if i < len(cells) else None
            formula = sheet.formulas.get((n, i))
            if formula is not None:
                if value is None:
                    value = formula  # no saved value: validation asks for the value itself
                else:
                    problems.append(Problem(n, h, f"cellen er en formel ({formula[:30]}); den gemte værdi "
                                                  f"{changes.value_text(value)} bruges", WARNING))
            row[h] = value
        rows.append(row)
    return Table([h for h in header if h], rows, problems, sheet.encoding)


def _norm(text: str) -> str:
    return validate._fold(text).replace(" ", "").replace("_", "").replace("(kr.)", "").replace(".", "")


def map_columns(table: Table, kind_id: str, overrides: dict[str, str] | None = None) -> tuple[dict, list[Problem]]:
    """Match the file's headers to the kind's fields (Danish or English names, any case).

    Returns {field name: file column} and problems: a missing required field is an error, an
    unused column a warning. ``overrides`` maps field name → file column chosen by the user.
    """
    kind = records.get(kind_id)
    overrides = {k: v for k, v in (overrides or {}).items() if v}
    by_norm = {}
    for col in table.columns:
        by_norm.setdefault(_norm(col), col)
    mapping = {}
    for f in kind.fields:
        if f.name in overrides:
            mapping[f.name] = overrides[f.name]
            continue
        for alias in (f.name, f.label_en, f.column):
            if alias and _norm(alias) in by_norm:
                mapping[f.name] = by_norm[_norm(alias)]
                break
    problems = []
    used = set(mapping.values())
    unused = [c for c in table.columns if c not in used]
    suggested: set[str] = set()  # a column offered for a missing field is not also 'not used
    for f in kind.fields:
        if f.required and f.name not in mapping:
            # The column may be there under another header ('Antal fremmødte' for 'Fremmøde'): offer it.
            near = [c for c in unused if _norm(f.name) in _norm(c) or _norm(c) in _norm(f.name)] or \
                difflib.get_close_matches(f.name, unused, n=1, cutoff=0.5)
            hint = f" (måske kolonnen '{near[0]}'?)" if near else ""
            suggested.update(near[:1])
            problems.append(Problem(None, f.name, f"kolonnen mangler i filen{hint}; vælg den under Kolonner, eller "
                                                  "ret overskriften i filen", ERROR))
    for col in table.columns:
        if col not in used and col not in suggested:
            problems.append(Problem(None, col, "kolonnen bruges ikke og ignoreres", WARNING))
    return mapping, problems


@dataclass
class Preview:
    checked: validate.Checked
    problems: list[Problem]
    counts: dict[str, int]
    # What an update would change, before anything is written: (file row, what changes, in Danish).
    updates: list[tuple[int | None, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.level == ERROR for p in self.problems)


def preview(con: duckdb.DuckDBPyConnection, kind_id: str, table: Table, mapping: dict[str, str],
            map_problems: list[Problem] | None = None, user: access.User | str = "import",
            lang: str = "da") -> Preview:
    """Validate every row and count what an import would do. Nothing is written.

    For a coordinator, every row must lie in one of their areas (the write path checks it
    again); a row that does not is reported by its row number and the field Område.
    """
    if any(p.level == ERROR for p in map_problems or []):
        # Without a required column every row would repeat the same complaint.
        return Preview(validate.Checked(records.get(kind_id)), [*map_problems, *table.problems], {})
    items = [{name: row.get(col) for name, col in mapping.items()} for row in table.rows]
    first = table.rows[0]["_row"] if table.rows else 2
    checked = validate.check(con, kind_id, items, first_row=first)
    # Row numbers follow the file even where blank lines were skipped.
    numbers = [r["_row"] for r in table.rows]
    for p in checked.problems:
        if p.row is not None and 0 <= p.row - first < len(numbers):
            p.row = numbers[p.row - first]
    problems = [*(map_problems or []), *table.problems, *checked.problems]
    if checked.ok and isinstance(user, access.User):
        problems += _outside_areas(con, user, checked, numbers)
    if not table.rows:
        problems.append(Problem(None, None, "filen har ingen rækker med data", ERROR))
    counts, updates = _counts(con, checked, numbers, first, lang) if checked.ok else ({}, [])
    return Preview(checked, problems, counts, updates)


def _outside_areas(con, user: access.User, checked: validate.Checked, numbers: list[int]) -> list[Problem]:
    out = []
    for i, row in enumerate(checked.rows):
        decides, code = access.row_area(con, checked.kind.table, row)
        if decides and not user.has_area(code):
            mine = ", ".join(sorted(user.areas or [])) or "ingen"
            out.append(Problem(numbers[i] if i < len(numbers) else None, "Område",
                               f"området {code} er ikke et af dine områder ({mine}); du kan kun importere "
                               "til dine egne områder"))
    return out


def _counts(con, checked: validate.Checked, numbers: list[int], first: int,
            lang: str = "da") -> tuple[dict[str, int], list]:
    """What an import would do: counts, and for each update its file row and the fields it changes."""
    kind = checked.kind
    rows = checked.rows
    if kind.id == "enrolments":  # new participants cannot match an existing enrolment yet
        rows = [{**r, "participant_id": r["participant_id"] if isinstance(r["participant_id"], int) else -1}
                for r in rows]
    plan = writes.plan_upsert(con, kind.table, rows, kind.natural_key)
    names = changes.names(con, changes.ids_of(*plan.before.values(), *(d for _, _, d in plan.updates))) \
        if plan.updates else {}
    updates = []
    for (record_id, _version, diff), i in zip(plan.updates, plan.updated_rows):
        n = checked.row_numbers[i] - first
        row = numbers[n] if 0 <= n < len(numbers) else None
        updates.append((row, changes.lines(kind.table, plan.before[record_id], diff, lang, names)))
    return {"nye": len(plan.inserts), "opdateres": len(plan.updates), "uændrede": plan.unchanged}, updates


def counts_text(counts: dict[str, int]) -> str:
    """'1 ny, 3 opdateres, 0 uændrede' with the Danish singular where it is one."""
    new, upd, same = counts.get("nye", 0), counts.get("opdateres", 0), counts.get("uændrede", 0)
    return f"{new} {'ny' if new == 1 else 'nye'}, {upd} opdateres, {same} {'uændret' if same == 1 else 'uændrede'}"


def run(con: duckdb.DuckDBPyConnection, result: Preview, user: access.User | str,
        progress: Callable[[float], None] | None = None) -> dict[str, int]:
    """Write a previewed import in one transaction; refuses when the preview has errors."""
    if not result.ok:
        raise writes.WriteError("Importen har fejl; ret filen og prøv igen. Intet er skrevet.")
    checked = result.checked
    kind = checked.kind
    rows = checked.rows
    if kind.id == "enrolments" and checked.participants:
        with writes.WRITE_LOCK:
            new_ids = {}
            part_rows = [{"pseudonym": p, **attrs} for p, attrs in checked.participants.items()]
            writes.bulk_upsert(con, "participants", part_rows, ("pseudonym",), user)
            for pseudonym, pid in con.execute(
                "SELECT pseudonym, id FROM participants WHERE pseudonym IN (SELECT unnest(?))",
                [list(checked.participants)],
            ).fetchall():
                new_ids[pseudonym] = pid
            rows = [{**r, "participant_id": new_ids.get(r["participant_id"], r["participant_id"])} for r in rows]
    return writes.bulk_upsert(con, kind.table, rows, kind.natural_key, user, progress)


def template(kind_id: str, fmt: str = "xlsx") -> bytes:
    """An import template: Danish headers and one example row."""
    kind = records.get(kind_id)
    df = pd.DataFrame([{f.name: f.example for f in kind.fields}])
    from lokal import export

    return export.to_xlsx(df, sheet=kind.name_da[:31]) if fmt == "xlsx" else export.to_csv(df)
