"""Tests for the synthetic demo data generator.

Expected values (working days, deadlines, boundary dates) were worked out by hand from
the calendar and the England bank holidays, not copied from the generator's output.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import pytest

from safeguarding_demo.generate import (
    DEFAULT_SEED,
    DEMO_YEARS,
    build_training,
    write_demo_data,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMITTED = REPO_ROOT / "data" / "demo"

FILES = (
    "actions.csv",
    "indicators.csv",
    "indicator_values.csv",
    "reviews.csv",
    "recommendations.csv",
    "training.csv",
    "workforce.csv",
    "audits.csv",
    "funding.csv",
    "national_actions.csv",
    "feedback.csv",
)
ORIGINAL = FILES[:7]  # the seven tables from before the optional registers
# SHA-256 (first 16 hex digits) of the seven tables as committed before the optional
# registers were added (commit 52487d6): adding the registers must not move them.
SEVEN = {
    "actions.csv": "88d93349666fa436",
    "indicators.csv": "661a3a834a2a7fa2",
    "indicator_values.csv": "208fb669df35349d",
    "reviews.csv": "efb727765eb54d02",
    "recommendations.csv": "425703ca04c8c31b",
    "training.csv": "e078849a330cbd34",
    "workforce.csv": "3701c703fa496261",
}

REQUIRED = {
    "actions.csv": {
        "action_id",
        "priority",
        "description",
        "lead_agency",
        "start_date",
        "due_date",
        "status",
    },
    "indicators.csv": {"indicator_id", "priority", "name", "unit", "polarity"},
    "indicator_values.csv": {"indicator_id", "period_end", "value"},
    "reviews.csv": {
        "case_ref",
        "aware_date",
        "notification_date",
        "decision",
        "incident_type",
        "age_years",
        "sex",
        "ethnicity",
    },
    "recommendations.csv": {"recommendation_id", "case_ref", "agency", "due_date"},
    "training.csv": {
        "record_id",
        "learner_id",
        "course",
        "topic",
        "delivery",
        "agency",
        "sector",
        "date",
        "outcome",
    },
    "workforce.csv": {"reporting_year", "agency", "sector", "staff"},
    "audits.csv": {
        "audit_id",
        "theme",
        "completed_date",
        "cases_audited",
        "rated_good",
        "rated_requires_improvement",
        "rated_inadequate",
        "actions_agreed",
        "actions_completed",
    },
    "funding.csv": {"reporting_year", "agency", "sector", "amount_gbp"},
    "national_actions.csv": {
        "action_id",
        "review",
        "review_published_date",
        "description",
        "lead_agency",
        "due_date",
    },
    "feedback.csv": {"activity_id", "date", "group", "method", "participants", "summary"},
}
OPTIONAL = {
    "actions.csv": {"completed_date"},
    "indicators.csv": set(),
    "indicator_values.csv": {"target", "england"},
    "reviews.csv": {"rapid_review_date", "lcspr_published_date", "themes"},
    "recommendations.csv": {"completed_date"},
    "training.csv": {"confidence_before", "confidence_after"},
    "workforce.csv": set(),
    "audits.csv": set(),
    "funding.csv": {"kind"},
    "national_actions.csv": {"completed_date"},
    "feedback.csv": {"change_made"},
}

PRIORITY_IDS = {"early_help", "neglect", "harm_outside_home"}
SECTORS = {
    "local_authority",
    "childrens_trust",
    "police",
    "health",
    "education",
    "voluntary",
    "other",
}
TOPICS = {
    "neglect",
    "gcp2",
    "exploitation",
    "early_help",
    "domestic_abuse",
    "information_sharing",
    "voice_of_child",
    "safeguarding_basics",
    "other",
}
THEMES = {
    "neglect",
    "information_sharing",
    "voice_of_child",
    "complex_family_dynamics",
    "domestic_abuse",
    "parental_mental_health",
    "parental_substance_misuse",
    "exploitation",
    "race_and_culture",
    "escalation",
    "safer_sleep",
    "non_accidental_injury",
    "other",
}
ETHNICITY = {
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
}
AGENCIES = {
    "Northbrook Council": "local_authority",
    "Northbrook Children's Trust": "childrens_trust",
    "Mercia Vale Police": "police",
    "Northbrook and District ICB": "health",
    "Northbrook Hospitals NHS Trust": "health",
    "Northbrook Schools": "education",
    "Northbrook Voluntary Sector Forum": "voluntary",
    "Northbrook Community Dental Service": "health",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2021, 2026))


def working_days(a: str, b: str) -> int:
    """Count days D with a < D <= b that are weekdays and not bank holidays (slow, plain)."""
    day, end, count = dt.date.fromisoformat(a), dt.date.fromisoformat(b), 0
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in BANK_HOLIDAYS:
            count += 1
    return count


def add_months(day: dt.date, months: int) -> dt.date:
    """Add calendar months, falling back to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def read(folder: Path, name: str) -> pd.DataFrame:
    """Read a table as text, blanks as empty strings."""
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo_data(folder)
    return folder


