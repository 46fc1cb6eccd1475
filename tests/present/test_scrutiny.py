"""The scrutiny reading: key messages, where progress was limited and the board's questions.

Small facts documents made by hand; every expected sentence is read off them.
"""

from __future__ import annotations

import re

import pytest

from safeguarding_assurance.contract.facts import facts_skeleton
from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.present.scrutiny import (
    at_a_glance,
    describe_indicator,
    judge,
    read_year,
)

PARAMS = validate_values(
    {
        "reporting_year": "2024-25",
        "partnership_name": "Test",
        "data_dir": "data",
        "audience": "public",
        "priorities": [{"id": "eh", "name": "Early help"}, {"id": "ng", "name": "Neglect"}],
    },
    "test",
)


def _facts(year: str) -> dict:
    return facts_skeleton(year, "public", ["eh", "ng"])


def _year() -> tuple[dict, dict]:
    now, last = _facts("2024-25"), _facts("2023-24")
    now["priorities"]["eh"] |= {
        "actions_in_scope": 10,
        "actions_completed": 8,
        "actions_overdue": 1,
        "actions_completed_pct": 80.0,
    }
    now["priorities"]["ng"] |= {
        "actions_in_scope": 10,
        "actions_completed": 4,
        "actions_overdue": 5,
        "actions_completed_pct": 40.0,
    }
    last["priorities"]["eh"] |= {"actions_in_scope": 10, "actions_completed": 5}
    last["priorities"]["ng"] |= {"actions_in_scope": 10, "actions_completed": 5}
    now["assessment"]["priorities"] = {"eh": "good_progress", "ng": "little_progress"}
    now["reviews"] |= {
        "notifications": 3,
        "rapid_reviews_completed": 3,
        "rapid_review_within_timescale_pct": 66.7,
        "recommendations_overdue": 5,
    }
    last["reviews"] |= {
        "notifications": 4,
        "rapid_reviews_completed": 4,
        "rapid_review_within_timescale_pct": 100.0,
        "recommendations_overdue": 2,
    }
    now["training"] |= {
        "reach_pct": 38.5,
        "gcp2_practitioners_trained": 560,
        "mean_confidence_change": 0.77,
    }
    last["training"] |= {"reach_pct": 37.0, "mean_confidence_change": 0.76}
    return now, last  # fmt: skip


INDICATORS = [
    {
        "indicator_id": "RR", "priority": "eh", "name": "Re-referrals within 12 months",
        "unit": "percent", "polarity": "lower_is_better", "value": 24.1, "previous_value": 22.0,
        "target": 20.0, "england": 21.5, "direction": "declined", "target_status": "not met",
        "status": "concern",
    },
    {
        "indicator_id": "CP", "priority": "ng", "name": "Child protection plans",
        "unit": "rate_per_10k", "polarity": "lower_is_better", "value": 39.5,
        "previous_value": 42.3, "target": 42.0, "england": 41.6, "direction": "improved",
        "target_status": "met", "status": "good",
    },
]  # fmt: skip


@pytest.fixture
def reading():
    now, last = _year()
    return read_year(now, last, PARAMS, {"indicators": INDICATORS})


def test_judge_reads_which_way_is_better():
    assert judge(5, 3, "higher") == "better"
    assert judge(5, 3, "lower") == "worse"
    assert judge(3, 3, "lower") == "the same"
    assert judge(None, 3, "lower") is None


def test_five_to_eight_messages_each_with_figure_last_year_and_judgement(reading):
    texts = [m.text for m in reading.messages]
    assert 5 <= len(texts) <= 8
    assert texts[0] == (
        "Of the 2 priorities, 1 made good progress and 1 made little progress (Neglect)."
    )
    # 12 of 20 actions (60.0%) against 10 of 20 (50.0%)
    assert texts[1] == (
        "60.0% of the business plan's actions in scope were completed (12 of 20), better "
        "than last year's 50.0%."
    )
    assert (
        "66.7% of rapid reviews were completed within 15 working days of the notification, "
        "worse than last year's 100.0%." in texts
    )
    assert (
        "5 recommendations from reviews were overdue at the year's end, worse than last "
        "year's 2." in texts
    )
    assert any(t.startswith("Training reached 38.5% of the staff in scope, better than last "
                            "year's 37.0%") for t in texts)  # fmt: skip
    # never a bare direction without a judgement
    for text in texts:
        assert not re.search(r"\b(higher|lower)\b(?! is better)", text), text


def test_notifications_are_never_judged(reading):
    for text in [m.text for m in reading.messages] + reading.questions:
        assert "notif" not in text.lower() or "better" not in text.lower()


def test_where_progress_was_limited_names_every_concern_with_its_figures(reading):
    limited = dict(reading.limited)
    assert limited["Priority: Neglect"] == (
        "4 of 10 actions completed (40.0%, against the 50% below which progress is judged "
        "little); 5 overdue at the year's end; 0 indicators of concern and 1 good."
    )
    assert limited["Indicator: Re-referrals within 12 months"] == (
        "24.1% at the year's end, worse than last year's 22%; missed its target of 20%; "
        "worse than the England figure of 21.5%."
    )
    assert limited["Reviews within timescale"] == (
        "66.7% of rapid reviews completed within 15 working days (last year 100.0%): worse "
        "than last year."
    )
    assert "Recommendations from reviews" in limited
    assert "Priority: Early help" not in limited  # good progress is not a concern


