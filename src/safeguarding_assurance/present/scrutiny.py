"""The scrutiny reading: what a board member needs on the first pages, built from the figures.

"At a glance" answers the scrutiny question first: how effective were the arrangements,
and where should the board push? Everything here is generated from ``facts.json`` (this
year and last year, computed in the same run), its ``assessment`` block, and the figures
the priorities chapter hands over (each indicator's values and status); nothing is typed.

- key messages: five to eight plain sentences, each with the figure, last year's and a
  judgement in words ("better than last year", "missed its target", "below the England
  average"), never a bare "higher";
- each priority's progress, by word and symbol, never by colour alone;
- "Where progress was limited": every priority judged ``little_progress`` and every
  indicator judged ``concern``, with the figures behind the judgement;
- "Questions the board may wish to ask", one for each concern.

Counts of notifications are never judged: they reflect what happened to children, not
how well agencies worked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from safeguarding_assurance import disclosure
from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.measures.rounding import percent
from safeguarding_assurance.present.narrative import (
    format_count,
    join_words,
    plural,
    value_text,
    was_were,
)
from safeguarding_assurance.present.section import Section

PROGRESS_LABELS: dict[str, tuple[str, str]] = {
    "good_progress": ("✔", "Good progress"),
    "some_progress": ("◑", "Some progress"),
    "little_progress": ("✘", "Little progress"),
    "no_data": ("–", "Not enough data to judge"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "good": ("✔", "Good"),
    "mixed": ("◑", "Mixed"),
    "concern": ("✘", "Concern"),
    "no_data": ("–", "No data"),
}
NO_CHILD = "headline figures and judgements: no child is described"
MAX_MESSAGES = 8
MAX_QUESTIONS = 8


@dataclass(frozen=True)
class Message:
    """One key message: the area it is about and the sentence."""

    area: str
    text: str


@dataclass
class Reading:
    """The scrutiny reading of one year."""

    messages: list[Message] = field(default_factory=list)
    priorities: list[dict[str, str]] = field(default_factory=list)  # name, progress, basis
    limited: list[tuple[str, str]] = field(default_factory=list)  # what, the figures
    questions: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ words


def status_label(code: str, labels: dict[str, tuple[str, str]]) -> str:
    """A judgement as symbol and word: ``✔ Good progress``."""
    symbol, word = labels[code]
    return f"{symbol} {word}"


def judge(now: float | None, before: float | None, better: str) -> str | None:
    """``better``, ``worse`` or ``the same`` as last year, read through which way is better."""
    if now is None or before is None:
        return None
    if now == before:
        return "the same"
    up = now > before
    return "better" if up == (better == "higher") else "worse"


def pct(value: float | None) -> str:
    """A percentage to one decimal place."""
    return "[z]" if value is None else f"{value:.1f}%"


def against_last_year(now: float | None, before: float | None, better: str, shown: str) -> str:
    """``, better than last year's 37.0%`` / ``, the same as last year`` / ``""``."""
    verdict = judge(now, before, better)
    if verdict is None:
        return ", with no figure last year to compare"
    if verdict == "the same":
        return ", the same as last year"
    return f", {verdict} than last year's {shown}"


# ------------------------------------------------------------------ the reading


def read_year(
    facts: dict[str, Any],
    last_year: dict[str, Any],
    params: Params,
    briefing: dict[str, Any],
) -> Reading:
    """The scrutiny reading of the year, from its facts, last year's and the briefing."""
    reading = Reading()
    names = {p.id: p.name for p in params.priorities}
    assessment = facts.get("assessment", {})
    progress = assessment.get("priorities", {})
    indicators = [i for i in briefing.get("indicators", []) if i.get("priority") in names]
    reading.priorities = [_priority_row(pid, names[pid], facts, progress) for pid in names]
    reading.messages = _messages(facts, last_year, params, names, progress, indicators)
    _limited_priorities(reading, facts, params, names, progress, indicators)
    _limited_indicators(reading, indicators, names)
    _limited_elsewhere(reading, facts, last_year, params)
    reading.questions = reading.questions[:MAX_QUESTIONS]
    return reading


