"""The notebooks are saved as JupyterLab saves them, so opening one changes nothing."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from ipykernel.ipkernel import IPythonKernel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_in_nbformat_s_canonical_form(path):
    text = path.read_text(encoding="utf-8")
    assert nbformat.writes(nbformat.read(path, as_version=4)) + "\n" == text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_language_metadata_is_what_the_kernel_reports(path):
    info = nbformat.read(path, as_version=4).metadata.language_info
    kernel = {k: v for k, v in IPythonKernel.language_info.items() if k != "version"}
    assert {k: v for k, v in info.items() if k != "version"} == kernel
    assert info["version"].startswith("3.11")
