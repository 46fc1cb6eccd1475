"""A parquet copy of every input table that passed its checks, so it is checked once.

Keyed by the SHA-256 of the input bytes (its own and those of the tables its
cross-table rules read), the source of the checking modules and the parameters the
checks use; reused when the key matches, so a million-row training register is checked
once, not once per notebook. A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pyarrow as pa

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.contract.schemas import SCHEMAS
from safeguarding_assurance.errors import Problem

ROW_COLUMN = "__spreadsheet_row__"


CACHE_KEEP = 8


def version() -> str:
    """Hash of the modules whose code decides what a valid frame is."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in ("contract/schemas.py", "inputs/read.py", "inputs/validate.py"):
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def key(
    tables: tuple[str, ...],
    hashes: dict[str, str],
    names: dict[str, str],
    params: Params,
    version: str,
) -> str:
    """The cache key of ``tables[0]``, checked with the tables its rules read (the rest)."""
    table = tables[0]
    parts = {
        "version": version,
        "table": table,
        # the same bytes named .csv or .xlsx are read differently: the name is in the key
        "files": {t: [names.get(t, ""), hashes.get(t, "")] for t in tables},
        "priorities": params.priority_ids,
        "reporting_year": params.reporting_year,
        "trend_years": params.trend_years,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def paths(folder: Path, table: str, key: str) -> tuple[Path, Path]:
    """The frame and its metadata for one key."""
    stem = f"{table}-{key[:24]}"
    return folder / f"{stem}.parquet", folder / f"{stem}.json"


def read(folder: Path, table: str, key: str) -> tuple[pd.DataFrame, pd.Index, list[Problem]] | None:
    """The cached frame, its spreadsheet rows and warnings for ``key``; ``None`` if not usable."""
    frame_path, meta_path = paths(folder, table, key)
    if not (frame_path.is_file() and meta_path.is_file()):
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        frame = pd.read_parquet(frame_path)
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None
    if meta.get("key") != key or ROW_COLUMN not in frame.columns:
        return None
    rows = pd.Index(frame.pop(ROW_COLUMN).to_numpy())
    if list(frame.columns) != SCHEMAS[table].column_names:
        return None
    return frame, rows, [Problem(**p) for p in meta["warnings"]]


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file and rename, so parallel notebooks never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(
    folder: Path,
    table: str,
    key: str,
    frame: pd.DataFrame,
    rows: pd.Index,
    warnings: list[Problem],
) -> None:
    """Keep a validated frame with its spreadsheet rows and warnings."""
    frame_path, meta_path = paths(folder, table, key)
    stored = frame.assign(**{ROW_COLUMN: rows.to_numpy()})
    try:
        atomic_write(frame_path, lambda p: stored.to_parquet(p, index=False))
        meta = {"key": key, "warnings": [asdict(w) for w in warnings]}
        atomic_write(meta_path, lambda p: p.write_text(json.dumps(meta), encoding="utf-8"))
    except OSError:
        return  # a cache that cannot be written only costs time
    prune(frame_path.parent, table)


def prune(folder: Path, table: str) -> None:
    """Keep the newest ``CACHE_KEEP`` copies of a table (several years may run at once)."""

    def age(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    copies = sorted(folder.glob(f"{table}-*.parquet"), key=age, reverse=True)
    for old in copies[CACHE_KEEP:]:
        # a reader that loses the race re-checks the table: never an error
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)
