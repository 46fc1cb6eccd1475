"""Every problem at once: the contract's rules applied to text frames, in plain English.

Each rule produces :class:`~safeguarding_assurance.errors.Problem` records naming the file,
the spreadsheet row (header = row 1), the column, the value as written and the rule broken. Errors
stop the run (``DataError``, exit status 2); warnings (free text that looks like an
NHS number or a postcode, a training agency without a staff figure) are reported and
shown in the internal data-quality chapter. Free text that holds an NHS number or a
postcode is marked ``identifier``: the public edition is refused while any is left.
All checks are vectorised: a rule is a boolean mask over the rows, turned into problems
only for the rows it flags.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from safeguarding_assurance.contract.params import (
    DATE_RANGE_WORDS,
    EARLIEST_DATE,
    FIRST_YEAR,
    LAST_YEAR,
    LATEST_DATE,
    YEAR_RANGE_WORDS,
    Params,
    ReportingYear,
)
from safeguarding_assurance.contract.schemas import (
    MAX_NUMBER,
    MAX_TEXT_CHARS,
    SCHEMAS,
    Column,
    TableSchema,
)
from safeguarding_assurance.errors import Problem
from safeguarding_assurance.inputs.parse import (
    DATE_WORDS,
    INTEGER,
    ISO_DATE,
    MAX_INTEGER_DIGITS,
    UK_DATE,
    map_unique,
    parse_dates,
    parse_integers,
    parse_numbers,
)
from safeguarding_assurance.inputs.personal import (
    NHS_IN_TEXT,
    NHS_SHARE,
    POSTCODE_IN_TEXT,
    is_nhs_number,
    mask_nhs,
    mask_postcode,
    personal_name,
    personal_values,
)

__all__ = [
    "MAX_ROWS_PER_RULE",
    "Checked",
    "check_references",
    "check_table",
    "read_window",
]

# A rule broken on more rows than this is listed for the first rows, then summarised:
# a million identical lines help nobody fix a file.
MAX_ROWS_PER_RULE = 1000

# A value quoted in a message is cut to this many characters (a cell can hold megabytes).
MAX_SHOWN_CHARS = 100

REPORTING_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def shorten(text: str | None, limit: int = MAX_SHOWN_CHARS) -> str | None:
    """A value as a message quotes it: cut to ``limit`` characters, saying how long it was."""
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


@dataclass
class Checked:
    """One table after its own rules: the coerced frame, its rows' numbers, what was found.

    ``percent`` gives, per column, the spreadsheet rows of Excel cells formatted as a
    percentage that were read as the percentage shown (for the cross-table rules).
    """

    frame: pd.DataFrame | None
    rows: pd.Index
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    percent: dict[str, pd.Index] = field(default_factory=dict)


class _Collector:
    """Turns masks into problems for one file, summarising rules broken on very many rows."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(
        self,
        rule: str,
        column: str | None = None,
        value: str | None = None,
        identifier: bool = False,
    ) -> None:
        self.items.append(Problem(self.file, None, column, shorten(value), rule, identifier))

    def rows(
        self,
        mask: pd.Series,
        column: str | None,
        rule: str | pd.Series | Callable[[pd.Series], pd.Series],
        values: pd.Series | None = None,
        identifier: bool = False,
    ) -> None:
        """Add one problem per flagged row (``mask`` is indexed by spreadsheet row)."""
        flagged = mask[mask.fillna(False).astype(bool)].index
        if len(flagged) == 0:
            return
        shown = flagged[:MAX_ROWS_PER_RULE]
        texts = (
            values.reindex(shown).astype(object).where(values.reindex(shown).notna(), None)
            if values is not None
            else pd.Series(None, index=shown, dtype=object)
        )
        if isinstance(rule, pd.Series):
            rules = rule.reindex(shown)
        elif callable(rule):
            rules = rule(pd.Series(shown, index=shown))
        else:
            rules = None
        for k, (row, text) in enumerate(zip(shown, texts, strict=True)):
            message = rules.iloc[k] if rules is not None else rule
            self.items.append(
                Problem(
                    self.file,
                    int(row),
                    column,
                    None if text is None else shorten(str(text)),
                    message,
                    identifier,
                )
            )
        extra = len(flagged) - len(shown)
        if extra:
            example = rules.iloc[0] if rules is not None else rule
            self.items.append(
                Problem(
                    self.file,
                    None,
                    column,
                    None,
                    f"{extra:,} more rows (after row {int(shown[-1])}) break the same rule: "
                    f"{example}",
                    identifier=identifier,
                )
            )


