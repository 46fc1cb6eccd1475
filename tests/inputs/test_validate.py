"""The rules in plain English: normalisation, messages, ordering and the problem list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import Params, Priority
from safeguarding_assurance.contract.schemas import SCHEMAS
from safeguarding_assurance.errors import Problem
from safeguarding_assurance.inputs import validate as v
from safeguarding_assurance.inputs.read import RawTable, SourceFile


def raw_table(table: str, rows: list[dict[str, str]], header: list[str] | None = None) -> RawTable:
    """A text frame as io.read_raw_table gives it: index = spreadsheet row, blanks missing."""
    header = header or SCHEMAS[table].column_names
    frame = pd.DataFrame(
        [[r.get(c) for c in header] for r in rows], columns=range(len(header)), dtype="str"
    )
    frame.index = pd.RangeIndex(2, 2 + len(rows))
    source = SourceFile(table, f"{table}.csv", Path(f"{table}.csv"), "csv", "0", 0, len(rows))
    return RawTable(source, header, frame)


def params(trend_years: int = 4) -> Params:
    return Params(
        reporting_year="2024-25",
        partnership_name="Test",
        data_dir="data",
        audience="internal",
        priorities=(Priority("early_help", "Early help"), Priority("neglect", "Neglect")),
        trend_years=trend_years,
        root=Path("."),
    )


WORKFORCE = {"reporting_year": "2024-25", "agency": "Council", "sector": "police", "staff": "5"}


# ---------------------------------------------------------------- NHS numbers


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        # 9,4,3,4,7,6,5,9,1 x 10..2 = 299; 299 mod 11 = 2; 11 - 2 = 9: valid
        ("9434765919", True),
        ("943 476 5919", True),
        ("943-476-5919", True),
        ("9434765918", False),  # last digit should be 9
        # 1,2,3,4,5,6,7,8,9 x 10..2 = 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1;
        # 11 - 1 = 10: no number with these nine digits is valid
        ("1234567890", False),
        # 0,0,0,0,0,0,0,0,0 -> sum 0; 11 - 0 = 11, which becomes 0: valid
        ("0000000000", True),
        ("943476591", False),  # nine digits
        ("R-01", False),
    ],
)
def test_is_nhs_number(value, valid):
    assert v.is_nhs_number(pd.Series([value])).tolist() == [valid]


def test_identifier_refused_only_when_mostly_nhs_numbers():
    # 2 of 4 values valid NHS numbers: half, which is refused
    half = raw_table(
        "training", [{"learner_id": x} for x in ("9434765919", "4010232137", "L3", "L4")]
    )
    assert any(
        "pseudonyms must not be NHS numbers" in p.rule
        for p in v.check_table("training", half).errors
    )
    # 1 of 4: a pseudonym that happens to look like one is not enough
    one = raw_table("training", [{"learner_id": x} for x in ("9434765919", "L2", "L3", "L4")])
    assert not any("NHS" in p.rule for p in v.check_table("training", one).errors)


# ---------------------------------------------------------------- normalisation


def test_allowed_values_are_normalised_to_lower_case_and_codes_to_upper():
    rows = [
        {
            "case_ref": "R1",
            "aware_date": "01/05/2024",
            "notification_date": "2024-05-03",
            "decision": "PENDING",
            "incident_type": "Death",
            "age_years": "3.0",
            "sex": "Female",
            "ethnicity": "wbri",
            "themes": "Neglect ; VOICE_OF_CHILD;",
        }
    ]
    checked = v.check_table("reviews", raw_table("reviews", rows))
    assert checked.errors == []
    row = checked.frame.iloc[0]
    assert (row["decision"], row["incident_type"], row["sex"]) == ("pending", "death", "female")
    assert row["ethnicity"] == "WBRI"
    assert row["themes"] == "neglect;voice_of_child"
    assert row["aware_date"] == pd.Timestamp("2024-05-01")  # 1 May: day first
    assert row["age_years"] == 3


def test_priority_is_normalised_to_lower_case():
    rows = [
        {
            "indicator_id": "I1",
            "priority": "NEGLECT",
            "name": "x",
            "unit": "count",
            "polarity": "higher_is_better",
        }
    ]
    checked = v.check_table("indicators", raw_table("indicators", rows))
    assert checked.frame.loc[0, "priority"] == "neglect"


def test_invalid_cells_become_missing_and_keep_what_was_typed():
    checked = v.check_table("workforce", raw_table("workforce", [{**WORKFORCE, "staff": "5.5"}]))
    (problem,) = checked.errors
    assert problem == Problem("workforce.csv", 2, "staff", "5.5", "must be a whole number")
    assert pd.isna(checked.frame.loc[0, "staff"])


def test_a_rule_broken_on_many_rows_is_listed_then_summarised(monkeypatch):
    monkeypatch.setattr(v, "MAX_ROWS_PER_RULE", 3)
    rows = [{**WORKFORCE, "agency": f"A{i}", "staff": "x"} for i in range(5)]
    errors = v.check_table("workforce", raw_table("workforce", rows)).errors
    # rows 2, 3, 4 listed; rows 5 and 6 summarised in one line
    assert [p.row for p in errors] == [2, 3, 4, None]
    assert errors[-1].rule.startswith("2 more rows (after row 4) break the same rule")


def test_duplicates_name_every_row_holding_the_value():
    rows = [
        {"recommendation_id": i, "case_ref": "R", "agency": "A", "due_date": "2024-05-01"}
        for i in ("X", "Y", "X")
    ]
    errors = v.check_table("recommendations", raw_table("recommendations", rows)).errors
    assert [(p.row, p.rule) for p in errors] == [
        (2, "`recommendation_id` must be unique: the same value is on rows 2, 4"),
        (4, "`recommendation_id` must be unique: the same value is on rows 2, 4"),
    ]


def test_unknown_column_with_text_dates_gets_the_date_of_birth_hint():
    header = [*SCHEMAS["workforce"].column_names, "born"]
    rows = [{**WORKFORCE, "born": "2010-02-03"}]
    errors = v.check_table("workforce", raw_table("workforce", rows, header)).errors
    assert errors[0].column == "born"
    assert "never takes dates (dates of birth?)" in errors[0].rule


def test_free_text_scan_masks_what_it_finds():
    rows = [
        {
            "action_id": "A1",
            "priority": "neglect",
            "lead_agency": "Council",
            "description": "Spoke to NHS 943 476 5919 at M1 1AE",
            "start_date": "2024-04-01",
            "due_date": "2024-05-01",
            "status": "in_progress",
        }
    ]
    warnings = v.check_table("actions", raw_table("actions", rows)).warnings
    assert sorted(w.value for w in warnings) == ["943 *** ****", "M1 ***"]
    assert all((w.row, w.column) == (2, "description") for w in warnings)


def test_text_that_only_resembles_a_postcode_or_nhs_number_is_not_flagged():
    rows = [
        {
            "action_id": "A1",
            "priority": "neglect",
            "lead_agency": "Council",
            "description": "Deliver GCP2 training in Q3 2024 to 1234567890 staff",
            "start_date": "2024-04-01",
            "due_date": "2024-05-01",
            "status": "in_progress",
        }
    ]
    assert v.check_table("actions", raw_table("actions", rows)).warnings == []


# ---------------------------------------------------------------- rows a run reads


def test_read_window_covers_the_trend_years_and_last_year():
    # 2024-25 with 4 trend years: 2021-22 .. 2024-25
    assert v.read_window(params(4)) == (pd.Timestamp("2021-04-01"), pd.Timestamp("2025-03-31"))
    # with 1 trend year the comparison with last year still reads 2023-24
    assert v.read_window(params(1)) == (pd.Timestamp("2023-04-01"), pd.Timestamp("2025-03-31"))


def test_indicator_priority_checked_only_for_indicators_with_values_in_the_window():
    indicators = v.check_table(
        "indicators",
        raw_table(
            "indicators",
            [
                {
                    "indicator_id": "OLD",
                    "priority": "retired",
                    "name": "x",
                    "unit": "count",
                    "polarity": "higher_is_better",
                },
                {
                    "indicator_id": "NEW",
                    "priority": "retired",
                    "name": "y",
                    "unit": "count",
                    "polarity": "higher_is_better",
                },
            ],
        ),
    ).frame
    values = v.check_table(
        "indicator_values",
        raw_table(
            "indicator_values",
            [
                {"indicator_id": "OLD", "period_end": "2020-03-31", "value": "1"},
                {"indicator_id": "NEW", "period_end": "2024-06-30", "value": "1"},
            ],
        ),
    ).frame
    errors, _ = v.check_references(
        "indicators",
        {"indicators": indicators, "indicator_values": values},
        pd.Index([2, 3]),
        params(),
    )
    assert [(p.row, p.column) for p in errors] == [(3, "priority")]


# ---------------------------------------------------------------- identifiers and the public report

ACTION = {
    "action_id": "A1",
    "priority": "early_help",
    "description": "Launch the strategy",
    "lead_agency": "Council",
    "start_date": "2024-04-01",
    "due_date": "2024-09-30",
    "status": "in_progress",
}


def test_free_text_with_an_nhs_number_or_postcode_is_an_identifier_warning():
    checked = v.check_table(
        "actions",
        raw_table(
            "actions",
            [
                {**ACTION, "action_id": "A1", "description": "Call about 943 476 5919"},
                {**ACTION, "action_id": "A2", "description": "Visit NB1 2AB"},
                # 1234567890 has no valid check digit (see above): not an NHS number
                {**ACTION, "action_id": "A3", "description": "Ticket 123 456 7890"},
            ],
        ),
    )
    assert checked.errors == []
    hits = [(w.row, w.column, w.value, w.identifier) for w in checked.warnings]
    assert hits == [(2, "description", "943 *** ****", True), (3, "description", "NB1 ***", True)]


def test_one_nhs_number_in_an_identifier_column_is_a_warning_by_file_and_column():
    # 1 of 4 learner ids is a valid NHS number: below the share that refuses the column
    one = raw_table("training", [{"learner_id": x} for x in ("L1", "L2", "9434765919", "L4")])
    checked = v.check_table("training", one)
    assert not any("NHS" in p.rule for p in checked.errors)
    (warning,) = [w for w in checked.warnings if "NHS" in w.rule]
    assert (warning.file, warning.row, warning.column) == ("training.csv", None, "learner_id")
    assert "1 of 4 values of `learner_id` look like NHS numbers" in warning.rule
    assert "row 4" in warning.rule
    assert warning.value is None  # the value itself is never quoted
    assert not warning.identifier  # learner ids are never published


def test_an_nhs_number_as_a_published_identifier_refuses_the_public_report():
    # action ids are shown in the public overdue-actions table
    checked = v.check_table(
        "actions",
        raw_table(
            "actions",
            [{**ACTION, "action_id": a} for a in ("9434765919", "A2", "A3", "A4")],
        ),
    )
    (warning,) = checked.warnings
    assert (warning.row, warning.column, warning.value) == (2, "action_id", "943 *** ****")
    assert warning.identifier


def test_the_name_of_the_sheet_read_is_scanned_too():
    table = raw_table("workforce", [WORKFORCE])
    table.source = SourceFile(
        "workforce", "workforce.xlsx", Path("workforce.xlsx"), "xlsx", "0", 0, 1, sheet="NB1 2AB"
    )
    (warning,) = v.check_table("workforce", table).warnings
    assert warning.identifier and warning.value == "NB1 ***"


# ---------------------------------------------------------------- bounded fields and numbers


def test_a_text_longer_than_the_limit_is_refused_by_row_and_column():
    long = "x" * (v.MAX_TEXT_CHARS + 1)
    exact = "y" * v.MAX_TEXT_CHARS
    checked = v.check_table(
        "actions",
        raw_table(
            "actions",
            [
                {**ACTION, "action_id": "A1", "description": exact},
                {**ACTION, "action_id": "A2", "description": long},
            ],
        ),
    )
    (problem,) = checked.errors
    assert (problem.row, problem.column) == (3, "description")
    assert f"the text is {v.MAX_TEXT_CHARS + 1:,} characters long: at most 4,000" in problem.rule
    # the message quotes the start of the value only, and says how long it was
    assert problem.value == "x" * 100 + f"… ({v.MAX_TEXT_CHARS + 1:,} characters)"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("1e309", "is too large: a number here must be smaller than 1,000,000,000,000,000"),
        ("-1e309", "is too large"),
        ("1" * 30, "is too large"),
        ("1000000000000000", "is too large"),  # 10**15 itself
        ("inf", "must be a number written with digits"),
        ("nan", "must be a number written with digits"),
        ("Infinity", "must be a number written with digits"),
    ],
)
def test_numbers_that_are_not_finite_or_too_large_are_refused(value, says):
    row = {"indicator_id": "I1", "period_end": "2024-06-30", "value": value}
    checked = v.check_table("indicator_values", raw_table("indicator_values", [row]))
    (problem,) = checked.errors
    assert (problem.row, problem.column, problem.value) == (2, "value", value)
    assert says in problem.rule
    assert checked.frame["value"].isna().all()


def test_the_largest_number_allowed_is_kept_exactly():
    row = {"indicator_id": "I1", "period_end": "2024-06-30", "value": "999999999999999"}
    checked = v.check_table("indicator_values", raw_table("indicator_values", [row]))
    assert checked.errors == [] and checked.frame.loc[0, "value"] == 999_999_999_999_999


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("1" * 30, "is too large: a whole number here has at most 15 digits"),
        ("1" * 16, "is too large"),
        ("-" + "9" * 20, "is too large"),
        ("12.5", "must be a whole number"),
    ],
)
def test_whole_numbers_too_large_for_their_type_are_refused(value, says):
    checked = v.check_table("workforce", raw_table("workforce", [{**WORKFORCE, "staff": value}]))
    (problem,) = checked.errors
    assert (problem.row, problem.column, problem.value) == (2, "staff", value)
    assert says in problem.rule


def test_fifteen_digits_and_leading_zeros_are_whole_numbers():
    checked = v.check_table(
        "workforce",
        raw_table(
            "workforce",
            [
                {**WORKFORCE, "staff": "9" * 15},
                {**WORKFORCE, "agency": "B", "staff": "0" * 20 + "7"},
            ],
        ),
    )
    assert checked.errors == []
    assert checked.frame["staff"].tolist() == [999_999_999_999_999, 7]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1990-01-01", True),
        ("2100-12-31", True),
        ("31/12/2100", True),
        ("1989-12-31", False),
        ("2101-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
        ("01/01/0024", False),
    ],
)
def test_dates_outside_1990_to_2100_are_refused(value, ok):
    row = {"indicator_id": "I1", "period_end": value, "value": "1"}
    checked = v.check_table("indicator_values", raw_table("indicator_values", [row]))
    errors = [p for p in checked.errors if "plausible" in p.rule]
    if ok:
        assert errors == []
    else:
        (problem,) = errors
        assert (problem.row, problem.column, problem.value) == (2, "period_end", value)
        assert "between 1 January 1990 and 31 December 2100" in problem.rule
        assert checked.frame["period_end"].isna().all()


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("9999-00", "is not a plausible reporting year: years from 1990-91 to 2099-00"),
        ("1989-90", "is not a plausible reporting year"),
        ("2100-01", "is not a plausible reporting year"),
        ("2024-26", "must be a reporting year written YYYY-YY"),
    ],
)
def test_implausible_reporting_years_are_refused(value, says):
    checked = v.check_table(
        "workforce", raw_table("workforce", [{**WORKFORCE, "reporting_year": value}])
    )
    (problem,) = checked.errors
    assert (problem.row, problem.column, problem.value) == (2, "reporting_year", value)
    assert says in problem.rule


def test_the_first_and_last_plausible_reporting_years_are_accepted():
    rows = [
        {**WORKFORCE, "reporting_year": "1990-91"},
        {**WORKFORCE, "reporting_year": "2099-00"},
    ]
    assert v.check_table("workforce", raw_table("workforce", rows)).errors == []


# ---------------------------------------------------------------- Excel cells shown as percentages

INDICATORS = [
    {
        "indicator_id": "P1",
        "priority": "early_help",
        "name": "Re-referrals",
        "unit": "percent",
        "polarity": "lower_is_better",
    },
    {
        "indicator_id": "C1",
        "priority": "early_help",
        "name": "Assessments",
        "unit": "count",
        "polarity": "higher_is_better",
    },
]


def percent_values(rows: list[dict[str, str]], percent: dict[int, list[int]]) -> RawTable:
    """indicator_values as the reader gives a workbook: percent cells as the % shown."""
    table = raw_table("indicator_values", rows)
    table.percent = percent
    return table


def check_values(table: RawTable) -> tuple[v.Checked, list[Problem]]:
    indicators = v.check_table("indicators", raw_table("indicators", INDICATORS)).frame
    checked = v.check_table("indicator_values", table)
    errors, _ = v.check_references(
        "indicator_values",
        {"indicators": indicators, "indicator_values": checked.frame},
        checked.rows,
        params(),
        percent=checked.percent,
    )
    return checked, errors


def test_a_percent_cell_of_a_percent_indicator_is_read_as_shown():
    # 0.186 shown as 18.6% in Excel: the reader wrote 18.6; the scale is 0-100
    rows = [{"indicator_id": "P1", "period_end": "2024-06-30", "value": "18.6", "target": "20"}]
    checked, errors = check_values(percent_values(rows, {2: [2], 3: [2]}))
    assert checked.errors == [] and errors == []
    assert checked.frame.loc[0, ["value", "target"]].tolist() == [18.6, 20.0]


def test_a_percent_cell_of_a_count_indicator_is_refused_by_row():
    rows = [
        {"indicator_id": "P1", "period_end": "2024-06-30", "value": "18.6"},
        {"indicator_id": "C1", "period_end": "2024-06-30", "value": "52.5", "target": "1800"},
    ]
    # C1's value cell (row 3) was formatted as a percentage; its target was not
    _, errors = check_values(percent_values(rows, {2: [2, 3]}))
    (problem,) = errors
    assert (problem.file, problem.row, problem.column) == ("indicator_values.csv", 3, "value")
    assert problem.value == "52.5%"
    assert "formatted as a percentage (it shows 52.5% and holds 0.525)" in problem.rule
    assert "indicator C1 is measured as a count, not a percentage" in problem.rule


def test_a_percent_cell_where_no_percentage_is_meant_is_refused():
    table = raw_table("workforce", [WORKFORCE, {**WORKFORCE, "agency": "B", "staff": "50"}])
    table.percent = {3: [3]}  # staff of row 3 shows 50% (holds 0.5)
    checked = v.check_table("workforce", table)
    (problem,) = checked.errors
    assert (problem.row, problem.column, problem.value) == (3, "staff", "50%")
    assert "it shows 50% and holds 0.5" in problem.rule
    assert "this column takes a plain number" in problem.rule
    assert pd.isna(checked.frame.loc[1, "staff"])  # never taken as 0.5, nor as 50


def test_a_percent_cell_in_a_text_column_is_the_text_shown():
    table = raw_table("workforce", [{**WORKFORCE, "agency": "18.6"}])
    table.percent = {1: [2]}
    checked = v.check_table("workforce", table)
    assert checked.frame.loc[0, "agency"] == "18.6%"
