"""The read-only table model of the analysis views (summary, breakdown, scenarios): each table
declares its columns (title + how to show a row) and the model maps rows to Qt roles.

It is separate from models/table_model.py, which edits the plan through undoable commands:
these tables show a Comparison and never edit.

Each cell's values (text, tooltip, colours, font, tick) are worked out once per update and kept:
a repaint only looks them up, and an update emits dataChanged for just the cells whose values
changed, so the view repaints those alone (laying out the long status texts of a summary cost
~2 ms a full repaint; an edit changes a few figures)."""

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
    def __init__(self, columns: Sequence[Column] = (), parent=None, row_title: Getter | None = None,
                 swatch: Callable[[str], Any] | None = None):
        """`row_title(row)` names rows in the vertical header (it stays put when scrolling sideways);
        `swatch(colour name)` is what a decoration shows (default: the QColor, a square that Qt
        makes at each paint and tints with the selection colour on a selected row)."""
        super().__init__(parent)
        self._columns: list[Column] = list(columns)
        self._row_title = row_title
        self._swatch = swatch
        self._rows: list[Any] = []
        self._values: list[tuple[tuple, ...]] = []  # per row, per column: _values(column, row)
        self._roles: dict[tuple[int, int], dict[int, Any]] = {}  # (row, column) -> role -> value, as asked
        self._bold = QFont()
        self._bold.setBold(True)

    # --- feeding -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        """Show new rows; a change of columns resets, a change of length inserts/removes rows,
        and dataChanged names the cells that now read differently."""
        rows = list(rows)
        if columns is not None and list(columns) != self._columns:
            self.beginResetModel()
            self._columns, self._rows = list(columns), rows
            self._values, self._roles = [self._row_values(row) for row in rows], {}
            self.endResetModel()
            return
        old = len(self._rows)
        if len(rows) < old:
            self.beginRemoveRows(QModelIndex(), len(rows), old - 1)
            self._rows, self._values = self._rows[:len(rows)], self._values[:len(rows)]
            self._roles = {k: v for k, v in self._roles.items() if k[0] < len(rows)}
            self.endRemoveRows()
        elif len(rows) > old:
            self.beginInsertRows(QModelIndex(), old, len(rows) - 1)
            self._rows = self._rows + rows[old:]
            self._values = self._values + [self._row_values(row) for row in rows[old:]]
            self.endInsertRows()
        self._rows = rows
        self.refresh()

    def refresh(self) -> None:
        """Work out every cell again (the rows, or what the columns read besides them, changed):
        dataChanged for each run of cells in a row that now look different. A changed tooltip
        alone is read when hovered: nothing to repaint."""
        values = [self._row_values(row) for row in self._rows]
        old, self._values = self._values, values
        for r, (before, now) in enumerate(zip(old, values)):
            if before == now:
                continue
            changed = []
            for c, (a, b) in enumerate(zip(before, now)):
                if a != b:
                    self._roles.pop((r, c), None)
                    if a[0] != b[0] or a[2:] != b[2:]:
                        changed.append(c)
            if not changed:
                continue
            first = changed[0]
            for previous, c in zip(changed, changed[1:] + [None]):
                if c != previous + 1:  # the end of a run of neighbouring cells
                    self.dataChanged.emit(self.index(r, first), self.index(r, previous))
                    first = c

    def forget_roles(self) -> None:
        """Work every cell's roles out again when next asked: what they are made of changed, not
        the values (e.g. the size of the swatches, with the style)."""
        self._roles.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def _row_values(self, row: Any) -> tuple[tuple, ...]:
        return tuple(_values(column, row) for column in self._columns)

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
        # Called for every painted cell and role: a lookup in the cell's roles, worked out once.
        role = int(role) if not isinstance(role, int) else role
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(self._columns)):
            return None
        if role == _ROW:
            return self._rows[r]
        roles = self._roles.get((r, c))
        if roles is None:
            roles = self._cell_roles(r, c)
        return roles.get(role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, span) -> None:
        """Every role a delegate asks for painting a cell, in one call (Qt 6 asks seven at once)."""
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(self._columns)):
            for item in span:
                item.clearData()
            return
        roles = self._roles.get((r, c))
        if roles is None:
            roles = self._cell_roles(r, c)
        for item in span:
            value = roles.get(item.role())
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _cell_roles(self, r: int, c: int) -> dict[int, Any]:
        """A cell's values as Qt roles (brushes, colours, the bold font), kept until they change."""
        column = self._columns[c]
        text, tip, fg, bg, swatch, bold, checked = self._values[r][c]
        roles = {_DISPLAY: text, _ALIGN: int(column.align)}
        if tip is not None:
            roles[_TOOLTIP] = tip
            roles[_ACCESSIBLE_DESCRIPTION] = _plain(tip)
        if fg:
            roles[_FOREGROUND] = _brush(fg)
        if bg:
            roles[_BACKGROUND] = _brush(bg)
        if swatch:
            roles[_DECORATION] = self._swatch(swatch) if self._swatch is not None else QColor(swatch)
        if bold:
            roles[_FONT] = self._bold
        if checked is not None:
            roles[_CHECK] = Qt.Checked if checked else Qt.Unchecked
        roles = {role: value for role, value in roles.items() if value is not None}
        self._roles[(r, c)] = roles
        return roles

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.CheckStateRole:
            return False
        column = self._columns[index.column()]
        if column.on_check is None:
            return False
        state = value.value if hasattr(value, "value") else value
        column.on_check(self._rows[index.row()], state == Qt.Checked.value)
        self.refresh()
        return True


def _values(column: Column, row: Any) -> tuple:
    """What a cell shows, as plain values to compare: (text, tooltip, foreground, background,
    swatch colour, bold, ticked or None when the cell has no tick)."""
    return (column.text(row),
            column.tooltip(row) if column.tooltip is not None else None,
            column.foreground(row) if column.foreground is not None else None,
            column.background(row) if column.background is not None else None,
            column.decoration(row) if column.decoration is not None else None,
            bool(column.bold(row)) if column.bold is not None else False,
            bool(column.checked(row)) if column.checked is not None else None)


_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    brush = _BRUSHES.get(colour)
    if brush is None:
        brush = _BRUSHES[colour] = QBrush(QColor(colour))
    return brush


_TAG = re.compile(r"<[^>]+>")


def _plain(tip: str) -> str:
    """A tooltip as plain words (a cell's accessible description: what a screen reader says after
    its text)."""
    if not tip or "<" not in tip:
        return tip
    return " ".join(html.unescape(_TAG.sub(" ", tip)).split())


_DISPLAY = int(Qt.DisplayRole.value)
_ALIGN = int(Qt.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ToolTipRole.value)
_FOREGROUND = int(Qt.ForegroundRole.value)
_BACKGROUND = int(Qt.BackgroundRole.value)
_DECORATION = int(Qt.DecorationRole.value)
_FONT = int(Qt.FontRole.value)
_CHECK = int(Qt.CheckStateRole.value)
_ACCESSIBLE_DESCRIPTION = int(Qt.AccessibleDescriptionRole.value)
_ROW = int(ROW_ROLE)
_HEADER_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ALIGN))
