"""Setting up a new reporting year: its parameters file and the blank pages for its own words."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

from safeguarding_assurance.contract.params import ReportingYear, load_params
from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.report.committee import PROSE
from safeguarding_assurance.report.own_words import SECTIONS

# one blank page per section of the partnership's own words
TEMPLATE_FILES = tuple(section.file for section in SECTIONS)
# the scrutiny board's cover report: one file per prose section
COMMITTEE_TEMPLATE_FILES = tuple(section.file for section in PROSE.values())


def latest_params_file(root: Path) -> Path:
    """The parameters file of the latest reporting year under ``params/``."""
    files = []
    for p in (root / "params").glob("*.yaml"):
        try:
            files.append((ReportingYear.parse(p.stem), p))
        except ValueError:
            continue
    if not files:
        raise ParameterError(f"no parameters files named YYYY-YY.yaml in {root / 'params'}")
    return max(files)[1]


def new_year_params_text(previous_text: str, old: ReportingYear, new: ReportingYear) -> str:
    """The new year's parameters: the latest file's, with the year, draft status and no stale dates.

    Comments and layout are kept; ``data_as_at`` is dropped (it defaults to the run date
    until the registers are extracted), so is the committee's ``meeting_date``, and
    ``status`` goes back to ``draft``.
    """
    text = previous_text.replace(old.label, new.label)
    text = re.sub(r"(?m)^data_as_at:.*\n?", "", text)
    text = re.sub(r"(?m)^content_dir:.*\n?", "", text)
    text = re.sub(r"(?m)^\s+meeting_date:.*\n?", "", text)  # the committee: block's
    if re.search(r"(?m)^status:", text):
        text = re.sub(r"(?m)^status:.*$", "status: draft", text)
    else:
        text += ("" if text.endswith("\n") else "\n") + "status: draft\n"
    return text


def new_year(label: str, root: Path) -> list[Path]:
    """Write ``params/<year>.yaml`` from the latest and ``content/<year>/`` from blank templates.

    Refuses to overwrite an existing parameters file; in an existing content folder it
    adds only the missing templates and leaves the authors' files alone.
    """
    try:
        year = ReportingYear.parse(label)
    except ValueError as exc:
        raise ParameterError(str(exc)) from None
    target = root / "params" / f"{year.label}.yaml"
    if target.exists():
        raise ParameterError(f"{target} already exists; edit it instead")
    source = latest_params_file(root)
    old = ReportingYear.parse(source.stem)
    target.write_text(
        new_year_params_text(source.read_text(encoding="utf-8"), old, year), encoding="utf-8"
    )
    try:
        load_params(target)  # the new file must be valid, or nothing is left behind
    except ParameterError:
        target.unlink()
        raise
    written = [target]
    folder = root / "content" / year.label
    folder.mkdir(parents=True, exist_ok=True)
    templates = resources.files("safeguarding_assurance.report") / "content_templates"
    for name in (*TEMPLATE_FILES, *COMMITTEE_TEMPLATE_FILES):
        dest = folder / name
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            with resources.as_file(templates / name) as src:
                shutil.copyfile(src, dest)
            written.append(dest)
    return written
