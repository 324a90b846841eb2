"""One delegate for every table: it builds the editor a column declares (combo, number, text).

Numbers are typed into a plain line edit (no spin-box validator that drops characters: "6e7" used to
become 67) and read by the column's own edit rule (core.numbers, core.fields). Enter or Tab on a value
the column refuses keeps the editor open, red, with the reason in words; a refused value that is left
by clicking away stays in its cell, drawn red and readable even while selected (RefusedCellDelegate,
which the view sets on the columns that hold one).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QEvent, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QStyle, QStyledItemDelegate, QToolTip

from core.fields import decimal_text
from core.refusals import clause
from desktop.models import table_model
from desktop.models.table_model import EditorRole, InvalidRole
from desktop.views.decimal_spin_box import DecimalSpinBox
from desktop.views.palette_colours import muted_foreground, notice_background, refused_background, warning_foreground

# The plan tables' marks (refused cell, unknown price, greyed row, override) from the palette: the
# models ask through this hook, so they stay free of view imports.
table_model.mark_colours = lambda palette: (refused_background(palette), warning_foreground(palette),
                                            muted_foreground(palette), notice_background(palette))

NUMBER_HINT = "Type a number: 3000000, 3,000,000, 6e7, 60k, 1.5M or 2B"
_COMMIT_KEYS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)


class NumberEdit(QLineEdit):
    """A cell's number editor: any text may be typed; the column decides what it reads."""

    def __init__(self, parent, special: str = "", suffix: str = ""):
        super().__init__(parent)
        self.special = special
        self.suffix = suffix
        self.setFrame(False)
        self.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setToolTip(NUMBER_HINT + (f", or {special}" if special else ""))
        self.setAccessibleDescription(self.toolTip())
        self.refusal: str | None = None

    def show_refusal(self, reason: str | None) -> None:
        self.refusal = reason
        palette = self.parentWidget().palette() if self.parentWidget() else self.palette()
        if reason:
            palette = QPalette(palette)
            palette.setColor(QPalette.Base, refused_background(palette))
            self.setPalette(palette)
            self.setToolTip(reason)
            self.setAccessibleDescription(reason)
            self.setAutoFillBackground(True)
        else:
            self.setPalette(palette)
            self.setToolTip(NUMBER_HINT + (f", or {self.special}" if self.special else ""))


