"""Labels drawn on the plot: a circle at each break-even with its month ("2027-11"), the amount
at the end of each curve, and the names of curves that lie on each other ("Hardware instance =
Dedicated KMS"), all kept apart from each other in pixels."""

from __future__ import annotations

import math
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QTextDocument

from desktop.chart.style import TEXT, font

LABEL_GAP = 2.0  # px between two labels, and between a label and its point
TOP_LEFT = pg.Point(0.0, 0.0)  # the anchor of every placed label


class PixelMap:
    """Between the view box's data coordinates and its pixels (y grows downwards)."""

    def __init__(self, view_box):
        rect = view_box.boundingRect()
        (self.x0, self.x1), (self.y0, self.y1) = view_box.viewRange()  # the range: the matrix lags a paint
        self.width, self.height = max(1.0, rect.width()), max(1.0, rect.height())

    def px(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.x0) / ((self.x1 - self.x0) or 1) * self.width,
                (self.y1 - y) / ((self.y1 - self.y0) or 1) * self.height)

    def data_y(self, py: float) -> float:
        return self.y1 - py / self.height * (self.y1 - self.y0)

    def data_dx(self, px: float) -> float:
        return px / self.width * (self.x1 - self.x0)


def _text_item(anchor) -> pg.TextItem:
    item = pg.TextItem(anchor=anchor, color=TEXT)
    item.setZValue(50)
    return item


def _place(item: pg.TextItem, x: float, y: float) -> None:
    """Top left at (x, y), set only where it moved: each set runs pyqtgraph's item-change hooks."""
    if item.anchor != TOP_LEFT:
        item.setAnchor(TOP_LEFT)
    pos = item.pos()
    if pos.x() != x or pos.y() != y:
        item.setPos(x, y)


def _show(item: pg.TextItem, visible: bool) -> None:
    if item.isVisible() != visible:
        item.setVisible(visible)


def _size(item: pg.TextItem) -> tuple[float, float]:
    rect = item.textItem.boundingRect()
    return rect.width(), rect.height()


