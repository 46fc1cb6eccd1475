"""The accessible spreadsheet, read back with openpyxl."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from safeguarding_assurance.report.run_folder import read_run_folder
from safeguarding_assurance.report.spreadsheet import Cell, cell_value, write_spreadsheet
from tests.support.run_folders import CASE_REFS, committee_params, make_run_folder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", Cell(12, "#,##0")),
        ("1,234", Cell(1234, "#,##0")),
        ("13179", Cell(13179, "#,##0")),
        ("-3", Cell(-3, "#,##0")),
        ("12.5", Cell(12.5, "#,##0.0")),
        ("0.77", Cell(0.77, "#,##0.00")),
        ("12.5%", Cell(0.125, "#,##0.0%")),
        ("66.7%", Cell(0.667, "#,##0.0%")),
        ("100%", Cell(1, "#,##0%")),
        ("'+0.77", Cell(0.77, "+#,##0.00;-#,##0.00;#,##0.00")),
        ("[c]", Cell("[c]")),
        ("4 [r]", Cell("4 [r]")),
        ("2024-25", Cell("2024-25")),
        ("2024-04-25", Cell("2024-04-25")),
        ("'=SUM(A1:A2)", Cell("'=SUM(A1:A2)")),
        ("1.2.3", Cell("1.2.3")),
        ("12,34", Cell("12,34")),
        ("Neglect", Cell("Neglect")),
    ],
)
def test_cell_values_are_numbers_where_they_are_numbers(text, expected):
    assert cell_value(text) == expected


def test_a_year_column_has_no_thousands_separator():
    assert cell_value("2021", year_column=True) == Cell(2021, "0")


@pytest.fixture
def workbooks(tmp_path):
    out = {}
    for audience in ("public", "internal"):
        run = make_run_folder(tmp_path / audience, audience)
        params = committee_params(tmp_path, {"author": "Business Manager"})
        path = write_spreadsheet(read_run_folder(run), params, run)
        assert path == run / "tables.xlsx"
        out[audience] = (run, load_workbook(path))
    return out


def test_sheets_are_cover_contents_notes_then_one_per_table(workbooks):
    run, wb = workbooks["public"]
    tables = sorted(p.stem for p in (run / "tables").glob("*.csv"))
    assert wb.sheetnames == ["Cover", "Contents", "Notes"] + [
        f"Table_{i}" for i in range(1, len(tables) + 1)
    ]
    published = [wb[f"Table_{i}"]["A3"].value for i in range(1, len(tables) + 1)]
    assert published == [f"Published as tables/{name}.csv." for name in tables]


def test_cover_sheet_says_what_and_whose(workbooks):
    _, wb = workbooks["internal"]
    text = [c.value for c in wb["Cover"]["A"] if c.value]
    assert text[0] == "Northbrook Partnership: data tables for the annual report 2024-25"
    assert "Partnership: Northbrook Partnership" in text
    assert "Reporting year: 2024-25 (1 April 2024 to 31 March 2025)" in text
    assert any(t.startswith("Audience: internal. OFFICIAL-SENSITIVE") for t in text)
    assert "Data as at: 2 June 2025" in text
    assert "Business Manager" in text


def test_each_table_has_a_title_source_and_units(workbooks):
    _, wb = workbooks["public"]
    ws = wb["Table_3"]  # in name order: executive_summary, pri_indicators_neglect, rev_by_theme
    column_a = [c.value for c in ws["A"] if c.value]
    assert column_a[0] == "Reviews by theme, 2021-22 to 2024-25"
    assert column_a[1].startswith("Units: ")
    assert column_a[2] == "Published as tables/rev_by_theme.csv."
    assert (
        column_a[3]
        == "Note: [c]: suppressed to protect the children concerned (a count from 1 to 5)."
    )
    assert any(str(v).startswith("Source: Northbrook Partnership") for v in column_a)
    assert ws.merged_cells.ranges == set() or not ws.merged_cells.ranges
    assert list(ws.tables) == ["table_3_rev_by_theme"]


def test_notes_sheet_explains_each_shorthand_used(workbooks):
    _, wb = workbooks["public"]
    rows = [[c.value for c in row] for row in wb["Notes"].iter_rows() if row[0].value]
    assert rows[2] == ["Shorthand", "Meaning", "Sheets where used"]
    notes = {r[0]: (r[1], r[2]) for r in rows[3:]}
    assert set(notes) == {"[c]", "[x]"}  # the public tables use these two and no other
    assert notes["[c]"][0].startswith("Confidential: hidden to protect the children concerned")
    assert "1 to 5" in notes["[c]"][0]
    assert notes["[c]"][1] == "Table_3"
    assert notes["[x]"][1] == "Table_2"


def test_numbers_are_stored_as_numbers_and_shorthand_as_text(workbooks):
    _, wb = workbooks["public"]
    ws = wb["Table_1"]  # executive_summary
    rows = {r[1].value: r for r in ws.iter_rows() if len(r) > 2 and r[1].value}
    notified = rows["Serious incidents notified to the National Panel"]
    assert (notified[2].value, notified[3].value) == (6, 4)  # last year, this year
    assert notified[2].data_type == "n"
    on_time = rows["Notified within timescale (%)"]  # the measure says it is a percentage
    assert on_time[3].value == pytest.approx(75.0) and on_time[3].data_type == "n"
    completions = rows["Training completions"]
    assert (completions[2].value, completions[3].value) == (2101, 2345)
    change = rows["Mean change in confidence (points on a 1 to 5 scale)"]
    assert change[3].value == pytest.approx(0.42)
    themes = wb["Table_3"]
    cells = {r[0].value: r for r in themes.iter_rows() if r[0].value}
    assert cells["Neglect"][1].value == 9 and cells["Neglect"][2].value == pytest.approx(60.0)
    assert cells["Information sharing"][1].value == "[c]"
    assert cells["Information sharing"][1].data_type == "s"


def test_a_cell_without_a_letter_or_digit_is_written_in_words(workbooks):
    _, wb = workbooks["public"]
    units = [
        r[1].value
        for r in wb["Table_2"].iter_rows()
        if r[0].value == "Re-referrals within 12 months"
    ]
    assert units == ["per cent"]


def test_public_workbook_holds_exactly_the_published_tables(workbooks):
    run, wb = workbooks["public"]
    names = {wb[s]["A3"].value for s in wb.sheetnames if s.startswith("Table_")}
    assert names == {f"Published as tables/{p.stem}.csv." for p in (run / "tables").glob("*.csv")}
    internal_run, internal = workbooks["internal"]
    assert len(internal.sheetnames) == 3 + len(list((internal_run / "tables").glob("*.csv")))
    # the internal workbook is the internal run's tables, case list included (as published)
    text = " ".join(str(c.value) for ws in internal for row in ws.iter_rows() for c in row)
    assert CASE_REFS[0] in text
    public_text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)
    assert not any(ref in public_text for ref in CASE_REFS)
