"""The rendered demo report, both audiences: accessible HTML, tagged PDF, and axe-core's scan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.report_checks import (
    DESKTOP_WIDTH,
    REFLOW_WIDTH,
    check_html,
    check_pdf,
    describe_violations,
    run_axe,
)

pytestmark = pytest.mark.integration

AUDIENCES = ["public", "internal"]
MARKINGS = {"public": None, "internal": "OFFICIAL-SENSITIVE"}
AXE_SKIPPED = "axe-core/Chromium not installed: accessibility scan skipped"


def is_draft(folder: Path) -> bool:
    """Whether the run was a draft, as its manifest records (the demo parameters are drafts)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    status = manifest["parameters"]["status"]
    assert status in {"draft", "final"}, status
    return status == "draft"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_report_html_passes_the_checks(rendered_reports, audience):
    markup = (rendered_reports[audience] / "report.html").read_text(encoding="utf-8")
    faults = check_html(markup)
    assert not faults, f"{audience} report.html:\n" + "\n".join(faults)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_report_pdf_passes_the_checks(rendered_reports, audience):
    folder = rendered_reports[audience]
    faults = check_pdf(folder / "report.pdf", marking=MARKINGS[audience], draft=is_draft(folder))
    assert not faults, f"{audience} report.pdf:\n" + "\n".join(faults)


def test_demo_run_is_a_draft(rendered_reports):
    # the PDF test asks for DRAFT on every page only because of this
    assert all(is_draft(folder) for folder in rendered_reports.values())


# the desktop window, and the 320px window at which WCAG judges reflow (a phone, or 400% zoom)
@pytest.mark.parametrize("width", [DESKTOP_WIDTH, REFLOW_WIDTH])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_axe_core_finds_no_violation(rendered_reports, audience, width):
    violations = run_axe(rendered_reports[audience] / "report.html", width=width)
    if violations is None:
        pytest.skip(AXE_SKIPPED)
    details = []
    for line, v in zip(describe_violations(violations), violations, strict=True):
        node = (v.get("nodes") or [{}])[0]
        details.append(f"{line}\n    {node.get('html', '')[:200]}\n    {v.get('helpUrl', '')}")
    assert not violations, f"{audience} report.html at {width}px, axe-core:\n" + "\n".join(details)
