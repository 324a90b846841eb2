"""Settings the File menu keeps (recent files, last folder): seen at once, written a moment later.

Writing QSettings to disk (`sync()`: the whole file rewritten and flushed, ~3-13 ms, holding the
GIL, so a worker thread would block the window as long) made File > Open miss a frame. Values set
here are what `value()` answers at once; they reach the disk DELAY_MS later in one write, or when
the app quits or a window closes (`flush()`), so quitting right after opening keeps them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QTimer

from desktop.app_identity import settings

DELAY_MS = 1000
_pending: dict[str, dict[str, Any]] = {}  # settings file -> key -> value not yet written
_quit_hooked: set[int] = set()  # the applications whose aboutToQuit flushes


def value(key: str, default: Any = None) -> Any:
    """The setting as last set in this process, written or not."""
    store = settings()
    pending = _pending.get(store.fileName(), {})
    return pending[key] if key in pending else store.value(key, default)


def set_value(key: str, value: Any) -> None:
    """Keep `value` now; write it to the settings file within DELAY_MS (or at quit)."""
    if not _pending:
        QTimer.singleShot(DELAY_MS, flush)
        app = QCoreApplication.instance()
        if app is not None and id(app) not in _quit_hooked:
            _quit_hooked.add(id(app))
            app.aboutToQuit.connect(flush)
    _pending.setdefault(settings().fileName(), {})[key] = value


def flush() -> None:
    """Write every pending value to its settings file now."""
    while _pending:
        name, values = _pending.popitem()
        store = QSettings(name, QSettings.NativeFormat)
        for key, item in values.items():
            store.setValue(key, item)
        store.sync()
