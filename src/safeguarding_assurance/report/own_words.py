"""The partnership's own words: Markdown files per year, with figures quoted by placeholder.

Authors write ``{{ reviews.notifications }}`` to quote a ``facts.json`` figure, so no
typed number goes stale; ``{{ last_year.funding.total_gbp }}`` quotes last year's figure
from the same run, and ``{{ change.funding.total_gbp }}`` says which way it moved ("up
from £391,000 last year"), so a direction is never typed either (every quotable key is
built in :mod:`safeguarding_assurance.present.placeholders`). A figure of an optional
register that was not supplied shows as ``[x]`` (not available). Raw HTML is never
passed through: it is shown as text. An image must travel inside the report (a
``data:`` URI): one on another server or in a separate file is an error naming the
file and line, since the report fetches nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from safeguarding_assurance.contract.facts import BLOCK_KEYS, OPTIONAL_BLOCKS
from safeguarding_assurance.contract.published import NOT_APPLICABLE, NOT_AVAILABLE
from safeguarding_assurance.errors import AssuranceError

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
COMMENT = re.compile(r"<!--.*?-->", flags=re.S)
KEY = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*")


@dataclass(frozen=True)
class Section:
    """A piece of the partnership's own words and where it goes in the report.

    ``placement`` is ``before_chapters``, ``after_chapters``, or ``before:<notebook
    stem>`` / ``after:<notebook stem>`` (at the end of the chapters when that notebook
    did not run). A section that is not ``required`` may be missing from a final
    report: it is then left out (a draft shows a "to be written" note).
    """

    file: str
    title: str
    placement: str
    required: bool = True


SECTIONS: tuple[Section, ...] = (
    Section("foreword.md", "Foreword", "before_chapters"),
    Section("learning.md", "What we learned from reviews", "after:02_reviews"),
    # beside the feedback chapter when feedback.csv is supplied, else after the chapters
    Section("voice.md", "What children and families told us", "after:05_feedback"),
    # governance and scrutiny frame the funding chapter (at the end without funding.csv)
    Section("governance.md", "How the partnership is governed", "before:06_funding", False),
    Section("scrutiny.md", "Independent scrutiny", "after:06_funding", False),
    Section("next_year.md", "Our focus for next year", "after_chapters"),
)


class ContentError(AssuranceError):
    """The partnership's own words cannot be used as written (exit status 2)."""

    exit_status = 2


def markdown_parser() -> MarkdownIt:
    """The Markdown reader for the partnership's words: CommonMark, raw HTML shown as text."""
    # commonmark with html off: a <script> or <img> typed into a file is shown as text
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def lookup_fact(facts: Mapping[str, Any], key: str) -> Any:
    """Return the facts value at a dotted key (``reviews.notifications``), else ``KeyError``."""
    node: Any = facts
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise KeyError(key)
        node = node[part]
    if isinstance(node, Mapping):
        raise KeyError(key)
    return node


def format_fact(key: str, value: Any) -> str:
    """Format a quoted figure: ``[z]`` for none, one decimal for percentages, ``£`` for pounds."""
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key.endswith("_gbp") and isinstance(value, int | float):
        return f"£{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if key.endswith("_pct"):
            return f"{value:.1f}%"
        return f"{value:,.2f}" if key.endswith("confidence_change") else f"{value:,g}"
    return str(value)


PREFIXES = ("last_year", "change", "judgement")  # see present.placeholders


def _base_key(key: str) -> str:
    """The facts key a placeholder quotes: ``change.funding.total_gbp`` -> ``funding.total_gbp``."""
    prefix, _, rest = key.partition(".")
    return rest if prefix in PREFIXES and rest else key


def quote_fact(facts: Mapping[str, Any], key: str) -> str:
    """The text a placeholder shows; ``[x]`` for a figure of a register that was not supplied.

    ``facts`` is what :func:`present.placeholders.placeholder_values` builds: the facts with
    last year's figures, changes and judgements beside them. Raise ``KeyError`` for a
    key it does not have.
    """
    try:
        return format_fact(key, lookup_fact(facts, key))
    except KeyError:
        block, _, leaf = _base_key(key).partition(".")
        if block in OPTIONAL_BLOCKS and block not in facts and leaf in BLOCK_KEYS[block]:
            return NOT_AVAILABLE
        raise


