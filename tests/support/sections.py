"""Run a chapter's sections as the runner does, for tests: files written, HTML kept.

The runner reads each displayed section's stamp and writes ``tables/*.csv``,
``figures/*.png`` and the ``facts.json`` blocks; :func:`publish` does the same with the
runner's own code, and also writes each facts block to ``facts/<block>.json`` as
``{"current": ..., "previous": ...}`` and the warnings to ``facts/warnings.txt``, so a
test can read them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from safeguarding_assurance.present.section import SECTION_MIME, Chart, Paragraph, Section
from safeguarding_assurance.report.chapters import ChapterContent
from safeguarding_assurance.run.assemble import write_section_files


@dataclass
class Published:
    """What a run of sections showed and wrote."""

    folder: Path
    sections: list[Section] = field(default_factory=list)
    markups: list[str] = field(default_factory=list)  # one per part, in order
    facts: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def html(self) -> str:
        """Everything shown, as one piece of HTML."""
        return "".join(self.markups)

    @property
    def texts(self) -> list[str]:
        """Every paragraph's sentences, in order."""
        return [p.text for s in self.sections for p in s.parts if isinstance(p, Paragraph)]

    @property
    def figures(self) -> dict[str, dict[str, str]]:
        """Every chart's alt text and caption, by name."""
        return {
            c.name: {"alt": c.alt, "caption": c.caption} for s in self.sections for c in s.charts
        }


def part_markups(section: Section) -> list[str]:
    """Each part's HTML, as the section shows it."""
    out = []
    for part in section.parts:
        out.append(part.html(part.png()) if isinstance(part, Chart) else part.html())
    return out


def publish(sections: list[Section], folder: Path) -> Published:
    """Write what the runner would publish from ``sections`` into ``folder``."""
    result = Published(folder)
    tables, figures = [], []
    for section in sections:
        bundle = section._repr_mimebundle_()
        payload = bundle[SECTION_MIME]
        json.dumps(payload)  # what a notebook stores must be JSON
        result.sections.append(section)
        result.markups += part_markups(section)
        tables += payload["tables"]
        figures += payload["figures"]
        result.facts.update(payload["facts"])
        result.warnings += payload["warnings"]
    content = ChapterContent("test", "test", result.html, tables, figures, result.facts)
    write_section_files([content], folder)
    if result.warnings:
        path = folder / "facts" / "warnings.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(w + "\n" for w in result.warnings), encoding="utf-8")
    for block, pair in result.facts.items():
        path = folder / "facts" / f"{block}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(pair, indent=2), encoding="utf-8")
    return result
