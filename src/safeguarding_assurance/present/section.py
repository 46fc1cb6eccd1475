"""Sections: the only thing a report can show.

A chapter function builds a :class:`Section` (headings, sentences, tables, charts with
their alt text and data, notes, facts) and returns it; the notebook displays it. A
section shows itself richly in JupyterLab, and its display carries a stamp (the MIME
type :data:`SECTION_MIME`) holding what the report publishes from it. The report keeps
stamped outputs only: any other output of a notebook cell (a stray ``display(df)``, a
frame left as a cell's last line) never reaches a published report; in a public run it
stops the run.

Disclosure control is a property of the types: a section for the public audience
accepts tables only as :class:`~safeguarding_assurance.disclosure.DisclosedTable`
objects that the disclosure module issued for public use; a raw frame is refused.

An analyst can take a section's table or chart, change it and show the section again::

    section = priorities_chapter.show_actions_overview(chapter, tables)
    fig = section.chart("pri_actions_by_priority").figure
    fig.axes[0].set_ylim(0, 100)
    section                      # shown again, with the adjusted chart
"""

from __future__ import annotations

import base64
import copy
import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from safeguarding_assurance.disclosure import DisclosedTable, DisclosureError, internal_only
from safeguarding_assurance.present.tables import table_html, to_published_frame

SECTION_MIME = "application/vnd.safeguarding-assurance.section+json"
PAYLOAD_VERSION = 1
NAME_PATTERN = re.compile(r"[a-z0-9_]+")
AUDIENCES = ("public", "internal")


def check_name(name: str) -> str:
    """Return ``name`` if it can name a published file (lower-case letters, digits, ``_``)."""
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"output name {name!r} must be lower-case letters, digits and _")
    return name


