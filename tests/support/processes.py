"""Watch a real ``assurance run`` from outside: its progress lines, its processes, a signal.

Every process the run starts (kernels, the PDF worker, multiprocessing's resource
tracker) inherits its environment, so a tag put in the environment of the command
finds them all in ``/proc``, even after the main process has died and they were
re-parented. Used by the signal tests and by ``benchmarks/signals.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

TAG = "ASSURANCE_RUN_TAG"


def tagged_processes(tag: str) -> list[tuple[int, str]]:
    """(pid, command line) of every live process whose environment carries ``tag``."""
    found = []
    needle = f"{TAG}={tag}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            if needle not in environ.split(b"\0"):
                continue
            stat = (entry / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                continue  # a zombie has finished; only its parent's wait is missing
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found.append((int(entry.name), cmdline.strip()))
    return found


def parent_of(pid: int) -> int | None:
    """The parent process id of ``pid`` (``None`` once it has gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


@dataclass
class WatchedRun:
    """A running ``assurance`` command, its stderr read line by line as it comes."""

    proc: subprocess.Popen
    tag: str
    lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None
    exited_at: float | None = None  # time.monotonic() when the command ended

    def wait_for(self, text: str, timeout: float, count: int = 1) -> str:
        """Wait for ``count`` stderr lines holding ``text``; return the last of them."""
        deadline = time.monotonic() + timeout
        while True:
            found = [line for line in list(self.lines) if text in line]
            if len(found) >= count:
                return found[count - 1]
            if time.monotonic() >= deadline or (
                self.proc.poll() is not None and not self._reader_alive()
            ):
                raise AssertionError(
                    f"no {count} lines with {text!r} within {timeout} s:\n" + "".join(self.lines)
                )
            time.sleep(0.05)

    def _reader_alive(self) -> bool:
        return self._reader is not None and self._reader.is_alive()

    def finish(self, timeout: float) -> tuple[int, str, float]:
        """Wait for the command to end: (exit status, all of stderr, seconds waited)."""
        t0 = time.monotonic()
        status = self.proc.wait(timeout=timeout)
        self.exited_at = time.monotonic()
        waited = self.exited_at - t0
        if self._reader is not None:
            self._reader.join(timeout=10)
        return status, "".join(self.lines), waited

    def survivors(self, grace: float = 0.0) -> list[tuple[int, str]]:
        """The run's processes still alive after ``grace`` seconds (polling meanwhile)."""
        deadline = time.monotonic() + grace
        while True:
            alive = tagged_processes(self.tag)
            if not alive or time.monotonic() >= deadline:
                return alive
            time.sleep(0.1)

    def kill_survivors(self) -> None:
        """Clean up after a test: end what the run left behind (by pid, one by one)."""
        for pid, _ in tagged_processes(self.tag):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def start_run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> WatchedRun:
    """Start ``assurance <args>`` in its own session (its own process group), tagged."""
    tag = uuid.uuid4().hex
    environment = {**os.environ, "PYTHONWARNINGS": "ignore", TAG: tag, **(env or {})}
    command = "from safeguarding_assurance.cli import entry_point; entry_point()"
    proc = subprocess.Popen(
        [sys.executable, "-c", command, *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=True,
    )
    run = WatchedRun(proc, tag)

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            run.lines.append(line)

    run._reader = threading.Thread(target=read, daemon=True)
    run._reader.start()
    return run
