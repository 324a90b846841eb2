"""The cost curves: one line per option in its own colour, monthly or cumulative, with a hover
crosshair that snaps to months and markers where cumulative curves cross (break-even).

Curves are created once per option and updated with setData (no full clear per redraw: an edit
must repaint within a frame). The legend sits in a band of its own above the plot, so it never
covers a curve and the curves keep the plot's full height; the crosshair readout is placed in
pixels and always stays inside the plot.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from core.catalog import option_styles
from core.compare import Comparison
from desktop.views.amount_text import amount_text

GREY = "#9a9a9a"
READOUT_MARGIN = 6  # px between the readout and the plot's edges / the crosshair
LEGEND_OFFSET = (8, 4)  # px: the legend band's inset from the plot's left edge, and its top margin
LEGEND_GAP = 6  # px between the legend band and the plot
ENTRY_GAP = 18  # px between one legend entry and the next in a row (at 10 pt; grows with the type)
LEGEND_ROOM = 3.0  # the legend shows only where the plot is at least this many legends tall
LEGEND_ROOM_ALL = 5.0  # ... and names the options that cannot be priced only where it is this many


def _nice_ceiling(value: float) -> float:
    """The next round number at or above value: 139,407 -> 140,000; 0.837 -> 0.84 (drawing only)."""
    if value <= 0:
        return value
    step = 10 ** math.floor(math.log10(value)) / 10
    return math.ceil(value / step - 1e-9) * step


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

    def _label_width(self) -> float:
        return QFontMetrics(self.style.get("tickFont") or QFont()).horizontalAdvance("2027-07")

    def label_spacing(self) -> float:
        """Pixels one month label needs: its width in the tick font plus a gap (90 px at 10 pt)."""
        return max(90.0, self._label_width() * 1.35)

    def boundingRect(self):
        # pyqtgraph drops a label that sticks out of the axis, so the first month (centred on the
        # plot's left edge) never had one: let labels reach into the empty corner under the money
        # axis, and as far right as the plot item leaves room for.
        rect = super().boundingRect()
        if self.orientation != "bottom":
            return rect
        half = self._label_width() / 2 + 2
        geometry = self.geometry()
        parent = self.parentWidget()
        right_room = parent.width() - geometry.right() if parent is not None else 0.0
        return rect.adjusted(-min(half, max(0.0, geometry.left())), 0, min(half, max(0.0, right_room)), 0)

    def tickValues(self, minVal, maxVal, size):
        n = len(self.months)
        if not n:
            return []
        span = max(1, int(maxVal - minVal))
        fits = max(2, size / self.label_spacing())
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if span / s <= fits), 60)
        first = max(0, int(np.ceil(minVal / step) * step))
        return [(step, list(range(first, min(n - 1, int(maxVal)) + 1, step)))]


class MoneyAxis(pg.AxisItem):
    """Amounts with grouped thousands (120,000 rather than 120000 or 1.2e5); cents only when the
    ticks are closer than one unit. Labels are for drawing; amounts shown as text use fmt_money."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)
        # Labels on major ticks only (minor ones still draw grid lines), a little denser than the
        # default: 0, 20,000, 40,000 ... rather than a label on every 10,000.
        # Grid lines for major and minor ticks only: pyqtgraph's third level adds ~50 translucent
        # full-width lines that cost ~8 ms a draw in the raster engine and add nothing to read.
        self.setStyle(maxTextLevel=0, maxTickLevel=1)
        self.setTickDensity(1.5)

    label_gap = 4.0  # px between the axis title and the widest tick label

    def _updateWidth(self):
        # pyqtgraph reserves 0.8 x the title's height and nudges it 5 px outwards, so the title can
        # touch (with large type, overlap) the tick labels: reserve its full height plus a gap.
        super()._updateWidth()
        if self.isVisible() and self.fixedWidth is None and self.label.isVisible():
            width = self.maximumWidth() + self.label.boundingRect().height() * 0.2 + self.label_gap
            self.setMaximumWidth(width)
            self.setMinimumWidth(width)

    def tickStrings(self, values, scale, spacing):
        places = 0 if spacing >= 1 else min(4, max(1, math.ceil(-math.log10(spacing))))
        return [f"{v * scale:,.{places}f}" for v in values]


