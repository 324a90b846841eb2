"""A widget shown at a size, as the desktop tests' fixtures show the piece they drive."""

from __future__ import annotations


def shown(qtbot, widget, width: int, height: int):
    """`widget`, closed with the test, resized and shown; returned once it is on screen."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
