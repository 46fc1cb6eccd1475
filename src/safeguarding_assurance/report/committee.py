"""The scrutiny board's cover report, from a run's published figures and the partnership's words.

Written to ``committee/cover-report.docx`` (Word, the format councils write committee
papers in) and ``committee/cover-report.html`` (the same text, for review) inside a
run's published folder. The shape is a council committee cover report's: a header
table (board, title, meeting date, author, lead officers, wards, exempt information,
appendices), then thirteen numbered sections in a fixed order.

Every figure comes from the run: ``facts.json`` (with its ``assessment`` and optional
register blocks when present) and the published tables, never from the registers and
never typed. So the public edition can only show what the public report shows, and
never a child's age or ethnicity or a case reference. Prose comes from the
partnership's Markdown in ``<content_dir>/committee/``, one file per section, quoting
figures through the same ``{{ key }}`` placeholders as the report's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.paths import cover_report_paths
from safeguarding_assurance.present.narrative import long_date
from safeguarding_assurance.present.summary import HEADLINES, priority_headlines
from safeguarding_assurance.report.own_words import (
    ContentError,
    Section,
    check_content,
    fill_placeholders,
    format_fact,
    lookup_fact,
    read_words,
)
from safeguarding_assurance.report.paper import (
    Block,
    Heading,
    Image,
    ListItems,
    Paper,
    Paragraph,
    Run,
    Table,
    TemplateError,
    markdown_blocks,
    paper_html,
    plain,
    write_docx,
)
from safeguarding_assurance.report.run_folder import PublishedTable, RunFolder

CONTENT_FOLDER = "committee"  # under the year's content_dir
TEMPLATE = "template.docx"  # a council's own Word styles, optional, beside the Markdown

# The partnership's words, one Markdown file per prose section, in the report's order.
PROSE: dict[str, Section] = {
    key: Section(f"{CONTENT_FOLDER}/{key}.md", title, "committee")
    for key, title in (
        ("executive_summary", "Executive summary"),
        ("background", "Background and context"),
        ("highlights", "Key highlights"),
        ("consultation", "Consultation"),
        ("financial", "Financial implications"),
        ("legal", "Legal and governance implications"),
        ("risks", "Risks"),
        ("equality", "Equality and diversity implications"),
        ("other_implications", "Other relevant implications"),
        ("background_documents", "Background documents"),
        ("council_plan", "How the report delivers the council plan"),
    )
}

# The numbered sections, in the order of a council's committee cover report.
SECTION_TITLES = (
    "Executive summary",
    "Recommendation",
    "Background and context",
    "Key highlights from {year}",
    "Consultation",
    "Financial implications",
    "Legal and governance implications",
    "Risks",
    "Equality and diversity implications (including the public sector equality duty)",
    "Other relevant implications",
    "Background documents",
    "How does this deliver the outcomes in the council plan?",
    "Appendices",
)

HEADER_FIELDS = (
    "Scrutiny board",
    "Report title",
    "Date of meeting",
    "Report author",
    "Lead officers",
    "Wards affected",
    "Exempt information and exemption category",
    "Appendices",
)

VERDICTS = {
    "good_progress": "Good progress",
    "some_progress": "Some progress",
    "little_progress": "Little progress",
    "no_data": "No data",
}

# reviews tables the internal edition adds (per-year breakdowns; never a case reference)
INTERNAL_BREAKDOWNS = (
    "rev_by_incident_type",
    "rev_by_age_band",
    "rev_by_sex",
    "rev_by_ethnicity_group",
)
CHART = (
    "pri_actions_by_priority"  # the one chart the cover report shows, with the report's alt text
)


# ------------------------------------------------------------------ checks before a run


def check_committee_content(folder: Path, status: str, facts_keys: dict[str, Any]) -> None:
    """Fail before any notebook runs: an unknown placeholder, or a final run's missing words."""
    check_content(folder, status, facts_keys, tuple(PROSE.values()))


# ------------------------------------------------------------------ the header table


def report_title(params: Params) -> str:
    """The cover report's title: the effectiveness of the partnership, and the year."""
    name = params.partnership_name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return f"The effectiveness of the {name}: annual report {params.reporting_year}"