class BreakEvenMarkers:
    """Circles where one cumulative curve drops below another, each month labelled once (the
    circle's tooltip says who and why)."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.scatter = pg.ScatterPlotItem(size=13, symbol="o", pen=pg.mkPen(TEXT, width=2),
                                          brush=pg.mkBrush(255, 255, 255, 220), hoverable=True,
                                          tip=lambda x, y, data: data)
        self.scatter.setZValue(40)
        self.scatter.hide()  # until there are circles
        plot_item.addItem(self.scatter)
        self.labels: list[pg.TextItem] = []
        self._labelled: list[tuple[pg.TextItem, int, float]] = []  # (label, month, y of its highest circle)
        self._points: list[tuple[int, float, str, str]] = []
        self._font_points = 10.0

    def set_points(self, points: list[tuple[int, float, str, str]]) -> None:
        """(month index, y, tooltip, month label) of each break-even; layout places the labels."""
        if points == self._points:  # as drawn: the circles rebuilt for nothing
            return
        self._points = points
        self.scatter.setData([{"pos": (m, y), "data": tip} for m, y, tip, _label in points])
        _show(self.scatter, bool(points))  # an empty scatter still costs ~0.15 ms a paint
        by_month: dict[int, tuple[float, str]] = {}
        for m, y, _tip, label in points:
            if m not in by_month or y > by_month[m][0]:
                by_month[m] = (y, label)
        while len(self.labels) < len(by_month):
            item = _text_item((0.5, 1.0))
            item.setFont(font(self._font_points))
            self.plot_item.addItem(item, ignoreBounds=True)
            self.labels.append(item)
        self._labelled = []
        for item, (m, (y, label)) in zip(self.labels, sorted(by_month.items())):
            item.setText(label)
            self._labelled.append((item, m, y))
        for item in self.labels[len(by_month):]:
            _show(item, False)

    def set_style(self, *, size: float, pen, font_points: float) -> None:
        self.scatter.setSize(size)
        self.scatter.setPen(pen)
        self._font_points = font_points
        for item in self.labels:
            item.setFont(font(font_points))

    def shown_labels(self) -> list[str]:
        return [item.toPlainText() for item in self.labels if item.isVisible()]

    def layout(self, view_box, taken: list[QRectF]) -> None:
        """Each month's label just above its highest circle, or below, right or left of it when
        that would cover another label; left out (the list beside the chart has it) when none fits."""
        pixels = PixelMap(view_box)
        radius = self.scatter.opts["size"] / 2 + LABEL_GAP
        for item, m, y in self._labelled:
            w, h = _size(item)
            x_px, y_px = pixels.px(m, y)
            placed = False
            for left, top in ((x_px - w / 2, y_px - radius - h), (x_px - w / 2, y_px + radius),  # above, below
                              (x_px + radius, y_px - h / 2), (x_px - radius - w, y_px - h / 2)):  # right, left
                rect = QRectF(left, top, w, h)
                if rect.top() < 0 or rect.bottom() > pixels.height or any(rect.intersects(r) for r in taken):
                    continue
                _place(item, pixels.x0 + pixels.data_dx(left), pixels.data_y(top))
                taken.append(rect)
                placed = True
                break
            _show(item, placed)


class EndLabels:
    """The amount at the end of each curve, right of its last point (the chart keeps room for
    them), moved apart vertically so none covers another. A label's rich text is laid out on the
    plot only when the labels show: while there is no room for them (the chart asks how wide the
    widest would be), a document off the scene measures it for a fraction of the cost."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.items: dict[str, pg.TextItem] = {}
        self._ends: list[tuple[str, float, float]] = []  # (option id, x, y)
        self._html: dict[str, str] = {}  # option id -> the rich text its label is to show
        self._font_points = 10.0
        self._measure = QTextDocument()
        self._measure.setDefaultFont(font(self._font_points))
        self._widths: dict[str, float] = {}  # rich text -> its width measured off the plot
        self._amounts: dict[str, tuple[str, ...]] = {}  # option id -> the amounts its label shows
        self._metrics = QFontMetricsF(font(self._font_points))

    def set_ends(self, ends: list[tuple[str, float, float, tuple[tuple[str, str], ...]]]) -> None:
        """(option id, x, y, ((colour, text), ...)) of each curve's last point: one (colour,
        text) per curve ending there ("■■ 66,563.00" when they read the same)."""
        self._ends = [(oid, x, y) for oid, x, y, _parts in ends]
        wanted = {oid for oid, *_ in ends}
        for oid, item in self.items.items():
            if oid not in wanted:
                _show(item, False)
        for oid, x, y, parts in ends:
            if oid not in self.items:
                item = _text_item((0.0, 0.5))
                item.setFont(font(self._font_points))
                self.plot_item.addItem(item, ignoreBounds=True)
                self.items[oid] = item
            self._amounts[oid] = tuple(dict.fromkeys(text for _c, text in parts))
            if len({text for _c, text in parts}) == 1:
                swatches = "".join(f'<span style="color:{colour}">&#9632;</span>' for colour, _t in parts)
                self._html[oid] = f"{swatches} {escape(parts[0][1])}"
            else:
                self._html[oid] = "<br>".join(f'<span style="color:{colour}">&#9632;</span> {escape(text)}'
                                              for colour, text in parts)

    def _render(self, oid: str) -> pg.TextItem:
        """The label with its rich text laid out (~0.15 ms a label on the plot: set only when new)."""
        item, html = self.items[oid], self._html[oid]
        if getattr(item, "html", None) != html:
            item.textItem.setHtml(html)  # not TextItem.setHtml: its own check renders the old html
            item.updateTextPos()
            item.html = html
        return item

    def set_font(self, points: float) -> None:
        self._font_points = points
        self._measure.setDefaultFont(font(points))
        self._metrics = QFontMetricsF(font(points))
        self._widths.clear()
        for item in self.items.values():
            item.setFont(font(points))

    def texts(self) -> dict[str, str]:
        """Option id -> its label, for the labels shown."""
        return {oid: self.items[oid].toPlainText() for oid, _x, _y in self._ends if self.items[oid].isVisible()}

    def _known_width(self, oid: str) -> float | None:
        """The label's width if it is laid out or was measured already (None: not yet)."""
        item, html = self.items[oid], self._html[oid]
        if getattr(item, "html", None) == html:
            return _size(item)[0]
        return self._widths.get(html)

    def _width(self, oid: str) -> float:
        width = self._known_width(oid)
        if width is None:
            if len(self._widths) >= 64:  # the amounts of the last few steps
                self._widths.clear()
            html = self._html[oid]
            self._measure.setHtml(html)  # as wide as the label would be: the same document, off the plot
            width = self._widths[html] = self._measure.size().width()
        return width

    def _least_width(self, oid: str) -> float:
        """Less than the label's width, for ~1/50 of measuring it: its widest amount's own width
        (the label adds the swatches, a space and the document's margins)."""
        return max(self._metrics.horizontalAdvance(text) for text in self._amounts[oid])

    def widest(self, beyond: float = math.inf) -> float:
        """The widest label's width; or, as soon as one is found wider than `beyond`, that one's
        width or less (the chart only needs to know the labels do not fit: on a narrow plot a
        step measured every new amount, ~0.05-0.2 ms a label, for labels not shown). Widths
        known already first, then amounts too wide on their own, then the labels measured."""
        ids = [oid for oid, _x, _y in self._ends]
        known = [self._known_width(oid) for oid in ids]
        widest = max((w for w in known if w is not None), default=0.0)
        if widest > beyond:
            return widest
        unknown = [oid for oid, width in zip(ids, known) if width is None]
        if beyond < math.inf:
            least = max((self._least_width(oid) for oid in unknown), default=0.0)
            if least > beyond:
                return least
        for oid in unknown:
            widest = max(widest, self._width(oid))
            if widest > beyond:
                break
        return widest

    def layout(self, view_box, *, shown: bool = True) -> list[QRectF]:
        """Place the labels right of their points; return the pixel rectangles they take."""
        pixels = PixelMap(view_box)
        rows = []
        for oid, x, y in self._ends:
            if not shown:
                _show(self.items[oid], False)
                continue
            item = self._render(oid)
            _show(item, True)
            w, h = _size(item)
            x_px, y_px = pixels.px(x, y)
            rows.append([y_px - h / 2, h, w, x_px, oid])
        rows.sort(key=lambda r: r[0])
        for before, row in zip(rows, rows[1:]):  # push down what overlaps the label above it
            row[0] = max(row[0], before[0] + before[1] + LABEL_GAP)
        overflow = (rows[-1][0] + rows[-1][1]) - pixels.height if rows else 0.0
        if overflow > 0:  # then back up from the bottom edge
            rows[-1][0] -= overflow
            for row, above in zip(reversed(rows), list(reversed(rows))[1:]):
                above[0] = min(above[0], row[0] - above[1] - LABEL_GAP)
        if rows and rows[0][0] < LABEL_GAP:  # a label at the very top would be cut by the plot's edge
            rows[0][0] = float(LABEL_GAP)
            for before, row in zip(rows, rows[1:]):
                row[0] = max(row[0], before[0] + before[1] + LABEL_GAP)
        taken = []
        for top, h, w, x_px, oid in rows:
            _place(self.items[oid], pixels.x0 + pixels.data_dx(x_px + LABEL_GAP * 3), pixels.data_y(top))
            taken.append(QRectF(x_px + LABEL_GAP * 3, top, w, h))
        return taken


