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

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.present.charts.style import (
    FIG_WIDTH,
    GRIDLINE,
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


def plot_action_status(counts: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Figure:
    """Draw stacked horizontal bars of actions by progress, one bar per row of ``counts``.

    ``counts`` has ``label``, ``completed``, ``overdue``, ``on_track``, ``in_scope`` and
    ``completed_pct``. Segments show their count; each bar ends with "9 of 14
    completed (64.3%)", or says nothing was in scope.
    """
    fig, ax = new_axes(ax, height=max(1.8, 0.55 * len(counts) + 1.2))
    labels = [str(v) for v in counts["label"]]
    left = pd.Series(0, index=counts.index, dtype="int64")
    widest = int(counts["in_scope"].max()) if len(counts) else 0
    for status, style in STATUS_STYLE.items():
        values = counts[style["column"]].astype("int64")
        bars = ax.barh(
            labels,
            values,
            left=left,
            color=style["color"],
            hatch=style["hatch"],
            edgecolor="white",
            linewidth=0.8,
            label=status,
        )
        # A count only where its segment is wide enough to hold it; the data table has all.
        texts = [f"{v}" if v > 0 and v >= 0.04 * widest else "" for v in values]
        shown = ax.bar_label(
            bars, labels=texts, label_type="center", color="white", fontsize=9, fontweight="bold"
        )
        for text in shown:  # a plain patch behind the count keeps it legible on hatching
            text.set_bbox({"facecolor": style["color"], "edgecolor": "none", "pad": 1.5})
        left = left + values
    for i, (n, done, pct) in enumerate(
        zip(
            counts["in_scope"].astype("int64"),
            counts["completed"].astype("int64"),
            counts["completed_pct"],
            strict=True,
        )
    ):
        words = "no actions in scope" if n == 0 else f"{done} of {n} completed ({pct:.1f}%)"
        ax.text(n + widest * 0.02, i, words, va="center", ha="left", fontsize=9, color=TEXT)
    ax.invert_yaxis()
    ax.set_xlim(0, max(widest, 1) * 1.55)
    ax.set_xlabel("Actions in scope")
    # Title, then the legend just above the bars.
    ax.set_title(title, loc="left", pad=22)
    ax.grid(axis="y", visible=False)
    ax.legend(
        frameon=False,
        fontsize=8,
        ncols=3,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        borderaxespad=0.3,
    )
    return fig


def plot_completion_by_priority(
    summary: pd.DataFrame, years: list[str], *, title: str, ax: Axes | None = None
) -> Figure:
    """Draw grouped horizontal bars of completed % per priority, one bar per year in ``years``.

    ``summary`` has ``name``, ``reporting_year`` and ``completed_pct`` (NaN where no
    action was in scope, labelled ``[z]``). The first year is drawn solid, later
    ones grey and hatched.
    """
    names = list(dict.fromkeys(summary["name"]))
    fig, ax = new_axes(ax, height=max(2.0, 0.75 * len(names) + 1.2))
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
        ax.bar_label(bars, labels=[_pct_label(p) for p in pcts], padding=3, fontsize=8, color=TEXT)
    ax.set_yticks(range(len(names)), [textwrap.fill(n, 22) for n in names])
    ax.invert_yaxis()
    ax.set_xlim(0, 115)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Actions in scope that were completed in the year (%)")
    # Title, then the legend just above the bars.
    ax.set_title(title, loc="left", pad=22)
    ax.grid(axis="y", visible=False)
    ax.legend(
        frameon=False,
        fontsize=8,
        ncols=len(years),
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        borderaxespad=0.3,
    )
    return fig


def _pct_label(p: float) -> str:
    return "[z]" if pd.isna(p) else f"{p:.1f}%"


def plot_indicator_trend(
    series: pd.DataFrame,
    years: list[ReportingYear],
    *,
    title: str,
    ylabel: str,
    ax: Axes | None = None,
) -> Figure:
    """Draw one indicator's quarterly values over ``years``, one line per year, target dashed.

    ``series`` has ``period_end``, ``value``, ``target`` and ``england`` (one row per
    quarter). The latest value is labelled; England, where given, is dotted with
    diamond markers.
    """
    fig, ax = new_axes(ax)
    for year in years[1:]:
        ax.axvline(pd.Timestamp(year.start), color=GRIDLINE, linewidth=0.8, zorder=0)
    # Values and targets are drawn one line per reporting year: "year to date" counts
    # restart each April and a target holds for its own year, so they are not joined
    # across 1 April. England is often given once a year, so its points are joined
    # over all the years, and marked. Quarters without a target or England figure are
    # skipped rather than breaking the line.
    styles = {
        "value": {"marker": "o", "markersize": 3.5, "color": PRIMARY, "label": "Quarterly value"},
        "target": {"linestyle": "--", "linewidth": 1.4, "color": PALETTE[1], "label": "Target"},
        "england": {
            "linestyle": ":",
            "linewidth": 1.4,
            "marker": "D",
            "markersize": 3,
            "color": MUTED,
            "label": "England",
        },
    }
    england = series.loc[series["england"].notna()]
    if not england.empty:
        ax.plot(england["period_end"], england["england"], **styles.pop("england"))
    else:
        styles.pop("england")
    seen: set[str] = set()
    for year in years:
        inside = series.loc[
            series["period_end"].between(pd.Timestamp(year.start), pd.Timestamp(year.end))
        ]
        for column, style in styles.items():
            points = inside.loc[inside[column].notna()]
            if points.empty:
                continue
            label = style["label"] if column not in seen else "_nolegend_"
            seen.add(column)
            ax.plot(points["period_end"], points[column], **{**style, "label": label})
    shown = series.loc[series["value"].notna()]
    if not shown.empty:
        last = shown.iloc[-1]
        ax.annotate(
            f"{last['value']:,g}",
            (last["period_end"], last["value"]),
            textcoords="offset points",
            xytext=(4, 5),
            fontsize=8,
            color=TEXT,
        )
    else:
        ax.text(
            0.5,
            0.5,
            "No values in these years",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=8,
            color=MUTED,
        )
        ax.set_yticks([])
    mids = [
        pd.Timestamp(y.start) + (pd.Timestamp(y.end) - pd.Timestamp(y.start)) / 2 for y in years
    ]
    ax.set_xticks(mids, [y.label for y in years])
    pad = pd.Timedelta(days=20)  # room for the first and last markers
    ax.set_xlim(pd.Timestamp(years[0].start) - pad, pd.Timestamp(years[-1].end) + pad)
    ax.tick_params(axis="x", labelsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="x", visible=False)
    top = series[["value", "target", "england"]].max().max()
    ax.set_ylim(0, top * 1.2 if pd.notna(top) and top > 0 else 1)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.set_title(title, loc="left", fontsize=9)
    return fig


def plot_indicator_trends(
    series: pd.DataFrame,
    panels: pd.DataFrame,
    years: list[ReportingYear],
    *,
    title: str,
) -> Figure:
    """Draw small multiples: one :func:`plot_indicator_trend` panel per row of ``panels``.

    ``panels`` has ``indicator_id``, ``title`` and ``ylabel``; ``series`` holds the
    quarterly rows of those indicators (``indicator_id``, ``period_end``, ``value``,
    ``target``, ``england``). One legend serves every panel.
    """
    n = max(len(panels), 1)
    ncols = 1 if n == 1 else 2
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(FIG_WIDTH, 2.5 * nrows + 0.9), squeeze=False, layout="constrained"
    )
    flat = list(axes.flat)
    for ax, panel in zip(flat, panels.itertuples(index=False), strict=False):
        one = series.loc[series["indicator_id"].eq(panel.indicator_id)]
        plot_indicator_trend(one, years, title=panel.title, ylabel=panel.ylabel, ax=ax)
    for ax in flat[len(panels) :]:
        ax.set_visible(False)
    found: dict[str, object] = {}
    for ax in flat[: len(panels)]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            found.setdefault(label, handle)
    order = ["Quarterly value", "Target", "England"]
    labels = sorted(found, key=lambda label: order.index(label) if label in order else 99)
    if labels:
        fig.legend(
            [found[label] for label in labels],
            labels,
            loc="outside lower center",
            ncols=len(labels),
            frameon=False,
            fontsize=8,
        )
    fig.suptitle(title, x=0.02, ha="left", fontweight="bold", fontsize=11)
    return fig
