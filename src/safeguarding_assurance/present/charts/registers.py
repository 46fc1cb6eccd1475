"""Charts for the optional registers' chapters: year-on-year bars and audit rating shares.

Every plot returns a :class:`~matplotlib.figure.Figure`, takes an optional ``ax``, and
never shows or saves; its title and source are the report's, around the image. Colour
never carries meaning alone: each series has its own hatching as well as its colour,
every bar or segment carries its value on a white ground, and the legend names each
series in the order the bars are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from safeguarding_assurance.present.charts import training as training_charts
from safeguarding_assurance.present.charts.style import (
    LABEL_SIZE,
    MUTED,
    PALETTE,
    PRIMARY,
    new_axes,
)
from safeguarding_assurance.present.charts.training import THOUSANDS, _legend_on_top

TEXT = "#1a1a1a"
# colour and hatching per series, in order: blue plain, grey hatched, vermilion crossed
# (each at least 3:1 against white, WCAG 1.4.11)
STYLES: tuple[tuple[str, str], ...] = (
    (PRIMARY, ""),
    ("#767676", "//"),
    (PALETTE[1], "xx"),
    (PALETTE[2], ".."),
)
WHITE_GROUND = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}


def _values(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").astype("float64").to_numpy()


def plot_year_bars(
    trend: pd.DataFrame,
    series: dict[str, str],
    *,
    ylabel: str,
    label_format: str = "{:,.0f}",
    ax: Axes | None = None,
) -> Figure:
    """Draw grouped bars over ``reporting_year``, one per column of ``series`` (column -> label).

    Each bar carries its value; a missing value is drawn at zero and labelled ``[z]``.
    """
    fig, ax = new_axes(ax, height=2.4)
    x = np.arange(len(trend))
    n = max(len(series), 1)
    width = 0.8 / n
    top = 0.0
    for i, (column, label) in enumerate(series.items()):
        values = _values(trend, column)
        colour, hatch = STYLES[i % len(STYLES)]
        bars = ax.bar(
            x - 0.4 + width * (i + 0.5),
            np.nan_to_num(values),
            width=width * 0.92,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=label,
        )
        texts = ["[z]" if np.isnan(v) else label_format.format(v) for v in values]
        for text in ax.bar_label(bars, labels=texts, padding=2, fontsize=LABEL_SIZE, color=TEXT):
            text.set_bbox(WHITE_GROUND)
        if np.isfinite(values).any():
            top = max(top, float(np.nanmax(values)))
    ax.set_xticks(x, [str(y) for y in trend["reporting_year"]])
    ax.set_ylim(0, top * 1.2 if top > 0 else 1)
    ax.set_xlabel("Reporting year")
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="x", visible=False)
    _legend_on_top(ax)
    return fig


def plot_shares(
    trend: pd.DataFrame,
    series: dict[str, str],
    *,
    empty_label: str = "none",
    ax: Axes | None = None,
) -> Figure:
    """Draw one horizontal bar per year split into shares (percentages adding up to 100).

    ``series`` maps the percentage columns to their labels, left to right. A segment of
    at least 6% carries its value; a year with no shares (all missing) says ``empty_label``.
    """
    years = [str(y) for y in trend["reporting_year"]]
    fig, ax = new_axes(ax, height=max(2.0, 0.42 * len(years) + 1.2))
    y = np.arange(len(years))
    left = np.zeros(len(years))
    for i, (column, label) in enumerate(series.items()):
        values = np.nan_to_num(_values(trend, column))
        colour, hatch = STYLES[i % len(STYLES)]
        ax.barh(
            y,
            values,
            left=left,
            height=0.6,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=label,
        )
        for yi, (start, width) in enumerate(zip(left, values, strict=True)):
            if width >= 6:
                ax.text(
                    start + width / 2,
                    yi,
                    f"{width:.1f}%",
                    ha="center",
                    va="center",
                    fontsize=LABEL_SIZE,
                    color=TEXT,
                    bbox=WHITE_GROUND,
                )
        left = left + values
    for yi, total in enumerate(left):
        if total == 0:
            ax.text(2, yi, empty_label, va="center", fontsize=LABEL_SIZE, color=MUTED)
    ax.set_yticks(y, years)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Per cent")
    ax.grid(axis="y", visible=False)
    _legend_on_top(ax)
    return fig


def plot_paired_bars(data: pd.DataFrame, **options: Any) -> Figure:
    """The training chapter's paired bars (this year beside last year).

    Amounts in pounds are wide: the value axis keeps at most five ticks, so they never
    run into each other.
    """
    fig = training_charts.plot_paired_bars(data, **options)
    fig.axes[0].xaxis.set_major_locator(MaxNLocator(nbins=4))
    return fig


def money_labels(values: Sequence[float | None]) -> list[str]:
    """Bar labels for amounts in whole pounds: ``£10,235``; ``[z]`` where there is none."""
    return ["[z]" if v is None or pd.isna(v) else f"£{v:,.0f}" for v in values]
