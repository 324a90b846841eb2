"""Autosave unsaved work to the user's data folder, and find what a crashed session left behind.

Each running window owns one autosave file (plus a small JSON note naming the plan's own file)
and holds a lock file beside it; after a crash the lock is stale, so the next start can offer
the file back. Writes are atomic (core.atomic); a clean save or close deletes the autosave.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from core import planfile
from core.atomic import write_text_atomic
from core.plan import Plan

PREFIX = "autosave-"
INTERVAL_MS = 30_000  # a periodic save while there are unsaved changes
DELAY_MS = 2_000  # after an edit, once typing pauses


def autosave_dir() -> Path:
    """<user data folder>/autosave (QStandardPaths AppDataLocation)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)) / "autosave"


class Autosave(QObject):
    """Keeps `document`'s unsaved plan in one file of `directory`, debounced and periodic."""

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
        self._debounce = QTimer(self, singleShot=True, interval=delay_ms)
        self._debounce.timeout.connect(self.write_now)
        self._periodic = QTimer(self, interval=interval_ms)
        self._periodic.timeout.connect(self.write_now)
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

    def write_now(self) -> bool:
        """Write the plan now if it has unsaved changes not yet autosaved; False if it failed."""
        doc = self.document
        if not doc.modified:
            return True
        if doc.plan == self._written and self.path.exists():
            return True
        try:
            if not self._take_lock():
                raise OSError(f"cannot lock {self.path.with_suffix('.lock')}")
            note = {"original": str(doc.path) if doc.path else None, "name": doc.plan.name,
                    "saved_at": datetime.now().isoformat(timespec="seconds")}
            write_text_atomic(self.note_path, json.dumps(note, indent=2) + "\n")
            planfile.save(doc.plan, self.path)
        except OSError as exc:
            self.failed.emit(f"Autosave failed: {exc.strerror or exc}")
            return False
        self._written = doc.plan
        self.saved.emit(self.path)
        return True

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def discard(self) -> None:
        """Delete the autosave (after a clean save, a revert or a close)."""
        self._debounce.stop()
        self._written = None
        for path in (self.path, self.note_path):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def close(self) -> None:
        """Stop autosaving and let go of the files: the window closed cleanly."""
        self._debounce.stop()
        self._periodic.stop()
        self.discard()
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
