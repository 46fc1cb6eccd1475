"""Run the chapter notebooks of one or more reporting years through papermill, then publish.

A run never writes into a published folder until it has finished: notebooks execute
into a staging folder under ``outputs/scratch/``, the report is rendered there, and
only then is the staging folder moved into ``outputs/<year>/<audience>/``. A failed
or interrupted run leaves the previous output of that year and audience untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import traceback
import uuid
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.errors import RunLockedError
from safeguarding_assurance.paths import scratch_dir

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


def notebook_paths(root: Path) -> list[Path]:
    """The chapter notebooks in report order (their zero-padded prefixes give the order)."""
    return sorted((root / "notebooks").glob(NOTEBOOK_GLOB))


class QuietKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel writes its own stderr to a log file, not the terminal.

    Every kernel start and shutdown prints harmless noise (a warning about TCP
    without encryption, sometimes a KeyboardInterrupt): it goes to
    ``outputs/scratch/logs/`` so the user's terminal shows only what matters.
    """

    log_path: Path | None = None

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: object) -> None:
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            log = open(self.log_path, "ab")
            kw["stdout"] = log
            kw["stderr"] = log
        await super()._async_launch_kernel(kernel_cmd, **kw)


def _quiet_manager(log_path: Path) -> type[QuietKernelManager]:
    return type("RunKernelManager", (QuietKernelManager,), {"log_path": log_path})


@dataclass
class NotebookOutcome:
    """How one notebook's execution went."""

    name: str
    seconds: float
    outcome: str  # "ok" or "failed"
    error: str | None = None


@dataclass
class RunResult:
    """The outcome of one (year, audience) run, for the summary table and exit status."""

    year: str
    audience: str
    outcome: str  # "ok", "skipped", "failed", "invalid"
    seconds: float
    message: str = ""
    output: Path | None = None
    notebooks: list[NotebookOutcome] = field(default_factory=list)
    exit_status: int = 0


class Progress:
    """Prints what is running and how long each notebook took, to standard error."""

    def __init__(self, stream=None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.lock = threading.Lock()
        self.running: dict[str, float] = {}
        self.live = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.live:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._ticker:
            self._ticker.join()
        self._clear()

    def _clear(self) -> None:
        if self.live:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            with self.lock:
                now = time.monotonic()
                parts = [f"{k} {now - t:4.1f}s" for k, t in self.running.items()]
                if parts:
                    self.stream.write("\r\033[K  running: " + ", ".join(parts)[:150])
                    self.stream.flush()

    def say(self, line: str) -> None:
        """Print one line (above the live status line)."""
        if not self.enabled:
            return
        with self.lock:
            self._clear()
            self.stream.write(line + "\n")
            self.stream.flush()

    def start(self, key: str) -> None:
        """Mark a notebook as started."""
        with self.lock:
            self.running[key] = time.monotonic()
        if not self.live:
            self.say(f"  started  {key}")

    def finish(self, key: str, seconds: float, ok: bool) -> None:
        """Mark a notebook as finished."""
        with self.lock:
            self.running.pop(key, None)
        self.say(f"  {'done   ' if ok else 'FAILED '}  {key} ({seconds:.1f} s)")


@contextmanager
def run_lock(output_root: Path, year: str, audience: str) -> Iterator[None]:
    """Hold an exclusive lock for one year and audience; refuse at once if another run holds it."""
    locks = scratch_dir(output_root) / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    handle = open(locks / f"{year}-{audience}.lock", "w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLockedError(
                f"another run of {year} ({audience}) is under way; wait for it to finish"
            ) from None
        yield
    finally:
        handle.close()


def _cell_error(exc: Exception) -> str:
    """A one-line description of a papermill execution error: cell and error.

    The cell is numbered as an analyst counts cells in JupyterLab, from 1.
    """
    index = getattr(exc, "cell_index", None)
    cell = index + 1 if isinstance(index, int) else getattr(exc, "exec_count", None)
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = str(getattr(exc, "evalue", exc)).strip().splitlines()
    first = evalue[0] if evalue else ""
    where = f"cell {cell}" if cell is not None else "a cell"
    return f"{where} raised {ename}: {first}"[:500]


# What every chapter notebook imports first; a warm kernel has done it already.
WARM_UP = "import safeguarding_assurance.notebook, safeguarding_assurance.inputs.read"


class KernelPool:
    """Fresh kernels started ahead of need, each with the suite's imports done.

    Starting a kernel and importing pandas, matplotlib and the suite takes about 2 s
    of a notebook's time (measured). The pool starts them while the main process is
    still validating the inputs, and keeps starting one for each notebook still to
    come, so a notebook's clock starts at its own cells. Each kernel runs exactly one
    notebook and is then shut down: no state passes between notebooks (modules in
    ``sys.modules`` are not names in the notebook's namespace).
    """

    def __init__(self, root: Path, log_dir: Path, ahead: int) -> None:
        self.root, self.log_dir, self.total = root, log_dir, ahead
        self.ready: queue.Queue = queue.Queue()
        self.started = 0
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        for _ in range(ahead):
            self._spawn()

    def expect(self, total: int) -> None:
        """Say how many notebooks will run in all, so the pool starts no more kernels."""
        with self.lock:
            self.total = max(total, self.started)

    def _spawn(self) -> None:
        with self.lock:
            if self.started >= self.total:
                return
            self.started += 1
            n = self.started
            thread = threading.Thread(target=self._start_one, args=(n,), daemon=True)
            self.threads.append(thread)
        thread.start()

    def _start_one(self, n: int) -> None:
        try:
            self.ready.put(asyncio.run(self._start(self.log_dir / f"kernel-{n}.log")))
        except Exception:
            self.ready.put(None)

    async def _start(self, log_path: Path) -> AsyncKernelManager:
        km = _quiet_manager(log_path)(kernel_name="python3")
        await km.start_kernel(cwd=str(self.root))
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=120)
            await kc.execute_interactive(WARM_UP, timeout=120, store_history=False)
        finally:
            kc.stop_channels()
        return km

    def take(self) -> AsyncKernelManager | None:
        """A warm kernel (waiting for one if need be), or ``None`` to start one cold."""
        km = self.ready.get()
        self._spawn()
        return km

    def close(self) -> None:
        """Shut down kernels started but never used (waiting for any still starting)."""
        with self.lock:
            self.total = self.started
            threads = list(self.threads)
        for thread in threads:
            thread.join()
        while True:
            try:
                km = self.ready.get_nowait()
            except queue.Empty:
                return
            shutdown_kernel(km)


