"""The chart exporters: PNG of the width asked for, SVG with one path per curve, the clipboard,
and targets that cannot be written (a clear error, the old file untouched, no stray files)."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from core.catalog import option_styles
from core.compare import compare
from core.exports import ExportError
from core.paths import samples_dir
from core.planfile import load
from desktop.exports import target
from desktop.exports.chart_image import chart_image, copy_chart, export_png, export_svg

SVG = "{http://www.w3.org/2000/svg}"
SAAS = compare(load(samples_dir() / "growing-saas.kmsplan"))  # 36 months, all 6 options priced
ESTATE = compare(load(samples_dir() / "regulated-estate.kmsplan"))  # 60 months, no option ok, 2 with no figure


def curve_paths(svg_file) -> dict[str, list[int]]:
    """stroke colour -> number of straight segments of each <path> drawn in that colour."""
    root = ET.parse(svg_file).getroot()
    parents = {child: parent for parent in root.iter() for child in parent}
    found: dict[str, list[int]] = {}
    for path in root.iter(SVG + "path"):
        stroke = (parents[path].get("stroke") or "").lower()
        found.setdefault(stroke, []).append(path.get("d").count("L"))
    return found


def test_png_has_the_requested_width_and_a_16_by_9_shape(qapp, tmp_path):
    out = tmp_path / "chart.png"
    export_png(SAAS, out, width=2400)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2400, 1350)  # 2400 x 9 / 16
    assert os.listdir(tmp_path) == ["chart.png"]  # the temporary file was renamed, not left behind


def test_png_width_is_honoured_for_other_sizes(qapp):
    image = chart_image(SAAS, 1000)
    assert image.width() == 1000 and abs(image.height() - 562) <= 1


def test_png_is_not_blank(qapp):
    image = chart_image(SAAS, 800)
    colours = {image.pixelColor(x, y).name() for x in range(0, 800, 7) for y in range(0, image.height(), 7)}
    assert "#ffffff" in colours and len(colours) > 20  # a white background with curves and text on it


def test_svg_parses_and_has_one_path_per_curve(qapp, tmp_path):
    out = tmp_path / "chart.svg"
    export_svg(SAAS, out)
    paths = curve_paths(out)
    for option in SAAS.options:
        colour = option_styles()[option.id].colour.lower()
        # one path through all 36 months: 35 straight segments
        assert [n for n in paths.get(colour, []) if n > 0] == [35], option.id


def test_svg_leaves_out_hidden_options_and_draws_the_others(qapp, tmp_path):
    out = tmp_path / "chart.svg"
    export_svg(ESTATE, out, hidden=("dedicated",))
    paths = curve_paths(out)
    assert [n for n in paths.get(option_styles()["payg-legacy"].colour.lower(), []) if n] == [59]
    assert not [n for n in paths.get(option_styles()["dedicated"].colour.lower(), []) if n]


def test_monthly_mode_draws_the_monthly_curves(qapp, tmp_path):
    out = tmp_path / "monthly.svg"
    export_svg(SAAS, out, mode="monthly")
    assert "Monthly cost (USD)" in out.read_text(encoding="utf-8")  # the money axis' title


def test_copy_chart_puts_an_image_on_the_clipboard(qapp):
    QGuiApplication.clipboard().clear()
    copy_chart(SAAS, width=1600)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() == 1600


def test_a_read_only_file_is_refused_and_left_as_it_was(qapp, tmp_path):
    out = tmp_path / "chart.png"
    out.write_bytes(b"old picture")
    out.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(ExportError) as raised:
            export_png(SAAS, out, width=400)
        assert str(raised.value) == f"Cannot write {out}: the file is read-only."
        assert out.read_bytes() == b"old picture"
        assert os.listdir(tmp_path) == ["chart.png"]
    finally:
        out.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_missing_folder_is_named_and_nothing_is_written(qapp, tmp_path):
    out = tmp_path / "nowhere" / "chart.svg"
    with pytest.raises(ExportError, match="the folder .*nowhere does not exist"):
        export_svg(SAAS, out)
    assert not out.parent.exists()


def test_a_failed_write_keeps_the_old_file_and_says_why(qapp, tmp_path, monkeypatch):
    out = tmp_path / "chart.png"
    out.write_bytes(b"old picture")

    def locked(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(target, "write_bytes_atomic", locked)
    with pytest.raises(ExportError) as raised:
        export_png(SAAS, out, width=400)
    assert str(raised.value).startswith(f"Cannot write {out}: the file is read-only, or open in another program")
    assert out.read_bytes() == b"old picture"


def test_a_folder_as_target_is_refused(qapp, tmp_path):
    with pytest.raises(ExportError, match="it is a folder"):
        export_png(SAAS, tmp_path, width=400)


def _month_labels(chart) -> list[str]:
    """The month labels the chart's bottom axis draws."""
    from PySide6.QtGui import QPainter

    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = chart.plot_item.getAxis("bottom").generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


