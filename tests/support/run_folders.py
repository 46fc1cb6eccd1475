"""A published run folder made by hand, for testing the committee papers without a run.

The figures are invented and chosen to be distinct from one another, so a test that
finds a number in the cover report knows which fact it came from. The internal folder
carries a table with case references (as the real internal run does), which no
committee paper may show.
"""

from __future__ import annotations

import base64
import csv
import json
from pathlib import Path
from typing import Any

from safeguarding_assurance.contract.params import Params, validate_values

PRIORITIES = [
    {"id": "early_help", "name": "Early help"},
    {"id": "neglect", "name": "Neglect"},
]
CASE_REFS = ("NB-2024-07", "NB-2024-11")

# a 1x1 PNG: enough for a picture in a Word file
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def facts(audience: str = "public", **blocks: Any) -> dict[str, Any]:
    """A facts document with hand-picked figures; ``blocks`` adds or replaces blocks."""
    out: dict[str, Any] = {
        "reporting_year": "2024-25",
        "audience": audience,
        "reviews": {
            "notifications": 4,
            "rapid_reviews_completed": 3,
            "lcspr_decisions": 2,
            "notified_within_timescale_pct": 75.0,
            "rapid_review_within_timescale_pct": 66.7,
            "lcsprs_published": 1,
            "lcsprs_published_within_timescale_pct": 100.0,
            "recommendations_open": 12,
            "recommendations_overdue": 7,
        },
        "training": {
            "completions": 2345,
            "unique_learners": 1234,
            "e_learning_completions": 999,
            "did_not_attend_pct": 8.5,
            "mean_confidence_change": 0.42,
            "reach_pct": 41.2,
            "gcp2_practitioners_trained": 88,
        },
        "priorities": {
            "early_help": {
                "actions_in_scope": 10,
                "actions_completed": 6,
                "actions_overdue": 3,
                "actions_completed_pct": 60.0,
                "indicators_improved": 2,
                "indicators_declined": 1,
                "indicators_target_met": 1,
            },
            "neglect": {
                "actions_in_scope": 8,
                "actions_completed": 2,
                "actions_overdue": 5,
                "actions_completed_pct": 25.0,
                "indicators_improved": 0,
                "indicators_declined": 2,
                "indicators_target_met": 0,
            },
        },
    }
    out.update(blocks)
    return out


