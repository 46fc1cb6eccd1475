"""The command line's exit statuses and messages (0 ok, 2 bad parameters or data, 1 other).

Every case here fails before any notebook runs, so the tests stay fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_assurance.cli import main

GOOD_YAML = """\
reporting_year: "2024-25"
partnership_name: Northbrook Partnership
data_dir: data
audience: public
priorities:
  - id: neglect
    name: Neglect
"""


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A temporary repository (pyproject.toml, notebooks/, params/) as the working directory."""
    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "params").mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'copy'\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_validate_unknown_key_exits_2_naming_the_key(repo, capsys):
    path = repo / "params" / "2024-25.yaml"
    path.write_text(GOOD_YAML + "colour: red\n", encoding="utf-8")
    status = main(["validate", str(path), "--output-root", str(repo / "outputs")])
    out, err = capsys.readouterr()
    assert status == 2
    assert "`colour`" in err
    assert str(path) in err
    assert "Traceback" not in err
    assert out == ""


def test_validate_with_verbose_shows_the_traceback(repo, capsys):
    path = repo / "params" / "2024-25.yaml"
    path.write_text(GOOD_YAML + "colour: red\n", encoding="utf-8")
    assert main(["validate", str(path), "--verbose"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_validate_missing_file_exits_2(repo, capsys):
    status = main(["validate", str(repo / "params" / "nope.yaml")])
    err = capsys.readouterr().err
    assert status == 2
    assert "not found" in err
    assert "Traceback" not in err


def test_validate_wrong_type_exits_2(repo, capsys):
    path = repo / "params" / "2024-25.yaml"
    path.write_text(GOOD_YAML + "suppression_threshold: true\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "`suppression_threshold`" in err
    assert "Traceback" not in err


def test_run_a_year_without_a_parameters_file_exits_2(repo, capsys):
    out_root = repo / "outputs"
    status = main(["run", "--year", "1999-00", "--output-root", str(out_root), "--quiet"])
    err = capsys.readouterr().err
    assert status == 2
    assert "1999-00" in err
    assert "not found" in err
    assert "Traceback" not in err
    assert not (out_root / "1999-00").exists()


def test_run_with_an_invalid_parameters_file_exits_2(repo, capsys):
    path = repo / "params" / "2024-25.yaml"
    path.write_text(GOOD_YAML.replace("audience: public", "audience: everyone"), encoding="utf-8")
    status = main(["run", str(path), "--output-root", str(repo / "outputs"), "--quiet"])
    err = capsys.readouterr().err
    assert status == 2
    assert "`audience`" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("label", ["bad", "2025-27", "25-26"])
def test_new_year_with_a_bad_label_exits_2_and_writes_nothing(repo, capsys, label):
    (repo / "params" / "2024-25.yaml").write_text(GOOD_YAML, encoding="utf-8")
    before = _tree(repo)
    status = main(["new-year", label])
    err = capsys.readouterr().err
    assert status == 2
    assert "YYYY-YY" in err
    assert "Traceback" not in err
    assert _tree(repo) == before


def test_new_year_writes_into_the_working_repository(repo, capsys):
    (repo / "params" / "2024-25.yaml").write_text(GOOD_YAML, encoding="utf-8")
    assert main(["new-year", "2025-26"]) == 0
    assert (repo / "params" / "2025-26.yaml").is_file()
    assert (repo / "content" / "2025-26" / "foreword.md").is_file()
    assert "2025-26.yaml" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["run"], ["frobnicate"], ["run", "--year", "x", "--all"]])
def test_bad_command_lines_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage" in capsys.readouterr().err