def header_details(params: Params, audience: str) -> list[tuple[str, tuple[str, ...]]]:
    """The header table, field by field: the ``committee:`` block, or defaults from the name."""
    c = params.committee
    meeting = long_date(dt.date.fromisoformat(c.meeting_date)) if c.meeting_date else None
    exempt = c.exempt_information or (
        "This internal edition is OFFICIAL-SENSITIVE: not for publication."
        if audience == "internal"
        else "None"
    )
    values: tuple[tuple[str, ...], ...] = (
        (c.board or "To be confirmed",),
        (report_title(params),),
        (meeting or "To be confirmed",),
        (c.author or f"{params.partnership_name} business unit",),
        c.lead_officers or (f"The safeguarding partners of the {params.partnership_name}",),
        (c.wards or "All",),
        (exempt,),
        tuple(f"{i}. {a}" for i, a in enumerate(appendices(params), start=1)),
    )
    return list(zip(HEADER_FIELDS, values, strict=True))


def appendices(params: Params) -> tuple[str, ...]:
    """The papers attached: the ``committee:`` block's, or the report and its data tables."""
    if params.committee.appendices:
        return params.committee.appendices
    return (
        f"{params.partnership_name} annual report {params.reporting_year}",
        f"Data tables for the annual report {params.reporting_year} (spreadsheet)",
    )


# ------------------------------------------------------------------ figures


def _value(facts: dict[str, Any], key: str) -> Any:
    try:
        return lookup_fact(facts, key)
    except KeyError:
        return None


def figure(facts: dict[str, Any], key: str) -> str:
    """A facts figure as the report's own words quote it (``1,234``, ``66.7%``, ``[z]``)."""
    return format_fact(key, _value(facts, key))


def last_year_figures(run: RunFolder, params: Params) -> dict[str, str]:
    """Last year's headline figures as the executive summary table publishes them, by facts key."""
    table = run.table("executive_summary")
    if table is None or not {"Area", "Measure", "Last year"} <= set(table.columns):
        return {}
    rows = {
        (h.section, h.label): h
        for h in (*HEADLINES, *priority_headlines([(p.id, p.name) for p in params.priorities]))
    }
    out: dict[str, str] = {}
    for area, measure, last in zip(
        table.column("Area"), table.column("Measure"), table.column("Last year"), strict=True
    ):
        headline = rows.get((area, measure))
        value = _number(last, headline.kind) if headline else None
        if headline and value is not None:
            out[headline.key] = format_fact(headline.key, value)
    return out


def _number(cell: str, kind: str) -> int | float | None:
    """A headline cell as the number it holds; ``None`` for ``[z]`` or an empty cell."""
    text = cell.strip().lstrip("'").replace(",", "").rstrip("%")
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if kind == "count" else value


@dataclass(frozen=True)
class Reading:
    """The scrutiny reading of the year: key messages, limited progress, questions for the board."""

    key_messages: tuple[tuple[str, str], ...]
    progress_limited: tuple[tuple[str, str], ...]
    questions: tuple[str, ...]


def _n(facts: dict[str, Any], key: str, one: str, many: str) -> str:
    value = _value(facts, key)
    return f"{figure(facts, key)} {one if value == 1 else many}"