def shutdown_kernel(km: AsyncKernelManager | None) -> None:
    """Stop a kernel the suite started itself (papermill stops only the ones it starts)."""
    if km is None:
        return
    with contextlib.suppress(Exception):
        asyncio.run(km.shutdown_kernel(now=True))


def execute_notebook(
    notebook: Path,
    output: Path,
    parameters: dict,
    root: Path,
    log_path: Path,
    km: AsyncKernelManager | None = None,
) -> None:
    """Execute one notebook with papermill's Python API (no subprocess per notebook).

    With ``km`` (a warm kernel from :class:`KernelPool`) it runs there, otherwise in a
    kernel papermill starts.
    """
    import papermill as pm

    extra = {"km": km} if km is not None else {}
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            cwd=str(root),
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            kernel_manager_class=_quiet_manager(log_path),
            **extra,
        )
    finally:
        shutdown_kernel(km)


def quieten_libraries() -> None:
    """Keep kernel and library noise out of the user's terminal."""
    warnings.filterwarnings("ignore")
    for name in (
        "papermill",
        "traitlets",
        "nbclient",
        "jupyter_client",
        "weasyprint",
        "fontTools",
        "matplotlib",
        "asyncio",
    ):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@dataclass
class Job:
    """One (year, audience) run under way: its parameters and staging folder."""

    params: Params
    audience: str
    output_root: Path
    staging: Path
    started_wall: dt.datetime
    started: float
    outcomes: list[NotebookOutcome] = field(default_factory=list)
    rendered: dict[str, Any] = field(default_factory=dict)  # notebook stem -> its chapter

    @property
    def key(self) -> str:
        """``2024-25 public``: how progress and the summary name this run."""
        return f"{self.params.reporting_year} {self.audience}"

    @property
    def final(self) -> Path:
        """The published folder this run replaces."""
        return self.output_root / self.params.reporting_year / self.audience


def expected_seconds(output_root: Path, notebooks: list[Path]) -> dict[str, float]:
    """How long each notebook took in the latest published run (from the manifests).

    Used only to order the work; a notebook never seen counts as the slowest.
    """
    seen: dict[str, float] = {}
    for path in output_root.glob("*/*/manifest.json"):
        try:
            entries = json.loads(path.read_text(encoding="utf-8")).get("notebooks", [])
        except (OSError, json.JSONDecodeError):
            continue
        for n in entries:
            seen[n["name"]] = max(seen.get(n["name"], 0.0), float(n.get("seconds", 0)))
    unknown = max(seen.values(), default=0.0) + 1.0
    return {nb.stem: seen.get(nb.stem, unknown) for nb in notebooks}


