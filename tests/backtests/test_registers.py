"""Back-test: the four optional registers' blocks of facts.json on hand-built files.

The working is in tests/data/handmade/README_registers.md. The files are read with the
suite's own loader, so the test covers reading and typing (day-first dates, values in
another case, a blank kind, spaces only) as well as the measures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_assurance.contract.facts import BLOCK_KEYS
from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.measures.audits import facts_audits
from safeguarding_assurance.measures.feedback import facts_feedback
from safeguarding_assurance.measures.funding import facts_funding
from safeguarding_assurance.measures.national_reviews import facts_national_reviews

HANDMADE = Path(__file__).resolve().parents[1] / "data" / "handmade"
REGISTERS = ("audits", "funding", "national_actions", "feedback")


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
    return params, load_tables(params, REGISTERS)


def blocks(tables, year) -> dict:
    return {
        "audits": facts_audits(tables.audits, year),
        "funding": facts_funding(tables.funding, year),
        "national_reviews": facts_national_reviews(tables.national_actions, year),
        "feedback": facts_feedback(tables.feedback, year),
    }


def test_blocks_match_the_hand_worked_expectation(loaded):
    params, tables = loaded
    expected = json.loads(
        (HANDMADE / "expected_facts_registers_2024-25.json").read_text(encoding="utf-8")
    )
    facts = blocks(tables, params.year)
    assert facts == expected
    for name, block in facts.items():
        assert list(block) == list(BLOCK_KEYS[name]), name


def test_previous_year_blocks(loaded):
    # README_registers.md, the 2023-24 lines
    params, tables = loaded
    assert blocks(tables, params.year.previous()) == {
        "audits": {
            "audits_completed": 1,
            "cases_audited": 6,
            "rated_good_pct": 100.0,
            "rated_inadequate_pct": 0.0,
            "actions_completed_pct": 100.0,
        },
        "funding": {
            "total_gbp": 5001,
            "change_pct": -2.3,
            "partners_contributing": 2,
            "statutory_partners_share_pct": 100.0,
        },
        "national_reviews": {
            "reviews_acted_on": 4,
            "actions_completed": 1,
            "actions_open": 4,
            "actions_overdue": 1,
        },
        "feedback": {
            "activities": 1,
            "participants": 40,
            "children_and_young_people": 40,
            "activities_with_change_pct": 100.0,
        },
    }


def test_the_year_before_has_no_base_for_a_change(loaded):
    params, tables = loaded
    first = params.year.previous().previous()
    assert facts_funding(tables.funding, first) == {
        "total_gbp": 5116,
        "change_pct": None,
        "partners_contributing": 1,
        "statutory_partners_share_pct": 100.0,
    }


def test_the_loader_read_the_boundaries_as_the_readme_says(loaded):
    _, tables = loaded
    assert tables.audits.loc[1, "theme"] == "voice_of_child"
    assert str(tables.audits.loc[1, "completed_date"].date()) == "2025-03-31"
    assert tables.funding["kind"].tolist()[3:6] == ["cash", "in_kind", "cash"]
    assert tables.feedback.loc[1, "group"] == "young_people"
    assert tables.feedback["change_made"].isna().tolist()[:3] == [False, True, True]
