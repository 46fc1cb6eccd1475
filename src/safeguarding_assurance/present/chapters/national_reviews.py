"""The national reviews chapter: what the partnership did about national reviews' findings.

Each ``show_*`` function takes the running chapter and the loaded tables
(``national_actions``), computes with
:mod:`safeguarding_assurance.measures.national_reviews` and returns the section it
shows. The register describes the partnership's actions on published national reports,
never a child: public output may show every row, so both audiences see the same
chapter. Without ``national_actions.csv`` the runner leaves the chapter out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance.measures import national_reviews as nat
from safeguarding_assurance.present.chapters.registers import (
    absent_section,
    alt_over_years,
    change_words,
    count,
    day,
    movement_title,
    plural_word,
    release,
    span,
    was_were,
    with_change,
    years,
)
from safeguarding_assurance.present.charts import registers as charts
from safeguarding_assurance.present.section import Section

EARLIER = "a year earlier"  # figures at a year's end compare with the end of the year before
BASIS = "actions on published national reviews describe the partnership's work, not any child"
DEFINITIONS = (
    "A review is acted on in a year when it had been published by 31 March and at least one "
    "of its actions was not finished before 1 April. An action is open when it was not "
    "completed by 31 March, and overdue when it was also due by then."
)


def _actions(n: int) -> str:
    return f"{count(n)} {plural_word(n, 'action')}"


def describe_national_actions(now: dict[str, Any], before: dict[str, Any], year: Any) -> list[str]:
    """The chapter's messages, in plain words, from this year's and last year's summaries."""
    acted = now["reviews_acted_on"]
    if acted == 0:
        said = f"The partnership had no actions under way on national reviews in {year}"
        if before["reviews_acted_on"]:
            said += f" (it acted on {count(before['reviews_acted_on'])} last year)"
        return [said + "."]
    done, open_, overdue = now["actions_completed"], now["actions_open"], now["actions_overdue"]
    messages = [
        f"The partnership acted on {count(acted)} national {plural_word(acted, 'review')} "
        f"and reports in {year}{with_change(change_words(acted, before['reviews_acted_on']))}.",
        f"{_actions(done)} {was_were(done)} completed in the year"
        f"{with_change(change_words(done, before['actions_completed']))}.",
    ]
    at_end = f"At {day(year.end)}, {_actions(open_)} {was_were(open_)} still open"
    at_end += with_change(change_words(open_, before["actions_open"], when=EARLIER))
    if open_:
        at_end += (
            f"; {count(overdue)} of them {was_were(overdue)} past the due date"
            f"{with_change(change_words(overdue, before['actions_overdue'], when=EARLIER))}"
        )
    messages.append(at_end + ".")
    if overdue:
        messages.append(
            "Overdue actions on national reviews are a concern for the board to follow up."
        )
    return messages


def show_summary(chapter: Any, tables: Any) -> Section:
    """Show the messages, the year-on-year table and the open-actions chart; record the facts."""
    if tables.national_actions is None:
        return absent_section(chapter, "national_actions")
    section = chapter.section()
    year, last, trend_years = years(chapter)
    actions = tables.national_actions
    now = nat.summarise_national_actions(actions, year)
    before = nat.summarise_national_actions(actions, last)
    if now["actions_acted_on"] == 0 and now["actions_completed"] == 0:
        section.warn(
            f"No action in national_actions.csv was under way in {year}; the chapter reports zeros."
        )
    section.bullets(describe_national_actions(now, before, year))
    trend = nat.trend_national_actions(actions, trend_years)
    caption = f"Actions on national reviews, {span(trend_years)}"
    section.table(
        release(
            pd.DataFrame(
                {
                    "Reporting year": trend["reporting_year"],
                    "Reviews acted on": trend["reviews_acted_on"],
                    "Actions completed in the year": trend["actions_completed"],
                    "Actions open at the year's end": trend["actions_open"],
                    "Of which overdue": trend["actions_overdue"],
                }
            ),
            BASIS,
        ),
        "nat_trend",
        caption,
        note=DEFINITIONS,
        detail=True,
    )
    title = movement_title(
        "Overdue actions on national reviews",
        now["actions_overdue"],
        before["actions_overdue"],
        count,
        year,
    )
    fig = charts.plot_year_bars(
        trend,
        {
            "actions_completed": "Completed in the year",
            "actions_open": "Open at the year's end",
            "actions_overdue": "Overdue at the year's end",
        },
        ylabel="Actions",
    )
    alt = alt_over_years(
        "Bar chart of actions on national reviews in each year",
        trend,
        span(trend_years),
        "{actions_completed:,} completed, {actions_open:,} open at the year's end, "
        "{actions_overdue:,} overdue",
    )
    section.figure(
        fig,
        "nat_actions",
        alt,
        f"Actions on national reviews completed in each year, and open and overdue at each "
        f"year's end, {span(trend_years)}.",
        data_shown=caption,
        title=title,
        source=chapter.source("national_actions"),
    )
    section.facts("national_reviews", now, before, keys=nat.FACT_KEYS)
    return section


def show_reviews(chapter: Any, tables: Any) -> Section:
    """Show each national review acted on in the year, with its actions."""
    if tables.national_actions is None:
        return absent_section(chapter, "national_actions")
    section = chapter.section()
    year = chapter.params.year
    table = nat.summarise_by_review(tables.national_actions, year)
    if table.empty:
        section.text(f"No national review had actions under way in {year}.")
        return section
    section.table(
        release(
            pd.DataFrame(
                {
                    "Review or report": table["review"],
                    "Published": [day(d) for d in table["published"]],
                    "Actions under way in the year": table["actions"],
                    "Completed in the year": table["completed"],
                    f"Open at {day(year.end)}": table["open"],
                    "Overdue": table["overdue"],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "nat_reviews",
        f"National reviews and reports acted on in {year}, earliest published first",
        note="Titles are shown as the register writes them; two titles that differ in any "
        "character are counted as two reviews.",
    )
    return section


def show_open_actions(chapter: Any, tables: Any) -> Section:
    """Show the actions still open at the year's end, overdue ones first."""
    if tables.national_actions is None:
        return absent_section(chapter, "national_actions")
    section = chapter.section()
    year = chapter.params.year
    listed = nat.list_open_actions(tables.national_actions, year)
    if listed.empty:
        section.text(f"Every action on a national review was completed by {day(year.end)}.")
        return section
    overdue = int(listed["overdue"].sum())
    section.text(
        f"{_actions(len(listed))} {was_were(len(listed))} open at {day(year.end)}, "
        f"{count(overdue)} of them overdue. Each has a lead agency that reports on it to the "
        "partnership."
    )
    section.table(
        release(
            pd.DataFrame(
                {
                    "Review or report": listed["review"],
                    "Action": listed["description"],
                    "Lead agency": listed["lead_agency"],
                    "Due": [day(d) for d in listed["due_date"]],
                    "Status at the year's end": [
                        "Overdue" if o else "Not yet due" for o in listed["overdue"]
                    ],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "nat_open_actions",
        f"Actions on national reviews open at {day(year.end)}, overdue first",
        row_headers=False,
        detail=True,
    )
    return section
