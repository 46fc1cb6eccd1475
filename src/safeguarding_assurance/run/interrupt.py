"""Stopping a run the way operators expect: SIGINT (Ctrl-C) and SIGTERM (CI, ``timeout``, systemd).

While a run is under way, the first SIGINT or SIGTERM raises :class:`RunInterrupted` in
the main thread; the runner then stops its kernels and PDF workers, removes its
staging folders and publishes nothing more (:mod:`.pipeline`). A later signal during that
clean-up is noted and ignored, so the clean-up finishes. Publishing a finished job is
the one step that is never cut in half: it happens under :meth:`Stop.publishing`, and the
runner waits for it before saying what was published.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

HANDLED = (signal.SIGINT, signal.SIGTERM)


class RunInterrupted(BaseException):
    """A signal stopped the run (a ``BaseException``: no ``except Exception`` swallows it).

    ``published`` lists the folders published before the signal arrived, so the
    message can say exactly what changed.
    """

    def __init__(self, signum: int, published: tuple[Path, ...] = ()) -> None:
        super().__init__(signum)
        self.signum = signum
        self.published = published

    @property
    def exit_status(self) -> int:
        """128 + the signal's number, as a shell reports a command a signal stopped: 130, 143."""
        return 128 + int(self.signum)

    @property
    def signal_name(self) -> str:
        """``SIGINT`` or ``SIGTERM``."""
        return signal.Signals(self.signum).name

    def message(self) -> str:
        """What the operator reads: true to what happened, whatever was published."""
        head = f"interrupted ({self.signal_name})"
        if not self.published:
            return f"{head}: nothing was published; the previous outputs are untouched"
        shown = ", ".join(str(p) for p in self.published)
        return (
            f"{head}: published before the interrupt: {shown}. Nothing else was published; "
            "the other previous outputs are untouched"
        )


class Stop:
    """What the runner's threads share once a signal arrives: the flag and what was published."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signum: int | None = None
        self.armed = False  # raise in the main thread on the first signal
        self._publish = threading.Lock()
        self.published: list[Path] = []

    @property
    def requested(self) -> bool:
        """Whether the run has been asked to stop."""
        return self.event.is_set()

    def request(self, signum: int) -> None:
        """Note the signal and tell every thread to stop."""
        if self.signum is None:
            self.signum = signum
        self.event.set()

    @contextlib.contextmanager
    def publishing(self) -> Iterator[bool]:
        """Hold the publishing step whole: yields ``False`` (publish nothing) once stopped."""
        with self._publish:
            yield not self.requested

    def record(self, folder: Path) -> None:
        """Note a folder published (call inside :meth:`publishing`)."""
        self.published.append(folder)

    def settle(self) -> tuple[Path, ...]:
        """Wait for a publishing step under way, then return every folder published."""
        with self._publish:
            return tuple(self.published)


@contextlib.contextmanager
def signals_stop(stop: Stop) -> Iterator[Stop]:
    """While inside, SIGINT and SIGTERM stop the run (in the main thread; elsewhere, no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: object) -> None:
        first = not stop.requested
        stop.request(signum)
        if first and stop.armed:
            stop.armed = False
            raise RunInterrupted(signum)

    previous = {s: signal.getsignal(s) for s in HANDLED}
    for s in HANDLED:
        signal.signal(s, handler)
    stop.armed = True
    try:
        yield stop
    finally:
        stop.armed = False
        for s, h in previous.items():
            signal.signal(s, h)
