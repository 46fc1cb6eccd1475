"""Shared pieces of the optional registers' chapters: absence, comparisons in words, titles.

The four registers (audits, funding, national actions, feedback) describe the
partnership's work, money and what people told it, never a child: the contract says
none of their figures is suppressed, so every table is released with that basis and
both audiences see the same chapter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from safeguarding_assurance import disclosure
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.disclosure import DisclosedTable
from safeguarding_assurance.present.narrative import format_count, format_pct, long_date
from safeguarding_assurance.present.section import Section

Z_NOTE = "[z]: not applicable, as the denominator is zero."


def release(frame: pd.DataFrame, basis: str) -> DisclosedTable:
    """Release a register's table for both audiences, with the reason no child is described."""
    return disclosure.release(frame, basis)


def absent_section(chapter: Any, table: str) -> Section:
    """What a chapter shows when its register was not supplied (outside the runner only).

    The runner leaves such a chapter out of the report altogether; a notebook opened in
    JupyterLab says why it has nothing to show.
    """
    section = chapter.section()
    section.warn(
        f"{table}.csv was not supplied in the data folder, so this chapter is left out of "
        "the report. Add the register (or its blank template from data/templates) to include it."
    )
    return section


def years(chapter: Any) -> tuple[ReportingYear, ReportingYear, list[ReportingYear]]:
    """Return this year, last year and the trend years (oldest first)."""
    params = chapter.params
    return params.year, params.year.previous(), params.year.trend(params.trend_years)


def span(trend_years: list[ReportingYear]) -> str:
    """``2021-22 to 2024-25``, or the one label."""
    first, last = trend_years[0].label, trend_years[-1].label
    return first if first == last else f"{first} to {last}"


def _missing(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def count(n: int | None) -> str:
    """A count with separators; ``[z]`` for none (``None`` or, from a frame, ``NaN``)."""
    return format_count(None if _missing(n) else n)


def pct(p: float | None) -> str:
    """A percentage with one decimal place; ``[z]`` for none (``None`` or ``NaN``)."""
    return format_pct(None if _missing(p) else p)


def pounds(value: float | None) -> str:
    """Whole pounds with separators: ``£10,235``; ``[z]`` for none."""
    return "[z]" if _missing(value) else f"£{value:,.0f}"


def change_words(
    now: float | None,
    before: float | None,
    shown: Callable[[Any], str] = count,
    when: str = "last year",
) -> str:
    """``up from 12 last year``, ``down from …``, ``the same as last year``; ``""`` without both.

    ``when`` names the comparison: ``a year earlier`` for a figure at a year's end.
    """
    if _missing(now) or _missing(before):
        return ""
    if now > before:
        return f"up from {shown(before)} {when}"
    if now < before:
        return f"down from {shown(before)} {when}"
    return f"the same as {when}"


def with_change(words: str) -> str:
    """``, up from 12 last year`` (or nothing) to follow a figure in a sentence."""
    return f", {words}" if words else ""


def movement_title(
    subject: str,
    now: float | None,
    before: float | None,
    shown: Callable[[Any], str],
    year: ReportingYear,
) -> str:
    """A chart title that states its message: ``Overdue actions fell from 4 to 2 in 2024-25``."""
    if _missing(now):
        return f"{subject}: no figure for {year}"
    if _missing(before):
        return f"{subject}: {shown(now)} in {year}"
    if now > before:
        return f"{subject} rose from {shown(before)} to {shown(now)} in {year}"
    if now < before:
        return f"{subject} fell from {shown(before)} to {shown(now)} in {year}"
    return f"{subject} stayed at {shown(now)} in {year}"


def alt_over_years(what: str, trend: pd.DataFrame, span_text: str, each: str) -> str:
    """A chart's alt text with every year's figures: ``each`` is formatted with a year's row.

    For example ``alt_over_years("Bar chart of audits", trend, "2021-22 to 2024-25",
    "{audits_completed:,} audits")``.
    """
    years = "; ".join(
        f"{row['reporting_year']}: " + each.format(**row) for row in trend.to_dict("records")
    )
    return f"{what}, {span_text}: {years}."


def day(value: Any) -> str | None:
    """A date as people write it (``1 April 2024``); ``None`` where there is none."""
    if _missing(value):
        return None
    return long_date(pd.Timestamp(value).date())


def plural_word(n: int, singular: str, plural: str | None = None) -> str:
    """The word alone: ``action`` for 1, ``actions`` otherwise."""
    return singular if n == 1 else (plural or singular + "s")


def was_were(n: int) -> str:
    """``was`` for 1, ``were`` otherwise."""
    return "was" if n == 1 else "were"
