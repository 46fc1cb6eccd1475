"""One place for the chart theme and palette, and chart helpers shared by the chapters.

Plot functions return a :class:`~matplotlib.figure.Figure`, take an optional ``ax``,
and never show or save (the publisher does). Colour is never the only carrier of
meaning: bars carry direct value labels and lines carry end labels and markers.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

# Okabe-Ito, the colour-blind-safe palette, keeping only the colours with at least 3:1
# contrast on white (WCAG 1.4.11): blue 5.2, vermilion 3.9, green 3.4, purple 3.1,
# black 21; wine (8.7, from Tol's palette) stands in for sky blue and orange (2.3).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#882255"]
PRIMARY = PALETTE[0]
MUTED = "#595959"  # 7:1 on white: text and reference lines
FIG_WIDTH = 7.0  # inches: fits A4 portrait within margins


def apply_theme() -> None:
    """Set the seaborn/matplotlib theme once for every chart.

    Mathematical text is off: matplotlib reads text between two ``$`` as mathematics, so
    an indicator named "Spend $ 100% $ of plan" would fail to draw. Every label, title
    and tick comes from the registers or the parameters and is drawn as written.
    """
    sns.set_theme(
        style="whitegrid",
        palette=PALETTE,
        font="DejaVu Sans",
        rc={
            "axes.edgecolor": MUTED,
            "axes.labelcolor": "#1a1a1a",
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "grid.color": "#d9d9d9",
            "xtick.color": "#1a1a1a",
            "ytick.color": "#1a1a1a",
            "figure.dpi": 100,
            "savefig.facecolor": "white",
            "text.parse_math": False,
        },
    )


def new_axes(ax: Axes | None = None, height: float = 3.2) -> tuple[Figure, Axes]:
    """Return ``(figure, axes)``: the given axes' figure, or a new report-width figure."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, height), layout="constrained")
    return fig, ax


def plot_bars(
    data: pd.DataFrame,
    category: str,
    value: str,
    *,
    title: str,
    xlabel: str,
    label_format: str = "{:,.0f}",
    labels: list[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Horizontal bars, one per row of ``data``, each labelled with its value.

    ``labels`` overrides the printed label per bar (for example ``[c]`` for a
    suppressed count, whose bar is then drawn at zero).
    """
    fig, ax = new_axes(ax, height=max(1.6, 0.45 * len(data) + 1.0))
    values = pd.to_numeric(data[value], errors="coerce").fillna(0)
    cats = [str(c) for c in data[category]]
    ax.barh(cats, values, color=PRIMARY)
    ax.invert_yaxis()
    texts = labels or [label_format.format(v) for v in values]
    top = float(values.max()) if len(values) else 0.0
    for i, (v, t) in enumerate(zip(values, texts, strict=True)):
        ax.text(v + top * 0.01, i, f" {t}", va="center", ha="left", color="#1a1a1a", fontsize=9)
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.grid(axis="y", visible=False)
    return fig


def plot_trend(
    data: pd.DataFrame,
    x: str,
    y: str,
    *,
    title: str,
    ylabel: str,
    series: str | None = None,
    label_format: str = "{:,.0f}",
    ax: Axes | None = None,
) -> Figure:
    """Lines with markers over reporting years, each point labelled with its value."""
    fig, ax = new_axes(ax)
    groups = [(None, data)] if series is None else list(data.groupby(series, sort=False))
    markers = ["o", "s", "^", "D", "v", "P"]
    for i, (name, part) in enumerate(groups):
        ys = pd.to_numeric(part[y], errors="coerce")
        ax.plot(
            part[x].astype(str),
            ys,
            marker=markers[i % len(markers)],
            color=PALETTE[i % len(PALETTE)],
            label=None if name is None else str(name),
        )
        for xv, yv in zip(part[x].astype(str), ys, strict=True):
            if pd.notna(yv):
                ax.annotate(
                    label_format.format(yv),
                    (xv, yv),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=8,
                    color="#1a1a1a",
                )
    if series is not None:
        ax.legend(frameon=False, fontsize=8, loc="best")
    ax.set_title(title, loc="left")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("Reporting year")
    ax.set_ylim(bottom=0)
    ax.margins(y=0.2)
    return fig
