"""A parquet copy of every input table that passed its checks, so it is checked once.

Keyed by the SHA-256 of the input bytes (its own and those of the tables its
cross-table rules read), the source of the checking modules and the parameters the
checks use; reused when the key matches, so a million-row training register is checked
once, not once per notebook. A cache that cannot be read or written only costs time.
A cached copy that is there but damaged, of any shape (a truncated parquet file, a
metadata file that is not what this module writes, columns or types that are not the
contract's), raises :class:`Damaged`: the loader removes it, checks the file again and
says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.contract.schemas import empty_frame
from safeguarding_assurance.contract.tables import CATEGORY_COLUMNS
from safeguarding_assurance.errors import Problem

ROW_COLUMN = "__spreadsheet_row__"


CACHE_KEEP = 8


def version() -> str:
    """Hash of the modules whose code decides what a valid frame is."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in (
        "contract/schemas.py",
        "contract/params.py",
        "inputs/read.py",
        "inputs/parse.py",
        "inputs/personal.py",
        "inputs/validate.py",
        "inputs/cache.py",
    ):
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


@dataclass
class Cached:
    """A validated table as kept: the frame, its spreadsheet rows, warnings, the sheet read."""

    frame: pd.DataFrame
    rows: pd.Index
    warnings: list[Problem]
    sheet: str = ""


class Damaged(Exception):
    """A cached copy is there but cannot be used; the message says what is wrong with it."""


PROBLEM_FIELDS = {f.name: f.type for f in fields(Problem)}


def read(folder: Path, table: str, key: str, compact: bool = False) -> Cached | None:
    """The cached table for ``key``; ``None`` if there is none, :class:`Damaged` if unusable.

    ``compact`` reads the table's :data:`CATEGORY_COLUMNS` straight into categoricals
    (parquet keeps them dictionary-encoded), so the text is never held as strings.
    """
    frame_path, meta_path = paths(folder, table, key)
    if not (frame_path.is_file() and meta_path.is_file()):
        return None
    categories = list(CATEGORY_COLUMNS.get(table, ())) if compact else []
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        frame = _read_frame(frame_path, categories)
    except FileNotFoundError:
        return None  # pruned by a parallel run since: not damage
    except Exception:  # OSError, bad JSON, pyarrow's or pandas' own errors alike
        raise Damaged("its files cannot be read") from None
    if not isinstance(meta, dict):
        raise Damaged("its metadata is not what the suite writes")
    if meta.get("key") != key:
        return None  # another key sharing the file name's prefix
    warnings = _warnings(meta.get("warnings"))
    sheet = meta.get("sheet", "")
    if not isinstance(sheet, str):
        raise Damaged("its metadata is not what the suite writes")
    expected = empty_frame(table)
    if list(frame.columns) != [*expected.columns, ROW_COLUMN]:
        raise Damaged("its columns are not the contract's")
    row_numbers = frame.pop(ROW_COLUMN)
    if not pd.api.types.is_integer_dtype(row_numbers.dtype) or row_numbers.isna().any():
        raise Damaged("its row numbers are not whole numbers")
    wrong = [
        c
        for c in expected.columns
        if frame[c].dtype != expected[c].dtype
        and not (c in categories and _categories_of(frame[c].dtype, expected[c].dtype))
    ]
    if wrong:
        raise Damaged(f"its column types are not the contract's ({', '.join(wrong)})")
    return Cached(frame, pd.Index(row_numbers.to_numpy()), warnings, sheet)


def _read_frame(path: Path, categories: list[str]) -> pd.DataFrame:
    """The parquet file as a frame, one column at a time.

    Read whole, a million-row table passes through pyarrow's buffers all at once: one
    column at a time the extra memory is one column's (measured at scale 20: the peak of
    a read 45 MiB lower, and no slower).
    """
    import pyarrow.parquet as pq

    source = pq.ParquetFile(path, read_dictionary=categories or None)
    columns = {}
    for name in source.schema_arrow.names:
        columns[name] = source.read(columns=[name]).to_pandas(self_destruct=True)[name]
    return pd.DataFrame(columns)


def _categories_of(dtype: object, expected: object) -> bool:
    """Whether ``dtype`` is a categorical of values of the ``expected`` type."""
    return isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype == expected


def compact(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The frame with the table's :data:`CATEGORY_COLUMNS` as categoricals (blanks missing).

    What :func:`read` with ``compact`` returns, for a frame checked just now.
    """
    columns = [c for c in CATEGORY_COLUMNS.get(table, ()) if c in frame.columns]
    if not columns:
        return frame
    out = frame.copy(deep=False)
    for column in columns:
        codes, uniques = pd.factorize(out[column])
        out[column] = pd.Categorical.from_codes(codes, categories=pd.Index(uniques))
    return out


def _warnings(items: object) -> list[Problem]:
    """The warnings kept in the metadata, each exactly the fields of a :class:`Problem`."""
    if not isinstance(items, list):
        raise Damaged("its metadata is not what the suite writes")
    problems = []
    for item in items:
        if not isinstance(item, dict) or set(item) != set(PROBLEM_FIELDS):
            raise Damaged("its metadata is not what the suite writes")
        ok = (
            isinstance(item["file"], str)
            and isinstance(item["rule"], str)
            and (item["row"] is None or type(item["row"]) is int)
            and all(item[k] is None or isinstance(item[k], str) for k in ("column", "value"))
            and isinstance(item["identifier"], bool)
        )
        if not ok:
            raise Damaged("its metadata is not what the suite writes")
        problems.append(Problem(**item))
    return problems


def discard(folder: Path, table: str, key: str) -> None:
    """Remove a damaged copy, so it is rebuilt (a copy that cannot be removed is ignored)."""
    for path in paths(folder, table, key):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


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
    sheet: str = "",
) -> None:
    """Keep a validated frame with its spreadsheet rows, warnings and the sheet read."""
    frame_path, meta_path = paths(folder, table, key)
    stored = frame.assign(**{ROW_COLUMN: rows.to_numpy()})
    try:
        atomic_write(frame_path, lambda p: stored.to_parquet(p, index=False))
        meta = {"key": key, "warnings": [asdict(w) for w in warnings], "sheet": sheet}
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
