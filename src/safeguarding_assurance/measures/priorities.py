"""Progress on the partnership's priorities: business plan actions and scorecard indicators.

Pure measures over the frames :func:`safeguarding_assurance.inputs.read.load_tables` returns,
exactly as the data contract defines them (``actions.csv``, ``indicators.csv`` and
``indicator_values.csv``). Every boundary is inclusive, cancelled actions are out of
every year, and the registers are read as they stand when the report is made.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures.rounding import percent

# An in-scope action is in exactly one of these at the year's end:
# completed in the year, or carried forward as overdue or on track.
PROGRESS = ("completed", "overdue", "on track")

ACTION_COUNTS = ["in_scope", "completed", "overdue", "on_track", "carried_forward"]
INDICATOR_COUNTS = [
    "indicators",
    "improved",
    "declined",
    "no_change",
    "no_comparison",
    "with_target",
    "target_met",
]


def _bounds(year: ReportingYear) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(year.start), pd.Timestamp(year.end)


def label_reporting_years(days: pd.Series) -> pd.Series:
    """Return the reporting year (``2024-25``) each date falls in; missing stays missing."""
    first = days.dt.year.astype("Int64") - days.dt.month.lt(4).astype("Int64")
    second = ((first + 1) % 100).astype("string").str.zfill(2)
    return first.astype("string") + "-" + second


def classify_actions(actions: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the year's in-scope actions, each with its ``progress`` at the year's end.

    In scope: not cancelled, ``start_date`` ≤ E and (no ``completed_date`` or
    ``completed_date`` ≥ S). ``progress`` is ``completed`` (completed between S and
    E), else ``overdue`` (``due_date`` ≤ E) or ``on track`` (``due_date`` > E).
    """
    start, end = _bounds(year)
    done = actions["completed_date"]
    in_scope = (
        actions["status"].ne("cancelled")
        & actions["start_date"].le(end)
        & (done.isna() | done.ge(start))
    )
    scoped = actions.loc[in_scope].copy()
    # Completed on or before E; with in scope (completed ≥ S) that is "between S and E".
    completed = scoped["completed_date"].le(end)
    overdue = ~completed & scoped["due_date"].le(end)
    scoped["progress"] = np.select([completed, overdue], PROGRESS[:2], default=PROGRESS[2])
    return scoped


def summarise_actions(
    actions: pd.DataFrame, year: ReportingYear, priority_ids: list[str]
) -> pd.DataFrame:
    """Count the year's actions per priority, in ``priority_ids`` order.

    Columns: ``priority``, ``in_scope``, ``completed``, ``overdue``, ``on_track``,
    ``carried_forward`` (overdue + on track) and ``completed_pct`` (completed ÷ in
    scope, half up to one decimal; NaN where nothing is in scope).
    """
    scoped = classify_actions(actions, year)
    scoped = scoped.loc[scoped["priority"].isin(priority_ids)]
    counts = pd.crosstab(
        pd.Categorical(scoped["priority"], categories=priority_ids),
        pd.Categorical(scoped["progress"], categories=PROGRESS),
        dropna=False,
    ).reindex(index=priority_ids, columns=list(PROGRESS), fill_value=0)
    out = pd.DataFrame(
        {
            "priority": priority_ids,
            "completed": counts["completed"].to_numpy(dtype="int64"),
            "overdue": counts["overdue"].to_numpy(dtype="int64"),
            "on_track": counts["on track"].to_numpy(dtype="int64"),
        }
    )
    out["carried_forward"] = out["overdue"] + out["on_track"]
    out["in_scope"] = out["completed"] + out["carried_forward"]
    out["completed_pct"] = pd.array(
        [percent(c, n) for c, n in zip(out["completed"], out["in_scope"], strict=True)],
        dtype="float64",
    )
    return out[["priority", *ACTION_COUNTS, "completed_pct"]]


def list_overdue_actions(
    actions: pd.DataFrame, year: ReportingYear, priority_ids: list[str]
) -> pd.DataFrame:
    """Return the actions overdue at the year's end, by priority order, due date and reference."""
    scoped = classify_actions(actions, year)
    overdue = scoped.loc[scoped["progress"].eq("overdue")].copy()
    overdue["_order"] = overdue["priority"].map({p: i for i, p in enumerate(priority_ids)})
    overdue = overdue.sort_values(["_order", "due_date", "action_id"], na_position="last")
    columns = ["action_id", "priority", "description", "lead_agency", "due_date"]
    return overdue[columns].reset_index(drop=True)