def fill_placeholders(
    text: str, facts: Mapping[str, Any], file: str, suppressed: frozenset[str] = frozenset()
) -> str:
    """Replace every ``{{ key }}`` with its figure; an unknown key names the file and line."""
    problems: list[str] = []

    def replace(match: re.Match[str], line_no: int) -> str:
        key = match.group(1)
        if key in suppressed or _base_key(key) in suppressed:
            return "[c]"
        try:
            if not KEY.fullmatch(key):
                raise KeyError(key)
            return quote_fact(facts, key)
        except KeyError:
            problems.append(
                f"{file}, line {line_no}: unknown placeholder {{{{ {key} }}}}; "
                "use a facts.json key such as {{ reviews.notifications }} or "
                "{{ reporting_year }}"
            )
            return match.group(0)

    lines = [
        PLACEHOLDER.sub(lambda m, n=n: replace(m, n), line)
        for n, line in enumerate(text.splitlines(), start=1)
    ]
    if problems:
        raise ContentError("\n".join(problems))
    return "\n".join(lines)


def shift_headings(markup: str, by: int, lowest: int = 1) -> str:
    """Move every heading down ``by`` levels, to at least ``lowest`` and at most h6.

    ``lowest`` keeps an author's ``#`` from competing with the report's own headings.
    """

    def repl(m: re.Match[str]) -> str:
        level = min(max(int(m.group(2)) + by, lowest), 6)
        return f"<{m.group(1)}h{level}"

    return re.sub(r"<(/?)h([1-6])", repl, markup)


def image_problems(text: str, file: str) -> list[str]:
    """One message per image the report could not carry itself, with the file and line.

    ``text`` is the author's Markdown (comments already blanked, so lines keep their
    numbers). Only images load anything: a plain link is followed only if a reader
    chooses to, so links may point anywhere.
    """
    problems = []
    for token in markdown_parser().parse(text):
        if token.type != "inline" or not token.children or token.map is None:
            continue
        line = token.map[0] + 1
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            if child.type != "image":
                continue
            src = str(child.attrs.get("src", "")).strip()
            if src.lower().startswith("data:"):
                continue  # carried inside the report
            remote = bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, flags=re.I))
            where = (
                "is on another server: the report would fetch it"
                if remote
                else "is a separate file: the report could not show it"
            )
            problems.append(
                f"{file}, line {line}: the image {src} {where}, and the report is one "
                "self-contained file that fetches nothing. Remove the image, or link to it "
                "instead: [words that describe it](address)"
            )
    return problems


def render_markdown(text: str) -> str:
    """Render Markdown to HTML with raw HTML escaped."""
    return markdown_parser().render(text)


def render_section(
    section: Section,
    folder: Path,
    facts: Mapping[str, Any],
    status: str,
    suppressed: frozenset[str] = frozenset(),
) -> str | None:
    """Return the HTML of one section, a visible note if a draft lacks it, or raise if final."""
    path = folder / section.file
    text = read_words(path) if path.is_file() else ""
    if not text.strip():
        if status == "final" and not section.required:
            return None  # left out of a final report
        if status == "final":
            raise ContentError(
                f"{path.name} is missing or empty in {folder}: a final report needs the "
                "partnership's "
                f"own words for '{section.title}' (a draft shows a 'to be written' note instead)"
            )
        return (
            '<p class="to-be-written"><strong>To be written:</strong> '
            f"{html.escape(section.title)} ({html.escape(section.file)}).</p>"
        )
    images = image_problems(text, section.file)
    if images:
        raise ContentError("\n".join(images))
    filled = fill_placeholders(text, facts, section.file, suppressed)
    # an author's ## sits under the section's own h2, as h3; # is treated as ##
    return shift_headings(render_markdown(filled), 1, lowest=3)


def read_words(path: Path) -> str:
    """Read an author's file; comments (``<!-- ... -->``) are notes to authors, never shown."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(f"{path.name}: not UTF-8 text; save it as UTF-8") from None
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def check_content(
    folder: Path,
    status: str,
    facts_keys: Mapping[str, Any],
    sections: tuple[Section, ...] = SECTIONS,
) -> None:
    """Fail before any notebook runs: an unknown placeholder, an outside image, missing words.

    Every problem is reported at once. ``sections`` are the files to check (the report's
    own words by default; the committee papers pass theirs).
    """
    problems: list[str] = []
    for section in sections:
        path = folder / section.file
        try:
            text = read_words(path) if path.is_file() else ""
        except ContentError as exc:
            problems.append(str(exc))
            continue
        if not text.strip():
            if status == "final" and section.required:
                problems.append(
                    f"{path}: missing or empty; a final report needs the partnership's own "
                    f"words for '{section.title}' (a draft shows a 'to be written' note)"
                )
            continue
        problems += image_problems(text, section.file)
        try:
            fill_placeholders(text, facts_keys, section.file)
        except ContentError as exc:
            problems.append(str(exc))
    if problems:
        raise ContentError("\n".join(problems))
