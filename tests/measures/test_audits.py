"""Hand-worked tests of the audit measures (contract, "Optional registers", ``audits.csv``).

Every expected value was worked out by hand from the rows below; the working is in the
comments. S = 1 April 2024, E = 31 March 2025.
"""

from __future__ import annotations

from safeguarding_assurance.contract.facts import AUDIT_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures import audits as aud
from tests.support.registers import make_audits

Y = ReportingYear.parse("2024-25")


def row(date: str, cases: int, good: int, ri: int, inadequate: int, agreed: int, done: int):
    return {
        "completed_date": date,
        "cases_audited": cases,
        "rated_good": good,
        "rated_requires_improvement": ri,
        "rated_inadequate": inadequate,
        "actions_agreed": agreed,
        "actions_completed": done,
    }


AUDITS = make_audits(
    row("2024-04-01", 2, 1, 1, 0, 3, 3),  # A1: on S, in 2024-25
    row("2025-03-31", 14, 0, 10, 4, 0, 0),  # A2: on E, in 2024-25; no actions agreed
    row("2024-03-31", 5, 5, 0, 0, 2, 1),  # A3: the day before S: 2023-24
    row("2025-04-01", 3, 0, 0, 3, 1, 0),  # A4: the day after E: 2025-26
    row("2021-06-01", 1, 1, 0, 0, 0, 0),  # A5: 2021-22, no actions agreed at all
)


def test_block_for_the_year_sums_exactly_then_rounds_half_up():
    # A1 + A2: cases 2 + 14 = 16; good 1 + 0 = 1 -> 1/16 = 6.25% -> 6.3 (half up, not 6.2)
    # (the mean of the two audits' rates would be (50% + 0%) / 2 = 25%: sums, not means)
    # inadequate 0 + 4 = 4 -> 4/16 = 25.0; actions 3 + 0 completed of 3 + 0 agreed = 100.0
    assert aud.facts_audits(AUDITS, Y) == {
        "audits_completed": 2,
        "cases_audited": 16,
        "rated_good_pct": 6.3,
        "rated_inadequate_pct": 25.0,
        "actions_completed_pct": 100.0,
    }


def test_block_keys_are_the_contracts_in_order():
    assert list(aud.facts_audits(AUDITS, Y)) == list(AUDIT_KEYS)


def test_the_days_either_side_of_the_year_belong_to_other_years():
    # A3 alone in 2023-24: 5 of 5 good, none inadequate, 1 of 2 actions
    assert aud.facts_audits(AUDITS, Y.previous()) == {
        "audits_completed": 1,
        "cases_audited": 5,
        "rated_good_pct": 100.0,
        "rated_inadequate_pct": 0.0,
        "actions_completed_pct": 50.0,
    }
    # A4 alone in 2025-26: 3 of 3 inadequate, 0 of 1 action
    assert aud.facts_audits(AUDITS, ReportingYear.parse("2025-26")) == {
        "audits_completed": 1,
        "cases_audited": 3,
        "rated_good_pct": 0.0,
        "rated_inadequate_pct": 100.0,
        "actions_completed_pct": 0.0,
    }


def test_no_actions_agreed_gives_null_not_zero():
    # A5: one audit, one case rated good, no actions agreed -> actions_completed_pct null
    facts = aud.facts_audits(AUDITS, ReportingYear.parse("2021-22"))
    assert facts["rated_good_pct"] == 100.0
    assert facts["actions_completed_pct"] is None


def test_a_year_without_audits_reports_zeros_and_nulls():
    assert aud.facts_audits(AUDITS, ReportingYear.parse("2022-23")) == {
        "audits_completed": 0,
        "cases_audited": 0,
        "rated_good_pct": None,
        "rated_inadequate_pct": None,
        "actions_completed_pct": None,
    }
    assert aud.facts_audits(make_audits(), Y)["audits_completed"] == 0


def test_summary_carries_the_sums_and_requires_improvement():
    summary = aud.summarise_audits(AUDITS, Y)
    # requires improvement 1 + 10 = 11 of 16 = 68.75% -> 68.8
    assert summary["rated_requires_improvement_pct"] == 68.8
    assert (summary["rated_good"], summary["rated_requires_improvement"]) == (1, 11)
    assert (summary["rated_inadequate"], summary["actions_agreed"]) == (4, 3)
    assert summary["actions_completed"] == 3


def test_trend_and_list():
    years = Y.trend(2)
    trend = aud.trend_audits(AUDITS, years)
    assert trend["reporting_year"].tolist() == ["2023-24", "2024-25"]
    assert trend["audits_completed"].tolist() == [1, 2]
    listed = aud.list_audits(AUDITS, Y)
    assert [str(d.date()) for d in listed["completed_date"]] == ["2024-04-01", "2025-03-31"]
    assert "audit_id" not in listed.columns


def test_measures_never_change_their_input():
    before = AUDITS.copy()
    aud.summarise_audits(AUDITS, Y)
    aud.list_audits(AUDITS, Y)
    assert AUDITS.equals(before)
