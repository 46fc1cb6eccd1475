"""The report checks, each proven on a small good document and on one fault at a time."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.support.report_checks import (
    CHROMIUM,
    REFLOW_WIDTH,
    _inject_axe,
    check_html,
    check_pdf,
    describe_violations,
    find_axe_core,
    run_axe,
)

# A 10 x 10 black square, so images need no file and fetch nothing.
SVG = (
    "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIx"
    "MCIgaGVpZ2h0PSIxMCI+PHJlY3Qgd2lkdGg9IjEwIiBoZWlnaHQ9IjEwIi8+PC9zdmc+"
)

# Everything a good report has: lang and title, one h1, headings going down one level at
# a time (and back up), a chart with alt text, a table with caption and header cells,
# a contents link to an id, a link to another site, a data: URI in CSS, and "[c]" in
# prose next to "In", which must not be taken for a notebook prompt.
GOOD_HTML = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Demo partnership: annual report 2024-25</title>
<style>body {{ color: #0b0c0c; }} .mark {{ background: url("{SVG}"); }}</style>
</head>
<body>
<h1 id="top">Demo partnership</h1>
<nav><h2 id="contents">Contents</h2>
<ol><li><a href="#summary">Executive summary</a></li></ol></nav>
<main>
<h2 id="summary">Executive summary</h2>
<p>In [c] of the rapid reviews the decision was late. See
<a href="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2">
Working Together</a>.</p>
<h3 id="detail">Detail</h3>
<figure class="chart"><img src="{SVG}" alt="Bar chart: notifications rose from 10 to 12.">
<figcaption>Notifications by year</figcaption></figure>
<div class="table-wrap"><table>
<caption>Notifications by year</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Notifications</th></tr></thead>
<tbody><tr><th scope="row">2024-25</th><td>12</td></tr></tbody>
</table></div>
<h2 id="notes">Method notes</h2>
<p>Definitions.</p>
</main>
</body>
</html>
"""


def with_change(old: str, new: str) -> str:
    """GOOD_HTML with one piece replaced (the piece must be there, so no test passes vacuously)."""
    assert old in GOOD_HTML, old
    return GOOD_HTML.replace(old, new, 1)


def test_good_html_passes():
    assert check_html(GOOD_HTML) == []