class PairLabels:
    """The names of curves lying on each other, written beside them ("Hardware instance =
    Dedicated KMS"): above the curves at the first of a few places along them where the name
    covers no other label, or left of the lone point of a one-month plan; left out where none is
    free (the shared end label still shows both colours)."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.items: list[pg.TextItem] = []
        self._pairs: list[tuple[tuple[tuple[float, float], ...], bool]] = []
        self._font_points = 10.0

    def set_pairs(self, pairs: list[tuple[tuple[tuple[float, float], ...], str, bool]]) -> None:
        """(places, text, left) of each pair: the (x, y) points along the curves to try, in order."""
        self._pairs = [(places, left) for places, _t, left in pairs]
        while len(self.items) < len(pairs):
            item = _text_item((0.0, 0.0))
            item.setFont(font(self._font_points))
            self.plot_item.addItem(item, ignoreBounds=True)
            self.items.append(item)
        for item, (_places, text, _left) in zip(self.items, pairs):
            item.setText(text)
        for item in self.items[len(pairs):]:
            _show(item, False)

    def set_font(self, points: float) -> None:
        self._font_points = points
        for item in self.items:
            item.setFont(font(points))

    def texts(self) -> list[str]:
        return [item.toPlainText() for item in self.items[:len(self._pairs)] if item.isVisible()]

    def layout(self, view_box, taken: list[QRectF]) -> None:
        pixels = PixelMap(view_box)
        for item, (places, left) in zip(self.items, self._pairs):
            w, h = _size(item)
            placed = None
            for x, y in places:
                x_px, y_px = pixels.px(x, y)
                if left:  # clear of the point's marker (about as wide as the type is tall)
                    rect = QRectF(x_px - w - h - LABEL_GAP, y_px - h / 2, w, h)
                else:
                    rect = QRectF(x_px - w / 2, y_px - h - LABEL_GAP * 3, w, h)
                if (rect.left() >= 0 and rect.top() >= 0 and rect.right() <= pixels.width
                        and rect.bottom() <= pixels.height and not any(rect.intersects(r) for r in taken)):
                    placed = rect
                    break
            if placed is not None:
                _place(item, pixels.x0 + pixels.data_dx(placed.left()), pixels.data_y(placed.top()))
                taken.append(placed)
            _show(item, placed is not None)
