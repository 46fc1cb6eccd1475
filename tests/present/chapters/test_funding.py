"""The funding chapter on a hand-made register (tests/measures/test_funding.py).

Hand working, 2024-25: total 10,234.50 -> £10,235, up 0.7% on 10,166 (0.673...%), 3
partners, statutory share 80.5%; 2023-24: £10,166, -2.3%, 2 partners, 100.0%.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from safeguarding_assurance.present.chapters import funding as chapter_funding
from safeguarding_assurance.present.charts.style import apply_theme
from tests.measures.test_funding import FUNDING
from tests.support.registers import make_chapter, make_funding, read_table
from tests.support.sections import publish

SECTIONS = ("show_summary", "show_by_agency")


@pytest.fixture(scope="module", params=["public", "internal"])
def published(request, tmp_path_factory):
    apply_theme()
    chapter = make_chapter(tmp_path_factory.mktemp("fnd"), request.param)
    tables = SimpleNamespace(funding=FUNDING)
    out = chapter.layout.root.parent / "out"
    seen = publish([getattr(chapter_funding, name)(chapter, tables) for name in SECTIONS], out)
    return out, seen


def test_facts_block_this_year_and_last(published):
    out, _ = published
    facts = json.loads((out / "facts" / "funding.json").read_text(encoding="utf-8"))
    assert facts == {
        "current": {
            "total_gbp": 10235,
            "change_pct": 0.7,
            "partners_contributing": 3,
            "statutory_partners_share_pct": 80.5,
        },
        "previous": {
            "total_gbp": 10166,
            "change_pct": -2.3,
            "partners_contributing": 2,
            "statutory_partners_share_pct": 100.0,
        },
    }


def test_messages_in_words(published):
    _, seen = published
    html = seen.html
    assert "Partners contributed £10,235 to the safeguarding arrangements in 2024-25, up 0.7%" in (
        html
    )
    assert "on last year&#x27;s £10,166" in html
    assert "3 partners contributed, up from 2 last year" in html
    assert "gave 80.5% of the total, down from 100.0% last year" in html
    # in kind: Council 1,234.25 + Youth Trust 2,000.00 = 3,234.25 -> £3,234
    assert "£3,234 of it was given in kind" in html


def test_tables_and_chart(published):
    out, seen = published
    trend = read_table(out, "fnd_trend")
    assert [r["Total (£)"] for r in trend] == ["10400", "10166", "10235"]
    assert [r["Change on last year %"] for r in trend] == ["[z]", "-2.3", "0.7"]
    agencies = read_table(out, "fnd_by_agency")
    assert [r["Partner"] for r in agencies] == [
        "Council",
        "Youth Trust",
        "council",
        "Police",
        "All partners",
    ]
    assert agencies[1]["Total 2023-24 (£)"] == "[x]"  # no row last year
    assert agencies[-1]["Total 2024-25 (£)"] == "10235"
    chart = seen.sections[1].chart("fnd_by_agency_chart")
    title = chart.title.replace("\n", " ")
    assert title == "Partners contributed £10,235 in 2024-25, up 0.7% on last year"
    assert "Youth Trust £2,000 (none in 2023-24)" in chart.alt


def test_a_fall_and_no_comparison_in_words(tmp_path):
    apply_theme()
    chapter = make_chapter(tmp_path, year="2023-24")
    section = chapter_funding.show_summary(chapter, SimpleNamespace(funding=FUNDING))
    assert "down 2.3% on last year's £10,400" in section.html().replace("&#x27;", "'")
    first = make_chapter(tmp_path / "first", year="2022-23")
    section = chapter_funding.show_summary(first, SimpleNamespace(funding=FUNDING))
    assert "with no contributions recorded last year to compare" in section.html()


def test_an_absent_register_and_an_empty_one(tmp_path):
    chapter = make_chapter(tmp_path)
    for name in SECTIONS:
        section = getattr(chapter_funding, name)(chapter, SimpleNamespace(funding=None))
        assert section.tables == [] and section.fact_blocks == {}
        assert "funding.csv was not supplied" in section.warnings[0]
    empty = chapter_funding.show_summary(chapter, SimpleNamespace(funding=make_funding()))
    assert empty.fact_blocks["funding"]["current"] == {
        "total_gbp": 0,
        "change_pct": None,
        "partners_contributing": 0,
        "statutory_partners_share_pct": None,
    }
