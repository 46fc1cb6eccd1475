"""Text as the sender typed it, turned into typed values: dates, whole numbers, numbers.

Every input column is read as text; these conversions give ``NaT``/``<NA>``/``NaN`` where
a value does not convert, so the checks can name exactly what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


UK_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


INTEGER = re.compile(r"^[+-]?\d+(?:\.0*)?$")


NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


DATE_WORDS = "a date written YYYY-MM-DD or DD/MM/YYYY (day first)"


def map_unique(series: pd.Series, convert: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply ``convert`` to each distinct value once and spread the result over the rows."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    converted = convert(pd.Series(uniques, dtype="str"))
    taken = converted.array.take(codes, allow_fill=True)
    return pd.Series(taken, index=series.index, name=series.name)


def parse_dates(text: pd.Series) -> pd.Series:
    """Parse YYYY-MM-DD and DD/MM/YYYY (never month-first); anything else is NaT."""
    iso = text.str.match(ISO_DATE.pattern).fillna(False).astype(bool)
    uk = text.str.match(UK_DATE.pattern).fillna(False).astype(bool)
    as_iso = pd.to_datetime(text.where(iso), format="%Y-%m-%d", errors="coerce")
    as_uk = pd.to_datetime(text.where(uk), format="%d/%m/%Y", errors="coerce")
    return as_iso.where(iso, as_uk).astype("datetime64[us]")


def parse_integers(text: pd.Series) -> pd.Series:
    """Whole numbers (``12`` or ``12.0``) as ``Int64``; anything else is ``<NA>``.

    A whole number too large for 64 bits is ``<NA>`` too (it is no count the suite can
    use), never an exception.
    """
    ok = text.str.match(INTEGER.pattern).fillna(False).astype(bool)
    whole = text.where(ok).str.replace(r"\.0*$", "", regex=True)
    values = [int(t) if isinstance(t, str) else None for t in whole]
    fits = [v if v is not None and -(2**63) < v < 2**63 else None for v in values]
    return pd.Series(pd.array(fits, dtype="Int64"), index=text.index, name=text.name)


def parse_numbers(text: pd.Series) -> pd.Series:
    """Numbers written with digits and an optional point or exponent; anything else is NaN."""
    ok = text.str.match(NUMBER.pattern).fillna(False).astype(bool)
    return pd.to_numeric(text.where(ok), errors="coerce").astype("float64")
