"""Problems in stable order, on the terminal, and in full as CSV."""

from __future__ import annotations

from safeguarding_assurance.errors import Problem
from safeguarding_assurance.inputs import problems as v

# ---------------------------------------------------------------- reporting


def test_sort_problems_by_table_then_row_then_column():
    problems = [
        Problem("training.csv", 3, "date", None, "x"),
        Problem("reviews.csv", 5, "sex", None, "x"),
        Problem("reviews.csv", 5, "case_ref", None, "x"),
        Problem("reviews.csv", None, "nhs_number", None, "x"),
        Problem("actions.csv", 9, "status", None, "x"),
    ]
    ordered = [(p.file, p.row, p.column) for p in v.sort_problems(problems)]
    assert ordered == [
        ("actions.csv", 9, "status"),
        ("reviews.csv", None, "nhs_number"),
        ("reviews.csv", 5, "case_ref"),
        ("reviews.csv", 5, "sex"),
        ("training.csv", 3, "date"),
    ]


def test_format_problems_shows_the_first_lines_and_the_count():
    problems = [Problem("a.csv", i, "c", str(i), "bad") for i in range(2, 27)]  # 25 problems
    text = v.format_problems(problems, limit=20)
    lines = text.splitlines()
    assert len(lines) == 21
    assert lines[0] == "  a.csv, row 2, column c: bad (value '2')"
    assert lines[-1] == "  ... and 5 more"
    assert v.format_problems(problems[:3]).count("\n") == 2


def test_write_problems_csv_writes_every_problem_safely(tmp_path):
    problems = [
        Problem("reviews.csv", 2, "sex", "=cmd()", "must be one of: female, male, unknown"),
        Problem("training.csv", None, None, None, "file not found"),
    ]
    path = v.write_problems_csv(problems, tmp_path / "scratch" / "problems.csv")
    assert path == tmp_path / "scratch" / "problems.csv"
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "file,row,column,value,rule",
        'reviews.csv,2,sex,\'=cmd(),"must be one of: female, male, unknown"',
        "training.csv,,,,file not found",
    ]