# ------------------------------------------------------------------------ parts


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (levels as in the notebook's Markdown: 3 is a sub-section)."""

    text: str
    level: int = 3

    def html(self) -> str:
        """The heading as HTML."""
        level = min(max(self.level, 2), 6)
        return f"<h{level}>{html.escape(self.text)}</h{level}>"


@dataclass(frozen=True)
class Paragraph:
    """Sentences built from figures; always escaped."""

    text: str
    css_class: str | None = None

    def html(self) -> str:
        """The paragraph as HTML."""
        cls = f' class="{self.css_class}"' if self.css_class else ""
        return f"<p{cls}>{html.escape(self.text)}</p>"


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of escaped sentences."""

    items: tuple[str, ...]

    def html(self) -> str:
        """The list as HTML."""
        return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in self.items) + "</ul>"


@dataclass(frozen=True)
class Table:
    """A published table: its disclosed figures, its name (``tables/<name>.csv``) and caption."""

    name: str
    caption: str
    data: DisclosedTable
    note: str | None = None
    row_headers: bool = True
    detail: bool = False  # folded in the HTML, left to tables/ in print: detail, not message
    chart: str | None = None  # the chart whose data it holds, which names its file in print
    elsewhere: bool = False  # a detail table whose figures print shows in words or elsewhere

    @property
    def frame(self) -> pd.DataFrame:
        """The table as shown, to read or change (a copy)."""
        return self.data.frame

    def html(self) -> str:
        """The table as accessible HTML; a detail table folded in a ``<details>`` element."""
        markup = table_html(
            self.data.display,
            self.caption,
            table_id=f"table-{self.name}",
            note=self.note,
            row_headers=self.row_headers,
        )
        if not self.detail:
            return markup
        return (
            f'<details class="detail" id="detail-{self.name}"><summary>'
            f'{html.escape(_full_stop(self.caption))} <span class="detail-where">'
            f"Table: tables/{self.name}.csv</span></summary>{markup}</details>"
        )

    def published(self) -> dict[str, Any]:
        """The table exactly as its CSV file publishes it: text cells, formulas neutralised."""
        frame = to_published_frame(self.data.display)
        return {
            "name": self.name,
            "caption": self.caption,
            "note": self.note or "",
            # where print shows it: in place, beside its chart (by file), or in the appendix
            "print": (
                "shown"
                if not self.detail
                else "chart"
                if self.chart
                else "elsewhere"
                if self.elsewhere
                else "appendix"
            ),
            "columns": [str(c) for c in frame.columns],
            "rows": frame.to_numpy(dtype=object).tolist(),
        }


@dataclass(frozen=True)
class Chart:
    """A chart: a title that states its message, what it plots, its source, real alt text.

    The title, subtitle (``caption``: what is plotted, over which years) and source line
    are text in the report beside the image, so they never get cut off and a screen
    reader reads them. The figure is kept so an analyst can change it; it is drawn as
    PNG each time the section is shown.
    """

    name: str
    figure: Figure
    alt: str
    caption: str
    data_shown: str | None = None  # the caption of the table above that holds its data
    title: str | None = None
    source: str | None = None
    detail: bool = False  # shown in the HTML, left out of print with a pointer to its file
    data_file: str | None = None  # the detail table above that holds its data (by name)

    def png(self) -> bytes:
        """The chart as PNG (no ``bbox_inches="tight"``: the charts use constrained layout)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        return buffer.getvalue()

    def html(self, png: bytes) -> str:
        """The chart as a figure: title and subtitle, image with alt text, source line.

        The image links to the published file at full size, for a reader on a small
        screen (the link is followed only when the reader chooses; nothing is fetched
        to display the report).
        """
        src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        esc = html.escape
        title = (
            f'<span class="chart-title">{esc(_full_stop(self.title))}</span> ' if self.title else ""
        )
        notes = []
        if self.source:
            notes.append(_full_stop(self.source))
        if self.data_file:  # a table folded in the HTML and left out of print
            notes.append(f"The chart's data are in tables/{self.data_file}.csv.")
        elif self.data_shown:
            notes.append(f"The chart's data are in the table above: {_full_stop(self.data_shown)}")
        source = f'<p class="chart-source">{esc(" ".join(notes))}</p>' if notes else ""
        kind = "chart print-detail" if self.detail else "chart"
        figure = (
            f'<figure class="{kind}" id="figure-{self.name}">'
            f'<figcaption>{title}<span class="chart-subtitle">{esc(_full_stop(self.caption))}'
            "</span></figcaption>"
            f'<a class="chart-link" href="figures/{self.name}.png"><img src="{src}" '
            f'alt="{esc(self.alt, quote=True)}"/></a>{source}</figure>'
        )
        if self.detail:
            said = _full_stop(self.title or self.caption)
            figure += (
                f'<p class="print-only detail-where">{esc(said)} Chart in the HTML report and '
                f"figures/{self.name}.png.</p>"
            )
        return figure


@dataclass(frozen=True)
class Notice:
    """A warning for the data owner: shown in the section and printed after the run."""

    text: str

    def html(self) -> str:
        """The warning as HTML."""
        return f'<p class="warning">{html.escape(self.text)}</p>'


Part = Heading | Paragraph | Bullets | Table | Chart | Notice


# ------------------------------------------------------------------------ the section


@dataclass
class Section:
    """What one call of a chapter function shows: built part by part, then displayed.

    Parameters
    ----------
    audience
        ``public`` (disclosure control applies: tables must be disclosed for public
        use) or ``internal``.
    """

    audience: str
    parts: list[Part] = field(default_factory=list)
    fact_blocks: dict[str, dict[str, Any]] = field(default_factory=dict)
    briefing: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise ValueError(f"audience must be public or internal, not {self.audience!r}")

    @property
    def public(self) -> bool:
        """Whether the contract's disclosure control applies."""
        return self.audience == "public"

    # ---------------------------------------------------------------- building

    def heading(self, text: str, level: int = 3) -> Section:
        """Add a heading (level as in the notebook's Markdown)."""
        self.parts.append(Heading(text, level))
        return self

    def text(self, *sentences: str, css_class: str | None = None) -> Section:
        """Add a paragraph of sentences built from figures (blank sentences are left out)."""
        body = " ".join(s for s in sentences if s)
        if body:
            self.parts.append(Paragraph(body, css_class))
        return self

    def bullets(self, items: list[str]) -> Section:
        """Add a bulleted list."""
        if items:
            self.parts.append(Bullets(tuple(items)))
        return self

    def _disclosed(self, data: DisclosedTable | pd.DataFrame, name: str) -> DisclosedTable:
        if isinstance(data, DisclosedTable):
            if self.public and not data.public:
                raise DisclosureError(
                    f"table {name!r} was made for the internal audience ({data.basis}); "
                    "a public section takes only tables disclosed for public use"
                )
            return data
        if isinstance(data, pd.DataFrame):
            if self.public:
                raise DisclosureError(
                    f"table {name!r} is a raw frame: a public section takes only tables that "
                    "have passed disclosure control (disclosure.disclose_counts, "
                    "disclose_themes, or release for figures that describe no child)"
                )
            return internal_only(data)
        raise TypeError(f"table {name!r} must be a DisclosedTable or a DataFrame")

    def table(
        self,
        data: DisclosedTable | pd.DataFrame,
        name: str,
        caption: str,
        *,
        note: str | None = None,
        row_headers: bool = True,
        detail: bool = False,
        elsewhere: bool = False,
    ) -> Section:
        """Add a table, published as ``tables/<name>.csv``; missing values show as ``[z]``.

        A ``detail`` table (a quarterly series, a per-agency breakdown) is folded in the
        HTML and left out of the printed report, whose appendix lists its file. With
        ``elsewhere``, the printed report already shows its figures (in the words above,
        or in another table), so the appendix does not list it.
        """
        check_name(name)
        disclosed = self._disclosed(data, name)
        self.parts.append(
            Table(name, caption, disclosed, note, row_headers, detail, elsewhere=elsewhere)
        )
        return self

    def figure(
        self,
        fig: Figure,
        name: str,
        alt: str,
        caption: str,
        *,
        data: DisclosedTable | pd.DataFrame | None = None,
        data_caption: str | None = None,
        note: str | None = None,
        data_shown: str | None = None,
        data_detail: bool = True,
        title: str | None = None,
        source: str | None = None,
        detail: bool = False,
    ) -> Section:
        """Add a chart with real alt text and a caption, then its data as a table.

        Where the chart's data are in a table added just before it, pass that table's
        caption as ``data_shown`` instead of ``data``: the caption points to it and the
        same figures are not printed twice. The data table is a detail table (folded in
        the HTML, in ``tables/`` for print) unless ``data_detail`` is false. ``title``
        states the chart's message ("Re-referrals fell for the third year"); ``caption``
        says what is plotted and over which years; ``source`` names the register and the
        day it was extracted. A ``detail`` chart is shown in the HTML and left out of the
        printed report, which names it instead.
        """
        plt.close(fig)  # the inline backend must never show it again without alt text
        check_name(name)
        if not alt.strip() or alt.strip().lower().startswith("no description"):
            raise ValueError(f"figure {name!r} needs real alt text")
        if data is None and data_shown is None:
            raise ValueError(f"figure {name!r} needs its data as a table (data or data_shown)")
        shown = [p for p in self.parts if isinstance(p, Table) and p.caption == data_shown]
        if data_shown is not None and not shown:
            raise ValueError(
                f"figure {name!r}: no table captioned {data_shown!r} precedes it in this section"
            )
        data_file = None
        if shown and shown[-1].detail:  # the table above is folded: print names its file
            data_file = shown[-1].name
            at = len(self.parts) - 1 - self.parts[::-1].index(shown[-1])
            self.parts[at] = replace(shown[-1], chart=name)
        disclosed = self._disclosed(data, f"{name}_data") if data is not None else None
        if disclosed is not None and data_detail:
            data_file = f"{name}_data"
        self.parts.append(
            Chart(name, fig, alt, caption, data_shown, title, source, detail, data_file)
        )
        if disclosed is not None:
            self.parts.append(
                Table(
                    f"{name}_data",
                    data_caption or f"Data for the chart: {caption}",
                    disclosed,
                    note,
                    detail=data_detail,
                    chart=name if data_detail else None,
                )
            )
        return self

    def facts(
        self,
        block: str,
        current: dict[str, Any],
        previous: dict[str, Any] | None = None,
        *,
        keys: Iterable[str] | None = None,
    ) -> Section:
        """Record a ``facts.json`` block for this year, with last year's from the same run.

        ``keys`` narrows both years' figures to the block's keys, in that order.
        """
        if keys is not None:
            keys = list(keys)
            current = {key: current[key] for key in keys}
            if previous is not None:
                previous = {key: previous[key] for key in keys}
        self.fact_blocks[check_name(block)] = {"current": current, "previous": previous}
        return self

    def brief(self, name: str, data: Any) -> Section:
        """Hand the report figures it needs for its first pages (never shown by this section).

        For example the priorities chapter hands each indicator's figures and status, from
        which the report writes "Where progress was limited". Must be JSON.
        """
        self.briefing[check_name(name)] = data
        return self

    def warn(self, message: str) -> Section:
        """Add a warning for the data owner (shown, and printed after the run)."""
        self.parts.append(Notice(message.replace("\n", " ")))
        return self

    # ---------------------------------------------------------------- reading

    @property
    def tables(self) -> list[Table]:
        """The tables, in order."""
        return [p for p in self.parts if isinstance(p, Table)]

    @property
    def charts(self) -> list[Chart]:
        """The charts, in order."""
        return [p for p in self.parts if isinstance(p, Chart)]

    @property
    def warnings(self) -> list[str]:
        """The warnings, in order."""
        return [p.text for p in self.parts if isinstance(p, Notice)]

    def table_named(self, name: str) -> Table:
        """The table published as ``tables/<name>.csv``."""
        return _named(self.tables, name, "table")

    def chart(self, name: str) -> Chart:
        """The chart published as ``figures/<name>.png``."""
        return _named(self.charts, name, "chart")

    # ---------------------------------------------------------------- changing

    def with_table(self, name: str, data: DisclosedTable | pd.DataFrame) -> Section:
        """A copy with one table's figures replaced (disclosed for this audience)."""
        old = self.table_named(name)
        new = replace(old, data=self._disclosed(data, name))
        return self._with_part(old, new)

    def with_chart(self, name: str, figure: Figure, alt: str | None = None) -> Section:
        """A copy with one chart replaced (its alt text too, when the message changed)."""
        plt.close(figure)
        old = self.chart(name)
        return self._with_part(old, replace(old, figure=figure, alt=alt or old.alt))

    def _with_part(self, old: Part, new: Part) -> Section:
        parts = [new if p is old else p for p in self.parts]
        return Section(
            self.audience, parts, copy.deepcopy(self.fact_blocks), copy.deepcopy(self.briefing)
        )

    # ---------------------------------------------------------------- showing

    def _render(self) -> tuple[str, list[dict[str, str]]]:
        pieces, figures = [], []
        for part in self.parts:
            if isinstance(part, Chart):
                png = part.png()
                figures.append({"name": part.name, "png": base64.b64encode(png).decode("ascii")})
                pieces.append(part.html(png))
            else:
                pieces.append(part.html())
        return "".join(pieces), figures

    def payload(self, figures: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """What the report publishes from this section (the stamp's content)."""
        if figures is None:
            figures = self._render()[1]
        return {
            "version": PAYLOAD_VERSION,
            "audience": self.audience,
            "tables": [t.published() for t in self.tables],
            "figures": figures,
            "facts": self.fact_blocks,
            "briefing": self.briefing,
            "warnings": self.warnings,
        }

    def html(self) -> str:
        """The section as HTML, as the report shows it."""
        return self._render()[0]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        markup, figures = self._render()
        return {
            "text/html": markup,
            "text/plain": self._plain(),
            SECTION_MIME: self.payload(figures),
        }

    def _plain(self) -> str:
        lines = [f"Section ({self.audience}):"]
        for part in self.parts:
            if isinstance(part, Table):
                lines.append(f"  table {part.name}: {part.caption}")
            elif isinstance(part, Chart):
                lines.append(f"  chart {part.name}: {part.caption}")
            elif isinstance(part, Heading):
                lines.append(f"  {part.text}")
        return "\n".join(lines)

    def __iter__(self) -> Iterator[Part]:
        return iter(self.parts)


def _full_stop(text: str) -> str:
    """A caption as a sentence: ending with a full stop (or other closing mark)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def _named(items: list[Any], name: str, what: str) -> Any:
    for item in items:
        if item.name == name:
            return item
    raise KeyError(f"no {what} named {name!r} in this section")
