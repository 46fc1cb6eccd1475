"""The practice reviews chapter: one function per report section.

Each ``show_*`` function takes the running chapter and the loaded tables
(``reviews``, ``recommendations``), computes with :mod:`safeguarding_assurance.measures.reviews`,
applies :mod:`safeguarding_assurance.disclosure.rules` when the audience is public, draws,
builds its sentences from the figures and returns the section it shows.

Public output follows the contract's disclosure control: headline totals are shown
in full; breakdowns by a characteristic are pooled over the trend years and
suppressed; nothing case-level (no case reference) is shown. Internal output
shows the year's breakdowns beside the pooled ones, and the case lists.

Counts of notifications are not a performance measure (the national statistics
say so): sentences about them say "compared with", never "improved" or "worse".
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance import disclosure
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.contract.published import SUPPRESSED
from safeguarding_assurance.disclosure import DisclosedTable
from safeguarding_assurance.measures.reviews import (
    DECISION_LABELS,
    DECISIONS,
    Timescales,
    count_recommendations_by_agency,
    facts_reviews,
    list_lcsprs_published,
    list_overdue_pending,
    measure_trend,
    measure_year,
    pooled_label,
    select_notified,
    summarise_recommendations,
    tabulate_breakdown,
    tabulate_breakdown_by_year,
    trend_years,
)
from safeguarding_assurance.measures.rounding import percent
from safeguarding_assurance.present.charts.reviews import (
    describe_marks,
    plot_breakdown,
    plot_review_trend,
)
from safeguarding_assurance.present.narrative import (
    format_count,
    format_pct,
    join_words,
    long_date,
    plural,
    was_were,
)
from safeguarding_assurance.present.section import Section

COUNTS_CAVEAT = (
    "The number of notifications reflects the serious incidents that happened and met "
    "the criteria for notification. It is not a measure of how well agencies are "
    "working, and the national statistics advise against reading a change in it that way."
)
SMALL_NUMBERS_CAVEAT = (
    "With so few reviews a single case moves these percentages a long way, so they are "
    "best read alongside the counts."
)
DECISION_WORDS = {
    "lcspr": "led to an LCSPR",
    "no_lcspr": "needed no LCSPR",
    "national_review": "went to a national review",
    "pending": "is still awaiting its rapid review",
}
BREAKDOWN_WORDS = {
    "incident_type": "incident type",
    "age_band": "age band",
    "sex": "sex",
    "ethnicity_group": "ethnicity group",
    "theme": "theme",
}

DECISIONS_BASIS = (
    "rapid review decisions by year: a decision describes the review, not a characteristic "
    "of the child"
)
RECOMMENDATIONS_BASIS = "recommendations by agency: they describe agencies, not children"

# ---------------------------------------------------------------- shared pieces


def _totals(frame: pd.DataFrame) -> DisclosedTable:
    """Headline totals and timeliness: the contract publishes them in full."""
    return disclosure.release(frame, "headline totals and timeliness, published in full")


def _setting(chapter: Any) -> tuple[ReportingYear, Timescales]:
    return chapter.params.year, Timescales.from_params(chapter.params)


def _start(n: int, singular: str) -> str:
    """Start a sentence with a count: ``No LCSPRs``, ``1 LCSPR``, ``2 LCSPRs``."""
    return f"No {singular}s" if n == 0 else plural(n, singular)


def _share(num: int, den: int, pct: float | None) -> str:
    return f"{format_count(num)} of {format_count(den)} ({format_pct(pct)})"


def _within_words(timescales: Timescales) -> dict[str, str]:
    return {
        "notified": f"Notified within {timescales.notify_working_days} working days",
        "rapid_review": (
            f"Rapid review within {timescales.rapid_review_working_days} working days"
        ),
        "lcsprs_published": f"LCSPR published within {timescales.lcspr_months} months",
    }


# ---------------------------------------------------------------- headline


def trend_message(counts: pd.DataFrame, year: ReportingYear) -> str:
    """The trend chart's message: this year's notifications beside last year's, unjudged."""
    rows = counts.set_index("Reporting year")["Notifications"]
    now = int(rows.get(year.label, 0))
    before = rows.get(year.previous().label)
    said = f"{plural(now, 'serious incident')} {was_were(now)} notified in {year}"
    if before is None:
        return said
    return said + f", against {format_count(int(before))} the year before"


