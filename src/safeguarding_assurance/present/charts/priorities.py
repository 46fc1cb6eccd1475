"""Charts for the priority progress chapter: action status bars and indicator trend panels.

Every plot returns a :class:`~matplotlib.figure.Figure`, takes an optional ``ax`` where
it draws one panel, and never shows or saves. Colour never carries meaning alone:
status segments carry counts and hatching, bars carry value labels, the target line
is dashed and named in the legend.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.present.charts.style import (
    FIG_WIDTH,
    LABEL_SIZE,
    LAST_YEAR,
    MUTED,
    PALETTE,
    PRIMARY,
    TEXT,
    new_axes,
)

# Status order and look: completed first (left), then what is carried forward.
STATUS_STYLE = {
    "completed": {"column": "completed", "color": PALETTE[2], "hatch": ""},
    "overdue": {"column": "overdue", "color": PALETTE[1], "hatch": "///"},
    "on track": {"column": "on_track", "color": PALETTE[0], "hatch": ".."},
}


def plot_completion_by_priority(
    summary: pd.DataFrame, years: list[str], *, ax: Axes | None = None
) -> Figure:
    """Draw grouped horizontal bars of completed % per priority, one bar per year in ``years``.

    ``summary`` has ``name``, ``reporting_year`` and ``completed_pct`` (NaN where no
    action was in scope, labelled ``[z]``). The first year is drawn solid, later
    ones grey and hatched.
    """
    names = list(dict.fromkeys(summary["name"]))
    fig, ax = new_axes(ax, height=max(1.8, 0.5 * len(names) + 1.0))
    height = 0.8 / max(len(years), 1)
    for k, year in enumerate(years):
        part = summary.loc[summary["reporting_year"].eq(year)].set_index("name").reindex(names)
        pcts = part["completed_pct"]
        ys = [i - 0.4 + height * (k + 0.5) for i in range(len(names))]
        colour = PRIMARY if k == 0 else LAST_YEAR
        bars = ax.barh(
            ys,
            pcts.fillna(0),
            height=height * 0.92,
            color=colour,
            hatch="" if k == 0 else "//",
            edgecolor="white",
            label=year,
        )
        ax.bar_label(
            bars, labels=[_pct_label(p) for p in pcts], padding=3, fontsize=LABEL_SIZE, color=TEXT
        )
    ax.set_yticks(range(len(names)), [textwrap.fill(n, 22) for n in names])
    ax.invert_yaxis()
    ax.set_xlim(0, 115)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Actions in scope that were completed in the year (%)")
    # the legend just above the bars
    ax.grid(axis="y", visible=False)
    ax.legend(
        frameon=False,
        fontsize=LABEL_SIZE,
        ncols=len(years),
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        borderaxespad=0.3,
    )
    return fig


def _pct_label(p: float) -> str:
    return "[z]" if pd.isna(p) else f"{p:.1f}%"


def year_end_points(series: pd.DataFrame, years: list[ReportingYear]) -> pd.DataFrame:
    """Each year's last quarter with a value: ``reporting_year``, ``value``, ``target``.

    Year-to-date counts restart every April, so quarterly points saw-tooth; the year-end
    value is the contract's figure for a year, and what the chart draws.
    """
    rows = []
    for year in years:
        inside = series.loc[
            series["period_end"].between(pd.Timestamp(year.start), pd.Timestamp(year.end))
            & series["value"].notna()
        ].sort_values("period_end")
        if inside.empty:
            rows.append(
                {"reporting_year": year.label, "value": None, "target": None, "england": None}
            )
        else:
            last = inside.iloc[-1]
            rows.append(
                {
                    "reporting_year": year.label,
                    "value": last["value"],
                    "target": last["target"],
                    "england": last["england"],
                }
            )
    return pd.DataFrame(rows, columns=["reporting_year", "value", "target", "england"])


def plot_indicator_trend(
    series: pd.DataFrame,
    years: list[ReportingYear],
    *,
    panel_title: str,
    ylabel: str,
    ax: Axes | None = None,
) -> Figure:
    """Draw one indicator's year-end values over ``years``, with its target and England.

    ``series`` has ``period_end``, ``value``, ``target`` and ``england`` (one row per
    quarter). Values are a solid line with labelled points; the target is dashed and
    England dotted with diamonds, each named at its end (never by colour alone).
    """
    fig, ax = new_axes(ax)
    points = year_end_points(series, years)
    x = list(range(len(points)))
    styles = {
        "value": {"marker": "o", "markersize": 5, "color": PRIMARY, "linewidth": 2},
        "target": {"linestyle": "--", "linewidth": 1.5, "color": PALETTE[1]},
        "england": {
            "linestyle": ":",
            "linewidth": 1.5,
            "marker": "D",
            "markersize": 4,
            "color": MUTED,
        },
    }
    names = {"target": "Target", "england": "England"}
    nudges = _name_nudges(points)
    for column, style in styles.items():
        ys = pd.to_numeric(points[column], errors="coerce")
        shown = ys.notna()
        if not shown.any():
            continue
        xs = [k for k, s in zip(x, shown, strict=True) if s]
        ax.plot(xs, ys[shown], **style)
        if column == "value":
            for k, v in zip(xs, ys[shown], strict=True):
                ax.annotate(
                    f"{v:,g}",
                    (k, v),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=LABEL_SIZE,
                    color=TEXT,
                    bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none"},
                )  # fmt: skip  (a white ground keeps the figure legible over a line)
        else:
            ax.annotate(
                names[column], (xs[-1], ys[shown].iloc[-1]), textcoords="offset points",
                xytext=(NAME_GAP, nudges.get(column, 0)), va="center", fontsize=LABEL_SIZE,
                color=style["color"],
            )  # fmt: skip
    if points["value"].isna().all():
        ax.text(
            0.5, 0.5, "No values in these years", transform=ax.transAxes,
            ha="center", va="center", fontsize=LABEL_SIZE, color=MUTED,
        )  # fmt: skip
        ax.set_yticks([])
    ax.set_xticks(x, [y.label for y in years])
    ax.set_xlim(-0.4, len(x) - 1 + 0.9)  # room for the direct labels on the right
    ax.grid(axis="x", visible=False)
    top = points[["value", "target", "england"]].apply(pd.to_numeric, errors="coerce").max().max()
    ax.set_ylim(0, top * 1.25 if pd.notna(top) and top > 0 else 1)
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,g}"))  # 2,000 as the labels write it
    ax.set_ylabel(ylabel)
    ax.set_title(
        textwrap.fill(panel_title, PANEL_TITLE_CHARS), loc="left", fontsize=LABEL_SIZE,
        fontweight="bold",
    )  # fmt: skip
    return fig


NAME_GAP = 16  # points right of the last year: clear of the value's own label above it
PANEL_TITLE_CHARS = 38  # a half-width panel's title wraps rather than runs into its neighbour


def _name_nudges(points: pd.DataFrame) -> dict[str, float]:
    """Vertical offsets (points) that keep "Target" and "England" apart where they meet.

    Both names sit at their lines' last values; when those are within a tenth of the
    axis height of each other, the higher line's name moves up and the lower one's down.
    """
    ends = {}
    for column in ("target", "england"):
        ys = pd.to_numeric(points[column], errors="coerce").dropna()
        if not ys.empty:
            ends[column] = float(ys.iloc[-1])
    if len(ends) < 2:
        return {}
    top = pd.to_numeric(points[["value", "target", "england"]].stack(), errors="coerce").max()
    span = float(top) * 1.25 if pd.notna(top) and top > 0 else 1.0
    if abs(ends["target"] - ends["england"]) >= span / 10:
        return {}
    upper = "target" if ends["target"] >= ends["england"] else "england"
    lower = "england" if upper == "target" else "target"
    return {upper: 5.0, lower: -5.0}


def plot_indicator_trends(
    series: pd.DataFrame,
    panels: pd.DataFrame,
    years: list[ReportingYear],
) -> Figure:
    """Draw small multiples: one :func:`plot_indicator_trend` panel per row of ``panels``.

    ``panels`` has ``indicator_id``, ``title`` and ``ylabel``; ``series`` holds the
    quarterly rows of those indicators (``indicator_id``, ``period_end``, ``value``,
    ``target``, ``england``). Each panel names its own lines, so there is no legend.
    """
    n = max(len(panels), 1)
    ncols = 1 if n == 1 else 2
    nrows = math.ceil(n / ncols)
    lines = max((len(textwrap.wrap(str(t), PANEL_TITLE_CHARS)) for t in panels["title"]), default=1)
    height = 1.45 + 0.17 * lines  # room for a title wrapped over two or three lines
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(FIG_WIDTH, height * nrows), squeeze=False, layout="constrained"
    )
    flat = list(axes.flat)
    for ax, panel in zip(flat, panels.itertuples(index=False), strict=False):
        one = series.loc[series["indicator_id"].eq(panel.indicator_id)]
        plot_indicator_trend(one, years, panel_title=panel.title, ylabel=panel.ylabel, ax=ax)
    for ax in flat[len(panels) :]:
        ax.set_visible(False)
    return fig
