"""Population and health-profile figures per area from CSV or Excel, checked against known areas.

One row per area, a column with the area code (e.g. a parish code from a Statistics Denmark
extract, where '7002 Helligånds' also matches code 7002), and any of these columns:

* population: ``voksne``, ``voksne 40-60``, ``mænd``, ``kvinder``, ``mænd 40-60``,
  ``kvinder 40-60`` (English names work too) — whole numbers, Danish thousands dots allowed;
* health measures in percent of adults, named by their code or name in ``health_measures``
  (``dagligrygning``, ``svær overvægt``, …), Danish decimal comma allowed; they need a year
  (a column ``år`` or the ``year`` argument) and a source (column ``kilde`` or argument);
* optionally the number of respondents behind the shares (``svarpersoner``): one column for every
  measure of the row, or one per measure (``dagligrygning svarpersoner``), a whole number of at
  least 1; without it a share has no interval in the evaluation (:mod:`lokal.evaluation`).

Every cell is checked first; any problem gives a message naming the row and the column, and
then nothing is written. Otherwise areas are updated in place and profile values upserted in
one transaction, with an audit row per table; the data version is bumped after the commit.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lokal import access, db, files, validate
from lokal.areas import WRITE_LOCK, Message, code_key
from lokal.messages import Count

# Column meanings: normalised header → areas column.
POPULATION_COLUMNS = {
    "adults": ("voksne", "adults", "voksne_i_alt", "befolkning_18"),
    "adults_40_60": ("voksne_40_60", "adults_40_60", "40_60", "voksne_40_60_aar"),
    "adults_men": ("maend", "men", "adults_men", "voksne_maend"),
    "adults_women": ("kvinder", "women", "adults_women", "voksne_kvinder"),
    "adults_40_60_men": ("maend_40_60", "men_40_60", "adults_40_60_men"),
    "adults_40_60_women": ("kvinder_40_60", "women_40_60", "adults_40_60_women"),
}
POPULATION_LABELS = {
    "adults": ("Voksne", "Adults"),
    "adults_40_60": ("Voksne 40–60 år", "Adults aged 40–60"),
    "adults_men": ("Mænd (voksne)", "Men (adults)"),
    "adults_women": ("Kvinder (voksne)", "Women (adults)"),
    "adults_40_60_men": ("Mænd 40–60 år", "Men aged 40–60"),
    "adults_40_60_women": ("Kvinder 40–60 år", "Women aged 40–60"),
}
YEAR_COLUMNS = ("aar", "year", "tid")
SOURCE_COLUMNS = ("kilde", "source")
# The number of respondents: a column alone (every measure of the row) or after or before a measure's name.
RESPONDENT_WORDS = ("svarpersoner", "respondenter", "respondents", "antal_svar", "antal_svarpersoner", "besvarelser")
RESPONDENT_LABEL = ("Svarpersoner", "Respondents")
CODE_GUESSES = ("kode", "code", "omraadekode", "sognekode", "sogn", "omraade", "area")

TEXTS: dict[str, str] = {
    "pop_unsupported": "Filtypen '{ext}' kan ikke bruges; brug CSV eller Excel (.xlsx).",
    "pop_empty": "Filen '{file}' har ingen rækker med tal.",
    "pop_no_code_column": "Kolonnen '{column}' findes ikke; vælg blandt: {columns}.",
    "pop_no_values": "Filen har ingen kolonner, der kan bruges. Kendte kolonner: voksne, voksne 40-60, mænd, "
                     "kvinder, mænd 40-60, kvinder 40-60 og sundhedsmålene ({measures}).",
    "pop_no_year": "Sundhedsmålene kræver et år: tilføj en kolonne 'år', eller angiv året.",
    "pop_no_areas": "Databasen har ingen områder endnu; importér områderne først.",
    "pop_ignored": "Kolonnerne {columns} bruges ikke.",
    "pop_missing": "befolkning mangler for {n} områder ({codes}); de indgår ikke i satserne pr. 1.000 voksne, "
                   "før deres befolkning er importeret.",
    "encoding_cp1252": "Filen var ikke UTF-8; den er læst som Windows-1252 (tjek æ, ø og å).",
    "no_code_value": "mangler en områdekode",
    "unknown_code": "koden '{code}' findes ikke blandt områderne",
    "duplicate_row": "koden '{code}' står også i række {others}",
    "not_integer": "'{value}' er ikke et helt tal",
    "not_number": "'{value}' er ikke et tal",
    "negative": "'{value}' er negativt; et antal kan ikke være negativt",
    "too_big": "'{value}' er for stort; højst {limit}",
    "not_percent": "'{value}' ligger uden for 0–100 (procent af de voksne)",
    "bad_year": "'{value}' er ikke et årstal mellem 1990 og 2100",
    "bad_respondents": "'{value}' er ikke et antal svarpersoner; skriv et helt tal på mindst 1 (eller lad feltet stå tomt)",
    "more_40_60": "voksne 40–60 år ({part}) er flere end voksne i alt ({whole})",
    "more_sexes": "mænd og kvinder ({part}) er flere end voksne i alt ({whole})",
    "more_sexes_40_60": "mænd og kvinder 40–60 år ({part}) er flere end voksne 40–60 år ({whole})",
}


def _msg(key: str, where: Message | None = None, **args) -> Message:
    return Message(key, args, where, TEXTS)


_at = files.at  # 'Række 3, kolonne 'voksne''


class PopulationImportError(files.FileProblem):
    """The file as a whole cannot be used; :attr:`message` says why (Danish first)."""


def normalise_header(text) -> str:
    """'Mænd 40–60 år' → 'maend_40_60_aar': lower case, æøå spelt out, other signs as '_'."""
    s = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


# --- reading -------------------------------------------------------------------------------


@dataclass
class Table:
    """A sheet of text cells: the header and the rows, each with its row number in the file."""

    filename: str
    columns: list[str]
    rows: list[tuple[int, list]]
    notes: list[Message] = field(default_factory=list)

    def guess_code_column(self) -> str | None:
        norm = {normalise_header(c): c for c in self.columns}
        for g in CODE_GUESSES:
            if g in norm:
                return norm[g]
        return next((c for c in self.columns if "kode" in normalise_header(c) or "code" in normalise_header(c)), None)


MAX_ROWS = 20_000  # one row per area; Denmark has 2.148 parishes


def read_table(source: str | Path | bytes, filename: str | None = None) -> Table:
    """Read a CSV (separator ; , or tab; UTF-8, UTF-16 or Windows-1252) or the first sheet of an .xlsx,
    through :mod:`lokal.files` and its limits (size, cells, at most :data:`MAX_ROWS` rows)."""
    try:
        if isinstance(source, (str, Path)):
            path = Path(source)
            data, filename = files.read_path(path), filename or path.name
        else:
            data, filename = bytes(source), filename or "fil.csv"
        ext = Path(filename).suffix.lower()
        if ext not in files.SHEET_SUFFIXES and ext != ".xls":
            raise PopulationImportError(_msg("pop_unsupported", ext=ext))
        sheet = files.read_sheet(data, filename, max_rows=MAX_ROWS)
    except files.FileProblem as exc:
        raise PopulationImportError(exc.message) from None
    notes = [_msg("encoding_cp1252")] if sheet.encoding == "Windows-1252" else []
    return Table(filename, sheet.columns, sheet.rows, notes)


# --- parsing cells -------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").strip()


def _shown(value) -> str:
    """A cell's text for a message, cut short when it is long."""
    text = _cell_text(value)
    return text if len(text) <= 40 else text[:40] + "…"


