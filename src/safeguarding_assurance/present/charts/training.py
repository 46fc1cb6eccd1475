"""Charts for the training chapter: completions, reach, confidence and GCP2.

Every plot returns a :class:`~matplotlib.figure.Figure`, takes an optional ``ax``,
and never shows or saves. Colour never carries meaning alone: this year is solid
and last year grey and hatched (also named in the legend), every bar carries its
value, and lines carry markers and a label at their end.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from safeguarding_assurance.present.charts.style import (
    LABEL_SIZE,
    LAST_YEAR,
    MUTED,
    PALETTE,
    PRIMARY,
    TEXT,
    new_axes,
)

THOUSANDS = StrMethodFormatter("{x:,.0f}")
LAST_YEAR_HATCH = "//"
CUMULATIVE = "Trained up to the year's end (cumulative)"


def _legend_on_top(ax: Axes, order: Sequence[str] | None = None) -> None:
    # The legend in one row just above the plot (the chart's title is in the report).
    handles, labels = ax.get_legend_handles_labels()
    if order is not None:
        pairs = dict(zip(labels, handles, strict=True))
        labels = [lab for lab in order if lab in pairs]
        handles = [pairs[lab] for lab in labels]
    ax.legend(
        handles,
        labels,
        frameon=False,
        fontsize=LABEL_SIZE,
        ncols=max(len(labels), 1),
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        borderaxespad=0.3,
    )


def _texts(values: Sequence[float | None], fmt: str, override: Sequence[str] | None) -> list[str]:
    if override is not None:
        return list(override)
    return ["[z]" if v is None or pd.isna(v) else fmt.format(v) for v in values]


def plot_paired_bars(
    data: pd.DataFrame,
    *,
    category: str,
    current: str,
    previous: str,
    current_label: str,
    previous_label: str,
    xlabel: str,
    label_format: str = "{:,.0f}",
    current_texts: Sequence[str] | None = None,
    previous_texts: Sequence[str] | None = None,
    reference: tuple[float, str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw horizontal bars for this year and last year, two per row of ``data``.

    ``current``/``previous`` name the value columns (missing values are drawn at
    zero and labelled ``[z]``); ``*_texts`` override the printed labels;
    ``reference`` draws a dashed vertical line with its own label (an overall rate).
    """
    names = [textwrap.fill(str(c), 26) for c in data[category]]
    fig, ax = new_axes(ax, height=max(1.8, 0.42 * len(names) + 0.9))
    now = pd.to_numeric(data[current], errors="coerce").astype("float64")
    last = pd.to_numeric(data[previous], errors="coerce").astype("float64")
    top = float(np.nanmax([now.max(), last.max(), reference[0] if reference else 0, 0]))
    positions = np.arange(len(names))
    height = 0.4
    for values, texts, offset, colour, hatch, label in (
        (now, _texts(now, label_format, current_texts), -0.2, PRIMARY, "", current_label),
        (
            last,
            _texts(last, label_format, previous_texts),
            0.2,
            LAST_YEAR,
            LAST_YEAR_HATCH,
            previous_label,
        ),
    ):
        bars = ax.barh(
            positions + offset,
            values.fillna(0),
            height=height * 0.92,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=label,
        )
        for text in ax.bar_label(bars, labels=texts, padding=3, fontsize=LABEL_SIZE, color=TEXT):
            # a white ground, so the reference line never runs through a label
            text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    if reference is not None:
        value, words = reference
        ax.axvline(value, color=MUTED, linestyle="--", linewidth=1.2, zorder=0.5)
        # The line's label sits in the strip kept free above the first pair of bars.
        ax.annotate(
            words,
            (value, -0.8),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=LABEL_SIZE,
            color=TEXT,
            va="center",
        )
    ax.set_yticks(positions, names)
    if not names:
        ax.text(
            0.5,
            0.5,
            "No values for these years",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=LABEL_SIZE,
            color=MUTED,
        )
    ax.set_ylim(max(len(names), 1) - 0.5, -0.5 - (0.6 if reference is not None else 0))
    ax.set_xlim(0, top * 1.22 if top > 0 else 1)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="y", visible=False)
    _legend_on_top(ax)
    return fig


def plot_completions_by_month(
    months: pd.DataFrame,
    *,
    current_label: str,
    previous_label: str,
    ax: Axes | None = None,
) -> Figure:
    """Draw this year's completions per month as labelled bars, last year as a dashed line.

    ``months`` has ``month`` (``April`` .. ``March``), ``current`` and ``previous``.
    """
    fig, ax = new_axes(ax, height=2.6)
    x = np.arange(len(months))
    now = months["current"].astype("int64").to_numpy()
    last = months["previous"].astype("int64").to_numpy()
    bars = ax.bar(x, now, color=PRIMARY, width=0.7, label=current_label)
    ax.bar_label(bars, labels=[f"{v:,}" for v in now], padding=2, fontsize=LABEL_SIZE, color=TEXT)
    ax.plot(
        x,
        last,
        color=LAST_YEAR,
        linestyle="--",
        marker="s",
        markersize=4,
        label=previous_label,
    )
    if len(x):
        ax.annotate(
            previous_label,
            (x[-1], last[-1]),
            xytext=(6, 0),
            textcoords="offset points",
            fontsize=LABEL_SIZE,
            color=TEXT,
            va="center",
        )
    ax.set_xticks(x, [str(m)[:3] for m in months["month"]])
    top = max(int(now.max()) if len(now) else 0, int(last.max()) if len(last) else 0)
    ax.set_ylim(0, top * 1.18 if top > 0 else 1)
    ax.set_xlim(-0.6, len(x) - 0.4 + 1.2)
    ax.set_ylabel("Completions")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="x", visible=False)
    _legend_on_top(ax, order=[current_label, previous_label])
    return fig