def _headline_table(current: dict, previous: dict, year: ReportingYear) -> pd.DataFrame:
    rows = [
        ("Serious incident notifications", "notifications"),
        ("Rapid reviews completed", "rapid_reviews_completed"),
        ("Decisions to hold an LCSPR", "decision_lcspr"),
        ("LCSPRs published in the year", "lcsprs_published"),
        ("Awaiting a rapid review beyond the timescale", "pending_past_timescale"),
    ]
    return pd.DataFrame(
        {
            "Measure": [label for label, _ in rows],
            year.previous().label: [previous[key] for _, key in rows],
            year.label: [current[key] for _, key in rows],
        }
    )


def _timeliness_table(
    current: dict, previous: dict, year: ReportingYear, timescales: Timescales
) -> pd.DataFrame:
    words = _within_words(timescales)
    parts = [
        ("notified", "notified_within_timescale", "notifications"),
        ("rapid_review", "rapid_review_within_timescale", "rapid_reviews_completed"),
        ("lcsprs_published", "lcsprs_published_within_timescale", "lcsprs_published"),
    ]
    rows = [
        {
            "Timescale": words[word],
            "Reporting year": label,
            "Within timescale": m[num],
            "Out of": m[den],
            "% within timescale": m[f"{num}_pct"],
        }
        for word, num, den in parts
        for label, m in ((year.previous().label, previous), (year.label, current))
    ]
    return pd.DataFrame(rows)


def _headline_sentences(
    current: dict, previous: dict, year: ReportingYear, timescales: Timescales
) -> list[str]:
    n, last = current["notifications"], previous["notifications"]
    first = (
        f"In {year.label} the partnership notified the National Panel of "
        f"{plural(n, 'serious incident')}, compared with {format_count(last)} in "
        f"{year.previous().label}."
    )
    if n:
        first += (
            f" A rapid review was completed for {format_count(current['rapid_reviews_completed'])}"
            f" of them, and {format_count(current['decision_lcspr'])} led to a decision to "
            "hold a local child safeguarding practice review (LCSPR)."
        )
    published = current["lcsprs_published"]
    first += (
        f" {_start(published, 'LCSPR')} {was_were(published)} published in the year, counted by "
        "publication date whatever the year of notification."
    )
    sentences = [first, COUNTS_CAVEAT]
    t = timescales
    parts = (
        (
            "notified_within_timescale",
            "notifications",
            f"Notified within {t.notify_working_days} working days of the local authority "
            "becoming aware",
        ),
        (
            "rapid_review_within_timescale",
            "rapid_reviews_completed",
            f"Rapid review completed within {t.rapid_review_working_days} working days of "
            "notification",
        ),
        (
            "lcsprs_published_within_timescale",
            "lcsprs_published",
            f"LCSPRs published in the year within {t.lcspr_months} months of the rapid review",
        ),
    )
    timing = []
    for key, den_key, phrase in parts:
        if current[den_key] == 0:
            continue
        text = f"{phrase}: {_share(current[key], current[den_key], current[key + '_pct'])}"
        before = previous[f"{key}_pct"]
        if before is not None:
            text += f", against {format_pct(before)} in {year.previous().label}"
        timing.append(text + ".")
    if timing:
        sentences += [*timing, SMALL_NUMBERS_CAVEAT]
    return sentences


def show_headline(chapter: Any, tables: Any) -> Section:
    """Show headline counts and timeliness for the year beside last year; record the facts."""
    section = chapter.section()
    year, timescales = _setting(chapter)
    as_at = chapter.params.as_at
    reviews, recommendations = tables.reviews, tables.recommendations
    current = measure_year(reviews, year, timescales, as_at)
    previous = measure_year(reviews, year.previous(), timescales, as_at)
    if current["notifications"] == 0:
        section.warn(
            f"reviews: no review in reviews.csv was notified in {year.label}; the chapter "
            "reports zeros."
        )
    section.text(*_headline_sentences(current, previous, year, timescales))
    section.table(
        _totals(_headline_table(current, previous, year)),
        "rev_headline",
        f"Serious incident notifications and reviews, {year.previous().label} and {year.label}",
        note=(
            "Notifications, rapid reviews and decisions belong to the year of notification; "
            "LCSPRs published are counted by publication date. 'Awaiting a rapid review "
            "beyond the timescale' is as the registers stood on "
            f"{long_date(as_at)}."
        ),
        detail=True,
    )
    section.table(
        _totals(_timeliness_table(current, previous, year, timescales)),
        "rev_timeliness",
        f"Reviews within the statutory timescales, {year.previous().label} and {year.label}",
        note=(
            "Notified: working days from the local authority becoming aware to notification, "
            "over the year's notifications. Rapid review: working days from notification to "
            "the rapid review, over the year's notifications with a rapid review. LCSPR: "
            "published no later than the same day of the month, "
            f"{timescales.lcspr_months} months after the rapid review, over LCSPRs published "
            "in the year. Working days leave out weekends and England and Wales bank "
            "holidays. [z]: not applicable: no cases, so nothing to divide by."
        ),
        detail=True,
    )
    section.facts(
        "reviews",
        current=facts_reviews(reviews, recommendations, year, timescales),
        previous=facts_reviews(reviews, recommendations, year.previous(), timescales),
    )

    # ---------------------------------------------------------------- trend
    return section


