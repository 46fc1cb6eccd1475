"""The personal-data guard: NHS numbers, postcodes, names and dates of birth never get in.

A column whose name or values look like personal data is refused; free text that
holds an NHS number (with a valid check digit) or a full postcode is reported by file,
row and column.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from safeguarding_assurance.contract.schemas import PERSONAL_COLUMN_NAMES
from safeguarding_assurance.inputs.parse import parse_dates

# An identifier column is refused when at least this share of its values are NHS numbers.
NHS_SHARE = 0.5


NHS_IN_TEXT = r"(?<!\d)(\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)"


POSTCODE_IN_TEXT = r"(?i)\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b"


POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}$", re.IGNORECASE)


def is_nhs_number(values: pd.Series) -> pd.Series:
    """Whether each value is a 10-digit number (spaces or hyphens allowed) with a valid check digit.

    The NHS check digit: weight the first nine digits 10 down to 2, sum, take
    11 minus the remainder mod 11 (11 becomes 0; 10 means no valid number).
    """
    text = values.astype("str").str.replace(r"[ -]", "", regex=True)
    shape = text.str.fullmatch(r"\d{10}").fillna(False).astype(bool)
    result = pd.Series(False, index=values.index)
    if not shape.any():
        return result
    digits = np.array([list(map(int, t)) for t in text[shape]], dtype=np.int64).reshape(-1, 10)
    total = digits[:, :9] @ np.arange(10, 1, -1)
    check = 11 - total % 11
    check = np.where(check == 11, 0, check)
    result[shape] = (check != 10) & (check == digits[:, 9])
    return result


def mask_nhs(text: str) -> str:
    """Show an NHS number in a message without the number: ``943 *** ****``."""
    digits = re.sub(r"\D", "", text)
    return f"{digits[:3]} *** ****"


def mask_postcode(text: str) -> str:
    """Show a postcode in a message by its outward code only: ``NB1 ***``."""
    outward = text.strip().upper().replace(" ", "")[:-3]
    return f"{outward} ***"


def normal_name(name: str) -> str:
    """A column name as lower-case words joined by ``_``."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def personal_name(name: str) -> str | None:
    """Return what personal data a column name suggests, if any."""
    norm = normal_name(name)
    if norm in PERSONAL_COLUMN_NAMES:
        return PERSONAL_COLUMN_NAMES[norm]
    tokens = set(norm.split("_"))
    if "nhs" in tokens or "nhsno" in tokens:
        return "NHS numbers"
    if "postcode" in norm or {"post", "code"} <= tokens:
        return "postcodes"
    if "birth" in tokens or "dob" in tokens:
        return "dates of birth"
    if "address" in norm:
        return "addresses"
    if tokens & {"surname", "forename", "forenames", "firstname", "lastname"}:
        return "names"
    return None


def personal_values(values: pd.Series) -> str | None:
    """Return what personal data a column's values look like, if at least half of them do."""
    sample = values.dropna().drop_duplicates().head(2000)
    if sample.empty:
        return None
    sample = sample.astype("str")
    if is_nhs_number(sample).mean() >= NHS_SHARE:
        return "NHS numbers"
    if sample.str.match(POSTCODE.pattern, case=False).fillna(False).mean() >= NHS_SHARE:
        return "postcodes"
    if parse_dates(sample).notna().mean() >= NHS_SHARE:
        return "dates (dates of birth?)"
    return None
