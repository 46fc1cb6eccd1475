"""Data-quality measures: pure functions over the validated frames.

What the data-quality chapter shows: how many rows each file holds and in which
reporting years, how complete the optional fields are, and the warnings that are not
errors (a review pending beyond the rapid review timescale, an action past its due date
not started, a year with no rows, a training agency without a staff figure, free text
that looks like personal data). Every function takes frames and plain values and
returns a new frame; none changes its inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.contract.schemas import ETHNICITY_NOT_KNOWN, TABLE_NAMES
from safeguarding_assurance.errors import Problem
from safeguarding_assurance.measures.rounding import percent

# The date that places a row in a reporting year, per table (indicators have none).
YEAR_COLUMNS: dict[str, str] = {
    "actions": "start_date",
    "indicator_values": "period_end",
    "reviews": "notification_date",
    "recommendations": "due_date",
    "training": "date",
    "workforce": "reporting_year",
    # the optional registers, when supplied
    "audits": "completed_date",
    "funding": "reporting_year",
    "national_actions": "review_published_date",
    "feedback": "date",
}
# Year columns whose empty years are no warning: an action on a national review runs
# on after the year its review was published, so a year with no review published still
# has figures.
NOT_EMPTY_WARNED = ("review_published_date",)
OTHER_YEARS = "other years"
WARNING_COLUMNS = ["kind", "file", "row", "column", "value", "warning"]

KIND_PENDING = "review pending beyond the rapid review timescale"
KIND_NOT_STARTED = "action past its due date and not started"
KIND_EMPTY_YEAR = "reporting year with no rows"
KIND_NO_STAFF = "training agency without a staff figure"
KIND_NHS_TEXT = "free text that looks like an NHS number"
KIND_POSTCODE_TEXT = "free text that looks like a postcode"
KIND_FUTURE = "date after the registers were extracted"
KIND_NHS_ID = "identifier that looks like an NHS number"
KIND_SHEET_NAME = "sheet name that looks like an NHS number or a postcode"
KIND_OTHER_SHEETS = "workbook with data on sheets that were not read"
KIND_OTHER = "other warning"
# how a warning from loading (validation) is recognised, by words of its rule
LOAD_KINDS = (
    ("free text looks like it holds an NHS number", KIND_NHS_TEXT),
    ("free text looks like it holds a postcode", KIND_POSTCODE_TEXT),
    ("no staff figure", KIND_NO_STAFF),
    ("look like NHS numbers (10 digits", KIND_NHS_ID),
    ("looks like an NHS number (10 digits", KIND_NHS_ID),
    ("the name of the sheet read looks like", KIND_SHEET_NAME),
    ("other sheets hold data", KIND_OTHER_SHEETS),
)


def label_reporting_years(dates: pd.Series) -> pd.Series:
    """Return the reporting year (``YYYY-YY``) of each date; missing dates stay missing."""
    d = pd.to_datetime(dates)
    first = d.dt.year - (d.dt.month < 4).astype("Int64")
    second = (first + 1) % 100
    label = (
        first.astype("Int64").astype("str")
        + "-"
        + second.astype("Int64").astype("str").str.zfill(2)
    )
    return label.where(d.notna())


def _spreadsheet_rows(frame: pd.DataFrame, rows: pd.Index | None) -> pd.Series:
    """Spreadsheet row of each frame row: from loading, else position + 2 (header = row 1)."""
    if rows is not None and len(rows) == len(frame):
        return pd.Series(rows.to_numpy(), index=frame.index)
    return pd.Series(range(2, 2 + len(frame)), index=frame.index)


def count_rows_by_file(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return one row per loaded table: the file read and its number of rows."""
    names = [t for t in TABLE_NAMES if tables.get(t) is not None]
    return pd.DataFrame(
        {
            "file": [(files or {}).get(t, f"{t}.csv") for t in names],
            "rows": [len(tables[t]) for t in names],
        }
    )


