"""Reading one input file (CSV or Excel) as text, as the sender typed it.

Reading is deliberately forgiving about how a file was saved and strict about what it
says. Accepted and normalised: a byte-order mark; Windows line endings; Windows-1252
("CSV" from older Excel) and UTF-16 ("Unicode text") encodings; `;` or tab as the
delimiter when the header row uses it; blank rows (ignored, row numbers kept); spaces
around values and header names; header names in any case; `<table>.xlsx` in place of
`<table>.csv`. Refused, with a message saying what is expected: a missing file, both
`.csv` and `.xlsx`, an empty file, a file that is not text (a PDF, an old `.xls`, a
workbook renamed `.csv`), a password-protected workbook, text in an unknown encoding, a
row with more values than the header has columns. Every column is read as text, so the
checks in :mod:`.validate` report exactly what the sender typed.

A workbook is read as a person sees it: the first *visible* sheet (an agency's hidden
old copy is never read; other sheets that hold data are a warning), and a number in a
cell formatted as a percentage is read as the percentage it shows (0.186 shown as 18.6%
is ``18.6``), its cell recorded so the checks can refuse it where no percentage is meant.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io as _io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from safeguarding_assurance.errors import Problem

__all__ = ["RawTable", "SourceFile", "find_source", "near_names", "read_raw_table"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE compound file: an old .xls, or an encrypted .xlsx
MAGIC = {
    b"PK\x03\x04": "an Excel workbook or other zip file",
    OLE_MAGIC: "an old Excel .xls workbook",
    b"%PDF": "a PDF document",
    b"{\\rtf": "a Word (RTF) document",
}
EXPECTED_CSV = "a CSV file saved as 'CSV UTF-8' with the header on row 1"
EXPECTED_XLSX = "an Excel .xlsx workbook with the header on row 1 of its first visible sheet"
PASSWORD_PROTECTED = (
    "the workbook is password-protected (encrypted), so it cannot be read: save a copy "
    "without the password (in Excel: File, Info, Protect Workbook, Encrypt with Password, "
    "then clear the password) or save the sheet as CSV UTF-8"
)


@dataclass(frozen=True)
class SourceFile:
    """How one input file was found and read: what the data-quality chapter and manifest show."""

    table: str
    file: str
    path: Path
    format: str  # csv or xlsx
    sha256: str
    size_bytes: int
    rows: int = 0
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""  # the sheet read, for a workbook


@dataclass
class RawTable:
    """One file read as text: header as written, values trimmed, index = spreadsheet row.

    ``percent`` gives, per column position, the spreadsheet rows whose cell was a number
    formatted as a percentage (its text is the percentage shown: ``18.6`` for 0.186).
    """

    source: SourceFile
    header: list[str]
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    percent: dict[int, list[int]] = field(default_factory=dict)


# --------------------------------------------------------------------------- finding files


def find_source(
    folder: Path, table: str, optional: bool = False
) -> tuple[Path | None, list[Problem]]:
    """Return the file holding ``table`` in ``folder`` (``.csv`` or ``.xlsx``), or problems.

    An ``optional`` register with neither file is simply absent: no file and no problem.
    """
    csv_path, xlsx_path = folder / f"{table}.csv", folder / f"{table}.xlsx"
    have_csv, have_xlsx = csv_path.is_file(), xlsx_path.is_file()
    file = f"{table}.csv"
    if have_csv and have_xlsx:
        return None, [
            Problem(
                file,
                None,
                None,
                None,
                f"both {table}.csv and {table}.xlsx are in the data folder: keep one of them",
            )
        ]
    if have_csv:
        return csv_path, []
    if have_xlsx:
        return xlsx_path, []
    if optional:
        return None, []
    if not folder.is_dir():
        return None, [Problem(file, None, None, None, f"the data folder {folder} does not exist")]
    others = near_names(folder, table)
    hint = ""
    if others:
        hint = f" (found {', '.join(others)}: name it {table}.csv, or {table}.xlsx for a workbook)"
    return None, [
        Problem(
            file,
            None,
            None,
            None,
            f"file not found: expected {table}.csv or {table}.xlsx in the data folder{hint}",
        )
    ]


def near_names(folder: Path, table: str) -> list[str]:
    """Files in ``folder`` named like ``table`` but not exactly ``<table>.csv``/``.xlsx``."""
    if not folder.is_dir():
        return []
    exact = (f"{table}.csv", f"{table}.xlsx")
    return sorted(
        p.name for p in folder.iterdir() if p.stem.strip().lower() == table and p.name not in exact
    )


# --------------------------------------------------------------------------- reading text


def _decode(data: bytes) -> tuple[str | None, str]:
    """Decode file bytes: UTF-8 (BOM tolerated), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, ""
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return None, ""


