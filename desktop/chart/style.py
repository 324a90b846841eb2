"""How the chart looks: its colours, fonts and pens, in one place for the window, presentation
mode and the exports.

The chart is deliberately light (white plot, dark text, a grey border) whatever the desktop
theme: the option colours are chosen for a white background, and a picture pasted into slides
or printed should look like the window. Every colour below is one of that light scheme.
"""

from __future__ import annotations

from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPen

BACKGROUND = "#ffffff"
TEXT = "#222222"
AXIS_TEXT = "#222222"
MUTED = "#555555"
GREY = "#9a9a9a"  # options with no figure at all: legend text and pen
BORDER = "#888888"
CROSSHAIR = "#555555"
GRID_ALPHA = 0.15

# Dash patterns in units of the pen's width. A curve that is not a plain total is never solid:
# "lower bound" (a needed price is unknown) in long dashes, "reference" (cannot be ranked) dash-dot.
FIGURE_DASHES = {
    "total": None,
    "lower-bound": [4.0, 2.0],
    "reference": [5.0, 2.0, 1.0, 2.0],
    "none": [1.0, 2.0],
}
# A solid curve that lies exactly on an earlier one is drawn dashed, so the one below shows
# through its gaps: both colours stay visible.
COVERING_DASHES = [3.0, 3.0]


def font(points: float, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(float(points))
    f.setBold(bold)
    return f


def line_width(font_points: float) -> float:
    """The curves' width in logical pixels for type of `font_points` (thicker for large type)."""
    return 2.5 if font_points < 14 else 5.0


@lru_cache(maxsize=256)  # a redraw per edit asks for the same few pens (never modified: setData copies them)
def curve_pen(colour: str, width: float, figure_kind: str = "total", *, covering: bool = False) -> QPen:
    """The pen of one option's curve: solid for a total, dashed when it is a lower bound or a
    reference figure, dashed too when it covers an identical curve drawn before it."""
    pen = pg.mkPen(colour, width=width)
    pen.setCapStyle(Qt.FlatCap)
    dashes = FIGURE_DASHES.get(figure_kind) or (COVERING_DASHES if covering else None)
    if dashes:
        pen.setDashPattern(dashes)
        if covering:
            pen.setDashOffset(dashes[0])  # start with a gap: the curve below shows from the first point
    return pen


def is_dashed(pen: QPen) -> bool:
    return pen.style() != Qt.SolidLine
