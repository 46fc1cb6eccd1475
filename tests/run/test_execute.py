import io
import threading
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.errors import RunLockedError
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.run.execute import (
    Dispatcher,
    cell_error,
    job_notebooks,
    large_tables,
    registers_needed,
)
from safeguarding_assurance.run.jobs import new_job
from safeguarding_assurance.run.locks import run_lock
from safeguarding_assurance.run.plan import notebook_paths
from safeguarding_assurance.run.progress import Progress
from safeguarding_assurance.run.publish import keep_failed, publish_staging

PARAMS = {
    "reporting_year": "2024-25",
    "partnership_name": "Test partnership",
    "data_dir": "data",
    "audience": "public",
    "priorities": [{"id": "neglect", "name": "Neglect"}],
}


def _params(root: Path):
    return validate_values(PARAMS, "test", root=root)


def _job(root: Path, out: Path):
    return new_job(
        _params(root),
        "public",
        OutputLayout(out),
        fingerprint="f",
        warnings=[],
        published_last=None,
        inputs=[{"table": "actions", "file": "actions.csv", "sha256": "0" * 64, "rows": 1}],
    )


def test_second_run_of_same_year_and_audience_is_refused(tmp_path):
    with run_lock(OutputLayout(tmp_path), "2024-25", "public"):
        with pytest.raises(RunLockedError, match="2024-25 \\(public\\) is under way"):
            with run_lock(OutputLayout(tmp_path), "2024-25", "public"):
                pass
        # another audience is a different run and may go ahead
        with run_lock(OutputLayout(tmp_path), "2024-25", "internal"):
            pass
    with run_lock(OutputLayout(tmp_path), "2024-25", "public"):  # released after the first finished
        pass


def test_publish_replaces_previous_output_only_at_the_end(tmp_path):
    job = _job(tmp_path, tmp_path / "outputs")
    final = tmp_path / "outputs" / "2024-25" / "public"
    final.mkdir(parents=True)
    (final / "old.txt").write_text("old")
    assert job.staging.is_relative_to(tmp_path / "outputs" / "scratch")
    (job.staging / "report.html").write_text("new")
    publish_staging(job)
    assert (final / "report.html").read_text() == "new"
    assert not (final / "old.txt").exists()
    assert not job.staging.exists()


def test_failed_run_keeps_notebooks_in_scratch_and_leaves_output(tmp_path):
    out = tmp_path / "outputs"
    final = out / "2024-25" / "public"
    final.mkdir(parents=True)
    (final / "report.html").write_text("previous")
    job = _job(tmp_path, out)
    (job.staging / "notebooks" / "01_x.ipynb").write_text("{}")
    kept = keep_failed(job)
    assert kept == out / "scratch" / "failed" / "2024-25-public"
    assert (kept / "01_x.ipynb").is_file()
    assert (final / "report.html").read_text() == "previous"
    assert not job.staging.exists()


def test_cell_error_names_cell_and_error():
    class Fake(Exception):
        cell_index = 6
        ename = "ValueError"
        evalue = "planted\nsecond line"

    assert cell_error(Fake()) == "cell 7 raised ValueError: planted"


def test_progress_prints_each_notebook_and_its_time():
    stream = io.StringIO()
    with Progress(stream=stream) as progress:
        progress.start("2024-25 public 01_priorities")
        progress.finish("2024-25 public 01_priorities", 3.25, ok=True)
        progress.finish("2024-25 public 02_reviews", 1.0, ok=False)
    text = stream.getvalue()
    assert "started  2024-25 public 01_priorities" in text
    assert "01_priorities (3.2 s)" in text
    assert "FAILED" in text and "02_reviews" in text


def test_notebooks_are_found_in_report_order():
    root = Path(__file__).resolve().parents[2]
    names = [p.stem for p in notebook_paths(root)]
    assert names == sorted(names)
    # national reviews right after the local reviews; audits after training (evidence of
    # impact); feedback, then funding
    assert names == [
        "01_priorities",
        "02_reviews",
        "02_reviews_national",
        "03_training",
        "04_audits",
        "05_feedback",
        "06_funding",
        "09_data_quality",  # the data it rests on, after the chapters
    ]


