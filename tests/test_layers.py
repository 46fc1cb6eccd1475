"""The package's layers hold: the import contracts pass, and a wrong import breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
TOP_LEVEL_LIMIT = 8


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on a copy of the package (its own pyproject.toml and src/)."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_are_kept(tree):
    proc = lint_imports(tree)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 kept, 0 broken" in proc.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # a measure reaching up into the presentation layer
        ("measures/rounding.py", "from safeguarding_assurance.present import tables", "one way"),
        # two siblings of one layer importing each other
        ("inputs/read.py", "from safeguarding_assurance.measures import dates", "one way"),
        # the runtime reaching for the demo generator
        ("run/plan.py", "import safeguarding_demo.generate", "demo generator"),
    ],
)
def test_a_wrong_import_breaks_a_contract(tree, module, line, contract):
    path = tree / "src" / "safeguarding_assurance" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    proc = lint_imports(tree)
    assert proc.returncode != 0
    broken = [row for row in proc.stdout.splitlines() if row.rstrip().endswith("BROKEN")]
    assert broken, proc.stdout
    assert any(contract in row for row in proc.stdout.split("BROKEN")[0].splitlines()[-3:])


def test_a_cycle_between_sibling_modules_breaks_the_acyclic_contract(tree):
    package = tree / "src" / "safeguarding_assurance" / "run"
    for name, other in (("locks.py", "progress"), ("progress.py", "locks")):
        path = package / name
        text = f"\nfrom safeguarding_assurance.run import {other}  # noqa\n"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    proc = lint_imports(tree)
    assert proc.returncode != 0
    assert "No import cycles between sibling modules BROKEN" in proc.stdout.replace("\n", " ")


def test_at_most_eight_modules_at_the_top_of_the_package():
    package = ROOT / "src" / "safeguarding_assurance"
    modules = sorted(p.name for p in package.glob("*.py"))
    assert len(modules) <= TOP_LEVEL_LIMIT, modules
    subpackages = sorted(p.name for p in package.iterdir() if (p / "__init__.py").is_file())
    assert subpackages == [
        "contract",
        "disclosure",
        "inputs",
        "measures",
        "present",
        "report",
        "run",
    ]
