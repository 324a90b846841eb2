"""A typed edit repaints the inventory in one paint pass, and there only the edited row's cells and the
totals line: the closed editor's deletion and the totals line weighing its new text each asked for a
pass of their own after the edit's, and the table's frame and the widgets under the totals were
painted again with them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt

from desktop.views.column_delegate import NumberEdit
from tests.desktop.cell_typing import typed_in_cell


class Paints(QObject):
    """Paint events per watched widget, and the paint passes of the window (its UpdateRequests)."""

    def __init__(self, window, *widgets):
        super().__init__()
        self.paints = {w: 0 for w in widgets}
        self.passes = 0
        for obj in (window, *widgets):
            obj.installEventFilter(self)
        self.window = window

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and obj in self.paints:
            self.paints[obj] += 1
        if event.type() == QEvent.UpdateRequest and obj is self.window:
            self.passes += 1
        return False


def test_a_typed_edit_paints_the_inventory_once(qtbot, inventory_editor, document):
    editor = inventory_editor
    view, model = editor.view, editor.model
    index = editor.proxy.mapFromSource(model.index(2, model.column_index("count")))
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    view.setFocus()
    for value in ("75", "76"):  # the second: the totals line keeps its size
        qtbot.wait(120)
        line = typed_in_cell(qtbot, view, index, value)
        before = editor.footer.text()
        watch = Paints(editor, editor, view, view.viewport(), editor.footer)
        qtbot.keyClick(line, Qt.Key_Return)
        qtbot.wait(120)  # idle: every paint the edit causes is over
        assert watch.passes == 1, value
        # The cells and the totals, and nothing around them (the table's frame, the editor under the totals).
        assert watch.paints == {editor: 0, view: 0, view.viewport(): 1, editor.footer: 1}, value
        # Nothing the user sees is lost: the value, the totals, focus, the selected row.
        assert document.plan.key_groups[2].count == int(value)
        assert model.data(model.index(2, model.column_index("count"))) == value
        assert editor.footer.text() != before
        assert view.hasFocus() and view.currentIndex() == index
        assert view.selectionModel().isRowSelected(2)
        assert not [w for w in view.viewport().findChildren(NumberEdit) if w.isVisible()]
