"""The one loader: validated frames, every problem at once, and the cache of valid tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from safeguarding_assurance.contract.params import Params, Priority
from safeguarding_assurance.contract.schemas import SCHEMAS
from safeguarding_assurance.errors import DataError
from safeguarding_assurance.inputs import cache as cache_module
from safeguarding_assurance.inputs import load as loader
from safeguarding_assurance.inputs import read as sio
from safeguarding_assurance.inputs import validate as validation

VALID = Path(__file__).resolve().parents[1] / "data" / "bad_input" / "valid"
WORKFORCE_HEADER = "reporting_year,agency,sector,staff"


def params_for(
    root: Path, data: Path, priorities=("early_help", "neglect", "harm_outside_home")
) -> Params:
    return Params(
        reporting_year="2024-25",
        partnership_name="Test",
        data_dir=str(data),
        audience="internal",
        priorities=tuple(Priority(p, p.title()) for p in priorities),
        data_as_at="2025-06-02",
        root=root,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    return folder


def raw(tmp_path: Path, content: bytes, name: str = "workforce.csv") -> sio.RawTable:
    path = tmp_path / name
    path.write_bytes(content)
    return sio.read_raw_table(path, name.split(".")[0])


# ---------------------------------------------------------------- how a CSV was saved


# ---------------------------------------------------------------- Excel workbooks


# ---------------------------------------------------------------- finding files


# ---------------------------------------------------------------- load_tables


def test_load_tables_returns_the_documented_frames(tmp_path, data):
    tables = loader.load_tables(params_for(tmp_path, data))
    reviews = tables.reviews
    assert list(reviews.columns) == SCHEMAS["reviews"].column_names
    assert str(reviews["notification_date"].dtype) == "datetime64[us]"
    assert str(reviews["age_years"].dtype) == "Int64"
    assert reviews["decision"].tolist() == ["lcspr", "no_lcspr", "pending"]
    assert pd.isna(reviews.loc[2, "rapid_review_date"])
    assert pd.isna(reviews.loc[2, "themes"])
    assert str(tables.indicator_values["target"].dtype) == "float64"
    assert tables.rows["reviews"].tolist() == [2, 3, 4]
    assert tables.warnings == []


def test_load_tables_reads_what_a_table_refers_to(tmp_path, data):
    tables = loader.load_tables(params_for(tmp_path, data), ["recommendations"])
    assert tables.recommendations is not None and tables.reviews is not None
    assert tables.training is None


def test_load_tables_rejects_an_unknown_table_name(tmp_path, data):
    with pytest.raises(ValueError, match="unknown table"):
        loader.load_tables(params_for(tmp_path, data), ["reveiws"])


def test_load_tables_raises_data_error_and_writes_the_list(tmp_path, data):
    text = (data / "workforce.csv").read_text().replace("500", "lots")
    (data / "workforce.csv").write_text(text)
    with pytest.raises(DataError) as info:
        loader.load_tables(params_for(tmp_path, data), ["workforce"])
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("workforce.csv", 2, "staff")
    assert info.value.scratch_path.parent == tmp_path / "outputs" / "scratch"
    assert "lots" in info.value.scratch_path.read_text(encoding="utf-8-sig")


# ---------------------------------------------------------------- the cache


def test_second_load_comes_from_the_cache(tmp_path, data, monkeypatch):
    params = params_for(tmp_path, data)
    first = loader.load_tables(params, ["training"])
    assert list((tmp_path / "outputs" / "scratch" / "cache").glob("training-*.parquet"))

    def fail(*args, **kwargs):
        raise AssertionError("the table was checked again")

    monkeypatch.setattr(validation, "check_table", fail)
    again = loader.load_tables(params, ["training"])
    pd.testing.assert_frame_equal(first.training, again.training)
    assert again.rows["training"].tolist() == [2, 3, 4, 5]


def test_cache_is_not_used_when_the_file_or_priorities_change(tmp_path, data, monkeypatch):
    params = params_for(tmp_path, data)
    loader.load_tables(params, ["actions"])
    calls: list[str] = []
    real = validation.check_table

    def counting(table, raw_table):
        calls.append(table)
        return real(table, raw_table)

    monkeypatch.setattr(validation, "check_table", counting)
    text = (data / "actions.csv").read_text().replace("Audit neglect", "Audit all neglect")
    (data / "actions.csv").write_text(text)
    loader.load_tables(params, ["actions"])
    assert calls == ["actions"]
    # the priority rule depends on the parameters: new ids mean a new check (and here
    # an error, as the actions' priorities are no longer among them)
    with pytest.raises(DataError):
        loader.load_tables(params_for(tmp_path, data, priorities=("other",)), ["actions"])
    assert calls == ["actions", "actions"]


def test_a_valid_table_is_cached_even_when_another_fails(tmp_path, data):
    (data / "reviews.csv").write_text("case_ref\n")
    with pytest.raises(DataError):
        loader.load_tables(params_for(tmp_path, data))
    cached = {
        p.name.split("-")[0] for p in (tmp_path / "outputs" / "scratch" / "cache").glob("*.parquet")
    }
    assert "training" in cached and "reviews" not in cached


def test_the_cache_keeps_only_the_newest_copies(tmp_path, data, monkeypatch):
    monkeypatch.setattr(cache_module, "CACHE_KEEP", 2)
    params = params_for(tmp_path, data)
    # three versions of workforce.csv give three cache keys; the oldest copy goes
    for staff in ("501", "502", "503"):
        text = (VALID / "workforce.csv").read_text().replace("500", staff)
        (data / "workforce.csv").write_text(text)
        loader.load_tables(params, ["workforce"])
    cache = tmp_path / "outputs" / "scratch" / "cache"
    assert len(list(cache.glob("workforce-*.parquet"))) == 2
    assert len(list(cache.glob("workforce-*.json"))) == 2
