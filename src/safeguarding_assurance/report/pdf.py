"""The tagged PDF, written in worker processes so several can be made at once.

WeasyPrint is pure Python: in the runner's process it would hold the interpreter
lock while the notebook threads wait, and four years' PDFs would queue behind each
other. A small pool of spawned processes (WeasyPrint imported as each starts, while
the notebooks run) writes them in parallel instead.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from safeguarding_assurance.report.pdf_tags import finish_table_tags


def write_pdf(markup: str, path: Path | str) -> None:
    """Write the report as A4 tagged PDF (PDF/UA-1) with WeasyPrint: no browser, no LaTeX."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=markup, base_url=None).write_pdf(Path(path), pdf_variant="pdf/ua-1")
    finish_table_tags(Path(path))  # header scopes, which WeasyPrint leaves out


def _warm() -> None:
    import weasyprint  # noqa: F401


class PdfWriter:
    """A pool of PDF-writing processes, started (and warmed) before they are needed."""

    def __init__(self, workers: int) -> None:
        self.pool = ProcessPoolExecutor(
            max_workers=max(1, workers),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
        )
        self.pool.submit(_warm)  # start a worker now, so its imports overlap the notebooks

    def write(self, markup: str, path: Path) -> None:
        """Write one PDF in a worker process and wait for it."""
        self.pool.submit(write_pdf, markup, str(path)).result()

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(wait=True, cancel_futures=True)
