"""What a reader meets in the rendered reports (issue 18, item 8), read back from the files.

Captions that end as sentences, one tagged table per table, bookmarks that read
properly, widows and orphans held, an appendix that says what each table shows, valid
HTML and CSS (the Nu HTML checker where it is installed), an id on every heading, the
internal marking on every screen, tables a phone reader can scroll and reach, charts
they can open at full size.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _markup(folder: Path) -> str:
    return (folder / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_figure_captions_end_with_a_full_stop(rendered_reports, audience):
    markup = _markup(rendered_reports[audience])
    captions = re.findall(r"<figcaption>([\s\S]*?)</figcaption>", markup)
    assert captions
    for caption in captions:
        for part in re.findall(r"<span[^>]*>([\s\S]*?)</span>", caption):
            text = html.unescape(part).strip()
            assert text.endswith((".", "?", "!")), text


def test_the_first_bookmark_keeps_its_space(rendered_reports):
    reader = PdfReader(rendered_reports["public"] / "report.pdf")
    first = reader.outline[0]
    title = first.title if hasattr(first, "title") else first["/Title"]
    assert "Partnership Annual report" in title, title


def test_widows_and_orphans_are_held_in_print(rendered_reports):
    markup = _markup(rendered_reports["public"])
    assert re.search(r"p \{ orphans: 3; widows: 3; \}", markup)
    assert re.search(r"li, dd, figcaption[^{]*\{ orphans: 2; widows: 2; \}", markup)


def test_the_appendix_says_what_each_table_shows(rendered_reports):
    markup = _markup(rendered_reports["public"])
    appendix = markup[markup.index('id="appendix"') :]
    rows = re.findall(r"<code>tables/([a-z0-9_]+)\.csv</code></th><td>([^<]*)</td>", appendix)
    assert len(rows) > 20
    for name, shows in rows:
        # the table's caption, in words: never just the file name again
        assert shows.lower() != name.replace("_", " ") and len(shows.split()) >= 3, (name, shows)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_heading_has_an_id_and_is_in_the_contents(rendered_reports, audience):
    markup = _markup(rendered_reports[audience])
    headings = re.findall(r"<h([2-6])([^>]*)>", markup)
    assert all('id="' in attrs for _, attrs in headings)
    ids = re.findall(r'<h[2-6][^>]*\sid="([^"]+)"', markup)
    assert len(ids) == len(set(ids))
    contents = markup[markup.index('id="contents"') : markup.index("</nav>")]
    # the data-quality chapter's sub-headings are reachable from the contents
    assert "Files read" in contents and "Warnings" in contents


def test_the_internal_marking_stays_on_screen(rendered_reports):
    markup = _markup(rendered_reports["internal"])
    assert '<div class="banner marking" role="note">' in markup
    assert re.search(r"\.banner\.marking \{ position: sticky; top: 0;", markup)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_tables_scroll_with_a_cue_and_are_reachable_by_keyboard(rendered_reports, audience):
    markup = _markup(rendered_reports[audience])
    wraps = re.findall(r'<div class="table-wrap[^"]*"([^>]*)>', markup)
    assert wraps
    for attrs in wraps:
        assert 'role="region"' in attrs and 'tabindex="0"' in attrs
        assert "aria-labelledby=" in attrs
    # the scroll cue: shadows at an edge with more to see
    assert "radial-gradient(farthest-side at 100% 50%" in markup


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_chart_opens_at_full_size(rendered_reports, audience):
    folder = rendered_reports[audience]
    markup = _markup(folder)
    links = re.findall(r'<a class="chart-link" href="(figures/[a-z0-9_]+\.png)"><img ', markup)
    assert links and len(links) == markup.count('<figure class="chart')
    assert all((folder / link).is_file() for link in links)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_html_and_its_css_are_valid(rendered_reports, audience):
    markup = _markup(rendered_reports[audience])
    assert "string-set" not in markup and "string(" not in markup
    java = shutil.which("java")
    if not (java and VNU.is_file()):
        pytest.skip("the Nu HTML checker (java and node_modules/vnu-jar) is not installed")
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", str(rendered_reports[audience] / "report.html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
