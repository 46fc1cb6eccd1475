"""A real run on registers with identifiers typed into free text and a `$` in a name.

An NHS number (valid check digit) and a postcode typed into the description of an
action that is overdue, so the public report would print it in its overdue-actions
table; and an indicator named "Spend $ 100% $ of plan", which the charting library
would read as mathematics. The public edition must be refused with exit 2, naming
file, row and column, leaving the previous public output as it was; the internal
edition must be made, drawing the name as written.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_repository, run_cli

pytestmark = pytest.mark.integration

NHS = "943 476 5919"  # check digit worked by hand in tests/inputs/test_bad_input.py
POSTCODE = "NB1 2AB"
DESCRIPTION = f"Ring the family on {NHS} and visit {POSTCODE} about the contact point"
DOLLARS = "Spend $ 100% $ of plan"
# how the values could appear once published: spaced, unspaced, or escaped in HTML
LEAKS = (NHS, NHS.replace(" ", ""), POSTCODE, POSTCODE.replace(" ", ""))
PYTHON_ERROR = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b|Traceback")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def published_texts(folder: Path) -> dict[str, str]:
    """The HTML, every table and every notebook of a published folder, as text."""
    files = [folder / "report.html", folder / "facts.json"]
    files += sorted((folder / "tables").glob("*.csv")) + sorted((folder / "notebooks").glob("*"))
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8-sig") for p in files}


@pytest.fixture(scope="module")
def hostile_run(demo_run, tmp_path_factory) -> dict:
    repo = copy_repository(tmp_path_factory.mktemp("hostile") / "repo")
    out = repo / "outputs"
    # the previous complete public output of the year: the demo's real one
    shutil.copytree(demo_run["out"] / "2024-25" / "public", out / "2024-25" / "public")
    before = snapshot(out / "2024-25" / "public")
    data = repo / "data" / "demo"
    # row 7 is EH-2021-06, overdue at 31 March 2025: the public report lists its description
    set_cell(data / "actions.csv", 7, "description", DESCRIPTION)
    set_cell(data / "indicators.csv", 2, "name", DOLLARS)
    proc = run_cli(
        "run", "--year", "2024-25", "--audience", "both", "--output-root", str(out), cwd=repo
    )
    return {"proc": proc, "out": out, "before": before}


def test_the_public_run_is_refused_naming_file_row_and_column(hostile_run):
    proc = hostile_run["proc"]
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr
    assert "2024-25 public: the public report is refused" in err
    assert "actions.csv, row 7, column description: free text looks like it holds an NHS" in err
    assert "actions.csv, row 7, column description: free text looks like it holds a postcode" in err
    # masked in the message, never the values themselves
    assert "943 *** ****" in err and "NB1 ***" in err
    assert not any(leak in err for leak in LEAKS)
    assert not PYTHON_ERROR.search(err + proc.stdout)


def test_the_previous_public_output_is_untouched(hostile_run):
    public = hostile_run["out"] / "2024-25" / "public"
    assert snapshot(public) == hostile_run["before"]
    staging = hostile_run["out"] / "scratch" / "staging"
    assert not any("public" in p.name for p in staging.glob("*")), "nothing public was staged"


def test_no_public_html_table_or_notebook_holds_the_values(hostile_run):
    for name, text in published_texts(hostile_run["out"] / "2024-25" / "public").items():
        assert not any(leak in text for leak in LEAKS), name


def test_the_internal_run_is_made_with_the_warning_and_the_name_as_written(hostile_run):
    internal = hostile_run["out"] / "2024-25" / "internal"
    assert "2024-25 internal: written to" in hostile_run["proc"].stderr
    texts = published_texts(internal)
    # the internal edition shows the registers as they are: the value the public one refused
    assert DESCRIPTION in texts["tables/pri_overdue_actions.csv"]
    # its data-quality chapter lists both warnings, masked
    warnings = texts["tables/dq_warnings.csv"]
    assert "943 *** ****" in warnings and "NB1 ***" in warnings
    # the indicator's name is drawn and shown as written, not read as mathematics
    assert DOLLARS in texts["report.html"]
    assert any(DOLLARS in t for n, t in texts.items() if n.startswith("tables/pri_indicators"))
    figures = list((internal / "figures").glob("*.png"))
    assert figures
