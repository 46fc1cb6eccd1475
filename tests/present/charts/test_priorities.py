"""Indicator trend panels: titles wrap inside their panel, line names never overlap."""

from __future__ import annotations

import matplotlib
import pandas as pd

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.present.charts.priorities import (
    PANEL_TITLE_CHARS,
    _name_nudges,
    plot_indicator_trends,
)


def points(target: float | None, england: float | None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "reporting_year": ["2023-24", "2024-25"],
            "value": [18.0, 19.0],
            "target": [target, target],
            "england": [england, england],
        }
    )


def test_close_target_and_england_names_move_apart():
    # axis top 20.5 * 1.25 = 25.6; the ends differ by 0.5, under a tenth of that
    assert _name_nudges(points(20.0, 20.5)) == {"england": 5.0, "target": -5.0}
    assert _name_nudges(points(20.5, 20.0)) == {"target": 5.0, "england": -5.0}


def test_distant_or_single_names_stay_on_their_lines():
    assert _name_nudges(points(20.0, 10.0)) == {}  # 10 apart, axis 25
    assert _name_nudges(points(20.0, None)) == {}
    assert _name_nudges(points(None, None)) == {}


def test_a_long_panel_title_wraps_within_its_panel():
    title = "Children on a plan for neglect with a GCP2 assessment (higher is better)"
    series = pd.DataFrame(
        {
            "indicator_id": ["N4", "N5"],
            "period_end": pd.to_datetime(["2025-03-31", "2025-03-31"]),
            "value": [71.4, 12.0],
            "target": [75.0, None],
            "england": [None, None],
        }
    )
    panels = pd.DataFrame(
        {"indicator_id": ["N4", "N5"], "title": [title, "Short"], "ylabel": ["%", "count"]}
    )
    fig = plot_indicator_trends(series, panels, ReportingYear.parse("2024-25").trend(2))
    shown = fig.axes[0].get_title(loc="left")
    assert shown.replace("\n", " ") == title
    assert all(len(line) <= PANEL_TITLE_CHARS for line in shown.split("\n"))
    assert shown.count("\n") == 1
    matplotlib.pyplot.close(fig)
