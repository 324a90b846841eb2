"""The read-only table model of the analysis views (summary, breakdown, scenarios): each table
declares its columns (title + how to show a row) and the model maps rows to Qt roles.

It is separate from models/table_model.py, which edits the plan through undoable commands:
these tables show a Comparison and never edit. Same-shape updates emit dataChanged."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeySequence

Getter = Callable[[Any], Any]
RIGHT = Qt.AlignRight | Qt.AlignVCenter
LEFT = Qt.AlignLeft | Qt.AlignVCenter
ROW_ROLE = Qt.UserRole + 1  # the row object itself
_NO_FLAGS = Qt.NoItemFlags
_SELECTABLE = Qt.ItemIsEnabled | Qt.ItemIsSelectable
_CHECKABLE = _SELECTABLE | Qt.ItemIsUserCheckable


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


def rows_as_text(view) -> str:
    """The selected rows (all rows if none) as tab-separated text with the column titles: what
    Ctrl+C puts on the clipboard, ready for a spreadsheet."""
    model = view.model()
    selection = view.selectionModel()
    rows = sorted({i.row() for i in selection.selectedIndexes()}) if selection else []
    rows = rows or list(range(model.rowCount()))
    titled = not view.verticalHeader().isHidden()
    columns = range(model.columnCount())
    lines = ["\t".join(([""] if titled else []) + [str(model.headerData(c, Qt.Horizontal) or "") for c in columns])]
    for r in rows:
        head = [str(model.headerData(r, Qt.Vertical) or "")] if titled else []
        lines.append("\t".join(head + [str(model.index(r, c).data() or "") for c in columns]))
    return "\n".join(lines) + "\n"


def enable_copy(view) -> None:
    """Ctrl+C (the platform's Copy key) on the view copies rows_as_text to the clipboard."""
    action = QAction("Copy", view)
    action.setShortcut(QKeySequence.Copy)
    action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: QGuiApplication.clipboard().setText(rows_as_text(view)))
    view.addAction(action)


class ColumnModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column] = (), parent=None, row_title: Getter | None = None):
        """`row_title(row)` names rows in the vertical header (it stays put when scrolling sideways)."""
        super().__init__(parent)
        self._columns: list[Column] = list(columns)
        self._row_title = row_title
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

    def set_title(self, column: int, title: str) -> None:
        """Rename a column (e.g. to show the currency) without resetting the model."""
        if self._columns[column].title != title:
            self._columns[column] = replace(self._columns[column], title=title)
            self.headerDataChanged.emit(Qt.Horizontal, column, column)

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
        role = int(role) if not isinstance(role, int) else role
        if orientation == Qt.Vertical:
            if role == _DISPLAY and self._row_title is not None and 0 <= section < len(self._rows):
                return self._row_title(self._rows[section])
            return None
        if role not in _HEADER_ROLES or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == _DISPLAY:
            return column.title
        if role == _TOOLTIP:
            return column.header_tip
        return int(column.align)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _CHECKABLE if self._columns[index.column()].checked is not None else _SELECTABLE

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        # Called for every cell and role on each repaint: dispatch on the role's int, cheapest first.
        role = int(role) if not isinstance(role, int) else role
        handler = _ROLE_HANDLERS.get(role)
        if handler is None or not index.isValid():
            return None
        r = index.row()
        if not 0 <= r < len(self._rows):
            return None
        return handler(self, self._columns[index.column()], self._rows[r])

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


def _display(model, column, row):
    return column.text(row)


def _align(model, column, row):
    return int(column.align)


def _tooltip(model, column, row):
    return column.tooltip(row) if column.tooltip is not None else None


def _brush(getter):
    def role(model, column, row):
        fn = getattr(column, getter)
        colour = fn(row) if fn is not None else None
        return QBrush(QColor(colour)) if colour else None
    return role


def _decoration(model, column, row):
    colour = column.decoration(row) if column.decoration is not None else None
    return QColor(colour) if colour else None


def _font(model, column, row):
    return model._bold if column.bold is not None and column.bold(row) else None


def _check(model, column, row):
    if column.checked is None:
        return None
    return Qt.Checked if column.checked(row) else Qt.Unchecked


def _row(model, column, row):
    return row


_TAG = re.compile(r"<[^>]+>")


def _accessible_description(model, column, row):
    """What a screen reader says after the cell's text: its tooltip, as plain words."""
    tip = column.tooltip(row) if column.tooltip is not None else None
    if not tip or "<" not in tip:
        return tip
    return " ".join(html.unescape(_TAG.sub(" ", tip)).split())


_ROLE_HANDLERS = {
    int(Qt.DisplayRole.value): _display,
    int(Qt.TextAlignmentRole.value): _align,
    int(Qt.ToolTipRole.value): _tooltip,
    int(Qt.ForegroundRole.value): _brush("foreground"),
    int(Qt.BackgroundRole.value): _brush("background"),
    int(Qt.DecorationRole.value): _decoration,
    int(Qt.FontRole.value): _font,
    int(Qt.CheckStateRole.value): _check,
    int(ROW_ROLE): _row,
    int(Qt.AccessibleDescriptionRole.value): _accessible_description,
}

_DISPLAY = int(Qt.DisplayRole.value)
_TOOLTIP = int(Qt.ToolTipRole.value)
_HEADER_ROLES = frozenset((_DISPLAY, _TOOLTIP, int(Qt.TextAlignmentRole.value)))
