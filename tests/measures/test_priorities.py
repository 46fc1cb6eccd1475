"""Hand-worked cases for every boundary of the priority measures (data contract, actions and
indicators). The reporting year in every test is 2024-25: S = 2024-04-01, E = 2025-03-31.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures.priorities import (
    assess_indicators,
    classify_actions,
    count_indicators,
    facts_priorities,
    label_reporting_years,
    list_overdue_actions,
    select_quarterly_values,
    select_year_end_values,
    summarise_actions,
)

Y = ReportingYear(2024)
IDS = ["early_help", "neglect", "harm_outside_home"]


def dates(values: list[str | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[us]")


def make_actions(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (action_id, priority, start, due, completed, status), typed as io returns them."""
    ids, prios, start, due, done, status = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "action_id": list(ids),
            "priority": list(prios),
            "description": [f"Action {i}" for i in ids],
            "lead_agency": "Council",
            "start_date": dates(list(start)),
            "due_date": dates(list(due)),
            "completed_date": dates(list(done)),
            "status": list(status),
        }
    )


# Each boundary on its own: (start, due, completed, status) -> progress at the end of 2024-25,
# or None where the action is not in scope.
ACTION_CASES = {
    # due on E, not done by E: due_date <= E, so overdue (not on track)
    "due on the last day, not done": ("2024-06-01", "2025-03-31", None, "in_progress", "overdue"),
    # due on E, done on E: completed_date between S and E inclusive
    "due and done on the last day": (
        "2024-06-01",
        "2025-03-31",
        "2025-03-31",
        "complete",
        "completed",
    ),
    # done on S: completed_date >= S keeps it in scope, and S is inside the year
    "completed on the first day": (
        "2024-01-10",
        "2024-06-30",
        "2024-04-01",
        "complete",
        "completed",
    ),
    # done on E + 1: in scope (done >= S) but not done by E; due before E, so overdue
    "completed the day after, due in year": (
        "2024-05-01",
        "2025-02-28",
        "2025-04-01",
        "complete",
        "overdue",
    ),
    # done on E + 1 and due after E: carried forward as on track
    "completed the day after, due after": (
        "2024-05-01",
        "2025-04-30",
        "2025-04-01",
        "complete",
        "on track",
    ),
    # done on S - 1: completed_date < S, so out of scope
    "completed before the year began": ("2023-05-01", "2024-03-31", "2024-03-31", "complete", None),
    # cancelled: out of every year whatever its dates
    "cancelled": ("2024-05-01", "2024-09-30", None, "cancelled", None),
    # not started, starting on E + 1: start_date > E, out of scope
    "not started, starts after the year": ("2025-04-01", "2025-09-30", None, "not_started", None),
    # not started, starting on E: start_date <= E, in scope; due after E, so on track
    "not started, starts on the last day": (
        "2025-03-31",
        "2025-06-30",
        None,
        "not_started",
        "on track",
    ),
    # not started, due in the year: in scope and overdue (the status does not matter)
    "not started, due in the year": ("2024-05-01", "2024-12-31", None, "not_started", "overdue"),
    # due on E + 1: due_date > E, so on track
    "due the day after the year": ("2024-04-01", "2025-04-01", None, "in_progress", "on track"),
    # started years ago and never finished: still in scope, overdue
    "long-running, never finished": ("2021-05-01", "2022-03-31", None, "in_progress", "overdue"),
}


@pytest.mark.parametrize("case", list(ACTION_CASES))
def test_classify_actions_boundary(case):
    start, due, done, status, expected = ACTION_CASES[case]
    actions = make_actions([("A1", "neglect", start, due, done, status)])
    scoped = classify_actions(actions, Y)
    if expected is None:
        assert scoped.empty
    else:
        assert scoped["progress"].tolist() == [expected]


def all_cases() -> pd.DataFrame:
    rows = [(f"A{i:02d}", "neglect", *case[:4]) for i, case in enumerate(ACTION_CASES.values(), 1)]
    return make_actions(rows)


def test_summarise_actions_counts_every_boundary_together():
    # From ACTION_CASES: 12 actions, 3 out of scope (before, cancelled, starts after) -> 9 in
    # scope; completed: due-and-done-on-E, first day = 2; overdue: due on E, done after (due
    # in year), not started due in year, long-running = 4; on track: done after (due after),
    # starts on E, due the day after = 3. Carried forward 4 + 3 = 7. 2 / 9 = 22.22% -> 22.2.
    summary = summarise_actions(all_cases(), Y, IDS).set_index("priority")
    row = summary.loc["neglect"]
    assert row[["in_scope", "completed", "overdue", "on_track", "carried_forward"]].tolist() == [
        9,
        2,
        4,
        3,
        7,
    ]
    assert row["completed_pct"] == 22.2
    # priorities with no actions report zeros and no percentage, in the order asked for
    assert summary.index.tolist() == IDS
    assert summary.loc["early_help", "in_scope"] == 0
    assert math.isnan(summary.loc["early_help", "completed_pct"])


