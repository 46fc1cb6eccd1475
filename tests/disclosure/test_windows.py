"""Pooled breakdowns across editions: hand-worked cases, then a brute-force reader.

The brute-force reader enumerates every whole-number table of single-year counts that
agrees with what all the editions published (and with the yearly totals): a count is
given away when every such table has the same value there. It shares no code with the
rule's own check.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguarding_assurance.disclosure import DisclosedTable, disclose_pooled_window
from safeguarding_assurance.disclosure.windows import Edition, Knowledge, Quantity, plan_editions

C = "[c]"
YEARS = ["2021-22", "2022-23", "2023-24", "2024-25"]


def yearly(rows: dict[str, list[int]], years=YEARS, label="Sex") -> pd.DataFrame:
    index = pd.Index(list(rows), name=label)
    return pd.DataFrame(
        list(rows.values()), index=index, columns=years[: len(next(iter(rows.values())))]
    )


def shown(table: DisclosedTable) -> list:
    return table.display.iloc[:, 1].tolist()


# ---------------------------------------------------------------- hand-worked

# The demo's reviews by sex, 2021-22 to 2024-25 (4, 5, 4 and 3 notifications).
SEX = {"Female": [2, 2, 2, 1], "Male": [2, 3, 1, 2], "Unknown": [0, 0, 1, 0]}


def test_a_count_given_away_by_the_last_edition_is_suppressed():
    # 2023-24 pools 2020-21 (no notification) to 2023-24: Male 2+3+1 = 6, shown.
    # 2024-25 pools 2021-22 to 2024-25: Male 2+3+1+2 = 8. Shown beside 6, it gives
    # 2024-25's Male count away: 8 - 6 = 2 (2020-21 had none). So Male is suppressed,
    # and with Female (7, suppressed with Unknown's 1 by the secondary rule) every count
    # is [c]; the total 16 stays.
    result = disclose_pooled_window(
        yearly(SEX), [4, 5, 4, 3], 4, 5, pooled_column="Reviews, 2021-22 to 2024-25"
    )
    assert shown(result.table) == [C, C, C, 16]
    assert result.widened
    assert "earlier reports" in result.table.note


def test_the_earlier_editions_are_as_the_usual_rule_makes_them_when_safe():
    editions = plan_editions(
        yearly(SEX).to_numpy(), np.array([4, 5, 4, 3]), YEARS, 4, 5, themes=False
    )
    by_year = {e.label: e for e in editions}
    # 2021-22's window holds one year of notifications: not published at all
    assert not by_year["2021-22"].published
    # 2022-23: Female 4, Male 5 primary; Unknown 0 shown
    assert by_year["2022-23"].shown == (False, False, True)
    # 2023-24: Unknown 1 primary, Female 6 secondary (tie with Male 6: first in order)
    assert by_year["2023-24"].shown == (False, True, False)
    assert by_year["2023-24"].pooled == (6, 6, 1)
    # 2024-25: widened as above
    assert by_year["2024-25"].shown == (False, False, False)


def test_a_window_with_notifications_in_one_year_is_not_published():
    # all of 2018-19 to 2021-22's reviews were notified in 2021-22: it is that year's
    # breakdown, whatever the counts
    data = yearly(
        {"Female": [0, 0, 0, 7], "Male": [0, 0, 0, 6]}, ["2018-19", "2019-20", "2020-21", "2021-22"]
    )
    result = disclose_pooled_window(data, [0, 0, 0, 13], 4, 5, pooled_column="Reviews")
    assert result.table is None
    assert "one year" in result.reason or "two years" in result.reason


def test_a_theme_in_every_review_of_the_window_is_suppressed():
    # 3 and 3 notifications; Neglect features in all 6. A reader knows a theme features
    # in at most the year's notifications, so 6 gives away 3 in each year: suppressed.
    data = yearly({"Neglect": [3, 3], "Other": [0, 0]}, ["2023-24", "2024-25"], "Theme")
    result = disclose_pooled_window(data, [3, 3], 2, 5, pooled_column="Reviews", themes=True)
    assert shown(result.table) == [C, 0]
    assert result.widened


def test_a_theme_shown_when_the_years_cannot_be_told_apart():
    # 4 and 4 notifications, Neglect in 3 and 4 of them: 7 could be 3+4, 4+3: shown
    data = yearly({"Neglect": [3, 4], "Other": [1, 0]}, ["2023-24", "2024-25"], "Theme")
    result = disclose_pooled_window(data, [4, 4], 2, 5, pooled_column="Reviews", themes=True)
    assert shown(result.table) == [7, C]
    assert not result.widened


def test_large_counts_in_every_year_are_shown():
    # 10 reviews a year, split 6/4 then 5/5 then 4/6: no single year's count is pinned
    # (each pooled count could come from several splits), so the usual rule stands.
    data = yearly({"Female": [6, 5, 4], "Male": [4, 5, 6]}, YEARS[:3])
    result = disclose_pooled_window(data, [10, 10, 10], 2, 5, pooled_column="Reviews")
    assert shown(result.table) == [9, 11, 20]
    assert not result.widened


def test_counts_that_do_not_add_up_to_the_notifications_are_refused():
    with pytest.raises(ValueError, match="add up"):
        disclose_pooled_window(yearly(SEX), [4, 5, 4, 4], 4, 5, pooled_column="Reviews")


def test_knowledge_finds_the_difference_of_two_windows():
    # two editions of one category, windows {0,1} and {1,2}, and year 0 has no notification
    counts = np.array([[0, 2, 3], [0, 2, 1]])
    notifications = np.array([0, 4, 4])
    editions = [
        Edition("a", (0, 1), (2, 2), (True, False), True),
        Edition("b", (1, 2), (5, 3), (True, False), True),
    ]
    known = Knowledge(counts, notifications, editions, themes=False)
    leaks = known.derivable([Quantity(0, (1,), 2), Quantity(0, (2,), 3), Quantity(1, (2,), 1)])
    # category 0: year 1 = 2 (window a, year 0 empty), year 2 = 5 - 2 = 3; category 1
    # follows from the yearly totals: 4 - 3 = 1
    assert [q.value for q in leaks] == [2, 3, 1]


# ---------------------------------------------------------------- brute force


def _worlds(editions: list[Edition], notifications: list[int], k: int, themes: bool):
    """Every table of single-year counts agreeing with what the editions published."""
    per_year = []
    for n in notifications:
        if themes:
            per_year.append(list(itertools.product(range(n + 1), repeat=k)))
        else:
            per_year.append([c for c in itertools.product(range(n + 1), repeat=k) if sum(c) == n])
    for columns in itertools.product(*per_year):
        table = np.array(columns).T  # categories x years
        if all(
            table[c, list(e.years)].sum() == e.pooled[c]
            for e in editions
            if e.published
            for c in range(k)
            if e.shown[c]
        ):
            yield table


def _given_away(editions, notifications, k, threshold, themes):
    values: dict[tuple, set] = {}
    for table in _worlds(editions, notifications, k, themes):
        for c in range(k):
            for y in range(len(notifications)):
                values.setdefault((c, (y,)), set()).add(int(table[c, y]))
            for e in editions:
                if e.published:
                    values.setdefault((c, e.years), set()).add(int(table[c, list(e.years)].sum()))
    return {
        key: v.pop() for key, v in values.items() if len(v) == 1 and 1 <= next(iter(v)) <= threshold
    }


@st.composite
def small_registers(draw):
    themes = draw(st.booleans())
    # small enough to list every possible world (a theme table has more of them)
    k = 2 if themes else draw(st.integers(2, 3))
    most = 4 if themes else (6 if k == 2 else 5)
    n_years = draw(st.integers(2, 3))
    notifications = draw(st.lists(st.integers(0, most), min_size=n_years, max_size=n_years))
    columns = []
    for n in notifications:
        if themes:
            columns.append([draw(st.integers(0, n)) for _ in range(k)])
        else:
            cuts = sorted(draw(st.lists(st.integers(0, n), min_size=k - 1, max_size=k - 1)))
            bounds = [0, *cuts, n]
            columns.append([bounds[i + 1] - bounds[i] for i in range(k)])
    window = draw(st.integers(2, 3))
    return np.array(columns).T, notifications, window, themes


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_registers())
def test_no_edition_set_gives_away_a_small_count(register):
    counts, notifications, window, themes = register
    labels = [f"{2020 + i}-{(21 + i) % 100:02d}" for i in range(counts.shape[1])]
    editions = plan_editions(counts, np.array(notifications), labels, window, 5, themes=themes)
    assert _given_away(editions, notifications, counts.shape[0], 5, themes) == {}
    for e in editions:
        if e.published:
            for c, (value, is_shown) in enumerate(zip(e.pooled, e.shown, strict=True)):
                # the usual rule still holds: a count from 1 to 5 is never shown
                assert not (is_shown and 1 <= value <= 5), (c, e)
                assert value == counts[c, list(e.years)].sum()


def test_the_reader_finds_what_the_usual_rule_alone_gave_away():
    # the demo's editions by sex as published before this rule: 2022-23 showed Unknown 0,
    # 2023-24 Male 6, 2024-25 Male 8 (and 2021-22 only [c] and a zero)
    before = [
        Edition("2021-22", (0,), (2, 2, 0), (False, False, True), True),
        Edition("2022-23", (0, 1), (4, 5, 0), (False, False, True), True),
        Edition("2023-24", (0, 1, 2), (6, 6, 1), (False, True, False), True),
        Edition("2024-25", (0, 1, 2, 3), (7, 8, 1), (False, True, False), True),
    ]
    assert _given_away(before, [4, 5, 4, 3], 3, 5, themes=False) == {(1, (3,)): 2}
