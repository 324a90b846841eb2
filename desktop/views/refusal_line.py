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
    before = label.text()
    label.setText(text)
    label.setVisible(bool(text))
    if status_bar:
        echo_in_status_bar(owner, text, before)


def echo_in_status_bar(owner: QWidget, text: str, before: str = "") -> None:
    """Say `text` (its first line) in the main window's status bar too; an empty text takes back
    `before`, the message it replaces, if the status bar still shows it (a corrected entry must not
    go on saying "Not applied")."""
    window = owner.window()
    if not isinstance(window, QMainWindow):
        return
    bar = window.statusBar()
    if text:
        bar.showMessage(text.split("\n")[0], STATUS_BAR_MS)
    elif before and bar.currentMessage() == before.split("\n")[0]:
        bar.clearMessage()
