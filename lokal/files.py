"""Reading the files people give Lokal: one reader per format, every limit checked before parsing.

CSV (:func:`read_csv`), Excel (:func:`read_xlsx`; :func:`read_sheet` picks one of the two), zip
(:class:`Archive`) and JSON for GeoJSON (:func:`read_json`). The records, population and area
imports read through here, from the command line (:func:`read_path`) and from uploads alike.

A file that breaks a limit is refused with a :class:`FileProblem`: a Danish message (English in
:mod:`lokal.i18n`) that names the row and the column where there is one and says what to do.
The limits are checked before the content is parsed — the size before the file is read, what a
zip holds unpacked while it is inflated (never trusting its header alone), the sheet's claimed
size before its rows are read, cell length and row count while the rows are split — so a zip
bomb, a 2-million-row sheet or a 10 MB cell costs neither memory nor time. Numbers out of their
column's range are checked where the values are parsed (:mod:`lokal.validate`,
:mod:`lokal.population`).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import posixpath
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lokal.messages import Count, Message

MAX_FILE_BYTES = 50 * 1024 * 1024  # a file as given, or one file inside a zip once unpacked
MAX_ZIP_BYTES = 200 * 1024 * 1024  # everything one zip (or .xlsx) holds, unpacked
MAX_ZIP_MEMBERS = 1_000
MAX_CELL_CHARS = 1_048_576  # far above any real cell: a text field holds at most 2.000 characters
MAX_COLUMNS = 500
MAX_ROWS = 200_000  # rows with data in a records sheet; the population import allows fewer
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # what Excel itself can hold
MAX_COORDINATES = 500_000  # in a GeoJSON file; Denmark's 2.148 parishes at 1:500.000 have 73.746
INT32_MAX = 2_147_483_647  # the largest count an INTEGER column holds

_CHUNK = 1 << 20

TEXTS: dict[str, str] = {
    "where_row_col": "Række {row}, kolonne '{column}'",
    "where_row": "Række {row}",
    "where_line": "Linje {line}",
    "missing": "Filen '{file}' findes ikke. Tjek stien og filnavnet.",
    "is_dir": "'{file}' er en mappe, ikke en fil.",
    "not_a_file": "'{file}' er ikke en almindelig fil (men fx en enhed eller en pipe); gem data i en fil, og "
                  "angiv den.",
    "no_access": "Filen '{file}' kan ikke læses ({reason}). Tjek, at du har adgang til den.",
    "too_big": "Filen '{file}' fylder {size} MB; højst {limit} MB. Del den op i mindre filer.",
    "empty": "Filen er tom.",
    "binary": "Filen '{file}' indeholder binære data og kan ikke læses som {expected}; gem den som tekst (UTF-8) "
              "fra det program, den kommer fra.",
    "other_format": "Filen '{file}' er {what}, ikke {expected}.",
    "what_pdf": "en PDF-fil", "what_image": "et billede", "what_archive": "et komprimeret arkiv (gzip, 7z eller "
    "RAR)", "what_program": "et program", "what_database": "en database", "what_html": "en HTML-side",
    "what_xml": "en XML-fil", "expected_sheet": "en CSV- eller Excel-fil (.xlsx)", "expected_geojson": "GeoJSON",
    "unsupported": "Filtypen '{ext}' kan ikke bruges her; brug CSV eller Excel (.xlsx).",
    "old_excel": "Det gamle Excel-format (.xls) kan ikke læses; gem filen som .xlsx eller CSV.",
    "excel_password": "Excel-filen '{file}' er beskyttet med adgangskode; gem en kopi uden adgangskode, og "
                      "importér den.",
    "bad_excel": "Excel-filen kan ikke åbnes: {reason}.",
    "not_excel": "den er ikke en Excel-fil (.xlsx), eller den er beskadiget",
    "no_workbook": "zip-filen indeholder intet Excel-regneark (xl/workbook.xml mangler)",
    "no_sheet": "Excel-filen '{file}' har intet regneark med celler.",
    "claimed_size": "Excel-arket i '{file}' siger, at det har {rows} rækker og {columns} kolonner, men Excel har "
                    "højst 1.048.576 rækker og 16.384 kolonner: filen er beskadiget eller ikke gemt af Excel. "
                    "Åbn den i Excel, og gem den igen.",
    "too_many_rows": "Filen '{file}' har mere end {limit} rækker med data; del den op i flere filer.",
    "too_many_cells": "rækken har {n} celler; højst {limit}",
    "cell_too_long": "cellen har {n} tegn; højst {limit}",
    "csv_quote": "et felt i anførselstegn er ikke lukket",
    "csv_after_quote": "der står tegn efter et afsluttende anførselstegn",
    "csv_syntax": "linjen kan ikke læses som CSV ({reason}); ret anførselstegnene, og prøv igen",
    "duplicate_header": "kolonnen '{column}' står flere gange i overskriften (kolonne {positions}); giv "
                        "kolonnerne forskellige navne",
    "zip_bad": "Filen '{file}' er ikke en gyldig zip-fil.",
    "zip_damaged": "Zip-filen '{file}' er beskadiget ({name}: {reason}); pak filen igen.",
    "zip_method": "Zip-filen '{file}' er pakket på en måde, Lokal ikke kan læse ({name}); pak den igen med "
                  "almindelig zip.",
    "zip_encrypted": "Zip-filen '{file}' er krypteret med adgangskode; pak filen igen uden adgangskode.",
    "zip_members": "Zip-filen '{file}' indeholder {n} filer; højst {limit}.",
    "zip_too_big": "Zip-filen '{file}' fylder {size} MB pakket ud; højst {limit} MB. Intet er pakket ud.",
    "zip_member_too_big": "'{name}' i zip-filen '{file}' fylder mere end {limit} MB pakket ud; udpakningen er "
                          "stoppet. Del filen op, eller forenkl den.",
    "zip_all_too_big": "Zip-filen '{file}' fylder mere end {limit} MB pakket ud; udpakningen er stoppet.",
    "zip_unsafe_name": "Zip-filen '{file}' indeholder et filnavn, der peger uden for zip-filen ('{name}'); pak "
                       "filen igen.",
    "zip_no_geojson": "Zip-filen '{file}' indeholder ingen GeoJSON-fil (.geojson eller .json).",
    "zip_shapefile": "Zip-filen '{file}' indeholder en shapefil ({names}); gem den som GeoJSON i jeres "
                     "GIS-program, og importér den.",
    "zip_many": "Zip-filen '{file}' indeholder flere GeoJSON-filer ({names}); pak kun én fil ad gangen.",
    "zip_nested": "Zip-filen '{file}' indeholder en anden zip-fil ('{name}'); pak den ud, og importér filen i den.",
    "json_bad": "Filen '{file}' er ikke gyldig JSON (linje {line}, kolonne {col}).",
    "json_deep": "Filen '{file}' er indlejret for dybt til at være GeoJSON (lister eller objekter i over 900 "
                 "niveauer).",
    "json_number": "Filen '{file}' indeholder et tal med over 4.300 cifre; det kan ikke være en koordinat.",
    "json_coordinates": "Filen '{file}' har omkring {n} koordinater; højst {limit}. Forenkl grænserne i jeres "
                        "GIS-program (fx til 1 meters nøjagtighed), og importér igen.",
}


def msg(key: str, where: Message | None = None, **args) -> Message:
    return Message(key, args, where, TEXTS)


def at(row: int, column: str | None = None) -> Message:
    """'Række 3, kolonne 'voksne'' (or only the row)."""
    return msg("where_row_col", row=row, column=column) if column else msg("where_row", row=row)


class FileProblem(Exception):
    """The file cannot be used as it is; :attr:`message` says why and what to do (Danish first)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.text())

    def text(self, lang: str = "da") -> str:
        return self.message.text(lang)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}" if n >= 10 * 1024 * 1024 else f"{n / 1024 / 1024:.1f}".replace(".", ",")


