"""Interrupt a save at every step: the previous file stays byte-identical and no temp file is left.

core.planfile.save -> core.atomic.write_text_atomic -> write_bytes_atomic: mkstemp beside the
target, write, flush, fsync, chmod, os.replace. Each step is made to fail in turn.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from core import atomic
from core.plan import KeyGroup, Plan
from core.planfile import dumps, load, save

ROOT = Path(__file__).resolve().parents[2]
OLD = Plan(name="old plan", key_groups=(KeyGroup(name="old", count=3),))
NEW = Plan(name="new plan", key_groups=(KeyGroup(name="new", count=5),) * 200)


@pytest.fixture
def saved(tmp_path):
    """A folder holding one saved plan (mode 0o640); returns (path, its bytes)."""
    path = tmp_path / "budget.kmsplan"
    save(OLD, path)
    os.chmod(path, 0o640)
    return path, path.read_bytes()


def assert_untouched(path: Path, before: bytes):
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "a temp file was left behind"
    assert load(path).name == "old plan"


class _FailingFile:
    """A file object whose write/flush fails like a full disk, after writing part of the data."""

    def __init__(self, real, fail_on: str, exc: BaseException):
        self._real, self._fail_on, self._exc = real, fail_on, exc

    def write(self, data):
        if self._fail_on == "write":
            self._real.write(data[: len(data) // 2])  # a partial write reached the disk
            raise self._exc
        return self._real.write(data)

    def flush(self):
        if self._fail_on == "flush":
            raise self._exc
        return self._real.flush()

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return self._real.__exit__(*exc_info)


def _enospc():
    return OSError(errno.ENOSPC, "No space left on device")


FAULTS = {
    "mkstemp: read-only folder": ("mkstemp", PermissionError(errno.EACCES, "Permission denied")),
    "mkstemp: folder full": ("mkstemp", _enospc()),
    "write: disk full mid-write": ("write", _enospc()),
    "write: I/O error": ("write", OSError(errno.EIO, "Input/output error")),
    "write: Ctrl+C": ("write", KeyboardInterrupt()),
    "flush: disk full": ("flush", _enospc()),
    "fsync: disk full": ("fsync", _enospc()),
    "fsync: I/O error": ("fsync", OSError(errno.EIO, "Input/output error")),
    "chmod: refused": ("chmod", PermissionError(errno.EPERM, "Operation not permitted")),
    "replace: read-only folder": ("replace", PermissionError(errno.EACCES, "Permission denied")),
    "replace: cross-device": ("replace", OSError(errno.EXDEV, "Invalid cross-device link")),
    "replace: Ctrl+C": ("replace", KeyboardInterrupt()),
}


@pytest.mark.parametrize("fault", list(FAULTS), ids=list(FAULTS))
def test_save_interrupted_at_every_step(saved, monkeypatch, fault):
    path, before = saved
    step, exc = FAULTS[fault]
    if step == "mkstemp":
        def fail(*a, **k):
            raise exc
        monkeypatch.setattr(tempfile, "mkstemp", fail)
    elif step in ("write", "flush"):
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k), step, exc))
    elif step in ("fsync", "replace"):
        def fail(*a, **k):
            raise exc
        monkeypatch.setattr(os, step, fail)
    elif step == "chmod":
        def fail(*a, **k):
            raise exc
        monkeypatch.setattr(os, "chmod", fail)

    if step == "chmod":
        # Copying the old file's permissions onto the temp file is best effort: the save goes on.
        save(NEW, path)
        assert load(path).name == "new plan"
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
        return
    with pytest.raises(type(exc)):
        save(NEW, path)
    assert_untouched(path, before)


def test_a_successful_save_replaces_the_file_and_keeps_its_permissions(saved):
    path, before = saved
    save(NEW, path)
    assert path.read_bytes() == dumps(NEW).encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_new_file_is_created_readable(tmp_path):
    path = tmp_path / "fresh.kmsplan"
    save(NEW, path)
    assert path.stat().st_mode & 0o777 == 0o644
    assert load(path).name == "new plan"


def test_target_that_is_a_folder(tmp_path):
    folder = tmp_path / "plan.kmsplan"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me")
    with pytest.raises(OSError):
        save(NEW, folder)
    assert folder.is_dir() and (folder / "inside.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.kmsplan"]


def test_target_folder_missing(tmp_path):
    with pytest.raises(FileNotFoundError):
        save(NEW, tmp_path / "no-such-folder" / "plan.kmsplan")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into a 0o555 folder anyway; test_save_interrupted_at_every_step simulates it")
def test_read_only_folder_for_real(saved):
    path, before = saved
    os.chmod(path.parent, 0o555)
    try:
        with pytest.raises(PermissionError):
            save(NEW, path)
    finally:
        os.chmod(path.parent, 0o755)
    assert_untouched(path, before)


def test_read_only_target_file_is_still_replaced_atomically(saved):
    """A 0o444 file in a writable folder: rename replaces it (as a text editor would); mode kept."""
    path, _ = saved
    os.chmod(path, 0o444)
    save(NEW, path)
    assert load(path).name == "new plan"
    assert path.stat().st_mode & 0o777 == 0o444


def test_save_that_cannot_encode_leaves_the_file(saved):
    """A name with a lone surrogate cannot be UTF-8: refused before any byte is written."""
    path, before = saved
    with pytest.raises(UnicodeEncodeError):
        save(NEW.with_(name="bad \ud800 name"), path)
    assert_untouched(path, before)


_CHILD = """
import os, sys, time
from core import atomic
from core.plan import Plan, KeyGroup
from core.planfile import save
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    print("fsynced", flush=True)
    time.sleep(60)            # killed here: the temp file is complete, the rename not done
os.fsync = slow_fsync
save(Plan(name="new plan", key_groups=(KeyGroup(name="k"),) * 2000), sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_killed_mid_save_leaves_the_old_file(saved):
    """SIGKILL between write and rename: the old file is intact; the temp file stays (hidden, .tmp)."""
    path, before = saved
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "fsynced"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert path.read_bytes() == before
    leftovers = [p.name for p in path.parent.iterdir() if p.name != path.name]
    assert len(leftovers) == 1 and leftovers[0].startswith(".budget.kmsplan.") and leftovers[0].endswith(".tmp")
    assert load(path).name == "old plan"


def test_write_bytes_atomic_direct_faults(tmp_path, monkeypatch):
    """The same guarantee for other callers of core.atomic (exports, autosave)."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old workbook")

    def fail(*a, **k):
        raise _enospc()

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        atomic.write_bytes_atomic(path, b"x" * 1_000_000)
    assert path.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]