@pytest.fixture(scope="module")
def tables(demo: Path) -> dict[str, pd.DataFrame]:
    return {name: read(demo, name) for name in FILES}


# ------------------------------------------------------------------ determinism, scale


def test_same_seed_gives_byte_identical_files(demo: Path, tmp_path: Path) -> None:
    counts = write_demo_data(tmp_path, seed=DEFAULT_SEED)
    assert set(counts) == set(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (demo / name).read_bytes(), name


def test_returned_counts_are_data_rows(demo: Path, tmp_path: Path) -> None:
    counts = write_demo_data(tmp_path)
    for name in FILES:
        lines = (tmp_path / name).read_bytes().count(b"\n")
        assert counts[name] == lines - 1, name  # one header row, LF line ends
        assert b"\r" not in (tmp_path / name).read_bytes()


def test_different_seed_differs(demo: Path, tmp_path: Path) -> None:
    write_demo_data(tmp_path, seed=DEFAULT_SEED + 1)
    assert (tmp_path / "training.csv").read_bytes() != (demo / "training.csv").read_bytes()
    assert (tmp_path / "actions.csv").read_bytes() != (demo / "actions.csv").read_bytes()
    # The hand-written registers do not depend on the seed.
    for name in (
        "reviews.csv",
        "recommendations.csv",
        "indicators.csv",
        "funding.csv",
        "national_actions.csv",
    ):
        assert (tmp_path / name).read_bytes() == (demo / name).read_bytes(), name
    # the audits' ratings and the feedback's participants come from the seed
    for name in ("audits.csv", "feedback.csv"):
        assert (tmp_path / name).read_bytes() != (demo / name).read_bytes(), name


def test_scale_multiplies_training_and_staff(tables: dict[str, pd.DataFrame]) -> None:
    half = build_training(np.random.default_rng(1), scale=0.5)
    ratio = len(half) / len(tables["training.csv"])
    assert 0.48 <= ratio <= 0.52
    assert half["record_id"].is_unique


def test_scale_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scale"):
        write_demo_data(tmp_path, scale=0)


def test_committed_demo_data_matches_a_fresh_generation(demo: Path) -> None:
    for name in FILES:
        committed = COMMITTED / name
        assert committed.exists(), f"data/demo/{name} is missing: regenerate it"
        assert committed.read_bytes() == (demo / name).read_bytes(), (
            f"data/demo/{name} is stale: regenerate with the default seed"
        )


# ------------------------------------------------------------------------- contract


@pytest.mark.parametrize("name", FILES)
def test_columns_are_exactly_the_contract(tables: dict[str, pd.DataFrame], name: str) -> None:
    columns = set(tables[name].columns)
    assert REQUIRED[name] <= columns
    assert columns <= REQUIRED[name] | OPTIONAL[name]
    for column in REQUIRED[name]:
        assert (tables[name][column] != "").all(), f"{name}: blank {column}"


@pytest.mark.parametrize("name", FILES)
def test_dates_are_iso(tables: dict[str, pd.DataFrame], name: str) -> None:
    frame = tables[name]
    for column in frame.columns:
        if column.endswith("date") or column in ("period_end", "aware_date"):
            filled = frame.loc[frame[column] != "", column]
            assert filled.str.match(DATE).all(), f"{name}.{column}"
            pd.to_datetime(filled, format="%Y-%m-%d")  # real calendar dates


def test_actions_follow_the_rules(tables: dict[str, pd.DataFrame]) -> None:
    actions = tables["actions.csv"]
    assert actions["action_id"].is_unique
    assert set(actions["priority"]) == PRIORITY_IDS
    assert set(actions["status"]) == {"not_started", "in_progress", "complete", "cancelled"}
    assert set(actions["lead_agency"]) <= set(AGENCIES)
    assert (actions["due_date"] >= actions["start_date"]).all()  # ISO text sorts as dates
    done = actions["completed_date"] != ""
    assert (done == (actions["status"] == "complete")).all()
    assert (actions.loc[done, "completed_date"] >= actions.loc[done, "start_date"]).all()
    # The registers were extracted on 2 June 2025: nothing is completed after that.
    assert (actions.loc[done, "completed_date"] <= "2025-06-02").all()
    per_year = actions.groupby(["priority", actions["action_id"].str.split("-").str[1]]).size()
    assert len(per_year) == 12  # 3 priorities x 4 years
    assert per_year.between(10, 20).all()


def test_boundary_actions(tables: dict[str, pd.DataFrame]) -> None:
    actions = tables["actions.csv"].set_index("action_id")
    expected = {
        # action_id: (start, due, completed, status)
        "EH-2024-01": ("2024-09-02", "2025-03-31", "", "in_progress"),
        "EH-2024-02": ("2024-01-15", "2024-03-29", "2024-04-01", "complete"),
        "EH-2024-03": ("2024-05-01", "2024-12-31", "", "cancelled"),
        "EH-2024-04": ("2024-11-12", "2024-11-12", "2024-11-12", "complete"),
        "NG-2024-01": ("2024-06-03", "2025-03-31", "2025-03-31", "complete"),
        "NG-2024-02": ("2024-07-01", "2025-02-28", "2025-04-01", "complete"),
        "NG-2024-03": ("2024-10-07", "2025-06-30", "", "in_progress"),
        "HOH-2024-01": ("2025-03-31", "2025-09-30", "", "in_progress"),
        "HOH-2024-02": ("2024-10-01", "2025-01-31", "", "not_started"),
    }
    for action_id, values in expected.items():
        row = actions.loc[action_id]
        got = (row["start_date"], row["due_date"], row["completed_date"], row["status"])
        assert got == values, action_id
    assert actions.loc["NG-2024-03", "description"] == (
        "Audit of children's plans & escalation <12 months"
    )


def test_actions_include_overdue_at_each_year_end(tables: dict[str, pd.DataFrame]) -> None:
    actions = tables["actions.csv"]
    live = actions[actions["status"] != "cancelled"]
    for year in DEMO_YEARS:
        first, last = f"{year[:4]}-04-01", f"{int(year[:4]) + 1}-03-31"
        in_scope = (live["start_date"] <= last) & (
            (live["completed_date"] == "") | (live["completed_date"] >= first)
        )
        not_done = (live["completed_date"] == "") | (live["completed_date"] > last)
        overdue = in_scope & (live["due_date"] <= last) & not_done
        completed = live["completed_date"].between(first, last)
        assert overdue.sum() > 0, year
        assert completed.sum() > 0, year


def test_indicators(tables: dict[str, pd.DataFrame]) -> None:
    indicators = tables["indicators.csv"]
    values = tables["indicator_values.csv"]
    assert indicators["indicator_id"].is_unique
    assert set(indicators["unit"]) == {"count", "percent", "rate_per_10k", "days"}
    assert set(indicators["polarity"]) == {"higher_is_better", "lower_is_better"}
    assert indicators.groupby("priority").size().between(3, 5).all()
    assert set(indicators["priority"]) == PRIORITY_IDS
    assert set(values["indicator_id"]) == set(indicators["indicator_id"])
    assert not values.duplicated(["indicator_id", "period_end"]).any()
    assert set(values["period_end"].str[5:]) == {"06-30", "09-30", "12-31", "03-31"}
    for column in ("value", "target", "england"):
        pd.to_numeric(values.loc[values[column] != "", column])  # all numbers
    unit = values["indicator_id"].map(indicators.set_index("indicator_id")["unit"])
    percent = pd.to_numeric(values.loc[unit == "percent", "value"])
    assert percent.between(0, 100).all()
    # target blank on exactly one indicator; England comparator on some rows only
    blank_target = set(values.loc[values["target"] == "", "indicator_id"])
    assert blank_target == {"EH03"}
    assert 0 < (values["england"] != "").sum() < len(values)


def test_indicator_year_ends_give_a_mix(tables: dict[str, pd.DataFrame]) -> None:
    values = tables["indicator_values.csv"].set_index(["indicator_id", "period_end"])
    # an exact equal year-end pair: no change
    assert values.loc[("EH02", "2024-03-31"), "value"] == "18.6"
    assert values.loc[("EH02", "2025-03-31"), "value"] == "18.6"
    # target met on the boundary for a lower-is-better count
    assert values.loc[("HOH02", "2025-03-31"), "value"] == "1150"
    assert values.loc[("HOH02", "2025-03-31"), "target"] == "1150"
    # the new indicator starts in 2024-25
    ng04 = values.loc["NG04"].index
    assert min(ng04) == "2024-06-30"
    assert len(ng04) == 4


# -------------------------------------------------------------------------- reviews


def test_reviews_follow_the_rules(tables: dict[str, pd.DataFrame]) -> None:
    reviews = tables["reviews.csv"]
    assert reviews["case_ref"].is_unique
    assert reviews["case_ref"].str.match(r"^NB-\d{4}-\d{2}$").all()
    assert set(reviews["decision"]) == {"lcspr", "no_lcspr", "national_review", "pending"}
    assert ((reviews["decision"] == "pending") == (reviews["rapid_review_date"] == "")).all()
    published = reviews["lcspr_published_date"] != ""
    assert (reviews.loc[published, "decision"] == "lcspr").all()
    assert (reviews["notification_date"] >= reviews["aware_date"]).all()
    has_rr = reviews["rapid_review_date"] != ""
    assert (
        reviews.loc[has_rr, "rapid_review_date"] >= reviews.loc[has_rr, "notification_date"]
    ).all()
    assert (
        reviews.loc[published, "lcspr_published_date"]
        >= reviews.loc[published, "rapid_review_date"]
    ).all()
    assert set(reviews["incident_type"]) == {"death", "serious_harm"}
    ages = reviews["age_years"].astype(int)
    assert ages.between(0, 17).all()
    bands = pd.cut(ages, [-1, 0, 4, 9, 15, 17]).value_counts()
    assert (bands > 0).all()  # every age band used
    assert set(reviews["sex"]) == {"female", "male", "unknown"}
    assert set(reviews["ethnicity"]) <= ETHNICITY
    assert set(reviews["ethnicity"]) & {"REFU", "NOBT"}
    themes = {t for cell in reviews["themes"] if cell for t in cell.split(";")}
    assert themes <= THEMES
    assert reviews["themes"].str.contains("neglect").sum() >= 5


def test_reviews_per_year(tables: dict[str, pd.DataFrame]) -> None:
    reviews = tables["reviews.csv"]
    for year in DEMO_YEARS:
        first, last = f"{year[:4]}-04-01", f"{int(year[:4]) + 1}-03-31"
        in_year = reviews["notification_date"].between(first, last)
        assert 2 <= in_year.sum() <= 7, year


def test_2024_25_has_exactly_three_lcsprs(tables: dict[str, pd.DataFrame]) -> None:
    reviews = tables["reviews.csv"]
    in_year = reviews[reviews["notification_date"].between("2024-04-01", "2025-03-31")]
    assert list(in_year["case_ref"]) == ["NB-2024-01", "NB-2024-02", "NB-2024-03"]
    assert (in_year["decision"] == "lcspr").all()
    assert (in_year["rapid_review_date"] != "").all()


def test_pending_review_is_after_the_last_demo_year(tables: dict[str, pd.DataFrame]) -> None:
    pending = tables["reviews.csv"].query("decision == 'pending'")
    assert list(pending["case_ref"]) == ["NB-2025-01"]
    assert pending["notification_date"].iloc[0] > "2025-03-31"


def test_lcspr_published_exactly_on_its_six_month_deadline(
    tables: dict[str, pd.DataFrame],
) -> None:
    row = tables["reviews.csv"].set_index("case_ref").loc["NB-2023-02"]
    assert row["rapid_review_date"] == "2023-08-31"
    assert row["lcspr_published_date"] == "2024-02-29"
    # 31 August + 6 months has no 31 February: the deadline is 29 February 2024 (leap year).
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)


