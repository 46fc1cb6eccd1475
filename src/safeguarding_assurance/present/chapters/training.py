"""The training chapter: one function per report section.

Each ``show_*`` function takes the running chapter and the loaded tables
(``training``, ``workforce``), computes with :mod:`safeguarding_assurance.measures.training`,
draws with :mod:`safeguarding_assurance.present.charts.training`, builds its sentences from
the figures and returns the section it shows. Training counts staff, not
children, so no disclosure control applies and both audiences see the same
content; learner ids never leave the measures (only counts are published).
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from safeguarding_assurance import disclosure
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.disclosure import DisclosedTable
from safeguarding_assurance.measures import training as trn
from safeguarding_assurance.measures.rounding import percent
from safeguarding_assurance.present.charts import training as charts
from safeguarding_assurance.present.narrative import (
    format_count,
    format_pct,
    join_words,
    long_date,
    plural,
    was_were,
)
from safeguarding_assurance.present.section import Section


def _release(frame: pd.DataFrame) -> DisclosedTable:
    """Training counts practitioners and places, never children: released as it stands."""
    return disclosure.release(frame, "training counts staff, not children")


DELIVERY_LABELS = {
    "e_learning": "E-learning",
    "face_to_face": "Face to face",
    "virtual": "Virtual (live online)",
    "briefing": "Briefing",
}
TOPIC_LABELS = {
    "neglect": "Neglect",
    "gcp2": "Graded Care Profile 2 (GCP2)",
    "exploitation": "Exploitation",
    "early_help": "Early help",
    "domestic_abuse": "Domestic abuse",
    "information_sharing": "Information sharing",
    "voice_of_child": "Voice of the child",
    "safeguarding_basics": "Safeguarding basics",
    "other": "Other",
}
SECTOR_LABELS = {
    "local_authority": "Local authority",
    "childrens_trust": "Children's trust",
    "police": "Police",
    "health": "Health",
    "education": "Education",
    "voluntary": "Voluntary and community",
    "other": "Other",
}
LABELS = {"delivery": DELIVERY_LABELS, "topic": TOPIC_LABELS, "sector": SECTOR_LABELS}
Z_NOTE = "[z]: not applicable: there is nothing to divide by."


# ---------------------------------------------------------------- shared pieces


def _years(chapter: Any) -> tuple[ReportingYear, ReportingYear]:
    year = chapter.params.year
    return year, year.previous()


def label_value(column: str, value: str) -> str:
    """Return the plain-English label of a contract value (``face_to_face`` -> ``Face to face``)."""
    if column not in LABELS:
        return str(value)  # agency names are shown exactly as the data gives them
    return LABELS[column].get(value, str(value).replace("_", " ").capitalize())


def _change_words(now: float | None, before: float | None, unit: str = "") -> str:
    """``up from 40.1% last year`` for rates, with separators for counts; ``""`` without one."""
    if now is None or before is None:
        return ""
    shown = f"{before:.1f}%" if unit == "%" else f"{before:,.2f}" if unit == "pt" else f"{before:,}"
    if now > before:
        return f"up from {shown} last year"
    if now < before:
        return f"down from {shown} last year"
    return "the same as last year"


def _with(words: str) -> str:
    return f", {words}" if words else ""


class _Same:
    """A frame as a cache key, compared by identity: measures never change their inputs."""

    __slots__ = ("frame",)

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __hash__(self) -> int:
        return id(self.frame)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.frame is self.frame


@functools.lru_cache(maxsize=32)
def _cached_summary(training: _Same, workforce: _Same, year: ReportingYear) -> dict[str, Any]:
    # Several sections and the trend need the same year's summary: a register of a
    # million rows is prepared once and summarised once per year per run, not once per
    # section. The key holds the frames themselves, so an id is never reused while its
    # entry lives.
    return trn.summarise_training(training.frame, workforce.frame, year)


def clear_cache() -> None:
    """Forget what is kept between sections (benchmarks time a cold chapter)."""
    _cached_summary.cache_clear()
    _cached_prepared.cache_clear()


def _summary(tables: Any, year: ReportingYear) -> dict[str, Any]:
    return dict(_cached_summary(_Same(_training(tables)), _Same(tables.workforce), year))


@functools.lru_cache(maxsize=4)
def _cached_prepared(training: _Same) -> pd.DataFrame:
    return trn.prepare_training(training.frame)


def _training(tables: Any) -> pd.DataFrame:
    """The run's training register with its text as categoricals, prepared once per run."""
    return _cached_prepared(_Same(tables.training))


