"""Words built from figures: numbers, plurals and comparisons in plain English.

Chapter-specific sentences live beside each chapter; these helpers keep the
wording consistent across them.
"""

from __future__ import annotations

import datetime as dt


def format_count(n: int | None) -> str:
    """A count with thousands separators; ``[z]`` when missing."""
    return "[z]" if n is None else f"{int(n):,}"


def format_pct(p: float | None) -> str:
    """A percentage to one decimal place, as computed; ``[z]`` when there is none."""
    return "[z]" if p is None else f"{p:.1f}%"


def long_date(day: dt.date) -> str:
    """A date as people write it: ``2 June 2025``."""
    return f"{day.day} {day:%B %Y}"


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
