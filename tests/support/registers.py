"""Hand-made frames of the optional registers, typed as ``inputs.load.load_tables`` returns them.

Each builder takes rows as dicts (missing keys are blank) and gives the contract's
columns in its order, with its dtypes: dates as ``datetime64[us]``, whole numbers as
``Int64``, numbers as ``float64``, text as ``str`` (blank is missing).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance.contract.schemas import SCHEMAS


def make_frame(table: str, *rows: dict[str, Any]) -> pd.DataFrame:
    """Build a validated-looking frame of ``table`` from ``rows``."""
    spec = SCHEMAS[table]
    data: dict[str, pd.Series] = {}
    for col in spec.columns:
        values = [r.get(col.name) for r in rows]
        if col.kind == "date":
            data[col.name] = pd.to_datetime(pd.Series(values, dtype="object")).astype(
                "datetime64[us]"
            )
        elif col.kind == "integer":
            data[col.name] = pd.Series(pd.array(values, dtype="Int64"))
        elif col.kind == "number":
            data[col.name] = pd.Series(values, dtype="float64")
        else:
            data[col.name] = pd.Series(values, dtype="object").astype("str")
    return pd.DataFrame(data, columns=spec.column_names)


def make_audits(*rows: dict[str, Any]) -> pd.DataFrame:
    """An ``audits`` frame; ``audit_id`` defaults to A1, A2, ... and ``theme`` to neglect."""
    filled = [{"audit_id": f"A{i}", "theme": "neglect", **r} for i, r in enumerate(rows, 1)]
    return make_frame("audits", *filled)


def make_funding(*rows: tuple[str, str, str, str | None, float]) -> pd.DataFrame:
    """A ``funding`` frame from (reporting_year, agency, sector, kind, amount_gbp) rows."""
    names = ("reporting_year", "agency", "sector", "kind", "amount_gbp")
    return make_frame("funding", *[dict(zip(names, r, strict=True)) for r in rows])


def make_national_actions(*rows: dict[str, Any]) -> pd.DataFrame:
    """A ``national_actions`` frame; ``action_id`` defaults to N1, N2, ..."""
    filled = [
        {"action_id": f"N{i}", "description": "An action", "lead_agency": "Council", **r}
        for i, r in enumerate(rows, 1)
    ]
    return make_frame("national_actions", *filled)


def make_feedback(*rows: dict[str, Any]) -> pd.DataFrame:
    """A ``feedback`` frame; ``activity_id`` defaults to F1, F2, ... and ``summary`` is set."""
    filled = [
        {"activity_id": f"F{i}", "summary": "What we heard", **r} for i, r in enumerate(rows, 1)
    ]
    return make_frame("feedback", *filled)


def make_chapter(tmp_path, audience: str = "public", year: str = "2024-25", trend_years: int = 3):
    """A running chapter for hand-made registers (no data folder is read)."""
    from safeguarding_assurance.contract.params import validate_values
    from safeguarding_assurance.paths import OutputLayout
    from safeguarding_assurance.present.chapter import Chapter

    params = validate_values(
        {
            "reporting_year": year,
            "partnership_name": "Test partnership",
            "data_dir": "data",
            "audience": audience,
            "priorities": [{"id": "neglect", "name": "Neglect"}],
            "trend_years": trend_years,
        },
        "test parameters",
        root=tmp_path,
    )
    return Chapter(params=params, layout=OutputLayout(tmp_path / "outputs"))


def read_table(folder, name: str) -> list[dict[str, str]]:
    """A published table (``tables/<name>.csv``) as rows of text, as a spreadsheet reads it."""
    import csv

    with (folder / "tables" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))