# --- the file as a whole ---------------------------------------------------------------------------


def read_path(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file named on the command line: its size is checked before it is read, and no
    more than the limit is read even if it grows (a device such as /dev/zero or a pipe is refused)."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(msg("is_dir", file=str(path)))
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(msg("not_a_file", file=str(path)))
        if info.st_size > limit:
            raise FileProblem(msg("too_big", file=path.name, size=_mb(info.st_size), limit=_mb(limit)))
        with open(path, "rb") as f:
            data = f.read(limit + 1)
        check_size(data, path.name, limit)
        return data
    except FileNotFoundError:
        raise FileProblem(msg("missing", file=str(path))) from None
    except IsADirectoryError:
        raise FileProblem(msg("is_dir", file=str(path))) from None
    except OSError as exc:
        raise FileProblem(msg("no_access", file=str(path), reason=exc.strerror or type(exc).__name__)) from None


def check_size(data: bytes, filename: str, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse an upload bigger than the limit."""
    if len(data) > limit:
        raise FileProblem(msg("too_big", file=filename, size=_mb(len(data)), limit=_mb(limit)))


_MAGIC = (
    (b"%PDF", "what_pdf"), (b"\x89PNG", "what_image"), (b"\xff\xd8\xff", "what_image"), (b"GIF8", "what_image"),
    (b"\x1f\x8b", "what_archive"), (b"7z\xbc\xaf", "what_archive"), (b"Rar!", "what_archive"),
    (b"\x7fELF", "what_program"), (b"MZ\x90\x00", "what_program"), (b"SQLite format 3", "what_database"),
)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and password-protected .xlsx


def refuse_other_format(data: bytes, filename: str, expected: str) -> None:
    """Refuse a file whose first bytes say it is something else (a PDF, a picture, a program, a database)."""
    what = next((w for magic, w in _MAGIC if data.startswith(magic)), None)
    if what is None and data[8:12] == b"DUCK":
        what = "what_database"
    if what is not None:
        raise FileProblem(msg("other_format", file=filename, what=msg(what), expected=msg(expected)))


def decode(data: bytes, filename: str, expected: str = "expected_sheet") -> tuple[str, str]:
    """The text of a file and how it was read: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM
    (Excel's 'Unicode-tekst') or without, or Windows-1252. Binary data is refused (``expected`` says as
    what the file was to be read)."""
    binary = msg("binary", file=filename, expected=msg(expected))
    for bom, codec, label in ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
                              (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
                              (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16")):
        if data.startswith(bom):
            return _decode(data[len(bom):], codec, binary), label
    sample = data[:4096]
    if b"\x00" in sample and len(sample) >= 4:
        # UTF-16 without a BOM has a NUL in every other byte of ASCII text; anything else with NULs is binary.
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > 0.4 * len(sample) / 2 and even == 0:
            return _decode(data, "utf-16-le", binary), "UTF-16"
        if even > 0.4 * len(sample) / 2 and odd == 0:
            return _decode(data, "utf-16-be", binary), "UTF-16"
        raise FileProblem(binary)
    try:
        return _decode(data, "utf-8", binary, strict=True), "UTF-8"
    except UnicodeDecodeError:
        return _decode(data, "cp1252", binary), "Windows-1252"


def _decode(data: bytes, codec: str, binary: Message, strict: bool = False) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        if strict:
            raise
        raise FileProblem(binary) from None
    text = text.lstrip("\ufeff")  # a second BOM, as when two exports were joined
    control = sum(1 for c in text[:65536] if c < " " and c not in "\t\r\n")
    if "\x00" in text or control > max(8, len(text[:65536]) // 100):
        raise FileProblem(binary)
    return text


# --- sheets: CSV and Excel --------------------------------------------------------------------------


@dataclass
class Sheet:
    """A table read from a CSV or Excel file: the header and each row with data as (row number, cells);
    the header is row 1, as in a spreadsheet. ``formulas`` maps (row, column index) to a cell's formula."""

    filename: str
    columns: list[str]
    rows: list[tuple[int, list]]
    encoding: str | None = None
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


SHEET_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", "")


def read_sheet(data: bytes, filename: str, *, max_rows: int = MAX_ROWS, formulas: bool = False) -> Sheet:
    """Read a CSV file or the first sheet of an .xlsx, deciding by the content first and the name second."""
    check_size(data, filename)
    refuse_other_format(data, filename, "expected_sheet")
    suffix = Path(filename).suffix.lower()
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileProblem(msg("excel_password", file=filename))
        raise FileProblem(msg("old_excel"))
    if data.startswith(ZIP_MAGIC):
        return read_xlsx(data, filename, max_rows=max_rows, formulas=formulas)
    if suffix in (".xlsx", ".xlsm"):
        raise FileProblem(msg("bad_excel", reason=msg("not_excel")))
    if suffix == ".xls":
        raise FileProblem(msg("old_excel"))
    if suffix not in SHEET_SUFFIXES:
        raise FileProblem(msg("unsupported", ext=suffix))
    return read_csv(data, filename, max_rows=max_rows)


def detect_delimiter(text: str) -> str:
    """The separator of a CSV text (';', ',' or tab), the same way for every import: the csv module's
    sniffer on the first 20.000 characters, else the commoner of ';' and ','."""
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        return ";" if sample.count(";") >= sample.count(",") else ","


def read_csv(data: bytes, filename: str, *, max_rows: int = MAX_ROWS) -> Sheet:
    """Read a CSV file (';', ',' or tab; see :func:`decode` for the encodings) within the limits."""
    check_size(data, filename)
    text, encoding = decode(data, filename)
    if not text.strip():
        raise FileProblem(msg("empty"))
    start = text.lstrip()[:100].lower()
    if start.startswith(("<!doctype html", "<html")):
        raise FileProblem(msg("other_format", file=filename, what=msg("what_html"), expected=msg("expected_sheet")))
    if start.startswith("<?xml"):
        raise FileProblem(msg("other_format", file=filename, what=msg("what_xml"), expected=msg("expected_sheet")))
    # The csv module's own field limit is process-wide and raises without saying where; the cells are
    # checked below instead, with the row and the column.
    csv.field_size_limit(MAX_FILE_BYTES + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text), strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list]] = []
    n = 0
    try:
        for cells in reader:
            n += 1
            if header is None:
                if not any(c.strip() for c in cells):
                    continue  # blank lines above the header
                header = _header(cells, n)
                continue
            _check_cells(cells, n, header)
            if any(c.strip() for c in cells):
                rows.append((n, cells))
                if len(rows) > max_rows:
                    raise FileProblem(msg("too_many_rows", file=filename, limit=Count(max_rows)))
    except csv.Error as exc:
        reason = str(exc)
        what = msg("csv_quote") if "end of data" in reason else msg("csv_after_quote") if "expected after" in reason \
            else reason
        raise FileProblem(msg("csv_syntax", msg("where_line", line=reader.line_num), reason=what)) from None
    if header is None:
        raise FileProblem(msg("empty"))
    return Sheet(filename, header, rows, encoding)


