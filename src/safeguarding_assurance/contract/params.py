"""Load and check a parameters file; the reporting year and its dates."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import reprlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from safeguarding_assurance.contract.committee import Committee, check_committee
from safeguarding_assurance.errors import ParameterError
from safeguarding_assurance.paths import repository_root, resolve

YEAR_PATTERN = re.compile(r"(\d{4})-(\d{2})")
# The years a report, a register's date or a parameter may name: anything outside is a
# typing slip (9999-00, 0024-05-01), refused before it can reach date arithmetic.
FIRST_YEAR = 1990
LAST_YEAR = 2100
EARLIEST_DATE = dt.date(FIRST_YEAR, 1, 1)
LATEST_DATE = dt.date(LAST_YEAR, 12, 31)
YEAR_RANGE_WORDS = (
    f"{FIRST_YEAR}-{(FIRST_YEAR + 1) % 100:02d} to {LAST_YEAR - 1}-{LAST_YEAR % 100:02d}"
)
DATE_RANGE_WORDS = f"between 1 January {FIRST_YEAR} and 31 December {LAST_YEAR}"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
AUDIENCES = ("public", "internal")
STATUSES = ("draft", "final")


@dataclass(frozen=True, order=True)
class ReportingYear:
    """A reporting year ``YYYY-YY``: 1 April of the first year to 31 March of the next."""

    first: int

    @classmethod
    def parse(cls, label: str) -> ReportingYear:
        """Parse ``2024-25``; raise ``ValueError`` for anything else, or a year out of range."""
        m = YEAR_PATTERN.fullmatch(str(label))
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"{label!r} is not a reporting year written YYYY-YY, like 2024-25")
        if not FIRST_YEAR <= int(m.group(1)) < LAST_YEAR:
            raise ValueError(
                f"{label!r} is not a plausible reporting year: years from {YEAR_RANGE_WORDS} "
                "are accepted"
            )
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


def _shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, cut short (a value can be a whole file)."""
    short = reprlib.Repr()
    short.maxstring = short.maxother = limit
    short.maxlist = short.maxdict = 4
    text = short.repr(value)
    return text if len(text) <= limit + 10 else text[:limit] + "…"


# name -> (types accepted, required, check returning an error message or None)
def _int_at_least(minimum: int, maximum: int):
    def check(v: Any) -> str | None:
        if v < minimum:
            return f"must be a whole number of at least {minimum}"
        if v > maximum:
            return f"must be a whole number from {minimum} to {maximum:,} (found {_shown(v)})"
        return None

    return check


def _year(v: Any) -> str | None:
    try:
        ReportingYear.parse(v)
    except ValueError as exc:
        return str(exc)
    return None


def _one_of(options: tuple[str, ...]):
    def check(v: Any) -> str | None:
        return None if v in options else f"must be one of {', '.join(options)} (found {_shown(v)})"

    return check


def _percentage(v: Any) -> str | None:
    return None if 0 <= v <= 100 else f"must be a percentage from 0 to 100 (found {v!r})"


def _iso_date(v: Any) -> str | None:
    try:
        if not ISO_DATE.fullmatch(v):
            raise ValueError(v)
        day = dt.date.fromisoformat(v)
    except ValueError:
        return f"must be a date written YYYY-MM-DD (found {_shown(v)})"
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        return f"must be a date {DATE_RANGE_WORDS} (found {_shown(v)})"
    return None


def _non_empty(v: Any) -> str | None:
    return None if str(v).strip() else "must not be blank"


SPEC: dict[str, tuple[tuple[type, ...], bool, Any]] = {
    "reporting_year": ((str,), True, _year),
    "partnership_name": ((str,), True, _non_empty),
    "data_dir": ((str,), True, _non_empty),
    "audience": ((str,), True, _one_of(AUDIENCES)),
    "suppression_threshold": ((int,), False, _int_at_least(5, 1000)),
    "priorities": ((list,), True, None),
    "notify_working_days": ((int,), False, _int_at_least(1, 365)),
    "rapid_review_working_days": ((int,), False, _int_at_least(1, 365)),
    "lcspr_months": ((int,), False, _int_at_least(1, 120)),
    "trend_years": ((int,), False, _int_at_least(1, 20)),
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
                f"(found {_shown(pid)})"
            )
            continue
        if not isinstance(name, str) or not name.strip():
            problems.append(f"`priorities` item {i}: `name` must be non-blank text")
            continue
        if pid in seen:
            problems.append(f"`priorities` item {i}: id {_shown(pid)} is listed twice")
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
            hint = difflib.get_close_matches(str(key)[:100], SPEC, n=1)
            extra = f" (did you mean `{hint[0]}`?)" if hint else ""
            name = _shown(key).strip("'\"")
            problems.append(f"key `{name}` is not a parameter the suite knows{extra}")
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
                f"(found {_type_words(value)} {_shown(value)})"
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
    raw = read_yaml(path)
    root = repository_root(path.resolve().parent)
    params = validate_values(raw, str(path), root=root)
    return _with_source(params, path)