def count_rows_by_year(
    tables: Mapping[str, pd.DataFrame],
    years: Iterable[ReportingYear],
    files: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return rows per file and reporting year (by each table's year column), oldest first.

    Rows dated outside ``years`` are counted under "other years"; a missing date
    cannot happen in a validated frame for these columns (they are required).
    """
    labels = [y.label for y in years]
    records = []
    for table, column in YEAR_COLUMNS.items():
        frame = tables.get(table)
        if frame is None:
            continue
        if column == "reporting_year":
            year_of = frame[column].astype("str")
        else:
            year_of = label_reporting_years(frame[column])
        counts = year_of.value_counts()
        record = {"file": (files or {}).get(table, f"{table}.csv"), "counted by": column}
        record.update({label: int(counts.get(label, 0)) for label in labels})
        record[OTHER_YEARS] = int(len(frame) - sum(record[label] for label in labels))
        records.append(record)
    return pd.DataFrame(records, columns=["file", "counted by", *labels, OTHER_YEARS])


def find_empty_years(rows_by_year: pd.DataFrame, years: Iterable[ReportingYear]) -> pd.DataFrame:
    """Return a warning for each table and reporting year with no rows (zeros are reported)."""
    records = []
    for year in years:
        if year.label not in rows_by_year:
            continue
        empty = rows_by_year[
            (rows_by_year[year.label] == 0) & ~rows_by_year["counted by"].isin(NOT_EMPTY_WARNED)
        ]
        records += [
            {
                "kind": KIND_EMPTY_YEAR,
                "file": file,
                "row": None,
                "column": column,
                "value": year.label,
                "warning": f"no rows in {year.label}: its figures are reported as zeros "
                "(and rates as [z])",
            }
            for file, column in zip(empty["file"], empty["counted by"], strict=True)
        ]
    return pd.DataFrame(records, columns=WARNING_COLUMNS)


def _in_year(dates: pd.Series, year: ReportingYear) -> pd.Series:
    return dates.between(pd.Timestamp(year.start), pd.Timestamp(year.end)).fillna(False)


def _measure(label: str, recorded: int, total: int) -> dict[str, object]:
    return {
        "measure": label,
        "recorded": recorded,
        "of": total,
        "percent": percent(recorded, total),
    }


def measure_completeness(
    tables: Mapping[str, pd.DataFrame], year: ReportingYear, include_reviews: bool = True
) -> pd.DataFrame:
    """Return how complete the optional fields are for the year's rows.

    ``include_reviews=False`` leaves out the measures about reviews (ethnicity recorded,
    themes recorded): counts of reviews by a characteristic are for the internal report.
    """
    rows: list[dict[str, object]] = []
    reviews = tables.get("reviews")
    if include_reviews and reviews is not None:
        notified = reviews[_in_year(reviews["notification_date"], year)]
        recorded = notified["ethnicity"].notna() & ~notified["ethnicity"].isin(ETHNICITY_NOT_KNOWN)
        rows.append(
            _measure(
                "Reviews notified with ethnicity recorded (not REFU or NOBT)",
                int(recorded.sum()),
                len(notified),
            )
        )
        rows.append(
            _measure(
                "Reviews notified with at least one theme recorded",
                int(notified["themes"].notna().sum()),
                len(notified),
            )
        )
    training = tables.get("training")
    if training is not None:
        completions = training[
            _in_year(training["date"], year) & training["outcome"].eq("completed").fillna(False)
        ]
        both = completions["confidence_before"].notna() & completions["confidence_after"].notna()
        rows.append(
            _measure("Completions with both confidence scores", int(both.sum()), len(completions))
        )
        workforce = tables.get("workforce")
        if workforce is not None:
            agencies = set(completions["agency"].dropna())
            staffed = set(workforce.loc[workforce["reporting_year"] == year.label, "agency"])
            rows.append(
                _measure(
                    "Agencies with completions that have a staff figure",
                    len(agencies & staffed),
                    len(agencies),
                )
            )
    values = tables.get("indicator_values")
    if values is not None:
        in_year = values[_in_year(values["period_end"], year)]
        rows.append(
            _measure(
                "Indicator values with a target", int(in_year["target"].notna().sum()), len(in_year)
            )
        )
        rows.append(
            _measure(
                "Indicator values with an England comparator",
                int(in_year["england"].notna().sum()),
                len(in_year),
            )
        )
    return pd.DataFrame(rows, columns=["measure", "recorded", "of", "percent"])


def find_overdue_pending(
    reviews: pd.DataFrame,
    as_at: dt.date,
    working_days: int,
    up_to: dt.date,
    rows: pd.Index | None = None,
) -> pd.DataFrame:
    """Return reviews still pending more than ``working_days`` working days after notification.

    Counted as at ``as_at`` (the day the registers were extracted), for reviews notified
    on or before ``up_to`` (the year's last day).
    """
    from safeguarding_assurance.measures.dates import working_days_between_series

    pending = reviews["decision"].eq("pending").fillna(False) & (
        reviews["notification_date"] <= pd.Timestamp(up_to)
    ).fillna(False)
    chosen = reviews[pending]
    elapsed = working_days_between_series(
        chosen["notification_date"], pd.Series(pd.Timestamp(as_at), index=chosen.index)
    )
    late = (elapsed > working_days).fillna(False).astype(bool)
    found = chosen[late]
    return pd.DataFrame(
        {
            "kind": KIND_PENDING,
            "file": "reviews.csv",
            "row": _spreadsheet_rows(reviews, rows)[found.index].astype("Int64"),
            "column": "decision",
            "value": found["case_ref"],
            "warning": [
                f"still pending {int(n)} working days after notification "
                f"({d:%Y-%m-%d}) as at {as_at:%Y-%m-%d}; the timescale is {working_days}"
                for n, d in zip(elapsed[late], found["notification_date"], strict=True)
            ],
        },
        columns=WARNING_COLUMNS,
    ).reset_index(drop=True)


def find_stalled_actions(
    actions: pd.DataFrame, as_at: dt.date, up_to: dt.date, rows: pd.Index | None = None
) -> pd.DataFrame:
    """Return actions past their due date (before ``as_at``) whose status is still not_started.

    Only actions started on or before ``up_to`` (the year's last day) are listed.
    """
    stalled = (
        actions["status"].eq("not_started").fillna(False)
        & (actions["due_date"] < pd.Timestamp(as_at)).fillna(False)
        & (actions["start_date"] <= pd.Timestamp(up_to)).fillna(False)
    )
    found = actions[stalled]
    return pd.DataFrame(
        {
            "kind": KIND_NOT_STARTED,
            "file": "actions.csv",
            "row": _spreadsheet_rows(actions, rows)[found.index].astype("Int64"),
            "column": "status",
            "value": found["action_id"],
            "warning": [
                f"due on {d:%Y-%m-%d} but still not_started as at {as_at:%Y-%m-%d}"
                for d in found["due_date"]
            ],
        },
        columns=WARNING_COLUMNS,
    ).reset_index(drop=True)


# Dates that describe something that has happened, so cannot be after the extract date.
PAST_DATES: dict[str, tuple[str, ...]] = {
    "actions": ("start_date", "completed_date"),
    "reviews": ("aware_date", "notification_date", "rapid_review_date", "lcspr_published_date"),
    "recommendations": ("completed_date",),
    "training": ("date",),
    "audits": ("completed_date",),
    "national_actions": ("review_published_date", "completed_date"),
    "feedback": ("date",),
}


def find_future_dates(
    tables: Mapping[str, pd.DataFrame],
    as_at: dt.date,
    rows: Mapping[str, pd.Index] | None = None,
) -> pd.DataFrame:
    """Return dates of past events (completion, notification, session) after ``as_at``.

    Grouped per file and column: one warning names the first row and how many rows.
    """
    records = []
    for table, columns in PAST_DATES.items():
        frame = tables.get(table)
        if frame is None:
            continue
        numbers = _spreadsheet_rows(frame, (rows or {}).get(table))
        for column in columns:
            late = (frame[column] > pd.Timestamp(as_at)).fillna(False)
            if not late.any():
                continue
            first = late.idxmax()
            records.append(
                {
                    "kind": KIND_FUTURE,
                    "file": f"{table}.csv",
                    "row": int(numbers[first]),
                    "column": column,
                    "value": None,
                    "warning": f"{int(late.sum()):,} row(s) dated after {as_at:%Y-%m-%d}, the "
                    "day the registers were extracted (the first is this row)",
                }
            )
    return pd.DataFrame(records, columns=WARNING_COLUMNS)


def frame_problems(problems: Iterable[Problem]) -> pd.DataFrame:
    """Return warnings found while loading as a frame, each with its kind."""

    def kind(rule: str) -> str:
        return next((k for start, k in LOAD_KINDS if start in rule), KIND_OTHER)

    items = list(problems)
    return pd.DataFrame(
        {
            "kind": [kind(p.rule) for p in items],
            "file": [p.file for p in items],
            "row": pd.array([p.row for p in items], dtype="Int64"),
            "column": [p.column for p in items],
            "value": [p.value for p in items],
            "warning": [p.rule for p in items],
        },
        columns=WARNING_COLUMNS,
    )


def combine_warnings(*frames: pd.DataFrame) -> pd.DataFrame:
    """Stack warning frames into one, in the order given, without empty frames' noise."""
    kept = [f for f in frames if len(f)]
    if not kept:
        return pd.DataFrame(columns=WARNING_COLUMNS)
    out = pd.concat(kept, ignore_index=True)
    out["row"] = out["row"].astype("Int64")
    return out


def count_warnings_by_kind(warnings: pd.DataFrame) -> pd.DataFrame:
    """Return how many warnings of each kind there are (what the public report shows)."""
    counts = warnings.groupby("kind", sort=False).size()
    return pd.DataFrame({"warning": counts.index, "count": counts.to_numpy()})
