"""One place for the chart theme and palette, and chart helpers shared by the chapters.

Plot functions return a :class:`~matplotlib.figure.Figure`, take an optional ``ax``,
and never show or save (a section shows them). Their titles, which state the message,
are in the report beside them, not in the image. Colour is never the only carrier of
meaning: bars carry direct value labels and lines carry end labels and markers.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

# Okabe-Ito, the colour-blind-safe palette, keeping only the colours with at least 3:1
# contrast on white (WCAG 1.4.11): blue 5.2, vermilion 3.9, green 3.4, purple 3.1,
# black 21; wine (8.7, from Tol's palette) stands in for sky blue and orange (2.3).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#882255"]
PRIMARY = PALETTE[0]
MUTED = "#595959"  # 7:1 on white: text and reference lines
TEXT = "#1a1a1a"  # labels printed on a chart
LAST_YEAR = "#767676"  # 4.5:1 on white: last year's marks beside this year's
GRIDLINE = "#d9d9d9"  # faint separators, never the only carrier of meaning
FIG_WIDTH = 7.0  # inches: fits A4 portrait within margins
# Printed, a chart is scaled to the text width (6.85 in on A4): 9.5 pt in the figure
# prints at 9.3 pt, so no label on any chart is under 9 pt on paper.
LABEL_SIZE = 9.5


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
            "font.size": LABEL_SIZE,
            "axes.labelsize": LABEL_SIZE,
            "axes.titlesize": LABEL_SIZE + 0.5,
            "xtick.labelsize": LABEL_SIZE,
            "ytick.labelsize": LABEL_SIZE,
            "legend.fontsize": LABEL_SIZE,
            "text.parse_math": False,
        },
    )


def new_axes(ax: Axes | None = None, height: float = 2.6) -> tuple[Figure, Axes]:
    """Return ``(figure, axes)``: the given axes' figure, or a new report-width figure."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, height), layout="constrained")
    return fig, ax
