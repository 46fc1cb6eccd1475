"""Headline figures: each figure of ``facts.json`` beside last year's, judged in words.

Every comparison is read through which way is better for that measure and said as
"Better", "Worse" or "Same"; counts of serious incidents are never judged (they
reflect what happened to children, not how well agencies worked). Figures are
published as numbers; the unit is in the measure's name; ``[r]`` marks a revised
figure in a column of its own, so every figure stays a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import flatten
from safeguarding_assurance.contract.published import REVISED
from safeguarding_assurance.measures.rounding import percent


@dataclass(frozen=True)
class Headline:
    """One row of the headline figures: where, what, which ``facts.json`` key, which way."""

    section: str
    label: str
    key: str
    kind: str  # "count", "pct", "mean"
    better: str | None  # "higher", "lower", or None: not a measure of performance


REVIEWS = "Learning from serious incidents"
TRAINING = "Training"
HEADLINES: tuple[Headline, ...] = (
    Headline(
        REVIEWS,
        "Serious incidents notified to the National Panel",
        "reviews.notifications",
        "count",
        None,
    ),
    Headline(REVIEWS, "Rapid reviews completed", "reviews.rapid_reviews_completed", "count", None),
    Headline(
        REVIEWS, "Rapid reviews deciding on an LCSPR", "reviews.lcspr_decisions", "count", None
    ),
    Headline(
        REVIEWS,
        "Notified within timescale (%)",
        "reviews.notified_within_timescale_pct",
        "pct",
        "higher",
    ),
    Headline(
        REVIEWS,
        "Rapid reviews within timescale (%)",
        "reviews.rapid_review_within_timescale_pct",
        "pct",
        "higher",
    ),
    Headline(REVIEWS, "LCSPRs published", "reviews.lcsprs_published", "count", None),
    Headline(
        REVIEWS,
        "LCSPRs published within timescale (%)",
        "reviews.lcsprs_published_within_timescale_pct",
        "pct",
        "higher",
    ),
    Headline(
        REVIEWS,
        "Review recommendations open at year end",
        "reviews.recommendations_open",
        "count",
        "lower",
    ),
    Headline(
        REVIEWS,
        "Review recommendations overdue at year end",
        "reviews.recommendations_overdue",
        "count",
        "lower",
    ),
    Headline(TRAINING, "Training completions", "training.completions", "count", "higher"),
    Headline(
        TRAINING,
        "Practitioners trained (unique learners)",
        "training.unique_learners",
        "count",
        "higher",
    ),
    Headline(
        TRAINING, "E-learning completions", "training.e_learning_completions", "count", "higher"
    ),
    Headline(
        TRAINING,
        "Reach: learners as a share of staff in scope (%)",
        "training.reach_pct",
        "pct",
        "higher",
    ),
    Headline(
        TRAINING, "Booked places not attended (%)", "training.did_not_attend_pct", "pct", "lower"
    ),
    Headline(
        TRAINING,
        "Mean change in confidence (points on a 1 to 5 scale)",
        "training.mean_confidence_change",
        "mean",
        "higher",
    ),
    Headline(
        TRAINING,
        "Practitioners trained in GCP2",
        "training.gcp2_practitioners_trained",
        "count",
        "higher",
    ),
)
NOT_JUDGED = "Not judged"


def priority_headlines(priorities: list[tuple[str, str]]) -> list[Headline]:
    """Rows for each priority: actions in scope, completed, overdue and its indicators."""
    rows: list[Headline] = []
    for pid, name in priorities:
        area = f"Priority: {name}"
        key = f"priorities.{pid}"
        rows += [
            Headline(area, "Actions in scope", f"{key}.actions_in_scope", "count", None),
            Headline(
                area,
                "Actions completed (% of in scope)",
                f"{key}.actions_completed_pct",
                "pct",
                "higher",
            ),
            Headline(area, "Actions overdue", f"{key}.actions_overdue", "count", "lower"),
            Headline(
                area,
                "Indicators improved on last year",
                f"{key}.indicators_improved",
                "count",
                "higher",
            ),
            Headline(
                area, "Indicators meeting target", f"{key}.indicators_target_met", "count", "higher"
            ),
        ]
    return rows


def better_for(key: str) -> str | None:
    """Which way is better for a ``facts.json`` key (``None``: not judged or not listed)."""
    for h in HEADLINES:
        if h.key == key:
            return h.better
    suffix = key.rsplit(".", 1)[-1]
    for h in priority_headlines([("_", "_")]):
        if h.key.endswith("." + suffix):
            return h.better
    return None


def headline_value(value: Any, kind: str) -> float | int | None:
    """A headline figure as the number it is (a mean to two places, a % to one)."""
    if value is None:
        return None
    if kind == "count":
        return int(value)
    return round(float(value), 2 if kind == "mean" else 1)


def judgement(current: Any, previous: Any, better: str | None) -> str:
    """``Better``, ``Worse`` or ``Same``, read through which way is ``better``.

    ``Not judged`` for counts of incidents; ``No comparison`` where either year has none.
    """
    if better is None:
        return NOT_JUDGED
    if current is None or previous is None:
        return "No comparison"
    if current == previous:
        return "Same"
    return "Better" if (current > previous) == (better == "higher") else "Worse"


def executive_summary(
    current: dict[str, Any],
    previous: dict[str, Any],
    priorities: list[tuple[str, str]],
    revised: set[str],
) -> pd.DataFrame:
    """The headline figures: each last year and this year, and whether it got better.

    Last year's figure is marked ``[r]`` in the ``Revised`` column where a previous run
    published a different value. Missing figures are ``None`` (shown as ``[z]``).
    """
    flat_now, flat_prev = flatten(current), flatten(previous)
    rows = []
    for h in (*HEADLINES, *priority_headlines(priorities)):
        now, before = flat_now.get(h.key), flat_prev.get(h.key)
        rows.append(
            {
                "Area": h.section,
                "Measure": h.label,
                "Last year": headline_value(before, h.kind),
                "Revised": REVISED if h.key in revised else "",
                "This year": headline_value(now, h.kind),
                "Compared with last year": judgement(now, before, h.better),
            }
        )
    columns = ["Area", "Measure", "Last year", "Revised", "This year", "Compared with last year"]
    # object columns: a count stays 12, not 12.0, beside a percentage in the same column
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in columns})
    if not revised:
        frame = frame.drop(columns="Revised")
    return frame


def overall_completed_pct(facts: dict[str, Any]) -> float | None:
    """Actions completed as a % of actions in scope, over every priority."""
    blocks = facts.get("priorities", {}).values()
    return percent(
        sum(b["actions_completed"] for b in blocks), sum(b["actions_in_scope"] for b in blocks)
    )
