"""A remote image in the partnership's words, on a real local HTTP server: never fetched.

The run stops before any notebook with exit 2, naming the file and line, in a draft
and in a final report alike; the server sees no request. (A full run whose words
link to the server, and fetches nothing, is in ``test_stopping.py``.)
"""

from __future__ import annotations

import pytest

from tests.conftest import copy_repository, run_cli
from tests.support.http_server import counting_server

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("status", ["draft", "final"])
def test_a_remote_image_stops_the_run_naming_file_and_line(tmp_path, status):
    repo = copy_repository(tmp_path / "repo")
    params = repo / "params" / "2024-25.yaml"
    params.write_text(
        params.read_text(encoding="utf-8").replace("status: draft", f"status: {status}"),
        encoding="utf-8",
    )
    learning = repo / "content" / "2024-25" / "learning.md"
    text = learning.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 2
    with counting_server() as (base, counter):
        learning.write_text(text + f"\n![Our review cycle]({base}/cycle.png)\n", encoding="utf-8")
        proc = run_cli("run", "--year", "2024-25", "--output-root", str(tmp_path / "out"), cwd=repo)
        assert counter.requests == 0 and counter.bytes_sent == 0
    assert proc.returncode == 2, proc.stderr
    assert f"learning.md, line {line}: the image {base}/cycle.png is on another server" in (
        proc.stderr
    )
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "2024-25" / "public").exists()
