"""Execute the chapter notebooks of every job on one pool of workers.

Notebooks run through papermill's Python API into each job's staging folder, longest
first, each in a fresh kernel; as each finishes its chapter is read (the report's
sections only, see :mod:`safeguarding_assurance.report.chapters`), so rendering overlaps
the notebooks still running. A job whose notebook fails stops its other notebooks; the
other jobs go on.
"""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

import nbformat

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.run.interrupt import RunInterrupted, Stop
from safeguarding_assurance.run.jobs import Job, NotebookOutcome
from safeguarding_assurance.run.kernels import (
    KernelPool,
    NotebookTimeoutError,
    execute_notebook,
    shutdown_kernel,
)
from safeguarding_assurance.run.limits import DEFAULT_NOTEBOOK_TIMEOUT
from safeguarding_assurance.run.progress import Progress

# Notebook metadata naming the optional registers a chapter needs: without them the
# chapter is left out of the report (the notebook is not run).
REGISTERS_KEY = "registers"


# Notebook metadata naming the large registers a notebook holds in memory (training, at
# a million rows): two notebooks holding the same one never run at once, which keeps the
# run's memory to one copy of it (measured at scale 20: 1.13 GiB with two, under 1 GiB).
LARGE_TABLES_KEY = "large_tables"


def _metadata_names(notebook: Path, key: str) -> frozenset[str]:
    try:
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return frozenset()  # an unreadable notebook runs, and fails where it can be seen
    names = metadata.get(key, []) if isinstance(metadata, dict) else []
    return frozenset(str(n) for n in names) if isinstance(names, list) else frozenset()


def registers_needed(notebook: Path) -> frozenset[str]:
    """The optional registers a notebook's chapter needs, from its metadata (none: always runs)."""
    return _metadata_names(notebook, REGISTERS_KEY)


def large_tables(notebook: Path) -> frozenset[str]:
    """The large registers a notebook holds in memory, from its metadata."""
    return _metadata_names(notebook, LARGE_TABLES_KEY)


def job_notebooks(job: Job, notebooks: list[Path]) -> list[Path]:
    """The notebooks a job runs: every one whose registers were all supplied for its year."""
    return [nb for nb in notebooks if registers_needed(nb) <= job.supplied]


def analyst_cell_number(executed: Path | None, index: int) -> int:
    """The number (from 1) an analyst sees in JupyterLab for cell ``index`` of an executed notebook.

    papermill adds an injected-parameters cell that the analyst's notebook does not have.
    """
    try:
        cells = nbformat.read(executed, as_version=4).cells if executed else []
    except Exception:  # an unreadable notebook: the plain number is the best there is
        cells = []
    injected = sum(
        1 for c in cells[:index] if "injected-parameters" in c.get("metadata", {}).get("tags", [])
    )
    return index + 1 - injected


def cell_error(exc: Exception, executed: Path | None = None) -> str:
    """A one-line description of a papermill execution error: cell and error.

    The cell is numbered as an analyst counts cells in JupyterLab, from 1.
    """
    index = getattr(exc, "cell_index", None)
    cell = (
        analyst_cell_number(executed, index)
        if isinstance(index, int)
        else getattr(exc, "exec_count", None)
    )
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = str(getattr(exc, "evalue", exc)).strip().splitlines()
    first = evalue[0] if evalue else ""
    where = f"cell {cell}" if cell is not None else "a cell"
    return f"{where} raised {ename}: {first}"[:500]


def expected_seconds(layout: OutputLayout, notebooks: list[Path]) -> dict[str, float]:
    """How long each notebook took in the latest published runs (from the manifests).

    Used only to order the work; a notebook never seen counts as the slowest.
    """
    seen: dict[str, float] = {}
    for path in layout.root.glob("*/*/manifest.json"):
        try:
            entries = json.loads(path.read_text(encoding="utf-8")).get("notebooks", [])
            for n in entries:
                seen[n["name"]] = max(seen.get(n["name"], 0.0), float(n.get("seconds", 0)))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            continue  # a damaged manifest only costs the ordering
    unknown = max(seen.values(), default=0.0) + 1.0
    return {nb.stem: seen.get(nb.stem, unknown) for nb in notebooks}


