"""`make bench`: speed and memory targets, reported as ratios measured in the same run.

Each figure is the median wall time of several runs of a whole command, interleaved so
that a machine's drift affects both sides of a ratio alike. Nothing here fails a build:
it prints the figures and whether each target is met.

  (a) assurance run for one year (HTML and PDF included)
  (b) the bare tools per notebook: papermill CLI, nbconvert CLI, weasyprint CLI
  (c) the floor: start Python and import pandas and seaborn, plus the PDF from finished HTML
  scale 20 (about a million training rows) against scale 1, and peak memory of the process tree
  --all (four years) against one year; an unchanged re-run against a full run

It also prints where the time of one year goes, from the run's own timings (the
``stages`` of its manifest), and the CPU time of (a) against (b). The targets are those
of docs/performance.md; each line says whether it is met.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
YEAR = "2024-25"
PARAMS = ROOT / "params" / f"{YEAR}.yaml"


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


class Timing(NamedTuple):
    """One command: wall seconds, peak resident memory of its tree, CPU seconds of its tree."""

    seconds: float
    peak: int
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> Timing:
    """Run a command; return (wall seconds, peak resident memory of its process tree).

    The CPU time counts the command and every process it waited for (user and system).
    """
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    peak = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    cpu = _children_cpu() - cpu0
    stop.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}"
        )
    return Timing(seconds, peak, cpu)


def run_a(params: Path, out: Path, *extra: str) -> list[str]:
    return [
        str(BIN / "assurance"),
        "run",
        str(params),
        "--force",
        "--quiet",
        "--output-root",
        str(out),
        *extra,
    ]


def bare_tools(work: Path) -> tuple[float, float]:
    """(b): per notebook papermill CLI, nbconvert CLI and weasyprint CLI, as a user would.

    Returns wall and CPU seconds.
    """
    total = cpu = 0.0
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        out = work / nb.name
        html = out.with_suffix(".html")
        for cmd in (
            [str(BIN / "papermill"), str(nb), str(out), "-f", str(PARAMS), "--no-progress-bar"],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
            [str(BIN / "weasyprint"), str(html), str(html.with_suffix(".pdf"))],
        ):
            timing = timed(cmd)
            total += timing.seconds
            cpu += timing.cpu
    return total, cpu


def floor(html: Path, work: Path) -> float:
    """(c): start Python and import pandas and seaborn, plus the PDF from the finished HTML."""
    imports = timed([sys.executable, "-c", "import pandas, seaborn"])[0]
    pdf = timed(
        [
            sys.executable,
            "-c",
            "import sys, logging; logging.disable(logging.WARNING); from weasyprint import HTML; "
            "HTML(sys.argv[1]).write_pdf(sys.argv[2], pdf_variant='pdf/ua-1')",
            str(html),
            str(work / "floor.pdf"),
        ]
    )[0]
    return imports + pdf


def ratio_line(name: str, a: float, b: float, target: str, ok: bool) -> str:
    verdict = "met" if ok else "NOT MET"
    return f"{name:<44} {a:7.2f} s / {b:7.2f} s = {a / b:5.2f}   target {target:<7} {verdict}"


STAGE_NAMES = {
    "validate": "validate and load the inputs",
    "kernel_wait": "waiting for a kernel (all notebooks)",
    "notebooks": "notebooks, first start to last end",
    "read_chapters": "read the executed chapters (overlaps)",
    "report": "HTML report",
    "pdf": "PDF (beside the papers)",
    "papers": "committee paper and spreadsheet",
}


def stage_lines(manifest: dict, wall: float) -> list[str]:
    """Where the time of one run went, in seconds and as shares of its wall time."""
    stages = manifest.get("stages", {})
    lines = [f"stages of one year (run's own timings; {wall:.2f} s wall):"]
    for key, label in STAGE_NAMES.items():
        if key in stages:
            secs = stages[key]
            lines.append(f"  {label:<42} {secs:6.2f} s  {secs / wall:6.1%}")
    critical = sum(stages.get(k, 0.0) for k in ("validate", "notebooks", "report")) + max(
        stages.get("pdf", 0.0), stages.get("papers", 0.0)
    )
    rest = max(0.0, wall - critical)
    label = "start, imports, publish and the rest"
    lines.append(f"  {label:<42} {rest:6.2f} s  {rest / wall:6.1%}")
    lines.append("  each notebook (two run at once):")
    for nb in manifest.get("notebooks", []):
        lines.append(f"    {nb['name']:<40} {nb['seconds']:6.2f} s")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="runs per figure (median quoted)")
    parser.add_argument("--quick", action="store_true", help="skip scale 20 and --all")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="assurance-bench-"))
    try:
        out = work / "outputs"
        a_runs, b_runs, c_runs, a_cpu, b_cpu = [], [], [], [], []
        manifests = []
        for _ in range(args.n):
            timing = timed(run_a(PARAMS, out))
            a_runs.append(timing.seconds)
            a_cpu.append(timing.cpu)
            manifest = out / YEAR / "public" / "manifest.json"
            manifests.append((a_runs[-1], json.loads(manifest.read_text())))
            wall, cpu = bare_tools(work)
            b_runs.append(wall)
            b_cpu.append(cpu)
            c_runs.append(floor(out / YEAR / "public" / "report.html", work))
        a, b, c = (statistics.median(x) for x in (a_runs, b_runs, c_runs))
        ac, bc = statistics.median(a_cpu), statistics.median(b_cpu)
        median_run = sorted(manifests, key=lambda m: m[0])[len(manifests) // 2]
        lines = [
            f"median of {args.n} runs each, on {os.cpu_count()} cores",
            ratio_line("(a) run one year / (b) bare tools", a, b, "<= 0.25", a / b <= 0.25),
            f"{'    CPU time, (a) / (b)':<44} {ac:7.2f} s / {bc:7.2f} s = {ac / bc:5.2f}",
            ratio_line("(a) run one year / (c) floor", a, c, "<= 4", a / c <= 4),
        ]
        stages = stage_lines(median_run[1], median_run[0])
        if not args.quick:
            big = work / "scale20"
            subprocess.run(
                [str(BIN / "assurance-demo-data"), "--out", str(big), "--scale", "20"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            p20 = work / "scale20.yaml"
            p20.write_text(PARAMS.read_text().replace("data_dir: data/demo", f"data_dir: {big}"))
            s1, s20, peaks = [], [], []
            t1, t20 = [], []
            for _ in range(args.n):
                s1.append(timed(run_a(PARAMS, out))[0])
                t1.append(_notebook_seconds(out, "03_training"))
                secs, peak, _ = timed(run_a(p20, work / "out20"))
                s20.append(secs)
                peaks.append(peak)
                t20.append(_notebook_seconds(work / "out20", "03_training"))
            m1, m20 = statistics.median(s1), statistics.median(s20)
            lines.append(
                ratio_line("scale 20 / scale 1 (whole run)", m20, m1, "<= 1.5", m20 / m1 <= 1.5)
            )
            n1, n20 = statistics.median(t1), statistics.median(t20)
            lines.append(
                ratio_line("training notebook, scale 20 / scale 1", n20, n1, "<= 2", n20 / n1 <= 2)
            )
            peak = max(peaks) / 2**30
            lines.append(
                f"{'peak memory, scale 20, whole process tree':<44} {peak:7.2f} GiB"
                f"{'':22}target < 1 GiB {'met' if peak < 1 else 'NOT MET'}"
            )
            all_runs, one_runs, skip_runs = [], [], []
            for _ in range(args.n):
                all_runs.append(
                    timed(
                        [
                            str(BIN / "assurance"),
                            "run",
                            "--all",
                            "--force",
                            "--quiet",
                            "--output-root",
                            str(work / "outall"),
                        ]
                    )[0]
                )
                one_runs.append(timed(run_a(PARAMS, work / "outone"))[0])
                skip_runs.append(
                    timed(
                        [
                            str(BIN / "assurance"),
                            "run",
                            str(PARAMS),
                            "--quiet",
                            "--output-root",
                            str(work / "outone"),
                        ]
                    )[0]
                )
            ma, mo, ms = (statistics.median(x) for x in (all_runs, one_runs, skip_runs))
            lines.append(
                ratio_line("--all (four years) / one year", ma, mo, "<= 2.0", ma / mo <= 2.0)
            )
            lines.append(
                ratio_line("unchanged re-run / full run", ms, mo, "<= 0.05", ms / mo <= 0.05)
            )
            lines.append(
                f"{'unchanged re-run, wall time':<44} {ms:7.2f} s{'':26}target < 0.5 s "
                f"{'met' if ms < 0.5 else 'NOT MET'}"
            )
        print("\n".join([*lines, "", *stages]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _notebook_seconds(out: Path, name: str) -> float:
    manifest = json.loads((out / YEAR / "public" / "manifest.json").read_text())
    return next(n["seconds"] for n in manifest["notebooks"] if n["name"] == name)


if __name__ == "__main__":
    main()