def test_review_timescales_cross_bank_holidays(tables: dict[str, pd.DataFrame]) -> None:
    reviews = tables["reviews.csv"].set_index("case_ref")

    def notify(ref: str) -> int:
        return working_days(reviews.loc[ref, "aware_date"], reviews.loc[ref, "notification_date"])

    def rapid(ref: str) -> int:
        row = reviews.loc[ref]
        return working_days(row["notification_date"], row["rapid_review_date"])

    # 26-27 Aug 2021 + 31 Aug, 1-2 Sep 2021 (30 Aug bank holiday): exactly 5
    assert notify("NB-2021-02") == 5
    # 22-24, 29-31 Dec 2021, 4 Jan 2022 (27, 28 Dec and 3 Jan bank holidays): 7, late
    assert notify("NB-2021-03") == 7
    # 5, 6, 11, 12, 13 Apr 2023 (Good Friday, Easter Monday out): exactly 5
    assert notify("NB-2023-01") == 5
    # 21-22, 27-28 Dec 2023 (Christmas, Boxing Day out): 4
    assert notify("NB-2023-04") == 4
    # 2, 3, 4 Apr 2024 after Good Friday 29 Mar and Easter Monday 1 Apr, plus 28 Mar: 4
    assert notify("NB-2024-01") == 4
    # notified 24 Mar 2022, rapid review 19 Apr 2022 across Easter: 16, late
    assert rapid("NB-2021-04") == 16
    assert rapid("NB-2021-04") > 15
    # 28 Dec 2023 to 19 Jan 2024 with 1 Jan out: exactly 15
    assert rapid("NB-2023-04") == 15
    # late notification and late rapid review in 2024-25
    assert notify("NB-2024-02") == 7
    assert rapid("NB-2024-02") == 19
    # a March notification whose rapid review completed in April of the next year
    assert reviews.loc["NB-2021-04", "notification_date"] == "2022-03-24"
    assert reviews.loc["NB-2021-04", "rapid_review_date"].startswith("2022-04")
    # published in a later reporting year than its notification
    assert reviews.loc["NB-2021-04", "lcspr_published_date"] == "2022-10-14"


