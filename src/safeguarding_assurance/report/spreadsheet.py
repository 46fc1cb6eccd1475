"""Every published table as one accessible spreadsheet (``tables.xlsx``), built with gptables.

gptables is the Government Analysis Function's package for releasing statistics in
spreadsheets: a cover sheet, a contents sheet, a notes sheet explaining every
shorthand used, then one table per sheet with a title, source and units, marked as a
worksheet table, no merged cells. The workbook holds exactly the tables of the run's
``tables/*.csv`` (so the public workbook holds only disclosed tables), with numbers
stored as numbers: ``1,234``, ``12.5`` and ``12.5%`` become 1234, 12.5 and 0.125 (shown
as 12.5%), and shorthand such as ``[c]`` stays text.

gptables writes ``.xlsx`` only (through XlsxWriter), so there is no ``.ods`` copy.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.paths import spreadsheet_path
from safeguarding_assurance.present.narrative import long_date
from safeguarding_assurance.report.run_folder import PublishedTable, RunFolder

NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<digits>\d{1,3}(,\d{3})+|\d+)(\.(?P<dp>\d+))?(?P<pct>%?)")
SHORTHAND_MARK = re.compile(r"\[[a-z]\]")
YEAR_COLUMN = re.compile(r"(reporting )?year", re.I)


def shorthand(threshold: int) -> dict[str, str]:
    """What each shorthand means (Analysis Function guidance: one meaning each, explained once)."""
    return {
        "[c]": (
            f"Confidential: hidden to protect the children concerned. A count from 1 to "
            f"{threshold}, or a figure from which one could be worked out."
        ),
        "[z]": (
            "Not applicable: there was nothing to divide by, such as a percentage of no reviews."
        ),
        "[x]": (
            "Not available: the figure was not supplied, such as an England comparator or a "
            "value for a year with no return."
        ),
        "[r]": (
            "Revised: the figure has changed since it was first published, because an agency "
            "corrected its records."
        ),
    }


@dataclass(frozen=True)
class Cell:
    """A published cell as the spreadsheet stores it: a number with its format, or text."""

    value: Any
    num_format: str | None = None


def _format(decimals: int, thousands: bool, percent: bool, signed: bool) -> str:
    body = ("#,##0" if thousands else "0") + ("." + "0" * decimals if decimals else "")
    if percent:
        body += "%"
    if signed:
        return f"+{body};-{body};{body}"
    return body


def cell_value(text: str, year_column: bool = False) -> Cell:
    """A published text cell as a spreadsheet value: numbers as numbers, the rest as text.

    The leading ``'`` the CSV files put before a signed number (so a spreadsheet never
    runs it) is dropped for numbers; any other text is kept exactly as published.
    """
    raw = text[1:] if text.startswith("'") else text
    m = NUMBER.fullmatch(raw.strip())
    if not m:
        return Cell(text)
    digits = m.group("digits").replace(",", "")
    dp = m.group("dp") or ""
    number = Decimal(f"{m.group('sign')}{digits}{'.' + dp if dp else ''}")
    percent = bool(m.group("pct"))
    signed = m.group("sign") == "+"
    thousands = not year_column
    if percent:
        return Cell(float(number / 100), _format(len(dp), thousands, True, signed))
    if dp:
        return Cell(float(number), _format(len(dp), thousands, False, signed))
    return Cell(int(number), _format(0, thousands, False, signed))


def _text_cell(text: str) -> str:
    """A text cell gptables accepts: it refuses blank cells and cells with no letter or digit."""
    if re.fullmatch(r"[^a-zA-Z0-9]*", text):
        return {"%": "per cent", "£": "pounds"}.get(text.strip(), "[x]")
    return text


def _units(table: PublishedTable, cells: list[list[Cell]]) -> str:
    kinds = set()
    for row in cells:
        for c in row:
            if c.num_format:
                kinds.add("percentages" if "%" in c.num_format else "numbers")
    if not kinds:
        return "Units: text only."
    words = " and ".join(sorted(kinds, reverse=True))
    return f"Units: {words} as the column headings say (counts unless a heading gives a unit)."


def _sheet(table: PublishedTable, index: int, source: str) -> tuple[Any, set[str]]:
    """The gptables table for one published table, and the shorthand it uses."""
    import pandas as pd
    from gptables import GPTable

    year_columns = [bool(YEAR_COLUMN.fullmatch(c.strip())) for c in table.columns]
    cells: list[list[Cell]] = []
    used: set[str] = set()
    rows = table.rows or [["None in this year", *["[z]"] * (len(table.columns) - 1)]]
    for row in rows:
        padded = [*row, *[""] * (len(table.columns) - len(row))][: len(table.columns)]
        converted = []
        for text, is_year in zip(padded, year_columns, strict=True):
            cell = cell_value(text, is_year)
            if cell.num_format is None:
                cell = Cell(_text_cell(str(cell.value)))
                used.update(SHORTHAND_MARK.findall(cell.value))
            converted.append(cell)
        cells.append(converted)
    frame = pd.DataFrame(
        [[c.value for c in row] for row in cells], columns=list(table.columns), dtype=object
    )
    # one entry per cell: gptables 2.0 applies a "cells" list's format to its last cell only
    formatting = [
        {"cell": {"cells": (r, c), "format": {"num_format": cell.num_format}}}
        for r, row in enumerate(cells, start=1)  # row 0 of gptables' formats is the header
        for c, cell in enumerate(row)
        if cell.num_format
    ]
    subtitles = [_units(table, cells), f"Published as tables/{table.name}.csv."]
    if table.note:
        subtitles.append(f"Note: {table.note}")
    if used:
        subtitles.append(
            "Shorthand used here (" + ", ".join(sorted(used)) + ") is explained on the Notes sheet."
        )
    gptable = GPTable(
        table=frame,
        table_name=f"table_{index}_{table.name}",
        title=table.caption.rstrip("."),
        subtitles=subtitles,
        instructions="This worksheet contains one table.",
        source=source,
        index_columns={2: 0},
        additional_formatting=formatting,
    )
    return gptable, used


def write_spreadsheet(run: RunFolder, params: Params, folder: Path) -> Path:
    """Write ``tables.xlsx`` of every table in ``run`` into ``folder``; return its path."""
    import pandas as pd
    from gptables import Cover, GPTable, write_workbook

    audience = run.audience
    as_at = params.as_at
    source = (
        f"Source: {params.partnership_name}, registers as at {long_date(as_at)}; annual report "
        f"{params.reporting_year}."
    )
    sheets: dict[str, Any] = {}
    used_by: dict[str, list[str]] = {}
    for i, table in enumerate(run.tables.values(), start=1):
        label = f"Table_{i}"
        sheets[label], used = _sheet(table, i, source)
        for mark in used:
            used_by.setdefault(mark, []).append(label)
    meanings = shorthand(params.suppression_threshold)
    notes = [
        [mark, meanings[mark], ", ".join(used_by[mark])] for mark in meanings if mark in used_by
    ] or [["None", "No shorthand is used in these tables.", "None"]]
    notes_sheet = GPTable(
        table=pd.DataFrame(notes, columns=["Shorthand", "Meaning", "Sheets where used"]),
        table_name="notes_table",
        title="Notes: the shorthand used in these tables",
        instructions="This worksheet contains one table.",
        index_columns={2: 0},
    )
    marking = (
        "OFFICIAL-SENSITIVE: internal edition, not for publication."
        if audience == "internal"
        else ("Public edition: only figures that passed disclosure control.")
    )
    status = "DRAFT: not yet signed off." if params.status == "draft" else "Final."
    title = f"{params.partnership_name}: data tables for the annual report {params.reporting_year}"
    cover = Cover(
        title=title,
        intro=[
            f"Partnership: {params.partnership_name}",
            f"Reporting year: {params.reporting_year} (1 April {params.year.first} to "
            f"31 March {params.year.first + 1})",
            f"Audience: {audience}. {marking}",
            f"Data as at: {long_date(as_at)}",
            f"Status: {status}",
            f"Produced: {long_date(dt.date.today())}",
        ],
        about=[
            "Each table is the one published with the annual report, with the same figures.",
            "The Notes sheet explains the shorthand used, such as [c] for a figure hidden to "
            "protect the children concerned.",
            "Numbers are stored as numbers; percentages are stored as fractions and shown as "
            "percentages.",
        ],
        contact=[
            params.committee.author or f"{params.partnership_name} business unit",
        ],
    )
    path = spreadsheet_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # gptables warns about notes it does not manage
        write_workbook(
            filename=str(path),
            sheets={"Notes": notes_sheet, **sheets},
            cover=cover,
            contentsheet_label="Contents",
            auto_width=True,
            workbook_options={"strings_to_formulas": False, "strings_to_urls": False},
        )
    return path
