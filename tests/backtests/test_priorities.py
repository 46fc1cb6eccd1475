"""Back-test: the priorities block of facts.json for a hand-built data set, worked out by hand.

The working is in tests/data/handmade/README_priorities.md. The files are read with the
suite's own loader, so the test covers reading and typing as well as the measures.
"""

from __future__ import annotations

import json
from pathlib import Path

from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.measures.assessment import facts_assessment
from safeguarding_assurance.measures.priorities import facts_priorities

HANDMADE = Path(__file__).resolve().parents[1] / "data" / "handmade"
PRIORITIES = [
    {"id": "early_help", "name": "Early help"},
    {"id": "neglect", "name": "Neglect"},
    {"id": "harm_outside_home", "name": "Harm outside the home"},
]


def test_facts_priorities_match_the_hand_worked_block(tmp_path):
    params = validate_values(
        {
            "reporting_year": "2024-25",
            "partnership_name": "Back-test partnership",
            "data_dir": str(HANDMADE),
            "audience": "public",
            "priorities": PRIORITIES,
        },
        "back-test parameters",
        root=tmp_path,  # the loader's cache goes here, not into the repository
    )
    tables = load_tables(params, ["actions", "indicators", "indicator_values"])
    facts = facts_priorities(
        tables.actions,
        tables.indicators,
        tables.indicator_values,
        params.year,
        params.priority_ids,
    )
    expected = json.loads(
        (HANDMADE / "expected_facts_priorities_2024-25.json").read_text(encoding="utf-8")
    )
    assert facts == expected
    assert list(facts) == list(expected)  # priority order as the parameters give it


def test_assessment_matches_the_hand_worked_judgements(tmp_path):
    """README_priorities.md, "Judgements": statuses and progress worked from the contract."""
    params = validate_values(
        {
            "reporting_year": "2024-25",
            "partnership_name": "Back-test partnership",
            "data_dir": str(HANDMADE),
            "audience": "public",
            "priorities": PRIORITIES,
        },
        "back-test parameters",
        root=tmp_path,
    )
    tables = load_tables(params, ["actions", "indicators", "indicator_values"])
    args = (tables.actions, tables.indicators, tables.indicator_values)
    block = facts_assessment(*args, params.year, params.priority_ids, 50, 75)
    expected = json.loads(
        (HANDMADE / "expected_facts_assessment_2024-25.json").read_text(encoding="utf-8")
    )
    assert block == expected
    last = facts_assessment(*args, params.year.previous(), params.priority_ids, 50, 75)
    assert last["priorities"] == {
        "early_help": "good_progress",
        "neglect": "little_progress",
        "harm_outside_home": "little_progress",
    }
    assert last["indicators"] == {
        "EH1": "good", "EH2": "good", "NG1": "no_data", "HO1": "concern", "HO2": "good"
    }  # fmt: skip
