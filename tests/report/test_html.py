"""The report's order: chapters in notebook order, the partnership's words placed beside them."""

from __future__ import annotations

from safeguarding_assurance.report.chapters import ChapterContent
from safeguarding_assurance.report.html import order_blocks
from safeguarding_assurance.report.own_words import SECTIONS

ALL = [
    "00_data_quality",
    "01_priorities",
    "02_reviews",
    "02_reviews_national",
    "03_training",
    "04_audits",
    "05_feedback",
    "06_funding",
]
WITHOUT_REGISTERS = ["00_data_quality", "01_priorities", "02_reviews", "03_training"]


def chapter(stem: str) -> ChapterContent:
    return ChapterContent(stem, stem, f'<h2 id="{stem}-title">{stem}</h2>')


def order(stems: list[str], words: dict[str, str | None] | None = None) -> list[str]:
    own = {s.file: f"<p>{s.file}</p>" for s in SECTIONS} | (words or {})
    titles = {s.title: s.file for s in SECTIONS}
    blocks = order_blocks([chapter(s) for s in stems], own)
    return [b.title if b.kind == "notebook" else titles[b.title] for b in blocks]


def test_every_register_chapter_sits_where_a_reader_expects_it():
    assert order(ALL) == [
        "foreword.md",
        "00_data_quality",
        "01_priorities",
        "02_reviews",
        "learning.md",
        "02_reviews_national",  # national reviews beside the local ones
        "03_training",
        "04_audits",  # evidence of impact, after training
        "05_feedback",
        "voice.md",  # the partnership's words under the feedback chapter
        "governance.md",  # governance, then the money, then independent scrutiny
        "06_funding",
        "scrutiny.md",
        "next_year.md",
    ]


def test_without_the_registers_the_order_of_today_is_kept_and_nothing_is_lost():
    assert order(WITHOUT_REGISTERS) == [
        "foreword.md",
        "00_data_quality",
        "01_priorities",
        "02_reviews",
        "learning.md",
        "03_training",
        "voice.md",
        "governance.md",
        "scrutiny.md",
        "next_year.md",
    ]


def test_words_left_out_of_a_final_report_are_not_shown():
    stems = order(ALL, {"governance.md": None, "scrutiny.md": None})
    assert "governance.md" not in stems and "scrutiny.md" not in stems
    assert stems.index("06_funding") == stems.index("voice.md") + 1
