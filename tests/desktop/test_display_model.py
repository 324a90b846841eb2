"""The generic table model (desktop/models/display_model.py): roles from column declarations,
fine-grained updates that keep the selection and name only the cells that changed, checkable
cells, copying rows as text."""

import html
import re
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QStyledItemDelegate, QTableView

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


# --- cells worked out once, updates name only the cells that changed -------------------------------
ROLES = (Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ToolTipRole, Qt.ForegroundRole, Qt.BackgroundRole,
         Qt.DecorationRole, Qt.FontRole, Qt.CheckStateRole, Qt.AccessibleDescriptionRole, Qt.EditRole,
         Qt.SizeHintRole, ROW_ROLE)


def _declared(column, row, role):
    """What a cell shows, read straight from its column's declaration (the model's contract)."""
    role = int(role)
    colour = None
    if role == int(Qt.DisplayRole):
        return column.text(row)
    if role == int(Qt.TextAlignmentRole):
        return int(column.align)
    if role in (int(Qt.ToolTipRole), int(Qt.AccessibleDescriptionRole)):
        tip = column.tooltip(row) if column.tooltip else None
        if role == int(Qt.AccessibleDescriptionRole) and tip and "<" in tip:
            return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", tip)).split())
        return tip
    if role == int(Qt.ForegroundRole):
        colour = column.foreground(row) if column.foreground else None
    elif role == int(Qt.BackgroundRole):
        colour = column.background(row) if column.background else None
    elif role == int(Qt.DecorationRole):
        colour = column.decoration(row) if column.decoration else None
        return ("colour", QColor(colour).name()) if colour else None
    elif role == int(Qt.FontRole):
        return ("bold",) if column.bold and column.bold(row) else None
    elif role == int(Qt.CheckStateRole):
        return None if column.checked is None else (Qt.Checked if column.checked(row) else Qt.Unchecked)
    elif role == int(ROW_ROLE):
        return row
    else:
        return None
    return ("brush", QColor(colour).name()) if colour else None


def _shown(model, r, c, role):
    """What the model answers, in the terms of _declared (Qt objects by their colour / weight)."""
    value = model.index(r, c).data(role)
    if isinstance(value, QBrush):
        return "brush", value.color().name()
    if isinstance(value, QColor):
        return "colour", value.name()
    if isinstance(value, QIcon):  # a swatch the view made of the colour (the summary's)
        return "colour", value.pixmap(value.availableSizes()[0]).toImage().pixelColor(0, 0).name()
    if isinstance(value, QFont):
        return ("bold",) if value.bold() else ("regular",)
    return value


def _assert_as_declared(model):
    for r, row in enumerate(model.rows):
        for c, column in enumerate(model.columns):
            for role in ROLES:
                assert _shown(model, r, c, role) == _declared(column, row, role), (r, column.title, role)


def _analysis_models(pane):
    pane.tabs.setCurrentWidget(pane.breakdown)  # the breakdown fills only when seen
    return {"summary": pane.summary.model_, "breakdown": pane.breakdown.model_, "scenarios": pane.scenarios_view.model_}


@pytest.mark.parametrize("sample", ["growing-saas", "regulated-estate"])
def test_every_cell_and_role_answers_as_its_column_declares_through_edits(qtbot, sample):
    """The kept cells follow every change: edits, a what-if, a hidden curve, undo."""
    from core.planfile import load
    from core.paths import samples_dir
    from core.sweep import WhatIf
    from desktop.document import PlanDocument
    from desktop.views.analysis_pane import AnalysisPane

    document = PlanDocument(load(samples_dir() / f"{sample}.kmsplan"))
    pane = AnalysisPane(document)
    qtbot.addWidget(pane)
    pane.show()
    models = _analysis_models(pane)
    for model in models.values():
        _assert_as_declared(model)
    plan = document.plan
    group = plan.key_groups[0]
    for count in (group.count * 3, group.count + 1, 0):
        document.edit(plan.with_(key_groups=(replace(group, count=count),) + plan.key_groups[1:]), "Keys")
        for model in models.values():
            _assert_as_declared(model)
    pane.set_whatif(WhatIf(calls_factor=Decimal("4")))
    pane.summary.set_hidden({pane.summary.model_.rows[0].id})
    for model in models.values():
        _assert_as_declared(model)
    document.undo_stack.undo()
    pane.set_whatif(WhatIf())
    pane.summary.set_hidden(set())
    for model in models.values():
        _assert_as_declared(model)


def test_an_update_names_only_the_cells_that_changed(qapp):
    model = _model([Fruit("apple", "1"), Fruit("pear", "2"), Fruit("plum", "3")])
    changed = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append(((a.row(), a.column()), (b.row(), b.column()))))
    model.set_rows([Fruit("apple", "1"), Fruit("pear", "2.5"), Fruit("plum", "3")])
    assert changed == [((1, 1), (1, 1))]
    changed.clear()
    model.set_rows([Fruit("apple", "1", ripe=True), Fruit("pear", "2.5"), Fruit("plum", "3")])
    assert changed == [((0, 0), (0, 1))]  # the swatch and the bold price: one run of neighbouring cells
    changed.clear()
    model.set_rows([Fruit("apple", "1", ripe=True), Fruit("pear", "2.5"), Fruit("plum", "3")])
    assert changed == []
    assert model.index(1, 1).data() == "2.5" and model.index(0, 1).data(Qt.FontRole).bold()


def test_a_changed_cell_is_repainted_with_its_new_text_and_the_others_are_not(qtbot):
    model = _model([Fruit("apple", "1"), Fruit("pear", "2")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    painted = []

    class Delegate(QStyledItemDelegate):
        def paint(self, painter, option, index):
            painted.append((index.row(), index.column(), index.data()))
            super().paint(painter, option, index)

    view.setItemDelegate(Delegate(view))
    qtbot.waitUntil(lambda: len(painted) == 4)  # the first paint: every cell
    qtbot.wait(20)
    painted.clear()
    model.set_rows([Fruit("apple", "1"), Fruit("pear", "2.75")])
    qtbot.waitUntil(lambda: bool(painted))
    assert painted == [(1, 1, "2.75")]


def test_a_changed_tooltip_alone_repaints_nothing_and_reads_anew(qapp):
    words = {"tip": "1.20 a kilo"}
    model = ColumnModel([Column("Price", lambda r: r.price, tooltip=lambda r: words["tip"])])
    model.set_rows([Fruit("apple", "1")])
    assert model.index(0, 0).data(Qt.ToolTipRole) == "1.20 a kilo"
    changed = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    words["tip"] = "1.25 a kilo"
    model.refresh()
    assert changed == [] and model.index(0, 0).data(Qt.ToolTipRole) == "1.25 a kilo"
    assert model.index(0, 0).data(Qt.AccessibleDescriptionRole) == "1.25 a kilo"
