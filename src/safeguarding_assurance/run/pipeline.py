"""A whole run: parameters, validation, notebooks, report, provenance, publication.

``run_years`` is what ``assurance run`` calls. Each (year, audience) is validated,
skipped when nothing it depends on has changed, executed into a staging folder,
rendered, and moved into ``outputs/<year>/<audience>/`` only when all of that worked.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from safeguarding_assurance.contract.params import Params, load_params
from safeguarding_assurance.errors import AssuranceError, ParameterError
from safeguarding_assurance.paths import relative_to_root, scratch_dir
from safeguarding_assurance.present.publish import FACTS_DIR, read_facts
from safeguarding_assurance.present.summary import (
    assemble_facts,
    executive_summary,
    read_published_facts,
    revised_keys,
)
from safeguarding_assurance.present.tables import write_table_csv
from safeguarding_assurance.report.html import (
    add_contents,
    build_report_html,
    chapter_from_notebook,
    summary_table_html,
)
from safeguarding_assurance.report.pdf import PdfWriter, write_pdf
from safeguarding_assurance.run import manifest as mf
from safeguarding_assurance.run.execute import (
    Job,
    KernelPool,
    Progress,
    RunResult,
    git_commit,
    keep_failed,
    new_job,
    notebook_paths,
    publish_staging,
    quieten_libraries,
    run_lock,
    run_notebooks,
)
from safeguarding_assurance.run.preflight import data_message, validate_for_run


@dataclass
class Plan:
    """What to run: the parameters files, the audience override, and how."""

    param_files: list[Path]
    audience: str | None  # None: each file's own; "both": public and internal
    output_root: Path
    jobs: int
    force: bool = False
    verbose: bool = False


def audiences_for(params: Params, override: str | None) -> list[str]:
    """The audiences to run: the file's own, the override, or both."""
    if override == "both":
        return ["public", "internal"]
    return [override or params.audience]


def sanitise_notebook(path: Path, params: Params, audience: str) -> None:
    """Make a published notebook carry no absolute path and no noise.

    The injected parameters are shown as the parameters file gives them (paths
    relative to the repository) and stream output (warnings, logs) is dropped.
    """
    nb = nbformat.read(path, as_version=4)
    values = params.contract_values()
    values["audience"] = audience
    values["data_dir"] = relative_to_root(params.data_path, params.root)
    values["content_dir"] = relative_to_root(params.content_path, params.root)
    values["data_as_at"] = params.as_at.isoformat()
    values.pop("output_dir", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in values.items())
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.output_type != "stream"]
    pm = nb.metadata.get("papermill", {})
    pm["parameters"] = values
    pm["input_path"] = f"notebooks/{path.name}"
    pm["output_path"] = f"{params.reporting_year}/{audience}/notebooks/{path.name}"
    pm.pop("environment_variables", None)
    nbformat.write(nb, path)


