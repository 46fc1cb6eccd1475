"""Turn a job's executed chapters into the published set: report, tables, figures, facts.

Everything published comes from the chapters' sections (see
:mod:`safeguarding_assurance.report.chapters`) and from ``facts.json`` built from them:
``tables/*.csv`` are the tables exactly as shown, ``figures/*.png`` the charts shown.
"""

from __future__ import annotations

import base64
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.paths import INPUTS_HANDOFF
from safeguarding_assurance.present.placeholders import placeholder_values
from safeguarding_assurance.present.scrutiny import at_a_glance, read_year
from safeguarding_assurance.present.section import SECTION_MIME
from safeguarding_assurance.present.summary import executive_summary
from safeguarding_assurance.present.tables import write_published_csv, write_table_csv
from safeguarding_assurance.report.chapters import ChapterContent
from safeguarding_assurance.report.facts import assemble_facts, revised_keys
from safeguarding_assurance.report.html import (
    add_contents,
    build_report_html,
    summary_table_html,
)
from safeguarding_assurance.report.offline import check_self_contained
from safeguarding_assurance.report.pdf import PdfWriter, write_pdf
from safeguarding_assurance.run.jobs import Job
from safeguarding_assurance.run.pack import write_papers
from safeguarding_assurance.run.plan import notebook_paths
from safeguarding_assurance.run.publish import sanitise_notebook

SUMMARY_LEAD = (
    "Each headline figure beside last year's. The National Panel is the national Child "
    "Safeguarding Practice Review Panel, which is told of every serious incident; a rapid "
    "review is the partners' first look at one, and an LCSPR (local child safeguarding "
    "practice review) the full review that may follow."
)
SUMMARY_NOTE = (
    "Last year and this year both come from this run of the registers as they stand now. "
    "'Compared with last year' reads each change through whether a higher or a lower "
    "figure is better; counts of serious incidents are not judged, as they reflect what "
    "happened to children rather than how well agencies worked. [z]: not applicable: "
    "there is nothing to divide by. [r]: revised since an earlier edition of this report."
)


class DuplicateOutputError(AssuranceError):
    """Two sections publish a table or chart under the same name."""


def write_section_files(chapters: list[ChapterContent], folder: Path) -> None:
    """Write every table and chart the chapters' sections show (names are unique)."""
    seen: dict[str, str] = {}
    for chapter in chapters:
        for kind, items in (("table", chapter.tables), ("figure", chapter.figures)):
            for item in items:
                name = item["name"]
                if name in seen:
                    raise DuplicateOutputError(
                        f"the {kind} name {name!r} is used by {seen[name]} and by "
                        f"notebooks/{chapter.stem}.ipynb: each published table and chart "
                        "needs its own name"
                    )
                seen[name] = f"notebooks/{chapter.stem}.ipynb"
                if kind == "table":
                    write_published_csv(
                        item["columns"], item["rows"], folder / "tables" / f"{name}.csv"
                    )
                else:
                    path = folder / "figures" / f"{name}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(base64.b64decode(item["png"]))


def glance_chapter(
    chapters: list[ChapterContent], facts: dict, last_year: dict, params: Params, audience: str
) -> ChapterContent:
    """The "At a glance" pages, built from the facts and the chapters' briefings."""
    briefing: dict = {}
    for chapter in chapters:
        briefing.update(chapter.briefing)
    reading = read_year(facts, last_year, params, briefing)
    section = at_a_glance(reading, audience, params.reporting_year)
    bundle = section._repr_mimebundle_()
    payload = bundle[SECTION_MIME]
    return ChapterContent(
        "at_a_glance",
        "At a glance",
        bundle["text/html"],
        payload["tables"],
        payload["figures"],
        briefing=briefing,
    )


def render_job(job: Job, pdf: PdfWriter | None = None) -> None:
    """Turn a finished staging folder into the report, facts, tables and figures."""
    t0 = time.monotonic()
    params, audience, staging = job.params, job.audience, job.staging
    # in report order; a chapter whose optional registers were not supplied did not run
    notebooks = [
        staging / "notebooks" / p.name
        for p in notebook_paths(params.root)
        if p.stem in job.chapters
    ]
    chapters = [job.chapters[p.stem] for p in notebooks]
    blocks: dict[str, dict] = {}
    for chapter in chapters:
        blocks.update(chapter.facts)
    ids = params.priority_ids
    facts = assemble_facts(blocks, params.reporting_year, audience, "current", ids)
    last_year = assemble_facts(blocks, params.year.previous().label, audience, "previous", ids)
    revised = revised_keys(last_year, job.published_last)
    priorities = [(p.id, p.name) for p in params.priorities]
    summary = executive_summary(facts, last_year, priorities, revised)
    write_table_csv(summary, staging / "tables" / "executive_summary.csv")
    glance = glance_chapter(chapters, facts, last_year, params, audience)
    write_section_files([glance, *chapters], staging)
    words = placeholder_values(facts, last_year, glance.briefing.get("indicators", []))
    caveats = [w for chapter in chapters for w in chapter.warnings]
    published = {t["name"]: t for c in (glance, *chapters) for t in c.tables}
    # every table, and whether print lists it in the appendix (a detail table no chart names)
    appendix = [
        ("tables/executive_summary.csv", "Headline figures, last year and this year", False)
    ]
    appendix += [
        (f"tables/{name}.csv", t["caption"], t.get("print") == "appendix")
        for name, t in published.items()
    ]
    markup = build_report_html(
        params,
        audience,
        chapters,
        summary_table_html(summary, SUMMARY_NOTE, SUMMARY_LEAD),
        words,
        frozenset(),
        {"revised": sorted(revised), "warnings": caveats},
        appendix,
        glance_html=glance.body,
    )
    markup = add_contents(markup)
    check_self_contained(markup)  # nothing the report shows may be fetched from outside
    (staging / "report.html").write_text(markup, encoding="utf-8")
    job.add_stage("report", time.monotonic() - t0)

    def write_report_pdf() -> None:
        started = time.monotonic()
        if pdf is not None:
            pdf.write(markup, staging / "report.pdf")  # in a worker process
        else:
            write_pdf(markup, staging / "report.pdf")
        job.add_stage("pdf", time.monotonic() - started)

    # the PDF is written while the committee papers are made: they need only the HTML,
    # the tables and the facts
    with ThreadPoolExecutor(max_workers=1) as background:
        written = background.submit(write_report_pdf)
        t0 = time.monotonic()
        (staging / "facts.json").write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
        write_papers(params, staging)  # the scrutiny board's cover report and the spreadsheet
        job.add_stage("papers", time.monotonic() - t0)
        written.result()
    (staging / INPUTS_HANDOFF).unlink(missing_ok=True)
    for p in notebooks:
        sanitise_notebook(p, params, audience)
