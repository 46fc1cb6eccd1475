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
previous output of its year and audience untouched. Work is bounded: no more workers
than cores or notebooks, a time limit for each notebook and each PDF. SIGINT or SIGTERM
stops the run (:mod:`.interrupt`): kernels and PDF workers are stopped, staging folders
removed, nothing more is published, and :class:`RunInterrupted` says what was.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from pathlib import Path

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.inputs.digest import remembered
from safeguarding_assurance.report.facts import read_published_facts
from safeguarding_assurance.report.pdf import PdfWriter
from safeguarding_assurance.run import manifest
from safeguarding_assurance.run.execute import describe_exception, job_notebooks, run_notebooks
from safeguarding_assurance.run.interrupt import RunInterrupted, Stop, signals_stop
from safeguarding_assurance.run.jobs import Job, RunResult, YearPlan, new_job
from safeguarding_assurance.run.kernels import LAUNCHED, KernelPool, quieten_libraries
from safeguarding_assurance.run.limits import cores
from safeguarding_assurance.run.locks import run_lock, staging_folders
from safeguarding_assurance.run.plan import (
    Plan,
    notebook_paths,
    plan_years,
    sorted_results,
    workers_for,
)
from safeguarding_assurance.run.preflight import data_message, public_refusal, validate_for_run
from safeguarding_assurance.run.progress import Progress
from safeguarding_assurance.run.publish import keep_failed, publish_staging


def prepare_jobs(
    years: list[YearPlan],
    plan: Plan,
    progress: Progress,
    locks: contextlib.ExitStack,
    held: list[tuple[str, str]] | None = None,
) -> tuple[list[Job], list[RunResult]]:
    """Check each year's inputs, then lock and stage each of its audiences.

    Each (year, audience) locked is added to ``held``, so an interrupted run can find
    the staging folders it made, even one made a moment before the signal.
    """
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
        validated = time.monotonic() - t0
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
                if held is not None:
                    held.append((params.reporting_year, audience))
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
            jobs[-1].add_stage("validate", validated)  # once per year, for all its audiences
    return jobs, results


def finish_job(
    job: Job,
    commit: str | None,
    pdf: PdfWriter | None,
    verbose: bool,
    stop: Stop | None = None,
) -> RunResult:
    """Publish a job whose notebooks have all run, or keep it apart if one failed.

    Once the run is stopping (``stop``), nothing is published or kept: the staging
    folder is left for the interrupted run to remove.
    """
    if stop is not None and stop.requested:
        return _stopped(job)
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
        if job.notebooks_started is not None:
            job.add_stage("notebooks", time.monotonic() - job.notebooks_started)
        from safeguarding_assurance.run.assemble import render_job  # its libraries: late

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
            stages=job.stages,
        )
        (job.staging / manifest.MANIFEST).write_text(
            json.dumps(record, indent=2) + "\n", encoding="utf-8"
        )
        final = _publish(job, stop)
    except (Exception, RunInterrupted) as exc:
        if stop is not None and stop.requested:
            return _stopped(job)
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


def _stopped(job: Job) -> RunResult:
    """The result of a job the interrupt stopped: nothing published, nothing kept."""
    return RunResult(
        job.params.reporting_year,
        job.audience,
        "stopped",
        job.seconds(),
        "interrupted: nothing was published",
        notebooks=job.outcomes,
        exit_status=1,
    )


def _remove(folder: Path) -> None:
    """Remove a folder, trying again briefly if a thread still finishing writes into it."""
    for _ in range(10):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.2)


def _publish(job: Job, stop: Stop | None) -> Path:
    """Swap the staging folder into place, whole, unless the run is stopping."""
    if stop is None:
        return publish_staging(job)
    with stop.publishing() as allowed:
        if not allowed:
            raise RunInterrupted(stop.signum or 0)
        final = publish_staging(job)
        stop.record(final)
        return final


def run_years(
    plan: Plan,
    progress: Progress,
    planned: tuple[list[YearPlan], list[RunResult]] | None = None,
    kernels: KernelPool | None = None,
) -> list[RunResult]:
    """Run every planned year and audience; one failing does not stop the others.

    ``planned`` is :func:`.plan.plan_years`'s answer when the caller already has it, and
    ``kernels`` a pool it started for it (see :func:`.kernels.start_pool`); the run
    closes the pool. Raises :class:`RunInterrupted` when SIGINT or SIGTERM stopped the run.
    """
    quieten_libraries()
    stop = Stop()
    with signals_stop(stop), remembered():  # each input file is hashed once for the run
        return _run_years(plan, progress, stop, planned, kernels)


def _run_years(
    plan: Plan,
    progress: Progress,
    stop: Stop,
    planned: tuple[list[YearPlan], list[RunResult]] | None = None,
    started: KernelPool | None = None,
) -> list[RunResult]:
    years, results = planned if planned is not None else plan_years(plan, progress)
    if not years:
        if started is not None:
            started.close()
        return sorted_results(results, plan)
    root = years[0].params.root
    notebooks = notebook_paths(root)
    workers, to_run = workers_for(plan, years)
    if plan.jobs > cores():  # asked for more than the machine has (the default never is)
        progress.say(
            f"  note     --jobs {plan.jobs}: using {workers} (at most the {cores()} cores "
            f"and the {to_run} notebooks to run)"
        )
    kernels: KernelPool | None = started
    pdf: PdfWriter | None = None
    jobs: list[Job] = []
    held: list[tuple[str, str]] = []

    def stop_work() -> None:
        if kernels is not None:
            kernels.stop()
        LAUNCHED.kill_all()  # kernels of a pool still being made, too
        if pdf is not None:
            pdf.terminate()

    try:
        with contextlib.ExitStack() as locks:
            try:
                # kernels start (and import the suite) while the inputs are checked
                if kernels is None:
                    kernels = KernelPool(root, plan.layout.logs, workers)
                jobs, failed = prepare_jobs(years, plan, progress, locks, held)
                results += failed
                if jobs:
                    kernels.expect(sum(len(job_notebooks(job, notebooks)) for job in jobs))
                    commit = manifest.git_commit(root)
                    # PDF workers start now, importing WeasyPrint while the notebooks run
                    pdf = PdfWriter(
                        min(workers, len(jobs)), plan.pdf_timeout, plan.layout.log("pdf-writer")
                    )
                    run_notebooks(
                        jobs,
                        notebooks,
                        workers,
                        progress,
                        lambda job: results.append(
                            finish_job(job, commit, pdf, plan.verbose, stop)
                        ),
                        kernels,
                        timeout=plan.notebook_timeout,
                        stop=stop,
                        on_interrupt=stop_work,
                    )
            except RunInterrupted:
                stop_work()
                # staging folders are ours while we hold their locks
                for year, audience in held:
                    for folder in staging_folders(plan.layout, year, audience):
                        _remove(folder)
                raise
    except RunInterrupted as exc:
        raise RunInterrupted(exc.signum, stop.settle()) from None
    finally:
        stop.armed = False  # a signal from here on is noted, not raised mid-clean-up
        if kernels is not None:
            if stop.requested:
                kernels.stop()
            kernels.close()
        if pdf is not None:
            if stop.requested:
                pdf.terminate()
            else:
                pdf.close()
    if stop.requested:  # a signal arrived while the run was finishing: say what it did
        raise RunInterrupted(stop.signum or 0, stop.settle())
    return sorted_results(results, plan)


__all__ = ["Plan", "run_years"]
