"""A whole run, in three stages: plan, execute, publish.

``run_years`` is what ``assurance run`` calls:

1. **plan** (:mod:`.plan`): read each parameters file; skip each audience whose output
   is up to date;
2. **prepare**: start warm kernels, check the inputs and the partnership's words while
   they start, take each job's lock and staging folder;
3. **execute** (:mod:`.execute`): run every notebook of every job on one pool;
4. **publish**: as each job's last notebook finishes, render its report into staging
   (:mod:`.assemble`), write its manifest and swap it into place (:mod:`.publish`).

One year or audience failing does not stop the others; a failed job leaves the
previous output of its year and audience untouched.
"""

from __future__ import annotations

import contextlib
import json
import time

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.inputs.digest import remembered
from safeguarding_assurance.report.facts import read_published_facts
from safeguarding_assurance.report.pdf import PdfWriter
from safeguarding_assurance.run import manifest
from safeguarding_assurance.run.assemble import render_job
from safeguarding_assurance.run.execute import (
    describe_exception,
    job_notebooks,
    notebook_paths,
    run_notebooks,
)
from safeguarding_assurance.run.jobs import Job, RunResult, YearPlan, new_job
from safeguarding_assurance.run.kernels import KernelPool, quieten_libraries
from safeguarding_assurance.run.locks import run_lock
from safeguarding_assurance.run.plan import Plan, plan_years
from safeguarding_assurance.run.preflight import data_message, public_refusal, validate_for_run
from safeguarding_assurance.run.progress import Progress
from safeguarding_assurance.run.publish import keep_failed, publish_staging


def prepare_jobs(
    years: list[YearPlan], plan: Plan, progress: Progress, locks: contextlib.ExitStack
) -> tuple[list[Job], list[RunResult]]:
    """Check each year's inputs, then lock and stage each of its audiences."""
    jobs: list[Job] = []
    results: list[RunResult] = []
    for year in years:
        params = year.params
        t0 = time.monotonic()
        try:
            checked = validate_for_run(params, plan.layout)
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
        for w in checked.warnings[:20]:
            progress.say(f"  warning  {params.reporting_year}: {w}")
        if len(checked.warnings) > 20:
            progress.say(f"  ... and {len(checked.warnings) - 20} more warnings")
        for audience, fingerprint in year.audiences:
            if audience == "public" and checked.identifiers:
                message = public_refusal(checked)
                results.append(
                    RunResult(
                        params.reporting_year, audience, "invalid", 0.0, message, exit_status=2
                    )
                )
                continue
            try:
                locks.enter_context(run_lock(plan.layout, params.reporting_year, audience))
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
            jobs.append(
                new_job(
                    params,
                    audience,
                    plan.layout,
                    fingerprint=fingerprint,
                    warnings=checked.warnings,
                    # last year's facts as published before this run starts, so a batch
                    # that re-runs last year at the same time cannot move [r] marks
                    published_last=read_published_facts(
                        plan.layout, params.year.previous().label, audience
                    ),
                    inputs=checked.inputs,
                )
            )
    return jobs, results


def finish_job(job: Job, commit: str | None, pdf: PdfWriter | None, verbose: bool) -> RunResult:
    """Publish a job whose notebooks have all run, or keep it apart if one failed."""
    failed = [o for o in job.outcomes if o.outcome == "failed"]
    if failed:
        kept = keep_failed(job)
        first = failed[0]
        return RunResult(
            job.params.reporting_year,
            job.audience,
            "failed",
            job.seconds(),
            f"notebook {first.name} failed: {first.error}. The executed notebook is in {kept}",
            notebooks=job.outcomes,
            exit_status=1,
        )
    try:
        render_job(job, pdf)
        order = {p.stem: i for i, p in enumerate(notebook_paths(job.params.root))}
        notebooks = [
            {"name": o.name, "seconds": round(o.seconds, 2), "outcome": o.outcome}
            for o in sorted(job.outcomes, key=lambda o: order.get(o.name, 99))
        ]
        record = manifest.build_manifest(
            job.params,
            job.audience,
            job.inputs,
            job.started_wall,
            notebooks,
            commit,
            job.fingerprint,
            job.staging,
        )
        (job.staging / manifest.MANIFEST).write_text(
            json.dumps(record, indent=2) + "\n", encoding="utf-8"
        )
        final = publish_staging(job)
    except Exception as exc:
        kept = keep_failed(job) if (job.staging / "notebooks").exists() else None
        where = f" The executed notebooks are in {kept}" if kept else ""
        return RunResult(
            job.params.reporting_year,
            job.audience,
            "failed",
            job.seconds(),
            f"rendering the report failed: {describe_exception(exc, verbose)}.{where}",
            notebooks=job.outcomes,
            exit_status=1,
        )
    return RunResult(
        job.params.reporting_year,
        job.audience,
        "ok",
        job.seconds(),
        "",
        final,
        notebooks=job.outcomes,
    )


def run_years(plan: Plan, progress: Progress) -> list[RunResult]:
    """Run every planned year and audience; one failing does not stop the others."""
    quieten_libraries()
    with remembered():  # each input file is hashed once for the whole run
        return _run_years(plan, progress)


def _run_years(plan: Plan, progress: Progress) -> list[RunResult]:
    years, results = plan_years(plan, progress)
    if not years:
        return _sorted(results, plan)
    root = years[0].params.root
    notebooks = notebook_paths(root)
    # kernels start (and import the suite) while the inputs are checked
    kernels = KernelPool(root, plan.layout.logs, plan.jobs)
    pdf: PdfWriter | None = None
    try:
        with contextlib.ExitStack() as locks:
            jobs, failed = prepare_jobs(years, plan, progress, locks)
            results += failed
            if jobs:
                kernels.expect(sum(len(job_notebooks(job, notebooks)) for job in jobs))
                commit = manifest.git_commit(root)
                # PDF workers start now, importing WeasyPrint while the notebooks run
                pdf = PdfWriter(min(plan.jobs, len(jobs)))
                run_notebooks(
                    jobs,
                    notebooks,
                    plan.jobs,
                    progress,
                    lambda job: results.append(finish_job(job, commit, pdf, plan.verbose)),
                    kernels,
                )
    finally:
        kernels.close()
        if pdf is not None:
            pdf.close()
    return _sorted(results, plan)


def _sorted(results: list[RunResult], plan: Plan) -> list[RunResult]:
    order = {p.stem: i for i, p in enumerate(plan.param_files)}
    return sorted(results, key=lambda r: (order.get(r.year, 99), r.audience))


__all__ = ["Plan", "run_years"]
