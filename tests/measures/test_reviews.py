"""Practice review measures on a tiny register whose answers were worked out by hand.

Year under test: 2024-25 (S = 1 Apr 2024, E = 31 Mar 2025). Timescales: 5 working
days to notify, 15 to the rapid review, LCSPR within 6 months. Working days count
the days D with A < D <= B that are not weekends or England and Wales bank holidays.

Review by review (2024 bank holidays: Good Fri 29 Mar, Easter Mon 1 Apr, 26 Aug,
25-26 Dec; 2025: 1 Jan, Good Fri 18 Apr, Easter Mon 21 Apr):

A  aware Mon 25 Mar 2024, notified Mon 1 Apr 2024 (first day of the year):
   26, 27, 28 Mar count; 29 Mar and 1 Apr are holidays -> 3 days, in time.
   Rapid review Tue 23 Apr 2024: 2-5 Apr (4), 8-12 (9), 15-19 (14), 22 (15), 23 (16)
   -> 16, late. LCSPR published 23 Oct 2024 = due date (23 Apr + 6 months): in time.
B  aware Mon 24 Mar 2025, notified Mon 31 Mar 2025 (last day): 25-28 Mar (4), 31 (5)
   -> 5, in time (the 5th day is included). Rapid review Tue 22 Apr 2025, after
   the year end but it still counts: 1-4 Apr (4), 7-11 (9), 14-17 (13), 22 (14) -> in time.
   Decision no_lcspr.
C  notified Sun 31 Mar 2024: belongs to 2023-24. Aware Thu 28 Mar: 29 holiday,
   weekend -> 0, in time. Rapid review Fri 12 Apr 2024: 2-5 (4), 8-12 (9) -> in time.
   LCSPR published 14 Oct 2024, due 12 Oct -> late; published in 2024-25.
D  aware Mon 31 Mar 2025, notified Tue 1 Apr 2025 (1 day): belongs to 2025-26.
E  aware Fri 13 Dec 2024, notified Mon 23 Dec 2024: 16-20 Dec (5), 23 (6) -> late.
   No rapid review (pending).
F  aware and notified Mon 3 Jun 2024 -> 0, in time. Rapid review Mon 24 Jun 2024:
   4-7 (4), 10-14 (9), 17-21 (14), 24 (15) -> in time (15th included).
   LCSPR published 10 Apr 2025, due 24 Dec 2024 -> late; counts in 2025-26, not 2024-25.
G  aware Thu 17 Aug 2023, notified Sun 20 Aug 2023 (2023-24): Fri 18 -> 1, in time.
   Rapid review Thu 31 Aug 2023: 21-25 (5), 28 Aug 2023 holiday, 29-31 (8) -> in time.
   LCSPR published Thu 29 Feb 2024; due 31 Aug + 6 months = 29 Feb 2024 -> in time,
   published in 2023-24.
H  aware Mon 19 Aug 2024, notified Tue 20 Aug 2024 -> 1, in time. Rapid review Sat
   31 Aug 2024: 21-23 (3), 26 Aug holiday, 27-30 (7), Sat -> 7, in time. LCSPR
   published 1 Mar 2025; due 31 Aug + 6 months = 28 Feb 2025 -> late by a day.

2024-25: notifications A B E F H = 5; notified in time A B F H = 4 (80.0%);
rapid reviews A B F H = 4, in time B F H = 3 (75.0%); decisions lcspr A F H = 3,
no_lcspr B = 1, national_review 0, pending E = 1; LCSPRs published in the year
A C H = 3, in time A = 1 (33.3%).
2023-24: notifications C G = 2, both in time (100.0%); rapid reviews 2, both in time
(100.0%); LCSPRs published G = 1, in time (100.0%).
"""