def parse_int(value) -> int | None:
    """A whole number: '1.234' (Danish thousands) and '1 234' allowed; '' → None; else ValueError.
    The one number parser of all imports (:func:`lokal.validate.parse_number`) reads it."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _cell_text(value).replace(" ", "")
    if not text:
        return None
    number = validate.parse_number(text)
    if not float(number).is_integer():
        raise ValueError(text)
    return int(number)


def parse_decimal(value) -> float | None:
    """A share in percent with a Danish decimal comma ('23,4', '1.234,5') or a point ('23.4'); '' → None.
    The same parser as the records import, reading a lone point as a decimal point (as for coordinates)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _cell_text(value).replace(" ", "").removesuffix("%")
    if not text:
        return None
    return validate.parse_number(text, decimal_point=True)


# --- the import ----------------------------------------------------------------------------

AREA_POPULATION = """
SELECT id, code, adults, adults_40_60, adults_men, adults_women, adults_40_60_men, adults_40_60_women
FROM areas
"""
MEASURES = "SELECT code, name_da, name_en FROM health_measures ORDER BY sort_order"
UPDATE_POPULATION = """
UPDATE areas SET adults = u.adults, adults_40_60 = u.adults_40_60, adults_men = u.adults_men,
       adults_women = u.adults_women, adults_40_60_men = u.adults_40_60_men,
       adults_40_60_women = u.adults_40_60_women
FROM lokal_population u
WHERE areas.id = u.id
"""
# A file without a respondents column keeps the respondents already recorded; one with it sets them.
UPSERT_PROFILE = """
INSERT INTO area_health_profile (area_id, year, measure, value, source)
SELECT area_id, year, measure, value, source FROM lokal_profile
ON CONFLICT (area_id, year, measure) DO UPDATE SET value = excluded.value, source = excluded.source
"""
UPSERT_PROFILE_RESPONDENTS = """
INSERT INTO area_health_profile (area_id, year, measure, value, source, respondents)
SELECT area_id, year, measure, value, source, respondents FROM lokal_profile
ON CONFLICT (area_id, year, measure) DO UPDATE SET value = excluded.value, source = excluded.source,
    respondents = excluded.respondents
"""
INSERT_AUDIT = """
INSERT INTO audit_log (user_name, action, table_name, record_key, before_json, after_json)
VALUES (?, 'import', ?, ?, ?, ?)
"""


