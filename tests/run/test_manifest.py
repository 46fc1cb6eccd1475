"""Provenance: file hashes, row counts, the run fingerprint and the up-to-date check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_assurance.contract.params import Params, validate_values
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.run.manifest import (
    MANIFEST,
    fingerprint,
    input_files,
    is_up_to_date,
    output_hashes,
    read_manifest,
)

# Well-known SHA-256 test vectors (FIPS 180-2): "" and "abc".
SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def LAYOUT(tree: dict) -> OutputLayout:
    return OutputLayout(tree["outputs"])


# ---------------------------------------------------------------- inputs


def test_input_files_in_contract_order(tmp_path):
    for name in ("workforce.csv", "actions.csv", "training.xlsx", "notes.csv", "reviews.txt"):
        (tmp_path / name).write_text("a\n1\n", encoding="utf-8")
    assert [p.name for p in input_files(tmp_path)] == [
        "actions.csv",
        "training.xlsx",
        "workforce.csv",
    ]


# ---------------------------------------------------------------- fingerprint


@pytest.fixture
def tree(tmp_path) -> dict[str, Path]:
    """A tiny repository: notebooks, data, content, and an outputs folder."""
    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    (root / "notebooks" / "01_priorities.ipynb").write_text('{"cells": []}', encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "actions.csv").write_text("action_id\nA1\n", encoding="utf-8")
    (root / "content" / "2024-25").mkdir(parents=True)
    (root / "content" / "2024-25" / "foreword.md").write_text("Hello.\n", encoding="utf-8")
    return {"root": root, "outputs": root / "outputs"}


def _params(root: Path, **changes: object) -> Params:
    raw = {
        "reporting_year": "2024-25",
        "partnership_name": "Northbrook",
        "data_dir": "data",
        "audience": "public",
        "priorities": [{"id": "neglect", "name": "Neglect"}],
        "data_as_at": "2025-06-02",  # fixed, so the run date never enters the test
    }
    raw.update(changes)
    return validate_values(raw, "test", root=root)


def test_fingerprint_is_stable_when_nothing_changes(tree):
    p = _params(tree["root"])
    assert fingerprint(p, "public", LAYOUT(tree)) == fingerprint(p, "public", LAYOUT(tree))
    # an equal Params object built afresh gives the same fingerprint
    assert fingerprint(_params(tree["root"]), "public", LAYOUT(tree)) == fingerprint(
        p, "public", LAYOUT(tree)
    )


def test_fingerprint_is_a_sha256_hex_digest(tree):
    fp = fingerprint(_params(tree["root"]), "public", LAYOUT(tree))
    assert len(fp) == 64
    int(fp, 16)


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "where",
    ["data/actions.csv", "notebooks/01_priorities.ipynb", "content/2024-25/foreword.md"],
)
def test_fingerprint_changes_when_one_byte_changes(tree, where):
    p = _params(tree["root"])
    before = fingerprint(p, "public", LAYOUT(tree))
    _flip_last_byte(tree["root"] / where)
    after = fingerprint(p, "public", LAYOUT(tree))
    assert after != before
    _flip_last_byte(tree["root"] / where)  # put it back: the same fingerprint again
    assert fingerprint(p, "public", LAYOUT(tree)) == before


@pytest.mark.parametrize(
    "added",
    ["data/training.csv", "notebooks/02_reviews.ipynb", "content/2024-25/voice.md"],
)
def test_fingerprint_changes_when_a_file_is_added(tree, added):
    p = _params(tree["root"])
    before = fingerprint(p, "public", LAYOUT(tree))
    (tree["root"] / added).write_text("{}\n", encoding="utf-8")
    assert fingerprint(p, "public", LAYOUT(tree)) != before


def test_fingerprint_changes_with_the_audience(tree):
    p = _params(tree["root"])
    assert fingerprint(p, "public", LAYOUT(tree)) != fingerprint(p, "internal", LAYOUT(tree))


@pytest.mark.parametrize(
    "change",
    [
        {"partnership_name": "Southbrook"},
        {"suppression_threshold": 6},
        {"status": "final"},
        {"data_as_at": "2025-06-03"},
        {"priorities": [{"id": "neglect", "name": "Neglect and harm"}]},
    ],
)
def test_fingerprint_changes_with_a_parameter(tree, change):
    before = fingerprint(_params(tree["root"]), "public", LAYOUT(tree))
    assert fingerprint(_params(tree["root"], **change), "public", LAYOUT(tree)) != before


def test_fingerprint_ignores_the_output_dir(tree):
    # the runner sets output_dir to a fresh staging folder each run
    before = fingerprint(_params(tree["root"]), "public", LAYOUT(tree))
    after = fingerprint(_params(tree["root"], output_dir="/tmp/stage-123"), "public", LAYOUT(tree))
    assert after == before


def test_fingerprint_changes_with_last_years_published_facts(tree):
    # last year's published facts decide the [r] marks
    p = _params(tree["root"])
    before = fingerprint(p, "public", LAYOUT(tree))
    internal_before = fingerprint(p, "internal", LAYOUT(tree))
    facts = tree["outputs"] / "2023-24" / "public" / "facts.json"
    facts.parent.mkdir(parents=True)
    facts.write_text('{"reviews": {"notifications": 3}}', encoding="utf-8")
    assert fingerprint(p, "public", LAYOUT(tree)) != before
    # the public facts do not decide the internal report's marks
    assert fingerprint(p, "internal", LAYOUT(tree)) == internal_before


# ---------------------------------------------------------------- outputs and up-to-date


@pytest.fixture
def published(tmp_path) -> Path:
    folder = tmp_path / "2024-25" / "public"
    (folder / "tables").mkdir(parents=True)
    (folder / "report.html").write_bytes(b"abc")
    (folder / "tables" / "t.csv").write_bytes(b"")
    (folder / MANIFEST).write_text(
        json.dumps({"outcome": "success", "fingerprint": "fp1", "outputs": output_hashes(folder)}),
        encoding="utf-8",
    )
    return folder


def test_output_hashes_are_relative_and_exclude_the_manifest(published):
    assert output_hashes(published) == {"report.html": SHA_ABC, "tables/t.csv": SHA_EMPTY}


def test_up_to_date_when_fingerprint_matches_and_files_are_intact(published):
    assert read_manifest(published)["fingerprint"] == "fp1"
    assert is_up_to_date(published, "fp1") is True


def test_not_up_to_date_with_another_fingerprint(published):
    assert is_up_to_date(published, "fp2") is False


def test_not_up_to_date_when_a_file_is_deleted(published):
    (published / "tables" / "t.csv").unlink()
    assert is_up_to_date(published, "fp1") is False


def test_not_up_to_date_when_a_file_is_altered(published):
    (published / "report.html").write_bytes(b"abd")
    assert is_up_to_date(published, "fp1") is False


def test_not_up_to_date_when_a_file_is_added(published):
    (published / "extra.txt").write_bytes(b"")
    assert is_up_to_date(published, "fp1") is False


@pytest.mark.parametrize(
    "manifest",
    [
        None,  # no manifest
        "{broken",  # unreadable
        json.dumps({"outcome": "failed", "fingerprint": "fp1", "outputs": {}}),
        json.dumps({"outcome": "success", "fingerprint": "fp1", "outputs": {}}),  # nothing recorded
    ],
)
def test_not_up_to_date_without_a_good_manifest(tmp_path, manifest):
    if manifest is not None:
        (tmp_path / MANIFEST).write_text(manifest, encoding="utf-8")
    assert is_up_to_date(tmp_path, "fp1") is False


def test_not_up_to_date_when_the_folder_is_missing(tmp_path):
    assert read_manifest(tmp_path / "nowhere") is None
    assert is_up_to_date(tmp_path / "nowhere", "fp1") is False