# (old, new, what the one failure must say)
HTML_FAULTS = {
    "no lang": ('<html lang="en-GB">', "<html>", "no lang attribute"),
    "wrong lang": ('<html lang="en-GB">', '<html lang="en">', 'should be lang="en-GB"'),
    "empty title": (
        "<title>Demo partnership: annual report 2024-25</title>",
        "<title>  </title>",
        "<title> is empty",
    ),
    "no title": ("<title>Demo partnership: annual report 2024-25</title>", "", "no <title>"),
    "img without alt": (
        'alt="Bar chart: notifications rose from 10 to 12."',
        "",
        "has no alt attribute",
    ),
    "img with empty alt": (
        'alt="Bar chart: notifications rose from 10 to 12."',
        'alt=" "',
        "empty alt text",
    ),
    "nbconvert placeholder alt": (
        'alt="Bar chart: notifications rose from 10 to 12."',
        'alt="No description has been provided for this image"',
        "placeholder alt",
    ),
    # h1 then h3: the contents heading skips h2 (the h2 after it, going up, is fine)
    "skipped heading level": (
        '<h2 id="contents">Contents</h2>',
        '<h3 id="contents">Contents</h3>',
        '<h3> "Contents" follows <h1>, skipping a level',
    ),
    "empty heading": ('<h3 id="detail">Detail</h3>', '<h3 id="detail"> </h3>', "has no text"),
    "two h1": ('<h2 id="notes">Method notes</h2>', '<h1 id="notes">Method notes</h1>', "one <h1>"),
    "table without caption": ("<caption>Notifications by year</caption>", "", "no caption"),
    "table with empty caption": (
        "<caption>Notifications by year</caption>",
        "<caption></caption>",
        "no caption",
    ),
    "table without header cells": (
        '<thead><tr><th scope="col">Year</th><th scope="col">Notifications</th></tr></thead>'
        '\n<tbody><tr><th scope="row">2024-25</th>',
        "<tbody><tr><td>2024-25</td>",
        "no <th> header cells",
    ),
    "external stylesheet": (
        '<meta charset="utf-8">',
        '<link rel="stylesheet" href="https://cdn.example.org/lab.css">',
        "loads a resource",
    ),
    "external image": (f'<img src="{SVG}"', '<img src="https://example.org/chart.png"', "loads"),
    "relative image file": (f'<img src="{SVG}"', '<img src="figures/chart.png"', "loads"),
    "protocol-relative iframe": (
        "<p>Definitions.</p>",
        '<iframe title="map" src="//example.org/map"></iframe>',
        '<iframe src="//example.org/map">',
    ),
    "srcset file": (
        f'<img src="{SVG}"',
        f'<img src="{SVG}" srcset="{SVG} 1x, big.png 2x"',
        "big.png",
    ),
    "css url to a site": (
        f'url("{SVG}")',
        "url(https://fonts.example.org/a.woff2)",
        '<style> loads "https://fonts.example.org/a.woff2"',
    ),
    "css @import": ("body {", '@import "https://cdn.example.org/x.css"; body {', "x.css"),
    "style attribute url": (
        "<p>Definitions.</p>",
        "<p style=\"background: url('bg.png')\">Definitions.</p>",
        '<p style> loads "bg.png"',
    ),
    "inline script": ("<p>Definitions.</p>", "<script>var x = 1;</script>", "<script>"),
    "event handler": ("<p>Definitions.</p>", '<p onclick="go()">Definitions.</p>', "onclick"),
    "javascript link": ('href="#summary"', 'href="javascript:go()"', "javascript: URL"),
    "lab input area": (
        "<p>Definitions.</p>",
        '<div class="jp-InputArea">x = 1</div>',
        "code or prompts",
    ),
    "classic input area": (
        "<p>Definitions.</p>",
        '<div class="input_area">x</div>',
        "code or prompts",
    ),
    "prompt div": (
        "<p>Definitions.</p>",
        '<div class="prompt"></div>',
        "code or prompts",
    ),
    "prompt text": (
        "<p>Definitions.</p>",
        "<pre>In [12]: df.head()</pre>",
        'prompt text "In [12]:"',
    ),
    "traceback": (
        "<p>Definitions.</p>",
        "<pre>Traceback (most recent call last):\n  File x</pre>",
        "traceback",
    ),
    "stderr output": (
        "<p>Definitions.</p>",
        '<div class="output_subarea output_stderr"><pre>warn</pre></div>',
        "error or stderr output",
    ),
    "broken contents link": (
        'href="#summary"',
        'href="#summry"',
        'link to "#summry" points to no element',
    ),
    "duplicate id": ('<h3 id="detail">', '<h3 id="summary">', "duplicate ids: summary"),
}


@pytest.mark.parametrize("case", HTML_FAULTS, ids=list(HTML_FAULTS))
def test_each_html_fault_is_caught_alone(case):
    old, new, expected = HTML_FAULTS[case]
    faults = check_html(with_change(old, new))
    assert len(faults) == 1, faults
    assert expected in faults[0]


def test_missing_h1_is_reported_with_the_skip_it_causes():
    # the document then starts at h2: no h1 at all, and h2 skips h1
    faults = check_html(with_change('<h1 id="top">Demo partnership</h1>', ""))
    assert any("exactly one <h1>, found 0" in f for f in faults)
    assert any("follows the start of the document" in f for f in faults)


def test_script_with_src_is_two_faults():
    # a script is forbidden, and its src would also fetch a file
    faults = check_html(
        with_change("<p>Definitions.</p>", '<script src="https://x.org/a.js"></script>')
    )
    assert len(faults) == 2
    assert any("<script" in f for f in faults) and any("loads a resource" in f for f in faults)


def test_fault_messages_give_the_line():
    # the img sits on line 18 of GOOD_HTML (counted in the literal above)
    faults = check_html(with_change('alt="Bar chart: notifications rose from 10 to 12."', ""))
    assert faults[0].startswith("line 18:")


def test_heading_going_up_several_levels_is_fine():
    markup = with_change("<p>Definitions.</p>", "<h3>Deeper</h3><h4>Deepest</h4><h2>Back up</h2>")
    assert check_html(markup) == []


def test_svg_title_is_not_the_document_title():
    markup = with_change(
        "<title>Demo partnership: annual report 2024-25</title>",
        "",
    ).replace("<p>Definitions.</p>", "<svg><title>A graphic</title></svg>")
    assert check_html(markup) == ["no <title> element"]


# --- PDF -------------------------------------------------------------------------------------

MARKING = "OFFICIAL-SENSITIVE"


