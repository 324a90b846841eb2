"""The sortable, editable table view both plan editors (key inventory, prices) are built on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from desktop.models.sort_proxy import SortProxy
from desktop.views.column_delegate import ColumnDelegate

EDIT_TRIGGERS = (QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                 | QAbstractItemView.AnyKeyPressed)


class PlanTableView(QTableView):
    """A QTableView that repaints only what focus changes: the frame, the selection and the current
    cell. Qt's own focus handlers repaint every visible cell, and focus comes back to the table
    after each typed edit (its editor closes): at ~100 µs a cell through the Python delegate, that
    full repaint was half of an edit's time on a small plan."""

    def focusInEvent(self, event) -> None:
        current = self.currentIndex()
        if not current.isValid():  # Qt picks a current cell first: let it do everything
            super().focusInEvent(event)
            return
        self.setAttribute(Qt.WA_InputMethodEnabled, bool(current.flags() & Qt.ItemIsEditable))
        self._repaint_focus_marks()

    def focusOutEvent(self, event) -> None:
        self._repaint_focus_marks()

    def _repaint_focus_marks(self) -> None:
        """The frame (focus outline), the selected rows (active or inactive colour), the current cell."""
        viewport = self.viewport()
        self.update(QRegion(self.rect()).subtracted(QRegion(viewport.geometry())))
        region = QRegion()
        selection = self.selectionModel()
        if selection is not None:
            region = self.visualRegionForSelection(selection.selection())
        if self.currentIndex().isValid():
            region = region.united(QRegion(self.visualRect(self.currentIndex())))
        if not region.isEmpty():
            viewport.update(region)


def plan_table_view(model, owner: QWidget, name: str) -> tuple[SortProxy, QTableView]:
    """A view over `model` through a sorting proxy: file order until the user sorts, whole-row
    selection, one delegate for every column's declared editor, typing starts an edit."""
    proxy = SortProxy(owner)
    proxy.setSourceModel(model)
    view = PlanTableView(owner)
    view.setModel(proxy)
    view.setItemDelegate(ColumnDelegate(view))
    # No sort column before sorting is enabled: enabling it sorts by the header's indicator,
    # column 0 by default (3 s for 10,000 rows through QSortFilterProxyModel).
    view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(EDIT_TRIGGERS)
    view.setAlternatingRowColors(True)
    view.setAccessibleName(name)
    view.verticalHeader().setDefaultSectionSize(owner.fontMetrics().height() + 10)
    return proxy, view
