"""Sections: disclosure as a property of the types, the stamp the report keeps, analysts' edits."""

from __future__ import annotations

import base64
import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from safeguarding_assurance import disclosure
from safeguarding_assurance.disclosure import DisclosedTable, DisclosureError
from safeguarding_assurance.present.section import SECTION_MIME, Section

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"


def _figure():
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.bar(["A", "B"], [3, 5])
    return fig


def _released(frame: pd.DataFrame) -> DisclosedTable:
    return disclosure.release(frame, "test figures about no child")


def _bundle(section: Section) -> tuple[str, dict]:
    bundle = section._repr_mimebundle_()
    return bundle["text/html"], bundle[SECTION_MIME]


# ---------------------------------------------------------------- disclosure by type


def test_public_section_refuses_a_raw_frame():
    section = Section("public")
    with pytest.raises(DisclosureError, match="raw frame"):
        section.table(pd.DataFrame({"Case reference": ["H24-1"]}), "cases", "Cases")
    assert section.tables == []


def test_public_section_refuses_a_table_made_for_the_internal_audience():
    counts = pd.DataFrame({"Reviews": [3, 9]}, index=pd.Index(["Female", "Male"], name="Sex"))
    with pytest.raises(DisclosureError, match="internal audience"):
        Section("public").table(disclosure.show_all(counts), "by_sex", "Reviews by sex")


def test_public_section_takes_suppressed_and_released_tables():
    counts = pd.DataFrame({"Reviews": [3, 9]}, index=pd.Index(["Female", "Male"], name="Sex"))
    section = Section("public")
    section.table(disclosure.disclose_counts(counts, 5), "by_sex", "Reviews by sex")
    section.table(_released(pd.DataFrame({"Agency": ["Police"], "Learners": [4]})), "t", "T")
    # 3 is suppressed; so is 9, or the total would give it away
    assert section.table_named("by_sex").frame["Reviews"].tolist() == ["[c]", "[c]", 12]


def test_public_chart_data_must_be_disclosed_too():
    with pytest.raises(DisclosureError):
        Section("public").figure(
            _figure(), "chart", "Bars.", "Caption", data=pd.DataFrame({"a": [1]})
        )


def test_internal_section_takes_a_raw_frame():
    section = Section("internal").table(pd.DataFrame({"Case reference": ["H24-1"]}), "cases", "C")
    assert section.table_named("cases").frame["Case reference"].tolist() == ["H24-1"]


def test_a_disclosed_table_is_made_only_by_the_disclosure_module():
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(DisclosureError, match="only by the disclosure module"):
        DisclosedTable(frame, frame.astype(bool), note="")


@pytest.mark.parametrize("column", ["case_ref", "Case reference", "Learner ID", "record_id"])
def test_release_refuses_case_level_columns(column):
    with pytest.raises(DisclosureError, match="case-level"):
        disclosure.release(pd.DataFrame({column: ["x"]}), "looks harmless")


def test_release_needs_a_reason():
    with pytest.raises(DisclosureError, match="reason"):
        disclosure.release(pd.DataFrame({"a": [1]}), "  ")


# ---------------------------------------------------------------- names, alt text, data


@pytest.mark.parametrize(
    "name", ["Learners", "learners-by-agency", "learners by agency", "", "é", "a\n"]
)
def test_names_must_be_lower_snake(name):
    with pytest.raises(ValueError, match="lower-case"):
        Section("internal").table(pd.DataFrame({"a": [1]}), name, "c")


@pytest.mark.parametrize(
    "alt", ["", "   ", NBCONVERT_PLACEHOLDER, NBCONVERT_PLACEHOLDER.lower(), " No description"]
)
def test_figure_refuses_missing_or_placeholder_alt(alt):
    fig = _figure()
    with pytest.raises(ValueError, match="alt"):
        Section("internal").figure(fig, "chart", alt, "Caption", data=pd.DataFrame({"a": [1]}))
    assert fig.number not in plt.get_fignums()


def test_figure_needs_its_data_as_a_table():
    with pytest.raises(ValueError, match="data"):
        Section("internal").figure(_figure(), "chart", "Bars.", "Caption")


def test_figure_data_shown_must_name_a_table_above():
    section = Section("internal")
    with pytest.raises(ValueError, match="no table captioned"):
        section.figure(_figure(), "chart", "Bars.", "Caption", data_shown="Missing table")
    section.table(pd.DataFrame({"a": [1]}), "t", "The table")
    section.figure(_figure(), "chart", "Bars.", "Caption", data_shown="The table")
    html, _ = _bundle(section)
    assert "The chart&#x27;s data are in the table above: The table." in html


def test_a_chart_whose_table_above_is_detail_names_the_file_not_the_table_above():
    section = Section("internal")
    section.table(pd.DataFrame({"a": [1]}), "t_trend", "The table", detail=True)
    section.figure(_figure(), "chart", "Bars.", "Caption", data_shown="The table")
    html, _ = _bundle(section)
    assert "The chart&#x27;s data are in tables/t_trend.csv." in html
    assert "in the table above" not in html  # print leaves the detail table out


def test_figure_is_closed_so_the_inline_backend_never_shows_it_bare():
    fig = _figure()
    Section("internal").figure(fig, "chart", "Bars.", "C", data=pd.DataFrame({"a": [1]}))
    assert fig.number not in plt.get_fignums()