def test_each_register_chapter_names_its_register_and_the_rest_none():
    root = Path(__file__).resolve().parents[2]
    needed = {p.stem: registers_needed(p) for p in notebook_paths(root)}
    assert needed == {
        "01_priorities": frozenset(),
        "02_reviews": frozenset(),
        "02_reviews_national": {"national_actions"},
        "03_training": frozenset(),
        "04_audits": {"audits"},
        "05_feedback": {"feedback"},
        "06_funding": {"funding"},
        "09_data_quality": frozenset(),
    }


def test_a_job_runs_only_the_chapters_whose_registers_were_supplied(tmp_path):
    root = Path(__file__).resolve().parents[2]
    notebooks = notebook_paths(root)
    job = _job(tmp_path, tmp_path / "outputs")
    # _job hands over actions.csv only: no optional register was supplied
    assert [p.stem for p in job_notebooks(job, notebooks)] == [
        "01_priorities",
        "02_reviews",
        "03_training",
        "09_data_quality",
    ]
    job.supplied = frozenset({"actions", "funding", "audits"})
    assert [p.stem for p in job_notebooks(job, notebooks)][-3:-1] == ["04_audits", "06_funding"]


def test_registers_needed_reads_notebook_metadata(tmp_path):
    path = tmp_path / "09_x.ipynb"
    path.write_text('{"metadata": {"registers": ["feedback"]}, "cells": []}', encoding="utf-8")
    assert registers_needed(path) == {"feedback"}
    path.write_text('{"metadata": {}, "cells": []}', encoding="utf-8")
    assert registers_needed(path) == frozenset()
    path.write_text("not json", encoding="utf-8")
    assert registers_needed(path) == frozenset()  # runs, and fails where it can be seen


def test_the_notebooks_holding_the_training_register_are_named_in_their_metadata():
    root = Path(__file__).resolve().parents[2]
    holding = {p.stem for p in notebook_paths(root) if large_tables(p)}
    assert holding == {"03_training", "09_data_quality"}
    assert large_tables(root / "notebooks" / "03_training.ipynb") == {"training"}


def _dispatcher(tmp_path, order, holds):
    paths = {name: tmp_path / f"{name}.ipynb" for name in order}
    items = [("job", paths[name]) for name in order]
    return Dispatcher(items, {paths[n]: frozenset(h) for n, h in holds.items()}), paths


def test_the_dispatcher_hands_notebooks_out_in_schedule_order(tmp_path):
    queue, _paths = _dispatcher(tmp_path, ["a", "b", "c"], {})
    taken = [queue.take()[1].stem for _ in range(3)]
    assert taken == ["a", "b", "c"]
    assert queue.take() is None


def test_two_notebooks_holding_the_same_large_register_never_run_at_once(tmp_path):
    # schedule: training, data quality (both hold training), then priorities
    queue, _paths = _dispatcher(
        tmp_path,
        ["train", "quality", "prior"],
        {"train": {"training"}, "quality": {"training"}},
    )
    first = queue.take()
    assert first[1].stem == "train"
    # a second worker skips data quality while training runs, and takes priorities
    assert queue.take()[1].stem == "prior"
    # a third take must wait until training is done: run it in a thread and release it
    got = []
    waiter = threading.Thread(target=lambda: got.append(queue.take()))
    waiter.start()
    waiter.join(timeout=0.3)
    assert waiter.is_alive() and got == []
    queue.done(first)
    waiter.join(timeout=5)
    assert got[0][1].stem == "quality"
    assert queue.take() is None


def test_a_closed_dispatcher_hands_out_nothing_more(tmp_path):
    queue, _ = _dispatcher(tmp_path, ["a", "b"], {})
    queue.close()
    assert queue.take() is None
