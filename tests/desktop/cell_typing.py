"""Typing into a plan table's cell as a user does, for tests that time or count what Return does."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView

from desktop.views.column_delegate import NumberEdit


def typed_in_cell(qtbot, view, index, value: str) -> NumberEdit:
    """The cell's editor opened with `value` typed over its text (Return not pressed yet)."""
    assert view.edit(index, QAbstractItemView.AllEditTriggers, None)
    line = view.focusWidget()
    assert isinstance(line, NumberEdit)
    line.selectAll()
    qtbot.keyClicks(line, value)
    qtbot.wait(50)
    return line
