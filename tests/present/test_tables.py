"""Published tables: cell text, CSV formula safety and accessible, escaped HTML.

Contract: a text cell that begins with ``=``, ``+``, ``-`` or ``@`` is written with a
leading ``'`` so a spreadsheet never runs it; a zero denominator shows as ``[z]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from safeguarding_assurance.contract.published import csv_safe
from safeguarding_assurance.present.tables import (
    cell_text,
    table_html,
    to_published_frame,
    write_table_csv,
)

# ---------------------------------------------------------------- cell_text


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA, pd.NaT])
def test_missing_is_z(missing):
    assert cell_text(missing) == "[z]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (1234, "1,234"),
        (1234567, "1,234,567"),
        (-3, "-3"),
        (np.int64(1234), "1,234"),
        (12.5, "12.5"),
        (33.3, "33.3"),
        (-0.25, "-0.25"),
        (1234.0, "1,234.0"),  # a float keeps its decimal: counts belong in Int64 columns
        (1234.5, "1,234.5"),
        (True, "Yes"),
        (False, "No"),
        ("[c]", "[c]"),
        ("Police", "Police"),
        (pd.Timestamp("2024-04-01"), "1 April 2024"),  # as people write dates
        (dt.date(2025, 3, 31), "31 March 2025"),
    ],
)
def test_cell_text(value, expected):
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1234, "1234"), (np.int64(1234567), "1234567"), (1234.0, "1234.0"), (1234.5, "1234.5")],
)
def test_cell_text_without_separators(value, expected):
    assert cell_text(value, thousands=False) == expected


# ---------------------------------------------------------------- csv_safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-Police", "'-Police"),
        ("- a bullet", "'- a bullet"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        # plain numbers are numbers, not formulas
        ("-3", "-3"),
        ("-0.5", "-0.5"),
        ("-1234", "-1234"),
        ("+1", "'+1"),  # text starting with + is prefixed, as the contract says
        # nothing to do
        ("Police", "Police"),
        ("a=b", "a=b"),
        ("[c]", "[c]"),
        ("", ""),
    ],
)
def test_csv_safe(text, expected):
    assert csv_safe(text) == expected


@pytest.mark.parametrize("text", ["-inf", "-nan", "+Infinity", "-1_000"])
def test_csv_safe_text_that_python_reads_as_a_float(text):
    assert csv_safe(text) == "'" + text


# ---------------------------------------------------------------- to_published_frame


def _display_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Agency": ["=HYPERLINK(1)", "-Police", "Health"],
            "Count": [1234, -3, 0],
            "Rate": [12.5, None, -0.5],
            "=Sneaky": ["@x", "ok", "+y"],
        }
    )


def test_to_published_frame_marks_missing_and_neutralises_formulas():
    out = to_published_frame(_display_frame())
    assert list(out.columns) == ["Agency", "Count", "Rate", "'=Sneaky"]
    assert out["Agency"].tolist() == ["'=HYPERLINK(1)", "'-Police", "Health"]
    # no thousands separator in CSV; negative numbers left alone
    assert out["Count"].tolist() == ["1234", "-3", "0"]
    assert out["Rate"].tolist() == ["12.5", "[z]", "-0.5"]
    assert out["'=Sneaky"].tolist() == ["'@x", "ok", "'+y"]


def test_to_published_frame_leaves_its_input_alone():
    df = _display_frame()
    before = df.copy()
    to_published_frame(df)
    pd.testing.assert_frame_equal(df, before)


def test_to_published_frame_nullable_integers():
    df = pd.DataFrame({"Area": ["A", "B"], "n": pd.array([5, None], dtype="Int64")})
    assert to_published_frame(df)["n"].tolist() == ["5", "[z]"]


# ---------------------------------------------------------------- write_table_csv


def test_write_table_csv_writes_utf8_with_bom(tmp_path):
    path = tmp_path / "deep" / "folder" / "t.csv"  # parents are created
    df = pd.DataFrame({"Agency": ["Café", "=1+1"], "Count": [1500, None]})
    write_table_csv(df, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    # Count holds 1500.0 and NaN (a float column): 1500.0 and [z]
    assert rows == [["Agency", "Count"], ["Café", "1500.0"], ["'=1+1", "[z]"]]


# ---------------------------------------------------------------- table_html


def test_table_html_has_caption_and_scoped_headers():
    df = pd.DataFrame({"Agency": ["Police", "Health"], "Learners": [12, 30]})
    markup = table_html(df, "Learners by agency", table_id="table-learners")
    assert '<table id="table-learners">' in markup
    assert '<caption id="table-learners-caption">Learners by agency</caption>' in markup
    assert 'role="region" tabindex="0" aria-labelledby="table-learners-caption"' in markup
    assert '<th scope="col">Agency</th>' in markup
    assert markup.count('scope="col"') == 2
    assert '<th scope="row">Police</th>' in markup
    assert '<th scope="row">Health</th>' in markup
    assert markup.count('scope="row"') == 2
    # number cells are data cells, right-aligned by class
    assert '<td class="num">12</td>' in markup
    assert '<th scope="col" class="num">Learners</th>' in markup


def test_table_html_escapes_caption_headers_cells_and_note():
    df = pd.DataFrame({"<b>Agency</b>": ["<script>alert(1)</script>"], "A & B": ['"quoted"']})
    markup = table_html(df, "Caption <i>x</i> & y", note="Note <u>z</u>", table_id='a"b')
    assert "<script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert ">Caption &lt;i&gt;x&lt;/i&gt; &amp; y</caption>" in markup
    assert "&lt;b&gt;Agency&lt;/b&gt;" in markup
    assert "A &amp; B" in markup
    assert "&quot;quoted&quot;" in markup
    assert "Note &lt;u&gt;z&lt;/u&gt;" in markup
    assert 'id="a&quot;b"' in markup
    for tag in ("<b>", "<i>", "<u>"):
        assert tag not in markup


def test_table_html_without_row_headers():
    df = pd.DataFrame({"Agency": ["Police"], "Learners": [12]})
    markup = table_html(df, "c", row_headers=False)
    assert 'scope="row"' not in markup
    assert "<td>Police</td>" in markup


def test_table_html_missing_value_shows_z():
    df = pd.DataFrame({"Agency": ["Police"], "Reach %": [None]})
    assert ">[z]</td>" in table_html(df, "c")


def test_table_html_empty_frame_says_so():
    df = pd.DataFrame({"Agency": [], "Learners": []})
    markup = table_html(df, "Nothing")
    assert "<caption>Nothing</caption>" in markup
    assert '<td colspan="2">No rows for this year.</td>' in markup


def test_a_table_is_kept_whole_in_print_only_when_it_has_few_rows_and_little_text():
    from safeguarding_assurance.present.tables import is_short, table_html

    numbers = pd.DataFrame({"Year": ["2023-24", "2024-25"], "Count": [1, 2]})
    assert is_short(numbers)
    assert 'class="table-wrap short"' in table_html(numbers, "Counts")
    many_rows = pd.DataFrame({"n": range(26)})
    assert not is_short(many_rows)
    # seven rows of long free text would leave half a page empty if kept whole
    words = pd.DataFrame({"What we heard": ["x" * 200] * 7})
    assert not is_short(words)
    assert 'class="table-wrap long"' in table_html(words, "Heard")
