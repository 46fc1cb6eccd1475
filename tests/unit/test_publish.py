"""The publisher writes what it shows: tables, figures (with real alt text) and facts."""

from __future__ import annotations

import csv
import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from safeguarding_assurance.present import publish as pub
from safeguarding_assurance.present.publish import Publisher, read_facts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"


@pytest.fixture
def publisher(tmp_path) -> Publisher:
    return Publisher(tmp_path, "public", show=False)


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    """Capture what the publisher would display, instead of calling IPython."""
    captured: list[tuple[str, str]] = []
    monkeypatch.setattr(
        pub, "_display_html", lambda markup, plain: captured.append((markup, plain))
    )
    return captured


def _figure():
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.bar(["A", "B"], [3, 5])
    return fig


def _read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_public_and_internal(tmp_path):
    assert Publisher(tmp_path, "public", show=False).public is True
    assert Publisher(tmp_path, "internal", show=False).public is False


# ---------------------------------------------------------------- tables


def test_table_writes_tables_name_csv(publisher, tmp_path):
    df = pd.DataFrame({"Agency": ["Police", "=cmd"], "Learners": [12, None]})
    publisher.table(df, "learners_by_agency", "Learners by agency")
    rows = _read_csv(tmp_path / "tables" / "learners_by_agency.csv")
    # [12, None] is a float column: 12.0 shows as written by cell_text; missing is [z]
    assert rows[0] == ["Agency", "Learners"]
    assert [r[0] for r in rows[1:]] == ["Police", "'=cmd"]
    assert rows[2][1] == "[z]"


def test_table_shows_an_escaped_accessible_table(tmp_path, shown):
    p = Publisher(tmp_path, "public", show=True)
    df = pd.DataFrame({"Agency": ["<b>Police</b>"], "Learners": [12]})
    p.table(df, "t1", "Caption & <more>", note="[c]: 1 to 5")
    ((markup, plain),) = shown
    assert 'id="table-t1"' in markup
    assert '<caption id="table-t1-caption">Caption &amp; &lt;more&gt;</caption>' in markup
    assert "&lt;b&gt;Police&lt;/b&gt;" in markup
    assert "<b>" not in markup
    assert "[c]: 1 to 5" in markup
    assert plain == "Caption & <more>"


@pytest.mark.parametrize("name", ["Learners", "learners-by-agency", "learners by agency", "", "é"])
def test_names_must_be_lower_snake(publisher, name):
    with pytest.raises(ValueError, match="lower-case"):
        publisher.table(pd.DataFrame({"a": [1]}), name, "c")


def test_name_with_a_trailing_newline_is_refused(publisher):
    with pytest.raises(ValueError):
        publisher.table(pd.DataFrame({"a": [1]}), "learners\n", "c")


def test_names_must_be_unique_across_tables_and_figures(publisher):
    publisher.table(pd.DataFrame({"a": [1]}), "reach", "c")
    with pytest.raises(ValueError, match="twice"):
        publisher.table(pd.DataFrame({"a": [2]}), "reach", "c")
    with pytest.raises(ValueError, match="twice"):
        publisher.figure(_figure(), "reach", "A bar chart of reach.", "Reach")
    plt.close("all")


# ---------------------------------------------------------------- figures


def test_figure_writes_png_and_its_data_table_and_closes(publisher, tmp_path):
    fig = _figure()
    data = pd.DataFrame({"Agency": ["A", "B"], "Learners": [3, 5]})
    publisher.figure(
        fig, "learners_chart", "Bar chart: agency B trained 5, A 3.", "Learners", data=data
    )
    png = tmp_path / "figures" / "learners_chart.png"
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert _read_csv(tmp_path / "tables" / "learners_chart_data.csv") == [
        ["Agency", "Learners"],
        ["A", "3"],
        ["B", "5"],
    ]
    # closed, so the inline backend cannot show it again without alt text
    assert fig.number not in plt.get_fignums()