def show_trend(chapter: Any, tables: Any) -> Section:
    """Show the trend table and chart of the headline measures over the trend years."""
    section = chapter.section()
    year, timescales = _setting(chapter)
    years = trend_years(year, chapter.params.trend_years)
    trend = measure_trend(tables.reviews, years, timescales)
    words = _within_words(timescales)
    table = pd.DataFrame(
        {
            "Reporting year": trend["reporting_year"],
            "Notifications": trend["notifications"],
            "Rapid reviews completed": trend["rapid_reviews_completed"],
            "Decisions to hold an LCSPR": trend["decision_lcspr"],
            "LCSPRs published": trend["lcsprs_published"],
            f"{words['notified']} (%)": trend["notified_within_timescale_pct"],
            f"{words['rapid_review']} (%)": trend["rapid_review_within_timescale_pct"],
            f"{words['lcsprs_published']} (%)": trend["lcsprs_published_within_timescale_pct"],
        }
    )
    span = pooled_label(years)
    total = int(trend["notifications"].sum())
    low, high = int(trend["notifications"].min()), int(trend["notifications"].max())
    spread = (
        f"{format_count(low)} in each year"
        if low == high
        else f"between {format_count(low)} and {format_count(high)} a year"
    )
    section.text(
        f"Over the {len(years)} reporting years {span} the partnership made "
        f"{plural(total, 'notification')}, {spread}.",
        COUNTS_CAVEAT if len(years) > 1 else "",
    )
    section.table(
        _totals(table),
        "rev_trend",
        f"Notifications, reviews and timeliness by reporting year, {span}",
        note="Percentages are over that year's cases. [z]: not applicable: no cases, so "
        "nothing to divide by.",
    )
    counts = table[
        ["Reporting year", "Notifications", "Rapid reviews completed", "LCSPRs published"]
    ]
    series_text = " ".join(
        f"{col}: "
        + ", ".join(
            f"{format_count(v)} in {y}"
            for y, v in zip(counts["Reporting year"], counts[col], strict=True)
        )
        + "."
        for col in counts.columns[1:]
    )
    section.figure(
        plot_review_trend(counts),
        "rev_trend_chart",
        alt=f"Bar chart of notifications, rapid reviews completed and LCSPRs published in "
        f"each reporting year, {span}. {series_text}",
        caption=f"Notifications, rapid reviews completed and LCSPRs published in each "
        f"reporting year, {span}",
        data=_totals(counts),
        title=trend_message(counts, year),
        source=chapter.source("reviews"),
    )
    return section


# ---------------------------------------------------------------- decisions


