"""Automated checks of a rendered report: accessible, self-contained HTML and a tagged PDF.

Each check returns a list of plain-English failures; an empty list is a pass. They stand
in for a PDF/UA validator (none can be installed here) and run beside axe-core, which
:func:`run_axe` drives in headless Chromium where both are installed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from safeguarding_assurance.paths import repository_root

EXPECTED_LANG = "en-GB"
NBCONVERT_PLACEHOLDER = "no description has been provided for this image"
CHROMIUM = Path("/usr/bin/chromium")
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_TIMEOUT_SECONDS = 180
DESKTOP_WIDTH = 1280
# WCAG 2.2 SC 1.4.10 (Reflow) is judged at 320 CSS pixels wide: scan there too, or a
# table that scrolls sideways only on a phone is never seen by axe
REFLOW_WIDTH = 320

# A link may point anywhere; every other URL-bearing attribute makes the browser fetch.
LINK_ELEMENTS = {"a", "area"}
LOADING_ATTRIBUTES = {"src", "href", "xlink:href", "poster", "background", "manifest", "ping"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# nbconvert's wrappers around code and prompts (classic "basic" and JupyterLab "lab" templates)
CODE_CLASSES = {
    "input",
    "input_area",
    "input_prompt",
    "output_prompt",
    "prompt",
    "jp-InputArea",
    "jp-InputArea-editor",
    "jp-InputArea-prompt",
    "jp-InputPrompt",
    "jp-OutputPrompt",
    "jp-OutputArea-prompt",
    "jp-Cell-inputWrapper",
    "jp-CodeMirrorEditor",
}
# what an error or a stderr stream leaves behind in nbconvert output
ERROR_CLASSES = {"output_error", "output_stderr", "jp-mod-error"}
ERROR_MIME_TYPES = {"application/vnd.jupyter.stderr", "application/vnd.jupyter.error"}
PROMPT_TEXT = re.compile(r"\b(?:In|Out)\s?\[\s*\d*\s*\]:")
TRACEBACK_TEXT = re.compile(r"Traceback \(most recent call last\)|\x1b\[[0-9;]*m")
CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.I | re.S)
DESCRIPTOR = re.compile(r"^\d+(?:\.\d+)?[wx]$")
HEADING = re.compile(r"^h([1-6])$")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _loads_resource(url: str) -> bool:
    """Whether a URL makes the browser fetch something (only data: URIs and #fragments do not)."""
    u = url.strip().lower()
    return not (u.startswith("data:") or (u.startswith("#") and len(u) > 1))


def _srcset_urls(value: str) -> list[str]:
    # a data: URI holds commas but never spaces, so split on spaces and drop descriptors
    tokens = [t.rstrip(",") for t in value.split()]
    return [t for t in tokens if t and not DESCRIPTOR.match(t)]


@dataclass
class _Table:
    line: int
    caption: list[str] = field(default_factory=list)
    has_caption: bool = False
    header_cells: int = 0


@dataclass
class _Heading:
    level: int
    line: int
    text: list[str] = field(default_factory=list)


class _Inspector(HTMLParser):
    """One pass over the markup, recording what the checks need and the faults found on the way."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.saw_html = False
        self.title: list[str] | None = None
        self.in_title = False
        self.headings: list[_Heading] = []
        self.open_headings: list[_Heading] = []
        self.tables: list[_Table] = []
        self.open_tables: list[_Table] = []
        self.in_caption = False
        self.in_style = 0
        self.in_script = 0
        self.ids: Counter[str] = Counter()
        self.anchors: set[str] = set()
        self.in_svg = 0
        self.fragment_links: list[tuple[int, str]] = []
        self.text: list[tuple[int, str]] = []
        self.faults: list[str] = []
        self.code_hits: list[str] = []
        self.error_hits: list[str] = []

    def _where(self) -> str:
        return f"line {self.getpos()[0]}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: (value or "") for name, value in attrs}
        where = self._where()
        if tag == "html" and not self.saw_html:
            self.saw_html = True
            self.lang = a.get("lang")
        if tag == "svg":
            self.in_svg += 1
        elif tag == "title" and not self.in_svg and self.title is None:
            # the document's title; an SVG's <title> names the graphic only
            self.in_title = True
            self.title = []
        elif tag == "style":
            self.in_style += 1
        elif tag == "script":
            self.in_script += 1
            src = f' src="{_short(a["src"])}"' if "src" in a else ""
            self.faults.append(f"{where}: <script{src}> found; the report must carry no script")
        elif tag == "img":
            self._check_alt(a, where)
        elif tag == "table":
            table = _Table(line=self.getpos()[0])
            self.tables.append(table)
            self.open_tables.append(table)
        elif tag == "caption" and self.open_tables:
            self.open_tables[-1].has_caption = True
            self.in_caption = True
        elif tag == "th" and self.open_tables:
            self.open_tables[-1].header_cells += 1
        elif m := HEADING.match(tag):
            heading = _Heading(level=int(m.group(1)), line=self.getpos()[0])
            self.headings.append(heading)
            self.open_headings.append(heading)
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.faults.append(f"{where}: <meta http-equiv=refresh> redirects or reloads the page")
        self._check_attributes(tag, a, where)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg = max(self.in_svg - 1, 0)
        elif tag == "title":
            self.in_title = False
        elif tag == "style":
            self.in_style = max(self.in_style - 1, 0)
        elif tag == "script":
            self.in_script = max(self.in_script - 1, 0)
        elif tag == "caption":
            self.in_caption = False
        elif tag == "table" and self.open_tables:
            self.open_tables.pop()
        elif HEADING.match(tag) and self.open_headings:
            self.open_headings.pop()

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self._check_css(data, "<style>")
            return
        if self.in_script:
            return
        if self.in_title and self.title is not None:
            self.title.append(data)
        if self.in_caption and self.open_tables:
            self.open_tables[-1].caption.append(data)
        for heading in self.open_headings:
            heading.text.append(data)
        self.text.append((self.getpos()[0], data))

    def _check_alt(self, a: dict[str, str], where: str) -> None:
        name = a.get("id") or _short(a.get("src", ""), 40)
        alt = a.get("alt")
        if alt is None:
            self.faults.append(f"{where}: <img> ({name}) has no alt attribute")
        elif not alt.strip():
            self.faults.append(f"{where}: <img> ({name}) has empty alt text")
        elif alt.strip().lower().rstrip(".") == NBCONVERT_PLACEHOLDER:
            self.faults.append(f'{where}: <img> ({name}) has nbconvert\'s placeholder alt "{alt}"')
        # an image inside a heading names the heading
        for heading in self.open_headings:
            heading.text.append(alt or "")

    def _check_attributes(self, tag: str, a: dict[str, str], where: str) -> None:
        for name, value in a.items():
            if name.startswith("on"):
                self.faults.append(f"{where}: <{tag} {name}=...> is an inline script handler")
            elif value.strip().lower().startswith("javascript:"):
                self.faults.append(f"{where}: <{tag} {name}> holds a javascript: URL")
            elif name in LOADING_ATTRIBUTES or (name == "data" and tag == "object"):
                if name in {"href", "xlink:href"} and tag in LINK_ELEMENTS:
                    if value.startswith("#") and len(value) > 1:
                        self.fragment_links.append((self.getpos()[0], unquote(value[1:])))
                elif _loads_resource(value):
                    self.faults.append(
                        f'{where}: <{tag} {name}="{_short(value)}"> loads a resource; '
                        "only data: URIs and #fragments are allowed"
                    )
            elif name in SRCSET_ATTRIBUTES:
                for url in _srcset_urls(value):
                    if _loads_resource(url):
                        self.faults.append(
                            f'{where}: <{tag} {name}> loads "{_short(url)}"; '
                            "only data: URIs are allowed"
                        )
            elif name == "style":
                self._check_css(value, f"<{tag} style>")
            elif name == "id" and value:
                self.ids[value] += 1
            elif name == "name" and tag == "a" and value:
                self.anchors.add(value)
        classes = set(a.get("class", "").split())
        code = classes & CODE_CLASSES or {c for c in classes if c.startswith("hl-")}
        if code:
            self.code_hits.append(f'{where}: class="{" ".join(sorted(code))}"')
        error = classes & ERROR_CLASSES or {c for c in classes if c.startswith("ansi-")}
        if error or a.get("data-mime-type", "") in ERROR_MIME_TYPES:
            label = " ".join(sorted(error)) or a["data-mime-type"]
            self.error_hits.append(f"{where}: {label}")

    def _check_css(self, css: str, origin: str) -> None:
        line = self.getpos()[0]
        for m in CSS_URL.finditer(css):
            url = m.group(2) if m.group(2) is not None else m.group(4)
            if _loads_resource(url):
                self.faults.append(
                    f'line {line}: {origin} loads "{_short(url)}"; only data: URIs are allowed'
                )


def _heading_faults(headings: list[_Heading]) -> list[str]:
    faults = []
    h1 = [h for h in headings if h.level == 1]
    if len(h1) != 1:
        lines = ", ".join(str(h.line) for h in h1) or "none"
        faults.append(f"expected exactly one <h1>, found {len(h1)} (lines: {lines})")
    previous = 0
    for h in headings:
        text = _short("".join(h.text))
        if h.level > previous + 1:
            before = f"<h{previous}>" if previous else "the start of the document"
            faults.append(
                f'line {h.line}: <h{h.level}> "{text}" follows {before}, skipping a level'
            )
        if not text:
            faults.append(f"line {h.line}: <h{h.level}> has no text")
        previous = h.level
    return faults


def _table_faults(tables: list[_Table]) -> list[str]:
    faults = []
    for t in tables:
        caption = _short("".join(t.caption))
        name = f'"{caption}"' if caption else "(no caption)"
        if not t.has_caption or not caption:
            faults.append(f"line {t.line}: <table> has no caption (or an empty one)")
        if t.header_cells == 0:
            faults.append(f"line {t.line}: <table> {name} has no <th> header cells")
    return faults


def _summarise(hits: list[str], what: str) -> list[str]:
    if not hits:
        return []
    return [f"{len(hits)} element(s) {what}, first at {hits[0]}"]


def check_html(markup: str) -> list[str]:
    """Return every accessibility and self-containment fault of a report's HTML (empty = pass).

    Checks ``lang="en-GB"``, a non-empty title, real alt text on every image, one ``h1`` and
    no skipped heading level, a caption and header cells on every table, no fetched URL
    (only data: URIs and #fragments; links to other sites are fine), no script, no notebook
    code or prompts, no traceback, and in-page links that resolve to a unique id.
    """
    inspector = _Inspector()
    inspector.feed(markup)
    inspector.close()
    faults: list[str] = []
    if not inspector.saw_html:
        faults.append("no <html> element")
    elif inspector.lang is None:
        faults.append(f'<html> has no lang attribute (expected "{EXPECTED_LANG}")')
    elif inspector.lang.strip().lower() != EXPECTED_LANG.lower():
        faults.append(f'<html lang="{inspector.lang}"> should be lang="{EXPECTED_LANG}"')
    if inspector.title is None:
        faults.append("no <title> element")
    elif not "".join(inspector.title).strip():
        faults.append("the <title> is empty")
    faults += inspector.faults
    faults += _heading_faults(inspector.headings)
    faults += _table_faults(inspector.tables)
    faults += _summarise(inspector.code_hits, "show notebook code or prompts")
    faults += _summarise(inspector.error_hits, "show an error or stderr output")
    for line, text in inspector.text:
        if m := PROMPT_TEXT.search(text):
            faults.append(f'line {line}: notebook prompt text "{m.group(0)}"')
        if m := TRACEBACK_TEXT.search(text):
            faults.append(f"line {line}: traceback or terminal output ({_short(m.group(0))!r})")
    duplicates = sorted(k for k, n in inspector.ids.items() if n > 1)
    if duplicates:
        faults.append(f"duplicate ids: {', '.join(duplicates[:10])}")
    for line, target in inspector.fragment_links:
        if target not in inspector.ids and target not in inspector.anchors:
            faults.append(f'line {line}: link to "#{_short(target)}" points to no element')
    return faults


def _pages(numbers: list[int]) -> str:
    """Compress page numbers: [1, 2, 3, 5] -> "1-3, 5"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _is_true(obj: Any) -> bool:
    # pypdf's BooleanObject(False) is truthy: compare its value
    return getattr(_resolve(obj), "value", obj) is True


def _figures_without_alt(struct_root: Any) -> int:
    """Count /Figure structure elements with no /Alt text (PDF/UA: every figure needs one)."""
    missing, seen = 0, set()
    stack = [struct_root]
    while stack:
        node = stack.pop()
        ref = getattr(node, "idnum", None)
        node = _resolve(node)
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        if not isinstance(node, dict):
            continue
        if node.get("/S") == "/Figure" and not str(node.get("/Alt", "")).strip():
            missing += 1
        kids = _resolve(node.get("/K"))
        if isinstance(kids, list):
            stack.extend(kids)
        elif kids is not None:
            stack.append(kids)
    return missing


def _document_title(reader: Any) -> str:
    info = reader.metadata
    if info is not None and info.title and str(info.title).strip():
        return str(info.title).strip()
    try:
        xmp = reader.xmp_metadata
        titles = (xmp.dc_title or {}) if xmp is not None else {}
    except Exception:
        titles = {}
    return next((str(t).strip() for t in titles.values() if str(t).strip()), "")


def check_pdf(path: Path, *, marking: str | None, draft: bool) -> list[str]:
    """Return every fault of a report's PDF against the tagged-PDF checks (empty = pass).

    Checks the file opens, has pages and extractable text; is tagged (``/MarkInfo``
    marked, a structure tree, figures with alt text); has ``/Lang`` en-GB, a title shown
    by viewers (holding ``marking`` when given) and bookmarks; and that every page shows
    ``marking`` when given and DRAFT when ``draft``.
    """
    from pypdf import PdfReader

    name = Path(path).name
    try:
        reader = PdfReader(path)
        pages = list(reader.pages)
    # any failure to open is the finding itself
    except Exception as exc:
        return [f"{name}: cannot be opened ({type(exc).__name__}: {exc})"]
    if not pages:
        return [f"{name}: has no pages"]
    faults: list[str] = []
    try:
        texts = [page.extract_text() or "" for page in pages]
    except Exception as exc:
        texts = [""] * len(pages)
        faults.append(f"{name}: text cannot be extracted ({type(exc).__name__}: {exc})")
    if not any(t.strip() for t in texts):
        faults.append(f"{name}: no page has extractable text")

    root = _resolve(reader.trailer["/Root"])
    mark_info = _resolve(root.get("/MarkInfo")) or {}
    if not _is_true(mark_info.get("/Marked")):
        faults.append(f"{name}: not tagged (/MarkInfo /Marked is not true)")
    struct_root = root.get("/StructTreeRoot")
    if struct_root is None or _resolve(struct_root).get("/K") is None:
        faults.append(f"{name}: no structure tree (/StructTreeRoot with content)")
    elif missing := _figures_without_alt(struct_root):
        faults.append(f"{name}: {missing} figure(s) in the structure tree have no /Alt text")
    lang = str(_resolve(root.get("/Lang")) or "")
    if lang.lower() != EXPECTED_LANG.lower():
        faults.append(f'{name}: document language /Lang is "{lang}", expected "{EXPECTED_LANG}"')
    prefs = _resolve(root.get("/ViewerPreferences")) or {}
    if not _is_true(prefs.get("/DisplayDocTitle")):
        faults.append(f"{name}: viewers show the file name, not the title (/DisplayDocTitle)")
    title = _document_title(reader)
    if not title:
        faults.append(f"{name}: no document title (/Title or XMP dc:title)")
    elif marking and marking not in title:
        faults.append(f'{name}: title "{title}" does not carry the marking {marking}')
    if not reader.outline:
        faults.append(f"{name}: no bookmarks (outline)")

    # text extraction may break a margin-box word across lines: compare without whitespace
    squashed = ["".join(t.split()) for t in texts]
    required = [(marking, marking)] if marking else []
    required += [("DRAFT", "the DRAFT marking")] if draft else []
    for word, label in required:
        missing_pages = [
            i for i, t in enumerate(squashed, start=1) if "".join(word.split()) not in t
        ]
        if missing_pages:
            faults.append(
                f"{name}: {len(missing_pages)} of {len(pages)} page(s) do not show {label}: "
                f"pages {_pages(missing_pages)}"
            )
    return faults


def find_axe_core() -> Path | None:
    """Return axe-core's ``axe.min.js``: env ``AXE_CORE_JS``, else the repository's node_modules."""
    configured = os.environ.get("AXE_CORE_JS")
    candidate = (
        Path(configured)
        if configured
        else repository_root() / "node_modules" / "axe-core" / "axe.min.js"
    )
    return candidate if candidate.is_file() else None


# The report runs in an iframe of the wanted width: headless Chromium will not make its
# window narrower than 500px, and an iframe's viewport is exactly its width. The runner,
# inlined at the end of the report, hands axe's outcome (base64 JSON) to the harness,
# which writes it into its own DOM for --dump-dom to print; nothing is added to the
# scanned page while axe runs.
_AXE_RUNNER = """
(function () {
  function report(payload) {
    var bytes = new TextEncoder().encode(JSON.stringify(payload)), bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    parent.postMessage({axeResult: btoa(bin)}, "*");
  }
  try {
    axe.run(document, {runOnly: {type: "tag", values: TAGS}, resultTypes: ["violations"]})
      .then(function (r) { report({violations: r.violations, width: window.innerWidth}); })
      .catch(function (e) { report({error: String(e)}); });
  } catch (e) { report({error: String(e)}); }
})();
"""
_AXE_HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>axe-core harness</title>
<style>html, body {{ margin: 0; padding: 0; }} iframe {{ border: 0; display: block; }}</style>
</head><body>
<iframe src="page.html" title="page under test" width="{width}" height="{height}"></iframe>
<script>
window.addEventListener("message", function (event) {{
  if (!event.data || !event.data.axeResult) return;
  var out = document.createElement("template");
  out.id = "axe-results";
  out.setAttribute("data-result", event.data.axeResult);
  document.body.appendChild(out);
}});
</script>
</body></html>
"""
_AXE_RESULT = re.compile(r'<template id="axe-results" data-result="([A-Za-z0-9+/=]*)"')
VIEWPORT_HEIGHT = 1024


def _inject_axe(markup: str, axe_js: str) -> str:
    runner = _AXE_RUNNER.replace("TAGS", json.dumps(list(AXE_TAGS)))
    # "</script" inside the library would end the inline element early
    scripts = "".join(
        "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.I) + "</script>"
        for js in (axe_js, runner)
    )
    end = markup.lower().rfind("</body>")
    return markup + scripts if end < 0 else markup[:end] + scripts + markup[end:]


def run_axe(
    html_path: Path,
    *,
    chromium: Path = CHROMIUM,
    axe_js: Path | None = None,
    width: int = DESKTOP_WIDTH,
    timeout: float = AXE_TIMEOUT_SECONDS,
) -> list[dict[str, Any]] | None:
    """Run axe-core's WCAG 2.0-2.2 A/AA rules on a page in headless Chromium; return the violations.

    Returns None when Chromium or axe-core is not installed (the caller skips the scan).
    The page is copied into a temporary folder with axe-core inlined and scanned in a
    viewport ``width`` CSS pixels wide, so nothing is fetched and the original is
    untouched. Raises RuntimeError when Chromium fails or axe reports no result, so a
    broken scan is never taken for a clean one.
    """
    axe_path = axe_js or find_axe_core()
    if axe_path is None or not Path(axe_path).is_file() or not Path(chromium).is_file():
        return None
    markup = Path(html_path).read_text(encoding="utf-8")
    page = _inject_axe(markup, Path(axe_path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="axe-") as tmp:
        folder = Path(tmp)
        (folder / "page.html").write_text(page, encoding="utf-8")
        harness = folder / "harness.html"
        harness.write_text(
            _AXE_HARNESS.format(width=width, height=VIEWPORT_HEIGHT), encoding="utf-8"
        )
        command = [
            str(chromium),
            "--headless",
            "--no-sandbox",  # needed when running as root (CI, containers)
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: resolve no host
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={max(width, 500) + 50},{VIEWPORT_HEIGHT + 50}",
            "--virtual-time-budget=30000",
            "--dump-dom",
            harness.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"Chromium did not finish the axe scan in {timeout:.0f} s") from exc
        finally:
            shutil.rmtree(folder / "profile", ignore_errors=True)
    m = _AXE_RESULT.search(done.stdout)
    if m is None:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise RuntimeError(
            f"axe-core reported no result (Chromium exit code {done.returncode}): {tail}"
        )
    outcome = json.loads(base64.b64decode(m.group(1)).decode("utf-8"))
    if "error" in outcome:
        raise RuntimeError(f"axe-core failed: {outcome['error']}")
    if outcome["width"] != width:
        raise RuntimeError(f"axe-core ran {outcome['width']}px wide, not {width}px")
    return outcome["violations"]


def describe_violations(violations: list[dict[str, Any]]) -> list[str]:
    """One line per axe violation: rule id, impact, help text, node count and first target."""
    lines = []
    for v in violations:
        nodes = v.get("nodes") or [{}]
        target = nodes[0].get("target", [])
        lines.append(
            f"{v.get('id')} ({v.get('impact')}): {v.get('help')}; "
            f"{len(v.get('nodes') or [])} element(s), first {' '.join(map(str, target))}"
        )
    return lines
