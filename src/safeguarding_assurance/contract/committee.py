"""The optional ``committee:`` block of a parameters file: the header of the board's cover report.

Issue 16 adds it beside the contract's parameters: who the cover report goes to, when,
from whom, and what is attached. Every field is optional; the report fills a missing one
from the partnership's name and the year. Checked like every other parameter: an
unknown field or a value of the wrong type is an error naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# C0 and C1 control characters other than tab and newline cannot be written to a Word file
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_TEXT = 1000
MAX_ITEMS = 50

TEXT_FIELDS = ("board", "author", "wards", "exempt_information")
LIST_FIELDS = ("lead_officers", "appendices")
FIELDS = ("board", "meeting_date", "author", "lead_officers", "wards", "exempt_information",
          "appendices")  # fmt: skip


@dataclass(frozen=True)
class Committee:
    """The header of the scrutiny board's cover report, as the parameters file gives it.

    ``None`` (or an empty tuple) means "not given": the report uses its default.
    """

    board: str | None = None
    meeting_date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    lead_officers: tuple[str, ...] = ()
    wards: str | None = None
    exempt_information: str | None = None
    appendices: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The fields that were given, as plain JSON values (for the manifest)."""
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if value:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out


def _text_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be text (found {type(value).__name__} {value!r})"
    if CONTROL.search(value):
        return "must not contain control characters"
    if len(value) > MAX_TEXT:
        return f"must be at most {MAX_TEXT:,} characters (found {len(value):,})"
    return None


def _date(value: Any) -> tuple[str | None, str | None]:
    """(ISO date, problem) for a meeting date: YAML's unquoted date or ``YYYY-MM-DD`` text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat(), None
        except ValueError:
            pass
    return None, f"must be a date written YYYY-MM-DD (found {value!r})"


def check_committee(raw: Any, problems: list[str]) -> Committee:
    """Check the ``committee:`` block, adding a message to ``problems`` for each fault.

    Messages name the key as ``committee.<field>``; the caller adds the file's name.
    Blank values (``None`` or empty text) take their defaults.
    """
    if not isinstance(raw, dict):
        problems.append(
            f"key `committee` must be a mapping of fields to values (found "
            f"{type(raw).__name__} {raw!r})"
        )
        return Committee()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"committee.{key}"
        if key not in FIELDS:
            hint = difflib.get_close_matches(str(key), FIELDS, n=1)
            extra = f" (did you mean `committee.{hint[0]}`?)" if hint else ""
            problems.append(
                f"key `{name}` is not a committee field the suite knows{extra}; the fields are "
                + ", ".join(FIELDS)
            )
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key == "meeting_date":
            iso, problem = _date(value)
            if problem:
                problems.append(f"key `{name}` {problem}")
            else:
                values[key] = iso
        elif key in LIST_FIELDS:
            if not isinstance(value, list):
                problems.append(
                    f"key `{name}` must be a list of text, one item a line starting with "
                    f"'- ' (found {type(value).__name__} {value!r})"
                )
                continue
            if len(value) > MAX_ITEMS:
                problems.append(f"key `{name}` must list at most {MAX_ITEMS} items")
                continue
            items: list[str] = []
            for i, item in enumerate(value, start=1):
                problem = _text_problem(item)
                if problem is None and not item.strip():
                    problem = "must not be blank"
                if problem:
                    problems.append(f"key `{name}` item {i} {problem}")
                else:
                    items.append(item.strip())
            values[key] = tuple(items)
        else:
            problem = _text_problem(value)
            if problem:
                problems.append(f"key `{name}` {problem}")
            else:
                values[key] = value.strip()
    return Committee(**values)
