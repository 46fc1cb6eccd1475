"""The one call a chapter notebook makes after its parameters cell.

``chapter = open_chapter(globals())`` picks the contract's parameter names out of the
notebook's namespace, validates them exactly as a parameters file is validated,
quietens library noise, sets the chart theme and returns a :class:`Chapter` that
knows where to write and who the audience is.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeguarding_assurance.contract.params import SPEC, Params, validate_values
from safeguarding_assurance.paths import repository_root, resolve, scratch_dir
from safeguarding_assurance.present.publish import Publisher


@dataclass
class Chapter:
    """A running chapter: its validated parameters and its publisher."""

    params: Params
    publish: Publisher

    @property
    def public(self) -> bool:
        """Whether the contract's disclosure control applies."""
        return self.publish.public

    def load(self, *tables: str):
        """Load and validate the named input tables for this run (see :mod:`.io`)."""
        from safeguarding_assurance.inputs.read import load_tables

        return load_tables(self.params, tables or None)


def _quieten() -> None:
    warnings.filterwarnings("ignore")
    for name in ("matplotlib", "fontTools", "PIL", "pandera", "weasyprint"):
        logging.getLogger(name).setLevel(logging.ERROR)


def open_chapter(namespace: Mapping[str, Any], show: bool = True) -> Chapter:
    """Validate a notebook's parameters and set up its outputs.

    With ``output_dir`` blank (JupyterLab, plain papermill) the chapter writes under
    ``outputs/scratch/<year>/<audience>/``, never into a published folder.
    """
    from safeguarding_assurance.present.charts.style import apply_theme

    _quieten()
    apply_theme()
    values = {k: namespace[k] for k in SPEC if k in namespace}
    root = repository_root()
    params = validate_values(values, "notebook parameters", root=root)
    if params.output_dir:
        out = resolve(params.output_dir, root)
    else:
        out = scratch_dir(root / "outputs") / params.reporting_year / params.audience
    out.mkdir(parents=True, exist_ok=True)
    return Chapter(params=params, publish=Publisher(Path(out), params.audience, show=show))
