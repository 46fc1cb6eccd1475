"""A chapter of the report from an executed notebook: its Markdown and its sections only.

Only two things in an executed notebook reach the report: Markdown cells (the analyst's
words) and outputs stamped by a :class:`~safeguarding_assurance.present.section.Section`
(MIME type ``SECTION_MIME``). Anything else a cell displayed (a frame, an image, text) is
left out and named by notebook and cell: in a public run it stops the run, since it has
not been through disclosure control; in an internal run it is dropped with a warning.
Streams (warnings, logs) and errors never reach the report.

From the stamped outputs the run also takes what it publishes beside the report: the
tables (``tables/*.csv``, exactly as shown), the charts (``figures/*.png``), the
``facts.json`` blocks and the warnings for the data owner.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.present.section import PAYLOAD_VERSION, SECTION_MIME
from safeguarding_assurance.report.own_words import shift_headings

REMOVED_TAGS = {"parameters", "injected-parameters", "remove-cell", "remove_cell"}


class UnsafeOutputError(AssuranceError):
    """A notebook displayed something that is not a report section, in a public run."""

    exit_status = 1


@dataclass
class ChapterContent:
    """One chapter of the report and what it publishes, read from an executed notebook."""

    stem: str
    title: str
    body: str
    tables: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, str]] = field(default_factory=list)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    briefing: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # unstamped outputs left out


def _describe(output: Any) -> str:
    kinds = sorted(output.get("data", {}))
    return ", ".join(kinds) or output.get("output_type", "output")


class KeepSections(Preprocessor):
    """Keep each code cell's section outputs (as HTML) and record what they publish.

    Runs before any cell is removed, so the cell numbers it gives are those an analyst
    counts in JupyterLab (from 1, Markdown cells included). A section made for another
    audience than the run's is left out like any other output.
    """

    audience = "public"

    def preprocess(self, nb, resources):  # noqa: D102 - nbconvert hook
        resources.setdefault("sections", [])
        resources.setdefault("unstamped", [])
        # papermill adds an injected-parameters cell the analyst's notebook does not have:
        # number cells as the analyst sees them
        self.numbers, n = [], 0
        for cell in nb.cells:
            if "injected-parameters" not in cell.get("metadata", {}).get("tags", []):
                n += 1
            self.numbers.append(n)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):  # noqa: D102 - nbconvert hook
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.outputs:
            if output.output_type not in ("display_data", "execute_result"):
                continue  # streams and errors never reach a reader
            data = output.get("data", {})
            payload = data.get(SECTION_MIME)
            if (
                isinstance(payload, dict)
                and payload.get("version") == PAYLOAD_VERSION
                and payload.get("audience") == self.audience
            ):
                resources["sections"].append((self.numbers[index], payload))
                kept.append(
                    nbformat.v4.new_output(
                        "display_data", data={"text/html": data.get("text/html", "")}
                    )
                )
            elif isinstance(payload, dict) and payload.get("version") != PAYLOAD_VERSION:
                resources["unstamped"].append(
                    (self.numbers[index], "a section stamp of another version")
                )
            elif isinstance(payload, dict):
                made_for = payload.get("audience")
                resources["unstamped"].append(
                    (self.numbers[index], f"a section made for the {made_for} audience")
                )
            else:
                resources["unstamped"].append((self.numbers[index], _describe(output)))
        cell.outputs = kept
        return cell, resources


_EXPORTERS = threading.local()


def _exporter(audience: str) -> HTMLExporter:
    """The exporter for ``audience`` of the calling thread, made once.

    Making one compiles nbconvert's templates (about 60 ms, measured); a run reads every
    chapter from its worker threads, and the preprocessors keep state while they work,
    so each thread keeps its own.
    """
    made = getattr(_EXPORTERS, "by_audience", None)
    if made is None:
        made = _EXPORTERS.by_audience = {}
    if audience not in made:
        made[audience] = _new_exporter(audience)
    return made[audience]


def _new_exporter(audience: str) -> HTMLExporter:
    keep = KeepSections()
    keep.audience = audience
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(keep, enabled=True)
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=REMOVED_TAGS, enabled=True), enabled=True
    )
    return exporter


def slug(text: str) -> str:
    """A heading's text as an id fragment."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def read_chapter(path: Path, audience: str) -> ChapterContent:
    """Render an executed notebook as a chapter: Markdown and section outputs, nothing else.

    Raise :class:`UnsafeOutputError` naming the notebook and cell when a public run's
    notebook displayed anything that is not a public section.
    """
    nb = nbformat.read(path, as_version=4)
    body, resources = _exporter(audience).from_notebook_node(nb)
    where = f"notebooks/{path.name}"
    unstamped = [f"{where}, cell {cell}: {kinds}" for cell, kinds in resources["unstamped"]]
    if audience == "public" and unstamped:
        raise UnsafeOutputError(
            "output that has not been through disclosure control would reach the public "
            "report: "
            + "; ".join(unstamped)
            + ". Only what a chapter function returns as a Section is published: remove "
            "the display, or build a Section from disclosed figures"
        )
    body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", body)
    body = re.sub(r'\sid="cell-id=[^"]*"', "", body)
    stem = path.stem
    # heading ids unique across chapters: prefix them with the notebook's stem
    body = re.sub(
        r'<(h[1-6]) id="([^"]*)"', lambda m: f'<{m.group(1)} id="{stem}-{slug(m.group(2))}"', body
    )
    body = shift_headings(body, 1)
    content = ChapterContent(
        stem=stem,
        title=nb.metadata.get("title") or stem,
        body=body,
        dropped=[f"{u}: left out of the report (not a report section)" for u in unstamped],
    )
    for _, payload in resources["sections"]:
        content.tables += payload.get("tables", [])
        content.figures += payload.get("figures", [])
        content.facts.update(payload.get("facts", {}))
        content.briefing.update(payload.get("briefing", {}))
        content.warnings += payload.get("warnings", [])
    return content
