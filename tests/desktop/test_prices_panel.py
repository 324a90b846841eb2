"""The prices panel: every catalog price listed with its source; overrides typed, highlighted,
reverted and saved with the plan; unpublished prices filled in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from core import planfile
from core.catalog import load_catalog
from desktop.views.prices_panel import PricesPanel

SOFTWARE = "payg-legacy.hosting.software"
SECRET = "payg-legacy.secret.month"


@pytest.fixture
def panel(qtbot, document):
    widget = PricesPanel(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cell(panel, price_id, key):
    return panel.model.index(panel.row_of(price_id), panel.model.column_index(key))


def _type_value(qtbot, panel, price_id, text):
    index = panel.proxy.mapFromSource(_cell(panel, price_id, "value"))
    panel.view.setCurrentIndex(index)
    assert panel.view.edit(index, QAbstractItemView.AllEditTriggers, None)
    line = [w for w in panel.view.viewport().findChildren(QLineEdit) if w.isVisible()][0]
    line.selectAll()
    qtbot.keyClick(line, Qt.Key_Backspace)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key_Return)
    QApplication.processEvents()


def test_lists_every_catalog_price_with_unit_source_and_date(panel):
    catalog = load_catalog("international")
    assert panel.model.rowCount() == len(catalog.prices)
    row = panel.row_of(SOFTWARE)
    data = [panel.model.index(row, c).data() for c in range(panel.model.columnCount())]
    assert data == ["KMS 1.0 hosting: software key version", "0.002", "USD per key version-day", "0.002",
                    "Billing of KMS 1.0", "2025-09-01"]
    assert panel.model.index(row, panel.model.column_index("source")).data(Qt.ToolTipRole) == \
        "https://www.alibabacloud.com/help/en/kms/support/billing-of-kms"
    assert _cell(panel, SECRET, "value").data() == "unknown: enter a price"


def test_override_is_highlighted_undoable_and_saved(qtbot, panel, document, tmp_path):
    _type_value(qtbot, panel, SOFTWARE, "0.0025")
    assert document.plan.price_overrides == {SOFTWARE: Decimal("0.0025")}
    assert document.undo_stack.undoText() == "Override price"
    cell = _cell(panel, SOFTWARE, "value")
    assert cell.data() == "0.0025"
    assert cell.data(Qt.FontRole).bold()
    assert cell.data(Qt.BackgroundRole) is not None
    assert _cell(panel, SOFTWARE, "published").data() == "0.002"
    # the comparison uses it: 60+8+4+20 = 92 software key versions for 31 days in 2027-01, plus the
    # 4 jwt-signing keys' second version on day 31 (rotated every 30 days): 2,856 version-days at 0.0025
    hosting = next(line for line in document.comparison.option("payg-legacy").lines if line.item == "key hosting")
    assert hosting.monthly[0] == Decimal("7.14")
    path = tmp_path / "p.kmsplan"
    planfile.save(document.plan, path)
    assert planfile.load(path).price_overrides == {SOFTWARE: Decimal("0.0025")}


def test_filling_an_unpublished_price(qtbot, panel, document):
    _type_value(qtbot, panel, SECRET, "0.06")
    assert document.plan.price_overrides[SECRET] == Decimal("0.06")
    assert _cell(panel, SECRET, "value").data() == "0.06"
    assert _cell(panel, SECRET, "published").data() == "not published"


def test_revert_selected_rows(qtbot, panel, document):
    _type_value(qtbot, panel, SOFTWARE, "0.003")
    panel.view.selectRow(panel.proxy.mapFromSource(_cell(panel, SOFTWARE, "label")).row())
    assert panel.revert_action.isEnabled()
    panel.revert_action.trigger()
    assert dict(document.plan.price_overrides) == {}
    assert document.undo_stack.undoText() == "Revert price"
    assert _cell(panel, SOFTWARE, "value").data() == "0.002"
    document.undo_stack.undo()
    assert document.plan.price_overrides[SOFTWARE] == Decimal("0.003")


def test_clearing_the_value_reverts(qtbot, panel, document):
    _type_value(qtbot, panel, SOFTWARE, "0.003")
    _type_value(qtbot, panel, SOFTWARE, "")
    assert dict(document.plan.price_overrides) == {}


def test_a_refused_price_is_marked_with_the_reason(qtbot, panel, document):
    _type_value(qtbot, panel, SOFTWARE, "-1")
    assert dict(document.plan.price_overrides) == {}
    cell = _cell(panel, SOFTWARE, "value")
    assert cell.data() == "-1"
    assert "must be a number from 0 to 1,000,000,000, not -1" in cell.data(Qt.ToolTipRole)
    _type_value(qtbot, panel, SOFTWARE, "abc")
    assert "must be a decimal string" in _cell(panel, SOFTWARE, "value").data(Qt.ToolTipRole)


def test_source_link_shown_for_the_current_row(qtbot, panel):
    panel.view.setCurrentIndex(panel.proxy.mapFromSource(_cell(panel, SOFTWARE, "label")))
    text = panel.source_label.text()
    assert 'href="https://www.alibabacloud.com/help/en/kms/support/billing-of-kms"' in text
    assert "effective 2025-09-01" in text


def test_unknown_prices_stand_out(panel):
    cell = _cell(panel, SECRET, "value")
    assert cell.data(Qt.FontRole).italic()
    assert cell.data(Qt.ForegroundRole).color().name() == "#a11a1a"
    assert _cell(panel, SOFTWARE, "value").data(Qt.ForegroundRole) is None
