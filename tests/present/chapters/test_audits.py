"""The audits chapter's sections on a hand-made register (tests/measures/test_audits.py).

Hand working, 2024-25 (A1 + A2): 2 audits, 16 cases, good 1/16 = 6.3%, inadequate
4/16 = 25.0%, actions 3/3 = 100.0%. 2023-24 (A3): 1 audit, 5 cases, good 100.0%,
inadequate 0.0%, actions 1/2 = 50.0%. 2022-23: no audits.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from safeguarding_assurance.present.chapters import audits as chapter_audits
from safeguarding_assurance.present.charts.style import apply_theme
from tests.measures.test_audits import AUDITS
from tests.support.registers import make_chapter, read_table
from tests.support.sections import publish

SECTIONS = ("show_summary", "show_audits")


@pytest.fixture(scope="module", params=["public", "internal"])
def published(request, tmp_path_factory):
    apply_theme()
    chapter = make_chapter(tmp_path_factory.mktemp("aud"), request.param)
    tables = SimpleNamespace(audits=AUDITS)
    out = chapter.layout.root.parent / "out"
    seen = publish([getattr(chapter_audits, name)(chapter, tables) for name in SECTIONS], out)
    return out, seen


def test_facts_block_this_year_and_last(published):
    out, _ = published
    facts = json.loads((out / "facts" / "audits.json").read_text(encoding="utf-8"))
    assert facts == {
        "current": {
            "audits_completed": 2,
            "cases_audited": 16,
            "rated_good_pct": 6.3,
            "rated_inadequate_pct": 25.0,
            "actions_completed_pct": 100.0,
        },
        "previous": {
            "audits_completed": 1,
            "cases_audited": 5,
            "rated_good_pct": 100.0,
            "rated_inadequate_pct": 0.0,
            "actions_completed_pct": 50.0,
        },
    }


def test_the_chapter_opens_with_its_messages_in_words(published):
    _, seen = published
    html = seen.html
    assert "completed 2 multi-agency case-file audits in 2024-25, up from 1 last year" in html
    assert "6.3% of the cases audited were rated good, down from 100.0% last year" in html
    assert "25.0% were rated inadequate, up from 0.0% last year" in html
    assert "3 were completed (100.0%), up from 50.0% last year" in html


def test_year_on_year_table_and_chart(published):
    out, seen = published
    rows = read_table(out, "aud_trend")
    assert [r["Reporting year"] for r in rows] == ["2022-23", "2023-24", "2024-25"]
    assert rows[0]["Audits completed"] == "0" and rows[0]["Rated good %"] == "[z]"
    assert rows[2]["Rated good %"] == "6.3" and rows[2]["Requires improvement %"] == "68.8"
    chart = seen.figures["aud_ratings"]
    assert chart["alt"].startswith("Bar chart of how the cases audited were rated")
    assert "2024-25: good 6.3%, requires improvement 68.8%, inadequate 25.0%" in chart["alt"]
    # a year without audits has no shares: [z], never "nan%"
    assert "2022-23: good [z], requires improvement [z], inadequate [z]" in chart["alt"]
    # the title states the message
    title = seen.sections[0].chart("aud_ratings").title
    assert title.replace("\n", " ") == "Cases rated good fell from 100.0% to 6.3% in 2024-25"


def test_each_audit_of_the_year_is_listed_without_an_identifier(published):
    out, _ = published
    rows = read_table(out, "aud_audits")
    assert [r["Completed"] for r in rows] == ["1 April 2024", "31 March 2025"]
    assert rows[1]["Cases"] == "14" and rows[1]["Inadequate"] == "4"
    assert "A1" not in (out / "tables" / "aud_audits.csv").read_text(encoding="utf-8-sig")


def test_an_absent_register_shows_only_why(tmp_path):
    chapter = make_chapter(tmp_path)
    section = chapter_audits.show_summary(chapter, SimpleNamespace(audits=None))
    assert section.tables == [] and section.fact_blocks == {}
    assert "audits.csv was not supplied" in section.warnings[0]


def test_a_year_without_audits_reports_zeros_with_a_warning(tmp_path):
    chapter = make_chapter(tmp_path, year="2022-23")
    section = chapter_audits.show_summary(chapter, SimpleNamespace(audits=AUDITS))
    assert section.fact_blocks["audits"]["current"]["audits_completed"] == 0
    assert any("No audits" in w for w in section.warnings)
