"""The feedback chapter on a hand-made register (tests/measures/test_feedback.py).

Hand working, 2024-25: 4 activities, 50 people, 38 children and young people, 2 of 4
(50.0%) with a change; 2023-24: 1 activity, 5 people, 5 children, 100.0%.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from safeguarding_assurance.present.chapters import feedback as chapter_feedback
from safeguarding_assurance.present.charts.style import apply_theme
from tests.measures.test_feedback import FEEDBACK, activity
from tests.support.registers import make_chapter, make_feedback, read_table
from tests.support.sections import publish

SECTIONS = ("show_summary", "show_by_group", "show_activities")


@pytest.fixture(scope="module", params=["public", "internal"])
def published(request, tmp_path_factory):
    apply_theme()
    chapter = make_chapter(tmp_path_factory.mktemp("fbk"), request.param)
    tables = SimpleNamespace(feedback=FEEDBACK)
    out = chapter.layout.root.parent / "out"
    seen = publish([getattr(chapter_feedback, name)(chapter, tables) for name in SECTIONS], out)
    return out, seen


def test_facts_block_this_year_and_last(published):
    out, _ = published
    facts = json.loads((out / "facts" / "feedback.json").read_text(encoding="utf-8"))
    assert facts == {
        "current": {
            "activities": 4,
            "participants": 50,
            "children_and_young_people": 38,
            "activities_with_change_pct": 50.0,
        },
        "previous": {
            "activities": 1,
            "participants": 5,
            "children_and_young_people": 5,
            "activities_with_change_pct": 100.0,
        },
    }


def test_messages_in_words(published):
    _, seen = published
    html = seen.html
    assert "50 people took part in 4 activities" in html and "up from 5 last year" in html
    assert "38 of them were children and young people, up from 5 last year" in html
    assert "2 of the 4 activities (50.0%) have already led to a recorded change" in html
    assert "down from 100.0% last year" in html
    assert "1 survey, 1 consultation, 1 focus group and 1 complaint" in html


def test_tables(published):
    out, _ = published
    trend = read_table(out, "fbk_trend")
    assert trend[2]["Parents and carers"] == "12"
    assert trend[0]["Activities with a change made %"] == "[z]"  # 2022-23: no activities
    groups = read_table(out, "fbk_groups")
    assert [(g["Who took part"], g["People taking part"]) for g in groups] == [
        ("Children", "30"),
        ("Young people", "8"),
        ("Parents and carers", "12"),
    ]
    listed = read_table(out, "fbk_activities")
    # F2's change of spaces only and F3's blank both read "Nothing yet"
    assert [r["What changed"] for r in listed] == [
        "Leaflets rewritten",
        "Nothing yet",
        "Process changed",
        "Nothing yet",
    ]


def test_free_text_is_escaped_and_formula_safe(tmp_path):
    apply_theme()
    frame = make_feedback(
        {
            **activity("2024-06-01", "children", "survey", 3, '=HYPERLINK("x")'),
            "summary": "<img src=x onerror=alert(1)> & 'quotes'",
        }
    )
    chapter = make_chapter(tmp_path)
    out = tmp_path / "o"
    seen = publish(
        [chapter_feedback.show_activities(chapter, SimpleNamespace(feedback=frame))], out
    )
    assert "<img src=x" not in seen.html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &#x27;quotes&#x27;" in seen.html
    row = read_table(out, "fbk_activities")[0]
    assert row["What changed"].startswith("'=")  # a spreadsheet never runs it


def test_an_absent_register_shows_only_why(tmp_path):
    chapter = make_chapter(tmp_path)
    for name in SECTIONS:
        section = getattr(chapter_feedback, name)(chapter, SimpleNamespace(feedback=None))
        assert section.tables == [] and section.fact_blocks == {}
        assert "feedback.csv was not supplied" in section.warnings[0]
