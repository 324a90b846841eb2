"""The crosshair: a vertical line that snaps to a month, a dot on each curve, and a readout of
every drawn option's amount that month (plain totals cheapest first, then the others with their
kind of figure), placed in pixels so it always stays inside the plot."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt

from core.catalog import option_styles
from core.compare import Comparison
from desktop.chart import figures
from desktop.chart.curves import series
from desktop.chart.style import BORDER, CROSSHAIR

READOUT_MARGIN = 6  # px between the readout and the plot's edges / the crosshair


def readout_rows(c: Comparison, mode: str, hidden: set[str], month: int) -> list[tuple[str, str]]:
    """(option id, amount as text) of each drawn option in a month: totals cheapest first."""
    ranked, others = [], []
    for i, option in enumerate(c.options):
        if option.id in hidden or not figures.has_figure(option):
            continue
        value = c.cumulative(option.id)[month] if mode == "cumulative" else option.monthly[month]
        row = (value, i, option.id, figures.amount(option, value, c.currency))
        (ranked if figures.figure_kind(option) == "total" else others).append(row)
    ranked.sort()
    return [(option_id, text) for _v, _i, option_id, text in ranked + others]


def readout_title(c: Comparison, mode: str, month: int) -> str:
    return f"{c.months[month]} (month {month + 1}) — {'total so far' if mode == 'cumulative' else 'this month'}"


class Crosshair:
    def __init__(self, plot_item, view_box):
        self.view_box = view_box
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(CROSSHAIR, style=Qt.DashLine))
        self.vline.setZValue(30)
        # The readout is a child of the view box, positioned in pixels, above the curves.
        self.readout = pg.TextItem(anchor=(0, 0), color="#111", fill=pg.mkBrush(255, 255, 255),
                                   border=pg.mkPen(BORDER))
        self.readout.setParentItem(view_box)
        self.readout.setZValue(1000)
        self.readout.hide()
        self.dots = pg.ScatterPlotItem(size=8, pen=pg.mkPen("w", width=1.5))
        self.dots.setZValue(45)
        self.dots.hide()  # shown with the crosshair: an empty scatter still costs ~0.15 ms a paint
        plot_item.addItem(self.dots, ignoreBounds=True)
        plot_item.addItem(self.vline, ignoreBounds=True)
        self.vline.hide()
        self.month = -1

    def text(self, c: Comparison, mode: str, hidden: set[str], month: int) -> str:
        styles = option_styles()
        lines = [readout_title(c, mode, month)]
        lines += [f"{styles[i].short}: {text}" for i, text in readout_rows(c, mode, hidden, month)]
        return "\n".join(lines)

    def html(self, c: Comparison, mode: str, hidden: set[str], month: int) -> str:
        styles = option_styles()
        lines = [html.escape(readout_title(c, mode, month))]
        for i, text in readout_rows(c, mode, hidden, month):
            lines.append(f'<span style="color:{styles[i].colour}">■</span> '
                         f"{html.escape(styles[i].short)}: {html.escape(text)}")
        return "<br>".join(lines)

    def hide(self) -> None:
        self.month = -1
        self.vline.hide()
        self.readout.hide()
        self.dots.hide()  # its points are set again when it shows

    def show(self, c: Comparison, mode: str, hidden: set[str], month: int) -> None:
        self.month = month
        self.vline.setPos(month)
        self.vline.show()
        styles = option_styles()
        dots = []
        for option in c.options:
            if option.id in hidden or not figures.has_figure(option):
                continue
            y = series(c, option.id, mode)[month]
            dots.append({"pos": (month, y), "brush": pg.mkBrush(styles[option.id].colour)})
        self.dots.setData(dots)
        self.dots.show()
        self.readout.setHtml(self.html(c, mode, hidden, month))
        self.place()
        self.readout.show()

    def place(self) -> None:
        """Beside the crosshair (right of it, or left near the right edge), inside the plot."""
        if self.month < 0:
            return
        box = self.readout.boundingRect()
        rect = self.view_box.boundingRect()
        (x0, x1), _ = self.view_box.viewRange()  # the range, not the matrix: that is updated on paint
        x = rect.left() + (self.month - x0) / ((x1 - x0) or 1) * rect.width()
        left = x + READOUT_MARGIN
        if left + box.width() > rect.right() - READOUT_MARGIN:
            left = x - READOUT_MARGIN - box.width()
        left = max(rect.left() + READOUT_MARGIN, min(left, rect.right() - READOUT_MARGIN - box.width()))
        top = rect.top() + READOUT_MARGIN
        self.readout.setAnchor((0, 0))
        self.readout.setPos(left, top)

    def rect(self):
        """Where the readout is drawn, in the view box's pixels."""
        return self.readout.mapRectToParent(self.readout.boundingRect())
