"""Read a file of real cases (CSV as Danish Excel writes it, or .xlsx): one case a row, bad rows reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

from ..engine.resolve import KLE_CODE
from ..errors import InputError, Problem
from ..i18n import text as phrase
from ..messages import Message
from ..model import Fact
from ..numbers import MAX_QUANTITY, parse_amount

_KLE_START = re.compile(r"\d{2}(?:\.\d{2}){0,2}(?:-[A-Z]\d{2})?(?=$|[-\s])")
MAX_CASEFILE_BYTES = 50_000_000  # a year's cases of a large municipality is a few MB
# Rows read at most: a large municipality's year is well under it, and the work and the answer
# (unresolved rows are listed) grow with the rows: an .xlsx of 372 KB held a million rows, 128 s
# of a service's heavy slot and a 225 MB answer. 100.000 distinct rows take about 9 s.
MAX_CASE_ROWS = 200_000
# A workbook's parts unpacked: its shared strings are held in memory whole (170 MB of them took
# 1 GB), and a sheet of 200.000 rows of a few columns is far smaller.
MAX_XLSX_UNPACKED = 2 * MAX_CASEFILE_BYTES
MAX_COLUMNS = 64  # cells of a row that are read: a row of 2 million empty cells took 61 s and 1.8 GB
# What a sheet may hold before openpyxl reads it (it builds a row's every cell before the columns
# are cut, and keeps every shared string): a 95 KB file of one row of 24 million empty cells took
# 136 s and 7.5 GB, one of 5.8 million shared strings 86 s. Excel's own rows end at 16.384 columns;
# a case list has a few dozen.
MAX_XLSX_ROW_CELLS = 1_024
MAX_XLSX_CELLS = 4_000_000
MAX_XLSX_STRINGS = 1_000_000  # shared strings (distinct texts): 3,2 million held a place 27 s
# The longest text between two tags: a case's title is a line, not a book. One string of 95 MB in
# a workbook of 94 KB took 1 GB while openpyxl read it (attack report, 2026-11-28, third).
MAX_XLSX_TEXT = 10_000
ROLES = ("case", "kle", "date")
# Header names people give these columns in case-system exports, folded (see _fold).
_HEADERS: dict[str, tuple[str, ...]] = {
    "case": (
        "case",
        "case title",
        "case type",
        "title",
        "titel",
        "sag",
        "sagstitel",
        "sagens titel",
        "sagstype",
        "sagsemne",
        "emne",
        "overskrift",
        "beskrivelse",
    ),
    "kle": ("kle", "kle nr", "kle nummer", "klenr", "kle kode", "kle code", "emneplan", "journalnummer"),
    "date": (
        "date",
        "dato",
        "sagsdato",
        "oprettet",
        "oprettelsesdato",
        "created",
        "modtaget",
        "afgjort",
        "beslutningsdato",
        "mødedato",
        "year",
        "år",
    ),
}


@dataclass(frozen=True)
class CaseRow:
    """One usable case: its line in the file, its title or case type id, KLE code, year, facts."""

    line: int
    text: str
    kle: str | None
    year: int | None
    facts: dict[str, float]


@dataclass(frozen=True)
class RowProblem:
    line: int
    text: str
    reason: str


@dataclass
class CaseFile:
    """The usable rows, the skipped ones with the reason, and how the columns were read."""

    name: str
    rows: list[CaseRow] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # role (case, kle, date, a fact id) -> header
    encoding: str = ""
    read: int = 0  # data rows read, used or skipped (blank rows are not rows)


def _fold(value: str) -> str:
    return " ".join(re.sub(r"[\s._:/()\[\]-]+", " ", value.casefold()).split())


MAX_HEADER = 200  # characters of a column's heading that are read ("Beløb (kr.)" is 11)


def _without_unit(value: str) -> str:
    # No nested brackets in the pattern: "\(.*?\)" took a header of 100.000 "(" 109 s (quadratic).
    return _fold(re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", value[:MAX_HEADER]))


def guess_columns(
    header: list[str], facts: Mapping[str, Fact], given: Mapping[str, str] | None = None, lang: str = "da"
) -> dict[str, int]:
    """Role -> column index: what `given` names (role=header), else what the header says, in Danish
    or English; a fact's column is the one headed by its id or label ("Beløb (kr.)", "amount")."""
    folded = [_without_unit(name) for name in header]
    roles: dict[str, int] = {}
    for role, name in (given or {}).items():
        if role not in ROLES and role not in facts:
            raise InputError(
                Problem(
                    "cases.unknown_role",
                    dict(role=role, roles=", ".join([*ROLES, *facts])),
                    field="column",
                )
            )
        wanted = _without_unit(name)
        if wanted not in folded:
            raise InputError(
                Problem(
                    "cases.no_header",
                    dict(name=name, headers=", ".join(h for h in header if h)),
                    field="column",
                )
            )
        roles[role] = folded.index(wanted)
    taken = set(roles.values())
    names = {role: set(words) for role, words in _HEADERS.items()}
    for fact in facts.values():
        names[fact.id] = {_fold(fact.id), _fold(fact.label), *(_fold(fact.label).split()[-1:])}
    for role, words in names.items():
        if role in roles:
            continue
        for index, name in enumerate(folded):
            if index not in taken and name in words:
                roles[role] = index
                taken.add(index)
                break
    if "case" not in roles and "kle" not in roles:
        raise InputError(
            Problem(
                "cases.no_case_column",
                dict(headers=", ".join(h for h in header if h) or "-"),
                hint=Message("cases.column_hint"),
                field="column",
            )
        )
    return roles