def _priority_row(pid: str, name: str, facts: dict, progress: dict) -> dict[str, str]:
    block = facts["priorities"].get(pid, {})
    code = progress.get(pid, "no_data")
    done, scope = block.get("actions_completed", 0), block.get("actions_in_scope", 0)
    actions = (
        f"{done} of {scope} actions completed ({pct(block.get('actions_completed_pct'))})"
        if scope
        else "no actions in scope"
    )
    return {"Priority": name, "Progress": status_label(code, PROGRESS_LABELS), "Actions": actions}


def _messages(
    facts: dict,
    last: dict,
    params: Params,
    names: dict[str, str],
    progress: dict,
    indicators: list[dict],
) -> list[Message]:
    out: list[Message] = []
    # 1. priorities, by judgement
    by = {code: [names[p] for p in names if progress.get(p) == code] for code in PROGRESS_LABELS}
    parts = [
        f"{len(by[code])} made {PROGRESS_LABELS[code][1].lower()}"
        for code in ("good_progress", "some_progress", "little_progress")
        if by[code]
    ]
    if parts:
        lead = f"Of the {plural(len(names), 'priority', 'priorities')}, " + join_words(parts)
        if by["little_progress"]:
            lead += f" ({join_words(by['little_progress'])})"
        out.append(Message("Priorities", lead + "."))
    # 2. actions completed across priorities
    done = sum(b["actions_completed"] for b in facts["priorities"].values())
    scope = sum(b["actions_in_scope"] for b in facts["priorities"].values())
    done_last = sum(b["actions_completed"] for b in last["priorities"].values())
    scope_last = sum(b["actions_in_scope"] for b in last["priorities"].values())
    if scope:
        now_pct, last_pct = _ratio(done, scope), _ratio(done_last, scope_last)
        out.append(
            Message(
                "Priorities",
                f"{pct(now_pct)} of the business plan's actions in scope were completed "
                f"({done} of {scope})"
                + against_last_year(now_pct, last_pct, "higher", pct(last_pct))
                + ".",
            )
        )
    # 3. scorecard indicators, by status
    if indicators:
        counts = {s: sum(i["status"] == s for i in indicators) for s in STATUS_LABELS}
        met = sum(i["target_status"] == "met" for i in indicators)
        with_target = sum(i["target_status"] != "no target" for i in indicators)
        sentence = (
            f"Of {plural(len(indicators), 'scorecard indicator')}, {counts['good']} "
            f"{was_were(counts['good'])} judged good, {counts['mixed']} mixed and "
            f"{counts['concern']} of concern"
        )
        if with_target:
            sentence += f"; {met} of the {with_target} with a target met it"
        out.append(Message("Priorities", sentence + "."))
    # 4. serious incident reviews: timeliness, and recommendations overdue
    reviews, reviews_last = facts["reviews"], last["reviews"]
    rapid = reviews["rapid_review_within_timescale_pct"]
    if reviews["rapid_reviews_completed"]:
        out.append(
            Message(
                "Serious incident reviews",
                f"{pct(rapid)} of rapid reviews were completed within "
                f"{params.rapid_review_working_days} working days of the notification"
                + against_last_year(
                    rapid,
                    reviews_last["rapid_review_within_timescale_pct"],
                    "higher",
                    pct(reviews_last["rapid_review_within_timescale_pct"]),
                )
                + ".",
            )
        )
    overdue, overdue_last = (
        reviews["recommendations_overdue"],
        reviews_last["recommendations_overdue"],
    )
    out.append(
        Message(
            "Serious incident reviews",
            f"{plural(overdue, 'recommendation')} from reviews {was_were(overdue)} overdue at "
            "the year's end"
            + against_last_year(overdue, overdue_last, "lower", format_count(overdue_last))
            + ".",
        )
    )
    # 5. training
    training, training_last = facts["training"], last["training"]
    if training["reach_pct"] is not None:
        out.append(
            Message(
                "Training",
                f"Training reached {pct(training['reach_pct'])} of the staff in scope"
                + against_last_year(
                    training["reach_pct"],
                    training_last["reach_pct"],
                    "higher",
                    pct(training_last["reach_pct"]),
                )
                + f"; {format_count(training['gcp2_practitioners_trained'])} practitioners "
                "completed Graded Care Profile 2 (GCP2) training, the licensed tool for "
                "assessing neglect.",
            )
        )
    change = training["mean_confidence_change"]
    if change is not None:
        last_change = training_last["mean_confidence_change"]
        out.append(
            Message(
                "Training",
                f"Practitioners' own rating of their confidence "
                f"{'rose' if change >= 0 else 'fell'} by {abs(change):.2f} points on a 1 to 5 "
                "scale after training"
                + against_last_year(
                    change,
                    last_change,
                    "higher",
                    "n/a" if last_change is None else f"{last_change:.2f}",
                )
                + ".",
            )
        )
    out += _register_messages(facts, last)
    return out[:MAX_MESSAGES]


