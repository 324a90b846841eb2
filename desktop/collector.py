"""The cyclic garbage collector kept out of what the user waits for.

Start-up (~110,000 objects that live as long as the app) and opening a large plan (~100,000) set
off collections that walk the whole heap (30-40 ms, holding the GIL, so the window froze as long)
to find next to nothing: those objects hold no cycles. While such work runs the collector waits;
afterwards what the heap holds is frozen (gc.freeze), so later full passes skip it. An old plan's
objects still go when it is dropped: reference counting frees them.

Between those, the collector's automatic passes fell inside interactions: an edit of a 10,000-group
plan makes a new tuple of 10,000 groups, and the youngest generation's pass that walks it (0.8 ms;
the next generation's 1.6 ms) landed in one edit or slider step in three or four. Once the window
runs, the same passes are made by a timer instead, between events, whenever the collector's own
thresholds say they are due: the same collections, moved out of the frames the user sees.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200  # how often the passes that fell due are made (a pass is 1 ms or less)
_paused = [0]  # paused_then_frozen blocks running (a plan opens in a loop where timers run)


@contextmanager
def paused_then_frozen():
    """Within: no cyclic collection, the timer's passes included. After: the heap frozen, the
    collector as it was found."""
    collecting = gc.isenabled()
    gc.disable()
    _paused[0] += 1
    try:
        yield
    finally:
        _paused[0] -= 1
        gc.freeze()
        if collecting:
            gc.enable()


def collect_due() -> int | None:
    """The pass gc would have made on its own by now (the oldest generation over its threshold), or
    nothing (also while paused_then_frozen holds the collector off): the generation collected, or None."""
    if _paused[0]:
        return None
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return None


def collect_between_interactions(parent: QObject) -> QTimer:
    """Turn the collector's automatic passes off and make them from a timer owned by `parent`."""
    from PySide6.QtCore import QTimer  # here: `kms-planner --help` reads desktop.app, and loads no Qt

    gc.disable()
    timer = QTimer(parent)
    timer.setObjectName("collectBetweenInteractions")
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(collect_due)
    timer.destroyed.connect(lambda *_: gc.enable())  # without the timer, the collector goes back to its own
    timer.start()
    return timer
