"""Bad input is a first-class test subject: every rule broken on purpose, one at a time.

Each case copies the hand-made valid tables in ``tests/data/bad_input/valid`` into a
temporary repository, breaks one rule, and checks that
- ``validate_inputs`` raises ``DataError`` with a problem naming the right file, row
  (as a spreadsheet shows it, header = row 1) and column, in words that say the rule;
- ``assurance validate`` exits 2 with that message, never a traceback, writes the full
  list under ``outputs/scratch/`` and leaves a previous published output byte-for-byte
  unchanged.
Property-based tests then corrupt the valid files at random.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguarding_assurance import cli
from safeguarding_assurance.contract.params import Params, Priority, load_params
from safeguarding_assurance.errors import DataError, Problem
from safeguarding_assurance.inputs.load import collect_tables, validate_inputs
from safeguarding_assurance.inputs.problems import format_problems
from tests.support.bad_input import VALID, make_repo
from tests.support.workbooks import Sheet, encrypted, workbook_bytes

# ---------------------------------------------------------------- a temporary repository


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> Path:
    """The cache a validation of the valid tables leaves behind."""
    root = make_repo(tmp_path_factory.mktemp("warm"))
    cache = root / "outputs" / "scratch" / "cache"
    validate_inputs(load_params(params_file(root)), cache_dir=cache)
    return cache


def params_file(root: Path) -> Path:
    return root / "params" / "2024-25.yaml"


def read_rows(data: Path, table: str) -> list[list[str]]:
    with (data / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(data: Path, table: str, rows: list[list[str]]) -> None:
    with (data / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """Mutation: put ``value`` in the cell at spreadsheet ``row`` (header = 1) of ``column``."""

    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        rows[row - 1][rows[0].index(column)] = value
        write_rows(data, table, rows)

    return mutate


def set_cells(*edits: tuple[str, int, str, str]) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        for edit in edits:
            set_cell(*edit)(data)

    return mutate


def drop_column(table: str, column: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        i = rows[0].index(column)
        write_rows(data, table, [r[:i] + r[i + 1 :] for r in rows])

    return mutate


def add_column(table: str, name: str, value: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        write_rows(data, table, [rows[0] + [name]] + [[*r, value] for r in rows[1:]])

    return mutate


def append_row(table: str, values: dict[str, str]) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        rows.append([values.get(c, "") for c in rows[0]])
        write_rows(data, table, rows)

    return mutate


def duplicate_row(table: str, row: int) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        write_rows(data, table, [*rows, rows[row - 1]])

    return mutate


def write_bytes(name: str, content: bytes) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / name).write_bytes(content)

    return mutate


def delete(name: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / name).unlink()

    return mutate


def csv_to_xlsx_bytes(data: Path, table: str) -> bytes:
    book = openpyxl.Workbook()
    for row in read_rows(data, table):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def copy_as_xlsx(table: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / f"{table}.xlsx").write_bytes(csv_to_xlsx_bytes(data, table))

    return mutate


def xlsx_renamed_csv(table: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / f"{table}.csv").write_bytes(csv_to_xlsx_bytes(data, table))

    return mutate


def as_workbook(
    table: str,
    percent: dict[tuple[int, str], float] | None = None,
    password: bool = False,
) -> Callable[[Path], None]:
    """Mutation: keep ``table`` as a real .xlsx workbook instead of its CSV.

    ``percent`` puts a number formatted as a percentage in cells (spreadsheet row,
    column): the number held, say 0.525, which Excel shows as 52.5%. ``password`` saves
    the workbook encrypted, as Excel does when a password is set.
    """

    def mutate(data: Path) -> None:
        rows: list[list[object]] = [list(r) for r in read_rows(data, table)]
        formats = {}
        for (row, column), held in (percent or {}).items():
            rows[row - 1][rows[0].index(column)] = held
            formats[(row, column)] = "0.0%"
        content = workbook_bytes(Sheet(table, rows, formats=formats))
        (data / f"{table}.csv").unlink()
        (data / f"{table}.xlsx").write_bytes(encrypted(content) if password else content)

    return mutate


def prepend_title_row(table: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        write_rows(data, table, [["Training register 2024-25"], *rows])

    return mutate


def ragged_row(table: str, row: int) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        rows = read_rows(data, table)
        rows[row - 1] = [*rows[row - 1], "extra, value"]
        write_rows(data, table, rows)

    return mutate


# ---------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    """One broken rule and the problem it must produce."""

    id: str
    mutate: Callable[[Path], None]
    file: str
    row: int | None
    column: str | None
    says: str  # a fragment of the rule's words


# Valid NHS numbers for the tests, check digits worked by hand (weights 10 down to 2):
# 943 476 5919: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 - 2 = 9, the last digit.
# 401 023 2137: 40+0+8+0+12+15+8+3+6 = 92; 92 mod 11 = 4; 11 - 4 = 7, the last digit.
NHS_A = "9434765919"
NHS_B = "4010232137"

CASES: list[Case] = [
    # --- files that cannot be read (issue point 3)
    Case("missing-file", delete("training.csv"), "training.csv", None, None, "file not found"),
    Case(
        "csv-and-xlsx",
        copy_as_xlsx("workforce"),
        "workforce.csv",
        None,
        None,
        "both workforce.csv and workforce.xlsx",
    ),
    Case(
        "empty-file",
        write_bytes("reviews.csv", b""),
        "reviews.csv",
        None,
        None,
        "the file is empty",
    ),
    Case(
        "blank-lines-only",
        write_bytes("reviews.csv", b"\r\n\r\n  \r\n"),
        "reviews.csv",
        None,
        None,
        "the file is empty",
    ),
    Case(
        "binary-file",
        write_bytes("actions.csv", bytes(range(256)) * 4),
        "actions.csv",
        None,
        None,
        "binary",
    ),
    Case(
        "workbook-named-csv",
        xlsx_renamed_csv("actions"),
        "actions.csv",
        None,
        None,
        "name it actions.xlsx",
    ),
    Case(
        "pdf-named-csv",
        write_bytes("indicators.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        "indicators.csv",
        None,
        None,
        "a PDF document",
    ),
    Case(
        "unknown-encoding",
        write_bytes("indicators.csv", b"indicator_id,name\n\x81\x8d\xff\n"),
        "indicators.csv",
        None,
        None,
        "not text in UTF-8 or Windows-1252",
    ),
    Case(
        "corrupt-xlsx",
        lambda d: (
            (d / "workforce.csv").unlink()
            or (d / "workforce.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
        ),
        "workforce.xlsx",
        None,
        None,
        "workbook cannot be opened",
    ),
    Case(
        "text-named-xlsx",
        lambda d: (d / "workforce.csv").rename(d / "workforce.xlsx"),
        "workforce.xlsx",
        None,
        None,
        "not an Excel workbook",
    ),
    Case(
        "ragged-row",
        ragged_row("actions", 3),
        "actions.csv",
        3,
        None,
        "has 9 values but the header has 8 columns",
    ),
    Case(
        "title-row-above-header",
        prepend_title_row("training"),
        "training.csv",
        None,
        None,
        "header row (row 1) has none of the columns",
    ),
    Case(
        "blank-header-row",
        lambda d: (d / "workforce.csv").write_text("\n" + (d / "workforce.csv").read_text()),
        "workforce.csv",
        None,
        None,
        "row 1 is blank: expected the header",
    ),
    # --- header (required columns, unknown columns, personal data guard)
    Case(
        "missing-required-column",
        drop_column("actions", "status"),
        "actions.csv",
        None,
        "status",
        "required column `status` is missing",
    ),
    Case(
        "column-nhs-number",
        add_column("training", "nhs_number", NHS_A),
        "training.csv",
        None,
        "nhs_number",
        "training.csv has a column `nhs_number`; the suite never takes NHS numbers: remove it",
    ),
    Case(
        "column-postcode",
        add_column("reviews", "Post Code", "NB1 2AB"),
        "reviews.csv",
        None,
        "Post Code",
        "never takes postcodes",
    ),
    Case(
        "column-date-of-birth",
        add_column("reviews", "DOB", "2019-03-04"),
        "reviews.csv",
        None,
        "DOB",
        "never takes dates of birth",
    ),
    Case(
        "column-first-name",
        add_column("training", "first_name", "Sam"),
        "training.csv",
        None,
        "first_name",
        "never takes names",
    ),
    Case(
        "column-address",
        add_column("reviews", "home_address", "1 High Street"),
        "reviews.csv",
        None,
        "home_address",
        "never takes addresses",
    ),
    Case(
        "column-values-nhs",
        add_column("reviews", "ref2", "943 476 5919"),
        "reviews.csv",
        None,
        "ref2",
        "never takes NHS numbers",
    ),
    Case(
        "column-values-dates",
        add_column("reviews", "extra", "04/03/2019"),
        "reviews.csv",
        None,
        "extra",
        "dates of birth?",
    ),
    Case(
        "unknown-column",
        add_column("actions", "notes", "fine"),
        "actions.csv",
        None,
        "notes",
        "the data contract does not name: remove it",
    ),
    Case(
        "misspelt-column",
        lambda d: (
            add_column("actions", "statuss", "complete")(d) or drop_column("actions", "status")(d)
        ),
        "actions.csv",
        None,
        "statuss",
        "did you mean `status`?",
    ),
    Case(
        "duplicate-column",
        add_column("indicators", "UNIT", "count"),
        "indicators.csv",
        None,
        "unit",
        "appears more than once",
    ),
    Case(
        "values-without-header",
        add_column("indicators", "", "x"),
        "indicators.csv",
        None,
        None,
        "has values but no name",
    ),
    # --- identifiers must not be NHS numbers
    Case(
        "learner-id-nhs",
        set_cells(
            ("training", 2, "learner_id", NHS_A),
            ("training", 3, "learner_id", NHS_B),
            ("training", 4, "learner_id", NHS_A),
            ("training", 5, "learner_id", NHS_B),
        ),
        "training.csv",
        None,
        "learner_id",
        "pseudonyms must not be NHS numbers",
    ),
    # --- required values, types, allowed values, ranges
    Case(
        "required-blank",
        set_cell("reviews", 3, "case_ref", ""),
        "reviews.csv",
        3,
        "case_ref",
        "a value is required",
    ),
    Case(
        "status-not-allowed",
        set_cell("actions", 4, "status", "done"),
        "actions.csv",
        4,
        "status",
        "must be one of: not_started, in_progress, complete, cancelled",
    ),
    Case(
        "decision-not-allowed",
        set_cell("reviews", 2, "decision", "LCSPR published"),
        "reviews.csv",
        2,
        "decision",
        "must be one of",
    ),
    Case(
        "ethnicity-not-a-code",
        set_cell("reviews", 2, "ethnicity", "White British"),
        "reviews.csv",
        2,
        "ethnicity",
        "must be one of: WBRI",
    ),
    Case(
        "sector-not-allowed",
        set_cell("workforce", 3, "sector", "NHS"),
        "workforce.csv",
        3,
        "sector",
        "must be one of",
    ),
    Case(
        "date-words",
        set_cell("training", 5, "date", "12 Feb 2025"),
        "training.csv",
        5,
        "date",
        "must be a date written YYYY-MM-DD or DD/MM/YYYY",
    ),
    Case(
        "date-month-first",
        set_cell("reviews", 4, "aware_date", "03/13/2025"),
        "reviews.csv",
        4,
        "aware_date",
        "month-first dates are never assumed",
    ),
    Case(
        "date-impossible",
        set_cell("actions", 2, "due_date", "2024-02-30"),
        "actions.csv",
        2,
        "due_date",
        "is not a real date",
    ),
    Case(
        "age-not-whole",
        set_cell("reviews", 2, "age_years", "3.5"),
        "reviews.csv",
        2,
        "age_years",
        "must be a whole number",
    ),
    Case(
        "age-too-old",
        set_cell("reviews", 3, "age_years", "18"),
        "reviews.csv",
        3,
        "age_years",
        "must be between 0 and 17",
    ),
    Case(
        "confidence-out-of-range",
        set_cell("training", 2, "confidence_after", "6"),
        "training.csv",
        2,
        "confidence_after",
        "must be between 1 and 5",
    ),
    Case(
        "staff-negative",
        set_cell("workforce", 2, "staff", "-1"),
        "workforce.csv",
        2,
        "staff",
        "must be at least 0",
    ),
    Case(
        "value-with-percent-sign",
        set_cell("indicator_values", 4, "value", "21.5%"),
        "indicator_values.csv",
        4,
        "value",
        "must be a number",
    ),
    Case(
        "theme-not-in-vocabulary",
        set_cell("reviews", 2, "themes", "neglect;bullying"),
        "reviews.csv",
        2,
        "themes",
        "theme(s) bullying not in the vocabulary",
    ),
    Case(
        "reporting-year-format",
        set_cell("workforce", 2, "reporting_year", "2024/25"),
        "workforce.csv",
        2,
        "reporting_year",
        "must be a reporting year written YYYY-YY",
    ),
    # --- uniqueness
    Case(
        "duplicate-action-id",
        set_cell("actions", 3, "action_id", "A1"),
        "actions.csv",
        3,
        "action_id",
        "must be unique: the same value is on rows 2, 3",
    ),
    Case(
        "duplicate-indicator-period",
        duplicate_row("indicator_values", 3),
        "indicator_values.csv",
        6,
        "period_end",
        "must be unique together",
    ),
    Case(
        "duplicate-workforce-agency",
        duplicate_row("workforce", 2),
        "workforce.csv",
        5,
        "agency",
        "must be unique together",
    ),
    # --- date order and conditional rules
    Case(
        "due-before-start",
        set_cell("actions", 3, "due_date", "2024-04-30"),
        "actions.csv",
        3,
        "due_date",
        "must be on or after `start_date` (2024-05-01)",
    ),
    Case(
        "completed-before-start",
        set_cell("actions", 2, "completed_date", "2024-03-31"),
        "actions.csv",
        2,
        "completed_date",
        "must be on or after `start_date`",
    ),
    Case(
        "complete-without-date",
        set_cell("actions", 2, "completed_date", ""),
        "actions.csv",
        2,
        "completed_date",
        "`status` is complete, so `completed_date` must be set",
    ),
    Case(
        "date-without-complete",
        set_cell("actions", 3, "completed_date", "2024-12-01"),
        "actions.csv",
        3,
        "completed_date",
        "must be blank unless `status` is complete",
    ),
    Case(
        "cancelled-with-date",
        set_cell("actions", 4, "completed_date", "2024-12-01"),
        "actions.csv",
        4,
        "completed_date",
        "(status is cancelled)",
    ),
    Case(
        "notified-before-aware",
        set_cell("reviews", 2, "notification_date", "2024-04-30"),
        "reviews.csv",
        2,
        "notification_date",
        "must be on or after `aware_date`",
    ),
    Case(
        "rapid-review-before-notification",
        set_cell("reviews", 3, "rapid_review_date", "2024-09-03"),
        "reviews.csv",
        3,
        "rapid_review_date",
        "must be on or after `notification_date`",
    ),
    Case(
        "pending-with-rapid-review",
        set_cell("reviews", 4, "rapid_review_date", "2025-03-20"),
        "reviews.csv",
        4,
        "rapid_review_date",
        "`decision` is pending, so",
    ),
    Case(
        "decided-without-rapid-review",
        set_cell("reviews", 3, "rapid_review_date", ""),
        "reviews.csv",
        3,
        "decision",
        "`decision` must be pending (it is no_lcspr)",
    ),
    Case(
        "published-without-lcspr",
        set_cell("reviews", 3, "lcspr_published_date", "2025-01-10"),
        "reviews.csv",
        3,
        "lcspr_published_date",
        "must be blank unless `decision` is lcspr",
    ),
    Case(
        "published-before-rapid-review",
        set_cell("reviews", 2, "lcspr_published_date", "2024-05-19"),
        "reviews.csv",
        2,
        "lcspr_published_date",
        "must be on or after `rapid_review_date`",
    ),
    Case(
        "period-end-not-quarter-end",
        set_cell("indicator_values", 2, "period_end", "2024-06-29"),
        "indicator_values.csv",
        2,
        "period_end",
        "last day of a quarter",
    ),
    Case(
        "e-learning-not-attended",
        set_cell("training", 4, "outcome", "did_not_attend"),
        "training.csv",
        4,
        "outcome",
        "e-learning rows are always completed",
    ),
    # --- rules across tables and with the parameters
    Case(
        "recommendation-unknown-case",
        set_cell("recommendations", 3, "case_ref", "R-99"),
        "recommendations.csv",
        3,
        "case_ref",
        "is not in reviews.csv",
    ),
    Case(
        "value-unknown-indicator",
        set_cell("indicator_values", 5, "indicator_id", "I9"),
        "indicator_values.csv",
        5,
        "indicator_id",
        "is not in indicators.csv",
    ),
    Case(
        "percent-over-100",
        set_cell("indicator_values", 5, "target", "120"),
        "indicator_values.csv",
        5,
        "target",
        "must be between 0 and 100",
    ),
    Case(
        "action-priority-unknown",
        set_cell("actions", 5, "priority", "housing"),
        "actions.csv",
        5,
        "priority",
        "must be one of the parameters' priority ids",
    ),
    # --- workbooks as agencies keep them (issue 18)
    Case(
        "password-protected-workbook",
        as_workbook("workforce", password=True),
        "workforce.xlsx",
        None,
        None,
        "the workbook is password-protected",
    ),
    Case(
        "percent-cell-of-a-count-indicator",
        # I1 counts assessments; its value cell holds 1.2, which Excel shows as 120%
        as_workbook("indicator_values", percent={(2, "value"): 1.2}),
        "indicator_values.xlsx",
        2,
        "value",
        "indicator I1 is measured as a count, not a percentage",
    ),
    Case(
        "percent-cell-where-no-percent-is-meant",
        as_workbook("workforce", percent={(3, "staff"): 0.3}),
        "workforce.xlsx",
        3,
        "staff",
        "formatted as a percentage (it shows 30% and holds 0.3)",
    ),
    # --- bounded fields and numbers (issue 18)
    Case(
        "description-of-10-mb",
        set_cell("actions", 3, "description", "x" * 10_000_000),
        "actions.csv",
        3,
        "description",
        "the text is 10,000,000 characters long: at most 4,000",
    ),
    Case(
        "value-1e309",
        set_cell("indicator_values", 3, "value", "1e309"),
        "indicator_values.csv",
        3,
        "value",
        "is too large",
    ),
    Case(
        "value-30-digits",
        set_cell("indicator_values", 4, "target", "9" * 30),
        "indicator_values.csv",
        4,
        "target",
        "is too large",
    ),
    Case(
        "staff-30-digits",
        set_cell("workforce", 3, "staff", "1" * 30),
        "workforce.csv",
        3,
        "staff",
        "is too large: a whole number here has at most 15 digits",
    ),
    Case(
        "age-30-digits",
        set_cell("reviews", 2, "age_years", "9" * 30),
        "reviews.csv",
        2,
        "age_years",
        "is too large",
    ),
    Case(
        "reporting-year-9999-00",
        set_cell("workforce", 4, "reporting_year", "9999-00"),
        "workforce.csv",
        4,
        "reporting_year",
        "is not a plausible reporting year",
    ),
    Case(
        "date-in-year-1",
        set_cell("training", 3, "date", "0001-01-01"),
        "training.csv",
        3,
        "date",
        "is not a plausible date",
    ),
    Case(
        "date-after-2100",
        set_cell("actions", 5, "due_date", "2204-06-30"),
        "actions.csv",
        5,
        "due_date",
        "is not a plausible date",
    ),
    # --- identifiers (issue 18): refused for the public edition this file asks for
    Case(
        "nhs-number-in-a-description",
        set_cell("actions", 3, "description", "Call about 943 476 5919 at NB1 2AB"),
        "actions.csv",
        3,
        "description",
        "free text looks like it holds an NHS number",
    ),
    Case(
        "postcode-in-an-agency-name",
        set_cell("training", 4, "agency", "Council NB1 2AB"),
        "training.csv",
        4,
        "agency",
        "free text looks like it holds a postcode",
    ),
    Case(
        "indicator-priority-unknown",
        set_cell("indicators", 3, "priority", "Housing "),
        "indicators.csv",
        3,
        "priority",
        "must be one of the parameters' priority ids",
    ),
    # --- the optional registers: the same checks as every other table, and their own rules
    Case(
        "audit-ratings-do-not-add-up",
        set_cell("audits", 2, "rated_good", "4"),
        "audits.csv",
        2,
        "cases_audited",
        "(4 + 2 + 1 = 7) must add up to `cases_audited` (6)",
    ),
    Case(
        "audit-actions-completed-over-agreed",
        set_cell("audits", 3, "actions_completed", "4"),
        "audits.csv",
        3,
        "actions_completed",
        "must be no more than `actions_agreed` (3)",
    ),
    Case(
        "audit-no-cases",
        set_cells(
            ("audits", 2, "cases_audited", "0"),
            ("audits", 2, "rated_good", "0"),
            ("audits", 2, "rated_requires_improvement", "0"),
            ("audits", 2, "rated_inadequate", "0"),
        ),
        "audits.csv",
        2,
        "cases_audited",
        "must be at least 1",
    ),
    Case(
        "audit-count-too-large-for-a-whole-number",
        set_cell("audits", 2, "actions_agreed", "99999999999999999999"),
        "audits.csv",
        2,
        "actions_agreed",
        "a whole number here has at most 15 digits",
    ),
    Case(
        "audit-negative-rating",
        set_cell("audits", 3, "rated_inadequate", "-1"),
        "audits.csv",
        3,
        "rated_inadequate",
        "must be at least 0",
    ),
    Case(
        "audit-theme-not-in-the-list",
        set_cell("audits", 2, "theme", "bullying"),
        "audits.csv",
        2,
        "theme",
        "must be one of: neglect, information_sharing",
    ),
    Case(
        "audit-id-duplicate",
        set_cell("audits", 3, "audit_id", "AU1"),
        "audits.csv",
        3,
        "audit_id",
        "must be unique: the same value is on rows 2, 3",
    ),
    Case(
        "audit-date-not-real",
        set_cell("audits", 3, "completed_date", "31/02/2025"),
        "audits.csv",
        3,
        "completed_date",
        "is not a real date",
    ),
    Case(
        "funding-blank-kind-and-cash-are-duplicates",
        append_row(
            "funding",
            {
                "reporting_year": "2024-25",
                "agency": "Police",
                "sector": "police",
                "kind": "Cash",
                "amount_gbp": "100",
            },
        ),
        "funding.csv",
        6,
        "kind",
        "must be unique together (one row each); a blank `kind` is read as cash: the same "
        "value is on rows 4, 6",
    ),
    Case(
        "funding-three-decimal-places",
        set_cell("funding", 3, "amount_gbp", "2500.505"),
        "funding.csv",
        3,
        "amount_gbp",
        "must be a number with at most 2 decimal places",
    ),
    Case(
        "funding-amount-too-large-to-be-finite",
        set_cell("funding", 3, "amount_gbp", "1e999999999"),
        "funding.csv",
        3,
        "amount_gbp",
        "is too large",
    ),
    Case(
        "funding-negative-amount",
        set_cell("funding", 4, "amount_gbp", "-5"),
        "funding.csv",
        4,
        "amount_gbp",
        "must be at least 0",
    ),
    Case(
        "funding-amount-with-pound-sign",
        set_cell("funding", 5, "amount_gbp", "£20,000"),
        "funding.csv",
        5,
        "amount_gbp",
        "must be a number written with digits",
    ),
    Case(
        "funding-kind-not-allowed",
        set_cell("funding", 2, "kind", "grant"),
        "funding.csv",
        2,
        "kind",
        "must be one of: cash, in_kind",
    ),
    Case(
        "funding-reporting-year-not-consecutive",
        set_cell("funding", 2, "reporting_year", "2024-26"),
        "funding.csv",
        2,
        "reporting_year",
        "must be a reporting year written YYYY-YY",
    ),
    Case(
        "funding-sector-missing",
        drop_column("funding", "sector"),
        "funding.csv",
        None,
        "sector",
        "required column `sector` is missing",
    ),
    Case(
        "national-action-due-before-publication",
        set_cell("national_actions", 2, "due_date", "2025-03-10"),
        "national_actions.csv",
        2,
        "due_date",
        "must be on or after `review_published_date` (2025-03-11)",
    ),
    Case(
        "national-action-completed-before-publication",
        set_cell("national_actions", 3, "completed_date", "2022-05-24"),
        "national_actions.csv",
        3,
        "completed_date",
        "must be on or after `review_published_date` (2022-05-25)",
    ),
    Case(
        "national-action-review-blank",
        set_cell("national_actions", 3, "review", ""),
        "national_actions.csv",
        3,
        "review",
        "a value is required",
    ),
    Case(
        "national-action-id-duplicate",
        set_cell("national_actions", 3, "action_id", "N1"),
        "national_actions.csv",
        3,
        "action_id",
        "must be unique",
    ),
    Case(
        "feedback-group-not-allowed",
        set_cell("feedback", 2, "group", "teenagers"),
        "feedback.csv",
        2,
        "group",
        "must be one of: children, young_people, parents_carers",
    ),
    Case(
        "feedback-method-not-allowed",
        set_cell("feedback", 3, "method", "questionnaire"),
        "feedback.csv",
        3,
        "method",
        "must be one of: survey, consultation, focus_group, advocacy, complaint, other",
    ),
    Case(
        "feedback-participants-negative",
        set_cell("feedback", 3, "participants", "-3"),
        "feedback.csv",
        3,
        "participants",
        "must be at least 0",
    ),
    Case(
        "feedback-summary-blank",
        set_cell("feedback", 2, "summary", "   "),
        "feedback.csv",
        2,
        "summary",
        "a value is required",
    ),
    Case(
        "feedback-csv-and-xlsx",
        copy_as_xlsx("feedback"),
        "feedback.csv",
        None,
        None,
        "both feedback.csv and feedback.xlsx",
    ),
    Case(
        "feedback-column-child-name",
        add_column("feedback", "child_name", "Sam"),
        "feedback.csv",
        None,
        "child_name",
        "feedback.csv has a column `child_name`; the suite never takes names: remove it",
    ),
]


IDENTIFIER_CASES = ("nhs-number-in-", "postcode-in-")
# A Python error type in a message (ValueError, BadZipFile, ...): never shown to a user.
PYTHON_ERROR = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b|BadZipFile|Traceback")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def publish_previous_output(root: Path) -> Path:
    """A previous complete output of the year, which a failed validation must not touch."""
    out = root / "outputs" / "2024-25" / "public"
    (out / "tables").mkdir(parents=True)
    (out / "report.html").write_text("<html>previous report</html>", encoding="utf-8")
    (out / "tables" / "rev_headline.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (out / "facts.json").write_text('{"reporting_year": "2024-25"}', encoding="utf-8")
    return out


def matches(problem: Problem, case: Case) -> bool:
    return (
        problem.file == case.file
        and problem.row == case.row
        and problem.column == case.column
        and case.says in problem.rule
    )


def test_there_are_at_least_30_distinct_cases():
    assert len({c.id for c in CASES}) == len(CASES) >= 30


def test_the_valid_tables_pass(tmp_path):
    root = make_repo(tmp_path)
    tables = validate_inputs(load_params(params_file(root)))
    assert tables.warnings == []
    assert len(tables.training) == 4


def read_scratch(root: Path) -> list[Problem]:
    """The full list the command line wrote under outputs/scratch/."""
    (path,) = (root / "outputs" / "scratch").glob("validation_problems_*.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Problem(
                r["file"],
                int(r["row"]) if r["row"] else None,
                r["column"] or None,
                r["value"] or None,
                r["rule"],
            )
            for r in csv.DictReader(f)
        ]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_names_file_row_and_column(case, tmp_path, capsys, warm_cache):
    root = make_repo(tmp_path, warm_cache)
    previous = publish_previous_output(root)
    before = snapshot(previous)
    case.mutate(root / "data")

    status = cli.main(["validate", str(params_file(root))])

    # exit 2 and a message naming the file (and row), never a traceback
    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err and "error:" not in err
    assert not PYTHON_ERROR.search(err), err
    assert case.file in err
    if case.row is not None:
        assert f"{case.file}, row {case.row}" in err
    if case.id.startswith(IDENTIFIER_CASES):
        # a warning for the internal edition, refusing the public one this file asks for
        assert "A public run would be refused" in err
        assert f"{case.file}, row {case.row}, column {case.column}: {case.says}" in err
        assert snapshot(previous) == before
        return
    # the full list under outputs/scratch/ holds the right file, row, column and rule
    problems = read_scratch(root)
    assert any(matches(p, case) for p in problems), format_problems(problems)
    # and the previous output is byte-for-byte unchanged
    assert snapshot(previous) == before


def test_validate_inputs_raises_with_every_problem_at_once(tmp_path):
    root = make_repo(tmp_path)
    set_cells(("reviews", 2, "age_years", "18"), ("reviews", 3, "sex", "M"))(root / "data")
    drop_column("training", "course")(root / "data")
    with pytest.raises(DataError) as info:
        validate_inputs(load_params(params_file(root)))
    found = {(p.file, p.row, p.column) for p in info.value.problems}
    assert found == {
        ("reviews.csv", 2, "age_years"),
        ("reviews.csv", 3, "sex"),
        ("training.csv", None, "course"),
    }
    assert info.value.scratch_path is None  # the caller writes the list


def test_a_failed_run_leaves_the_previous_output_unchanged(tmp_path, capsys):
    root = make_repo(tmp_path)
    set_cell("reviews", 2, "age_years", "18")(root / "data")
    previous = publish_previous_output(root)
    before = snapshot(previous)
    status = cli.main(["run", str(params_file(root)), "--quiet", "--jobs", "1"])
    err = capsys.readouterr().err
    assert status == 2
    assert "reviews.csv, row 2, column age_years" in err
    assert snapshot(previous) == before


# ---------------------------------------------------------------- warnings, not errors


def test_agency_without_staff_figure_is_a_warning(tmp_path):
    root = make_repo(tmp_path)
    set_cell("training", 5, "agency", "Dental Service")(root / "data")
    tables = validate_inputs(load_params(params_file(root)))
    (w,) = tables.warnings
    # row 5 is the only 2024-25 completion by "Dental Service": one warning at its first row
    assert (w.file, w.row, w.column, w.value) == ("training.csv", 5, "agency", "Dental Service")
    assert "no staff figure in workforce.csv" in w.rule and "2024-25" in w.rule


@pytest.mark.parametrize(
    ("text", "says", "shown"),
    [
        ("Call about 943 476 5919 today", "NHS number", "943 *** ****"),
        ("Visit the family at NB1 2AB", "postcode", "NB1 ***"),
    ],
)
def test_free_text_personal_data_is_a_warning(tmp_path, capsys, text, says, shown):
    root = make_repo(tmp_path)
    set_cell("actions", 3, "description", text)(root / "data")
    tables = validate_inputs(load_params(params_file(root)))
    (w,) = tables.warnings
    assert (w.file, w.row, w.column, w.value) == ("actions.csv", 3, "description", shown)
    assert says in w.rule
    # a warning for the internal edition, but it refuses the public one
    assert w.identifier and tables.identifiers == [w]
    assert cli.main(["validate", str(params_file(root))]) == 2  # the file's edition is public
    err = capsys.readouterr().err
    assert "A public run would be refused" in err
    assert "actions.csv, row 3, column description" in err and shown in err
    internal = params_file(root).read_text().replace("audience: public", "audience: internal")
    params_file(root).write_text(internal)
    assert cli.main(["validate", str(params_file(root))]) == 0
    err = capsys.readouterr().err
    assert "A public run would be refused" in err and "actions.csv, row 3" in err


def test_priority_of_an_action_outside_the_trend_years_is_not_checked(tmp_path):
    # trend_years 4 for 2024-25 reads 2021-04-01 to 2025-03-31; an action completed in
    # March 2021 is in no year the run reads, so its old priority id is not an error
    root = make_repo(tmp_path)
    append_row(
        "actions",
        {
            "action_id": "OLD",
            "priority": "retired_priority",
            "description": "Old",
            "lead_agency": "Council",
            "start_date": "2020-04-01",
            "due_date": "2021-03-31",
            "completed_date": "2021-03-30",
            "status": "complete",
        },
    )(root / "data")
    tables = validate_inputs(load_params(params_file(root)))
    assert "OLD" in set(tables.actions["action_id"])


# ---------------------------------------------------------------- accepted and normalised


def test_real_agency_habits_are_accepted(tmp_path):
    """BOM, CRLF, Windows-1252, `;`, spaces, upper case, DD/MM/YYYY, blank rows, xlsx."""
    root = make_repo(tmp_path)
    data = root / "data"
    rows = read_rows(data, "actions")
    rows[1] = [
        " A1 ",
        "EARLY_HELP",
        "Launch – the café strategy",
        "Council",
        "01/04/2024",
        "30/09/2024",
        "15/09/2024",
        " Complete ",
    ]
    text = "\r\n".join(";".join(r) for r in rows) + "\r\n;;;;;;;\r\n\r\n"
    (data / "actions.csv").write_bytes(text.encode("cp1252"))
    reviews = (data / "reviews.csv").read_text(encoding="utf-8").replace("WBRI", " wbri ")
    (data / "reviews.csv").write_bytes(b"\xef\xbb\xbf" + reviews.encode("utf-8"))
    (data / "workforce.xlsx").write_bytes(csv_to_xlsx_bytes(data, "workforce"))
    (data / "workforce.csv").unlink()
    tables = validate_inputs(load_params(params_file(root)))
    first = tables.actions.iloc[0]
    assert first["action_id"] == "A1" and first["priority"] == "early_help"
    assert first["status"] == "complete"
    assert first["description"] == "Launch – the café strategy"
    assert str(first["start_date"].date()) == "2024-04-01"  # day first, never month first
    assert tables.reviews.loc[0, "ethnicity"] == "WBRI"
    assert tables.sources["workforce"].format == "xlsx"
    assert int(tables.workforce["staff"].sum()) == 500 + 300 + 800


# ---------------------------------------------------------------- the optional registers

REGISTERS = ("audits", "funding", "national_actions", "feedback")


def test_absent_registers_are_not_an_error(tmp_path, capsys):
    root = make_repo(tmp_path)
    for name in REGISTERS:
        (root / "data" / f"{name}.csv").unlink()
    tables = validate_inputs(load_params(params_file(root)))
    assert tables.not_supplied == list(REGISTERS)
    assert all(tables.get(name) is None for name in REGISTERS)
    assert tables.warnings == []
    assert cli.main(["validate", str(params_file(root))]) == 0
    out = capsys.readouterr().out
    assert "optional registers not supplied (their chapters are left out): audits.csv, " in out


def test_a_header_only_register_is_supplied_with_no_rows(tmp_path):
    root = make_repo(tmp_path)
    for name in REGISTERS:
        rows = read_rows(root / "data", name)
        write_rows(root / "data", name, rows[:1])
    tables = validate_inputs(load_params(params_file(root)))
    assert tables.not_supplied == []
    for name in REGISTERS:
        frame = tables.get(name)
        assert frame is not None and frame.empty, name


def test_a_register_under_another_name_is_a_warning_not_an_error(tmp_path):
    root = make_repo(tmp_path)
    (root / "data" / "audits.csv").rename(root / "data" / "Audits.CSV")
    tables = validate_inputs(load_params(params_file(root)))
    assert tables.not_supplied == ["audits"]
    (w,) = tables.warnings
    assert w.file == "audits.csv"
    assert "was not supplied" in w.rule and "found Audits.CSV: name it audits.csv" in w.rule


def test_registers_as_excel_workbooks_are_read_like_csv(tmp_path):
    root = make_repo(tmp_path)
    data = root / "data"
    for name in REGISTERS:
        (data / f"{name}.xlsx").write_bytes(csv_to_xlsx_bytes(data, name))
        (data / f"{name}.csv").unlink()
    tables = validate_inputs(load_params(params_file(root)))
    assert {tables.sources[name].format for name in REGISTERS} == {"xlsx"}
    assert tables.funding["amount_gbp"].tolist() == [50000.0, 2500.5, 20000.0, 20000.0]
    assert tables.funding["kind"].tolist() == ["cash", "in_kind", "cash", "cash"]
    assert tables.audits["cases_audited"].tolist() == [6, 5]
    assert str(tables.national_actions.loc[1, "completed_date"].date()) == "2024-06-30"


def test_a_bad_row_in_a_register_workbook_names_the_excel_row(tmp_path, capsys):
    root = make_repo(tmp_path)
    data = root / "data"
    set_cell("feedback", 3, "participants", "lots")(data)
    (data / "feedback.xlsx").write_bytes(csv_to_xlsx_bytes(data, "feedback"))
    (data / "feedback.csv").unlink()
    assert cli.main(["validate", str(params_file(root))]) == 2
    assert "feedback.xlsx, row 3, column participants" in capsys.readouterr().err


def test_a_blank_kind_is_read_as_cash_and_a_missing_kind_column_too(tmp_path):
    root = make_repo(tmp_path)
    data = root / "data"
    rows = read_rows(data, "funding")
    write_rows(data, "funding", [r for r in rows if r[3] != "in_kind"])
    drop_column("funding", "kind")(data)
    tables = validate_inputs(load_params(params_file(root)))
    assert tables.funding["kind"].tolist() == ["cash", "cash", "cash"]


def test_agencies_are_told_apart_exactly_as_written(tmp_path):
    # "Police" and "police" are two agencies, so a blank row of each is no duplicate
    root = make_repo(tmp_path)
    append_row(
        "funding",
        {"reporting_year": "2024-25", "agency": "police", "sector": "police", "amount_gbp": "1"},
    )(root / "data")
    tables = validate_inputs(load_params(params_file(root)))
    assert sorted(set(tables.funding["agency"])) == ["Council", "Health", "Police", "police"]


@pytest.mark.parametrize(
    ("table", "row", "column", "text", "shown"),
    [
        ("feedback", 2, "summary", "A mother at NB1 2AB said the letters came late", "NB1 ***"),
        ("feedback", 2, "change_made", "Called 943 476 5919 back", "943 *** ****"),
        ("national_actions", 3, "description", "Visit NB4 7QT team", "NB4 ***"),
    ],
)
def test_register_free_text_is_read_by_the_personal_data_guard(
    tmp_path, table, row, column, text, shown
):
    root = make_repo(tmp_path)
    set_cell(table, row, column, text)(root / "data")
    tables = validate_inputs(load_params(params_file(root)))
    (w,) = tables.warnings
    assert (w.file, w.row, w.column, w.value) == (f"{table}.csv", row, column, shown)
    assert "free text looks like it holds" in w.rule


def test_every_problem_of_a_register_at_once(tmp_path):
    root = make_repo(tmp_path)
    set_cells(
        ("audits", 2, "rated_good", "9"),
        ("audits", 3, "actions_completed", "9"),
        ("funding", 3, "amount_gbp", "1.234"),
        ("feedback", 3, "group", "adults"),
    )(root / "data")
    with pytest.raises(DataError) as info:
        validate_inputs(load_params(params_file(root)))
    found = {(p.file, p.row, p.column) for p in info.value.problems}
    assert found == {
        ("audits.csv", 2, "cases_audited"),
        ("audits.csv", 3, "actions_completed"),
        ("funding.csv", 3, "amount_gbp"),
        ("feedback.csv", 3, "group"),
    }


# ---------------------------------------------------------------- property-based corruption

TABLE_FILES = [p.stem for p in sorted(VALID.glob("*.csv"))]
# Optional cells whose blank is harmless in every row of the valid tables.
HARMLESS_BLANK = {
    ("reviews", "themes"),
    ("reviews", "lcspr_published_date"),
    ("indicator_values", "target"),
    ("indicator_values", "england"),
    ("training", "confidence_before"),
    ("training", "confidence_after"),
    ("recommendations", "completed_date"),
    ("national_actions", "completed_date"),
    ("feedback", "change_made"),
}
NOT_A_DATE_OR_NUMBER = st.sampled_from(["abc", "1/2/3/4", "2024-13-45", "n/a", "-", "TRUE"])


_SHARED: dict[str, Path] = {}


def run_validate(data_mutation: Callable[[Path], None]) -> tuple[int, str]:
    """Run ``assurance validate`` on the valid tables after one mutation.

    The examples share one temporary repository (the data folder is restored each
    time), so its cache holds the unchanged tables and only the mutated ones are read.
    """
    if "root" not in _SHARED:
        _SHARED["root"] = make_repo(Path(tempfile.mkdtemp(prefix="bad_input_")))
    root = _SHARED["root"]
    shutil.rmtree(root / "data")
    shutil.copytree(VALID, root / "data")
    data_mutation(root / "data")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cli.main(["validate", str(params_file(root))])
    return status, err.getvalue()


@pytest.fixture(scope="module", autouse=True)
def _remove_shared_repository():
    yield
    if "root" in _SHARED:
        shutil.rmtree(_SHARED.pop("root"), ignore_errors=True)


def cell_positions(draw, table: str) -> tuple[int, str, list[list[str]]]:
    rows = read_rows(VALID, table)
    row = draw(st.integers(min_value=2, max_value=len(rows)))
    column = draw(st.sampled_from(rows[0]))
    return row, column, rows


SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(st.data())
def test_blanking_a_cell_is_harmless_only_for_optional_fields(data):
    table = data.draw(st.sampled_from(TABLE_FILES))
    row, column, rows = cell_positions(data.draw, table)
    status, err = run_validate(set_cell(table, row, column, ""))
    assert "Traceback" not in err
    if (table, column) in HARMLESS_BLANK or rows[row - 1][rows[0].index(column)] == "":
        assert status == 0, err
    else:
        # a required value, or an optional one a conditional rule needs in that row
        # (completed_date of a complete action, rapid_review_date of a decided review)
        # or that another table needs (an id a reference points at)
        assert status == 2, err
        assert f"{table}.csv" in err


@SLOW
@given(st.data(), NOT_A_DATE_OR_NUMBER)
def test_swapping_a_typed_value_for_text_is_named(data, junk):
    table = data.draw(st.sampled_from(TABLE_FILES))
    rows = read_rows(VALID, table)
    from safeguarding_assurance.contract.schemas import SCHEMAS

    typed = [
        c.name
        for c in SCHEMAS[table].columns
        if c.kind in ("date", "integer", "number", "category", "code", "reporting_year")
    ]
    column = data.draw(st.sampled_from(typed))
    row = data.draw(st.integers(min_value=2, max_value=len(rows)))
    status, err = run_validate(set_cell(table, row, column, junk))
    assert status == 2, err
    assert f"{table}.csv, row {row}, column {column}" in err


@SLOW
@given(st.data())
def test_duplicating_a_row_is_named(data):
    table = data.draw(st.sampled_from(TABLE_FILES))
    rows = read_rows(VALID, table)
    row = data.draw(st.integers(min_value=2, max_value=len(rows)))
    status, err = run_validate(duplicate_row(table, row))
    assert status == 2, err
    # the copy lands on the row after the last one
    assert f"{table}.csv, row {len(rows) + 1}" in err
    assert "must be unique" in err


@SLOW
@given(st.data())
def test_dropping_a_column_is_named_or_harmless(data):
    table = data.draw(st.sampled_from(TABLE_FILES))
    from safeguarding_assurance.contract.schemas import SCHEMAS

    column = data.draw(st.sampled_from(SCHEMAS[table].column_names))
    status, err = run_validate(drop_column(table, column))
    assert "Traceback" not in err
    if SCHEMAS[table].column(column).required:
        assert status == 2, err
        assert f"required column `{column}` is missing" in err
    elif (table, column) in HARMLESS_BLANK:
        assert status == 0, err
    else:
        assert status == 2, err  # completed_date or rapid_review_date a row needs


@SLOW
@given(st.binary(max_size=300))
def test_any_bytes_as_a_file_end_in_a_message(content):
    status, err = run_validate(write_bytes("reviews.csv", content))
    assert status in (0, 2)
    assert "Traceback" not in err and "error:" not in err
    if status == 2:
        assert "reviews.csv" in err


CELL_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "3.0",
            "1e9",
            "31/02/2024",
            "2024-02-29",
            "NaN",
            "None",
            "null",
            "9434765919",
            "NB1 2AB",
            ";",
            "pending",
            "WBRI",
        ]
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_text_in_any_cell_is_checked_without_an_exception(data):
    """check_table and the cross-table rules never raise, whatever the cells hold."""
    from safeguarding_assurance.contract.schemas import SCHEMAS
    from safeguarding_assurance.inputs.read import read_raw_table
    from safeguarding_assurance.inputs.validate import check_references, check_table

    table = data.draw(st.sampled_from(TABLE_FILES))
    columns = SCHEMAS[table].column_names
    n_rows = data.draw(st.integers(min_value=1, max_value=3))
    cells = [[data.draw(CELL_TEXT) for _ in columns] for _ in range(n_rows)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([columns, *cells])
        checked = check_table(table, read_raw_table(path, table))
    assert all(isinstance(p, Problem) for p in checked.errors + checked.warnings)
    if checked.frame is not None:
        frames = {**valid_frames(), table: checked.frame}
        errors, warnings = check_references(table, frames, checked.rows, TEST_PARAMS)
        assert all(isinstance(p, Problem) for p in errors + warnings)


TEST_PARAMS = Params(
    reporting_year="2024-25",
    partnership_name="Test",
    data_dir=str(VALID),
    audience="internal",
    priorities=(
        Priority("early_help", "a"),
        Priority("neglect", "b"),
        Priority("harm_outside_home", "c"),
    ),
    data_as_at="2025-06-02",
    root=VALID,
)
_VALID_FRAMES: dict[str, object] = {}


def valid_frames() -> dict:
    """The valid tables as validated frames (read once, never cached on disk)."""
    if not _VALID_FRAMES:
        tables, errors = collect_tables(TEST_PARAMS)
        assert errors == []
        _VALID_FRAMES.update(tables.loaded())
    return dict(_VALID_FRAMES)
