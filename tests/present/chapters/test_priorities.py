"""The priority chapter's sections, run on the hand-built set in tests/data/handmade.

Every expected figure below is from the hand working in
tests/data/handmade/README_priorities.md (2024-25, with 2023-24 as last year).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.present.chapters import priorities as chapter_module
from tests.support.sections import Published, publish

HANDMADE = Path(__file__).resolve().parents[2] / "data" / "handmade"
PRIORITIES = [
    {"id": "early_help", "name": "Early help"},
    {"id": "neglect", "name": "Neglect"},
    {"id": "harm_outside_home", "name": "Harm outside the home"},
]
SECTIONS = [
    chapter_module.show_summary,
    chapter_module.show_actions_overview,
    chapter_module.show_actions_by_priority,
    chapter_module.show_overdue_actions,
    chapter_module.show_indicators,
]


def make_params(root: Path, year: str = "2024-25"):
    values = {
        "reporting_year": year,
        "partnership_name": "Test partnership",
        "data_dir": str(HANDMADE),
        "audience": "public",
        "priorities": PRIORITIES,
    }
    return validate_values(values, "test parameters", root=root)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    params = make_params(tmp_path_factory.mktemp("root"))
    return load_tables(params, ["actions", "indicators", "indicator_values"])


def open_test_chapter(tmp_path: Path, year: str = "2024-25") -> Chapter:
    return Chapter(params=make_params(tmp_path, year), layout=OutputLayout(tmp_path / "outputs"))


def run_sections(chapter: Chapter, tables, folder: Path, sections=SECTIONS) -> Published:
    return publish([show(chapter, tables) for show in sections], folder)


@pytest.fixture(scope="module")
def run(tables, tmp_path_factory):
    """Run every section once for 2024-25, as the notebook does, keeping what is shown."""
    folder = tmp_path_factory.mktemp("run")
    seen = run_sections(open_test_chapter(folder), tables, folder / "out")
    return seen.folder, seen, seen.html


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_show_summary_records_facts_for_this_year_and_last(run):
    out, _, _ = run
    facts = json.loads((out / "facts" / "priorities.json").read_text())
    expected = json.loads((HANDMADE / "expected_facts_priorities_2024-25.json").read_text())
    assert facts["current"] == expected
    # 2023-24, from the README: H04 completed; N01 on track; X02 overdue. No indicator has
    # a 2022-23 value to compare with; targets met: EH1, EH2 (early help), HO2.
    assert facts["previous"] == {
        "early_help": {
            "actions_in_scope": 1,
            "actions_completed": 1,
            "actions_overdue": 0,
            "actions_completed_pct": 100.0,
            "indicators_improved": 0,
            "indicators_declined": 0,
            "indicators_target_met": 2,
        },
        "neglect": {
            "actions_in_scope": 1,
            "actions_completed": 0,
            "actions_overdue": 0,
            "actions_completed_pct": 0.0,
            "indicators_improved": 0,
            "indicators_declined": 0,
            "indicators_target_met": 0,
        },
        "harm_outside_home": {
            "actions_in_scope": 1,
            "actions_completed": 0,
            "actions_overdue": 1,
            "actions_completed_pct": 0.0,
            "indicators_improved": 0,
            "indicators_declined": 0,
            "indicators_target_met": 1,
        },
    }
    assert not (out / "facts" / "warnings.txt").exists()


def test_show_summary_sentences_come_from_the_figures(run):
    _, seen, _ = run
    headline, progress = seen.texts[:2]
    # 11 in scope, 4 completed (36.4%); last year 1 of 3 (33.3%); 4 overdue, 3 on track
    assert "4 of 11 actions in scope were completed in 2024-25 (36.4%)" in headline
    assert "against 33.3% in 2023-24" in headline
    assert "4 are overdue and 3 are on track" in headline
    # 5 indicators: 2 improved, 1 declined, 2 of the 4 with a target met it
    assert "Of 5 scorecard indicators, 2 improved on last year and 1 declined" in headline
    assert "2 of the 4 with a target met it" in headline
    # the assessment (README_priorities.md, "Judgements"): early help 33.3% and harm
    # outside the home 25.0% are below 50: little progress; neglect completed exactly 50.0%,
    # not below 50 nor at 75, with no indicator of concern: some progress
    assert progress.startswith(
        "Neglect made some progress and Early help and Harm outside the home made little progress."
    )
    assert "fewer than 50% of its actions" in progress


def test_show_actions_overview_chart_and_table(run):
    out, seen, _ = run
    assert (out / "figures" / "pri_actions_by_priority.png").stat().st_size > 0
    rows = read_csv(out / "tables" / "pri_actions_by_priority_data.csv")
    assert rows[0] == [
        "Priority",
        "Year",
        "In scope",
        "Completed",
        "Completed %",
        "Overdue",
        "On track",
        "Carried forward",
    ]
    # this year beside last year for each priority, in the parameters' order
    assert rows[1:] == [
        ["Early help", "2024-25", "3", "1", "33.3", "1", "1", "2"],
        ["Early help", "2023-24", "1", "1", "100.0", "0", "0", "0"],
        ["Neglect", "2024-25", "4", "2", "50.0", "1", "1", "2"],
        ["Neglect", "2023-24", "1", "0", "0.0", "0", "1", "1"],
        ["Harm outside the home", "2024-25", "4", "1", "25.0", "2", "1", "3"],
        ["Harm outside the home", "2023-24", "1", "0", "0.0", "1", "0", "1"],
    ]
    alt = seen.figures["pri_actions_by_priority"]["alt"]
    assert "Early help 33.3% in 2024-25 (100.0% in 2023-24)" in alt
    assert "Harm outside the home 25.0% in 2024-25 (0.0% in 2023-24)" in alt


def test_show_actions_by_priority_tables_and_words(run):
    out, _, html = run
    # one table across priorities, last year then this year (time runs left to right)
    assert read_csv(out / "tables" / "pri_actions_by_status.csv")[1:5] == [
        ["Early help", "2023-24", "1", "1", "100.0", "0", "0"],
        ["Early help", "2024-25", "3", "1", "33.3", "1", "1"],
        ["Neglect", "2023-24", "1", "0", "0.0", "0", "1"],
        ["Neglect", "2024-25", "4", "2", "50.0", "1", "1"],
    ]
    # each priority's table is still published, as a detail table
    assert read_csv(out / "tables" / "pri_actions_neglect_data.csv") == [
        ["Measure", "2023-24", "2024-25"],
        ["In scope", "1", "4"],
        ["Completed in the year", "0", "2"],
        ["Completed (%)", "0.0", "50.0"],
        ["Overdue at year end", "0", "1"],
        ["On track at year end", "1", "1"],
        ["Carried forward", "1", "2"],
    ]
    assert 'id="detail-pri_actions_neglect_data"' in html
    assert (
        "<li>Neglect: Of 4 actions in scope, 2 were completed (50.0%); 1 is overdue and 1 is "
        "on track at the year&#x27;s end. Last year, 0 of 1 was completed (0.0%).</li>"
    ) in html


def test_show_overdue_actions_lists_them_escaped_and_csv_safe(run):
    out, seen, html = run
    rows = read_csv(out / "tables" / "pri_overdue_actions.csv")
    assert rows[0] == ["Reference", "Priority", "Description", "Lead agency", "Due date"]
    # by priority order, then due date: H02; N02; X02 (2023-03-31) before X04 (2025-02-28)
    assert [r[0] for r in rows[1:]] == ["H02", "N02", "X02", "X04"]
    assert rows[3][2] == "'=Agree a contextual safeguarding framework"
    assert rows[1][4] == "31 March 2025"  # dates as people write them
    assert "&lt;b&gt;dental&lt;/b&gt;" in html and "<b>dental" not in html
    # last year only X02 was overdue
    assert (
        "4 actions were overdue at 31 March 2025: due on or before that day and not completed "
        "by then (1 a year before)."
    ) in seen.texts


def test_show_indicators_tables_in_words(run):
    out, seen, html = run
    tables_dir = out / "tables"
    header = ["Indicator", "2023-24", "2024-25", "Target", "England",
              "Judgement (direction of travel; target)"]  # fmt: skip
    # HO1: met, improved: good; HO2: not met, declined: concern (README, "Judgements")
    assert read_csv(tables_dir / "pri_indicators_harm_outside_home.csv") == [
        header,
        ["Return home interviews within 72 hours (%; higher is better)", "70", "75", "75",
         "[x]", "✔ Good (improved; target met)"],
        ["Days from exploitation screening to panel (days; lower is better)", "14", "16",
         "15", "[x]", "✘ Concern (declined; target missed)"],
    ]  # fmt: skip
    # NG1: no target, no comparison: no data; "No target" in words, never a symbol
    assert read_csv(tables_dir / "pri_indicators_neglect.csv")[1] == [
        "Child protection plans for neglect (per 10,000 children; lower is better)",
        "[x]",
        "37.2",
        "No target",
        "[x]",
        "– No data (no comparison; no target)",
    ]
    # EH2: not met, no change: mixed
    assert read_csv(tables_dir / "pri_indicators_early_help.csv")[2][1:6] == [
        "20",
        "20",
        "19",
        "21.8",
        "◑ Mixed (no change; target missed)",
    ]
    # HO1's year-end value is from December, and the table's note says so
    assert "Return home interviews within 72 hours, quarter ending 31 December 2024" in html
    assert (
        "Of 2 indicators, 1 improved on last year and 1 declined. 1 of the 2 with a target "
        "met it." in seen.texts
    )


def test_show_indicators_charts_each_priority_with_alt_text_and_data(run):
    out, seen, _ = run
    assert (out / "figures" / "pri_trends_harm_outside_home.png").is_file()
    # trend_years 4 would be 2021-22 to 2024-25, but the first value in it is 31 Mar 2023
    # (NG1, 2022-23), so the charts start there; HO1's 30 Jun 2025 row is outside
    assert read_csv(out / "tables" / "pri_trends_harm_outside_home_data.csv") == [
        ["Indicator", "Year", "Quarter ending", "Value", "Target", "England"],
        ["Return home interviews within 72 hours", "2023-24", "31 March 2024", "70", "80", "[x]"],
        [
            "Return home interviews within 72 hours",
            "2024-25",
            "31 December 2024",
            "75",
            "75",
            "[x]",
        ],
        [
            "Days from exploitation screening to panel",
            "2023-24",
            "31 March 2024",
            "14",
            "15",
            "[x]",
        ],
        [
            "Days from exploitation screening to panel",
            "2024-25",
            "31 March 2025",
            "16",
            "15",
            "[x]",
        ],
    ]
    alt = seen.figures["pri_trends_harm_outside_home"]["alt"]
    assert "2022-23 to 2024-25" in alt
    assert "75 at the end of 2024-25 against a target of 75 (met), improved from 70" in alt
    assert "16 at the end of 2024-25 against a target of 15 (not met), declined from 14" in alt
    neglect = seen.figures["pri_trends_neglect"]["alt"]
    assert "37.2 at the end of 2024-25." in neglect  # no target, nothing to compare with
    # each chart follows its priority's scorecard, and print leaves it to the HTML
    assert 'id="table-pri_indicators_neglect"' in seen.html
    html = seen.html
    assert html.index("table-pri_indicators_neglect") < html.index("figure-pri_trends_neglect")
    assert 'class="chart print-detail" id="figure-pri_trends_neglect"' in html


def test_every_section_together_uses_unique_prefixed_names(run):
    out, seen, _ = run
    names = {p.stem for p in (out / "tables").glob("*.csv")}
    names |= {p.stem for p in (out / "figures").glob("*.png")}
    assert names and all(n.startswith("pri_") for n in names)
    assert len(seen.figures) == 4  # the overview and 3 trend charts
    assert all(f["alt"].strip() and f["caption"].strip() for f in seen.figures.values())
    # every chart's title states its message, and says where its figures come from
    charts = [c for s in seen.sections for c in s.charts]
    assert all(c.title and c.source and "as extracted on" in c.source for c in charts)


def test_a_year_with_nothing_in_it_reports_zeros_with_a_warning(tmp_path, tables):
    # 2020-21: every action starts later (X02, the earliest, on 2022-05-01) and the first
    # indicator value is 31 Mar 2023.
    seen = run_sections(open_test_chapter(tmp_path, year="2020-21"), tables, tmp_path / "out")
    out = tmp_path / "out"
    warnings = " ".join(seen.warnings)
    assert "No business plan actions are in scope for 2020-21" in warnings
    assert "No scorecard indicator values fall in 2020-21" in warnings
    facts = json.loads((out / "facts" / "priorities.json").read_text())["current"]
    assert facts["neglect"]["actions_in_scope"] == 0
    assert facts["neglect"]["actions_completed_pct"] is None
    assert "Neglect: No actions were in scope in 2020-21." in seen.html
    alt = seen.figures["pri_actions_by_priority"]["alt"]
    assert "Neglect no actions in scope in 2020-21 (no actions in scope in 2019-20)" in alt
    assert read_csv(out / "tables" / "pri_overdue_actions.csv") == [
        ["Reference", "Priority", "Description", "Lead agency", "Due date"]
    ]


def test_describe_indicators_without_targets_or_comparisons():
    counts = pd.Series(
        {"indicators": 2, "improved": 0, "declined": 0, "no_change": 1, "no_comparison": 1,
         "with_target": 0, "target_met": 0}
    )  # fmt: skip
    assert chapter_module.describe_indicators(counts) == (
        "Of 2 indicators, 0 improved on last year, 0 declined, 1 did not change and 1 could "
        "not be compared. None has a target."
    )
