"""The multi-agency audits chapter: the partnership's evidence of impact on practice.

Each ``show_*`` function takes the running chapter and the loaded tables (``audits``),
computes with :mod:`safeguarding_assurance.measures.audits` and returns the section it
shows. A grade describes practice, not a child, and the register holds no case
reference: nothing here is suppressed, and both audiences see each audit (theme, date,
counts). Without ``audits.csv`` the runner leaves the chapter out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance.measures import audits as aud
from safeguarding_assurance.measures.reviews import THEME_LABELS
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
    was_were,
    with_change,
    years,
)
from safeguarding_assurance.present.charts import registers as charts
from safeguarding_assurance.present.section import Section

BASIS = "multi-agency audit grades describe practice, not a child, and name no case"
ACTIONS_NOTE = (
    "Actions carry no dates, so every year's actions are shown as the register stands now."
)


def describe_audits(now: dict[str, Any], before: dict[str, Any], year: Any) -> list[str]:
    """The chapter's messages, in plain words, from this year's and last year's summaries."""
    n = now["audits_completed"]
    if n == 0:
        said = f"No multi-agency audits were completed in {year}"
        if before["audits_completed"]:
            said += f" ({count(before['audits_completed'])} last year)"
        return [said + "."]

    def against_last_year(key: str, shown: Any = pct) -> str:
        return with_change(change_words(now[key], before[key], shown))

    messages = [
        f"The partnership completed {count(n)} multi-agency case-file "
        f"{plural_word(n, 'audit')} in {year}{against_last_year('audits_completed', count)}, "
        f"looking at {count(now['cases_audited'])} children's cases in all.",
        f"{pct(now['rated_good_pct'])} of the cases audited were rated good"
        f"{against_last_year('rated_good_pct')}; {pct(now['rated_inadequate_pct'])} were "
        f"rated inadequate{against_last_year('rated_inadequate_pct')}.",
    ]
    agreed, done = now["actions_agreed"], now["actions_completed"]
    if agreed:
        messages.append(
            f"Of the {count(agreed)} {plural_word(agreed, 'action')} the audits agreed, "
            f"{count(done)} {was_were(done)} completed ({pct(now['actions_completed_pct'])})"
            f"{against_last_year('actions_completed_pct')}."
        )
    else:
        messages.append("The year's audits agreed no actions.")
    return messages


def show_summary(chapter: Any, tables: Any) -> Section:
    """Show the messages, the year-on-year table and the ratings chart; record the facts."""
    if tables.audits is None:
        return absent_section(chapter, "audits")
    section = chapter.section()
    year, last, trend_years = years(chapter)
    audits = tables.audits
    now, before = aud.summarise_audits(audits, year), aud.summarise_audits(audits, last)
    if now["audits_completed"] == 0:
        section.warn(
            f"No audits in audits.csv were completed in {year}; the chapter reports zeros."
        )
    section.bullets(describe_audits(now, before, year))
    trend = aud.trend_audits(audits, trend_years)
    caption = f"Multi-agency audits and how the cases were rated, {span(trend_years)}"
    section.table(
        release(
            pd.DataFrame(
                {
                    "Reporting year": trend["reporting_year"],
                    "Audits completed": trend["audits_completed"],
                    "Cases audited": trend["cases_audited"],
                    "Rated good %": trend["rated_good_pct"],
                    "Requires improvement %": trend["rated_requires_improvement_pct"],
                    "Rated inadequate %": trend["rated_inadequate_pct"],
                    "Actions agreed": trend["actions_agreed"],
                    "Actions completed": trend["actions_completed"],
                    "Actions completed %": trend["actions_completed_pct"],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "aud_trend",
        caption,
        note=f"Each rating as a share of all the cases audited in the year. {ACTIONS_NOTE} "
        + Z_NOTE,
        detail=True,
    )
    title = movement_title(
        "Cases rated good", now["rated_good_pct"], before["rated_good_pct"], pct, year
    )
    ratings = {
        "rated_good_pct": "Good",
        "rated_requires_improvement_pct": "Requires improvement",
        "rated_inadequate_pct": "Inadequate",
    }
    fig = charts.plot_shares(trend, ratings, empty_label="No cases audited")
    alt = alt_over_years(
        "Bar chart of how the cases audited were rated in each year",
        trend.assign(**{k: trend[k].map(pct) for k in ratings}),
        span(trend_years),
        "good {rated_good_pct}, requires improvement {rated_requires_improvement_pct}, "
        "inadequate {rated_inadequate_pct}",
    )
    section.figure(
        fig,
        "aud_ratings",
        alt,
        f"How the cases audited were rated, {span(trend_years)}: good, requires improvement "
        "and inadequate as shares of the year's cases.",
        data_shown=caption,
        title=title,
        source=chapter.source("audits"),
    )
    section.facts("audits", now, before, keys=aud.FACT_KEYS)
    return section


def show_audits(chapter: Any, tables: Any) -> Section:
    """Show each audit completed in the year: theme, date, cases, ratings and actions."""
    if tables.audits is None:
        return absent_section(chapter, "audits")
    section = chapter.section()
    year = chapter.params.year
    listed = aud.list_audits(tables.audits, year)
    if listed.empty:
        section.text(f"No audits were completed in {year}.")
        return section
    themes = listed["theme"].map(lambda t: THEME_LABELS.get(t, str(t).replace("_", " ")))
    section.text(
        f"The {count(len(listed))} {plural_word(len(listed), 'audit')} of {year} looked at "
        + ", ".join(dict.fromkeys(t.lower() for t in themes))
        + "."
    )
    section.table(
        release(
            pd.DataFrame(
                {
                    "Theme": themes,
                    "Completed": [day(d) for d in listed["completed_date"]],
                    "Cases": listed["cases_audited"],
                    "Good": listed["rated_good"],
                    "Requires improvement": listed["rated_requires_improvement"],
                    "Inadequate": listed["rated_inadequate"],
                    "Actions agreed": listed["actions_agreed"],
                    "Actions completed": listed["actions_completed"],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "aud_audits",
        f"Multi-agency audits completed in {year}, in date order",
        note=ACTIONS_NOTE,
    )
    return section
