"""One delegate for every table: it builds the editor a column declares (combo, spin box, text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QStyledItemDelegate

from desktop.models.table_model import EditorRole
from desktop.views.decimal_spin_box import DecimalSpinBox


class ColumnDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        spec = index.data(EditorRole)
        if spec is None or spec.kind == "text":
            editor = QLineEdit(parent)
            editor.setFrame(False)
            return editor
        if spec.kind == "choice":
            editor = QComboBox(parent)
            for value, label in spec.items():
                editor.addItem(label, value)
            editor.activated.connect(lambda _i, e=editor: self._commit(e))
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

    def setEditorData(self, editor, index):
        value = index.data(Qt.EditRole)
        if isinstance(editor, QComboBox):
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
