"""The priority progress chapter: one function per report section.

Each ``show_*`` function takes the running chapter and the loaded tables
(``actions``, ``indicators``, ``indicator_values``), computes with
:mod:`safeguarding_assurance.measures.priorities`, draws with
:mod:`safeguarding_assurance.present.charts.priorities`, builds its sentences from the
figures and returns the section it shows. Nothing here concerns individual children,
so both audiences see the same content: every table is released as describing no child.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import pandas as pd

from safeguarding_assurance import disclosure
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.contract.published import NOT_AVAILABLE
from safeguarding_assurance.disclosure import DisclosedTable
from safeguarding_assurance.measures.assessment import facts_assessment, judge_indicators
from safeguarding_assurance.measures.priorities import (
    assess_indicators,
    count_indicators,
    facts_priorities,
    list_overdue_actions,
    select_quarterly_values,
    summarise_actions,
)
from safeguarding_assurance.measures.rounding import percent
from safeguarding_assurance.present.charts import priorities as charts
from safeguarding_assurance.present.narrative import (
    format_pct,
    is_are,
    join_words,
    long_date,
    plural,
    was_were,
)
from safeguarding_assurance.present.scrutiny import PROGRESS_LABELS, STATUS_LABELS, status_label
from safeguarding_assurance.present.section import Section

if TYPE_CHECKING:
    from safeguarding_assurance.inputs.load import Tables
    from safeguarding_assurance.present.chapter import Chapter


UNIT_WORDS = {
    "count": "count",
    "percent": "%",
    "rate_per_10k": "per 10,000 children",
    "days": "days",
}
BETTER_WORDS = {"higher_is_better": "Higher", "lower_is_better": "Lower"}
TARGET_WORDS = {"met": "target met", "not met": "target missed", "no target": "no target"}


# ---------------------------------------------------------------- shared pieces


def _release(frame: pd.DataFrame) -> DisclosedTable:
    return disclosure.release(frame, "business plan actions and scorecard indicators: no child")


def _years(chapter: Chapter) -> tuple[ReportingYear, ReportingYear]:
    year = chapter.params.year
    return year, year.previous()


def _names(chapter: Chapter) -> dict[str, str]:
    return {p.id: p.name for p in chapter.params.priorities}


def _tidy_numbers(values: pd.Series, missing: str | None = NOT_AVAILABLE) -> pd.Series:
    """Return whole numbers as integers (``12``, not ``12.0``), others as given.

    A missing value becomes ``missing``: ``[x]`` (not available) by default; ``None``
    is published as ``[z]`` (not applicable).
    """
    tidy = [
        missing if pd.isna(v) else int(v) if float(v).is_integer() else float(v) for v in values
    ]
    # dtype=object, or pandas would turn a column of mixed ints and floats back into floats
    return pd.Series(tidy, index=values.index, dtype="object")


def _action_summaries(chapter: Chapter, tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    year, last = _years(chapter)
    ids = chapter.params.priority_ids
    return (
        summarise_actions(tables.actions, year, ids).set_index("priority"),
        summarise_actions(tables.actions, last, ids).set_index("priority"),
    )


def _indicator_counts(chapter: Chapter, tables: Tables) -> pd.DataFrame:
    assessed = assess_indicators(tables.indicators, tables.indicator_values, chapter.params.year)
    return count_indicators(assessed, chapter.params.priority_ids).set_index("priority")


# ---------------------------------------------------------------- sentences


def describe_actions(now: pd.Series, last: pd.Series, year: ReportingYear) -> str:
    """Describe one priority's actions: in scope, completed (%), overdue, on track, last year."""
    n = int(now["in_scope"])
    if n == 0:
        sentence = f"No actions were in scope in {year}."
    else:
        done, overdue, on_track = (int(now[c]) for c in ("completed", "overdue", "on_track"))
        sentence = (
            f"Of {plural(n, 'action')} in scope, {done} {was_were(done)} completed "
            f"({format_pct(now['completed_pct'])}); {overdue} {is_are(overdue)} overdue and "
            f"{on_track} {is_are(on_track)} on track at the year's end."
        )
    m = int(last["in_scope"])
    if m:
        sentence += (
            f" Last year, {int(last['completed'])} of {m} {was_were(m)} completed "
            f"({format_pct(last['completed_pct'])})."
        )
    return sentence


