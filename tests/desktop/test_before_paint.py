"""One change, one paint pass: a window with desktop.before_paint lays out (and answers the repaint a
shown widget asks for) before it paints, so a widget shown or re-worded after a view asked for its
repaint is not painted with the old layout and then again a moment later."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.before_paint import BeforePaint, before_paint
from desktop.views.whatif_panel import FACTOR_STOPS
from tests.desktop.cell_typing import typed_in_cell


class Passes(QObject):
    """The window's paint passes (its UpdateRequests), and the passes each watched widget was painted in."""

    def __init__(self, window, *widgets):
        super().__init__()
        self.window, self.passes = window, 0
        self.paints: dict = {w: [] for w in widgets}
        for obj in (window, *widgets):
            obj.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.UpdateRequest and obj is self.window:
            self.passes += 1
        if event.type() == QEvent.Paint and obj in self.paints:
            self.paints[obj].append(self.passes)
        return False


def _window(qtbot, settled: bool):
    window = QWidget()
    qtbot.addWidget(window)
    if settled:
        before_paint(window)
    layout = QVBoxLayout(window)
    first, second = QLabel("first"), QLabel("shown later")
    layout.addWidget(first)
    layout.addWidget(second)
    second.hide()
    window.resize(300, 120)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    return window, first, second


def _show_after_a_repaint(qtbot, window, first, second) -> Passes:
    watch = Passes(window, second)
    first.setText("first, new words")  # its repaint is asked for first...
    second.show()  # ... then the layout that places the shown label
    qtbot.wait(100)
    return watch


def test_a_widget_shown_after_a_repaint_request_is_painted_in_the_same_pass(qtbot):
    window, first, second = _window(qtbot, settled=True)
    watch = _show_after_a_repaint(qtbot, window, first, second)
    assert watch.passes == 1
    assert watch.paints[second] == [1]
    assert second.geometry().top() > first.geometry().top()


def test_one_per_window_and_hooks_run_after_the_layouts(qtbot):
    window, first, second = _window(qtbot, settled=True)
    assert before_paint(window) is before_paint(window)
    assert len(window.findChildren(BeforePaint)) == 1
    seen = []
    hook = lambda: seen.append(second.geometry().height())  # noqa: E731
    before_paint(window).add(hook)
    before_paint(window).add(hook)  # once
    second.show()
    first.update()
    qtbot.wait(100)
    assert len(seen) >= 1 and seen[0] > 0  # the shown label had its place when the hook ran
    count = len(seen)
    before_paint(window).discard(hook)
    first.setText("again")
    qtbot.wait(100)
    assert len(seen) == count


def _shown(qtbot, main_window):
    main_window.resize(1440, 900)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.reset_layout()  # as the app lays a shown window out (desktop.app)
    qtbot.wait(150)
    return main_window.analysis


def test_a_whatif_step_from_neutral_paints_the_window_once(qtbot, main_window):
    """The what-if notice shows (a new layout of the header) and the panel's words change."""
    pane = _shown(qtbot, main_window)
    for stop in ("1.25", "2"):
        pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("1"))
        qtbot.wait(150)
        assert not pane.banner_box.isVisible()
        watch = Passes(main_window, pane.banner, pane.headline, pane.chart.plot.viewport())
        pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index(stop))
        qtbot.wait(150)
        assert pane.banner.text() == f"What-if: calls ×{stop} (plan unchanged)"
        # all in the first pass, once (the main window may repaint its dock separators after it)
        assert watch.paints == {pane.banner: [1], pane.headline: [1], pane.chart.plot.viewport(): [1]}, stop


def test_a_typed_edit_paints_the_window_once(qtbot, main_window):
    """The headline's new amount is laid out before the paint (laid out while painting, the rich
    text asked for a pass of its own)."""
    pane = _shown(qtbot, main_window)
    inventory = main_window.inventory
    view, model = inventory.view, inventory.model
    index = inventory.proxy.mapFromSource(model.index(0, model.column_index("count")))
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    view.setFocus()
    for value in ("2500", "7500"):  # more instance capacity: a new amount in the headline
        qtbot.wait(150)
        line = typed_in_cell(qtbot, view, index, value)
        before = pane.headline.text()
        watch = Passes(main_window, pane.headline, inventory.footer, pane.chart.plot.viewport())
        qtbot.keyClick(line, Qt.Key_Return)
        qtbot.wait(150)
        assert main_window.document.plan.key_groups[0].count == int(value)
        assert pane.headline.text() != before  # a new amount
        assert watch.paints == {pane.headline: [1], inventory.footer: [1], pane.chart.plot.viewport(): [1]}, value
