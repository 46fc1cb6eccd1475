"""Load and check a parameters file; the reporting year and its dates."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from safeguarding_assurance.contract.committee import Committee, check_committee
from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.paths import repository_root, resolve

YEAR_PATTERN = re.compile(r"(\d{4})-(\d{2})")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
AUDIENCES = ("public", "internal")
STATUSES = ("draft", "final")


@dataclass(frozen=True, order=True)
class ReportingYear:
    """A reporting year ``YYYY-YY``: 1 April of the first year to 31 March of the next."""

    first: int

    @classmethod
    def parse(cls, label: str) -> ReportingYear:
        """Parse ``2024-25``; raise ``ValueError`` for anything else."""
        m = YEAR_PATTERN.fullmatch(str(label))
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"{label!r} is not a reporting year written YYYY-YY, like 2024-25")
        return cls(int(m.group(1)))

    @property
    def label(self) -> str:
        """The year as the contract writes it, ``2024-25``."""
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        """First day, 1 April."""
        return dt.date(self.first, 4, 1)

    @property
    def end(self) -> dt.date:
        """Last day, 31 March of the next year."""
        return dt.date(self.first + 1, 3, 31)

    def previous(self) -> ReportingYear:
        """The reporting year immediately before."""
        return ReportingYear(self.first - 1)

    def trend(self, n: int) -> list[ReportingYear]:
        """The ``n`` reporting years ending with this one, oldest first."""
        return [ReportingYear(self.first - k) for k in range(n - 1, -1, -1)]

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the year, both ends included."""
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Priority:
    """One of the partnership's strategic priorities."""

    id: str
    name: str


@dataclass(frozen=True)
class Params:
    """The validated parameters of one run, with paths resolved from the repository root."""

    reporting_year: str
    partnership_name: str
    data_dir: str
    audience: str
    priorities: tuple[Priority, ...]
    suppression_threshold: int = 5
    notify_working_days: int = 5
    rapid_review_working_days: int = 15
    lcspr_months: int = 6
    trend_years: int = 4
    little_progress_pct: float = 50
    good_progress_pct: float = 75
    content_dir: str | None = None
    data_as_at: str | None = None
    status: str = "draft"
    output_dir: str | None = None
    # not a contract parameter: the scrutiny board's cover report header (issue 16)
    committee: Committee = field(default_factory=Committee)
    source: Path | None = field(default=None, compare=False)
    root: Path = field(default_factory=repository_root, compare=False)

    @property
    def year(self) -> ReportingYear:
        """The reporting year as an object with its dates."""
        return ReportingYear.parse(self.reporting_year)

    @property
    def data_path(self) -> Path:
        """Absolute folder of the input tables."""
        return resolve(self.data_dir, self.root)

    @property
    def content_path(self) -> Path:
        """Absolute folder of the partnership's own words for the year."""
        return resolve(self.content_dir or f"content/{self.reporting_year}", self.root)

    @property
    def as_at(self) -> dt.date:
        """The day the registers were extracted (the run date when not given)."""
        return dt.date.fromisoformat(self.data_as_at) if self.data_as_at else dt.date.today()

    @property
    def priority_ids(self) -> list[str]:
        """Priority ids in report order."""
        return [p.id for p in self.priorities]

    def contract_values(self) -> dict[str, Any]:
        """The contract's parameters as plain JSON values (what papermill injects)."""
        values = asdict(self)
        values.pop("source")
        values.pop("root")
        values.pop("committee")  # read by the committee papers only, never by a notebook
        values["priorities"] = [{"id": p.id, "name": p.name} for p in self.priorities]
        return values

    def for_notebook(self, output_dir: Path, audience: str | None = None) -> dict[str, Any]:
        """Parameters for one notebook run: absolute paths, so the kernel's folder never matters."""
        values = self.contract_values()
        values["data_dir"] = str(self.data_path)
        values["content_dir"] = str(self.content_path)
        values["output_dir"] = str(output_dir)
        values["data_as_at"] = self.as_at.isoformat()
        if audience:
            values["audience"] = audience
        return values


# name -> (types accepted, required, check returning an error message or None)
def _int_at_least(minimum: int):
    def check(v: Any) -> str | None:
        return None if v >= minimum else f"must be a whole number of at least {minimum}"

    return check


def _year(v: Any) -> str | None:
    try:
        ReportingYear.parse(v)
    except ValueError as exc:
        return str(exc)
    return None


def _one_of(options: tuple[str, ...]):
    def check(v: Any) -> str | None:
        return None if v in options else f"must be one of {', '.join(options)} (found {v!r})"

    return check


def _percentage(v: Any) -> str | None:
    return None if 0 <= v <= 100 else f"must be a percentage from 0 to 100 (found {v!r})"


def _iso_date(v: Any) -> str | None:
    try:
        if not ISO_DATE.fullmatch(v):
            raise ValueError(v)
        dt.date.fromisoformat(v)
    except ValueError:
        return f"must be a date written YYYY-MM-DD (found {v!r})"
    return None


def _non_empty(v: Any) -> str | None:
    return None if str(v).strip() else "must not be blank"


