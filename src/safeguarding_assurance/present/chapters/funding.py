"""The funding chapter: how the partners pay for the safeguarding arrangements.

Each ``show_*`` function takes the running chapter and the loaded tables (``funding``),
computes with :mod:`safeguarding_assurance.measures.funding` and returns the section it
shows. Contributions are public money: both audiences see them per agency. Amounts are
shown in whole pounds, each rounded half up from its exact sum in pence, so rows may not
add up to the total by a pound. Without ``funding.csv`` the runner leaves the chapter out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from safeguarding_assurance.contract.published import NOT_AVAILABLE
from safeguarding_assurance.measures import funding as fnd
from safeguarding_assurance.present.chapters.registers import (
    Z_NOTE,
    absent_section,
    change_words,
    count,
    pct,
    plural_word,
    pounds,
    release,
    span,
    with_change,
    years,
)
from safeguarding_assurance.present.chapters.training import SECTOR_LABELS
from safeguarding_assurance.present.charts import registers as charts
from safeguarding_assurance.present.section import Section

BASIS = "partners' contributions are public money and describe no child"
ROUNDING_NOTE = (
    "Amounts in whole pounds, each rounded from its exact sum, so rows may not add up to "
    "the total exactly."
)
STATUTORY = "the three statutory partners (the local authority, the police and health)"


def describe_change(now: dict[str, Any]) -> str:
    """``up 3.2% on last year's £9,918``, ``down …``, or why there is no comparison."""
    change, last = now["change_pct"], now["last_total_gbp"]
    if change is None:
        if last is None:
            return "with no contributions recorded last year to compare"
        return "with nothing recorded as given last year to compare"
    if change > 0:
        return f"up {change:.1f}% on last year's {pounds(last)}"
    if change < 0:
        return f"down {abs(change):.1f}% on last year's {pounds(last)}"
    return f"the same as last year's {pounds(last)}"


def describe_funding(now: dict[str, Any], before: dict[str, Any], year: Any) -> list[str]:
    """The chapter's messages, in plain words, from this year's and last year's summaries."""
    if now["rows"] == 0:
        return [f"No contributions are recorded for {year}."]
    partners = now["partners_contributing"]
    messages = [
        f"Partners contributed {pounds(now['total_gbp'])} to the safeguarding arrangements in "
        f"{year}, {describe_change(now)}.",
        f"{count(partners)} {plural_word(partners, 'partner')} contributed"
        f"{with_change(change_words(partners, before['partners_contributing']))}.",
    ]
    share = now["statutory_partners_share_pct"]
    if share is not None:
        messages.append(
            f"{STATUTORY[0].upper()}{STATUTORY[1:]} gave {pct(share)} of the total"
            f"{with_change(change_words(share, before['statutory_partners_share_pct'], pct))}."
        )
    if now["in_kind_gbp"]:
        messages.append(
            f"{pounds(now['in_kind_gbp'])} of it was given in kind (staff time, rooms or "
            "services) rather than as cash."
        )
    return messages


def show_summary(chapter: Any, tables: Any) -> Section:
    """Show the messages and the year-on-year table; record the facts."""
    if tables.funding is None:
        return absent_section(chapter, "funding")
    section = chapter.section()
    year, last, trend_years = years(chapter)
    funding = tables.funding
    now, before = fnd.summarise_funding(funding, year), fnd.summarise_funding(funding, last)
    if now["rows"] == 0:
        section.warn(f"No rows of funding.csv are for {year}; the chapter reports zeros.")
    section.bullets(describe_funding(now, before, year))
    trend = fnd.trend_funding(funding, trend_years)
    section.table(
        release(
            pd.DataFrame(
                {
                    "Reporting year": trend["reporting_year"],
                    "Total (£)": trend["total_gbp"],
                    "Cash (£)": trend["cash_gbp"],
                    "In kind (£)": trend["in_kind_gbp"],
                    "Change on last year %": trend["change_pct"],
                    "Partners contributing": trend["partners_contributing"],
                    "Statutory partners' share %": trend["statutory_partners_share_pct"],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "fnd_trend",
        f"Partners' contributions, {span(trend_years)}",
        note=f"{ROUNDING_NOTE} The statutory partners are the local authority, the police "
        "and health (the NHS Integrated Care Board and health services). The change is "
        f"[z] where the year before has no contributions. {Z_NOTE}",
    )
    section.facts("funding", now, before, keys=fnd.FACT_KEYS)
    return section


def show_by_agency(chapter: Any, tables: Any) -> Section:
    """Show each partner's contribution this year and last, as a table and a chart."""
    if tables.funding is None:
        return absent_section(chapter, "funding")
    section = chapter.section()
    year, last, _ = years(chapter)
    agencies = fnd.contributions_by_agency(tables.funding, year)
    if agencies.empty:
        section.text(f"No partner's contribution is recorded for {year} or {last}.")
        return section
    now = fnd.summarise_funding(tables.funding, year)
    total_row = pd.DataFrame(
        {
            "agency": ["All partners"],
            "sector": [""],
            "cash_gbp": [now["cash_gbp"]],
            "in_kind_gbp": [now["in_kind_gbp"]],
            "total_gbp": [now["total_gbp"]],
            "last_year_gbp": [now["last_total_gbp"]],
        }
    )
    shown = pd.concat([agencies, total_row], ignore_index=True)
    caption = f"Contributions by partner, {year} and {last}"
    section.table(
        release(
            pd.DataFrame(
                {
                    "Partner": shown["agency"],
                    "Sector": [SECTOR_LABELS.get(s, s) for s in shown["sector"]],
                    f"Cash {year} (£)": shown["cash_gbp"],
                    f"In kind {year} (£)": shown["in_kind_gbp"],
                    f"Total {year} (£)": shown["total_gbp"],
                    f"Total {last} (£)": [
                        NOT_AVAILABLE if v is None or pd.isna(v) else v
                        for v in shown["last_year_gbp"]
                    ],
                },
                dtype="object",
            ),
            BASIS,
        ),
        "fnd_by_agency",
        caption,
        note=f"{ROUNDING_NOTE} {NOT_AVAILABLE}: no contribution recorded for {last}. "
        "Partners are named exactly as the register writes them.",
        detail=True,
    )
    change = now["change_pct"]
    title = f"Partners contributed {pounds(now['total_gbp'])} in {year}"
    if change is not None and change > 0:
        title += f", up {change:.1f}% on last year"
    elif change is not None and change < 0:
        title += f", down {abs(change):.1f}% on last year"
    elif change is not None:
        title += ", the same as last year"
    fig = charts.plot_paired_bars(
        agencies,
        category="agency",
        current="total_gbp",
        previous="last_year_gbp",
        current_label=year.label,
        previous_label=last.label,
        xlabel="Contribution (£)",
        label_format="£{:,.0f}",
        previous_texts=[
            "none" if v is None or pd.isna(v) else f"£{v:,.0f}" for v in agencies["last_year_gbp"]
        ],
    )
    alt = (
        f"Bar chart of each partner's contribution in {year} beside {last}: "
        + "; ".join(
            f"{a} {pounds(t)} ({pounds(p) if p is not None and not pd.isna(p) else 'none'} "
            f"in {last})"
            for a, t, p in zip(
                agencies["agency"], agencies["total_gbp"], agencies["last_year_gbp"], strict=True
            )
        )
        + f". In all, {pounds(now['total_gbp'])}."
    )
    section.figure(
        fig,
        "fnd_by_agency_chart",
        alt,
        f"Each partner's contribution, cash and in kind together, {year} and {last}.",
        data_shown=caption,
        title=title,
        source=chapter.source("funding"),
    )
    return section
