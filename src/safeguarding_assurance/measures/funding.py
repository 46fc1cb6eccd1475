"""Partners' contributions: pure functions over the validated ``funding`` register.

The rows of a year are those whose ``reporting_year`` is that year. Sums are exact, in
whole pence (every amount has at most two decimal places); only the final figure is
rounded: the total half up to whole pounds (10,234.50 gives 10,235), the change on
last year half away from zero to one decimal place (-2.25 gives -2.3), the statutory
partners' share half up to one decimal place. Agencies are told apart by their text
exactly as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from safeguarding_assurance.contract.facts import FUNDING_KEYS as FACT_KEYS
from safeguarding_assurance.contract.params import ReportingYear
from safeguarding_assurance.contract.schemas import STATUTORY_SECTORS
from safeguarding_assurance.measures.rounding import percent, round_half_up

CASH, IN_KIND = "cash", "in_kind"


def pence(amounts: pd.Series) -> pd.Series:
    """Each amount in pounds as a whole number of pence, exactly (at most two places)."""
    return pd.Series(
        [int((Decimal(repr(float(a))) * 100).to_integral_value(ROUND_HALF_UP)) for a in amounts],
        index=amounts.index,
        dtype="int64",
    )


def whole_pounds(total_pence: int) -> int:
    """A sum in pence as whole pounds, rounded half up (1,023,450p gives 10,235)."""
    return int((Decimal(int(total_pence)) / 100).to_integral_value(ROUND_HALF_UP))


def select_funding(funding: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return the rows whose ``reporting_year`` is ``year``, with ``pence`` and ``kind`` filled."""
    rows = funding[funding["reporting_year"] == year.label]
    if "kind" in rows:  # a blank kind is cash (the loader already fills it in)
        written = rows["kind"].astype("object").where(rows["kind"].notna(), "")
        kind = written.astype(str).str.strip().replace("", CASH)
    else:
        kind = pd.Series(CASH, index=rows.index)
    return rows.assign(kind=kind, pence=pence(rows["amount_gbp"]))


def change_pct(now_pence: int, last_pence: int | None) -> float | None:
    """Return the change on last year as a %, half away from zero; ``None`` without a base.

    The change is (this year - last year) / last year, from the unrounded totals in pence.

    ``last_pence`` is ``None`` when last year has no rows; a total of 0 has no base either.
    """
    if not last_pence:
        return None
    # round_half_up rounds a tie away from zero (Decimal's ROUND_HALF_UP): -2.25 -> -2.3;
    # adding 0.0 turns a -0.0 into 0.0
    return round_half_up(Fraction(100 * (now_pence - last_pence), last_pence), 1) + 0.0


def _totals(rows: pd.DataFrame) -> dict[str, int]:
    total = int(rows["pence"].sum())
    return {
        "total": total,
        "cash": int(rows.loc[rows["kind"] == CASH, "pence"].sum()),
        "in_kind": int(rows.loc[rows["kind"] == IN_KIND, "pence"].sum()),
        "statutory": int(rows.loc[rows["sector"].isin(STATUTORY_SECTORS), "pence"].sum()),
    }


def summarise_funding(funding: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the year's funding figures: the contract's keys, and the sums behind them.

    Extra keys: ``rows``, ``cash_gbp`` and ``in_kind_gbp`` (each rounded half up to whole
    pounds on its own, so the two may differ by a pound from ``total_gbp``),
    ``statutory_gbp``, ``total_pence`` and ``last_total_gbp`` (``None`` when last year
    has no rows).
    """
    rows = select_funding(funding, year)
    before = select_funding(funding, year.previous())
    now = _totals(rows)
    last = _totals(before)["total"] if len(before) else None
    contributing = rows.loc[rows["pence"] > 0, "agency"].nunique()
    return {
        "total_gbp": whole_pounds(now["total"]),
        "change_pct": change_pct(now["total"], last),
        "partners_contributing": int(contributing),
        "statutory_partners_share_pct": percent(now["statutory"], now["total"]),
        "rows": len(rows),
        "cash_gbp": whole_pounds(now["cash"]),
        "in_kind_gbp": whole_pounds(now["in_kind"]),
        "statutory_gbp": whole_pounds(now["statutory"]),
        "total_pence": now["total"],
        "last_total_gbp": None if last is None else whole_pounds(last),
    }


def facts_funding(funding: pd.DataFrame, year: ReportingYear) -> dict[str, Any]:
    """Return the contract's ``funding`` block of ``facts.json`` for ``year``, in its key order."""
    summary = summarise_funding(funding, year)
    return {key: summary[key] for key in FACT_KEYS}


def trend_funding(funding: pd.DataFrame, years: Sequence[ReportingYear]) -> pd.DataFrame:
    """Return one row per year (oldest first): ``reporting_year`` and the year's summary."""
    return pd.DataFrame(
        [{"reporting_year": y.label, **summarise_funding(funding, y)} for y in years]
    )


def contributions_by_agency(funding: pd.DataFrame, year: ReportingYear) -> pd.DataFrame:
    """Return each agency's contribution this year and last, in whole pounds.

    One row per agency with a row in either year (exactly as written), largest total
    this year first, then by name: ``agency``, ``sector`` (this year's, else last
    year's), ``cash_gbp``, ``in_kind_gbp``, ``total_gbp`` and ``last_year_gbp``
    (``None`` where the agency had no row last year). Each figure is summed in pence
    and rounded on its own.
    """
    now = select_funding(funding, year)
    before = select_funding(funding, year.previous())
    agencies = list(dict.fromkeys([*now["agency"], *before["agency"]]))
    records = []
    for agency in agencies:
        mine, old = now[now["agency"] == agency], before[before["agency"] == agency]
        sector = (mine if len(mine) else old)["sector"].iloc[0]
        totals = _totals(mine)
        records.append(
            {
                "agency": agency,
                "sector": sector,
                "cash_gbp": whole_pounds(totals["cash"]),
                "in_kind_gbp": whole_pounds(totals["in_kind"]),
                "total_gbp": whole_pounds(totals["total"]),
                "last_year_gbp": whole_pounds(int(old["pence"].sum())) if len(old) else None,
                "_order": -totals["total"],
            }
        )
    columns = ["agency", "sector", "cash_gbp", "in_kind_gbp", "total_gbp", "last_year_gbp"]
    if not records:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(records).sort_values(["_order", "agency"], kind="stable")
    table = table[columns].reset_index(drop=True)
    last = [None if pd.isna(v) else int(v) for v in table["last_year_gbp"]]
    table["last_year_gbp"] = pd.Series(last, dtype="object")
    return table
