"""The reviews chapter's plots: each returns a Figure, takes an optional ``ax``, never shows."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from safeguarding_assurance.contract.published import SUPPRESSED
from safeguarding_assurance.present.charts.style import LABEL_SIZE, PALETTE, PRIMARY, TEXT, new_axes


def plot_review_trend(trend: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Draw grouped bars per reporting year, one per count column, each labelled with its value.

    ``trend`` has ``Reporting year`` first, then one column per measure. Bars
    rather than lines: notifications and rapid reviews are often equal, and equal
    lines would hide each other.
    """
    fig, ax = new_axes(ax, height=2.6)
    measures = list(trend.columns[1:])
    width = 0.8 / max(len(measures), 1)
    positions = np.arange(len(trend))
    for i, measure in enumerate(measures):
        values = pd.to_numeric(trend[measure]).to_numpy(dtype="float64")
        bars = ax.bar(
            positions + (i - (len(measures) - 1) / 2) * width,
            values,
            width,
            label=measure,
            color=PALETTE[i % len(PALETTE)],
        )
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=2, fontsize=LABEL_SIZE)
    ax.set_xticks(positions, [str(y) for y in trend.iloc[:, 0]])
    ax.set_xlabel("Reporting year")
    ax.set_ylabel("Number")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.margins(y=0.15)
    ax.legend(frameon=False, fontsize=LABEL_SIZE, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="x", visible=False)
    return fig


def plot_breakdown(marks: pd.DataFrame, *, xlabel: str, ax: Axes | None = None) -> Figure:
    """Draw horizontal bars from :func:`disclosure.chart_marks`: a suppressed count gets no bar.

    A bar is drawn only where ``value`` is shown; every category carries its
    ``label`` (the count, or ``[c]``), so a hidden value never reaches the chart, not
    even through the axis range.
    """
    fig, ax = new_axes(ax, height=max(1.5, 0.3 * len(marks) + 0.8))
    positions = range(len(marks))
    shown = marks["value"].notna().to_numpy()
    values = marks["value"].fillna(0).to_numpy()
    ax.barh([p for p, s in zip(positions, shown, strict=True) if s], values[shown], color=PRIMARY)
    top = float(values[shown].max()) if shown.any() else 0.0
    for p, v, text in zip(positions, values, marks["label"], strict=True):
        ax.text(
            v + top * 0.01, p, f" {text}", va="center", ha="left", color=TEXT, fontsize=LABEL_SIZE
        )
    ax.set_yticks(list(positions), [str(c) for c in marks["category"]])
    ax.set_ylim(len(marks) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    ax.xaxis.get_major_locator().set_params(integer=True)  # counts: no 0.2 of a review
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return fig


def describe_marks(marks: pd.DataFrame, what: str) -> str:
    """Return alt text for a bar chart, read from the published marks (``[c]`` stays ``[c]``)."""
    items = "; ".join(
        f"{c}: {lab}" for c, lab in zip(marks["category"], marks["label"], strict=True)
    )
    text = f"Bar chart of {what}. {items}."
    if (marks["label"] == SUPPRESSED).any():
        text += f" {SUPPRESSED} marks a count suppressed to protect the children concerned."
    return text
