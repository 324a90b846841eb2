"""The plan tables paint without Python in each cell's paint: the models hand every role of a cell in
one multiData call (the same values data() gives, role for role), and only a column that holds a
refused value is painted through the RefusedCellDelegate, while it does."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QModelRoleData, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from desktop.models.inventory_model import InventoryModel
from desktop.models.prices_model import PricesModel
from desktop.models.sort_proxy import SortProxy
from desktop.models.table_model import EditorRole, InvalidRole, SortRole, TableModel
from desktop.views.column_delegate import ColumnDelegate, NumberEdit, RefusedCellDelegate
from desktop.views.inventory_editor import InventoryEditor

ROLES = (Qt.DisplayRole, Qt.DecorationRole, Qt.EditRole, Qt.ToolTipRole, Qt.FontRole, Qt.TextAlignmentRole,
         Qt.BackgroundRole, Qt.ForegroundRole, Qt.CheckStateRole, Qt.AccessibleDescriptionRole, EditorRole,
         SortRole, InvalidRole)


def _same_roles(model, index) -> None:
    span = [QModelRoleData(int(role)) for role in ROLES]
    model.multiData(index, span)
    for role, item in zip(ROLES, span):
        assert item.data() == model.data(index, role), (index.row(), index.column(), role)


def test_multidata_gives_what_data_gives_for_every_cell_and_role(document):
    inventory, prices = InventoryModel(document), PricesModel(document)
    count, growth = inventory.column_index("count"), inventory.column_index("calls_growth_pct")
    assert not inventory.setData(inventory.index(0, count), "-5")  # refused: red, typed text kept
    assert not inventory.setData(inventory.index(3, growth), "-150")
    assert not prices.setData(prices.index(1, prices.column_index("value")), "abc")
    assert any(not g.billed for g in inventory.rows)  # a greyed row
    assert any(p.value is None for p in prices.rows)  # in italics
    document.edit(document.plan.with_(price_overrides={prices.row(2).id: Decimal("0.5")}), "Override")
    assert prices.row(2).overridden  # highlighted, in bold
    for model in (inventory, prices):
        proxy = SortProxy()
        proxy.setSourceModel(model)
        for column in (-1, 4 if model is inventory else 1, 0):  # file order, then sorted two ways
            proxy.sort(column, Qt.DescendingOrder if column > 0 else Qt.AscendingOrder)
            for r in range(proxy.rowCount()):
                for c in range(proxy.columnCount()):
                    _same_roles(proxy, proxy.index(r, c))
                    _same_roles(model, model.index(r, c))
        outside = [QModelRoleData(int(Qt.DisplayRole)), QModelRoleData(int(Qt.FontRole))]
        proxy.multiData(proxy.createIndex(proxy.rowCount() + 3, 0), outside)
        assert [item.data() for item in outside] == [None, None]


def test_the_table_paints_each_cell_in_one_call_of_the_model(qtbot, document, monkeypatch):
    calls = {"fill": 0, "data": 0}
    fill, data = TableModel.fill, SortProxy.data

    def counted_fill(self, r, c, span):
        calls["fill"] += 1
        fill(self, r, c, span)

    def counted_data(self, index, role=Qt.DisplayRole):
        calls["data"] += 1
        return data(self, index, role)

    monkeypatch.setattr(TableModel, "fill", counted_fill)
    monkeypatch.setattr(SortProxy, "data", counted_data)
    editor = InventoryEditor(document)
    qtbot.addWidget(editor)
    editor.resize(1200, 400)
    editor.show()
    qtbot.waitExposed(editor)
    calls.update(fill=0, data=0)
    editor.view.viewport().grab()  # paints every visible cell once
    cells = editor.model.rowCount() * editor.model.columnCount()
    assert calls == {"fill": cells, "data": 0}  # no data() per role, no Python paint asking for refusals
    assert "paint" not in ColumnDelegate.__dict__


def _delegates(view) -> list:
    return [view.itemDelegateForColumn(c) for c in range(view.model().columnCount())]


def test_only_columns_with_a_refused_value_paint_through_the_refused_delegate(inventory_editor, document):
    editor = inventory_editor
    view, model = editor.view, editor.model
    count, growth = model.column_index("count"), model.column_index("calls_growth_pct")
    assert _delegates(view) == [None] * model.columnCount()
    assert not model.setData(model.index(0, count), "-5")
    assert not model.setData(model.index(1, growth), "-150")
    delegates = _delegates(view)
    assert isinstance(delegates[count], RefusedCellDelegate) and delegates[growth] is delegates[count]
    assert [d for i, d in enumerate(delegates) if i not in (count, growth)] == [None] * (model.columnCount() - 2)
    assert model.setData(model.index(0, count), "70")  # corrected
    assert _delegates(view)[count] is None and _delegates(view)[growth] is not None
    document.edit(document.plan.with_(key_groups=document.plan.key_groups[2:]), "Delete")  # the refused row goes
    assert _delegates(view) == [None] * model.columnCount()
    assert not model.setData(model.index(0, count), "x")
    model.clear_invalid()
    assert _delegates(view) == [None] * model.columnCount()


def test_a_refused_cell_is_edited_as_any_other_and_its_delegate_leaves_when_the_editor_closes(qtbot, inventory_editor, document):
    editor = inventory_editor
    view, model, proxy = editor.view, editor.model, editor.proxy
    growth = model.column_index("calls_growth_pct")
    said = []
    view.itemDelegate().refused.connect(said.append)
    index = proxy.mapFromSource(model.index(0, growth))
    view.setCurrentIndex(index)
    assert view.edit(index, QAbstractItemView.AllEditTriggers, None)
    line = view.focusWidget()
    assert isinstance(line, NumberEdit)
    line.selectAll()
    qtbot.keyClicks(line, "-150")
    # Focus leaving the editor commits the refused value and closes it; its column's delegate
    # changes then. (A FocusOut event alone commits nothing while the editor keeps the focus of the
    # active window, as it may, depending on what else the test run showed.)
    line.clearFocus()
    QApplication.processEvents()
    assert isinstance(view.itemDelegateForColumn(growth), RefusedCellDelegate)
    assert not [w for w in view.viewport().findChildren(QWidget) if isinstance(w, NumberEdit) and w.isVisible()]
    assert view.edit(index, QAbstractItemView.AllEditTriggers, None)  # made by the refused delegate
    line = view.focusWidget()
    assert isinstance(line, NumberEdit) and line.text() == "-150" and line.refusal
    qtbot.keyClick(line, Qt.Key_Return)  # still refused: the editor stays open and says why
    QApplication.processEvents()
    assert line.isVisible() and said and "Not applied" in said[-1]
    line.selectAll()
    qtbot.keyClicks(line, "7")
    qtbot.keyClick(line, Qt.Key_Return)
    QApplication.processEvents()
    assert str(document.plan.key_groups[0].calls_growth_pct) == "7"
    assert not line.isVisible() and view.state() != QAbstractItemView.EditingState
    assert view.itemDelegateForColumn(growth) is None  # gone once its editor closed
    assert view.hasFocus() and view.currentIndex() == index


def test_leaving_a_refused_value_commits_and_closes_its_editor_once(qtbot, qtlog, inventory_editor, document):
    """No delegate changes while an editor is open: Qt installs the column's delegate on the editor
    as it commits, so a refused-cell delegate put on then filtered the editor too, and leaving the
    cell committed and closed it twice (Qt: "commitData called with an editor that does not belong
    to this view")."""
    editor = inventory_editor
    view, model, proxy = editor.view, editor.model, editor.proxy
    calls = model.column_index("calls_per_month")
    index = proxy.mapFromSource(model.index(1, calls))
    view.setCurrentIndex(index)
    assert view.edit(index, QAbstractItemView.AllEditTriggers, None)
    line = view.focusWidget()
    line.selectAll()
    qtbot.keyClicks(line, "3.000.000x")
    qtbot.keyClick(line, Qt.Key_Tab)  # refused: the editor stays open and says why
    QApplication.processEvents()
    assert line.isVisible() and view.itemDelegateForColumn(calls) is None
    view.setCurrentIndex(proxy.mapFromSource(model.index(2, 0)))  # leave the cell
    QApplication.sendEvent(line, QFocusEvent(QEvent.FocusOut, Qt.MouseFocusReason))
    QApplication.processEvents()
    assert isinstance(view.itemDelegateForColumn(calls), RefusedCellDelegate)  # once the editor closed
    assert model.index(1, calls).data() == "3.000.000x"  # kept in its cell, drawn as refused
    assert document.plan.key_groups[1].calls_per_month == 900_000
    assert not [r for r in qtlog.records if "does not belong to this view" in r.message]
