"""Time the training chapter at scale 1 and scale 20 (about a million rows) in one process run.

Three figures per scale, each the median of several repeats, interleaved between the
two scales so that drift on the machine affects both sides of a ratio alike:

- load: ``inputs.load.load_tables`` for ``training`` and ``workforce`` with a warm parquet cache
  (the first, cold load is printed once; loading is the io module's concern);
- measures: every figure the chapter computes (facts for this year and last, the
  trend, and every section's table), no charts;
- sections: every ``show_*`` section function with a silent publisher (measures,
  charts rendered to PNG, tables written), as the notebook runs them, less display.

With ``--notebook`` it also runs notebooks/03_training.ipynb through papermill's Python
API at both scales (the parquet cache then lives under the repository's
``outputs/scratch/cache``, as in a real run). Nothing here fails: it prints the times
and ratios and whether the target (scale 20 within twice scale 1) is met.

    .venv/bin/python benchmarks/bench_training.py [--repeats 3] [--notebook]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from safeguarding_assurance.contract.params import Params, validate_values
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.measures import training as trn
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.present.chapters import training as chapter_training
from safeguarding_assurance.present.charts.style import apply_theme
from safeguarding_demo.generate import write_demo_data

ROOT = Path(__file__).resolve().parents[1]
YEAR = "2024-25"
SCALES = (1, 20)
SECTIONS = [
    "show_overview",
    "show_completions_by_month",
    "show_completions_by_delivery",
    "show_completions_by_topic",
    "show_completions_by_sector_and_agency",
    "show_reach",
    "show_attendance",
    "show_confidence",
    "show_gcp2",
    "show_trend",
]


def make_params(data_dir: Path, root: Path) -> Params:
    return validate_values(
        {
            "reporting_year": YEAR,
            "partnership_name": "Benchmark partnership",
            "data_dir": str(data_dir),
            "audience": "public",
            "priorities": [{"id": "neglect", "name": "Neglect"}],
            "trend_years": 4,
        },
        "benchmark parameters",
        root=root,
    )


def compute_measures(tables: SimpleNamespace, params: Params) -> None:
    """Compute every figure the chapter's sections compute, once each, without drawing.

    As the chapter does: the register is prepared once (text as categoricals), and the
    trend's yearly summaries include this year's and last year's, from which the facts
    block and headline table are taken.
    """
    t, w, year = trn.prepare_training(tables.training), tables.workforce, params.year
    trn.trend_training(t, w, year, params.trend_years)
    for y in (year, year.previous()):
        trn.count_completions_by_month(t, y)
        for column in ("delivery", "topic", "sector", "agency"):
            trn.count_completions_by(t, y, column)
        trn.summarise_attendance_by_delivery(t, y)
        trn.measure_reach_by_agency(t, w, y)
        trn.measure_reach(t, w, y)
        trn.summarise_confidence(t, y)
    trn.count_confidence_scores(t, year)


def run_sections(tables: SimpleNamespace, params: Params, out: Path) -> None:
    """Run every section function and render what it shows, as a notebook displays it."""
    chapter_training.clear_cache()  # time a cold chapter, as a fresh notebook kernel runs it
    chapter = Chapter(params=params, layout=OutputLayout(out))
    for name in SECTIONS:
        getattr(chapter_training, name)(chapter, tables)._repr_mimebundle_()


def make_repository(folder: Path) -> Path:
    """A throw-away repository root (``pyproject.toml`` and the notebook) for notebook runs.

    Run from there, the notebook's loader keeps its parquet cache under this folder's
    ``outputs/scratch``, not the real repository's.
    """
    (folder / "notebooks").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "pyproject.toml", folder / "pyproject.toml")
    shutil.copy2(ROOT / "notebooks" / "03_training.ipynb", folder / "notebooks")
    return folder


def run_notebook(params: Params, repo: Path, out: Path) -> None:
    """Run the chapter notebook through papermill's Python API, as the runner does."""
    import papermill as pm

    out.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        str(repo / "notebooks" / "03_training.ipynb"),
        str(out / "03_training.ipynb"),
        parameters=params.for_notebook(out),
        cwd=str(repo),
        progress_bar=False,
        log_output=False,
    )


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--notebook", action="store_true", help="also time the notebook")
    args = parser.parse_args(argv)
    apply_theme()

    with tempfile.TemporaryDirectory(prefix="bench_training_") as tmp:
        work = Path(tmp)
        params: dict[int, Params] = {}
        tables: dict[int, SimpleNamespace] = {}
        for scale in SCALES:
            data = work / f"scale{scale}"
            made = seconds(lambda d=data, s=scale: write_demo_data(d, scale=s))
            params[scale] = make_params(data, work / f"root{scale}")
            cold = seconds(lambda p=params[scale]: load_tables(p, ["training", "workforce"]))
            loaded = load_tables(params[scale], ["training", "workforce"])
            tables[scale] = SimpleNamespace(training=loaded.training, workforce=loaded.workforce)
            print(
                f"scale {scale:>2}: {len(loaded.training):>9,} training rows; demo data "
                f"{made:.1f} s; first (cold) load {cold:.2f} s",
                flush=True,
            )

        times: dict[str, dict[int, list[float]]] = {
            k: {s: [] for s in SCALES} for k in ("load", "measures", "sections", "notebook")
        }
        for i in range(args.repeats):
            for scale in SCALES:
                p, t = params[scale], tables[scale]
                times["load"][scale].append(
                    seconds(lambda p=p: load_tables(p, ["training", "workforce"]))
                )
                times["measures"][scale].append(seconds(lambda t=t, p=p: compute_measures(t, p)))
                out = work / f"out{scale}_{i}"
                times["sections"][scale].append(
                    seconds(lambda t=t, p=p, o=out: run_sections(t, p, o))
                )
        if args.notebook:
            repo = make_repository(work / "repo")
            for scale in SCALES:  # once untimed, to fill the loader's cache
                run_notebook(params[scale], repo, work / f"nb{scale}_warm")
            for i in range(args.repeats):
                for scale in SCALES:
                    out = work / f"nb{scale}_{i}"
                    times["notebook"][scale].append(
                        seconds(lambda p=params[scale], o=out: run_notebook(p, repo, o))
                    )

    print(f"\nmedian of {args.repeats} (seconds)     scale 1   scale 20   ratio")
    for kind, label in (
        ("load", "load (warm cache)"),
        ("measures", "measures only"),
        ("sections", "sections (with charts)"),
        ("notebook", "notebook (papermill)"),
    ):
        if not times[kind][1]:
            continue
        one, twenty = (statistics.median(times[kind][s]) for s in SCALES)
        print(f"{label:<30} {one:8.3f} {twenty:10.3f} {twenty / one:7.2f}")
    if times["notebook"][1]:
        label = "whole notebook"
        one, twenty = (statistics.median(times["notebook"][s]) for s in SCALES)
    else:
        label = "load + sections"
        one, twenty = (
            statistics.median(times["load"][s]) + statistics.median(times["sections"][s])
            for s in SCALES
        )
    ratio = twenty / one
    verdict = "met" if ratio <= 2 else "NOT met"
    print(f"\n{label}: scale 20 / scale 1 = {ratio:.2f} (target: at most 2; {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
