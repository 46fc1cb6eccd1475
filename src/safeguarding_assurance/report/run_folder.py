"""A published run folder read back: its facts, its tables, and what the report says of them.

The committee papers (cover report and spreadsheet) are made from what a run published,
never from the registers, so they can be made again later without running the
notebooks and can never show a figure the report does not. Table captions and notes
and the charts' alt text come from ``report.html``, where the report shows them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from safeguarding_assurance.errors import AssuranceError

# the executive summary is one CSV but is shown as one table per area in the report
SUMMARY_CAPTION = "Headline figures, this year and last year"


class RunFolderError(AssuranceError):
    """The run folder asked for does not exist or is incomplete (exit status 2)."""

    exit_status = 2


@dataclass(frozen=True)
class PublishedTable:
    """One ``tables/<name>.csv`` exactly as published (text cells), with its caption and note."""

    name: str
    columns: list[str]
    rows: list[list[str]]
    caption: str
    note: str = ""

    def column(self, name: str) -> list[str]:
        """The cells of one column, top to bottom."""
        i = self.columns.index(name)
        return [r[i] if i < len(r) else "" for r in self.rows]


@dataclass
class RunFolder:
    """What one published folder (``outputs/<year>/<audience>/``) holds."""

    path: Path
    facts: dict[str, Any]
    tables: dict[str, PublishedTable]
    figures: dict[str, Path]
    alt_texts: dict[str, str] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def audience(self) -> str:
        """``public`` or ``internal``, as ``facts.json`` says."""
        return str(self.facts.get("audience", self.path.name))

    @property
    def year(self) -> str:
        """The reporting year, as ``facts.json`` says."""
        return str(self.facts.get("reporting_year", self.path.parent.name))

    def table(self, name: str) -> PublishedTable | None:
        """The published table of that name, or ``None`` when the run did not publish it."""
        return self.tables.get(name)


def read_csv_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(columns, rows) of a published CSV, every cell as the text it holds."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f)]
    if not rows:
        return [], []
    return rows[0], [r for r in rows[1:] if any(c != "" for c in r)]


class _ReportReader(HTMLParser):
    """Captions and notes of ``<table id="table-NAME">`` and alt text of ``figure-NAME`` charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.captions: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.alts: dict[str, str] = {}
        self._table: str | None = None  # the table whose caption or note is being read
        self._last_table: str | None = None
        self._in: str | None = None  # "caption" or "note"
        self._text: list[str] = []
        self._figure: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        ident = a.get("id", "")
        if tag == "table" and ident.startswith("table-"):
            self._table = self._last_table = ident[len("table-") :]
        elif tag == "caption" and self._table:
            self._in, self._text = "caption", []
        elif tag == "p" and "table-note" in a.get("class", "").split() and self._last_table:
            self._in, self._text = "note", []
        elif tag == "figure" and ident.startswith("figure-"):
            self._figure = ident[len("figure-") :]
        elif tag == "img" and self._figure and a.get("alt", "").strip():
            self.alts[self._figure] = a["alt"].strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._in == "caption" and self._table:
            self.captions.setdefault(self._table, " ".join("".join(self._text).split()))
            self._in = None
        elif tag == "p" and self._in == "note" and self._last_table:
            self.notes.setdefault(self._last_table, " ".join("".join(self._text).split()))
            self._in = None
        elif tag == "table":
            self._table = None
        elif tag == "div":
            self._last_table = None if self._table is None else self._last_table
        elif tag == "figure":
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)


def _humane(name: str) -> str:
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def read_run_folder(path: Path) -> RunFolder:
    """Read a published run folder; raise :class:`RunFolderError` when it is not one."""
    facts_path = path / "facts.json"
    if not facts_path.is_file():
        raise RunFolderError(
            f"no finished run in {path}: facts.json is missing. Run the year first "
            "(assurance run --year YYYY-YY)"
        )
    try:
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunFolderError(f"{facts_path} cannot be read ({exc}); run the year again") from None
    if not isinstance(facts, dict):
        raise RunFolderError(f"{facts_path} is not a facts document; run the year again")
    reader = _ReportReader()
    report = path / "report.html"
    if report.is_file():
        reader.feed(report.read_text(encoding="utf-8"))
    tables: dict[str, PublishedTable] = {}
    for csv_path in sorted((path / "tables").glob("*.csv")):
        name = csv_path.stem
        columns, rows = read_csv_table(csv_path)
        caption = reader.captions.get(name) or (
            SUMMARY_CAPTION if name == "executive_summary" else _humane(name)
        )
        tables[name] = PublishedTable(name, columns, rows, caption, reader.notes.get(name, ""))
    figures = {p.stem: p for p in sorted((path / "figures").glob("*.png"))}
    manifest: dict[str, Any] = {}
    try:
        loaded = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        manifest = loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError):
        manifest = {}
    return RunFolder(path, facts, tables, figures, reader.alts, manifest)
