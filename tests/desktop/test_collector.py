"""The collector's passes are made between interactions, by a timer, when its own thresholds say so."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject

from desktop.collector import INTERVAL_MS, collect_between_interactions, collect_due, paused_then_frozen


def test_a_due_pass_is_made_and_none_before(monkeypatch):
    made = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: made.append(generation) or 0)
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (699, 10, 10))
    assert collect_due() is None and made == []
    monkeypatch.setattr(gc, "get_count", lambda: (701, 3, 0))
    assert collect_due() == 0
    monkeypatch.setattr(gc, "get_count", lambda: (701, 11, 0))  # the oldest generation due, as gc picks
    assert collect_due() == 1
    monkeypatch.setattr(gc, "get_count", lambda: (5, 11, 11))
    assert collect_due() == 2
    assert made == [0, 1, 2]
    with paused_then_frozen():  # a plan opening: its objects are frozen after, not walked meanwhile
        assert collect_due() is None
    assert made == [0, 1, 2]


def test_the_timer_takes_the_passes_over_and_gives_them_back(qtbot):
    owner = QObject()
    timer = collect_between_interactions(owner)
    assert not gc.isenabled()
    assert timer.isActive() and timer.interval() == INTERVAL_MS
    owner.deleteLater()
    qtbot.waitUntil(gc.isenabled, timeout=1000)


def test_passes_that_fell_due_are_made_by_the_timer(qtbot):
    owner = QObject()
    collect_between_interactions(owner)
    try:
        cycles = []
        for _ in range(gc.get_threshold()[0] * 3):
            node = []
            node.append(node)
            cycles.append(node)
        del cycles, node
        assert gc.get_count()[0] > gc.get_threshold()[0]  # nothing collected them on allocation
        qtbot.waitUntil(lambda: gc.get_count()[0] <= gc.get_threshold()[0], timeout=2 * INTERVAL_MS + 500)
    finally:
        owner.deleteLater()
        qtbot.waitUntil(gc.isenabled, timeout=1000)