def _column_name(header: list[str], i: int) -> str:
    return header[i] if i < len(header) and header[i] else f"nr. {i + 1}"


def _check_cells(cells: list, n: int, header: list[str]) -> None:
    if len(cells) > MAX_COLUMNS:
        raise FileProblem(msg("too_many_cells", at(n), n=Count(len(cells)), limit=Count(MAX_COLUMNS)))
    for i, c in enumerate(cells):
        if isinstance(c, str) and len(c) > MAX_CELL_CHARS:
            raise FileProblem(msg("cell_too_long", at(n, _column_name(header, i)), n=Count(len(c)),
                                  limit=Count(MAX_CELL_CHARS)))


def _header(cells: list, n: int) -> list[str]:
    """The column names: trimmed (also of stray BOMs and zero-width spaces); a name used twice is refused."""
    _check_cells(cells, n, [])
    header = ["" if c is None else str(c).replace("\ufeff", "").replace("\u200b", "").strip() for c in cells]
    seen: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        if h:
            seen.setdefault(h.casefold(), []).append(i + 1)
    for h in header:
        positions = seen.get(h.casefold(), [])
        if len(positions) > 1:
            raise FileProblem(msg("duplicate_header", at(n), column=h,
                                  positions=", ".join(str(p) for p in positions)))
    return header


