"""The partnership's own words: placeholders, escaping, comments, missing files, headings."""

from __future__ import annotations

import re

import pytest

from safeguarding_assurance.contract.facts import optional_skeleton
from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.present.placeholders import placeholder_skeleton, placeholder_values
from safeguarding_assurance.report.own_words import (
    PLACEHOLDER,
    SECTIONS,
    ContentError,
    Section,
    check_content,
    fill_placeholders,
    format_fact,
    lookup_fact,
    render_markdown,
    render_section,
    shift_headings,
)

FACTS = {
    "reporting_year": "2024-25",
    "audience": "public",
    "reviews": {
        "notifications": 1234,
        "lcsprs_published": 0,
        "notified_within_timescale_pct": 33.3,
        "rapid_review_within_timescale_pct": None,
        "lcsprs_published_within_timescale_pct": 100.0,
    },
    "training": {"mean_confidence_change": 0.5, "reach_pct": 7.0, "completions": 1234567},
    "priorities": {"neglect": {"actions_completed_pct": 12.5, "actions_in_scope": 8}},
}
FOREWORD = Section("foreword.md", "Foreword", "before_chapters")


# ---------------------------------------------------------------- fill_placeholders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ reviews.notifications }}", "1,234"),  # thousands separator
        ("{{reviews.notifications}}", "1,234"),  # spaces are optional
        ("{{ training.completions }}", "1,234,567"),
        ("{{ reviews.lcsprs_published }}", "0"),
        ("{{ reviews.notified_within_timescale_pct }}", "33.3%"),  # one decimal and %
        ("{{ reviews.lcsprs_published_within_timescale_pct }}", "100.0%"),
        ("{{ training.reach_pct }}", "7.0%"),
        ("{{ reviews.rapid_review_within_timescale_pct }}", "[z]"),  # null
        ("{{ training.mean_confidence_change }}", "0.50"),  # the contract's two places
        ("{{ priorities.neglect.actions_completed_pct }}", "12.5%"),
        ("{{ priorities.neglect.actions_in_scope }}", "8"),
    ],
)
def test_known_placeholder_is_formatted(text, expected):
    assert fill_placeholders(text, FACTS, "foreword.md") == expected


def test_placeholders_inside_sentences_and_lines():
    text = (
        "We had {{ reviews.notifications }} notifications.\n"
        "{{ reviews.notified_within_timescale_pct }} on time."
    )
    assert fill_placeholders(text, FACTS, "f.md") == "We had 1,234 notifications.\n33.3% on time."


def test_suppressed_placeholder_shows_c():
    out = fill_placeholders(
        "{{ reviews.notifications }}",
        FACTS,
        "f.md",
        suppressed=frozenset({"reviews.notifications"}),
    )
    assert out == "[c]"


def test_unknown_placeholder_names_file_and_line():
    text = "First line.\nWe had {{ reviews.notifs }} reviews."
    with pytest.raises(ContentError) as exc:
        fill_placeholders(text, FACTS, "foreword.md")
    message = str(exc.value)
    assert "foreword.md" in message
    assert "line 2" in message
    assert "reviews.notifs" in message


def test_every_unknown_placeholder_is_reported_at_once():
    text = "{{ nope.one }}\nfine\n{{ reviews }} and {{ reviews.notifications.extra }}"
    with pytest.raises(ContentError) as exc:
        fill_placeholders(text, FACTS, "voice.md")
    lines = str(exc.value).splitlines()
    assert len(lines) == 3
    assert "voice.md, line 1" in lines[0] and "nope.one" in lines[0]
    # a whole block is not a figure
    assert "voice.md, line 3" in lines[1] and "{{ reviews }}" in lines[1]
    assert "voice.md, line 3" in lines[2]


def test_content_error_exits_with_status_2():
    assert issubclass(ContentError, AssuranceError)
    assert ContentError.exit_status == 2


def test_lookup_and_format():
    assert lookup_fact(FACTS, "priorities.neglect.actions_in_scope") == 8
    with pytest.raises(KeyError):
        lookup_fact(FACTS, "priorities.neglect")  # a mapping, not a value
    with pytest.raises(KeyError):
        lookup_fact(FACTS, "priorities.early_help.actions_in_scope")
    assert format_fact("reviews.notifications", None) == "[z]"
    assert format_fact("x.y_pct", 66.7) == "66.7%"


