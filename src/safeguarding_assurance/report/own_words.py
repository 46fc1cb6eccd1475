"""The partnership's own words: Markdown files per year, with figures quoted by placeholder.

Authors write ``{{ reviews.notifications }}`` to quote a ``facts.json`` figure, so no
typed number goes stale; ``{{ last_year.funding.total_gbp }}`` quotes last year's figure
from the same run, and ``{{ change.funding.total_gbp }}`` says which way it moved ("up
from £391,000 last year"), so a direction is never typed either. A figure of an optional
register that was not supplied shows as ``[x]`` (not available). Raw HTML is never
passed through: it is shown as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from safeguarding_assurance.contract.facts import BLOCK_KEYS, OPTIONAL_BLOCKS, optional_skeleton
from safeguarding_assurance.contract.published import NOT_APPLICABLE, NOT_AVAILABLE
from safeguarding_assurance.errors import AssuranceError

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
COMMENT = re.compile(r"<!--.*?-->", flags=re.S)
KEY = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")
LAST_YEAR = "last_year"  # {{ last_year.<key> }}: last year's figure from the same run
CHANGE = "change"  # {{ change.<key> }}: "up from ... last year", in words


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


def _markdown() -> MarkdownIt:
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


class _NotSupplied(Exception):
    """The key belongs to an optional register's block, and the register was not supplied."""


def _value(facts: Mapping[str, Any], key: str) -> Any:
    """The figure at ``key``; ``_NotSupplied`` for an absent optional block's key."""
    block, _, leaf = key.partition(".")
    if block in OPTIONAL_BLOCKS and block not in facts and leaf in BLOCK_KEYS[block]:
        raise _NotSupplied(key)
    return lookup_fact(facts, key)


def _change(facts: Mapping[str, Any], key: str) -> str:
    """``up from £391,000 last year``, ``down from …``, ``the same as last year``."""
    now = _value(facts, key)
    if isinstance(now, str):
        raise KeyError(key)  # a label (the reporting year), not a figure
    before = _value(lookup_mapping(facts, LAST_YEAR), key)
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return "with no figure for last year to compare"
    shown = format_fact(key, before)
    if now > before:
        return f"up from {shown} last year"
    if now < before:
        return f"down from {shown} last year"
    return "the same as last year"


def quote_fact(facts: Mapping[str, Any], key: str) -> str:
    """The text a placeholder shows: a figure, last year's figure, or a change in words.

    Raise ``KeyError`` for a key ``facts.json`` does not have.
    """
    prefix, _, rest = key.partition(".")
    try:
        if prefix == CHANGE and rest:
            return _change(facts, rest)
        if prefix == LAST_YEAR and rest:
            return format_fact(rest, _value(lookup_mapping(facts, LAST_YEAR), rest))
        return format_fact(key, _value(facts, key))
    except _NotSupplied:
        return NOT_AVAILABLE


def lookup_mapping(facts: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """The mapping at ``key`` (``last_year``), else ``KeyError``."""
    node = facts.get(key)
    if not isinstance(node, Mapping):
        raise KeyError(key)
    return node


def placeholder_facts(
    facts: Mapping[str, Any], last_year: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return what placeholders quote: this year's facts, with last year's under ``last_year``."""
    out = dict(facts)
    if last_year is not None:
        out[LAST_YEAR] = last_year
    return out


def _base_key(key: str) -> str:
    prefix, _, rest = key.partition(".")
    return rest if prefix in (CHANGE, LAST_YEAR) and rest else key


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


def render_markdown(text: str) -> str:
    """Render Markdown to HTML with raw HTML escaped."""
    return _markdown().render(text)


def render_section(
    section: Section,
    folder: Path,
    facts: Mapping[str, Any],
    status: str,
    suppressed: frozenset[str] = frozenset(),
) -> str | None:
    """Return the HTML of one section, a visible note if a draft lacks it, or raise if final."""
    path = folder / section.file
    text = _read(path) if path.is_file() else ""
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
    filled = fill_placeholders(text, facts, section.file, suppressed)
    # an author's ## sits under the section's own h2, as h3; # is treated as ##
    return shift_headings(render_markdown(filled), 1, lowest=3)


def _read(path: Path) -> str:
    """Read an author's file; comments (``<!-- ... -->``) are notes to authors, never shown."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(f"{path.name}: not UTF-8 text; save it as UTF-8") from None
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def check_content(folder: Path, status: str, facts_keys: Mapping[str, Any]) -> None:
    """Fail early, before any notebook runs: an unknown placeholder, or a final run's missing words.

    Every problem is reported at once. Placeholders may quote every block of the
    contract, the optional registers' included (``[x]`` when a register is not supplied),
    last year's figures and changes.
    """
    skeleton = {**optional_skeleton(), **facts_keys}
    facts_keys = placeholder_facts(skeleton, skeleton)
    problems: list[str] = []
    for section in SECTIONS:
        path = folder / section.file
        try:
            text = _read(path) if path.is_file() else ""
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
        try:
            fill_placeholders(text, facts_keys, section.file)
        except ContentError as exc:
            problems.append(str(exc))
    if problems:
        raise ContentError("\n".join(problems))
