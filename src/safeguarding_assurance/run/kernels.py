"""Kernels for the notebooks: started ahead of need, quiet, one fresh kernel per notebook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import warnings
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager


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


# What every chapter notebook imports first; a warm kernel has done it already.
WARM_UP = (
    "import safeguarding_assurance.notebook, safeguarding_assurance.inputs.load, "
    "safeguarding_assurance.present.chapters"
)


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
