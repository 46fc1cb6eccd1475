"""Data-quality measures over tiny hand-made frames; expected values worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.errors import Problem
from safeguarding_assurance.measures import quality as q

Y = ReportingYear(2024)  # 2024-25: 1 April 2024 to 31 March 2025


def dates(*values: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)), dtype="datetime64[us]")


def text(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def test_label_reporting_years_on_the_boundaries():
    labels = q.label_reporting_years(dates("2024-03-31", "2024-04-01", "2025-03-31", None))
    assert labels.iloc[:3].tolist() == ["2023-24", "2024-25", "2024-25"]
    assert pd.isna(labels.iloc[3])


def test_count_rows_by_year_and_empty_years():
    tables = {
        # two in 2023-24 (one on its last day), one in 2024-25, one before the years shown
        "reviews": pd.DataFrame(
            {"notification_date": dates("2023-04-01", "2024-03-31", "2024-04-01", "2020-01-01")}
        ),
        "workforce": pd.DataFrame({"reporting_year": text("2024-25", "2024-25")}),
    }
    years = [ReportingYear(2023), Y]
    counts = q.count_rows_by_year(tables, years)
    assert counts.to_dict("records") == [
        {
            "file": "reviews.csv",
            "counted by": "notification_date",
            "2023-24": 2,
            "2024-25": 1,
            "other years": 1,
        },
        {
            "file": "workforce.csv",
            "counted by": "reporting_year",
            "2023-24": 0,
            "2024-25": 2,
            "other years": 0,
        },
    ]
    empty = q.find_empty_years(counts, years)
    assert empty[["file", "value"]].to_dict("records") == [
        {"file": "workforce.csv", "value": "2023-24"}
    ]
    assert (empty["kind"] == q.KIND_EMPTY_YEAR).all()


def test_count_rows_by_file_uses_the_file_names_read():
    tables = {"training": pd.DataFrame({"a": [1, 2, 3]}), "reviews": pd.DataFrame({"a": [1]})}
    counts = q.count_rows_by_file(tables, {"training": "training.xlsx"})
    # contract order: reviews before training
    assert counts.to_dict("records") == [
        {"file": "reviews.csv", "rows": 1},
        {"file": "training.xlsx", "rows": 3},
    ]


def test_measure_completeness():
    reviews = pd.DataFrame(
        {
            # four reviews in 2024-25 (ethnicity known for WBRI and AIND: 2 of 4 = 50.0%),
            # one in 2023-24 that does not count
            "notification_date": dates(
                "2024-04-01", "2024-06-01", "2024-09-01", "2025-03-31", "2024-03-31"
            ),
            "ethnicity": text("WBRI", "REFU", "NOBT", "AIND", "WBRI"),
            "themes": text("neglect", None, None, None, "neglect"),  # 1 of 4 = 25.0%
        }
    )
    training = pd.DataFrame(
        {
            # three completions in 2024-25; only the first has both scores: 1 of 3 = 33.3%
            "date": dates("2024-05-01", "2024-05-01", "2024-05-01", "2024-05-01"),
            "outcome": text("completed", "completed", "completed", "did_not_attend"),
            "confidence_before": pd.array([2, 3, None, 1], dtype="Int64"),
            "confidence_after": pd.array([4, None, 5, 1], dtype="Int64"),
            "agency": text("Council", "Police", "Police", "Health"),
        }
    )
    workforce = pd.DataFrame(
        {"reporting_year": text("2024-25", "2023-24"), "agency": text("Council", "Police")}
    )
    values = pd.DataFrame(
        {
            # two values in 2024-25, one with a target (50.0%), none with England (0.0%)
            "period_end": dates("2024-06-30", "2025-03-31", "2024-03-31"),
            "target": [1.0, None, 2.0],
            "england": [None, None, 3.0],
        }
    )
    tables = {
        "reviews": reviews,
        "training": training,
        "workforce": workforce,
        "indicator_values": values,
    }
    result = q.measure_completeness(tables, Y)
    assert result[["recorded", "of", "percent"]].to_numpy().tolist() == [
        [2, 4, 50.0],
        [1, 4, 25.0],
        [1, 3, 33.3],
        # agencies with completions: Council, Police; only Council has a 2024-25 figure
        [1, 2, 50.0],
        [1, 2, 50.0],
        [0, 2, 0.0],
    ]
    public = q.measure_completeness(tables, Y, include_reviews=False)
    assert not public["measure"].str.contains("Reviews").any()
    assert len(public) == 4


def test_completeness_of_an_empty_year_is_z():
    values = pd.DataFrame({"period_end": dates("2020-06-30"), "target": [1.0], "england": [1.0]})
    result = q.measure_completeness({"indicator_values": values}, Y)
    assert result["of"].tolist() == [0, 0]
    assert result["percent"].tolist() == [None, None]


def test_find_overdue_pending_counts_working_days():
    reviews = pd.DataFrame(
        {
            "case_ref": text("R1", "R2", "R3", "R4"),
            # R1 Mon 3 March 2025: days after it up to Tue 25 March are 4+5+5+2 = 16 working
            # days (no bank holidays in March 2025), more than 15: listed.
            # R2 Tue 4 March: 3+5+5+2 = 15, not more than 15: not listed.
            # R3 decided; R4 notified after the year's end: neither listed.
            "notification_date": dates("2025-03-03", "2025-03-04", "2025-01-06", "2025-04-01"),
            "decision": text("pending", "pending", "lcspr", "pending"),
        }
    )
    found = q.find_overdue_pending(
        reviews, dt.date(2025, 3, 25), 15, up_to=Y.end, rows=pd.Index([2, 3, 4, 6])
    )
    assert found[["row", "value"]].to_numpy().tolist() == [[2, "R1"]]
    assert "16 working days" in found.loc[0, "warning"]


def test_find_stalled_actions():
    actions = pd.DataFrame(
        {
            "action_id": text("A", "B", "C", "D"),
            "status": text("not_started", "not_started", "in_progress", "not_started"),
            # A due before the extract date: listed. B due on it: not yet past due.
            # C past due but in progress. D starts after the year's end.
            "due_date": dates("2025-05-01", "2025-06-02", "2025-01-01", "2025-05-01"),
            "start_date": dates("2024-04-01", "2024-04-01", "2024-04-01", "2025-04-02"),
        }
    )
    found = q.find_stalled_actions(actions, dt.date(2025, 6, 2), up_to=Y.end)
    # no row numbers given: position + 2 (header is row 1)
    assert found[["row", "value"]].to_numpy().tolist() == [[2, "A"]]


def test_find_future_dates_groups_by_column():
    training = pd.DataFrame({"date": dates("2025-06-01", "2025-07-01", "2025-08-01")})
    found = q.find_future_dates(
        {"training": training}, dt.date(2025, 6, 2), {"training": pd.Index([2, 5, 7])}
    )
    (record,) = found.to_dict("records")
    assert (record["file"], record["row"], record["column"]) == ("training.csv", 5, "date")
    assert record["warning"].startswith("2 row(s) dated after 2025-06-02")


def test_problems_become_warnings_with_their_kind_and_are_counted():
    problems = [
        Problem(
            "actions.csv",
            3,
            "description",
            "943 *** ****",
            "free text looks like it holds an NHS number: remove it",
        ),
        Problem(
            "actions.csv",
            4,
            "description",
            "M1 ***",
            "free text looks like it holds a postcode: remove it",
        ),
        Problem(
            "actions.csv",
            5,
            "description",
            "M2 ***",
            "free text looks like it holds a postcode: remove it",
        ),
    ]
    frame = q.frame_problems(problems)
    assert frame["kind"].tolist() == [q.KIND_NHS_TEXT, q.KIND_POSTCODE_TEXT, q.KIND_POSTCODE_TEXT]
    combined = q.combine_warnings(frame, pd.DataFrame(columns=q.WARNING_COLUMNS))
    counts = q.count_warnings_by_kind(combined)
    assert counts.to_numpy().tolist() == [[q.KIND_NHS_TEXT, 1], [q.KIND_POSTCODE_TEXT, 2]]


def test_the_registers_rows_per_year_and_which_empty_years_are_warned():
    from tests.support.registers import make_audits, make_national_actions

    years = ReportingYear.parse("2024-25").trend(2)
    audits = make_audits({"completed_date": "2024-04-01", "cases_audited": 1})
    # an action on a review published in 2022 still runs: a year with no review
    # published is not a year without figures, so it is not warned about
    actions = make_national_actions(
        {"review": "R", "review_published_date": "2022-05-25", "due_date": "2025-06-30"}
    )
    counts = q.count_rows_by_year({"audits": audits, "national_actions": actions}, years)
    assert counts.to_dict("records") == [
        {"file": "audits.csv", "counted by": "completed_date", "2023-24": 0, "2024-25": 1,
         "other years": 0},
        {"file": "national_actions.csv", "counted by": "review_published_date", "2023-24": 0,
         "2024-25": 0, "other years": 1},
    ]  # fmt: skip
    empty = q.find_empty_years(counts, years)
    assert list(zip(empty["file"], empty["value"], strict=True)) == [("audits.csv", "2023-24")]


def test_register_dates_after_the_extract_are_warned():
    from tests.support.registers import make_feedback

    feedback = make_feedback(
        {"date": "2025-07-01", "group": "children", "method": "survey", "participants": 1}
    )
    found = q.find_future_dates({"feedback": feedback}, dt.date(2025, 6, 2))
    assert list(zip(found["file"], found["column"], found["row"], strict=True)) == [
        ("feedback.csv", "date", 2)
    ]
