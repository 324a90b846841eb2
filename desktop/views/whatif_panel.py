"""What-if controls: scale calls and keys, shift growth, lengthen or shorten the horizon, without
editing the plan. Sliders and boxes stay in step; `changed(WhatIf)` fires on every move, so curves
follow live. The horizon control is relative ("+12 months" beyond the plan's): the plan's own Horizon
(in the settings) is the one absolute horizon, so two controls never disagree. The boxes read numbers
as typed (core.numbers) within core.fields' what-if bounds and refuse the rest visibly."""

from __future__ import annotations

import bisect
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from core.sweep import MAX_MONTHS, WhatIf
from desktop.views.decimal_spin_box import DecimalSpinBox
from desktop.views.refusal_line import show_refusal
from desktop.views.steady_label import SteadyLabel

# Slider stops for the factors (any other value can be typed in the spin box).
FACTOR_STOPS = ("0.1", "0.2", "0.25", "0.3", "0.4", "0.5", "0.6", "0.7", "0.75", "0.8", "0.9", "1", "1.1",
                "1.2", "1.25", "1.5", "1.75", "2", "2.5", "3", "4", "5", "7.5", "10")
_STOP_VALUES = [float(s) for s in FACTOR_STOPS]  # float ok: slider positions only
GROWTH_SLIDER_PP = 10  # the growth slider spans -10 .. +10 percentage points, in half points


