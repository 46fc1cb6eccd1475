"""A PDF-writing process: ``python -m safeguarding_assurance.report.pdf_worker``.

Started by :class:`safeguarding_assurance.report.pdf.PdfWriter`. It imports WeasyPrint,
says it is ready, then reads one request per line on standard input (the HTML file to
read, the PDF to write, as JSON) and answers each with one line on its own copy of
standard output. It leaves when its input ends, and on its own within a fifth of a
second when the process that started it is gone (even after ``kill -9``), so no PDF
worker outlives a run.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

POLL_SECONDS = 0.2


def watch_parent(parent: int) -> None:
    """Leave at once when the parent process is gone (this process is then re-parented)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main() -> None:
    """Serve PDF requests until standard input ends."""
    from safeguarding_assurance.report.pdf import PARENT_ENV

    parent = int(os.environ.get(PARENT_ENV) or os.getppid())
    watch_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner stops this process itself
    # answers go to a private copy of stdout; anything a library prints goes to stderr (a log)
    answers = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)

    import weasyprint  # noqa: F401  (warm: the import is most of a small PDF's time)

    from safeguarding_assurance.report.offline import RemoteResourceError
    from safeguarding_assurance.report.pdf import write_pdf

    def answer(reply: dict) -> None:
        answers.write((json.dumps(reply) + "\n").encode())

    answer({"ready": True})
    for line in sys.stdin.buffer:
        request = json.loads(line)
        try:
            markup = Path(request["html"]).read_text(encoding="utf-8")
            write_pdf(markup, request["pdf"])
            answer({"ok": True})
        except RemoteResourceError as exc:
            answer({"ok": False, "kind": "remote", "error": str(exc)})
        except Exception as exc:
            answer({"ok": False, "kind": "error", "error": f"{type(exc).__name__}: {exc}"})


if __name__ == "__main__":
    main()
