"""The run's typed records: a year to run, one (year, audience) job under way, its outcome."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.paths import INPUTS_HANDOFF, OutputLayout

if TYPE_CHECKING:
    from safeguarding_assurance.report.chapters import ChapterContent


@dataclass
class NotebookOutcome:
    """How one notebook's execution went."""

    name: str
    seconds: float
    outcome: str  # "ok" or "failed"
    error: str | None = None


@dataclass
class RunResult:
    """The outcome of one (year, audience) run, for the summary table and exit status."""

    year: str
    audience: str
    outcome: str  # "ok", "skipped", "failed", "invalid"
    seconds: float
    message: str = ""
    output: Path | None = None
    notebooks: list[NotebookOutcome] = field(default_factory=list)
    exit_status: int = 0


@dataclass(frozen=True)
class YearPlan:
    """A parameters file to run: its parameters and each audience's fingerprint."""

    params: Params
    audiences: tuple[tuple[str, str], ...]  # (audience, fingerprint)


@dataclass
class Job:
    """One (year, audience) run under way, from its staging folder to its result."""

    params: Params
    audience: str
    layout: OutputLayout
    fingerprint: str
    warnings: list[str]
    published_last: dict | None  # last year's facts.json as published before this run
    inputs: list[dict]  # each input file read: file, sha256, rows
    staging: Path
    started_wall: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    started: float = field(default_factory=time.monotonic)
    outcomes: list[NotebookOutcome] = field(default_factory=list)
    chapters: dict[str, ChapterContent] = field(default_factory=dict)  # by notebook stem
    remaining: int = 0  # notebooks still to run
    failed: bool = False
    supplied: frozenset[str] = frozenset()  # the input tables found (optional registers too)
    # wall seconds of each stage (validate, kernel wait, notebooks, report, pdf, papers),
    # from the run's own clocks: the manifest records them and `make bench` prints them
    stages: dict[str, float] = field(default_factory=dict)
    notebooks_started: float | None = None  # when its first notebook started

    def add_stage(self, name: str, seconds: float) -> None:
        """Add ``seconds`` to a stage's total."""
        self.stages[name] = self.stages.get(name, 0.0) + seconds

    @property
    def key(self) -> str:
        """``2024-25 public``: how progress and the summary name this run."""
        return f"{self.params.reporting_year} {self.audience}"

    @property
    def final(self) -> Path:
        """The published folder this run replaces."""
        return self.layout.published(self.params.reporting_year, self.audience)

    def seconds(self) -> float:
        """Time since the job started."""
        return time.monotonic() - self.started


def new_job(
    params: Params,
    audience: str,
    layout: OutputLayout,
    *,
    fingerprint: str,
    warnings: list[str],
    published_last: dict | None,
    inputs: list[dict],
) -> Job:
    """Create the staging folder of one (year, audience) run and hand it its inputs."""
    staging = layout.staging / f"{params.reporting_year}-{audience}-{uuid.uuid4().hex[:8]}"
    (staging / "notebooks").mkdir(parents=True)
    handoff = {row["table"]: {"file": row["file"], "sha256": row["sha256"]} for row in inputs}
    (staging / INPUTS_HANDOFF).write_text(json.dumps(handoff), encoding="utf-8")
    return Job(
        params,
        audience,
        layout,
        fingerprint,
        warnings,
        published_last,
        [{k: v for k, v in row.items() if k != "table"} for row in inputs],
        staging,
        supplied=frozenset(row["table"] for row in inputs),
    )
