"""facts.json assembly, revision marks and the executive summary table."""

from __future__ import annotations

import pytest

from safeguarding_assurance.present.summary import (
    HEADLINES,
    assemble_facts,
    change_words,
    executive_summary,
    facts_skeleton,
    format_headline,
    overall_completed_pct,
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
    assert list(facts) == ["reporting_year", "audience", "reviews", "training", "priorities"]
    assert (facts["reporting_year"], facts["audience"]) == ("2024-25", "internal")
    assert list(facts["reviews"]) == CONTRACT_REVIEW_KEYS
    assert list(facts["training"]) == CONTRACT_TRAINING_KEYS
    assert list(facts["priorities"]) == ["neglect", "early_help"]  # report order kept
    assert list(facts["priorities"]["neglect"]) == CONTRACT_PRIORITY_KEYS


def test_assemble_facts_puts_blocks_in_contract_order():
    blocks = {
        "training": {"current": {"completions": 10}, "previous": {"completions": 8}},
        "priorities": {"current": {"neglect": {"actions_in_scope": 3}}, "previous": {}},
        "reviews": {"current": {"notifications": 4}, "previous": {"notifications": 6}},
    }
    facts = assemble_facts(blocks, "2024-25", "public")
    assert list(facts) == ["reporting_year", "audience", "reviews", "training", "priorities"]
    assert facts == {
        "reporting_year": "2024-25",
        "audience": "public",
        "reviews": {"notifications": 4},
        "training": {"completions": 10},
        "priorities": {"neglect": {"actions_in_scope": 3}},
    }
    last = assemble_facts(blocks, "2023-24", "public", which="previous")
    assert last["reporting_year"] == "2023-24"
    assert last["reviews"] == {"notifications": 6}
    assert last["training"] == {"completions": 8}


def test_assemble_facts_without_a_block_is_an_error():
    blocks = {
        "reviews": {"current": {}, "previous": {}},
        "training": {"current": {}, "previous": {}},
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
    assert read_published_facts(tmp_path, "2023-24", "public") == {"reviews": {"notifications": 3}}
    assert read_published_facts(tmp_path, "2023-24", "internal") is None
    (folder / "facts.json").write_text("{not json", encoding="utf-8")
    assert read_published_facts(tmp_path, "2023-24", "public") is None


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
