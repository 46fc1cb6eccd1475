"""The chapter notebooks, read as files (never executed): clean, thin, and parameterised.

A notebook is a title, a ``parameters`` cell, ``open_chapter`` and one package call per
section; code belongs in the package, and outputs are never committed.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import papermill
import pytest

from safeguarding_assurance.contract.params import validate_values

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Copied by hand from the contract's parameter table, with the Python type each one
# takes in a notebook (optional ones may also be None).
CONTRACT_TYPES = {
    "reporting_year": "str",
    "partnership_name": "str",
    "data_dir": "str",
    "audience": "str",
    "suppression_threshold": "int",
    "priorities": "list",
    "notify_working_days": "int",
    "rapid_review_working_days": "int",
    "lcspr_months": "int",
    "trend_years": "int",
    "little_progress_pct": "float",
    "good_progress_pct": "float",
    "content_dir": "str",
    "data_as_at": "str",
    "status": "str",
    "output_dir": "str",
}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _parameters_cell(nb: dict) -> dict:
    tagged = [c for c in _code_cells(nb) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one code cell tagged `parameters`"
    return tagged[0]


def _assignments(source: str) -> dict[str, ast.stmt]:
    """Top-level names assigned in a cell, with their statements."""
    found: dict[str, ast.stmt] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node
    return found


def test_there_are_chapter_notebooks():
    assert NOTEBOOKS, "no notebooks/*.ipynb found"
    # names carry their order: NN_name.ipynb
    for path in NOTEBOOKS:
        assert path.stem[:2].isdigit() and path.stem[2] == "_", path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_outputs(path):
    for i, cell in enumerate(_code_cells(_load(path))):
        assert cell.get("outputs", []) == [], f"{path.name} cell {i} has outputs"
        assert cell.get("execution_count") is None, f"{path.name} cell {i} has a count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_functions_or_classes_in_notebooks(path):
    for cell in _code_cells(_load(path)):
        for line in _source(cell).splitlines():
            stripped = line.lstrip()
            assert not stripped.startswith(("def ", "class ", "async def ")), (path.name, line)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_names_equal_the_contract(path):
    names = set(_assignments(_source(_parameters_cell(_load(path)))))
    wanted = set(CONTRACT_TYPES)
    assert names == wanted, f"missing {sorted(wanted - names)}, extra {sorted(names - wanted)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_parameter_has_the_contract_type_hint(path):
    for name, node in _assignments(_source(_parameters_cell(_load(path)))).items():
        assert isinstance(node, ast.AnnAssign), f"{path.name}: `{name}` has no type hint"
        hint = ast.unparse(node.annotation)
        expected = CONTRACT_TYPES[name]
        assert hint in (expected, f"{expected} | None"), f"{path.name}: `{name}: {hint}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_parameter_has_a_help_comment_papermill_can_read(path):
    # papermill reads `name: type = value  # help` on the declaration's own line; a comment
    # moved inside wrapped parentheses (as `ruff format` does to a long line) is lost to
    # `papermill --help-notebook`
    inspected = papermill.inspect_notebook(str(path))
    assert set(inspected) == set(CONTRACT_TYPES)
    missing = sorted(name for name, info in inspected.items() if not info["help"].strip())
    assert missing == [], f"{path.name}: no help comment for {missing}"
    hints = {name: info["inferred_type_name"] for name, info in inspected.items()}
    wrong = {
        n: h
        for n, h in hints.items()
        if h not in (CONTRACT_TYPES[n], f"{CONTRACT_TYPES[n]} | None")
    }
    assert wrong == {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_defaults_are_valid_parameters(path, tmp_path):
    # the defaults let the notebook run as it is in JupyterLab, so they must pass the checks
    nodes = _assignments(_source(_parameters_cell(_load(path))))
    values = {name: ast.literal_eval(node.value) for name, node in nodes.items()}
    params = validate_values(values, f"{path.name} parameters", root=tmp_path)
    assert params.output_dir is None  # blank: a plain run never writes into a published folder


def test_every_notebook_has_the_same_parameters():
    # the same names, hints and defaults, so any notebook opened alone runs the same year
    def declared(path: Path) -> dict[str, tuple[str, object]]:
        nodes = _assignments(_source(_parameters_cell(_load(path))))
        return {
            name: (ast.unparse(node.annotation), ast.literal_eval(node.value))
            for name, node in nodes.items()
            if isinstance(node, ast.AnnAssign)
        }

    first, *others = NOTEBOOKS
    for path in others:
        assert declared(path) == declared(first), (first.name, path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_comes_before_any_other_code(path):
    cells = _code_cells(_load(path))
    assert "parameters" in cells[0].get("metadata", {}).get("tags", [])