def test_figure_without_data_writes_no_table(publisher, tmp_path):
    publisher.figure(_figure(), "plain", "A bar chart of two bars.", "Plain")
    assert (tmp_path / "figures" / "plain.png").is_file()
    assert not (tmp_path / "tables").exists()


@pytest.mark.parametrize(
    "alt", ["", "   ", NBCONVERT_PLACEHOLDER, NBCONVERT_PLACEHOLDER.lower(), " No description"]
)
def test_figure_refuses_missing_or_placeholder_alt(publisher, tmp_path, alt):
    fig = _figure()
    with pytest.raises(ValueError, match="alt"):
        publisher.figure(fig, "chart", alt, "Caption")
    assert not (tmp_path / "figures" / "chart.png").exists()
    plt.close(fig)


def test_figure_markup_escapes_alt_and_caption(tmp_path, shown):
    p = Publisher(tmp_path, "internal", show=True)
    p.figure(_figure(), "chart", 'Bars "A" <3 & B', "Caption <x>")
    ((markup, plain),) = shown
    assert 'alt="Bars &quot;A&quot; &lt;3 &amp; B"' in markup
    assert "<figcaption>Caption &lt;x&gt;</figcaption>" in markup
    assert 'src="data:image/png;base64,' in markup
    assert plain == "Caption <x>"


# ---------------------------------------------------------------- text, facts, warnings


def test_text_is_escaped(tmp_path, shown):
    p = Publisher(tmp_path, "public", show=True)
    p.text("Agency <b>A</b> trained 5.", "", "More.")
    ((markup, _),) = shown
    assert markup == "<p>Agency &lt;b&gt;A&lt;/b&gt; trained 5. More.</p>"


def test_nothing_is_displayed_when_show_is_off(tmp_path, shown):
    p = Publisher(tmp_path, "public", show=False)
    p.text("x")
    p.heading("h")
    p.bullets(["a"])
    p.table(pd.DataFrame({"a": [1]}), "t", "c")
    assert shown == []


def test_facts_writes_current_and_previous(publisher, tmp_path):
    publisher.facts("reviews", {"notifications": 3, "rate_pct": None}, {"notifications": 2})
    data = json.loads((tmp_path / "facts" / "reviews.json").read_text(encoding="utf-8"))
    assert data == {
        "current": {"notifications": 3, "rate_pct": None},
        "previous": {"notifications": 2},
    }


def test_facts_without_previous_is_null(publisher, tmp_path):
    publisher.facts("training", {"completions": 0})
    data = json.loads((tmp_path / "facts" / "training.json").read_text(encoding="utf-8"))
    assert data["previous"] is None


def test_facts_keep_key_order(publisher, tmp_path):
    publisher.facts("training", {"z": 1, "a": 2, "m": 3})
    text = (tmp_path / "facts" / "training.json").read_text(encoding="utf-8")
    assert text.index('"z"') < text.index('"a"') < text.index('"m"')


def test_facts_section_must_be_lower_snake(publisher):
    with pytest.raises(ValueError):
        publisher.facts("Reviews", {})


def test_read_facts_reads_every_block(publisher, tmp_path):
    publisher.facts("reviews", {"notifications": 3}, {"notifications": 2})
    publisher.facts("training", {"completions": 10})
    publisher.warn("a warning, not a facts block")
    assert read_facts(tmp_path) == {
        "reviews": {"current": {"notifications": 3}, "previous": {"notifications": 2}},
        "training": {"current": {"completions": 10}, "previous": None},
    }


def test_read_facts_of_an_empty_folder(tmp_path):
    assert read_facts(tmp_path) == {}


def test_warn_appends_one_line_per_warning(publisher, tmp_path):
    publisher.warn("first\nsecond line")
    publisher.warn("third")
    text = (tmp_path / "facts" / "warnings.txt").read_text(encoding="utf-8")
    assert text == "first second line\nthird\n"
