"""The exported chart draws the quote's numbers where its own axes say they are.

The SVG is read back as a reader would: its money labels ("400,000") are paired with the grid
lines they name, its month labels with the vertical grid lines, and every curve's first and last
points are mapped back through those axes to money and months. Each must be within 1 % of the
axis range of the quote's cumulative value (the SVG once drew the regulated estate's curves
from about -70,000, and its last month past the plot). The PNG is checked against the plot's
own mapping: each curve's colour must be found at its first and last months, within 1 % of the
plot's height of where its value belongs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from core.catalog import option_styles
from core.compare import compare
from core.paths import samples_dir
from core.planfile import load
from desktop.exports.chart_image import chart_image, offscreen_chart, svg_bytes

SVG = "{http://www.w3.org/2000/svg}"
MONEY = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$")
MONTH = re.compile(r"^\d{4}-\d{2}$")
PLANS = ["regulated-estate", "growing-saas", "seed-example-1-disk-encryption"]


def comparison(name):
    return compare(load(samples_dir() / f"{name}.kmsplan"))


def _matrix(transform: str | None) -> np.ndarray:
    m = np.identity(3)
    if not transform:
        return m
    for kind, args in re.findall(r"(matrix|translate|scale)\(([^)]*)\)", transform):
        v = [float(a) for a in re.split(r"[ ,]+", args.strip()) if a]
        if kind == "matrix":
            t = np.array([[v[0], v[2], v[4]], [v[1], v[3], v[5]], [0, 0, 1]])
        elif kind == "translate":
            t = np.array([[1, 0, v[0]], [0, 1, v[1] if len(v) > 1 else 0], [0, 0, 1]])
        else:
            t = np.array([[v[0], 0, 0], [0, v[1] if len(v) > 1 else v[0], 0], [0, 0, 1]])
        m = m @ t
    return m


def _points(text: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]
    return list(zip(numbers[0::2], numbers[1::2]))


class SvgChart:
    """What an SVG chart shows, in its own user space: labels, grid lines, curves by colour."""

    def __init__(self, data: bytes):
        root = ET.fromstring(data)
        self.width = float(root.get("viewBox", root.get("viewBox ", "0 0 0 0")).split()[2]) if root.get("viewBox") else 0
        self.texts: list[tuple[str, float, float]] = []
        self.lines: list[list[tuple[float, float]]] = []
        self.paths: list[tuple[str, list[tuple[float, float]]]] = []
        self._walk(root, np.identity(3), "")

    def _walk(self, node, matrix, stroke):
        matrix = matrix @ _matrix(node.get("transform"))
        stroke = (node.get("stroke") or stroke).lower()
        tag = node.tag.replace(SVG, "")

        def mapped(points):
            return [tuple((matrix @ np.array([x, y, 1.0]))[:2]) for x, y in points]

        if tag == "text" and (node.text or "").strip():
            (x, y), = mapped([(float(node.get("x", 0)), float(node.get("y", 0)))])
            self.texts.append((node.text.strip(), x, y))
        elif tag == "polyline":
            self.lines.append(mapped(_points(node.get("points", ""))))
        elif tag == "path":
            self.paths.append((stroke, mapped(_points(re.sub(r"[MLZz]", " ", node.get("d", ""))))))
        for child in node:
            self._walk(child, matrix, stroke)

    def plot_left(self) -> float:
        """The plot's left edge: where its horizontal grid lines start."""
        return min(min(line[0][0], line[1][0]) for line in self.lines
                   if len(line) == 2 and abs(line[0][1] - line[1][1]) < 0.01 and abs(line[0][0] - line[1][0]) > 200)

    def money_axis(self) -> tuple[np.poly1d, float]:
        """value(y) fitted through each money label and the horizontal grid line it names, and
        the axis range (highest label - lowest)."""
        grid = [line[0][1] for line in self.lines
                if len(line) == 2 and abs(line[0][1] - line[1][1]) < 0.01 and abs(line[0][0] - line[1][0]) > 200]
        pairs = []
        for text, x, y in self.texts:
            if MONEY.match(text) and grid and x < self.plot_left():  # the axis' labels, not the end labels
                nearest = min(grid, key=lambda g: abs(g - y))
                if abs(nearest - y) < 20:
                    pairs.append((nearest, float(text.replace(",", ""))))
        assert len(pairs) >= 3, pairs
        ys, values = zip(*pairs)
        fit = np.poly1d(np.polyfit(ys, values, 1))
        assert max(abs(fit(y) - v) for y, v in pairs) < 1e-4 * max(values), "labels and grid lines disagree"
        return fit, max(values) - min(values)

    def month_axis(self, months: tuple[str, ...]) -> np.poly1d | None:
        """month index(x) through the month labels and the vertical grid lines, in order."""
        grid = sorted(line[0][0] for line in self.lines  # (not the money axis' own line, at the plot's left edge)
                      if len(line) == 2 and abs(line[0][0] - line[1][0]) < 0.01 and abs(line[0][1] - line[1][1]) > 100
                      and line[0][0] > self.plot_left() + 0.5)
        labels = sorted((x, months.index(text)) for text, x, _y in self.texts if MONTH.match(text))
        assert len(grid) == len(labels), (grid, labels)
        if len(labels) < 2:
            return None
        return np.poly1d(np.polyfit(grid, [m for _x, m in labels], 1))

    def curve(self, colour: str) -> list[tuple[float, float]]:
        """The longest path stroked in `colour` (the legend's sample is a 2-point path)."""
        found = [points for stroke, points in self.paths if stroke == colour.lower()]
        assert found, colour
        return max(found, key=len)


