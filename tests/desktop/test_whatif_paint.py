"""A what-if step repaints the window once: nothing the step changed is left for a later paint
(the chart's items moved in its paint, the money axis measured in it, the summary's column widths
taken in on a timer, the reasons text laid out twice)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from core import planfile
from core.compare import compare
from core.paths import samples_dir
from desktop.views.whatif_panel import FACTOR_STOPS


class Paints(QObject):
    """Paint events per watched widget; paints, layout requests, hides and shows in order."""

    def __init__(self, *objects):
        super().__init__()
        self.paints: dict[object, int] = {}
        self.events: list[tuple[object, QEvent.Type]] = []
        for obj in objects:
            obj.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            self.paints[obj] = self.paints.get(obj, 0) + 1
        if event.type() in (QEvent.Paint, QEvent.LayoutRequest, QEvent.Hide, QEvent.Show):
            self.events.append((obj, event.type()))
        return False


def _shown(qtbot, main_window):
    main_window.resize(1440, 900)
    main_window.show()
    qtbot.waitExposed(main_window)
    qtbot.wait(150)
    return main_window.analysis


def _step(qtbot, pane, stop: str, *watched) -> Paints:
    watch = Paints(*watched)
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index(stop))
    qtbot.wait(120)  # idle: every paint the step causes is over
    return watch


def test_a_whatif_step_from_neutral_paints_the_chart_once(qtbot, main_window):
    pane = _shown(qtbot, main_window)
    viewport, plot = pane.chart.plot.viewport(), pane.chart.plot_item
    for stop in ("1.75", "1", "10", "1", "0.5"):  # new ranges, the labels as wide as before
        watch = _step(qtbot, pane, stop, viewport, plot)
        assert watch.paints.get(viewport) == 1, stop
        assert (plot, QEvent.LayoutRequest) not in watch.events, stop  # the axis kept its width


def test_the_money_axis_has_its_width_before_the_paint(qtbot):
    """A wider label re-laid the plot out after the paint that measured it (another paint)."""
    from decimal import Decimal

    from core.sweep import WhatIf

    chart = _chart(qtbot)
    plan = chart.comparison_plan
    axis, viewport = chart.money_axis, chart.plot.viewport()
    width = axis.width()
    watch = Paints(viewport)
    chart.set_comparison(compare(plan, whatif=WhatIf(calls_factor=Decimal(10), keys_factor=Decimal(10))))
    qtbot.wait(120)
    assert axis.width() > width  # "3,000,000" rather than "120,000"
    assert watch.paints.get(viewport) == 1


def test_wider_summary_figures_repaint_the_summary_once(qtbot, main_window):
    pane = _shown(qtbot, main_window)
    viewport = pane.summary.viewport()
    header = pane.summary.horizontalHeader()
    widths = [header.sectionSize(i) for i in range(header.count())]
    watch = _step(qtbot, pane, "10", viewport)
    assert [header.sectionSize(i) for i in range(header.count())] != widths
    assert watch.paints.get(viewport) == 1


def test_new_reasons_keep_the_scroll_bar_and_paint_once(qtbot, main_window):
    """setHtml empties the text first: the scroll bar hid and showed again around it."""
    pane = _shown(qtbot, main_window)
    bar = pane.why.verticalScrollBar()
    before = pane.why_text()
    watch = _step(qtbot, pane, "1.75", bar, pane.why.viewport())
    assert pane.why_text() != before
    assert (bar, QEvent.Hide) not in watch.events
    assert watch.paints.get(pane.why.viewport()) == 1
    assert bar.isVisible() == (bar.maximum() > 0)


def test_the_money_axis_title_stays_centred_when_it_changes(qtbot):
    """pyqtgraph places the title on a resize only: a title that grew with larger type started
    where the shorter one had, half off the axis."""
    chart = _chart(qtbot)
    axis = chart.money_axis
    for height, points in ((200, 10), (520, 10), (520, 22), (260, 14), (600, 14)):
        chart.resize(900, height)
        chart.set_font_size(points)
        qtbot.wait(60)
        title = axis.label.mapRectToParent(axis.label.boundingRect())
        assert abs(title.center().y() - axis.size().height() / 2) <= 1, (height, points, axis.labelText)


def _chart(qtbot):
    """A chart on its own, shown, drawing growing-saas (the plan kept as `comparison_plan`)."""
    from desktop.chart import CostChart

    chart = CostChart()
    qtbot.addWidget(chart)
    chart.resize(900, 420)
    chart.show()
    qtbot.waitExposed(chart)
    chart.comparison_plan = planfile.load(samples_dir() / "growing-saas.kmsplan")
    chart.set_comparison(compare(chart.comparison_plan))
    qtbot.wait(120)
    return chart


def test_a_new_y_range_does_not_feed_the_curves_again(qtbot):
    """pyqtgraph's dynamic range limit re-fed every curve its data when the y range changed (each
    curve's path made again): once per curve is enough, the range always holds them all."""
    from decimal import Decimal

    from core.sweep import WhatIf

    chart = _chart(qtbot)
    fed = []
    for curve in chart._curves.values():
        inner = curve.curve
        original = inner.setData
        inner.setData = lambda *args, _original=original, _curve=inner, **kwargs: (fed.append(_curve),
                                                                                   _original(*args, **kwargs))
    top = chart.view_box.viewRange()[1][1]
    before = {oid: chart.series(oid) for oid in chart.visible_ids()}
    chart.set_comparison(compare(chart.comparison_plan, whatif=WhatIf(keys_factor=Decimal(3))))
    assert chart.view_box.viewRange()[1][1] != top
    changed = [oid for oid in chart.visible_ids() if chart.series(oid) != before[oid]]  # the others keep theirs
    assert len(fed) == len(set(fed)) == len(changed) > 0
