"""Hand-worked tests of the national review measures (contract, ``national_actions.csv``).

Every expected value was worked out by hand from the rows below; the working is in the
comments. 2024-25: S = 1 April 2024, E = 31 March 2025; 2023-24: 1 April 2023 to
31 March 2024.
"""

from __future__ import annotations

import pandas as pd

from safeguarding_assurance.contract.facts import NATIONAL_REVIEW_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures import national_reviews as nat
from tests.support.registers import make_national_actions

Y = ReportingYear.parse("2024-25")
SILENT = "It's Silent"
CPIE = "Child Protection in England"
CPIE_LOWER = "child protection in England"  # one capital differs: another review
PHASE_1 = "Safeguarding children with disabilities: Phase 1"
PHASE_2 = "Safeguarding children with disabilities: Phase 2"


def action(review: str, published: str, due: str, completed: str | None = None) -> dict:
    return {
        "review": review,
        "review_published_date": published,
        "due_date": due,
        "completed_date": completed,
    }


ACTIONS = make_national_actions(
    action(SILENT, "2025-03-31", "2025-09-30"),  # N1: published on E, open, not yet due
    action(CPIE, "2022-05-25", "2024-03-31", "2024-03-31"),  # N2: completed the day before S
    action(CPIE, "2022-05-25", "2024-06-30", "2024-04-01"),  # N3: completed on S
    action(CPIE_LOWER, "2022-05-25", "2025-03-31", "2025-04-01"),  # N4: due E, done E + 1
    action(PHASE_2, "2025-04-01", "2025-12-31"),  # N5: published the day after E
    action(PHASE_1, "2023-10-24", "2024-12-31", "2025-03-31"),  # N6: completed on E
    action(PHASE_1, "2023-10-24", "2025-01-31"),  # N7: open and overdue
)


def test_block_for_the_year():
    # acted on (published <= E, not completed before S): N1, N3, N4, N6, N7
    #   -> reviews It's Silent, CPIE, cpie (a capital differs), Phase 1 = 4
    #   (N2 was completed before S; N5 was published after E)
    # completed in the year: N3 (on S), N6 (on E) = 2
    # open at E (published <= E, not completed by E): N1, N4 (completed the day after), N7 = 3
    # overdue (open, due <= E): N4 (due on E), N7 = 2
    assert nat.facts_national_reviews(ACTIONS, Y) == {
        "reviews_acted_on": 4,
        "actions_completed": 2,
        "actions_open": 3,
        "actions_overdue": 2,
    }


def test_block_keys_are_the_contracts_in_order():
    assert list(nat.facts_national_reviews(ACTIONS, Y)) == list(NATIONAL_REVIEW_KEYS)


def test_the_year_before():
    # acted on: N2 (completed on that year's E, not before its S), N3, N4, N6, N7
    #   -> CPIE, cpie, Phase 1 = 3 (N1 and N5 published later)
    # completed: N2 = 1; open at 31 Mar 2024: N3, N4, N6, N7 = 4; overdue: none due by
    #   then (N3 30 Jun 2024, N4 31 Mar 2025, N6 31 Dec 2024, N7 31 Jan 2025) = 0
    assert nat.facts_national_reviews(ACTIONS, Y.previous()) == {
        "reviews_acted_on": 3,
        "actions_completed": 1,
        "actions_open": 4,
        "actions_overdue": 0,
    }


def test_titles_are_compared_exactly():
    same = make_national_actions(
        action(CPIE, "2022-05-25", "2025-06-30"),
        action(CPIE, "2022-05-25", "2025-06-30"),
        action(CPIE + " (2022)", "2022-05-25", "2025-06-30"),  # a year added: another review
    )
    assert nat.facts_national_reviews(same, Y)["reviews_acted_on"] == 2


def test_an_action_completed_before_the_year_is_not_acted_on():
    only = make_national_actions(action(CPIE, "2022-05-25", "2024-03-31", "2024-03-31"))
    assert nat.facts_national_reviews(only, Y) == {
        "reviews_acted_on": 0,
        "actions_completed": 0,
        "actions_open": 0,
        "actions_overdue": 0,
    }


def test_an_empty_register_reports_zeros():
    assert nat.facts_national_reviews(make_national_actions(), Y) == dict.fromkeys(
        NATIONAL_REVIEW_KEYS, 0
    )


def test_by_review_and_open_actions():
    table = nat.summarise_by_review(ACTIONS, Y)
    # earliest published first: CPIE and cpie (25 May 2022, by title), Phase 1, It's Silent
    assert table["review"].tolist() == [CPIE, CPIE_LOWER, PHASE_1, SILENT]
    # CPIE: N2 not acted on, N3 acted on and completed
    assert table.iloc[0][["actions", "completed", "open", "overdue"]].tolist() == [1, 1, 0, 0]
    assert table.iloc[2][["actions", "completed", "open", "overdue"]].tolist() == [2, 1, 1, 1]
    open_ = nat.list_open_actions(ACTIONS, Y)
    # overdue first, by due date: N7 (31 Jan 2025), N4 (31 Mar 2025); then N1
    assert open_["review"].tolist() == [PHASE_1, CPIE_LOWER, SILENT]
    assert open_["overdue"].tolist() == [True, True, False]


def test_trend():
    trend = nat.trend_national_actions(ACTIONS, Y.trend(2))
    assert trend["actions_open"].tolist() == [4, 3]
    assert trend["reviews_acted_on"].tolist() == [3, 4]


def test_measures_never_change_their_input():
    before = ACTIONS.copy()
    nat.summarise_national_actions(ACTIONS, Y)
    nat.summarise_by_review(ACTIONS, Y)
    pd.testing.assert_frame_equal(ACTIONS, before)
