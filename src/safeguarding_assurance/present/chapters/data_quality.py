"""The data-quality chapter: what the report rests on, one function per section.

Each ``show_*`` function takes the running chapter and the loaded tables, computes
with :mod:`safeguarding_assurance.measures.quality` and returns the section it shows.
The internal report shows everything, including each warning's file, row and value.
The public report shows a short summary: no case references, no values from free
text, and no counts of reviews by a characteristic (so the completeness of review
fields, such as ethnicity recorded, is internal only).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance import disclosure
from safeguarding_assurance.contract.published import NOT_APPLICABLE
from safeguarding_assurance.contract.schemas import OPTIONAL_TABLES
from safeguarding_assurance.measures import quality
from safeguarding_assurance.present.narrative import format_pct, join_words, plural
from safeguarding_assurance.present.section import Section

# What the public data-quality tables describe: the files, never a child.
ABOUT_FILES = "describes the input files and their rows, not any child"

Z_NOTE = f"{NOT_APPLICABLE}: not applicable: there is nothing to divide by."
# The date each register's rows are placed in a year by, in words (never a column name).
DATE_WORDS = {
    "start_date": "the action's start date",
    "period_end": "the quarter's last day",
    "notification_date": "the notification date",
    "due_date": "the recommendation's due date",
    "date": "the session or completion date",
    "reporting_year": "the reporting year given",
}


def _files(tables: Any) -> dict[str, str]:
    return {name: source.file for name, source in getattr(tables, "sources", {}).items()}


def show_files(chapter: Any, tables: Any) -> Section:
    """Show which files were read, in which format, and how many rows each holds."""
    section = chapter.section()
    section.heading("Files read", level=2)
    loaded = tables.loaded()
    counts = quality.count_rows_by_file(loaded, _files(tables))
    sources = getattr(tables, "sources", {})
    names = [t for t in loaded]
    shown = pd.DataFrame(
        {
            "File": counts["file"],
            "Format": [
                "Excel workbook" if sources.get(t) and sources[t].format == "xlsx" else "CSV"
                for t in names
            ],
            "Rows": counts["rows"],
        }
    )
    note = (
        "Every file was checked against the data contract before any figure was "
        "computed; a file that broke a rule would have stopped the run."
    )
    workbook = [sources.get(t) is not None and sources[t].format == "xlsx" for t in names]
    if any(workbook):
        # only when a workbook was read: a report from CSV files keeps its table as it was
        shown["Sheet read"] = [
            (sources[t].sheet or NOT_APPLICABLE) if xlsx else NOT_APPLICABLE
            for t, xlsx in zip(names, workbook, strict=True)
        ]
        note += (
            " Sheet read: a workbook is read from its first visible sheet, as a person "
            f"opening it sees it; {NOT_APPLICABLE}: not applicable (a CSV file has no sheets)."
        )
    if not chapter.public:
        shown["SHA-256 (first 12)"] = [
            sources[t].sha256[:12] if t in sources else "" for t in names
        ]
    section.table(
        disclosure.release(shown, ABOUT_FILES),
        "dq_files",
        "Input files read for this report",
        note=note,
        row_headers=True,
        detail=True,
    )
    total = int(counts["rows"].sum())
    section.text(
        f"The report rests on {plural(len(counts), 'input file')} holding "
        f"{plural(total, 'row')} in all; every file passed the contract's checks."
    )
    section.text(describe_registers(getattr(tables, "not_supplied", []), loaded))
    return section


def describe_registers(not_supplied: list[str], loaded: dict[str, Any]) -> str:
    """Say which optional registers were not supplied (their chapters are left out)."""
    files = [f"{name}.csv" for name in not_supplied]
    if files:
        listed = join_words(files)
        these = "register was" if len(files) == 1 else "registers were"
        their = "its chapter is" if len(files) == 1 else "their chapters are"
        return (
            f"The optional {these} not supplied: {listed}. {their[0].upper()}{their[1:]} "
            "left out of this report."
        )
    if any(name in loaded for name in OPTIONAL_TABLES):
        return "Every optional register was supplied, and each has its own chapter."
    return ""


def show_rows_per_year(chapter: Any, tables: Any) -> Section:
    """Show rows per file and reporting year over the trend years, and any empty year."""
    section = chapter.section()
    section.heading("Rows per reporting year", level=2)
    params = chapter.params
    years = params.year.trend(params.trend_years)
    counts = quality.count_rows_by_year(tables.loaded(), years, _files(tables))
    shown = counts.rename(
        columns={
            "file": "File",
            "counted by": "Year taken from",
            quality.OTHER_YEARS: "Other years",
        }
    )
    shown["Year taken from"] = shown["Year taken from"].map(lambda c: DATE_WORDS.get(c, c))
    section.table(
        disclosure.release(shown, ABOUT_FILES),
        "dq_rows_per_year",
        f"Rows per input file and reporting year, {years[0].label} to {years[-1].label}",
        note="Each row is placed in the reporting year (1 April to 31 March) of the date "
        "named; indicators.csv has no date and is not shown. Other years: rows dated "
        "before or after the years shown.",
        detail=True,
    )
    empty = quality.find_empty_years(counts, years)
    if empty.empty:
        section.text(
            f"Every dated table has rows in each of the {plural(len(years), 'reporting year')} "
            "shown."
        )
    else:
        items = [f"{f}: no rows in {y}" for f, y in zip(empty["file"], empty["value"], strict=True)]
        section.text(
            "Some tables have no rows in a year; their figures for that year are reported as "
            "zeros, with rates shown as [z]:"
        )
        section.bullets(items)
    return section


def show_completeness(chapter: Any, tables: Any) -> Section:
    """Show how complete the optional fields are for the year's rows."""
    section = chapter.section()
    section.heading("Completeness of optional fields", level=2)
    year = chapter.params.year
    measures = quality.measure_completeness(
        tables.loaded(), year, include_reviews=not chapter.public
    )
    shown = measures.rename(
        columns={"measure": "Measure", "recorded": "Recorded", "of": "Of", "percent": "%"}
    )
    note = Z_NOTE
    if chapter.public:
        note += (
            " Measures about individual reviews (such as ethnicity recorded) are shown in "
            "the internal report only."
        )
    section.table(
        disclosure.release(shown, ABOUT_FILES),
        "dq_completeness",
        f"Completeness of optional fields, {year.label}",
        note=note,
    )
    lowest = measures.dropna(subset=["percent"]).sort_values("percent").head(1)
    if not lowest.empty:
        row = lowest.iloc[0]
        section.text(
            f"Least complete this year: {row['measure']} ({format_pct(row['percent'])}, "
            f"{row['recorded']:,} of {row['of']:,})."
        )
    return section