def _nearest_stop(value) -> int:
    value = float(value)  # float ok: slider positions only
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
        self.calls_slider, self.calls_spin = self._factor_pair("calls_factor")
        self.keys_slider, self.keys_spin = self._factor_pair("keys_factor")
        self.growth_slider = QSlider(Qt.Horizontal)
        self.growth_slider.setRange(-2 * GROWTH_SLIDER_PP, 2 * GROWTH_SLIDER_PP)
        self.growth_slider.setTickPosition(QSlider.TicksBelow)
        self.growth_slider.setTickInterval(2 * GROWTH_SLIDER_PP)
        self.growth_spin = DecimalSpinBox(field="growth_delta_pct", step=Decimal("0.5"), suffix=" pp", signed=True,
                                          places=2)
        self.growth_spin.setToolTip("Percentage points added to every key group's monthly call growth")
        # Relative to the plan's horizon: months added (or taken away); 0 is the plan's own horizon.
        self.months_slider = QSlider(Qt.Horizontal)
        self.months_slider.setTickPosition(QSlider.TicksBelow)
        self.months_slider.setTickInterval(12)
        self.months_spin = DecimalSpinBox(integer=True, suffix=" months", signed=True, special="as planned",
                                          minimum=1 - plan_months, maximum=MAX_MONTHS - plan_months,
                                          label="change of horizon")
        self.months_spin.setToolTip("Months added to the plan's horizon (or taken away, typed as -6); "
                                    "the plan's own horizon is set in the plan settings")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Back to the plan as entered")
        self.keep_button = QPushButton("Keep as scenario…")
        self.keep_button.setToolTip("Store these settings as a named scenario in the plan (undoable)")
        state = SteadyLabel()  # new words on each slider step: no relayout of the panel for them
        state.setWordWrap(True)
        self.state = state.label

        title = QLabel("<b>What if…</b>")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        rows = (("&Calls ×", self.calls_slider, self.calls_spin, "Multiply every group's calls per month",
                 "What-if calls factor"),
                ("&Keys ×", self.keys_slider, self.keys_spin, "Multiply every group's key count (whole keys, half up)",
                 "What-if keys factor"),
                ("&Growth +", self.growth_slider, self.growth_spin, "Add percentage points to monthly call growth",
                 "What-if growth change"),
                ("Hori&zon ±", self.months_slider, self.months_spin,
                 "Months added to (or taken from) the plan's horizon", "What-if horizon change"))
        for r, (text, slider, spin, tip, name) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(spin)  # Alt+letter focuses the box; arrows and PageUp/Down step it
            label.setToolTip(tip)
            slider.setToolTip(tip)
            slider.setMinimumWidth(90)
            slider.setAccessibleName(f"{name} slider")
            slider.setAccessibleDescription(tip)
            spin.setAccessibleName(name)
            if not spin.accessibleDescription():
                spin.setAccessibleDescription(tip)
            grid.addWidget(label, r, 0)
            grid.addWidget(slider, r, 1)
            grid.addWidget(spin, r, 2)
        grid.setColumnStretch(1, 1)
        for spin in (self.calls_spin, self.keys_spin, self.growth_spin, self.months_spin):
            spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("+120 months") + 36)
            spin.refused.connect(self._say)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
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
        layout.addWidget(self.message)
        layout.addWidget(state)
        layout.addStretch(1)

        self._set_months_range()
        self.calls_slider.valueChanged.connect(lambda v: self._slider_moved(self.calls_spin, Decimal(FACTOR_STOPS[v])))
        self.keys_slider.valueChanged.connect(lambda v: self._slider_moved(self.keys_spin, Decimal(FACTOR_STOPS[v])))
        self.growth_slider.valueChanged.connect(lambda v: self._slider_moved(self.growth_spin, Decimal(v) / 2))
        self.months_slider.valueChanged.connect(lambda v: self._slider_moved(self.months_spin, v))
        for spin in (self.calls_spin, self.keys_spin, self.growth_spin, self.months_spin):
            spin.valueChanged.connect(self._spin_changed)
        self.reset_button.clicked.connect(self.reset)
        self.keep_button.clicked.connect(self.keepRequested)
        self.set_whatif(WhatIf())

    def _factor_pair(self, field: str) -> tuple[QSlider, DecimalSpinBox]:
        slider = QSlider(Qt.Horizontal)
        slider.setRange(0, len(FACTOR_STOPS) - 1)
        slider.setTickPosition(QSlider.TicksBelow)
        slider.setTickInterval(FACTOR_STOPS.index("1"))
        spin = DecimalSpinBox(field=field, step=Decimal("0.1"), prefix="×", places=2)
        spin.setValue(Decimal(1))
        return slider, spin

    # --- state ---------------------------------------------------------------------------
    def horizon(self) -> int:
        """The months the what-if compares: the plan's horizon plus the change."""
        return self._plan_months + self.months_spin.value()

    def whatif(self) -> WhatIf:
        delta = self.months_spin.value()
        return WhatIf(
            calls_factor=self.calls_spin.value(),
            keys_factor=self.keys_spin.value(),
            growth_delta_pct=self.growth_spin.value(),
            months=None if delta == 0 else self._plan_months + delta,
        )

    def set_whatif(self, whatif: WhatIf) -> None:
        """Show a what-if (e.g. a stored scenario) and announce it."""
        self._syncing = True
        try:
            self.calls_spin.setValue(whatif.calls_factor)
            self.keys_spin.setValue(whatif.keys_factor)
            self.growth_spin.setValue(whatif.growth_delta_pct)
            self.months_spin.setValue(0 if whatif.months is None else whatif.months - self._plan_months)
            self._sync_sliders()
        finally:
            self._syncing = False
        self._say("")
        self._announce()

    def set_plan_months(self, months: int) -> None:
        """The plan's horizon changed: the change of horizon stays relative to it (within 1-120 months)."""
        self._plan_months = months
        before = self.months_spin.value()
        self._syncing = True
        try:
            self._set_months_range()
            delta = min(max(before, 1 - months), MAX_MONTHS - months)
            self.months_spin.setValue(delta)
            self.months_slider.setValue(delta)
        finally:
            self._syncing = False
        if delta != before:
            self._announce()
        else:
            self._update_state()

    def _set_months_range(self) -> None:
        low, high = 1 - self._plan_months, MAX_MONTHS - self._plan_months
        self.months_spin.setRange(low, high)
        self.months_slider.blockSignals(True)
        self.months_slider.setRange(low, high)
        self.months_slider.blockSignals(False)

    def _say(self, text: str) -> None:
        show_refusal(self.message, self, text, status_bar=False)

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
        self._say("")
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