import datetime as dt

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures.reviews import (
    FACTS_KEYS,
    Timescales,
    age_band,
    assess_timeliness,
    count_recommendations_by_agency,
    count_reviews_by,
    ethnicity_group,
    facts_reviews,
    list_lcsprs_published,
    list_overdue_pending,
    measure_trend,
    measure_year,
    pooled_label,
    select_notified,
    summarise_recommendations,
    tabulate_breakdown,
)

Y = ReportingYear(2024)
PREV = ReportingYear(2023)
TS = Timescales()
DATE_COLUMNS = ["aware_date", "notification_date", "rapid_review_date", "lcspr_published_date"]


def make_reviews(rows: list[dict]) -> pd.DataFrame:
    """Build a frame typed as io.load_tables types it (docs/architecture.md)."""
    defaults = {
        "rapid_review_date": None,
        "decision": "pending",
        "lcspr_published_date": None,
        "incident_type": "serious_harm",
        "age_years": 5,
        "sex": "female",
        "ethnicity": "WBRI",
        "themes": None,
    }
    df = pd.DataFrame([defaults | r for r in rows])
    for col in DATE_COLUMNS:
        df[col] = pd.to_datetime(df[col])
    df["age_years"] = df["age_years"].astype("Int64")
    for col in ["case_ref", "decision", "incident_type", "sex", "ethnicity", "themes"]:
        df[col] = df[col].astype("str").where(df[col].notna())
    return df


