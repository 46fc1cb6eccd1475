"""The data contract's input tables as data: columns, kinds, allowed values and ranges.

Each table is a :class:`TableSchema` of :class:`Column` specifications. The checks in
:mod:`.validation` read these specifications (so one change here changes the checks,
the blank templates and the messages together), and :func:`frame_schema` turns one
into a pandera ``DataFrameSchema`` describing the *validated* frame that
:func:`.io.load_tables` returns, which tests and chapters can use to check hand-made
frames. Cross-row and cross-table rules (date order, conditional rules, references)
live in :mod:`.validation`, each with its plain-English message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from safeguarding_assurance.contract.tables import OPTIONAL_TABLES, TABLE_NAMES
from safeguarding_assurance.contract.tables import REQUIRED_TABLES as REQUIRED_TABLES

if TYPE_CHECKING:
    import pandera.pandas

Kind = Literal[
    "identifier",  # text; refused when its values are mostly NHS numbers
    "text",  # free or short text, kept as written (trimmed)
    "category",  # one of `allowed`, normalised to lower case
    "code",  # one of `allowed`, normalised to upper case (ethnicity)
    "date",  # YYYY-MM-DD or DD/MM/YYYY, never month-first
    "integer",  # whole number, read as Int64
    "number",  # measured number, read as float64
    "themes",  # `;`-separated list from `allowed`
    "reporting_year",  # YYYY-YY
]

# Bounds on what one cell may hold, so no value can stall the report or overflow a type.
# A text value longer than this is refused (a real description is a paragraph; the
# report shows every text in full, and a very long one would stall the PDF's layout).
MAX_TEXT_CHARS = 4000
# A number must be finite and smaller than this in size: every whole number below it is
# exact in a 64-bit float, and no count, percentage, rate or amount comes near it.
MAX_NUMBER = 10**15

ACTION_STATUSES = ("not_started", "in_progress", "complete", "cancelled")
INDICATOR_UNITS = ("count", "percent", "rate_per_10k", "days")
POLARITIES = ("higher_is_better", "lower_is_better")
DECISIONS = ("lcspr", "no_lcspr", "national_review", "pending")
INCIDENT_TYPES = ("death", "serious_harm")
SEXES = ("female", "male", "unknown")
ETHNICITY_GROUPS: dict[str, tuple[str, ...]] = {
    "White": ("WBRI", "WIRI", "WIRT", "WOTH", "WROM"),
    "Mixed": ("MWBC", "MWBA", "MWAS", "MOTH"),
    "Asian": ("AIND", "APKN", "ABAN", "AOTH"),
    "Black": ("BCRB", "BAFR", "BOTH"),
    "Other": ("CHNE", "OOTH"),
    "Not known": ("REFU", "NOBT"),
}
ETHNICITY_CODES = tuple(code for codes in ETHNICITY_GROUPS.values() for code in codes)
ETHNICITY_NOT_KNOWN = ETHNICITY_GROUPS["Not known"]
THEMES = (
    "neglect",
    "information_sharing",
    "voice_of_child",
    "complex_family_dynamics",
    "domestic_abuse",
    "parental_mental_health",
    "parental_substance_misuse",
    "exploitation",
    "race_and_culture",
    "escalation",
    "safer_sleep",
    "non_accidental_injury",
    "other",
)
TOPICS = (
    "neglect",
    "gcp2",
    "exploitation",
    "early_help",
    "domestic_abuse",
    "information_sharing",
    "voice_of_child",
    "safeguarding_basics",
    "other",
)
DELIVERIES = ("e_learning", "face_to_face", "virtual", "briefing")
SECTORS = (
    "local_authority",
    "childrens_trust",
    "police",
    "health",
    "education",
    "voluntary",
    "other",
)
OUTCOMES = ("completed", "did_not_attend")
FUNDING_KINDS = ("cash", "in_kind")
# The three statutory safeguarding partners' sectors (the local authority, the police and
# the NHS Integrated Care Board with its health services): `funding.statutory_partners_share_pct`.
STATUTORY_SECTORS = ("local_authority", "police", "health")
FEEDBACK_GROUPS = ("children", "young_people", "parents_carers")
FEEDBACK_METHODS = ("survey", "consultation", "focus_group", "advocacy", "complaint", "other")


@dataclass(frozen=True)
class Column:
    """One column of an input table, as the contract describes it."""

    name: str
    kind: Kind
    required: bool = True
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    scan: bool = False  # free text: scanned for NHS numbers and postcodes
    lower: bool = False  # text compared with lower-case ids (priority): normalised to lower case
    published: bool = False  # an identifier the public report shows as written (action_id)
    percent: bool = False  # a number that is a percentage where its row's indicator is one
    note: str = ""
    default: str | None = None  # a blank (or absent) category means this value
    decimals: int | None = None  # a number with at most this many decimal places

    @property
    def dtype(self) -> str:
        """The pandas dtype of the column after loading."""
        return {
            "date": "datetime64[us]",
            "integer": "Int64",
            "number": "float64",
        }.get(self.kind, "str")


@dataclass(frozen=True)
class TableSchema:
    """One input table: its columns and the keys that must be unique together."""

    name: str
    description: str
    columns: tuple[Column, ...]
    unique_together: tuple[str, ...] = ()
    optional: bool = False  # an optional register: absent means its chapter is left out
    unique_note: str = ""  # said after a duplicate's message (how blanks are read)

    @property
    def file_name(self) -> str:
        """The CSV file name the contract fixes."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        """Every column, in contract order."""
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        """Columns that must be present in the header."""
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        """Return the specification of one column."""
        return next(c for c in self.columns if c.name == name)


def _category(name: str, allowed: tuple[str, ...], required: bool = True, note: str = "") -> Column:
    return Column(name, "category", required=required, allowed=allowed, note=note)


SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        TableSchema(
            "actions",
            "The partnership's business plan actions.",
            (
                Column("action_id", "identifier", unique=True, published=True),
                Column("priority", "text", lower=True, note="one of the parameters' priority ids"),
                Column("description", "text", scan=True, note="free text"),
                Column("lead_agency", "text", scan=True),
                Column("start_date", "date"),
                Column("due_date", "date", note="on or after start_date"),
                Column(
                    "completed_date",
                    "date",
                    required=False,
                    note="on or after start_date; set exactly when status is complete",
                ),
                _category("status", ACTION_STATUSES),
            ),
        ),
        TableSchema(
            "indicators",
            "The performance scorecard's indicators.",
            (
                Column("indicator_id", "identifier", unique=True),
                Column("priority", "text", lower=True, note="one of the parameters' priority ids"),
                Column("name", "text", scan=True),
                _category("unit", INDICATOR_UNITS),
                _category("polarity", POLARITIES),
            ),
        ),
        TableSchema(
            "indicator_values",
            "Quarterly values of the scorecard's indicators.",
            (
                Column("indicator_id", "identifier", note="must exist in indicators.csv"),
                Column("period_end", "date", note="a quarter's last day"),
                Column("value", "number", percent=True, note="percent values on a 0-100 scale"),
                Column("target", "number", required=False, percent=True),
                Column(
                    "england",
                    "number",
                    required=False,
                    percent=True,
                    note="the national comparator",
                ),
            ),
            unique_together=("indicator_id", "period_end"),
        ),
        TableSchema(
            "reviews",
            "Serious incident notifications and their reviews.",
            (
                Column("case_ref", "identifier", unique=True, note="pseudonymous, never a name"),
                Column("aware_date", "date"),
                Column("notification_date", "date", note="on or after aware_date"),
                Column(
                    "rapid_review_date",
                    "date",
                    required=False,
                    note="on or after notification_date; blank exactly when decision is pending",
                ),
                _category("decision", DECISIONS),
                Column(
                    "lcspr_published_date",
                    "date",
                    required=False,
                    note="only when decision is lcspr; on or after rapid_review_date",
                ),
                _category("incident_type", INCIDENT_TYPES),
                Column("age_years", "integer", minimum=0, maximum=17, note="0 = under one"),
                _category("sex", SEXES),
                Column("ethnicity", "code", allowed=ETHNICITY_CODES, note="DfE main code"),
                Column("themes", "themes", required=False, allowed=THEMES, note="`;`-separated"),
            ),
        ),
        TableSchema(
            "recommendations",
            "Actions arising from reviews.",
            (
                Column("recommendation_id", "identifier", unique=True),
                Column("case_ref", "identifier", note="must exist in reviews.csv"),
                Column("agency", "text", scan=True),
                Column("due_date", "date"),
                Column("completed_date", "date", required=False),
            ),
        ),
        TableSchema(
            "training",
            "One row per learner per course booking or e-learning completion.",
            (
                Column("record_id", "identifier", unique=True),
                Column("learner_id", "identifier", note="pseudonymous"),
                Column("course", "text", scan=True),
                _category("topic", TOPICS),
                _category("delivery", DELIVERIES),
                Column("agency", "text", scan=True),
                _category("sector", SECTORS),
                Column("date", "date", note="the session, or the e-learning completion"),
                _category("outcome", OUTCOMES),
                Column("confidence_before", "integer", required=False, minimum=1, maximum=5),
                Column("confidence_after", "integer", required=False, minimum=1, maximum=5),
            ),
        ),
        TableSchema(
            "workforce",
            "Staff in scope for safeguarding training: the denominator for reach.",
            (
                Column("reporting_year", "reporting_year"),
                Column("agency", "text", scan=True),
                _category("sector", SECTORS),
                Column("staff", "integer", minimum=0),
            ),
            unique_together=("reporting_year", "agency"),
        ),
        # ---- the optional registers: each may be absent (its chapter is then left out)
        TableSchema(
            "audits",
            "Multi-agency case-file audits (optional register).",
            (
                Column("audit_id", "identifier", unique=True),
                _category("theme", THEMES, note="one theme from the list under reviews.csv"),
                Column(
                    "completed_date",
                    "date",
                    note="the audit belongs to the reporting year of this date",
                ),
                Column("cases_audited", "integer", minimum=1),
                Column("rated_good", "integer", minimum=0),
                Column("rated_requires_improvement", "integer", minimum=0),
                Column(
                    "rated_inadequate",
                    "integer",
                    minimum=0,
                    note="the three ratings add up to cases_audited",
                ),
                Column("actions_agreed", "integer", minimum=0),
                Column(
                    "actions_completed",
                    "integer",
                    minimum=0,
                    note="no more than actions_agreed, as the register stands",
                ),
            ),
            optional=True,
        ),
        TableSchema(
            "funding",
            "Partners' contributions to the arrangements (optional register).",
            (
                Column("reporting_year", "reporting_year"),
                Column(
                    "agency", "text", scan=True, note="agencies are told apart exactly as written"
                ),
                _category("sector", SECTORS),
                Column(
                    "kind",
                    "category",
                    required=False,
                    allowed=FUNDING_KINDS,
                    default="cash",
                    note="blank means cash; one row per reporting_year, agency and kind",
                ),
                Column(
                    "amount_gbp",
                    "number",
                    minimum=0,
                    decimals=2,
                    note="in pounds, at most two decimal places",
                ),
            ),
            unique_together=("reporting_year", "agency", "kind"),
            optional=True,
            unique_note="a blank `kind` is read as cash",
        ),
        TableSchema(
            "national_actions",
            "Actions on national reviews and the National Panel's reports (optional register).",
            (
                Column("action_id", "identifier", unique=True),
                Column("review", "text", note="the review's published title, exactly as written"),
                Column("review_published_date", "date"),
                Column("description", "text", scan=True, note="free text"),
                Column("lead_agency", "text", scan=True),
                Column("due_date", "date", note="on or after review_published_date"),
                Column(
                    "completed_date",
                    "date",
                    required=False,
                    note="on or after review_published_date",
                ),
            ),
            optional=True,
        ),
        TableSchema(
            "feedback",
            "What children and families told the partnership (optional register).",
            (
                Column("activity_id", "identifier", unique=True),
                Column("date", "date", note="when the activity took place or closed"),
                _category("group", FEEDBACK_GROUPS),
                _category("method", FEEDBACK_METHODS),
                Column("participants", "integer", minimum=0),
                Column("summary", "text", scan=True, note="what was heard; never names anyone"),
                Column(
                    "change_made",
                    "text",
                    required=False,
                    scan=True,
                    note="what changed as a result; blank means nothing yet",
                ),
            ),
            optional=True,
        ),
    )
}
# The names, kept apart in a module that imports nothing heavy, must be these schemas'.
if TABLE_NAMES != tuple(SCHEMAS) or OPTIONAL_TABLES != tuple(
    n for n, s in SCHEMAS.items() if s.optional
):
    raise RuntimeError("contract.tables and contract.schemas name different tables")

# Column names that say "personal data", and what to call it in the message.
PERSONAL_COLUMN_NAMES: dict[str, str] = {
    **dict.fromkeys(
        (
            "name",
            "first_name",
            "firstname",
            "forename",
            "forenames",
            "given_name",
            "surname",
            "last_name",
            "lastname",
            "family_name",
            "full_name",
            "fullname",
            "child_name",
            "childs_name",
            "learner_name",
            "staff_name",
            "middle_name",
        ),
        "names",
    ),
    **dict.fromkeys(
        ("dob", "d_o_b", "date_of_birth", "birth_date", "birthdate", "birthday"),
        "dates of birth",
    ),
    **dict.fromkeys(
        ("nhs", "nhs_number", "nhs_no", "nhs_num", "nhsnumber", "nhsno", "nhs_id", "chi_number"),
        "NHS numbers",
    ),
    **dict.fromkeys(
        (
            "address",
            "address_1",
            "address1",
            "address_line_1",
            "address_line1",
            "address_line_2",
            "street",
            "home_address",
            "house_number",
            "town",
        ),
        "addresses",
    ),
    **dict.fromkeys(("postcode", "post_code", "postal_code", "zip", "zip_code"), "postcodes"),
}


def schema_for(table: str) -> TableSchema:
    """Return the contract's schema of one input table."""
    return SCHEMAS[table]


