"""A line of text that changes with every edit without laying out the whole window again.

QLabel.setText asks the layouts above it to recompute, up to the main window, which then
repaints everything under its toolbar (~5 ms after each edit, for the inventory's totals line),
even when the new text needs the very same room. Here the label sits in a box without a layout:
its request stops at the box, which passes it on only when what the layout reads from the label
changed (its minimum, its height at the box's width, or a width beyond the share it has).

Weighing a rich text takes four layouts of it (~0.2 ms each). When every digit of the label's
font is as wide as the others, a text whose digits alone changed weighs what the last one did: its
"shape" (desktop.views.digit_shape) is compared instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget

from desktop.views.digit_shape import digit_shape, even_digits


class SteadyLabel(QWidget):
    """Holds `label` (a QLabel: set its text, format and word wrap as usual), as large as itself."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self._needs: tuple | None = None  # what the layout last read; None: not laid out yet
        self._weighed: tuple | None = None  # the shape and settings those needs were weighed for

    def setWordWrap(self, on: bool) -> None:
        self.label.setWordWrap(on)
        self.setSizePolicy(self.label.sizePolicy())  # wrapped: a height for each width

    def settle(self) -> None:
        """Weigh a new text and lay it out now (a window with desktop.before_paint does so before
        it paints; this is for one that does not)."""
        QCoreApplication.sendPostedEvents(self, QEvent.LayoutRequest)

    def _now_needs(self) -> tuple:
        hint, width, floor = self.label.sizeHint(), self.width(), self.minimumWidth()
        least = self.label.minimumSizeHint()
        # A minimum width set on the box is what the layout reads instead of the label's own (and the
        # least it hints); the row gives this box its share of the width: the text's own width
        # matters only beyond it.
        wanted = max(hint.width(), floor)
        return (floor or least.width(), least.height(), self.label.heightForWidth(width), hint.height(),
                wanted if wanted >= width else None)

    def _shape(self) -> tuple | None:
        """What the needs depend on, with the text's digits left out; None: the digits count."""
        label = self.label
        font = label.font()
        if not even_digits(font):
            return None
        return (digit_shape(label.text(), rich=True), font.key(), label.textFormat(), label.wordWrap(),
                label.margin(), label.indent(), self.width(), self.minimumWidth())

    def _weigh(self) -> tuple:
        """The needs of the text now: weighed again only when its shape differs from the last one's."""
        shape = self._shape()
        if shape is None or shape != self._weighed or self._needs is None:
            self._weighed = shape
            return self._now_needs()
        return self._needs

    def event(self, event) -> bool:
        if event.type() == QEvent.LayoutRequest:  # the label's text changed
            needs = self._weigh()
            if needs != self._needs:
                self._needs = needs
                self.updateGeometry()
            # The new text laid out now: laid out while painting, the rich text asked for a repaint
            # of the line, which Qt makes in a paint pass of its own after the one under way.
            self.label.heightForWidth(self.label.width())
            return True
        return super().event(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.StyleChange:  # texts may weigh differently now
            self._weighed = None
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(self.rect())
        self._weighed = self._shape()
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
