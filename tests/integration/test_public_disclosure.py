"""The public outputs never show a suppressed value or a case reference; the summary is early."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = pytest.mark.integration

CASE_REF = re.compile(r"\bNB-\d{4}-\d{2}\b")


def _texts(folder: Path) -> dict[str, str]:
    texts = {
        "report.html": (folder / "report.html").read_text(encoding="utf-8"),
        "facts.json": (folder / "facts.json").read_text(encoding="utf-8"),
    }
    texts["report.pdf"] = "\n".join(
        p.extract_text() for p in PdfReader(folder / "report.pdf").pages
    )
    for p in sorted((folder / "tables").glob("*.csv")) + sorted((folder / "notebooks").glob("*")):
        texts[p.relative_to(folder).as_posix()] = p.read_text(encoding="utf-8-sig")
    # the committee papers (issue 16): the cover report and the spreadsheet
    texts["committee/cover-report.html"] = (folder / "committee" / "cover-report.html").read_text(
        encoding="utf-8"
    )
    document = docx.Document(str(folder / "committee" / "cover-report.docx"))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    texts["committee/cover-report.docx"] = "\n".join([p.text for p in document.paragraphs] + cells)
    workbook = load_workbook(folder / "tables.xlsx")
    texts["tables.xlsx"] = "\n".join(
        str(c.value)
        for ws in workbook
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    )
    return texts


def test_no_case_reference_anywhere_in_public_output(rendered_reports):
    for name, text in _texts(rendered_reports["public"]).items():
        assert not CASE_REF.search(text), f"case reference in public {name}"


def test_internal_output_does_show_case_level_detail(rendered_reports):
    # the same check finds what it looks for: the internal report lists pending reviews
    texts = _texts(rendered_reports["internal"])
    assert any(CASE_REF.search(t) for t in texts.values())


def test_public_review_breakdowns_show_no_count_from_1_to_threshold(rendered_reports):
    tables = rendered_reports["public"] / "tables"
    breakdowns = [
        p
        for p in tables.glob("rev_*.csv")
        if any(k in p.stem for k in ("incident", "age", "sex", "ethnic", "theme"))
    ]
    assert breakdowns, "the public report has pooled breakdowns of reviews"
    for path in breakdowns:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            for header, cell in zip(rows[0], row[1:], strict=False):
                if "%" in header:
                    continue
                assert not re.fullmatch(r"[1-5]", cell.strip()), (path.name, row)


def test_headline_totals_are_shown_in_full_in_both(rendered_reports):
    for audience in ("public", "internal"):
        facts = json.loads((rendered_reports[audience] / "facts.json").read_text())
        assert facts["reviews"]["notifications"] == 3


def test_at_a_glance_then_headline_figures_open_the_report(rendered_reports):
    folder = rendered_reports["public"]
    reader = PdfReader(folder / "report.pdf")
    texts = [p.extract_text() for p in reader.pages]
    assert "At a glance" in texts[1] and "Key messages" in texts[1]  # page 2, after the cover
    # the headline figures' page has its heading and its table (the contents page only
    # the heading)
    page = next(
        i for i, t in enumerate(texts, start=1) if "Headline figures" in t and "Last year" in t
    )
    assert page <= 5
    summary_text = " ".join(texts[page - 1 : page + 1])
    facts = json.loads((folder / "facts.json").read_text())
    for key in ("completions", "unique_learners", "e_learning_completions"):
        assert f"{facts['training'][key]:,}" in summary_text, key
    assert f"{facts['training']['reach_pct']:.1f}" in summary_text
    assert f"{facts['reviews']['notified_within_timescale_pct']:.1f}" in summary_text
