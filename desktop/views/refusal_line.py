"""The line under an editor that says, in words, why an entry was refused.

One place for it so every panel shows a refusal the same way: in the palette's warning colour
(readable on a dark theme) and, when the panel sits in the main window, in its status bar too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desktop.views.palette_colours import warning_foreground

STATUS_BAR_MS = 15000


def show_refusal(label: QLabel, owner: QWidget, text: str, *, status_bar: bool = True) -> None:
    """Show `text` in `label` (hidden when empty); echo it in the main window's status bar."""
    palette = label.palette()
    palette.setColor(label.foregroundRole(), warning_foreground(owner.palette()))
    label.setPalette(palette)
    label.setText(text)
    label.setVisible(bool(text))
    window = owner.window()
    if status_bar and text and isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_BAR_MS)
