"""Back-test: the training block of facts.json for a hand-built data set, worked out by hand.

The working is in tests/data/handmade/README_training.md. The files are read with the
suite's own loader, so the test covers reading and typing as well as the measures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import ReportingYear, validate_values
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.measures import training as trn

HANDMADE = Path(__file__).resolve().parents[1] / "data" / "handmade"


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory):
    params = validate_values(
        {
            "reporting_year": "2024-25",
            "partnership_name": "Back-test partnership",
            "data_dir": str(HANDMADE),
            "audience": "public",
            "priorities": [{"id": "neglect", "name": "Neglect"}],
        },
        "back-test parameters",
        root=tmp_path_factory.mktemp("root"),  # the loader's cache goes here
    )
    return load_tables(params, ["training", "workforce"])


def test_facts_training_match_the_hand_worked_block(tables):
    facts = trn.facts_training(tables.training, tables.workforce, ReportingYear.parse("2024-25"))
    expected = json.loads(
        (HANDMADE / "expected_facts_training_2024-25.json").read_text(encoding="utf-8")
    )
    assert facts == expected
    assert list(facts) == list(expected)


def test_last_year_matches_the_hand_working(tables):
    facts = trn.facts_training(tables.training, tables.workforce, ReportingYear.parse("2023-24"))
    assert facts == {
        "completions": 4,
        "unique_learners": 4,
        "e_learning_completions": 1,
        "did_not_attend_pct": 40.0,
        "mean_confidence_change": 1.33,
        "reach_pct": 2.2,
        "gcp2_practitioners_trained": 2,
    }


def test_reach_by_agency_and_other_measures_match_the_hand_working(tables):
    year = ReportingYear.parse("2024-25")
    reach = trn.measure_reach_by_agency(tables.training, tables.workforce, year)
    assert reach["agency"].tolist() == [
        "Riverside Council",
        "Riverside Dental Practice",
        "Riverside Health Trust",
        "Riverside Police",
        "Riverside Schools",
        "Riverside Youth Project",
    ]
    assert reach["unique_learners"].tolist() == [2, 0, 3, 2, 3, 2]
    assert reach["reach_pct"].tolist() == [4.8, 0.0, 5.5, 6.7, 8.1, None]
    months = trn.count_completions_by_month(tables.training, year)
    assert months["completions"].tolist() == [1, 1, 1, 1, 0, 2, 1, 2, 1, 1, 1, 2]
    delivery = trn.count_completions_by(tables.training, year, "delivery")
    assert delivery["completions"].tolist() == [5, 4, 2, 3]
    assert trn.summarise_confidence(tables.training, year)["improved_pct"] == 75.0
    assert trn.count_gcp2_trained(tables.training, year) == {"in_year": 3, "cumulative": 4}
