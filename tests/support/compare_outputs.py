"""Compare what two runs published: every ``facts.json`` and ``tables/*.csv``, byte for byte.

Used to show that a change moved no published figure::

    .venv/bin/assurance run --all --audience both --force --output-root /tmp/before
    # ... change the code ...
    .venv/bin/assurance run --all --audience both --force --output-root /tmp/after
    .venv/bin/python -m tests.support.compare_outputs /tmp/before /tmp/after

Prints each difference (a file only on one side, or a file whose bytes differ, with its
first differing line) and exits 1 when there is any, 0 when the published figures are
identical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PUBLISHED = ("*/*/facts.json", "*/*/tables/*.csv")


def published_files(root: Path) -> dict[str, Path]:
    """Every published figure file under an output root, by its path relative to the root."""
    found: dict[str, Path] = {}
    for pattern in PUBLISHED:
        for path in root.glob(pattern):
            if "scratch" not in path.relative_to(root).parts:
                found[path.relative_to(root).as_posix()] = path
    return found


def first_difference(a: bytes, b: bytes) -> str:
    """The first line that differs, as ``line N: 'a' != 'b'``."""
    left, right = a.decode("utf-8-sig").splitlines(), b.decode("utf-8-sig").splitlines()
    for n, (x, y) in enumerate(zip(left, right, strict=False), start=1):
        if x != y:
            return f"line {n}: {x!r} != {y!r}"
    return f"{len(left)} lines against {len(right)}"


def compare(before: Path, after: Path) -> list[str]:
    """Every difference between the published figures of two output roots."""
    old, new = published_files(before), published_files(after)
    differences = [f"only before: {k}" for k in sorted(old.keys() - new.keys())]
    differences += [f"only after: {k}" for k in sorted(new.keys() - old.keys())]
    for key in sorted(old.keys() & new.keys()):
        a, b = old[key].read_bytes(), new[key].read_bytes()
        if a != b:
            differences.append(f"differs: {key}: {first_difference(a, b)}")
    return differences


def main(argv: list[str] | None = None) -> int:
    """Print the differences; exit 1 if there are any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    files = len(published_files(args.before))
    differences = compare(args.before, args.after)
    for line in differences:
        print(line)
    print(f"{files} published files compared: {len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