# ---------------------------------------------------------------- Markdown


def test_raw_html_block_is_escaped():
    out = render_markdown("<script>alert(1)</script>\n")
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_inline_raw_html_is_escaped():
    out = render_markdown("Hello <img src=x onerror=alert(1)> world\n")
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_javascript_link_is_not_a_link():
    out = render_markdown("[click](javascript:alert(1))\n")
    assert 'href="javascript' not in out


def test_markdown_formatting_still_works():
    out = render_markdown("Some **bold** text.\n\n- one\n- two\n")
    assert "<strong>bold</strong>" in out
    assert "<li>one</li>" in out


# ---------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("markup", "by", "expected"),
    [
        ("<h1>A</h1>", 2, "<h3>A</h3>"),
        ("<h2>B</h2>", 1, "<h3>B</h3>"),
        ("<h5>C</h5>", 2, "<h6>C</h6>"),  # never below h6
        ("<h6>D</h6>", 2, "<h6>D</h6>"),
        ("<p>No heading</p><hr />", 2, "<p>No heading</p><hr />"),
    ],
)
def test_shift_headings(markup, by, expected):
    assert shift_headings(markup, by) == expected


# ---------------------------------------------------------------- render_section


def test_render_section_fills_renders_and_shifts(tmp_path):
    (tmp_path / "foreword.md").write_text(
        "# Our year\n\n## In numbers\n\n### Detail\n\n"
        "We had {{ reviews.notifications }} notifications.\n",
        encoding="utf-8",
    )
    out = render_section(FOREWORD, tmp_path, FACTS, "final")
    # the section's own title is the report's h2: an author's ## becomes h3 beneath it,
    # ### h4, and # is treated as ## so it never competes with the report's headings
    assert "<h3>Our year</h3>" in out
    assert "<h3>In numbers</h3>" in out
    assert "<h4>Detail</h4>" in out
    assert "<h1" not in out and "<h2" not in out
    assert "<p>We had 1,234 notifications.</p>" in out


def test_render_section_escapes_raw_html(tmp_path):
    (tmp_path / "foreword.md").write_text("<script>steal()</script>\n", encoding="utf-8")
    out = render_section(FOREWORD, tmp_path, FACTS, "draft")
    assert "<script" not in out
    assert "&lt;script&gt;" in out


def test_render_section_strips_comments(tmp_path):
    (tmp_path / "foreword.md").write_text(
        "Before <!-- a note to authors {{ not.a_key }} --> after.\n", encoding="utf-8"
    )
    out = render_section(FOREWORD, tmp_path, FACTS, "final")
    assert "note to authors" not in out
    assert "&lt;!--" not in out
    assert "Before" in out and "after." in out


