"""The tagged PDF, written by worker processes so several can be made at once, each bounded.

WeasyPrint is pure Python: in the runner's process it would hold the interpreter lock
while the notebook threads wait, and four years' PDFs would queue behind each other. A
few worker processes (WeasyPrint imported as each starts, while the notebooks run) write
them in parallel instead (:mod:`.pdf_worker`).

Each worker is a plain child process in its own session, so a Ctrl-C at the terminal
never reaches it (the runner stops it); it leaves on its own when the runner's process
is gone, even after ``kill -9``. Each PDF has a time limit: a worker still busy when it
runs out is killed and replaced, and the PDF fails with a message saying so. Rendering
fetches nothing: the worker's WeasyPrint may read only the ``data:`` URIs the report
carries (:mod:`.offline`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import re
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.report.offline import (
    RemoteResourceError,
    check_self_contained,
    offline_fetcher,
)

DEFAULT_PDF_TIMEOUT = 300.0  # seconds; the demo's PDF takes 1 to 5
PDF_TIMEOUT_ENV = "ASSURANCE_PDF_TIMEOUT"
READY_TIMEOUT = 120.0  # a worker's start, WeasyPrint's import included
PARENT_ENV = "ASSURANCE_PDF_PARENT"


class PdfError(AssuranceError):
    """The PDF could not be written (exit status 1)."""


class PdfTimeoutError(PdfError):
    """Writing the PDF took longer than its time limit; the worker was stopped."""


# What print never shows (``display: none`` in the print style sheet) and WeasyPrint
# would still parse and style: the folded detail tables and the charts left to the HTML,
# each written by :mod:`safeguarding_assurance.present.section` exactly so.
PRINT_HIDDEN = (
    re.compile(r'<details class="detail"[^>]*>.*?</details>', re.S),
    re.compile(r'<figure class="chart print-detail"[^>]*>.*?</figure>', re.S),
)


def print_markup(markup: str) -> str:
    """The report as print lays it out: without what print hides (a quarter of the time)."""
    for hidden in PRINT_HIDDEN:
        markup = hidden.sub("", markup)
    return markup


def write_pdf(markup: str, path: Path | str) -> None:
    """Write the report as A4 tagged PDF (PDF/UA-1) with WeasyPrint, fetching nothing.

    Runs in the calling process. Markup that would load anything from outside itself
    is refused before rendering; the URL fetcher refuses it again during rendering.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from safeguarding_assurance.report.pdf_tags import finisher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    check_self_contained(markup)
    try:
        HTML(string=print_markup(markup), base_url=None, url_fetcher=offline_fetcher()).write_pdf(
            # the finisher adds the header scopes WeasyPrint leaves out, before writing
            Path(path),
            pdf_variant="pdf/ua-1",
            finisher=finisher,
        )
    except FatalURLFetchingError as exc:  # a BaseException: keep it in the family
        raise RemoteResourceError(str(exc)) from None


def _read_line(fd: int, buffer: bytearray, deadline: float) -> bytes | None:
    """One line from a pipe by ``deadline`` (``None`` when time runs out); b"" at end of file."""
    while b"\n" not in buffer:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return b""
        buffer += chunk
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line


class _Worker:
    """One worker process and its two pipes."""

    def __init__(self, log_path: Path | None) -> None:
        log = open(log_path, "ab") if log_path is not None else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "safeguarding_assurance.report.pdf_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env={**os.environ, PARENT_ENV: str(os.getpid())},
                start_new_session=True,  # the terminal's Ctrl-C is for the runner alone
                bufsize=0,
            )
        finally:
            if log is not subprocess.DEVNULL:
                log.close()
        self.buffer = bytearray()
        self.ready = False

    def _receive(self, deadline: float) -> dict | None:
        assert self.proc.stdout is not None
        line = _read_line(self.proc.stdout.fileno(), self.buffer, deadline)
        if line is None:
            return None
        if not line:
            raise PdfError("the PDF writer stopped unexpectedly (see outputs/scratch/logs)")
        return json.loads(line)

    def write(self, source: Path, target: Path, timeout: float) -> None:
        if not self.ready:
            if self._receive(time.monotonic() + READY_TIMEOUT) is None:
                raise PdfError(f"the PDF writer did not start within {READY_TIMEOUT:g} s")
            self.ready = True
        assert self.proc.stdin is not None
        request = json.dumps({"html": str(source), "pdf": str(target)}) + "\n"
        try:
            self.proc.stdin.write(request.encode())
        except OSError:
            raise PdfError("the PDF writer stopped unexpectedly") from None
        reply = self._receive(time.monotonic() + timeout)
        if reply is None:
            self.kill()
            raise PdfTimeoutError(
                f"writing {target.name} took longer than its time limit of {timeout:g} s, so it "
                f"was stopped (allow longer with --pdf-timeout or {PDF_TIMEOUT_ENV})"
            )
        if not reply.get("ok"):
            kind = RemoteResourceError if reply.get("kind") == "remote" else PdfError
            raise kind(reply.get("error", "the PDF writer failed"))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """Stop the worker at once (it is its own process group) and reap it."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(Exception):
                pipe.close()

    def stop(self, grace: float) -> None:
        """Ask the worker to leave (end of its input), then kill it if it has not."""
        with contextlib.suppress(Exception):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        self.kill()


class PdfWriter:
    """A few PDF-writing processes, started (and warmed) before they are needed.

    ``timeout`` bounds each PDF, in seconds. ``log_path`` receives the workers' own
    error output (never the terminal).
    """

    def __init__(
        self,
        workers: int,
        timeout: float = DEFAULT_PDF_TIMEOUT,
        log_path: Path | None = None,
    ) -> None:
        self.timeout, self.log_path = float(timeout), log_path
        if log_path is not None:
            log_path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.closed = False
        self.workers: list[_Worker] = []
        self.idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(max(1, workers)):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.log_path)
        with self.lock:
            self.workers.append(worker)
            if self.closed:  # stopped while this one was starting
                worker.kill()
        return worker

    def _take(self) -> _Worker:
        while True:
            if self.closed:
                raise PdfError("the PDF writer was stopped")
            try:
                return self.idle.get(timeout=0.2)
            except queue.Empty:
                continue

    def write(self, markup: str, path: Path) -> None:
        """Write one PDF in a worker process and wait for it, at most ``timeout`` seconds."""
        path = Path(path)
        source = path.with_name(f".{path.name}.source.html")  # in staging, removed after
        worker = self._take()
        try:
            source.write_text(markup, encoding="utf-8")
            worker.write(source, path, self.timeout)
        except PdfError:
            if not worker.alive():  # timed out (killed) or crashed: a fresh one is next
                worker.kill()
                if not self.closed:
                    worker = self._start()
            raise
        finally:
            source.unlink(missing_ok=True)
            if not self.closed:
                self.idle.put(worker)

    def terminate(self) -> None:
        """Stop every worker now, whatever it is doing (the run was interrupted)."""
        with self.lock:
            self.closed = True
            workers = list(self.workers)
        for worker in workers:
            worker.kill()

    def close(self) -> None:
        """Stop the worker processes once every PDF is written."""
        with self.lock:
            self.closed = True
            workers = list(self.workers)
        for worker in workers:
            worker.stop(grace=5.0)
