"""facts.json and the executive summary: headline figures beside last year's.

The chapters record their blocks (this year and last year, computed in the same
run); this module puts them together in the contract's order, compares last year's
figures with a previous run's ``facts.json`` to mark revisions ``[r]``, and builds the
executive summary table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from safeguarding_assurance.measures.rounding import percent
from safeguarding_assurance.present.tables import NOT_APPLICABLE, REVISED

REVIEW_KEYS = (
    "notifications",
    "rapid_reviews_completed",
    "lcspr_decisions",
    "notified_within_timescale_pct",
    "rapid_review_within_timescale_pct",
    "lcsprs_published",
    "lcsprs_published_within_timescale_pct",
    "recommendations_open",
    "recommendations_overdue",
)
TRAINING_KEYS = (
    "completions",
    "unique_learners",
    "e_learning_completions",
    "did_not_attend_pct",
    "mean_confidence_change",
    "reach_pct",
    "gcp2_practitioners_trained",
)
PRIORITY_KEYS = (
    "actions_in_scope",
    "actions_completed",
    "actions_overdue",
    "actions_completed_pct",
    "indicators_improved",
    "indicators_declined",
    "indicators_target_met",
)


def facts_skeleton(year: str, audience: str, priority_ids: list[str]) -> dict[str, Any]:
    """A facts document with every contract key and zero values (for checking placeholders)."""
    return {
        "reporting_year": year,
        "audience": audience,
        "reviews": dict.fromkeys(REVIEW_KEYS, 0),
        "training": dict.fromkeys(TRAINING_KEYS, 0),
        "priorities": {p: dict.fromkeys(PRIORITY_KEYS, 0) for p in priority_ids},
    }


def assemble_facts(
    blocks: dict[str, dict[str, Any]], year: str, audience: str, which: str = "current"
) -> dict[str, Any]:
    """Put the chapters' recorded blocks together in the contract's key order.

    ``which`` is ``current`` (this year) or ``previous`` (last year, from the same run).
    A block a chapter did not record is an error: the report would miss a headline.
    """
    out: dict[str, Any] = {"reporting_year": year, "audience": audience}
    for section in ("reviews", "training", "priorities"):
        if section not in blocks:
            raise KeyError(f"no chapter recorded the {section!r} block of facts.json")
        out[section] = blocks[section][which]
    return out


def _flatten(facts: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for k, v in facts.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            flat.update(_flatten(v, key + "."))
        else:
            flat[key] = v
    return flat


def revised_keys(
    previous_same_run: dict[str, Any], previous_published: dict[str, Any] | None
) -> set[str]:
    """Keys whose last-year figure differs from the one a previous run published for that year."""
    if not previous_published:
        return set()
    new, old = _flatten(previous_same_run), _flatten(previous_published)
    return {
        k
        for k, v in new.items()
        if k in old and k not in ("reporting_year", "audience") and old[k] != v
    }


def read_published_facts(output_root: Path, year: str, audience: str) -> dict[str, Any] | None:
    """The ``facts.json`` a previous run published for ``year`` and ``audience``, if any."""
    path = output_root / year / audience / "facts.json"
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


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
    flat_now, flat_prev = _flatten(current), _flatten(previous)
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