# --------------------------------------------------------------------------- helpers


def read_window(params: Params) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the years a run reads: the trend years and the year before."""
    year = params.year
    first = min(year.trend(params.trend_years)[0], year.previous())
    return pd.Timestamp(first.start), pd.Timestamp(year.end)


# --------------------------------------------------------------------------- header


def _match_header(
    spec: TableSchema, header: list[str], frame: pd.DataFrame, out: _Collector
) -> dict[str, int]:
    """Map contract columns to positions in the file; report unknown, duplicate and missing."""
    known = {c.lower(): c for c in spec.column_names}
    positions: dict[str, int] = {}
    if not any(header):
        out.add(
            "row 1 is blank: expected the header (the column names) on row 1, with "
            + ", ".join(spec.column_names)
        )
        return positions
    unknown: list[tuple[int, str]] = []
    for pos, name in enumerate(header):
        if not name:
            if pos in frame.columns and frame[pos].notna().any():
                out.add(
                    f"column {pos + 1} has values but no name in the header row: "
                    "name it or remove it"
                )
            continue
        contract = known.get(name.lower())
        if contract is None:
            unknown.append((pos, name))
        elif contract in positions:
            out.add(f"column `{contract}` appears more than once in the header row", contract)
        else:
            positions[contract] = pos
    if not positions:
        out.add(
            "the header row (row 1) has none of the columns of this table: expected "
            + ", ".join(spec.column_names)
        )
    missing = [c for c in spec.required_columns if c not in positions]
    for pos, name in unknown:
        what = personal_name(name) or personal_values(frame[pos])
        if what:
            out.add(
                f"{out.file} has a column `{name}`; the suite never takes {what}: remove it", name
            )
            continue
        hint = difflib.get_close_matches(
            name.lower(), [c for c in spec.column_names if c not in positions], n=1, cutoff=0.6
        )
        extra = f" (did you mean `{hint[0]}`?)" if hint else ""
        out.add(
            f"{out.file} has a column `{name}` that the data contract does not name: "
            f"remove it{extra}",
            name,
        )
    if positions:
        for name in missing:
            out.add(
                f"required column `{name}` is missing (columns of {out.file}: "
                + ", ".join(spec.column_names)
                + ")",
                name,
            )
    return positions


# --------------------------------------------------------------------------- one table


def _check_column(col: Column, text: pd.Series, out: _Collector, warn: _Collector) -> pd.Series:
    """Check one column's values and return them coerced to the contract's type."""
    name = col.name
    if col.required and col.kind != "themes":
        out.rows(text.isna(), name, "a value is required", text)
    present = text.notna()
    if col.kind in ("identifier", "text"):
        lengths = text.str.len()
        too_long = (lengths > MAX_TEXT_CHARS).fillna(False).astype(bool)
        out.rows(
            too_long,
            name,
            lambda rows: lengths.reindex(rows.index).map(
                lambda n: (
                    f"the text is {int(n):,} characters long: at most {MAX_TEXT_CHARS:,} are "
                    "allowed; shorten it"
                )
            ),
            text,
        )
        if col.kind == "identifier":
            _check_not_nhs(col, text, out, warn)
        if col.scan:
            _scan_free_text(name, text, warn)
        return (text.str.lower() if col.lower else text).astype("str")
    if col.kind in ("category", "code"):
        norm = text.str.lower() if col.kind == "category" else text.str.upper()
        bad = present & ~norm.isin(col.allowed)
        out.rows(bad, name, "must be one of: " + ", ".join(col.allowed), text)
        values = norm.where(~bad)
        if col.default is not None:  # a blank means the default (funding's kind: cash)
            values = values.where(present, col.default)
        return values.astype("str")
    if col.kind == "date":
        parsed = map_unique(text, parse_dates)
        bad = present & parsed.isna()
        shaped = text.str.match(f"{ISO_DATE.pattern}|{UK_DATE.pattern}").fillna(False)

        def message(rows: pd.Series) -> pd.Series:
            real = shaped.reindex(rows.index).astype(bool)
            return real.map(
                {
                    True: f"is not a real date: expected {DATE_WORDS}; "
                    "month-first dates are never assumed",
                    False: f"must be {DATE_WORDS}",
                }
            )

        out.rows(bad, name, message, text)
        outside = (parsed < pd.Timestamp(EARLIEST_DATE)) | (parsed > pd.Timestamp(LATEST_DATE))
        outside = outside.fillna(False).astype(bool)
        out.rows(
            outside,
            name,
            f"is not a plausible date: dates must be {DATE_RANGE_WORDS}",
            text,
        )
        return parsed.where(~outside).astype("datetime64[us]")
    if col.kind == "integer":
        parsed = map_unique(text, parse_integers)
        bad = present & parsed.isna()
        shaped = text.str.match(INTEGER.pattern).fillna(False).astype(bool)
        out.rows(
            bad,
            name,
            lambda rows: shaped.reindex(rows.index).map(
                {
                    True: f"is too large: a whole number here has at most "
                    f"{MAX_INTEGER_DIGITS} digits",
                    False: "must be a whole number",
                }
            ),
            text,
        )
        parsed = _check_range(col, parsed, text, out)
        return parsed.astype("Int64")
    if col.kind == "number":
        parsed = map_unique(text, parse_numbers)
        bad = present & parsed.isna()
        out.rows(
            bad,
            name,
            "must be a number written with digits and an optional decimal point "
            "(no %, commas or units)",
            text,
        )
        huge = parsed.notna() & (~np.isfinite(parsed) | (parsed.abs() >= MAX_NUMBER))
        huge = huge.fillna(False).astype(bool)
        out.rows(
            huge & ~bad,
            name,
            f"is too large: a number here must be smaller than {MAX_NUMBER:,} in size (and finite)",
            text,
        )
        parsed = _check_range(col, parsed.where(~huge), text, out)
        if col.decimals is not None:
            parsed = _check_decimals(col, parsed, text, out)
        return parsed.astype("float64")
    if col.kind == "themes":
        return _check_themes(col, text, out)
    if col.kind == "reporting_year":
        parts = text.fillna("").str.extract(REPORTING_YEAR.pattern)
        first = pd.to_numeric(parts[0], errors="coerce")
        second = pd.to_numeric(parts[1], errors="coerce")
        shaped = ((first + 1) % 100 == second).fillna(False).astype(bool)
        plausible = ((first >= FIRST_YEAR) & (first < LAST_YEAR)).fillna(False).astype(bool)
        out.rows(
            present & ~shaped, name, "must be a reporting year written YYYY-YY, like 2024-25", text
        )
        out.rows(
            present & shaped & ~plausible,
            name,
            f"is not a plausible reporting year: years from {YEAR_RANGE_WORDS} are accepted",
            text,
        )
        bad = present & ~(shaped & plausible)
        return text.where(~bad).astype("str")
    raise ValueError(f"unknown column kind {col.kind}")  # pragma: no cover


def _check_not_nhs(col: Column, text: pd.Series, out: _Collector, warn: _Collector) -> None:
    """Refuse an identifier column whose values are mostly NHS numbers; warn about any.

    A pseudonym that happens to be a 10-digit number passes the NHS check digit about
    one time in eleven, so only a majority refuses the column. Below that, every such
    value is a warning naming the column and its rows; where the public report shows
    the identifier as written (``action_id``), each is marked ``identifier``, so the
    public edition is refused until it is replaced.
    """
    name = col.name
    given = int(text.notna().sum())
    if not given:
        return
    # cheap shape test on every row first; the check digit only for the few that fit
    shaped = text[text.str.match(r"^\d{3}[ -]?\d{3}[ -]?\d{4}$").fillna(False).astype(bool)]
    if shaped.empty:
        return
    nhs = map_unique(shaped, is_nhs_number).astype(bool)
    valid = int(nhs.sum())
    if valid >= NHS_SHARE * given:
        out.add(
            f"`{name}` holds NHS numbers ({valid:,} of {given:,} values are 10-digit numbers "
            "with a valid NHS check digit): pseudonyms must not be NHS numbers; replace them "
            "with references that identify no one",
            name,
        )
        return
    if not valid:
        return
    rows = nhs[nhs].index
    if col.published:
        warn.rows(
            pd.Series(True, index=rows),
            name,
            f"`{name}` looks like an NHS number (10 digits with a valid check digit), and "
            "the public report shows it: replace it with a reference that identifies no one",
            shaped[rows].map(mask_nhs),
            identifier=True,
        )
        return
    listed = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
    where = f"row{'s' if len(rows) > 1 else ''} {listed}"
    warn.add(
        f"{valid:,} of {given:,} values of `{name}` look like NHS numbers (10 digits with a "
        f"valid check digit; {where}): pseudonyms must never be NHS numbers; if they "
        "are, replace them with references that identify no one",
        name,
    )


def _check_range(col: Column, parsed: pd.Series, text: pd.Series, out: _Collector) -> pd.Series:
    low, high = col.minimum, col.maximum
    if low is None and high is None:
        return parsed
    bad = pd.Series(False, index=parsed.index)
    if low is not None:
        bad |= (parsed < low).fillna(False).astype(bool)
    if high is not None:
        bad |= (parsed > high).fillna(False).astype(bool)
    if high is None:
        words = f"must be at least {low:g}"
    else:
        words = f"must be between {low:g} and {high:g}"
    out.rows(bad, col.name, words, text)
    return parsed.where(~bad)


def _within_decimals(places: int) -> Callable[[pd.Series], pd.Series]:
    """Whether each number, as typed, has at most ``places`` decimal places (10.50 has one)."""
    scale = Decimal(10) ** places

    def check(u: pd.Series) -> pd.Series:
        def one(t: str) -> bool:
            try:
                value = Decimal(t)
                return value.is_finite() and (value * scale) % 1 == 0
            except ArithmeticError:  # not a number, or too large to work with: not an amount
                return False

        return pd.Series([one(t) for t in u], index=u.index, dtype="boolean")

    return check


def _check_decimals(col: Column, parsed: pd.Series, text: pd.Series, out: _Collector) -> pd.Series:
    """Refuse a number with more decimal places than the column allows (pounds and pence)."""
    fits = map_unique(text, _within_decimals(int(col.decimals or 0)))
    finite = pd.Series(np.isfinite(parsed.to_numpy(dtype="float64")), index=parsed.index)
    bad = (parsed.notna() & ~(fits.fillna(False).astype(bool) & finite)).astype(bool)
    out.rows(
        bad,
        col.name,
        f"must be a number with at most {col.decimals} decimal places",
        text,
    )
    return parsed.where(~bad)


def _check_themes(col: Column, text: pd.Series, out: _Collector) -> pd.Series:
    vocabulary = set(col.allowed)

    def normalise(u: pd.Series) -> pd.Series:
        items = (
            u.str.lower().str.split(";").map(lambda parts: [p.strip() for p in parts if p.strip()])
        )
        return items.map(";".join)

    def unknown(u: pd.Series) -> pd.Series:
        return normalise(u).map(
            lambda joined: ", ".join(t for t in joined.split(";") if t and t not in vocabulary)
        )

    norm = map_unique(text, normalise)
    bad_items = map_unique(text, unknown)
    bad = text.notna() & bad_items.fillna("").astype(bool)

    def message(rows: pd.Series) -> pd.Series:
        return bad_items.reindex(rows.index).map(
            lambda items: (
                f"theme(s) {items} not in the vocabulary; themes are `;`-separated "
                "and each one of: " + ", ".join(col.allowed)
            )
        )

    out.rows(bad, col.name, message, text)
    norm = norm.where(norm.fillna("") != "")
    return norm.astype("str")


def _scan_free_text(name: str, text: pd.Series, warn: _Collector) -> None:
    """Warn for each row whose free text holds an NHS number or a postcode."""
    uniques = pd.Series(text.dropna().unique(), dtype="str")
    if uniques.empty:
        return
    nhs = uniques.str.extractall(NHS_IN_TEXT)[0]
    nhs = nhs[is_nhs_number(nhs).to_numpy()] if len(nhs) else nhs
    postcode = uniques.str.extract(POSTCODE_IN_TEXT)[0].dropna()
    for hits, what, masker in (
        (nhs.groupby(level=0).first() if len(nhs) else nhs, "an NHS number", mask_nhs),
        (postcode, "a postcode", mask_postcode),
    ):
        if len(hits) == 0:
            continue
        found = pd.Series(hits.map(masker).to_numpy(), index=uniques[hits.index].to_numpy())
        shown = text.map(found)
        warn.rows(
            shown.notna(),
            name,
            f"free text looks like it holds {what}: the suite never needs it; remove it "
            "(the public report is refused while it is there)",
            shown,
            identifier=True,
        )


def _before(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later < earlier).fillna(False).astype(bool)


def _row_rules(table: str, df: pd.DataFrame, raw: pd.DataFrame, out: _Collector) -> None:
    """Apply the rules across the columns of one row (date order, conditional rules)."""

    def text(col: str) -> pd.Series:
        return raw[col] if col in raw else pd.Series(pd.NA, index=df.index, dtype="str")

    def order(later: str, earlier: str) -> None:
        bad = _before(df[later], df[earlier])
        shown = df[earlier].dt.strftime("%Y-%m-%d")
        out.rows(
            bad,
            later,
            lambda rows: shown.reindex(rows.index).map(
                lambda d: f"must be on or after `{earlier}` ({d})"
            ),
            text(later),
        )

    if table == "actions":
        order("due_date", "start_date")
        order("completed_date", "start_date")
        status = df["status"]
        complete = status == "complete"
        has_date = df["completed_date"].notna()
        out.rows(
            (complete & ~has_date & text("completed_date").isna()).fillna(False),
            "completed_date",
            "`status` is complete, so `completed_date` must be set",
            text("completed_date"),
        )
        out.rows(
            (status.notna() & ~complete & has_date).fillna(False),
            "completed_date",
            lambda rows: status.reindex(rows.index).map(
                lambda s: (
                    f"`completed_date` must be blank unless `status` is complete (status is {s})"
                )
            ),
            text("completed_date"),
        )
    elif table == "reviews":
        order("notification_date", "aware_date")
        order("rapid_review_date", "notification_date")
        order("lcspr_published_date", "rapid_review_date")
        decision = df["decision"]
        rapid_blank = text("rapid_review_date").isna()
        out.rows(
            (decision == "pending") & ~rapid_blank,
            "rapid_review_date",
            "`decision` is pending, so `rapid_review_date` must be blank",
            text("rapid_review_date"),
        )
        out.rows(
            (decision.notna() & (decision != "pending") & rapid_blank).fillna(False),
            "decision",
            lambda rows: decision.reindex(rows.index).map(
                lambda d: f"`rapid_review_date` is blank, so `decision` must be pending (it is {d})"
            ),
            text("decision"),
        )
        out.rows(
            (
                decision.notna() & (decision != "lcspr") & text("lcspr_published_date").notna()
            ).fillna(False),
            "lcspr_published_date",
            lambda rows: decision.reindex(rows.index).map(
                lambda d: (
                    f"`lcspr_published_date` must be blank unless `decision` is lcspr (it is {d})"
                )
            ),
            text("lcspr_published_date"),
        )
    elif table == "indicator_values":
        period = df["period_end"]
        quarter_end = (period.dt.month % 3 == 0) & (period + pd.Timedelta(days=1)).dt.day.eq(1)
        out.rows(
            period.notna() & ~quarter_end.fillna(False).astype(bool),
            "period_end",
            "must be the last day of a quarter (30 June, 30 September, 31 December or 31 March)",
            text("period_end"),
        )
    elif table == "audits":
        _audit_rules(df, text, out)
    elif table == "national_actions":
        order("due_date", "review_published_date")
        order("completed_date", "review_published_date")
    elif table == "training":
        out.rows(
            (
                (df["delivery"] == "e_learning")
                & df["outcome"].notna()
                & (df["outcome"] != "completed")
            ).fillna(False),
            "outcome",
            "e-learning rows are always completed: `outcome` must be completed",
            text("outcome"),
        )


RATINGS = ("rated_good", "rated_requires_improvement", "rated_inadequate")


def _audit_rules(df: pd.DataFrame, text: Callable[[str], pd.Series], out: _Collector) -> None:
    """The three ratings add up to the cases audited; no more actions completed than agreed."""
    ratings = df[list(RATINGS)]
    cases = df["cases_audited"]
    known = (ratings.notna().all(axis=1) & cases.notna()).astype(bool)
    total = ratings.sum(axis=1, min_count=len(RATINGS))
    bad = known & (total != cases).fillna(False).astype(bool)

    def sums(rows: pd.Series) -> pd.Series:
        shown = ratings.reindex(rows.index).astype("Int64")
        return pd.Series(
            [
                f"`rated_good` + `rated_requires_improvement` + `rated_inadequate` "
                f"({g:,} + {r:,} + {i:,} = {g + r + i:,}) must add up to `cases_audited` ({c:,})"
                for (g, r, i), c in zip(
                    shown.itertuples(index=False), cases.reindex(rows.index), strict=True
                )
            ],
            index=rows.index,
        )

    out.rows(bad, "cases_audited", sums, text("cases_audited"))
    agreed = df["actions_agreed"]
    over = (df["actions_completed"] > agreed).fillna(False).astype(bool)
    out.rows(
        over,
        "actions_completed",
        lambda rows: agreed.reindex(rows.index).map(
            lambda a: (
                f"must be no more than `actions_agreed` ({a:,}): actions completed are "
                "counted from those agreed"
            )
        ),
        text("actions_completed"),
    )


def _check_unique(spec: TableSchema, df: pd.DataFrame, raw: pd.DataFrame, out: _Collector) -> None:
    keys = [[c.name] for c in spec.columns if c.unique]
    if spec.unique_together:
        keys.append(list(spec.unique_together))
    for key in keys:
        values = df[key]
        complete = values.notna().all(axis=1)
        dup = values.duplicated(keep=False) & complete
        if not dup.any():
            continue
        groups = values[dup].astype("str").agg("|".join, axis=1)
        rows_of = (
            pd.Series(groups.index, index=groups.index)
            .groupby(groups)
            .agg(lambda rows: ", ".join(str(r) for r in rows[:6]) + (" …" if len(rows) > 6 else ""))
        )
        label = " and ".join(f"`{k}`" for k in key)
        what = "must be unique" if len(key) == 1 else "must be unique together (one row each)"
        if len(key) > 1 and spec.unique_note:
            what += f"; {spec.unique_note}"
        messages = f"{label} {what}: the same value is on rows " + groups.map(rows_of)
        out.rows(
            dup,
            key[0] if len(key) == 1 else key[-1],
            messages,
            raw[key[0]] if len(key) == 1 else groups,
        )


def check_table(table: str, raw) -> Checked:
    """Apply every rule of one table to its text frame (``io.RawTable``); never raises for data."""
    spec = SCHEMAS[table]
    out, warn = _Collector(raw.source.file), _Collector(raw.source.file)
    out.items.extend(raw.problems)
    warn.items.extend(getattr(raw, "warnings", []))
    if raw.problems and raw.frame.empty and not raw.header:
        return Checked(None, pd.Index([]), out.items, warn.items)
    _scan_sheet_name(getattr(raw.source, "sheet", ""), warn)
    positions = _match_header(spec, raw.header, raw.frame, out)
    texts = pd.DataFrame(
        {
            name: (
                raw.frame[positions[name]]
                if name in positions
                else pd.Series(pd.NA, index=raw.frame.index, dtype="str")
            )
            for name in spec.column_names
        },
        index=raw.frame.index,
    )
    percent = {
        name: pd.Index(getattr(raw, "percent", {}).get(pos, []), dtype="int64")
        for name, pos in positions.items()
    }
    percent = {name: rows.intersection(texts.index) for name, rows in percent.items() if len(rows)}
    refused: dict[str, pd.Index] = {}
    for name, rows in percent.items():
        texts[name], refused[name] = _percent_as_shown(spec.column(name), texts[name], rows, out)
    coerced = {}
    for col in spec.columns:
        if col.name in positions:
            text = texts[col.name]
            if len(refused.get(col.name, ())):
                # a refused cell has its message: no second one from the column's own rules
                text = text.drop(refused[col.name])
            coerced[col.name] = _check_column(col, text, out, warn).reindex(texts.index)
        elif col.default is not None:  # an optional column left out: its default throughout
            coerced[col.name] = pd.Series(col.default, index=texts.index, dtype=col.dtype)
        else:
            coerced[col.name] = pd.Series(index=texts.index, dtype=col.dtype)
    df = pd.DataFrame(coerced, index=texts.index)
    _check_unique(spec, df, texts, out)
    _row_rules(table, df, texts, out)
    rows = df.index
    return Checked(
        df.reset_index(drop=True),
        pd.Index(rows),
        out.items,
        warn.items,
        {n: r for n, r in percent.items() if spec.column(n).percent},
    )


PERCENT_SHOWN = "the Excel cell is formatted as a percentage (it shows {shown} and holds {held})"
UNIT_WORDS = {"count": "a count", "rate_per_10k": "a rate per 10,000", "days": "days"}


def _percent_as_shown(
    col: Column, text: pd.Series, rows: pd.Index, out: _Collector
) -> tuple[pd.Series, pd.Index]:
    """Read Excel cells formatted as a percentage as a person sees them, or refuse them.

    The reader wrote each such cell as the percentage it shows (``18.6`` for 0.186). A
    column where a percentage can be meant (an indicator's value, target, England figure)
    keeps that number; the indicator's unit is checked across tables. Text columns take
    the text shown (``18.6%``). Any other number is refused: neither 0.186 nor 18.6 can
    be assumed to be what the sender meant. Returns the text and the rows refused.
    """
    none = pd.Index([], dtype="int64")
    if col.percent:
        return text, none
    if col.kind in ("integer", "number"):
        held = text[rows].map(_held)
        out.rows(
            pd.Series(True, index=rows),
            col.name,
            lambda r: pd.Series(
                [
                    PERCENT_SHOWN.format(shown=f"{text[i]}%", held=held[i])
                    + ": this column takes a plain number; remove the percentage format and "
                    "type the number meant"
                    for i in r.index
                ],
                index=r.index,
            ),
            text[rows] + "%",
        )
        return text, rows
    return text.where(~text.index.isin(rows), text + "%"), none


def _held(shown: str) -> str:
    """The number an Excel percentage cell holds, from the percentage it shows: 18.6 -> 0.186."""
    try:
        return format((Decimal(shown) / 100).normalize(), "f")
    except (InvalidOperation, ValueError):
        return shown


def _scan_sheet_name(sheet: str, warn: _Collector) -> None:
    """The name of the sheet read is published: it must hold no NHS number or postcode."""
    if not sheet:
        return
    name = pd.Series([sheet], dtype="str")
    nhs = name.str.extractall(NHS_IN_TEXT)[0]
    nhs = nhs[is_nhs_number(nhs).to_numpy()] if len(nhs) else nhs
    postcode = name.str.extract(POSTCODE_IN_TEXT)[0].dropna()
    for hits, what, masker in (
        (nhs, "an NHS number", mask_nhs),
        (postcode, "a postcode", mask_postcode),
    ):
        if len(hits):
            warn.add(
                f"the name of the sheet read looks like it holds {what}: the report names the "
                "sheet it read; rename the sheet (the public report is refused while it is there)",
                value=masker(str(hits.iloc[0])),
                identifier=True,
            )


# --------------------------------------------------------------------------- across tables


def check_references(
    table: str,
    frames: dict[str, pd.DataFrame],
    rows: pd.Index | None,
    params: Params,
    sources: dict | None = None,
    percent: dict[str, pd.Index] | None = None,
) -> tuple[list[Problem], list[Problem]]:
    """Apply the rules that read another table or the parameters; return errors and warnings.

    ``percent`` gives the rows of Excel cells formatted as a percentage per column
    (:attr:`Checked.percent`): allowed only where the row's indicator is a percentage.
    """
    df = frames[table]
    file = sources[table].file if sources and table in sources else f"{table}.csv"
    out, warn = _Collector(file), _Collector(file)
    index = rows if rows is not None and len(rows) == len(df) else pd.RangeIndex(2, 2 + len(df))
    df = df.set_axis(index)

    def other_file(name: str) -> str:
        return sources[name].file if sources and name in sources else f"{name}.csv"

    start, end = read_window(params)
    priorities = params.priority_ids
    priority_rule = "must be one of the parameters' priority ids: " + ", ".join(priorities)
    if table == "recommendations" and "reviews" in frames:
        known = set(frames["reviews"]["case_ref"].dropna())
        out.rows(
            df["case_ref"].notna() & ~df["case_ref"].isin(known),
            "case_ref",
            f"`case_ref` is not in {other_file('reviews')}: a recommendation must come "
            "from a known review",
            df["case_ref"],
        )
    if table == "indicator_values" and "indicators" in frames:
        indicators = frames["indicators"]
        out.rows(
            df["indicator_id"].notna() & ~df["indicator_id"].isin(set(indicators["indicator_id"])),
            "indicator_id",
            f"`indicator_id` is not in {other_file('indicators')}",
            df["indicator_id"],
        )
        units = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["unit"]
        unit = df["indicator_id"].map(units)
        is_percent = unit.eq("percent").fillna(False).astype(bool)
        for col in ("value", "target", "england"):
            values = df[col]
            bad = is_percent & ((values < 0) | (values > 100)).fillna(False).astype(bool)
            out.rows(
                bad,
                col,
                "percent values are on a 0-100 scale: must be between 0 and 100",
                values.map(lambda v: f"{v:g}"),
            )
            formatted = (percent or {}).get(col)
            if formatted is not None and not formatted.empty:
                _refuse_percent_cells(out, df, col, formatted, unit, is_percent)
    if table == "actions":
        # The rows a run reads: actions in scope in some year of the window (cancelled
        # actions are in no year). Rows whose dates did not parse are checked too.
        started = ~(df["start_date"] > end).fillna(False).astype(bool)
        finished_before = (df["completed_date"] < start).fillna(False).astype(bool)
        read = (df["status"] != "cancelled").fillna(True).astype(bool) & started & ~finished_before
        out.rows(
            read & df["priority"].notna() & ~df["priority"].isin(priorities),
            "priority",
            priority_rule + f" (checked for actions in scope between {start:%Y-%m-%d} and "
            f"{end:%Y-%m-%d})",
            df["priority"],
        )
    if table == "indicators":
        values = frames.get("indicator_values")
        if values is not None:
            period = values["period_end"]
            in_window = period.isna() | ((period >= start) & (period <= end))
            read_ids = set(values.loc[in_window.fillna(True).astype(bool), "indicator_id"])
        else:
            read_ids = set(df["indicator_id"])
        out.rows(
            df["indicator_id"].isin(read_ids)
            & df["priority"].notna()
            & ~df["priority"].isin(priorities),
            "priority",
            priority_rule + f" (checked for indicators with values between {start:%Y-%m-%d} "
            f"and {end:%Y-%m-%d})",
            df["priority"],
        )
    if table == "training" and "workforce" in frames:
        _warn_missing_staff(df, frames["workforce"], params, warn, other_file("workforce"))
    return out.items, warn.items


def _refuse_percent_cells(
    out: _Collector,
    df: pd.DataFrame,
    col: str,
    formatted: pd.Index,
    unit: pd.Series,
    is_percent: pd.Series,
) -> None:
    """Refuse percent-formatted cells of an indicator that is not measured as a percentage."""
    flagged = pd.Series(df.index.isin(formatted), index=df.index) & unit.notna() & ~is_percent
    rows = flagged[flagged].index
    if rows.empty:
        return
    shown = df.loc[rows, col].map(_number_text)
    words = (
        PERCENT_SHOWN
        + ", but indicator {indicator} is measured as {unit}, not a percentage: remove the "
        "percentage format and type the number meant"
    )
    messages = pd.Series(
        [
            words.format(shown=f"{s}%", held=_held(s), indicator=i, unit=UNIT_WORDS.get(u, u))
            for s, i, u in zip(shown, df.loc[rows, "indicator_id"], unit.loc[rows], strict=True)
        ],
        index=rows,
        dtype=object,
    )
    out.rows(flagged, col, messages, shown + "%")


def _number_text(value: float) -> str:
    """A number as a person would write it: 18.6, 1200 (never 1.2e+03)."""
    try:
        return format(Decimal(repr(float(value))).normalize(), "f")
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def _warn_missing_staff(
    training: pd.DataFrame,
    workforce: pd.DataFrame,
    params: Params,
    warn: _Collector,
    workforce_file: str,
) -> None:
    """Warn once per year and agency with completions but no staff figure (reach is ``[z]``)."""
    years = [y.label for y in params.year.trend(params.trend_years)]
    dates = training["date"]
    label = pd.Series(pd.NA, index=training.index, dtype="str")
    for year in years:
        ry = ReportingYear.parse(year)
        inside = (dates >= pd.Timestamp(ry.start)) & (dates <= pd.Timestamp(ry.end))
        label = label.mask(inside.fillna(False).astype(bool), year)
    done = training["outcome"].eq("completed").fillna(False).astype(bool) & label.notna()
    pairs = (
        pd.DataFrame({"year": label[done], "agency": training.loc[done, "agency"]})
        .assign(row=lambda d: d.index)
        .groupby(["year", "agency"], sort=True)
        .agg(first_row=("row", "min"), completions=("row", "size"))
        .reset_index()
    )
    staffed = set(zip(workforce["reporting_year"], workforce["agency"], strict=True))
    lower = {(y, str(a).lower()): a for y, a in staffed}
    missing = pairs[
        [(y, a) not in staffed for y, a in zip(pairs["year"], pairs["agency"], strict=True)]
    ]
    for item in missing.itertuples():
        near = lower.get((item.year, str(item.agency).lower()))
        hint = f" ({workforce_file} has `{near}`: names must match exactly)" if near else ""
        warn.items.append(
            Problem(
                warn.file,
                int(item.first_row),
                "agency",
                str(item.agency),
                f"no staff figure in {workforce_file} for this agency in {item.year} "
                f"({item.completions:,} completions): its reach is shown as [z]{hint}",
            )
        )
