"""One run at a time for each year and audience."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from safeguarding_assurance.errors import RunLockedError
from safeguarding_assurance.paths import OutputLayout


@contextmanager
def run_lock(layout: OutputLayout, year: str, audience: str) -> Iterator[None]:
    """Hold an exclusive lock for one year and audience; refuse at once if another run holds it."""
    layout.locks.mkdir(parents=True, exist_ok=True)
    handle = open(layout.locks / f"{year}-{audience}.lock", "w")
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
