"""Disclosure control for public output: the contract's suppression rules, in one place.

Every public table or chart that counts children or reviews by a characteristic
goes through :func:`disclose_counts` (or :func:`disclose_themes`), which returns a
display frame (whole numbers, or ``[c]`` where suppressed) and a boolean mask of
the suppressed cells, so a chart drawn from the same table can blank the same marks
(:func:`chart_marks`) and derived percentages can be blanked too
(:func:`suppress_derived`).

The rules (contract, "Disclosure control (public audience)"):

- primary: a count from 1 to the threshold is shown as ``[c]``; zero is shown;
- secondary: where a row or column with a shown total holds exactly one suppressed
  cell, the next smallest cell in it (a zero counts) is suppressed too, repeated over
  rows and columns until nothing changes. Ties between equal smallest cells go to
  the first in table order (top-most, then left-most), so the result is
  reproducible. Totals are headline figures and are shown; only in a degenerate
  line with no other cell to take (a single category) is the line's total itself
  suppressed, since it would equal the hidden cell;
- a theme table has no total (a review can feature several themes), so each count
  is suppressed on its own and nothing else is.

Pooling over the trend years, never cross-tabulating two characteristics and
never showing a case reference are the chapter's duty; this module only sees a
table of counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from safeguarding_assurance.contract.published import SUPPRESSED

TOTAL_LABEL = "Total"
MINIMUM_THRESHOLD = 5  # the contract: suppression_threshold is an integer >= 5


# Only this module issues DisclosedTable objects: a section for the public audience
# accepts nothing else, so a figure reaches a public report only through these rules.
_ISSUER = object()


class DisclosureError(TypeError):
    """Something that has not been through disclosure control was offered for publication."""


@dataclass(frozen=True)
class DisclosedTable:
    """A table that has been through disclosure control, with the cells it hides.

    Made only by this module: :func:`disclose_counts`, :func:`disclose_themes` and
    :func:`release` give tables a public section accepts (``public`` is true);
    :func:`show_all` gives the internal audience's unsuppressed table.

    Attributes
    ----------
    display
        The first column holds the row labels (the counts' index); then one column
        per count column, holding whole numbers or ``[c]``; totals as the last row
        and/or column where asked for.
    suppressed
        Booleans with the shape, index and columns of ``display``: ``True`` where
        the cell is shown as ``[c]`` (the label column is always ``False``).
    note
        The sentence to print under the table explaining ``[c]`` (blank when nothing
        is suppressed by design, as for the internal audience).
    total_row
        Whether the last row of ``display`` is the total row.
    public
        Whether the table may appear in public output.
    basis
        Why it may: the rule applied, or why no rule was needed.
    """

    display: pd.DataFrame
    suppressed: pd.DataFrame
    note: str
    total_row: bool = False
    public: bool = True
    basis: str = "suppressed"
    _issuer: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._issuer is not _ISSUER:
            raise DisclosureError(
                "a DisclosedTable is made only by the disclosure module "
                "(disclose_counts, disclose_themes, release or show_all)"
            )

    @property
    def frame(self) -> pd.DataFrame:
        """The table as it is shown (a copy, so changing it changes nothing published)."""
        return self.display.copy()


def _check_counts(counts: pd.DataFrame, threshold: int) -> np.ndarray:
    if int(threshold) != threshold or threshold < MINIMUM_THRESHOLD:
        raise ValueError(
            f"suppression threshold must be a whole number of at least {MINIMUM_THRESHOLD}"
        )
    values = counts.to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(values).any() or (values < 0).any() or (values != np.round(values)).any():
        raise ValueError("disclosure control needs whole, non-negative counts with no blanks")
    return values.astype("int64")


def suppress_primary(counts: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Return the mask of counts from 1 to ``threshold`` inclusive (zero is never primary)."""
    values = _check_counts(counts, threshold)
    return pd.DataFrame(
        (values >= 1) & (values <= threshold), index=counts.index, columns=counts.columns
    )


def add_totals(
    counts: pd.DataFrame,
    *,
    row_totals: bool = False,
    column_totals: bool = True,
    label: str = TOTAL_LABEL,
) -> pd.DataFrame:
    """Return the counts with a total row (sum of each column) and/or a total column."""
    values = counts.to_numpy()
    index, columns = list(counts.index), list(counts.columns)
    if row_totals:
        values = np.column_stack([values, values.sum(axis=1)])
        columns.append(label)
    if column_totals:
        values = np.vstack([values, values.sum(axis=0)])
        index.append(label)
    return pd.DataFrame(
        values,
        index=pd.Index(index, name=counts.index.name),
        columns=pd.Index(columns, name=counts.columns.name),
    )


def _secondary(
    values: np.ndarray,
    mask: np.ndarray,
    *,
    total_row: bool,
    total_col: bool,
) -> np.ndarray:
    """Close the mask under the secondary rule; ``values`` includes any total row/column."""
    mask = mask.copy()
    n_rows, n_cols = values.shape
    body_rows = n_rows - 1 if total_row else n_rows
    body_cols = n_cols - 1 if total_col else n_cols
    changed = True
    while changed:
        changed = False
        # Columns are lines whose total is the bottom cell; rows, the right-most cell.
        # Transposing lets one pass serve both.
        for transpose, has_total, n_body in (
            (False, total_row, body_rows),
            (True, total_col, body_cols),
        ):
            if not has_total:
                continue
            v = values.T if transpose else values
            m = mask.T if transpose else mask  # a view: writes go to ``mask``
            cells = m[:n_body, :]
            needs = (cells.sum(axis=0) == 1) & ~m[n_body, :]
            if not needs.any():
                continue
            candidates = np.where(cells, np.inf, v[:n_body, :].astype("float64"))
            has_candidate = np.isfinite(candidates).any(axis=0)
            # argmin returns the first of equal minima: the tie rule in the docstring
            pick = np.argmin(candidates, axis=0)
            for line in np.flatnonzero(needs):
                if has_candidate[line]:
                    m[pick[line], line] = True
                else:
                    m[n_body, line] = True
            changed = True
    return mask


def suppress_secondary(
    counts: pd.DataFrame,
    suppressed: pd.DataFrame,
    *,
    row_totals: bool = False,
    column_totals: bool = True,
) -> pd.DataFrame:
    """Extend a mask so no line with a shown total holds exactly one suppressed cell.

    ``counts`` and ``suppressed`` are the body of the table (no totals); the totals
    are added here. The result covers the table with its totals, as
    :func:`add_totals` lays it out.
    """
    with_totals = add_totals(counts, row_totals=row_totals, column_totals=column_totals)
    start = np.zeros(with_totals.shape, dtype=bool)
    start[: counts.shape[0], : counts.shape[1]] = suppressed.to_numpy(dtype=bool)
    values = with_totals.to_numpy(dtype="int64")
    mask = _secondary(values, start, total_row=column_totals, total_col=row_totals)
    return pd.DataFrame(mask, index=with_totals.index, columns=with_totals.columns)


def suppression_note(threshold: int, *, themes: bool = False) -> str:
    """Return the standard note explaining ``[c]`` under a suppressed table."""
    if themes:
        return (
            f"{SUPPRESSED}: suppressed to protect the children concerned (a count from 1 to "
            f"{threshold}). A review can feature several themes, so the counts add up to "
            "more than the number of reviews and the table has no total."
        )
    return (
        f"{SUPPRESSED}: suppressed to protect the children concerned: a count from 1 to "
        f"{threshold}, or another count in the same row or column that would let it be "
        "worked out from the total."
    )


def _display(values: pd.DataFrame, mask: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    hidden = mask.to_numpy(dtype=bool)
    # whole numbers as Python ints, so the published cell reads ``3``, not ``3.0``
    cells = values.to_numpy(dtype="int64").astype(object)
    cells[hidden] = SUPPRESSED
    index_name = values.index.name or ""
    display = pd.DataFrame(cells, columns=values.columns)
    display.insert(0, index_name, list(values.index))
    flags = pd.DataFrame(hidden, columns=values.columns)
    flags.insert(0, index_name, False)
    return display, flags


def disclose_counts(
    counts: pd.DataFrame,
    threshold: int,
    *,
    row_totals: bool = False,
    column_totals: bool = True,
) -> DisclosedTable:
    """Apply primary and secondary suppression and add the totals.

    Parameters
    ----------
    counts
        Whole, non-negative counts: one row per category (the index, whose name
        heads the label column), one column per count. Every category should be
        present, zeros included, so an absent row cannot be read as a zero.
    threshold
        The ``suppression_threshold`` parameter (at least 5).
    row_totals, column_totals
        Add a total column (each row's sum) and/or a total row (each column's sum);
        a total is a shown figure, so it triggers the secondary rule.
    """
    primary = suppress_primary(counts, threshold)
    mask = suppress_secondary(counts, primary, row_totals=row_totals, column_totals=column_totals)
    values = add_totals(counts, row_totals=row_totals, column_totals=column_totals)
    display, flags = _display(values, mask)
    return DisclosedTable(
        display=display,
        suppressed=flags,
        note=suppression_note(threshold),
        total_row=column_totals,
        basis=f"counts from 1 to {threshold} suppressed, with secondary suppression",
        _issuer=_ISSUER,
    )


def disclose_themes(counts: pd.DataFrame, threshold: int) -> DisclosedTable:
    """Suppress each theme count on its own: no total, so no secondary suppression."""
    mask = suppress_primary(counts, threshold)
    display, flags = _display(counts, mask)
    return DisclosedTable(
        display=display,
        suppressed=flags,
        note=suppression_note(threshold, themes=True),
        basis=f"theme counts from 1 to {threshold} suppressed, each on its own",
        _issuer=_ISSUER,
    )


def show_all(
    counts: pd.DataFrame, *, row_totals: bool = False, column_totals: bool = True
) -> DisclosedTable:
    """Return the table with totals and nothing suppressed (the internal audience)."""
    values = add_totals(counts, row_totals=row_totals, column_totals=column_totals)
    mask = pd.DataFrame(False, index=values.index, columns=values.columns)
    display, flags = _display(values, mask)
    return DisclosedTable(
        display=display,
        suppressed=flags,
        note="",
        total_row=column_totals,
        public=False,
        basis="internal audience: nothing suppressed",
        _issuer=_ISSUER,
    )


def suppress_derived(values: pd.DataFrame, suppressed: pd.DataFrame) -> pd.DataFrame:
    """Return ``values`` (percentages, rates) with ``[c]`` wherever the count they use is hidden.

    ``suppressed`` must have the index and columns of ``values``, each cell saying
    whether the count the value was built from is suppressed.
    """
    return values.astype(object).where(~suppressed.to_numpy(dtype=bool), SUPPRESSED)


def chart_marks(table: DisclosedTable, column: str, *, totals: bool = False) -> pd.DataFrame:
    """Return what a chart may draw for one column: ``category``, ``value`` and ``label``.

    ``value`` is the count where shown and missing where suppressed (draw no mark);
    ``label`` is the text to print beside the mark (the count, or ``[c]``). The
    total row is left out unless ``totals``.
    """
    label_col = table.display.columns[0]
    rows = table.display
    flags = table.suppressed[column]
    if table.total_row and not totals:
        rows, flags = rows.iloc[:-1], flags.iloc[:-1]
    shown = rows[column].where(~flags)
    return pd.DataFrame(
        {
            "category": rows[label_col].astype(str).to_numpy(),
            "value": pd.to_numeric(shown, errors="coerce").astype("float64").to_numpy(),
            "label": [
                SUPPRESSED if f else f"{int(v):,}" for v, f in zip(rows[column], flags, strict=True)
            ],
        }
    )


# Column names that carry one row per child or per learner: never released as public.
CASE_LEVEL_COLUMN = re.compile(r"\b(case ?ref(erence)?|learner ?id|record ?id)\b")


def release(frame: pd.DataFrame, basis: str, *, note: str = "") -> DisclosedTable:
    """Publish a table whose figures describe no child, saying why no suppression is needed.

    For business plan actions, scorecard indicators, training, headline totals (which
    the contract publishes in full) and the like. ``basis`` is recorded with the table.
    A column that holds case references or learner ids is refused: such a table is
    case-level and never public.
    """
    if not basis.strip():
        raise DisclosureError("release needs the reason the table discloses no child")
    for column in frame.columns:
        name = re.sub(r"[^a-z0-9]+", " ", str(column).lower())
        if CASE_LEVEL_COLUMN.search(name):
            raise DisclosureError(
                f"column {column!r} looks case-level (one row per child or learner): "
                "it is never released for public output"
            )
    display = frame.reset_index(drop=True)
    flags = pd.DataFrame(False, index=display.index, columns=display.columns)
    return DisclosedTable(
        display=display, suppressed=flags, note=note, basis=basis, _issuer=_ISSUER
    )


def add_derived(
    table: DisclosedTable, column: str, values: list[object] | pd.Series, source: str
) -> DisclosedTable:
    """Append a column derived from ``source`` (a percentage of a count, say), suppressed alike.

    A cell is ``[c]`` wherever the count in ``source`` on the same row is suppressed.
    """
    hidden = table.suppressed[source].to_numpy(dtype=bool)
    cells = pd.Series(list(values), index=table.display.index, dtype=object)
    cells[hidden] = SUPPRESSED
    display = table.display.assign(**{column: cells})
    flags = table.suppressed.assign(**{column: hidden})
    return DisclosedTable(
        display=display,
        suppressed=flags,
        note=table.note,
        total_row=table.total_row,
        public=table.public,
        basis=table.basis,
        _issuer=_ISSUER,
    )


def internal_only(frame: pd.DataFrame) -> DisclosedTable:
    """A table for the internal audience as it stands: never accepted by a public section."""
    display = frame.reset_index(drop=True)
    flags = pd.DataFrame(False, index=display.index, columns=display.columns)
    return DisclosedTable(
        display=display,
        suppressed=flags,
        note="",
        public=False,
        basis="internal audience: shown as it stands",
        _issuer=_ISSUER,
    )