def describe_indicators(counts: pd.Series) -> str:
    """Describe one priority's indicators: direction of travel and targets met."""
    n = int(counts["indicators"])
    if n == 0:
        return "No scorecard indicators are recorded for this priority."
    parts = [
        f"{int(counts['improved'])} improved on last year",
        f"{int(counts['declined'])} declined",
    ]
    if counts["no_change"]:
        parts.append(f"{int(counts['no_change'])} did not change")
    if counts["no_comparison"]:
        parts.append(f"{int(counts['no_comparison'])} could not be compared")
    sentence = f"Of {plural(n, 'indicator')}, " + ", ".join(parts[:-1]) + f" and {parts[-1]}."
    with_target = int(counts["with_target"])
    if with_target:
        sentence += f" {int(counts['target_met'])} of the {with_target} with a target met it."
    else:
        sentence += " None has a target."
    return sentence


def describe_progress(progress: dict[str, str], names: dict[str, str], params: Any) -> list[str]:
    """Say which priorities made good, some and little progress, and the rule behind it."""
    groups = {
        code: [names[p] for p in names if progress.get(p) == code]
        for code in ("good_progress", "some_progress", "little_progress", "no_data")
    }
    words = {
        "good_progress": "good progress",
        "some_progress": "some progress",
        "little_progress": "little progress",
        "no_data": "too little data to judge",
    }
    said = [
        f"{join_words(groups[code])} made {words[code]}"
        if code != "no_data"
        else f"{join_words(groups[code])} had {words[code]}"
        for code in words
        if groups[code]
    ]
    lead = join_words(said) + "."
    rule = (
        f"A priority made little progress when fewer than {params.little_progress_pct:g}% of "
        "its actions in scope were completed, or more of its indicators gave concern than "
        f"were good; good progress when at least {params.good_progress_pct:g}% were completed "
        "and no indicator gave concern."
    )
    return [lead[0].upper() + lead[1:], rule]


def _progress_table(
    progress: dict[str, str], actions: pd.DataFrame, names: dict[str, str]
) -> pd.DataFrame:
    rows = []
    for pid, name in names.items():
        a = actions.loc[pid]
        rows.append(
            {
                "Priority": name,
                "Progress": status_label(progress.get(pid, "no_data"), PROGRESS_LABELS),
                "Actions completed": int(a["completed"]),
                "Actions in scope": int(a["in_scope"]),
                "Completed (%)": None if pd.isna(a["completed_pct"]) else float(a["completed_pct"]),
            }
        )
    return pd.DataFrame(rows)


def _indicator_briefing(tables: Tables, year: ReportingYear, ids: list[str]) -> list[dict]:
    """Each indicator's figures and status, for the report's first pages (JSON)."""
    judged = judge_indicators(tables.indicators, tables.indicator_values, year, ids)

    def number(v: Any) -> float | None:
        return None if pd.isna(v) else float(v)

    return [
        {
            "indicator_id": r["indicator_id"],
            "priority": r["priority"],
            "name": r["name"],
            "unit": r["unit"],
            "polarity": r["polarity"],
            "value": number(r["value"]),
            "previous_value": number(r["previous_value"]),
            "target": number(r["target"]),
            "england": number(r["england"]),
            "direction": r["direction"],
            "target_status": r["target_status"],
            "status": r["status"],
        }
        for r in judged.to_dict("records")
    ]


# ---------------------------------------------------------------- sections