def plot_confidence_scores(scores: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Draw how many rated completions gave each score (1-5), before and after the course.

    ``scores`` has ``score``, ``before`` and ``after``. Before is grey and hatched,
    after solid; each bar carries its count and the legend names both.
    """
    fig, ax = new_axes(ax, height=2.5)
    x = np.arange(len(scores))
    width = 0.38
    for values, offset, colour, hatch, label in (
        (scores["before"], -width / 2, LAST_YEAR, LAST_YEAR_HATCH, "Before the course"),
        (scores["after"], width / 2, PRIMARY, "", "After the course"),
    ):
        counts = values.astype("int64").to_numpy()
        bars = ax.bar(
            x + offset,
            counts,
            width=width * 0.95,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=label,
        )
        ax.bar_label(
            bars, labels=[f"{v:,}" for v in counts], padding=2, fontsize=LABEL_SIZE, color=TEXT
        )
    ticks = [str(s) for s in scores["score"]]
    if ticks:
        ticks[0] += "\n(lowest)"
        ticks[-1] += "\n(highest)"
    ax.set_xticks(x, ticks)
    top = int(max(scores["before"].max(), scores["after"].max())) if len(scores) else 0
    ax.set_ylim(0, top * 1.18 if top > 0 else 1)
    ax.set_xlabel("Self-rated confidence score")
    ax.set_ylabel("Completions")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="x", visible=False)
    _legend_on_top(ax)
    return fig


def plot_gcp2_trained(trend: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Draw GCP2 practitioners trained in each year (bars) and cumulatively (line), labelled.

    ``trend`` has ``reporting_year``, ``in_year`` and ``cumulative``, oldest first.
    """
    fig, ax = new_axes(ax, height=2.5)
    x = np.arange(len(trend))
    in_year = trend["in_year"].astype("int64").to_numpy()
    total = trend["cumulative"].astype("int64").to_numpy()
    ax.bar(x, in_year, width=0.55, color=PRIMARY, label="Trained in the year")
    top = int(max(total.max(), in_year.max())) if len(x) else 0
    # Bar values sit inside the bar (white) so they never collide with the line's labels
    # above its markers; a bar too short to hold its value has it beside its top instead.
    for xv, v in zip(x, in_year, strict=True):
        inside = v >= 0.12 * top
        ax.text(
            xv if inside else xv + 0.3,
            v / 2 if inside else v,
            f"{v:,}",
            ha="center" if inside else "left",
            va="center" if inside else "bottom",
            fontsize=LABEL_SIZE,
            fontweight="bold" if inside else "normal",
            color="white" if inside else TEXT,
        )
    ax.plot(
        x,
        total,
        color=PALETTE[1],
        marker="o",
        linestyle="-",
        label=CUMULATIVE,
    )
    for xv, yv in zip(x, total, strict=True):
        ax.annotate(
            f"{yv:,}",
            (xv, yv),
            xytext=(-5, 6),
            textcoords="offset points",
            ha="right",
            fontsize=LABEL_SIZE,
            color=TEXT,
        )
    if len(x):
        ax.annotate(
            "Cumulative",
            (x[-1], total[-1]),
            xytext=(12, 0),
            textcoords="offset points",
            fontsize=LABEL_SIZE,
            color=TEXT,
            va="center",
        )
    ax.set_xticks(x, [str(y) for y in trend["reporting_year"]])
    ax.set_ylim(0, top * 1.2 if top > 0 else 1)
    ax.set_xlim(-0.6, len(x) - 0.4 + 0.8)
    ax.set_xlabel("Reporting year")
    ax.set_ylabel("Practitioners")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="x", visible=False)
    _legend_on_top(ax, order=["Trained in the year", CUMULATIVE])
    return fig


def plot_trend_lines(
    trend: pd.DataFrame,
    series: dict[str, str],
    *,
    ylabel: str,
    label_format: str = "{:,.0f}",
    ax: Axes | None = None,
) -> Figure:
    """Draw one line per column named in ``series`` (column -> label) over ``reporting_year``.

    Each line has its own marker, every point its value, and its label at its end.
    Missing values (``None``) leave a gap and no label.
    """
    fig, ax = new_axes(ax, height=2.5)
    x = np.arange(len(trend))
    markers = ["o", "s", "^", "D", "v"]
    for i, (column, label) in enumerate(series.items()):
        ys = pd.to_numeric(trend[column], errors="coerce").astype("float64").to_numpy()
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(x, ys, marker=markers[i % len(markers)], color=colour, label=label)
        for xv, yv in zip(x, ys, strict=True):
            if not np.isnan(yv):
                ax.annotate(
                    label_format.format(yv),
                    (xv, yv),
                    xytext=(0, 7),
                    textcoords="offset points",
                    ha="center",
                    fontsize=LABEL_SIZE,
                    color=TEXT,
                )
        shown = np.flatnonzero(~np.isnan(ys))
        if shown.size:
            end = shown[-1]
            ax.annotate(
                label,
                (x[end], ys[end]),
                xytext=(10, 0),
                textcoords="offset points",
                fontsize=LABEL_SIZE,
                color=TEXT,
                va="center",
            )
    ax.set_xticks(x, [str(y) for y in trend["reporting_year"]])
    ax.set_xlim(-0.4, len(x) - 0.6 + 1.6)
    values = trend[list(series)].apply(pd.to_numeric, errors="coerce").to_numpy(dtype="float64")
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
    ax.set_ylim(0, top * 1.22 if top > 0 else 1)
    ax.set_xlabel("Reporting year")
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="x", visible=False)
    return fig
