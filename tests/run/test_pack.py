"""``assurance pack``: the committee papers of an existing run, without running a notebook."""

from __future__ import annotations

import json

import pytest

from safeguarding_assurance.cli import main
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.report.committee import PROSE
from safeguarding_assurance.report.run_folder import RunFolderError
from safeguarding_assurance.run.manifest import is_up_to_date, output_hashes
from safeguarding_assurance.run.pack import pack_run
from tests.support.run_folders import committee_params, make_run_folder, write_words

WORDS = {f"{key}.md": "Our words.\n" for key in PROSE}


def test_pack_writes_both_papers_and_records_them_in_the_manifest(tmp_path):
    layout = OutputLayout(tmp_path / "outputs")
    folder = make_run_folder(layout.published("2024-25", "internal"), "internal", status="final")
    write_words(tmp_path, WORDS)
    params = committee_params(tmp_path, {"board": "Scrutiny"}, status="draft")
    written = pack_run(params, "internal", layout)
    assert [p.relative_to(folder).as_posix() for p in written] == [
        "committee/cover-report.docx",
        "committee/cover-report.html",
        "tables.xlsx",
    ]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"] == output_hashes(folder)
    assert "committee/cover-report.docx" in manifest["outputs"]
    assert manifest["committee_papers"]["committee"] == {"board": "Scrutiny"}
    # the run was made final: its papers are final whatever today's file says
    html = (folder / "committee" / "cover-report.html").read_text(encoding="utf-8")
    assert "DRAFT" not in html and "OFFICIAL-SENSITIVE" in html
    assert not layout.pack_staging("2024-25", "internal").exists()


def test_a_packed_run_stays_up_to_date(tmp_path):
    layout = OutputLayout(tmp_path / "outputs")
    folder = make_run_folder(layout.published("2024-25", "public"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["fingerprint"] = "f"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    pack_run(committee_params(tmp_path), "public", layout)
    assert is_up_to_date(folder, "f")


def test_pack_without_the_run_is_an_error_saying_what_to_do(tmp_path):
    layout = OutputLayout(tmp_path / "outputs")
    with pytest.raises(RunFolderError, match="assurance run --year 2024-25 --audience public"):
        pack_run(committee_params(tmp_path), "public", layout)


YAML = """\
reporting_year: "2024-25"
partnership_name: Northbrook Partnership
data_dir: data
audience: public
priorities:
  - id: early_help
    name: Early help
  - id: neglect
    name: Neglect
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "params").mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'copy'\n", encoding="utf-8")
    (root / "params" / "2024-25.yaml").write_text(YAML, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_cli_pack_of_a_missing_run_exits_2(repo, capsys):
    status = main(["pack", "--year", "2024-25", "--output-root", str(repo / "out")])
    assert status == 2
    err = capsys.readouterr().err
    assert "no run of 2024-25 for the public audience" in err
    assert "Traceback" not in err


def test_cli_pack_both_audiences(repo, capsys):
    out = repo / "out"
    for audience in ("public", "internal"):
        make_run_folder(out / "2024-25" / audience, audience)
    status = main(["pack", "--year", "2024-25", "--audience", "both", "--output-root", str(out)])
    assert status == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 6
    assert (out / "2024-25" / "internal" / "tables.xlsx").is_file()


def test_cli_pack_with_a_bad_committee_block_exits_2_naming_the_key(repo, capsys):
    (repo / "params" / "2024-25.yaml").write_text(
        YAML + "committee:\n  lead_officers: Director\n", encoding="utf-8"
    )
    status = main(["pack", "--year", "2024-25", "--output-root", str(repo / "out")])
    assert status == 2
    err = capsys.readouterr().err
    assert "2024-25.yaml" in err and "committee.lead_officers" in err


def test_cli_pack_of_a_final_run_without_its_words_exits_2_naming_the_file(repo, capsys):
    out = repo / "out"
    make_run_folder(out / "2024-25" / "public", "public", status="final")
    status = main(["pack", "--year", "2024-25", "--output-root", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert "committee/executive_summary.md: missing or empty" in err
    assert not (out / "2024-25" / "public" / "tables.xlsx").exists()  # nothing half-written