def show_decisions(chapter: Any, tables: Any) -> Section:
    """Show the rapid reviews' decisions by year of notification, over the trend years."""
    section = chapter.section()
    year, timescales = _setting(chapter)
    years = trend_years(year, chapter.params.trend_years)
    trend = measure_trend(tables.reviews, years, timescales)
    table = pd.DataFrame(
        {"Reporting year": trend["reporting_year"]}
        | {DECISION_LABELS[d]: trend[f"decision_{d}"] for d in DECISIONS}
        | {"Notifications": trend["notifications"]}
    )
    this = trend.iloc[-1]
    n = int(this["notifications"])
    if n:
        counts = {d: int(this[f"decision_{d}"]) for d in DECISIONS}
        parts = [
            f"{format_count(k)} "
            + (DECISION_WORDS[d].replace("is ", "are ") if k > 1 else DECISION_WORDS[d])
            for d, k in counts.items()
            if k
        ]
        listed = join_words(parts)
        sentence = f"Of the {plural(n, 'notification')} in {year.label}, {listed}."
    else:
        sentence = f"There were no notifications in {year.label}, so no decisions."
    section.text(
        sentence,
        "A rapid review decides whether a local child safeguarding practice review (LCSPR) "
        "is needed, or whether the National Panel will review the case itself; 'decision "
        "pending' means the rapid review has not yet been completed.",
    )
    section.table(
        disclosure.release(table, DECISIONS_BASIS),
        "rev_decisions",
        f"Rapid review decisions by year of notification, {pooled_label(years)}",
    )

    # ---------------------------------------------------------------- LCSPRs published
    return section


def show_lcsprs_published(chapter: Any, tables: Any) -> Section:
    """Show LCSPRs published each year and how many in time; internal also lists them."""
    section = chapter.section()
    year, timescales = _setting(chapter)
    years = trend_years(year, chapter.params.trend_years)
    trend = measure_trend(tables.reviews, years, timescales)
    within = f"Within {timescales.lcspr_months} months"
    table = pd.DataFrame(
        {
            "Reporting year": trend["reporting_year"],
            "LCSPRs published": trend["lcsprs_published"],
            within: trend["lcsprs_published_within_timescale"],
            "% within timescale": trend["lcsprs_published_within_timescale_pct"],
        }
    )
    this = trend.iloc[-1]
    n = int(this["lcsprs_published"])
    if n:
        ok = int(this["lcsprs_published_within_timescale"])
        limit = f"within {timescales.lcspr_months} months of the rapid review"
        if n == 1:
            done = (
                limit
                if ok
                else f"later than {timescales.lcspr_months} months after the rapid review"
            )
            sentence = f"1 LCSPR was published in {year.label}, {done}."
        else:
            sentence = (
                f"{_start(n, 'LCSPR')} were published in {year.label}; {format_count(ok)} of "
                f"them {limit} ({format_pct(this['lcsprs_published_within_timescale_pct'])})."
            )
    else:
        sentence = f"No LCSPR was published in {year.label}."
    section.text(
        sentence,
        "An LCSPR is counted in the year it was published, whatever the year of the "
        "notification that led to it.",
    )
    section.table(
        _totals(table),
        "rev_lcsprs_published",
        f"LCSPRs published by reporting year, {pooled_label(years)}",
        note="[z]: not applicable: none published, so nothing to divide by.",
        detail=True,
    )
    if chapter.public or n == 0:
        return section
    cases = list_lcsprs_published(tables.reviews, year, timescales)
    listing = pd.DataFrame(
        {
            "Case reference": cases["case_ref"],
            "Rapid review": cases["rapid_review_date"],
            "Due by": cases["lcspr_due_date"],
            "Published": cases["lcspr_published_date"],
            "Within timescale": cases["lcspr_in_time"].astype(bool),
        }
    )
    section.table(
        listing,
        "rev_lcsprs_published_list",
        f"LCSPRs published in {year.label} (internal only)",
    )

    # ---------------------------------------------------------------- overdue pending
    return section


def show_overdue_pending(chapter: Any, tables: Any) -> Section:
    """Show reviews awaiting a rapid review beyond the timescale; the list is internal only."""
    section = chapter.section()
    year, timescales = _setting(chapter)
    as_at = chapter.params.as_at
    cases = list_overdue_pending(
        tables.reviews, as_at, timescales.rapid_review_working_days, up_to=year.end
    )
    n = len(cases)
    limit = f"{timescales.rapid_review_working_days} working days"
    if n == 0:
        section.text(
            f"As the registers stood on {long_date(as_at)}, no review notified on or before "
            f"{long_date(year.end)} was waiting for a rapid review beyond {limit}."
        )
        return section
    section.text(
        f"As the registers stood on {long_date(as_at)}, {plural(n, 'review')} notified "
        f"on or before {long_date(year.end)} {was_were(n)} still waiting for a rapid review "
        f"beyond {limit} after notification."
    )
    if chapter.public:
        return section
    listing = pd.DataFrame(
        {
            "Case reference": cases["case_ref"],
            "Notified": cases["notification_date"],
            "Working days since notification": cases["working_days_waited"].astype("int64"),
        }
    )
    section.table(
        listing,
        "rev_overdue_pending",
        f"Reviews awaiting a rapid review beyond {limit}, at {long_date(as_at)} (internal only)",
    )

    # ---------------------------------------------------------------- breakdowns
    return section