@dataclass
class PopulationReport:
    """What a population/profile import did (or would do)."""

    filename: str
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # file column → (Danish, English) meaning
    areas: list[str] = field(default_factory=list)  # codes whose population changes
    profile_values: int = 0
    errors: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False
    seconds: float = 0.0

    def lines(self, lang: str = "da") -> list[str]:
        head = ("Prøvekørsel (intet skrevet)" if self.dry_run and not self.errors else
                "Intet skrevet på grund af fejl" if self.errors else "Importeret" if self.written else "Intet at skrive")
        out = [f"{head}: {self.filename} · befolkning for {len(self.areas)} områder · "
               f"{self.profile_values} værdier i sundhedsprofilen · {len(self.errors)} fejl"]
        out += [f"  Kolonne '{c}' → {m[0] if lang == 'da' else m[1]}" for c, m in self.columns.items()]
        out += [f"  Bemærk: {m.text(lang)}" for m in self.notes]
        out += [f"  Fejl: {m.text(lang)}" for m in self.errors]
        return out


@dataclass
class _Plan:
    report: PopulationReport
    population: pd.DataFrame
    profile: pd.DataFrame
    before: dict
    with_respondents: bool = False


def plan_population(con, table: Table, *, code_column: str | None = None, year: int | None = None,
                    source: str | None = None) -> _Plan:
    """Check every cell of ``table`` against the database without writing."""
    started = time.perf_counter()
    code_column = code_column or table.guess_code_column()
    if code_column not in table.columns:
        raise PopulationImportError(_msg("pop_no_code_column", column=code_column or "",
                                         columns=", ".join(table.columns) or "–"))
    existing = con.execute(AREA_POPULATION).df()
    if existing.empty:
        raise PopulationImportError(_msg("pop_no_areas"))
    measures = con.execute(MEASURES).df()
    measure_names = {}
    for m in measures.itertuples():
        for name in (m.code, m.name_da, m.name_en, m.name_da.split(" (")[0], m.name_en.split(" (")[0]):
            measure_names.setdefault(normalise_header(name), m.code)

    pop_lookup = {alias: col for col, aliases in POPULATION_COLUMNS.items() for alias in aliases}
    pop_cols, measure_cols, year_col, source_col, ignored = {}, {}, None, None, []
    resp_all, resp_cols = None, {}  # respondents: one column for the row, or measure → column
    for pos, name in enumerate(table.columns):
        norm = normalise_header(name)
        if name == code_column:
            continue
        if norm in RESPONDENT_WORDS and resp_all is None:
            resp_all = pos
            continue
        named = _respondents_of(norm, measure_names)
        if named is not None and named not in resp_cols:
            resp_cols[named] = pos
            continue
        if norm in pop_lookup and pop_lookup[norm] not in pop_cols.values():
            pop_cols[pos] = pop_lookup[norm]
        elif norm in measure_names and measure_names[norm] not in measure_cols.values():
            measure_cols[pos] = measure_names[norm]
        elif norm in YEAR_COLUMNS and year_col is None:
            year_col = pos
        elif norm in SOURCE_COLUMNS and source_col is None:
            source_col = pos
        elif name:
            ignored.append(name)
    if not pop_cols and not measure_cols:
        raise PopulationImportError(_msg("pop_no_values", measures=", ".join(measures.code)))
    if measure_cols and year_col is None and year is None:
        raise PopulationImportError(_msg("pop_no_year"))
    report = PopulationReport(table.filename, notes=list(table.notes))
    for pos, col in pop_cols.items():
        report.columns[table.columns[pos]] = POPULATION_LABELS[col]
    names = measures.set_index("code")
    for pos, col in measure_cols.items():
        report.columns[table.columns[pos]] = (names.at[col, "name_da"], names.at[col, "name_en"])
    if resp_all is not None:
        report.columns[table.columns[resp_all]] = RESPONDENT_LABEL
    for col, pos in resp_cols.items():
        report.columns[table.columns[pos]] = (f"{RESPONDENT_LABEL[0]}: {names.at[col, 'name_da']}",
                                              f"{RESPONDENT_LABEL[1]}: {names.at[col, 'name_en']}")
    with_respondents = bool(measure_cols) and (resp_all is not None or bool(resp_cols))
    if ignored:
        report.notes.append(_msg("pop_ignored", columns=", ".join(f"'{c}'" for c in ignored)))
    if not table.rows:
        raise PopulationImportError(_msg("pop_empty", file=table.filename))

    by_code = {code_key(c): k for k, c in enumerate(existing["code"])}
    code_pos = table.columns.index(code_column)
    seen: dict[int, list[tuple[int, str]]] = {}
    population, profile, errors = [], [], []

    def cell(cells, pos):
        return cells[pos] if pos < len(cells) else None

    for rownum, cells in table.rows:
        raw = _cell_text(cell(cells, code_pos))
        if not raw:
            errors.append(_msg("no_code_value", _at(rownum, code_column)))
            continue
        k = by_code.get(code_key(raw))
        if k is None and " " in raw:  # Statistics Denmark labels: '7002 Helligånds'
            k = by_code.get(code_key(raw.split(" ", 1)[0]))
        if k is None:
            errors.append(_msg("unknown_code", _at(rownum, code_column), code=_shown(raw)))
            continue
        seen.setdefault(k, []).append((rownum, raw))
        old = existing.iloc[k]
        values, cell_errors = {}, len(errors)
        for pos, col in pop_cols.items():
            text = cell(cells, pos)
            try:
                v = parse_int(text)
            except ValueError:
                errors.append(_msg("not_integer", _at(rownum, table.columns[pos]), value=_shown(text)))
                continue
            if v is not None and v < 0:
                errors.append(_msg("negative", _at(rownum, table.columns[pos]), value=_shown(text)))
                continue
            if v is not None and v > files.INT32_MAX:
                errors.append(_msg("too_big", _at(rownum, table.columns[pos]), value=_shown(text),
                                   limit=Count(files.INT32_MAX)))
                continue
            if v is not None:
                values[col] = v
        if values:
            merged = {c: values.get(c, None if pd.isna(old[c]) else int(old[c])) for c in POPULATION_COLUMNS}
            if len(errors) == cell_errors:  # a row with a wrong cell gets no follow-on messages
                errors += _consistency(merged, rownum)
            if any(merged[c] != (None if pd.isna(old[c]) else int(old[c])) for c in POPULATION_COLUMNS):
                population.append({"id": int(old["id"]), "code": old["code"], **merged})
        if measure_cols:
            row_year = year
            if year_col is not None and _cell_text(cell(cells, year_col)):
                text = _cell_text(cell(cells, year_col))
                m = re.match(r"(\d{4})", text)
                row_year = int(m.group(1)) if m else None
                if row_year is None or not 1990 <= row_year <= 2100:
                    errors.append(_msg("bad_year", _at(rownum, table.columns[year_col]), value=_shown(text)))
                    continue
            if row_year is None:
                errors.append(_msg("pop_no_year", _at(rownum)))
                continue
            row_source = (_cell_text(cell(cells, source_col)) if source_col is not None else "") or source \
                or table.filename
            respondents = {}  # position of a respondents column → its number (None: blank or wrong)
            for pos in {resp_all, *resp_cols.values()} - {None}:
                text = cell(cells, pos)
                try:
                    n = parse_int(text)
                except ValueError:
                    n = 0
                if n is not None and not 1 <= n <= files.INT32_MAX:
                    errors.append(_msg("bad_respondents", _at(rownum, table.columns[pos]), value=_shown(text)))
                    n = None
                respondents[pos] = n
            for pos, measure in measure_cols.items():
                text = cell(cells, pos)
                try:
                    v = parse_decimal(text)
                except ValueError:
                    errors.append(_msg("not_number", _at(rownum, table.columns[pos]), value=_shown(text)))
                    continue
                if v is None:
                    continue
                if not 0 <= v <= 100:
                    errors.append(_msg("not_percent", _at(rownum, table.columns[pos]), value=_shown(text)))
                    continue
                own = resp_cols.get(measure)
                n = respondents.get(own) if own is not None else respondents.get(resp_all)
                profile.append({"area_id": int(old["id"]), "year": row_year, "measure": measure, "value": v,
                                "source": row_source, "respondents": n})
    for rows in seen.values():
        for r, raw in rows[1:]:
            others = ", ".join(str(x) for x, _ in rows if x != r)
            errors.append(_msg("duplicate_row", _at(r, code_column), code=raw, others=others))

    report.errors = sorted(errors, key=lambda m: _row_of(m))
    report.areas = [p["code"] for p in population]
    report.profile_values = len(profile)
    before = {p["code"]: {c: (None if pd.isna(v) else int(v)) for c, v in
                          existing.iloc[by_code[code_key(p["code"])]][list(POPULATION_COLUMNS)].items()}
              for p in population}
    given = {p["code"] for p in population if p.get("adults")}
    still = [c for c, n in con.execute("SELECT code, adults FROM areas ORDER BY code").fetchall()
             if not n and c not in given]
    if still:
        report.notes.append(_msg("pop_missing", n=len(still), codes=", ".join(still[:10]) + (" …" if len(still) > 10
                                                                                           else "")))
    report.seconds = time.perf_counter() - started
    population_frame = pd.DataFrame(population, columns=["id", "code", *POPULATION_COLUMNS])
    population_frame = population_frame.astype({c: "Int64" for c in POPULATION_COLUMNS})
    profile_frame = pd.DataFrame(profile, columns=["area_id", "year", "measure", "value", "source", "respondents"])
    profile_frame = profile_frame.astype({"respondents": "Int64"})
    return _Plan(report, population_frame, profile_frame, before, with_respondents)