def show_summary(chapter: Chapter, tables: Tables) -> Section:
    """Show headline progress, name the priorities with little progress, record the facts."""
    section = chapter.section()
    year, last = _years(chapter)
    ids = chapter.params.priority_ids
    now, before = _action_summaries(chapter, tables)
    counts = _indicator_counts(chapter, tables)
    if now["in_scope"].sum() == 0:
        section.warn(
            f"No business plan actions are in scope for {year}; the "
            "priorities chapter reports zeros."
        )
    start, end = pd.Timestamp(year.start), pd.Timestamp(year.end)
    if not tables.indicator_values["period_end"].between(start, end).any():
        section.warn(f"No scorecard indicator values fall in {year}.")

    total, done = int(now["in_scope"].sum()), int(now["completed"].sum())
    total_last, done_last = int(before["in_scope"].sum()), int(before["completed"].sum())
    headline = (
        f"Across the {plural(len(ids), 'priority', 'priorities')}, {done} of {total} actions "
        f"in scope were completed in {year} ({format_pct(percent(done, total))})"
    )
    if total_last:
        headline += f", against {format_pct(percent(done_last, total_last))} in {last}"
    overdue, on_track = int(now["overdue"].sum()), int(now["on_track"].sum())
    headline += f"; {overdue} {is_are(overdue)} overdue and {on_track} {is_are(on_track)} on track."
    n_ind, with_target = int(counts["indicators"].sum()), int(counts["with_target"].sum())
    if n_ind == 0:
        indicators = "No scorecard indicators are recorded."
    else:
        indicators = (
            f"Of {plural(n_ind, 'scorecard indicator')}, {int(counts['improved'].sum())} "
            f"improved on last year and {int(counts['declined'].sum())} declined; "
            + (
                f"{int(counts['target_met'].sum())} of the {with_target} with a target met it."
                if with_target
                else "none has a target."
            )
        )
    section.text(headline, indicators)

    params = chapter.params
    args = (tables.actions, tables.indicators, tables.indicator_values)
    thresholds = (params.little_progress_pct, params.good_progress_pct)
    assessment = facts_assessment(*args, year, ids, *thresholds)
    section.text(*describe_progress(assessment["priorities"], _names(chapter), params))
    section.table(
        _release(_progress_table(assessment["priorities"], now, _names(chapter))),
        "pri_progress",
        f"Progress on each priority, {year}",
        note="✔ good progress, ◑ some progress, ✘ little progress, – not enough data to "
        "judge. How each judgement is reached is set out in the method notes.",
        detail=True,
        elsewhere=True,  # At a glance shows the same judgements in print
    )
    section.facts(
        "priorities",
        current=facts_priorities(*args, year, ids),
        previous=facts_priorities(*args, last, ids),
    )
    section.facts(
        "assessment",
        current=assessment,
        previous=facts_assessment(*args, last, ids, *thresholds),
    )
    section.brief("indicators", _indicator_briefing(tables, year, ids))
    return section


def show_actions_overview(chapter: Chapter, tables: Tables) -> Section:
    """Show one chart across priorities: completed % this year and last, with full counts."""
    section = chapter.section()
    year, last = _years(chapter)
    names = _names(chapter)
    now, before = _action_summaries(chapter, tables)
    both = pd.concat(
        [now.assign(reporting_year=year.label), before.assign(reporting_year=last.label)]
    ).reset_index()
    both["name"] = both["priority"].map(names)
    both["_order"] = both["priority"].map({p: i for i, p in enumerate(names)})
    both = both.sort_values(["_order", "reporting_year"], ascending=[True, False])

    fig = charts.plot_completion_by_priority(both, [year.label, last.label])
    parts = [
        f"{names[p]} {_pct_words(now.loc[p, 'completed_pct'], year)} "
        f"({_pct_words(before.loc[p, 'completed_pct'], last)})"
        for p in names
    ]
    alt = (
        f"Bar chart of the share of actions in scope completed, by priority, in {year} and "
        f"{last}: {'; '.join(parts)}."
    )
    data = pd.DataFrame(
        {
            "Priority": both["name"],
            "Year": both["reporting_year"],
            "In scope": both["in_scope"],
            "Completed": both["completed"],
            "Completed %": both["completed_pct"],
            "Overdue": both["overdue"],
            "On track": both["on_track"],
            "Carried forward": both["carried_forward"],
        }
    )
    section.figure(
        fig,
        "pri_actions_by_priority",
        alt,
        f"Share of business plan actions in scope that were completed, by priority, {year} "
        f"and {last}.",
        title=completion_message(now, names),
        source=chapter.source("actions"),
        data=_release(data),
        data_caption=f"Business plan actions by priority, {year} and {last}.",
        note="Carried forward = overdue + on track. [z]: not applicable: no actions in "
        "scope, so nothing to divide by.",
    )
    return section


