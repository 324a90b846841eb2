"""The sortable, editable table view both plan editors (key inventory, prices) are built on."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QRegion
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionFrame, QTableView, QWidget

from desktop.models.sort_proxy import SortProxy
from desktop.views.cell_repaint import CellRepaint
from desktop.views.column_delegate import ColumnDelegate, RefusedCellDelegate

EDIT_TRIGGERS = (QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                 | QAbstractItemView.AnyKeyPressed)


class PlanTableView(CellRepaint, QTableView):
    """A QTableView that repaints only what focus changes: the frame, the selection and the current
    cell. Qt's own focus handlers repaint every visible cell, and focus comes back to the table
    after each typed edit (its editor closes): at ~100 µs a cell through the Python delegate, that
    full repaint was half of an edit's time on a small plan.

    Cells are painted by Qt alone (the models hand every role in one multiData call); only the
    columns that hold a refused value are painted through a RefusedCellDelegate, while they do.
    A changed row repaints its own cells only (CellRepaint)."""

    _refused_columns: frozenset[int] | set[int] = frozenset()  # where the RefusedCellDelegate paints
    _focus_frame: tuple = (None, True)  # (style, whether its frame shows focus)

    def show_refusals_of(self, model, delegate: ColumnDelegate) -> None:
        """Follow `model` (the TableModel behind the view): a column that holds a refused value is
        drawn by a RefusedCellDelegate that edits as `delegate` does and says refusals through it."""
        self._refusals_of = model
        self._refused_cells = RefusedCellDelegate(self)
        self._refused_cells.refused.connect(delegate.refused)
        for signal in (model.dataChanged, model.modelReset, model.rowsRemoved):
            signal.connect(self._paint_refusals)

    def _paint_refusals(self, *_args) -> None:
        """The refused-cell delegate on the columns that hold a refused value. No delegate changes
        while an editor is open: taken off, the delegate that made it would no longer reach the view;
        put on, a second delegate would filter the editor's events too (Qt installs the column's
        delegate on the editor as it commits), and leaving the cell would commit and close it twice.
        The delegates follow when the editor closes."""
        if self.state() == QAbstractItemView.EditingState:
            return
        wanted = self._refusals_of.refused_columns()
        for column in wanted - self._refused_columns:
            self.setItemDelegateForColumn(column, self._refused_cells)
        for column in self._refused_columns - wanted:
            self.setItemDelegateForColumn(column, None)
        self._refused_columns = wanted

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        if hasattr(self, "_refusals_of"):
            self._paint_refusals()

    def focusInEvent(self, event) -> None:
        current = self.currentIndex()
        if not current.isValid():  # Qt picks a current cell first: let it do everything
            super().focusInEvent(event)
            return
        self.setAttribute(Qt.WA_InputMethodEnabled, bool(current.flags() & Qt.ItemIsEditable))
        self._repaint_focus_marks()

    def focusOutEvent(self, event) -> None:
        self._repaint_focus_marks()

    def _frame_shows_focus(self) -> bool:
        """Whether the style draws the frame otherwise when the table has focus (Fusion does not:
        then the window's dock and the table's frame are not painted again after every edit).
        Drawn both ways once per style, and compared."""
        style = self.style()
        if self._focus_frame[0] is not style:
            option = QStyleOptionFrame()
            self.initStyleOption(option)
            option.rect = QRect(0, 0, 48, 48)  # any size will do (the table may have none yet)
            frames = []
            for state in (option.state & ~QStyle.State_HasFocus, option.state | QStyle.State_HasFocus):
                option.state = state
                image = QImage(option.rect.size(), QImage.Format_ARGB32_Premultiplied)
                image.fill(0)
                painter = QPainter(image)
                style.drawControl(QStyle.CE_ShapedFrame, option, painter, self)
                painter.end()
                frames.append(image)
            self._focus_frame = (style, frames[0] != frames[1])
        return self._focus_frame[1]

    def _repaint_focus_marks(self) -> None:
        """The frame (focus outline), the selected rows (active or inactive colour), the current cell."""
        viewport = self.viewport()
        if self._frame_shows_focus():  # the frame alone: the headers and scroll bars inside it do not
            self.update(QRegion(self.rect()).subtracted(QRegion(self.contentsRect())))
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
    delegate = ColumnDelegate(view)
    view.setItemDelegate(delegate)
    view.show_refusals_of(model, delegate)
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
