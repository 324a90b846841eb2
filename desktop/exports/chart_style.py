"""Dress a CostChart for an audience (a slide, a projector, a printed page): larger type, thicker
lines, bigger break-even markers and grouped thousands on the money axis, from outside the chart
through pyqtgraph's own objects (the chart's drawing stays in desktop/views/cost_chart.py)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.views.cost_chart import CostChart, MonthAxis


class GroupedAxis(pg.AxisItem):
    """A money axis whose ticks read 120,000 rather than 120000 or 1.2e5."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):
        places = 0 if spacing >= 1 else 2
        return [f"{v:,.{places}f}" for v in values]


class SpacedMonthAxis(MonthAxis):
    """The chart's month axis with room for large type: at least `min_spacing` pixels per label."""

    min_spacing = 90.0

    def tickValues(self, minVal, maxVal, size):
        # MonthAxis allows one label per 90 px; shrinking `size` keeps wide labels apart.
        return super().tickValues(minVal, maxVal, size * 90.0 / max(90.0, self.min_spacing))


def use_audience_axes(chart: CostChart, font_pt: int) -> None:
    """Grouped thousands on the money axis, and month labels spaced for `font_pt` type.

    Call before set_comparison: the chart gives its `axis` the months when a comparison is set.
    """
    pi = chart.plot_item
    if not isinstance(pi.getAxis("left"), GroupedAxis):
        pi.setAxisItems({"left": GroupedAxis(orientation="left")})
    bottom = pi.getAxis("bottom")
    if not isinstance(bottom, SpacedMonthAxis):
        bottom = SpacedMonthAxis(orientation="bottom")
        bottom.months = chart.axis.months
        pi.setAxisItems({"bottom": bottom})
        chart.axis = bottom
    bottom.min_spacing = font_pt * 7.5  # "2027-01" is about 5 em wide, plus a gap


def style_chart(chart: CostChart, *, font_pt: int, line_px: float, marker_px: float | None = None,
                title: str | None = None, text_colour: str = "#111") -> None:
    """Apply after set_comparison / set_mode / set_hidden (they redraw and reset the curves' pens)."""
    pi = chart.plot_item
    font = QFont()
    font.setPointSize(font_pt)
    for name in ("left", "bottom"):
        axis = pi.getAxis(name)
        axis.setStyle(tickFont=font, tickTextOffset=max(4, font_pt // 2))
        axis.setTextPen(text_colour)
        axis.setPen(pg.mkPen("#444", width=max(1.0, line_px / 3)))
    left = pi.getAxis("left")
    left.labelStyle = {"font-size": f"{font_pt}pt", "color": text_colour}
    left.setLabel(left.labelText, **left.labelStyle)
    chart.legend.setLabelTextSize(f"{font_pt}pt")
    chart.legend.setLabelTextColor(text_colour)
    for _sample, label in chart.legend.items:
        label.setText(label.text)  # setLabelTextSize only stores the size: render the text again
    chart.legend.updateSize()
    chart.legend.setBrush(pg.mkBrush(255, 255, 255, 225))
    chart.legend.setPen(pg.mkPen("#bbbbbb"))
    for item in pi.listDataItems():
        if not isinstance(item, pg.PlotDataItem):
            continue  # the break-even markers are styled below
        pen = pg.mkPen(item.opts["pen"])
        if pen.style() == Qt.SolidLine:
            pen.setWidthF(line_px)
        else:
            pen.setWidthF(max(1.5, line_px / 2))
        item.setPen(pen)
    if marker_px:
        for item in pi.items:
            if isinstance(item, pg.ScatterPlotItem):
                item.setSize(marker_px)
                item.setPen(pg.mkPen(text_colour, width=max(2.0, line_px * 0.6)))
    if title is not None:
        title_pt = round(font_pt * 1.25)
        pi.setTitle(title or None, size=f"{title_pt}pt", color=text_colour)
        if title:  # setTitle fixes the title row at 30 px, too short for large type
            height = round(title_pt * 96 / 72 * 1.6) + 6
            pi.titleLabel.setMaximumHeight(height)
            pi.layout.setRowFixedHeight(0, height)
