"""Working days and month arithmetic, worked out by hand from a printed calendar.

Working days between A and B are the days D with A < D <= B that are not a
Saturday, Sunday or England and Wales bank holiday.
"""

import datetime as dt

import pandas as pd
import pytest

from safeguarding_assurance.measures.dates import (
    add_months,
    add_months_series,
    bank_holidays,
    working_days_between,
    working_days_between_series,
)

D = dt.date

# (start, end, expected, reasoning)
CASES = [
    # Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr.
    (D(2024, 3, 28), D(2024, 4, 2), 1, "Fri 29 hol, Sat, Sun, Mon 1 Apr hol, Tue 2 counts"),
    (D(2024, 3, 28), D(2024, 4, 1), 0, "only the holiday weekend lies after Thu 28 Mar"),
    (D(2024, 3, 27), D(2024, 3, 28), 1, "Thu 28 Mar is an ordinary working day"),
    # Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr.
    (D(2025, 4, 17), D(2025, 4, 22), 1, "18 and 21 are holidays, 19-20 weekend, Tue 22"),
    (D(2025, 4, 14), D(2025, 4, 25), 7, "Tue 15, Wed 16, Thu 17, then Tue 22 to Fri 25"),
    # Christmas and New Year 2024-25: 25 and 26 Dec (Wed, Thu), 1 Jan 2025 (Wed).
    (D(2024, 12, 23), D(2025, 1, 2), 5, "24, 27, 30, 31 Dec and 2 Jan"),
    (D(2024, 12, 24), D(2024, 12, 27), 1, "25 and 26 are holidays; Fri 27 counts"),
    # Christmas 2022 fell at a weekend: substitute days Mon 26 and Tue 27 Dec.
    (D(2022, 12, 23), D(2022, 12, 28), 1, "24-25 weekend, 26 and 27 holidays, Wed 28"),
    # Year boundary.
    (D(2024, 12, 31), D(2025, 1, 2), 1, "1 Jan is a holiday, Thu 2 Jan counts"),
    (D(2024, 12, 31), D(2025, 1, 1), 0, "New Year's Day only"),
    # Weekends.
    (D(2024, 6, 7), D(2024, 6, 10), 1, "Fri to Mon: only the Monday"),
    (D(2024, 6, 7), D(2024, 6, 9), 0, "Fri to Sun: the weekend only"),
    (D(2024, 6, 8), D(2024, 6, 9), 0, "Sat to Sun"),
    (D(2024, 6, 8), D(2024, 6, 10), 1, "Sat to Mon: the Monday"),
    (D(2024, 6, 3), D(2024, 6, 14), 9, "Mon to Fri a fortnight on: 4 + 5"),
    # Same day is 0, whatever the day.
    (D(2024, 6, 5), D(2024, 6, 5), 0, "same weekday"),
    (D(2024, 6, 8), D(2024, 6, 8), 0, "same Saturday"),
    (D(2024, 12, 25), D(2024, 12, 25), 0, "same bank holiday"),
    # 2022 one-off days: Spring bank holiday moved to Thu 2 Jun, Jubilee Fri 3 Jun;
    # the Queen's state funeral Mon 19 Sep.
    (D(2022, 6, 1), D(2022, 6, 6), 1, "2 and 3 Jun holidays, weekend, Mon 6"),
    (D(2022, 9, 16), D(2022, 9, 20), 1, "weekend, Mon 19 funeral, Tue 20"),
    # The rapid review timescale: 15 working days from Mon 3 Mar 2025 ends Mon 24 Mar
    # (4 days to Fri 7, 5 to Fri 14, 5 to Fri 21, then Mon 24).
    (D(2025, 3, 3), D(2025, 3, 24), 15, "three weeks less the first Monday, plus Mon 24"),
    (D(2025, 3, 3), D(2025, 3, 25), 16, "one more"),
    # 2023 Coronation bank holiday Mon 8 May (and May Day Mon 1 May).
    (D(2023, 4, 28), D(2023, 5, 9), 5, "2-5 May and Tue 9; Mon 1 and Mon 8 are holidays"),
]


