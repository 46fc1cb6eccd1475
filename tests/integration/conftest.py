"""One real run of the demo year in both audiences, shared by the integration tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_repository, run_cli


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run ``assurance run --year 2024-25 --audience both`` in a temporary copy of the repo."""
    repo = copy_repository(tmp_path_factory.mktemp("demo") / "repo")
    out = repo / "outputs"
    proc = run_cli(
        "run", "--year", "2024-25", "--audience", "both", "--output-root", str(out), cwd=repo
    )
    return {"repo": repo, "out": out, "proc": proc}


@pytest.fixture(scope="session")
def rendered_reports(demo_run: dict) -> dict[str, Path]:
    """The published output folders of the demo year: {"public": folder, "internal": folder}."""
    proc = demo_run["proc"]
    assert proc.returncode == 0, proc.stderr
    return {a: demo_run["out"] / "2024-25" / a for a in ("public", "internal")}
