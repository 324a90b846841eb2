"""The sortable, editable table view both plan editors (key inventory, prices) are built on."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from desktop.models.table_model import SortRole
from desktop.views.column_delegate import ColumnDelegate

EDIT_TRIGGERS = (QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                 | QAbstractItemView.AnyKeyPressed)


def plan_table_view(model, owner: QWidget, name: str) -> tuple[QSortFilterProxyModel, QTableView]:
    """A view over `model` through a sorting proxy: file order until the user sorts, whole-row
    selection, one delegate for every column's declared editor, typing starts an edit."""
    proxy = QSortFilterProxyModel(owner)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = QTableView(owner)
    view.setModel(proxy)
    view.setItemDelegate(ColumnDelegate(view))
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(EDIT_TRIGGERS)
    view.setAlternatingRowColors(True)
    view.setAccessibleName(name)
    view.verticalHeader().setDefaultSectionSize(owner.fontMetrics().height() + 10)
    return proxy, view
