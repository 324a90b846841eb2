"""The one generic Qt table model: rows come from the plan, columns are small declarations.

A concrete table declares its columns (title, how to show a row, how to edit it) and how to read
its rows from the plan; this adapter maps that onto QAbstractTableModel. On every plan change it
diffs old and new rows and emits dataChanged / insert / remove for just what changed, so
selection and an open editor survive edits; it resets only when a document is loaded.
Edits go back through `document.edit()` as one labelled undoable step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

# Custom roles: the delegate asks for the editor a column wants; the proxy sorts by SortRole.
EditorRole = Qt.UserRole + 1
SortRole = Qt.UserRole + 2
InvalidRole = Qt.UserRole + 3  # the reason a typed value was refused, or None

INVALID_BACKGROUND = QColor("#fbd5d5")
WARN_FOREGROUND = QColor("#a11a1a")
MUTED_FOREGROUND = QColor("#8a8a8a")
HIGHLIGHT_BACKGROUND = QColor("#fff1c2")


@dataclass(frozen=True)
class Editor:
    """What editor a cell wants: kind is "text", "choice", "int" or "decimal"."""

    kind: str
    choices: Any = ()  # ((value, label), ...) or a function returning them
    minimum: Any = None
    maximum: Any = None
    step: Any = 1
    special: str = ""  # shown at the minimum, e.g. "none"
    suffix: str = ""

    def items(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.choices() if callable(self.choices) else self.choices)


@dataclass(frozen=True)
class Column:
    """One column: `show(row)` is the text; `edit(row, value)` returns the new row or raises ValueError."""

    key: str
    title: str
    show: Callable[[Any], str]
    value: Callable[[Any], Any] | None = None  # the edit value (defaults to show)
    edit: Callable[[Any, Any], Any] | None = None
    editor: Editor | None = None
    sort: Callable[[Any], Any] | None = None
    tip: Callable[[Any], str] | None = None
    highlight: Callable[[Any], bool] | None = None
    align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter
    width: int = 0  # preferred width in characters (0: fit contents)
    noun: str = ""  # for the undo text "Change <noun>" (default: the title)
    warn: Callable[[Any], bool] | None = None  # shown in red italics (e.g. a price still unknown)
    extras: dict = field(default_factory=dict)


class TableModel(QAbstractTableModel):
    """Rows of one table of the plan. Subclasses (or callers) give `rows_of(plan)` and `commit`."""

    def __init__(self, document, columns: Sequence[Column], rows_of: Callable[[Any], Sequence[Any]],
                 commit: Callable[[int, Any, Column], None], context_of: Callable[[Any], Any] | None = None,
                 muted: Callable[[Any], bool] | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self.columns = tuple(columns)
        self._rows_of = rows_of
        self._commit = commit
        self._context_of = context_of or (lambda plan: None)
        self._muted = muted or (lambda row: False)
        self._rows = list(rows_of(document.plan))
        self._context = self._context_of(document.plan)
        self._invalid: dict[tuple[int, int], tuple[str, str]] = {}
        document.planChanged.connect(self._plan_changed)

    # --- reading -------------------------------------------------------------------------------
    @property
    def rows(self) -> tuple:
        return tuple(self._rows)

    def row(self, index: int):
        return self._rows[index]

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.DisplayRole:
                return column.title
            if role == Qt.TextAlignmentRole:
                return int(column.align)
        elif orientation == Qt.Vertical and role == Qt.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.columns[index.column()].edit is not None:
            base |= Qt.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        invalid = self._invalid.get((index.row(), index.column()))
        if role == Qt.DisplayRole:
            return invalid[0] if invalid else column.show(row)
        if role == Qt.EditRole:
            if invalid:
                return invalid[0]
            return column.value(row) if column.value else column.show(row)
        if role == Qt.ToolTipRole:
            if invalid:
                return f"Not applied: {invalid[1]}. Still using {column.show(row)}."
            return column.tip(row) if column.tip else None
        if role == InvalidRole:
            return invalid[1] if invalid else None
        if role == Qt.BackgroundRole:
            if invalid:
                return QBrush(INVALID_BACKGROUND)
            if column.highlight and column.highlight(row):
                return QBrush(HIGHLIGHT_BACKGROUND)
            return None
        if role == Qt.ForegroundRole:
            if column.warn and column.warn(row):
                return QBrush(WARN_FOREGROUND)
            if self._muted(row):
                return QBrush(MUTED_FOREGROUND)
            return None
        if role == Qt.FontRole:
            bold = bool(column.highlight and column.highlight(row))
            italic = bool(column.warn and column.warn(row))
            if not (bold or italic):
                return None
            font = QFont()
            font.setBold(bold)
            font.setItalic(italic)
            return font
        if role == Qt.TextAlignmentRole:
            return int(column.align)
        if role == SortRole:
            return column.sort(row) if column.sort else column.show(row).casefold()
        if role == EditorRole:
            return column.editor
        return None

    # --- editing -------------------------------------------------------------------------------
    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.edit is None:
            return False
        row = self._rows[index.row()]
        key = (index.row(), index.column())
        try:
            new_row = column.edit(row, value)
        except ValueError as exc:
            self._invalid[key] = (str(value), str(exc))
            self.dataChanged.emit(index, index, [])
            return False
        had_invalid = self._invalid.pop(key, None) is not None
        if new_row != row:
            self._commit(index.row(), new_row, column)
        if had_invalid:
            self.dataChanged.emit(index, index, [])
        return True

    def clear_invalid(self) -> None:
        keys, self._invalid = list(self._invalid), {}
        for r, c in keys:
            if r < len(self._rows):
                self.dataChanged.emit(self.index(r, c), self.index(r, c), [])

    # --- following the document ----------------------------------------------------------------
    def _plan_changed(self, new_plan, old_plan) -> None:
        new_rows = list(self._rows_of(new_plan))
        context = self._context_of(new_plan)
        if getattr(self.document, "loading", False):
            self.beginResetModel()
            self._rows, self._context, self._invalid = new_rows, context, {}
            self.endResetModel()
            return
        self._apply_diff(new_rows)
        if context != self._context:
            self._context = context
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1), [])

    def _apply_diff(self, new_rows: list) -> None:
        old_rows = self._rows
        if old_rows == new_rows:
            return
        opcodes = SequenceMatcher(None, old_rows, new_rows, autojunk=False).get_opcodes()
        last = len(self.columns) - 1
        # From the end backwards, so the row numbers of earlier opcodes stay valid.
        for tag, i1, i2, j1, j2 in reversed(opcodes):
            if tag == "equal":
                continue
            common = min(i2 - i1, j2 - j1)
            if common:
                self._rows[i1:i1 + common] = new_rows[j1:j1 + common]
                for r in range(i1, i1 + common):
                    self._drop_invalid_row(r)
                self.dataChanged.emit(self.index(i1, 0), self.index(i1 + common - 1, last), [])
            if i2 - i1 > common:
                start, end = i1 + common, i2 - 1
                self.beginRemoveRows(QModelIndex(), start, end)
                del self._rows[start:end + 1]
                self._shift_invalid(start, -(end - start + 1))
                self.endRemoveRows()
            elif j2 - j1 > common:
                start = i1 + common
                added = new_rows[j1 + common:j2]
                self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
                self._rows[start:start] = added
                self._shift_invalid(start, len(added))
                self.endInsertRows()

    def _drop_invalid_row(self, row: int) -> None:
        for key in [k for k in self._invalid if k[0] == row]:
            del self._invalid[key]

    def _shift_invalid(self, start: int, delta: int) -> None:
        moved = {}
        for (r, c), v in self._invalid.items():
            if r < start:
                moved[(r, c)] = v
            elif delta > 0:
                moved[(r + delta, c)] = v
            elif r >= start - delta:
                moved[(r + delta, c)] = v
        self._invalid = moved

