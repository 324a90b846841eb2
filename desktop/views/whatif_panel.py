"""What-if controls: scale calls and keys, shift growth, change the horizon, without editing the plan.
Sliders and spin boxes stay in step; `changed(WhatIf)` fires on every move, so curves follow live."""

from __future__ import annotations

import bisect
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QSpinBox, QVBoxLayout, QWidget)

from core.sweep import MAX_FACTOR, MAX_GROWTH_DELTA, MAX_MONTHS, WhatIf

# Slider stops for the factors (any other value can be typed in the spin box).
FACTOR_STOPS = ("0.1", "0.2", "0.25", "0.3", "0.4", "0.5", "0.6", "0.7", "0.75", "0.8", "0.9", "1", "1.1",
                "1.2", "1.25", "1.5", "1.75", "2", "2.5", "3", "4", "5", "7.5", "10")
_STOP_VALUES = [float(s) for s in FACTOR_STOPS]  # float ok: slider positions only
GROWTH_SLIDER_PP = 10  # the growth slider spans -10 .. +10 percentage points, in half points


def _decimal(spin: QDoubleSpinBox) -> Decimal:
    """The exact value the spin box shows (its float rounded to its decimals)."""
    return Decimal(f"{spin.value():.{spin.decimals()}f}").normalize()


def _nearest_stop(value: float) -> int:
    i = bisect.bisect_left(_STOP_VALUES, value)
    if i == 0:
        return 0
    if i >= len(_STOP_VALUES):
        return len(_STOP_VALUES) - 1
    return i if _STOP_VALUES[i] - value < value - _STOP_VALUES[i - 1] else i - 1


