"""The real command line on the demo data: every output of the contract, and nothing lost."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

pytestmark = pytest.mark.integration

CONTRACT_OUTPUTS = (
    "report.html",
    "report.pdf",
    "notebooks",
    "tables",
    "figures",
    "facts.json",
    "manifest.json",
    # the scrutiny board's papers (issue 16): cover report (Word and HTML) and spreadsheet
    "committee",
    "tables.xlsx",
)
INPUTS = (
    "actions.csv",
    "indicators.csv",
    "indicator_values.csv",
    "reviews.csv",
    "recommendations.csv",
    "training.csv",
    "workforce.csv",
    "audits.csv",
    "funding.csv",
    "national_actions.csv",
    "feedback.csv",
)
NOTEBOOKS = (
    "01_priorities",
    "02_reviews",
    "02_reviews_national",
    "03_training",
    "04_audits",
    "05_feedback",
    "06_funding",
    "09_data_quality",
)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_run_exits_zero_without_traceback(demo_run):
    proc = demo_run["proc"]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_contract_output_is_written(rendered_reports, audience):
    folder = rendered_reports[audience]
    names = {p.name for p in folder.iterdir()}
    assert set(CONTRACT_OUTPUTS) <= names
    assert names - set(CONTRACT_OUTPUTS) == set(), "nothing but the contract's outputs"
    nbs = sorted(p.name for p in (folder / "notebooks").glob("*.ipynb"))
    assert nbs == [f"{stem}.ipynb" for stem in NOTEBOOKS]
    assert list((folder / "figures").glob("*.png"))
    assert (folder / "tables" / "executive_summary.csv").is_file()


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_html_has_no_code_and_fetches_nothing(rendered_reports, audience):
    markup = (rendered_reports[audience] / "report.html").read_text(encoding="utf-8")
    assert "<script" not in markup
    assert not re.search(
        r"""(src|href)\s*=\s*["'](https?:)?//""", markup.replace('href="https://', "LINK")
    )  # plain links may point out; nothing is loaded
    assert "<link" not in markup
    assert "url(http" not in markup
    for marker in (
        "open_chapter",
        "import ",
        "jp-InputArea",
        "input_area",
        "In&nbsp;[",
        "Traceback",
        "injected-parameters",
    ):
        assert marker not in markup, marker
    assert '<html lang="en-GB">' in markup


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_pdf_opens_with_pages_and_text(rendered_reports, audience):
    reader = PdfReader(rendered_reports[audience] / "report.pdf")
    assert len(reader.pages) >= 5
    text = reader.pages[0].extract_text()
    assert "Northbrook" in text
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root


def test_manifest_lists_every_input_with_hash_and_rows(rendered_reports, demo_run):
    manifest = json.loads((rendered_reports["public"] / "manifest.json").read_text())
    data = demo_run["repo"] / "data" / "demo"
    listed = {i["file"]: i for i in manifest["inputs"]}
    assert sorted(listed) == sorted(INPUTS)
    for name in INPUTS:
        raw = (data / name).read_bytes()
        assert listed[name]["sha256"] == hashlib.sha256(raw).hexdigest()
        with open(data / name, newline="", encoding="utf-8-sig") as f:
            rows = sum(1 for r in csv.reader(f) if any(c.strip() for c in r)) - 1
        assert listed[name]["rows"] == rows
    assert manifest["outcome"] == "success"
    assert manifest["parameters"]["reporting_year"] == "2024-25"
    assert [n["name"] for n in manifest["notebooks"]] == list(NOTEBOOKS)
    text = json.dumps(manifest)
    assert "/home/" not in text and "/tmp/" not in text and "/root/" not in text
    for key in ("packages", "git_commit", "started", "finished"):
        assert key in manifest