def render_job(
    job: Job, warnings: list[str], published_last: dict | None, pdf: PdfWriter | None = None
) -> None:
    """Turn a finished staging folder into the report, facts, tables and manifest."""
    params, audience, staging = job.params, job.audience, job.staging
    blocks = read_facts(staging)
    facts = assemble_facts(blocks, params.reporting_year, audience, "current")
    last_year = assemble_facts(blocks, params.year.previous().label, audience, "previous")
    revised = revised_keys(last_year, published_last)
    priorities = [(p.id, p.name) for p in params.priorities]
    summary = executive_summary(facts, last_year, priorities, revised)
    write_table_csv(summary, staging / "tables" / "executive_summary.csv")
    note = (
        "This year and last year both come from this run of the registers as they stand now. "
        "[z]: not applicable (nothing to divide by). [r]: revised since last year's report. "
        "The number of notifications is not a measure of performance."
    )
    summary_html = summary_table_html(summary, note)
    chapter_warnings = []
    wpath = staging / FACTS_DIR / "warnings.txt"
    if wpath.is_file():
        chapter_warnings = [w for w in wpath.read_text(encoding="utf-8").splitlines() if w]
    notebooks = [staging / "notebooks" / p.name for p in notebook_paths(params.root)]
    chapters = [job.rendered.get(p.stem) or chapter_from_notebook(p) for p in notebooks]
    appendix = [("tables/executive_summary.csv", "Headline figures, this year and last year")]
    appendix += [
        (f"tables/{p.name}", p.stem.replace("_", " "))
        for p in sorted((staging / "tables").glob("*.csv"))
        if p.stem != "executive_summary"
    ]
    markup = build_report_html(
        params,
        audience,
        chapters,
        summary_html,
        facts,
        frozenset(),
        {"revised": sorted(revised), "warnings": chapter_warnings},
        appendix,
    )
    markup = add_contents(markup)
    (staging / "report.html").write_text(markup, encoding="utf-8")
    if pdf is not None:
        pdf.write(markup, staging / "report.pdf")
    else:
        write_pdf(markup, staging / "report.pdf")
    (staging / "facts.json").write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(staging / FACTS_DIR, ignore_errors=True)
    for p in notebooks:
        sanitise_notebook(p, params, audience)


def run_years(plan: Plan, progress: Progress) -> list[RunResult]:
    """Run every planned year and audience; one failing does not stop the others.

    For each parameters file: skip the audiences whose output is up to date (their
    inputs were validated by the run that made it), start warm kernels as soon as
    there is work, validate while they start, then run every notebook of every job
    on one pool of workers and render each job as its last notebook finishes.
    """
    quieten_libraries()
    results: list[RunResult] = []
    jobs: list[Job] = []
    job_warnings: dict[int, list[str]] = {}
    fingerprints: dict[int, str] = {}
    published_last: dict[int, dict | None] = {}
    kernels: KernelPool | None = None
    pdf: PdfWriter | None = None
    notebooks: list[Path] = []
    try:
        with contextlib.ExitStack() as locks:
            for path in plan.param_files:
                t0 = time.monotonic()
                try:
                    params = load_params(path)
                except ParameterError as exc:
                    results.append(
                        RunResult(path.stem, "-", "invalid", 0.0, str(exc), exit_status=2)
                    )
                    continue
                todo = []
                for audience in audiences_for(params, plan.audience):
                    final = plan.output_root / params.reporting_year / audience
                    fp = mf.fingerprint(params, audience, plan.output_root)
                    if not plan.force and mf.is_up_to_date(final, fp):
                        progress.say(
                            f"  skipped  {params.reporting_year} {audience}: nothing has "
                            "changed since the last run (use --force to run it again)"
                        )
                        results.append(
                            RunResult(
                                params.reporting_year, audience, "skipped", 0.0, "unchanged", final
                            )
                        )
                    else:
                        todo.append((audience, fp))
                if not todo:
                    continue
                if kernels is None:
                    notebooks = notebook_paths(params.root)
                    kernels = KernelPool(
                        params.root, scratch_dir(plan.output_root) / "logs", plan.jobs
                    )
                try:
                    warnings = validate_for_run(params, plan.output_root)
                except AssuranceError as exc:
                    results.append(
                        RunResult(
                            params.reporting_year,
                            "-",
                            "invalid",
                            time.monotonic() - t0,
                            data_message(exc),
                            exit_status=exc.exit_status,
                        )
                    )
                    continue
                for w in warnings[:20]:
                    progress.say(f"  warning  {params.reporting_year}: {w}")
                if len(warnings) > 20:
                    progress.say(f"  ... and {len(warnings) - 20} more warnings")
                for audience, fp in todo:
                    try:
                        locks.enter_context(
                            run_lock(plan.output_root, params.reporting_year, audience)
                        )
                    except AssuranceError as exc:
                        results.append(
                            RunResult(
                                params.reporting_year,
                                audience,
                                "failed",
                                0.0,
                                str(exc),
                                exit_status=exc.exit_status,
                            )
                        )
                        continue
                    job = new_job(params, audience, plan.output_root)
                    jobs.append(job)
                    job_warnings[id(job)] = warnings
                    fingerprints[id(job)] = fp
                    # last year's published facts as they stand before this run starts, so
                    # a batch that re-runs last year at the same time cannot move [r] marks
                    published_last[id(job)] = read_published_facts(
                        plan.output_root, params.year.previous().label, audience
                    )
            if not jobs:
                return _sorted(results, plan)
            kernels.expect(len(jobs) * len(notebooks))
            commit = git_commit(jobs[0].params.root)
            inputs_cache: dict[str, list] = {}

            def finish(job: Job) -> None:
                results.append(
                    _finish_job(
                        job,
                        job_warnings[id(job)],
                        published_last[id(job)],
                        fingerprints[id(job)],
                        commit,
                        inputs_cache,
                        plan.verbose,
                        pdf,
                    )
                )

            # PDF workers start now, importing WeasyPrint while the notebooks run
            pdf = PdfWriter(min(plan.jobs, len(jobs)))
            run_notebooks(jobs, notebooks, plan.jobs, progress, finish, kernels, _render_chapter)
    finally:
        if kernels is not None:
            kernels.close()
        if pdf is not None:
            pdf.close()
    return _sorted(results, plan)


