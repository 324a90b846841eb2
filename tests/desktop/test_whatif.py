"""The what-if controls (desktop/views/whatif_panel.py): sliders and spin boxes in step, exact values."""

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from core.sweep import WhatIf
from desktop.views.whatif_panel import FACTOR_STOPS, WhatIfPanel


@pytest.fixture
def panel(qtbot):
    widget = WhatIfPanel(plan_months=36)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_starts_neutral_with_buttons_off(panel):
    assert panel.whatif() == WhatIf()
    assert not panel.reset_button.isEnabled() and not panel.keep_button.isEnabled()
    assert panel.calls_spin.text() == "×1.00"
    assert panel.months_spin.value() == 36


def test_dragging_the_calls_slider_emits_each_step(qtbot, panel):
    seen = []
    panel.changed.connect(seen.append)
    panel.calls_slider.setValue(FACTOR_STOPS.index("1.5"))
    assert panel.calls_spin.value() == 1.5
    assert seen[-1] == WhatIf(calls_factor=D("1.5"))
    panel.calls_slider.triggerAction(panel.calls_slider.SliderAction.SliderSingleStepAdd)
    assert seen[-1].calls_factor == D("1.75")
    assert panel.reset_button.isEnabled() and panel.keep_button.isEnabled()
    assert panel.state.text() == "Showing: calls ×1.75"


def test_typing_a_value_moves_the_slider_to_the_nearest_stop(qtbot, panel):
    panel.keys_spin.selectAll()
    qtbot.keyClicks(panel.keys_spin, "2.3")
    qtbot.keyClick(panel.keys_spin, Qt.Key_Enter)
    assert panel.whatif().keys_factor == D("2.3")
    assert FACTOR_STOPS[panel.keys_slider.value()] == "2.5"


def test_growth_and_horizon(qtbot, panel):
    panel.growth_slider.setValue(3)  # half points: +1.5 pp
    panel.months_slider.setValue(48)
    assert panel.whatif() == WhatIf(growth_delta_pct=D("1.5"), months=48)
    panel.months_slider.setValue(36)  # the plan's own horizon: not an override
    assert panel.whatif().months is None


def test_reset_and_set_whatif(qtbot, panel):
    w = WhatIf(D("0.75"), D(2), D("-2"), 60)
    panel.set_whatif(w)
    assert panel.whatif() == w
    assert FACTOR_STOPS[panel.calls_slider.value()] == "0.75"
    assert panel.growth_slider.value() == -4
    with qtbot.waitSignal(panel.changed) as signal:
        qtbot.mouseClick(panel.reset_button, Qt.LeftButton)
    assert signal.args[0] == WhatIf()


def test_horizon_follows_the_plan_unless_overridden(panel):
    panel.set_plan_months(24)
    assert panel.months_spin.value() == 24 and panel.whatif().months is None
    panel.months_spin.setValue(30)
    panel.set_plan_months(12)
    assert panel.whatif().months == 30
