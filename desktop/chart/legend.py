"""The legend: a band of its own above the plot (never over a curve), in as many columns as fit.

Each entry draws its curve's pen, so a dashed "lower bound" or "reference" curve has a dashed
sample and its status in its name; options with no figure at all are greyed.
"""

from __future__ import annotations

from typing import NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen

from desktop.chart.style import GREY

LEGEND_OFFSET = (8, 4)  # px: the legend band's inset from the plot's left edge, and its top margin
LEGEND_GAP = 6  # px between the legend band and the plot
ENTRY_GAP = 18  # px between one legend entry and the next in a row (at 10 pt; grows with the type)
LEGEND_ROOM = 3.0  # the legend shows only where the plot is at least this many legends tall
LEGEND_ROOM_ALL = 5.0  # ... and names the options without a figure only where it is this many


class LegendEntry(NamedTuple):
    option_id: str
    name: str
    tip: str
    pen: QPen
    has_figure: bool  # False: nothing is drawn for it (no price at all); greyed, dropped first
    short: str = ""  # the name without its status, where the full names do not fit (the dashes stay)

    def shortened(self) -> "LegendEntry":
        return self._replace(name=self.short or self.name)


class LineSample(pg.ItemSample):
    """A legend entry's line, as long as the type is large (pyqtgraph's is 20 px at any size),
    drawn with the entry's own pen. Clicking it does nothing: the summary's ticks show and hide
    curves, and stay in step."""

    def __init__(self, item):
        super().__init__(item)
        self._length = 20.0
        self.pen: QPen | None = None

    def set_length(self, px: float) -> None:
        if px != self._length:
            self.prepareGeometryChange()
            self._length = px
            self.setFixedWidth(px)
            self.update()

    def boundingRect(self):
        return QRectF(0, 0, self._length, 20)

    def paint(self, p, *args):
        p.setRenderHint(p.RenderHint.Antialiasing)
        p.setPen(self.pen if self.pen is not None else pg.mkPen(self.item.opts["pen"]))
        p.drawLine(QPointF(1, 11), QPointF(self._length - 1, 11))

    def mouseClickEvent(self, event):
        event.ignore()


