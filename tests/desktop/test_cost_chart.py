"""The cost chart (desktop/chart/): the curves are core's numbers, monthly or cumulative;
break-even markers, a readout inside the plot, a legend that never covers a curve, grouped thousands."""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from core.compare import compare
from core.money import fmt_money
from core.planfile import load
from desktop.chart import CostChart
from desktop.chart.axes import MoneyAxis

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def saas():
    return compare(load(SAMPLES / "growing-saas.kmsplan"))


def priced(plan):
    """The plan with the prices and capacities a user would enter to rank every option: the Cloud
    HSM cluster (0 here, so Hardware instance and Dedicated KMS cost exactly the same) and the
    Dedicated KMS capacity."""
    return plan.with_(price_overrides={"cloud-hsm.cluster.month": Decimal(0)},
                      limit_overrides={"dedicated_instance_key_quota": Decimal(1000),
                                       "dedicated_instance_qps": Decimal(1000)})


@pytest.fixture
def saas_priced():
    return compare(priced(load(SAMPLES / "growing-saas.kmsplan")))


def test_series_are_cores_numbers_and_the_toggle_switches_them(chart, saas):
    assert chart.mode == "cumulative"
    assert chart.series("dedicated") == tuple(float(v) for v in saas.cumulative("dedicated"))
    assert chart.series("dedicated")[2] == 3 * 1799.0
    chart.set_mode("monthly")
    assert chart.series("dedicated") == (1799.0,) * 36
    x, y = chart._curves["dedicated"].getData()
    assert list(y) == [1799.0] * 36
    chart.set_mode("cumulative")
    assert chart._curves["dedicated"].getData()[1][-1] == 36 * 1799.0


def test_break_even_markers_are_cores(chart, saas_priced):
    chart.set_comparison(saas_priced)
    points = chart.break_even_points()
    assert [(m, text) for m, _y, text in points] == [(e.month, e.reason) for e in saas_priced.break_evens()]
    assert points[0][0] == 10  # Dedicated KMS undercuts Hardware instance PAYG from month 11 (2027-11)
    assert chart.break_even_labels() == ["2027-11", "2028-02"]  # each month labelled once
    chart.set_mode("monthly")
    assert chart.break_even_points() == []
    assert chart.break_even_labels() == []


def test_readout_lists_amounts_cheapest_first_and_stays_inside(qtbot, chart, saas):
    text = chart.readout_text(35).splitlines()
    assert text[0].startswith("2029-12 (month 36)")
    assert text[1] == f"Software instance: {fmt_money(saas.cumulative('instance-software')[35])} USD"
    assert text[1] == "Software instance: 18,500.00 USD"
    assert '<span style="color:#E69F00">■</span> Software instance: 18,500.00 USD' in chart.readout_html(35)
    for month in (0, 17, 35):
        chart.show_month(month)
        qtbot.wait(1)
        inside = chart.view_box.boundingRect()
        assert chart.readout.isVisible()
        assert inside.contains(chart.readout_rect()), month
    chart.show_month(-1)
    assert not chart.readout.isVisible()


def test_legend_sits_above_every_curve(qtbot, chart):
    for mode in ("cumulative", "monthly"):
        chart.set_mode(mode)
        qtbot.wait(1)
        legend = chart.legend.mapRectToItem(chart.view_box, chart.legend.boundingRect())
        legend_bottom = chart.view_box.mapToView(legend.bottomLeft()).y()
        highest = max(max(chart.series(i)) for i in chart.visible_ids())
        assert legend_bottom > highest, mode
        assert legend.right() <= chart.view_box.boundingRect().right()


def test_legend_fits_a_narrow_chart(qtbot, chart):
    chart.resize(560, 400)
    qtbot.wait(5)
    legend = chart.legend.mapRectToItem(chart.view_box, chart.legend.boundingRect())
    assert legend.right() <= chart.view_box.boundingRect().right()
    assert chart.legend.columnCount < 3


def test_money_axis_groups_thousands():
    axis = MoneyAxis(orientation="left")
    assert axis.tickStrings([0, 120000, 1500000], 1, 100000) == ["0", "120,000", "1,500,000"]
    assert axis.tickStrings([0.5, 1.0], 1, 0.5) == ["0.5", "1.0"]