def read_xlsx(data: bytes, filename: str, *, max_rows: int = MAX_ROWS, formulas: bool = False) -> Sheet:
    """Read the first worksheet of an .xlsx: the zip is checked and inflated with a counter first, the
    sheet's claimed size before its rows; rows are read one at a time (openpyxl's read-only mode)."""
    check_size(data, filename)
    archive = Archive(data, filename, bad=msg("bad_excel", reason=msg("not_excel")))
    names = archive.names(all_files=True)
    if "xl/workbook.xml" not in names:
        raise FileProblem(msg("bad_excel", reason=msg("no_workbook")))
    if not any(n.startswith("xl/worksheets/") for n in names):  # only chart sheets (openpyxl fails on those)
        raise FileProblem(msg("no_sheet", file=filename))
    archive.check_all()
    import openpyxl

    books = []
    try:
        for data_only in (True, False) if formulas else (True,):
            # Twice for the records import: the values the spreadsheet saved, and the formulas.
            books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only))
        if not books[0].worksheets:
            raise FileProblem(msg("no_sheet", file=filename))
        sheets = [b.worksheets[0] for b in books]
        rows_claimed, cols_claimed = sheets[0].max_row or 0, sheets[0].max_column or 0
        if rows_claimed > EXCEL_ROWS or cols_claimed > EXCEL_COLUMNS:
            raise FileProblem(msg("claimed_size", file=filename, rows=Count(rows_claimed), columns=Count(cols_claimed)))
        return _sheet_rows(filename, sheets, max_rows, cols_claimed)
    except FileProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) for a broken file
        raise FileProblem(msg("bad_excel", reason=f"{type(exc).__name__}: {str(exc)[:200]}")) from None
    finally:
        for b in books:
            b.close()