def test_recommendations(tables: dict[str, pd.DataFrame]) -> None:
    recs = tables["recommendations.csv"]
    reviews = tables["reviews.csv"].set_index("case_ref")
    assert recs["recommendation_id"].is_unique
    assert set(recs["case_ref"]) <= set(reviews.index)
    assert (
        recs["recommendation_id"]
        == "R-" + recs["case_ref"] + "-" + recs.groupby("case_ref").cumcount().add(1).astype(str)
    ).all()
    assert (reviews.loc[recs["case_ref"], "decision"] == "lcspr").all()
    assert recs.groupby("case_ref").size().between(2, 6).all()
    assert set(recs["agency"]) <= set(AGENCIES)
    notified = recs["case_ref"].map(reviews["notification_date"])
    for year in DEMO_YEARS:
        last = f"{int(year[:4]) + 1}-03-31"
        done = recs["completed_date"]
        open_ = (notified <= last) & ((done == "") | (done > last))
        overdue = open_ & (recs["due_date"] <= last)
        assert overdue.sum() > 0, year
    # at the end of 2024-25: completed on the last day is not open; due on the last day
    # and completed the day after is overdue
    by_id = recs.set_index("recommendation_id")
    assert by_id.loc["R-NB-2024-01-3", "completed_date"] == "2025-03-31"
    assert by_id.loc["R-NB-2023-02-4", ["due_date", "completed_date"]].tolist() == [
        "2025-03-31",
        "2025-04-01",
    ]