def select_year_end_values(indicator_values: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return each indicator's row at its latest ``period_end`` inside the year.

    Columns: ``indicator_id``, ``period_end``, ``value``, ``target``, ``england``.
    An indicator with no value inside the year has no row.
    """
    start, end = _bounds(year)
    inside = indicator_values.loc[indicator_values["period_end"].between(start, end)]
    latest = inside.sort_values(["indicator_id", "period_end"]).drop_duplicates(
        "indicator_id", keep="last"
    )
    columns = ["indicator_id", "period_end", "value", "target", "england"]
    return latest[columns].reset_index(drop=True)


def assess_indicators(
    indicators: pd.DataFrame, indicator_values: pd.DataFrame, year: ReportingYear
) -> pd.DataFrame:
    """Return one row per indicator: year-end value, last year's, direction and target status.

    Columns: the indicator's ``indicator_id``, ``priority``, ``name``, ``unit``,
    ``polarity``; ``period_end``, ``value``, ``target``, ``england`` of the year-end
    row; ``previous_value`` (last year's year-end value); ``direction`` (improved,
    declined, no change, no comparison) read through the polarity; ``target_status``
    (met, not met, no target) against the target on the year-end row. Indicators keep
    their input order.
    """
    current = select_year_end_values(indicator_values, year)
    previous = select_year_end_values(indicator_values, year.previous())
    previous = previous[["indicator_id", "value"]].rename(columns={"value": "previous_value"})
    out = (
        indicators[["indicator_id", "priority", "name", "unit", "polarity"]]
        .merge(current, on="indicator_id", how="left")
        .merge(previous, on="indicator_id", how="left")
    )
    higher = out["polarity"].eq("higher_is_better").to_numpy()
    change = (out["value"] - out["previous_value"]).to_numpy(dtype="float64")
    missing = np.isnan(change)
    with np.errstate(invalid="ignore"):
        better = np.where(higher, change > 0, change < 0)
        worse = np.where(higher, change < 0, change > 0)
    out["direction"] = np.select(
        [missing, better, worse], ["no comparison", "improved", "declined"], default="no change"
    )
    value = out["value"].to_numpy(dtype="float64")
    target = out["target"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        met = np.where(higher, value >= target, value <= target)
    out["target_status"] = np.select([np.isnan(target), met], ["no target", "met"], "not met")
    return out


def count_indicators(assessed: pd.DataFrame, priority_ids: list[str]) -> pd.DataFrame:
    """Count assessed indicators per priority by direction and target status.

    Columns: ``priority``, ``indicators``, ``improved``, ``declined``, ``no_change``,
    ``no_comparison``, ``with_target``, ``target_met``; one row per priority id in order.
    """
    assessed = assessed.loc[assessed["priority"].isin(priority_ids)]
    keys = pd.Categorical(assessed["priority"], categories=priority_ids)
    flags = pd.DataFrame(
        {
            "indicators": 1,
            "improved": assessed["direction"].eq("improved").to_numpy(),
            "declined": assessed["direction"].eq("declined").to_numpy(),
            "no_change": assessed["direction"].eq("no change").to_numpy(),
            "no_comparison": assessed["direction"].eq("no comparison").to_numpy(),
            "with_target": assessed["target_status"].ne("no target").to_numpy(),
            "target_met": assessed["target_status"].eq("met").to_numpy(),
        },
        index=range(len(assessed)),
    ).astype("int64")
    counts = flags.groupby(keys, observed=False).sum().reindex(priority_ids, fill_value=0)
    return counts.rename_axis("priority").reset_index()[["priority", *INDICATOR_COUNTS]]


def select_quarterly_values(
    indicators: pd.DataFrame, indicator_values: pd.DataFrame, years: list[ReportingYear]
) -> pd.DataFrame:
    """Return the quarterly values inside ``years``, labelled with their reporting year.

    Columns: ``indicator_id``, ``priority``, ``name``, ``unit``, ``polarity``,
    ``reporting_year``, ``period_end``, ``value``, ``target``, ``england``; sorted by
    the indicators' input order, then ``period_end``.
    """
    start = pd.Timestamp(min(years).start)
    end = pd.Timestamp(max(years).end)
    inside = indicator_values.loc[indicator_values["period_end"].between(start, end)]
    meta = indicators[["indicator_id", "priority", "name", "unit", "polarity"]].assign(
        _order=range(len(indicators))
    )
    out = meta.merge(inside, on="indicator_id", how="inner")
    out["reporting_year"] = label_reporting_years(out["period_end"])
    out = out.sort_values(["_order", "period_end"]).reset_index(drop=True)
    columns = ["indicator_id", "priority", "name", "unit", "polarity", "reporting_year"]
    return out[[*columns, "period_end", "value", "target", "england"]]


def facts_priorities(
    actions: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_values: pd.DataFrame,
    year: ReportingYear,
    priority_ids: list[str],
) -> dict[str, dict[str, Any]]:
    """Return the contract's ``priorities`` block of ``facts.json`` for one year."""
    acts = summarise_actions(actions, year, priority_ids)
    inds = count_indicators(assess_indicators(indicators, indicator_values, year), priority_ids)
    both = acts.merge(inds, on="priority").set_index("priority").to_dict("index")
    return {
        pid: {
            "actions_in_scope": int(both[pid]["in_scope"]),
            "actions_completed": int(both[pid]["completed"]),
            "actions_overdue": int(both[pid]["overdue"]),
            "actions_completed_pct": _none_if_nan(both[pid]["completed_pct"]),
            "indicators_improved": int(both[pid]["improved"]),
            "indicators_declined": int(both[pid]["declined"]),
            "indicators_target_met": int(both[pid]["target_met"]),
        }
        for pid in priority_ids
    }


def _none_if_nan(value: float) -> float | None:
    return None if pd.isna(value) else float(value)