def test_facts_json_has_the_contract_keys(rendered_reports):
    facts = json.loads((rendered_reports["public"] / "facts.json").read_text())
    assert list(facts) == [
        "reporting_year",
        "audience",
        "reviews",
        "training",
        "priorities",
        "assessment",
        "audits",
        "funding",
        "national_reviews",
        "feedback",
    ]
    assert facts["audience"] == "public"
    assert list(facts["reviews"]) == [
        "notifications",
        "rapid_reviews_completed",
        "lcspr_decisions",
        "notified_within_timescale_pct",
        "rapid_review_within_timescale_pct",
        "lcsprs_published",
        "lcsprs_published_within_timescale_pct",
        "recommendations_open",
        "recommendations_overdue",
    ]
    assert list(facts["training"]) == [
        "completions",
        "unique_learners",
        "e_learning_completions",
        "did_not_attend_pct",
        "mean_confidence_change",
        "reach_pct",
        "gcp2_practitioners_trained",
    ]
    assert list(facts["priorities"]) == ["early_help", "neglect", "harm_outside_home"]
    # 2024-25 of the demo: exactly three notifications, all leading to an LCSPR
    assert facts["reviews"]["notifications"] == 3
    assert facts["reviews"]["lcspr_decisions"] == 3
    # the optional registers' blocks, in the contract's key order
    assert list(facts["audits"]) == [
        "audits_completed",
        "cases_audited",
        "rated_good_pct",
        "rated_inadequate_pct",
        "actions_completed_pct",
    ]
    assert list(facts["feedback"]) == [
        "activities",
        "participants",
        "children_and_young_people",
        "activities_with_change_pct",
    ]
    # the hand-written demo registers (data/demo/README.md): 412,345.50 half up to
    # 412,346, up (412,345.50 - 391,000) / 391,000 = 5.459...% on 2023-24; five partners
    # gave more than 0; statutory 359,500.50 / 412,345.50 = 87.18...%
    assert facts["funding"] == {
        "total_gbp": 412346,
        "change_pct": 5.5,
        "partners_contributing": 5,
        "statutory_partners_share_pct": 87.2,
    }
    # acted on: Child Protection in England (NA-10), residential Phase 1 (NA-12) and
    # Phase 2 (NA-13, NA-14), It's Silent (NA-15, NA-16); completed NA-10, NA-14; open
    # NA-12, NA-13, NA-15, NA-16; overdue NA-12, NA-13
    assert facts["national_reviews"] == {
        "reviews_acted_on": 4,
        "actions_completed": 2,
        "actions_open": 4,
        "actions_overdue": 2,
    }


def test_published_notebooks_carry_no_absolute_paths(rendered_reports):
    for audience, folder in rendered_reports.items():
        for path in (folder / "notebooks").glob("*.ipynb"):
            text = path.read_text(encoding="utf-8")
            assert "/tmp/" not in text and "/home/" not in text, (audience, path.name)
            nb = nbformat.read(path, as_version=4)
            streams = [
                o
                for c in nb.cells
                if c.cell_type == "code"
                for o in c.outputs
                if o.output_type == "stream"
            ]
            assert streams == []


def test_table_csvs_are_safe_in_a_spreadsheet(rendered_reports):
    for folder in rendered_reports.values():
        for path in (folder / "tables").glob("*.csv"):
            with open(path, newline="", encoding="utf-8-sig") as f:
                for row in csv.reader(f):
                    for cell in row:
                        if cell[:1] in ("=", "+", "@") or (
                            cell[:1] == "-" and not re.fullmatch(r"-[\d.,]+", cell)
                        ):
                            pytest.fail(f"{path.name}: unsafe cell {cell!r}")


def test_internal_report_is_marked(rendered_reports):
    markup = (rendered_reports["internal"] / "report.html").read_text(encoding="utf-8")
    assert "OFFICIAL-SENSITIVE" in re.search(r"<title>(.*?)</title>", markup).group(1)
    assert 'class="banner marking"' in markup
    public = (rendered_reports["public"] / "report.html").read_text(encoding="utf-8")
    # the public report explains the marking in its glossary but does not carry it
    assert "OFFICIAL-SENSITIVE" not in re.search(r"<title>(.*?)</title>", public).group(1)
    assert 'class="banner marking"' not in public