def _respondents_of(norm: str, measure_names: dict[str, str]) -> str | None:
    """The measure a column of respondents belongs to: 'dagligrygning_svarpersoner' or
    'svarpersoner_dagligrygning' → 'dagligrygning'; None when the header is not one."""
    for word in RESPONDENT_WORDS:
        for rest in (norm.removesuffix("_" + word) if norm.endswith("_" + word) else None,
                     norm.removeprefix(word + "_") if norm.startswith(word + "_") else None):
            if rest and rest in measure_names:
                return measure_names[rest]
    return None


def _row_of(message: Message) -> int:
    return message.where.args.get("row", 0) if message.where else 0


def _consistency(v: dict, rownum: int) -> list[Message]:
    """Parts may not be more than the whole (the database refuses 40–60 above adults, too)."""
    out = []
    where = _at(rownum)
    adults, a4060 = v["adults"] or 0, v["adults_40_60"] or 0
    if a4060 > adults:
        out.append(_msg("more_40_60", where, part=a4060, whole=adults))
    sexes = [v["adults_men"], v["adults_women"]]
    if any(s is not None for s in sexes) and sum(s or 0 for s in sexes) > adults:
        out.append(_msg("more_sexes", where, part=sum(s or 0 for s in sexes), whole=adults))
    sexes = [v["adults_40_60_men"], v["adults_40_60_women"]]
    if any(s is not None for s in sexes) and sum(s or 0 for s in sexes) > a4060:
        out.append(_msg("more_sexes_40_60", where, part=sum(s or 0 for s in sexes), whole=a4060))
    return out