def test_summarise_actions_previous_year_reads_the_same_register():
    # 2023-24 (S = 2023-04-01, E = 2024-03-31), same 12 actions:
    # "completed before the year began" (done 2024-03-31) is completed on E;
    # "completed on the first day" (start 2024-01-10, done 2024-04-01, due 2024-06-30) is in
    # scope and on track; "long-running" is overdue; the rest start after 2024-03-31 or are
    # cancelled. In scope 3, completed 1, overdue 1, on track 1; 1 / 3 = 33.3%.
    row = summarise_actions(all_cases(), Y.previous(), IDS).set_index("priority").loc["neglect"]
    assert row[["in_scope", "completed", "overdue", "on_track"]].tolist() == [3, 1, 1, 1]
    assert row["completed_pct"] == 33.3


def test_completed_pct_rounds_half_up():
    # 1 of 16 = 6.25% exactly: half up gives 6.3 (banker's rounding would give 6.2)
    rows = [("D1", "early_help", "2024-05-01", "2024-06-30", "2024-06-01", "complete")]
    rows += [
        (f"O{i:02d}", "early_help", "2024-05-01", "2025-06-30", None, "in_progress")
        for i in range(15)
    ]
    summary = summarise_actions(make_actions(rows), Y, ["early_help"])
    assert summary["completed_pct"].tolist() == [6.3]


def test_actions_with_other_priorities_are_not_counted():
    rows = [("Z1", "retired_priority", "2024-05-01", "2024-06-30", None, "in_progress")]
    summary = summarise_actions(make_actions(rows), Y, ["neglect"])
    assert summary["in_scope"].tolist() == [0]


def test_list_overdue_actions_orders_by_priority_then_due_date():
    actions = make_actions(
        [
            ("N2", "neglect", "2024-05-01", "2024-12-31", None, "in_progress"),
            ("N1", "neglect", "2024-05-01", "2024-08-31", None, "in_progress"),
            ("E1", "early_help", "2024-05-01", "2025-03-31", None, "in_progress"),
            ("E2", "early_help", "2024-05-01", "2025-06-30", None, "in_progress"),  # on track
            ("E3", "early_help", "2024-05-01", "2024-06-30", "2024-06-01", "complete"),  # done
        ]
    )
    overdue = list_overdue_actions(actions, Y, IDS)
    # early_help comes first in IDS; within neglect, 31 Aug before 31 Dec
    assert overdue["action_id"].tolist() == ["E1", "N1", "N2"]
    assert overdue.columns.tolist() == [
        "action_id",
        "priority",
        "description",
        "lead_agency",
        "due_date",
    ]


def test_measures_do_not_change_their_input():
    actions = all_cases()
    before = actions.copy()
    summarise_actions(actions, Y, IDS)
    list_overdue_actions(actions, Y, IDS)
    pd.testing.assert_frame_equal(actions, before)


# ------------------------------------------------------------------ indicators


def make_indicators(rows: list[tuple]) -> pd.DataFrame:
    ids, prios, polarity = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "indicator_id": list(ids),
            "priority": list(prios),
            "name": [f"Indicator {i}" for i in ids],
            "unit": "percent",
            "polarity": list(polarity),
        }
    )