def _register_messages(facts: dict, last: dict) -> list[Message]:
    """Messages from the optional registers that were supplied (absent ones add nothing)."""
    out: list[Message] = []
    audits, audits_last = facts.get("audits"), last.get("audits") or {}
    if audits and audits.get("cases_audited"):
        inadequate = audits["rated_inadequate_pct"]
        out.append(
            Message(
                "Evidence of impact",
                f"Multi-agency audits looked at {plural(audits['cases_audited'], 'case')}: "
                f"{pct(inadequate)} were rated inadequate"
                + against_last_year(
                    inadequate,
                    audits_last.get("rated_inadequate_pct"),
                    "lower",
                    pct(audits_last.get("rated_inadequate_pct")),
                )
                + ".",
            )
        )
    national, national_last = facts.get("national_reviews"), last.get("national_reviews") or {}
    if national and (national.get("actions_open") or national.get("actions_overdue")):
        n = national["actions_overdue"]
        out.append(
            Message(
                "National reviews",
                f"{plural(n, 'action')} on national reviews {was_were(n)} overdue at the "
                "year's end"
                + against_last_year(
                    n,
                    national_last.get("actions_overdue"),
                    "lower",
                    format_count(national_last.get("actions_overdue")),
                )
                + ".",
            )
        )
    return out


def _ratio(num: int, den: int) -> float | None:
    return percent(num, den)


def _limited_priorities(
    reading: Reading,
    facts: dict,
    params: Params,
    names: dict[str, str],
    progress: dict,
    indicators: list[dict],
) -> None:
    for pid, name in names.items():
        if progress.get(pid) != "little_progress":
            continue
        block = facts["priorities"][pid]
        done, scope = block["actions_completed"], block["actions_in_scope"]
        overdue = block["actions_overdue"]
        parts = []
        if scope:
            parts.append(
                f"{done} of {scope} actions completed ({pct(block['actions_completed_pct'])}, "
                f"against the {params.little_progress_pct:g}% below which progress is judged "
                f"little); {overdue} overdue at the year's end"
            )
        mine = [i["status"] for i in indicators if i["priority"] == pid]
        concern = sum(s == "concern" for s in mine)
        good = sum(s == "good" for s in mine)
        if mine:
            parts.append(f"{plural(concern, 'indicator')} of concern and {good} good")
        reading.limited.append((f"Priority: {name}", "; ".join(parts) + "."))
        if scope and overdue:
            reading.questions.append(
                f"Only {done} of the {scope} actions on {name} were completed this year. "
                f"What is holding back the {plural(overdue, 'overdue action')}, and when "
                "will they be done?"
            )
        elif scope:
            reading.questions.append(
                f"Only {done} of the {scope} actions on {name} were completed this year. "
                "What will the partnership do differently next year?"
            )


