"""Nothing fetched, ever: the HTML check, the partnership's images, the PDF writer's fetcher.

The PDF tests write real PDFs with WeasyPrint (in this process and in the real worker
process) while a real HTTP server on 127.0.0.1 counts every request: it must see none.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time

import pytest

from safeguarding_assurance.errors import AssuranceError
from safeguarding_assurance.report.offline import (
    RemoteResourceError,
    check_self_contained,
    loaded_resources,
)
from safeguarding_assurance.report.own_words import (
    ContentError,
    Section,
    check_content,
    image_problems,
    render_section,
)
from safeguarding_assurance.report.pdf import PdfError, PdfTimeoutError, PdfWriter, write_pdf
from tests.support.http_server import PNG_1X1, counting_server
from tests.support.processes import TAG, tagged_processes

DATA_PNG = "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()


@pytest.fixture
def server():
    with counting_server() as (base, counter):
        yield base, counter


# ---------------------------------------------------------------- what would load


def test_every_kind_of_loading_reference_is_found():
    markup = f"""
    <html><head>
      <link rel="stylesheet" href="https://cdn.example/s.css">
      <link rel="icon" href="/favicon.ico">
      <script src="//cdn.example/require.js"></script>
      <style>@import "https://fonts.example/f.css";
        @font-face {{ font-family: x; src: url('https://fonts.example/x.woff2') }}
        body {{ background: url(img/bg.png) }}</style>
      <meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
    </head><body>
      <img src="http://127.0.0.1:9/a.png" alt="a">
      <img srcset="b1.png 1x, https://x.example/b2.png 2x" alt="b">
      <p style="background-image:url(&quot;https://x.example/c.png&quot;)">c</p>
      <iframe src="https://x.example/frame"></iframe>
      <svg><image href="https://x.example/d.png"/></svg>
      <a href="https://example.org/page">a link loads nothing</a>
      <img src="{DATA_PNG}" alt="our own chart">
      <a href="#contents">an in-page link</a>
    </body></html>"""
    assert sorted(loaded_resources(markup)) == sorted(
        [
            "https://cdn.example/s.css",
            "/favicon.ico",
            "//cdn.example/require.js",
            "https://fonts.example/f.css",
            "https://fonts.example/x.woff2",
            "img/bg.png",
            "https://elsewhere.example/",
            "http://127.0.0.1:9/a.png",
            "b1.png",
            "https://x.example/b2.png",
            "https://x.example/c.png",
            "https://x.example/frame",
            "https://x.example/d.png",
        ]
    )


def test_a_self_contained_report_passes_and_a_remote_image_is_named():
    check_self_contained(f'<p><img src="{DATA_PNG}" alt="x"> <a href="https://a.b/">l</a></p>')
    with pytest.raises(RemoteResourceError, match=r"would load 1 resource .*https://a\.b/i\.png"):
        check_self_contained('<img src="https://a.b/i.png" alt="x">')


# ---------------------------------------------------------------- the partnership's words


def test_a_remote_image_in_the_words_names_file_and_line():
    text = "Para one\nsecond line ![chart](http://127.0.0.1:9/c.png)\n\n- item\n"
    [problem] = image_problems(text, "learning.md")
    assert problem.startswith("learning.md, line 2: the image http://127.0.0.1:9/c.png is on")
    assert "fetches nothing" in problem and "[words that describe it](address)" in problem


def test_image_lines_count_soft_breaks_lists_and_references():
    text = (
        "Intro line\n"  # 1
        "\n"  # 2
        "first\n"  # 3
        "then ![a](//cdn.example/a.gif) and\n"  # 4
        "later ![b][ref]\n"  # 5
        "\n"  # 6
        "- item ![c](pics/c.png)\n"  # 7
        "\n"  # 8
        f"![ours]({DATA_PNG})\n"  # 9: carried inside the report
        "[see the guidance](https://example.org/guide.png)\n"  # 10: a link, fine
        "\n"
        "[ref]: https://example.org/b.png\n"
    )
    problems = image_problems(text, "voice.md")
    assert [p.split(":")[0] for p in problems] == [
        "voice.md, line 4",
        "voice.md, line 5",
        "voice.md, line 7",
    ]
    assert "//cdn.example/a.gif is on another server" in problems[0]
    assert "https://example.org/b.png is on another server" in problems[1]
    assert "pics/c.png is a separate file" in problems[2]


@pytest.mark.parametrize("status", ["draft", "final"])
def test_check_content_refuses_a_remote_image_in_a_draft_and_a_final(tmp_path, status):
    for name in ("foreword.md", "learning.md", "voice.md", "next_year.md"):
        (tmp_path / name).write_text("Words.\n", encoding="utf-8")
    (tmp_path / "learning.md").write_text(
        "<!-- a note\nfor authors -->\nWords.\n\n![x](https://example.org/x.png)\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"learning\.md, line 5: the image") as err:
        check_content(tmp_path, status, {"reviews": {"notifications": 1}})
    assert err.value.exit_status == 2


def test_render_section_refuses_a_remote_image_too(tmp_path):
    (tmp_path / "voice.md").write_text("![x](http://127.0.0.1:9/x.png)\n", encoding="utf-8")
    section = Section("voice.md", "Voice", "after_chapters")
    with pytest.raises(ContentError, match=r"voice\.md, line 1"):
        render_section(section, tmp_path, {}, "draft")


def test_a_data_image_in_the_words_is_carried_inside(tmp_path):
    (tmp_path / "voice.md").write_text(f"![Our logo]({DATA_PNG})\n", encoding="utf-8")
    section = Section("voice.md", "Voice", "after_chapters")
    markup = render_section(section, tmp_path, {}, "draft")
    assert 'alt="Our logo"' in markup and loaded_resources(markup) == []


# ---------------------------------------------------------------- the PDF fetches nothing


def remote_markup(base: str) -> str:
    return f"""<html lang="en"><head><title>t</title>
      <link rel="stylesheet" href="{base}/s.css">
      <style>@font-face {{ font-family: x; src: url({base}/x.woff) }}
        body {{ background: url({base}/bg.png) }}</style></head>
      <body><p style="font-family: x">Hello</p><img src="{base}/i.png" alt="i"></body></html>"""


def test_write_pdf_refuses_remote_references_and_fetches_nothing(tmp_path, server):
    base, counter = server
    with pytest.raises(RemoteResourceError, match="would load 4 resources"):
        write_pdf(remote_markup(base), tmp_path / "a.pdf")
    assert counter.requests == 0


def test_the_fetcher_refuses_what_the_html_check_cannot_see(tmp_path, server):
    # a stylesheet carried as a data: URI (allowed) that itself points at the server:
    # the fetcher stops the rendering instead of fetching it
    base, counter = server
    css = base64.b64encode(f"body {{ background: url({base}/hidden.png) }}".encode()).decode()
    markup = (
        f'<html><head><link rel="stylesheet" href="data:text/css;base64,{css}"></head>'
        "<body><p>x</p></body></html>"
    )
    with pytest.raises(RemoteResourceError, match=r"hidden\.png, which is not part of it"):
        write_pdf(markup, tmp_path / "b.pdf")
    assert counter.requests == 0
    assert not (tmp_path / "b.pdf").exists()


def test_write_pdf_renders_its_own_data_images(tmp_path):
    write_pdf(
        f'<html lang="en"><body><p>x</p><img src="{DATA_PNG}" alt="a dot"></body></html>',
        tmp_path / "c.pdf",
    )
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- the worker process


def test_the_worker_refuses_remote_references_and_fetches_nothing(tmp_path, server):
    base, counter = server
    writer = PdfWriter(1, timeout=120, log_path=tmp_path / "pdf.log")
    try:
        with pytest.raises(RemoteResourceError):
            writer.write(remote_markup(base), tmp_path / "a.pdf")
        writer.write('<html lang="en"><body><p>Fine.</p></body></html>', tmp_path / "ok.pdf")
    finally:
        writer.close()
    assert counter.requests == 0
    assert (tmp_path / "ok.pdf").read_bytes().startswith(b"%PDF")
    assert all(w.proc.poll() is not None for w in writer.workers)


def test_a_pdf_past_its_time_limit_is_stopped_and_the_next_one_is_written(tmp_path):
    writer = PdfWriter(1, timeout=120, log_path=tmp_path / "pdf.log")
    try:
        writer.write("<html><body><p>warm</p></body></html>", tmp_path / "warm.pdf")
        writer.timeout = 1.0
        huge = "<html><body><p>" + "word " * 400_000 + "</p></body></html>"
        t0 = time.monotonic()
        with pytest.raises(PdfTimeoutError, match=r"writing huge\.pdf took longer than its time"):
            writer.write(huge, tmp_path / "huge.pdf")
        assert time.monotonic() - t0 < 5
        first = writer.workers[0]
        assert first.proc.poll() is not None  # the busy worker was stopped
        writer.timeout = 120
        writer.write("<html><body><p>next</p></body></html>", tmp_path / "next.pdf")
    finally:
        writer.close()
    assert (tmp_path / "next.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*.source.html"))
    assert isinstance(PdfTimeoutError("x"), (PdfError, AssuranceError))


def test_a_worker_leaves_when_its_parent_is_killed(tmp_path):
    tag = f"pdf-parent-{os.getpid()}-{time.monotonic_ns()}"
    script = (
        "import sys, time\n"
        "from safeguarding_assurance.report.pdf import PdfWriter\n"
        "w = PdfWriter(2)\n"
        "print(' '.join(str(x.proc.pid) for x in w.workers), flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, TAG: tag},
    )
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]
        time.sleep(1.0)
        assert len(tagged_processes(tag)) == 3
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 3
        while tagged_processes(tag) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert tagged_processes(tag) == [], f"workers {workers} outlived their parent"
    finally:
        for pid, _ in tagged_processes(tag):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_at_the_terminal_never_reaches_a_worker(tmp_path):
    writer = PdfWriter(1)
    try:
        worker = writer.workers[0]
        # a worker is a session of its own: the terminal's process group is not its group
        assert os.getpgid(worker.proc.pid) == worker.proc.pid != os.getpgid(0)
    finally:
        writer.close()
