"""The scrutiny board's papers: written by every run, and again on demand by ``assurance pack``.

Both papers are made from a run's published folder only (its ``facts.json``, tables,
report and charts), never from the registers: ``committee/cover-report.docx`` (with
``.html`` beside it) and ``tables.xlsx``. ``assurance pack`` writes them again for a
run that already exists (after the meeting date or the partnership's words changed)
without running a notebook, and records their hashes in the run's manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.report.committee import write_cover_report
from safeguarding_assurance.report.run_folder import RunFolderError, read_run_folder
from safeguarding_assurance.report.spreadsheet import write_spreadsheet
from safeguarding_assurance.run.locks import run_lock
from safeguarding_assurance.run.manifest import MANIFEST, output_hashes, read_manifest

# what a pack takes from the run's own record rather than today's parameters file:
# the papers must describe the run as it was made (a draft stays a draft)
RECORDED = ("partnership_name", "status", "data_as_at", "suppression_threshold")


def write_papers(params: Params, folder: Path, dest: Path | None = None) -> list[Path]:
    """Write the cover report and the spreadsheet of the run in ``folder`` into ``dest``."""
    run = read_run_folder(folder)
    dest = folder if dest is None else dest
    return [*write_cover_report(run, params, dest), write_spreadsheet(run, params, dest)]


def _as_run_was_made(params: Params, manifest: dict | None) -> Params:
    recorded = (manifest or {}).get("parameters") or {}
    changes = {k: recorded[k] for k in RECORDED if recorded.get(k) is not None}
    return replace(params, **changes)


def pack_run(params: Params, audience: str, layout: OutputLayout) -> list[Path]:
    """Write the papers of an existing run of ``params``' year for ``audience``; return them.

    Raise :class:`RunFolderError` (exit status 2) when that run does not exist. The papers
    are built apart and moved into place only when both were written.
    """
    year = params.reporting_year
    folder = layout.published(year, audience)
    if not (folder / "facts.json").is_file():
        raise RunFolderError(
            f"no run of {year} for the {audience} audience in {folder}: make it first with "
            f"`assurance run --year {year} --audience {audience}`"
        )
    with run_lock(layout, year, audience):
        manifest = read_manifest(folder)
        staging = layout.pack_staging(year, audience)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            written = write_papers(_as_run_was_made(params, manifest), folder, staging)
            placed = []
            for path in written:
                target = folder / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                placed.append(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if manifest is not None:
            manifest["outputs"] = output_hashes(folder)
            manifest["committee_papers"] = {
                "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "by": "assurance pack",
                "committee": params.committee.as_json(),
            }
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return placed