def decode(data: bytes, name: str, lang: str = "da") -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (with or without a byte-order mark), UTF-16
    with one (Excel's "Unicode text"), else Windows-1252 (Excel's "CSV (semikolonsepareret)")."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(Problem("cases.old_excel", dict(name=name)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(Problem("cases.bad_encoding", dict(name=name, detail="UTF-16"))) from None
    if b"\x00" in data[:4096]:
        raise InputError(Problem("cases.not_text", dict(name=name)))
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        first = error.start
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        detail = Message("cases.bad_byte", byte=f"0x{data[error.start]:02x}", at=error.start, first=first)
        raise InputError(Problem("cases.bad_encoding", dict(name=name, detail=detail))) from None


def _csv_rows(text: str) -> Iterator[list[object]]:
    first = text.split("\n", 1)[0]
    if first.lower().startswith("sep=") and len(first.strip()) == 5:
        # Excel's own hint line ("sep=;"): it names the separator and is no row (an empty one
        # keeps the line numbers as the file has them).
        delimiter, text = first.strip()[4], text.split("\n", 1)[1] if "\n" in text else ""
        yield []
    else:
        delimiter = max(";\t,", key=first.count) if any(c in first for c in ";\t,") else ";"
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield list(row)


def _xlsx_rows(data: bytes, name: str, lang: str) -> Iterator[list[object]]:
    from openpyxl import load_workbook  # here: only an Excel file needs it (200 ms to import)

    try:
        unpacked = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist())
        if unpacked > MAX_XLSX_UNPACKED:  # a zip bomb is refused before a byte of it is inflated
            raise InputError(
                Problem("cases.xlsx_too_large", dict(name=name, limit=_thousands(MAX_XLSX_UNPACKED)))
            )
        _within_limits(zipfile.ZipFile(io.BytesIO(data)), name)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged workbook (a bad part, an unknown compression) is bad input
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise InputError(Problem("cases.bad_xlsx", dict(name=name, detail=detail))) from None
    try:
        sheet = book.worksheets[0]
        # read_only parses the sheet's XML lazily, row by row: a damaged sheet fails here, not above.
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
            if number > 2 * MAX_CASE_ROWS:  # blank rows too: two million of them took 38 s
                raise InputError(
                    Problem("cases.too_many_rows", dict(name=name, limit=_thousands(MAX_CASE_ROWS)))
                )
            yield list(row)
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - any failure inside a damaged workbook is bad input
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise InputError(Problem("cases.bad_xlsx", dict(name=name, detail=detail))) from None
    finally:
        book.close()