@pytest.mark.parametrize("width, options, expected", [
    # the PNG export, 2400 px, its end labels right of the curves: every 6 months of the 36
    (2400, {}, ["2027-01", "2027-07", "2028-01", "2028-07", "2029-01", "2029-07"]),
    # the chart in the PDF handout, large type on a wide, short picture: every 6 months (it once
    # showed a single label for the whole span)
    ("handout", None, ["2027-01", "2027-07", "2028-01", "2028-07", "2029-01", "2029-07"]),
])
def test_the_month_axis_names_several_months_from_the_first(qapp, width, options, expected):
    from desktop.exports import pdf_handout
    from desktop.exports.chart_image import offscreen_chart

    if width == "handout":
        width, options = pdf_handout.CHART_WIDTH, pdf_handout.CHART_OPTIONS
    with offscreen_chart(SAAS, width, **options) as chart:
        labels = _month_labels(chart)
        spacing = chart.plot_item.getAxis("bottom").label_spacing()
        (x0, x1), _y = chart.view_box.viewRange()
        px_per_month = chart.view_box.width() / (x1 - x0)
    assert labels == expected
    step = 12 * (int(expected[1][:4]) - 2027) + int(expected[1][5:]) - 1
    assert step * px_per_month >= spacing  # labels never crowd each other


def test_the_legend_band_is_laid_out_before_the_picture_is_taken(qapp):
    """The handout's chart of the estate names only the four options it draws (the summary below
    it lists the others), by their short names (the dashes mark them): two rows, straight above
    the plot, with no gap left from a taller legend."""
    from desktop.exports import pdf_handout
    from desktop.exports.chart_image import offscreen_chart

    with offscreen_chart(ESTATE, pdf_handout.CHART_WIDTH, **pdf_handout.CHART_OPTIONS) as chart:
        names = [label.text for _sample, label in chart.legend.items]
        legend = chart.legend.mapRectToScene(chart.legend.boundingRect())
        plot = chart.view_box.sceneBoundingRect()
    assert names == ["KMS 1.0 PAYG", "Software instance PAYG", "Hardware instance PAYG", "Dedicated KMS"]
    assert abs(plot.top() - legend.bottom()) <= 2


def test_a_wide_legend_never_pushes_the_plot_past_the_picture(qapp):
    from desktop.exports import pdf_handout
    from desktop.exports.chart_image import offscreen_chart

    with offscreen_chart(SAAS, pdf_handout.CHART_WIDTH, **pdf_handout.CHART_OPTIONS) as chart:
        plot = chart.view_box.sceneBoundingRect()
        legend = chart.legend.mapRectToScene(chart.legend.boundingRect())
        width = chart.plot_item.sceneBoundingRect().width()
        samples = [sample.boundingRect().width() for sample, _label in chart.legend.items]
    assert plot.right() <= width + 1 and legend.right() <= plot.right() + 1
    assert chart.legend.columnCount >= 2  # six options in at most three rows
    assert min(samples) >= 30  # each line as long as its large type, not pyqtgraph's 20 px


def test_the_png_and_svg_title_carries_the_headline_with_its_caveats(qapp):
    import re

    from core.headline import headline
    from desktop.exports.chart_image import offscreen_chart, svg_bytes

    caveat = headline(SAAS)
    assert caveat.startswith("Cheapest fully priced: Software instance, 18,500.00 USD over 36 months. Not ranked:")
    with offscreen_chart(SAAS, 1200) as chart:  # what the PNG draws
        title = chart.plot_item.titleLabel
        shown = title.item.toPlainText()
        assert title.item.boundingRect().width() <= 1200  # wrapped: it never widens the picture
    assert shown.startswith("Growing SaaS with rotation (software keys): cumulative cost, 2027-01 to 2029-12")
    assert caveat in shown.replace("\n", " ").replace("\u2028", " ")
    lines = re.findall(r">([^<>]+)</text>", svg_bytes(SAAS).decode("utf-8"))
    words = " ".join(line.strip() for line in lines)
    assert caveat in words
    no_caveat = " ".join(re.findall(r">([^<>]+)</text>", svg_bytes(SAAS, caption="").decode("utf-8")))
    assert "Not ranked" not in no_caveat


def test_a_one_month_plan_says_1_month(qapp):
    from desktop.exports.chart_image import chart_title

    seed = compare(load(samples_dir() / "seed-example-1-disk-encryption.kmsplan"))
    assert chart_title(seed) == "Seed example 1: cloud disk encryption in Singapore: cumulative cost, 2024-04 (1 month)"
    assert "1 months" not in chart_title(seed)
