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
from tests.desktop.shown import shown

SOFTWARE = "payg-legacy.hosting.software"
SECRET = "payg-legacy.secret.month"


@pytest.fixture
def panel(qtbot, document):
    return shown(qtbot, PricesPanel(document), 1200, 500)


def _cell(panel, price_id, key):
    return panel.model.index(panel.row_of(price_id), panel.model.column_index(key))


def _type_value(qtbot, panel, price_id, text, press=Qt.Key_Return, limits=False):
    view, proxy = (panel.limits_view, panel.limits_proxy) if limits else (panel.view, panel.proxy)
    model = panel.limits_model if limits else panel.model
    row = panel.limit_row_of(price_id) if limits else panel.row_of(price_id)
    index = proxy.mapFromSource(model.index(row, model.column_index("value")))
    view.setFocus()
    view.setCurrentIndex(index)
    assert view.edit(index, QAbstractItemView.AllEditTriggers, None)
    line = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()][0]
    line.selectAll()
    qtbot.keyClick(line, Qt.Key_Backspace)
    qtbot.keyClicks(line, text)
    if press is not None:
        qtbot.keyClick(line, press)
    QApplication.processEvents()
    return line


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


def test_a_refused_price_keeps_the_editor_open_and_says_why(qtbot, panel, document):
    line = _type_value(qtbot, panel, SOFTWARE, "-1")
    assert line.isVisible() and line.text() == "-1"
    assert line.refusal == "The price must be a number from 0 to 1,000,000,000, not -1"
    assert "The price must be a number from 0 to 1,000,000,000, not -1" in panel.message.text()
    assert dict(document.plan.price_overrides) == {}
    qtbot.keyClick(line, Qt.Key_Escape)
    line = _type_value(qtbot, panel, SOFTWARE, "abc")
    assert '"abc" is not a number' in line.refusal
    assert dict(document.plan.price_overrides) == {}


def test_a_refused_price_left_by_clicking_away_stays_marked(qtbot, panel, document):
    line = _type_value(qtbot, panel, SOFTWARE, "-1", press=None)
    panel.view.setFocus()
    QApplication.processEvents()
    cell = _cell(panel, SOFTWARE, "value")
    assert cell.data() == "-1"
    assert "must be a number from 0 to 1,000,000,000, not -1" in cell.data(Qt.ToolTipRole)
    assert dict(document.plan.price_overrides) == {}


@pytest.mark.parametrize("typed, value", [("0.0025", "0.0025"), ("2.5e-3", "0.0025"), ("1,500", "1500"),
                                          ("1.5k", "1500"), ("0.06", "0.06")])
def test_prices_read_every_notation(qtbot, panel, document, typed, value):
    _type_value(qtbot, panel, SECRET, typed)
    assert document.plan.price_overrides[SECRET] == Decimal(value)


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


# --- limits, overridden as prices are ------------------------------------------------------------
KEY_QUOTA = "dedicated_instance_key_quota"
CMKS = "payg_legacy_cmks_per_region"


def _limit(panel, limit_id, key):
    return panel.limits_model.index(panel.limit_row_of(limit_id), panel.limits_model.column_index(key))


def test_limits_are_listed_with_their_sources(panel):
    catalog = load_catalog("international")
    ids = [limit.id for limit in panel.limits_model.rows]
    assert ids == [k for k, v in catalog.limit_entries.items() if not isinstance(v.value, list)]
    assert {KEY_QUOTA, "dedicated_instance_qps", CMKS, "shared_gateway_asymmetric_qps"} <= set(ids)
    assert _limit(panel, CMKS, "value").data() == "200"
    assert _limit(panel, CMKS, "source").data() == catalog.limit_entries[CMKS].source.title
    assert _limit(panel, KEY_QUOTA, "value").data() == "unknown: enter your quote"
    assert _limit(panel, KEY_QUOTA, "published").data() == "not published"
    assert panel.limits_view.accessibleName() == "Limits"


def test_a_limit_override_is_highlighted_undoable_saved_and_revertable(qtbot, panel, document, tmp_path):
    _type_value(qtbot, panel, CMKS, "1k", limits=True)
    assert dict(document.plan.limit_overrides) == {CMKS: Decimal(1000)}
    assert document.undo_stack.undoText() == "Override limit"
    cell = _limit(panel, CMKS, "value")
    assert cell.data() == "1,000" and cell.data(Qt.FontRole).bold() and cell.data(Qt.BackgroundRole) is not None
    assert _limit(panel, CMKS, "published").data() == "200"
    assert document.comparison.plan.limit_overrides[CMKS] == Decimal(1000)
    path = tmp_path / "p.kmsplan"
    planfile.save(document.plan, path)
    assert dict(planfile.load(path).limit_overrides) == {CMKS: Decimal(1000)}
    panel.limits_view.selectRow(panel.limits_proxy.mapFromSource(_limit(panel, CMKS, "label")).row())
    assert panel.revert_action.isEnabled()
    panel.revert_action.trigger()
    assert dict(document.plan.limit_overrides) == {}
    assert document.undo_stack.undoText() == "Revert limit"
    document.undo_stack.undo()
    assert document.plan.limit_overrides[CMKS] == Decimal(1000)


def test_dedicated_capacity_entered_in_the_panel_reaches_the_comparison(qtbot, panel, document):
    _type_value(qtbot, panel, KEY_QUOTA, "5,000", limits=True)
    _type_value(qtbot, panel, "dedicated_instance_qps", "2000", limits=True)
    assert dict(document.plan.limit_overrides) == {KEY_QUOTA: Decimal(5000), "dedicated_instance_qps": Decimal(2000)}
    assert document.comparison.option("dedicated").status != "unverified"


def test_a_refused_limit_leaves_the_plan_unchanged_and_says_why(qtbot, panel, document):
    line = _type_value(qtbot, panel, CMKS, "0", limits=True)
    assert line.isVisible() and "The limit must be above 0, not 0" in line.refusal
    assert "not 0" in panel.message.text()
    assert dict(document.plan.limit_overrides) == {}
    qtbot.keyClick(line, Qt.Key_Escape)
    _type_value(qtbot, panel, CMKS, "", limits=True)  # clearing an unchanged limit changes nothing
    assert document.undo_stack.count() == 0


def test_the_limits_model_passes_the_model_tester(qtmodeltester, document):
    from desktop.models.prices_model import LimitsModel

    qtmodeltester.check(LimitsModel(document), force_py=True)


def test_moving_onto_a_refused_value_says_why_again(qtbot, panel):
    model = panel.model
    model.setData(_cell(panel, SOFTWARE, "value"), "-1")
    panel.say("")
    panel.view.setCurrentIndex(panel.proxy.mapFromSource(_cell(panel, SOFTWARE, "value")))
    assert panel.message.text() == ("KMS 1.0 hosting: software key version: The price must be a number from 0 to "
                                    "1,000,000,000, not -1. Not applied: the plan keeps 0.002.")