def completion_message(now: pd.DataFrame, names: dict[str, str]) -> str:
    """The overview chart's message: which priority completed most and least of its actions."""
    pcts = now["completed_pct"].dropna()
    if pcts.empty:
        return "No priority had actions in scope this year"
    if len(pcts) == 1 or pcts.max() == pcts.min():
        return f"Each priority completed {pcts.iloc[0]:.1f}% of its actions in scope"
    top, low = pcts.idxmax(), pcts.idxmin()
    return (
        f"{names[top]} completed the largest share of its actions ({pcts[top]:.1f}%), "
        f"{names[low]} the smallest ({pcts[low]:.1f}%)"
    )


def targets_message(name: str, indicators: pd.DataFrame, year: ReportingYear) -> str:
    """A priority's indicator chart message: how many met their target at the year's end."""
    with_target = indicators["target_status"].ne("no target")
    met = int(indicators["target_status"].eq("met").sum())
    if not with_target.any():
        return f"None of {name}'s indicators had a target at the end of {year}"
    return f"{met} of {name}'s {int(with_target.sum())} indicators with a target met it in {year}"


def _pct_words(pct: float, year: ReportingYear) -> str:
    """Say a completion rate for alt text: ``68.0% in 2024-25``, never a bare ``[z]``."""
    return f"no actions in scope in {year}" if pd.isna(pct) else f"{pct:.1f}% in {year}"


def show_actions_by_priority(chapter: Chapter, tables: Tables) -> Section:
    """Show each priority's actions by status at the year's end, this year and last."""
    section = chapter.section()
    year, last = _years(chapter)
    now, before = _action_summaries(chapter, tables)
    names = _names(chapter)
    section.bullets(
        [
            f"{name}: {describe_actions(now.loc[pid], before.loc[pid], year)}"
            for pid, name in names.items()
        ]
    )
    rows = []
    for pid, name in names.items():
        for label, r in ((last.label, before.loc[pid]), (year.label, now.loc[pid])):
            rows.append(
                {
                    "Priority": name,
                    "Year": label,
                    "In scope": int(r["in_scope"]),
                    "Completed": int(r["completed"]),
                    "Completed (%)": None
                    if pd.isna(r["completed_pct"])
                    else float(r["completed_pct"]),
                    "Overdue": int(r["overdue"]),
                    "On track": int(r["on_track"]),
                }
            )
    section.table(
        _release(pd.DataFrame(rows, dtype="object")),
        "pri_actions_by_status",
        f"Business plan actions by status at the year's end, by priority, {last} and {year}",
        note="Completed: in the year. Overdue and on track: carried forward at the year's end. "
        "[z]: not applicable: no actions in scope, so nothing to divide by.",
        detail=True,
        elsewhere=True,  # the bullets above say the same figures in words
    )
    for pid, name in names.items():
        a, b = now.loc[pid], before.loc[pid]
        table = pd.DataFrame(
            {
                "Measure": [
                    "In scope",
                    "Completed in the year",
                    "Completed (%)",
                    "Overdue at year end",
                    "On track at year end",
                    "Carried forward",
                ],
                last.label: _measure_column(b),
                year.label: _measure_column(a),
            },
            dtype="object",
        )
        section.table(
            _release(table),
            f"pri_actions_{pid}_data",
            f"Business plan actions for {name}, {last} and {year}",
            note="Carried forward = overdue + on track. [z]: not applicable: no actions in "
            "scope, so nothing to divide by.",
            detail=True,
        )
    return section


def _measure_column(row: pd.Series) -> list[Any]:
    pct = row["completed_pct"]
    return [
        int(row["in_scope"]),
        int(row["completed"]),
        None if pd.isna(pct) else float(pct),
        int(row["overdue"]),
        int(row["on_track"]),
        int(row["carried_forward"]),
    ]


