"""Disclosure control: the only way a figure about children reaches a public section."""

from safeguarding_assurance.disclosure.rules import (
    DisclosedTable,
    DisclosureError,
    add_derived,
    add_totals,
    chart_marks,
    disclose_counts,
    disclose_themes,
    internal_only,
    release,
    show_all,
    suppress_derived,
    suppress_primary,
    suppress_secondary,
    suppression_note,
)
from safeguarding_assurance.disclosure.windows import PooledBreakdown, disclose_pooled_window

__all__ = [
    "DisclosedTable",
    "DisclosureError",
    "PooledBreakdown",
    "add_derived",
    "add_totals",
    "chart_marks",
    "disclose_counts",
    "disclose_pooled_window",
    "disclose_themes",
    "internal_only",
    "release",
    "show_all",
    "suppress_derived",
    "suppress_primary",
    "suppress_secondary",
    "suppression_note",
]
