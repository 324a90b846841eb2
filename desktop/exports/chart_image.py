"""The cost chart as a file or a picture: high-resolution PNG, SVG, the clipboard, the handout.

An off-screen CostChart of its own is laid out at the size asked for, with type and lines grown
to match, so a 2400-pixel PNG looks like a sharper 1200-pixel one. Nothing here opens a dialog.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from typing import Iterable, Iterator

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (the exporters are not imported by `import pyqtgraph`)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from core.compare import Comparison
from core.words import plural
from desktop.chart import CostChart, figures
from desktop.chart.audience import style_chart, use_audience_axes
from desktop.exports.target import ExportError, check_target, write_export

BASE_WIDTH = 1200  # px: at this width the chart uses BASE_FONT_PT type and BASE_LINE_PX lines
BASE_FONT_PT = 12
BASE_LINE_PX = 3.0
BASE_MARKER_PX = 14
ASPECT = 9 / 16
DEFAULT_PNG_WIDTH = 2400


def chart_title(comparison: Comparison, mode: str = "cumulative") -> str:
    """"Growing SaaS: cumulative cost, 2027-01 to 2029-12"; "...: cumulative cost, 2027-01 (1 month)"."""
    what = "cumulative cost" if mode == "cumulative" else "monthly cost"
    name = comparison.plan.name or "Plan"
    months = comparison.months
    span = f"{months[0]} to {months[-1]}" if len(months) > 1 else f"{months[0]} ({plural(1, 'month')})"
    return f"{name}: {what}, {span}"


def curves(chart: CostChart) -> list[pg.PlotDataItem]:
    """The option curves (not the break-even markers)."""
    return [i for i in chart.plot_item.listDataItems() if isinstance(i, pg.PlotDataItem)]


@contextmanager
def offscreen_chart(comparison: Comparison, width: int = BASE_WIDTH, *, mode: str = "cumulative",
                    hidden: Iterable[str] = (), aspect: float = ASPECT, title: str | None = None,
                    font_scale: float = 1.0, line_scale: float = 1.0,
                    caption: str | None = None) -> Iterator[CostChart]:
    """A CostChart laid out at `width` pixels, never shown on screen, deleted on leaving.

    Type, lines and markers grow with the width (pyqtgraph draws text and cosmetic pens at a fixed
    pixel size, so scaling a small render up would leave them tiny): the layout is the same at
    any width. `title=None` uses chart_title(); "" draws none. Under a title, `caption` (by
    default core's headline, with its caveats) is a second line; "" leaves it out.
    """
    if width < 200:
        raise ValueError(f"width: must be at least 200 pixels, got {width}")
    scale = width / BASE_WIDTH
    chart = CostChart()
    chart.setAttribute(Qt.WA_DontShowOnScreen, True)
    chart.resize(width, int(round(width * aspect)))
    chart.set_pixel_ratio(1.0)  # an exact pixel size: the screen's density does not apply
    font_pt = max(6, round(BASE_FONT_PT * scale * font_scale))
    use_audience_axes(chart, font_pt)
    chart.set_font_size(font_pt)
    chart.set_hidden(tuple(hidden))
    chart.set_mode(mode)
    chart.set_comparison(comparison)
    style_chart(chart, font_pt=font_pt, line_px=BASE_LINE_PX * scale * line_scale,
                marker_px=BASE_MARKER_PX * scale * font_scale,
                title=chart_title(comparison, mode) if title is None else title,
                caption=figures.caption(comparison) if caption is None else caption)
    try:
        chart.show()
        QApplication.processEvents()
        yield chart
    finally:
        chart.hide()
        chart.deleteLater()


def chart_image(comparison: Comparison, width: int = DEFAULT_PNG_WIDTH, **chart_options) -> QImage:
    """The chart as a QImage exactly `width` pixels wide (height follows the aspect ratio)."""
    with offscreen_chart(comparison, width, **chart_options) as chart:
        exporter = pg.exporters.ImageExporter(chart.plot_item)
        exporter.parameters()["width"] = width
        return exporter.export(toBytes=True)


PNG_DPI = 200  # recorded in the file, so a 2400-pixel chart pastes 12 inches wide, not 25


def png_bytes(image: QImage) -> bytes:
    image = QImage(image)
    image.setDotsPerMeterX(round(PNG_DPI / 0.0254))
    image.setDotsPerMeterY(round(PNG_DPI / 0.0254))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("Could not encode the chart as PNG.")
    buffer.close()
    return bytes(data)


def export_png(comparison: Comparison, path: str | os.PathLike, *, width: int = DEFAULT_PNG_WIDTH,
               **chart_options) -> None:
    """Write the chart as a PNG `width` pixels wide, atomically; ExportError if it cannot."""
    check_target(path)
    write_export(path, png_bytes(chart_image(comparison, width, **chart_options)))


@contextmanager
def _svg_paths_may_close() -> Iterator[None]:
    """pyqtgraph 0.14's SVG exporter cannot parse the "Z" (close path) that Qt 6.8+ writes after a
    rectangle (pyqtgraph issue #3485): hide the token from it while it rewrites coordinates."""
    module = sys.modules["pyqtgraph.exporters.SVGExporter"]
    original = module.correctCoordinates

    def correct(node, defs, item, options):
        closed = []
        for path in node.getElementsByTagName("path"):
            d = path.getAttribute("d")
            if _CLOSE.search(d):
                path.setAttribute("d", _CLOSE.sub(" ", d).strip())
                closed.append(path)
        try:
            return original(node, defs, item, options)
        finally:
            for path in closed:
                path.setAttribute("d", path.getAttribute("d").strip() + " Z")

    module.correctCoordinates = correct
    try:
        yield
    finally:
        module.correctCoordinates = original


_CLOSE = re.compile(r"\s*[Zz]\s*")


def svg_bytes(comparison: Comparison, width: int = BASE_WIDTH, **chart_options) -> bytes:
    with offscreen_chart(comparison, width, **chart_options) as chart, _svg_paths_may_close():
        for item in curves(chart):
            # thick pens are drawn segment by segment by default: one <path> per curve instead
            item.curve.setSegmentedLineMode("off")
        # The view box maps data to pixels with a matrix it updates only when the scene is about
        # to paint. The PNG is a paint; the SVG exporter reads each item's transform without one,
        # so without this the curves sat on the last layout's matrix, not on their own axis.
        chart.plot.scene().prepareForPaint()
        return pg.exporters.SVGExporter(chart.plot_item).export(toBytes=True)


def export_svg(comparison: Comparison, path: str | os.PathLike, **chart_options) -> None:
    """Write the chart as SVG (one path per curve), atomically; ExportError if it cannot."""
    check_target(path)
    write_export(path, svg_bytes(comparison, **chart_options))


def copy_chart(comparison: Comparison, width: int = 1600, **chart_options) -> QImage:
    """Put the chart on the clipboard as an image (for pasting into slides or mail)."""
    image = chart_image(comparison, width, **chart_options)
    QGuiApplication.clipboard().setImage(image, QClipboard.Clipboard)
    return image