def show_overdue_actions(chapter: Chapter, tables: Tables) -> Section:
    """Show the actions overdue at the year's end: reference, priority, description, lead, due."""
    section = chapter.section()
    year, last = _years(chapter)
    names = _names(chapter)
    ids = chapter.params.priority_ids
    overdue = list_overdue_actions(tables.actions, year, ids)
    n_last = len(list_overdue_actions(tables.actions, last, ids))
    when = long_date(year.end)
    if overdue.empty:
        section.text(f"No actions were overdue at {when} ({n_last} a year before).")
    else:
        section.text(
            f"{plural(len(overdue), 'action')} {was_were(len(overdue))} overdue at {when}: due on "
            f"or before that day and not completed by then ({n_last} a year before)."
        )
    if not overdue.empty:
        rows = []
        for pid in ids:
            mine = overdue.loc[overdue["priority"].eq(pid)]
            if mine.empty:
                continue
            leads = mine["lead_agency"].value_counts(sort=False)
            rows.append(
                {
                    "Priority": names[pid],
                    "Overdue actions": len(mine),
                    "Lead agencies (overdue actions)": "; ".join(
                        f"{agency} ({n})" for agency, n in sorted(leads.items())
                    ),
                }
            )
        section.table(
            _release(pd.DataFrame(rows)),
            "pri_overdue_by_lead",
            f"Actions overdue at {when}, by priority and lead agency",
            detail=True,  # a per-agency breakdown
        )
    table = pd.DataFrame(
        {
            "Reference": overdue["action_id"],
            "Priority": overdue["priority"].map(names),
            "Description": overdue["description"],
            "Lead agency": overdue["lead_agency"],
            "Due date": overdue["due_date"],
        }
    )
    section.table(
        _release(table), "pri_overdue_actions", f"Each action overdue at {when}", detail=True
    )
    return section


def show_indicators(chapter: Chapter, tables: Tables) -> Section:
    """Show, per priority, its scorecard and the indicators' year-end values over the years.

    The scorecard (this year, last year, target, England, judgement) is printed; the
    small-multiple chart of year-end values is in the HTML (a detail chart in print).
    """
    section = chapter.section()
    year, last = _years(chapter)
    assessed = assess_indicators(tables.indicators, tables.indicator_values, year)
    counts = count_indicators(assessed, chapter.params.priority_ids).set_index("priority")
    trend = _trend_years(chapter, tables)
    for pid, name in _names(chapter).items():
        section.heading(name, level=3)
        section.text(describe_indicators(counts.loc[pid]))
        mine = assessed.loc[assessed["priority"].eq(pid)]
        if mine.empty:
            continue
        judged = judge_indicators(
            tables.indicators, tables.indicator_values, year, chapter.params.priority_ids
        ).set_index("indicator_id")
        table = pd.DataFrame(
            {
                "Indicator": [
                    f"{n} ({UNIT_WORDS[u]}; {BETTER_WORDS[b].lower()} is better)"
                    for n, u, b in zip(mine["name"], mine["unit"], mine["polarity"], strict=True)
                ],
                last.label: _tidy_numbers(mine["previous_value"]),
                year.label: _tidy_numbers(mine["value"]),
                "Target": _tidy_numbers(mine["target"], missing="No target"),
                "England": _tidy_numbers(mine["england"]),
                "Judgement (direction of travel; target)": [
                    f"{status_label(judged.loc[i, 'status'], STATUS_LABELS)} "
                    f"({d}; {TARGET_WORDS[s]})"
                    for i, d, s in zip(
                        mine["indicator_id"], mine["direction"], mine["target_status"], strict=True
                    )
                ],
            }
        )
        early = mine.loc[mine["period_end"].notna() & mine["period_end"].ne(pd.Timestamp(year.end))]
        notes = [
            "Values are the latest quarter in each year; direction of travel is read "
            "through whether higher or lower is better. Judgement: ✔ good, ◑ mixed, ✘ "
            "concern, – no data (the rules are in the method notes). [x]: not available: "
            "the figure was not supplied."
        ]
        if not early.empty:
            notes.append(
                "Latest value before the year's last quarter: "
                + "; ".join(
                    f"{n}, quarter ending {long_date(d)}"
                    for n, d in zip(early["name"], early["period_end"], strict=True)
                )
                + "."
            )
        section.table(
            _release(table),
            f"pri_indicators_{pid}",
            f"Scorecard indicators for {name} at the end of {last} and {year}, with target "
            "and England",
            note=" ".join(notes),
        )
        _trend_figure(section, chapter, *trend, pid, name, mine)
    return section


