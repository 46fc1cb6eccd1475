"""The one call a chapter notebook makes after its parameters cell.

``chapter = open_chapter(globals())`` picks the contract's parameter names out of the
notebook's namespace, validates them exactly as a parameters file is validated, keeps
library noise out of the notebook, sets the chart theme and returns a
:class:`~safeguarding_assurance.present.chapter.Chapter` that knows its audience and
where its inputs are checked and cached. Each later cell calls one chapter function and
displays the :class:`~safeguarding_assurance.present.section.Section` it returns.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from typing import Any

from safeguarding_assurance.contract.params import SPEC, validate_values
from safeguarding_assurance.memory import release_memory
from safeguarding_assurance.paths import OutputLayout, repository_root, resolve
from safeguarding_assurance.present.chapter import Chapter

# Library noise that says nothing to a reader or an analyst. Everything else (a
# pandas FutureWarning in an analyst's own cell, say) is still shown.
QUIET_LOGGERS = ("matplotlib", "fontTools", "PIL", "pandera", "weasyprint")
QUIET_WARNINGS = (
    ("ignore", r".*Glyph .* missing from font.*", UserWarning),
    ("ignore", r".*constrained_layout not applied.*", UserWarning),
    ("ignore", r".*Jupyter is migrating its paths.*", DeprecationWarning),
)


def _quieten() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    for action, message, category in QUIET_WARNINGS:
        warnings.filterwarnings(action, message=message, category=category)


def open_chapter(namespace: Mapping[str, Any]) -> Chapter:
    """Validate a notebook's parameters and return the running chapter.

    With ``output_dir`` blank (JupyterLab, plain papermill) the chapter's working files
    (the validated-table cache) go under ``outputs/scratch/``, never a published folder.
    """
    from safeguarding_assurance.present.charts.style import apply_theme

    _quieten()
    apply_theme()
    values = {k: namespace[k] for k in SPEC if k in namespace}
    root = repository_root()
    params = validate_values(values, "notebook parameters", root=root)
    if params.output_dir:
        layout = OutputLayout.for_output_dir(resolve(params.output_dir, root), root)
    else:
        layout = OutputLayout.default(root)
    return Chapter(params=params, layout=layout)


def between_notebooks() -> None:
    """Clear what the suite keeps in a kernel, so the next notebook starts as in a new one.

    The runner calls this in a kernel it hands from one notebook to the next, after
    deleting the notebook's names: figures are closed, the chart settings go back to
    matplotlib's defaults (each notebook sets the theme again in :func:`open_chapter`),
    the chapters' caches are emptied and the memory they held is given back.
    """
    import gc
    import sys

    import matplotlib
    import matplotlib.pyplot as plt

    plt.close("all")
    matplotlib.rcdefaults()
    training = sys.modules.get("safeguarding_assurance.present.chapters.training")
    if training is not None:
        training.clear_cache()
    gc.collect()
    release_memory()
