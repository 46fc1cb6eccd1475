"""Half-up rounding and percentages, as the contract asks: from the exact ratio, half up.

Python's ``round`` rounds half to even on the binary value (``round(2.675, 2)`` is
2.67, ``round(0.125, 2)`` is 0.12), so each case below is one where that would differ.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding_assurance.measures.rounding import mean_of_integers, percent, round_half_up


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (0.05, 1, 0.1),  # half goes up, not to the even 0.0
        (0.15, 1, 0.2),  # binary 0.1499999... but written 0.15
        (0.25, 1, 0.3),  # exactly half in binary: banker's rounding would give 0.2
        (12.25, 1, 12.3),
        (2.675, 2, 2.68),  # the classic: round(2.675, 2) == 2.67
        (1.005, 2, 1.01),
        (0.125, 2, 0.13),
        (2.5, 0, 3.0),
        (12.24, 1, 12.2),
        (12.26, 1, 12.3),
        (7, 1, 7.0),
        # negatives: ROUND_HALF_UP rounds the magnitude, so halves go away from zero
        (-0.125, 2, -0.13),
        (-0.05, 1, -0.1),
        (-2.5, 0, -3.0),
        (-12.24, 1, -12.2),
    ],
)
def test_round_half_up(value, places, expected):
    assert round_half_up(value, places) == expected


def test_round_half_up_of_a_fraction_uses_the_exact_value():
    assert round_half_up(Fraction(1, 8), 2) == 0.13  # 0.125 exactly
    assert round_half_up(Fraction(-1, 8), 2) == -0.13
    assert round_half_up(Fraction(1, 3), 2) == 0.33
    assert round_half_up(Fraction(2, 3), 1) == 0.7


def test_round_half_up_keeps_none():
    assert round_half_up(None, 1) is None


def test_round_half_up_returns_a_float():
    assert isinstance(round_half_up(Fraction(1, 2), 1), float)


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        (1, 3, 33.3),  # 33.333...
        (2, 3, 66.7),  # 66.666...
        (1, 8, 12.5),  # exactly 12.5
        (1, 6, 16.7),  # 16.666...
        (5, 6, 83.3),  # 83.333...
        (1, 2000, 0.1),  # exactly 0.05: half up
        (1, 2001, 0.0),  # 0.04997...: just under half
        (201, 2000, 10.1),  # exactly 10.05; in floats 201/2000*100 is 10.049999...
        (1, 40, 2.5),
        (1, 1, 100.0),
        (0, 7, 0.0),
        (7, 7, 100.0),
    ],
)
def test_percent(num, den, expected):
    assert percent(num, den) == expected


@pytest.mark.parametrize(("num", "den"), [(0, 0), (3, 0)])
def test_percent_with_zero_denominator_is_none(num, den):
    assert percent(num, den) is None


def test_percent_of_numpy_integers():
    # counts from pandas arrive as numpy integers
    assert percent(np.int64(1), np.int64(3)) == 33.3


@given(den=st.integers(min_value=1, max_value=100_000), data=st.data())
@settings(max_examples=300, deadline=None)
def test_percent_matches_integer_half_up(den, data):
    num = data.draw(st.integers(min_value=0, max_value=den))
    # Independent check in whole numbers: tenths of a percent = floor(num*1000/den + 1/2)
    tenths = (2 * num * 1000 + den) // (2 * den)
    assert percent(num, den) == tenths / 10


@pytest.mark.parametrize(
    ("total", "count", "places", "expected"),
    [
        (1, 8, 2, 0.13),  # 0.125 half up
        (-1, 8, 2, -0.13),  # -0.125: the magnitude rounds up
        (5, 3, 2, 1.67),  # 1.666...
        (-5, 3, 2, -1.67),
        (7, 2, 2, 3.5),
        (3, 4, 1, 0.8),  # 0.75 half up at one place
        (0, 5, 2, 0.0),
        (12, 4, 2, 3.0),
    ],
)
def test_mean_of_integers(total, count, places, expected):
    assert mean_of_integers(total, count, places) == expected


def test_mean_of_integers_defaults_to_two_places():
    assert mean_of_integers(2, 3) == 0.67  # 0.666...


def test_mean_of_no_integers_is_none():
    assert mean_of_integers(0, 0) is None