def make_recommendations(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(
        rows, columns=["recommendation_id", "case_ref", "agency", "due_date", "completed_date"]
    )
    for col in ["due_date", "completed_date"]:
        df[col] = pd.to_datetime(df[col])
    return df


REVIEWS = make_reviews(
    [
        dict(
            case_ref="A",
            aware_date="2024-03-25",
            notification_date="2024-04-01",
            rapid_review_date="2024-04-23",
            decision="lcspr",
            lcspr_published_date="2024-10-23",
        ),
        dict(
            case_ref="B",
            aware_date="2025-03-24",
            notification_date="2025-03-31",
            rapid_review_date="2025-04-22",
            decision="no_lcspr",
        ),
        dict(
            case_ref="C",
            aware_date="2024-03-28",
            notification_date="2024-03-31",
            rapid_review_date="2024-04-12",
            decision="lcspr",
            lcspr_published_date="2024-10-14",
        ),
        dict(case_ref="D", aware_date="2025-03-31", notification_date="2025-04-01"),
        dict(case_ref="E", aware_date="2024-12-13", notification_date="2024-12-23"),
        dict(
            case_ref="F",
            aware_date="2024-06-03",
            notification_date="2024-06-03",
            rapid_review_date="2024-06-24",
            decision="lcspr",
            lcspr_published_date="2025-04-10",
        ),
        dict(
            case_ref="G",
            aware_date="2023-08-17",
            notification_date="2023-08-20",
            rapid_review_date="2023-08-31",
            decision="lcspr",
            lcspr_published_date="2024-02-29",
        ),
        dict(
            case_ref="H",
            aware_date="2024-08-19",
            notification_date="2024-08-20",
            rapid_review_date="2024-08-31",
            decision="lcspr",
            lcspr_published_date="2025-03-01",
        ),
    ]
)

# Recommendations, judged at E = 31 Mar 2025:
# R1 A, due E, not done                 -> open, overdue (due on E counts)
# R2 A, due 1 Apr 2025, not done        -> open, not overdue
# R3 A, done on E                       -> not open; completed in year
# R4 A, due Dec 2024, done 1 Apr 2025   -> open and overdue at E (done after E)
# R5 C, done 1 Apr 2024                 -> completed in year (first day)
# R6 D, not done, review notified after E -> not open
# R7 G, done 31 Mar 2024                -> done before the year: neither
# open 3 (R1 R2 R4), overdue 2 (R1 R4), completed in year 2 (R3 R5).
RECS = make_recommendations(
    [
        ("R1", "A", "Police", "2025-03-31", None),
        ("R2", "A", "Police", "2025-04-01", None),
        ("R3", "A", "Health", "2024-12-01", "2025-03-31"),
        ("R4", "A", "Health", "2024-12-01", "2025-04-01"),
        ("R5", "C", "Council", "2024-06-01", "2024-04-01"),
        ("R6", "D", "Council", "2025-06-01", None),
        ("R7", "G", "Council", "2023-12-01", "2024-03-31"),
    ]
)


def test_select_notified_boundaries():
    assert sorted(select_notified(REVIEWS, Y)["case_ref"]) == ["A", "B", "E", "F", "H"]
    assert sorted(select_notified(REVIEWS, PREV)["case_ref"]) == ["C", "G"]
    both = select_notified(REVIEWS, [PREV, Y])
    assert sorted(both["case_ref"]) == ["A", "B", "C", "E", "F", "G", "H"]


def test_assess_timeliness_each_case():
    t = assess_timeliness(REVIEWS, TS).set_index("case_ref")
    assert t["notify_working_days"].to_dict() == {
        "A": 3,
        "B": 5,
        "C": 0,
        "D": 1,
        "E": 6,
        "F": 0,
        "G": 1,
        "H": 1,
    }
    rapid = t["rapid_review_working_days"]
    assert rapid[["A", "B", "C", "F", "G", "H"]].tolist() == [16, 14, 9, 15, 8, 7]
    assert pd.isna(rapid["E"]) and pd.isna(rapid["D"])
    assert t.loc["B", "notified_in_time"] and not t.loc["E", "notified_in_time"]
    assert t.loc["F", "rapid_review_in_time"] and not t.loc["A", "rapid_review_in_time"]
    assert t.loc["G", "lcspr_due_date"] == pd.Timestamp("2024-02-29")
    assert t.loc["H", "lcspr_due_date"] == pd.Timestamp("2025-02-28")
    # A on its due date, C two days late, F late, G on 29 Feb, H a day late
    assert t["lcspr_in_time"][["A", "C", "F", "G", "H"]].tolist() == [
        True,
        False,
        False,
        True,
        False,
    ]
    assert pd.isna(t.loc["B", "lcspr_in_time"])


def test_assess_timeliness_leaves_input_alone():
    before = REVIEWS.copy()
    assess_timeliness(REVIEWS, TS)
    pd.testing.assert_frame_equal(REVIEWS, before)


def test_measure_year_2024_25():
    m = measure_year(REVIEWS, Y, TS)
    assert m == {
        "notifications": 5,
        "rapid_reviews_completed": 4,
        "decision_lcspr": 3,
        "decision_no_lcspr": 1,
        "decision_national_review": 0,
        "decision_pending": 1,
        "lcsprs_published": 3,
        "notified_within_timescale": 4,
        "notified_within_timescale_pct": 80.0,
        "rapid_review_within_timescale": 3,
        "rapid_review_within_timescale_pct": 75.0,
        "lcsprs_published_within_timescale": 1,
        "lcsprs_published_within_timescale_pct": 33.3,
    }


def test_measure_year_previous():
    m = measure_year(REVIEWS, PREV, TS)
    assert (m["notifications"], m["notified_within_timescale_pct"]) == (2, 100.0)
    assert (m["rapid_reviews_completed"], m["rapid_review_within_timescale_pct"]) == (2, 100.0)
    assert (m["lcsprs_published"], m["lcsprs_published_within_timescale_pct"]) == (1, 100.0)


def test_empty_year_gives_zeros_and_nulls():
    m = measure_year(REVIEWS, ReportingYear(2019), TS)
    assert m["notifications"] == 0 and m["lcsprs_published"] == 0
    assert m["notified_within_timescale_pct"] is None
    assert m["rapid_review_within_timescale_pct"] is None
    assert m["lcsprs_published_within_timescale_pct"] is None


def test_changed_timescales():
    # With 6 days to notify, E (6 days) is in time too: 5 of 5. With 16 days to the
    # rapid review, A (16) is too: 4 of 4. With 5 months, A's LCSPR (published on its
    # six-month date) is late: 0 of 3.
    m = measure_year(REVIEWS, Y, Timescales(6, 16, 5))
    assert m["notified_within_timescale_pct"] == 100.0
    assert m["rapid_review_within_timescale_pct"] == 100.0
    assert m["lcsprs_published_within_timescale_pct"] == 0.0


def test_pending_past_timescale_boundary():
    # E notified Mon 23 Dec 2024. Working days to Thu 16 Jan 2025: 24, 27, 30, 31 Dec,
    # 2, 3, 6-10, 13-16 Jan = 15 -> a rapid review that day would still be in time.
    # Fri 17 Jan is the 16th -> the timescale has passed.
    assert measure_year(REVIEWS, Y, TS, dt.date(2025, 1, 16))["pending_past_timescale"] == 0
    assert measure_year(REVIEWS, Y, TS, dt.date(2025, 1, 17))["pending_past_timescale"] == 1
    listed = list_overdue_pending(REVIEWS, dt.date(2025, 1, 17), 15, up_to=Y.end)
    assert listed["case_ref"].tolist() == ["E"]
    assert listed["working_days_waited"].tolist() == [16]


def test_overdue_pending_up_to_leaves_out_later_reviews():
    # D (notified 1 Apr 2025) is pending and, by 1 Jun 2025, long past its timescale,
    # but it belongs to 2025-26.
    as_at = dt.date(2025, 6, 1)
    assert list_overdue_pending(REVIEWS, as_at, 15, up_to=Y.end)["case_ref"].tolist() == ["E"]
    assert list_overdue_pending(REVIEWS, as_at, 15)["case_ref"].tolist() == ["E", "D"]


def test_list_lcsprs_published():
    listed = list_lcsprs_published(REVIEWS, Y, TS)
    # ordered by publication date: C 14 Oct, A 23 Oct 2024, H 1 Mar 2025
    assert listed["case_ref"].tolist() == ["C", "A", "H"]
    assert listed["lcspr_in_time"].tolist() == [False, True, False]


def test_measure_trend_rows():
    trend = measure_trend(REVIEWS, [PREV, Y], TS)
    assert trend["reporting_year"].tolist() == ["2023-24", "2024-25"]
    assert trend["notifications"].tolist() == [2, 5]
    assert trend["lcsprs_published"].tolist() == [1, 3]


def test_recommendations_summary_and_agencies():
    assert summarise_recommendations(RECS, REVIEWS, Y) == {
        "open": 3,
        "overdue": 2,
        "completed_in_year": 2,
    }
    by_agency = count_recommendations_by_agency(RECS, REVIEWS, Y)
    # Police R1 R2 open, R1 overdue; Health R4 open and overdue, R3 completed;
    # Council R5 completed.
    assert by_agency.index.tolist() == ["Council", "Health", "Police"]
    assert by_agency.to_dict("index") == {
        "Council": {"open": 0, "overdue": 0, "completed_in_year": 1},
        "Health": {"open": 1, "overdue": 1, "completed_in_year": 1},
        "Police": {"open": 2, "overdue": 1, "completed_in_year": 0},
    }


def test_recommendations_previous_year():
    # At 31 Mar 2024 only C and G had been notified: R5 (done 1 Apr 2024) was open,
    # not yet due; R7 was done on 31 Mar 2024.
    assert summarise_recommendations(RECS, REVIEWS, PREV) == {
        "open": 1,
        "overdue": 0,
        "completed_in_year": 1,
    }


def test_facts_reviews_exact_keys_and_values():
    facts = facts_reviews(REVIEWS, RECS, Y, TS)
    assert tuple(facts) == FACTS_KEYS
    assert facts == {
        "notifications": 5,
        "rapid_reviews_completed": 4,
        "lcspr_decisions": 3,
        "notified_within_timescale_pct": 80.0,
        "rapid_review_within_timescale_pct": 75.0,
        "lcsprs_published": 3,
        "lcsprs_published_within_timescale_pct": 33.3,
        "recommendations_open": 3,
        "recommendations_overdue": 2,
    }
    assert all(type(v) is int for k, v in facts.items() if not k.endswith("_pct"))


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "under 1"),
        (1, "1-4"),
        (4, "1-4"),
        (5, "5-9"),
        (9, "5-9"),
        (10, "10-15"),
        (15, "10-15"),
        (16, "16-17"),
        (17, "16-17"),
    ],
)
def test_age_band_edges(age, band):
    assert age_band(pd.Series([age], dtype="Int64")).iloc[0] == band


