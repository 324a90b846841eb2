"""The one generic Qt table model: rows come from the plan, columns are small declarations.

A concrete table declares its columns (title, how to show a row, how to edit it) and how to read
its rows from the plan; this adapter maps that onto QAbstractTableModel. On every plan change it
diffs old and new rows and emits dataChanged / insert / remove for just what changed, so
selection and an open editor survive edits; it resets only when a document is loaded.
Edits go back through `document.edit()` as one labelled undoable step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from core.refusals import clause

# Custom roles: the delegate asks for the editor a column wants; the proxy sorts by SortRole.
EditorRole = int(Qt.UserRole) + 1
SortRole = int(Qt.UserRole) + 2
InvalidRole = int(Qt.UserRole) + 3  # the reason a typed value was refused, or None

# Roles as plain ints, looked up once: reading `Qt.DisplayRole` costs ~3 us (an enum lookup) and
# data() runs for every painted cell and every role, 10,000s of times on a large plan.
DISPLAY, EDIT, TOOLTIP = int(Qt.DisplayRole), int(Qt.EditRole), int(Qt.ToolTipRole)
BACKGROUND, FOREGROUND, FONT = int(Qt.BackgroundRole), int(Qt.ForegroundRole), int(Qt.FontRole)
ALIGNMENT = int(Qt.TextAlignmentRole)
EDITOR, SORT, INVALID = EditorRole, SortRole, InvalidRole
HORIZONTAL = Qt.Horizontal
NO_FLAGS = Qt.NoItemFlags

INVALID_BACKGROUND = QColor("#fbd5d5")
WARN_FOREGROUND = QColor("#a11a1a")
MUTED_FOREGROUND = QColor("#8a8a8a")
HIGHLIGHT_BACKGROUND = QColor("#fff1c2")
INVALID_BRUSH, WARN_BRUSH = QBrush(INVALID_BACKGROUND), QBrush(WARN_FOREGROUND)
MUTED_BRUSH, HIGHLIGHT_BRUSH = QBrush(MUTED_FOREGROUND), QBrush(HIGHLIGHT_BACKGROUND)
_MARKS: list = [None, None]  # [(palette cacheKey, mark_colours), (invalid, warn, muted, highlight) brushes]
# Mark colours for a palette, set by the views (desktop.views.column_delegate, from palette_colours) so a
# model never imports a view: f(palette) -> (refused background, warning text, muted text, highlight).
mark_colours = None


def marks() -> tuple[QBrush, QBrush, QBrush, QBrush]:
    """(refused, warning, muted, highlight) brushes for the application's palette, so marks stay
    readable under a dark theme; recomputed only when the palette changes (data() is hot).
    Without views loaded (a headless export) the light defaults above."""
    palette = QGuiApplication.palette()
    key = (palette.cacheKey(), mark_colours)
    if _MARKS[0] != key:
        colours = mark_colours(palette) if mark_colours is not None else (
            INVALID_BACKGROUND, WARN_FOREGROUND, MUTED_FOREGROUND, HIGHLIGHT_BACKGROUND)
        _MARKS[0] = key
        _MARKS[1] = tuple(QBrush(c) for c in colours)
    return _MARKS[1]


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


DIFF_LIMIT = 400  # rows: a changed middle at most this long is diffed row by row (difflib)


def _common_length(a: Sequence, b: Sequence, limit: int) -> int:
    """How many leading rows a and b share (the same object, or equal). Lists compare in C, each
    row by identity first: halving the span that holds the first difference finds it in about
    two passes over the rows (a list of 10,000 identity checks built in Python took ~0.15 ms)."""
    lo, hi = 0, limit  # a[:lo] == b[:lo]; unless all is shared, the first difference is in [lo, hi)
    if a[:limit] == b[:limit]:
        return limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def row_opcodes(old: Sequence, new: Sequence) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes turning `old` rows into `new`, in time linear in the rows.

    An edit changes, adds or removes a few neighbouring rows and keeps the others (the same
    objects), so the common head and tail are skipped first; only the changed middle is diffed,
    and one longer than DIFF_LIMIT on both sides counts as replaced (difflib over 10,000 rows
    took ~20 ms of every edit)."""
    n, m = len(old), len(new)
    head = _common_length(old, new, min(n, m))
    tail = _common_length(old[head:][::-1], new[head:][::-1], min(n, m) - head)
    i2, j2 = n - tail, m - tail
    codes: list[tuple[str, int, int, int, int]] = []
    if head:
        codes.append(("equal", 0, head, 0, head))
    if head < i2 or head < j2:
        if head < i2 and head < j2 and (i2 - head <= DIFF_LIMIT or j2 - head <= DIFF_LIMIT):
            from difflib import SequenceMatcher  # only for a changed middle of a few rows

            middle = SequenceMatcher(None, old[head:i2], new[head:j2], autojunk=False).get_opcodes()
            codes.extend((tag, a1 + head, a2 + head, b1 + head, b2 + head) for tag, a1, a2, b1, b2 in middle)
        else:
            codes.append(("replace", head, i2, head, j2))
    if tail:
        codes.append(("equal", i2, n, j2, m))
    return codes


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
        self._align = [int(c.align) for c in self.columns]
        editable = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable
        self._flags = [editable if c.edit is not None else Qt.ItemIsEnabled | Qt.ItemIsSelectable
                       for c in self.columns]
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

    def headerData(self, section: int, orientation, role=DISPLAY):
        role = int(role)
        if orientation == HORIZONTAL:
            if 0 <= section < len(self.columns):
                if role == DISPLAY:
                    return self.columns[section].title
                if role == ALIGNMENT:
                    return self._align[section]
        elif role == DISPLAY and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return NO_FLAGS
        return self.flags_at(index.row(), index.column())

    def flags_at(self, r: int, c: int):
        """flags() by row and column (the sorting proxy asks for every painted cell)."""
        return self._flags[c] if 0 <= c < len(self._flags) and 0 <= r < len(self._rows) else NO_FLAGS

    def data(self, index: QModelIndex, role=DISPLAY):
        return self.cell(index.row(), index.column(), int(role))

    def multiData(self, index: QModelIndex, span) -> None:
        self.fill(index.row(), index.column(), span)

    def fill(self, r: int, c: int, span) -> None:
        """multiData() by row and column: every role a delegate asks for to paint a cell (Qt asks
        for seven at once), each as cell() gives it, in one call from Qt instead of one per role."""
        cell = self.cell
        for item in span:
            value = cell(r, c, item.role())
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def refused_columns(self) -> set[int]:
        """The columns that hold a refused value (drawn as such by the view)."""
        return {c for _r, c in self._invalid}

    def cell(self, r: int, c: int, role: int):
        """data() by row, column and int role: what the sorting proxy calls without building an
        index. A table that shows more (a role, a mark) extends this, not data()."""
        rows = self._rows
        if not (0 <= r < len(rows) and 0 <= c < len(self.columns)):
            return None
        row, column = rows[r], self.columns[c]
        if role == DISPLAY:
            if self._invalid:
                invalid = self._invalid.get((r, c))
                if invalid:
                    return invalid[0]
            return column.show(row)
        if role == ALIGNMENT:
            return self._align[c]
        if role == FOREGROUND:
            if column.warn and column.warn(row):
                return marks()[1]
            if self._muted(row):
                return marks()[2]
            return None
        if role == BACKGROUND:
            if (r, c) in self._invalid:
                return marks()[0]
            if column.highlight and column.highlight(row):
                return marks()[3]
            return None
        if role == FONT:
            bold = bool(column.highlight and column.highlight(row))
            italic = bool(column.warn and column.warn(row))
            if not (bold or italic):
                return None
            font = QFont()
            font.setBold(bold)
            font.setItalic(italic)
            return font
        invalid = self._invalid.get((r, c))
        if role == EDIT:
            if invalid:
                return invalid[0]
            return column.value(row) if column.value else column.show(row)
        if role == TOOLTIP:
            if invalid:
                return f"Not applied: {clause(invalid[1])}. Still using {column.show(row)}."
            return column.tip(row) if column.tip else None
        if role == INVALID:
            return invalid[1] if invalid else None
        if role == SORT:
            return self.sort_key(r, c)
        if role == EDITOR:
            return column.editor
        return None

    def sort_key(self, r: int, c: int):
        """What rows sort by in column c: the column's `sort`, else its text, case-folded."""
        column = self.columns[c]
        row = self._rows[r]
        return column.sort(row) if column.sort else column.show(row).casefold()

    # --- editing -------------------------------------------------------------------------------
    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if int(role) != EDIT or not index.isValid():
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
        last = len(self.columns) - 1
        # From the end backwards, so the row numbers of earlier opcodes stay valid.
        for tag, i1, i2, j1, j2 in reversed(row_opcodes(old_rows, new_rows)):
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