def _sniff_delimiter(first_line: str) -> str:
    """Pick the delimiter the header row uses: `,` unless it has none and `;` or tab instead."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    if counts[","] == 0:
        best = max((";", "\t"), key=lambda d: counts[d])
        if counts[best] > 0:
            return best
    return ","


def is_encrypted_workbook(data: bytes) -> bool:
    """Whether the bytes are a password-protected (encrypted) Office document.

    Such a file is not a zip but an OLE compound file, like an old ``.xls``; its
    ``EncryptionInfo`` and ``EncryptedPackage`` streams tell it apart.
    """
    if not data.startswith(OLE_MAGIC):
        return False
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            return bool(ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"))
    except Exception:  # a damaged compound file: not readable either way
        return False


def _not_text(data: bytes) -> str | None:
    """Return what a file looks like when it is not a text file, else ``None``."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in head:
        return "a binary (non-text) file"
    return None


def _fast_parse(data: bytes, offset: int, delimiter: str, width: int) -> pd.DataFrame | None:
    """Parse UTF-8 records from ``offset`` with pyarrow, trimmed; ``None`` when it cannot be exact.

    Values come back stripped of surrounding spaces, with blanks missing.
    """
    end = len(data)
    while end > offset and data[end - 1 : end] in (b"\r", b"\n", b" ", b"\t"):
        end -= 1
    # pyarrow drops empty lines, which would shift the row numbers: leave those files
    # (and any with ragged rows) to the exact reader.
    if any(data.find(gap, offset, end) >= 0 for gap in (b"\n\n", b"\n\r\n", b"\r\r")):
        return None
    if end <= offset:
        return pd.DataFrame({i: pd.Series([], dtype="str") for i in range(width)})
    body = memoryview(data)[offset:end]
    quoted = data.find(b'"', offset, end) >= 0
    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            # small blocks parse in parallel; quoted line breaks need whole records
            read_options=pacsv.ReadOptions(
                column_names=names, block_size=(1 << 24) if quoted else (1 << 20)
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=quoted),
            convert_options=pacsv.ConvertOptions(
                # large_string is what pandas keeps: no copy when the frame is made
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                null_values=[""],
            ),
        )
    except pa.ArrowException:
        return None
    if table.num_columns != width:
        return None
    trim = pc.ascii_trim_whitespace if data.isascii() else pc.utf8_trim_whitespace
    # one column at a time, a trimmed copy kept only where trimming changed something:
    # at a million rows the text is held about once, not three times (measured)
    untrimmed = table.columns
    del table
    columns = []
    while untrimmed:
        column = untrimmed.pop(0)
        trimmed = trim(column)
        if pc.all(pc.equal(trimmed, column)).as_py() is not False:
            trimmed = column
        del column
        blank = pc.equal(trimmed, "")
        if pc.any(blank).as_py():
            trimmed = pc.if_else(blank, pa.scalar(None, pa.large_string()), trimmed)
        columns.append(trimmed)
    trimmed_table = pa.table(columns, names=names)
    del columns
    frame = trimmed_table.to_pandas(self_destruct=True, split_blocks=True)
    del trimmed_table
    frame.columns = range(width)
    return frame