class WhatIfPanel(QWidget):
    changed = Signal(object)  # WhatIf
    keepRequested = Signal()

    def __init__(self, plan_months: int = 36, parent=None):
        super().__init__(parent)
        self._plan_months = plan_months
        self._syncing = False
        self.calls_slider, self.calls_spin = self._factor_pair()
        self.keys_slider, self.keys_spin = self._factor_pair()
        self.growth_slider = QSlider(Qt.Horizontal)
        self.growth_slider.setRange(-2 * GROWTH_SLIDER_PP, 2 * GROWTH_SLIDER_PP)
        self.growth_slider.setTickPosition(QSlider.TicksBelow)
        self.growth_slider.setTickInterval(2 * GROWTH_SLIDER_PP)
        self.growth_spin = QDoubleSpinBox()
        self.growth_spin.setRange(-99.0, float(MAX_GROWTH_DELTA))  # float ok: widget range
        self.growth_spin.setDecimals(2)
        self.growth_spin.setSingleStep(0.5)
        self.growth_spin.setSuffix(" pp")
        self.growth_spin.setToolTip("Percentage points added to every key group's monthly call growth")
        self.months_slider = QSlider(Qt.Horizontal)
        self.months_slider.setRange(1, MAX_MONTHS)
        self.months_slider.setTickPosition(QSlider.TicksBelow)
        self.months_slider.setTickInterval(12)
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, MAX_MONTHS)
        self.months_spin.setSuffix(" months")
        self.months_spin.setToolTip("The horizon of the comparison")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Back to the plan as entered")
        self.keep_button = QPushButton("Keep as scenario…")
        self.keep_button.setToolTip("Store these settings as a named scenario in the plan (undoable)")
        self.state = QLabel()
        self.state.setWordWrap(True)

        title = QLabel("<b>What if…</b>")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        rows = (("&Calls ×", self.calls_slider, self.calls_spin, "Multiply every group's calls per month"),
                ("&Keys ×", self.keys_slider, self.keys_spin, "Multiply every group's key count (whole keys, half up)"),
                ("&Growth +", self.growth_slider, self.growth_spin, "Add percentage points to monthly call growth"),
                ("Hori&zon", self.months_slider, self.months_spin, "Months compared"))
        for r, (text, slider, spin, tip) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(spin)  # Alt+letter focuses the spin box; arrows and PageUp/Down step it
            label.setToolTip(tip)
            slider.setToolTip(tip)
            slider.setMinimumWidth(90)
            grid.addWidget(label, r, 0)
            grid.addWidget(slider, r, 1)
            grid.addWidget(spin, r, 2)
        grid.setColumnStretch(1, 1)
        for spin in (self.calls_spin, self.keys_spin, self.growth_spin, self.months_spin):
            spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("120 months") + 36)
        top = QHBoxLayout()  # title and buttons on one line: the controls fit a short window
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.reset_button)
        top.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.state)
        layout.addStretch(1)

        self.calls_slider.valueChanged.connect(lambda v: self._slider_moved(self.calls_spin, float(FACTOR_STOPS[v])))
        self.keys_slider.valueChanged.connect(lambda v: self._slider_moved(self.keys_spin, float(FACTOR_STOPS[v])))
        self.growth_slider.valueChanged.connect(lambda v: self._slider_moved(self.growth_spin, v / 2))
        self.months_slider.valueChanged.connect(lambda v: self._slider_moved(self.months_spin, v))
        for spin in (self.calls_spin, self.keys_spin, self.growth_spin, self.months_spin):
            spin.valueChanged.connect(self._spin_changed)
        self.reset_button.clicked.connect(self.reset)
        self.keep_button.clicked.connect(self.keepRequested)
        self.set_whatif(WhatIf())

    def _factor_pair(self) -> tuple[QSlider, QDoubleSpinBox]:
        slider = QSlider(Qt.Horizontal)
        slider.setRange(0, len(FACTOR_STOPS) - 1)
        slider.setTickPosition(QSlider.TicksBelow)
        slider.setTickInterval(FACTOR_STOPS.index("1"))
        spin = QDoubleSpinBox()
        spin.setRange(0.01, float(MAX_FACTOR))  # float ok: widget range
        spin.setDecimals(2)
        spin.setSingleStep(0.1)
        spin.setPrefix("×")
        return slider, spin

    # --- state ---------------------------------------------------------------------------
    def whatif(self) -> WhatIf:
        months = self.months_spin.value()
        return WhatIf(
            calls_factor=_decimal(self.calls_spin),
            keys_factor=_decimal(self.keys_spin),
            growth_delta_pct=_decimal(self.growth_spin),
            months=None if months == self._plan_months else months,
        )

    def set_whatif(self, whatif: WhatIf) -> None:
        """Show a what-if (e.g. a stored scenario) and announce it."""
        self._syncing = True
        try:
            self.calls_spin.setValue(float(whatif.calls_factor))  # float ok: widget value
            self.keys_spin.setValue(float(whatif.keys_factor))  # float ok: widget value
            self.growth_spin.setValue(float(whatif.growth_delta_pct))  # float ok: widget value
            self.months_spin.setValue(whatif.months or self._plan_months)
            self._sync_sliders()
        finally:
            self._syncing = False
        self._announce()

    def set_plan_months(self, months: int) -> None:
        """The plan's horizon changed: a what-if that keeps the plan's horizon follows it."""
        follow = self.months_spin.value() == self._plan_months
        self._plan_months = months
        if follow:
            self._syncing = True
            self.months_spin.setValue(months)
            self.months_slider.setValue(months)
            self._syncing = False
        self._update_state()

    def reset(self) -> None:
        self.set_whatif(WhatIf())

    # --- syncing -------------------------------------------------------------------------
    def _sync_sliders(self) -> None:
        for slider, value in ((self.calls_slider, _nearest_stop(self.calls_spin.value())),
                              (self.keys_slider, _nearest_stop(self.keys_spin.value())),
                              (self.growth_slider, round(self.growth_spin.value() * 2)),
                              (self.months_slider, self.months_spin.value())):
            slider.blockSignals(True)
            slider.setValue(value)
            slider.blockSignals(False)

    def _slider_moved(self, spin, value) -> None:
        if self._syncing:
            return
        spin.blockSignals(True)
        spin.setValue(value)
        spin.blockSignals(False)
        self._announce()

    def _spin_changed(self, _value) -> None:
        if self._syncing:
            return
        self._sync_sliders()
        self._announce()

    def _announce(self) -> None:
        self._update_state()
        self.changed.emit(self.whatif())

    def _update_state(self) -> None:
        w = self.whatif()
        active = not w.is_neutral
        self.reset_button.setEnabled(active)
        self.keep_button.setEnabled(active)
        self.state.setText(f"Showing: {w.describe(self._plan_months)}" if active else "Showing the plan as entered.")
