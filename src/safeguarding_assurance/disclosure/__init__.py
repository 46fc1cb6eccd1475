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

__all__ = [
    "DisclosedTable",
    "DisclosureError",
    "add_derived",
    "add_totals",
    "chart_marks",
    "disclose_counts",
    "disclose_themes",
    "internal_only",
    "release",
    "show_all",
    "suppress_derived",
    "suppress_primary",
    "suppress_secondary",
    "suppression_note",
]
