"""Operators stopping a real run: real subprocesses of ``assurance run``, real signals.

One year (2024-25, public) is published once; then each test starts
``assurance run --force`` on it, waits until a notebook has started (the progress lines
on stderr), and stops it the way an operator does. Every process the run starts
carries a tag in its environment, so ``/proc`` shows any that survive. A local HTTP
server that the partnership's words link to must see no request in any of these runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import copy_repository, run_cli
from tests.support.http_server import counting_server
from tests.support.processes import parent_of, start_run

pytestmark = pytest.mark.integration

YEAR = "2024-25"
STOPPED = "nothing was published; the previous outputs are untouched"


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def server():
    with counting_server() as (base, counter):
        yield base, counter


@pytest.fixture(scope="module")
def published(tmp_path_factory, server):
    """A repository copy whose 2024-25 public output is published; its words link out."""
    base, _ = server
    repo = copy_repository(tmp_path_factory.mktemp("stopping") / "repo")
    learning = repo / "content" / YEAR / "learning.md"
    learning.write_text(
        learning.read_text(encoding="utf-8")
        + f"\nSee [the panel's chart of review themes]({base}/themes.png).\n",
        encoding="utf-8",
    )
    out = repo / "outputs"
    proc = run_cli("run", "--year", YEAR, "--output-root", str(out), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return {"repo": repo, "out": out, "folder": out / YEAR / "public"}


def start(published, *extra: str, env: dict[str, str] | None = None):
    args = ["run", "--year", YEAR, "--force", "--output-root", str(published["out"]), *extra]
    return start_run(args, cwd=published["repo"], env=env)


def staging(published) -> list[str]:
    folder = published["out"] / "scratch" / "staging"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def stop_mid_run(published, sig: int, *, group: bool):
    """Start a run, signal it once a notebook has started; return what an operator sees."""
    before = digest(published["folder"])
    run = start(published)
    try:
        run.wait_for("started", timeout=300)
        time.sleep(1.0)
        sent = time.monotonic()
        (os.killpg if group else os.kill)(run.proc.pid, sig)
        status, stderr, _ = run.finish(timeout=120)
        seconds = run.exited_at - sent
        left = run.survivors(grace=3.0)
    finally:
        run.kill_survivors()
    return {
        "status": status,
        "stderr": stderr,
        "seconds": seconds,
        "left": left,
        "identical": digest(published["folder"]) == before,
    }


@pytest.mark.parametrize(
    ("sig", "group", "status"),
    [
        (signal.SIGINT, False, 130),  # kill -INT <pid>
        (signal.SIGINT, True, 130),  # Ctrl-C: the terminal signals the whole group
        (signal.SIGTERM, False, 143),  # CI cancellation, timeout, systemd
    ],
    ids=["sigint", "ctrl-c", "sigterm"],
)
def test_a_signal_stops_the_run_and_publishes_nothing(published, sig, group, status):
    seen = stop_mid_run(published, sig, group=group)
    assert seen["status"] == status, seen["stderr"]
    last = seen["stderr"].strip().splitlines()[-1]
    assert last == f"interrupted ({signal.Signals(sig).name}): {STOPPED}"
    assert "Traceback" not in seen["stderr"]
    assert seen["left"] == [], "processes of the run still alive"
    assert staging(published) == []
    assert seen["identical"], "the published output changed"
    assert seen["seconds"] < 15, f"took {seen['seconds']:.1f} s to stop"
    # no notebook reported as failed: they were stopped, not broken
    assert "FAILED" not in seen["stderr"]


def test_kill_9_leaves_no_process_and_the_next_run_clears_its_staging(published):
    before = digest(published["folder"])
    run = start(published)
    try:
        run.wait_for("started", timeout=300)
        time.sleep(1.0)
        os.kill(run.proc.pid, signal.SIGKILL)
        assert run.finish(timeout=30)[0] == -signal.SIGKILL
        # kernels poll for their parent every second, PDF workers five times a second
        assert run.survivors(grace=5.0) == [], "processes outlived the run"
    finally:
        run.kill_survivors()
    left = staging(published)
    assert len(left) == 1 and left[0].startswith(f"{YEAR}-public-")
    assert digest(published["folder"]) == before
    # the next run (here one with nothing to do) removes the dead run's staging folder
    proc = run_cli(
        "run", "--year", YEAR, "--output-root", str(published["out"]), cwd=published["repo"]
    )
    assert proc.returncode == 0, proc.stderr
    assert f"removed  {left[0]}" in proc.stderr
    assert staging(published) == []


def test_sigterm_while_the_report_is_rendered_says_what_was_published(published):
    # the signal lands after the last notebook, while HTML and PDF are made (or just
    # after publishing): whichever it was, the message must be true
    before = digest(published["folder"])
    run = start(published)
    try:
        run.wait_for("done", timeout=300, count=4)  # the last of the four notebooks
        os.kill(run.proc.pid, signal.SIGTERM)
        status, stderr, _ = run.finish(timeout=120)
        assert run.survivors(grace=3.0) == []
    finally:
        run.kill_survivors()
    assert status == 143, stderr
    last = stderr.strip().splitlines()[-1]
    changed = digest(published["folder"]) != before
    if changed:
        assert "published before the interrupt" in last and str(published["folder"]) in last
    else:
        assert last == f"interrupted (SIGTERM): {STOPPED}"
    assert staging(published) == []


def test_jobs_is_capped_at_cores_and_notebooks(published):
    cores = len(os.sched_getaffinity(0))
    run = start(published, "--jobs", "64")
    most_kernels = most_pdf = 0
    try:
        while run.proc.poll() is None:
            # the run's own children (a kernel's short-lived fork shares its command line)
            children = [c for p, c in run.survivors() if parent_of(p) == run.proc.pid]
            most_kernels = max(most_kernels, sum("ipykernel" in c for c in children))
            most_pdf = max(most_pdf, sum("pdf_worker" in c for c in children))
            time.sleep(0.1)
        status, stderr, _ = run.finish(timeout=60)
    finally:
        run.kill_survivors()
    assert status == 0, stderr
    workers = min(cores, 4)
    assert f"--jobs 64: using {workers}" in stderr
    # a kernel for each notebook running and one warming for each: never more than the
    # four notebooks; one PDF worker for the one report
    assert most_kernels <= min(4, 2 * workers)
    assert most_pdf == 1


SLOW_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "slow",
            "metadata": {},
            "outputs": [],
            "source": ["import time\n", "time.sleep(600)"],
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_a_notebook_past_its_time_limit_is_stopped_and_named(published, tmp_path):
    # the chapters are set aside for a notebook that never finishes (so no real chapter,
    # slowed by a busy machine, reaches the short limit first); the limit comes from
    # the environment
    notebooks = published["repo"] / "notebooks"
    aside = tmp_path / "aside"
    aside.mkdir()
    chapters = sorted(notebooks.glob("*.ipynb"))
    for nb in chapters:
        nb.rename(aside / nb.name)
    slow = notebooks / "04_slow.ipynb"
    slow.write_text(json.dumps(SLOW_NOTEBOOK), encoding="utf-8")
    before = digest(published["folder"])
    try:
        t0 = time.monotonic()
        run = start(published, env={"ASSURANCE_NOTEBOOK_TIMEOUT": "5"})
        status, stderr, _ = run.finish(timeout=300)
        seconds = time.monotonic() - t0
        left = run.survivors(grace=3.0)
        run.kill_survivors()
    finally:
        slow.unlink()
        for nb in chapters:
            (aside / nb.name).rename(nb)
    assert status == 1, stderr
    assert (
        "notebook 04_slow failed: it ran longer than its time limit of 5 s, so it was stopped"
        in stderr
    )
    assert "ASSURANCE_NOTEBOOK_TIMEOUT" in stderr
    assert seconds < 120
    assert left == []
    assert digest(published["folder"]) == before
    assert staging(published) == []


def test_a_pdf_past_its_time_limit_is_stopped_and_named(published):
    before = digest(published["folder"])
    run = start(published, "--pdf-timeout", "0.2")
    status, stderr, _ = run.finish(timeout=300)
    left = run.survivors(grace=3.0)
    run.kill_survivors()
    assert status == 1, stderr
    assert "writing report.pdf took longer than its time limit of 0.2 s, so it was stopped" in (
        stderr
    )
    assert left == []
    assert digest(published["folder"]) == before


def test_bad_time_limits_are_refused(published):
    proc = run_cli(
        "run",
        "--year",
        YEAR,
        "--pdf-timeout",
        "0",
        "--output-root",
        str(published["out"]),
        cwd=published["repo"],
    )
    assert proc.returncode == 2
    assert "--pdf-timeout must be a number of seconds above 0" in proc.stderr


def test_nothing_was_fetched_by_any_run(server, published):
    # runs at the end of the module (pytest keeps file order): every run above rendered
    # words that link to the server; none may have called it
    _, counter = server
    markup = (published["folder"] / "report.html").read_text(encoding="utf-8")
    assert "themes.png" in markup  # the link is in the report, as a link
    assert counter.requests == 0 and counter.bytes_sent == 0
