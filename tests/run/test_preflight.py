"""Checks before a run: identifiers refuse the public edition only; an unwritable output root.

The refusal itself is applied where each year's audiences are staged
(``run.pipeline.prepare_jobs``); the tests here run that stage for real, without kernels.
"""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import load_params
from safeguarding_assurance.errors import DataError, OutputRootError
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.run.jobs import YearPlan
from safeguarding_assurance.run.pipeline import prepare_jobs
from safeguarding_assurance.run.plan import Plan
from safeguarding_assurance.run.preflight import (
    check_output_root,
    data_message,
    public_refusal,
    validate_for_run,
)
from safeguarding_assurance.run.progress import Progress
from tests.support.bad_input import make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def set_description(root: Path, row: int, text: str) -> None:
    path = root / "data" / "actions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index("description")] = text
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def unwritable(root: Path) -> OutputLayout:
    """An output root no one can write, even root: a folder inside a plain file."""
    blocker = root / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    return OutputLayout(blocker / "outputs")


# ---------------------------------------------------------------- identifiers


def test_identifier_hits_are_listed_apart_from_the_warnings(repo):
    set_description(repo, 3, "Call 943 476 5919 at NB1 2AB")
    params = load_params(repo / "params" / "2024-25.yaml")
    checked = validate_for_run(params, OutputLayout(repo / "outputs"))
    assert checked.identifiers == [
        "actions.csv, row 3, column description: free text looks like it holds an NHS number: "
        "the suite never needs it; remove it (the public report is refused while it is there) "
        "(value '943 *** ****')",
        "actions.csv, row 3, column description: free text looks like it holds a postcode: the "
        "suite never needs it; remove it (the public report is refused while it is there) "
        "(value 'NB1 ***')",
    ]
    assert set(checked.identifiers) <= set(checked.warnings)
    message = public_refusal(checked)
    assert message.startswith("the public report is refused: the input data hold 2 values")
    assert "943 *** ****" in message and "5919" not in message and "2AB" not in message


def test_the_public_audience_is_refused_and_the_internal_one_staged(repo):
    set_description(repo, 3, "Call 943 476 5919")
    params = load_params(repo / "params" / "2024-25.yaml")
    layout = OutputLayout(repo / "outputs")
    plan = Plan([repo / "params" / "2024-25.yaml"], "both", layout, jobs=1)
    year = YearPlan(params, (("public", "fp-public"), ("internal", "fp-internal")))
    with contextlib.ExitStack() as locks:
        jobs, results = prepare_jobs([year], plan, Progress(enabled=False), locks)
    assert [j.audience for j in jobs] == ["internal"]
    (refused,) = results
    assert (refused.year, refused.audience, refused.outcome) == ("2024-25", "public", "invalid")
    assert refused.exit_status == 2
    assert "actions.csv, row 3, column description" in refused.message
    # nothing of the public edition was staged or published
    assert not (layout.root / "2024-25" / "public").exists()
    assert [p.name.split("-")[2] for p in layout.staging.iterdir()] == ["internal"]


def test_without_identifiers_both_audiences_are_staged(repo):
    params = load_params(repo / "params" / "2024-25.yaml")
    layout = OutputLayout(repo / "outputs")
    plan = Plan([repo / "params" / "2024-25.yaml"], "both", layout, jobs=1)
    year = YearPlan(params, (("public", "a"), ("internal", "b")))
    with contextlib.ExitStack() as locks:
        jobs, results = prepare_jobs([year], plan, Progress(enabled=False), locks)
    assert [j.audience for j in jobs] == ["public", "internal"] and results == []


def test_a_public_notebook_run_on_its_own_refuses_identifiers_too(repo):
    set_description(repo, 3, "Visit NB1 2AB")
    public = load_params(repo / "params" / "2024-25.yaml")
    layout = OutputLayout(repo / "outputs")
    with pytest.raises(DataError) as info:
        Chapter(public, layout).load("actions")
    assert "actions.csv, row 3, column description" in str(info.value)
    assert "2AB" not in str(info.value)
    from dataclasses import replace

    internal = Chapter(replace(public, audience="internal"), layout).load("actions")
    assert [w.value for w in internal.warnings] == ["NB1 ***"]


# ---------------------------------------------------------------- the output root


def test_data_problems_are_listed_when_the_output_root_is_not_writable(repo):
    path = repo / "data" / "reviews.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",3,", ",18,", 1), encoding="utf-8")
    params = load_params(repo / "params" / "2024-25.yaml")
    layout = unwritable(repo)
    with pytest.raises(DataError) as info:
        validate_for_run(params, layout)
    message = data_message(info.value)
    lines = message.splitlines()
    assert lines[0] == "1 problem in the input data:"
    assert "reviews.csv, row" in lines[1] and "column age_years" in lines[1]
    assert f"the output root {layout.root} is not writable" in lines[2]
    assert "Error" not in message


def test_valid_data_with_an_unwritable_output_root_is_exit_2(repo):
    params = load_params(repo / "params" / "2024-25.yaml")
    layout = unwritable(repo)
    with pytest.raises(OutputRootError) as info:
        validate_for_run(params, layout)
    assert info.value.exit_status == 2
    assert f"the output root {layout.root} is not writable (Not a directory)" in str(info.value)


def test_a_writable_output_root_passes_and_keeps_nothing(tmp_path):
    layout = OutputLayout(tmp_path / "outputs")
    check_output_root(layout)
    assert list(layout.scratch.iterdir()) == []
