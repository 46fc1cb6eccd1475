"""The scrutiny board's cover report, read back from the Word file with python-docx.

The run folders are made by hand (``tests/support/run_folders.py``); expected sentences
and figures were written from those hand-picked facts, not copied from the output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from safeguarding_assurance.contract.facts import flatten
from safeguarding_assurance.report.committee import (
    HEADER_FIELDS,
    PROSE,
    build_cover_report,
    check_committee_content,
    reading_from_facts,
    write_cover_report,
)
from safeguarding_assurance.report.own_words import ContentError, format_fact
from safeguarding_assurance.report.run_folder import read_csv_table, read_run_folder
from tests.support.run_folders import (
    CASE_REFS,
    committee_params,
    facts,
    make_run_folder,
    write_words,
)

SECTIONS = [
    "1. Executive summary",
    "2. Recommendation",
    "3. Background and context",
    "4. Key highlights from 2024-25",
    "5. Consultation",
    "6. Financial implications",
    "7. Legal and governance implications",
    "8. Risks",
    "9. Equality and diversity implications (including the public sector equality duty)",
    "10. Other relevant implications",
    "11. Background documents",
    "12. How does this deliver the outcomes in the council plan?",
    "13. Appendices",
]
COMMITTEE = {
    "board": "Children's Scrutiny Board",
    "meeting_date": "2026-01-05",
    "author": "Business Manager, Northbrook Partnership",
    "lead_officers": ["Director of Children's Services", "Chief Nursing Officer"],
    "wards": "All",
    "exempt_information": "None",
    "appendices": ["Annual report 2024-25", "Neglect strategy"],
}
WORDS = {f"{key}.md": f"Words for {key.replace('_', ' ')}.\n" for key in PROSE}
WORDS["risks.md"] = (
    "- **Overdue recommendations.** {{ reviews.recommendations_overdue }} were overdue.\n"
)
WORDS["executive_summary.md"] = (
    "We notified {{ reviews.notifications }} serious incidents.\n\n<script>alert(1)</script>\n"
)


@pytest.fixture
def made(tmp_path):
    """Write both editions' papers from hand-made runs; return their folders."""

    def make(audience="public", committee=COMMITTEE, words=WORDS, status="draft", **kw):
        root = tmp_path / f"{audience}-{status}"
        run = make_run_folder(root / "out", audience, **kw)
        if words is not None:
            write_words(root, words)
        params = committee_params(root, committee, status=status)
        written = write_cover_report(read_run_folder(run), params, run)
        return run, params, written

    return make


def _document(run: Path):
    return docx.Document(str(run / "committee" / "cover-report.docx"))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


# ------------------------------------------------------------------ structure


def test_the_sections_are_the_reference_cover_reports_in_order(made):
    run, _, written = made()
    assert [p.name for p in written] == ["cover-report.docx", "cover-report.html"]
    document = _document(run)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == (
        "The effectiveness of the Northbrook Partnership: annual report 2024-25"
    )
    subheadings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Learning from serious incidents" in subheadings
    assert "Where progress was limited" in subheadings


def test_the_header_table_holds_the_committee_block(made):
    run, _, _ = made()
    table = _document(run).tables[0]
    rows = [tuple(c.text for c in row.cells) for row in table.rows]
    assert rows[0] == ("Item", "Detail")
    assert [r[0] for r in rows[1:]] == list(HEADER_FIELDS)
    values = dict(rows[1:])
    assert values["Scrutiny board"] == "Children's Scrutiny Board"
    assert values["Report title"] == (
        "The effectiveness of the Northbrook Partnership: annual report 2024-25"
    )
    assert values["Date of meeting"] == "5 January 2026"
    assert values["Report author"] == "Business Manager, Northbrook Partnership"
    assert values["Lead officers"] == "Director of Children's Services\nChief Nursing Officer"
    assert values["Wards affected"] == "All"
    assert values["Exempt information and exemption category"] == "None"
    assert values["Appendices"] == "1. Annual report 2024-25\n2. Neglect strategy"


def test_the_header_table_defaults_come_from_the_partnership_and_year(made):
    run, _, _ = made(committee=None)
    values = dict(tuple(c.text for c in row.cells) for row in _document(run).tables[0].rows[1:])
    assert values["Scrutiny board"] == "To be confirmed"
    assert values["Date of meeting"] == "To be confirmed"
    assert values["Report author"] == "Northbrook Partnership business unit"
    assert values["Lead officers"] == "The safeguarding partners of the Northbrook Partnership"
    assert values["Wards affected"] == "All"
    assert values["Exempt information and exemption category"] == "None"
    assert values["Appendices"] == (
        "1. Northbrook Partnership annual report 2024-25\n"
        "2. Data tables for the annual report 2024-25 (spreadsheet)"
    )


