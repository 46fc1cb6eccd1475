"""A published run folder read back: facts, tables, and the captions, notes and alt texts."""

from __future__ import annotations

import pytest

from safeguarding_assurance.report.run_folder import RunFolderError, read_run_folder
from tests.support.run_folders import make_run_folder


def test_tables_come_with_the_reports_captions_and_notes(tmp_path):
    run = read_run_folder(make_run_folder(tmp_path / "run"))
    assert run.audience == "public" and run.year == "2024-25"
    assert sorted(run.tables) == [
        "executive_summary",
        "pri_indicators_neglect",
        "rev_by_theme",
        "rev_trend",
    ]
    themes = run.table("rev_by_theme")
    assert themes.caption == "Reviews by theme, 2021-22 to 2024-25"
    assert themes.note.startswith("[c]: suppressed to protect the children concerned")
    assert themes.column("Theme") == [
        "Neglect",
        "Information sharing",
        "Voice of the child",
        "Other",
    ]
    # the executive summary is split into several tables in the report: its own caption
    assert run.table("executive_summary").caption == "Headline figures, this year and last year"
    assert run.table("rev_trend").note == ""  # a note belongs to its own table only
    assert run.alt_texts["pri_actions_by_priority"].startswith("Bar chart of actions completed")
    assert run.table("no_such_table") is None


def test_a_table_the_report_does_not_caption_is_named_from_its_file(tmp_path):
    folder = make_run_folder(tmp_path / "run")
    (folder / "tables" / "trn_by_agency.csv").write_text("Agency,Count\nA,1\n", encoding="utf-8")
    assert read_run_folder(folder).table("trn_by_agency").caption == "Trn by agency"


def test_a_folder_without_facts_is_not_a_run(tmp_path):
    with pytest.raises(RunFolderError, match=r"facts\.json is missing") as info:
        read_run_folder(tmp_path)
    assert info.value.exit_status == 2


def test_damaged_facts_are_an_error_not_a_traceback(tmp_path):
    (tmp_path / "facts.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RunFolderError, match="cannot be read"):
        read_run_folder(tmp_path)