def _summaries(chapter: Any, tables: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    year, last = _years(chapter)
    return _summary(tables, year), _summary(tables, last)


def _paired(
    now: pd.DataFrame, before: pd.DataFrame, key: str, value: str
) -> tuple[list[str], pd.Series, pd.Series]:
    """Align this year's and last year's ``value`` by ``key``: keys in this year's order first."""
    keys = list(dict.fromkeys([*now[key], *before[key]]))
    a = now.set_index(key)[value].reindex(keys)
    b = before.set_index(key)[value].reindex(keys)
    return keys, a, b


def _ints(values: pd.Series) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in values]


def _floats(values: pd.Series) -> list[float | None]:
    return [None if v is None or pd.isna(v) else float(v) for v in values]


# ---------------------------------------------------------------- sentences


def describe_headline(now: dict[str, Any], before: dict[str, Any], year: ReportingYear) -> str:
    """Describe who completed training and how far it reached the workforce, against last year."""
    learners, agencies = now["unique_learners"], now["agencies"]
    if now["completions"] == 0:
        text = f"No training completions were recorded in {year}"
        if before["completions"]:
            text += f" ({format_count(before['completions'])} last year)"
        return text + "."
    text = (
        f"In {year}, {plural(learners, 'practitioner')} from "
        f"{plural(agencies, 'agency', 'agencies')} "
        f"completed training ({plural(now['completions'], 'completion')}, "
        f"{format_count(now['e_learning_completions'])} of them e-learning)"
    )
    if now["reach_pct"] is None:
        text += "; reach could not be measured, as no staff figures were given for the year."
    else:
        text += (
            f", reaching {format_pct(now['reach_pct'])} of the workforce in scope"
            f"{_with(_change_words(now['reach_pct'], before['reach_pct'], '%'))}."
        )
    return text


def describe_attendance(now: dict[str, Any], before: dict[str, Any]) -> str:
    """Describe did-not-attend against bookings for courses that are not e-learning."""
    if now["bookings"] == 0:
        return "No places were booked on face-to-face, virtual or briefing sessions."
    return (
        f"Of {plural(now['bookings'], 'place')} booked on face-to-face, virtual and briefing "
        f"sessions, {format_count(now['did_not_attend'])} "
        f"({format_pct(now['did_not_attend_pct'])}) "
        f"{was_were(now['did_not_attend'])} not attended"
        f"{_with(_change_words(now['did_not_attend_pct'], before['did_not_attend_pct'], '%'))}."
    )


def describe_confidence(now: dict[str, Any], before: dict[str, Any]) -> str:
    """Describe the mean change in confidence and the share who felt more confident."""
    if now["rated"] == 0:
        return "No completions had both a before and an after confidence score."
    change = now["mean_confidence_change"]
    direction = "rose" if change > 0 else "fell" if change < 0 else "did not change"
    amount = f" by {abs(change):.2f} points" if change else ""
    text = (
        f"Where practitioners rated their confidence before and after a course "
        f"({plural(now['rated'], 'completion')}), it {direction}{amount} on average on a "
        f"five-point scale"
        f"{_with(_change_words(change, before['mean_confidence_change'], 'pt'))}; "
        f"{format_pct(now['improved_pct'])} rated themselves more confident afterwards."
    )
    return text


def describe_gcp2(now: dict[str, Any], before: dict[str, Any], year: ReportingYear) -> str:
    """Describe GCP2 practitioners trained in the year and cumulatively."""
    n, total = now["gcp2_practitioners_trained"], now["gcp2_cumulative"]
    if n == 0:
        head = f"No practitioners completed Graded Care Profile 2 (GCP2) training in {year}"
    else:
        head = (
            f"{plural(n, 'practitioner')} completed Graded Care Profile 2 (GCP2) training in "
            f"{year} ({format_count(before['gcp2_practitioners_trained'])} last year)"
        )
    return f"{head}; {format_count(total)} have been trained in all, up to {long_date(year.end)}."


# ---------------------------------------------------------------- sections


