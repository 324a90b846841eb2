"""A spin box that holds an exact Decimal (or a whole number) and reads numbers as people type them.

QSpinBox and QDoubleSpinBox validate keystroke by keystroke: they drop what they cannot read ("6e7"
became 67, "60M" became 60) and clamp what is out of range (99999999999999999 became 9,999,999).
This one lets any text be typed, reads it with core.numbers when editing ends (Enter, focus out)
and checks it with core.fields: a value it cannot accept stays as typed, turns red and says why
(tooltip, `refused` signal for the status bar), and the value stays what it was. Arrows and the
wheel step the value within the bounds.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QPalette, QValidator
from PySide6.QtWidgets import QAbstractSpinBox

from core.fields import FIELDS, FieldError, check, decimal_text
from core.numbers import NumberTextError, parse_number
from core.refusals import clause

HINT = "Type a number: 3000000, 3,000,000, 6e7, 60k or 1.5M"


def _grouped(value) -> str:
    text = decimal_text(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + (f".{frac}" if frac else "")


class DecimalSpinBox(QAbstractSpinBox):
    valueChanged = Signal(object)  # Decimal (int for whole-number fields)
    refused = Signal(str)  # a typed value that was not applied, in words

    def __init__(self, parent=None, minimum=None, maximum=None, step=Decimal(1), suffix="", *,
                 field: str | None = None, integer: bool = False, percent: bool = False, prefix: str = "",
                 signed: bool = False, special: str = "", places: int | None = None, label: str = ""):
        super().__init__(parent)
        self._field = FIELDS[field] if field else None
        if self._field is not None:
            minimum = self._field.minimum if minimum is None else minimum
            maximum = self._field.maximum if maximum is None else maximum
            integer = integer or self._field.integer
            percent = percent or self._field.percent
        minimum = Decimal(0) if minimum is None else minimum
        maximum = Decimal("1e15") if maximum is None else maximum
        self._minimum, self._maximum, self._step = Decimal(minimum), Decimal(maximum), Decimal(step)
        self._integer, self._percent = integer, percent
        self._prefix, self._suffix, self._signed, self._special = prefix, suffix, signed, special
        self._places = places  # shown decimals (what-if factors show ×1.00); typed digits are kept exactly
        self._label = label or (self._field.label if self._field else "value")
        self._value = self._coerce(self._minimum if self._minimum > 0 or self._maximum < 0 else 0)
        self.refusal: str | None = None
        self.keep_typed = False  # kept for callers; a refused entry is always kept as typed now
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.lineEdit().setText(self._display(self._value))
        self.lineEdit().textEdited.connect(self._typing)
        self.editingFinished.connect(self._commit_text)
        self._hint = self.toolTip()

    # --- value -------------------------------------------------------------------------------
    def value(self):
        return self._value

    def setValue(self, value) -> None:
        """Show a value given by code (the plan's): no refusal, no clamp."""
        value = self._coerce(Decimal(value) if not isinstance(value, Decimal) else value)
        changed = value != self._value
        self._value = value
        self._show_refusal(None)
        text = self._display(value)
        if self.lineEdit().text() != text:
            self.lineEdit().setText(text)
        if changed:
            self.valueChanged.emit(value)

    def typed(self):
        """What the user typed: a Decimal (even out of range, for a model to refuse with a reason) or the text."""
        try:
            return parse_number(self._bare(self.lineEdit().text()), percent=self._percent)
        except NumberTextError:
            return self.lineEdit().text()

    def setRange(self, minimum, maximum) -> None:
        self._minimum, self._maximum = Decimal(minimum), Decimal(maximum)

    def minimum(self):
        return self._coerce(self._minimum)

    def maximum(self):
        return self._coerce(self._maximum)

    def setSingleStep(self, step) -> None:
        self._step = Decimal(step)

    def setToolTip(self, text: str) -> None:
        self._hint = text
        super().setToolTip(text)

    # --- reading typed text ------------------------------------------------------------------
    def _coerce(self, value):
        return int(value) if self._integer else Decimal(value)

    def _bare(self, text: str) -> str:
        text = text.strip()
        if self._prefix and text.startswith(self._prefix.strip()):
            text = text[len(self._prefix.strip()):]
        suffix = self._suffix.strip()
        for end in (suffix, _singular(suffix)):  # "12 months" and "1 month" alike
            if end and text.endswith(end):
                text = text[: -len(end)]
                break
        return text.strip()

    def read(self, text: str):
        """The value `text` means for this box, or ValueError with the reason in words."""
        bare = self._bare(text)
        if self._special and bare.casefold() == self._special.casefold():
            return self._coerce(0)
        number = parse_number(bare, percent=self._percent)
        if self._field is not None:
            number = check(self._field.name, number)
        elif self._integer and number != number.to_integral_value():
            raise ValueError(f"The {self._label} must be a whole number, not {decimal_text(number)}")
        if not self._minimum <= number <= self._maximum:
            raise ValueError(f"The {self._label} must be from {self._shown(self._minimum)} to "
                             f"{self._shown(self._maximum)}, not {self._shown(number)}")
        return self._coerce(number)

    def _shown(self, value) -> str:
        sign = "+" if self._signed and value > 0 else ""
        return f"{self._prefix}{sign}{_grouped(value)}{self._suffix_for(value)}".strip()

    def _display(self, value) -> str:
        if self._special and value == 0:
            return self._special
        if self._places is not None and not self._integer:
            exact = Decimal(value)
            shown = exact.quantize(Decimal(1).scaleb(-self._places)) if exact.as_tuple().exponent >= -self._places \
                else exact
            text = f"{shown:,f}"
        else:
            text = _grouped(value)
        sign = "+" if self._signed and value > 0 else ""
        return f"{self._prefix}{sign}{text}{self._suffix_for(value)}"

    def _suffix_for(self, value) -> str:
        """A unit in the singular for one ("1 month", "+1 month"), never "1 months"."""
        return _singular(self._suffix) if abs(value) == 1 else self._suffix

    # --- QAbstractSpinBox --------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        """Wide enough for the bounds' text (QAbstractSpinBox alone knows no values to measure)."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        texts = [self._display(self._coerce(self._minimum)), self._display(self._coerce(self._maximum)),
                 self.lineEdit().text(), self._special]
        width = max(metrics.horizontalAdvance(t) for t in texts if t) + 40  # frame and arrows
        return QSize(max(hint.width(), min(width, metrics.horizontalAdvance("x") * 28)), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def validate(self, text: str, pos: int):
        return QValidator.Acceptable, text, pos  # any text may be typed: it is read when editing ends

    def fixup(self, text: str) -> str:
        return text

    def stepBy(self, steps: int) -> None:
        target = Decimal(self._value) + self._step * steps
        target = min(max(target, self._minimum), self._maximum)
        if self._field is not None and not self._field.contains(target):
            return
        self.setValue(target)
        self.lineEdit().selectAll()

    def stepEnabled(self):
        flags = QAbstractSpinBox.StepNone
        if self.refusal:
            return flags
        if self._value > self._minimum:
            flags |= QAbstractSpinBox.StepDownEnabled
        if self._value < self._maximum:
            flags |= QAbstractSpinBox.StepUpEnabled
        return flags

    def _typing(self, _text: str) -> None:
        if self.refusal:
            self._show_refusal(None)

    def _commit_text(self) -> None:
        text = self.lineEdit().text()
        if text == self._display(self._value):
            return
        try:
            value = self.read(text)
        except (NumberTextError, FieldError, ValueError) as exc:
            self._show_refusal(str(exc))
            self.refused.emit(f"{clause(exc)}. Not applied: still {self._display(self._value)}.")
            return
        self.setValue(value)
        self.lineEdit().setText(self._display(value))

    def _show_refusal(self, reason: str | None) -> None:
        if reason == self.refusal:
            return
        self.refusal = reason
        palette = QPalette(self.parentWidget().palette() if self.parentWidget() else self.palette())
        if reason:
            from desktop.views.palette_colours import refused_background
            palette.setColor(QPalette.Base, refused_background(palette))
            super().setToolTip(reason)
        else:
            super().setToolTip(self._hint)
        self.setPalette(palette)
        self.lineEdit().setPalette(palette)
        self.setAccessibleDescription(reason or self._hint or HINT)


def _singular(suffix: str) -> str:
    """" months" -> " month"; a unit that is not an English plural stays as it is."""
    return suffix[:-1] if suffix.endswith("s") and suffix.strip()[:-1].isalpha() else suffix
