"""One run at a time for each year and audience; staging folders left by a dead run removed.

The locks are ``fcntl`` locks on ``scratch/locks/<year>-<audience>.lock``: the system
releases them when the process holding them dies, even by ``kill -9``. So a staging
folder ``scratch/staging/<year>-<audience>-<id>`` whose lock nobody holds belongs to no
live run: its run was killed before it could clean up, and the next run removes it.
"""

from __future__ import annotations

import fcntl
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from safeguarding_assurance.errors import RunLockedError
from safeguarding_assurance.paths import OutputLayout

STAGING_NAME = re.compile(r"^(?P<year>\d{4}-\d{2})-(?P<audience>public|internal)-[0-9a-f]{8}$")


def _lock_path(layout: OutputLayout, year: str, audience: str) -> Path:
    return layout.locks / f"{year}-{audience}.lock"


@contextmanager
def run_lock(layout: OutputLayout, year: str, audience: str) -> Iterator[None]:
    """Hold an exclusive lock for one year and audience; refuse at once if another run holds it."""
    layout.locks.mkdir(parents=True, exist_ok=True)
    handle = open(_lock_path(layout, year, audience), "w")
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


def staging_folders(layout: OutputLayout, year: str, audience: str) -> list[Path]:
    """The staging folders of one year and audience (only a run holding its lock makes one)."""
    if not layout.staging.is_dir():
        return []
    return sorted(
        p
        for p in layout.staging.iterdir()
        if (m := STAGING_NAME.match(p.name)) and (m["year"], m["audience"]) == (year, audience)
    )


def remove_stale_staging(layout: OutputLayout) -> list[Path]:
    """Remove every staging folder whose run is gone (its lock is free); return them.

    A folder whose lock another live run holds is left alone.
    """
    removed = []
    if not layout.staging.is_dir():
        return removed
    for folder in sorted(layout.staging.iterdir()):
        m = STAGING_NAME.match(folder.name)
        if not m or not folder.is_dir():
            continue
        try:
            with run_lock(layout, m["year"], m["audience"]):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except RunLockedError:
            continue
    return removed