def reading_from_facts(facts: dict[str, Any], last: dict[str, str], params: Params) -> Reading:
    """Key messages, limited progress and questions built from the headline figures alone.

    Used for whichever of the scrutiny reading's tables (``key_messages``,
    ``progress_limited``, ``board_questions``) the run did not publish. Only headline
    figures are quoted: none is suppressed in any edition.
    """

    def f(key: str) -> str:
        return figure(facts, key)

    def then(key: str) -> str:
        return f" ({last[key]} last year)" if last.get(key) else ""

    def has(key: str) -> bool:
        return _value(facts, key) is not None

    messages: list[tuple[str, str]] = []
    questions: list[str] = []
    if has("reviews.notifications"):
        text = (
            _n(facts, "reviews.notifications", "serious incident was", "serious incidents were")
            + f" notified to the National Panel{then('reviews.notifications')}."
        )
        if _value(facts, "reviews.notifications"):
            rapid = _n(
                facts, "reviews.rapid_reviews_completed", "rapid review was", "rapid reviews were"
            )
            text += (
                f" {rapid} completed, and {f('reviews.lcspr_decisions')} decided that a local "
                "review (LCSPR) was needed."
            )
        messages.append(("Serious incidents", text))
    timely = []
    if has("reviews.notified_within_timescale_pct"):
        timely.append(
            f"{f('reviews.notified_within_timescale_pct')} of notifications were made within "
            f"{params.notify_working_days} working days"
            f"{then('reviews.notified_within_timescale_pct')}"
        )
    if has("reviews.rapid_review_within_timescale_pct"):
        timely.append(
            f"{f('reviews.rapid_review_within_timescale_pct')} of rapid reviews were completed "
            f"within {params.rapid_review_working_days} working days"
            f"{then('reviews.rapid_review_within_timescale_pct')}"
        )
    if timely:
        messages.append(("Timeliness", "; ".join(timely) + "."))
    if has("reviews.recommendations_open"):
        messages.append(
            (
                "Review recommendations",
                _n(
                    facts,
                    "reviews.recommendations_open",
                    "recommendation was",
                    "recommendations were",
                )
                + f" open at the year end, {f('reviews.recommendations_overdue')} of them overdue.",
            )
        )
    if has("training.completions"):
        text = (
            f"{_n(facts, 'training.completions', 'training completion', 'training completions')}"
            f" by {_n(facts, 'training.unique_learners', 'practitioner', 'practitioners')}."
        )
        if has("training.reach_pct"):
            text += (
                f" Training reached {f('training.reach_pct')} of staff in scope"
                f"{then('training.reach_pct')}."
            )
        messages.append(("Training", text))
    limited: list[tuple[str, str]] = []
    verdicts = (facts.get("assessment") or {}).get("priorities") or {}
    overdue: list[str] = []
    for p in params.priorities:
        key = f"priorities.{p.id}"
        if not has(f"{key}.actions_in_scope"):
            continue
        shown = (
            f"{f(key + '.actions_completed')} of {f(key + '.actions_in_scope')} actions in scope "
            f"completed ({f(key + '.actions_completed_pct')}); "
            f"{f(key + '.actions_overdue')} overdue at the year end."
        )
        if verdicts.get(p.id) == "little_progress":
            limited.append((p.name, f"Little progress: {shown}"))
        if _value(facts, f"{key}.actions_overdue"):
            overdue.append(f"{f(key + '.actions_overdue')} under {p.name}")
    if overdue:
        questions.append(
            f"What will it take to complete the overdue actions ({'; '.join(overdue)}), "
            "and by when?"
        )
    concern = _value(facts, "assessment.indicators_concern")
    if concern:
        limited.append(
            (
                "Scorecard indicators",
                f"{_n(facts, 'assessment.indicators_concern', 'indicator is', 'indicators are')}"
                " of concern: they missed their target or moved the wrong way.",
            )
        )
    for key, what in (
        ("reviews.notified_within_timescale_pct", "were some notifications made late"),
        ("reviews.rapid_review_within_timescale_pct", "did some rapid reviews take longer"),
    ):
        value = _value(facts, key)
        if value is not None and value < 100:
            questions.append(f"Why {what} ({f(key)} on time), and what has changed?")
    if _value(facts, "reviews.recommendations_overdue"):
        questions.append(
            "What is holding up the "
            + _n(
                facts,
                "reviews.recommendations_overdue",
                "overdue recommendation",
                "overdue recommendations",
            )
            + " from reviews, and which agencies hold them?"
        )
    if has("training.reach_pct"):
        questions.append(
            f"Training reached {f('training.reach_pct')} of staff in scope: which agencies are "
            "furthest behind, and is there evidence that training changed practice?"
        )
    return Reading(tuple(messages), tuple(limited), tuple(questions))


def _pairs(
    table: PublishedTable | None, first: str, second: str
) -> tuple[tuple[str, str], ...] | None:
    if table is None or not {first, second} <= set(table.columns):
        return None
    return tuple(zip(table.column(first), table.column(second), strict=True))


def scrutiny_reading(run: RunFolder, params: Params) -> Reading:
    """The run's published scrutiny reading; a table it did not publish is built from the facts."""
    messages = _pairs(run.table("key_messages"), "Area", "Message")
    limited = _pairs(
        run.table("progress_limited"), "Priority or indicator", "What the figures show"
    )
    questions_table = run.table("board_questions")
    questions = (
        tuple(questions_table.column("Question"))
        if questions_table is not None and "Question" in questions_table.columns
        else None
    )
    if messages is not None and limited is not None and questions is not None:
        return Reading(messages, limited, questions)
    fallback = reading_from_facts(run.facts, last_year_figures(run, params), params)
    return Reading(
        messages if messages is not None else fallback.key_messages,
        limited if limited is not None else fallback.progress_limited,
        questions if questions is not None else fallback.questions,
    )