def _limited_indicators(reading: Reading, indicators: list[dict], names: dict[str, str]) -> None:
    concerns = [i for i in indicators if i["status"] == "concern"]
    for ind in concerns:
        reading.limited.append((f"Indicator: {ind['name']}", describe_indicator(ind)))
    # one question per priority, naming its indicators of concern
    for pid, name in names.items():
        mine = [i["name"] for i in concerns if i["priority"] == pid]
        if not mine:
            continue
        which = mine[0] if len(mine) == 1 else f"{len(mine)} of its indicators ({join_words(mine)})"
        reading.questions.append(
            f"On {name}, {which} gave concern: worse than last year, or short of target. "
            "What lies behind this, and what are partners doing about it?"
        )


def describe_indicator(ind: dict) -> str:
    """An indicator's figures in words: value, last year's, target and England."""
    unit = ind["unit"]
    text = f"{value_text(ind['value'], unit)} at the year's end"
    previous = ind.get("previous_value")
    if previous is not None:
        verdict = {"improved": "better", "declined": "worse", "no change": "the same"}.get(
            ind["direction"]
        )
        if verdict == "the same":
            text += ", the same as last year"
        elif verdict:
            text += f", {verdict} than last year's {value_text(previous, unit)}"
    target = ind.get("target")
    if target is not None:
        met = ind["target_status"] == "met"
        text += f"; {'met' if met else 'missed'} its target of {value_text(target, unit)}"
    england = ind.get("england")
    if england is not None and ind["value"] != england:
        higher = ind["value"] > england
        good = higher == (ind["polarity"] == "higher_is_better")
        side = "better than" if good else "worse than"
        text += f"; {side} the England figure of {value_text(england, unit)}"
    return text + "."


def _limited_elsewhere(reading: Reading, facts: dict, last: dict, params: Params) -> None:
    """Concerns outside the priorities: slower reviews, overdue recommendations, registers."""
    reviews, reviews_last = facts["reviews"], last["reviews"]
    late, worse = [], []
    for key, noun, words in (
        (
            "notified_within_timescale_pct",
            "notifications",
            f"of serious incidents notified within {params.notify_working_days} working days",
        ),
        (
            "rapid_review_within_timescale_pct",
            "rapid reviews",
            f"of rapid reviews completed within {params.rapid_review_working_days} working days",
        ),
        (
            "lcsprs_published_within_timescale_pct",
            "LCSPRs",
            # explained at first use: At a glance comes before the glossary and the chapter
            f"of LCSPRs (local child safeguarding practice reviews) published within "
            f"{params.lcspr_months} months of the rapid review",
        ),
    ):
        now, before = reviews.get(key), reviews_last.get(key)
        if judge(now, before, "higher") == "worse":
            late.append(noun)
            worse.append(f"{pct(now)} {words} (last year {pct(before)})")
    if late:
        reading.limited.append(
            ("Reviews within timescale", "; ".join(worse) + ": worse than last year.")
        )
        listed = join_words(late)
        reading.questions.append(
            f"Fewer {listed} met their statutory timescales than last year. What "
            "delayed them, and what will change?"
        )
    overdue, overdue_last = (
        reviews["recommendations_overdue"],
        reviews_last["recommendations_overdue"],
    )
    if overdue and judge(overdue, overdue_last, "lower") in ("worse", "the same", None):
        reading.limited.append(
            (
                "Recommendations from reviews",
                f"{plural(overdue, 'recommendation')} overdue at the year's end"
                + against_last_year(overdue, overdue_last, "lower", format_count(overdue_last))
                + ".",
            )
        )
        reading.questions.append(
            f"Which agencies hold the {plural(overdue, 'overdue recommendation')} from "
            "reviews, and when will they be completed?"
        )
    audits = facts.get("audits")
    if audits and audits.get("rated_inadequate_pct"):
        now = audits["rated_inadequate_pct"]
        before = (last.get("audits") or {}).get("rated_inadequate_pct")
        reading.limited.append(
            (
                "Multi-agency audits",
                f"{pct(now)} of the cases audited were rated inadequate"
                + against_last_year(now, before, "lower", pct(before))
                + ".",
            )
        )
        reading.questions.append(
            "Audits rated some cases' practice inadequate. What did they find, and how are "
            "the actions agreed being followed up?"
        )
    national = facts.get("national_reviews")
    if national and national.get("actions_overdue"):
        n = national["actions_overdue"]
        reading.limited.append(
            (
                "Actions on national reviews",
                f"{plural(n, 'action')} overdue at the year's end, of "
                f"{format_count(national['actions_open'])} open.",
            )
        )
        reading.questions.append(
            f"{plural(n, 'action')} on national reviews {was_were(n)} overdue. Which, and "
            "what stands in the way?"
        )
    _limited_feedback_and_funding(reading, facts, last)


