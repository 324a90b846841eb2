"""The plan settings panel: each field edits the plan as one undoable, named step."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from desktop.views.settings_panel import SettingsPanel


@pytest.fixture
def panel(qtbot, document):
    widget = SettingsPanel(document)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_shows_the_plan(panel):
    assert panel.name_edit.text() == "Growing SaaS with rotation (software keys)"
    assert panel.site_combo.currentData() == "international"
    assert panel.region_combo.currentData() == "outside_mainland"
    assert panel.start_edit.text() == "2027-01"
    assert panel.months_spin.value() == 36
    assert panel.peak_spin.value() == Decimal(3)
    assert panel.secrets_spin.value() == 0


def test_typing_a_name_is_one_undo_step(qtbot, panel, document):
    panel.name_edit.selectAll()
    qtbot.keyClicks(panel.name_edit, "Q3 plan")
    assert document.plan.name == "Q3 plan"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Rename plan"
    document.undo_stack.undo()
    assert panel.name_edit.text() == "Growing SaaS with rotation (software keys)"


def test_horizon_and_region_and_site(qtbot, panel, document):
    panel.months_spin.setValue(24)
    assert document.plan.months == 24 and len(document.comparison.months) == 24
    assert document.undo_stack.undoText() == "Change horizon"
    panel.region_combo.setCurrentIndex(panel.region_combo.findData("mainland"))
    panel.region_combo.activated.emit(panel.region_combo.currentIndex())
    assert document.plan.api_region == "mainland"
    panel.site_combo.setCurrentIndex(panel.site_combo.findData("china"))
    panel.site_combo.activated.emit(panel.site_combo.currentIndex())
    assert document.plan.site == "china"
    assert document.undo_stack.undoText() == "Change price list"


def test_start_month_peak_and_secrets(qtbot, panel, document):
    panel.start_edit.setDate(QDate(2028, 3, 1))
    assert document.plan.start_month == "2028-03"
    assert document.comparison.months[0] == "2028-03"
    panel.peak_spin.lineEdit().selectAll()
    qtbot.keyClicks(panel.peak_spin, "4.5")
    qtbot.keyClick(panel.peak_spin, Qt.Key_Return)
    assert document.plan.peak_to_average == Decimal("4.5")
    panel.secrets_spin.setValue(12)
    assert document.plan.secrets == 12
    assert document.undo_stack.undoText() == "Change secrets"


def test_undo_shows_the_old_value_without_making_a_new_edit(panel, document):
    panel.months_spin.setValue(12)
    document.undo_stack.undo()
    assert panel.months_spin.value() == 36
    assert document.undo_stack.count() == 1 and document.undo_stack.canRedo()


def test_notes_are_kept_in_the_plan_file(qtbot, panel, document, tmp_path):
    from core import planfile

    qtbot.keyClicks(panel.notes_edit, "Prices from the May quote")
    assert document.plan.extensions["notes"] == "Prices from the May quote"
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Edit notes"
    path = tmp_path / "n.kmsplan"
    planfile.save(document.plan, path)
    assert planfile.load(path).extensions["notes"] == "Prices from the May quote"
    document.undo_stack.undo()
    assert "notes" not in document.plan.extensions
    assert panel.notes_edit.toPlainText() == ""


def _type(qtbot, spin, text):
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key_Return)


@pytest.mark.parametrize("spin, typed, field, expected", [
    ("secrets_spin", "2,500", "secrets", 2500),
    ("secrets_spin", "2.5k", "secrets", 2500),
    ("secrets_spin", "1e4", "secrets", 10000),
    ("secrets_spin", "3 000", "secrets", 3000),
    ("months_spin", "48", "months", 48),
    ("months_spin", "60 months", "months", 60),
    ("peak_spin", "4.5", "peak_to_average", Decimal("4.5")),
    ("peak_spin", "1.25 ×", "peak_to_average", Decimal("1.25")),
])
def test_each_notation_lands_as_the_number_meant(qtbot, panel, document, spin, typed, field, expected):
    _type(qtbot, getattr(panel, spin), typed)
    assert getattr(document.plan, field) == expected
    assert document.undo_stack.count() == 1
    assert getattr(panel, spin).refusal is None


@pytest.mark.parametrize("spin, typed, words", [
    ("months_spin", "1000", "The number of months must be a whole number from 1 to 120, not 1000"),
    ("months_spin", "0", "The number of months must be a whole number from 1 to 120, not 0"),
    ("secrets_spin", "99999999999999999", "The number of secrets must be at most 10,000,000 (more is likely a typo)"),
    ("secrets_spin", "-5", "The number of secrets must be a whole number of 0 or more, not -5"),
    ("secrets_spin", "6e7x", '"6e7x" ends in "x"'),
    ("peak_spin", "0.5", "The peak-to-average ratio must be 1 or more, not 0.5"),
])
def test_refused_entries_leave_the_plan_unchanged_and_are_explained(qtbot, panel, document, spin, typed, words):
    before = document.plan
    box = getattr(panel, spin)
    _type(qtbot, box, typed)
    assert document.plan is before and document.undo_stack.count() == 0
    assert box.lineEdit().text() == typed  # kept as typed: never clamped, no character dropped
    assert words in box.refusal and words in box.toolTip()
    assert words in panel.message.text() and panel.message.isVisible()
    from desktop.views.palette_colours import refused_background
    assert box.lineEdit().palette().color(box.lineEdit().backgroundRole()) == refused_background(panel.palette())


def test_a_valid_entry_after_a_refusal_clears_it(qtbot, panel, document):
    _type(qtbot, panel.months_spin, "1000")
    _type(qtbot, panel.months_spin, "100")
    assert document.plan.months == 100
    assert panel.months_spin.refusal is None and not panel.message.isVisible()


def test_tab_leaves_notes_and_ctrl_tab_types_a_tab(qtbot, panel, document):
    panel.activateWindow()
    panel.notes_edit.setFocus()
    qtbot.waitUntil(panel.notes_edit.hasFocus)
    qtbot.keyClicks(panel.notes_edit, "a")
    qtbot.keyClick(panel.notes_edit, Qt.Key_Tab, Qt.ControlModifier)
    qtbot.keyClicks(panel.notes_edit, "b")
    assert document.plan.extensions["notes"] == "a\tb"
    steps = document.undo_stack.count()
    qtbot.keyClick(panel.notes_edit, Qt.Key_Tab)
    assert not panel.notes_edit.hasFocus()  # focus moved on
    assert panel.notes_edit.toPlainText() == "a\tb"  # Tab typed nothing
    assert document.undo_stack.count() == steps  # and made no undo step


def test_fields_have_accessible_names(panel):
    assert panel.months_spin.accessibleName() == "Horizon"
    assert "1-120" in panel.months_spin.accessibleDescription()


def test_a_one_month_horizon_reads_one_month(qtbot):
    """'1 month', not '1 months' (seed plans are one month long); typing either form is read."""
    from desktop.views.decimal_spin_box import DecimalSpinBox

    box = DecimalSpinBox(field="months", suffix=" months")
    qtbot.addWidget(box)
    box.setValue(1)
    assert box.text() == "1 month"
    box.setValue(24)
    assert box.text() == "24 months"
    assert box.read("1 month") == 1 and box.read("3 months") == 3


def test_an_edit_sets_only_the_widgets_whose_value_changed(qtbot, panel, document):
    """Showing the plan after every edit leaves unchanged fields alone: no tooltip or value set again."""
    from PySide6.QtCore import QEvent, QObject

    events = []

    class Spy(QObject):
        def eventFilter(self, watched, event):
            if event.type() in (QEvent.ToolTipChange, QEvent.LayoutRequest):
                events.append((watched.objectName() or type(watched).__name__, event.type()))
            return False

    spy = Spy()
    watched = (panel.name_edit, panel.site_combo, panel.region_combo, panel.start_edit)
    for widget in watched:
        widget.installEventFilter(spy)
    changed = []
    panel.start_edit.dateChanged.connect(changed.append)
    panel.site_combo.currentIndexChanged.connect(changed.append)
    document.edit(document.plan.with_(secrets=Decimal(7)), "Change secrets")
    assert panel.secrets_spin.value() == 7
    assert events == [] and changed == []
    document.edit(document.plan.with_(name="Other"), "Rename plan")
    assert panel.name_edit.toolTip().endswith(":\nOther")
    assert [kind for _name, kind in events] == [QEvent.ToolTipChange]