# ------------------------------------------------------------------ building the paper


class _Builder:
    """Numbered sections and paragraphs (``4.2``), as a committee report numbers them."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.section = 0
        self.paragraph = 0

    def heading(self, title: str) -> None:
        self.section += 1
        self.paragraph = 0
        self.blocks.append(Heading(f"{self.section}. {title}", 1))

    def sub(self, title: str) -> None:
        self.blocks.append(Heading(title, 2))

    def para(self, *runs: Run | str) -> None:
        self.paragraph += 1
        parts = tuple(Run(r) if isinstance(r, str) else r for r in runs)
        self.blocks.append(Paragraph(parts, number=f"{self.section}.{self.paragraph}"))

    def bullets(self, items: list[tuple[Run, ...]], ordered: bool = False) -> None:
        if items:
            self.blocks.append(ListItems(tuple(items), ordered))

    def table(self, table: Table) -> None:
        self.blocks.append(table)

    def add(self, blocks: list[Block]) -> None:
        """The partnership's words: their paragraphs numbered like the rest."""
        for b in blocks:
            if isinstance(b, Paragraph) and not b.note:
                self.paragraph += 1
                b = Paragraph(b.runs, number=f"{self.section}.{self.paragraph}")
            self.blocks.append(b)


def own_words(params: Params, key: str, facts: dict[str, Any], status: str) -> list[Block]:
    """One prose section from the partnership's Markdown, placeholders filled from the facts.

    A missing or empty file is a visible "to be written" note in a draft and an error
    (exit status 2, naming the file) in a final run.
    """
    section = PROSE[key]
    path = params.content_path / section.file
    text = read_words(path) if path.is_file() else ""
    if not text.strip():
        if status == "final":
            raise ContentError(
                f"{path}: missing or empty; a final cover report needs the partnership's own "
                f"words for '{section.title}' (a draft shows a 'to be written' note instead)"
            )
        return [
            Paragraph(
                (
                    Run("To be written: ", bold=True),
                    Run(
                        f"{section.title} ({section.file} in the year's content folder).",
                        italic=True,
                    ),
                ),
                note=True,
            )
        ]
    return markdown_blocks(fill_placeholders(text, facts, section.file))


def _table(run: RunFolder, name: str) -> Table | None:
    published = run.table(name)
    if published is None or not published.rows:
        return None
    return Table(
        published.caption.rstrip("."),
        tuple(published.columns),
        tuple(tuple(r) for r in published.rows),
        published.note,
    )


def _priorities_table(facts: dict[str, Any], params: Params) -> Table:
    """Each priority's actions and indicators, with the run's judgement when it made one."""
    verdicts = (facts.get("assessment") or {}).get("priorities") or {}
    columns = ["Priority", "Actions in scope", "Completed", "Overdue"]
    columns += ["Indicators improved", "Indicators declined"]
    if verdicts:
        columns.append("Progress")
    rows = []
    for p in params.priorities:
        key = f"priorities.{p.id}"
        row = [
            p.name,
            figure(facts, f"{key}.actions_in_scope"),
            f"{figure(facts, key + '.actions_completed')} "
            f"({figure(facts, key + '.actions_completed_pct')})",
            figure(facts, f"{key}.actions_overdue"),
            figure(facts, f"{key}.indicators_improved"),
            figure(facts, f"{key}.indicators_declined"),
        ]
        if verdicts:
            row.append(VERDICTS.get(verdicts.get(p.id, ""), "[x]"))
        rows.append(tuple(row))
    note = (
        "Completed: actions completed in the year, and as a share of those in scope. Overdue: "
        "at the year end. Indicators: scorecard indicators better or worse than last year. "
        "[z]: not applicable (no actions in scope)."
    )
    if verdicts:
        note += " Progress is judged by the fixed rules in the report's method notes."
    return Table(
        f"Actions and indicators by priority, {params.reporting_year}",
        tuple(columns),
        tuple(rows),
        note,
    )


