"""Autosave unsaved work to the user's data folder, and find what a crashed session left behind.

Each running window owns one autosave file (plus a small JSON note naming the plan's own file)
and holds a lock file beside it; after a crash the lock is stale, so the next start can offer
the file back. Writes are atomic (core.atomic); a clean save or close deletes the autosave.

The timers write on a worker thread: a plan is immutable, so the worker serialises the very plan
the edit produced while the window keeps painting (a 10,000-group plan takes ~100 ms to write).
A save or close that discards the autosave while a write is under way wins: the discard bumps a
generation number, and the worker renames its finished file into place only if the generation
is still the one it started with, under the same lock, so no stale autosave is left behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QThreadPool, QTimer, Signal, Slot

from core import planfile
from core.plan import Plan

PREFIX = "autosave-"
INTERVAL_MS = 30_000  # a periodic save while there are unsaved changes
DELAY_MS = 2_000  # after an edit, once typing pauses


def autosave_dir() -> Path:
    """<user data folder>/autosave (QStandardPaths AppDataLocation)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)) / "autosave"


def _staged(target: Path, text: str) -> Path:
    """`text` written and flushed to a temporary file beside `target`, ready to be renamed over it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
    except BaseException:
        _remove(Path(tmp))
        raise
    return Path(tmp)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class _Guard:
    """What the GUI thread and the writer share: the lock and the generation of the autosave."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = 0


@dataclass(frozen=True)
class _Job:
    generation: int
    plan: Plan
    path: Path
    note_path: Path
    note: str


def write_job(job: _Job, guard: _Guard) -> bool:
    """Write one autosave; False if a discard came first (then nothing is left on disk).
    Serialising and flushing happen outside the lock; only the two renames happen under it."""
    text = planfile.dumps(job.plan)
    staged_note = _staged(job.note_path, job.note)
    try:
        staged_plan = _staged(job.path, text)
    except BaseException:
        _remove(staged_note)
        raise
    with guard.lock:
        if guard.generation != job.generation:
            _remove(staged_note)
            _remove(staged_plan)
            return False
        try:
            os.replace(staged_note, job.note_path)
            os.replace(staged_plan, job.path)
        except BaseException:
            _remove(staged_note)
            _remove(staged_plan)
            raise
    return True


class _Relay(QObject):
    """Carries the writer thread's result back: emitted there, delivered (queued) on the GUI thread."""

    done = Signal(int, str)  # generation written (-1: discarded first), error text


def _write_in_background(job: _Job, guard: _Guard, relay: _Relay) -> None:
    """The writer thread's work: only the job, the guard and the relay, never the window's objects."""
    try:
        written = write_job(job, guard)
    except OSError as exc:
        relay.done.emit(job.generation, f"Autosave failed: {exc.strerror or exc}")
        return
    relay.done.emit(job.generation if written else -1, "")


