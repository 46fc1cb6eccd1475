"""What the contract fixes about published figures: the shorthand marks and formula-safe cells.

The Government Analysis Function writes shorthand in square brackets and explains each
one used; the contract asks that a published text cell a spreadsheet would run as a
formula carries a leading apostrophe.
"""

from __future__ import annotations

import re

# Each shorthand has one meaning, the same on every page, in every table note and in the
# spreadsheet's notes sheet.
SHORTHAND: dict[str, str] = {
    "[c]": "confidential: a count from 1 to the suppression threshold about children or "
    "reviews, or another figure from which such a count could be worked out",
    "[x]": "not available: the figure was not supplied",
    "[z]": "not applicable: there is nothing to divide by",
    "[r]": "revised since an earlier edition of this report",
}

NOT_APPLICABLE = "[z]"  # the denominator is zero


SUPPRESSED = "[c]"  # confidential: a small count, or one that would reveal it


REVISED = "[r]"  # changed since the figure was first published


NOT_AVAILABLE = "[x]"


FORMULA_STARTS = ("=", "+", "-", "@")


NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?")


def csv_safe(text: str) -> str:
    """Prefix a text cell a spreadsheet would run as a formula with ``'`` (the contract's rule).

    Plain negative numbers are numbers, not formulas, and are left alone.
    """
    if text.startswith(FORMULA_STARTS) and not NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text
