"""The money axis works out its ticks and labels on a path of its own (desktop/chart/money_ticks.py)
and must draw exactly what pyqtgraph's general one draws: the same tick values, the same picture,
the same pixels in the chart; an axis set up otherwise is left to pyqtgraph."""

import random
from decimal import Decimal
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter, QPicture

from core.compare import compare
from core.planfile import load
from core.sweep import WhatIf
from desktop.chart import money_ticks

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _plan():
    return load(SAMPLES / "growing-saas.kmsplan")


def _picture(axis, specs_of) -> tuple[QImage, tuple]:
    """The axis drawn by `specs_of(axis, painter)` (into a picture, as the axis draws, then played
    into an image), and the specs it drew."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        painter.setFont(axis.style["tickFont"])
        specs = specs_of(axis, painter)
        axis.drawPicture(painter, *specs)
    finally:
        painter.end()
    rect = axis.boundingRect().toAlignedRect().adjusted(-4, -4, 4, 4)
    image = QImage(rect.width(), rect.height(), QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(-rect.left(), -rect.top())
    picture.play(painter)
    painter.end()
    return image, specs


def _general(axis, painter):
    return pg.AxisItem.generateDrawSpecs(axis, painter)


def _xy(point) -> tuple[float, float]:
    return point.x(), point.y()


def _comparable(specs) -> tuple:
    (pen, start, end), ticks, labels = specs
    return ((pen, _xy(start), _xy(end)), [(pen, _xy(a), _xy(b)) for pen, a, b in ticks],
            [(rect, int(flags), text) for rect, flags, text in labels])


def test_tick_values_are_pyqtgraphs(qapp):
    axis = pg.AxisItem("left")
    axis.setStyle(maxTickLevel=1)
    axis.setTickDensity(1.5)
    rng = random.Random(7)
    cases = [(0.0, 1.0, 300.0), (-3046.2, 101_000.0, 236.5), (-0.03, 0.84, 500.0), (-12.0, 0.0, 80.0)]
    for _ in range(400):
        top = 10 ** rng.uniform(-2, 9) * rng.uniform(1, 9.9)
        cases.append((-top * rng.uniform(0, 0.2), top, rng.uniform(40, 2400)))
    for low, high, size in cases:
        assert money_ticks.tick_levels(axis, low, high, size) == axis.tickValues(low, high, size), (low, high, size)


@pytest.mark.parametrize("whatif", [WhatIf(), WhatIf(keys_factor=Decimal("2.5")), WhatIf(calls_factor=Decimal("40")),
                                    WhatIf(growth_delta_pct=Decimal(8))])
@pytest.mark.parametrize("mode", ["cumulative", "monthly"])
def test_the_labels_are_drawn_as_pyqtgraph_draws_them(chart, whatif, mode):
    axis = chart.money_axis
    chart.set_mode(mode)
    chart.set_comparison(compare(_plan(), whatif=whatif))
    assert money_ticks.lean(axis)
    for points, size in ((10, (900, 500)), (16, (700, 420)), (8, (1300, 300))):
        chart.set_font_size(points)
        chart.resize(*size)
        chart.view_box.sigResized.emit(chart.view_box)
        general, general_specs = _picture(axis, _general)
        own, own_specs = _picture(axis, type(axis).generateDrawSpecs)
        assert _comparable(own_specs) == _comparable(general_specs)
        assert own == general  # the same pixels (the pictures record the font at another point)
        assert own_specs[2]  # labels drawn


def test_the_chart_shows_the_same_pixels(chart, monkeypatch):
    def grabbed():
        chart.money_axis.picture = None
        chart.money_axis.update()
        return chart.grab().toImage()

    for whatif in (WhatIf(), WhatIf(keys_factor=Decimal("7.5"))):
        chart.set_comparison(compare(_plan(), whatif=whatif))
        own = grabbed()
        with monkeypatch.context() as m:
            m.setattr(money_ticks, "lean", lambda axis: False)
            general = grabbed()
        assert own == general


def test_an_axis_set_up_otherwise_is_left_to_pyqtgraph(chart, monkeypatch):
    axis = chart.money_axis
    own = []
    monkeypatch.setattr(money_ticks, "draw_specs", lambda *args: own.append(args))
    axis.setStyle(stopAxisAtTick=(True, True))
    assert not money_ticks.lean(axis)
    _picture(axis, type(axis).generateDrawSpecs)
    assert not own
    axis.setStyle(stopAxisAtTick=(False, False))
    axis.setTicks([[(0, "zero"), (50_000, "fifty")]])
    assert not money_ticks.lean(axis)
    axis.setTicks(None)
    assert money_ticks.lean(axis)


def test_label_sizes_are_measured_once_per_text_and_font(chart):
    axis = chart.money_axis
    sizes = money_ticks.LabelSizes()
    picture = QPicture()
    painter = QPainter(picture)
    try:
        painter.setFont(axis.style["tickFont"])
        first = sizes.sizes(painter, ["20,000", "40,000"])
        assert sizes.sizes(painter, ["40,000", "20,000"]) == first[::-1]
        assert len(sizes._sizes) == 2
        font = painter.font()
        font.setPointSize(font.pointSize() * 2)
        painter.setFont(font)
        larger = sizes.sizes(painter, ["20,000"])
        assert larger[0][0] > first[0][0] and len(sizes._sizes) == 3
    finally:
        painter.end()