def _render_chapter(job: Job, executed: Path) -> None:
    """Turn an executed notebook into its chapter while the other notebooks still run."""
    job.rendered[executed.stem] = chapter_from_notebook(executed)


def _sorted(results: list[RunResult], plan: Plan) -> list[RunResult]:
    order = {p.stem: i for i, p in enumerate(plan.param_files)}
    return sorted(results, key=lambda r: (order.get(r.year, 99), r.audience))


def _finish_job(
    job: Job,
    warnings: list[str],
    published_last: dict | None,
    fp: str,
    commit: str | None,
    inputs_cache: dict[str, list],
    verbose: bool,
    pdf: PdfWriter | None = None,
) -> RunResult:
    seconds = lambda: time.monotonic() - job.started  # noqa: E731
    failed = [o for o in job.outcomes if o.outcome == "failed"]
    if failed:
        kept = keep_failed(job)
        o = failed[0]
        return RunResult(
            job.params.reporting_year,
            job.audience,
            "failed",
            seconds(),
            f"notebook {o.name} failed: {o.error}. The executed notebook is in {kept}",
            notebooks=job.outcomes,
            exit_status=1,
        )
    try:
        render_job(job, warnings, published_last, pdf)
        key = str(job.params.data_path)
        if key not in inputs_cache:
            inputs_cache[key] = mf.describe_inputs(job.params)
        order = {p.stem: i for i, p in enumerate(notebook_paths(job.params.root))}
        notebooks = [
            {"name": o.name, "seconds": round(o.seconds, 2), "outcome": o.outcome}
            for o in sorted(job.outcomes, key=lambda o: order.get(o.name, 99))
        ]
        manifest = mf.build_manifest(
            job.params,
            job.audience,
            inputs_cache[key],
            job.started_wall,
            notebooks,
            commit,
            fp,
            job.staging,
        )
        (job.staging / mf.MANIFEST).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        final = publish_staging(job)
    except Exception as exc:
        from safeguarding_assurance.run.execute import describe_exception

        kept = keep_failed(job) if (job.staging / "notebooks").exists() else None
        where = f" The executed notebooks are in {kept}" if kept else ""
        return RunResult(
            job.params.reporting_year,
            job.audience,
            "failed",
            seconds(),
            f"rendering the report failed: {describe_exception(exc, verbose)}.{where}",
            notebooks=job.outcomes,
            exit_status=1,
        )
    return RunResult(
        job.params.reporting_year, job.audience, "ok", seconds(), "", final, notebooks=job.outcomes
    )


__all__ = ["Plan", "run_years"]
