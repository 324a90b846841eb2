"""Dress a CostChart for an audience (a slide, a projector, a printed page): month labels spaced
for large type, thicker lines, bigger break-even circles, a title and the headline under it."""

from __future__ import annotations

from html import escape

import pyqtgraph as pg

from desktop.chart.cost_chart import CostChart
from desktop.chart.style import TEXT


def use_audience_axes(chart: CostChart, font_pt: int) -> None:
    """Month labels spaced for `font_pt` type ("2027-01" is about 4.4 em wide, plus a gap)."""
    chart.axis.min_spacing = font_pt * 6.0
    chart.axis.picture = None  # drawn again with the new spacing
    chart.axis.update()


def style_chart(chart: CostChart, *, font_pt: int, line_px: float, marker_px: float | None = None,
                title: str | None = None, caption: str = "", text_colour: str = TEXT) -> None:
    """Large type, `line_px` curves and `marker_px` break-even circles. The chart keeps them
    through later set_comparison / set_mode / set_hidden calls.

    `title=None` leaves the title alone, "" removes it; `caption` is a smaller second line (the
    headline with its caveats)."""
    pi = chart.plot_item
    for name in ("left", "bottom"):
        pi.getAxis(name).setPen(pg.mkPen("#444", width=max(1.0, line_px / 3)))
        pi.getAxis(name).setTextPen(text_colour)
    chart.set_line_width(line_px)
    if marker_px:
        chart.set_marker_size(marker_px)
    if title is not None:
        title_pt = round(font_pt * 1.25)
        note_pt = max(6, round(font_pt * 0.85))
        text = escape(title)
        if title and caption:
            text += f'<br><span style="font-size:{note_pt}pt">{escape(caption)}</span>'
        pi.setTitle(text or None, size=f"{title_pt}pt", color=text_colour)
        label = pi.titleLabel
        if not getattr(label, "spans_picture", False):  # across the whole picture, not the plot's column
            pi.layout.removeItem(label)
            pi.layout.addItem(label, 0, 0, 1, 3)
            label.spans_picture = True
        # Wrapped to the picture's width: a long headline must never widen the picture.
        label.item.setTextWidth(max(100.0, chart.width() - 24.0) if title else -1)
        label.updateMin()
        if title:  # setTitle fixes the title row at 30 px, too short for large type and two lines
            height = round(label.item.boundingRect().height()) + 6
            label.setMaximumHeight(height)
            pi.layout.setRowFixedHeight(0, height)
