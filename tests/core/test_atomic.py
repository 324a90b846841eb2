"""Atomic writes: the target is replaced whole, its mode kept, and no temporary file is left."""

import os
import stat

from core.atomic import write_bytes_atomic, write_text_atomic
from core.words import plural


def test_new_file_is_written_readable(tmp_path):
    path = tmp_path / "a.kmsplan"
    write_text_atomic(path, "héllo")
    assert path.read_bytes() == "héllo".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["a.kmsplan"]


def test_overwrite_keeps_the_mode(tmp_path):
    path = tmp_path / "a.kmsplan"
    path.write_bytes(b"old")
    os.chmod(path, 0o600)
    write_bytes_atomic(path, b"new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["a.kmsplan"]


def test_plural():
    assert (plural(1, "month"), plural(2, "month"), plural(1200, "key version")) == (
        "1 month", "2 months", "1,200 key versions")
    assert plural(3, "key", "keys!") == "3 keys!"
