"""The key inventory editor driven like a user: type into cells, pick from the delegates' lists,
add / duplicate / delete rows, sort, and read the totals under the table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QSpinBox, QWidget

from core.catalog import load_catalog
from desktop.views.column_delegate import NumberEdit
from desktop.views.decimal_spin_box import DecimalSpinBox
from desktop.views.inventory_editor import InventoryEditor


@pytest.fixture
def editor(inventory_editor):
    return inventory_editor


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
    assert isinstance(spin, NumberEdit) and spin.text() == "60"
    spin.selectAll()
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
        spin.selectAll()
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
    assert specs == list(load_catalog("international").specs)
    assert specs[:6] == ["Aliyun_AES_256", "Aliyun_SM4", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K"]
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
    assert isinstance(spin, NumberEdit) and spin.text() == "60,000,000"
    spin.selectAll()
    qtbot.keyClicks(spin, "123456789012345")
    _enter(qtbot, spin)
    assert document.plan.key_groups[0].calls_per_month == Decimal("123456789012345")
    assert document.undo_stack.undoText() == "Change calls"


def test_rotation_none_and_days(qtbot, editor, document):
    spin = _open_editor(editor, 3, "rotation_days")
    assert spin.text() == "none"
    spin.selectAll()
    qtbot.keyClicks(spin, "365")
    _enter(qtbot, spin)
    assert document.plan.key_groups[3].rotation_days == 365
    spin = _open_editor(editor, 3, "rotation_days")
    assert spin.text() == "365"
    spin.selectAll()
    qtbot.keyClicks(spin, "none")
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


def test_ctrl_minus_deletes_selected_rows_and_says_undo_brings_them_back(qtbot, editor, document):
    editor.view.setFocus()
    editor.select_rows([4, 5])
    qtbot.keyClick(editor.view, Qt.Key_Minus, Qt.ControlModifier)
    assert [g.name for g in document.plan.key_groups][-1] == "cloud-default-keys"
    assert document.undo_stack.undoText() == "Delete 2 key groups"
    assert "Deleted 2 key groups" in editor.message.text() and "brings them back" in editor.message.text()
    document.undo_stack.undo()
    assert len(document.plan.key_groups) == 6


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


def test_out_of_range_growth_keeps_the_editor_open_and_says_why(qtbot, editor, document):
    spin = _open_editor(editor, 0, "calls_growth_pct")
    spin.selectAll()
    qtbot.keyClicks(spin, "-150")
    _enter(qtbot, spin)
    assert spin.isVisible() and spin.text() == "-150"  # still open, nothing dropped
    assert spin.refusal == "The monthly growth of calls must be above -100 %, not -150 %"
    assert spin.toolTip() == spin.refusal
    assert "monthly growth of calls must be above -100 %" in editor.message.text()
    assert document.plan.key_groups[0].calls_growth_pct == Decimal(4)
    assert document.undo_stack.count() == 0


def test_a_refused_value_left_by_clicking_away_stays_red_in_its_cell(qtbot, editor, document):
    spin = _open_editor(editor, 0, "calls_growth_pct")
    spin.selectAll()
    qtbot.keyClicks(spin, "-150")
    editor.view.setFocus()  # focus leaves the editor: the delegate commits what was typed
    QApplication.processEvents()
    assert document.plan.key_groups[0].calls_growth_pct == Decimal(4)
    index = editor.model.index(0, editor.model.column_index("calls_growth_pct"))
    assert index.data() == "-150"
    tip = index.data(Qt.ToolTipRole)
    assert tip == "Not applied: The monthly growth of calls must be above -100 %, not -150 %. Still using 4 %/mo."
    assert editor.message.text() == ("Row 1, Growth: The monthly growth of calls must be above -100 %, not -150 %. "
                                     "Not applied: the plan keeps 4 %/mo.")
    assert document.undo_stack.count() == 0


def test_groups_that_are_not_billed_are_greyed(editor):
    model = editor.model
    pending = model.index(4, model.column_index("name"))  # retired-tenant-keys: pending deletion
    from desktop.views.palette_colours import contrast, muted_foreground

    greyed = pending.data(Qt.ForegroundRole).color()
    palette = QApplication.palette()
    assert greyed == muted_foreground(palette)  # from the palette: readable under a dark theme too
    assert contrast(greyed, palette.color(QPalette.Base)) >= 4.5
    assert model.index(0, model.column_index("name")).data(Qt.ForegroundRole) is None
    assert model.index(4, model.column_index("billing_class")).data() == "not billed"


# --- numbers as people type them ---------------------------------------------------------------
@pytest.mark.parametrize("key, typed, expected", [
    ("calls_per_month", "6e7", Decimal(60_000_000)),
    ("calls_per_month", "60M", Decimal(60_000_000)),
    ("calls_per_month", "1.5M", Decimal(1_500_000)),
    ("calls_per_month", "2B", Decimal(2_000_000_000)),
    ("calls_per_month", "60k", Decimal(60_000)),
    ("calls_per_month", "3,000,000", Decimal(3_000_000)),
    ("calls_per_month", "3 000 000", Decimal(3_000_000)),
    ("count", "1,200", 1200),
    ("count", "2k", 2000),
    ("versions", "1e2", 100),
    ("rotation_days", "365 days", 365),
    ("calls_growth_pct", "7.5%", Decimal("7.5")),
    ("calls_growth_pct", "-2.5", Decimal("-2.5")),
])
def test_each_notation_lands_as_the_number_meant(qtbot, editor, document, key, typed, expected):
    cell = _open_editor(editor, 1, key)
    cell.selectAll()
    qtbot.keyClicks(cell, typed)
    _enter(qtbot, cell)
    assert getattr(document.plan.key_groups[1], key) == expected
    assert not cell.isVisible()


@pytest.mark.parametrize("key, typed, words", [
    ("rotation_days", "1000", "The rotation period must be a whole number of days from 7 to 730, not 1000"),
    ("count", "99999999999999999", "The key count must be at most 10,000,000 (more is likely a typo), "
                                   "not 99999999999999999"),
    ("count", "-5", "The key count must be a whole number of 0 or more, not -5"),
    ("count", "2.5", "The key count must be a whole number, not 2.5"),
    ("calls_per_month", "6e7x", '"6e7x" ends in "x", which is not a unit I know'),
    ("calls_per_month", "1,5", "looks like a decimal comma"),
])
def test_refused_entries_leave_the_plan_unchanged_and_say_why(qtbot, editor, document, key, typed, words):
    before = document.plan
    cell = _open_editor(editor, 1, key)
    cell.selectAll()
    qtbot.keyClicks(cell, typed)
    _enter(qtbot, cell)
    assert cell.isVisible() and cell.text() == typed  # open, every character kept
    assert words in cell.refusal
    assert words in editor.message.text() and editor.message.isVisible()
    qtbot.keyClick(cell, Qt.Key_Escape)  # Escape gives up: the plan never changed
    QApplication.processEvents()
    assert document.plan is before
    assert document.undo_stack.count() == 0


def test_a_refused_cell_is_drawn_red_and_readable_while_selected(qtbot, editor, document):
    from desktop.views.palette_colours import refused_background

    model = editor.model
    index = model.index(0, model.column_index("count"))
    assert not model.setData(index, "-5")
    editor.select_rows([0])
    image = editor.view.viewport().grab().toImage()
    rect = editor.view.visualRect(editor.proxy.mapFromSource(index))
    colour = image.pixelColor(rect.left() + 5, rect.top() + 5)
    assert colour == refused_background(editor.view.palette())  # not the selection colour
    neighbour = image.pixelColor(rect.left() - 5, rect.top() + 5)
    assert neighbour == editor.view.palette().color(QPalette.Highlight)
    assert index.data() == "-5"


def test_a_refusal_reaches_the_main_windows_status_bar(qtbot, main_window):
    inventory = main_window.findChild(InventoryEditor)
    model = inventory.model
    model.setData(model.index(0, model.column_index("rotation_days")), "1000")
    assert "rotation period must be a whole number of days from 7 to 730" in main_window.statusBar().currentMessage()


def test_a_corrected_entry_takes_back_its_not_applied_message(qtbot, main_window):
    """A typo is refused in words under the table and in the status bar; once corrected and applied,
    neither goes on saying "Not applied"."""
    from PySide6.QtWidgets import QAbstractItemView

    main_window.show()
    qtbot.waitExposed(main_window)
    inventory = main_window.findChild(InventoryEditor)
    model = inventory.model
    index = inventory.proxy.mapFromSource(model.index(0, model.column_index("calls_per_month")))
    inventory.view.setCurrentIndex(index)
    assert inventory.view.edit(index, QAbstractItemView.AllEditTriggers, None)
    from desktop.views.column_delegate import NumberEdit

    [editor] = inventory.view.viewport().findChildren(NumberEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "3.000.000x")
    qtbot.keyClick(editor, Qt.Key_Return)
    said = main_window.statusBar().currentMessage()
    assert "is not a number" in said and "Not applied" in said
    assert not inventory.message.isHidden() and "Not applied" in inventory.message.text()
    before = main_window.document.plan.key_groups[0].calls_per_month
    editor.selectAll()
    qtbot.keyClicks(editor, "60 k")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: main_window.document.plan.key_groups[0].calls_per_month != before)  # committed a turn later
    assert main_window.document.plan.key_groups[0].calls_per_month == Decimal(60_000)
    assert inventory.message.isHidden()
    assert "Not applied" not in main_window.statusBar().currentMessage()


def test_a_refused_value_left_in_its_cell_is_taken_back_once_corrected_in_a_new_editor(qtbot, main_window):
    """A typo left in its cell (focus taken away) stays there, red, and "Not applied" is said; the
    next editor of that cell starts from it, and once corrected there, nothing says "Not applied"."""
    main_window.show()
    qtbot.waitExposed(main_window)
    inventory = main_window.findChild(InventoryEditor)
    line = _open_editor(inventory, 0, "calls_per_month")
    line.selectAll()
    qtbot.keyClicks(line, "3.000.000x")
    qtbot.keyClick(line, Qt.Key_Tab)  # refused: stays open
    model = inventory.model
    inventory.view.setCurrentIndex(inventory.proxy.mapFromSource(model.index(2, 0)))  # left for another cell
    qtbot.waitUntil(lambda: not line.isVisible())
    assert model.index(0, model.column_index("calls_per_month")).data() == "3.000.000x"  # kept in its cell
    assert "Not applied" in main_window.statusBar().currentMessage() and not inventory.message.isHidden()
    line = _open_editor(inventory, 0, "calls_per_month")
    assert line.text() == "3.000.000x"
    line.selectAll()
    qtbot.keyClicks(line, "75,000")
    qtbot.keyClick(line, Qt.Key_Return)
    qtbot.waitUntil(lambda: main_window.document.plan.key_groups[0].calls_per_month == Decimal(75_000))
    assert inventory.message.isHidden()
    assert "Not applied" not in main_window.statusBar().currentMessage()


# --- copy, paste, delete, keyboard ---------------------------------------------------------------
SPREADSHEET = ("web\tUser\tSoftware\tAliyun_AES_256\t1,200\t1\t90 days\tEnabled\t3,000,000\t2 %/mo\n"
               "vault\tUser\tHSM\tRSA_2048\t5\t2\tnone\tEnabled\t60M\t0\n"
               "batch\tUser\tSoftware\tAliyun_AES_256\t2k\t1\tnone\tDisabled\t6e7\t7.5%\n")


def test_pasting_three_spreadsheet_rows_adds_three_groups_in_one_undo_step(qtbot, editor, document):
    QApplication.clipboard().setText(SPREADSHEET)
    editor.view.setFocus()
    editor.select_rows([1])
    qtbot.keyClick(editor.view, Qt.Key_V, Qt.ControlModifier)
    groups = document.plan.key_groups
    assert len(groups) == 9
    assert [g.name for g in groups[2:5]] == ["web", "vault", "batch"]
    assert (groups[2].count, groups[2].rotation_days, groups[2].calls_per_month) == (1200, 90, Decimal(3_000_000))
    assert (groups[3].protection, groups[3].spec, groups[3].calls_per_month) == ("HSM", "RSA_2048", Decimal(60_000_000))
    assert (groups[4].count, groups[4].state, groups[4].calls_growth_pct) == (2000, "Disabled", Decimal("7.5"))
    assert editor.selected_rows() == [2, 3, 4]
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Paste 3 key groups"
    assert editor.message.text() == "Pasted 3 key groups."
    document.undo_stack.undo()
    assert len(document.plan.key_groups) == 6


def test_pasted_rows_that_are_refused_are_listed_and_left_out(qtbot, editor, document):
    editor.select_rows([5])
    editor.paste("Name\tKeys\tRotation\nok\t3\t\nbad\t-5\t1000\ngroup\t4\t30\n")
    names = [g.name for g in document.plan.key_groups]
    assert names[-2:] == ["ok", "group"]
    text = editor.message.text()
    assert text.startswith("Pasted 2 key groups. Left out:")
    assert "Row 3, Keys: The key count must be a whole number of 0 or more, not -5" in text
    assert "Row 3, Rotation: The rotation period must be a whole number of days from 7 to 730, not 1000" in text


def test_pasted_names_are_made_unique(editor, document):
    editor.select_rows([5])
    editor.paste("tenant-data-keys\tUser\tSoftware\tAliyun_AES_256\t1\n")
    assert document.plan.key_groups[-1].name == "tenant-data-keys-2"


def test_one_value_pasted_goes_into_the_current_cell(qtbot, editor, document):
    model = editor.model
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(1, model.column_index("calls_per_month"))))
    editor.paste("1.5M")
    assert document.plan.key_groups[1].calls_per_month == Decimal(1_500_000)
    assert len(document.plan.key_groups) == 6


def test_copy_gives_tab_separated_rows_that_paste_back_as_the_same_groups(qtbot, editor, document):
    editor.view.setFocus()
    editor.select_rows([0, 1])
    qtbot.keyClick(editor.view, Qt.Key_C, Qt.ControlModifier)
    text = QApplication.clipboard().text()
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t") == ["tenant-data-keys", "User", "Software", "Aliyun_AES_256", "60", "1", "90 days",
                                    "Enabled", "60,000,000", "4 %/mo", "software, basic"]
    before = document.plan.key_groups[:2]
    editor.select_rows([5])
    editor.paste(text)
    pasted = document.plan.key_groups[6:8]
    assert [g.with_(name="x") for g in pasted] == [g.with_(name="x") for g in before]


def test_copy_with_headers_starts_with_the_column_titles(qtbot, editor):
    editor.view.setFocus()
    editor.select_rows([2])
    qtbot.keyClick(editor.view, Qt.Key_C, Qt.ControlModifier | Qt.AltModifier)
    first = QApplication.clipboard().text().splitlines()[0]
    assert first.split("\t")[:5] == ["Name", "Creator", "Protection", "Key spec", "Keys"]
    assert "Copy Rows with Headers" in [a.text() for a in editor.view.actions()]  # in the context menu too


def test_delete_clears_a_cell_and_never_removes_the_group(qtbot, editor, document):
    model = editor.model
    editor.view.setFocus()
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(0, model.column_index("rotation_days"))))
    qtbot.keyClick(editor.view, Qt.Key_Delete)
    assert document.plan.key_groups[0].rotation_days is None
    assert len(document.plan.key_groups) == 6
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(0, model.column_index("calls_per_month"))))
    qtbot.keyClick(editor.view, Qt.Key_Delete)
    assert document.plan.key_groups[0].calls_per_month == 0
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(0, model.column_index("protection"))))
    qtbot.keyClick(editor.view, Qt.Key_Delete)
    assert len(document.plan.key_groups) == 6
    assert "Protection has no empty value" in editor.message.text()


def test_tab_leaves_the_table_when_not_editing(qtbot, editor):
    from PySide6.QtWidgets import QPushButton

    after = QPushButton("after", editor)
    after.show()
    editor.view.setFocus()
    assert not editor.view.tabKeyNavigation()
    qtbot.keyClick(editor.view, Qt.Key_Tab)
    assert not editor.view.hasFocus()


def test_the_table_has_an_accessible_name_and_description(editor):
    assert editor.view.accessibleName() == "Key inventory"
    assert "Ctrl+V" in editor.view.accessibleDescription()


def test_in_the_main_window_ctrl_v_and_ctrl_c_reach_the_inventory(qtbot, main_window):
    main_window.show()
    qtbot.waitExposed(main_window)
    inventory = main_window.inventory
    main_window.inventory_dock.raise_()
    main_window.activateWindow()
    inventory.view.setFocus()
    qtbot.waitUntil(inventory.view.hasFocus)
    inventory.select_rows([0])
    qtbot.keyClick(inventory.view, Qt.Key_C, Qt.ControlModifier)
    assert QApplication.clipboard().text().startswith("tenant-data-keys\tUser\t")
    before = len(main_window.document.plan.key_groups)
    QApplication.clipboard().setText(SPREADSHEET)
    qtbot.keyClick(inventory.view, Qt.Key_V, Qt.ControlModifier)
    assert len(main_window.document.plan.key_groups) == before + 3
    assert "Pasted 3 key groups" in main_window.statusBar().currentMessage()


def test_typing_on_a_selected_cell_starts_an_edit_and_reads_6e7(qtbot, editor, document):
    model = editor.model
    editor.view.setFocus()
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(2, model.column_index("calls_per_month"))))
    qtbot.keyClicks(editor.view.viewport().focusWidget() or editor.view, "6")
    cell = QApplication.focusWidget()
    assert isinstance(cell, NumberEdit)
    qtbot.keyClicks(cell, "e7")
    qtbot.keyClick(cell, Qt.Key_Tab)  # Tab commits and moves on (one undo step, not two)
    QApplication.processEvents()
    assert document.plan.key_groups[2].calls_per_month == Decimal(60_000_000)
    assert document.undo_stack.count() == 1


def test_one_csv_line_pasted_is_a_new_group_not_a_cell_value(editor, document):
    editor.select_rows([5])
    editor.paste("web,User,Software,Aliyun_AES_256,5,1,none,Enabled,\"3,000,000\",0")
    assert document.plan.key_groups[-1].name == "web"
    assert document.plan.key_groups[-1].calls_per_month == Decimal(3_000_000)


def test_pasting_into_billed_as_says_it_follows_from_the_other_columns(editor, document):
    model = editor.model
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(0, model.column_index("billing_class"))))
    editor.paste("hardware")
    assert "Billed as cannot be typed or pasted" in editor.message.text()
    assert document.undo_stack.count() == 0


def test_pasting_ten_thousand_rows_is_one_step_and_quick(editor, document):
    import time

    row = "web\tUser\tSoftware\tAliyun_AES_256\t1,200\t1\t90 days\tEnabled\t3,000,000\t2 %/mo\n"
    editor.select_rows([5])
    started = time.perf_counter()
    editor.paste(row * 10_000)
    elapsed = time.perf_counter() - started
    groups = document.plan.key_groups
    assert len(groups) == 10_006 and groups[-1].name == "web-10000"
    assert document.undo_stack.count() == 1
    assert len(editor.selected_rows()) == 10_000
    assert elapsed < 10  # about 1 s here; naming and selecting were quadratic (minutes) before


def test_moving_onto_a_refused_cell_says_why_again(editor):
    model = editor.model
    model.setData(model.index(2, model.column_index("count")), "-5")
    editor.say("")
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(model.index(2, model.column_index("count"))))
    assert editor.message.text() == ("Row 3, Keys: The key count must be a whole number of 0 or more, not -5. "
                                     "Not applied: the plan keeps 4.")


@pytest.mark.parametrize("typed", ["3,00,000", "6o0"])
def test_a_refusal_reads_as_one_sentence(qtbot, editor, document, typed):
    """Unreadable text typed into Calls/month is refused in words, with no ".." where the reader's
    own sentence meets "Not applied", and the plan keeps its number."""
    before = document.plan.key_groups[0].calls_per_month
    said = []
    editor.view.itemDelegate().refused.connect(said.append)
    widget = _open_editor(editor, 0, "calls_per_month")
    widget.selectAll()
    qtbot.keyClicks(widget, typed)
    _enter(qtbot, widget)
    assert document.plan.key_groups[0].calls_per_month == before
    assert said and f'"{typed}"' in said[-1] and ".." not in said[-1] and "Not applied" in said[-1]


def test_new_totals_of_the_same_size_lay_nothing_out_again(qtbot, editor):
    """The totals line changes with every edit; the window is laid out again (and repainted under
    its toolbar) only when the line needs another size."""
    from tests.desktop.event_spy import EventSpy

    editor.resize(1400, 400)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(50)
    watch = EventSpy()
    editor.installEventFilter(watch)
    requests = watch.seen
    text = editor.footer.text()
    editor.footer.setText(text.replace("<b>", "<b>1", 1))  # one digit more: same line, same height
    qtbot.wait(30)
    assert requests == [] and editor.footer.text().count("<b>1") >= 1
    box = editor.footer.parentWidget()
    editor.footer.setText(text + "<br>a second line")
    qtbot.waitUntil(lambda: requests == [editor])
    qtbot.waitUntil(lambda: box.height() >= editor.footer.heightForWidth(box.width()))