def _within_limits(book: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook whose sheets or shared strings hold more than a case list can, counted in
    the unpacked XML as it streams (C-speed counts, never a parse): the first row over
    MAX_XLSX_ROW_CELLS cells, or the cells or strings over MAX_XLSX_CELLS, stops the reading.
    Every XML part is counted, wherever the workbook's relations put its sheets, and a tag with a
    namespace prefix ("<x:c/>") or a line break ("<c\n/>") as one without; a part holding a
    comment, CDATA or a DTD, which no spreadsheet writes, is refused."""
    cells = strings = rows = 0
    for member in book.infolist():
        if not member.filename.endswith(".xml"):
            continue
        row = 0
        with book.open(member) as stream:
            for chunk in _chunks(stream):
                if b"<!" in chunk:  # a comment ("<!--<row-->" would start a row), CDATA or a DTD
                    raise InputError(
                        Problem("cases.bad_xlsx", dict(name=name, detail=f"{member.filename}: <!"))
                    )
                if _LONG_TEXT.search(chunk):
                    raise InputError(
                        Problem("cases.xlsx_long_text", dict(name=name, limit=_thousands(MAX_XLSX_TEXT)))
                    )
                # Excel writes neither prefixes nor line breaks inside tags: plain byte counts then
                # (the patterns took six times as long on a sheet of 4 million cells).
                plain = _UNUSUAL.search(chunk) is None
                strings += (
                    chunk.count(b"<si>") + chunk.count(b"<si ") if plain else len(_STRING.findall(chunk))
                )
                parts = chunk.split(b"<row") if plain else _ROW.split(chunk)  # a row's cells follow its tag
                rows += len(parts) - 1
                if rows > 2 * MAX_CASE_ROWS:  # blank rows too: two million of them took 38 s
                    raise InputError(
                        Problem("cases.too_many_rows", dict(name=name, limit=_thousands(MAX_CASE_ROWS)))
                    )
                for at, part in enumerate(parts):
                    if at:
                        row = 0
                    count = (
                        part.count(b"<c ") + part.count(b"<c>") + part.count(b"<c/")
                        if plain
                        else len(_CELL.findall(part))
                    )
                    row, cells = row + count, cells + count
                    if row > MAX_XLSX_ROW_CELLS or cells > MAX_XLSX_CELLS or strings > MAX_XLSX_STRINGS:
                        raise InputError(_too_many_cells(name))


_LONG_TEXT = re.compile(rb"[^<]{%d}" % MAX_XLSX_TEXT)  # a piece holds whole tags, so a text is not cut
_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
# A prefix, a break in a tag, or a tag that begins as "<row" does ("<rowBreaks>")
_UNUSUAL = re.compile(rb":(?:c|row|si)[\s/>]|<(?:c|row|si)[^\S ]|<row\w")


def _too_many_cells(name: str) -> Problem:
    return Problem(
        "cases.xlsx_too_many_cells",
        dict(
            name=name,
            row=_thousands(MAX_XLSX_ROW_CELLS),
            cells=_thousands(MAX_XLSX_CELLS),
            strings=_thousands(MAX_XLSX_STRINGS),
        ),
    )


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream in pieces of about 1 MB, each cut just before its last "<", so that no tag is cut
    in two (a tag is counted in the one piece that holds it whole)."""
    carry = b""
    while True:
        read = stream.read(1 << 20)
        if not read:
            if carry:
                yield carry
            return
        piece = carry + read
        cut = piece.rfind(b"<")
        if cut <= 0:
            carry = b""
            yield piece
        else:
            carry = piece[cut:]
            yield piece[:cut]


def _thousands(number: int) -> str:
    """200000 -> "200.000": the limits as both languages' messages write numbers here."""
    return f"{number:,}".replace(",", ".")


def _year(value: object) -> int | None:
    """The year of a date cell; None when the cell is empty; ValueError when it is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.year
    if isinstance(value, int | float) and 1900 <= value <= 2200:
        return int(value)
    # Cut to what a date and a time can take: the memo keeps what it is given, and a date with
    # a tail of 120 KB in each of 8.192 rows held a service's gigabyte (the tail says nothing).
    return _year_of(str(value).strip()[:MAX_DATE_TEXT])


MAX_DATE_TEXT = 40  # "2024-12-31T23:59:59.999999+01:00" is 32 characters


_DAY_FIRST = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?:[ T].*)?")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?")


@lru_cache(maxsize=8192)
def _year_of(written: str) -> int:
    """A written date's year (31-12-2024, 31.12.24, 2024-12-31, 2024): a file has a few hundred
    distinct dates in many thousand rows, so each is read once (strptime cost 40 µs a row)."""
    if re.fullmatch(r"\d{4}", written):
        return int(written)
    day_first = _DAY_FIRST.fullmatch(written)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        year += 2000 if year < 100 else 0
    else:
        year_first = _YEAR_FIRST.fullmatch(written)
        if year_first is None:
            raise ValueError(written)
        year, month, day = (int(part) for part in year_first.groups())
    dt.date(year, month, day)  # ValueError for 31-02-2024 or month 13
    return year


def _number(value: object) -> float | None:
    """A cell's number; ValueError past what `decide` takes (10^18, infinity: a row's problem)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int | float):
        number = float(value) if not isinstance(value, int) or value <= MAX_QUANTITY else math.inf
    else:
        written = str(value).strip()
        if not written:
            return None
        number = parse_amount(written)
    if not number <= MAX_QUANTITY:
        raise ValueError(str(value)[:40])
    return number


