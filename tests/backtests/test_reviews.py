"""Back-test: the reviews block of facts.json for a hand-built data set, worked out by hand.

The working is in tests/data/handmade/README_reviews.md. The files are read with the
suite's own loader, so the test covers reading and typing as well as the measures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.disclosure.rules import disclose_counts, disclose_themes
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.measures.reviews import Timescales, facts_reviews, tabulate_breakdown

HANDMADE = Path(__file__).resolve().parents[1] / "data" / "handmade"
C = "[c]"
POOLED = "2021-22 to 2024-25"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    params = validate_values(
        {
            "reporting_year": "2024-25",
            "partnership_name": "Back-test partnership",
            "data_dir": str(HANDMADE),
            "audience": "public",
            "priorities": [{"id": "p", "name": "P"}],
        },
        "back-test parameters",
        root=tmp_path_factory.mktemp("root"),  # the loader's cache goes here
    )
    return params, load_tables(params, ["reviews", "recommendations"])


def test_facts_reviews_match_the_hand_worked_block(loaded):
    params, tables = loaded
    facts = facts_reviews(tables.reviews, tables.recommendations, params.year, Timescales())
    expected = json.loads(
        (HANDMADE / "expected_facts_reviews_2024-25.json").read_text(encoding="utf-8")
    )
    assert facts == expected
    assert list(facts) == list(expected)


def test_previous_year_block(loaded):
    # README_reviews.md, "2023-24, the previous block"
    params, tables = loaded
    facts = facts_reviews(
        tables.reviews, tables.recommendations, params.year.previous(), Timescales()
    )
    assert facts == {
        "notifications": 3,
        "rapid_reviews_completed": 3,
        "lcspr_decisions": 2,
        "notified_within_timescale_pct": 66.7,
        "rapid_review_within_timescale_pct": 100.0,
        "lcsprs_published": 2,
        "lcsprs_published_within_timescale_pct": 50.0,
        "recommendations_open": 5,
        "recommendations_overdue": 3,
    }


@pytest.mark.parametrize(
    ("characteristic", "expected"),
    [
        ("incident_type", [C, C, 11]),
        ("sex", [C, 6, C, 11]),
        ("age_band", [C, C, C, C, C, 11]),
        ("ethnicity_group", [C, C, C, C, 0, C, 11]),
    ],
)
def test_public_pooled_breakdowns(loaded, characteristic, expected):
    params, tables = loaded
    counts = tabulate_breakdown(tables.reviews, characteristic, params.year, 4)[[POOLED]]
    shown = disclose_counts(counts, 5)
    assert shown.display[POOLED].tolist() == expected


def test_public_pooled_themes(loaded):
    params, tables = loaded
    counts = tabulate_breakdown(tables.reviews, "theme", params.year, 4)[[POOLED]]
    shown = disclose_themes(counts, 5).display.set_index("Theme")[POOLED].to_dict()
    # every theme here features in 1 to 5 reviews, or none
    assert shown == {
        "Neglect": C,
        "Information sharing": C,
        "Voice of the child": C,
        "Complex family dynamics": C,
        "Domestic abuse": C,
        "Parental mental health": C,
        "Parental substance misuse": 0,
        "Exploitation": C,
        "Race and culture": 0,
        "Escalation": C,
        "Safer sleep": C,
        "Non-accidental injury": C,
        "Other": 0,
    }
    raw = counts[POOLED].to_dict()
    assert raw["Neglect"] == 5 and raw["Exploitation"] == 4 and raw["Escalation"] == 1


def test_year_alone_for_the_internal_report(loaded):
    params, tables = loaded
    table = tabulate_breakdown(tables.reviews, "incident_type", params.year, 4)
    assert table["2024-25"].tolist() == [1, 2]
    assert tabulate_breakdown(tables.reviews, "sex", params.year, 4)["2024-25"].tolist() == [
        1,
        2,
        0,
    ]
