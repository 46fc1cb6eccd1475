"""Parameters and reporting years, checked against the data contract's parameter table.

Expected values come from the contract: a year ``YYYY-YY`` runs 1 April to 31 March,
both included; the defaults are suppression 5, notify 5, rapid review 15, LCSPR 6
months, trend 4 years, status draft; unknown names and wrong types are errors.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import (
    SPEC,
    Params,
    Priority,
    ReportingYear,
    load_params,
    params_for_year,
    validate_values,
)
from safeguarding_assurance.errors import AssuranceError, ParameterError

# Copied by hand from the contract's parameter table (tests never read ../shared).
CONTRACT_PARAMETERS = {
    "reporting_year",
    "partnership_name",
    "data_dir",
    "audience",
    "suppression_threshold",
    "priorities",
    "notify_working_days",
    "rapid_review_working_days",
    "lcspr_months",
    "trend_years",
    "little_progress_pct",
    "good_progress_pct",
    "content_dir",
    "data_as_at",
    "status",
    "output_dir",
}
REQUIRED = ("reporting_year", "partnership_name", "data_dir", "audience", "priorities")

MINIMAL = {
    "reporting_year": "2024-25",
    "partnership_name": "Northbrook Partnership",
    "data_dir": "data/demo",
    "audience": "public",
    "priorities": [
        {"id": "early_help", "name": "Early help"},
        {"id": "neglect", "name": "Neglect"},
    ],
}
WHERE = "params/test.yaml"

MINIMAL_YAML = """\
reporting_year: "2024-25"
partnership_name: Northbrook Partnership
data_dir: data/demo
audience: public
priorities:
  - id: early_help
    name: Early help
  - id: neglect
    name: Neglect
