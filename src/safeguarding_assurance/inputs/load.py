"""The one loader: find, read, check and cache the input tables a run or a notebook asks for.

``load_tables`` returns a :class:`Tables` of validated frames and raises ``DataError``
with every problem; ``collect_tables`` returns the problems instead. Each file is read
once and hashed once; a table that passed is kept in the cache (:mod:`.cache`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.contract.schemas import OPTIONAL_TABLES, SCHEMAS, TABLE_NAMES
from safeguarding_assurance.errors import DataError, Problem
from safeguarding_assurance.inputs import cache, validate
from safeguarding_assurance.inputs.digest import sha256_bytes, sha256_file
from safeguarding_assurance.inputs.problems import sort_problems, write_problems_csv
from safeguarding_assurance.inputs.read import SourceFile, find_source, near_names, read_raw_table
from safeguarding_assurance.memory import release_memory
from safeguarding_assurance.paths import OutputLayout

# Tables a table's cross-table rules read: they are loaded with it.
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "recommendations": ("reviews",),
    "indicator_values": ("indicators",),
    # which indicators a run reads (for the priority rule) depends on their values
    "indicators": ("indicator_values",),
    # training agencies without a staff figure for the year are a warning
    "training": ("workforce",),
}


@dataclass
class Tables:
    """The validated input tables of one run (``None`` where a table was not asked for)."""

    actions: pd.DataFrame | None = None
    indicators: pd.DataFrame | None = None
    indicator_values: pd.DataFrame | None = None
    reviews: pd.DataFrame | None = None
    recommendations: pd.DataFrame | None = None
    training: pd.DataFrame | None = None
    workforce: pd.DataFrame | None = None
    # the optional registers: None when not asked for, or asked for and not supplied
    audits: pd.DataFrame | None = None
    funding: pd.DataFrame | None = None
    national_actions: pd.DataFrame | None = None
    feedback: pd.DataFrame | None = None
    warnings: list[Problem] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    # the spreadsheet row (header = row 1) of each frame row, for messages about a row
    rows: dict[str, pd.Index] = field(default_factory=dict)
    # what the run should know that is not about the data (a damaged cache rebuilt)
    notices: list[str] = field(default_factory=list)

    @property
    def identifiers(self) -> list[Problem]:
        """Warnings about NHS numbers or postcodes where the public report would show them.

        The public edition is refused while there are any; the internal one shows them.
        """
        return [w for w in self.warnings if w.identifier]

    # optional registers asked for whose file is not in the data folder (never an error)
    not_supplied: list[str] = field(default_factory=list)

    def get(self, name: str) -> pd.DataFrame | None:
        """Return one table by name."""
        return getattr(self, name)

    def loaded(self) -> dict[str, pd.DataFrame]:
        """Return the tables that were loaded, in contract order."""
        return {n: getattr(self, n) for n in TABLE_NAMES if getattr(self, n) is not None}


def _closure(names: Iterable[str]) -> list[str]:
    wanted = set(names)
    queue = list(wanted)
    while queue:
        for dep in DEPENDENCIES.get(queue.pop(), ()):
            if dep not in wanted:
                wanted.add(dep)
                queue.append(dep)
    return [t for t in TABLE_NAMES if t in wanted]


def _unknown_tables(names: Iterable[str]) -> list[str]:
    return [n for n in names if n not in SCHEMAS]


def collect_tables(
    params: Params,
    names: Iterable[str] | None = None,
    cache_dir: Path | None = None,
    known: dict[str, dict[str, str]] | None = None,
    compact: bool = False,
) -> tuple[Tables, list[Problem]]:
    """Read and check the named tables (and those their rules read); return tables and errors.

    Nothing is raised for bad data: every problem is returned. Valid tables are kept in
    ``cache_dir`` (none: no cache). ``known`` gives, per table, the ``file`` and ``sha256``
    the runner already checked, so a notebook finds the validated copy without reading
    the file again. An optional register with no file is absent, never an error: its
    frame is ``None`` and it is listed in ``Tables.not_supplied``. ``compact`` returns
    the text columns of a large register as categoricals (see :func:`cache.compact`).
    """
    asked = list(TABLE_NAMES if names is None else names)
    if bad := _unknown_tables(asked):
        raise ValueError(f"unknown table name(s) {bad}; the tables are {', '.join(TABLE_NAMES)}")
    needed = _closure(asked)
    folder = params.data_path
    version = cache.version()
    errors: list[Problem] = []
    warnings: list[Problem] = []
    paths: dict[str, Path] = {}
    absent: list[str] = []
    for table in needed:
        optional = table in OPTIONAL_TABLES
        path, problems = find_source(folder, table, optional=optional)
        errors += problems
        if path is not None:
            paths[table] = path
        elif optional and not problems:
            absent.append(table)
            warnings += _not_supplied_warning(folder, table)
    hashes: dict[str, str] = {}
    for table, path in list(paths.items()):
        given = (known or {}).get(table)
        if given and given.get("file") == path.name and given.get("sha256"):
            hashes[table] = given["sha256"]
            continue
        try:
            hashes[table] = sha256_file(path)
        except OSError as exc:
            errors.append(
                Problem(path.name, None, None, None, f"the file cannot be read ({exc.strerror})")
            )
            del paths[table]
    frames: dict[str, pd.DataFrame] = {}
    sources: dict[str, SourceFile] = {}
    raw_rows: dict[str, pd.Index] = {}
    notices: list[str] = []
    percent: dict[str, dict[str, pd.Index]] = {}
    # tables checked in this call: cache key, own errors, own warnings
    fresh: dict[str, tuple[str, list[Problem], list[Problem]]] = {}
    for table, path in paths.items():
        key = cache.key(
            (table, *DEPENDENCIES.get(table, ())),
            hashes,
            {t: p.name for t, p in paths.items()},
            params,
            version,
        )
        cached = _read_cache(cache_dir, table, key, path, notices, compact)
        if cached is not None:
            frames[table], raw_rows[table] = cached.frame, cached.rows
            warnings += cached.warnings
            sources[table] = SourceFile(
                table,
                path.name,
                path,
                path.suffix.lstrip(".").lower(),
                hashes[table],
                _size(path),
                rows=len(frames[table]),
                sheet=cached.sheet,
            )
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            errors.append(
                Problem(path.name, None, None, None, f"the file cannot be read ({exc.strerror})")
            )
            continue
        if sha256_bytes(data) != hashes[table]:
            errors.append(
                Problem(
                    path.name,
                    None,
                    None,
                    None,
                    "the file changed while the report was being made: run it again once "
                    "the file is complete",
                )
            )
            continue
        raw = read_raw_table(path, table, data, hashes[table])
        del data
        release_memory()  # the parser's buffers: a large file's text several times over
        sources[table] = raw.source
        checked = validate.check_table(table, raw)
        del raw
        release_memory()
        if checked.frame is not None:
            frames[table] = checked.frame
            raw_rows[table] = checked.rows
        percent[table] = checked.percent
        fresh[table] = (key, checked.errors, checked.warnings)
    for table in [t for t in fresh if t in frames]:
        cross_errors, cross_warnings = validate.check_references(
            table, frames, raw_rows[table], params, sources, percent.get(table)
        )
        fresh[table][1].extend(cross_errors)
        fresh[table][2].extend(cross_warnings)
    for table, (key, table_errors, table_warnings) in fresh.items():
        errors += table_errors
        warnings += table_warnings
        # a table that broke no rule is cached even when another did: fixing one file
        # and validating again re-checks only what changed
        if cache_dir is not None and not table_errors and table in frames:
            cache.write(
                cache_dir,
                table,
                key,
                frames[table],
                raw_rows[table],
                table_warnings,
                sources[table].sheet,
            )
    if compact:
        # cached copies were read compact; those checked just now are made so (the cache
        # above keeps the contract's own types)
        for table in fresh:
            if table in frames:
                frames[table] = cache.compact(frames[table], table)
    tables = Tables(
        **{t: frames.get(t) for t in needed},
        warnings=sort_problems(warnings),
        sources=sources,
        rows={t: raw_rows[t] for t in needed if t in raw_rows},
        notices=notices,
        not_supplied=absent,
    )
    return tables, sort_problems(errors)


def _read_cache(
    cache_dir: Path | None, table: str, key: str, path: Path, notices: list[str], compact: bool
) -> cache.Cached | None:
    """The cached copy of a table, if usable; a damaged one is removed and noted, never raised."""
    if cache_dir is None:
        return None
    try:
        return cache.read(cache_dir, table, key, compact)
    except cache.Damaged as exc:
        cache.discard(cache_dir, table, key)
        notices.append(
            f"the cached copy of {path.name} was damaged ({exc}): {path.name} was checked "
            "again and the copy rebuilt"
        )
        return None


def _not_supplied_warning(folder: Path, table: str) -> list[Problem]:
    """A warning when an absent optional register seems to be there under another name."""
    others = near_names(folder, table)
    if not others:
        return []
    return [
        Problem(
            f"{table}.csv",
            None,
            None,
            None,
            f"{table}.csv was not supplied, so its chapter is left out of the report; found "
            f"{', '.join(others)}: name it {table}.csv, or {table}.xlsx for a workbook, to "
            "include it",
        )
    ]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load_tables(
    params: Params,
    names: Iterable[str] | None = None,
    layout: OutputLayout | None = None,
    known: dict[str, dict[str, str]] | None = None,
    compact: bool = False,
) -> Tables:
    """Read and validate the named tables (all when None) from ``params.data_path``.

    Raise ``DataError`` listing every problem; its full list is written under the
    layout's ``scratch/`` and the path set on the error.
    """
    layout = layout or OutputLayout.default(params.root)
    tables, errors = collect_tables(
        params, names, cache_dir=layout.cache, known=known, compact=compact
    )
    if errors:
        label = "load" if names is None else "load_" + "_".join(sorted(set(names)))
        try:
            path = write_problems_csv(errors, layout.problems_csv(label))
        except OSError:
            path = None
        raise DataError(problems=errors, scratch_path=path)
    return tables


def validate_inputs(params: Params, cache_dir: Path | None = None) -> Tables:
    """Check every table against every rule, including the cross-table rules.

    Return the validated :class:`Tables` (with warnings); raise ``DataError`` carrying
    every problem when any rule is broken. Nothing is written but the cache: the caller
    writes the full list with :func:`write_problems_csv`.
    """
    tables, errors = collect_tables(params, None, cache_dir=cache_dir)
    if errors:
        raise DataError(problems=errors)
    return tables