def show_overview(chapter: Any, tables: Any) -> Section:
    """Show the headline sentences and table (this year beside last year); record the facts."""
    section = chapter.section()
    year, last = _years(chapter)
    now, before = _summaries(chapter, tables)
    if now["rows"] == 0:
        section.warn(f"No training rows fall in {year}; the training chapter reports zeros.")
    section.text(describe_headline(now, before, year))
    measures = [
        ("Completions", "completions"),
        ("Practitioners trained (unique learners)", "unique_learners"),
        ("Agencies with completions", "agencies"),
        ("E-learning completions", "e_learning_completions"),
        ("Places booked (not e-learning)", "bookings"),
        ("Did not attend (%)", "did_not_attend_pct"),
        ("Staff in scope (sum of staff figures given)", "staff"),
        ("Reach (% of staff in scope)", "reach_pct"),
        ("Completions with both confidence scores", "rated"),
        ("Mean confidence change (points on a 1 to 5 scale)", "mean_confidence_change"),
        ("More confident after the course (%)", "improved_pct"),
        ("GCP2 practitioners trained in the year", "gcp2_practitioners_trained"),
        ("GCP2 practitioners trained, cumulative", "gcp2_cumulative"),
    ]

    def shown(summary: dict[str, Any], key: str) -> Any:
        value = summary[key]
        # two places, as the contract rounds it, so 0.5 reads 0.50
        return f"{value:.2f}" if key == "mean_confidence_change" and value is not None else value

    table = pd.DataFrame(
        {
            "Measure": [m for m, _ in measures],
            year.label: [shown(now, k) for _, k in measures],
            last.label: [shown(before, k) for _, k in measures],
        },
        dtype="object",
    )
    section.table(
        _release(table),
        "trn_headline",
        f"Training at a glance, {year} and {last}.",
        note=(
            "A practitioner counts once however many courses they completed. Reach is the "
            "year's unique learners over the sum of the staff figures agencies gave. " + Z_NOTE
        ),
        detail=True,
    )
    # The facts are trn.facts_training for each year: its keys picked from the same
    # summary the table above shows, so facts.json and the table cannot disagree.
    section.facts("training", now, before, keys=trn.FACT_KEYS)
    return section


def show_completions_by_month(chapter: Any, tables: Any) -> Section:
    """Show completions in each month of the year, with last year's months beside."""
    section = chapter.section()
    year, last = _years(chapter)
    now = trn.count_completions_by_month(_training(tables), year)
    before = trn.count_completions_by_month(_training(tables), last)
    months = pd.DataFrame(
        {"month": now["month"], "current": now["completions"], "previous": before["completions"]}
    )
    fig = charts.plot_completions_by_month(
        months,
        current_label=year.label,
        previous_label=last.label,
    )
    total = int(now["completions"].sum())
    if total:
        peak = now.loc[now["completions"].idxmax()]
        low = now.loc[now["completions"].idxmin()]
        message = (
            f"The busiest month was {peak['month']} {peak['month_start'].year} with "
            f"{format_count(peak['completions'])}; the quietest was {low['month']} "
            f"{low['month_start'].year} with {format_count(low['completions'])}."
        )
    else:
        message = "There were no completions in any month."
    alt = (
        f"Bar chart of training completions in each month from April {year.first} to March "
        f"{year.first + 1}, {format_count(total)} in all, with {last}'s months as a dashed "
        f"line ({format_count(int(before['completions'].sum()))} in all). {message}"
    )
    data = pd.DataFrame(
        {
            "Month": now["month"],
            f"{year.label} completions": now["completions"],
            f"{last.label} completions": before["completions"],
        }
    )
    section.figure(
        fig,
        "trn_completions_by_month",
        alt,
        f"Training completions by month, {year} (bars) against {last} (dashed line).",
        data=_release(data),
        data_caption=f"Training completions by month, {year} and {last}.",
        detail=True,
        title=message,
        source=chapter.source("training"),
    )
    return section