@pytest.mark.parametrize(("start", "end", "expected", "why"), CASES)
def test_working_days_between(start, end, expected, why):
    assert working_days_between(start, end) == expected, why


def test_working_days_accepts_timestamps():
    assert working_days_between(pd.Timestamp("2024-03-28"), pd.Timestamp("2024-04-02")) == 1


def test_working_days_backwards_is_negative():
    # numpy's convention, documented in the module: minus the count the other way.
    assert working_days_between(D(2024, 4, 2), D(2024, 3, 28)) == -1


def test_series_matches_cases_and_keeps_index():
    starts = pd.Series(pd.to_datetime([c[0] for c in CASES]), index=range(10, 10 + len(CASES)))
    ends = pd.Series(pd.to_datetime([c[1] for c in CASES]), index=starts.index)
    got = working_days_between_series(starts, ends)
    assert str(got.dtype) == "Int64"
    assert list(got.index) == list(starts.index)
    assert got.tolist() == [c[2] for c in CASES]


def test_series_missing_dates_give_na():
    starts = pd.Series(pd.to_datetime(["2024-03-28", None, "2024-06-07"]))
    ends = pd.Series(pd.to_datetime(["2024-04-02", "2024-04-02", None]))
    got = working_days_between_series(starts, ends)
    assert got.iloc[0] == 1
    assert got.iloc[1:].isna().all()


def test_series_all_missing_and_empty():
    nat = pd.Series(pd.to_datetime([None, None]))
    assert working_days_between_series(nat, nat).isna().all()
    empty = pd.Series([], dtype="datetime64[us]")
    got = working_days_between_series(empty, empty)
    assert got.empty and str(got.dtype) == "Int64"


def test_series_does_not_change_inputs():
    starts = pd.Series(pd.to_datetime(["2024-03-28"]))
    ends = pd.Series(pd.to_datetime(["2024-04-02"]))
    before = starts.copy(), ends.copy()
    working_days_between_series(starts, ends)
    pd.testing.assert_series_equal(starts, before[0])
    pd.testing.assert_series_equal(ends, before[1])


def test_bank_holidays_2022_has_the_one_off_days():
    days = bank_holidays(2022, 2022)
    assert D(2022, 6, 3) in days and D(2022, 9, 19) in days
    # Christmas Day 2022 was a Sunday: only its substitute, Tue 27 Dec, is a weekday holiday.
    assert D(2022, 12, 25) not in days and D(2022, 12, 27) in days
    # 2022: New Year (3 Jan sub), Good Fri, Easter Mon, May Day, Spring (2 Jun), Jubilee,
    # Late Summer, state funeral, Boxing Day (26), Christmas (27 sub) = 10.
    assert len(days) == 10


MONTH_CASES = [
    (D(2024, 8, 31), 6, D(2025, 2, 28), "no 31 Feb; 2025 not a leap year"),
    (D(2023, 8, 31), 6, D(2024, 2, 29), "2024 is a leap year"),
    (D(2024, 1, 15), 6, D(2024, 7, 15), "same day of the month"),
    (D(2024, 9, 30), 6, D(2025, 3, 30), "March has a 30th"),
    (D(2024, 10, 31), 6, D(2025, 4, 30), "April has 30 days"),
    (D(2024, 2, 29), 12, D(2025, 2, 28), "a year on from a leap day"),
    (D(2024, 11, 30), 3, D(2025, 2, 28), "30 Nov to February's last day"),
    (D(2024, 12, 31), 2, D(2025, 2, 28), "across the year end"),
    (D(2024, 7, 10), 6, D(2025, 1, 10), "into the next calendar year"),
    (D(2024, 5, 20), 0, D(2024, 5, 20), "no months"),
    (D(2025, 3, 31), -1, D(2025, 2, 28), "backwards"),
]


@pytest.mark.parametrize(("day", "n", "expected", "why"), MONTH_CASES)
def test_add_months(day, n, expected, why):
    assert add_months(day, n) == expected, why


def test_add_months_series_matches_hand_cases():
    for day, n, expected, why in MONTH_CASES:
        got = add_months_series(pd.Series(pd.to_datetime([day, None])), n)
        assert got.iloc[0].date() == expected, why
        assert pd.isna(got.iloc[1])
