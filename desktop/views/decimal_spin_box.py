"""A spin box that holds an exact Decimal (call volumes up to 10^15, growth percentages, prices).

QDoubleSpinBox goes through float and rounds; this one keeps the typed digits.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox

from core.money import parse_decimal


def _text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


class DecimalSpinBox(QAbstractSpinBox):
    valueChanged = Signal(object)  # Decimal

    def __init__(self, parent=None, minimum=Decimal(0), maximum=Decimal("1e15"), step=Decimal(1), suffix=""):
        super().__init__(parent)
        self._minimum, self._maximum, self._step = Decimal(minimum), Decimal(maximum), Decimal(step)
        self._suffix = suffix
        self._value = self._minimum
        # In a table cell, leave refused text in place so the model can say why it was refused.
        self.keep_typed = False
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.lineEdit().setText(self._display(self._value))
        self.editingFinished.connect(self._commit_text)

    # --- value -------------------------------------------------------------------------------
    def value(self) -> Decimal:
        parsed = self._parse(self.lineEdit().text())
        return parsed if parsed is not None else self._value

    def setValue(self, value) -> None:
        value = min(max(Decimal(value), self._minimum), self._maximum)
        changed = value != self._value
        self._value = value
        text = self._display(value)
        if self.lineEdit().text() != text:
            self.lineEdit().setText(text)
        if changed:
            self.valueChanged.emit(value)

    def typed(self):
        """What the user typed: a Decimal (even out of range, for the model to refuse with a reason) or the text."""
        text = self.lineEdit().text()
        if self._suffix and text.endswith(self._suffix):
            text = text[: -len(self._suffix)]
        try:
            return parse_decimal(text)
        except ValueError:
            return text

    def setRange(self, minimum, maximum) -> None:
        self._minimum, self._maximum = Decimal(minimum), Decimal(maximum)
        self.setValue(self._value)

    def setSingleStep(self, step) -> None:
        self._step = Decimal(step)

    # --- QAbstractSpinBox --------------------------------------------------------------------
    def _display(self, value: Decimal) -> str:
        return _text(value) + self._suffix

    def _parse(self, text: str) -> Decimal | None:
        if self._suffix and text.endswith(self._suffix):
            text = text[: -len(self._suffix)]
        try:
            value = parse_decimal(text)
        except ValueError:
            return None
        return value if self._minimum <= value <= self._maximum else None

    def validate(self, text: str, pos: int):
        core = text[: -len(self._suffix)] if self._suffix and text.endswith(self._suffix) else text
        core = core.strip().replace(",", "")
        if core in ("", "-", ".", "-."):
            return QValidator.Intermediate, text, pos
        if self._parse(text) is not None:
            return QValidator.Acceptable, text, pos
        try:
            parse_decimal(core)
        except ValueError:
            return QValidator.Invalid, text, pos
        return QValidator.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return text if self.keep_typed else self._display(self._value)

    def stepBy(self, steps: int) -> None:
        self.setValue(self.value() + self._step * steps)
        self.lineEdit().selectAll()

    def stepEnabled(self):
        flags = QAbstractSpinBox.StepNone
        if self.value() > self._minimum:
            flags |= QAbstractSpinBox.StepDownEnabled
        if self.value() < self._maximum:
            flags |= QAbstractSpinBox.StepUpEnabled
        return flags

    def _commit_text(self) -> None:
        parsed = self._parse(self.lineEdit().text())
        if parsed is not None:
            self.setValue(parsed)
        elif not self.keep_typed:
            self.lineEdit().setText(self._display(self._value))