def test_axis_title_does_not_touch_the_tick_labels(qtbot, chart):
    axis = chart.plot_item.getAxis("left")

    def gap():
        title_right = axis.label.mapRectToParent(axis.label.boundingRect()).right()
        return axis.width() - axis.style["tickTextOffset"][0] - axis.textWidth - title_right

    qtbot.waitUntil(lambda: axis.textWidth > 40)  # "120,000" measured on the first paint
    qtbot.waitUntil(lambda: gap() >= 4, timeout=2000)


def test_hidden_and_unavailable_options(qtbot):
    estate = compare(load(SAMPLES / "regulated-estate.kmsplan"))
    chart = CostChart()
    qtbot.addWidget(chart)
    chart.resize(1400, 700)  # room for the names with their status in 2 or 3 columns
    chart.set_comparison(estate)
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.waitUntil(lambda: len(chart.legend.items[1][1].text) > len("Software instance"))
    labels = {label.text: label for _sample, label in chart.legend.items}
    # Nothing to draw for the software instance (it cannot hold HSM keys and has no figure): greyed, no curve
    assert "Software instance (holds no HSM keys)" in labels
    assert labels["Software instance (holds no HSM keys)"].toolTip().startswith(
        "Software key management instance (subscription): holds no HSM keys. The plan has 5,300 HSM-protected keys")
    assert len(chart._curves["instance-software"].getData()[1] or []) == 0
    # Options that are not ok but priced keep their curves, dashed, named with their status
    assert chart.visible_ids() == ("payg-legacy", "payg-instance-software", "payg-instance-hardware", "dedicated")
    assert "Dedicated KMS (capacity not published)" in labels
    assert chart._curves["dedicated"].opts["pen"].style() == Qt.CustomDashLine
    chart.set_hidden({"payg-legacy"})
    assert chart.visible_ids() == ("payg-instance-software", "payg-instance-hardware", "dedicated")
    assert not any(name.startswith("KMS 1.0 PAYG") for name in (label.text for _s, label in chart.legend.items))
    assert not chart._curves["payg-legacy"].isVisible()


def test_redraw_updates_curves_in_place(chart, saas):
    items = list(chart.plot_item.listDataItems())
    chart.set_comparison(saas)
    chart.set_mode("monthly")
    assert list(chart.plot_item.listDataItems()) == items


def test_font_size_grows_legend_and_lines(chart):
    chart.set_font_size(18)
    assert chart.legend.items[0][1].opts["size"] == "18pt"
    assert chart._curves["dedicated"].opts["pen"].widthF() == 5


def test_redrawing_does_not_drain_references_to_none(qtbot, chart):
    """PySide6 6.12.0 on Python 3.11 lost a reference to None on every void call, so a session died
    after some thousands of repaints ("none_dealloc"); pyproject.toml excludes it. This guards it."""
    import gc
    import sys

    chart.resize(800, 450)
    qtbot.wait(1)
    gc.collect()
    gc.disable()  # a collection meanwhile frees earlier tests' objects and their references to None
    try:
        before = sys.getrefcount(None)
        for i in range(30):
            chart.resize(800 + i, 450)
            chart.show_month(i)
            chart.repaint()
        assert sys.getrefcount(None) > before - 500
    finally:
        gc.enable()


def test_hovering_snaps_the_crosshair_to_a_month(qtbot, chart):
    from PySide6.QtCore import QPoint, QPointF

    qtbot.wait(20)
    vb = chart.view_box
    scene_point = vb.mapViewToScene(QPointF(12.2, 1000))
    view_point = chart.plot.mapFromScene(scene_point)
    with qtbot.waitSignal(chart.hovered, timeout=2000) as signal:
        qtbot.mouseMove(chart.plot.viewport(), QPoint(int(view_point.x()), int(view_point.y())))
    assert signal.args == [12]
    assert chart.vline.isVisible() and chart.vline.value() == 12
    assert chart.readout.isVisible()
    assert chart.readout.toPlainText().startswith("2028-01 (month 13)")