"""


def _with(**changes: object) -> dict:
    raw = {k: v for k, v in MINIMAL.items()}
    raw.update(changes)
    return raw


def _problems(exc: pytest.ExceptionInfo[ParameterError]) -> list[str]:
    return str(exc.value).splitlines()


# ---------------------------------------------------------------- ReportingYear


def test_year_2024_25_runs_1_april_2024_to_31_march_2025():
    y = ReportingYear.parse("2024-25")
    assert y.start == dt.date(2024, 4, 1)
    assert y.end == dt.date(2025, 3, 31)
    assert y.label == "2024-25"
    assert str(y) == "2024-25"


def test_year_across_a_century_boundary():
    # 1999 + 1 = 2000, whose last two digits are 00.
    y = ReportingYear.parse("1999-00")
    assert (y.start, y.end) == (dt.date(1999, 4, 1), dt.date(2000, 3, 31))
    assert ReportingYear.parse("2000-01").previous().label == "1999-00"


def test_previous_is_the_year_immediately_before():
    assert ReportingYear.parse("2024-25").previous() == ReportingYear.parse("2023-24")


def test_trend_lists_n_years_oldest_first_ending_with_this_one():
    labels = [y.label for y in ReportingYear.parse("2024-25").trend(4)]
    assert labels == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert [y.label for y in ReportingYear.parse("2024-25").trend(1)] == ["2024-25"]


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (dt.date(2024, 4, 1), True),  # first day is inside
        (dt.date(2025, 3, 31), True),  # last day is inside
        (dt.date(2024, 3, 31), False),  # the day before
        (dt.date(2025, 4, 1), False),  # the day after
        (dt.date(2024, 12, 25), True),
    ],
)
def test_contains_includes_both_ends(day, inside):
    assert ReportingYear.parse("2024-25").contains(day) is inside


def test_years_order_by_time():
    assert ReportingYear.parse("2023-24") < ReportingYear.parse("2024-25")


@pytest.mark.parametrize(
    "label",
    ["2024-26", "24-25", "2024-2025", "2024/25", "2024 25", "", "abcd-ef", " 2024-25", "2024-25 "],
)
def test_malformed_year_is_a_value_error(label):
    with pytest.raises(ValueError, match="YYYY-YY"):
        ReportingYear.parse(label)


def test_year_with_a_trailing_newline_is_a_value_error():
    with pytest.raises(ValueError):
        ReportingYear.parse("2024-25\n")


# ---------------------------------------------------------------- the parameter names


# Blocks the issues add beside the contract's parameters (not injected into notebooks).
ADDITIONS = {"committee"}  # issue 16: the scrutiny board's cover report header


def test_the_suite_knows_exactly_the_contract_parameter_names():
    assert set(SPEC) == CONTRACT_PARAMETERS | ADDITIONS


def test_contract_values_carry_exactly_the_contract_names(tmp_path):
    params = validate_values(MINIMAL, WHERE, root=tmp_path)
    values = params.contract_values()
    assert set(values) == CONTRACT_PARAMETERS
    assert values["priorities"] == MINIMAL["priorities"]


# ---------------------------------------------------------------- defaults and types


def test_defaults_are_the_contract_defaults(tmp_path):
    p = validate_values(MINIMAL, WHERE, root=tmp_path)
    assert p.suppression_threshold == 5
    assert p.notify_working_days == 5
    assert p.rapid_review_working_days == 15
    assert p.lcspr_months == 6
    assert p.trend_years == 4
    assert p.status == "draft"
    assert p.content_dir is None
    assert p.data_as_at is None
    assert p.output_dir is None


def test_paths_are_from_the_repository_root(tmp_path):
    p = validate_values(MINIMAL, WHERE, root=tmp_path)
    assert p.data_path == tmp_path / "data" / "demo"
    # content_dir defaults to content/<reporting_year>
    assert p.content_path == tmp_path / "content" / "2024-25"
    absolute = tmp_path / "elsewhere"
    p2 = validate_values(_with(data_dir=str(absolute)), WHERE, root=tmp_path)
    assert p2.data_path == absolute


def test_priorities_keep_report_order(tmp_path):
    p = validate_values(MINIMAL, WHERE, root=tmp_path)
    assert p.priorities == (Priority("early_help", "Early help"), Priority("neglect", "Neglect"))
    assert p.priority_ids == ["early_help", "neglect"]
    assert p.year == ReportingYear.parse("2024-25")


def test_every_value_given_is_kept(tmp_path):
    raw = _with(
        audience="internal",
        suppression_threshold=7,
        notify_working_days=3,
        rapid_review_working_days=10,
        lcspr_months=9,
        trend_years=3,
        content_dir="words",
        data_as_at="2025-06-02",
        status="final",
        output_dir="out",
    )
    p = validate_values(raw, WHERE, root=tmp_path)
    assert (p.audience, p.suppression_threshold, p.notify_working_days) == ("internal", 7, 3)
    assert (p.rapid_review_working_days, p.lcspr_months, p.trend_years) == (10, 9, 3)
    assert (p.status, p.output_dir) == ("final", "out")
    assert p.content_path == tmp_path / "words"
    assert p.as_at == dt.date(2025, 6, 2)


@pytest.mark.parametrize("threshold", [5, 6, 10])
def test_suppression_threshold_of_five_or_more_is_accepted(tmp_path, threshold):
    p = validate_values(_with(suppression_threshold=threshold), WHERE, root=tmp_path)
    assert p.suppression_threshold == threshold


@pytest.mark.parametrize("threshold", [4, 0, -5])
def test_suppression_threshold_below_five_is_an_error(tmp_path, threshold):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(suppression_threshold=threshold), WHERE, root=tmp_path)
    assert any("suppression_threshold" in line and WHERE in line for line in _problems(exc))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("suppression_threshold", "5"),  # text, not a whole number
        ("suppression_threshold", 5.0),  # a float, not a whole number
        ("suppression_threshold", True),  # bool is not an int, though Python says it is
        ("notify_working_days", False),
        ("rapid_review_working_days", "15"),
        ("lcspr_months", 6.5),
        ("trend_years", [4]),
        ("reporting_year", 2024),
        ("partnership_name", 42),
        ("data_dir", ["data"]),
        ("audience", True),
        ("priorities", "neglect"),
        ("priorities", {"id": "neglect", "name": "Neglect"}),
        ("content_dir", 3),
        ("data_as_at", 20250602),
        ("status", 1),
        ("output_dir", 7),
    ],
)
def test_wrong_type_is_an_error_naming_file_and_key(tmp_path, key, value):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(**{key: value}), WHERE, root=tmp_path)
    lines = _problems(exc)
    assert any(line.startswith(WHERE) and f"`{key}`" in line for line in lines), lines


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("audience", "both"),  # the command line's option, not a parameter value
        ("audience", "Public"),
        ("status", "published"),
        ("reporting_year", "2024-26"),
        ("reporting_year", "24-25"),
        ("data_as_at", "02/06/2025"),  # UK order is for data files, not this parameter
        ("data_as_at", "2025-02-30"),  # no such day
        ("partnership_name", "   "),
    ],
)
def test_value_outside_the_contract_is_an_error(tmp_path, key, value):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(**{key: value}), WHERE, root=tmp_path)
    assert any(line.startswith(WHERE) and f"`{key}`" in line for line in _problems(exc))


def test_parameter_error_is_an_assurance_error_with_exit_status_2(tmp_path):
    with pytest.raises(AssuranceError) as exc:
        validate_values(_with(audience="both"), WHERE, root=tmp_path)
    assert isinstance(exc.value, ParameterError)
    assert exc.value.exit_status == 2


def test_reporting_year_with_trailing_newline_is_an_error(tmp_path):
    # YAML `reporting_year: |` followed by an indented 2024-25 gives "2024-25\n".
    with pytest.raises(ParameterError):
        validate_values(_with(reporting_year="2024-25\n"), WHERE, root=tmp_path)


# ---------------------------------------------------------------- unknown and missing names


def test_unknown_name_is_an_error_naming_file_and_key(tmp_path):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(colour="red"), WHERE, root=tmp_path)
    (line,) = _problems(exc)
    assert line.startswith(WHERE)
    assert "`colour`" in line


def test_misspelt_name_suggests_the_real_one(tmp_path):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(suppresion_threshold=5), WHERE, root=tmp_path)
    assert "suppresion_threshold" in str(exc.value)
    assert "suppression_threshold" in str(exc.value)


@pytest.mark.parametrize("key", REQUIRED)
def test_missing_required_name_is_an_error(tmp_path, key):
    raw = {k: v for k, v in MINIMAL.items() if k != key}
    with pytest.raises(ParameterError) as exc:
        validate_values(raw, WHERE, root=tmp_path)
    assert any(f"`{key}`" in line and "missing" in line for line in _problems(exc))


@pytest.mark.parametrize("key", REQUIRED)
def test_blank_required_value_is_an_error(tmp_path, key):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(**{key: None}), WHERE, root=tmp_path)
    assert any(f"`{key}`" in line for line in _problems(exc))


def test_blank_optional_values_take_their_defaults(tmp_path):
    raw = _with(suppression_threshold=None, status=None, trend_years=None, data_as_at=None)
    p = validate_values(raw, WHERE, root=tmp_path)
    assert (p.suppression_threshold, p.status, p.trend_years, p.data_as_at) == (5, "draft", 4, None)


def test_empty_text_for_an_optional_value_takes_its_default(tmp_path):
    # a notebook's parameters cell writes "" for the paths and date it leaves unset
    p = validate_values(_with(content_dir="", output_dir="", data_as_at=""), WHERE, root=tmp_path)
    assert (p.content_dir, p.output_dir, p.data_as_at) == (None, None, None)
    assert p.content_path == tmp_path / "content" / "2024-25"


@pytest.mark.parametrize("key", ["reporting_year", "partnership_name", "data_dir", "audience"])
def test_empty_text_for_a_required_value_is_an_error(tmp_path, key):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(**{key: ""}), WHERE, root=tmp_path)
    assert any(f"`{key}`" in line for line in _problems(exc))


def test_every_problem_is_reported_at_once(tmp_path):
    raw = _with(colour="red", suppression_threshold=3, status=True)
    del raw["audience"]
    with pytest.raises(ParameterError) as exc:
        validate_values(raw, WHERE, root=tmp_path)
    lines = _problems(exc)
    # four independent problems: unknown key, value too small, wrong type, missing key
    assert len(lines) == 4, lines
    for key in ("colour", "suppression_threshold", "status", "audience"):
        assert sum(f"`{key}`" in line for line in lines) == 1, (key, lines)
    assert all(line.startswith(WHERE) for line in lines)


def test_not_a_mapping_is_an_error(tmp_path):
    with pytest.raises(ParameterError, match="mapping"):
        validate_values(["reporting_year"], WHERE, root=tmp_path)


# ---------------------------------------------------------------- priorities


@pytest.mark.parametrize(
    "priorities",
    [
        [],  # at least one is needed
        [{"id": "neglect"}],  # no name
        [{"id": "neglect", "name": "Neglect", "lead": "Police"}],  # an extra key
        [{"id": "Early Help", "name": "Early help"}],  # id must be lower_snake
        [{"id": "neglect", "name": "  "}],  # blank name
        [{"id": "neglect", "name": "A"}, {"id": "neglect", "name": "B"}],  # duplicate id
        ["neglect"],  # not a mapping
    ],
)
def test_bad_priorities_are_errors(tmp_path, priorities):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(priorities=priorities), WHERE, root=tmp_path)
    assert any("priorities" in line and line.startswith(WHERE) for line in _problems(exc))


# ---------------------------------------------------------------- load_params


def test_load_params_reads_a_yaml_file(tmp_path):
    path = tmp_path / "2024-25.yaml"
    path.write_text(MINIMAL_YAML, encoding="utf-8")
    p = load_params(path)
    assert p.reporting_year == "2024-25"
    assert p.priority_ids == ["early_help", "neglect"]
    assert p.source == path.resolve()


def test_load_params_accepts_an_unquoted_yaml_date(tmp_path):
    # YAML reads `data_as_at: 2025-06-02` as a date object, not text.
    path = tmp_path / "2024-25.yaml"
    path.write_text(MINIMAL_YAML + "data_as_at: 2025-06-02\n", encoding="utf-8")
    p = load_params(path)
    assert p.data_as_at == "2025-06-02"
    assert p.as_at == dt.date(2025, 6, 2)


def test_load_params_tolerates_a_byte_order_mark(tmp_path):
    path = tmp_path / "2024-25.yaml"
    path.write_text(MINIMAL_YAML, encoding="utf-8-sig")
    assert load_params(path).partnership_name == "Northbrook Partnership"


def test_load_params_errors_name_the_file_and_every_key(tmp_path):
    path = tmp_path / "2024-25.yaml"
    path.write_text(
        MINIMAL_YAML + "colour: red\nsuppression_threshold: true\nstatus: published\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as exc:
        load_params(path)
    lines = _problems(exc)
    assert len(lines) == 3, lines
    for key, line in zip(("colour", "suppression_threshold", "status"), lines, strict=True):
        assert line.startswith(str(path))
        assert f"`{key}`" in line


def test_load_params_missing_file(tmp_path):
    path = tmp_path / "1999-00.yaml"
    with pytest.raises(ParameterError, match="not found") as exc:
        load_params(path)
    assert str(path) in str(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        "reporting_year: [unclosed\n",  # not YAML
        "- a\n- b\n",  # a list, not a mapping
        "",  # empty
    ],
)
def test_load_params_unreadable_file(tmp_path, text):
    path = tmp_path / "2024-25.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as exc:
        load_params(path)
    assert str(path) in str(exc.value)


def test_params_for_year(tmp_path):
    assert params_for_year("2024-25", tmp_path) == tmp_path / "params" / "2024-25.yaml"


# ---------------------------------------------------------------- for_notebook


def test_for_notebook_gives_absolute_paths_and_json_values(tmp_path):
    p = validate_values(_with(data_as_at="2025-06-02"), WHERE, root=tmp_path)
    values = p.for_notebook(tmp_path / "stage", audience="internal")
    assert values["data_dir"] == str(tmp_path / "data" / "demo")
    assert values["content_dir"] == str(tmp_path / "content" / "2024-25")
    assert values["output_dir"] == str(tmp_path / "stage")
    assert values["audience"] == "internal"
    assert values["data_as_at"] == "2025-06-02"
    assert set(values) == CONTRACT_PARAMETERS
    json.dumps(values)  # papermill needs JSON values (a date object would fail here)
    # the injected values pass the same checks as a parameters file
    again = validate_values(values, "notebook parameters", root=tmp_path)
    assert isinstance(again, Params)
    assert Path(again.data_dir).is_absolute()


# ---------------------------------------------------------------- bounded parameters


@pytest.mark.parametrize("label", ["9999-00", "1989-90", "2100-01", "0000-01"])
def test_implausible_reporting_year_is_a_value_error(label):
    with pytest.raises(ValueError, match="not a plausible reporting year"):
        ReportingYear.parse(label)


def test_first_and_last_plausible_reporting_years():
    assert ReportingYear.parse("1990-91").start == dt.date(1990, 4, 1)
    assert ReportingYear.parse("2099-00").end == dt.date(2100, 3, 31)


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("reporting_year", "9999-00", "not a plausible reporting year"),
        ("data_as_at", "0001-01-01", "between 1 January 1990 and 31 December 2100"),
        ("data_as_at", "2101-01-01", "between 1 January 1990 and 31 December 2100"),
        ("trend_years", 21, "from 1 to 20"),
        ("trend_years", 10**30, "from 1 to 20"),
        ("notify_working_days", 366, "from 1 to 365"),
        ("rapid_review_working_days", 10**9, "from 1 to 365"),
        ("lcspr_months", 121, "from 1 to 120"),
        ("suppression_threshold", 1001, "from 5 to 1,000"),
    ],
)
def test_numbers_out_of_range_are_errors_naming_the_key(tmp_path, key, value, says):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(**{key: value}), WHERE, root=tmp_path)
    (line,) = _problems(exc)
    assert line.startswith(WHERE) and f"`{key}`" in line and says in line


def test_the_largest_values_allowed_are_accepted(tmp_path):
    p = validate_values(
        _with(
            trend_years=20, notify_working_days=365, lcspr_months=120, suppression_threshold=1000
        ),
        WHERE,
        root=tmp_path,
    )
    assert (p.trend_years, p.lcspr_months) == (20, 120)


def test_a_huge_value_is_quoted_short(tmp_path):
    with pytest.raises(ParameterError) as exc:
        validate_values(_with(partnership_name=["x" * 10_000] * 1000), WHERE, root=tmp_path)
    assert len(str(exc.value)) < 300


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "2024-25.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_key_given_twice_is_an_error_naming_key_and_lines(tmp_path):
    # safe_load would keep the second value and silently switch to the internal edition
    path = write(tmp_path, MINIMAL_YAML + "audience: internal\n")
    with pytest.raises(ParameterError) as exc:
        load_params(path)
    assert str(exc.value) == (
        f"{path}, line 10: key `audience` is given twice (first on line 4): give each "
        "parameter once"
    )


def test_a_key_given_twice_inside_a_priority_is_an_error_too(tmp_path):
    text = MINIMAL_YAML.replace("    name: Neglect\n", "    name: Neglect\n    name: Harm\n")
    with pytest.raises(
        ParameterError, match=r"line 10: key `name` is given twice \(first on line 9\)"
    ):
        load_params(write(tmp_path, text))


def test_quoted_and_plain_spellings_of_one_key_are_the_same_key(tmp_path):
    with pytest.raises(ParameterError, match="key `audience` is given twice"):
        load_params(write(tmp_path, MINIMAL_YAML + '"audience": internal\n'))


def test_the_billion_laughs_file_is_refused_at_once(tmp_path):
    import time

    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    # 9**9 (387 million) strings once expanded, in a file of under 1 KB
    bomb = "\n".join(lines) + "\n" + MINIMAL_YAML.replace("partnership_name:", "old:")
    bomb += "partnership_name: *i\n"
    start = time.monotonic()
    with pytest.raises(ParameterError) as exc:
        load_params(write(tmp_path, bomb))
    assert time.monotonic() - start < 1.0
    assert ", line 1: an anchor (&a)" in str(exc.value)
    assert "aliases and anchors are not allowed" in str(exc.value)


def test_an_alias_is_refused_naming_its_line(tmp_path):
    from safeguarding_assurance.contract.params import read_yaml

    path = write(tmp_path, "a: 1\nb: *x\n")  # an alias to no anchor is refused as an alias
    with pytest.raises(ParameterError, match=r"line 2: an alias \(\*x\)"):
        read_yaml(path)


def test_a_parameters_file_over_1_mb_is_refused_before_parsing(tmp_path, monkeypatch):
    import yaml

    path = write(tmp_path, MINIMAL_YAML + "# " + "x" * 1_000_000 + "\n")
    monkeypatch.setattr(yaml.SafeLoader, "__init__", lambda *a: pytest.fail("parsed"))
    with pytest.raises(ParameterError) as exc:
        load_params(path)
    assert "a parameters file may be at most 1,000,000 bytes" in str(exc.value)
    assert str(path) in str(exc.value)


@pytest.mark.parametrize(
    ("line", "key", "says"),
    [
        ("status: !!python/object/apply:os.system ['true']\n", "status", "could not determine"),
        ("data_as_at: 2025-13-45\n", "data_as_at", "the value cannot be read"),
        ("output_dir: !!binary 'not base64 ~'\n", "output_dir", "the value cannot be read"),
        ("status: !!set {a, b}\n", "status", "must be text"),
        ("trend_years: .inf\n", "trend_years", "must be a whole number"),
        ("trend_years: 1e309\n", "trend_years", "must be a whole number"),
    ],
)
def test_unsupported_yaml_values_name_the_file_and_key(tmp_path, line, key, says):
    path = write(tmp_path, MINIMAL_YAML + line)
    with pytest.raises(ParameterError) as exc:
        load_params(path)
    (problem,) = _problems(exc)
    assert problem.startswith(str(path)) and f"`{key}`" in problem and says in problem
    assert exc.value.exit_status == 2


def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "2024-25.yaml"
    path.write_bytes(MINIMAL_YAML.encode("utf-16"))
    with pytest.raises(ParameterError, match="not UTF-8"):
        load_params(path)
