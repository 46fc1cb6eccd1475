"""facts.json: the contract's keys and order, assembly from the chapters' blocks, [r] marks."""

from __future__ import annotations

import pytest

from safeguarding_assurance.contract.facts import facts_skeleton
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.report.facts import (
    assemble_facts,
    read_published_facts,
    revised_keys,
)

# The contract's facts.json keys, in the contract's order (copied by hand).
CONTRACT_REVIEW_KEYS = [
    "notifications", "rapid_reviews_completed", "lcspr_decisions",
    "notified_within_timescale_pct", "rapid_review_within_timescale_pct",
    "lcsprs_published", "lcsprs_published_within_timescale_pct",
    "recommendations_open", "recommendations_overdue",
]  # fmt: skip
CONTRACT_TRAINING_KEYS = [
    "completions", "unique_learners", "e_learning_completions", "did_not_attend_pct",
    "mean_confidence_change", "reach_pct", "gcp2_practitioners_trained",
]  # fmt: skip
CONTRACT_PRIORITY_KEYS = [
    "actions_in_scope", "actions_completed", "actions_overdue", "actions_completed_pct",
    "indicators_improved", "indicators_declined", "indicators_target_met",
]  # fmt: skip

PRIORITIES = [("early_help", "Early help"), ("neglect", "Neglect")]


def _facts(year: str, **overrides: object) -> dict:
    """A facts document with every key; override ``reviews__notifications=3`` sets a nested key."""
    facts = facts_skeleton(year, "public", [p for p, _ in PRIORITIES])
    for dotted, value in overrides.items():
        node = facts
        *parents, last = dotted.split("__")
        for part in parents:
            node = node[part]
        node[last] = value
    return facts


# ---------------------------------------------------------------- facts.json


def test_skeleton_has_the_contract_keys_in_order():
    facts = facts_skeleton("2024-25", "internal", ["neglect", "early_help"])
    assert list(facts) == [
        "reporting_year", "audience", "reviews", "training", "priorities", "assessment"
    ]  # fmt: skip
    assert list(facts["assessment"]) == [
        "priorities", "indicators", "indicators_good", "indicators_mixed",
        "indicators_concern", "indicators_no_data",
    ]  # fmt: skip
    assert facts["assessment"]["priorities"] == {"neglect": "no_data", "early_help": "no_data"}
    assert (facts["reporting_year"], facts["audience"]) == ("2024-25", "internal")
    assert list(facts["reviews"]) == CONTRACT_REVIEW_KEYS
    assert list(facts["training"]) == CONTRACT_TRAINING_KEYS
    assert list(facts["priorities"]) == ["neglect", "early_help"]  # report order kept
    assert list(facts["priorities"]["neglect"]) == CONTRACT_PRIORITY_KEYS


def test_assemble_facts_puts_blocks_in_contract_order():
    blocks = {
        "assessment": {
            "current": {"indicators_good": 1, "priorities": {"neglect": "good_progress"}},
            "previous": {},
        },
        "training": {"current": {"completions": 10}, "previous": {"completions": 8}},
        "priorities": {"current": {"neglect": {"actions_in_scope": 3}}, "previous": {}},
        "reviews": {"current": {"notifications": 4}, "previous": {"notifications": 6}},
    }
    facts = assemble_facts(blocks, "2024-25", "public")
    assert list(facts) == [
        "reporting_year", "audience", "reviews", "training", "priorities", "assessment"
    ]  # fmt: skip
    assert list(facts["assessment"]) == ["priorities", "indicators_good"]
    assert facts == {
        "reporting_year": "2024-25",
        "audience": "public",
        "reviews": {"notifications": 4},
        "training": {"completions": 10},
        "priorities": {"neglect": {"actions_in_scope": 3}},
        "assessment": {"priorities": {"neglect": "good_progress"}, "indicators_good": 1},
    }
    last = assemble_facts(blocks, "2023-24", "public", which="previous")
    assert last["reporting_year"] == "2023-24"
    assert last["reviews"] == {"notifications": 6}
    assert last["training"] == {"completions": 8}


def test_assemble_facts_without_a_block_is_an_error():
    blocks = {
        "reviews": {"current": {}, "previous": {}},
        "training": {"current": {}, "previous": {}},
        "assessment": {"current": {}, "previous": {}},
    }
    with pytest.raises(KeyError, match="priorities"):
        assemble_facts(blocks, "2024-25", "public")


# ---------------------------------------------------------------- revisions


def test_revised_keys_are_the_changed_last_year_figures():
    now = _facts("2023-24", reviews__notifications=5, reviews__notified_within_timescale_pct=60.0,
                 priorities__neglect__actions_in_scope=4)  # fmt: skip
    published = _facts("2023-24", reviews__notifications=6,
                       reviews__notified_within_timescale_pct=60.0,
                       priorities__neglect__actions_in_scope=3)  # fmt: skip
    assert revised_keys(now, published) == {
        "reviews.notifications",
        "priorities.neglect.actions_in_scope",
    }


def test_a_rate_that_became_null_is_revised():
    now = _facts("2023-24", reviews__notified_within_timescale_pct=None)
    published = _facts("2023-24", reviews__notified_within_timescale_pct=50.0)
    assert revised_keys(now, published) == {"reviews.notified_within_timescale_pct"}


