"""facts.json from the chapters' blocks, and the `[r]` marks from a previous run's copy.

The chapters record their blocks (this year and last year, computed in the same run);
these functions put them together in the contract's order and compare last year's
figures with a previous run's ``facts.json`` to mark revisions ``[r]``.
"""

from __future__ import annotations

import json
from typing import Any

from safeguarding_assurance.contract.facts import REQUIRED_BLOCKS, flatten, in_contract_order
from safeguarding_assurance.paths import OutputLayout


def assemble_facts(
    blocks: dict[str, dict[str, Any]],
    year: str,
    audience: str,
    which: str = "current",
    priority_ids: list[str] | None = None,
) -> dict[str, Any]:
    """Put the chapters' recorded blocks together in the contract's key order.

    ``which`` is ``current`` (this year) or ``previous`` (last year, from the same run).
    A required block a chapter did not record is an error: the report would miss a
    headline. Other blocks (the optional registers') are kept when recorded.
    """
    out: dict[str, Any] = {"reporting_year": year, "audience": audience}
    for section in REQUIRED_BLOCKS:
        if section not in blocks:
            raise KeyError(f"no chapter recorded the {section!r} block of facts.json")
    for section, pair in blocks.items():
        out[section] = pair[which]
    ids = priority_ids if priority_ids is not None else list(out["priorities"])
    return in_contract_order(out, ids)


def revised_keys(
    previous_same_run: dict[str, Any], previous_published: dict[str, Any] | None
) -> set[str]:
    """Keys whose last-year figure differs from the one a previous run published for that year."""
    if not previous_published:
        return set()
    new, old = flatten(previous_same_run), flatten(previous_published)
    return {
        k
        for k, v in new.items()
        if k in old and k not in ("reporting_year", "audience") and old[k] != v
    }


def read_published_facts(layout: OutputLayout, year: str, audience: str) -> dict[str, Any] | None:
    """The ``facts.json`` a previous run published for ``year`` and ``audience``, if any.

    A damaged copy is treated as absent: it cannot be compared with.
    """
    path = layout.published_file(year, audience, "facts.json")
    try:
        facts = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return facts if isinstance(facts, dict) else None
