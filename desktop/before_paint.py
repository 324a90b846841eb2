"""Layouts settled before a window paints, so that one change paints once.

Qt answers posted events in the order they were posted. A change that first updates a view (its
repaint request is posted) and then shows, hides or re-words a widget (its layout request is
posted after) was painted with the old layout, laid out, and painted again a moment later: the
what-if notice showing on the first slider step, the headline weighing its new words. Here the
window's paint request first sends every layout request waiting, then the hooks that settle what
the layouts moved (the chart's scene), and only then paints: everything in one pass.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from shiboken6 import isValid

_UPDATE_REQUEST = QEvent.UpdateRequest
_LAYOUT_REQUEST = QEvent.LayoutRequest
_UPDATE_LATER = QEvent.UpdateLater
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
_ROUNDS = 4  # a label in a box in a pane in a window


class BeforePaint(QObject):
    """On a window's paint request: the posted layout requests, then `hooks` in the order added
    (a hook that is a method of a Qt object deleted since is dropped)."""

    def __init__(self, window):
        super().__init__(window)
        self.hooks: list[Callable[[], None]] = []
        window.installEventFilter(self)

    def add(self, hook: Callable[[], None]) -> None:
        if hook not in self.hooks:
            self.hooks.append(hook)

    def discard(self, hook: Callable[[], None]) -> None:
        if hook in self.hooks:
            self.hooks.remove(hook)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == _UPDATE_REQUEST:
            # A layout's answer may ask its parent's layout again: a few rounds, each cheap when
            # nothing waits. Then the repaints that showing a widget posts (UpdateLater).
            for _ in range(_ROUNDS):
                QCoreApplication.sendPostedEvents(None, _LAYOUT_REQUEST)
            QCoreApplication.sendPostedEvents(None, _UPDATE_LATER)
            for hook in tuple(self.hooks):
                owner = getattr(hook, "__self__", None)
                if isinstance(owner, QObject) and not isValid(owner):
                    self.hooks.remove(hook)
                    continue
                hook()
        return False


def before_paint(window) -> BeforePaint:
    """The window's BeforePaint, made on first use (one per window)."""
    found = window.findChild(BeforePaint, "", _DIRECT)
    return found if found is not None else BeforePaint(window)
