"""The chart paints the same picture for less: the axes draw their grid within a clip of their own
bounds (Qt's raster engine then writes thin translucent lines straight into the pixels, instead of
a pixel at a time through a span function), and scatters with nothing to show are hidden (an empty
one still cost ~0.15 ms a paint)."""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPicture

from core.compare import compare
from core.planfile import load
from core.sweep import WhatIf

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _plan():
    return load(SAMPLES / "growing-saas.kmsplan")



def _painted(axis, paint, dx: float, dy: float) -> QImage:
    rect = axis.boundingRect().toAlignedRect().adjusted(-2, -2, 2, 2)
    image = QImage(rect.width(), rect.height(), QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(-rect.left() + dx, -rect.top() + dy)
    paint(painter, None, None)
    painter.end()
    return image


@pytest.mark.parametrize("whatif", [WhatIf(), WhatIf(keys_factor=Decimal("2.5")), WhatIf(calls_factor=Decimal("7.5"))])
def test_the_axes_paint_the_same_pixels_within_their_clip(chart, whatif):
    chart.set_comparison(compare(_plan(), whatif=whatif))
    for axis in (chart.money_axis, chart.axis):
        for dx, dy in ((0, 0), (0.25, 0.5), (0.5, 0.75), (0.75, 0.25), (0.5, 0.5)):  # fractional translations too
            clipped, unclipped = _painted(axis, axis.paint, dx, dy), _painted(axis, axis.paint_unclipped, dx, dy)
            assert clipped == unclipped, (axis.orientation, dx, dy)
            assert clipped != _painted(axis, lambda *_args: None, dx, dy)  # something was drawn


def test_a_raster_painter_gets_a_rectangle_clip_and_keeps_its_own(chart, monkeypatch):
    """The raster engine's fast path for thin lines needs a rectangle clip; a clip the painter
    had (an exposed part of the view) still holds, and is back after the axis painted."""
    axis = chart.money_axis
    seen = []
    monkeypatch.setattr(axis, "paint_unclipped", lambda painter, *_a: seen.append(
        (painter.hasClipping(), painter.clipRegion().rectCount(), painter.clipBoundingRect())))
    image = QImage(1000, 600, QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    axis.paint(painter, None, None)
    painter.setClipRect(QRectF(10, 10, 50, 40))
    axis.paint(painter, None, None)
    assert painter.clipBoundingRect() == QRectF(10, 10, 50, 40)
    painter.end()
    assert seen[0][:2] == (True, 1)
    assert seen[0][2].contains(axis.boundingRect())
    assert seen[1][2] == QRectF(10, 10, 50, 40)


def test_a_vector_painter_gets_no_clip(chart, monkeypatch):
    """SVG and PDF keep their elements as they were: no clip group around the grid."""
    axis = chart.money_axis
    seen = []
    monkeypatch.setattr(axis, "paint_unclipped", lambda painter, *_a: seen.append(painter.hasClipping()))
    picture = QPicture()
    painter = QPainter(picture)
    axis.paint(painter, None, None)
    painter.end()
    assert seen == [False]


def test_scatters_with_nothing_to_show_are_hidden(chart):
    from tests.desktop.test_cost_chart import priced

    assert chart.break_even_points() == []
    assert not chart.break_evens.scatter.isVisible()
    assert not chart.crosshair.dots.isVisible()
    chart.set_comparison(compare(priced(_plan())))  # two break-evens
    assert chart.break_even_points() and chart.break_evens.scatter.isVisible()
    assert len(chart.break_evens.scatter.data) == len(chart.break_even_points())
    chart.show_month(12)
    assert chart.crosshair.dots.isVisible()
    assert len(chart.crosshair.dots.data) == len(chart.visible_ids())
    chart.show_month(-1)
    assert not chart.crosshair.dots.isVisible()
    chart.set_mode("monthly")  # no break-evens on a monthly chart
    assert not chart.break_evens.scatter.isVisible()
    chart.set_mode("cumulative")
    assert chart.break_evens.scatter.isVisible()


@pytest.mark.parametrize("points", [10, 24])
def test_a_picture_taken_at_once_has_the_axes_final_layout(qtbot, points):
    """Both axes' labels are measured before the first paint (the month labels' height too): the
    plot laid out for them, and the legend fitted to that plot, before a picture is taken at once
    (an export); painting then moves nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.chart import CostChart

    chart = CostChart()
    qtbot.addWidget(chart)
    chart.setAttribute(Qt.WA_DontShowOnScreen, True)
    chart.resize(1600, 900)
    chart.set_font_size(points)
    chart.set_comparison(compare(_plan()))
    chart.show()
    QApplication.processEvents()
    assert chart.axis.picture is not None and chart.money_axis.picture is not None
    laid_out = (chart.view_box.sceneBoundingRect(), chart.axis.height(), [label.text for _s, label in chart.legend.items])
    chart.grab()
    QApplication.processEvents()
    assert (chart.view_box.sceneBoundingRect(), chart.axis.height(),
            [label.text for _s, label in chart.legend.items]) == laid_out
