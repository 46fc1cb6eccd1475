"""Bounds on a run's work: how many workers, and how long each notebook and each PDF may take.

Light on purpose (no pandas, no notebook machinery): the command line reads the
defaults from here.
"""

from __future__ import annotations

import math
import os

from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.report.pdf import DEFAULT_PDF_TIMEOUT, PDF_TIMEOUT_ENV

DEFAULT_NOTEBOOK_TIMEOUT = 600.0  # seconds; the demo's notebooks take 2 to 10 each
NOTEBOOK_TIMEOUT_ENV = "ASSURANCE_NOTEBOOK_TIMEOUT"

__all__ = [
    "DEFAULT_NOTEBOOK_TIMEOUT",
    "DEFAULT_PDF_TIMEOUT",
    "NOTEBOOK_TIMEOUT_ENV",
    "PDF_TIMEOUT_ENV",
    "cores",
    "seconds",
    "timeout_from_env",
    "worker_count",
]


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worker_count(requested: int, notebooks: int) -> int:
    """Workers for a run: as asked, but never more than the cores or the notebooks to run."""
    return max(1, min(int(requested), cores(), int(notebooks)))


def seconds(value: str | float, what: str) -> float:
    """A time limit in seconds: a finite number above zero, else :class:`ParameterError`."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        raise ParameterError(f"{what} must be a number of seconds above 0, not {value!r}")
    return number


def timeout_from_env(name: str, default: float) -> float:
    """The time limit an environment variable sets, or ``default`` when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return seconds(value, f"the environment variable {name}") if value else default