SUMMARY = [
    ["Area", "Measure", "Last year", "This year", "Compared with last year"],
    [
        "Learning from serious incidents",
        "Serious incidents notified to the National Panel",
        "6",
        "4",
        "Not judged",
    ],
    ["Learning from serious incidents", "Notified within timescale (%)", "83.3", "75.0", "Worse"],
    [
        "Learning from serious incidents",
        "Rapid reviews within timescale (%)",
        "50.0",
        "66.7",
        "Better",
    ],
    ["Training", "Training completions", "2101", "2345", "Better"],
    ["Training", "Reach: learners as a share of staff in scope (%)", "39.9", "41.2", "Better"],
    [
        "Training",
        "Mean change in confidence (points on a 1 to 5 scale)",
        "0.4",
        "0.42",
        "Better",
    ],
]
TREND = [
    [
        "Reporting year",
        "Notifications",
        "Rapid reviews completed",
        "Decisions to hold an LCSPR",
        "LCSPRs published",
    ],
    ["2022-23", "5", "5", "1", "2"],
    ["2023-24", "6", "6", "3", "1"],
    ["2024-25", "4", "3", "2", "1"],
]
THEMES_PUBLIC = [
    ["Theme", "Reviews, 2021-22 to 2024-25", "% of reviews, 2021-22 to 2024-25"],
    ["Neglect", "9", "60.0"],
    ["Information sharing", "[c]", "[c]"],
    ["Voice of the child", "[c]", "[c]"],
    ["Other", "0", "0.0"],
]
THEMES_INTERNAL = [
    [
        "Theme",
        "Reviews, 2024-25",
        "Reviews, 2021-22 to 2024-25",
        "% of reviews, 2021-22 to 2024-25",
    ],
    ["Neglect", "2", "9", "60.0"],
    ["Information sharing", "1", "4", "26.7"],
    ["Voice of the child", "3", "5", "33.3"],
    ["Other", "0", "0", "0.0"],
]
AGE_INTERNAL = [
    ["Age band", "Reviews, 2024-25", "Reviews, 2021-22 to 2024-25"],
    ["under 1", "1", "3"],
    ["16-17", "3", "12"],
]
CASE_LIST = [
    ["Case reference", "Rapid review", "Published", "Within timescale"],
    [CASE_REFS[0], "2024-04-25", "2024-10-18", "Yes"],
    [CASE_REFS[1], "2024-08-28", "2025-03-14", "No"],
]
INDICATORS = [
    ["Indicator", "Unit", "2024-25", "Target"],
    ["Re-referrals within 12 months", "%", "21.4", "20"],
    ["Early help assessments", "count", "1,820", "[x]"],
]
SCRUTINY = {
    "key_messages": [
        ["Area", "Message"],
        ["Reviews", "Rapid reviews were slower than last year."],
        ["Neglect", "The neglect plan is behind: 2 of 8 actions completed."],
    ],
    "progress_limited": [
        ["Priority or indicator", "What the figures show"],
        ["Neglect", "2 of 8 actions completed (25.0%)."],
    ],
    "board_questions": [
        ["Question"],
        ["What will the partnership do to finish the neglect plan?"],
    ],
}


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def make_run_folder(
    folder: Path,
    audience: str = "public",
    *,
    scrutiny: bool = False,
    extra_facts: dict[str, Any] | None = None,
    status: str = "draft",
) -> Path:
    """Write a published run folder by hand: facts, tables, report.html, a chart, manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = facts(audience, **(extra_facts or {}))
    (folder / "facts.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    tables: dict[str, tuple[str, str, list[list[str]]]] = {
        "executive_summary": ("", "", SUMMARY),
        "rev_trend": ("Notifications by reporting year, 2022-23 to 2024-25", "", TREND),
        "rev_by_theme": (
            "Reviews by theme, 2021-22 to 2024-25",
            "[c]: suppressed to protect the children concerned (a count from 1 to 5).",
            THEMES_PUBLIC if audience == "public" else THEMES_INTERNAL,
        ),
        "pri_indicators_neglect": ("Scorecard indicators for Neglect.", "", INDICATORS),
    }
    if audience == "internal":
        tables["rev_by_age_band"] = ("Reviews by age band, 2021-22 to 2024-25", "", AGE_INTERNAL)
        tables["rev_lcsprs_published_list"] = ("LCSPRs published in 2024-25", "", CASE_LIST)
    if scrutiny:
        for name, rows in SCRUTINY.items():
            tables[name] = (name.replace("_", " ").capitalize(), "", rows)
    html = ['<html lang="en-GB"><body>']
    for name, (caption, note, rows) in tables.items():
        _write_csv(folder / "tables" / f"{name}.csv", rows)
        if caption:
            html.append(
                f'<div class="table-wrap short"><table id="table-{name}">'
                f'<caption id="table-{name}-caption">{caption}</caption>'
                "<tr><td>1</td></tr></table>"
                + (f'<p class="table-note">{note}</p>' if note else "")
                + "</div>"
            )
    html.append(
        '<figure class="chart" id="figure-pri_actions_by_priority"><img '
        'alt="Bar chart of actions completed by priority: Early help 60.0%, Neglect 25.0%." '
        'src="data:image/png;base64,AAAA"/><figcaption>Actions</figcaption></figure>'
    )
    html.append("</body></html>")
    (folder / "report.html").write_text("".join(html), encoding="utf-8")
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "pri_actions_by_priority.png").write_bytes(PNG)
    manifest = {
        "reporting_year": "2024-25",
        "audience": audience,
        "outcome": "success",
        "parameters": {"status": status, "partnership_name": "Northbrook Partnership"},
        "outputs": {},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def committee_params(root: Path, committee: dict | None = None, **values: Any) -> Params:
    """Parameters for the hand-made run, with the partnership's words under ``root/content``."""
    raw = {
        "reporting_year": "2024-25",
        "partnership_name": "Northbrook Partnership",
        "data_dir": "data",
        "audience": "public",
        "priorities": PRIORITIES,
        "content_dir": str(root / "content"),
        "data_as_at": "2025-06-02",
        **values,
    }
    if committee is not None:
        raw["committee"] = committee
    return validate_values(raw, "params/test.yaml", root=root)


def write_words(root: Path, files: dict[str, str]) -> Path:
    """Write the partnership's committee Markdown files; return the committee folder."""
    folder = root / "content" / "committee"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