def _reviews_table(run: RunFolder, params: Params, last: dict[str, str]) -> Table:
    """Notifications, rapid reviews and LCSPR decisions by year: counts only, never a child."""
    facts = run.facts
    keys = ("reviews.notifications", "reviews.rapid_reviews_completed", "reviews.lcspr_decisions")
    this_year = (params.reporting_year, *(figure(facts, k) for k in keys))
    rows: list[tuple[str, ...]] = []
    trend = run.table("rev_trend")
    wanted = (
        "Reporting year",
        "Notifications",
        "Rapid reviews completed",
        "Decisions to hold an LCSPR",
    )
    if trend is not None and set(wanted) <= set(trend.columns):
        columns = [trend.column(c) for c in wanted]
        for values in zip(*columns, strict=True):
            if values[0] != params.reporting_year:
                rows.append(tuple(values))
    elif all(k in last for k in keys):
        rows.append((params.year.previous().label, *(last[k] for k in keys)))
    rows.append(this_year)
    return Table(
        "Serious incident notifications, rapid reviews and decisions to hold an LCSPR, by year "
        "of notification",
        (
            "Reporting year",
            "Notifications",
            "Rapid reviews completed",
            "Decided an LCSPR was needed",
        ),
        tuple(rows),
        "Counts of reviews only: the cover report never describes a child.",
    )


def _reviews_section(b: _Builder, run: RunFolder, params: Params, last: dict[str, str]) -> None:
    facts = run.facts
    f = lambda key: figure(facts, key)  # noqa: E731 - a short local alias
    year = params.year
    b.sub("Learning from serious incidents")
    b.para(
        f"From {long_date(year.start)} to {long_date(year.end)} the partnership notified the "
        "National Panel of "
        + _n(facts, "reviews.notifications", "serious incident", "serious incidents")
        + " (a child died or was seriously harmed and abuse or neglect was known or suspected). "
        + _n(facts, "reviews.rapid_reviews_completed", "rapid review was", "rapid reviews were")
        + f" completed, and {f('reviews.lcspr_decisions')} decided that a Local Child Safeguarding "
        "Practice Review (LCSPR) was needed."
    )
    b.table(_reviews_table(run, params, last))
    timeliness = []
    if _value(facts, "reviews.notified_within_timescale_pct") is not None:
        timeliness.append(
            f"{f('reviews.notified_within_timescale_pct')} of notifications were made within "
            f"{params.notify_working_days} working days"
        )
    if _value(facts, "reviews.rapid_review_within_timescale_pct") is not None:
        timeliness.append(
            f"{f('reviews.rapid_review_within_timescale_pct')} of rapid reviews were completed "
            f"within {params.rapid_review_working_days} working days"
        )
    text = ("Timeliness: " + " and ".join(timeliness) + ". ") if timeliness else ""
    if _value(facts, "reviews.lcsprs_published"):
        text += (
            f"{_n(facts, 'reviews.lcsprs_published', 'LCSPR was', 'LCSPRs were')} published in "
            f"the year, {f('reviews.lcsprs_published_within_timescale_pct')} of them within "
            f"{params.lcspr_months} months. "
        )
    else:
        text += "No LCSPR was published in the year. "
    text += (
        "At the year end "
        + _n(facts, "reviews.recommendations_open", "recommendation was", "recommendations were")
        + f" open from reviews, {f('reviews.recommendations_overdue')} of them overdue."
    )
    b.para(text)
    themes = _table(run, "rev_by_theme")
    if themes is not None:
        b.para(
            "The themes seen in reviews are shown below. To protect the children concerned, "
            + (
                "the public edition counts them over several years together and hides small "
                "numbers as [c]."
                if run.audience == "public"
                else "the public edition counts them over several years together; this internal "
                "edition adds the year's own counts."
            )
        )
        b.table(themes)
    if run.audience == "internal":
        tables = [t for t in (_table(run, n) for n in INTERNAL_BREAKDOWNS) if t is not None]
        if tables:
            b.sub("The children concerned (internal edition only)")
            b.para(
                "Counts by characteristic, for the year and pooled over several years. No table "
                "crosses two characteristics, and no case is listed."
            )
            for t in tables:
                b.table(t)


def _training_section(b: _Builder, facts: dict[str, Any], last: dict[str, str]) -> None:
    if "training" not in facts:
        return
    f = lambda key: figure(facts, key)  # noqa: E731
    then = lambda key: f" ({last[key]} last year)" if last.get(key) else ""  # noqa: E731
    b.sub("Training and its impact")
    b.para(
        "Practitioners completed "
        + _n(facts, "training.completions", "course or e-learning module", "courses and modules")
        + f"{then('training.completions')}, {f('training.e_learning_completions')} of them by "
        "e-learning; "
        + _n(facts, "training.unique_learners", "practitioner", "different practitioners")
        + f" took part. Training reached {f('training.reach_pct')} of staff in scope"
        f"{then('training.reach_pct')}. "
        + _confidence_words(facts)
        + _n(facts, "training.gcp2_practitioners_trained", "practitioner", "practitioners")
        + " completed Graded Care Profile 2 (GCP2) training for assessing neglect."
    )


