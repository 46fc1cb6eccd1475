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
