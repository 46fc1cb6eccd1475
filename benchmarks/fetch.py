"""Bytes fetched from outside while a report is made: a real local HTTP server counts them.

Two cases, each in a temporary copy of the repository running
``assurance run --year 2024-25``: the partnership's Markdown (``learning.md``) gets (1) an
image that lives on a local HTTP server, and (2) only a plain link to an image there.
Prints the exit status, the requests and bytes the server saw, and whether the
published HTML loads anything from it.

    .venv/bin/python benchmarks/fetch.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_repository, run_cli  # noqa: E402
from tests.support.http_server import counting_server  # noqa: E402

CASES = {
    "image": "\n![Our review cycle]({base}/cycle.png)\n\nSee [the guidance]({base}/guide).\n",
    "link": "\nSee [our review cycle]({base}/cycle.png).\n",
}


def measure(case: str) -> dict:
    """Run one case and return what the server saw."""
    with tempfile.TemporaryDirectory() as tmp, counting_server() as (base, counter):
        repo = copy_repository(Path(tmp) / "repo")
        learning = repo / "content" / "2024-25" / "learning.md"
        learning.write_text(
            learning.read_text(encoding="utf-8") + CASES[case].format(base=base),
            encoding="utf-8",
        )
        out = Path(tmp) / "out"
        proc = run_cli(
            "run", "--year", "2024-25", "--audience", "public", "--output-root", str(out), cwd=repo
        )
        html = out / "2024-25" / "public" / "report.html"
        markup = html.read_text(encoding="utf-8") if html.exists() else ""
        loads = re.findall(r"""\b(?:src|srcset)\s*=\s*["']([^"']*127\.0\.0\.1[^"']*)""", markup)
        return {
            "case": case,
            "exit": proc.returncode,
            "requests": counter.requests,
            "bytes_fetched": counter.bytes_sent,
            "paths": counter.paths,
            "published": html.exists(),
            "remote_src_in_html": loads,
            "message": proc.stderr.strip().splitlines()[-1][:200],
        }


def main() -> None:
    for case in CASES:
        print(measure(case), flush=True)


if __name__ == "__main__":
    main()