class LineSample(pg.ItemSample):
    """A legend entry's line, as long as the type is large (pyqtgraph's is 20 px at any size).
    Clicking it does nothing: the summary's ticks show and hide curves, and stay in step."""

    def __init__(self, item):
        super().__init__(item)
        self._length = 20.0

    def set_length(self, px: float) -> None:
        if px != self._length:
            self.prepareGeometryChange()
            self._length = px
            self.setFixedWidth(px)
            self.update()

    def boundingRect(self):
        return QRectF(0, 0, self._length, 20)

    def paint(self, p, *args):
        p.setRenderHint(p.RenderHint.Antialiasing)
        p.setPen(pg.mkPen(self.item.opts["pen"]))
        p.drawLine(QPointF(1, 11), QPointF(self._length - 1, 11))

    def mouseClickEvent(self, event):
        event.ignore()


class BandLegend(pg.LegendItem):
    """A legend laid out in its own row above the plot (the plot item's top-axis row), sized to
    its entries: the curves below keep the whole plot, and nothing is drawn over them."""

    def __init__(self, **kwargs):
        super().__init__(sampleType=LineSample, **kwargs)
        self._band = (0.0, 0.0)
        self.entry_gap = ENTRY_GAP
        self.sample_length = 20.0

    def addItem(self, item, name):
        super().addItem(item, name)
        self.items[-1][0].set_length(self.sample_length)

    def set_sample_length(self, px: float) -> None:
        self.sample_length = px
        for sample, _label in self.items:
            sample.set_length(px)

    def updateSize(self):
        for col in range(1, self.layout.columnCount() - 1, 2):  # after each label: room before the next entry
            self.layout.setColumnSpacing(col, self.entry_gap)
        self.layout.invalidate()
        hint = self.layout.effectiveSizeHint(Qt.PreferredSize)  # the entries' own size, not the last guess
        left, top, right, bottom = self.layout.getContentsMargins()
        width, height = (hint.width() - left - right, hint.height() - top - bottom) if self.items else (0.0, 0.0)
        self._band = (width, height)
        self._apply_band()

    def _apply_band(self) -> None:
        width, height = self._band
        if not self.isVisible() or not self.items:
            width = height = 0.0
        band = height + LEGEND_OFFSET[1] + LEGEND_GAP if height else 0.0
        # No minimum width: a legend wider than the plot must never widen the plot's column (past
        # the picture's edge); _fit_legend picks the columns that fit instead.
        self.setMinimumSize(0, band)
        self.setPreferredSize(width, band)
        self.setMaximumSize(width, band)
        self.resize(min(width, self.width()) if self.width() else width, band)
        self.layout.setContentsMargins(0, LEGEND_OFFSET[1] if height else 0, 0, LEGEND_GAP if height else 0)
        self.updateGeometry()

    def content_height(self) -> float:
        """The entries' height (without the band's margins), whether or not shown."""
        return self._band[1]

    def content_width(self) -> float:
        return self._band[0]

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self._apply_band()

    def boundingRect(self):
        return QRectF(0, 0, self.width(), self.height())