def test_a_short_plot_keeps_the_drawn_options_in_the_legend_then_none(qtbot):
    estate = compare(load(SAMPLES / "regulated-estate.kmsplan"))
    chart = CostChart()
    qtbot.addWidget(chart)
    chart.set_comparison(estate)
    chart.resize(1400, 600)
    chart.show()
    qtbot.waitExposed(chart)
    names = lambda: [label.text for _s, label in chart.legend.items]  # noqa: E731
    qtbot.waitUntil(lambda: "Software instance (holds no HSM keys)" in names())
    assert chart.legend.isVisible()
    chart.resize(700, 240)
    qtbot.waitUntil(lambda: names() == ["KMS 1.0 PAYG", "Software instance PAYG", "Hardware instance PAYG",
                                        "Dedicated KMS"])
    assert chart.legend.isVisible()
    chart.resize(700, 120)
    qtbot.waitUntil(lambda: not chart.legend.isVisible())


def test_month_labels_thin_out_for_large_type(chart):
    chart.axis.months = tuple(f"{2027 + m // 12}-{m % 12 + 1:02d}" for m in range(60))
    (step_small, _),  = chart.axis.tickValues(0, 59, 1000)
    chart.set_font_size(24)
    (step_large, ticks), = chart.axis.tickValues(0, 59, 1000)
    assert step_small == 6 and step_large > step_small
    assert 1000 * step_large / 59 >= chart.axis.label_spacing()  # pixels between labels >= a label
    assert ticks == list(range(0, 60, step_large))


def test_legend_is_a_band_above_the_plot_and_the_curves_reach_its_top(qtbot, chart):
    legend = chart.legend.mapRectToScene(chart.legend.boundingRect())
    plot = chart.view_box.sceneBoundingRect()
    assert legend.height() > 20 and legend.bottom() <= plot.top() + 1
    assert abs(legend.left() - plot.left()) <= 1  # aligned with the plot's left edge
    # No band kept free inside the plot: the y range ends at a round number just above the highest
    # curve (Hardware instance PAYG, 113,165.72 USD) -> 120,000.
    (_x0, _x1), (_y0, top) = chart.view_box.viewRange()
    assert top == 120_000


def test_the_first_month_has_a_label(qtbot, chart):
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = chart.axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    labels = [text for _rect, _flags, text in texts]
    assert labels[0] == "2027-01" and len(labels) >= 4  # 900 px: every 6 months, from the first
    assert labels == ["2027-01", "2027-07", "2028-01", "2028-07", "2029-01", "2029-07"]


def test_clicking_a_legend_line_does_not_hide_a_curve_behind_the_summarys_back(qtbot, chart):
    from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent

    sample, _label = chart.legend.items[0]
    event = MouseClickEvent.__new__(MouseClickEvent)
    event._button, event.accepted = Qt.LeftButton, False
    event.ignore = lambda: setattr(event, "accepted", False)
    event.accept = lambda: setattr(event, "accepted", True)
    sample.mouseClickEvent(event)
    assert chart._curves["payg-legacy"].isVisible()  # only the summary's ticks hide curves


def test_a_one_month_plan_shows_each_option_as_a_marker_in_the_middle(qtbot):
    seed = compare(load(SAMPLES / "seed-example-1-disk-encryption.kmsplan"))
    assert len(seed.months) == 1
    chart = CostChart()
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    chart.set_comparison(seed)
    chart.show()
    qtbot.waitExposed(chart)
    for option_id in chart.visible_ids():
        curve = chart._curves[option_id]
        assert curve.opts["symbol"] == "o", option_id  # one point, drawn as a marker
        assert list(curve.getData()[1]) == [float(seed.cumulative(option_id)[0])]
    (x0, x1), _ = chart.view_box.viewRange()
    assert x0 < 0 < x1 and x0 == -0.5  # the month in the plot, not on its edge
    assert chart.axis.tickValues(x0, x1, 800) == [(1, [0])]
    qtbot.waitUntil(lambda: "payg-legacy" in chart.end_label_texts())
    assert chart.end_label_texts()["payg-legacy"] == "■ 0.99"  # the seed's 0.99225 USD, as core prints it
    assert chart.curve_spec("payg-legacy").figure_kind == "total"
    assert chart._curves["payg-legacy"].opts["symbolBrush"].color().name() == "#0072b2"  # filled: a plain total
    assert chart._curves["dedicated"].opts["symbolBrush"].color().name() == "#ffffff"  # hollow: a reference


