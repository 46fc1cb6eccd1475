"""One exception family for the suite: a user sees one clear message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class AssuranceError(Exception):
    """Base error of the suite; the command line turns it into a message and exit status."""

    exit_status = 1


class ParameterError(AssuranceError):
    """A parameters file is missing, malformed, or breaks the contract (exit status 2)."""

    exit_status = 2


@dataclass(frozen=True)
class Problem:
    """One broken rule in one input cell: what the data-quality table lists.

    ``identifier`` marks a warning about a value that looks like an NHS number or a
    postcode where the public report would show it: the internal edition goes ahead with
    the warning, the public edition is refused while any is left.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    identifier: bool = False

    def describe(self) -> str:
        """Return the problem as one line a data provider can act on."""
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        shown = "" if self.value is None else f" (value {self.value!r})"
        return f"{where}: {self.rule}{shown}"


@dataclass
class DataError(AssuranceError):
    """Input data breaks the contract; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)
    scratch_path: Path | None = None
    # why the full list could not be written (the output root is not writable)
    not_written: str | None = None
    exit_status = 2

    def __str__(self) -> str:
        n = len(self.problems)
        text = f"{n} problem{'s' if n != 1 else ''} in the input data"
        # a notebook that fails in load_tables shows this: name the first problems too
        shown = "; ".join(p.describe() for p in self.problems[:3])
        if shown:
            text += f": {shown}" + ("; ..." if n > 3 else "")
        if self.scratch_path:
            text += f" (the full list is in {self.scratch_path})"
        return text


class OutputRootError(AssuranceError):
    """The output root cannot be written: nothing could be staged or published (exit 2)."""

    exit_status = 2


class RunLockedError(AssuranceError):
    """Another run of the same year and audience is under way."""

    exit_status = 1
