"""Hand-worked tests of the funding measures (contract, "Optional registers", ``funding.csv``).

Every expected value was worked out by hand from the rows below; the working is in the
comments.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from safeguarding_assurance.contract.facts import FUNDING_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures import funding as fnd
from tests.support.registers import make_funding

Y = ReportingYear.parse("2024-25")

FUNDING = make_funding(
    # 2022-23: 10,400.00
    ("2022-23", "Council", "local_authority", "cash", 10400.00),
    # 2023-24: 10,000.00 + 166.00 = 10,166.00
    ("2023-24", "Council", "local_authority", None, 10000.00),
    ("2023-24", "Police", "police", "in_kind", 166.00),
    # 2024-25: 6,000.25 + 1,234.25 + 1,000.00 + 0 + 2,000.00 = 10,234.50
    ("2024-25", "Council", "local_authority", None, 6000.25),
    ("2024-25", "Council", "local_authority", "in_kind", 1234.25),
    ("2024-25", "council", "local_authority", "cash", 1000.00),  # another agency as written
    ("2024-25", "Police", "police", "cash", 0.0),  # a row of 0 is not a contribution
    ("2024-25", "Youth Trust", "voluntary", "in_kind", 2000.00),
    # 2025-26: a total of 0
    ("2025-26", "Council", "local_authority", "cash", 0.0),
    # 2026-27: last year's total was 0
    ("2026-27", "Police", "police", "cash", 50.00),
)


def test_block_for_the_year():
    # total 10,234.50 -> 10,235 (half up to whole pounds)
    # change (10,234.50 - 10,166.00) / 10,166.00 = 68.5 / 10,166 = 0.673814...% -> 0.7
    # partners: Council, council, Youth Trust (Police gave 0) = 3
    # statutory (local authority, police, health): 6,000.25 + 1,234.25 + 1,000 + 0 = 8,234.50;
    #   8,234.50 / 10,234.50 = 0.804582...  -> 80.5
    assert fnd.facts_funding(FUNDING, Y) == {
        "total_gbp": 10235,
        "change_pct": 0.7,
        "partners_contributing": 3,
        "statutory_partners_share_pct": 80.5,
    }


def test_block_keys_are_the_contracts_in_order_and_the_total_is_an_integer():
    facts = fnd.facts_funding(FUNDING, Y)
    assert list(facts) == list(FUNDING_KEYS)
    assert isinstance(facts["total_gbp"], int)
    assert json.dumps(facts["total_gbp"]) == "10235"


def test_a_fall_is_negative_and_a_tie_rounds_away_from_zero():
    # 2023-24 against 2022-23: (10,166 - 10,400) / 10,400 = -234 / 10,400 = -2.25% -> -2.3
    facts = fnd.facts_funding(FUNDING, Y.previous())
    assert facts["change_pct"] == -2.3
    assert facts["total_gbp"] == 10166
    # both of 2023-24's agencies gave more than 0; all of it statutory
    assert facts["partners_contributing"] == 2
    assert facts["statutory_partners_share_pct"] == 100.0


def test_no_rows_last_year_gives_null_change():
    facts = fnd.facts_funding(FUNDING, ReportingYear.parse("2022-23"))
    assert facts["change_pct"] is None  # 2021-22 has no rows
    assert facts["total_gbp"] == 10400


def test_a_total_of_zero():
    # 2025-26: total 0; change (0 - 10,234.50) / 10,234.50 = -100.0; no share of nothing
    assert fnd.facts_funding(FUNDING, ReportingYear.parse("2025-26")) == {
        "total_gbp": 0,
        "change_pct": -100.0,
        "partners_contributing": 0,
        "statutory_partners_share_pct": None,
    }
    # 2026-27: last year's total is 0, so there is no change to give
    assert fnd.facts_funding(FUNDING, ReportingYear.parse("2026-27"))["change_pct"] is None


def test_a_year_without_rows():
    assert fnd.facts_funding(FUNDING, ReportingYear.parse("2021-22")) == {
        "total_gbp": 0,
        "change_pct": None,
        "partners_contributing": 0,
        "statutory_partners_share_pct": None,
    }


@pytest.mark.parametrize(
    ("total_pence", "pounds"),
    [(1023450, 10235), (1023449, 10234), (1023451, 10235), (50, 1), (49, 0), (0, 0)],
)
def test_whole_pounds_rounds_half_up(total_pence, pounds):
    assert fnd.whole_pounds(total_pence) == pounds


@pytest.mark.parametrize(
    ("now", "last", "expected"),
    [
        (39100, 40000, -2.3),  # -2.25 -> -2.3 (away from zero)
        (40900, 40000, 2.3),  # +2.25 -> 2.3
        (999600, 1000000, 0.0),  # -0.04 -> 0.0, never -0.0
        (100, 0, None),
        (100, None, None),
    ],
)
def test_change_pct(now, last, expected):
    got = fnd.change_pct(now, last)
    assert got == expected
    if expected == 0.0:
        assert json.dumps(got) == "0.0"


def test_amounts_sum_exactly_in_pence():
    # 0.10 + 0.20 in binary floating point is 0.30000000000000004; in pence it is 30
    frame = make_funding(
        ("2024-25", "A", "health", None, 0.10),
        ("2024-25", "B", "health", None, 0.20),
        ("2024-25", "C", "health", None, 0.20),
    )
    assert fnd.summarise_funding(frame, Y)["total_pence"] == 50
    assert fnd.facts_funding(frame, Y)["total_gbp"] == 1  # 0.50 -> 1, half up


def test_a_blank_or_spaces_kind_is_cash_in_a_hand_made_frame():
    frame = make_funding(
        ("2024-25", "A", "health", "", 10.0),
        ("2024-25", "B", "health", "  ", 5.0),
        ("2024-25", "C", "health", "in_kind", 2.0),
    )
    summary = fnd.summarise_funding(frame, Y)
    assert (summary["cash_gbp"], summary["in_kind_gbp"]) == (15, 2)


def test_contributions_by_agency():
    # Council: 6,000.25 cash + 1,234.25 in kind = 7,234.50 -> 7,235 (cash 6,000, in kind
    #   1,234: rounded on their own); last year 10,000
    # Youth Trust 2,000 (none last year); council 1,000 (none); Police 0 (last year 166)
    table = fnd.contributions_by_agency(FUNDING, Y)
    assert table.to_dict("records") == [
        {
            "agency": "Council",
            "sector": "local_authority",
            "cash_gbp": 6000,
            "in_kind_gbp": 1234,
            "total_gbp": 7235,
            "last_year_gbp": 10000,
        },
        {
            "agency": "Youth Trust",
            "sector": "voluntary",
            "cash_gbp": 0,
            "in_kind_gbp": 2000,
            "total_gbp": 2000,
            "last_year_gbp": None,
        },
        {
            "agency": "council",
            "sector": "local_authority",
            "cash_gbp": 1000,
            "in_kind_gbp": 0,
            "total_gbp": 1000,
            "last_year_gbp": None,
        },
        {
            "agency": "Police",
            "sector": "police",
            "cash_gbp": 0,
            "in_kind_gbp": 0,
            "total_gbp": 0,
            "last_year_gbp": 166,
        },
    ]


def test_trend_and_empty_frame():
    trend = fnd.trend_funding(FUNDING, Y.trend(3))
    assert trend["reporting_year"].tolist() == ["2022-23", "2023-24", "2024-25"]
    assert trend["total_gbp"].tolist() == [10400, 10166, 10235]
    assert trend["last_total_gbp"].tolist()[1:] == [10400, 10166]
    empty = make_funding()
    assert fnd.facts_funding(empty, Y)["total_gbp"] == 0
    assert fnd.contributions_by_agency(empty, Y).empty


def test_measures_never_change_their_input():
    before = FUNDING.copy()
    fnd.summarise_funding(FUNDING, Y)
    fnd.contributions_by_agency(FUNDING, Y)
    pd.testing.assert_frame_equal(FUNDING, before)
