"""Actions on national reviews: pure functions over the validated ``national_actions`` register.

A review is its ``review`` text exactly as written: titles that differ in any character
(a phase, a year, a capital) are different reviews. Each action is judged by its own
row's dates. For a year with first day S and last day E:

- **acted on**: ``review_published_date`` <= E and not completed before S (blank, or
  completed on or after S); a review is acted on when at least one action is;
- **completed**: ``completed_date`` between S and E;
- **open**: ``review_published_date`` <= E and not completed on or before E;
- **overdue**: open, with ``due_date`` <= E.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import NATIONAL_REVIEW_KEYS as FACT_KEYS
from safeguarding_assurance.contract.params import ReportingYear


def flag_actions(actions: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the actions with the flags ``acted_on``, ``completed``, ``open`` and ``overdue``."""
    first, last = pd.Timestamp(year.start), pd.Timestamp(year.end)
    done = actions["completed_date"]
    published = (actions["review_published_date"] <= last).fillna(False).astype(bool)
    done_before_start = (done < first).fillna(False).astype(bool)
    done_by_end = (done <= last).fillna(False).astype(bool)
    is_open = published & ~done_by_end
    return actions.assign(
        acted_on=published & ~done_before_start,
        completed=done.between(first, last).fillna(False).astype(bool),
        open=is_open,
        overdue=is_open & (actions["due_date"] <= last).fillna(False).astype(bool),
    )


def summarise_national_actions(actions: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the year's figures: the contract's keys, and ``actions_acted_on`` (actions)."""
    flags = flag_actions(actions, year)
    return {
        "reviews_acted_on": int(flags.loc[flags["acted_on"], "review"].nunique()),
        "actions_completed": int(flags["completed"].sum()),
        "actions_open": int(flags["open"].sum()),
        "actions_overdue": int(flags["overdue"].sum()),
        "actions_acted_on": int(flags["acted_on"].sum()),
    }


def facts_national_reviews(actions: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the contract's ``national_reviews`` block of ``facts.json`` for ``year``."""
    summary = summarise_national_actions(actions, year)
    return {key: summary[key] for key in FACT_KEYS}


def trend_national_actions(actions: pd.DataFrame, years: Sequence[ReportingYear]) -> pd.DataFrame:
    """Return one row per year (oldest first): ``reporting_year`` and the year's summary."""
    return pd.DataFrame(
        [{"reporting_year": y.label, **summarise_national_actions(actions, y)} for y in years]
    )


def summarise_by_review(actions: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return one row per review acted on in ``year``, earliest published first.

    Columns: ``review``, ``published`` (the earliest ``review_published_date`` of its
    actions), ``actions`` (acted on in the year), ``completed``, ``open``, ``overdue``.
    """
    flags = flag_actions(actions, year)
    reviews = flags.loc[flags["acted_on"], "review"].unique()
    chosen = flags[flags["review"].isin(reviews)]
    columns = ["review", "published", "actions", "completed", "open", "overdue"]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    table = (
        chosen.groupby("review", sort=False)
        .agg(
            published=("review_published_date", "min"),
            actions=("acted_on", "sum"),
            completed=("completed", "sum"),
            open=("open", "sum"),
            overdue=("overdue", "sum"),
        )
        .reset_index()
        .sort_values(["published", "review"], kind="stable")
    )
    for column in ("actions", "completed", "open", "overdue"):
        table[column] = table[column].astype("int64")
    return table[columns].reset_index(drop=True)


def list_open_actions(actions: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the actions open at the end of ``year``: overdue first, then by due date.

    Columns: ``review``, ``description``, ``lead_agency``, ``due_date``, ``overdue``.
    """
    flags = flag_actions(actions, year)
    chosen = flags[flags["open"]].sort_values(
        ["overdue", "due_date", "review", "action_id"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    return chosen[["review", "description", "lead_agency", "due_date", "overdue"]].reset_index(
        drop=True
    )
