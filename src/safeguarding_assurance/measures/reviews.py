"""Practice reviews: notifications, rapid reviews and LCSPRs against the statutory timescales.

Pure measures over the validated ``reviews`` and ``recommendations`` frames (see
docs/architecture.md). Nothing here suppresses small numbers: that is
:mod:`.disclosure`'s job, applied by the chapter for the public audience.

A review belongs to the reporting year of its ``notification_date``; LCSPRs
*published* in a year are counted by ``lcspr_published_date``, whatever the
notification year. Registers are read as they stand: a review notified in the
year whose rapid review was completed after 31 March still counts as completed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import REVIEW_KEYS as FACTS_KEYS
from safeguarding_assurance.contract.params import Params, ReportingYear
from safeguarding_assurance.contract.schemas import DECISIONS, ETHNICITY_GROUPS
from safeguarding_assurance.measures.dates import add_months_series, working_days_between_series
from safeguarding_assurance.measures.rounding import percent

DECISION_LABELS = {
    "lcspr": "LCSPR",
    "no_lcspr": "No LCSPR",
    "national_review": "National review",
    "pending": "Decision pending",
}
INCIDENT_TYPE_LABELS = {"death": "Death", "serious_harm": "Serious harm"}
SEX_LABELS = {"female": "Female", "male": "Male", "unknown": "Unknown"}
AGE_BANDS = ("under 1", "1-4", "5-9", "10-15", "16-17")
# Upper age of each band, in years (0 = under one): the bands as the contract lists them.
AGE_BAND_EDGES = (-1, 0, 4, 9, 15, 17)
ETHNICITY_GROUP_OF = {code: group for group, codes in ETHNICITY_GROUPS.items() for code in codes}
THEME_LABELS = {
    "neglect": "Neglect",
    "information_sharing": "Information sharing",
    "voice_of_child": "Voice of the child",
    "complex_family_dynamics": "Complex family dynamics",
    "domestic_abuse": "Domestic abuse",
    "parental_mental_health": "Parental mental health",
    "parental_substance_misuse": "Parental substance misuse",
    "exploitation": "Exploitation",
    "race_and_culture": "Race and culture",
    "escalation": "Escalation",
    "safer_sleep": "Safer sleep",
    "non_accidental_injury": "Non-accidental injury",
    "other": "Other",
}

# characteristic -> (title for a table's label column, categories in the order published).
# The order is fixed, never by size: sorting by count would hint at the order of
# suppressed counts.
CHARACTERISTICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "incident_type": ("Incident type", tuple(INCIDENT_TYPE_LABELS.values())),
    "age_band": ("Age band", AGE_BANDS),
    "sex": ("Sex", tuple(SEX_LABELS.values())),
    "ethnicity_group": ("Ethnicity group", tuple(ETHNICITY_GROUPS)),
    "theme": ("Theme", tuple(THEME_LABELS.values())),
}


@dataclass(frozen=True)
class Timescales:
    """The statutory timescales the measures are judged against (the contract's defaults)."""

    notify_working_days: int = 5
    rapid_review_working_days: int = 15
    lcspr_months: int = 6

    @classmethod
    def from_params(cls, params: Params) -> Timescales:
        """Take the three timescales from a run's parameters."""
        return cls(
            notify_working_days=params.notify_working_days,
            rapid_review_working_days=params.rapid_review_working_days,
            lcspr_months=params.lcspr_months,
        )


def _within(dates: pd.Series, first: dt.date, last: dt.date) -> pd.Series:
    """Whether each date lies from ``first`` to ``last``, both included; missing is False."""
    return dates.between(pd.Timestamp(first), pd.Timestamp(last), inclusive="both").fillna(False)


def in_year(dates: pd.Series, year: ReportingYear) -> pd.Series:
    """Return whether each date falls in the reporting year (both ends included)."""
    return _within(dates, year.start, year.end)


def trend_years(year: ReportingYear, n: int) -> list[ReportingYear]:
    """Return the ``n`` reporting years ending with ``year``, oldest first."""
    return year.trend(n)


def pooled_label(years: Sequence[ReportingYear]) -> str:
    """Return ``2021-22 to 2024-25`` for a run of years (the one label for a single year)."""
    first, last = years[0], years[-1]
    return first.label if first == last else f"{first.label} to {last.label}"


def select_notified(
    reviews: pd.DataFrame, years: ReportingYear | Sequence[ReportingYear]
) -> pd.DataFrame:
    """Return the reviews notified in the given year, or in any of the given years."""
    if isinstance(years, ReportingYear):
        years = [years]
    keep = pd.Series(False, index=reviews.index)
    for y in years:  # a handful of years, not rows
        keep |= in_year(reviews["notification_date"], y)
    return reviews[keep]


def assess_timeliness(reviews: pd.DataFrame, timescales: Timescales) -> pd.DataFrame:
    """Return the reviews with each timescale worked out, one new column per step.

    Added columns: ``notify_working_days`` and ``notified_in_time`` (aware to
    notification); ``rapid_review_working_days`` and ``rapid_review_in_time``
    (notification to rapid review; missing without a rapid review);
    ``lcspr_due_date`` (rapid review plus ``lcspr_months`` calendar months) and
    ``lcspr_in_time`` (missing until the LCSPR is published).
    """
    out = reviews.copy()
    notify = working_days_between_series(out["aware_date"], out["notification_date"])
    rapid = working_days_between_series(out["notification_date"], out["rapid_review_date"])
    due = add_months_series(out["rapid_review_date"], timescales.lcspr_months)
    published = out["lcspr_published_date"]
    out["notify_working_days"] = notify
    out["notified_in_time"] = notify <= timescales.notify_working_days
    out["rapid_review_working_days"] = rapid
    out["rapid_review_in_time"] = rapid <= timescales.rapid_review_working_days
    out["lcspr_due_date"] = due
    lcspr_in_time = (published <= due).astype("boolean")
    out["lcspr_in_time"] = lcspr_in_time.where(published.notna(), pd.NA)
    return out


def _pending_past_timescale(
    reviews: pd.DataFrame, as_at: dt.date, rapid_review_working_days: int
) -> pd.Series:
    """Whether each review has no rapid review and would be late even if completed on ``as_at``."""
    as_at_dates = pd.Series(pd.Timestamp(as_at), index=reviews.index)
    waited = working_days_between_series(reviews["notification_date"], as_at_dates)
    late = (waited > rapid_review_working_days).fillna(False).astype(bool)
    return reviews["rapid_review_date"].isna() & late


def measure_year(
    reviews: pd.DataFrame,
    year: ReportingYear,
    timescales: Timescales,
    as_at: dt.date | None = None,
) -> dict[str, Any]:
    """Return the year's headline measures, with the numerator and denominator of each rate.

    Keys: ``notifications``; ``rapid_reviews_completed``; ``decision_<decision>`` for
    each decision; ``lcsprs_published`` (by publication date, any notification
    year); ``notified_within_timescale`` (of ``notifications``),
    ``rapid_review_within_timescale`` (of ``rapid_reviews_completed``),
    ``lcsprs_published_within_timescale`` (of ``lcsprs_published``), each with a
    ``_pct``; and, when ``as_at`` is given, ``pending_past_timescale``: the year's
    notifications still without a rapid review whose timescale has passed by then.
    """
    notified = assess_timeliness(select_notified(reviews, year), timescales)
    has_rapid = notified["rapid_review_date"].notna()
    published = assess_timeliness(
        reviews[in_year(reviews["lcspr_published_date"], year)], timescales
    )
    n = len(notified)
    n_rapid = int(has_rapid.sum())
    n_published = len(published)
    notified_ok = int(notified["notified_in_time"].fillna(False).sum())
    rapid_ok = int(notified.loc[has_rapid, "rapid_review_in_time"].fillna(False).sum())
    published_ok = int(published["lcspr_in_time"].fillna(False).sum())
    decisions = notified["decision"].value_counts()
    out: dict[str, Any] = {
        "notifications": n,
        "rapid_reviews_completed": n_rapid,
        **{f"decision_{d}": int(decisions.get(d, 0)) for d in DECISIONS},
        "lcsprs_published": n_published,
        "notified_within_timescale": notified_ok,
        "notified_within_timescale_pct": percent(notified_ok, n),
        "rapid_review_within_timescale": rapid_ok,
        "rapid_review_within_timescale_pct": percent(rapid_ok, n_rapid),
        "lcsprs_published_within_timescale": published_ok,
        "lcsprs_published_within_timescale_pct": percent(published_ok, n_published),
    }
    if as_at is not None:
        late = _pending_past_timescale(notified, as_at, timescales.rapid_review_working_days)
        out["pending_past_timescale"] = int(late.sum())
    return out


def measure_trend(
    reviews: pd.DataFrame,
    years: Sequence[ReportingYear],
    timescales: Timescales,
    as_at: dt.date | None = None,
) -> pd.DataFrame:
    """Return :func:`measure_year` for each year, one row per year (``reporting_year`` first)."""
    rows = [
        {"reporting_year": y.label, **measure_year(reviews, y, timescales, as_at)} for y in years
    ]
    return pd.DataFrame(rows)


def list_overdue_pending(
    reviews: pd.DataFrame,
    as_at: dt.date,
    rapid_review_working_days: int,
    up_to: dt.date | None = None,
) -> pd.DataFrame:
    """Return the reviews still without a rapid review whose timescale has passed by ``as_at``.

    A review's timescale has passed when even a rapid review completed on ``as_at``
    would take more than ``rapid_review_working_days`` working days. Only reviews
    notified on or before ``up_to`` (the year's last day) are listed, oldest first,
    with ``working_days_waited``. Case-level: for the internal report only.
    """
    candidates = reviews
    if up_to is not None:
        candidates = reviews[reviews["notification_date"] <= pd.Timestamp(up_to)]
    late = _pending_past_timescale(candidates, as_at, rapid_review_working_days)
    out = candidates.loc[late, ["case_ref", "notification_date", "decision"]].copy()
    as_at_dates = pd.Series(pd.Timestamp(as_at), index=out.index)
    out["working_days_waited"] = working_days_between_series(out["notification_date"], as_at_dates)
    return out.sort_values(["notification_date", "case_ref"]).reset_index(drop=True)


def list_lcsprs_published(
    reviews: pd.DataFrame, year: ReportingYear, timescales: Timescales
) -> pd.DataFrame:
    """Return the LCSPRs published in the year, with due date and timeliness (internal only)."""
    published = assess_timeliness(
        reviews[in_year(reviews["lcspr_published_date"], year)], timescales
    )
    cols = [
        "case_ref",
        "rapid_review_date",
        "lcspr_due_date",
        "lcspr_published_date",
        "lcspr_in_time",
    ]
    return published[cols].sort_values(["lcspr_published_date", "case_ref"]).reset_index(drop=True)


def age_band(ages: pd.Series) -> pd.Series:
    """Return each age's band (``under 1``, ``1-4``, ``5-9``, ``10-15``, ``16-17``)."""
    bands = pd.cut(pd.to_numeric(ages), bins=list(AGE_BAND_EDGES), labels=list(AGE_BANDS))
    return bands.astype("string")


def ethnicity_group(codes: pd.Series) -> pd.Series:
    """Return each DfE ethnicity code's group; ``REFU``/``NOBT`` (and a blank) are ``Not known``."""
    return codes.astype("string").str.upper().map(ETHNICITY_GROUP_OF).fillna("Not known")


def _category_values(reviews: pd.DataFrame, characteristic: str) -> pd.Series:
    """One label per review (per review and theme for themes), indexed by the review's row."""
    if characteristic == "incident_type":
        return reviews["incident_type"].map(INCIDENT_TYPE_LABELS)
    if characteristic == "age_band":
        return age_band(reviews["age_years"])
    if characteristic == "sex":
        return reviews["sex"].map(SEX_LABELS)
    if characteristic == "ethnicity_group":
        return ethnicity_group(reviews["ethnicity"])
    if characteristic == "theme":
        themes = reviews["themes"].astype("string").reset_index(drop=True)
        themes = themes.str.split(";").explode().str.strip()
        themes = themes[themes.notna() & (themes != "")]
        # a theme listed twice on one review still features in that review once
        pairs = themes.rename("theme").rename_axis("row").reset_index().drop_duplicates()
        return pd.Series(pairs["theme"].map(THEME_LABELS).to_numpy(), index=pairs["row"])
    raise ValueError(
        f"unknown characteristic {characteristic!r}: one of {', '.join(CHARACTERISTICS)}"
    )


def count_reviews_by(reviews: pd.DataFrame, characteristic: str) -> pd.Series:
    """Return how many reviews fall in each category, every category present (zeros too).

    For ``theme`` the count is the number of reviews featuring the theme; a review
    can feature several, so the counts add up to more than the reviews.
    """
    values = _category_values(reviews, characteristic)
    title, categories = CHARACTERISTICS[characteristic]
    counts = values.value_counts().reindex(list(categories), fill_value=0).astype("int64")
    counts.index.name = title
    counts.name = "reviews"
    return counts


def tabulate_breakdown(
    reviews: pd.DataFrame, characteristic: str, year: ReportingYear, n_years: int
) -> pd.DataFrame:
    """Return reviews by one characteristic: the year's column, then the pooled trend years.

    The columns are labelled ``2024-25`` and ``2021-22 to 2024-25``; the index holds
    every category in published order. Only the pooled column may be published.
    """
    years = trend_years(year, n_years)
    this_year = count_reviews_by(select_notified(reviews, year), characteristic)
    pooled = count_reviews_by(select_notified(reviews, years), characteristic)
    table = pd.DataFrame({year.label: this_year, pooled_label(years): pooled})
    if n_years == 1:
        table = table.iloc[:, [0]]
    return table


def tabulate_breakdown_by_year(
    reviews: pd.DataFrame, characteristic: str, year: ReportingYear
) -> tuple[pd.DataFrame, pd.Series]:
    """Return reviews by one characteristic for each year, and the notifications of each year.

    The years run from the first with a notification (at or before ``year``) to
    ``year``, one column each, labelled ``2021-22``; with no notification up to
    ``year`` there is one column, ``year``'s. The notifications are the headline
    totals each report publishes for its trend years. The disclosure check of pooled
    breakdowns reads every edition's window from these.
    """
    notified = reviews["notification_date"].dropna()
    notified = notified[notified <= pd.Timestamp(year.end)]
    first = year
    if not notified.empty:
        day = notified.min()
        first = ReportingYear(day.year if day.month >= 4 else day.year - 1)
    years = [ReportingYear(y) for y in range(first.first, year.first + 1)]
    table = pd.DataFrame(
        {y.label: count_reviews_by(select_notified(reviews, y), characteristic) for y in years}
    )
    totals = pd.Series(
        [len(select_notified(reviews, y)) for y in years],
        index=[y.label for y in years],
        name="notifications",
        dtype="int64",
    )
    return table, totals


def _recommendation_flags(
    recommendations: pd.DataFrame, reviews: pd.DataFrame, year: ReportingYear
) -> pd.DataFrame:
    end = pd.Timestamp(year.end)
    notified = recommendations["case_ref"].map(reviews.set_index("case_ref")["notification_date"])
    done_by_end = recommendations["completed_date"].notna() & (
        recommendations["completed_date"] <= end
    )
    is_open = ~done_by_end & (notified <= end).fillna(False).astype(bool)
    return pd.DataFrame(
        {
            "agency": recommendations["agency"],
            "open": is_open,
            "overdue": is_open & (recommendations["due_date"] <= end).fillna(False),
            "completed_in_year": in_year(recommendations["completed_date"], year),
        },
        index=recommendations.index,
    )


def summarise_recommendations(
    recommendations: pd.DataFrame, reviews: pd.DataFrame, year: ReportingYear
) -> dict[str, int]:
    """Return recommendations ``open`` and ``overdue`` at the year end and ``completed_in_year``.

    Open at year end: not completed on or before the year's last day, from a review
    notified on or before it; overdue: open with ``due_date`` on or before it.
    """
    flags = _recommendation_flags(recommendations, reviews, year)
    return {k: int(flags[k].sum()) for k in ("open", "overdue", "completed_in_year")}


def count_recommendations_by_agency(
    recommendations: pd.DataFrame, reviews: pd.DataFrame, year: ReportingYear
) -> pd.DataFrame:
    """Return open, overdue and completed-in-year recommendations per agency (index ``Agency``).

    Agencies with none open and none completed in the year are left out; agencies
    are in alphabetical order.
    """
    flags = _recommendation_flags(recommendations, reviews, year)
    table = flags.groupby("agency")[["open", "overdue", "completed_in_year"]].sum().astype("int64")
    table = table[(table["open"] > 0) | (table["completed_in_year"] > 0)].sort_index()
    table.index.name = "Agency"
    return table


def facts_reviews(
    reviews: pd.DataFrame,
    recommendations: pd.DataFrame,
    year: ReportingYear,
    timescales: Timescales,
) -> dict[str, Any]:
    """Return the ``reviews`` block of ``facts.json`` for one year, exactly the contract's keys."""
    m = measure_year(reviews, year, timescales)
    r = summarise_recommendations(recommendations, reviews, year)
    values = {
        "notifications": m["notifications"],
        "rapid_reviews_completed": m["rapid_reviews_completed"],
        "lcspr_decisions": m["decision_lcspr"],
        "notified_within_timescale_pct": m["notified_within_timescale_pct"],
        "rapid_review_within_timescale_pct": m["rapid_review_within_timescale_pct"],
        "lcsprs_published": m["lcsprs_published"],
        "lcsprs_published_within_timescale_pct": m["lcsprs_published_within_timescale_pct"],
        "recommendations_open": r["open"],
        "recommendations_overdue": r["overdue"],
    }
    return {k: values[k] for k in FACTS_KEYS}