def _show_breakdown(chapter: Any, tables: Any, column: str, noun: str, name: str) -> Section:
    """Publish completions by ``column`` (delivery or topic) as paired bars and their data."""
    section = chapter.section()
    year, last = _years(chapter)
    now = trn.count_completions_by(_training(tables), year, column)
    before = trn.count_completions_by(_training(tables), last, column)
    keys, a, b = _paired(now, before, column, "completions")
    labels = [label_value(column, k) for k in keys]
    learners = now.set_index(column)["unique_learners"].reindex(keys)
    frame = pd.DataFrame({"label": labels, "current": a.to_numpy(), "previous": b.to_numpy()})
    fig = charts.plot_paired_bars(
        frame,
        category="label",
        current="current",
        previous="previous",
        current_label=year.label,
        previous_label=last.label,
        xlabel="Completions",
    )
    total = int(a.sum())
    if total:
        top = a.idxmax()
        share = percent(int(a[top]), total)
        message = (
            f"{label_value(column, top)} accounted for the most completions in {year}: "
            f"{format_count(int(a[top]))} of {format_count(total)} ({format_pct(share)})."
        )
    else:
        message = f"There were no completions in {year}."
    if int(b.fillna(0).sum()):
        parts = "; ".join(
            f"{lab} {format_count(int(x))} ({format_count(int(y))} in {last})"
            for lab, x, y in zip(labels, a.fillna(0), b.fillna(0), strict=True)
        )
    else:
        parts = "; ".join(
            f"{lab} {format_count(int(x))}" for lab, x in zip(labels, a.fillna(0), strict=True)
        )
        parts += f" (no completions were recorded in {last})"
    alt = f"Bar chart of training completions by {noun}, {year} against {last}: {parts}. {message}"
    data = pd.DataFrame(
        {
            noun.capitalize(): labels,
            f"{year.label} completions": _ints(a.fillna(0)),
            f"{year.label} % of completions": [percent(int(x), total) for x in a.fillna(0)],
            f"{year.label} unique learners": _ints(learners.fillna(0)),
            f"{last.label} completions": _ints(b.fillna(0)),
        },
        dtype="object",
    )
    section.figure(
        fig,
        name,
        alt,
        f"Training completions by {noun}, {year} against {last}.",
        data=_release(data),
        data_caption=f"Training completions by {noun}, {year} and {last}.",
        note="A practitioner counts once in each group they completed training in. " + Z_NOTE,
        title=message,
        source=chapter.source("training"),
    )
    return section


def show_completions_by_delivery(chapter: Any, tables: Any) -> Section:
    """Show completions by delivery method (e-learning, face to face, virtual, briefing)."""
    return _show_breakdown(
        chapter, tables, "delivery", "delivery method", "trn_completions_by_delivery"
    )


def show_completions_by_topic(chapter: Any, tables: Any) -> Section:
    """Show completions by topic, GCP2 included."""
    return _show_breakdown(chapter, tables, "topic", "topic", "trn_completions_by_topic")


def _breakdown_table(
    tables: Any, year: ReportingYear, last: ReportingYear, column: str, heading: str
) -> pd.DataFrame:
    now = trn.count_completions_by(_training(tables), year, column)
    before = trn.count_completions_by(_training(tables), last, column)
    keys, a, b = _paired(now, before, column, "completions")
    _, la, lb = _paired(now, before, column, "unique_learners")
    return pd.DataFrame(
        {
            heading: [label_value(column, k) for k in keys],
            f"{year.label} completions": _ints(a.fillna(0)),
            f"{year.label} unique learners": _ints(la.fillna(0)),
            f"{last.label} completions": _ints(b.fillna(0)),
            f"{last.label} unique learners": _ints(lb.fillna(0)),
        },
        dtype="object",
    )


def describe_sectors(sector: pd.DataFrame, year: ReportingYear) -> str:
    """Name the sectors with the most completions: ``Health accounted for the most ...``."""
    column = f"{year.label} completions"
    ranked = sector.assign(_n=pd.to_numeric(sector[column])).sort_values("_n", ascending=False)
    ranked = ranked.loc[ranked["_n"] > 0]
    if ranked.empty:
        return f"No sector completed training in {year}."
    names = [str(n) for n in ranked["Sector"]]
    counts = [format_count(int(n)) for n in ranked["_n"]]
    text = f"{names[0]} accounted for the most completions in {year} ({counts[0]})"
    if len(ranked) > 1:
        text += f", then {names[1].lower()} ({counts[1]})"
    return text + f"; {plural(len(ranked), 'sector')} completed training in all."


