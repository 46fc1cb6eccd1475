"""Handing freed memory back to the system, for processes that live on after large tables.

Standard library only (pyarrow when it is already there), so any layer may use it.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys

ARROW_POOL = "ARROW_DEFAULT_MEMORY_POOL"


def use_system_allocator() -> None:
    """Have pyarrow, in this process and the kernels it starts, use the C allocator.

    pyarrow's own allocator (mimalloc) keeps memory it has freed: reading a million-row
    register from parquet left a kernel about 200 MiB larger than the same read with
    the C allocator, which :func:`release_memory` can trim (measured; no slower). Set
    before pyarrow is imported; a choice already made in the environment is kept.
    """
    os.environ.setdefault(ARROW_POOL, "system")


def release_memory() -> None:
    """Hand memory freed by Python, pyarrow and the C allocator back to the system.

    A kernel or the runner lives on after a large table is gone; without this its
    resident memory stays at its high-water mark (at a million training rows, hundreds
    of megabytes per process, measured).
    """
    pa = sys.modules.get("pyarrow")  # its allocator keeps freed memory for reuse
    if pa is not None:
        pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """The C library's ``malloc_trim`` (glibc), from the symbols loaded; ``None`` elsewhere.

    Not ``ctypes.util.find_library``: it runs a subprocess, and a fork of a kernel
    holding a large table counts that table twice while it lasts.
    """
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
