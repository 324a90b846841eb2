"""Dress a CostChart for an audience (a slide, a projector, a printed page): month labels spaced
for large type, thicker lines, bigger break-even markers, a title. Done from outside the chart
through pyqtgraph's own objects; the chart's drawing stays in desktop/views/cost_chart.py."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from desktop.views.cost_chart import CostChart, MonthAxis


class SpacedMonthAxis(MonthAxis):
    """The chart's month axis with room for large type: at least `min_spacing` pixels per label."""

    min_spacing = 90.0

    def label_spacing(self) -> float:
        # MonthAxis already measures the label in the tick font: the larger of the two, not their
        # product (which left a 36-month handout with a single label).
        return max(super().label_spacing(), self.min_spacing)


def use_audience_axes(chart: CostChart, font_pt: int) -> None:
    """Month labels spaced for `font_pt` type. Call before set_comparison: the chart gives its
    `axis` the months when a comparison is set."""
    pi = chart.plot_item
    bottom = pi.getAxis("bottom")
    if not isinstance(bottom, SpacedMonthAxis):
        bottom = SpacedMonthAxis(orientation="bottom")
        bottom.months = chart.axis.months
        pi.setAxisItems({"bottom": bottom})
        chart.axis = bottom
    bottom.min_spacing = font_pt * 6.0  # "2027-01" is about 4.4 em wide, plus a gap


def style_chart(chart: CostChart, *, font_pt: int, line_px: float, marker_px: float | None = None,
                title: str | None = None, text_colour: str = "#111") -> None:
    """Apply after set_font_size / set_comparison / set_mode / set_hidden (they restyle the curves).

    `title=None` leaves the title alone, "" removes it."""
    pi = chart.plot_item
    for name in ("left", "bottom"):
        pi.getAxis(name).setPen(pg.mkPen("#444", width=max(1.0, line_px / 3)))
        pi.getAxis(name).setTextPen(text_colour)
    for item in pi.listDataItems():
        if not isinstance(item, pg.PlotDataItem):
            continue  # the break-even markers are styled below
        pen = pg.mkPen(item.opts["pen"])
        pen.setWidthF(line_px if pen.style() == Qt.SolidLine else max(1.5, line_px / 2))
        item.setPen(pen)
    if marker_px:
        for item in pi.items:
            # the break-even markers are the hoverable scatter (the crosshair's dots are not)
            if isinstance(item, pg.ScatterPlotItem) and item.opts.get("hoverable"):
                item.setSize(marker_px)
                item.setPen(pg.mkPen(text_colour, width=max(2.0, line_px * 0.6)))
    if title is not None:
        title_pt = round(font_pt * 1.25)
        pi.setTitle(title or None, size=f"{title_pt}pt", color=text_colour)
        if title:  # setTitle fixes the title row at 30 px, too short for large type
            height = round(title_pt * 96 / 72 * 1.6) + 6
            pi.titleLabel.setMaximumHeight(height)
            pi.layout.setRowFixedHeight(0, height)
