"""The floors the start-up benchmarks measure against: what a bare Qt + pyqtgraph window costs.

Shared by gui_latency.py and frozen_startup.py so both compare the app with the same floor.
"""

from __future__ import annotations


def bare_window_script(width: int = 1440, height: int = 900) -> str:
    """A Python program that opens a plain window with a six-curve plot, paints it and saves a
    grab to argv[1]: the app's launch minus everything the app itself does."""
    return f"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
import numpy as np
import pyqtgraph as pg
app = QApplication([])
window = QMainWindow()
plot = pg.PlotWidget(background="w")
for k in range(6):
    plot.plot(np.arange(60), np.arange(60) * (k + 1))
window.setCentralWidget(plot)
window.resize({width}, {height})
window.show()
for _ in range(5):
    app.processEvents()
window.grab().save(sys.argv[1])
"""
