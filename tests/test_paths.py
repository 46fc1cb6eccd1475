"""The repository root and paths that never carry a user's home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_assurance.paths import (
    OutputLayout,
    relative_to_root,
    repository_root,
    resolve,
)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A temporary tree that looks like the repository: pyproject.toml and notebooks/."""
    root = tmp_path / "work" / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (root / "data" / "demo" / "deeper").mkdir(parents=True)
    return root


def test_root_found_from_a_nested_folder(repo):
    assert repository_root(repo / "data" / "demo" / "deeper") == repo.resolve()


def test_root_found_from_the_notebooks_folder_and_the_root_itself(repo):
    # JupyterLab starts a kernel in notebooks/; papermill and the command line at the root
    assert repository_root(repo / "notebooks") == repo.resolve()
    assert repository_root(repo) == repo.resolve()


def test_root_found_from_the_working_directory(repo, monkeypatch):
    monkeypatch.chdir(repo / "data" / "demo")
    assert repository_root() == repo.resolve()


def test_pyproject_alone_does_not_make_a_root(repo, tmp_path):
    # an outer folder with pyproject.toml but no notebooks/ is not the repository
    outer = tmp_path / "work"
    (outer / "pyproject.toml").write_text("", encoding="utf-8")
    assert repository_root(repo / "data") == repo.resolve()
    other = tmp_path / "work" / "elsewhere" / "a"
    other.mkdir(parents=True)
    assert repository_root(other) != outer.resolve()


def test_resolve_relative_paths_from_the_root(repo):
    assert resolve("data/demo", repo) == repo / "data" / "demo"
    assert resolve(Path("content/2024-25"), repo) == repo / "content" / "2024-25"


def test_resolve_keeps_absolute_paths(repo, tmp_path):
    assert resolve(str(tmp_path / "x"), repo) == tmp_path / "x"


def test_resolve_expands_the_home_folder(repo):
    assert resolve("~/data", repo) == Path.home() / "data"


def test_every_working_folder_is_under_the_output_root(tmp_path):
    layout = OutputLayout(tmp_path / "elsewhere")
    scratch = tmp_path / "elsewhere" / "scratch"
    assert layout.scratch == scratch
    for folder in (layout.staging, layout.cache, layout.logs, layout.locks, layout.trash):
        assert folder.parent == scratch
    assert layout.failed("2024-25", "public") == scratch / "failed" / "2024-25-public"
    assert layout.problems_csv("2024-25") == scratch / "validation_problems_2024-25.csv"
    assert layout.problems_csv("a/b c") == scratch / "validation_problems_a_b_c.csv"
    assert layout.published("2024-25", "public") == tmp_path / "elsewhere" / "2024-25" / "public"


def test_default_layout_is_the_repositorys_outputs(repo):
    assert OutputLayout.default(repo).root == repo / "outputs"


def test_a_staging_folder_knows_its_layout(repo, tmp_path):
    layout = OutputLayout(tmp_path / "out")
    stage = layout.staging / "2024-25-public-abcd1234"
    assert OutputLayout.for_output_dir(stage, repo) == layout
    # any other folder belongs to the repository's own layout
    assert OutputLayout.for_output_dir(tmp_path / "x", repo) == OutputLayout.default(repo)


def test_relative_to_root_inside(repo):
    assert relative_to_root(repo / "data" / "demo" / "actions.csv", repo) == "data/demo/actions.csv"
    assert relative_to_root(repo, repo) == "."


@pytest.mark.parametrize(
    "outside",
    [
        Path("/etc/passwd"),
        Path.home() / "secret" / "actions.csv",
        Path("/"),
    ],
)
def test_relative_to_root_outside_gives_no_absolute_path(repo, outside):
    out = relative_to_root(outside, repo)
    assert not Path(out).is_absolute()
    assert str(Path.home()) not in out
    assert out == outside.name


def test_relative_to_root_does_not_escape_with_dot_dot(repo):
    # data/../../x lies outside the root once resolved
    out = relative_to_root(repo / "data" / ".." / ".." / "x" / "t.csv", repo)
    assert out == "t.csv"
    assert ".." not in out
    inside = relative_to_root(repo / "data" / ".." / "notebooks" / "a.ipynb", repo)
    assert inside == "notebooks/a.ipynb"


def test_relative_to_root_of_a_sibling_with_a_shared_prefix(repo):
    # /…/repo-old is not inside /…/repo, although the text starts the same
    sibling = repo.parent / (repo.name + "-old") / "t.csv"
    assert relative_to_root(sibling, repo) == "t.csv"
