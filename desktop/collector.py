"""The cyclic garbage collector held off while the app builds what it keeps.

Start-up (~110,000 objects that live as long as the app) and opening a large plan (~100,000) set
off collections that walk the whole heap (30-40 ms, holding the GIL, so the window froze as long)
to find next to nothing: those objects hold no cycles. While such work runs the collector waits;
afterwards what the heap holds is frozen (gc.freeze), so later full passes skip it. An old plan's
objects still go when it is dropped: reference counting frees them.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_then_frozen():
    """Within: no cyclic collection. After: the heap frozen, the collector as it was found."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
