"""The optional registers end to end: with them, four more chapters; without them, today's report.

The demo year is run twice: with the four registers (the shared ``demo_run``) and, here,
in a copy of the repository whose data folder lacks them. Without the registers the
report is the one the suite published before they existed: the same notebooks, the same
``facts.json`` blocks, and every published table byte for byte, except that the
data-quality tables no longer list the register files and the scrutiny reading has none
of the registers' messages, concerns or questions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import copy_repository, run_cli

pytestmark = pytest.mark.integration

REGISTERS = ("audits", "funding", "national_actions", "feedback")
REGISTER_BLOCKS = ("audits", "funding", "national_reviews", "feedback")
# the tables the four chapters publish (every other table is the same with or without them)
REGISTER_TABLES = {
    "aud_trend",
    "aud_audits",
    "fnd_trend",
    "fnd_by_agency",
    "nat_trend",
    "nat_reviews",
    "nat_open_actions",
    "fbk_trend",
    "fbk_groups",
    "fbk_activities",
}
REGISTER_FIGURES = {"aud_ratings", "fnd_by_agency_chart", "nat_actions", "fbk_participants"}
# data-quality tables with one row per input file: without a register, without its row
PER_FILE_TABLES = ("dq_files", "dq_rows_per_year")
# the scrutiny reading's lists: the registers' messages, concerns and questions come last
READING_TABLES = ("key_messages", "progress_limited", "board_questions")
CHAPTER_TITLES = (
    "Acting on national reviews",
    "Multi-agency audits: evidence of impact",
    "Hearing from children and families",
    "How the partnership is funded",
)


@pytest.fixture(scope="module")
def without_registers(tmp_path_factory) -> dict[str, Path]:
    """The demo year, both audiences, run from a data folder without the four registers."""
    repo = copy_repository(tmp_path_factory.mktemp("noreg") / "repo")
    for name in REGISTERS:
        (repo / "data" / "demo" / f"{name}.csv").unlink()
    out = repo / "outputs"
    proc = run_cli(
        "run", "--year", "2024-25", "--audience", "both", "--output-root", str(out), cwd=repo
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return {a: out / "2024-25" / a for a in ("public", "internal")}


def _tables(folder: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_without_the_registers_every_published_table_is_as_before(
    without_registers, rendered_reports, audience
):
    without, full = _tables(without_registers[audience]), _tables(rendered_reports[audience])
    assert set(without) == set(full) - REGISTER_TABLES
    for name, data in without.items():
        if name in PER_FILE_TABLES:
            # the same rows, less the registers' files
            kept = [
                line
                for line in full[name].decode("utf-8-sig").splitlines()
                if not line.startswith(tuple(f"{r}.csv" for r in REGISTERS))
            ]
            assert data.decode("utf-8-sig").splitlines() == kept, name
        elif name in READING_TABLES:
            # the same lines, in the same order, less those drawn from the registers
            lines, all_lines = (
                data.decode("utf-8-sig").splitlines(),
                full[name].decode("utf-8-sig").splitlines(),
            )
            assert lines[0] == all_lines[0], name
            assert [line for line in all_lines if line in lines] == lines, name
            assert len(lines) < len(all_lines), name  # the demo's registers raise concerns
        else:
            assert data == full[name], name


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_without_the_registers_facts_have_no_register_block(
    without_registers, rendered_reports, audience
):
    without = json.loads((without_registers[audience] / "facts.json").read_text())
    full = json.loads((rendered_reports[audience] / "facts.json").read_text())
    assert list(without) == [
        "reporting_year",
        "audience",
        "reviews",
        "training",
        "priorities",
        "assessment",
    ]
    assert without == {k: v for k, v in full.items() if k not in REGISTER_BLOCKS}
    assert all(block in full for block in REGISTER_BLOCKS)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_without_the_registers_their_chapters_are_left_out(without_registers, audience):
    folder = without_registers[audience]
    notebooks = sorted(p.stem for p in (folder / "notebooks").glob("*.ipynb"))
    assert notebooks == ["01_priorities", "02_reviews", "03_training", "09_data_quality"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [n["name"] for n in manifest["notebooks"]] == notebooks
    figures = {p.stem for p in (folder / "figures").glob("*.png")}
    assert not figures & REGISTER_FIGURES
    markup = re.sub(r"\s+", " ", (folder / "report.html").read_text(encoding="utf-8"))
    for title in CHAPTER_TITLES:
        assert title not in markup, title
    # the data-quality chapter says which registers were not supplied
    assert (
        "The optional registers were not supplied: audits.csv, funding.csv, "
        "national_actions.csv and feedback.csv. Their chapters are left out of this report."
    ) in markup
    # the partnership's words that quote a register's figure show [x] (not available)
    governance = markup[markup.index('id="how-the-partnership-is-governed"') :]
    assert "contributed [x] in cash and in kind, [x]." in governance[:3000]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_with_the_registers_their_chapters_sit_where_a_reader_expects_them(
    rendered_reports, audience
):
    folder = rendered_reports[audience]
    markup = re.sub(r"\s+", " ", (folder / "report.html").read_text(encoding="utf-8"))
    headings = [
        re.sub(r"<[^>]+>", "", m.group(1)).replace("&#x27;", "'").replace("&#39;", "'")
        for m in re.finditer(r"<h2[^>]*>(.*?)</h2>", markup, flags=re.S)
    ]
    order = [
        "Learning from serious incidents",
        "What we learned from reviews",
        "Acting on national reviews",
        "Multi-agency training and its impact",
        "Multi-agency audits: evidence of impact",
        "Hearing from children and families",
        "What children and families told us",
        "How the partnership is governed",
        "How the partnership is funded",
        "Independent scrutiny",
        "Our focus for next year",
    ]
    found = [h for h in headings if h in order]
    assert found == order
    figures = {p.stem for p in (folder / "figures").glob("*.png")}
    assert figures >= REGISTER_FIGURES
    tables = {p.stem for p in (folder / "tables").glob("*.csv")}
    assert tables >= REGISTER_TABLES
    # free text from the registers is escaped: the demo's feedback holds ' & and <
    assert "adults &lt;only listen when you cry&gt;" in markup
    assert "<only listen" not in markup
    # the partnership's words quote the registers' figures and directions
    assert "contributed £412,346 in cash and in kind, up from £391,000 last year." in markup


def test_register_tables_are_the_same_for_both_audiences(rendered_reports):
    # nothing in the registers is suppressed: the public report shows what the internal does
    public, internal = _tables(rendered_reports["public"]), _tables(rendered_reports["internal"])
    for name in REGISTER_TABLES:
        assert public[name] == internal[name], name
