"""The plan tables' view: a focus change repaints the frame, the selected rows and the current cell,
not every visible cell (focus comes back to the table after every typed edit)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.models.inventory_model import InventoryModel
from desktop.views.plan_table_view import PlanTableView, plan_table_view


class PaintRects(QObject):
    def __init__(self, widget):
        super().__init__()
        self.rects = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            self.rects.append(event.rect())
        return False


def _table_and_another_field(qtbot, document):
    """The inventory's view, and a line edit to take the focus away from it, shown (and the window
    holding them, which the caller keeps)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    model = InventoryModel(document, owner)
    proxy, view = plan_table_view(model, owner, "Key inventory")
    other = QLineEdit(owner)
    layout = QVBoxLayout(owner)
    layout.addWidget(view)
    layout.addWidget(other)
    owner.resize(900, 400)
    owner.show()
    qtbot.waitExposed(owner)
    return owner, proxy, view, other


def test_focus_changes_repaint_only_the_selection(qtbot, document):
    _owner, proxy, view, other = _table_and_another_field(qtbot, document)
    assert isinstance(view, PlanTableView)
    view.selectionModel().setCurrentIndex(proxy.index(2, 1),
                                          QItemSelectionModel.SelectCurrent | QItemSelectionModel.Rows)
    view.setFocus()
    qtbot.wait(50)
    paints = PaintRects(view.viewport())
    row = view.visualRect(proxy.index(2, 1))
    for target in (other, view):  # away, and back as when an editor closes
        target.setFocus()
        qtbot.waitUntil(target.hasFocus)
        qtbot.wait(50)
    assert paints.rects, "the selection was not repainted with the focus change"
    for rect in paints.rects:  # the selected row only (it is also the current row)
        assert rect.top() >= row.top() - 2 and rect.bottom() <= row.bottom() + 2, rect


def test_a_changed_row_repaints_its_own_cells_only(qtbot, document):
    """Qt repaints a changed range one pixel taller than its rows: the row below was painted too."""
    owner = QWidget()
    qtbot.addWidget(owner)
    model = InventoryModel(document, owner)
    proxy, view = plan_table_view(model, owner, "Key inventory")
    QVBoxLayout(owner).addWidget(view)
    owner.resize(900, 400)
    owner.show()
    qtbot.waitExposed(owner)
    qtbot.wait(50)
    paints = PaintRects(view.viewport())
    plan = document.plan
    document.edit(plan.with_group(2, plan.key_groups[2].with_(count=41, versions=2)), "Change")
    qtbot.wait(50)
    row = view.visualRect(proxy.index(2, 0))
    assert paints.rects
    for rect in paints.rects:
        assert rect.top() >= row.top() and rect.bottom() <= row.bottom(), rect
    assert proxy.index(2, model.column_index("count")).data() == "41"


def test_the_frame_repaints_on_focus_only_when_the_style_draws_focus_on_it(qtbot, document):
    """Fusion draws a table's frame the same with focus or without: after an edit (focus back from
    the editor) nothing outside the cells is painted. A style that marks focus on the frame gets
    the frame repainted."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProxyStyle, QStyle

    class FocusFrame(QProxyStyle):
        def drawControl(self, element, option, painter, widget=None):
            if element == QStyle.CE_ShapedFrame and option.state & QStyle.State_HasFocus:
                painter.fillRect(option.rect, Qt.red)
                return
            super().drawControl(element, option, painter, widget)

    _owner, proxy, view, other = _table_and_another_field(qtbot, document)
    view.selectionModel().setCurrentIndex(proxy.index(2, 1),
                                          QItemSelectionModel.SelectCurrent | QItemSelectionModel.Rows)
    for style, shows in ((None, False), (FocusFrame("fusion"), True)):
        if style is not None:
            view.setStyle(style)
        assert view._frame_shows_focus() is shows
        other.setFocus()
        qtbot.waitUntil(other.hasFocus)
        qtbot.wait(50)
        frame = PaintRects(view)
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        qtbot.wait(50)
        assert bool(frame.rects) is shows
        inside = view.contentsRect()
        assert all(not inside.contains(rect) for rect in frame.rects)  # the frame, not what it holds
