"""The recently opened plans, most recent first, kept in the user's settings (written a moment
later, off the frame that shows an opened plan: desktop/deferred_settings.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop import deferred_settings

KEY = "recentFiles"
MAX_RECENT = 8


class RecentFiles(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None, limit: int = MAX_RECENT):
        super().__init__(parent)
        self.limit = limit

    def paths(self) -> list[Path]:
        value = deferred_settings.value(KEY, [])
        if isinstance(value, str):  # QSettings returns a lone string for one-item lists
            value = [value]
        return [Path(p) for p in (value or []) if p]

    def add(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.paths() if p != path]
        self._store(paths[: self.limit])

    def remove(self, path: Path) -> None:
        self._store([p for p in self.paths() if p != Path(path)])

    def clear(self) -> None:
        self._store([])

    def _store(self, paths: list[Path]) -> None:
        deferred_settings.set_value(KEY, [str(p) for p in paths])
        self.changed.emit()
