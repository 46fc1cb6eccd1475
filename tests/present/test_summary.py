"""The executive summary table: each headline figure beside last year's."""

from __future__ import annotations

import pytest

from safeguarding_assurance.contract.facts import facts_skeleton
from safeguarding_assurance.present.summary import (
    HEADLINES,
    change_words,
    executive_summary,
    format_headline,
    overall_completed_pct,
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


# ---------------------------------------------------------------- executive summary


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (5, 3, "Higher"),
        (3, 5, "Lower"),
        (4, 4, "Same"),
        (33.3, 33.3, "Same"),
        (0.0, -0.25, "Higher"),
        (None, 3, "No comparison"),
        (3, None, "No comparison"),
        (None, None, "No comparison"),
    ],
)
def test_change_words(current, previous, expected):
    assert change_words(current, previous) == expected


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1234, "count", "1,234"),
        (0, "count", "0"),
        (33.3, "pct", "33.3%"),
        (100.0, "pct", "100.0%"),
        (0.5, "mean", "+0.50"),
        (-0.25, "mean", "-0.25"),
        (None, "pct", "[z]"),
        (None, "count", "[z]"),
    ],
)
def test_format_headline(value, kind, expected):
    assert format_headline(value, kind) == expected


def _summary_frames():
    current = _facts(
        "2024-25",
        reviews__notifications=12,
        reviews__notified_within_timescale_pct=None,
        training__completions=1500,
        training__mean_confidence_change=0.5,
        training__reach_pct=33.3,
        priorities__neglect__actions_completed_pct=50.0,
    )
    previous = _facts(
        "2023-24",
        reviews__notifications=9,
        reviews__notified_within_timescale_pct=75.0,
        training__completions=1500,
        training__mean_confidence_change=0.75,
        training__reach_pct=30.0,
        priorities__neglect__actions_completed_pct=None,
    )
    return current, previous


def _row(df, measure, area=None):
    rows = df[df["Measure"] == measure]
    if area is not None:
        rows = rows[rows["Area"] == area]
    assert len(rows) == 1, (measure, area)
    return rows.iloc[0].to_dict()


def test_executive_summary_has_every_headline_and_priority_row():
    current, previous = _summary_frames()
    df = executive_summary(current, previous, PRIORITIES, set())
    assert list(df.columns) == ["Area", "Measure", "This year", "Last year", "Change"]
    # 16 fixed headlines, then 5 rows for each of the 2 priorities
    assert len(HEADLINES) == 16
    assert len(df) == 16 + 2 * 5
    assert df["Area"].iloc[-1] == "Priority: Neglect"
    assert df["Area"].iloc[16] == "Priority: Early help"


def test_executive_summary_values_and_changes():
    current, previous = _summary_frames()
    df = executive_summary(current, previous, PRIORITIES, set())
    row = _row(df, "Serious incidents notified to the National Panel")
    assert (row["This year"], row["Last year"], row["Change"]) == ("12", "9", "Higher")
    row = _row(df, "Notified within timescale")
    assert (row["This year"], row["Last year"], row["Change"]) == ("[z]", "75.0%", "No comparison")
    row = _row(df, "Training completions")
    assert (row["This year"], row["Last year"], row["Change"]) == ("1,500", "1,500", "Same")
    row = _row(df, "Mean change in confidence (1 to 5 scale)")
    assert (row["This year"], row["Last year"], row["Change"]) == ("+0.50", "+0.75", "Lower")
    row = _row(df, "Reach: learners as a share of staff in scope")
    assert (row["This year"], row["Last year"], row["Change"]) == ("33.3%", "30.0%", "Higher")
    row = _row(df, "Actions completed (% of in scope)", "Priority: Neglect")
    assert (row["This year"], row["Last year"], row["Change"]) == ("50.0%", "[z]", "No comparison")


def test_executive_summary_marks_revised_figures():
    current, previous = _summary_frames()
    df = executive_summary(current, previous, PRIORITIES, {"reviews.notifications"})
    assert _row(df, "Serious incidents notified to the National Panel")["Last year"] == "9 [r]"
    # only the revised key is marked
    assert (df["Last year"].str.contains(r"\[r\]")).sum() == 1


def test_executive_summary_priority_missing_last_year():
    current, previous = _summary_frames()
    del previous["priorities"]["early_help"]
    df = executive_summary(current, previous, PRIORITIES, set())
    row = _row(df, "Actions in scope", "Priority: Early help")
    assert (row["This year"], row["Last year"], row["Change"]) == ("0", "[z]", "No comparison")


# ---------------------------------------------------------------- overall completed %


def test_overall_completed_pct_pools_the_priorities():
    facts = _facts(
        "2024-25",
        priorities__early_help__actions_in_scope=4,
        priorities__early_help__actions_completed=3,
        priorities__neglect__actions_in_scope=2,
        priorities__neglect__actions_completed=1,
    )
    # (3 + 1) / (4 + 2) = 4/6 = 66.666... -> 66.7 (not the mean of 75.0 and 50.0)
    assert overall_completed_pct(facts) == 66.7


def test_overall_completed_pct_with_nothing_in_scope_is_none():
    assert overall_completed_pct(_facts("2024-25")) is None
    assert overall_completed_pct({"priorities": {}}) is None
    assert overall_completed_pct({}) is None