def read_cases(
    source: bytes | str | Path,
    facts: Mapping[str, Fact],
    columns: Mapping[str, str] | None = None,
    name: str | None = None,
    lang: str = "da",
) -> CaseFile:
    """Read a case file (a path, or the file's bytes): every data row becomes a CaseRow or a
    RowProblem with its line number; never a traceback for what a person may put in a file."""
    if isinstance(source, bytes):
        data, shown = source, name or "cases"
    else:
        path = Path(source)
        shown = name or str(path)
        try:
            with path.open("rb") as stream:
                data = stream.read(MAX_CASEFILE_BYTES + 1)
        except OSError as error:
            raise InputError(
                Problem("cases.unreadable", {"name": shown, "error": error.strerror}, field="cases")
            ) from None
    if len(data) > MAX_CASEFILE_BYTES:
        raise InputError(Problem("cases.too_large", dict(name=shown, limit=_thousands(MAX_CASEFILE_BYTES))))
    if not data.strip():
        raise InputError(Problem("cases.empty", dict(name=shown)))
    result = CaseFile(shown)
    rows: Iterable[list[object]]
    if data.startswith(b"PK\x03\x04"):
        rows, result.encoding = _xlsx_rows(data, shown, lang), "xlsx"
    else:
        decoded, result.encoding = decode(data, shown, lang)
        rows = _csv_rows(decoded)
    try:
        _read_rows(result, iter(rows), facts, columns, lang)
    except csv.Error as error:
        raise InputError(Problem("cases.bad_csv", dict(name=shown, detail=str(error)))) from None
    return result


def _read_rows(
    result: CaseFile,
    rows: Iterator[list[object]],
    facts: Mapping[str, Fact],
    columns: Mapping[str, str] | None,
    lang: str,
) -> None:
    start = 0
    header: list[str] = []
    for start, cells in enumerate(rows, 1):  # noqa: B007 - the header's line is wanted after the loop
        if any(cell not in (None, "") for cell in cells):
            header = ["" if cell is None else str(cell).strip() for cell in cells]
            break
    if not header:
        raise InputError(Problem("cases.empty", dict(name=result.name)))
    roles = guess_columns(header, facts, columns, lang)
    result.columns = {role: header[index] for role, index in roles.items()}
    wanted = max(roles.values())
    used = [fact for fact in facts.values() if fact.id in roles]  # the facts the file has columns for
    for line, cells in enumerate(rows, start + 1):
        if not any(cell not in (None, "") and str(cell).strip() for cell in cells):
            continue
        result.read += 1
        if result.read > MAX_CASE_ROWS:
            raise InputError(
                Problem("cases.too_many_rows", dict(name=result.name, limit=f"{MAX_CASE_ROWS:,}"))
            )
        problem = _row(result, line, cells, roles, used, wanted, lang)
        if problem is not None:
            shown = " ".join(
                str(cells[i])
                for i in (roles.get("case"), roles.get("kle"))
                if i is not None and i < len(cells) and cells[i] not in (None, "")
            )
            result.skipped.append(RowProblem(line, shown[:120], problem))


def _row(
    result: CaseFile,
    line: int,
    cells: list[object],
    roles: Mapping[str, int],
    facts: list[Fact],
    wanted: int,
    lang: str,
) -> str | None:
    """Add the row to the result, or say why it cannot be used (`facts`: those with a column)."""
    if len(cells) <= wanted:
        return phrase(lang, "cases.missing_column", found=len(cells), wanted=wanted + 1)

    def cell(role: str) -> object:
        return cells[roles[role]] if role in roles else None

    title = str(cell("case") or "").strip()
    kle = str(cell("kle") or "").strip() or None
    if kle is not None:
        # A journal number starts with its KLE code: "24.10.00-G01-3-25" is filed under 24.10.00-G01.
        code = _KLE_START.match(kle)
        if code is None or KLE_CODE.match(code.group(0)) is None:
            return phrase(lang, "cases.bad_kle", kle=kle)
        kle = code.group(0)
    if not title and kle is None:
        return phrase(lang, "cases.no_case")
    try:
        year = _year(cell("date"))
    except ValueError:
        return phrase(lang, "cases.bad_date", value=str(cell("date")))
    values: dict[str, float] = {}
    for fact in facts:
        try:
            value = _number(cell(fact.id))
        except ValueError:
            return phrase(lang, "cases.bad_number", label=fact.label, value=str(cell(fact.id)))
        if value is not None:
            if value < 0:
                return phrase(lang, "cases.bad_number", label=fact.label, value=str(cell(fact.id)))
            values[fact.id] = value
    result.rows.append(CaseRow(line, title, kle, year, values))
    return None