# ---------------------------------------------------------------- what is shown and published


def test_display_carries_html_and_the_stamp():
    section = Section("public").text("Agency <b>A</b> trained 5.", "", "More.")
    bundle = section._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain", SECTION_MIME}
    assert bundle["text/html"] == "<p>Agency &lt;b&gt;A&lt;/b&gt; trained 5. More.</p>"
    assert bundle[SECTION_MIME]["audience"] == "public"
    json.dumps(bundle[SECTION_MIME])  # a notebook stores it as JSON


def test_table_is_published_exactly_as_shown_and_formula_safe():
    frame = pd.DataFrame({"Agency": ["Police", "=cmd"], "Learners": [12, None]})
    html, payload = _bundle(Section("public").table(_released(frame), "by_agency", "By agency"))
    (table,) = payload["tables"]
    assert table["name"] == "by_agency"
    assert table["columns"] == ["Agency", "Learners"]
    assert [r[0] for r in table["rows"]] == ["Police", "'=cmd"]
    assert table["rows"][1][1] == "[z]"
    assert 'id="table-by_agency"' in html
    assert "<caption" in html and "By agency" in html


def test_html_escapes_every_value_and_caption():
    frame = pd.DataFrame({"Agency": ["<b>Police</b>"], "Learners": [12]})
    section = Section("internal").table(frame, "t1", "Caption & <more>", note="[c]: 1 to 5")
    html, _ = _bundle(section)
    assert "&lt;b&gt;Police&lt;/b&gt;" in html and "<b>" not in html
    assert "Caption &amp; &lt;more&gt;" in html
    assert "[c]: 1 to 5" in html


def test_figure_markup_has_its_alt_text_and_the_png_is_published():
    section = Section("internal").figure(
        _figure(), "chart", 'Bars "A" <3 & B', "Caption <x>", data=pd.DataFrame({"a": [1]})
    )
    html, payload = _bundle(section)
    assert 'alt="Bars &quot;A&quot; &lt;3 &amp; B"' in html
    # a sentence, with its full stop, so it never runs into the next
    assert '<span class="chart-subtitle">Caption &lt;x&gt;.</span>' in html
    ((figure,),) = [payload["figures"]]
    assert figure["name"] == "chart"
    assert base64.b64decode(figure["png"]).startswith(PNG_SIGNATURE)
    # the chart's data follow it as a table of its own
    assert [t["name"] for t in payload["tables"]] == ["chart_data"]


def test_facts_and_warnings_travel_in_the_stamp():
    section = Section("public").facts("reviews", {"notifications": 3}, {"notifications": 2})
    section.warn("first\nsecond line")
    html, payload = _bundle(section)
    assert payload["facts"] == {
        "reviews": {"current": {"notifications": 3}, "previous": {"notifications": 2}}
    }
    assert payload["warnings"] == ["first second line"]
    assert '<p class="warning">first second line</p>' in html
    with pytest.raises(ValueError):
        Section("public").facts("Reviews", {})


# ---------------------------------------------------------------- an analyst's changes


def test_an_analyst_changes_a_chart_and_shows_the_section_again():
    section = Section("public").figure(
        _figure(), "chart", "Bars.", "C", data=_released(pd.DataFrame({"a": [1]}))
    )
    before = _bundle(section)[1]["figures"][0]["png"]
    fig = section.chart("chart").figure
    fig.axes[0].set_title("A clearer title")
    after = _bundle(section)[1]["figures"][0]["png"]
    assert after != before  # the section is drawn afresh from the changed figure


def test_an_analyst_replaces_a_table_within_the_audience_rules():
    frame = pd.DataFrame({"Agency": ["Police"], "Learners": [4]})
    section = Section("public").table(_released(frame), "t", "T")
    wider = section.table_named("t").frame.assign(Share=["50%"])
    with pytest.raises(DisclosureError):
        section.with_table("t", wider)  # still public: a raw frame is refused
    changed = section.with_table("t", _released(wider))
    assert changed.table_named("t").frame.columns.tolist() == ["Agency", "Learners", "Share"]
    assert section.table_named("t").frame.columns.tolist() == ["Agency", "Learners"]


def test_an_analyst_swaps_a_chart_with_new_alt_text():
    section = Section("internal").figure(
        _figure(), "chart", "Old.", "C", data=pd.DataFrame({"a": [1]})
    )
    changed = section.with_chart("chart", _figure(), alt="New alt text.")
    assert changed.chart("chart").alt == "New alt text."
    assert section.chart("chart").alt == "Old."


def test_facts_narrowed_to_the_blocks_keys_in_their_order():
    section = Section("public")
    now = {"b": 2, "a": 1, "working": 9}
    before = {"a": 0, "b": 1, "working": 8}
    section.facts("block", now, before, keys=("a", "b"))
    assert section.fact_blocks["block"] == {
        "current": {"a": 1, "b": 2},
        "previous": {"a": 0, "b": 1},
    }
    assert list(section.fact_blocks["block"]["current"]) == ["a", "b"]
    section.facts("first_year", now, None, keys=("a",))
    assert section.fact_blocks["first_year"] == {"current": {"a": 1}, "previous": None}