def _show_breakdown(chapter: Any, tables: Any, characteristic: str) -> Section:
    section = chapter.section()
    year, _ = _setting(chapter)
    n_years = chapter.params.trend_years
    years = trend_years(year, n_years)
    span = pooled_label(years)
    words = BREAKDOWN_WORDS[characteristic]
    is_theme = characteristic == "theme"
    name = f"rev_by_{characteristic}"
    counts = tabulate_breakdown(tables.reviews, characteristic, year, n_years)
    pooled_col = f"Reviews, {span}"
    counts.columns = [f"Reviews, {c}" for c in counts.columns]
    pooled_total = len(select_notified(tables.reviews, years))
    if chapter.public and n_years < 2:
        # pooling over one year is a single year's breakdown, which the contract
        # keeps out of public output
        section.text(
            f"Reviews by {words} are published only pooled over two or more years; this "
            "report covers one, so the breakdown is in the internal report only."
        )
        return section
    if chapter.public:
        counts = counts[[pooled_col]]
        yearly, notified = tabulate_breakdown_by_year(tables.reviews, characteristic, year)
        pooled = disclosure.disclose_pooled_window(
            yearly,
            notified,
            n_years,
            chapter.params.suppression_threshold,
            pooled_column=pooled_col,
            themes=is_theme,
        )
        if pooled.table is None:
            # every notification of the window fell in one year: pooling it would publish
            # that year's breakdown, which the contract keeps out of public output
            section.text(
                f"Reviews by {words} are published only when the years pooled hold "
                f"notifications from two or more reporting years; those of {span} all fall "
                "in one year, so the breakdown is in the internal report only."
            )
            return section
        shown = pooled.table
    else:
        shown = disclosure.show_all(counts, column_totals=not is_theme)
    pct_col = f"% of reviews, {span}"
    raw = disclosure.add_totals(counts, column_totals=not is_theme)[pooled_col]
    display = disclosure.add_derived(
        shown, pct_col, [percent(int(v), pooled_total) for v in raw], source=pooled_col
    )
    marks = disclosure.chart_marks(shown, pooled_col)
    what = (
        f"the number of reviews each theme featured in, reviews notified {span}"
        if is_theme
        else f"reviews notified {span} by {words}"
    )
    section.text(*_breakdown_sentences(chapter, marks, words, span, pooled_total, is_theme))
    note = shown.note or None
    if is_theme:
        extra = (
            "A review can feature several themes, so the counts add up to more than the "
            "number of reviews."
        )
        note = note if note else extra
    table_caption = (
        f"Reviews by {words}"
        + ("" if chapter.public else f", {year.label} and pooled")
        + f", {span}"
    )
    # public: the tables are in the appendix and the HTML; the words above say how to read them
    section.table(display, name, table_caption, note=note, detail=chapter.public)
    if not is_theme or not (marks["value"].fillna(0) > 0).any():
        # a handful of categories reads best as the table above; a chart of nothing but
        # [c] and zeros would say no more than it does. Themes, the longest list, are drawn.
        return section
    section.figure(
        plot_breakdown(marks, xlabel="Reviews featuring the theme" if is_theme else "Reviews"),
        f"{name}_chart",
        alt=describe_marks(marks, what),
        caption=f"Reviews by {words}, {span} pooled",
        data_shown=table_caption,
        detail=True,  # the table above carries the figures in print
        # public titles never rank categories: an order can hint at a suppressed count
        title=f"The {words}s recorded in reviews notified {span}",
        source=chapter.source("reviews"),
    )
    return section


