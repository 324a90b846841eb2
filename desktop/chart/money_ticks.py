"""The money axis's ticks and labels worked out for the one kind of axis it is, the same numbers
as pyqtgraph's to the bit.

pyqtgraph's AxisItem.generateDrawSpecs serves any axis (four sides, log scale, fixed ticks, three
levels of text tried for room): ~0.7 ms in the window for each new y range (a what-if step, most
edits), much of it numpy on a dozen values, pyqtgraph Points, and every label measured through the
painter and checked against a bounding rectangle worked out again for each. The money axis is on
the left, linear, with one level of text: `draw_specs` follows pyqtgraph's steps for that case
only, in the same order and with the same arithmetic, so the picture is the same; any other case
(`lean`) is left to pyqtgraph.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen

LABEL_FLAGS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip
_MEASURE_BOX = QRectF(0, 0, 100, 100)  # pyqtgraph measures each label in this box, centred
_TOP_OFFSET, _BOTTOM_OFFSET = QPointF(-1.0, -1.0), QPointF(-1.0, 1.0)  # the axis line past its ends


def lean(axis: pg.AxisItem) -> bool:
    """Whether draw_specs covers this axis as it is now set up."""
    style = axis.style
    return (axis.orientation == "left" and axis._tickLevels is None and not axis.logMode
            and style["tickAlpha"] is None and tuple(style["stopAxisAtTick"]) == (False, False)
            and style["maxTextLevel"] == 0)


def tick_levels(axis: pg.AxisItem, low: float, high: float, size: float) -> list[tuple[float, list[float]]]:
    """AxisItem.tickValues for a linear axis, in plain floats: each level's spacing and values,
    without the values of the levels above it (within 1 % of the level's spacing)."""
    low, high = sorted((low, high))
    scale = axis.scale
    low *= scale
    high *= scale
    levels, seen = [], []
    for spacing, offset in axis.tickSpacing(low, high, size):
        start = (math.ceil((low - offset) / spacing) * spacing) + offset
        near = spacing / scale * 0.01
        values = [(i * spacing + start) / scale for i in range(int((high - start) / spacing) + 1)]
        values = [v for v in values if not any(abs(s - v) <= near for s in seen)]
        seen += values
        levels.append((spacing / scale, values))
    return levels


class LabelSizes:
    """Each label's (width, height) as the painter measures it, per font and resolution: the
    same amounts come back step after step ("20,000", "40,000", ...)."""

    def __init__(self, limit: int = 256):
        self._sizes: dict[tuple, tuple[float, float]] = {}
        self._limit = limit

    def sizes(self, painter, texts: list[str]) -> list[tuple[float, float]]:
        device = painter.device()
        font = (painter.font().key(), device.logicalDpiX(), device.logicalDpiY())
        return [self._size(painter, font, text) for text in texts]

    def _size(self, painter, font: tuple, text: str) -> tuple[float, float]:
        size = self._sizes.get((font, text))
        if size is None:
            if len(self._sizes) >= self._limit:
                self._sizes.clear()
            rect = painter.boundingRect(_MEASURE_BOX, Qt.AlignmentFlag.AlignCenter, text)
            size = self._sizes[font, text] = (rect.width(), rect.height() * 0.8)  # pyqtgraph's 0.8: a bit too tall otherwise
        return size


def draw_specs(axis: pg.AxisItem, painter, sizes: LabelSizes):
    """(axis line, ticks, labels) as AxisItem.generateDrawSpecs gives them for a `lean` axis;
    None when it is not on screen yet."""
    style = axis.style
    if style["tickFont"] is not None:
        painter.setFont(style["tickFont"])
    bounds = axis.mapRectFromParent(axis.geometry())
    view = axis.linkedView()
    tick_bounds = bounds if view is None or axis.grid is False else view.mapRectToItem(axis, view.boundingRect())
    span = (bounds.topRight() + _TOP_OFFSET, bounds.bottomRight() + _BOTTOM_OFFSET)
    tick_start, tick_stop = tick_bounds.right(), bounds.right()
    device = axis.deviceTransform_()
    if device is None:
        return None
    length = device.map(span[1]) - device.map(span[0])
    length = math.hypot(length.x(), length.y())
    if length == 0:
        return None
    low, high = axis.range
    levels = tick_levels(axis, low, high, length)
    dif = high - low
    if dif == 0:
        x_scale, offset = 1, 0
    else:
        x_scale = -bounds.height() / dif
        offset = low * x_scale - bounds.height()
    ends = [low * x_scale - offset, high * x_scale - offset]
    x_min, x_max = min(ends), max(ends)

    positions, ticks = [], []
    tick_pen = axis.tickPen()
    for i, (_spacing, values) in enumerate(levels):
        alpha = 255 / (i + 1)
        if axis.grid is not False:
            alpha *= axis.grid / 255. * pg.functions.clip_scalar((0.05 * length / (len(values) + 1)), 0., 1.)
        pen = tick_pen
        if pen.brush().style() == Qt.BrushStyle.SolidPattern:  # only simple colour pens take the level's alpha
            pen = QPen(pen)
            color = pen.color()
            color.setAlpha(int(alpha))
            pen.setColor(color)
        tick_length = style["tickLength"] / ((i * 0.5) + 1.0)
        level = []
        for v in values:
            x = (v * x_scale) - offset
            if x < x_min or x > x_max:
                level.append(None)
                continue
            level.append(x)
            stop = tick_stop if axis.grid is not False else tick_stop - tick_length
            ticks.append((pen, QPointF(tick_start, x), QPointF(stop, x)))
        positions.append(level)
    axis_spec = (axis.pen(), span[0], span[1])
    if not style["showValues"]:
        return axis_spec, ticks, []

    labels, widest = [], 0
    spacing, values = levels[0]
    strings = axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, spacing)
    shown = [(x, s) for x, s in zip(positions[0], strings) if x is not None]
    shown = [(x, size, s) for (x, s), size in zip(shown, sizes.sizes(painter, [s for _x, s in shown]))]
    if shown:
        widest = max(w for _x, (w, _h), _s in shown)
        right = tick_stop - (max(0, style["tickLength"]) + style["tickTextOffset"][0])
        room = axis.boundingRect()
        for x, (w, h), text in shown:
            rect = QRectF(right - w, x - (h / 2), w, h)
            if room & rect == rect:  # a label sticking out of the axis is left out
                labels.append((rect, LABEL_FLAGS, text))
    axis._updateMaxTextSize(widest)
    return axis_spec, ticks, labels