def test_ethnicity_groups():
    codes = pd.Series(
        [
            "WBRI",
            "WROM",
            "MWBC",
            "MOTH",
            "AIND",
            "AOTH",
            "BCRB",
            "BOTH",
            "CHNE",
            "OOTH",
            "REFU",
            "NOBT",
        ]
    )
    assert ethnicity_group(codes).tolist() == [
        "White",
        "White",
        "Mixed",
        "Mixed",
        "Asian",
        "Asian",
        "Black",
        "Black",
        "Other",
        "Other",
        "Not known",
        "Not known",
    ]


SMALL = make_reviews(
    [
        # two in 2024-25, one in 2023-24
        dict(
            case_ref="P",
            aware_date="2024-05-01",
            notification_date="2024-05-01",
            age_years=0,
            sex="male",
            ethnicity="BAFR",
            incident_type="death",
            themes="neglect;safer_sleep;neglect",
        ),
        dict(
            case_ref="Q",
            aware_date="2024-06-01",
            notification_date="2024-06-03",
            age_years=16,
            ethnicity="REFU",
            themes="exploitation; neglect",
        ),
        dict(
            case_ref="R",
            aware_date="2023-06-01",
            notification_date="2023-06-01",
            age_years=16,
            themes=None,
        ),
    ]
)


