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
