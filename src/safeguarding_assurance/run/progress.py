"""What the run prints while it works: each notebook started and finished, with its time."""

from __future__ import annotations

import sys
import threading
import time


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