def schedule(
    jobs: list[Job], notebooks: list[Path], seconds: dict[str, float]
) -> list[tuple[Job, Path]]:
    """One job after another, each job's longest notebooks first (LPT).

    Within a job the last notebook to finish is a short one (on two cores the demo's
    first four notebooks finished about 1.8 s sooner so than in report order). Taking
    the jobs in turn lets each job's report and PDF be made while the next job's
    notebooks run, instead of every PDF waiting for the last notebook of all.
    """
    order = sorted(range(len(notebooks)), key=lambda i: (-seconds.get(notebooks[i].stem, 0), i))
    return [(job, notebooks[i]) for job in jobs for i in order]


def run_one(
    job: Job,
    notebook: Path,
    progress: Progress,
    kernels: KernelPool | None,
    timeout: float = DEFAULT_NOTEBOOK_TIMEOUT,
    stop: Stop | None = None,
) -> None:
    """Execute one notebook of a job and read its chapter; record the outcome on the job."""
    key = f"{job.key} {notebook.stem}"
    out = job.staging / "notebooks" / notebook.name
    params = job.params.for_notebook(job.staging, job.audience)
    log_path = job.layout.log(f"{job.params.reporting_year}-{job.audience}-{notebook.stem}")
    waited = time.monotonic()
    km = kernels.take() if kernels is not None else None
    if stop is not None and stop.requested:
        shutdown_kernel(km)
        return  # the run is stopping: start nothing new
    progress.start(key)
    t0 = time.monotonic()
    job.add_stage("kernel_wait", t0 - waited)
    if job.notebooks_started is None:
        job.notebooks_started = t0
    try:
        execute_notebook(notebook, out, params, job.params.root, log_path, km, timeout)
        error = None
    except NotebookTimeoutError as exc:
        error = str(exc)
    except Exception as exc:
        error = cell_error(exc, out)
    if error is None:
        from safeguarding_assurance.report.chapters import read_chapter  # nbconvert: late

        read_started = time.monotonic()
        try:
            chapter = read_chapter(out, job.audience)
        except AssuranceError as exc:
            error = str(exc)
        else:
            job.chapters[notebook.stem] = chapter
            for dropped in chapter.dropped:
                progress.say(f"  warning  {job.key}: {dropped}")
        job.add_stage("read_chapters", time.monotonic() - read_started)
    seconds = time.monotonic() - t0
    if kernels is None:
        shutdown_kernel(km)
    elif error is None and not (stop is not None and stop.requested):
        kernels.give_back(km)  # cleared, for the next notebook
    else:
        kernels.discard(km)  # a failed notebook's kernel is never used again
    job.outcomes.append(NotebookOutcome(notebook.stem, seconds, "failed" if error else "ok", error))
    if error:
        job.failed = True
    if stop is not None and stop.requested:
        return  # stopped by the interrupt, not failed: say nothing
    progress.finish(key, seconds, ok=error is None)


# How long an interrupted run waits for its notebook threads once their kernels are
# stopped (nbclient notices a dead kernel within about a second).
STOP_WAIT_SECONDS = 15.0


