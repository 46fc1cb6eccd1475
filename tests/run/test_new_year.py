"""Setting up a new reporting year, in a temporary copy of the repository's parameters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import load_params
from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.run.new_year import (
    COMMITTEE_TEMPLATE_FILES,
    TEMPLATE_FILES,
    latest_params_file,
    new_year,
    new_year_params_text,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path) -> Path:
    """A temporary repository holding a copy of params/, with 2024-25 marked final."""
    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'copy'\n", encoding="utf-8")
    shutil.copytree(REPO / "params", root / "params")
    latest = root / "params" / "2024-25.yaml"
    text = latest.read_text(encoding="utf-8").replace("status: draft", "status: final")
    latest.write_text(text + 'content_dir: "words/2024-25"\n', encoding="utf-8")
    # an older year with another name, to check the latest is the one copied
    older = root / "params" / "2023-24.yaml"
    older.write_text(
        older.read_text(encoding="utf-8").replace(
            "Northbrook Children's Safeguarding Partnership", "Old name"
        ),
        encoding="utf-8",
    )
    (root / "params" / "notes.yaml").write_text("not: a year\n", encoding="utf-8")
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def test_latest_params_file_skips_names_that_are_not_years(root):
    assert latest_params_file(root) == root / "params" / "2024-25.yaml"


def test_latest_params_file_without_any_is_an_error(tmp_path):
    (tmp_path / "params").mkdir()
    with pytest.raises(ParameterError, match="no parameters files"):
        latest_params_file(tmp_path)


def test_new_year_writes_params_derived_from_the_latest(root):
    written = new_year("2025-26", root)
    target = root / "params" / "2025-26.yaml"
    assert written[0] == target
    p = load_params(target)  # valid
    latest = load_params(root / "params" / "2024-25.yaml")
    assert p.reporting_year == "2025-26"
    assert p.status == "draft"  # the latest was final
    assert p.data_as_at is None  # no stale extraction date
    assert p.content_dir is None  # back to the default content/2025-26
    assert p.content_path == root / "content" / "2025-26"
    # everything else comes from the latest year, not the older one
    assert p.partnership_name == latest.partnership_name
    assert p.priorities == latest.priorities
    assert p.data_dir == latest.data_dir
    assert p.audience == latest.audience
    assert p.suppression_threshold == latest.suppression_threshold
    text = target.read_text(encoding="utf-8")
    assert "2024-25" not in text
    assert "data_as_at" not in text


def test_new_year_writes_the_six_content_templates(root):
    written = new_year("2025-26", root)
    folder = root / "content" / "2025-26"
    names = ["foreword.md", "learning.md", "voice.md", "governance.md", "scrutiny.md"]
    names.append("next_year.md")
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names, "committee"])
    assert TEMPLATE_FILES == tuple(names)
    written_names = (*TEMPLATE_FILES, *COMMITTEE_TEMPLATE_FILES)
    assert sorted(written[1:]) == sorted(folder / n for n in written_names)
    # the templates are the package's own
    package_templates = REPO / "src" / "safeguarding_assurance" / "report" / "content_templates"
    for name in names:
        assert (folder / name).read_bytes() == (package_templates / name).read_bytes()


def test_new_year_writes_a_blank_page_for_each_section_of_the_cover_report(root):
    new_year("2025-26", root)
    folder = root / "content" / "2025-26" / "committee"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            "background.md",
            "background_documents.md",
            "consultation.md",
            "council_plan.md",
            "equality.md",
            "executive_summary.md",
            "financial.md",
            "highlights.md",
            "legal.md",
            "other_implications.md",
            "risks.md",
        ]
    )


def test_new_year_drops_the_last_meeting_date_and_keeps_the_committee(root):
    new_year("2025-26", root)
    p = load_params(root / "params" / "2025-26.yaml")
    latest = load_params(root / "params" / "2024-25.yaml")
    assert latest.committee.meeting_date is not None
    assert p.committee.meeting_date is None
    assert p.committee.board == latest.committee.board
    assert p.committee.appendices[0].endswith("annual report 2025-26")


def test_new_year_refuses_to_overwrite_a_parameters_file(root):
    target = root / "params" / "2025-26.yaml"
    target.write_text("# my own edits\n", encoding="utf-8")
    before = _snapshot(root)
    with pytest.raises(ParameterError, match="already exists"):
        new_year("2025-26", root)
    assert _snapshot(root) == before
    assert not (root / "content" / "2025-26").exists()


def test_new_year_twice_is_refused_the_second_time(root):
    new_year("2025-26", root)
    before = _snapshot(root)
    with pytest.raises(ParameterError):
        new_year("2025-26", root)
    assert _snapshot(root) == before


def test_new_year_keeps_words_already_written(root):
    folder = root / "content" / "2025-26"
    folder.mkdir(parents=True)
    (folder / "foreword.md").write_text("Our own foreword.\n", encoding="utf-8")
    written = new_year("2025-26", root)
    assert (folder / "foreword.md").read_text(encoding="utf-8") == "Our own foreword.\n"
    assert folder / "foreword.md" not in written
    assert (folder / "voice.md").is_file()


@pytest.mark.parametrize("label", ["bad", "2025-27", "25-26", "2025/26", "2025-2026", ""])
def test_bad_year_label_is_a_parameter_error_and_leaves_nothing(root, label):
    before, dirs = _snapshot(root), _folders(root)
    with pytest.raises(ParameterError, match="YYYY-YY"):
        new_year(label, root)
    assert _snapshot(root) == before
    assert _folders(root) == dirs


def test_new_year_params_text_keeps_comments_and_sets_draft():
    from safeguarding_assurance.contract.params import ReportingYear

    text = (
        "# Parameters for the 2024-25 report\n"
        'reporting_year: "2024-25"\n'
        'data_as_at: "2025-06-02"\n'
        "status: final  # signed off\n"
        "trend_years: 4\n"
    )
    out = new_year_params_text(text, ReportingYear.parse("2024-25"), ReportingYear.parse("2025-26"))
    assert out == (
        "# Parameters for the 2025-26 report\n"
        'reporting_year: "2025-26"\n'
        "status: draft\n"
        "trend_years: 4\n"
    )


def test_new_year_adds_draft_status_when_the_latest_has_none(root):
    latest = root / "params" / "2024-25.yaml"
    text = latest.read_text(encoding="utf-8").replace("status: final\n", "")
    latest.write_text(text, encoding="utf-8")
    new_year("2025-26", root)
    assert load_params(root / "params" / "2025-26.yaml").status == "draft"


def test_new_year_from_a_file_without_a_final_newline_or_status(root):
    # status is optional (default draft) and a final newline is not required
    latest = root / "params" / "2024-25.yaml"
    lines = [
        line
        for line in latest.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("status:", "content_dir:", "data_as_at:"))
    ]
    latest.write_text("\n".join(lines), encoding="utf-8")
    assert load_params(latest).status == "draft"  # the latest file itself is valid
    new_year("2025-26", root)
    assert load_params(root / "params" / "2025-26.yaml").status == "draft"
