"""Working days (England and Wales bank holidays) and calendar-month arithmetic.

The contract's "working days between A and B" is the number of days D with
A < D <= B that are neither Saturday, Sunday nor an England and Wales bank holiday;
the same day gives 0. ``numpy.busday_count(a, b)`` counts the half-open range
[a, b), so the count here is ``busday_count(A + 1 day, B + 1 day)``. When B is
before A the count is minus the working days D with B < D <= A (numpy's own
negative counts are not symmetric, so the dates are swapped first); validated
registers never ask for it.

Bank holidays come from the ``holidays`` package, which works offline and
includes one-off days (the 2022 Platinum Jubilee and state funeral, the 2023
Coronation) and substitute days.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

WEEKMASK = "1111100"  # Monday to Friday
ONE_DAY = np.timedelta64(1, "D")


@lru_cache(maxsize=32)
def _business_calendar(first_year: int, last_year: int) -> np.busdaycalendar:
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    # The package also lists the weekend date of a holiday that falls at a weekend;
    # the weekmask already skips it, so it does no harm.
    return np.busdaycalendar(weekmask=WEEKMASK, holidays=sorted(days))


def bank_holidays(first_year: int, last_year: int) -> list[dt.date]:
    """Return England and Wales bank holidays on weekdays in the calendar years given, in order."""
    cal = _business_calendar(first_year, last_year)
    return [d.astype("datetime64[D]").astype(dt.date) for d in cal.holidays]


def _as_date(value: dt.date | pd.Timestamp) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def working_days_between(start: dt.date | pd.Timestamp, end: dt.date | pd.Timestamp) -> int:
    """Return the working days D with ``start`` < D <= ``end`` (the contract's definition)."""
    a, b = _as_date(start), _as_date(end)
    cal = _business_calendar(min(a.year, b.year), max(a.year, b.year))
    return int(_count(np.datetime64(a, "D"), np.datetime64(b, "D"), cal))


def _count(a64: np.ndarray, b64: np.ndarray, cal: np.busdaycalendar) -> np.ndarray:
    lo, hi = np.minimum(a64, b64), np.maximum(a64, b64)
    return np.sign(b64 - a64).astype(int) * np.busday_count(
        lo + ONE_DAY, hi + ONE_DAY, busdaycal=cal
    )


def working_days_between_series(starts: pd.Series, ends: pd.Series) -> pd.Series:
    """Return working days between paired dates, element by element; a missing date gives <NA>.

    The result is an ``Int64`` Series with the index of ``starts`` (the two Series
    must share an index).
    """
    a = pd.to_datetime(starts)
    b = pd.to_datetime(ends)
    known = a.notna() & b.notna()
    out = pd.Series(pd.NA, index=starts.index, dtype="Int64")
    if not known.any():
        return out
    a64 = a[known].to_numpy(dtype="datetime64[D]")
    b64 = b[known].to_numpy(dtype="datetime64[D]")
    years = pd.DatetimeIndex(np.concatenate([a64, b64])).year
    cal = _business_calendar(int(years.min()), int(years.max()))
    out[known] = _count(a64, b64, cal)
    return out


def add_months(day: dt.date | pd.Timestamp, n: int) -> dt.date:
    """Return the same day ``n`` calendar months later, or that month's last day where it has none.

    31 August + 6 months is 28 February (29 in a leap year).
    """
    d = _as_date(day)
    month_index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(d.day, monthrange(year, month)[1]))


def add_months_series(days: pd.Series, n: int) -> pd.Series:
    """Return each date ``n`` calendar months later with the month-end rule; missing stays NaT."""
    # pandas' DateOffset(months=n) keeps the day of the month and clips to the
    # month's last day, which is the contract's rule.
    return pd.to_datetime(days) + pd.DateOffset(months=n)
