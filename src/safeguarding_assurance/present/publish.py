"""What a notebook calls to show and record a table, a chart, a sentence or a fact.

Each call does two things at once, so the report and the files beside it cannot
disagree: it displays accessible HTML in the notebook (which becomes the report)
and writes the same content under the run's ``output_dir`` (``tables/``,
``figures/``, ``facts/``).
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from safeguarding_assurance.present.tables import table_html, write_table_csv

NAME_PATTERN = re.compile(r"[a-z0-9_]+")
FACTS_DIR = "facts"


def _display_html(markup: str, plain: str) -> None:
    from IPython.display import display

    display({"text/html": markup, "text/plain": plain}, raw=True)


def _check_name(name: str) -> str:
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"output name {name!r} must be lower-case letters, digits and _")
    return name


@dataclass
class Publisher:
    """Shows and records a chapter's tables, figures, sentences and facts.

    Parameters
    ----------
    output_dir
        The run's output folder (the runner's staging folder, or ``outputs/scratch``).
    audience
        ``public`` or ``internal``; chapters ask :attr:`public` before showing detail.
    show
        Display in the notebook (off in unit tests, which read the files instead).
    """

    output_dir: Path
    audience: str
    show: bool = True
    names: set[str] = field(default_factory=set)

    @property
    def public(self) -> bool:
        """Whether the contract's disclosure control applies."""
        return self.audience == "public"

    def _claim(self, name: str) -> str:
        _check_name(name)
        if name in self.names:
            raise ValueError(f"output name {name!r} is used twice in one run")
        self.names.add(name)
        return name

    def heading(self, text: str, level: int = 3) -> None:
        """Show a heading inside a section (level as in the notebook's Markdown)."""
        if self.show:
            level = min(max(level, 2), 6)
            _display_html(f"<h{level}>{html.escape(text)}</h{level}>", text)

    def text(self, *sentences: str, css_class: str | None = None) -> None:
        """Show a paragraph built from figures; the text is escaped."""
        body = " ".join(s for s in sentences if s)
        if self.show and body:
            cls = f' class="{css_class}"' if css_class else ""
            _display_html(f"<p{cls}>{html.escape(body)}</p>", body)

    def bullets(self, items: list[str]) -> None:
        """Show a bulleted list of escaped sentences."""
        if self.show and items:
            li = "".join(f"<li>{html.escape(i)}</li>" for i in items)
            _display_html(f"<ul>{li}</ul>", "\n".join(f"- {i}" for i in items))

    def table(
        self,
        df: pd.DataFrame,
        name: str,
        caption: str,
        *,
        note: str | None = None,
        row_headers: bool = True,
    ) -> None:
        """Show a table with its caption and write it to ``tables/<name>.csv`` as published.

        ``df`` is the display frame: suppressed cells already hold ``[c]``; missing
        values are shown and written as ``[z]``.
        """
        self._claim(name)
        write_table_csv(df, self.output_dir / "tables" / f"{name}.csv")
        if self.show:
            markup = table_html(
                df, caption, table_id=f"table-{name}", note=note, row_headers=row_headers
            )
            _display_html(markup, caption)

    def figure(
        self,
        fig: Figure,
        name: str,
        alt: str,
        caption: str,
        *,
        data: pd.DataFrame | None = None,
        data_caption: str | None = None,
        note: str | None = None,
        data_shown: str | None = None,
    ) -> None:
        """Show a chart with real alt text and a caption, save it, then show its data table.

        The figure is written to ``figures/<name>.png`` and closed, so the notebook's
        inline backend never shows it a second time without alt text. Where the chart's
        data are already in a table shown just before it, pass that table's caption as
        ``data_shown`` instead of ``data``: the caption points to it, and the same
        figures are not printed twice.
        """
        if not alt.strip() or alt.strip().lower().startswith("no description"):
            plt.close(fig)
            raise ValueError(f"figure {name!r} needs real alt text")
        self._claim(name)
        buffer = io.BytesIO()
        # no bbox_inches="tight": it draws every figure twice; the charts use constrained layout
        fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        plt.close(fig)
        png = buffer.getvalue()
        path = self.output_dir / "figures" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
        pointer = f" The chart's data are in the table above: {data_shown}." if data_shown else ""
        if self.show:
            src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            markup = (
                f'<figure class="chart" id="figure-{name}"><img src="{src}" '
                f'alt="{html.escape(alt, quote=True)}"/>'
                f"<figcaption>{html.escape(caption)}{pointer}</figcaption></figure>"
            )
            _display_html(markup, caption)
        if data is not None:
            self.table(
                data, f"{name}_data", data_caption or f"Data for the chart: {caption}", note=note
            )

    def facts(
        self, section: str, current: dict[str, Any], previous: dict[str, Any] | None = None
    ) -> None:
        """Record a ``facts.json`` block for this year, with last year's from the same run."""
        path = self.output_dir / FACTS_DIR / f"{_check_name(section)}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        # allow_nan=False: a NaN must be null (the contract), never invalid JSON
        path.write_text(
            json.dumps({"current": current, "previous": previous}, indent=2, allow_nan=False)
            + "\n",
            encoding="utf-8",
        )

    def warn(self, message: str) -> None:
        """Record a warning the runner prints after the run (and show it in the notebook)."""
        path = self.output_dir / FACTS_DIR / "warnings.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(message.replace("\n", " ") + "\n")
        if self.show:
            _display_html(f'<p class="warning">{html.escape(message)}</p>', message)


def read_facts(output_dir: Path) -> dict[str, dict[str, Any]]:
    """Read every recorded facts block: ``{section: {"current": ..., "previous": ...}}``."""
    folder = output_dir / FACTS_DIR
    if not folder.is_dir():
        return {}
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))
    }
