"""The contract as data: column lists, kinds and the blank templates."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from safeguarding_assurance.contract import schemas

# Copied by hand from the data contract's tables, in its order.
CONTRACT_COLUMNS = {
    "actions": [
        "action_id",
        "priority",
        "description",
        "lead_agency",
        "start_date",
        "due_date",
        "completed_date",
        "status",
    ],
    "indicators": ["indicator_id", "priority", "name", "unit", "polarity"],
    "indicator_values": ["indicator_id", "period_end", "value", "target", "england"],
    "reviews": [
        "case_ref",
        "aware_date",
        "notification_date",
        "rapid_review_date",
        "decision",
        "lcspr_published_date",
        "incident_type",
        "age_years",
        "sex",
        "ethnicity",
        "themes",
    ],
    "recommendations": ["recommendation_id", "case_ref", "agency", "due_date", "completed_date"],
    "training": [
        "record_id",
        "learner_id",
        "course",
        "topic",
        "delivery",
        "agency",
        "sector",
        "date",
        "outcome",
        "confidence_before",
        "confidence_after",
    ],
    "workforce": ["reporting_year", "agency", "sector", "staff"],
    # the optional registers
    "audits": [
        "audit_id",
        "theme",
        "completed_date",
        "cases_audited",
        "rated_good",
        "rated_requires_improvement",
        "rated_inadequate",
        "actions_agreed",
        "actions_completed",
    ],
    "funding": ["reporting_year", "agency", "sector", "kind", "amount_gbp"],
    "national_actions": [
        "action_id",
        "review",
        "review_published_date",
        "description",
        "lead_agency",
        "due_date",
        "completed_date",
    ],
    "feedback": [
        "activity_id",
        "date",
        "group",
        "method",
        "participants",
        "summary",
        "change_made",
    ],
}
# The contract marks these optional ("no", or "optional" in the prose); the rest are required.
CONTRACT_OPTIONAL = {
    ("actions", "completed_date"),
    ("indicator_values", "target"),
    ("indicator_values", "england"),
    ("reviews", "rapid_review_date"),
    ("reviews", "lcspr_published_date"),
    ("reviews", "themes"),
    ("recommendations", "completed_date"),
    ("training", "confidence_before"),
    ("training", "confidence_after"),
    ("funding", "kind"),
    ("national_actions", "completed_date"),
    ("feedback", "change_made"),
}


def test_every_table_has_the_contract_columns_in_order():
    assert {t: s.column_names for t, s in schemas.SCHEMAS.items()} == CONTRACT_COLUMNS


def test_required_and_optional_columns_follow_the_contract():
    optional = {
        (t, c.name) for t, s in schemas.SCHEMAS.items() for c in s.columns if not c.required
    }
    assert optional == CONTRACT_OPTIONAL


def test_allowed_values_and_ranges():
    reviews = schemas.schema_for("reviews")
    assert reviews.column("decision").allowed == ("lcspr", "no_lcspr", "national_review", "pending")
    assert (reviews.column("age_years").minimum, reviews.column("age_years").maximum) == (0, 17)
    # 5 + 4 + 4 + 3 + 2 + 2 DfE codes in the contract's six groups
    assert len(schemas.ETHNICITY_CODES) == 20
    assert len(schemas.THEMES) == 13
    training = schemas.schema_for("training")
    assert training.column("confidence_after").minimum == 1
    assert training.column("confidence_after").maximum == 5
    assert schemas.schema_for("workforce").column("staff").minimum == 0


def test_unique_keys():
    unique = {(t, c.name) for t, s in schemas.SCHEMAS.items() for c in s.columns if c.unique}
    assert unique == {
        ("actions", "action_id"),
        ("indicators", "indicator_id"),
        ("reviews", "case_ref"),
        ("recommendations", "recommendation_id"),
        ("training", "record_id"),
        ("audits", "audit_id"),
        ("national_actions", "action_id"),
        ("feedback", "activity_id"),
    }
    assert schemas.schema_for("indicator_values").unique_together == ("indicator_id", "period_end")
    assert schemas.schema_for("workforce").unique_together == ("reporting_year", "agency")
    assert schemas.schema_for("funding").unique_together == ("reporting_year", "agency", "kind")


def test_the_four_registers_are_optional_and_the_rest_required():
    assert schemas.OPTIONAL_TABLES == ("audits", "funding", "national_actions", "feedback")
    assert schemas.REQUIRED_TABLES == (
        "actions",
        "indicators",
        "indicator_values",
        "reviews",
        "recommendations",
        "training",
        "workforce",
    )


def test_register_vocabularies_and_ranges():
    audits = schemas.schema_for("audits")
    assert audits.column("theme").allowed == schemas.THEMES
    assert audits.column("cases_audited").minimum == 1
    for name in ("rated_good", "rated_requires_improvement", "rated_inadequate"):
        assert audits.column(name).minimum == 0
    funding = schemas.schema_for("funding")
    assert funding.column("kind").allowed == ("cash", "in_kind")
    assert funding.column("kind").default == "cash"
    assert funding.column("sector").allowed == schemas.SECTORS
    assert (funding.column("amount_gbp").minimum, funding.column("amount_gbp").decimals) == (0, 2)
    feedback = schemas.schema_for("feedback")
    assert feedback.column("group").allowed == ("children", "young_people", "parents_carers")
    assert feedback.column("method").allowed == (
        "survey",
        "consultation",
        "focus_group",
        "advocacy",
        "complaint",
        "other",
    )
    # the personal-data guard reads the registers' free text
    scanned = {
        (t, c.name)
        for t in schemas.OPTIONAL_TABLES
        for c in schemas.schema_for(t).columns
        if c.scan
    }
    assert {
        ("feedback", "summary"),
        ("feedback", "change_made"),
        ("national_actions", "description"),
    } <= scanned


def test_empty_frame_has_the_documented_dtypes():
    frame = schemas.empty_frame("reviews")
    assert str(frame["aware_date"].dtype) == "datetime64[us]"
    assert str(frame["age_years"].dtype) == "Int64"
    assert frame["case_ref"].dtype == pd.StringDtype("pyarrow", na_value=float("nan"))
    assert str(schemas.empty_frame("indicator_values")["value"].dtype) == "float64"


def test_frame_schema_accepts_a_hand_made_frame_and_rejects_a_bad_value():
    frame = pd.DataFrame(
        {
            "reporting_year": pd.Series(["2024-25", "2024-25"], dtype="str"),
            "agency": pd.Series(["Council", "Police"], dtype="str"),
            "sector": pd.Series(["local_authority", "police"], dtype="str"),
            "staff": pd.Series([500, 0], dtype="Int64"),
        }
    )
    schemas.frame_schema("workforce").validate(frame)
    bad = frame.assign(staff=pd.Series([500, -1], dtype="Int64"))
    with pytest.raises(pandera.errors.SchemaError):
        schemas.frame_schema("workforce").validate(bad)


def test_write_templates_writes_exact_headers_and_a_readme(tmp_path):
    written = schemas.write_templates(tmp_path)
    assert {p.name for p in written} == {f"{t}.csv" for t in CONTRACT_COLUMNS} | {"README.md"}
    for table, columns in CONTRACT_COLUMNS.items():
        assert (tmp_path / f"{table}.csv").read_text(encoding="utf-8") == ",".join(columns) + "\n"
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "| `reviews.csv` | `age_years` | yes | integer | 0 to 17; 0 = under one |" in readme


def test_committed_templates_match_the_schemas(tmp_path):
    from pathlib import Path

    committed = Path(__file__).resolve().parents[2] / "data" / "templates"
    schemas.write_templates(tmp_path)
    for path in tmp_path.iterdir():
        assert (committed / path.name).read_text(encoding="utf-8") == path.read_text(
            encoding="utf-8"
        ), f"data/templates/{path.name} is stale: run schemas.write_templates"
