"""A damaged cache of any shape is rebuilt with a notice, never a crash or a wrong frame."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import Params, Priority
from safeguarding_assurance.inputs import cache
from safeguarding_assurance.inputs import load as loader
from safeguarding_assurance.inputs import validate as validation

VALID = Path(__file__).resolve().parents[1] / "data" / "bad_input" / "valid"


def params_for(root: Path) -> Params:
    return Params(
        reporting_year="2024-25",
        partnership_name="Test",
        data_dir=str(root / "data"),
        audience="internal",
        priorities=tuple(Priority(p, p) for p in ("early_help", "neglect", "harm_outside_home")),
        data_as_at="2025-06-02",
        root=root,
    )


def cached_files(root: Path, table: str) -> tuple[Path, Path]:
    folder = root / "outputs" / "scratch" / "cache"
    (frame,) = folder.glob(f"{table}-*.parquet")
    return frame, frame.with_suffix(".json")


def truncate(frame: Path, meta: Path) -> None:
    frame.write_bytes(frame.read_bytes()[: frame.stat().st_size // 2])


def empty_parquet(frame: Path, meta: Path) -> None:
    frame.write_bytes(b"")


def not_parquet(frame: Path, meta: Path) -> None:
    frame.write_bytes(b"PAR1 this is not a parquet file PAR1")


def meta_is_a_list(frame: Path, meta: Path) -> None:
    meta.write_text("[1, 2, 3]", encoding="utf-8")


def meta_is_not_json(frame: Path, meta: Path) -> None:
    meta.write_text('{"key": ', encoding="utf-8")


def meta_is_binary(frame: Path, meta: Path) -> None:
    meta.write_bytes(b"\xff\xfe\x00\x81")


def meta_warnings_wrong_fields(frame: Path, meta: Path) -> None:
    kept = json.loads(meta.read_text(encoding="utf-8"))
    kept["warnings"] = [{"file": "x.csv", "message": "not a problem's fields"}]
    meta.write_text(json.dumps(kept), encoding="utf-8")


def meta_warnings_wrong_types(frame: Path, meta: Path) -> None:
    kept = json.loads(meta.read_text(encoding="utf-8"))
    kept["warnings"] = [
        {"file": "x.csv", "row": "two", "column": None, "value": None, "rule": "r", "identifier": 0}
    ]
    meta.write_text(json.dumps(kept), encoding="utf-8")


def meta_warnings_not_a_list(frame: Path, meta: Path) -> None:
    kept = json.loads(meta.read_text(encoding="utf-8"))
    kept["warnings"] = "none"
    meta.write_text(json.dumps(kept), encoding="utf-8")


def meta_sheet_not_text(frame: Path, meta: Path) -> None:
    kept = json.loads(meta.read_text(encoding="utf-8"))
    kept["sheet"] = 3
    meta.write_text(json.dumps(kept), encoding="utf-8")


def other_columns(frame: Path, meta: Path) -> None:
    pd.DataFrame({"a": [1, 2], cache.ROW_COLUMN: [2, 3]}).to_parquet(frame, index=False)


def no_row_numbers(frame: Path, meta: Path) -> None:
    pd.read_parquet(frame).drop(columns=cache.ROW_COLUMN).to_parquet(frame, index=False)


def text_row_numbers(frame: Path, meta: Path) -> None:
    df = pd.read_parquet(frame)
    df[cache.ROW_COLUMN] = df[cache.ROW_COLUMN].astype(str)
    df.to_parquet(frame, index=False)


def other_dtypes(frame: Path, meta: Path) -> None:
    df = pd.read_parquet(frame)
    df["staff"] = df["staff"].astype("float64") / 2  # a count that is no longer whole
    df.to_parquet(frame, index=False)


def dates_as_text(frame: Path, meta: Path) -> None:
    df = pd.read_parquet(frame)
    df["reporting_year"] = pd.to_datetime("2024-04-01")  # a text column as dates
    df.to_parquet(frame, index=False)


def frame_is_a_folder(frame: Path, meta: Path) -> None:
    frame.unlink()
    frame.mkdir()


DAMAGE: list[Callable[[Path, Path], None]] = [
    truncate,
    empty_parquet,
    not_parquet,
    meta_is_a_list,
    meta_is_not_json,
    meta_is_binary,
    meta_warnings_wrong_fields,
    meta_warnings_wrong_types,
    meta_warnings_not_a_list,
    meta_sheet_not_text,
    other_columns,
    no_row_numbers,
    text_row_numbers,
    other_dtypes,
    dates_as_text,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_a_damaged_cache_is_rebuilt_with_a_notice(tmp_path, monkeypatch, damage):
    shutil.copytree(VALID, tmp_path / "data")
    params = params_for(tmp_path)
    first = loader.load_tables(params, ["workforce"])
    assert first.notices == []
    damage(*cached_files(tmp_path, "workforce"))

    checks: list[str] = []
    real = validation.check_table
    monkeypatch.setattr(validation, "check_table", lambda t, raw: checks.append(t) or real(t, raw))
    again = loader.load_tables(params, ["workforce"])
    # checked again from the file, the same frame, and a notice that says what happened
    assert checks == ["workforce"]
    pd.testing.assert_frame_equal(first.workforce, again.workforce)
    (notice,) = again.notices
    assert "the cached copy of workforce.csv was damaged" in notice and "rebuilt" in notice
    assert again.warnings == first.warnings  # a notice is not a warning about the data
    # the copy was rebuilt: the next load comes from it, with no notice
    third = loader.load_tables(params, ["workforce"])
    assert checks == ["workforce"] and third.notices == []
    pd.testing.assert_frame_equal(first.workforce, third.workforce)


def test_a_damaged_cache_entry_that_is_a_folder_is_no_crash(tmp_path):
    shutil.copytree(VALID, tmp_path / "data")
    params = params_for(tmp_path)
    first = loader.load_tables(params, ["workforce"])
    frame_is_a_folder(*cached_files(tmp_path, "workforce"))
    again = loader.load_tables(params, ["workforce"])
    pd.testing.assert_frame_equal(first.workforce, again.workforce)


def test_the_cache_keeps_the_sheet_a_workbook_was_read_from(tmp_path):
    from tests.support.workbooks import Sheet, workbook_bytes

    shutil.copytree(VALID, tmp_path / "data")
    rows = [line.split(",") for line in (VALID / "workforce.csv").read_text().splitlines()]
    (tmp_path / "data" / "workforce.csv").unlink()
    old = Sheet("old", rows[:2], state="hidden")
    (tmp_path / "data" / "workforce.xlsx").write_bytes(
        workbook_bytes(old, Sheet("Staff 2025", rows))
    )
    params = params_for(tmp_path)
    first = loader.load_tables(params, ["workforce"])
    again = loader.load_tables(params, ["workforce"])  # from the cache
    assert first.sources["workforce"].sheet == again.sources["workforce"].sheet == "Staff 2025"
    assert [w.rule for w in first.warnings] == [w.rule for w in again.warnings]
    assert any("`old` (hidden)" in w.rule for w in again.warnings)