def show_completions_by_sector_and_agency(chapter: Any, tables: Any) -> Section:
    """Say which sectors and how many agencies trained; both breakdowns are detail tables."""
    section = chapter.section()
    year, last = _years(chapter)
    sector = _breakdown_table(tables, year, last, "sector", "Sector")
    agency = _breakdown_table(tables, year, last, "agency", "Agency")
    n = int((pd.Series(agency[f"{year.label} completions"]) > 0).sum())
    section.text(
        describe_sectors(sector, year),
        f"Practitioners from {plural(n, 'agency', 'agencies')} completed training in {year}.",
    )
    section.table(
        _release(sector),
        "trn_completions_by_sector",
        f"Training completions and unique learners by sector, {year} and {last}.",
        note="A practitioner counts once in each sector they completed training in.",
        detail=True,
    )
    section.table(
        _release(agency),
        "trn_completions_by_agency",
        f"Training completions and unique learners by agency, {year} and {last}.",
        note=(
            "A practitioner who trained with two agencies counts once in each, so the "
            "agencies' learners add up to more than the overall total."
        ),
        detail=True,
    )
    return section


def describe_attendance_by_method(by_method: pd.DataFrame) -> str:
    """Name the booked delivery method with the highest share of places not attended."""
    rates = pd.to_numeric(by_method["did_not_attend_pct"], errors="coerce").dropna()
    if rates.empty:
        return ""
    worst = rates.idxmax()
    return (
        f"{label_value('delivery', worst)} sessions had the highest share not attended "
        f"({format_pct(rates[worst])})."
    )


def show_attendance(chapter: Any, tables: Any) -> Section:
    """Show places booked and not attended by delivery method (e-learning is never booked)."""
    section = chapter.section()
    year, last = _years(chapter)
    now, before = _summaries(chapter, tables)
    a = trn.summarise_attendance_by_delivery(_training(tables), year)
    b = trn.summarise_attendance_by_delivery(_training(tables), last)
    keys = list(dict.fromkeys([*a["delivery"], *b["delivery"]]))
    a, b = a.set_index("delivery").reindex(keys), b.set_index("delivery").reindex(keys)
    said = describe_attendance_by_method(a) if now["bookings"] else ""
    section.text(" ".join(t for t in (describe_attendance(now, before), said) if t))
    table = pd.DataFrame(
        {
            "Delivery method": [label_value("delivery", k) for k in keys] + ["All booked sessions"],
            f"{year.label} places booked": [*_ints(a["bookings"].fillna(0)), now["bookings"]],
            f"{year.label} did not attend": [
                *_ints(a["did_not_attend"].fillna(0)),
                now["did_not_attend"],
            ],
            f"{year.label} did not attend %": [
                *_floats(a["did_not_attend_pct"]),
                now["did_not_attend_pct"],
            ],
            f"{last.label} did not attend %": [
                *_floats(b["did_not_attend_pct"]),
                before["did_not_attend_pct"],
            ],
        },
        dtype="object",
    )
    section.table(
        _release(table),
        "trn_attendance",
        f"Places booked and not attended by delivery method, {year} and {last}.",
        note="E-learning is not booked, so it is left out. " + Z_NOTE,
        detail=True,
    )
    return section


