"""Rounding and ratios exactly as the contract asks: half up, from the exact ratio."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def round_half_up(value: float | Fraction | None, places: int) -> float | None:
    """Round half up (0.05 -> 0.1, not banker's rounding); ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        # repr gives the shortest decimal that round-trips, so 2.675 stays 2.675
        exact = Decimal(repr(float(value)))
    quantum = Decimal(1).scaleb(-places)
    return float(exact.quantize(quantum, rounding=ROUND_HALF_UP))


def percent(numerator: int, denominator: int) -> float | None:
    """Return numerator / denominator as a percentage to one decimal place, or ``None`` if 0/0."""
    if denominator == 0:
        return None
    return round_half_up(Fraction(int(numerator) * 100, int(denominator)), 1)


def mean_of_integers(total: int, count: int, places: int = 2) -> float | None:
    """Return the mean of ``count`` integers summing to ``total``, rounded half up."""
    if count == 0:
        return None
    return round_half_up(Fraction(int(total), int(count)), places)
