"""Shared test helpers: the repository root, a temporary copy of it, and the real command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("pyproject.toml", "notebooks", "params", "data/demo", "content")


def copy_repository(dest: Path) -> Path:
    """Copy what a run needs (not outputs, not .venv) into ``dest`` and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for rel in COPIED:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def run_cli(*args: str, cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real ``assurance`` command line in ``cwd``; return the completed process."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "safeguarding_assurance.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A fresh copy of the repository's run inputs in a temporary folder."""
    return copy_repository(tmp_path / "repo")
