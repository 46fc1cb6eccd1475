"""Hand-worked tests of the training measures (contract section ``training.csv``).

Every expected value below was worked out by hand from the rows written in the
test; the working is in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.measures import training as trn

Y = ReportingYear.parse("2024-25")
LAST = ReportingYear.parse("2023-24")

DEFAULTS = {
    "learner_id": "L1",
    "course": "Course",
    "topic": "neglect",
    "delivery": "face_to_face",
    "agency": "Agency A",
    "sector": "health",
    "date": "2024-06-10",
    "outcome": "completed",
    "confidence_before": None,
    "confidence_after": None,
}


def make_training(*rows: dict) -> pd.DataFrame:
    """Build a training frame typed as io.load_tables returns it (docs/architecture.md)."""
    records = [{**DEFAULTS, "record_id": f"R{i}", **r} for i, r in enumerate(rows, start=1)]
    df = pd.DataFrame(records, columns=["record_id", *DEFAULTS])
    text = ["record_id", "learner_id", "course", "topic", "delivery", "agency", "sector", "outcome"]
    df[text] = df[text].astype("str")
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d").astype("datetime64[us]")
    for col in ("confidence_before", "confidence_after"):
        df[col] = pd.array(df[col].tolist(), dtype="Int64")
    return df


def make_workforce(*rows: tuple[str, str, int | None]) -> pd.DataFrame:
    """Build a workforce frame from (reporting_year, agency, staff) rows."""
    df = pd.DataFrame(rows, columns=["reporting_year", "agency", "staff"])
    df["sector"] = "health"
    df = df[["reporting_year", "agency", "sector", "staff"]]
    df[["reporting_year", "agency", "sector"]] = df[["reporting_year", "agency", "sector"]].astype(
        "str"
    )
    df["staff"] = pd.array(df["staff"].tolist(), dtype="Int64")
    return df


EMPTY_TRAINING = make_training().iloc[0:0]
EMPTY_WORKFORCE = make_workforce()


def test_e_learning_rows_are_never_bookings():
    # 3 e-learning completions; bookings are the other 4 rows: 2 face-to-face
    # completed, 1 face-to-face and 1 virtual did-not-attend -> 2 / 4 = 50.0%.
    t = make_training(
        {"delivery": "e_learning", "learner_id": "L1"},
        {"delivery": "e_learning", "learner_id": "L2"},
        {"delivery": "e_learning", "learner_id": "L3"},
        {"delivery": "face_to_face", "learner_id": "L4"},
        {"delivery": "face_to_face", "learner_id": "L5"},
        {"delivery": "face_to_face", "learner_id": "L6", "outcome": "did_not_attend"},
        {"delivery": "virtual", "learner_id": "L7", "outcome": "did_not_attend"},
    )
    attendance = trn.summarise_attendance(t, Y)
    assert attendance == {
        "bookings": 4,
        "attended": 2,
        "did_not_attend": 2,
        "did_not_attend_pct": 50.0,
    }
    assert trn.count_e_learning_completions(t, Y) == 3
    # completions: 3 e-learning + 2 face-to-face; the 2 DNA rows are not completions.
    facts = trn.facts_training(t, EMPTY_WORKFORCE, Y)
    assert facts["completions"] == 5
    assert facts["e_learning_completions"] == 3
    assert facts["did_not_attend_pct"] == 50.0


def test_only_e_learning_gives_no_did_not_attend_rate():
    # Two e-learning completions and no booked course: 0 bookings -> None.
    t = make_training({"delivery": "e_learning"}, {"delivery": "e_learning", "learner_id": "L2"})
    assert trn.summarise_attendance(t, Y)["did_not_attend_pct"] is None


def test_attendance_by_delivery_lists_booked_deliveries_only():
    # face_to_face: 3 bookings, 1 DNA -> 33.3%; virtual: 1 booking, 1 DNA -> 100.0%;
    # briefing: none -> [z]; e-learning is not a booking so it is not listed.
    t = make_training(
        {"delivery": "face_to_face"},
        {"delivery": "face_to_face"},
        {"delivery": "face_to_face", "outcome": "did_not_attend"},
        {"delivery": "virtual", "outcome": "did_not_attend"},
        {"delivery": "e_learning"},
    )
    table = trn.summarise_attendance_by_delivery(t, Y)
    assert table["delivery"].tolist() == ["face_to_face", "virtual", "briefing"]
    assert table["bookings"].tolist() == [3, 1, 0]
    assert table["did_not_attend"].tolist() == [1, 1, 0]
    assert table["did_not_attend_pct"].tolist() == [33.3, 100.0, None]


def test_a_learner_with_several_completions_counts_once():
    # L1 completes three courses and misses one; L2 completes one.
    # completions 4, unique learners 2; the DNA row is neither.
    t = make_training(
        {"learner_id": "L1", "topic": "neglect"},
        {"learner_id": "L1", "topic": "exploitation", "delivery": "e_learning"},
        {"learner_id": "L1", "topic": "neglect", "date": "2025-01-15"},
        {"learner_id": "L1", "outcome": "did_not_attend"},
        {"learner_id": "L2", "topic": "neglect"},
    )
    assert trn.count_unique_learners(t, Y) == 2
    by_topic = trn.count_completions_by(t, Y, "topic").set_index("topic")
    # neglect: 3 completions (L1 twice, L2 once) by 2 learners; exploitation: 1 by L1.
    assert by_topic.loc["neglect", "completions"] == 3
    assert by_topic.loc["neglect", "unique_learners"] == 2
    assert by_topic.loc["exploitation", "completions"] == 1
    assert by_topic.loc["exploitation", "unique_learners"] == 1
    # every contract topic is listed, in the contract's order, zeros included
    assert by_topic.index.tolist() == list(trn.TOPICS)
    assert by_topic.loc["gcp2", "completions"] == 0


def test_a_learner_in_two_agencies_counts_once_in_each_and_once_overall():
    # L1 trains with Agency A and Agency B; L2 with Agency A only.
    # per agency: A = {L1, L2} = 2, B = {L1} = 1; overall {L1, L2} = 2.
    t = make_training(
        {"learner_id": "L1", "agency": "Agency A"},
        {"learner_id": "L1", "agency": "Agency B"},
        {"learner_id": "L2", "agency": "Agency A"},
        {"learner_id": "L2", "agency": "Agency A", "topic": "gcp2"},
    )
    by_agency = trn.count_completions_by(t, Y, "agency")
    assert by_agency["agency"].tolist() == ["Agency A", "Agency B"]
    assert by_agency["completions"].tolist() == [3, 1]
    assert by_agency["unique_learners"].tolist() == [2, 1]
    assert trn.count_unique_learners(t, Y) == 2


def test_completions_by_sector_and_delivery_list_the_vocabulary():
    # health: 2, police: 1; every other sector 0. Delivery: virtual 1, briefing 2.
    t = make_training(
        {"sector": "health", "delivery": "virtual"},
        {"sector": "health", "delivery": "briefing", "learner_id": "L2"},
        {"sector": "police", "delivery": "briefing", "learner_id": "L3"},
    )
    sector = trn.count_completions_by(t, Y, "sector").set_index("sector")["completions"]
    assert sector.index.tolist() == list(trn.SECTORS)
    assert sector["health"] == 2
    assert sector["police"] == 1
    assert sector.sum() == 3
    delivery = trn.count_completions_by(t, Y, "delivery").set_index("delivery")["completions"]
    assert delivery.to_dict() == {"e_learning": 0, "face_to_face": 0, "virtual": 1, "briefing": 2}


def test_confidence_uses_rows_with_both_scores_only():
    # rows (before, after): (2, 4) +2, (3, 3) 0, (4, -) out, (-, 2) out, (5, 4) -1, (1, 2) +1,
    # and a DNA row (1, 5) which is not a completion.
    # rated 4; sum of changes 2 + 0 - 1 + 1 = 2; mean 2 / 4 = 0.50;
    # improved 2 of 4 = 50.0%; unchanged 1; lower 1.
    t = make_training(
        {"confidence_before": 2, "confidence_after": 4},
        {"confidence_before": 3, "confidence_after": 3},
        {"confidence_before": 4, "confidence_after": None},
        {"confidence_before": None, "confidence_after": 2},
        {"confidence_before": 5, "confidence_after": 4},
        {"confidence_before": 1, "confidence_after": 2},
        {"confidence_before": 1, "confidence_after": 5, "outcome": "did_not_attend"},
    )
    assert trn.summarise_confidence(t, Y) == {
        "rated": 4,
        "mean_change": 0.5,
        "improved": 2,
        "unchanged": 1,
        "lower": 1,
        "improved_pct": 50.0,
    }
    # distribution over the same 4 rows: before 2, 3, 5, 1; after 4, 3, 4, 2.
    scores = trn.count_confidence_scores(t, Y)
    assert scores["score"].tolist() == [1, 2, 3, 4, 5]
    assert scores["before"].tolist() == [1, 1, 1, 0, 1]
    assert scores["after"].tolist() == [0, 1, 1, 2, 0]


def test_mean_confidence_change_rounds_half_up_to_two_places():
    # changes +1 and seven 0s: 1 / 8 = 0.125 -> 0.13 half up (banker's would give 0.12).
    rows = [{"confidence_before": 3, "confidence_after": 4}]
    rows += [{"confidence_before": 3, "confidence_after": 3}] * 7
    assert trn.summarise_confidence(make_training(*rows), Y)["mean_change"] == 0.13
    # changes +1, +1, 0: 2 / 3 = 0.666... -> 0.67; improved 2 of 3 = 66.7%.
    t = make_training(
        {"confidence_before": 2, "confidence_after": 3},
        {"confidence_before": 4, "confidence_after": 5},
        {"confidence_before": 1, "confidence_after": 1},
    )
    result = trn.summarise_confidence(t, Y)
    assert result["mean_change"] == 0.67
    assert result["improved_pct"] == 66.7


def test_no_scores_gives_no_confidence_change():
    t = make_training({"confidence_before": 3}, {"confidence_after": 4})
    result = trn.summarise_confidence(t, Y)
    assert result["rated"] == 0
    assert result["mean_change"] is None
    assert result["improved_pct"] is None


def test_agency_with_no_staff_figure_has_no_reach_but_counts_overall():
    # Agency A: L1, L2 trained, staff 10 -> 20.0%.
    # Agency B: L1, L3 trained, no workforce row -> no reach.
    # Agency C: nobody trained, staff 4 -> 0.0%.
    # Agency D: L4 trained, staff cell blank -> no reach.
    # Agency E: L5 trained, staff 0 -> denominator zero -> no reach.
    # overall: unique learners {L1..L5} = 5 over staff given 10 + 4 + 0 = 14
    #          -> 35.714...% -> 35.7%.
    t = make_training(
        {"learner_id": "L1", "agency": "Agency A"},
        {"learner_id": "L2", "agency": "Agency A"},
        {"learner_id": "L1", "agency": "Agency B"},
        {"learner_id": "L3", "agency": "Agency B"},
        {"learner_id": "L4", "agency": "Agency D"},
        {"learner_id": "L5", "agency": "Agency E"},
    )
    w = make_workforce(
        ("2024-25", "Agency A", 10),
        ("2024-25", "Agency C", 4),
        ("2024-25", "Agency D", None),
        ("2024-25", "Agency E", 0),
        ("2023-24", "Agency B", 50),  # another year's figure is not this year's
    )
    reach = trn.measure_reach_by_agency(t, w, Y)
    assert reach["agency"].tolist() == ["Agency A", "Agency B", "Agency C", "Agency D", "Agency E"]
    assert reach["unique_learners"].tolist() == [2, 2, 0, 1, 1]
    assert reach["staff"].tolist() == [10, pd.NA, 4, pd.NA, 0]
    assert reach["reach_pct"].tolist() == [20.0, None, 0.0, None, None]
    overall = trn.measure_reach(t, w, Y)
    assert overall == {
        "unique_learners": 5,
        "staff": 14,
        "reach_pct": 35.7,
        "agencies_without_staff": ["Agency B", "Agency D"],
    }
    assert trn.facts_training(t, w, Y)["reach_pct"] == 35.7


def test_staff_rows_of_one_agency_add_up():
    # Agency A has two workforce rows for the year (two sectors): 30 + 20 = 50.
    # 3 learners -> 6.0%.
    t = make_training(
        {"learner_id": "L1"}, {"learner_id": "L2"}, {"learner_id": "L3"}, {"learner_id": "L3"}
    )
    w = make_workforce(("2024-25", "Agency A", 30), ("2024-25", "Agency A", 20))
    reach = trn.measure_reach_by_agency(t, w, Y)
    assert reach["staff"].tolist() == [50]
    assert reach["reach_pct"].tolist() == [6.0]


def test_no_workforce_figures_gives_no_overall_reach():
    t = make_training({"learner_id": "L1"})
    assert trn.measure_reach(t, EMPTY_WORKFORCE, Y)["reach_pct"] is None


def test_gcp2_year_with_no_training_still_has_a_cumulative_total():
    # 2022-23: L1 completes GCP2. 2023-24: L2 completes, L1 again, L3 did not attend.
    # 2024-25: no GCP2 completion (only neglect). 2025-26: L4 (after the year's end).
    # 2024-25: in year 0; cumulative {L1, L2} = 2.
    # 2023-24: in year {L1, L2} = 2; cumulative {L1, L2} = 2.
    # 2022-23: in year 1; cumulative 1.
    t = make_training(
        {"learner_id": "L1", "topic": "gcp2", "date": "2022-09-01"},
        {"learner_id": "L2", "topic": "gcp2", "date": "2023-10-01"},
        {"learner_id": "L1", "topic": "gcp2", "date": "2024-03-31"},
        {"learner_id": "L3", "topic": "gcp2", "date": "2023-11-01", "outcome": "did_not_attend"},
        {"learner_id": "L5", "topic": "neglect", "date": "2024-11-01"},
        {"learner_id": "L4", "topic": "gcp2", "date": "2025-04-01"},
    )
    assert trn.count_gcp2_trained(t, Y) == {"in_year": 0, "cumulative": 2}
    assert trn.count_gcp2_trained(t, LAST) == {"in_year": 2, "cumulative": 2}
    assert trn.count_gcp2_trained(t, ReportingYear.parse("2022-23")) == {
        "in_year": 1,
        "cumulative": 1,
    }
    assert trn.facts_training(t, EMPTY_WORKFORCE, Y)["gcp2_practitioners_trained"] == 0


def test_year_with_no_rows_reports_zeros_and_no_rates():
    # rows exist, but all in 2023-24: 2024-25 has none.
    t = make_training({"date": "2023-06-01", "confidence_before": 1, "confidence_after": 2})
    w = make_workforce(("2024-25", "Agency A", 100))
    assert trn.facts_training(t, w, Y) == {
        "completions": 0,
        "unique_learners": 0,
        "e_learning_completions": 0,
        "did_not_attend_pct": None,
        "mean_confidence_change": None,
        "reach_pct": 0.0,  # 0 learners over 100 staff is a real 0%, not [z]
        "gcp2_practitioners_trained": 0,
    }
    empty = trn.facts_training(EMPTY_TRAINING, EMPTY_WORKFORCE, Y)
    assert empty == {
        "completions": 0,
        "unique_learners": 0,
        "e_learning_completions": 0,
        "did_not_attend_pct": None,
        "mean_confidence_change": None,
        "reach_pct": None,
        "gcp2_practitioners_trained": 0,
    }
    assert trn.count_completions_by_month(EMPTY_TRAINING, Y)["completions"].sum() == 0
    assert trn.count_confidence_scores(EMPTY_TRAINING, Y)[["before", "after"]].sum().sum() == 0
    assert trn.measure_reach_by_agency(EMPTY_TRAINING, EMPTY_WORKFORCE, Y).empty
    assert trn.count_completions_by(EMPTY_TRAINING, Y, "agency").empty
    assert trn.count_completions_by(EMPTY_TRAINING, Y, "topic")["completions"].sum() == 0


def test_month_boundaries():
    # 2024-03-31 is the last day of 2023-24: out. 2024-04-01 and 2024-04-30: April.
    # 2024-05-01: May. 2025-03-31: March (last day, inside). 2025-04-01: out.
    t = make_training(
        {"date": "2024-03-31"},
        {"date": "2024-04-01"},
        {"date": "2024-04-30"},
        {"date": "2024-05-01"},
        {"date": "2024-12-31"},
        {"date": "2025-01-01"},
        {"date": "2025-03-31"},
        {"date": "2025-04-01"},
    )
    months = trn.count_completions_by_month(t, Y)
    assert months["month"].tolist()[0] == "April"
    assert months["month"].tolist()[-1] == "March"
    assert months["month_start"].tolist()[0].isoformat() == "2024-04-01"
    assert months["month_start"].tolist()[-1].isoformat() == "2025-03-01"
    # April, May, Jun..Nov, December, January, Feb, March
    assert months["completions"].tolist() == [2, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1]
    assert trn.facts_training(t, EMPTY_WORKFORCE, Y)["completions"] == 6


def test_a_timestamp_late_on_the_last_day_is_inside():
    t = make_training({"date": "2025-03-31"})
    t["date"] = t["date"] + pd.Timedelta(hours=17)
    assert trn.facts_training(t, EMPTY_WORKFORCE, Y)["completions"] == 1


def test_facts_keys_are_the_contracts_in_order():
    facts = trn.facts_training(make_training({}), EMPTY_WORKFORCE, Y)
    assert list(facts) == [
        "completions",
        "unique_learners",
        "e_learning_completions",
        "did_not_attend_pct",
        "mean_confidence_change",
        "reach_pct",
        "gcp2_practitioners_trained",
    ]


def test_trend_has_one_row_per_year_oldest_first():
    # 2023-24: L1, L2 complete (2 completions); 2024-25: L1 completes, L3 DNA.
    t = make_training(
        {"learner_id": "L1", "date": "2023-05-01"},
        {"learner_id": "L2", "date": "2024-02-01"},
        {"learner_id": "L1", "date": "2024-05-01"},
        {"learner_id": "L3", "date": "2024-05-01", "outcome": "did_not_attend"},
    )
    trend = trn.trend_training(t, EMPTY_WORKFORCE, Y, 3)
    assert trend["reporting_year"].tolist() == ["2022-23", "2023-24", "2024-25"]
    assert trend["completions"].tolist() == [0, 2, 1]
    assert trend["unique_learners"].tolist() == [0, 2, 1]
    # 2024-25: 2 bookings, 1 DNA -> 50.0%; 2023-24: 2 bookings, 0 DNA -> 0.0%.
    assert trend["did_not_attend_pct"].tolist()[1:] == [0.0, 50.0]


def test_categorical_columns_give_the_same_answers():
    # io may hand over categoricals; unused categories must not appear as groups.
    t = make_training(
        {"learner_id": "L1", "agency": "Agency A"},
        {"learner_id": "L2", "agency": "Agency A", "outcome": "did_not_attend"},
    )
    c = t.astype({col: "category" for col in ("learner_id", "agency", "delivery", "outcome")})
    c["agency"] = c["agency"].cat.add_categories(["Agency Z"])
    assert trn.count_completions_by(c, Y, "agency")["agency"].tolist() == ["Agency A"]
    assert trn.facts_training(c, EMPTY_WORKFORCE, Y) == trn.facts_training(t, EMPTY_WORKFORCE, Y)


def test_prepared_register_gives_every_measure_unchanged():
    # prepare_training keeps only what the measures read, text as categoricals; every
    # public measure must give exactly what it gives on the frame as loaded.
    t = make_training(
        {"learner_id": "L1", "delivery": "e_learning", "topic": "gcp2", "date": "2024-04-01"},
        {"learner_id": "L1", "agency": "Agency B", "confidence_before": 2, "confidence_after": 4},
        {"learner_id": "L2", "delivery": "virtual", "outcome": "did_not_attend"},
        {"learner_id": "L3", "sector": "police", "delivery": "briefing", "date": "2023-05-05"},
        {
            "learner_id": "L4",
            "topic": "gcp2",
            "date": "2025-03-31",
            "confidence_before": 3,
            "confidence_after": 3,
        },
    )
    w = make_workforce(("2024-25", "Agency A", 9), ("2023-24", "Agency A", 4))
    p = trn.prepare_training(t)
    assert str(p["agency"].dtype) == "category"
    assert "record_id" not in p.columns and "course" not in p.columns
    for year in (Y, LAST):
        for column in ("delivery", "topic", "sector", "agency"):
            pd.testing.assert_frame_equal(
                trn.count_completions_by(p, year, column), trn.count_completions_by(t, year, column)
            )
        for frame_measure in (
            trn.count_completions_by_month,
            trn.summarise_attendance_by_delivery,
            trn.count_confidence_scores,
        ):
            pd.testing.assert_frame_equal(frame_measure(p, year), frame_measure(t, year))
        pd.testing.assert_frame_equal(
            trn.measure_reach_by_agency(p, w, year), trn.measure_reach_by_agency(t, w, year)
        )
        assert trn.summarise_training(p, w, year) == trn.summarise_training(t, w, year)
        assert trn.measure_reach(p, w, year) == trn.measure_reach(t, w, year)
    # and by hand for 2024-25: completions rows 1, 2, 5 = 3 by L1 (twice) and L4 = 2
    assert trn.facts_training(p, w, Y)["completions"] == 3
    assert trn.facts_training(p, w, Y)["unique_learners"] == 2


def test_inputs_are_not_changed():
    t = make_training({"confidence_before": 1, "confidence_after": 3}, {"learner_id": "L2"})
    w = make_workforce(("2024-25", "Agency A", 10))
    t0, w0 = t.copy(), w.copy()
    trn.trend_training(t, w, Y, 2)
    trn.measure_reach_by_agency(t, w, Y)
    pd.testing.assert_frame_equal(t, t0)
    pd.testing.assert_frame_equal(w, w0)


@pytest.mark.parametrize("column", ["delivery", "topic", "sector", "agency"])
def test_breakdowns_add_up_to_completions(column):
    # 3 completions and 1 DNA; every breakdown sums to 3.
    t = make_training(
        {"agency": "Agency A", "topic": "gcp2", "sector": "police", "delivery": "virtual"},
        {"agency": "Agency B", "topic": "other", "sector": "health"},
        {"agency": "Agency B", "topic": "other", "sector": "education", "learner_id": "L2"},
        {"agency": "Agency C", "outcome": "did_not_attend"},
    )
    assert trn.count_completions_by(t, Y, column)["completions"].sum() == 3
