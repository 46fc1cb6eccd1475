"""A chapter from an executed notebook: Markdown and section outputs only, nothing else."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from safeguarding_assurance import disclosure
from safeguarding_assurance.present.section import SECTION_MIME, Section
from safeguarding_assurance.report.chapters import UnsafeOutputError, read_chapter

CASE_REF = "NB24-007"


def _section_output(section: Section):
    return new_output("display_data", data=section._repr_mimebundle_())


def _frame_output():
    """What a stray `display(df)` or a frame left as a cell's last line stores."""
    frame = pd.DataFrame({"case_ref": [CASE_REF], "age_years": [3]})
    return new_output(
        "execute_result",
        data={"text/html": frame.to_html(), "text/plain": frame.to_string()},
        execution_count=4,
    )


def _notebook(tmp_path, audience: str, *extra_outputs) -> object:
    public = Section(audience).text("Three reviews were notified.")
    public.table(
        disclosure.release(pd.DataFrame({"Year": ["2024-25"], "Notifications": [3]}), "totals"),
        "rev_headline",
        "Notifications",
    )
    public.facts("reviews", {"notifications": 3}, {"notifications": 4})
    cells = [
        new_markdown_cell("# Learning from serious incidents\n\nWhat reviews found."),
        new_code_cell("reporting_year = '2024-25'", metadata={"tags": ["parameters"]}),
        new_code_cell(
            "show_headline(chapter, tables)",
            outputs=[
                new_output("stream", name="stderr", text="UserWarning: noise"),
                _section_output(public),
            ],
        ),
        new_code_cell("tables.reviews", outputs=list(extra_outputs)),
    ]
    nb = new_notebook(cells=cells, metadata={"title": "Learning from serious incidents"})
    path = tmp_path / "02_reviews.ipynb"
    nbformat.write(nb, path)
    return path


def test_sections_and_markdown_reach_the_chapter(tmp_path):
    chapter = read_chapter(_notebook(tmp_path, "public"), "public")
    assert chapter.title == "Learning from serious incidents"
    assert "What reviews found." in chapter.body
    assert "Three reviews were notified." in chapter.body
    assert "noise" not in chapter.body  # streams never reach a reader
    assert "reporting_year" not in chapter.body  # no code, no parameters
    assert [t["name"] for t in chapter.tables] == ["rev_headline"]
    assert chapter.facts == {
        "reviews": {"current": {"notifications": 3}, "previous": {"notifications": 4}}
    }
    assert chapter.dropped == []


def test_a_raw_frame_in_a_public_notebook_stops_the_run_naming_notebook_and_cell(tmp_path):
    path = _notebook(tmp_path, "public", _frame_output())
    with pytest.raises(UnsafeOutputError) as info:
        read_chapter(path, "public")
    message = str(info.value)
    assert "notebooks/02_reviews.ipynb, cell 4" in message
    assert "disclosure control" in message
    assert CASE_REF not in message  # the message itself discloses nothing


def test_a_raw_frame_in_an_internal_notebook_is_left_out_of_the_report(tmp_path):
    chapter = read_chapter(_notebook(tmp_path, "internal", _frame_output()), "internal")
    assert CASE_REF not in chapter.body
    assert chapter.dropped == [
        "notebooks/02_reviews.ipynb, cell 4: text/html, text/plain: left out of the report "
        "(not a report section)"
    ]


def test_an_image_without_a_section_is_refused_too(tmp_path):
    image = new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    with pytest.raises(UnsafeOutputError, match="cell 4: image/png"):
        read_chapter(_notebook(tmp_path, "public", image), "public")


def test_a_section_made_for_another_audience_is_not_shown(tmp_path):
    internal = Section("internal").table(
        pd.DataFrame({"Case reference": [CASE_REF]}), "cases", "Cases"
    )
    path = _notebook(tmp_path, "public", _section_output(internal))
    with pytest.raises(UnsafeOutputError, match="made for the internal audience"):
        read_chapter(path, "public")


def test_a_forged_stamp_of_another_version_is_not_a_section(tmp_path):
    forged = new_output(
        "display_data",
        data={"text/html": f"<p>{CASE_REF}</p>", SECTION_MIME: {"version": 99}},
    )
    with pytest.raises(UnsafeOutputError, match="cell 4: a section stamp of another version"):
        read_chapter(_notebook(tmp_path, "public", forged), "public")
