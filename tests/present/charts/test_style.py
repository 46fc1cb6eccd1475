"""The chart theme: text from the registers is drawn as written, never read as mathematics.

Titles and sources are HTML around the image; what is drawn is labels, ticks and
panel titles."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.text
import pandas as pd
import pytest

from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.present.charts.priorities import plot_indicator_trends
from safeguarding_assurance.present.charts.reviews import plot_breakdown
from safeguarding_assurance.present.charts.style import apply_theme

DOLLARS = "Spend $ 100% $ of plan"


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def draw(fig) -> None:
    fig.savefig(io.BytesIO(), format="png")
    matplotlib.pyplot.close(fig)


def test_mathtext_would_fail_without_the_theme():
    """The trap the theme closes: matplotlib reads text between two $ as mathematics."""
    with matplotlib.rc_context({"text.parse_math": True}):
        marks = pd.DataFrame({"category": [DOLLARS], "value": [1.0], "label": ["1"]})
        fig = plot_breakdown(marks, xlabel="Count")
        with pytest.raises(ValueError):
            draw(fig)


def test_dollars_in_a_title_label_and_tick_are_drawn_literally():
    with matplotlib.rc_context():
        apply_theme()
        assert matplotlib.rcParams["text.parse_math"] is False
        marks = pd.DataFrame(
            {"category": [DOLLARS, "$x$ agency"], "value": [1.0, 2.0], "label": ["1", "2"]}
        )
        fig = plot_breakdown(marks, xlabel="$ spent $")
        assert "$ spent $" in texts(fig)
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert labels == [DOLLARS, "$x$ agency"]
        draw(fig)  # no error: the text is drawn as written


def test_an_indicator_named_with_dollars_draws_its_panel():
    with matplotlib.rc_context():
        apply_theme()
        series = pd.DataFrame(
            {
                "indicator_id": ["S1", "S1"],
                "period_end": pd.to_datetime(["2024-06-30", "2024-09-30"]),
                "value": [10.0, 12.0],
                "target": [15.0, 15.0],
                "england": [None, None],
            }
        )
        panels = pd.DataFrame({"indicator_id": ["S1"], "title": [DOLLARS], "ylabel": ["$ m $"]})
        years = ReportingYear.parse("2024-25").trend(2)
        fig = plot_indicator_trends(series, panels, years)
        assert DOLLARS in texts(fig)
        draw(fig)


def test_the_theme_is_seaborns_whitegrid_with_the_house_settings():
    """The theme is written out so kernels need not import seaborn; it must stay seaborn's."""
    import seaborn as sns
    from matplotlib.colors import to_rgba

    from safeguarding_assurance.present.charts import style

    def settings() -> dict:
        values = dict(matplotlib.rcParams)
        values["axes.prop_cycle"] = [to_rgba(c["color"]) for c in values["axes.prop_cycle"]]
        return values

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        sns.set_theme(
            style="whitegrid", palette=style.PALETTE, font="DejaVu Sans", rc=style.HOUSE_RC
        )
        seaborns = settings()
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        style.apply_theme()
        ours = settings()
    differ = {k for k in seaborns if seaborns[k] != ours[k]}
    assert differ == {"image.cmap"}  # seaborn's colour map: no chart here draws an image


def test_drawing_a_chart_never_imports_seaborn():
    import subprocess
    import sys

    code = (
        "import sys; from safeguarding_assurance.notebook import open_chapter; "
        "import safeguarding_assurance.present.chapters.training; "
        "from safeguarding_assurance.present.charts.style import apply_theme; apply_theme(); "
        "print('seaborn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