class Dispatcher:
    """The scheduled notebooks, handed to workers in order, keeping large registers apart.

    A worker takes the first notebook in the schedule that holds no large register a
    running notebook holds; when every one left does, it waits for one to finish.
    """

    def __init__(
        self,
        items: list[tuple[Job, Path]],
        holds: dict[Path, frozenset[str]],
        stop: Stop | None = None,
    ) -> None:
        self._items = list(items)
        self._holds = holds
        self._stop = stop
        self._held: dict[str, int] = {}
        self._closed = False
        self._cond = threading.Condition()

    def take(self) -> tuple[Job, Path] | None:
        """The next notebook this worker may run; ``None`` when there is nothing left."""
        with self._cond:
            while True:
                if self._closed or not self._items or (self._stop and self._stop.requested):
                    return None
                for i, (_job, nb) in enumerate(self._items):
                    if not any(self._held.get(t) for t in self._holds.get(nb, ())):
                        for t in self._holds.get(nb, ()):
                            self._held[t] = self._held.get(t, 0) + 1
                        return self._items.pop(i)
                # a timeout too, so a stop is seen even if no notebook finishes
                self._cond.wait(timeout=0.5)

    def done(self, item: tuple[Job, Path]) -> None:
        """A notebook taken has finished (or failed): its large registers are free again."""
        with self._cond:
            for t in self._holds.get(item[1], ()):
                self._held[t] -= 1
            self._cond.notify_all()

    def close(self) -> None:
        """Hand out nothing more."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def run_notebooks(
    jobs: list[Job],
    notebooks: list[Path],
    workers: int,
    progress: Progress,
    on_job_done: Callable[[Job], None],
    kernels: KernelPool | None = None,
    *,
    timeout: float = DEFAULT_NOTEBOOK_TIMEOUT,
    stop: Stop | None = None,
    on_interrupt: Callable[[], None] | None = None,
) -> None:
    """Execute every notebook of every job on one pool of ``workers``; call back per job done.

    Each notebook has ``timeout`` seconds. On an interrupt (:class:`RunInterrupted` in the
    main thread) nothing more starts, ``on_interrupt`` stops the kernels and PDF
    workers, and the threads are given a short while to finish before the interrupt
    goes on up.
    """
    lock = threading.Lock()
    planned = {id(job): job_notebooks(job, notebooks) for job in jobs}
    for job in jobs:
        job.remaining = len(planned[id(job)])

    if not jobs:
        return
    # a job is finished (report, PDF, papers, publishing) on its own thread, so the
    # notebook workers go straight on to the next job's notebooks (measured on --all:
    # a worker waited about 2 s per year for its job's PDF)
    closing = ThreadPoolExecutor(max_workers=max(1, workers))
    finishing: list[Future] = []

    def one(job: Job, notebook: Path) -> None:
        if stop is not None and stop.requested:
            return
        if not job.failed:
            run_one(job, notebook, progress, kernels, timeout, stop)
        with lock:
            job.remaining -= 1
            done = job.remaining == 0
            if done and not (stop is not None and stop.requested):
                finishing.append(closing.submit(on_job_done, job))

    seconds = expected_seconds(jobs[0].layout, notebooks)
    queue = Dispatcher(
        [(job, nb) for job, nb in schedule(jobs, notebooks, seconds) if nb in planned[id(job)]],
        {nb: large_tables(nb) for nb in notebooks},
        stop,
    )

    def worker() -> None:
        while (item := queue.take()) is not None:
            try:
                one(*item)
            finally:
                queue.done(item)

    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    futures = [pool.submit(worker) for _ in range(max(1, workers))]
    try:
        for f in futures:
            f.result()
        # every job was handed to a finishing thread by its last notebook's worker
        for f in list(finishing):
            f.result()
    except RunInterrupted:
        queue.close()
        pool.shutdown(wait=False, cancel_futures=True)
        closing.shutdown(wait=False, cancel_futures=True)
        if on_interrupt is not None:
            on_interrupt()
        # (a future cancelled before it started never counts as done for wait())
        started = [f for f in [*futures, *finishing] if not f.cancelled()]
        wait(started, timeout=STOP_WAIT_SECONDS)
        raise
    finally:
        if not (stop is not None and stop.requested):
            pool.shutdown(wait=True)
            closing.shutdown(wait=True)


def describe_exception(exc: BaseException, verbose: bool) -> str:
    """A message for the terminal: the error, with its traceback only when asked for."""
    if verbose:
        return "".join(traceback.format_exception(exc))
    return str(exc)