def test_line_numbers_count_the_lines_of_a_stripped_comment(tmp_path):
    # lines 1-3 are a comment; the bad placeholder is on line 4 of the file
    (tmp_path / "foreword.md").write_text(
        "<!-- one\ntwo\nthree -->\nWe had {{ reviews.nope }}.\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"foreword\.md, line 4"):
        render_section(FOREWORD, tmp_path, FACTS, "draft")


@pytest.mark.parametrize("content", [None, "", "  \n\n", "<!-- template only -->\n"])
def test_missing_or_blank_file_in_a_draft_shows_a_note(tmp_path, content):
    if content is not None:
        (tmp_path / "foreword.md").write_text(content, encoding="utf-8")
    out = render_section(FOREWORD, tmp_path, FACTS, "draft")
    assert "To be written" in out
    assert "Foreword" in out
    assert "foreword.md" in out


@pytest.mark.parametrize("content", [None, "", "<!-- template only -->\n"])
def test_missing_or_blank_file_in_a_final_report_is_an_error(tmp_path, content):
    if content is not None:
        (tmp_path / "foreword.md").write_text(content, encoding="utf-8")
    with pytest.raises(ContentError, match=r"foreword\.md"):
        render_section(FOREWORD, tmp_path, FACTS, "final")


def test_not_utf8_is_an_error(tmp_path):
    (tmp_path / "foreword.md").write_bytes(b"Caf\xe9 in cp1252\n")
    with pytest.raises(ContentError, match="UTF-8"):
        render_section(FOREWORD, tmp_path, FACTS, "draft")


def test_sections_are_the_six_template_files():
    assert [s.file for s in SECTIONS] == [
        "foreword.md",
        "learning.md",
        "voice.md",
        "governance.md",
        "scrutiny.md",
        "next_year.md",
    ]
    # governance and scrutiny frame the funding chapter; voice follows the feedback chapter
    placements = {s.file: s.placement for s in SECTIONS}
    assert placements["governance.md"] == "before:06_funding"
    assert placements["scrutiny.md"] == "after:06_funding"
    assert placements["voice.md"] == "after:05_feedback"
    # a final report may lack only the two new sections
    assert {s.file for s in SECTIONS if not s.required} == {"governance.md", "scrutiny.md"}


def test_every_section_has_a_template_in_the_package():
    from importlib import resources

    templates = resources.files("safeguarding_assurance.report") / "content_templates"
    for section in SECTIONS:
        assert (templates / section.file).is_file(), section.file


# ---------------------------------------------------------------- check_content


def _write_all(folder, **texts: str) -> None:
    for section in SECTIONS:
        text = texts.get(section.file.removesuffix(".md"), "Words.\n")
        (folder / section.file).write_text(text, encoding="utf-8")


def test_check_content_fails_early_on_an_unknown_key(tmp_path):
    _write_all(tmp_path, voice="ok\n{{ training.nope }}\n")
    with pytest.raises(ContentError, match=r"voice\.md, line 2"):
        check_content(tmp_path, "draft", FACTS)


def test_check_content_passes_good_files(tmp_path):
    _write_all(tmp_path, foreword="{{ reviews.notifications }}\n")
    assert check_content(tmp_path, "final", FACTS) is None


def test_check_content_in_a_draft_allows_missing_files(tmp_path):
    (tmp_path / "foreword.md").write_text("{{ reviews.notifications }}\n", encoding="utf-8")
    assert check_content(tmp_path, "draft", FACTS) is None
    assert check_content(tmp_path / "no-such-folder", "draft", FACTS) is None


def test_check_content_reports_every_problem_at_once(tmp_path):
    # final: learning.md and next_year.md missing, voice.md has only a comment,
    # and foreword.md has an unknown placeholder: four problems
    (tmp_path / "foreword.md").write_text("{{ reviews.nope }}\n", encoding="utf-8")
    (tmp_path / "voice.md").write_text("<!-- to do -->\n", encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        check_content(tmp_path, "final", FACTS)
    lines = str(exc.value).splitlines()
    assert len(lines) == 4, lines
    assert "foreword.md, line 1" in lines[0]
    for name in ("learning.md", "voice.md", "next_year.md"):
        assert sum(name in line and "missing or empty" in line for line in lines) == 1


def test_check_content_reports_a_non_utf8_file_with_the_other_problems(tmp_path):
    _write_all(tmp_path, voice="{{ training.nope }}\n")
    (tmp_path / "foreword.md").write_bytes(b"Caf\xe9\n")  # cp1252, not UTF-8
    with pytest.raises(ContentError) as exc:
        check_content(tmp_path, "draft", FACTS)
    message = str(exc.value)
    assert "foreword.md" in message
    assert "voice.md, line 1" in message


# ---------------------------------------------------------------- optional registers, last year


THIS_YEAR = {
    **FACTS,
    "funding": {"total_gbp": 10235, "change_pct": -2.3, "partners_contributing": 3},
    "audits": {"rated_good_pct": 47.5, "audits_completed": 5},
}
LAST_YEAR = {
    "reporting_year": "2023-24",
    "reviews": {"notifications": 1234},
    "training": {"reach_pct": None},
    "funding": {"total_gbp": 10478, "change_pct": None, "partners_contributing": 3},
    "audits": {"rated_good_pct": 43.2, "audits_completed": 4},
}
WITH_LAST_YEAR = placeholder_values(THIS_YEAR, LAST_YEAR, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ funding.total_gbp }}", "£10,235"),  # pounds, whole, with separators
        ("{{ funding.change_pct }}", "-2.3%"),
        ("{{ last_year.funding.total_gbp }}", "£10,478"),
        ("{{ last_year.audits.rated_good_pct }}", "43.2%"),
        ("{{ change.funding.total_gbp }}", "down from £10,478 last year"),
        ("{{ change.audits.rated_good_pct }}", "up from 43.2% last year"),
        ("{{ change.audits.audits_completed }}", "up from 4 last year"),
        ("{{ change.funding.partners_contributing }}", "the same as last year"),
        ("{{ change.reviews.notifications }}", "the same as last year"),
        ("{{ change.training.reach_pct }}", "with no figure last year to compare"),
    ],
)
def test_last_year_and_change_placeholders(text, expected):
    assert fill_placeholders(text, WITH_LAST_YEAR, "governance.md") == expected


