"""Judgements from the data: each indicator's status and each priority's progress.

Fixed rules (the contract's "Judgements: the assessment block") turn the year's figures
into verdicts, so every run and every analyst reaches the same one:

- an indicator's status (``good``, ``mixed``, ``concern``, ``no_data``) from whether its
  year-end value met the target on the same row and its direction of travel, read
  through its polarity (:data:`STATUS`); an indicator with no value in the year is
  ``no_data``;
- a priority's progress (``good_progress``, ``some_progress``, ``little_progress``,
  ``no_data``) from its actions' completed share and its indicators' statuses, the
  first rule that holds applying (:func:`judge_priority`). Thresholds are compared with
  the exact ratio, never the rounded percentage.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures.priorities import assess_indicators, summarise_actions

GOOD, MIXED, CONCERN, NO_DATA = "good", "mixed", "concern", "no_data"
INDICATOR_STATUSES = (GOOD, MIXED, CONCERN, NO_DATA)
GOOD_PROGRESS, SOME_PROGRESS, LITTLE_PROGRESS = "good_progress", "some_progress", "little_progress"
PRIORITY_PROGRESS = (GOOD_PROGRESS, SOME_PROGRESS, LITTLE_PROGRESS, NO_DATA)

# (target status, direction of travel) -> status: the contract's table, row by row.
STATUS: dict[tuple[str, str], str] = {
    ("met", "improved"): GOOD,
    ("met", "no change"): GOOD,
    ("met", "declined"): MIXED,
    ("met", "no comparison"): GOOD,
    ("not met", "improved"): MIXED,
    ("not met", "no change"): MIXED,
    ("not met", "declined"): CONCERN,
    ("not met", "no comparison"): CONCERN,
    ("no target", "improved"): GOOD,
    ("no target", "no change"): GOOD,
    ("no target", "declined"): CONCERN,
    ("no target", "no comparison"): NO_DATA,
}


def indicator_status(value: float | None, target_status: str, direction: str) -> str:
    """The status of one indicator: ``no_data`` without a value in the year, else the table's."""
    if value is None or pd.isna(value):
        return NO_DATA
    return STATUS[(target_status, direction)]


def judge_indicators(
    indicators: pd.DataFrame,
    indicator_values: pd.DataFrame,
    year: ReportingYear,
    priority_ids: list[str],
) -> pd.DataFrame:
    """Every indicator of the run's priorities, assessed, with its ``status``.

    The columns of :func:`~safeguarding_assurance.measures.priorities.assess_indicators`
    and ``status``; indicators of other priorities are left out; input order kept.
    """
    assessed = assess_indicators(indicators, indicator_values, year)
    mine = assessed.loc[assessed["priority"].isin(priority_ids)].reset_index(drop=True)
    mine["status"] = [
        indicator_status(v, t, d)
        for v, t, d in zip(mine["value"], mine["target_status"], mine["direction"], strict=True)
    ]
    return mine


def _below(completed: int, in_scope: int, pct: float) -> bool:
    """100 × completed < pct × in scope, exactly (no rounding, no binary fractions)."""
    return Decimal(100 * completed) < Decimal(str(pct)) * in_scope


def judge_priority(
    in_scope: int,
    completed: int,
    statuses: Iterable[str],
    little_progress_pct: float,
    good_progress_pct: float,
) -> str:
    """A priority's progress: the first of the contract's four rules that holds.

    1. ``no_data``: no actions in scope and no indicator with a status other than
       ``no_data``;
    2. ``little_progress``: completed % below ``little_progress_pct``, or more
       ``concern`` indicators than ``good`` ones (strictly);
    3. ``good_progress``: completed % at or above ``good_progress_pct``, or no actions
       in scope; and no ``concern`` indicator;
    4. ``some_progress``: otherwise.

    With no actions in scope the action test of rule 2 fails and that of rule 3 holds.
    """
    statuses = list(statuses)
    good, concern = statuses.count(GOOD), statuses.count(CONCERN)
    if in_scope == 0 and all(s == NO_DATA for s in statuses):
        return NO_DATA
    few_done = in_scope > 0 and _below(completed, in_scope, little_progress_pct)
    if few_done or concern > good:
        return LITTLE_PROGRESS
    enough_done = in_scope == 0 or not _below(completed, in_scope, good_progress_pct)
    if enough_done and concern == 0:
        return GOOD_PROGRESS
    return SOME_PROGRESS


def facts_assessment(
    actions: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_values: pd.DataFrame,
    year: ReportingYear,
    priority_ids: list[str],
    little_progress_pct: float,
    good_progress_pct: float,
) -> dict[str, Any]:
    """The contract's ``assessment`` block of ``facts.json`` for one year."""
    judged = judge_indicators(indicators, indicator_values, year, priority_ids)
    acts = summarise_actions(actions, year, priority_ids).set_index("priority")
    priorities = {
        pid: judge_priority(
            int(acts.loc[pid, "in_scope"]),
            int(acts.loc[pid, "completed"]),
            judged.loc[judged["priority"].eq(pid), "status"],
            little_progress_pct,
            good_progress_pct,
        )
        for pid in priority_ids
    }
    statuses = dict(zip(judged["indicator_id"], judged["status"], strict=True))
    counts = {f"indicators_{s}": sum(v == s for v in statuses.values()) for s in INDICATOR_STATUSES}
    return {"priorities": priorities, "indicators": statuses, **counts}
