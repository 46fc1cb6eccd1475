"""The first stage of a run: what to run, and what is unchanged since the last run.

Reads each parameters file and works out, for each audience asked for, whether its
published output is up to date (same fingerprint, every output file intact). Nothing
here imports pandas, the notebook machinery or the PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from safeguarding_assurance.contract.params import Params, load_params
from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.run import manifest
from safeguarding_assurance.run.jobs import RunResult, YearPlan
from safeguarding_assurance.run.limits import (
    DEFAULT_NOTEBOOK_TIMEOUT,
    DEFAULT_PDF_TIMEOUT,
    worker_count,
)
from safeguarding_assurance.run.locks import remove_stale_staging
from safeguarding_assurance.run.progress import Progress


@dataclass(frozen=True)
class Plan:
    """What the user asked for: the parameters files, the audience override, and how."""

    param_files: list[Path]
    audience: str | None  # None: each file's own; "both": public and internal
    layout: OutputLayout
    jobs: int
    force: bool = False
    verbose: bool = False
    notebook_timeout: float = DEFAULT_NOTEBOOK_TIMEOUT  # seconds for each notebook
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT  # seconds for each PDF


NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


def notebook_paths(root: Path) -> list[Path]:
    """The chapter notebooks in report order (their zero-padded prefixes give the order)."""
    return sorted((root / "notebooks").glob(NOTEBOOK_GLOB))


def workers_for(plan: Plan, years: list[YearPlan]) -> tuple[int, int]:
    """(workers, notebooks to run at most): never more workers than cores or notebooks."""
    to_run = sum(len(y.audiences) for y in years) * len(notebook_paths(years[0].params.root))
    return worker_count(plan.jobs, to_run), to_run


def audiences_for(params: Params, override: str | None) -> list[str]:
    """The audiences to run: the file's own, the override, or both."""
    if override == "both":
        return ["public", "internal"]
    return [override or params.audience]


def plan_years(plan: Plan, progress: Progress) -> tuple[list[YearPlan], list[RunResult]]:
    """The years to run, and the results of those that need not run (skipped or invalid).

    A killed run's staging folder is removed first, even when nothing then needs to run.
    """
    for folder in remove_stale_staging(plan.layout):
        progress.say(f"  removed  {folder.name}: the staging folder of a run that was killed")
    todo: list[YearPlan] = []
    results: list[RunResult] = []
    for path in plan.param_files:
        try:
            params = load_params(path)
        except ParameterError as exc:
            results.append(RunResult(path.stem, "-", "invalid", 0.0, str(exc), exit_status=2))
            continue
        audiences = []
        for audience in audiences_for(params, plan.audience):
            final = plan.layout.published(params.reporting_year, audience)
            fingerprint = manifest.fingerprint(params, audience, plan.layout)
            if not plan.force and manifest.is_up_to_date(final, fingerprint):
                progress.say(
                    f"  skipped  {params.reporting_year} {audience}: nothing has changed "
                    "since the last run (use --force to run it again)"
                )
                results.append(
                    RunResult(params.reporting_year, audience, "skipped", 0.0, "unchanged", final)
                )
            else:
                audiences.append((audience, fingerprint))
        if audiences:
            todo.append(YearPlan(params, tuple(audiences)))
    return todo, results


def sorted_results(results: list[RunResult], plan: Plan) -> list[RunResult]:
    """Results in the order the parameters files were given, then by audience."""
    order = {p.stem: i for i, p in enumerate(plan.param_files)}
    return sorted(results, key=lambda r: (order.get(r.year, 99), r.audience))
