"""One generic read-only table model: a table declares its columns (title + how to show a row),
the model maps rows to Qt roles. Same-shape updates emit dataChanged, so selection survives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

Getter = Callable[[Any], Any]
RIGHT = Qt.AlignRight | Qt.AlignVCenter
LEFT = Qt.AlignLeft | Qt.AlignVCenter
ROW_ROLE = Qt.UserRole + 1  # the row object itself


@dataclass(frozen=True)
class Column:
    title: str
    text: Getter  # row -> str
    align: Qt.AlignmentFlag = LEFT
    tooltip: Getter | None = None  # row -> str | None
    foreground: Getter | None = None  # row -> colour name | None
    background: Getter | None = None  # row -> colour name | None
    decoration: Getter | None = None  # row -> colour name of a swatch | None
    bold: Getter | None = None  # row -> bool
    checked: Getter | None = None  # row -> bool (makes the cell checkable)
    on_check: Callable[[Any, bool], None] | None = None
    header_tip: str | None = None


def compact_rows(view) -> None:
    """Rows as tall as a line of text (the default style's rows are half a line taller)."""
    header = view.verticalHeader()
    header.setMinimumSectionSize(view.fontMetrics().height() + 4)
    header.setDefaultSectionSize(view.fontMetrics().height() + 8)


class ColumnModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column] = (), parent=None):
        super().__init__(parent)
        self._columns: list[Column] = list(columns)
        self._rows: list[Any] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # --- feeding -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        """Show new rows; a change of columns resets, a change of length inserts/removes rows."""
        rows = list(rows)
        if columns is not None and list(columns) != self._columns:
            self.beginResetModel()
            self._columns, self._rows = list(columns), rows
            self.endResetModel()
            return
        old = len(self._rows)
        if len(rows) < old:
            self.beginRemoveRows(QModelIndex(), len(rows), old - 1)
            self._rows = self._rows[:len(rows)]
            self.endRemoveRows()
        elif len(rows) > old:
            self.beginInsertRows(QModelIndex(), old, len(rows) - 1)
            self._rows = self._rows + rows[old:]
            self.endInsertRows()
        self._rows = rows
        if rows and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self._columns) - 1))

    def row(self, index: int) -> Any:
        return self._rows[index]

    @property
    def rows(self) -> tuple:
        return tuple(self._rows)

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(self._columns)

    # --- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.DisplayRole:
                return column.title
            if role == Qt.ToolTipRole:
                return column.header_tip
            if role == Qt.TextAlignmentRole:
                return int(column.align)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self._columns[index.column()].checked is not None:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.DisplayRole:
            return column.text(row)
        if role == Qt.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ForegroundRole and column.foreground is not None:
            colour = column.foreground(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.BackgroundRole and column.background is not None:
            colour = column.background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.DecorationRole and column.decoration is not None:
            colour = column.decoration(row)
            return QColor(colour) if colour else None
        if role == Qt.FontRole and column.bold is not None and column.bold(row):
            return self._bold
        if role == Qt.CheckStateRole and column.checked is not None:
            return Qt.Checked if column.checked(row) else Qt.Unchecked
        if role == ROW_ROLE:
            return row
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.CheckStateRole:
            return False
        column = self._columns[index.column()]
        if column.on_check is None:
            return False
        state = value.value if hasattr(value, "value") else value
        column.on_check(self._rows[index.row()], state == Qt.Checked.value)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True