def test_a_long_plan_has_no_markers_on_its_curves(chart):
    assert all(chart._curves[i].opts["symbol"] is None for i in chart.visible_ids())


def test_coinciding_curves_stay_visible_and_are_named_together(qtbot, chart, saas_priced):
    chart.set_comparison(saas_priced)
    assert chart.series("instance-hardware") == chart.series("dedicated")  # 1,799 a month each
    spec = chart.curve_spec("dedicated")
    assert spec.covers == ("Hardware instance",)
    pen = chart._curves["dedicated"].opts["pen"]
    assert pen.style() == Qt.CustomDashLine and pen.dashOffset() > 0  # the one below shows through the gaps
    assert chart._curves["instance-hardware"].opts["pen"].style() == Qt.SolidLine
    assert chart._curves["dedicated"].zValue() > chart._curves["instance-hardware"].zValue()
    qtbot.waitUntil(lambda: "dedicated" in chart.end_label_texts())
    assert chart.end_label_texts()["dedicated"] == "■■ 66,563.00"  # both colours, one amount
    assert "instance-hardware" not in chart.end_label_texts()  # one label for the pair
    assert chart.pair_label_texts() == ["Hardware instance = Dedicated KMS"]


def test_options_that_are_not_ok_are_dashed_and_their_end_values_say_so(qtbot, chart, saas):
    kinds = {o.id: o.figure_kind for o in saas.options}
    assert kinds == {"payg-legacy": "reference", "instance-software": "total", "instance-hardware": "lower-bound",
                     "payg-instance-software": "total", "payg-instance-hardware": "lower-bound",
                     "dedicated": "reference"}
    for option_id, kind in kinds.items():
        style = chart._curves[option_id].opts["pen"].style()
        assert (style == Qt.SolidLine) == (kind == "total"), option_id
    qtbot.waitUntil(lambda: len(chart.end_label_texts()) == 6)
    from core.status import figure_text

    # each end value as core prints that option's amounts (core.status.figure_text)
    assert chart.end_label_texts() == {o.id: f"■ {figure_text(o, o.total)}" for o in saas.options}
    labels = chart.end_label_texts()
    assert labels["instance-software"] == "■ 18,500.00" and labels["payg-instance-software"] == "■ 108,233.72"
    assert labels["payg-legacy"] == "■ 18,870.45 (reference)"
    assert labels["instance-hardware"] == "■ ≥ 66,563.00" and labels["payg-instance-hardware"] == "■ ≥ 113,165.72"
    assert labels["dedicated"].startswith("■ ") and "64,764.00" in labels["dedicated"] and labels["dedicated"] != "■ 64,764.00"
    # the readout ranks plain totals and lists the others after them, as core prints them
    lines = chart.readout_text(35).splitlines()
    assert lines[1:3] == ["Software instance: 18,500.00 USD", "Software instance PAYG: 108,233.72 USD"]
    assert "KMS 1.0 PAYG: 18,870.45 USD (reference)" in lines
    assert "Hardware instance PAYG: ≥ 113,165.72 USD" in lines


def test_end_labels_never_cover_each_other(qtbot, chart):
    qtbot.waitUntil(lambda: len(chart.end_label_texts()) == 6)
    rects = sorted((item.mapRectToScene(item.boundingRect()) for item in chart.end_labels.items.values()),
                   key=lambda r: r.top())
    for above, below in zip(rects, rects[1:]):
        assert above.bottom() <= below.top() + 1
    assert all(chart.view_box.sceneBoundingRect().contains(r) for r in rects)


def test_line_widths_follow_the_screens_pixel_ratio(chart):
    chart.set_pixel_ratio(1.0)
    one = chart._curves["instance-software"].opts["pen"].widthF()
    chart.set_pixel_ratio(2.0)
    assert chart._curves["instance-software"].opts["pen"].widthF() == 2 * one == 5.0
    assert chart.break_evens.scatter.opts["size"] == 26  # the break-even circles too
    chart.set_pixel_ratio(None)  # back to the screen's own ratio
    assert chart.pixel_ratio() == max(1.0, chart.devicePixelRatioF())


