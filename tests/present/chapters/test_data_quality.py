"""The data-quality chapter's sections on the hand-made valid tables, in both audiences."""

from __future__ import annotations

from pathlib import Path

from safeguarding_assurance.contract.params import Params, Priority
from safeguarding_assurance.inputs.load import collect_tables
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.present.chapters import data_quality as dq
from tests.support.sections import publish


def run_chapter(tmp_path, audience: str) -> dict[str, str]:
    """Run every data-quality section on the hand-made valid tables; return tables written."""
    valid = Path(__file__).resolve().parents[2] / "data" / "bad_input" / "valid"
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
