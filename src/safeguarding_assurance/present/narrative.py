"""Words built from figures: numbers, plurals and comparisons in plain English.

Chapter-specific sentences live beside each chapter; these helpers keep the
wording consistent across them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def format_count(n: int | None) -> str:
    """A count with thousands separators; ``[z]`` when missing."""
    return "[z]" if n is None else f"{int(n):,}"


def format_pct(p: float | None) -> str:
    """A percentage to one decimal place, as computed; ``[z]`` when there is none."""
    return "[z]" if p is None else f"{p:.1f}%"


def long_date(day: dt.date | dt.datetime | Any) -> str:
    """A date as people write it: ``2 June 2025`` (a date, datetime or pandas Timestamp)."""
    return f"{day.day} {day:%B %Y}"


def is_are(n: int) -> str:
    """``is`` for one, ``are`` for any other number."""
    return "is" if n == 1 else "are"


def was_were(n: int) -> str:
    """``was`` for one, ``were`` for any other number."""
    return "was" if n == 1 else "were"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``1 action``, ``2 actions``; ``plural_form`` for irregular words."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{format_count(n)} {word}"


def compare(current: float | None, previous: float | None, unit: str = "") -> str:
    """``up from 12 last year`` / ``down from …`` / ``the same as last year`` / ``""``."""
    if current is None or previous is None:
        return ""
    if unit == "%":
        shown = f"{previous:,.1f}%"
    elif float(previous).is_integer():
        shown = f"{int(previous):,}{unit}"
    else:
        shown = f"{previous:,}{unit}"
    if current > previous:
        return f"up from {shown} last year"
    if current < previous:
        return f"down from {shown} last year"
    return "the same as last year"


UNIT_SUFFIX = {"percent": "%", "rate_per_10k": " per 10,000 children", "days": " days"}


def value_text(value: float, unit: str) -> str:
    """An indicator's value with its unit: ``24.1%``, ``61 days``, ``412.5 per 10,000 children``."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return number + UNIT_SUFFIX.get(unit, "")
