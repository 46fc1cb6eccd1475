"""Multi-agency case-file audits: pure functions over the validated ``audits`` register.

An audit belongs to the reporting year of its ``completed_date``. The year's audits
give the contract's ``audits`` block: how many were completed, the cases they looked
at, the share of cases rated good and rated inadequate (each rating's sum over the sum
of ``cases_audited``) and the share of agreed actions completed. Actions carry no
dates, so a past year shows them as the register stands now. Sums are exact; only
the final percentage is rounded (half up, one decimal place).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import AUDIT_KEYS as FACT_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures.reviews import in_year
from safeguarding_assurance.measures.rounding import percent

RATINGS = ("rated_good", "rated_requires_improvement", "rated_inadequate")
COUNTS = ("cases_audited", *RATINGS, "actions_agreed", "actions_completed")


def select_audits(audits: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the audits completed in ``year`` (both ends included), in date order."""
    chosen = audits[in_year(audits["completed_date"], year)]
    return chosen.sort_values(["completed_date", "audit_id"], kind="stable")


def _sum(frame: pd.DataFrame, column: str) -> int:
    return int(frame[column].sum()) if len(frame) else 0


def summarise_audits(audits: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the year's audit figures: the contract's keys, and the sums behind them.

    Extra keys: ``rated_good``, ``rated_requires_improvement``, ``rated_inadequate``
    (case counts), ``rated_requires_improvement_pct``, ``actions_agreed`` and
    ``actions_completed``.
    """
    chosen = select_audits(audits, year)
    sums = {column: _sum(chosen, column) for column in COUNTS}
    cases = sums["cases_audited"]
    return {
        "audits_completed": len(chosen),
        "cases_audited": cases,
        "rated_good_pct": percent(sums["rated_good"], cases),
        "rated_inadequate_pct": percent(sums["rated_inadequate"], cases),
        "actions_completed_pct": percent(sums["actions_completed"], sums["actions_agreed"]),
        "rated_requires_improvement_pct": percent(sums["rated_requires_improvement"], cases),
        **{column: sums[column] for column in (*RATINGS, "actions_agreed", "actions_completed")},
    }


def facts_audits(audits: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the contract's ``audits`` block of ``facts.json`` for ``year``, in its key order."""
    summary = summarise_audits(audits, year)
    return {key: summary[key] for key in FACT_KEYS}


def trend_audits(audits: pd.DataFrame, years: Sequence[ReportingYear]) -> pd.DataFrame:
    """Return one row per year (oldest first): ``reporting_year`` and the year's summary."""
    return pd.DataFrame([{"reporting_year": y.label, **summarise_audits(audits, y)} for y in years])


def list_audits(audits: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the year's audits, one row each: theme, date and counts (no identifier)."""
    chosen = select_audits(audits, year)
    return chosen[["theme", "completed_date", *COUNTS]].reset_index(drop=True)