def frame_schema(table: str) -> pandera.pandas.DataFrameSchema:
    """Return a pandera schema of the validated frame that ``io.load_tables`` returns.

    It states the column set and order, dtypes, allowed values, ranges and uniqueness;
    cross-row rules are checked by :mod:`.validation` on the raw text.
    """
    # imported here: the runner and its kernels never need pandera (0.17 s and 16 MiB a
    # process, measured); the tests hold the frames to this schema
    import pandera.pandas as pa

    spec = SCHEMAS[table]
    columns: dict[str, pa.Column] = {}
    for col in spec.columns:
        checks: list[pa.Check] = []
        if col.kind in ("category", "code"):
            checks.append(pa.Check.isin(list(col.allowed)))
        if col.kind == "themes":
            vocabulary = set(col.allowed)
            checks.append(
                pa.Check(
                    lambda s, v=vocabulary: s.str.split(";").map(lambda items: set(items) <= v),
                    element_wise=False,
                    name="themes_in_vocabulary",
                )
            )
        if col.minimum is not None:
            checks.append(pa.Check.ge(col.minimum))
        if col.maximum is not None:
            checks.append(pa.Check.le(col.maximum))
        if col.kind == "reporting_year":
            checks.append(pa.Check.str_matches(r"^\d{4}-\d{2}$"))
        dtype = {"date": "datetime64[us]", "integer": "Int64", "number": "float64"}.get(
            col.kind, pd.StringDtype("pyarrow", na_value=float("nan"))
        )
        columns[col.name] = pa.Column(
            dtype,
            checks=checks,
            nullable=not col.required or col.kind == "themes",
            unique=col.unique,
        )
    unique = list(spec.unique_together) or None
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=unique, coerce=False)


