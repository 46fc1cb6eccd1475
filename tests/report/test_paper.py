"""The committee papers' document model: Markdown in, Word and HTML out."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from safeguarding_assurance.report.paper import (
    Heading,
    ListItems,
    Paper,
    Paragraph,
    Run,
    Table,
    TemplateError,
    column_widths,
    is_numeric,
    markdown_blocks,
    paper_html,
    write_docx,
)


def test_markdown_paragraphs_emphasis_and_links():
    blocks = markdown_blocks(
        "Some **bold** and *leaning* words\nwith [a link](https://example.org).\n"
    )
    assert blocks == [
        Paragraph(
            (
                Run("Some "),
                Run("bold", bold=True),
                Run(" and "),
                Run("leaning", italic=True),
                Run(" words"),
                Run(" "),
                Run("with "),
                Run("a link", href="https://example.org"),
                Run("."),
            )
        )
    ]


def test_markdown_headings_sit_under_the_sections_own_heading():
    blocks = markdown_blocks("# Top\n\n## Second\n\n### Third\n")
    assert blocks == [Heading("Top", 2), Heading("Second", 2), Heading("Third", 3)]


def test_markdown_lists_keep_their_depth_and_kind():
    blocks = markdown_blocks("- one\n- two\n  - two a\n\n1. first\n2. second\n")
    assert blocks == [
        ListItems(((Run("one"),), (Run("two"),), (Run("two a"),)), False, (0, 0, 1)),
        ListItems(((Run("first"),), (Run("second"),)), True, (0, 0)),
    ]


def test_markdown_never_passes_html_or_fetches_an_image():
    blocks = markdown_blocks(
        "<img src=x onerror=alert(1)>\n\n![a chart](https://example.org/x.png)\n\n"
        "[click](javascript:alert(1))\n"
    )
    text = [r.text for b in blocks for r in b.runs]
    assert text[0] == "<img src=x onerror=alert(1)>"
    assert text[1] == "[image: a chart]"
    assert all(r.href is None for b in blocks for r in b.runs)


@pytest.mark.parametrize(
    ("text", "numeric"),
    [
        ("12", True),
        ("1,234", True),
        ("12.5%", True),
        ("'+0.77", True),
        ("[c]", True),
        ("17 (68.0%)", True),
        ("2024-25", False),
        ("Neglect", False),
        ("", False),
    ],
)
def test_numeric_cells_are_recognised(text, numeric):
    assert is_numeric(text) is numeric


def test_column_widths_never_break_a_word_and_fill_the_page():
    table = Table(
        "t",
        ("Priority", "Indicators improved", "Overdue"),
        (("Harm outside the home: exploitation", "2", "5"),),
    )
    widths = column_widths(table, 17.0)
    assert sum(widths) == pytest.approx(17.0)
    # each at least its longest word: "exploitation" (12), "Indicators" (10), "Overdue" (7)
    for width, word in zip(widths, (12, 10, 7), strict=True):
        assert width >= word * 0.23 + 0.45 - 1e-9
    assert widths[0] > widths[2]


def _paper(**kw) -> Paper:
    return Paper(
        title="A <title> & more",
        details=[("Board", ("Scrutiny",)), ("Lead officers", ("One", "Two"))],
        blocks=[
            Heading("1. First", 1),
            Paragraph((Run("Text with <b>tags</b>"),), number="1.1"),
            ListItems(((Run("item", bold=True),),)),
            Table("Counts", ("Year", "Count"), (("2024-25", "3"),), "A note."),
        ],
        document_title="Document title",
        **kw,
    )


def test_html_is_escaped_and_in_british_english():
    html = paper_html(_paper(markings=("OFFICIAL-SENSITIVE",)))
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Document title</title>" in html
    assert "<h1>A &lt;title&gt; &amp; more</h1>" in html
    assert "Text with &lt;b&gt;tags&lt;/b&gt;" in html
    assert '<th scope="col" class="num">Count</th>' in html
    assert '<th scope="row">2024-25</th><td class="num">3</td>' in html
    assert "<td>One<br>Two</td>" in html
    assert html.count("OFFICIAL-SENSITIVE") == 2


def test_word_file_has_styles_header_rows_and_properties(tmp_path):
    path = tmp_path / "p.docx"
    write_docx(_paper(markings=("DRAFT",), author="Author", status="draft"), path)
    document = docx.Document(str(path))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[0] == ("Title", "A <title> & more")
    assert ("Heading 1", "1. First") in styles
    assert ("Normal", "1.1\tText with <b>tags</b>") in styles
    assert ("List Bullet", "item") in styles
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert document.core_properties.title == "Document title"
    assert document.core_properties.content_status == "Draft"
    assert "DRAFT" in document.sections[0].header.paragraphs[0].text
    fields = [i.text.strip() for i in document.sections[0].footer._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_a_template_without_the_styles_used_is_refused(tmp_path):
    template = docx.Document()
    caption = template.styles["Caption"]
    caption.element.getparent().remove(caption.element)
    template.save(str(tmp_path / "t.docx"))
    with pytest.raises(TemplateError, match="Caption"):
        write_docx(_paper(), tmp_path / "out.docx", tmp_path / "t.docx")


def test_control_characters_in_the_words_never_break_the_word_file(tmp_path):
    paper = Paper(
        title="Title\x0b",
        details=[("Board", ("Scrutiny\x01",))],
        blocks=[Paragraph((Run("Words\x00 with a bell\x07."),), number="1.1")],
    )
    write_docx(paper, tmp_path / "p.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "p.docx")).paragraphs]
    assert "1.1\tWords with a bell." in texts
    assert "\x07" not in paper_html(paper)
