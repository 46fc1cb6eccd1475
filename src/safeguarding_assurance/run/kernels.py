"""Kernels for the notebooks: started ahead of need, quiet, one fresh kernel per notebook, bounded.

Every kernel this process launches is registered (:data:`LAUNCHED`), so a run that is
interrupted can stop them all at once, and a notebook that runs past its time limit can
have its kernel stopped. A kernel is its own process group (jupyter_client starts it in
a new session, so the terminal's Ctrl-C never reaches it) and leaves on its own within a
second when this process dies (ipykernel's parent poller, told our pid by
jupyter_client).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import signal
import subprocess
import threading
import time
import warnings
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.run.limits import DEFAULT_NOTEBOOK_TIMEOUT, NOTEBOOK_TIMEOUT_ENV


class Launched:
    """Every kernel process this process has started, to stop them all on an interrupt."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.processes: list[subprocess.Popen] = []
        self.closed = False

    def add(self, process: subprocess.Popen) -> None:
        """Register a kernel just started; stop it at once if the run is stopping."""
        with self.lock:
            self.processes = [p for p in self.processes if p.poll() is None]
            self.processes.append(process)
            closed = self.closed
        if closed:
            kill_process_group(process)

    def kill_all(self) -> None:
        """Stop every kernel still running and refuse any started from now on."""
        with self.lock:
            self.closed = True
            processes = list(self.processes)
        for process in processes:
            kill_process_group(process)

    def reopen(self) -> None:
        """Accept kernels again (a later run in the same process, as in tests)."""
        with self.lock:
            self.closed = False


LAUNCHED = Launched()


