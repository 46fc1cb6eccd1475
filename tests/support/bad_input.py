"""A repository root holding the valid bad-input tables: the start of every hostile case."""

from __future__ import annotations

import shutil
from pathlib import Path

VALID = Path(__file__).resolve().parents[1] / "data" / "bad_input" / "valid"
PARAMS_YAML = """\
reporting_year: "2024-25"
partnership_name: "Test Partnership"
data_dir: data
audience: public
priorities:
  - id: early_help
    name: "Early help"
  - id: neglect
    name: "Neglect"
  - id: harm_outside_home
    name: "Harm outside the home"
data_as_at: "2025-06-02"
"""


def make_repo(tmp: Path, cache: Path | None = None) -> Path:
    """A folder the suite takes for a repository root, with the valid tables under data/.

    ``cache`` (a warmed outputs/scratch/cache of the valid tables) is copied in, so a
    test re-checks only the tables it changes, as a real re-run after a fix would.
    """
    (tmp / "notebooks").mkdir(parents=True)
    (tmp / "params").mkdir()
    (tmp / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp / "params" / "2024-25.yaml").write_text(PARAMS_YAML, encoding="utf-8")
    shutil.copytree(VALID, tmp / "data")
    if cache is not None:
        shutil.copytree(cache, tmp / "outputs" / "scratch" / "cache")
    return tmp
