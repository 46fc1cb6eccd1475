"""nbconvert HTML from the executed notebooks, one self-contained report, and its tagged PDF."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, FileSystemLoader, select_autoescape

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.contract.published import SHORTHAND
from safeguarding_assurance.present.narrative import long_date
from safeguarding_assurance.present.tables import table_html
from safeguarding_assurance.report.chapters import ChapterContent, slug
from safeguarding_assurance.report.own_words import SECTIONS, render_section
from safeguarding_assurance.report.own_words import Section as OwnWords


def contents_entries(markup: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of every h2 and h3 with an id: the contents list."""
    out = []
    for m in re.finditer(r'<h([23])[^>]*\sid="([^"]+)"[^>]*>(.*?)</h\1>', markup, flags=re.S):
        text = re.sub(r"<[^>]+>", "", m.group(3)).strip()
        out.append((int(m.group(1)), m.group(2), html.unescape(text)))
    return out


def _environment() -> Environment:
    folder = resources.files("safeguarding_assurance.report") / "templates"
    env = Environment(
        loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(["j2", "html"])
    )
    return env


def report_title(params: Params, audience: str) -> str:
    """The document title: partnership, year, and the marking for internal output."""
    title = f"{params.partnership_name}: annual report {params.reporting_year}"
    if audience == "internal":
        title += " (OFFICIAL-SENSITIVE)"
    if params.status == "draft":
        title += " [DRAFT]"
    return title


def build_report_html(
    params: Params,
    audience: str,
    chapters: list[ChapterContent],
    summary_html: str,
    words: dict,
    suppressed_keys: frozenset[str],
    notes_context: dict,
    appendix: list[tuple[str, str, bool]],
    glance_html: str = "",
) -> str:
    """Assemble the report: cover, contents, at a glance, headline figures and the rest.

    Then the own words, chapters, notes, glossary and appendix. ``words`` is what the
    partnership's own words may quote (:mod:`safeguarding_assurance.present.placeholders`).
    """
    own_words = {
        s.file: render_section(s, params.content_path, words, params.status, suppressed_keys)
        for s in SECTIONS
    }
    blocks = order_blocks(chapters, own_words)
    env = _environment()
    css = (resources.files("safeguarding_assurance.report") / "templates" / "report.css").read_text(
        encoding="utf-8"
    )
    marking = "OFFICIAL-SENSITIVE" if audience == "internal" else ""
    return env.get_template("report.html.j2").render(
        title=report_title(params, audience),
        params=params,
        audience=audience,
        marking=marking,
        draft=params.status == "draft",
        produced=long_date(dt.date.today()),
        data_as_at=long_date(params.as_at),
        css=css,
        summary_html=summary_html,
        glance_html=glance_html,
        blocks=blocks,
        notes=notes_context,
        shorthand=SHORTHAND,
        appendix=appendix,
    )


def ensure_heading_ids(markup: str) -> str:
    """Give every heading (h2 to h6) an id, unique in the document, so contents can link to it."""
    used = set(re.findall(r'\sid="([^"]+)"', markup))

    def fresh(text: str) -> str:
        base = "section-" + slug(html.unescape(re.sub(r"<[^>]+>", "", text)))
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return candidate

    def add(m: re.Match[str]) -> str:
        tag, attrs, text = m.group(1), m.group(2), m.group(3)
        if re.search(r'\sid="', attrs):
            return m.group(0)
        return f'<{tag}{attrs} id="{fresh(text)}">{text}</{tag}>'

    return re.sub(r"<(h[2-6])((?:\s[^>]*)?)>(.*?)</\1>", add, markup, flags=re.S)


def add_contents(markup: str) -> str:
    """Fill the contents list from the finished document's headings (links, page numbers in PDF)."""
    markup = ensure_heading_ids(markup)
    entries = [e for e in contents_entries(markup) if e[1] != "contents"]
    items = []
    for level, hid, text in entries:
        cls = "toc-1" if level == 2 else "toc-2"
        items.append(
            f'<li class="{cls}"><a href="#{html.escape(hid)}">{html.escape(text)}</a></li>'
        )
    return markup.replace("<!--CONTENTS-->", '<ol class="toc">' + "".join(items) + "</ol>", 1)


def summary_table_html(df, note: str, lead: str = "") -> str:
    """The headline figures as one short accessible table per area, with the note after.

    The priorities' rows, which "At a glance" already sets out, are folded in the HTML and
    left to ``tables/executive_summary.csv`` in print.
    """
    parts = [f"<p>{html.escape(lead)}</p>"] if lead else []
    for i, (area, rows) in enumerate(df.groupby("Area", sort=False)):
        table = table_html(
            rows.drop(columns="Area"), area, table_id=f"table-executive-summary-{i + 1}"
        )
        if str(area).startswith("Priority:"):
            table = (
                f'<details class="detail"><summary>{html.escape(str(area))}: headline figures. '
                '<span class="detail-where">Table: tables/executive_summary.csv</span>'
                f"</summary>{table}</details>"
            )
        parts.append(table)
    parts.append(f'<p class="table-note">{html.escape(note)}</p>')
    return "".join(parts)


@dataclass
class Block:
    """A top-level part of the report body: a chapter or the partnership's own words."""

    kind: str  # "notebook" or "own-words"
    title: str
    body: str
    heading_id: str | None
    stem: str = ""  # the notebook's name, for a chapter


def order_blocks(chapters: list[ChapterContent], own_words: dict[str, str | None]) -> list[Block]:
    """Put the chapters and the partnership's own words in report order.

    Words placed before or after a chapter that did not run (its optional register was
    not supplied) are not lost: they go after the last chapter. Words left out (``None``:
    an optional section missing from a final report) are not shown.
    """

    def block(s: OwnWords) -> list[Block]:
        body = own_words.get(s.file)
        return [] if body is None else [Block("own-words", s.title, body, slug(s.title))]

    def words(placement: str) -> list[Block]:
        return [b for s in SECTIONS if s.placement == placement for b in block(s)]

    blocks = words("before_chapters")
    stems = {ch.stem for ch in chapters}
    for ch in chapters:
        blocks += words(f"before:{ch.stem}")
        m = re.search(r'<h2 id="([^"]+)"', ch.body)
        blocks.append(Block("notebook", ch.title, ch.body, m.group(1) if m else None, ch.stem))
        blocks += words(f"after:{ch.stem}")
    orphans = [
        s
        for s in SECTIONS
        if s.placement.startswith(("after:", "before:"))
        and s.placement.split(":", 1)[1] not in stems
    ]
    blocks += [b for s in orphans for b in block(s)]
    return blocks + words("after_chapters")
