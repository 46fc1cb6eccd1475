"""The feedback chapter: how the partnership heard from children and families, and what changed.

Each ``show_*`` function takes the running chapter and the loaded tables (``feedback``),
computes with :mod:`safeguarding_assurance.measures.feedback` and returns the section it
shows. Participant counts describe who took part, not children at risk, and are not
suppressed; ``summary`` and ``change_made`` are published as written, escaped (the
personal-data guard read them when the register was checked). Without ``feedback.csv``
the runner leaves the chapter out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance.measures import feedback as fbk
from safeguarding_assurance.present.chapters.registers import (
    Z_NOTE,
    absent_section,
    alt_over_years,
    change_words,
    count,
    day,
    movement_title,
    pct,
    plural_word,
    release,
    span,
    with_change,
    years,
)
from safeguarding_assurance.present.charts import registers as charts
from safeguarding_assurance.present.narrative import join_words
from safeguarding_assurance.present.section import Section

BASIS = (
    "feedback activities count the people who took part, not children at risk; the "
    "contract publishes them unsuppressed"
)
GROUP_LABELS = {
    "children": "Children",
    "young_people": "Young people",
    "parents_carers": "Parents and carers",
}
METHOD_LABELS = {
    "survey": "Survey",
    "consultation": "Consultation",
    "focus_group": "Focus group",
    "advocacy": "Advocacy",
    "complaint": "Complaint",
    "other": "Other",
}
# how a sentence names each method, with its count
METHOD_WORDS = {
    "survey": ("survey", "surveys"),
    "consultation": ("consultation", "consultations"),
    "focus_group": ("focus group", "focus groups"),
    "advocacy": ("advocacy case", "advocacy cases"),
    "complaint": ("complaint", "complaints"),
    "other": ("other activity", "other activities"),
}
NOTHING_YET = "Nothing yet"


def describe_feedback(now: dict[str, Any], before: dict[str, Any], year: Any) -> list[str]:
    """The chapter's messages, in plain words, from this year's and last year's summaries."""
    n = now["activities"]
    if n == 0:
        said = f"No activity to hear from children and families was recorded in {year}"
        if before["activities"]:
            said += f" ({count(before['activities'])} last year)"
        return [said + "."]
    people, young = now["participants"], now["children_and_young_people"]
    changed = now["activities_with_change"]
    return [
        f"In {year}, {count(people)} {plural_word(people, 'person', 'people')} took part in "
        f"{count(n)} {plural_word(n, 'activity', 'activities')} to tell the partnership what "
        f"its help is like{with_change(change_words(people, before['participants']))}.",
        f"{count(young)} of them were children and young people"
        f"{with_change(change_words(young, before['children_and_young_people']))}.",
        f"{count(changed)} of the {count(n)} {plural_word(n, 'activity', 'activities')} "
        f"({pct(now['activities_with_change_pct'])}) {'has' if changed == 1 else 'have'} "
        "already led to a recorded change"
        + with_change(
            change_words(
                now["activities_with_change_pct"], before["activities_with_change_pct"], pct
            )
        )
        + ".",
    ]


def show_summary(chapter: Any, tables: Any) -> Section:
    """Show the messages, the year-on-year table and the participation chart; record the facts."""
    if tables.feedback is None:
        return absent_section(chapter, "feedback")
    section = chapter.section()
    year, last, trend_years = years(chapter)
    feedback = tables.feedback
    now, before = fbk.summarise_feedback(feedback, year), fbk.summarise_feedback(feedback, last)
    if now["activities"] == 0:
        section.warn(f"No activity in feedback.csv is dated in {year}; the chapter reports zeros.")
    section.bullets(describe_feedback(now, before, year))
    trend = fbk.trend_feedback(feedback, trend_years)
    trend["parents_carers"] = trend["participants"] - trend["children_and_young_people"]
    caption = f"Hearing from children and families, {span(trend_years)}"
    section.table(
        release(
            pd.DataFrame(
                {
                    "Reporting year": trend["reporting_year"],
                    "Activities": trend["activities"],
                    "People taking part": trend["participants"],
                    "Children and young people": trend["children_and_young_people"],
                    "Parents and carers": trend["parents_carers"],
                    "Activities with a change made": trend["activities_with_change"],
                    "Activities with a change made %": trend["activities_with_change_pct"],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "fbk_trend",
        caption,
        note="An activity is counted in the year it took place or closed. " + Z_NOTE,
        detail=True,
    )
    title = movement_title(
        "Children and young people taking part",
        now["children_and_young_people"],
        before["children_and_young_people"],
        count,
        year,
    )
    fig = charts.plot_year_bars(
        trend,
        {
            "children_and_young_people": "Children and young people",
            "parents_carers": "Parents and carers",
        },
        ylabel="People taking part",
    )
    alt = alt_over_years(
        "Bar chart of the people who took part in each year",
        trend,
        span(trend_years),
        "{children_and_young_people:,} children and young people, "
        "{parents_carers:,} parents and carers",
    )
    section.figure(
        fig,
        "fbk_participants",
        alt,
        f"Children and young people, and parents and carers, who took part in each year, "
        f"{span(trend_years)}.",
        data_shown=caption,
        title=title,
        source=chapter.source("feedback"),
    )
    section.facts("feedback", now, before, keys=fbk.FACT_KEYS)
    return section


def show_by_group(chapter: Any, tables: Any) -> Section:
    """Show who took part and how, this year: activities and people per group and method."""
    if tables.feedback is None:
        return absent_section(chapter, "feedback")
    section = chapter.section()
    year = chapter.params.year
    groups = fbk.count_by(tables.feedback, year, "group")
    methods = fbk.count_by(tables.feedback, year, "method")
    used = methods[methods["activities"] > 0]
    if not used.empty:
        items = [
            f"{count(a)} {METHOD_WORDS[m][0] if a == 1 else METHOD_WORDS[m][1]}"
            for m, a in zip(used["method"], used["activities"], strict=True)
        ]
        listed = join_words(items)
        section.text(f"In {year} the partnership listened through {listed}.")
    section.table(
        release(
            pd.DataFrame(
                {
                    "Who took part": groups["group"].map(GROUP_LABELS),
                    "Activities": groups["activities"],
                    "People taking part": groups["participants"],
                }
            ),
            BASIS,
        ),
        "fbk_groups",
        f"Who took part in {year}",
        detail=True,
    )
    return section


def show_activities(chapter: Any, tables: Any) -> Section:
    """Show each activity of the year: what was heard and what changed, in the register's words."""
    if tables.feedback is None:
        return absent_section(chapter, "feedback")
    section = chapter.section()
    year = chapter.params.year
    listed = fbk.list_activities(tables.feedback, year)
    if listed.empty:
        section.text(f"No activity is recorded for {year}.")
        return section
    section.table(
        release(
            pd.DataFrame(
                {
                    "Date": [day(d) for d in listed["date"]],
                    "Who": listed["group"].map(GROUP_LABELS),
                    "How": listed["method"].map(METHOD_LABELS),
                    "Took part": listed["participants"],
                    "What we heard": listed["summary"],
                    "What changed": [c if c else NOTHING_YET for c in listed["change_made"]],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "fbk_activities",
        f"What children and families told the partnership in {year}, and what changed",
        note=f"In the register's own words. {NOTHING_YET}: no change has been recorded yet.",
        row_headers=False,
    )
    return section
