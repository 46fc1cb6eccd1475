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
