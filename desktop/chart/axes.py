"""The chart's two axes: months (YYYY-MM at index positions) and money (grouped thousands)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QPaintEngine, QPainter, QPicture

from desktop.chart import money_ticks


def nice_ceiling(value: float) -> float:
    """The next round number at or above value: 139,407 -> 140,000; 0.837 -> 0.84 (drawing only)."""
    if value <= 0:
        return value
    step = 10 ** math.floor(math.log10(value)) / 10
    return math.ceil(value / step - 1e-9) * step


def paint_clipped(axis: pg.AxisItem, painter: QPainter, option, widget) -> None:
    """Paint an axis within a rectangle clip a little larger than its bounds: Qt's raster engine
    draws a thin translucent line (the grid's) a pixel at a time through a span function unless the
    painter has a rectangle clip, and straight into the pixels when it has one (~4x faster, the same
    pixels). The clip takes nothing away: the axis draws within its bounds (its line reaches 1.5 px
    past them) and its cache holds no more. A vector painter (SVG, PDF) is left as it was."""
    if painter.paintEngine().type() != QPaintEngine.Raster:
        axis.paint_unclipped(painter, option, widget)
        return
    painter.save()
    try:
        painter.setClipRect(axis.boundingRect().adjusted(-8, -8, 8, 8), Qt.IntersectClip)
        axis.paint_unclipped(painter, option, widget)
    finally:
        painter.restore()


class ChartAxis(pg.AxisItem):
    """What both axes share: painted within a clip (paint_clipped), and their labels drawn when
    asked (draw_labels), before the paint."""

    def paint(self, painter, option, widget=None):
        paint_clipped(self, painter, option, widget)

    def paint_unclipped(self, painter, option, widget=None):
        super().paint(painter, option, widget)

    def draw_labels(self) -> None:
        """Measure and draw the tick labels now, as paint would: a label that needs more room lays
        the plot out again before the window paints, not in a second paint after it (nor, for a
        picture taken at once, after the picture)."""
        if self.picture is not None:
            return
        picture = QPicture()
        painter = QPainter(picture)
        try:
            if self.style["tickFont"]:
                painter.setFont(self.style["tickFont"])
            specs = self.generateDrawSpecs(painter)
            if specs is not None:
                self.drawPicture(painter, *specs)
        finally:
            painter.end()
        if specs is not None:  # None: not on screen yet, paint draws it
            self.picture = picture


class MonthAxis(ChartAxis):
    """Tick labels are the plan's months (YYYY-MM) at index positions, never closer together than
    one label needs (`min_spacing` raises that for large type on a slide or a page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.months: tuple[str, ...] = ()
        self.min_spacing = 0.0

    def tickStrings(self, values, scale, spacing):
        out = []
        for v in values:
            i = int(round(v))
            out.append(self.months[i] if 0 <= i < len(self.months) and abs(v - i) < 1e-6 else "")
        return out

    def _label_width(self) -> float:
        return QFontMetrics(self.style.get("tickFont") or QFont()).horizontalAdvance("2027-07")

    def label_spacing(self) -> float:
        """Pixels one month label needs: its width in the tick font plus a gap (90 px at 10 pt)."""
        return max(90.0, self._label_width() * 1.35, self.min_spacing)

    def boundingRect(self):
        # pyqtgraph drops a label that sticks out of the axis, so the first month (centred on the
        # plot's left edge) never had one: let labels reach into the empty corner under the money
        # axis, and as far right as the plot item leaves room for.
        rect = super().boundingRect()
        if self.orientation != "bottom":
            return rect
        half = self._label_width() / 2 + 2
        geometry = self.geometry()
        parent = self.parentWidget()
        right_room = parent.width() - geometry.right() if parent is not None else 0.0
        return rect.adjusted(-min(half, max(0.0, geometry.left())), 0, min(half, max(0.0, right_room)), 0)

    def tickValues(self, minVal, maxVal, size):
        n = len(self.months)
        if not n:
            return []
        span = max(1, int(maxVal - minVal))
        fits = max(2, size / self.label_spacing())
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if span / s <= fits), 60)
        first = max(0, int(np.ceil(minVal / step) * step))
        return [(step, list(range(first, min(n - 1, int(maxVal)) + 1, step)))]


class MoneyAxis(ChartAxis):
    """Amounts with grouped thousands (120,000 rather than 120000 or 1.2e5); cents only when the
    ticks are closer than one unit. Labels are for drawing; amounts shown as text come from core."""

    label_gap = 4.0  # px between the axis title and the widest tick label

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)
        # Labels on major ticks only (minor ones still draw grid lines), a little denser than the
        # default: 0, 20,000, 40,000 ... rather than a label on every 10,000.
        # Grid lines for major and minor ticks only: pyqtgraph's third level adds ~50 translucent
        # full-width lines that cost ~8 ms a draw in the raster engine and add nothing to read.
        self.setStyle(maxTextLevel=0, maxTickLevel=1)
        self.setTickDensity(1.5)
        self._label_sizes = money_ticks.LabelSizes()

    def generateDrawSpecs(self, p):
        if not money_ticks.lean(self):
            return super().generateDrawSpecs(p)
        return money_ticks.draw_specs(self, p, self._label_sizes)

    def _updateWidth(self):
        # pyqtgraph reserves 0.8 x the title's height and nudges it 5 px outwards, so the title can
        # touch (with large type, overlap) the tick labels: reserve its full height plus a gap. Set
        # once: pyqtgraph's width then ours changed the plot's layout on every measuring paint.
        if not (self.isVisible() and self.fixedWidth is None and self.label.isVisible()):
            super()._updateWidth()
            return
        style = self.style
        width = (self.textWidth if style["autoExpandTextSpace"] else style["tickTextWidth"]) if style["showValues"] else 0
        width += style["tickTextOffset"][0] if style["showValues"] else 0
        width += max(0, style["tickLength"])
        title = self.label.boundingRect().height()
        width = width + title * 0.8 + title * 0.2 + self.label_gap  # pyqtgraph's share, then the rest
        self.setMaximumWidth(width)
        self.setMinimumWidth(width)
        self.picture = None

    def _updateLabel(self):
        # pyqtgraph centres the title only when the axis is resized: a shorter title (the chart
        # picks the longest that fits) stayed where the longer one began.
        super()._updateLabel()
        self.resizeEvent()

    def tickStrings(self, values, scale, spacing):
        places = 0 if spacing >= 1 else min(4, max(1, math.ceil(-math.log10(spacing))))
        return [f"{v * scale:,.{places}f}" for v in values]
