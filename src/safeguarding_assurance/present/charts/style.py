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
from cycler import cycler
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


# The report's own settings, on top of seaborn's "whitegrid" style.
HOUSE_RC = {
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
}
# What ``seaborn.set_theme(style="whitegrid", palette=PALETTE, font="DejaVu Sans",
# rc=HOUSE_RC)`` sets, written out: importing seaborn (and the scipy.stats it loads)
# cost 0.66 s in every kernel, about a fifth of a kernel's start. A test checks this
# against seaborn itself, so the theme stays seaborn's. (Its colour map, unused here,
# is left at matplotlib's.)
SEABORN_WHITEGRID = {
    "axes.axisbelow": True,
    "axes.grid": True,
    "axes.linewidth": 1.25,
    "font.family": ["DejaVu Sans"],
    "font.sans-serif": [
        "Arial",
        "DejaVu Sans",
        "Liberation Sans",
        "Bitstream Vera Sans",
        "sans-serif",
    ],
    "grid.linewidth": 1.0,
    "legend.title_fontsize": 12.0,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "text.color": ".15",
    "xtick.bottom": False,
    "xtick.major.size": 6.0,
    "xtick.major.width": 1.25,
    "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0,
    "ytick.left": False,
    "ytick.major.size": 6.0,
    "ytick.major.width": 1.25,
    "ytick.minor.size": 4.0,
    "ytick.minor.width": 1.0,
}
THEME_RC = {**SEABORN_WHITEGRID, **HOUSE_RC, "axes.prop_cycle": cycler(color=PALETTE)}


def apply_theme() -> None:
    """Set the chart theme (seaborn's whitegrid, with the house settings) for every chart.

    Mathematical text is off: matplotlib reads text between two ``$`` as mathematics, so
    an indicator named "Spend $ 100% $ of plan" would fail to draw. Every label, title
    and tick comes from the registers or the parameters and is drawn as written.
    """
    matplotlib.rcParams.update(THEME_RC)


def new_axes(ax: Axes | None = None, height: float = 2.6) -> tuple[Figure, Axes]:
    """Return ``(figure, axes)``: the given axes' figure, or a new report-width figure."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, height), layout="constrained")
    return fig, ax