def show_reach(chapter: Any, tables: Any) -> Section:
    """Show reach against the workforce by agency ([z] where no staff figure) and overall."""
    section = chapter.section()
    year, last = _years(chapter)
    now = trn.measure_reach_by_agency(_training(tables), tables.workforce, year)
    before = trn.measure_reach_by_agency(_training(tables), tables.workforce, last)
    overall = trn.measure_reach(_training(tables), tables.workforce, year)
    overall_last = trn.measure_reach(_training(tables), tables.workforce, last)
    keys, a, b = _paired(now, before, "agency", "reach_pct")
    mine = now.set_index("agency").reindex(keys)
    no_staff = [k for k in keys if pd.isna(mine.loc[k, "staff"])]
    zero_staff = [
        k for k in keys if not pd.isna(mine.loc[k, "staff"]) and mine.loc[k, "staff"] == 0
    ]

    sentence = (
        f"Overall, {plural(overall['unique_learners'], 'practitioner')} trained in {year} against "
        f"{format_count(overall['staff'])} staff in scope: a reach of "
        f"{format_pct(overall['reach_pct'])}"
        f"{_with(_change_words(overall['reach_pct'], overall_last['reach_pct'], '%'))}."
        if overall["reach_pct"] is not None
        else f"Reach could not be measured for {year}, as no staff figures were given."
    )
    rated = now.loc[now["reach_pct"].notna()]
    extra = ""
    if len(rated):
        hi = rated.loc[pd.to_numeric(rated["reach_pct"]).idxmax()]
        lo = rated.loc[pd.to_numeric(rated["reach_pct"]).idxmin()]
        extra = (
            f" Reach ranged from {format_pct(lo['reach_pct'])} ({lo['agency']}) to "
            f"{format_pct(hi['reach_pct'])} ({hi['agency']})."
        )
    if no_staff:
        its = "its" if len(no_staff) == 1 else "their"
        who = (
            join_words(no_staff)
            if len(no_staff) <= 3
            else plural(len(no_staff), "agency", "agencies")
        )
        extra += (
            f" {who} gave no staff figure for {year}, so {its} reach is shown as [z]; {its} "
            "learners still count in the overall figure."
        )
    section.text(sentence + extra)

    def texts(values: pd.Series, staff: pd.Series) -> list[str]:
        return [
            format_pct(v)
            if v is not None and not pd.isna(v)
            else ("[z] no staff figure" if pd.isna(s) else "[z]")
            for v, s in zip(values, staff, strict=True)
        ]

    staff_last = before.set_index("agency")["staff"].reindex(keys)
    frame = pd.DataFrame(
        {"agency": keys, "current": _floats(a), "previous": _floats(b)}, dtype="object"
    )
    reference = (
        (overall["reach_pct"], f"All agencies {format_pct(overall['reach_pct'])}")
        if overall["reach_pct"] is not None
        else None
    )
    fig = charts.plot_paired_bars(
        frame,
        category="agency",
        current="current",
        previous="previous",
        current_label=year.label,
        previous_label=last.label,
        xlabel="Practitioners trained as % of staff in scope",
        current_texts=texts(a, mine["staff"]),
        previous_texts=texts(b, staff_last),
        reference=reference,
    )
    parts = "; ".join(f"{k} {t}" for k, t in zip(keys, texts(a, mine["staff"]), strict=True))
    alt = (
        f"Bar chart of the share of each agency's staff in scope who completed training in "
        f"{year}, against {last}, with the overall reach as a dashed line. "
        f"{sentence}{extra} By agency in {year}: {parts}."
    )
    rows = pd.DataFrame(
        {
            "Agency": keys,
            f"{year.label} unique learners": _ints(mine["unique_learners"].fillna(0)),
            f"{year.label} staff in scope": _ints(mine["staff"]),
            f"{year.label} reach %": _floats(a),
            f"{last.label} reach %": _floats(b),
        },
        dtype="object",
    )
    total = pd.DataFrame(
        {
            "Agency": ["All agencies"],
            f"{year.label} unique learners": [overall["unique_learners"]],
            f"{year.label} staff in scope": [overall["staff"]],
            f"{year.label} reach %": [overall["reach_pct"]],
            f"{last.label} reach %": [overall_last["reach_pct"]],
        },
        dtype="object",
    )
    note = (
        "Reach: the agency's unique learners over its staff in scope for the year. All "
        "agencies: the year's unique learners (each counted once) over the sum of the staff "
        "figures given, so learners from agencies without a staff figure count too. "
        "[z]: not applicable: no staff figure for the year"
        + (", or a staff figure of 0" if zero_staff else "")
        + "."
    )
    section.figure(
        fig,
        "trn_reach_by_agency",
        alt,
        f"Practitioners trained as a share of staff in scope, by agency, {year} against "
        f"{last}; dashed line: all agencies.",
        data=_release(pd.concat([rows, total], ignore_index=True)),
        data_caption=f"Reach of training by agency, {year} and {last}.",
        note=note,
        title=extra.strip().rstrip(".") if extra else f"Reach of training by agency, {year}",
        source=chapter.source("training", "workforce"),
        detail=True,
    )
    return section


