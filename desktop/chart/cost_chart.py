"""The cost chart widget: one curve per option in its own colour, monthly or cumulative, with a
legend band above the plot, break-even circles labelled with their month, the amount at each
curve's end, and a crosshair that snaps to months.

Curves are created once per option and updated with setData (no full clear per redraw: an edit
must repaint within a frame). What each curve is comes from curves.py, the labels from
markers.py, the crosshair from readout.py; this module lays them out and keeps them in step.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QMetaObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QGraphicsItem, QVBoxLayout, QWidget

from core.compare import Comparison
from core.words import plural
from desktop.before_paint import before_paint
from desktop.chart import figures
from desktop.chart.axes import MoneyAxis, MonthAxis, nice_ceiling
from desktop.chart.curves import CurveSpec, curve_specs, series
from desktop.chart.legend import ENTRY_GAP, LEGEND_OFFSET, BandLegend, LegendEntry
from desktop.chart.markers import LABEL_GAP, BreakEvenMarkers, EndLabels, PairLabels
from desktop.chart.readout import Crosshair
from desktop.chart.style import AXIS_TEXT, BACKGROUND, BORDER, GRID_ALPHA, TEXT, curve_pen, font, line_width

END_LABEL_SHARE = 0.3  # end labels show only where they need at most this share of the plot's width
END_LABEL_SHARE_ONE = 0.5  # ... for a one-month plan, whose single point sits in the middle


class CostChart(QWidget):
    """Draws a Comparison; `hovered` reports the month index under the mouse (-1 when outside)."""

    hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._mode = "cumulative"
        self._hidden: set[str] = set()
        self._specs: dict[str, CurveSpec] = {}
        self._font_points = 10
        self._line_px: float | None = None  # None: from the type size
        self._marker_px = 13.0
        self._ratio: float | None = None  # device pixels per logical pixel; None: the screen's
        self._extent: tuple[float, float] = (0.0, 1.0)
        self._legend_wanted: tuple[LegendEntry, ...] = ()
        self._fitting_y = False
        self._activating = False
        self._end_labels_shown = False
        self._scene_changed = False  # items changed since the window last painted
        self._painted_by: QWidget | None = None  # the window whose paint requests are watched

        self.axis = MonthAxis(orientation="bottom")
        self.money_axis = MoneyAxis(orientation="left")
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis, "left": self.money_axis}, background=BACKGROUND)
        # Deliberately light whatever the desktop theme (the option colours are for white), with a
        # border so it reads as a picture on a dark window.
        self.plot.setFrameShape(QFrame.Box)
        self.plot.setStyleSheet(f"QGraphicsView {{ border: 1px solid {BORDER}; }}")
        self.plot_item = self.plot.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=GRID_ALPHA)
        # Axes and their grid cost ~8 ms a repaint drawn afresh (translucent full-height lines); as
        # cached pixmaps ~0 ms. The y range snaps to round numbers, so an edit rarely invalidates them.
        for axis in (self.axis, self.money_axis):
            axis.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.view_box = self.plot_item.getViewBox()
        self.view_box.setMouseEnabled(x=False, y=False)
        self.view_box.disableAutoRange()
        self.legend = BandLegend(labelTextColor=TEXT, colCount=3, verSpacing=-4)
        self.plot_item.legend = self.legend
        self.plot_item.layout.removeItem(self.plot_item.getAxis("top"))  # never shown: its row holds the legend
        for name in ("top", "right"):  # never shown: not moved (nor its SI prefix and title set) at each range change
            self.plot_item.getAxis(name).unlinkFromView()
        self.plot_item.layout.addItem(self.legend, 1, 1)
        self.plot_item.layout.setAlignment(self.legend, Qt.AlignLeft | Qt.AlignBottom)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._drawn: dict[str, tuple] = {}  # option id -> (spec, width) its curve was last given
        self._ok_parts: dict[str, pg.PlotDataItem] = {}  # solid over the months an option is ok
        self.break_evens = BreakEvenMarkers(self.plot_item)
        self.end_labels = EndLabels(self.plot_item)
        self.pair_labels = PairLabels(self.plot_item)
        self.crosshair = Crosshair(self.plot_item, self.view_box)
        self.vline = self.crosshair.vline
        self.readout = self.crosshair.readout
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setAccessibleName("Cost chart")
        self._describe = QTimer(self, singleShot=True, interval=0)
        self._describe.timeout.connect(self._update_description)
        self.plot.setAccessibleName("Cost chart")
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

    def set_comparison(self, comparison: Comparison) -> None:
        self._comparison = comparison
        self.axis.months = comparison.months
        self._redraw()

    def set_font_size(self, points: int) -> None:
        for name in ("left", "bottom"):
            ax = self.plot_item.getAxis(name)
            ax.setStyle(tickFont=font(points), tickTextOffset=max(4, points // 2))
            ax.setTextPen(AXIS_TEXT)
        left = self.plot_item.getAxis("left")
        left.labelStyle = {"font-size": f"{points}pt", "color": AXIS_TEXT}
        if left.labelText:
            left.setLabel(left.labelText, **left.labelStyle)
        self.readout.setFont(font(points))
        self._metrics = QFontMetrics(font(points))
        self.end_labels.set_font(points)
        self.pair_labels.set_font(points)
        self._font_points = points
        self.legend.setLabelTextSize(f"{points}pt")
        self.legend.entry_gap = max(ENTRY_GAP, round(points * 0.8))
        self.legend.set_sample_length(max(24, round(points * 2.4)))  # long enough to show a dash pattern
        self.legend.layout.setHorizontalSpacing(max(5, round(points * 0.25)))  # line to its name
        for _sample, label in self.legend.items:
            label.setText(label.text)  # setLabelTextSize only stores the size: render again
        self.legend.updateSize()
        self._restyle()

    def set_line_width(self, px: float | None) -> None:
        """Curves `px` logical pixels wide (None: as wide as the type size suggests)."""
        self._line_px = px
        self._restyle()

    def set_marker_size(self, px: float) -> None:
        """Break-even circles `px` logical pixels across."""
        self._marker_px = px
        self._restyle()

    def set_pixel_ratio(self, ratio: float | None) -> None:
        """Device pixels per logical pixel for line widths: None follows the screen (a picture
        rendered at an exact pixel size sets 1)."""
        self._ratio = ratio
        self._restyle()

    def pixel_ratio(self) -> float:
        return self._ratio if self._ratio is not None else max(1.0, self.devicePixelRatioF())

    def line_width(self) -> float:
        """The curves' pen width in device pixels (cosmetic pens are not scaled by the screen)."""
        base = self._line_px if self._line_px is not None else line_width(self._font_points)
        return base * self.pixel_ratio()

    def _restyle(self) -> None:
        self.break_evens.set_style(size=self._marker_px * self.pixel_ratio(),
                                   pen=pg.mkPen(TEXT, width=max(2.0, self.line_width() * 0.6)),
                                   font_points=self._font_points)
        if self._comparison is None:
            self._legend_wanted = ()
            self._fit_legend()
        else:
            self._redraw()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.DevicePixelRatioChange and self._ratio is None:
            self._restyle()  # dragged to a screen of another density: lines keep their look
        super().changeEvent(event)

    # --- what is drawn ---------------------------------------------------------------------
    def series(self, option_id: str) -> tuple[float, ...]:
        """The y values drawn for an option (floats: drawing only)."""
        return series(self._comparison, option_id, self._mode)

    def visible_ids(self) -> tuple[str, ...]:
        """The options drawn as curves: with a figure, and not hidden."""
        return tuple(oid for oid, spec in self._specs.items() if spec.drawn)

    def curve_spec(self, option_id: str) -> CurveSpec | None:
        """How an option's curve is drawn (None when hidden)."""
        return self._specs.get(option_id)

    def break_even_points(self) -> list[tuple[int, float, str]]:
        """(month index, cumulative cost, text) of every break-even, as drawn."""
        c = self._comparison
        if c is None or self._mode != "cumulative":
            return []
        return [(m, y, text) for m, y, text, _label in self._break_even_marks()]

    def _break_even_marks(self) -> list[tuple[int, float, str, str]]:
        c = self._comparison
        if c is None or self._mode != "cumulative":
            return []
        marks = []
        for e in c.break_evens():
            if e.cheaper in self._hidden or e.dearer in self._hidden:
                continue
            marks.append((e.month, float(c.cumulative(e.cheaper)[e.month]), e.reason, e.label))  # float ok: drawing
        return marks

    def break_even_labels(self) -> list[str]:
        """The month labels shown beside the break-even circles."""
        return self.break_evens.shown_labels()

    def end_label_texts(self) -> dict[str, str]:
        """Option id -> the label at the end of its curve."""
        return self.end_labels.texts()

    def axis_title(self) -> str:
        """The money axis title in full, e.g. 'Cumulative cost (USD)'."""
        currency = self._comparison.currency if self._comparison else ""
        return f"{'Cumulative' if self._mode == 'cumulative' else 'Monthly'} cost ({currency})"

    def description(self) -> str:
        """What the chart shows, in words (its accessible description)."""
        c = self._comparison
        if c is None:
            return "No plan"
        drawn = [self._specs[i] for i in self.visible_ids()]
        names = ", ".join(s.name for s in drawn) or "none"
        text = (f"{self._mode.capitalize()} cost in {c.currency} of each option over "
                f"{plural(len(c.months), 'month')}, {c.months[0]} to {c.months[-1]}. Curves: {names}. ")
        return text + figures.caption(c)

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.description())

    # --- drawing ---------------------------------------------------------------------------
    def _curve(self, option_id: str, order: int) -> pg.PlotDataItem:
        curve = self._curves.get(option_id)
        if curve is None:
            # No clipping to the view: the y range always holds every curve, and pyqtgraph's limit
            # re-fed each curve its data (a new path to draw) whenever that range changed.
            curve = pg.PlotDataItem(dynamicRangeLimit=None)
            self.plot_item.addItem(curve)
            self._curves[option_id] = curve
        z = 10 + order / 10  # later options above: a covering dashed curve lies on top
        if curve.zValue() != z:
            curve.setZValue(z)
        return curve

    def _redraw(self) -> None:
        c = self._comparison
        if c is None:
            return
        specs = curve_specs(c, self._mode, self._hidden)
        self._specs = {s.option_id: s for s in specs}
        x = np.arange(len(c.months), dtype=float)
        width = self.line_width()
        low, high = 0.0, 0.0
        for order, option in enumerate(c.options):
            curve = self._curve(option.id, order)
            spec = self._specs.get(option.id)
            self._draw_ok_part(option.id, order, spec, x, width)
            if spec is not None and spec.y:
                low, high = min(low, min(spec.y)), max(high, max(spec.y))
            drawn = (spec, width)  # all that the curve's data, pen, symbols, name and tip come from
            before = self._drawn.get(option.id)
            if before == drawn:  # unchanged (an edit that left the option alone)
                continue
            self._drawn[option.id] = drawn
            if spec is None:  # hidden
                curve.setData([], [])
                curve.hide()
                continue
            y = np.array(spec.y)
            curve.setData(x if len(y) else [], y, pen=spec.pen(width), name=spec.name, **self._symbols(spec, width))
            if before is None or before[0] is None or before[0].tip != spec.tip:  # ~0.04 ms a set
                curve.setToolTip(spec.tip)
            curve.show()
        sample = min(width, max(2.0, self._font_points / 5) * self.pixel_ratio())  # thin enough to show its dashes
        self._legend_wanted = tuple(LegendEntry(s.option_id, s.name, s.tip, s.sample_pen(sample), s.drawn, s.short)
                                    for s in specs)
        self.break_evens.set_points(self._break_even_marks())
        self.end_labels.set_ends(self._ends(specs))
        self.pair_labels.set_pairs(self._pairs(specs))
        self._extent = (low, high if high > low else low + 1.0)
        self._fit_legend()
        self._fit_axis_label()
        self._fit_y(x_range=self._x_range())  # both ranges set, and the scene settled, at once
        self._describe.start()  # after the paint: the words are not needed within the edit's frame
        if 0 <= self.crosshair.month < len(c.months):
            self.show_month(self.crosshair.month)
        else:
            self.show_month(-1)
        self._scene_changed = True

    def _settle_before_paint(self) -> None:
        """The chart drawn in the same paint as the tables that changed with it: before the window
        paints (after its layouts, desktop.before_paint), the scene hands its changed items to the
        view. Qt queues that step behind the window's paint, and the curves came a whole paint
        later (~2.5 ms on an edit)."""
        if self._scene_changed:
            self._scene_changed = False
            QMetaObject.invokeMethod(self.plot.scene(), "_q_processDirtyItems", Qt.DirectConnection)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._painted_by:  # shown in a (new) window: settle before its paint
            if self._painted_by is not None:
                before_paint(self._painted_by).discard(self._settle_before_paint)
            before_paint(window).add(self._settle_before_paint)
            self._painted_by = window

    def _draw_ok_part(self, option_id: str, order: int, spec: CurveSpec | None, x, width: float) -> None:
        y = spec.ok_part() if spec is not None else ()
        part = self._ok_parts.get(option_id)
        # what the part comes from (its NaNs never compare equal)
        drawn = (spec.y, spec.ok_months, spec.colour, width, order) if y else ()
        if part is not None and part.drawn == drawn:  # as last drawn: nothing to set again
            return
        if not y:
            if part is not None:
                part.setData([], [])
                part.hide()
                part.drawn = drawn
            return
        if part is None:
            part = pg.PlotDataItem(connect="finite", dynamicRangeLimit=None)  # as the curves: no clipping
            self.plot_item.addItem(part)
            self._ok_parts[option_id] = part
        part.setZValue(10 + order / 10 + 0.05)
        part.setData(x, np.array(y), pen=curve_pen(spec.colour, width), connect="finite")
        part.show()
        part.drawn = drawn

    def _symbols(self, spec: CurveSpec, width: float) -> dict:
        """A marker on each point of a short series (a one-month plan is a single point): filled
        for a plain total, hollow for a lower bound or a reference figure."""
        if not spec.markers():
            return {"symbol": None}
        brush = spec.colour if spec.figure_kind == "total" else BACKGROUND
        size = max(7.0, width * 3.2) * (1.5 if len(spec.y) == 1 else 1.0)
        size *= 0.5 if spec.covers else 1.0  # inside the marker it covers
        return {"symbol": "o", "symbolSize": size, "symbolBrush": pg.mkBrush(brush),
                "symbolPen": pg.mkPen(spec.colour, width=max(1.5, width * 0.6))}

    def _ends(self, specs: list[CurveSpec]) -> list[tuple]:
        """The end label of each drawn curve; a pair lying on each other shares one label."""
        c = self._comparison
        covered = {i for s in specs for i in s.covers_ids}
        ends = []
        for s in specs:
            if not s.drawn or s.option_id in covered:
                continue
            ids = (*s.covers_ids, s.option_id)  # a pair lying on each other: both, each as core prints it
            parts = tuple((self._specs[i].colour, self._end_amount(i)) for i in ids)
            ends.append((s.option_id, float(len(c.months) - 1), s.y[-1], parts))
        return ends

    def _pairs(self, specs: list[CurveSpec]) -> list[tuple[float, float, str, bool]]:
        """Where to name each pair of curves lying on each other: above them, at 60 % of the
        months or the first free place near it, or left of the point of a one-month plan."""
        n = len(self._comparison.months)
        shares = (0.0,) if n == 1 else (0.6, 0.45, 0.75, 0.3, 0.85)
        pairs = []
        for s in specs:
            if s.covers and s.drawn:
                places = tuple((float(m), s.y[m]) for m in (round((n - 1) * share) for share in shares))
                pairs.append((places, s.together, n == 1))
        return pairs

    def pair_label_texts(self) -> list[str]:
        """The names written beside curves lying on each other."""
        return self.pair_labels.texts()

    def _end_amount(self, option_id: str) -> str:
        c = self._comparison
        option = c.option(option_id)
        value = c.cumulative(option_id)[-1] if self._mode == "cumulative" else option.monthly[-1]
        return figures.amount(option, value)

    def _fit_legend(self, *_args) -> None:
        """The legend that fits the plot's width and height; then the axis title and the y range."""
        room = self.view_box.width() - 2 * LEGEND_OFFSET[0]
        if not self.legend.fit(self._legend_wanted, self._curves, room, self._plot_area_height(), self._font_points):
            return
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

    def _plot_area_height(self) -> float:
        """The height shared by the legend band and the plot (whether or not the legend shows)."""
        pi = self.plot_item
        title = pi.titleLabel.maximumHeight() if pi.titleLabel.isVisible() else 0
        return pi.height() - self.axis.height() - title

    def _fit_axis_label(self) -> None:
        """The longest title that fits the axis' height: in full, shorter, or just the currency."""
        if self._comparison is None:
            return
        axis = self.plot_item.getAxis("left")
        metrics = self._metrics
        room = axis.height() - 8
        currency = self._comparison.currency
        choices = (self.axis_title(), f"{'Cumulative' if self._mode == 'cumulative' else 'Monthly'} ({currency})",
                   currency)
        text = next((t for t in choices if metrics.horizontalAdvance(t) <= room), currency) if room > 0 else choices[0]
        if axis.labelText != text or not axis.label.isVisible():
            self.plot_item.setLabel("left", text, **{"font-size": f"{self._font_points}pt", "color": AXIS_TEXT})

    def _fit_x(self) -> None:
        if self._comparison is None:
            return
        self.plot_item.setXRange(*self._x_range(), padding=0)
        self._settle_scene()

    def _x_range(self) -> tuple[float, float]:
        """Every month, with room on the right for the end labels where the width allows them;
        a one-month plan has its single point in the middle."""
        n = len(self._comparison.months)
        first, last = (-0.5, 0.5) if n == 1 else (-0.02 * (n - 1), (n - 1) * 1.02)
        width = self.view_box.width()
        share = END_LABEL_SHARE_ONE if n == 1 else END_LABEL_SHARE
        # a label found too wide ends the measuring: then none show
        room = self.end_labels.widest(beyond=share * width - LABEL_GAP * 5) + LABEL_GAP * 5
        self._end_labels_shown = 0 < room <= share * width
        if self._end_labels_shown:
            room = self.end_labels.widest() + LABEL_GAP * 5  # every label measured by now: the widest
            end = n - 1 if n > 1 else 0.0
            span = end - first
            last = max(last, end + room * span / (width - room))
        return first, last

    def _fit_y(self, *_args, x_range: tuple[float, float] | None = None) -> None:
        """Y range from 0 (or below) to a round number just above the highest curve (and the x
        range with it when given: one range change, not two); then the labels on the plot, which
        are placed in pixels."""
        if self._comparison is None or self._fitting_y:
            return
        self._fitting_y = True
        try:
            low, high = self._extent
            top = nice_ceiling(high + (high - low) * 0.04)
            # Below 0, room for half the "0" label: pyqtgraph drops a tick label that sticks out of the plot.
            view_px = self.view_box.height()
            below = 0.03
            if view_px > 0:
                below = min(0.2, max(below, (self._metrics.height() * 0.5 + 2) / view_px))
            # a round top: small edits leave the axis (and its repaint) alone
            # auto-range is off from the start: setting it off again signalled the state twice
            self.view_box.setRange(xRange=x_range, yRange=(low - (top - low) * below, top), padding=0,
                                   disableAutoRange=False)
            self._settle_scene()
            self._place_labels()
        finally:
            self._fitting_y = False

    def _settle_scene(self) -> None:
        """What pyqtgraph leaves to the paint, done now: the view's new range moves every item
        (their updates, made during the paint, painted the chart a second time) and the axes'
        labels measured (a wider money label or a taller month re-laid the plot out and painted it
        a third time; a picture taken at once kept the old layout, legend and all)."""
        room = self.money_axis.maximumWidth(), self.axis.maximumHeight()
        self.money_axis.draw_labels()
        self.axis.draw_labels()  # drawn again only when the months or the x range change
        if (self.money_axis.maximumWidth(), self.axis.maximumHeight()) != room and not self._activating:
            self._activating = True
            try:
                self.plot_item.layout.activate()  # the plot narrower or wider now, not after the paint
            finally:
                self._activating = False
        self.view_box.updateMatrix()

    def _place_labels(self) -> None:
        if self._comparison is None:
            return
        taken = self.end_labels.layout(self.view_box, shown=self._end_labels_shown)
        self.break_evens.layout(self.view_box, taken)
        self.pair_labels.layout(self.view_box, taken)

    # --- crosshair -------------------------------------------------------------------------
    def readout_text(self, month: int) -> str:
        """What the crosshair shows for a month: each drawn option's amount, cheapest first."""
        return self.crosshair.text(self._comparison, self._mode, self._hidden, month)

    def readout_html(self, month: int) -> str:
        """The readout as drawn: readout_text with each option's colour swatch."""
        return self.crosshair.html(self._comparison, self._mode, self._hidden, month)

    def show_month(self, month: int) -> None:
        c = self._comparison
        if c is None or not 0 <= month < len(c.months):
            self.crosshair.hide()
            return
        self.crosshair.show(c, self._mode, self._hidden, month)

    def readout_rect(self):
        """Where the readout is drawn, in the view box's pixels (for tests: it must lie inside)."""
        return self.crosshair.rect()

    def _follow_resize(self, *_args) -> None:
        self.crosshair.place()
        self._fit_x()
        self._place_labels()

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
