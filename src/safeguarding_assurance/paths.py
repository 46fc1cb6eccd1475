"""Where things are: the repository root, and the fixed layout of the outputs."""

from __future__ import annotations

from pathlib import Path

SCRATCH = "scratch"


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


def scratch_dir(output_root: Path) -> Path:
    """Return the folder for working files that may hold case-level values."""
    return output_root / SCRATCH


def relative_to_root(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` where it lies inside, else its name only.

    The manifest and messages never carry a user's home folder.
    """
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).name