def show_confidence(chapter: Any, tables: Any) -> Section:
    """Show the change in confidence (this year beside last) and the before/after distribution."""
    section = chapter.section()
    year, last = _years(chapter)
    now = trn.summarise_confidence(_training(tables), year)
    before = trn.summarise_confidence(_training(tables), last)
    summary_now, summary_before = _summaries(chapter, tables)
    section.text(describe_confidence(summary_now, summary_before))

    def two(value: float | None) -> str | None:
        return None if value is None else f"{value:.2f}"

    table = pd.DataFrame(
        {
            "Measure": [
                "Completions with both scores",
                "Mean change (after - before, points)",
                "More confident after",
                "No change",
                "Less confident after",
                "More confident after (%)",
            ],
            year.label: [
                now["rated"],
                two(now["mean_change"]),
                now["improved"],
                now["unchanged"],
                now["lower"],
                now["improved_pct"],
            ],
            last.label: [
                before["rated"],
                two(before["mean_change"]),
                before["improved"],
                before["unchanged"],
                before["lower"],
                before["improved_pct"],
            ],
        },
        dtype="object",
    )
    section.table(
        _release(table),
        "trn_confidence",
        f"Practitioners' self-rated confidence before and after training, {year} and {last}.",
        note=(
            "Over completions with both a before and an after score (1 lowest, 5 highest); "
            "a practitioner who completed several courses counts once per course. " + Z_NOTE
        ),
        detail=True,
    )
    scores = trn.count_confidence_scores(_training(tables), year)
    fig = charts.plot_confidence_scores(scores)
    n = now["rated"]
    if n:
        high_before = int(scores.loc[scores["score"] >= 4, "before"].sum())
        high_after = int(scores.loc[scores["score"] >= 4, "after"].sum())
        message = (
            f"Scores of 4 or 5 went from {format_pct(percent(high_before, n))} of "
            f"{plural(n, 'rated completion')} before the course to "
            f"{format_pct(percent(high_after, n))} after it."
        )
    else:
        message = f"No completions in {year} had both scores."
    parts = "; ".join(
        f"score {s}: {b:,} before, {a:,} after"
        for s, b, a in zip(scores["score"], scores["before"], scores["after"], strict=True)
    )
    alt = (
        f"Bar chart of how many completions gave each confidence score from 1 to 5, before "
        f"and after the course, {year}. {message} {parts}."
    )
    section.figure(
        fig,
        "trn_confidence_scores",
        alt,
        f"Self-rated confidence before and after the course (completions with both scores), "
        f"{year}.",
        data=_release(
            pd.DataFrame(
                {
                    "Score": scores["score"],
                    "Before the course": scores["before"],
                    "After the course": scores["after"],
                }
            )
        ),
        data_caption=f"Completions by confidence score before and after the course, {year}.",
        note="Score 1 is the lowest confidence, 5 the highest.",
        detail=True,
        title=message,
        source=chapter.source("training"),
    )
    return section


def _trend(chapter: Any, tables: Any) -> pd.DataFrame:
    # As trn.trend_training, from the summaries the other sections already made.
    years = chapter.params.year.trend(chapter.params.trend_years)
    return pd.DataFrame([_summary(tables, y) for y in years])


def show_gcp2(chapter: Any, tables: Any) -> Section:
    """Show GCP2 practitioners trained in each trend year and cumulatively."""
    section = chapter.section()
    year, _ = _years(chapter)
    now, before = _summaries(chapter, tables)
    trend = _trend(chapter, tables)
    message = describe_gcp2(now, before, year)
    frame = pd.DataFrame(
        {
            "reporting_year": trend["reporting_year"],
            "in_year": trend["gcp2_practitioners_trained"],
            "cumulative": trend["gcp2_cumulative"],
        }
    )
    span = f"{frame['reporting_year'].iloc[0]} to {frame['reporting_year'].iloc[-1]}"
    fig = charts.plot_gcp2_trained(frame)
    parts = "; ".join(
        f"{y}: {i:,} in the year, {c:,} in all"
        for y, i, c in zip(
            frame["reporting_year"], frame["in_year"], frame["cumulative"], strict=True
        )
    )
    alt = (
        f"Bar chart of practitioners trained in Graded Care Profile 2 in each year, {span}, "
        f"with a line for the cumulative total. {message} {parts}."
    )
    section.figure(
        fig,
        "trn_gcp2_trained",
        alt,
        f"Practitioners trained in Graded Care Profile 2 (GCP2) each year (bars) and "
        f"cumulatively (line), {span}.",
        data=_release(
            pd.DataFrame(
                {
                    "Reporting year": frame["reporting_year"],
                    "Trained in the year": frame["in_year"],
                    "Trained up to the year's end": frame["cumulative"],
                }
            )
        ),
        data_caption=f"GCP2 practitioners trained, {span}.",
        note=(
            "A practitioner counts once however many GCP2 courses they completed, both in "
            "the year and in the total up to the year's end (which includes practitioners "
            "who may since have left their agency)."
        ),
        title=message,
        source=chapter.source("training"),
    )
    return section