def _header_end(text: str) -> int:
    """Return the offset just after the header record (quotes may hold line breaks)."""
    in_quotes = False
    for i, ch in enumerate(text):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == "\n" and not in_quotes:
            return i + 1
    return len(text)


def _exact_parse(
    text: str, delimiter: str, width: int, file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse with the csv module: blank lines kept as blank rows, ragged rows reported."""
    problems: list[Problem] = []
    # a long free-text value is still a value: lift the csv module's field limit (as
    # pyarrow has none) for this read only
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        rows = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter))[1:]
    finally:
        csv.field_size_limit(limit)
    padded = []
    for number, row in enumerate(rows, start=2):
        if len(row) > width and any(v.strip() for v in row[width:]):
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    None,
                    f"this row has {len(row)} values but the header has {width} columns "
                    "(is there a comma inside a value that is not in quotes?)",
                )
            )
            padded.append([""] * width)
        else:
            padded.append((row + [""] * width)[:width])
    frame = pd.DataFrame(padded, columns=range(width), dtype="str")
    return frame, problems


def _read_csv_text(
    data: bytes, file: str
) -> tuple[list[str], pd.DataFrame, str, str, list[Problem]]:
    text, encoding = _decode(data)
    if text is None:
        raise _Refused(f"the file is not text in UTF-8 or Windows-1252: expected {EXPECTED_CSV}")
    if not text.strip():
        raise _Refused(f"the file is empty: expected {EXPECTED_CSV}")
    if "\x00" in text:
        raise _Refused(
            f"the file is a binary (non-text) file, not CSV text: expected {EXPECTED_CSV}"
        )
    if "\n" not in text and "\r" in text:  # old Mac line endings
        text = text.replace("\r", "\n")
    head_end = _header_end(text)
    header_text = text[:head_end]
    delimiter = _sniff_delimiter(header_text)
    header = next(csv.reader(_io.StringIO(header_text, newline=""), delimiter=delimiter), [])
    width = len(header)
    if not any(h.strip() for h in header):
        raise _Refused(
            "row 1 is blank: expected the header (the column names) on row 1 and one row "
            "per record below it"
        )
    if encoding.startswith("utf-8") and header_text.endswith("\n"):
        # the bytes are already UTF-8: hand them to pyarrow without a copy through str
        source = data
        offset = (3 if encoding == "utf-8-sig" else 0) + len(header_text.encode("utf-8"))
    else:
        source, offset = text[head_end:].encode("utf-8"), 0
    rows_follow = head_end < len(text)
    if source is data:
        # the decoded copy is only needed if the exact reader must take over: at a
        # million rows it is as large as the file, so it is let go while pyarrow parses
        del text
    frame = _fast_parse(source, offset, delimiter, width) if rows_follow else None
    problems: list[Problem] = []
    if frame is None:
        if source is data:
            text = data.decode(encoding)
        frame, problems = _exact_parse(text, delimiter, width, file)
        frame = _trim(frame)
    return header, frame, encoding, delimiter, problems


class _Refused(Exception):
    """A file that cannot be read at all; the message says what is expected."""


def _cell_text(value: object) -> str:
    """Write one Excel cell as the text a CSV export would hold (dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# What an Excel number format says literally: quoted text, an escaped character, and
# bracketed colours or conditions. A % anywhere else multiplies the value by 100.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def shows_percent(number_format: str | None) -> bool:
    """Whether an Excel number format shows a number as a percentage (0.186 as 18.6%)."""
    return "%" in _FORMAT_LITERALS.sub("", number_format or "")


def _percent_text(value: float | int) -> str:
    """The percentage a percent-formatted cell shows, from the number it holds: 0.186 -> 18.6."""
    try:
        shown = (Decimal(repr(value)) * 100).normalize()
    except InvalidOperation:  # inf or nan: left for the checks to refuse
        return str(value)
    return format(shown, "f")


def _percent_styles(book) -> set[int] | None:
    """The style ids of a read-only workbook whose number format shows a percentage.

    ``None`` when openpyxl does not expose them (the cells are then asked one by one).
    """
    try:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

        custom = book._number_formats
        found = set()
        for style_id, style in enumerate(book._cell_styles):
            fid = style.numFmtId
            if fid < BUILTIN_FORMATS_MAX_SIZE:
                fmt = BUILTIN_FORMATS.get(fid, "General")
            else:
                fmt = custom[fid - BUILTIN_FORMATS_MAX_SIZE]
            if shows_percent(fmt):
                found.add(style_id)
        return found
    except (AttributeError, ImportError, IndexError, TypeError):
        return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sheet_rows(sheet, percent_styles: set[int] | None) -> tuple[list[list], dict[int, list[int]]]:
    """Every row of a read-only sheet from row 1, and its percent-formatted numeric cells.

    Returns the rows (position = Excel row number - 1; blank rows kept) and, per
    column position, the Excel rows of numbers formatted as a percentage, whose value
    is replaced by the text of the percentage shown.
    """
    percent: dict[int, list[int]] = {}
    if percent_styles is not None and not percent_styles:
        # no cell style of the workbook shows a percentage: the fast path
        return [list(r) for r in sheet.iter_rows(min_row=1, values_only=True)], percent
    rows = []
    for excel_row, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
        values = []
        for pos, cell in enumerate(cells):
            value = cell.value
            if _is_number(value) and (
                getattr(cell, "_style_id", 0) in percent_styles
                if percent_styles is not None
                else shows_percent(getattr(cell, "number_format", None))
            ):
                value = _percent_text(value)
                percent.setdefault(pos, []).append(excel_row)
            values.append(value)
        rows.append(values)
    return rows, percent


def _holds_data(sheet) -> bool:
    """Whether a sheet has any non-blank cell (stops at the first)."""
    for row in sheet.iter_rows(values_only=True):
        if any(v is not None and str(v).strip() for v in row):
            return True
    return False


@dataclass
class _Sheet:
    header: list[str]
    frame: pd.DataFrame
    name: str
    percent: dict[int, list[int]]
    others: list[str]  # the other sheets that hold data, named with their state


def _read_xlsx(data: bytes) -> _Sheet:
    """Read the first visible sheet; the frame's rows are Excel's rows 2, 3, ... in order."""
    import openpyxl

    try:
        # from the bytes already read (and hashed), not the file again
        book = openpyxl.load_workbook(_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises its own errors for damaged files
        raise _Refused(
            f"the workbook cannot be opened ({_exception_words(exc)}): expected {EXPECTED_XLSX}"
        ) from None
    try:
        sheets = list(book.worksheets)
        sheet = next((s for s in sheets if s.sheet_state == "visible"), None)
        if sheet is None:
            raise _Refused(
                "the workbook has no visible sheet: unhide the sheet that holds the register "
                f"(expected {EXPECTED_XLSX})"
            )
        rows, percent = _sheet_rows(sheet, _percent_styles(book))
        others = [
            f"`{s.title}`" + ("" if s.sheet_state == "visible" else f" ({_state_words(s)})")
            for s in sheets
            if s is not sheet and _holds_data(s)
        ]
        name = sheet.title
    except _Refused:
        raise
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise _Refused(
            f"the workbook cannot be read ({_exception_words(exc)}): expected {EXPECTED_XLSX}"
        ) from None
    finally:
        book.close()
    while rows and all(v is None or str(v).strip() == "" for v in rows[-1]):
        rows.pop()
    if not rows:
        raise _Refused(
            f"the first visible sheet (`{name}`) is empty: expected the header on row 1 and "
            "one row per record"
        )
    header = [_cell_text(v) for v in rows[0]]
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    body = [[_cell_text(v) for v in (r + [None] * width)[:width]] for r in rows[1:]]
    frame = pd.DataFrame(body, columns=range(width), dtype="str")
    percent = {pos: found for pos, found in percent.items() if pos < width}
    return _Sheet(header, frame, name, percent, others)


def _state_words(sheet) -> str:
    return "very hidden" if sheet.sheet_state == "veryHidden" else "hidden"


def _exception_words(exc: Exception) -> str:
    """What went wrong in words, without a Python error type (openpyxl's own text)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (text[:120] + "…") if len(text) > 120 else (text or "the file is damaged")


def read_raw_table(
    path: Path, table: str, data: bytes | None = None, sha256: str | None = None
) -> RawTable:
    """Read one input file as text; a file that cannot be read becomes one problem."""
    file = path.name
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return _refused(table, path, b"", f"the file cannot be read ({exc.strerror})")
    problems: list[Problem] = []
    warnings: list[Problem] = []
    percent: dict[int, list[int]] = {}
    encoding = delimiter = sheet_name = ""
    try:
        if is_encrypted_workbook(data):
            raise _Refused(PASSWORD_PROTECTED)
        if path.suffix.lower() == ".xlsx":
            if data.startswith(OLE_MAGIC):
                raise _Refused(
                    "the file is an old Excel .xls workbook named .xlsx: open it in Excel and "
                    "save it as an .xlsx workbook, or as CSV UTF-8"
                )
            if not data.startswith(b"PK\x03\x04"):
                raise _Refused(
                    "the file is named .xlsx but is not an Excel workbook: expected an .xlsx "
                    "workbook, or a CSV named .csv"
                )
            sheet = _read_xlsx(data)
            header, frame, percent, sheet_name = (
                sheet.header,
                sheet.frame,
                sheet.percent,
                sheet.name,
            )
            frame = _trim(frame)
            if sheet.others:
                warnings.append(
                    Problem(
                        file,
                        None,
                        None,
                        None,
                        f"the report read the first visible sheet, `{sheet_name}`; other sheets "
                        f"hold data and were not read: {', '.join(sheet.others)}. Check that "
                        f"`{sheet_name}` is the register to report, and remove the other sheets",
                    )
                )
        else:
            what = _not_text(data)
            if what is not None:
                hint = (
                    f" (if it is a workbook, name it {table}.xlsx)" if what.startswith("an") else ""
                )
                raise _Refused(f"the file is {what}, not CSV text{hint}: expected {EXPECTED_CSV}")
            header, frame, encoding, delimiter, problems = _read_csv_text(data, file)
    except _Refused as exc:
        return _refused(table, path, data, str(exc))
    except (csv.Error, ValueError, pa.ArrowException) as exc:
        # for example a value longer than the csv module allows: a message, not a traceback
        return _refused(
            table, path, data, f"the file cannot be read as CSV ({exc}): expected {EXPECTED_CSV}"
        )
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    blank = (frame.isna()).all(axis=1) if frame.shape[1] else pd.Series(True, index=frame.index)
    frame = frame.loc[~blank]
    source = SourceFile(
        table=table,
        file=file,
        path=path,
        format="xlsx" if path.suffix.lower() == ".xlsx" else "csv",
        sha256=sha256 or hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        rows=len(frame),
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet_name,
    )
    return RawTable(source, [h.strip() for h in header], frame, problems, warnings, percent)


def _refused(table: str, path: Path, data: bytes, message: str) -> RawTable:
    source = SourceFile(
        table,
        path.name,
        path,
        path.suffix.lstrip(".").lower(),
        hashlib.sha256(data).hexdigest(),
        len(data),
    )
    return RawTable(source, [], pd.DataFrame(), [Problem(path.name, None, None, None, message)])


def _trim(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip spaces around every value and make blanks missing."""
    out = {}
    for col in frame.columns:
        s = frame[col].astype("str").str.strip()
        out[col] = s.where(s != "")
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)
