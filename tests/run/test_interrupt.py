"""Signals, locks and limits of a run, in the process itself (the real runs: tests/integration)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.run import limits
from safeguarding_assurance.run.interrupt import RunInterrupted, Stop, signals_stop
from safeguarding_assurance.run.locks import remove_stale_staging, run_lock, staging_folders

# ---------------------------------------------------------------- the message is true


def test_nothing_published_says_so():
    exc = RunInterrupted(signal.SIGINT)
    assert exc.exit_status == 130
    assert exc.message() == (
        "interrupted (SIGINT): nothing was published; the previous outputs are untouched"
    )


def test_what_was_published_before_the_signal_is_named():
    exc = RunInterrupted(signal.SIGTERM, (Path("/out/2021-22/public"),))
    assert exc.exit_status == 143
    message = exc.message()
    assert message.startswith("interrupted (SIGTERM): published before the interrupt: ")
    assert "/out/2021-22/public" in message
    assert "untouched" in message and "nothing was published" not in message


def test_publishing_is_refused_once_stopped_and_recorded_before():
    stop = Stop()
    with stop.publishing() as allowed:
        assert allowed
        stop.record(Path("a"))
    stop.request(signal.SIGINT)
    with stop.publishing() as allowed:
        assert not allowed
    assert stop.settle() == (Path("a"),)


# ---------------------------------------------------------------- real signals, this process


def test_the_first_signal_raises_and_a_second_is_only_noted():
    stop = Stop()
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(RunInterrupted) as caught, signals_stop(stop):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler runs at once and raises here
        finally:
            os.kill(os.getpid(), signal.SIGINT)  # during clean-up: noted, not raised
            time.sleep(0.1)
    assert caught.value.signum == signal.SIGTERM
    assert stop.requested and stop.signum == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before  # restored


# ---------------------------------------------------------------- stale staging folders


def test_only_staging_folders_of_dead_runs_are_removed(tmp_path):
    layout = OutputLayout(tmp_path)
    dead = layout.staging / "2023-24-public-0123abcd"
    live = layout.staging / "2024-25-internal-89abcdef"
    other = layout.staging / "notes"
    for folder in (dead, live, other):
        (folder / "notebooks").mkdir(parents=True)
    # a live run in another process holds its lock
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from safeguarding_assurance.paths import OutputLayout\n"
            "from safeguarding_assurance.run.locks import run_lock\n"
            "with run_lock(OutputLayout(Path(sys.argv[1])), '2024-25', 'internal'):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert remove_stale_staging(layout) == [dead]
        assert not dead.exists() and live.exists() and other.exists()
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone, its lock with it (even though it was killed): now stale
    assert remove_stale_staging(layout) == [live]
    assert staging_folders(layout, "2024-25", "internal") == []


def test_a_lock_held_here_keeps_its_staging(tmp_path):
    layout = OutputLayout(tmp_path)
    mine = layout.staging / "2024-25-public-00000000"
    mine.mkdir(parents=True)
    with run_lock(layout, "2024-25", "public"):
        assert remove_stale_staging(layout) == []
        assert staging_folders(layout, "2024-25", "public") == [mine]


# ---------------------------------------------------------------- bounds


def test_workers_never_exceed_cores_or_notebooks(monkeypatch):
    monkeypatch.setattr(limits, "cores", lambda: 2)
    assert limits.worker_count(64, 4) == 2
    assert limits.worker_count(64, 1) == 1
    assert limits.worker_count(1, 16) == 1
    assert limits.worker_count(0, 16) == 1


@pytest.mark.parametrize("value", ["0", "-3", "nan", "inf", "ten", ""])
def test_a_time_limit_must_be_seconds_above_zero(value):
    with pytest.raises(ParameterError, match="must be a number of seconds above 0"):
        limits.seconds(value, "--pdf-timeout")


def test_time_limits_come_from_the_environment_or_the_default(monkeypatch):
    monkeypatch.delenv(limits.NOTEBOOK_TIMEOUT_ENV, raising=False)
    assert limits.timeout_from_env(limits.NOTEBOOK_TIMEOUT_ENV, 600.0) == 600.0
    monkeypatch.setenv(limits.NOTEBOOK_TIMEOUT_ENV, " 90 ")
    assert limits.timeout_from_env(limits.NOTEBOOK_TIMEOUT_ENV, 600.0) == 90.0
    monkeypatch.setenv(limits.NOTEBOOK_TIMEOUT_ENV, "soon")
    with pytest.raises(ParameterError, match="ASSURANCE_NOTEBOOK_TIMEOUT"):
        limits.timeout_from_env(limits.NOTEBOOK_TIMEOUT_ENV, 600.0)
