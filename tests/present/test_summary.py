"""The executive summary table: each headline figure beside last year's."""

from __future__ import annotations

import pytest

from safeguarding_assurance.contract.facts import facts_skeleton
from safeguarding_assurance.present.summary import (
    HEADLINES,
    executive_summary,
    headline_value,
    judgement,
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


# ---------------------------------------------------------------- headline figures


@pytest.mark.parametrize(
    ("current", "previous", "better", "expected"),
    [
        (5, 3, "higher", "Better"),
        (5, 3, "lower", "Worse"),
        (3, 5, "lower", "Better"),
        (4, 4, "lower", "Same"),
        (33.3, 33.3, "higher", "Same"),
        (0.0, -0.25, "higher", "Better"),
        (None, 3, "higher", "No comparison"),
        (3, None, "lower", "No comparison"),
        (5, 3, None, "Not judged"),  # a count of incidents is never judged
        (None, None, None, "Not judged"),
    ],
)
def test_judgement_reads_through_which_way_is_better(current, previous, better, expected):
    assert judgement(current, previous, better) == expected


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1234, "count", 1234),
        (0, "count", 0),
        (33.3, "pct", 33.3),
        (0.5, "mean", 0.5),
        (-0.254, "mean", -0.25),
        (None, "pct", None),
    ],
)
def test_headline_values_are_numbers(value, kind, expected):
    assert headline_value(value, kind) == expected


def _summary_frames():
    current = _facts(
        "2024-25",
        reviews__notifications=12,
        reviews__notified_within_timescale_pct=None,
        reviews__recommendations_overdue=4,
        training__completions=1500,
        training__mean_confidence_change=0.5,
        training__reach_pct=33.3,
        training__did_not_attend_pct=8.0,
        priorities__neglect__actions_completed_pct=50.0,
    )
    previous = _facts(
        "2023-24",
        reviews__notifications=9,
        reviews__notified_within_timescale_pct=75.0,
        reviews__recommendations_overdue=2,
        training__completions=1500,
        training__mean_confidence_change=0.75,
        training__reach_pct=30.0,
        training__did_not_attend_pct=10.0,
        priorities__neglect__actions_completed_pct=None,
    )
    return current, previous


def _row(df, measure, area=None):
    rows = df[df["Measure"] == measure]
    if area is not None:
        rows = rows[rows["Area"] == area]
    assert len(rows) == 1, (measure, area)
    return rows.iloc[0].to_dict()


def _three(row):
    return row["Last year"], row["This year"], row["Compared with last year"]


def test_headline_figures_have_every_headline_and_priority_row():
    current, previous = _summary_frames()
    df = executive_summary(current, previous, PRIORITIES, set())
    # chronological, and no Revised column when nothing was revised
    assert list(df.columns) == [
        "Area", "Measure", "Last year", "This year", "Compared with last year"
    ]  # fmt: skip
    # 16 fixed headlines, then 5 rows for each of the 2 priorities
    assert len(HEADLINES) == 16
    assert len(df) == 16 + 2 * 5
    assert df["Area"].iloc[-1] == "Priority: Neglect"
    assert df["Area"].iloc[16] == "Priority: Early help"


def test_headline_figures_are_numbers_judged_in_words():
    current, previous = _summary_frames()
    df = executive_summary(current, previous, PRIORITIES, set())
    # notifications: not a measure of performance, never "better" or "worse"
    row = _row(df, "Serious incidents notified to the National Panel")
    assert _three(row) == (9, 12, "Not judged")
    row = _row(df, "Notified within timescale (%)")
    assert _three(row) == (75.0, None, "No comparison")
    row = _row(df, "Review recommendations overdue at year end")
    assert _three(row) == (2, 4, "Worse")  # lower is better: 4 against 2 is worse
    row = _row(df, "Training completions")
    assert _three(row) == (1500, 1500, "Same")
    row = _row(df, "Mean change in confidence (points on a 1 to 5 scale)")
    assert _three(row) == (0.75, 0.5, "Worse")
    row = _row(df, "Reach: learners as a share of staff in scope (%)")
    assert _three(row) == (30.0, 33.3, "Better")
    row = _row(df, "Booked places not attended (%)")
    assert _three(row) == (10.0, 8.0, "Better")  # fewer places missed is better
    row = _row(df, "Actions completed (% of in scope)", "Priority: Neglect")
    assert _three(row) == (None, 50.0, "No comparison")
    assert not any(word in set(df["Compared with last year"]) for word in ("Higher", "Lower"))


def test_headline_figures_mark_revised_figures_in_their_own_column():
    current, previous = _summary_frames()
    df = executive_summary(current, previous, PRIORITIES, {"reviews.notifications"})
    row = _row(df, "Serious incidents notified to the National Panel")
    assert (row["Last year"], row["Revised"]) == (9, "[r]")  # the figure stays a number
    assert (df["Revised"] == "[r]").sum() == 1


def test_headline_figures_priority_missing_last_year():
    current, previous = _summary_frames()
    del previous["priorities"]["early_help"]
    df = executive_summary(current, previous, PRIORITIES, set())
    row = _row(df, "Actions in scope", "Priority: Early help")
    assert _three(row) == (None, 0, "Not judged")


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