def _confidence_words(facts: dict[str, Any]) -> str:
    change = _value(facts, "training.mean_confidence_change")
    if change is None:
        return "No practitioner gave a confidence score before and after a course. "
    shown = format_fact("training.mean_confidence_change", abs(change))
    moved = "rose" if change > 0 else "fell" if change < 0 else "did not change"
    by = f" by {shown} points" if change else ""
    return (
        f"Practitioners' own rating of their confidence (from 1 to 5) {moved}{by} on average "
        "after training. "
    )


def _optional_registers(b: _Builder, facts: dict[str, Any]) -> None:
    f = lambda key: figure(facts, key)  # noqa: E731
    if isinstance(facts.get("audits"), dict):
        b.sub("Multi-agency case-file audits")
        b.para(
            f"{_n(facts, 'audits.audits_completed', 'audit was', 'audits were')} completed, "
            f"looking at {_n(facts, 'audits.cases_audited', 'case', 'cases')}: "
            f"{f('audits.rated_good_pct')} were rated good and "
            f"{f('audits.rated_inadequate_pct')} inadequate. "
            f"{f('audits.actions_completed_pct')} of the actions agreed have been completed."
        )
    if isinstance(facts.get("national_reviews"), dict):
        b.sub("Learning from national reviews")
        b.para(
            "The partnership acted on "
            + _n(facts, "national_reviews.reviews_acted_on", "national review", "national reviews")
            + " and the National Panel's reports: "
            f"{_n(facts, 'national_reviews.actions_completed', 'action was', 'actions were')} "
            f"completed in the year, {f('national_reviews.actions_open')} were open at the year "
            f"end and {f('national_reviews.actions_overdue')} of those were overdue."
        )


def _funding_sentence(facts: dict[str, Any]) -> str:
    total = _value(facts, "funding.total_gbp")
    shown = "[z]" if total is None else f"£{int(total):,}"
    text = f"Partners contributed {shown} in cash and in kind"
    change = _value(facts, "funding.change_pct")
    if change is not None:
        if change > 0:
            text += f", up {change:.1f}% on last year"
        elif change < 0:
            text += f", down {abs(change):.1f}% on last year"
        else:
            text += ", the same as last year"
    text += (
        f", from {_n(facts, 'funding.partners_contributing', 'partner', 'partners')}. "
        f"The statutory partners (the council, the police and health) gave "
        f"{figure(facts, 'funding.statutory_partners_share_pct')} of the total."
    )
    return text


def _chart(run: RunFolder) -> Image | None:
    path, alt = run.figures.get(CHART), run.alt_texts.get(CHART, "")
    if path is None or not alt.strip():
        return None  # never a picture without its alt text
    return Image(
        path.read_bytes(),
        alt,
        "Share of business plan actions completed, by priority (from the annual report)",
    )


