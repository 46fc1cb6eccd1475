"""What a reader holding every published edition can work out from the pooled breakdowns.

Independent of the suite's own check (``disclosure/windows.py``): this reads only the
published files, as a reader would: each edition's ``tables/rev_by_*.csv`` (a pooled
count per category, or ``[c]``) and ``tables/rev_trend.csv`` (notifications per year).
The unknowns are the counts of each category in each year; every whole-number solution
of the published equations is a world the reader cannot rule out, so a count is
*derived* when integer programmes find its least and greatest possible values equal.

    .venv/bin/python -m tests.support.differencing OUTPUT_ROOT [--threshold 5]

prints every single year's count, and every pooled count, from 1 to the threshold that
the published editions give away.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHARACTERISTICS = ("incident_type", "age_band", "sex", "ethnicity_group", "theme")
SPAN = re.compile(r"(\d{4})-(\d{2})(?: to (\d{4})-(\d{2}))?")


def _label(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def _years(header: str) -> list[str]:
    m = SPAN.search(header)
    if not m:
        raise ValueError(f"no years in {header!r}")
    start = int(m.group(1))
    end = int(m.group(3)) if m.group(3) else start
    return [_label(y) for y in range(start, end + 1)]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@dataclass
class Published:
    """One edition's pooled table: its window, and each category's count (None for ``[c]``)."""

    edition: str
    window: list[str]
    counts: dict[str, int | None]


def read_published(root: Path, characteristic: str) -> tuple[list[Published], dict[str, int]]:
    """Every public edition's pooled table of one characteristic, and notifications per year."""
    editions: list[Published] = []
    notifications: dict[str, int] = {}
    for folder in sorted(root.glob("*/public")):
        trend = folder / "tables" / "rev_trend.csv"
        if trend.is_file():
            rows = _rows(trend)
            col = rows[0].index("Notifications")
            for row in rows[1:]:
                notifications[row[0]] = int(row[col])
        table = folder / "tables" / f"rev_by_{characteristic}.csv"
        if not table.is_file():
            continue
        rows = _rows(table)
        counts = {
            row[0]: (None if row[1] == "[c]" else int(row[1]))
            for row in rows[1:]
            if row[0] != "Total"
        }
        editions.append(Published(folder.parent.name, _years(rows[0][1]), counts))
    return editions, notifications


@dataclass(frozen=True)
class Derived:
    """A count the published editions pin down."""

    characteristic: str
    category: str
    years: tuple[str, ...]
    value: int

    def __str__(self) -> str:
        span = self.years[0] if len(self.years) == 1 else f"{self.years[0]} to {self.years[-1]}"
        return f"{self.characteristic}: {self.category}, {span} = {self.value}"


def derived_counts(root: Path, characteristic: str, threshold: int) -> list[Derived]:
    """Every count from 1 to ``threshold`` the public editions under ``root`` give away."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    editions, notifications = read_published(root, characteristic)
    if not editions:
        return []
    categories = list(editions[0].counts)
    years = sorted({y for e in editions for y in e.window if notifications.get(y, 0) > 0})
    index = {(c, y): i for i, (c, y) in enumerate((c, y) for y in years for c in categories)}
    n = len(index)
    rows, rhs = [], []
    if characteristic != "theme":  # each review has exactly one category
        for y in years:
            row = np.zeros(n)
            for c in categories:
                row[index[(c, y)]] = 1
            rows.append(row)
            rhs.append(notifications[y])
    for e in editions:
        for c, value in e.counts.items():
            if value is not None:
                row = np.zeros(n)
                for y in e.window:
                    if (c, y) in index:
                        row[index[(c, y)]] = 1
                rows.append(row)
                rhs.append(value)
    upper = np.array([notifications[y] for (c, y) in index], dtype=float)
    constraint = LinearConstraint(np.array(rows), rhs, rhs)

    def extreme(w: np.ndarray, sign: int) -> int:
        result = milp(
            sign * w,
            constraints=constraint,
            integrality=np.ones(n),
            bounds=Bounds(np.zeros(n), upper),
        )
        if result.status != 0:
            raise AssertionError(f"the published {characteristic} tables have no solution")
        return round(float(w @ np.round(result.x)))

    quantities = [(c, (y,)) for y in years for c in categories]
    quantities += [(c, tuple(e.window)) for e in editions for c in categories]
    found = []
    for c, span in dict.fromkeys(quantities):
        w = np.zeros(n)
        for y in span:
            if (c, y) in index:
                w[index[(c, y)]] = 1
        low, high = extreme(w, 1), extreme(w, -1)
        if low == high and 1 <= low <= threshold:
            found.append(Derived(characteristic, c, span, low))
    return found


def threshold_of(root: Path) -> int:
    """The suppression threshold the public editions were made with (from their manifests)."""
    values = {
        json.loads(p.read_text(encoding="utf-8"))["parameters"]["suppression_threshold"]
        for p in root.glob("*/public/manifest.json")
    }
    if len(values) != 1:
        raise ValueError(f"the editions under {root} use thresholds {sorted(values)}")
    return int(values.pop())


def main(argv: list[str] | None = None) -> int:
    """Print every derived count; exit 1 if there is any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--threshold", type=int, default=None)
    args = parser.parse_args(argv)
    threshold = args.threshold or threshold_of(args.root)
    found = [d for ch in CHARACTERISTICS for d in derived_counts(args.root, ch, threshold)]
    for d in found:
        print(d)
    print(f"{len(found)} counts from 1 to {threshold} can be worked out from the editions")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
