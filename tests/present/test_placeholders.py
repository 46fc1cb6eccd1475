"""What the partnership's own words may quote: figures, last year's, directions, judgements."""

from __future__ import annotations

from safeguarding_assurance.contract.facts import facts_skeleton
from safeguarding_assurance.present.placeholders import (
    change_words,
    judgement_words,
    placeholder_skeleton,
    placeholder_values,
)
from safeguarding_assurance.report.own_words import fill_placeholders


def _pair():
    now, last = (
        facts_skeleton("2024-25", "public", ["ng"]),
        facts_skeleton("2023-24", "public", ["ng"]),
    )
    now["training"]["reach_pct"], last["training"]["reach_pct"] = 38.5, 37.0
    now["reviews"]["recommendations_overdue"], last["reviews"]["recommendations_overdue"] = 5, 2
    now["reviews"]["notifications"], last["reviews"]["notifications"] = 3, 4
    return now, last


HOH01 = {
    "indicator_id": "HOH01", "priority": "ng", "name": "Return home interviews",
    "unit": "percent", "polarity": "higher_is_better", "value": 68.9, "previous_value": 71.2,
    "target": 80.0, "england": None, "direction": "declined", "target_status": "not met",
    "status": "concern",
}  # fmt: skip


def test_directions_and_judgements_in_words():
    assert change_words("training.reach_pct", 38.5, 37.0) == "up from 37.0% last year"
    assert change_words("reviews.notifications", 3, 4) == "down from 4 last year"
    assert change_words("x", 1, None) == "with no figure last year to compare"
    assert judgement_words("training.reach_pct", 38.5, 37.0) == "better than last year"
    assert judgement_words("reviews.recommendations_overdue", 5, 2) == "worse than last year"
    assert judgement_words("reviews.notifications", 3, 4) == "not judged"


def test_own_words_quote_directions_from_the_data():
    now, last = _pair()
    values = placeholder_values(now, last, [HOH01])
    text = (
        "Reach was {{ training.reach_pct }}, {{ change.training.reach_pct }} "
        "({{ judgement.training.reach_pct }}). Return home interviews were offered in "
        "{{ indicators.HOH01.value }} of episodes, {{ indicators.HOH01.change }}; "
        "last year {{ last_year.training.reach_pct }}."
    )
    assert fill_placeholders(text, values, "voice.md") == (
        "Reach was 38.5%, up from 37.0% last year (better than last year). Return home "
        "interviews were offered in 68.9% of episodes, worse than last year's 71.2%; last "
        "year 37.0%."
    )


def test_the_skeleton_knows_every_indicator_of_the_run():
    values = placeholder_skeleton(facts_skeleton("2024-25", "public", ["ng"]), ["HOH01"])
    assert set(values["indicators"]["HOH01"]) == {
        "name", "value", "last_year", "target", "england", "direction", "status", "change"
    }  # fmt: skip
    assert "training" in values["change"] and "reviews" in values["judgement"]
