"""The optional ``committee:`` block of a parameters file (issue 16).

Every field optional; unknown fields and wrong types are errors naming the file and the
key (``committee.<field>``), like every other parameter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from safeguarding_assurance.contract.committee import Committee, check_committee
from safeguarding_assurance.contract.params import load_params, validate_values
from safeguarding_assurance.errors import ParameterError

BASE = {
    "reporting_year": "2024-25",
    "partnership_name": "Northbrook Partnership",
    "data_dir": "data",
    "audience": "public",
    "priorities": [{"id": "neglect", "name": "Neglect"}],
}
WHERE = "params/2024-25.yaml"


def _params(tmp_path, committee):
    return validate_values({**BASE, "committee": committee}, WHERE, root=tmp_path)


def _error(tmp_path, committee) -> str:
    with pytest.raises(ParameterError) as info:
        _params(tmp_path, committee)
    return str(info.value)


def test_without_the_block_every_field_is_unset(tmp_path):
    p = validate_values(BASE, WHERE, root=tmp_path)
    assert p.committee == Committee()
    assert p.committee.as_json() == {}


def test_a_blank_block_is_the_same_as_none(tmp_path):
    assert _params(tmp_path, None).committee == Committee()
    assert _params(tmp_path, {}).committee == Committee()
    assert _params(tmp_path, {"board": "", "author": None}).committee == Committee()


def test_every_field_is_read(tmp_path):
    p = _params(
        tmp_path,
        {
            "board": " Children's Scrutiny Board ",
            "meeting_date": "2026-01-05",
            "author": "Business manager",
            "lead_officers": ["Director of Children's Services", "Chief Superintendent"],
            "wards": "All",
            "exempt_information": "None",
            "appendices": ["Annual report 2024-25", "Neglect strategy"],
        },
    )
    assert p.committee == Committee(
        board="Children's Scrutiny Board",
        meeting_date="2026-01-05",
        author="Business manager",
        lead_officers=("Director of Children's Services", "Chief Superintendent"),
        wards="All",
        exempt_information="None",
        appendices=("Annual report 2024-25", "Neglect strategy"),
    )


def test_an_unquoted_yaml_date_is_a_meeting_date(tmp_path):
    path = tmp_path / "params" / "2024-25.yaml"
    path.parent.mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    path.write_text(
        'reporting_year: "2024-25"\npartnership_name: N\ndata_dir: data\naudience: public\n'
        "priorities:\n  - id: neglect\n    name: Neglect\n"
        "committee:\n  meeting_date: 2026-01-05\n  lead_officers:\n    - A\n    - B\n",
        encoding="utf-8",
    )
    p = load_params(path)
    assert p.committee.meeting_date == "2026-01-05"
    assert p.committee.lead_officers == ("A", "B")


def test_the_block_is_not_a_notebook_parameter(tmp_path):
    p = _params(tmp_path, {"board": "Scrutiny"})
    assert "committee" not in p.contract_values()
    assert "committee" not in p.for_notebook(tmp_path)


def test_an_unknown_field_names_the_file_and_key_with_a_suggestion(tmp_path):
    message = _error(tmp_path, {"boardd": "Scrutiny"})
    assert WHERE in message
    assert "`committee.boardd`" in message
    assert "did you mean `committee.board`" in message


@pytest.mark.parametrize(
    ("block", "key", "words"),
    [
        ({"board": 3}, "committee.board", "must be text"),
        ({"author": ["a", "b"]}, "committee.author", "must be text"),
        ({"lead_officers": "Director"}, "committee.lead_officers", "must be a list of text"),
        ({"appendices": {"a": 1}}, "committee.appendices", "must be a list of text"),
        ({"lead_officers": ["Director", 7]}, "committee.lead_officers` item 2", "must be text"),
        ({"appendices": ["Report", "  "]}, "committee.appendices` item 2", "must not be blank"),
        ({"meeting_date": "05/01/2026"}, "committee.meeting_date", "YYYY-MM-DD"),
        ({"meeting_date": "2026-02-30"}, "committee.meeting_date", "YYYY-MM-DD"),
        ({"meeting_date": 20260105}, "committee.meeting_date", "YYYY-MM-DD"),
        ({"wards": "All\x07"}, "committee.wards", "control characters"),
        ({"board": "x" * 1001}, "committee.board", "at most 1,000 characters"),
        ({"appendices": ["a"] * 51}, "committee.appendices", "at most 50 items"),
    ],
)
def test_a_wrong_value_names_the_file_and_key(tmp_path, block, key, words):
    message = _error(tmp_path, block)
    assert WHERE in message and f"`{key}" in message and words in message


def test_a_block_that_is_not_a_mapping_is_an_error(tmp_path):
    message = _error(tmp_path, ["board"])
    assert WHERE in message and "key `committee` must be a mapping" in message


def test_every_problem_is_reported_at_once(tmp_path):
    message = _error(tmp_path, {"board": 1, "wardz": "All", "meeting_date": "soon"})
    assert "committee.board" in message
    assert "committee.wardz" in message
    assert "committee.meeting_date" in message


def test_check_committee_accepts_a_datetime_as_a_date():
    problems: list[str] = []
    c = check_committee({"meeting_date": dt.datetime(2026, 1, 5, 18, 30)}, problems)
    assert problems == []
    assert c.meeting_date == "2026-01-05"


def test_as_json_keeps_only_the_fields_given():
    c = Committee(board="Board", lead_officers=("A",))
    assert c.as_json() == {"board": "Board", "lead_officers": ["A"]}
