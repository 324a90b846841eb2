"""A line of text that changes with every edit without laying out the whole window again.

QLabel.setText asks the layouts above it to recompute, up to the main window, which then
repaints everything under its toolbar (~5 ms after each edit, for the inventory's totals line),
even when the new text needs the very same room. Here the label sits in a box without a layout:
its request stops at the box, which passes it on only when what the layout reads from the label
changed (its minimum, its height at the box's width, or a width beyond the share it has).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QWidget):
    """Holds `label` (a QLabel: set its text, format and word wrap as usual), as large as itself."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self._needs: tuple | None = None  # what the layout last read; None: not laid out yet

    def setWordWrap(self, on: bool) -> None:
        self.label.setWordWrap(on)
        self.setSizePolicy(self.label.sizePolicy())  # wrapped: a height for each width

    def _now_needs(self) -> tuple:
        hint, width, floor = self.label.sizeHint(), self.width(), self.minimumWidth()
        least = self.label.minimumSizeHint()
        # A minimum width set on the box is what the layout reads instead of the label's own (and the
        # least it hints); the row gives this box its share of the width: the text's own width
        # matters only beyond it.
        wanted = max(hint.width(), floor)
        return (floor or least.width(), least.height(), self.label.heightForWidth(width), hint.height(),
                wanted if wanted >= width else None)

    def event(self, event) -> bool:
        if event.type() == QEvent.LayoutRequest:  # the label's text changed
            needs = self._now_needs()
            if needs != self._needs:
                self._needs = needs
                self.updateGeometry()
            return True
        return super().event(event)

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(self.rect())
        self._needs = self._now_needs()
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)