def test_unchanged_rerun_is_skipped_and_force_reruns(demo_run, rendered_reports):
    repo, out = demo_run["repo"], demo_run["out"]
    before = _tree(rendered_reports["public"])
    proc = run_cli("run", "--year", "2024-25", "--output-root", str(out), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "skipped" in proc.stderr
    assert _tree(rendered_reports["public"]) == before


def test_bad_data_exits_2_and_keeps_previous_output(demo_run, rendered_reports, tmp_path):
    repo, out = demo_run["repo"], demo_run["out"]
    before = _tree(rendered_reports["public"])
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in INPUTS:
        (bad / name).write_bytes((repo / "data" / "demo" / name).read_bytes())
    lines = (bad / "reviews.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("age_years")] = "19"
    lines[2] = ",".join(cells)
    (bad / "reviews.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    params = (
        (repo / "params" / "2024-25.yaml")
        .read_text()
        .replace("data_dir: data/demo", f"data_dir: {bad}")
    )
    pfile = tmp_path / "2024-25.yaml"
    pfile.write_text(params)
    proc = run_cli("run", str(pfile), "--output-root", str(out), cwd=repo)
    assert proc.returncode == 2
    assert "reviews.csv" in proc.stderr and "row 3" in proc.stderr and "age_years" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _tree(rendered_reports["public"]) == before
    assert "scratch" in proc.stderr


def test_failing_notebook_exits_1_names_cell_and_keeps_previous(
    demo_run, rendered_reports, tmp_path
):
    repo, out = demo_run["repo"], demo_run["out"]
    before = _tree(rendered_reports["public"])
    nb_path = repo / "notebooks" / "01_priorities.ipynb"
    original = nb_path.read_bytes()
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('planted failure')"))
    nbformat.write(nb, nb_path)
    try:
        proc = run_cli("run", "--year", "2024-25", "--output-root", str(out), cwd=repo)
    finally:
        nb_path.write_bytes(original)
    assert proc.returncode == 1
    assert "01_priorities" in proc.stderr and "ValueError" in proc.stderr
    # the cell as the analyst counts it in JupyterLab: the last one of the notebook
    assert f"cell {len(nb.cells)} raised ValueError: planted failure" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _tree(rendered_reports["public"]) == before
    kept = out / "scratch" / "failed" / "2024-25-public" / "01_priorities.ipynb"
    assert kept.is_file()


def test_invalid_parameters_exit_2_naming_file_and_key(demo_run, tmp_path):
    pfile = tmp_path / "2024-25.yaml"
    pfile.write_text(
        (demo_run["repo"] / "params" / "2024-25.yaml").read_text() + "audence: public\n"
    )
    proc = run_cli("run", str(pfile), "--output-root", str(tmp_path / "o"), cwd=demo_run["repo"])
    assert proc.returncode == 2
    assert str(pfile) in proc.stderr and "audence" in proc.stderr
    assert "Traceback" not in proc.stderr


def _kernels_in(folder: Path) -> list[int]:
    """Kernel processes whose working folder is ``folder`` (none should outlive a run)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
            cwd = (proc / "cwd").resolve()
        except OSError:
            continue
        if b"ipykernel" in cmd and cwd == folder.resolve():
            pids.append(int(proc.name))
    return pids


def test_no_kernel_outlives_a_run_that_stopped_early(demo_run, tmp_path):
    repo = demo_run["repo"]
    params = (
        (repo / "params" / "2024-25.yaml")
        .read_text()
        .replace("data_dir: data/demo", f"data_dir: {tmp_path / 'missing'}")
    )
    pfile = tmp_path / "2024-25.yaml"
    pfile.write_text(params)
    proc = run_cli("run", str(pfile), "--output-root", str(tmp_path / "o"), "--force", cwd=repo)
    assert proc.returncode == 2
    assert _kernels_in(repo) == []


def _add_a_stray_display(repo: Path) -> int:
    """Add a cell showing raw review rows (case references) to a copy of 02_reviews.

    Returns the new cell's number as an analyst counts cells in JupyterLab (from 1).
    """
    path = repo / "notebooks" / "02_reviews.ipynb"
    nb = nbformat.read(path, as_version=4)
    load = next(i for i, c in enumerate(nb.cells) if "chapter.load(" in c.source)
    nb.cells.insert(load + 1, nbformat.v4.new_code_cell("tables.reviews.head()"))
    nbformat.write(nb, path)
    return load + 2


def test_a_stray_display_never_reaches_a_report(repo_copy, rendered_reports):
    """The issue-13 safety test: a raw frame with case references in a chapter notebook."""
    out = repo_copy / "outputs"
    previous = out / "2024-25" / "public"
    shutil.copytree(rendered_reports["public"], previous)  # the last good public output
    before = _tree(previous)
    cell = _add_a_stray_display(repo_copy)
    case_ref = next(csv.DictReader((repo_copy / "data/demo/reviews.csv").open()))["case_ref"]

    public = run_cli(
        "run", "--year", "2024-25", "--force", "--output-root", str(out), cwd=repo_copy
    )
    assert public.returncode == 1, public.stderr
    assert f"notebooks/02_reviews.ipynb, cell {cell}" in public.stderr
    assert "disclosure control" in public.stderr
    assert "Traceback" not in public.stderr
    assert _tree(previous) == before  # the previous public output is intact

    internal = run_cli(
        "run", "--year", "2024-25", "--audience", "internal", "--output-root", str(out),
        cwd=repo_copy,
    )  # fmt: skip
    assert internal.returncode == 0, internal.stderr
    report = (out / "2024-25" / "internal" / "report.html").read_text(encoding="utf-8")
    assert "<th>aware_date</th>" not in report  # the raw frame's header is not in the report
    # the internal report still names cases where its own sections list them, but never
    # through the stray cell: its output was dropped, and the run said so
    assert "left out of the report" in internal.stderr
    assert case_ref  # the demo has case references to leak, so the test means something
