"""The cost curves: one line per option in its own colour, monthly or cumulative, with a hover
crosshair that snaps to months and markers where cumulative curves cross (break-even)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.catalog import option_styles
from core.compare import Comparison
from core.money import fmt_money

GREY = "#9a9a9a"


class MonthAxis(pg.AxisItem):
    """Tick labels are the plan's months (YYYY-MM) at index positions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.months: tuple[str, ...] = ()

    def tickStrings(self, values, scale, spacing):
        out = []
        for v in values:
            i = int(round(v))
            out.append(self.months[i] if 0 <= i < len(self.months) and abs(v - i) < 1e-6 else "")
        return out

    def tickValues(self, minVal, maxVal, size):
        n = len(self.months)
        if not n:
            return []
        span = max(1, int(maxVal - minVal))
        step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if span / s <= max(2, size / 90))
        first = max(0, int(np.ceil(minVal / step) * step))
        return [(step, list(range(first, min(n - 1, int(maxVal)) + 1, step)))]


class CostChart(QWidget):
    """Draws a Comparison; `hovered` reports the month index under the mouse (-1 when outside)."""

    hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._mode = "cumulative"
        self._hidden: set[str] = set()
        self.axis = MonthAxis(orientation="bottom")
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis}, background="w")
        self.plot_item = self.plot.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.getViewBox().setMouseEnabled(x=False, y=False)
        self.legend = self.plot_item.addLegend(offset=(10, 10), labelTextColor="#222")
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#555", style=Qt.DashLine))
        self.readout = pg.TextItem(anchor=(0, 0), color="#111", fill=pg.mkBrush(255, 255, 255, 230),
                                   border=pg.mkPen("#888"))
        self.readout.setZValue(50)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._markers = pg.ScatterPlotItem(size=13, symbol="o", pen=pg.mkPen("#111", width=2),
                                           brush=pg.mkBrush(255, 255, 255, 220))
        self._markers.setZValue(40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._proxy = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=60, slot=self._mouse_moved)
        self.set_font_size(10)

    # --- configuration -----------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        if mode not in ("cumulative", "monthly"):
            raise ValueError(mode)
        self._mode = mode
        self._redraw()

    def set_hidden(self, option_ids) -> None:
        self._hidden = set(option_ids)
        self._redraw()

    def set_font_size(self, points: int) -> None:
        font = QFont()
        font.setPointSize(points)
        for name in ("left", "bottom"):
            ax = self.plot_item.getAxis(name)
            ax.setStyle(tickFont=font)
            ax.setTextPen("#222")
        self.readout.setFont(font)
        self._font_points = points

    def set_comparison(self, comparison: Comparison) -> None:
        self._comparison = comparison
        self.axis.months = comparison.months
        self._redraw()

    def series(self, option_id: str) -> tuple[float, ...]:
        """The y values drawn for an option (floats: drawing only)."""
        c = self._comparison
        values = c.cumulative(option_id) if self._mode == "cumulative" else c.option(option_id).monthly
        return tuple(float(v) for v in values)  # float ok: drawing

    def break_even_points(self) -> list[tuple[int, float, str]]:
        """(month index, cumulative cost, text) of every break-even, as drawn."""
        c = self._comparison
        if c is None or self._mode != "cumulative":
            return []
        points = []
        for e in c.break_evens():
            if e.cheaper in self._hidden or e.dearer in self._hidden:
                continue
            points.append((e.month, float(c.cumulative(e.cheaper)[e.month]), e.reason))  # float ok: drawing
        return points

    # --- drawing ---------------------------------------------------------------------------
    def _redraw(self) -> None:
        c = self._comparison
        if c is None:
            return
        self.plot_item.clear()
        self.legend.clear()
        self._curves.clear()
        styles = option_styles()
        x = np.arange(len(c.months))
        for option in c.options:
            if option.id in self._hidden:
                continue
            style = styles[option.id]
            if option.available:
                pen = pg.mkPen(style.colour, width=self._line_width())
                name = style.short
            else:
                pen = pg.mkPen(GREY, width=1.5, style=Qt.DotLine)
                name = f"{style.short} (not available)"
            item = self.plot_item.plot(x, np.array(self.series(option.id)), pen=pen, name=name)
            item.setToolTip(option.label if option.available else f"{option.label}: {option.notes[0]}")
            self._curves[option.id] = item
        spots = [{"pos": (m, y), "data": text} for m, y, text in self.break_even_points()]
        self._markers.setData(spots)
        self.plot_item.addItem(self._markers)
        self.plot_item.addItem(self.vline, ignoreBounds=True)
        self.plot_item.addItem(self.readout, ignoreBounds=True)
        self.vline.hide()
        self.readout.hide()
        self.plot_item.setLabel("left", f"{'Cumulative' if self._mode == 'cumulative' else 'Monthly'} cost ({c.currency})")
        self.plot_item.setXRange(0, max(1, len(c.months) - 1), padding=0.02)
        self.plot_item.enableAutoRange(axis="y")

    def _line_width(self) -> float:
        return 2.5 if self._font_points < 14 else 5

    def readout_text(self, month: int) -> str:
        """What the crosshair shows for a month: each visible option's amount, cheapest first."""
        c = self._comparison
        rows = []
        for option in c.options:
            if option.id in self._hidden or not option.available:
                continue
            value = c.cumulative(option.id)[month] if self._mode == "cumulative" else option.monthly[month]
            rows.append((value, option_styles()[option.id].short))
        rows.sort()
        lines = [f"{c.months[month]} (month {month + 1})"]
        lines += [f"{name}: {fmt_money(value)} {c.currency}" for value, name in rows]
        return "\n".join(lines)

    def show_month(self, month: int) -> None:
        c = self._comparison
        if c is None or not 0 <= month < len(c.months):
            self.vline.hide()
            self.readout.hide()
            return
        self.vline.setPos(month)
        self.vline.show()
        self.readout.setText(self.readout_text(month))
        (x0, x1), (y0, y1) = self.plot_item.getViewBox().viewRange()
        self.readout.setAnchor((1, 0) if month > (x0 + x1) / 2 else (0, 0))
        self.readout.setPos(month, y1)
        self.readout.show()

    def _mouse_moved(self, event) -> None:
        pos = event[0]
        if self._comparison is None or not self.plot_item.sceneBoundingRect().contains(pos):
            self.show_month(-1)
            self.hovered.emit(-1)
            return
        point = self.plot_item.getViewBox().mapSceneToView(pos)
        month = int(round(point.x()))
        month = min(max(month, 0), len(self._comparison.months) - 1)
        self.show_month(month)
        self.hovered.emit(month)
