"""What children and families told the partnership: pure functions over ``feedback``.

An activity belongs to the reporting year of its ``date``. The contract's ``feedback``
block: the year's activities, the people who took part (the sum of ``participants``),
the children and young people among them (the sum over the groups ``children`` and
``young_people``) and the share of activities that led to a recorded change. A
``change_made`` that is blank (empty or spaces only) means nothing has changed yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import FEEDBACK_KEYS as FACT_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.contract.schemas import FEEDBACK_GROUPS, FEEDBACK_METHODS
from safeguarding_assurance.measures.reviews import in_year
from safeguarding_assurance.measures.rounding import percent

CHILDREN_AND_YOUNG_PEOPLE = ("children", "young_people")


def has_change(change_made: pd.Series) -> pd.Series:
    """Whether each activity records a change: not missing, and not only spaces."""
    text = change_made.astype("object").where(change_made.notna(), "")
    return text.astype(str).str.strip().ne("").astype(bool)


def select_activities(feedback: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the activities dated in ``year`` (both ends included), in date order."""
    chosen = feedback[in_year(feedback["date"], year)]
    return chosen.sort_values(["date", "activity_id"], kind="stable")


def summarise_feedback(feedback: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the year's figures: the contract's keys, and ``activities_with_change`` (count)."""
    chosen = select_activities(feedback, year)
    participants = chosen["participants"]
    young = chosen["group"].isin(CHILDREN_AND_YOUNG_PEOPLE)
    changed = int(has_change(chosen["change_made"]).sum())
    return {
        "activities": len(chosen),
        "participants": int(participants.sum()) if len(chosen) else 0,
        "children_and_young_people": int(participants[young].sum()) if young.any() else 0,
        "activities_with_change_pct": percent(changed, len(chosen)),
        "activities_with_change": changed,
    }


def facts_feedback(feedback: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the contract's ``feedback`` block of ``facts.json`` for ``year``, in its key order."""
    summary = summarise_feedback(feedback, year)
    return {key: summary[key] for key in FACT_KEYS}


def trend_feedback(feedback: pd.DataFrame, years: Sequence[ReportingYear]) -> pd.DataFrame:
    """Return one row per year (oldest first): ``reporting_year`` and the year's summary."""
    return pd.DataFrame(
        [{"reporting_year": y.label, **summarise_feedback(feedback, y)} for y in years]
    )


def count_by(feedback: pd.DataFrame, year: ReportingYear, column: str) -> pd.DataFrame:
    """Return activities and participants in ``year`` per ``group`` or ``method``.

    Every value of the contract's vocabulary is listed, in its order, zeros included.
    """
    vocabulary = {"group": FEEDBACK_GROUPS, "method": FEEDBACK_METHODS}[column]
    chosen = select_activities(feedback, year)
    grouped = chosen.groupby(column, sort=False)["participants"]
    activities = grouped.size().reindex(vocabulary, fill_value=0)
    people = grouped.sum().reindex(vocabulary, fill_value=0)
    return pd.DataFrame(
        {
            column: list(vocabulary),
            "activities": activities.astype("int64").to_numpy(),
            "participants": people.astype("int64").to_numpy(),
        }
    )


def list_activities(feedback: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the year's activities: date, group, method, participants, summary, change made.

    ``change_made`` is ``None`` where it is blank (nothing has changed yet).
    """
    chosen = select_activities(feedback, year)
    changed = has_change(chosen["change_made"])
    change = [
        str(text).strip() if keep else None
        for text, keep in zip(chosen["change_made"], changed, strict=True)
    ]
    out = chosen[["date", "group", "method", "participants", "summary"]].reset_index(drop=True)
    out["change_made"] = pd.Series(change, dtype="object")
    return out
