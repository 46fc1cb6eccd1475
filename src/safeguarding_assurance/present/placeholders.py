"""What the partnership's own words may quote, so no typed figure or direction goes stale.

Authors write ``{{ key }}`` in their Markdown. Besides every ``facts.json`` key, they may
quote:

- ``last_year.<facts key>``: last year's figure, computed in the same run;
- ``change.<facts key>``: the direction in words, ``up from 37.0% last year``,
  ``down from 4 last year``, ``the same as last year``;
- ``judgement.<facts key>``: ``better than last year`` or ``worse than last year`` for a
  measure of performance (``not judged`` for counts of incidents);
- ``indicators.<indicator_id>.<field>``: a scorecard indicator's ``name``, ``value``,
  ``last_year``, ``target``, ``england`` (each with its unit), ``direction``
  (improved, declined, no change, no comparison), ``status`` (good, mixed, concern,
  no data) and ``change`` (``better than last year's 71.2%``).

So a sentence such as "return home interviews {{ indicators.HOH01.change }}" can never
claim an improvement the chart beside it contradicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from safeguarding_assurance.contract.facts import flatten
from safeguarding_assurance.present.narrative import value_text
from safeguarding_assurance.present.summary import better_for, judgement


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        node = out
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def _shown(key: str, value: Any) -> str:
    if value is None:
        return "no figure"
    if key.endswith("_gbp"):
        return f"£{value:,.0f}"
    if key.endswith("_pct"):
        return f"{value:.1f}%"
    if key.endswith("confidence_change"):
        return f"{value:.2f}"
    return f"{value:,}"


def change_words(key: str, now: Any, before: Any) -> str:
    """``up from 37.0% last year``, ``down from …``, ``the same as last year``."""
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return "with no figure last year to compare"
    if now == before:
        return "the same as last year"
    return f"{'up' if now > before else 'down'} from {_shown(key, before)} last year"


def judgement_words(key: str, now: Any, before: Any) -> str:
    """``better than last year``, ``worse than last year``, ``the same as last year``."""
    verdict = judgement(now, before, better_for(key))
    return {
        "Better": "better than last year",
        "Worse": "worse than last year",
        "Same": "the same as last year",
        "No comparison": "with no figure last year to compare",
    }.get(verdict, "not judged")


def indicator_words(ind: dict[str, Any]) -> dict[str, str]:
    """One indicator's quotable figures and words."""
    unit = ind["unit"]

    def shown(v: float | None) -> str:
        return "no figure" if v is None else value_text(v, unit)

    direction = ind["direction"]
    verdict = {"improved": "better", "declined": "worse"}.get(direction)
    if verdict and ind.get("previous_value") is not None:
        change = f"{verdict} than last year's {shown(ind['previous_value'])}"
    elif direction == "no change":
        change = "the same as last year"
    else:
        change = "with no figure last year to compare"
    return {
        "name": ind["name"],
        "value": shown(ind.get("value")),
        "last_year": shown(ind.get("previous_value")),
        "target": shown(ind.get("target")),
        "england": shown(ind.get("england")),
        "direction": direction,
        "status": ind["status"].replace("_", " "),
        "change": change,
    }


def placeholder_values(
    facts: dict[str, Any], last_year: dict[str, Any], indicators: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """Everything the own words may quote, as one nested mapping."""
    now, before = flatten(facts), flatten(last_year)
    figures = {k: v for k, v in now.items() if k not in ("reporting_year", "audience")}
    values = dict(facts)
    values["last_year"] = _nest({k: before.get(k) for k in figures})
    values["change"] = _nest({k: change_words(k, v, before.get(k)) for k, v in figures.items()})
    values["judgement"] = _nest(
        {k: judgement_words(k, v, before.get(k)) for k, v in figures.items()}
    )
    values["indicators"] = {i["indicator_id"]: indicator_words(i) for i in indicators}
    return values


def placeholder_skeleton(facts: dict[str, Any], indicator_ids: Iterable[str]) -> dict[str, Any]:
    """The same keys with stand-in values: what the checks before a run test placeholders on."""
    blank = {
        "indicator_id": "",
        "unit": "count",
        "direction": "no comparison",
        "status": "no_data",
        "name": "",
    }
    return placeholder_values(facts, facts, [blank | {"indicator_id": i} for i in indicator_ids])