def _sheet_rows(filename: str, sheets: list, max_rows: int, claimed_columns: int) -> Sheet:
    # openpyxl pads every row to the sheet's claimed width: never wider than one column past the limit.
    width = MAX_COLUMNS + 1 if claimed_columns > MAX_COLUMNS else None
    values = sheets[0].iter_rows(values_only=True, max_col=width)
    written = sheets[1].iter_rows(values_only=True, max_col=width) if len(sheets) > 1 else None
    header: list[str] | None = None
    rows: list[tuple[int, list]] = []
    found: dict[tuple[int, int], str] = {}
    for n, cells in enumerate(values, start=1):
        formula_cells = next(written, None) if written is not None else None
        if n > EXCEL_ROWS:
            raise FileProblem(msg("claimed_size", file=filename, rows=Count(n), columns=Count(len(cells))))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if len(cells) > MAX_COLUMNS and any(c is not None for c in cells[MAX_COLUMNS:]):
            raise FileProblem(msg("too_many_cells", at(n), n=Count(len(cells)), limit=Count(MAX_COLUMNS)))
        if header is None:
            header = _header(list(cells[:MAX_COLUMNS]), n)
            while header and not header[-1]:
                header.pop()
            continue
        cells = list(cells[:len(header)])  # the columns with a name are all an import reads
        _check_cells(cells, n, header)
        rows.append((n, cells))
        if len(rows) > max_rows:
            raise FileProblem(msg("too_many_rows", file=filename, limit=Count(max_rows)))
        for i, f in enumerate((formula_cells or ())[:len(header)]):
            if isinstance(f, str) and f.startswith("="):
                found[(n, i)] = f
    if header is None:
        raise FileProblem(msg("empty"))
    return Sheet(filename, header, rows, None, found)


# --- zip ----------------------------------------------------------------------------------------------