def empty_frame(table: str) -> pd.DataFrame:
    """Return a validated frame of ``table`` with no rows (the contract's columns and dtypes)."""
    spec = SCHEMAS[table]
    return pd.DataFrame(
        {c.name: pd.Series([], dtype=c.dtype) for c in spec.columns},
    )


TEMPLATES_README = """# Blank templates of the input tables

Each CSV here holds the exact header row of one input table of the data contract; the
table below gives every column's rule. Copy a template, fill one row per
record under the header, and save it as CSV UTF-8 (or keep it as `<table>.xlsx`, first
sheet). These files are generated by `safeguarding_assurance.contract.schemas.write_templates`:
do not edit them by hand.

- Dates: `YYYY-MM-DD` (or `DD/MM/YYYY`; month-first is never assumed).
- Allowed values may be written in any case; surrounding spaces are ignored.
- Never add names, dates of birth, NHS numbers, addresses or postcodes: any column not
  listed here is refused.
- `audits.csv`, `funding.csv`, `national_actions.csv` and `feedback.csv` are optional
  registers: leave a file out altogether and its chapter is left out of the report. A
  file with only its header row is supplied, and reports zeros for the year.

| file | column | required | kind | allowed values / rule |
| --- | --- | --- | --- | --- |
"""


def describe_columns() -> pd.DataFrame:
    """Return one row per input column: file, column, required, kind and rule."""
    rows = []
    for spec in SCHEMAS.values():
        for col in spec.columns:
            rule = ", ".join(col.allowed) if col.allowed else ""
            if col.minimum is not None or col.maximum is not None:
                low = "" if col.minimum is None else f"{col.minimum:g}"
                high = "" if col.maximum is None else f"{col.maximum:g}"
                rule = f"{low} to {high}" if high else f"at least {low}"
            if col.unique:
                rule = "; ".join(x for x in (rule, "unique") if x)
            if col.note:
                rule = "; ".join(x for x in (rule, col.note) if x)
            rows.append(
                {
                    "file": spec.file_name,
                    "column": col.name,
                    "required": "yes" if col.required else "no",
                    "kind": col.kind.replace("_", " "),
                    "rule": rule,
                }
            )
    return pd.DataFrame(rows)


def write_templates(folder: Path) -> list[Path]:
    """Write a blank CSV template (header row only) for every input table, and a README."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in SCHEMAS.values():
        path = folder / spec.file_name
        path.write_text(",".join(spec.column_names) + "\n", encoding="utf-8")
        written.append(path)
    lines = [
        f"| `{r.file}` | `{r.column}` | {r.required} | {r.kind} | {r.rule.replace('|', '/')} |"
        for r in describe_columns().itertuples()
    ]
    readme = folder / "README.md"
    readme.write_text(TEMPLATES_README + "\n".join(lines) + "\n", encoding="utf-8")
    written.append(readme)
    return written