class BandLegend(pg.LegendItem):
    """A legend laid out in its own row above the plot (the plot item's top-axis row), sized to
    its entries: the curves below keep the whole plot, and nothing is drawn over them."""

    def __init__(self, **kwargs):
        super().__init__(sampleType=LineSample, **kwargs)
        self._band = (0.0, 0.0)
        self.entry_gap = ENTRY_GAP
        self.sample_length = 20.0
        self._entries: tuple[LegendEntry, ...] = ()
        self._fit_key: tuple = ()
        self._fitting = False

    def addItem(self, item, name):
        super().addItem(item, name)
        self.items[-1][0].set_length(self.sample_length)

    def set_sample_length(self, px: float) -> None:
        self.sample_length = px
        for sample, _label in self.items:
            sample.set_length(px)

    def updateSize(self):
        for col in range(1, self.layout.columnCount() - 1, 2):  # after each label: room before the next entry
            self.layout.setColumnSpacing(col, self.entry_gap)
        self.layout.invalidate()
        hint = self.layout.effectiveSizeHint(Qt.PreferredSize)  # the entries' own size, not the last guess
        left, top, right, bottom = self.layout.getContentsMargins()
        width, height = (hint.width() - left - right, hint.height() - top - bottom) if self.items else (0.0, 0.0)
        self._band = (width, height)
        self._apply_band()

    def _apply_band(self) -> None:
        width, height = self._band
        if not self.isVisible() or not self.items:
            width = height = 0.0
        band = height + LEGEND_OFFSET[1] + LEGEND_GAP if height else 0.0
        # No minimum width: a legend wider than the plot must never widen the plot's column (past
        # the picture's edge); fit() picks the columns that fit instead.
        self.setMinimumSize(0, band)
        self.setPreferredSize(width, band)
        self.setMaximumSize(width, band)
        self.resize(min(width, self.width()) if self.width() else width, band)
        self.layout.setContentsMargins(0, LEGEND_OFFSET[1] if height else 0, 0, LEGEND_GAP if height else 0)
        self.updateGeometry()

    def content_height(self) -> float:
        """The entries' height (without the band's margins), whether or not shown."""
        return self._band[1]

    def content_width(self) -> float:
        return self._band[0]

    def band_height(self) -> float:
        """The entries' height with the band's margins: what the legend takes from the plot."""
        return self.content_height() + LEGEND_OFFSET[1] + LEGEND_GAP

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self._apply_band()

    def boundingRect(self):
        return QRectF(0, 0, self.width(), self.height())

    def set_entries(self, entries: tuple[LegendEntry, ...], curves) -> None:
        """Show these entries (`curves`: option id -> its PlotDataItem), if they changed."""
        if entries == self._entries:
            return
        if _laid_out(entries) == _laid_out(self._entries):
            self._set_tips(entries)  # a tooltip's figures changed (an edit): nothing to lay out again
            return
        self._entries = entries
        self.clear()
        for entry in entries:
            self.addItem(curves[entry.option_id], entry.name)
            sample, label = self.items[-1]
            sample.pen = entry.pen
            label.setToolTip(entry.tip)
            if not entry.has_figure:
                label.setText(entry.name, color=GREY)

    def _set_tips(self, entries: tuple[LegendEntry, ...]) -> None:
        """The shown entries with new tooltips (the same entries otherwise)."""
        for (_sample, label), old, new in zip(self.items, self._entries, entries):
            if old.tip != new.tip:
                label.setToolTip(new.tip)
        self._entries = entries

    def fit(self, wanted: tuple[LegendEntry, ...], curves, room: float, height: float, font_points: float) -> bool:
        """The legend that fits `room` pixels of width over a plot `height` pixels tall: every
        entry where the plot is tall enough, else only the options drawn (the summary names the
        rest), else none; in as many columns (3, 2 or 1) as the width allows.

        False when there was nothing new to fit: trying the candidates re-lays the legend, which
        resizes it and asks for a fit again; without this the two would chase each other."""
        key = (round(room), round(height), _laid_out(wanted), font_points)
        if self._fitting:
            return False
        if key == self._fit_key:
            # The same entries but for their tooltips (which quote the plan's figures): rebuilding and
            # re-fitting the legend on every edit cost ~10 ms on a plan whose tips name a key count.
            tips = {e.option_id: e.tip for e in wanted}
            self._set_tips(tuple(e._replace(tip=tips.get(e.option_id, e.tip)) for e in self._entries))
            return False
        self._fit_key = key
        self._fitting = True
        try:
            drawn = tuple(e for e in wanted if e.has_figure)
            candidates = [wanted, tuple(e.shortened() for e in wanted)]
            if drawn != wanted:
                candidates += [drawn, tuple(e.shortened() for e in drawn)]
            show = False
            # Two or three columns of shorter names read better than one tall column of long ones.
            for min_columns in (2, 1):
                for i, entries in enumerate(candidates):
                    if entries in candidates[:i]:
                        continue
                    show = self._try(entries, curves, room, height, min_columns)
                    if show or not entries:
                        break
                if show:
                    break
            if show != self.isVisible():
                self.setVisible(show)
        finally:
            self._fitting = False
        return True

    def _try(self, entries, curves, room: float, height: float, min_columns: int) -> bool:
        """Lay out `entries` in the most columns (3, 2, 1) that fit `room`; True if that fits
        the width with at least `min_columns` columns (fewer when there are fewer entries) and
        leaves the plot tall enough."""
        self.set_entries(entries, curves)
        if not entries:
            return False
        for columns in (3, 2, 1):
            if self.columnCount != columns:
                self.setColumnCount(columns)
            self.updateSize()
            if room <= 0 or self.content_width() <= room:
                break
        if self.columnCount < min(min_columns, len(entries)) or (room > 0 and self.content_width() > room):
            return False
        room_needed = LEGEND_ROOM if all(e.has_figure for e in entries) else LEGEND_ROOM_ALL
        return height <= 0 or height >= room_needed * self.band_height()


def _laid_out(entries: tuple[LegendEntry, ...]) -> tuple[LegendEntry, ...]:
    """What the legend's layout depends on: the entries without their tooltips."""
    return tuple(e._replace(tip="") for e in entries)