def test_a_question_for_each_concern(reading):
    assert len(reading.questions) == 4
    assert reading.questions[0].startswith("Only 4 of the 10 actions on Neglect were completed")
    assert (
        "On Early help, Re-referrals within 12 months gave concern: worse than last year, or "
        "short of target. What lies behind this, and what are partners doing about it?"
    ) in reading.questions


def test_priorities_by_word_and_symbol_never_colour_alone(reading):
    assert reading.priorities == [
        {"Priority": "Early help", "Progress": "✔ Good progress",
         "Actions": "8 of 10 actions completed (80.0%)"},
        {"Priority": "Neglect", "Progress": "✘ Little progress",
         "Actions": "4 of 10 actions completed (40.0%)"},
    ]  # fmt: skip


def test_describe_indicator_reads_england_through_polarity():
    good = INDICATORS[1]
    assert describe_indicator(good) == (
        "39.5 per 10,000 children at the year's end, better than last year's 42.3 per 10,000 "
        "children; met its target of 42 per 10,000 children; better than the England figure "
        "of 41.6 per 10,000 children."
    )


def test_optional_registers_add_their_concerns_only_when_supplied(reading):
    now, last = _year()
    now["national_reviews"] = {
        "reviews_acted_on": 2,
        "actions_completed": 3,
        "actions_open": 4,
        "actions_overdue": 2,
    }
    now["audits"] = {
        "audits_completed": 3,
        "cases_audited": 20,
        "rated_good_pct": 50.0,
        "rated_inadequate_pct": 10.0,
        "actions_completed_pct": 75.0,
    }
    with_registers = read_year(now, last, PARAMS, {"indicators": INDICATORS})
    limited = dict(with_registers.limited)
    assert limited["Actions on national reviews"] == (
        "2 actions overdue at the year's end, of 4 open."
    )
    assert limited["Multi-agency audits"] == (
        "10.0% of the cases audited were rated inadequate, with no figure last year to compare."
    )
    assert "Actions on national reviews" not in dict(reading.limited)  # fmt: skip
    # with last year's audits the comparison is read through "lower is better"
    last["audits"] = dict(now["audits"], rated_inadequate_pct=13.5)
    limited = dict(read_year(now, last, PARAMS, {"indicators": INDICATORS}).limited)
    assert limited["Multi-agency audits"] == (
        "10.0% of the cases audited were rated inadequate, better than last year's 13.5%."
    )


def test_every_review_timescale_met_less_often_is_a_concern_with_one_question():
    now, last = _year()
    now["reviews"] |= {
        "notified_within_timescale_pct": 66.7,
        "lcsprs_published_within_timescale_pct": 50.0,
    }
    last["reviews"] |= {
        "notified_within_timescale_pct": 75.0,
        "lcsprs_published_within_timescale_pct": 75.0,
    }
    reading = read_year(now, last, PARAMS, {"indicators": INDICATORS})
    limited = dict(reading.limited)
    assert limited["Reviews within timescale"] == (
        "66.7% of serious incidents notified within 5 working days (last year 75.0%); 66.7% "
        "of rapid reviews completed within 15 working days (last year 100.0%); 50.0% of "
        "LCSPRs (local child safeguarding practice reviews) published within 6 months of the "
        "rapid review (last year 75.0%): worse than last year."
    )
    asked = [q for q in reading.questions if "statutory timescales" in q]
    assert asked == [
        "Fewer notifications, rapid reviews and LCSPRs met their statutory timescales than "
        "last year. What delayed them, and what will change?"
    ]


def test_the_page_publishes_its_tables_and_discloses_nothing(reading):
    section = at_a_glance(reading, "public", "2024-25")
    names = [t.name for t in section.tables]
    assert names == ["key_messages", "priority_progress", "progress_limited", "board_questions"]
    html = section.html()
    assert "<h3>Where progress was limited</h3>" in html
    assert "<h3>Questions the board may wish to ask</h3>" in html


def test_feedback_leading_to_less_change_and_falling_funding_are_concerns():
    now, last = _year()
    now["feedback"] = {
        "activities": 7,
        "participants": 399,
        "children_and_young_people": 366,
        "activities_with_change_pct": 57.1,
    }
    last["feedback"] = {**now["feedback"], "activities_with_change_pct": 75.0}
    now["funding"] = {
        "total_gbp": 391000,
        "change_pct": -2.3,
        "partners_contributing": 5,
        "statutory_partners_share_pct": 86.7,
    }
    found = read_year(now, last, PARAMS, {"indicators": INDICATORS})
    limited = dict(found.limited)
    assert limited["Acting on what children and families said"] == (
        "57.1% of the activities with children and families led to a recorded change, worse "
        "than last year's 75.0%."
    )
    assert limited["Partners' contributions"] == "£391,000 in all, down 2.3% on last year."
    assert any(q.startswith("Partners' contributions fell by 2.3%.") for q in found.questions)
    # a rise, or the same share of activities leading to change, is no concern
    now["funding"]["change_pct"] = 5.5
    last["feedback"]["activities_with_change_pct"] = 57.1
    calm = dict(read_year(now, last, PARAMS, {"indicators": INDICATORS}).limited)
    assert "Partners' contributions" not in calm
    assert "Acting on what children and families said" not in calm
