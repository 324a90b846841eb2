"""The generic table model (desktop/models/display_model.py): roles from column declarations,
fine-grained updates that keep the selection, checkable cells, copying rows as text."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from desktop.models.display_model import RIGHT, ROW_ROLE, Column, ColumnModel, rows_as_text


@dataclass
class Fruit:
    name: str
    price: str
    ripe: bool = False


def _model(rows, checked=None):
    ticks = checked if checked is not None else set()
    columns = [
        Column("Fruit", lambda r: r.name, decoration=lambda r: "#ff0000" if r.ripe else None,
               checked=lambda r: r.name in ticks, on_check=lambda r, on: ticks.add(r.name) if on else ticks.discard(r.name)),
        Column("Price", lambda r: r.price, RIGHT, foreground=lambda r: "#8a8a8a", bold=lambda r: r.ripe,
               tooltip=lambda r: f"{r.name} costs {r.price}", header_tip="per kilo"),
    ]
    model = ColumnModel(columns, row_title=lambda r: r.name[0])
    model.set_rows(rows)
    return model


def test_roles_come_from_the_columns(qtmodeltester):
    model = _model([Fruit("apple", "1.20", ripe=True), Fruit("pear", "2.00")])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == "apple"
    assert model.index(0, 1).data(Qt.TextAlignmentRole) == int(RIGHT)
    assert model.index(0, 1).data(Qt.ToolTipRole) == "apple costs 1.20"
    assert model.index(0, 1).data(Qt.ForegroundRole).color().name() == "#8a8a8a"
    assert model.index(0, 1).data(Qt.FontRole).bold() and model.index(1, 1).data(Qt.FontRole) is None
    assert model.index(0, 0).data(Qt.DecorationRole).name() == "#ff0000"
    assert model.index(1, 0).data(ROW_ROLE) == Fruit("pear", "2.00")
    assert model.headerData(1, Qt.Horizontal) == "Price"
    assert model.headerData(1, Qt.Horizontal, Qt.ToolTipRole) == "per kilo"
    assert model.headerData(1, Qt.Vertical) == "p"


def test_set_title_renames_a_column(qtbot):
    model = _model([Fruit("apple", "1")])
    with qtbot.waitSignal(model.headerDataChanged):
        model.set_title(1, "Price (USD)")
    assert model.headerData(1, Qt.Horizontal) == "Price (USD)"
    assert model.index(0, 1).data() == "1"


def test_checkable_cells_call_back(qtmodeltester):
    ticks = set()
    model = _model([Fruit("apple", "1")], ticks)
    assert model.flags(model.index(0, 0)) & Qt.ItemIsUserCheckable
    assert not model.flags(model.index(0, 1)) & Qt.ItemIsUserCheckable
    assert model.setData(model.index(0, 0), Qt.Checked, Qt.CheckStateRole)
    assert ticks == {"apple"} and model.index(0, 0).data(Qt.CheckStateRole) == Qt.Checked
    assert not model.setData(model.index(0, 1), Qt.Checked, Qt.CheckStateRole)


def test_updates_insert_and_remove_rows_and_keep_the_selection(qtbot, qtmodeltester):
    model = _model([Fruit("apple", "1"), Fruit("pear", "2")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectionModel().setCurrentIndex(model.index(1, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    with qtbot.waitSignal(model.rowsInserted):
        model.set_rows([Fruit("apple", "1.5"), Fruit("pear", "2.5"), Fruit("plum", "3")])
    assert view.selectionModel().isRowSelected(1) and model.index(1, 1).data() == "2.5"
    with qtbot.waitSignal(model.rowsRemoved):
        model.set_rows([Fruit("apple", "1.5"), Fruit("pear", "2.5")])
    assert view.selectionModel().isRowSelected(1)
    qtmodeltester.check(model, force_py=True)


def test_rows_as_text_for_the_clipboard(qtbot):
    model = _model([Fruit("apple", "1.20"), Fruit("pear", "2.00")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().hide()
    assert rows_as_text(view) == "Fruit\tPrice\napple\t1.20\npear\t2.00\n"
    view.selectRow(1)
    assert rows_as_text(view) == "Fruit\tPrice\npear\t2.00\n"
    view.verticalHeader().show()
    assert rows_as_text(view).splitlines()[1] == "p\tpear\t2.00"


@pytest.mark.parametrize("role", [Qt.EditRole, Qt.StatusTipRole, Qt.SizeHintRole])
def test_roles_not_declared_are_empty(role):
    assert _model([Fruit("apple", "1")]).index(0, 0).data(role) is None


def test_a_cells_tooltip_is_its_accessible_description_in_plain_words(qapp):
    model = ColumnModel([Column("Note", lambda r: r.name, tooltip=lambda r: r.price)])
    model.set_rows([Fruit("a", "<ul><li>needs a <b>price</b> &amp; a limit</li></ul>"), Fruit("b", "plain")])
    assert model.index(0, 0).data(Qt.AccessibleDescriptionRole) == "needs a price & a limit"
    assert model.index(1, 0).data(Qt.AccessibleDescriptionRole) == "plain"
