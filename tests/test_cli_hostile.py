"""Hostile input through the real command line: a message and exit 2, never a Python error.

Each case is one kind of file or operator habit that used to end in a traceback, a
Python error type, a hang or a silent wrong reading (issue 18). The data cases of the
same kind (a 10 MB description, 1e309, a 30-digit whole number, year 9999-00, a
password, a percent-formatted cell, an NHS number in free text) are in
``tests/inputs/test_bad_input.py``, with the rest of the broken rules; here are the
parameters files, the output root and the cache.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from safeguarding_assurance import cli
from tests.support.bad_input import PARAMS_YAML, VALID, make_repo
from tests.support.workbooks import Sheet, workbook_bytes

PYTHON_ERROR = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b|BadZipFile|Traceback")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def params(root: Path) -> Path:
    return root / "params" / "2024-25.yaml"


def run(capsys, *argv: str, unexpected: bool = False) -> tuple[int, str]:
    status = cli.main(list(argv))
    err = capsys.readouterr().err
    assert not PYTHON_ERROR.search(err), err
    assert unexpected or "error:" not in err
    return status, err


def bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n" + PARAMS_YAML.replace("partnership_name:", "x:")


PARAMETER_CASES = [
    # (id, new text of the file, what the message must say)
    (
        "audience-twice",
        PARAMS_YAML + "audience: internal\n",
        "line 13: key `audience` is given twice (first on line 4)",
    ),
    ("billion-laughs", bomb() + "partnership_name: *i\n", "line 1: an anchor (&a)"),
    ("over-1-mb", PARAMS_YAML + "#" + "x" * 1_100_000 + "\n", "may be at most 1,000,000 bytes"),
    ("year-9999-00", PARAMS_YAML.replace('"2024-25"', '"9999-00"'), "key `reporting_year`"),
    (
        "unsupported-tag",
        PARAMS_YAML + "status: !!python/object/apply:os.system ['true']\n",
        "key `status` (line 13): the value cannot be read",
    ),
    (
        "impossible-date",
        PARAMS_YAML.replace('"2025-06-02"', "2025-02-30"),
        "key `data_as_at` (line 12): the value cannot be read",
    ),
    ("trend-years-huge", PARAMS_YAML + "trend_years: 99999999999999999999\n", "`trend_years`"),
]


@pytest.mark.parametrize(
    ("text", "says"), [c[1:] for c in PARAMETER_CASES], ids=[c[0] for c in PARAMETER_CASES]
)
@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_hostile_parameters_file_is_exit_2_naming_file_and_key(repo, capsys, text, says, command):
    params(repo).write_text(text, encoding="utf-8")
    argv = [command, str(params(repo))]
    if command == "run":
        argv += ["--quiet", "--output-root", str(repo / "outputs")]
    start = time.monotonic()
    status, err = run(capsys, *argv)
    assert time.monotonic() - start < 30  # the bomb must not expand
    assert status == 2
    assert str(params(repo)) in err or "2024-25.yaml" in err
    assert says in err


def unwritable(root: Path) -> Path:
    """An output root no one can write, root included: a folder inside a plain file."""
    (root / "blocker").write_text("a file", encoding="utf-8")
    return root / "blocker" / "outputs"


def test_run_with_bad_data_and_an_unwritable_output_root_lists_the_data_first(repo, capsys):
    path = repo / "data" / "reviews.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",3,", ",18,", 1), encoding="utf-8")
    out = unwritable(repo)
    status, err = run(capsys, "run", str(params(repo)), "--quiet", "--output-root", str(out))
    assert status == 2
    problem = err.index("reviews.csv, row 2, column age_years: must be between 0 and 17")
    assert problem < err.index(f"the output root {out} is not writable")


def test_run_with_valid_data_and_an_unwritable_output_root_is_exit_2(repo, capsys):
    out = unwritable(repo)
    status, err = run(capsys, "run", str(params(repo)), "--quiet", "--output-root", str(out))
    assert status == 2
    assert f"the output root {out} is not writable" in err


def test_validate_with_a_damaged_cache_rebuilds_it_and_says_so(repo, capsys):
    assert run(capsys, "validate", str(params(repo)))[0] == 0
    cache = repo / "outputs" / "scratch" / "cache"
    for parquet in cache.glob("*.parquet"):
        parquet.write_bytes(parquet.read_bytes()[:40])  # every copy truncated
    for meta in cache.glob("reviews-*.json"):
        meta.write_text("[]", encoding="utf-8")  # and one metadata file a list
    status, err = run(capsys, "validate", str(params(repo)))
    assert status == 0
    assert "warning: the cached copy of reviews.csv was damaged" in err
    tables = len(list((repo / "data").glob("*.csv")))  # every table, the registers included
    assert err.count("was checked again and the copy rebuilt") == tables


def test_validate_names_the_sheet_read_when_the_first_sheet_is_hidden(repo, capsys):
    rows = [line.split(",") for line in (VALID / "workforce.csv").read_text().splitlines()]
    old = Sheet("old copy", [rows[0], ["2019-20", "Council", "local_authority", "1"]], "hidden")
    (repo / "data" / "workforce.csv").unlink()
    (repo / "data" / "workforce.xlsx").write_bytes(workbook_bytes(old, Sheet("current", rows)))
    status, err = run(capsys, "validate", str(params(repo)))
    assert status == 0  # the hidden copy (a 2019-20 row) was not read
    assert "the report read the first visible sheet, `current`" in err
    assert "`old copy` (hidden)" in err


def test_an_unexpected_error_names_no_python_error_type(repo, capsys, monkeypatch):
    from safeguarding_assurance.run import preflight

    def broken(*args, **kwargs):
        raise KeyError("something inside")

    monkeypatch.setattr(preflight, "validate_for_run", broken)
    status, err = run(capsys, "validate", str(params(repo)), unexpected=True)
    assert status == 1 and "stopped on something it did not expect" in err
    assert "--verbose" in err