# ------------------------------------------------------------------ training, workforce


def test_training_values(tables: dict[str, pd.DataFrame]) -> None:
    training = tables["training.csv"]
    assert training["record_id"].is_unique
    assert training["record_id"].str.match(r"^T\d{7}$").all()
    assert training["learner_id"].str.match(r"^L\d{6}$").all()
    assert set(training["topic"]) == TOPICS
    assert set(training["delivery"]) == {"e_learning", "face_to_face", "virtual", "briefing"}
    assert set(training["outcome"]) == {"completed", "did_not_attend"}
    assert (training["agency"].map(AGENCIES) == training["sector"]).all()
    assert set(training["agency"]) == set(AGENCIES)
    for column in ("confidence_before", "confidence_after"):
        filled = training.loc[training[column] != "", column]
        assert set(filled) <= {"1", "2", "3", "4", "5"}
        assert len(filled) > 0
    gcp2 = training.loc[training["topic"] == "gcp2", "course"]
    assert set(gcp2) == {"Graded Care Profile 2 (GCP2) practitioner training"}
    assert set(training.loc[training["topic"] == "gcp2", "delivery"]) == {"face_to_face"}


def test_e_learning_rows_are_always_completed(tables: dict[str, pd.DataFrame]) -> None:
    training = tables["training.csv"]
    e_learning = training[training["delivery"] == "e_learning"]
    assert (e_learning["outcome"] == "completed").all()
    assert (e_learning["confidence_before"] == "").all()
    assert (e_learning["confidence_after"] == "").all()