def pdf_markup(
    *,
    title: str = f"Demo partnership: annual report 2024-25 ({MARKING}) [DRAFT]",
    lang: str = "en-GB",
    page_css: str = f'@page {{ @top-center {{ content: "{MARKING}"; }} '
    '@top-right { content: "DRAFT"; } }',
    headings: bool = True,
) -> str:
    """Three A4 pages, each section starting a page; margin boxes print the markings."""
    h = (
        (lambda level, text: f"<h{level}>{text}</h{level}>")
        if headings
        else (lambda _, t: f"<p>{t}</p>")
    )
    title_tag = f"<title>{title}</title>" if title else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{title_tag}'
        f"<style>{page_css} section {{ break-before: page; }}</style></head><body>"
        f"{h(1, 'Demo partnership')}<p>Cover.</p>"
        f"<section>{h(2, 'Summary')}<p>Notifications: 12.</p>"
        f'<img alt="Bar chart of notifications" src="{SVG}"></section>'
        f"<section>{h(2, 'Notes')}<p>Definitions.</p></section></body></html>"
    )


@pytest.fixture(scope="module")
def make_pdf(tmp_path_factory):
    """Write a PDF with WeasyPrint (PDF/UA-1 unless told otherwise) and return its path."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    folder = tmp_path_factory.mktemp("pdfs")

    def make(name: str, markup: str, variant: str | None = "pdf/ua-1") -> Path:
        path = folder / f"{name}.pdf"
        options = {"pdf_variant": variant} if variant else {}
        HTML(string=markup).write_pdf(path, **options)
        return path

    return make


def test_good_pdf_passes_with_marking_and_draft(make_pdf):
    path = make_pdf("good", pdf_markup())
    assert check_pdf(path, marking=MARKING, draft=True) == []
    # the public, final reading asks less of the same file
    assert check_pdf(path, marking=None, draft=False) == []


def test_untagged_pdf_fails(make_pdf):
    faults = check_pdf(make_pdf("plain", pdf_markup(), variant=None), marking=None, draft=False)
    assert any("not tagged" in f for f in faults)
    assert any("no structure tree" in f for f in faults)


def test_pdf_in_the_wrong_language_fails(make_pdf):
    faults = check_pdf(make_pdf("lang", pdf_markup(lang="en")), marking=None, draft=False)
    assert faults == ['lang.pdf: document language /Lang is "en", expected "en-GB"']


def test_pdf_without_title_fails(make_pdf):
    faults = check_pdf(make_pdf("untitled", pdf_markup(title="")), marking=None, draft=False)
    assert faults == ["untitled.pdf: no document title (/Title or XMP dc:title)"]


def test_pdf_title_without_the_marking_fails(make_pdf):
    path = make_pdf("title", pdf_markup(title="Demo partnership: annual report 2024-25"))
    faults = check_pdf(path, marking=MARKING, draft=False)
    assert len(faults) == 1 and "does not carry the marking OFFICIAL-SENSITIVE" in faults[0]


def test_pdf_without_headings_has_no_bookmarks(make_pdf):
    faults = check_pdf(make_pdf("flat", pdf_markup(headings=False)), marking=None, draft=False)
    assert faults == ["flat.pdf: no bookmarks (outline)"]


def test_marking_missing_from_later_pages_names_them(make_pdf):
    # marking on the first page only: pages 2 and 3 of 3 lack it
    css = f'@page :first {{ @top-center {{ content: "{MARKING}"; }} }}'
    faults = check_pdf(make_pdf("first", pdf_markup(page_css=css)), marking=MARKING, draft=False)
    assert faults == ["first.pdf: 2 of 3 page(s) do not show OFFICIAL-SENSITIVE: pages 2-3"]


def test_draft_marking_missing_fails_only_for_a_draft(make_pdf):
    css = f'@page {{ @top-center {{ content: "{MARKING}"; }} }}'
    path = make_pdf("final", pdf_markup(page_css=css))
    assert check_pdf(path, marking=MARKING, draft=False) == []
    faults = check_pdf(path, marking=MARKING, draft=True)
    assert faults == ["final.pdf: 3 of 3 page(s) do not show the DRAFT marking: pages 1-3"]


def test_figure_without_alt_fails(make_pdf):
    markup = pdf_markup().replace('alt="Bar chart of notifications" ', "")
    faults = check_pdf(make_pdf("noalt", markup), marking=None, draft=False)
    assert faults == ["noalt.pdf: 1 figure(s) in the structure tree have no /Alt text"]


def test_pdf_without_text_fails(make_pdf):
    markup = (
        '<html lang="en-GB"><head><title>T</title></head>'
        f'<body><h1><img alt="Logo" src="{SVG}"></h1></body></html>'
    )
    faults = check_pdf(make_pdf("image", markup), marking=None, draft=False)
    # the heading holds no text either, so it makes no bookmark
    assert faults == [
        "image.pdf: no page has extractable text",
        "image.pdf: no bookmarks (outline)",
    ]


def test_file_that_is_not_a_pdf_fails(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("<html></html>", encoding="utf-8")
    faults = check_pdf(path, marking=None, draft=False)
    assert len(faults) == 1 and faults[0].startswith("report.pdf: cannot be opened")


def test_missing_pdf_fails(tmp_path):
    faults = check_pdf(tmp_path / "absent.pdf", marking=None, draft=False)
    assert len(faults) == 1 and "cannot be opened" in faults[0]


# --- axe-core -------------------------------------------------------------------------------


def test_run_axe_returns_none_without_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(GOOD_HTML, encoding="utf-8")
    assert run_axe(page, chromium=tmp_path / "no-chromium") is None


def test_run_axe_returns_none_without_axe_core(tmp_path, monkeypatch):
    page = tmp_path / "report.html"
    page.write_text(GOOD_HTML, encoding="utf-8")
    monkeypatch.setenv("AXE_CORE_JS", str(tmp_path / "missing-axe.min.js"))
    assert find_axe_core() is None
    assert run_axe(page) is None


def test_axe_core_path_comes_from_the_environment(tmp_path, monkeypatch):
    axe = tmp_path / "axe.min.js"
    axe.write_text("var axe;", encoding="utf-8")
    monkeypatch.setenv("AXE_CORE_JS", str(axe))
    assert find_axe_core() == axe


def test_injected_library_cannot_close_its_script_early():
    page = _inject_axe("<html><body><p>x</p></body></html>", 'var s = "</SCRIPT>";')
    # one closing tag per injected script (library, runner) and the library's text escaped
    assert page.lower().count("</script>") == 2
    assert r'"<\/SCRIPT>"' in page
    assert page.endswith("</script></body></html>")


def test_describe_violations():
    violation = {
        "id": "image-alt",
        "impact": "critical",
        "help": "Images must have alternative text",
        "nodes": [{"target": ["#figure-x > img"]}, {"target": ["img"]}],
    }
    assert describe_violations([violation]) == [
        "image-alt (critical): Images must have alternative text; "
        "2 element(s), first #figure-x > img"
    ]


@pytest.fixture(scope="module")
def axe_available():
    if find_axe_core() is None or not CHROMIUM.is_file():
        pytest.skip("axe-core/Chromium not installed: accessibility scan skipped")


# A 600px table in a wrapper that scrolls sideways when the window is narrower: fine on a
# desktop, but at 320px it scrolls and nothing in it can take keyboard focus.
WIDE_TABLE = (
    '<div style="overflow-x: auto"><table style="width: 600px"><caption>Wide</caption>'
    '<tr><th scope="col">A</th><th scope="col">B</th></tr><tr><td>1</td><td>2</td></tr>'
    "</table></div>"
)


def test_axe_finds_nothing_on_the_good_page_and_is_not_reported_itself(tmp_path, axe_available):
    markup = with_change("<p>Definitions.</p>", WIDE_TABLE)
    page = tmp_path / "report.html"
    page.write_text(markup, encoding="utf-8")
    assert run_axe(page) == []
    # the original file is untouched
    assert page.read_text(encoding="utf-8") == markup


def test_axe_catches_faults_at_the_reflow_width(tmp_path, axe_available):
    # missing alt and missing lang (WCAG A), and at 320px the wide table's wrapper scrolls
    # with nothing focusable in it: the same table passed at the desktop width above
    page = tmp_path / "report.html"
    markup = (
        with_change('<html lang="en-GB">', "<html>")
        .replace('alt="Bar chart: notifications rose from 10 to 12."', "")
        .replace("<p>Definitions.</p>", WIDE_TABLE)
    )
    page.write_text(markup, encoding="utf-8")
    violations = run_axe(page, width=REFLOW_WIDTH)
    assert sorted(v["id"] for v in violations) == [
        "html-has-lang",
        "image-alt",
        "scrollable-region-focusable",
    ]
