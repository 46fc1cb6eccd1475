"""Provenance of a run, and the fingerprint that lets an unchanged run be skipped.

``manifest.json`` records the parameters, each input file with its SHA-256 and row
count, package versions, the git commit, start and end times, each notebook's
duration and the outcome, and the SHA-256 of every file the run published. Paths are
relative to the repository or the data folder, never a user's home.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.contract.schemas import TABLE_NAMES as TABLE_FILES
from safeguarding_assurance.paths import relative_to_root

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
)
MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def input_files(data_dir: Path) -> list[Path]:
    """The contract's input files present in a data folder (CSV or Excel), in contract order."""
    found = []
    for name in TABLE_FILES:
        for ext in (".csv", ".xlsx"):
            p = data_dir / f"{name}{ext}"
            if p.is_file():
                found.append(p)
    return found


def count_rows(path: Path) -> int:
    """Data rows in an input file (header excluded; blank rows not counted)."""
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        ws = wb.worksheets[0]
        n = sum(
            1
            for row in ws.iter_rows(min_row=2, values_only=True)
            if any(v not in (None, "") for v in row)
        )
        wb.close()
        return n
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return 0
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows, None)
    return sum(1 for r in rows if any(c.strip() for c in r))


def describe_inputs(params: Params) -> list[dict[str, Any]]:
    """Each input file: path relative to the data folder, SHA-256 and row count."""
    return [
        {"file": p.name, "sha256": sha256_file(p), "rows": count_rows(p)}
        for p in input_files(params.data_path)
    ]


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


def fingerprint(params: Params, audience: str, output_root: Path) -> str:
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
    add("params", json.dumps(values, sort_keys=True).encode())
    for p in input_files(params.data_path):
        add("input:" + p.name, p.read_bytes())
    for p in source_files(params.root):
        add("source:" + p.name, p.read_bytes())
    if params.content_path.is_dir():
        for p in sorted(params.content_path.glob("*.md")):
            add("content:" + p.name, p.read_bytes())
    prev = output_root / params.year.previous().label / audience / "facts.json"
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
) -> dict[str, Any]:
    """The manifest of a finished run (its outputs hashed as they are in ``folder``)."""
    values = params.contract_values()
    values["audience"] = audience
    values.pop("output_dir", None)
    values["data_as_at"] = params.as_at.isoformat()
    values["content_dir"] = relative_to_root(params.content_path, params.root)
    values["data_dir"] = relative_to_root(params.data_path, params.root)
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