def _trend_years(chapter: Chapter, tables: Tables) -> tuple[pd.DataFrame, list[ReportingYear], str]:
    """The quarterly series of the trend years, from the first with any value, and its span."""
    year, _ = _years(chapter)
    years = year.trend(chapter.params.trend_years)
    series = select_quarterly_values(tables.indicators, tables.indicator_values, years)
    # Charts start at the first trend year with any value, not at empty years before
    # the scorecard began.
    if not series.empty:
        first = series["reporting_year"].min()
        years = [y for y in years if y.label >= first]
    span = f"{years[0]} to {years[-1]}" if len(years) > 1 else str(year)
    return series, years, span


def _trend_figure(
    section: Section,
    chapter: Chapter,
    series: pd.DataFrame,
    years: list[ReportingYear],
    span: str,
    pid: str,
    name: str,
    mine: pd.DataFrame,
) -> None:
    """Add one priority's small-multiple chart of year-end values (a detail chart in print)."""
    year, _ = _years(chapter)
    unit = mine["unit"].map(UNIT_WORDS)
    better = mine["polarity"].map(BETTER_WORDS).str.lower()
    panels = pd.DataFrame(
        {
            "indicator_id": mine["indicator_id"],
            "title": [
                textwrap.fill(f"{n} ({b} is better)", 44 if len(mine) > 1 else 90)
                for n, b in zip(mine["name"], better, strict=True)
            ],
            "ylabel": unit,
        }
    )
    one = series.loc[series["priority"].eq(pid)]
    fig = charts.plot_indicator_trends(one, panels, years)
    described = [
        _describe_trend(r, u, b, year)
        for r, u, b in zip(mine.to_dict("records"), unit, better, strict=True)
    ]
    alt = (
        f"Line charts, one per indicator, of the year-end values of {name}'s "
        f"{plural(len(mine), 'indicator')}, {span}, with the target dashed. " + " ".join(described)
    )
    data = pd.DataFrame(
        {
            "Indicator": one["name"],
            "Year": one["reporting_year"],
            "Quarter ending": one["period_end"],
            "Value": _tidy_numbers(one["value"]),
            "Target": _tidy_numbers(one["target"], missing="No target"),
            "England": _tidy_numbers(one["england"]),
        }
    )
    section.figure(
        fig,
        f"pri_trends_{pid}",
        alt,
        f"Year-end value of each of {name}'s scorecard indicators, {span}, with the "
        "target (dashed) and England (dotted) where there is one; the table gives every "
        "quarter",
        title=targets_message(name, mine, year),
        source=chapter.source("indicator_values"),
        data=_release(data),
        data_caption=f"Scorecard indicator values for {name} by quarter, {span}.",
        note="[x]: not available: no England figure for that quarter.",
        detail=True,  # the scorecard above carries the year's figures in print
    )


def _describe_trend(row: dict[str, Any], unit: str, better: str, year: ReportingYear) -> str:
    """Describe one indicator's panel: latest value, target status and direction."""
    head = f"{row['name']} ({unit}, {better} is better):"
    if pd.isna(row["value"]):
        return f"{head} no value in {year}."
    text = f"{head} {row['value']:,g} at the end of {year}"
    if pd.notna(row["target"]):
        text += f" against a target of {row['target']:,g} ({row['target_status']})"
    if pd.notna(row["previous_value"]):
        text += f", {row['direction']} from {row['previous_value']:,g} a year before"
    return text + "."
