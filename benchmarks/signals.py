"""Signals and bounded work, measured on a real run: seconds to stop, processes left.

For each way an operator stops a run (SIGINT to the main process, Ctrl-C to the whole
process group, SIGTERM, SIGKILL) this starts ``assurance run --year 2024-25 --force`` in a
temporary copy of the repository whose output is already published, waits until a
notebook has started, sends the signal, and reports: exit status, seconds from the
signal to the command's end, processes of the run still alive 3 s later, staging
folders left, whether the published output is byte-identical, and whether a traceback
was printed. It also counts the most processes a run with ``--jobs 64`` had at once.

    .venv/bin/python benchmarks/signals.py [--only NAME ...]

Nothing here fails a build; the integration tests check the same things.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_repository  # noqa: E402
from tests.support.processes import start_run, tagged_processes  # noqa: E402

SCENARIOS = {
    "sigint-main": (signal.SIGINT, False),
    "ctrl-c-group": (signal.SIGINT, True),
    "sigterm": (signal.SIGTERM, False),
    "sigkill": (signal.SIGKILL, False),
}


def digest_tree(folder: Path) -> str:
    """One SHA-256 over every file's path and bytes."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def measure(name: str, repo: Path, out: Path) -> dict:
    """Run one scenario and return what was measured."""
    sig, group = SCENARIOS[name]
    published = out / "2024-25" / "public"
    before = digest_tree(published)
    run = start_run(["run", "--year", "2024-25", "--force", "--output-root", str(out)], cwd=repo)
    run.wait_for("started", timeout=300)
    time.sleep(2.0)
    sent = time.monotonic()
    if group:
        os.killpg(run.proc.pid, sig)
    else:
        os.kill(run.proc.pid, sig)
    try:
        status, stderr, _ = run.finish(timeout=600)
    except Exception:
        status, stderr = None, "".join(run.lines)
    stop = (run.exited_at or time.monotonic()) - sent
    time.sleep(3.0)
    left = tagged_processes(run.tag)
    staging = [p.name for p in (out / "scratch" / "staging").glob("*")]
    result = {
        "scenario": name,
        "exit": status,
        "seconds_to_stop": round(stop, 1),
        "processes_left": len(left),
        "left": [c[:80] for _, c in left],
        "staging_left": len(staging),
        "published_identical": digest_tree(published) == before,
        "traceback": "Traceback" in stderr,
        "last_line": stderr.strip().splitlines()[-1] if stderr.strip() else "",
    }
    run.kill_survivors()
    # the next run's view: a dead run's staging folder, cleaned or not
    return result


def count_jobs_64(repo: Path, out: Path) -> int:
    """The most processes a ``--jobs 64`` run of one year had alive at once."""
    run = start_run(
        ["run", "--year", "2024-25", "--force", "--jobs", "64", "--output-root", str(out)],
        cwd=repo,
    )
    most = 0
    while run.proc.poll() is None:
        most = max(most, len(tagged_processes(run.tag)))
        time.sleep(0.2)
    run.finish(timeout=60)
    return most


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[*SCENARIOS, "jobs64"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repository(Path(tmp) / "repo")
        out = Path(tmp) / "out"
        first = start_run(["run", "--year", "2024-25", "--output-root", str(out)], cwd=repo)
        status, stderr, _ = first.finish(timeout=900)
        if status != 0:
            sys.exit(f"the first run failed:\n{stderr}")
        for name in args.only:
            if name == "jobs64":
                print({"scenario": "jobs64", "most_processes": count_jobs_64(repo, out)})
            else:
                print(measure(name, repo, out), flush=True)
                for p in (out / "scratch" / "staging").glob("*"):
                    import shutil

                    shutil.rmtree(p, ignore_errors=True)


if __name__ == "__main__":
    main()
