"""Turn a display frame into what is published: safe CSV cells and accessible HTML tables."""

from __future__ import annotations

import datetime as dt
import html
import math
from pathlib import Path

import pandas as pd

from safeguarding_assurance.contract.published import (
    NOT_APPLICABLE,
    csv_safe,
)

SHORT_TABLE_ROWS = 25
# a table with more text than this may break across printed pages, however few its rows
SHORT_TABLE_CHARACTERS = 1200


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell_text(value: object, thousands: bool = True) -> str:
    """Format one cell for display: missing is ``[z]``, whole numbers with separators."""
    if _is_missing(value):
        return NOT_APPLICABLE
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int) or (
        hasattr(value, "dtype") and str(getattr(value, "dtype", "")).startswith("int")
    ):
        return f"{int(value):,}" if thousands else str(int(value))
    if isinstance(value, float):
        return f"{value:,}" if thousands else repr(value)
    if isinstance(value, pd.Timestamp | dt.date):
        return f"{value.day} {value:%B %Y}"  # as people write dates: 1 April 2024
    return str(value)


def to_published_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return the frame as published text: markers for missing values, formulas neutralised."""
    out = df.copy()
    for col in out.columns:
        out[col] = [csv_safe(cell_text(v, thousands=False)) for v in out[col]]
    out.columns = [csv_safe(str(c)) for c in out.columns]
    return out


def write_table_csv(df: pd.DataFrame, path: Path) -> None:
    """Write a published table as UTF-8 CSV (with BOM, so Excel reads it as UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    to_published_frame(df).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def write_published_csv(columns: list[str], rows: list[list[str]], path: Path) -> None:
    """Write a table already in published form (text cells, formulas neutralised) as CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def _is_numeric_text(text: str) -> bool:
    t = text.replace(",", "").rstrip("%")
    try:
        float(t)
    except ValueError:
        return text.startswith("[") and text.endswith("]")
    return True


def is_short(df: pd.DataFrame) -> bool:
    """Whether a table is kept whole on a printed page: few rows and little text."""
    text = sum(len(str(v)) for v in df.to_numpy().ravel())
    return len(df) <= SHORT_TABLE_ROWS and text <= SHORT_TABLE_CHARACTERS


def table_html(
    df: pd.DataFrame,
    caption: str,
    *,
    table_id: str | None = None,
    note: str | None = None,
    row_headers: bool = True,
) -> str:
    """Render a display frame as an accessible HTML table; every cell and caption is escaped.

    The first column holds row headers (``<th scope="row">``) when ``row_headers``;
    column headers carry ``scope="col"``; numbers are right-aligned by class.
    """
    esc = html.escape
    attrs = f' id="{esc(table_id)}"' if table_id else ""
    caption_id = f"{table_id}-caption" if table_id else None
    # a wide table scrolls sideways on a phone: the region must be reachable by keyboard
    # (WCAG 2.1.1); short tables are kept whole on a printed page, long ones may break
    size = "short" if is_short(df) else "long"
    region = (
        f' role="region" tabindex="0" aria-labelledby="{esc(caption_id)}"' if caption_id else ""
    )
    cap_attr = f' id="{esc(caption_id)}"' if caption_id else ""
    parts = [
        f'<div class="table-wrap {size}"{region}><table{attrs}>',
        f"<caption{cap_attr}>{esc(caption)}</caption>",
    ]
    parts.append("<thead><tr>")
    for i, col in enumerate(df.columns):
        cls = "" if i == 0 or not _numeric_column(df[col]) else ' class="num"'
        parts.append(f'<th scope="col"{cls}>{esc(str(col))}</th>')
    parts.append("</tr></thead><tbody>")
    if df.empty:
        parts.append(
            f'<tr><td colspan="{max(len(df.columns), 1)}">No rows for this year.</td></tr>'
        )
    for row in df.itertuples(index=False):
        parts.append("<tr>")
        for i, value in enumerate(row):
            text = cell_text(value)
            if i == 0 and row_headers:
                parts.append(f'<th scope="row">{esc(text)}</th>')
            else:
                cls = ' class="num"' if _is_numeric_text(text) else ""
                parts.append(f"<td{cls}>{esc(text)}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if note:
        parts.append(f'<p class="table-note">{esc(note)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _numeric_column(series: pd.Series) -> bool:
    texts = [cell_text(v) for v in series]
    return bool(texts) and all(_is_numeric_text(t) for t in texts)
