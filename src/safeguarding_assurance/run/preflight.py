"""Checks before a run: the input data against the contract, and the partnership's words.

Kept apart from the runner so ``assurance validate`` never loads papermill or nbconvert.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from typing import Any

from safeguarding_assurance.contract.facts import facts_skeleton, optional_skeleton
from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.errors import AssuranceError, DataError, OutputRootError
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.placeholders import placeholder_skeleton
from safeguarding_assurance.report.committee import check_committee_content
from safeguarding_assurance.report.own_words import ContentError, check_content


@dataclass(frozen=True)
class Checked:
    """What the checks before a run found: warnings to show, and each input file read.

    ``identifiers`` lists, described, each value that looks like an NHS number or a
    postcode where the public report would show it: the public edition is refused while
    there are any (:func:`public_refusal`); the internal edition goes ahead with them as
    warnings.
    """

    warnings: list[str]
    inputs: list[dict[str, Any]]  # table, file, sha256, rows: for the manifest
    identifiers: list[str] = field(default_factory=list)
    not_supplied: list[str] = field(default_factory=list)  # optional registers left out


def validate_for_run(params: Params, layout: OutputLayout) -> Checked:
    """Check every input table and the partnership's words before anything runs.

    Returns the warnings and the inputs read. Raises :class:`DataError` with every
    problem, after writing the full list under the layout's ``scratch/`` (when the output
    root cannot be written, the error says so and still carries every problem). With
    valid inputs, raises :class:`OutputRootError` when the output root cannot be written.
    """
    from safeguarding_assurance.inputs.load import validate_inputs
    from safeguarding_assurance.inputs.problems import write_problems_csv

    try:
        tables = validate_inputs(params, cache_dir=layout.cache)
    except DataError as exc:
        try:
            exc.scratch_path = write_problems_csv(
                exc.problems, layout.problems_csv(params.reporting_year)
            )
        except OSError as os_error:
            exc.not_written = not_writable(layout, os_error)
        raise
    indicators = tables.indicators
    indicator_ids = (
        indicators.loc[indicators["priority"].isin(params.priority_ids), "indicator_id"]
        if indicators is not None
        else []
    )
    # every key the words may quote, the optional registers' included ([x] when absent)
    facts = facts_skeleton(params.reporting_year, params.audience, params.priority_ids)
    skeleton = placeholder_skeleton({**facts, **optional_skeleton()}, indicator_ids)
    problems = []  # the report's words and the cover report's, every problem at once
    for check in (check_content, check_committee_content):
        try:
            check(params.content_path, params.status, skeleton)
        except ContentError as exc:
            problems.append(str(exc))
    if problems:
        raise ContentError("\n".join(problems))
    check_output_root(layout)
    warnings = [*tables.notices, *(w.describe() for w in tables.warnings)]
    identifiers = [w.describe() for w in tables.identifiers]
    inputs = [
        {"table": s.table, "file": s.file, "sha256": s.sha256, "rows": s.rows}
        for s in tables.sources.values()
    ]
    not_supplied = list(tables.not_supplied)
    del tables
    _release_memory()
    return Checked(warnings, inputs, identifiers, not_supplied)


def not_writable(layout: OutputLayout, error: OSError) -> str:
    """The message for an output root that cannot be written."""
    why = error.strerror or str(error)
    return (
        f"the output root {layout.root} is not writable ({why}): nothing can be staged or "
        "published there; choose another with --output-root, or fix its permissions"
    )


def check_output_root(layout: OutputLayout) -> None:
    """Raise :class:`OutputRootError` unless the run can write under its output root."""
    try:
        layout.scratch.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=layout.scratch, prefix=".writable-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputRootError(not_writable(layout, exc)) from None


def public_refusal(checked: Checked, lead: str = "the public report is refused") -> str:
    """Why the public edition of a year is refused: every identifier hit, values masked."""
    n = len(checked.identifiers)
    lines = "\n".join(f"  {hit}" for hit in checked.identifiers)
    return (
        f"{lead}: the input data hold {n} value{'s' if n != 1 else ''} "
        f"that look{'s' if n == 1 else ''} like an NHS number or a postcode where the public "
        "report would show "
        f"them (values masked):\n{lines}\nRemove them from the registers and run again. The "
        "internal edition (--audience internal) can be made meanwhile; it lists them as "
        "warnings."
    )


def _release_memory() -> None:
    """Give back what checking the tables held: the runner lives on beside the kernels.

    pyarrow's allocator keeps freed memory for reuse; at a million training rows that
    was 300 MB of the runner's 470 MB after validation (measured).
    """
    import gc

    from safeguarding_assurance.memory import release_memory

    gc.collect()
    release_memory()


def data_message(exc: AssuranceError) -> str:
    """The terminal message for a failed check: the first problems and where the full list is."""
    if isinstance(exc, DataError):
        from safeguarding_assurance.inputs.problems import format_problems

        n = len(exc.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input data"
        where = f"\nThe full list is in {exc.scratch_path}" if exc.scratch_path else ""
        if exc.not_written:
            where = f"\nThe full list could not be written: {exc.not_written}"
        return f"{head}:\n{format_problems(exc.problems)}{where}"
    return str(exc)
