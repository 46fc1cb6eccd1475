"""The contract's `facts.json`: its blocks and keys, in the contract's order.

Measures build each block with exactly these keys; the report, the own-words
placeholders and the committee papers read them. Independent checks read the same keys,
so they are fixed by the contract.
"""

from __future__ import annotations

from typing import Any

REVIEW_KEYS = (
    "notifications",
    "rapid_reviews_completed",
    "lcspr_decisions",
    "notified_within_timescale_pct",
    "rapid_review_within_timescale_pct",
    "lcsprs_published",
    "lcsprs_published_within_timescale_pct",
    "recommendations_open",
    "recommendations_overdue",
)


TRAINING_KEYS = (
    "completions",
    "unique_learners",
    "e_learning_completions",
    "did_not_attend_pct",
    "mean_confidence_change",
    "reach_pct",
    "gcp2_practitioners_trained",
)


PRIORITY_KEYS = (
    "actions_in_scope",
    "actions_completed",
    "actions_overdue",
    "actions_completed_pct",
    "indicators_improved",
    "indicators_declined",
    "indicators_target_met",
)


AUDIT_KEYS = (
    "audits_completed",
    "cases_audited",
    "rated_good_pct",
    "rated_inadequate_pct",
    "actions_completed_pct",
)


FUNDING_KEYS = (
    "total_gbp",
    "change_pct",
    "partners_contributing",
    "statutory_partners_share_pct",
)


NATIONAL_REVIEW_KEYS = (
    "reviews_acted_on",
    "actions_completed",
    "actions_open",
    "actions_overdue",
)


FEEDBACK_KEYS = (
    "activities",
    "participants",
    "children_and_young_people",
    "activities_with_change_pct",
)


# The optional registers' blocks, in the contract's order, each with the register
# (input table) it comes from: a block is in facts.json only when its register was supplied.
OPTIONAL_BLOCKS: dict[str, str] = {
    "audits": "audits",
    "funding": "funding",
    "national_reviews": "national_actions",
    "feedback": "feedback",
}


def facts_skeleton(year: str, audience: str, priority_ids: list[str]) -> dict[str, Any]:
    """A facts document with every contract key and zero values (for checking placeholders)."""
    return {
        "reporting_year": year,
        "audience": audience,
        "reviews": dict.fromkeys(REVIEW_KEYS, 0),
        "training": dict.fromkeys(TRAINING_KEYS, 0),
        "priorities": {p: dict.fromkeys(PRIORITY_KEYS, 0) for p in priority_ids},
        "assessment": {
            "priorities": dict.fromkeys(priority_ids, "no_data"),
            "indicators": {},
            "indicators_good": 0,
            "indicators_mixed": 0,
            "indicators_concern": 0,
            "indicators_no_data": 0,
        },
    }


# The blocks of facts.json in the contract's order, each with its keys in order.
ASSESSMENT_KEYS = (
    "priorities",
    "indicators",
    "indicators_good",
    "indicators_mixed",
    "indicators_concern",
    "indicators_no_data",
)
BLOCK_KEYS: dict[str, tuple[str, ...]] = {
    "reviews": REVIEW_KEYS,
    "training": TRAINING_KEYS,
    "assessment": ASSESSMENT_KEYS,
    "audits": AUDIT_KEYS,
    "funding": FUNDING_KEYS,
    "national_reviews": NATIONAL_REVIEW_KEYS,
    "feedback": FEEDBACK_KEYS,
}
REQUIRED_BLOCKS = ("reviews", "training", "priorities", "assessment")
# The order of the blocks: the required ones (the contract's `assessment` last of them),
# then the optional registers' blocks; any other block follows, sorted.
BLOCK_ORDER = (*REQUIRED_BLOCKS, *OPTIONAL_BLOCKS)


def optional_skeleton() -> dict[str, dict[str, Any]]:
    """The optional registers' blocks with every key and zero values (for checking placeholders)."""
    return {block: dict.fromkeys(BLOCK_KEYS[block], 0) for block in OPTIONAL_BLOCKS}


def _ordered(values: dict[str, Any], order: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """``values`` with the keys of ``order`` first, in that order, then any others sorted."""
    known = [k for k in order if k in values]
    return {k: values[k] for k in known} | {k: values[k] for k in sorted(values) if k not in order}


def in_contract_order(facts: dict[str, Any], priority_ids: list[str]) -> dict[str, Any]:
    """The facts document with blocks and keys in the contract's order.

    Blocks travel from the notebooks as JSON, which does not keep key order; the
    published ``facts.json`` always reads in the order the contract lists.
    """
    out: dict[str, Any] = {}
    for key in ("reporting_year", "audience"):
        if key in facts:
            out[key] = facts[key]
    for name in (*BLOCK_ORDER, *sorted(k for k in facts if k not in out)):
        if name not in facts or name in out:
            continue
        block = facts[name]
        if name == "priorities" and isinstance(block, dict):
            block = {
                pid: _ordered(block[pid], PRIORITY_KEYS) for pid in _ordered(block, priority_ids)
            }
        elif name == "assessment" and isinstance(block, dict):
            block = _ordered(block, ASSESSMENT_KEYS)
            if isinstance(block.get("priorities"), dict):
                block["priorities"] = _ordered(block["priorities"], priority_ids)
        elif isinstance(block, dict):
            block = _ordered(block, BLOCK_KEYS.get(name, ()))
        out[name] = block
    return out


def flatten(facts: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """The facts as ``{"reviews.notifications": 3, ...}``: one dotted key per figure."""
    flat: dict[str, Any] = {}
    for k, v in facts.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            flat.update(flatten(v, key + "."))
        else:
            flat[key] = v
    return flat