def test_training_volumes_per_year(tables: dict[str, pd.DataFrame]) -> None:
    training = tables["training.csv"]
    gcp2 = []
    for year in DEMO_YEARS:
        first, last = f"{year[:4]}-04-01", f"{int(year[:4]) + 1}-03-31"
        rows = training[training["date"].between(first, last)]
        assert 10_000 <= len(rows) <= 15_000, year
        assert (rows["delivery"] == "e_learning").sum() > 3_000, year
        sessions = rows[rows["delivery"] != "e_learning"]
        dna = (sessions["outcome"] == "did_not_attend").mean()
        assert 0.08 <= dna <= 0.12, year
        done = rows[rows["outcome"] == "completed"]
        gcp2.append(done.loc[done["topic"] == "gcp2", "learner_id"].nunique())
    # GCP2 training steps up in 2023-24
    assert gcp2[2] > 2 * gcp2[1]


def test_confidence_scores(tables: dict[str, pd.DataFrame]) -> None:
    training = tables["training.csv"]
    before, after = training["confidence_before"] != "", training["confidence_after"] != ""
    assert (before != after).sum() > 0  # sometimes only one of the two
    assert (training.loc[before | after, "outcome"] == "completed").all()
    both = training[before & after]
    change = both["confidence_after"].astype(int) - both["confidence_before"].astype(int)
    assert (change >= 0).mean() > 0.85


