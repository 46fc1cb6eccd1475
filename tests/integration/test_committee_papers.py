"""The scrutiny board's papers of the real demo run, read back as their readers would."""

from __future__ import annotations

import csv
import json
import re
import shutil

import docx
import pytest
from openpyxl import load_workbook

from safeguarding_assurance.contract.params import load_params
from safeguarding_assurance.report.own_words import format_fact
from tests.conftest import run_cli
from tests.support.report_checks import (
    DESKTOP_WIDTH,
    REFLOW_WIDTH,
    check_html,
    describe_violations,
    run_axe,
)

pytestmark = pytest.mark.integration


def _document(folder):
    return docx.Document(str(folder / "committee" / "cover-report.docx"))


def _rows(table) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in r.cells) for r in table.rows]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_both_papers_are_written_and_listed_in_the_manifest(rendered_reports, audience):
    folder = rendered_reports[audience]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name in ("committee/cover-report.docx", "committee/cover-report.html", "tables.xlsx"):
        assert (folder / name).is_file()
        assert name in manifest["outputs"]


def test_cover_report_header_comes_from_the_parameters_file(rendered_reports, demo_run):
    params = load_params(demo_run["repo"] / "params" / "2024-25.yaml")
    values = dict(_rows(_document(rendered_reports["public"]).tables[0])[1:])
    assert values["Scrutiny board"] == params.committee.board
    assert values["Date of meeting"] == "12 January 2026"
    assert values["Lead officers"].split("\n") == list(params.committee.lead_officers)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_cover_report_figures_are_the_runs_facts(rendered_reports, audience):
    folder = rendered_reports[audience]
    facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    document = _document(folder)
    reviews = next(t for t in document.tables if t.rows[0].cells[0].text == "Reporting year")
    this_year = _rows(reviews)[-1]
    assert this_year == (
        "2024-25",
        str(facts["reviews"]["notifications"]),
        str(facts["reviews"]["rapid_reviews_completed"]),
        str(facts["reviews"]["lcspr_decisions"]),
    )
    priorities = next(t for t in document.tables if t.rows[0].cells[0].text == "Priority")
    for row, block in zip(_rows(priorities)[1:], facts["priorities"].values(), strict=True):
        assert row[1] == format_fact("n", block["actions_in_scope"])
        assert row[2] == (
            f"{block['actions_completed']} ({format_fact('_pct', block['actions_completed_pct'])})"
        )
        assert row[3] == str(block["actions_overdue"])
    text = "\n".join(p.text for p in document.paragraphs)
    training = facts["training"]
    assert f"completed {training['completions']:,} courses and modules" in text
    assert f"reached {training['reach_pct']:.1f}% of staff in scope" in text


def test_public_cover_report_themes_are_the_disclosed_table(rendered_reports):
    folder = rendered_reports["public"]
    themes = next(t for t in _document(folder).tables if t.rows[0].cells[0].text == "Theme")
    with open(folder / "tables" / "rev_by_theme.csv", newline="", encoding="utf-8-sig") as f:
        published = [tuple(r) for r in csv.reader(f)]
    assert _rows(themes) == published
    text = "\n".join(c for row in _rows(themes) for c in row)
    assert "[c]" in text


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_case_reference_in_either_cover_report(rendered_reports, audience):
    folder = rendered_reports[audience]
    document = _document(folder)
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    text += (folder / "committee" / "cover-report.html").read_text(encoding="utf-8")
    assert not re.search(r"\bNB-\d{4}-\d{2}\b", text)


def test_markings(rendered_reports):
    for audience, wanted in (("public", {"DRAFT"}), ("internal", {"DRAFT", "OFFICIAL-SENSITIVE"})):
        section = _document(rendered_reports[audience]).sections[0]
        head = section.header.paragraphs[0].text
        foot = section.footer.paragraphs[0].text
        for mark in ("DRAFT", "OFFICIAL-SENSITIVE"):
            assert (mark in head) is (mark in wanted), (audience, mark)
            assert (mark in foot) is (mark in wanted), (audience, mark)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_spreadsheet_holds_every_published_table_with_numbers_as_numbers(
    rendered_reports, audience
):
    folder = rendered_reports[audience]
    workbook = load_workbook(folder / "tables.xlsx")
    csvs = sorted((folder / "tables").glob("*.csv"))
    assert workbook.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    assert len(workbook.sheetnames) == 3 + len(csvs)
    numbers = 0
    for i, path in enumerate(csvs, start=1):
        ws = workbook[f"Table_{i}"]
        assert ws["A3"].value == f"Published as tables/{path.name}."
        assert not ws.merged_cells.ranges
        numbers += sum(1 for row in ws.iter_rows() for c in row if isinstance(c.value, int | float))
    assert numbers > 500
    summary = workbook["Table_" + str(1 + [p.stem for p in csvs].index("executive_summary"))]
    facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    header = next(r for r in summary.iter_rows(values_only=True) if r[:2] == ("Area", "Measure"))
    this_year = header.index("This year")
    cells = {r[1].value: r[this_year].value for r in summary.iter_rows() if len(r) > this_year}
    assert cells["Training completions"] == facts["training"]["completions"]
    # the measure's label says it is a percentage; the cell holds the number shown
    assert cells["Reach: learners as a share of staff in scope (%)"] == pytest.approx(
        round(facts["training"]["reach_pct"], 1)
    )


def test_pack_rewrites_the_papers_of_the_run_without_running_it(
    demo_run, rendered_reports, tmp_path
):
    out = tmp_path / "out"
    shutil.copytree(rendered_reports["public"], out / "2024-25" / "public")
    (out / "2024-25" / "public" / "tables.xlsx").unlink()
    proc = run_cli("pack", "--year", "2024-25", "--output-root", str(out), cwd=demo_run["repo"])
    assert proc.returncode == 0, proc.stderr
    assert (out / "2024-25" / "public" / "tables.xlsx").is_file()
    assert "notebook" not in proc.stdout + proc.stderr
    missing = run_cli(
        "pack", "--year", "2024-25", "--audience", "internal", "--output-root", str(out),
        cwd=demo_run["repo"],
    )  # fmt: skip
    assert missing.returncode == 2
    assert "no run of 2024-25 for the internal audience" in missing.stderr


def test_final_run_without_the_committee_words_stops_before_any_notebook(demo_run, tmp_path):
    repo = demo_run["repo"]
    words = tmp_path / "words"
    shutil.copytree(repo / "content" / "2024-25", words)
    (words / "committee" / "risks.md").unlink()
    params = (repo / "params" / "2024-25.yaml").read_text(encoding="utf-8")
    params = params.replace("status: draft", "status: final") + f'content_dir: "{words}"\n'
    pfile = tmp_path / "2024-25.yaml"
    pfile.write_text(params, encoding="utf-8")
    proc = run_cli("validate", str(pfile), "--output-root", str(tmp_path / "o"), cwd=repo)
    assert proc.returncode == 2
    assert "committee/risks.md" in proc.stderr and "missing or empty" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_cover_report_html_passes_the_report_checks(rendered_reports, audience):
    markup = (rendered_reports[audience] / "committee" / "cover-report.html").read_text("utf-8")
    assert check_html(markup) == []


@pytest.mark.parametrize("width", [DESKTOP_WIDTH, REFLOW_WIDTH])
def test_axe_core_finds_no_violation_in_the_cover_report(rendered_reports, width):
    violations = run_axe(
        rendered_reports["internal"] / "committee" / "cover-report.html", width=width
    )
    if violations is None:
        pytest.skip("axe-core/Chromium not installed: accessibility scan skipped")
    assert not violations, "\n".join(describe_violations(violations))
