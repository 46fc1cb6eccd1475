"""The executive summary: each headline figure of ``facts.json`` beside last year's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import flatten
from safeguarding_assurance.contract.published import NOT_APPLICABLE, REVISED
from safeguarding_assurance.measures.rounding import percent


@dataclass(frozen=True)
class Headline:
    """One row of the executive summary."""

    section: str
    label: str
    key: str
    kind: str  # "count", "pct", "mean"


HEADLINES: tuple[Headline, ...] = (
    Headline(
        "Learning from serious incidents",
        "Serious incidents notified to the National Panel",
        "reviews.notifications",
        "count",
    ),
    Headline(
        "Learning from serious incidents",
        "Rapid reviews completed",
        "reviews.rapid_reviews_completed",
        "count",
    ),
    Headline(
        "Learning from serious incidents",
        "Rapid reviews deciding on an LCSPR",
        "reviews.lcspr_decisions",
        "count",
    ),
    Headline(
        "Learning from serious incidents",
        "Notified within timescale",
        "reviews.notified_within_timescale_pct",
        "pct",
    ),
    Headline(
        "Learning from serious incidents",
        "Rapid reviews within timescale",
        "reviews.rapid_review_within_timescale_pct",
        "pct",
    ),
    Headline(
        "Learning from serious incidents", "LCSPRs published", "reviews.lcsprs_published", "count"
    ),
    Headline(
        "Learning from serious incidents",
        "LCSPRs published within timescale",
        "reviews.lcsprs_published_within_timescale_pct",
        "pct",
    ),
    Headline(
        "Learning from serious incidents",
        "Review recommendations open at year end",
        "reviews.recommendations_open",
        "count",
    ),
    Headline(
        "Learning from serious incidents",
        "Review recommendations overdue at year end",
        "reviews.recommendations_overdue",
        "count",
    ),
    Headline("Training", "Training completions", "training.completions", "count"),
    Headline(
        "Training", "Practitioners trained (unique learners)", "training.unique_learners", "count"
    ),
    Headline("Training", "E-learning completions", "training.e_learning_completions", "count"),
    Headline(
        "Training", "Reach: learners as a share of staff in scope", "training.reach_pct", "pct"
    ),
    Headline("Training", "Booked places not attended", "training.did_not_attend_pct", "pct"),
    Headline(
        "Training",
        "Mean change in confidence (1 to 5 scale)",
        "training.mean_confidence_change",
        "mean",
    ),
    Headline(
        "Training", "Practitioners trained in GCP2", "training.gcp2_practitioners_trained", "count"
    ),
)


def priority_headlines(priorities: list[tuple[str, str]]) -> list[Headline]:
    """Rows for each priority: actions completed, overdue and indicators improved."""
    rows: list[Headline] = []
    for pid, name in priorities:
        rows += [
            Headline(
                f"Priority: {name}",
                "Actions in scope",
                f"priorities.{pid}.actions_in_scope",
                "count",
            ),
            Headline(
                f"Priority: {name}",
                "Actions completed (% of in scope)",
                f"priorities.{pid}.actions_completed_pct",
                "pct",
            ),
            Headline(
                f"Priority: {name}", "Actions overdue", f"priorities.{pid}.actions_overdue", "count"
            ),
            Headline(
                f"Priority: {name}",
                "Indicators improved on last year",
                f"priorities.{pid}.indicators_improved",
                "count",
            ),
            Headline(
                f"Priority: {name}",
                "Indicators meeting target",
                f"priorities.{pid}.indicators_target_met",
                "count",
            ),
        ]
    return rows


def format_headline(value: Any, kind: str) -> str:
    """Show a headline figure: counts with separators, % to one place, means to two."""
    if value is None:
        return NOT_APPLICABLE
    if kind == "pct":
        return f"{value:.1f}%"
    if kind == "mean":
        return f"{value:+.2f}"
    return f"{int(value):,}"


def change_words(current: Any, previous: Any) -> str:
    """Neutral words for the change: higher, lower, the same, or no comparison."""
    if current is None or previous is None:
        return "No comparison"
    if current > previous:
        return "Higher"
    if current < previous:
        return "Lower"
    return "Same"


def executive_summary(
    current: dict[str, Any],
    previous: dict[str, Any],
    priorities: list[tuple[str, str]],
    revised: set[str],
) -> pd.DataFrame:
    """The executive summary table: each headline this year, last year, and the change.

    Last year's figure carries ``[r]`` where a previous run published a different value.
    """
    flat_now, flat_prev = flatten(current), flatten(previous)
    rows = []
    for h in (*HEADLINES, *priority_headlines(priorities)):
        now, before = flat_now.get(h.key), flat_prev.get(h.key)
        last = format_headline(before, h.kind)
        if h.key in revised:
            last = f"{last} {REVISED}"
        rows.append(
            {
                "Area": h.section,
                "Measure": h.label,
                "This year": format_headline(now, h.kind),
                "Last year": last,
                "Change": change_words(now, before),
            }
        )
    return pd.DataFrame(rows, columns=["Area", "Measure", "This year", "Last year", "Change"])


def overall_completed_pct(facts: dict[str, Any]) -> float | None:
    """Actions completed as a % of actions in scope, over every priority."""
    blocks = facts.get("priorities", {}).values()
    return percent(
        sum(b["actions_completed"] for b in blocks), sum(b["actions_in_scope"] for b in blocks)
    )