SPEC: dict[str, tuple[tuple[type, ...], bool, Any]] = {
    "reporting_year": ((str,), True, _year),
    "partnership_name": ((str,), True, _non_empty),
    "data_dir": ((str,), True, _non_empty),
    "audience": ((str,), True, _one_of(AUDIENCES)),
    "suppression_threshold": ((int,), False, _int_at_least(5)),
    "priorities": ((list,), True, None),
    "notify_working_days": ((int,), False, _int_at_least(1)),
    "rapid_review_working_days": ((int,), False, _int_at_least(1)),
    "lcspr_months": ((int,), False, _int_at_least(1)),
    "trend_years": ((int,), False, _int_at_least(1)),
    "little_progress_pct": ((int, float), False, _percentage),
    "good_progress_pct": ((int, float), False, _percentage),
    "content_dir": ((str,), False, _non_empty),
    "data_as_at": ((str,), False, _iso_date),
    "status": ((str,), False, _one_of(STATUSES)),
    "output_dir": ((str,), False, None),
    "committee": ((dict,), False, None),  # checked field by field in contract/committee.py
}
TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    list: "a list",
    float: "a number",
    dict: "a mapping",
}


def _check_priorities(value: list, problems: list[str]) -> tuple[Priority, ...]:
    out: list[Priority] = []
    seen: set[str] = set()
    if not value:
        problems.append("`priorities` must list at least one priority")
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) != {"id", "name"}:
            problems.append(f"`priorities` item {i} must have exactly the keys `id` and `name`")
            continue
        pid, name = item["id"], item["name"]
        if not isinstance(pid, str) or not re.fullmatch(r"[a-z0-9_]+", pid):
            problems.append(
                f"`priorities` item {i}: `id` must be lower-case letters, digits or _ "
                f"(found {pid!r})"
            )
            continue
        if not isinstance(name, str) or not name.strip():
            problems.append(f"`priorities` item {i}: `name` must be non-blank text")
            continue
        if pid in seen:
            problems.append(f"`priorities` item {i}: id {pid!r} is listed twice")
            continue
        seen.add(pid)
        out.append(Priority(pid, name.strip()))
    return tuple(out)


def validate_values(raw: Any, where: str, root: Path | None = None) -> Params:
    """Check a mapping of parameter values against the contract, collecting every problem.

    ``where`` names the source in messages (a file path, or "notebook parameters").
    Blank optional values (``None``) take their defaults.
    """
    if not isinstance(raw, dict):
        raise ParameterError(f"{where}: expected a mapping of parameter names to values")
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in SPEC:
            hint = difflib.get_close_matches(str(key), SPEC, n=1)
            extra = f" (did you mean `{hint[0]}`?)" if hint else ""
            problems.append(f"key `{key}` is not a parameter the suite knows{extra}")
            continue
        types, required, check = SPEC[key]
        if value is None or (value == "" and not required):
            # blank optional values take their defaults (a notebook's "" means unset)
            if required:
                problems.append(f"key `{key}` must not be blank")
            continue
        if key == "data_as_at" and isinstance(value, dt.date):
            value = value.isoformat()  # YAML reads an unquoted date as a date
        if isinstance(value, bool) or not isinstance(value, types):
            problems.append(
                f"key `{key}` must be {TYPE_WORDS[float if float in types else types[0]]} "
                f"(found {type(value).__name__} "
                f"{value!r})"
            )
            continue
        if check and (message := check(value)):
            joiner = " " if message.startswith("must") else ": "
            problems.append(f"key `{key}`{joiner}{message}")
            continue
        values[key] = value
    for key, (_, required, _) in SPEC.items():
        if required and key not in raw:
            problems.append(f"key `{key}` is required but missing")
    if isinstance(raw.get("priorities"), list):
        values["priorities"] = _check_priorities(raw["priorities"], problems)
    little = values.get("little_progress_pct", Params.little_progress_pct)
    good = values.get("good_progress_pct", Params.good_progress_pct)
    if little > good:
        problems.append(
            f"key `little_progress_pct` ({little:g}) must not be above `good_progress_pct` "
            f"({good:g}): a priority cannot need more to avoid little progress than to make "
            "good progress"
        )
    if isinstance(raw.get("committee"), dict):
        values["committee"] = check_committee(raw["committee"], problems)
    if problems:
        raise ParameterError("\n".join(f"{where}: {p}" for p in problems))
    return Params(**values, root=root or repository_root())


def load_params(path: str | Path) -> Params:
    """Read and validate one parameters file; every problem is named with the file and key."""
    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"{path}: parameters file not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{path}: not a readable YAML file ({exc})") from None
    root = repository_root(path.resolve().parent)
    params = validate_values(raw, str(path), root=root)
    return _with_source(params, path)


def _with_source(params: Params, path: Path) -> Params:
    from dataclasses import replace

    return replace(params, source=path.resolve())


def params_for_year(year: str, root: Path | None = None) -> Path:
    """Path of the parameters file for ``year`` under ``params/``."""
    return (root or repository_root()) / "params" / f"{year}.yaml"
