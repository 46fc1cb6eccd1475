"""The SHA-256 of a file, computed once per run for each version of the file.

A run hashes every input file for its fingerprint, its cache keys and its manifest,
and ``--all`` reads the same registers for every year. Inside :func:`remembered` (the
runner opens it for the whole run) a digest is kept by path, size, inode and times, so
each file is read for hashing once; outside it every call reads the file afresh.
Standard library only: deciding that nothing changed must not wait for pandas.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1 << 20
_memo: dict[tuple, str] | None = None


@contextlib.contextmanager
def remembered() -> Iterator[None]:
    """Remember digests until the block ends (a run: files do not change under it)."""
    global _memo
    outer = _memo
    _memo = {} if outer is None else outer
    try:
        yield
    finally:
        _memo = outer


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes (``OSError`` if it cannot be read)."""
    key = None
    if _memo is not None:
        stat = os.stat(path)
        key = (str(Path(path).resolve()), stat.st_size, stat.st_ino, stat.st_mtime_ns)
        if key in _memo:
            return _memo[key]
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    digest = h.hexdigest()
    if key is not None and _memo is not None:
        _memo[key] = digest
    return digest


def sha256_bytes(data: bytes) -> str:
    """SHA-256 of bytes already read."""
    return hashlib.sha256(data).hexdigest()