def test_nothing_is_revised_without_a_previous_run():
    assert revised_keys(_facts("2023-24"), None) == set()
    assert revised_keys(_facts("2023-24"), {}) == set()


def test_keys_the_previous_run_did_not_have_are_not_revised():
    now = _facts("2023-24")
    published = {"reporting_year": "2023-24", "audience": "internal", "reviews": {}}
    # audience differs but is not a figure; no figure key was published before
    assert revised_keys(now, published) == set()


def test_read_published_facts(tmp_path):
    folder = tmp_path / "2023-24" / "public"
    folder.mkdir(parents=True)
    (folder / "facts.json").write_text('{"reviews": {"notifications": 3}}', encoding="utf-8")
    layout = OutputLayout(tmp_path)
    assert read_published_facts(layout, "2023-24", "public") == {"reviews": {"notifications": 3}}
    assert read_published_facts(layout, "2023-24", "internal") is None
    for damaged in ("{not json", "[1, 2]", "null", ""):
        (folder / "facts.json").write_text(damaged, encoding="utf-8")
        assert read_published_facts(layout, "2023-24", "public") is None


def test_blocks_from_json_come_back_in_contract_order():
    # a notebook stores its blocks as JSON with sorted keys; facts.json keeps the contract's
    blocks = {
        "reviews": {"current": dict(sorted(dict.fromkeys(CONTRACT_REVIEW_KEYS, 0).items()))},
        "training": {"current": dict(sorted(dict.fromkeys(CONTRACT_TRAINING_KEYS, 0).items()))},
        "priorities": {
            "current": {
                "neglect": dict(sorted(dict.fromkeys(CONTRACT_PRIORITY_KEYS, 0).items())),
                "early_help": dict.fromkeys(CONTRACT_PRIORITY_KEYS, 0),
            }
        },
        "assessment": {
            "current": {
                "indicators_concern": 0,
                "indicators": {},
                "priorities": {"neglect": "no_data", "early_help": "no_data"},
            }
        },
    }
    facts = assemble_facts(blocks, "2024-25", "public", priority_ids=["early_help", "neglect"])
    assert list(facts["reviews"]) == CONTRACT_REVIEW_KEYS
    assert list(facts["training"]) == CONTRACT_TRAINING_KEYS
    assert list(facts["priorities"]) == ["early_help", "neglect"]
    assert list(facts["priorities"]["neglect"]) == CONTRACT_PRIORITY_KEYS
    assert list(facts["assessment"]) == ["priorities", "indicators", "indicators_concern"]
    assert list(facts["assessment"]["priorities"]) == ["early_help", "neglect"]


# ---------------------------------------------------------------- the optional registers' blocks

CONTRACT_OPTIONAL_KEYS = {
    "audits": ["audits_completed", "cases_audited", "rated_good_pct", "rated_inadequate_pct",
               "actions_completed_pct"],
    "funding": ["total_gbp", "change_pct", "partners_contributing",
                "statutory_partners_share_pct"],
    "national_reviews": ["reviews_acted_on", "actions_completed", "actions_open",
                         "actions_overdue"],
    "feedback": ["activities", "participants", "children_and_young_people",
                 "activities_with_change_pct"],
}  # fmt: skip


def test_register_blocks_follow_the_required_ones_in_the_contracts_order():
    # blocks and keys arrive from the notebooks as JSON, in any order
    blocks = {
        "feedback": {"current": {"participants": 5, "activities": 1}, "previous": None},
        "national_reviews": {"current": {"actions_open": 1, "reviews_acted_on": 2}, "previous": {}},
        "training": {"current": {"completions": 10}, "previous": {}},
        "audits": {"current": {"rated_good_pct": None, "audits_completed": 0}, "previous": {}},
        "priorities": {"current": {}, "previous": {}},
        "reviews": {"current": {"notifications": 4}, "previous": {}},
        "funding": {"current": {"change_pct": -2.3, "total_gbp": 10235}, "previous": {}},
        "assessment": {"current": {"indicators_good": 0}, "previous": {}},
    }
    facts = assemble_facts(blocks, "2024-25", "public", priority_ids=[])
    assert list(facts) == [
        "reporting_year", "audience", "reviews", "training", "priorities", "assessment",
        "audits", "funding", "national_reviews", "feedback",
    ]  # fmt: skip
    assert list(facts["funding"]) == ["total_gbp", "change_pct"]
    assert list(facts["audits"]) == ["audits_completed", "rated_good_pct"]
    assert list(facts["feedback"]) == ["activities", "participants"]


def test_the_contract_keys_of_the_register_blocks():
    from safeguarding_assurance.contract.facts import BLOCK_KEYS, OPTIONAL_BLOCKS, optional_skeleton

    assert {b: list(BLOCK_KEYS[b]) for b in OPTIONAL_BLOCKS} == CONTRACT_OPTIONAL_KEYS
    assert OPTIONAL_BLOCKS == {
        "audits": "audits",
        "funding": "funding",
        "national_reviews": "national_actions",
        "feedback": "feedback",
    }
    skeleton = optional_skeleton()
    assert {b: list(keys) for b, keys in skeleton.items()} == CONTRACT_OPTIONAL_KEYS