@pytest.mark.parametrize("name", PLANS)
def test_svg_curves_sit_on_the_svgs_own_axes(qapp, name):
    c = comparison(name)
    svg = SvgChart(svg_bytes(c))
    value_at, money_range = svg.money_axis()
    month_at = svg.month_axis(c.months)
    n = len(c.months)
    drawn = [o for o in c.options if o.figure_kind != "none"]
    assert drawn
    for option in drawn:
        points = svg.curve(option_styles()[option.id].colour)
        cumulative = [float(v) for v in c.cumulative(option.id)]  # float ok: compared to a drawing
        (x0, y0), (x1, y1) = points[0], points[-1]
        if n == 1:  # one point: a marker, drawn as a closed path around it
            xs, ys = zip(*points)
            y0 = y1 = (max(ys) + min(ys)) / 2
        assert abs(value_at(y0) - cumulative[0]) <= 0.01 * money_range, (option.id, value_at(y0), cumulative[0])
        assert abs(value_at(y1) - cumulative[-1]) <= 0.01 * money_range, (option.id, value_at(y1), cumulative[-1])
        if month_at is not None:
            assert abs(month_at(x0) - 0) <= 0.01 * (n - 1), (option.id, month_at(x0))
            assert abs(month_at(x1) - (n - 1)) <= 0.01 * (n - 1), (option.id, month_at(x1))


def _matches(image: QImage, px: int, py: int, want: QColor) -> bool:
    if not (0 <= px < image.width() and 0 <= py < image.height()):
        return False
    got = image.pixelColor(px, py)
    return abs(got.red() - want.red()) + abs(got.green() - want.green()) + abs(got.blue() - want.blue()) < 60


def _on_curve(image: QImage, pixel, series, month: int, colour: str, tolerance: float, towards: int) -> bool:
    """`colour` within `tolerance` pixels of where the series puts it, in one of the 40 pixel
    columns from `month` along the curve (its first pixels are blended with the curves starting
    there, and a dashed curve may start or end in a gap); each column against the series'
    value at that column, interpolated."""
    want = QColor(colour)
    x0, _y = pixel(month, series[month])
    x_next, _ = pixel(month + towards, series[month + towards])
    for step in range(0, 40):
        px = int(round(x0)) + step * towards
        fraction = (px - x0) / (x_next - x0)
        if fraction < 0:  # the pixel column just before the point
            continue
        if fraction > 1:
            break
        value = series[month] + fraction * (series[month + towards] - series[month])
        _x, y = pixel(month + fraction * towards, value)
        if any(_matches(image, px, py, want) for py in range(int(y - tolerance), int(y + tolerance) + 1)):
            return True
    return False


def _marker_centre(image: QImage, x: float, y: float, colour: str, radius: int) -> tuple[float, float] | None:
    """The centre of the pixels of `colour` within `radius` of (x, y), left of x (right of the
    marker is its end label's swatch): a marker, filled or a ring, is centred on its height."""
    want = QColor(colour)
    found = [(px, py) for px in range(int(x) - radius, int(x) + 1)
             for py in range(int(y) - radius, int(y) + radius + 1) if _matches(image, px, py, want)]
    if not found:
        return None
    xs, ys = zip(*found)
    return (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2


@pytest.mark.parametrize("picture", ["png", "handout"])
@pytest.mark.parametrize("name", PLANS)
def test_png_curves_sit_where_the_plot_maps_their_values(qapp, name, picture):
    """Each curve alone (the others hidden: at month 0 the curves lie on each other), found in
    the picture where the plot's own mapping puts its first and last values; the same for the
    PDF handout's chart (a PNG with its large type, wide and short)."""
    from desktop.exports import pdf_handout

    c = comparison(name)
    width, options = (900, {}) if picture == "png" else (pdf_handout.CHART_WIDTH, pdf_handout.CHART_OPTIONS)
    n = len(c.months)
    drawn = [o.id for o in c.options if o.figure_kind != "none"]
    for option_id in drawn:
        others = tuple(i for i in drawn if i != option_id)
        image = chart_image(c, width, hidden=others, **options)
        with offscreen_chart(c, width, hidden=others, **options) as chart:  # the same layout: the plot's own mapping
            rect = chart.view_box.sceneBoundingRect()
            origin = chart.plot_item.sceneBoundingRect().topLeft()
            (vx0, vx1), (vy0, vy1) = chart.view_box.viewRange()
            scale = image.width() / chart.plot_item.sceneBoundingRect().width()

        def pixel(month: float, value: float) -> tuple[float, float]:
            x = rect.left() + (month - vx0) / (vx1 - vx0) * rect.width()
            y = rect.top() + (vy1 - value) / (vy1 - vy0) * rect.height()
            return (x - origin.x()) * scale, (y - origin.y()) * scale

        tolerance = 0.01 * rect.height() * scale
        colour = option_styles()[option_id].colour
        cumulative = [float(v) for v in c.cumulative(option_id)]  # float ok: compared to a drawing
        if n == 1:  # a marker: its centre where the value belongs
            x, y = pixel(0, cumulative[0])
            centre = _marker_centre(image, x, y, colour, radius=int(0.06 * rect.height() * scale))
            assert centre is not None, option_id
            assert abs(centre[1] - y) <= tolerance, (option_id, centre, x, y)
            continue
        for month, towards in ((0, 1), (n - 1, -1)):
            assert _on_curve(image, pixel, cumulative, month, colour, tolerance, towards), (option_id, month)
