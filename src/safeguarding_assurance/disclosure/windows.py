"""Pooled breakdowns that stay safe when a reader holds every edition: no differencing.

Each year's public report pools its breakdowns of reviews over its own window of
``trend_years`` reporting years, one year later than the last report's. A reader who
keeps every edition, and the notifications per year that each one publishes, can
subtract one window from another, or solve them together, and so work out a single
year's count that suppression hid (a worked case: the 2023-24 and 2024-25 demo reports
showed 6 and then 8 reviews of boys, and 2020-21 had no notification, so 2 of the 3
reviews of 2024-25 were of boys).

The rule applied here (docs/decisions.md, "Disclosure control"):

1. A window whose notifications all fall in one reporting year is that year's
   breakdown, which the contract keeps out of public output: it is not published.
2. Otherwise the usual suppression applies (counts from 1 to the threshold, then
   secondary suppression against the total).
3. Then the edition is checked against every earlier edition, from the first year with
   a notification, each as this same rule publishes it from the registers as they stand
   now. The reader's knowledge is a set of equations in the unknown counts of each
   category in each year: each shown pooled count is the sum of its window's years, each
   year's counts add up to its published notifications (not for themes: a review can
   feature several), every count lies between 0 and that year's notifications, and a
   ``[c]`` tells nothing more. A count is *derivable* when every whole-number solution
   gives it the same value. No single year's count, and no edition's pooled count,
   from 1 to the threshold may be derivable. While one is, one more cell of this
   edition is suppressed (the same category's count where it is shown, else the
   smallest shown count, zeros included, first in table order on ties), secondary
   suppression is applied again, and the check runs again. Suppressing every cell
   always ends it: the total alone tells nothing the yearly totals did not.

The check is exact: linear programmes (HiGHS, through SciPy) bound each count; a bound
is trusted only when a whole-number solution attains it, and a fractional one is
settled by an integer programme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from safeguarding_assurance.disclosure.rules import (
    _ISSUER,
    DisclosedTable,
    _check_counts,
    _display,
    add_totals,
    suppress_primary,
    suppress_secondary,
    suppression_note,
)


@dataclass(frozen=True)
class Edition:
    """One year's public report of a breakdown, as the rule publishes it.

    ``years`` are the positions (in the yearly table) its window covers; ``pooled``
    the window's count per category; ``shown`` whether each category's count is shown
    (all ``False`` and ``published`` false when the window is not published at all).
    """

    label: str
    years: tuple[int, ...]
    pooled: tuple[int, ...]
    shown: tuple[bool, ...]
    published: bool


@dataclass(frozen=True)
class Quantity:
    """A count a reader must not be able to work out: one category, over some years."""

    category: int
    years: tuple[int, ...]
    value: int

    def describe(self, categories: Sequence[str], labels: Sequence[str]) -> str:
        """``Male, 2024-25: 2`` or ``Male, 2021-22 to 2024-25: 8``."""
        span = labels[self.years[0]]
        if len(self.years) > 1:
            span += f" to {labels[self.years[-1]]}"
        return f"{categories[self.category]}, {span}: {self.value}"


class Knowledge:
    """What a reader holding the given editions (and the yearly totals) knows, as equations."""

    def __init__(
        self,
        yearly: np.ndarray,
        notifications: np.ndarray,
        editions: Sequence[Edition],
        *,
        themes: bool,
    ) -> None:
        self.yearly = yearly  # categories x years: the true counts
        self.k, self.n_years = yearly.shape
        # years with no notification hold no count: only years with one are unknowns
        self.data_years = [y for y in range(self.n_years) if notifications[y] > 0]
        self.column = {y: i for i, y in enumerate(self.data_years)}
        n_vars = self.k * len(self.data_years)
        rows: list[np.ndarray] = []
        rhs: list[int] = []
        if not themes:
            for y in self.data_years:
                row = np.zeros(n_vars)
                row[[self._var(c, y) for c in range(self.k)]] = 1
                rows.append(row)
                rhs.append(int(notifications[y]))
        for edition in editions:
            for c in range(self.k):
                if edition.published and edition.shown[c]:
                    rows.append(self.weights(c, edition.years))
                    rhs.append(edition.pooled[c])
        self.a_eq = np.array(rows) if rows else np.zeros((0, n_vars))
        self.b_eq = np.array(rhs, dtype=float)
        self.upper = np.array(
            [float(notifications[y]) for y in self.data_years for _ in range(self.k)]
        )
        self.truth = np.array([float(yearly[c, y]) for y in self.data_years for c in range(self.k)])

    def _var(self, category: int, year: int) -> int:
        return self.column[year] * self.k + category

    def weights(self, category: int, years: Sequence[int]) -> np.ndarray:
        """The count of one category over some years, as a vector over the unknowns."""
        w = np.zeros(self.k * len(self.data_years))
        for y in years:
            if y in self.column:
                w[self._var(category, y)] = 1
        return w

    def _feasible_integer(self, x: np.ndarray) -> np.ndarray | None:
        rounded = np.round(x)
        if np.abs(x - rounded).max(initial=0) > 1e-6:
            return None
        if (rounded < 0).any() or (rounded > self.upper).any():
            return None
        if len(self.b_eq) and not np.array_equal(self.a_eq @ rounded, self.b_eq):
            return None
        return rounded

    def _extreme(self, w: np.ndarray, sign: float) -> tuple[float, np.ndarray | None]:
        """The least (sign +1) or greatest (sign -1) whole-number value of ``w @ x``.

        Returns the value and a whole-number solution attaining it.
        """
        from scipy.optimize import Bounds, LinearConstraint, linprog, milp

        bounds = list(zip(np.zeros_like(self.upper), self.upper, strict=True))
        eq = {"A_eq": self.a_eq, "b_eq": self.b_eq} if len(self.b_eq) else {}
        lp = linprog(sign * w, bounds=bounds, method="highs", **eq)
        if lp.status == 0:
            found = self._feasible_integer(lp.x)
            if found is not None:
                return float(w @ found), found
        constraints = [LinearConstraint(self.a_eq, self.b_eq, self.b_eq)] if len(self.b_eq) else []
        ip = milp(
            sign * w,
            constraints=constraints,
            integrality=np.ones_like(w),
            bounds=Bounds(np.zeros_like(self.upper), self.upper),
        )
        found = self._feasible_integer(ip.x) if ip.x is not None else None
        if found is None:  # cannot happen: the true counts are a solution
            raise RuntimeError("the disclosure check found no whole-number solution")
        return float(w @ found), found

    def derivable(self, quantities: Sequence[Quantity]) -> list[Quantity]:
        """The quantities every whole-number solution gives the same value: the disclosed ones."""
        weights = [self.weights(q.category, q.years) for q in quantities]
        solutions = [self.truth]
        free = [False] * len(quantities)

        def learn(x: np.ndarray) -> None:
            solutions.append(x)
            for i, (q, w) in enumerate(zip(quantities, weights, strict=True)):
                if not free[i] and round(float(w @ x)) != q.value:
                    free[i] = True

        for i, (q, w) in enumerate(zip(quantities, weights, strict=True)):
            if free[i]:
                continue
            for sign in (1.0, -1.0):
                value, x = self._extreme(w, sign)
                if round(value) != q.value and x is not None:
                    learn(x)
                    break
        return [q for q, f in zip(quantities, free, strict=True) if not f]


def _protected(yearly: np.ndarray, editions: Sequence[Edition], threshold: int) -> list[Quantity]:
    """Every count from 1 to the threshold a reader must not work out: per year, per window."""
    k, n = yearly.shape
    found = [
        Quantity(c, (y,), int(yearly[c, y]))
        for y in range(n)
        for c in range(k)
        if 1 <= yearly[c, y] <= threshold
    ]
    for edition in editions:
        if not edition.published:
            continue
        for c in range(k):
            if 1 <= edition.pooled[c] <= threshold and len(edition.years) > 1:
                q = Quantity(c, edition.years, edition.pooled[c])
                if q not in found:
                    found.append(q)
    return found


def _close(pooled: np.ndarray, shown: np.ndarray, *, themes: bool) -> np.ndarray:
    """Secondary suppression on top of a mask of the body (non-theme tables have a total)."""
    if themes:
        return shown
    frame = pd.DataFrame({"n": pooled})
    mask = suppress_secondary(frame, pd.DataFrame({"n": ~shown}), column_totals=True)
    return ~mask["n"].to_numpy()[:-1]


def plan_editions(
    yearly: np.ndarray,
    notifications: np.ndarray,
    labels: Sequence[str],
    n_years: int,
    threshold: int,
    *,
    themes: bool,
) -> list[Edition]:
    """Every edition from the first year with a notification to the last year, as published.

    ``yearly`` holds the true counts (categories x consecutive reporting years, the last
    being the edition wanted); ``notifications`` the reviews notified in each year.
    """
    k, n = yearly.shape
    editions: list[Edition] = []
    with_data = [y for y in range(n) if notifications[y] > 0]
    if not with_data:
        return editions
    for e in range(with_data[0], n):
        years = tuple(range(max(0, e - n_years + 1), e + 1))
        pooled = yearly[:, list(years)].sum(axis=1).astype("int64")
        if sum(1 for y in years if notifications[y] > 0) < 2:
            editions.append(Edition(labels[e], years, tuple(pooled), (False,) * k, False))
            continue
        primary = suppress_primary(pd.DataFrame({"n": pooled}), threshold)["n"].to_numpy()
        shown = _close(pooled, ~primary, themes=themes)
        while True:
            candidate = Edition(labels[e], years, tuple(int(v) for v in pooled), tuple(shown), True)
            known = Knowledge(yearly, notifications, [*editions, candidate], themes=themes)
            leaks = known.derivable(_protected(yearly, [*editions, candidate], threshold))
            if not leaks or not shown.any():
                break
            shown = shown.copy()
            category = leaks[0].category
            if shown[category]:
                shown[category] = False
            else:
                visible = np.flatnonzero(shown)
                shown[visible[np.argmin(pooled[visible])]] = False
            shown = _close(pooled, shown, themes=themes)
        editions.append(candidate)
    return editions


@dataclass(frozen=True)
class PooledBreakdown:
    """The public table of one edition's pooled breakdown, or why there is none.

    ``table`` is ``None`` when the window holds notifications of fewer than two years
    (``reason`` says so). ``editions`` are every edition the check went through, the
    last being this one.
    """

    table: DisclosedTable | None
    reason: str
    editions: tuple[Edition, ...]
    widened: bool  # whether cells were suppressed because of the earlier editions


def disclose_pooled_window(
    yearly: pd.DataFrame,
    notifications: Sequence[int] | pd.Series,
    n_years: int,
    threshold: int,
    *,
    pooled_column: str,
    themes: bool = False,
) -> PooledBreakdown:
    """Disclose the last year's pooled breakdown so that no edition can be differenced.

    Parameters
    ----------
    yearly
        Counts by category (the index, in published order; its name heads the label
        column) for each reporting year (the columns, consecutive, oldest first), from at
        least the first year with a notification to the year of the report.
    notifications
        Reviews notified in each of those years (the published headline totals).
    n_years
        ``trend_years``: how many years each edition pools.
    threshold
        ``suppression_threshold``.
    pooled_column
        The heading of the published count column (``Reviews, 2021-22 to 2024-25``).
    themes
        A theme table: a review can feature several themes, so no total and no
        yearly sum.
    """
    values = _check_counts(yearly, threshold)
    totals = np.asarray(list(notifications), dtype="int64")
    if len(totals) != values.shape[1]:
        raise ValueError("one number of notifications is needed for each year's column")
    if not themes and not np.array_equal(values.sum(axis=0), totals):
        raise ValueError("each year's counts must add up to its notifications")
    if themes and (values > totals[np.newaxis, :]).any():
        raise ValueError("a theme cannot feature in more reviews than were notified")
    labels = [str(c) for c in yearly.columns]
    editions = plan_editions(values, totals, labels, n_years, threshold, themes=themes)
    if not editions or not editions[-1].published:
        return PooledBreakdown(
            None, "fewer than two years with a notification", tuple(editions), False
        )
    this = editions[-1]
    counts = pd.DataFrame({pooled_column: list(this.pooled)}, index=yearly.index)
    body = pd.DataFrame({pooled_column: [not s for s in this.shown]}, index=yearly.index)
    primary = suppress_primary(counts, threshold)
    baseline = primary if themes else suppress_secondary(counts, primary).iloc[:-1]
    widened = bool((body.to_numpy() & ~baseline.to_numpy()).any())
    if themes:
        mask, values_shown = body, counts
    else:
        mask = suppress_secondary(counts, body)
        values_shown = add_totals(counts)
    display, flags = _display(values_shown, mask)
    note = suppression_note(threshold, themes=themes)
    if widened:
        note += (
            " Some further counts are suppressed because, taken with the tables of earlier "
            "reports, they would let a single year's count be worked out."
        )
    table = DisclosedTable(
        display=display,
        suppressed=flags,
        note=note,
        total_row=not themes,
        basis=(
            f"pooled over {n_years} years; counts from 1 to {threshold} suppressed, with "
            "secondary suppression, and checked against every earlier edition"
        ),
        _issuer=_ISSUER,
    )
    return PooledBreakdown(table, "", tuple(editions), widened)
