"""Where things are: the repository root, and the one layout of everything a run writes.

Every path under the output root comes from :class:`OutputLayout`, so ``--output-root``
moves all of it together: published folders, and the working files under ``scratch/``
(staging, the validated-table cache, logs, locks, failed runs, problem lists) that may
hold case-level values and are never published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SCRATCH = "scratch"
STAGING = "staging"
# The file in a runner's staging folder naming the inputs it checked (file and SHA-256 per
# table); the runner writes it, a notebook run by the runner reads it.
INPUTS_HANDOFF = "inputs.json"
COMMITTEE = "committee"  # the scrutiny board's papers, inside a published folder
COVER_REPORT = "cover-report"
SPREADSHEET = "tables.xlsx"


def _is_root(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir()


def repository_root(start: Path | None = None) -> Path:
    """Return the repository root: the nearest folder holding ``pyproject.toml`` and ``notebooks/``.

    Searches upwards from ``start`` (default: the working directory, which is the
    notebooks folder in JupyterLab and the root under papermill or the command line),
    then from the package's own location (an editable install), then gives the
    working directory, so relative paths in a parameters file never depend on where
    a user happened to stand.
    """
    starts = [Path(start).resolve()] if start is not None else []
    starts += [Path.cwd().resolve(), Path(__file__).resolve().parent]
    for origin in starts:
        for folder in (origin, *origin.parents):
            if _is_root(folder):
                return folder
    return Path.cwd().resolve()


def resolve(path: str | Path, root: Path) -> Path:
    """Resolve a path from a parameters file: relative paths are from the repository root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (root / p)


def relative_to_root(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` where it lies inside, else its name only.

    The manifest and messages never carry a user's home folder.
    """
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def cover_report_paths(folder: Path) -> tuple[Path, Path]:
    """The cover report in a published (or staging) folder: ``(docx, html)``."""
    base = Path(folder) / COMMITTEE / COVER_REPORT
    return base.with_suffix(".docx"), base.with_suffix(".html")


def spreadsheet_path(folder: Path) -> Path:
    """The accessible spreadsheet of every published table in a published (or staging) folder."""
    return Path(folder) / SPREADSHEET


def _safe_label(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", label) or "problems"


@dataclass(frozen=True)
class OutputLayout:
    """Every folder and file a run writes, from one output root (``outputs/`` by default)."""

    root: Path

    @classmethod
    def default(cls, repo_root: Path) -> OutputLayout:
        """The layout under the repository's own ``outputs/``."""
        return cls(repo_root / "outputs")

    @classmethod
    def for_output_dir(cls, output_dir: Path, repo_root: Path) -> OutputLayout:
        """The layout a notebook's ``output_dir`` belongs to.

        The runner sets ``output_dir`` to a staging folder of its layout; any other
        folder (or none) belongs to the repository's default layout.
        """
        staging = Path(output_dir).resolve().parent
        if staging.name == STAGING and staging.parent.name == SCRATCH:
            return cls(staging.parent.parent)
        return cls.default(repo_root)

    def published(self, year: str, audience: str) -> Path:
        """The published folder of one year and audience."""
        return self.root / year / audience

    def published_file(self, year: str, audience: str, name: str) -> Path:
        """One file of a published folder (``facts.json``, ``manifest.json``)."""
        return self.published(year, audience) / name

    @property
    def scratch(self) -> Path:
        """Working files that may hold case-level values: never published."""
        return self.root / SCRATCH

    @property
    def staging(self) -> Path:
        """Where runs build their output before it is swapped into place."""
        return self.scratch / STAGING

    @property
    def cache(self) -> Path:
        """Validated copies of the input tables."""
        return self.scratch / "cache"

    @property
    def logs(self) -> Path:
        """Kernel logs."""
        return self.scratch / "logs"

    @property
    def locks(self) -> Path:
        """One lock file per year and audience."""
        return self.scratch / "locks"

    @property
    def trash(self) -> Path:
        """Published folders being replaced, removed once the new one is in place."""
        return self.scratch / "trash"

    def failed(self, year: str, audience: str) -> Path:
        """The executed notebooks of a failed run."""
        return self.scratch / "failed" / f"{year}-{audience}"

    def pack_staging(self, year: str, audience: str) -> Path:
        """Where ``assurance pack`` builds the committee papers before moving them into place."""
        return self.scratch / "pack" / f"{year}-{audience}"

    def notebook_scratch(self, year: str, audience: str) -> Path:
        """Where a notebook run without the runner (JupyterLab, plain papermill) writes."""
        return self.scratch / year / audience

    def problems_csv(self, label: str) -> Path:
        """The full list of input problems found by one check."""
        return self.scratch / f"validation_problems_{_safe_label(label)}.csv"

    def log(self, name: str) -> Path:
        """One log file."""
        return self.logs / f"{name}.log"
