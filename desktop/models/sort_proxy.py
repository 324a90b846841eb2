"""The plan tables' sorting proxy: rows in file order until the user sorts, then by a column.

QSortFilterProxyModel sorts by calling the (Python) model's data() twice per comparison:
10,000 rows took 3-6 s per header click. This proxy asks the TableModel for each row's sort key
once and sorts them with Python's own sort (a few ms), then keeps the order as rows are edited,
added and removed. Source rows stay the plan's rows: mapToSource / mapFromSource work as with
QSortFilterProxyModel, so the editors keep working in plan rows.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, Qt

from desktop.models.table_model import DISPLAY, EDIT

ASCENDING = Qt.AscendingOrder
VERTICAL = Qt.Vertical  # looked up once: each Qt.<name> lookup costs microseconds
RESORT_ROWS = 64  # a dataChanged of more rows re-sorts all rows at once


class _Key:
    """A sort key that orders any two values: numbers and text alike, None first."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other: "_Key") -> bool:
        a, b = self.value, other.value
        try:
            return a < b
        except TypeError:
            return (a is not None, type(a).__name__, str(a)) < (b is not None, type(b).__name__, str(b))


class SortProxy(QAbstractProxyModel):
    """Sorts a TableModel's rows by `model.sort_key(row, column)`; stable, so ties keep file order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._order: list[int] = []  # proxy row -> source row
        self._position: list[int] = []  # source row -> proxy row
        self._column = -1
        self._sort_order = ASCENDING
        self._source = None
        self._width = 0  # the source's columns, kept: index() asks for every painted cell

    # --- source ------------------------------------------------------------------------------------
    def setSourceModel(self, model) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(model)
        self._source = model
        if model is not None:
            for signal, slot in self._connections(model):
                signal.connect(slot)
        self._rebuild()
        self.endResetModel()

    def _connections(self, model):
        return ((model.dataChanged, self._data_changed), (model.headerDataChanged, self._header_changed),
                (model.rowsAboutToBeRemoved, self._rows_about_to_be_removed),
                (model.rowsRemoved, self._rows_removed), (model.rowsInserted, self._rows_inserted),
                (model.modelAboutToBeReset, self.beginResetModel), (model.modelReset, self._model_reset),
                (model.layoutAboutToBeChanged, self._source_layout_about_to_change),
                (model.layoutChanged, self._source_layout_changed))

    # --- the order ---------------------------------------------------------------------------------
    def sortColumn(self) -> int:
        return self._column

    def sortOrder(self):
        return self._sort_order

    def _sorted_rows(self) -> list[int]:
        rows = range(self._source.rowCount()) if self._source is not None else range(0)
        if self._column < 0 or self._source is None:
            return list(rows)
        key_of, column = self._source.sort_key, self._column
        keys = [key_of(r, column) for r in rows]
        # Stable both ways (reverse=True keeps equal keys in file order), as Qt's own sort.
        descending = self._sort_order != ASCENDING
        try:
            return sorted(rows, key=keys.__getitem__, reverse=descending)
        except TypeError:  # keys of mixed kinds (None beside numbers): the slower total order
            wrapped = [_Key(k) for k in keys]
            return sorted(rows, key=wrapped.__getitem__, reverse=descending)

    def _set_order(self, order: list[int]) -> None:
        self._order = order
        size = max(order) + 1 if order else 0
        if size == len(order):  # a permutation of every row: its inverse, sorted in C
            self._position = sorted(range(size), key=order.__getitem__)
            return
        position = [-1] * size  # rows are being removed: some source rows have no place
        for proxy_row, source_row in enumerate(order):
            position[source_row] = proxy_row
        self._position = position

    def _rebuild(self) -> None:
        self._width = self._source.columnCount() if self._source is not None else 0
        self._set_order(self._sorted_rows())

    def _relayout(self) -> None:
        """Re-sort in place, moving persistent indexes (selection, current cell, open editor) along."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [self._order[i.row()] if 0 <= i.row() < len(self._order) else -1 for i in persistent]
        self._rebuild()
        moved = [self.index(self._position[s], i.column()) if s >= 0 else QModelIndex()
                 for s, i in zip(sources, persistent)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def sort(self, column: int, order=ASCENDING) -> None:
        """Sort by `column` (-1: file order), as a header click asks."""
        columns = self._source.columnCount() if self._source is not None else 0
        column = column if 0 <= column < columns else -1
        if (column, order) == (self._column, self._sort_order):
            return  # already in this order: edits keep it (QTableView.sortByColumn asks twice)
        self._column, self._sort_order = column, order
        self._relayout()

    def _in_order(self, proxy_row: int) -> bool:
        """Whether one row still sits between its neighbours under the current sort."""
        key_of, column = self._source.sort_key, self._column
        key = _Key(key_of(self._order[proxy_row], column))
        ascending = self._sort_order == ASCENDING
        if proxy_row > 0:
            before = _Key(key_of(self._order[proxy_row - 1], column))
            if (key < before) if ascending else (before < key):
                return False
        if proxy_row + 1 < len(self._order):
            after = _Key(key_of(self._order[proxy_row + 1], column))
            if (after < key) if ascending else (key < after):
                return False
        return True

    # --- QAbstractProxyModel -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._order) and 0 <= column < self._width):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _index=QModelIndex()) -> QModelIndex:  # a flat table
        return QModelIndex()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._width

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and bool(self._order)

    def mapToSource(self, proxy_index) -> QModelIndex:
        if self._source is None or not proxy_index.isValid() or proxy_index.model() is not self:
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._order):
            return QModelIndex()
        return self._source.index(self._order[row], proxy_index.column())

    def mapFromSource(self, source_index) -> QModelIndex:
        if self._source is None or not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        if not 0 <= row < len(self._position):
            return QModelIndex()
        return self.createIndex(self._position[row], source_index.column())

    def data(self, index: QModelIndex, role=DISPLAY):
        row = index.row()
        if not 0 <= row < len(self._order):
            return None
        return self._source.cell(self._order[row], index.column(), int(role))

    def multiData(self, index: QModelIndex, span) -> None:
        """Every role a painted cell asks for, in one call (QAbstractProxyModel's asks data() once
        per role: seven calls into Python for every painted cell)."""
        row = index.row()
        if not 0 <= row < len(self._order):
            for item in span:
                item.clearData()
            return
        self._source.fill(self._order[row], index.column(), span)

    def setData(self, index: QModelIndex, value, role=EDIT) -> bool:
        return self._source.setData(self.mapToSource(index), value, role)

    def flags(self, index: QModelIndex):
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._order):
            return Qt.NoItemFlags
        return self._source.flags_at(self._order[row], index.column())

    def headerData(self, section: int, orientation, role=DISPLAY):
        if orientation == VERTICAL:  # asked for every row as the header sizes itself: kept cheap
            if int(role) == DISPLAY and 0 <= section < len(self._order):
                return str(self._order[section] + 1)  # rows keep their file numbers when sorted
            return None
        return self._source.headerData(section, orientation, role) if self._source is not None else None

    # --- following the source ------------------------------------------------------------------------
    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        first, last = top_left.row(), bottom_right.row()
        left, right = top_left.column(), bottom_right.column()
        if self._column >= 0 and left <= self._column <= right:
            if last - first + 1 > RESORT_ROWS:
                self._relayout()
                return
            if not all(self._in_order(self._position[r]) for r in range(first, last + 1)):
                self._relayout()
        if self._column < 0:
            self.dataChanged.emit(self.index(first, left), self.index(last, right), roles)
            return
        if last - first + 1 > RESORT_ROWS:
            self.dataChanged.emit(self.index(0, left), self.index(len(self._order) - 1, right), roles)
            return
        for r in range(first, last + 1):
            p = self._position[r]
            self.dataChanged.emit(self.index(p, left), self.index(p, right), roles)

    def _header_changed(self, orientation, first: int, last: int) -> None:
        if orientation != VERTICAL:
            self.headerDataChanged.emit(orientation, first, last)
        elif self._order:
            self.headerDataChanged.emit(orientation, 0, len(self._order) - 1)

    def _rows_about_to_be_removed(self, parent, first: int, last: int) -> None:
        """Remove the proxy rows now, in runs of neighbouring proxy rows, from the bottom up."""
        doomed = sorted((self._position[r] for r in range(first, last + 1)), reverse=True)
        i = 0
        while i < len(doomed):
            end = start = doomed[i]
            i += 1
            while i < len(doomed) and doomed[i] == start - 1:
                start = doomed[i]
                i += 1
            self.beginRemoveRows(QModelIndex(), start, end)
            self._set_order(self._order[:start] + self._order[end + 1:])
            self.endRemoveRows()

    def _rows_removed(self, parent, first: int, last: int) -> None:
        count = last - first + 1
        self._set_order([r - count if r > last else r for r in self._order])

    def _rows_inserted(self, parent, first: int, last: int) -> None:
        count = last - first + 1
        shifted = [r + count if r >= first else r for r in self._order]
        if self._column < 0:  # file order: the new rows go where they are in the file
            self.beginInsertRows(QModelIndex(), first, last)
            self._set_order(shifted[:first] + list(range(first, last + 1)) + shifted[first:])
            self.endInsertRows()
            return
        end = len(shifted)
        self.beginInsertRows(QModelIndex(), end, end + count - 1)
        self._set_order(shifted + list(range(first, last + 1)))
        self.endInsertRows()
        self._relayout()

    def _model_reset(self) -> None:
        self._rebuild()
        self.endResetModel()

    def _source_layout_about_to_change(self, *_args) -> None:
        self.beginResetModel()

    def _source_layout_changed(self, *_args) -> None:
        self._model_reset()

