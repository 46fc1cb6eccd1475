"""The assessment block: indicator statuses and priority progress, worked by hand.

Each expectation is read off the contract's tables ("Judgements: the assessment
block"), not from the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import ReportingYear, validate_values
from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.measures.assessment import (
    facts_assessment,
    indicator_status,
    judge_indicators,
    judge_priority,
)

YEAR = ReportingYear.parse("2024-25")


# ---------------------------------------------------------------- indicator status


@pytest.mark.parametrize(
    ("target", "direction", "expected"),
    [
        ("met", "improved", "good"),
        ("met", "no change", "good"),
        ("met", "declined", "mixed"),
        ("met", "no comparison", "good"),
        ("not met", "improved", "mixed"),
        ("not met", "no change", "mixed"),
        ("not met", "declined", "concern"),
        ("not met", "no comparison", "concern"),
        ("no target", "improved", "good"),
        ("no target", "no change", "good"),
        ("no target", "declined", "concern"),
        ("no target", "no comparison", "no_data"),
    ],
)
def test_status_table_cell_by_cell(target, direction, expected):
    assert indicator_status(12.0, target, direction) == expected


def test_no_value_in_the_year_is_no_data_whatever_last_year_held():
    assert indicator_status(None, "no target", "no comparison") == "no_data"
    assert indicator_status(float("nan"), "not met", "declined") == "no_data"


def _indicators(*rows):
    return pd.DataFrame(rows, columns=["indicator_id", "priority", "name", "unit", "polarity"])


def _values(*rows):
    frame = pd.DataFrame(rows, columns=["indicator_id", "period_end", "value", "target", "england"])
    frame["period_end"] = pd.to_datetime(frame["period_end"]).astype("datetime64[us]")
    return frame.astype({"value": "float64", "target": "float64", "england": "float64"})


def test_statuses_from_registers():
    indicators = _indicators(
        ("A", "p", "Met and better", "percent", "higher_is_better"),
        ("B", "p", "Equal to target, same as last year", "percent", "lower_is_better"),
        ("C", "p", "Missed and worse", "count", "lower_is_better"),
        ("D", "p", "Target only on an earlier quarter", "count", "higher_is_better"),
        ("E", "p", "No value this year", "count", "higher_is_better"),
        ("F", "other", "Another priority's", "count", "higher_is_better"),
    )
    values = _values(
        ("A", "2024-03-31", 50, None, None),
        ("A", "2025-03-31", 60, 55, None),  # met (60 >= 55), improved: good
        ("B", "2024-03-31", 10, None, None),
        ("B", "2025-03-31", 10, 10, None),  # equal to target meets it; equal: no change: good
        ("C", "2024-03-31", 5, None, None),
        ("C", "2025-03-31", 7, 6, None),  # lower is better: 7 > 6 not met; 7 > 5 declined
        ("D", "2024-12-31", 3, 9, None),  # a target on Q3 does not count at year end
        ("D", "2025-03-31", 4, None, None),  # no target, no last year: no_data
        ("E", "2024-03-31", 4, 1, None),  # a value last year only: no_data this year
        ("F", "2025-03-31", 1, 1, None),
    )
    judged = judge_indicators(indicators, values, YEAR, ["p"])
    assert judged["indicator_id"].tolist() == ["A", "B", "C", "D", "E"]
    assert judged["status"].tolist() == ["good", "good", "concern", "no_data", "no_data"]


# ---------------------------------------------------------------- priority progress


@pytest.mark.parametrize(
    ("in_scope", "completed", "statuses", "expected", "why"),
    [
        (0, 0, [], "no_data", "no actions, no indicators"),
        (0, 0, ["no_data", "no_data"], "no_data", "no actions, indicators without status"),
        (0, 0, ["good"], "good_progress", "no actions: judged on indicators, none of concern"),
        (0, 0, ["concern", "good"], "some_progress", "no actions; one concern, one good"),
        (0, 0, ["concern"], "little_progress", "no actions; more concern than good"),
        (4, 1, ["good", "good"], "little_progress", "25% is below 50"),
        (2, 1, [], "some_progress", "1 of 2 is exactly 50: not below; 50 < 75"),
        (3, 2, [], "some_progress", "2 of 3 (66.7% shown) is below a good threshold of 66.7"),
        (4, 3, [], "good_progress", "75% reaches 75; no indicators"),
        (4, 3, ["no_data"], "good_progress", "indicators all no_data: judged on actions"),
        (4, 4, ["concern", "good"], "some_progress", "one concern and one good: neither"),
        (4, 4, ["concern", "concern", "good"], "little_progress", "more concern than good"),
        (4, 4, ["mixed", "mixed"], "good_progress", "mixed counts on neither side"),
        (4, 3, ["mixed", "concern", "good", "good"], "some_progress", "a concern bars good"),
    ],
)
def test_judge_priority(in_scope, completed, statuses, expected, why):
    good = 66.7 if why.startswith("2 of 3") else 75
    assert judge_priority(in_scope, completed, statuses, 50, good) == expected, why


def test_thresholds_compare_the_exact_ratio():
    # 1 of 3 is 33.33...%: below 33.34, not below 33.3 (shown 33.3% either way)
    assert judge_priority(3, 1, [], 33.34, 75) == "little_progress"
    assert judge_priority(3, 1, [], 33.3, 75) == "some_progress"


def test_facts_assessment_block():
    actions = pd.DataFrame(
        {
            "action_id": ["a1", "a2", "a3", "b1"],
            "priority": ["p", "p", "p", "q"],
            "start_date": pd.to_datetime(["2024-04-01"] * 4).astype("datetime64[us]"),
            "due_date": pd.to_datetime(["2025-01-01"] * 4).astype("datetime64[us]"),
            "completed_date": pd.to_datetime(["2024-06-01", "2024-07-01", None, None]).astype(
                "datetime64[us]"
            ),
            "status": ["complete", "complete", "in_progress", "in_progress"],
        }
    )
    indicators = _indicators(
        ("A", "p", "A", "percent", "higher_is_better"),
        ("B", "q", "B", "count", "lower_is_better"),
    )
    values = _values(
        ("A", "2024-03-31", 50, None, None),
        ("A", "2025-03-31", 60, 55, None),  # good
        ("B", "2024-03-31", 3, None, None),
        ("B", "2025-03-31", 4, 2, None),  # not met, declined: concern
    )
    block = facts_assessment(actions, indicators, values, YEAR, ["p", "q"], 50, 75)
    # p: 2 of 3 (66.7%) not below 50, below 75, no concern: some_progress
    # q: 0 of 1 below 50: little_progress
    assert block == {
        "priorities": {"p": "some_progress", "q": "little_progress"},
        "indicators": {"A": "good", "B": "concern"},
        "indicators_good": 1,
        "indicators_mixed": 0,
        "indicators_concern": 1,
        "indicators_no_data": 0,
    }


# ---------------------------------------------------------------- parameters


BASE = {
    "reporting_year": "2024-25",
    "partnership_name": "Test",
    "data_dir": "data",
    "audience": "public",
    "priorities": [{"id": "p", "name": "P"}],
}


def test_thresholds_default_to_50_and_75():
    params = validate_values(BASE, "test")
    assert (params.little_progress_pct, params.good_progress_pct) == (50, 75)


def test_thresholds_take_decimals():
    params = validate_values(BASE | {"good_progress_pct": 66.7}, "test")
    assert params.good_progress_pct == 66.7


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"little_progress_pct": 80, "good_progress_pct": 75}, "must not be above"),
        ({"little_progress_pct": 101}, "from 0 to 100"),
        ({"good_progress_pct": -1}, "from 0 to 100"),
        ({"good_progress_pct": True}, "must be a number"),
        ({"little_progress_pct": "50"}, "must be a number"),
    ],
)
def test_bad_thresholds_are_errors(change, says):
    with pytest.raises(ParameterError, match=says):
        validate_values(BASE | change, "test")