def collect_warnings(chapter: Any, tables: Any) -> pd.DataFrame:
    """Return every warning that is not an error, for the chapter's year, as one frame."""
    params = chapter.params
    year = params.year
    loaded = tables.loaded()
    rows = getattr(tables, "rows", {})
    years = params.year.trend(params.trend_years)
    parts = [quality.frame_problems(tables.warnings)]
    if tables.reviews is not None:
        parts.append(
            quality.find_overdue_pending(
                tables.reviews,
                params.as_at,
                params.rapid_review_working_days,
                up_to=year.end,
                rows=rows.get("reviews"),
            )
        )
    if tables.actions is not None:
        parts.append(
            quality.find_stalled_actions(
                tables.actions, params.as_at, up_to=year.end, rows=rows.get("actions")
            )
        )
    parts.append(
        quality.find_empty_years(quality.count_rows_by_year(loaded, years, _files(tables)), years)
    )
    parts.append(quality.find_future_dates(loaded, params.as_at, rows))
    return quality.combine_warnings(*parts)


def show_warnings(chapter: Any, tables: Any) -> Section:
    """Show warnings that are not errors: in full (internal) or counted by kind (public)."""
    section = chapter.section()
    section.heading("Warnings", level=2)
    warnings = collect_warnings(chapter, tables)
    if warnings.empty:
        section.text("The checks raised no warnings.")
        return section
    counts = quality.count_warnings_by_kind(warnings)
    section.text(
        f"The checks raised {plural(len(warnings), 'warning')} of "
        f"{plural(len(counts), 'kind')}. Warnings do not stop the report, but the data owner "
        "should look at them before it is signed off."
    )
    if chapter.public:
        section.table(
            disclosure.release(
                counts.rename(columns={"warning": "Warning", "count": "Count"}),
                "counts of warnings by kind: no case is named",
            ),
            "dq_warning_counts",
            "Warnings by kind",
            note="Details (file, row and value) are in the internal report.",
        )
        return section
    blank_missing = warnings.astype(object).where(warnings.notna(), "")
    shown = blank_missing.rename(
        columns={
            "kind": "Kind",
            "file": "File",
            "row": "Row",
            "column": "Column",
            "value": "Value",
            "warning": "Warning",
        }
    )
    section.table(
        shown,
        "dq_warnings",
        "Warnings, with the spreadsheet row of each (the header is row 1)",
        note="Values that look like NHS numbers or postcodes are shown masked. "
        "OFFICIAL-SENSITIVE: this list can name cases.",
        row_headers=False,
    )
    return section
