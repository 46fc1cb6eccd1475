"""The national reviews chapter on a hand-made register (tests/measures/test_national_reviews.py).

Hand working: 2024-25 acted on 4 reviews, 2 actions completed, 3 open at 31 March 2025,
2 of them overdue; 2023-24: 3 reviews, 1 completed, 4 open, none overdue.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from safeguarding_assurance.present.chapters import national_reviews as chapter_national
from safeguarding_assurance.present.charts.style import apply_theme
from tests.measures.test_national_reviews import ACTIONS, CPIE, CPIE_LOWER, PHASE_1, SILENT
from tests.support.registers import make_chapter, make_national_actions, read_table
from tests.support.sections import publish

SECTIONS = ("show_summary", "show_reviews", "show_open_actions")


@pytest.fixture(scope="module", params=["public", "internal"])
def published(request, tmp_path_factory):
    apply_theme()
    chapter = make_chapter(tmp_path_factory.mktemp("nat"), request.param)
    tables = SimpleNamespace(national_actions=ACTIONS)
    out = chapter.layout.root.parent / "out"
    seen = publish([getattr(chapter_national, name)(chapter, tables) for name in SECTIONS], out)
    return out, seen


def test_facts_block_this_year_and_last(published):
    out, _ = published
    facts = json.loads((out / "facts" / "national_reviews.json").read_text(encoding="utf-8"))
    assert facts == {
        "current": {
            "reviews_acted_on": 4,
            "actions_completed": 2,
            "actions_open": 3,
            "actions_overdue": 2,
        },
        "previous": {
            "reviews_acted_on": 3,
            "actions_completed": 1,
            "actions_open": 4,
            "actions_overdue": 0,
        },
    }


def test_messages_compare_with_last_year_in_words(published):
    _, seen = published
    html = seen.html
    assert "acted on 4 national reviews and reports in 2024-25, up from 3 last year" in html
    assert "2 actions were completed in the year, up from 1 last year" in html
    assert "At 31 March 2025, 3 actions were still open, down from 4 a year earlier" in html
    assert "2 of them were past the due date, up from 0 a year earlier" in html
    assert "a concern for the board" in html


def test_trend_table_and_chart(published):
    out, seen = published
    rows = read_table(out, "nat_trend")
    assert [r["Reporting year"] for r in rows] == ["2022-23", "2023-24", "2024-25"]
    assert rows[2]["Of which overdue"] == "2"
    title = seen.sections[0].chart("nat_actions").title
    assert (
        title.replace("\n", " ")
        == "Overdue actions on national reviews rose from 0 to 2 in 2024-25"
    )
    assert (
        "2024-25: 2 completed, 3 open at the year's end, 2 overdue"
        in seen.figures["nat_actions"]["alt"]
    )


def test_reviews_and_open_actions_are_listed_with_their_titles_escaped(published):
    out, seen = published
    reviews = read_table(out, "nat_reviews")
    assert [r["Review or report"] for r in reviews] == [CPIE, CPIE_LOWER, PHASE_1, SILENT]
    assert reviews[0]["Published"] == "25 May 2022"
    open_ = read_table(out, "nat_open_actions")
    assert [r["Status at the year's end"] for r in open_] == ["Overdue", "Overdue", "Not yet due"]
    assert "It&#x27;s Silent" in seen.html  # the apostrophe of a title is escaped


def test_free_text_is_escaped(tmp_path):
    apply_theme()
    actions = make_national_actions(
        {
            "review": "<b>Bold</b> & review",
            "review_published_date": "2024-05-01",
            "due_date": "2025-06-30",
            "description": "<script>alert(1)</script>",
        }
    )
    chapter = make_chapter(tmp_path)
    tables = SimpleNamespace(national_actions=actions)
    seen = publish(
        [getattr(chapter_national, name)(chapter, tables) for name in SECTIONS], tmp_path / "o"
    )
    assert "<script>" not in seen.html and "&lt;script&gt;" in seen.html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; review" in seen.html


def test_an_absent_register_shows_only_why(tmp_path):
    chapter = make_chapter(tmp_path)
    for name in SECTIONS:
        section = getattr(chapter_national, name)(chapter, SimpleNamespace(national_actions=None))
        assert section.tables == [] and section.fact_blocks == {}
        assert "national_actions.csv was not supplied" in section.warnings[0]


def test_an_empty_register_reports_zeros(tmp_path):
    apply_theme()
    chapter = make_chapter(tmp_path)
    section = chapter_national.show_summary(
        chapter, SimpleNamespace(national_actions=make_national_actions())
    )
    assert section.fact_blocks["national_reviews"]["current"] == {
        "reviews_acted_on": 0,
        "actions_completed": 0,
        "actions_open": 0,
        "actions_overdue": 0,
    }
    assert section.warnings
