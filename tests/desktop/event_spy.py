"""An event filter for tests that must show what a widget did not do (lay out, repaint): it
records the objects that received one kind of event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class EventSpy(QObject):
    """Install on a widget; `seen` lists the objects that received an event of `kind`, in order."""

    def __init__(self, kind: QEvent.Type = QEvent.LayoutRequest):
        super().__init__()
        self.kind = kind
        self.seen: list[QObject] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == self.kind:
            self.seen.append(watched)
        return False