@pytest.mark.parametrize(
    "text",
    [
        "{{ feedback.participants }}",
        "{{ last_year.feedback.participants }}",
        "{{ change.national_reviews.actions_overdue }}",
    ],
)
def test_a_register_not_supplied_shows_x(text):
    # no feedback or national_reviews block: those registers were not supplied
    assert fill_placeholders(text, WITH_LAST_YEAR, "scrutiny.md") == "[x]"


@pytest.mark.parametrize(
    "text",
    [
        "{{ feedback.nope }}",  # not a key of the feedback block, supplied or not
        "{{ change.funding }}",  # a block, not a figure
        "{{ change.reporting_year }}",  # a label, not a figure
        "{{ last_year.funding.nope }}",
        "{{ change }}",
    ],
)
def test_unknown_register_and_change_keys_are_errors(text):
    with pytest.raises(ContentError, match="unknown placeholder"):
        fill_placeholders(text, WITH_LAST_YEAR, "scrutiny.md")


def test_last_year_placeholders_need_last_years_facts():
    with pytest.raises(ContentError, match=r"last_year\.funding\.total_gbp"):
        fill_placeholders("{{ last_year.funding.total_gbp }}", THIS_YEAR, "governance.md")


def test_suppressed_keys_stay_suppressed_in_last_year_and_change():
    hidden = frozenset({"reviews.notifications"})
    for text in ("{{ last_year.reviews.notifications }}", "{{ change.reviews.notifications }}"):
        assert fill_placeholders(text, WITH_LAST_YEAR, "f.md", hidden) == "[c]"


def test_check_content_knows_the_registers_and_last_year(tmp_path):
    _write_all(
        tmp_path,
        governance="{{ funding.total_gbp }} {{ change.funding.total_gbp }}\n",
        scrutiny="{{ last_year.feedback.activities_with_change_pct }}\n",
    )
    # as the run checks: every contract key, the registers' included, with last year's
    keys = placeholder_skeleton({**FACTS, **optional_skeleton()}, [])
    assert check_content(tmp_path, "final", keys) is None
    (tmp_path / "scrutiny.md").write_text("{{ audits.nope }}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"scrutiny\.md, line 1"):
        check_content(tmp_path, "draft", keys)


def test_a_final_report_may_lack_governance_and_scrutiny_but_not_the_rest(tmp_path):
    _write_all(tmp_path)
    for name in ("governance.md", "scrutiny.md"):
        (tmp_path / name).unlink()
    assert check_content(tmp_path, "final", FACTS) is None
    governance = next(s for s in SECTIONS if s.file == "governance.md")
    assert render_section(governance, tmp_path, FACTS, "final") is None  # left out
    assert "To be written" in render_section(governance, tmp_path, FACTS, "draft")


def test_the_demo_content_quotes_its_figures_and_directions(tmp_path):
    # every figure in governance.md and scrutiny.md comes through a placeholder
    from pathlib import Path

    content = Path(__file__).resolve().parents[2] / "content" / "2024-25"
    for name in ("governance.md", "scrutiny.md"):
        text = (content / name).read_text(encoding="utf-8")
        assert "{{ change." in text, name
        bare = PLACEHOLDER.sub("", text)
        assert not re.search(r"\d", bare), f"{name} types a number: quote it by placeholder"