# A parameters file is a page of settings: anything bigger is the wrong file.
MAX_PARAMS_BYTES = 1_000_000


class _Refused(Exception):
    """YAML a parameters file never needs (an alias, an anchor, a key given twice)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors, aliases and duplicate keys as it composes.

    ``safe_load`` keeps the last of two equal keys without a word (``audience:`` twice
    silently switches the edition), and builds aliases as shared references, so a small
    "billion laughs" file expands into billions of items when anything walks it. Both
    are refused here, naming the line, before any value is built.
    """

    def compose_node(self, parent, index):  # noqa: D102 (PyYAML's hook)
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark.line + 1,
                f"an alias (*{event.anchor}) repeats another part of the file: YAML aliases "
                "and anchors are not allowed in a parameters file; write each value out",
            )
        if getattr(event, "anchor", None) is not None:
            raise _Refused(
                event.start_mark.line + 1,
                f"an anchor (&{event.anchor}) marks a part of the file for repeating: YAML "
                "aliases and anchors are not allowed in a parameters file; write each value out",
            )
        return super().compose_node(parent, index)

    def compose_mapping_node(self, anchor):  # noqa: D102 (PyYAML's hook)
        node = super().compose_mapping_node(anchor)
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            line = key_node.start_mark.line + 1
            if key_node.value in seen:
                raise _Refused(
                    line,
                    f"key `{_shown(key_node.value).strip(chr(39))}` is given twice (first on "
                    f"line {seen[key_node.value]}): give each parameter once",
                )
            seen[key_node.value] = line
        return node


def read_yaml(path: Path) -> Any:
    """Read a parameters file with :class:`StrictLoader`; every problem names file, line and key.

    The size is checked before parsing. At the top level each value is built on its own,
    so a value YAML cannot build (an unknown tag, an impossible date) names its key.
    """
    try:
        size = path.stat().st_size
        if size > MAX_PARAMS_BYTES:
            raise ParameterError(
                f"{path}: the file is {size:,} bytes; a parameters file may be at most "
                f"{MAX_PARAMS_BYTES:,} bytes (it is a page of settings): is it the right file?"
            )
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not a readable YAML file (it is not UTF-8 text)") from None
    except OSError as exc:
        raise ParameterError(f"{path}: the file cannot be read ({exc.strerror})") from None
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None if node is None else loader.construct_document(node)
        values: dict[Any, Any] = {}
        problems: list[str] = []
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(f"line {line}: a parameter name must be plain text")
                continue
            key = key_node.value
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
                why = getattr(exc, "problem", None) or str(exc) or "it cannot be built"
                problems.append(
                    f"key `{_shown(key).strip(chr(39))}` (line {line}): the value cannot be "
                    f"read ({why}); write text in quotes, a whole number or a list"
                )
        if problems:
            raise ParameterError("\n".join(f"{path}: {p}" for p in problems))
        return values
    except _Refused as exc:
        raise ParameterError(f"{path}, line {exc.line}: {exc.message}") from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise ParameterError(f"{path}: not a readable YAML file ({exc})") from None
    finally:
        loader.dispose()


def _type_words(value: Any) -> str:
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a mapping",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }.get(type(value), type(value).__name__)


def _with_source(params: Params, path: Path) -> Params:
    from dataclasses import replace

    return replace(params, source=path.resolve())


def params_for_year(year: str, root: Path | None = None) -> Path:
    """Path of the parameters file for ``year`` under ``params/``."""
    return (root or repository_root()) / "params" / f"{year}.yaml"
