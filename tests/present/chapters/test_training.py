"""The training chapter's sections, run with a silent publisher into a temporary folder.

The small register below is worked by hand (see the comments); the tests read the
files the sections write: tables, figures and the facts block.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from safeguarding_assurance.contract.params import ReportingYear, validate_values
from safeguarding_assurance.measures import training as trn
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.present.chapters import training as chapter_training
from safeguarding_assurance.present.charts.style import apply_theme
from tests.measures.test_training import make_training, make_workforce
from tests.support.sections import publish

SECTIONS = [
    "show_overview",
    "show_completions_by_month",
    "show_completions_by_delivery",
    "show_completions_by_topic",
    "show_completions_by_sector_and_agency",
    "show_attendance",
    "show_reach",
    "show_confidence",
    "show_gcp2",
    "show_trend",
]

# 2024-25 (worked by hand):
#   completions: rows 1, 2, 4, 5 = 4; unique learners {secret-a1, secret-b1} = 2
#   e-learning completions: row 2 = 1
#   bookings (not e-learning): rows 1, 3, 4, 5 = 4; did not attend: row 3 -> 25.0%
#   confidence with both scores: rows 1 (+2), 4 (0), 5 (-1): 1 / 3 = 0.33; improved 1/3 = 33.3%
#   staff given: Agency A 10 (Agency B has none) -> reach 2 / 10 = 20.0%
#   per agency: A {secret-a1} 1 / 10 = 10.0%; B {secret-b1, secret-a1} = 2, no staff -> [z]
#   GCP2: rows 2 (secret-a1) and 4 (secret-b1) = 2; cumulative adds secret-a2 (2023-24) = 3
# 2023-24:
#   completions 1 (row 6), unique 1, e-learning 0; bookings rows 6, 7 = 2, DNA 1 -> 50.0%
#   no scores -> no confidence change; staff 8 + 5 = 13 -> reach 1 / 13 = 7.69...% -> 7.7%
#   GCP2: secret-a2 = 1
TRAINING = make_training(
    {
        "learner_id": "secret-a1",
        "agency": "Agency A",
        "delivery": "face_to_face",
        "date": "2024-04-15",
        "confidence_before": 2,
        "confidence_after": 4,
    },
    {
        "learner_id": "secret-a1",
        "agency": "Agency A",
        "delivery": "e_learning",
        "topic": "gcp2",
        "date": "2024-05-20",
    },
    {
        "learner_id": "secret-a2",
        "agency": "Agency A",
        "delivery": "virtual",
        "outcome": "did_not_attend",
        "date": "2024-06-01",
    },
    {
        "learner_id": "secret-b1",
        "agency": "Agency B",
        "delivery": "briefing",
        "topic": "gcp2",
        "date": "2024-07-01",
        "confidence_before": 3,
        "confidence_after": 3,
    },
    {
        "learner_id": "secret-a1",
        "agency": "Agency B",
        "delivery": "face_to_face",
        "date": "2025-03-31",
        "confidence_before": 4,
        "confidence_after": 3,
    },
    {
        "learner_id": "secret-a2",
        "agency": "Agency A",
        "topic": "gcp2",
        "date": "2023-09-01",
    },
    {
        "learner_id": "secret-b1",
        "agency": "Agency B",
        "outcome": "did_not_attend",
        "date": "2023-10-01",
    },
)
WORKFORCE = make_workforce(
    ("2024-25", "Agency A", 10),
    ("2023-24", "Agency A", 8),
    ("2023-24", "Agency B", 5),
)
EXPECTED_CURRENT = {
    "completions": 4,
    "unique_learners": 2,
    "e_learning_completions": 1,
    "did_not_attend_pct": 25.0,
    "mean_confidence_change": 0.33,
    "reach_pct": 20.0,
    "gcp2_practitioners_trained": 2,
}
EXPECTED_PREVIOUS = {
    "completions": 1,
    "unique_learners": 1,
    "e_learning_completions": 0,
    "did_not_attend_pct": 50.0,
    "mean_confidence_change": None,
    "reach_pct": 7.7,
    "gcp2_practitioners_trained": 1,
}


def make_chapter(tmp_path: Path, year: str = "2024-25") -> Chapter:
    params = validate_values(
        {
            "reporting_year": year,
            "partnership_name": "Test partnership",
            "data_dir": "data",
            "audience": "public",
            "priorities": [{"id": "neglect", "name": "Neglect"}],
            "trend_years": 3,
        },
        "test parameters",
        root=tmp_path,
    )
    return Chapter(params=params, layout=OutputLayout(tmp_path / "outputs"))


def run_all(chapter: Chapter) -> Path:
    apply_theme()
    tables = SimpleNamespace(training=TRAINING, workforce=WORKFORCE)
    out = chapter.layout.root.parent / "out"
    seen = publish([getattr(chapter_training, name)(chapter, tables) for name in SECTIONS], out)
    ALTS.update({name: f["alt"] for name, f in seen.figures.items()})
    return out


def read_table(out: Path, name: str) -> list[dict[str, str]]:
    with (out / "tables" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


ALTS: dict[str, str] = {}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_all(make_chapter(tmp_path_factory.mktemp("trn")))


def test_facts_block_matches_the_hand_worked_figures(published: Path):
    facts = json.loads((published / "facts" / "training.json").read_text(encoding="utf-8"))
    assert facts == {"current": EXPECTED_CURRENT, "previous": EXPECTED_PREVIOUS}
    # and they are exactly what the measures module's facts_training gives
    year = ReportingYear.parse("2024-25")
    assert facts["current"] == trn.facts_training(TRAINING, WORKFORCE, year)
    assert facts["previous"] == trn.facts_training(TRAINING, WORKFORCE, year.previous())


def test_headline_table_agrees_with_the_facts(published: Path):
    rows = {r["Measure"]: r for r in read_table(published, "trn_headline")}
    assert rows["Completions"]["2024-25"] == "4"
    assert rows["Completions"]["2023-24"] == "1"
    assert rows["Practitioners trained (unique learners)"]["2024-25"] == "2"
    assert rows["Did not attend (%)"]["2024-25"] == "25.0"
    assert rows["Reach (% of staff in scope)"]["2024-25"] == "20.0"
    assert rows["Reach (% of staff in scope)"]["2023-24"] == "7.7"
    assert rows["Mean confidence change (points on a 1 to 5 scale)"]["2024-25"] == "0.33"
    assert rows["Mean confidence change (points on a 1 to 5 scale)"]["2023-24"] == "[z]"
    assert rows["GCP2 practitioners trained in the year"]["2024-25"] == "2"
    assert rows["GCP2 practitioners trained, cumulative"]["2024-25"] == "3"


def test_reach_table_shows_z_for_an_agency_without_staff(published: Path):
    rows = {r["Agency"]: r for r in read_table(published, "trn_reach_by_agency_data")}
    assert rows["Agency A"]["2024-25 unique learners"] == "1"
    assert rows["Agency A"]["2024-25 reach %"] == "10.0"
    assert rows["Agency B"]["2024-25 unique learners"] == "2"
    assert rows["Agency B"]["2024-25 staff in scope"] == "[z]"
    assert rows["Agency B"]["2024-25 reach %"] == "[z]"
    # last year Agency B had 0 learners over 5 staff = 0.0%, Agency A 1 / 8 = 12.5%
    assert rows["Agency B"]["2023-24 reach %"] == "0.0"
    assert rows["Agency A"]["2023-24 reach %"] == "12.5"
    # the overall row counts secret-a1 once although they trained with both agencies
    assert rows["All agencies"]["2024-25 unique learners"] == "2"
    assert rows["All agencies"]["2024-25 staff in scope"] == "10"
    assert rows["All agencies"]["2024-25 reach %"] == "20.0"


def test_attendance_table_leaves_out_e_learning(published: Path):
    rows = {r["Delivery method"]: r for r in read_table(published, "trn_attendance")}
    assert "E-learning" not in rows
    # face to face: rows 1 and 5 booked, both attended; virtual: row 3, missed
    assert rows["Face to face"]["2024-25 places booked"] == "2"
    assert rows["Face to face"]["2024-25 did not attend %"] == "0.0"
    assert rows["Virtual (live online)"]["2024-25 did not attend %"] == "100.0"
    assert rows["All booked sessions"]["2024-25 places booked"] == "4"
    assert rows["All booked sessions"]["2023-24 did not attend %"] == "50.0"


def test_month_table_puts_boundary_days_in_their_months(published: Path):
    rows = {r["Month"]: r for r in read_table(published, "trn_completions_by_month_data")}
    # completions on 15 April, 20 May, 1 July and 31 March (the year's last day)
    assert rows["April"]["2024-25 completions"] == "1"
    assert rows["May"]["2024-25 completions"] == "1"
    assert rows["June"]["2024-25 completions"] == "0"  # the June row is a DNA
    assert rows["July"]["2024-25 completions"] == "1"
    assert rows["March"]["2024-25 completions"] == "1"
    assert rows["September"]["2023-24 completions"] == "1"


def test_gcp2_and_trend_cover_the_trend_years(published: Path):
    rows = read_table(published, "trn_gcp2_trained_data")
    assert [r["Reporting year"] for r in rows] == ["2022-23", "2023-24", "2024-25"]
    assert [r["Trained in the year"] for r in rows] == ["0", "1", "2"]
    assert [r["Trained up to the year's end"] for r in rows] == ["0", "1", "3"]
    counts = read_table(published, "trn_trend_counts_data")
    assert [r["Completions"] for r in counts] == ["0", "1", "4"]


def test_agency_table_counts_a_learner_in_each_agency(published: Path):
    rows = {r["Agency"]: r for r in read_table(published, "trn_completions_by_agency")}
    assert rows["Agency A"]["2024-25 unique learners"] == "1"
    assert rows["Agency B"]["2024-25 unique learners"] == "2"
    assert rows["Agency B"]["2023-24 completions"] == "0"


def test_every_output_is_named_trn_and_charts_are_written(published: Path):
    tables = sorted(p.stem for p in (published / "tables").glob("*.csv"))
    figures = sorted(p.stem for p in (published / "figures").glob("*.png"))
    assert all(n.startswith("trn_") for n in tables + figures)
    assert figures == [
        "trn_completions_by_delivery",
        "trn_completions_by_month",
        "trn_completions_by_topic",
        "trn_confidence_scores",
        "trn_gcp2_trained",
        "trn_reach_by_agency",
        "trn_trend_counts",
        "trn_trend_rates",
    ]
    # every chart has its data table
    assert all(f"{f}_data" in tables for f in figures)


def test_learner_ids_never_appear_in_any_output(published: Path):
    for path in published.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".txt"}:
            assert "secret" not in path.read_text(encoding="utf-8-sig"), path


def test_alt_text_is_built_from_the_data(published: Path):
    assert "Agency B [z] no staff figure" in ALTS["trn_reach_by_agency"]
    assert "Agency A 10.0%" in ALTS["trn_reach_by_agency"]
    assert "score 2: 1 before, 0 after" in ALTS["trn_confidence_scores"]
    assert "2024-25: 2 in the year, 3 in all" in ALTS["trn_gcp2_trained"]
    assert "April 2024 to March 2025, 4 in all" in ALTS["trn_completions_by_month"]
    assert all("secret" not in alt for alt in ALTS.values())


def test_a_year_with_no_rows_warns_and_reports_zeros(tmp_path: Path):
    out = run_all(make_chapter(tmp_path, "2026-27"))
    warnings = (out / "facts" / "warnings.txt").read_text(encoding="utf-8")
    assert "No training rows fall in 2026-27" in warnings
    facts = json.loads((out / "facts" / "training.json").read_text(encoding="utf-8"))
    assert facts["current"] == {
        "completions": 0,
        "unique_learners": 0,
        "e_learning_completions": 0,
        "did_not_attend_pct": None,
        "mean_confidence_change": None,
        "reach_pct": None,  # no workforce rows for 2026-27
        "gcp2_practitioners_trained": 0,
    }


def test_sentences_read_from_the_figures():
    year = ReportingYear.parse("2024-25")
    now = {
        "completions": 2345,
        "unique_learners": 1234,
        "agencies": 8,
        "e_learning_completions": 1000,
        "reach_pct": 45.6,
        "bookings": 900,
        "did_not_attend": 111,
        "did_not_attend_pct": 12.3,
        "rated": 400,
        "mean_confidence_change": 0.85,
        "improved_pct": 63.2,
        "gcp2_practitioners_trained": 0,
        "gcp2_cumulative": 75,
    }
    before = {
        **now,
        "completions": 2000,
        "reach_pct": 40.1,
        "did_not_attend_pct": 12.3,
        "mean_confidence_change": 0.9,
        "gcp2_practitioners_trained": 30,
    }
    assert chapter_training.describe_headline(now, before, year) == (
        "In 2024-25, 1,234 practitioners from 8 agencies completed training (2,345 "
        "completions, 1,000 of them e-learning), reaching 45.6% of the workforce in scope, "
        "up from 40.1% last year."
    )
    assert chapter_training.describe_attendance(now, before) == (
        "Of 900 places booked on face-to-face, virtual and briefing sessions, 111 (12.3%) "
        "were not attended, the same as last year."
    )
    assert chapter_training.describe_confidence(now, before) == (
        "Where practitioners rated their confidence before and after a course (400 "
        "completions), it rose by 0.85 points on average on a five-point scale, down from "
        "0.90 last year; 63.2% rated themselves more confident afterwards."
    )
    assert chapter_training.describe_gcp2(now, before, year) == (
        "No practitioners completed Graded Care Profile 2 (GCP2) training in 2024-25; 75 "
        "have been trained in all, up to 31 March 2025."
    )
    empty = {**now, "completions": 0, "reach_pct": None}
    assert chapter_training.describe_headline(empty, before, year) == (
        "No training completions were recorded in 2024-25 (2,000 last year)."
    )


def test_labels_are_plain_english():
    assert chapter_training.label_value("delivery", "face_to_face") == "Face to face"
    assert chapter_training.label_value("sector", "childrens_trust") == "Children's trust"
    assert chapter_training.label_value("agency", "NHS north trust") == "NHS north trust"


def test_describe_sectors_names_the_two_largest_and_counts_the_rest():
    import pandas as pd

    year = ReportingYear.parse("2024-25")
    sector = pd.DataFrame(
        {
            "Sector": ["Police", "Health", "Education", "Other"],
            "2024-25 completions": [1105, 3845, 3693, 0],
        }
    )
    assert chapter_training.describe_sectors(sector, year) == (
        "Health accounted for the most completions in 2024-25 (3,845), then education "
        "(3,693); 3 sectors completed training in all."
    )
    none = sector.assign(**{"2024-25 completions": [0, 0, 0, 0]})
    assert chapter_training.describe_sectors(none, year) == (
        "No sector completed training in 2024-25."
    )


def test_describe_attendance_by_method_names_the_worst_rate():
    import pandas as pd

    by_method = pd.DataFrame(
        {"did_not_attend_pct": [8.7, 11.6, None]},
        index=pd.Index(["face_to_face", "virtual", "briefing"], name="delivery"),
    )
    assert chapter_training.describe_attendance_by_method(by_method) == (
        "Virtual (live online) sessions had the highest share not attended (11.6%)."
    )
    assert chapter_training.describe_attendance_by_method(by_method.iloc[2:]) == ""