class CostChart(QWidget):
    """Draws a Comparison; `hovered` reports the month index under the mouse (-1 when outside)."""

    hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._mode = "cumulative"
        self._hidden: set[str] = set()
        self._font_points = 10
        self._legend_key: tuple = ()
        self._extent: tuple[float, float] = (0.0, 1.0)
        self._month = -1
        self._fitting = False
        self._fitting_legend = False
        self._activating = False
        self._legend_fit_key: tuple = ()
        self._legend_wanted: tuple = ()
        self.axis = MonthAxis(orientation="bottom")
        self.money_axis = MoneyAxis(orientation="left")
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis, "left": self.money_axis}, background="w")
        self.plot_item = self.plot.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        # Axes and their grid cost ~8 ms a repaint drawn afresh (translucent full-height lines); as
        # cached pixmaps ~0 ms. The y range snaps to round numbers, so an edit rarely invalidates them.
        for axis in (self.axis, self.money_axis):
            axis.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.view_box = self.plot_item.getViewBox()
        self.view_box.setMouseEnabled(x=False, y=False)
        self.view_box.disableAutoRange()
        self.legend = BandLegend(labelTextColor="#222", colCount=3, verSpacing=-4)
        self.plot_item.legend = self.legend
        self.plot_item.layout.removeItem(self.plot_item.getAxis("top"))  # never shown: its row holds the legend
        self.plot_item.layout.addItem(self.legend, 1, 1)
        self.plot_item.layout.setAlignment(self.legend, Qt.AlignLeft | Qt.AlignBottom)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#555", style=Qt.DashLine))
        self.vline.setZValue(30)
        # The readout is a child of the view box, positioned in pixels, above the curves.
        self.readout = pg.TextItem(anchor=(0, 0), color="#111", fill=pg.mkBrush(255, 255, 255),
                                   border=pg.mkPen("#888"))
        self.readout.setParentItem(self.view_box)
        self.readout.setZValue(1000)
        self.readout.hide()
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._dots = pg.ScatterPlotItem(size=8, pen=pg.mkPen("w", width=1.5))
        self._dots.setZValue(45)
        self._markers = pg.ScatterPlotItem(size=13, symbol="o", pen=pg.mkPen("#111", width=2),
                                           brush=pg.mkBrush(255, 255, 255, 220), hoverable=True,
                                           tip=lambda x, y, data: data)
        self._markers.setZValue(40)
        self.plot_item.addItem(self._markers)
        self.plot_item.addItem(self._dots, ignoreBounds=True)
        self.plot_item.addItem(self.vline, ignoreBounds=True)
        self.vline.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._proxy = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=60, slot=self._mouse_moved)
        self.view_box.sigResized.connect(self._fit_legend)
        self.view_box.sigResized.connect(self._follow_resize)
        self.legend.geometryChanged.connect(self._fit_legend)
        self.set_font_size(10)

    # --- configuration -----------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def hidden(self) -> set[str]:
        return set(self._hidden)

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
            ax.setStyle(tickFont=font, tickTextOffset=max(4, points // 2))
            ax.setTextPen("#222")
        left = self.plot_item.getAxis("left")
        left.labelStyle = {"font-size": f"{points}pt", "color": "#222"}
        if left.labelText:
            left.setLabel(left.labelText, **left.labelStyle)
        self.readout.setFont(font)
        self._font_points = points
        self.legend.setLabelTextSize(f"{points}pt")
        self.legend.entry_gap = max(ENTRY_GAP, round(points * 0.8))
        self.legend.set_sample_length(max(20, round(points * 1.0)))
        self.legend.layout.setHorizontalSpacing(max(5, round(points * 0.25)))  # line to its name
        for _sample, label in self.legend.items:
            label.setText(label.text)  # setLabelTextSize only stores the size: render again
        self.legend.updateSize()
        self._fit_legend()
        for option_id, curve in self._curves.items():
            pen = pg.mkPen(curve.opts["pen"])
            if pen.style() == Qt.SolidLine:
                pen.setWidthF(self._line_width())
                curve.setPen(pen)
        self._fit_y()

    def set_comparison(self, comparison: Comparison) -> None:
        self._comparison = comparison
        self.axis.months = comparison.months
        self._redraw()

    def series(self, option_id: str) -> tuple[float, ...]:
        """The y values drawn for an option (floats: drawing only)."""
        c = self._comparison
        values = c.cumulative(option_id) if self._mode == "cumulative" else c.option(option_id).monthly
        return tuple(float(v) for v in values)  # float ok: drawing

    def visible_ids(self) -> tuple[str, ...]:
        """The options drawn as curves: available and not hidden."""
        c = self._comparison
        if c is None:
            return ()
        return tuple(o.id for o in c.options if o.available and o.id not in self._hidden)

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
    def _curve(self, option_id: str) -> pg.PlotDataItem:
        curve = self._curves.get(option_id)
        if curve is None:
            curve = pg.PlotDataItem()
            curve.setZValue(10)
            self.plot_item.addItem(curve)
            self._curves[option_id] = curve
        return curve

    def _redraw(self) -> None:
        c = self._comparison
        if c is None:
            return
        styles = option_styles()
        x = np.arange(len(c.months), dtype=float)
        shown = []
        low, high = 0.0, 0.0
        for option in c.options:
            curve = self._curve(option.id)
            style = styles[option.id]
            if option.id in self._hidden:
                curve.setData([], [])
                curve.hide()
                continue
            if option.available:
                y = np.array(self.series(option.id))
                pen = pg.mkPen(style.colour, width=self._line_width())
                name = style.short
                tip = option.label
                if len(y):
                    low, high = min(low, float(y.min())), max(high, float(y.max()))
            else:  # not priced: no curve (a flat line at 0 would mislead), a greyed legend entry
                y = np.array([])
                pen = pg.mkPen(GREY, width=1.5, style=Qt.DotLine)
                name = f"{style.short} (not available)"
                tip = f"{option.label} is not available: {option.notes[0]}" if option.notes else option.label
            curve.setData(x if len(y) else [], y, pen=pen, name=name)
            curve.setToolTip(tip)
            curve.show()
            shown.append((option.id, name, tip))
        self._update_legend(shown)
        spots = [{"pos": (m, y), "data": text} for m, y, text in self.break_even_points()]
        self._markers.setData(spots)
        self._fit_axis_label()
        self.plot_item.setXRange(0, max(1, len(c.months) - 1), padding=0.02)
        self._extent = (low, high if high > low else low + 1.0)
        self._fit_y()
        if 0 <= self._month < len(c.months):
            self.show_month(self._month)
        else:
            self.show_month(-1)

    def _update_legend(self, shown: list[tuple[str, str, str]]) -> None:
        self._legend_wanted = tuple(shown)
        self._fit_legend()

    def _set_legend_entries(self, entries: tuple) -> None:
        if entries == self._legend_key:
            return
        self._legend_key = entries
        self.legend.clear()
        for option_id, name, tip in entries:
            self.legend.addItem(self._curves[option_id], name)
            _sample, label = self.legend.items[-1]
            label.setToolTip(tip)
            if name.endswith("(not available)"):
                label.setText(name, color=GREY)

    def _fit_legend(self, *_args) -> None:
        """The legend that fits: every entry where the plot is tall enough, else only the priced
        options (the summary names the rest), else none; in as many columns (3, 2 or 1) as the
        width allows. Then the y range."""
        if self._fitting_legend:
            return
        room = self.view_box.width() - 2 * LEGEND_OFFSET[0]
        height = self._plot_area_height()
        # Trying the candidates re-lays the legend, which resizes it and calls this again: with
        # nothing new to fit for, stop (else the layout and this would chase each other forever).
        key = (round(room), round(height), self._legend_wanted, self._font_points)
        if key == self._legend_fit_key:
            return
        self._legend_fit_key = key
        self._fitting_legend = True
        try:
            wanted = self._legend_wanted
            priced = tuple(e for e in wanted if not e[1].endswith("(not available)"))
            show = False
            for entries in (wanted, priced) if priced != wanted else (wanted,):
                self._set_legend_entries(entries)
                if not entries:
                    break
                for columns in (3, 2, 1):
                    if self.legend.columnCount != columns:
                        self.legend.setColumnCount(columns)
                    self.legend.updateSize()
                    if room <= 0 or self.legend.content_width() <= room:
                        break
                room_needed = LEGEND_ROOM_ALL if entries != priced else LEGEND_ROOM
                if height <= 0 or height >= room_needed * self._legend_px():
                    show = True
                    break
            if show != self.legend.isVisible():
                self.legend.setVisible(show)
        finally:
            self._fitting_legend = False
        # Lay the band out now, not on the next event loop turn (an export renders straight away).
        # If that resizes the plot, sigResized fits the legend again for the new size, once: axis
        # labels that change width with the range could otherwise make the two chase each other.
        if not self._activating:
            self._activating = True
            try:
                self.plot_item.layout.activate()
            finally:
                self._activating = False
        self._fit_axis_label()
        self._fit_y()

    def _legend_px(self) -> float:
        return self.legend.content_height() + LEGEND_OFFSET[1] + LEGEND_GAP

    def _plot_area_height(self) -> float:
        """The height shared by the legend band and the plot (whether or not the legend shows)."""
        pi = self.plot_item
        title = pi.titleLabel.maximumHeight() if pi.titleLabel.isVisible() else 0
        return pi.height() - self.axis.height() - title

    def axis_title(self) -> str:
        """The money axis title in full, e.g. 'Cumulative cost (USD)'."""
        currency = self._comparison.currency if self._comparison else ""
        return f"{'Cumulative' if self._mode == 'cumulative' else 'Monthly'} cost ({currency})"

    def _fit_axis_label(self) -> None:
        """The longest title that fits the axis' height: in full, shorter, or just the currency."""
        if self._comparison is None:
            return
        axis = self.plot_item.getAxis("left")
        font = QFont()
        font.setPointSize(self._font_points)
        metrics = QFontMetrics(font)
        room = axis.height() - 8
        currency = self._comparison.currency
        choices = (self.axis_title(), f"{'Cumulative' if self._mode == 'cumulative' else 'Monthly'} ({currency})",
                   currency)
        text = next((t for t in choices if metrics.horizontalAdvance(t) <= room), currency) if room > 0 else choices[0]
        if axis.labelText != text or not axis.label.isVisible():
            self.plot_item.setLabel("left", text, **{"font-size": f"{self._font_points}pt", "color": "#222"})

    def _fit_y(self, *_args) -> None:
        """Y range from 0 (or below) to a round number just above the highest curve."""
        if self._comparison is None or self._fitting:
            return
        self._fitting = True
        try:
            self._fit_y_now()
        finally:
            self._fitting = False

    def _fit_y_now(self) -> None:
        low, high = self._extent
        top = _nice_ceiling(high + (high - low) * 0.04)
        # Below 0, room for half the "0" label: pyqtgraph drops a tick label that sticks out of the plot.
        font = QFont()
        font.setPointSize(self._font_points)
        view_px = self.view_box.height()
        below = 0.03
        if view_px > 0:
            below = min(0.2, max(below, (QFontMetrics(font).height() * 0.5 + 2) / view_px))  # a round top: small edits leave the axis (and its repaint) alone
        self.view_box.setYRange(low - (top - low) * below, top, padding=0)

    def _line_width(self) -> float:
        return 2.5 if self._font_points < 14 else 5

    def _readout_rows(self, month: int) -> list[tuple]:
        """(amount, option id) of each visible priced option in a month, cheapest first."""
        c = self._comparison
        rows = []
        for i, option in enumerate(c.options):
            if option.id in self._hidden or not option.available:
                continue
            value = c.cumulative(option.id)[month] if self._mode == "cumulative" else option.monthly[month]
            rows.append((value, i, option.id))
        rows.sort()
        return [(value, option_id) for value, _i, option_id in rows]

    def _readout_title(self, month: int) -> str:
        c = self._comparison
        return f"{c.months[month]} (month {month + 1}) — {'total so far' if self._mode == 'cumulative' else 'this month'}"

    def readout_text(self, month: int) -> str:
        """What the crosshair shows for a month: each visible option's amount, cheapest first."""
        c = self._comparison
        styles = option_styles()
        lines = [self._readout_title(month)]
        lines += [f"{styles[i].short}: {amount_text(value)} {c.currency}" for value, i in self._readout_rows(month)]
        return "\n".join(lines)

    def readout_html(self, month: int) -> str:
        """The readout as drawn: readout_text with each option's colour swatch."""
        c = self._comparison
        styles = option_styles()
        lines = [html.escape(self._readout_title(month))]
        for value, i in self._readout_rows(month):
            lines.append(f'<span style="color:{styles[i].colour}">■</span> '
                         f"{html.escape(styles[i].short)}: {amount_text(value)} {c.currency}")
        return "<br>".join(lines)

    def show_month(self, month: int) -> None:
        c = self._comparison
        if c is None or not 0 <= month < len(c.months):
            self._month = -1
            self.vline.hide()
            self.readout.hide()
            self._dots.setData([])
            return
        self._month = month
        self.vline.setPos(month)
        self.vline.show()
        styles = option_styles()
        dots = []
        for option_id in self.visible_ids():
            y = self.series(option_id)[month]
            dots.append({"pos": (month, y), "brush": pg.mkBrush(styles[option_id].colour)})
        self._dots.setData(dots)
        self.readout.setHtml(self.readout_html(month))
        self._place_readout(month)
        self.readout.show()

    def _follow_resize(self, *_args) -> None:
        if self._month >= 0:
            self._place_readout(self._month)

    def _place_readout(self, month: int) -> None:
        """Beside the crosshair (right of it, or left near the right edge), inside the plot."""
        box = self.readout.boundingRect()
        rect = self.view_box.boundingRect()
        (x0, x1), _ = self.view_box.viewRange()  # the range, not the matrix: that is updated on paint
        x = rect.left() + (month - x0) / ((x1 - x0) or 1) * rect.width()
        left = x + READOUT_MARGIN
        if left + box.width() > rect.right() - READOUT_MARGIN:
            left = x - READOUT_MARGIN - box.width()
        left = max(rect.left() + READOUT_MARGIN, min(left, rect.right() - READOUT_MARGIN - box.width()))
        top = rect.top() + READOUT_MARGIN
        self.readout.setAnchor((0, 0))
        self.readout.setPos(left, top)

    def readout_rect(self):
        """Where the readout is drawn, in the view box's pixels (for tests: it must lie inside)."""
        return self.readout.mapRectToParent(self.readout.boundingRect())

    def _mouse_moved(self, event) -> None:
        pos = event[0]
        if self._comparison is None or not self.view_box.sceneBoundingRect().contains(pos):
            self.show_month(-1)
            self.hovered.emit(-1)
            return
        point = self.view_box.mapSceneToView(pos)
        month = int(round(point.x()))
        month = min(max(month, 0), len(self._comparison.months) - 1)
        self.show_month(month)
        self.hovered.emit(month)
