"""The data-quality chapter's sections on the hand-made valid tables, in both audiences."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import Params, Priority
from safeguarding_assurance.inputs.load import collect_tables
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.present.chapters import data_quality as dq
from tests.support.sections import publish

VALID = Path(__file__).resolve().parents[2] / "data" / "bad_input" / "valid"


def run_chapter(tmp_path, audience: str, valid: Path = VALID) -> dict[str, str]:
    """Run every data-quality section on the hand-made valid tables; return tables written."""
    params = Params(
        reporting_year="2024-25",
        partnership_name="Test",
        data_dir=str(valid),
        audience=audience,
        data_as_at="2025-06-02",
        root=tmp_path,
        priorities=(
            Priority("early_help", "a"),
            Priority("neglect", "b"),
            Priority("harm_outside_home", "c"),
        ),
    )
    tables, errors = collect_tables(params)
    assert errors == []
    chapter = Chapter(params, OutputLayout(tmp_path / "outputs"))
    sections = (dq.show_files, dq.show_rows_per_year, dq.show_completeness, dq.show_warnings)
    publish([show(chapter, tables) for show in sections], tmp_path / audience)
    folder = tmp_path / audience / "tables"
    return {p.stem: p.read_text(encoding="utf-8-sig") for p in folder.glob("*.csv")}


def test_public_chapter_is_a_summary_without_case_references(tmp_path):
    written = run_chapter(tmp_path, "public")
    assert set(written) == {"dq_files", "dq_rows_per_year", "dq_completeness", "dq_warning_counts"}
    # R-03 (notified 5 March 2025) is still pending on 2 June 2025: one warning, counted
    assert "review pending beyond the rapid review timescale,1" in written["dq_warning_counts"]
    assert not any("R-0" in text for text in written.values())
    assert "ethnicity" not in written["dq_completeness"]


def test_internal_chapter_lists_each_warning_with_its_row(tmp_path):
    written = run_chapter(tmp_path, "internal")
    assert "dq_warnings" in written
    # reviews.csv row 4 holds R-03
    assert "reviews.csv,4,decision,R-03" in written["dq_warnings"]
    assert "ethnicity recorded" in written["dq_completeness"]


def test_files_read_from_csv_only_show_no_sheet_column(tmp_path):
    written = run_chapter(tmp_path, "public")
    assert written["dq_files"].splitlines()[0] == "File,Format,Rows"


def workbook_data(tmp_path: Path) -> Path:
    """The valid tables, with workforce kept as a workbook whose first sheet is a hidden copy."""
    import shutil

    from tests.support.workbooks import Sheet, workbook_bytes

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    rows = [line.split(",") for line in (VALID / "workforce.csv").read_text().splitlines()]
    (data / "workforce.csv").unlink()
    old = Sheet("copy 2019", rows[:2], state="hidden")
    (data / "workforce.xlsx").write_bytes(workbook_bytes(old, Sheet("Staff", rows)))
    return data


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_sheet_read_is_named_when_a_workbook_was_read(tmp_path, audience):
    written = run_chapter(tmp_path, audience, workbook_data(tmp_path))
    lines = written["dq_files"].splitlines()
    assert lines[0].startswith("File,Format,Rows,Sheet read")
    assert any(line.startswith("workforce.xlsx,Excel workbook,3,Staff") for line in lines)
    assert any(line.startswith("actions.csv,CSV,") and ",[z]" in line for line in lines)
    # the hidden copy that holds data is a warning: counted in public, in full internally
    if audience == "public":
        assert "workbook with data on sheets that were not read,1" in written["dq_warning_counts"]
    else:
        assert "`copy 2019` (hidden)" in written["dq_warnings"]


def test_the_chapter_says_which_registers_were_not_supplied(tmp_path):
    import shutil

    valid = Path(__file__).resolve().parents[2] / "data" / "bad_input" / "valid"
    data = tmp_path / "data"
    shutil.copytree(valid, data)
    (data / "funding.csv").unlink()
    (data / "feedback.csv").unlink()
    params = Params(
        reporting_year="2024-25",
        partnership_name="Test",
        data_dir=str(data),
        audience="public",
        data_as_at="2025-06-02",
        root=tmp_path,
        priorities=(
            Priority("early_help", "a"),
            Priority("neglect", "b"),
            Priority("harm_outside_home", "c"),
        ),
    )
    tables, errors = collect_tables(params)
    assert errors == [] and tables.not_supplied == ["funding", "feedback"]
    chapter = Chapter(params, OutputLayout(tmp_path / "outputs"))
    seen = publish([dq.show_files(chapter, tables)], tmp_path / "out")
    assert (
        "The optional registers were not supplied: funding.csv and feedback.csv. Their "
        "chapters are left out of this report." in seen.texts
    )
    # the files table lists only what was read
    files = (tmp_path / "out" / "tables" / "dq_files.csv").read_text(encoding="utf-8-sig")
    assert "funding.csv" not in files and "audits.csv" in files


def test_describe_registers():
    assert dq.describe_registers(["audits"], {}) == (
        "The optional register was not supplied: audits.csv. Its chapter is left out of "
        "this report."
    )
    assert dq.describe_registers([], {"audits": object()}).startswith("Every optional register")
    assert dq.describe_registers([], {}) == ""