def schedule(
    jobs: list[Job], notebooks: list[Path], seconds: dict[str, float]
) -> list[tuple[Job, Path]]:
    """Longest notebooks first (LPT), so the last to finish is a short one.

    On two cores the four demo notebooks finish about 1.8 s sooner this way than in
    report order (measured). Ties keep report order and interleave the jobs.
    """
    order = sorted(range(len(notebooks)), key=lambda i: (-seconds.get(notebooks[i].stem, 0), i))
    return [(job, notebooks[i]) for i in order for job in jobs]


def run_notebooks(
    jobs: list[Job],
    notebooks: list[Path],
    workers: int,
    progress: Progress,
    on_job_done: Callable[[Job], None],
    kernels: KernelPool | None = None,
    on_notebook_done: Callable[[Job, Path], None] | None = None,
) -> None:
    """Execute every notebook of every job on one pool of ``workers``; call back per finished job.

    A job whose notebook fails stops scheduling its other notebooks; the other jobs go
    on. ``kernels`` hands out warm kernels; ``on_notebook_done`` is called with each
    executed notebook, so its share of the rendering overlaps the notebooks still running.
    """
    lock = threading.Lock()
    remaining = {id(j): len(notebooks) for j in jobs}
    failed: set[int] = set()

    def one(job: Job, nb: Path) -> None:
        key = f"{job.key} {nb.stem}"
        if id(job) not in failed:
            run_one(job, nb, key)
        with lock:
            remaining[id(job)] -= 1
            done = remaining[id(job)] == 0
        if done:
            on_job_done(job)

    def run_one(job: Job, nb: Path, key: str) -> None:
        out = job.staging / "notebooks" / nb.name
        params = job.params.for_notebook(job.staging, job.audience)
        log_path = (
            scratch_dir(job.output_root)
            / "logs"
            / f"{job.params.reporting_year}-{job.audience}-{nb.stem}.log"
        )
        km = kernels.take() if kernels is not None else None
        progress.start(key)
        t0 = time.monotonic()
        try:
            execute_notebook(nb, out, params, job.params.root, log_path, km)
        except Exception as exc:
            seconds = time.monotonic() - t0
            job.outcomes.append(NotebookOutcome(nb.stem, seconds, "failed", _cell_error(exc)))
            with lock:
                failed.add(id(job))
            progress.finish(key, seconds, ok=False)
        else:
            seconds = time.monotonic() - t0
            job.outcomes.append(NotebookOutcome(nb.stem, seconds, "ok"))
            progress.finish(key, seconds, ok=True)
            if on_notebook_done is not None:
                on_notebook_done(job, out)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures: list[Future] = []
        seconds = expected_seconds(jobs[0].output_root, notebooks) if jobs else {}
        for job, nb in schedule(jobs, notebooks, seconds):
            futures.append(pool.submit(one, job, nb))
        for f in futures:
            f.result()


def new_job(params: Params, audience: str, output_root: Path) -> Job:
    """Create a staging folder for one (year, audience) run."""
    staging = (
        scratch_dir(output_root)
        / "staging"
        / (f"{params.reporting_year}-{audience}-{uuid.uuid4().hex[:8]}")
    )
    (staging / "notebooks").mkdir(parents=True)
    return Job(params, audience, output_root, staging, dt.datetime.now(dt.UTC), time.monotonic())


def keep_failed(job: Job) -> Path:
    """Move a failed run's notebooks to ``outputs/scratch/failed/`` and return that folder."""
    dest = scratch_dir(job.output_root) / "failed" / f"{job.params.reporting_year}-{job.audience}"
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(job.staging / "notebooks"), dest)
    shutil.rmtree(job.staging, ignore_errors=True)
    return dest


def publish_staging(job: Job) -> Path:
    """Swap the finished staging folder into place; the old output is removed only after."""
    final = job.final
    final.parent.mkdir(parents=True, exist_ok=True)
    trash = None
    if final.exists():
        trash = scratch_dir(job.output_root) / "trash" / uuid.uuid4().hex
        trash.parent.mkdir(parents=True, exist_ok=True)
        os.replace(final, trash)
    os.replace(job.staging, final)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
    return final


def git_commit(root: Path) -> str | None:
    """The repository's commit, with ``-dirty`` when the tree has uncommitted changes."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sha + ("-dirty" if dirty.strip() else "")


def describe_exception(exc: BaseException, verbose: bool) -> str:
    """A message for the terminal: the error, with its traceback only when asked for."""
    if verbose:
        return "".join(traceback.format_exception(exc))
    return str(exc)