def import_population(con, table: Table, *, code_column: str | None = None, year: int | None = None,
                      source: str | None = None, user: access.User | str = "cli",
                      dry_run: bool = False) -> PopulationReport:
    """Check ``table`` and, unless ``dry_run`` or any cell is wrong, write it in one transaction."""
    access.require(con, user, access.ADMIN, what="area_population")
    user = access.actor_name(user)
    if dry_run:
        return plan_population(con, table, code_column=code_column, year=year, source=source).report
    started = time.perf_counter()
    with WRITE_LOCK:
        with db.transaction(con):
            plan = plan_population(con, table, code_column=code_column, year=year, source=source)
            report = plan.report
            report.dry_run = False
            if not report.errors and (len(plan.population) or len(plan.profile)):
                _write(con, plan, user)
                report.written = True
        if report.written:
            db.bump_data_version(con)
    report.seconds = time.perf_counter() - started
    return report


def _write(con, plan: _Plan, user: str) -> None:
    r = plan.report
    upsert = UPSERT_PROFILE_RESPONDENTS if plan.with_respondents else UPSERT_PROFILE
    for view, frame, sql, table in (("lokal_population", plan.population, UPDATE_POPULATION, "areas"),
                                    ("lokal_profile", plan.profile, upsert, "area_health_profile")):
        if frame.empty:
            continue
        con.register(view, frame)
        try:
            con.execute(sql)
        finally:
            con.unregister(view)
        if table == "areas":
            after = {"file": r.filename, "areas": len(frame), "population": {
                row["code"]: {c: row[c] for c in POPULATION_COLUMNS} for row in frame.to_dict("records")}}
            before = plan.before
        else:
            after = {"file": r.filename, "values": len(frame), "years": sorted(int(y) for y in frame.year.unique()),
                     "measures": sorted(frame.measure.unique()),
                     "respondents": int(frame.respondents.notna().sum()) if plan.with_respondents else None}
            before = None
        con.execute(INSERT_AUDIT, [user, table, r.filename,
                                   json.dumps(before, ensure_ascii=False, default=_plain) if before else None,
                                   json.dumps(after, ensure_ascii=False, default=_plain)])


def _plain(value):
    """numpy and pandas scalars as plain Python values for JSON."""
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else str(value)
