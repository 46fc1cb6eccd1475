"""Real Excel workbooks as agencies keep them, made with openpyxl for the tests.

A hidden old copy before the register, cells formatted as percentages, a workbook
saved with a password (encrypted with ``msoffcrypto-tool``, as Excel does).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import openpyxl


@dataclass
class Sheet:
    """One sheet: its rows from row 1, its state and per-cell number formats."""

    title: str
    rows: Sequence[Sequence[object]]
    state: str = "visible"  # visible, hidden or veryHidden
    # (Excel row, column name from the header) -> number format, e.g. "0.0%"
    formats: dict[tuple[int, str], str] = field(default_factory=dict)


def workbook_bytes(*sheets: Sheet) -> bytes:
    """The bytes of an .xlsx workbook holding ``sheets`` in order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        for row in spec.rows:
            sheet.append(list(row))
        header = list(spec.rows[0]) if spec.rows else []
        for (row, column), number_format in spec.formats.items():
            sheet.cell(row=row, column=header.index(column) + 1).number_format = number_format
        sheet.sheet_state = spec.state
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def encrypted(data: bytes, password: str = "agency-secret") -> bytes:
    """The workbook ``data`` saved with a password: an encrypted OLE compound file."""
    import msoffcrypto

    out = io.BytesIO()
    msoffcrypto.OfficeFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()
