"""Hand-worked tests of the feedback measures (contract, "Optional registers", ``feedback.csv``).

Every expected value was worked out by hand from the rows below; the working is in the
comments. S = 1 April 2024, E = 31 March 2025.
"""

from __future__ import annotations

import pandas as pd

from safeguarding_assurance.contract.facts import FEEDBACK_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures import feedback as fbk
from tests.support.registers import make_feedback

Y = ReportingYear.parse("2024-25")


def activity(date: str, group: str, method: str, people: int, change: str | None = None):
    return {
        "date": date,
        "group": group,
        "method": method,
        "participants": people,
        "change_made": change,
    }


FEEDBACK = make_feedback(
    activity("2024-04-01", "children", "survey", 30, "Leaflets rewritten"),  # F1: on S
    activity("2025-03-31", "young_people", "focus_group", 8, "   "),  # F2: on E, spaces only
    activity("2024-10-10", "parents_carers", "consultation", 12),  # F3: no change yet
    activity("2024-03-31", "children", "advocacy", 5, "A change"),  # F4: 2023-24
    activity("2025-04-01", "young_people", "other", 9),  # F5: 2025-26
    activity("2024-12-01", "young_people", "complaint", 0, "Process changed"),  # F6
)


def test_block_for_the_year():
    # activities F1, F2, F3, F6 = 4; participants 30 + 8 + 12 + 0 = 50
    # children and young people: F1 30 + F2 8 + F6 0 = 38 (F3 is parents and carers)
    # with a change: F1, F6 = 2 of 4 = 50.0 (F2's spaces are blank, F3 is empty)
    assert fbk.facts_feedback(FEEDBACK, Y) == {
        "activities": 4,
        "participants": 50,
        "children_and_young_people": 38,
        "activities_with_change_pct": 50.0,
    }


def test_block_keys_are_the_contracts_in_order():
    assert list(fbk.facts_feedback(FEEDBACK, Y)) == list(FEEDBACK_KEYS)


def test_the_days_either_side_of_the_year():
    assert fbk.facts_feedback(FEEDBACK, Y.previous()) == {
        "activities": 1,
        "participants": 5,
        "children_and_young_people": 5,
        "activities_with_change_pct": 100.0,
    }
    assert fbk.facts_feedback(FEEDBACK, ReportingYear.parse("2025-26")) == {
        "activities": 1,
        "participants": 9,
        "children_and_young_people": 9,
        "activities_with_change_pct": 0.0,
    }


def test_a_year_without_activities():
    assert fbk.facts_feedback(FEEDBACK, ReportingYear.parse("2022-23")) == {
        "activities": 0,
        "participants": 0,
        "children_and_young_people": 0,
        "activities_with_change_pct": None,
    }


def test_only_parents_and_carers_gives_no_children():
    frame = make_feedback(activity("2024-06-01", "parents_carers", "survey", 7))
    assert fbk.facts_feedback(frame, Y)["children_and_young_people"] == 0


def test_change_made_of_spaces_or_tabs_is_blank():
    changes = pd.Series(["x", "   ", "\t ", "", None, " done "], dtype="object")
    assert fbk.has_change(changes).tolist() == [True, False, False, False, False, True]


def test_two_of_three_rounds_half_up():
    frame = make_feedback(
        activity("2024-06-01", "children", "survey", 1, "a"),
        activity("2024-06-02", "children", "survey", 1, "b"),
        activity("2024-06-03", "children", "survey", 1),
    )
    assert fbk.facts_feedback(frame, Y)["activities_with_change_pct"] == 66.7


def test_counts_by_group_list_every_group():
    table = fbk.count_by(FEEDBACK, Y, "group")
    assert table.to_dict("list") == {
        "group": ["children", "young_people", "parents_carers"],
        "activities": [1, 2, 1],
        "participants": [30, 8, 12],
    }
    methods = fbk.count_by(FEEDBACK, Y, "method")
    assert methods["method"].tolist()[-1] == "other" and methods["activities"].sum() == 4


def test_list_activities_shows_blank_change_as_none():
    listed = fbk.list_activities(FEEDBACK, Y)
    assert [str(d.date()) for d in listed["date"]] == [
        "2024-04-01",
        "2024-10-10",
        "2024-12-01",
        "2025-03-31",
    ]
    assert listed["change_made"].tolist() == ["Leaflets rewritten", None, "Process changed", None]


def test_trend_and_purity():
    trend = fbk.trend_feedback(FEEDBACK, Y.trend(2))
    assert trend["participants"].tolist() == [5, 50]
    before = FEEDBACK.copy()
    fbk.summarise_feedback(FEEDBACK, Y)
    fbk.list_activities(FEEDBACK, Y)
    pd.testing.assert_frame_equal(FEEDBACK, before)