def _breakdown_sentences(
    chapter: Any, marks: pd.DataFrame, words: str, span: str, total: int, is_theme: bool
) -> list[str]:
    if chapter.public and words != BREAKDOWN_WORDS["incident_type"]:
        return []  # the first breakdown says how they are pooled and protected, once
    if chapter.public:
        pooled = (
            f"The figures pool the reviews notified {span}, so that small numbers can be "
            "published without identifying a child."
        )
        return [
            pooled,
            f"Counts that could identify a child are shown as {SUPPRESSED}; "
            "percentages built from them are suppressed too.",
        ]
    pooled = f"The figures pool the {plural(total, 'review')} notified {span}."
    # Internal: name the largest categories (the public text never ranks, since an
    # order can hint at a suppressed count).
    known = marks[marks["value"].notna() & (marks["value"] > 0)]
    if known.empty:
        return [pooled]
    top = known[known["value"] == known["value"].max()]
    names = " and ".join(str(c) for c in top["category"])
    n = int(top["value"].iloc[0])
    if is_theme:
        lead = f"The theme featured most often was {names}, in {plural(n, 'review')}."
        if len(top) > 1:
            lead = f"The themes featured most often were {names}, each in {plural(n, 'review')}."
    else:
        lead = f"The largest group by {words} was {names}, with {plural(n, 'review')}."
        if len(top) > 1:
            lead = f"The largest groups by {words} were {names}, with {plural(n, 'review')} each."
    return [pooled, lead, "This is internal output: nothing is suppressed."]


def show_incident_types(chapter: Any, tables: Any) -> Section:
    """Show reviews by incident type (death, serious harm)."""
    return _show_breakdown(chapter, tables, "incident_type")


def show_age_bands(chapter: Any, tables: Any) -> Section:
    """Show reviews by the child's age band."""
    return _show_breakdown(chapter, tables, "age_band")


def show_sex(chapter: Any, tables: Any) -> Section:
    """Show reviews by the child's sex."""
    return _show_breakdown(chapter, tables, "sex")


def show_ethnicity(chapter: Any, tables: Any) -> Section:
    """Show reviews by the child's ethnicity group (the DfE's five groups and not known)."""
    return _show_breakdown(chapter, tables, "ethnicity_group")


def show_themes(chapter: Any, tables: Any) -> Section:
    """Show the themes featured in reviews; a review can feature several, so no total."""
    return _show_breakdown(chapter, tables, "theme")


# ---------------------------------------------------------------- recommendations


def who_holds_overdue(by_agency: pd.DataFrame) -> str:
    """Name every agency holding overdue recommendations, most first; "" if none.

    The printed report folds the table by agency, so the sentence carries every name a
    board would ask about (counts of recommendations describe agencies, not children).
    """
    if by_agency.empty:
        return ""
    overdue = by_agency["overdue"].astype("int64")
    held = overdue[overdue > 0]
    if held.empty:
        return ""
    # most first; equal counts in the table's own order (stable sort)
    ordered = held.sort_values(ascending=False, kind="stable")
    names = [f"{agency} ({int(n)})" for agency, n in ordered.items()]
    listed = join_words(names)
    return f"Overdue recommendations were held by {listed}."


def show_recommendations(chapter: Any, tables: Any) -> Section:
    """Show recommendations from reviews: open and overdue at year end, completed, by agency."""
    section = chapter.section()
    year, _ = _setting(chapter)
    recs, reviews = tables.recommendations, tables.reviews
    summary = summarise_recommendations(recs, reviews, year)
    by_agency = count_recommendations_by_agency(recs, reviews, year)
    if by_agency.empty:
        section.warn(
            f"recommendations: no recommendation was open at the end of {year.label} or "
            "completed in it; the section reports zeros."
        )
    end = long_date(year.end)
    n_open, n_over, n_done = summary["open"], summary["overdue"], summary["completed_in_year"]
    section.text(
        f"At {end}, {plural(n_open, 'recommendation')} from reviews {was_were(n_open)} open, "
        f"{format_count(n_over)} of them past their due date. "
        f"{_start(n_done, 'recommendation')} {was_were(n_done)} completed during "
        f"{year.label}.",
        who_holds_overdue(by_agency),
    )
    table = disclosure.add_totals(by_agency).reset_index()
    table.columns = ["Agency", "Open at year end", "Of which overdue", "Completed in the year"]
    table = table.astype({c: "int64" for c in table.columns[1:]})
    section.table(
        disclosure.release(table, RECOMMENDATIONS_BASIS),
        "rev_recommendations",
        f"Recommendations from reviews by agency, {year.label}",
        note=(
            "Open at year end: not completed by the year's last day, from a review notified "
            "by then; overdue: open and past its due date. Agencies with nothing open and "
            "nothing completed in the year are left out."
        ),
        detail=True,
    )
    return section