def test_learners_recur_and_some_train_with_two_agencies(
    tables: dict[str, pd.DataFrame],
) -> None:
    training = tables["training.csv"]
    years = training["date"].str[:4].astype(int) - (training["date"].str[5:7] < "04")
    assert (training.assign(year=years).groupby("learner_id")["year"].nunique() >= 2).sum() > 1_000
    assert (training.groupby("learner_id")["course"].nunique() >= 2).sum() > 1_000
    assert (training.groupby("learner_id")["agency"].nunique() == 2).sum() > 100


def test_workforce(tables: dict[str, pd.DataFrame]) -> None:
    workforce = tables["workforce.csv"]
    training = tables["training.csv"]
    assert set(workforce["reporting_year"]) == set(DEMO_YEARS)
    assert not workforce.duplicated(["reporting_year", "agency"]).any()
    assert (workforce["agency"].map(AGENCIES) == workforce["sector"]).all()
    assert (workforce["staff"].astype(int) >= 0).all()
    # the dental service trains in 2024-25 but sent no staff figure that year
    dental = "Northbrook Community Dental Service"
    latest = workforce[workforce["reporting_year"] == "2024-25"]
    assert dental not in set(latest["agency"])
    assert len(latest) == 7
    in_latest = training["date"].between("2024-04-01", "2025-03-31")
    assert (training.loc[in_latest, "agency"] == dental).sum() > 0
    # overall reach is realistic
    done = training[in_latest & (training["outcome"] == "completed")]
    reach = done["learner_id"].nunique() / latest["staff"].astype(int).sum()
    assert 0.3 <= reach <= 0.9


# ------------------------------------------------------------------ optional registers


def test_the_registers_leave_the_seven_tables_byte_identical(demo: Path, tmp_path: Path) -> None:
    # the registers draw from their own stream: the seven tables are what they were
    # before the registers were added (their committed bytes, unchanged in git since)
    import hashlib

    digests = {
        name: hashlib.sha256((demo / name).read_bytes()).hexdigest()[:16] for name in ORIGINAL
    }
    assert digests == SEVEN


def _in_year(dates: pd.Series, year: str) -> pd.Series:
    first, last = f"{year[:4]}-04-01", f"{int(year[:4]) + 1}-03-31"
    return dates.between(first, last)


def test_audits(tables: dict[str, pd.DataFrame]) -> None:
    audits = tables["audits.csv"].set_index("audit_id")
    counts = audits[[c for c in audits.columns if c not in ("theme", "completed_date")]].astype(int)
    ratings = counts[["rated_good", "rated_requires_improvement", "rated_inadequate"]]
    assert (ratings.sum(axis=1) == counts["cases_audited"]).all()
    assert (counts["actions_completed"] <= counts["actions_agreed"]).all()
    assert set(audits["theme"]) <= THEMES
    for year in DEMO_YEARS:
        assert _in_year(audits["completed_date"], year).sum() >= 4, year
    # boundaries: the first and last day of 2024-25, the last day of 2023-24, no actions
    # agreed, and an audit after the last demo year (before the registers were extracted)
    assert audits.loc["AUD-2024-01", "completed_date"] == "2024-04-01"
    assert audits.loc["AUD-2024-05", "completed_date"] == "2025-03-31"
    assert audits.loc["AUD-2023-05", "completed_date"] == "2024-03-31"
    assert counts.loc["AUD-2022-03", "actions_agreed"] == 0
    assert "2025-03-31" < audits.loc["AUD-2025-01", "completed_date"] <= "2025-06-02"