def build_cover_report(run: RunFolder, params: Params) -> Paper:
    """The whole cover report for one published run, as a :class:`Paper`."""
    facts, year, status = run.facts, params.reporting_year, params.status
    audience = run.audience
    last = last_year_figures(run, params)
    reading = scrutiny_reading(run, params)
    titles = [t.format(year=year) for t in SECTION_TITLES]
    b = _Builder()

    def words(key: str) -> None:
        b.add(own_words(params, key, facts, status))

    # 1 executive summary: the key messages first, then the partnership's words
    b.heading(titles[0])
    b.para(
        f"This report presents the {params.partnership_name}'s annual report for {year} "
        "(Appendix 1)."
        + (
            " Its key messages, taken from the report's own figures, are:"
            if reading.key_messages
            else ""
        )
    )
    b.bullets(
        [(Run(f"{area}: ", bold=True), Run(message)) for area, message in reading.key_messages]
    )
    words("executive_summary")
    # 2 recommendation
    b.heading(titles[1])
    b.para("That the board considers the annual report and comments on the information presented.")
    b.para(
        "That the board notes any issues in the report that the partnership could take as "
        "learning points."
    )
    if reading.questions:
        b.para("In considering the report, the board may wish to ask:")
        b.bullets([plain(q) for q in reading.questions])
    # 3 background and context
    b.heading(titles[2])
    b.para(
        "Working Together to Safeguard Children 2023 requires the safeguarding partners (the "
        "local authority, the police and the Integrated Care Board) to publish a report each "
        "year on what they did and how effective their arrangements were. The report for "
        f"{year} covers {long_date(params.year.start)} to {long_date(params.year.end)}. The "
        "partnership's priorities for the year were:"
    )
    b.bullets([plain(p.name) for p in params.priorities])
    words("background")
    # 4 key highlights
    b.heading(titles[3])
    words("highlights")
    b.sub("Progress on the partnership's priorities")
    b.table(_priorities_table(facts, params))
    chart = _chart(run)
    if chart is not None:
        b.blocks.append(chart)
    b.sub("Where progress was limited")
    if reading.progress_limited:
        b.table(
            Table(
                "Priorities and indicators where progress was limited",
                ("Priority or indicator", "What the figures show"),
                tuple(reading.progress_limited),
            )
        )
    elif isinstance(facts.get("assessment"), dict):
        b.para("By the report's rules for judging progress, no priority made little progress.")
    else:
        b.para(
            "This run published no judgement of progress; the table above gives each "
            "priority's figures."
        )
    _reviews_section(b, run, params, last)
    _training_section(b, facts, last)
    _optional_registers(b, facts)
    # 5 consultation: what children and families told the partnership
    b.heading(titles[4])
    if isinstance(facts.get("feedback"), dict):
        f = lambda key: figure(facts, key)  # noqa: E731
        b.para(
            f"In {year} the partnership ran "
            + _n(facts, "feedback.activities", "activity", "activities")
            + f" to hear from children and families, with {f('feedback.participants')} "
            f"participants, {f('feedback.children_and_young_people')} of them children and young "
            f"people. {f('feedback.activities_with_change_pct')} of the activities led to a "
            "recorded change."
        )
    words("consultation")
    # 6 financial implications
    b.heading(titles[5])
    if isinstance(facts.get("funding"), dict):
        b.para(_funding_sentence(facts))
    else:
        b.para(
            "The partnership's funding register was not supplied for this run, so this report "
            "quotes no funding figures."
        )
    words("financial")
    # 7 to 12: the partnership's words
    b.heading(titles[6])
    words("legal")
    b.heading(titles[7])
    words("risks")
    b.heading(titles[8])
    if audience == "public":
        b.para(
            "To protect the children concerned, the public report gives breakdowns of reviews "
            "by characteristic (such as ethnicity) only for several years together, and hides "
            "small numbers."
        )
    words("equality")
    b.heading(titles[9])
    words("other_implications")
    b.heading(titles[10])
    words("background_documents")
    b.heading(titles[11])
    words("council_plan")
    # 13 appendices
    b.heading(titles[12])
    b.bullets([plain(a) for a in appendices(params)], ordered=True)
    markings = tuple(
        m
        for m, on in (("OFFICIAL-SENSITIVE", audience == "internal"), ("DRAFT", status == "draft"))
        if on
    )
    title = report_title(params)
    document_title = f"Scrutiny cover report: {title}"
    if audience == "internal":
        document_title += " (OFFICIAL-SENSITIVE)"
    if status == "draft":
        document_title += " [DRAFT]"
    return Paper(
        title=title,
        details=header_details(params, audience),
        blocks=b.blocks,
        markings=markings,
        document_title=document_title,
        subject=f"Cover report for the scrutiny board on the annual report {year}",
        author=params.committee.author or f"{params.partnership_name} business unit",
        keywords=f"safeguarding; annual report; scrutiny; {year}",
        status=status,
    )


def write_cover_report(run: RunFolder, params: Params, folder: Path) -> list[Path]:
    """Write ``committee/cover-report.docx`` and ``.html`` into ``folder``; return their paths."""
    paper = build_cover_report(run, params)
    docx_path, html_path = cover_report_paths(folder)
    template = params.content_path / CONTENT_FOLDER / TEMPLATE
    try:
        write_docx(paper, docx_path, template if template.is_file() else None)
    except TemplateError as exc:
        raise ContentError(f"{template}: {exc}") from None
    html_path.write_text(paper_html(paper), encoding="utf-8")
    return [docx_path, html_path]