def _limited_feedback_and_funding(reading: Reading, facts: dict, last: dict) -> None:
    """Fewer activities with children and families leading to change; partners paying less."""
    feedback, feedback_last = facts.get("feedback"), last.get("feedback") or {}
    if feedback:
        changed, before = (
            feedback.get("activities_with_change_pct"),
            feedback_last.get("activities_with_change_pct"),
        )
        if judge(changed, before, "higher") == "worse":
            reading.limited.append(
                (
                    "Acting on what children and families said",
                    f"{pct(changed)} of the activities with children and families led to a "
                    f"recorded change, worse than last year's {pct(before)}.",
                )
            )
            reading.questions.append(
                "Fewer of the activities with children and families led to a recorded change. "
                "What stood in the way of acting on what they said?"
            )
    funding = facts.get("funding")
    change = funding.get("change_pct") if funding else None
    if change is not None and change < 0:
        reading.limited.append(
            (
                "Partners' contributions",
                f"£{funding['total_gbp']:,.0f} in all, down {abs(change):.1f}% on last year.",
            )
        )
        reading.questions.append(
            f"Partners' contributions fell by {abs(change):.1f}%. What will the arrangements "
            "stop or do differently, and is the share between partners still fair?"
        )


# ------------------------------------------------------------------ the page


def at_a_glance(reading: Reading, audience: str, year_label: str) -> Section:
    """The "At a glance" pages as a section, with its tables published like any other."""
    section = Section(audience)
    section.text(
        f"What the figures say about {year_label} against last year, target and England, "
        "and where the board may wish to challenge, by fixed rules (see the method notes). "
        "The partners' own view of how effective the arrangements were is in the foreword.",
        css_class="lead",
    )
    section.heading("Key messages", level=3)
    section.bullets([m.text for m in reading.messages])
    section.table(
        disclosure.release(
            pd.DataFrame(
                {
                    "Area": [m.area for m in reading.messages],
                    "Message": [m.text for m in reading.messages],
                }
            ),
            NO_CHILD,
        ),
        "key_messages",
        f"Key messages, {year_label}",
        detail=True,
        elsewhere=True,  # printed above as a list
    )
    section.heading("Progress on each priority", level=3)
    section.table(
        disclosure.release(
            pd.DataFrame(reading.priorities, columns=["Priority", "Progress", "Actions"]), NO_CHILD
        ),
        "priority_progress",
        f"Progress on each priority, {year_label}",
        note="✔ good progress, ◑ some progress, ✘ little progress, – not enough data to judge.",
    )
    section.heading("Where progress was limited", level=3)
    if reading.limited:
        section.bullets([f"{what}: {figures}" for what, figures in reading.limited])
    else:
        section.text("No priority made little progress and no indicator gave concern.")
    section.table(
        disclosure.release(
            pd.DataFrame(
                reading.limited, columns=["Priority or indicator", "What the figures show"]
            ),
            NO_CHILD,
        ),
        "progress_limited",
        f"Where progress was limited, {year_label}",
        detail=True,
        elsewhere=True,  # printed above as a list
    )
    section.heading("Questions the board may wish to ask", level=3)
    if reading.questions:
        section.bullets(reading.questions)
    else:
        section.text("The figures raise no specific question this year.")
    section.table(
        disclosure.release(pd.DataFrame({"Question": reading.questions}), NO_CHILD),
        "board_questions",
        f"Questions the board may wish to ask, {year_label}",
        detail=True,
        elsewhere=True,  # printed above as a list
    )
    return section
