"""The key inventory editor driven like a user: type into cells, pick from the delegates' lists,
add / duplicate / delete rows, sort, and read the totals under the table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QSpinBox, QWidget

from desktop.views.decimal_spin_box import DecimalSpinBox
from desktop.views.inventory_editor import InventoryEditor


@pytest.fixture
def editor(qtbot, document):
    widget = InventoryEditor(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _open_editor(editor, row: int, key: str):
    model = editor.model
    index = editor.proxy.mapFromSource(model.index(row, model.column_index(key)))
    editor.view.setCurrentIndex(index)
    assert editor.view.edit(index, QAbstractItemView.AllEditTriggers, None)
    editors = [w for w in editor.view.viewport().findChildren(QWidget)
               if isinstance(w, (QSpinBox, QComboBox, QLineEdit, DecimalSpinBox)) and w.isVisible()
               and w.parent() is editor.view.viewport()]
    assert len(editors) == 1
    return editors[0]


def _enter(qtbot, widget):
    """Press Return in an editor; the delegate commits on the next turn of the event loop."""
    qtbot.keyClick(widget, Qt.Key_Return)
    QApplication.processEvents()


def test_typing_a_count_changes_the_plan_and_undo_names_it(qtbot, editor, document):
    spin = _open_editor(editor, 0, "count")
    assert isinstance(spin, QSpinBox) and spin.value() == 60
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "75")
    _enter(qtbot, spin)
    assert document.plan.key_groups[0].count == 75
    assert document.undo_stack.undoText() == "Change count"
    assert editor.model.data(editor.model.index(0, editor.model.column_index("count"))) == "75"
    document.undo_stack.undo()
    assert document.plan.key_groups[0].count == 60


def test_typing_into_one_cell_twice_is_one_undo_step(qtbot, editor, document):
    for text in ("70", "80"):
        spin = _open_editor(editor, 1, "count")
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, text)
        _enter(qtbot, spin)
    assert document.plan.key_groups[1].count == 80
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.plan.key_groups[1].count == 8


def test_spec_delegate_lists_the_catalog_specs_and_changes_the_billing_class(qtbot, editor, document):
    combo = _open_editor(editor, 0, "spec")
    assert isinstance(combo, QComboBox)
    specs = [combo.itemData(i) for i in range(combo.count())]
    assert specs == ["Aliyun_AES_256", "Aliyun_SM4", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K", "Aliyun_SM2"]
    assert combo.currentData() == "Aliyun_AES_256"
    at = combo.findData("RSA_3072")
    combo.setCurrentIndex(at)
    combo.activated.emit(at)
    assert document.plan.key_groups[0].spec == "RSA_3072"
    assert document.undo_stack.undoText() == "Change spec"
    model = editor.model
    assert model.data(model.index(0, model.column_index("billing_class"))) == "software, advanced"


def test_protection_and_creator_change_the_billing_class(qtbot, editor, document):
    combo = _open_editor(editor, 2, "protection")
    at = combo.findData("HSM")
    combo.setCurrentIndex(at)
    combo.activated.emit(at)
    model = editor.model
    assert document.plan.key_groups[2].protection == "HSM"
    assert model.data(model.index(2, model.column_index("billing_class"))) == "hardware, advanced"
    assert model.data(model.index(3, model.column_index("billing_class"))) == "service-managed"


def test_calls_take_exact_decimals(qtbot, editor, document):
    spin = _open_editor(editor, 0, "calls_per_month")
    assert isinstance(spin, DecimalSpinBox) and spin.value() == Decimal(60_000_000)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "123456789012345")
    _enter(qtbot, spin)
    assert document.plan.key_groups[0].calls_per_month == Decimal("123456789012345")
    assert document.undo_stack.undoText() == "Change calls"


def test_rotation_none_and_days(qtbot, editor, document):
    spin = _open_editor(editor, 3, "rotation_days")
    assert spin.text() == "none"
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "365")
    _enter(qtbot, spin)
    assert document.plan.key_groups[3].rotation_days == 365
    spin = _open_editor(editor, 3, "rotation_days")
    spin.setValue(spin.minimum())  # the "none" end of the range
    _enter(qtbot, spin)
    assert document.plan.key_groups[3].rotation_days is None


def test_typing_a_name(qtbot, editor, document):
    line = _open_editor(editor, 0, "name")
    line.selectAll()
    qtbot.keyClicks(line, "tenants")
    _enter(qtbot, line)
    assert document.plan.key_groups[0].name == "tenants"
    assert document.undo_stack.undoText() == "Change name"


def test_add_duplicate_delete_rows(qtbot, editor, document):
    editor.select_rows([1])
    editor.duplicate_action.trigger()
    names = [g.name for g in document.plan.key_groups]
    assert names[1:3] == ["payment-tokens", "payment-tokens-copy"]
    assert document.plan.key_groups[2].count == 8
    assert editor.selected_rows() == [2]
    assert document.undo_stack.undoText() == "Duplicate key group"

    editor.delete_action.trigger()
    assert len(document.plan.key_groups) == 6
    assert document.undo_stack.undoText() == "Delete key group"

    editor.select_rows([5])
    editor.add_action.trigger()
    editor.view.closePersistentEditor(editor.view.currentIndex())  # the new row's name editor opened
    plan = document.plan
    assert len(plan.key_groups) == 7 and plan.key_groups[6].name == "new-keys"
    assert (plan.key_groups[6].count, plan.key_groups[6].protection) == (1, "SOFTWARE")
    assert editor.model.rowCount() == 7
    document.undo_stack.undo()
    assert len(document.plan.key_groups) == 6


def test_delete_key_deletes_selected_rows(qtbot, editor, document):
    editor.view.setFocus()
    editor.select_rows([4, 5])
    qtbot.keyClick(editor.view, Qt.Key_Delete)
    assert [g.name for g in document.plan.key_groups][-1] == "cloud-default-keys"
    assert document.undo_stack.undoText() == "Delete 2 key groups"


def test_sorting_by_keys_keeps_edits_on_the_right_group(qtbot, editor, document):
    model = editor.model
    editor.view.sortByColumn(model.column_index("count"), Qt.DescendingOrder)
    first = editor.proxy.index(0, model.column_index("name")).data()
    assert first == "tenant-data-keys"  # 60 keys
    second = editor.proxy.index(1, model.column_index("name")).data()
    assert second == "archive-keys"  # 20 keys
    index = editor.proxy.index(1, model.column_index("count"))
    editor.proxy.setData(index, 5)
    assert document.plan.key_groups[5].count == 5
    assert editor.proxy.index(1, model.column_index("name")).data() == "retired-tenant-keys"


def test_selection_survives_an_edit(qtbot, editor, document):
    editor.select_rows([2])
    plan = document.plan
    document.edit(plan.with_group(4, plan.key_groups[4].with_(count=1)), "Change count")
    assert editor.selected_rows() == [2]


def test_totals_come_from_core_demand(editor, document):
    text = editor.footer.text().replace("&nbsp;", " ")
    # billed user keys: 60 + 8 + 4 + 20 disabled (pending deletion not billed, service keys not user keys)
    assert "billed user keys <b>92</b>" in text
    # first day: one version each; by 2029-12-31 (day 1095): 60*(1+1094//90) + 8*(1+1094//180)
    # + 4*(1+1094//30) + 20 = 60*13 + 8*7 + 4*37 + 20 = 1004
    assert "key versions <b>92</b> now, <b>1,004</b> by 2029-12" in text
    # calls of user keys in month 1: 60M + 0.9M + 2.5M
    assert "calls / month <b>63.4 M</b> now" in text
    plan = document.plan
    document.edit(plan.with_group(5, plan.key_groups[5].with_(count=30)), "Change count")
    assert "billed user keys <b>102</b>" in editor.footer.text().replace("&nbsp;", " ")


def test_out_of_range_growth_typed_in_the_editor_is_marked_not_applied(qtbot, editor, document):
    spin = _open_editor(editor, 0, "calls_growth_pct")
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "-150")
    _enter(qtbot, spin)
    assert document.plan.key_groups[0].calls_growth_pct == Decimal(4)
    index = editor.model.index(0, editor.model.column_index("calls_growth_pct"))
    assert index.data() == "-150"
    tip = index.data(Qt.ToolTipRole)
    assert tip.startswith("Not applied: Growth (% per month) must be a number")
    assert tip.endswith("got -150. Still using 4 %/mo.")
    assert document.undo_stack.count() == 0


def test_groups_that_are_not_billed_are_greyed(editor):
    model = editor.model
    pending = model.index(4, model.column_index("name"))  # retired-tenant-keys: pending deletion
    assert pending.data(Qt.ForegroundRole).color().name() == "#8a8a8a"
    assert model.index(0, model.column_index("name")).data(Qt.ForegroundRole) is None
    assert model.index(4, model.column_index("billing_class")).data() == "not billed"
