"""Provenance of a run, and the fingerprint that lets an unchanged run be skipped.

``manifest.json`` records the parameters, each input file with its SHA-256 and row
count, package versions, the git commit, start and end times, each notebook's
duration and the outcome, and the SHA-256 of every file the run published. Paths are
relative to the repository or the data folder, never a user's home.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.contract.tables import TABLE_NAMES as TABLE_FILES
from safeguarding_assurance.inputs.digest import sha256_file
from safeguarding_assurance.paths import OutputLayout, relative_to_root

PACKAGES = (
    "safeguarding-assurance",
    "pandas",
    "pyarrow",
    "pandera",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "seaborn",
    "matplotlib",
    "weasyprint",
    "holidays",
    "openpyxl",
    "markdown-it-py",
    "pyyaml",
    "python-docx",
    "gptables",
)
MANIFEST = "manifest.json"


def input_files(data_dir: Path) -> list[Path]:
    """The contract's input files present in a data folder (CSV or Excel), in contract order."""
    found = []
    for name in TABLE_FILES:
        for ext in (".csv", ".xlsx"):
            p = data_dir / f"{name}{ext}"
            if p.is_file():
                found.append(p)
    return found


def package_versions() -> dict[str, str]:
    """Versions of the packages that made the figures and the documents."""
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def source_files(root: Path) -> list[Path]:
    """The package's own source files and the notebooks: what the fingerprint covers."""
    pkg = Path(__file__).resolve().parents[1]
    files = sorted(
        p
        for p in pkg.rglob("*")
        if p.is_file()
        and p.suffix in (".py", ".j2", ".css", ".md", ".csv")
        and "__pycache__" not in p.parts
    )
    files += sorted((root / "notebooks").glob("*.ipynb"))
    return files


def fingerprint(params: Params, audience: str, layout: OutputLayout) -> str:
    """A hash of everything a run's output depends on.

    Inputs (by content), parameters, notebooks and package source (by content, not
    version number), the partnership's own words, and the previous year's published
    facts (which decide the ``[r]`` marks).
    """
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode() + b"\0" + hashlib.sha256(data).digest())

    values = params.contract_values()
    values["audience"] = audience
    values.pop("output_dir", None)
    values["data_as_at"] = params.as_at.isoformat()
    values["committee"] = params.committee.as_json()
    add("params", json.dumps(values, sort_keys=True).encode())
    for p in input_files(params.data_path):
        add("input:" + p.name, sha256_file(p).encode())
    for p in source_files(params.root):
        add("source:" + p.name, p.read_bytes())
    if params.content_path.is_dir():
        for p in sorted(params.content_path.glob("*.md")):
            add("content:" + p.name, p.read_bytes())
        for p in sorted(params.content_path.glob("committee/*")):
            if p.is_file():
                add("committee:" + p.name, p.read_bytes())
    prev = layout.published_file(params.year.previous().label, audience, "facts.json")
    if prev.is_file():
        add("previous-facts", prev.read_bytes())
    return digest.hexdigest()


def output_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every published file, relative to the output folder (manifest excluded)."""
    return {
        p.relative_to(folder).as_posix(): sha256_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def build_manifest(
    params: Params,
    audience: str,
    inputs: list[dict[str, Any]],
    started: dt.datetime,
    notebooks: list[dict[str, Any]],
    commit: str | None,
    run_fingerprint: str,
    folder: Path,
    stages: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The manifest of a finished run (its outputs hashed as they are in ``folder``).

    ``stages`` are the wall seconds of the run's stages for this year and audience
    (validation is shared by a year's audiences and shown for each).
    """
    values = params.contract_values()
    values["audience"] = audience
    values.pop("output_dir", None)
    values["data_as_at"] = params.as_at.isoformat()
    values["content_dir"] = relative_to_root(params.content_path, params.root)
    values["data_dir"] = relative_to_root(params.data_path, params.root)
    if params.committee.as_json():
        values["committee"] = params.committee.as_json()
    return {
        "reporting_year": params.reporting_year,
        "audience": audience,
        "outcome": "success",
        "parameters_file": relative_to_root(params.source, params.root) if params.source else None,
        "parameters": values,
        "inputs": inputs,
        "packages": package_versions(),
        "git_commit": commit,
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "notebooks": notebooks,
        "stages": {k: round(v, 2) for k, v in (stages or {}).items()},
        "fingerprint": run_fingerprint,
        "outputs": output_hashes(folder),
    }


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a published output folder, if it has a readable one."""
    path = folder / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def is_up_to_date(folder: Path, run_fingerprint: str) -> bool:
    """Whether the published output was made from the same everything and is still intact."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("outcome") != "success":
        return False
    if manifest.get("fingerprint") != run_fingerprint:
        return False
    recorded = manifest.get("outputs") or {}
    return bool(recorded) and output_hashes(folder) == recorded


def git_commit(root: Path) -> str | None:
    """The repository's commit, with ``-dirty`` when the tree has uncommitted changes."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sha + ("-dirty" if dirty.strip() else "")
