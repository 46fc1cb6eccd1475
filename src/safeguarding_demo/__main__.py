"""``assurance-demo-data``: write the synthetic demo data set, byte for byte."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguarding_demo.generate import DEFAULT_SEED, write_demo_data


def repository_root() -> Path:
    """The repository this package was installed from (an editable install)."""
    return Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Write the demo data; print each table's row count."""
    parser = argparse.ArgumentParser(
        prog="assurance-demo-data",
        description="Write the synthetic demo data of the fictional Northbrook partnership.",
    )
    parser.add_argument("--out", type=Path, default=None, help="folder (default: data/demo)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the volumes")
    args = parser.parse_args(argv)
    out = args.out or repository_root() / "data" / "demo"
    if args.scale <= 0:
        parser.error("--scale must be above 0")
    counts = write_demo_data(out, seed=args.seed, scale=args.scale)
    for name, n in counts.items():
        print(f"{name}: {n:,} rows")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
