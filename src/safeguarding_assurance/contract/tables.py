"""The contract's input tables by name, in contract order: nothing heavy to import.

The schemas (:mod:`.schemas`, which imports pandas and pandera) describe each table; the
names alone are what the run's first stage needs to decide whether anything changed,
before any library is imported.
"""

from __future__ import annotations

REQUIRED_TABLES: tuple[str, ...] = (
    "actions",
    "indicators",
    "indicator_values",
    "reviews",
    "recommendations",
    "training",
    "workforce",
)
# The optional registers, in contract order: absent (no file) is never an error.
OPTIONAL_TABLES: tuple[str, ...] = ("audits", "funding", "national_actions", "feedback")
TABLE_NAMES: tuple[str, ...] = (*REQUIRED_TABLES, *OPTIONAL_TABLES)

# Text columns of a register that can run to a million rows and hold few distinct values
# (a learner id repeats for every course taken). A chapter reads them as categoricals:
# the same values in a tenth of the memory, so a large register fits in a kernel. The
# measures give the same answer on either form (tests/measures hold them to it).
CATEGORY_COLUMNS: dict[str, tuple[str, ...]] = {
    "training": ("learner_id", "course", "topic", "delivery", "agency", "sector", "outcome"),
}
