"""A running chapter: its validated parameters, where it reads from, and its sections."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from safeguarding_assurance.contract.params import Params
from safeguarding_assurance.paths import INPUTS_HANDOFF, OutputLayout, resolve
from safeguarding_assurance.present.narrative import join_words, long_date
from safeguarding_assurance.present.section import Section

# What each register is called in a chart's source line.
REGISTERS = {
    "actions": "the business plan actions register",
    "indicator_values": "the performance scorecard",
    "indicators": "the performance scorecard",
    "reviews": "the serious incident reviews register",
    "recommendations": "the review recommendations register",
    "training": "the training register",
    "workforce": "agencies' staff figures",
    "audits": "the multi-agency case-file audits register",
    "funding": "the partners' contributions register",
    "national_actions": "the register of actions on national reviews",
    "feedback": "the register of what children and families told the partnership",
}


if TYPE_CHECKING:
    from safeguarding_assurance.inputs.load import Tables


@dataclass(frozen=True)
class Chapter:
    """What a chapter notebook holds after its parameters cell (see ``notebook.open_chapter``)."""

    params: Params
    layout: OutputLayout

    @property
    def audience(self) -> str:
        """``public`` or ``internal``."""
        return self.params.audience

    @property
    def public(self) -> bool:
        """Whether the contract's disclosure control applies."""
        return self.params.audience == "public"

    def section(self) -> Section:
        """A new, empty section for this chapter's audience."""
        return Section(self.params.audience)

    def source(self, *tables: str) -> str:
        """A chart's source line: the registers it reads and the day they were extracted."""
        names = [REGISTERS.get(t, t) for t in tables]
        listed = join_words(names)
        return f"Source: {listed}, as extracted on {long_date(self.params.as_at)}"

    def load(self, *tables: str) -> Tables:
        """Load and validate the named input tables (all when none are named).

        Under the runner, the inputs it checked before the notebooks started are read from
        its cache by the digests it hands over, without reading the files again.
        """
        from safeguarding_assurance.errors import DataError
        from safeguarding_assurance.inputs.load import load_tables
        from safeguarding_assurance.memory import release_memory

        # compact: a million-row training register's text as categoricals (same answers)
        loaded = load_tables(
            self.params, tables or None, self.layout, self._handed_over(), compact=True
        )
        release_memory()  # what reading a large register left behind (measured: ~100 MiB)
        if self.public and loaded.identifiers:
            # the runner refuses such a public run before any notebook starts; a notebook
            # run on its own (JupyterLab, papermill) must not show them either
            raise DataError(problems=loaded.identifiers)
        return loaded

    def _handed_over(self) -> dict[str, dict[str, str]] | None:
        if not self.params.output_dir:
            return None
        path = resolve(self.params.output_dir, self.params.root) / INPUTS_HANDOFF
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return known if isinstance(known, dict) else None