def test_internal_default_exemption_says_not_for_publication(made):
    run, _, _ = made("internal", committee=None)
    values = dict(tuple(c.text for c in row.cells) for row in _document(run).tables[0].rows[1:])
    assert "OFFICIAL-SENSITIVE" in values["Exempt information and exemption category"]


def test_every_table_repeats_its_header_row_and_has_a_caption(made):
    run, _, _ = made()
    document = _document(run)
    assert len(document.tables) >= 4
    for table in document.tables:
        trpr = table.rows[0]._tr.trPr
        assert trpr is not None and trpr.find(qn("w:tblHeader")) is not None
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val"))
        assert not any(c.get(qn("w:gridSpan")) for c in table._tbl.iter(qn("w:gridSpan")))


def test_properties_title_language_and_image_alt_text(made):
    run, _, _ = made()
    document = _document(run)
    props = document.core_properties
    assert props.title == (
        "Scrutiny cover report: The effectiveness of the Northbrook Partnership: annual "
        "report 2024-25 [DRAFT]"
    )
    assert props.language == "en-GB"
    assert props.author == "Business Manager, Northbrook Partnership"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    shapes = list(document.inline_shapes)
    assert len(shapes) == 1
    assert shapes[0]._inline.docPr.get("descr") == (
        "Bar chart of actions completed by priority: Early help 60.0%, Neglect 25.0%."
    )


def test_no_picture_without_its_alt_text(made, tmp_path):
    root = tmp_path / "noalt"
    run = make_run_folder(root / "out")
    html = (run / "report.html").read_text(encoding="utf-8")
    (run / "report.html").write_text(html.replace('alt="Bar chart', 'alt=" " data-x="'), "utf-8")
    write_words(root, WORDS)
    paper = build_cover_report(read_run_folder(run), committee_params(root, COMMITTEE))
    assert not [b for b in paper.blocks if type(b).__name__ == "Image"]


# ------------------------------------------------------------------ markings


def _header_footer(document) -> tuple[str, str]:
    section = document.sections[0]
    head = " ".join(p.text for p in section.header.paragraphs)
    foot = " ".join(p.text for p in section.footer.paragraphs)
    return head, foot


def test_internal_draft_is_marked_in_header_and_footer(made):
    run, _, _ = made("internal")
    head, foot = _header_footer(_document(run))
    for text in (head, foot):
        assert "OFFICIAL-SENSITIVE" in text and "DRAFT" in text
    assert "OFFICIAL-SENSITIVE" in _document(run).core_properties.title


def test_public_final_carries_neither_marking(made):
    run, _, _ = made("public", status="final")
    head, foot = _header_footer(_document(run))
    assert "OFFICIAL-SENSITIVE" not in head + foot
    assert "DRAFT" not in head + foot
    assert "Page" in foot
    assert _document(run).core_properties.content_status == "Final"


def test_public_draft_is_marked_draft_only(made):
    run, _, _ = made("public")
    head, foot = _header_footer(_document(run))
    assert "DRAFT" in head and "DRAFT" in foot
    assert "OFFICIAL-SENSITIVE" not in head + foot


# ------------------------------------------------------------------ figures


def _allowed(run: Path, params) -> set[str]:
    """Every way a published figure may be written: the facts, the tables, the parameters."""
    allowed = set()
    for key, value in flatten(read_run_folder(run).facts).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            for shown in (value, abs(value)):  # a fall is written "down 2.3%"
                allowed.add(format_fact(key.split(".")[-1], shown))
                allowed.add(format_fact(key, shown).lstrip("£"))  # the figure after the £
    for path in (run / "tables").glob("*.csv"):
        columns, rows = read_csv_table(path)
        for cell in [*columns, *(c for r in rows for c in r)]:
            for shown in re.findall(r"[+-]?\d[\d,]*(?:\.\d+)?%?", cell):
                allowed.add(shown)
                # tables hold numbers as numbers; prose writes them as 2,101, 83.3% or 0.40
                number = float(shown.replace(",", "").rstrip("%"))
                allowed |= {f"{number:.1f}%", f"{number:.2f}"}
                if number.is_integer():
                    allowed.add(f"{int(number):,}")
    # the statutory timescales, and the 1 to 5 confidence scale
    allowed |= {
        str(params.notify_working_days),
        str(params.rapid_review_working_days),
        str(params.lcspr_months),
        "1",
        "5",
    }
    return allowed