def kill_process_group(process: subprocess.Popen) -> None:
    """Kill a kernel's process group (its own: a new session) if it is still running."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


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
        process = getattr(self.provisioner, "process", None)
        if process is not None:
            LAUNCHED.add(process)
            launched = getattr(type(self), "launched", None)
            if launched is not None:
                launched.append(process)


def _quiet_manager(log_path: Path) -> type[QuietKernelManager]:
    # each call makes a class of its own, whose ``launched`` lists the kernels it started
    return type("RunKernelManager", (QuietKernelManager,), {"log_path": log_path, "launched": []})


START_SECONDS = 120  # a kernel's start and warm-up, at most
RESET_SECONDS = 30  # clearing a kernel between two notebooks, at most

# What every chapter notebook imports first; a warm kernel has done it already.
WARM_UP = (
    "import safeguarding_assurance.notebook, safeguarding_assurance.inputs.load, "
    "safeguarding_assurance.present.chapters.priorities, "
    "safeguarding_assurance.present.chapters.reviews, "
    "safeguarding_assurance.present.chapters.training"
)
# What a kernel runs between two notebooks: the notebook's names are deleted, the
# execution count starts again at 1, and the suite clears what it keeps (figures,
# caches, the chart theme, memory). Modules stay imported: that is the saving.
RESET = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "get_ipython().execution_count = 1\n"
    "import safeguarding_assurance.notebook as _n; _n.between_notebooks(); del _n"
)


class KernelPool:
    """Warm kernels, one per worker, each used for one notebook after another.

    Starting a kernel and importing pandas, matplotlib and the suite costs about 2.5 s
    of CPU (measured), more than most chapters take to run. The pool starts one kernel
    per worker while the main process is still validating the inputs. When a notebook
    has run, its kernel is cleared (:data:`RESET`: every name the notebook made is
    deleted, figures closed, the suite's caches emptied, the execution count back to 1)
    and handed to the next notebook; only the imported modules carry over, which hold
    no figures of any run. A kernel whose notebook failed or ran out of time, or that
    cannot be cleared, is shut down and replaced.
    """

    def __init__(self, root: Path, log_dir: Path, workers: int) -> None:
        self.root, self.log_dir = root, log_dir
        self.limit = max(1, workers)  # kernels alive at once, at most
        self.remaining: int | None = None  # notebooks still to hand a kernel (None: unknown)
        self.ready: queue.Queue = queue.Queue()
        self.alive = 0  # started or starting, and not yet shut down
        self.started = 0
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.stopped = False
        LAUNCHED.reopen()
        for _ in range(self.limit):
            self._spawn()

    def expect(self, total: int) -> None:
        """Say how many notebooks will run in all, so the pool starts no more kernels."""
        with self.lock:
            self.remaining = total

    def _wanted(self) -> bool:
        # called with the lock held: another kernel helps only if work is left for it
        if self.stopped or self.alive >= self.limit:
            return False
        return self.remaining is None or self.remaining > self.alive

    def _spawn(self) -> None:
        with self.lock:
            if not self._wanted():
                return
            self.alive += 1
            self.started += 1
            n = self.started
            thread = threading.Thread(target=self._start_one, args=(n,), daemon=True)
            self.threads.append(thread)
        thread.start()

    def _start_one(self, n: int) -> None:
        try:
            self.ready.put(asyncio.run(self._start(self.log_dir / f"kernel-{n}.log")))
        except Exception:
            with self.lock:
                self.alive -= 1
            self.ready.put(None)  # the notebook will start a kernel of its own

    async def _start(self, log_path: Path) -> AsyncKernelManager:
        km = _quiet_manager(log_path)(kernel_name="python3")
        await km.start_kernel(cwd=str(self.root))
        try:
            await self._run(km, WARM_UP, START_SECONDS, first=True)
        except BaseException:
            with contextlib.suppress(Exception):
                await km.shutdown_kernel(now=True)
            raise
        return km

    async def _run(self, km: AsyncKernelManager, code: str, seconds: float, first: bool) -> None:
        """Run ``code`` in the kernel and wait for its reply; raise if it fails or dies."""
        kc = km.client()
        kc.start_channels()
        try:
            if first:
                await kc.wait_for_ready(timeout=seconds)  # gives up if the kernel dies
            msg_id = kc.execute(code, store_history=False)
            deadline = time.monotonic() + seconds
            while True:  # the reply, giving up at once if the run stops
                if self.stopped or not await km.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError("the kernel stopped before it answered")
                try:
                    reply = await kc.get_shell_msg(timeout=0.5)
                except queue.Empty:
                    continue
                if reply.get("parent_header", {}).get("msg_id") == msg_id:
                    if reply.get("content", {}).get("status") != "ok":
                        raise RuntimeError("the kernel could not run the suite's code")
                    return
        finally:
            kc.stop_channels()

    def stop(self) -> None:
        """Start no more kernels and kill every kernel started (the run was interrupted)."""
        with self.lock:
            self.stopped = True
        LAUNCHED.kill_all()

    def take(self) -> AsyncKernelManager | None:
        """A warm kernel (waiting for one if need be), or ``None`` to start one cold."""
        with self.lock:
            if self.remaining is not None:
                self.remaining -= 1
        while True:
            try:
                return self.ready.get(timeout=0.2)
            except queue.Empty:
                if self.stopped:
                    return None
                self._spawn()  # a kernel was lost: one more, if the limit allows

    def give_back(self, km: AsyncKernelManager | None) -> None:
        """Clear a kernel whose notebook ran and keep it for the next; replace it if need be."""
        if km is None:
            return
        with self.lock:
            wanted = not self.stopped and (self.remaining is None or self.remaining > 0)
        if wanted:
            try:
                asyncio.run(self._run(km, RESET, RESET_SECONDS, first=False))
            except Exception:
                self.discard(km)
                return
            self.ready.put(km)
        else:
            self.discard(km)

    def discard(self, km: AsyncKernelManager | None) -> None:
        """Shut down a kernel (its notebook failed, or no notebook is left for it)."""
        if km is None:
            return
        shutdown_kernel(km)
        with self.lock:
            self.alive -= 1
        self._spawn()

    def close(self) -> None:
        """Shut down every kernel left (waiting for any still starting)."""
        with self.lock:
            self.remaining = 0
            threads = list(self.threads)
        for thread in threads:
            thread.join(timeout=5 if self.stopped else START_SECONDS + 10)
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


class NotebookTimeoutError(AssuranceError):
    """A notebook ran past its time limit; its kernel was stopped (exit status 1)."""


def execute_notebook(
    notebook: Path,
    output: Path,
    parameters: dict,
    root: Path,
    log_path: Path,
    km: AsyncKernelManager | None = None,
    timeout: float = DEFAULT_NOTEBOOK_TIMEOUT,
) -> None:
    """Execute one notebook with papermill's Python API (no subprocess per notebook).

    With ``km`` (a warm kernel from :class:`KernelPool`) it runs there, and the caller
    gives the kernel back or discards it; otherwise in a kernel papermill starts and
    stops. The whole notebook has ``timeout`` seconds: each cell is
    bounded by papermill's ``execution_timeout``, and a watchdog stops the kernel when
    the notebook as a whole runs out of time; either way
    :class:`NotebookTimeoutError` says so.
    """
    import papermill as pm

    manager = _quiet_manager(log_path)
    extra = {"km": km} if km is not None else {}
    fired = threading.Event()

    def out_of_time() -> None:
        fired.set()
        processes = list(manager.launched)
        own = getattr(getattr(km, "provisioner", None), "process", None) if km else None
        for process in [*processes, *([own] if own is not None else [])]:
            kill_process_group(process)

    watchdog = threading.Timer(timeout, out_of_time)
    watchdog.daemon = True
    watchdog.start()
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            cwd=str(root),
            progress_bar=False,
            log_output=False,
            # written once when the notebook ends (with the error, when a cell fails), not
            # after every cell: papermill's default rewrote and re-validated a notebook of
            # up to 1 MB about 25 times, some 1.5 s of the runner's CPU a year (measured)
            request_save_on_cell_execute=False,
            kernel_name="python3",
            kernel_manager_class=manager,
            execution_timeout=timeout,
            **extra,
        )
    except Exception as exc:
        if fired.is_set() or _is_timeout(exc):
            raise NotebookTimeoutError(
                f"it ran longer than its time limit of {timeout:g} s, so it was stopped "
                f"(allow longer with --notebook-timeout or {NOTEBOOK_TIMEOUT_ENV})"
            ) from exc
        raise
    finally:
        watchdog.cancel()


def _is_timeout(exc: BaseException) -> bool:
    """Whether nbclient stopped a cell for running past ``execution_timeout``.

    (A cell whose own code raises ``TimeoutError`` is a failed cell, not this.)
    """
    from nbclient.exceptions import CellTimeoutError

    return isinstance(exc, CellTimeoutError)


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