def test_funding(tables: dict[str, pd.DataFrame]) -> None:
    from decimal import Decimal

    funding = tables["funding.csv"]
    assert set(funding["reporting_year"]) == set(DEMO_YEARS)
    kind = funding["kind"].replace("", "cash")
    assert not funding.assign(kind=kind).duplicated(["reporting_year", "agency", "kind"]).any()
    assert set(funding["kind"]) == {"", "cash", "in_kind"}  # blank is cash
    assert (funding["agency"].map(AGENCIES) == funding["sector"]).all()
    totals = {
        y: sum(Decimal(a) for a in funding.loc[funding["reporting_year"] == y, "amount_gbp"])
        for y in DEMO_YEARS
    }
    # 2023-24 falls exactly 2.25% on 2022-23 (shown -2.3, half away from zero)
    assert (totals["2023-24"] - totals["2022-23"]) / totals["2022-23"] * 100 == Decimal("-2.25")
    # 2024-25 totals 412,345.50: half up to 412,346
    assert totals["2024-25"] == Decimal("412345.50")
    # a row of 0: an agency that is not a contributor
    zero = funding[funding["amount_gbp"].map(Decimal) == 0]
    assert list(zero["agency"]) == ["Northbrook Community Dental Service"]


def test_national_actions(tables: dict[str, pd.DataFrame]) -> None:
    actions = tables["national_actions.csv"].set_index("action_id")
    assert (actions["due_date"] >= actions["review_published_date"]).all()
    done = actions["completed_date"] != ""
    assert (actions.loc[done, "completed_date"] >= actions.loc[done, "review_published_date"]).all()
    titles = set(actions["review"])
    # a title differing only by its capitals: another review, as the contract says
    lowered = [t.lower() for t in titles]
    assert len(lowered) - len(set(lowered)) == 1
    # phases of one review are different reviews
    assert sum(t.endswith((": Phase 1", ": Phase 2")) for t in titles) == 2
    row = actions.loc
    assert row["NA-15", "review_published_date"] == "2025-03-31"  # published on the last day
    assert row["NA-10", "completed_date"] == "2024-04-01"  # completed on the first day
    assert row["NA-08", "completed_date"] == "2024-03-28"  # completed before 2024-25
    assert (row["NA-13", "due_date"], row["NA-13", "completed_date"]) == (
        "2025-03-31",
        "2025-04-01",
    )  # due on the last day, done the day after: overdue at the year's end
    assert row["NA-17", "review_published_date"] > "2025-03-31"  # after the last demo year


def test_feedback(tables: dict[str, pd.DataFrame]) -> None:
    feedback = tables["feedback.csv"].set_index("activity_id")
    assert set(feedback["group"]) == {"children", "young_people", "parents_carers"}
    assert (feedback["participants"].astype(int) >= 0).all()
    for year in DEMO_YEARS:
        assert _in_year(feedback["date"], year).sum() >= 4, year
    assert feedback.loc["FB-2024-01", "date"] == "2024-04-01"
    assert feedback.loc["FB-2024-07", "date"] == "2025-03-31"
    assert feedback.loc["FB-2024-04", "change_made"] == "   "  # spaces only: nothing yet
    assert feedback.loc["FB-2024-05", "participants"] == "0"
    assert {"'", "&", "<"} <= set(feedback.loc["FB-2024-02", "summary"])


def test_the_demo_registers_pass_the_suites_checks_without_a_warning(demo: Path) -> None:
    from safeguarding_assurance.contract.params import validate_values
    from safeguarding_assurance.inputs.load import collect_tables

    params = validate_values(
        {
            "reporting_year": "2024-25",
            "partnership_name": "Demo",
            "data_dir": str(demo),
            "audience": "public",
            "priorities": [{"id": p, "name": p} for p in sorted(PRIORITY_IDS)],
            "data_as_at": "2025-06-02",
        },
        "test",
        root=demo,
    )
    tables, errors = collect_tables(params, ["audits", "funding", "national_actions", "feedback"])
    assert errors == []
    assert tables.warnings == []  # no free text that looks like personal data
    assert tables.not_supplied == []
