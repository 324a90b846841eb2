"""File > Open keeps the window answering: the refilled views are painted one event-loop turn
later (timers and input first), all at once; the garbage collector's full pass stays off the open
and nothing of an old plan is kept by freezing the heap."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QEvent, QObject, QTimer

from core import planfile
from desktop.document import load_plan


class Paints(QObject):
    """Counts the paint events reaching a widget."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            self.count += 1
        return False


def _shown(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    return window


def test_timers_run_between_the_refill_and_the_paint(qtbot, main_window, sample_plan, tmp_path):
    window = _shown(qtbot, main_window)
    path = tmp_path / "other.kmsplan"
    group = sample_plan.key_groups[0]  # other figures: a chart that looks the same is not painted again
    other = sample_plan.with_(name="Other plan",
                              key_groups=(group.with_(count=group.count * 2), *sample_plan.key_groups[1:]))
    planfile.save(other, path)
    chart = Paints(window.analysis.chart.plot.viewport())
    painted_when_timer_ran = []
    assert window.files.open_path(path, ask=False)  # its nested event loop may paint the old plan
    opened = chart.count
    QTimer.singleShot(0, lambda: painted_when_timer_ran.append(chart.count - opened))
    qtbot.waitUntil(lambda: chart.count > opened, timeout=2000)
    assert painted_when_timer_ran == [0]
    assert window.files._paint_later.armed is False
    before = chart.count
    window.analysis.chart.plot.viewport().update()  # later paints are Qt's usual ones
    qtbot.waitUntil(lambda: chart.count > before, timeout=2000)


def test_the_window_shows_the_opened_plan_throughout(qtbot, main_window, sample_plan, tmp_path):
    window = _shown(qtbot, main_window)
    path = tmp_path / "renamed.kmsplan"
    planfile.save(sample_plan.with_(name="Renamed plan"), path)
    assert window.files.open_path(path, ask=False)
    qtbot.wait(50)
    assert window.document.plan.name == "Renamed plan"
    assert window.windowTitle().startswith("renamed.kmsplan")
    assert window.settings_panel.name_edit.text() == "Renamed plan"


def test_load_plan_leaves_the_collector_as_it_found_it(qapp, sample_path):
    assert gc.isenabled()
    load_plan(sample_path)
    assert gc.isenabled()
    gc.disable()
    try:
        load_plan(sample_path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_old_plan_is_freed_after_another_opens(qtbot, main_window, sample_plan, tmp_path):
    first, second = tmp_path / "first.kmsplan", tmp_path / "second.kmsplan"
    planfile.save(sample_plan.with_(name="First"), first)
    planfile.save(sample_plan.with_(name="Second"), second)
    assert main_window.files.open_path(first, ask=False)
    old = weakref.ref(main_window.document.plan)
    assert main_window.files.open_path(second, ask=False)
    qtbot.wait(20)
    assert old() is None
