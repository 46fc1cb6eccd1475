"""Problems found in the inputs: in a stable order, on the terminal, and in full as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from safeguarding_assurance.contract.published import csv_safe
from safeguarding_assurance.contract.schemas import SCHEMAS, TABLE_NAMES
from safeguarding_assurance.errors import Problem


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order problems by table (contract order), then row (file-level first), then column."""
    order = {name: i for i, name in enumerate(TABLE_NAMES)}
    columns = {c: i for s in SCHEMAS.values() for i, c in enumerate(s.column_names)}

    def key(p: Problem) -> tuple:
        stem = p.file.rsplit(".", 1)[0]
        return (
            order.get(stem, len(order)),
            p.file,
            -1 if p.row is None else p.row,
            columns.get(p.column or "", -1 if p.column is None else 99),
        )

    return sorted(problems, key=key)


def format_problems(problems: list[Problem], limit: int = 20) -> str:
    """Return the first ``limit`` problems, one a line, and how many more there are."""
    lines = [f"  {p.describe()}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit:,} more")
    return "\n".join(lines)


def write_problems_csv(problems: list[Problem], path: Path) -> Path:
    """Write every problem (file, row, column, value, rule) to a CSV file at ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["file", "row", "column", "value", "rule"])
        for p in problems:
            writer.writerow(
                [
                    csv_safe(p.file),
                    "" if p.row is None else p.row,
                    csv_safe(p.column or ""),
                    csv_safe(p.value or ""),
                    csv_safe(p.rule),
                ]
            )
    return path