def _number_text(value, special: str) -> str:
    """A cell's value as its editor starts: exact digits, grouped, no suffix."""
    if value is None:
        return special
    if isinstance(value, str):
        return value
    text = decimal_text(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + (f".{frac}" if frac else "")


def source_of(index: QModelIndex):
    """(source model, source index) behind any stack of proxies."""
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return model, index


def refusal(index: QModelIndex, value) -> str | None:
    """Why the column would refuse `value` in this cell, or None (asks the column's own edit rule)."""
    model, source = source_of(index)
    columns = getattr(model, "columns", None)
    if columns is None or not source.isValid():
        return None
    column = columns[source.column()]
    if column.edit is None:
        return None
    try:
        column.edit(model.row(source.row()), value)
    except ValueError as exc:
        return str(exc)
    return None


class ColumnDelegate(QStyledItemDelegate):
    refused = Signal(str)  # a typed value the column refused, in words (for the status bar); "" once corrected

    def createEditor(self, parent, option, index):
        spec = index.data(EditorRole)
        if spec is None or spec.kind == "text":
            editor = QLineEdit(parent)
            editor.setFrame(False)
            editor.cell = QPersistentModelIndex(index)
            return editor
        if spec.kind == "choice":
            editor = QComboBox(parent)
            for value, label in spec.items():
                editor.addItem(label, value)
            editor.activated.connect(lambda _i, e=editor: self._commit(e))
            return editor
        if spec.kind == "number":
            editor = NumberEdit(parent, spec.special, spec.suffix)
            editor.cell = QPersistentModelIndex(index)
            editor.textEdited.connect(lambda _t, e=editor: e.refusal and e.show_refusal(None))
            return editor
        if spec.kind == "int":
            editor = QSpinBox(parent)
            editor.setRange(spec.minimum, spec.maximum)
            editor.setSpecialValueText(spec.special)
            editor.setSuffix(spec.suffix)
            editor.setGroupSeparatorShown(True)
            editor.setFrame(False)
            return editor
        if spec.kind == "decimal":
            editor = DecimalSpinBox(parent, spec.minimum, spec.maximum, spec.step, spec.suffix)
            editor.keep_typed = True
            editor.setFrame(False)
            return editor
        return super().createEditor(parent, option, index)

    def _commit(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.NoHint)

    def eventFilter(self, editor, event) -> bool:
        """Enter / Tab on a refused value: the editor stays open and says why."""
        if (event.type() == QEvent.KeyPress and event.key() in _COMMIT_KEYS
                and isinstance(editor, QLineEdit) and hasattr(editor, "cell") and editor.cell.isValid()
                and not (event.modifiers() & Qt.ControlModifier)):
            reason = refusal(QModelIndex(editor.cell), editor.text())
            if reason:
                if isinstance(editor, NumberEdit):
                    editor.show_refusal(reason)
                QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), reason, editor)
                self.refused.emit(f"{clause(reason)}. Not applied: correct it, or press Escape to keep the old value.")
                editor.said_refused = True
                return True
            if getattr(editor, "said_refused", False):  # corrected: "Not applied" no longer holds
                editor.said_refused = False
                self.refused.emit("")
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):
        value = index.data(Qt.EditRole)
        if isinstance(editor, NumberEdit):
            editor.setText(_number_text(value, editor.special))
            editor.selectAll()
            if index.data(InvalidRole):  # a refused value left in its cell: said, and taken back once corrected
                editor.show_refusal(index.data(InvalidRole))
                editor.said_refused = True
        elif isinstance(editor, QComboBox):
            at = editor.findData(value)
            editor.setCurrentIndex(max(at, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(editor.minimum() if value is None else int(value))
        elif isinstance(editor, DecimalSpinBox):
            try:
                editor.setValue(value)
            except (ArithmeticError, ValueError, TypeError):  # a refused value is shown: start afresh
                editor.setValue(editor._minimum)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            special = editor.specialValueText() and editor.value() == editor.minimum()
            model.setData(index, None if special else editor.value(), Qt.EditRole)
        elif isinstance(editor, DecimalSpinBox):
            model.setData(index, editor.typed(), Qt.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor, option, index):
        editor.setGeometry(option.rect)

    def destroyEditor(self, editor, index):
        """A closed editor is hidden (its cell repainted in the pass that follows) and deleted a
        moment later; a child widget's deletion repaints where it was once more, in a paint pass of
        its own after the edit's. Emptied first, it leaves nothing to repaint."""
        editor.setGeometry(QRect())
        super().destroyEditor(editor, index)


class RefusedCellDelegate(ColumnDelegate):
    """A ColumnDelegate that draws a refused value red with a ⚠, readable even while selected (the
    selection shows as a frame). The view sets it only on the columns that hold a refused value:
    a paint in Python cost every cell of the table ~20 µs, and a refusal is rare."""

    def paint(self, painter, option, index):
        reason = index.data(InvalidRole)
        if not reason:
            super().paint(painter, option, index)
            return
        opt = option.__class__(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.State_Selected)
        opt.state &= ~QStyle.State_Selected  # the selection colour would hide the red
        opt.backgroundBrush = refused_background(opt.palette)
        opt.palette.setColor(QPalette.Text, opt.palette.color(QPalette.Active, QPalette.Text))
        opt.text = "⚠ " + opt.text
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        else:
            super().paint(painter, opt, index)
        if selected:  # the selection still shows, as a frame
            painter.save()
            pen = QPen(option.palette.color(QPalette.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(QRect(option.rect).adjusted(1, 1, -1, -1))
            painter.restore()