class Autosave(QObject):
    """Keeps `document`'s unsaved plan in one file of `directory`, debounced and periodic.

    The timers write in the background (`write_soon`); `write_now` writes before it returns."""

    saved = Signal(object)  # Path
    failed = Signal(str)

    def __init__(self, document, directory: Path | None = None, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS, delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self.document = document
        self.directory = Path(directory) if directory else autosave_dir()
        token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = self.directory / f"{PREFIX}{token}.kmsplan"
        self.note_path = self.path.with_suffix(".json")
        self._lock: QLockFile | None = None
        self._written: Plan | None = None
        self._in_flight: list[Plan] = []  # the plans handed to the writer thread, oldest first
        self._guard = _Guard()
        # One writer thread of its own, so writes land in order. Created before the relay: a
        # QThreadPool waits for its work when it is destroyed, so the relay outlives any write.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._write_done)
        self._debounce = QTimer(self, singleShot=True, interval=delay_ms)
        self._debounce.timeout.connect(self.write_soon)
        self._periodic = QTimer(self, interval=interval_ms)
        self._periodic.timeout.connect(self.write_soon)
        self._periodic.start()
        document.planChanged.connect(lambda *_: self._debounce.start())
        document.modifiedChanged.connect(self._modified_changed)

    def set_delays(self, interval_ms: int, delay_ms: int) -> None:
        self._periodic.setInterval(interval_ms)
        self._debounce.setInterval(delay_ms)

    def _take_lock(self) -> bool:
        if self._lock is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            lock = QLockFile(str(self.path.with_suffix(".lock")))
            lock.setStaleLockTime(0)
            if not lock.tryLock(0):
                return False
            self._lock = lock
        return True

    def _job(self) -> _Job | None:
        """What to write now, or None if the autosave is up to date; OSError if it cannot lock."""
        doc = self.document
        if not doc.modified:
            return None
        if doc.plan == self._written and self.path.exists():
            return None
        if not self._take_lock():
            raise OSError(f"cannot lock {self.path.with_suffix('.lock')}")
        note = {"original": str(doc.path) if doc.path else None, "name": doc.plan.name,
                "saved_at": datetime.now().isoformat(timespec="seconds")}
        return _Job(self._guard.generation, doc.plan, self.path, self.note_path, json.dumps(note, indent=2) + "\n")

    def write_now(self) -> bool:
        """Write the plan before returning, if it has unsaved changes not yet autosaved; False if it failed."""
        self._pool.waitForDone()  # a background write of an older plan must not land after this one
        try:
            job = self._job()
            if job is None:
                return True
            written = write_job(job, self._guard)
        except OSError as exc:
            self.failed.emit(f"Autosave failed: {exc.strerror or exc}")
            return False
        if written:
            self._written = job.plan
            self.saved.emit(self.path)
        return True

    @Slot()
    def write_soon(self) -> None:
        """Hand the plan to the writer thread (what the timers do): the window does not wait."""
        if self._in_flight and self._in_flight[-1] == self.document.plan:
            return  # that very plan is being written
        try:
            job = self._job()
        except OSError as exc:
            self.failed.emit(f"Autosave failed: {exc.strerror or exc}")
            return
        if job is None:
            return
        self._in_flight.append(job.plan)
        guard, relay = self._guard, self._relay
        self._pool.start(lambda: _write_in_background(job, guard, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the writer thread is idle (for tests and for closing); False on time-out."""
        return self._pool.waitForDone(msecs)

    @Slot(int, str)
    def _write_done(self, generation: int, error: str) -> None:
        pending = self._in_flight.pop(0) if self._in_flight else None
        if error:
            self.failed.emit(error)
        elif generation == self._guard.generation and pending is not None:
            self._written = pending
            self.saved.emit(self.path)

    @property
    def busy(self) -> bool:
        """True while the writer thread has a plan in hand."""
        return bool(self._in_flight)

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def discard(self) -> None:
        """Delete the autosave (after a clean save, a revert or a close)."""
        self._debounce.stop()
        self._written = None
        with self._guard.lock:  # a write under way will not rename its file into place
            self._guard.generation += 1
            for path in (self.path, self.note_path):
                _remove(path)

    def close(self) -> None:
        """Stop autosaving and let go of the files: the window closed cleanly."""
        self._debounce.stop()
        self._periodic.stop()
        self.discard()
        self._pool.waitForDone()  # a write under way finishes (without renaming: discarded)
        self._in_flight.clear()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


@dataclass
class Orphan:
    """An autosave a crashed session left: its plan, the file it came from, when it was written."""

    path: Path
    original: Path | None
    name: str
    saved_at: str
    _lock: QLockFile

    def load(self) -> Plan:
        return planfile.load(self.path)

    def discard(self) -> None:
        for path in (self.path, self.path.with_suffix(".json")):
            try:
                path.unlink()
            except OSError:
                pass
        self._lock.unlock()

    def release(self) -> None:
        """Leave the files for a later start (the user chose neither recover nor discard)."""
        self._lock.unlock()


def find_orphans(directory: Path | None = None) -> list[Orphan]:
    """Autosaves whose session is gone (its lock is stale or missing), newest first."""
    directory = Path(directory) if directory else autosave_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in directory.glob(f"{PREFIX}*.kmsplan"):
        lock = QLockFile(str(path.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another window, still running, owns it
        note = {}
        try:
            note = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        original = note.get("original") if isinstance(note, dict) else None
        found.append(Orphan(path, Path(original) if original else None,
                            str(note.get("name", path.stem)) if isinstance(note, dict) else path.stem,
                            str(note.get("saved_at", "")) if isinstance(note, dict) else "", lock))
    found.sort(key=lambda o: o.path.stat().st_mtime if o.path.exists() else 0, reverse=True)
    return found