def _figures(text: str) -> list[str]:
    text = re.sub(r"(?m)^\d+(\.\d+)?\.?\t", "", text)  # paragraph and list numbers
    text = re.sub(r"(?m)^\d+\. ", "", text)  # section numbers and appendix numbers
    text = re.sub(r"\b\d{4}-\d{2}\b", "", text)  # reporting years
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    text = re.sub(rf"\b\d{{1,2}} ({months}) \d{{4}}\b", "", text)  # dates
    text = re.sub(r"\b(19|20)\d\d\b", "", text)  # years in titles (Working Together 2023)
    text = re.sub(r"\[[a-z]\]", "", text)
    return [m.lstrip("£") for m in re.findall(r"£?[+-]?\d[\d,]*(?:\.\d+)?%?", text)]


@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("scrutiny", [False, True])
def test_every_figure_is_a_published_figure(made, audience, scrutiny):
    run, params, _ = made(audience, scrutiny=scrutiny)
    allowed = _allowed(run, params)
    stray = [f for f in _figures(_all_text(_document(run))) if f not in allowed]
    assert stray == []


def test_headline_figures_are_the_facts(made):
    run, _, _ = made()
    text = _all_text(_document(run))
    # facts: 4 notifications (6 last year), 3 rapid reviews, 2 LCSPR decisions, 75.0% on time
    assert "4 serious incidents were notified to the National Panel (6 last year)." in text
    assert "3 rapid reviews were completed, and 2 decided that a local review (LCSPR)" in text
    assert "75.0% of notifications were made within 5 working days (83.3% last year)" in text
    assert "2,345 training completions by 1,234 practitioners." in text
    assert "Training reached 41.2% of staff in scope (39.9% last year)." in text
    assert "rose by 0.42 points on average" in text
    # the partnership's placeholders, filled from the same facts
    assert "We notified 4 serious incidents." in text
    assert "7 were overdue." in text


def test_reviews_table_counts_by_year_with_this_year_from_the_facts(made):
    run, _, _ = made()
    table = next(t for t in _document(run).tables if t.rows[0].cells[0].text == "Reporting year")
    rows = [tuple(c.text for c in r.cells) for r in table.rows]
    assert rows == [
        (
            "Reporting year",
            "Notifications",
            "Rapid reviews completed",
            "Decided an LCSPR was needed",
        ),
        ("2022-23", "5", "5", "1"),
        ("2023-24", "6", "6", "3"),
        ("2024-25", "4", "3", "2"),
    ]


def test_priorities_table_from_the_facts(made):
    run, _, _ = made()
    table = next(t for t in _document(run).tables if t.rows[0].cells[0].text == "Priority")
    rows = [tuple(c.text for c in r.cells) for r in table.rows]
    assert rows == [
        (
            "Priority",
            "Actions in scope",
            "Completed",
            "Overdue",
            "Indicators improved",
            "Indicators declined",
        ),
        ("Early help", "10", "6 (60.0%)", "3", "2", "1"),
        ("Neglect", "8", "2 (25.0%)", "5", "0", "2"),
    ]


def test_priorities_table_adds_the_judgement_when_the_run_made_one(made):
    assessment = {
        "priorities": {"early_help": "some_progress", "neglect": "little_progress"},
        "indicators": {"a": "good", "b": "concern", "c": "concern"},
        "indicators_good": 1,
        "indicators_mixed": 0,
        "indicators_concern": 2,
        "indicators_no_data": 0,
    }
    run, _, _ = made(extra_facts={"assessment": assessment})
    document = _document(run)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Priority")
    assert [r.cells[-1].text for r in table.rows] == [
        "Progress",
        "Some progress",
        "Little progress",
    ]
    limited = next(t for t in document.tables if t.rows[0].cells[0].text == "Priority or indicator")
    assert [tuple(c.text for c in r.cells) for r in limited.rows][1:] == [
        (
            "Neglect",
            "Little progress: 2 of 8 actions in scope completed (25.0%); "
            "5 overdue at the year end.",
        ),
        (
            "Scorecard indicators",
            "2 indicators are of concern: they missed their target or moved the wrong way.",
        ),
    ]