def make_values(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (indicator_id, period_end, value, target, england); None is blank."""
    ids, ends, value, target, england = zip(*rows, strict=True)
    as_float = lambda xs: pd.Series([np.nan if x is None else x for x in xs], dtype="float64")  # noqa: E731
    return pd.DataFrame(
        {
            "indicator_id": list(ids),
            "period_end": dates(list(ends)),
            "value": as_float(value),
            "target": as_float(target),
            "england": as_float(england),
        }
    )


INDICATORS = make_indicators(
    [
        ("HI_UP", "neglect", "higher_is_better"),
        ("LO_UP", "neglect", "lower_is_better"),
        ("LO_DOWN", "neglect", "lower_is_better"),
        ("HI_DOWN", "early_help", "higher_is_better"),
        ("EQUAL", "early_help", "higher_is_better"),
        ("NO_PREV", "early_help", "lower_is_better"),
        ("OUTSIDE", "harm_outside_home", "higher_is_better"),
        ("NO_VALUES", "harm_outside_home", "higher_is_better"),
    ]
)
VALUES = make_values(
    [
        # higher is better, 50 -> 60: improved; 60 >= 55: met
        ("HI_UP", "2024-03-31", 50, 55, None),
        ("HI_UP", "2025-03-31", 60, 55, 58.5),
        # lower is better, 10 -> 12: declined; 12 <= 12 (equal to target): met
        ("LO_UP", "2024-03-31", 10, 12, None),
        ("LO_UP", "2025-03-31", 12, 12, None),
        # lower is better, 12 -> 10: improved; 10 > 9: not met
        ("LO_DOWN", "2024-03-31", 12, 9, None),
        ("LO_DOWN", "2025-03-31", 10, 9, None),
        # higher is better, 70 -> 65: declined; 65 >= 65 (equal to target): met
        ("HI_DOWN", "2024-03-31", 70, 65, None),
        ("HI_DOWN", "2025-03-31", 65, 65, None),
        # equal values: no change; blank target: no target
        ("EQUAL", "2024-03-31", 40, None, None),
        ("EQUAL", "2025-03-31", 40, None, None),
        # nothing in 2023-24 (only 2022-23, which is not "last year"): no comparison;
        # lower is better, 4 > 3: not met
        ("NO_PREV", "2023-03-31", 5, 3, None),
        ("NO_PREV", "2025-03-31", 4, 3, None),
        # latest quarter inside 2024-25 is 31 Dec (22, target 25): the 30 Jun 2025 row (30,
        # target 20) is outside the year. 20 -> 22 improved; 22 < 25: not met. Last year's
        # value is at 31 Mar 2024 (20), not the 30 Jun 2024 row, which is this year's.
        ("OUTSIDE", "2024-03-31", 20, 25, None),
        ("OUTSIDE", "2024-06-30", 35, 25, None),
        ("OUTSIDE", "2024-12-31", 22, 25, None),
        ("OUTSIDE", "2025-06-30", 30, 20, None),
        # only last year's value: no year-end value, no comparison, no target
        ("NO_VALUES", "2024-03-31", 8, 10, None),
    ]
)
EXPECTED = {
    # indicator: (value, previous_value, direction, target_status)
    "HI_UP": (60, 50, "improved", "met"),
    "LO_UP": (12, 10, "declined", "met"),
    "LO_DOWN": (10, 12, "improved", "not met"),
    "HI_DOWN": (65, 70, "declined", "met"),
    "EQUAL": (40, 40, "no change", "no target"),
    "NO_PREV": (4, None, "no comparison", "not met"),
    "OUTSIDE": (22, 20, "improved", "not met"),
    "NO_VALUES": (None, 8, "no comparison", "no target"),
}


@pytest.mark.parametrize("indicator", list(EXPECTED))
def test_assess_indicators_boundary(indicator):
    assessed = assess_indicators(INDICATORS, VALUES, Y).set_index("indicator_id")
    row = assessed.loc[indicator]
    value, previous, direction, target_status = EXPECTED[indicator]
    assert (None if pd.isna(row["value"]) else row["value"]) == value
    assert (None if pd.isna(row["previous_value"]) else row["previous_value"]) == previous
    assert row["direction"] == direction
    assert row["target_status"] == target_status


def test_assess_indicators_keeps_input_order_and_england():
    assessed = assess_indicators(INDICATORS, VALUES, Y)
    assert assessed["indicator_id"].tolist() == INDICATORS["indicator_id"].tolist()
    assert assessed.set_index("indicator_id").loc["HI_UP", "england"] == 58.5
    # OUTSIDE's year-end row is 31 Dec 2024
    ends = assessed.set_index("indicator_id")["period_end"]
    assert ends["OUTSIDE"] == pd.Timestamp("2024-12-31")


def test_select_year_end_values_includes_the_last_day_only_inside():
    values = make_values(
        [
            ("A", "2024-03-31", 1, None, None),  # S - 1: last year
            ("A", "2025-03-31", 2, None, None),  # E: inside
            ("A", "2025-06-30", 3, None, None),  # after E
        ]
    )
    assert select_year_end_values(values, Y)["value"].tolist() == [2]
    assert select_year_end_values(values, Y.previous())["value"].tolist() == [1]
    assert select_year_end_values(values, ReportingYear(2020)).empty


def test_count_indicators_per_priority():
    # neglect: HI_UP improved/met, LO_UP declined/met, LO_DOWN improved/not met
    #   -> 3 indicators, 2 improved, 1 declined, 3 with target, 2 met
    # early_help: HI_DOWN declined/met, EQUAL no change/no target, NO_PREV no comparison/not met
    #   -> 3 indicators, 0 improved, 1 declined, 1 no change, 1 no comparison, 2 with target, 1 met
    # harm_outside_home: OUTSIDE improved/not met, NO_VALUES no comparison/no target
    #   -> 2 indicators, 1 improved, 0 declined, 1 no comparison, 1 with target, 0 met
    counts = count_indicators(assess_indicators(INDICATORS, VALUES, Y), [*IDS, "none"])
    counts = counts.set_index("priority")
    columns = [
        "indicators",
        "improved",
        "declined",
        "no_change",
        "no_comparison",
        "with_target",
        "target_met",
    ]
    assert counts.loc["neglect", columns].tolist() == [3, 2, 1, 0, 0, 3, 2]
    assert counts.loc["early_help", columns].tolist() == [3, 0, 1, 1, 1, 2, 1]
    assert counts.loc["harm_outside_home", columns].tolist() == [2, 1, 0, 0, 1, 1, 0]
    assert counts.loc["none", columns].tolist() == [0] * 7
    assert counts.index.tolist() == [*IDS, "none"]


def test_select_quarterly_values_over_trend_years():
    # trend(2) = 2023-24 and 2024-25: 1 Apr 2023 to 31 Mar 2025. NO_PREV's 31 Mar 2023 and
    # OUTSIDE's 30 Jun 2025 fall outside. OUTSIDE keeps 31 Mar 2024 (2023-24), 30 Jun and
    # 31 Dec 2024 (2024-25), in date order.
    series = select_quarterly_values(INDICATORS, VALUES, Y.trend(2))
    outside = series.loc[series["indicator_id"].eq("OUTSIDE")]
    assert outside["period_end"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-31",
        "2024-06-30",
        "2024-12-31",
    ]
    assert outside["reporting_year"].tolist() == ["2023-24", "2024-25", "2024-25"]
    assert series.loc[series["indicator_id"].eq("NO_PREV"), "value"].tolist() == [4]
    # indicators in input order
    assert list(dict.fromkeys(series["indicator_id"])) == INDICATORS["indicator_id"].tolist()


def test_label_reporting_years_at_the_april_boundary():
    labels = label_reporting_years(dates(["2024-03-31", "2024-04-01", "2000-01-01", None]))
    assert labels.tolist()[:3] == ["2023-24", "2024-25", "1999-00"]
    assert pd.isna(labels.iloc[3])


# ------------------------------------------------------------------ facts


def test_facts_priorities_block():
    # Actions: every boundary case under neglect (see test_summarise_actions_counts_every_
    # boundary_together): 9 in scope, 2 completed, 4 overdue, 22.2%. Indicators: see
    # test_count_indicators_per_priority.
    facts = facts_priorities(all_cases(), INDICATORS, VALUES, Y, IDS)
    assert list(facts) == IDS
    assert facts["neglect"] == {
        "actions_in_scope": 9,
        "actions_completed": 2,
        "actions_overdue": 4,
        "actions_completed_pct": 22.2,
        "indicators_improved": 2,
        "indicators_declined": 1,
        "indicators_target_met": 2,
    }
    assert facts["early_help"] == {
        "actions_in_scope": 0,
        "actions_completed": 0,
        "actions_overdue": 0,
        "actions_completed_pct": None,
        "indicators_improved": 0,
        "indicators_declined": 1,
        "indicators_target_met": 1,
    }
    # plain Python values, so json.dumps works
    assert all(type(v) in (int, float, type(None)) for f in facts.values() for v in f.values())


def test_facts_priorities_empty_registers():
    facts = facts_priorities(
        all_cases().iloc[:0], INDICATORS.iloc[:0], VALUES.iloc[:0], Y, ["neglect"]
    )
    assert facts == {
        "neglect": {
            "actions_in_scope": 0,
            "actions_completed": 0,
            "actions_overdue": 0,
            "actions_completed_pct": None,
            "indicators_improved": 0,
            "indicators_declined": 0,
            "indicators_target_met": 0,
        }
    }


def test_indicators_of_other_priorities_are_not_counted():
    indicators = make_indicators([("OLD", "retired_priority", "higher_is_better")])
    values = make_values([("OLD", "2025-03-31", 5, 1, None)])
    counts = count_indicators(assess_indicators(indicators, values, Y), ["neglect"])
    assert counts["indicators"].tolist() == [0]
    assert counts["target_met"].tolist() == [0]
