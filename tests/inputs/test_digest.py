"""File digests: known vectors, large files, and one read per file version inside a run."""

from __future__ import annotations

import hashlib
import os

from safeguarding_assurance.inputs import digest
from safeguarding_assurance.inputs.digest import remembered, sha256_file

# Well-known SHA-256 test vectors (FIPS 180-2): "" and "abc".
SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_sha256_file_known_vectors(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "abc").write_bytes(b"abc")
    assert sha256_file(tmp_path / "empty") == SHA_EMPTY
    assert sha256_file(tmp_path / "abc") == SHA_ABC


def test_sha256_file_of_a_file_larger_than_one_chunk(tmp_path):
    data = b"x" * ((1 << 20) + 7)  # the reader takes 1 MiB at a time
    (tmp_path / "big").write_bytes(data)
    assert sha256_file(tmp_path / "big") == hashlib.sha256(data).hexdigest()


def test_inside_a_run_each_version_of_a_file_is_read_once(tmp_path, monkeypatch):
    path = tmp_path / "actions.csv"
    path.write_bytes(b"a\n1\n")
    opened: list[str] = []
    real_open = open

    def counting_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    with remembered():
        first = sha256_file(path)
        assert sha256_file(path) == first
        assert len(opened) == 1
        path.write_bytes(b"a\n22\n")  # a new version (another size) is read again
        assert sha256_file(path) == hashlib.sha256(b"a\n22\n").hexdigest()
        assert len(opened) == 2
    assert digest._memo is None  # nothing is remembered outside a run


def test_outside_a_run_every_call_reads_the_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"one")
    assert sha256_file(path) == hashlib.sha256(b"one").hexdigest()
    stat = os.stat(path)
    path.write_bytes(b"two")  # same size, maybe the same timestamp
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert sha256_file(path) == hashlib.sha256(b"two").hexdigest()
