"""Reading files as agencies send them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from safeguarding_assurance.contract.params import Params, Priority
from safeguarding_assurance.inputs import read as sio
from tests.support.workbooks import Sheet, encrypted, workbook_bytes

VALID = Path(__file__).resolve().parents[1] / "data" / "bad_input" / "valid"
WORKFORCE_HEADER = "reporting_year,agency,sector,staff"


def params_for(
    root: Path, data: Path, priorities=("early_help", "neglect", "harm_outside_home")
) -> Params:
    return Params(
        reporting_year="2024-25",
        partnership_name="Test",
        data_dir=str(data),
        audience="internal",
        priorities=tuple(Priority(p, p.title()) for p in priorities),
        data_as_at="2025-06-02",
        root=root,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    return folder


def raw(tmp_path: Path, content: bytes, name: str = "workforce.csv") -> sio.RawTable:
    path = tmp_path / name
    path.write_bytes(content)
    return sio.read_raw_table(path, name.split(".")[0])


# ---------------------------------------------------------------- how a CSV was saved


def test_bom_and_windows_line_endings(tmp_path):
    content = b"\xef\xbb\xbf" + (WORKFORCE_HEADER + "\r\n2024-25,Council,police,5\r\n").encode()
    table = raw(tmp_path, content)
    assert table.header == WORKFORCE_HEADER.split(",")
    assert table.frame.loc[2].tolist() == ["2024-25", "Council", "police", "5"]
    assert table.source.encoding == "utf-8-sig"
    assert table.problems == []


def test_windows_1252_is_read_as_such(tmp_path):
    content = (WORKFORCE_HEADER + "\n2024-25,Café – Health,health,5\n").encode("cp1252")
    table = raw(tmp_path, content)
    assert table.frame.loc[2, 1] == "Café – Health"
    assert table.source.encoding == "windows-1252"


def test_utf16_tab_separated_unicode_text(tmp_path):
    text = WORKFORCE_HEADER.replace(",", "\t") + "\r\n2024-25\tCouncil\tpolice\t5\r\n"
    table = raw(tmp_path, text.encode("utf-16"))
    assert table.source.delimiter == "\t"
    assert table.frame.loc[2].tolist() == ["2024-25", "Council", "police", "5"]


def test_semicolon_delimiter_is_detected(tmp_path):
    # themes keep their own `;` when quoted, as Excel writes them
    content = b'case_ref;themes\nR1;"neglect;other"\n'
    table = raw(tmp_path, content, "reviews.csv")
    assert table.source.delimiter == ";"
    assert table.frame.loc[2].tolist() == ["R1", "neglect;other"]


def test_blank_rows_are_dropped_but_row_numbers_kept(tmp_path):
    # rows: 1 header, 2 data, 3 blank line, 4 ",,," (Excel blank), 5 data, then trailing blanks
    body = "\n2024-25,A,police,1\n\n,,,\n2024-25,B,police,2\n,,,\n\n"
    content = (WORKFORCE_HEADER + body).encode()
    table = raw(tmp_path, content)
    assert table.frame.index.tolist() == [2, 5]
    assert table.frame[1].tolist() == ["A", "B"]


def test_quoted_value_with_comma_and_line_break_is_one_row(tmp_path):
    content = b'action_id,description\nA1,"one, two\nthree"\nA2,plain\n'
    table = raw(tmp_path, content, "actions.csv")
    assert table.frame.index.tolist() == [2, 3]
    assert table.frame.loc[2, 1] == "one, two\nthree"


@pytest.mark.parametrize("blank_line", ["", "\n"])
def test_a_very_long_value_is_read_by_either_reader(tmp_path, blank_line):
    # a blank line sends the file to the exact (csv module) reader, else pyarrow reads it
    long = "x" * 200_000
    content = f"action_id,description\nA1,{long}\n{blank_line}A2,short\n".encode()
    table = raw(tmp_path, content, "actions.csv")
    assert table.problems == []
    assert table.frame[1].tolist() == [long, "short"]


def test_spaces_are_trimmed_and_blanks_are_missing(tmp_path):
    content = b" reporting_year , agency ,sector,staff\n 2024-25 ,  , police ,5\n"
    table = raw(tmp_path, content)
    assert table.header == WORKFORCE_HEADER.split(",")
    assert table.frame.loc[2, 0] == "2024-25"
    assert pd.isna(table.frame.loc[2, 1])


def test_header_only_is_a_table_with_no_rows(tmp_path):
    table = raw(tmp_path, (WORKFORCE_HEADER + "\n").encode())
    assert table.problems == [] and len(table.frame) == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"PK\x03\x04rest", "name it workforce.xlsx"),
        (b"\xd0\xcf\x11\xe0rest", "old Excel .xls"),
    ],
)
def test_unreadable_files_become_one_problem(tmp_path, content, says):
    table = raw(tmp_path, content)
    (problem,) = table.problems
    assert problem.file == "workforce.csv" and problem.row is None
    assert says in problem.rule and "expected" in problem.rule


# ---------------------------------------------------------------- Excel workbooks


def test_xlsx_first_sheet_with_excel_row_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["reporting_year", "agency", "sector", "staff"])
    sheet.append(["2024-25", "Council", "local_authority", 500])
    sheet.append([None, None, None, None])  # Excel row 3 left blank
    sheet.append(["2024-25", "Police", "police", 300.0])  # a number Excel stores as float
    other = book.create_sheet("notes")
    other.append(["not", "read"])
    path = tmp_path / "workforce.xlsx"
    book.save(path)
    table = sio.read_raw_table(path, "workforce")
    assert table.source.format == "xlsx"
    assert table.frame.index.tolist() == [2, 4]
    assert table.frame.loc[4].tolist() == ["2024-25", "Police", "police", "300"]


def test_xlsx_date_cells_become_iso_dates(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["record_id", "date"])
    book.active.append(["T1", dt.datetime(2024, 5, 10)])
    path = tmp_path / "training.xlsx"
    book.save(path)
    table = sio.read_raw_table(path, "training")
    assert table.frame.loc[2, 1] == "2024-05-10"


# ---------------------------------------------------------------- workbooks as agencies keep them

WORKFORCE_ROWS = [
    ["reporting_year", "agency", "sector", "staff"],
    ["2024-25", "Council", "local_authority", 500],
    ["2024-25", "Police", "police", 300],
]
OLD_COPY = Sheet("old copy", [WORKFORCE_ROWS[0], ["2019-20", "Council", "local_authority", 1]])


def read_book(tmp_path: Path, data: bytes, name: str = "workforce.xlsx") -> sio.RawTable:
    path = tmp_path / name
    path.write_bytes(data)
    return sio.read_raw_table(path, name.split(".")[0])


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_never_read(tmp_path, state):
    old = Sheet(OLD_COPY.title, OLD_COPY.rows, state=state)
    table = read_book(tmp_path, workbook_bytes(old, Sheet("2024-25", WORKFORCE_ROWS)))
    assert table.problems == []
    assert table.source.sheet == "2024-25"
    assert table.frame.loc[2].tolist() == ["2024-25", "Council", "local_authority", "500"]
    # the hidden sheet holds data: a warning names it, and the sheet that was read
    (warning,) = table.warnings
    assert warning.file == "workforce.xlsx" and warning.row is None
    words = "very hidden" if state == "veryHidden" else "hidden"
    assert f"`old copy` ({words})" in warning.rule
    assert "first visible sheet, `2024-25`" in warning.rule


def test_other_sheets_without_data_are_no_warning(tmp_path):
    blank = Sheet("blank", [[None, " "]], state="hidden")
    table = read_book(tmp_path, workbook_bytes(Sheet("register", WORKFORCE_ROWS), blank))
    assert table.warnings == [] and table.source.sheet == "register"


def test_a_visible_second_sheet_with_data_is_a_warning(tmp_path):
    table = read_book(
        tmp_path, workbook_bytes(Sheet("register", WORKFORCE_ROWS), Sheet("notes", [["x"]]))
    )
    (warning,) = table.warnings
    assert "`notes`" in warning.rule and "(hidden)" not in warning.rule


def test_a_csv_file_names_no_sheet(tmp_path):
    table = raw(tmp_path, (WORKFORCE_HEADER + "\n2024-25,Council,police,5\n").encode())
    assert table.source.sheet == "" and table.warnings == [] and table.percent == {}


@pytest.mark.parametrize(
    ("number_format", "scales"),
    [
        ("0%", True),
        ("0.0%", True),
        ("0.00%;[Red]-0.00%", True),
        ("[Blue]0.0%", True),
        ('0.0"%"', False),  # a literal % sign: 18.6 shows as 18.6%
        ("0.0\\%", False),  # an escaped % sign, the same
        ("General", False),
        ("#,##0.00", False),
        ("[$%-809]0.0", False),  # a currency or locale code in brackets
        ("", False),
        (None, False),
    ],
)
def test_which_number_formats_show_a_percentage(number_format, scales):
    assert sio.shows_percent(number_format) is scales


def test_percent_cells_are_read_as_the_percentage_shown(tmp_path):
    rows = [
        ["indicator_id", "period_end", "value", "target", "england"],
        ["EH02", dt.datetime(2024, 6, 30), 0.186, 0.2, 0.175],
        ["EH02", dt.datetime(2024, 9, 30), 0.19, 0.2, None],
        ["EH01", dt.datetime(2024, 9, 30), 906, 1800, None],
    ]
    formats = {(2, "value"): "0.0%", (2, "target"): "0%", (2, "england"): "0.0%"}
    formats[(3, "value")] = '0.0"%"'  # a literal %: 0.19 shown as 0.2%, not a percentage
    data = workbook_bytes(Sheet("values", rows, formats=formats))
    table = read_book(tmp_path, data, "indicator_values.xlsx")
    # 0.186 shown as 18.6% is 18.6; the target 0.2 shown as 20% is 20 (never 0.186 or 0.2)
    assert table.frame.loc[2].tolist() == ["EH02", "2024-06-30", "18.6", "20", "17.5"]
    assert table.frame.loc[3].tolist()[2] == "0.19"
    assert table.frame.loc[4].tolist()[2:4] == ["906", "1800"]
    # the cells read as percentages, by column position and Excel row, for the checks
    assert table.percent == {2: [2], 3: [2], 4: [2]}


def test_percent_cells_are_found_when_openpyxl_hides_its_styles(tmp_path, monkeypatch):
    """The cell-by-cell path gives the same answer as the one through the style table."""
    rows = [["indicator_id", "value"], ["EH02", 0.186], ["EH01", 906]]
    data = workbook_bytes(Sheet("values", rows, formats={(2, "value"): "0.0%"}))
    fast = read_book(tmp_path, data, "indicator_values.xlsx")
    monkeypatch.setattr(sio, "_percent_styles", lambda book: None)
    slow = read_book(tmp_path, data, "indicator_values.xlsx")
    assert fast.frame.equals(slow.frame) and fast.percent == slow.percent == {1: [2]}


def test_a_workbook_without_percent_formats_takes_the_fast_path(tmp_path, monkeypatch):
    calls = []
    original = sio._sheet_rows
    monkeypatch.setattr(sio, "_sheet_rows", lambda s, p: calls.append(p) or original(s, p))
    read_book(tmp_path, workbook_bytes(Sheet("register", WORKFORCE_ROWS)))
    assert calls == [set()]  # no style shows a percentage: values only


@pytest.mark.parametrize("name", ["workforce.xlsx", "workforce.csv"])
def test_a_password_protected_workbook_is_refused_as_such(tmp_path, name):
    data = encrypted(workbook_bytes(Sheet("register", WORKFORCE_ROWS)))
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # not a zip: an OLE compound file
    assert sio.is_encrypted_workbook(data)
    table = read_book(tmp_path, data, name)
    (problem,) = table.problems
    assert problem.file == name and problem.row is None
    assert "password-protected" in problem.rule and "without the password" in problem.rule


def test_an_old_xls_workbook_named_xlsx_is_refused_as_such(tmp_path):
    # an OLE compound file without the encryption streams: an old .xls, or a damaged one
    table = read_book(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (problem,) = table.problems
    assert "old Excel .xls workbook named .xlsx" in problem.rule
    assert "save it as an .xlsx workbook" in problem.rule


def test_an_unencrypted_workbook_is_not_taken_for_an_encrypted_one():
    assert not sio.is_encrypted_workbook(workbook_bytes(Sheet("register", WORKFORCE_ROWS)))
    assert not sio.is_encrypted_workbook(b"\xd0\xcf\x11\xe0 damaged compound file")


def test_a_workbook_whose_sheet_is_damaged_is_one_problem(tmp_path):
    import zipfile

    data = workbook_bytes(Sheet("register", WORKFORCE_ROWS))
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(io_bytes(data)) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]  # cut off mid-XML
            dst.writestr(item, content)
    table = read_book(tmp_path, damaged.read_bytes())
    (problem,) = table.problems
    assert "workbook cannot be" in problem.rule
    assert "Error" not in problem.rule and "Exception" not in problem.rule


def io_bytes(data: bytes):
    import io

    return io.BytesIO(data)


# ---------------------------------------------------------------- finding files


def test_find_source_refuses_csv_and_xlsx_together(tmp_path):
    (tmp_path / "reviews.csv").write_text("x")
    (tmp_path / "reviews.xlsx").write_text("x")
    path, (problem,) = sio.find_source(tmp_path, "reviews")
    assert path is None and "keep one of them" in problem.rule


def test_find_source_names_a_near_miss(tmp_path):
    (tmp_path / "Reviews.CSV").write_text("x")
    path, (problem,) = sio.find_source(tmp_path, "reviews")
    assert path is None
    assert "found Reviews.CSV: name it reviews.csv" in problem.rule