def test_the_chart_has_an_accessible_name_and_a_description_in_words(qtbot, chart, saas):
    from core.headline import headline

    assert chart.accessibleName() == "Cost chart"
    qtbot.waitUntil(lambda: chart.accessibleDescription() != "")  # written just after the paint
    description = chart.accessibleDescription()
    assert description.startswith("Cumulative cost in USD of each option over 36 months, 2027-01 to 2029-12.")
    assert "Dedicated KMS (capacity not published)" in description
    assert description.endswith(headline(saas))
    chart.set_mode("monthly")
    qtbot.waitUntil(lambda: chart.accessibleDescription().startswith("Monthly cost in USD"))


def test_the_chart_stays_light_with_a_border_under_a_dark_palette(qtbot, chart):
    from PySide6.QtGui import QColor, QPalette

    dark = QPalette()
    for role in (QPalette.Window, QPalette.Base, QPalette.Button):
        dark.setColor(role, QColor("#202020"))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        dark.setColor(role, QColor("#f0f0f0"))
    chart.setPalette(dark)
    qtbot.wait(5)
    image = chart.grab().toImage()
    inside = image.pixelColor(image.width() // 2, image.height() // 2).name()
    assert inside in ("#ffffff", "#e3e3e3") or image.pixelColor(image.width() - 20, image.height() // 2).name() == "#ffffff"
    assert chart.legend.items[0][1].opts["color"] in ("#222222", "#222")  # dark text on the white plot
    assert "border" in chart.plot.styleSheet()


def test_an_option_ok_for_its_first_months_is_solid_up_to_there_then_dashed(qtbot, chart):
    """KMS 1.0 for a customer who already used it, from 2025-01: fully priced until it ended
    (2025-09-30), a reference figure after. Its curve is dash-dot, with a solid part over the
    nine months in which it is ok (joined to the tenth point, so the two meet)."""
    import math

    plan = load(SAMPLES / "growing-saas.kmsplan").with_(kms1_user=True, start_month="2025-01", months=24)
    c = compare(plan)
    assert c.option("payg-legacy").monthly_status[:9] == ("ok",) * 9
    assert c.option("payg-legacy").first_problem_month == "2025-10"
    chart.set_comparison(c)
    assert chart._curves["payg-legacy"].opts["pen"].style() == Qt.CustomDashLine
    part = chart._ok_parts["payg-legacy"]
    assert part.isVisible() and part.opts["pen"].style() == Qt.SolidLine
    _x, y = part.getData()
    drawn = [not math.isnan(v) for v in y]
    assert drawn == [True] * 10 + [False] * 14
    assert list(y[:10]) == [float(v) for v in c.cumulative("payg-legacy")[:10]]
    assert "Fully priced until 2025-09" in chart.curve_spec("payg-legacy").tip
    assert "instance-hardware" not in chart._ok_parts or not chart._ok_parts["instance-hardware"].isVisible()
    chart.set_mode("monthly")
    assert part.isVisible() and list(part.getData()[1][:9]) == [float(v) for v in c.option("payg-legacy").monthly[:9]]


def test_a_typed_edit_draws_the_new_curves_in_the_same_paint_as_the_tables(qtbot, main_window):
    """Qt hands a scene's changes to its view in a call queued behind the window's pending paint:
    the curves of an edit came one paint after the tables."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView

    main_window.resize(1440, 900)
    main_window.show()
    qtbot.waitExposed(main_window)
    qtbot.wait(100)
    inventory = main_window.inventory
    chart, summary = main_window.analysis.chart.plot.viewport(), main_window.analysis.summary.viewport()
    index = inventory.proxy.mapFromSource(inventory.model.index(0, inventory.model.column_index("count")))
    inventory.view.setCurrentIndex(index)
    assert inventory.view.edit(index, QAbstractItemView.AllEditTriggers, None)
    line = inventory.view.focusWidget()
    line.selectAll()
    QTest.keyClicks(line, str(main_window.document.plan.key_groups[0].count * 2))
    qtbot.wait(50)
    passes, painted = [0], {}

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.UpdateRequest and obj is main_window:
                passes[0] += 1
            elif event.type() == QEvent.Paint and obj in (chart, summary):
                painted.setdefault(obj, passes[0])
            return False

    watch = Watch()
    for widget in (main_window, chart, summary):
        widget.installEventFilter(watch)
    QTest.keyClick(line, Qt.Key_Return)
    qtbot.waitUntil(lambda: len(painted) == 2)
    assert painted[summary] == painted[chart]
