"""Issue 8's walkthrough, as a new user would do it, in a temporary copy of the repository."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.integration


def _append_rows(path: Path, template: Path, rows: list[dict[str, str]]) -> None:
    """Add rows to a data file in the column order of its blank template."""
    with open(template, newline="", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    with open(path, "a", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writerows(rows)


def test_new_year_validate_run_skip_change_rerun(repo_copy: Path):
    repo = repo_copy
    out = repo / "outputs"
    templates = Path(__file__).resolve().parents[2] / "data" / "templates"

    proc = run_cli("new-year", "2025-26", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    params = repo / "params" / "2025-26.yaml"
    assert params.is_file()
    assert sorted(p.name for p in (repo / "content" / "2025-26").iterdir()) == [
        "committee",  # the cover report's sections (issue 16)
        "foreword.md",
        "governance.md",
        "learning.md",
        "next_year.md",
        "scrutiny.md",
        "voice.md",
    ]

    # a new indicator for the neglect priority, written in the templates' format
    data = repo / "data" / "demo"
    _append_rows(
        data / "indicators.csv",
        templates / "indicators.csv",
        [
            {
                "indicator_id": "NG09",
                "priority": "neglect",
                "name": "Children on a plan for neglect seen within 10 working days",
                "unit": "percent",
                "polarity": "higher_is_better",
            }
        ],
    )
    _append_rows(
        data / "indicator_values.csv",
        templates / "indicator_values.csv",
        [
            {
                "indicator_id": "NG09",
                "period_end": "2025-03-31",
                "value": "81.5",
                "target": "90",
                "england": "",
            },
            {
                "indicator_id": "NG09",
                "period_end": "2025-06-30",
                "value": "84.0",
                "target": "90",
                "england": "",
            },
        ],
    )

    proc = run_cli("validate", str(params), cwd=repo)
    assert proc.returncode == 0, proc.stderr

    # the new year has almost no rows yet: it runs, with warnings, not errors
    proc = run_cli("run", "--year", "2025-26", "--output-root", str(out), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    folder = out / "2025-26" / "public"
    facts = json.loads((folder / "facts.json").read_text())
    assert facts["training"]["completions"] == 0
    assert facts["training"]["reach_pct"] is None
    assert (folder / "report.pdf").is_file()
    first = json.loads((folder / "manifest.json").read_text())

    proc = run_cli("run", "--year", "2025-26", "--output-root", str(out), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "skipped" in proc.stderr
    assert json.loads((folder / "manifest.json").read_text()) == first

    # one input cell changes: the run is no longer skipped
    values = data / "indicator_values.csv"
    values.write_text(values.read_text().replace("2025-06-30,84.0", "2025-06-30,85.0"))
    proc = run_cli("run", "--year", "2025-26", "--output-root", str(out), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "skipped" not in proc.stderr
    second = json.loads((folder / "manifest.json").read_text())
    assert second["started"] >= first["started"]
    assert second["fingerprint"] != first["fingerprint"]


def test_notebooks_run_under_plain_papermill_and_in_a_fresh_kernel(repo_copy: Path, tmp_path):
    """A scheduler's call from the root with a parameters file, and JupyterLab's defaults."""
    repo = repo_copy
    for nb in sorted((repo / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        out = tmp_path / f"cli-{nb.name}"
        proc = subprocess.run(
            [
                str(Path(sys.executable).parent / "papermill"),
                str(nb),
                str(out),
                "-f",
                "params/2024-25.yaml",
                "--no-progress-bar",
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
    # JupyterLab runs a notebook from its own folder with its default parameters
    import papermill as pm

    nb = repo / "notebooks" / "02_reviews.ipynb"
    pm.execute_notebook(
        str(nb),
        str(tmp_path / "lab.ipynb"),
        cwd=str(repo / "notebooks"),
        progress_bar=False,
        kernel_name="python3",
    )
    written = [p for p in (repo / "outputs").rglob("*") if p.is_file()]
    assert written, "the notebooks wrote their tables and figures"
    assert all(p.relative_to(repo / "outputs").parts[0] == "scratch" for p in written)
