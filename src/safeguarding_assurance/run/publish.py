"""Publishing a finished run: swap the staging folder into place, or keep a failed one apart."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import nbformat

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.paths import relative_to_root
from safeguarding_assurance.run.jobs import Job


def keep_failed(job: Job) -> Path:
    """Move a failed run's notebooks under ``scratch/failed/`` and return that folder."""
    dest = job.layout.failed(job.params.reporting_year, job.audience)
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(job.staging / "notebooks"), dest)
    shutil.rmtree(job.staging, ignore_errors=True)
    return dest


def publish_staging(job: Job) -> Path:
    """Swap the finished staging folder into place; the old output is removed only after."""
    final = job.final
    final.parent.mkdir(parents=True, exist_ok=True)
    trash = None
    if final.exists():
        trash = job.layout.trash / uuid.uuid4().hex
        trash.parent.mkdir(parents=True, exist_ok=True)
        os.replace(final, trash)
    os.replace(job.staging, final)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
    return final


def sanitise_notebook(path: Path, params: Params, audience: str) -> None:
    """Make a published notebook carry no absolute path and no noise.

    The injected parameters are shown as the parameters file gives them (paths
    relative to the repository) and stream output (warnings, logs) is dropped.
    """
    nb = nbformat.read(path, as_version=4)
    values = params.contract_values()
    values["audience"] = audience
    values["data_dir"] = relative_to_root(params.data_path, params.root)
    values["content_dir"] = relative_to_root(params.content_path, params.root)
    values["data_as_at"] = params.as_at.isoformat()
    values.pop("output_dir", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in values.items())
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.output_type != "stream"]
    pm = nb.metadata.get("papermill", {})
    pm["parameters"] = values
    pm["input_path"] = f"notebooks/{path.name}"
    pm["output_path"] = f"{params.reporting_year}/{audience}/notebooks/{path.name}"
    pm.pop("environment_variables", None)
    nbformat.write(nb, path)
