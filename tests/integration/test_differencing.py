"""Every public edition of the demo together: no small count can be worked out.

Runs ``assurance run --all --audience public`` (four editions, 2021-22 to 2024-25) and
reads the published tables as a reader holding them all would
(:mod:`tests.support.differencing`): no single year's count, and no pooled count, from
1 to the suppression threshold may follow from the pooled breakdowns and the yearly
notifications together. Before this rule the demo's 2023-24 and 2024-25 editions gave
away two (2024-25: 2 reviews of boys, 2 featuring neglect).
"""

from __future__ import annotations

import pytest

from tests.conftest import copy_repository, run_cli
from tests.support.differencing import CHARACTERISTICS, derived_counts, threshold_of

pytestmark = pytest.mark.integration


def test_all_public_editions_together_give_no_small_count_away(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    out = tmp_path / "out"
    proc = run_cli("run", "--all", "--audience", "public", "--output-root", str(out), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    threshold = threshold_of(out)
    assert threshold == 5
    for characteristic in CHARACTERISTICS:
        assert derived_counts(out, characteristic, threshold) == [], characteristic
    # the first edition pools one year of notifications: no breakdown at all
    assert not list((out / "2021-22" / "public" / "tables").glob("rev_by_*.csv"))
    for year in ("2022-23", "2023-24", "2024-25"):
        for characteristic in CHARACTERISTICS:
            assert (out / year / "public" / "tables" / f"rev_by_{characteristic}.csv").exists()
