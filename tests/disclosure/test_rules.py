"""Disclosure control: hand-worked tables, then properties over random tables."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding_assurance.disclosure.rules import (
    add_totals,
    chart_marks,
    disclose_counts,
    disclose_themes,
    show_all,
    suppress_derived,
    suppress_primary,
    suppression_note,
)
from safeguarding_assurance.present.charts.reviews import describe_marks, plot_breakdown

matplotlib.use("Agg")
C = "[c]"


def column(values, name="Reviews", label="Age band"):
    index = pd.Index([f"cat{i}" for i in range(len(values))], name=label)
    return pd.DataFrame({name: values}, index=index)


def shown_column(table, name="Reviews"):
    return table.display[name].tolist()


# ---------------------------------------------------------------- hand-worked


def test_one_small_count_takes_the_smallest_other_even_a_zero():
    # 3 is primary. The column has a shown total (23) and one hidden cell, so the
    # next smallest is hidden too: the two zeros tie, the first (cat0) is taken.
    t = disclose_counts(column([0, 3, 12, 8, 0]), 5)
    assert shown_column(t) == [C, C, 12, 8, 0, 23]
    assert t.display.iloc[:, 0].tolist() == ["cat0", "cat1", "cat2", "cat3", "cat4", "Total"]
    assert t.suppressed["Reviews"].tolist() == [True, True, False, False, False, False]
    assert not t.suppressed["Age band"].any()


def test_two_small_counts_need_nothing_more():
    t = disclose_counts(column([2, 4, 10]), 5)
    assert shown_column(t) == [C, C, 10, 16]


def test_no_small_counts_and_zeros_are_shown():
    t = disclose_counts(column([6, 0, 7]), 5)
    assert shown_column(t) == [6, 0, 7, 13]
    assert not t.suppressed.to_numpy().any()


def test_all_zero_table():
    t = disclose_counts(column([0, 0, 0]), 5)
    assert shown_column(t) == [0, 0, 0, 0]


def test_ties_go_to_the_first_in_order():
    # 4 is primary; the two 6s tie for next smallest; the first (cat1) is hidden.
    assert shown_column(disclose_counts(column([4, 6, 6, 9]), 5)) == [C, C, 6, 9, 25]


def test_a_count_just_above_the_threshold_can_be_hidden_to_protect_another():
    # sex in the demo data: female 7, male 8, unknown 1 -> 1 primary, 7 next smallest
    assert shown_column(disclose_counts(column([7, 8, 1]), 5)) == [C, 8, C, 16]


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (5, [6, 7, 20, 33]),  # nothing from 1 to 5
        (6, [C, C, 20, 33]),  # 6 primary, then 7 as next smallest
        (7, [C, C, 20, 33]),  # both primary
        (20, [C, C, C, 33]),  # everything primary; the total stays shown
    ],
)
def test_changed_threshold(threshold, expected):
    assert shown_column(disclose_counts(column([6, 7, 20]), threshold)) == expected


def test_threshold_below_the_contract_minimum_is_refused():
    with pytest.raises(ValueError, match="at least 5"):
        disclose_counts(column([1, 2]), 4)


@pytest.mark.parametrize("bad", [[-1, 3], [1.5, 3], [np.nan, 3]])
def test_bad_counts_are_refused(bad):
    with pytest.raises(ValueError, match="whole, non-negative"):
        suppress_primary(column(bad), 5)


def test_two_way_table_rows_and_columns():
    # a = [3, 9, 7], b = [8, 10, 6], with row and column totals.
    # 3 primary. Column a: one hidden -> next smallest 7 (z, a).
    # Row x: one hidden (3) -> next smallest 8 (x, b). Row z: one hidden (7) -> 6 (z, b).
    # Column b: now 8 and 6 hidden -> two, stable. Totals all shown.
    counts = pd.DataFrame(
        {"a": [3, 9, 7], "b": [8, 10, 6]}, index=pd.Index(["x", "y", "z"], name="k")
    )
    t = disclose_counts(counts, 5, row_totals=True)
    assert t.display.to_dict("list") == {
        "k": ["x", "y", "z", "Total"],
        "a": [C, 9, C, 19],
        "b": [C, 10, C, 24],
        "Total": [11, 19, 13, 43],
    }


def test_single_category_hides_its_total():
    # One row: the total would equal the hidden cell, so it is hidden too.
    t = disclose_counts(column([3]), 5)
    assert shown_column(t) == [C, C]


def test_themes_each_count_on_its_own_no_total():
    # 1 and 3 are primary; 0 and 6 stay, and with no total nothing else is hidden.
    t = disclose_themes(column([1, 0, 6, 3], label="Theme"), 5)
    assert shown_column(t) == [C, 0, 6, C]
    assert "Total" not in t.display["Theme"].tolist()
    assert "no total" in t.note
    # one hidden theme alone is not protected by hiding another
    assert shown_column(disclose_themes(column([1, 0, 6]), 5)) == [C, 0, 6]


def test_note_explains_c_with_the_threshold():
    note = suppression_note(7)
    assert note.startswith("[c]") and "1 to 7" in note


def test_suppress_derived_blanks_percentages_of_hidden_counts():
    t = disclose_counts(column([3, 9, 8]), 5)  # 3 primary, 8 next smallest
    pct = pd.DataFrame({"Reviews": [15.0, 45.0, 40.0, 100.0]})
    out = suppress_derived(pct, t.suppressed[["Reviews"]])
    assert out["Reviews"].tolist() == [C, 45.0, C, 100.0]


def test_chart_marks_and_alt_text_hide_values():
    t = disclose_counts(column([3, 9, 8]), 5)
    marks = chart_marks(t, "Reviews")
    assert marks["category"].tolist() == ["cat0", "cat1", "cat2"]  # total left out
    assert marks["label"].tolist() == [C, "9", C]
    assert marks["value"].isna().tolist() == [True, False, True]
    alt = describe_marks(marks, "reviews by age band")
    assert "cat0: [c]" in alt and "cat1: 9" in alt and "cat2: [c]" in alt
    assert "3" not in alt and "8" not in alt


def test_show_all_hides_nothing():
    t = show_all(column([1, 2, 0]))
    assert shown_column(t) == [1, 2, 0, 3] and t.note == ""


def test_inputs_are_not_changed():
    counts = column([0, 3, 12])
    before = counts.copy()
    disclose_counts(counts, 5)
    add_totals(counts, row_totals=True)
    pd.testing.assert_frame_equal(counts, before)


# ---------------------------------------------------------------- properties


small_counts = st.one_of(st.integers(0, 8), st.integers(0, 40))


@st.composite
def count_tables(draw):
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 4))
    values = draw(
        st.lists(
            st.lists(small_counts, min_size=n_cols, max_size=n_cols),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
    counts = pd.DataFrame(
        values,
        index=pd.Index([f"r{i}" for i in range(n_rows)], name="k"),
        columns=[f"c{j}" for j in range(n_cols)],
    )
    threshold = draw(st.integers(5, 10))
    row_totals = draw(st.booleans())
    column_totals = draw(st.booleans())
    return counts, threshold, row_totals, column_totals


def body_and_totals(counts, table, row_totals, column_totals):
    """Full numeric table (with totals) and the mask, as numpy arrays, and body sizes."""
    full = add_totals(counts, row_totals=row_totals, column_totals=column_totals).to_numpy()
    mask = table.suppressed.iloc[:, 1:].to_numpy(dtype=bool)
    return full, mask, counts.shape


@settings(max_examples=120, deadline=None)
@given(count_tables())
def test_property_no_shown_small_count(case):
    counts, threshold, row_totals, column_totals = case
    t = disclose_counts(counts, threshold, row_totals=row_totals, column_totals=column_totals)
    full, mask, (nr, nc) = body_and_totals(counts, t, row_totals, column_totals)
    body, body_mask = full[:nr, :nc], mask[:nr, :nc]
    assert not ((body >= 1) & (body <= threshold) & ~body_mask).any()
    # the display agrees with the mask, and every shown value is the true count
    display = t.display.iloc[:, 1:].to_numpy(dtype=object)
    assert ((display == C) == mask).all()
    assert (display[~mask] == full[~mask]).all()


@settings(max_examples=120, deadline=None)
@given(count_tables())
def test_property_no_line_with_a_shown_total_holds_one_suppressed_cell(case):
    counts, threshold, row_totals, column_totals = case
    t = disclose_counts(counts, threshold, row_totals=row_totals, column_totals=column_totals)
    _, mask, (nr, nc) = body_and_totals(counts, t, row_totals, column_totals)
    if column_totals:  # every column (the total column too) ends in a total row cell
        shown_total = ~mask[nr, :]
        hidden = mask[:nr, :].sum(axis=0)
        assert not (shown_total & (hidden == 1)).any()
    if row_totals:
        shown_total = ~mask[:, nc]
        hidden = mask[:, :nc].sum(axis=1)
        assert not (shown_total & (hidden == 1)).any()


@settings(max_examples=60, deadline=None)
@given(count_tables())
def test_property_zeros_totals_and_threshold(case):
    counts, threshold, row_totals, column_totals = case
    t = disclose_counts(counts, threshold, row_totals=row_totals, column_totals=column_totals)
    full, mask, (nr, nc) = body_and_totals(counts, t, row_totals, column_totals)
    body = counts.to_numpy()
    # nothing small -> nothing hidden at all (zeros are never primary)
    if not ((body >= 1) & (body <= threshold)).any():
        assert not mask.any()
    # totals are the sums of the true counts, and are shown whenever the table has
    # more than one category in that direction
    if column_totals:
        assert (full[nr, :nc] == body.sum(axis=0)).all()
        if nr > 1:
            assert not mask[nr, :nc].any()
    if row_totals:
        assert (full[:nr, nc] == body.sum(axis=1)).all()
        if nc > 1:
            assert not mask[:nr, nc].any()
    # without totals only primary suppression applies
    if not (row_totals or column_totals):
        assert (mask == ((body >= 1) & (body <= threshold))).all()
    # a higher threshold never shows a count the lower one hid as primary
    higher = disclose_counts(
        counts, threshold + 3, row_totals=row_totals, column_totals=column_totals
    )
    hmask = higher.suppressed.iloc[:, 1:].to_numpy(dtype=bool)
    assert not ((body >= 1) & (body <= threshold + 3) & ~hmask[:nr, :nc]).any()


@settings(max_examples=80, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=13), st.integers(5, 10))
def test_property_themes_only_primary(values, threshold):
    t = disclose_themes(column(values, label="Theme"), threshold)
    arr = np.array(values)
    assert (t.suppressed["Reviews"].to_numpy() == ((arr >= 1) & (arr <= threshold))).all()
    assert len(t.display) == len(values)  # no total row


@settings(max_examples=20, deadline=None)
@given(st.lists(small_counts, min_size=2, max_size=8), st.integers(5, 10))
def test_property_chart_shows_no_suppressed_value(values, threshold):
    t = disclose_counts(column(values), threshold)
    marks = chart_marks(t, "Reviews")
    fig = plot_breakdown(marks, xlabel="x")
    try:
        ax = fig.axes[0]
        hidden = t.suppressed["Reviews"].to_numpy()[: len(values)]
        shown_values = [v for v, h in zip(values, hidden, strict=True) if not h]
        # one bar per shown category, each exactly its count; none for hidden ones
        widths = sorted(p.get_width() for p in ax.patches)
        assert widths == sorted(float(v) for v in shown_values)
        # each category's printed label is its count or [c], never a hidden value
        texts = [txt.get_text().strip() for txt in ax.texts]
        expected = [C if h else f"{v:,}" for v, h in zip(values, hidden, strict=True)]
        assert texts == expected
        # the axis range comes from shown values only
        top = max(shown_values, default=0)
        assert ax.get_xlim()[1] == pytest.approx(top * 1.15 if top > 0 else 1)
        # the alt text names each hidden category with [c], not its count
        alt = describe_marks(marks, "reviews")
        items = alt.split(". ", 1)[1].split(". [c] marks")[0].rstrip(".").split("; ")
        assert items == [f"{c}: {e}" for c, e in zip(marks["category"], expected, strict=True)]
    finally:
        matplotlib.pyplot.close(fig)
