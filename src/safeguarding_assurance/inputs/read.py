"""Reading one input file (CSV or Excel) as text, as the sender typed it.

Reading is deliberately forgiving about how a file was saved and strict about what it
says. Accepted and normalised: a byte-order mark; Windows line endings; Windows-1252
("CSV" from older Excel) and UTF-16 ("Unicode text") encodings; `;` or tab as the
delimiter when the header row uses it; blank rows (ignored, row numbers kept); spaces
around values and header names; header names in any case; `<table>.xlsx` (first sheet)
in place of `<table>.csv`. Refused, with a message saying what is expected: a missing
file, both `.csv` and `.xlsx`, an empty file, a file that is not text (a PDF, an old
`.xls`, a workbook renamed `.csv`), text in an unknown encoding, a row with more values
than the header has columns. Every column is read as text, so the checks in
:mod:`.validate` report exactly what the sender typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io as _io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from safeguarding_assurance.errors import Problem

__all__ = ["RawTable", "SourceFile", "find_source", "near_names", "read_raw_table"]

MAGIC = {
    b"PK\x03\x04": "an Excel workbook or other zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook",
    b"%PDF": "a PDF document",
    b"{\\rtf": "a Word (RTF) document",
}
EXPECTED_CSV = "a CSV file saved as 'CSV UTF-8' with the header on row 1"


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


@dataclass
class RawTable:
    """One file read as text: header as written, values trimmed, index = spreadsheet row."""

    source: SourceFile
    header: list[str]
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


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
                column_types=dict.fromkeys(names, pa.string()),
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
    columns = []
    for column in table.columns:
        trimmed = trim(column)
        blank = pc.equal(trimmed, "")
        if pc.any(blank).as_py():
            trimmed = pc.if_else(blank, pa.scalar(None, pa.string()), trimmed)
        columns.append(trimmed)
    frame = pa.table(columns, names=names).to_pandas()
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
    frame = _fast_parse(source, offset, delimiter, width) if head_end < len(text) else None
    problems: list[Problem] = []
    if frame is None:
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


def _read_xlsx(path: Path) -> tuple[list[str], pd.DataFrame]:
    """Read the first sheet; the frame's rows are Excel's rows 2, 3, ... in order."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _Refused(
            f"the workbook cannot be opened ({type(exc).__name__}): expected an Excel .xlsx "
            "workbook with the header on row 1 of its first sheet"
        ) from None
    except Exception as exc:  # openpyxl raises its own errors for damaged files
        raise _Refused(
            f"the workbook cannot be opened ({type(exc).__name__}): expected an Excel .xlsx "
            "workbook with the header on row 1 of its first sheet"
        ) from None
    try:
        sheet = book.worksheets[0]
        # iter_rows from row 1 keeps blank rows, so position = Excel row number - 1
        rows = [list(r) for r in sheet.iter_rows(min_row=1, values_only=True)]
    finally:
        book.close()
    while rows and all(v is None or str(v).strip() == "" for v in rows[-1]):
        rows.pop()
    if not rows:
        raise _Refused(
            "the first sheet is empty: expected the header on row 1 and one row per record"
        )
    header = [_cell_text(v) for v in rows[0]]
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    body = [[_cell_text(v) for v in (r + [None] * width)[:width]] for r in rows[1:]]
    frame = pd.DataFrame(body, columns=range(width), dtype="str")
    return header, frame


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
    encoding = delimiter = ""
    try:
        if path.suffix.lower() == ".xlsx":
            if not data.startswith(b"PK\x03\x04"):
                raise _Refused(
                    "the file is named .xlsx but is not an Excel workbook: expected an .xlsx "
                    "workbook, or a CSV named .csv"
                )
            header, frame = _read_xlsx(path)
            frame = _trim(frame)
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
    )
    return RawTable(source, [h.strip() for h in header], frame, problems)


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