class Archive:
    """A zip file opened for reading, refused when it holds too many files, names that point outside it,
    or more than :data:`MAX_ZIP_BYTES` unpacked by its own account. :meth:`read` inflates one member with
    a counter (the header may lie; a member is never unpacked past its limit)."""

    def __init__(self, data: bytes, filename: str, bad: Message | None = None):
        self.filename = filename
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
            raise FileProblem(bad or msg("zip_bad", file=filename)) from None
        self.infos = [i for i in infos if not i.is_dir()]
        if len(self.infos) > MAX_ZIP_MEMBERS:
            raise FileProblem(msg("zip_members", file=filename, n=Count(len(self.infos)), limit=Count(MAX_ZIP_MEMBERS)))
        for info in self.infos:
            parts = info.filename.replace("\\", "/").split("/")
            if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                raise FileProblem(msg("zip_unsafe_name", file=filename, name=info.filename))
        declared = sum(i.file_size for i in self.infos)
        if declared > MAX_ZIP_BYTES:
            raise FileProblem(msg("zip_too_big", file=filename, size=_mb(declared), limit=_mb(MAX_ZIP_BYTES)))

    def names(self, all_files: bool = False) -> list[str]:
        """The files in the archive (without macOS and hidden files, unless ``all_files``)."""
        return [i.filename for i in self.infos
                if all_files or not (i.filename.startswith("__MACOSX/") or posixpath.basename(i.filename).startswith("."))]

    def read(self, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
        """One member's bytes, inflated in chunks and stopped as soon as it passes ``limit``."""
        out = bytearray()
        self._inflate(self.zip.getinfo(name), limit, out)
        if out.startswith(ZIP_MAGIC):
            raise FileProblem(msg("zip_nested", file=self.filename, name=name))
        return bytes(out)

    def check_all(self) -> None:
        """Inflate every member (counting, checking each CRC) without keeping them: a broken or lying
        archive is refused before a parser reads it."""
        total = 0
        for info in self.infos:
            total += self._inflate(info, MAX_ZIP_BYTES - total, None)

    def _inflate(self, info: zipfile.ZipInfo, limit: int, out: bytearray | None) -> int:
        """Inflate ``info`` into ``out`` (or nowhere), refusing it once more than ``limit`` bytes came out."""
        too_big = msg("zip_member_too_big", file=self.filename, name=info.filename, limit=_mb(limit)) \
            if out is not None else msg("zip_all_too_big", file=self.filename, limit=_mb(MAX_ZIP_BYTES))
        if info.flag_bits & 0x1:
            raise FileProblem(msg("zip_encrypted", file=self.filename))
        if info.file_size > limit:
            raise FileProblem(too_big)
        n = 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    n += len(chunk)
                    if n > limit:
                        raise FileProblem(too_big)
                    if out is not None:
                        out += chunk
        except NotImplementedError:
            raise FileProblem(msg("zip_method", file=self.filename, name=info.filename)) from None
        except RuntimeError:  # zipfile's 'encrypted, password required'
            raise FileProblem(msg("zip_encrypted", file=self.filename)) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise FileProblem(msg("zip_damaged", file=self.filename, name=info.filename, reason=str(exc)[:120])) \
                from None
        return n


def unzip_geojson(data: bytes, filename: str) -> tuple[bytes, str]:
    """The one GeoJSON file in a zip (macOS and hidden files aside) and its name; a shapefile, several
    GeoJSON files, a nested zip or none are refused, saying which."""
    archive = Archive(data, filename)
    names = archive.names()
    geojson = [n for n in names if n.lower().endswith((".geojson", ".json"))]
    if len(geojson) == 1:
        return archive.read(geojson[0]), geojson[0]
    if len(geojson) > 1:
        raise FileProblem(msg("zip_many", file=filename, names=", ".join(geojson)))
    shp = [n for n in names if n.lower().endswith(".shp")]
    if shp:
        raise FileProblem(msg("zip_shapefile", file=filename, names=", ".join(shp)))
    nested = [n for n in names if n.lower().endswith(".zip")]
    if nested:
        raise FileProblem(msg("zip_nested", file=filename, name=nested[0]))
    raise FileProblem(msg("zip_no_geojson", file=filename))


# --- JSON -----------------------------------------------------------------------------------------------


def read_geojson(data: bytes, filename: str) -> tuple[object, str, str]:
    """A GeoJSON file, or the one inside a zip, parsed within the limits: (document, encoding, the name
    to report, e.g. 'omraader.zip/omraader.geojson'). Uses only the standard library, so the command
    line refuses a zip bomb before it loads the geometry libraries."""
    check_size(data, filename)
    if data.startswith(ZIP_MAGIC) or filename.lower().endswith(".zip"):
        data, inner = unzip_geojson(data, filename)
        filename = f"{filename}/{inner}"
    doc, encoding = read_json(data, filename)
    return doc, encoding, filename


def read_json(data: bytes, filename: str) -> tuple[object, str]:
    """Parse a JSON file (for GeoJSON) and say how it was decoded. Refused before parsing when it has
    more than :data:`MAX_COORDINATES` lists (one per coordinate pair, counted in the text)."""
    check_size(data, filename)
    refuse_other_format(data, filename, "expected_geojson")
    text, encoding = decode(data, filename, "expected_geojson")
    if not text.strip():
        raise FileProblem(msg("empty"))
    lists = text.count("[")
    if lists > MAX_COORDINATES:
        raise FileProblem(msg("json_coordinates", file=filename, n=Count(lists), limit=Count(MAX_COORDINATES)))
    try:
        return json.loads(text), encoding
    except json.JSONDecodeError as exc:
        raise FileProblem(msg("json_bad", file=filename, line=exc.lineno, col=exc.colno)) from None
    except RecursionError:
        raise FileProblem(msg("json_deep", file=filename)) from None
    except ValueError:  # Python refuses to convert integers of more than 4.300 digits
        raise FileProblem(msg("json_number", file=filename)) from None