# ------------------------------------------------------------------ disclosure


def test_public_edition_shows_only_pooled_suppressed_themes(made):
    run, _, _ = made("public")
    document = _document(run)
    themes = next(t for t in document.tables if t.rows[0].cells[0].text == "Theme")
    shown = [[c.text for c in r.cells] for r in themes.rows]
    columns, rows = read_csv_table(run / "tables" / "rev_by_theme.csv")
    assert shown == [columns, *rows]  # exactly the disclosed table, [c] and all
    text = _all_text(document)
    for word in ("Age band", "Ethnicity", "under 1", "16-17", "Reviews, 2024-25"):
        assert word not in text
    for ref in CASE_REFS:
        assert ref not in text


def test_internal_edition_shows_more_but_never_a_case_reference(made):
    run, _, _ = made("internal")
    document = _document(run)
    text = _all_text(document)
    assert "Reviews, 2024-25" in text  # this year's own counts
    assert "Age band" in text
    for ref in CASE_REFS:
        assert ref not in text
        assert ref not in (run / "committee" / "cover-report.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ the scrutiny reading


def test_published_scrutiny_reading_is_used_when_present(made):
    run, _, _ = made(scrutiny=True)
    document = _document(run)
    text = _all_text(document)
    assert "Rapid reviews were slower than last year." in text
    assert "What will the partnership do to finish the neglect plan?" in text
    limited = next(t for t in document.tables if t.rows[0].cells[0].text == "Priority or indicator")
    assert limited.rows[1].cells[1].text == "2 of 8 actions completed (25.0%)."
    # the figure sentences built from facts are not used then
    assert "What is holding up" not in text


def test_reading_from_facts_alone(tmp_path):
    params = committee_params(tmp_path)
    last = {"reviews.notifications": "6", "training.reach_pct": "39.9%"}
    reading = reading_from_facts(facts(), last, params)
    assert reading.key_messages == (
        (
            "Serious incidents",
            "4 serious incidents were notified to the National Panel (6 last year). 3 rapid "
            "reviews were completed, and 2 decided that a local review (LCSPR) was needed.",
        ),
        (
            "Timeliness",
            "75.0% of notifications were made within 5 working days; 66.7% of rapid reviews "
            "were completed within 15 working days.",
        ),
        (
            "Review recommendations",
            "12 recommendations were open at the year end, 7 of them overdue.",
        ),
        (
            "Training",
            "2,345 training completions by 1,234 practitioners. Training reached 41.2% of "
            "staff in scope (39.9% last year).",
        ),
    )
    assert reading.progress_limited == ()  # no assessment block: no judgement is made
    assert reading.questions == (
        "What will it take to complete the overdue actions (3 under Early help; 5 under "
        "Neglect), and by when?",
        "Why were some notifications made late (75.0% on time), and what has changed?",
        "Why did some rapid reviews take longer (66.7% on time), and what has changed?",
        "What is holding up the 7 overdue recommendations from reviews, and which agencies "
        "hold them?",
        "Training reached 41.2% of staff in scope: which agencies are furthest behind, and is "
        "there evidence that training changed practice?",
    )


def test_reading_with_no_notifications_says_so_in_the_singular_and_plural(tmp_path):
    params = committee_params(tmp_path)
    doc = facts()
    doc["reviews"] = dict.fromkeys(doc["reviews"], 0) | {
        "notified_within_timescale_pct": None,
        "rapid_review_within_timescale_pct": None,
        "lcsprs_published_within_timescale_pct": None,
        "recommendations_open": 1,
    }
    reading = reading_from_facts(doc, {}, params)
    messages = dict(reading.key_messages)
    assert (
        messages["Serious incidents"] == "0 serious incidents were notified to the National Panel."
    )
    assert "Timeliness" not in messages
    assert messages["Review recommendations"] == (
        "1 recommendation was open at the year end, 0 of them overdue."
    )


# ------------------------------------------------------------------ optional registers


def test_optional_registers_absent(made):
    run, _, _ = made()
    text = _all_text(_document(run))
    assert "funding register was not supplied for this run" in text
    assert "Multi-agency case-file audits" not in text
    assert "Learning from national reviews" not in text


def test_optional_registers_present(made):
    blocks = {
        "funding": {
            "total_gbp": 10235,
            "change_pct": -2.3,
            "partners_contributing": 6,
            "statutory_partners_share_pct": 81.4,
        },
        "audits": {
            "audits_completed": 9,
            "cases_audited": 54,
            "rated_good_pct": 38.9,
            "rated_inadequate_pct": 11.1,
            "actions_completed_pct": 72.7,
        },
        "national_reviews": {
            "reviews_acted_on": 3,
            "actions_completed": 11,
            "actions_open": 13,
            "actions_overdue": 2,
        },
        "feedback": {
            "activities": 14,
            "participants": 402,
            "children_and_young_people": 310,
            "activities_with_change_pct": 42.9,
        },
    }
    run, params, _ = made(extra_facts=blocks)
    text = _all_text(_document(run))
    assert (
        "Partners contributed £10,235 in cash and in kind, down 2.3% on last year, from 6 "
        "partners. The statutory partners (the council, the police and health) gave 81.4% of "
        "the total."
    ) in text
    assert "9 audits were completed, looking at 54 cases: 38.9% were rated good" in text
    assert "The partnership acted on 3 national reviews" in text
    assert "ran 14 activities to hear from children and families, with 402 participants" in text
    stray = [f for f in _figures(text) if f not in _allowed(run, params)]
    assert stray == []


# ------------------------------------------------------------------ the partnership's words


def test_missing_words_in_a_draft_are_a_visible_note(made):
    run, _, _ = made(words={})
    text = _all_text(_document(run))
    assert text.count("To be written:") == len(PROSE)
    assert "To be written: Risks (committee/risks.md in the year's content folder)." in text


def test_missing_words_in_a_final_run_are_an_error_naming_the_file(made):
    words = {k: v for k, v in WORDS.items() if k != "legal.md"}
    with pytest.raises(ContentError, match=r"committee/legal\.md: missing or empty") as info:
        made(words=words, status="final")
    assert info.value.exit_status == 2


def test_check_before_a_run_names_every_problem(tmp_path):
    folder = write_words(tmp_path, {"risks.md": "{{ reviews.nope }}\n", "legal.md": "Law.\n"})
    skeleton = facts()
    with pytest.raises(ContentError) as info:
        check_committee_content(folder.parent, "final", skeleton)
    message = str(info.value)
    assert "committee/risks.md, line 1: unknown placeholder {{ reviews.nope }}" in message
    assert "committee/council_plan.md" in message and "missing or empty" in message
    check_committee_content(folder.parent, "draft", {**skeleton, "reviews": {"nope": 1}})


def test_words_are_escaped_in_html_and_plain_text_in_word(made):
    run, _, _ = made()
    html = (run / "committee" / "cover-report.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in _all_text(_document(run))


def test_html_says_what_the_word_file_says(made):
    run, _, _ = made("internal")
    html = (run / "committee" / "cover-report.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert [h.replace("&#x27;", "'") for h in headings] == SECTIONS
    assert html.count('class="marking"') == 2  # banner and footer
    assert "OFFICIAL-SENSITIVE DRAFT" in html


# ------------------------------------------------------------------ a council's template


def test_a_councils_template_restyles_the_report(made, tmp_path):
    template = docx.Document()
    template.styles["Normal"].font.name = "Verdana"
    template.add_paragraph("Template text that must not survive.")
    folder = tmp_path / "public-draft" / "content" / "committee"
    folder.mkdir(parents=True)
    template.save(str(folder / "template.docx"))
    run, _, _ = made()
    document = _document(run)
    assert document.styles["Normal"].font.name == "Verdana"
    assert "Template text that must not survive." not in _all_text(document)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == SECTIONS


def test_a_template_that_is_not_a_word_file_is_an_error(made, tmp_path):
    folder = tmp_path / "public-draft" / "content" / "committee"
    folder.mkdir(parents=True)
    (folder / "template.docx").write_text("not a document", encoding="utf-8")
    with pytest.raises(ContentError, match=r"template\.docx"):
        made()


# ------------------------------------------------------------------ opens in an office suite


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (Debian package libreoffice-writer-nogui; "
    ".ci/install-office.sh installs it), so the cover report is not converted to PDF",
)
def test_libreoffice_converts_the_cover_report_to_pdf(made, tmp_path):
    from pypdf import PdfReader

    run, _, _ = made("internal")
    out = tmp_path / "pdf"
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(run / "committee" / "cover-report.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    reader = PdfReader(out / "cover-report.pdf")
    assert len(reader.pages) >= 3
    first = reader.pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in first and "Executive summary" in first
