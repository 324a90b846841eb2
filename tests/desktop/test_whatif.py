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
    assert panel.months_spin.value() == 0 and panel.months_spin.text() == "as planned"
    assert panel.horizon() == 36


def test_dragging_the_calls_slider_emits_each_step(qtbot, panel):
    seen = []
    panel.changed.connect(seen.append)
    panel.calls_slider.setValue(FACTOR_STOPS.index("1.5"))
    assert panel.calls_spin.value() == D("1.5")
    assert seen[-1] == WhatIf(calls_factor=D("1.5"))
    panel.calls_slider.triggerAction(panel.calls_slider.SliderAction.SliderSingleStepAdd)
    assert seen[-1].calls_factor == D("1.75")
    assert panel.reset_button.isEnabled() and panel.keep_button.isEnabled()
    assert panel.state.text() == "Showing: calls ×1.75"


def test_typing_a_value_moves_the_slider_to_the_nearest_stop(qtbot, panel):
    panel.keys_spin.lineEdit().selectAll()
    qtbot.keyClicks(panel.keys_spin, "2.3")
    qtbot.keyClick(panel.keys_spin, Qt.Key_Enter)
    assert panel.whatif().keys_factor == D("2.3")
    assert FACTOR_STOPS[panel.keys_slider.value()] == "2.5"


def test_growth_and_horizon(qtbot, panel):
    panel.growth_slider.setValue(3)  # half points: +1.5 pp
    panel.months_slider.setValue(12)  # relative: 12 months beyond the plan's 36
    assert panel.whatif() == WhatIf(growth_delta_pct=D("1.5"), months=48)
    assert panel.months_spin.text() == "+12 months"
    panel.months_slider.setValue(0)  # the plan's own horizon: not an override
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


def test_the_horizon_change_stays_relative_to_the_plans_horizon(panel):
    panel.set_plan_months(24)
    assert panel.months_spin.value() == 0 and panel.whatif().months is None
    panel.months_spin.setValue(6)
    assert panel.whatif().months == 30
    panel.set_plan_months(12)  # the plan's horizon is the one absolute control: the what-if follows it
    assert panel.whatif().months == 18 and panel.months_spin.text() == "+6 months"
    panel.set_plan_months(118)  # 118 + 6 would pass 120 months: the change shrinks to fit
    assert panel.whatif().months == 120


def _type(qtbot, spin, text):
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key_Return)


@pytest.mark.parametrize("spin, typed, expected", [
    ("calls_spin", "2.5", WhatIf(calls_factor=D("2.5"))),
    ("calls_spin", "×1.25", WhatIf(calls_factor=D("1.25"))),
    ("calls_spin", "1e1", WhatIf(calls_factor=D(10))),
    ("keys_spin", "0.333", WhatIf(keys_factor=D("0.333"))),
    ("growth_spin", "1.5", WhatIf(growth_delta_pct=D("1.5"))),
    ("growth_spin", "-2.5%", WhatIf(growth_delta_pct=D("-2.5"))),
    ("growth_spin", "+3 pp", WhatIf(growth_delta_pct=D(3))),
    ("months_spin", "+12", WhatIf(months=48)),
    ("months_spin", "-6 months", WhatIf(months=30)),
    ("months_spin", "as planned", WhatIf()),
])
def test_each_notation_lands_as_the_number_meant(qtbot, panel, spin, typed, expected):
    with qtbot.waitSignal(panel.changed, timeout=1000, raising=False):
        _type(qtbot, getattr(panel, spin), typed)
    assert panel.whatif() == expected
    assert getattr(panel, spin).refusal is None


@pytest.mark.parametrize("spin, typed, words", [
    ("calls_spin", "0", "The calls factor must be a number above 0 and at most 1,000, not 0"),
    ("keys_spin", "5000", "The keys factor must be a number above 0 and at most 1,000, not 5000"),
    ("growth_spin", "-100", "The change of growth must be a number of percentage points above -100"),
    ("months_spin", "+100", "The change of horizon must be from -35 months to +84 months, not +100 months"),
    ("calls_spin", "2x", '"2x" ends in "x"'),
])
def test_refused_entries_change_nothing_and_are_explained(qtbot, panel, spin, typed, words):
    seen = []
    panel.changed.connect(seen.append)
    box = getattr(panel, spin)
    _type(qtbot, box, typed)
    assert seen == [] and panel.whatif() == WhatIf()
    assert box.lineEdit().text() == typed
    assert words in box.refusal and words in panel.message.text()


def test_sliders_and_boxes_have_accessible_names(panel):
    assert panel.calls_slider.accessibleName() == "What-if calls factor slider"
    assert panel.months_spin.accessibleName() == "What-if horizon change"
    assert "plan's horizon" in panel.months_slider.accessibleDescription()