def _trend_sentence(trend: pd.DataFrame, column: str, noun: str, unit: str = "") -> str:
    values = trend[column].tolist()
    first, last = values[0], values[-1]
    y0, y1 = trend["reporting_year"].iloc[0], trend["reporting_year"].iloc[-1]
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return ""
    shown = format_pct if unit == "%" else format_count
    return f"{noun} went from {shown(first)} in {y0} to {shown(last)} in {y1}."


def show_trend(chapter: Any, tables: Any) -> Section:
    """Show the main measures over the trend years: counts, rates, and their table."""
    section = chapter.section()
    trend = _trend(chapter, tables)
    years = trend["reporting_year"].tolist()
    span = f"{years[0]} to {years[-1]}"
    counts = {"completions": "Completions", "unique_learners": "Practitioners trained"}
    rates = {
        "reach_pct": "Reach %",
        "did_not_attend_pct": "Did not attend %",
        "improved_pct": "More confident %",
    }
    counts_said = rates_said = ""
    if len(years) > 1:
        counts_said = " ".join(
            s
            for s in (
                _trend_sentence(trend, "completions", "Completions"),
                _trend_sentence(trend, "unique_learners", "practitioners trained"),
            )
            if s
        )
        rates_said = _trend_sentence(trend, "reach_pct", "Reach", "%")
    fig = charts.plot_trend_lines(trend, counts, ylabel="Number")
    alt = (
        f"Line chart of training completions and practitioners trained in each year, {span}: "
        + "; ".join(
            f"{y} {c:,} completions by {u:,} practitioners"
            for y, c, u in zip(years, trend["completions"], trend["unique_learners"], strict=True)
        )
        + "."
    )
    section.figure(
        fig,
        "trn_trend_counts",
        alt,
        f"Training completions and practitioners trained (unique learners), {span}.",
        data=_release(
            pd.DataFrame(
                {
                    "Reporting year": years,
                    "Completions": trend["completions"],
                    "Practitioners trained": trend["unique_learners"],
                }
            )
        ),
        data_caption=f"Completions and practitioners trained, {span}.",
        detail=True,
        title=counts_said.rstrip(".") or None,
        source=chapter.source("training"),
    )
    fig = charts.plot_trend_lines(trend, rates, ylabel="Per cent", label_format="{:.1f}%")
    alt = (
        f"Line chart of reach, did-not-attend and the share more confident after training, "
        f"{span}: "
        + "; ".join(
            f"{y} reach {format_pct(_nan_none(r))}, did not attend {format_pct(_nan_none(d))}, "
            f"more confident {format_pct(_nan_none(i))}"
            for y, r, d, i in zip(
                years,
                trend["reach_pct"],
                trend["did_not_attend_pct"],
                trend["improved_pct"],
                strict=True,
            )
        )
        + ". A gap in a line is a year with no denominator."
    )
    section.figure(
        fig,
        "trn_trend_rates",
        alt,
        f"Reach, did-not-attend and share more confident after training, {span}.",
        data=_release(
            pd.DataFrame(
                {
                    "Reporting year": years,
                    "Reach %": _floats(trend["reach_pct"]),
                    "Did not attend %": _floats(trend["did_not_attend_pct"]),
                    "More confident after %": _floats(trend["improved_pct"]),
                    "Mean confidence change": [
                        None if v is None or pd.isna(v) else f"{v:.2f}"
                        for v in trend["mean_confidence_change"]
                    ],
                },
                dtype="object",
            )
        ),
        data_caption=f"Reach, did-not-attend and confidence, {span}.",
        note=Z_NOTE,
        title=rates_said.rstrip(".") or None,
        source=chapter.source("training", "workforce"),
    )
    return section


def _nan_none(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