def test_count_reviews_by_every_category_in_order():
    age = count_reviews_by(SMALL, "age_band")
    assert age.index.tolist() == ["under 1", "1-4", "5-9", "10-15", "16-17"]
    assert age.tolist() == [1, 0, 0, 0, 2]
    assert count_reviews_by(SMALL, "sex").to_dict() == {"Female": 2, "Male": 1, "Unknown": 0}
    assert count_reviews_by(SMALL, "incident_type").to_dict() == {
        "Death": 1,
        "Serious harm": 2,
    }
    eth = count_reviews_by(SMALL, "ethnicity_group")
    assert eth.to_dict() == {
        "White": 1,
        "Mixed": 0,
        "Asian": 0,
        "Black": 1,
        "Other": 0,
        "Not known": 1,
    }


def test_count_themes_once_per_review():
    # P lists neglect twice: it features in P once. Q's " neglect" is trimmed.
    # R has no themes. Neglect 2 (P, Q), safer sleep 1, exploitation 1.
    themes = count_reviews_by(SMALL, "theme")
    assert len(themes) == 13 and themes.sum() == 4
    assert themes["Neglect"] == 2
    assert themes["Safer sleep"] == 1 and themes["Exploitation"] == 1


def test_tabulate_breakdown_year_and_pooled():
    table = tabulate_breakdown(SMALL, "sex", Y, 2)
    assert table.columns.tolist() == ["2024-25", "2023-24 to 2024-25"]
    assert table["2024-25"].tolist() == [1, 1, 0]  # Q female, P male
    assert table["2023-24 to 2024-25"].tolist() == [2, 1, 0]  # R female too
    assert pooled_label([Y]) == "2024-25"
    assert tabulate_breakdown(SMALL, "sex", Y, 1).columns.tolist() == ["2024-25"]


def test_unknown_characteristic():
    with pytest.raises(ValueError, match="unknown characteristic"):
        count_reviews_by(SMALL, "postcode")
